//! The typed API against the JSON API: every conformance vector whose input the records can express
//! gives the same document (or the same error code and field) both ways, so the records mirror the
//! core's documents exactly. Plus the error mapping of bad amounts.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use super::*;

fn vector_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors"),
        &mut out,
    );
    out.sort();
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ApplyInput {
    state: WalletState,
    command: Command,
    now: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShareableInput {
    state: WalletState,
    sharer: String,
    now: String,
}

/// Runs a case through the typed API; `None` when the records cannot express its input.
fn typed(
    op: &str,
    input: &Value,
    policy: Option<Arc<Policy>>,
) -> Option<Result<Value, GongjiError>> {
    fn out<T: Serialize>(r: Result<T, GongjiError>) -> Result<Value, GongjiError> {
        r.map(|v| serde_json::to_value(v).expect("records serialize"))
    }
    Some(match op {
        "check_eligibility" => out(check_eligibility(
            serde_json::from_value(input.clone()).ok()?,
            policy,
        )),
        "apply" => {
            let a: ApplyInput = serde_json::from_value(input.clone()).ok()?;
            out(apply(a.state, a.command, a.now, policy))
        }
        "shareable" => {
            let a: ShareableInput = serde_json::from_value(input.clone()).ok()?;
            out(shareable(a.state, a.sharer, a.now, policy))
        }
        "settle" => out(settle(serde_json::from_value(input.clone()).ok()?, policy)),
        "reverse" => out(reverse(serde_json::from_value(input.clone()).ok()?, policy)),
        _ => return None,
    })
}

/// A document in the core's own form (defaults filled in, absent options dropped), for comparing.
fn normalized(op: &str, doc: &Value) -> String {
    fn via<T: serde::de::DeserializeOwned + Serialize>(doc: &Value) -> String {
        let t: T = json::parse_doc(&doc.to_string()).unwrap_or_else(|e| panic!("{e}: {doc}"));
        json::to_json(&t)
    }
    match op {
        "check_eligibility" => via::<gongji_core::Decision>(doc),
        "apply" => via::<gongji_core::Applied>(doc),
        "settle" => via::<gongji_core::Settlement>(doc),
        "reverse" => via::<gongji_core::Reversal>(doc),
        "shareable" => via::<gongji_core::wallet::Shareable>(doc),
        _ => unreachable!(),
    }
}

#[test]
fn typed_api_agrees_with_every_vector() {
    let (mut same, mut skipped, mut fails) = (0, 0, Vec::new());
    for file in vector_files() {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let suite_op = suite["op"].as_str().unwrap_or("").to_string();
        for case in suite["cases"].as_array().into_iter().flatten() {
            let name = format!(
                "{}::{}",
                file.display(),
                case["name"].as_str().unwrap_or("?")
            );
            let op = case.get("op").and_then(Value::as_str).unwrap_or(&suite_op);
            let Some(input) = case.get("input") else {
                skipped += 1;
                continue;
            };
            let book = case
                .get("book")
                .filter(|b| !b.is_null())
                .map(Value::to_string);
            let policy = match &book {
                Some(b) => match Policy::new(b.clone()) {
                    Ok(p) => Some(p),
                    Err(_) => {
                        skipped += 1;
                        continue;
                    }
                },
                None => None,
            };
            let Some(got) = typed(op, input, policy) else {
                skipped += 1;
                continue;
            };
            let want = invoke_json(op.into(), input.to_string(), book);
            match (got, want) {
                (Ok(g), Ok(w)) => {
                    let w: Value = serde_json::from_str(&w).unwrap();
                    if normalized(op, &g) == normalized(op, &w) {
                        same += 1;
                    } else {
                        fails.push(format!("{name}: typed output differs\n  {g}\n  {w}"));
                    }
                }
                (
                    Err(GongjiError::Rejected {
                        code: c1,
                        field: f1,
                        ..
                    }),
                    Err(GongjiError::Rejected {
                        code: c2,
                        field: f2,
                        ..
                    }),
                ) => {
                    if (c1.as_str(), f1.as_str()) == (c2.as_str(), f2.as_str()) {
                        same += 1;
                    } else {
                        fails.push(format!(
                            "{name}: typed error {c1} at {f1}, JSON error {c2} at {f2}"
                        ));
                    }
                }
                (g, w) => fails.push(format!("{name}: typed {g:?}, JSON {w:?}")),
            }
        }
    }
    assert!(
        fails.is_empty(),
        "{} cases differ:\n{}",
        fails.len(),
        fails.join("\n")
    );
    assert!(
        same > 50,
        "only {same} cases ran through the typed API ({skipped} skipped)"
    );
    eprintln!(
        "{same} vector cases agree through the typed API, {skipped} not expressible as records"
    );
}

fn person(id: &str, scheme: Scheme, region: &str) -> Person {
    Person {
        id: id.into(),
        scheme,
        region: region.into(),
        enrollment: Enrollment::Active,
        wallet_opened: false,
        retired: false,
    }
}

fn rejected(r: Result<impl std::fmt::Debug, GongjiError>) -> (String, String, Option<String>) {
    match r {
        Err(GongjiError::Rejected {
            code, field, rule, ..
        }) => (code, field, rule),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

fn register(amount: &str) -> Result<Applied, GongjiError> {
    let cmd = Command::RegisterPerson {
        person: person("A", Scheme::Employee, "110000"),
        balance: Money(amount.into()),
        current_year_credits: Money("0".into()),
    };
    apply(
        WalletState::default_for_tests(),
        cmd,
        "2025-07-01T10:00".into(),
        None,
    )
}

impl WalletState {
    fn default_for_tests() -> WalletState {
        serde_json::from_value(serde_json::json!({"schema": "gongji-wallet/1"})).unwrap()
    }
}

#[test]
fn s10_bad_amounts_are_typed_errors_naming_the_field() {
    let cases = [
        ("12.345", "AMOUNT_PRECISION"),
        ("-1.00", "AMOUNT_NEGATIVE"),
        ("1e3", "AMOUNT_INVALID"),
        ("", "AMOUNT_INVALID"),
        ("NaN", "AMOUNT_INVALID"),
        ("1000000000000000000000000000000", "AMOUNT_TOO_LARGE"),
    ];
    for (amount, code) in cases {
        let (c, field, rule) = rejected(register(amount));
        assert_eq!(
            (c.as_str(), field.as_str(), rule.as_deref()),
            (code, "command.args.balance", Some("S-10")),
            "{amount}"
        );
    }
    let ok = register("5000").unwrap();
    assert_eq!(ok.state.accounts[0].balance, Money("5000.00".into()));
}

#[test]
fn e2_typed_eligibility_reports_every_rule() {
    let req = EligibilityRequest {
        date: "2023-06-01".into(),
        mode: Mode::InProvince,
        sharer: person("A", Scheme::Employee, "110000"),
        beneficiary: person("B", Scheme::Employee, "110000"),
        kinship: Kinship::Sibling,
        commitment_signed: Some(true),
        beneficiary_sharers: 0,
    };
    let d = check_eligibility(req.clone(), None).unwrap();
    assert!(!d.allowed);
    assert_eq!(
        d.failed.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        ["KINSHIP_NOT_ELIGIBLE"]
    );
    let bad = EligibilityRequest {
        sharer: person("A", Scheme::Employee, "11000x"),
        ..req
    };
    assert_eq!(
        rejected(check_eligibility(bad, None)),
        ("REGION_INVALID".into(), "sharer.region".into(), None)
    );
}

#[test]
fn p2_policy_is_parsed_once_and_errors_name_the_path() {
    let embedded = Policy::embedded();
    assert_eq!(embedded.version(), PolicyBook::embedded().version);
    assert!(std::ptr::eq(super::embedded(), super::embedded()));
    let book = r#"{"schema":"gongji-policy/1","extends":"embedded","national":{"reserved_minimum":[{"from":"2025-01-01","value":"-5.00"}]}}"#;
    let (code, field, _) = rejected(Policy::new(book.into()));
    assert_eq!(code, "AMOUNT_NEGATIVE");
    assert!(field.starts_with("national.reserved_minimum"), "{field}");
    assert_eq!(rejected(validate_policy("{".into())).0, "INVALID_JSON");
    assert_eq!(
        rejected(invoke_json("nope".into(), "{}".into(), None)).0,
        "UNKNOWN_OPERATION"
    );
    assert_eq!(operations(), json::OPERATIONS);
}
