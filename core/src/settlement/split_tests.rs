//! Split mode (S-11) and notices (S-13), with the arithmetic worked by hand in each comment.

use super::*;
use crate::error::Code;
use crate::money::Money;
use serde_json::{json, Value};

/// A Beijing retired employee's level-3 stay, pre-settled by the platform:
/// 2000.00 + 500.00 + 1500.00 + 46000.00 = 50000.00; funds 38000.00 + 1000.00 + 3000.00 + 500.00 =
/// 42500.00; burden 50000.00 − 42500.00 − 0.00 = 7500.00.
fn pre() -> Value {
    json!({
        "medfee_sumamt": "50000.00", "fulamt_ownpay_amt": "2000.00", "overlmt_selfpay": "500.00",
        "preselfpay_amt": "1500.00", "inscp_scp_amt": "46000.00", "act_pay_dedc": "1300.00",
        "hifp_pay": "38000.00", "pool_prop_selfpay": "0.85", "cvlserv_pay": "1000.00",
        "hifob_pay": "3000.00", "maf_pay": "500.00", "fund_pay_sumamt": "42500.00",
        "psn_part_amt": "7500.00"
    })
}

fn req(region: &str, presettlement: Value) -> Value {
    json!({
        "reference": "S1",
        "date": "2025-07-01",
        "patient": {"id": "B", "scheme": "employee", "region": region, "enrollment": "active", "retired": true},
        "own_balance": "3000.00",
        "visit": {"type": "inpatient", "level": 3},
        "presettlement": presettlement,
        "funds": [{"sharer": "X", "mode": "wallet", "available": "3000.00"}]
    })
}

fn run(v: &Value) -> Result<Settlement, Error> {
    let r: SettleRequest = serde_json::from_value(v.clone()).expect("a well-formed request");
    settle(&PolicyBook::embedded(), &r)
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn refused(v: &Value) -> (Code, String) {
    let e = run(v).unwrap_err();
    (e.code, e.field)
}

#[test]
fn s11_split_pays_only_the_burden() {
    let s = run(&req("110000", pre())).unwrap();
    assert_eq!(s.mode, SettleMode::Split);
    assert!(s.items.is_empty() && s.benefit.is_none());
    assert_eq!(s.fund_pay_sumamt, m("42500.00"));
    assert_eq!(s.hifob_pay, m("3000.00"));
    assert_eq!(s.psn_part_amt, m("7500.00"));
    // Beijing lets accounts pay 全自费: own 3000.00, X 3000.00, cash 7500.00 − 6000.00 = 1500.00.
    assert_eq!(s.self_acct_pay, m("3000.00"));
    assert_eq!(s.acct_mulaid_pay, m("3000.00"));
    assert_eq!(s.psn_cash_pay, m("1500.00"));
    assert_eq!(s.notices.len(), 1);
    assert_eq!(s.notices[0].code, NoticeCode::QuotaInsufficient);
    assert_eq!(s.notices[0].amount, m("1500.00"));
    // S-3: 0 + 1300.00; 0 + 38000.00; 46000.00 − 1300.00 = 44700.00.
    assert_eq!(s.accumulators_after.deductible_met, m("1300.00"));
    assert_eq!(s.accumulators_after.fund_paid, m("38000.00"));
    assert_eq!(s.accumulators_after.in_scope_past_deductible, m("44700.00"));
}

#[test]
fn s11_s6_full_self_pay_kept_from_accounts_in_shandong() {
    let s = run(&req("370100", pre())).unwrap();
    // 7500.00 − 2000.00 全自费 = 5500.00 payable: own 3000.00, X 2500.00, cash 2000.00.
    assert_eq!(s.self_acct_pay, m("3000.00"));
    assert_eq!(s.acct_mulaid_pay, m("2500.00"));
    assert_eq!(s.psn_cash_pay, m("2000.00"));
    assert_eq!(s.notices.len(), 1);
    assert_eq!(s.notices[0].code, NoticeCode::AccountNotAllowed);
    assert_eq!(s.notices[0].item, None);
    assert_eq!(s.notices[0].amount, m("2000.00"));
}

#[test]
fn s11_split_settlement_reverses() {
    let s = run(&req("110000", pre())).unwrap();
    let r = reverse(&PolicyBook::embedded(), &s).unwrap();
    assert_eq!(r.own_account_back, m("3000.00"));
    assert_eq!(r.accumulators_decrement.fund_paid, m("38000.00"));
    let mut t = s.clone();
    t.maf_pay = m("501.00");
    assert_eq!(t.verify().unwrap_err().field, "fund_pay_sumamt");
}

#[test]
fn s11_inconsistent_figures_name_the_field() {
    let cases: [(&str, &str, &str); 5] = [
        ("inscp_scp_amt", "46000.01", "presettlement.medfee_sumamt"),
        ("act_pay_dedc", "46000.01", "presettlement.act_pay_dedc"),
        ("hifp_pay", "44700.01", "presettlement.hifp_pay"),
        ("oth_pay", "0.01", "presettlement.fund_pay_sumamt"),
        ("psn_part_amt", "7500.01", "presettlement.psn_part_amt"),
    ];
    for (key, value, field) in cases {
        let mut p = pre();
        p[key] = json!(value);
        let (code, got) = refused(&req("110000", p));
        assert_eq!(code, Code::PresettlementInconsistent, "{key}");
        assert_eq!(got, field, "{key}");
    }
}

#[test]
fn s11_items_and_presettlement_are_exclusive() {
    let mut v = req("110000", pre());
    v["items"] = json!([{"name": "甲", "amount": "1.00", "class": "a", "category": "drug"}]);
    assert_eq!(
        refused(&v),
        (Code::PresettlementWithItems, "presettlement".into())
    );
    let mut v = req("110000", pre());
    v.as_object_mut().unwrap().remove("presettlement");
    assert_eq!(refused(&v), (Code::ItemsEmpty, "items".into()));
}

#[test]
fn s11_premium_and_outside_presettlements_refused() {
    let mut v = req("110000", pre());
    v["visit"] = json!({"type": "premium"});
    assert_eq!(
        refused(&v),
        (Code::PresettlementInconsistent, "visit.type".into())
    );
    let mut v = req("110000", pre());
    v["visit"]["designated"] = json!(false);
    assert_eq!(
        refused(&v),
        (
            Code::PresettlementInconsistent,
            "presettlement.fund_pay_sumamt".into()
        )
    );
}

#[test]
fn s13_notices_without_explain() {
    let mut v = req("370100", pre());
    v["explain"] = json!(false);
    let s = run(&v).unwrap();
    assert!(s.trace.is_empty());
    assert_eq!(s.notices[0].code, NoticeCode::AccountNotAllowed);
    assert_eq!(s.notices[0].rule, "S-6");
}

#[test]
fn s13_example_parameters_noticed_in_an_estimate() {
    let v = json!({
        "reference": "E1", "date": "2025-07-01", "estimate": true,
        "patient": {"id": "B", "scheme": "employee", "region": "330100", "enrollment": "active"},
        "visit": {"type": "outpatient", "level": 2},
        "items": [{"name": "甲", "amount": "100.00", "class": "a", "category": "drug"}]
    });
    let s = run(&v).unwrap();
    assert_eq!(s.notices.len(), 1);
    assert_eq!(s.notices[0].code, NoticeCode::ExampleParameters);
    assert_eq!(s.notices[0].rule, "P-4");
}
