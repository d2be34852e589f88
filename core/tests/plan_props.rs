//! The planner (PL-1) over random small families: a Jinan sharer (virtual quotas in 2026, 20.00 kept
//! back, Shandong accounts do not pay 全自费 items) with relatives in Shandong (in-province) and Shenzhen
//! (wallet), random expected bills, premiums, credits, own spending, reserve rules and a high scenario.
//!
//! For every scenario the plan reports, the test replays the year on its own ledger: the plan's grants
//! are applied as `grant` commands (each must be accepted, PL-1), and each expected bill in order is
//! settled by the stateless `settle` operation fed what the ledger holds (own balance, year totals,
//! quotas, in-province shareable balance), then booked by the ledger. Every bill's parts and every
//! month's totals must equal the plan's, to the fen.

use gongji_core::plan::{plan, ExpectedBill, Plan, PlanPaid, PlanRequest, ScenarioKind};
use gongji_core::policy::VisitType;
use gongji_core::settlement::{Category, FamilyFund, FundOrder, Item, ItemClass, Visit};
use gongji_core::wallet::{apply, shareable, Command, CreditKind, RelationshipStatus, WalletState};
use gongji_core::{
    settle, Date, DateTime, Enrollment, Kinship, Mode, Money, Person, PersonId, PolicyBook, Ratio,
    RegionCode, Scheme, SettleRequest, Settlement,
};
use proptest::prelude::*;

const YEAR: u16 = 2026;

fn pid(s: &str) -> PersonId {
    s.parse().unwrap()
}

fn fen(f: u64) -> Money {
    Money::from_fen(f).unwrap()
}

fn person(id: &str, scheme: Scheme, region: &str) -> Person {
    Person {
        id: pid(id),
        scheme,
        region: region.parse::<RegionCode>().unwrap(),
        enrollment: Enrollment::Active,
        wallet_opened: true,
        retired: false,
    }
}

/// The pool of relatives: (id, scheme, region, kinship, mode, own balance in fen).
const POOL: [(&str, Scheme, &str, Kinship, Mode, u64); 4] = [
    (
        "ma",
        Scheme::Resident,
        "370000",
        Kinship::Parent,
        Mode::InProvince,
        0,
    ),
    (
        "pa",
        Scheme::Resident,
        "440300",
        Kinship::Parent,
        Mode::Wallet,
        0,
    ),
    (
        "wife",
        Scheme::Employee,
        "440300",
        Kinship::Spouse,
        Mode::Wallet,
        30_000,
    ),
    (
        "kid",
        Scheme::Resident,
        "370000",
        Kinship::Child,
        Mode::InProvince,
        0,
    ),
];

/// An item of `amount` fen; class B with 20 % paid first by the patient.
fn item(amount: u64, class: ItemClass, category: Category) -> Item {
    Item {
        name: "x".into(),
        amount: fen(amount),
        class: Some(class),
        preselfpay_ratio: (class == ItemClass::B).then(|| "0.2".parse::<Ratio>().unwrap()),
        price_limit: None,
        category,
    }
}

fn item_strategy() -> impl Strategy<Value = Item> {
    (0u8..3, 1u64..400_000, prop::bool::ANY).prop_map(|(c, amount, drug)| {
        let class = [ItemClass::A, ItemClass::B, ItemClass::C][usize::from(c)];
        let category = if drug {
            Category::Drug
        } else {
            Category::Service
        };
        item(amount, class, category)
    })
}

/// (patient index: 0 = the sharer, 1.. = relatives), month (0 = every month), visit, level, items.
fn bill_strategy() -> impl Strategy<Value = (usize, u8, u8, u8, Vec<Item>)> {
    (
        0usize..5,
        0u8..13,
        0u8..4,
        1u8..4,
        prop::collection::vec(item_strategy(), 1..3),
    )
}

fn visit(v: u8, level: u8) -> Visit {
    let kind = [
        VisitType::Outpatient,
        VisitType::Inpatient,
        VisitType::Pharmacy,
        VisitType::SpecialOutpatient,
    ][usize::from(v)];
    Visit {
        kind,
        level: Some(level),
        designated: true,
        out_of_area: None,
    }
}

type Raw = (
    u64,
    u64,
    u64,
    u8,
    Vec<(usize, u8, u8, u8, Vec<Item>)>,
    Vec<(usize, u8, u64)>,
    Option<u8>,
    Vec<(usize, u8, u8, u8, Vec<Item>)>,
);

fn raw_strategy() -> impl Strategy<Value = Raw> {
    (
        0u64..3_000_000,
        0u64..30_000,
        0u64..50_000,
        1u8..16,
        prop::collection::vec(bill_strategy(), 0..8),
        prop::collection::vec((1usize..5, 1u8..13, 1u64..60_000), 0..3),
        prop::option::of(0u8..7),
        prop::collection::vec(bill_strategy(), 0..3),
    )
}

/// Builds the plan request from the random parts (relatives chosen by `mask`).
fn request(raw: &Raw) -> PlanRequest {
    let (balance, credit, own, mask, care, premiums, months, extra) = raw;
    let chosen: Vec<usize> = (0..4).filter(|i| mask & (1 << i) != 0).collect();
    let who = |k: usize| -> Option<PersonId> {
        if k == 0 {
            Some(pid("xm"))
        } else {
            chosen.get(k - 1).map(|&i| pid(POOL[i].0))
        }
    };
    let bills = |list: &Vec<(usize, u8, u8, u8, Vec<Item>)>| -> Vec<ExpectedBill> {
        list.iter()
            .filter_map(|(k, m, v, l, items)| {
                Some(ExpectedBill {
                    patient: who(*k)?,
                    month: (*m != 0).then_some(*m),
                    every_month: *m == 0,
                    visit: visit(*v, *l),
                    items: items.clone(),
                })
            })
            .collect()
    };
    let care = bills(care);
    let mut high = care.clone();
    high.extend(bills(extra));
    let doc = serde_json::json!({
        "year": YEAR,
        "sharers": [{"person": person("xm", Scheme::Employee, "370100"), "balance": fen(*balance),
                     "monthly_credit": fen(*credit), "own_spending": fen(*own)}],
        "family": chosen.iter().map(|&i| {
            let (id, scheme, region, kinship, mode, bal) = POOL[i];
            serde_json::json!({"person": person(id, scheme, region), "kinship": kinship, "mode": mode,
                               "balance": fen(bal)})
        }).collect::<Vec<_>>(),
        "care": care,
        "premiums": premiums.iter().filter_map(|(k, m, a)| Some(serde_json::json!({
            "person": who(*k)?, "month": m, "amount": fen(*a)}))).collect::<Vec<_>>(),
        "reserve": match months {
            None => serde_json::json!({"rule": "advice_ratio"}),
            Some(n) => serde_json::json!({"rule": "own_months", "months": n}),
        },
        "scenarios": {"high": high},
        "estimate": true,
    });
    serde_json::from_value(doc).unwrap()
}

fn date(m: u8, d: u8) -> Date {
    Date::new(YEAR, m, d).unwrap()
}

/// A year replayed on the test's own ledger.
struct Replay<'a> {
    book: &'a PolicyBook,
    s: WalletState,
    now: DateTime,
}

impl Replay<'_> {
    fn cmd(&mut self, c: Command) -> Result<(), String> {
        let a = apply(self.book, &self.s, &c, self.now).map_err(|e| format!("{c:?}: {e:?}"))?;
        self.s = a.state;
        Ok(())
    }

    fn start(&mut self, req: &PlanRequest) {
        for (p, b) in req
            .sharers
            .iter()
            .map(|s| (&s.person, s.balance))
            .chain(req.family.iter().map(|r| (&r.person, r.balance)))
        {
            self.cmd(Command::RegisterPerson {
                person: p.clone(),
                balance: b,
                current_year_credits: Money::ZERO,
            })
            .unwrap();
        }
        for r in &req.family {
            self.cmd(Command::Establish {
                sharer: pid("xm"),
                beneficiary: r.person.id.clone(),
                kinship: r.kinship,
                mode: r.mode,
                commitment_signed: true,
            })
            .unwrap();
        }
    }

    /// The stateless settlement request from what the ledger holds.
    fn settle_request(
        &self,
        n: usize,
        m: u8,
        patient: &PersonId,
        v: &Visit,
        items: &[Item],
    ) -> SettleRequest {
        let mut funds = Vec::new();
        for r in self
            .s
            .relationships
            .iter()
            .filter(|r| r.status == RelationshipStatus::Active && &r.beneficiary == patient)
        {
            let (available, granted_at) = match r.mode {
                Mode::Wallet => (
                    self.s.quota_available(&r.id),
                    self.s
                        .quotas
                        .iter()
                        .filter(|q| q.relationship == r.id && !q.amount.is_zero())
                        .map(|q| q.granted_at)
                        .min(),
                ),
                Mode::InProvince => (
                    shareable(self.book, &self.s, &r.sharer, self.now).unwrap(),
                    None,
                ),
            };
            if !available.is_zero() {
                funds.push(FamilyFund {
                    sharer: r.sharer.clone(),
                    mode: r.mode,
                    available,
                    granted_at,
                });
            }
        }
        SettleRequest {
            reference: format!("B{n}"),
            date: date(m, 15),
            patient: self.s.person(patient).unwrap().clone(),
            own_balance: self.s.account(patient).unwrap().balance,
            visit: v.clone(),
            items: items.to_vec(),
            presettlement: None,
            accumulators: self.s.year_totals(patient, YEAR),
            funds,
            fund_order: FundOrder::OldestGrant,
            explain: false,
            estimate: true,
        }
    }
}

fn parts(st: &Settlement) -> PlanPaid {
    PlanPaid {
        medfee: st.medfee_sumamt,
        fund: st
            .medfee_sumamt
            .checked_sub(st.psn_part_amt)
            .and_then(|x| x.checked_sub(st.hosp_part_amt))
            .unwrap(),
        own_account: st.self_acct_pay,
        family: st.acct_mulaid_pay,
        cash: st.psn_cash_pay,
        hosp: st.hosp_part_amt,
    }
}

fn sum(a: &PlanPaid, b: &PlanPaid) -> PlanPaid {
    PlanPaid {
        medfee: a.medfee.checked_add(b.medfee).unwrap(),
        fund: a.fund.checked_add(b.fund).unwrap(),
        own_account: a.own_account.checked_add(b.own_account).unwrap(),
        family: a.family.checked_add(b.family).unwrap(),
        cash: a.cash.checked_add(b.cash).unwrap(),
        hosp: a.hosp.checked_add(b.hosp).unwrap(),
    }
}

/// The bills of a month in the plan's settling order: premiums, then the care in listed order.
fn month_bills(
    req: &PlanRequest,
    care: &[ExpectedBill],
    m: u8,
) -> Vec<(PersonId, Visit, Vec<Item>)> {
    let mut out = Vec::new();
    for p in req.premiums.iter().filter(|p| p.month == m) {
        let item = Item {
            name: "premium".into(),
            amount: p.amount,
            class: None,
            preselfpay_ratio: None,
            price_limit: None,
            category: Category::Premium,
        };
        let v = Visit {
            kind: VisitType::Premium,
            level: None,
            designated: true,
            out_of_area: None,
        };
        out.push((p.person.clone(), v, vec![item]));
    }
    for b in care.iter().filter(|b| b.every_month || b.month == Some(m)) {
        out.push((b.patient.clone(), b.visit.clone(), b.items.clone()));
    }
    out
}

/// Replays one scenario of `p`; an error names the first difference.
fn replay(
    book: &PolicyBook,
    req: &PlanRequest,
    p: &Plan,
    kind: ScenarioKind,
) -> Result<(), String> {
    let care = match kind {
        ScenarioKind::High => req.scenarios.as_ref().and_then(|s| s.high.clone()).unwrap(),
        _ => req.care.clone(),
    };
    let sc = p
        .scenarios
        .iter()
        .find(|s| s.scenario == kind)
        .ok_or("no scenario")?;
    let mut r = Replay {
        book,
        s: WalletState::default(),
        now: date(1, 1).at(0),
    };
    r.start(req);
    let sh = &req.sharers[0];
    let mut n = 0;
    for m in 1..=12u8 {
        r.now = date(m, 1).at(8 * 60);
        if !sh.monthly_credit.is_zero() {
            r.cmd(Command::Credit {
                person: pid("xm"),
                amount: sh.monthly_credit,
                kind: CreditKind::Monthly,
            })?;
        }
        let acct =
            r.s.accounts
                .iter_mut()
                .find(|a| a.person == sh.person.id)
                .unwrap();
        let take = sh.own_spending.min(acct.balance);
        acct.balance = acct.balance.saturating_sub(take);
        acct.current_year_credits = acct
            .current_year_credits
            .saturating_sub(take)
            .min(acct.balance);
        for (k, g) in p.grants.iter().filter(|g| g.month == m).enumerate() {
            r.now = date(m, 1).at(9 * 60 + k as u16);
            let rel =
                r.s.relationships
                    .iter()
                    .find(|x| x.beneficiary == g.relative)
                    .ok_or("grant to no relationship")?
                    .id
                    .clone();
            // Another scenario may not hold the whole grant: the plan fits it to Q-4 there and says so.
            let can = shareable(book, &r.s, &g.sharer, r.now).unwrap();
            let amount = if kind != ScenarioKind::Expected && g.amount > can {
                let short = g.amount.saturating_sub(can);
                let said = p.warnings.iter().any(|w| {
                    w.scenario == Some(kind)
                        && w.relative.as_ref() == Some(&g.relative)
                        && w.month == Some(m)
                        && w.amount == Some(short)
                });
                if !said {
                    return Err(format!("{kind:?} month {m}: {short} short, not warned"));
                }
                can
            } else {
                g.amount
            };
            if amount.is_zero() {
                continue;
            }
            r.cmd(Command::Grant {
                relationship: rel,
                amount,
            })
            .map_err(|e| format!("PL-1 {kind:?}: the ledger refused a recommended grant: {e}"))?;
        }
        let mut month = PlanPaid::default();
        for (k, (patient, v, items)) in month_bills(req, &care, m).into_iter().enumerate() {
            n += 1;
            r.now = date(m, 15).at(10 * 60 + k as u16);
            let st = settle(book, &r.settle_request(n, m, &patient, &v, &items))
                .map_err(|e| format!("{e:?}"))?;
            let got = parts(&st);
            let want = &sc.bills.get(n - 1).ok_or("missing bill")?.paid;
            if &got != want {
                return Err(format!("bill {n}: settle {got:?} != plan {want:?}"));
            }
            month = sum(&month, &got);
            r.cmd(Command::Settle {
                reference: format!("B{n}"),
                date: date(m, 15),
                patient,
                visit: v,
                items,
                presettlement: None,
                explain: false,
                fund_order: None,
                institution: None,
                estimate: true,
            })?;
        }
        let plan_month = &sc.months[usize::from(m - 1)].paid;
        if &month != plan_month {
            return Err(format!("month {m}: {month:?} != plan {plan_month:?}"));
        }
    }
    if n != sc.bills.len() {
        return Err(format!(
            "{n} bills replayed, the plan has {}",
            sc.bills.len()
        ));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// PL-1: month totals equal `settle` on each bill in order; every recommended grant is accepted.
    #[test]
    fn pl1_plan_replays_through_settle_and_the_ledger(raw in raw_strategy()) {
        let book = PolicyBook::embedded();
        let req = request(&raw);
        let p = plan(&book, &req).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(!p.what_if);
        for kind in [ScenarioKind::Expected, ScenarioKind::High] {
            replay(&book, &req, &p, kind).map_err(TestCaseError::fail)?;
        }
        for g in &p.grants {
            prop_assert!(!g.amount.is_zero());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// PL-1, Q-7: the recommendation never takes a sharer below the reserve in the high scenario where
    /// the family's care without any grant stays above it (what-if with an empty schedule).
    #[test]
    fn pl1_recommendation_keeps_the_reserve_in_the_high_scenario(raw in raw_strategy()) {
        let book = PolicyBook::embedded();
        let req = request(&raw);
        let p = plan(&book, &req).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut none = req.clone();
        none.grants = Some(Vec::new());
        let q = plan(&book, &none).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let breached = |x: &Plan| {
            x.warnings.iter().any(|w| {
                w.code == gongji_core::plan::PlanWarningCode::ReserveBreached
                    && w.scenario == Some(ScenarioKind::High)
            })
        };
        if !breached(&q) {
            prop_assert!(!breached(&p), "{:?}", p.warnings);
        }
    }
}

fn service(amount: u64, class: ItemClass) -> Item {
    item(amount, class, Category::Service)
}

/// PL-1, Q-7: a case the property found. The parent's monthly grant of 808.46 in December is fitted by
/// Q-4 to 808.38 in the high scenario, leaving xm 20.00 against a reserve of 20.01; cutting January's
/// grant instead only let December's fitted grant take the cent back, pass after pass.
#[test]
fn pl1_reserve_kept_found_case() {
    let raw: Raw = (
        903_531,
        24_219,
        667,
        14,
        vec![(1, 0, 0, 1, vec![service(230_988, ItemClass::A)])],
        vec![],
        Some(3),
        vec![(
            3,
            1,
            0,
            2,
            vec![
                service(55_429, ItemClass::A),
                service(334_306, ItemClass::B),
            ],
        )],
    );
    let book = PolicyBook::embedded();
    let req = request(&raw);
    let p = plan(&book, &req).unwrap();
    let mut none = req.clone();
    none.grants = Some(Vec::new());
    let q = plan(&book, &none).unwrap();
    let breached = |x: &Plan| {
        x.warnings.iter().any(|w| {
            w.code == gongji_core::plan::PlanWarningCode::ReserveBreached
                && w.scenario == Some(ScenarioKind::High)
        })
    };
    assert!(!breached(&q), "{:?}", q.warnings);
    assert!(!breached(&p), "{:?}", p.warnings);
}
