//! The ledger's state document (a plain value the host persists).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::Mode;
use crate::person::{Kinship, Person, PersonId};
use crate::policy::VisitType;
use crate::settlement::Accumulators;
use crate::text;
use crate::time::{Date, DateTime};

/// Schema tag of a wallet state document.
pub const WALLET_SCHEMA: &str = "gongji-wallet/1";

/// Most entries of any list in a state (guards against absurd documents; Q-9: no command goes past it).
pub(crate) const MAX_ENTRIES: usize = 100_000;

/// Everything the ledger knows. Lists keep insertion order, so the same commands give the same document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct WalletState {
    pub schema: String,
    /// Time of the last applied command; commands may not go back in time.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default)]
    pub last_time: Option<DateTime>,
    /// Counter behind the ids `R1`, `Q2`, `T3`…
    #[cfg_attr(feature = "uniffi", uniffi(default = 0))]
    #[serde(default)]
    pub seq: u32,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub persons: Vec<Person>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub accounts: Vec<Account>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub relationships: Vec<Relationship>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub quotas: Vec<Quota>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub transfers: Vec<Transfer>,
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub spends: Vec<Spend>,
    /// S-3, S-14: each patient's year-to-date totals, per benefit year (the calendar year of the bill).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accumulators: Vec<YearTotals>,
    /// S-14: settlements booked by the ledger's `settle` command, kept so a reversal uses what was booked.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settlements: Vec<Booked>,
}

impl Default for WalletState {
    fn default() -> Self {
        WalletState {
            schema: WALLET_SCHEMA.into(),
            last_time: None,
            seq: 0,
            persons: Vec::new(),
            accounts: Vec::new(),
            relationships: Vec::new(),
            quotas: Vec::new(),
            transfers: Vec::new(),
            spends: Vec::new(),
            accumulators: Vec::new(),
            settlements: Vec::new(),
        }
    }
}

/// A personal account (个人账户). `balance` is what its holder may still use: granted quotas have left it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub person: PersonId,
    pub balance: Money,
    /// Part of the balance credited this year.
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default)]
    pub current_year_credits: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum RelationshipStatus {
    /// E-6: awaiting a regional review.
    Pending,
    Active,
    /// The review refused it.
    Rejected,
    /// E-9.
    Dissolved,
}

/// Why a relationship ended (E-9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    BySharer,
    ByBeneficiary,
    InsuranceTerminated,
    MovedRegion,
    ReviewRejected,
}

/// 共济关系 sharer → beneficiary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    pub id: String,
    pub sharer: PersonId,
    pub beneficiary: PersonId,
    pub kinship: Kinship,
    pub mode: Mode,
    pub status: RelationshipStatus,
    pub signed_at: DateTime,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default)]
    pub effective_at: Option<DateTime>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default)]
    pub ended_at: Option<DateTime>,
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default)]
    pub end_reason: Option<EndReason>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum QuotaOrigin {
    /// a virtual quota; revocable.
    Granted,
    /// Q-5 (b): an accepted transfer; not revocable.
    Transfer,
}

/// 共济额度: money set aside by a sharer for one beneficiary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub id: String,
    pub relationship: String,
    pub sharer: PersonId,
    pub beneficiary: PersonId,
    pub origin: QuotaOrigin,
    pub granted_at: DateTime,
    /// Amount originally set.
    pub granted: Money,
    /// Unspent and unrevoked: what the beneficiary may still spend.
    pub amount: Money,
    /// Spent so far (net of refunds).
    pub spent: Money,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum TransferStatus {
    Pending,
    Accepted,
    Returned,
}

/// Q-5 (b): a transfer waiting for, or past, its acceptance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub id: String,
    pub relationship: String,
    pub sharer: PersonId,
    pub beneficiary: PersonId,
    pub amount: Money,
    pub sent_at: DateTime,
    /// Not accepted by then, it returns to the sender.
    pub returns_at: DateTime,
    pub status: TransferStatus,
}

/// One payment with shared money; kept so that a refund gives back exactly what was taken (S-9).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Spend {
    pub reference: String,
    pub relationship: String,
    pub sharer: PersonId,
    pub beneficiary: PersonId,
    pub amount: Money,
    pub at: DateTime,
    /// T-1: the kind of visit it paid for, when the command said.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_type: Option<VisitType>,
    /// T-1: the institution where it was spent, when the command said.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// Where the money came from: quotas (wallet) or the sharer's account (in-province, `quota: null`).
    pub draws: Vec<Draw>,
    pub refunded: bool,
}

/// S-3, S-14: one patient's totals in one benefit year; a year with no row starts from zero.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct YearTotals {
    pub person: PersonId,
    pub year: u16,
    pub totals: Accumulators,
}

/// S-14: what the ledger booked for one settlement; a reversal gives back exactly this.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Booked {
    pub reference: String,
    /// The bill's date; its calendar year is the benefit year of `contributions`.
    pub date: Date,
    pub patient: PersonId,
    pub booked_at: DateTime,
    /// Debited from the patient's own account (`self_acct_pay`).
    pub own_account: Money,
    /// the part of `own_account` taken from this year's credits (they serve the member first).
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default, skip_serializing_if = "no_money")]
    pub own_from_credits: Money,
    /// The spends of the sharers' parts (`{reference}/n`).
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub spends: Vec<String>,
    /// Paid by the pooled fund (`hifp_pay`).
    pub fund: Money,
    /// Paid in cash (`psn_cash_pay`).
    pub cash: Money,
    /// What this bill added to the year's totals (`accumulators_after − accumulators_before`).
    pub contributions: Accumulators,
    pub reversed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Draw {
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub quota: Option<String>,
    pub amount: Money,
}

impl WalletState {
    pub(crate) fn next_id(&mut self, prefix: char) -> String {
        self.seq = self.seq.saturating_add(1);
        format!("{prefix}{}", self.seq)
    }

    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.persons.iter().find(|p| &p.id == id)
    }

    pub(crate) fn person_or(&self, id: &PersonId, field: &str) -> Result<&Person, Error> {
        self.person(id).ok_or_else(|| unknown_person(id, field))
    }

    pub(crate) fn person_mut(&mut self, id: &PersonId, field: &str) -> Result<&mut Person, Error> {
        self.persons
            .iter_mut()
            .find(|p| &p.id == id)
            .ok_or_else(|| unknown_person(id, field))
    }

    pub fn account(&self, id: &PersonId) -> Option<&Account> {
        self.accounts.iter().find(|a| &a.person == id)
    }

    pub(crate) fn account_mut(&mut self, id: &PersonId) -> Result<&mut Account, Error> {
        self.accounts
            .iter_mut()
            .find(|a| &a.person == id)
            .ok_or_else(|| unknown_person(id, "state.accounts"))
    }

    /// S-3, S-14: a patient's totals in a benefit year (zero for a year with no row).
    pub fn year_totals(&self, person: &PersonId, year: u16) -> Accumulators {
        self.accumulators
            .iter()
            .find(|a| &a.person == person && a.year == year)
            .map(|a| a.totals)
            .unwrap_or_default()
    }

    pub(crate) fn relationship_idx(&self, id: &str, field: &str) -> Result<usize, Error> {
        self.relationships
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| Error::new(Code::RelationshipUnknown, field).text(text::quoted(&id)))
    }

    /// Unspent quota a beneficiary holds from one relationship.
    pub fn quota_available(&self, relationship: &str) -> Money {
        self.quotas
            .iter()
            .filter(|q| q.relationship == relationship)
            .fold(Money::ZERO, |acc, q| {
                acc.checked_add(q.amount).unwrap_or(acc)
            })
    }

    /// Money the ledger holds: balances, unspent quotas and pending transfers. Money leaves it only
    /// by spends and own-account payments and comes in only by registrations and credits, each told by
    /// an event (`spent`/`refunded`, `settled`/`reversed`, `person_registered`, `credited`): closed items
    /// leave the state, so what was spent is accounted from the events, not from the lists.
    pub fn total_money(&self) -> rust_decimal::Decimal {
        let balances: rust_decimal::Decimal =
            self.accounts.iter().map(|a| a.balance.as_decimal()).sum();
        let quotas: rust_decimal::Decimal = self.quotas.iter().map(|q| q.amount.as_decimal()).sum();
        let pending: rust_decimal::Decimal = self
            .transfers
            .iter()
            .filter(|t| t.status == TransferStatus::Pending)
            .map(|t| t.amount.as_decimal())
            .sum();
        balances + quotas + pending
    }

    /// Each list of the state with its name and length, for the bounds on entries.
    pub(crate) fn lists(&self) -> [(&'static str, usize); 8] {
        [
            ("persons", self.persons.len()),
            ("accounts", self.accounts.len()),
            ("relationships", self.relationships.len()),
            ("quotas", self.quotas.len()),
            ("transfers", self.transfers.len()),
            ("spends", self.spends.len()),
            ("accumulators", self.accumulators.len()),
            ("settlements", self.settlements.len()),
        ]
    }

    /// Ids `R7`, `Q8`, `T9` come from `seq`: a counter behind an id in use would hand it out again, so a
    /// state whose `seq` is below one of its ids cannot take a command.
    pub(crate) fn check_seq(&self) -> Result<(), Error> {
        let numbered = |id: &str, prefix: char| {
            id.strip_prefix(prefix)
                .and_then(|n| n.parse::<u64>().ok())
                .is_some_and(|n| n > u64::from(self.seq))
        };
        if self.seq == u32::MAX {
            return Err(Error::new(Code::TooMany, "state.seq"));
        }
        if self.relationships.iter().any(|r| numbered(&r.id, 'R'))
            || self.quotas.iter().any(|q| numbered(&q.id, 'Q'))
            || self.transfers.iter().any(|t| numbered(&t.id, 'T'))
        {
            return Err(Error::new(Code::StateInvalid, "state.seq").text(text::seq_behind()));
        }
        Ok(())
    }
}

fn unknown_person(id: &PersonId, field: &str) -> Error {
    Error::new(Code::PersonUnknown, field).text(text::quoted(id))
}

fn no_money(m: &Money) -> bool {
    m.is_zero()
}
