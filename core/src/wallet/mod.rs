//! The wallet ledger (E-6..E-9, Q-1..Q-7): a sans-I/O state machine. The host keeps the state,
//! passes it in with a command and the current time, and stores the state that comes back.

mod advice;
mod apply;
mod bounds;
mod ledger;
mod mirror;
mod quota;
mod relationship;
mod state;
mod statement;
mod transfer;
mod validate;

pub(crate) use advice::shareable_now;
pub use advice::{breakdown, shareable, Shareable, ShareableRequest};
pub use apply::apply;
pub(crate) use apply::apply_in_place;
pub(crate) use bounds::Windows;
pub use bounds::MAX_STATE_BYTES;
pub use state::{
    Account, Booked, Draw, EndReason, Quota, QuotaOrigin, Relationship, RelationshipStatus, Spend,
    Transfer, TransferStatus, WalletState, YearTotals, WALLET_SCHEMA,
};
pub use statement::{
    statement, Flows, LineKind, LoggedEvent, MonthStatement, PairStatement, Statement,
    StatementLine, StatementRequest, YearStatement, MAX_STATEMENT_EVENTS,
};

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::person::Mode;

use crate::money::Money;
use crate::person::{Kinship, Person, PersonId, RegionCode};
use crate::policy::{PolicyBook, VisitType};
use crate::settlement::{
    Accumulators, FundOrder, Item, LedgerCommand, Presettlement, Settlement, Visit,
};
use crate::time::{Date, DateTime};

/// What changed about a person's insurance (E-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum InsuranceChange {
    /// 医保关系终止.
    Terminated,
    /// 跨统筹地区转移: moved to another pooling region.
    MovedRegion,
}

/// A command to the ledger: `{"type": "grant", "args": {"relationship": "R1", "amount": "100.00"}}`.
/// (Adjacent tagging keeps the JSON path of a bad argument, `command.args.amount`, in errors.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(
    remote = "Self",
    tag = "type",
    content = "args",
    rename_all = "snake_case",
    deny_unknown_fields
)]
// `Settle` carries a whole bill (items or a pre-settlement); the FFI records cannot box it, and commands
// are built once per call, so its size costs nothing that matters.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Adds a person and their personal account.
    RegisterPerson {
        person: Person,
        #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
        #[serde(default)]
        balance: Money,
        /// Part of `balance` credited this year (Q-4 `shareable_source = past_years`).
        #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
        #[serde(default)]
        current_year_credits: Money,
    },
    /// The person opened the 医保钱包 (E-5).
    OpenWallet { person: PersonId },
    /// E-6: the sharer signed the commitment; establishes `sharer → beneficiary`.
    Establish {
        sharer: PersonId,
        beneficiary: PersonId,
        kinship: Kinship,
        mode: Mode,
        commitment_signed: bool,
    },
    /// E-6 (regional): the outcome of the review of a pending relationship.
    Review {
        relationship: String,
        approved: bool,
    },
    /// E-9: either party dissolves.
    Dissolve { relationship: String, by: PersonId },
    /// E-9: insurance terminated or moved to another region; dissolves every relationship of the person.
    InsuranceChanged {
        person: PersonId,
        change: InsuranceChange,
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<RegionCode>,
    },
    /// sets (adds) a virtual quota for the beneficiary.
    Grant { relationship: String, amount: Money },
    /// takes back unspent quota; all of it when `amount` is absent.
    Revoke {
        relationship: String,
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// Q-5 (b): sends an amount the receiver must accept.
    Transfer { relationship: String, amount: Money },
    /// Q-5 (b): the receiver accepts a pending transfer.
    Accept { transfer: String, by: PersonId },
    /// Q-5 (b): returns transfers not accepted by their deadline.
    Tick,
    /// shared money pays part of a bill (settlement emits these).
    Spend {
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
        reference: String,
        /// T-1: the kind of visit the money paid for, for the statement.
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        visit_type: Option<VisitType>,
        /// T-1: the institution (an id, as references are) where it was spent.
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        institution: Option<String>,
    },
    /// S-9: gives back exactly what a spend took.
    Refund { reference: String },
    /// S-14: settles a bill against what the ledger holds (own account, quotas, in-province sharers,
    /// the year's totals) and books every part at once.
    Settle {
        reference: String,
        date: Date,
        /// A person registered in the state.
        patient: PersonId,
        visit: Visit,
        /// The bill's lines; exactly one of `items` and `presettlement` (S-11).
        #[cfg_attr(feature = "uniffi", uniffi(default))]
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        items: Vec<Item>,
        /// S-11 split mode: the platform's pre-settlement instead of `items`.
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        presettlement: Option<Presettlement>,
        /// Whether the settlement carries its trace (E-10).
        #[cfg_attr(feature = "uniffi", uniffi(default = true))]
        #[serde(default = "yes", skip_serializing_if = "is_true")]
        explain: bool,
        /// S-5: the order of the quotas; absent means `oldest_grant`.
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fund_order: Option<FundOrder>,
        /// T-1: the institution of the bill, recorded on the sharers' spends.
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        institution: Option<String>,
        /// P-4: the caller accepts an estimate on example-grade parameters (as in `settle`).
        #[cfg_attr(feature = "uniffi", uniffi(default = false))]
        #[serde(default, skip_serializing_if = "is_false")]
        estimate: bool,
    },
    /// S-9, S-14: reverses a booked settlement from what the ledger recorded; once.
    Reverse { reference: String },
    /// money comes into a personal account; it is this year's credit until the year ends.
    Credit {
        person: PersonId,
        amount: Money,
        kind: CreditKind,
    },
}

/// where a credit comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CreditKind {
    /// 月度划入 (from the employer's contribution or the fund).
    Monthly,
    /// 年度一次性划入 (retirees in some regions).
    Annual,
    Other,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl From<LedgerCommand> for Command {
    fn from(c: LedgerCommand) -> Command {
        match c {
            LedgerCommand::Spend {
                sharer,
                beneficiary,
                amount,
                reference,
            } => Command::Spend {
                sharer,
                beneficiary,
                amount,
                reference,
                visit_type: None,
                institution: None,
            },
            LedgerCommand::Refund { reference } => Command::Refund { reference },
        }
    }
}

impl From<&LedgerCommand> for Command {
    fn from(c: &LedgerCommand) -> Command {
        Command::from(c.clone())
    }
}

/// What happened, for the host to show or log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(
    remote = "Self",
    tag = "type",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum Event {
    PersonRegistered {
        person: PersonId,
        balance: Money,
    },
    WalletOpened {
        person: PersonId,
    },
    /// E-6; T-1: the parties, kinship and mode, so a history reads without the state.
    RelationshipEstablished {
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        kinship: Kinship,
        mode: Mode,
        status: RelationshipStatus,
    },
    RelationshipActivated {
        relationship: String,
    },
    RelationshipRejected {
        relationship: String,
    },
    /// E-9: `returned` is the unspent quota and the pending transfers given back to the sharer.
    RelationshipDissolved {
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        reason: EndReason,
        returned: Money,
    },
    InsuranceChanged {
        person: PersonId,
        change: InsuranceChange,
    },
    QuotaGranted {
        quota: String,
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
        shareable_after: Money,
    },
    QuotaRevoked {
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
    },
    TransferSent {
        transfer: String,
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
        returns_at: DateTime,
    },
    TransferAccepted {
        transfer: String,
        quota: String,
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
    },
    TransferReturned {
        transfer: String,
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
    },
    /// T-1: with the visit type and institution when the command named them.
    Spent {
        reference: String,
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        visit_type: Option<VisitType>,
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        institution: Option<String>,
    },
    /// S-9: gives back the whole spend `reference`.
    Refunded {
        reference: String,
        relationship: String,
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
    },
    /// S-14: the ledger settled and booked a bill; the whole settlement document.
    Settled {
        settlement: Box<Settlement>,
    },
    /// S-9, S-14: a booked settlement was reversed; the amounts given back and the totals taken off.
    Reversed {
        reference: String,
        own_account_back: Money,
        sharers_back: Money,
        fund_back: Money,
        cash_back: Money,
        accumulators_decrement: Accumulators,
    },
    /// a credit came into a personal account.
    Credited {
        person: PersonId,
        amount: Money,
        kind: CreditKind,
        balance: Money,
    },
    /// the benefit year ended: this year's credits became past years' money.
    YearEnded {
        year: u16,
    },
    /// a booked settlement past its reversal window left the state (the whole booking).
    SettlementClosed {
        booking: Booked,
    },
    /// a spend past its reversal window left the state (the whole spend).
    SpendClosed {
        spend: Spend,
    },
    /// an accepted or returned transfer left the state, the day after it was sent.
    TransferClosed {
        transfer: Transfer,
    },
    /// a quota with nothing left that no open spend draws on left the state.
    QuotaClosed {
        quota: Quota,
    },
    /// an ended relationship that nothing open names left the state.
    RelationshipClosed {
        relationship: Relationship,
    },
}

/// Input document of `apply`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    pub state: WalletState,
    pub command: Command,
    /// Current time, UTC+8 (the core reads no clock).
    pub now: DateTime,
}

/// Output document of `apply`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Applied {
    pub state: WalletState,
    pub events: Vec<Event>,
}

/// What every command handler may read.
pub(crate) struct Ctx<'a> {
    pub book: &'a PolicyBook,
    pub now: DateTime,
}

#[cfg(test)]
mod tests;
