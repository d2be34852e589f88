//! # gongji-core — 职工医保个人账户共济
//!
//! The rules of China's employee medical-insurance personal-account sharing: who may share with whom
//! (E-rules), how much may be granted and how the wallet ledger moves (Q-rules), and who pays what of a
//! bill (S-rules), driven by a dated policy book (P-rules). Rule ids refer to `docs/domain.md`.
//!
//! The crate is sans-I/O and `no_std` + `alloc`: no clock, files, network or randomness. Time and state
//! are inputs; results are values. Money is [`Money`] (a `rust_decimal::Decimal` in yuan, two places),
//! a decimal string in every document.
//!
//! ```
//! use gongji_core::{check_eligibility, PolicyBook, EligibilityRequest};
//! let book = PolicyBook::embedded();
//! let req: EligibilityRequest = gongji_core::json::parse_doc(r#"{
//!   "date": "2025-06-01", "mode": "in_province", "kinship": "parent", "commitment_signed": true,
//!   "sharer": {"id": "A", "scheme": "employee", "region": "330100", "enrollment": "active"},
//!   "beneficiary": {"id": "B", "scheme": "resident", "region": "330100", "enrollment": "active"}
//! }"#).unwrap();
//! let decision = check_eligibility(&book, &req).unwrap();
//! assert!(decision.allowed);
//! ```
// The uniffi records (feature `uniffi`, native libraries only) need std; the default build is no_std.
#![cfg_attr(not(any(test, feature = "uniffi")), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

extern crate alloc;

mod codec;
pub mod eligibility;
pub mod error;
#[cfg(feature = "uniffi")]
pub mod ffi;
pub mod json;
pub mod money;
pub mod person;
pub mod plan;
pub mod policy;
pub mod settlement;
mod text;
pub mod time;
pub mod wallet;

pub use eligibility::{check_eligibility, Decision, EligibilityRequest, Reason};
pub use error::{Code, Error, ErrorDoc};
pub use money::{Money, Ratio};
pub use person::{Enrollment, Kinship, Mode, Person, PersonId, RegionCode, Scheme};
pub use policy::PolicyBook;
pub use settlement::{reverse, settle, Reversal, SettleRequest, Settlement};
pub use time::{Date, DateTime};
pub use wallet::{apply, Applied, Command, Event, WalletState};

#[cfg(feature = "uniffi")]
pub use ffi::GongjiError;
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
