//! The worked flow of docs/host.md on SQLite: the family, a grant retried with its command id, a bill
//! settled with a host-assigned reference, reversed once, and the year's statement (T-1).

mod common;

use common::*;
use gongji_host::family::*;
use serde_json::json;

#[test]
fn the_family_settles_with_the_quota_and_reverses_once() {
    let f = fixture();
    f.family("f1");
    // a grants b 1000.00; the response is lost and the app retries c-17: granted once.
    let first = f.send("f1", "a", "c-17", &grant(WALLET_REL, "1000.00"));
    let again = f.send("f1", "a", "c-17", &grant(WALLET_REL, "1000.00"));
    assert_eq!((first.status, &first.body), (200, &again.body));
    let granted = f
        .store
        .events("f1")
        .unwrap()
        .iter()
        .filter(|e| e.event.contains("quota_granted"))
        .count();
    assert_eq!(granted, 1);
    // S-14: the hospital settles b's bill of 200.00; the reference is the host's (B + the new version).
    let settled = f.ok("f1", HOSPITAL, &settle("b", "200.00"));
    let version = settled["version"].as_i64().unwrap();
    let reference = format!("B{version}");
    let s = &settled["events"].as_array().unwrap().last().unwrap()["settlement"];
    assert_eq!(s["reference"], reference.as_str());
    // Outpatient, 200.00 class A: deductible 300.00 not met, the personal part is all 200.00 and b's own
    // account holds 0.00, so the quota pays 200.00 (S-5) as spend {reference}/1 at the hospital.
    assert_eq!(s["acct_mulaid_pay"], "200.00");
    assert_eq!(
        s["mulaid_by_sharer"][0]["reference"],
        format!("{reference}/1")
    );
    // S-9: reversed once; the second is the core's refusal, stored under its own command id.
    f.ok("f1", HOSPITAL, &reverse(&reference));
    let r = f.send("f1", HOSPITAL, &unique("c"), &reverse(&reference));
    assert_eq!(
        (r.status, body(&r)["code"].as_str()),
        (422, Some("SETTLEMENT_ALREADY_REVERSED"))
    );
    // T-1: b's statement for 2025: granted 1000.00, spent 200.00 at H440300001, refunded 200.00.
    let claims = f.claims("b", "f1");
    let st = body(&f.host.statement("f1", &claims, Some(2025)));
    let text = st.to_string();
    assert!(text.contains("\"granted\":\"1000.00\""), "{st:#}");
    assert!(text.contains("\"spent\":\"200.00\""), "{st:#}");
    assert!(text.contains("\"refunded\":\"200.00\""), "{st:#}");
    assert!(text.contains("H440300001"), "{st:#}");
}

#[test]
fn a_client_cannot_send_a_state_a_reference_a_time_or_an_actor() {
    let f = fixture();
    f.family("f1");
    let before = f.snapshot("f1");
    let mut bill = settle("b", "10.00");
    bill["args"]["reference"] = json!("MINE");
    let mut accept_as = accept("T9");
    accept_as["args"]["by"] = json!("b");
    let mut dissolve_as = dissolve(WALLET_REL);
    dissolve_as["args"]["by"] = json!("b");
    let mut late = grant(WALLET_REL, "1.00");
    late["now"] = json!("2030-01-01T00:00");
    let cases = [
        (HOSPITAL, bill),
        ("b", accept_as),
        ("a", dissolve_as),
        ("a", late),
        ("a", json!({"type": "apply", "args": {"state": {}}})),
        (
            "a",
            json!({"type": "spend", "args": {"sharer": "a", "beneficiary": "b", "amount": "1.00", "reference": "X"}}),
        ),
    ];
    for (actor, cmd) in cases {
        let r = f.send("f1", actor, &unique("c"), &cmd);
        assert_eq!(r.status, 400, "{cmd}: {}", r.body);
        assert_eq!(body(&r)["code"], "COMMAND_INVALID");
    }
    // A body with a state beside the command: refused the same way.
    let c = f.claims("a", "f1");
    let r = f.host.command(
        "f1",
        &c,
        &json!({"command_id": "x", "command": grant(WALLET_REL, "1.00"), "state": {}}).to_string(),
    );
    assert_eq!(r.status, 400);
    assert_eq!(f.snapshot("f1"), before);
}
