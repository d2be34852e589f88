//! Structured policy books (P-1..P-3): a caller's book built from arbitrary dated values, valid or not.
//! A book that loads must reload to itself from its normalised form, resolve everywhere, and settle and
//! check eligibility without a panic; one that does not load gets a well-formed error.
#![no_main]
use arbitrary::Arbitrary;
use gongji_core::eligibility::{check_eligibility, EligibilityRequest, Mode};
use gongji_core::json::to_json;
use gongji_core::{Kinship, PolicyBook};
use gongji_core_fuzz::{check_error, date, settle_and_reverse, FBill, FPerson, REGIONS};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
struct FRule {
    resident: bool,
    visits: u8,
    levels: Vec<u8>,
    retired: Option<bool>,
    deductible: u32,
    ratio: u16,
    bands: Vec<(u32, u16)>,
    cap: Option<u32>,
}

#[derive(Arbitrary, Debug)]
enum FValue {
    Reserved(u32),
    Enabled(bool),
    Kinships(Vec<u8>),
    MaxSharers(Option<u8>),
    Advice(u16),
    OwnFirst(bool),
    Model(bool),
    Source(bool),
    SmallCap(Option<u32>),
    FullSelfPay(bool),
    Includes(bool),
    Review(bool),
    Limits {
        per_day: u8,
        amount: u32,
        from: u16,
        until: u16,
        back: u16,
    },
    Benefits(Vec<FRule>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    extends: bool,
    national: Vec<(u16, FValue)>,
    regions: Vec<(u8, Vec<(u16, FValue)>)>,
    probe_day: u16,
    patient: FPerson,
    bill: FBill,
}

fn yuan(f: u32) -> String {
    format!("{}.{:02}", f / 100, f % 100)
}

fn ratio(n: u16) -> String {
    // Up to 1.6553: ratios above 1 are invalid on purpose.
    format!("{}.{:04}", n / 10_000, n % 10_000)
}

fn hhmm(m: u16) -> String {
    // Up to 27:19: hours past 23 are invalid on purpose.
    let m = m % 1640;
    format!("{:02}:{:02}", m / 60, m % 60)
}

const VISIT_NAMES: [&str; 5] = [
    "outpatient",
    "inpatient",
    "special_outpatient",
    "pharmacy",
    "premium",
];

fn entry(v: &FValue) -> (&'static str, Value) {
    match v {
        FValue::Reserved(f) => ("reserved_minimum", json!(yuan(*f))),
        FValue::Enabled(b) => ("wallet_enabled", json!(b)),
        FValue::Kinships(ks) => {
            let names = ["spouse", "parent", "child", "sibling", "paternal_grandparent", "maternal_grandparent", "sons_child", "daughters_child", "spouse_parent"];
            ("kinship_scope", json!(ks.iter().map(|k| names[*k as usize % names.len()]).collect::<Vec<_>>()))
        }
        FValue::MaxSharers(m) => ("max_sharers_per_beneficiary", json!(m)),
        FValue::Advice(r) => ("reserve_advice_ratio", json!(ratio(*r))),
        FValue::OwnFirst(b) => ("own_account_first", json!(b)),
        FValue::Model(b) => ("wallet_model", json!(if *b { "transfer" } else { "virtual_quota" })),
        FValue::Source(b) => ("shareable_source", json!(if *b { "past_years" } else { "balance" })),
        FValue::SmallCap(c) => ("resident_small_sharing_cap", json!(c.map(yuan))),
        FValue::FullSelfPay(b) => ("accounts_pay_full_self_pay", json!(b)),
        FValue::Includes(b) => ("fund_sum_includes_acct", json!(b)),
        FValue::Review(b) => ("establish_review", json!(b)),
        FValue::Limits { per_day, amount, from, until, back } => (
            "transfer_limits",
            json!({"max_per_day": per_day, "max_amount": yuan(*amount), "quiet_from": hhmm(*from), "quiet_until": hhmm(*until), "return_at": hhmm(*back)}),
        ),
        FValue::Benefits(rules) => (
            "benefits",
            json!(rules.iter().take(6).map(|r| {
                let visits: Vec<&str> = (0..5).filter(|k| r.visits & (1 << k) != 0).map(|k| VISIT_NAMES[k]).collect();
                let mut row = json!({
                    "scheme": if r.resident { "resident" } else { "employee" },
                    "visits": visits,
                    "levels": r.levels.iter().take(4).map(|l| l % 5).collect::<Vec<_>>(),
                    "deductible": yuan(r.deductible % 1_000_000),
                    "ratio": ratio(r.ratio),
                    "bands": r.bands.iter().take(3).map(|(a, q)| json!({"above": yuan(*a), "ratio": ratio(*q)})).collect::<Vec<_>>(),
                });
                if let Some(x) = r.retired { row["retired"] = json!(x); }
                if let Some(c) = r.cap { row["cap"] = json!(yuan(c)); }
                row
            }).collect::<Vec<_>>()),
        ),
    }
}

fn params(values: &[(u16, FValue)]) -> Value {
    let mut p = serde_json::Map::new();
    for (day, v) in values.iter().take(12) {
        let (name, value) = entry(v);
        let line = p.entry(name).or_insert_with(|| json!([]));
        if let Some(a) = line.as_array_mut() {
            a.push(json!({"from": date(*day).to_string(), "value": value, "source": "fuzz", "grade": "official"}));
        }
    }
    Value::Object(p)
}

fuzz_target!(|i: Input| {
    let mut doc = json!({"schema": "gongji-policy/1", "national": params(&i.national)});
    if i.extends {
        doc["extends"] = json!("embedded");
    }
    let mut regions = serde_json::Map::new();
    for (r, values) in i.regions.iter().take(4) {
        regions.insert(
            REGIONS[*r as usize % REGIONS.len()].into(),
            json!({"params": params(values)}),
        );
    }
    doc["regions"] = Value::Object(regions);
    let book = match PolicyBook::from_json(&doc.to_string()) {
        Ok(b) => b,
        Err(e) => {
            check_error(&e);
            return;
        }
    };
    let again = PolicyBook::from_json(&to_json(&book)).expect("a normalised book reloads");
    assert_eq!(again, book);
    let d = date(i.probe_day);
    for r in REGIONS {
        if let Err(e) = book.resolve(r.parse().unwrap(), d) {
            check_error(&e);
        }
    }
    let patient = i.patient.build("P");
    let req = EligibilityRequest {
        date: d,
        mode: if i.extends {
            Mode::Wallet
        } else {
            Mode::InProvince
        },
        sharer: i.patient.build("S"),
        beneficiary: patient.clone(),
        kinship: Kinship::Parent,
        commitment_signed: Some(true),
        beneficiary_sharers: 0,
    };
    if let Err(e) = check_eligibility(&book, &req) {
        check_error(&e);
    }
    let bill = i.bill.build("B-1", d, patient, Vec::new());
    settle_and_reverse(&book, &bill, 0);
});
