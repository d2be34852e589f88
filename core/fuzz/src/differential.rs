//! The reader of `json::parse_doc` against the reference it replaced (serde_json's, the core's feature
//! `reference-reader`): the same text must give the same document or the same error (E-10: code, field,
//! both texts; but for an error inside what serde buffers, see `readers_agree`), for every request type
//! of `json::invoke`.

use core::fmt::Debug;

use gongji_core::json::{parse_doc, parse_doc_serde_json, readers_agree, to_json};
use gongji_core::{eligibility, plan, policy, settlement, wallet, Error};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The operations whose request types are read, in the order the input's first byte picks them
/// (modulo their number). `cargo xtask fuzz` seeds the target with each operation's vector inputs
/// behind the byte of its index: keep this list and xtask's (`DIFFERENTIAL_OPS`) in the same order.
pub const OPS: [&str; 8] = [
    "check_eligibility",
    "apply",
    "shareable",
    "statement",
    "settle",
    "reverse",
    "validate_policy",
    "plan",
];

/// First byte: the request type (an index into [`OPS`]); the rest: the text, when it is UTF-8. Panics
/// when the two readers differ, with the text and both results.
pub fn reader_vs_serde_json(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match OPS[pick as usize % OPS.len()] {
        "check_eligibility" => same::<eligibility::EligibilityRequest>(text),
        "apply" => same::<wallet::ApplyRequest>(text),
        "shareable" => same::<wallet::ShareableRequest>(text),
        "statement" => same::<wallet::StatementRequest>(text),
        "settle" => same::<settlement::SettleRequest>(text),
        "reverse" => same::<settlement::Settlement>(text),
        "validate_policy" => same::<policy::PolicyBook>(text),
        _ => same::<plan::PlanRequest>(text),
    }
}

/// Both readers on `text` as a `T`, judged by `readers_agree`.
fn same<T: DeserializeOwned + Serialize + Debug>(text: &str) {
    let ours = parse_doc::<T>(text);
    let reference = parse_doc_serde_json::<T>(text);
    let equal = readers_agree(&ours, &reference);
    assert!(
        equal,
        "the readers differ on a {}:\n  text: {text:?}\n  parse_doc:            {}\n  parse_doc_serde_json: {}",
        std::any::type_name::<T>(),
        show(&ours),
        show(&reference)
    );
}

fn show<T: Serialize>(r: &Result<T, Error>) -> String {
    match r {
        Ok(v) => format!("Ok {}", to_json(v)),
        Err(e) => format!("Err {e:?}"),
    }
}
