//! A host on a fresh SQLite file with a manual clock, and tokens for any actor.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use gongji_core::PolicyBook;
use gongji_host::auth::{Claims, Role, Signer};
use gongji_host::clock::{Clock, ManualClock};
use gongji_host::family::HOSPITAL;
use gongji_host::host::{Host, Reply};
use gongji_host::store::{SqliteStore, Store};
use serde_json::{json, Value};

/// 2025-07-01T08:00 in China.
pub const START: i64 = 1_751_328_000;
pub const KEY: &[u8] = b"test-key-test-key-test-key-test-key!";

pub struct Fixture {
    pub host: Arc<Host>,
    pub clock: Arc<ManualClock>,
    pub store: Arc<dyn Store>,
    _dir: TempDir,
}

/// A directory removed on drop.
pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static NEXT: AtomicU64 = AtomicU64::new(0);

pub fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

pub fn fixture() -> Fixture {
    let dir = std::env::temp_dir().join(unique("gongji-host-test"));
    std::fs::create_dir_all(&dir).unwrap();
    let store: Arc<dyn Store> =
        Arc::new(SqliteStore::open(dir.join("db.sqlite").to_str().unwrap()).unwrap());
    fixture_on(store, TempDir(dir))
}

pub fn fixture_on(store: Arc<dyn Store>, dir: TempDir) -> Fixture {
    let clock = Arc::new(ManualClock::new(START));
    let host = Arc::new(Host {
        store: store.clone(),
        book: PolicyBook::embedded(),
        clock: clock.clone(),
        signer: Signer::new(KEY).unwrap(),
    });
    Fixture {
        host,
        clock,
        store,
        _dir: dir,
    }
}

pub fn role_of(actor: &str) -> Role {
    if actor == HOSPITAL {
        Role::Settlement
    } else {
        Role::Person
    }
}

impl Fixture {
    pub fn claims(&self, actor: &str, ledger: &str) -> Claims {
        Claims {
            sub: actor.into(),
            role: role_of(actor),
            ledger: ledger.into(),
            exp: self.clock.unix() + 600,
            nonce: unique("n"),
        }
    }

    pub fn token(&self, actor: &str, ledger: &str) -> String {
        self.host.signer.sign(&self.claims(actor, ledger))
    }

    /// Sends a command as `actor` with a fresh token, through authentication.
    pub fn send(&self, ledger: &str, actor: &str, id: &str, command: &Value) -> Reply {
        let header = format!("Bearer {}", self.token(actor, ledger));
        match self.host.authenticate(Some(&header), ledger) {
            Ok(c) => self.host.command(
                ledger,
                &c,
                &json!({"command_id": id, "command": command}).to_string(),
            ),
            Err(e) => e.into(),
        }
    }

    /// Sends and expects 200.
    pub fn ok(&self, ledger: &str, actor: &str, command: &Value) -> Value {
        let r = self.send(ledger, actor, &unique("c"), command);
        assert_eq!(r.status, 200, "{command} by {actor}: {}", r.body);
        serde_json::from_str(&r.body).unwrap()
    }

    pub fn family(&self, ledger: &str) {
        for (actor, cmd) in gongji_host::family::setup() {
            self.ok(ledger, actor, &cmd);
        }
    }

    /// The ledger's version and the number of its events: what a refusal must leave as it was.
    pub fn snapshot(&self, ledger: &str) -> (i64, String, usize) {
        let l = self.store.load(ledger).unwrap().unwrap();
        (l.version, l.state, self.store.events(ledger).unwrap().len())
    }
}

pub fn body(r: &Reply) -> Value {
    serde_json::from_str(&r.body).unwrap()
}
