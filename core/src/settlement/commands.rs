//! The ledger commands a settlement or a reversal hands to the host (S-5, S-9).
//!
//! Their JSON is exactly that of the wallet's `spend` and `refund` commands, so a host may pass each to
//! `apply` as it is; in Rust, `wallet::Command::from` converts them.

use alloc::string::String;
use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::person::PersonId;

/// `{"type": "spend", "args": {…}}` or `{"type": "refund", "args": {…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(
    remote = "Self",
    tag = "type",
    content = "args",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum LedgerCommand {
    /// shared money pays part of a bill.
    Spend {
        sharer: PersonId,
        beneficiary: PersonId,
        amount: Money,
        reference: String,
    },
    /// S-9: gives back exactly what a spend took.
    Refund { reference: String },
}

crate::codec::tagged::tagged! {
    LedgerCommand as LedgerCommandMirror, "adjacently tagged enum LedgerCommand", "\0LedgerCommand:type:args" {
        Spend {
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
            reference: String,
        },
        Refund {
            reference: String,
        },
    }
}
