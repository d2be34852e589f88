//! Persons, schemes, regions and kinship (E-1..E-4).

use alloc::string::String;
use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codec::CodedStr;
use crate::error::Code;
use crate::text::{self, Term};

/// Which basic medical insurance a person is enrolled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 职工基本医疗保险: has a personal account.
    Employee,
    /// 城乡居民基本医疗保险: normally no personal account.
    Resident,
}

/// How the money travels (E-5, Q-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 家庭共济 (省内): charged to the sharer's account at settlement.
    InProvince,
    /// 跨省共济 / 医保钱包: a virtual quota or transfer up front.
    Wallet,
}

/// Enrolment status (E-1, E-3, E-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Enrollment {
    Active,
    Suspended,
    Terminated,
}

/// The beneficiary's relation to the sharer: "parent" means the beneficiary is the sharer's parent (E-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Kinship {
    /// 配偶
    Spouse,
    /// 父母
    Parent,
    /// 子女
    Child,
    /// 兄弟姐妹
    Sibling,
    /// 祖父母
    PaternalGrandparent,
    /// 外祖父母
    MaternalGrandparent,
    /// 孙子女
    SonsChild,
    /// 外孙子女
    DaughtersChild,
    /// 配偶的父母 (regional extension, e.g. Hangzhou 2025)
    SpouseParent,
}

impl Kinship {
    /// The kinship's name, as people say it.
    pub(crate) fn term(self) -> Term {
        match self {
            Kinship::Spouse => Term::Spouse,
            Kinship::Parent => Term::Parent,
            Kinship::Child => Term::Child,
            Kinship::Sibling => Term::Sibling,
            Kinship::PaternalGrandparent => Term::PaternalGrandparent,
            Kinship::MaternalGrandparent => Term::MaternalGrandparent,
            Kinship::SonsChild => Term::SonsChild,
            Kinship::DaughtersChild => Term::DaughtersChild,
            Kinship::SpouseParent => Term::SpouseParent,
        }
    }

    pub fn zh(self) -> &'static str {
        self.term().zh()
    }

    pub fn en(self) -> &'static str {
        self.term().en()
    }
}

impl Enrollment {
    /// The status's name, as people say it (正常参保, 暂停参保, 终止参保).
    pub(crate) fn term(self) -> Term {
        match self {
            Enrollment::Active => Term::Active,
            Enrollment::Suspended => Term::Suspended,
            Enrollment::Terminated => Term::Terminated,
        }
    }
}

/// Province-level prefixes of the national administrative division codes (GB/T 2260).
const PROVINCES: &[u8] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
    53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
];

/// A pooling region (统筹区) as a 6-digit administrative code: `110000` Beijing, `330100` Hangzhou.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RegionCode([u8; 6]);

/// The codes' text order (the derived order of the bytes), compared as one number: the book finds
/// regions by code on every bill, and a byte-array comparison is a call to `memcmp`.
impl Ord for RegionCode {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for RegionCode {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl RegionCode {
    /// Six ASCII digits known to be a code, for data built into the crate (the embedded book, P-2).
    pub(crate) const fn from_valid_digits(digits: [u8; 6]) -> RegionCode {
        RegionCode(digits)
    }

    /// The six bytes big-endian in a `u64`: the same order as the bytes'.
    fn key(self) -> u64 {
        let [a, b, c, d, e, f] = self.0;
        u64::from_be_bytes([0, 0, a, b, c, d, e, f])
    }

    /// The first two digits: the province.
    pub fn province(self) -> u8 {
        (self.0[0] - b'0') * 10 + (self.0[1] - b'0')
    }

    /// The province-level code (`330100` → `330000`).
    pub fn province_code(self) -> RegionCode {
        RegionCode([self.0[0], self.0[1], b'0', b'0', b'0', b'0'])
    }

    pub fn as_str(&self) -> &str {
        // Always six ASCII digits by construction.
        core::str::from_utf8(&self.0).unwrap_or("000000")
    }

    /// Same province (in-province sharing, Q-6) or not (wallet needed, E-5).
    pub fn same_province(self, other: RegionCode) -> bool {
        self.province() == other.province()
    }
}

impl FromStr for RegionCode {
    type Err = Code;
    fn from_str(s: &str) -> Result<Self, Code> {
        let b = s.as_bytes();
        if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
            return Err(Code::RegionInvalid);
        }
        let mut a = [0u8; 6];
        a.copy_from_slice(b);
        let r = RegionCode(a);
        if !PROVINCES.contains(&r.province()) {
            return Err(Code::RegionUnknown);
        }
        Ok(r)
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl text::Arg for RegionCode {
    fn put(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
    fn size(&self) -> usize {
        6
    }
}

impl fmt::Debug for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodedStr::<RegionCode>::new(text::EXPECT_REGION))
    }
}

/// Longest id or reference, in characters.
pub const MAX_ID: usize = 64;

/// The one id rule (E-4, S-9, Q-9), for every id and reference a document carries (persons,
/// relationships, quotas, transfers, spend and settlement references): 1 to `max` characters, no
/// surrounding blanks, no blank but the ASCII space, and nothing invisible or that changes how text
/// around it shows: control (Cc), format (Cf: zero-width, bidi controls, soft hyphen, BOM…), line and
/// paragraph separators (Zl, Zp), variation selectors, fillers, tag characters, noncharacters and
/// private use. `x\u{200b}m` would look exactly like `xm`: it is refused.
pub fn valid_id(s: &str, max: usize) -> bool {
    let mut n = 0usize;
    for c in s.chars() {
        n += 1;
        if n > max || !visible(c) {
            return false;
        }
    }
    n > 0 && s.trim() == s
}

/// Whether a character shows as itself: not control, format, separator other than the ASCII space,
/// default-ignorable, noncharacter or private use (see [`valid_id`]).
fn visible(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_control();
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let u = u32::from(c);
    let invisible = INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&u));
    let nonchar = (u & 0xFFFE) == 0xFFFE || (0xFDD0..=0xFDEF).contains(&u);
    !(invisible || nonchar)
}

/// Ranges of format (Cf), default-ignorable and private-use code points (Unicode 15), in order.
const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),    // soft hyphen
    (0x034F, 0x034F),    // combining grapheme joiner
    (0x061C, 0x061C),    // Arabic letter mark
    (0x0600, 0x0605),    // Arabic number signs (Cf)
    (0x06DD, 0x06DD),    // Arabic end of ayah
    (0x070F, 0x070F),    // Syriac abbreviation mark
    (0x0890, 0x0891),    // Arabic pound/piastre mark above
    (0x08E2, 0x08E2),    // Arabic disputed end of ayah
    (0x115F, 0x1160),    // Hangul fillers
    (0x17B4, 0x17B5),    // Khmer inherent vowels
    (0x180B, 0x180F),    // Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),    // zero-width space, ZWNJ, ZWJ, LRM, RLM
    (0x202A, 0x202E),    // bidi embeddings and overrides
    (0x2060, 0x206F),    // word joiner, invisible operators, bidi isolates, deprecated format
    (0x3164, 0x3164),    // Hangul filler
    (0xFE00, 0xFE0F),    // variation selectors
    (0xFEFF, 0xFEFF),    // zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),    // halfwidth Hangul filler
    (0xFFF0, 0xFFFB),    // unassigned specials, interlinear annotation
    (0xE000, 0xF8FF),    // private use
    (0x110BD, 0x110BD),  // Kaithi number sign
    (0x110CD, 0x110CD),  // Kaithi number sign above
    (0x13430, 0x1343F),  // Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  // shorthand format controls
    (0x1D173, 0x1D17A),  // musical symbol format controls
    (0xE0000, 0xE0FFF),  // tags and variation selectors supplement
    (0xF0000, 0x10FFFF), // supplementary private use planes
];

/// A person's identifier (ID number or an opaque host id) under the one id rule ([`valid_id`]) (E-4).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(String);

impl PersonId {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Holds any text, unchecked: the FFI lift, whose value reaches the rules only through its text and
    /// `FromStr` (see `ffi.rs`).
    #[cfg(feature = "uniffi")]
    pub(crate) fn unchecked(s: String) -> PersonId {
        PersonId(s)
    }
}

impl FromStr for PersonId {
    type Err = Code;
    fn from_str(s: &str) -> Result<Self, Code> {
        if !valid_id(s, MAX_ID) {
            return Err(Code::IdInvalid);
        }
        Ok(PersonId(s.into()))
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl text::Arg for PersonId {
    fn put(&self, out: &mut String) {
        out.push_str(&self.0);
    }
    fn size(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for PersonId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PersonId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodedStr::<PersonId>::new(text::EXPECT_PERSON_ID))
    }
}

/// What the rules need to know about a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: PersonId,
    pub scheme: Scheme,
    /// The pooling region the person is insured in.
    pub region: RegionCode,
    pub enrollment: Enrollment,
    /// Has opened the 医保钱包 (E-5).
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    #[serde(default)]
    pub wallet_opened: bool,
    /// Retired (退休) rather than in work; selects benefit parameters (S-2).
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    #[serde(default)]
    pub retired: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes() {
        let hz: RegionCode = "330100".parse().unwrap();
        assert_eq!(hz.province_code().as_str(), "330000");
        assert!(hz.same_province("330200".parse().unwrap()));
        assert!(!hz.same_province("110000".parse().unwrap()));
        assert_eq!("99000".parse::<RegionCode>(), Err(Code::RegionInvalid));
        assert_eq!("990000".parse::<RegionCode>(), Err(Code::RegionUnknown));
    }

    /// The codes' order is their bytes' order (the book's map of regions relies on it only being a
    /// total order; writing the book out sorted relies on it being the text's).
    #[test]
    fn region_codes_order_as_their_text() {
        let codes: Vec<RegionCode> = ["110000", "110100", "120000", "330100", "330200", "370000"]
            .iter()
            .map(|c| c.parse().unwrap())
            .collect();
        for a in &codes {
            for b in &codes {
                assert_eq!(a.cmp(b), a.0.cmp(&b.0), "{} {}", a.as_str(), b.as_str());
                assert_eq!(a.partial_cmp(b), Some(a.0.cmp(&b.0)));
            }
        }
    }

    #[test]
    fn e4_one_id_rule_refuses_invisible_characters() {
        for bad in [
            "",
            " xm",
            "xm ",
            "x\u{200b}m",
            "x\u{0}m",
            "x\nm",
            "x\u{202e}m",
            "x\u{feff}",
            "x\u{2028}m",
            "x\u{2029}m",
            "x\u{00ad}m",
            "x\u{2066}m",
            "x\u{fe0f}",
            "x\u{e0041}",
            "x\u{3000}m",
            "x\u{a0}m",
            "x\u{e000}",
            "x\u{fffe}",
            "x\u{3164}",
            "x\u{180e}m",
        ] {
            assert!(!valid_id(bad, MAX_ID), "{bad:?}");
            assert_eq!(bad.parse::<PersonId>(), Err(Code::IdInvalid), "{bad:?}");
        }
        for good in [
            "xm",
            "张三",
            "110101199001011234",
            "a b",
            "R1",
            "bill-7/2",
            "é",
        ] {
            assert!(valid_id(good, MAX_ID), "{good:?}");
        }
        assert!(valid_id(&"字".repeat(64), MAX_ID));
        assert!(!valid_id(&"字".repeat(65), MAX_ID));
    }
}
