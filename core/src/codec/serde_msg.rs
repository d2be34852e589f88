//! serde's error messages mapped onto [`Error`]s: a stable code, the field, and text in both languages.
//! The zh text is built from the catalogue; the en text keeps serde's wording for the value, with what
//! was expected said in document terms (never a Rust type name).

use alloc::format;
use alloc::string::{String, ToString};

use super::coded::CODED_SEP;
use crate::error::{Code, Error};
use crate::text::{self, Text, Words};

/// Maps a deserializer's message onto an [`Error`]: syntax errors are `INVALID_JSON`, the rest by message.
pub(super) fn classify(msg: &str, path: String, syntax: bool) -> Error {
    if syntax && !msg.contains(CODED_SEP) {
        Error::new(Code::InvalidJson, path).text(syntax_text(msg))
    } else {
        from_serde_message(msg, path)
    }
}

/// A serde_json syntax message: zh from the catalogue with the place, en as serde_json wrote it.
fn syntax_text(msg: &str) -> Text {
    let (what, place) = match msg.rsplit_once(" at line ") {
        Some((what, place)) => (what, place.split_once(" column ")),
        None => (msg, None),
    };
    let zh = text::JSON_SYNTAX
        .iter()
        .find(|(_, en)| *en == what)
        .map_or("", |(zh, _)| zh);
    let at = place.map_or_else(Text::default, |(line, column)| {
        text::at_line(&line, &column)
    });
    Text {
        zh: format!("{zh}{}", at.zh),
        en: msg.to_string(),
    }
}

/// A message without the ` at line L column C` serde_json ends it with: only that ending, as a value
/// quoted in the message may itself hold " at line".
pub(super) fn without_place(msg: &str) -> &str {
    match msg.rsplit_once(" at line ") {
        Some((before, place))
            if place
                .split_once(" column ")
                .is_some_and(|(l, c)| is_number(l) && is_number(c)) =>
        {
            before
        }
        _ => msg,
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Maps a deserializer's message (and the path it failed at) onto an [`Error`].
fn from_serde_message(msg: &str, path: String) -> Error {
    if let Some((code, rest)) = msg.split_once(CODED_SEP) {
        if let Some(code) = Code::from_str_code(code) {
            let value = without_place(rest);
            return Error::new(code, path).text(text::quoted(&value));
        }
    }
    let clean = without_place(msg);
    let quoted = |rest: &str| rest.split('`').nth(1).unwrap_or("").to_string();
    let with_serde_en = |t: Text| Text {
        zh: t.zh,
        en: clean.to_string(),
    };
    let (code, field, detail) = if clean.starts_with("unknown field `") {
        // The path already ends at the unknown key.
        let name = quoted(clean);
        (Code::UnknownField, path, with_serde_en(text::quoted(&name)))
    } else if clean.starts_with("missing field `") {
        let name = quoted(clean);
        let field = join_path(&path, &name);
        (
            Code::MissingField,
            field,
            with_serde_en(text::quoted(&name)),
        )
    } else if clean.starts_with("duplicate field `") {
        // Valid JSON syntax, but which of the two values was meant is unknowable. The path ends at the key.
        let name = quoted(clean);
        (Code::InvalidJson, path, text::duplicate_field(&name))
    } else if clean.ends_with("expected \"type\" or \"args\"") {
        // A command (`{"type", "args"}`) with a third key: serde names it as an invalid value.
        let name = clean.split('"').nth(1).unwrap_or("").to_string();
        (Code::UnknownField, path, with_serde_en(text::quoted(&name)))
    } else if clean.starts_with("unknown variant `") {
        let allowed = clean
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .replace('`', "")
            .replace(" or ", ", ");
        let allowed = allowed.trim_start_matches("one of ");
        let t = text::unknown_value(&quoted(clean), &allowed);
        (Code::UnknownValue, path, with_serde_en(t))
    } else if let Some(t) = mismatch(clean) {
        (Code::InvalidType, path, t)
    } else {
        (Code::InvalidJson, path, syntax_text(clean))
    };
    Error::new(code, field).text(detail)
}

/// serde's "invalid type / invalid value / invalid length …, expected …", in both languages.
fn mismatch(clean: &str) -> Option<Text> {
    let split = |rest: &'_ str| -> (String, String) {
        let (got, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        (got.to_string(), want.to_string())
    };
    if let Some(rest) = clean.strip_prefix("invalid type: ") {
        let (got, want) = split(rest);
        let (got, want) = (got_words(&got), want_words(&want));
        return Some(text::invalid_type(pair(&got), want));
    }
    if let Some(rest) = clean.strip_prefix("invalid value: ") {
        let (got, want) = split(rest);
        let (got, want) = (got_words(&got), want_words(&want));
        return Some(text::invalid_value(pair(&got), want));
    }
    let rest = clean.strip_prefix("invalid length ")?;
    let (n, want) = split(rest);
    Some(text::invalid_length(&n, want_words(&want)))
}

fn pair(p: &(String, String)) -> Words<'_> {
    (&p.0, &p.1)
}

/// What serde says a value was (`floating point `12.5``, `map`): its kind named in both languages.
fn got_words(got: &str) -> (String, String) {
    let known = text::JSON_GOT
        .iter()
        .filter(|(prefix, _)| got.starts_with(prefix))
        .max_by_key(|(prefix, _)| prefix.len());
    match known {
        Some((prefix, (zh, en))) => {
            let value = got[prefix.len()..].trim();
            let bare = value.trim_matches('`');
            if value.is_empty() {
                (zh.to_string(), en.to_string())
            } else {
                (format!("{zh} {bare}"), format!("{en} {value}"))
            }
        }
        None => (text::JSON_OTHER.0.to_string(), got.to_string()),
    }
}

/// What a deserializer expected, as a document would call it: a struct or a tagged enum is an object,
/// a unit enum a name; never the Rust type.
fn want_words(want: &str) -> Words<'static> {
    if let Some((_, words)) = text::JSON_WANT.iter().find(|(en, _)| *en == want) {
        return *words;
    }
    let object = ["struct", "tagged enum", "tuple", "map"];
    if object.iter().any(|w| want.contains(w)) {
        text::JSON_OBJECT
    } else if want.starts_with("enum ") || want.contains("variant") {
        text::JSON_NAME
    } else {
        text::JSON_OTHER
    }
}

fn join_path(path: &str, name: &str) -> String {
    if path.is_empty() || path == "." {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}
