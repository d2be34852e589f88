//! The web client: wasm build, npm package, and its tests (node, mini-program simulators, Chromium).
//!
//! `build()` compiles `gongji-wasm` for `wasm32-unknown-unknown` with only the wasm features every target
//! runtime has (see [`RUSTFLAGS`]), runs the pinned wasm-bindgen CLI, drops exported globals (iOS WeChat
//! cannot export a `Global`), optimises with binaryen's `wasm-opt -Oz` (npm `binaryen`), validates the
//! result against that feature set, compresses it with brotli, writes the mini-program bundles, and prints
//! the size report. It builds the module a second time for speed (`release` profile, `wasm-opt -O3`):
//! `dist/gongji_node_bg.wasm`, which the node entry loads, driven by the same glue (checked identical).
//! Browsers and mini-programs load the size-built `dist/gongji_bg.wasm`. `test()` then runs every web test:
//! node replays the vectors on the speed-built module, the simulators and Chromium on the size-built one.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use wasmparser::{Parser, Payload, Validator, WasmFeatures};

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

/// The same set for the final check.
fn allowed_features() -> WasmFeatures {
    WasmFeatures::MVP
        | WasmFeatures::MUTABLE_GLOBAL
        | WasmFeatures::SIGN_EXTENSION
        | WasmFeatures::BULK_MEMORY
        | WasmFeatures::SATURATING_FLOAT_TO_INT
}

/// Target features the precompiled `std` advertises that the output must not claim (so that
/// wasm-bindgen keeps its JS-heap mode instead of externref tables); wasm-opt re-encodes `call_indirect`.
const UNWANTED_TARGET_FEATURES: &[&str] =
    &["reference-types", "multivalue", "call-indirect-overlong"];

/// Brotli budget of the wasm (bytes), reported, not enforced.
const BROTLI_BUDGET: usize = 120 * 1024;

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

/// The version of `name` in Cargo.lock.
fn locked_version(name: &str) -> Result<String, String> {
    let lock = read_text(&util::root().join("Cargo.lock"))?;
    let needle = format!("name = \"{name}\"\n");
    let at = lock
        .find(&needle)
        .ok_or_else(|| format!("{name} is not in Cargo.lock"))?;
    lock.get(at + needle.len()..)
        .and_then(|rest| rest.lines().next())
        .and_then(|l| l.strip_prefix("version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .map(str::to_string)
        .ok_or_else(|| format!("no version for {name} in Cargo.lock"))
}

/// The wasm-bindgen CLI at the version the crate is locked to, under the tools dir.
fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
    let version = locked_version("wasm-bindgen")?;
    let root = util::tools_dir();
    let bin = root.join("bin/wasm-bindgen");
    let have = Command::new(&bin)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if have.as_deref() != Some(format!("wasm-bindgen {version}").as_str()) {
        let root_arg = root.to_string_lossy().into_owned();
        util::cargo(
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
                "--root",
                &root_arg,
            ],
            &[],
        )?;
    }
    Ok(bin)
}

/// The npm tooling of `tests/node/package-lock.json` (binaryen, typescript, acorn, playwright-core),
/// installed with `npm ci` into the tools dir when the lock changes, and linked as `tests/node/node_modules`.
fn ensure_npm_tools() -> Result<PathBuf, String> {
    if !util::have("npm") {
        util::ensure_apt(&["nodejs", "npm"])?;
    }
    let src = util::root().join("tests/node");
    let dir = util::tools_dir().join("npm");
    let modules = dir.join("node_modules");
    let lock = read(&src.join("package-lock.json"))?;
    let installed = std::fs::read(dir.join("package-lock.json")).ok();
    if installed.as_deref() != Some(lock.as_slice()) || !modules.join(".package-lock.json").exists()
    {
        write(&dir.join("package.json"), read(&src.join("package.json"))?)?;
        write(&dir.join("package-lock.json"), &lock)?;
        util::run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir),
        )?;
    }
    let link = src.join("node_modules");
    if std::fs::read_link(&link).ok().as_deref() != Some(modules.as_path()) {
        let _ = std::fs::remove_file(&link);
        let _ = std::fs::remove_dir_all(&link);
        std::os::unix::fs::symlink(&modules, &link)
            .map_err(|e| format!("{}: {e}", link.display()))?;
    }
    Ok(modules)
}

fn leb(bytes: &[u8], at: &mut usize) -> Result<u32, String> {
    let mut result: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at).ok_or("truncated LEB128")?;
        *at += 1;
        result |= u32::from(b & 0x7f)
            .checked_shl(shift)
            .ok_or("LEB128 too long")?;
        if b & 0x80 == 0 {
            return Ok(result);
        }
        shift += 7;
    }
}

fn put_leb(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let b = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_name(out: &mut Vec<u8>, name: &[u8]) {
    put_leb(out, name.len() as u32);
    out.extend_from_slice(name);
}

fn slice(bytes: &[u8], from: usize, to: usize) -> Result<&[u8], String> {
    bytes
        .get(from..to)
        .ok_or_else(|| "truncated wasm".to_string())
}

/// Rewrites a module section by section: `edit(id, body)` returns a replacement body or `None` to keep it.
fn rewrite_sections(
    wasm: &[u8],
    mut edit: impl FnMut(u8, &[u8]) -> Result<Option<Vec<u8>>, String>,
) -> Result<Vec<u8>, String> {
    let mut out = slice(wasm, 0, 8)?.to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = *wasm.get(at).ok_or("truncated wasm")?;
        at += 1;
        let size = leb(wasm, &mut at)? as usize;
        let body = slice(wasm, at, at + size)?;
        at += size;
        match edit(id, body)? {
            Some(new) => {
                out.push(id);
                put_leb(&mut out, new.len() as u32);
                out.extend_from_slice(&new);
            }
            None => out.extend_from_slice(slice(wasm, start, at)?),
        }
    }
    Ok(out)
}

/// Removes the named features from the `target_features` custom section.
fn strip_target_features(wasm: &[u8], unwanted: &[&str]) -> Result<Vec<u8>, String> {
    rewrite_sections(wasm, |id, body| {
        let mut at = 0;
        if id != 0 {
            return Ok(None);
        }
        let len = leb(body, &mut at)? as usize;
        if slice(body, at, at + len)? != b"target_features" {
            return Ok(None);
        }
        at += len;
        let count = leb(body, &mut at)?;
        let mut kept = Vec::new();
        for _ in 0..count {
            let prefix = *body.get(at).ok_or("truncated target_features")?;
            at += 1;
            let len = leb(body, &mut at)? as usize;
            let name = slice(body, at, at + len)?;
            at += len;
            if !unwanted.iter().any(|u| u.as_bytes() == name) {
                kept.push((prefix, name));
            }
        }
        let mut new = Vec::new();
        put_name(&mut new, b"target_features");
        put_leb(&mut new, kept.len() as u32);
        for (prefix, name) in kept {
            new.push(prefix);
            put_name(&mut new, name);
        }
        Ok(Some(new))
    })
}

/// Drops exported globals (wasm-bindgen's `__instance_terminated` and `__abort_handler`, which its JS does not
/// use with `panic = "abort"`): WeChat on iOS cannot instantiate a module that exports a `Global`.
fn drop_global_exports(wasm: &[u8]) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut dropped = Vec::new();
    let out = rewrite_sections(wasm, |id, body| {
        if id != 7 {
            return Ok(None);
        }
        let mut at = 0;
        let count = leb(body, &mut at)?;
        let mut kept: Vec<&[u8]> = Vec::new();
        for _ in 0..count {
            let start = at;
            let len = leb(body, &mut at)? as usize;
            let name = slice(body, at, at + len)?;
            at += len;
            let kind = *body.get(at).ok_or("truncated export")?;
            at += 1;
            leb(body, &mut at)?;
            if kind == 3 {
                dropped.push(String::from_utf8_lossy(name).into_owned());
            } else {
                kept.push(slice(body, start, at)?);
            }
        }
        let mut new = Vec::new();
        put_leb(&mut new, kept.len() as u32);
        for entry in kept {
            new.extend_from_slice(entry);
        }
        Ok(Some(new))
    })?;
    Ok((out, dropped))
}

/// The final module's contract with the mini-program runtimes: it validates with only the allowed
/// features, exports no `Global`, and imports nothing but the glue and its memory is its own.
pub fn check_module(wasm: &[u8]) -> Result<(), String> {
    Validator::new_with_features(allowed_features())
        .validate_all(wasm)
        .map_err(|e| format!("the wasm needs a feature outside the allowed set: {e}"))?;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(|e| e.to_string())?;
                    if export.kind == wasmparser::ExternalKind::Global {
                        return Err(format!(
                            "the wasm exports the global {}: iOS WeChat cannot load it",
                            export.name
                        ));
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    if !matches!(
                        import.ty,
                        wasmparser::TypeRef::Func(_) | wasmparser::TypeRef::FuncExact(_)
                    ) {
                        return Err(format!(
                            "the wasm imports {} {:?}: only functions are expected",
                            import.name, import.ty
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A committed ES module source as a plain script part of a bundle: `export` keywords removed.
fn unexport(source: &str) -> String {
    source
        .lines()
        .map(|l| l.strip_prefix("export ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A mini-program entry: one CommonJS file (ES2017) with the UTF-8 codec, the API layer, wasm-bindgen's
/// no-modules glue inside a factory that receives stand-ins for `WebAssembly`/`TextEncoder`/`TextDecoder`,
/// and the loader bound to the runtime's path-only instantiate.
fn miniprogram_bundle(
    runtime: &str,
    instantiate: &str,
    glue: &str,
    pkg: &Path,
) -> Result<String, String> {
    let part = |name: &str| read_text(&pkg.join("src").join(name)).map(|s| unexport(&s));
    Ok(format!(
        "// gongji — {runtime} mini-program entry. Generated by `cargo xtask wasm` from pkg/src and wasm-bindgen's\n\
         // no-modules glue; edit those, not this file. Usage:\n\
         //   require('gongji/miniprogram/{file}').load('/path/in/package/gongji_bg.wasm.br').then(function (gongji) {{ … }})\n\
         'use strict';\n\n{utf8}\n\n{api}\n\n\
         function gongjiGlue(WebAssembly, TextEncoder, TextDecoder) {{\n{glue}\nreturn wasm_bindgen;\n}}\n\n\
         {loader}\n\n\
         module.exports = createMiniProgramLoader(function (path, imports) {{\n  return {instantiate}.instantiate(path, imports);\n}});\n",
        file = runtime.to_lowercase(),
        utf8 = part("utf8.js")?,
        api = part("api.js")?,
        loader = part("miniprogram.js")?,
    ))
}

/// Runs node with a script, returning its stdout.
fn node_output(args: &[&str]) -> Result<String, String> {
    let out = Command::new("node")
        .args(args)
        .current_dir(util::root())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "node {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Builds `pkg/dist` (glue, wasm, brotli) and `pkg/miniprogram`, checks the module, prints the size report.
/// Compiles `gongji-wasm` with `profile` and writes it to `out` without the unwanted target features.
fn compile(profile: &str, out: &Path) -> Result<PathBuf, String> {
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

/// Runs the pinned wasm-bindgen CLI for one glue `target` into `out`.
fn bindgen(bindgen: &Path, target: &str, out: &Path, input: &Path) -> Result<(), String> {
    util::run(
        Command::new(bindgen)
            .args([
                "--target",
                target,
                "--no-typescript",
                "--out-name",
                "gongji",
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
            .args(WASM_OPT_FEATURES)
            .arg(&unoptimised)
            .arg("-o")
            .arg(out),
    )?;
    check_module(&read(out)?)?;
    Ok(dropped)
}

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
    let input = compile("wasm-release", &work.join("gongji.wasm"))?;
    let _ = std::fs::remove_dir_all(&dist);
    let nomodules = work.join("no-modules");
    for (target, out) in [("web", &dist), ("no-modules", &nomodules)] {
        bindgen(&bindgen_cli, target, out, &input)?;
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
    let fast_input = compile("release", &work.join("gongji-fast.wasm"))?;
    let fast_dir = work.join("fast");
    bindgen(&bindgen_cli, "web", &fast_dir, &fast_input)?;
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

    // Brotli (for mini-programs and servers) and the gzip size for the report, with node's zlib.
    let sizes = node_output(&[
        "-e",
        "const fs=require('fs'),z=require('zlib');const f=process.argv[1];const b=fs.readFileSync(f);\
         const br=z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_LGWIN]:24,[z.constants.BROTLI_PARAM_SIZE_HINT]:b.length}});\
         fs.writeFileSync(f+'.br',br);console.log(b.length,z.gzipSync(b,{level:9}).length,br.length)",
        &wasm.to_string_lossy(),
    ])?;
    let nums: Vec<usize> = sizes
        .split_whitespace()
        .filter_map(|s| s.parse().ok())
        .collect();
    let [raw, gzip, brotli] = nums.as_slice() else {
        return Err(format!("size report: {sizes}"));
    };

    // Mini-program entries, with the compressed module next to them.
    let nomodules_glue = read_text(&nomodules.join("gongji.js"))?;
    let mp = pkg.join("miniprogram");
    let _ = std::fs::remove_dir_all(&mp);
    for (runtime, instantiate) in [("WeChat", "WXWebAssembly"), ("Alipay", "MyWebAssembly")] {
        let bundle = miniprogram_bundle(runtime, instantiate, &nomodules_glue, &pkg)?;
        write(&mp.join(format!("{}.js", runtime.to_lowercase())), bundle)?;
    }
    write(&mp.join("package.json"), "{ \"type\": \"commonjs\" }\n")?;
    std::fs::copy(dist.join("gongji_bg.wasm.br"), mp.join("gongji_bg.wasm.br"))
        .map_err(|e| e.to_string())?;
    // The WeChat sample loads the package from its own folder (instantiate takes in-package paths only).
    let sample = root.join("examples/miniprogram/gongji");
    let _ = std::fs::remove_dir_all(&sample);
    for name in ["wechat.js", "gongji_bg.wasm.br"] {
        write(&sample.join(name), read(&mp.join(name))?)?;
    }

    let kb = |n: usize| n as f64 / 1024.0;
    println!(
        "gongji.wasm size report ({})",
        wasm.strip_prefix(&root).unwrap_or(&wasm).display()
    );
    println!("  raw     {raw:>8} bytes  {:7.1} KiB", kb(*raw));
    println!("  gzip    {gzip:>8} bytes  {:7.1} KiB", kb(*gzip));
    println!(
        "  brotli  {brotli:>8} bytes  {:7.1} KiB  (budget {} KiB: {})",
        kb(*brotli),
        BROTLI_BUDGET / 1024,
        if *brotli <= BROTLI_BUDGET {
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
    println!("  features: mvp + mutable-globals, sign-ext, bulk-memory, nontrapping-fptoint; dropped exports: {dropped:?}");
    println!("  built in {:.0?}", started.elapsed());
    Ok(wasm)
}

/// Builds the package, then runs every web test: node vector replay, mini-program simulators (WeChat,
/// Alipay) with the ES2017 syntax check, the TypeScript check, and headless Chromium.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    let wasm = build()?;
    let root = util::root();
    check_module(&read(&wasm)?)?;
    let node = |script: &str| util::run(Command::new("node").arg(root.join(script)));
    node("tests/node/replay.mjs")?;
    node("tests/node/miniprogram.mjs")?;
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
    println!("web tests passed in {:.0?}", started.elapsed());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(sections: &[(u8, Vec<u8>)]) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        for (id, body) in sections {
            m.push(*id);
            put_leb(&mut m, body.len() as u32);
            m.extend_from_slice(body);
        }
        m
    }

    #[test]
    fn target_features_are_stripped_and_globals_dropped() {
        let mut features = Vec::new();
        put_name(&mut features, b"target_features");
        put_leb(&mut features, 2);
        for name in ["reference-types", "sign-ext"] {
            features.push(b'+');
            put_name(&mut features, name.as_bytes());
        }
        // One global (i32, immutable, i32.const 0) exported, and the section of exports.
        let globals = vec![1, 0x7f, 0, 0x41, 0, 0x0b];
        let mut exports = vec![1];
        put_name(&mut exports, b"__abort_handler");
        exports.extend_from_slice(&[3, 0]);
        let wasm = module(&[(6, globals.clone()), (7, exports), (0, features)]);
        assert!(
            check_module(&wasm).is_err(),
            "an exported global must be refused"
        );

        let (no_globals, dropped) = drop_global_exports(&wasm).unwrap();
        assert_eq!(dropped, vec!["__abort_handler".to_string()]);
        let stripped = strip_target_features(&no_globals, UNWANTED_TARGET_FEATURES).unwrap();
        let mut want_features = Vec::new();
        put_name(&mut want_features, b"target_features");
        put_leb(&mut want_features, 1);
        want_features.push(b'+');
        put_name(&mut want_features, b"sign-ext");
        assert_eq!(
            stripped,
            module(&[(6, globals), (7, vec![0]), (0, want_features)])
        );
        check_module(&stripped).unwrap();
    }

    #[test]
    fn feature_set_refuses_post_mvp_proposals() {
        // (func (result i32 i32) i32.const 0 i32.const 0): multi-value.
        let wasm = module(&[
            (1, vec![1, 0x60, 0, 2, 0x7f, 0x7f]),
            (3, vec![1, 0]),
            (10, vec![1, 6, 0, 0x41, 0, 0x41, 0, 0x0b]),
        ]);
        assert!(check_module(&wasm).is_err());
    }

    #[test]
    fn unexport_keeps_everything_else() {
        assert_eq!(
            unexport("export class A {}\nconst x = 'export ';\nexport function f() {}"),
            "class A {}\nconst x = 'export ';\nfunction f() {}"
        );
    }
}
