//! What a client may send, who may send it, and the core command the host makes of it. A client never
//! sends a state, a settlement, a reference for a new bill, a time or the acting person (`by`): the host
//! takes the actor from the token, the time from its clock and assigns the bill's reference.

use gongji_core::money::Money;
use gongji_core::person::{Kinship, Mode, Person, PersonId, RegionCode};
use gongji_core::settlement::{FundOrder, Item, Presettlement, Visit};
use gongji_core::wallet::{Command, CreditKind, InsuranceChange, WalletState};
use gongji_core::DateTime;
use serde::{Deserialize, Serialize};

use crate::auth::{Claims, Role};
use crate::error::HostError;

/// A request's body: `{"command_id": "…", "command": {"type": "grant", "args": {…}}}`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandRequest {
    /// Made once per user action by the client (a UUID); a retry sends the same.
    pub command_id: String,
    pub command: serde_json::Value,
}

/// The commands of the API. (`Settle` carries a whole bill; a command is built once per request, so its
/// size costs nothing that matters.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    content = "args",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum ClientCommand {
    /// Settlement role (the agency's account feed): a person and the balance the agency holds.
    RegisterPerson {
        person: Person,
        #[serde(default)]
        balance: Money,
        #[serde(default)]
        current_year_credits: Money,
    },
    /// Settlement role (the agency's account feed), Q-8.
    Credit {
        person: PersonId,
        amount: Money,
        kind: CreditKind,
    },
    /// Settlement role (the agency), E-6 regional review.
    Review {
        relationship: String,
        approved: bool,
    },
    /// Settlement role (the agency), E-9.
    InsuranceChanged {
        person: PersonId,
        change: InsuranceChange,
        #[serde(default)]
        region: Option<RegionCode>,
    },
    /// The person opens their own wallet (E-5).
    OpenWallet,
    /// The sharer signs the commitment (E-6): the token's person is the sharer.
    Establish {
        beneficiary: PersonId,
        kinship: Kinship,
        mode: Mode,
        commitment_signed: bool,
    },
    /// Either party (E-9).
    Dissolve { relationship: String },
    /// Only the sharer.
    Grant { relationship: String, amount: Money },
    /// Only the sharer.
    Revoke {
        relationship: String,
        #[serde(default)]
        amount: Option<Money>,
    },
    /// Only the sharer (Q-5 b).
    Transfer { relationship: String, amount: Money },
    /// Only the transfer's beneficiary (Q-5 b).
    Accept { transfer: String },
    /// Anyone of the ledger: returns transfers past their deadline at the host's time.
    Tick,
    /// Settlement role (S-14): the host assigns the reference, the date and the institution.
    Settle {
        patient: PersonId,
        visit: Visit,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        presettlement: Option<Presettlement>,
        #[serde(default)]
        fund_order: Option<FundOrder>,
        #[serde(default)]
        explain: bool,
        /// P-4: settle on example-grade parameters where the region has no others.
        #[serde(default)]
        estimate: bool,
    },
    /// Settlement role (S-9, S-14): from the ledger's own booking.
    Reverse { reference: String },
}

/// The core command `actor` may issue, with the references the host assigned; or 403.
/// `version` is the ledger's version the command is computed from (a bill's reference is `B{version+1}`,
/// unique because every stored command moves the version by one).
pub fn authorize(
    claims: &Claims,
    cmd: ClientCommand,
    state: &WalletState,
    version: i64,
    now: DateTime,
) -> Result<(Command, Vec<String>), HostError> {
    let forbidden = || HostError::forbidden("command");
    let me = || claims.sub.parse::<PersonId>().map_err(|_| forbidden());
    let settlement = claims.role == Role::Settlement;
    let person = claims.role == Role::Person;
    let parties = |rel: &str| {
        state.relationships.iter().find(|r| r.id == rel).map(|r| {
            (
                r.sharer.as_str() == claims.sub,
                r.beneficiary.as_str() == claims.sub,
            )
        })
    };
    let command = match cmd {
        ClientCommand::RegisterPerson {
            person,
            balance,
            current_year_credits,
        } if settlement => Command::RegisterPerson {
            person,
            balance,
            current_year_credits,
        },
        ClientCommand::Credit {
            person,
            amount,
            kind,
        } if settlement => Command::Credit {
            person,
            amount,
            kind,
        },
        ClientCommand::Review {
            relationship,
            approved,
        } if settlement => Command::Review {
            relationship,
            approved,
        },
        ClientCommand::InsuranceChanged {
            person,
            change,
            region,
        } if settlement => Command::InsuranceChanged {
            person,
            change,
            region,
        },
        ClientCommand::OpenWallet if person => Command::OpenWallet { person: me()? },
        ClientCommand::Establish {
            beneficiary,
            kinship,
            mode,
            commitment_signed,
        } if person => Command::Establish {
            sharer: me()?,
            beneficiary,
            kinship,
            mode,
            commitment_signed,
        },
        ClientCommand::Dissolve { relationship } if person => {
            // Either party. A relationship the state no longer holds (closed, Q-9) or never held shows
            // nobody to be a party: refused here, never stored, and its existence not revealed.
            if !parties(&relationship).is_some_and(|(s, b)| s || b) {
                return Err(forbidden());
            }
            Command::Dissolve {
                relationship,
                by: me()?,
            }
        }
        ClientCommand::Grant {
            relationship,
            amount,
        } if person => {
            sharer_only(parties(&relationship))?;
            Command::Grant {
                relationship,
                amount,
            }
        }
        ClientCommand::Revoke {
            relationship,
            amount,
        } if person => {
            sharer_only(parties(&relationship))?;
            Command::Revoke {
                relationship,
                amount,
            }
        }
        ClientCommand::Transfer {
            relationship,
            amount,
        } if person => {
            sharer_only(parties(&relationship))?;
            Command::Transfer {
                relationship,
                amount,
            }
        }
        ClientCommand::Accept { transfer } if person => {
            let to = state.transfers.iter().find(|t| t.id == transfer);
            if to.is_some_and(|t| t.beneficiary.as_str() != claims.sub) {
                return Err(forbidden());
            }
            Command::Accept {
                transfer,
                by: me()?,
            }
        }
        ClientCommand::Tick => Command::Tick,
        ClientCommand::Settle {
            patient,
            visit,
            items,
            presettlement,
            fund_order,
            explain,
            estimate,
        } if settlement => {
            let reference = format!("B{}", version + 1);
            return Ok((
                Command::Settle {
                    reference: reference.clone(),
                    date: now.date(),
                    patient,
                    visit,
                    items,
                    presettlement,
                    explain,
                    fund_order,
                    institution: Some(claims.sub.clone()),
                    estimate,
                },
                vec![reference],
            ));
        }
        ClientCommand::Reverse { reference } if settlement => Command::Reverse { reference },
        _ => return Err(forbidden()),
    };
    Ok((command, Vec::new()))
}

/// Only the sharer. A relationship the state does not hold (never, or no longer: closed items leave
/// it, Q-9) shows nobody to be its sharer: 403, not stored.
fn sharer_only(parties: Option<(bool, bool)>) -> Result<(), HostError> {
    match parties {
        Some((true, _)) => Ok(()),
        _ => Err(HostError::forbidden("command")),
    }
}
