//! serde's error messages mapped onto [`Error`]s: a stable code, the field, and text in both languages.

use alloc::format;
use alloc::string::{String, ToString};

use super::coded::CODED_SEP;
use crate::error::{Code, Error};

/// Maps a deserializer's message onto an [`Error`]: syntax errors are `INVALID_JSON`, the rest by message.
pub(super) fn classify(msg: &str, path: String, syntax: bool) -> Error {
    if syntax && !msg.contains(CODED_SEP) {
        let msg = msg.to_string();
        Error::new(Code::InvalidJson, path).detail(msg.clone(), msg)
    } else {
        from_serde_message(msg, path)
    }
}

/// Maps a deserializer's message (and the path it failed at) onto an [`Error`].
fn from_serde_message(msg: &str, path: String) -> Error {
    if let Some((code, rest)) = msg.split_once(CODED_SEP) {
        if let Some(code) = Code::from_str_code(code) {
            let value: String = rest.split(" at line ").next().unwrap_or("").to_string();
            return Error::new(code, path).detail(format!("“{value}”"), format!("\"{value}\""));
        }
    }
    let clean = msg.split(" at line ").next().unwrap_or(msg);
    let quoted = |rest: &str| rest.split('`').nth(1).unwrap_or("").to_string();
    let (code, field, zh) = if clean.starts_with("unknown field `") {
        // The path already ends at the unknown key.
        (Code::UnknownField, path, format!("“{}”", quoted(clean)))
    } else if clean.starts_with("missing field `") {
        let name = quoted(clean);
        (
            Code::MissingField,
            join_path(&path, &name),
            format!("“{name}”"),
        )
    } else if clean.starts_with("duplicate field `") {
        // Valid JSON syntax, but which of the two values was meant is unknowable. The path ends at the key.
        let name = quoted(clean);
        (Code::InvalidJson, path, format!("字段重复：“{name}”"))
    } else if clean.ends_with("expected \"type\" or \"args\"") {
        // A command (`{"type", "args"}`) with a third key: serde names it as an invalid value.
        let name = clean.split('"').nth(1).unwrap_or("").to_string();
        (Code::UnknownField, path, format!("“{name}”"))
    } else if clean.starts_with("unknown variant `") {
        let allowed = clean
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .replace('`', "")
            .replace(" or ", ", ");
        let allowed = allowed.trim_start_matches("one of ");
        (
            Code::UnknownValue,
            path,
            format!("“{}”，可选：{allowed}", quoted(clean)),
        )
    } else if clean.starts_with("invalid type")
        || clean.starts_with("invalid value")
        || clean.starts_with("invalid length")
    {
        (Code::InvalidType, path, clean.to_string())
    } else {
        (Code::InvalidJson, path, clean.to_string())
    };
    Error::new(code, field).detail(zh, clean.to_string())
}

fn join_path(path: &str, name: &str) -> String {
    if path.is_empty() || path == "." {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}
