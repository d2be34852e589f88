//! The codec's errors: code, path, and both languages (E-10), for serde's and serde_json's messages.

use serde::Deserialize;

use super::*;
use crate::money::Money;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Inner {
    amount: Money,
    #[serde(default)]
    count: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Outer {
    inner: Inner,
    #[serde(default)]
    kind: Option<Kind>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    First,
    Second,
}

fn err(json: &str) -> Error {
    parse_doc::<Outer>(json).unwrap_err()
}

/// No serde wording and no Rust type name in a zh message.
fn chinese_only(e: &Error) {
    let zh = e.message_zh();
    for word in [
        "invalid", "expected", "struct", "Inner", "Outer", "u32", "EOF",
    ] {
        assert!(!zh.contains(word), "{word} in {zh}");
    }
    for word in ["struct", "Inner", "Outer", "u32", "enum Kind"] {
        assert!(
            !e.message_en().contains(word),
            "{word} in {}",
            e.message_en()
        );
    }
}

#[test]
fn e10_a_float_amount_is_named_in_both_languages() {
    let e = err(r#"{"inner": {"amount": 12.5}}"#);
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidType, "inner.amount")
    );
    assert_eq!(
        e.message_zh(),
        "字段类型错误：类型不符：得到小数 12.5，应为十进制字符串表示的金额，如 \"12.50\""
    );
    assert_eq!(
        e.message_en(),
        "wrong type: invalid type: floating point `12.5`, expected a yuan amount as a decimal string, e.g. \"12.50\""
    );
    chinese_only(&e);
}

#[test]
fn e10_a_struct_is_an_object_never_its_type_name() {
    let e = err(r#"{"inner": 5}"#);
    assert_eq!((e.code, e.field.as_str()), (Code::InvalidType, "inner"));
    assert_eq!(
        e.message_zh(),
        "字段类型错误：类型不符：得到整数 5，应为对象"
    );
    assert_eq!(
        e.message_en(),
        "wrong type: invalid type: integer `5`, expected a JSON object"
    );
    chinese_only(&e);
}

#[test]
fn e10_an_integer_out_of_range_and_a_name_of_the_wrong_type() {
    let e = err(r#"{"inner": {"amount": "1.00", "count": -1}}"#);
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidType, "inner.count")
    );
    assert!(e
        .message_zh()
        .contains("取值无效：得到整数 -1，应为0 到 4294967295 的整数"));
    chinese_only(&e);
    // serde_json reads a unit enum only from a string; anything else is a syntax error there.
    let e = err(r#"{"inner": {"amount": "1.00"}, "kind": 3}"#);
    assert_eq!((e.code, e.field.as_str()), (Code::InvalidJson, "kind"));
    assert!(
        e.message_zh().contains("此处应为一个值"),
        "{}",
        e.message_zh()
    );
    chinese_only(&e);
    let e = err(r#"{"inner": {"amount": "1.00"}, "kind": "third"}"#);
    assert_eq!(e.code, Code::UnknownValue);
    assert_eq!(e.message_zh(), "未知的取值：“third”，可选：first, second");
}

#[test]
fn e10_a_value_holding_the_words_at_line_is_quoted_whole() {
    // serde_json ends a message with " at line L column C"; only that ending is the place, and a value
    // quoted in the message may hold the same words. Both readers quote the whole value.
    for (json, en) in [
        (r#"{"inner": {"amount": " at line"}}"#, "\" at line\""),
        (
            r#"{"inner": {"amount": "1.00"}, "kind": "x at line 1 column 2"}"#,
            "unknown variant `x at line 1 column 2`, expected `first` or `second`",
        ),
    ] {
        let ours = parse_doc::<Outer>(json).unwrap_err();
        assert_eq!(ours.detail_en, en, "{json}");
        assert_eq!(
            parse_doc_serde_json::<Outer>(json).unwrap_err(),
            ours,
            "{json}"
        );
    }
}

#[test]
fn e10_syntax_errors_are_said_in_chinese_with_their_place() {
    let e = err(r#"{"inner": }"#);
    assert_eq!(e.code, Code::InvalidJson);
    assert_eq!(
        e.message_zh(),
        "JSON 格式错误：此处应为一个值（第 1 行第 11 列）"
    );
    assert_eq!(
        e.message_en(),
        "malformed JSON: expected value at line 1 column 11"
    );
    let e = err(r#"{"inner": "#);
    assert_eq!(e.code, Code::InvalidJson);
    assert!(e.message_zh().contains("意外结束"), "{}", e.message_zh());
    let e = err(r#"{"inner": {"amount": "1.00"}} x"#);
    assert!(e.message_zh().contains("多余的字符"), "{}", e.message_zh());
    chinese_only(&e);
}

#[test]
fn e10_fields_unknown_missing_and_repeated() {
    let e = err(r#"{"inner": {"amount": "1.00", "x": 1}}"#);
    assert_eq!((e.code, e.field.as_str()), (Code::UnknownField, "inner.x"));
    assert_eq!(e.message_zh(), "未知字段：“x”");
    let e = err(r#"{"inner": {}}"#);
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::MissingField, "inner.amount")
    );
    assert_eq!(e.message_zh(), "缺少必填字段：“amount”");
    let e = err(r#"{"inner": {"amount": "1.00", "amount": "2.00"}}"#);
    assert_eq!(e.message_zh(), "JSON 格式错误：字段重复：“amount”");
    chinese_only(&e);
}

#[test]
fn e10_a_value_deserializer_gives_the_same_texts() {
    let v: serde_json::Value = serde_json::from_str(r#"{"inner": {"amount": 12.5}}"#).unwrap();
    let e = deserialize_tracked::<Outer, _>(v).unwrap_err();
    assert_eq!(
        (e.code, e.field.as_str()),
        (Code::InvalidType, "inner.amount")
    );
    assert_eq!(
        e.message_zh(),
        err(r#"{"inner": {"amount": 12.5}}"#).message_zh()
    );
}

/// The fast writer writes what serde_json writes, byte for byte, and refuses what it does not support.
mod fast_writer {
    use alloc::collections::BTreeMap;
    use alloc::string::String;
    use alloc::vec;
    use alloc::vec::Vec;
    use serde::Serialize;

    use super::super::write;
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
        // The public entry says so in the text, and does not panic.
        let text = super::super::to_json(&External::Data(1));
        assert!(text.starts_with(r#"{"error":"not a document"#), "{text}");
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{text}"
        );
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

    /// S-10: an amount reaches the writer as its fen and is written as the string every other
    /// serializer is given (serde_json's text and value alike): `0.00`, one digit, pairs, above
    /// 1 000 000 and the largest.
    #[test]
    fn writes_amounts_from_their_fen() {
        let mut fens: Vec<u64> = (0..=12_000).collect();
        fens.extend([
            99_999,
            100_000,
            100_000_000,
            100_000_001,
            123_456_789,
            1_000_000_000,
            9_999_999_999,
            10_000_000_000,
            98_765_432_101,
            99_999_999_999,
        ]);
        for fen in fens {
            let m = Money::from_fen(fen).unwrap();
            let text = m.as_decimal().to_string();
            let want = alloc::format!("\"{text}\"");
            assert_eq!(serde_json::to_string(&m).unwrap(), want);
            assert_eq!(
                serde_json::to_value(m).unwrap(),
                serde_json::Value::String(text)
            );
            assert_eq!(write::to_string(&m).unwrap(), want);
            same(&vec![m, Money::ZERO, m]);
        }
    }

    /// The writer takes a count of hundredths under its private name, and refuses any other value
    /// there (the caller then falls back to serde_json).
    #[test]
    fn writes_hundredths_under_their_name_only() {
        struct Named<T>(T);
        impl<T: Serialize> Serialize for Named<T> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_newtype_struct(crate::text::HUNDREDTHS, &self.0)
            }
        }
        assert_eq!(write::to_string(&Named(0u64)).unwrap(), r#""0.00""#);
        assert_eq!(write::to_string(&Named(7u64)).unwrap(), r#""0.07""#);
        assert_eq!(
            write::to_string(&Named(12_345_678_901u64)).unwrap(),
            r#""123456789.01""#
        );
        assert!(write::to_string(&Named(100_000_000_000u64)).is_err());
        assert!(write::to_string(&Named("1.00")).is_err());
        assert!(write::to_string(&Named(1u32)).is_err());
    }

    /// What a `Display` writes (`collect_str`: ratios, dates) goes straight into the output, escaped
    /// as serde_json escapes it.
    #[test]
    fn writes_displayed_text_as_serde_json_does() {
        struct Shown(&'static str);
        impl core::fmt::Display for Shown {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                // In pieces, an escape in any of them.
                self.0.split_inclusive(' ').try_for_each(|p| f.write_str(p))
            }
        }
        impl Serialize for Shown {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        for text in [
            "",
            "0.65",
            "plain text",
            "a \"quoted\" \\ one",
            "tab\t and \u{1} 界",
        ] {
            same(&vec![Shown(text), Shown("after")]);
        }
        let ratios = ["0", "1", "0.6", "0.65", "0.655", "0.6555", "0.0001"];
        for r in ratios {
            same(&r.parse::<crate::money::Ratio>().unwrap());
        }
        same(&"2025-07-02".parse::<crate::time::Date>().unwrap());
        same(&"2025-07-02T09:05".parse::<crate::time::DateTime>().unwrap());
    }
}

/// A struct is read from an object only. serde_json also takes an array of the fields in order; the
/// reader refuses it at the array, as the document itself is refused when it is an array.
#[test]
fn e10_a_struct_written_as_an_array_is_refused() {
    let text = r#"{"inner": ["1.00", 2]}"#;
    assert!(
        serde_json::from_str::<Outer>(text).is_ok(),
        "serde_json's leniency"
    );
    let e = err(text);
    assert_eq!((e.code, e.field.as_str()), (Code::InvalidType, "inner"));
    assert_eq!(e.detail_en, "invalid type: array, expected a JSON object");
    assert_eq!(e.detail_zh, "类型不符：得到数组，应为对象");
}
