use super::*;

fn book_with(national_extra: &str) -> String {
    format!(
        r#"{{"schema":"gongji-policy/1","extends":"embedded","national":{{{national_extra}}}}}"#
    )
}

#[test]
fn p2_embedded_book_is_valid_and_complete() {
    let b = PolicyBook::from_json(EMBEDDED_JSON).unwrap();
    assert!(b.extends.is_none());
    assert!(b.national.first_missing().is_none());
    for code in ["110000", "310000", "330100", "440300", "370000", "370100"] {
        assert!(b.regions.contains_key(&code.parse().unwrap()), "{code}");
    }
}

/// P-2, P-3: the book built from the generated Rust data (`embedded_data.rs`) is the one `from_json`
/// loads and validates from `embedded.json`: equal as values, and written as the same document (a
/// ratio's or an amount's places show in the text, not in the comparison).
#[test]
fn p2_embedded_data_is_the_validated_json_book() {
    let from_json = PolicyBook::from_json(EMBEDDED_JSON).unwrap();
    let built = PolicyBook::embedded();
    built.validate().unwrap();
    assert_eq!(built, from_json);
    assert_eq!(
        crate::codec::to_json(&built),
        crate::codec::to_json(&from_json)
    );
    // The document as written is the embedded text's content, read back.
    let reread = PolicyBook::from_json(&crate::codec::to_json(&built)).unwrap();
    assert_eq!(reread, built);
}

#[test]
fn p1_values_in_force_by_region_and_date() {
    let b = PolicyBook::embedded();
    let bj = "110000".parse().unwrap();
    let jinan = "370100".parse().unwrap();
    let d = |s: &str| s.parse::<Date>().unwrap();
    // Beijing keeps 10.00 from 2025 (seed 002); before, the national 0.00.
    assert_eq!(
        b.resolve(bj, d("2025-01-01"))
            .unwrap()
            .reserved_minimum
            .to_string(),
        "10.00"
    );
    assert_eq!(
        b.resolve(bj, d("2024-12-31"))
            .unwrap()
            .reserved_minimum
            .to_string(),
        "0.00"
    );
    // Jinan has its own reserve and inherits Shandong's one-sharer rule from 370000.
    let jn = b.resolve(jinan, d("2025-03-01")).unwrap();
    assert_eq!(jn.reserved_minimum.to_string(), "20.00");
    assert_eq!(*jn.max_sharers_per_beneficiary, Some(1));
    assert_eq!(b.region_name(jinan), "济南市");
    // Qingdao 370200 is not in the book: it takes the province's values.
    assert_eq!(
        *b.resolve("370200".parse().unwrap(), d("2025-03-01"))
            .unwrap()
            .max_sharers_per_beneficiary,
        Some(1)
    );
    assert_eq!(b.region_name("370200".parse().unwrap()), "山东省");
    // E-2 by date, national.
    let wh = "420100".parse().unwrap();
    assert_eq!(
        b.resolve(wh, d("2021-01-01")).unwrap().kinship_scope.len(),
        3
    );
    assert_eq!(
        b.resolve(wh, d("2024-12-08")).unwrap().kinship_scope.len(),
        3
    );
    assert_eq!(
        b.resolve(wh, d("2024-12-09")).unwrap().kinship_scope.len(),
        8
    );
}

#[test]
fn p2_caller_book_extends_the_embedded_one() {
    let json = r#"{"schema":"gongji-policy/1","extends":"embedded","regions":{"420100":{"name":"武汉市","params":{"reserved_minimum":[{"from":"2025-01-01","value":"30.00","source":"test","grade":"official"}]}}}}"#;
    let b = PolicyBook::from_json(json).unwrap();
    let d: Date = "2025-06-01".parse().unwrap();
    assert_eq!(
        b.resolve("420100".parse().unwrap(), d)
            .unwrap()
            .reserved_minimum
            .to_string(),
        "30.00"
    );
    // Everything else is still the embedded book's.
    assert_eq!(
        b.resolve("110000".parse().unwrap(), d)
            .unwrap()
            .reserved_minimum
            .to_string(),
        "10.00"
    );
    assert_eq!(b.region_name("420100".parse().unwrap()), "武汉市");
}

#[test]
fn p2_standalone_book_must_define_every_national_parameter() {
    let json = r#"{"schema":"gongji-policy/1","national":{"reserved_minimum":[{"from":"1900-01-01","value":"0.00","grade":"official"}]}}"#;
    let e = PolicyBook::from_json(json).unwrap_err();
    assert_eq!(
        (e.code(), e.field.as_str()),
        ("POLICY_VALUE_MISSING", "national.kinship_scope")
    );
}

#[test]
fn p3_validation_names_the_path_of_the_bad_value() {
    let cases = [
        (book_with(r#""reserved_minimum":[{"from":"2025-01-01","value":"1.00","grade":"official"},{"from":"2025-01-01","value":"2.00","grade":"official"}]"#), "POLICY_DATES_OVERLAP", "national.reserved_minimum[1].from"),
        (book_with(r#""reserve_advice_ratio":[{"from":"2025-01-01","value":"1.5","grade":"official"}]"#), "RATIO_OUT_OF_RANGE", "national.reserve_advice_ratio[0].value"),
        (book_with(r#""reserved_minimum":[{"from":"2025-01-01","value":"-1.00","grade":"official"}]"#), "AMOUNT_NEGATIVE", "national.reserved_minimum[0].value"),
        (book_with(r#""reserved_minim":[]"#), "UNKNOWN_FIELD", "national.reserved_minim"),
        (book_with(r#""reserved_minimum":[]"#), "POLICY_VALUE_MISSING", "national.reserved_minimum"),
        (book_with(r#""wallet_model":[{"from":"2025-02-30","value":"transfer","grade":"official"}]"#), "DATE_INVALID", "national.wallet_model[0].from"),
        (book_with(r#""kinship_scope":[{"from":"2025-01-01","value":["cousin"],"grade":"official"}]"#), "UNKNOWN_VALUE", "national.kinship_scope[0].value[0]"),
        (r#"{"schema":"gongji-policy/1","extends":"embedded","national":{},"regions":{"999999":{}}}"#.to_string(), "REGION_UNKNOWN", "regions.999999"),
        (r#"{"schema":"gongji-policy/2","national":{}}"#.to_string(), "SCHEMA_MISMATCH", "schema"),
        (book_with(r#""benefits":[{"from":"2025-01-01","value":[{"scheme":"employee","visits":["inpatient"],"levels":[4],"deductible":"0.00","ratio":"0.50"}],"grade":"official"}]"#), "POLICY_INVALID", "national.benefits[0].value[0].levels[0]"),
    ];
    for (json, code, field) in cases {
        let e = PolicyBook::from_json(&json).unwrap_err();
        assert_eq!((e.code(), e.field.as_str()), (code, field), "{json}");
    }
}

#[test]
fn p4_every_embedded_value_is_graded_and_sourced() {
    // P-4: a reader can follow every value; Henan's small resident sharing stands beside Shandong's.
    let b = PolicyBook::embedded();
    let json: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).unwrap();
    let mut levels = vec![&json["national"]];
    levels.extend(
        json["regions"]
            .as_object()
            .unwrap()
            .values()
            .map(|r| &r["params"]),
    );
    for params in levels {
        for (name, timeline) in params.as_object().unwrap() {
            for entry in timeline.as_array().unwrap() {
                assert!(entry["grade"].is_string(), "{name}: {entry}");
                assert!(
                    !entry["source"].as_str().unwrap_or("").is_empty(),
                    "{name}: {entry}"
                );
            }
        }
    }
    let zhengzhou = "410100".parse().unwrap();
    let date: Date = "2025-03-01".parse().unwrap();
    let cap = *b
        .resolve(zhengzhou, date)
        .unwrap()
        .resident_small_sharing_cap;
    assert_eq!(cap.map(|m| m.to_string()), Some("200.00".into()));
}

/// S-9, Q-9, P-1, P-4: the reversal window is a dated parameter, an example-grade default of 365 days
/// nationally, which a caller's book can change per region.
#[test]
fn s9_reversal_window_is_a_dated_example_parameter() {
    let b = PolicyBook::embedded();
    let sz = "440300".parse().unwrap();
    let d = |s: &str| s.parse::<Date>().unwrap();
    assert_eq!(b.reversal_window(sz, d("2025-07-01")), Ok(365));
    let entry = &b.national.reversal_window_days.as_ref().unwrap()[0];
    assert_eq!(entry.grade, Grade::Example);
    assert!(!entry.source.is_empty());
    let own = PolicyBook::from_json(
        r#"{"schema":"gongji-policy/1","extends":"embedded","regions":{"440300":{"params":{"reversal_window_days":[{"from":"2026-01-01","value":90,"grade":"example"}]}}}}"#,
    )
    .unwrap();
    assert_eq!(own.reversal_window(sz, d("2026-03-01")), Ok(90));
    // Before the region's first value, the national one applies.
    assert_eq!(own.reversal_window(sz, d("2025-12-31")), Ok(365));
}
