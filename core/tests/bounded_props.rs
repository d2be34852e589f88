//! Q-9 over ten simulated years of daily activity: the ledger's state stays bounded by what is open, and
//! money is conserved to the fen although closed items leave the lists.
//!
//! A Shenzhen family: g shares with p through the wallet (virtual quotas), h with p in-province; p's own
//! account is small, so bills draw on both. Every day brings one command picked by the strategy (grant,
//! revoke, spend, refund, ledger settle, ledger reverse, credit, nothing); the first of each month brings
//! the monthly credits, the first of each year a revoke of every unspent quota (the family's own
//! habit). After every step (`gongji_testing::step_flow`): the state validates, money held equals what
//! came in less what left, both told by events, no closed item stays. Each year: nothing older
//! than the reversal window (S-9, 365 days in the embedded book) is left, and the state's size in years
//! 2–10 stays within twice its largest size in year 1. At the end, p's year totals equal the sum of the
//! contributions of that year's settlements not reversed (S-14), from the events alone.

use std::collections::BTreeMap;

use gongji_core::json::to_json;
use gongji_core::policy::VisitType;
use gongji_core::settlement::{Category, Item, ItemClass, Visit};
use gongji_core::wallet::{Command, CreditKind, Event, WalletState};
use gongji_core::{Code, Scheme};
use gongji_core::{Date, DateTime, Enrollment, Kinship, Mode, Money, Person, PersonId, PolicyBook};
use gongji_testing::{flow, ledger_total, step_applied};
use proptest::prelude::*;

fn pid(s: &str) -> PersonId {
    s.parse().unwrap()
}

fn fen(f: u64) -> Money {
    Money::from_fen(f).unwrap()
}

fn fen_of(m: Money) -> i128 {
    m.as_decimal().mantissa()
}

/// Reversal window of the embedded book (S-9), in days.
const WINDOW: u32 = 365;

struct World {
    book: PolicyBook,
    s: WalletState,
    now: DateTime,
    /// Opening balances and credits less money spent or paid and not given back, in fen (events).
    money: i128,
    /// Spends and bookings made, by reference: (day number made, refunded/reversed).
    spends: Vec<(String, u32, bool)>,
    bookings: Vec<(String, u32, bool)>,
    /// Contributions of each booking to p's year totals, by reference: (year, [deductible, fund, scope]).
    contributions: BTreeMap<String, (u16, [i128; 3])>,
    next: u32,
}

impl World {
    fn new() -> World {
        let mut w = World {
            book: PolicyBook::embedded(),
            s: WalletState::default(),
            now: Date::new(2025, 7, 1).unwrap().at(8 * 60),
            money: 0,
            spends: Vec::new(),
            bookings: Vec::new(),
            contributions: BTreeMap::new(),
            next: 0,
        };
        for (id, balance) in [("g", 500_000), ("h", 300_000), ("p", 10_000)] {
            let person = Person {
                id: pid(id),
                scheme: Scheme::Employee,
                region: "440300".parse().unwrap(),
                enrollment: Enrollment::Active,
                wallet_opened: true,
                retired: false,
            };
            w.must(Command::RegisterPerson {
                person,
                balance: fen(balance),
                current_year_credits: Money::ZERO,
            });
        }
        for (sharer, mode) in [("g", Mode::Wallet), ("h", Mode::InProvince)] {
            w.must(Command::Establish {
                sharer: pid(sharer),
                beneficiary: pid("p"),
                kinship: Kinship::Child,
                mode,
                commitment_signed: true,
            });
        }
        w
    }

    fn today(&self) -> u32 {
        self.now.date().day_number()
    }

    /// Applies a command through the shared oracle (conservation, soundness); money moved is taken
    /// from the events.
    fn try_apply(&mut self, c: Command) -> Result<Vec<Event>, gongji_core::Error> {
        let a = step_applied(&self.book, &self.s, &c, self.now)?;
        self.money += flow(&a.events);
        self.s = a.state;
        Ok(a.events)
    }

    /// Whether the state still holds a spend or a booking.
    fn holds(&self, reference: &str) -> bool {
        self.s.spends.iter().any(|x| x.reference == reference)
            || self.s.settlements.iter().any(|b| b.reference == reference)
    }

    /// S-9, Q-9: the refusal a refund or reversal must get: unknown once closed (only ever past the
    /// window), window closed while still held past it, else already done.
    fn refusal(&self, reference: &str, day: u32, done: bool, unknown: Code, again: Code) -> Code {
        if !self.holds(reference) {
            assert!(self.today() > day + WINDOW, "Q-9: {reference} closed early");
            unknown
        } else if self.today() > day + WINDOW {
            Code::ReversalWindowClosed
        } else {
            assert!(done, "{reference} refused");
            again
        }
    }

    fn must(&mut self, c: Command) -> Vec<Event> {
        let shown = format!("{c:?}");
        self.try_apply(c).unwrap_or_else(|e| panic!("{shown}: {e}"))
    }

    fn grant(&mut self, fen_amount: u64) {
        let _ = self.try_apply(Command::Grant {
            relationship: "R1".into(),
            amount: fen(fen_amount),
        });
    }

    fn spend(&mut self, fen_amount: u64) {
        self.next += 1;
        let reference = format!("D{}", self.next);
        let c = Command::Spend {
            sharer: pid("g"),
            beneficiary: pid("p"),
            amount: fen(fen_amount),
            reference: reference.clone(),
            visit_type: None,
            institution: None,
        };
        if self.try_apply(c).is_ok() {
            let day = self.today();
            self.spends.push((reference, day, false));
        }
    }

    fn refund(&mut self, pick: usize) {
        if self.spends.is_empty() {
            return;
        }
        let k = self.spends.len() - 1 - pick % self.spends.len().min(20);
        let (reference, day, refunded) = self.spends[k].clone();
        match self.try_apply(Command::Refund {
            reference: reference.clone(),
        }) {
            Ok(_) => {
                assert!(
                    !refunded && self.today() <= day + WINDOW,
                    "S-9: {reference}"
                );
                self.spends[k].2 = true;
            }
            Err(e) => {
                let want = self.refusal(
                    &reference,
                    day,
                    refunded,
                    Code::SpendUnknown,
                    Code::SpendAlreadyRefunded,
                );
                assert_eq!(e.code, want, "{reference}: {e}");
            }
        }
    }

    fn settle(&mut self, fen_amount: u64) {
        self.next += 1;
        let reference = format!("L{}", self.next);
        let c = Command::Settle {
            reference: reference.clone(),
            date: self.now.date(),
            patient: pid("p"),
            visit: Visit {
                kind: VisitType::Outpatient,
                level: Some(1),
                designated: true,
                out_of_area: None,
            },
            items: vec![Item {
                name: "药品 drug".into(),
                amount: fen(fen_amount),
                class: Some(ItemClass::A),
                preselfpay_ratio: None,
                price_limit: None,
                category: Category::Drug,
            }],
            presettlement: None,
            explain: false,
            fund_order: None,
            institution: None,
            // Shenzhen has only the national example rows (P-4).
            estimate: true,
        };
        let events = self.must(c);
        let st = events
            .iter()
            .find_map(|e| match e {
                Event::Settled { settlement } => Some(settlement.clone()),
                _ => None,
            })
            .expect("S-14: a settled event");
        let (b, a) = (&st.accumulators_before, &st.accumulators_after);
        let d = [
            fen_of(a.deductible_met) - fen_of(b.deductible_met),
            fen_of(a.fund_paid) - fen_of(b.fund_paid),
            fen_of(a.in_scope_past_deductible) - fen_of(b.in_scope_past_deductible),
        ];
        self.contributions
            .insert(reference.clone(), (st.date.year(), d));
        let day = self.today();
        self.bookings.push((reference, day, false));
    }

    fn reverse(&mut self, pick: usize) {
        if self.bookings.is_empty() {
            return;
        }
        let k = self.bookings.len() - 1 - pick % self.bookings.len().min(20);
        let (reference, day, reversed) = self.bookings[k].clone();
        match self.try_apply(Command::Reverse {
            reference: reference.clone(),
        }) {
            Ok(_) => {
                assert!(
                    !reversed && self.today() <= day + WINDOW,
                    "S-9: {reference}"
                );
                self.bookings[k].2 = true;
            }
            Err(e) => {
                let want = self.refusal(
                    &reference,
                    day,
                    reversed,
                    Code::SettlementUnknown,
                    Code::SettlementAlreadyReversed,
                );
                assert_eq!(e.code, want, "{reference}: {e}");
            }
        }
    }

    /// The day's fixed habits: monthly credits, a yearly revoke of every unspent quota.
    fn habits(&mut self) {
        let d = self.now.date().to_string();
        if d.ends_with("-01") {
            for who in ["g", "h", "p"] {
                self.must(Command::Credit {
                    person: pid(who),
                    amount: fen(20_000),
                    kind: CreditKind::Monthly,
                });
            }
        }
        if d.ends_with("-01-01") {
            let _ = self.try_apply(Command::Revoke {
                relationship: "R1".into(),
                amount: None,
            });
        }
    }

    fn day(&mut self, op: u8, pick: u8) {
        self.habits();
        let amount = 100 + u64::from(pick) * 97;
        match op % 8 {
            0 => self.grant(amount * 10),
            1 => {
                let _ = self.try_apply(Command::Revoke {
                    relationship: "R1".into(),
                    amount: Some(fen(amount)),
                });
            }
            2 | 3 => self.spend(amount),
            4 => self.refund(pick.into()),
            5 => self.settle(amount * 3),
            6 => self.reverse(pick.into()),
            _ => {}
        }
    }

    /// nothing closed stays, nothing older than the window is left.
    fn check_bounded(&self) {
        // Closing happens in every command applied: measure from the last one.
        let today = self.s.last_time.map_or(0, |t| t.date().day_number());
        for x in &self.s.spends {
            assert!(x.at.date().day_number() + WINDOW >= today, "Q-9: {x:?}");
        }
        for b in &self.s.settlements {
            assert!(b.date.day_number() + WINDOW >= today, "Q-9: {b:?}");
        }
        assert!(self.s.transfers.is_empty());
        assert_eq!(self.s.relationships.len(), 2);
        assert_eq!(ledger_total(&self.s), self.money, "money not conserved");
    }

    /// S-14: p's totals in each year equal the contributions of that year's bookings not reversed.
    fn check_totals(&self) {
        let mut sums: BTreeMap<u16, [i128; 3]> = BTreeMap::new();
        for (reference, _, reversed) in &self.bookings {
            if !reversed {
                let (year, d) = self.contributions[reference];
                let e = sums.entry(year).or_default();
                for i in 0..3 {
                    e[i] += d[i];
                }
            }
        }
        for (year, want) in sums {
            let t = self.s.year_totals(&pid("p"), year);
            let got = [
                fen_of(t.deductible_met),
                fen_of(t.fund_paid),
                fen_of(t.in_scope_past_deductible),
            ];
            assert_eq!(got, want, "S-14: p's {year} totals");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, .. ProptestConfig::default() })]

    #[test]
    fn q9_ten_years_of_daily_activity_stay_bounded(
        days in prop::collection::vec((any::<u8>(), any::<u8>()), 3653)
    ) {
        let mut w = World::new();
        let mut year_one_max = 0usize;
        for (n, (op, pick)) in days.iter().enumerate() {
            w.now = w.now.date().next_day().at(9 * 60);
            w.day(*op, *pick);
            if n % 7 == 0 {
                w.check_bounded();
                let size = to_json(&w.s).len();
                if n < 366 {
                    year_one_max = year_one_max.max(size);
                } else {
                    prop_assert!(
                        size <= 2 * year_one_max,
                        "Q-9: day {n}: {size} bytes, year one's largest {year_one_max}"
                    );
                }
            }
        }
        prop_assert_eq!(w.now.date().year(), 2035);
        if std::env::var_os("BOUNDED_STATS").is_some() {
            let refunded = w.spends.iter().filter(|x| x.2).count();
            let reversed = w.bookings.iter().filter(|x| x.2).count();
            eprintln!(
                "spends {} (refunded {refunded}), bookings {} (reversed {reversed}), state: {} spends, {} settlements, {} quotas, {} bytes, year one {year_one_max}",
                w.spends.len(), w.bookings.len(), w.s.spends.len(), w.s.settlements.len(), w.s.quotas.len(), to_json(&w.s).len()
            );
        }
        w.check_bounded();
        w.check_totals();
        // Closed items left the state: at most a window's worth of daily spends and bookings remain (a
        // day brings one spend, or one booking with up to two sharers' spends).
        prop_assert!(w.s.spends.len() + w.s.settlements.len() <= 3 * (WINDOW as usize + 2));
    }
}
