//! Structured bills and funds (S-1..S-10): settle, check the S-8 identities, agree with the JSON entry
//! point, reverse (S-9), and refuse a tampered settlement.
#![no_main]
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use gongji_core::eligibility::Mode;
use gongji_core::json::{invoke, to_json};
use gongji_core::settlement::FamilyFund;
use gongji_core::{settle, DateTime, PolicyBook};
use gongji_core_fuzz::{book, check_error, check_settlement, date, fen, pid, FBill, FPerson};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct FFund {
    who: u8,
    wallet: bool,
    fen: u32,
    granted: Option<u16>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    patient: FPerson,
    bill: FBill,
    funds: Vec<FFund>,
    day: u16,
    tamper: u8,
    includes_acct: bool,
    reference: u8,
}

/// The embedded book with `fund_sum_includes_acct` (S-8, regional).
fn includes_book() -> &'static PolicyBook {
    static B: OnceLock<PolicyBook> = OnceLock::new();
    B.get_or_init(|| {
        PolicyBook::from_json(
            r#"{"schema": "gongji-policy/1", "extends": "embedded",
                "national": {"fund_sum_includes_acct": [{"from": "1900-01-01", "value": true, "grade": "official"}]}}"#,
        )
        .unwrap()
    })
}

fuzz_target!(|i: Input| {
    let book = if i.includes_acct {
        includes_book()
    } else {
        book()
    };
    let d = date(i.day);
    let funds = i
        .funds
        .iter()
        .take(6)
        .map(|f| FamilyFund {
            sharer: pid(&format!("S{}", f.who % 10)),
            mode: if f.wallet {
                Mode::Wallet
            } else {
                Mode::InProvince
            },
            available: fen(f.fen),
            granted_at: f.granted.map(|m| {
                let t: DateTime = format!("{d}T00:00").parse().unwrap();
                t.date().at(m % 1440)
            }),
        })
        .collect();
    let reference = match i.reference % 4 {
        0 => "JN-2025-0702-001".to_string(),
        1 => "R".to_string(),
        2 => "长".repeat(60),
        _ => "x".repeat(61),
    };
    let req = i.bill.build(&reference, d, i.patient.build("P"), funds);
    let direct = settle(book, &req);
    let via_json = invoke(book, "settle", &to_json(&req));
    match (&direct, &via_json) {
        (Ok(s), Ok(text)) => assert_eq!(&to_json(s), text),
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            check_error(a);
        }
        _ => panic!("direct {direct:?} and JSON {via_json:?} disagree"),
    }
    check_settlement(book, &req, direct, i.tamper);
});
