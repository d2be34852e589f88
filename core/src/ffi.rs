//! The uniffi form of the documents (feature `uniffi`, for `bindings/uniffi`): the document types
//! derive `uniffi::Record` / `uniffi::Enum` where they are declared; the scalar types with their own
//! text form become uniffi custom types over a string here, beside the one FFI error.
//!
//! Lifting is lenient wherever the value can be held unchecked: a money or ratio text that is a decimal
//! (`12.345`, `-1`) and any person id are taken as given, and the binding passes the document through
//! its JSON text and [`crate::json::parse_doc`], so the core rejects them with the same code and JSON
//! path (`items[0].amount`) as a JSON document. A text that cannot be held at all (`1e3` as money, a
//! date that is not a date, a region that is not six digits) fails its lift with the typed
//! [`GongjiError`] (the code and the value, no path): uniffi returns a lift failure of the function's
//! error type as that error, never as its internal error.
//!
//! Unchecked values never reach the rules directly: every typed call re-reads its document from text.

use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use core::str::FromStr;
use rust_decimal::Decimal;

use crate::eligibility::ReasonCode;
use crate::error::{Code, Error, ErrorDoc};
use crate::money::{Money, Ratio};
use crate::person::{PersonId, RegionCode};
use crate::time::{Date, DateTime};

/// The one error every function throws: a Kotlin `GongjiException`, a Swift `Error`, a Python exception.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Error)]
pub enum GongjiError {
    /// The core refused the call: malformed input (with the path of the bad field) or a rule said no.
    Rejected {
        /// Stable machine code (`AMOUNT_PRECISION`, `KINSHIP_NOT_ELIGIBLE`): match on it exhaustively.
        code: Code,
        /// The domain rule id (`S-10`, `E-2`), when the code enforces one.
        rule: Option<String>,
        /// JSON path of the offending value (`sharer.region`, `command.args.amount`), empty for the whole
        /// document or for a value that could not be lifted.
        field: String,
        message_zh: String,
        message_en: String,
    },
}

impl From<Error> for GongjiError {
    fn from(e: Error) -> Self {
        GongjiError::Rejected {
            code: e.code,
            rule: e.rule().map(ToString::to_string),
            field: e.field.clone(),
            message_zh: e.message_zh(),
            message_en: e.message_en(),
        }
    }
}

impl GongjiError {
    /// The JSON form, as the `*_json` functions and the WebAssembly package report errors.
    pub fn to_doc(&self) -> ErrorDoc {
        let GongjiError::Rejected {
            code,
            rule,
            field,
            message_zh,
            message_en,
        } = self;
        ErrorDoc {
            code: code.as_str().to_string(),
            rule: rule.clone(),
            field: field.clone(),
            message_zh: message_zh.clone(),
            message_en: message_en.clone(),
        }
    }
}

impl fmt::Display for GongjiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let GongjiError::Rejected {
            code,
            field,
            message_en,
            ..
        } = self;
        write!(f, "{}", code.as_str())?;
        if !field.is_empty() {
            write!(f, " at {field}")?;
        }
        write!(f, ": {message_en}")
    }
}

impl std::error::Error for GongjiError {}

/// The stable string form (`AMOUNT_PRECISION`): `toString()` in Kotlin, `description` in Swift, `str()`
/// in Python (the enum is exported with its `Display`).
impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed lift as the typed error: the code, and the value in both messages.
fn refused(code: Code, text: &str) -> uniffi::deps::anyhow::Error {
    let shown: String = text.chars().take(40).collect();
    let e = Error::new(code, "").detail(format!("“{shown}”"), format!("\"{shown}\""));
    uniffi::deps::anyhow::Error::new(GongjiError::from(e))
}

/// A decimal in the documents' syntax (`-?digits(.digits)?`), held as written (scale and sign kept).
/// `Err` names the code the core gives that text.
fn decimal(text: &str, invalid: Code, parse: fn(&str) -> Option<Code>) -> Result<Decimal, Code> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !frac.is_none_or(digits) {
        return Err(invalid);
    }
    // Leading zeros do not count against the decimal's 28 digits; the fraction (the scale) is kept.
    let int = int.trim_start_matches('0');
    let sign = if text.starts_with('-') { "-" } else { "" };
    let held = match frac {
        Some(f) => format!("{sign}{}.{f}", if int.is_empty() { "0" } else { int }),
        None => format!("{sign}{}", if int.is_empty() { "0" } else { int }),
    };
    // Still too many digits for a decimal: the core's own verdict on the text (too large, usually).
    Decimal::from_str(&held).map_err(|_| parse(text).unwrap_or(invalid))
}

uniffi::custom_type!(Money, String, {
    lower: |m| m.to_string(),
    try_lift: |s| decimal(&s, Code::AmountInvalid, |t| Money::parse(t).err())
        .map(Money::unchecked)
        .map_err(|code| refused(code, &s)),
});

uniffi::custom_type!(Ratio, String, {
    lower: |r| r.to_string(),
    try_lift: |s| decimal(&s, Code::RatioInvalid, |t| Ratio::parse(t).err())
        .map(Ratio::unchecked)
        .map_err(|code| refused(code, &s)),
});

uniffi::custom_type!(PersonId, String, {
    lower: |p| p.as_str().to_string(),
    try_lift: |s| Ok(PersonId::unchecked(s)),
});

uniffi::custom_type!(RegionCode, String, {
    lower: |r| r.as_str().to_string(),
    try_lift: |s| RegionCode::from_str(&s).map_err(|code| refused(code, &s)),
});

// A reason's code crosses as its stable string (`"SHARER_ELIGIBLE"`, `"KINSHIP_NOT_ELIGIBLE"`), as in the
// JSON documents; the failure codes alone are the exported enum `Code` of the error.
uniffi::custom_type!(ReasonCode, String, {
    lower: |c| c.as_str().to_string(),
    try_lift: |s| ReasonCode::from_str(&s).map_err(|code| refused(code, &s)),
});

uniffi::custom_type!(Date, String, {
    lower: |d| d.to_string(),
    try_lift: |s| Date::from_str(&s).map_err(|code| refused(code, &s)),
});

uniffi::custom_type!(DateTime, String, {
    lower: |t| t.to_string(),
    try_lift: |s| DateTime::from_str(&s).map_err(|code| refused(code, &s)),
});
