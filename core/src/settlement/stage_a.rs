//! Stage A (S-1..S-3): what the patient's own scheme pays from the pooled fund (统筹基金).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use rust_decimal::Decimal;

use super::explain::{step, Trace};
use super::output::ItemSplit;
use super::request::{Accumulators, Item, ItemClass, SettleRequest};
use super::sum::{add, sub};
use crate::error::{Code, Error};
use crate::money::{round_fen, Money, Ratio};
use crate::policy::{BenefitRule, PolicyBook, VisitType};

/// What stage A decided.
#[derive(Debug)]
pub(crate) struct StageA {
    pub items: Vec<ItemSplit>,
    pub medfee_sumamt: Money,
    pub fulamt_ownpay_amt: Money,
    pub overlmt_selfpay: Money,
    pub preselfpay_amt: Money,
    pub inscp_scp_amt: Money,
    pub benefit: Option<BenefitRule>,
    pub act_pay_dedc: Money,
    pub hifp_pay: Money,
    pub pool_prop_selfpay: Ratio,
    pub after: Accumulators,
}

/// Runs S-1..S-3 for a bill; a premium has no stage A (S-7), and a non-designated institution none either.
pub(crate) fn run(book: &PolicyBook, req: &SettleRequest, t: &mut Trace) -> Result<StageA, Error> {
    let premium = req.visit.kind == VisitType::Premium;
    let mut items = Vec::with_capacity(req.items.len());
    for (i, item) in req.items.iter().enumerate() {
        items.push(split_item(item, premium, i, t)?);
    }
    let sum = |f: fn(&ItemSplit) -> Money, field: &str| {
        items
            .iter()
            .try_fold(Money::ZERO, |acc, s| add(acc, f(s), field))
    };
    let medfee = sum(|s| s.amount, "items")?;
    let fulamt = sum(|s| s.fulamt_ownpay_amt, "items")?;
    let overlmt = sum(|s| s.overlmt_selfpay, "items")?;
    let pre = sum(|s| s.preselfpay_amt, "items")?;
    let inscp = sum(|s| s.inscp_scp_amt, "items")?;
    step!(t,
        "S-1",
        "medfee_sumamt",
        format!("医疗费总额 = 全自费 {fulamt} + 超限价自费 {overlmt} + 先行自付 {pre} + 政策范围内 {inscp} = {medfee}"),
        format!("total = full self-pay {fulamt} + over-limit {overlmt} + pre-self-pay {pre} + in scope {inscp} = {medfee}"),
    );
    let mut a = StageA {
        items,
        medfee_sumamt: medfee,
        fulamt_ownpay_amt: fulamt,
        overlmt_selfpay: overlmt,
        preselfpay_amt: pre,
        inscp_scp_amt: inscp,
        benefit: None,
        act_pay_dedc: Money::ZERO,
        hifp_pay: Money::ZERO,
        pool_prop_selfpay: Ratio::ZERO,
        after: req.accumulators,
    };
    if premium {
        step!(
            t,
            "S-7",
            "hifp_pay",
            "参保缴费不经统筹基金：统筹支付 0.00".into(),
            "a premium has no pooled-fund part: fund pays 0.00".into(),
        );
        return Ok(a);
    }
    if !req.visit.designated {
        // The pooled fund pays designated institutions only (医疗保障基金使用监督管理条例); the year's
        // totals do not move.
        step!(
            t,
            "S-6",
            "hifp_pay",
            "非定点医药机构：统筹基金不予支付，统筹支付 0.00".into(),
            "not a designated institution: the pooled fund pays nothing, 0.00".into(),
        );
        return Ok(a);
    }
    let rule = find_rule(book, req)?;
    pool_fund(&rule, req, &mut a, t)?;
    a.benefit = Some(rule);
    Ok(a)
}

/// S-1: splits one line into 全自费, 超限价自费, 先行自付 and the in-scope rest.
fn split_item(item: &Item, premium: bool, i: usize, t: &mut Trace) -> Result<ItemSplit, Error> {
    let mut s = ItemSplit {
        name: item.name.clone(),
        amount: item.amount,
        fulamt_ownpay_amt: Money::ZERO,
        overlmt_selfpay: Money::ZERO,
        preselfpay_amt: Money::ZERO,
        inscp_scp_amt: Money::ZERO,
    };
    let field = || format!("items[{i}]");
    let name = &item.name;
    let class = match item.class {
        Some(c) if !premium => c,
        _ => {
            // S-7: a premium is the person's own payment in full; no catalogue applies.
            s.fulamt_ownpay_amt = item.amount;
            step!(
                t,
                "S-7",
                &field(),
                format!("{name}：参保缴费 {}，全部个人缴纳", item.amount),
                format!(
                    "{name}: premium {}, paid by the person in full",
                    item.amount
                ),
            );
            return Ok(s);
        }
    };
    if class == ItemClass::C {
        s.fulamt_ownpay_amt = item.amount;
        step!(
            t,
            "S-1",
            &field(),
            format!("{name}：丙类，全自费 {}", item.amount),
            format!("{name}: class C, full self-pay {}", item.amount),
        );
        return Ok(s);
    }
    let within = item.price_limit.map_or(item.amount, |l| item.amount.min(l));
    let named = |mut e: Error| {
        e.field = field();
        e
    };
    s.overlmt_selfpay = sub(item.amount, within, "").map_err(named)?;
    let over_zh: String;
    let over_en: String;
    if let (Some(limit), true) = (item.price_limit, t.on()) {
        over_zh = format!("，超限价 {} − {limit} = {}", item.amount, s.overlmt_selfpay);
        over_en = format!(
            ", over the limit {} − {limit} = {}",
            item.amount, s.overlmt_selfpay
        );
    } else {
        over_zh = String::new();
        over_en = String::new();
    }
    match (class, item.preselfpay_ratio) {
        (ItemClass::B, Some(r)) => {
            s.preselfpay_amt = r.of(within);
            s.inscp_scp_amt = sub(within, s.preselfpay_amt, "").map_err(named)?;
            step!(t,
                "S-1",
                &field(),
                format!("{name}：乙类{over_zh}，先行自付 {within} × {r} = {}，政策范围内 {within} − {} = {}", s.preselfpay_amt, s.preselfpay_amt, s.inscp_scp_amt),
                format!("{name}: class B{over_en}, pre-self-pay {within} × {r} = {}, in scope {within} − {} = {}", s.preselfpay_amt, s.preselfpay_amt, s.inscp_scp_amt),
            );
        }
        _ => {
            s.inscp_scp_amt = within;
            step!(
                t,
                "S-1",
                &field(),
                format!("{name}：甲类{over_zh}，政策范围内 {within}"),
                format!("{name}: class A{over_en}, in scope {within}"),
            );
        }
    }
    Ok(s)
}

/// S-2: the first matching benefit row, most specific region first.
fn find_rule(book: &PolicyBook, req: &SettleRequest) -> Result<BenefitRule, Error> {
    let p = &req.patient;
    let level = req.visit.level.unwrap_or(0);
    book.benefit_rows(p.region, req.date)
        .find(|r| r.matches(p.scheme, req.visit.kind, level, p.retired))
        .cloned()
        .ok_or_else(|| {
            Error::new(Code::NoBenefitRule, "visit").detail(
                format!(
                    "统筹区 {} 在 {} 没有 {:?} {} 级的待遇参数",
                    p.region, req.date, req.visit.kind, level
                ),
                format!(
                    "region {} has no benefit row for {:?} at level {level} on {}",
                    p.region, req.visit.kind, req.date
                ),
            )
        })
}

/// S-2, S-3: deductible, ratio (with bands), cap; then the year's totals after this bill.
fn pool_fund(
    rule: &BenefitRule,
    req: &SettleRequest,
    a: &mut StageA,
    t: &mut Trace,
) -> Result<(), Error> {
    let before = req.accumulators;
    let inscp = a.inscp_scp_amt;
    let cap_zh = || {
        rule.cap
            .map_or_else(|| "不封顶".into(), |c| format!("年度封顶 {c}"))
    };
    let cap_en = || {
        rule.cap
            .map_or_else(|| "no cap".into(), |c| format!("yearly cap {c}"))
    };
    step!(
        t,
        "S-2",
        "",
        format!(
            "待遇：{} 级，起付线 {}，支付比例 {}，{}",
            req.visit.level.unwrap_or(0),
            rule.deductible,
            rule.ratio,
            cap_zh()
        ),
        format!(
            "benefit: level {}, deductible {}, ratio {}, {}",
            req.visit.level.unwrap_or(0),
            rule.deductible,
            rule.ratio,
            cap_en()
        ),
    );

    // S-2 deductible: only the part not yet met this year.
    let dedc_left = rule.deductible.saturating_sub(before.deductible_met);
    a.act_pay_dedc = inscp.min(dedc_left);
    step!(
        t,
        "S-2",
        "act_pay_dedc",
        format!(
            "起付线未付 {} − {} = {dedc_left}；本次支付起付线 min({inscp}, {dedc_left}) = {}",
            rule.deductible,
            before.deductible_met.min(rule.deductible),
            a.act_pay_dedc
        ),
        format!(
            "deductible left {} − {} = {dedc_left}; paid now min({inscp}, {dedc_left}) = {}",
            rule.deductible,
            before.deductible_met.min(rule.deductible),
            a.act_pay_dedc
        ),
    );

    // S-2 ratio, band by band over this year's in-scope spending past the deductible; rounded once (S-10).
    let eligible = sub(inscp, a.act_pay_dedc, "inscp_scp_amt")?;
    let Share {
        exact,
        parts,
        ratio,
    } = banded(rule, before.in_scope_past_deductible, eligible)?;
    let raw = Money::from_decimal(round_fen(exact))
        .ok_or_else(|| Error::new(Code::AmountTooLarge, "items"))?;
    a.pool_prop_selfpay = ratio;
    if t.on() {
        let shown = match parts.as_slice() {
            [] | [_] => format!("({inscp} − {}) × {ratio}", a.act_pay_dedc),
            many => many
                .iter()
                .map(|(seg, r)| format!("{seg} × {r}"))
                .collect::<Vec<String>>()
                .join(" + "),
        };
        let result = if exact == raw.as_decimal() {
            format!("{raw}")
        } else {
            format!("{} ≈ {raw}", exact.normalize())
        };
        let text = format!("{shown} = {result}");
        t.step("S-2", "pool_prop_selfpay", text.clone(), text);
    }

    // S-2 cap: what is left of the year's cap.
    a.hifp_pay = raw;
    if let Some(cap) = rule.cap {
        let cap_left = cap.saturating_sub(before.fund_paid);
        a.hifp_pay = raw.min(cap_left);
        step!(
            t,
            "S-2",
            "hifp_pay",
            format!(
                "封顶线余额 {cap} − {} = {cap_left}；统筹基金支付 min({raw}, {cap_left}) = {}",
                before.fund_paid.min(cap),
                a.hifp_pay
            ),
            format!(
                "cap left {cap} − {} = {cap_left}; pooled fund pays min({raw}, {cap_left}) = {}",
                before.fund_paid.min(cap),
                a.hifp_pay
            ),
        );
    } else {
        step!(
            t,
            "S-2",
            "hifp_pay",
            format!("统筹基金支付 {}", a.hifp_pay),
            format!("pooled fund pays {}", a.hifp_pay),
        );
    }

    // S-3 the year's totals after this bill.
    a.after = Accumulators {
        deductible_met: add(
            before.deductible_met,
            a.act_pay_dedc,
            "accumulators.deductible_met",
        )?,
        fund_paid: add(before.fund_paid, a.hifp_pay, "accumulators.fund_paid")?,
        in_scope_past_deductible: add(
            before.in_scope_past_deductible,
            eligible,
            "accumulators.in_scope_past_deductible",
        )?,
    };
    step!(t,
        "S-3",
        "accumulators_after",
        format!(
            "累计：起付线 {} + {} = {}；统筹支付 {} + {} = {}；起付线以上政策范围内 {} + {eligible} = {}",
            before.deductible_met, a.act_pay_dedc, a.after.deductible_met, before.fund_paid, a.hifp_pay, a.after.fund_paid,
            before.in_scope_past_deductible, a.after.in_scope_past_deductible
        ),
        format!(
            "year to date: deductible {} + {} = {}; fund paid {} + {} = {}; in scope past the deductible {} + {eligible} = {}",
            before.deductible_met, a.act_pay_dedc, a.after.deductible_met, before.fund_paid, a.hifp_pay, a.after.fund_paid,
            before.in_scope_past_deductible, a.after.in_scope_past_deductible
        ),
    );
    Ok(())
}

/// The fund's share of one bill: exact amount, the non-empty band segments with their ratios, the ratio reported.
struct Share {
    exact: Decimal,
    parts: Vec<(Money, Ratio)>,
    ratio: Ratio,
}

/// S-2 bands: splits `[past, past + eligible)` at the band thresholds. Returns the exact fund share,
/// the segments, and the ratio reported: that of the last segment spent, or the one
/// in force at `past` when nothing is spent.
fn banded(rule: &BenefitRule, past: Money, eligible: Money) -> Result<Share, Error> {
    let start = past.as_decimal();
    let end = start + eligible.as_decimal();
    let mut tiers: Vec<(Decimal, Option<Decimal>, Ratio)> =
        Vec::with_capacity(rule.bands.len() + 1);
    let mut lower = Decimal::ZERO;
    let mut ratio = rule.ratio;
    for b in &rule.bands {
        tiers.push((lower, Some(b.above.as_decimal()), ratio));
        lower = b.above.as_decimal();
        ratio = b.ratio;
    }
    tiers.push((lower, None, ratio));
    let mut exact = Decimal::ZERO;
    let mut parts = Vec::new();
    let mut reported = rule.ratio;
    for (lo, hi, r) in tiers {
        if lo <= start && hi.is_none_or(|h| start < h) {
            reported = r;
        }
        let top = hi.map_or(end, |h| h.min(end));
        let seg = top - lo.max(start);
        if seg > Decimal::ZERO {
            let m = Money::from_decimal(seg).ok_or_else(|| {
                Error::new(
                    Code::AmountTooLarge,
                    "accumulators.in_scope_past_deductible",
                )
            })?;
            exact += seg * r.as_decimal();
            parts.push((m, r));
            reported = r;
        }
    }
    Ok(Share {
        exact,
        parts,
        ratio: reported,
    })
}
