//! The documents (the vectors' inputs and books, the bench fixtures, the embedded book), their variants,
//! texts at the edges (deep nesting, the size limit), and cases whose result is worked out by hand.

use std::fs;
use std::path::{Path, PathBuf};

use super::scan;
use super::variants::{self, Rng, Variant};
use super::{differ, Differ, Report};

/// Every prefix of a document as written up to this long; else (and for its other forms) this many.
const SHORT: usize = 400;
const PREFIXES: usize = 12;
/// Random broken variants of a document: about this many bytes' worth, within these bounds.
const BROKEN_BYTES: usize = 150_000;
const BROKEN_MIN: usize = 10;
const BROKEN_MAX: usize = 80;
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

fn suite_docs(file: &str, text: &str, out: &mut Vec<Doc>) {
    let toks = scan::tokens(text);
    let get = |entries: &[scan::Entry], key: &str| {
        let quoted = format!("\"{key}\"");
        let e = entries
            .iter()
            .find(|e| scan::span(text, &toks, e.key, e.key + 1) == quoted)?;
        Some(scan::span(text, &toks, e.value, e.end))
    };
    let suite = scan::entries(&toks, 0);
    let suite_op = get(&suite, "op").and_then(scan::unquote).unwrap();
    let cases = suite
        .iter()
        .find(|e| get(&[**e], "cases").is_some())
        .unwrap();
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
            kind: f.name,
            text: f.text.clone(),
            at: 0,
        });
        let short = if f.name == "as written" { SHORT } else { 0 };
        for v in variants::truncations(&f.text, short, PREFIXES, rng) {
            check(&v);
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
