//! The family-year planner (PL-1): how much to grant to whom, and when, simulated month by month with
//! the same E-, Q- and S-rules as the ledger.
//!
//! ## The simulation
//! A scenario is one calendar year on a fresh ledger (`wallet::apply`), times in UTC+8:
//! - 1 January 00:00: every sharer and relative is registered with the balance given; each relative's
//!   relationship is established (E-1..E-7 on 1 January; a regional review, E-6, is taken as approved).
//!   A relative who is not eligible gets `RELATIVE_NOT_ELIGIBLE` with every failed eligibility code, and
//!   their bills are simulated without sharing.
//! - The 1st of each month, 08:00: each sharer's monthly credit, then their own spending is taken
//!   from their account (this year's credits first; never below zero).
//! - The 1st from 09:00: the month's grants or, in the transfer model (Q-5 b), transfers of at most
//!   `max_amount` each, at most `max_per_day` a day per sharer, each accepted at once, on days 1–14.
//! - The 15th from 10:00: the month's premiums (S-7), then its expected bills in listed order, each settled
//!   by the ledger (`settle` command, S-14): own account first, then quotas and in-province sharers, then
//!   cash (S-4..S-6). In-province relatives need no grant: the ledger charges the sharer directly.
//! - Each month's end: each sharer's usable balance against the reserve line: the region's
//!   `reserve_advice_ratio` of the 1 January balance, or N months of the sharer's own spending.
//!   The first month below it is warned (`RESERVE_BREACHED`). On 31 December unspent quota is warned
//!   (`QUOTA_UNSPENT_AT_YEAR_END`).
//!
//! ## The recommendation (no caller schedule)
//! 1. The expected care is simulated; at each month's start each wallet-mode relative is granted what the
//!    month's bills need from a quota: the month's bills settled ahead with the same rules (`settle`) on the
//!    relative's own account and year-to-date totals with an unlimited quota, less the quota still
//!    unspent. A grant is fitted to the shareable balance and to the transfer days, so the ledger
//!    never refuses it; what is left uncovered is warned `COVER_SHORT` with the ledger's code.
//! 2. Those grants are simulated in the high scenario (else the expected one), and each grant, in month
//!    order, is cut by the deepest shortfall `reserve − balance` of its sharer's month ends from its month
//!    on, at most the whole grant (a cut raises the balance of those months, so later grants see it); each
//!    cut grant is warned `COVER_SHORT` with reason `RESERVE`. Earlier grants keep priority over later
//!    ones. A cut leaves more in the sharer's account for his own bills (S-4), so the scenario is run
//!    again with the cut grants until no grant needs a cut (at most 8 runs).
//! 3. The grants left are simulated in every scenario (low, expected, high) and, for `cash_avoided`, every
//!    scenario again with no relationship at all. `grants` are those the expected run's ledger accepted.
//!
//! With a caller schedule (`grants`, what-if) steps 1–2 are skipped; a grant the ledger refuses is warned
//! `GRANT_REFUSED` with its code and skipped. Advice never limits a what-if schedule.
//! The planner is deterministic: no clock, no randomness.

mod grant;
mod input;
mod output;
mod recommend;
mod sim;
mod simulate;

pub use input::{
    ExpectedBill, GrantPlanned, PlanPremium, PlanRelative, PlanRequest, PlanScenarios, PlanSharer,
    ReserveRule, MAX_PLAN_BILLS, MAX_RELATIVES, MAX_SHARERS,
};
pub use output::{
    FamilyPaid, Plan, PlanBill, PlanGrant, PlanMonth, PlanPaid, PlanScenario, PlanTotals,
    PlanTransfer, PlanWarning, PlanWarningCode, ScenarioKind, SharerMonth, PLAN_SCHEMA,
};
pub use recommend::REASON_RESERVE;

use alloc::vec::Vec;

use crate::error::Error;
use crate::policy::PolicyBook;
use sim::Schedule;
use simulate::run;

/// PL-1: the grants to make and every scenario simulated with them.
pub fn plan(book: &PolicyBook, req: &PlanRequest) -> Result<Plan, Error> {
    req.validate()?;
    let expected = req.bills(&req.care, "care");
    let sc = req.scenarios.as_ref();
    let low = sc
        .and_then(|s| s.low.as_ref())
        .map(|b| req.bills(b, "scenarios.low"));
    let high = sc
        .and_then(|s| s.high.as_ref())
        .map(|b| req.bills(b, "scenarios.high"));
    let mut schedule_warnings = Vec::new();
    let (schedule, what_if, mut reuse) = match &req.grants {
        Some(g) => (g.clone(), true, None),
        None => {
            let (g, reuse) = recommend::schedule(
                book,
                req,
                &expected,
                high.as_deref(),
                &mut schedule_warnings,
            )?;
            (g, false, reuse)
        }
    };
    let mut out = Plan {
        schema: PLAN_SCHEMA.into(),
        year: req.year,
        what_if,
        grants: Vec::new(),
        scenarios: Vec::new(),
        warnings: Vec::new(),
    };
    let mut scenario_warnings = Vec::new();
    let runs = [
        (ScenarioKind::Low, low.as_deref()),
        (ScenarioKind::Expected, Some(expected.as_slice())),
        (ScenarioKind::High, high.as_deref()),
    ];
    for (kind, bills) in runs {
        let Some(bills) = bills else { continue };
        let fixed = Schedule::Fixed {
            grants: &schedule,
            strict: what_if,
        };
        let r = match reuse.take() {
            Some((k, r)) if k == kind => r,
            other => {
                reuse = other;
                run(book, req, bills, fixed, kind)?
            }
        };
        let warnings = (&mut schedule_warnings, &mut scenario_warnings);
        add_scenario(book, req, bills, kind, r, &mut out, warnings)?;
    }
    for w in schedule_warnings.into_iter().chain(scenario_warnings) {
        if !out.warnings.contains(&w) {
            out.warnings.push(w);
        }
    }
    Ok(out)
}

/// One scenario's run, with its no-sharing baseline (`cash_avoided`), into the plan; the expected run
/// gives the grants and the setup warnings.
fn add_scenario(
    book: &PolicyBook,
    req: &PlanRequest,
    bills: &[input::SimBill],
    kind: ScenarioKind,
    r: sim::Run,
    out: &mut Plan,
    (schedule_warnings, scenario_warnings): (&mut Vec<PlanWarning>, &mut Vec<PlanWarning>),
) -> Result<(), Error> {
    let base = run(book, req, bills, Schedule::NoSharing, kind)?;
    let (Some(totals), Some(base_totals)) = (r.totals, base.totals) else {
        return Ok(());
    };
    if kind == ScenarioKind::Expected {
        out.warnings.extend(r.setup);
        schedule_warnings.extend(r.schedule);
        out.grants = r.grants;
    } else {
        // The same grants may not all fit another scenario (its bills took the sharer's own money
        // first): what the ledger did not take there is said, with the scenario.
        scenario_warnings.extend(r.schedule.into_iter().map(|mut w| {
            w.scenario = Some(kind);
            w
        }));
    }
    scenario_warnings.extend(r.scenario);
    let without = base_totals.paid.cash;
    out.scenarios.push(PlanScenario {
        scenario: kind,
        months: r.months,
        bills: r.bills,
        cash_avoided: without.saturating_sub(totals.paid.cash),
        cash_without_sharing: without,
        totals,
    });
    Ok(())
}

#[cfg(test)]
mod tests;
