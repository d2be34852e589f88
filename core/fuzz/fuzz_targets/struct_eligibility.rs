//! Structured eligibility requests (E-1..E-7, E-10): the decision agrees with itself and with the JSON
//! entry point, and the rules a generator can see by itself are honoured.
#![no_main]
use arbitrary::Arbitrary;
use gongji_core::eligibility::{check_eligibility, EligibilityRequest, Mode};
use gongji_core::json::{invoke, to_json};
use gongji_core::Enrollment;
use gongji_core_fuzz::{book, check_error, date, pid, FPerson, KINSHIPS};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    sharer: FPerson,
    beneficiary: FPerson,
    same_id: bool,
    kinship: u8,
    wallet: bool,
    commitment: Option<bool>,
    sharers: u8,
    day: u16,
}

fuzz_target!(|i: Input| {
    let mut beneficiary = i.beneficiary.build("B");
    if i.same_id {
        beneficiary.id = pid("S");
    }
    let req = EligibilityRequest {
        date: date(i.day),
        mode: if i.wallet {
            Mode::Wallet
        } else {
            Mode::InProvince
        },
        sharer: i.sharer.build("S"),
        beneficiary,
        kinship: KINSHIPS[i.kinship as usize % KINSHIPS.len()],
        commitment_signed: i.commitment,
        beneficiary_sharers: u32::from(i.sharers),
    };
    let direct = check_eligibility(book(), &req);
    let via_json = invoke(book(), "check_eligibility", &to_json(&req));
    match (&direct, &via_json) {
        (Ok(d), Ok(text)) => assert_eq!(&to_json(d), text),
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            check_error(a);
        }
        _ => panic!("direct {direct:?} and JSON {via_json:?} disagree"),
    }
    let Ok(d) = direct else { return };
    assert_eq!(d.allowed, d.failed.is_empty());
    let failed = |code: &str| d.failed.iter().any(|r| r.code.as_str() == code);
    for r in d.failed.iter().chain(d.passed.iter()) {
        assert!(r.rule.starts_with("E-") && !r.code.as_str().is_empty());
        assert!(!r.message_zh.is_empty() && !r.message_en.is_empty());
    }
    // Each rule is judged once: passed or failed, never both (E-5 may fail twice, for each person).
    for p in &d.passed {
        assert!(
            d.failed.iter().all(|f| f.rule != p.rule),
            "rule {} passed and failed",
            p.rule
        );
    }
    assert_eq!(req.sharer.id == req.beneficiary.id, failed("SAME_PERSON"));
    assert_eq!(
        req.sharer.enrollment != Enrollment::Active,
        failed("SHARER_NOT_ACTIVE")
    );
    assert_eq!(
        req.beneficiary.enrollment != Enrollment::Active,
        failed("BENEFICIARY_NOT_INSURED")
    );
    assert_eq!(
        req.commitment_signed == Some(false),
        failed("COMMITMENT_NOT_SIGNED")
    );
    if req.mode == Mode::Wallet {
        let unopened = !req.sharer.wallet_opened || !req.beneficiary.wallet_opened;
        assert_eq!(unopened, failed("WALLET_NOT_OPENED"));
    } else {
        let apart = !req.sharer.region.same_province(req.beneficiary.region);
        assert_eq!(apart, failed("CROSS_PROVINCE_NEEDS_WALLET"));
    }
    if req.date < gongji_core::Date::new(2021, 1, 1).unwrap() {
        // Before 2021 a personal account served its holder only (E-2).
        assert!(failed("KINSHIP_NOT_ELIGIBLE"));
    }
});
