//! The build of the npm package: the size-built and the speed-built modules, the glue, brotli, the
//! mini-program entries, and the size report.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use super::bundle::miniprogram_bundle;
use super::sections::{check_module, drop_global_exports, strip_target_features};
use super::tools::{ensure_npm_tools, ensure_wasm_bindgen, node_output};
use super::{read, read_text, target_dir, write};
use crate::util;

const TARGET: &str = "wasm32-unknown-unknown";

/// Target CPU and features for the wasm. WeChat (JavaScriptCore on iOS, V8 on Android) and Alipay
/// support the MVP plus these four; reference types, multi-value, tail calls, memory64, GC, threads,
/// exceptions, SIMD and multi-memory are left out.
const RUSTFLAGS: &[&str] = &[
    "-Ctarget-cpu=mvp",
    "-Ctarget-feature=+mutable-globals,+sign-ext,+bulk-memory,+nontrapping-fptoint",
];

/// The same set for `wasm-opt`.
const WASM_OPT_FEATURES: &[&str] = &[
    "--mvp-features",
    "--enable-mutable-globals",
    "--enable-sign-ext",
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
];

/// Target features the precompiled `std` advertises that the output must not claim (so that
/// wasm-bindgen keeps its JS-heap mode instead of externref tables); wasm-opt re-encodes `call_indirect`.
pub(super) const UNWANTED_TARGET_FEATURES: &[&str] =
    &["reference-types", "multivalue", "call-indirect-overlong"];

/// Brotli budget of the wasm (bytes), reported, not enforced.
const BROTLI_BUDGET: usize = 120 * 1024;

/// wasm-opt passes besides the level. Inlining a function into its only caller is off: at any level
/// wasm-opt otherwise inlines every operation into the text entry, one function of >100 KB that V8
/// compiles (lazily, but whole) on the first call, whatever the operation; apart it also makes the size
/// build 9 % smaller (brotli), since the operations share their callees instead of holding copies.
const WASM_OPT_PASSES: &[&str] = &["--one-caller-inline-max-function-size", "0"];

/// Compiles `gongji-wasm` with `profile` (and `cargo_args`, e.g. its features) and writes it to `out`
/// without the unwanted target features.
fn compile(profile: &str, cargo_args: &[&str], out: &Path) -> Result<PathBuf, String> {
    util::run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args([
                "build",
                "-q",
                "-p",
                "gongji-wasm",
                "--target",
                TARGET,
                "--profile",
                profile,
            ])
            .args(cargo_args)
            .env("CARGO_ENCODED_RUSTFLAGS", RUSTFLAGS.join("\x1f")),
    )?;
    // Cargo names the output folder of the `dev` and `release` profiles after them, as the others.
    let compiled = target_dir()
        .join(TARGET)
        .join(profile)
        .join("gongji_wasm.wasm");
    write(
        out,
        strip_target_features(&read(&compiled)?, UNWANTED_TARGET_FEATURES)?,
    )?;
    Ok(out.to_path_buf())
}

/// Runs the pinned wasm-bindgen CLI for one glue `target` into `out`, naming the files after `name`.
fn bindgen(
    bindgen: &Path,
    target: &str,
    name: &str,
    out: &Path,
    input: &Path,
) -> Result<(), String> {
    util::run(
        Command::new(bindgen)
            .args([
                "--target",
                target,
                "--no-typescript",
                "--out-name",
                name,
                "--out-dir",
            ])
            .arg(out)
            .arg(input),
    )
}

/// Drops the exported globals (checking that `glue` does not use them), runs `wasm-opt` at `level`, and
/// checks the result against the feature set. Returns the names of the exports dropped.
fn optimise(
    npm: &Path,
    bindgen_wasm: &[u8],
    glue: &str,
    level: &str,
    work: &Path,
    out: &Path,
) -> Result<Vec<String>, String> {
    let (no_globals, dropped) = drop_global_exports(bindgen_wasm)?;
    if let Some(name) = dropped.iter().find(|n| glue.contains(n.as_str())) {
        return Err(format!(
            "the glue uses the exported global {name}, which the build removes"
        ));
    }
    let unoptimised = work.join("gongji_noglobals.wasm");
    write(&unoptimised, &no_globals)?;
    util::run(
        Command::new("node")
            .arg(npm.join("binaryen/bin/wasm-opt"))
            .args([
                level,
                "--strip-debug",
                "--strip-producers",
                "--strip-target-features",
            ])
            .args(WASM_OPT_PASSES)
            .args(WASM_OPT_FEATURES)
            .arg(&unoptimised)
            .arg("-o")
            .arg(out),
    )?;
    check_module(&read(out)?)?;
    Ok(dropped)
}

/// Builds `pkg/dist` (glue, wasm, brotli) and `pkg/miniprogram`, checks the module, prints the size report.
pub fn build() -> Result<PathBuf, String> {
    let started = Instant::now();
    let root = util::root();
    let pkg = root.join("pkg");
    let dist = pkg.join("dist");
    let work = target_dir().join("gongji-web");
    util::ensure_rust_target(TARGET)?;
    let bindgen_cli = ensure_wasm_bindgen()?;
    let npm = ensure_npm_tools()?;

    // The module for browsers and mini-programs, built for size.
    let input = compile("wasm-release", &[], &work.join("gongji.wasm"))?;
    let _ = std::fs::remove_dir_all(&dist);
    let nomodules = work.join("no-modules");
    for (target, out) in [("web", &dist), ("no-modules", &nomodules)] {
        bindgen(&bindgen_cli, target, "gongji", out, &input)?;
    }
    let bindgen_wasm = read(&dist.join("gongji_bg.wasm"))?;
    if read(&nomodules.join("gongji_bg.wasm"))? != bindgen_wasm {
        return Err("wasm-bindgen gave different modules for the web and no-modules glue".into());
    }
    let glue = read_text(&dist.join("gongji.js"))? + &read_text(&nomodules.join("gongji.js"))?;
    let wasm = dist.join("gongji_bg.wasm");
    let dropped = optimise(&npm, &bindgen_wasm, &glue, "-Oz", &work, &wasm)?;

    // The module node loads, built for speed (size matters little there): the same code and exports,
    // so the same glue must drive it.
    let fast_input = compile("release", &[], &work.join("gongji-fast.wasm"))?;
    let fast_dir = work.join("fast");
    bindgen(&bindgen_cli, "web", "gongji", &fast_dir, &fast_input)?;
    if read_text(&fast_dir.join("gongji.js"))? != read_text(&dist.join("gongji.js"))? {
        return Err(
            "wasm-bindgen gave different glue for the size- and speed-built modules".into(),
        );
    }
    let fast = dist.join("gongji_node_bg.wasm");
    optimise(
        &npm,
        &read(&fast_dir.join("gongji_bg.wasm"))?,
        &glue,
        "-O3",
        &fast_dir,
        &fast,
    )?;
    let fast_len = read(&fast)?.len();

    let [raw, gzip, brotli] = compressed_sizes(&wasm)?;
    let (calculator, calculator_glue) = calculator(&bindgen_cli, &npm, &work, &dist)?;

    // The mini-program entry, with the compressed module next to it: the folder WeChat's 构建 npm copies
    // to `miniprogram_npm/gongji/` (package.json's "miniprogram" field). `wechat.js` and `alipay.js` are
    // the entry under the names earlier releases had.
    let nomodules_glue = read_text(&nomodules.join("gongji.js"))?;
    let mp = pkg.join("miniprogram");
    let _ = std::fs::remove_dir_all(&mp);
    write(
        &mp.join("index.js"),
        miniprogram_bundle(&nomodules_glue, &pkg)?,
    )?;
    for alias in ["wechat.js", "alipay.js"] {
        write(
            &mp.join(alias),
            "'use strict';\nmodule.exports = require('./index.js');\n",
        )?;
    }
    write(&mp.join("package.json"), "{ \"type\": \"commonjs\" }\n")?;
    // The calculator's mini-program entry (`require('gongji/miniprogram/calculator')`), the same loader
    // finding `calculator_bg.wasm.br` where the runtime's npm support puts it.
    let bundle = miniprogram_bundle(&calculator_glue, &pkg)?;
    let module_path = "/gongji_bg.wasm.br'";
    if bundle.matches(module_path).count() != 2 {
        return Err("the mini-program loader no longer names the module's path twice".into());
    }
    write(
        &mp.join("calculator.js"),
        bundle.replace(module_path, "/calculator_bg.wasm.br'"),
    )?;
    std::fs::rename(dist.join("gongji_bg.wasm.br"), mp.join("gongji_bg.wasm.br"))
        .map_err(|e| e.to_string())?;
    // The npm package carries its readme (committed in pkg/) and the repository's licences.
    for licence in ["LICENSE-MIT", "LICENSE-APACHE"] {
        write(&pkg.join(licence), read(&root.join(licence))?)?;
    }

    let kb = |n: usize| n as f64 / 1024.0;
    println!(
        "gongji.wasm size report ({})",
        wasm.strip_prefix(&root).unwrap_or(&wasm).display()
    );
    println!("  raw     {raw:>8} bytes  {:7.1} KiB", kb(raw));
    println!("  gzip    {gzip:>8} bytes  {:7.1} KiB", kb(gzip));
    println!(
        "  brotli  {brotli:>8} bytes  {:7.1} KiB  (budget {} KiB: {})",
        kb(brotli),
        BROTLI_BUDGET / 1024,
        if brotli <= BROTLI_BUDGET {
            "within"
        } else {
            "over"
        }
    );
    println!(
        "  node    {fast_len:>8} bytes  {:7.1} KiB raw ({}: built for speed, opt-level 3, wasm-opt -O3)",
        kb(fast_len),
        fast.strip_prefix(&root).unwrap_or(&fast).display()
    );
    let [calc_raw, calc_gzip, calc_brotli] = compressed_sizes(&calculator)?;
    std::fs::rename(
        calculator.with_extension("wasm.br"),
        mp.join("calculator_bg.wasm.br"),
    )
    .map_err(|e| e.to_string())?;
    println!(
        "  calculator ({}, without the ledger: eligibility, shareable, settle, settle_summary, plan)",
        calculator
            .strip_prefix(&root)
            .unwrap_or(&calculator)
            .display()
    );
    println!("    raw   {calc_raw:>8} bytes  {:7.1} KiB", kb(calc_raw));
    println!("    gzip  {calc_gzip:>8} bytes  {:7.1} KiB", kb(calc_gzip));
    println!(
        "    brotli{calc_brotli:>8} bytes  {:7.1} KiB",
        kb(calc_brotli)
    );
    println!("  features: mvp + mutable-globals, sign-ext, bulk-memory, nontrapping-fptoint; dropped exports: {dropped:?}");
    println!("  built in {:.0?}", started.elapsed());
    Ok(wasm)
}

/// Writes `path.br` (brotli, quality 11: for mini-programs and servers) and returns the raw, gzip -9 and
/// brotli sizes, with node's zlib.
fn compressed_sizes(path: &Path) -> Result<[usize; 3], String> {
    let sizes = node_output(&[
        "-e",
        "const fs=require('fs'),z=require('zlib');const f=process.argv[1];const b=fs.readFileSync(f);\
         const br=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_LGWIN]:24,[z.constants.BROTLI_PARAM_SIZE_HINT]:b.length}});\
         fs.writeFileSync(f+'.br',br);console.log(b.length,z.gzipSync(b,{level:9}).length,br.length)",
        &path.to_string_lossy(),
    ])?;
    let nums: Vec<usize> = sizes
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    match nums.as_slice() {
        [raw, gzip, brotli] => Ok([*raw, *gzip, *brotli]),
        _ => Err(format!("size report: {sizes}")),
    }
}

/// The calculator module (`gongji-wasm` without its `ledger` feature), built for size like the full one,
/// with its own web glue (`dist/calculator.js`, `dist/calculator_bg.wasm`). Returns the module's path and
/// its no-modules glue, for the mini-program entry.
fn calculator(
    bindgen_cli: &Path,
    npm: &Path,
    work: &Path,
    dist: &Path,
) -> Result<(PathBuf, String), String> {
    let work = work.join("calculator");
    let input = compile(
        "wasm-release",
        &["--no-default-features"],
        &work.join("calculator.wasm"),
    )?;
    let nomodules = work.join("no-modules");
    bindgen(bindgen_cli, "web", "calculator", dist, &input)?;
    bindgen(bindgen_cli, "no-modules", "calculator", &nomodules, &input)?;
    let wasm = dist.join("calculator_bg.wasm");
    let bindgen_wasm = read(&wasm)?;
    if read(&nomodules.join("calculator_bg.wasm"))? != bindgen_wasm {
        return Err(
            "wasm-bindgen gave different calculator modules for the web and no-modules glue".into(),
        );
    }
    let nomodules_glue = read_text(&nomodules.join("calculator.js"))?;
    let glue = read_text(&dist.join("calculator.js"))? + &nomodules_glue;
    optimise(npm, &bindgen_wasm, &glue, "-Oz", &work, &wasm)?;
    Ok((wasm, nomodules_glue))
}
