//! T-1: the statement (共济支出明细) folded from the ledger's events alone, as the host kept them:
//! per sharer → beneficiary, per year and month, what was granted, revoked, sent, accepted, returned,
//! spent (line by line, with visit type and institution) and refunded.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::Event;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::PersonId;
use crate::policy::VisitType;
use crate::time::{Date, DateTime};

/// Most events one statement folds (a bound on absurd documents; the document size limit comes first).
pub const MAX_STATEMENT_EVENTS: usize = 1_000_000;

/// One event of the host's log, with the time of the command that emitted it (the `now` of `apply`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct LoggedEvent {
    pub at: DateTime,
    pub event: Event,
}

/// Input document of the `statement` operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct StatementRequest {
    /// The ledger's events in the order they were emitted (times never go back).
    pub events: Vec<LoggedEvent>,
    /// Only the relationships this person is a party to (as sharer or as beneficiary).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonId>,
    /// Only the events of this calendar year (1900–2199).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}

/// Output document of the `statement` operation: one entry per sharer → beneficiary, in id order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub pairs: Vec<PairStatement>,
}

/// T-1: what one sharer gave one beneficiary, year by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PairStatement {
    pub sharer: PersonId,
    pub beneficiary: PersonId,
    pub total: Flows,
    pub years: Vec<YearStatement>,
}

/// One calendar year of a pair, month by month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct YearStatement {
    pub year: u16,
    pub total: Flows,
    pub months: Vec<MonthStatement>,
}

/// One month (`YYYY-MM`) of a pair: its sums and its spend and refund lines, in log order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct MonthStatement {
    pub month: String,
    pub total: Flows,
    pub lines: Vec<StatementLine>,
}

/// The sums of one period. Each is a sum of the events' own amounts; none is netted against another.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Flows {
    /// Q-1: quotas granted.
    pub granted: Money,
    /// Q-3: unspent quota taken back.
    pub revoked: Money,
    /// Q-5 (b): transfers sent.
    pub transfers_sent: Money,
    /// Q-5 (b): transfers accepted (they became quotas).
    pub transfers_accepted: Money,
    /// Q-5 (b), E-9: transfers given back to the sender unaccepted.
    pub transfers_returned: Money,
    /// E-9: what the end of the relationship gave back to the sharer: unspent quotas and pending
    /// transfers (those are in `transfers_returned` too).
    pub returned_at_end: Money,
    /// Q-2, Q-6: paid with shared money.
    pub spent: Money,
    /// S-9: spends given back.
    pub refunded: Money,
}

/// Whether a line took shared money or gave it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Spent,
    Refunded,
}

/// T-1: one spend or refund. A refund repeats the visit type and institution of its spend when the
/// log holds that spend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct StatementLine {
    pub kind: LineKind,
    pub date: Date,
    pub reference: String,
    pub amount: Money,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_type: Option<VisitType>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
}

/// What one event adds to a pair's month.
enum Entry {
    Flow(fn(&mut Flows) -> &mut Money, Money),
    Line(StatementLine),
}

type Pair = (PersonId, PersonId);
type Months = BTreeMap<(u16, u8), (Flows, Vec<StatementLine>)>;

/// T-1: folds the events into the statement; pure, one pass, in log order.
pub fn statement(req: &StatementRequest) -> Result<Statement, Error> {
    check_request(req)?;
    let mut pairs: BTreeMap<Pair, Months> = BTreeMap::new();
    let mut spends: BTreeMap<&str, (Option<VisitType>, Option<&str>)> = BTreeMap::new();
    for (i, e) in req.events.iter().enumerate() {
        if let Event::Spent {
            reference,
            visit_type,
            institution,
            ..
        } = &e.event
        {
            spends.insert(reference, (*visit_type, institution.as_deref()));
        }
        let Some((pair, entry)) = entry(e, &spends) else {
            continue;
        };
        let date = e.at.date();
        let wanted = req.year.is_none_or(|y| y == date.year())
            && req
                .person
                .as_ref()
                .is_none_or(|p| p == &pair.0 || p == &pair.1);
        if !wanted {
            continue;
        }
        let month = pairs
            .entry(pair)
            .or_default()
            .entry((date.year(), date.month()))
            .or_default();
        add_entry(month, entry, i)?;
    }
    assemble(pairs)
}

/// Rejects a year outside the calendar and a log whose times go back.
fn check_request(req: &StatementRequest) -> Result<(), Error> {
    if req.events.len() > MAX_STATEMENT_EVENTS {
        return Err(Error::new(Code::TooMany, "events"));
    }
    if req.year.is_some_and(|y| Date::new(y, 1, 1).is_none()) {
        return Err(Error::new(Code::TimeInvalid, "year"));
    }
    for (i, w) in req.events.windows(2).enumerate() {
        if w[1].at < w[0].at {
            return Err(Error::new(
                Code::TimeWentBack,
                format!("events[{}].at", i + 1),
            ));
        }
    }
    Ok(())
}

/// The pair an event concerns and what it adds; `None` for events with no shared money in them.
fn entry(
    e: &LoggedEvent,
    spends: &BTreeMap<&str, (Option<VisitType>, Option<&str>)>,
) -> Option<(Pair, Entry)> {
    let flow = |s: &PersonId, b: &PersonId, f: fn(&mut Flows) -> &mut Money, m: Money| {
        Some(((s.clone(), b.clone()), Entry::Flow(f, m)))
    };
    let line = |s: &PersonId, b: &PersonId, kind, reference: &str, amount| {
        let (visit_type, institution) = spends.get(reference).copied().unwrap_or((None, None));
        let l = StatementLine {
            kind,
            date: e.at.date(),
            reference: reference.into(),
            amount,
            visit_type,
            institution: institution.map(String::from),
        };
        Some(((s.clone(), b.clone()), Entry::Line(l)))
    };
    match &e.event {
        Event::QuotaGranted {
            sharer,
            beneficiary,
            amount,
            ..
        } => flow(sharer, beneficiary, |f| &mut f.granted, *amount),
        Event::QuotaRevoked {
            sharer,
            beneficiary,
            amount,
            ..
        } => flow(sharer, beneficiary, |f| &mut f.revoked, *amount),
        Event::TransferSent {
            sharer,
            beneficiary,
            amount,
            ..
        } => flow(sharer, beneficiary, |f| &mut f.transfers_sent, *amount),
        Event::TransferAccepted {
            sharer,
            beneficiary,
            amount,
            ..
        } => flow(sharer, beneficiary, |f| &mut f.transfers_accepted, *amount),
        Event::TransferReturned {
            sharer,
            beneficiary,
            amount,
            ..
        } => flow(sharer, beneficiary, |f| &mut f.transfers_returned, *amount),
        Event::RelationshipDissolved {
            sharer,
            beneficiary,
            returned,
            ..
        } if !returned.is_zero() => {
            flow(sharer, beneficiary, |f| &mut f.returned_at_end, *returned)
        }
        Event::Spent {
            reference,
            sharer,
            beneficiary,
            amount,
            ..
        } => line(sharer, beneficiary, LineKind::Spent, reference, *amount),
        Event::Refunded {
            reference,
            sharer,
            beneficiary,
            amount,
            ..
        } => line(sharer, beneficiary, LineKind::Refunded, reference, *amount),
        _ => None,
    }
}

/// Adds one entry to a month: its sum, and its line.
fn add_entry(month: &mut (Flows, Vec<StatementLine>), entry: Entry, i: usize) -> Result<(), Error> {
    let (field, amount): (fn(&mut Flows) -> &mut Money, Money) = match &entry {
        Entry::Flow(f, m) => (*f, *m),
        Entry::Line(l) if l.kind == LineKind::Spent => (|f| &mut f.spent, l.amount),
        Entry::Line(l) => (|f| &mut f.refunded, l.amount),
    };
    let sum = field(&mut month.0);
    *sum = sum.checked_add(amount).ok_or_else(|| too_large(i))?;
    if let Entry::Line(l) = entry {
        month.1.push(l);
    }
    Ok(())
}

fn too_large(i: usize) -> Error {
    Error::new(Code::AmountTooLarge, format!("events[{i}].event.amount"))
}

/// Adds every sum of `b` to `a`.
fn plus(a: &Flows, b: &Flows) -> Result<Flows, Error> {
    let add = |x: Money, y: Money| {
        x.checked_add(y)
            .ok_or_else(|| Error::new(Code::AmountTooLarge, "events"))
    };
    Ok(Flows {
        granted: add(a.granted, b.granted)?,
        revoked: add(a.revoked, b.revoked)?,
        transfers_sent: add(a.transfers_sent, b.transfers_sent)?,
        transfers_accepted: add(a.transfers_accepted, b.transfers_accepted)?,
        transfers_returned: add(a.transfers_returned, b.transfers_returned)?,
        returned_at_end: add(a.returned_at_end, b.returned_at_end)?,
        spent: add(a.spent, b.spent)?,
        refunded: add(a.refunded, b.refunded)?,
    })
}

/// Builds the document from the sorted maps, with each year's and each pair's totals.
fn assemble(pairs: BTreeMap<Pair, Months>) -> Result<Statement, Error> {
    let mut out = Vec::with_capacity(pairs.len());
    for ((sharer, beneficiary), months) in pairs {
        let mut years: Vec<YearStatement> = Vec::new();
        let mut total = Flows::default();
        for ((year, month), (flows, lines)) in months {
            total = plus(&total, &flows)?;
            if years.last().is_none_or(|y| y.year != year) {
                years.push(YearStatement {
                    year,
                    total: Flows::default(),
                    months: Vec::new(),
                });
            }
            if let Some(y) = years.last_mut() {
                y.total = plus(&y.total, &flows)?;
                y.months.push(MonthStatement {
                    month: format!("{year:04}-{month:02}"),
                    total: flows,
                    lines,
                });
            }
        }
        out.push(PairStatement {
            sharer,
            beneficiary,
            total,
            years,
        });
    }
    Ok(Statement { pairs: out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse_doc;
    use crate::policy::PolicyBook;
    use crate::wallet::{apply, Command, WalletState};

    fn m(s: &str) -> Money {
        s.parse().unwrap()
    }

    /// Runs commands on a ledger and keeps the events as a host would: each with its command's `now`.
    fn log(commands: &[(&str, &str)]) -> (WalletState, Vec<LoggedEvent>) {
        let book = PolicyBook::embedded();
        let mut state = WalletState::default();
        let mut out = Vec::new();
        for (now, json) in commands {
            let c: Command = parse_doc(json).unwrap();
            let at: DateTime = now.parse().unwrap();
            let applied = apply(&book, &state, &c, at).unwrap();
            state = applied.state;
            out.extend(
                applied
                    .events
                    .into_iter()
                    .map(|event| LoggedEvent { at, event }),
            );
        }
        (state, out)
    }

    const PERSON: &str =
        r#""scheme":"employee","region":"440300","enrollment":"active","wallet_opened":true"#;

    fn family() -> (WalletState, Vec<LoggedEvent>) {
        let reg = |id: &str, bal: &str| {
            format!(
                r#"{{"type":"register_person","args":{{"person":{{"id":"{id}",{PERSON}}},"balance":"{bal}"}}}}"#
            )
        };
        let (a, q) = (reg("a", "3000.00"), reg("q", "0.00"));
        log(&[
            ("2025-07-02T09:00", &a),
            ("2025-07-02T09:00", &q),
            (
                "2025-07-02T09:05",
                r#"{"type":"establish","args":{"sharer":"a","beneficiary":"q","kinship":"parent","mode":"wallet","commitment_signed":true}}"#,
            ),
            (
                "2025-07-02T09:10",
                r#"{"type":"grant","args":{"relationship":"R1","amount":"600.00"}}"#,
            ),
            (
                "2025-07-20T10:00",
                r#"{"type":"spend","args":{"sharer":"a","beneficiary":"q","amount":"150.00","reference":"B1","visit_type":"outpatient","institution":"H1"}}"#,
            ),
            (
                "2025-08-11T10:00",
                r#"{"type":"spend","args":{"sharer":"a","beneficiary":"q","amount":"70.00","reference":"B2","visit_type":"pharmacy"}}"#,
            ),
            (
                "2025-08-12T10:00",
                r#"{"type":"refund","args":{"reference":"B1"}}"#,
            ),
            (
                "2025-09-01T10:00",
                r#"{"type":"revoke","args":{"relationship":"R1","amount":"100.00"}}"#,
            ),
            (
                "2026-01-05T10:00",
                r#"{"type":"spend","args":{"sharer":"a","beneficiary":"q","amount":"30.00","reference":"B3"}}"#,
            ),
        ])
    }

    #[test]
    fn t1_statement_of_a_real_ledger_log() {
        let (state, events) = family();
        let st = statement(&StatementRequest {
            events,
            person: None,
            year: None,
        })
        .unwrap();
        assert_eq!(st.pairs.len(), 1);
        let p = &st.pairs[0];
        // 2025: spent 150.00 + 70.00 = 220.00, refunded 150.00; 2026: spent 30.00.
        assert_eq!(p.years[0].total.spent, m("220.00"));
        assert_eq!(p.years[0].total.refunded, m("150.00"));
        assert_eq!(p.years[0].months[1].month, "2025-08");
        assert_eq!(p.years[0].months[1].lines.len(), 2);
        assert_eq!(
            p.years[0].months[1].lines[1].visit_type,
            Some(VisitType::Outpatient)
        );
        assert_eq!(p.years[1].total.spent, m("30.00"));
        // The quota left is what the statement says: 600.00 − 100.00 − (250.00 − 150.00) = 400.00.
        let t = &p.total;
        let left = t.granted.as_decimal() - t.revoked.as_decimal() - t.spent.as_decimal()
            + t.refunded.as_decimal();
        assert_eq!(left, state.quota_available("R1").as_decimal());
        assert_eq!(left, m("400.00").as_decimal());
    }

    #[test]
    fn t1_year_filter_is_a_slice_of_the_whole() {
        let (_, events) = family();
        let whole = statement(&StatementRequest {
            events: events.clone(),
            person: None,
            year: None,
        })
        .unwrap();
        let y2026 = statement(&StatementRequest {
            events,
            person: Some("q".parse().unwrap()),
            year: Some(2026),
        })
        .unwrap();
        assert_eq!(y2026.pairs[0].years, whole.pairs[0].years[1..]);
    }
}
