//! Ledger apply against the state's size (Q-9: apply and validation in O(n log n) of the open items).
//!
//! `ledger <N> [grant|spend|tick]`: builds a ledger with N open items (N/2 open quotas of a wallet
//! relationship, N/2 unrefunded spends inside the reversal window drawing on them) and applies one
//! command in `measured_apply`, the function callgrind counts (`--toggle-collect=*measured_apply*`;
//! `cargo xtask bench --ledger` runs it for 10 … 10 000 items). Without a size it times each size
//! natively (wall clock, informational only).

use std::hint::black_box;
use std::time::Instant;

use gongji_core::wallet::{
    apply, Account, Applied, Command, Draw, Quota, QuotaOrigin, Relationship, RelationshipStatus,
    Spend, WalletState,
};
use gongji_core::{DateTime, Kinship, Mode, Money, Person, PersonId, PolicyBook};

fn pid(s: &str) -> PersonId {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime {
    s.parse().unwrap()
}

/// A Shenzhen family's ledger with `n` open items, built directly (not command by command).
fn ledger(n: usize) -> WalletState {
    let mut s = WalletState::default();
    for (id, balance) in [("g", "900000.00"), ("p", "100.00")] {
        s.persons.push(Person {
            id: pid(id),
            scheme: gongji_core::Scheme::Employee,
            region: "440300".parse().unwrap(),
            enrollment: gongji_core::Enrollment::Active,
            wallet_opened: true,
            retired: false,
        });
        s.accounts.push(Account {
            person: pid(id),
            balance: balance.parse().unwrap(),
            current_year_credits: Money::ZERO,
        });
    }
    s.relationships.push(Relationship {
        id: "R1".into(),
        sharer: pid("g"),
        beneficiary: pid("p"),
        kinship: Kinship::Child,
        mode: Mode::Wallet,
        status: RelationshipStatus::Active,
        signed_at: at("2025-07-01T08:00"),
        effective_at: Some(at("2025-07-01T08:00")),
        ended_at: None,
        end_reason: None,
    });
    let two: Money = "2.00".parse().unwrap();
    let one: Money = "1.00".parse().unwrap();
    let quotas = n.div_ceil(2);
    for k in 0..quotas {
        let id = format!("Q{}", k + 2);
        s.quotas.push(Quota {
            id: id.clone(),
            relationship: "R1".into(),
            sharer: pid("g"),
            beneficiary: pid("p"),
            origin: QuotaOrigin::Granted,
            granted_at: at("2025-07-01T09:00"),
            granted: two,
            amount: one,
            spent: if k < n / 2 { one } else { Money::ZERO },
        });
        if k < n / 2 {
            s.spends.push(Spend {
                reference: format!("B{k}"),
                relationship: "R1".into(),
                sharer: pid("g"),
                beneficiary: pid("p"),
                amount: one,
                at: at("2025-07-02T09:00"),
                draws: vec![Draw {
                    quota: Some(id),
                    amount: one,
                }],
                refunded: false,
                visit_type: None,
                institution: None,
            });
        }
    }
    s.seq = u32::try_from(quotas + 2).unwrap();
    s.last_time = Some(at("2025-07-02T09:00"));
    s
}

fn command(kind: &str) -> Command {
    match kind {
        "spend" => Command::Spend {
            sharer: pid("g"),
            beneficiary: pid("p"),
            amount: "0.50".parse().unwrap(),
            reference: "NEW".into(),
            visit_type: None,
            institution: None,
        },
        "tick" => Command::Tick,
        _ => Command::Grant {
            relationship: "R1".into(),
            amount: "1.00".parse().unwrap(),
        },
    }
}

/// The one call callgrind counts.
#[inline(never)]
fn measured_apply(book: &PolicyBook, s: &WalletState, c: &Command) -> Applied {
    apply(book, s, c, at("2025-07-03T10:00")).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let book = PolicyBook::embedded();
    if let Some(n) = args.first().and_then(|a| a.parse::<usize>().ok()) {
        let s = ledger(n);
        let c = command(args.get(1).map_or("grant", String::as_str));
        let out = measured_apply(black_box(&book), black_box(&s), black_box(&c));
        black_box(out);
        return;
    }
    for kind in ["grant", "spend", "tick"] {
        for n in [10, 100, 1_000, 10_000] {
            let s = ledger(n);
            let c = command(kind);
            let reps = (100_000 / n).max(3);
            let t = Instant::now();
            for _ in 0..reps {
                black_box(measured_apply(
                    black_box(&book),
                    black_box(&s),
                    black_box(&c),
                ));
            }
            let per = t.elapsed() / u32::try_from(reps).unwrap();
            println!("apply {kind:5} on {n:6} open items: {per:?}");
        }
    }
}
