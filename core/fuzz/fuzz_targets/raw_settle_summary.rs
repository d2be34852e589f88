//! Raw bytes into `invoke(book, "settle_summary", …)`: no panic, well-formed errors, and a summary whose
//! amounts are those `settle` gives for the same text (S-8); a request it refuses, `settle` refuses alike.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gongji_core_fuzz::raw("settle_summary", data));
