//! [`Command`] and [`Event`] as the crate's reader reads them (`codec::tagged`): their mirrors, the same
//! variants and fields derived externally tagged, each moved into the enum by `From`. A field missing
//! here does not compile; a variant missing here fails `every_variant_has_its_mirror` (tests).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::*;
use crate::codec::tagged::tagged;

tagged! {
    Command as CommandMirror, "adjacently tagged enum Command", "\0Command:type:args" {
        RegisterPerson {
            person: Person,
            #[serde(default)]
            balance: Money,
            #[serde(default)]
            current_year_credits: Money,
        },
        OpenWallet {
            person: PersonId,
        },
        Establish {
            sharer: PersonId,
            beneficiary: PersonId,
            kinship: Kinship,
            mode: Mode,
            commitment_signed: bool,
        },
        Review {
            relationship: String,
            approved: bool,
        },
        Dissolve {
            relationship: String,
            by: PersonId,
        },
        InsuranceChanged {
            person: PersonId,
            change: InsuranceChange,
            #[serde(default)]
            region: Option<RegionCode>,
        },
        Grant {
            relationship: String,
            amount: Money,
        },
        Revoke {
            relationship: String,
            #[serde(default)]
            amount: Option<Money>,
        },
        Transfer {
            relationship: String,
            amount: Money,
        },
        Accept {
            transfer: String,
            by: PersonId,
        },
        Tick,
        Spend {
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
            reference: String,
            #[serde(default)]
            visit_type: Option<VisitType>,
            #[serde(default)]
            institution: Option<String>,
        },
        Refund {
            reference: String,
        },
        Settle {
            reference: String,
            date: Date,
            patient: PersonId,
            visit: Visit,
            #[serde(default)]
            items: Vec<Item>,
            #[serde(default)]
            presettlement: Option<Presettlement>,
            #[serde(default = "yes")]
            explain: bool,
            #[serde(default)]
            fund_order: Option<FundOrder>,
            #[serde(default)]
            institution: Option<String>,
            #[serde(default)]
            estimate: bool,
        },
        Reverse {
            reference: String,
        },
        Credit {
            person: PersonId,
            amount: Money,
            kind: CreditKind,
        },
    }
}

tagged! {
    Event as EventMirror, "internally tagged enum Event", "\0Event:type" {
        PersonRegistered {
            person: PersonId,
            balance: Money,
        },
        WalletOpened {
            person: PersonId,
        },
        RelationshipEstablished {
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            kinship: Kinship,
            mode: Mode,
            status: RelationshipStatus,
        },
        RelationshipActivated {
            relationship: String,
        },
        RelationshipRejected {
            relationship: String,
        },
        RelationshipDissolved {
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            reason: EndReason,
            returned: Money,
        },
        InsuranceChanged {
            person: PersonId,
            change: InsuranceChange,
        },
        QuotaGranted {
            quota: String,
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
            shareable_after: Money,
        },
        QuotaRevoked {
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
        },
        TransferSent {
            transfer: String,
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
            returns_at: DateTime,
        },
        TransferAccepted {
            transfer: String,
            quota: String,
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
        },
        TransferReturned {
            transfer: String,
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
        },
        Spent {
            reference: String,
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
            #[serde(default)]
            visit_type: Option<VisitType>,
            #[serde(default)]
            institution: Option<String>,
        },
        Refunded {
            reference: String,
            relationship: String,
            sharer: PersonId,
            beneficiary: PersonId,
            amount: Money,
        },
        Settled {
            settlement: Box<Settlement>,
        },
        Reversed {
            reference: String,
            own_account_back: Money,
            sharers_back: Money,
            fund_back: Money,
            cash_back: Money,
            accumulators_decrement: Accumulators,
        },
        Credited {
            person: PersonId,
            amount: Money,
            kind: CreditKind,
            balance: Money,
        },
        YearEnded {
            year: u16,
        },
        SettlementClosed {
            booking: Booked,
        },
        SpendClosed {
            spend: Spend,
        },
        TransferClosed {
            transfer: Transfer,
        },
        QuotaClosed {
            quota: Quota,
        },
        RelationshipClosed {
            relationship: Relationship,
        },
    }
}

#[cfg(test)]
mod tests {
    //! Where the reader places an error inside a tagged enum: at the field, whatever the order of the
    //! keys (serde's buffer placed it at the enclosing object; `codec::tagged`). Each expected path is
    //! the JSON path of the offending key or value in the text.

    use super::*;
    use crate::codec::{parse_doc, parse_doc_serde_json};
    use crate::error::{Code, Error};

    fn apply(command: &str) -> Result<ApplyRequest, Error> {
        parse_doc(&alloc::format!(
            r#"{{"state": {{"schema": "gongji-wallet/1"}}, "command": {command}, "now": "2025-05-01T08:00"}}"#
        ))
    }

    fn refused(r: Result<impl core::fmt::Debug, Error>) -> (Code, String, String) {
        let e = r.expect_err("refused");
        (e.code, e.field, e.detail_en)
    }

    #[test]
    fn an_args_error_is_placed_at_its_field_before_or_after_the_type() {
        // 0.001 has three decimal places (S-10), at `command.args.amount` in both orders.
        for command in [
            r#"{"type": "grant", "args": {"relationship": "R1", "amount": "0.001"}}"#,
            r#"{"args": {"relationship": "R1", "amount": "0.001"}, "type": "grant"}"#,
        ] {
            let (code, field, _) = refused(apply(command));
            assert_eq!(
                (code, field.as_str()),
                (Code::AmountPrecision, "command.args.amount")
            );
        }
        // serde_json (any other deserializer) still reads the enum as serde derives it: at `command`.
        let text = r#"{"state": {"schema": "gongji-wallet/1"}, "command": {"args": {"relationship": "R1", "amount": "0.001"}, "type": "grant"}, "now": "2025-05-01T08:00"}"#;
        let e = parse_doc_serde_json::<ApplyRequest>(text).expect_err("refused");
        assert_eq!(
            (e.code, e.field.as_str()),
            (Code::AmountPrecision, "command")
        );
    }

    #[test]
    fn either_order_reads_the_same_command() {
        let grant = Command::Grant {
            relationship: "R1".into(),
            amount: Money::from_fen(1000).expect("10.00"),
        };
        for command in [
            r#"{"type": "grant", "args": {"relationship": "R1", "amount": "10.00"}}"#,
            r#"{"args": {"amount": "10.00", "relationship": "R1"}, "type": "grant"}"#,
        ] {
            assert_eq!(apply(command).expect("read").command, grant);
            let doc = alloc::format!(
                r#"{{"state": {{"schema": "gongji-wallet/1"}}, "command": {command}, "now": "2025-05-01T08:00"}}"#
            );
            let by_serde_json: ApplyRequest = serde_json::from_str(&doc).expect("serde_json");
            assert_eq!(by_serde_json.command, grant);
        }
        // A unit variant: no `args`, or `null`; anything else is refused naming the variant in Rust.
        assert_eq!(
            apply(r#"{"type": "tick"}"#).expect("read").command,
            Command::Tick
        );
        assert_eq!(
            apply(r#"{"args": null, "type": "tick"}"#)
                .expect("read")
                .command,
            Command::Tick
        );
        let (code, field, detail) = refused(apply(r#"{"type": "tick", "args": 5}"#));
        assert_eq!((code, field.as_str()), (Code::InvalidType, "command.args"));
        assert_eq!(
            detail,
            "invalid type: integer `5`, expected a string naming a value"
        );
        // The same words as serde's derive, read by serde_json (no buffer when `type` comes first).
        let text = r#"{"state": {"schema": "gongji-wallet/1"}, "command": {"type": "tick", "args": 5}, "now": "2025-05-01T08:00"}"#;
        let e = parse_doc_serde_json::<ApplyRequest>(text).expect_err("refused");
        assert_eq!((e.code, e.field, e.detail_en), (code, field, detail));
    }

    #[test]
    fn the_keys_of_an_adjacently_tagged_command_are_checked_as_serde_checks_them() {
        // A repeated `type`, an `args` with no `type`, a key that is neither.
        let (_, _, detail) = refused(apply(r#"{"type": "tick", "type": "tick"}"#));
        assert_eq!(detail, "duplicate field `type`");
        let (code, _, detail) = refused(apply(r#"{"args": {"relationship": "R1"}}"#));
        assert_eq!(
            (code, detail.as_str()),
            (Code::MissingField, "missing field `type`")
        );
        let (_, _, detail) = refused(apply(r#"{"type": "tick", "kind": 1}"#));
        assert!(detail.contains(r#"expected "type" or "args""#), "{detail}");
    }

    #[test]
    fn an_event_error_is_placed_at_its_field() {
        // `type` last: serde's buffer placed these at the event; the reader at the key or value.
        let (code, field, _) = refused(parse_doc::<Event>(
            r#"{"relationship": "R1", "sharer": "xm", "beneficiary": "dad", "amount": "1.001", "type": "quota_revoked"}"#,
        ));
        assert_eq!((code, field.as_str()), (Code::AmountPrecision, "amount"));
        let (code, field, _) = refused(parse_doc::<Event>(
            r#"{"year": 2025, "extra": 1, "type": "year_ended"}"#,
        ));
        assert_eq!((code, field.as_str()), (Code::UnknownField, "extra"));
        let (code, _, detail) = refused(parse_doc::<Event>(r#"{"year": 2025}"#));
        assert_eq!(
            (code, detail.as_str()),
            (Code::MissingField, "missing field `type`")
        );
        let read = parse_doc::<Event>(r#"{"year": 2025, "type": "year_ended"}"#);
        assert_eq!(read.expect("read"), Event::YearEnded { year: 2025 });
    }
}
