//! The simulation's working state (PL-1): a fresh ledger, the relationships, the reserve lines, the
//! grant clock, and the helpers every step uses.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::input::{GrantPlanned, PlanRequest};
use super::output::{
    PlanBill, PlanGrant, PlanMonth, PlanTotals, PlanTransfer, PlanWarning, PlanWarningCode as W,
    ScenarioKind,
};
use crate::eligibility::{check_eligibility, EligibilityRequest, ReasonCode};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::{Mode, PersonId};
use crate::policy::{PolicyBook, WalletModel};
use crate::time::{Date, DateTime};
use crate::wallet::{
    apply_in_place, shareable_now, Command, Event, RelationshipStatus, WalletState, Windows,
};

/// Where a month's grants come from.
#[derive(Clone, Copy, Debug)]
pub(super) enum Schedule<'a> {
    /// No relationship at all: the baseline "no sharing".
    NoSharing,
    /// Each month, what the month's expected bills need from the quota (PL-1 recommendation).
    Need,
    /// A given schedule; `strict` (what-if) reports a refusal instead of fitting a grant to Q-4.
    Fixed {
        grants: &'a [GrantPlanned],
        strict: bool,
    },
}

/// The result of one run.
#[derive(Debug, Default)]
pub(super) struct Run {
    pub months: Vec<PlanMonth>,
    pub bills: Vec<PlanBill>,
    pub totals: Option<PlanTotals>,
    pub grants: Vec<PlanGrant>,
    /// Warnings about establishing relationships (E-rules).
    pub setup: Vec<PlanWarning>,
    /// Warnings about the grant schedule (Q-4, Q-5, PL-1).
    pub schedule: Vec<PlanWarning>,
    /// Warnings about the scenario's year.
    pub scenario: Vec<PlanWarning>,
}

/// The simulation's working state.
pub(super) struct Sim<'a> {
    pub book: &'a PolicyBook,
    pub req: &'a PlanRequest,
    pub kind: ScenarioKind,
    pub s: WalletState,
    /// The book's reversal windows, looked up once for the whole run.
    pub windows: Windows<'a>,
    /// The relationship of each relative (`None`: not established).
    pub rels: Vec<Option<String>>,
    pub reserves: Vec<Money>,
    /// The next free (day, minute) of the month for grants and transfers.
    pub cursor: (u8, u16),
    pub out: Run,
}

/// 09:00: grants and transfers start after the quiet hours.
pub(super) const GRANT_FROM: u16 = 9 * 60;
/// Bills are settled on the 15th from 10:00 on.
pub(super) const BILL_DAY: u8 = 15;
pub(super) const BILL_FROM: u16 = 10 * 60;
/// Transfers may use days 1 to 14, before the bills.
pub(super) const TRANSFER_LAST_DAY: u8 = 14;

pub(super) fn date(year: u16, month: u8, day: u8) -> Result<Date, Error> {
    Date::new(year, month, day).ok_or_else(|| Error::new(Code::DateInvalid, "year"))
}

/// Relative `i` has no sharer (validation makes this unreachable; never a panic).
pub(super) fn no_sharer(i: usize) -> Error {
    Error::new(Code::MissingField, alloc::format!("family[{i}].sharer"))
}

pub(super) fn too_large() -> Error {
    Error::new(Code::AmountTooLarge, "")
}

impl Sim<'_> {
    /// Applies one command to the ledger at `at`, in place: the ledger is the planner's own, built from
    /// an empty state by these commands only. An error ends the plan, and the half-changed state with it.
    pub(super) fn cmd(&mut self, c: Command, at: DateTime) -> Result<Vec<Event>, Error> {
        apply_in_place(&mut self.windows, &mut self.s, &c, at)
    }

    /// Applies a command the plan goes on after when it is refused (a grant, a transfer, a
    /// relationship): on a copy, so a refusal leaves the ledger as it was.
    pub(super) fn try_cmd(&mut self, c: Command, at: DateTime) -> Result<Vec<Event>, Error> {
        let mut s = self.s.clone();
        let events = apply_in_place(&mut self.windows, &mut s, &c, at)?;
        self.s = s;
        Ok(events)
    }

    pub(super) fn jan1(&self) -> Result<Date, Error> {
        date(self.req.year, 1, 1)
    }

    pub(super) fn sharer_index(&self, i: usize) -> Option<usize> {
        let s = self.req.sharer_of(i)?;
        self.req.sharers.iter().position(|x| &x.person.id == s)
    }

    /// The relationship of relative `i` when it is active and in wallet mode.
    pub(super) fn active_wallet(&self, i: usize) -> Option<String> {
        let id = self.rels.get(i)?.as_ref()?;
        let r = self.s.relationships.iter().find(|r| &r.id == id)?;
        (r.status == RelationshipStatus::Active && r.mode == Mode::Wallet).then(|| id.clone())
    }

    /// The wallet model in force for relative `i`'s sharer in month `m`.
    pub(super) fn model(&self, i: usize, m: u8) -> Result<WalletModel, Error> {
        let j = self.sharer_index(i).ok_or_else(|| no_sharer(i))?;
        let region = self.req.sharers[j].person.region;
        Ok(*self
            .book
            .resolve(region, date(self.req.year, m, 1)?)?
            .wallet_model)
    }

    /// what the sharer of relative `i` may share at `at`.
    pub(super) fn shareable_of(&self, i: usize, at: DateTime) -> Result<Money, Error> {
        let s = self.req.sharer_of(i).ok_or_else(|| no_sharer(i))?;
        shareable_now(self.book, &self.s, s, at)
    }

    /// The next minute for a grant or transfer this month, on `day` or later.
    pub(super) fn next_time(&mut self, m: u8, day: u8) -> Result<DateTime, Error> {
        if day > self.cursor.0 {
            self.cursor = (day, GRANT_FROM);
        }
        let t = date(self.req.year, m, self.cursor.0)?.at(self.cursor.1);
        self.cursor.1 = self.cursor.1.saturating_add(1);
        Ok(t)
    }

    pub(super) fn cursor_day(&self) -> u8 {
        self.cursor.0
    }

    pub(super) fn warning(&self, code: W) -> PlanWarning {
        let mut w = PlanWarning::new(code);
        w.scenario = Some(self.kind);
        w
    }
}

/// An empty grant record of `sharer` to `relative` in month `m`, filled as the ledger accepts it.
pub(super) fn grant_record(sharer: &PersonId, relative: &PersonId, m: u8) -> PlanGrant {
    PlanGrant {
        sharer: sharer.clone(),
        relative: relative.clone(),
        month: m,
        amount: Money::ZERO,
        transfers: Vec::<PlanTransfer>::new(),
    }
}

/// E-10: the codes of every eligibility rule relative `i` fails on 1 January; the ledger's own code when
/// the check itself passes (the ledger refused for another reason).
pub(super) fn eligibility_reasons(
    book: &PolicyBook,
    req: &PlanRequest,
    i: usize,
    code: Code,
) -> Result<Vec<String>, Error> {
    let r = &req.family[i];
    let sharer = req
        .sharer_of(i)
        .and_then(|s| req.sharers.iter().find(|x| &x.person.id == s));
    let Some(sharer) = sharer else {
        return Ok(alloc::vec![code.as_str().to_string()]);
    };
    let er = EligibilityRequest {
        date: date(req.year, 1, 1)?,
        mode: r.mode,
        sharer: sharer.person.clone(),
        beneficiary: r.person.clone(),
        kinship: r.kinship,
        commitment_signed: Some(r.commitment_signed),
        beneficiary_sharers: 0,
    };
    let d = check_eligibility(book, &er)?;
    let mut out: Vec<String> = d
        .failed
        .iter()
        .filter(|x| matches!(x.code, ReasonCode::Fail(_)))
        .map(|x| x.code.as_str().to_string())
        .collect();
    if out.is_empty() {
        out.push(code.as_str().to_string());
    }
    Ok(out)
}
