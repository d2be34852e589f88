//! The oracles pass what the core produces and refuse what breaks a rule: a settlement a fen off (S-8), a
//! quota holding more than was granted, a quota left on an ended relationship (E-9).

use std::panic::{catch_unwind, AssertUnwindSafe};

use gongji_core::eligibility::Mode;
use gongji_core::json::parse_doc;
use gongji_core::wallet::{Command, RelationshipStatus, WalletState};
use gongji_core::{settle, DateTime, Kinship, Money, Person, SettleRequest};
use gongji_testing::{
    book, check_settlement, identities, ledger_sound, ledger_total, pid, step, step_flow,
};

/// A resident parent's outpatient bill, 30.00 of it from a child's wallet quota (tests/vectors/settle/stage_b.json).
const BILL: &str = r#"{"reference":"V-B20","estimate":true,"date":"2025-07-01","patient":{"id":"B","scheme":"resident","region":"330100","enrollment":"active"},"visit":{"type":"outpatient","level":1},"items":[{"name":"甲类药","amount":"100.00","class":"a","category":"drug"}],"accumulators":{},"funds":[{"sharer":"A","mode":"wallet","available":"50.00","granted_at":"2025-06-01T10:00"}]}"#;

fn fen(f: u64) -> Money {
    Money::from_fen(f).unwrap()
}

fn panics(f: impl FnOnce()) -> bool {
    catch_unwind(AssertUnwindSafe(f)).is_err()
}

#[test]
fn s8_s9_a_settled_bill_passes_and_a_fen_off_does_not() {
    let req: SettleRequest = parse_doc(BILL).unwrap();
    let s = settle(book(), &req).unwrap();
    assert!(
        !s.acct_mulaid_pay.is_zero(),
        "the bill should draw on the quota"
    );
    identities(&s);
    for tamper in 0..8 {
        assert_eq!(
            check_settlement(book(), &req, Ok(s.clone()), tamper),
            Some(s.clone())
        );
    }
    let mut off = s.clone();
    off.psn_cash_pay = off.psn_cash_pay.checked_add(fen(1)).unwrap();
    assert!(panics(|| identities(&off)), "cash one fen over");
    let mut off = s.clone();
    off.mulaid_by_sharer[0].amount = off.mulaid_by_sharer[0].amount.checked_add(fen(1)).unwrap();
    assert!(panics(|| identities(&off)), "a sharer's part one fen over");
}

/// Two relatives in Jinan (virtual quota): A grants 100.00 to B.
fn granted() -> (WalletState, DateTime) {
    let now: DateTime = "2025-06-01T08:00".parse().unwrap();
    let mut s = WalletState::default();
    for (id, balance) in [("A", 500_000), ("B", 0)] {
        let person: Person = parse_doc(&format!(
            r#"{{"id":"{id}","scheme":"employee","region":"370100","enrollment":"active","wallet_opened":true}}"#
        ))
        .unwrap();
        let c = Command::RegisterPerson {
            person,
            balance: fen(balance),
            current_year_credits: Money::ZERO,
        };
        s = step(book(), &s, &c, now).unwrap();
    }
    let c = Command::Establish {
        sharer: pid("A"),
        beneficiary: pid("B"),
        kinship: Kinship::Parent,
        mode: Mode::Wallet,
        commitment_signed: true,
    };
    s = step(book(), &s, &c, now).unwrap();
    let relationship = s.relationships[0].id.clone();
    let c = Command::Grant {
        relationship,
        amount: fen(10_000),
    };
    (step(book(), &s, &c, now).unwrap(), now)
}

#[test]
fn ledger_money_is_counted_outside_the_core() {
    let (s, _) = granted();
    // 5000.00 registered: 4900.00 on A's account and 100.00 in B's quota.
    assert_eq!(ledger_total(&s), 500_000);
    assert_eq!(s.accounts[0].balance, fen(490_000));
    assert_eq!(s.quotas[0].amount, fen(10_000));
    ledger_sound(&s);
}

#[test]
fn q1_e9_an_overfull_quota_or_one_left_on_an_ended_relationship_is_caught() {
    let (s, _) = granted();
    let mut over = s.clone();
    over.quotas[0].amount = over.quotas[0].granted.checked_add(fen(1)).unwrap();
    assert!(panics(|| ledger_sound(&over)), "a quota above its grant");
    let mut ended = s.clone();
    ended.relationships[0].status = RelationshipStatus::Dissolved;
    assert!(
        panics(|| ledger_sound(&ended)),
        "a quota on a dissolved relationship"
    );
}

#[test]
fn q2_a_spend_is_checked_and_conserves_money() {
    let (s, now) = granted();
    let c = Command::Spend {
        sharer: pid("A"),
        beneficiary: pid("B"),
        amount: fen(2_500),
        reference: "X".into(),
        visit_type: None,
        institution: None,
    };
    let spent = step(book(), &s, &c, now).unwrap();
    // Q-9: the 25.00 spent has left the ledger (the `spent` event tells it): 5000.00 − 25.00 = 4975.00.
    assert_eq!(ledger_total(&spent), 497_500);
    assert_eq!(spent.quotas[0].amount, fen(7_500));
}

#[test]
fn q9_flow_follows_money_out_and_back_through_the_events() {
    let (s, now) = granted();
    let spend = Command::Spend {
        sharer: pid("A"),
        beneficiary: pid("B"),
        amount: fen(2_500),
        reference: "X".into(),
        visit_type: None,
        institution: None,
    };
    let (spent, out) = step_flow(book(), &s, &spend, now).unwrap();
    assert_eq!(out, -2_500, "25.00 left");
    let refund = Command::Refund {
        reference: "X".into(),
    };
    let (back, moved) = step_flow(book(), &spent, &refund, now).unwrap();
    assert_eq!(moved, 2_500, "25.00 came back");
    assert_eq!(ledger_total(&back), 500_000);
}
