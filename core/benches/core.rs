//! Native benchmarks of the core (`cargo xtask bench`, or `cargo bench -p gongji-core --bench core`):
//! settle a 20-line bill with a parsed book, apply a command to a family of 8, check eligibility, plan a
//! family of 6 over a year (PL-1), and the
//! JSON round trip of each through `json::invoke`. The inputs are the documents in `tests/bench/fixtures`,
//! which the node benchmark uses too.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use gongji_core::eligibility::Mode;
use gongji_core::json::{invoke, parse_doc};
use gongji_core::wallet::{apply, Command, RelationshipStatus, WalletState};
use gongji_core::{
    check_eligibility, settle, DateTime, EligibilityRequest, Kinship, Money, Person, PolicyBook,
    SettleRequest,
};

const SETTLE: &str = include_str!("../../tests/bench/fixtures/settle_20_items.json");
const ELIGIBILITY: &str = include_str!("../../tests/bench/fixtures/eligibility.json");
const PLAN: &str = include_str!("../../tests/bench/fixtures/plan_family_of_6.json");

fn t(s: &str) -> DateTime {
    s.parse().unwrap()
}

/// Eight relatives in Beijing: two sharers with wallet quotas for four relatives each, the quotas granted,
/// part of them spent.
fn family_of_8(book: &PolicyBook) -> WalletState {
    let mut s = WalletState::default();
    let now = t("2025-07-01T09:00");
    let run = |s: &mut WalletState, c: Command| {
        *s = apply(book, s, &c, now).unwrap().state;
    };
    let ids = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"];
    for (i, id) in ids.iter().enumerate() {
        let person: Person = parse_doc(&format!(
            r#"{{"id": "{id}", "scheme": "{}", "region": "110000", "enrollment": "active", "wallet_opened": true}}"#,
            if i < 2 { "employee" } else { "resident" }
        ))
        .unwrap();
        let balance = Money::from_fen(if i < 2 { 2_000_000 } else { 10_000 }).unwrap();
        run(
            &mut s,
            Command::RegisterPerson {
                person,
                balance,
                current_year_credits: Money::ZERO,
            },
        );
    }
    for sharer in 0..2 {
        for b in 2..8 {
            run(
                &mut s,
                Command::Establish {
                    sharer: ids[sharer].parse().unwrap(),
                    beneficiary: ids[b].parse().unwrap(),
                    kinship: Kinship::Child,
                    mode: Mode::Wallet,
                    commitment_signed: true,
                },
            );
        }
    }
    let rels: Vec<String> = s
        .relationships
        .iter()
        .filter(|r| r.status == RelationshipStatus::Active)
        .map(|r| r.id.clone())
        .collect();
    for r in &rels {
        run(
            &mut s,
            Command::Grant {
                relationship: r.clone(),
                amount: Money::from_fen(50_000).unwrap(),
            },
        );
    }
    for (k, b) in ids[2..].iter().enumerate() {
        run(
            &mut s,
            Command::Spend {
                sharer: ids[0].parse().unwrap(),
                beneficiary: b.parse().unwrap(),
                amount: Money::from_fen(12_345).unwrap(),
                reference: format!("B{k}/1"),
                visit_type: None,
                institution: None,
            },
        );
    }
    s
}

fn benches(c: &mut Criterion) {
    let book = PolicyBook::embedded();

    let req: SettleRequest = parse_doc(SETTLE).unwrap();
    c.bench_function("settle_20_items", |b| {
        b.iter(|| settle(black_box(&book), black_box(&req)).unwrap())
    });
    c.bench_function("settle_20_items_json", |b| {
        b.iter(|| invoke(black_box(&book), "settle", black_box(SETTLE)).unwrap())
    });
    // The same bill with `"explain": false`: the amounts without the trace (payment back ends).
    let quiet = SettleRequest {
        explain: false,
        ..req.clone()
    };
    c.bench_function("settle_20_items_unexplained", |b| {
        b.iter(|| settle(black_box(&book), black_box(&quiet)).unwrap())
    });
    let quiet_doc = gongji_core::json::to_json(&quiet);
    c.bench_function("settle_20_items_unexplained_json", |b| {
        b.iter(|| invoke(black_box(&book), "settle", black_box(&quiet_doc)).unwrap())
    });
    // PL-1: a sharer and five relatives (two in-province, three wallet), 100 expected bills and three
    // premiums over 12 months; four simulations of the year (need, reserve check, final, no sharing).
    let plan_req: gongji_core::plan::PlanRequest = parse_doc(PLAN).unwrap();
    c.bench_function("plan_family_of_6", |b| {
        b.iter(|| gongji_core::plan::plan(black_box(&book), black_box(&plan_req)).unwrap())
    });
    c.bench_function("plan_family_of_6_json", |b| {
        b.iter(|| invoke(black_box(&book), "plan", black_box(PLAN)).unwrap())
    });
    let settled = invoke(&book, "settle", SETTLE).unwrap();
    c.bench_function("reverse_json", |b| {
        b.iter(|| invoke(black_box(&book), "reverse", black_box(&settled)).unwrap())
    });

    let state = family_of_8(&book);
    let grant = Command::Grant {
        relationship: state.relationships[3].id.clone(),
        amount: Money::from_fen(10_000).unwrap(),
    };
    let spend = Command::Spend {
        sharer: "p1".parse().unwrap(),
        beneficiary: "p5".parse().unwrap(),
        amount: Money::from_fen(20_000).unwrap(),
        reference: "BENCH/1".into(),
        visit_type: None,
        institution: None,
    };
    let now = t("2025-07-01T10:00");
    c.bench_function("apply_grant_family_of_8", |b| {
        b.iter(|| apply(black_box(&book), black_box(&state), black_box(&grant), now).unwrap())
    });
    c.bench_function("apply_spend_family_of_8", |b| {
        b.iter(|| apply(black_box(&book), black_box(&state), black_box(&spend), now).unwrap())
    });
    let apply_doc = format!(
        r#"{{"state": {}, "command": {}, "now": "2025-07-01T10:00"}}"#,
        gongji_core::json::to_json(&state),
        gongji_core::json::to_json(&grant)
    );
    c.bench_function("apply_grant_family_of_8_json", |b| {
        b.iter(|| invoke(black_box(&book), "apply", black_box(&apply_doc)).unwrap())
    });

    let elig: EligibilityRequest = parse_doc(ELIGIBILITY).unwrap();
    c.bench_function("check_eligibility", |b| {
        b.iter(|| check_eligibility(black_box(&book), black_box(&elig)).unwrap())
    });
    c.bench_function("check_eligibility_json", |b| {
        b.iter(|| {
            invoke(
                black_box(&book),
                "check_eligibility",
                black_box(ELIGIBILITY),
            )
            .unwrap()
        })
    });

    c.bench_function("policy_embedded_load", |b| b.iter(PolicyBook::embedded));
}

criterion_group! {
    name = core;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(core);
