//! The reader against serde_json's: every document of the vectors, and many broken variants of each,
//! must give the same value or the same error (code, field, both texts) from [`parse_doc`] as from
//! [`parse_doc_serde_json`] — but for an error inside an enum tagged in its object, which the reader
//! places where it is and serde_json at the object ([`readers_agree`]). Line and column are in the
//! texts of syntax errors, so the documents are read as written, compact, and with white space between
//! every token; and with their keys sorted, which puts a command's `args` before its `type` (arguments
//! read into a buffer first).
//!
//! The variants are deterministic (a fixed seed); their number is set so that the whole runs in well
//! under a minute in the debug test profile. Nothing is printed unless the readers differ; then the
//! first difference of each kind of variant is shown: the operation, the text around the edit, and both
//! results.

mod scan;
mod tests;
mod variants;

use core::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{parse_doc, parse_doc_serde_json, readers_agree, to_json};
use crate::error::Error;
use variants::Variant;

/// Reads a text with both readers; when they differ, what each gave.
type Differ = fn(&str) -> Option<Difference>;

/// Both results shown, and the byte where a reader stopped (from an error's line and column), if any.
struct Difference {
    ours: String,
    reference: String,
    stop: Option<usize>,
}

/// [`Differ`] for one document type, judged by [`readers_agree`].
fn differ<T: DeserializeOwned + Serialize + Debug>(text: &str) -> Option<Difference> {
    let ours = parse_doc::<T>(text);
    let reference = parse_doc_serde_json::<T>(text);
    let same = readers_agree(&ours, &reference);
    let stop = [&reference, &ours]
        .iter()
        .find_map(|r| r.as_ref().err().and_then(|e| stop(text, &e.detail_en)));
    (!same).then(|| Difference {
        ours: show(&ours),
        reference: show(&reference),
        stop,
    })
}

/// The byte after the one a syntax error's ` at line L column C` names.
fn stop(text: &str, message: &str) -> Option<usize> {
    let (_, place) = message.rsplit_once(" at line ")?;
    let (line, column) = place.split_once(" column ")?;
    Some(super::locate::offset(
        text,
        line.parse().ok()?,
        column.parse().ok()?,
    ))
}

fn show<T: Serialize>(r: &Result<T, Error>) -> String {
    match r {
        Ok(v) => format!("Ok {}", around(&to_json(v), 0, 600)),
        Err(e) => format!("Err {e:?}"),
    }
}

/// About `width` bytes of `text` around byte `at`, escaped for a report.
fn around(text: &str, at: usize, width: usize) -> String {
    let start = floor(text, at.saturating_sub(width / 2));
    let end = floor(text, start + width);
    let (pre, post) = (
        if start > 0 { "…" } else { "" },
        if end < text.len() { "…" } else { "" },
    );
    format!("{pre}{:?}{post}", &text[start..end])
}

fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The differences found; the first of each kind of variant kept in full, up to eight.
#[derive(Default)]
struct Report {
    checked: usize,
    differences: usize,
    kinds: Vec<&'static str>,
    shown: Vec<String>,
}

impl Report {
    fn check(&mut self, op: &str, doc: &str, v: &Variant, differ: Differ) {
        self.checked += 1;
        // A reader that panics (it must not, on any text) is reported with the text, as a difference is.
        let read = std::panic::catch_unwind(|| differ(&v.text));
        let Some(d) = read.unwrap_or_else(|_| {
            Some(Difference {
                ours: "a panic (of this reader or of the reference)".into(),
                reference: "(see the panic message above)".into(),
                stop: None,
            })
        }) else {
            return;
        };
        self.differences += 1;
        if self.shown.len() >= 8 || self.kinds.contains(&v.kind) {
            return;
        }
        self.kinds.push(v.kind);
        // The text around the edit, and around where a reader stopped when that is elsewhere.
        let mut text = around(&v.text, v.at, 300);
        if let Some(stop) = d.stop.filter(|s| s.abs_diff(v.at) > 150) {
            text = format!(
                "{text}\n  stopped at byte {stop}: {}",
                around(&v.text, stop, 300)
            );
        }
        let form = if v.form.is_empty() {
            String::new()
        } else {
            format!(" in the form {}", v.form)
        };
        self.shown.push(format!(
            "{op} {doc} ({}{form}, at byte {} of {}):\n  text: {text}\n  parse_doc:            {}\n  parse_doc_serde_json: {}",
            v.kind,
            v.at,
            v.text.len(),
            d.ours,
            d.reference
        ));
    }

    fn assert_none(&self) {
        assert!(
            self.differences == 0,
            "{} of {} texts read differently; the first of each kind:\n{}",
            self.differences,
            self.checked,
            self.shown.join("\n")
        );
    }
}
