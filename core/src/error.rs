//! One public error type (E-10): a stable machine code, the rule id, the field, and zh-CN + en text.

use alloc::format;
use alloc::string::{String, ToString};
use core::fmt;
use serde::{Deserialize, Serialize};

use crate::text::Text;

macro_rules! codes {
    ($( $variant:ident = $code:literal, $rule:expr, $zh:literal, $en:literal; )*) => {
        /// Stable machine codes. The string form (`code()`) never changes once released.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum), uniffi::export(Display))]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// SCREAMING_SNAKE string that clients match on.
            pub const fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }
            /// The domain rule this code enforces, if any.
            pub const fn rule(self) -> Option<&'static str> {
                match self { $( Code::$variant => $rule, )* }
            }
            /// Short zh-CN text.
            pub const fn zh(self) -> &'static str {
                match self { $( Code::$variant => $zh, )* }
            }
            /// Short English text.
            pub const fn en(self) -> &'static str {
                match self { $( Code::$variant => $en, )* }
            }
            /// Looks a code up by its string form.
            pub fn from_str_code(s: &str) -> Option<Code> {
                match s { $( $code => Some(Code::$variant), )* _ => None }
            }
        }
    };
}

codes! {
    // ---- malformed input ----
    InvalidJson = "INVALID_JSON", None, "JSON 格式错误", "malformed JSON";
    UnknownField = "UNKNOWN_FIELD", None, "未知字段", "unknown field";
    MissingField = "MISSING_FIELD", None, "缺少必填字段", "missing field";
    InvalidType = "INVALID_TYPE", None, "字段类型错误", "wrong type";
    UnknownValue = "UNKNOWN_VALUE", None, "未知的取值", "unknown value";
    UnknownOperation = "UNKNOWN_OPERATION", None, "未知的操作", "unknown operation";
    SchemaMismatch = "SCHEMA_MISMATCH", None, "文档版本不受支持", "unsupported document schema";
    AmountInvalid = "AMOUNT_INVALID", Some("S-10"), "金额须为十进制字符串，如 \"12.50\"", "amount must be a decimal string such as \"12.50\"";
    AmountPrecision = "AMOUNT_PRECISION", Some("S-10"), "金额最多两位小数（精确到分）", "amount has more than two decimal places";
    AmountNegative = "AMOUNT_NEGATIVE", Some("S-10"), "金额不能为负数", "amount must not be negative";
    AmountTooLarge = "AMOUNT_TOO_LARGE", Some("S-10"), "金额超出上限 999999999.99 元", "amount exceeds 999999999.99 yuan";
    RatioInvalid = "RATIO_INVALID", Some("S-10"), "比例须为十进制字符串，最多四位小数", "ratio must be a decimal string with at most four places";
    RatioOutOfRange = "RATIO_OUT_OF_RANGE", Some("S-10"), "比例须在 0 到 1 之间", "ratio must lie between 0 and 1";
    DateInvalid = "DATE_INVALID", None, "日期无效，格式为 YYYY-MM-DD", "invalid date, expected YYYY-MM-DD";
    TimeInvalid = "TIME_INVALID", None, "时间无效，格式为 YYYY-MM-DDTHH:MM（北京时间）", "invalid time, expected YYYY-MM-DDTHH:MM (UTC+8)";
    RegionInvalid = "REGION_INVALID", None, "统筹区代码须为 6 位数字", "region code must be 6 digits";
    RegionUnknown = "REGION_UNKNOWN", None, "未知的统筹区", "unknown pooling region";
    IdInvalid = "ID_INVALID", None, "标识须为 1 到 64 个可见字符，不含控制、格式或不可见字符", "id must be 1 to 64 visible characters, with no control, format or invisible character";
    TooMany = "TOO_MANY", None, "条目数量超出上限", "too many entries";
    // ---- policy book (P-) ----
    PolicyDatesOverlap = "POLICY_DATES_OVERLAP", Some("P-3"), "政策参数的生效日期须严格递增", "policy values must have strictly increasing dates";
    PolicyValueMissing = "POLICY_VALUE_MISSING", Some("P-1"), "该日期没有有效的政策参数", "no policy value in force at that date";
    PolicyInvalid = "POLICY_INVALID", Some("P-3"), "政策参数无效", "invalid policy value";
    // ---- eligibility (E-) ----
    SharerNotEmployee = "SHARER_NOT_EMPLOYEE", Some("E-1"), "共济人须为职工医保参保人", "the sharer must be an employee-scheme member";
    SharerNotActive = "SHARER_NOT_ACTIVE", Some("E-1"), "共济人的医保关系须处于正常参保状态", "the sharer's insurance must be active";
    KinshipNotEligible = "KINSHIP_NOT_ELIGIBLE", Some("E-2"), "该亲属关系不在当地当日的共济范围内", "this relative is not in the sharing scope at that date and region";
    BeneficiaryNotInsured = "BENEFICIARY_NOT_INSURED", Some("E-3"), "被共济人须参加基本医疗保险且状态正常", "the beneficiary must be actively enrolled in basic medical insurance";
    SamePerson = "SAME_PERSON", Some("E-4"), "共济人与被共济人不能是同一人", "sharer and beneficiary must be different persons";
    WalletNotOpened = "WALLET_NOT_OPENED", Some("E-5"), "双方均须开通医保钱包", "both persons must have opened the medical-insurance wallet";
    WalletNotEnabled = "WALLET_NOT_ENABLED", Some("E-5"), "统筹区尚未开通医保钱包跨省共济", "the pooling region has not enabled the wallet yet";
    CrossProvinceNeedsWallet = "CROSS_PROVINCE_NEEDS_WALLET", Some("E-5"), "跨省共济须通过医保钱包办理", "cross-province sharing needs the wallet mode";
    CommitmentNotSigned = "COMMITMENT_NOT_SIGNED", Some("E-6"), "共济人须签署承诺书", "the sharer must sign the commitment";
    TooManySharers = "TOO_MANY_SHARERS", Some("E-7"), "被共济人已达到当地允许的共济人数上限", "the beneficiary already has the most sharers the region allows";
    ReceivedNotShareable = "RECEIVED_NOT_SHAREABLE", Some("E-8"), "获得的共济额度不得再共济给第三人", "a received quota may not be shared on";
    // ---- wallet ledger (E-6..E-9, Q-) ----
    PersonUnknown = "PERSON_UNKNOWN", None, "未登记的人员", "unknown person";
    PersonExists = "PERSON_EXISTS", None, "人员已登记", "person already registered";
    RelationshipUnknown = "RELATIONSHIP_UNKNOWN", None, "未知的共济关系", "unknown sharing relationship";
    RelationshipExists = "RELATIONSHIP_EXISTS", Some("E-6"), "双方已有未解除的共济关系", "an undissolved relationship already exists";
    RelationshipNotActive = "RELATIONSHIP_NOT_ACTIVE", Some("E-9"), "共济关系未生效或已解除", "the relationship is not active";
    RelationshipNotPending = "RELATIONSHIP_NOT_PENDING", Some("E-6"), "共济关系不在待审核状态", "the relationship is not awaiting review";
    NotAParty = "NOT_A_PARTY", Some("E-9"), "只有共济人或被共济人可以解除共济关系", "only the sharer or the beneficiary may dissolve";
    WrongWalletModel = "WRONG_WALLET_MODEL", Some("Q-5"), "该统筹区当日不使用此种医保钱包模式", "the region does not use this wallet model at that date";
    WrongMode = "WRONG_MODE", Some("Q-6"), "省内家庭共济不设额度，结算时直接扣划", "in-province sharing sets no quota; it is charged at settlement";
    AmountZero = "AMOUNT_ZERO", None, "金额须大于零", "amount must be greater than zero";
    InsufficientShareable = "INSUFFICIENT_SHAREABLE", Some("Q-4"), "超出共济人可共济余额", "more than the sharer's shareable balance";
    QuotaExceeded = "QUOTA_EXCEEDED", Some("Q-2"), "超出可用共济额度，不能超额开支", "more than the available quota: spending may not exceed it";
    NothingToRevoke = "NOTHING_TO_REVOKE", Some("Q-3"), "没有可收回的未使用额度", "no unspent quota to revoke";
    RevokeExceedsUnspent = "REVOKE_EXCEEDS_UNSPENT", Some("Q-3"), "收回金额超过未使用的额度", "more than the unspent quota";
    StateInvalid = "STATE_INVALID", None, "钱包状态自相矛盾", "the wallet state contradicts itself";
    TransferQuietHours = "TRANSFER_QUIET_HOURS", Some("Q-5"), "每日 22:00 至次日 6:00 暂停转账", "transfers pause from 22:00 to 06:00";
    TransferDailyLimit = "TRANSFER_DAILY_LIMIT", Some("Q-5"), "已达到单日转账笔数上限", "daily transfer count reached";
    TransferAmountLimit = "TRANSFER_AMOUNT_LIMIT", Some("Q-5"), "单笔转账金额超出上限", "single transfer exceeds the limit";
    TransferPending = "TRANSFER_PENDING", Some("Q-5"), "对该收款人尚有未接收的转账", "a transfer to this receiver is still pending";
    TransferUnknown = "TRANSFER_UNKNOWN", Some("Q-5"), "未知的转账", "unknown transfer";
    TransferNotPending = "TRANSFER_NOT_PENDING", Some("Q-5"), "转账已接收或已退回", "the transfer was already accepted or returned";
    TransferExpired = "TRANSFER_EXPIRED", Some("Q-5"), "转账已超过接收时限，将退回", "the transfer expired and returns to the sender";
    NotReceiver = "NOT_RECEIVER", Some("Q-5"), "只有收款人可以接收转账", "only the receiver may accept the transfer";
    TimeWentBack = "TIME_WENT_BACK", None, "时间早于上一次操作", "time is earlier than the last command";
    SpendReferenceExists = "SPEND_REFERENCE_EXISTS", Some("S-9"), "该结算流水号已使用", "the spend reference is already used";
    SpendUnknown = "SPEND_UNKNOWN", Some("S-9"), "未知的结算流水号", "unknown spend reference";
    SpendAlreadyRefunded = "SPEND_ALREADY_REFUNDED", Some("S-9"), "该笔支出已退回", "the spend was already refunded";
    // ---- settlement (S-) ----
    ItemRatioMissing = "ITEM_RATIO_MISSING", Some("S-1"), "乙类项目须给出先行自付比例", "a class-B item needs its pre-self-pay ratio";
    ItemRatioNotAllowed = "ITEM_RATIO_NOT_ALLOWED", Some("S-1"), "只有乙类项目有先行自付比例", "only class-B items carry a pre-self-pay ratio";
    ItemsEmpty = "ITEMS_EMPTY", Some("S-1"), "费用明细不能为空", "a bill needs at least one item";
    NoBenefitRule = "NO_BENEFIT_RULE", Some("S-2"), "政策中没有适用的待遇参数", "no benefit rule applies";
    EstimateRequired = "ESTIMATE_REQUIRED", Some("P-4"), "该地区只有示例参数，须注明是估算（\"estimate\": true）", "only example parameters apply here; ask for an estimate (\"estimate\": true)";
    NotDesignated = "NOT_DESIGNATED", Some("S-6"), "非定点医药机构不能使用个人账户或共济资金", "accounts and sharing pay only at designated institutions";
    PremiumNotFull = "PREMIUM_NOT_FULL", Some("S-7"), "参保缴费须由共济额度全额支付", "a premium must be paid in full from one quota";
    LevelInvalid = "LEVEL_INVALID", Some("S-2"), "医院等级须为 1、2 或 3", "the hospital level must be 1, 2 or 3";
    ItemClassInvalid = "ITEM_CLASS_INVALID", Some("S-6"), "项目的目录类别与其用途不符", "the item's catalogue class does not fit what it is";
    ItemCategoryInvalid = "ITEM_CATEGORY_INVALID", Some("S-7"), "项目用途与结算类型不符", "the item does not fit the visit type";
    ItemLimitNotAllowed = "ITEM_LIMIT_NOT_ALLOWED", Some("S-1"), "只有甲类、乙类项目有限价", "only class-A and class-B items carry a price limit";
    AccountNotAllowed = "ACCOUNT_NOT_ALLOWED", Some("S-6"), "此项费用不能用个人账户或共济资金支付", "accounts and sharing may not pay this";
    FundDuplicate = "FUND_DUPLICATE", Some("S-5"), "同一共济人只能列出一次", "each sharer may be listed only once";
    SettlementInvalid = "SETTLEMENT_INVALID", Some("S-9"), "结算结果不完整或已被修改，无法冲正", "the settlement is inconsistent and cannot be reversed";
    SettlementUnknown = "SETTLEMENT_UNKNOWN", Some("S-9"), "账本中没有该结算流水号", "no settlement with that reference in the ledger";
    SettlementAlreadyReversed = "SETTLEMENT_ALREADY_REVERSED", Some("S-9"), "该笔结算已冲正，不能再次冲正", "the settlement was already reversed";
    SettlementExists = "SETTLEMENT_EXISTS", Some("S-14"), "该结算流水号已记账", "a settlement with that reference is already booked";
    PresettlementInconsistent = "PRESETTLEMENT_INCONSISTENT", Some("S-11"), "预结算结果自相矛盾", "the pre-settlement figures contradict each other";
    PresettlementWithItems = "PRESETTLEMENT_WITH_ITEMS", Some("S-11"), "费用明细与预结算结果只能给出其一", "give either the items or the pre-settlement, not both";
    StateFull = "STATE_FULL", Some("Q-9"), "账本已满：此操作会使状态超出上限，请先结清或收回未用的额度", "the ledger is full: this command would take the state past its limit; close or revoke open items first";
    DeadlineOutOfRange = "DEADLINE_OUT_OF_RANGE", Some("Q-9"), "期限将超出可表示的日期范围（至 2199-12-31）", "the deadline would fall outside the representable dates (up to 2199-12-31)";
    ReversalWindowClosed = "REVERSAL_WINDOW_CLOSED", Some("S-9"), "已超过冲正期限，不能再冲正", "the reversal window has closed: the settlement can no longer be reversed";
}

/// The error every public function returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    /// JSON path of the offending value (`items[2].amount`), empty when the whole document is at fault.
    pub field: String,
    /// Extra detail in both languages, appended to the code's text.
    pub detail_zh: String,
    pub detail_en: String,
}

impl Error {
    // The constructors are cold and apart: every error site in the rules then holds a call, not a copy of
    // them, and V8 (which compiles a wasm function whole on its first call) compiles less of the code
    // a settle runs (BENCHMARKS.md, "Cold start").
    #[cold]
    #[inline(never)]
    pub fn new(code: Code, field: impl Into<String>) -> Error {
        Error {
            code,
            field: field.into(),
            detail_zh: String::new(),
            detail_en: String::new(),
        }
    }

    /// Adds a detail sentence in both languages.
    #[cold]
    #[inline(never)]
    pub fn detail(mut self, zh: impl Into<String>, en: impl Into<String>) -> Error {
        self.detail_zh = zh.into();
        self.detail_en = en.into();
        self
    }

    /// Adds a detail from the text catalogue.
    #[cold]
    #[inline(never)]
    pub(crate) fn text(self, t: Text) -> Error {
        self.detail(t.zh, t.en)
    }

    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }

    pub fn rule(&self) -> Option<&'static str> {
        self.code.rule()
    }

    pub fn message_zh(&self) -> String {
        join(self.code.zh(), &self.detail_zh, "：")
    }

    pub fn message_en(&self) -> String {
        join(self.code.en(), &self.detail_en, ": ")
    }

    /// The document form that every binding exposes.
    pub fn to_doc(&self) -> ErrorDoc {
        ErrorDoc {
            code: self.code().to_string(),
            rule: self.rule().map(ToString::to_string),
            field: self.field.clone(),
            message_zh: self.message_zh(),
            message_en: self.message_en(),
        }
    }
}

fn join(base: &str, detail: &str, sep: &str) -> String {
    if detail.is_empty() {
        base.to_string()
    } else {
        format!("{base}{sep}{detail}")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code())?;
        if !self.field.is_empty() {
            write!(f, " at {}", self.field)?;
        }
        write!(f, ": {}", self.message_en())
    }
}

impl core::error::Error for Error {}

/// JSON form of an [`Error`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDoc {
    pub code: String,
    pub rule: Option<String>,
    pub field: String,
    pub message_zh: String,
    pub message_en: String,
}
