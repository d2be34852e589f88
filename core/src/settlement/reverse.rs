//! Reversal (S-9, 退费/冲正): gives back exactly what a settlement took.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::commands::LedgerCommand;
use super::explain::{step, Step, Trace};
use super::output::Settlement;
use super::request::Accumulators;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::PersonId;
use crate::policy::PolicyBook;
use crate::text;

/// Output document of `reverse`: what to give back, as amounts to add and totals to subtract (S-9, S-14).
///
/// Every figure is a delta, never an absolute balance, so a host applying it is right whatever happened
/// since the settlement (other bills of the same patient, credits, grants).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Reversal {
    /// The settlement reversed.
    pub reference: String,
    pub patient: PersonId,
    /// Returned to the pooled fund.
    pub hifp_pay: Money,
    /// Returned to 公务员医疗补助 (S-11).
    pub cvlserv_pay: Money,
    /// Returned to 企业补充医疗保险 (S-11).
    pub hifes_pay: Money,
    /// Returned to 大病保险 (S-11, S-12).
    pub hifmi_pay: Money,
    /// Returned to 大额医疗 (S-11, S-12).
    pub hifob_pay: Money,
    /// Returned to 医疗救助 (S-11).
    pub maf_pay: Money,
    /// Returned to other funds (S-11).
    pub oth_pay: Money,
    /// Returned to all funds together: the settlement's `fund_pay_sumamt`, the sum of the seven above.
    pub fund_pay_sumamt: Money,
    /// What the own account paid (`self_acct_pay`).
    pub self_acct_pay: Money,
    /// Returned to the sharers (through `wallet_commands`).
    pub acct_mulaid_pay: Money,
    /// Refunded to the patient in cash.
    pub psn_cash_pay: Money,
    /// To add to the own account's balance as it is now (the settlement's `self_acct_pay`).
    pub own_account_back: Money,
    /// To subtract from the year's totals as they are now: the settlement's `accumulators_after −
    /// accumulators_before`.
    pub accumulators_decrement: Accumulators,
    /// One `refund` per spend of the settlement, for the host to apply to the ledger.
    pub wallet_commands: Vec<LedgerCommand>,
    pub trace: Vec<Step>,
}

/// S-9: checks the settlement's identities (a tampered document is refused) and says what to give back.
pub fn reverse(_book: &PolicyBook, s: &Settlement) -> Result<Reversal, Error> {
    s.verify()?;
    let mut t = Trace::new(true, 8);
    let own_account_back = s.self_acct_pay;
    step!(
        t,
        "S-9",
        "own_account_back",
        text::s9_own_back(&own_account_back),
    );
    let mut wallet_commands = Vec::with_capacity(s.wallet_commands.len());
    for p in &s.mulaid_by_sharer {
        if let Some(reference) = &p.reference {
            step!(
                t,
                "S-9",
                "wallet_commands",
                text::s9_sharer_back(&p.sharer, &p.amount, reference),
            );
            wallet_commands.push(LedgerCommand::Refund {
                reference: reference.clone(),
            });
        }
    }
    let accumulators_decrement = contributions(s)?;
    let d = &accumulators_decrement;
    step!(
        t,
        "S-14",
        "accumulators_decrement",
        text::s9_totals(&d.deductible_met, &d.fund_paid, &d.in_scope_past_deductible),
    );
    step!(
        t,
        "S-9",
        "psn_cash_pay",
        text::s9_fund_and_cash(&s.fund_pay_sumamt, &s.hifp_pay, &s.psn_cash_pay),
    );
    Ok(Reversal {
        reference: s.reference.clone(),
        patient: s.patient.clone(),
        hifp_pay: s.hifp_pay,
        cvlserv_pay: s.cvlserv_pay,
        hifes_pay: s.hifes_pay,
        hifmi_pay: s.hifmi_pay,
        hifob_pay: s.hifob_pay,
        maf_pay: s.maf_pay,
        oth_pay: s.oth_pay,
        fund_pay_sumamt: s.fund_pay_sumamt,
        self_acct_pay: s.self_acct_pay,
        acct_mulaid_pay: s.acct_mulaid_pay,
        psn_cash_pay: s.psn_cash_pay,
        own_account_back,
        accumulators_decrement,
        wallet_commands,
        trace: t.steps,
    })
}

/// S-3, S-14: what the settlement added to each of the year's totals (`after − before`).
pub fn contributions(s: &Settlement) -> Result<Accumulators, Error> {
    let (b, a) = (&s.accumulators_before, &s.accumulators_after);
    let d = |after: Money, before: Money, field: &str| {
        after
            .checked_sub(before)
            .ok_or_else(|| Error::new(Code::SettlementInvalid, field))
    };
    Ok(Accumulators {
        deductible_met: d(
            a.deductible_met,
            b.deductible_met,
            "accumulators_after.deductible_met",
        )?,
        fund_paid: d(a.fund_paid, b.fund_paid, "accumulators_after.fund_paid")?,
        outpatient_fund_paid: d(
            a.outpatient_fund_paid,
            b.outpatient_fund_paid,
            "accumulators_after.outpatient_fund_paid",
        )?,
        in_scope_past_deductible: d(
            a.in_scope_past_deductible,
            b.in_scope_past_deductible,
            "accumulators_after.in_scope_past_deductible",
        )?,
        admissions: a
            .admissions
            .checked_sub(b.admissions)
            .ok_or_else(|| Error::new(Code::SettlementInvalid, "accumulators_after.admissions"))?,
        layer_burden: d(
            a.layer_burden,
            b.layer_burden,
            "accumulators_after.layer_burden",
        )?,
        hifmi_paid: d(a.hifmi_paid, b.hifmi_paid, "accumulators_after.hifmi_paid")?,
        hifob_paid: d(a.hifob_paid, b.hifob_paid, "accumulators_after.hifob_paid")?,
    })
}
