//! One client: random valid and invalid commands on random families. Every command is also sent as a
//! wrong identity, with a forged token, and replayed with the token that was answered: each must be
//! refused. A command is retried with its command id until the host answers (through kills).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gongji_host::auth::{Claims, Role, Signer};
use gongji_host::family::*;
use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Value};

/// What every client shares: the HTTP client, the key (the identity provider's), the run's outcome.
pub struct Shared {
    pub http: reqwest::Client,
    pub base: Mutex<String>,
    pub signer: Signer,
    pub forger: Signer,
    pub clock: Box<dyn Fn() -> i64 + Send + Sync>,
    /// Bills settled per family, for reversals.
    pub bills: Mutex<HashMap<String, Vec<String>>>,
    pub tally: Mutex<Tally>,
}

/// What the clients saw.
#[derive(Default)]
pub struct Tally {
    /// command id → (ledger, status, body) of the answer to the right identity.
    pub answered: HashMap<String, (String, u16, String)>,
    /// Command ids sent only as a wrong identity: must not be in the database.
    pub wrong_ids: Vec<(String, String)>,
    pub latencies_us: Vec<u64>,
    /// The requests of the right identity that were answered (not the refusals around them).
    pub command_latencies_us: Vec<u64>,
    pub statuses: HashMap<u16, u64>,
    /// Refusals that were not refused: (what, status, body).
    pub violations: Vec<String>,
    pub retries: u64,
    pub repeats_checked: u64,
}

pub fn ledger_name(i: usize) -> String {
    format!("fam-{i:04}")
}

fn role(actor: &str) -> Role {
    if actor == HOSPITAL {
        Role::Settlement
    } else {
        Role::Person
    }
}

impl Shared {
    fn claims(&self, actor: &str, ledger: &str, rng: &mut StdRng) -> Claims {
        Claims {
            sub: actor.into(),
            role: role(actor),
            ledger: ledger.into(),
            exp: (self.clock)() + 300,
            nonce: format!("{:032x}", rng.gen::<u128>()),
        }
    }

    /// One HTTP attempt: `Some((status, body))`, or `None` if the host did not answer.
    async fn post(
        &self,
        ledger: &str,
        token: &str,
        id: &str,
        cmd: &Value,
    ) -> Option<(u16, String)> {
        self.timed(ledger, token, id, cmd)
            .await
            .map(|(s, b, _)| (s, b))
    }

    /// One HTTP attempt and how long it took, in µs.
    async fn timed(
        &self,
        ledger: &str,
        token: &str,
        id: &str,
        cmd: &Value,
    ) -> Option<(u16, String, u64)> {
        let url = format!("{}/ledgers/{ledger}/commands", self.base.lock().ok()?);
        let t = Instant::now();
        let res = self
            .http
            .post(url)
            .bearer_auth(token)
            .body(json!({"command_id": id, "command": cmd}).to_string())
            .send()
            .await
            .ok()?;
        let status = res.status().as_u16();
        let body = res.text().await.ok()?;
        let us = t.elapsed().as_micros() as u64;
        let mut tally = self.tally.lock().ok()?;
        tally.latencies_us.push(us);
        *tally.statuses.entry(status).or_default() += 1;
        Some((status, body, us))
    }

    /// Sends with fresh tokens until answered (not 5xx): the answer and the token that got it.
    async fn until_answered(
        &self,
        ledger: &str,
        actor: &str,
        id: &str,
        cmd: &Value,
        rng: &mut StdRng,
    ) -> (u16, String, String) {
        loop {
            let token = self.signer.sign(&self.claims(actor, ledger, rng));
            match self.timed(ledger, &token, id, cmd).await {
                Some((s, b, us)) if s < 500 => {
                    if let Ok(mut t) = self.tally.lock() {
                        t.command_latencies_us.push(us);
                    }
                    return (s, b, token);
                }
                _ => {
                    if let Ok(mut t) = self.tally.lock() {
                        t.retries += 1;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            }
        }
    }

    fn violation(&self, what: String) {
        if let Ok(mut t) = self.tally.lock() {
            t.violations.push(what);
        }
    }

    /// The command as `actor`, with the refusals around it.
    pub async fn command(
        &self,
        ledger: &str,
        actor: &str,
        wrong: Option<&str>,
        cmd: &Value,
        rng: &mut StdRng,
    ) {
        let id = format!("{:032x}", rng.gen::<u128>());
        if let Some(w) = wrong {
            let wid = format!("{:032x}", rng.gen::<u128>());
            let (s, b, _) = self.until_answered(ledger, w, &wid, cmd, rng).await;
            if s != 403 {
                self.violation(format!("{cmd} as {w}: {s} {b}"));
            }
            if let Ok(mut t) = self.tally.lock() {
                t.wrong_ids.push((ledger.into(), wid));
            }
        }
        // Forged: a settlement role's claims signed with another key.
        let mut forged = self.claims(actor, ledger, rng);
        forged.role = Role::Settlement;
        if let Some((s, b)) = self
            .post(ledger, &self.forger.sign(&forged), &id, cmd)
            .await
        {
            if s != 401 {
                self.violation(format!("{cmd} forged: {s} {b}"));
            }
        }
        let (status, body, token) = self.until_answered(ledger, actor, &id, cmd, rng).await;
        // Replayed: the answered request again, byte for byte.
        loop {
            match self.post(ledger, &token, &id, cmd).await {
                Some((401, b)) if b.contains("TOKEN_REPLAYED") => break,
                Some((s, b)) if s < 500 => {
                    self.violation(format!("{cmd} replayed: {s} {b}"));
                    break;
                }
                _ => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
        // Sometimes the same user action again (a retry after a lost response): the first answer.
        if rng.gen_bool(0.1) {
            let (s2, b2, _) = self.until_answered(ledger, actor, &id, cmd, rng).await;
            if (s2, &b2) != (status, &body) {
                self.violation(format!("{cmd} repeated: {s2} {b2} after {status} {body}"));
            }
            if let Ok(mut t) = self.tally.lock() {
                t.repeats_checked += 1;
            }
        }
        if status == 200 && cmd["type"] == "settle" {
            if let Some(v) = serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|b| b["version"].as_i64())
            {
                if let Ok(mut bills) = self.bills.lock() {
                    bills
                        .entry(ledger.into())
                        .or_default()
                        .push(format!("B{v}"));
                }
            }
        }
        if let Ok(mut t) = self.tally.lock() {
            t.answered.insert(id, (ledger.into(), status, body));
        }
    }
}

fn yuan(rng: &mut StdRng, lo: u32, hi: u32) -> String {
    let cents = rng.gen_range(lo * 100..=hi * 100);
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Sets a family up (the setup commands, each with its wrong identity).
pub async fn setup(shared: &Shared, ledger: &str, rng: &mut StdRng) {
    for (actor, cmd) in gongji_host::family::setup() {
        let wrong = if actor == HOSPITAL { "a" } else { HOSPITAL };
        shared.command(ledger, actor, Some(wrong), &cmd, rng).await;
    }
}

/// One random command: (actor, wrong identity, command).
pub fn random_command(
    shared: &Shared,
    ledger: &str,
    rng: &mut StdRng,
) -> (&'static str, Option<&'static str>, Value) {
    let bill = shared.bills.lock().ok().and_then(|b| {
        b.get(ledger).and_then(|v| {
            if v.is_empty() {
                None
            } else {
                Some(v[rng.gen_range(0..v.len())].clone())
            }
        })
    });
    let patient = ["a", "b", "c"][rng.gen_range(0..3)];
    match rng.gen_range(0..100) {
        0..=24 => (
            "a",
            Some(["b", "c", HOSPITAL][rng.gen_range(0..3)]),
            grant(WALLET_REL, &yuan(rng, 1, 60)),
        ),
        25..=34 => ("a", Some("b"), revoke(WALLET_REL, &yuan(rng, 1, 30))),
        35..=59 => (HOSPITAL, Some(patient), settle(patient, &yuan(rng, 5, 400))),
        60..=69 => (
            HOSPITAL,
            Some("a"),
            reverse(&bill.unwrap_or_else(|| "B1".into())),
        ),
        70..=77 => (HOSPITAL, Some("a"), credit("a", &yuan(rng, 50, 300))),
        78..=80 => ("b", None, json!({"type": "tick"})),
        // Invalid: the core refuses them (and the host keeps the refusal under its command id).
        81..=84 => ("a", Some(HOSPITAL), grant(WALLET_REL, "99999.00")),
        85..=87 => (HOSPITAL, Some("c"), reverse("B999999")),
        88..=90 => (HOSPITAL, Some("b"), settle("nobody", "10.00")),
        91..=93 => ("b", Some(HOSPITAL), accept("T999")),
        94..=96 => ("a", Some(HOSPITAL), revoke(WALLET_REL, "99999.00")),
        97 => ("c", Some("b"), dissolve(IN_PROVINCE_REL)),
        _ => ("b", Some(HOSPITAL), dissolve("R9")),
    }
}

/// A client's run: random commands on random families until `until`.
pub async fn run(shared: Arc<Shared>, families: usize, until: Instant, mut rng: StdRng) {
    while Instant::now() < until {
        let ledger = ledger_name(rng.gen_range(0..families));
        let (actor, wrong, cmd) = random_command(&shared, &ledger, &mut rng);
        shared.command(&ledger, actor, wrong, &cmd, &mut rng).await;
    }
}
