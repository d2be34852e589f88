//! Stage B (S-4..S-7): who pays the personal burden (个人负担): own account, family funds, cash.

use alloc::string::String;
use alloc::vec::Vec;

use super::commands::LedgerCommand;
use super::explain::{restrict, step, Trace};
use super::notice::{Notice, NoticeCode};
use super::output::SharerPay;
use super::request::{FamilyFund, ItemClass, SettleRequest};
use super::stage_a::StageA;
use super::sum::{add, sub};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::Mode;
use crate::policy::{Resolved, VisitType};
use crate::text::{self, Arg, Term, Text, Words};

/// What stage B decided.
#[derive(Debug)]
pub(crate) struct StageB {
    pub psn_part_amt: Money,
    pub self_acct_pay: Money,
    pub acct_mulaid_pay: Money,
    pub psn_cash_pay: Money,
    pub mulaid_by_sharer: Vec<SharerPay>,
    pub wallet_commands: Vec<LedgerCommand>,
}

/// A payer of stage B.
#[derive(Clone, Copy)]
enum Source {
    Own,
    /// Index into the funds in paying order.
    Fund(usize),
}

/// What is left to spend and what was paid, per payer.
struct Purse {
    own: Money,
    paid_own: Money,
    /// Each family fund's part in paying order (the document's `mulaid_by_sharer` as it fills up):
    /// what it paid (`amount`) out of what it held (`available`).
    funds: Vec<SharerPay>,
}

impl Purse {
    fn left(&self, s: Source) -> Money {
        match s {
            Source::Own => self.own,
            Source::Fund(k) => self
                .funds
                .get(k)
                .map_or(Money::ZERO, |f| f.available.saturating_sub(f.amount)),
        }
    }

    /// What each family fund paid, in paying order.
    fn paid(&self) -> impl Iterator<Item = Money> + '_ {
        self.funds.iter().map(|f| f.amount)
    }

    fn take(&mut self, s: Source, amount: Money) -> Result<(), Error> {
        let left = self.left(s);
        let paid = match s {
            Source::Own => {
                self.own = sub(left, amount, "funds")?;
                &mut self.paid_own
            }
            Source::Fund(k) => match self.funds.get_mut(k) {
                Some(f) => {
                    sub(left, amount, "funds")?;
                    &mut f.amount
                }
                None => return Err(Error::new(Code::SettlementInvalid, "funds")),
            },
        };
        *paid = add(*paid, amount, "funds")?;
        Ok(())
    }
}

/// The payers' names in both languages, for the trace only (empty when the trace is off).
struct Names(Vec<Text>);

impl Names {
    fn new(ordered: &[(usize, &FamilyFund)], t: &Trace) -> Names {
        Names(
            ordered
                .iter()
                .filter(|_| t.on())
                .map(|(_, f)| match f.mode {
                    Mode::Wallet => text::payer_wallet(&f.sharer),
                    Mode::InProvince => text::payer_in_province(&f.sharer),
                })
                .collect(),
        )
    }

    fn of(&self, s: Source) -> Words<'_> {
        match s {
            Source::Own => Term::OwnAccount.words(),
            Source::Fund(k) => self.0.get(k).map_or(("", ""), |n| (&n.zh, &n.en)),
        }
    }
}

/// S-4: own account first (by default), then family funds in S-5 order; walked, never listed.
#[derive(Clone, Copy)]
struct Order {
    own_first: bool,
    funds: usize,
}

impl Order {
    fn iter(self) -> impl Iterator<Item = Source> {
        let own = core::iter::once(Source::Own);
        let first = own.clone().filter(move |_| self.own_first);
        let last = own.filter(move |_| !self.own_first);
        first.chain((0..self.funds).map(Source::Fund)).chain(last)
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
    let order = Order {
        own_first: *pol.own_account_first,
        funds: ordered.len(),
    };
    let mut purse = Purse {
        own: req.own_balance,
        paid_own: Money::ZERO,
        funds: ordered
            .iter()
            .map(|(_, f)| SharerPay {
                sharer: f.sharer.clone(),
                mode: f.mode,
                available: f.available,
                amount: Money::ZERO,
                reference: None,
            })
            .collect(),
    };
    let names = Names::new(&ordered, t);
    let psn_part = burden(req, a, t)?;
    if req.visit.kind == VisitType::Premium {
        premiums(req, pol, order, &mut purse, &names, t)?;
    } else if !req.visit.designated {
        // S-6: accounts and sharing pay only at designated institutions; the burden is cash.
        let shown = || text::s6_outside_cash(&psn_part);
        restrict!(t, Code::NotDesignated, "psn_cash_pay", shown());
        t.notice(Notice::new(NoticeCode::NotDesignated, psn_part));
    } else {
        let payable = payable(req, pol, a, psn_part, t)?;
        let short = pay_in_order(payable, order, &mut purse, &names, t)?;
        if let (false, Some((_, last))) = (short.is_zero(), ordered.last()) {
            // S-13: what the family funds could have paid but did not hold went to cash.
            t.notice(Notice::new(NoticeCode::QuotaInsufficient, short).fund(&last.sharer));
        }
    }
    let mulaid = purse
        .paid()
        .try_fold(Money::ZERO, |acc, m| add(acc, m, "acct_mulaid_pay"))?;
    let acct = add(purse.paid_own, mulaid, "acct_pay")?;
    let cash = sub(psn_part, acct, "acct_pay")?;
    step!(
        t,
        "S-4",
        "psn_cash_pay",
        text::s4_cash(&psn_part, &purse.paid_own, &mulaid, &cash),
    );
    let (mulaid_by_sharer, wallet_commands) = sharers(req, purse.funds);
    Ok(StageB {
        psn_part_amt: psn_part,
        self_acct_pay: purse.paid_own,
        acct_mulaid_pay: mulaid,
        psn_cash_pay: cash,
        mulaid_by_sharer,
        wallet_commands,
    })
}

/// S-8, S-11: the personal burden, what the funds and the institution leave of the bill.
fn burden(req: &SettleRequest, a: &StageA, t: &mut Trace) -> Result<Money, Error> {
    let funds = a
        .other
        .parts()
        .into_iter()
        .try_fold(a.hifp_pay, |acc, m| add(acc, m, "fund_pay_sumamt"))?;
    let hosp = a.other.hosp_part_amt;
    let psn_part = sub(a.medfee_sumamt, funds, "fund_pay_sumamt")
        .and_then(|m| sub(m, hosp, "hosp_part_amt"))?;
    if req.presettlement.is_some() {
        let shown = || text::s11_burden(&a.medfee_sumamt, &funds, &hosp, &psn_part);
        step!(t, "S-11", "psn_part_amt", shown());
    } else if funds != a.hifp_pay {
        // S-12: the layers paid too.
        let (mi, ob) = (&a.other.hifmi_pay, &a.other.hifob_pay);
        let shown = || text::s12_burden(&a.medfee_sumamt, &a.hifp_pay, mi, ob, &psn_part);
        step!(t, "S-12", "psn_part_amt", shown());
    } else {
        let shown = || text::s8_burden(&a.medfee_sumamt, &a.hifp_pay, &psn_part);
        step!(t, "S-8", "psn_part_amt", shown());
    }
    Ok(psn_part)
}

/// S-4, S-5: each payer in turn pays what it can of what is left; returns what none could pay.
fn pay_in_order(
    payable: Money,
    order: Order,
    purse: &mut Purse,
    names: &Names,
    t: &mut Trace,
) -> Result<Money, Error> {
    let mut left = payable;
    for s in order.iter() {
        let can = purse.left(s);
        let pay = left.min(can);
        purse.take(s, pay)?;
        let before = left;
        left = sub(left, pay, "psn_part_amt")?;
        let (rule, field) = match s {
            Source::Own => ("S-4", "self_acct_pay"),
            Source::Fund(_) => ("S-5", "acct_mulaid_pay"),
        };
        step!(
            t,
            rule,
            field,
            text::s4_pays(&before, &can, &pay, names.of(s))
        );
    }
    Ok(left)
}

/// S-5, S-8: each sharer's part in paying order, and a ledger spend `{reference}/n` for each that paid.
fn sharers(
    req: &SettleRequest,
    mut mulaid_by_sharer: Vec<SharerPay>,
) -> (Vec<SharerPay>, Vec<LedgerCommand>) {
    let spends = mulaid_by_sharer
        .iter()
        .filter(|p| !p.amount.is_zero())
        .count();
    let mut wallet_commands = Vec::with_capacity(spends);
    for p in mulaid_by_sharer.iter_mut().filter(|p| !p.amount.is_zero()) {
        let r = spend_reference(&req.reference, wallet_commands.len() + 1);
        wallet_commands.push(LedgerCommand::Spend {
            sharer: p.sharer.clone(),
            beneficiary: req.patient.id.clone(),
            amount: p.amount,
            reference: r.clone(),
        });
        p.reference = Some(r);
    }
    (mulaid_by_sharer, wallet_commands)
}

/// S-5: `{reference}/{n}`, the ledger spend reference of the n-th sharer that paid (written without the
/// formatting machinery: it is on every settlement's path).
fn spend_reference(reference: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut n = n;
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut r = String::with_capacity(reference.len() + 1 + digits.len() - start);
    r.push_str(reference);
    r.push('/');
    r.extend(digits.iter().skip(start).map(|d| char::from(*d)));
    r
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
    for (i, (item, split)) in req.items.iter().zip(a.items.iter()).enumerate() {
        let kept = if item.category.non_medical() {
            &mut goods
        } else if let Some(use_) = item.category.optional_use() {
            if pol.accounts_pay_optional.contains(&use_) {
                continue;
            }
            &mut optional
        } else if item.class == Some(ItemClass::C) && !*pol.accounts_pay_full_self_pay {
            &mut full
        } else {
            continue;
        };
        *kept = add(*kept, split.fulamt_ownpay_amt, "items")?;
        if !split.fulamt_ownpay_amt.is_zero() {
            let n = Notice::new(NoticeCode::AccountNotAllowed, split.fulamt_ownpay_amt);
            t.notice(n.item(i));
        }
    }
    type Shown = fn(&dyn Arg, &dyn Arg, &dyn Arg) -> Text;
    let mut full_shown: Shown = text::s6_full_self_pay;
    if req.presettlement.is_some() && !*pol.accounts_pay_full_self_pay {
        // S-11: the pre-settled 全自费 is all the burden known to be out of the catalogue.
        full = a.fulamt_ownpay_amt.min(psn_part);
        full_shown = text::s6_split_full_self_pay;
        if !full.is_zero() {
            t.notice(Notice::new(NoticeCode::AccountNotAllowed, full));
        }
    }
    let kept: [(Money, Shown); 3] = [
        (goods, text::s6_goods),
        (optional, text::s6_optional),
        (full, full_shown),
    ];
    let mut payable = psn_part;
    for (amount, shown) in kept {
        if !amount.is_zero() {
            let after = sub(payable, amount, "psn_part_amt")?;
            let why = || shown(&payable, &amount, &after);
            restrict!(t, Code::AccountNotAllowed, "psn_cash_pay", why());
            payable = after;
        }
    }
    step!(t, "S-6", "acct_pay", text::s6_payable(&payable));
    Ok(payable)
}

/// S-7: each premium is paid in full by one payer (own account or one fund, in S-4/S-5 order), never partly;
/// when no single payer covers it, it is paid in cash. Apart from `settle`: only a premium visit runs it.
#[inline(never)]
fn premiums(
    req: &SettleRequest,
    pol: &Resolved<'_>,
    order: Order,
    purse: &mut Purse,
    names: &Names,
    t: &mut Trace,
) -> Result<(), Error> {
    for (i, item) in req.items.iter().enumerate() {
        let field = || super::stage_a::item_path(i);
        let (name, amount) = (&item.name, &item.amount);
        if item.amount.is_zero() {
            continue;
        }
        if let Some(use_) = item.category.optional_use() {
            if !pol.accounts_pay_optional.contains(&use_) {
                let why = || text::s7_optional_cash(name, amount);
                restrict!(t, Code::AccountNotAllowed, field(), why());
                t.notice(Notice::new(NoticeCode::AccountNotAllowed, item.amount).item(i));
                continue;
            }
        }
        match order.iter().find(|s| purse.left(*s) >= item.amount) {
            Some(s) => {
                let can = purse.left(s);
                purse.take(s, item.amount)?;
                let shown = || text::s7_paid_whole(name, &can, amount, names.of(s));
                step!(t, "S-7", field(), shown());
            }
            None => {
                let why = || text::s7_not_full(name, amount);
                restrict!(t, Code::PremiumNotFull, field(), why());
                t.notice(Notice::new(NoticeCode::PremiumNotFull, item.amount).item(i));
            }
        }
    }
    Ok(())
}
