//! Invariants across the whole core: random sequences mixing wallet commands, settlements funded from the
//! ledger (their spends applied to it) and reversals (their refunds applied), in four families:
//! Beijing 110000 with a parent in Jinan (virtual quota, reserved minimum 10), Jinan 370100 (one sharer per
//! beneficiary, resident small sharing, no account money for 全自费), Shanghai 310000 (the 2025 transfer
//! model) and Hangzhou 330100 (in-province with review, only past years' balance shareable).
//!
//! After every step: money is conserved to the fen (computed here, not by the core), no quota holds more
//! than was granted less what was spent, every settlement's S-8 identities hold, a settlement's spends all
//! apply, an immediate reversal restores every balance and quota exactly, and no beneficiary spends a
//! relative's money without an active relationship (a spend on a stale fund list must fail).
//!
//! Operations are drawn the way a client would draw them (amounts within what is shareable or available,
//! transfers in the daytime), with a share deliberately out of bounds, so that most succeed and the
//! refusals are the ones the rules call for.

use gongji_core::eligibility::Mode;
use gongji_core::policy::VisitType;
use gongji_core::settlement::{
    Accumulators, Category, FamilyFund, FundOrder, Item, ItemClass, Visit,
};
use gongji_core::wallet::{
    shareable, Command, QuotaOrigin, RelationshipStatus, TransferStatus, WalletState,
};
use gongji_core::{
    reverse, settle, Code, Date, DateTime, Enrollment, Kinship, Money, Person, PersonId,
    PolicyBook, Ratio, Scheme, SettleRequest, Settlement,
};
use gongji_testing::{identities, ledger_total, pid, step_flow, sum};
use proptest::prelude::*;

fn fen(f: u64) -> Money {
    Money::from_fen(f).unwrap()
}

fn fen_of(m: Money) -> u64 {
    u64::try_from(m.as_decimal().mantissa()).unwrap()
}

/// Minutes since 2025-07-01T00:00 as a time.
fn at(minutes: u32) -> DateTime {
    let mut d = Date::new(2025, 7, 1).unwrap();
    for _ in 0..(minutes / 1440) {
        d = d.next_day();
    }
    d.at((minutes % 1440) as u16)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Family {
    Beijing,
    Jinan,
    Shanghai,
    Hangzhou,
}

struct Member {
    id: &'static str,
    scheme: Scheme,
    region: &'static str,
    balance: u64,
    credits: u64,
}

const fn member(
    id: &'static str,
    scheme: Scheme,
    region: &'static str,
    balance: u64,
    credits: u64,
) -> Member {
    Member {
        id,
        scheme,
        region,
        balance,
        credits,
    }
}

impl Family {
    fn members(self) -> Vec<Member> {
        use Scheme::*;
        match self {
            // 小明 and his sister in Beijing, their father insured in Jinan, 小明's wife a resident in Beijing.
            Family::Beijing => vec![
                member("xm", Employee, "110000", 500_000, 0),
                member("sis", Employee, "110000", 300_000, 0),
                member("dad", Resident, "370100", 0, 0),
                member("wife", Resident, "110000", 20_000, 0),
            ],
            Family::Jinan => vec![
                member("x", Employee, "370100", 400_000, 0),
                member("y", Employee, "370100", 200_000, 0),
                member("z", Resident, "370100", 30_000, 0),
                member("q", Resident, "370100", 0, 0),
            ],
            Family::Shanghai => vec![
                member("s1", Employee, "310000", 800_000, 0),
                member("s2", Employee, "310000", 100_000, 0),
                member("s3", Resident, "310000", 0, 0),
                member("s4", Employee, "310000", 0, 0),
            ],
            Family::Hangzhou => vec![
                member("h1", Employee, "330100", 600_000, 100_000),
                member("h2", Employee, "330100", 200_000, 150_000),
                member("h3", Resident, "330100", 0, 0),
                member("h4", Resident, "330200", 10_000, 0),
            ],
        }
    }

    /// Relationships to establish: sharer, beneficiary, kinship, mode.
    fn relationships(self) -> Vec<(&'static str, &'static str, Kinship, Mode)> {
        use Kinship::*;
        use Mode::*;
        match self {
            Family::Beijing => vec![
                ("xm", "dad", Parent, Wallet),
                ("xm", "wife", Spouse, Wallet),
                ("sis", "wife", Sibling, Wallet),
                ("sis", "xm", Sibling, InProvince),
            ],
            Family::Jinan => vec![
                ("x", "q", Parent, Wallet),
                ("y", "z", Sibling, InProvince),
                ("z", "x", Sibling, InProvince),
            ],
            Family::Shanghai => vec![
                ("s1", "s3", Parent, Wallet),
                ("s2", "s3", Parent, Wallet),
                ("s1", "s4", Child, Wallet),
            ],
            Family::Hangzhou => vec![
                ("h1", "h3", Parent, InProvince),
                ("h1", "h4", SpouseParent, InProvince),
                ("h2", "h3", Parent, InProvince),
            ],
        }
    }
}

/// What a host keeps besides the ledger.
struct World {
    book: PolicyBook,
    s: WalletState,
    /// Money registered, less what was spent and not given back, in fen (from the events): what the
    /// ledger must always hold in balances, open quotas and pending transfers.
    registered: i128,
    minute: u32,
    /// Settlements not yet reversed.
    open: Vec<Settlement>,
    /// Fund lists offered to earlier bills: stale once a relationship ends.
    stale: Vec<(PersonId, Vec<FamilyFund>)>,
    next_ref: u32,
}

impl World {
    fn new(family: Family) -> World {
        let book = PolicyBook::embedded();
        let mut w = World {
            book,
            s: WalletState::default(),
            registered: 0,
            minute: 9 * 60,
            open: Vec::new(),
            stale: Vec::new(),
            next_ref: 1,
        };
        for m in family.members() {
            let person = Person {
                id: pid(m.id),
                scheme: m.scheme,
                region: m.region.parse().unwrap(),
                enrollment: Enrollment::Active,
                wallet_opened: true,
                retired: false,
            };
            w.must(Command::RegisterPerson {
                person,
                balance: fen(m.balance),
                current_year_credits: fen(m.credits),
            });
        }
        for (a, b, kinship, mode) in family.relationships() {
            w.must(Command::Establish {
                sharer: pid(a),
                beneficiary: pid(b),
                kinship,
                mode,
                commitment_signed: true,
            });
        }
        // E-6: Hangzhou reviews in-province relationships; approve them all.
        let pending: Vec<String> =
            w.s.relationships
                .iter()
                .filter(|r| r.status == RelationshipStatus::Pending)
                .map(|r| r.id.clone())
                .collect();
        if family == Family::Hangzhou {
            assert_eq!(pending.len(), 3, "Hangzhou reviews every relationship");
        }
        for id in pending {
            w.must(Command::Review {
                relationship: id,
                approved: true,
            });
        }
        let active =
            w.s.relationships
                .iter()
                .filter(|r| r.status == RelationshipStatus::Active)
                .count();
        assert_eq!(active, family.relationships().len());
        w
    }

    fn now(&self) -> DateTime {
        at(self.minute)
    }

    fn must(&mut self, c: Command) {
        if let Err(e) = self.step(&c) {
            panic!("{c:?}: {e}");
        }
    }

    /// Applies a command, checking conservation, quota bounds, E-9 and the active-relationship rule.
    fn step(&mut self, c: &Command) -> Result<(), gongji_core::Error> {
        let (s, moved) = step_flow(&self.book, &self.s, c, self.now())?;
        self.s = s;
        // money spent leaves the state (closed spends leave the lists); the events tell it.
        self.registered += moved;
        Ok(())
    }

    fn active_wallet(&self) -> Vec<(String, PersonId)> {
        self.s
            .relationships
            .iter()
            .filter(|r| r.status == RelationshipStatus::Active && r.mode == Mode::Wallet)
            .map(|r| (r.id.clone(), r.sharer.clone()))
            .collect()
    }

    /// The funds a host offers for `patient`: unspent quotas, and in-province sharers' shareable balance.
    fn funds(&self, patient: &PersonId) -> Vec<FamilyFund> {
        let now = self.now();
        self.s
            .relationships
            .iter()
            .filter(|r| r.status == RelationshipStatus::Active && &r.beneficiary == patient)
            .map(|r| match r.mode {
                Mode::Wallet => FamilyFund {
                    sharer: r.sharer.clone(),
                    mode: Mode::Wallet,
                    available: self.s.quota_available(&r.id),
                    granted_at: self
                        .s
                        .quotas
                        .iter()
                        .filter(|q| q.relationship == r.id && !q.amount.is_zero())
                        .map(|q| q.granted_at)
                        .min(),
                },
                Mode::InProvince => FamilyFund {
                    sharer: r.sharer.clone(),
                    mode: Mode::InProvince,
                    available: shareable(&self.book, &self.s, &r.sharer, now).unwrap(),
                    granted_at: None,
                },
            })
            .collect()
    }
}

/// `pct`% of `of`, at least one fen when `of` is not zero.
fn part(of: Money, pct: u8) -> Money {
    let f = fen_of(of);
    fen((f * u64::from(pct) / 100).max(1).min(f.max(1)))
}

#[derive(Clone, Debug)]
struct Line {
    fen: u64,
    class: u8,
    ratio: u16,
    limit: Option<u64>,
    category: u8,
}

fn line() -> impl Strategy<Value = Line> {
    (
        1u64..=300_000,
        0u8..3,
        0u16..=3_000,
        prop::option::of(1u64..=300_000),
        0u8..16,
    )
        .prop_map(|(fen, class, ratio, limit, category)| Line {
            fen,
            class,
            ratio,
            limit,
            category,
        })
}

#[derive(Clone, Debug)]
struct Bill {
    visit: u8,
    level: u8,
    lines: Vec<Line>,
    own: u64,
    deductible_met: u64,
    listed: bool,
}

fn bill() -> impl Strategy<Value = Bill> {
    (
        0u8..4,
        1u8..=3,
        prop::collection::vec(line(), 1..6),
        0u64..=100_000,
        0u64..=200_000,
        any::<bool>(),
    )
        .prop_map(|(visit, level, lines, own, deductible_met, listed)| Bill {
            visit,
            level,
            lines,
            own,
            deductible_met,
            listed,
        })
}

impl Bill {
    fn request(
        &self,
        reference: String,
        date: Date,
        patient: Person,
        funds: Vec<FamilyFund>,
    ) -> SettleRequest {
        let kind = [
            VisitType::Outpatient,
            VisitType::Inpatient,
            VisitType::SpecialOutpatient,
            VisitType::Pharmacy,
        ][usize::from(self.visit % 4)];
        let items = self
            .lines
            .iter()
            .map(|l| {
                // Mostly medical lines; some goods accounts may not pay (S-6), always class c.
                let category = match l.category {
                    0..=3 => Category::Drug,
                    4..=6 => Category::Service,
                    7 | 8 => Category::Consumable,
                    9 | 10 => Category::Device,
                    11 => Category::HealthProduct,
                    12 => Category::Vaccine,
                    13 => Category::Checkup,
                    14 => Category::Cosmetic,
                    _ => Category::DailyGoods,
                };
                let class = if category.medical() {
                    [ItemClass::A, ItemClass::B, ItemClass::C][usize::from(l.class)]
                } else {
                    ItemClass::C
                };
                let ratio = (class == ItemClass::B)
                    .then(|| Ratio::parse(&format!("0.{:04}", l.ratio.min(9_999))).unwrap());
                Item {
                    name: "项目".into(),
                    amount: fen(l.fen),
                    class: Some(class),
                    preselfpay_ratio: ratio,
                    price_limit: if class == ItemClass::C {
                        None
                    } else {
                        l.limit.map(fen)
                    },
                    category,
                }
            })
            .collect();
        SettleRequest {
            reference,
            date,
            patient,
            own_balance: fen(self.own),
            visit: Visit {
                kind,
                level: Some(self.level),
                designated: true,
                out_of_area: None,
            },
            items,
            presettlement: None,
            estimate: true,
            accumulators: Accumulators {
                deductible_met: fen(self.deductible_met),
                fund_paid: Money::ZERO,
                in_scope_past_deductible: Money::ZERO,
                ..Accumulators::default()
            },
            funds,
            // E-10: half the bills without their trace; the invariants hold either way.
            explain: self.deductible_met % 2 == 0,
            fund_order: if self.listed {
                FundOrder::AsListed
            } else {
                FundOrder::OldestGrant
            },
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    /// Grant (virtual quota) or transfer (transfer model) part of the sharer's shareable balance.
    Fund {
        rel: u8,
        pct: u8,
        over: bool,
    },
    Revoke {
        rel: u8,
        pct: Option<u8>,
    },
    Accept {
        t: u8,
    },
    Wait {
        minutes: u16,
    },
    Settle {
        patient: u8,
        bill: Bill,
        reverse_now: bool,
    },
    Reverse {
        k: u8,
    },
    Refund {
        k: u8,
    },
    Spend {
        rel: u8,
        pct: u8,
    },
    Dissolve {
        rel: u8,
        by_sharer: bool,
    },
    /// Spend through a fund list offered before: refused once its relationship has ended.
    Stale {
        k: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (any::<u8>(), 1u8..=100, prop::bool::weighted(0.1)).prop_map(|(rel, pct, over)| Op::Fund { rel, pct, over }),
        2 => (any::<u8>(), prop::option::of(1u8..=100)).prop_map(|(rel, pct)| Op::Revoke { rel, pct }),
        4 => any::<u8>().prop_map(|t| Op::Accept { t }),
        3 => (0u16..=600).prop_map(|minutes| Op::Wait { minutes }),
        8 => (any::<u8>(), bill(), any::<bool>()).prop_map(|(patient, bill, reverse_now)| Op::Settle { patient, bill, reverse_now }),
        3 => any::<u8>().prop_map(|k| Op::Reverse { k }),
        1 => any::<u8>().prop_map(|k| Op::Refund { k }),
        2 => (any::<u8>(), 1u8..=100).prop_map(|(rel, pct)| Op::Spend { rel, pct }),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(rel, by_sharer)| Op::Dissolve { rel, by_sharer }),
        1 => any::<u8>().prop_map(|k| Op::Stale { k }),
    ]
}

fn pick<T: Clone>(v: &[T], i: u8) -> Option<T> {
    (!v.is_empty()).then(|| v[usize::from(i) % v.len()].clone())
}

fn code(e: gongji_core::Error) -> Code {
    e.code
}

fn run(w: &mut World, op: &Op) {
    let now = w.now();
    match op {
        Op::Wait { minutes } => {
            w.minute += u32::from(*minutes);
            // Clients act in the daytime, 08:00 to 21:00: otherwise at the next 08:00.
            let day = w.minute / 1440;
            match w.minute % 1440 {
                m if m >= 21 * 60 => w.minute = (day + 1) * 1440 + 8 * 60,
                m if m < 8 * 60 => w.minute = day * 1440 + 8 * 60,
                _ => {}
            }
            let r = w.step(&Command::Tick).map_err(code);
            assert!(r.is_ok());
        }
        Op::Fund { rel, pct, over } => {
            // A client does not offer a second transfer while one to the same receiver waits.
            let waiting = |id: &String| {
                w.s.relationships
                    .iter()
                    .find(|r| &r.id == id)
                    .is_some_and(|r| {
                        w.s.transfers.iter().any(|t| {
                            t.beneficiary == r.beneficiary && t.status == TransferStatus::Pending
                        })
                    })
            };
            let open: Vec<_> = w
                .active_wallet()
                .into_iter()
                .filter(|(id, _)| !waiting(id))
                .collect();
            let Some((id, sharer)) = pick(&open, *rel) else {
                return;
            };
            let can = shareable(&w.book, &w.s, &sharer, now).unwrap();
            let transfer = w
                .book
                .resolve(w.s.person(&sharer).unwrap().region, now.date())
                .unwrap()
                .wallet_model
                == &gongji_core::policy::WalletModel::Transfer;
            let mut amount = if *over {
                can.checked_add(fen(1)).unwrap()
            } else {
                part(can, *pct)
            };
            if transfer && !*over {
                amount = amount.min(fen(200_000));
            }
            let c = if transfer {
                Command::Transfer {
                    relationship: id,
                    amount,
                }
            } else {
                Command::Grant {
                    relationship: id,
                    amount,
                }
            };
            let r = w.step(&c).map_err(code);
            if *over {
                assert!(r.is_err(), "granted past the shareable balance");
            }
        }
        Op::Revoke { rel, pct } => {
            let revocable: Vec<(String, Money)> = w
                .active_wallet()
                .into_iter()
                .map(|(id, _)| {
                    let m = sum(w
                        .s
                        .quotas
                        .iter()
                        .filter(|q| q.relationship == id && q.origin == QuotaOrigin::Granted)
                        .map(|q| q.amount));
                    (id, m)
                })
                .filter(|(_, m)| !m.is_zero())
                .collect();
            let Some((id, m)) = pick(&revocable, *rel) else {
                return;
            };
            let c = Command::Revoke {
                relationship: id,
                amount: pct.map(|p| part(m, p)),
            };
            let r = w.step(&c).map_err(code);
            assert!(r.is_ok(), "Q-3: revoking at most the unspent part: {r:?}");
        }
        Op::Accept { t } => {
            let pending: Vec<_> =
                w.s.transfers
                    .iter()
                    .filter(|x| x.status == TransferStatus::Pending)
                    .cloned()
                    .collect();
            let Some(tr) = pick(&pending, *t) else { return };
            let c = Command::Accept {
                transfer: tr.id.clone(),
                by: tr.beneficiary.clone(),
            };
            let r = w.step(&c).map_err(code);
            assert!(
                r.is_ok(),
                "Q-5: the receiver accepts before the deadline: {r:?}"
            );
        }
        Op::Settle {
            patient,
            bill,
            reverse_now,
        } => {
            let patients: Vec<PersonId> =
                w.s.relationships
                    .iter()
                    .filter(|r| r.status == RelationshipStatus::Active)
                    .map(|r| r.beneficiary.clone())
                    .collect();
            let Some(p) = pick(&patients, *patient) else {
                return;
            };
            let person = w.s.person(&p).unwrap().clone();
            let funds = w.funds(&p);
            let reference = format!("B{}", w.next_ref);
            w.next_ref += 1;
            let req = bill.request(reference, now.date(), person, funds.clone());
            let s = settle(&w.book, &req).unwrap_or_else(|e| panic!("settle {req:?}: {e}"));
            identities(&s);
            assert_eq!(s.verify(), Ok(()));
            let before = w.s.clone();
            for c in &s.wallet_commands {
                w.step(&c.into())
                    .unwrap_or_else(|e| panic!("a settlement's spend {c:?} failed: {e}"));
            }
            // Each sharer lost exactly its part.
            for part in &s.mulaid_by_sharer {
                let was = funds.iter().find(|f| f.sharer == part.sharer).unwrap();
                assert_eq!(was.available, part.available);
            }
            let moved: u64 = s.mulaid_by_sharer.iter().map(|p| fen_of(p.amount)).sum();
            let held = |st: &WalletState| -> u64 {
                st.accounts.iter().map(|a| fen_of(a.balance)).sum::<u64>()
                    + st.quotas.iter().map(|q| fen_of(q.amount)).sum::<u64>()
            };
            assert_eq!(
                held(&before) - held(&w.s),
                moved,
                "S-5: the ledger gave exactly acct_mulaid_pay"
            );
            w.stale.push((p, funds));
            if *reverse_now {
                let r = reverse(&w.book, &s).unwrap();
                // S-9 deltas: what comes back, added to the settlement's figures, gives the request's.
                assert_eq!(
                    s.balc.checked_add(r.own_account_back),
                    Some(req.own_balance)
                );
                assert_eq!(
                    s.accumulators_before
                        .fund_paid
                        .checked_add(r.accumulators_decrement.fund_paid),
                    Some(s.accumulators_after.fund_paid)
                );
                for c in &r.wallet_commands {
                    w.step(&c.into())
                        .unwrap_or_else(|e| panic!("refund {c:?} failed: {e}"));
                }
                assert_eq!(
                    w.s.accounts, before.accounts,
                    "S-9: balances restored exactly"
                );
                assert_eq!(w.s.quotas, before.quotas, "S-9: quotas restored exactly");
            } else {
                w.open.push(s);
            }
        }
        Op::Reverse { k } => {
            if w.open.is_empty() {
                return;
            }
            let s = w.open.remove(usize::from(*k) % w.open.len());
            let r = reverse(&w.book, &s).unwrap();
            for c in &r.wallet_commands {
                if let Err(e) = w.step(&c.into()) {
                    // Only a spend already refunded by hand may refuse.
                    assert_eq!(e.code, Code::SpendAlreadyRefunded, "{c:?}");
                }
            }
        }
        Op::Refund { k } => {
            let open: Vec<String> =
                w.s.spends
                    .iter()
                    .filter(|x| !x.refunded)
                    .map(|x| x.reference.clone())
                    .collect();
            let Some(reference) = pick(&open, *k) else {
                return;
            };
            let r = w.step(&Command::Refund { reference }).map_err(code);
            assert!(r.is_ok());
        }
        Op::Spend { rel, pct } => {
            let active: Vec<_> =
                w.s.relationships
                    .iter()
                    .filter(|r| r.status == RelationshipStatus::Active)
                    .cloned()
                    .collect();
            let Some(r) = pick(&active, *rel) else { return };
            let available = match r.mode {
                Mode::Wallet => w.s.quota_available(&r.id),
                Mode::InProvince => shareable(&w.book, &w.s, &r.sharer, now).unwrap(),
            };
            if available.is_zero() {
                return;
            }
            let reference = format!("D{}", w.next_ref);
            w.next_ref += 1;
            let c = Command::Spend {
                sharer: r.sharer,
                beneficiary: r.beneficiary,
                amount: part(available, *pct),
                reference,
                visit_type: None,
                institution: None,
            };
            let res = w.step(&c).map_err(code);
            assert!(res.is_ok(), "{c:?}: {res:?}");
        }
        Op::Dissolve { rel, by_sharer } => {
            let active: Vec<_> =
                w.s.relationships
                    .iter()
                    .filter(|r| r.status == RelationshipStatus::Active)
                    .cloned()
                    .collect();
            let Some(r) = pick(&active, *rel) else { return };
            let by = if *by_sharer {
                r.sharer.clone()
            } else {
                r.beneficiary.clone()
            };
            let res = w
                .step(&Command::Dissolve {
                    relationship: r.id.clone(),
                    by,
                })
                .map_err(code);
            assert!(res.is_ok());
        }
        Op::Stale { k } => {
            let Some((patient, funds)) = pick(&w.stale, *k) else {
                return;
            };
            let Some(f) = funds.iter().find(|f| !f.available.is_zero()) else {
                return;
            };
            let active = w.s.relationships.iter().any(|r| {
                r.status == RelationshipStatus::Active
                    && r.sharer == f.sharer
                    && r.beneficiary == patient
            });
            let reference = format!("D{}", w.next_ref);
            w.next_ref += 1;
            let c = Command::Spend {
                sharer: f.sharer.clone(),
                beneficiary: patient,
                amount: fen(1),
                reference,
                visit_type: None,
                institution: None,
            };
            let res = w.step(&c).map_err(code);
            if !active {
                assert_eq!(
                    res,
                    Err(Code::RelationshipNotActive),
                    "spent through an ended relationship"
                );
            }
        }
    }
}

fn family() -> impl Strategy<Value = Family> {
    prop_oneof![
        Just(Family::Beijing),
        Just(Family::Jinan),
        Just(Family::Shanghai),
        Just(Family::Hangzhou)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Conservation, quota bounds, S-8, S-9 and active relationships, across all four families.
    #[test]
    fn ledger_and_settlements_keep_every_invariant(fam in family(), ops in prop::collection::vec(op(), 1..40)) {
        let mut w = World::new(fam);
        prop_assert_eq!(ledger_total(&w.s), w.registered);
        for op in &ops {
            run(&mut w, op);
            prop_assert_eq!(ledger_total(&w.s), w.registered, "after {:?}", op);
        }
        // Reverse everything still open: every in-province draw goes back, nothing is lost.
        while let Some(s) = w.open.pop() {
            let r = reverse(&w.book, &s).unwrap();
            for c in &r.wallet_commands {
                if let Err(e) = w.step(&c.into()) {
                    prop_assert_eq!(e.code, Code::SpendAlreadyRefunded);
                }
            }
        }
        prop_assert_eq!(ledger_total(&w.s), w.registered);
    }
}
