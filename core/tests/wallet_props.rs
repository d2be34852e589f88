//! Ledger invariants over random command sequences (E-8, E-9, Q-1..Q-5, S-9).

use gongji_core::eligibility::Mode;
use gongji_core::wallet::{apply, Command, Event, QuotaOrigin, RelationshipStatus, WalletState};
use gongji_core::{DateTime, Kinship, Money, Person, PersonId, PolicyBook};
use gongji_testing::{flow, ledger_sound, ledger_total};
use proptest::prelude::*;
use rust_decimal::Decimal;

const IDS: [&str; 4] = ["a", "b", "c", "d"];

fn pid(i: usize) -> PersonId {
    IDS[i % IDS.len()].parse().unwrap()
}

/// Four relatives in Jinan (wallet, virtual quota) or Shanghai 2025 (wallet, transfer) or Hangzhou (in-province).
fn family(region: &str, balances: [u64; 4]) -> (WalletState, Decimal) {
    let book = PolicyBook::embedded();
    let mut s = WalletState::default();
    let now: DateTime = "2025-06-01T08:00".parse().unwrap();
    let mut total = Decimal::ZERO;
    for (i, fen) in balances.iter().enumerate() {
        let person: Person = serde_json::from_value(serde_json::json!({
            "id": IDS[i], "scheme": if i == 3 { "resident" } else { "employee" }, "region": region,
            "enrollment": "active", "wallet_opened": true
        }))
        .unwrap();
        let balance = Money::from_fen(*fen).unwrap();
        total += balance.as_decimal();
        let cmd = Command::RegisterPerson {
            person,
            balance,
            current_year_credits: Money::ZERO,
        };
        s = apply(&book, &s, &cmd, now).unwrap().state;
    }
    // Relationships to work with: a→b, a→c, b→d, c→a (approved where the region reviews, E-6).
    let mode = if region == "330100" {
        Mode::InProvince
    } else {
        Mode::Wallet
    };
    for (a, b) in [(0, 1), (0, 2), (1, 3), (2, 0)] {
        let cmd = Command::Establish {
            sharer: pid(a),
            beneficiary: pid(b),
            kinship: Kinship::Sibling,
            mode,
            commitment_signed: true,
        };
        s = apply(&book, &s, &cmd, now).unwrap().state;
    }
    for id in s
        .relationships
        .iter()
        .filter(|r| r.status == RelationshipStatus::Pending)
        .map(|r| r.id.clone())
        .collect::<Vec<_>>()
    {
        s = apply(
            &book,
            &s,
            &Command::Review {
                relationship: id,
                approved: true,
            },
            now,
        )
        .unwrap()
        .state;
    }
    assert_eq!(
        s.relationships
            .iter()
            .filter(|r| r.status == RelationshipStatus::Active)
            .count(),
        4
    );
    (s, total)
}

#[derive(Debug, Clone)]
enum Op {
    Establish(usize, usize, bool),
    Dissolve(usize, bool),
    Grant(usize, u64),
    Revoke(usize, Option<u64>),
    Transfer(usize, u64),
    Accept(usize),
    Tick,
    Spend(usize, u64),
    Refund(usize),
    Moved(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let idx = 0..64usize;
    prop_oneof![
        2 => (0..4usize, 0..4usize, any::<bool>()).prop_map(|(a, b, w)| Op::Establish(a, b, w)),
        1 => (idx.clone(), any::<bool>()).prop_map(|(r, s)| Op::Dissolve(r, s)),
        6 => (idx.clone(), 1..300_000u64).prop_map(|(r, f)| Op::Grant(r, f)),
        2 => (idx.clone(), proptest::option::of(1..300_000u64)).prop_map(|(r, f)| Op::Revoke(r, f)),
        4 => (idx.clone(), 1..250_000u64).prop_map(|(r, f)| Op::Transfer(r, f)),
        4 => idx.clone().prop_map(Op::Accept),
        2 => Just(Op::Tick),
        8 => (idx.clone(), 1..200_000u64).prop_map(|(r, f)| Op::Spend(r, f)),
        3 => idx.prop_map(Op::Refund),
        1 => (0..4usize).prop_map(Op::Moved),
    ]
}

/// Indexes pick existing entries modulo their count, so most commands name something real.
fn to_command(s: &WalletState, op: &Op, step: usize) -> Command {
    let pick = |n: usize, i: usize| if n == 0 { None } else { Some(i % n) };
    let rel = |i: usize| {
        pick(s.relationships.len(), i)
            .map(|k| s.relationships[k].id.clone())
            .unwrap_or_else(|| "R0".into())
    };
    let fen = |f: u64| Money::from_fen(f).unwrap();
    match op {
        Op::Establish(a, b, wallet) => Command::Establish {
            sharer: pid(*a),
            beneficiary: pid(*b),
            kinship: Kinship::Sibling,
            mode: if *wallet {
                Mode::Wallet
            } else {
                Mode::InProvince
            },
            commitment_signed: true,
        },
        Op::Dissolve(r, by_sharer) => {
            let by = pick(s.relationships.len(), *r)
                .map(|k| &s.relationships[k])
                .map(|x| {
                    if *by_sharer {
                        x.sharer.clone()
                    } else {
                        x.beneficiary.clone()
                    }
                });
            Command::Dissolve {
                relationship: rel(*r),
                by: by.unwrap_or_else(|| pid(0)),
            }
        }
        Op::Grant(r, f) => Command::Grant {
            relationship: rel(*r),
            amount: fen(*f),
        },
        Op::Revoke(r, f) => Command::Revoke {
            relationship: rel(*r),
            amount: f.map(fen),
        },
        Op::Transfer(r, f) => Command::Transfer {
            relationship: rel(*r),
            amount: fen(*f),
        },
        Op::Accept(t) => {
            let tr = pick(s.transfers.len(), *t).map(|k| &s.transfers[k]);
            Command::Accept {
                transfer: tr.map(|t| t.id.clone()).unwrap_or_else(|| "T0".into()),
                by: tr.map(|t| t.beneficiary.clone()).unwrap_or_else(|| pid(0)),
            }
        }
        Op::Tick => Command::Tick,
        Op::Spend(r, f) => {
            let (a, b) = pick(s.relationships.len(), *r)
                .map(|k| {
                    (
                        s.relationships[k].sharer.clone(),
                        s.relationships[k].beneficiary.clone(),
                    )
                })
                .unwrap_or_else(|| (pid(0), pid(1)));
            Command::Spend {
                sharer: a,
                beneficiary: b,
                amount: fen(*f),
                reference: format!("S{step}"),
                visit_type: None,
                institution: None,
            }
        }
        Op::Refund(k) => Command::Refund {
            reference: pick(s.spends.len(), *k)
                .map(|i| s.spends[i].reference.clone())
                .unwrap_or_else(|| "none".into()),
        },
        Op::Moved(p) => Command::InsuranceChanged {
            person: pid(*p),
            change: gongji_core::wallet::InsuranceChange::MovedRegion,
            region: Some("370200".parse().unwrap()),
        },
    }
}

fn run(region: &str, balances: [u64; 4], ops: Vec<Op>) -> Result<(), TestCaseError> {
    let book = PolicyBook::embedded();
    let (mut s, mut total) = family(region, balances);
    let mut registered: i128 = balances.iter().map(|&fen| i128::from(fen)).sum();
    let mut minute = 9 * 60;
    for (step, op) in ops.iter().enumerate() {
        minute += 37;
        let day = 1 + minute / (24 * 60);
        let m = minute % (24 * 60);
        let now: DateTime = format!("2025-06-{day:02}T{:02}:{:02}", m / 60, m % 60)
            .parse()
            .unwrap();
        let cmd = to_command(&s, op, step);
        let Ok(out) = apply(&book, &s, &cmd, now) else {
            continue;
        };
        let next = out.state;
        // spent money leaves the state (closed spends and quotas leave the lists): the events say how
        // much went out or came back.
        let moved = flow(&out.events);
        registered += moved;
        total += Decimal::from_i128_with_scale(moved, 2);
        // Money is conserved to the fen: balances + unspent quotas + pending transfers + net spent (from
        // the events) = initial, by the core's count and by the one computed outside it.
        prop_assert_eq!(next.total_money(), total, "after {:?}", cmd);
        prop_assert_eq!(ledger_total(&next), registered, "after {:?}", cmd);
        // The state validates; no quota is over-spent (unspent + spent never exceeds what was granted);
        // an ended relationship keeps no quota (E-9).
        ledger_sound(&next);
        match &cmd {
            // E-9: dissolution returns every unspent quota of the relationship to the sharer.
            Command::Dissolve { .. } | Command::InsuranceChanged { .. } => {
                for ev in &out.events {
                    if let Event::RelationshipDissolved {
                        relationship: r,
                        returned,
                        ..
                    } = ev
                    {
                        let unspent: Decimal = s
                            .quotas
                            .iter()
                            .filter(|q| &q.relationship == r)
                            .map(|q| q.amount.as_decimal())
                            .sum::<Decimal>()
                            + s.transfers
                                .iter()
                                .filter(|t| {
                                    &t.relationship == r
                                        && t.status == gongji_core::wallet::TransferStatus::Pending
                                })
                                .map(|t| t.amount.as_decimal())
                                .sum::<Decimal>();
                        prop_assert_eq!(returned.as_decimal(), unspent);
                        prop_assert!(next
                            .quotas
                            .iter()
                            .filter(|q| &q.relationship == r)
                            .all(|q| q.amount.is_zero()));
                    }
                }
            }
            // E-8: a grant comes out of the sharer's own balance only; quotas the sharer received are untouched.
            Command::Grant {
                relationship,
                amount,
            }
            | Command::Transfer {
                relationship,
                amount,
            } => {
                let r = next
                    .relationships
                    .iter()
                    .find(|x| &x.id == relationship)
                    .unwrap();
                let own = |st: &WalletState| st.account(&r.sharer).unwrap().balance.as_decimal();
                prop_assert_eq!(own(&s) - own(&next), amount.as_decimal());
                let received = |st: &WalletState| {
                    st.quotas
                        .iter()
                        .filter(|q| q.beneficiary == r.sharer)
                        .map(|q| q.amount.as_decimal())
                        .sum::<Decimal>()
                };
                prop_assert_eq!(received(&s), received(&next));
            }
            // Q-2 and E-9: spending needs an active relationship and never exceeds what is available.
            Command::Spend {
                sharer,
                beneficiary,
                ..
            } => {
                let r = s.relationships.iter().find(|x| {
                    &x.sharer == sharer
                        && &x.beneficiary == beneficiary
                        && x.status == RelationshipStatus::Active
                });
                prop_assert!(r.is_some(), "spent without an active relationship");
            }
            _ => {}
        }
        // Received transfer money is never revocable (Q-5 b).
        for (q0, q1) in s.quotas.iter().zip(&next.quotas) {
            if q0.origin == QuotaOrigin::Transfer && matches!(cmd, Command::Revoke { .. }) {
                prop_assert_eq!(q0.amount, q1.amount);
            }
        }
        s = next;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn virtual_quota_ledger_invariants(balances in proptest::array::uniform4(0..1_000_000u64), ops in proptest::collection::vec(op(), 1..40)) {
        run("370100", balances, ops)?;
    }

    #[test]
    fn transfer_ledger_invariants(balances in proptest::array::uniform4(0..1_000_000u64), ops in proptest::collection::vec(op(), 1..40)) {
        run("310000", balances, ops)?;
    }

    #[test]
    fn in_province_ledger_invariants(balances in proptest::array::uniform4(0..1_000_000u64), ops in proptest::collection::vec(op(), 1..40)) {
        run("330100", balances, ops)?;
    }

    /// S-9: a spend followed by its refund restores every balance and quota exactly.
    #[test]
    fn spend_then_refund_restores(grant in 1..500_000u64, spend in 1..500_000u64) {
        let book = PolicyBook::embedded();
        let (mut s, _) = family("370100", [900_000, 0, 0, 0]);
        let now: DateTime = "2025-06-02T10:00".parse().unwrap();
        // family() established R1 = a→b in wallet mode.
        let cmd = Command::Grant { relationship: "R1".into(), amount: Money::from_fen(grant).unwrap() };
        s = apply(&book, &s, &cmd, now).unwrap().state;
        let spend_cmd = Command::Spend { sharer: pid(0), beneficiary: pid(1), amount: Money::from_fen(spend).unwrap(), reference: "X".into(), visit_type: None, institution: None };
        match apply(&book, &s, &spend_cmd, now) {
            Ok(out) => {
                prop_assert!(spend <= grant);
                let back = apply(&book, &out.state, &Command::Refund { reference: "X".into() }, now).unwrap().state;
                prop_assert_eq!(&back.accounts, &s.accounts);
                prop_assert_eq!(&back.quotas, &s.quotas);
            }
            Err(e) => {
                prop_assert!(spend > grant);
                prop_assert_eq!(e.code(), "QUOTA_EXCEEDED");
            }
        }
    }
}
