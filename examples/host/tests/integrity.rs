//! Idempotency by command id, optimistic concurrency on the version, and the tokens: forged, expired,
//! replayed, for another ledger, missing. Every refusal leaves the ledger as it was.

mod common;

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use gongji_host::auth::{Claims, Role, Signer};
use gongji_host::family::*;
use gongji_host::store::{
    Commit, Loaded, Outcome, Result, Store, StoredCommand, StoredEvent, StoredResult,
};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

fn quota_events(f: &Fixture) -> usize {
    f.store
        .events("f1")
        .unwrap()
        .iter()
        .filter(|e| e.event.contains("quota_granted"))
        .count()
}

#[test]
fn a_repeated_command_id_returns_the_first_result_and_acts_once() {
    let f = fixture();
    f.family("f1");
    let first = f.send("f1", "a", "c-17", &grant(WALLET_REL, "1000.00"));
    let v = f.snapshot("f1");
    for _ in 0..3 {
        let again = f.send("f1", "a", "c-17", &grant(WALLET_REL, "1000.00"));
        assert_eq!(again, first);
    }
    assert_eq!(f.snapshot("f1"), v);
    assert_eq!(quota_events(&f), 1);
    // The same id for another command, or by another actor: refused (409), nothing changed.
    let other = f.send("f1", "a", "c-17", &grant(WALLET_REL, "1.00"));
    assert_eq!(
        (other.status, body(&other)["code"].as_str()),
        (409, Some("COMMAND_ID_REUSED"))
    );
    let thief = f.send("f1", "b", "c-17", &grant(WALLET_REL, "1000.00"));
    assert_eq!(thief.status, 409);
    // A settlement system whose id happens to be "a" is another actor too.
    let mut same_name = f.claims("a", "f1");
    same_name.role = Role::Settlement;
    let body = json!({"command_id": "c-17", "command": grant(WALLET_REL, "1000.00")}).to_string();
    assert_eq!(f.host.command("f1", &same_name, &body).status, 409);
    assert_eq!(f.snapshot("f1"), v);
}

#[test]
fn a_refusal_is_kept_under_its_command_id_and_changes_nothing() {
    let f = fixture();
    f.family("f1");
    let before = f.snapshot("f1");
    // a has 5000.00; shareable is less than 9000.00: the core refuses.
    let r = f.send("f1", "a", "c-big", &grant(WALLET_REL, "9000.00"));
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(f.snapshot("f1"), before);
    // Money arrives; the retry of the same user action still gets the first answer (it did not act).
    f.ok("f1", HOSPITAL, &credit("a", "10000.00"));
    assert_eq!(f.send("f1", "a", "c-big", &grant(WALLET_REL, "9000.00")), r);
    assert_eq!(quota_events(&f), 0);
}

/// A store that lets another writer in between a command's read and its write, once.
struct Interfering {
    inner: Arc<dyn Store>,
    hook: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    conflicts: Mutex<usize>,
}

impl Store for Interfering {
    fn load(&self, l: &str) -> Result<Option<Loaded>> {
        self.inner.load(l)
    }
    fn result(&self, l: &str, id: &str) -> Result<Option<StoredResult>> {
        self.inner.result(l, id)
    }
    fn commit(&self, c: &Commit) -> Result<Outcome> {
        let hook = self.hook.lock().unwrap().take();
        if let Some(h) = hook {
            h();
        }
        let out = self.inner.commit(c)?;
        if out == Outcome::Conflict {
            *self.conflicts.lock().unwrap() += 1;
        }
        Ok(out)
    }
    fn use_nonce(&self, n: &str, e: i64, now: i64) -> Result<bool> {
        self.inner.use_nonce(n, e, now)
    }
    fn events(&self, l: &str) -> Result<Vec<StoredEvent>> {
        self.inner.events(l)
    }
    fn commands(&self, l: &str) -> Result<Vec<StoredCommand>> {
        self.inner.commands(l)
    }
    fn ledgers(&self) -> Result<Vec<String>> {
        self.inner.ledgers()
    }
}

#[test]
fn a_conflict_on_the_version_is_retried_from_the_fresh_state() {
    let plain = fixture();
    plain.family("f1");
    let db = plain.store.clone();
    let interfering = Arc::new(Interfering {
        inner: db.clone(),
        hook: Mutex::new(None),
        conflicts: Mutex::new(0),
    });
    let dir = TempDir(std::env::temp_dir().join(unique("unused")));
    let f = fixture_on(interfering.clone(), dir);
    // Between f's read and its write, another host grants 400.00 on the same ledger.
    let other = plain.host.clone();
    let claims = plain.claims("a", "f1");
    *interfering.hook.lock().unwrap() = Some(Box::new(move || {
        let r = other.command(
            "f1",
            &claims,
            &json!({"command_id": "other", "command": grant(WALLET_REL, "400.00")}).to_string(),
        );
        assert_eq!(r.status, 200, "{}", r.body);
    }));
    let v = plain.snapshot("f1").0;
    let r = f.ok("f1", "a", &grant(WALLET_REL, "600.00"));
    assert_eq!(*interfering.conflicts.lock().unwrap(), 1);
    // Both acted, in order, each once: no lost update.
    assert_eq!(r["version"], v + 2);
    let state: serde_json::Value =
        serde_json::from_str(&db.load("f1").unwrap().unwrap().state).unwrap();
    let quotas: Vec<&str> = state["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["amount"].as_str().unwrap())
        .collect();
    assert_eq!(quotas, ["400.00", "600.00"], "{state:#}");
}

#[test]
fn concurrent_commands_on_one_ledger_lose_no_update() {
    let f = fixture();
    f.family("f1");
    let v = f.snapshot("f1").0;
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..5 {
                    f.ok("f1", "a", &grant(WALLET_REL, "10.00"));
                }
            });
        }
    });
    assert_eq!(f.snapshot("f1").0, v + 40);
    assert_eq!(quota_events(&f), 40);
}

async fn call(
    f: &Fixture,
    ledger: &str,
    token: Option<String>,
    cmd: serde_json::Value,
) -> (StatusCode, String) {
    let mut req = Request::post(format!("/ledgers/{ledger}/commands"));
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let body = json!({"command_id": unique("c"), "command": cmd}).to_string();
    let res = gongji_host::http::router(f.host.clone())
        .oneshot(req.body(Body::from(body)).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    (
        status,
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["code"]
            .as_str()
            .unwrap_or("")
            .into(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_expired_replayed_and_misdirected_tokens_are_refused() {
    let f = fixture();
    f.family("f1");
    let before = f.snapshot("f1");
    let g = || grant(WALLET_REL, "100.00");
    // No token, garbage, another key, a person's claims re-signed as a settlement role.
    assert_eq!(
        call(&f, "f1", None, g()).await,
        (StatusCode::UNAUTHORIZED, "TOKEN_MISSING".into())
    );
    assert_eq!(
        call(&f, "f1", Some("x.y".into()), g()).await.1,
        "TOKEN_INVALID"
    );
    let stranger = Signer::new(&[9; 32]).unwrap().sign(&f.claims("a", "f1"));
    assert_eq!(call(&f, "f1", Some(stranger), g()).await.1, "TOKEN_INVALID");
    let real = f.token("a", "f1");
    let mut claims: Claims = f.claims("a", "f1");
    claims.role = Role::Settlement;
    let forged_body = f.host.signer.sign(&claims);
    let forged = format!(
        "{}.{}",
        forged_body.split('.').next().unwrap(),
        real.split('.').nth(1).unwrap()
    );
    assert_eq!(call(&f, "f1", Some(forged), g()).await.1, "TOKEN_INVALID");
    // Expired: the host's clock moved past it.
    let old = f.token("a", "f1");
    f.clock.advance(601);
    assert_eq!(
        call(&f, "f1", Some(old), g()).await,
        (StatusCode::UNAUTHORIZED, "TOKEN_EXPIRED".into())
    );
    // For another ledger: 403.
    let other = f.token("a", "f2");
    assert_eq!(
        call(&f, "f1", Some(other), g()).await,
        (StatusCode::FORBIDDEN, "TOKEN_WRONG_LEDGER".into())
    );
    assert_eq!(f.snapshot("f1"), before);
    // A good token acts once; the same token again (a replayed request) is refused, even with a new id.
    let t = f.token("a", "f1");
    assert_eq!(call(&f, "f1", Some(t.clone()), g()).await.0, StatusCode::OK);
    let after = f.snapshot("f1");
    assert_eq!(
        call(&f, "f1", Some(t), g()).await,
        (StatusCode::UNAUTHORIZED, "TOKEN_REPLAYED".into())
    );
    assert_eq!(f.snapshot("f1"), after);
}
