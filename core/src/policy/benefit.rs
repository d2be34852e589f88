//! Benefit parameters of a scheme (S-2): deductible, ratio and annual cap by visit type and hospital level.

use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::Grade;
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
    /// 起付线: for the year; or, with `later_deductible`, for the first admission of the year.
    pub deductible: Money,
    /// S-12: the deductible is per admission, and this lower one applies from the second admission of the
    /// year on (Beijing inpatient: 1300.00 first, 650.00 later; seed 003). Absent: one deductible a year.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_deductible: Option<Money>,
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
    /// S-12: the row is the outpatient pooled fund (门诊统筹): its cap counts the year's
    /// `outpatient_fund_paid`, apart from the inpatient cap's `fund_paid`.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    #[serde(default, skip_serializing_if = "is_false")]
    pub outpatient_pool: bool,
    /// P-4: a row less reliable than its entry says so (e.g. sourced deductibles, unconfirmed ratios);
    /// the weaker of the two applies.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
}

fn is_false(b: &bool) -> bool {
    !*b
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
    /// Whether this row covers the given visit. A visit without a level (a pharmacy purchase) matches
    /// only rows that name no level.
    pub fn matches(
        &self,
        scheme: Scheme,
        visit: VisitType,
        level: Option<u8>,
        retired: bool,
    ) -> bool {
        self.scheme == scheme
            && self.visits.contains(&visit)
            && (self.levels.is_empty() || level.is_some_and(|l| self.levels.contains(&l)))
            && self.retired.is_none_or(|r| r == retired)
    }
}

/// The funds that pay after the basic pooled fund in an estimate (S-12), in paying order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum LayerFund {
    /// 大病保险 (`hifmi_pay`).
    SeriousIllness,
    /// 大额医疗费用补助 (`hifob_pay`), for employees where the region has it.
    LargeExpense,
}

impl LayerFund {
    /// Both layers, in paying order.
    pub const ALL: [LayerFund; 2] = [LayerFund::SeriousIllness, LayerFund::LargeExpense];
}

/// One row of a layer's table (S-12): the layer pays on the year's in-scope burden left after the basic
/// fund (`inscp_scp_amt − hifp_pay` of each inpatient or special-outpatient bill), above its threshold.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct LayerRule {
    pub fund: LayerFund,
    pub scheme: Scheme,
    /// Visit types this row covers (inpatient, special outpatient).
    pub visits: Vec<VisitType>,
    /// `true` retired only, `false` in work only, absent both.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<bool>,
    /// 起付线: the year's burden left after the basic fund above which the layer pays.
    pub threshold: Money,
    /// 支付比例 above the threshold.
    pub ratio: Ratio,
    /// Higher bands: from `above` (the year's burden past the threshold) the ratio becomes `ratio`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// The most the layer pays in a year; absent means no cap.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
}

impl LayerRule {
    /// Whether this row covers the given fund and visit.
    pub fn matches(
        &self,
        fund: LayerFund,
        scheme: Scheme,
        visit: VisitType,
        retired: bool,
    ) -> bool {
        self.fund == fund
            && self.scheme == scheme
            && self.visits.contains(&visit)
            && self.retired.is_none_or(|r| r == retired)
    }
}

impl VisitType {
    /// S-12: bills whose in-scope burden counts toward the layers' thresholds (住院, 门诊慢特病).
    pub fn counts_for_layers(self) -> bool {
        matches!(self, VisitType::Inpatient | VisitType::SpecialOutpatient)
    }
}

/// S-12: how much lower the basic fund's ratio is for out-of-area care (异地就医), in ratio points, by
/// 备案 status (national guidance: a lower ratio for temporary care elsewhere, lower still unfiled).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct OutOfAreaRule {
    /// Points off the ratio for filed (已备案) care.
    pub filed: Ratio,
    /// Points off the ratio for unfiled (未备案) care.
    pub unfiled: Ratio,
}
