//! The typed API against the JSON API: every conformance vector input gives the same document (or the
//! same error code and field) both ways. Inputs with values the core rejects reach the typed API as a
//! foreign caller would send them (through uniffi's wire form and the binding's lifts); only malformed
//! documents (unknown keys, missing keys, wrong JSON types) have no typed form. Plus the error mapping of
//! bad amounts.

use std::path::{Path, PathBuf};

use gongji_core::{Code, Enrollment, Kinship, Mode, Person, Scheme};
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

/// The JSON codes of documents no record can express (a key the type lacks, a missing one, a value of
/// another JSON type, an unknown enum value, text that is not JSON).
const STRUCTURAL: &[Code] = &[
    Code::InvalidJson,
    Code::UnknownField,
    Code::MissingField,
    Code::InvalidType,
    Code::UnknownValue,
];

/// A valid stand-in for a scalar the core rejects, unique in the document; `None` for other codes.
fn placeholder(code: Code, n: usize) -> Option<String> {
    Some(match code {
        Code::AmountInvalid
        | Code::AmountPrecision
        | Code::AmountNegative
        | Code::AmountTooLarge => format!("{}.37", 987_650_000 + n),
        Code::RatioInvalid | Code::RatioOutOfRange => format!("0.9{:02}7", n + 1),
        Code::IdInvalid => format!("placeholder-id-{n}"),
        Code::DateInvalid => format!("2187-03-{:02}", n + 1),
        Code::TimeInvalid => format!("2187-03-{:02}T07:13", n + 1),
        Code::RegionInvalid | Code::RegionUnknown => format!("659{n:03}"),
        _ => return None,
    })
}

/// The value at a core error path (`items[0].amount`, `args.balance`) inside a document.
fn at_path<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let mut cur = doc;
    for part in path.split('.') {
        let (key, indexes) = match part.split_once('[') {
            Some((k, rest)) => (k, Some(rest)),
            None => (part, None),
        };
        if !key.is_empty() {
            cur = cur.get_mut(key)?;
        }
        for i in indexes.into_iter().flat_map(|r| r.split('[')) {
            cur = cur.get_mut(i.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(cur)
}

/// uniffi's wire form of a string: big-endian i32 length, then the UTF-8 bytes.
fn wire(s: &str) -> Vec<u8> {
    let mut out = (s.len() as i32).to_be_bytes().to_vec();
    out.extend_from_slice(s.as_bytes());
    out
}

/// A record read from a JSON document as a foreign caller holds it: each scalar the core rejects
/// (`"12.345"`, a bad id, a bad date) is first replaced by a valid stand-in so the core's type can be
/// read, the record is lowered to uniffi's wire form, the stand-ins are swapped back for the rejected
/// texts, and the record is lifted from there through the binding's own lifts. `Ok(Err(_))`: the lift
/// refused a value (a date that is not a date); `Err(code)`: no record can express the document.
fn record<T>(doc: &Value) -> Result<Result<T, GongjiError>, Code>
where
    T: DeserializeOwned + uniffi::Lower<crate::UniFfiTag> + uniffi::Lift<crate::UniFfiTag>,
{
    let mut doc = doc.clone();
    let mut swaps = Vec::new();
    let value: T = loop {
        match json::parse_doc::<T>(&doc.to_string()) {
            Ok(v) => break v,
            Err(e) => {
                let stand_in = placeholder(e.code, swaps.len()).ok_or(e.code)?;
                let slot = at_path(&mut doc, &e.field).ok_or(e.code)?;
                let text = slot.as_str().ok_or(e.code)?.to_string();
                *slot = Value::String(stand_in.clone());
                swaps.push((stand_in, text));
            }
        }
    };
    let mut bytes = T::lower_into_rust_buffer(value).destroy_into_vec();
    for (stand_in, text) in &swaps {
        let (from, to) = (wire(stand_in), wire(text));
        let at = bytes
            .windows(from.len())
            .position(|w| w == from.as_slice())
            .unwrap_or_else(|| panic!("{stand_in} not in the lowered record"));
        bytes.splice(at..at + from.len(), to);
    }
    Ok(
        T::try_lift_from_rust_buffer(uniffi::RustBuffer::from_vec(bytes)).map_err(|e| {
            e.downcast::<GongjiError>()
                .unwrap_or_else(|e| panic!("a lift failed with uniffi's own error: {e:?}"))
        }),
    )
}

/// The object's members, when it has exactly these keys.
fn members<'a>(input: &'a Value, keys: &[&str]) -> Result<Vec<&'a Value>, Code> {
    let obj = input.as_object().ok_or(Code::InvalidType)?;
    if obj.keys().any(|k| !keys.contains(&k.as_str())) {
        return Err(Code::UnknownField);
    }
    keys.iter()
        .map(|k| obj.get(*k).ok_or(Code::MissingField))
        .collect()
}

/// A document's text member (`now`, `sharer`): the typed functions take it as a string.
fn text(v: &Value) -> Result<String, Code> {
    v.as_str().map(str::to_string).ok_or(Code::InvalidType)
}

/// Runs a case through the typed API: the output document or the error; `Err(code)` when no record can
/// express the input.
fn typed(
    op: &str,
    input: &Value,
    policy: Option<Arc<Policy>>,
) -> Result<Result<String, GongjiError>, Code> {
    fn out<T: Serialize>(r: Result<T, GongjiError>) -> Result<String, GongjiError> {
        r.map(|v| json::to_json(&v))
    }
    Ok(match op {
        "check_eligibility" => record(input)?.and_then(|r| out(check_eligibility(r, policy))),
        "settle" => record(input)?.and_then(|r| out(settle(r, policy))),
        "settle_summary" => record(input)?.and_then(|r| out(settle_summary(r, policy))),
        "reverse" => record(input)?.and_then(|r| out(reverse(r, policy))),
        "statement" => record(input)?.and_then(|r| out(statement(r))),
        "plan" => record(input)?.and_then(|r| out(plan(r, policy))),
        "apply" => {
            let m = members(input, &["state", "command", "now"])?;
            let (state, command, now) = (record(m[0])?, record(m[1])?, text(m[2])?);
            state.and_then(|s| command.and_then(|c| out(apply(s, c, now, policy))))
        }
        "shareable" => {
            let m = members(input, &["state", "sharer", "now"])?;
            let (state, sharer, now) = (record(m[0])?, text(m[1])?, text(m[2])?);
            state.and_then(|s| out(shareable(s, sharer, now, policy)))
        }
        "validate_policy" => validate_policy(input.to_string()).map(|()| String::new()),
        _ => return Err(Code::UnknownOperation),
    })
}

fn code_and_field(e: &GongjiError) -> (Code, &str) {
    let GongjiError::Rejected { code, field, .. } = e;
    (*code, field.as_str())
}

#[test]
fn typed_api_agrees_with_every_vector() {
    let (mut same, mut inexpressible, mut fails) = (0, 0, Vec::new());
    let mut at_lift = std::collections::BTreeMap::<&str, usize>::new();
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
            // `input_text` cases are malformed text: there is no document, typed or not.
            let Some(input) = case.get("input") else {
                continue;
            };
            let book = case
                .get("book")
                .filter(|b| !b.is_null())
                .map(Value::to_string);
            let want = invoke_json(op.into(), input.to_string(), book.clone());
            let policy = match book.map(Policy::new) {
                None => None,
                Some(Ok(p)) => Some(p),
                // A bad book: the typed caller meets the same error loading it.
                Some(Err(e)) => {
                    match &want {
                        Err(w) if code_and_field(w) == code_and_field(&e) => same += 1,
                        _ => fails.push(format!("{name}: book error {e}, JSON {want:?}")),
                    }
                    continue;
                }
            };
            let got = match typed(op, input, policy) {
                Ok(got) => got,
                Err(code) => {
                    // No record can hold the input: the JSON API must reject it as malformed.
                    match &want {
                        Err(w) if STRUCTURAL.contains(&code_and_field(w).0) => inexpressible += 1,
                        _ => fails.push(format!(
                            "{name}: the records cannot express the input ({}), JSON {want:?}",
                            code.as_str()
                        )),
                    }
                    continue;
                }
            };
            match (got, want) {
                (Ok(g), Ok(w)) if op == "validate_policy" || g == w => same += 1,
                (Ok(g), Ok(w)) => fails.push(format!("{name}: typed output differs\n  {g}\n  {w}")),
                (Err(g), Err(w)) => {
                    let ((c1, f1), (c2, f2)) = (code_and_field(&g), code_and_field(&w));
                    if (c1, f1) == (c2, f2) {
                        same += 1;
                    } else if c1 == c2 && f1.is_empty() {
                        // Refused by the lift (a date or region that cannot be held): code, no path.
                        *at_lift.entry(c1.as_str()).or_default() += 1;
                    } else {
                        fails.push(format!(
                            "{name}: typed error {} at {f1}, JSON error {} at {f2}",
                            c1.as_str(),
                            c2.as_str()
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
    assert!(same > 100, "only {same} cases agree");
    eprintln!(
        "{same} vector cases agree through the typed API; refused at the lift with the same code, no \
         path: {at_lift:?}; {inexpressible} inputs no record can express (malformed documents)"
    );
}

const NOW: &str = "2025-07-01T10:00";

fn person(id: &str, scheme: Scheme, region: &str) -> Person {
    Person {
        id: id.parse().unwrap(),
        scheme,
        region: region.parse().unwrap(),
        enrollment: Enrollment::Active,
        wallet_opened: false,
        retired: false,
    }
}

fn rejected(r: Result<impl std::fmt::Debug, GongjiError>) -> (Code, String, Option<String>) {
    match r {
        Err(GongjiError::Rejected {
            code, field, rule, ..
        }) => (code, field, rule),
        Ok(v) => panic!("expected an error, got {v:?}"),
    }
}

fn empty_state() -> WalletState {
    json::parse_doc(r#"{"schema": "gongji-wallet/1"}"#).unwrap()
}

/// `register_person` of A with this balance text, as a foreign caller sends it.
fn register(balance: &str) -> Result<Command, GongjiError> {
    record(&serde_json::json!({"type": "register_person", "args": {
        "person": {"id": "A", "scheme": "employee", "region": "110000", "enrollment": "active"},
        "balance": balance
    }}))
    .unwrap()
}

#[test]
fn s10_bad_amounts_are_typed_errors_naming_the_field() {
    // Decimal texts: lifted as written, rejected by the core with its code and the JSON path.
    for (amount, code) in [
        ("12.345", Code::AmountPrecision),
        ("12.500", Code::AmountPrecision),
        ("-1.00", Code::AmountNegative),
        ("1000000000.00", Code::AmountTooLarge),
        (
            "0000000000000000000000000000000012.345",
            Code::AmountPrecision,
        ),
    ] {
        let cmd = register(amount).unwrap();
        let (c, field, rule) = rejected(apply(empty_state(), cmd, NOW.into(), None));
        assert_eq!(
            (c, field.as_str(), rule.as_deref()),
            (code, "command.args.balance", Some("S-10")),
            "{amount}"
        );
    }
    // Not decimals: the lift refuses them with the same typed error (the code and the value, no path),
    // which uniffi passes to the caller as the function's error.
    for (amount, code) in [
        ("1e3", Code::AmountInvalid),
        ("", Code::AmountInvalid),
        ("NaN", Code::AmountInvalid),
        ("+1.00", Code::AmountInvalid),
        ("1000000000000000000000000000000", Code::AmountTooLarge),
    ] {
        let GongjiError::Rejected {
            code: c,
            field,
            rule,
            message_en,
            ..
        } = register(amount).unwrap_err();
        assert_eq!(
            (c, field.as_str(), rule.as_deref()),
            (code, "", Some("S-10"))
        );
        assert!(
            message_en.ends_with(&format!("\"{amount}\"")),
            "{message_en}"
        );
    }
    let ok = apply(empty_state(), register("5000").unwrap(), NOW.into(), None).unwrap();
    assert_eq!(ok.state.accounts[0].balance.to_string(), "5000.00");
    // Leading zeros are only zeros, as in a JSON document.
    let padded = register("0000000000000000000000000000000000005000.5").unwrap();
    let ok = apply(empty_state(), padded, NOW.into(), None).unwrap();
    assert_eq!(ok.state.accounts[0].balance.to_string(), "5000.50");
}

#[test]
fn e2_typed_eligibility_reports_every_rule() {
    let req = EligibilityRequest {
        date: "2023-06-01".parse().unwrap(),
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
    // An id the core rejects is lifted as given: the core names the field.
    let mut doc = serde_json::to_value(&req).unwrap();
    doc["sharer"]["id"] = "".into();
    let bad: EligibilityRequest = record(&doc).unwrap().unwrap();
    assert_eq!(
        rejected(check_eligibility(bad, None)),
        (Code::IdInvalid, "sharer.id".into(), None)
    );
    // A region that is not six digits cannot be held: the lift refuses it with the typed error.
    doc["sharer"]["id"] = "A".into();
    doc["sharer"]["region"] = "11000x".into();
    assert_eq!(
        rejected(record::<EligibilityRequest>(&doc).unwrap()),
        (Code::RegionInvalid, String::new(), None)
    );
}

#[test]
fn s5_settle_request_defaults_are_the_json_defaults() {
    // Without own_balance, accumulators, funds, fund_order and explain, as a JSON document may omit them.
    let req: SettleRequest = json::parse_doc(
        r#"{"reference": "R1", "date": "2025-07-02",
            "patient": {"id": "P", "scheme": "employee", "region": "110000", "enrollment": "active"},
            "visit": {"type": "outpatient", "level": 2},
            "items": [{"name": "x", "amount": "100.00", "class": "a", "category": "drug"}]}"#,
    )
    .unwrap();
    assert_eq!(req.own_balance, gongji_core::Money::ZERO);
    assert_eq!(
        req.fund_order,
        gongji_core::settlement::FundOrder::OldestGrant
    );
    let typed = settle(req.clone(), None).unwrap();
    let json = settle_json(json::to_json(&req), None).unwrap();
    assert_eq!(json::to_json(&typed), json);
}

#[test]
fn p2_policy_is_parsed_once_and_errors_name_the_path() {
    let embedded = Policy::embedded();
    assert_eq!(embedded.version(), PolicyBook::embedded().version);
    assert!(std::ptr::eq(super::embedded(), super::embedded()));
    let book = r#"{"schema":"gongji-policy/1","extends":"embedded","national":{"reserved_minimum":[{"from":"2025-01-01","value":"-5.00","grade":"official"}]}}"#;
    let (code, field, _) = rejected(Policy::new(book.into()));
    assert_eq!(code, Code::AmountNegative);
    assert!(field.starts_with("national.reserved_minimum"), "{field}");
    assert_eq!(rejected(validate_policy("{".into())).0, Code::InvalidJson);
    assert_eq!(
        rejected(invoke_json("nope".into(), "{}".into(), None)).0,
        Code::UnknownOperation
    );
    assert_eq!(operations(), json::OPERATIONS);
}

#[test]
fn e10_every_code_is_named_by_its_string_in_the_bindings() {
    // Kotlin and Python name an enum member in SCREAMING_SNAKE_CASE of the Rust variant, Swift prints
    // `Code`'s Display: each is the stable string the JSON documents carry.
    for code in Code::ALL {
        let variant = format!("{code:?}");
        let mut shouty = String::new();
        for (i, c) in variant.chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                shouty.push('_');
            }
            shouty.extend(c.to_uppercase());
        }
        assert_eq!(shouty, code.as_str());
        assert_eq!(code.to_string(), code.as_str());
    }
}
