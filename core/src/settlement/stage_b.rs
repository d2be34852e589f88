//! Stage B (S-4..S-7): who pays the personal burden (个人负担): own account, family funds, cash.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::explain::{restrict, step, Trace};
use super::output::SharerPay;
use super::request::{ItemClass, SettleRequest};
use super::stage_a::StageA;
use super::sum::{add, sub};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::Mode;
use crate::policy::{Resolved, VisitType};
use crate::wallet::Command;

/// What stage B decided.
#[derive(Debug)]
pub(crate) struct StageB {
    pub psn_part_amt: Money,
    pub self_acct_pay: Money,
    pub acct_mulaid_pay: Money,
    pub psn_cash_pay: Money,
    pub mulaid_by_sharer: Vec<SharerPay>,
    pub wallet_commands: Vec<Command>,
}

/// A payer of stage B.
#[derive(Clone, Copy)]
enum Source {
    Own,
    /// Index into the funds in paying order.
    Fund(usize),
}

/// What is left to spend, per payer.
struct Purse {
    own: Money,
    funds: Vec<Money>,
    paid_own: Money,
    paid: Vec<Money>,
}

impl Purse {
    fn left(&self, s: Source) -> Money {
        match s {
            Source::Own => self.own,
            Source::Fund(k) => self.funds.get(k).copied().unwrap_or(Money::ZERO),
        }
    }

    fn take(&mut self, s: Source, amount: Money) -> Result<(), Error> {
        let (left, paid) = match s {
            Source::Own => (&mut self.own, &mut self.paid_own),
            Source::Fund(k) => match (self.funds.get_mut(k), self.paid.get_mut(k)) {
                (Some(l), Some(p)) => (l, p),
                _ => return Err(Error::new(Code::SettlementInvalid, "funds")),
            },
        };
        *left = sub(*left, amount, "funds")?;
        *paid = add(*paid, amount, "funds")?;
        Ok(())
    }
}

/// Runs S-4..S-7 after stage A.
pub(crate) fn run(
    req: &SettleRequest,
    pol: &Resolved<'_>,
    a: &StageA,
    t: &mut Trace,
) -> Result<StageB, Error> {
    let ordered = req.ordered_funds();
    // S-4: own account first (by default), then family funds in S-5 order, then cash.
    let mut order = Vec::with_capacity(ordered.len() + 1);
    if *pol.own_account_first {
        order.push(Source::Own);
    }
    order.extend((0..ordered.len()).map(Source::Fund));
    if !*pol.own_account_first {
        order.push(Source::Own);
    }
    let mut purse = Purse {
        own: req.own_balance,
        funds: ordered.iter().map(|(_, f)| f.available).collect(),
        paid_own: Money::ZERO,
        paid: ordered.iter().map(|_| Money::ZERO).collect(),
    };
    // The payers' names, for the trace only.
    let names: Vec<(String, String)> = ordered
        .iter()
        .filter(|_| t.on())
        .map(|(_, f)| match f.mode {
            Mode::Wallet => (
                format!("共济人 {}（医保钱包额度）", f.sharer),
                format!("sharer {} (wallet quota)", f.sharer),
            ),
            Mode::InProvince => (
                format!("共济人 {}（省内家庭共济）", f.sharer),
                format!("sharer {} (in-province sharing)", f.sharer),
            ),
        })
        .collect();
    let name = |s: Source| -> (String, String) {
        match s {
            Source::Own => ("本人个人账户".into(), "own account".into()),
            Source::Fund(k) => names.get(k).cloned().unwrap_or_default(),
        }
    };

    let psn_part = sub(a.medfee_sumamt, a.hifp_pay, "hifp_pay")?;
    step!(
        t,
        "S-8",
        "psn_part_amt",
        format!(
            "个人负担 = {} − 统筹 {} − 医院负担 0.00 = {psn_part}",
            a.medfee_sumamt, a.hifp_pay
        ),
        format!(
            "personal burden = {} − fund {} − hospital 0.00 = {psn_part}",
            a.medfee_sumamt, a.hifp_pay
        ),
    );

    if req.visit.kind == VisitType::Premium {
        premiums(req, pol, &order, &mut purse, &name, t)?;
    } else if !req.visit.designated {
        // S-6: accounts and sharing pay only at designated institutions; the burden is cash.
        restrict!(t,
            Code::NotDesignated,
            "psn_cash_pay",
            format!("非定点医药机构：个人账户与共济资金不能支付，个人负担 {psn_part} 全部现金支付"),
            format!("not a designated institution: accounts and sharing cannot pay; the burden {psn_part} is all cash"),
        );
    } else {
        let payable = payable(req, pol, a, psn_part, t)?;
        let mut left = payable;
        for s in order.iter().copied() {
            let can = purse.left(s);
            let pay = left.min(can);
            purse.take(s, pay)?;
            let before = left;
            left = sub(left, pay, "psn_part_amt")?;
            if t.on() {
                let (zh, en) = name(s);
                let (rule, field) = match s {
                    Source::Own => ("S-4", "self_acct_pay"),
                    Source::Fund(_) => ("S-5", "acct_mulaid_pay"),
                };
                t.step(
                    rule,
                    field,
                    format!("{zh}支付 min({before}, {can}) = {pay}"),
                    format!("{en} pays min({before}, {can}) = {pay}"),
                );
            }
        }
    }

    let mulaid = purse
        .paid
        .iter()
        .try_fold(Money::ZERO, |acc, m| add(acc, *m, "acct_mulaid_pay"))?;
    let acct = add(purse.paid_own, mulaid, "acct_pay")?;
    let cash = sub(psn_part, acct, "acct_pay")?;
    step!(
        t,
        "S-4",
        "psn_cash_pay",
        format!(
            "现金支付 = {psn_part} − 本人个账 {} − 共济 {mulaid} = {cash}",
            purse.paid_own
        ),
        format!(
            "cash = {psn_part} − own account {} − sharing {mulaid} = {cash}",
            purse.paid_own
        ),
    );

    let mut mulaid_by_sharer = Vec::with_capacity(ordered.len());
    let mut wallet_commands = Vec::new();
    for ((_, f), paid) in ordered.iter().zip(purse.paid.iter().copied()) {
        let reference =
            (!paid.is_zero()).then(|| format!("{}/{}", req.reference, wallet_commands.len() + 1));
        if let Some(r) = &reference {
            wallet_commands.push(Command::Spend {
                sharer: f.sharer.clone(),
                beneficiary: req.patient.id.clone(),
                amount: paid,
                reference: r.clone(),
            });
        }
        mulaid_by_sharer.push(SharerPay {
            sharer: f.sharer.clone(),
            mode: f.mode,
            available: f.available,
            amount: paid,
            reference,
        });
    }
    Ok(StageB {
        psn_part_amt: psn_part,
        self_acct_pay: purse.paid_own,
        acct_mulaid_pay: mulaid,
        psn_cash_pay: cash,
        mulaid_by_sharer,
        wallet_commands,
    })
}

/// S-6: the part of the burden accounts and sharing may pay: not non-medical goods, not optional uses
/// the region does not allow, and 全自费 items only where the region allows.
fn payable(
    req: &SettleRequest,
    pol: &Resolved<'_>,
    a: &StageA,
    psn_part: Money,
    t: &mut Trace,
) -> Result<Money, Error> {
    let (mut goods, mut optional, mut full) = (Money::ZERO, Money::ZERO, Money::ZERO);
    for (item, split) in req.items.iter().zip(a.items.iter()) {
        if item.category.non_medical() {
            goods = add(goods, split.fulamt_ownpay_amt, "items")?;
        } else if let Some(use_) = item.category.optional_use() {
            if !pol.accounts_pay_optional.contains(&use_) {
                optional = add(optional, split.fulamt_ownpay_amt, "items")?;
            }
        } else if item.class == Some(ItemClass::C) && !*pol.accounts_pay_full_self_pay {
            full = add(full, split.fulamt_ownpay_amt, "items")?;
        }
    }
    let mut payable = psn_part;
    if !goods.is_zero() {
        let after = sub(payable, goods, "psn_part_amt")?;
        restrict!(t,
            Code::AccountNotAllowed,
            "psn_cash_pay",
            format!("保健品、化妆品、生活用品、医疗美容不能用个人账户或共济资金：{payable} − {goods} = {after}"),
            format!("health products, cosmetics, daily goods and cosmetic surgery are never paid from accounts: {payable} − {goods} = {after}"),
        );
        payable = after;
    }
    if !optional.is_zero() {
        let after = sub(payable, optional, "psn_part_amt")?;
        restrict!(t,
            Code::AccountNotAllowed,
            "psn_cash_pay",
            format!("当地不允许个人账户支付疫苗、体检或惠民保：{payable} − {optional} = {after}"),
            format!("the region does not let accounts pay these vaccines, check-ups or 惠民保: {payable} − {optional} = {after}"),
        );
        payable = after;
    }
    if !full.is_zero() {
        let after = sub(payable, full, "psn_part_amt")?;
        restrict!(t,
            Code::AccountNotAllowed,
            "psn_cash_pay",
            format!("当地不允许个人账户支付全自费（目录外）项目：{payable} − {full} = {after}"),
            format!("the region does not let accounts pay full self-pay (out-of-catalogue) items: {payable} − {full} = {after}"),
        );
        payable = after;
    }
    step!(
        t,
        "S-6",
        "acct_pay",
        format!("个人账户与共济资金可支付 {payable}"),
        format!("accounts and sharing may pay {payable}"),
    );
    Ok(payable)
}

/// S-7: each premium is paid in full by one payer (own account or one fund, in S-4/S-5 order), never partly;
/// when no single payer covers it, it is paid in cash.
fn premiums(
    req: &SettleRequest,
    pol: &Resolved<'_>,
    order: &[Source],
    purse: &mut Purse,
    name: &dyn Fn(Source) -> (String, String),
    t: &mut Trace,
) -> Result<(), Error> {
    for (i, item) in req.items.iter().enumerate() {
        let field = || format!("items[{i}]");
        if item.amount.is_zero() {
            continue;
        }
        if let Some(use_) = item.category.optional_use() {
            if !pol.accounts_pay_optional.contains(&use_) {
                restrict!(
                    t,
                    Code::AccountNotAllowed,
                    &field(),
                    format!(
                        "{}：当地不允许个人账户支付，{} 现金支付",
                        item.name, item.amount
                    ),
                    format!(
                        "{}: the region does not let accounts pay it; {} in cash",
                        item.name, item.amount
                    ),
                );
                continue;
            }
        }
        match order.iter().copied().find(|s| purse.left(*s) >= item.amount) {
            Some(s) => {
                let can = purse.left(s);
                purse.take(s, item.amount)?;
                step!(t,
                    "S-7",
                    &field(),
                    format!("{}：{}余额 {can} 足以全额支付 {}", item.name, name(s).0, item.amount),
                    format!("{}: {} holds {can}, enough to pay {} in full", item.name, name(s).1, item.amount),
                );
            }
            None => restrict!(t,
                Code::PremiumNotFull,
                &field(),
                format!("{}：没有一个账户或共济额度足以全额支付 {}，不得部分支付，现金支付", item.name, item.amount),
                format!("{}: no single account or quota covers {} and it may not be paid in part; paid in cash", item.name, item.amount),
            ),
        }
    }
    Ok(())
}
