//! The policy book (P-1..P-3): a national baseline plus regional overrides, every value dated and sourced.

mod benefit;

pub use benefit::{Band, BenefitRule, LayerFund, LayerRule, OutOfAreaRule, VisitType};

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};
use crate::money::{Money, Ratio};
use crate::person::{Kinship, RegionCode};
use crate::text::{self, Term};
use crate::time::{Date, TimeOfDay};

/// Schema tag of a policy book document.
pub const POLICY_SCHEMA: &str = "gongji-policy/1";

/// The embedded default book (P-2): national 2025 rules and example regions from the seeds.
pub const EMBEDDED_JSON: &str = include_str!("embedded.json");

/// How reliable a value's source is (P-4: official notices win; blog posts are regional/secondary). Every
/// dated value states it: there is no default. Ordered from the most reliable to the least.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 国家医保局 / 财政部 notices, or a region's own official text.
    Official,
    /// Reported by secondary sources (articles, guides); a parameter, never a constant.
    Secondary,
    /// Illustrative value for the example regions.
    Example,
}

/// A value that takes effect on `from` and stays until the next entry's `from`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated<T> {
    pub from: Date,
    pub value: T,
    /// Where the value comes from (seed id, notice number, address).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// P-4: required; a book that leaves it out is refused.
    pub grade: Grade,
}

/// Which part of a sharer's balance may be shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShareableSource {
    /// The whole balance.
    Balance,
    /// Only past years' balance (历年结余); this year's credits stay for the sharer.
    PastYears,
}

/// The two forms of the 医保钱包.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WalletModel {
    /// (a) set, spend and revoke a virtual quota (经办规程).
    VirtualQuota,
    /// (b) send an amount that the receiver accepts (early 2025 wallet).
    Transfer,
}

impl WalletModel {
    /// The model's name, as people say it.
    pub(crate) fn term(self) -> Term {
        match self {
            WalletModel::VirtualQuota => Term::VirtualQuota,
            WalletModel::Transfer => Term::TransferModel,
        }
    }
}

/// Limits of the transfer model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferLimits {
    /// Transfers a sender may start in one calendar day.
    pub max_per_day: u32,
    /// Largest single transfer.
    pub max_amount: Money,
    /// No transfers from `quiet_from` until `quiet_until` (wrapping past midnight).
    pub quiet_from: TimeOfDay,
    pub quiet_until: TimeOfDay,
    /// A transfer not accepted returns to the sender at this time on the next day.
    pub return_at: TimeOfDay,
}

/// Item categories whose payment from an account is a regional option (S-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionalUse {
    Vaccine,
    Checkup,
    Huiminbao,
}

macro_rules! params {
    ($( $(#[$doc:meta])* $name:ident : $ty:ty, )*) => {
        /// Parameters of one level (national or a region). Each is a dated timeline; absent means "inherit".
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Params {
            $( $(#[$doc])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $name: Option<Vec<Dated<$ty>>>, )*
        }

        /// The values in force for one region at one date.
        #[derive(Clone, Copy, Debug)]
        pub struct Resolved<'a> {
            pub region: RegionCode,
            pub date: Date,
            $( $(#[$doc])* pub $name: &'a $ty, )*
        }

        impl Params {
            fn validate(&self, path: &str) -> Result<(), Error> {
                $( if let Some(v) = &self.$name { check_dates(v, &format!("{path}.{}", stringify!($name)))?; } )*
                Ok(())
            }

            fn overlay(&mut self, other: &Params) {
                $( if other.$name.is_some() { self.$name = other.$name.clone(); } )*
            }

            fn first_missing(&self) -> Option<&'static str> {
                $( if self.$name.is_none() { return Some(stringify!($name)); } )*
                None
            }
        }

        impl<'a> Regional<'a> {
            /// Every parameter in force for the region at `date` (P-1): city, then province, then national.
            pub(crate) fn resolve(&self, date: Date) -> Result<Resolved<'a>, Error> {
                let chain = &self.levels;
                Ok(Resolved {
                    region: self.region,
                    date,
                    $( $name: pick(chain, date, stringify!($name), |p| p.$name.as_deref())?, )*
                })
            }
        }
    };
}

params! {
    /// E-2: kinships a sharer may share with.
    kinship_scope: Vec<Kinship>,
    /// E-5: the region has the cross-province wallet.
    wallet_enabled: bool,
    /// E-1 (regional): a resident-scheme member may share up to this much a year; `null` disables.
    resident_small_sharing_cap: Option<Money>,
    /// E-6 (regional): establishing needs a review (`pending → active`).
    establish_review: bool,
    /// E-7 (regional): most sharers one beneficiary may have; `null` means no limit.
    max_sharers_per_beneficiary: Option<u32>,
    /// Q-4 (regional): balance the sharer must keep.
    reserved_minimum: Money,
    /// which balance is shareable.
    shareable_source: ShareableSource,
    /// wallet form.
    wallet_model: WalletModel,
    /// transfer-model limits.
    transfer_limits: TransferLimits,
    /// advised reserve as a share of the balance (advice only, never blocks).
    reserve_advice_ratio: Ratio,
    /// S-4: the beneficiary's own account pays before family sharing.
    own_account_first: bool,
    /// S-6 (regional): 全自费 items may be paid from accounts and quotas.
    accounts_pay_full_self_pay: bool,
    /// S-6 (regional): optional uses accounts may pay (vaccines, check-ups, 惠民保).
    accounts_pay_optional: Vec<OptionalUse>,
    /// S-8 (regional/doubtful): `fund_pay_sumamt` includes `acct_pay`.
    fund_sum_includes_acct: bool,
    /// S-2: benefit table of the region.
    benefits: Vec<BenefitRule>,
    /// S-12: the layers after the basic fund (大病保险, 大额医疗); no row for a fund: it pays nothing. The most
    /// specific level with an entry decides (`[]`: none).
    layers: Vec<LayerRule>,
    /// S-12: the ratio adjustment of out-of-area care; `null`: the book has none.
    out_of_area: Option<OutOfAreaRule>,
    /// S-9, Q-9: a settlement (or a spend) may be reversed until this many days after its date; past
    /// that it closes and leaves the ledger's state.
    reversal_window_days: u32,
}

/// One region's entry in a book.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Human name, e.g. "北京市".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub params: Params,
}

/// Whether a caller's book stands alone or overlays the embedded one (P-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Extends {
    Embedded,
}

/// A policy book document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyBook {
    pub schema: String,
    /// Free-form version label of the book.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    /// Set to `"embedded"` to overlay the embedded book instead of replacing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<Extends>,
    /// The national baseline; may be left out by a book that extends the embedded one.
    #[serde(default)]
    pub national: Params,
    #[serde(default)]
    pub regions: BTreeMap<RegionCode, Region>,
}

impl PolicyBook {
    /// The embedded default book (P-2).
    pub fn embedded() -> PolicyBook {
        // The embedded text is validated by this crate's tests; a failure here is a build defect.
        match Self::parse_standalone(EMBEDDED_JSON) {
            Ok(b) => b,
            Err(_) => PolicyBook::empty(),
        }
    }

    fn empty() -> PolicyBook {
        PolicyBook {
            schema: POLICY_SCHEMA.into(),
            version: String::new(),
            extends: None,
            national: Params::default(),
            regions: BTreeMap::new(),
        }
    }

    /// Loads and validates a caller's book (P-2, P-3). With `"extends": "embedded"` it overlays the embedded
    /// book key by key; otherwise it must define every national parameter itself.
    pub fn from_json(json: &str) -> Result<PolicyBook, Error> {
        let own = Self::parse_standalone_unchecked(json)?;
        let book = match own.extends {
            Some(Extends::Embedded) => {
                let mut base = PolicyBook::embedded();
                base.overlay(&own);
                base
            }
            None => own,
        };
        book.validate()?;
        Ok(book)
    }

    fn parse_standalone(json: &str) -> Result<PolicyBook, Error> {
        let b = Self::parse_standalone_unchecked(json)?;
        b.validate()?;
        Ok(b)
    }

    fn parse_standalone_unchecked(json: &str) -> Result<PolicyBook, Error> {
        let b: PolicyBook = crate::codec::parse_doc(json)?;
        if b.schema != POLICY_SCHEMA {
            return Err(Error::new(Code::SchemaMismatch, "schema")
                .text(text::expected_schema(&POLICY_SCHEMA)));
        }
        Ok(b)
    }

    /// Overlays another book's values, key by key (P-2).
    pub fn overlay(&mut self, other: &PolicyBook) {
        if !other.version.is_empty() {
            self.version = other.version.clone();
        }
        self.extends = None;
        self.national.overlay(&other.national);
        for (code, region) in &other.regions {
            let mine = self.regions.entry(*code).or_default();
            if !region.name.is_empty() {
                mine.name = region.name.clone();
            }
            mine.params.overlay(&region.params);
        }
    }

    /// P-3: dates strictly increasing, every national parameter present, benefit rows sound.
    pub fn validate(&self) -> Result<(), Error> {
        self.national.validate("national")?;
        if let Some(name) = self.national.first_missing() {
            return Err(
                Error::new(Code::PolicyValueMissing, format!("national.{name}"))
                    .text(text::national_incomplete()),
            );
        }
        for (code, region) in &self.regions {
            region.params.validate(&format!("regions.{code}.params"))?;
        }
        let levels = core::iter::once(("national".to_string(), &self.national)).chain(
            self.regions
                .iter()
                .map(|(c, r)| (format!("regions.{c}.params"), &r.params)),
        );
        for (path, params) in levels {
            for (i, dated) in params.benefits.iter().flatten().enumerate() {
                for (j, rule) in dated.value.iter().enumerate() {
                    let at = format!("{path}.benefits[{i}].value[{j}]");
                    if rule.visits.is_empty() {
                        return Err(Error::new(Code::PolicyInvalid, format!("{at}.visits"))
                            .text(text::no_visit_type()));
                    }
                    if let Some(k) = rule.levels.iter().position(|l| !(1..=3).contains(l)) {
                        return Err(Error::new(Code::PolicyInvalid, format!("{at}.levels[{k}]"))
                            .text(text::level_range()));
                    }
                    if rule.bands.windows(2).any(|w| w[0].above >= w[1].above) {
                        return Err(Error::new(Code::PolicyInvalid, format!("{at}.bands"))
                            .text(text::bands_increase()));
                    }
                }
            }
            for (i, dated) in params.transfer_limits.iter().flatten().enumerate() {
                if dated.value.max_amount.is_zero() {
                    return Err(Error::new(
                        Code::PolicyInvalid,
                        format!("{path}.transfer_limits[{i}].value.max_amount"),
                    )
                    .text(text::transfer_limit_positive()));
                }
            }
        }
        Ok(())
    }

    /// Whether the book names this region (city or its province). Unnamed regions use the national values.
    pub fn knows(&self, region: RegionCode) -> bool {
        self.regions.contains_key(&region) || self.regions.contains_key(&region.province_code())
    }

    /// Every parameter in force for `region` at `date` (P-1): city, then province, then national.
    pub fn resolve(&self, region: RegionCode, date: Date) -> Result<Resolved<'_>, Error> {
        self.regional(region).resolve(date)
    }

    /// The book seen from one region, its levels looked up once (P-1): what a bill's several lookups use.
    pub(crate) fn regional(&self, region: RegionCode) -> Regional<'_> {
        let national = (&self.national, None, "");
        let mut levels = Levels {
            at: [national; 3],
            len: 0,
        };
        let province = region.province_code();
        let above = (province != region).then_some(province);
        for code in core::iter::once(region).chain(above) {
            if let Some(r) = self.regions.get(&code) {
                levels.push((&r.params, Some(code), r.name.as_str()));
            }
        }
        levels.push(national);
        Regional {
            book: self,
            region,
            levels,
        }
    }

    /// Region display name, falling back to the province's.
    pub fn region_name(&self, region: RegionCode) -> &str {
        self.regional(region).name()
    }

    /// The levels that apply to a region, most specific first: city, province, national; with their names.
    pub fn chain(&self, region: RegionCode) -> Vec<(&Params, &str)> {
        self.regional(region)
            .levels
            .iter()
            .map(|(p, _, name)| (*p, *name))
            .collect()
    }

    /// S-9, Q-9: the reversal window in force for a region at a date, in days.
    pub fn reversal_window(&self, region: RegionCode, date: Date) -> Result<u32, Error> {
        pick(
            &self.regional(region).levels,
            date,
            "reversal_window_days",
            |p| p.reversal_window_days.as_deref(),
        )
        .copied()
    }

    /// Benefit rows in force for a region and date, most specific level first (S-2).
    pub fn benefit_rows(
        &self,
        region: RegionCode,
        date: Date,
    ) -> impl Iterator<Item = &BenefitRule> {
        self.regional(region)
            .levels
            .into_iter()
            .filter_map(move |(p, _, _)| in_force(p.benefits.as_deref()?, date))
            .flatten()
    }

    /// Rows of a table in force for a region and date, most specific level first, each with its entry's
    /// grade and level (S-2, S-12, P-4).
    pub fn graded_rows<'a, T: 'a>(
        &'a self,
        region: RegionCode,
        date: Date,
        table: Table<T>,
    ) -> impl Iterator<Item = Graded<'a, T>> {
        self.regional(region).graded_rows(date, table)
    }

    /// Benefit rows in force for a region and date, most specific level first (S-2), graded (P-4).
    pub fn graded_benefit_rows(
        &self,
        region: RegionCode,
        date: Date,
    ) -> impl Iterator<Item = Graded<'_, BenefitRule>> {
        self.regional(region).graded_benefit_rows(date)
    }

    /// S-12 layer rows in force for a region and date, graded (P-4). Unlike benefit rows they do not fall
    /// through: the most specific level with a `layers` entry in force decides, so a region's `[]` says
    /// it has no layers.
    pub fn graded_layer_rows(
        &self,
        region: RegionCode,
        date: Date,
    ) -> impl Iterator<Item = Graded<'_, LayerRule>> {
        self.regional(region).layer_rows(date)
    }

    /// S-12: the out-of-area adjustment in force, graded (P-4); `None` where the book has none.
    pub fn graded_out_of_area(
        &self,
        region: RegionCode,
        date: Date,
    ) -> Option<Graded<'_, OutOfAreaRule>> {
        self.regional(region).graded_out_of_area(date)
    }
}

/// Picks one table (a timeline of row lists) out of a level's parameters.
pub type Table<T> = fn(&Params) -> Option<&[Dated<Vec<T>>]>;

/// A value of the book with the grade of its entry and the level it comes from (P-4).
#[derive(Clone, Copy, Debug)]
pub struct Graded<'a, T> {
    pub value: &'a T,
    pub grade: Grade,
    /// The region whose entry it is; `None`: the national baseline.
    pub region: Option<RegionCode>,
}

/// A level of the book: its parameters, its code (`None`: national), its name.
type Level<'a> = (&'a Params, Option<RegionCode>, &'a str);

/// The levels that apply to a region (at most three: city, province, national), most specific first.
#[derive(Clone, Copy)]
struct Levels<'a> {
    at: [Level<'a>; 3],
    len: usize,
}

impl<'a> Levels<'a> {
    fn push(&mut self, level: Level<'a>) {
        if let Some(slot) = self.at.get_mut(self.len) {
            *slot = level;
            self.len += 1;
        }
    }

    fn iter(&self) -> core::slice::Iter<'_, Level<'a>> {
        self.at.get(..self.len).unwrap_or_default().iter()
    }
}

impl<'a> IntoIterator for Levels<'a> {
    type Item = Level<'a>;
    type IntoIter = core::iter::Take<core::array::IntoIter<Level<'a>, 3>>;

    fn into_iter(self) -> Self::IntoIter {
        self.at.into_iter().take(self.len)
    }
}

/// The book seen from one region: the levels that apply to it (city, province, national) looked up once,
/// for the several lookups one bill makes (P-1, S-2, S-12).
#[derive(Clone, Copy)]
pub(crate) struct Regional<'a> {
    book: &'a PolicyBook,
    region: RegionCode,
    levels: Levels<'a>,
}

impl<'a> Regional<'a> {
    /// The whole book, for what is not the region's (another region's name in an error).
    pub(crate) fn book(&self) -> &'a PolicyBook {
        self.book
    }

    /// The region's display name, falling back to its province's.
    fn name(&self) -> &'a str {
        self.levels
            .into_iter()
            .find_map(|(_, _, name)| (!name.is_empty()).then_some(name))
            .unwrap_or("")
    }

    /// The levels, most specific first, with their codes (`None`: national).
    fn coded(&self) -> impl Iterator<Item = (&'a Params, Option<RegionCode>)> + Clone {
        self.levels.into_iter().map(|(p, code, _)| (p, code))
    }

    /// Rows of a table in force at a date, most specific level first, each graded (S-2, S-12, P-4).
    fn graded_rows<T: 'a>(
        &self,
        date: Date,
        table: Table<T>,
    ) -> impl Iterator<Item = Graded<'a, T>> {
        self.coded()
            .filter_map(move |(p, code)| {
                let d = table(p)?.iter().rev().find(|d| d.from <= date)?;
                Some(d.value.iter().map(move |value| Graded {
                    value,
                    grade: d.grade,
                    region: code,
                }))
            })
            .flatten()
    }

    /// Benefit rows in force at a date, most specific level first (S-2), graded (P-4).
    pub(crate) fn graded_benefit_rows(
        &self,
        date: Date,
    ) -> impl Iterator<Item = Graded<'a, BenefitRule>> {
        self.graded_rows(date, |p| p.benefits.as_deref())
    }

    /// S-12 layer rows in force at a date: the most specific level with a `layers` entry decides.
    pub(crate) fn layer_rows(
        &self,
        date: Date,
    ) -> impl Iterator<Item = Graded<'a, LayerRule>> + Clone {
        self.coded()
            .find_map(|(p, code)| {
                let d = p.layers.as_deref()?.iter().rev().find(|d| d.from <= date)?;
                Some((d, code))
            })
            .into_iter()
            .flat_map(|(d, code)| {
                d.value.iter().map(move |value| Graded {
                    value,
                    grade: d.grade,
                    region: code,
                })
            })
    }

    /// S-12: the out-of-area adjustment in force at a date, graded (P-4); `None` where the book has none.
    pub(crate) fn graded_out_of_area(&self, date: Date) -> Option<Graded<'a, OutOfAreaRule>> {
        self.coded().find_map(|(p, code)| {
            let d = p
                .out_of_area
                .as_deref()?
                .iter()
                .rev()
                .find(|d| d.from <= date)?;
            Some(d.value.as_ref().map(|value| Graded {
                value,
                grade: d.grade,
                region: code,
            }))
        })?
    }
}

fn in_force<T>(timeline: &[Dated<T>], date: Date) -> Option<&T> {
    timeline
        .iter()
        .rev()
        .find(|d| d.from <= date)
        .map(|d| &d.value)
}

fn pick<'a, T>(
    chain: &Levels<'a>,
    date: Date,
    name: &str,
    get: impl Fn(&'a Params) -> Option<&'a [Dated<T>]>,
) -> Result<&'a T, Error> {
    chain
        .iter()
        .map(|(p, _, _)| *p)
        .filter_map(&get)
        .find_map(|t| in_force(t, date))
        .ok_or_else(|| Error::new(Code::PolicyValueMissing, format!("national.{name}")))
}

fn check_dates<T>(timeline: &[Dated<T>], path: &str) -> Result<(), Error> {
    if timeline.is_empty() {
        return Err(
            Error::new(Code::PolicyValueMissing, path.to_string()).text(text::empty_timeline())
        );
    }
    for (i, w) in timeline.windows(2).enumerate() {
        if w[0].from >= w[1].from {
            return Err(
                Error::new(Code::PolicyDatesOverlap, format!("{path}[{}].from", i + 1))
                    .text(text::date_not_after(&w[1].from, &w[0].from)),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
