//! Raw bytes read as a request of `json::invoke` by `json::parse_doc` and by serde_json's reader (the
//! reference): the same document or the same error (E-10), for every request type (the first byte picks
//! it). Any difference is a panic showing the text and both results.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gongji_core_fuzz::reader_vs_serde_json(data));
