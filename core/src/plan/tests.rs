//! Unit tests of the planner (PL-1); the worked cases are the vectors in tests/vectors/plan.

use super::*;
use crate::json::parse_doc;
use crate::money::Money;

fn m(s: &str) -> Money {
    s.parse().unwrap()
}

const ONE_PARENT: &str = r#"{"year": 2026, "estimate": true,
 "sharers": [{"person": {"id":"S","scheme":"employee","region":"110000","enrollment":"active","wallet_opened":true}, "balance":"5000.00"}],
 "family": [{"person": {"id":"F","scheme":"resident","region":"370000","enrollment":"active","wallet_opened":true}, "kinship":"parent","mode":"wallet"}],
 "care": [{"patient":"F","every_month":true,"visit":{"type":"outpatient","level":1},"items":[{"name":"drug","amount":"100.00","class":"a","category":"drug"}]}],
 "premiums": [{"person":"F","month":12,"amount":"380.00"}]}"#;

/// PL-1: 12 × (100.00 − 65 % × 100.00) + 380.00 = 800.00 granted, month by month; no cash.
#[test]
fn pl1_monthly_drug_and_premium_granted_just_in_time() {
    let req: PlanRequest = parse_doc(ONE_PARENT).unwrap();
    let p = plan(&PolicyBook::embedded(), &req).unwrap();
    assert_eq!(p.grants.len(), 12);
    assert_eq!(p.grants[0].amount, m("35.00"));
    assert_eq!(p.grants[11].amount, m("415.00"));
    let e = &p.scenarios[0];
    assert_eq!(e.scenario, ScenarioKind::Expected);
    assert_eq!(e.totals.granted, m("800.00"));
    assert_eq!(e.totals.paid.cash, m("0.00"));
    assert_eq!(e.cash_without_sharing, m("800.00"));
    assert_eq!(e.cash_avoided, m("800.00"));
    assert!(p.warnings.is_empty());
}

/// PL-1 what-if: one grant of 500.00 in January covers the drugs until it runs out.
#[test]
fn pl1_what_if_single_grant() {
    let mut req: PlanRequest = parse_doc(ONE_PARENT).unwrap();
    req.grants = Some(alloc::vec![GrantPlanned {
        relative: "F".parse().unwrap(),
        month: 1,
        amount: m("500.00"),
    }]);
    let p = plan(&PolicyBook::embedded(), &req).unwrap();
    assert!(p.what_if);
    let e = &p.scenarios[0];
    // 11 × 35.00 = 385.00 by November; 115.00 left cannot pay the 380.00 premium whole (S-7): cash
    // 380.00, then December's drug 35.00 from the quota: 80.00 unspent.
    assert_eq!(e.totals.paid.family, m("420.00"));
    assert_eq!(e.totals.paid.cash, m("380.00"));
    assert_eq!(e.totals.unspent, m("80.00"));
}
