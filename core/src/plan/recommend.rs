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
use crate::person::{Mode, PersonId};
use crate::policy::PolicyBook;

/// A run the plan may use as a scenario's final run, with its scenario.
pub(super) type Reusable = Option<(ScenarioKind, Run)>;

/// Why cover falls short because of the reserve.
pub const REASON_RESERVE: &str = "RESERVE";

/// PL-1: the recommended schedule. (1) Simulate the expected care, granting at each month's start what
/// its bills need (fitted to ). (2) Simulate the high scenario (else the expected one) with
/// those grants. (3) Latest first, cut each grant by the deepest shortfall `reserve − balance` of its
/// sharer's month ends from its month on (at most the whole grant); a cut raises the balance of those
/// months. The high scenario is run again with the cut grants until none needs a cut (at most 8 runs).
/// Every cut grant is warned (`COVER_SHORT`, `RESERVE`).
///
/// A cut starts from what the stress run granted: a grant the ledger fitted lower there is cut
/// from its fitted amount. Cutting the latest grant before a shortfall first keeps an earlier cut from
/// being granted again by a later grant that Q-4 had fitted to the balance.
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
    let kind = high.map_or(ScenarioKind::Expected, |_| ScenarioKind::High);
    let stress_bills = high.unwrap_or(expected);
    // The first run granted exactly `grants` at the same times as a fixed schedule would: without a
    // high scenario it is the first stress run.
    let mut stress = match high {
        Some(_) => None,
        None => Some(core::mem::take(&mut need)),
    };
    let mut cuts = alloc::vec![Money::ZERO; grants.len()];
    // A cut gives the sharer's own bills more of his account (S-4), so the month ends are checked again
    // with the cut schedule until no grant needs a cut, later passes counting the sharer's own cash as
    // already spent; cuts only shrink grants.
    for pass in 0..MAX_PASSES {
        let run = match stress.take() {
            Some(r) => r,
            None => {
                let fixed = Schedule::Fixed {
                    grants: &grants,
                    strict: false,
                };
                simulate::run(book, req, stress_bills, fixed, kind)?
            }
        };
        let mut slack = slack(req, &run, pass > 0);
        if !cut(req, &run, &mut grants, &mut cuts, &mut slack) {
            stress = Some(run);
            break;
        }
    }
    warn_cuts(req, &grants, &cuts, kind, warnings);
    let uncut = cuts.iter().all(|c| c.is_zero());
    grants.retain(|g| !g.amount.is_zero());
    // The last stress run checked the final grants; in the expected scenario it is its final run.
    let reuse = match (high, stress) {
        (None, Some(r)) => Some((ScenarioKind::Expected, r)),
        (Some(_), _) if uncut => Some((ScenarioKind::Expected, need)),
        _ => None,
    };
    Ok((grants, reuse))
}

/// Most stress runs of the reserve check.
const MAX_PASSES: usize = 8;

/// `COVER_SHORT` (`RESERVE`) for each grant cut, by the whole of its cuts.
fn warn_cuts(
    req: &PlanRequest,
    grants: &[GrantPlanned],
    cuts: &[Money],
    kind: ScenarioKind,
    warnings: &mut Vec<PlanWarning>,
) {
    for (g, c) in grants.iter().zip(cuts).filter(|(_, c)| !c.is_zero()) {
        let mut w = PlanWarning::new(W::CoverShort);
        w.scenario = Some(kind);
        w.sharer = req
            .family
            .iter()
            .position(|r| r.person.id == g.relative)
            .and_then(|i| req.sharer_of(i))
            .cloned();
        w.relative = Some(g.relative.clone());
        w.month = Some(g.month);
        w.amount = Some(*c);
        w.reasons = alloc::vec![REASON_RESERVE.to_string()];
        warnings.push(w);
    }
}

/// Cuts each grant, latest first, by the deepest shortfall below the reserve from its month on (at most
/// what the stress run granted of it), adding to `cuts`. Whether any grant was cut.
fn cut(
    req: &PlanRequest,
    stress: &Run,
    grants: &mut [GrantPlanned],
    cuts: &mut [Money],
    slack: &mut [Vec<Decimal>],
) -> bool {
    let mut any = false;
    let mut order: Vec<usize> = (0..grants.len()).collect();
    order.sort_by_key(|&k| core::cmp::Reverse(grants[k].month));
    for k in order {
        let g = &mut grants[k];
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
        if least >= Decimal::ZERO {
            continue;
        }
        // What the stress run granted: the planned amount, or less where Q-4 fitted it.
        let granted = stress
            .grants
            .iter()
            .filter(|x| x.relative == g.relative && x.month == g.month)
            .fold(Money::ZERO, |sum, x| {
                sum.checked_add(x.amount).unwrap_or(sum)
            })
            .min(g.amount);
        let deficit = Money::from_decimal(-least).unwrap_or(granted);
        let kept = granted.saturating_sub(deficit);
        let cut = g.amount.saturating_sub(kept);
        if cut.is_zero() {
            continue;
        }
        any = true;
        for s in slack[j].iter_mut().skip(from) {
            *s += granted.saturating_sub(kept).as_decimal();
        }
        g.amount = kept;
        cuts[k] = cuts[k].checked_add(cut).unwrap_or(cuts[k]);
    }
    any
}

/// `slack[j][k]`: sharer `j`'s balance less the reserve at the end of month `k + 1`. `wary` (after a cut
/// that did not suffice): less the cash paid up to that month for the bills his account pays as they
/// come, his own (S-4) and his in-province relatives', which money left in his account would have
/// paid instead.
fn slack(req: &PlanRequest, stress: &Run, wary: bool) -> Vec<Vec<Decimal>> {
    (0..req.sharers.len())
        .map(|j| {
            let id = &req.sharers[j].person.id;
            let charged = |p: &PersonId| {
                p == id
                    || req.family.iter().enumerate().any(|(i, r)| {
                        &r.person.id == p
                            && r.mode == Mode::InProvince
                            && req.sharer_of(i) == Some(id)
                    })
            };
            let mut own_cash = Decimal::ZERO;
            stress
                .months
                .iter()
                .map(|mo| {
                    if wary {
                        own_cash += stress
                            .bills
                            .iter()
                            .filter(|b| b.month == mo.month && charged(&b.patient))
                            .map(|b| b.paid.cash.as_decimal())
                            .sum::<Decimal>();
                    }
                    mo.sharers.get(j).map_or(Decimal::ZERO, |s| {
                        s.balance.as_decimal() - s.reserve.as_decimal() - own_cash
                    })
                })
                .collect()
        })
        .collect()
}
