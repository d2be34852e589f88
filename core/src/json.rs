//! The JSON document contract every binding exposes (design.md): one entry per operation,
//! documents in, documents out, errors as [`ErrorDoc`](crate::ErrorDoc).

use alloc::string::String;

pub use crate::codec::{deserialize_tracked, parse_doc, to_json, MAX_DOCUMENT_BYTES};
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
        "apply" => {
            let req: crate::wallet::ApplyRequest = parse_doc(input)?;
            Ok(to_json(&crate::wallet::apply(
                book,
                &req.state,
                &req.command,
                req.now,
            )?))
        }
        "statement" => {
            let req: crate::wallet::StatementRequest = parse_doc(input)?;
            Ok(to_json(&crate::wallet::statement(&req)?))
        }
        "reverse" => {
            let req: crate::settlement::Settlement = parse_doc(input)?;
            Ok(to_json(&crate::settlement::reverse(book, &req)?))
        }
        "validate_policy" => {
            let b = PolicyBook::from_json(input)?;
            Ok(to_json(&b))
        }
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
        "check_eligibility" => parse_doc(input)
            .and_then(|req| eligibility::check_eligibility(book, &req))
            .map(|out| to_json(&out)),
        "shareable" => parse_doc(input)
            .and_then(|req: wallet::ShareableRequest| {
                wallet::breakdown(book, &req.state, &req.sharer, req.now)
            })
            .map(|out| to_json(&out)),
        "settle" => parse_doc(input)
            .and_then(|req| settlement::settle(book, &req))
            .map(|out| to_json(&out)),
        // The same request as `settle`; the amounts only, settled without the trace.
        "settle_summary" => parse_doc(input)
            .and_then(|req| settlement::settle_summary(book, req))
            .map(|out| to_json(&out)),
        "plan" => parse_doc(input)
            .and_then(|req| plan::plan(book, &req))
            .map(|out| to_json(&out)),
        _ => return None,
    })
}

fn unknown(op: &str) -> Error {
    Error::new(Code::UnknownOperation, "op").text(text::quoted(&op))
}
