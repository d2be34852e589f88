//! Establishing, reviewing and dissolving relationships (E-6, E-7, E-9).

use alloc::string::String;
use alloc::vec::Vec;

use super::state::{Account, EndReason, RelationshipStatus, Transfer, TransferStatus, WalletState};
use super::{Ctx, Event, InsuranceChange};
use crate::eligibility::{check_eligibility, EligibilityRequest, ReasonCode};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::{Enrollment, Kinship, Mode, Person, PersonId, RegionCode};
use crate::text;

pub(super) fn register(
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    person: &Person,
    balance: Money,
    current_year_credits: Money,
) -> Result<(), Error> {
    if s.person(&person.id).is_some() {
        return Err(
            Error::new(Code::PersonExists, "command.args.person.id").text(text::quoted(&person.id))
        );
    }
    if current_year_credits > balance {
        return Err(
            Error::new(Code::StateInvalid, "command.args.current_year_credits")
                .text(text::credits_exceed_balance()),
        );
    }
    s.persons.push(person.clone());
    s.accounts.push(Account {
        person: person.id.clone(),
        balance,
        current_year_credits,
    });
    ev.push(Event::PersonRegistered {
        person: person.id.clone(),
        balance,
    });
    Ok(())
}

/// E-6: establishes after the E-1..E-7 checks; pending when the region reviews, active otherwise.
#[allow(clippy::too_many_arguments)]
pub(super) fn establish(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    sharer: &PersonId,
    beneficiary: &PersonId,
    kinship: Kinship,
    mode: Mode,
    commitment_signed: bool,
) -> Result<(), Error> {
    let sp = s.person_or(sharer, "command.args.sharer")?.clone();
    let bp = s
        .person_or(beneficiary, "command.args.beneficiary")?
        .clone();
    let open = |st: RelationshipStatus| {
        matches!(st, RelationshipStatus::Pending | RelationshipStatus::Active)
    };
    if s.relationships
        .iter()
        .any(|r| open(r.status) && &r.sharer == sharer && &r.beneficiary == beneficiary)
    {
        return Err(Error::new(
            Code::RelationshipExists,
            "command.args.beneficiary",
        ));
    }
    let others = s
        .relationships
        .iter()
        .filter(|r| open(r.status) && &r.beneficiary == beneficiary)
        .count();
    let req = EligibilityRequest {
        date: ctx.now.date(),
        mode,
        sharer: sp,
        beneficiary: bp,
        kinship,
        commitment_signed: Some(commitment_signed),
        beneficiary_sharers: u32::try_from(others).unwrap_or(u32::MAX),
    };
    let decision = check_eligibility(ctx.book, &req)?;
    let first_failed = decision.failed.iter().find_map(|r| match r.code {
        ReasonCode::Fail(code) => Some((code, r)),
        ReasonCode::Pass(_) => None,
    });
    if let Some((code, first)) = first_failed {
        let all: Vec<&str> = decision.failed.iter().map(|r| r.code.as_str()).collect();
        let all = all.join(", ");
        return Err(Error::new(code, field_of(code)).text(text::not_eligible(
            &first.message_zh,
            &first.message_en,
            &all,
        )));
    }
    let id = s.next_id('R');
    let status = if decision.review_required {
        RelationshipStatus::Pending
    } else {
        RelationshipStatus::Active
    };
    let r = super::state::Relationship {
        id,
        sharer: sharer.clone(),
        beneficiary: beneficiary.clone(),
        kinship,
        mode,
        status,
        signed_at: ctx.now,
        effective_at: (status == RelationshipStatus::Active).then_some(ctx.now),
        ended_at: None,
        end_reason: None,
    };
    ev.push(established(&r));
    s.relationships.push(r);
    Ok(())
}

/// E-6, T-1: the event of a new relationship, with its parties, kinship and mode.
fn established(r: &super::state::Relationship) -> Event {
    Event::RelationshipEstablished {
        relationship: r.id.clone(),
        sharer: r.sharer.clone(),
        beneficiary: r.beneficiary.clone(),
        kinship: r.kinship,
        mode: r.mode,
        status: r.status,
    }
}

fn field_of(code: Code) -> &'static str {
    match code {
        Code::SharerNotEmployee | Code::SharerNotActive => "command.args.sharer",
        Code::KinshipNotEligible => "command.args.kinship",
        Code::CommitmentNotSigned => "command.args.commitment_signed",
        Code::CrossProvinceNeedsWallet | Code::WalletNotEnabled | Code::WalletNotOpened => {
            "command.args.mode"
        }
        _ => "command.args.beneficiary",
    }
}

/// E-6 (regional): review outcome of a pending relationship.
pub(super) fn review(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    id: &str,
    approved: bool,
) -> Result<(), Error> {
    let i = s.relationship_idx(id, "command.args.relationship")?;
    let r = &mut s.relationships[i];
    if r.status != RelationshipStatus::Pending {
        return Err(Error::new(
            Code::RelationshipNotPending,
            "command.args.relationship",
        ));
    }
    if approved {
        r.status = RelationshipStatus::Active;
        r.effective_at = Some(ctx.now);
        ev.push(Event::RelationshipActivated {
            relationship: r.id.clone(),
        });
    } else {
        r.status = RelationshipStatus::Rejected;
        r.ended_at = Some(ctx.now);
        r.end_reason = Some(EndReason::ReviewRejected);
        ev.push(Event::RelationshipRejected {
            relationship: r.id.clone(),
        });
    }
    Ok(())
}

/// E-9: either party dissolves at any time.
pub(super) fn dissolve_by(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    id: &str,
    by: &PersonId,
) -> Result<(), Error> {
    let i = s.relationship_idx(id, "command.args.relationship")?;
    let r = &s.relationships[i];
    let reason = if &r.sharer == by {
        EndReason::BySharer
    } else if &r.beneficiary == by {
        EndReason::ByBeneficiary
    } else {
        return Err(Error::new(Code::NotAParty, "command.args.by"));
    };
    if !matches!(
        r.status,
        RelationshipStatus::Active | RelationshipStatus::Pending
    ) {
        return Err(Error::new(
            Code::RelationshipNotActive,
            "command.args.relationship",
        ));
    }
    dissolve(ctx, s, ev, i, reason)
}

/// E-9: insurance terminated or moved region: every open relationship of the person dissolves.
pub(super) fn insurance_changed(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    person: &PersonId,
    change: InsuranceChange,
    region: Option<RegionCode>,
) -> Result<(), Error> {
    let p = s.person_mut(person, "command.args.person")?;
    let reason = match (change, region) {
        (InsuranceChange::Terminated, None) => {
            p.enrollment = Enrollment::Terminated;
            EndReason::InsuranceTerminated
        }
        (InsuranceChange::MovedRegion, Some(to)) if to != p.region => {
            p.region = to;
            EndReason::MovedRegion
        }
        (InsuranceChange::MovedRegion, _) => {
            return Err(
                Error::new(Code::MissingField, "command.args.region").text(text::give_new_region())
            )
        }
        (InsuranceChange::Terminated, Some(_)) => {
            return Err(Error::new(Code::UnknownField, "command.args.region")
                .text(text::termination_takes_no_region()))
        }
    };
    ev.push(Event::InsuranceChanged {
        person: person.clone(),
        change,
    });
    let affected: Vec<usize> = (0..s.relationships.len())
        .filter(|&i| {
            let r = &s.relationships[i];
            matches!(
                r.status,
                RelationshipStatus::Active | RelationshipStatus::Pending
            ) && (&r.sharer == person || &r.beneficiary == person)
        })
        .collect();
    for i in affected {
        dissolve(ctx, s, ev, i, reason)?;
    }
    Ok(())
}

/// Ends relationship `i`: unspent quotas and pending transfers return to the sharer (E-9).
pub(super) fn dissolve(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    i: usize,
    reason: EndReason,
) -> Result<(), Error> {
    let id: String = s.relationships[i].id.clone();
    let (sharer, beneficiary) = (
        s.relationships[i].sharer.clone(),
        s.relationships[i].beneficiary.clone(),
    );
    let mut returned = Money::ZERO;
    for q in s.quotas.iter_mut().filter(|q| q.relationship == id) {
        returned = add(returned, q.amount)?;
        q.amount = Money::ZERO;
    }
    for t in s
        .transfers
        .iter_mut()
        .filter(|t| t.relationship == id && t.status == TransferStatus::Pending)
    {
        returned = add(returned, t.amount)?;
        t.status = TransferStatus::Returned;
        ev.push(transfer_returned(t));
    }
    let acct = s.account_mut(&sharer)?;
    acct.balance = add(acct.balance, returned)?;
    let r = &mut s.relationships[i];
    r.status = RelationshipStatus::Dissolved;
    r.ended_at = Some(ctx.now);
    r.end_reason = Some(reason);
    ev.push(Event::RelationshipDissolved {
        relationship: id,
        sharer,
        beneficiary,
        reason,
        returned,
    });
    Ok(())
}

/// Q-5, T-1: the event of a transfer given back to its sender.
pub(super) fn transfer_returned(t: &Transfer) -> Event {
    Event::TransferReturned {
        transfer: t.id.clone(),
        relationship: t.relationship.clone(),
        sharer: t.sharer.clone(),
        beneficiary: t.beneficiary.clone(),
        amount: t.amount,
    }
}

pub(super) fn add(a: Money, b: Money) -> Result<Money, Error> {
    a.checked_add(b)
        .ok_or_else(|| Error::new(Code::AmountTooLarge, "state"))
}
