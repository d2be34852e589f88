//! The settlement document (S-8) in the national platform's field names, and its identities.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use serde::{Deserialize, Serialize};

use super::commands::LedgerCommand;
use super::explain::Step;
use super::notice::Notice;
use super::request::{check_reference, Accumulators, Visit};
use super::sum::sub;
use crate::error::{Code, Error};
use crate::money::{Money, Ratio};
use crate::person::Mode;
use crate::person::{PersonId, RegionCode};
use crate::policy::{BenefitRule, Grade, VisitType};
use crate::text::{self, Text};
use crate::time::Date;

/// Schema tag of a settlement document.
pub const SETTLEMENT_SCHEMA: &str = "gongji-settlement/1";

/// S-1 split of one line item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct ItemSplit {
    pub name: String,
    pub amount: Money,
    pub fulamt_ownpay_amt: Money,
    pub overlmt_selfpay: Money,
    pub preselfpay_amt: Money,
    pub inscp_scp_amt: Money,
}

/// One sharer's part of `acct_mulaid_pay` (S-5, S-8), in paying order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct SharerPay {
    pub sharer: PersonId,
    pub mode: Mode,
    /// What the fund offered.
    pub available: Money,
    /// What it paid.
    pub amount: Money,
    /// The ledger spend reference, when it paid anything.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

fn zero() -> Money {
    Money::ZERO
}

/// How the stage-A figures were reached (S-11).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SettleMode {
    /// From the items and the policy book's parameters.
    #[default]
    Estimate,
    /// From the platform's pre-settlement (2206/2303); only the personal burden was split.
    Split,
}

/// P-4: where an estimate's benefit parameters come from, and how reliable the least reliable of them is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// The region whose benefit rows applied; `null`: the national baseline.
    pub region: Option<RegionCode>,
    /// The weakest grade among the benefit row, the layers and the out-of-area adjustment used.
    pub grade: Grade,
}

/// Output document of `settle` and input document of `reverse`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Settlement {
    pub schema: String,
    pub reference: String,
    pub date: Date,
    pub patient: PersonId,
    pub visit: Visit,
    /// S-11: estimate (items in) or split (pre-settlement in; `items` is then empty). Absent in a
    /// document written before split mode existed: an estimate.
    #[serde(default)]
    pub mode: SettleMode,
    pub items: Vec<ItemSplit>,
    /// The benefit row applied (S-2), its ratios lowered for out-of-area care (S-12); absent for a premium.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<BenefitRule>,
    /// P-4: the region and grade of the parameters an estimate used; absent where none applied (a
    /// premium, a non-designated institution, split mode).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Parameters>,
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
    /// 统筹基金支付比例 (a ratio): that of the band the bill reached, before the cap.
    pub pool_prop_selfpay: Ratio,
    /// 公务员医疗补助 (S-11; 0.00 in an estimate)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub cvlserv_pay: Money,
    /// 企业补充医疗保险 (S-11; 0.00 in an estimate)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifes_pay: Money,
    /// 大病保险 (S-11; in an estimate, S-12's layer)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifmi_pay: Money,
    /// 大额医疗费用补助 (S-11; in an estimate, S-12's layer)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub hifob_pay: Money,
    /// 医疗救助 (S-11; 0.00 in an estimate)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub maf_pay: Money,
    /// 其他基金 (S-11; 0.00 in an estimate)
    #[cfg_attr(feature = "uniffi", uniffi(default = "0.00"))]
    #[serde(default = "zero")]
    pub oth_pay: Money,
    /// 基金支付总额: `hifp_pay` and the six funds above (S-11); also `acct_pay` when
    /// `fund_sum_includes_acct`.
    pub fund_pay_sumamt: Money,
    /// S-8 (regional): whether `fund_pay_sumamt` counts `acct_pay`.
    pub fund_sum_includes_acct: bool,
    /// 个人负担总金额 = `medfee_sumamt` − the funds − `hosp_part_amt` = `acct_pay` + `psn_cash_pay`
    pub psn_part_amt: Money,
    /// 个人账户支出 = `self_acct_pay` + `acct_mulaid_pay`
    pub acct_pay: Money,
    /// 本人个账 (selfAcctPay)
    pub self_acct_pay: Money,
    /// 个人账户共济支付金额 (acctMulaidPay)
    pub acct_mulaid_pay: Money,
    /// Each sharer's part of `acct_mulaid_pay`, in paying order.
    pub mulaid_by_sharer: Vec<SharerPay>,
    /// 个人现金支出
    pub psn_cash_pay: Money,
    /// 医院负担金额
    pub hosp_part_amt: Money,
    /// 本人个账余额 after the settlement.
    pub balc: Money,
    pub accumulators_before: Accumulators,
    pub accumulators_after: Accumulators,
    /// The spends the host applies to the wallet ledger, so ledger and settlement agree.
    pub wallet_commands: Vec<LedgerCommand>,
    /// S-13: each rule that limited who pays, whether or not the trace is on.
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    #[serde(default)]
    pub notices: Vec<Notice>,
    /// How each amount was reached.
    pub trace: Vec<Step>,
}

/// `a + b + … == total`, or an error naming `field`.
fn sums<I>(parts: I, total: Money, field: &str, what: &str) -> Result<(), Error>
where
    I: IntoIterator<Item = Money> + Clone,
{
    let got = parts
        .clone()
        .into_iter()
        .try_fold(Money::ZERO, Money::checked_add);
    if got == Some(total) {
        return Ok(());
    }
    Err(sums_differ(parts, total, field, what))
}

/// The error of [`sums`], cold and apart from the checks.
#[cold]
#[inline(never)]
fn sums_differ(
    parts: impl IntoIterator<Item = Money>,
    total: Money,
    field: &str,
    what: &str,
) -> Error {
    let shown: Vec<String> = parts.into_iter().map(|m| format!("{m}")).collect();
    Error::new(Code::SettlementInvalid, field).text(text::sums_differ(
        &what,
        &shown.join(" + "),
        &total,
    ))
}

#[cold]
#[inline(never)]
fn wrong_commands() -> Error {
    invalid("wallet_commands", text::commands_mismatch())
}

/// `r` is `"{base}/{n}"`, `n` written plainly (no sign, no leading zero).
fn is_spend_reference(r: &str, base: &str, n: usize) -> bool {
    let digits = r.strip_prefix(base).and_then(|t| t.strip_prefix('/'));
    digits.is_some_and(|d| {
        !d.starts_with('0') && d.bytes().all(|b| b.is_ascii_digit()) && d.parse() == Ok(n)
    })
}

#[cold]
#[inline(never)]
fn invalid(field: &str, t: Text) -> Error {
    Error::new(Code::SettlementInvalid, field).text(t)
}

impl Settlement {
    /// S-8: checks every identity to the fen, and that the accumulators and ledger commands agree with
    /// the amounts. A settlement that fails cannot be reversed (S-9).
    pub fn verify(&self) -> Result<(), Error> {
        if self.schema != SETTLEMENT_SCHEMA {
            return Err(Error::new(Code::SchemaMismatch, "schema")
                .text(text::expected_schema(&SETTLEMENT_SCHEMA)));
        }
        check_reference(&self.reference, "reference")?;
        self.verify_items()?;
        let eligible = self.verify_stage_a()?;
        self.verify_identities()?;
        self.verify_accumulators(eligible)?;
        self.verify_commands()
    }

    /// S-1, S-8: each line splits into its four parts, and each column adds up to its total.
    fn verify_items(&self) -> Result<(), Error> {
        let split = self.mode == SettleMode::Split;
        if split && !self.items.is_empty() {
            return Err(invalid("items", text::split_no_items()));
        }
        // One pass in whole fen (wide enough that no sum overflows): each line's S-1 split and the five
        // column totals. What does not match, or is not in fen, is decided and written by `sums`.
        let wide = |m: Money| m.wide_fen();
        let mut got = [Some(0i128); 5];
        for (i, it) in self.items.iter().enumerate() {
            let parts = [
                it.fulamt_ownpay_amt,
                it.overlmt_selfpay,
                it.preselfpay_amt,
                it.inscp_scp_amt,
            ];
            let split = parts.iter().try_fold(0i128, |acc, m| Some(acc + wide(*m)?));
            // The field's path is written only for a line that fails.
            if split.is_none() || split != wide(it.amount) {
                sums(parts, it.amount, &format!("items[{i}].amount"), "S-1")?;
            }
            let line = [it.amount, parts[0], parts[1], parts[2], parts[3]];
            for (total, m) in got.iter_mut().zip(line) {
                *total = total.zip(wide(m)).map(|(t, f)| t + f);
            }
        }
        type Column = fn(&ItemSplit) -> Money;
        let columns: [(Column, Money, &str); 5] = [
            (|i| i.amount, self.medfee_sumamt, "medfee_sumamt"),
            (
                |i| i.fulamt_ownpay_amt,
                self.fulamt_ownpay_amt,
                "fulamt_ownpay_amt",
            ),
            (
                |i| i.overlmt_selfpay,
                self.overlmt_selfpay,
                "overlmt_selfpay",
            ),
            (|i| i.preselfpay_amt, self.preselfpay_amt, "preselfpay_amt"),
            (|i| i.inscp_scp_amt, self.inscp_scp_amt, "inscp_scp_amt"),
        ];
        let failed = columns.into_iter().zip(got).filter(|_| !split);
        for ((column, total, field), _) in
            failed.filter(|((_, total, _), got)| got.is_none() || *got != wide(*total))
        {
            sums(self.items.iter().map(column), total, field, "S-8 Σ items")?;
        }
        let s1 = [
            self.fulamt_ownpay_amt,
            self.overlmt_selfpay,
            self.preselfpay_amt,
            self.inscp_scp_amt,
        ];
        sums(s1, self.medfee_sumamt, "medfee_sumamt", "S-8")
    }

    /// S-2, S-6, S-7 bounds of stage A; the in-scope amount past the deductible.
    fn verify_stage_a(&self) -> Result<Money, Error> {
        // The deductible and the fund come out of the in-scope amount.
        let eligible = sub(self.inscp_scp_amt, self.act_pay_dedc, "act_pay_dedc")
            .map_err(|_| invalid("act_pay_dedc", text::deductible_above_scope()))?;
        if self.hifp_pay > eligible {
            return Err(invalid("hifp_pay", text::fund_above_eligible()));
        }
        // S-12: in an estimate the layers pay at most the in-scope burden the basic fund left.
        let layers = self.hifmi_pay.checked_add(self.hifob_pay);
        let burden = self.inscp_scp_amt.checked_sub(self.hifp_pay);
        if self.mode == SettleMode::Estimate && layers.zip(burden).is_none_or(|(l, b)| l > b) {
            return Err(invalid("hifmi_pay", text::layers_above_burden()));
        }
        let premium = self.visit.kind == VisitType::Premium;
        // An estimate names its benefit row; a split-mode bill has none (the platform applied it).
        let named = self.mode == SettleMode::Estimate && self.visit.designated && !premium;
        if named == self.benefit.is_none()
            || premium && !(self.inscp_scp_amt.is_zero() && self.funds_total() == Some(Money::ZERO))
            || premium && self.mode == SettleMode::Split
        {
            return Err(invalid("benefit", text::premium_no_fund()));
        }
        let outside = !self.visit.designated && !premium;
        if outside && (self.benefit.is_some() || self.funds_total() != Some(Money::ZERO)) {
            return Err(invalid("hifp_pay", text::outside_no_fund()));
        }
        Ok(eligible)
    }

    /// S-8 identities between the totals.
    fn verify_identities(&self) -> Result<(), Error> {
        let acct_in_fund = if self.fund_sum_includes_acct {
            self.acct_pay
        } else {
            Money::ZERO
        };
        let [cvlserv, hifes, hifmi, hifob, maf, oth] = self.other_funds();
        let funds = [self.hifp_pay, cvlserv, hifes, hifmi, hifob, maf, oth];
        let with_acct = funds.into_iter().chain([acct_in_fund]);
        sums(with_acct, self.fund_pay_sumamt, "fund_pay_sumamt", "S-11")?;
        let whole = funds
            .into_iter()
            .chain([self.psn_part_amt, self.hosp_part_amt]);
        sums(whole, self.medfee_sumamt, "psn_part_amt", "S-11")?;
        sums(
            [self.acct_pay, self.psn_cash_pay],
            self.psn_part_amt,
            "psn_cash_pay",
            "S-8",
        )?;
        sums(
            [self.self_acct_pay, self.acct_mulaid_pay],
            self.acct_pay,
            "acct_pay",
            "S-8",
        )?;
        sums(
            self.mulaid_by_sharer.iter().map(|p| p.amount),
            self.acct_mulaid_pay,
            "acct_mulaid_pay",
            "S-8 Σ sharers",
        )
    }

    /// S-11: the six funds besides the basic pooled fund, in their field order.
    fn other_funds(&self) -> [Money; 6] {
        [
            self.cvlserv_pay,
            self.hifes_pay,
            self.hifmi_pay,
            self.hifob_pay,
            self.maf_pay,
            self.oth_pay,
        ]
    }

    /// S-11: every fund's payment (`hifp_pay` and the six others), without `acct_pay`.
    fn funds_total(&self) -> Option<Money> {
        self.other_funds()
            .into_iter()
            .try_fold(self.hifp_pay, Money::checked_add)
    }

    /// S-3: the accumulators moved by exactly this bill.
    fn verify_accumulators(&self, eligible: Money) -> Result<(), Error> {
        let (b, a) = (&self.accumulators_before, &self.accumulators_after);
        sums(
            [b.deductible_met, self.act_pay_dedc],
            a.deductible_met,
            "accumulators_after.deductible_met",
            "S-3",
        )?;
        // S-12: the basic fund counts against the outpatient pool's cap or the other one, never both.
        let outpatient = self.benefit.as_ref().is_some_and(|r| r.outpatient_pool);
        let (to_pool, to_fund) = if outpatient {
            (self.hifp_pay, Money::ZERO)
        } else {
            (Money::ZERO, self.hifp_pay)
        };
        sums(
            [b.fund_paid, to_fund],
            a.fund_paid,
            "accumulators_after.fund_paid",
            "S-3",
        )?;
        sums(
            [b.outpatient_fund_paid, to_pool],
            a.outpatient_fund_paid,
            "accumulators_after.outpatient_fund_paid",
            "S-12",
        )?;
        // A non-designated bill is outside the scheme: it moves no totals.
        let counted = if self.visit.designated {
            eligible
        } else {
            Money::ZERO
        };
        sums(
            [b.in_scope_past_deductible, counted],
            a.in_scope_past_deductible,
            "accumulators_after.in_scope_past_deductible",
            "S-3",
        )?;
        self.verify_layer_totals()
    }

    /// S-12: the layers' totals move by at most this bill's figures, and admissions by at most one for a
    /// designated inpatient bill. (A document written before these totals existed carries zeros in both.)
    fn verify_layer_totals(&self) -> Result<(), Error> {
        let (b, a) = (&self.accumulators_before, &self.accumulators_after);
        let designated = self.visit.designated;
        let burden = if designated && self.visit.kind.counts_for_layers() {
            self.inscp_scp_amt.checked_sub(self.hifp_pay)
        } else {
            Some(Money::ZERO)
        };
        let moved = |after: Money, before: Money, most: Option<Money>| {
            after
                .checked_sub(before)
                .zip(most)
                .is_some_and(|(d, m)| d <= m)
        };
        let checks = [
            (
                moved(a.layer_burden, b.layer_burden, burden),
                "layer_burden",
            ),
            (
                moved(a.hifmi_paid, b.hifmi_paid, Some(self.hifmi_pay)),
                "hifmi_paid",
            ),
            (
                moved(a.hifob_paid, b.hifob_paid, Some(self.hifob_pay)),
                "hifob_paid",
            ),
        ];
        if let Some((_, field)) = checks.iter().find(|(ok, _)| !ok) {
            return Err(invalid(
                &format!("accumulators_after.{field}"),
                text::layer_totals_moved(),
            ));
        }
        let inpatient = designated && self.visit.kind == VisitType::Inpatient;
        let most = u32::from(inpatient);
        if a.admissions < b.admissions || a.admissions - b.admissions > most {
            return Err(invalid(
                "accumulators_after.admissions",
                text::layer_totals_moved(),
            ));
        }
        Ok(())
    }

    /// S-5: the ledger commands are exactly the sharers' parts, in order, referenced `{reference}/n`.
    fn verify_commands(&self) -> Result<(), Error> {
        let mut commands = self.wallet_commands.iter();
        let mut spends = 0;
        for (i, p) in self.mulaid_by_sharer.iter().enumerate() {
            let at = |f: &str| format!("mulaid_by_sharer[{i}].{f}");
            if p.amount > p.available {
                return Err(invalid(&at("amount"), text::sharer_over_available()));
            }
            if self
                .mulaid_by_sharer
                .get(..i)
                .is_some_and(|prev| prev.iter().any(|q| q.sharer == p.sharer))
            {
                return Err(invalid(&at("sharer"), text::sharer_twice()));
            }
            let paid = !p.amount.is_zero();
            spends += usize::from(paid);
            let referenced = match &p.reference {
                Some(r) => paid && is_spend_reference(r, &self.reference, spends),
                None => !paid,
            };
            if !referenced {
                return Err(invalid(&at("reference"), text::reference_mismatch()));
            }
            if paid && !commands.next().is_some_and(|c| self.is_spend_of(c, p)) {
                return Err(wrong_commands());
            }
        }
        if commands.next().is_some() {
            return Err(wrong_commands());
        }
        Ok(())
    }

    /// Whether `c` is the ledger spend of the sharer's part `p`.
    fn is_spend_of(&self, c: &LedgerCommand, p: &SharerPay) -> bool {
        match c {
            LedgerCommand::Spend {
                sharer,
                beneficiary,
                amount,
                reference,
            } => {
                *sharer == p.sharer
                    && *beneficiary == self.patient
                    && *amount == p.amount
                    && Some(reference) == p.reference.as_ref()
            }
            _ => false,
        }
    }
}
