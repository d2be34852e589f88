//! The transfer form of the wallet (Q-5 b): send, accept, return at the deadline.

use alloc::vec::Vec;

use super::quota::{positive, take_shareable, wallet_relationship};
use super::relationship::{add, transfer_returned};
use super::state::{Quota, QuotaOrigin, RelationshipStatus, Transfer, TransferStatus, WalletState};
use super::{Ctx, Event};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::PersonId;
use crate::policy::WalletModel;
use crate::text;

/// Whether a minute of the day falls in the quiet window `[from, until)`, which may wrap past midnight.
fn quiet(minute: u16, from: u16, until: u16) -> bool {
    if from <= until {
        (from..until).contains(&minute)
    } else {
        minute >= from || minute < until
    }
}

pub(super) fn send(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    rel: &str,
    amount: Money,
) -> Result<(), Error> {
    positive(amount)?;
    let i = wallet_relationship(ctx, s, rel, WalletModel::Transfer)?;
    let (sharer, beneficiary) = (
        s.relationships[i].sharer.clone(),
        s.relationships[i].beneficiary.clone(),
    );
    let region = s.person_or(&sharer, "command.args.relationship")?.region;
    let limits = ctx
        .book
        .resolve(region, ctx.now.date())?
        .transfer_limits
        .clone();
    if quiet(
        ctx.now.minute_of_day(),
        limits.quiet_from.minutes(),
        limits.quiet_until.minutes(),
    ) {
        return Err(Error::new(Code::TransferQuietHours, "now")
            .text(text::quiet_hours(&limits.quiet_from, &limits.quiet_until)));
    }
    if amount > limits.max_amount {
        return Err(Error::new(Code::TransferAmountLimit, "command.args.amount")
            .text(text::transfer_max(&limits.max_amount)));
    }
    let today = s
        .transfers
        .iter()
        .filter(|t| t.sharer == sharer && t.sent_at.date() == ctx.now.date())
        .count();
    if today >= limits.max_per_day as usize {
        return Err(Error::new(Code::TransferDailyLimit, "command.type")
            .text(text::transfers_per_day(&limits.max_per_day)));
    }
    if s.transfers
        .iter()
        .any(|t| t.beneficiary == beneficiary && t.status == TransferStatus::Pending)
    {
        return Err(Error::new(
            Code::TransferPending,
            "command.args.relationship",
        ));
    }
    // a deadline past the representable dates would brick the ledger; refuse it up front.
    let returns_at = ctx
        .now
        .date()
        .checked_next_day()
        .ok_or_else(|| Error::new(Code::DeadlineOutOfRange, "now"))?
        .at(limits.return_at.minutes());
    take_shareable(ctx, s, &sharer, amount)?;
    let id = s.next_id('T');
    s.transfers.push(Transfer {
        id: id.clone(),
        relationship: rel.into(),
        sharer: sharer.clone(),
        beneficiary: beneficiary.clone(),
        amount,
        sent_at: ctx.now,
        returns_at,
        status: TransferStatus::Pending,
    });
    ev.push(Event::TransferSent {
        transfer: id,
        relationship: rel.into(),
        sharer,
        beneficiary,
        amount,
        returns_at,
    });
    Ok(())
}

pub(super) fn accept(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    id: &str,
    by: &PersonId,
) -> Result<(), Error> {
    let k = s.transfers.iter().position(|t| t.id == id).ok_or_else(|| {
        Error::new(Code::TransferUnknown, "command.args.transfer").text(text::quoted(&id))
    })?;
    let t = s.transfers[k].clone();
    if t.status != TransferStatus::Pending {
        return Err(Error::new(
            Code::TransferNotPending,
            "command.args.transfer",
        ));
    }
    if &t.beneficiary != by {
        return Err(Error::new(Code::NotReceiver, "command.args.by"));
    }
    if ctx.now >= t.returns_at {
        return Err(Error::new(Code::TransferExpired, "now").text(text::deadline(&t.returns_at)));
    }
    if !s
        .relationships
        .iter()
        .any(|r| r.id == t.relationship && r.status == RelationshipStatus::Active)
    {
        return Err(Error::new(
            Code::RelationshipNotActive,
            "command.args.transfer",
        ));
    }
    s.transfers[k].status = TransferStatus::Accepted;
    let qid = s.next_id('Q');
    s.quotas.push(Quota {
        id: qid.clone(),
        relationship: t.relationship.clone(),
        sharer: t.sharer.clone(),
        beneficiary: t.beneficiary.clone(),
        origin: QuotaOrigin::Transfer,
        granted_at: ctx.now,
        granted: t.amount,
        amount: t.amount,
        spent: Money::ZERO,
    });
    ev.push(Event::TransferAccepted {
        transfer: id.into(),
        quota: qid,
        relationship: t.relationship,
        sharer: t.sharer,
        beneficiary: t.beneficiary,
        amount: t.amount,
    });
    Ok(())
}

/// a transfer not accepted returns to the sender at the deadline (06:00 the next day).
pub(super) fn expire(ctx: &Ctx, s: &mut WalletState, ev: &mut Vec<Event>) {
    let due: Vec<usize> = (0..s.transfers.len())
        .filter(|&k| {
            s.transfers[k].status == TransferStatus::Pending && ctx.now >= s.transfers[k].returns_at
        })
        .collect();
    for k in due {
        let t = s.transfers[k].clone();
        if let Ok(acct) = s.account_mut(&t.sharer) {
            if let Ok(b) = add(acct.balance, t.amount) {
                acct.balance = b;
                s.transfers[k].status = TransferStatus::Returned;
                ev.push(transfer_returned(&t));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn q5_quiet_window_wraps_midnight() {
        // 22:00 = 1320, 06:00 = 360
        assert!(super::quiet(1320, 1320, 360));
        assert!(super::quiet(0, 1320, 360));
        assert!(super::quiet(359, 1320, 360));
        assert!(!super::quiet(360, 1320, 360));
        assert!(!super::quiet(1319, 1320, 360));
    }
}
