//! Split mode (S-11): the national platform's pre-settlement (interfaces 2206/2303) as input.
//!
//! A hospital integrator never computes the funds: the platform returns them, and what is left to split
//! among own account, relatives and cash is its `psn_part_amt`. In split mode stage A is skipped: its
//! figures are checked (every identity, each failure naming the field), then taken as they are; stage B
//! splits `psn_part_amt` with the same S-4..S-6 rules as an estimate.
//!
//! Where the rule book is silent:
//! - *Accumulators* (S-3): the platform keeps the official year-to-date totals; the settlement moves the
//!   caller's totals by this bill's figures so that later estimates continue from them:
//!   `deductible_met += act_pay_dedc`, `fund_paid += hifp_pay` (the basic fund's cap counts `hifp_pay`
//!   only; 大病/大额/救助 have caps of their own), `in_scope_past_deductible += inscp_scp_amt −
//!   act_pay_dedc`.
//! - *What accounts may pay* (S-6): only `fulamt_ownpay_amt` is known item by item, so it is the part kept
//!   from accounts where the region does not let them pay 全自费. A pre-settlement is of medical care at a
//!   designated institution; non-medical goods are not on it.
//! - *`fund_pay_sumamt`* is the funds' total as the platform returns it, without `acct_pay`; the region's
//!   `fund_sum_includes_acct` is applied to the output as in an estimate.
//! - A premium has no pre-settlement (S-7); a non-designated institution gets no fund (S-6), so its
//!   pre-settlement must show none.

use alloc::format;
use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};
use crate::money::{Money, Ratio};
use crate::text::{self, Text};

fn zero() -> Money {
    Money::ZERO
}

/// The platform's pre-settlement figures, in its field names (S-8, S-11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Presettlement {
    /// 医疗费总额
    pub medfee_sumamt: Money,
    /// 全自费金额
    pub fulamt_ownpay_amt: Money,
    /// 超限价自费
    pub overlmt_selfpay: Money,
    /// 先行自付
    pub preselfpay_amt: Money,
    /// 符合政策范围金额
    pub inscp_scp_amt: Money,
    /// 实际支付起付线
    pub act_pay_dedc: Money,
    /// 统筹基金支出
    pub hifp_pay: Money,
    /// 统筹基金支付比例 (a ratio)
    pub pool_prop_selfpay: Ratio,
    /// 公务员医疗补助
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub cvlserv_pay: Money,
    /// 企业补充医疗保险
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifes_pay: Money,
    /// 大病保险 (居民大病保险)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifmi_pay: Money,
    /// 大额医疗费用补助 (职工大额)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifob_pay: Money,
    /// 医疗救助
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub maf_pay: Money,
    /// 其他基金
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub oth_pay: Money,
    /// 基金支付总额: `hifp_pay` and the six funds above.
    pub fund_pay_sumamt: Money,
    /// 个人负担总金额 = `medfee_sumamt − fund_pay_sumamt − hosp_part_amt`
    pub psn_part_amt: Money,
    /// 医院负担金额
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hosp_part_amt: Money,
}

/// The funds besides the basic pooled fund, and the institution's part (S-11); all 0.00 in an estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct OtherFunds {
    pub cvlserv_pay: Money,
    pub hifes_pay: Money,
    pub hifmi_pay: Money,
    pub hifob_pay: Money,
    pub maf_pay: Money,
    pub oth_pay: Money,
    pub hosp_part_amt: Money,
}

impl OtherFunds {
    /// The six funds in the S-11 order (not the institution's part).
    pub fn parts(&self) -> [Money; 6] {
        [
            self.cvlserv_pay,
            self.hifes_pay,
            self.hifmi_pay,
            self.hifob_pay,
            self.maf_pay,
            self.oth_pay,
        ]
    }
}

#[cold]
#[inline(never)]
fn inconsistent(field: &str, t: Text) -> Error {
    Error::new(
        Code::PresettlementInconsistent,
        format!("presettlement.{field}"),
    )
    .text(t)
}

/// `Σ parts`, or `None` past the largest amount (then no identity can hold).
fn total(parts: &[Money]) -> Option<Money> {
    parts.iter().try_fold(Money::ZERO, |a, m| a.checked_add(*m))
}

/// `parts` add up to `want`, or `PRESETTLEMENT_INCONSISTENT` naming `field`.
fn adds_up(parts: &[Money], want: Money, field: &str) -> Result<(), Error> {
    if total(parts) == Some(want) {
        return Ok(());
    }
    let shown: alloc::vec::Vec<alloc::string::String> =
        parts.iter().map(|m| format!("{m}")).collect();
    Err(inconsistent(
        field,
        text::sums_differ(&"S-11", &shown.join(" + "), &want),
    ))
}

impl Presettlement {
    /// The funds besides `hifp_pay`, and the institution's part.
    pub(crate) fn other(&self) -> OtherFunds {
        OtherFunds {
            cvlserv_pay: self.cvlserv_pay,
            hifes_pay: self.hifes_pay,
            hifmi_pay: self.hifmi_pay,
            hifob_pay: self.hifob_pay,
            maf_pay: self.maf_pay,
            oth_pay: self.oth_pay,
            hosp_part_amt: self.hosp_part_amt,
        }
    }

    /// S-8, S-11: every identity of the figures, in the order a reader checks them; the first that fails
    /// is refused, naming its field.
    pub fn validate(&self, designated: bool) -> Result<(), Error> {
        let s1 = [
            self.fulamt_ownpay_amt,
            self.overlmt_selfpay,
            self.preselfpay_amt,
            self.inscp_scp_amt,
        ];
        adds_up(&s1, self.medfee_sumamt, "medfee_sumamt")?;
        let eligible = self
            .inscp_scp_amt
            .checked_sub(self.act_pay_dedc)
            .ok_or_else(|| {
                let t = text::presettled_deductible(&self.act_pay_dedc, &self.inscp_scp_amt);
                inconsistent("act_pay_dedc", t)
            })?;
        if self.hifp_pay > eligible {
            let t = text::presettled_fund_above(&self.hifp_pay, &self.inscp_scp_amt, &eligible);
            return Err(inconsistent("hifp_pay", t));
        }
        let mut funds = [self.hifp_pay; 7];
        funds[1..].copy_from_slice(&self.other().parts());
        adds_up(&funds, self.fund_pay_sumamt, "fund_pay_sumamt")?;
        let burden = self
            .medfee_sumamt
            .checked_sub(self.fund_pay_sumamt)
            .and_then(|m| m.checked_sub(self.hosp_part_amt));
        if burden != Some(self.psn_part_amt) {
            let parts = [self.fund_pay_sumamt, self.psn_part_amt, self.hosp_part_amt];
            adds_up(&parts, self.medfee_sumamt, "psn_part_amt")?;
        }
        if !designated && !self.fund_pay_sumamt.is_zero() {
            let t = text::presettled_outside(&self.fund_pay_sumamt);
            return Err(inconsistent("fund_pay_sumamt", t));
        }
        if !designated && !self.act_pay_dedc.is_zero() {
            let t = text::presettled_outside(&self.act_pay_dedc);
            return Err(inconsistent("act_pay_dedc", t));
        }
        Ok(())
    }
}
