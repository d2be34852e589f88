//! gongji-wasm: the core's JSON document contract for JavaScript (browsers, node, mini-programs).
//!
//! This crate converts types and errors, nothing else (design.md: "one core, thin bindings").
//!
//! * Inputs are plain JS objects of the contract. They are turned into JSON text with the engine's own
//!   `JSON.stringify` and parsed by [`gongji_core::json::parse_doc`], so a JS object goes through exactly
//!   the same parser, error codes and error paths as the JSON text the conformance vectors use.
//!   (serde-wasm-bindgen's deserializer reports its failures as JS `Error` objects whose text starts with
//!   "Error: ", which would lose the stable codes the core derives from serde's messages.)
//! * Outputs are the core's JSON text (`gongji_core::json::invoke`), which the package's JS layer turns
//!   into plain objects with `JSON.parse`: one serializer for every client, and no second copy of every
//!   document's serialisation code in the wasm (the size budget).
//! * Errors are thrown as a plain object `{code, rule, field, message_zh, message_en}` (the core's
//!   `ErrorDoc`); the package's JS layer turns it into a `GongjiError`.
//!
//! Nothing here may panic: a panic in wasm aborts the instance (and a mini-program page with it), so
//! there is no `unwrap`, `expect` or indexing, and every fallible step maps onto an `ErrorDoc`.
#![forbid(unsafe_code)]

use std::cell::RefCell;

use gongji_core::json;
#[cfg(feature = "ledger")]
use gongji_core::json::to_json;
use gongji_core::{Code, Error, PolicyBook};
use serde::Serialize;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The embedded book, built on first use (from Rust data, no parse) and kept for the life of the instance.
    static EMBEDDED: PolicyBook = PolicyBook::embedded();
    /// The last book passed as text to `invokeJson`, with its parsed form, so repeated calls with the same
    /// book parse it once.
    static LAST_BOOK: RefCell<Option<(String, PolicyBook)>> = const { RefCell::new(None) };
}

/// The value thrown to JS for a core error: the `ErrorDoc` as a plain object.
fn throw(e: &Error) -> JsValue {
    let doc = e.to_doc();
    match doc.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
        Ok(v) => v,
        // Only strings and null: cannot fail. Keep the code visible if it somehow does.
        Err(_) => JsValue::from_str(&doc.code),
    }
}

/// A JS value (an object of the contract, or already JSON text) as JSON text.
fn to_text(value: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let not_a_document = || {
        throw(&Error::new(Code::InvalidType, "").detail(
            "须为文档对象或 JSON 文本",
            "expected a document object or JSON text",
        ))
    };
    if value.is_undefined() || value.is_function() || value.is_symbol() || value.is_bigint() {
        return Err(not_a_document());
    }
    match js_sys::JSON::stringify(value) {
        Ok(s) => s.as_string().ok_or_else(not_a_document),
        // A BigInt inside, or a cycle.
        Err(e) => {
            let msg: String = js_sys::Error::from(e).message().into();
            Err(throw(
                &Error::new(Code::InvalidType, "").detail(msg.clone(), msg),
            ))
        }
    }
}

/// The operations of this build: all of the core's, or the calculator's without the `ledger` feature.
#[cfg(feature = "ledger")]
const OPERATIONS: &[&str] = json::OPERATIONS;
#[cfg(not(feature = "ledger"))]
const OPERATIONS: &[&str] = json::CALCULATOR_OPERATIONS;

/// The core's text entry for this build's operations. Without the `ledger` feature it is
/// `json::invoke_calculator`, so that the ledger's documents are not linked in.
#[cfg(feature = "ledger")]
fn invoke(book: &PolicyBook, op: &str, input: &str) -> Result<String, Error> {
    json::invoke(book, op, input)
}
#[cfg(not(feature = "ledger"))]
fn invoke(book: &PolicyBook, op: &str, input: &str) -> Result<String, Error> {
    json::invoke_calculator(book, op, input)
}

/// Runs one operation of the core on a JS input document; returns the output as JSON text.
fn run(book: &PolicyBook, op: &str, input: &JsValue) -> Result<String, JsValue> {
    invoke(book, op, &to_text(input)?).map_err(|e| throw(&e))
}

fn with_embedded<R>(f: impl FnOnce(&PolicyBook) -> R) -> R {
    EMBEDDED.with(f)
}

fn parse_book(value: &JsValue) -> Result<PolicyBook, JsValue> {
    let text = to_text(value)?;
    PolicyBook::from_json(&text).map_err(|e| throw(&e))
}

/// `check_eligibility` (E-1..E-7) with the embedded book.
#[wasm_bindgen(js_name = checkEligibility)]
pub fn check_eligibility(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "check_eligibility", request))
}

#[cfg(feature = "ledger")]
/// `apply` (wallet ledger, E-6..E-9, Q-*) with the embedded book.
#[wasm_bindgen]
pub fn apply(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "apply", request))
}

/// `shareable` (Q-4 term by term, Q-7 advice) with the embedded book.
#[wasm_bindgen]
pub fn shareable(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "shareable", request))
}

#[cfg(feature = "ledger")]
/// `statement` (T-1): the ledger's logged events folded per sharer → beneficiary, month and year.
#[wasm_bindgen]
pub fn statement(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "statement", request))
}

/// `plan` (PL-1, the family-year planner) with the embedded book.
#[wasm_bindgen]
pub fn plan(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "plan", request))
}

/// `settle` (S-1..S-8) with the embedded book.
#[wasm_bindgen]
pub fn settle(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "settle", request))
}

/// `settle_summary` (S-1..S-8, the amounts only, settled without the trace) with the embedded book.
#[wasm_bindgen(js_name = settleSummary)]
pub fn settle_summary(request: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "settle_summary", request))
}

#[cfg(feature = "ledger")]
/// `reverse` (S-9) with the embedded book.
#[wasm_bindgen]
pub fn reverse(settlement: &JsValue) -> Result<String, JsValue> {
    with_embedded(|b| run(b, "reverse", settlement))
}

#[cfg(feature = "ledger")]
/// Validates a policy book (object or JSON text) and returns it as loaded (P-2, P-3).
#[wasm_bindgen(js_name = validatePolicy)]
pub fn validate_policy(book: &JsValue) -> Result<String, JsValue> {
    Ok(to_json(&parse_book(book)?))
}

/// Loads a policy book (object or JSON text) once, for repeated use.
#[wasm_bindgen(js_name = loadPolicy)]
pub fn load_policy(book: &JsValue) -> Result<Policy, JsValue> {
    Ok(Policy {
        book: parse_book(book)?,
    })
}

/// The text entry: runs `op` on JSON text and returns JSON text, exactly as `gongji_core::json::invoke`.
/// `book_text`, when given, is a policy book as JSON text (the last one is kept parsed).
#[wasm_bindgen(js_name = invokeJson)]
pub fn invoke_json(
    op: &str,
    input_text: &str,
    book_text: Option<String>,
) -> Result<String, JsValue> {
    match book_text {
        None => with_embedded(|b| invoke(b, op, input_text)).map_err(|e| throw(&e)),
        Some(text) => LAST_BOOK.with(|cell| {
            let mut slot = cell
                .try_borrow_mut()
                .map_err(|_| throw(&Error::new(Code::TooMany, "")))?;
            let cached = matches!(slot.as_ref(), Some((t, _)) if *t == text);
            if !cached {
                let book = PolicyBook::from_json(&text).map_err(|e| throw(&e))?;
                *slot = Some((text, book));
            }
            match slot.as_ref() {
                Some((_, book)) => invoke(book, op, input_text).map_err(|e| throw(&e)),
                None => Err(throw(&Error::new(Code::PolicyValueMissing, ""))),
            }
        }),
    }
}

#[cfg(feature = "ledger")]
/// The embedded policy book as JSON text (P-2).
#[wasm_bindgen(js_name = embeddedPolicy)]
pub fn embedded_policy() -> String {
    with_embedded(to_json)
}

/// The operation names `invokeJson` accepts.
#[wasm_bindgen]
pub fn operations() -> Vec<String> {
    OPERATIONS.iter().map(|s| (*s).to_string()).collect()
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A caller-supplied policy book, parsed and validated once (P-2).
#[wasm_bindgen]
pub struct Policy {
    book: PolicyBook,
}

#[wasm_bindgen]
impl Policy {
    #[wasm_bindgen(js_name = checkEligibility)]
    pub fn check_eligibility(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "check_eligibility", request)
    }

    #[cfg(feature = "ledger")]
    pub fn apply(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "apply", request)
    }

    pub fn shareable(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "shareable", request)
    }

    #[cfg(feature = "ledger")]
    /// T-1 (the book plays no part; here so every operation is a method).
    pub fn statement(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "statement", request)
    }

    pub fn settle(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "settle", request)
    }

    #[wasm_bindgen(js_name = settleSummary)]
    pub fn settle_summary(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "settle_summary", request)
    }

    pub fn plan(&self, request: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "plan", request)
    }

    #[cfg(feature = "ledger")]
    pub fn reverse(&self, settlement: &JsValue) -> Result<String, JsValue> {
        run(&self.book, "reverse", settlement)
    }

    /// The text entry with this book.
    #[wasm_bindgen(js_name = invokeJson)]
    pub fn invoke_json(&self, op: &str, input_text: &str) -> Result<String, JsValue> {
        invoke(&self.book, op, input_text).map_err(|e| throw(&e))
    }

    #[cfg(feature = "ledger")]
    /// The book as loaded, as JSON text.
    #[wasm_bindgen(js_name = toJsonText)]
    pub fn to_json_text(&self) -> String {
        to_json(&self.book)
    }
}
