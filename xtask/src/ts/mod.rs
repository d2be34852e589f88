//! `cargo xtask types [--check]`: `pkg/index.d.ts` generated from the core's Rust document types.
//!
//! The generator reads `core/src/**/*.rs` with `syn` (no attribute or derive in the core serves it), finds
//! the types every operation reads and writes (the table [`OPERATIONS`], checked against the core's own
//! list), and writes them as TypeScript following their serde attributes (see [`emit`]), the error codes
//! of the `codes!` table as the union `Code`, into `template.d.ts`, which holds the hand-written rest (the
//! scalar brands, the functions, `GongjiError`, `Policy`). A Rust type it cannot map stops it, naming the type.

mod emit;
mod model;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use emit::{Dir, Gen};
use model::Model;

use crate::util;

/// Every operation: (name, input document, output document), as `invoke` in `core/src/json.rs` parses and writes them.
pub const OPERATIONS: &[(&str, &str, &str)] = &[
    ("check_eligibility", "EligibilityRequest", "Decision"),
    ("apply", "ApplyRequest", "Applied"),
    ("shareable", "ShareableRequest", "Shareable"),
    ("statement", "StatementRequest", "Statement"),
    ("settle", "SettleRequest", "Settlement"),
    ("settle_summary", "SettleRequest", "SettlementSummary"),
    ("reverse", "Settlement", "Reversal"),
    ("validate_policy", "PolicyBook", "PolicyBook"),
    ("plan", "PlanRequest", "Plan"),
];

/// The error document every operation may give instead.
const ERROR_DOC: &str = "ErrorDoc";

const TEMPLATE: &str = include_str!("template.d.ts");

/// The committed file.
fn target() -> PathBuf {
    util::root().join("pkg/index.d.ts")
}

/// `types` writes `pkg/index.d.ts`; `types --check` fails when the committed file differs.
pub fn run(args: &[&str]) -> Result<(), String> {
    match args {
        [] => {
            let text = generate_from(&util::root().join("core/src"))?;
            std::fs::write(target(), text).map_err(|e| format!("{}: {e}", target().display()))?;
            println!("wrote pkg/index.d.ts");
            Ok(())
        }
        ["--check"] => check(),
        _ => Err("usage: cargo xtask types [--check]".into()),
    }
}

/// Fails with a short summary when `pkg/index.d.ts` is not what the core's types give.
pub fn check() -> Result<(), String> {
    let want = generate_from(&util::root().join("core/src"))?;
    check_generated(&target(), &want, "the core's types", "cargo xtask types")
}

/// Fails with a short summary when the committed generated file `path` (relative to the root, as named in
/// messages) is not `want`, what `command` writes from `source`.
pub(crate) fn check_generated(
    path: &std::path::Path,
    want: &str,
    source: &str,
    command: &str,
) -> Result<(), String> {
    let shown = path.strip_prefix(util::root()).unwrap_or(path).display();
    let have = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if have == want {
        println!("{shown} matches {source}");
        return Ok(());
    }
    Err(format!(
        "{shown} differs from {source} (run `{command}`):\n{}",
        diff_summary(&have, want)
    ))
}

/// Lines only in the committed file (`-`) and only in the generated one (`+`), at most 10 of each.
fn diff_summary(have: &str, want: &str) -> String {
    let removed = only_in(have, want, '-');
    let added = only_in(want, have, '+');
    let mut s = format!(
        "{} line(s) only in the committed file, {} only in the generated one\n",
        removed.len(),
        added.len()
    );
    for part in [&removed, &added] {
        for l in part.iter().take(10) {
            s.push_str(l);
            s.push('\n');
        }
        if part.len() > 10 {
            s.push_str(&format!("  … {} more\n", part.len() - 10));
        }
    }
    s
}

/// The lines of `text` that `other` lacks (counting repeats), in order, each after `sign`.
fn only_in(text: &str, other: &str, sign: char) -> Vec<String> {
    let mut left = BTreeMap::<&str, i32>::new();
    for l in text.lines() {
        *left.entry(l).or_default() += 1;
    }
    for l in other.lines() {
        if let Some(n) = left.get_mut(l) {
            *n -= 1;
        }
    }
    let mut out = Vec::new();
    for l in text.lines() {
        if let Some(n) = left.get_mut(l) {
            if *n > 0 {
                *n -= 1;
                out.push(format!("  {sign} {l}"));
            }
        }
    }
    out
}

/// Every `.rs` file under `dir` but the `tests.rs` ones, by path.
fn sources(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let shown = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                out.push((shown, text));
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn generate_from(core_src: &Path) -> Result<String, String> {
    generate(&Model::read(&sources(core_src)?)?)
}

/// The whole `index.d.ts`.
pub fn generate(model: &Model) -> Result<String, String> {
    let ops = model
        .const_lists
        .get("OPERATIONS")
        .ok_or("the core's OPERATIONS list was not found")?;
    for op in ops {
        if !OPERATIONS.iter().any(|(o, _, _)| o == op) {
            return Err(format!(
                "the operation `{op}` has no documents in xtask/src/ts OPERATIONS"
            ));
        }
    }
    let mut gen = Gen::new(model);
    let mut sections = Vec::new();
    for (op, input, output) in OPERATIONS {
        if !ops.iter().any(|o| o == op) {
            return Err(format!("`{op}` is not an operation of the core any more"));
        }
        sections.push(format!("{op}: {input} → {output}"));
        gen.reach(input, Dir::In, sections.len() - 1)?;
        gen.reach(output, Dir::Out, sections.len() - 1)?;
    }
    sections.push("errors (E-10)".into());
    gen.reach(ERROR_DOC, Dir::Out, sections.len() - 1)?;

    let mut types = gen.declarations(&sections)?;
    types.push_str(&code_unions(model)?);
    types.push_str(&format!(
        "\n/** The operations of `invokeJson`, by their stable names. */\nexport type Operation = {};\n",
        ops.iter().map(|o| emit::quote(o)).collect::<Vec<_>>().join(" | ")
    ));

    let mut out = TEMPLATE.replace("{{types}}", &types);
    while let Some(at) = out.find("{{") {
        let end = out[at..]
            .find("}}")
            .ok_or("an unclosed {{ in the template")?
            + at;
        let key = &out[at + 2..end];
        let (dir, rust) = match key.split_once(':') {
            Some(("in", r)) => (Dir::In, r),
            Some(("out", r)) => (Dir::Out, r),
            _ => return Err(format!("unknown template placeholder {{{{{key}}}}}")),
        };
        let name = gen.name(rust, dir)?;
        out.replace_range(at..end + 2, &name);
    }
    for ts in &gen.scalars_used {
        let builtin = ts == "string" || ts == "Code" || ts == "Pass | Code";
        if !builtin && !TEMPLATE.contains(&format!("export type {ts} ")) {
            return Err(format!("the template does not declare `{ts}`"));
        }
    }
    Ok(out)
}

/// The `codes!` table as the union `Code` and, when the core has one, the `passes!` table as `Pass`:
/// string-literal unions, so that a `switch` over them can be exhaustive.
fn code_unions(model: &Model) -> Result<String, String> {
    if model.codes.is_empty() {
        return Err("the codes! table of error codes was not found".into());
    }
    let mut s = literal_union(
        "An error's stable code (E-10), from the core's table; a `switch` over it can be exhaustive.",
        "Code",
        &model.codes,
    );
    if !model.passes.is_empty() {
        s.push_str(&literal_union(
            "The stable code of a rule that passed (E-10), beside the error codes of `Code`.",
            "Pass",
            &model.passes,
        ));
    }
    Ok(s)
}

/// `export type {name} = | 'A' // rule …;`, one member a line.
fn literal_union(doc: &str, name: &str, codes: &[(String, Option<String>)]) -> String {
    let mut s = format!("\n/** {doc} */\nexport type {name} =\n");
    let last = codes.len().saturating_sub(1);
    for (i, (code, rule)) in codes.iter().enumerate() {
        let end = if i == last { ";" } else { "" };
        match rule {
            Some(r) => s.push_str(&format!("  | {}{end} // {r}\n", emit::quote(code))),
            None => s.push_str(&format!("  | {}{end}\n", emit::quote(code))),
        }
    }
    s
}

#[cfg(test)]
mod tests;
