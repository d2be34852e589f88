//! Benefit parameters of a scheme (S-2): deductible, ratio and annual cap by visit type and hospital level.

use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::money::{Money, Ratio};
use crate::person::Scheme;
use crate::text::Term;

/// Kind of visit or purchase (S-6, S-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum VisitType {
    /// 普通门诊
    Outpatient,
    /// 住院
    Inpatient,
    /// 门诊特殊病 / 门诊慢特病
    SpecialOutpatient,
    /// 定点零售药店购药
    Pharmacy,
    /// 居民医保 / 长护险个人缴费 (S-7)
    Premium,
}

impl VisitType {
    /// The visit type's name, as people say it.
    pub(crate) fn term(self) -> Term {
        match self {
            VisitType::Outpatient => Term::Outpatient,
            VisitType::Inpatient => Term::Inpatient,
            VisitType::SpecialOutpatient => Term::SpecialOutpatient,
            VisitType::Pharmacy => Term::Pharmacy,
            VisitType::Premium => Term::Premium,
        }
    }
}

/// One row of a benefit table. A row applies when every condition it states matches; the most specific
/// region wins (city, then province, then national), and within a region the first matching row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct BenefitRule {
    pub scheme: Scheme,
    /// Visit types this row covers.
    pub visits: Vec<VisitType>,
    /// Hospital levels (1, 2, 3) this row covers; empty means every level.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<u8>,
    /// `true` retired only, `false` in work only, absent both.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<bool>,
    /// 起付线 for the year.
    pub deductible: Money,
    /// 报销比例 for in-scope spending above the deductible.
    pub ratio: Ratio,
    /// Higher bands: from `above` (year-to-date in-scope spending past the deductible) the ratio becomes `ratio`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// 封顶线: the most the fund pays in a year under this row; absent means no cap.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
}

/// A ratio band (Beijing outpatient: 90 %/70 % below 20 000, 60 %/80 % above).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub above: Money,
    pub ratio: Ratio,
}

impl BenefitRule {
    /// Whether this row covers the given visit.
    pub fn matches(&self, scheme: Scheme, visit: VisitType, level: u8, retired: bool) -> bool {
        self.scheme == scheme
            && self.visits.contains(&visit)
            && (self.levels.is_empty() || self.levels.contains(&level))
            && self.retired.is_none_or(|r| r == retired)
    }
}
