//! S-12 layered benefits of an estimate: after the basic pooled fund, 大病保险 (`hifmi_pay`), then
//! 大额医疗 (`hifob_pay`) for employees where the region has it.
//!
//! Each layer pays on the year's in-scope burden left after the basic fund (`layer_burden`, counted from
//! inpatient and special-outpatient bills): the part of this bill's burden that lies above the layer's
//! threshold, at its ratio bands, rounded once (S-10), within what is left of its cap and of this bill's
//! burden after the layers before it. A layer the book has no row for pays nothing, and the settlement
//! says so (S-13).

use super::bands::banded;
use super::explain::{step, Trace};
use super::notice::{Notice, NoticeCode};
use super::request::{Accumulators, SettleRequest};
use super::sum::{add, sub};
use crate::error::{Code, Error};
use crate::money::{round_fen, Money};
use crate::person::Scheme;
use crate::policy::{Grade, LayerFund, LayerRule, Regional};
use crate::text::{self, Term};

/// What the layers paid, and the year's layer totals after this bill.
pub(crate) struct Layers {
    pub hifmi_pay: Money,
    pub hifob_pay: Money,
    pub after: Accumulators,
    /// The weakest grade among the layer rows used (P-4); `None` when none was used.
    pub grade: Option<Grade>,
}

/// S-12: runs the layers over this bill's burden `inscp − hifp`; `after` carries the basic fund's totals.
pub(crate) fn run(
    at: &Regional,
    req: &SettleRequest,
    burden: Money,
    mut after: Accumulators,
    t: &mut Trace,
) -> Result<Layers, Error> {
    let before = req.accumulators;
    let mut out = Layers {
        hifmi_pay: Money::ZERO,
        hifob_pay: Money::ZERO,
        after,
        grade: None,
    };
    if !req.visit.kind.counts_for_layers() {
        return Ok(out);
    }
    after.layer_burden = add(before.layer_burden, burden, "accumulators.layer_burden")?;
    let mut left = burden;
    let p = &req.patient;
    let rows = at.layer_rows(req.date);
    for fund in LayerFund::ALL {
        let row = rows
            .clone()
            .find(|g| g.value.matches(fund, p.scheme, req.visit.kind, p.retired));
        let pays = match row {
            Some(g) => {
                out.grade = out.grade.max(Some(g.grade));
                pays(g.value, &before, burden, left, t)?
            }
            None => {
                absent(req, fund, burden, t);
                Money::ZERO
            }
        };
        left = sub(left, pays, "hifp_pay")?;
        match fund {
            LayerFund::SeriousIllness => {
                out.hifmi_pay = pays;
                after.hifmi_paid = add(before.hifmi_paid, pays, "accumulators.hifmi_paid")?;
            }
            LayerFund::LargeExpense => {
                out.hifob_pay = pays;
                after.hifob_paid = add(before.hifob_paid, pays, "accumulators.hifob_paid")?;
            }
        }
    }
    out.after = after;
    Ok(out)
}

/// The layer's name, as people say it.
fn term(fund: LayerFund) -> Term {
    match fund {
        LayerFund::SeriousIllness => Term::SeriousIllness,
        LayerFund::LargeExpense => Term::LargeExpense,
    }
}

/// S-12, S-13: no row for the layer. Said when the bill left a burden the layer could have paid: 大病保险
/// for every scheme, 大额医疗 for employees only (residents have none).
fn absent(req: &SettleRequest, fund: LayerFund, burden: Money, t: &mut Trace) {
    let expected = fund == LayerFund::SeriousIllness || req.patient.scheme == Scheme::Employee;
    if burden.is_zero() || !expected {
        return;
    }
    let code = match fund {
        LayerFund::SeriousIllness => NoticeCode::SeriousIllnessNotInBook,
        LayerFund::LargeExpense => NoticeCode::LargeExpenseNotInBook,
    };
    t.notice(Notice::new(code, Money::ZERO));
    step!(
        t,
        "S-12",
        field(fund),
        text::s12_layer_absent(term(fund).words())
    );
}

fn field(fund: LayerFund) -> &'static str {
    match fund {
        LayerFund::SeriousIllness => "hifmi_pay",
        LayerFund::LargeExpense => "hifob_pay",
    }
}

/// S-12: one layer's payment for this bill.
fn pays(
    rule: &LayerRule,
    before: &Accumulators,
    burden: Money,
    left: Money,
    t: &mut Trace,
) -> Result<Money, Error> {
    let fund = rule.fund;
    let ytd = add(before.layer_burden, burden, "accumulators.layer_burden")?;
    let past = before.layer_burden.saturating_sub(rule.threshold);
    let eligible = sub(ytd.saturating_sub(rule.threshold), past, "accumulators")?;
    let share = banded(rule.ratio, &rule.bands, past, eligible, false)?;
    let raw = Money::from_decimal(round_fen(share.exact))
        .ok_or_else(|| Error::new(Code::AmountTooLarge, "items"))?;
    let paid = match fund {
        LayerFund::SeriousIllness => before.hifmi_paid,
        LayerFund::LargeExpense => before.hifob_paid,
    };
    let room = rule.cap.map_or(left, |c| c.saturating_sub(paid).min(left));
    let pays = raw.min(room);
    step!(
        t,
        "S-12",
        field(fund),
        text::s12_layer(
            &rule.threshold,
            &before.layer_burden,
            &ytd,
            &eligible,
            &share.ratio,
            &raw,
            &room,
            &pays,
            term(fund).words(),
        ),
    );
    Ok(pays)
}
