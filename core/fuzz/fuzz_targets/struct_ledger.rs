//! A structured family and a command sequence driving the wallet ledger, with settlements whose funds
//! come from the ledger and reversals: money is conserved at every step, spends need an active
//! relationship, the spends a settlement emits always apply, and an immediate reversal restores every
//! balance and quota exactly (E-6..E-9, Q-1..Q-6, S-5, S-8, S-9).
#![no_main]
use arbitrary::Arbitrary;
use gongji_core::eligibility::Mode;
use gongji_core::json::{parse_doc, to_json};
use gongji_core::wallet::{Command, InsuranceChange, TransferStatus, WalletState};
use gongji_core::{reverse, Code, Settlement};
use gongji_core_fuzz::{
    at, book, fen, ledger_funds, pid, region, settle_and_reverse, step, FBill, FPerson, KINSHIPS,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Op {
    Register {
        person: FPerson,
        fen: u32,
        credits: u32,
    },
    OpenWallet {
        p: u8,
    },
    Establish {
        a: u8,
        b: u8,
        kinship: u8,
        wallet: bool,
        signed: bool,
    },
    Review {
        r: u8,
        ok: bool,
    },
    Dissolve {
        r: u8,
        by_sharer: bool,
    },
    Insurance {
        p: u8,
        moved: Option<u8>,
    },
    Grant {
        r: u8,
        fen: u32,
    },
    Revoke {
        r: u8,
        fen: Option<u32>,
    },
    Transfer {
        r: u8,
        fen: u32,
    },
    Accept {
        t: u8,
        right: bool,
    },
    Tick,
    Spend {
        r: u8,
        fen: u32,
        k: u8,
    },
    Refund {
        k: u8,
    },
    Wait {
        minutes: u16,
    },
    Settle {
        patient: u8,
        bill: FBill,
        reverse_now: bool,
        tamper: u8,
    },
    Reverse {
        k: u8,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    family: Vec<(FPerson, u32, u32)>,
    ops: Vec<Op>,
}

fn pick<T>(v: &[T], i: u8) -> Option<&T> {
    (!v.is_empty()).then(|| &v[i as usize % v.len()])
}

/// Registers person `p{n}` (a person whose credits exceed the balance is refused, and skipped).
fn register(s: &mut WalletState, ids: &mut Vec<String>, p: &FPerson, f: u32, c: u32, minute: u32) {
    let id = format!("p{}", ids.len());
    let c = Command::RegisterPerson {
        person: p.build(&id),
        balance: fen(f % 2_000_000),
        current_year_credits: fen(c % 2_000_000),
    };
    if let Ok(next) = step(book(), s, &c, at(minute)) {
        *s = next;
        ids.push(id);
    }
}

fuzz_target!(|input: Input| {
    let book = book();
    let mut s = WalletState::default();
    let mut minute: u32 = 8 * 60;
    let mut settled: Vec<Settlement> = Vec::new();
    let mut next_reference = 0u32;
    let mut ids: Vec<String> = Vec::new();
    for (p, f, c) in input.family.iter().take(8) {
        register(&mut s, &mut ids, p, *f, *c, minute);
    }
    for op in input.ops.iter().take(32) {
        let now = at(minute);
        let rel = |i: u8| pick(&s.relationships, i).map_or("R0".to_string(), |r| r.id.clone());
        let person = |i: u8| pid(pick(&ids, i).map_or("p0", String::as_str));
        let c = match op {
            Op::Register {
                person,
                fen,
                credits,
            } => {
                if ids.len() < 10 {
                    register(&mut s, &mut ids, person, *fen, *credits, minute);
                }
                continue;
            }
            Op::Wait { minutes } => {
                minute += u32::from(*minutes % 4320);
                continue;
            }
            Op::OpenWallet { p } => Command::OpenWallet { person: person(*p) },
            Op::Establish {
                a,
                b,
                kinship,
                wallet,
                signed,
            } => Command::Establish {
                sharer: person(*a),
                beneficiary: person(*b),
                kinship: KINSHIPS[*kinship as usize % KINSHIPS.len()],
                mode: if *wallet {
                    Mode::Wallet
                } else {
                    Mode::InProvince
                },
                commitment_signed: *signed,
            },
            Op::Review { r, ok } => Command::Review {
                relationship: rel(*r),
                approved: *ok,
            },
            Op::Dissolve { r, by_sharer } => {
                let by = pick(&s.relationships, *r).map_or(pid("p0"), |x| {
                    if *by_sharer {
                        x.sharer.clone()
                    } else {
                        x.beneficiary.clone()
                    }
                });
                Command::Dissolve {
                    relationship: rel(*r),
                    by,
                }
            }
            Op::Insurance { p, moved } => Command::InsuranceChanged {
                person: person(*p),
                change: if moved.is_some() {
                    InsuranceChange::MovedRegion
                } else {
                    InsuranceChange::Terminated
                },
                region: moved.map(region),
            },
            Op::Grant { r, fen: f } => Command::Grant {
                relationship: rel(*r),
                amount: fen(*f % 500_000),
            },
            Op::Revoke { r, fen: f } => Command::Revoke {
                relationship: rel(*r),
                amount: f.map(|f| fen(f % 500_000)),
            },
            Op::Transfer { r, fen: f } => Command::Transfer {
                relationship: rel(*r),
                amount: fen(*f % 300_000),
            },
            Op::Accept { t, right } => {
                let pending: Vec<_> = s
                    .transfers
                    .iter()
                    .filter(|x| x.status == TransferStatus::Pending)
                    .collect();
                let all: Vec<_> = s.transfers.iter().collect();
                let Some(tr) = pick(&pending, *t).or_else(|| pick(&all, *t)) else {
                    continue;
                };
                let by = if *right {
                    tr.beneficiary.clone()
                } else {
                    tr.sharer.clone()
                };
                Command::Accept {
                    transfer: tr.id.clone(),
                    by,
                }
            }
            Op::Tick => Command::Tick,
            Op::Spend { r, fen: f, k } => {
                let (sharer, beneficiary) = pick(&s.relationships, *r)
                    .map_or((pid("p0"), pid("p1")), |x| {
                        (x.sharer.clone(), x.beneficiary.clone())
                    });
                Command::Spend {
                    sharer,
                    beneficiary,
                    amount: fen(*f % 300_000),
                    reference: format!("D{}", k % 16),
                    visit_type: None,
                    institution: None,
                }
            }
            Op::Refund { k } => {
                let Some(sp) = pick(&s.spends, *k) else {
                    continue;
                };
                Command::Refund {
                    reference: sp.reference.clone(),
                }
            }
            Op::Settle {
                patient,
                bill,
                reverse_now,
                tamper,
            } => {
                let Some(p) = pick(&s.persons, *patient).cloned() else {
                    continue;
                };
                // Whatever closes or rolls over at `now` happens before the figures are read.
                if let Ok(next) = step(book, &s, &Command::Tick, now) {
                    s = next;
                }
                let funds = ledger_funds(book, &s, &p.id, now);
                // A host never reuses a settlement's reference (its spends keep it after a refund).
                next_reference += 1;
                let reference = format!("S{next_reference}");
                let req = bill.build(&reference, now.date(), p, funds);
                let Some(st) = settle_and_reverse(book, &req, *tamper) else {
                    continue;
                };
                let before = s.clone();
                for c in &st.wallet_commands {
                    s = step(book, &s, &c.into(), now)
                        .unwrap_or_else(|e| panic!("a settlement's spend {c:?} failed: {e}"));
                }
                if *reverse_now {
                    let r = reverse(book, &st).expect("reverses");
                    for c in &r.wallet_commands {
                        s = step(book, &s, &c.into(), now).expect("refund applies");
                    }
                    assert_eq!(s.accounts, before.accounts, "S-9: balances restored");
                    assert_eq!(s.quotas, before.quotas, "S-9: quotas restored");
                } else {
                    settled.push(st);
                }
                continue;
            }
            Op::Reverse { k } => {
                if settled.is_empty() {
                    continue;
                }
                let st = settled.remove(*k as usize % settled.len());
                let r = reverse(book, &st).expect("reverses");
                for c in &r.wallet_commands {
                    match step(book, &s, &c.into(), now) {
                        Ok(next) => s = next,
                        // past the reversal window a spend is refused, then closed (unknown).
                        Err(e) => assert!(
                            matches!(
                                e.code,
                                Code::SpendAlreadyRefunded
                                    | Code::ReversalWindowClosed
                                    | Code::SpendUnknown
                            ),
                            "{c:?}: {e}"
                        ),
                    }
                }
                continue;
            }
        };
        // Spend references may collide with a settlement's on purpose; the ledger refuses the second.
        if let Ok(next) = step(book, &s, &c, now) {
            s = next;
        }
    }
    let text = to_json(&s);
    let again: WalletState = parse_doc(&text).expect("state re-parses");
    assert_eq!(again, s);
});
