//! Shared pieces of the fuzz targets: the raw-bytes driver, structured inputs (`arbitrary`) that build
//! valid-ish documents, and the invariants checked inside the targets (S-8 identities, S-9 reversal,
//! conservation of the ledger's money, no spending without an active relationship).

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use gongji_core::eligibility::Mode;
use gongji_core::json::invoke;
use gongji_core::policy::VisitType;
use gongji_core::settlement::{
    Accumulators, Category, FamilyFund, FundOrder, Item, ItemClass, LedgerCommand, Visit,
};
use gongji_core::wallet::{
    apply, shareable, Command, QuotaOrigin, RelationshipStatus, TransferStatus, WalletState,
};
use gongji_core::{
    reverse, settle, Code, Date, DateTime, Enrollment, Error, Kinship, Money, Person, PersonId,
    PolicyBook, Ratio, RegionCode, Scheme, SettleRequest, Settlement,
};

/// The embedded book, parsed once.
pub fn book() -> &'static PolicyBook {
    static BOOK: OnceLock<PolicyBook> = OnceLock::new();
    BOOK.get_or_init(PolicyBook::embedded)
}

/// Regions the structured inputs pick from: the book's cities and provinces, a city that inherits from
/// its province (Qingdao), and a region the book does not name (Wuhan: national values).
pub const REGIONS: [&str; 8] = [
    "110000", "370100", "310000", "330100", "440300", "370000", "370200", "420100",
];

pub fn region(i: u8) -> RegionCode {
    REGIONS[i as usize % REGIONS.len()].parse().unwrap()
}

pub fn pid(s: &str) -> PersonId {
    s.parse().unwrap()
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

pub fn sum(ms: impl IntoIterator<Item = Money>) -> Money {
    ms.into_iter()
        .fold(Money::ZERO, |a, b| a.checked_add(b).expect("sum in range"))
}

/// Every error must be well formed: a known code and text in both languages. (The field may hold any
/// character: an unknown key is named as written.)
pub fn check_error(e: &Error) {
    assert!(Code::from_str_code(e.code()).is_some());
    let doc = e.to_doc();
    assert!(!doc.message_en.is_empty() && !doc.message_zh.is_empty());
}

/// Raw bytes into one JSON entry point: never a panic; an output is JSON; an error is well formed.
/// For settle, the output must reverse; for apply, the new state must be valid.
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
                "validate_policy" => {
                    // P-3: a normalised book loads again, to the same book.
                    let first = PolicyBook::from_json(text).expect("loaded once");
                    let again = PolicyBook::from_json(&out).expect("normalised book reloads");
                    assert_eq!(first, again);
                }
                _ => {}
            }
        }
        Err(e) => check_error(&e),
    }
}

/// S-8: every identity, recomputed here rather than trusted to `verify`.
pub fn identities(s: &Settlement) {
    assert_eq!(
        sum([
            s.fulamt_ownpay_amt,
            s.overlmt_selfpay,
            s.preselfpay_amt,
            s.inscp_scp_amt
        ]),
        s.medfee_sumamt
    );
    let fund = if s.fund_sum_includes_acct {
        sum([s.hifp_pay, s.acct_pay])
    } else {
        s.hifp_pay
    };
    assert_eq!(s.fund_pay_sumamt, fund);
    assert_eq!(
        sum([s.hifp_pay, s.psn_part_amt, s.hosp_part_amt]),
        s.medfee_sumamt
    );
    assert_eq!(sum([s.acct_pay, s.psn_cash_pay]), s.psn_part_amt);
    assert_eq!(sum([s.self_acct_pay, s.acct_mulaid_pay]), s.acct_pay);
    assert_eq!(
        sum(s.mulaid_by_sharer.iter().map(|p| p.amount)),
        s.acct_mulaid_pay
    );
    assert_eq!(sum(s.items.iter().map(|i| i.amount)), s.medfee_sumamt);
    for i in &s.items {
        assert_eq!(
            sum([
                i.fulamt_ownpay_amt,
                i.overlmt_selfpay,
                i.preselfpay_amt,
                i.inscp_scp_amt
            ]),
            i.amount
        );
    }
    for p in &s.mulaid_by_sharer {
        assert!(p.amount <= p.available);
    }
    assert!(s.hifp_pay <= s.inscp_scp_amt);
    assert_eq!(s.verify(), Ok(()));
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
            },
            items,
            accumulators: Accumulators {
                deductible_met: fen(self.deductible_met % 1_000_000),
                fund_paid: fen(self.fund_paid % 10_000_000),
                in_scope_past_deductible: fen(self.past),
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

/// Settles, checks S-8, round-trips the document through JSON, reverses it and checks S-9; then tampers
/// with one amount and checks that `reverse` refuses the result.
pub fn settle_and_reverse(
    book: &PolicyBook,
    req: &SettleRequest,
    tamper: u8,
) -> Option<Settlement> {
    check_settlement(book, req, settle(book, req), tamper)
}

/// The checks of [`settle_and_reverse`] on a settlement already made.
pub fn check_settlement(
    book: &PolicyBook,
    req: &SettleRequest,
    result: Result<Settlement, Error>,
    tamper: u8,
) -> Option<Settlement> {
    let s = match result {
        Ok(s) => s,
        Err(e) => {
            check_error(&e);
            return None;
        }
    };
    identities(&s);
    // E-10: the trace is there exactly when asked for, and never changes an amount.
    assert_eq!(s.trace.is_empty(), !req.explain);
    if !req.explain {
        let explained = SettleRequest {
            explain: true,
            ..req.clone()
        };
        let full = settle(book, &explained).expect("settles with its trace too");
        assert_eq!(
            Settlement {
                trace: Vec::new(),
                ..full
            },
            s
        );
    }
    assert!(s.self_acct_pay <= req.own_balance);
    assert_eq!(s.accumulators_before, req.accumulators);
    let text = gongji_core::json::to_json(&s);
    let again: Settlement = gongji_core::json::parse_doc(&text).expect("settlement re-parses");
    assert_eq!(again, s);
    let r = reverse(book, &again).expect("a fresh settlement reverses");
    // S-9 deltas: added back to the settlement's figures, they give the request's.
    assert_eq!(
        s.balc.checked_add(r.own_account_back),
        Some(req.own_balance)
    );
    assert_eq!(
        req.accumulators
            .fund_paid
            .checked_add(r.accumulators_decrement.fund_paid),
        Some(s.accumulators_after.fund_paid)
    );
    assert_eq!(r.hifp_pay, s.hifp_pay);
    let refunds: Vec<String> = r
        .wallet_commands
        .iter()
        .map(|c| match c {
            LedgerCommand::Refund { reference } => reference.clone(),
            other => panic!("reverse emitted {other:?}"),
        })
        .collect();
    let spends: Vec<String> = s
        .wallet_commands
        .iter()
        .map(|c| match c {
            LedgerCommand::Spend { reference, .. } => reference.clone(),
            other => panic!("settle emitted {other:?}"),
        })
        .collect();
    assert_eq!(refunds, spends);

    // A tampered document breaks an identity (or a bound) and must be refused.
    let mut t = s.clone();
    let bump = |m: &mut Money| *m = m.checked_add(fen(1)).unwrap_or(Money::ZERO);
    match tamper % 8 {
        0 => bump(&mut t.medfee_sumamt),
        1 => bump(&mut t.hifp_pay),
        2 => bump(&mut t.psn_cash_pay),
        3 => bump(&mut t.acct_pay),
        4 => bump(&mut t.acct_mulaid_pay),
        5 => bump(&mut t.accumulators_after.fund_paid),
        6 => bump(&mut t.psn_part_amt),
        _ => bump(&mut t.inscp_scp_amt),
    }
    if t != s {
        match reverse(book, &t) {
            Err(e) => check_error(&e),
            Ok(_) => panic!("a tampered settlement reversed (tamper {})", tamper % 8),
        }
    }
    Some(s)
}

// ---------------------------------------------------------------- the ledger

/// Money the ledger holds, computed here: balances, unspent quotas, pending transfers, net spending.
pub fn ledger_total(s: &WalletState) -> i128 {
    let f = |m: Money| m.as_decimal().mantissa();
    let mut t: i128 = 0;
    for a in &s.accounts {
        t += f(a.balance);
    }
    for q in &s.quotas {
        t += f(q.amount) + f(q.spent);
    }
    for tr in &s.transfers {
        if tr.status == TransferStatus::Pending {
            t += f(tr.amount);
        }
    }
    for sp in &s.spends {
        if !sp.refunded {
            for d in &sp.draws {
                if d.quota.is_none() {
                    t += f(d.amount);
                }
            }
        }
    }
    t
}

/// Structural invariants of a ledger state: quotas within what was granted, spends add up.
pub fn ledger_sound(s: &WalletState) {
    assert_eq!(s.validate(), Ok(()));
    for q in &s.quotas {
        assert!(q
            .amount
            .checked_add(q.spent)
            .is_some_and(|u| u <= q.granted));
        if q.origin == QuotaOrigin::Transfer {
            assert!(s.transfers.iter().any(|t| t.relationship == q.relationship));
        }
        // A dissolved relationship holds no unspent quota (E-9).
        let rel = s
            .relationships
            .iter()
            .find(|r| r.id == q.relationship)
            .unwrap();
        if rel.status != RelationshipStatus::Active {
            assert!(
                q.amount.is_zero(),
                "quota {} of an inactive relationship",
                q.id
            );
        }
    }
}

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

/// Applies `c`, checking that money is conserved and that a spend had an active relationship.
pub fn step(
    book: &PolicyBook,
    s: &WalletState,
    c: &Command,
    now: DateTime,
) -> Result<WalletState, Error> {
    let before = ledger_total(s);
    match apply(book, s, c, now) {
        Ok(a) => {
            let added = match c {
                Command::RegisterPerson { balance, .. } => balance.as_decimal().mantissa(),
                _ => 0,
            };
            assert_eq!(
                ledger_total(&a.state),
                before + added,
                "money not conserved by {c:?}"
            );
            if let Command::Spend {
                sharer,
                beneficiary,
                ..
            } = c
            {
                assert!(
                    s.relationships
                        .iter()
                        .any(|r| r.status == RelationshipStatus::Active
                            && &r.sharer == sharer
                            && &r.beneficiary == beneficiary),
                    "spent without an active relationship"
                );
            }
            ledger_sound(&a.state);
            Ok(a.state)
        }
        Err(e) => {
            check_error(&e);
            Err(e)
        }
    }
}

/// A minute count from 2025-06-01T00:00 as a time.
pub fn at(minutes: u32) -> DateTime {
    let mut d = Date::new(2025, 6, 1).unwrap();
    for _ in 0..(minutes / 1440) {
        d = d.next_day();
    }
    d.at((minutes % 1440) as u16)
}
