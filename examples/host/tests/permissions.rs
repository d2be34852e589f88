//! Who may issue what (docs/host.md): only the sharer grants, revokes and transfers his quota (Q-1, Q-3,
//! Q-5), either party dissolves (E-9), only the beneficiary accepts a transfer, only a settlement role
//! settles and reverses (S-14, S-9) and feeds the accounts; a person reads only what concerns them.
//! Every refusal leaves the ledger and the command ids as they were.

mod common;

use common::*;
use gongji_host::family::*;
use serde_json::{json, Value};

/// Tries `cmd` as each of `refused` (403, nothing changed, the command id not kept), then as `allowed`.
fn only(f: &Fixture, cmd: &Value, refused: &[&str], allowed: Option<&str>) -> Option<Value> {
    for actor in refused {
        let before = f.snapshot("f1");
        let id = unique("c");
        let r = f.send("f1", actor, &id, cmd);
        assert_eq!(r.status, 403, "{cmd} as {actor}: {}", r.body);
        assert_eq!(body(&r)["code"], "FORBIDDEN");
        assert_eq!(
            f.snapshot("f1"),
            before,
            "{cmd} as {actor} changed the ledger"
        );
        assert_eq!(f.store.result("f1", &id).unwrap(), None);
    }
    allowed.map(|actor| f.ok("f1", actor, cmd))
}

#[test]
fn the_permissions_matrix() {
    let f = fixture();
    f.family("f1");
    let h = HOSPITAL;
    only(&f, &grant(WALLET_REL, "1000.00"), &["b", "c", h], Some("a"));
    only(&f, &revoke(WALLET_REL, "10.00"), &["b", "c", h], Some("a"));
    only(&f, &settle("b", "100.00"), &["a", "b", "c"], Some(h));
    let bill = format!("B{}", f.snapshot("f1").0);
    only(&f, &reverse(&bill), &["a", "b", "c"], Some(h));
    only(&f, &credit("a", "100.00"), &["a", "b", "c"], Some(h));
    only(
        &f,
        &register("d", "resident", "0.00", false),
        &["a", "b"],
        Some(h),
    );
    let review = json!({"type": "review", "args": {"relationship": "R1", "approved": true}});
    only(&f, &review, &["a", "b"], None);
    let change =
        json!({"type": "insurance_changed", "args": {"person": "c", "change": "terminated"}});
    only(&f, &change, &["a", "c"], None);
    only(&f, &json!({"type": "open_wallet"}), &[h], Some("c"));
    only(&f, &establish("d", "child", "in_province"), &[h], None);
    // Either party dissolves; not a third person, not the hospital.
    only(&f, &dissolve(IN_PROVINCE_REL), &["b", h], Some("c"));
    only(&f, &dissolve(WALLET_REL), &["c", h], Some("a"));
}

/// Q-5 (b): Shanghai used transfers in 2025: only the sharer sends, only the beneficiary accepts.
#[test]
fn only_the_sharer_transfers_and_only_the_beneficiary_accepts() {
    let f = fixture();
    let sh = |id: &str, scheme: &str, balance: &str| {
        let mut r = register(id, scheme, balance, true);
        r["args"]["person"]["region"] = json!("310000");
        f.ok("f1", HOSPITAL, &r);
    };
    sh("a", "employee", "5000.00");
    sh("b", "resident", "0.00");
    sh("c", "resident", "0.00");
    f.ok("f1", "a", &establish("b", "parent", "wallet"));
    let sent = only(
        &f,
        &transfer(WALLET_REL, "50.00"),
        &["b", "c", HOSPITAL],
        Some("a"),
    )
    .unwrap();
    let t = sent["events"][0]["transfer"].as_str().unwrap().to_string();
    only(&f, &accept(&t), &["a", "c", HOSPITAL], Some("b"));
}

#[test]
fn a_person_reads_only_what_concerns_them() {
    let f = fixture();
    f.family("f1");
    f.ok("f1", "a", &grant(WALLET_REL, "300.00"));
    f.ok("f1", HOSPITAL, &settle("c", "100.00"));
    let h = f.claims(HOSPITAL, "f1");
    assert_eq!(f.host.statement("f1", &h, None).status, 403);
    assert_eq!(f.host.events("f1", &h).status, 403);
    // c sees his own registration, his relationship and his bill, not b's quota.
    let c = body(&f.host.events("f1", &f.claims("c", "f1")));
    let text = c.to_string();
    assert!(text.contains("\"patient\":\"c\""), "{c:#}");
    assert!(!text.contains("quota_granted"), "{c:#}");
    assert!(!text.contains("\"person\":\"b\""), "{c:#}");
    // b's statement has his quota from a and nothing of c's.
    let b = body(&f.host.statement("f1", &f.claims("b", "f1"), Some(2025)));
    assert!(b.to_string().contains("\"granted\":\"300.00\""), "{b:#}");
    assert!(!b.to_string().contains("\"beneficiary\":\"c\""), "{b:#}");
}

async fn get(f: &Fixture, path: &str, actor: &str) -> (u16, serde_json::Value) {
    use axum::body::Body;
    use axum::http::Request;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = Request::get(path)
        .header("authorization", format!("Bearer {}", f.token(actor, "f1")))
        .body(Body::empty())
        .unwrap();
    let res = gongji_host::http::router(f.host.clone())
        .oneshot(req)
        .await
        .unwrap();
    let status = res.status().as_u16();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn statements_and_histories_over_http() {
    let f = fixture();
    f.family("f1");
    f.ok("f1", "a", &grant(WALLET_REL, "250.00"));
    let (s, st) = get(&f, "/ledgers/f1/statement?year=2025", "b").await;
    assert_eq!(s, 200, "{st}");
    assert!(st.to_string().contains("\"granted\":\"250.00\""), "{st:#}");
    // Another year: nothing granted in it.
    let (s, st) = get(&f, "/ledgers/f1/statement?year=2024", "b").await;
    assert_eq!(s, 200);
    assert!(!st.to_string().contains("250.00"), "{st:#}");
    assert_eq!(get(&f, "/ledgers/f1/statement?year=x", "b").await.0, 400);
    assert_eq!(get(&f, "/ledgers/f1/statement", HOSPITAL).await.0, 403);
    let (s, ev) = get(&f, "/ledgers/f1/events", "b").await;
    assert_eq!(s, 200);
    assert!(ev.to_string().contains("quota_granted"), "{ev:#}");
    assert_eq!(get(&f, "/ledgers/f1/events", HOSPITAL).await.0, 403);
}
