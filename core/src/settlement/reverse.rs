//! Reversal (S-9, 退费/冲正): gives back exactly what a settlement took.

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::explain::{step, Step, Trace};
use super::output::Settlement;
use super::request::Accumulators;
use super::sum::add;
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::PersonId;
use crate::policy::PolicyBook;
use crate::text;
use crate::wallet::Command;

/// Output document of `reverse`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Reversal {
    /// The settlement reversed.
    pub reference: String,
    pub patient: PersonId,
    /// Returned to the pooled fund.
    pub hifp_pay: Money,
    /// Returned to the patient's own account.
    pub self_acct_pay: Money,
    /// Returned to the sharers (through `wallet_commands`).
    pub acct_mulaid_pay: Money,
    /// Refunded to the patient in cash.
    pub psn_cash_pay: Money,
    /// The own account balance restored.
    pub balc: Money,
    /// The year's totals restored: exactly those before the settlement.
    pub accumulators: Accumulators,
    /// One `refund` per spend of the settlement, for the host to apply to the ledger.
    pub wallet_commands: Vec<Command>,
    pub trace: Vec<Step>,
}

/// S-9: checks the settlement's identities (a tampered document is refused) and undoes it.
pub fn reverse(_book: &PolicyBook, s: &Settlement) -> Result<Reversal, Error> {
    s.verify()?;
    let mut t = Trace::new(true);
    let balc = add(s.balc, s.self_acct_pay, "balc")
        .map_err(|_| Error::new(Code::SettlementInvalid, "balc"))?;
    step!(
        t,
        "S-9",
        "balc",
        text::s9_own_back(&s.self_acct_pay, &s.balc, &balc),
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
            wallet_commands.push(Command::Refund {
                reference: reference.clone(),
            });
        }
    }
    let (b, a) = (&s.accumulators_before, &s.accumulators_after);
    step!(
        t,
        "S-9",
        "accumulators",
        text::s9_totals(
            &a.deductible_met,
            &s.act_pay_dedc,
            &b.deductible_met,
            &a.fund_paid,
            &s.hifp_pay,
            &b.fund_paid,
        ),
    );
    step!(
        t,
        "S-9",
        "psn_cash_pay",
        text::s9_fund_and_cash(&s.hifp_pay, &s.psn_cash_pay),
    );
    Ok(Reversal {
        reference: s.reference.clone(),
        patient: s.patient.clone(),
        hifp_pay: s.hifp_pay,
        self_acct_pay: s.self_acct_pay,
        acct_mulaid_pay: s.acct_mulaid_pay,
        psn_cash_pay: s.psn_cash_pay,
        balc,
        accumulators: s.accumulators_before,
        wallet_commands,
        trace: t.steps,
    })
}
