//! `cargo xtask …`: the project's build and test driver. Every command installs what it needs on a fresh
//! machine (Rust targets, pinned CLIs under `.cache/tools`, npm and Debian packages) before it runs.

mod bench;
mod book;
mod fuzz;
mod host;
mod mobile;
mod spark;
mod ts;
mod util;
mod wasm;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

  demo [--lang en]     the worked example (小明's family), via the gongji CLI
  test                 every test: Rust (unit, vectors, proptest, clippy), web (node, mini-program, Chromium), mobile (Kotlin, Python, Swift check), host, spark
  test-rust            Rust only
  test-web             build the npm package and run the web tests
  test-mobile          build the uniffi bindings and run the Kotlin and Python tests
  test-host            the reference host (examples/host): its tests, a short load-and-kill run on PostgreSQL and SQLite
  test-spark [--bills N] [--runs R]  batch settlement (examples/spark): PySpark and the CLI on all cores, equal totals (N = 100000)
  vectors [--bless [PATH…]]  replay tests/vectors; --bless regenerates outputs after their checks pass
  wasm                 build the npm package into pkg/ and print the size report
  types [--check]      write pkg/index.d.ts from the core's Rust types; --check fails if the committed file differs
  book [--check]       write core/src/policy/embedded_data.rs (the embedded book as Rust) from embedded.json; --check fails if stale
  bindings             generate Kotlin, Swift and Python into build/bindings
  bench                benchmarks: criterion (native), node against a decimal.js peer, sizes; writes a report
  fuzz [--seconds N]   run every cargo-fuzz target for N seconds each (default 10)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let result = match args.first().map(String::as_str) {
        Some("demo") => util::cargo(&["run", "--quiet", "-p", "gongji-cli", "--", "demo"], &rest),
        Some("test") => test_all(),
        Some("test-rust") => test_rust(),
        Some("test-web") => wasm::test(),
        Some("test-mobile") => mobile::test(),
        Some("test-host") => host::test(),
        Some("test-spark") => spark::test(&rest, false),
        Some("vectors") => vectors(&rest),
        Some("wasm") => wasm::build().map(|_| ()),
        Some("types") => ts::run(&rest),
        Some("book") => book::run(&rest),
        Some("bindings") => mobile::generate().and_then(|b| mobile::swift_sources(&b, true)),
        Some("bench") => bench::run(&rest),
        Some("fuzz") => fuzz::run(&rest),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Replays the conformance vectors; with `--bless [PATH…]`, first regenerates outputs (after their checks pass).
fn vectors(rest: &[&str]) -> Result<(), String> {
    if rest.first() == Some(&"--bless") {
        let mut args = vec![
            "run",
            "-q",
            "-p",
            "gongji-conformance",
            "--bin",
            "bless",
            "--",
        ];
        args.extend(&rest[1..]);
        util::cargo(&args, &[])?;
    }
    util::cargo(
        &[
            "test",
            "-q",
            "-p",
            "gongji-conformance",
            "--",
            "--nocapture",
        ],
        &[],
    )
}

fn test_rust() -> Result<(), String> {
    // The package's TypeScript declarations are generated from the core's types: they must be current.
    ts::check()?;
    // The embedded book is built from Rust data generated from embedded.json: it must be current.
    book::check()?;
    util::cargo(&["fmt", "--all", "--check"], &[])?;
    util::cargo(
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    util::cargo(&["test", "--workspace"], &[])?;
    fuzz::smoke()?;
    // The core must build without std: "no I/O" is then enforced by the compiler. wasm32-unknown-unknown
    // has a std, so a dependency pulling std in would go unseen there; a bare-metal target has none.
    util::ensure_rust_target("thumbv7em-none-eabihf")?;
    util::cargo(
        &[
            "build",
            "-q",
            "-p",
            "gongji-core",
            "--target",
            "thumbv7em-none-eabihf",
        ],
        &[],
    )
}

fn test_all() -> Result<(), String> {
    test_rust()?;
    wasm::test()?;
    mobile::test()?;
    host::test()?;
    // After test-mobile: it reuses the wheel that test built.
    spark::test(&[], true)
}
