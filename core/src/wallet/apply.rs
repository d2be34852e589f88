//! Dispatch of the ledger's commands to their handlers (the top of the wallet module).

use alloc::vec::Vec;

use super::bounds::{self, Windows};
use super::state::WalletState;
use super::{ledger, quota, relationship, transfer};
use super::{Applied, Command, Ctx, Event};
use crate::error::{Code, Error};
use crate::person::{valid_id, MAX_ID};
use crate::policy::PolicyBook;
use crate::time::DateTime;

/// Applies one command at time `now`: the new state and its events, or a rejection with code and rule.
pub fn apply(
    book: &PolicyBook,
    state: &WalletState,
    command: &Command,
    now: DateTime,
) -> Result<Applied, Error> {
    state.validate()?;
    state.check_seq()?;
    let mut s = state.clone();
    let events = apply_in_place(&mut Windows::new(book), &mut s, command, now)?;
    Ok(Applied { state: s, events })
}

/// [`apply`] on a state this crate built and has changed only through `apply`/`apply_in_place` (the
/// planner's ledger, PL-1): the same rules, without validating the whole state or copying it first.
/// On an error the state may be half changed: the caller drops it, or applies the command to a copy.
/// `windows` carries the book (and the reversal windows already looked up in it).
pub(crate) fn apply_in_place(
    windows: &mut Windows,
    s: &mut WalletState,
    command: &Command,
    now: DateTime,
) -> Result<Vec<Event>, Error> {
    if s.last_time.is_some_and(|t| now < t) {
        return Err(Error::new(Code::TimeWentBack, "now"));
    }
    let before = bounds::Shape::of(s);
    let new_day = s.last_time.is_none_or(|t| t.date() != now.date());
    let mut events = Vec::new();
    let ctx = Ctx {
        book: windows.book,
        now,
    };
    ledger::rollover(s, &mut events, now);
    check_ids(command)?;
    dispatch(&ctx, s, &mut events, command)?;
    bounds::close(windows, now.date(), s, &mut events, new_day)?;
    s.last_time = Some(now);
    before.guard(s)?;
    Ok(events)
}

/// The one id rule (`person::valid_id`) for every id a command names; person ids are checked when
/// parsed, settlement references again by the settlement's own (shorter) limit.
fn check_ids(command: &Command) -> Result<(), Error> {
    let (field, id) = match command {
        Command::Review { relationship, .. }
        | Command::Dissolve { relationship, .. }
        | Command::Grant { relationship, .. }
        | Command::Revoke { relationship, .. }
        | Command::Transfer { relationship, .. } => ("command.args.relationship", relationship),
        Command::Accept { transfer, .. } => ("command.args.transfer", transfer),
        Command::Spend { reference, .. }
        | Command::Refund { reference }
        | Command::Settle { reference, .. }
        | Command::Reverse { reference } => ("command.args.reference", reference),
        _ => return Ok(()),
    };
    if valid_id(id, MAX_ID) {
        Ok(())
    } else {
        Err(Error::new(Code::IdInvalid, field))
    }
}

/// Runs one command's handler on the working copy of the state.
fn dispatch(
    ctx: &Ctx,
    s: &mut WalletState,
    events: &mut Vec<Event>,
    command: &Command,
) -> Result<(), Error> {
    match command {
        Command::RegisterPerson {
            person,
            balance,
            current_year_credits,
        } => relationship::register(s, events, person, *balance, *current_year_credits)?,
        Command::OpenWallet { person } => {
            s.person_mut(person, "command.args.person")?.wallet_opened = true;
            events.push(Event::WalletOpened {
                person: person.clone(),
            });
        }
        Command::Establish {
            sharer,
            beneficiary,
            kinship,
            mode,
            commitment_signed,
        } => relationship::establish(
            ctx,
            s,
            events,
            sharer,
            beneficiary,
            *kinship,
            *mode,
            *commitment_signed,
        )?,
        Command::Review {
            relationship,
            approved,
        } => relationship::review(ctx, s, events, relationship, *approved)?,
        Command::Dissolve { relationship, by } => {
            relationship::dissolve_by(ctx, s, events, relationship, by)?
        }
        Command::InsuranceChanged {
            person,
            change,
            region,
        } => relationship::insurance_changed(ctx, s, events, person, *change, *region)?,
        Command::Grant {
            relationship,
            amount,
        } => quota::grant(ctx, s, events, relationship, *amount)?,
        Command::Revoke {
            relationship,
            amount,
        } => quota::revoke(s, events, relationship, *amount)?,
        Command::Transfer {
            relationship,
            amount,
        } => transfer::send(ctx, s, events, relationship, *amount)?,
        Command::Accept { transfer, by } => transfer::accept(ctx, s, events, transfer, by)?,
        Command::Tick => transfer::expire(ctx, s, events),
        Command::Refund { reference } => quota::refund_command(ctx, s, events, reference)?,
        Command::Spend { .. }
        | Command::Settle { .. }
        | Command::Reverse { .. }
        | Command::Credit { .. } => ledger_command(ctx, s, events, command)?,
    }
    Ok(())
}

/// Spending and the ledger-of-record commands (Q-2, S-14, Q-8).
fn ledger_command(
    ctx: &Ctx,
    s: &mut WalletState,
    events: &mut Vec<Event>,
    command: &Command,
) -> Result<(), Error> {
    match command {
        Command::Spend {
            sharer,
            beneficiary,
            amount,
            reference,
            visit_type,
            institution,
        } => quota::spend(
            ctx,
            s,
            events,
            &quota::SpendArgs {
                sharer,
                beneficiary,
                amount: *amount,
                reference,
                visit_type: *visit_type,
                institution: institution.as_deref(),
            },
        )?,
        Command::Settle {
            reference,
            date,
            patient,
            visit,
            items,
            presettlement,
            explain,
            fund_order,
            institution,
            estimate,
        } => ledger::settle(
            ctx,
            s,
            events,
            &ledger::Bill {
                reference,
                date: *date,
                patient,
                visit,
                items,
                presettlement: presettlement.as_ref(),
                explain: *explain,
                fund_order: fund_order.unwrap_or_default(),
                institution: institution.as_deref(),
                estimate: *estimate,
            },
        )?,
        Command::Reverse { reference } => ledger::reverse(ctx, s, events, reference)?,
        Command::Credit {
            person,
            amount,
            kind,
        } => ledger::credit(s, events, person, *amount, *kind)?,
        _ => {}
    }
    Ok(())
}
