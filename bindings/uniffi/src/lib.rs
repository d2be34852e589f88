//! # gongji-ffi — uniffi bindings of gongji-core
//!
//! Kotlin (Android), Swift (iOS) and Python get the core's operations as free functions over the
//! core's own document types, plus a `*_json` variant of each that takes and returns the JSON documents
//! of the contract (design.md). The records, enums, custom types and the error are declared once, in
//! the core (feature `uniffi`: derives on the types, scalars and [`GongjiError`] in `gongji_core::ffi`);
//! this crate converts types and errors and nothing else. Every typed argument is turned into the
//! core's document through its JSON text and [`gongji_core::json::parse_doc`], so each validation error
//! (with the JSON path of the bad field) is the one a JSON document gets.
//!
//! Money crosses the boundary as a decimal string and becomes `java.math.BigDecimal`,
//! `Foundation.Decimal` or `decimal.Decimal` (see `core/uniffi.toml`). Its lift keeps any decimal as
//! written: the core's `Money::parse` rejects `12.345` or `-1` with a typed [`GongjiError`].
//!
//! No panic crosses the boundary: the code below does not panic, and uniffi's scaffolding catches an
//! unwinding panic (the native library keeps `panic = "unwind"`) and reports it as an internal error.

use std::sync::{Arc, OnceLock};

use gongji_core::json;
use gongji_core::plan::{Plan, PlanRequest};
use gongji_core::settlement::{LedgerCommand, SettlementSummary};
use gongji_core::wallet::{ApplyRequest, Shareable, ShareableRequest, Statement, StatementRequest};
use gongji_core::{
    Applied, Command, Decision, EligibilityRequest, PolicyBook, Reversal, SettleRequest,
    Settlement, WalletState,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use gongji_core::GongjiError;

uniffi::setup_scaffolding!();

/// The embedded book (P-2), built once per process.
fn embedded() -> &'static PolicyBook {
    static BOOK: OnceLock<PolicyBook> = OnceLock::new();
    BOOK.get_or_init(PolicyBook::embedded)
}

/// A policy book loaded and validated once (P-2, P-3): pass it to any operation instead of the embedded one.
#[derive(Debug, uniffi::Object)]
pub struct Policy {
    book: PolicyBook,
}

#[uniffi::export]
impl Policy {
    /// Loads a caller's book document (with `"extends": "embedded"` it overlays the embedded book).
    #[uniffi::constructor]
    pub fn new(book_json: String) -> Result<Arc<Policy>, GongjiError> {
        Ok(Arc::new(Policy {
            book: PolicyBook::from_json(&book_json)?,
        }))
    }

    /// The embedded default book.
    #[uniffi::constructor]
    pub fn embedded() -> Arc<Policy> {
        Arc::new(Policy {
            book: embedded().clone(),
        })
    }

    /// The book's version label.
    pub fn version(&self) -> String {
        self.book.version.clone()
    }

    /// The whole (resolved) book document.
    pub fn to_json(&self) -> String {
        json::to_json(&self.book)
    }
}

fn book(policy: &Option<Arc<Policy>>) -> &PolicyBook {
    match policy {
        Some(p) => &p.book,
        None => embedded(),
    }
}

/// A record → the core's document, through the JSON text of the contract, so the core validates it
/// exactly as it validates a JSON document (same codes, same field paths). Text rather than a
/// `serde_json::Value`: a `Value` map may reorder keys (`"args"` before `"type"`), which loses the
/// path inside an adjacently tagged command.
fn to_core<T: DeserializeOwned>(record: &impl Serialize) -> Result<T, GongjiError> {
    Ok(json::parse_doc(&json::to_json(record))?)
}

/// The input document of `apply`, from the function's arguments (`now` stays text: the core names it).
#[derive(Serialize)]
struct ApplyDoc<'a> {
    state: &'a WalletState,
    command: &'a Command,
    now: &'a str,
}

/// The input document of `shareable`, from the function's arguments.
#[derive(Serialize)]
struct ShareableDoc<'a> {
    state: &'a WalletState,
    sharer: &'a str,
    now: &'a str,
}

// ---- typed API ----

/// E-1..E-7: may the sharer share with this relative? Every rule's verdict, passed or failed (E-10).
#[uniffi::export(default(policy = None))]
pub fn check_eligibility(
    request: EligibilityRequest,
    policy: Option<Arc<Policy>>,
) -> Result<Decision, GongjiError> {
    let req: EligibilityRequest = to_core(&request)?;
    Ok(gongji_core::check_eligibility(book(&policy), &req)?)
}

/// Q-1..Q-5, E-6..E-9: applies one command to the wallet ledger at `now` (`YYYY-MM-DDTHH:MM`, UTC+8).
/// Returns the new state, to be stored by the host, and what happened.
#[uniffi::export(default(policy = None))]
pub fn apply(
    state: WalletState,
    command: Command,
    now: String,
    policy: Option<Arc<Policy>>,
) -> Result<Applied, GongjiError> {
    let req: ApplyRequest = to_core(&ApplyDoc {
        state: &state,
        command: &command,
        now: &now,
    })?;
    Ok(gongji_core::apply(
        book(&policy),
        &req.state,
        &req.command,
        req.now,
    )?)
}

/// A settlement's or a reversal's ledger command (`spend`, `refund`) as the wallet command of the same
/// JSON, to pass to [`apply`].
#[uniffi::export]
pub fn wallet_command(command: LedgerCommand) -> Command {
    command.into()
}

/// how much the sharer may grant now, term by term, and how much is advised.
#[uniffi::export(default(policy = None))]
pub fn shareable(
    state: WalletState,
    sharer: String,
    now: String,
    policy: Option<Arc<Policy>>,
) -> Result<Shareable, GongjiError> {
    let req: ShareableRequest = to_core(&ShareableDoc {
        state: &state,
        sharer: &sharer,
        now: &now,
    })?;
    Ok(gongji_core::wallet::breakdown(
        book(&policy),
        &req.state,
        &req.sharer,
        req.now,
    )?)
}

/// T-1: the statement (共济支出明细) folded from the ledger's events as the host kept them (each with the
/// time of its command): per sharer → beneficiary, per year and month. Reads no state and no book.
#[uniffi::export]
pub fn statement(request: StatementRequest) -> Result<Statement, GongjiError> {
    let req: StatementRequest = to_core(&request)?;
    Ok(gongji_core::wallet::statement(&req)?)
}

/// S-1..S-8: settles a bill. Stage A (the patient's own scheme) then stage B (own account, family
/// funds, cash); the result carries the ledger commands the host applies to the wallet.
#[uniffi::export(default(policy = None))]
pub fn settle(
    request: SettleRequest,
    policy: Option<Arc<Policy>>,
) -> Result<Settlement, GongjiError> {
    let req: SettleRequest = to_core(&request)?;
    Ok(gongji_core::settle(book(&policy), &req)?)
}

/// S-1..S-8: the amounts of [`settle`]'s document for the same request, without its lines, parameters,
/// accumulators, ledger commands or trace (settled without the trace, whatever `explain` says).
#[uniffi::export(default(policy = None))]
pub fn settle_summary(
    request: SettleRequest,
    policy: Option<Arc<Policy>>,
) -> Result<SettlementSummary, GongjiError> {
    let req: SettleRequest = to_core(&request)?;
    Ok(gongji_core::settlement::settle_summary(book(&policy), req)?)
}

/// S-9: reverses a settlement (退费/冲正); a settlement whose identities do not hold is refused.
#[uniffi::export(default(policy = None))]
pub fn reverse(
    settlement: Settlement,
    policy: Option<Arc<Policy>>,
) -> Result<Reversal, GongjiError> {
    let s: Settlement = to_core(&settlement)?;
    Ok(gongji_core::reverse(book(&policy), &s)?)
}

/// PL-1: the family-year planner: the grants to make and every scenario simulated month by month.
#[uniffi::export(default(policy = None))]
pub fn plan(request: PlanRequest, policy: Option<Arc<Policy>>) -> Result<Plan, GongjiError> {
    let req: PlanRequest = to_core(&request)?;
    Ok(gongji_core::plan::plan(book(&policy), &req)?)
}

/// P-3: validates a caller's policy book; throws naming the path of the first bad value.
#[uniffi::export]
pub fn validate_policy(book_json: String) -> Result<(), GongjiError> {
    PolicyBook::from_json(&book_json)
        .map(|_| ())
        .map_err(Into::into)
}

// ---- JSON document API ----

fn invoke(policy: &Option<Arc<Policy>>, op: &str, input: &str) -> Result<String, GongjiError> {
    Ok(json::invoke(book(policy), op, input)?)
}

/// `check_eligibility` over JSON documents.
#[uniffi::export(default(policy = None))]
pub fn check_eligibility_json(
    input: String,
    policy: Option<Arc<Policy>>,
) -> Result<String, GongjiError> {
    invoke(&policy, "check_eligibility", &input)
}

/// `apply` over JSON documents (`{"state": …, "command": …, "now": …}` → `{"state": …, "events": […]}`).
#[uniffi::export(default(policy = None))]
pub fn apply_json(input: String, policy: Option<Arc<Policy>>) -> Result<String, GongjiError> {
    invoke(&policy, "apply", &input)
}

/// `shareable` over JSON documents (`{"state": …, "sharer": …, "now": …}`).
#[uniffi::export(default(policy = None))]
pub fn shareable_json(input: String, policy: Option<Arc<Policy>>) -> Result<String, GongjiError> {
    invoke(&policy, "shareable", &input)
}

/// T-1: the statement over JSON documents (`{"events": [{"at": …, "event": …}], "person"?, "year"?}`).
#[uniffi::export]
pub fn statement_json(input: String) -> Result<String, GongjiError> {
    invoke(&None, "statement", &input)
}

/// S-1..S-8: settles a bill, over JSON documents.
#[uniffi::export(default(policy = None))]
pub fn settle_json(input: String, policy: Option<Arc<Policy>>) -> Result<String, GongjiError> {
    invoke(&policy, "settle", &input)
}

/// S-1..S-8: the settlement's amounts only, over JSON documents (the same request as `settle_json`).
#[uniffi::export(default(policy = None))]
pub fn settle_summary_json(
    input: String,
    policy: Option<Arc<Policy>>,
) -> Result<String, GongjiError> {
    invoke(&policy, "settle_summary", &input)
}

/// S-9: reverses a settlement, over JSON documents.
#[uniffi::export(default(policy = None))]
pub fn reverse_json(input: String, policy: Option<Arc<Policy>>) -> Result<String, GongjiError> {
    invoke(&policy, "reverse", &input)
}

/// PL-1: the family-year planner, over JSON documents.
#[uniffi::export(default(policy = None))]
pub fn plan_json(input: String, policy: Option<Arc<Policy>>) -> Result<String, GongjiError> {
    invoke(&policy, "plan", &input)
}

/// P-3: validates a book document and returns it resolved (overlaid on the embedded book when it extends it).
#[uniffi::export]
pub fn validate_policy_json(book_json: String) -> Result<String, GongjiError> {
    invoke(&None, "validate_policy", &book_json)
}

/// Runs any operation by name (`check_eligibility`, `apply`, `settle`, `settle_summary`, `reverse`, …) on a
/// JSON document, with the embedded book or `book_json`. The conformance vectors replay through this.
#[uniffi::export(default(book_json = None))]
pub fn invoke_json(
    op: String,
    input: String,
    book_json: Option<String>,
) -> Result<String, GongjiError> {
    match book_json {
        None => invoke(&None, &op, &input),
        Some(b) => Ok(json::invoke(&PolicyBook::from_json(&b)?, &op, &input)?),
    }
}

/// The operation names [`invoke_json`] accepts.
#[uniffi::export]
pub fn operations() -> Vec<String> {
    json::OPERATIONS.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests;
