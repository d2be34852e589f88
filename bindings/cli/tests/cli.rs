//! The CLI contract: JSON out, exit code 2 with the error document on stderr, and the worked example.

use std::io::Write;
use std::process::{Command, Stdio};

fn gongji(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongji"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn eligibility_reads_stdin_and_writes_json() {
    let req = r#"{"date":"2025-07-01","mode":"in_province","kinship":"parent","commitment_signed":true,
      "sharer":{"id":"a","scheme":"employee","region":"110000","enrollment":"active"},
      "beneficiary":{"id":"b","scheme":"resident","region":"110000","enrollment":"active"}}"#;
    let (code, out, _) = gongji(&["eligibility"], req);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["allowed"], true);
}

#[test]
fn bad_input_exits_2_with_the_error_document_on_stderr() {
    let (code, out, err) = gongji(
        &["apply"],
        r#"{"state":{"schema":"gongji-wallet/1"},"command":{"type":"grant","args":{"relationship":"R1","amount":"1.234"}},"now":"2025-07-01T10:00"}"#,
    );
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["code"], "AMOUNT_PRECISION");
    assert_eq!(v["field"], "command.args.amount");
    assert_eq!(v["rule"], "S-10");
    assert!(v["message_zh"].as_str().unwrap().contains("两位小数"));
}

#[test]
fn usage_errors_exit_1() {
    assert_eq!(gongji(&["frobnicate"], "").0, 1);
    assert_eq!(gongji(&["eligibility", "/no/such/file.json"], "").0, 1);
}

#[test]
fn policy_print_and_validate() {
    let (code, out, _) = gongji(&["policy", "print"], "");
    assert_eq!(code, 0);
    assert!(out.contains("\"schema\": \"gongji-policy/1\""));
    let dir = std::env::temp_dir().join(format!("gongji-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"schema":"gongji-policy/1","extends":"embedded","national":{"reserve_advice_ratio":[{"from":"2025-01-01","value":"1.5"}]}}"#).unwrap();
    let (code, _, err) = gongji(&["policy", "validate", bad.to_str().unwrap()], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("\"field\":\"national.reserve_advice_ratio[0].value\""),
        "{err}"
    );
}

#[test]
fn demo_shows_xiaomings_family_with_hand_checked_amounts() {
    let (code, zh, _) = gongji(&["demo"], "");
    assert_eq!(code, 0);
    // Beijing keeps 10.00 (seed 002): 5000.00 − 10.00 = 4990.00 shareable; advice 30 % of 5000.00 = 1500.00.
    assert!(zh.contains("4990.00") && zh.contains("1500.00"), "{zh}");
    // Grant 2000.00: 5000.00 − 2000.00 = 3000.00 left, shareable 3000.00 − 10.00 = 2990.00.
    assert!(zh.contains("| 3000.00  | 2000.00  | 2990.00"), "{zh}");
    // Revoke 500.00: 3500.00 left, quota 1500.00, shareable 3490.00.
    assert!(zh.contains("| 3500.00  | 1500.00  | 3490.00"), "{zh}");
    assert!(zh.contains("跨省共济须通过医保钱包办理"));
    // Father's bill (resident scheme, level 2: deductible 300.00, 60 %): items 1200.00 (甲) + 800.00 (乙, 10 %
    // first) + 300.00 (丙). In scope 1200.00 + 720.00 = 1920.00; fund (1920.00 − 300.00) × 0.60 = 972.00;
    // burden 2300.00 − 972.00 = 1328.00; Shandong accounts don't pay 丙: quota pays 1328.00 − 300.00 = 1028.00,
    // cash 300.00; quota left 1500.00 − 1028.00 = 472.00.
    for (field, amount) in [
        ("hifp_pay", "972.00"),
        ("psn_part_amt", "1328.00"),
        ("acct_mulaid_pay", "1028.00"),
        ("psn_cash_pay", "300.00"),
    ] {
        let line = zh
            .lines()
            .find(|l| l.starts_with(field))
            .unwrap_or_else(|| panic!("{field} missing:\n{zh}"));
        assert!(line.trim_end().ends_with(amount), "{line}");
    }
    assert!(zh.contains("结算后父亲剩余额度：472.00"), "{zh}");
    let (_, en, _) = gongji(&["demo", "--lang", "en"], "");
    assert!(
        en.contains("Who may share") && en.contains("cross-province sharing needs the wallet mode"),
        "{en}"
    );
}
