//! The ledger of record (S-14, Q-8): settling a bill against what the ledger holds, reversing what it
//! booked, credits, and the end of the benefit year.

use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;

use super::advice::shareable_now;
use super::quota::{positive, spend, SpendArgs};
use super::relationship::add;
use super::state::{Booked, RelationshipStatus, WalletState, YearTotals};
use super::{CreditKind, Ctx, Event};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::{Mode, PersonId};
use crate::settlement::{
    check_reference, contributions, settle as settle_bill, Accumulators, FamilyFund, FundOrder,
    Item, LedgerCommand, Presettlement, SettleRequest, Settlement, Visit,
};
use crate::time::{Date, DateTime};

/// The arguments of the ledger's `settle` command.
pub(super) struct Bill<'a> {
    pub reference: &'a str,
    pub date: Date,
    pub patient: &'a PersonId,
    pub visit: &'a Visit,
    pub items: &'a [Item],
    /// S-11: the platform's pre-settlement instead of items.
    pub presettlement: Option<&'a Presettlement>,
    pub explain: bool,
    pub fund_order: FundOrder,
    /// T-1: recorded on the sharers' spends with the visit type.
    pub institution: Option<&'a str>,
    /// P-4: example-grade parameters are accepted.
    pub estimate: bool,
}

/// when `now` is in a later calendar year than the last command, every year crossed ends before
/// the command acts: this year's credits become past years' money.
pub(super) fn rollover(s: &mut WalletState, ev: &mut Vec<Event>, now: DateTime) {
    let Some(last) = s.last_time else { return };
    let (from, to) = (last.date().year(), now.date().year());
    if to <= from {
        return;
    }
    for a in &mut s.accounts {
        a.current_year_credits = Money::ZERO;
    }
    for year in from..to {
        ev.push(Event::YearEnded { year });
    }
}

/// a credit adds to the balance and to this year's credits.
pub(super) fn credit(
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    person: &PersonId,
    amount: Money,
    kind: CreditKind,
) -> Result<(), Error> {
    positive(amount)?;
    s.person_or(person, "command.args.person")?;
    let acct = s.account_mut(person)?;
    acct.balance = add(acct.balance, amount)?;
    acct.current_year_credits = add(acct.current_year_credits, amount)?;
    let balance = acct.balance;
    ev.push(Event::Credited {
        person: person.clone(),
        amount,
        kind,
        balance,
    });
    Ok(())
}

/// S-14: builds the settlement request from the ledger, settles with the same rules as the stateless
/// `settle`, and books every part: own account, sharers' spends, the year's totals, the booking.
pub(super) fn settle(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    bill: &Bill,
) -> Result<(), Error> {
    if s.settlements.iter().any(|b| b.reference == bill.reference) {
        return Err(Error::new(Code::SettlementExists, "command.args.reference"));
    }
    if let Some(inst) = bill.institution {
        check_reference(inst, "command.args.institution")?;
    }
    let patient = s.person_or(bill.patient, "command.args.patient")?.clone();
    let own_balance = s
        .account(bill.patient)
        .map(|a| a.balance)
        .ok_or_else(|| Error::new(Code::StateInvalid, "state.accounts"))?;
    let req = SettleRequest {
        reference: bill.reference.into(),
        date: bill.date,
        patient,
        own_balance,
        visit: bill.visit.clone(),
        items: bill.items.to_vec(),
        presettlement: bill.presettlement.cloned(),
        accumulators: s.year_totals(bill.patient, bill.date.year()),
        funds: funds(ctx, s, bill.patient)?,
        fund_order: bill.fund_order,
        estimate: bill.estimate,
        explain: bill.explain,
    };
    let st = settle_bill(ctx.book, &req).map_err(in_command)?;
    book(ctx, s, ev, &st, bill.institution)?;
    ev.push(Event::Settled {
        settlement: Box::new(st),
    });
    Ok(())
}

/// S-5, Q-6: the family money the patient may spend now: each active relationship's unspent quotas
/// (wallet; the oldest open grant orders it) or the sharer's shareable balance (in-province, Q-4).
fn funds(ctx: &Ctx, s: &WalletState, patient: &PersonId) -> Result<Vec<FamilyFund>, Error> {
    let mut out = Vec::new();
    for r in s
        .relationships
        .iter()
        .filter(|r| r.status == RelationshipStatus::Active && &r.beneficiary == patient)
    {
        let (available, granted_at) = match r.mode {
            Mode::Wallet => (
                s.quota_available(&r.id),
                s.quotas
                    .iter()
                    .filter(|q| q.relationship == r.id && !q.amount.is_zero())
                    .map(|q| q.granted_at)
                    .min(),
            ),
            Mode::InProvince => (shareable_now(ctx.book, s, &r.sharer, ctx.now)?, None),
        };
        if !available.is_zero() {
            out.push(FamilyFund {
                sharer: r.sharer.clone(),
                mode: r.mode,
                available,
                granted_at,
            });
        }
    }
    Ok(out)
}

/// A settlement error names the command's argument (`items[0].amount` → `command.args.items[0].amount`).
fn in_command(mut e: Error) -> Error {
    e.field = if e.field.starts_with("patient") {
        "command.args.patient".into()
    } else if e.field.is_empty() {
        "command.args".into()
    } else {
        format!("command.args.{}", e.field)
    };
    e
}

/// S-14: books a settlement: the own account (this year's credits first, Q-8), each sharer's spend
/// (the wallet's spend logic), the year's totals, and the booking a reversal will use.
fn book(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    st: &Settlement,
    institution: Option<&str>,
) -> Result<(), Error> {
    let added = contributions(st)?;
    let acct = s.account_mut(&st.patient)?;
    acct.balance = acct
        .balance
        .checked_sub(st.self_acct_pay)
        .ok_or_else(|| Error::new(Code::StateInvalid, "state.accounts"))?;
    let own_from_credits = acct.current_year_credits.min(st.self_acct_pay);
    acct.current_year_credits = acct.current_year_credits.saturating_sub(own_from_credits);
    let mut spends = Vec::new();
    for c in &st.wallet_commands {
        if let LedgerCommand::Spend {
            sharer,
            beneficiary,
            amount,
            reference,
        } = c
        {
            let args = SpendArgs {
                sharer,
                beneficiary,
                amount: *amount,
                reference,
                visit_type: Some(st.visit.kind),
                institution,
            };
            spend(ctx, s, ev, &args)?;
            spends.push(reference.clone());
        }
    }
    set_totals(s, &st.patient, st.date.year(), st.accumulators_after);
    s.settlements.push(Booked {
        reference: st.reference.clone(),
        date: st.date,
        patient: st.patient.clone(),
        booked_at: ctx.now,
        own_account: st.self_acct_pay,
        own_from_credits,
        spends,
        fund: st.hifp_pay,
        cash: st.psn_cash_pay,
        contributions: added,
        reversed: false,
    });
    Ok(())
}

/// S-9, S-14: gives back what the ledger booked for `reference` and takes this bill's contributions off
/// the year's totals as they are now, whatever was booked since; once.
pub(super) fn reverse(
    ctx: &Ctx,
    s: &mut WalletState,
    ev: &mut Vec<Event>,
    reference: &str,
) -> Result<(), Error> {
    let k = s
        .settlements
        .iter()
        .position(|b| b.reference == reference)
        .ok_or_else(|| Error::new(Code::SettlementUnknown, "command.args.reference"))?;
    if s.settlements[k].reversed {
        return Err(Error::new(
            Code::SettlementAlreadyReversed,
            "command.args.reference",
        ));
    }
    let b = s.settlements[k].clone();
    super::bounds::within_window(ctx, s, &b.patient, b.date)?;
    let acct = s.account_mut(&b.patient)?;
    acct.balance = add(acct.balance, b.own_account)?;
    // credits of a year that has since ended come back as past years' money.
    if b.booked_at.date().year() == ctx.now.date().year() {
        acct.current_year_credits = add(acct.current_year_credits, b.own_from_credits)?;
    }
    let sharers_back = refund_spends(s, ev, &b)?;
    let year = b.date.year();
    let now = s.year_totals(&b.patient, year);
    let d = b.contributions;
    let after = now
        .checked_sub(&d)
        .ok_or_else(|| Error::new(Code::StateInvalid, "state.accumulators"))?;
    set_totals(s, &b.patient, year, after);
    s.settlements[k].reversed = true;
    ev.push(Event::Reversed {
        reference: reference.into(),
        own_account_back: b.own_account,
        sharers_back,
        fund_back: b.fund,
        cash_back: b.cash,
        accumulators_decrement: d,
    });
    Ok(())
}

/// S-9: refunds each spend of the booking not refunded already (a host may have refunded one by hand).
fn refund_spends(s: &mut WalletState, ev: &mut Vec<Event>, b: &Booked) -> Result<Money, Error> {
    let mut back = Money::ZERO;
    for r in &b.spends {
        let sp = s
            .spends
            .iter()
            .find(|x| &x.reference == r)
            .ok_or_else(|| Error::new(Code::StateInvalid, "state.settlements"))?;
        if sp.refunded {
            continue;
        }
        back = add(back, sp.amount)?;
        super::quota::refund(s, ev, r)?;
    }
    Ok(back)
}

/// Sets a patient's totals for a year (a row is added the first time the year moves).
fn set_totals(s: &mut WalletState, person: &PersonId, year: u16, totals: Accumulators) {
    match s
        .accumulators
        .iter_mut()
        .find(|a| &a.person == person && a.year == year)
    {
        Some(a) => a.totals = totals,
        None if totals != Accumulators::default() => s.accumulators.push(YearTotals {
            person: person.clone(),
            year,
            totals,
        }),
        None => {}
    }
}
