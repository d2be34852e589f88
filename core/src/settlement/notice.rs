//! Notices (S-13): each rule that limited who pays, machine-readably, in every settlement — with or
//! without its explanation (`"explain": false` leaves the trace empty, never the notices).

use alloc::string::String;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::person::PersonId;

/// Why money that accounts or sharing would otherwise have paid went elsewhere. The string forms are
/// stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NoticeCode {
    /// S-6: not a designated institution; no fund, account or sharer pays, the whole burden is cash.
    NotDesignated,
    /// S-7: no single payer held a premium in full; it was paid in cash.
    PremiumNotFull,
    /// S-6: accounts and sharing may not pay this (non-medical goods, an optional use the region does not
    /// allow, or 全自费 where the region says so); it was paid in cash.
    AccountNotAllowed,
    /// S-4, S-5: the family funds (with the own account) held less than they were allowed to pay; the rest
    /// was paid in cash. Names the last fund in paying order.
    QuotaInsufficient,
    /// P-4: the benefit row applied rests on example-grade parameters (an estimate, not an official figure).
    ExampleParameters,
    /// S-12: the book has no 大病保险 row for this bill; that layer paid nothing.
    SeriousIllnessNotInBook,
    /// S-12: the book has no 大额医疗 row for this employee's bill; that layer paid nothing.
    LargeExpenseNotInBook,
    /// S-12: out-of-area care, and the book has no adjustment for it; the local ratio was applied.
    OutOfAreaNotInBook,
}

impl NoticeCode {
    /// The rule that limited who pays.
    pub const fn rule(self) -> &'static str {
        match self {
            NoticeCode::NotDesignated | NoticeCode::AccountNotAllowed => "S-6",
            NoticeCode::PremiumNotFull => "S-7",
            NoticeCode::QuotaInsufficient => "S-4",
            NoticeCode::ExampleParameters => "P-4",
            NoticeCode::SeriousIllnessNotInBook
            | NoticeCode::LargeExpenseNotInBook
            | NoticeCode::OutOfAreaNotInBook => "S-12",
        }
    }
}

/// One notice of a settlement (S-13).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub code: NoticeCode,
    /// The rule id (`"S-6"`), as [`NoticeCode::rule`] gives it.
    pub rule: String,
    /// The line item concerned (index into the request's `items`), when one is.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
    /// The family fund concerned (its sharer), when one is.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund: Option<PersonId>,
    /// The amount the rule sent to cash (0.00 for a notice that moves no money, such as example parameters).
    pub amount: Money,
}

impl Notice {
    /// A notice of `code` for `amount`, about no item or fund in particular.
    pub fn new(code: NoticeCode, amount: Money) -> Notice {
        Notice {
            code,
            rule: code.rule().into(),
            item: None,
            fund: None,
            amount,
        }
    }

    /// The same notice about line item `i`.
    pub fn item(mut self, i: usize) -> Notice {
        self.item = u32::try_from(i).ok();
        self
    }

    /// The same notice about the fund of `sharer`.
    pub fn fund(mut self, sharer: &PersonId) -> Notice {
        self.fund = Some(sharer.clone());
        self
    }
}
