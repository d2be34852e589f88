//! The S-8 document from the two stages' results.

use super::explain::{step, Trace};
use super::output::{SettleMode, Settlement, SETTLEMENT_SCHEMA};
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
    let fund_pay_sumamt = fund_total(req, fund_sum_includes_acct, &a, acct_pay, &mut trace)?;
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
        mode: if req.presettlement.is_some() {
            SettleMode::Split
        } else {
            SettleMode::Estimate
        },
        items: a.items,
        benefit: a.benefit,
        parameters: a.parameters,
        medfee_sumamt: a.medfee_sumamt,
        fulamt_ownpay_amt: a.fulamt_ownpay_amt,
        overlmt_selfpay: a.overlmt_selfpay,
        preselfpay_amt: a.preselfpay_amt,
        inscp_scp_amt: a.inscp_scp_amt,
        act_pay_dedc: a.act_pay_dedc,
        hifp_pay: a.hifp_pay,
        pool_prop_selfpay: a.pool_prop_selfpay,
        cvlserv_pay: a.other.cvlserv_pay,
        hifes_pay: a.other.hifes_pay,
        hifmi_pay: a.other.hifmi_pay,
        hifob_pay: a.other.hifob_pay,
        maf_pay: a.other.maf_pay,
        oth_pay: a.other.oth_pay,
        fund_pay_sumamt,
        fund_sum_includes_acct,
        psn_part_amt: b.psn_part_amt,
        acct_pay,
        self_acct_pay: b.self_acct_pay,
        acct_mulaid_pay: b.acct_mulaid_pay,
        mulaid_by_sharer: b.mulaid_by_sharer,
        psn_cash_pay: b.psn_cash_pay,
        hosp_part_amt: a.other.hosp_part_amt,
        balc,
        accumulators_before: req.accumulators,
        accumulators_after: a.after,
        wallet_commands: b.wallet_commands,
        notices: trace.notices,
        trace: trace.steps,
    };
    // The identities hold by construction; checking them here keeps that promise under change.
    s.verify()?;
    Ok(s)
}

/// S-8, S-11: every fund's payment, and the accounts too where the region counts them.
fn fund_total(
    req: &SettleRequest,
    fund_sum_includes_acct: bool,
    a: &StageA,
    acct_pay: Money,
    trace: &mut Trace,
) -> Result<Money, Error> {
    let funds = a
        .other
        .parts()
        .into_iter()
        .try_fold(a.hifp_pay, |acc, m| add(acc, m, "fund_pay_sumamt"))?;
    let fund_pay_sumamt = if fund_sum_includes_acct {
        add(funds, acct_pay, "fund_pay_sumamt")?
    } else {
        funds
    };
    if fund_sum_includes_acct {
        step!(
            trace,
            "S-8",
            "fund_pay_sumamt",
            text::s8_fund_total_with_accounts(&funds, &acct_pay, &fund_pay_sumamt),
        );
    } else if req.presettlement.is_some() {
        let shown = || text::s11_fund_total(&a.hifp_pay, &fund_pay_sumamt);
        step!(trace, "S-11", "fund_pay_sumamt", shown());
    } else if funds != a.hifp_pay {
        // S-12: the layers paid too.
        let (mi, ob) = (&a.other.hifmi_pay, &a.other.hifob_pay);
        let shown = || text::s12_fund_total(&a.hifp_pay, mi, ob, &fund_pay_sumamt);
        step!(trace, "S-12", "fund_pay_sumamt", shown());
    } else {
        step!(
            trace,
            "S-8",
            "fund_pay_sumamt",
            text::s8_fund_total(&fund_pay_sumamt),
        );
    }
    Ok(fund_pay_sumamt)
}
