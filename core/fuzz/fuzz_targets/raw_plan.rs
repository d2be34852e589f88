//! Raw bytes into `invoke(book, "plan", …)`: no panic, well-formed errors, sound outputs (PL-1).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| gongji_core_fuzz::raw("plan", data));
