//! Records and enums mirroring the core's documents, field for field (same names, same serde shape).
//! They carry no logic: `to_core` / `from_core` in lib.rs convert them through JSON values, and the
//! core validates. Unknown fields are denied, so a core field missing here fails the binding's tests.

use serde::{Deserialize, Serialize};

use crate::{Money, Ratio};

// ---- persons (E-1..E-4) ----

/// Which basic medical insurance a person is enrolled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// 职工基本医疗保险: has a personal account.
    Employee,
    /// 城乡居民基本医疗保险.
    Resident,
}

/// Enrolment status (E-1, E-3, E-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Enrollment {
    Active,
    Suspended,
    Terminated,
}

/// The beneficiary's relation to the sharer: `Parent` means the beneficiary is the sharer's parent (E-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
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
    /// 配偶的父母 (regional extension)
    SpouseParent,
}

/// What the rules need to know about a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// ID number or an opaque host id, 1–64 characters.
    pub id: String,
    pub scheme: Scheme,
    /// 6-digit pooling-region code, e.g. `"330100"` (Hangzhou).
    pub region: String,
    pub enrollment: Enrollment,
    /// Has opened the 医保钱包 (E-5).
    #[uniffi(default = false)]
    #[serde(default)]
    pub wallet_opened: bool,
    /// Retired rather than in work (S-2).
    #[uniffi(default = false)]
    #[serde(default)]
    pub retired: bool,
}

// ---- eligibility (E-1..E-7, E-10) ----

/// How the money travels (E-5, Q-6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// 家庭共济 (省内): charged to the sharer's account at settlement.
    InProvince,
    /// 跨省共济 / 医保钱包: a virtual quota or a transfer up front.
    Wallet,
}

/// Input of `check_eligibility`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    /// `YYYY-MM-DD`: policy values in force that day apply.
    pub date: String,
    pub mode: Mode,
    pub sharer: Person,
    pub beneficiary: Person,
    /// The beneficiary's relation to the sharer.
    pub kinship: Kinship,
    /// E-6: whether the sharer signed the 承诺书; `None`: not asked yet.
    #[uniffi(default = None)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment_signed: Option<bool>,
    /// E-7: how many other sharers the beneficiary already has.
    #[uniffi(default = 0)]
    #[serde(default)]
    pub beneficiary_sharers: u32,
}

/// One rule's verdict with a stable code and text in both languages (E-10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub rule: String,
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
}

/// Output of `check_eligibility`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub allowed: bool,
    pub mode: Mode,
    pub date: String,
    /// Every rule that failed, in rule order.
    pub failed: Vec<Reason>,
    /// Every rule that passed, in rule order.
    pub passed: Vec<Reason>,
    /// E-6 (regional): the relationship starts pending and needs a review.
    pub review_required: bool,
    /// E-1 (regional): yearly cap of a resident-scheme sharer's small sharing.
    #[serde(default)]
    pub annual_cap: Option<Money>,
}

// ---- wallet ledger (E-6..E-9, Q-1..Q-7) ----

/// Everything the ledger knows; the host stores it and passes it back with the next command.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct WalletState {
    #[uniffi(default = "gongji-wallet/1")]
    pub schema: String,
    /// Time of the last applied command.
    #[uniffi(default = None)]
    #[serde(default)]
    pub last_time: Option<String>,
    /// Counter behind the ids `R1`, `Q2`, `T3`…
    #[uniffi(default = 0)]
    #[serde(default)]
    pub seq: u32,
    #[uniffi(default)]
    #[serde(default)]
    pub persons: Vec<Person>,
    #[uniffi(default)]
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[uniffi(default)]
    #[serde(default)]
    pub relationships: Vec<Relationship>,
    #[uniffi(default)]
    #[serde(default)]
    pub quotas: Vec<Quota>,
    #[uniffi(default)]
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    #[uniffi(default)]
    #[serde(default)]
    pub spends: Vec<Spend>,
}

/// A personal account; `balance` is what its holder may still use (granted quotas have left it, Q-1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub person: String,
    pub balance: Money,
    /// Part of the balance credited this year.
    #[serde(default = "zero")]
    pub current_year_credits: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    Pending,
    Active,
    Rejected,
    Dissolved,
}

/// Why a relationship ended (E-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    BySharer,
    ByBeneficiary,
    InsuranceTerminated,
    MovedRegion,
    ReviewRejected,
}

/// 共济关系 sharer → beneficiary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub id: String,
    pub sharer: String,
    pub beneficiary: String,
    pub kinship: Kinship,
    pub mode: Mode,
    pub status: RelationshipStatus,
    pub signed_at: String,
    #[serde(default)]
    pub effective_at: Option<String>,
    #[serde(default)]
    pub ended_at: Option<String>,
    #[serde(default)]
    pub end_reason: Option<EndReason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum QuotaOrigin {
    /// a virtual quota; revocable.
    Granted,
    /// Q-5 (b): an accepted transfer.
    Transfer,
}

/// 共济额度: money set aside by a sharer for one beneficiary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub id: String,
    pub relationship: String,
    pub sharer: String,
    pub beneficiary: String,
    pub origin: QuotaOrigin,
    pub granted_at: String,
    /// Amount originally set.
    pub granted: Money,
    /// Unspent and unrevoked: what the beneficiary may still spend.
    pub amount: Money,
    /// Spent so far (net of refunds).
    pub spent: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    Pending,
    Accepted,
    Returned,
}

/// Q-5 (b): a transfer waiting for, or past, its acceptance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub id: String,
    pub relationship: String,
    pub sharer: String,
    pub beneficiary: String,
    pub amount: Money,
    pub sent_at: String,
    pub returns_at: String,
    pub status: TransferStatus,
}

/// One payment with shared money (kept so that a refund gives back exactly what it took, S-9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Spend {
    pub reference: String,
    pub relationship: String,
    pub sharer: String,
    pub beneficiary: String,
    pub amount: Money,
    pub at: String,
    pub draws: Vec<Draw>,
    pub refunded: bool,
}

/// Where part of a spend came from: a quota, or the sharer's account (`quota` = `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Draw {
    #[serde(default)]
    pub quota: Option<String>,
    pub amount: Money,
}

/// What changed about a person's insurance (E-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum InsuranceChange {
    Terminated,
    MovedRegion,
}

/// A command to the wallet ledger (`{"type": "grant", "args": {…}}` in the JSON form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(
    tag = "type",
    content = "args",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Command {
    /// Adds a person and their personal account.
    RegisterPerson {
        person: Person,
        #[serde(default = "zero")]
        balance: Money,
        /// Part of `balance` credited this year.
        #[serde(default = "zero")]
        current_year_credits: Money,
    },
    /// The person opened the 医保钱包 (E-5).
    OpenWallet { person: String },
    /// E-6: the sharer signed the commitment; establishes sharer → beneficiary.
    Establish {
        sharer: String,
        beneficiary: String,
        kinship: Kinship,
        mode: Mode,
        commitment_signed: bool,
    },
    /// E-6 (regional): outcome of the review of a pending relationship.
    Review {
        relationship: String,
        approved: bool,
    },
    /// E-9: either party dissolves.
    Dissolve { relationship: String, by: String },
    /// E-9: insurance terminated or moved; dissolves every relationship of the person.
    InsuranceChanged {
        person: String,
        change: InsuranceChange,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// sets (adds) a virtual quota for the beneficiary.
    Grant { relationship: String, amount: Money },
    /// takes back unspent quota; all of it when `amount` is `None`.
    Revoke {
        relationship: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// Q-5 (b): sends an amount the receiver must accept.
    Transfer { relationship: String, amount: Money },
    /// Q-5 (b): the receiver accepts a pending transfer.
    Accept { transfer: String, by: String },
    /// Q-5 (b): returns transfers not accepted by their deadline.
    Tick,
    /// shared money pays part of a bill.
    Spend {
        sharer: String,
        beneficiary: String,
        amount: Money,
        reference: String,
    },
    /// S-9: gives back exactly what a spend took.
    Refund { reference: String },
}

/// What happened, for the host to show or log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    PersonRegistered {
        person: String,
        balance: Money,
    },
    WalletOpened {
        person: String,
    },
    RelationshipEstablished {
        relationship: String,
        status: RelationshipStatus,
    },
    RelationshipActivated {
        relationship: String,
    },
    RelationshipRejected {
        relationship: String,
    },
    RelationshipDissolved {
        relationship: String,
        reason: EndReason,
        returned: Money,
    },
    InsuranceChanged {
        person: String,
        change: InsuranceChange,
    },
    QuotaGranted {
        quota: String,
        relationship: String,
        amount: Money,
        shareable_after: Money,
    },
    QuotaRevoked {
        relationship: String,
        amount: Money,
    },
    TransferSent {
        transfer: String,
        amount: Money,
        returns_at: String,
    },
    TransferAccepted {
        transfer: String,
        quota: String,
    },
    TransferReturned {
        transfer: String,
        amount: Money,
    },
    Spent {
        reference: String,
        sharer: String,
        beneficiary: String,
        amount: Money,
    },
    Refunded {
        reference: String,
        amount: Money,
    },
    /// the benefit year ended: this year's credits became past years' money.
    YearEnded {
        year: u16,
    },
}

/// Output of `shareable`: the Q-4 formula term by term, and the Q-7 advice beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Shareable {
    pub sharer: String,
    /// What the sharer may still use (quotas already granted have left it, Q-1).
    pub balance: Money,
    /// Q-4 (regional): the minimum the account keeps.
    pub reserved_minimum: Money,
    /// this year's credits, kept back where only past years' balance is shareable.
    pub current_year_kept: Money,
    /// E-1 (regional): what is left of a resident-scheme sharer's yearly cap; `None` for employees.
    #[serde(default)]
    pub resident_cap_left: Option<Money>,
    /// the most a grant, transfer or in-province payment may take now.
    pub shareable: Money,
    /// advised own reserve as a share of the balance (advice, never a limit).
    pub advice_ratio: Ratio,
    /// `balance × advice_ratio`.
    pub advised_reserve: Money,
    /// `min(shareable, balance − advised_reserve)`.
    pub advised_max: Money,
}

/// Input of `shareable` (built by the binding from the function's arguments).
#[derive(Serialize)]
pub(crate) struct ShareableRequest {
    pub state: WalletState,
    pub sharer: String,
    pub now: String,
}

/// Input of `apply` (built by the binding from the function's arguments).
#[derive(Serialize)]
pub(crate) struct ApplyRequest {
    pub state: WalletState,
    pub command: Command,
    pub now: String,
}

/// Output of `apply`: the new state and its events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Applied {
    pub state: WalletState,
    pub events: Vec<Event>,
}

// ---- settlement (S-1..S-10) ----

/// Kind of visit or purchase (S-6, S-7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
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

/// The visit or purchase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    #[serde(rename = "type")]
    pub kind: VisitType,
    /// Hospital level 1, 2 or 3; required except for a premium.
    #[uniffi(default = None)]
    #[serde(default)]
    pub level: Option<u32>,
    /// A designated institution (定点医药机构).
    #[uniffi(default = true)]
    #[serde(default = "yes")]
    pub designated: bool,
}

// Serde defaults equal to the core's, so that every JSON document the core accepts parses here too.
fn yes() -> bool {
    true
}

fn zero() -> Money {
    Money("0.00".into())
}

fn no_accumulators() -> Accumulators {
    Accumulators {
        deductible_met: zero(),
        fund_paid: zero(),
        in_scope_past_deductible: zero(),
    }
}

fn oldest_grant() -> FundOrder {
    FundOrder::OldestGrant
}

/// Catalogue class of a line item (S-1): 甲类, 乙类, 丙类.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Drug,
    Device,
    Consumable,
    Service,
    HealthProduct,
    Cosmetic,
    DailyGoods,
    CosmeticSurgery,
    Vaccine,
    Checkup,
    Huiminbao,
    Premium,
}

/// One line of the bill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub name: String,
    pub amount: Money,
    pub category: Category,
    /// Catalogue class (`"class"` in the JSON form); required for medical visits, absent for premiums.
    #[uniffi(default = None)]
    #[serde(default, rename = "class")]
    pub item_class: Option<ItemClass>,
    /// 先行自付比例 of a class-B item.
    #[uniffi(default = None)]
    #[serde(default)]
    pub preselfpay_ratio: Option<Ratio>,
    /// 限价 of a class-A or class-B item.
    #[uniffi(default = None)]
    #[serde(default)]
    pub price_limit: Option<Money>,
}

/// Year-to-date totals of the patient's benefit (S-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Accumulators {
    /// Part of the deductible (起付线) already met this year.
    #[serde(default = "zero")]
    pub deductible_met: Money,
    /// Pooled fund paid this year (counts against the cap).
    #[serde(default = "zero")]
    pub fund_paid: Money,
    /// In-scope spending past the deductible this year (selects the ratio band).
    #[serde(default = "zero")]
    pub in_scope_past_deductible: Money,
}

/// Money one sharer makes available to this bill (S-5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct FamilyFund {
    pub sharer: String,
    pub mode: Mode,
    /// Unspent quota (wallet) or the sharer's shareable balance (in-province).
    pub available: Money,
    /// When the quota was granted; orders funds oldest first.
    #[uniffi(default = None)]
    #[serde(default)]
    pub granted_at: Option<String>,
}

/// S-5: the order in which family funds pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Enum)]
#[serde(rename_all = "snake_case")]
pub enum FundOrder {
    OldestGrant,
    AsListed,
}

/// Input of `settle`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct SettleRequest {
    /// The settlement id (结算流水号).
    pub reference: String,
    pub date: String,
    pub patient: Person,
    /// The patient's own personal-account balance.
    #[serde(default = "zero")]
    pub own_balance: Money,
    pub visit: Visit,
    pub items: Vec<Item>,
    #[serde(default = "no_accumulators")]
    pub accumulators: Accumulators,
    #[uniffi(default)]
    #[serde(default)]
    pub funds: Vec<FamilyFund>,
    #[serde(default = "oldest_grant")]
    pub fund_order: FundOrder,
    /// Whether the settlement carries its trace (E-10); `false`: the same amounts, no trace.
    #[uniffi(default = true)]
    #[serde(default = "yes")]
    pub explain: bool,
}

/// A ratio band of a benefit row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub above: Money,
    pub ratio: Ratio,
}

/// The benefit row a settlement applied (S-2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct BenefitRule {
    pub scheme: Scheme,
    pub visits: Vec<VisitType>,
    #[serde(default)]
    pub levels: Vec<u32>,
    #[serde(default)]
    pub retired: Option<bool>,
    pub deductible: Money,
    pub ratio: Ratio,
    #[serde(default)]
    pub bands: Vec<Band>,
    #[serde(default)]
    pub cap: Option<Money>,
}

/// S-1 split of one line item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct ItemSplit {
    pub name: String,
    pub amount: Money,
    pub fulamt_ownpay_amt: Money,
    pub overlmt_selfpay: Money,
    pub preselfpay_amt: Money,
    pub inscp_scp_amt: Money,
}

/// One sharer's part of `acct_mulaid_pay`, in paying order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct SharerPay {
    pub sharer: String,
    pub mode: Mode,
    pub available: Money,
    pub amount: Money,
    /// The ledger spend reference, when it paid anything.
    #[serde(default)]
    pub reference: Option<String>,
}

/// One step of a settlement's arithmetic, in zh-CN and en.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub rule: String,
    /// The output field this step computes, empty if none.
    #[serde(default)]
    pub field: String,
    /// A stable code when the step restricts a payment.
    #[serde(default)]
    pub code: Option<String>,
    pub zh: String,
    pub en: String,
}

/// Output of `settle` (field names of the national settlement interface, S-8) and input of `reverse`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    pub schema: String,
    pub reference: String,
    pub date: String,
    pub patient: String,
    pub visit: Visit,
    pub items: Vec<ItemSplit>,
    /// The benefit row applied; `None` for a premium.
    #[serde(default)]
    pub benefit: Option<BenefitRule>,
    /// 医疗费总额
    pub medfee_sumamt: Money,
    /// 全自费金额
    pub fulamt_ownpay_amt: Money,
    /// 超限价自费
    pub overlmt_selfpay: Money,
    /// 先行自付
    pub preselfpay_amt: Money,
    /// 符合政策范围金额
    pub inscp_scp_amt: Money,
    /// 实际支付起付线
    pub act_pay_dedc: Money,
    /// 统筹基金支出
    pub hifp_pay: Money,
    /// 统筹基金支付比例 (a ratio)
    pub pool_prop_selfpay: Ratio,
    /// 基金支付总额
    pub fund_pay_sumamt: Money,
    pub fund_sum_includes_acct: bool,
    /// 个人负担总金额
    pub psn_part_amt: Money,
    /// 个人账户支出 (own account + family sharing)
    pub acct_pay: Money,
    /// 本人个账
    pub self_acct_pay: Money,
    /// 个人账户共济支付金额
    pub acct_mulaid_pay: Money,
    pub mulaid_by_sharer: Vec<SharerPay>,
    /// 个人现金支出
    pub psn_cash_pay: Money,
    /// 医院负担金额
    pub hosp_part_amt: Money,
    /// 本人个账余额 after the settlement.
    pub balc: Money,
    pub accumulators_before: Accumulators,
    pub accumulators_after: Accumulators,
    /// The spends the host applies to the wallet ledger.
    pub wallet_commands: Vec<Command>,
    pub trace: Vec<Step>,
}

/// Output of `reverse` (S-9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, uniffi::Record)]
#[serde(deny_unknown_fields)]
pub struct Reversal {
    pub reference: String,
    pub patient: String,
    pub hifp_pay: Money,
    pub self_acct_pay: Money,
    pub acct_mulaid_pay: Money,
    pub psn_cash_pay: Money,
    /// To add to the own account's balance as it is now.
    pub own_account_back: Money,
    /// To subtract from the year's totals as they are now (the settlement's after − before).
    pub accumulators_decrement: Accumulators,
    /// One `Refund` per spend of the settlement, for the host to apply to the ledger.
    pub wallet_commands: Vec<Command>,
    pub trace: Vec<Step>,
}
