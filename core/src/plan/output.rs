//! The output document of `plan` (PL-1): the grants to make, each scenario month by month, warnings.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::person::{Mode, PersonId};

/// Schema tag of the plan document.
pub const PLAN_SCHEMA: &str = "gongji-plan/1";

/// Output document of `plan`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub schema: String,
    pub year: u16,
    /// Whether `grants` is the caller's what-if schedule (as the ledger accepted it) rather than the
    /// recommendation.
    pub what_if: bool,
    /// The grants to make, in the order to make them (none for in-province relatives, Q-6).
    pub grants: Vec<PlanGrant>,
    /// Each scenario simulated with `grants`: low, expected, high (those given).
    pub scenarios: Vec<PlanScenario>,
    pub warnings: Vec<PlanWarning>,
}

/// One grant: a virtual quota or, in the transfer model, the transfers that make it (Q-5 b).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanGrant {
    pub sharer: PersonId,
    pub relative: PersonId,
    pub month: u8,
    pub amount: Money,
    /// Q-5 b: the transfers, by day of the month; empty in the virtual-quota model.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transfers: Vec<PlanTransfer>,
}

/// One transfer of a grant in the transfer model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanTransfer {
    pub day: u8,
    pub amount: Money,
}

/// Which variant of the expected care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ScenarioKind {
    Low,
    Expected,
    High,
}

/// One scenario simulated through the ledger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanScenario {
    pub scenario: ScenarioKind,
    /// Twelve months.
    pub months: Vec<PlanMonth>,
    /// Every bill (premiums included) as the ledger settled it, in settling order.
    pub bills: Vec<PlanBill>,
    pub totals: PlanTotals,
    /// The cash the same bills cost with no sharing relationship at all.
    pub cash_without_sharing: Money,
    /// `cash_without_sharing − totals.cash`.
    pub cash_avoided: Money,
}

/// Who paid the bills of one month, and where each sharer stands at its end.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanMonth {
    pub month: u8,
    pub paid: PlanPaid,
    /// Each sharer's part of `paid.family`, by relative.
    pub family: Vec<FamilyPaid>,
    pub sharers: Vec<SharerMonth>,
}

/// The parts of some bills (S-8 terms): `medfee = fund + own_account + family + cash + hosp`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanPaid {
    /// `medfee_sumamt`
    pub medfee: Money,
    /// Every fund: `medfee_sumamt − psn_part_amt − hosp_part_amt` (S-11).
    pub fund: Money,
    /// `self_acct_pay`: the patient's own account.
    pub own_account: Money,
    /// `acct_mulaid_pay`: quotas and in-province sharers.
    pub family: Money,
    /// `psn_cash_pay`
    pub cash: Money,
    /// `hosp_part_amt`
    pub hosp: Money,
}

/// What one sharer's money paid for one relative in a month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct FamilyPaid {
    pub sharer: PersonId,
    pub relative: PersonId,
    pub mode: Mode,
    pub amount: Money,
}

/// A sharer at the end of a month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct SharerMonth {
    pub sharer: PersonId,
    /// Granted (or transferred) this month.
    pub granted: Money,
    /// The usable balance at the month's end (quotas granted have left it, Q-1).
    pub balance: Money,
    /// The reserve line.
    pub reserve: Money,
    /// `reserve − balance` when the balance is below the line, else 0.00.
    pub below_reserve: Money,
}

/// One bill as the ledger settled it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanBill {
    pub reference: String,
    pub month: u8,
    pub patient: PersonId,
    pub paid: PlanPaid,
}

/// A scenario's year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanTotals {
    pub paid: PlanPaid,
    /// Granted or transferred in the year.
    pub granted: Money,
    /// Quota left unspent on 31 December.
    pub unspent: Money,
}

/// Stable codes of the planner's warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PlanWarningCode {
    /// a sharer's balance ended a month below the reserve line (the first such month).
    ReserveBreached,
    /// E-1..E-7: no relationship can be established; `reasons` holds the eligibility codes.
    RelativeNotEligible,
    /// quota left unspent at the year's end (it can be revoked).
    QuotaUnspentAtYearEnd,
    /// Q-5 b: the transfer limits (count a day, amount each) shaped the schedule.
    TransferLimit,
    /// PL-1: the expected care cannot be covered in full; `reasons` says why (`RESERVE`, a ledger code).
    CoverShort,
    /// PL-1: a what-if grant the ledger refused; `reasons` holds the ledger's code.
    GrantRefused,
}

impl PlanWarningCode {
    /// The rule behind the warning.
    pub const fn rule(self) -> &'static str {
        match self {
            PlanWarningCode::ReserveBreached => "Q-7",
            PlanWarningCode::RelativeNotEligible => "E-10",
            PlanWarningCode::QuotaUnspentAtYearEnd => "Q-3",
            PlanWarningCode::TransferLimit => "Q-5",
            PlanWarningCode::CoverShort | PlanWarningCode::GrantRefused => "PL-1",
        }
    }
}

/// One warning of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanWarning {
    pub code: PlanWarningCode,
    pub rule: String,
    /// The scenario concerned; absent for a warning about the schedule itself.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<ScenarioKind>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharer: Option<PersonId>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<PersonId>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// The amount concerned (short, unspent, below the reserve, transferred).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// Machine codes saying why (eligibility codes, ledger codes, `RESERVE`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
}

impl PlanWarning {
    pub(super) fn new(code: PlanWarningCode) -> PlanWarning {
        PlanWarning {
            code,
            rule: code.rule().into(),
            scenario: None,
            sharer: None,
            relative: None,
            month: None,
            amount: None,
            reasons: Vec::new(),
        }
    }
}

impl PlanPaid {
    /// Adds another part, `None` on overflow.
    pub(super) fn add(&self, o: &PlanPaid) -> Option<PlanPaid> {
        Some(PlanPaid {
            medfee: self.medfee.checked_add(o.medfee)?,
            fund: self.fund.checked_add(o.fund)?,
            own_account: self.own_account.checked_add(o.own_account)?,
            family: self.family.checked_add(o.family)?,
            cash: self.cash.checked_add(o.cash)?,
            hosp: self.hosp.checked_add(o.hosp)?,
        })
    }
}
