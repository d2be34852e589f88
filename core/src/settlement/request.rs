//! The input document of `settle`: the patient, the visit, the bill, the year's totals and the family funds.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::presettlement::Presettlement;
use crate::error::{Code, Error};
use crate::money::{Money, Ratio};
use crate::person::Mode;
use crate::person::{Enrollment, Person, PersonId};
use crate::policy::{OptionalUse, VisitType};
use crate::text;
use crate::time::{Date, DateTime};

/// Most line items in one bill.
pub const MAX_ITEMS: usize = 1000;
/// Most family funds offered to one bill.
pub const MAX_FUNDS: usize = 100;
/// Longest settlement reference: spend references `{reference}/{n}` must stay within 64 characters.
pub const MAX_REFERENCE: usize = 60;

fn zero() -> Money {
    Money::ZERO
}

fn yes() -> bool {
    true
}

/// Input document of `settle`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct SettleRequest {
    /// The settlement id (结算流水号); spends on the ledger are referenced `{reference}/1`, `/2`, ….
    pub reference: String,
    /// Date of the visit or payment: policy values in force then.
    pub date: Date,
    /// The patient (被共济人 when family money pays): scheme, region and `retired` select the benefits.
    pub patient: Person,
    /// The patient's own personal-account balance (本人个账余额).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub own_balance: Money,
    pub visit: Visit,
    /// The bill's lines (estimate mode); exactly one of `items` and `presettlement`.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// S-11 split mode: the platform's pre-settlement figures instead of `items`; only the personal
    /// burden is split.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presettlement: Option<Presettlement>,
    /// The year's totals so far under the benefit this visit falls under (S-3).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub accumulators: Accumulators,
    /// Family money the patient may spend: wallet quotas and in-province sharers (S-5).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub funds: Vec<FamilyFund>,
    /// In which order the funds pay (S-5).
    #[serde(default)]
    pub fund_order: FundOrder,
    /// P-4: the caller asks for an estimate, and accepts example-grade parameters (a region with no
    /// benefit rows of its own then gets the national example rows). Without it such a bill is refused
    /// (`ESTIMATE_REQUIRED`).
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    #[serde(default, skip_serializing_if = "is_false")]
    pub estimate: bool,
    /// Whether the settlement carries its `trace` (E-10). `false` leaves the trace empty: the amounts are
    /// the same, and settling is several times faster (payment back ends that never show the arithmetic).
    #[cfg_attr(feature = "uniffi", uniffi(default = true))]
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub explain: bool,
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The visit or purchase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Visit {
    #[serde(rename = "type")]
    pub kind: VisitType,
    /// Hospital level 1, 2 or 3; required except for a premium.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// A designated institution (定点医药机构). A premium is never non-designated.
    #[cfg_attr(feature = "uniffi", uniffi(default = true))]
    #[serde(default = "yes")]
    pub designated: bool,
    /// S-12: care outside the patient's pooling region (异地就医), with or without 备案; absent: local.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_area: Option<OutOfArea>,
}

/// S-12: out-of-area care (异地就医) by its 备案 (filing) status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum OutOfArea {
    /// 已备案: filed with the patient's region before the care.
    Filed,
    /// 未备案: not filed.
    Unfiled,
}

/// Catalogue class of a line item (S-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ItemClass {
    /// 甲类: fully in scope.
    A,
    /// 乙类: a 先行自付 share first, the rest in scope.
    B,
    /// 丙类 / 目录外: 全自费.
    C,
}

/// What a line item is (S-6, S-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 药品
    Drug,
    /// 医疗器械
    Device,
    /// 医用耗材
    Consumable,
    /// 诊疗服务
    Service,
    /// 保健品 (never from accounts)
    HealthProduct,
    /// 化妆品 (never from accounts)
    Cosmetic,
    /// 生活用品 (never from accounts)
    DailyGoods,
    /// 医疗美容 (never from accounts)
    CosmeticSurgery,
    /// 疫苗 (regional option)
    Vaccine,
    /// 健康体检 (regional option)
    Checkup,
    /// 惠民保 (regional option)
    Huiminbao,
    /// 居民医保 / 长护险个人缴费 (S-7)
    Premium,
}

impl Category {
    /// S-6: goods that are not medical care; accounts and sharing never pay them.
    pub fn non_medical(self) -> bool {
        matches!(
            self,
            Category::HealthProduct
                | Category::Cosmetic
                | Category::DailyGoods
                | Category::CosmeticSurgery
        )
    }

    /// S-6: uses a region may allow accounts to pay.
    pub fn optional_use(self) -> Option<OptionalUse> {
        match self {
            Category::Vaccine => Some(OptionalUse::Vaccine),
            Category::Checkup => Some(OptionalUse::Checkup),
            Category::Huiminbao => Some(OptionalUse::Huiminbao),
            _ => None,
        }
    }

    /// Medical care proper: drugs, devices, consumables, services.
    pub fn medical(self) -> bool {
        matches!(
            self,
            Category::Drug | Category::Device | Category::Consumable | Category::Service
        )
    }
}

/// One line of the bill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    /// Amount billed for the line.
    pub amount: Money,
    /// Catalogue class; required for medical visits, absent for premiums.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<ItemClass>,
    /// 先行自付比例 of a class-B item (required for B, forbidden otherwise).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preselfpay_ratio: Option<Ratio>,
    /// 限价: the most the catalogue allows for this line; the part above is 超限价自费 (class A and B only).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_limit: Option<Money>,
    pub category: Category,
}

/// Year-to-date totals of the patient's benefit (S-3); inputs, and updated in the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Accumulators {
    /// Part of the deductible (起付线) already met this year.
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub deductible_met: Money,
    /// Pooled fund paid this year (counts against the cap).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub fund_paid: Money,
    /// S-12: the outpatient pooled fund (门诊统筹) paid this year, under rows marked `outpatient_pool`;
    /// their cap counts it, apart from `fund_paid`.
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub outpatient_fund_paid: Money,
    /// In-scope spending past the deductible this year (selects the ratio band).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub in_scope_past_deductible: Money,
    /// S-12: admissions (住院) settled this year; selects the per-admission deductible.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    #[serde(default)]
    pub admissions: u32,
    /// S-12: in-scope burden left after the basic fund this year (`inscp_scp_amt − hifp_pay` of each
    /// inpatient or special-outpatient bill); the layers' thresholds apply to it.
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub layer_burden: Money,
    /// S-12: 大病保险 paid this year (counts against its cap).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifmi_paid: Money,
    /// S-12: 大额医疗 paid this year (counts against its cap).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifob_paid: Money,
}

impl Default for Accumulators {
    fn default() -> Self {
        Accumulators {
            deductible_met: Money::ZERO,
            fund_paid: Money::ZERO,
            outpatient_fund_paid: Money::ZERO,
            in_scope_past_deductible: Money::ZERO,
            admissions: 0,
            layer_burden: Money::ZERO,
            hifmi_paid: Money::ZERO,
            hifob_paid: Money::ZERO,
        }
    }
}

impl Accumulators {
    /// S-9, S-14: these totals less `d` (a settlement's contributions), or `None` where one would go
    /// below zero.
    pub fn checked_sub(&self, d: &Accumulators) -> Option<Accumulators> {
        Some(Accumulators {
            deductible_met: self.deductible_met.checked_sub(d.deductible_met)?,
            fund_paid: self.fund_paid.checked_sub(d.fund_paid)?,
            outpatient_fund_paid: self
                .outpatient_fund_paid
                .checked_sub(d.outpatient_fund_paid)?,
            in_scope_past_deductible: self
                .in_scope_past_deductible
                .checked_sub(d.in_scope_past_deductible)?,
            admissions: self.admissions.checked_sub(d.admissions)?,
            layer_burden: self.layer_burden.checked_sub(d.layer_burden)?,
            hifmi_paid: self.hifmi_paid.checked_sub(d.hifmi_paid)?,
            hifob_paid: self.hifob_paid.checked_sub(d.hifob_paid)?,
        })
    }
}

/// Money one sharer makes available to this bill (S-5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct FamilyFund {
    pub sharer: PersonId,
    pub mode: Mode,
    /// Unspent quota (wallet) or the sharer's shareable balance (in-province).
    pub available: Money,
    /// When the quota was granted; orders funds oldest first.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub granted_at: Option<DateTime>,
}

/// S-5: the order in which family funds pay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FundOrder {
    /// Oldest grant first; funds without a grant time after them; ties keep the listed order.
    #[default]
    OldestGrant,
    /// Exactly as listed by the caller.
    AsListed,
}

impl SettleRequest {
    /// Checks what the types alone cannot: sizes, classes against categories, levels, funds.
    pub fn validate(&self) -> Result<(), Error> {
        check_reference(&self.reference, "reference")?;
        if self.patient.enrollment != Enrollment::Active {
            return Err(
                Error::new(Code::BeneficiaryNotInsured, "patient.enrollment")
                    .text(text::patient_not_active()),
            );
        }
        let premium = self.visit.kind == VisitType::Premium;
        // A pharmacy purchase has no hospital level (S-12).
        let levelless = premium || self.visit.kind == VisitType::Pharmacy;
        match self.visit.level {
            None if !levelless => return Err(Error::new(Code::MissingField, "visit.level")),
            Some(l) if !(1..=3).contains(&l) => {
                return Err(Error::new(Code::LevelInvalid, "visit.level").text(text::quoted(&l)))
            }
            _ => {}
        }
        self.validate_bill(premium)?;
        if self.funds.len() > MAX_FUNDS {
            return Err(Error::new(Code::TooMany, "funds").text(text::funds_at_most(&MAX_FUNDS)));
        }
        for (i, f) in self.funds.iter().enumerate() {
            let at = || format!("funds[{i}].sharer");
            if f.sharer == self.patient.id {
                return Err(Error::new(Code::SamePerson, at()).text(text::patient_own_fund()));
            }
            if self
                .funds
                .get(..i)
                .is_some_and(|before| before.iter().any(|g| g.sharer == f.sharer))
            {
                return Err(Error::new(Code::FundDuplicate, at()).text(text::quoted(&f.sharer)));
            }
        }
        Ok(())
    }

    /// S-1, S-11: the bill is either its items or the platform's pre-settlement, never both nor neither.
    fn validate_bill(&self, premium: bool) -> Result<(), Error> {
        if let Some(p) = &self.presettlement {
            if !self.items.is_empty() {
                return Err(Error::new(Code::PresettlementWithItems, "presettlement")
                    .text(text::items_or_presettlement()));
            }
            if premium {
                return Err(Error::new(Code::PresettlementInconsistent, "visit.type")
                    .text(text::presettled_premium()));
            }
            return p.validate(self.visit.designated);
        }
        if self.items.is_empty() {
            return Err(Error::new(Code::ItemsEmpty, "items"));
        }
        if self.items.len() > MAX_ITEMS {
            return Err(Error::new(Code::TooMany, "items").text(text::items_at_most(&MAX_ITEMS)));
        }
        for (i, item) in self.items.iter().enumerate() {
            item.validate(premium, i)?;
        }
        Ok(())
    }

    /// S-5: the funds in paying order, with their index in the request.
    pub fn ordered_funds(&self) -> Vec<(usize, &FamilyFund)> {
        let mut v: Vec<(usize, &FamilyFund)> = self.funds.iter().enumerate().collect();
        if self.fund_order == FundOrder::OldestGrant {
            // Stable: equal keys keep the listed order.
            v.sort_by_key(|(_, f)| (f.granted_at.is_none(), f.granted_at));
        }
        v
    }
}

impl Item {
    /// S-1, S-6, S-7: class, ratio, limit and category must fit each other and the visit.
    fn validate(&self, premium: bool, i: usize) -> Result<(), Error> {
        let at = |f: &str| format!("items[{i}].{f}");
        let fits = if premium {
            matches!(self.category, Category::Premium | Category::Huiminbao)
        } else {
            self.category != Category::Premium
        };
        if !fits {
            return Err(
                Error::new(Code::ItemCategoryInvalid, at("category")).text(text::premium_alone())
            );
        }
        if premium {
            if self.class.is_some() {
                return Err(
                    Error::new(Code::ItemClassInvalid, at("class")).text(text::premium_no_class())
                );
            }
            if self.preselfpay_ratio.is_some() {
                return Err(Error::new(
                    Code::ItemRatioNotAllowed,
                    at("preselfpay_ratio"),
                ));
            }
            if self.price_limit.is_some() {
                return Err(Error::new(Code::ItemLimitNotAllowed, at("price_limit")));
            }
            return Ok(());
        }
        let class = self
            .class
            .ok_or_else(|| Error::new(Code::MissingField, at("class")))?;
        if !self.category.medical() && class != ItemClass::C {
            return Err(Error::new(Code::ItemClassInvalid, at("class")).text(text::goods_class_c()));
        }
        match (class, self.preselfpay_ratio) {
            (ItemClass::B, None) => {
                return Err(Error::new(Code::ItemRatioMissing, at("preselfpay_ratio")))
            }
            (ItemClass::A | ItemClass::C, Some(_)) => {
                return Err(Error::new(
                    Code::ItemRatioNotAllowed,
                    at("preselfpay_ratio"),
                ))
            }
            _ => {}
        }
        if class == ItemClass::C && self.price_limit.is_some() {
            return Err(Error::new(Code::ItemLimitNotAllowed, at("price_limit")));
        }
        Ok(())
    }
}

/// A settlement reference: the one id rule (`person::valid_id`), at most 60 characters.
pub(crate) fn check_reference(r: &str, field: &str) -> Result<(), Error> {
    if !plain_ascii_id(r) && !crate::person::valid_id(r, MAX_REFERENCE) {
        return Err(Error::new(Code::IdInvalid, field).text(text::reference_length(&MAX_REFERENCE)));
    }
    Ok(())
}

/// The common case of `person::valid_id` for a reference, decided byte by byte: printable ASCII (space
/// included), 1 to 60 characters, no space at either end. Anything else is left to `valid_id`.
fn plain_ascii_id(r: &str) -> bool {
    let b = r.as_bytes();
    let printable = b.iter().all(|c| (b' '..=b'~').contains(c));
    let trimmed = b
        .first()
        .zip(b.last())
        .is_some_and(|(f, l)| *f != b' ' && *l != b' ');
    printable && trimmed && b.len() <= MAX_REFERENCE
}
