//! `uniffi-bindgen`, built from the same pinned uniffi as the library. Run in library mode:
//! `uniffi-bindgen generate --library target/debug/libgongji_ffi.so --language kotlin --out-dir …`.
//!
//! After generating, it adds the defaults uniffi 0.32.2 cannot carry in proc-macro metadata, so that a
//! field optional in the JSON documents is optional in every language:
//! - a decimal custom type (`Money`, `Ratio`) with a string default (`#[uniffi(default = "0.00")]`) is
//!   rendered as a string literal; it becomes the language's decimal (`BigDecimal("0.00")`, …);
//! - an enum field cannot have a default at all: [`ENUM_DEFAULTS`] lists them (`fund_order`).
//!
//! Each edit must find its place, or generation fails: a uniffi upgrade cannot drop a default silently.

use std::path::{Path, PathBuf};
use std::process::exit;

/// Enum fields whose JSON default uniffi cannot declare: (record, Kotlin field, Kotlin value, Swift
/// field, Swift value, Python field, Python value). Same as the core's `#[serde(default)]`.
const ENUM_DEFAULTS: &[[&str; 7]] = &[[
    "SettleRequest",
    "`fundOrder`: FundOrder",
    "FundOrder.OLDEST_GRANT",
    "fundOrder: FundOrder",
    ".oldestGrant",
    "fund_order:FundOrder",
    "FundOrder.OLDEST_GRANT",
]];

fn main() {
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) != Some("generate") {
        return;
    }
    let value = |names: &[&str]| {
        args.windows(2)
            .find(|w| names.contains(&w[0].as_str()))
            .map(|w| w[1].clone())
    };
    let (Some(language), Some(out)) = (value(&["--language", "-l"]), value(&["--out-dir", "-o"]))
    else {
        return;
    };
    if let Err(e) = add_defaults(&language, Path::new(&out)) {
        eprintln!("uniffi-bindgen: {e}");
        exit(1);
    }
}

fn add_defaults(language: &str, out: &Path) -> Result<(), String> {
    let ext = match language {
        "kotlin" => "kt",
        "swift" => "swift",
        "python" => "py",
        _ => return Ok(()),
    };
    let mut files = Vec::new();
    walk(out, ext, &mut files);
    let mut enum_done = vec![false; ENUM_DEFAULTS.len()];
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let mut new = decimal_defaults(&text, language);
        for (i, d) in ENUM_DEFAULTS.iter().enumerate() {
            if let Some(patched) = enum_default(&new, language, d) {
                new = patched;
                enum_done[i] = true;
            }
        }
        if new != text {
            std::fs::write(&file, new).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    match enum_done.iter().position(|done| !done) {
        Some(i) => Err(format!(
            "no place for the default of {} in the {language} bindings",
            ENUM_DEFAULTS[i][0]
        )),
        None => Ok(()),
    }
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            walk(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// `Money = "0.00"` → the language's decimal of that text.
fn decimal_defaults(text: &str, language: &str) -> String {
    let mut out = text.to_string();
    for ty in ["Money", "Ratio"] {
        let needle = format!("{ty} = \"");
        let mut from = 0;
        while let Some(at) = out[from..].find(&needle).map(|i| i + from) {
            let start = at + needle.len();
            let Some(len) = out[start..].find('"') else {
                break;
            };
            let lit = out[start..start + len].to_string();
            let value = match language {
                "kotlin" => format!("java.math.BigDecimal(\"{lit}\")"),
                "swift" => {
                    format!(
                        "Decimal(string: \"{lit}\", locale: Locale(identifier: \"en_US_POSIX\"))!"
                    )
                }
                _ => format!("decimal.Decimal(\"{lit}\")"),
            };
            let replacement = format!("{ty} = {value}");
            out.replace_range(at..start + len + 1, &replacement);
            from = at + replacement.len();
        }
    }
    out
}

/// Adds the default of one enum field in the constructor of its record; `None` if not in this file.
fn enum_default(text: &str, language: &str, d: &[&str; 7]) -> Option<String> {
    let (field, value) = match language {
        "kotlin" => (d[1], d[2]),
        "swift" => (d[3], d[4]),
        _ => (d[5], d[6]),
    };
    let record = match language {
        "kotlin" => format!("data class {} (", d[0]),
        "swift" => format!("public struct {}", d[0]),
        _ => format!("class {}:", d[0]),
    };
    let body = text.find(&record)?;
    // The constructor's parameter: Kotlin declares it as `var`, Swift in `public init(`, Python in
    // `def __init__(`, each the first occurrence after the record's head that is followed by `,` or `)`.
    let anchor = match language {
        "kotlin" => body,
        "swift" => body + text[body..].find("public init(")?,
        _ => body + text[body..].find("def __init__(")?,
    };
    let at = anchor + text[anchor..].find(field)?;
    let end = at + field.len();
    let next = text[end..].trim_start().chars().next()?;
    if next != ',' && next != ')' {
        return None;
    }
    let mut out = text.to_string();
    if language == "python" {
        // Python evaluates defaults when the class is defined: use the sentinel, resolve it in the body.
        out.insert_str(end, " = _DEFAULT");
        let name = field.split(':').next()?;
        let assign = format!("self.{name} = {name}\n");
        let a = end + out[end..].find(&assign)?;
        out.replace_range(
            a..a + assign.len(),
            &format!("self.{name} = {value} if {name} is _DEFAULT else {name}\n"),
        );
    } else {
        out.insert_str(end, &format!(" = {value}"));
    }
    Some(out)
}
