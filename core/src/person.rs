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
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode([u8; 6]);

impl RegionCode {
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

/// A person's identifier (ID number or an opaque host id): 1–64 characters, no control characters (E-4).
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
        let n = s.chars().count();
        if n == 0 || n > 64 || s.chars().any(char::is_control) || s.trim() != s {
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
}
