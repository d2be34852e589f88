//! Quotas (Q-1..Q-4, Q-6) and spending with refunds (S-9).

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::advice::shareable_now;
use super::relationship::add;
use super::state::{Draw, Quota, QuotaOrigin, RelationshipStatus, Spend, WalletState};
use super::{Ctx, Event};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::Mode;
use crate::person::PersonId;
use crate::policy::{VisitType, WalletModel};
use crate::settlement::check_reference;
use crate::text;

/// Checks a relationship is active, in wallet mode, with the given wallet model in force.
pub(super) fn wallet_relationship(
    ctx: &Ctx,
    s: &WalletState,
    id: &str,
    model: WalletModel,
) -> Result<usize, Error> {
    let i = s.relationship_idx(id, "command.args.relationship")?;
    let r = &s.relationships[i];
    if r.status != RelationshipStatus::Active {
        return Err(Error::new(
            Code::RelationshipNotActive,
            "command.args.relationship",
        ));
    }
    if r.mode != Mode::Wallet {
        return Err(Error::new(Code::WrongMode, "command.args.relationship"));
    }
    for who in [&r.sharer, &r.beneficiary] {
        let p = s.person_or(who, "command.args.relationship")?;
        if !*ctx.book.resolve(p.region, ctx.now.date())?.wallet_enabled {
            return Err(
                Error::new(Code::WalletNotEnabled, "command.args.relationship")
                    .text(text::region_is(&p.region)),
            );
        }
    }
    let sp = s.person_or(&r.sharer, "command.args.relationship")?;
    let in_force = *ctx.book.resolve(sp.region, ctx.now.date())?.wallet_model;
    if in_force != model {
        return Err(Error::new(Code::WrongWalletModel, "command.type")
            .text(text::region_uses(in_force.term().words())));
    }
    Ok(i)
}

/// Rejects a zero amount.
pub(super) fn positive(amount: Money) -> Result<(), Error> {
    if amount.is_zero() {
        return Err(Error::new(Code::AmountZero, "command.args.amount"));
    }
    Ok(())
}

/// Takes `amount` from the sharer's shareable balance; E-8 when only received money would cover it.
pub(super) fn take_shareable(
    ctx: &Ctx,
    s: &mut WalletState,
    sharer: &PersonId,
    amount: Money,
) -> Result<Money, Error> {
    let can = shareable_now(ctx.book, s, sharer, ctx.now)?;
    if amount > can {
        let received: Money = s
            .quotas
            .iter()
            .filter(|q| &q.beneficiary == sharer)
            .fold(Money::ZERO, |a, q| a.checked_add(q.amount).unwrap_or(a));
        let code = if !received.is_zero() && can.checked_add(received).is_some_and(|t| amount <= t)
        {
            Code::ReceivedNotShareable
        } else {
            Code::InsufficientShareable
        };
        return Err(Error::new(code, "command.args.amount").text(text::shareable_is(&can)));
    }
    let acct = s.account_mut(sharer)?;
    acct.balance = acct
        .balance
        .checked_sub(amount)
        .ok_or_else(|| Error::new(Code::InsufficientShareable, "command.args.amount"))?;
    Ok(can.saturating_sub(amount))
}

/// the quota leaves the sharer's usable balance at once.
pub(super) fn grant(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    rel: &str,
    amount: Money,
) -> Result<(), Error> {
    positive(amount)?;
    let i = wallet_relationship(ctx, s, rel, WalletModel::VirtualQuota)?;
    let (sharer, beneficiary) = (
        s.relationships[i].sharer.clone(),
        s.relationships[i].beneficiary.clone(),
    );
    let after = take_shareable(ctx, s, &sharer, amount)?;
    let id = s.next_id('Q');
    s.quotas.push(Quota {
        id: id.clone(),
        relationship: rel.into(),
        sharer: sharer.clone(),
        beneficiary: beneficiary.clone(),
        origin: QuotaOrigin::Granted,
        granted_at: ctx.now,
        granted: amount,
        amount,
        spent: Money::ZERO,
    });
    ev.push(Event::QuotaGranted {
        quota: id,
        relationship: rel.into(),
        sharer,
        beneficiary,
        amount,
        shareable_after: after,
    });
    Ok(())
}

/// takes back unspent granted quota, newest first; transfers, once accepted, are the receiver's.
pub(super) fn revoke(
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    rel: &str,
    amount: Option<Money>,
) -> Result<(), Error> {
    let i = s.relationship_idx(rel, "command.args.relationship")?;
    let sharer = s.relationships[i].sharer.clone();
    let revocable = s
        .quotas
        .iter()
        .filter(|q| q.relationship == rel && q.origin == QuotaOrigin::Granted)
        .fold(Money::ZERO, |a, q| a.checked_add(q.amount).unwrap_or(a));
    if revocable.is_zero() {
        return Err(Error::new(
            Code::NothingToRevoke,
            "command.args.relationship",
        ));
    }
    let want = amount.unwrap_or(revocable);
    positive(want)?;
    if want > revocable {
        return Err(
            Error::new(Code::RevokeExceedsUnspent, "command.args.amount")
                .text(text::unspent_is(&revocable)),
        );
    }
    let mut left = want;
    for q in s
        .quotas
        .iter_mut()
        .rev()
        .filter(|q| q.relationship == rel && q.origin == QuotaOrigin::Granted)
    {
        let take = q.amount.min(left);
        q.amount = q.amount.saturating_sub(take);
        left = left.saturating_sub(take);
    }
    let acct = s.account_mut(&sharer)?;
    acct.balance = add(acct.balance, want)?;
    ev.push(Event::QuotaRevoked {
        relationship: rel.into(),
        sharer,
        beneficiary: s.relationships[i].beneficiary.clone(),
        amount: want,
    });
    Ok(())
}

/// The arguments of a spend (the `spend` command, or one sharer's part of a ledger settlement).
pub(super) struct SpendArgs<'a> {
    pub sharer: &'a PersonId,
    pub beneficiary: &'a PersonId,
    pub amount: Money,
    pub reference: &'a str,
    /// T-1: recorded for the statement.
    pub visit_type: Option<VisitType>,
    /// T-1: recorded for the statement; an id, checked as references are.
    pub institution: Option<&'a str>,
}

/// shared money pays part of a bill; never more than is available, never partly.
pub(super) fn spend(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    a: &SpendArgs,
) -> Result<(), Error> {
    let (sharer, beneficiary, amount, reference) = (a.sharer, a.beneficiary, a.amount, a.reference);
    positive(amount)?;
    if let Some(inst) = a.institution {
        check_reference(inst, "command.args.institution")?;
    }
    if s.spends.iter().any(|x| x.reference == reference) {
        return Err(Error::new(
            Code::SpendReferenceExists,
            "command.args.reference",
        ));
    }
    s.person_or(sharer, "command.args.sharer")?;
    s.person_or(beneficiary, "command.args.beneficiary")?;
    let i = s
        .relationships
        .iter()
        .position(|r| {
            r.status == RelationshipStatus::Active
                && &r.sharer == sharer
                && &r.beneficiary == beneficiary
        })
        .ok_or_else(|| Error::new(Code::RelationshipNotActive, "command.args.sharer"))?;
    let rel = s.relationships[i].id.clone();
    let draws = match s.relationships[i].mode {
        Mode::Wallet => draw_quotas(s, &rel, amount)?,
        Mode::InProvince => draw_account(ctx, s, sharer, amount)?,
    };
    let institution = a.institution.map(String::from);
    s.spends.push(Spend {
        reference: reference.into(),
        relationship: rel.clone(),
        sharer: sharer.clone(),
        beneficiary: beneficiary.clone(),
        amount,
        at: ctx.now,
        visit_type: a.visit_type,
        institution: institution.clone(),
        draws,
        refunded: false,
    });
    ev.push(Event::Spent {
        reference: reference.into(),
        relationship: rel,
        sharer: sharer.clone(),
        beneficiary: beneficiary.clone(),
        amount,
        visit_type: a.visit_type,
        institution,
    });
    Ok(())
}

/// a wallet spend draws on the relationship's quotas, oldest first, never past what is available.
fn draw_quotas(s: &mut WalletState, rel: &str, amount: Money) -> Result<Vec<Draw>, Error> {
    let available = s.quota_available(rel);
    if amount > available {
        return Err(Error::new(Code::QuotaExceeded, "command.args.amount")
            .text(text::available_is(&available)));
    }
    let mut draws = Vec::new();
    let mut left = amount;
    for q in s
        .quotas
        .iter_mut()
        .filter(|q| q.relationship == rel && !q.amount.is_zero())
    {
        if left.is_zero() {
            break;
        }
        let take = q.amount.min(left);
        q.amount = q.amount.saturating_sub(take);
        q.spent = add(q.spent, take)?;
        left = left.saturating_sub(take);
        draws.push(Draw {
            quota: Some(q.id.clone()),
            amount: take,
        });
    }
    Ok(draws)
}

/// an in-province spend is charged to the sharer's account, within what is shareable.
fn draw_account(
    ctx: &Ctx,
    s: &mut WalletState,
    sharer: &PersonId,
    amount: Money,
) -> Result<Vec<Draw>, Error> {
    let can = shareable_now(ctx.book, s, sharer, ctx.now)?;
    if amount > can {
        return Err(Error::new(Code::QuotaExceeded, "command.args.amount")
            .text(text::sharer_can_share(&can)));
    }
    let acct = s.account_mut(sharer)?;
    acct.balance = acct.balance.saturating_sub(amount);
    Ok(alloc::vec![Draw {
        quota: None,
        amount,
    }])
}

/// S-9: the `refund` command: within the spend's reversal window (from the day it was made), then
/// [`refund`].
pub(super) fn refund_command(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    reference: &str,
) -> Result<(), Error> {
    if let Some(x) = s.spends.iter().find(|x| x.reference == reference) {
        if !x.refunded {
            let (who, date) = (x.beneficiary.clone(), x.at.date());
            super::bounds::within_window(ctx, s, &who, date)?;
        }
    }
    refund(s, ev, reference)
}

/// S-9: gives back exactly what the spend took: to its quotas while the relationship is active,
/// otherwise to the sharer's account (E-9: unspent money of a dissolved relationship is the sharer's).
pub(super) fn refund(
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    reference: &str,
) -> Result<(), Error> {
    let k = s
        .spends
        .iter()
        .position(|x| x.reference == reference)
        .ok_or_else(|| Error::new(Code::SpendUnknown, "command.args.reference"))?;
    if s.spends[k].refunded {
        return Err(Error::new(
            Code::SpendAlreadyRefunded,
            "command.args.reference",
        ));
    }
    let spend = s.spends[k].clone();
    let active = s
        .relationships
        .iter()
        .any(|r| r.id == spend.relationship && r.status == RelationshipStatus::Active);
    let mut to_sharer = Money::ZERO;
    // One look-up table for every draw (a spend may draw on many quotas): O((d + q) log q).
    let at: BTreeMap<String, usize> = if spend.draws.len() > 1 {
        s.quotas
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.clone(), i))
            .collect()
    } else {
        BTreeMap::new()
    };
    let find = |s: &WalletState, id: &str| match at.get(id) {
        Some(i) => Some(*i),
        None if at.is_empty() => s.quotas.iter().position(|q| q.id == id),
        None => None,
    };
    for d in &spend.draws {
        match d.quota.as_deref().and_then(|id| find(s, id)) {
            Some(qi) => {
                let q = &mut s.quotas[qi];
                q.spent = q
                    .spent
                    .checked_sub(d.amount)
                    .ok_or_else(|| Error::new(Code::StateInvalid, "state.quotas"))?;
                if active {
                    q.amount = add(q.amount, d.amount)?;
                } else {
                    to_sharer = add(to_sharer, d.amount)?;
                }
            }
            None if d.quota.is_some() => {
                return Err(Error::new(Code::StateInvalid, "state.spends"))
            }
            None => to_sharer = add(to_sharer, d.amount)?,
        }
    }
    let acct = s.account_mut(&spend.sharer)?;
    acct.balance = add(acct.balance, to_sharer)?;
    s.spends[k].refunded = true;
    ev.push(Event::Refunded {
        reference: reference.into(),
        relationship: spend.relationship,
        sharer: spend.sharer,
        beneficiary: spend.beneficiary,
        amount: spend.amount,
    });
    Ok(())
}
