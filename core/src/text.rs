//! Every user-facing text of the crate in zh-CN and en, apart from the rules that use them (E-10).
//!
//! The rules decide with typed values and call a template here to say what they decided. A template
//! takes its plain values (amounts, dates, ids: the same in both languages) as `&dyn Arg`, and its
//! bilingual values (names of kinships, statuses, payers) as [`Words`], after a `;`. A template is
//! split into its pieces at compile time (a name it does not take stops the build) and rendered without
//! `format!`, with the same text (the catalogue's test compares every template with `format!`). The short texts of error codes sit beside the codes, in the `codes!` table
//! of [`crate::error`].

use alloc::string::String;
use core::fmt::{Display, Write};

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// A name in both languages (zh, en), to put inside a [`Text`].
pub type Words<'a> = (&'a str, &'a str);

macro_rules! terms {
    ($( $(#[$doc:meta])* $id:ident = $zh:literal, $en:literal; )*) => {
        /// Names of domain values, as shown to people (never the Rust variant names).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Term { $( $(#[$doc])* $id, )* }

        impl Term {
            pub const fn zh(self) -> &'static str {
                match self { $( Term::$id => $zh, )* }
            }
            pub const fn en(self) -> &'static str {
                match self { $( Term::$id => $en, )* }
            }
            pub const fn words(self) -> Words<'static> {
                (self.zh(), self.en())
            }
        }
    };
}

terms! {
    // Enrollment (E-1, E-3)
    Active = "正常参保", "active";
    Suspended = "暂停参保", "suspended";
    Terminated = "终止参保", "terminated";
    // Kinship (E-2)
    Spouse = "配偶", "spouse";
    Parent = "父母", "parent";
    Child = "子女", "child";
    Sibling = "兄弟姐妹", "sibling";
    PaternalGrandparent = "祖父母", "paternal grandparent";
    MaternalGrandparent = "外祖父母", "maternal grandparent";
    SonsChild = "孙子女", "son's child";
    DaughtersChild = "外孙子女", "daughter's child";
    SpouseParent = "配偶的父母", "spouse's parent";
    // Parties (E-5)
    Sharer = "共济人", "the sharer";
    Beneficiary = "被共济人", "the beneficiary";
    // Wallet models
    VirtualQuota = "虚拟额度模式", "the virtual-quota model";
    TransferModel = "转账模式", "the transfer model";
    // Visit types (S-2)
    Outpatient = "普通门诊", "outpatient";
    Inpatient = "住院", "inpatient";
    SpecialOutpatient = "门诊慢特病", "special outpatient";
    Pharmacy = "定点药店购药", "pharmacy";
    Premium = "参保缴费", "premium";
    // Payers (S-4)
    OwnAccount = "本人个人账户", "own account";
    // Layers and out-of-area care (S-12)
    SeriousIllness = "大病保险", "serious-illness insurance";
    LargeExpense = "大额医疗费用补助", "large-expense subsidy";
    Filed = "已备案", "filed";
    Unfiled = "未备案", "unfiled";
}

/// A value a template shows: its text pushed straight onto the output (amounts and ratios without a
/// `Formatter`), the same text as its `Display`.
pub(crate) trait Arg: Display {
    /// Pushes the value's text, exactly what `Display` writes with no width or precision.
    fn put(&self, out: &mut String) {
        // Writing into a `String` cannot fail.
        let _ = write!(out, "{self}");
    }

    /// About how many bytes [`Arg::put`] pushes, to size the output once.
    fn size(&self) -> usize {
        8
    }
}

impl Arg for str {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
    fn size(&self) -> usize {
        self.len()
    }
}

impl Arg for String {
    fn put(&self, out: &mut String) {
        out.push_str(self);
    }
    fn size(&self) -> usize {
        self.len()
    }
}

impl<T: Arg + ?Sized> Arg for &T {
    fn put(&self, out: &mut String) {
        (**self).put(out);
    }
    fn size(&self) -> usize {
        (**self).size()
    }
}

macro_rules! plain_args {
    ($($t:ty),*) => { $(impl Arg for $t {})* };
}

plain_args!(u8, u16, u32, u64, usize, i64);

/// "00", "01", … "99" in one text: two digits are pushed as one `&str`, without a UTF-8 check.
const PAIR_BYTES: [u8; 200] = {
    let mut b = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        b[2 * i] = b'0' + (i / 10) as u8;
        b[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    b
};
const PAIRS: &str = match core::str::from_utf8(&PAIR_BYTES) {
    Ok(s) => s,
    Err(_) => panic!("digits are ASCII"),
};

/// The two digits of `n % 100`.
#[inline]
pub(crate) fn pair(n: u64) -> &'static str {
    let i = (n % 100) as usize * 2;
    PAIRS.get(i..i + 2).unwrap_or("00")
}

/// Largest count of hundredths [`put_hundredths`] writes: 99 999 999 999 (999 999 999.99, the largest
/// amount, S-10).
pub(crate) const MAX_HUNDREDTHS: u64 = 99_999_999_999;

/// `n` hundredths (at most [`MAX_HUNDREDTHS`]) as a decimal with two places: the units (at least one
/// digit), a point, two digits; `12345` → `123.45`, `0` → `0.00`. Pushed two digits at a time.
pub(crate) fn put_hundredths(n: u64, out: &mut String) {
    let (units, cents) = (n / 100, n % 100);
    if units < 10_000 {
        // Most amounts: one or two leading digits, then at most one pair.
        let lead = if units < 100 { units } else { units / 100 };
        put_lead(lead, out);
        if units >= 100 {
            out.push_str(pair(units));
        }
    } else {
        put_many(units, out);
    }
    out.push('.');
    out.push_str(pair(cents));
}

/// `n` (below 100) with no leading zero.
#[inline]
fn put_lead(n: u64, out: &mut String) {
    if n >= 10 {
        out.push_str(pair(n));
    } else {
        out.push(char::from(b'0' + n as u8));
    }
}

/// `units` (at most 9 digits): the leading one or two, then at most four pairs.
fn put_many(mut units: u64, out: &mut String) {
    let mut low = [0u64; 4];
    let mut k = 0;
    while units >= 100 {
        if let Some(slot) = low.get_mut(k) {
            *slot = units % 100;
        }
        units /= 100;
        k += 1;
    }
    put_lead(units, out);
    let low = low.get(..k).unwrap_or(&[]);
    low.iter().rev().for_each(|g| out.push_str(pair(*g)));
}

/// The newtype-struct name around an amount given to a human-readable serializer (S-10). The value
/// inside gives its text to a human-readable serializer, so serde_json and serde-wasm-bindgen (for which
/// a newtype struct is its value) see the same string; the output writer recognises the name and asks
/// the value as a serializer that is not human-readable, which is given the count of hundredths (a
/// `u64`, at most [`MAX_HUNDREDTHS`]) and writes it as [`put_hundredths`] does. Compared by address:
/// a `static`, not a `const`.
pub(crate) static HUNDREDTHS: &str = "$gongji::hundredths";

/// The most pieces a template has (a piece: text, then an argument or none).
const PIECES: usize = 12;
/// No argument after a piece.
const NONE: usize = usize::MAX;

/// A template split once, at compile time: `pieces[..count]` is each piece of text and the index of
/// the argument after it; `size` the bytes of text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Template {
    pieces: [(&'static str, usize); PIECES],
    count: usize,
    size: usize,
}

impl Template {
    /// Splits `text` at its `{name}`s, each named by its index in `names`, and `{{` / `}}` (a
    /// brace); as `format!` reads it. Evaluated in a constant: a name not in `names`, an unmatched
    /// brace or more than [`PIECES`] pieces stops the build.
    pub(crate) const fn parse(text: &'static str, names: &[&str]) -> Template {
        let b = text.as_bytes();
        let mut t = Template {
            pieces: [("", NONE); PIECES],
            count: 0,
            size: 0,
        };
        let (mut start, mut i) = (0, 0);
        while i < b.len() {
            if b[i] != b'{' && b[i] != b'}' {
                i += 1;
                continue;
            }
            if i + 1 < b.len() && b[i + 1] == b[i] {
                t = t.with(slice(text, start, i + 1), NONE);
                i += 2;
            } else {
                assert!(b[i] == b'{', "a lone closing brace in a template");
                let mut end = i + 1;
                while b[end] != b'}' {
                    end += 1;
                }
                t = t.with(slice(text, start, i), index(names, slice(text, i + 1, end)));
                i = end + 1;
            }
            start = i;
        }
        t.with(slice(text, start, b.len()), NONE)
    }

    const fn with(mut self, piece: &'static str, arg: usize) -> Template {
        assert!(self.count < PIECES, "too many pieces in a template");
        self.pieces[self.count] = (piece, arg);
        self.count += 1;
        self.size += piece.len();
        self
    }

    /// The first `N` (its `count`) pieces alone, so that the binary holds only those.
    pub(crate) const fn exact<const N: usize>(&self) -> Pieces<N> {
        assert!(N == self.count, "the pieces are counted");
        let mut pieces = [("", NONE); N];
        let mut i = 0;
        while i < N {
            pieces[i] = self.pieces[i];
            i += 1;
        }
        Pieces {
            pieces,
            size: self.size,
        }
    }
}

/// A template's pieces, exactly as many as it has (see [`Template`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pieces<const N: usize> {
    pieces: [(&'static str, usize); N],
    size: usize,
}

impl<const N: usize> Pieces<N> {
    /// The text with `args` and then `words` (by index, counted on from the args) in their places.
    #[inline]
    pub(crate) fn render(&self, args: &[&dyn Arg], words: &[&str]) -> String {
        render(&self.pieces, self.size, args, words)
    }
}

/// The pieces' text, each followed by its argument: `args[i]`, or `words[i - args.len()]` past them;
/// in a `String` sized once.
fn render(pieces: &[(&str, usize)], size: usize, args: &[&dyn Arg], words: &[&str]) -> String {
    let size = size
        + args.iter().map(|a| a.size()).sum::<usize>()
        + words.iter().map(|w| w.len()).sum::<usize>();
    let mut out = String::with_capacity(size);
    for (piece, arg) in pieces {
        out.push_str(piece);
        if let Some(a) = args.get(*arg) {
            a.put(&mut out);
        } else if let Some(w) = words.get(arg.wrapping_sub(args.len())) {
            out.push_str(w);
        }
    }
    out
}

/// `text[from..to]`, in a constant (the bounds fall on ASCII braces: character boundaries).
const fn slice(text: &'static str, from: usize, to: usize) -> &'static str {
    let (head, _) = text.as_bytes().split_at(to);
    let (_, part) = head.split_at(from);
    match core::str::from_utf8(part) {
        Ok(s) => s,
        Err(_) => panic!("a template split inside a character"),
    }
}

/// The index of `name` in `names`, in a constant.
const fn index(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("a template names an argument it does not take")
}

macro_rules! texts {
    (check $check:ident; $( $(#[$doc:meta])* $id:ident ( $($arg:ident),* $(; $($w:ident),+)? ) = $zh:literal, $en:literal; )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            #[inline(never)]
            pub(crate) fn $id($($arg: &dyn Arg,)* $($($w: Words<'_>,)+)?) -> Text {
                const NAMES: &[&str] = &[$(stringify!($arg),)* $($(stringify!($w),)+)?];
                const ZH_SPLIT: Template = Template::parse($zh, NAMES);
                const EN_SPLIT: Template = Template::parse($en, NAMES);
                const ZH: Pieces<{ ZH_SPLIT.count }> = ZH_SPLIT.exact();
                const EN: Pieces<{ EN_SPLIT.count }> = EN_SPLIT.exact();
                // One list of plain values for both languages; the words in each language.
                let args: &[&dyn Arg] = &[$($arg,)*];
                Text {
                    zh: ZH.render(args, &[$($($w.0,)+)?]),
                    en: EN.render(args, &[$($($w.1,)+)?]),
                }
            }
        )*

        /// Calls every template of this block with the samples (in turn) and compares its text with
        /// `format!`'s; the count of templates.
        #[cfg(test)]
        #[allow(unused_variables, unused_assignments, unused_mut)]
        pub(crate) fn $check(samples: &[&dyn Arg], words: &[Words<'static>]) -> usize {
            let mut count = 0;
            $(
                {
                    let mut k = 0usize;
                    $( let $arg: &dyn Arg = samples[k % samples.len()]; k += 1; )*
                    let mut j = 0usize;
                    $($( let $w: Words<'static> = words[j % words.len()]; j += 1; )+)?
                    let got = $id($($arg,)* $($($w,)+)?);
                    let want = Text {
                        zh: { $($(let $w = $w.0;)+)? alloc::format!($zh) },
                        en: { $($(let $w = $w.1;)+)? alloc::format!($en) },
                    };
                    assert_eq!(got, want, "{}", stringify!($id));
                    count += 1;
                }
            )*
            count
        }
    };
}

// ---- shared ----
texts! {
    check shared_texts;
    /// A value as it was given.
    quoted(value) = "“{value}”", "\"{value}\"";
    /// A document of another schema.
    expected_schema(schema) = "应为 \"{schema}\"", "expected \"{schema}\"";
}

// ---- the codec ----
texts! {
    check codec_texts;
    document_too_large() = "文档过大", "document too large";
    document_is_array() = "文档须为 JSON 对象，不能是数组", "a document is a JSON object, not an array";
    duplicate_field(name) = "字段重复：“{name}”", "duplicate field `{name}`";
    unknown_value(value, allowed) = "“{value}”，可选：{allowed}", "unknown variant `{value}`, expected {allowed}";
    /// serde's "invalid type: …, expected …".
    invalid_type(; got, want) = "类型不符：得到{got}，应为{want}", "invalid type: {got}, expected {want}";
    /// serde's "invalid value: …, expected …".
    invalid_value(; got, want) = "取值无效：得到{got}，应为{want}", "invalid value: {got}, expected {want}";
    /// serde's "invalid length n, expected …".
    invalid_length(n; want) = "长度无效：{n}，应为{want}", "invalid length {n}, expected {want}";
    /// Where in the text a syntax error is.
    at_line(line, column) = "（第 {line} 行第 {column} 列）", " at line {line} column {column}";
}

/// serde_json's syntax messages (en as serde_json writes them) and their zh.
pub const JSON_SYNTAX: &[Words<'static>] = &[
    ("JSON 文本在值处意外结束", "EOF while parsing a value"),
    ("JSON 文本在对象中意外结束", "EOF while parsing an object"),
    ("JSON 文本在数组中意外结束", "EOF while parsing a list"),
    ("JSON 文本在字符串中意外结束", "EOF while parsing a string"),
    ("此处应为一个值", "expected value"),
    ("此处应为 “,” 或 “}”", "expected `,` or `}`"),
    ("此处应为 “,” 或 “]”", "expected `,` or `]`"),
    ("此处应为 “:”", "expected `:`"),
    ("此处应为 true、false 或 null", "expected ident"),
    ("对象的键须为字符串", "key must be a string"),
    ("文档结束后还有多余的字符", "trailing characters"),
    ("多余的逗号", "trailing comma"),
    ("数字无效", "invalid number"),
    ("数字超出范围", "number out of range"),
    ("转义序列无效", "invalid escape"),
    ("Unicode 码点无效", "invalid unicode code point"),
    (
        "字符串中有控制字符",
        "control character (\\u0000-\\u001F) found while parsing a string",
    ),
    (
        "十六进制转义中有孤立的代理项",
        "lone leading surrogate in hex escape",
    ),
    ("代理项后须接转义", "unexpected end of hex escape"),
    ("嵌套层数过深", "recursion limit exceeded"),
    ("文本不是有效的 UTF-8", "invalid UTF-8"),
];

/// What a value was, as serde describes it (its `Unexpected`): the English prefix and the names.
pub const JSON_GOT: &[(&str, Words<'static>)] = &[
    ("boolean", ("布尔值", "boolean")),
    ("integer", ("整数", "integer")),
    ("floating point", ("小数", "floating point")),
    ("string", ("字符串", "string")),
    ("character", ("字符", "character")),
    ("null", ("null", "null")),
    ("unit value", ("空值", "null")),
    ("Option value", ("可选值", "optional value")),
    ("sequence", ("数组", "array")),
    ("map", ("对象", "object")),
    ("byte array", ("字节串", "byte array")),
];

/// What a value should be, as the deserializers say it (the en), and how it is shown.
pub const JSON_WANT: &[(&str, Words<'static>)] = &[
    ("a string", ("字符串", "a string")),
    ("a boolean", ("布尔值 true 或 false", "a boolean")),
    ("a sequence", ("数组", "a JSON array")),
    ("a map", ("对象", "a JSON object")),
    ("u8", ("0 到 255 的整数", "an integer from 0 to 255")),
    ("u16", ("0 到 65535 的整数", "an integer from 0 to 65535")),
    (
        "u32",
        ("0 到 4294967295 的整数", "an integer from 0 to 4294967295"),
    ),
    ("u64", ("非负整数", "a non-negative integer")),
    ("variant identifier", ("字符串", "a string")),
    ("field identifier", ("字符串", "a string")),
    (EXPECT_MONEY.1, EXPECT_MONEY),
    (EXPECT_RATIO.1, EXPECT_RATIO),
    (EXPECT_REGION.1, EXPECT_REGION),
    (EXPECT_PERSON_ID.1, EXPECT_PERSON_ID),
    (EXPECT_DATE.1, EXPECT_DATE),
    (EXPECT_DATE_TIME.1, EXPECT_DATE_TIME),
    (EXPECT_TIME_OF_DAY.1, EXPECT_TIME_OF_DAY),
    (EXPECT_REASON_CODE.1, EXPECT_REASON_CODE),
];

/// A struct, a tagged enum or a struct variant: what a document calls an object.
pub const JSON_OBJECT: Words<'static> = ("对象", "a JSON object");
/// A unit enum: one of its names.
pub const JSON_NAME: Words<'static> = ("字符串（取值名称）", "a string naming a value");
/// Anything else.
pub const JSON_OTHER: Words<'static> = ("其他值", "another value");

pub const EXPECT_MONEY: Words<'static> = (
    "十进制字符串表示的金额，如 \"12.50\"",
    "a yuan amount as a decimal string, e.g. \"12.50\"",
);
pub const EXPECT_RATIO: Words<'static> = (
    "0 到 1 之间、以十进制字符串表示的比例，如 \"0.65\"",
    "a ratio between 0 and 1 as a decimal string, e.g. \"0.65\"",
);
pub const EXPECT_REGION: Words<'static> = (
    "6 位统筹区代码，如 \"110000\"",
    "a 6-digit region code such as \"110000\"",
);
pub const EXPECT_PERSON_ID: Words<'static> = ("人员标识字符串", "a person id string");
pub const EXPECT_DATE: Words<'static> = ("日期 YYYY-MM-DD", "a date YYYY-MM-DD");
pub const EXPECT_DATE_TIME: Words<'static> = (
    "北京时间 YYYY-MM-DDTHH:MM",
    "a time YYYY-MM-DDTHH:MM in UTC+8",
);
pub const EXPECT_TIME_OF_DAY: Words<'static> = ("时刻 HH:MM", "a time of day HH:MM");
pub const EXPECT_REASON_CODE: Words<'static> = (
    "规则结论代码，如 \"SHARER_ELIGIBLE\"",
    "a reason code such as \"SHARER_ELIGIBLE\"",
);

// ---- policy book (P-) ----
texts! {
    check policy_texts;
    national_incomplete() = "全国基准须定义每个参数", "the national baseline must define every parameter";
    no_visit_type() = "至少一种就诊类型", "at least one visit type";
    level_range() = "医院等级为 1、2 或 3", "hospital level is 1, 2 or 3";
    bands_increase() = "分段须按金额递增", "bands must increase";
    transfer_limit_positive() = "单笔上限须大于零", "the single-transfer limit must be positive";
    empty_timeline() = "时间线为空", "empty timeline";
    date_not_after(later, earlier) = "{later} 不晚于 {earlier}", "{later} is not after {earlier}";
}

// ---- eligibility (E-) ----
texts! {
    check eligibility_texts;
    /// E-1, E-3: a status that is not active.
    status_is(; status) = "状态为 {status}", "status is {status}";
    e1_sharer_employee() = "共济人为正常参保的职工医保参保人", "the sharer is an active employee-scheme member";
    e1_resident_small_sharing(cap) = "当地试点居民医保个人账户小额共济，每年不超过 {cap} 元", "the region pilots resident small sharing, at most {cap} yuan a year";
    e1_resident_cannot_share() = "居民医保参保人不能作为共济人", "a resident-scheme member cannot share";
    e2_in_scope(date; kinship) = "{kinship}在 {date} 的共济范围内", "{kinship} is in scope on {date}";
    e2_out_of_scope(region, date; kinship) = "{kinship}不在 {region} 统筹区 {date} 的共济范围内", "{kinship} is not in scope in region {region} on {date}";
    e3_insured() = "被共济人正常参加基本医保", "the beneficiary is actively insured";
    e4_same_id(id) = "证件号 {id}", "id {id}";
    e4_different() = "共济人与被共济人为不同的人", "sharer and beneficiary are different persons";
    e5_wallet_not_opened(; who) = "{who}未开通医保钱包", "{who} has not opened the wallet";
    e5_region_not_enabled(region, date) = "统筹区 {region} 在 {date} 未开通", "region {region} not enabled on {date}";
    e5_wallet_ready() = "双方已开通医保钱包，统筹区已开通跨省共济", "both wallets open and both regions enabled";
    e5_same_province() = "双方在同一省份参保，可省内共济", "both are insured in one province";
    e5_different_provinces(a, b) = "{a} 与 {b} 不在同一省份", "{a} and {b} are in different provinces";
    e6_signed() = "共济人已签署承诺书，无需亲属关系证明", "the commitment is signed; no proof of kinship needed";
    e6_sign_first() = "须先签署承诺书", "sign the commitment first";
    e7_too_many(count, max) = "已有 {count} 名共济人，上限 {max}", "already {count} sharers, limit {max}";
    e7_within_limit() = "被共济人的共济人数未超过限制", "the beneficiary's sharer count is within the limit";
}

// ---- wallet ledger (E-6..E-9, Q-) ----
texts! {
    check ledger_texts;
    duplicate_person() = "人员重复", "duplicate person";
    one_account_each() = "每位人员须有且仅有一个账户", "every person needs exactly one account";
    accounts_follow_persons() = "账户须与人员一一对应", "accounts must follow persons in order";
    duplicate_relationship() = "关系编号重复", "duplicate relationship id";
    relationship_unknown_person() = "关系引用了未登记的人员", "relationship names an unknown person";
    quota_wrong_relationship() = "额度引用的关系不存在或不符", "quota names an unknown or different relationship";
    quota_overspent() = "剩余额度与已用额度之和超过设定额度", "unspent plus spent exceeds the quota granted";
    duplicate_quota() = "额度编号重复", "duplicate quota id";
    duplicate_transfer() = "转账编号重复", "duplicate transfer id";
    /// the state's limits.
    state_bytes(max) = "状态文档将超过 {max} 字节", "the state document would exceed {max} bytes";
    state_entries(max) = "此列表将超过 {max} 条", "this list would exceed {max} entries";
    /// S-9, Q-9: a reversal past its window.
    reversible_until(until) = "可冲正至 {until}", "reversible until {until}";
    transfer_wrong_relationship() = "转账引用的关系不存在或不符", "transfer names an unknown or different relationship";
    draws_mismatch() = "分项之和不等于支出金额", "draws do not add up to the amount";
    duplicate_reference() = "流水号重复", "duplicate reference";
    credits_exceed_own_payment() = "取自当年划入的部分不能超过本人个账支付", "the part taken from this year's credits cannot exceed the own-account payment";
    booking_unknown_spend() = "结算记录引用了不存在的共济支出", "the booking names a spend the ledger does not hold";
    duplicate_year() = "同一人同一年度只能有一行累计", "one row of totals per person and year";
    seq_behind() = "序号小于已使用的编号", "seq is below an id already in use";
    credits_exceed_balance() = "当年划入不能超过余额", "this year's credits cannot exceed the balance";
    /// E-6: the first failed eligibility rule, with every failed code.
    not_eligible(first_zh, first_en, all) = "{first_zh}（全部未通过：{all}）", "{first_en} (all failed: {all})";
    give_new_region() = "须给出新的统筹区", "give the new region";
    termination_takes_no_region() = "终止参保不带统筹区", "termination takes no region";
    region_is(region) = "统筹区 {region}", "region {region}";
    region_uses(; model) = "当地当日为{model}", "the region uses {model} at that date";
    shareable_is(can) = "可共济 {can} 元", "shareable {can} yuan";
    unspent_is(amount) = "未使用 {amount} 元", "unspent {amount} yuan";
    available_is(amount) = "可用额度 {amount} 元", "available {amount} yuan";
    sharer_can_share(amount) = "共济人可共济 {amount} 元", "the sharer can share {amount} yuan";
    quiet_hours(from, until) = "{from} 至 {until}", "{from} to {until}";
    transfer_max(amount) = "每笔不超过 {amount} 元", "at most {amount} yuan each";
    transfers_per_day(n) = "单日最多 {n} 笔", "at most {n} a day";
    deadline(at) = "期限 {at}", "deadline {at}";
}

// ---- settlement input and document (S-) ----
texts! {
    check settlement_texts;
    patient_not_active() = "患者未处于正常参保状态", "the patient is not actively insured";
    items_at_most(n) = "一张账单最多 {n} 项", "at most {n} items a bill";
    funds_at_most(n) = "最多 {n} 笔共济资金", "at most {n} funds";
    patient_own_fund() = "患者不能共济给自己", "a patient cannot share with themself";
    premium_alone() = "参保缴费只能单独结算，且缴费结算中只能有缴费项目", "premiums are settled on their own, and a premium visit holds only premiums";
    premium_no_class() = "参保缴费不分目录类别", "a premium has no catalogue class";
    goods_class_c() = "非医疗用品与可选用途不在医保目录内，须为丙类", "goods outside medical care are not in the catalogue: class c";
    reference_length(max) = "结算流水号须为 1 到 {max} 个字符", "the reference must be 1 to {max} characters";
    estimate_required(region, name) = "统筹区 {region} {name} 适用的待遇参数只是示例参数（如国家示例档次）：请求须注明 \"estimate\": true（估算，示例参数，仅供参考）", "the benefit parameters that apply in region {region} {name} are example-grade only (such as the national example tiers): the request must say \"estimate\": true (an estimate on example parameters, for reference only)";
    layers_above_burden() = "大病保险与大额医疗超过基本医保后的政策范围内个人负担", "the layers pay more than the in-scope burden left after the basic fund";
    layer_totals_moved() = "大病保险、大额医疗或住院次数的累计与本单不符", "the year's layer totals or admissions do not match this bill";
    no_benefit_row_no_level(region, date; visit) = "统筹区 {region} 在 {date} 没有{visit}（无医院级别）的待遇参数", "region {region} has no benefit row for {visit} without a hospital level on {date}";
    no_benefit_row(region, date, level; visit) = "统筹区 {region} 在 {date} 没有{visit} {level} 级的待遇参数", "region {region} has no benefit row for {visit} at level {level} on {date}";
    negative(a, b) = "{a} − {b} 为负", "{a} − {b} is negative";
    sums_differ(what, parts, total) = "{what}：{parts} ≠ {total}", "{what}: {parts} ≠ {total}";
    commands_mismatch() = "钱包指令与共济支付不符", "the wallet commands do not match the sharers' parts";
    deductible_above_scope() = "起付线超过政策范围内金额", "deductible above the in-scope amount";
    fund_above_eligible() = "统筹支付超过起付线以上金额", "fund pays more than the amount past the deductible";
    premium_no_fund() = "参保缴费不经统筹基金", "a premium has no stage A";
    outside_no_fund() = "非定点医药机构，统筹基金不予支付", "the pooled fund pays nothing at a non-designated institution";
    sharer_over_available() = "共济支付超过可用额度", "a sharer paid more than was available";
    sharer_twice() = "共济人重复", "a sharer appears twice";
    reference_mismatch() = "流水号不符", "the spend reference does not match";
}

// ---- settlement trace: stage A (S-1..S-3) ----
texts! {
    check stage_a_texts;
    s1_total(fulamt, overlmt, pre, inscp, medfee) = "医疗费总额 = 全自费 {fulamt} + 超限价自费 {overlmt} + 先行自付 {pre} + 政策范围内 {inscp} = {medfee}", "total = full self-pay {fulamt} + over-limit {overlmt} + pre-self-pay {pre} + in scope {inscp} = {medfee}";
    s7_premium_no_fund() = "参保缴费不经统筹基金：统筹支付 0.00", "a premium has no pooled-fund part: fund pays 0.00";
    s6_outside_no_fund() = "非定点医药机构：统筹基金不予支付，统筹支付 0.00", "not a designated institution: the pooled fund pays nothing, 0.00";
    s7_premium_item(name, amount) = "{name}：参保缴费 {amount}，全部个人缴纳", "{name}: premium {amount}, paid by the person in full";
    s1_class_c(name, amount) = "{name}：丙类，全自费 {amount}", "{name}: class C, full self-pay {amount}";
    s1_over_limit(amount, limit, over) = "，超限价 {amount} − {limit} = {over}", ", over the limit {amount} − {limit} = {over}";
    s1_class_b(name, within, ratio, pre, inscp; over) = "{name}：乙类{over}，先行自付 {within} × {ratio} = {pre}，政策范围内 {within} − {pre} = {inscp}", "{name}: class B{over}, pre-self-pay {within} × {ratio} = {pre}, in scope {within} − {pre} = {inscp}";
    s1_class_a(name, within; over) = "{name}：甲类{over}，政策范围内 {within}", "{name}: class A{over}, in scope {within}";
    s2_cap(cap) = "年度封顶 {cap}", "yearly cap {cap}";
    s2_no_cap() = "不封顶", "no cap";
    s2_benefit_no_level(deductible, ratio; cap) = "待遇（无医院级别）：起付线 {deductible}，支付比例 {ratio}，{cap}", "benefit (no hospital level): deductible {deductible}, ratio {ratio}, {cap}";
    s2_benefit(level, deductible, ratio; cap) = "待遇：{level} 级，起付线 {deductible}，支付比例 {ratio}，{cap}", "benefit: level {level}, deductible {deductible}, ratio {ratio}, {cap}";
    s2_deductible(deductible, met, left, inscp, paid) = "起付线未付 {deductible} − {met} = {left}；本次支付起付线 min({inscp}, {left}) = {paid}", "deductible left {deductible} − {met} = {left}; paid now min({inscp}, {left}) = {paid}";
    s2_fund_share(shown, result) = "{shown} = {result}", "{shown} = {result}";
    s2_fund_share_one(inscp, dedc, ratio, raw) = "({inscp} − {dedc}) × {ratio} = {raw}", "({inscp} − {dedc}) × {ratio} = {raw}";
    s2_fund_share_one_about(inscp, dedc, ratio, exact, raw) = "({inscp} − {dedc}) × {ratio} = {exact} ≈ {raw}", "({inscp} − {dedc}) × {ratio} = {exact} ≈ {raw}";
    s2_cap_left(cap, paid, left, raw, pays) = "封顶线余额 {cap} − {paid} = {left}；统筹基金支付 min({raw}, {left}) = {pays}", "cap left {cap} − {paid} = {left}; pooled fund pays min({raw}, {left}) = {pays}";
    s2_fund_pays(amount) = "统筹基金支付 {amount}", "pooled fund pays {amount}";
    s12_admission(nth, due, inscp, paid) = "本年第 {nth} 次住院，起付线 {due}；本次支付起付线 min({inscp}, {due}) = {paid}", "admission {nth} of the year, deductible {due}; paid now min({inscp}, {due}) = {paid}";
    s12_layer(threshold, before, ytd, eligible, ratio, raw, room, pays; layer) = "{layer}：起付线 {threshold}，基本医保后累计个人负担 {before} → {ytd}，起付线以上 {eligible} × {ratio} = {raw}，可付 {room}，支付 {pays}", "{layer}: threshold {threshold}, year's burden after the basic fund {before} → {ytd}, above the threshold {eligible} × {ratio} = {raw}, room {room}, pays {pays}";
    s12_layer_absent(; layer) = "{layer}：政策中没有适用的参数，不予支付", "{layer}: the book has no row for this bill; it pays nothing";
    s12_area(local, points, ratio; status) = "异地就医（{status}）：比例 {local} − {points} = {ratio}", "out-of-area care ({status}): ratio {local} − {points} = {ratio}";
    s12_area_absent(; status) = "异地就医（{status}）：政策中没有调整参数，按本地比例", "out-of-area care ({status}): the book has no adjustment; the local ratio applies";
    s3_totals(dm, dp, da, fm, fp, fa, im, ie, ia) = "累计：起付线 {dm} + {dp} = {da}；统筹支付 {fm} + {fp} = {fa}；起付线以上政策范围内 {im} + {ie} = {ia}", "year to date: deductible {dm} + {dp} = {da}; fund paid {fm} + {fp} = {fa}; in scope past the deductible {im} + {ie} = {ia}";
}

// ---- settlement trace: stage B (S-4..S-8) and reversal (S-9) ----
texts! {
    check stage_b_texts;
    payer_wallet(sharer) = "共济人 {sharer}（医保钱包额度）", "sharer {sharer} (wallet quota)";
    payer_in_province(sharer) = "共济人 {sharer}（省内家庭共济）", "sharer {sharer} (in-province sharing)";
    s12_burden(medfee, fund, hifmi, hifob, burden) = "个人负担 = {medfee} − 统筹 {fund} − 大病保险 {hifmi} − 大额医疗 {hifob} − 医院负担 0.00 = {burden}", "personal burden = {medfee} − fund {fund} − serious illness {hifmi} − large expense {hifob} − hospital 0.00 = {burden}";
    s8_burden(medfee, fund, burden) = "个人负担 = {medfee} − 统筹 {fund} − 医院负担 0.00 = {burden}", "personal burden = {medfee} − fund {fund} − hospital 0.00 = {burden}";
    s6_outside_cash(burden) = "非定点医药机构：个人账户与共济资金不能支付，个人负担 {burden} 全部现金支付", "not a designated institution: accounts and sharing cannot pay; the burden {burden} is all cash";
    s4_pays(before, can, pay; who) = "{who}支付 min({before}, {can}) = {pay}", "{who} pays min({before}, {can}) = {pay}";
    s4_cash(burden, own, sharing, cash) = "现金支付 = {burden} − 本人个账 {own} − 共济 {sharing} = {cash}", "cash = {burden} − own account {own} − sharing {sharing} = {cash}";
    s6_goods(payable, goods, after) = "保健品、化妆品、生活用品、医疗美容不能用个人账户或共济资金：{payable} − {goods} = {after}", "health products, cosmetics, daily goods and cosmetic surgery are never paid from accounts: {payable} − {goods} = {after}";
    s6_optional(payable, optional, after) = "当地不允许个人账户支付疫苗、体检或惠民保：{payable} − {optional} = {after}", "the region does not let accounts pay these vaccines, check-ups or 惠民保: {payable} − {optional} = {after}";
    s6_full_self_pay(payable, full, after) = "当地不允许个人账户支付全自费（目录外）项目：{payable} − {full} = {after}", "the region does not let accounts pay full self-pay (out-of-catalogue) items: {payable} − {full} = {after}";
    presettled_deductible(dedc, inscp) = "实际支付起付线 {dedc} 超过符合政策范围金额 {inscp}", "the deductible paid {dedc} is above the in-scope amount {inscp}";
    presettled_fund_above(fund, inscp, eligible) = "统筹基金支出 {fund} 超过符合政策范围金额减起付线后的 {eligible}（{inscp}）", "the pooled fund {fund} is above the in-scope amount past the deductible, {eligible} (of {inscp})";
    presettled_outside(amount) = "非定点医药机构不计起付线、没有基金支付，此项须为 0.00，而非 {amount}", "a non-designated institution meets no deductible and gets no fund: this must be 0.00, not {amount}";
    presettled_premium() = "参保缴费没有预结算，请给出缴费项目", "a premium has no pre-settlement: give its items";
    s11_presettled(medfee, fund, hosp, burden) = "预结算（2206/2303）：医疗费总额 {medfee}，基金支付 {fund}，医院负担 {hosp}，个人负担 {burden}", "pre-settlement (2206/2303): total {medfee}, funds {fund}, hospital {hosp}, personal burden {burden}";
    s11_burden(medfee, fund, hosp, burden) = "个人负担 = {medfee} − 基金 {fund} − 医院负担 {hosp} = {burden}", "personal burden = {medfee} − funds {fund} − hospital {hosp} = {burden}";
    s6_split_full_self_pay(payable, full, after) = "当地不允许个人账户支付全自费：{payable} − 预结算全自费 {full} = {after}", "the region does not let accounts pay full self-pay: {payable} − pre-settled full self-pay {full} = {after}";
    items_or_presettlement() = "费用明细与预结算结果只能给出其一", "give either items or a presettlement, not both";
    split_no_items() = "预结算（分账）模式的结算没有费用明细", "a split-mode settlement has no items";
    s6_payable(payable) = "个人账户与共济资金可支付 {payable}", "accounts and sharing may pay {payable}";
    s7_optional_cash(name, amount) = "{name}：当地不允许个人账户支付，{amount} 现金支付", "{name}: the region does not let accounts pay it; {amount} in cash";
    s7_paid_whole(name, can, amount; who) = "{name}：{who}余额 {can} 足以全额支付 {amount}", "{name}: {who} holds {can}, enough to pay {amount} in full";
    s7_not_full(name, amount) = "{name}：没有一个账户或共济额度足以全额支付 {amount}，不得部分支付，现金支付", "{name}: no single account or quota covers {amount} and it may not be paid in part; paid in cash";
    s8_fund_total_with_accounts(fund, acct, total) = "基金支付总额（当地含个人账户）= 统筹 {fund} + 个人账户 {acct} = {total}", "fund total (the region counts accounts in it) = fund {fund} + accounts {acct} = {total}";
    s11_fund_total(fund, total) = "基金支付总额 = 统筹 {fund} 及其他基金 = {total}", "fund total = pooled fund {fund} and the other funds = {total}";
    s12_fund_total(fund, hifmi, hifob, total) = "基金支付总额 = 统筹 {fund} + 大病保险 {hifmi} + 大额医疗 {hifob} = {total}", "fund total = pooled fund {fund} + serious illness {hifmi} + large expense {hifob} = {total}";
    s8_fund_total(total) = "基金支付总额 = 统筹 {total}", "fund total = pooled fund {total}";
    s8_balance(balance, paid, after) = "本人个账余额 {balance} − {paid} = {after}", "own account balance {balance} − {paid} = {after}";
    s9_own_back(paid) = "本人个账退回 {paid}（加到当前余额上）", "own account gets back {paid} (added to its balance as it is now)";
    s9_sharer_back(sharer, amount, reference) = "共济人 {sharer} 退回 {amount}（流水号 {reference}）", "sharer {sharer} gets back {amount} (reference {reference})";
    s9_totals(ded, fund, scope) = "本年累计减去本笔贡献：起付线 {ded}，统筹支付 {fund}，起付线以上政策范围内 {scope}", "year-to-date totals less this bill's part: deductible {ded}, fund paid {fund}, in scope past the deductible {scope}";
    s9_fund_and_cash(funds, fund, cash) = "退回各项基金共 {funds}（其中统筹基金 {fund}），退还现金 {cash}", "{funds} returns to the funds ({fund} of it to the pooled fund); {cash} is refunded in cash";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Money, Ratio};
    use crate::person::{PersonId, RegionCode};
    use crate::time::Date;
    use alloc::vec::Vec;

    /// Every template renders exactly what `format!` writes, for amounts, ratios, numbers, dates,
    /// ids and texts with non-ASCII characters and braces, each argument taking each sample in turn.
    #[test]
    fn every_template_writes_what_format_writes() {
        let m = |s: &str| Money::parse(s).unwrap();
        let r = |s: &str| Ratio::parse(s).unwrap();
        let amounts = [
            m("0"),
            m("0.05"),
            m("12.5"),
            m("1234.56"),
            m("999999999.99"),
        ];
        let ratios = [r("0"), r("1"), r("0.65"), r("0.0525"), r("0.1"), r("0.005")];
        let (n, big, count) = (7u64, u64::MAX, 20usize);
        let date: Date = "2026-03-01".parse().unwrap();
        let region: RegionCode = "370100".parse().unwrap();
        let id: PersonId = "P-张三".parse().unwrap();
        let (plain, odd) = (
            "布洛芬缓释胶囊（0.3g×20粒）",
            String::from("{a}} {{b} “引号” \"q\""),
        );
        let mut samples: Vec<&dyn Arg> = Vec::new();
        amounts.iter().for_each(|a| samples.push(a));
        ratios.iter().for_each(|a| samples.push(a));
        samples.extend([
            &n as &dyn Arg,
            &big,
            &count,
            &date,
            &region,
            &id,
            &plain,
            &odd,
        ]);
        let words: [Words<'static>; 3] = [("住院", "inpatient"), ("{", "}}"), ("", "")];
        type Block = fn(&[&dyn Arg], &[Words<'static>]) -> usize;
        let blocks: [Block; 8] = [
            shared_texts,
            codec_texts,
            policy_texts,
            eligibility_texts,
            ledger_texts,
            settlement_texts,
            stage_a_texts,
            stage_b_texts,
        ];
        for shift in 0..samples.len() {
            samples.rotate_left(1);
            let count: usize = blocks
                .iter()
                .map(|b| b(&samples, &words[shift % 3..]))
                .sum();
            assert!(count >= 145, "{count} templates");
        }
    }

    /// Each kind of argument writes its `Display` text.
    #[test]
    fn arguments_write_their_display_text() {
        let one = |a: &dyn Arg| {
            let mut s = String::new();
            a.put(&mut s);
            assert_eq!(s, alloc::format!("{a}"));
        };
        for s in [
            "0",
            "0.01",
            "0.1",
            "1",
            "10.00",
            "100",
            "1234567.89",
            "999999999.99",
        ] {
            one(&Money::parse(s).unwrap());
        }
        for s in [
            "0", "0.0", "1", "1.0000", "0.5", "0.65", "0.123", "0.0001", "0.9999",
        ] {
            one(&Ratio::parse(s).unwrap());
        }
        one(&Ratio::parse("0.9")
            .unwrap()
            .less(Ratio::parse("0.15").unwrap()));
        one(&Ratio::parse("0.1")
            .unwrap()
            .less(Ratio::parse("0.15").unwrap()));
    }
}
