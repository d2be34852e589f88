//! Grants and transfers through the ledger: what the ledger accepts of a planned grant.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::output::{PlanGrant, PlanTransfer, PlanWarning, PlanWarningCode as W};
use super::sim::{date, grant_record, Sim, TRANSFER_LAST_DAY};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::PersonId;
use crate::policy::WalletModel;
use crate::wallet::{Command, Event};

/// Gives relative `i` `amount` in month `m` through the ledger: one grant (virtual quota) or transfers
/// of at most the limit each, at most so many a day, accepted at once (Q-5 b). Not strict: the amount is
/// fitted to the shareable balance and the days before the bills; strict (what-if): a refusal is
/// reported. Returns what the ledger took.
pub(super) fn give(
    sim: &mut Sim,
    i: usize,
    m: u8,
    amount: Money,
    strict: bool,
) -> Result<Money, Error> {
    let relative = sim.req.family[i].person.id.clone();
    let Some(sharer) = sim.req.sharer_of(i).cloned() else {
        return Ok(Money::ZERO);
    };
    let Some(rel) = sim.active_wallet(i) else {
        let code = match sim.rels.get(i).and_then(|r| r.as_ref()) {
            Some(_) => Code::WrongMode,
            None => Code::RelationshipNotActive,
        };
        refused(sim, &sharer, &relative, m, amount, code);
        return Ok(Money::ZERO);
    };
    let mut want = amount;
    if !strict {
        let can = sim.shareable_of(i, date(sim.req.year, m, 1)?.at(0))?;
        if want > can {
            short(
                sim,
                &sharer,
                &relative,
                m,
                want.saturating_sub(can),
                Code::InsufficientShareable.as_str(),
            );
            want = can;
        }
        if want.is_zero() {
            return Ok(Money::ZERO);
        }
    }
    let mut g = grant_record(&sharer, &relative, m);
    match sim.model(i, m)? {
        WalletModel::VirtualQuota => {
            let at = sim.next_time(m, 1)?;
            let c = Command::Grant {
                relationship: rel,
                amount: want,
            };
            match sim.try_cmd(c, at) {
                Ok(_) => g.amount = want,
                Err(e) => refused(sim, &sharer, &relative, m, want, e.code),
            }
        }
        WalletModel::Transfer => transfers(sim, i, m, &rel, want, strict, &mut g)?,
    }
    let got = g.amount;
    if !got.is_zero() {
        sim.out.grants.push(g);
    }
    Ok(got)
}

/// Q-5 b: `want` as transfers of at most `max_amount`, `max_per_day` a day per sharer, days 1–14.
fn transfers(
    sim: &mut Sim,
    i: usize,
    m: u8,
    rel: &str,
    want: Money,
    strict: bool,
    g: &mut PlanGrant,
) -> Result<(), Error> {
    let j = sim.sharer_index(i).unwrap_or(0);
    let region = sim.req.sharers[j].person.region;
    let limits = sim
        .book
        .resolve(region, date(sim.req.year, m, 1)?)?
        .transfer_limits
        .clone();
    let mut left = want;
    let mut reasons: Vec<String> = Vec::new();
    let note = |r: &mut Vec<String>, c: Code| {
        if !r.iter().any(|x| x == c.as_str()) {
            r.push(c.as_str().to_string());
        }
    };
    if want > limits.max_amount {
        note(&mut reasons, Code::TransferAmountLimit);
    }
    while !left.is_zero() {
        let chunk = left.min(limits.max_amount);
        let mut day = sim.cursor_day();
        if sent_on(sim, &g.sharer, m, day) >= limits.max_per_day as usize {
            day += 1;
            note(&mut reasons, Code::TransferDailyLimit);
        }
        if day > TRANSFER_LAST_DAY {
            if !strict {
                short(
                    sim,
                    &g.sharer.clone(),
                    &g.relative.clone(),
                    m,
                    left,
                    Code::TransferDailyLimit.as_str(),
                );
            } else {
                refused(
                    sim,
                    &g.sharer.clone(),
                    &g.relative.clone(),
                    m,
                    left,
                    Code::TransferDailyLimit,
                );
            }
            break;
        }
        if let Err(code) = send_one(sim, m, day, rel, chunk, &g.relative)? {
            refused(sim, &g.sharer.clone(), &g.relative.clone(), m, left, code);
            break;
        }
        g.amount = g.amount.checked_add(chunk).unwrap_or(g.amount);
        g.transfers.push(PlanTransfer { day, amount: chunk });
        left = left.saturating_sub(chunk);
    }
    if !reasons.is_empty() {
        limit_warning(sim, g, m, reasons);
    }
    Ok(())
}

/// Q-5 b: one transfer, accepted at once by the relative; the ledger's code when it refuses.
fn send_one(
    sim: &mut Sim,
    m: u8,
    day: u8,
    rel: &str,
    chunk: Money,
    relative: &PersonId,
) -> Result<Result<(), Code>, Error> {
    let at = sim.next_time(m, day)?;
    let c = Command::Transfer {
        relationship: rel.into(),
        amount: chunk,
    };
    let tid = match sim.try_cmd(c, at) {
        Ok(ev) => ev.into_iter().find_map(|e| match e {
            Event::TransferSent { transfer, .. } => Some(transfer),
            _ => None,
        }),
        Err(e) => return Ok(Err(e.code)),
    };
    let Some(tid) = tid else {
        return Ok(Err(Code::TransferUnknown));
    };
    let at = sim.next_time(m, day)?;
    let accept = Command::Accept {
        transfer: tid,
        by: relative.clone(),
    };
    sim.cmd(accept, at)?;
    Ok(Ok(()))
}

/// Q-5 b: the limits shaped this grant (`TRANSFER_AMOUNT_LIMIT`: split; `TRANSFER_DAILY_LIMIT`: spread);
/// the amount is what was transferred (a part left over is `COVER_SHORT`).
fn limit_warning(sim: &mut Sim, g: &PlanGrant, m: u8, reasons: Vec<String>) {
    let mut w = PlanWarning::new(W::TransferLimit);
    w.sharer = Some(g.sharer.clone());
    w.relative = Some(g.relative.clone());
    w.month = Some(m);
    w.amount = Some(g.amount);
    w.reasons = reasons;
    sim.out.schedule.push(w);
}

/// Transfers a sharer started on day `day` of month `m`.
fn sent_on(sim: &Sim, sharer: &PersonId, m: u8, day: u8) -> usize {
    let Ok(d) = date(sim.req.year, m, day) else {
        return 0;
    };
    sim.s
        .transfers
        .iter()
        .filter(|t| &t.sharer == sharer && t.sent_at.date() == d)
        .count()
}

fn short(sim: &mut Sim, sharer: &PersonId, relative: &PersonId, m: u8, amount: Money, why: &str) {
    let mut w = PlanWarning::new(W::CoverShort);
    w.sharer = Some(sharer.clone());
    w.relative = Some(relative.clone());
    w.month = Some(m);
    w.amount = Some(amount);
    w.reasons = alloc::vec![why.to_string()];
    sim.out.schedule.push(w);
}

fn refused(
    sim: &mut Sim,
    sharer: &PersonId,
    relative: &PersonId,
    m: u8,
    amount: Money,
    code: Code,
) {
    let mut w = PlanWarning::new(W::GrantRefused);
    w.sharer = Some(sharer.clone());
    w.relative = Some(relative.clone());
    w.month = Some(m);
    w.amount = Some(amount);
    w.reasons = alloc::vec![code.as_str().to_string()];
    sim.out.schedule.push(w);
}
