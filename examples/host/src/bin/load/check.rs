//! After the run, from the database alone: every ledger's state is the replay of its stored commands
//! through the core and its events are those the replay emits; versions run 1..n with no gap (no lost
//! update); money is conserved per ledger; every command id the clients were answered is stored with
//! that answer, exactly once; no wrong-identity command id is stored.

use std::collections::HashMap;
use std::str::FromStr;

use gongji_core::money::Money;
use gongji_core::wallet::TransferStatus;
use gongji_core::{apply, Command, DateTime, Event, PolicyBook, WalletState};
use gongji_host::store::Store;
use serde_json::Value;

use super::client::Tally;

#[derive(Default, Debug)]
pub struct Report {
    pub ledgers: usize,
    pub commands_applied: usize,
    pub refusals_stored: usize,
    pub events: usize,
    pub failures: Vec<String>,
}

fn money(v: &Value) -> Money {
    v.as_str()
        .and_then(|s| Money::from_str(s).ok())
        .unwrap_or(Money::ZERO)
}

/// Money held by the ledger — the accounts' balances, the unspent quotas (a grant takes its amount out of
/// the sharer's balance, Q-1) and the pending transfers (Q-5 b) — equals what came in (registered,
/// credited) less what bills took (own accounts, shared money spent) plus what reversals gave back.
fn conserved(events: &[Event], state: &WalletState) -> Result<(), String> {
    let mut expect = Money::ZERO;
    let add = |a: Money, b: Money| a.checked_add(b).unwrap_or(Money::ZERO);
    let sub = |a: Money, b: Money| a.checked_sub(b).unwrap_or(Money::ZERO);
    for e in events {
        expect = match e {
            Event::PersonRegistered { balance, .. } => add(expect, *balance),
            Event::Credited { amount, .. } => add(expect, *amount),
            Event::Spent { amount, .. } => sub(expect, *amount),
            Event::Refunded { amount, .. } => add(expect, *amount),
            Event::Settled { settlement } => {
                let s = serde_json::to_value(settlement).unwrap_or(Value::Null);
                sub(expect, money(&s["self_acct_pay"]))
            }
            Event::Reversed {
                own_account_back, ..
            } => add(expect, *own_account_back),
            _ => expect,
        };
    }
    let held = state
        .accounts
        .iter()
        .map(|a| a.balance)
        .chain(state.quotas.iter().map(|q| q.amount))
        .chain(
            state
                .transfers
                .iter()
                .filter(|t| t.status == TransferStatus::Pending)
                .map(|t| t.amount),
        )
        .fold(Money::ZERO, add);
    if held == expect {
        Ok(())
    } else {
        Err(format!("balances {held} but the events say {expect}"))
    }
}

fn ledger(store: &dyn Store, book: &PolicyBook, id: &str, r: &mut Report) -> Result<(), String> {
    let stored = store.load(id).map_err(|e| e.0)?.ok_or("no state")?;
    let commands = store.commands(id).map_err(|e| e.0)?;
    let events = store.events(id).map_err(|e| e.0)?;
    let mut by_version: HashMap<i64, Vec<&str>> = HashMap::new();
    for e in &events {
        by_version.entry(e.version).or_default().push(&e.event);
    }
    let mut applied: Vec<_> = commands.iter().filter(|c| c.version.is_some()).collect();
    applied.sort_by_key(|c| c.version);
    r.refusals_stored += commands.len() - applied.len();
    let mut state = WalletState::default();
    let mut all = Vec::new();
    for (i, c) in applied.iter().enumerate() {
        let v = c.version.unwrap_or(0);
        if v != i as i64 + 1 || c.read_version != v - 1 {
            return Err(format!(
                "version {v} at position {} (read {})",
                i + 1,
                c.read_version
            ));
        }
        let cmd: Command =
            serde_json::from_str(c.applied.as_deref().unwrap_or("")).map_err(|e| e.to_string())?;
        let now = DateTime::from_str(&c.at).map_err(|_| "time")?;
        let a = apply(book, &state, &cmd, now)
            .map_err(|e| format!("version {v}: replay refused: {}", e.code()))?;
        let logged: Vec<Event> = by_version
            .remove(&v)
            .unwrap_or_default()
            .iter()
            .map(|e| serde_json::from_str(e).map_err(|x| x.to_string()))
            .collect::<Result<_, _>>()?;
        if logged != a.events {
            return Err(format!("version {v}: the log differs from the replay"));
        }
        all.extend(a.events);
        state = a.state;
    }
    if !by_version.is_empty() {
        return Err("events without their command".into());
    }
    if stored.version != applied.len() as i64 {
        return Err(format!(
            "version {} for {} commands",
            stored.version,
            applied.len()
        ));
    }
    let kept: WalletState = serde_json::from_str(&stored.state).map_err(|e| e.to_string())?;
    if kept != state {
        return Err("the stored state is not the replay of the log".into());
    }
    conserved(&all, &state)?;
    r.commands_applied += applied.len();
    r.events += events.len();
    Ok(())
}

/// Every check; failures are listed in the report.
pub fn run(store: &dyn Store, tally: &Tally) -> Report {
    let book = PolicyBook::embedded();
    let mut r = Report::default();
    let ledgers = store.ledgers().unwrap_or_default();
    r.ledgers = ledgers.len();
    for id in &ledgers {
        if let Err(e) = ledger(store, &book, id, &mut r) {
            r.failures.push(format!("{id}: {e}"));
        }
    }
    for (id, (ledger, status, body)) in &tally.answered {
        match store.result(ledger, id) {
            Ok(Some(s)) if s.status == *status && &s.result == body => {}
            Ok(None) if *status != 200 && *status != 422 => {}
            other => r.failures.push(format!(
                "{ledger}/{id}: answered {status}, stored {other:?}"
            )),
        }
    }
    let stored_ids: usize = ledgers
        .iter()
        .map(|l| store.commands(l).map(|c| c.len()).unwrap_or(0))
        .sum();
    let answered_stored = tally
        .answered
        .values()
        .filter(|(_, s, _)| *s == 200 || *s == 422)
        .count();
    if stored_ids != answered_stored {
        r.failures.push(format!(
            "{stored_ids} command ids stored, {answered_stored} answered"
        ));
    }
    for (ledger, id) in &tally.wrong_ids {
        if !matches!(store.result(ledger, id), Ok(None)) {
            r.failures.push(format!(
                "{ledger}/{id}: a wrong identity's command was stored"
            ));
        }
    }
    for v in &tally.violations {
        r.failures.push(format!("not refused: {v}"));
    }
    r
}
