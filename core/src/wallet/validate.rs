//! Validation of a state document, in O(n log n) of its size: every uniqueness and reference check
//! goes through one sorted index built once (Q-9: apply stays cheap on a large ledger).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;

use super::state::{Relationship, WalletState, MAX_ENTRIES, WALLET_SCHEMA};
use crate::error::{Code, Error};
use crate::money::Money;
use crate::person::{valid_id, PersonId, MAX_ID};
use crate::text::{self, Text};

/// The state's ids, sorted once.
struct Index<'a> {
    persons: BTreeSet<&'a PersonId>,
    relationships: BTreeMap<&'a str, &'a Relationship>,
    spends: BTreeSet<&'a str>,
}

impl WalletState {
    /// Rejects contradictory states (unknown references, duplicate ids, ids outside the one id rule,
    /// quotas past what was granted).
    pub fn validate(&self) -> Result<(), Error> {
        if self.schema != WALLET_SCHEMA {
            return Err(Error::new(Code::SchemaMismatch, "state.schema")
                .text(text::expected_schema(&WALLET_SCHEMA)));
        }
        if self.lists().iter().any(|(_, n)| *n > MAX_ENTRIES) {
            return Err(Error::new(Code::TooMany, "state"));
        }
        let ix = self.index()?;
        self.validate_relationships(&ix)?;
        self.validate_quotas(&ix)?;
        self.validate_transfers(&ix)?;
        self.validate_spends()?;
        self.validate_books(&ix)
    }

    /// Persons (one per id, one account each, in the same order), relationships and spends by id.
    fn index(&self) -> Result<Index<'_>, Error> {
        let mut persons = BTreeSet::new();
        for (i, p) in self.persons.iter().enumerate() {
            if !persons.insert(&p.id) {
                return bad(format!("state.persons[{i}].id"), text::duplicate_person());
            }
        }
        if self.accounts.len() != self.persons.len() {
            return bad("state.accounts".into(), text::one_account_each());
        }
        for (i, a) in self.accounts.iter().enumerate() {
            if self.persons.get(i).is_none_or(|p| p.id != a.person) {
                return bad(
                    format!("state.accounts[{i}].person"),
                    text::accounts_follow_persons(),
                );
            }
        }
        let mut relationships = BTreeMap::new();
        for (i, r) in self.relationships.iter().enumerate() {
            id(&r.id, || format!("state.relationships[{i}].id"))?;
            if relationships.insert(r.id.as_str(), r).is_some() {
                return bad(
                    format!("state.relationships[{i}].id"),
                    text::duplicate_relationship(),
                );
            }
        }
        let mut spends = BTreeSet::new();
        for (i, s) in self.spends.iter().enumerate() {
            id(&s.reference, || format!("state.spends[{i}].reference"))?;
            if !spends.insert(s.reference.as_str()) {
                return bad(
                    format!("state.spends[{i}].reference"),
                    text::duplicate_reference(),
                );
            }
        }
        Ok(Index {
            persons,
            relationships,
            spends,
        })
    }

    /// Relationships: known persons.
    fn validate_relationships(&self, ix: &Index) -> Result<(), Error> {
        for (i, r) in self.relationships.iter().enumerate() {
            if !ix.persons.contains(&r.sharer) || !ix.persons.contains(&r.beneficiary) {
                return bad(
                    format!("state.relationships[{i}]"),
                    text::relationship_unknown_person(),
                );
            }
        }
        Ok(())
    }

    /// Quotas: known relationship of the same parties, unique ids, amounts that add up.
    fn validate_quotas(&self, ix: &Index) -> Result<(), Error> {
        let mut ids = BTreeSet::new();
        for (i, q) in self.quotas.iter().enumerate() {
            id(&q.id, || format!("state.quotas[{i}].id"))?;
            let rel = ix.relationships.get(q.relationship.as_str());
            if rel.is_none_or(|r| r.sharer != q.sharer || r.beneficiary != q.beneficiary) {
                return bad(
                    format!("state.quotas[{i}].relationship"),
                    text::quota_wrong_relationship(),
                );
            }
            if q.amount
                .checked_add(q.spent)
                .is_none_or(|used| used > q.granted)
            {
                return bad(format!("state.quotas[{i}].amount"), text::quota_overspent());
            }
            if !ids.insert(q.id.as_str()) {
                return bad(format!("state.quotas[{i}].id"), text::duplicate_quota());
            }
        }
        Ok(())
    }

    /// Transfers: as for quotas, accepting one makes a quota of the same parties; unique ids.
    fn validate_transfers(&self, ix: &Index) -> Result<(), Error> {
        let mut ids = BTreeSet::new();
        for (i, t) in self.transfers.iter().enumerate() {
            id(&t.id, || format!("state.transfers[{i}].id"))?;
            let rel = ix.relationships.get(t.relationship.as_str());
            if rel.is_none_or(|r| r.sharer != t.sharer || r.beneficiary != t.beneficiary) {
                return bad(
                    format!("state.transfers[{i}].relationship"),
                    text::transfer_wrong_relationship(),
                );
            }
            if !ids.insert(t.id.as_str()) {
                return bad(
                    format!("state.transfers[{i}].id"),
                    text::duplicate_transfer(),
                );
            }
        }
        Ok(())
    }

    /// Spends: draws that add up to the amount, quota and institution ids under the one id rule.
    fn validate_spends(&self) -> Result<(), Error> {
        for (i, s) in self.spends.iter().enumerate() {
            let drawn = s
                .draws
                .iter()
                .try_fold(Money::ZERO, |acc, d| acc.checked_add(d.amount));
            if drawn != Some(s.amount) {
                return bad(format!("state.spends[{i}].draws"), text::draws_mismatch());
            }
            if let Some(inst) = &s.institution {
                id(inst, || format!("state.spends[{i}].institution"))?;
            }
            for (k, d) in s.draws.iter().enumerate() {
                if let Some(q) = &d.quota {
                    id(q, || format!("state.spends[{i}].draws[{k}].quota"))?;
                }
            }
        }
        Ok(())
    }

    /// Year totals and booked settlements: known persons, one row per person and year, unique references.
    fn validate_books(&self, ix: &Index) -> Result<(), Error> {
        let mut years = BTreeSet::new();
        for (i, a) in self.accumulators.iter().enumerate() {
            if !ix.persons.contains(&a.person) {
                return bad(
                    format!("state.accumulators[{i}].person"),
                    text::quoted(&a.person),
                );
            }
            if !years.insert((&a.person, a.year)) {
                return bad(
                    format!("state.accumulators[{i}].year"),
                    text::duplicate_year(),
                );
            }
        }
        let mut refs = BTreeSet::new();
        for (i, b) in self.settlements.iter().enumerate() {
            id(&b.reference, || format!("state.settlements[{i}].reference"))?;
            if !ix.persons.contains(&b.patient) {
                return bad(
                    format!("state.settlements[{i}].patient"),
                    text::quoted(&b.patient),
                );
            }
            if b.own_from_credits > b.own_account {
                return bad(
                    format!("state.settlements[{i}].own_from_credits"),
                    text::credits_exceed_own_payment(),
                );
            }
            if let Some(k) = b
                .spends
                .iter()
                .position(|r| !ix.spends.contains(r.as_str()))
            {
                return bad(
                    format!("state.settlements[{i}].spends[{k}]"),
                    text::booking_unknown_spend(),
                );
            }
            if !refs.insert(b.reference.as_str()) {
                return bad(
                    format!("state.settlements[{i}].reference"),
                    text::duplicate_reference(),
                );
            }
        }
        Ok(())
    }
}

/// The one id rule (`person::valid_id`) for an id held in the state.
fn id(value: &str, field: impl FnOnce() -> String) -> Result<(), Error> {
    if valid_id(value, MAX_ID) {
        Ok(())
    } else {
        Err(Error::new(Code::IdInvalid, field()))
    }
}

fn bad<T>(field: String, t: Text) -> Result<T, Error> {
    Err(Error::new(Code::StateInvalid, field).text(t))
}
