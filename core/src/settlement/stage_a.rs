//! Stage A (S-1..S-3): what the patient's own scheme pays from the pooled fund (统筹基金).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use rust_decimal::Decimal;

use super::bands::{banded, Share};
use super::explain::{step, Trace};
use super::notice::{Notice, NoticeCode};
use super::output::{ItemSplit, Parameters};
use super::presettlement::{OtherFunds, Presettlement};
use super::request::{Accumulators, Item, ItemClass, SettleRequest};
use super::sum::{add, sub};
use crate::error::{Code, Error};
use crate::money::{round_fen, Money, Ratio};
use crate::person::RegionCode;
use crate::policy::{BenefitRule, Grade, PolicyBook, Regional, VisitType};
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
    /// P-4: the region and weakest grade of the parameters used (estimate mode only).
    pub parameters: Option<Parameters>,
    pub act_pay_dedc: Money,
    pub hifp_pay: Money,
    pub pool_prop_selfpay: Ratio,
    /// S-11: the other funds and the institution's part (0.00 in an estimate).
    pub other: OtherFunds,
    pub after: Accumulators,
}

/// Runs S-1..S-3 for a bill; a premium has no stage A (S-7), and a non-designated institution none either.
pub(crate) fn run(at: &Regional, req: &SettleRequest, t: &mut Trace) -> Result<StageA, Error> {
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
        parameters: None,
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
    benefits(at, req, &mut a, t)?;
    Ok(a)
}

/// S-2, S-3, S-12, P-4: the basic fund (adjusted for out-of-area care), the layers after it, and the
/// grade of what they rest on; example-grade parameters only when the caller asked for an estimate.
fn benefits(
    at: &Regional,
    req: &SettleRequest,
    a: &mut StageA,
    t: &mut Trace,
) -> Result<(), Error> {
    let (rule, grade, region) = find_rule(at, req)?;
    let (rule, area) = super::area::adjust(at, req, rule, t);
    pool_fund(&rule, req, a, t)?;
    let burden = sub(a.inscp_scp_amt, a.hifp_pay, "hifp_pay")?;
    let layers = super::layers::run(at, req, burden, a.after, t)?;
    a.other.hifmi_pay = layers.hifmi_pay;
    a.other.hifob_pay = layers.hifob_pay;
    a.after = layers.after;
    let grade = grade
        .max(area.unwrap_or(grade))
        .max(layers.grade.unwrap_or(grade));
    if grade == Grade::Example {
        if !req.estimate {
            return Err(estimate_required(
                at.book(),
                region.unwrap_or(req.patient.region),
            ));
        }
        // S-13, P-4: an estimate on example parameters says so, machine-readably.
        t.notice(Notice::new(NoticeCode::ExampleParameters, Money::ZERO));
    }
    a.parameters = Some(Parameters { region, grade });
    a.benefit = Some(rule);
    Ok(())
}

/// P-4: example-grade parameters without the estimate flag, naming the patient's region.
#[cold]
#[inline(never)]
fn estimate_required(book: &PolicyBook, region: RegionCode) -> Error {
    let name = book.region_name(region);
    Error::new(Code::EstimateRequired, "estimate").text(text::estimate_required(&region, &name))
}

/// S-11 split mode: stage A's figures are the platform's (already checked); the year's totals move by
/// them (see the `presettlement` module). Apart from `settle`, so that a bill with items does not
/// compile it on a fresh instance's first settle.
#[inline(never)]
pub(crate) fn presettled(
    req: &SettleRequest,
    p: &Presettlement,
    t: &mut Trace,
) -> Result<StageA, Error> {
    let (fund, hosp, burden) = (&p.fund_pay_sumamt, &p.hosp_part_amt, &p.psn_part_amt);
    step!(
        t,
        "S-11",
        "psn_part_amt",
        text::s11_presettled(&p.medfee_sumamt, fund, hosp, burden),
    );
    let mut a = StageA {
        items: Vec::new(),
        medfee_sumamt: p.medfee_sumamt,
        fulamt_ownpay_amt: p.fulamt_ownpay_amt,
        overlmt_selfpay: p.overlmt_selfpay,
        preselfpay_amt: p.preselfpay_amt,
        inscp_scp_amt: p.inscp_scp_amt,
        benefit: None,
        parameters: None,
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
        a.after = totals(&req.accumulators, &a, eligible, req.visit.kind, false, t)?;
        a.after = split_layer_totals(req, p, a.after)?;
    }
    Ok(a)
}

/// S-11, S-12: in split mode the layers' year totals move by the platform's figures.
fn split_layer_totals(
    req: &SettleRequest,
    p: &Presettlement,
    mut after: Accumulators,
) -> Result<Accumulators, Error> {
    let before = &req.accumulators;
    if req.visit.kind.counts_for_layers() {
        let burden = sub(p.inscp_scp_amt, p.hifp_pay, "presettlement.hifp_pay")?;
        after.layer_burden = add(before.layer_burden, burden, "accumulators.layer_burden")?;
    }
    after.hifmi_paid = add(before.hifmi_paid, p.hifmi_pay, "accumulators.hifmi_paid")?;
    after.hifob_paid = add(before.hifob_paid, p.hifob_pay, "accumulators.hifob_paid")?;
    Ok(after)
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
    let field = || item_path(i);
    let name = &item.name;
    let class = match item.class {
        Some(c) if !premium => c,
        _ => {
            // S-7: a premium is the person's own payment in full; no catalogue applies.
            s.fulamt_ownpay_amt = item.amount;
            step!(t, "S-7", field(), text::s7_premium_item(name, &item.amount));
            return Ok(s);
        }
    };
    if class == ItemClass::C {
        s.fulamt_ownpay_amt = item.amount;
        step!(t, "S-1", field(), text::s1_class_c(name, &item.amount));
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
            step!(t, "S-1", field(), shown(over));
        }
        _ => {
            s.inscp_scp_amt = within;
            step!(t, "S-1", field(), text::s1_class_a(name, &within, over));
        }
    }
    Ok(s)
}

/// `items[i]`, the path of a line, without `format!`.
pub(super) fn item_path(i: usize) -> String {
    let mut path = String::with_capacity(12);
    path.push_str("items[");
    let mut digits = [b'0'; 20];
    let (mut n, mut start) = (i, digits.len());
    while let Some(slot) = start.checked_sub(1).and_then(|k| digits.get_mut(k)) {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits
        .iter()
        .skip(start)
        .for_each(|d| path.push(char::from(*d)));
    path.push(']');
    path
}

/// S-2: the first matching benefit row, most specific region first, with its grade and level (P-4).
fn find_rule(
    at: &Regional,
    req: &SettleRequest,
) -> Result<(BenefitRule, Grade, Option<RegionCode>), Error> {
    let p = &req.patient;
    at.graded_benefit_rows(req.date)
        .find(|g| {
            g.value
                .matches(p.scheme, req.visit.kind, req.visit.level, p.retired)
        })
        .map(|g| {
            let grade = g.value.grade.map_or(g.grade, |r| r.max(g.grade));
            (g.value.clone(), grade, g.region)
        })
        .ok_or_else(|| {
            let visit = req.visit.kind.term().words();
            let shown = match req.visit.level {
                Some(level) => text::no_benefit_row(&p.region, &req.date, &level, visit),
                None => text::no_benefit_row_no_level(&p.region, &req.date, visit),
            };
            Error::new(Code::NoBenefitRule, "visit").text(shown)
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
        let cap = (cap.zh.as_str(), cap.en.as_str());
        t.step(
            "S-2",
            "",
            match req.visit.level {
                Some(level) => text::s2_benefit(&level, &rule.deductible, &rule.ratio, cap),
                None => text::s2_benefit_no_level(&rule.deductible, &rule.ratio, cap),
            },
        );
    }
    a.act_pay_dedc = match (rule.later_deductible, req.visit.kind) {
        (Some(later), VisitType::Inpatient) => admission(rule, later, &before, a.inscp_scp_amt, t),
        _ => deductible(rule, &before, a.inscp_scp_amt, t),
    };
    // S-2 ratio, band by band over this year's in-scope spending past the deductible.
    let eligible = sub(a.inscp_scp_amt, a.act_pay_dedc, "inscp_scp_amt")?;
    let (raw, ratio) = fund_share(rule, &before, a, eligible, t)?;
    a.pool_prop_selfpay = ratio;
    a.hifp_pay = capped(rule, &before, raw, t);
    a.after = totals(
        &before,
        a,
        eligible,
        req.visit.kind,
        rule.outpatient_pool,
        t,
    )?;
    Ok(())
}

/// S-12 deductible per admission: the first of the year's admissions pays `deductible`, later ones
/// `later` (one inpatient settlement is one admission).
fn admission(
    rule: &BenefitRule,
    later: Money,
    before: &Accumulators,
    inscp: Money,
    t: &mut Trace,
) -> Money {
    let due = if before.admissions == 0 {
        rule.deductible
    } else {
        later
    };
    let paid = inscp.min(due);
    let nth = u64::from(before.admissions) + 1;
    step!(
        t,
        "S-12",
        "act_pay_dedc",
        text::s12_admission(&nth, &due, &inscp, &paid),
    );
    paid
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
    } = banded(
        rule.ratio,
        &rule.bands,
        before.in_scope_past_deductible,
        eligible,
        t.on(),
    )?;
    let raw = Money::from_decimal(round_fen(exact))
        .ok_or_else(|| Error::new(Code::AmountTooLarge, "items"))?;
    if t.on() {
        t.step(
            "S-2",
            "pool_prop_selfpay",
            share_text(a, &parts, ratio, exact, raw),
        );
    }
    Ok((raw, ratio))
}

/// S-2: the fund's share as arithmetic (the same in both languages): one ratio over the amount past
/// the deductible, or the sum of the bands' segments; the exact product, then its rounding if it moved.
fn share_text(
    a: &StageA,
    parts: &[(Money, Ratio)],
    ratio: Ratio,
    exact: Decimal,
    raw: Money,
) -> Text {
    let (inscp, dedc) = (&a.inscp_scp_amt, &a.act_pay_dedc);
    let whole = exact == raw.as_decimal();
    match parts {
        [] | [_] if whole => text::s2_fund_share_one(inscp, dedc, &ratio, &raw),
        [] | [_] => text::s2_fund_share_one_about(inscp, dedc, &ratio, &exact.normalize(), &raw),
        many => {
            let shown = many
                .iter()
                .map(|(seg, r)| format!("{seg} × {r}"))
                .collect::<Vec<String>>()
                .join(" + ");
            let result = if whole {
                format!("{raw}")
            } else {
                format!("{} ≈ {raw}", exact.normalize())
            };
            text::s2_fund_share(&shown, &result)
        }
    }
}

/// S-2 cap: what is left of the year's cap.
fn capped(rule: &BenefitRule, before: &Accumulators, raw: Money, t: &mut Trace) -> Money {
    let Some(cap) = rule.cap else {
        step!(t, "S-2", "hifp_pay", text::s2_fund_pays(&raw));
        return raw;
    };
    let used = if rule.outpatient_pool {
        before.outpatient_fund_paid
    } else {
        before.fund_paid
    };
    let cap_left = cap.saturating_sub(used);
    let pays = raw.min(cap_left);
    let paid = used.min(cap);
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
    kind: VisitType,
    outpatient_pool: bool,
    t: &mut Trace,
) -> Result<Accumulators, Error> {
    // S-12: one inpatient settlement at a designated institution is one admission.
    let admitted = kind == VisitType::Inpatient;
    let mut after = Accumulators {
        admissions: before.admissions.saturating_add(u32::from(admitted)),
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
        ..*before
    };
    // S-12: the outpatient pooled fund counts against its own cap.
    let (pool_before, pool_after) = if outpatient_pool {
        after.fund_paid = before.fund_paid;
        after.outpatient_fund_paid = add(
            before.outpatient_fund_paid,
            a.hifp_pay,
            "accumulators.outpatient_fund_paid",
        )?;
        (before.outpatient_fund_paid, after.outpatient_fund_paid)
    } else {
        (before.fund_paid, after.fund_paid)
    };
    step!(
        t,
        "S-3",
        "accumulators_after",
        text::s3_totals(
            &before.deductible_met,
            &a.act_pay_dedc,
            &after.deductible_met,
            &pool_before,
            &a.hifp_pay,
            &pool_after,
            &before.in_scope_past_deductible,
            &eligible,
            &after.in_scope_past_deductible,
        ),
    );
    Ok(after)
}
