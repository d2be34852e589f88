//! The documents (the vectors' inputs and books, the bench fixtures, the embedded book), their variants,
//! texts at the edges (deep nesting, the size limit), and cases whose result is worked out by hand.

use std::fs;
use std::path::{Path, PathBuf};

use super::scan;
use super::variants::{self, Rng, Variant};
use super::{differ, Differ, Report};
use crate::codec::{parse_doc, MAX_DOCUMENT_BYTES};
use crate::error::{Code, Error};
use crate::wallet::ApplyRequest;

/// Every prefix of a document as written up to this long; else (and for its other forms) this many.
const SHORT: usize = 400;
const PREFIXES: usize = 12;
/// Random broken variants of a document: about this many bytes' worth, within these bounds.
const BROKEN_BYTES: usize = 250_000;
const BROKEN_MIN: usize = 10;
const BROKEN_MAX: usize = 120;
/// The vector documents are split among this many tests, which run in parallel.
const SHARDS: usize = 4;

/// A document to read as the request of `op`.
struct Doc {
    name: String,
    op: String,
    text: String,
}

/// The request type of each operation of `json::invoke`.
fn reader(op: &str) -> Differ {
    use crate::{eligibility, plan, policy, settlement, wallet};
    match op {
        "check_eligibility" => differ::<eligibility::EligibilityRequest>,
        "apply" => differ::<wallet::ApplyRequest>,
        "shareable" => differ::<wallet::ShareableRequest>,
        "statement" => differ::<wallet::StatementRequest>,
        "settle" | "settle_summary" => differ::<settlement::SettleRequest>,
        "reverse" => differ::<settlement::Settlement>,
        "validate_policy" => differ::<policy::PolicyBook>,
        "plan" => differ::<plan::PlanRequest>,
        _ => panic!("no request type for the operation {op}"),
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json") {
            out.push(p);
        }
    }
}

/// Every input (`input`, `input_text`) and book of the vector suites, as the files write them.
fn vector_docs() -> Vec<Doc> {
    let root = repo().join("tests/vectors");
    let mut files = Vec::new();
    json_files(&root, &mut files);
    let mut out = Vec::new();
    for file in files {
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        suite_docs(&name, &fs::read_to_string(&file).unwrap(), &mut out);
    }
    out
}

/// The documents of one suite: each case's `book`, `input` and `input_text`, for the case's operation.
fn suite_docs(file: &str, text: &str, out: &mut Vec<Doc>) {
    let toks = scan::tokens(text);
    let entry = |entries: &[scan::Entry], key: &str| {
        let quoted = format!("\"{key}\"");
        entries
            .iter()
            .copied()
            .find(|e| scan::span(text, &toks, e.key, e.key + 1) == quoted)
    };
    let get = |entries: &[scan::Entry], key: &str| {
        entry(entries, key).map(|e| scan::span(text, &toks, e.value, e.end))
    };
    let suite = scan::entries(&toks, 0);
    let suite_op = get(&suite, "op").and_then(scan::unquote).unwrap();
    let cases = entry(&suite, "cases").unwrap();
    for c in scan::elements(&toks, cases.value) {
        let case = scan::entries(&toks, c);
        let field = |k| get(&case, k);
        let name = format!("{file}::{}", field("name").and_then(scan::unquote).unwrap());
        let op = field("op")
            .and_then(scan::unquote)
            .unwrap_or(suite_op.clone());
        let mut push = |name: String, op: &str, text: &str| {
            out.push(Doc {
                name,
                op: op.to_string(),
                text: text.to_string(),
            })
        };
        if let Some(book) = field("book").filter(|b| *b != "null") {
            push(format!("{name} (book)"), "validate_policy", book);
        }
        if let Some(input) = field("input") {
            push(name.clone(), &op, input);
        }
        if let Some(t) = field("input_text").and_then(scan::unquote) {
            push(name, &op, &t);
        }
    }
}

/// A document, its other forms, their prefixes, framings, and random broken variants.
fn run_doc(doc: &Doc, rng: &mut Rng, report: &mut Report) {
    let differ = reader(&doc.op);
    let mut check = |v: &Variant| report.check(&doc.op, &doc.name, v, differ);
    let forms = variants::forms(&doc.text, rng);
    for f in &forms {
        check(&Variant {
            kind: "the whole",
            text: f.text.clone(),
            at: 0,
            form: f.name,
        });
        let short = if f.name == "as written" { SHORT } else { 0 };
        for v in variants::truncations(&f.text, short, PREFIXES, rng) {
            check(&Variant { form: f.name, ..v });
        }
    }
    for v in variants::framings(&doc.text) {
        check(&v);
    }
    let n = (BROKEN_BYTES / doc.text.len().max(1)).clamp(BROKEN_MIN, BROKEN_MAX);
    for _ in 0..n {
        let f = &forms[rng.below(forms.len())];
        check(&variants::broken(f, rng));
    }
}

fn run_shard(shard: usize) {
    let docs = vector_docs();
    // The reading of the suites is checked too: a differential test over nothing would pass.
    assert!(docs.len() > 700, "{} documents", docs.len());
    for op in crate::json::OPERATIONS {
        assert!(docs.iter().any(|d| d.op == *op), "no document for {op}");
    }
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15 ^ shard as u64);
    let mut report = Report::default();
    for doc in docs.iter().skip(shard).step_by(SHARDS) {
        run_doc(doc, &mut rng, &mut report);
    }
    report.assert_none();
}

#[test]
fn vector_documents_and_their_variants_read_alike_0() {
    run_shard(0);
}

#[test]
fn vector_documents_and_their_variants_read_alike_1() {
    run_shard(1);
}

#[test]
fn vector_documents_and_their_variants_read_alike_2() {
    run_shard(2);
}

#[test]
fn vector_documents_and_their_variants_read_alike_3() {
    run_shard(3);
}

#[test]
fn bench_fixtures_and_the_embedded_book_read_alike() {
    let mut docs: Vec<Doc> = [
        "eligibility",
        "plan_family_of_6",
        "plan_family_of_6_x2",
        "settle_20_items",
    ]
    .iter()
    .map(|name| Doc {
        name: format!("tests/bench/fixtures/{name}.json"),
        op: match name.split('_').next().unwrap() {
            "eligibility" => "check_eligibility",
            other => other,
        }
        .to_string(),
        text: fs::read_to_string(repo().join(format!("tests/bench/fixtures/{name}.json"))).unwrap(),
    })
    .collect();
    docs.push(Doc {
        name: "core/src/policy/embedded.json".into(),
        op: "validate_policy".into(),
        text: include_str!("../../policy/embedded.json").into(),
    });
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let mut report = Report::default();
    for doc in &docs {
        run_doc(doc, &mut rng, &mut report);
    }
    report.assert_none();
}

const STATE: &str = r#"{"schema": "gongji-wallet/1"}"#;

/// An `apply` request around `command` (on one line: an error's column is its byte offset + 1).
fn apply(command: &str) -> String {
    format!(r#"{{"state": {STATE}, "command": {command}, "now": "2025-05-01T08:00"}}"#)
}

fn nested_arrays(depth: usize) -> String {
    "[".repeat(depth) + &"]".repeat(depth)
}

fn nested_objects(depth: usize) -> String {
    "{\"a\": ".repeat(depth) + "1" + &"}".repeat(depth)
}

fn apply_error(text: &str) -> Error {
    parse_doc::<ApplyRequest>(text).unwrap_err()
}

/// Nesting around serde_json's limit of 128 levels and past it: in a command's arguments read into a
/// buffer first (`args` before `type`) and read directly, in an unknown field inside them, in a field,
/// at the top; with the variants of each.
#[test]
fn nesting_around_and_past_the_recursion_limit_reads_alike() {
    let mut rng = Rng::new(0x5DEE_CE66_D1CE_4E5B);
    let mut report = Report::default();
    for depth in [1, 100, 124, 125, 126, 127, 128, 129, 200, 1000] {
        for deep in [nested_arrays(depth), nested_objects(depth)] {
            let commands = [
                format!(r#"{{"args": {deep}, "type": "grant"}}"#),
                format!(r#"{{"type": "grant", "args": {deep}}}"#),
                format!(
                    r#"{{"args": {{"relationship": "R1", "amount": "1.00", "zz": {deep}}}, "type": "grant"}}"#
                ),
                format!(
                    r#"{{"type": "grant", "args": {{"relationship": "R1", "amount": "1.00", "zz": {deep}}}}}"#
                ),
                format!(
                    r#"{{"args": {{"relationship": {deep}, "amount": "1.00"}}, "type": "grant"}}"#
                ),
            ];
            let mut texts: Vec<String> = commands.iter().map(|c| apply(c)).collect();
            texts.push(format!(r#"{{"zz": {deep}, "state": {STATE}}}"#));
            texts.push(deep);
            for text in texts {
                let doc = Doc {
                    name: format!("nesting {depth} deep"),
                    op: "apply".into(),
                    text,
                };
                run_doc(&doc, &mut rng, &mut report);
            }
        }
    }
    report.assert_none();
}

/// A document of exactly [`MAX_DOCUMENT_BYTES`] is read, one byte more is `TOO_MANY`; the long part
/// white space, or a string.
#[test]
fn documents_at_and_past_the_size_limit_read_alike() {
    let tick = apply(r#"{"type": "tick"}"#);
    let refund = |len| {
        apply(&format!(
            r#"{{"type": "refund", "args": {{"reference": "{}"}}}}"#,
            "x".repeat(len)
        ))
    };
    let pad = MAX_DOCUMENT_BYTES - tick.len();
    let long = MAX_DOCUMENT_BYTES - refund(0).len();
    let texts = [
        (format!("{tick}{}", " ".repeat(pad)), true),
        (format!("{}{tick}", "\n".repeat(pad)), true),
        (refund(long), true),
        (format!("{tick}{}", " ".repeat(pad + 1)), false),
        (refund(long + 1), false),
        (format!("[{}", refund(long)), false),
        (refund(long)[..MAX_DOCUMENT_BYTES - 8].to_string(), false),
        (format!("{tick}{}x", " ".repeat(pad - 1)), false),
    ];
    let mut report = Report::default();
    for (text, read) in &texts {
        let v = Variant {
            kind: "long",
            text: text.clone(),
            at: text.len().saturating_sub(100),
            form: "",
        };
        report.check("apply", "a long document", &v, reader("apply"));
        assert_eq!(
            parse_doc::<ApplyRequest>(text).is_ok(),
            *read,
            "{}",
            text.len()
        );
    }
    report.assert_none();
    let e = apply_error(&texts[3].0);
    assert_eq!((e.code, e.field.as_str()), (Code::TooMany, ""));
}

/// E-10: a bad amount in the second line of a settle command's items is named by its path; a syntax
/// error in that line by the line's.
#[test]
fn e10_an_error_in_an_array_element_of_a_command_names_the_element() {
    let settle = |second: &str| {
        apply(&format!(
            r#"{{"type": "settle", "args": {{"reference": "L-A", "date": "2025-07-01", "patient": "p", "visit": {{"type": "outpatient", "level": 2}}, "items": [{{"name": "drug", "amount": "1000.00", "class": "a", "category": "drug"}}, {second}]}}}}"#
        ))
    };
    let e = apply_error(&settle(
        r#"{"name": "b", "amount": 12.5, "class": "a", "category": "drug"}"#,
    ));
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidType, "command.args.items[1].amount")
    );
    assert_eq!(
        e.message_en(),
        "wrong type: invalid type: floating point `12.5`, expected a yuan amount as a decimal string, e.g. \"12.50\""
    );
    // `,,`: serde_json stops at the second comma, where a key must start; the path is the element's.
    let text = settle(r#"{"name": "b",, "amount": "1.00", "class": "a", "category": "drug"}"#);
    let column = text.find(",,").unwrap() + 2;
    let e = apply_error(&text);
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidJson, "command.args.items[1]")
    );
    assert_eq!(
        e.detail_en,
        format!("key must be a string at line 1 column {column}")
    );
}

/// A key given twice is an error at the second one, whose path it names, at the top and inside a
/// command's arguments.
#[test]
fn a_repeated_key_is_named_at_its_second_occurrence() {
    let e = parse_doc::<crate::eligibility::EligibilityRequest>(
        r#"{"date": "2025-07-01", "date": "2025-07-02"}"#,
    )
    .unwrap_err();
    assert_eq!((e.code, e.field.as_str()), (Code::InvalidJson, "date"));
    assert_eq!(e.detail_en, "duplicate field `date`");
    let e = apply_error(&apply(
        r#"{"type": "grant", "args": {"relationship": "R1", "relationship": "R2", "amount": "1.00"}}"#,
    ));
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidJson, "command.args.relationship")
    );
    assert_eq!(e.detail_en, "duplicate field `relationship`");
}

/// serde_json counts the request's and the command's objects as two of its 128 levels, and stops at the
/// 126th `[` of arguments read into a buffer (the 128th level), where the path holds the 124 arrays
/// around the one that was opening.
#[test]
fn nesting_past_the_limit_stops_at_the_128th_level() {
    let text = apply(&format!(
        r#"{{"args": {}, "type": "grant"}}"#,
        nested_arrays(200)
    ));
    let column = text.find('[').unwrap() + 126;
    let e = apply_error(&text);
    assert_eq!(e.code, Code::InvalidJson);
    assert_eq!(e.field, format!("command.args{}", "[0]".repeat(124)));
    assert_eq!(
        e.detail_en,
        format!("recursion limit exceeded at line 1 column {column}")
    );
}

/// The text ends after a key's colon: the path is that key's, the column the last byte's.
#[test]
fn a_document_cut_after_a_colon_names_the_key() {
    let text = &apply(r#"{"type": "grant", "args": {"relationship": "R1", "amount": "1.00"}}"#);
    let text = &text[..text.find("\"1.00\"").unwrap()];
    let e = apply_error(text);
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidJson, "command.args.amount")
    );
    assert_eq!(
        e.detail_en,
        format!("EOF while parsing a value at line 1 column {}", text.len())
    );
    // Text after the document: the path is empty (the document is complete), the column the extra byte's.
    let text = apply(r#"{"type": "tick"}"#) + "x";
    let e = apply_error(&text);
    assert_eq!((e.code, e.field.as_str()), (Code::InvalidJson, ""));
    assert_eq!(
        e.detail_en,
        format!("trailing characters at line 1 column {}", text.len())
    );
}
