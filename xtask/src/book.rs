//! `cargo xtask book [--check]`: `core/src/policy/embedded_data.rs`, the embedded policy book as Rust
//! data, generated from `core/src/policy/embedded.json` (P-2).
//!
//! The core's example `book_source` (feature `book-source`) loads the JSON with `PolicyBook::from_json`,
//! so the book is validated (P-3), and prints it as Rust (`gongji_core::policy::source`); this formats
//! it with rustfmt and writes it, or with `--check` fails when the committed file differs. A fresh
//! process's first call then builds the book from code instead of parsing its JSON (the cold start in
//! BENCHMARKS.md).
//!
//! The example compiles the core, generated file included. A stale file may no longer compile (a field
//! added to a policy type), so writing first puts a placeholder there that builds an empty book, and
//! restores the previous file if generation fails.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::util;

/// What the placeholder file holds while the book is generated.
const PLACEHOLDER: &str = "\
//! Placeholder while `cargo xtask book` generates the embedded book.

pub(crate) fn book() -> super::PolicyBook {
    super::PolicyBook::empty()
}
";

/// The committed file.
fn target() -> PathBuf {
    util::root().join("core/src/policy/embedded_data.rs")
}

/// `book` writes the file; `book --check` fails when the committed file is not what `embedded.json` gives.
pub fn run(args: &[&str]) -> Result<(), String> {
    match args {
        [] => write(),
        ["--check"] => check(),
        _ => Err("usage: cargo xtask book [--check]".into()),
    }
}

fn write() -> Result<(), String> {
    let path = target();
    let previous = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, PLACEHOLDER).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = match generate() {
        Ok(t) => t,
        Err(e) => {
            let _ = std::fs::write(&path, previous);
            return Err(e);
        }
    };
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("wrote core/src/policy/embedded_data.rs");
    Ok(())
}

/// Fails with a short summary when the committed file differs from what `embedded.json` gives.
pub fn check() -> Result<(), String> {
    let want = generate()?;
    crate::ts::check_generated(&target(), &want, "embedded.json", "cargo xtask book")
}

/// The file's text: the example's output, formatted as `cargo fmt` formats the core.
fn generate() -> Result<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let source = output(
        Command::new(cargo).args([
            "run",
            "-q",
            "-p",
            "gongji-core",
            "--features",
            "book-source",
            "--example",
            "book_source",
        ]),
        "",
    )?;
    // The workspace's edition (Cargo.toml), as `cargo fmt` passes it.
    output(
        Command::new("rustfmt").args(["--edition", "2021", "--emit", "stdout"]),
        &source,
    )
}

/// Runs a command in the workspace root with `input` on its stdin; its stdout, failing on a non-zero exit.
fn output(cmd: &mut Command, input: &str) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    eprintln!("+ {shown}");
    let mut child = cmd
        .current_dir(util::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{shown}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .map_err(|e| format!("{shown}: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{shown} exited with {}", out.status));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("{shown}: {e}"))
}
