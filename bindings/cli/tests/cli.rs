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
    std::fs::write(&bad, r#"{"schema":"gongji-policy/1","extends":"embedded","national":{"reserve_advice_ratio":[{"from":"2025-01-01","value":"1.5","grade":"official"}]}}"#).unwrap();
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
    // Split mode (S-11): the platform's figures 16020.00 + 大病 3000.00 + 救助 1000.00 = 20020.00; burden
    // 30000.00 − 20020.00 = 9980.00; Shandong keeps the 1000.00 全自费 from accounts: the quota pays
    // min(8980.00, 472.00) = 472.00, cash 9980.00 − 472.00 = 9508.00 (8508.00 of it for want of quota).
    for (field, amount) in [
        ("fund_pay_sumamt", "20020.00"),
        ("hifmi_pay", "3000.00"),
        ("acct_mulaid_pay", "472.00"),
        ("psn_cash_pay", "9508.00"),
    ] {
        let line = zh
            .lines()
            .rfind(|l| l.starts_with(field))
            .unwrap_or_else(|| panic!("{field} missing:\n{zh}"));
        assert!(line.trim_end().ends_with(amount), "{line}");
    }
    assert!(zh.contains("[S-6] ACCOUNT_NOT_ALLOWED 1000.00"), "{zh}");
    assert!(zh.contains("[S-4] QUOTA_INSUFFICIENT 8508.00"), "{zh}");
    let (_, en, _) = gongji(&["demo", "--lang", "en"], "");
    assert!(
        en.contains("Who may share") && en.contains("cross-province sharing needs the wallet mode"),
        "{en}"
    );
}

const ELIGIBLE: &str = r#"{"date":"2025-07-01","mode":"in_province","kinship":"parent","commitment_signed":true,"sharer":{"id":"a","scheme":"employee","region":"110000","enrollment":"active"},"beneficiary":{"id":"b","scheme":"resident","region":"110000","enrollment":"active"}}"#;

#[test]
fn every_subcommand_has_help_and_the_version_is_printed() {
    for cmd in [
        "eligibility",
        "apply",
        "shareable",
        "statement",
        "settle",
        "summary",
        "reverse",
        "plan",
        "policy",
        "demo",
    ] {
        let (code, out, err) = gongji(&[cmd, "--help"], "");
        assert_eq!(code, 0, "{cmd}: {err}");
        assert!(
            out.starts_with(&format!("usage: gongji {cmd}")),
            "{cmd}: {out}"
        );
    }
    let (code, out, _) = gongji(&["--help"], "");
    assert_eq!(code, 0);
    assert!(
        out.contains("exit status:") && out.contains("shareable"),
        "{out}"
    );
    let (code, out, _) = gongji(&["--version"], "");
    assert_eq!(
        (code, out.trim()),
        (0, concat!("gongji ", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn shareable_is_a_subcommand() {
    // Beijing keeps 10.00 (Q-4, seed 002): a balance of 300.00 leaves 300.00 − 10.00 = 290.00 to grant.
    let doc = r#"{"state":{"schema":"gongji-wallet/1","persons":[{"id":"xm","scheme":"employee","region":"110000","enrollment":"active","wallet_opened":true}],"accounts":[{"person":"xm","balance":"300.00"}]},"sharer":"xm","now":"2025-07-01T10:00"}"#;
    let (code, out, err) = gongji(&["shareable"], doc);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["shareable"], "290.00", "{out}");
}

#[test]
fn summary_is_a_subcommand() {
    // S-2, Hangzhou level 1 on the national example tiers: no deductible, 65 %: 200.00 × 0.65 = 130.00;
    // burden 200.00 − 130.00 = 70.00, all cash. The amounts only: no items, commands or trace.
    let doc = r#"{"reference":"C-1","date":"2025-07-01","estimate":true,"patient":{"id":"B","scheme":"employee","region":"330100","enrollment":"active"},"visit":{"type":"outpatient","level":1},"items":[{"name":"x","amount":"200.00","class":"a","category":"drug"}]}"#;
    let (code, out, err) = gongji(&["summary"], doc);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "gongji-settlement-summary/1", "{out}");
    assert_eq!(
        (&v["hifp_pay"], &v["psn_cash_pay"]),
        (&"130.00".into(), &"70.00".into())
    );
    assert!(
        v.get("trace").is_none() && v.get("items").is_none(),
        "{out}"
    );
}

#[test]
fn statement_is_a_subcommand() {
    // T-1, the README's example: granted 1000.00 and spent 120.50 in 2025-07; a line for the spend.
    let doc = r#"{"events":[
      {"at":"2025-07-02T09:10","event":{"type":"quota_granted","quota":"Q2","relationship":"R1","sharer":"xm","beneficiary":"dad","amount":"1000.00","shareable_after":"3000.00"}},
      {"at":"2025-07-20T10:00","event":{"type":"spent","reference":"B1/1","relationship":"R1","sharer":"xm","beneficiary":"dad","amount":"120.50","visit_type":"outpatient","institution":"H330100001"}}],
      "year":2025}"#;
    let (code, out, err) = gongji(&["statement"], doc);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let month = &v["pairs"][0]["years"][0]["months"][0];
    assert_eq!(month["month"], "2025-07", "{out}");
    assert_eq!(month["total"]["granted"], "1000.00", "{out}");
    assert_eq!(month["total"]["spent"], "120.50", "{out}");
    assert_eq!(month["lines"][0]["institution"], "H330100001", "{out}");
    // Out of time order: refused, exit 2, the field named.
    let back = r#"{"events":[{"at":"2025-07-02T09:10","event":{"type":"wallet_opened","person":"xm"}},{"at":"2025-07-01T09:10","event":{"type":"wallet_opened","person":"xm"}}]}"#;
    let (code, _, err) = gongji(&["statement"], back);
    assert_eq!(code, 2);
    assert!(
        err.contains("TIME_WENT_BACK") && err.contains("events[1].at"),
        "{err}"
    );
}

#[test]
fn plan_reads_a_family_file() {
    // PL-1, examples/plan/family-2026.json: the father's 100.00 of drugs a month at level 1 leave
    // 35.00 each (65 % fund); the mother's 380.00 premium in December; xm keeps 6 x 150.00 = 900.00.
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/plan/family-2026.json"
    );
    let (code, out, err) = gongji(&["plan", file], "");
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["grants"][0]["amount"], "35.00", "{out}");
    let expected = &v["scenarios"][0];
    assert_eq!(expected["scenario"], "expected");
    // 12 x 35.00 + 380.00 = 800.00 granted, no cash.
    assert_eq!(expected["totals"]["granted"], "800.00");
    assert_eq!(expected["totals"]["paid"]["cash"], "0.00");
    assert_eq!(expected["months"][0]["sharers"][0]["reserve"], "900.00");
}

#[test]
fn pretty_output_is_the_same_document_indented() {
    let (_, compact, _) = gongji(&["eligibility"], ELIGIBLE);
    let (code, pretty, _) = gongji(&["eligibility", "--pretty"], ELIGIBLE);
    assert_eq!(code, 0);
    assert!(pretty.starts_with("{\n  \"allowed\": true,\n"), "{pretty}");
    let strip = |s: &str| -> serde_json::Value { serde_json::from_str(s).unwrap() };
    assert_eq!(strip(&compact), strip(&pretty));
}

#[test]
fn json_lines_batch_tags_each_result_with_its_line_and_exits_2_on_any_refusal() {
    let bad = r#"{"date":"2025-07-01"}"#;
    let input = format!("{ELIGIBLE}\n\n{bad}\n{ELIGIBLE}\n");
    let (code, out, err) = gongji(&["eligibility", "--lines"], &input);
    assert_eq!(code, 2, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["output"]["allowed"], true);
    // Line 2 is blank and skipped; line 3 lacks `mode`.
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["error"]["code"], "MISSING_FIELD");
    assert_eq!(lines[2]["line"], 4);
    assert_eq!(lines[2]["output"]["allowed"], true);
    let (code, out, _) = gongji(
        &["eligibility", "--lines"],
        &format!("{ELIGIBLE}\n{ELIGIBLE}"),
    );
    assert_eq!((code, out.lines().count()), (0, 2));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for _ in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongji"))
            .args(["demo"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the demo writes: its write meets a broken pipe.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
