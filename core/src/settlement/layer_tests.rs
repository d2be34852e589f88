//! Layered benefits (S-12) and grades (P-4), with the arithmetic worked by hand in each comment.

use super::*;
use crate::error::Code;
use crate::money::Money;
use crate::policy::Grade;
use serde_json::{json, Value};

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Wuhan (420100) in a caller's book: employee inpatient deductible 1000.00 first, 500.00 later, 80 %,
/// cap 20000.00; 大病 above 15000.00 at 60 %; 大额 above 30000.00 at 85 %, cap 100000.00.
fn book(layer_grade: &str) -> PolicyBook {
    let dated =
        |value: Value, grade: &str| json!([{"from": "2025-01-01", "value": value, "grade": grade}]);
    let doc = json!({"schema": "gongji-policy/1", "extends": "embedded", "regions": {"420100": {"params": {
        "benefits": dated(json!([{"scheme": "employee", "visits": ["inpatient"], "deductible": "1000.00",
            "later_deductible": "500.00", "ratio": "0.80", "cap": "20000.00"}]), "secondary"),
        "layers": dated(json!([
            {"fund": "serious_illness", "scheme": "employee", "visits": ["inpatient"], "threshold": "15000.00", "ratio": "0.60"},
            {"fund": "large_expense", "scheme": "employee", "visits": ["inpatient"], "threshold": "30000.00", "ratio": "0.85", "cap": "100000.00"}
        ]), layer_grade),
        "out_of_area": dated(json!({"filed": "0.10", "unfiled": "0.20"}), "secondary")
    }}}});
    PolicyBook::from_json(&doc.to_string()).unwrap()
}

fn bill(amount: &str, accumulators: Value) -> Value {
    json!({
        "reference": "L1", "date": "2025-07-01",
        "patient": {"id": "B", "scheme": "employee", "region": "420100", "enrollment": "active"},
        "visit": {"type": "inpatient", "level": 2},
        "items": [{"name": "甲", "amount": amount, "class": "a", "category": "service"}],
        "accumulators": accumulators
    })
}

fn run(book: &PolicyBook, v: &Value) -> Result<Settlement, Error> {
    let req: SettleRequest = crate::codec::parse_doc(&v.to_string())?;
    settle(book, &req)
}

#[test]
fn s12_deductible_per_admission_first_then_lower() {
    let b = book("secondary");
    // First: (5000.00 − 1000.00) × 0.80 = 3200.00; admissions 0 → 1.
    let s = run(&b, &bill("5000.00", json!({}))).unwrap();
    assert_eq!((s.act_pay_dedc, s.hifp_pay), (m("1000.00"), m("3200.00")));
    assert_eq!(s.accumulators_after.admissions, 1);
    // Second and third: 500.00 each, whatever deductible_met says: (5000.00 − 500.00) × 0.80 = 3600.00.
    for n in [1, 2] {
        let s = run(
            &b,
            &bill(
                "5000.00",
                json!({"admissions": n, "deductible_met": "1000.00"}),
            ),
        )
        .unwrap();
        assert_eq!((s.act_pay_dedc, s.hifp_pay), (m("500.00"), m("3600.00")));
        assert_eq!(s.accumulators_after.admissions, n + 1);
    }
}

#[test]
fn s12_serious_illness_then_large_expense_on_the_burden_left() {
    // Cap used up: hifp 0.00, burden 10000.00; layer_burden 28000.00 → 38000.00.
    // 大病: 10000.00 past 15000.00 × 0.60 = 6000.00; 大额: 8000.00 past 30000.00 × 0.85 = 6800.00,
    // limited to the 4000.00 left. Nothing for the patient.
    let acc = json!({"admissions": 2, "fund_paid": "20000.00", "layer_burden": "28000.00"});
    let s = run(&book("secondary"), &bill("10000.00", acc)).unwrap();
    assert_eq!(
        (s.hifp_pay, s.hifmi_pay, s.hifob_pay),
        (m("0.00"), m("6000.00"), m("4000.00"))
    );
    assert_eq!(
        (s.fund_pay_sumamt, s.psn_part_amt),
        (m("10000.00"), m("0.00"))
    );
    assert_eq!(s.accumulators_after.hifmi_paid, m("6000.00"));
    s.verify().unwrap();
    reverse(&book("secondary"), &s).unwrap();
}

#[test]
fn s12_out_of_area_lowers_the_ratio() {
    // Filed: 0.80 − 0.10 = 0.70 → 2800.00; unfiled: 0.60 → 2400.00.
    for (status, fund) in [("filed", "2800.00"), ("unfiled", "2400.00")] {
        let mut v = bill("5000.00", json!({}));
        v["visit"]["out_of_area"] = json!(status);
        assert_eq!(run(&book("secondary"), &v).unwrap().hifp_pay, m(fund));
    }
}

#[test]
fn s12_layer_totals_that_move_wrongly_are_refused() {
    let mut s = run(&book("secondary"), &bill("5000.00", json!({}))).unwrap();
    s.accumulators_after.admissions = 2;
    assert_eq!(
        s.verify().unwrap_err().field,
        "accumulators_after.admissions"
    );
    let mut s = run(&book("secondary"), &bill("5000.00", json!({}))).unwrap();
    s.accumulators_after.hifmi_paid = m("0.01");
    assert_eq!(
        s.verify().unwrap_err().field,
        "accumulators_after.hifmi_paid"
    );
}

#[test]
fn p4_example_grade_needs_the_estimate_flag() {
    let b = book("example");
    let e = run(&b, &bill("5000.00", json!({}))).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::EstimateRequired, "estimate")
    );
    assert!(e.detail_en.contains("420100"), "{}", e.detail_en);
    let mut v = bill("5000.00", json!({}));
    v["estimate"] = json!(true);
    let s = run(&b, &v).unwrap();
    let p = s.parameters.unwrap();
    assert_eq!(
        (p.region.map(|r| r.to_string()), p.grade),
        (Some("420100".into()), Grade::Example)
    );
    assert_eq!(
        s.notices.last().map(|n| n.code),
        Some(NoticeCode::ExampleParameters)
    );
}

#[test]
fn p4_secondary_book_states_its_grade_without_a_flag() {
    let s = run(&book("secondary"), &bill("5000.00", json!({}))).unwrap();
    assert_eq!(s.parameters.map(|p| p.grade), Some(Grade::Secondary));
    assert!(s.notices.is_empty());
}

#[test]
fn p4_grade_is_required_in_a_book() {
    let doc = r#"{"schema":"gongji-policy/1","extends":"embedded","national":{"reserved_minimum":[{"from":"2025-01-01","value":"1.00"}]}}"#;
    let e = PolicyBook::from_json(doc).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::MissingField, "national.reserved_minimum[0].grade")
    );
}

#[test]
fn s12_layers_above_the_burden_are_refused() {
    // 5000.00 − 3200.00 = 1800.00 left after the basic fund: 1800.01 from the layers is too much.
    let mut s = run(&book("secondary"), &bill("5000.00", json!({}))).unwrap();
    s.hifmi_pay = m("1800.01");
    assert_eq!(s.verify().unwrap_err().field, "hifmi_pay");
}

#[test]
fn s12_outpatient_pool_has_its_own_cap() {
    // Outpatient pool: cap 1000.00, 900.00 used; the inpatient 5000.00 used does not count.
    // 1000.00 × 0.50 = 500.00, capped at 100.00; only outpatient_fund_paid moves.
    let dated =
        |value: Value| json!([{"from": "2025-01-01", "value": value, "grade": "secondary"}]);
    let doc = json!({"schema": "gongji-policy/1", "extends": "embedded", "regions": {"420100": {"params": {
        "benefits": dated(json!([{"scheme": "employee", "visits": ["outpatient"], "deductible": "0.00",
            "ratio": "0.50", "cap": "1000.00", "outpatient_pool": true}]))
    }}}});
    let b = PolicyBook::from_json(&doc.to_string()).unwrap();
    let mut v = bill(
        "1000.00",
        json!({"fund_paid": "5000.00", "outpatient_fund_paid": "900.00"}),
    );
    v["visit"]["type"] = json!("outpatient");
    let s = run(&b, &v).unwrap();
    assert_eq!(s.hifp_pay, m("100.00"));
    let after = s.accumulators_after;
    assert_eq!(
        (after.fund_paid, after.outpatient_fund_paid),
        (m("5000.00"), m("1000.00"))
    );
    let mut bad = s.clone();
    bad.accumulators_after.fund_paid = m("5100.00");
    assert_eq!(
        bad.verify().unwrap_err().field,
        "accumulators_after.fund_paid"
    );
    assert_eq!(
        reverse(&b, &s)
            .unwrap()
            .accumulators_decrement
            .outpatient_fund_paid,
        m("100.00")
    );
}
