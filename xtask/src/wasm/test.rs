//! The web tests: node vector replay (the full package and its calculator entry), the mini-program simulators, the npm tarball in a fresh project, the
//! TypeScript check, headless Chromium.

use std::process::Command;
use std::time::Instant;

use super::sections::check_module;
use super::{build, read, target_dir};
use crate::util;

/// Builds the package, then runs every web test: node vector replay, mini-program simulators (WeChat,
/// Alipay) with the ES2017 syntax check, the TypeScript check, and headless Chromium.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    crate::ts::check()?;
    let wasm = build()?;
    let root = util::root();
    check_module(&read(&wasm)?)?;
    let node = |script: &str| util::run(Command::new("node").arg(root.join(script)));
    node("tests/node/replay.mjs")?;
    node("tests/node/calculator.mjs")?;
    node("tests/node/miniprogram.mjs")?;
    node("tests/node/package.mjs")?;
    util::run(
        Command::new("node")
            .arg(root.join("tests/node/node_modules/typescript/bin/tsc"))
            .args(["--noEmit", "-p", "tests/node/tsconfig.json"]),
    )?;
    println!("tsc --noEmit: the package types check");

    // Chromium: the vectors in the page, and the calculator against the native CLI.
    util::ensure_apt(&["chromium", "fonts-wqy-zenhei"])?;
    util::cargo(&["build", "-q", "-p", "gongji-cli"], &[])?;
    let cli = target_dir().join("debug/gongji");
    util::run(
        Command::new("node")
            .arg(root.join("tests/browser/run.mjs"))
            .env("GONGJI_CLI", &cli),
    )?;
    node("tests/browser/vite.mjs")?;
    println!("web tests passed in {:.0?}", started.elapsed());
    Ok(())
}
