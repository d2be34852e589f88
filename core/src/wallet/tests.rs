use super::*;
use crate::error::Error;
use crate::json::parse_doc;
use crate::policy::PolicyBook;

fn t(s: &str) -> DateTime {
    s.parse().unwrap()
}

fn m(s: &str) -> Money {
    s.parse().unwrap()
}

/// Tests write commands flat (`{"type":"grant","amount":…}`); the document form nests them under `args`.
fn pid(s: &str) -> crate::person::PersonId {
    s.parse().unwrap()
}

fn cmd(json: &str) -> Command {
    let mut flat: serde_json::Map<String, serde_json::Value> = serde_json::from_str(json).unwrap();
    let kind = flat.remove("type").unwrap();
    let doc = if flat.is_empty() {
        serde_json::json!({ "type": kind })
    } else {
        serde_json::json!({ "type": kind, "args": flat })
    };
    parse_doc(&doc.to_string()).unwrap()
}

fn person(id: &str, scheme: &str, region: &str) -> String {
    format!(
        r#"{{"id":"{id}","scheme":"{scheme}","region":"{region}","enrollment":"active","wallet_opened":true}}"#
    )
}

struct Ledger {
    book: &'static PolicyBook,
    state: WalletState,
    windows: Windows<'static>,
}

/// The embedded book, for the life of the test process (a window cache borrows it).
fn book() -> &'static PolicyBook {
    alloc::boxed::Box::leak(alloc::boxed::Box::new(PolicyBook::embedded()))
}

impl Ledger {
    fn new() -> Ledger {
        Ledger::with(WalletState::default())
    }
    fn with(state: WalletState) -> Ledger {
        let book = book();
        Ledger {
            book,
            state,
            windows: Windows::new(book),
        }
    }
    fn run(&mut self, now: &str, json: &str) -> Result<Vec<Event>, Error> {
        let out = apply(self.book, &self.state, &cmd(json), t(now));
        // The planner's path (PL-1): the same command in place, with one window cache for the whole
        // ledger, gives the same result.
        let mut shadow = self.state.clone();
        let in_place = apply_in_place(&mut self.windows, &mut shadow, &cmd(json), t(now));
        match (&out, in_place) {
            (Ok(a), Ok(events)) => assert_eq!((&a.state, &a.events), (&shadow, &events), "{json}"),
            (Err(e), Err(f)) => assert_eq!((e.code(), &e.field), (f.code(), &f.field), "{json}"),
            (a, b) => panic!("apply {a:?} but in place {b:?}: {json}"),
        }
        let out = out?;
        let before = self.state.total_money();
        let registered: rust_decimal::Decimal = out
            .events
            .iter()
            .map(|e| match e {
                Event::PersonRegistered { balance, .. } => balance.as_decimal(),
                // Q-8: a credit is the other way money enters.
                Event::Credited { amount, .. } => amount.as_decimal(),
                // Q-9: money leaves by spends and own-account payments, told by events (closed items
                // leave the lists).
                Event::Spent { amount, .. } => -amount.as_decimal(),
                Event::Refunded { amount, .. } => amount.as_decimal(),
                Event::Settled { settlement } => -settlement.self_acct_pay.as_decimal(),
                Event::Reversed {
                    own_account_back, ..
                } => own_account_back.as_decimal(),
                _ => rust_decimal::Decimal::ZERO,
            })
            .sum();
        assert_eq!(
            out.state.total_money(),
            before + registered,
            "money must be conserved by {json}"
        );
        self.state = out.state;
        Ok(out.events)
    }
    /// Registers a person with a balance (the ledger's only way money enters).
    fn register(&mut self, now: &str, id: &str, scheme: &str, region: &str, balance: &str) {
        let json = format!(
            r#"{{"type":"register_person","person":{},"balance":"{balance}"}}"#,
            person(id, scheme, region)
        );
        self.run(now, &json).unwrap();
    }
    fn balance(&self, id: &str) -> String {
        self.state
            .accounts
            .iter()
            .find(|a| a.person.as_str() == id)
            .unwrap()
            .balance
            .to_string()
    }
    fn code(&mut self, now: &str, json: &str) -> (&'static str, String) {
        let e = self.run(now, json).unwrap_err();
        (e.code(), e.field)
    }
}

/// 小明 (employee, Jinan 370100 — Shandong has the wallet from 2024-12-02) with 5000.00; his father
/// (resident, Jinan) and wife (employee, Jinan, 800.00).
fn xiaoming() -> Ledger {
    let mut l = Ledger::new();
    let now = "2025-03-01T09:00";
    l.register(now, "xm", "employee", "370100", "5000.00");
    l.register(now, "dad", "resident", "370100", "0.00");
    l.register(now, "wife", "employee", "370100", "800.00");
    l
}

fn establish(l: &mut Ledger, sharer: &str, beneficiary: &str, kinship: &str, mode: &str) -> String {
    let ev = l
        .run(
            "2025-03-01T10:00",
            &format!(r#"{{"type":"establish","sharer":"{sharer}","beneficiary":"{beneficiary}","kinship":"{kinship}","mode":"{mode}","commitment_signed":true}}"#),
        )
        .unwrap();
    match &ev[0] {
        Event::RelationshipEstablished { relationship, .. } => relationship.clone(),
        e => panic!("{e:?}"),
    }
}

#[test]
fn q1_grant_leaves_the_sharer_balance_at_once() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    let ev = l
        .run(
            "2025-03-02T10:00",
            &format!(r#"{{"type":"grant","relationship":"{r}","amount":"1000.00"}}"#),
        )
        .unwrap();
    // 5000.00 − 1000.00 = 4000.00 left for 小明; Jinan keeps 20.00 reserved: shareable 4000.00 − 20.00 = 3980.00.
    assert_eq!(l.balance("xm"), "4000.00");
    assert_eq!(
        ev,
        vec![Event::QuotaGranted {
            quota: "Q2".into(),
            relationship: r.clone(),
            sharer: pid("xm"),
            beneficiary: pid("dad"),
            amount: m("1000.00"),
            shareable_after: m("3980.00")
        }]
    );
    assert_eq!(l.state.quota_available(&r), m("1000.00"));
}

#[test]
fn q2_spend_up_to_the_quota_never_over() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"300.00"}}"#),
    )
    .unwrap();
    let over =
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"300.01","reference":"B1"}"#;
    assert_eq!(
        l.code("2025-03-03T10:00", over),
        ("QUOTA_EXCEEDED", "command.args.amount".into())
    );
    l.run(
        "2025-03-03T10:00",
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"300.00","reference":"B1"}"#,
    )
    .unwrap();
    // 顶格开支: 300.00 − 300.00 = 0.00 left.
    assert_eq!(l.state.quota_available(&r), Money::ZERO);
}

#[test]
fn q3_revoke_takes_back_only_the_unspent_part() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"1000.00"}}"#),
    )
    .unwrap();
    l.run(
        "2025-03-03T10:00",
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"250.00","reference":"B1"}"#,
    )
    .unwrap();
    let too_much = format!(r#"{{"type":"revoke","relationship":"{r}","amount":"750.01"}}"#);
    assert_eq!(
        l.code("2025-03-04T10:00", &too_much).0,
        "REVOKE_EXCEEDS_UNSPENT"
    );
    l.run(
        "2025-03-04T10:00",
        &format!(r#"{{"type":"revoke","relationship":"{r}"}}"#),
    )
    .unwrap();
    // 1000.00 − 250.00 spent = 750.00 back: 4000.00 + 750.00 = 4750.00.
    assert_eq!(l.balance("xm"), "4750.00");
    assert_eq!(
        l.code(
            "2025-03-04T10:00",
            &format!(r#"{{"type":"revoke","relationship":"{r}"}}"#)
        )
        .0,
        "NOTHING_TO_REVOKE"
    );
}

#[test]
fn q4_grant_limited_by_reserved_minimum() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    // Jinan keeps 20.00: 5000.00 − 20.00 = 4980.00 shareable.
    let over = format!(r#"{{"type":"grant","relationship":"{r}","amount":"4980.01"}}"#);
    assert_eq!(
        l.code("2025-03-02T10:00", &over),
        ("INSUFFICIENT_SHAREABLE", "command.args.amount".into())
    );
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"4980.00"}}"#),
    )
    .unwrap();
    assert_eq!(l.balance("xm"), "20.00");
}

#[test]
fn q4_hangzhou_shares_past_years_balance_only() {
    let mut l = Ledger::new();
    let now = "2025-07-01T09:00";
    l.run(now, &format!(r#"{{"type":"register_person","person":{},"balance":"5000.00","current_year_credits":"1800.00"}}"#, person("a", "employee", "330100"))).unwrap();
    l.register(now, "b", "resident", "330100", "0.00");
    l.run(now, r#"{"type":"establish","sharer":"a","beneficiary":"b","kinship":"child","mode":"in_province","commitment_signed":true}"#).unwrap();
    // Hangzhou reviews (E-6): pending until approved.
    assert_eq!(l.state.relationships[0].status, RelationshipStatus::Pending);
    let early =
        r#"{"type":"spend","sharer":"a","beneficiary":"b","amount":"1.00","reference":"X"}"#;
    assert_eq!(l.code(now, early).0, "RELATIONSHIP_NOT_ACTIVE");
    l.run(
        "2025-07-03T09:00",
        r#"{"type":"review","relationship":"R1","approved":true}"#,
    )
    .unwrap();
    // Shareable: 5000.00 − 1800.00 this year's credits − 0.00 reserve = 3200.00 (Q-6: charged directly).
    let over =
        r#"{"type":"spend","sharer":"a","beneficiary":"b","amount":"3200.01","reference":"X"}"#;
    assert_eq!(l.code("2025-07-03T10:00", over).0, "QUOTA_EXCEEDED");
    l.run(
        "2025-07-03T10:00",
        r#"{"type":"spend","sharer":"a","beneficiary":"b","amount":"3200.00","reference":"X"}"#,
    )
    .unwrap();
    assert_eq!(l.balance("a"), "1800.00");
}

#[test]
fn q6_in_province_sets_no_quota() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "wife", "spouse", "in_province");
    assert_eq!(
        l.code(
            "2025-03-02T10:00",
            &format!(r#"{{"type":"grant","relationship":"{r}","amount":"10.00"}}"#)
        )
        .0,
        "WRONG_MODE"
    );
    l.run(
        "2025-03-02T10:00",
        r#"{"type":"spend","sharer":"xm","beneficiary":"wife","amount":"123.45","reference":"B9"}"#,
    )
    .unwrap();
    // 5000.00 − 123.45 = 4876.55
    assert_eq!(l.balance("xm"), "4876.55");
}

#[test]
fn e8_received_quota_cannot_be_shared_on() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "wife", "spouse", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"1000.00"}}"#),
    )
    .unwrap();
    l.register("2025-03-02T10:00", "sis", "resident", "370100", "0.00");
    let ev = l.run("2025-03-02T11:00", r#"{"type":"establish","sharer":"wife","beneficiary":"sis","kinship":"sibling","mode":"wallet","commitment_signed":true}"#).unwrap();
    let Event::RelationshipEstablished {
        relationship: r2, ..
    } = &ev[0]
    else {
        panic!("{ev:?}")
    };
    // The wife's own shareable money: 800.00 − 20.00 reserve = 780.00. The 1000.00 she received is not hers to share.
    let over = format!(r#"{{"type":"grant","relationship":"{r2}","amount":"780.01"}}"#);
    assert_eq!(
        l.code("2025-03-02T12:00", &over),
        ("RECEIVED_NOT_SHAREABLE", "command.args.amount".into())
    );
    let way_over = format!(r#"{{"type":"grant","relationship":"{r2}","amount":"1780.01"}}"#);
    assert_eq!(
        l.code("2025-03-02T12:00", &way_over).0,
        "INSUFFICIENT_SHAREABLE"
    );
    l.run(
        "2025-03-02T12:00",
        &format!(r#"{{"type":"grant","relationship":"{r2}","amount":"780.00"}}"#),
    )
    .unwrap();
    assert_eq!(l.balance("wife"), "20.00");
    assert_eq!(l.state.quota_available(&r), m("1000.00"));
}

#[test]
fn e9_dissolution_returns_every_unspent_quota() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"600.00"}}"#),
    )
    .unwrap();
    l.run(
        "2025-03-02T11:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"400.00"}}"#),
    )
    .unwrap();
    l.run(
        "2025-03-03T10:00",
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"700.00","reference":"B1"}"#,
    )
    .unwrap();
    assert_eq!(
        l.code(
            "2025-03-04T10:00",
            &format!(r#"{{"type":"dissolve","relationship":"{r}","by":"wife"}}"#)
        )
        .0,
        "NOT_A_PARTY"
    );
    let ev = l
        .run(
            "2025-03-04T10:00",
            &format!(r#"{{"type":"dissolve","relationship":"{r}","by":"dad"}}"#),
        )
        .unwrap();
    // Oldest first: Q2 600.00 fully spent, Q3 gave 100.00; 300.00 unspent returns: 4000.00 + 300.00 = 4300.00.
    assert_eq!(
        ev,
        vec![Event::RelationshipDissolved {
            relationship: r.clone(),
            sharer: pid("xm"),
            beneficiary: pid("dad"),
            reason: EndReason::ByBeneficiary,
            returned: m("300.00")
        }]
    );
    assert_eq!(l.balance("xm"), "4300.00");
    let spend =
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"1.00","reference":"B2"}"#;
    assert_eq!(
        l.code("2025-03-04T11:00", spend).0,
        "RELATIONSHIP_NOT_ACTIVE"
    );
    // A refund after dissolution goes to the sharer: 4300.00 + 700.00 = 5000.00.
    l.run("2025-03-05T10:00", r#"{"type":"refund","reference":"B1"}"#)
        .unwrap();
    assert_eq!(l.balance("xm"), "5000.00");
}

#[test]
fn e9_insurance_moved_dissolves_automatically() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"500.00"}}"#),
    )
    .unwrap();
    let ev = l.run("2025-04-01T10:00", r#"{"type":"insurance_changed","person":"dad","change":"moved_region","region":"370200"}"#).unwrap();
    // insurance_changed, relationship_dissolved, then (Q-9) the emptied quota and the ended
    // relationship leave the state, each carried whole by its event.
    assert_eq!(ev.len(), 4);
    assert_eq!(l.balance("xm"), "5000.00");
    match &ev[3] {
        Event::RelationshipClosed { relationship } => {
            assert_eq!(relationship.end_reason, Some(EndReason::MovedRegion))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&ev[2], Event::QuotaClosed { quota } if quota.granted == m("500.00")));
    assert!(l.state.relationships.is_empty() && l.state.quotas.is_empty());
}

#[test]
fn s9_refund_restores_the_quota_exactly() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"500.00"}}"#),
    )
    .unwrap();
    let before = l.state.quotas.clone();
    l.run(
        "2025-03-03T10:00",
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"123.45","reference":"B1"}"#,
    )
    .unwrap();
    l.run("2025-03-03T11:00", r#"{"type":"refund","reference":"B1"}"#)
        .unwrap();
    assert_eq!(l.state.quotas, before);
    assert_eq!(
        l.code("2025-03-03T11:00", r#"{"type":"refund","reference":"B1"}"#)
            .0,
        "SPEND_ALREADY_REFUNDED"
    );
}

/// Shanghai 310000 uses the transfer wallet in 2025 (seed 002).
fn shanghai() -> (Ledger, String) {
    let mut l = Ledger::new();
    let now = "2025-05-01T09:00";
    l.register(now, "s", "employee", "310000", "9000.00");
    l.register(now, "m", "resident", "370100", "0.00");
    l.run(now, r#"{"type":"establish","sharer":"s","beneficiary":"m","kinship":"parent","mode":"wallet","commitment_signed":true}"#).unwrap();
    (l, "R1".into())
}

#[test]
fn q5_transfer_limits() {
    let (mut l, r) = shanghai();
    let send =
        |amount: &str| format!(r#"{{"type":"transfer","relationship":"{r}","amount":"{amount}"}}"#);
    assert_eq!(
        l.code(
            "2025-05-01T10:00",
            &format!(r#"{{"type":"grant","relationship":"{r}","amount":"10.00"}}"#)
        )
        .0,
        "WRONG_WALLET_MODEL"
    );
    assert_eq!(
        l.code("2025-05-01T22:00", &send("100.00")).0,
        "TRANSFER_QUIET_HOURS"
    );
    assert_eq!(
        l.code("2025-05-01T10:00", &send("2000.01")).0,
        "TRANSFER_AMOUNT_LIMIT"
    );
    let ev = l.run("2025-05-01T10:00", &send("2000.00")).unwrap();
    assert_eq!(
        ev,
        vec![Event::TransferSent {
            transfer: "T2".into(),
            relationship: "R1".into(),
            sharer: pid("s"),
            beneficiary: pid("m"),
            amount: m("2000.00"),
            returns_at: t("2025-05-02T06:00")
        }]
    );
    assert_eq!(
        l.code("2025-05-01T10:05", &send("10.00")).0,
        "TRANSFER_PENDING"
    );
    l.run(
        "2025-05-01T11:00",
        r#"{"type":"accept","transfer":"T2","by":"m"}"#,
    )
    .unwrap();
    l.run("2025-05-01T12:00", &send("10.00")).unwrap();
    l.run(
        "2025-05-01T12:01",
        r#"{"type":"accept","transfer":"T4","by":"m"}"#,
    )
    .unwrap();
    l.run("2025-05-01T12:02", &send("10.00")).unwrap();
    l.run(
        "2025-05-01T12:03",
        r#"{"type":"accept","transfer":"T6","by":"m"}"#,
    )
    .unwrap();
    // Three transfers today already.
    assert_eq!(
        l.code("2025-05-01T13:00", &send("10.00")).0,
        "TRANSFER_DAILY_LIMIT"
    );
    l.run("2025-05-02T06:00", &send("10.00")).unwrap();
    // 9000.00 − 2000.00 − 10.00 × 3 = 6970.00
    assert_eq!(l.balance("s"), "6970.00");
}

#[test]
fn q5_unaccepted_transfer_returns_at_six_next_day() {
    let (mut l, r) = shanghai();
    l.run(
        "2025-05-01T21:59",
        &format!(r#"{{"type":"transfer","relationship":"{r}","amount":"500.00"}}"#),
    )
    .unwrap();
    assert_eq!(l.balance("s"), "8500.00");
    l.run("2025-05-02T05:59", r#"{"type":"tick"}"#).unwrap();
    assert_eq!(l.balance("s"), "8500.00");
    assert_eq!(
        l.code(
            "2025-05-02T06:00",
            r#"{"type":"accept","transfer":"T2","by":"m"}"#
        )
        .0,
        "TRANSFER_EXPIRED"
    );
    let ev = l.run("2025-05-02T06:00", r#"{"type":"tick"}"#).unwrap();
    assert_eq!(
        ev[0],
        Event::TransferReturned {
            transfer: "T2".into(),
            relationship: "R1".into(),
            sharer: pid("s"),
            beneficiary: pid("m"),
            amount: m("500.00")
        }
    );
    // Q-9: returned, and sent on an earlier day, it leaves the state at once.
    assert!(matches!(&ev[1], Event::TransferClosed { transfer } if transfer.id == "T2"));
    assert_eq!(ev.len(), 2);
    assert!(l.state.transfers.is_empty());
    assert_eq!(l.balance("s"), "9000.00");
}

#[test]
fn time_may_not_go_back() {
    let mut l = xiaoming();
    assert_eq!(
        l.code("2025-02-28T10:00", r#"{"type":"tick"}"#).0,
        "TIME_WENT_BACK"
    );
}

// ---- the ledger of record (S-14, Q-8) ----

/// A ledger `settle` of a level-2 outpatient bill with one class-A drug line.
fn bill(reference: &str, date: &str, patient: &str, amount: &str) -> String {
    format!(
        r#"{{"type":"settle","estimate":true,"reference":"{reference}","date":"{date}","patient":"{patient}","visit":{{"type":"outpatient","level":2}},"items":[{{"name":"drug","amount":"{amount}","class":"a","category":"drug"}}]}}"#
    )
}

fn settled(ev: &[Event]) -> &crate::settlement::Settlement {
    ev.iter()
        .find_map(|e| match e {
            Event::Settled { settlement } => Some(settlement.as_ref()),
            _ => None,
        })
        .unwrap()
}

fn totals(l: &Ledger, id: &str, year: u16) -> Accumulators {
    l.state.year_totals(&id.parse::<PersonId>().unwrap(), year)
}

#[test]
fn s14_reverse_out_of_order_subtracts_contributions() {
    let mut l = xiaoming();
    // A: deductible 300.00, fund 700.00 × 0.60 = 420.00, own 580.00: 5000.00 → 4420.00.
    l.run(
        "2025-04-01T09:00",
        &bill("A", "2025-04-01", "xm", "1000.00"),
    )
    .unwrap();
    // B: deductible met, fund 600.00, own 400.00: 4420.00 → 4020.00.
    l.run(
        "2025-04-02T09:00",
        &bill("B", "2025-04-02", "xm", "1000.00"),
    )
    .unwrap();
    assert_eq!(l.balance("xm"), "4020.00");
    let ev = l
        .run("2025-04-03T09:00", r#"{"type":"reverse","reference":"A"}"#)
        .unwrap();
    // 4020.00 + 580.00, not A's "before" 5000.00.
    assert_eq!(l.balance("xm"), "4600.00");
    let y = totals(&l, "xm", 2025);
    assert_eq!(
        (y.deductible_met, y.fund_paid, y.in_scope_past_deductible),
        (m("0.00"), m("600.00"), m("1000.00"))
    );
    assert!(matches!(
        &ev[..],
        [Event::Reversed { own_account_back, fund_back, .. }]
            if *own_account_back == m("580.00") && *fund_back == m("420.00")
    ));
}

#[test]
fn s14_second_bill_reads_the_year_totals() {
    let mut l = xiaoming();
    let a = l
        .run(
            "2025-04-01T09:00",
            &bill("A", "2025-04-01", "xm", "1000.00"),
        )
        .unwrap();
    assert_eq!(settled(&a).act_pay_dedc, m("300.00"));
    let b = l
        .run(
            "2025-04-02T09:00",
            &bill("B", "2025-04-02", "xm", "1000.00"),
        )
        .unwrap();
    assert_eq!(
        settled(&b).accumulators_before,
        settled(&a).accumulators_after
    );
    assert_eq!(settled(&b).act_pay_dedc, m("0.00"));
    // A bill of the next year starts from zero.
    let c = l
        .run(
            "2026-01-02T09:00",
            &bill("C", "2026-01-02", "xm", "1000.00"),
        )
        .unwrap();
    assert_eq!(c[0], Event::YearEnded { year: 2025 });
    assert_eq!(settled(&c).accumulators_before, Accumulators::default());
    assert_eq!(totals(&l, "xm", 2025).fund_paid, m("1020.00"));
    assert_eq!(totals(&l, "xm", 2026).fund_paid, m("420.00"));
}

#[test]
fn s9_a_booked_settlement_reverses_once() {
    let mut l = xiaoming();
    l.run(
        "2025-04-01T09:00",
        &bill("A", "2025-04-01", "xm", "1000.00"),
    )
    .unwrap();
    l.run("2025-04-01T10:00", r#"{"type":"reverse","reference":"A"}"#)
        .unwrap();
    assert_eq!(l.balance("xm"), "5000.00");
    let again = l.code("2025-04-01T11:00", r#"{"type":"reverse","reference":"A"}"#);
    assert_eq!(
        again,
        (
            "SETTLEMENT_ALREADY_REVERSED",
            "command.args.reference".into()
        )
    );
    let unknown = l.code("2025-04-01T11:00", r#"{"type":"reverse","reference":"Z"}"#);
    assert_eq!(unknown.0, "SETTLEMENT_UNKNOWN");
    let reuse = l.code("2025-04-01T11:00", &bill("A", "2025-04-01", "xm", "5.00"));
    assert_eq!(reuse.0, "SETTLEMENT_EXISTS");
}

#[test]
fn s14_a_failing_settlement_books_nothing() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"1000.00"}}"#),
    )
    .unwrap();
    // A spend already holds the reference the settlement's first sharer part would take.
    l.run(
        "2025-03-02T11:00",
        r#"{"type":"spend","sharer":"xm","beneficiary":"dad","amount":"1.00","reference":"D/1"}"#,
    )
    .unwrap();
    let before = l.state.clone();
    let e = l.code(
        "2025-03-03T09:00",
        &bill("D", "2025-03-03", "dad", "1000.00"),
    );
    assert_eq!(e.0, "SPEND_REFERENCE_EXISTS");
    assert_eq!(l.state, before);
}

#[test]
fn s14_ledger_settle_gives_the_stateless_amounts() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"100.00"}}"#),
    )
    .unwrap();
    let ev = l
        .run(
            "2025-03-03T09:00",
            &bill("D", "2025-03-03", "dad", "1000.00"),
        )
        .unwrap();
    let booked = settled(&ev).clone();
    let req: crate::settlement::SettleRequest = parse_doc(
        r#"{"reference":"D","estimate":true,"date":"2025-03-03","patient":{"id":"dad","scheme":"resident","region":"370100","enrollment":"active","wallet_opened":true},
            "own_balance":"0.00","visit":{"type":"outpatient","level":2},
            "items":[{"name":"drug","amount":"1000.00","class":"a","category":"drug"}],
            "funds":[{"sharer":"xm","mode":"wallet","available":"100.00","granted_at":"2025-03-02T10:00"}]}"#,
    )
    .unwrap();
    let stateless = crate::settlement::settle(l.book, &req).unwrap();
    assert_eq!(booked, stateless);
    // 580.00 burden: the quota's 100.00, then 480.00 cash.
    assert_eq!(booked.acct_mulaid_pay, m("100.00"));
    assert_eq!(booked.psn_cash_pay, m("480.00"));
    assert_eq!(l.state.quota_available(&r), Money::ZERO);
}

#[test]
fn q8_credits_and_the_year_end() {
    let mut l = xiaoming();
    let ev = l
        .run(
            "2025-05-01T09:00",
            r#"{"type":"credit","person":"xm","amount":"300.00","kind":"monthly"}"#,
        )
        .unwrap();
    assert_eq!(
        ev,
        vec![Event::Credited {
            person: "xm".parse::<PersonId>().unwrap(),
            amount: m("300.00"),
            kind: CreditKind::Monthly,
            balance: m("5300.00"),
        }]
    );
    let acct = l.state.account(&"xm".parse::<PersonId>().unwrap()).unwrap();
    assert_eq!(acct.current_year_credits, m("300.00"));
    // Own spending takes this year's credits first: 580.00 of the bill, 300.00 of it credits.
    l.run(
        "2025-05-02T09:00",
        &bill("A", "2025-05-02", "xm", "1000.00"),
    )
    .unwrap();
    let acct = l.state.account(&"xm".parse::<PersonId>().unwrap()).unwrap();
    assert_eq!(
        (acct.balance, acct.current_year_credits),
        (m("4720.00"), m("0.00"))
    );
    l.run(
        "2025-06-01T09:00",
        r#"{"type":"credit","person":"xm","amount":"200.00","kind":"annual"}"#,
    )
    .unwrap();
    // Two years later: 2025 and 2026 end before the command; this year's credits become 0.00.
    let ev = l
        .run(
            "2027-02-01T09:00",
            r#"{"type":"open_wallet","person":"xm"}"#,
        )
        .unwrap();
    assert_eq!(ev[0], Event::YearEnded { year: 2025 });
    assert_eq!(ev[1], Event::YearEnded { year: 2026 });
    let acct = l.state.account(&"xm".parse::<PersonId>().unwrap()).unwrap();
    assert_eq!(
        (acct.balance, acct.current_year_credits),
        (m("4920.00"), m("0.00"))
    );
}

/// Q-9, no bricking: a state near the document limit (MAX_STATE_BYTES, the 4 MiB document less room for
/// the command) refuses a grant that would push it over with STATE_FULL, up front; a revoke, which
/// closes a quota and makes the state smaller, still passes, so the locked money can always come back.
#[test]
fn q9_state_full_refused_up_front_and_a_revoke_still_passes() {
    let mut l = xiaoming();
    let r = establish(&mut l, "xm", "dad", "parent", "wallet");
    l.run(
        "2025-03-02T10:00",
        &format!(r#"{{"type":"grant","relationship":"{r}","amount":"0.01"}}"#),
    )
    .unwrap();
    // Copies of the one-fen quota, with fresh ids, until one more would pass the limit: the money of
    // each comes out of xm's balance, as a grant would take it.
    let one = l.state.quotas[0].clone();
    let quota_bytes = crate::json::to_json(&one).len() + 1;
    let mut size = crate::json::to_json(&l.state).len();
    while size + 2 * quota_bytes < MAX_STATE_BYTES {
        let mut q = one.clone();
        q.id = l.state.next_id('Q');
        size += crate::json::to_json(&q).len() + 1;
        l.state.quotas.push(q);
        let a = &mut l.state.accounts[0];
        a.balance = a.balance.checked_sub(m("0.01")).unwrap();
    }
    let n = l.state.quotas.len();
    assert!(n > 10_000, "{n} quotas");
    let grant = format!(r#"{{"type":"grant","relationship":"{r}","amount":"0.02"}}"#);
    let mut refused = 0;
    for minute in 0..4 {
        match l.run(&format!("2025-03-03T10:0{minute}"), &grant) {
            Ok(_) => {}
            Err(e) => {
                assert_eq!((e.code(), e.field.as_str()), ("STATE_FULL", "state"));
                refused += 1;
                break;
            }
        }
    }
    assert_eq!(refused, 1, "a grant past the limit is refused");
    let before = l.state.quotas.len();
    let ev = l
        .run(
            "2025-03-03T11:00",
            &format!(r#"{{"type":"revoke","relationship":"{r}","amount":"0.03"}}"#),
        )
        .unwrap();
    let closed = ev
        .iter()
        .filter(|e| matches!(e, Event::QuotaClosed { .. }))
        .count();
    assert!(closed >= 1, "{ev:?}");
    assert_eq!(l.state.quotas.len(), before - closed);
    assert!(crate::json::to_json(&l.state).len() <= MAX_STATE_BYTES);
}

/// E-1, Q-9: a resident sharer's yearly cap (Shandong 200.00) counts the quotas granted this year, so a
/// revoked one stays in the state until the year ends; then it closes and the new year's cap is whole.
#[test]
fn q9_resident_quota_stays_for_the_yearly_cap() {
    let mut l = Ledger::new();
    let now = "2025-03-01T09:00";
    l.register(now, "r", "resident", "370100", "500.00");
    l.register(now, "k", "resident", "370100", "0.00");
    let rel = establish(&mut l, "r", "k", "child", "wallet");
    let grant = |a: &str| format!(r#"{{"type":"grant","relationship":"{rel}","amount":"{a}"}}"#);
    l.run("2025-03-02T10:00", &grant("200.00")).unwrap();
    let revoke = format!(r#"{{"type":"revoke","relationship":"{rel}"}}"#);
    let ev = l.run("2025-03-02T11:00", &revoke).unwrap();
    assert_eq!(ev.len(), 1, "the emptied quota stays: {ev:?}");
    // 200.00 cap − 200.00 granted this year = 0.00 left.
    assert_eq!(
        l.code("2025-03-03T10:00", &grant("1.00")).0,
        "INSUFFICIENT_SHAREABLE"
    );
    let ev = l.run("2026-01-02T10:00", r#"{"type":"tick"}"#).unwrap();
    assert!(matches!(&ev[1], Event::QuotaClosed { quota } if quota.granted == m("200.00")));
    l.run("2026-01-02T11:00", &grant("100.00")).unwrap();
    assert_eq!(l.balance("r"), "400.00");
}

/// Q-9, no bricking: a registration that would take the persons past MAX_ENTRIES is refused with
/// STATE_FULL (the state it would write is one `validate` refuses as TOO_MANY).
#[test]
fn q9_entries_past_the_limit_refused_up_front() {
    let mut s = WalletState::default();
    for k in 0..super::state::MAX_ENTRIES {
        let p: Person = parse_doc(&person(&format!("p{k}"), "employee", "110000")).unwrap();
        s.accounts.push(Account {
            person: p.id.clone(),
            balance: Money::ZERO,
            current_year_credits: Money::ZERO,
        });
        s.persons.push(p);
    }
    let l = Ledger::with(s);
    let c = cmd(&format!(
        r#"{{"type":"register_person","person":{}}}"#,
        person("one-more", "employee", "110000")
    ));
    let e = apply(l.book, &l.state, &c, t("2025-03-01T09:00")).unwrap_err();
    assert_eq!(
        (e.code(), e.field.as_str()),
        ("STATE_FULL", "state.persons")
    );
}

#[test]
fn s12_s14_the_ledger_counts_admissions() {
    // A Beijing employee's stays, as estimates on Beijing's example-grade inpatient rows (level 3, 85 %).
    let mut l = Ledger::new();
    l.register("2025-03-01T09:00", "bj", "employee", "110000", "0.00");
    let stay = |r: &str, d: &str| {
        format!(
            r#"{{"type":"settle","estimate":true,"reference":"{r}","date":"{d}","patient":"bj","visit":{{"type":"inpatient","level":3}},"items":[{{"name":"stay","amount":"10000.00","class":"a","category":"service"}}]}}"#
        )
    };
    // First admission: deductible 1300.00; (10000.00 − 1300.00) × 0.85 = 7395.00.
    let a = l.run("2025-04-01T09:00", &stay("A", "2025-04-01")).unwrap();
    let first = (settled(&a).act_pay_dedc, settled(&a).hifp_pay);
    assert_eq!(first, (m("1300.00"), m("7395.00")));
    // Second, read from the ledger's year totals: 650.00; (10000.00 − 650.00) × 0.85 = 7947.50.
    let b = l.run("2025-05-01T09:00", &stay("B", "2025-05-01")).unwrap();
    let second = (settled(&b).act_pay_dedc, settled(&b).hifp_pay);
    assert_eq!(second, (m("650.00"), m("7947.50")));
    assert_eq!(totals(&l, "bj", 2025).admissions, 2);
    // Reversing the first takes its admission back out of the year's totals.
    l.run("2025-05-02T09:00", r#"{"type":"reverse","reference":"A"}"#)
        .unwrap();
    assert_eq!(totals(&l, "bj", 2025).admissions, 1);
}
