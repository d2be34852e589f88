//! One scenario simulated through the ledger (PL-1): relationships established with the E-rules, grants
//! and transfers applied with the Q-rules, every bill settled by the ledger's `settle` (S-14).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::input::{PlanRequest, ReserveRule, SimBill};
use super::output::{
    FamilyPaid, PlanBill, PlanMonth, PlanPaid, PlanTotals, PlanWarning, PlanWarningCode as W,
    ScenarioKind, SharerMonth,
};
use super::sim::{date, no_sharer, too_large, Run, Schedule, Sim, BILL_DAY, BILL_FROM, GRANT_FROM};
use crate::error::{Code, Error};
use crate::money::{Money, MONEY_MAX};
use crate::person::Mode;
use crate::policy::PolicyBook;
use crate::settlement::{settle, FamilyFund, SettleRequest, Settlement};
use crate::time::DateTime;
use crate::wallet::{Command, CreditKind, Event, RelationshipStatus, WalletState, Windows};

/// Runs one scenario's bills month by month under a schedule.
pub(super) fn run(
    book: &PolicyBook,
    req: &PlanRequest,
    bills: &[SimBill],
    schedule: Schedule,
    kind: ScenarioKind,
) -> Result<Run, Error> {
    let mut sim = Sim {
        book,
        req,
        kind,
        s: WalletState::default(),
        windows: Windows::new(book),
        rels: Vec::new(),
        reserves: Vec::new(),
        cursor: (1, GRANT_FROM),
        out: Run::default(),
    };
    sim.setup(!matches!(schedule, Schedule::NoSharing))?;
    let mut breached = alloc::vec![false; req.sharers.len()];
    let mut n = 0usize;
    for m in 1..=12u8 {
        sim.start_month(m)?;
        let granted = sim.grant_month(m, schedule, bills)?;
        let mut paid = PlanPaid::default();
        let mut family: Vec<FamilyPaid> = Vec::new();
        for (k, b) in bills.iter().filter(|b| b.month == m).enumerate() {
            n += 1;
            let st = sim.settle_bill(b, k, n)?;
            let row = paid_of(&st)?;
            paid = paid.add(&row).ok_or_else(too_large)?;
            add_family(&mut family, &st)?;
            sim.out.bills.push(PlanBill {
                reference: st.reference.clone(),
                month: m,
                patient: st.patient.clone(),
                paid: row,
            });
        }
        let sharers = sim.month_end(m, &granted, &mut breached)?;
        sim.out.months.push(PlanMonth {
            month: m,
            paid,
            family,
            sharers,
        });
    }
    sim.year_end()?;
    Ok(sim.out)
}

/// The S-8 parts of a settlement.
pub(super) fn paid_of(st: &Settlement) -> Result<PlanPaid, Error> {
    let fund = st
        .medfee_sumamt
        .checked_sub(st.psn_part_amt)
        .and_then(|x| x.checked_sub(st.hosp_part_amt))
        .ok_or_else(|| Error::new(Code::SettlementInvalid, ""))?;
    Ok(PlanPaid {
        medfee: st.medfee_sumamt,
        fund,
        own_account: st.self_acct_pay,
        family: st.acct_mulaid_pay,
        cash: st.psn_cash_pay,
        hosp: st.hosp_part_amt,
    })
}

fn add_family(rows: &mut Vec<FamilyPaid>, st: &Settlement) -> Result<(), Error> {
    for p in st.mulaid_by_sharer.iter().filter(|p| !p.amount.is_zero()) {
        match rows
            .iter_mut()
            .find(|r| r.sharer == p.sharer && r.relative == st.patient)
        {
            Some(r) => r.amount = r.amount.checked_add(p.amount).ok_or_else(too_large)?,
            None => rows.push(FamilyPaid {
                sharer: p.sharer.clone(),
                relative: st.patient.clone(),
                mode: p.mode,
                amount: p.amount,
            }),
        }
    }
    Ok(())
}

impl Sim<'_> {
    /// Registers everyone on 1 January with the balances given, then (when sharing) establishes each
    /// relative's relationship (E-1..E-7; a review, E-6, is taken as approved).
    fn setup(&mut self, sharing: bool) -> Result<(), Error> {
        let t = self.jan1()?.at(0);
        for (i, sh) in self.req.sharers.iter().enumerate() {
            self.cmd(register(&sh.person, sh.balance), t)
                .map_err(|e| at_field(e, &format!("sharers[{i}]")))?;
            self.reserves.push(self.reserve_line(i)?);
        }
        for (i, r) in self.req.family.iter().enumerate() {
            self.cmd(register(&r.person, r.balance), t)
                .map_err(|e| at_field(e, &format!("family[{i}]")))?;
        }
        for i in 0..self.req.family.len() {
            let rel = if sharing { self.establish(i, t)? } else { None };
            self.rels.push(rel);
        }
        Ok(())
    }

    /// the reserve line of sharer `i` for the year.
    fn reserve_line(&self, i: usize) -> Result<Money, Error> {
        let sh = &self.req.sharers[i];
        match self.req.reserve.unwrap_or(ReserveRule::AdviceRatio) {
            ReserveRule::AdviceRatio => {
                let pol = self.book.resolve(sh.person.region, self.jan1()?)?;
                Ok(pol.reserve_advice_ratio.of(sh.balance))
            }
            ReserveRule::OwnMonths { months } => Money::from_decimal(
                sh.own_spending.as_decimal() * rust_decimal::Decimal::from(months),
            )
            .ok_or_else(|| Error::new(Code::AmountTooLarge, "reserve.months")),
        }
    }

    /// E-6: establishes relative `i`'s relationship, or warns why it cannot be (E-10 codes).
    fn establish(&mut self, i: usize, t: DateTime) -> Result<Option<String>, Error> {
        let r = &self.req.family[i];
        let sharer = self.req.sharer_of(i).cloned().ok_or_else(|| no_sharer(i))?;
        let c = Command::Establish {
            sharer: sharer.clone(),
            beneficiary: r.person.id.clone(),
            kinship: r.kinship,
            mode: r.mode,
            commitment_signed: r.commitment_signed,
        };
        match self.try_cmd(c, t) {
            Ok(_) => {}
            Err(e) if e.code.rule().is_some_and(|r| r.starts_with("E-")) => {
                let mut w = PlanWarning::new(W::RelativeNotEligible);
                w.sharer = Some(sharer);
                w.relative = Some(r.person.id.clone());
                w.reasons = super::sim::eligibility_reasons(self.book, self.req, i, e.code)?;
                self.out.setup.push(w);
                return Ok(None);
            }
            Err(e) => return Err(at_field(e, &format!("family[{i}]"))),
        }
        let rel = self
            .s
            .relationships
            .last()
            .map(|x| (x.id.clone(), x.status));
        let Some((id, status)) = rel else {
            return Ok(None);
        };
        if status == RelationshipStatus::Pending {
            let review = Command::Review {
                relationship: id.clone(),
                approved: true,
            };
            self.cmd(review, t)?;
        }
        Ok(Some(id))
    }

    /// The 1st of the month, 08:00: each sharer's credit, then their own spending from the account
    /// (this year's credits first, Q-8; never below zero: the rest is the sharer's cash).
    fn start_month(&mut self, m: u8) -> Result<(), Error> {
        self.cursor = (1, GRANT_FROM);
        let t = date(self.req.year, m, 1)?.at(8 * 60);
        for sh in &self.req.sharers {
            if !sh.monthly_credit.is_zero() {
                let c = Command::Credit {
                    person: sh.person.id.clone(),
                    amount: sh.monthly_credit,
                    kind: CreditKind::Monthly,
                };
                self.cmd(c, t)?;
            }
            if let Some(acct) = self
                .s
                .accounts
                .iter_mut()
                .find(|a| a.person == sh.person.id)
            {
                let take = sh.own_spending.min(acct.balance);
                acct.balance = acct.balance.saturating_sub(take);
                acct.current_year_credits = acct
                    .current_year_credits
                    .saturating_sub(take)
                    .min(acct.balance);
            }
        }
        Ok(())
    }

    /// The grants of month `m` under the schedule; returns what each sharer granted.
    fn grant_month(
        &mut self,
        m: u8,
        schedule: Schedule,
        bills: &[SimBill],
    ) -> Result<Vec<Money>, Error> {
        let mut wanted: Vec<(usize, Money)> = Vec::new();
        let mut strict = false;
        match schedule {
            Schedule::NoSharing => {}
            Schedule::Need => {
                for i in 0..self.req.family.len() {
                    let need = self.need(i, m, bills)?;
                    if !need.is_zero() {
                        wanted.push((i, need));
                    }
                }
            }
            Schedule::Fixed { grants, strict: s } => {
                strict = s;
                for g in grants.iter().filter(|g| g.month == m) {
                    if let Some(i) = self
                        .req
                        .family
                        .iter()
                        .position(|r| r.person.id == g.relative)
                    {
                        wanted.push((i, g.amount));
                    }
                }
            }
        }
        let mut granted = alloc::vec![Money::ZERO; self.req.sharers.len()];
        for (i, amount) in wanted {
            let got = super::grant::give(self, i, m, amount, strict)?;
            if let Some(j) = self.sharer_index(i) {
                granted[j] = granted[j].checked_add(got).ok_or_else(too_large)?;
            }
        }
        Ok(granted)
    }

    /// PL-1: what relative `i`'s bills of month `m` would take from a quota big enough for all of them,
    /// less the quota still unspent: the same settlement rules, run ahead on the relative's own account and
    /// year-to-date totals (S-3, S-4, S-7).
    fn need(&self, i: usize, m: u8, bills: &[SimBill]) -> Result<Money, Error> {
        let Some(rel) = self.active_wallet(i) else {
            return Ok(Money::ZERO);
        };
        let id = &self.req.family[i].person.id;
        let (Some(person), Some(acct)) = (self.s.person(id), self.s.account(id)) else {
            return Ok(Money::ZERO);
        };
        let sharer = self.req.sharer_of(i).cloned().ok_or_else(|| no_sharer(i))?;
        let big = Money::from_decimal(MONEY_MAX).ok_or_else(too_large)?;
        let mut req = SettleRequest {
            reference: "need".into(),
            date: date(self.req.year, m, BILL_DAY)?,
            patient: person.clone(),
            own_balance: acct.balance,
            visit: crate::settlement::Visit {
                kind: crate::policy::VisitType::Premium,
                level: None,
                designated: true,
                out_of_area: None,
            },
            items: Vec::new(),
            presettlement: None,
            accumulators: self.s.year_totals(id, self.req.year),
            funds: alloc::vec![FamilyFund {
                sharer,
                mode: Mode::Wallet,
                available: big,
                granted_at: None,
            }],
            fund_order: Default::default(),
            explain: false,
            estimate: self.req.estimate,
        };
        let mut need = Money::ZERO;
        for b in bills.iter().filter(|b| b.month == m && &b.patient == id) {
            req.visit = b.visit.clone();
            req.items = b.items.clone();
            let st = settle(self.book, &req).map_err(|e| bill_error(e, b))?;
            req.own_balance = st.balc;
            req.accumulators = st.accumulators_after;
            need = need.checked_add(st.acct_mulaid_pay).ok_or_else(too_large)?;
        }
        Ok(need.saturating_sub(self.s.quota_available(&rel)))
    }

    /// S-14: the ledger settles bill `b` (the `k`-th of its month, the `n`-th of the year).
    fn settle_bill(&mut self, b: &SimBill, k: usize, n: usize) -> Result<Settlement, Error> {
        let day = BILL_DAY + u8::try_from(k / 720).unwrap_or(2).min(2);
        let minute = BILL_FROM + u16::try_from(k % 720).unwrap_or(0);
        let at = date(self.req.year, b.month, day)?.at(minute);
        let c = Command::Settle {
            reference: format!("B{n}"),
            date: date(self.req.year, b.month, BILL_DAY)?,
            patient: b.patient.clone(),
            visit: b.visit.clone(),
            items: b.items.clone(),
            presettlement: None,
            explain: false,
            fund_order: None,
            institution: None,
            estimate: self.req.estimate,
        };
        let events = self.cmd(c, at).map_err(|e| bill_error(e, b))?;
        events
            .into_iter()
            .find_map(|e| match e {
                Event::Settled { settlement } => Some(*settlement),
                _ => None,
            })
            .ok_or_else(|| Error::new(Code::StateInvalid, b.path.clone()))
    }

    /// Each sharer at the end of month `m`; Q-7: the first month below the reserve line is warned.
    fn month_end(
        &mut self,
        m: u8,
        granted: &[Money],
        breached: &mut [bool],
    ) -> Result<Vec<SharerMonth>, Error> {
        let mut out = Vec::new();
        for (j, sh) in self.req.sharers.iter().enumerate() {
            let balance = self
                .s
                .account(&sh.person.id)
                .map_or(Money::ZERO, |a| a.balance);
            let reserve = self.reserves.get(j).copied().unwrap_or(Money::ZERO);
            let below = reserve.saturating_sub(balance);
            if !below.is_zero() && !breached[j] {
                breached[j] = true;
                let mut w = self.warning(W::ReserveBreached);
                w.sharer = Some(sh.person.id.clone());
                w.month = Some(m);
                w.amount = Some(below);
                self.out.scenario.push(w);
            }
            out.push(SharerMonth {
                sharer: sh.person.id.clone(),
                granted: granted.get(j).copied().unwrap_or(Money::ZERO),
                balance,
                reserve,
                below_reserve: below,
            });
        }
        Ok(out)
    }

    /// The year's totals; Q-3: quota left unspent on 31 December is warned.
    fn year_end(&mut self) -> Result<(), Error> {
        let mut paid = PlanPaid::default();
        for mo in &self.out.months {
            paid = paid.add(&mo.paid).ok_or_else(too_large)?;
        }
        let granted = self
            .out
            .grants
            .iter()
            .try_fold(Money::ZERO, |a, g| a.checked_add(g.amount))
            .ok_or_else(too_large)?;
        let mut unspent = Money::ZERO;
        for i in 0..self.req.family.len() {
            let Some(rel) = self.rels[i].clone() else {
                continue;
            };
            let left = self.s.quota_available(&rel);
            if left.is_zero() {
                continue;
            }
            unspent = unspent.checked_add(left).ok_or_else(too_large)?;
            let mut w = self.warning(W::QuotaUnspentAtYearEnd);
            w.sharer = self.req.sharer_of(i).cloned();
            w.relative = Some(self.req.family[i].person.id.clone());
            w.month = Some(12);
            w.amount = Some(left);
            self.out.scenario.push(w);
        }
        self.out.totals = Some(PlanTotals {
            paid,
            granted,
            unspent,
        });
        Ok(())
    }
}

fn register(p: &crate::person::Person, balance: Money) -> Command {
    Command::RegisterPerson {
        person: p.clone(),
        balance,
        current_year_credits: Money::ZERO,
    }
}

/// An error of the ledger about a plan entry, named by the entry's path.
fn at_field(mut e: Error, path: &str) -> Error {
    let rest = e.field.strip_prefix("command.args.").unwrap_or("");
    e.field = if rest.is_empty() {
        path.to_string()
    } else {
        format!("{path}.{rest}")
    };
    e
}

/// A settlement error named by the bill's path in the plan (a premium's only value is its amount).
fn bill_error(e: Error, b: &SimBill) -> Error {
    if e.code == Code::EstimateRequired {
        // P-4: the plan's own flag is missing, not a field of the bill.
        let mut e = e;
        e.field = "estimate".into();
        return e;
    }
    if b.path.starts_with("premiums") {
        let mut e = e;
        e.field = format!("{}.amount", b.path);
        return e;
    }
    let rest = e.field.strip_prefix("command.args.").unwrap_or(&e.field);
    let rest = String::from(rest);
    let mut e = e;
    e.field = if rest.is_empty() || rest == "command.args" {
        b.path.clone()
    } else {
        format!("{}.{rest}", b.path)
    };
    e
}
