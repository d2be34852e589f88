//! The reader against serde_json's: every document of the vectors, and many broken variants of each,
//! must give the same value or the same error (code, field, both texts) from [`parse_doc`] as from
//! [`parse_doc_serde_json`].

#[allow(unused_imports)]
use super::{parse_doc, parse_doc_serde_json};
