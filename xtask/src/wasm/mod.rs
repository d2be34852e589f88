//! The web client: wasm build, npm package, and its tests (node, mini-program simulators, Chromium).
//!
//! `build()` compiles `gongji-wasm` for `wasm32-unknown-unknown` with only the wasm features every target
//! runtime has (see `build::RUSTFLAGS`), runs the pinned wasm-bindgen CLI, drops exported globals (iOS WeChat
//! cannot export a `Global`), optimises with binaryen's `wasm-opt -Oz` (npm `binaryen`), validates the
//! result against that feature set, compresses it with brotli, writes the mini-program bundles, and prints
//! the size report. It builds the module a second time for speed (`release` profile, `wasm-opt -O3`):
//! `dist/gongji_node_bg.wasm`, which the node entry loads, driven by the same glue (checked identical).
//! Browsers and mini-programs load the size-built `dist/gongji_bg.wasm`. The calculator entry
//! (`gongji/calculator`, `miniprogram/calculator.js`) loads `dist/calculator_bg.wasm`: `gongji-wasm`
//! without its `ledger` feature, built for size. `test()` then runs every web test:
//! node replays the vectors on the speed-built module, the simulators and Chromium on the size-built one.
//!
//! The parts: [`tools`] installs the pinned CLIs and npm packages, [`sections`] reads and rewrites wasm
//! sections and checks the final module, [`bundle`] writes the mini-program entries, [`build`] drives the
//! build and the size report, [`test`] the web tests.

mod build;
mod bundle;
mod sections;
mod test;
mod tools;

use std::path::{Path, PathBuf};

use crate::util;

pub use build::build;
pub use test::test;

/// Cargo's target dir: `$CARGO_TARGET_DIR` (relative to the workspace root) or `target/`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => util::root().join(d),
        None => util::root().join("target"),
    }
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}
