//! `settle_summary` against `settle` on every settle vector: the summary is the full document's amounts,
//! key for key and value for value, and nothing else; a request `settle` refuses it refuses with the same
//! error document. The projection is written out here, independently of the core's.

use gongji_conformance::{load_cases, Case, Expected};
use serde_json::Value;

/// The summary's keys, in the order the document writes them. Every one but `schema` is a key of the
/// full settlement with the same value.
const SUMMARY_KEYS: &[&str] = &[
    "schema",
    "reference",
    "date",
    "patient",
    "mode",
    "medfee_sumamt",
    "fulamt_ownpay_amt",
    "overlmt_selfpay",
    "preselfpay_amt",
    "inscp_scp_amt",
    "act_pay_dedc",
    "hifp_pay",
    "pool_prop_selfpay",
    "cvlserv_pay",
    "hifes_pay",
    "hifmi_pay",
    "hifob_pay",
    "maf_pay",
    "oth_pay",
    "fund_pay_sumamt",
    "fund_sum_includes_acct",
    "psn_part_amt",
    "acct_pay",
    "self_acct_pay",
    "acct_mulaid_pay",
    "mulaid_by_sharer",
    "psn_cash_pay",
    "hosp_part_amt",
    "balc",
    "notices",
];

/// The full document's keys the summary leaves out.
const LEFT_OUT: &[&str] = &[
    "visit",
    "items",
    "benefit",
    "parameters",
    "accumulators_before",
    "accumulators_after",
    "wallet_commands",
    "trace",
];

/// What differs between the summary and the full settlement; empty when it is a strict projection.
fn projection_faults(full: &Value, summary: &Value) -> Vec<String> {
    let mut faults = Vec::new();
    let (Some(full), Some(summary)) = (full.as_object(), summary.as_object()) else {
        return vec!["not two objects".into()];
    };
    let keys: Vec<&str> = summary.keys().map(String::as_str).collect();
    if keys != SUMMARY_KEYS {
        faults.push(format!("summary keys {keys:?}"));
    }
    if summary.get("schema") != Some(&Value::from("gongji-settlement-summary/1")) {
        faults.push(format!("schema {:?}", summary.get("schema")));
    }
    for key in &SUMMARY_KEYS[1..] {
        if full.get(*key) != summary.get(*key) {
            faults.push(format!(
                "{key}: full {:?}, summary {:?}",
                full.get(*key),
                summary.get(*key)
            ));
        }
    }
    // Every key of the full document is either projected or left out on purpose.
    for key in full.keys() {
        if key != "schema"
            && !SUMMARY_KEYS.contains(&key.as_str())
            && !LEFT_OUT.contains(&key.as_str())
        {
            faults.push(format!(
                "full document key {key} is neither summed up nor left out"
            ));
        }
    }
    faults
}

#[test]
fn the_summary_projects_every_settlement_and_refuses_alike() {
    let cases = load_cases().unwrap_or_else(|e| panic!("{e}"));
    let (mut projected, mut refused, mut fails) = (0, 0, Vec::new());
    for case in cases.iter().filter(|c| c.op == "settle") {
        let summary = Case {
            op: "settle_summary".into(),
            ..case.clone()
        }
        .run();
        match (&case.expected, case.run(), summary) {
            (Expected::Output(want), Ok(full), Ok(summary)) => {
                assert_eq!(&full, want, "{}: settle replays", case.name);
                let full: Value = serde_json::from_str(&full).expect("JSON");
                let summary: Value = serde_json::from_str(&summary).expect("JSON");
                let faults = projection_faults(&full, &summary);
                if !faults.is_empty() {
                    fails.push(format!("{}: {}", case.name, faults.join("; ")));
                }
                projected += 1;
            }
            (Expected::Error { .. }, Err(full), Err(summary)) => {
                if full != summary {
                    fails.push(format!("{}: {full:?} / {summary:?}", case.name));
                }
                refused += 1;
            }
            (_, full, summary) => fails.push(format!("{}: {full:?} / {summary:?}", case.name)),
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
    // The settle suites hold well over a hundred settlements and dozens of refusals.
    assert!(projected > 100 && refused > 20, "{projected} / {refused}");
    eprintln!("{projected} settlements summed up, {refused} refusals alike");
}

/// The check above can fail: a summary that drops, adds or changes a key is caught.
#[test]
fn the_projection_check_catches_a_wrong_summary() {
    let mut summary = serde_json::Map::new();
    for key in SUMMARY_KEYS {
        summary.insert((*key).into(), "0.00".into());
    }
    let mut full = summary.clone();
    full.insert("schema".into(), "gongji-settlement/1".into());
    full.insert("trace".into(), Value::Array(vec![]));
    let full = Value::Object(full);
    summary.insert("schema".into(), "gongji-settlement-summary/1".into());
    assert!(projection_faults(&full, &Value::Object(summary.clone())).is_empty());
    let mut changed = summary.clone();
    changed.insert("hifp_pay".into(), "1.01".into());
    assert!(!projection_faults(&full, &Value::Object(changed)).is_empty());
    let mut extra = summary.clone();
    extra.insert("trace".into(), Value::Array(vec![]));
    assert!(!projection_faults(&full, &Value::Object(extra)).is_empty());
    let mut missing = summary;
    missing.remove("balc");
    assert!(!projection_faults(&full, &Value::Object(missing)).is_empty());
    let unknown = serde_json::json!({"schema": "x", "new_total": "0.00"});
    assert!(!projection_faults(&unknown, &serde_json::json!({})).is_empty());
}
