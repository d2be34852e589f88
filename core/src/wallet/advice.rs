//! How much can be granted, and how much it is wise to grant (Q-7, advice only).

use serde::{Deserialize, Serialize};

use super::relationship::add;
use super::state::WalletState;
use crate::error::{Code, Error};
use crate::money::{Money, Ratio};
use crate::person::{PersonId, Scheme};
use crate::policy::{PolicyBook, ShareableSource};
use crate::time::DateTime;

/// Input document of the `shareable` operation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareableRequest {
    pub state: WalletState,
    pub sharer: PersonId,
    pub now: DateTime,
}

/// Output document of the `shareable` operation: the Q-4 formula term by term, and the Q-7 advice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Shareable {
    pub sharer: PersonId,
    /// What the sharer may still use (quotas already granted have left it, Q-1).
    pub balance: Money,
    /// Q-4 (regional): the minimum the account keeps.
    pub reserved_minimum: Money,
    /// this year's credits, kept back where only past years' balance is shareable.
    pub current_year_kept: Money,
    /// E-1 (regional): what is left of a resident-scheme sharer's yearly cap; `null` for employees.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub resident_cap_left: Option<Money>,
    /// the most a grant, transfer or in-province payment may take now.
    pub shareable: Money,
    /// advised own reserve as a share of the balance (advice, never a limit).
    pub advice_ratio: Ratio,
    /// `balance × advice_ratio`.
    pub advised_reserve: Money,
    /// `min(shareable, balance − advised_reserve)`.
    pub advised_max: Money,
}

/// Q-4 term by term: `balance − reserved_minimum (− current_year_credits)`, capped for resident sharers (E-1),
/// with the Q-7 advice beside it.
pub fn breakdown(
    book: &PolicyBook,
    s: &WalletState,
    sharer: &PersonId,
    now: DateTime,
) -> Result<Shareable, Error> {
    // A contradictory state (duplicate persons, quotas past what was granted) has no trustworthy answer.
    s.validate()?;
    parts(book, s, sharer, now)
}

/// [`breakdown`] of a state already validated (the ledger's own working copy inside `apply`).
fn parts(
    book: &PolicyBook,
    s: &WalletState,
    sharer: &PersonId,
    now: DateTime,
) -> Result<Shareable, Error> {
    let p = s.person_or(sharer, "sharer")?;
    let acct = s
        .account(sharer)
        .ok_or_else(|| Error::new(Code::StateInvalid, "state.accounts"))?;
    let pol = book.resolve(p.region, now.date())?;
    let current_year_kept = match pol.shareable_source {
        ShareableSource::PastYears => acct.current_year_credits,
        ShareableSource::Balance => Money::ZERO,
    };
    let mut shareable = acct
        .balance
        .saturating_sub(add(*pol.reserved_minimum, current_year_kept)?);
    let resident_cap_left = (p.scheme == Scheme::Resident).then(|| {
        let cap = pol.resident_small_sharing_cap.unwrap_or(Money::ZERO);
        cap.saturating_sub(shared_in_year(s, sharer, now.date().year()))
    });
    if let Some(left) = resident_cap_left {
        shareable = shareable.min(left);
    }
    let advised_reserve = pol.reserve_advice_ratio.of(acct.balance);
    Ok(Shareable {
        sharer: sharer.clone(),
        balance: acct.balance,
        reserved_minimum: *pol.reserved_minimum,
        current_year_kept,
        resident_cap_left,
        shareable,
        advice_ratio: *pol.reserve_advice_ratio,
        advised_reserve,
        advised_max: shareable.min(acct.balance.saturating_sub(advised_reserve)),
    })
}

/// what a sharer may still share (see [`breakdown`] for the parts).
pub fn shareable(
    book: &PolicyBook,
    s: &WalletState,
    sharer: &PersonId,
    now: DateTime,
) -> Result<Money, Error> {
    Ok(breakdown(book, s, sharer, now)?.shareable)
}

/// Q-4 inside `apply` and on the planner's own ledger: [`shareable`] without validating again a state
/// `apply` validated or built.
pub(crate) fn shareable_now(
    book: &PolicyBook,
    s: &WalletState,
    sharer: &PersonId,
    now: DateTime,
) -> Result<Money, Error> {
    Ok(parts(book, s, sharer, now)?.shareable)
}

/// Money a sharer set aside or paid for relatives in a calendar year (quotas granted, in-province spends).
fn shared_in_year(s: &WalletState, sharer: &PersonId, year: u16) -> Money {
    let quotas = s
        .quotas
        .iter()
        .filter(|q| &q.sharer == sharer && q.granted_at.date().year() == year)
        .map(|q| q.granted);
    let direct = s
        .spends
        .iter()
        .filter(|x| &x.sharer == sharer && !x.refunded && x.at.date().year() == year)
        .flat_map(|x| {
            x.draws
                .iter()
                .filter(|d| d.quota.is_none())
                .map(|d| d.amount)
        });
    quotas
        .chain(direct)
        .fold(Money::ZERO, |a, m| a.checked_add(m).unwrap_or(a))
}
