//! The settlement summary (S-8): the amounts of a settlement without its working — what a calculator
//! shows as the bill is typed in. A strict projection of [`Settlement`]: every field has the full
//! document's name and value; the schema tag alone differs.
//!
//! Left out, with the reason: `visit` (the caller's own input), `items` (each line's S-1 split: the
//! totals below are its sums), `benefit` and `parameters` (which row applied: the `EXAMPLE_PARAMETERS`
//! notice still says when the figures rest on example-grade ones), the accumulators (what a host stores,
//! not what a person reads), `wallet_commands` (what a host applies: a summary is never booked) and the
//! `trace` (the explanation; the summary is settled without it, as `"explain": false` is).

use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::notice::Notice;
use super::output::{SettleMode, Settlement, SharerPay};
use super::request::SettleRequest;
use crate::error::Error;
use crate::money::{Money, Ratio};
use crate::person::PersonId;
use crate::policy::PolicyBook;
use crate::time::Date;

/// Schema tag of a settlement summary document.
pub const SUMMARY_SCHEMA: &str = "gongji-settlement-summary/1";

/// Output document of `settle_summary`: the amounts of the [`Settlement`] of the same request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct SettlementSummary {
    /// [`SUMMARY_SCHEMA`].
    pub schema: String,
    /// The bill's reference, as the request gave it.
    pub reference: String,
    pub date: Date,
    pub patient: PersonId,
    /// S-11: estimate (items in) or split (the platform's pre-settlement in).
    pub mode: SettleMode,
    /// 医疗费总额 (S-1)
    pub medfee_sumamt: Money,
    /// 全自费金额 (S-1)
    pub fulamt_ownpay_amt: Money,
    /// 超限价自费 (S-1)
    pub overlmt_selfpay: Money,
    /// 先行自付 (S-1)
    pub preselfpay_amt: Money,
    /// 符合政策范围金额 (S-1)
    pub inscp_scp_amt: Money,
    /// 实际支付起付线 (S-2): the part of the deductible this bill met.
    pub act_pay_dedc: Money,
    /// 统筹基金支出 (S-2)
    pub hifp_pay: Money,
    /// 统筹基金支付比例 (S-2): that of the band the bill reached, before the cap.
    pub pool_prop_selfpay: Ratio,
    /// 公务员医疗补助 (S-11)
    pub cvlserv_pay: Money,
    /// 企业补充医疗保险 (S-11)
    pub hifes_pay: Money,
    /// 大病保险 (S-11, S-12)
    pub hifmi_pay: Money,
    /// 大额医疗费用补助 (S-11, S-12)
    pub hifob_pay: Money,
    /// 医疗救助 (S-11)
    pub maf_pay: Money,
    /// 其他基金 (S-11)
    pub oth_pay: Money,
    /// 基金支付总额 (S-8, S-11)
    pub fund_pay_sumamt: Money,
    /// S-8 (regional): whether `fund_pay_sumamt` counts `acct_pay`.
    pub fund_sum_includes_acct: bool,
    /// 个人负担总金额 = `acct_pay` + `psn_cash_pay` (S-8)
    pub psn_part_amt: Money,
    /// 个人账户支出 = `self_acct_pay` + `acct_mulaid_pay` (S-4, S-5)
    pub acct_pay: Money,
    /// 本人个账 (S-4)
    pub self_acct_pay: Money,
    /// 个人账户共济支付金额 (S-5)
    pub acct_mulaid_pay: Money,
    /// S-5: each sharer's part of `acct_mulaid_pay`, in paying order, as in the full document (who paid
    /// and how much is what a family calculator shows; `available` says why a fund stopped).
    pub mulaid_by_sharer: Vec<SharerPay>,
    /// 个人现金支出 (S-6, S-7)
    pub psn_cash_pay: Money,
    /// 医院负担金额 (S-8)
    pub hosp_part_amt: Money,
    /// 本人个账余额 after the settlement (S-4).
    pub balc: Money,
    /// S-13: each rule that limited who pays.
    pub notices: Vec<Notice>,
}

impl Settlement {
    /// The summary of this settlement: its amounts, field for field.
    pub fn summary(&self) -> SettlementSummary {
        SettlementSummary {
            schema: SUMMARY_SCHEMA.into(),
            reference: self.reference.clone(),
            date: self.date,
            patient: self.patient.clone(),
            mode: self.mode,
            medfee_sumamt: self.medfee_sumamt,
            fulamt_ownpay_amt: self.fulamt_ownpay_amt,
            overlmt_selfpay: self.overlmt_selfpay,
            preselfpay_amt: self.preselfpay_amt,
            inscp_scp_amt: self.inscp_scp_amt,
            act_pay_dedc: self.act_pay_dedc,
            hifp_pay: self.hifp_pay,
            pool_prop_selfpay: self.pool_prop_selfpay,
            cvlserv_pay: self.cvlserv_pay,
            hifes_pay: self.hifes_pay,
            hifmi_pay: self.hifmi_pay,
            hifob_pay: self.hifob_pay,
            maf_pay: self.maf_pay,
            oth_pay: self.oth_pay,
            fund_pay_sumamt: self.fund_pay_sumamt,
            fund_sum_includes_acct: self.fund_sum_includes_acct,
            psn_part_amt: self.psn_part_amt,
            acct_pay: self.acct_pay,
            self_acct_pay: self.self_acct_pay,
            acct_mulaid_pay: self.acct_mulaid_pay,
            mulaid_by_sharer: self.mulaid_by_sharer.clone(),
            psn_cash_pay: self.psn_cash_pay,
            hosp_part_amt: self.hosp_part_amt,
            balc: self.balc,
            notices: self.notices.clone(),
        }
    }
}

/// Settles a bill (S-1..S-8) without its trace, whatever the request's `explain` says, and returns the
/// summary. The full document is built and checked (S-8, [`Settlement::verify`]) first; a request it
/// refuses is refused here with the same error.
pub fn settle_summary(
    book: &PolicyBook,
    mut req: SettleRequest,
) -> Result<SettlementSummary, Error> {
    req.explain = false;
    super::settle(book, &req).map(|s| s.summary())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;
    use serde_json::json;

    /// Hangzhou level 2 (national example tiers), deductible met: 甲类 1000.00 → fund 1000.00 × 0.60 =
    /// 600.00; burden 400.00: own 100.00, X's quota 200.00, cash 400.00 − 300.00 = 100.00 (S-4, S-5).
    fn request(explain: bool) -> SettleRequest {
        let doc = json!({
            "reference": "T1", "estimate": true, "date": "2025-07-01", "explain": explain,
            "patient": {"id": "B", "scheme": "employee", "region": "330100", "enrollment": "active"},
            "own_balance": "100.00",
            "visit": {"type": "outpatient", "level": 2},
            "items": [{"name": "甲药", "amount": "1000.00", "class": "a", "category": "drug"}],
            "accumulators": {"deductible_met": "300.00"},
            "funds": [{"sharer": "X", "mode": "wallet", "available": "200.00"}]
        });
        crate::codec::parse_doc(&doc.to_string()).unwrap()
    }

    #[test]
    fn s8_the_summary_is_the_settlement_s_amounts_with_or_without_the_trace() {
        let book = PolicyBook::embedded();
        let full = super::super::settle(&book, &request(true)).unwrap();
        assert!(!full.trace.is_empty());
        for explain in [true, false] {
            let s = settle_summary(&book, request(explain)).unwrap();
            assert_eq!(s, full.summary());
            assert_eq!(s.schema, SUMMARY_SCHEMA);
            let m = |t: &str| Money::parse(t).unwrap();
            assert_eq!(
                (
                    s.hifp_pay,
                    s.self_acct_pay,
                    s.acct_mulaid_pay,
                    s.psn_cash_pay
                ),
                (m("600.00"), m("100.00"), m("200.00"), m("100.00"))
            );
            assert_eq!(s.mulaid_by_sharer[0].reference.as_deref(), Some("T1/1"));
        }
    }

    #[test]
    fn s11_a_refused_request_is_refused_alike() {
        let book = PolicyBook::embedded();
        // Neither items nor a pre-settlement (S-11).
        let mut req = request(true);
        req.items.clear();
        let full = super::super::settle(&book, &req).unwrap_err();
        let summary = settle_summary(&book, req).unwrap_err();
        assert_eq!((summary.code, summary.field), (full.code, full.field));
        assert_ne!(full.code, Code::SettlementInvalid);
    }
}
