//! The ledger of record (S-14, Q-8) under random sequences: grants, credits, ledger settlements and
//! reversals in any order, across the end of a year, in a Shenzhen family (virtual quotas, 50.00 kept
//! back) with a Hangzhou branch (in-province sharing of past years' money only).
//!
//! After every step: money is conserved to the fen (balances + open quotas + shared money spent and not
//! refunded + own-account payments not reversed = opening balances + credits, computed here); each
//! patient's year totals equal the sum of the contributions of that year's settlements not reversed;
//! this year's credits never exceed the balance. Every ledger settlement equals the stateless `settle`
//! fed the figures the ledger held just before; a reversal gives back exactly what was booked, once.

use std::collections::BTreeMap;

use gongji_core::policy::VisitType;
use gongji_core::settlement::{
    Accumulators, Category, FamilyFund, FundOrder, Item, ItemClass, Visit,
};
use gongji_core::wallet::{
    apply, shareable, Command, CreditKind, Event, RelationshipStatus, WalletState,
};
use gongji_core::{
    settle, Code, Date, DateTime, Enrollment, Kinship, Mode, Money, Person, PersonId, PolicyBook,
    Scheme, SettleRequest, Settlement,
};
use gongji_testing::{flow, ledger_total};
use proptest::prelude::*;

fn pid(s: &str) -> PersonId {
    s.parse().unwrap()
}

fn fen(f: u64) -> Money {
    Money::from_fen(f).unwrap()
}

fn fen_of(m: Money) -> i64 {
    i64::try_from(m.as_decimal().mantissa()).unwrap()
}

/// Persons: (id, region, opening balance in fen, this year's credits in fen).
const PERSONS: [(&str, &str, u64, u64); 6] = [
    ("p1", "440300", 80_000, 0),
    ("p2", "440300", 0, 0),
    ("s1", "440300", 500_000, 0),
    ("s2", "440300", 300_000, 0),
    ("h", "330100", 400_000, 150_000),
    ("hm", "330100", 20_000, 20_000),
];

/// Relationships (sharer, beneficiary, mode); Hangzhou's needs a review.
const RELS: [(&str, &str, Mode); 4] = [
    ("s1", "p1", Mode::Wallet),
    ("s2", "p1", Mode::Wallet),
    ("s1", "p2", Mode::Wallet),
    ("h", "hm", Mode::InProvince),
];

const PATIENTS: [&str; 3] = ["p1", "p2", "hm"];

#[derive(Clone, Debug)]
enum Op {
    Grant {
        rel: usize,
        amount: u64,
    },
    Credit {
        person: usize,
        amount: u64,
        kind: u8,
    },
    Settle {
        patient: usize,
        a: u64,
        c: u64,
        level: u8,
    },
    Reverse {
        k: usize,
    },
    Wait {
        days: u32,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..3usize, 1..60_000u64).prop_map(|(rel, amount)| Op::Grant { rel, amount }),
        2 => (0..6usize, 1..50_000u64, 0..3u8).prop_map(|(person, amount, kind)| Op::Credit { person, amount, kind }),
        4 => (0..3usize, 1..400_000u64, 0..50_000u64, 1..=3u8).prop_map(|(patient, a, c, level)| Op::Settle { patient, a, c, level }),
        3 => (0..40usize).prop_map(|k| Op::Reverse { k }),
        2 => (0..90u32).prop_map(|days| Op::Wait { days }),
    ]
}

struct World {
    book: PolicyBook,
    s: WalletState,
    now: DateTime,
    /// Opening balances and credits less what was paid and not given back, in fen (from the events).
    money_in: i64,
    /// Booked settlements in order, with whether the test reversed them.
    booked: Vec<(Settlement, bool)>,
    next: u32,
}

/// Balances + open quotas + pending transfers: what the state holds. Money spent has left it (Q-9: closed
/// spends leave the lists); `money_in` follows it from the events.
fn held(s: &WalletState) -> i64 {
    i64::try_from(ledger_total(s)).unwrap()
}

/// The embedded book with a reversal window longer than any run (S-9): this test reverses in any order
/// over years; closing at the window is `bounded_props`'s subject.
fn long_window_book() -> PolicyBook {
    PolicyBook::from_json(
        r#"{"schema":"gongji-policy/1","extends":"embedded","national":{"reversal_window_days":[{"from":"1900-01-01","value":36500,"grade":"example"}]}}"#,
    )
    .unwrap()
}

impl World {
    fn new() -> World {
        let mut w = World {
            book: long_window_book(),
            s: WalletState::default(),
            now: Date::new(2025, 11, 1).unwrap().at(9 * 60),
            money_in: 0,
            booked: Vec::new(),
            next: 0,
        };
        for (id, region, balance, credits) in PERSONS {
            let person = Person {
                id: pid(id),
                scheme: Scheme::Employee,
                region: region.parse().unwrap(),
                enrollment: Enrollment::Active,
                wallet_opened: true,
                retired: false,
            };
            w.must(Command::RegisterPerson {
                person,
                balance: fen(balance),
                current_year_credits: fen(credits),
            });
        }
        for (sharer, beneficiary, mode) in RELS {
            w.must(Command::Establish {
                sharer: pid(sharer),
                beneficiary: pid(beneficiary),
                kinship: Kinship::Parent,
                mode,
                commitment_signed: true,
            });
        }
        let pending: Vec<String> =
            w.s.relationships
                .iter()
                .filter(|r| r.status == RelationshipStatus::Pending)
                .map(|r| r.id.clone())
                .collect();
        for relationship in pending {
            w.must(Command::Review {
                relationship,
                approved: true,
            });
        }
        w
    }

    fn must(&mut self, c: Command) -> Vec<Event> {
        let a = apply(&self.book, &self.s, &c, self.now).unwrap_or_else(|e| panic!("{c:?}: {e}"));
        self.money_in += i64::try_from(flow(&a.events)).unwrap();
        self.s = a.state;
        a.events
    }

    fn rel_id(&self, sharer: &str, beneficiary: &str) -> String {
        self.s
            .relationships
            .iter()
            .find(|r| r.sharer == pid(sharer) && r.beneficiary == pid(beneficiary))
            .unwrap()
            .id
            .clone()
    }

    /// The request the ledger should build: the figures it holds now, computed here from the state.
    fn request(
        &self,
        reference: &str,
        patient: &str,
        visit: &Visit,
        items: &[Item],
    ) -> SettleRequest {
        let p = self.s.person(&pid(patient)).unwrap().clone();
        let mut funds = Vec::new();
        for r in self
            .s
            .relationships
            .iter()
            .filter(|r| r.status == RelationshipStatus::Active && r.beneficiary == p.id)
        {
            let (available, granted_at) = match r.mode {
                Mode::Wallet => (
                    self.s.quota_available(&r.id),
                    self.s
                        .quotas
                        .iter()
                        .filter(|q| q.relationship == r.id && !q.amount.is_zero())
                        .map(|q| q.granted_at)
                        .min(),
                ),
                Mode::InProvince => (
                    shareable(&self.book, &self.s, &r.sharer, self.now).unwrap(),
                    None,
                ),
            };
            if !available.is_zero() {
                funds.push(FamilyFund {
                    sharer: r.sharer.clone(),
                    mode: r.mode,
                    available,
                    granted_at,
                });
            }
        }
        SettleRequest {
            reference: reference.into(),
            date: self.now.date(),
            own_balance: self.s.account(&p.id).unwrap().balance,
            accumulators: self.s.year_totals(&p.id, self.now.date().year()),
            patient: p,
            visit: visit.clone(),
            items: items.to_vec(),
            presettlement: None,
            estimate: true,
            funds,
            fund_order: FundOrder::OldestGrant,
            explain: false,
        }
    }

    fn step(&mut self, op: &Op) {
        let before = held(&self.s);
        match op {
            Op::Wait { days } => {
                for _ in 0..*days {
                    self.now = self.now.date().next_day().at(9 * 60);
                }
            }
            Op::Grant { rel, amount } => {
                let (sharer, beneficiary, _) = RELS[*rel];
                let c = Command::Grant {
                    relationship: self.rel_id(sharer, beneficiary),
                    amount: fen(*amount),
                };
                if let Ok(a) = apply(&self.book, &self.s, &c, self.now) {
                    self.s = a.state;
                }
            }
            Op::Credit {
                person,
                amount,
                kind,
            } => {
                let kind =
                    [CreditKind::Monthly, CreditKind::Annual, CreditKind::Other][*kind as usize];
                self.must(Command::Credit {
                    person: pid(PERSONS[*person].0),
                    amount: fen(*amount),
                    kind,
                });
            }
            Op::Settle {
                patient,
                a,
                c,
                level,
            } => self.settle(PATIENTS[*patient], *a, *c, *level),
            Op::Reverse { k } => self.reverse(*k),
        }
        if matches!(op, Op::Grant { .. }) {
            assert_eq!(held(&self.s), before, "money moved by {op:?}");
        }
        self.check();
    }

    fn settle(&mut self, patient: &str, a: u64, c: u64, level: u8) {
        self.next += 1;
        let reference = format!("B{}", self.next);
        let visit = Visit {
            kind: VisitType::Outpatient,
            level: Some(level),
            designated: true,
            out_of_area: None,
        };
        let item = |name: &str, amount: u64, class: ItemClass| Item {
            name: name.into(),
            amount: fen(amount),
            class: Some(class),
            preselfpay_ratio: None,
            price_limit: None,
            category: Category::Drug,
        };
        let mut items = vec![item("a", a, ItemClass::A)];
        if c > 0 {
            items.push(item("c", c, ItemClass::C));
        }
        // The year may end before the command acts (Q-8): the ledger sees the state after that.
        let mut seen = self.s.clone();
        if seen
            .last_time
            .is_some_and(|t| t.date().year() < self.now.date().year())
        {
            for acct in &mut seen.accounts {
                acct.current_year_credits = Money::ZERO;
            }
        }
        let held_before = std::mem::replace(&mut self.s, seen);
        let req = self.request(&reference, patient, &visit, &items);
        self.s = held_before;
        let stateless = settle(&self.book, &req).unwrap();
        let ev = self.must(Command::Settle {
            reference: reference.clone(),
            date: self.now.date(),
            patient: pid(patient),
            visit,
            items,
            presettlement: None,
            estimate: true,
            explain: false,
            fund_order: None,
            institution: None,
        });
        let booked = ev
            .iter()
            .find_map(|e| match e {
                Event::Settled { settlement } => Some(settlement.as_ref().clone()),
                _ => None,
            })
            .unwrap();
        assert_eq!(
            booked, stateless,
            "S-14: the ledger settles as the stateless settle"
        );
        self.booked.push((booked, false));
    }

    fn reverse(&mut self, k: usize) {
        if self.booked.is_empty() {
            return;
        }
        let k = k % self.booked.len();
        let (s, reversed) = self.booked[k].clone();
        let c = Command::Reverse {
            reference: s.reference.clone(),
        };
        let patient_before = self.s.account(&s.patient).unwrap().balance;
        match apply(&self.book, &self.s, &c, self.now) {
            Ok(a) => {
                assert!(!reversed, "S-9: {} reversed twice", s.reference);
                let back =
                    fen_of(a.state.account(&s.patient).unwrap().balance) - fen_of(patient_before);
                assert_eq!(
                    back,
                    fen_of(s.self_acct_pay),
                    "S-9: the own account gets back what it paid"
                );
                self.money_in += i64::try_from(flow(&a.events)).unwrap();
                self.s = a.state;
                self.booked[k].1 = true;
            }
            Err(e) => {
                assert!(reversed, "{}: {e}", s.reference);
                assert_eq!(e.code, Code::SettlementAlreadyReversed);
            }
        }
    }

    fn check(&self) {
        assert_eq!(held(&self.s), self.money_in, "money not conserved");
        for a in &self.s.accounts {
            assert!(a.current_year_credits <= a.balance, "Q-8: {a:?}");
        }
        let mut sums: BTreeMap<(String, u16), [i64; 3]> = BTreeMap::new();
        for (s, reversed) in &self.booked {
            if *reversed {
                continue;
            }
            let (b, a) = (&s.accumulators_before, &s.accumulators_after);
            let e = sums
                .entry((s.patient.to_string(), s.date.year()))
                .or_default();
            e[0] += fen_of(a.deductible_met) - fen_of(b.deductible_met);
            e[1] += fen_of(a.fund_paid) - fen_of(b.fund_paid);
            e[2] += fen_of(a.in_scope_past_deductible) - fen_of(b.in_scope_past_deductible);
        }
        for patient in PATIENTS {
            for year in 2025..=2028 {
                let t: Accumulators = self.s.year_totals(&pid(patient), year);
                let want = sums
                    .get(&(patient.to_string(), year))
                    .copied()
                    .unwrap_or_default();
                let got = [
                    fen_of(t.deductible_met),
                    fen_of(t.fund_paid),
                    fen_of(t.in_scope_past_deductible),
                ];
                assert_eq!(
                    got, want,
                    "S-14: {patient}'s {year} totals are the sum of open contributions"
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn ledger_settle_and_reverse_in_any_order(ops in prop::collection::vec(op(), 1..40)) {
        let mut w = World::new();
        for op in &ops {
            w.step(op);
        }
        // Reverse everything still open, newest first: every balance and quota is back, totals are zero.
        for k in (0..w.booked.len()).rev() {
            if !w.booked[k].1 {
                w.reverse(k);
                w.check();
            }
        }
        for t in &w.s.accumulators {
            prop_assert_eq!(t.totals, Accumulators::default());
        }
        prop_assert!(w.s.spends.iter().all(|x| x.refunded));
    }
}
