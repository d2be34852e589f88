//! The reader against serde_json's: every document of the vectors, and many broken variants of each,
//! must give the same value or the same error (code, field, both texts) from [`parse_doc`] as from
//! [`parse_doc_serde_json`]. Line and column are in the texts of syntax errors, so the documents are read
//! as written, compact, and with white space between every token.
//!
//! The variants are deterministic (a fixed seed); their number is set so that the whole runs in well
//! under a minute in the debug test profile.

mod scan;
mod tests;
mod variants;

use core::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{parse_doc, parse_doc_serde_json, to_json};
use crate::error::Error;
use variants::Variant;

/// Reads a text with both readers; when they differ, both results shown (the reader's, the reference's).
type Differ = fn(&str) -> Option<(String, String)>;

/// [`Differ`] for one document type. Values compare by their JSON and their `Debug` form (which keeps
/// what the JSON may not, e.g. a skipped field); errors by every part.
fn differ<T: DeserializeOwned + Serialize + Debug>(text: &str) -> Option<(String, String)> {
    let ours = parse_doc::<T>(text);
    let reference = parse_doc_serde_json::<T>(text);
    let same = match (&ours, &reference) {
        (Ok(a), Ok(b)) => to_json(a) == to_json(b) && format!("{a:?}") == format!("{b:?}"),
        (Err(a), Err(b)) => a == b,
        _ => false,
    };
    (!same).then(|| (show(&ours), show(&reference)))
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

/// The differences found, the first few kept in full.
#[derive(Default)]
struct Report {
    checked: usize,
    differences: usize,
    shown: Vec<String>,
}

impl Report {
    fn check(&mut self, op: &str, doc: &str, v: &Variant, differ: Differ) {
        self.checked += 1;
        if let Some((ours, reference)) = differ(&v.text) {
            self.differences += 1;
            if self.shown.len() < 8 {
                self.shown.push(format!(
                    "{op} {doc} ({}, at byte {} of {}):\n  text: {}\n  parse_doc:            {ours}\n  parse_doc_serde_json: {reference}",
                    v.kind,
                    v.at,
                    v.text.len(),
                    around(&v.text, v.at, 300)
                ));
            }
        }
    }

    fn assert_none(&self) {
        assert!(
            self.differences == 0,
            "{} of {} texts read differently; the first:\n{}",
            self.differences,
            self.checked,
            self.shown.join("\n")
        );
    }
}
