//! Raw bytes into `invoke(book, "statement", …)`: no panic, well-formed errors, sound outputs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gongji_core_fuzz::raw("statement", data));
