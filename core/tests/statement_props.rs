//! T-1: the statement of any ordered log never panics; its sums agree with the events (a direct sum per
//! pair), with each other (pair = Σ years = Σ months) and with the filters (a year or a person is a slice
//! of the whole); a log out of time order is refused.

use gongji_core::policy::VisitType;
use gongji_core::wallet::{
    statement, EndReason, Event, Flows, LoggedEvent, Statement, StatementRequest,
};
use gongji_core::{DateTime, Money, PersonId};
use proptest::prelude::*;

const PAIRS: [(&str, &str); 3] = [("xm", "dad"), ("sis", "dad"), ("s", "m")];

fn pid(s: &str) -> PersonId {
    s.parse().unwrap()
}

/// One generated event: minutes after the previous one, its kind, its pair, its amount in fen.
type Step = (u32, u8, usize, u32);

fn at(minutes: u32) -> DateTime {
    // From 2024-12-01T00:00, over about three years at most.
    let (day, minute) = (minutes / 1440, minutes % 1440);
    let mut d: gongji_core::Date = "2024-12-01".parse().unwrap();
    for _ in 0..day {
        d = d.next_day();
    }
    d.at(minute as u16)
}

fn event(k: usize, kind: u8, pair: usize, fen: u32) -> Event {
    let (s, b) = PAIRS[pair % PAIRS.len()];
    let (sharer, beneficiary, relationship) = (pid(s), pid(b), format!("R{pair}"));
    let amount = Money::from_fen(u64::from(fen) + 1).unwrap();
    let reference = format!("B{}", k / 2);
    match kind % 8 {
        0 => Event::QuotaGranted {
            quota: format!("Q{k}"),
            relationship,
            sharer,
            beneficiary,
            amount,
            shareable_after: Money::ZERO,
        },
        1 => Event::QuotaRevoked {
            relationship,
            sharer,
            beneficiary,
            amount,
        },
        2 => Event::TransferSent {
            transfer: format!("T{k}"),
            relationship,
            sharer,
            beneficiary,
            amount,
            returns_at: at(0),
        },
        3 => Event::TransferAccepted {
            transfer: format!("T{k}"),
            quota: format!("Q{k}"),
            relationship,
            sharer,
            beneficiary,
            amount,
        },
        4 => Event::TransferReturned {
            transfer: format!("T{k}"),
            relationship,
            sharer,
            beneficiary,
            amount,
        },
        5 => Event::RelationshipDissolved {
            relationship,
            sharer,
            beneficiary,
            reason: EndReason::BySharer,
            returned: amount,
        },
        6 => Event::Spent {
            reference,
            relationship,
            sharer,
            beneficiary,
            amount,
            visit_type: (k % 3 == 0).then_some(VisitType::Outpatient),
            institution: (k % 2 == 0).then(|| "H1".into()),
        },
        _ => Event::Refunded {
            reference,
            relationship,
            sharer,
            beneficiary,
            amount,
        },
    }
}

fn log(steps: &[Step]) -> Vec<LoggedEvent> {
    let mut minutes = 0;
    steps
        .iter()
        .enumerate()
        .map(|(k, &(gap, kind, pair, fen))| {
            minutes += gap;
            LoggedEvent {
                at: at(minutes),
                event: event(k, kind, pair, fen),
            }
        })
        .collect()
}

fn run(events: Vec<LoggedEvent>, person: Option<&str>, year: Option<u16>) -> Statement {
    statement(&StatementRequest {
        events,
        person: person.map(pid),
        year,
    })
    .unwrap()
}

/// The eight sums of a period, as a list.
fn sums(f: &Flows) -> [Money; 8] {
    [
        f.granted,
        f.revoked,
        f.transfers_sent,
        f.transfers_accepted,
        f.transfers_returned,
        f.returned_at_end,
        f.spent,
        f.refunded,
    ]
}

fn add(a: [Money; 8], b: [Money; 8]) -> [Money; 8] {
    core::array::from_fn(|i| a[i].checked_add(b[i]).unwrap())
}

/// The direct oracle: each event's amount added to its kind's slot, per pair.
fn direct(events: &[LoggedEvent], sharer: &PersonId, beneficiary: &PersonId) -> [Money; 8] {
    let mut out = [Money::ZERO; 8];
    for e in events {
        let (slot, s, b, amount) = match &e.event {
            Event::QuotaGranted {
                sharer,
                beneficiary,
                amount,
                ..
            } => (0, sharer, beneficiary, amount),
            Event::QuotaRevoked {
                sharer,
                beneficiary,
                amount,
                ..
            } => (1, sharer, beneficiary, amount),
            Event::TransferSent {
                sharer,
                beneficiary,
                amount,
                ..
            } => (2, sharer, beneficiary, amount),
            Event::TransferAccepted {
                sharer,
                beneficiary,
                amount,
                ..
            } => (3, sharer, beneficiary, amount),
            Event::TransferReturned {
                sharer,
                beneficiary,
                amount,
                ..
            } => (4, sharer, beneficiary, amount),
            Event::RelationshipDissolved {
                sharer,
                beneficiary,
                returned,
                ..
            } => (5, sharer, beneficiary, returned),
            Event::Spent {
                sharer,
                beneficiary,
                amount,
                ..
            } => (6, sharer, beneficiary, amount),
            Event::Refunded {
                sharer,
                beneficiary,
                amount,
                ..
            } => (7, sharer, beneficiary, amount),
            _ => continue,
        };
        if s == sharer && b == beneficiary {
            out[slot] = out[slot].checked_add(*amount).unwrap();
        }
    }
    out
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec((0u32..40_000, 0u8..8, 0usize..3, 0u32..1_000_000), 0..60)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn t1_sums_agree_with_the_events_and_each_other(steps in steps()) {
        let events = log(&steps);
        let st = run(events.clone(), None, None);
        let mut lines = 0;
        for p in &st.pairs {
            prop_assert_eq!(sums(&p.total), direct(&events, &p.sharer, &p.beneficiary));
            let mut years = [Money::ZERO; 8];
            for y in &p.years {
                years = add(years, sums(&y.total));
                let mut months = [Money::ZERO; 8];
                for m in &y.months {
                    let prefix = format!("{}-", y.year);
                    prop_assert!(m.month.starts_with(&prefix));
                    months = add(months, sums(&m.total));
                    lines += m.lines.len();
                }
                prop_assert_eq!(months, sums(&y.total));
            }
            prop_assert_eq!(years, sums(&p.total));
        }
        let moving = events
            .iter()
            .filter(|e| matches!(e.event, Event::Spent { .. } | Event::Refunded { .. }))
            .count();
        prop_assert_eq!(lines, moving);
    }

    #[test]
    fn t1_filters_are_slices_of_the_whole(steps in steps(), year in 2024u16..2028, who in 0usize..4) {
        let events = log(&steps);
        let whole = run(events.clone(), None, None);
        let by_year = run(events.clone(), None, Some(year));
        let want: Vec<_> = whole
            .pairs
            .iter()
            .filter_map(|p| p.years.iter().find(|y| y.year == year).map(|y| (&p.sharer, y)))
            .collect();
        prop_assert_eq!(by_year.pairs.len(), want.len());
        for (p, (sharer, y)) in by_year.pairs.iter().zip(want) {
            prop_assert_eq!(&p.sharer, sharer);
            prop_assert_eq!(&p.years, &vec![y.clone()]);
            prop_assert_eq!(&p.total, &y.total);
        }
        let person = ["xm", "dad", "m", "nobody"][who];
        let by_person = run(events, Some(person), None);
        let want: Vec<_> = whole
            .pairs
            .iter()
            .filter(|p| p.sharer.as_str() == person || p.beneficiary.as_str() == person)
            .cloned()
            .collect();
        prop_assert_eq!(by_person.pairs, want);
    }

    #[test]
    fn t1_a_log_out_of_order_is_refused(steps in steps(), k in 0usize..60) {
        let mut events = log(&steps);
        prop_assume!(events.len() >= 2);
        let k = 1 + k % (events.len() - 1);
        prop_assume!(events[k].at > events[k - 1].at);
        events.swap(k - 1, k);
        let e = statement(&StatementRequest { events, person: None, year: None }).unwrap_err();
        prop_assert_eq!(e.code(), "TIME_WENT_BACK");
        prop_assert_eq!(e.field, format!("events[{k}].at"));
    }
}
