//! The S-8 document from the two stages' results.

use super::explain::{step, Trace};
use super::output::{Settlement, SETTLEMENT_SCHEMA};
use super::request::SettleRequest;
use super::stage_a::StageA;
use super::stage_b::StageB;
use super::sum::{add, sub};
use crate::error::Error;
use crate::money::Money;
use crate::text;

/// S-8: builds the document; every amount after `hifp_pay` is derived by subtraction (S-10).
pub(crate) fn assemble(
    req: &SettleRequest,
    fund_sum_includes_acct: bool,
    a: StageA,
    b: StageB,
    mut trace: Trace,
) -> Result<Settlement, Error> {
    let acct_pay = add(b.self_acct_pay, b.acct_mulaid_pay, "acct_pay")?;
    let fund_pay_sumamt = if fund_sum_includes_acct {
        add(a.hifp_pay, acct_pay, "fund_pay_sumamt")?
    } else {
        a.hifp_pay
    };
    if fund_sum_includes_acct {
        step!(
            trace,
            "S-8",
            "fund_pay_sumamt",
            text::s8_fund_total_with_accounts(&a.hifp_pay, &acct_pay, &fund_pay_sumamt),
        );
    } else {
        step!(
            trace,
            "S-8",
            "fund_pay_sumamt",
            text::s8_fund_total(&fund_pay_sumamt),
        );
    }
    let balc = sub(req.own_balance, b.self_acct_pay, "own_balance")?;
    step!(
        trace,
        "S-8",
        "balc",
        text::s8_balance(&req.own_balance, &b.self_acct_pay, &balc),
    );
    let s = Settlement {
        schema: SETTLEMENT_SCHEMA.into(),
        reference: req.reference.clone(),
        date: req.date,
        patient: req.patient.id.clone(),
        visit: req.visit.clone(),
        items: a.items,
        benefit: a.benefit,
        medfee_sumamt: a.medfee_sumamt,
        fulamt_ownpay_amt: a.fulamt_ownpay_amt,
        overlmt_selfpay: a.overlmt_selfpay,
        preselfpay_amt: a.preselfpay_amt,
        inscp_scp_amt: a.inscp_scp_amt,
        act_pay_dedc: a.act_pay_dedc,
        hifp_pay: a.hifp_pay,
        pool_prop_selfpay: a.pool_prop_selfpay,
        fund_pay_sumamt,
        fund_sum_includes_acct,
        psn_part_amt: b.psn_part_amt,
        acct_pay,
        self_acct_pay: b.self_acct_pay,
        acct_mulaid_pay: b.acct_mulaid_pay,
        mulaid_by_sharer: b.mulaid_by_sharer,
        psn_cash_pay: b.psn_cash_pay,
        hosp_part_amt: Money::ZERO,
        balc,
        accumulators_before: req.accumulators,
        accumulators_after: a.after,
        wallet_commands: b.wallet_commands,
        trace: trace.steps,
    };
    // The identities hold by construction; checking them here keeps that promise under change.
    s.verify()?;
    Ok(s)
}
