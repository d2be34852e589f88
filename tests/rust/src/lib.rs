//! The conformance-vector format (tests/vectors/README.md): loading, canonical JSON, checks, replay.

use std::path::{Path, PathBuf};

use gongji_core::json::invoke;
use gongji_core::PolicyBook;
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

/// Canonical JSON: keys sorted by code point, no white space (what every client compares).
pub fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let body: Vec<String> = keys
                .iter()
                .map(|k| {
                    format!(
                        "{}:{}",
                        Value::String((*k).clone()),
                        canonical(&m[k.as_str()])
                    )
                })
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
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

/// What running one case gave.
pub enum Outcome {
    Output(Value),
    Error(gongji_core::ErrorDoc),
}

/// Runs a case's operation on the core.
pub fn run_case(suite_op: &str, case: &Value) -> Outcome {
    let op = case.get("op").and_then(Value::as_str).unwrap_or(suite_op);
    let book = match case.get("book") {
        None | Some(Value::Null) => PolicyBook::embedded(),
        Some(b) => match PolicyBook::from_json(&b.to_string()) {
            Ok(b) => b,
            Err(e) => return Outcome::Error(e.to_doc()),
        },
    };
    let input = match (case.get("input_text"), case.get("input")) {
        (Some(Value::String(t)), _) => t.clone(),
        (_, Some(v)) => v.to_string(),
        _ => String::new(),
    };
    match invoke(&book, op, &input) {
        Ok(out) => Outcome::Output(serde_json::from_str(&out).unwrap_or(Value::Null)),
        Err(e) => Outcome::Error(e.to_doc()),
    }
}

/// Checks a case's outcome against its `expect`: hand checks, the error, then the whole output.
/// With `bless`, the whole output is not compared (it is about to be rewritten). Returns the failures.
pub fn verify(name: &str, case: &Value, outcome: &Outcome, bless: bool) -> Vec<String> {
    let mut fails = Vec::new();
    let expect = case.get("expect").cloned().unwrap_or(Value::Null);
    match (outcome, expect.get("error")) {
        (Outcome::Error(e), Some(want)) => {
            for key in ["code", "field", "rule"] {
                if let Some(w) = want.get(key) {
                    let got = match key {
                        "code" => Value::String(e.code.clone()),
                        "field" => Value::String(e.field.clone()),
                        _ => e.rule.clone().map(Value::String).unwrap_or(Value::Null),
                    };
                    if &got != w {
                        fails.push(format!(
                            "{name}: error {key} {got} != expected {w} ({})",
                            e.message_en
                        ));
                    }
                }
            }
        }
        (Outcome::Error(e), None) => fails.push(format!(
            "{name}: unexpected error {} at {}: {}",
            e.code, e.field, e.message_en
        )),
        (Outcome::Output(out), Some(want)) => fails.push(format!(
            "{name}: expected error {want}, got {}",
            canonical(out)
        )),
        (Outcome::Output(out), None) => {
            for check in expect
                .get("checks")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let (Some(path), Some(want)) = (check.get(0).and_then(Value::as_str), check.get(1))
                else {
                    fails.push(format!("{name}: malformed check {check}"));
                    continue;
                };
                match at(out, path) {
                    Some(got) if got == want => {}
                    got => fails.push(format!(
                        "{name}: check {path}: got {}, expected {want}",
                        got.map_or("nothing".into(), canonical)
                    )),
                }
            }
            if !bless {
                match expect.get("output") {
                    Some(want) if canonical(want) == canonical(out) => {}
                    Some(want) => fails.push(format!(
                        "{name}: output differs\n  expected {}\n  got      {}",
                        canonical(want),
                        canonical(out)
                    )),
                    None => fails.push(format!(
                        "{name}: no expected output (run cargo xtask vectors --bless)"
                    )),
                }
            }
        }
    }
    fails
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
