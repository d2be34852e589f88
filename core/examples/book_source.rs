//! Prints the embedded book (`core/src/policy/embedded.json`) as the Rust source of
//! `core/src/policy/embedded_data.rs` (P-2), after loading and validating it with
//! `PolicyBook::from_json` (P-3). Run by `cargo xtask book`, which formats and writes or checks it.

use gongji_core::policy::{source, PolicyBook, EMBEDDED_JSON};
use std::process::ExitCode;

fn main() -> ExitCode {
    // A standalone book: an `extends` would be resolved against the embedded book itself.
    let extends = serde_json::from_str::<serde_json::Value>(EMBEDDED_JSON)
        .map(|doc| doc.get("extends").is_some())
        .unwrap_or(false);
    match PolicyBook::from_json(EMBEDDED_JSON) {
        Ok(book) if !extends => {
            print!("{}", source::rust_source(&book));
            ExitCode::SUCCESS
        }
        Ok(_) => {
            eprintln!("embedded.json must not extend a book");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("embedded.json is not a valid book: {e:?}");
            ExitCode::FAILURE
        }
    }
}
