//! `cargo xtask bench [--quick] [--calls N] [--no-wasm-build]`: the benchmarks, never timed tests.
//!
//! 1. criterion, native: `cargo bench -p gongji-core --bench core` (settle a 20-line bill, a year's plan
//!    for a family of 6 (PL-1), apply to a family of 8, eligibility, their JSON round trips);
//! 2. the npm package (`wasm::build`, unless `--no-wasm-build` and `pkg/dist` exists) in node against
//!    the decimal.js peer in `tests/bench/peer` (which must first agree with every settle vector), its
//!    instantiate time, and memory across N settle calls (1 000 000; 100 000 with `--quick`); the cold
//!    start of each module (`tests/bench/cold-start.mjs`) and of the package against the peer bundled
//!    with esbuild (`tests/bench/cold-peer.mjs`), a fresh node process per sample;
//! 3. sizes: the `.wasm` (raw, gzip, brotli), each npm entry with its JS (`tests/bench/sizes.mjs`), and the
//!    host cdylib `libgongji_ffi.so` (release build).
//!
//! `cargo xtask bench --ledger` runs only the ledger's growth: one `apply` on ledgers of 10 … 10 000 open
//! items (`core/benches/ledger.rs`, release build) under valgrind's callgrind, counting the instructions of
//! that one call (repeatable, unlike time), and the growth exponent from 1 000 to 10 000 items (Q-9: goal
//! ≤ 1.2). It writes `<target>/bench/ledger.md`.
//! Between 1 and 2, when valgrind is installed: the instructions of `gongji plan` on the family-of-6
//! fixture (PL-1: 100 expected bills over 12 months) under callgrind, deterministic where times are not.
//!
//! Prints a summary and writes it, with the machine and the date, to `<target>/bench/report.md`; the
//! numbers in BENCHMARKS.md come from there.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::util;

pub fn run(args: &[&str]) -> Result<(), String> {
    if args.contains(&"--ledger") {
        return ledger_growth();
    }
    let quick = args.contains(&"--quick");
    let calls = args
        .iter()
        .position(|a| *a == "--calls")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse::<u64>().map_err(|e| format!("--calls: {e}")))
        .transpose()?
        .unwrap_or(if quick { 100_000 } else { 1_000_000 });
    let mut report = vec![format!("# gongji benchmark report\n\n{}\n", machine())];

    // 1. criterion.
    let mut cmd = Command::new(cargo());
    cmd.args(["bench", "-p", "gongji-core", "--bench", "core", "--"]);
    if quick {
        cmd.args(["--warm-up-time", "0.2", "--measurement-time", "0.5"]);
    }
    let out = capture(&mut cmd)?;
    report.push("## Native (criterion, `cargo bench -p gongji-core --bench core`)\n".into());
    report.push("| benchmark | time (low / estimate / high) |\n|---|---|".into());
    // criterion prints a long name on a line of its own, then "time:" on the next.
    let mut last = "";
    for line in out.lines() {
        match line.split_once("time:") {
            Some((name, rest)) => {
                let name = if name.trim().is_empty() {
                    last
                } else {
                    name.trim()
                };
                report.push(format!("| {name} | {} |", rest.trim()));
            }
            None if !line.trim().is_empty() && !line.starts_with(' ') => last = line.trim(),
            None => {}
        }
    }

    // 1b. PL-1: the plan of a family of 6 in instructions (callgrind, deterministic), when valgrind is here.
    report.push(plan_instructions()?);

    // 2. node: package against the peer, instantiate, memory.
    let pkg_wasm = util::root().join("pkg/dist/gongji_bg.wasm");
    if !(args.contains(&"--no-wasm-build") && pkg_wasm.exists()) {
        crate::wasm::build()?;
    }
    let bench_dir = util::root().join("tests/bench");
    if !bench_dir.join("node_modules/decimal.js").exists()
        || !bench_dir.join("node_modules/esbuild").exists()
    {
        util::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&bench_dir),
        )?;
    }
    let node = capture(
        Command::new("node")
            .arg("--expose-gc")
            .arg(bench_dir.join("node-bench.mjs"))
            .args(["--calls", &calls.to_string()])
            .current_dir(&bench_dir),
    )?;
    report.push("\n## Node (`node --expose-gc tests/bench/node-bench.mjs`)\n".into());
    report.push("```".into());
    report.extend(
        node.lines()
            .filter(|l| !l.starts_with('{'))
            .map(String::from),
    );
    report.push("```".into());
    if let Some(json) = node.lines().rev().find(|l| l.starts_with('{')) {
        report.push(format!("\nraw: `{json}`"));
    }

    // 2b. PL-1: the plan in the npm package, both modules, and a fresh process's first plan.
    let plan = capture(Command::new("node").arg(bench_dir.join("node-plan.mjs")))?;
    report.push("\n## Plan in node (`node tests/bench/node-plan.mjs`)\n".into());
    report.push("```".into());
    report.extend(plan.lines().map(String::from));
    report.push("```".into());

    // 2c. Cold start: each module's first settle in a fresh instance, and the package against the peer
    // (a fresh process's import and first settle).
    for (script, title) in [
        ("cold-start.mjs", "Cold start of each module"),
        ("cold-peer.mjs", "Cold start against the peer"),
    ] {
        let out = capture(Command::new("node").arg(bench_dir.join(script)))?;
        report.push(format!("\n## {title} (`node tests/bench/{script}`)\n"));
        report.extend(
            out.lines()
                .filter(|l| !l.starts_with('{'))
                .map(String::from),
        );
    }

    // 3. sizes.
    report.push("\n## Sizes\n".into());
    report.push(wasm_sizes(&pkg_wasm)?);
    // Per entry of the npm package, glue included (`tests/bench/sizes.mjs`).
    let entries = Command::new("node")
        .arg(util::root().join("tests/bench/sizes.mjs"))
        .output()
        .map_err(|e| format!("node tests/bench/sizes.mjs: {e}"))?;
    report.push(format!("\n{}", String::from_utf8_lossy(&entries.stdout)));
    let node_wasm = pkg_wasm.with_file_name("gongji_node_bg.wasm");
    if let Ok(m) = std::fs::metadata(&node_wasm) {
        report.push(format!(
            "- `{}` (the module node loads, built for speed): raw {} bytes",
            node_wasm.display(),
            m.len()
        ));
    }
    if !quick {
        util::cargo(&["build", "--release", "-q", "-p", "gongji-ffi"], &[])?;
    }
    let so = target_dir().join("release/libgongji_ffi.so");
    report.push(match std::fs::metadata(&so) {
        Ok(m) => format!(
            "- host cdylib `{}`: {} bytes ({:.1} KiB, release profile: lto, symbols stripped of debug info)",
            so.display(),
            m.len(),
            m.len() as f64 / 1024.0
        ),
        Err(_) => format!("- host cdylib: not built ({} missing)", so.display()),
    });

    let text = report.join("\n") + "\n";
    println!("{text}");
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("report.md"), text).map_err(|e| e.to_string())?;
    eprintln!(
        "bench: report written to {}",
        dir.join("report.md").display()
    );
    Ok(())
}

/// Instructions of `gongji plan` on the family-of-6 fixture (100 bills, 12 months) under callgrind,
/// less those of `gongji eligibility` on its fixture (process start, book, one small document): the
/// plan through `json::invoke`, text in, text out. Release build of the CLI.
fn plan_instructions() -> Result<String, String> {
    let has_valgrind = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_valgrind {
        return Ok("\n## Plan (PL-1) under callgrind\n\nvalgrind not found: skipped.".into());
    }
    util::cargo(&["build", "--release", "-q", "-p", "gongji-cli"], &[])?;
    let bin = target_dir().join("release/gongji");
    let fixtures = util::root().join("tests/bench/fixtures");
    let count = |args: &[&str], file: &str| -> Result<u64, String> {
        let out = target_dir().join("bench/callgrind.out");
        std::fs::create_dir_all(target_dir().join("bench")).map_err(|e| e.to_string())?;
        let o = Command::new("valgrind")
            .arg("--tool=callgrind")
            .arg(format!("--callgrind-out-file={}", out.display()))
            .arg(&bin)
            .args(args)
            .arg(fixtures.join(file))
            .output()
            .map_err(|e| e.to_string())?;
        let err = String::from_utf8_lossy(&o.stderr);
        err.lines()
            .find_map(|l| l.split("Collected :").nth(1))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("callgrind gave no count: {err}"))
    };
    let plan = count(&["plan"], "plan_family_of_6.json")?;
    let twice = count(&["plan"], "plan_family_of_6_x2.json")?;
    let base = count(&["eligibility"], "eligibility.json")?;
    let (one, two) = (plan.saturating_sub(base), twice.saturating_sub(base));
    Ok(format!(
        "\n## Plan (PL-1) under callgrind\n\n`valgrind --tool=callgrind target/release/gongji plan \
         tests/bench/fixtures/plan_family_of_6.json`: {plan} instructions; `gongji eligibility` on its \
         fixture (the process, the book, one small document): {base}; the plan itself ≈ {one} \
         instructions. Twice the bills at half the amounts (`plan_family_of_6_x2.json`, the same \
         grants): ≈ {two}; growth exponent in bills {:.2}.",
        (two as f64 / one.max(1) as f64).log2()
    ))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => util::root().join(d),
        None => util::root().join("target"),
    }
}

/// Runs a command in the workspace root, echoing and returning its standard output.
fn capture(cmd: &mut Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    eprintln!("+ {shown}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(util::root());
    }
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{text}");
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{shown} exited with {}", out.status))
    }
}

/// Raw, gzip -9 and brotli (the `.br` the package build writes) sizes of the wasm.
fn wasm_sizes(wasm: &Path) -> Result<String, String> {
    let raw = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    // gzip -9 and brotli (quality 11, window 24, as the build compresses), one node call.
    let sizes = Command::new("node")
        .args([
            "-e",
            "const z=require('zlib');const b=require('fs').readFileSync(process.argv[1]);\
             const br=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,\
             [z.constants.BROTLI_PARAM_LGWIN]:24}});\
             process.stdout.write(z.gzipSync(b,{level:9}).length+' '+br.length)",
        ])
        .arg(wasm)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .unwrap_or_default();
    let mut parts = sizes.split_whitespace();
    let gzip = parts.next().unwrap_or("?");
    let br = parts.next().unwrap_or("?");
    Ok(format!(
        "- `{}`: raw {} bytes, gzip -9 {gzip} bytes, brotli {br} bytes",
        wasm.display(),
        raw.len()
    ))
}

/// CPU model, core count and the date, for the report.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let date = Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .unwrap_or_default();
    let node = Command::new("node")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .unwrap_or_default();
    format!(
        "machine: {cpu}, {cores} cores (nproc); node {}; {}",
        node.trim(),
        date.trim()
    )
}

/// Sizes of the ledgers measured, in open items.
const LEDGER_SIZES: [usize; 4] = [10, 100, 1_000, 10_000];

/// `--ledger`: instruction counts of one `apply` against the ledger's size, and the growth exponent.
fn ledger_growth() -> Result<(), String> {
    let out = capture(Command::new(cargo()).args([
        "bench",
        "--no-run",
        "--message-format=json",
        "-p",
        "gongji-core",
        "--bench",
        "ledger",
    ]))?;
    let exe = out
        .lines()
        .filter(|l| l.contains("\"name\":\"ledger\""))
        .find_map(|l| {
            let rest = l.split("\"executable\":\"").nth(1)?;
            Some(rest.split('"').next()?.to_string())
        })
        .ok_or("no executable for the ledger bench")?;
    let mut report = vec![
        format!("# gongji ledger growth\n\n{}\n", machine()),
        "Instructions of one `apply` (callgrind, `--toggle-collect=*measured_apply*`), by open items:\n"
            .into(),
        "| command | 10 | 100 | 1 000 | 10 000 | exponent 1 000 → 10 000 |\n|---|---|---|---|---|---|"
            .into(),
    ];
    for kind in ["grant", "spend", "tick"] {
        let mut counts = Vec::new();
        for n in LEDGER_SIZES {
            counts.push(callgrind(&exe, n, kind)?);
        }
        let exponent = (counts[3] as f64 / counts[2] as f64).log10();
        let cells: Vec<String> = counts.iter().map(|c| c.to_string()).collect();
        report.push(format!(
            "| {kind} | {} | {exponent:.2} |",
            cells.join(" | ")
        ));
    }
    let text = report.join("\n") + "\n";
    println!("{text}");
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("ledger.md"), text).map_err(|e| e.to_string())
}

/// Instructions callgrind collects in `measured_apply` for one command on a ledger of `n` open items.
fn callgrind(exe: &str, n: usize, kind: &str) -> Result<u64, String> {
    let out_file = target_dir().join(format!("bench/callgrind.{kind}.{n}"));
    std::fs::create_dir_all(target_dir().join("bench")).map_err(|e| e.to_string())?;
    let out = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg("--toggle-collect=*measured_apply*")
        .arg(exe)
        .arg(n.to_string())
        .arg(kind)
        .output()
        .map_err(|e| format!("valgrind: {e} (apt-get install valgrind)"))?;
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|c| c.trim().parse().ok())
        .ok_or_else(|| format!("callgrind gave no count for {kind} {n}: {err}"))
}
