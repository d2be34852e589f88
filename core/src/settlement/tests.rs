//! Settlement rules by id, with the arithmetic worked by hand in each comment.

use super::LedgerCommand;
use super::*;
use crate::error::Code;
use crate::money::{Money, Ratio};
use serde_json::{json, Value};

/// Hangzhou (330100): national example tiers; level 2 = deductible 300, 60 %. An estimate (P-4).
fn base() -> Value {
    json!({
        "reference": "T1",
        "estimate": true,
        "date": "2025-07-01",
        "patient": {"id": "B", "scheme": "employee", "region": "330100", "enrollment": "active"},
        "visit": {"type": "outpatient", "level": 2},
        "items": [{"name": "甲药", "amount": "1000.00", "class": "a", "category": "drug"}],
        "accumulators": {"deductible_met": "300.00"}
    })
}

fn with(mut v: Value, patch: Value) -> Value {
    if let (Some(o), Some(p)) = (v.as_object_mut(), patch.as_object()) {
        for (k, x) in p {
            o.insert(k.clone(), x.clone());
        }
    }
    v
}

fn run_in(book: &PolicyBook, v: &Value) -> Result<Settlement, Error> {
    let req: SettleRequest = crate::json::parse_doc(&v.to_string())?;
    settle(book, &req)
}

fn run(v: &Value) -> Settlement {
    run_in(&PolicyBook::embedded(), v).unwrap()
}

fn err(v: &Value) -> (Code, String) {
    let e = run_in(&PolicyBook::embedded(), v).unwrap_err();
    (e.code, e.field)
}

fn overlay(national: Value) -> PolicyBook {
    let doc = json!({"schema": "gongji-policy/1", "extends": "embedded", "national": national});
    PolicyBook::from_json(&doc.to_string()).unwrap()
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn fund(sharer: &str, available: &str, granted_at: Option<&str>) -> Value {
    let mut f = json!({"sharer": sharer, "mode": "wallet", "available": available});
    if let Some(t) = granted_at {
        f["granted_at"] = json!(t);
    }
    f
}

fn spend(sharer: &str, amount: &str, reference: &str) -> LedgerCommand {
    LedgerCommand::Spend {
        sharer: sharer.parse().unwrap(),
        beneficiary: "B".parse().unwrap(),
        amount: m(amount),
        reference: reference.into(),
    }
}

#[test]
fn s1_item_classes_split_the_bill() {
    let s = run(&with(
        base(),
        json!({"items": [
            {"name": "甲", "amount": "100.00", "class": "a", "category": "drug"},
            {"name": "乙", "amount": "200.00", "class": "b", "preselfpay_ratio": "0.15", "category": "drug"},
            {"name": "支架", "amount": "1200.00", "class": "b", "preselfpay_ratio": "0.20", "price_limit": "1000.00", "category": "consumable"},
            {"name": "丙", "amount": "50.00", "class": "c", "category": "drug"}
        ]}),
    ));
    // 乙: 200.00 × 0.15 = 30.00 first, 170.00 in scope.
    // 支架: over the limit 1200.00 − 1000.00 = 200.00; 1000.00 × 0.20 = 200.00 first; 800.00 in scope.
    assert_eq!(s.items[1].preselfpay_amt, m("30.00"));
    assert_eq!(s.items[2].overlmt_selfpay, m("200.00"));
    assert_eq!(s.items[2].inscp_scp_amt, m("800.00"));
    assert_eq!(s.medfee_sumamt, m("1550.00"));
    assert_eq!(s.fulamt_ownpay_amt, m("50.00"));
    assert_eq!(s.overlmt_selfpay, m("200.00"));
    assert_eq!(s.preselfpay_amt, m("230.00")); // 30 + 200
    assert_eq!(s.inscp_scp_amt, m("1070.00")); // 100 + 170 + 800
                                               // Deductible met already: 1070.00 × 0.60 = 642.00; burden 1550.00 − 642.00 = 908.00, all cash.
    assert_eq!(s.hifp_pay, m("642.00"));
    assert_eq!(s.psn_part_amt, m("908.00"));
    assert_eq!(s.psn_cash_pay, m("908.00"));
}

#[test]
fn s1_price_limit_above_the_amount_changes_nothing() {
    let s = run(&with(
        base(),
        json!({"items": [{"name": "甲", "amount": "80.00", "class": "a", "price_limit": "100.00", "category": "drug"}]}),
    ));
    assert_eq!(s.overlmt_selfpay, Money::ZERO);
    assert_eq!(s.inscp_scp_amt, m("80.00"));
}

#[test]
fn s2_level1_no_deductible_rounds_half_up() {
    let s = run(&with(
        base(),
        json!({"visit": {"type": "outpatient", "level": 1}, "accumulators": {},
               "items": [{"name": "甲", "amount": "333.33", "class": "a", "category": "drug"}]}),
    ));
    // 333.33 × 0.65 = 216.6645 → 216.66; burden 333.33 − 216.66 = 116.67.
    assert_eq!(s.act_pay_dedc, Money::ZERO);
    assert_eq!(s.hifp_pay, m("216.66"));
    assert_eq!(s.psn_part_amt, m("116.67"));
    assert_eq!(s.pool_prop_selfpay, Ratio::parse("0.65").unwrap());
}

#[test]
fn s10_fund_rounds_half_up_not_half_even() {
    let s = run(&with(
        base(),
        json!({"visit": {"type": "outpatient", "level": 3}, "accumulators": {"deductible_met": "650.00"},
               "items": [{"name": "甲", "amount": "100.25", "class": "a", "category": "drug"}]}),
    ));
    // 100.25 × 0.50 = 50.125 → 50.13 (half-even would give 50.12); burden 100.25 − 50.13 = 50.12.
    assert_eq!(s.hifp_pay, m("50.13"));
    assert_eq!(s.psn_part_amt, m("50.12"));
}

#[test]
fn s2_level2_deductible_partly_met() {
    let s = run(&with(
        base(),
        json!({"accumulators": {"deductible_met": "100.00"},
               "items": [{"name": "甲", "amount": "1200.00", "class": "a", "category": "drug"}]}),
    ));
    // Deductible left 300.00 − 100.00 = 200.00; (1200.00 − 200.00) × 0.60 = 600.00.
    assert_eq!(s.act_pay_dedc, m("200.00"));
    assert_eq!(s.hifp_pay, m("600.00"));
    assert_eq!(s.psn_part_amt, m("600.00"));
    assert_eq!(s.accumulators_after.deductible_met, m("300.00"));
    assert_eq!(s.accumulators_after.fund_paid, m("600.00"));
    assert_eq!(s.accumulators_after.in_scope_past_deductible, m("1000.00"));
}

#[test]
fn s2_level3_cap_reached_mid_bill() {
    let s = run(&with(
        base(),
        json!({"visit": {"type": "inpatient", "level": 3}, "accumulators": {"fund_paid": "1800.00"},
               "items": [{"name": "甲", "amount": "1650.00", "class": "a", "category": "service"}]}),
    ));
    // Deductible 650.00; (1650.00 − 650.00) × 0.50 = 500.00; cap left 2000.00 − 1800.00 = 200.00.
    assert_eq!(s.act_pay_dedc, m("650.00"));
    assert_eq!(s.hifp_pay, m("200.00"));
    assert_eq!(s.psn_part_amt, m("1450.00")); // 1650.00 − 200.00
    assert_eq!(s.accumulators_after.fund_paid, m("2000.00"));
}

#[test]
fn s2_cap_already_used_fund_pays_nothing() {
    let s = run(&with(
        base(),
        json!({"visit": {"type": "inpatient", "level": 3}, "accumulators": {"deductible_met": "650.00", "fund_paid": "2000.00"},
               "items": [{"name": "甲", "amount": "500.00", "class": "a", "category": "service"}]}),
    ));
    assert_eq!(s.hifp_pay, Money::ZERO);
    assert_eq!(s.psn_part_amt, m("500.00"));
}

#[test]
fn s2_beijing_bands_split_at_20000() {
    let s = run(&with(
        base(),
        json!({"patient": {"id": "B", "scheme": "employee", "region": "110000", "enrollment": "active", "retired": true},
               "visit": {"type": "outpatient", "level": 1},
               "accumulators": {"deductible_met": "1300.00", "in_scope_past_deductible": "19500.00"}}),
    ));
    // Retired, community: 500.00 × 0.90 below 20 000 + 500.00 × 0.80 above = 450.00 + 400.00 = 850.00.
    assert_eq!(s.hifp_pay, m("850.00"));
    assert_eq!(s.pool_prop_selfpay, Ratio::parse("0.80").unwrap());
    assert_eq!(s.accumulators_after.in_scope_past_deductible, m("20500.00"));
}

#[test]
fn s2_beijing_in_work_deductible_1800() {
    let s = run(&with(
        base(),
        json!({"patient": {"id": "B", "scheme": "employee", "region": "110000", "enrollment": "active"},
               "accumulators": {"deductible_met": "1000.00"},
               "items": [{"name": "甲", "amount": "3000.00", "class": "a", "category": "drug"}]}),
    ));
    // Deductible left 1800.00 − 1000.00 = 800.00; (3000.00 − 800.00) × 0.70 = 1540.00.
    assert_eq!(s.act_pay_dedc, m("800.00"));
    assert_eq!(s.hifp_pay, m("1540.00"));
}

#[test]
fn s2_no_benefit_rule() {
    let book =
        overlay(json!({"benefits": [{"from": "1900-01-01", "value": [], "grade": "official"}]}));
    let e = run_in(&book, &base()).unwrap_err();
    assert_eq!((e.code, e.field.as_str()), (Code::NoBenefitRule, "visit"));
}

#[test]
fn s3_accumulators_continue_into_the_next_bill() {
    let first = run(&with(
        base(),
        json!({"accumulators": {}, "items": [{"name": "甲", "amount": "200.00", "class": "a", "category": "drug"}]}),
    ));
    // 200.00 all under the deductible: fund 0.00, deductible met 200.00.
    assert_eq!(first.hifp_pay, Money::ZERO);
    let acc = serde_json::to_value(first.accumulators_after).unwrap();
    let second = run(&with(base(), json!({"accumulators": acc})));
    // Left 300.00 − 200.00 = 100.00; (1000.00 − 100.00) × 0.60 = 540.00.
    assert_eq!(second.act_pay_dedc, m("100.00"));
    assert_eq!(second.hifp_pay, m("540.00"));
}

#[test]
fn s4_own_account_then_sharing_then_cash() {
    let s = run(&with(
        base(),
        json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
    ));
    // Fund 1000.00 × 0.60 = 600.00; burden 400.00: own 300.00, sharer 100.00, cash 0.00.
    assert_eq!(s.self_acct_pay, m("300.00"));
    assert_eq!(s.acct_mulaid_pay, m("100.00"));
    assert_eq!(s.acct_pay, m("400.00"));
    assert_eq!(s.psn_cash_pay, Money::ZERO);
    assert_eq!(s.balc, Money::ZERO);
    assert_eq!(s.wallet_commands, [spend("A", "100.00", "T1/1")]);
}

#[test]
fn s4_own_account_last_when_the_region_says_so() {
    let book = overlay(
        json!({"own_account_first": [{"from": "1900-01-01", "value": false, "grade": "official"}]}),
    );
    let s = run_in(
        &book,
        &with(
            base(),
            json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
        ),
    )
    .unwrap();
    // Burden 400.00: sharer first min(400.00, 500.00) = 400.00; own account keeps 300.00.
    assert_eq!(s.acct_mulaid_pay, m("400.00"));
    assert_eq!(s.self_acct_pay, Money::ZERO);
    assert_eq!(s.balc, m("300.00"));
}

#[test]
fn s5_oldest_grant_first_by_default() {
    let funds = [
        fund("A", "300.00", Some("2025-05-01T09:00")),
        fund("C", "300.00", Some("2025-02-01T09:00")),
    ];
    let s = run(&with(base(), json!({"funds": funds})));
    // Burden 400.00: C (granted February) 300.00, then A 100.00.
    assert_eq!(
        s.wallet_commands,
        [spend("C", "300.00", "T1/1"), spend("A", "100.00", "T1/2")]
    );
    assert_eq!(s.mulaid_by_sharer[0].sharer.as_str(), "C");
}

#[test]
fn s5_explicit_order_as_listed() {
    let funds = [
        fund("A", "300.00", Some("2025-05-01T09:00")),
        fund("C", "300.00", Some("2025-02-01T09:00")),
    ];
    let s = run(&with(
        base(),
        json!({"funds": funds, "fund_order": "as_listed"}),
    ));
    assert_eq!(
        s.wallet_commands,
        [spend("A", "300.00", "T1/1"), spend("C", "100.00", "T1/2")]
    );
}

#[test]
fn s5_funds_without_a_grant_time_come_after() {
    let funds = [
        fund("A", "300.00", None),
        fund("C", "300.00", Some("2025-05-01T09:00")),
    ];
    let s = run(&with(base(), json!({"funds": funds})));
    assert_eq!(
        s.wallet_commands,
        [spend("C", "300.00", "T1/1"), spend("A", "100.00", "T1/2")]
    );
}

#[test]
fn s6_non_designated_burden_is_cash() {
    let s = run(&with(
        base(),
        json!({"visit": {"type": "pharmacy", "level": 2, "designated": false}, "own_balance": "300.00",
               "funds": [fund("A", "500.00", None)]}),
    ));
    // The fund pays designated institutions only: 0.00; the whole 1000.00 is cash, totals unchanged.
    assert_eq!(s.hifp_pay, Money::ZERO);
    assert_eq!(s.psn_cash_pay, m("1000.00"));
    assert_eq!(s.accumulators_after, s.accumulators_before);
    assert_eq!(s.acct_pay, Money::ZERO);
    assert!(s.wallet_commands.is_empty());
    assert!(s
        .trace
        .iter()
        .any(|t| t.code.as_deref() == Some("NOT_DESIGNATED")));
}

#[test]
fn s6_non_medical_goods_never_from_accounts() {
    let mut items = base()["items"].clone();
    items.as_array_mut().unwrap().push(
        json!({"name": "保健品", "amount": "100.00", "class": "c", "category": "health_product"}),
    );
    let s = run(&with(
        base(),
        json!({"items": items, "own_balance": "1000.00"}),
    ));
    // Burden 1100.00 − 600.00 = 500.00; 100.00 of goods is cash; own account pays 400.00.
    assert_eq!(s.self_acct_pay, m("400.00"));
    assert_eq!(s.psn_cash_pay, m("100.00"));
}

#[test]
fn s6_full_self_pay_refused_in_shandong() {
    let items = json!([
        {"name": "甲", "amount": "1000.00", "class": "a", "category": "drug"},
        {"name": "丙", "amount": "200.00", "class": "c", "category": "drug"}
    ]);
    let jinan =
        json!({"id": "B", "scheme": "employee", "region": "370100", "enrollment": "active"});
    let s = run(&with(
        base(),
        json!({"items": items, "own_balance": "1000.00", "patient": jinan}),
    ));
    // Burden 1200.00 − 600.00 = 600.00; 200.00 全自费 stays cash in Shandong; own account 400.00.
    assert_eq!(s.self_acct_pay, m("400.00"));
    assert_eq!(s.psn_cash_pay, m("200.00"));
    // Hangzhou allows it: the own account pays all 600.00.
    let s = run(&with(
        base(),
        json!({"items": items, "own_balance": "1000.00"}),
    ));
    assert_eq!(s.self_acct_pay, m("600.00"));
}

#[test]
fn s6_optional_uses_follow_the_region() {
    let items = json!([{"name": "疫苗", "amount": "300.00", "class": "c", "category": "vaccine"}]);
    let visit = json!({"type": "outpatient", "level": 1});
    let shenzhen =
        json!({"id": "B", "scheme": "employee", "region": "440300", "enrollment": "active"});
    let s = run(&with(
        base(),
        json!({"items": items, "visit": visit, "own_balance": "500.00", "patient": shenzhen}),
    ));
    assert_eq!(s.self_acct_pay, m("300.00"));
    let s = run(&with(
        base(),
        json!({"items": items, "visit": visit, "own_balance": "500.00"}),
    ));
    assert_eq!(s.psn_cash_pay, m("300.00"));
}

fn premium(items: Value) -> Value {
    with(
        base(),
        json!({"visit": {"type": "premium"}, "items": items, "accumulators": {}}),
    )
}

#[test]
fn s7_premium_paid_whole_by_the_first_fund_that_covers_it() {
    let items = json!([{"name": "居民医保", "amount": "400.00", "category": "premium"}]);
    let funds = [
        fund("A", "300.00", Some("2025-01-01T09:00")),
        fund("C", "500.00", Some("2025-02-01T09:00")),
    ];
    let s = run(&with(
        premium(items),
        json!({"own_balance": "100.00", "funds": funds}),
    ));
    // Own 100.00 < 400.00, A 300.00 < 400.00, C 500.00 ≥ 400.00: C pays 400.00 whole.
    assert!(s.benefit.is_none());
    assert_eq!(s.hifp_pay, Money::ZERO);
    assert_eq!(s.fulamt_ownpay_amt, m("400.00"));
    assert_eq!(s.wallet_commands, [spend("C", "400.00", "T1/1")]);
    assert_eq!(s.self_acct_pay, Money::ZERO);
    assert_eq!(s.psn_cash_pay, Money::ZERO);
}

#[test]
fn s7_premium_never_paid_in_part() {
    let items = json!([{"name": "居民医保", "amount": "400.00", "category": "premium"}]);
    let funds = [fund("A", "300.00", None), fund("C", "200.00", None)];
    let s = run(&with(
        premium(items),
        json!({"own_balance": "100.00", "funds": funds}),
    ));
    // 100 + 300 + 200 would cover it together, but no single payer does: cash 400.00.
    assert_eq!(s.psn_cash_pay, m("400.00"));
    assert_eq!(s.acct_pay, Money::ZERO);
    assert!(s
        .trace
        .iter()
        .any(|t| t.code.as_deref() == Some("PREMIUM_NOT_FULL")));
}

#[test]
fn s7_two_premiums_each_whole() {
    let items = json!([
        {"name": "居民医保", "amount": "400.00", "category": "premium"},
        {"name": "长护险", "amount": "100.00", "category": "premium"}
    ]);
    let s = run(&with(
        premium(items),
        json!({"own_balance": "450.00", "funds": [fund("A", "300.00", None)]}),
    ));
    // 400.00 from own (450.00 → 50.00); 100.00: own 50.00 too little, A pays it.
    assert_eq!(s.self_acct_pay, m("400.00"));
    assert_eq!(s.acct_mulaid_pay, m("100.00"));
    assert_eq!(s.balc, m("50.00"));
}

#[test]
fn s8_fund_sum_includes_acct_where_the_region_counts_it() {
    let book = overlay(
        json!({"fund_sum_includes_acct": [{"from": "1900-01-01", "value": true, "grade": "official"}]}),
    );
    let s = run_in(
        &book,
        &with(
            base(),
            json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
        ),
    )
    .unwrap();
    // 600.00 + accounts 400.00 = 1000.00; the burden stays 400.00.
    assert_eq!(s.fund_pay_sumamt, m("1000.00"));
    assert_eq!(s.psn_part_amt, m("400.00"));
    assert!(s.fund_sum_includes_acct);
}

#[test]
fn s8_identities_hold() {
    let s = run(&with(
        base(),
        json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
    ));
    assert_eq!(s.verify(), Ok(()));
    assert_eq!(s.fund_pay_sumamt, m("600.00"));
    assert_eq!(s.hosp_part_amt, Money::ZERO);
}

#[test]
fn s9_reverse_gives_back_everything() {
    let s = run(&with(
        base(),
        json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
    ));
    let r = reverse(&PolicyBook::embedded(), &s).unwrap();
    // Deltas, not balances: the own account gets back what it paid, the totals lose what this bill added.
    assert_eq!(r.own_account_back, m("300.00"));
    assert_eq!(r.own_account_back, s.self_acct_pay);
    assert_eq!(r.accumulators_decrement.fund_paid, m("600.00"));
    assert_eq!(r.accumulators_decrement.deductible_met, s.act_pay_dedc);
    assert_eq!(
        r.wallet_commands,
        [LedgerCommand::Refund {
            reference: "T1/1".into()
        }]
    );
    assert_eq!((r.hifp_pay, r.acct_mulaid_pay), (m("600.00"), m("100.00")));
}

#[test]
fn s9_tampered_settlement_is_refused() {
    let mut s = run(&with(
        base(),
        json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
    ));
    s.hifp_pay = m("601.00");
    let e = reverse(&PolicyBook::embedded(), &s).unwrap_err();
    assert_eq!(e.code, Code::SettlementInvalid);
    let mut s = run(&with(
        base(),
        json!({"own_balance": "300.00", "funds": [fund("A", "500.00", None)]}),
    ));
    s.wallet_commands.clear();
    assert_eq!(
        reverse(&PolicyBook::embedded(), &s).unwrap_err().field,
        "wallet_commands"
    );
}

#[test]
fn s1_bad_items_name_their_field() {
    let b = |item: Value| with(base(), json!({"items": [item]}));
    let cases = [
        (
            json!({"name": "乙", "amount": "1.00", "class": "b", "category": "drug"}),
            Code::ItemRatioMissing,
            "items[0].preselfpay_ratio",
        ),
        (
            json!({"name": "甲", "amount": "1.00", "class": "a", "preselfpay_ratio": "0.1", "category": "drug"}),
            Code::ItemRatioNotAllowed,
            "items[0].preselfpay_ratio",
        ),
        (
            json!({"name": "丙", "amount": "1.00", "class": "c", "price_limit": "1.00", "category": "drug"}),
            Code::ItemLimitNotAllowed,
            "items[0].price_limit",
        ),
        (
            json!({"name": "保健品", "amount": "1.00", "class": "a", "category": "health_product"}),
            Code::ItemClassInvalid,
            "items[0].class",
        ),
        (
            json!({"name": "缴费", "amount": "1.00", "category": "premium"}),
            Code::ItemCategoryInvalid,
            "items[0].category",
        ),
        (
            json!({"name": "甲", "amount": "1.00", "category": "drug"}),
            Code::MissingField,
            "items[0].class",
        ),
        (
            json!({"name": "甲", "amount": "-1.00", "class": "a", "category": "drug"}),
            Code::AmountNegative,
            "items[0].amount",
        ),
        (
            json!({"name": "乙", "amount": "1.00", "class": "b", "preselfpay_ratio": "1.5", "category": "drug"}),
            Code::RatioOutOfRange,
            "items[0].preselfpay_ratio",
        ),
    ];
    for (item, code, field) in cases {
        assert_eq!(err(&b(item)), (code, field.into()));
    }
}

#[test]
fn s2_bad_visits_name_their_field() {
    assert_eq!(
        err(&with(
            base(),
            json!({"visit": {"type": "outpatient", "level": 4}})
        )),
        (Code::LevelInvalid, "visit.level".into())
    );
    assert_eq!(
        err(&with(base(), json!({"visit": {"type": "outpatient"}}))),
        (Code::MissingField, "visit.level".into())
    );
    assert_eq!(
        err(&with(
            base(),
            json!({"visit": {"type": "dental", "level": 1}})
        ))
        .0,
        Code::UnknownValue
    );
    assert_eq!(
        err(&with(base(), json!({"items": []}))),
        (Code::ItemsEmpty, "items".into())
    );
}

#[test]
fn s1_too_many_items() {
    let item = json!({"name": "甲", "amount": "1.00", "class": "a", "category": "drug"});
    let items: Vec<Value> = (0..=MAX_ITEMS).map(|_| item.clone()).collect();
    assert_eq!(
        err(&with(base(), json!({"items": items}))),
        (Code::TooMany, "items".into())
    );
}

#[test]
fn s5_bad_funds_name_their_field() {
    let dup = [fund("A", "1.00", None), fund("A", "2.00", None)];
    assert_eq!(
        err(&with(base(), json!({"funds": dup}))),
        (Code::FundDuplicate, "funds[1].sharer".into())
    );
    assert_eq!(
        err(&with(base(), json!({"funds": [fund("B", "1.00", None)]}))),
        (Code::SamePerson, "funds[0].sharer".into())
    );
}

#[test]
fn e3_patient_must_be_insured() {
    let p = json!({"id": "B", "scheme": "employee", "region": "330100", "enrollment": "suspended"});
    assert_eq!(
        err(&with(base(), json!({"patient": p}))),
        (Code::BeneficiaryNotInsured, "patient.enrollment".into())
    );
}

#[test]
fn e10_explain_false_same_amounts_no_trace() {
    // Base bill with a class-B line over its limit, a fund and a non-medical line, so that every kind of
    // step (S-1 split, S-2, S-5, S-6 restriction) would be traced.
    // Hand check of the amounts: items 1000.00 (a) + 600.00 (b, limit 500.00, 10 %) + 50.00 (health product, c).
    // b: over the limit 600.00 − 500.00 = 100.00; pre-self-pay 500.00 × 0.10 = 50.00; in scope 450.00.
    // In scope 1000.00 + 450.00 = 1450.00; fund (deductible met) 1450.00 × 0.60 = 870.00.
    // Burden 1650.00 − 870.00 = 780.00; accounts may not pay the 50.00 health product: 730.00 payable,
    // all from S1's 2000.00 quota; cash 50.00.
    let v = with(
        base(),
        json!({
            "items": [
                {"name": "甲药", "amount": "1000.00", "class": "a", "category": "drug"},
                {"name": "乙药", "amount": "600.00", "class": "b", "preselfpay_ratio": "0.10", "price_limit": "500.00", "category": "drug"},
                {"name": "保健品", "amount": "50.00", "class": "c", "category": "health_product"}
            ],
            "funds": [fund("S1", "2000.00", Some("2025-06-01T09:00"))]
        }),
    );
    let explained = run(&v);
    let quiet = run(&with(v, json!({"explain": false})));
    assert!(quiet.trace.is_empty());
    assert!(explained.trace.len() >= 8, "{:?}", explained.trace);
    assert!(explained
        .trace
        .iter()
        .any(|s| s.code.as_deref() == Some("ACCOUNT_NOT_ALLOWED")));
    assert_eq!(
        Settlement {
            trace: Vec::new(),
            ..explained
        },
        quiet
    );
    assert_eq!(quiet.hifp_pay, m("870.00"));
    assert_eq!(quiet.acct_mulaid_pay, m("730.00"));
    assert_eq!(quiet.psn_cash_pay, m("50.00"));
    // The unexplained settlement is a settlement like any other: it verifies and reverses (S-9).
    quiet.verify().unwrap();
    let r = reverse(&PolicyBook::embedded(), &quiet).unwrap();
    assert_eq!(r.acct_mulaid_pay, m("730.00"));
}

/// The reference check's ASCII shortcut decides exactly as the one id rule (`person::valid_id`, 60).
#[test]
fn reference_check_agrees_with_the_id_rule() {
    let long = "R".repeat(MAX_REFERENCE);
    let too_long = "R".repeat(MAX_REFERENCE + 1);
    let cases = [
        "JN-2025-0702-BENCH",
        "a",
        "a b",
        "~!@#$%^&*()_+{}|:<>?",
        long.as_str(),
        too_long.as_str(),
        "",
        " ",
        " a",
        "a ",
        "a\tb",
        "a\nb",
        "a\u{7f}b",
        "医保-1",
        "a\u{200b}b",
        "a\u{3000}",
    ];
    for r in cases {
        let by_rule = crate::person::valid_id(r, MAX_REFERENCE);
        assert_eq!(check_reference(r, "reference").is_ok(), by_rule, "{r:?}");
    }
}

/// S-1, S-8: a line whose parts do not add up, or a column that does not add up to its total, is named.
#[test]
fn s8_tampered_items_name_their_field() {
    let s = run(&base());
    let mut line = s.clone();
    line.items[0].inscp_scp_amt = m("0.01");
    let e = line.verify().unwrap_err();
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::SettlementInvalid, "items[0].amount")
    );
    let mut column = s.clone();
    column.items[0].amount = m("0.01");
    column.items[0].inscp_scp_amt = m("0.01");
    column.items[0].fulamt_ownpay_amt = m("0.00");
    column.items[0].overlmt_selfpay = m("0.00");
    column.items[0].preselfpay_amt = m("0.00");
    let e = column.verify().unwrap_err();
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::SettlementInvalid, "medfee_sumamt")
    );
    let mut max = s;
    max.items[0].inscp_scp_amt = Money::from_fen(99_999_999_999).unwrap();
    let e = max.verify().unwrap_err();
    assert_eq!(e.field, "items[0].amount");
}
