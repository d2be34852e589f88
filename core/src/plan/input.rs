//! The input document of `plan` (PL-1): the year, the sharers, the family, the expected care, the
//! premiums, the reserve rule, the scenarios and an optional what-if grant schedule.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::{Kinship, Mode, Person, PersonId};
use crate::policy::VisitType;
use crate::settlement::{Category, Item, Visit};

/// Most sharers in one plan.
pub const MAX_SHARERS: usize = 10;
/// Most relatives in one plan.
pub const MAX_RELATIVES: usize = 30;
/// Most bills one scenario of a plan settles (a recurring bill counts twelve, a premium one), and most
/// what-if grants. The ledger checks its whole state at every command, so a year's cost grows faster
/// than its bills; 400 is more than one a day.
pub const MAX_PLAN_BILLS: usize = 400;

fn zero() -> Money {
    Money::ZERO
}

fn yes() -> bool {
    true
}

/// Input document of `plan` (PL-1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanRequest {
    /// The calendar year planned, month 1 to 12.
    pub year: u16,
    /// The employee-scheme members whose accounts share (E-1).
    pub sharers: Vec<PlanSharer>,
    /// The relatives shared with, each with one sharer.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub family: Vec<PlanRelative>,
    /// The expected care (the expected scenario).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub care: Vec<ExpectedBill>,
    /// Premiums due (S-7), the same in every scenario.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub premiums: Vec<PlanPremium>,
    /// The reserve the family chose; the region's advice ratio when absent.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserve: Option<ReserveRule>,
    /// Low and high variants of `care`.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenarios: Option<PlanScenarios>,
    /// What-if: this grant schedule is simulated instead of the recommended one.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<GrantPlanned>>,
    /// P-4: every simulated bill is an estimate (`estimate` of the settle request): example-grade
    /// parameters are used only when this is set, otherwise such a bill is refused (`ESTIMATE_REQUIRED`).
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub estimate: bool,
}

/// A sharer: the person, the balance on 1 January, and what comes in and goes out each month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanSharer {
    pub person: Person,
    /// Personal-account balance on 1 January.
    pub balance: Money,
    /// expected monthly credit (划入), booked on the 1st of each month.
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub monthly_credit: Money,
    /// The sharer's own expected spending from the account each month (taken on the 1st, after the credit).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub own_spending: Money,
}

/// A relative in the family: who they are, whose account shares with them, and how.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanRelative {
    pub person: Person,
    /// The sharer (a `sharers[].person.id`); may be left out when there is one sharer.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharer: Option<PersonId>,
    /// The relative's relation to the sharer (E-2).
    pub kinship: Kinship,
    pub mode: Mode,
    /// The relative's own personal-account balance (an employee-scheme relative, S-4).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub balance: Money,
    /// E-6: whether the sharer signs the commitment (the plan assumes so).
    #[cfg_attr(feature = "uniffi", uniffi(default = true))]
    #[serde(default = "yes")]
    pub commitment_signed: bool,
}

/// An expected bill: in one month, or every month of the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ExpectedBill {
    /// A sharer or a relative of the plan.
    pub patient: PersonId,
    /// The month (1–12); exactly one of `month` and `every_month`.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// A recurring monthly bill (the same bill in each of the twelve months).
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    #[serde(default)]
    pub every_month: bool,
    pub visit: Visit,
    pub items: Vec<Item>,
}

/// A premium due (S-7): resident insurance or long-term care, paid whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanPremium {
    pub person: PersonId,
    pub month: u8,
    pub amount: Money,
}

/// The reserve the sharer keeps (Q-7: advice, it never blocks a grant).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(
    remote = "Self",
    tag = "rule",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum ReserveRule {
    /// The region's `reserve_advice_ratio` of the balance on 1 January (seed 004: 30 %).
    AdviceRatio,
    /// `months` times the sharer's own monthly spending (seed 000: 3–6 months).
    OwnMonths { months: u8 },
}

/// Variants of the expected care; each replaces `care` in its scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct PlanScenarios {
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<Vec<ExpectedBill>>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<Vec<ExpectedBill>>,
}

/// A grant of a what-if schedule: to the relative (from their sharer), in the month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct GrantPlanned {
    pub relative: PersonId,
    pub month: u8,
    pub amount: Money,
}

/// One bill as the simulation settles it, with the input path that errors name.
#[derive(Clone, Debug)]
pub(super) struct SimBill {
    pub path: String,
    pub month: u8,
    pub patient: PersonId,
    pub visit: Visit,
    pub items: Vec<Item>,
}

fn month_ok(m: u8, at: &str) -> Result<(), Error> {
    if (1..=12).contains(&m) {
        Ok(())
    } else {
        Err(Error::new(Code::DateInvalid, format!("{at}.month")))
    }
}

fn at_most(n: usize, max: usize, at: &str) -> Result<(), Error> {
    if n > max {
        return Err(Error::new(Code::TooMany, at));
    }
    Ok(())
}

impl PlanRequest {
    /// Checks what the types alone cannot: sizes, months, known and distinct persons, one sharer each.
    pub fn validate(&self) -> Result<(), Error> {
        if !(2000..=2100).contains(&self.year) {
            return Err(Error::new(Code::DateInvalid, "year"));
        }
        if self.sharers.is_empty() {
            return Err(Error::new(Code::MissingField, "sharers"));
        }
        at_most(self.sharers.len(), MAX_SHARERS, "sharers")?;
        at_most(self.family.len(), MAX_RELATIVES, "family")?;
        self.validate_persons()?;
        self.validate_bills(&self.care, "care")?;
        if let Some(s) = &self.scenarios {
            if let Some(low) = &s.low {
                self.validate_bills(low, "scenarios.low")?;
            }
            if let Some(high) = &s.high {
                self.validate_bills(high, "scenarios.high")?;
            }
        }
        at_most(self.premiums.len(), MAX_PLAN_BILLS, "premiums")?;
        for (i, p) in self.premiums.iter().enumerate() {
            let at = format!("premiums[{i}]");
            self.known(&p.person, &format!("{at}.person"))?;
            month_ok(p.month, &at)?;
            if p.amount.is_zero() {
                return Err(Error::new(Code::AmountZero, format!("{at}.amount")));
            }
        }
        self.validate_grants()
    }

    fn validate_persons(&self) -> Result<(), Error> {
        let mut seen: Vec<&PersonId> = Vec::new();
        let ids = self
            .sharers
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.person.id, format!("sharers[{i}].person.id")))
            .chain(
                self.family
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (&r.person.id, format!("family[{i}].person.id"))),
            );
        for (id, at) in ids {
            if seen.contains(&id) {
                return Err(Error::new(Code::PersonExists, at));
            }
            seen.push(id);
        }
        for (i, r) in self.family.iter().enumerate() {
            match &r.sharer {
                Some(s) if !self.sharers.iter().any(|x| &x.person.id == s) => {
                    return Err(Error::new(
                        Code::PersonUnknown,
                        format!("family[{i}].sharer"),
                    ))
                }
                None if self.sharers.len() > 1 => {
                    return Err(Error::new(
                        Code::MissingField,
                        format!("family[{i}].sharer"),
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn validate_bills(&self, bills: &[ExpectedBill], list: &str) -> Result<(), Error> {
        let settled = bills
            .iter()
            .map(|b| if b.every_month { 12 } else { 1 })
            .sum::<usize>()
            .saturating_add(self.premiums.len());
        at_most(settled, MAX_PLAN_BILLS, list)?;
        for (i, b) in bills.iter().enumerate() {
            let at = format!("{list}[{i}]");
            self.known(&b.patient, &format!("{at}.patient"))?;
            match (b.month, b.every_month) {
                (Some(m), false) => month_ok(m, &at)?,
                (None, true) => {}
                (None, false) => return Err(Error::new(Code::MissingField, format!("{at}.month"))),
                (Some(_), true) => {
                    return Err(Error::new(Code::DateInvalid, format!("{at}.every_month")))
                }
            }
            if b.visit.kind == VisitType::Premium {
                return Err(Error::new(
                    Code::ItemCategoryInvalid,
                    format!("{at}.visit.type"),
                ));
            }
        }
        Ok(())
    }

    fn validate_grants(&self) -> Result<(), Error> {
        let Some(grants) = &self.grants else {
            return Ok(());
        };
        at_most(grants.len(), MAX_PLAN_BILLS, "grants")?;
        for (i, g) in grants.iter().enumerate() {
            let at = format!("grants[{i}]");
            if !self.family.iter().any(|r| r.person.id == g.relative) {
                return Err(Error::new(Code::PersonUnknown, format!("{at}.relative")));
            }
            month_ok(g.month, &at)?;
            if g.amount.is_zero() {
                return Err(Error::new(Code::AmountZero, format!("{at}.amount")));
            }
        }
        Ok(())
    }

    fn known(&self, id: &PersonId, at: &str) -> Result<(), Error> {
        let any = self.sharers.iter().any(|s| &s.person.id == id)
            || self.family.iter().any(|r| &r.person.id == id);
        if any {
            Ok(())
        } else {
            Err(Error::new(Code::PersonUnknown, at))
        }
    }

    /// The sharer of relative `i`.
    pub(super) fn sharer_of(&self, i: usize) -> Option<&PersonId> {
        let r = self.family.get(i)?;
        match &r.sharer {
            Some(s) => Some(s),
            None => self.sharers.first().map(|s| &s.person.id),
        }
    }

    /// The bills of a scenario's care list, with the premiums, in settling order: month by month,
    /// premiums first, then the care in listed order.
    pub(super) fn bills(&self, care: &[ExpectedBill], list: &str) -> Vec<SimBill> {
        let mut out = Vec::new();
        for m in 1..=12u8 {
            for (i, p) in self.premiums.iter().enumerate() {
                if p.month == m {
                    out.push(premium_bill(p, format!("premiums[{i}]")));
                }
            }
            for (i, b) in care.iter().enumerate() {
                if b.every_month || b.month == Some(m) {
                    out.push(SimBill {
                        path: format!("{list}[{i}]"),
                        month: m,
                        patient: b.patient.clone(),
                        visit: b.visit.clone(),
                        items: b.items.clone(),
                    });
                }
            }
        }
        out
    }
}

/// S-7: a premium as a bill of one premium item.
fn premium_bill(p: &PlanPremium, path: String) -> SimBill {
    SimBill {
        path,
        month: p.month,
        patient: p.person.clone(),
        visit: Visit {
            kind: VisitType::Premium,
            level: None,
            designated: true,
            out_of_area: None,
        },
        items: alloc::vec![Item {
            name: "premium".into(),
            amount: p.amount,
            class: None,
            preselfpay_ratio: None,
            price_limit: None,
            category: Category::Premium,
        }],
    }
}

crate::codec::tagged::tagged! {
    ReserveRule as ReserveRuleMirror, "internally tagged enum ReserveRule", "\0ReserveRule:rule" {
        AdviceRatio,
        OwnMonths { months: u8 },
    }
}
