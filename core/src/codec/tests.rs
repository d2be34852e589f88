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
