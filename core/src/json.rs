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
    "reverse",
    "validate_policy",
    "plan",
];

/// Runs one operation on a JSON input document and returns the JSON output document.
///
/// `op` is one of [`OPERATIONS`]. This is the single entry the conformance vectors replay in every client.
pub fn invoke(book: &PolicyBook, op: &str, input: &str) -> Result<String, Error> {
    match op {
        "check_eligibility" => {
            let req: crate::eligibility::EligibilityRequest = parse_doc(input)?;
            Ok(to_json(&crate::eligibility::check_eligibility(book, &req)?))
        }
        "apply" => {
            let req: crate::wallet::ApplyRequest = parse_doc(input)?;
            Ok(to_json(&crate::wallet::apply(
                book,
                &req.state,
                &req.command,
                req.now,
            )?))
        }
        "shareable" => {
            let req: crate::wallet::ShareableRequest = parse_doc(input)?;
            Ok(to_json(&crate::wallet::breakdown(
                book,
                &req.state,
                &req.sharer,
                req.now,
            )?))
        }
        "statement" => {
            let req: crate::wallet::StatementRequest = parse_doc(input)?;
            Ok(to_json(&crate::wallet::statement(&req)?))
        }
        "settle" => {
            let req: crate::settlement::SettleRequest = parse_doc(input)?;
            Ok(to_json(&crate::settlement::settle(book, &req)?))
        }
        "reverse" => {
            let req: crate::settlement::Settlement = parse_doc(input)?;
            Ok(to_json(&crate::settlement::reverse(book, &req)?))
        }
        "plan" => {
            let req: crate::plan::PlanRequest = parse_doc(input)?;
            Ok(to_json(&crate::plan::plan(book, &req)?))
        }
        "validate_policy" => {
            let b = PolicyBook::from_json(input)?;
            Ok(to_json(&b))
        }
        _ => Err(Error::new(Code::UnknownOperation, "op").text(text::quoted(&op))),
    }
}
