//! The JSON codec, at the bottom of the crate: documents in and out, with the JSON path of a failure,
//! and serde's messages turned into coded, bilingual [`Error`]s. It knows nothing of the domain.

mod coded;
mod locate;
#[cfg(any(test, feature = "reference-reader"))]
mod objects;
mod read;
mod serde_msg;
pub(crate) mod tagged;
mod write;

pub(crate) use coded::CodedStr;

use alloc::string::{String, ToString};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Code, Error};
use crate::text;

/// Largest document accepted, in bytes (a guard against absurd inputs).
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// Parses a document, turning any failure into an [`Error`] that names the JSON path.
pub fn parse_doc<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::new(Code::TooMany, "").text(text::document_too_large()));
    }
    // A document is an object. serde would also take a struct from an array, by position: refuse that
    // form, whose errors would name array slots instead of fields.
    if json.trim_start().starts_with('[') {
        return Err(Error::new(Code::InvalidType, "").text(text::document_is_array()));
    }
    let mut reader = read::Reader::new(json);
    T::deserialize(&mut reader)
        .and_then(|value| reader.end().map(|()| value))
        .map_err(|e| read_error(json, &e))
}

/// The [`Error`] of a document the reader refused, with the JSON path of the byte it stopped at; cold
/// and apart, so that each document type's parse does not carry a copy.
#[cold]
#[inline(never)]
fn read_error(json: &str, e: &read::ReadError) -> Error {
    let msg = e.message(json);
    let e = e.refusal();
    match e.kind {
        read::Kind::Syntax(code) => {
            // At the end of the text the reader has read all of it.
            let end = if code.at_end() {
                json.len() + 1
            } else {
                e.at.unwrap_or(0)
            };
            serde_msg::classify(&msg, locate::path_at(json, end), true)
        }
        read::Kind::Data(_) => {
            serde_msg::classify(&msg, locate::path_at(json, e.at.unwrap_or(0)), false)
        }
    }
}

/// The reader this crate had before [`parse_doc`] read text itself: serde_json's, kept as the reference
/// the reader is checked against, byte for byte on every error — in the tests (`differential`) and, with
/// the feature `reference-reader`, in the fuzz target `reader_vs_serde_json`. It is held to the one rule
/// the crate's reader adds (`codec/objects.rs`: a struct from an object only).
#[cfg(any(test, feature = "reference-reader"))]
#[doc(hidden)]
pub fn parse_doc_serde_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    if json.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::new(Code::TooMany, "").text(text::document_too_large()));
    }
    if json.trim_start().starts_with('[') {
        return Err(Error::new(Code::InvalidType, "").text(text::document_is_array()));
    }
    let mut de = serde_json::Deserializer::from_str(json);
    T::deserialize(objects::Objects(&mut de))
        .and_then(|value| de.end().map(|()| value))
        .map_err(|e| parse_error(json, &e))
}

/// Whether the reader's result and the reference's agree: equal documents (their JSON and their `Debug`
/// form, which keeps what the JSON may leave out, e.g. a skipped field), or equal errors (E-10: code,
/// path, both texts) but for the one difference allowed below. The differential test and the fuzz
/// target `reader_vs_serde_json` both judge by it.
#[cfg(any(test, feature = "reference-reader"))]
#[doc(hidden)]
pub fn readers_agree<T: Serialize + core::fmt::Debug>(
    ours: &Result<T, Error>,
    reference: &Result<T, Error>,
) -> bool {
    match (ours, reference) {
        (Ok(a), Ok(b)) => {
            to_json(a) == to_json(b) && alloc::format!("{a:?}") == alloc::format!("{b:?}")
        }
        (Err(a), Err(b)) => a == b || placed_in_buffer(a, b),
        _ => false,
    }
}

/// The one difference allowed: an error inside what serde's derive buffers, an enum tagged inside its
/// object (`codec::tagged`) — `command`, `wallet_commands[i]`, `events[i].event`, `reserve`. serde_json
/// reads the buffer after the object and places the error at the object, a key after it, or the
/// object holding it; the crate's reader reads the fields where they are and places it there. From its
/// buffer serde_json also words some refusals otherwise (`"mode": 12.5` is "expected value" in place,
/// as serde_json itself says outside a buffer; "invalid type" from its buffer). So: serde_json's error
/// is not a syntax error (the reader finds those in the same first pass, at the same byte), the
/// reader's lies inside a tagged object, and serde_json's at that object or around it. The tests of
/// `wallet::mirror` check such places by hand.
#[cfg(any(test, feature = "reference-reader"))]
fn placed_in_buffer(ours: &Error, reference: &Error) -> bool {
    const TAGGED: [&str; 4] = ["command", "wallet_commands", "event", "reserve"];
    // The end of the (outermost: they do not nest) tagged object on the reader's path, whose keys are
    // as written, escapes and all.
    let (mut end, mut at) = (None, 0);
    for segment in ours.field.split('.') {
        at += segment.len();
        let name = segment.split('[').next().unwrap_or("");
        let name =
            serde_json::from_str::<String>(&alloc::format!("\"{name}\"")).unwrap_or_default();
        if TAGGED.contains(&name.as_str()) {
            end = Some(at);
            break;
        }
        at += 1;
    }
    let Some(end) = end.filter(|&end| end < ours.field.len()) else {
        return false;
    };
    let object = &ours.field[..end];
    let holder = object.rfind(['.', '[']).map_or("", |i| &object[..i]);
    serde_msg::without_place(&reference.detail_en) == reference.detail_en
        && (reference.field.starts_with(object)
            || (!holder.is_empty() && reference.field.starts_with(holder)))
}

/// The [`Error`] of a document serde_json refused, with the JSON path.
#[cfg(any(test, feature = "reference-reader"))]
#[cold]
#[inline(never)]
fn parse_error(json: &str, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    // At the end of the text serde_json has read all of it; elsewhere it names the last byte it read.
    let end = match e.classify() {
        Category::Eof => json.len() + 1,
        _ => locate::offset(json, e.line(), e.column()),
    };
    let path = locate::path_at(json, end);
    let syntax = matches!(e.classify(), Category::Syntax | Category::Eof);
    serde_msg::classify(&e.to_string(), path, syntax)
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
        serde_msg::classify(&msg, path, syntax)
    })
}

/// Serializes an output document: compact JSON, as serde_json would write it.
///
/// Documents hold strings, bools, integers, options, lists, maps with text keys, structs and unit or
/// tagged enum variants, and the writer (`write`) writes all of them. A value with no document form (a
/// float, bytes, a map keyed by numbers, an enum variant with data) is not written: the text is then
/// `{"error":"…"}` saying so, never a panic. The crate writes no such value.
pub fn to_json<T: Serialize>(value: &T) -> String {
    write::to_string(value).unwrap_or_else(|_| unwritable())
}

#[cold]
#[inline(never)]
fn unwritable() -> String {
    String::from(
        "{\"error\":\"not a document: a float, bytes, a key that is not text or an enum variant \
         with data has no JSON form here\"}",
    )
}

#[cfg(test)]
mod differential;
#[cfg(test)]
mod tests;
