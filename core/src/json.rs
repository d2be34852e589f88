//! The JSON document contract every binding exposes (design.md): one entry per operation,
//! documents in, documents out, errors as [`ErrorDoc`](crate::ErrorDoc).

use alloc::format;
use alloc::string::{String, ToString};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{from_serde_message, Code, Error};
use crate::policy::PolicyBook;

/// Largest document accepted, in bytes (a guard against absurd inputs).
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// Operations of [`invoke`], by their stable names.
pub const OPERATIONS: &[&str] = &[
    "check_eligibility",
    "apply",
    "shareable",
    "settle",
    "reverse",
    "validate_policy",
];

/// Parses a document, turning any failure into an [`Error`] that names the JSON path.
pub fn parse_doc<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::new(Code::TooMany, "").detail("文档过大", "document too large"));
    }
    // A document is an object. serde would also take a struct from an array, by position: refuse that
    // form, whose errors would name array slots instead of fields.
    if json.trim_start().starts_with('[') {
        return Err(Error::new(Code::InvalidType, "").detail(
            "文档须为 JSON 对象，不能是数组",
            "a document is a JSON object, not an array",
        ));
    }
    serde_json::from_str(json).map_err(|e| {
        use serde_json::error::Category;
        // At the end of the text serde_json has read all of it; elsewhere it names the last byte it read.
        let end = match e.classify() {
            Category::Eof => json.len() + 1,
            _ => crate::locate::offset(json, e.line(), e.column()),
        };
        let path = crate::locate::path_at(json, end);
        let syntax = matches!(e.classify(), Category::Syntax | Category::Eof);
        classify(&e.to_string(), path, syntax)
    })
}

/// Maps a deserializer's message onto an [`Error`]: syntax errors are `INVALID_JSON`, the rest by message.
fn classify(msg: &str, path: String, syntax: bool) -> Error {
    if syntax && !msg.contains('\u{1f}') {
        let msg = msg.to_string();
        Error::new(Code::InvalidJson, path).detail(msg.clone(), msg)
    } else {
        from_serde_message(msg, path)
    }
}

/// Deserializes from any serde deserializer (a `serde_json::Value`, a JS object), tracking the path of a
/// failure. Text goes through [`parse_doc`] instead, which finds the path only when it needs it.
pub fn deserialize_tracked<'de, T: serde::Deserialize<'de>, D>(de: D) -> Result<T, Error>
where
    D: serde::Deserializer<'de>,
    D::Error: core::fmt::Display,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        // serde_path_to_error writes `?` for a segment it could not name (e.g. inside a truncated map).
        let path = path.replace(".?", "").replace("?", "");
        let path = if path == "." { String::new() } else { path };
        let msg = e.inner().to_string();
        let syntax = msg.contains("expected value")
            || msg.contains("EOF while parsing")
            || msg.contains("trailing");
        classify(&msg, path, syntax)
    })
}

/// Serializes an output document. Output types hold only strings, bools, small integers and lists,
/// so this cannot fail; the fallback keeps the promise of no panic.
pub fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|e| format!("{{\"error\":\"{}\"}}", e.to_string().replace('"', "'")))
}

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
        "settle" => {
            let req: crate::settlement::SettleRequest = parse_doc(input)?;
            Ok(to_json(&crate::settlement::settle(book, &req)?))
        }
        "reverse" => {
            let req: crate::settlement::Settlement = parse_doc(input)?;
            Ok(to_json(&crate::settlement::reverse(book, &req)?))
        }
        "validate_policy" => {
            let b = PolicyBook::from_json(input)?;
            Ok(to_json(&b))
        }
        _ => {
            Err(Error::new(Code::UnknownOperation, "op")
                .detail(format!("“{op}”"), format!("\"{op}\"")))
        }
    }
}
