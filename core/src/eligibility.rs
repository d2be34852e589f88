//! Eligibility (E-1..E-7, E-10): may this person share with that relative, on that date, in that mode?

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::{Enrollment, Kinship, Person, Scheme};
use crate::policy::PolicyBook;
use crate::time::Date;

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

/// Input document of `check_eligibility`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    /// Date of the check (policy values in force then).
    pub date: Date,
    pub mode: Mode,
    pub sharer: Person,
    pub beneficiary: Person,
    /// The beneficiary's relation to the sharer.
    pub kinship: Kinship,
    /// E-6: whether the sharer has signed the 承诺书. Absent: not asked yet (not counted either way).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment_signed: Option<bool>,
    /// E-7: how many other sharers the beneficiary already has.
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    #[serde(default)]
    pub beneficiary_sharers: u32,
}

/// One rule's verdict, with a stable code and text in both languages (E-10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub rule: String,
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
}

impl Reason {
    fn fail(code: Code, zh: String, en: String) -> Reason {
        Reason {
            rule: code.rule().unwrap_or("").to_string(),
            code: code.as_str().to_string(),
            message_zh: format!("{}：{zh}", code.zh()),
            message_en: format!("{}: {en}", code.en()),
        }
    }

    fn pass(rule: &str, code: &str, zh: String, en: String) -> Reason {
        Reason {
            rule: rule.to_string(),
            code: code.to_string(),
            message_zh: zh,
            message_en: en,
        }
    }
}

/// Output document of `check_eligibility`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub allowed: bool,
    pub mode: Mode,
    pub date: Date,
    /// Every rule that failed, in rule order (not only the first).
    pub failed: Vec<Reason>,
    /// Every rule that passed, in rule order.
    pub passed: Vec<Reason>,
    /// E-6 (regional): the relationship starts `pending` and needs a review.
    pub review_required: bool,
    /// E-1 (regional): yearly cap of a resident-scheme sharer's small sharing.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub annual_cap: Option<Money>,
}

/// E-1..E-7: checks every rule and reports each verdict (E-10).
pub fn check_eligibility(book: &PolicyBook, req: &EligibilityRequest) -> Result<Decision, Error> {
    let (s, b) = (&req.sharer, &req.beneficiary);
    let sp = book.resolve(s.region, req.date)?;
    let bp = book.resolve(b.region, req.date)?;
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    let mut annual_cap = None;

    // E-1 sharer: active employee-scheme member (or a region's resident small sharing).
    if s.enrollment != Enrollment::Active {
        failed.push(Reason::fail(
            Code::SharerNotActive,
            format!("状态为 {:?}", s.enrollment),
            format!("status is {:?}", s.enrollment),
        ));
    } else if s.scheme == Scheme::Employee {
        passed.push(Reason::pass(
            "E-1",
            "SHARER_ELIGIBLE",
            "共济人为正常参保的职工医保参保人".into(),
            "the sharer is an active employee-scheme member".into(),
        ));
    } else if let Some(cap) = *sp.resident_small_sharing_cap {
        annual_cap = Some(cap);
        passed.push(Reason::pass(
            "E-1",
            "RESIDENT_SMALL_SHARING",
            format!("当地试点居民医保个人账户小额共济，每年不超过 {cap} 元"),
            format!("the region pilots resident small sharing, at most {cap} yuan a year"),
        ));
    } else {
        failed.push(Reason::fail(
            Code::SharerNotEmployee,
            "居民医保参保人不能作为共济人".into(),
            "a resident-scheme member cannot share".into(),
        ));
    }

    // E-2 kinship within the scope of the sharer's region at the date.
    if sp.kinship_scope.contains(&req.kinship) {
        passed.push(Reason::pass(
            "E-2",
            "KINSHIP_IN_SCOPE",
            format!("{}在 {} 的共济范围内", req.kinship.zh(), req.date),
            format!("{} is in scope on {}", req.kinship.en(), req.date),
        ));
    } else {
        failed.push(Reason::fail(
            Code::KinshipNotEligible,
            format!(
                "{}不在 {} 统筹区 {} 的共济范围内",
                req.kinship.zh(),
                s.region,
                req.date
            ),
            format!(
                "{} is not in scope in region {} on {}",
                req.kinship.en(),
                s.region,
                req.date
            ),
        ));
    }

    // E-3 beneficiary enrolled (employee or resident scheme).
    if b.enrollment == Enrollment::Active {
        passed.push(Reason::pass(
            "E-3",
            "BENEFICIARY_INSURED",
            "被共济人正常参加基本医保".into(),
            "the beneficiary is actively insured".into(),
        ));
    } else {
        failed.push(Reason::fail(
            Code::BeneficiaryNotInsured,
            format!("状态为 {:?}", b.enrollment),
            format!("status is {:?}", b.enrollment),
        ));
    }

    // E-4 not self.
    if s.id == b.id {
        failed.push(Reason::fail(
            Code::SamePerson,
            format!("证件号 {}", s.id),
            format!("id {}", s.id),
        ));
    } else {
        passed.push(Reason::pass(
            "E-4",
            "DIFFERENT_PERSONS",
            "共济人与被共济人为不同的人".into(),
            "sharer and beneficiary are different persons".into(),
        ));
    }

    // E-5 mode: wallet needs both wallets open and both regions enabled; in-province needs one province.
    match req.mode {
        Mode::Wallet => {
            let mut ok = true;
            for (p, who_zh, who_en) in [
                (s, "共济人", "the sharer"),
                (b, "被共济人", "the beneficiary"),
            ] {
                if !p.wallet_opened {
                    ok = false;
                    failed.push(Reason::fail(
                        Code::WalletNotOpened,
                        format!("{who_zh}未开通医保钱包"),
                        format!("{who_en} has not opened the wallet"),
                    ));
                }
            }
            let regions = [
                (s.region, *sp.wallet_enabled),
                (b.region, *bp.wallet_enabled),
            ];
            for (i, (region, enabled)) in regions.into_iter().enumerate() {
                if !enabled && (i == 0 || region != s.region) {
                    ok = false;
                    failed.push(Reason::fail(
                        Code::WalletNotEnabled,
                        format!("统筹区 {region} 在 {} 未开通", req.date),
                        format!("region {region} not enabled on {}", req.date),
                    ));
                }
            }
            if ok {
                passed.push(Reason::pass(
                    "E-5",
                    "WALLET_READY",
                    "双方已开通医保钱包，统筹区已开通跨省共济".into(),
                    "both wallets open and both regions enabled".into(),
                ));
            }
        }
        Mode::InProvince => {
            if s.region.same_province(b.region) {
                passed.push(Reason::pass(
                    "E-5",
                    "SAME_PROVINCE",
                    "双方在同一省份参保，可省内共济".into(),
                    "both are insured in one province".into(),
                ));
            } else {
                failed.push(Reason::fail(
                    Code::CrossProvinceNeedsWallet,
                    format!("{} 与 {} 不在同一省份", s.region, b.region),
                    format!("{} and {} are in different provinces", s.region, b.region),
                ));
            }
        }
    }

    // E-6 commitment (when asked) and the regional review step.
    match req.commitment_signed {
        Some(true) => passed.push(Reason::pass(
            "E-6",
            "COMMITMENT_SIGNED",
            "共济人已签署承诺书，无需亲属关系证明".into(),
            "the commitment is signed; no proof of kinship needed".into(),
        )),
        Some(false) => failed.push(Reason::fail(
            Code::CommitmentNotSigned,
            "须先签署承诺书".into(),
            "sign the commitment first".into(),
        )),
        None => {}
    }
    let review_required = req.mode == Mode::InProvince && *sp.establish_review;

    // E-7 many-to-many, unless a region limits sharers per beneficiary (the stricter region counts).
    let limit = [
        *sp.max_sharers_per_beneficiary,
        *bp.max_sharers_per_beneficiary,
    ]
    .into_iter()
    .flatten()
    .min();
    match limit {
        Some(max) if req.beneficiary_sharers >= max => failed.push(Reason::fail(
            Code::TooManySharers,
            format!("已有 {} 名共济人，上限 {max}", req.beneficiary_sharers),
            format!("already {} sharers, limit {max}", req.beneficiary_sharers),
        )),
        _ => passed.push(Reason::pass(
            "E-7",
            "SHARER_COUNT_OK",
            "被共济人的共济人数未超过限制".into(),
            "the beneficiary's sharer count is within the limit".into(),
        )),
    }

    Ok(Decision {
        allowed: failed.is_empty(),
        mode: req.mode,
        date: req.date,
        failed,
        passed,
        review_required,
        annual_cap,
    })
}

#[cfg(test)]
mod tests;
