//! Eligibility (E-1..E-7, E-10): may this person share with that relative, on that date, in that mode?

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::codec::CodedStr;
use crate::error::{Code, Error};
use crate::money::Money;
pub use crate::person::Mode;
use crate::person::{Enrollment, Kinship, Person, RegionCode, Scheme};
use crate::policy::{PolicyBook, Resolved};
use crate::text::{self, Term, Text};
use crate::time::Date;

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
    pub code: ReasonCode,
    pub message_zh: String,
    pub message_en: String,
}

macro_rules! passes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $rule:literal; )*) => {
        /// Stable codes of the rules that passed (E-10), beside the failure codes of [`Code`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Pass { $( $(#[$doc])* $variant, )* }

        impl Pass {
            /// Every pass code, in declaration order.
            pub const ALL: &'static [Pass] = &[ $( Pass::$variant, )* ];

            /// SCREAMING_SNAKE string that clients match on.
            pub const fn as_str(self) -> &'static str {
                match self { $( Pass::$variant => $code, )* }
            }
            /// The domain rule that passed.
            pub const fn rule(self) -> &'static str {
                match self { $( Pass::$variant => $rule, )* }
            }
            /// Looks a pass code up by its string form.
            pub fn from_str_code(s: &str) -> Option<Pass> {
                match s { $( $code => Some(Pass::$variant), )* _ => None }
            }
        }
    };
}

passes! {
    /// E-1: an active employee-scheme member.
    SharerEligible = "SHARER_ELIGIBLE", "E-1";
    /// E-1 (regional): a resident-scheme member in a small-sharing pilot.
    ResidentSmallSharing = "RESIDENT_SMALL_SHARING", "E-1";
    KinshipInScope = "KINSHIP_IN_SCOPE", "E-2";
    BeneficiaryInsured = "BENEFICIARY_INSURED", "E-3";
    DifferentPersons = "DIFFERENT_PERSONS", "E-4";
    /// E-5, wallet mode.
    WalletReady = "WALLET_READY", "E-5";
    /// E-5, in-province mode.
    SameProvince = "SAME_PROVINCE", "E-5";
    CommitmentSigned = "COMMITMENT_SIGNED", "E-6";
    SharerCountOk = "SHARER_COUNT_OK", "E-7";
}

/// The code of a [`Reason`]: a rule that passed or the error code of one that failed. In documents it
/// is the plain string (`"SHARER_ELIGIBLE"`, `"KINSHIP_NOT_ELIGIBLE"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReasonCode {
    Pass(Pass),
    Fail(Code),
}

impl ReasonCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            ReasonCode::Pass(p) => p.as_str(),
            ReasonCode::Fail(c) => c.as_str(),
        }
    }

    /// The rule the verdict is about.
    pub const fn rule(self) -> &'static str {
        match self {
            ReasonCode::Pass(p) => p.rule(),
            ReasonCode::Fail(c) => match c.rule() {
                Some(r) => r,
                None => "",
            },
        }
    }
}

impl fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReasonCode {
    type Err = Code;
    fn from_str(s: &str) -> Result<ReasonCode, Code> {
        match (Pass::from_str_code(s), Code::from_str_code(s)) {
            (Some(p), _) => Ok(ReasonCode::Pass(p)),
            (None, Some(c)) => Ok(ReasonCode::Fail(c)),
            (None, None) => Err(Code::UnknownValue),
        }
    }
}

impl Serialize for ReasonCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ReasonCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(CodedStr::<ReasonCode>::new(text::EXPECT_REASON_CODE))
    }
}

impl Reason {
    /// A verdict with its text; a failure's text follows the code's own short text.
    fn new(code: ReasonCode, t: Text) -> Reason {
        let (message_zh, message_en) = match code {
            ReasonCode::Pass(_) => (t.zh, t.en),
            ReasonCode::Fail(c) => (
                format!("{}：{}", c.zh(), t.zh),
                format!("{}: {}", c.en(), t.en),
            ),
        };
        Reason {
            rule: code.rule().to_string(),
            code,
            message_zh,
            message_en,
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

/// One rule's verdict, before any text: what the rule found, with the values that explain it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    SharerEmployee,
    ResidentSmallSharing(Money),
    SharerNotActive(Enrollment),
    SharerResident,
    KinshipInScope,
    KinshipOutOfScope,
    BeneficiaryInsured,
    BeneficiaryNotInsured(Enrollment),
    DifferentPersons,
    SamePerson,
    WalletReady,
    WalletNotOpened(Term),
    WalletNotEnabled(RegionCode),
    SameProvince,
    CrossProvince,
    CommitmentSigned,
    CommitmentNotSigned,
    SharerCountOk,
    TooManySharers(u32),
}

impl Verdict {
    fn code(self) -> ReasonCode {
        use ReasonCode::{Fail, Pass as P};
        match self {
            Verdict::SharerEmployee => P(Pass::SharerEligible),
            Verdict::ResidentSmallSharing(_) => P(Pass::ResidentSmallSharing),
            Verdict::SharerNotActive(_) => Fail(Code::SharerNotActive),
            Verdict::SharerResident => Fail(Code::SharerNotEmployee),
            Verdict::KinshipInScope => P(Pass::KinshipInScope),
            Verdict::KinshipOutOfScope => Fail(Code::KinshipNotEligible),
            Verdict::BeneficiaryInsured => P(Pass::BeneficiaryInsured),
            Verdict::BeneficiaryNotInsured(_) => Fail(Code::BeneficiaryNotInsured),
            Verdict::DifferentPersons => P(Pass::DifferentPersons),
            Verdict::SamePerson => Fail(Code::SamePerson),
            Verdict::WalletReady => P(Pass::WalletReady),
            Verdict::WalletNotOpened(_) => Fail(Code::WalletNotOpened),
            Verdict::WalletNotEnabled(_) => Fail(Code::WalletNotEnabled),
            Verdict::SameProvince => P(Pass::SameProvince),
            Verdict::CrossProvince => Fail(Code::CrossProvinceNeedsWallet),
            Verdict::CommitmentSigned => P(Pass::CommitmentSigned),
            Verdict::CommitmentNotSigned => Fail(Code::CommitmentNotSigned),
            Verdict::SharerCountOk => P(Pass::SharerCountOk),
            Verdict::TooManySharers(_) => Fail(Code::TooManySharers),
        }
    }

    /// The verdict said in both languages (E-10).
    fn text(self, req: &EligibilityRequest) -> Text {
        let (s, b, date) = (&req.sharer, &req.beneficiary, &req.date);
        let kinship = req.kinship.term().words();
        match self {
            Verdict::SharerEmployee => text::e1_sharer_employee(),
            Verdict::ResidentSmallSharing(cap) => text::e1_resident_small_sharing(&cap),
            Verdict::SharerNotActive(e) | Verdict::BeneficiaryNotInsured(e) => {
                text::status_is(e.term().words())
            }
            Verdict::SharerResident => text::e1_resident_cannot_share(),
            Verdict::KinshipInScope => text::e2_in_scope(date, kinship),
            Verdict::KinshipOutOfScope => text::e2_out_of_scope(&s.region, date, kinship),
            Verdict::BeneficiaryInsured => text::e3_insured(),
            Verdict::DifferentPersons => text::e4_different(),
            Verdict::SamePerson => text::e4_same_id(&s.id),
            Verdict::WalletReady => text::e5_wallet_ready(),
            Verdict::WalletNotOpened(who) => text::e5_wallet_not_opened(who.words()),
            Verdict::WalletNotEnabled(region) => text::e5_region_not_enabled(&region, date),
            Verdict::SameProvince => text::e5_same_province(),
            Verdict::CrossProvince => text::e5_different_provinces(&s.region, &b.region),
            Verdict::CommitmentSigned => text::e6_signed(),
            Verdict::CommitmentNotSigned => text::e6_sign_first(),
            Verdict::SharerCountOk => text::e7_within_limit(),
            Verdict::TooManySharers(max) => text::e7_too_many(&req.beneficiary_sharers, &max),
        }
    }
}

/// E-1: the sharer is an active employee-scheme member, or a resident where the region pilots small sharing.
fn e1_sharer(s: &Person, sp: &Resolved<'_>) -> Verdict {
    if s.enrollment != Enrollment::Active {
        Verdict::SharerNotActive(s.enrollment)
    } else if s.scheme == Scheme::Employee {
        Verdict::SharerEmployee
    } else if let Some(cap) = *sp.resident_small_sharing_cap {
        Verdict::ResidentSmallSharing(cap)
    } else {
        Verdict::SharerResident
    }
}

/// E-2: the kinship is within the scope of the sharer's region at the date.
fn e2_kinship(kinship: Kinship, sp: &Resolved<'_>) -> Verdict {
    if sp.kinship_scope.contains(&kinship) {
        Verdict::KinshipInScope
    } else {
        Verdict::KinshipOutOfScope
    }
}

/// E-3: the beneficiary is enrolled (employee or resident scheme) and active.
fn e3_beneficiary(b: &Person) -> Verdict {
    if b.enrollment == Enrollment::Active {
        Verdict::BeneficiaryInsured
    } else {
        Verdict::BeneficiaryNotInsured(b.enrollment)
    }
}

/// E-4: sharer and beneficiary are different persons.
fn e4_not_self(s: &Person, b: &Person) -> Verdict {
    if s.id == b.id {
        Verdict::SamePerson
    } else {
        Verdict::DifferentPersons
    }
}

/// E-5: the wallet needs both wallets open and both regions enabled; in-province needs one province.
fn e5_mode(req: &EligibilityRequest, sp: &Resolved<'_>, bp: &Resolved<'_>) -> Vec<Verdict> {
    let (s, b) = (&req.sharer, &req.beneficiary);
    if req.mode == Mode::InProvince {
        let same = s.region.same_province(b.region);
        return [if same {
            Verdict::SameProvince
        } else {
            Verdict::CrossProvince
        }]
        .into();
    }
    let mut failed = Vec::new();
    for (p, who) in [(s, Term::Sharer), (b, Term::Beneficiary)] {
        if !p.wallet_opened {
            failed.push(Verdict::WalletNotOpened(who));
        }
    }
    let regions = [
        (s.region, *sp.wallet_enabled),
        (b.region, *bp.wallet_enabled),
    ];
    for (i, (region, enabled)) in regions.into_iter().enumerate() {
        if !enabled && (i == 0 || region != s.region) {
            failed.push(Verdict::WalletNotEnabled(region));
        }
    }
    if failed.is_empty() {
        failed.push(Verdict::WalletReady);
    }
    failed
}

/// E-6: the commitment, when asked about.
fn e6_commitment(signed: Option<bool>) -> Option<Verdict> {
    signed.map(|yes| {
        if yes {
            Verdict::CommitmentSigned
        } else {
            Verdict::CommitmentNotSigned
        }
    })
}

/// E-7: many-to-many, unless a region limits sharers per beneficiary (the stricter region counts).
fn e7_sharer_count(count: u32, sp: &Resolved<'_>, bp: &Resolved<'_>) -> Verdict {
    let limit = [
        *sp.max_sharers_per_beneficiary,
        *bp.max_sharers_per_beneficiary,
    ]
    .into_iter()
    .flatten()
    .min();
    match limit {
        Some(max) if count >= max => Verdict::TooManySharers(max),
        _ => Verdict::SharerCountOk,
    }
}

/// E-1..E-7: checks every rule and reports each verdict (E-10).
pub fn check_eligibility(book: &PolicyBook, req: &EligibilityRequest) -> Result<Decision, Error> {
    let (s, b) = (&req.sharer, &req.beneficiary);
    let sp = book.resolve(s.region, req.date)?;
    let bp = book.resolve(b.region, req.date)?;
    let mut verdicts = Vec::with_capacity(8);
    verdicts.push(e1_sharer(s, &sp));
    verdicts.push(e2_kinship(req.kinship, &sp));
    verdicts.push(e3_beneficiary(b));
    verdicts.push(e4_not_self(s, b));
    verdicts.extend(e5_mode(req, &sp, &bp));
    verdicts.extend(e6_commitment(req.commitment_signed));
    verdicts.push(e7_sharer_count(req.beneficiary_sharers, &sp, &bp));
    let annual_cap = verdicts.iter().find_map(|v| match v {
        Verdict::ResidentSmallSharing(cap) => Some(*cap),
        _ => None,
    });
    let (mut failed, mut passed) = (Vec::new(), Vec::new());
    for v in verdicts {
        let code = v.code();
        let reason = Reason::new(code, v.text(req));
        match code {
            ReasonCode::Pass(_) => passed.push(reason),
            ReasonCode::Fail(_) => failed.push(reason),
        }
    }
    Ok(Decision {
        allowed: failed.is_empty(),
        mode: req.mode,
        date: req.date,
        failed,
        passed,
        // E-6 (regional): in-province relationships may need a review first.
        review_required: req.mode == Mode::InProvince && *sp.establish_review,
        annual_cap,
    })
}

#[cfg(test)]
mod tests;
