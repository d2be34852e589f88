//! Settlement (S-1..S-13, P-4): who pays what of a bill.
//!
//! Stage A (S-1..S-3) applies the patient's own scheme: item classes, deductible, ratio, cap and the
//! year-to-date totals; in an estimate also the layers after the basic fund, per-admission deductibles
//! and out-of-area care (S-12), on parameters whose region and grade the settlement states (P-4). Stage B (S-4..S-7) pays the personal burden: own account, then family funds,
//! then cash, within what accounts may pay. The result uses the national field names (S-8), carries the
//! ledger commands the host applies, explains every step, and can be reversed exactly (S-9).
//!
//! Money is rounded once, where the pooled fund is computed; every other amount is derived by
//! subtraction, so the S-8 identities hold to the fen (S-10). (A class-B item's 先行自付 share is a
//! per-item input split, rounded half-up the same way, with the in-scope rest derived by subtraction.)
//!
//! Where the rule book is silent:
//! - *Non-designated institution* (S-6): a result, not an error. The pooled fund pays designated
//!   institutions only, so it pays nothing; accounts and sharing pay nothing either; the whole bill is
//!   cash, and the trace carries the code `NOT_DESIGNATED`. A premium is never non-designated.
//! - *Premium no single payer covers* (S-7): a result, not an error. Each premium is paid whole by the
//!   first payer in S-4/S-5 order that holds enough, else in cash (trace code `PREMIUM_NOT_FULL`); it is
//!   never split. A premium has no stage A; its amount counts as 全自费 in the S-1 split.
//! - *Which region's parameters*: the patient's (sharing never changes the beneficiary's benefits).
//! - *Example-grade parameters* (P-4): used only when the request says `estimate`; otherwise the bill is
//!   refused (`ESTIMATE_REQUIRED`) naming the region. Split mode states no parameters (the platform's).
//! - *Admissions* (S-12): one inpatient settlement at a designated institution is one admission.
//! - *`fund_sum_includes_acct`* changes only `fund_pay_sumamt` (= `hifp_pay + acct_pay`); `psn_part_amt`
//!   stays the personal burden (`acct_pay + psn_cash_pay`), so then `medfee_sumamt = hifp_pay +
//!   psn_part_amt + hosp_part_amt`.
//! - `hosp_part_amt` is 0.00 in an estimate: no rule here puts a part on the hospital. In split mode
//!   (S-11, see `presettlement`) it and the other funds are the platform's.
//! - *Notices* (S-13): `QUOTA_INSUFFICIENT` is given when the patient has family funds and they, with the
//!   own account, held less than they were allowed to pay; it names the last family fund in paying order
//!   and the amount that went to cash for want of money. (Without family funds, an own account too small
//!   is no rule limiting who pays, and gives no notice.)

mod area;
mod assemble;
mod bands;
mod commands;
mod explain;
mod layers;
mod notice;
mod output;
mod presettlement;
mod request;
mod reverse;
mod stage_a;
mod stage_b;
mod sum;
mod summary;

pub use commands::LedgerCommand;
pub use explain::Step;
pub use notice::{Notice, NoticeCode};
pub use output::{ItemSplit, Parameters, SettleMode, Settlement, SharerPay, SETTLEMENT_SCHEMA};
pub use presettlement::Presettlement;
pub(crate) use request::check_reference;
pub use request::{
    Accumulators, Category, FamilyFund, FundOrder, Item, ItemClass, OutOfArea, SettleRequest,
    Visit, MAX_FUNDS, MAX_ITEMS, MAX_REFERENCE,
};
pub use reverse::{contributions, reverse, Reversal};
pub use summary::{settle_summary, SettlementSummary, SUMMARY_SCHEMA};

use crate::error::Error;
use crate::policy::PolicyBook;

/// Settles a bill: stage A, stage B, the S-8 document.
pub fn settle(book: &PolicyBook, req: &SettleRequest) -> Result<Settlement, Error> {
    req.validate()?;
    // P-1: the region's levels, looked up once for the bill's parameters, benefit and layer rows.
    let at = book.regional(req.patient.region);
    let pol = at.resolve(req.date)?;
    // S-1 gives one step per line; the bill's own steps (S-2..S-8, S-12) are fewer than 24.
    let mut trace = explain::Trace::new(req.explain, req.items.len() + 24);
    let a = match &req.presettlement {
        Some(p) => stage_a::presettled(req, p, &mut trace)?,
        None => stage_a::run(&at, req, &mut trace)?,
    };
    let b = stage_b::run(req, &pol, &a, &mut trace)?;
    assemble::assemble(req, *pol.fund_sum_includes_acct, a, b, trace)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod split_tests;

#[cfg(test)]
mod layer_tests;
