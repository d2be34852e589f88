//! The conformance-vector format (tests/vectors/README.md): loading, the flat case file every other
//! client replays, checks, replay.

use std::path::{Path, PathBuf};

use gongji_core::json::invoke;
use gongji_core::{ErrorDoc, PolicyBook};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

/// The vectors folder.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors")
}

/// Every suite file, sorted.
pub fn suite_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&vectors_dir(), &mut out);
    out.sort();
    out
}

/// A suite file's path below the vectors folder, with `/` separators (the prefix of its case names).
pub fn suite_name(file: &Path) -> String {
    let rel = file.strip_prefix(vectors_dir()).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads and parses a suite, checking its schema and that it has cases.
pub fn load_suite(file: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let suite: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    if suite["schema"] != "gongji-vectors/1" {
        return Err(format!("{}: schema {}", file.display(), suite["schema"]));
    }
    match suite["cases"].as_array() {
        Some(cases) if !cases.is_empty() => Ok(suite),
        _ => Err(format!("{}: no cases", file.display())),
    }
}

/// What a case expects, as every client compares it.
#[derive(Clone, Debug, PartialEq)]
pub enum Expected {
    /// The output document, compact, keys in the order the suite file writes them (the core's order).
    Output(String),
    /// An error's code and field, and its rule when the case names one.
    Error {
        code: String,
        field: String,
        rule: Option<String>,
    },
}

/// One case as every client replays it: what to call, with what, and what must come back.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// `suite/path.json::case_name`.
    pub name: String,
    pub op: String,
    /// The policy book to load first, as the suite writes it without white space; `None`: the embedded
    /// book.
    pub book: Option<String>,
    /// The text passed to the JSON entry point: the `input` document as the suite writes it without
    /// white space (key order and number digits kept: the core's error paths depend on them), or
    /// `input_text` verbatim.
    pub input: String,
    /// Whether `input` is a case's `input_text` (any text) rather than its `input` document: clients
    /// with a document API (JS objects) pass documents through it too.
    pub text: bool,
    pub expected: Expected,
}

impl Case {
    /// The case `case` of a suite whose operation is `suite_op`; `raw`, the same case as written.
    pub fn from_vector(
        name: String,
        suite_op: &str,
        case: &Value,
        raw: &RawCase,
    ) -> Result<Case, String> {
        let Call {
            op,
            book,
            mut input,
            text,
        } = Call::of(suite_op, case);
        // A document as written (only compacted): a number keeps its digits, as every client sends it.
        let book = book.and(raw.book.map(|b| compact(b.get())));
        if !text {
            input = raw.input.map_or(input, |i| compact(i.get()));
        }
        let expected = match (case["expect"].get("error"), case["expect"].get("output")) {
            (Some(e), None) => Expected::error(&name, e)?,
            (None, Some(out)) => Expected::Output(out.to_string()),
            (Some(_), Some(_)) => return Err(format!("{name}: both an output and an error")),
            (None, None) => {
                return Err(format!(
                    "{name}: no expected output (run cargo xtask vectors --bless)"
                ))
            }
        };
        Ok(Case {
            name,
            op,
            book,
            input,
            text,
            expected,
        })
    }

    /// The case's line in the flat file (tests/vectors/README.md, "The flat case file").
    pub fn line(&self) -> String {
        let mut cols = vec![
            self.name.as_str(),
            self.op.as_str(),
            self.book.as_deref().unwrap_or(""),
            if self.text { "text" } else { "document" },
            self.input.as_str(),
        ];
        match &self.expected {
            Expected::Output(out) => cols.extend(["output", out.as_str()]),
            Expected::Error { code, field, rule } => {
                cols.extend(["error", code.as_str(), field.as_str()]);
                cols.extend(rule.as_deref());
            }
        }
        cols.iter()
            .map(|c| escape(c))
            .collect::<Vec<_>>()
            .join("\t")
    }

    /// Reads a line written by [`Case::line`].
    pub fn parse_line(line: &str) -> Result<Case, String> {
        let cols: Vec<String> = line.split('\t').map(unescape).collect();
        let bad = || format!("malformed case line: {line}");
        let text = match cols.get(3).map(String::as_str) {
            Some("text") => true,
            Some("document") => false,
            _ => return Err(bad()),
        };
        let expected = match (cols.get(5).map(String::as_str), cols.len()) {
            (Some("output"), 7) => Expected::Output(cols[6].clone()),
            (Some("error"), 8 | 9) => Expected::Error {
                code: cols[6].clone(),
                field: cols[7].clone(),
                rule: cols.get(8).cloned(),
            },
            _ => return Err(bad()),
        };
        Ok(Case {
            name: cols[0].clone(),
            op: cols[1].clone(),
            book: Some(cols[2].clone()).filter(|b| !b.is_empty()),
            input: cols[4].clone(),
            text,
            expected,
        })
    }

    /// Runs the case on the core through the JSON entry point, as every client does.
    pub fn run(&self) -> Result<String, ErrorDoc> {
        run(&self.op, self.book.as_deref(), &self.input)
    }
}

impl Expected {
    /// A suite's `expect.error`.
    fn error(name: &str, e: &Value) -> Result<Expected, String> {
        let text = |key: &str| match e.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            _ => Err(format!("{name}: expect.error.{key} is not a string")),
        };
        Ok(Expected::Error {
            code: text("code")?,
            field: text("field")?,
            rule: e.get("rule").map(|_| text("rule")).transpose()?,
        })
    }

    /// Compares an outcome with what is expected: the output byte for byte, or the error's code, field
    /// and rule (messages are not compared). `None` when it matches.
    pub fn mismatch(&self, got: &Result<String, ErrorDoc>) -> Option<String> {
        match (self, got) {
            (Expected::Output(want), Ok(out)) if want == out => None,
            (Expected::Output(want), Ok(out)) => Some(format!(
                "output differs\n  expected {want}\n  got      {out}"
            )),
            (Expected::Output(_), Err(e)) => Some(format!(
                "unexpected error {} at {}: {}",
                e.code, e.field, e.message_en
            )),
            (Expected::Error { code, .. }, Ok(out)) => {
                Some(format!("expected error {code}, got {out}"))
            }
            (Expected::Error { code, field, rule }, Err(e)) => {
                let rule_differs = rule.is_some() && rule != &e.rule;
                (code != &e.code || field != &e.field || rule_differs).then(|| {
                    format!(
                        "error {} at {} (rule {:?}), expected {code} at {field} (rule {rule:?}): {}",
                        e.code, e.field, e.rule, e.message_en
                    )
                })
            }
        }
    }
}

/// What a case sends to the JSON entry point.
struct Call {
    op: String,
    book: Option<String>,
    input: String,
    text: bool,
}

impl Call {
    fn of(suite_op: &str, case: &Value) -> Call {
        let op = case.get("op").and_then(Value::as_str).unwrap_or(suite_op);
        let book = match case.get("book") {
            None | Some(Value::Null) => None,
            Some(b) => Some(b.to_string()),
        };
        let (input, text) = match (case.get("input_text"), case.get("input")) {
            (Some(Value::String(t)), _) => (t.clone(), true),
            (_, Some(v)) => (v.to_string(), false),
            _ => (String::new(), true),
        };
        Call {
            op: op.to_string(),
            book,
            input,
            text,
        }
    }
}

/// Runs `op` on the core's JSON entry point, with `book` (JSON text) or the embedded book.
fn run(op: &str, book: Option<&str>, input: &str) -> Result<String, ErrorDoc> {
    let book = match book {
        None => PolicyBook::embedded(),
        Some(b) => PolicyBook::from_json(b).map_err(|e| e.to_doc())?,
    };
    invoke(&book, op, input).map_err(|e| e.to_doc())
}

/// A case's documents as its suite writes them.
#[derive(Deserialize)]
pub struct RawCase<'a> {
    #[serde(borrow, default)]
    pub input: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub book: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct RawSuite<'a> {
    #[serde(borrow)]
    cases: Vec<RawCase<'a>>,
}

/// JSON text without the white space between tokens; everything else as written.
pub fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// Every case of every suite, in file order: what the flat file holds.
pub fn load_cases() -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for file in suite_files() {
        let suite = load_suite(&file)?;
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let raw: RawSuite =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let op = suite["op"].as_str().unwrap_or("");
        for (case, raw) in suite["cases"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(&raw.cases)
        {
            let name = format!(
                "{}::{}",
                suite_name(&file),
                case["name"].as_str().unwrap_or("?")
            );
            out.push(Case::from_vector(name, op, case, raw)?);
        }
    }
    if out.is_empty() {
        return Err(format!("no vectors under {}", vectors_dir().display()));
    }
    Ok(out)
}

/// The flat case file: one line a case.
pub fn flat(cases: &[Case]) -> String {
    cases.iter().map(|c| c.line() + "\n").collect()
}

/// A column of the flat file: backslash, tab, line feed and carriage return written `\\`, `\t`, `\n`,
/// `\r`, so that a line holds one case and a tab separates columns.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// The inverse of [`escape`].
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Looks up `a.b[2].c` in a document.
pub fn at<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    let mut cur = doc;
    for part in path.split('.') {
        let (name, idx) = match part.find('[') {
            Some(i) => (&part[..i], Some(&part[i..])),
            None => (part, None),
        };
        if !name.is_empty() {
            cur = cur.get(name)?;
        }
        if let Some(idx) = idx {
            for n in idx.split(['[', ']']).filter(|s| !s.is_empty()) {
                cur = cur.get(n.parse::<usize>().ok()?)?;
            }
        }
    }
    Some(cur)
}

/// The hand-computed `checks` of a case (`[path, value]` pairs) against its output document.
pub fn check(name: &str, case: &Value, out: &Value) -> Vec<String> {
    let mut fails = Vec::new();
    for check in case["expect"]
        .get("checks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(path), Some(want)) = (check.get(0).and_then(Value::as_str), check.get(1)) else {
            fails.push(format!("{name}: malformed check {check}"));
            continue;
        };
        match at(out, path) {
            Some(got) if got == want => {}
            got => fails.push(format!(
                "{name}: check {path}: got {}, expected {want}",
                got.map_or("nothing".into(), Value::to_string)
            )),
        }
    }
    fails
}

/// Runs a suite's case on the core: its output document, or the error.
pub fn run_case(suite_op: &str, case: &Value) -> Result<Value, ErrorDoc> {
    let call = Call::of(suite_op, case);
    let out = run(&call.op, call.book.as_deref(), &call.input)?;
    Ok(serde_json::from_str(&out).unwrap_or(Value::Null))
}

/// Checks a case's outcome before blessing: hand checks and the expected error (the output itself is
/// about to be rewritten). Returns the failures.
pub fn verify(name: &str, case: &Value, outcome: &Result<Value, ErrorDoc>) -> Vec<String> {
    match (outcome, case["expect"].get("error")) {
        (Ok(out), None) => check(name, case, out),
        (Ok(out), Some(want)) => vec![format!("{name}: expected error {want}, got {out}")],
        (Err(e), want) => {
            let expected = match want {
                Some(want) => Expected::error(name, want),
                None => Ok(Expected::Output(String::new())),
            };
            match expected {
                Ok(expected) => expected.mismatch(&Err(e.clone())),
                Err(bad) => Some(bad),
            }
            .map(|m| format!("{name}: {m}"))
            .into_iter()
            .collect()
        }
    }
}

/// Resolves `state_from` chains in a suite: a case's `input.state` becomes the named earlier case's output state.
pub fn chain_state(
    cases: &mut [Value],
    outputs: &[(String, Option<Value>)],
    i: usize,
) -> Result<(), String> {
    let Some(from) = cases[i]
        .get("state_from")
        .and_then(Value::as_str)
        .map(str::to_string)
    else {
        return Ok(());
    };
    let state = outputs
        .iter()
        .find(|(n, _)| *n == from)
        .and_then(|(_, o)| o.as_ref())
        .and_then(|o| o.get("state"))
        .cloned()
        .ok_or_else(|| {
            format!("state_from \"{from}\": no earlier case of that name with an output state")
        })?;
    let input = cases[i]
        .get_mut("input")
        .and_then(Value::as_object_mut)
        .ok_or("state_from needs an input object")?;
    input.insert("state".into(), state);
    Ok(())
}

/// Where the flat file is written: `vectors/cases.tsv` in the build folder of the running program
/// (`$CARGO_TARGET_DIR`, else `target/`).
pub fn cases_path() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    // <target>/<profile>/<program> or <target>/<profile>/deps/<test>
    let mut dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.pop();
    dir.join("vectors/cases.tsv")
}

/// Writes the flat file, unless it already holds exactly this text.
pub fn write_cases(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
