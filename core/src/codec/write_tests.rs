//! The fast writer writes what serde_json writes, byte for byte, and refuses what it does not support.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use serde::Serialize;

use super::write;
use crate::money::Money;

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Unit {
    First,
    SecondOne,
}

#[derive(Serialize)]
#[serde(tag = "type", content = "args", rename_all = "snake_case")]
enum Adjacent {
    Spend { amount: Money, reference: String },
    Nothing,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Internal {
    Grant { to: String, n: u32 },
}

#[derive(Serialize)]
struct Newtype(String);

#[derive(Serialize)]
struct Doc {
    text: String,
    amounts: Vec<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<u32>,
    none: Option<u32>,
    some: Option<i64>,
    flags: (bool, bool),
    unit: Unit,
    units: Vec<Unit>,
    adjacent: Vec<Adjacent>,
    internal: Internal,
    newtype: Newtype,
    map: BTreeMap<String, u8>,
    empty: Vec<u8>,
    nested: Vec<Vec<i32>>,
    c: char,
    unit_value: (),
}

fn same<T: Serialize>(v: &T) {
    let want = serde_json::to_string(v).unwrap();
    assert_eq!(write::to_string(v).unwrap(), want);
}

#[test]
fn writes_what_serde_json_writes() {
    let every_control: String = (0u8..0x20).map(char::from).collect();
    for text in [
        String::new(),
        "plain".into(),
        "床位费 CT检查 😀".into(),
        "quote \" backslash \\ slash / del \u{7f}".into(),
        every_control,
        "\u{2028}\u{2029} end\n".into(),
    ] {
        let doc = Doc {
            text,
            amounts: ["0.00", "0.01", "0.10", "1.00", "120.00", "999999999.99"]
                .iter()
                .map(|a| a.parse().unwrap())
                .collect(),
            skipped: None,
            none: None,
            some: Some(i64::MIN),
            flags: (true, false),
            unit: Unit::SecondOne,
            units: vec![Unit::First, Unit::SecondOne],
            adjacent: vec![
                Adjacent::Spend {
                    amount: "3.40".parse().unwrap(),
                    reference: "R/1".into(),
                },
                Adjacent::Nothing,
            ],
            internal: Internal::Grant {
                to: "p\"1".into(),
                n: u32::MAX,
            },
            newtype: Newtype("n\\t".into()),
            map: [("b\n".into(), 2), ("a".into(), 0)].into_iter().collect(),
            empty: vec![],
            nested: vec![vec![], vec![-1, 0, 1, i32::MAX]],
            c: '"',
            unit_value: (),
        };
        same(&doc);
    }
    same(&u64::MAX);
    same(&0u8);
}

#[test]
fn refuses_what_it_does_not_write() {
    #[derive(Serialize)]
    enum External {
        Data(u8),
    }
    assert!(write::to_string(&1.5f64).is_err());
    assert!(write::to_string(&External::Data(1)).is_err());
    let map: BTreeMap<u8, u8> = [(1, 2)].into_iter().collect();
    assert!(write::to_string(&map).is_err());
    // The public entry falls back to serde_json for them.
    assert_eq!(super::to_json(&External::Data(1)), r#"{"Data":1}"#);
}

#[test]
fn finds_every_escape_at_every_position() {
    for special in ['"', '\\', '\u{0}', '\u{1f}', '\n', '\u{7f}', ' ', '~', '界'] {
        for len in 1..20 {
            for at in 0..len {
                let s: String = (0..len)
                    .map(|i| if i == at { special } else { 'a' })
                    .collect();
                same(&s);
            }
        }
    }
}
