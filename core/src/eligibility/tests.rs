use super::*;
use crate::json::parse_doc;

fn req(json: &str) -> EligibilityRequest {
    parse_doc(json).unwrap()
}

/// 小明 (employee, Hangzhou) and a relative; fields overridable by string replacement.
fn base(date: &str, kinship: &str, b_scheme: &str, b_region: &str, mode: &str) -> String {
    format!(
        r#"{{"date":"{date}","mode":"{mode}","kinship":"{kinship}","commitment_signed":true,
        "sharer":{{"id":"330102199001011234","scheme":"employee","region":"330100","enrollment":"active","wallet_opened":true}},
        "beneficiary":{{"id":"330102196501011234","scheme":"{b_scheme}","region":"{b_region}","enrollment":"active","wallet_opened":true}}}}"#
    )
}

fn codes(d: &Decision) -> Vec<&str> {
    d.failed.iter().map(|r| r.code.as_str()).collect()
}

fn check(json: &str) -> Decision {
    check_eligibility(&PolicyBook::embedded(), &req(json)).unwrap()
}

#[test]
fn e2_parent_on_resident_insurance_may_receive_in_2025() {
    let d = check(&base(
        "2025-06-01",
        "parent",
        "resident",
        "330100",
        "in_province",
    ));
    assert!(d.allowed, "{:?}", d.failed);
    let rules: Vec<&str> = d.passed.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["E-1", "E-2", "E-3", "E-4", "E-5", "E-6", "E-7"]);
}

#[test]
fn e2_sibling_not_eligible_before_2024_12_09() {
    // The July 2024 guidance took effect province by province; all had extended by 9 December.
    let d = check(&base(
        "2024-12-08",
        "sibling",
        "employee",
        "330100",
        "in_province",
    ));
    assert_eq!(codes(&d), ["KINSHIP_NOT_ELIGIBLE"]);
    assert_eq!(d.failed[0].rule, "E-2");
    let d = check(&base(
        "2024-12-09",
        "sibling",
        "employee",
        "330100",
        "in_province",
    ));
    assert!(d.allowed);
}

#[test]
fn e2_nobody_before_2021() {
    let d = check(&base(
        "2020-12-31",
        "spouse",
        "employee",
        "330100",
        "in_province",
    ));
    assert_eq!(codes(&d), ["KINSHIP_NOT_ELIGIBLE"]);
}

#[test]
fn e2_hangzhou_spouse_parent_from_2025_only() {
    assert!(
        check(&base(
            "2025-01-01",
            "spouse_parent",
            "resident",
            "330100",
            "in_province"
        ))
        .allowed
    );
    assert_eq!(
        codes(&check(&base(
            "2024-12-31",
            "spouse_parent",
            "resident",
            "330100",
            "in_province"
        ))),
        ["KINSHIP_NOT_ELIGIBLE"]
    );
    // The extension is Hangzhou's (the sharer's region), not Ningbo's 330200.
    let ningbo = base(
        "2025-06-01",
        "spouse_parent",
        "resident",
        "330100",
        "in_province",
    )
    .replacen("\"330100\"", "\"330200\"", 1);
    assert_eq!(codes(&check(&ningbo)), ["KINSHIP_NOT_ELIGIBLE"]);
}

#[test]
fn e1_resident_cannot_share_unless_region_pilots_small_sharing() {
    let j = base("2025-06-01", "child", "employee", "330100", "in_province").replacen(
        "\"employee\"",
        "\"resident\"",
        1,
    );
    let d = check(&j);
    assert_eq!(codes(&d), ["SHARER_NOT_EMPLOYEE"]);
    // Shandong (370000, inherited by 济南 370100) pilots 200 元 a year (seed 000 Q3).
    let jn = j.replace("330100", "370100");
    let d = check(&jn);
    assert!(d.allowed, "{:?}", d.failed);
    assert_eq!(d.annual_cap.map(|m| m.to_string()), Some("200.00".into()));
}

#[test]
fn e1_e3_inactive_persons_fail_and_every_failure_is_listed() {
    let j = base("2025-06-01", "sibling", "resident", "330100", "in_province")
        .replace("\"enrollment\":\"active\"", "\"enrollment\":\"terminated\"")
        .replace("2025-06-01", "2023-06-01");
    let d = check(&j);
    // E-1, E-2 and E-3 all fail: a denial lists every failed rule, in rule order.
    assert_eq!(
        codes(&d),
        [
            "SHARER_NOT_ACTIVE",
            "KINSHIP_NOT_ELIGIBLE",
            "BENEFICIARY_NOT_INSURED"
        ]
    );
    assert!(!d.allowed);
}

#[test]
fn e4_same_person_denied() {
    let j = base("2025-06-01", "child", "employee", "330100", "in_province")
        .replace("330102196501011234", "330102199001011234");
    assert_eq!(codes(&check(&j)), ["SAME_PERSON"]);
}

#[test]
fn e5_cross_province_needs_wallet() {
    let d = check(&base(
        "2025-06-01",
        "parent",
        "resident",
        "370100",
        "in_province",
    ));
    assert_eq!(codes(&d), ["CROSS_PROVINCE_NEEDS_WALLET"]);
}

#[test]
fn e5_wallet_needs_both_regions_enabled_and_both_wallets_open() {
    // Hangzhou has no rollout date in the book: national says enabled from 2027-01-01.
    let d = check(&base(
        "2025-06-01",
        "parent",
        "resident",
        "370100",
        "wallet",
    ));
    assert_eq!(codes(&d), ["WALLET_NOT_ENABLED"]);
    let d = check(&base(
        "2027-01-01",
        "parent",
        "resident",
        "370100",
        "wallet",
    ));
    assert!(d.allowed, "{:?}", d.failed);
    let closed = base("2027-01-01", "parent", "resident", "370100", "wallet")
        .replace("\"wallet_opened\":true", "\"wallet_opened\":false");
    assert_eq!(
        codes(&check(&closed)),
        ["WALLET_NOT_OPENED", "WALLET_NOT_OPENED"]
    );
}

#[test]
fn e6_commitment_and_hangzhou_review() {
    let j = base("2025-06-01", "parent", "resident", "330100", "in_province");
    assert!(check(&j).review_required);
    let unsigned = j.replace("\"commitment_signed\":true", "\"commitment_signed\":false");
    assert_eq!(codes(&check(&unsigned)), ["COMMITMENT_NOT_SIGNED"]);
    let unasked = j.replace("\"commitment_signed\":true,", "");
    let d = check(&unasked);
    assert!(d.allowed && d.passed.iter().all(|r| r.rule != "E-6"));
}

#[test]
fn e7_shandong_allows_one_sharer_per_beneficiary() {
    let j =
        base("2025-06-01", "parent", "resident", "370100", "wallet").replace("330100", "370200");
    let first = j.replace(
        "\"commitment_signed\":true",
        "\"commitment_signed\":true,\"beneficiary_sharers\":0",
    );
    assert!(check(&first).allowed);
    let second = j.replace(
        "\"commitment_signed\":true",
        "\"commitment_signed\":true,\"beneficiary_sharers\":1",
    );
    assert_eq!(codes(&check(&second)), ["TOO_MANY_SHARERS"]);
    // Elsewhere many-to-many (seed 001).
    let hz = base("2025-06-01", "parent", "resident", "330100", "in_province").replace(
        "\"commitment_signed\":true",
        "\"commitment_signed\":true,\"beneficiary_sharers\":5",
    );
    assert!(check(&hz).allowed);
}

#[test]
fn e10_every_reason_has_code_rule_and_both_languages() {
    let d = check(&base(
        "2020-01-01",
        "sibling",
        "resident",
        "110000",
        "in_province",
    ));
    for r in d.failed.iter().chain(&d.passed) {
        assert!(!r.code.as_str().is_empty() && r.rule.starts_with("E-"));
        assert_eq!(r.rule, r.code.rule());
        assert!(!r.message_zh.is_empty() && !r.message_en.is_empty());
        assert!(
            r.message_zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            r.message_zh
        );
    }
}
