//! The mobile clients: uniffi bindings for Kotlin, Swift and Python, and their tests.
//!
//! `generate` builds the cdylib and the pinned `uniffi-bindgen` (library mode) and writes
//! `build/bindings/{kotlin,swift,python}`. `test` also runs the binding's Rust tests, the Python
//! tests and example, the Kotlin tests and example on the JVM (kotlinc from the npm registry, JNA from
//! Debian), and checks the generated Swift (no Swift toolchain here; see bindings/uniffi/README.md).

use std::collections::hash_map::DefaultHasher;
use std::env::consts::{DLL_PREFIX, DLL_SUFFIX, EXE_SUFFIX};
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::util;

/// The Kotlin compiler, from the npm registry's `kotlin-compiler` package.
const KOTLIN_VERSION: &str = "2.4.20";
/// Debian's JNA (the Kotlin bindings call the library through it).
const JNA_JAR: &str = "/usr/share/java/jna.jar";
const LANGUAGES: [&str; 3] = ["kotlin", "swift", "python"];
/// The Swift grammar that checks Swift syntax and call labels where there is no Swift toolchain.
const SWIFT_CHECK_PACKAGES: [&str; 2] = ["tree-sitter==0.26.1", "tree-sitter-swift==0.7.4"];

/// `$CARGO_TARGET_DIR` (relative to the workspace root) or `target/`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => util::root().join(dir),
        _ => util::root().join("target"),
    }
}

/// The host cdylib the bindings are generated from and tested against (debug profile: faster to build,
/// same metadata and behaviour).
fn cdylib() -> PathBuf {
    target_dir()
        .join("debug")
        .join(format!("{DLL_PREFIX}gongji_ffi{DLL_SUFFIX}"))
}

fn build_dir() -> PathBuf {
    util::root().join("build")
}

fn io<T>(what: &Path, r: std::io::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("{}: {e}", what.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    io(path, fs::read_to_string(path))
}

fn reset_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        io(dir, fs::remove_dir_all(dir))?;
    }
    io(dir, fs::create_dir_all(dir))
}

/// Files with the given extension under `dir`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Builds the cdylib and `uniffi-bindgen` and generates Kotlin, Swift and Python into `build/bindings`.
pub fn generate() -> Result<PathBuf, String> {
    util::cargo(
        &[
            "build",
            "-q",
            "-p",
            "gongji-ffi",
            "-p",
            "gongji-uniffi-bindgen",
        ],
        &[],
    )?;
    let bindgen = target_dir()
        .join("debug")
        .join(format!("uniffi-bindgen{EXE_SUFFIX}"));
    let lib = cdylib();
    let out = build_dir().join("bindings");
    for lang in LANGUAGES {
        let dir = out.join(lang);
        reset_dir(&dir)?;
        util::run(
            Command::new(&bindgen)
                .args(["generate", "--no-format", "--language", lang, "--out-dir"])
                .arg(&dir)
                .arg("--library")
                .arg(&lib),
        )?;
    }
    Ok(out)
}

/// Builds, generates and runs every mobile test: Rust, Python, Kotlin (JVM), the Swift check.
pub fn test() -> Result<(), String> {
    let started = Instant::now();
    let bindings = generate()?;
    util::cargo(&["test", "-q", "-p", "gongji-ffi"], &[])?;
    let python = python()?;
    let kotlin = kotlin(&bindings)?;
    swift_check(&bindings)?;
    swift_sources(&bindings, false)?;
    android_check()?;
    eprintln!(
        "mobile: python {python}, kotlin {kotlin}, swift bindings and Android build files checked, in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

pub fn python_exe() -> &'static str {
    if util::have("python3") {
        "python3"
    } else {
        "python"
    }
}

/// The Python package as a user gets it: `pip wheel bindings/uniffi/python` (maturin builds the library
/// and the uniffi modules), the wheel checked (a platform tag, `py.typed`, both licences) and installed
/// into a fresh virtual environment, where the tests and the example import it with nothing on
/// `PYTHONPATH`.
fn python() -> Result<String, String> {
    let root = util::root();
    let out = build_dir().join("python");
    reset_dir(&out)?;
    let py = make_venv(&out.join("venv"))?;
    let wheel = build_wheel(&py, &python_wheels())?;
    let name = wheel
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .to_string();
    check_wheel(&py, &wheel, &name)?;
    pip_install(&py, &["--no-deps", &wheel.to_string_lossy()])?;
    for script in ["tests/python/run.py", "examples/python/demo.py"] {
        util::run(
            Command::new(&py)
                .arg(root.join(script))
                .current_dir(&out)
                .env_remove("PYTHONPATH")
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .env("GONGJI_VECTORS", root.join("tests/vectors")),
        )?;
    }
    Ok(format!("{name}: tests and example passed"))
}

/// A Python virtual environment at `venv` (Debian's `python3-venv` installed when `venv` is missing);
/// returns its interpreter.
pub fn make_venv(venv: &Path) -> Result<PathBuf, String> {
    let made = Command::new(python_exe())
        .args(["-m", "venv"])
        .arg(venv)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        util::ensure_apt(&["python3-venv"])?;
        util::run(Command::new(python_exe()).args(["-m", "venv"]).arg(venv))?;
    }
    Ok(venv.join("bin/python"))
}

/// Where `test-mobile` puts the wheel it builds and tests (`build/python/wheels`).
pub fn python_wheels() -> PathBuf {
    build_dir().join("python/wheels")
}

/// `python -m pip install ARGS…` (quiet), with the workspace's target dir for builds.
pub fn pip_install(py: &Path, args: &[&str]) -> Result<(), String> {
    util::run(
        Command::new(py)
            .args(["-m", "pip", "--disable-pip-version-check", "-q", "install"])
            .args(args)
            .env("CARGO_TARGET_DIR", target_dir()),
    )
}

/// `pip wheel bindings/uniffi/python` into `wheels` (emptied first) with `py`; returns the wheel.
pub fn build_wheel(py: &Path, wheels: &Path) -> Result<PathBuf, String> {
    reset_dir(wheels)?;
    let src = util::root().join("bindings/uniffi/python");
    util::run(
        Command::new(py)
            .args([
                "-m",
                "pip",
                "--disable-pip-version-check",
                "-q",
                "wheel",
                "--no-deps",
                "-w",
            ])
            .arg(wheels)
            .arg(&src)
            .env("CARGO_TARGET_DIR", target_dir()),
    )?;
    files(wheels, "whl")
        .into_iter()
        .next()
        .ok_or_else(|| "pip wheel wrote no wheel".to_string())
}

/// A wheel that holds a native library must say which platform it is for, and ship its types and licences.
fn check_wheel(py: &Path, wheel: &Path, name: &str) -> Result<(), String> {
    if name.contains("-none-any") || !name.starts_with("gongji-") {
        return Err(format!(
            "{name}: a wheel with a native library needs a platform tag"
        ));
    }
    let listing = Command::new(py)
        .args([
            "-c",
            "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))",
        ])
        .arg(wheel)
        .output()
        .map_err(|e| format!("{name}: {e}"))?;
    let listing = String::from_utf8_lossy(&listing.stdout);
    let wanted = [
        "gongji/__init__.py",
        "gongji/py.typed",
        "gongji/_native/gongji_core.py",
        "gongji/_native/gongji_ffi.py",
        "LICENSE-MIT",
        "LICENSE-APACHE",
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|w| !listing.lines().any(|l| l.ends_with(w)))
        .collect();
    if !missing.is_empty() || !listing.lines().any(|l| l.contains("libgongji_ffi")) {
        return Err(format!("{name}: missing {missing:?} (or the library)"));
    }
    Ok(())
}

/// The Swift sources of the package (the root `Package.swift`, added by URL, compiles them; SwiftPM runs
/// no generator): the generated files are committed in `bindings/uniffi/swift/Sources/Gongji`. `write`
/// copies the fresh ones there (`cargo xtask bindings`); otherwise a difference is an error.
pub fn swift_sources(bindings: &Path, write: bool) -> Result<(), String> {
    let committed = util::root().join("bindings/uniffi/swift/Sources/Gongji");
    let mut stale = Vec::new();
    for name in ["Gongji.swift", "GongjiCore.swift"] {
        let fresh = io(
            &bindings.join("swift").join(name),
            fs::read(bindings.join("swift").join(name)),
        )?;
        let path = committed.join(name);
        if fs::read(&path).ok().as_deref() == Some(fresh.as_slice()) {
            continue;
        }
        if write {
            io(&committed, fs::create_dir_all(&committed))?;
            io(&path, fs::write(&path, &fresh))?;
        } else {
            stale.push(name);
        }
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} differ from the generated Swift: run `cargo xtask bindings` and commit them",
            stale.join(", ")
        ))
    }
}

/// The Android build cannot run here (no SDK or NDK in the reachable registries): its files are checked
/// instead. Plugins pinned, JNA at a version whose native library loads on 16 KB-page devices (≥ 5.17),
/// the three ABIs, the libraries linked with 16 KB pages and stored uncompressed, minSdk ≥ 24.
fn android_check() -> Result<(), String> {
    let dir = util::root().join("bindings/uniffi/android");
    let settings = read_text(&dir.join("settings.gradle.kts"))?;
    let gradle = read_text(&dir.join("build.gradle.kts"))?;
    let script = read_text(&dir.join("build-android.sh"))?;
    let mut wrong = Vec::new();
    for plugin in ["com.android.library", "org.jetbrains.kotlin.android"] {
        if !settings.contains(&format!("id(\"{plugin}\") version \"")) {
            wrong.push(format!(
                "settings.gradle.kts: plugin {plugin} without a version"
            ));
        }
    }
    let jna = gradle
        .split("net.java.dev.jna:jna:")
        .nth(1)
        .and_then(|v| v.split('@').next())
        .map(|v| {
            v.split('.')
                .filter_map(|n| n.parse::<u32>().ok())
                .collect::<Vec<_>>()
        });
    if !jna.is_some_and(|v| v.len() == 3 && (v[0], v[1]) >= (5, 17)) {
        wrong.push("build.gradle.kts: JNA older than 5.17 (16 KB pages)".into());
    }
    for abi in ["arm64-v8a", "armeabi-v7a", "x86_64"] {
        if !gradle.contains(&format!("\"{abi}\"")) || !script.contains(abi) {
            wrong.push(format!(
                "ABI {abi} missing from build.gradle.kts or build-android.sh"
            ));
        }
    }
    for (file, text, needle) in [
        ("build-android.sh", &script, "max-page-size=16384"),
        ("build.gradle.kts", &gradle, "useLegacyPackaging = false"),
        ("build.gradle.kts", &gradle, "minSdk = 24"),
    ] {
        if !text.contains(needle) {
            wrong.push(format!("{file}: no `{needle}`"));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!("android build files: {}", wrong.join("; ")))
    }
}

/// `kotlinc` of the pinned version, installed from the npm registry into the tools cache once.
fn ensure_kotlin() -> Result<PathBuf, String> {
    let home = util::tools_dir().join(format!("kotlin-compiler-{KOTLIN_VERSION}"));
    let kotlinc = home.join("package/bin/kotlinc");
    if kotlinc.exists() {
        return Ok(home.join("package"));
    }
    if !util::have("npm") {
        util::ensure_apt(&["npm"])?;
    }
    reset_dir(&home)?;
    util::run(
        Command::new("npm")
            .args([
                "pack",
                "--silent",
                &format!("kotlin-compiler@{KOTLIN_VERSION}"),
            ])
            .current_dir(&home),
    )?;
    let tgz = format!("kotlin-compiler-{KOTLIN_VERSION}.tgz");
    util::run(Command::new("tar").args(["xzf", &tgz]).current_dir(&home))?;
    io(&home, fs::remove_file(home.join(&tgz)))?;
    if !kotlinc.exists() {
        return Err(format!("{} missing after unpacking", kotlinc.display()));
    }
    Ok(home.join("package"))
}

fn ensure_java() -> Result<(), String> {
    if util::have("java") {
        Ok(())
    } else {
        util::ensure_apt(&["openjdk-17-jdk-headless"])
    }
}

/// A hash of the files' names and contents, to skip recompiling unchanged Kotlin.
fn fingerprint(paths: &[PathBuf]) -> Result<u64, String> {
    let mut h = DefaultHasher::new();
    KOTLIN_VERSION.hash(&mut h);
    for p in paths {
        p.hash(&mut h);
        io(p, fs::read(p))?.hash(&mut h);
    }
    Ok(h.finish())
}

fn kotlin(bindings: &Path) -> Result<&'static str, String> {
    ensure_java()?;
    let kotlin_home = ensure_kotlin()?;
    util::ensure_apt(&["libjna-java"])?;
    let root = util::root();
    let mut sources = files(&bindings.join("kotlin"), "kt");
    sources.extend(files(&root.join("tests/kotlin"), "kt"));
    sources.extend(files(&root.join("examples/kotlin"), "kt"));
    let out = build_dir().join("kotlin");
    let jar = out.join("gongji-tests.jar");
    let stamp = out.join("sources.hash");
    let print = fingerprint(&sources)?.to_string();
    let fresh = jar.exists() && fs::read_to_string(&stamp).is_ok_and(|s| s == print);
    if fresh {
        eprintln!("kotlin: sources unchanged, reusing {}", jar.display());
    } else {
        reset_dir(&out)?;
        util::run(
            Command::new(kotlin_home.join("bin/kotlinc"))
                .args(["-nowarn", "-jvm-target", "17", "-cp", JNA_JAR, "-d"])
                .arg(&jar)
                .args(&sources),
        )?;
        io(&stamp, fs::write(&stamp, &print))?;
    }
    let sep = if cfg!(windows) { ";" } else { ":" };
    let classpath = [
        jar.clone(),
        PathBuf::from(JNA_JAR),
        kotlin_home.join("lib/kotlin-stdlib.jar"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect::<Vec<_>>()
    .join(sep);
    let lib_dir = cdylib().parent().map(Path::to_path_buf).unwrap_or_default();
    for main in ["gongji.tests.MainKt", "gongji.examples.DemoKt"] {
        util::run(
            Command::new("java")
                .args(["-cp", &classpath])
                .arg(format!("-Djna.library.path={}", lib_dir.display()))
                .arg(main)
                .arg(root.join("tests/vectors")),
        )?;
    }
    Ok("tests and example passed")
}

/// snake_case → lowerCamelCase, as uniffi names functions in Kotlin and Swift.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// No Swift toolchain here: checks that the generated Swift exists, declares every exported function
/// (the list comes from the generated Python, so two generators agree), maps money to `Decimal` and the
/// error to `Swift.Error`, and that every C symbol its header declares is exported by the library.
pub fn swift_check(bindings: &Path) -> Result<(), String> {
    let swift_dir = bindings.join("swift");
    // The functions (Gongji.swift) and the core's types (GongjiCore.swift), one Swift module.
    let swift = read_text(&swift_dir.join("Gongji.swift"))?;
    let core_swift = read_text(&swift_dir.join("GongjiCore.swift"))?;
    let header = read_text(&swift_dir.join("GongjiFFI.h"))?
        + &read_text(&swift_dir.join("GongjiCoreFFI.h"))?;
    let modulemap = read_text(&swift_dir.join("GongjiFFI.modulemap"))?;
    let python = read_text(&bindings.join("python/gongji_ffi.py"))?;
    let kotlin = read_text(&bindings.join("kotlin/gongji/gongji_ffi.kt"))?;
    let functions: Vec<&str> = python
        .lines()
        .filter_map(|l| l.strip_prefix("def "))
        .filter_map(|l| l.split('(').next())
        .filter(|n| !n.starts_with('_'))
        .collect();
    let mut missing = Vec::new();
    for required in [
        "check_eligibility",
        "apply",
        "shareable",
        "statement",
        "settle",
        "settle_summary",
        "reverse",
        "validate_policy",
        "invoke_json",
    ] {
        if !functions.contains(&required) {
            missing.push(format!("python: {required}"));
        }
    }
    for f in &functions {
        let name = camel(f);
        if !swift.contains(&format!("public func {name}(")) {
            missing.push(format!("swift: public func {name}"));
        }
        if !kotlin.contains(&format!("fun `{name}`(")) && !kotlin.contains(&format!("fun {name}("))
        {
            missing.push(format!("kotlin: fun {name}"));
        }
    }
    for decl in [
        "public typealias Money = Decimal",
        "public typealias Ratio = Decimal",
        "enum GongjiError: Swift.Error",
        "open class Policy:",
        "import Foundation",
    ] {
        if !swift.contains(decl) && !core_swift.contains(decl) {
            missing.push(format!("swift: {decl}"));
        }
    }
    if !modulemap.contains("GongjiFFI") {
        missing.push("modulemap: module GongjiFFI".into());
    }
    let symbols: Vec<&str> = header
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| {
            [
                "uniffi_gongji_ffi_",
                "ffi_gongji_ffi_",
                "uniffi_gongji_core_",
                "ffi_gongji_core_",
            ]
            .iter()
            .any(|p| w.starts_with(p))
        })
        .collect();
    if symbols.is_empty() {
        missing.push("GongjiFFI.h: no uniffi_gongji_ffi_ symbols".into());
    }
    if cfg!(target_os = "linux") && util::have("nm") {
        let out = Command::new("nm")
            .args(["-D", "--defined-only"])
            .arg(cdylib())
            .output()
            .map_err(|e| format!("nm: {e}"))?;
        let exported = String::from_utf8_lossy(&out.stdout);
        let exported: std::collections::HashSet<&str> = exported
            .lines()
            .filter_map(|l| l.split_whitespace().last())
            .collect();
        for s in &symbols {
            if !exported.contains(s) {
                missing.push(format!("{}: {s} not exported", cdylib().display()));
            }
        }
    }
    if !missing.is_empty() {
        return Err(format!(
            "generated Swift bindings incomplete:\n  {}",
            missing.join("\n  ")
        ));
    }
    swift_syntax_and_calls(&[
        swift_dir.join("Gongji.swift"),
        swift_dir.join("GongjiCore.swift"),
    ])?;
    eprintln!(
        "swift: Gongji.swift declares all {} exported functions; the {} C symbols of GongjiFFI.h and GongjiCoreFFI.h are exported by the library",
        functions.len(),
        symbols.len()
    );
    Ok(())
}

/// The tree-sitter Swift grammar from PyPI, installed once into the tools cache.
fn ensure_swift_check() -> Result<PathBuf, String> {
    let dir = util::tools_dir().join("swift-check");
    let stamp = dir.join("installed.txt");
    let want = SWIFT_CHECK_PACKAGES.join(" ");
    if fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        return Ok(dir);
    }
    reset_dir(&dir)?;
    util::run(
        Command::new(python_exe())
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--target",
            ])
            .arg(&dir)
            .args(SWIFT_CHECK_PACKAGES)
            .env("PIP_ROOT_USER_ACTION", "ignore"),
    )?;
    io(&stamp, fs::write(&stamp, want))?;
    Ok(dir)
}

/// Parses the generated and the hand-written Swift (tests/swift, examples/swift, the package manifest)
/// and checks the labels of every call into the bindings (tests/swift/check_swift.py).
fn swift_syntax_and_calls(generated: &[PathBuf]) -> Result<(), String> {
    let grammar = ensure_swift_check()?;
    let root = util::root();
    let mut handwritten = files(&root.join("tests/swift"), "swift");
    handwritten.extend(files(&root.join("examples/swift"), "swift"));
    handwritten.push(root.join("bindings/uniffi/swift/Package.swift"));
    handwritten.push(root.join("Package.swift"));
    util::run(
        Command::new(python_exe())
            .arg(root.join("tests/swift/check_swift.py"))
            .args(generated)
            .arg("--")
            .args(&handwritten)
            .env("PYTHONPATH", &grammar)
            .env("PYTHONDONTWRITEBYTECODE", "1"),
    )
}
