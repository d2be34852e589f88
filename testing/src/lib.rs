//! Oracles shared by the property tests (core/tests) and the fuzz targets (core/fuzz): what must hold of
//! every settlement (the S-8 identities, S-9 reversal, E-10 explain) and of every ledger step (money
//! conserved to the fen, quotas within what was granted, E-9, Q-2). The sums are computed here, not
//! taken from the core; the core's own `verify` and `validate` must agree with them.

use std::sync::OnceLock;

use gongji_core::json::{parse_doc, to_json};
use gongji_core::settlement::{LedgerCommand, SettleMode};
use gongji_core::wallet::{
    apply, Applied, Command, Event, QuotaOrigin, RelationshipStatus, TransferStatus, WalletState,
};
use gongji_core::{
    reverse, settle, Code, DateTime, Error, Money, PersonId, PolicyBook, SettleRequest, Settlement,
};

/// The embedded book, parsed once.
pub fn book() -> &'static PolicyBook {
    static BOOK: OnceLock<PolicyBook> = OnceLock::new();
    BOOK.get_or_init(PolicyBook::embedded)
}

pub fn pid(s: &str) -> PersonId {
    s.parse().expect("a valid person id")
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

/// S-8: every identity of a settlement, to the fen, and its bounds.
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
    // S-11: every fund, then the region's choice of counting the accounts in the total.
    let funds = sum([
        s.hifp_pay,
        s.cvlserv_pay,
        s.hifes_pay,
        s.hifmi_pay,
        s.hifob_pay,
        s.maf_pay,
        s.oth_pay,
    ]);
    let fund = if s.fund_sum_includes_acct {
        sum([funds, s.acct_pay])
    } else {
        funds
    };
    assert_eq!(s.fund_pay_sumamt, fund);
    assert_eq!(
        sum([funds, s.psn_part_amt, s.hosp_part_amt]),
        s.medfee_sumamt
    );
    assert_eq!(sum([s.acct_pay, s.psn_cash_pay]), s.psn_part_amt);
    assert_eq!(sum([s.self_acct_pay, s.acct_mulaid_pay]), s.acct_pay);
    assert_eq!(
        sum(s.mulaid_by_sharer.iter().map(|p| p.amount)),
        s.acct_mulaid_pay
    );
    // A split-mode settlement (S-11) has no items: the platform's totals stand alone.
    if s.mode == SettleMode::Split {
        assert!(s.items.is_empty());
    } else {
        assert_eq!(sum(s.items.iter().map(|i| i.amount)), s.medfee_sumamt);
    }
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
    assert!(s.balc.checked_add(s.self_acct_pay).is_some());
    assert_eq!(s.verify(), Ok(()));
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
    let again: Settlement = parse_doc(&to_json(&s)).expect("settlement re-parses");
    assert_eq!(again, s);
    check_reversal(book, req, &again);
    assert_tampering_refused(book, &s, tamper);
    Some(s)
}

/// S-9: a fresh settlement reverses by deltas that lead back to the request's own balance and totals,
/// refunding exactly its spends.
fn check_reversal(book: &PolicyBook, req: &SettleRequest, s: &Settlement) {
    let r = reverse(book, s).expect("a fresh settlement reverses");
    assert_eq!(
        s.balc.checked_add(r.own_account_back),
        Some(req.own_balance)
    );
    let (before, after, back) = (
        &req.accumulators,
        &s.accumulators_after,
        &r.accumulators_decrement,
    );
    for (b, a, d) in [
        (
            before.deductible_met,
            after.deductible_met,
            back.deductible_met,
        ),
        (before.fund_paid, after.fund_paid, back.fund_paid),
        (
            before.in_scope_past_deductible,
            after.in_scope_past_deductible,
            back.in_scope_past_deductible,
        ),
    ] {
        assert_eq!(b.checked_add(d), Some(a), "accumulator decrement");
    }
    assert_eq!(r.hifp_pay, s.hifp_pay);
    let refunds: Vec<&String> = r
        .wallet_commands
        .iter()
        .map(|c| match c {
            LedgerCommand::Refund { reference } => reference,
            other => panic!("reverse emitted {other:?}"),
        })
        .collect();
    let spends: Vec<&String> = s
        .wallet_commands
        .iter()
        .map(|c| match c {
            LedgerCommand::Spend { reference, .. } => reference,
            other => panic!("settle emitted {other:?}"),
        })
        .collect();
    assert_eq!(refunds, spends);
}

/// A tampered document breaks an identity (or a bound) and must be refused.
fn assert_tampering_refused(book: &PolicyBook, s: &Settlement, tamper: u8) {
    let mut t = s.clone();
    let one_fen = Money::from_fen(1).expect("one fen");
    let bump = |m: &mut Money| *m = m.checked_add(one_fen).unwrap_or(Money::ZERO);
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
    if &t != s {
        match reverse(book, &t) {
            Err(e) => check_error(&e),
            Ok(_) => panic!("a tampered settlement reversed (tamper {})", tamper % 8),
        }
    }
}

/// Money the ledger holds, in fen, computed here: balances, unspent quotas and pending transfers. What
/// was spent has left it, told by events (Q-9: closed spends and quotas leave the lists), see [`flow`].
pub fn ledger_total(s: &WalletState) -> i128 {
    let f = |m: Money| m.as_decimal().mantissa();
    let mut t: i128 = 0;
    for a in &s.accounts {
        t += f(a.balance);
    }
    for q in &s.quotas {
        t += f(q.amount);
    }
    for tr in &s.transfers {
        if tr.status == TransferStatus::Pending {
            t += f(tr.amount);
        }
    }
    t
}

/// Money into (+) and out of (−) the ledger that a command's events tell, in fen: registrations and
/// credits come in; spends and own-account payments go out; refunds and reversals come back.
pub fn flow(events: &[Event]) -> i128 {
    let f = |m: &Money| m.as_decimal().mantissa();
    events
        .iter()
        .map(|e| match e {
            Event::PersonRegistered { balance, .. } => f(balance),
            Event::Credited { amount, .. } => f(amount),
            Event::Spent { amount, .. } => -f(amount),
            Event::Refunded { amount, .. } => f(amount),
            Event::Settled { settlement } => -f(&settlement.self_acct_pay),
            Event::Reversed {
                own_account_back, ..
            } => f(own_account_back),
            _ => 0,
        })
        .sum()
}

/// Structural invariants of a ledger state: it validates, no quota holds more than was granted less what
/// was spent, a transferred quota has its transfer, and an ended relationship keeps no quota (E-9).
pub fn ledger_sound(s: &WalletState) {
    assert_eq!(s.validate(), Ok(()));
    for q in &s.quotas {
        assert!(q
            .amount
            .checked_add(q.spent)
            .is_some_and(|u| u <= q.granted));
        // a quota holding money or drawn on by an open spend is open; nothing else stays.
        let drawn = s.spends.iter().any(|x| {
            !x.refunded
                && x.draws
                    .iter()
                    .any(|d| d.quota.as_deref() == Some(q.id.as_str()))
        });
        // (E-1: a resident sharer's quotas of the year stay for the yearly cap.)
        let resident = s
            .person(&q.sharer)
            .is_some_and(|p| p.scheme == gongji_core::Scheme::Resident);
        assert!(
            !q.amount.is_zero() || drawn || resident,
            "Q-9: closed quota {} stayed",
            q.id
        );
        if q.origin == QuotaOrigin::Transfer {
            assert!(!q.granted.is_zero());
        }
        let rel = s
            .relationships
            .iter()
            .find(|r| r.id == q.relationship)
            .expect("a quota's relationship exists");
        if rel.status != RelationshipStatus::Active {
            assert!(
                q.amount.is_zero(),
                "E-9: quota {} of an ended relationship",
                q.id
            );
        }
    }
}

/// Applies `c`, checking that money is conserved (only a registration adds any), that a spend had an
/// active relationship, that the new state is sound, and that a refusal is a well-formed error.
pub fn step(
    book: &PolicyBook,
    s: &WalletState,
    c: &Command,
    now: DateTime,
) -> Result<WalletState, Error> {
    step_flow(book, s, c, now).map(|(s, _)| s)
}

/// [`step`], also giving the money the command's events moved in (+) or out (−), in fen ([`flow`]).
pub fn step_flow(
    book: &PolicyBook,
    s: &WalletState,
    c: &Command,
    now: DateTime,
) -> Result<(WalletState, i128), Error> {
    step_applied(book, s, c, now).map(|a| {
        let moved = flow(&a.events);
        (a.state, moved)
    })
}

/// [`step`], giving the new state with its events.
pub fn step_applied(
    book: &PolicyBook,
    s: &WalletState,
    c: &Command,
    now: DateTime,
) -> Result<Applied, Error> {
    let before = ledger_total(s);
    match apply(book, s, c, now) {
        Ok(a) => {
            assert_eq!(
                ledger_total(&a.state),
                before + flow(&a.events),
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
                    "{beneficiary} spent {sharer}'s money without an active relationship"
                );
            }
            ledger_sound(&a.state);
            Ok(a)
        }
        Err(e) => {
            check_error(&e);
            Err(e)
        }
    }
}
