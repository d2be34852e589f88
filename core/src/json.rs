//! The JSON document contract every binding exposes (design.md): one entry per operation,
//! documents in, documents out, errors as [`ErrorDoc`](crate::ErrorDoc).

use alloc::string::String;
use serde::de::DeserializeOwned;
use serde::Serialize;

pub use crate::codec::{deserialize_tracked, parse_doc, to_json, MAX_DOCUMENT_BYTES};
/// The reference reader (serde_json) [`parse_doc`] must match: for the differential fuzz target only.
#[cfg(feature = "reference-reader")]
#[doc(hidden)]
pub use crate::codec::{parse_doc_serde_json, readers_agree};
use crate::error::{Code, Error};
use crate::policy::PolicyBook;
use crate::text;

/// Operations of [`invoke`], by their stable names.
pub const OPERATIONS: &[&str] = &[
    "check_eligibility",
    "apply",
    "shareable",
    "statement",
    "settle",
    "settle_summary",
    "reverse",
    "validate_policy",
    "plan",
];

/// The operations of [`invoke_calculator`]: those a client without a wallet ledger needs (E-1..E-7,
/// S-1..S-8 in full or summed up, PL-1). A build that calls only [`invoke_calculator`] leaves out the ledger's
/// documents (commands, events, statements, reversals) and the policy book's serialisation.
pub const CALCULATOR_OPERATIONS: &[&str] = &[
    "check_eligibility",
    "shareable",
    "settle",
    "settle_summary",
    "plan",
];

/// Runs one operation on a JSON input document and returns the JSON output document.
///
/// `op` is one of [`OPERATIONS`]. This is the single entry the conformance vectors replay in every client.
pub fn invoke(book: &PolicyBook, op: &str, input: &str) -> Result<String, Error> {
    if let Some(out) = calculator_op(book, op, input) {
        return out;
    }
    match op {
        "apply" => operation(input, |req: crate::wallet::ApplyRequest| {
            crate::wallet::apply(book, &req.state, &req.command, req.now)
        }),
        "statement" => operation(input, |req: crate::wallet::StatementRequest| {
            crate::wallet::statement(&req)
        }),
        "reverse" => operation(input, |req: crate::settlement::Settlement| {
            crate::settlement::reverse(book, &req)
        }),
        "validate_policy" => validate_policy(input),
        _ => Err(unknown(op)),
    }
}

/// [`invoke`] restricted to [`CALCULATOR_OPERATIONS`]: the same documents and errors for those; any other
/// name is `UNKNOWN_OPERATION`, as an unknown name is for [`invoke`].
pub fn invoke_calculator(book: &PolicyBook, op: &str, input: &str) -> Result<String, Error> {
    calculator_op(book, op, input).unwrap_or_else(|| Err(unknown(op)))
}

/// The operations of [`CALCULATOR_OPERATIONS`]; `None` for any other name.
fn calculator_op(book: &PolicyBook, op: &str, input: &str) -> Option<Result<String, Error>> {
    use crate::{eligibility, plan, settlement, wallet};
    Some(match op {
        "check_eligibility" => operation(input, |req| eligibility::check_eligibility(book, &req)),
        "shareable" => operation(input, |req: wallet::ShareableRequest| {
            wallet::breakdown(book, &req.state, &req.sharer, req.now)
        }),
        "settle" => operation(input, |req| settlement::settle(book, &req)),
        // The same request as `settle`; the amounts only, settled without the trace.
        "settle_summary" => operation(input, |req| settlement::settle_summary(book, req)),
        "plan" => operation(input, |req| plan::plan(book, &req)),
        _ => return None,
    })
}

/// One operation: its request parsed from `input`, run, its output written. Each operation is a function
/// of its own, never inlined into the dispatch: V8 compiles a wasm function whole on its first call, so a
/// fresh instance's first call compiles the operation it runs, not every operation (BENCHMARKS.md, "Cold
/// start").
#[inline(never)]
fn operation<I: DeserializeOwned, O: Serialize>(
    input: &str,
    run: impl FnOnce(I) -> Result<O, Error>,
) -> Result<String, Error> {
    parse_doc(input).and_then(run).map(|out| to_json(&out))
}

/// `validate_policy` (P-3): the book parsed and validated, written back; apart as [`operation`] is.
#[inline(never)]
fn validate_policy(input: &str) -> Result<String, Error> {
    Ok(to_json(&PolicyBook::from_json(input)?))
}

#[cold]
#[inline(never)]
fn unknown(op: &str) -> Error {
    Error::new(Code::UnknownOperation, "op").text(text::quoted(&op))
}
