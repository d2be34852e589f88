//! A family for tests, the load run and the README's demo: 小明-like sharer `a` (employee scheme,
//! Shenzhen, 5000.00), his parent `b` (resident scheme, the wallet: quotas, Q-1) and his spouse `c`
//! (in-province sharing, Q-6), and the hospital `H440300001` that settles their bills.

use serde_json::{json, Value};

/// The settlement system's id (an institution id, recorded on the sharers' spends).
pub const HOSPITAL: &str = "H440300001";
/// R1: a → b (wallet); R2: a → c (in province).
pub const WALLET_REL: &str = "R1";
pub const IN_PROVINCE_REL: &str = "R2";

/// The commands that set the family up, each with who sends it (`HOSPITAL` or a person).
pub fn setup() -> Vec<(&'static str, Value)> {
    vec![
        (HOSPITAL, register("a", "employee", "5000.00", false)),
        (HOSPITAL, register("b", "resident", "0.00", true)),
        (HOSPITAL, register("c", "resident", "0.00", false)),
        ("a", json!({"type": "open_wallet"})),
        ("a", establish("b", "parent", "wallet")),
        ("a", establish("c", "spouse", "in_province")),
    ]
}

pub fn register(id: &str, scheme: &str, balance: &str, wallet: bool) -> Value {
    json!({"type": "register_person", "args": {"person": {"id": id, "scheme": scheme, "region": "440300",
        "enrollment": "active", "wallet_opened": wallet}, "balance": balance}})
}

pub fn establish(beneficiary: &str, kinship: &str, mode: &str) -> Value {
    json!({"type": "establish", "args": {"beneficiary": beneficiary, "kinship": kinship, "mode": mode,
        "commitment_signed": true}})
}

pub fn grant(rel: &str, amount: &str) -> Value {
    json!({"type": "grant", "args": {"relationship": rel, "amount": amount}})
}

pub fn revoke(rel: &str, amount: &str) -> Value {
    json!({"type": "revoke", "args": {"relationship": rel, "amount": amount}})
}

pub fn transfer(rel: &str, amount: &str) -> Value {
    json!({"type": "transfer", "args": {"relationship": rel, "amount": amount}})
}

pub fn accept(transfer: &str) -> Value {
    json!({"type": "accept", "args": {"transfer": transfer}})
}

pub fn dissolve(rel: &str) -> Value {
    json!({"type": "dissolve", "args": {"relationship": rel}})
}

pub fn credit(person: &str, amount: &str) -> Value {
    json!({"type": "credit", "args": {"person": person, "amount": amount, "kind": "monthly"}})
}

/// An outpatient bill of one class-A drug line; an estimate (P-4), as Shenzhen's benefit rows in the
/// embedded book are example-grade.
pub fn settle(patient: &str, amount: &str) -> Value {
    json!({"type": "settle", "args": {"patient": patient, "visit": {"type": "outpatient", "level": 2},
        "items": [{"name": "药品 drug", "amount": amount, "class": "a", "category": "drug"}],
        "estimate": true}})
}

pub fn reverse(reference: &str) -> Value {
    json!({"type": "reverse", "args": {"reference": reference}})
}
