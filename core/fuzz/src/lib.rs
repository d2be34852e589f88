//! Shared pieces of the fuzz targets: the raw-bytes driver, the reader's differential driver
//! (`differential`), structured inputs (`arbitrary`) that build valid-ish documents, and the host's side
//! of the ledger. The invariants checked inside the targets
//! (S-8 identities, S-9 reversal, conservation of the ledger's money, no spending without an active
//! relationship) are `gongji-testing`'s, shared with the property tests.

mod differential;

pub use differential::{reader_vs_serde_json, OPS as DIFFERENTIAL_OPS};

use arbitrary::Arbitrary;
use gongji_core::eligibility::Mode;
use gongji_core::json::invoke;
use gongji_core::policy::VisitType;
use gongji_core::settlement::{
    Accumulators, Category, FamilyFund, FundOrder, Item, ItemClass, Visit,
};
use gongji_core::wallet::{shareable, RelationshipStatus, WalletState};
use gongji_core::{
    Date, DateTime, Enrollment, Kinship, Money, Person, PersonId, PolicyBook, Ratio, RegionCode,
    Scheme, SettleRequest, Settlement,
};
pub use gongji_testing::{
    book, check_error, check_settlement, identities, ledger_sound, ledger_total, pid,
    settle_and_reverse, step, sum,
};

/// Regions the structured inputs pick from: the book's cities and provinces, a city that inherits from
/// its province (Qingdao), and a region the book does not name (Wuhan: national values).
pub const REGIONS: [&str; 8] = [
    "110000", "370100", "310000", "330100", "440300", "370000", "370200", "420100",
];

pub fn region(i: u8) -> RegionCode {
    REGIONS[i as usize % REGIONS.len()].parse().unwrap()
}

pub fn fen(f: u32) -> Money {
    Money::from_fen(u64::from(f)).unwrap()
}

/// A ratio with at most four places, `n` in ten-thousandths (clamped to 1).
pub fn ratio(n: u16) -> Ratio {
    let n = n % 10_001;
    Ratio::parse(&format!("{}.{:04}", n / 10_000, n % 10_000)).unwrap()
}

/// A date in 2020..2026, so that every dated policy step is crossed.
pub fn date(n: u16) -> Date {
    let day = (n % 28) as u8 + 1;
    let month = ((n / 28) % 12) as u8 + 1;
    let year = 2020 + (n / 336) % 7;
    Date::new(year, month, day).unwrap()
}

/// Raw bytes into one JSON entry point: never a panic; an output is JSON; an error is well formed.
/// For settle, the output must reverse; for settle_summary, it must be the settlement's amounts; for
/// apply, the new state must be valid.
pub fn raw(op: &str, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match invoke(book(), op, text) {
        Ok(out) => {
            let v: serde_json::Value = serde_json::from_str(&out).expect("output is JSON");
            match op {
                "settle" => {
                    let s: Settlement = serde_json::from_value(v).expect("settlement parses");
                    identities(&s);
                    let back = invoke(book(), "reverse", &out);
                    assert!(back.is_ok(), "a fresh settlement must reverse: {back:?}");
                }
                "settle_summary" => summary_matches(text, v),
                "apply" => {
                    let a: gongji_core::Applied =
                        serde_json::from_value(v).expect("applied parses");
                    assert_eq!(a.state.validate(), Ok(()));
                }
                "check_eligibility" => {
                    let d: gongji_core::Decision =
                        serde_json::from_value(v).expect("decision parses");
                    assert_eq!(d.allowed, d.failed.is_empty());
                }
                "shareable" => {
                    let b: gongji_core::wallet::Shareable =
                        serde_json::from_value(v).expect("shareable parses");
                    // never more than the balance; Q-7: the advice never exceeds the limit.
                    assert!(b.shareable <= b.balance);
                    assert!(b.advised_max <= b.shareable);
                }
                "statement" => {
                    // T-1: each pair's total is the sum of its years', each year's of its months'.
                    let st: gongji_core::wallet::Statement =
                        serde_json::from_value(v).expect("statement parses");
                    for p in &st.pairs {
                        assert_eq!(sum(p.years.iter().map(|y| y.total.spent)), p.total.spent);
                        for y in &p.years {
                            assert_eq!(sum(y.months.iter().map(|m| m.total.spent)), y.total.spent);
                        }
                    }
                }
                "plan" => {
                    let p: gongji_core::plan::Plan =
                        serde_json::from_value(v).expect("plan parses");
                    plan_sums(&p);
                }
                "validate_policy" => {
                    // P-3: a normalised book loads again, to the same book.
                    let first = PolicyBook::from_json(text).expect("loaded once");
                    let again = PolicyBook::from_json(&out).expect("normalised book reloads");
                    assert_eq!(first, again);
                }
                _ => {}
            }
        }
        Err(e) => {
            check_error(&e);
            if op == "settle_summary" {
                // A request the summary refuses, `settle` refuses with the same error.
                assert_eq!(invoke(book(), "settle", text).err(), Some(e));
            }
        }
    }
}

/// S-8: a summary is the full settlement's amounts. The same text settled with `settle` (and its trace,
/// if it asks for one) settles too, and every key of the summary but `schema` is the settlement's, with
/// the same value.
fn summary_matches(text: &str, summary: serde_json::Value) {
    let _: gongji_core::settlement::SettlementSummary =
        serde_json::from_value(summary.clone()).expect("summary parses");
    let full = invoke(book(), "settle", text).expect("a request that sums up settles");
    let full: serde_json::Value = serde_json::from_str(&full).expect("output is JSON");
    let (Some(summary), Some(full)) = (summary.as_object(), full.as_object()) else {
        panic!("a summary and a settlement are objects");
    };
    for (key, value) in summary.iter().filter(|(k, _)| *k != "schema") {
        assert_eq!(
            full.get(key),
            Some(value),
            "key {key}: settle and settle_summary differ"
        );
    }
}

/// PL-1: every bill and month of every scenario adds up (S-8), the months are the sums of their bills,
/// and the cash avoided is the baseline's cash less the scenario's.
fn plan_sums(p: &gongji_core::plan::Plan) {
    use gongji_core::plan::PlanPaid;
    let parts = |x: &PlanPaid| -> Money {
        [x.fund, x.own_account, x.family, x.cash, x.hosp]
            .into_iter()
            .try_fold(Money::ZERO, Money::checked_add)
            .expect("parts add up")
    };
    for sc in &p.scenarios {
        assert_eq!(sc.months.len(), 12);
        for b in &sc.bills {
            assert_eq!(parts(&b.paid), b.paid.medfee, "bill {}", b.reference);
        }
        for m in &sc.months {
            assert_eq!(parts(&m.paid), m.paid.medfee, "month {}", m.month);
            let medfee = sc
                .bills
                .iter()
                .filter(|b| b.month == m.month)
                .try_fold(Money::ZERO, |a, b| a.checked_add(b.paid.medfee))
                .expect("month adds up");
            assert_eq!(medfee, m.paid.medfee, "month {}", m.month);
        }
        assert_eq!(
            sc.cash_without_sharing.saturating_sub(sc.totals.paid.cash),
            sc.cash_avoided
        );
    }
}

// ---------------------------------------------------------------- structured inputs

#[derive(Arbitrary, Debug, Clone)]
pub struct FPerson {
    pub resident: bool,
    pub region: u8,
    /// 0..=5 active (mostly), 6 suspended, 7 terminated.
    pub enrollment: u8,
    pub wallet: bool,
    pub retired: bool,
}

impl FPerson {
    pub fn build(&self, id: &str) -> Person {
        Person {
            id: pid(id),
            scheme: if self.resident {
                Scheme::Resident
            } else {
                Scheme::Employee
            },
            region: region(self.region),
            enrollment: match self.enrollment % 8 {
                6 => Enrollment::Suspended,
                7 => Enrollment::Terminated,
                _ => Enrollment::Active,
            },
            wallet_opened: self.wallet,
            retired: self.retired,
        }
    }
}

pub const KINSHIPS: [Kinship; 9] = [
    Kinship::Spouse,
    Kinship::Parent,
    Kinship::Child,
    Kinship::Sibling,
    Kinship::PaternalGrandparent,
    Kinship::MaternalGrandparent,
    Kinship::SonsChild,
    Kinship::DaughtersChild,
    Kinship::SpouseParent,
];

pub const CATEGORIES: [Category; 12] = [
    Category::Drug,
    Category::Device,
    Category::Consumable,
    Category::Service,
    Category::HealthProduct,
    Category::Cosmetic,
    Category::DailyGoods,
    Category::CosmeticSurgery,
    Category::Vaccine,
    Category::Checkup,
    Category::Huiminbao,
    Category::Premium,
];

pub const VISITS: [VisitType; 5] = [
    VisitType::Outpatient,
    VisitType::Inpatient,
    VisitType::SpecialOutpatient,
    VisitType::Pharmacy,
    VisitType::Premium,
];

#[derive(Arbitrary, Debug, Clone)]
pub struct FItem {
    pub fen: u32,
    /// 0 a, 1 b, 2 c, 3 none.
    pub class: u8,
    pub ratio: Option<u16>,
    pub limit: Option<u32>,
    pub category: u8,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct FBill {
    pub visit: u8,
    /// 0 none, 1..=3 the level, others invalid.
    pub level: u8,
    pub designated: bool,
    /// When set, items are made to fit the visit (class b gets a ratio, …), so most bills settle.
    pub tidy: bool,
    pub items: Vec<FItem>,
    pub own_fen: u32,
    pub deductible_met: u32,
    pub fund_paid: u32,
    pub past: u32,
    pub as_listed: bool,
    /// `explain` of the request: with or without the trace.
    pub explain: bool,
}

impl FBill {
    /// The request for `patient` on `date`, with `funds`.
    pub fn build(
        &self,
        reference: &str,
        date: Date,
        patient: Person,
        funds: Vec<FamilyFund>,
    ) -> SettleRequest {
        let kind = VISITS[self.visit as usize % VISITS.len()];
        let premium = kind == VisitType::Premium;
        let level = match self.level % 5 {
            0 if self.tidy && !premium => Some(2),
            0 => None,
            4 if self.tidy => Some(3),
            4 => Some(self.level),
            l => Some(l),
        };
        let items = self
            .items
            .iter()
            .take(16)
            .map(|it| {
                let mut class = match it.class % 4 {
                    0 => Some(ItemClass::A),
                    1 => Some(ItemClass::B),
                    2 => Some(ItemClass::C),
                    _ => None,
                };
                let mut category = CATEGORIES[it.category as usize % CATEGORIES.len()];
                let mut preselfpay_ratio = it.ratio.map(ratio);
                let mut price_limit = it.limit.map(fen);
                if self.tidy {
                    if premium {
                        class = None;
                        preselfpay_ratio = None;
                        price_limit = None;
                        if !matches!(category, Category::Premium | Category::Huiminbao) {
                            category = Category::Premium;
                        }
                    } else {
                        if category == Category::Premium {
                            category = Category::Drug;
                        }
                        let c = class.unwrap_or(ItemClass::A);
                        let c = if category.medical() { c } else { ItemClass::C };
                        class = Some(c);
                        match c {
                            ItemClass::B => {
                                preselfpay_ratio = Some(preselfpay_ratio.unwrap_or(ratio(1000)))
                            }
                            _ => preselfpay_ratio = None,
                        }
                        if c == ItemClass::C {
                            price_limit = None;
                        }
                    }
                }
                Item {
                    name: "项目".into(),
                    amount: fen(it.fen % 100_000_000),
                    class,
                    preselfpay_ratio,
                    price_limit,
                    category,
                }
            })
            .collect();
        SettleRequest {
            reference: reference.into(),
            date,
            patient,
            own_balance: fen(self.own_fen),
            visit: Visit {
                kind,
                level,
                designated: self.designated || self.tidy,
                out_of_area: None,
            },
            items,
            presettlement: None,
            estimate: true,
            accumulators: Accumulators {
                deductible_met: fen(self.deductible_met % 1_000_000),
                fund_paid: fen(self.fund_paid % 10_000_000),
                in_scope_past_deductible: fen(self.past),
                ..Accumulators::default()
            },
            funds,
            fund_order: if self.as_listed {
                FundOrder::AsListed
            } else {
                FundOrder::OldestGrant
            },
            explain: self.explain,
        }
    }
}

// ---------------------------------------------------------------- the ledger

/// The family sharing funds a host would offer for `patient`: unspent quotas of active wallet
/// relationships and the shareable balance of in-province sharers.
pub fn ledger_funds(
    book: &PolicyBook,
    s: &WalletState,
    patient: &PersonId,
    now: DateTime,
) -> Vec<FamilyFund> {
    let mut out = Vec::new();
    for r in &s.relationships {
        if r.status != RelationshipStatus::Active || &r.beneficiary != patient {
            continue;
        }
        match r.mode {
            Mode::Wallet => {
                let available = s.quota_available(&r.id);
                let granted_at = s
                    .quotas
                    .iter()
                    .filter(|q| q.relationship == r.id && !q.amount.is_zero())
                    .map(|q| q.granted_at)
                    .min();
                out.push(FamilyFund {
                    sharer: r.sharer.clone(),
                    mode: Mode::Wallet,
                    available,
                    granted_at,
                });
            }
            Mode::InProvince => {
                let available = shareable(book, s, &r.sharer, now).unwrap_or(Money::ZERO);
                out.push(FamilyFund {
                    sharer: r.sharer.clone(),
                    mode: Mode::InProvince,
                    available,
                    granted_at: None,
                });
            }
        }
    }
    out
}

/// A minute count from 2025-06-01T00:00 as a time.
pub fn at(minutes: u32) -> DateTime {
    let mut d = Date::new(2025, 6, 1).unwrap();
    for _ in 0..(minutes / 1440) {
        d = d.next_day();
    }
    d.at((minutes % 1440) as u16)
}
