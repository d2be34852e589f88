//! The recommendation (PL-1): grants that cover the expected care month by month, fitted to what the
//! ledger accepts and cut where the high scenario would take the sharer below the reserve.

use alloc::string::ToString;
use alloc::vec::Vec;
use rust_decimal::Decimal;

use super::input::{GrantPlanned, PlanRequest, SimBill};
use super::output::{PlanWarning, PlanWarningCode as W, ScenarioKind};
use super::sim::{Run, Schedule};
use super::simulate;
use crate::error::Error;
use crate::money::Money;
use crate::policy::PolicyBook;

/// A run the plan may use as a scenario's final run, with its scenario.
pub(super) type Reusable = Option<(ScenarioKind, Run)>;

/// Why cover falls short because of the reserve.
pub const REASON_RESERVE: &str = "RESERVE";

/// PL-1: the recommended schedule. (1) Simulate the expected care, granting at each month's start what
/// its bills need (fitted to ). (2) Simulate the high scenario (else the expected one) with
/// those grants. (3) In month order, cut each grant by the deepest shortfall `reserve − balance` of its
/// sharer's month ends from its month on (at most the whole grant); a cut raises the balance of those
/// months. Every cut is warned
/// (`COVER_SHORT`, `RESERVE`).
pub(super) fn schedule(
    book: &PolicyBook,
    req: &PlanRequest,
    expected: &[SimBill],
    high: Option<&[SimBill]>,
    warnings: &mut Vec<PlanWarning>,
) -> Result<(Vec<GrantPlanned>, Reusable), Error> {
    let mut need = simulate::run(book, req, expected, Schedule::Need, ScenarioKind::Expected)?;
    warnings.extend(
        need.schedule
            .iter()
            .filter(|w| w.code == W::CoverShort)
            .cloned(),
    );
    let mut grants: Vec<GrantPlanned> = need
        .grants
        .iter()
        .map(|g| GrantPlanned {
            relative: g.relative.clone(),
            month: g.month,
            amount: g.amount,
        })
        .collect();
    // The first run granted exactly `grants` at the same times as a fixed schedule would: without a
    // high scenario it is the stress run, and without a cut it is the expected scenario's final run.
    let (kind, stress) = match high {
        Some(h) => {
            let fixed = Schedule::Fixed {
                grants: &grants,
                strict: false,
            };
            (
                ScenarioKind::High,
                simulate::run(book, req, h, fixed, ScenarioKind::High)?,
            )
        }
        None => (ScenarioKind::Expected, core::mem::take(&mut need)),
    };
    let mut slack = slack(req, &stress);
    let any_cut = cut(req, &mut grants, &mut slack, kind, warnings);
    let reuse = match (any_cut, high) {
        (true, _) => None,
        (false, None) => Some((ScenarioKind::Expected, stress)),
        (false, Some(_)) => Some((ScenarioKind::Expected, need)),
    };
    Ok((grants, reuse))
}

/// Cuts each grant, in month order, by the deepest shortfall below the reserve from its month on; says
/// each cut (`COVER_SHORT`, `RESERVE`); drops grants cut to nothing. Whether any grant was cut.
fn cut(
    req: &PlanRequest,
    grants: &mut Vec<GrantPlanned>,
    slack: &mut [Vec<Decimal>],
    kind: ScenarioKind,
    warnings: &mut Vec<PlanWarning>,
) -> bool {
    let mut any = false;
    for g in grants.iter_mut() {
        let Some(j) = req
            .family
            .iter()
            .position(|r| r.person.id == g.relative)
            .and_then(|i| req.sharer_of(i))
            .and_then(|s| req.sharers.iter().position(|x| &x.person.id == s))
        else {
            continue;
        };
        let from = usize::from(g.month.saturating_sub(1));
        let least = slack[j]
            .iter()
            .skip(from)
            .copied()
            .min()
            .unwrap_or(Decimal::ZERO);
        let deficit = Money::from_decimal((-least).max(Decimal::ZERO)).unwrap_or(g.amount);
        let cut = deficit.min(g.amount);
        if cut.is_zero() {
            continue;
        }
        any = true;
        for s in slack[j].iter_mut().skip(from) {
            *s += cut.as_decimal();
        }
        let mut w = PlanWarning::new(W::CoverShort);
        w.scenario = Some(kind);
        w.sharer = Some(req.sharers[j].person.id.clone());
        w.relative = Some(g.relative.clone());
        w.month = Some(g.month);
        w.amount = Some(cut);
        w.reasons = alloc::vec![REASON_RESERVE.to_string()];
        warnings.push(w);
        g.amount = g.amount.saturating_sub(cut);
    }
    grants.retain(|g| !g.amount.is_zero());
    any
}

/// `slack[j][k]`: sharer `j`'s balance less the reserve at the end of month `k + 1`.
fn slack(req: &PlanRequest, stress: &Run) -> Vec<Vec<Decimal>> {
    (0..req.sharers.len())
        .map(|j| {
            stress
                .months
                .iter()
                .map(|mo| {
                    mo.sharers.get(j).map_or(Decimal::ZERO, |s| {
                        s.balance.as_decimal() - s.reserve.as_decimal()
                    })
                })
                .collect()
        })
        .collect()
}
