//! The state stays bounded by what is open (Q-9): closed items leave it, each in an event that carries
//! it whole for the host's history, and no command may leave a state a later command must refuse.
//!
//! What closes, checked after every command (in this order, so that one closing frees the next):
//! - a booked settlement past its reversal window (S-9: the bill's date + `reversal_window_days` of the
//!   patient's region; reversed ones stay until then, so a second reversal is still told apart);
//! - a spend, refunded or not, past its reversal window (from the day it was made), once no open
//!   booking lists it (a refunded one stays until then, so a second refund is told apart and its
//!   reference stays taken);
//! - a transfer accepted or returned, from the day after it was sent (Q-5 counts today's transfers);
//! - a quota with nothing left (revoked, spent, or returned on dissolution) that no open spend draws on
//!   (a refund gives back to the quota it came from), and, for a resident-scheme sharer, granted before
//!   this calendar year (E-1: the yearly cap counts this year's grants);
//! - a dissolved or rejected relationship that no quota, transfer or spend in the state names.
//!
//! Closed items are the host's history: the ledger no longer knows them, so a refund or reversal of a
//! closed one is `SPEND_UNKNOWN` / `SETTLEMENT_UNKNOWN`, and a closed reference could be booked again —
//! the host, which keeps the events and assigns references, refuses that reuse. Persons and their year
//! totals stay (one row per person and benefit year).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;

use super::state::{Relationship, RelationshipStatus, TransferStatus, WalletState, MAX_ENTRIES};
use super::{Ctx, Event};
use crate::codec::{to_json, MAX_DOCUMENT_BYTES};
use crate::error::{Code, Error};
use crate::person::{PersonId, RegionCode, Scheme};
use crate::policy::PolicyBook;
use crate::text;
use crate::time::Date;

/// Most bytes of a state's JSON form: the 4 MiB document limit less 1 MiB kept for the command and
/// `now` beside it in an `apply` document (a bill of 1000 items is about 250 KiB).
pub const MAX_STATE_BYTES: usize = MAX_DOCUMENT_BYTES - (1 << 20);

/// The last day a settlement (or spend) dated `date` of a patient in `region` may be reversed; `None`
/// when that day is past the representable dates (it then never closes). One book's values, cached:
/// a caller that applies many commands with one book keeps one (the planner).
pub(crate) struct Windows<'a> {
    pub(crate) book: &'a PolicyBook,
    ends: BTreeMap<(RegionCode, Date), Option<Date>>,
}

impl<'a> Windows<'a> {
    pub(crate) fn new(book: &'a PolicyBook) -> Windows<'a> {
        Windows {
            book,
            ends: BTreeMap::new(),
        }
    }

    /// S-9: the last day of the window (the book's value in force on `date`, cached per region and day).
    pub(crate) fn end(&mut self, region: RegionCode, date: Date) -> Result<Option<Date>, Error> {
        if let Some(e) = self.ends.get(&(region, date)) {
            return Ok(*e);
        }
        let days = self.book.reversal_window(region, date)?;
        let e = date.checked_add_days(days);
        self.ends.insert((region, date), e);
        Ok(e)
    }

    /// Whether `today` is past the window of something dated `date`.
    pub(crate) fn closed(
        &mut self,
        region: RegionCode,
        date: Date,
        today: Date,
    ) -> Result<bool, Error> {
        Ok(self.end(region, date)?.is_some_and(|end| today > end))
    }
}

/// S-9: refuses a reversal or refund past its window, naming its last day.
pub(crate) fn within_window(
    ctx: &Ctx,
    s: &WalletState,
    patient: &PersonId,
    date: Date,
) -> Result<(), Error> {
    let region = s.person_or(patient, "state.persons")?.region;
    let mut w = Windows::new(ctx.book);
    match w.end(region, date)? {
        Some(end) if ctx.now.date() > end => Err(Error::new(
            Code::ReversalWindowClosed,
            "command.args.reference",
        )
        .text(text::reversible_until(&end))),
        _ => Ok(()),
    }
}

/// Q-9: every closed item leaves the state, in an event that carries it. Settlements and spends close
/// only by time (their reversal window, counted in days): unless `new_day` (the first command of a
/// day), the previous command of the same day has already closed every one whose window had ended,
/// and the pass over them is skipped.
pub(super) fn close(
    w: &mut Windows,
    today: Date,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    new_day: bool,
) -> Result<(), Error> {
    if !new_day {
        close_the_rest(s, ev, today);
        return Ok(());
    }
    let regions: BTreeMap<PersonId, RegionCode> =
        s.persons.iter().map(|p| (p.id.clone(), p.region)).collect();
    let region = |p: &PersonId| {
        regions
            .get(p)
            .copied()
            .ok_or_else(|| Error::new(Code::StateInvalid, "state.persons"))
    };
    let mut past = Vec::with_capacity(s.settlements.len());
    for b in &s.settlements {
        past.push(w.closed(region(&b.patient)?, b.date, today)?);
    }
    for b in take(&mut s.settlements, &past) {
        ev.push(Event::SettlementClosed { booking: b });
    }
    let booked: BTreeSet<&str> = s
        .settlements
        .iter()
        .flat_map(|b| b.spends.iter().map(String::as_str))
        .collect();
    let mut gone = Vec::with_capacity(s.spends.len());
    for x in &s.spends {
        let over = w.closed(region(&x.beneficiary)?, x.at.date(), today)?;
        gone.push(over && !booked.contains(x.reference.as_str()));
    }
    drop(booked);
    for spend in take(&mut s.spends, &gone) {
        ev.push(Event::SpendClosed { spend });
    }
    close_the_rest(s, ev, today);
    Ok(())
}

/// Q-9: transfers, quotas and relationships (no policy needed). The indexes a quota or relationship
/// needs are built only when one of them could close.
fn close_the_rest(s: &mut WalletState, ev: &mut Vec<Event>, today: Date) {
    let gone: Vec<bool> = s
        .transfers
        .iter()
        .map(|t| t.status != TransferStatus::Pending && t.sent_at.date() < today)
        .collect();
    for transfer in take(&mut s.transfers, &gone) {
        ev.push(Event::TransferClosed { transfer });
    }
    if s.quotas.iter().any(|q| q.amount.is_zero()) {
        close_quotas(s, ev, today);
    }
    if s.relationships.iter().any(ended) {
        close_relationships(s, ev);
    }
}

/// Q-9: a quota with nothing left that no open spend draws on and, for a resident sharer, not granted
/// this year.
fn close_quotas(s: &mut WalletState, ev: &mut Vec<Event>, today: Date) {
    let drawn: BTreeSet<&str> = s
        .spends
        .iter()
        .filter(|x| !x.refunded)
        .flat_map(|x| x.draws.iter().filter_map(|d| d.quota.as_deref()))
        .collect();
    // E-1 (regional): a resident sharer's yearly cap counts the quotas granted this year, so those stay
    // until the year ends.
    let residents: BTreeSet<&PersonId> = s
        .persons
        .iter()
        .filter(|p| p.scheme == Scheme::Resident)
        .map(|p| &p.id)
        .collect();
    let gone: Vec<bool> = s
        .quotas
        .iter()
        .map(|q| {
            let counted =
                residents.contains(&q.sharer) && q.granted_at.date().year() == today.year();
            q.amount.is_zero() && !drawn.contains(q.id.as_str()) && !counted
        })
        .collect();
    drop(drawn);
    drop(residents);
    for quota in take(&mut s.quotas, &gone) {
        ev.push(Event::QuotaClosed { quota });
    }
}

/// Dissolved or rejected: the relationship closes once nothing names it.
fn ended(r: &Relationship) -> bool {
    matches!(
        r.status,
        RelationshipStatus::Dissolved | RelationshipStatus::Rejected
    )
}

/// Q-9: a dissolved or rejected relationship that no quota, transfer or spend names.
fn close_relationships(s: &mut WalletState, ev: &mut Vec<Event>) {
    let named: BTreeSet<&str> = s
        .quotas
        .iter()
        .map(|q| q.relationship.as_str())
        .chain(s.transfers.iter().map(|t| t.relationship.as_str()))
        .chain(s.spends.iter().map(|x| x.relationship.as_str()))
        .collect();
    let gone: Vec<bool> = s
        .relationships
        .iter()
        .map(|r| ended(r) && !named.contains(r.id.as_str()))
        .collect();
    drop(named);
    for relationship in take(&mut s.relationships, &gone) {
        ev.push(Event::RelationshipClosed { relationship });
    }
}

/// Moves the entries marked in `gone` out of `list`, both keeping their order.
fn take<T>(list: &mut Vec<T>, gone: &[bool]) -> Vec<T> {
    if !gone.contains(&true) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut keep = Vec::with_capacity(list.len());
    for (x, g) in list.drain(..).zip(gone.iter().copied()) {
        if g {
            out.push(x);
        } else {
            keep.push(x);
        }
    }
    *list = keep;
    out
}

/// What [`Shape::guard`] compares a command's new state with: the state before it, in a few numbers.
pub(super) struct Shape {
    seq: u32,
    lists: [(&'static str, usize); 8],
    /// The JSON size before, when the state may be near [`MAX_STATE_BYTES`] (else it is below it).
    bytes: Option<usize>,
}

impl Shape {
    /// The shape of the state before a command.
    pub(super) fn of(before: &WalletState) -> Shape {
        // Serializing is most of an apply's work: only a state that may be near the limit is measured.
        let near = upper_bytes(before) > MAX_STATE_BYTES;
        Shape {
            seq: before.seq,
            lists: before.lists(),
            bytes: near.then(|| to_json(before).len()),
        }
    }

    /// Q-9, no bricking: refuses up front a command whose state a later command would refuse: a list
    /// past `MAX_ENTRIES`, the id counter at its end, or a document past [`MAX_STATE_BYTES`]. A command
    /// that makes the state smaller always passes, so an over-full state can still be emptied.
    pub(super) fn guard(&self, after: &WalletState) -> Result<(), Error> {
        if after.seq == u32::MAX && after.seq > self.seq {
            return Err(Error::new(Code::StateFull, "state.seq"));
        }
        for ((name, was), (_, is)) in self.lists.iter().zip(after.lists()) {
            if is > MAX_ENTRIES && is > *was {
                return Err(Error::new(Code::StateFull, alloc::format!("state.{name}"))
                    .text(text::state_entries(&MAX_ENTRIES)));
            }
        }
        if upper_bytes(after) > MAX_STATE_BYTES {
            let size = to_json(after).len();
            // A state whose bound is within the limit is itself within it, so smaller than `size`.
            if size > MAX_STATE_BYTES && self.bytes.is_none_or(|was| size > was) {
                return Err(
                    Error::new(Code::StateFull, "state").text(text::state_bytes(&MAX_STATE_BYTES))
                );
            }
        }
        Ok(())
    }
}

/// An upper bound of the bytes of a state's JSON form, in O(n) without writing it: each entry's fixed
/// part (names, punctuation, amounts of at most 12 characters, times, the longest enum values: e.g. a
/// quota at most 181 bytes besides its ids) with some room, and each id at twice its bytes (escaping;
/// the id rule keeps control characters out, so nothing longer). The unit test holds it to that.
fn upper_bytes(s: &WalletState) -> usize {
    let b = |x: &str| 2 * x.len();
    let mut n = 256;
    n += s
        .persons
        .iter()
        .map(|p| 128 + b(p.id.as_str()))
        .sum::<usize>();
    n += s
        .accounts
        .iter()
        .map(|a| 96 + b(a.person.as_str()))
        .sum::<usize>();
    n += s
        .relationships
        .iter()
        .map(|r| 272 + b(&r.id) + b(r.sharer.as_str()) + b(r.beneficiary.as_str()))
        .sum::<usize>();
    n += s
        .quotas
        .iter()
        .map(|q| {
            200 + b(&q.id) + b(&q.relationship) + b(q.sharer.as_str()) + b(q.beneficiary.as_str())
        })
        .sum::<usize>();
    n += s
        .transfers
        .iter()
        .map(|t| {
            184 + b(&t.id) + b(&t.relationship) + b(t.sharer.as_str()) + b(t.beneficiary.as_str())
        })
        .sum::<usize>();
    n += s
        .spends
        .iter()
        .map(|x| {
            let draws: usize = x
                .draws
                .iter()
                .map(|d| 44 + d.quota.as_deref().map_or(0, b))
                .sum();
            220 + draws
                + x.institution.as_deref().map_or(0, b)
                + b(&x.reference)
                + b(&x.relationship)
                + b(x.sharer.as_str())
                + b(x.beneficiary.as_str())
        })
        .sum::<usize>();
    n += s
        .accumulators
        .iter()
        .map(|a| 160 + b(a.person.as_str()))
        .sum::<usize>();
    n += s
        .settlements
        .iter()
        .map(|k| {
            let spends: usize = k.spends.iter().map(|r| 4 + b(r)).sum();
            368 + spends + b(&k.reference) + b(k.patient.as_str())
        })
        .sum::<usize>();
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_doc;

    /// The estimate is an upper bound even for the longest values: 64-character ids of `"` (each
    /// escaped to two bytes), the largest amounts, every optional field set.
    #[test]
    fn q9_upper_bytes_bounds_the_document() {
        let id = "\\\"".repeat(64);
        let big = "999999999.99";
        let t = "2199-12-31T23:59";
        let json = format!(
            r#"{{"schema":"gongji-wallet/1","last_time":"{t}","seq":4294967294,
            "persons":[{{"id":"{id}","scheme":"employee","region":"110000","enrollment":"terminated","wallet_opened":true,"retired":true}}],
            "accounts":[{{"person":"{id}","balance":"{big}","current_year_credits":"{big}"}}],
            "relationships":[{{"id":"{id}","sharer":"{id}","beneficiary":"{id}","kinship":"maternal_grandparent","mode":"in_province","status":"dissolved","signed_at":"{t}","effective_at":"{t}","ended_at":"{t}","end_reason":"insurance_terminated"}}],
            "quotas":[{{"id":"{id}","relationship":"{id}","sharer":"{id}","beneficiary":"{id}","origin":"transfer","granted_at":"{t}","granted":"{big}","amount":"0.00","spent":"{big}"}}],
            "transfers":[{{"id":"{id}","relationship":"{id}","sharer":"{id}","beneficiary":"{id}","amount":"{big}","sent_at":"{t}","returns_at":"{t}","status":"returned"}}],
            "spends":[{{"reference":"{id}","relationship":"{id}","sharer":"{id}","beneficiary":"{id}","amount":"{big}","at":"{t}","draws":[{{"quota":"{id}","amount":"{big}"}},{{"quota":null,"amount":"0.00"}}],"refunded":false,"visit_type":"special_outpatient","institution":"{id}"}}],
            "accumulators":[{{"person":"{id}","year":2199,"totals":{{"deductible_met":"{big}","fund_paid":"{big}","in_scope_past_deductible":"{big}"}}}}],
            "settlements":[{{"reference":"{id}","date":"2199-12-31","patient":"{id}","booked_at":"{t}","own_account":"{big}","own_from_credits":"{big}","spends":["{id}","{id}"],"fund":"{big}","cash":"{big}","contributions":{{"deductible_met":"{big}","fund_paid":"{big}","in_scope_past_deductible":"{big}"}},"reversed":true}}]}}"#
        );
        let s: WalletState = parse_doc(&json).unwrap();
        let exact = to_json(&s).len();
        assert!(upper_bytes(&s) >= exact, "{} < {exact}", upper_bytes(&s));
        // and close above: within an eighth of the exact size
        assert!(
            upper_bytes(&s) < exact + exact / 8,
            "{} vs {exact}",
            upper_bytes(&s)
        );
        let empty = WalletState::default();
        assert!(upper_bytes(&empty) >= to_json(&empty).len());
    }
}
