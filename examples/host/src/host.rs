//! The host: authenticates a request, applies a command in one transaction with optimistic concurrency
//! and idempotency by command id, and serves statements and histories from the event log.

use std::sync::Arc;

use gongji_core::wallet::{statement, LoggedEvent, StatementRequest, WalletState};
use gongji_core::{apply, Event, PolicyBook};
use serde_json::{json, Value};

use crate::auth::{Claims, Role, Signer};
use crate::clock::Clock;
use crate::commands::{authorize, ClientCommand, CommandRequest};
use crate::error::HostError;
use crate::store::{Commit, Outcome, Store, StoredResult};

/// How often a command is recomputed when other writers keep moving its ledger.
pub const MAX_ATTEMPTS: usize = 64;

/// An answer: an HTTP status and a JSON body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl From<HostError> for Reply {
    fn from(e: HostError) -> Reply {
        Reply {
            status: e.status,
            body: e.body(),
        }
    }
}

pub struct Host {
    pub store: Arc<dyn Store>,
    pub book: PolicyBook,
    pub clock: Arc<dyn Clock>,
    pub signer: Signer,
}

/// A ledger id: 1–60 of `A–Z a–z 0–9 - _`.
pub fn valid_ledger_id(id: &str) -> bool {
    (1..=60).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Host {
    /// The token's claims if it is well signed, unexpired, for this ledger and never used before.
    pub fn authenticate(&self, header: Option<&str>, ledger: &str) -> Result<Claims, HostError> {
        let token = header
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or_else(|| HostError::token_missing("authorization"))?;
        let now = self.clock.unix();
        let claims = self.signer.verify(token.trim(), now)?;
        if claims.ledger != ledger {
            return Err(HostError::wrong_ledger("authorization"));
        }
        if !self.store.use_nonce(&claims.nonce, claims.exp, now)? {
            return Err(HostError::token_replayed("authorization"));
        }
        Ok(claims)
    }

    /// POST /ledgers/{id}/commands.
    pub fn command(&self, ledger: &str, claims: &Claims, body: &str) -> Reply {
        self.try_command(ledger, claims, body)
            .unwrap_or_else(Reply::from)
    }

    fn try_command(&self, ledger: &str, claims: &Claims, body: &str) -> Result<Reply, HostError> {
        let req: CommandRequest =
            serde_json::from_str(body).map_err(|e| HostError::command_invalid("").detail(e))?;
        let id = req.command_id.as_str();
        if id.is_empty() || id.len() > 100 || id.chars().any(char::is_control) {
            return Err(HostError::command_invalid("command_id"));
        }
        let request = req.command.to_string();
        let cmd: ClientCommand = serde_json::from_value(req.command)
            .map_err(|e| HostError::command_invalid("command").detail(e))?;
        let subject = actor(claims);
        for _ in 0..MAX_ATTEMPTS {
            if let Some(r) = self.store.result(ledger, id)? {
                return again(r, claims, &request);
            }
            let loaded = self.store.load(ledger)?;
            let (state, version) = match &loaded {
                Some(l) => (
                    serde_json::from_str::<WalletState>(&l.state)
                        .map_err(|e| HostError::store("state").detail(e))?,
                    l.version,
                ),
                None => (WalletState::default(), 0),
            };
            let now = self.clock.now();
            let (core, references) = authorize(claims, cmd.clone(), &state, version, now)?;
            let applied = serde_json::to_string(&core).unwrap_or_default();
            let at = now.to_string();
            let (reply, new_state, events, references) = match apply(&self.book, &state, &core, now)
            {
                Ok(a) => {
                    let events: Vec<String> = a
                        .events
                        .iter()
                        .map(|e| serde_json::to_string(e).unwrap_or_default())
                        .collect();
                    let body = json!({"version": version + 1, "at": at, "events": a.events});
                    let state = serde_json::to_string(&a.state).unwrap_or_default();
                    (
                        Reply {
                            status: 200,
                            body: body.to_string(),
                        },
                        Some(state),
                        events,
                        references,
                    )
                }
                Err(e) => (HostError::core(&e).into(), None, Vec::new(), Vec::new()),
            };
            let commit = Commit {
                ledger,
                command_id: id,
                subject: &subject,
                request: &request,
                read_version: version,
                state: new_state.as_deref(),
                events: &events,
                references: &references,
                at: &at,
                applied: Some(&applied),
                status: reply.status,
                result: &reply.body,
            };
            match self.store.commit(&commit)? {
                Outcome::Stored => return Ok(reply),
                Outcome::Conflict => continue,
                Outcome::Duplicate(r) => return again(r, claims, &request),
            }
        }
        Err(HostError::busy(""))
    }

    /// GET /ledgers/{id}/statement: the core's T-1 statement over the stored events, for the token's
    /// person only.
    pub fn statement(&self, ledger: &str, claims: &Claims, year: Option<u16>) -> Reply {
        let run = || -> Result<Reply, HostError> {
            let person = person_of(claims)?;
            let events = self.logged(ledger)?;
            let req = StatementRequest {
                events: events.into_iter().map(|(_, e)| e).collect(),
                person: Some(person.parse().map_err(|_| HostError::forbidden(""))?),
                year,
            };
            let s = statement(&req).map_err(|e| HostError::core(&e))?;
            Ok(Reply {
                status: 200,
                body: serde_json::to_string(&s).unwrap_or_default(),
            })
        };
        run().unwrap_or_else(Reply::from)
    }

    /// GET /ledgers/{id}/events: the events that concern the token's person, with their versions.
    pub fn events(&self, ledger: &str, claims: &Claims) -> Reply {
        let run = || -> Result<Reply, HostError> {
            let person = person_of(claims)?;
            let mut mine = std::collections::BTreeSet::new();
            let mut out = Vec::new();
            for (version, e) in self.logged(ledger)? {
                if concerns(&e.event, person, &mut mine) {
                    out.push(json!({"version": version, "at": e.at, "event": e.event}));
                }
            }
            Ok(Reply {
                status: 200,
                body: json!({ "events": out }).to_string(),
            })
        };
        run().unwrap_or_else(Reply::from)
    }

    fn logged(&self, ledger: &str) -> Result<Vec<(i64, LoggedEvent)>, HostError> {
        self.store
            .events(ledger)?
            .into_iter()
            .map(|e| {
                let event: Event = serde_json::from_str(&e.event)
                    .map_err(|x| HostError::store("events").detail(x))?;
                let at =
                    e.at.parse()
                        .map_err(|_| HostError::store("events").detail("time"))?;
                Ok((e.version, LoggedEvent { at, event }))
            })
            .collect()
    }
}

/// Histories and statements are a person's: a settlement system reads neither.
fn person_of(claims: &Claims) -> Result<&str, HostError> {
    match claims.role {
        Role::Person => Ok(&claims.sub),
        Role::Settlement => Err(HostError::forbidden("authorization")),
    }
}

/// Who sent a command, as stored with its id: the role and the subject (`person:a`, `settlement:H…`).
fn actor(claims: &Claims) -> String {
    let role = match claims.role {
        Role::Person => "person",
        Role::Settlement => "settlement",
    };
    format!("{role}:{}", claims.sub)
}

/// A stored answer, to the same actor for the same command only.
fn again(r: StoredResult, claims: &Claims, request: &str) -> Result<Reply, HostError> {
    if r.subject != actor(claims) || r.request != request {
        return Err(HostError::command_id_reused("command_id"));
    }
    Ok(Reply {
        status: r.status,
        body: r.result,
    })
}

/// Whether an event names `person` (as the person, a party, or the patient of a bill); a reversal
/// concerns whom its bill concerned.
fn concerns(event: &Event, person: &str, bills: &mut std::collections::BTreeSet<String>) -> bool {
    let v = serde_json::to_value(event).unwrap_or(Value::Null);
    let named = |k: &str| v.get(k).and_then(Value::as_str) == Some(person);
    match event {
        Event::Settled { settlement } => {
            let s = serde_json::to_value(settlement).unwrap_or(Value::Null);
            let payer = s["mulaid_by_sharer"]
                .as_array()
                .is_some_and(|a| a.iter().any(|p| p["sharer"].as_str() == Some(person)));
            let mine = s["patient"].as_str() == Some(person) || payer;
            if mine {
                bills.insert(s["reference"].as_str().unwrap_or_default().to_string());
            }
            mine
        }
        Event::Reversed { reference, .. } => bills.contains(reference),
        Event::YearEnded { .. } => true,
        _ => named("person") || named("sharer") || named("beneficiary"),
    }
}
