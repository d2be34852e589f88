//! Settlement invariants over random bills and funds (S-2, S-5, S-8, S-9, S-10).

use gongji_core::eligibility::Mode;
use gongji_core::policy::VisitType;
use gongji_core::wallet::{apply, shareable, Command, WalletState};
use gongji_core::{
    reverse, settle, DateTime, Kinship, Money, Person, PersonId, PolicyBook, SettleRequest,
    Settlement,
};
use gongji_testing::{identities, pid};
use proptest::prelude::*;
use serde_json::{json, Value};

const MEDICAL: [&str; 4] = ["drug", "device", "consumable", "service"];
const OTHER: [&str; 7] = [
    "health_product",
    "cosmetic",
    "daily_goods",
    "cosmetic_surgery",
    "vaccine",
    "checkup",
    "huiminbao",
];
const VISITS: [&str; 5] = [
    "outpatient",
    "inpatient",
    "special_outpatient",
    "pharmacy",
    "premium",
];
const REGIONS: [&str; 4] = ["110000", "330100", "370100", "440300"];

fn yuan(fen: u64) -> String {
    Money::from_fen(fen).unwrap().to_string()
}

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// One line: amount, class (0 a, 1 b, 2 c), 先行自付 ratio in 1/10000, an optional limit, a category pick.
fn item() -> impl Strategy<Value = (u64, u8, u32, Option<u64>, usize)> {
    (
        0u64..=500_000,
        0u8..3,
        0u32..=10_000,
        prop::option::of(0u64..=500_000),
        0usize..11,
    )
}

fn item_json(
    visit: &str,
    (fen, class, ratio, limit, cat): (u64, u8, u32, Option<u64>, usize),
) -> Value {
    if visit == "premium" {
        return json!({"name": "缴费", "amount": yuan(fen), "category": "premium"});
    }
    let class_name = ["a", "b", "c"][class as usize];
    let mut v = json!({"name": "项目", "amount": yuan(fen), "class": class_name});
    if class == 2 {
        v["category"] = json!(MEDICAL
            .iter()
            .chain(OTHER.iter())
            .nth(cat)
            .copied()
            .unwrap_or("drug"));
    } else {
        v["category"] = json!(MEDICAL[cat % MEDICAL.len()]);
        if let Some(l) = limit {
            v["price_limit"] = json!(yuan(l));
        }
    }
    if class == 1 {
        v["preselfpay_ratio"] = json!(format!("{}.{:04}", ratio / 10_000, ratio % 10_000));
    }
    v
}

/// A random bill with random year-to-date totals and own balance (funds added by each property).
fn bill() -> impl Strategy<Value = Value> {
    (
        (0usize..5, 1u8..=3, any::<bool>(), any::<bool>(), 0usize..4),
        prop::collection::vec(item(), 1..6),
        (0u64..=200_000, 0u64..=300_000, 0u64..=3_000_000, 0u64..=300_000),
    )
        .prop_map(|((visit, level, designated, retired, region), items, (dedc, fund, past, own))| {
            let visit = VISITS[visit];
            json!({
                "reference": "R-2025-0001",
                "estimate": true,
                "date": "2025-07-01",
                "patient": {"id": "P", "scheme": "employee", "region": REGIONS[region], "enrollment": "active", "retired": retired},
                "own_balance": yuan(own),
                "visit": {"type": visit, "level": level, "designated": designated},
                "items": items.into_iter().map(|i| item_json(visit, i)).collect::<Vec<_>>(),
                "accumulators": {"deductible_met": yuan(dedc), "fund_paid": yuan(fund), "in_scope_past_deductible": yuan(past)}
            })
        })
}

fn funds() -> impl Strategy<Value = (Vec<Value>, bool)> {
    (prop::collection::vec((any::<bool>(), 0u64..=300_000, prop::option::of(1u8..28)), 0..4), any::<bool>()).prop_map(
        |(fs, listed)| {
            let v = fs
                .into_iter()
                .enumerate()
                .map(|(i, (wallet, fen, day))| {
                    let mut f = json!({"sharer": format!("S{i}"), "mode": if wallet { "wallet" } else { "in_province" }, "available": yuan(fen)});
                    if let Some(d) = day {
                        f["granted_at"] = json!(format!("2025-06-{d:02}T09:00"));
                    }
                    f
                })
                .collect();
            (v, listed)
        },
    )
}

fn book(includes_acct: bool) -> PolicyBook {
    let doc = json!({"schema": "gongji-policy/1", "extends": "embedded",
        "national": {"fund_sum_includes_acct": [{"from": "1900-01-01", "value": includes_acct, "grade": "official"}]}});
    PolicyBook::from_json(&doc.to_string()).unwrap()
}

fn settle_json(book: &PolicyBook, v: &Value) -> Settlement {
    let req: SettleRequest = serde_json::from_value(v.clone()).unwrap();
    settle(book, &req).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// S-8, S-10: every identity holds to the fen, whatever the bill, the ratios and the rounding.
    #[test]
    fn s8_identities_hold_for_random_bills(mut v in bill(), (fs, listed) in funds(), includes in any::<bool>()) {
        v["funds"] = json!(fs);
        if listed { v["fund_order"] = json!("as_listed"); }
        let s = settle_json(&book(includes), &v);
        identities(&s);
        prop_assert_eq!(s.fund_sum_includes_acct, includes);
    }

    /// S-2, S-5: the fund stays within the cap left; no fund pays over what it offered; the own account
    /// never goes below zero; sharing and accounts pay nothing at non-designated institutions.
    #[test]
    fn s2_s5_no_payer_exceeds_its_limit(mut v in bill(), (fs, _) in funds()) {
        v["funds"] = json!(fs);
        let s = settle_json(&PolicyBook::embedded(), &v);
        let before = s.accumulators_before;
        if let Some(cap) = s.benefit.as_ref().and_then(|b| b.cap) {
            prop_assert!(s.hifp_pay <= cap.saturating_sub(before.fund_paid));
        }
        if let Some(b) = &s.benefit {
            // S-12: a per-admission deductible starts afresh with each admission.
            let due = match (b.later_deductible, s.visit.kind == VisitType::Inpatient) {
                (Some(later), true) if before.admissions > 0 => later,
                (Some(_), true) => b.deductible,
                _ => b.deductible.saturating_sub(before.deductible_met),
            };
            prop_assert!(s.act_pay_dedc <= due);
        }
        for p in &s.mulaid_by_sharer {
            prop_assert!(p.amount <= p.available);
        }
        prop_assert!(s.self_acct_pay <= m(v["own_balance"].as_str().unwrap()));
        if v["visit"]["designated"] == json!(false) && v["visit"]["type"] != json!("premium") {
            prop_assert_eq!(s.acct_pay, Money::ZERO);
        }
    }

    /// S-9: settle, apply its spends to a real ledger, reverse, apply the refunds: every balance and quota
    /// is back where it was, and so are the own balance and the year's totals.
    #[test]
    fn s9_settle_then_reverse_restores_the_ledger(
        v in bill(),
        balances in prop::array::uniform3(0u64..=400_000),
        grants in prop::collection::vec((0usize..2, 1u64..=200_000), 0..5),
        listed in any::<bool>(),
    ) {
        let pol = PolicyBook::embedded();
        let (state, funds) = family(&pol, balances, &grants);
        let mut v = v;
        v["patient"]["region"] = json!("110000");
        v["funds"] = json!(funds);
        if listed { v["fund_order"] = json!("as_listed"); }
        let s = settle_json(&pol, &v);
        identities(&s);

        let now: DateTime = "2025-07-01T10:00".parse().unwrap();
        let mut spent = state.clone();
        for c in &s.wallet_commands {
            spent = apply(&pol, &spent, &c.into(), now).unwrap().state;
        }
        // Each sharer lost exactly its part.
        for p in &s.mulaid_by_sharer {
            let rel = rel_of(&state, &p.sharer);
            let (was, is) = match p.mode {
                Mode::Wallet => (state.quota_available(&rel), spent.quota_available(&rel)),
                Mode::InProvince => (balance(&state, &p.sharer), balance(&spent, &p.sharer)),
            };
            prop_assert_eq!(was.checked_sub(p.amount), Some(is));
        }

        let r = reverse(&pol, &s).unwrap();
        let mut back = spent.clone();
        for c in &r.wallet_commands {
            back = apply(&pol, &back, &c.into(), now).unwrap().state;
        }
        prop_assert_eq!(&back.accounts, &state.accounts);
        prop_assert_eq!(&back.quotas, &state.quotas);
        // S-9 deltas: balance after + what comes back = balance before; before + decrement = after.
        prop_assert_eq!(
            s.balc.checked_add(r.own_account_back),
            Some(m(v["own_balance"].as_str().unwrap()))
        );
        let (b, a, d) = (&s.accumulators_before, &s.accumulators_after, &r.accumulators_decrement);
        prop_assert_eq!(b.deductible_met.checked_add(d.deductible_met), Some(a.deductible_met));
        prop_assert_eq!(b.fund_paid.checked_add(d.fund_paid), Some(a.fund_paid));
        prop_assert_eq!(
            b.in_scope_past_deductible.checked_add(d.in_scope_past_deductible),
            Some(a.in_scope_past_deductible)
        );
    }
}

fn balance(s: &WalletState, p: &PersonId) -> Money {
    s.account(p).unwrap().balance
}

fn rel_of(s: &WalletState, sharer: &PersonId) -> String {
    s.relationships
        .iter()
        .find(|r| &r.sharer == sharer)
        .unwrap()
        .id
        .clone()
}

/// Beijing (wallet from 2025-06-01, virtual quota): patient P; S0 and S1 share by wallet quota, S2 in-province.
/// Returns the ledger and the funds a host would offer the bill.
fn family(
    book: &PolicyBook,
    balances: [u64; 3],
    grants: &[(usize, u64)],
) -> (WalletState, Vec<Value>) {
    let mut s = WalletState::default();
    let t0: DateTime = "2025-06-02T08:00".parse().unwrap();
    let run = |s: &WalletState, c: Command, at: DateTime| apply(book, s, &c, at).unwrap().state;
    for (id, fen) in [
        ("P", 0),
        ("S0", balances[0]),
        ("S1", balances[1]),
        ("S2", balances[2]),
    ] {
        let person: Person = serde_json::from_value(json!({
            "id": id, "scheme": "employee", "region": "110000", "enrollment": "active", "wallet_opened": true
        }))
        .unwrap();
        s = run(
            &s,
            Command::RegisterPerson {
                person,
                balance: Money::from_fen(fen).unwrap(),
                current_year_credits: Money::ZERO,
            },
            t0,
        );
    }
    for (id, mode) in [
        ("S0", Mode::Wallet),
        ("S1", Mode::Wallet),
        ("S2", Mode::InProvince),
    ] {
        let c = Command::Establish {
            sharer: pid(id),
            beneficiary: pid("P"),
            kinship: Kinship::Child,
            mode,
            commitment_signed: true,
        };
        s = run(&s, c, t0);
    }
    for (k, (who, fen)) in grants.iter().enumerate() {
        let sharer = pid(["S0", "S1"][*who]);
        let at: DateTime = format!("2025-06-{:02}T09:00", 3 + k).parse().unwrap();
        let can = shareable(book, &s, &sharer, at).unwrap();
        let amount = Money::from_fen(*fen).unwrap().min(can);
        if !amount.is_zero() {
            let relationship = rel_of(&s, &sharer);
            s = run(
                &s,
                Command::Grant {
                    relationship,
                    amount,
                },
                at,
            );
        }
    }
    let now: DateTime = "2025-07-01T10:00".parse().unwrap();
    let mut funds = Vec::new();
    for id in ["S0", "S1"] {
        let rel = rel_of(&s, &pid(id));
        let mut f = json!({"sharer": id, "mode": "wallet", "available": s.quota_available(&rel).to_string()});
        if let Some(q) = s.quotas.iter().find(|q| q.relationship == rel) {
            f["granted_at"] = json!(q.granted_at.to_string());
        }
        funds.push(f);
    }
    let can = shareable(book, &s, &pid("S2"), now).unwrap();
    funds.push(json!({"sharer": "S2", "mode": "in_province", "available": can.to_string()}));
    (s, funds)
}
