//! Stage A (S-1..S-3): what the patient's own scheme pays from the pooled fund (统筹基金).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use rust_decimal::Decimal;

use super::explain::{step, Trace};
use super::notice::{Notice, NoticeCode};
use super::output::ItemSplit;
use super::presettlement::{OtherFunds, Presettlement};
use super::request::{Accumulators, Item, ItemClass, SettleRequest};
use super::sum::{add, sub};
use crate::error::{Code, Error};
use crate::money::{round_fen, Money, Ratio};
use crate::policy::{BenefitRule, Grade, PolicyBook, VisitType};
use crate::text::{self, Text};

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
    /// S-11: the other funds and the institution's part (0.00 in an estimate).
    pub other: OtherFunds,
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
    step!(
        t,
        "S-1",
        "medfee_sumamt",
        text::s1_total(&fulamt, &overlmt, &pre, &inscp, &medfee),
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
        other: OtherFunds::default(),
        after: req.accumulators,
    };
    if premium {
        step!(t, "S-7", "hifp_pay", text::s7_premium_no_fund(),);
        return Ok(a);
    }
    if !req.visit.designated {
        // The pooled fund pays designated institutions only (医疗保障基金使用监督管理条例); the year's
        // totals do not move.
        step!(t, "S-6", "hifp_pay", text::s6_outside_no_fund(),);
        return Ok(a);
    }
    let (rule, grade) = find_rule(book, req)?;
    if grade == Grade::Example {
        // S-13, P-4: an estimate on example parameters says so, machine-readably.
        t.notice(Notice::new(NoticeCode::ExampleParameters, Money::ZERO));
    }
    pool_fund(&rule, req, &mut a, t)?;
    a.benefit = Some(rule);
    Ok(a)
}

/// S-11 split mode: stage A's figures are the platform's (already checked); the year's totals move by
/// them (see the `presettlement` module).
pub(crate) fn presettled(
    req: &SettleRequest,
    p: &Presettlement,
    t: &mut Trace,
) -> Result<StageA, Error> {
    let (fund, hosp, burden) = (&p.fund_pay_sumamt, &p.hosp_part_amt, &p.psn_part_amt);
    let shown = text::s11_presettled(&p.medfee_sumamt, fund, hosp, burden);
    step!(t, "S-11", "psn_part_amt", shown);
    let mut a = StageA {
        items: Vec::new(),
        medfee_sumamt: p.medfee_sumamt,
        fulamt_ownpay_amt: p.fulamt_ownpay_amt,
        overlmt_selfpay: p.overlmt_selfpay,
        preselfpay_amt: p.preselfpay_amt,
        inscp_scp_amt: p.inscp_scp_amt,
        benefit: None,
        act_pay_dedc: p.act_pay_dedc,
        hifp_pay: p.hifp_pay,
        pool_prop_selfpay: p.pool_prop_selfpay,
        other: p.other(),
        after: req.accumulators,
    };
    if req.visit.designated {
        let eligible = sub(
            p.inscp_scp_amt,
            p.act_pay_dedc,
            "presettlement.act_pay_dedc",
        )?;
        a.after = totals(&req.accumulators, &a, eligible, t)?;
    }
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
                text::s7_premium_item(name, &item.amount)
            );
            return Ok(s);
        }
    };
    if class == ItemClass::C {
        s.fulamt_ownpay_amt = item.amount;
        step!(t, "S-1", &field(), text::s1_class_c(name, &item.amount));
        return Ok(s);
    }
    let within = item.price_limit.map_or(item.amount, |l| item.amount.min(l));
    let named = |mut e: Error| {
        e.field = field();
        e
    };
    s.overlmt_selfpay = sub(item.amount, within, "").map_err(named)?;
    let over = match (item.price_limit, t.on()) {
        (Some(limit), true) => text::s1_over_limit(&item.amount, &limit, &s.overlmt_selfpay),
        _ => Text::default(),
    };
    let over = (over.zh.as_str(), over.en.as_str());
    match (class, item.preselfpay_ratio) {
        (ItemClass::B, Some(r)) => {
            s.preselfpay_amt = r.of(within);
            s.inscp_scp_amt = sub(within, s.preselfpay_amt, "").map_err(named)?;
            let (pre, inscp) = (&s.preselfpay_amt, &s.inscp_scp_amt);
            let shown = |over| text::s1_class_b(name, &within, &r, pre, inscp, over);
            step!(t, "S-1", &field(), shown(over));
        }
        _ => {
            s.inscp_scp_amt = within;
            step!(t, "S-1", &field(), text::s1_class_a(name, &within, over));
        }
    }
    Ok(s)
}

/// S-2: the first matching benefit row, most specific region first.
fn find_rule(book: &PolicyBook, req: &SettleRequest) -> Result<(BenefitRule, Grade), Error> {
    let p = &req.patient;
    let level = req.visit.level.unwrap_or(0);
    book.graded_benefit_rows(p.region, req.date)
        .find(|(r, _)| r.matches(p.scheme, req.visit.kind, level, p.retired))
        .map(|(r, g)| (r.clone(), g))
        .ok_or_else(|| {
            Error::new(Code::NoBenefitRule, "visit").text(text::no_benefit_row(
                &p.region,
                &req.date,
                &level,
                req.visit.kind.term().words(),
            ))
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
    if t.on() {
        let cap = rule.cap.map_or_else(text::s2_no_cap, |c| text::s2_cap(&c));
        let level = req.visit.level.unwrap_or(0);
        let cap = (cap.zh.as_str(), cap.en.as_str());
        t.step(
            "S-2",
            "",
            text::s2_benefit(&level, &rule.deductible, &rule.ratio, cap),
        );
    }
    a.act_pay_dedc = deductible(rule, &before, a.inscp_scp_amt, t);
    // S-2 ratio, band by band over this year's in-scope spending past the deductible.
    let eligible = sub(a.inscp_scp_amt, a.act_pay_dedc, "inscp_scp_amt")?;
    let (raw, ratio) = fund_share(rule, &before, a, eligible, t)?;
    a.pool_prop_selfpay = ratio;
    a.hifp_pay = capped(rule, &before, raw, t);
    a.after = totals(&before, a, eligible, t)?;
    Ok(())
}

/// S-2 deductible: only the part not yet met this year.
fn deductible(rule: &BenefitRule, before: &Accumulators, inscp: Money, t: &mut Trace) -> Money {
    let dedc_left = rule.deductible.saturating_sub(before.deductible_met);
    let paid = inscp.min(dedc_left);
    let met = before.deductible_met.min(rule.deductible);
    step!(
        t,
        "S-2",
        "act_pay_dedc",
        text::s2_deductible(&rule.deductible, &met, &dedc_left, &inscp, &paid),
    );
    paid
}

/// S-2 ratio over the bands, rounded once (S-10): the fund's share before the cap, and the ratio reported.
fn fund_share(
    rule: &BenefitRule,
    before: &Accumulators,
    a: &StageA,
    eligible: Money,
    t: &mut Trace,
) -> Result<(Money, Ratio), Error> {
    let Share {
        exact,
        parts,
        ratio,
    } = banded(rule, before.in_scope_past_deductible, eligible)?;
    let raw = Money::from_decimal(round_fen(exact))
        .ok_or_else(|| Error::new(Code::AmountTooLarge, "items"))?;
    if t.on() {
        // Arithmetic only: the same in both languages.
        let shown = match parts.as_slice() {
            [] | [_] => format!("({} − {}) × {ratio}", a.inscp_scp_amt, a.act_pay_dedc),
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
        t.step(
            "S-2",
            "pool_prop_selfpay",
            text::s2_fund_share(&shown, &result),
        );
    }
    Ok((raw, ratio))
}

/// S-2 cap: what is left of the year's cap.
fn capped(rule: &BenefitRule, before: &Accumulators, raw: Money, t: &mut Trace) -> Money {
    let Some(cap) = rule.cap else {
        step!(t, "S-2", "hifp_pay", text::s2_fund_pays(&raw));
        return raw;
    };
    let cap_left = cap.saturating_sub(before.fund_paid);
    let pays = raw.min(cap_left);
    let paid = before.fund_paid.min(cap);
    step!(
        t,
        "S-2",
        "hifp_pay",
        text::s2_cap_left(&cap, &paid, &cap_left, &raw, &pays),
    );
    pays
}

/// S-3: the year's totals after this bill.
fn totals(
    before: &Accumulators,
    a: &StageA,
    eligible: Money,
    t: &mut Trace,
) -> Result<Accumulators, Error> {
    let after = Accumulators {
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
    step!(
        t,
        "S-3",
        "accumulators_after",
        text::s3_totals(
            &before.deductible_met,
            &a.act_pay_dedc,
            &after.deductible_met,
            &before.fund_paid,
            &a.hifp_pay,
            &after.fund_paid,
            &before.in_scope_past_deductible,
            &eligible,
            &after.in_scope_past_deductible,
        ),
    );
    Ok(after)
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
