//! `cargo xtask fuzz [--seconds N | --runs N] [target …]`: every cargo-fuzz target of `core/fuzz`, one
//! after the other, with one worker, a 5 s timeout per input, and a corpus seeded from `tests/vectors`
//! (`TARGETS` says with which operations' inputs).
//!
//! Builds with the nightly toolchain (`cargo +nightly fuzz`), release mode with debug assertions and
//! overflow checks, no sanitizer (the core is `forbid(unsafe_code)`). `cargo-fuzz` is installed into
//! the tools cache when missing. The corpus and any crash live under the cargo target dir, never in the
//! clone; a crash fails the run and its file is named in the error.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::util;

/// What seeds a target's corpus: the input documents of the vectors (`seed`).
pub enum Seed {
    /// A structured target: no seed.
    None,
    /// The inputs of these operations, as written.
    Ops(&'static [&'static str]),
    /// For each entry, the inputs of its operations behind one byte, the entry's index: the byte by
    /// which the target picks the request type.
    Picked(&'static [&'static [&'static str]]),
}

/// The request types `reader_vs_serde_json` reads, in the order of its first byte (`DIFFERENTIAL_OPS`
/// in core/fuzz/src/differential.rs, which names one operation of each), with the operations whose
/// inputs are of that type.
const DIFFERENTIAL_OPS: &[&[&str]] = &[
    &["check_eligibility"],
    &["apply"],
    &["shareable"],
    &["statement"],
    &["settle", "settle_summary"],
    &["reverse"],
    &["validate_policy"],
    &["plan"],
];

/// The targets, with what seeds them.
pub const TARGETS: &[(&str, Seed)] = &[
    ("raw_policy", Seed::Ops(&["validate_policy"])),
    ("raw_eligibility", Seed::Ops(&["check_eligibility"])),
    ("raw_apply", Seed::Ops(&["apply"])),
    ("raw_settle", Seed::Ops(&["settle"])),
    (
        "raw_settle_summary",
        Seed::Ops(&["settle_summary", "settle"]),
    ),
    ("raw_reverse", Seed::Ops(&["reverse"])),
    ("raw_shareable", Seed::Ops(&["shareable"])),
    ("raw_statement", Seed::Ops(&["statement"])),
    ("raw_plan", Seed::Ops(&["plan"])),
    ("reader_vs_serde_json", Seed::Picked(DIFFERENTIAL_OPS)),
    ("struct_policy", Seed::None),
    ("struct_eligibility", Seed::None),
    ("struct_settle", Seed::None),
    ("struct_ledger", Seed::None),
];

/// The short run `xtask test` makes: every target for about 10 s. cargo-fuzz needs the nightly
/// toolchain; where it is not installed the smoke run is skipped with a note rather than failing.
pub fn smoke() -> Result<(), String> {
    if !have_nightly() {
        eprintln!(
            "fuzz: smoke run skipped: no nightly toolchain (rustup toolchain install nightly)"
        );
        return Ok(());
    }
    run(&["--seconds", "10"])
}

fn have_nightly() -> bool {
    Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

pub fn run(args: &[&str]) -> Result<(), String> {
    let mut seconds: u64 = 10;
    let mut runs: Option<u64> = None;
    let mut only: Vec<&str> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--seconds" => seconds = number(it.next())?,
            "--runs" => runs = Some(number(it.next())?),
            t if TARGETS.iter().any(|(n, _)| *n == t) => only.push(t),
            other => return Err(format!("fuzz: unknown argument {other:?}")),
        }
    }
    ensure_tools()?;
    let dir = fuzz_dir();
    let target_dir = target_dir().join("fuzz");
    util::run(
        Command::new("cargo")
            .args([
                "+nightly",
                "fuzz",
                "build",
                "-O",
                "-a",
                "-s",
                "none",
                "--target-dir",
            ])
            .arg(&target_dir)
            .current_dir(&dir)
            .env("PATH", tools_path()),
    )?;
    let mut report = Vec::new();
    for (name, seeds) in TARGETS {
        if !only.is_empty() && !only.contains(name) {
            continue;
        }
        let corpus = target_dir.join("corpus").join(name);
        std::fs::create_dir_all(&corpus).map_err(|e| e.to_string())?;
        seed(&corpus, seeds)?;
        let artifacts = target_dir.join("artifacts").join(name);
        std::fs::create_dir_all(&artifacts).map_err(|e| e.to_string())?;
        let log = target_dir.join(format!("{name}.log"));
        let limit = match runs {
            Some(n) => format!("-runs={n}"),
            None => format!("-max_total_time={seconds}"),
        };
        let started = Instant::now();
        let out = Command::new("cargo")
            .args([
                "+nightly",
                "fuzz",
                "run",
                "-O",
                "-a",
                "-s",
                "none",
                "--target-dir",
            ])
            .arg(&target_dir)
            .arg(name)
            .arg(&corpus)
            .arg("--")
            .args([
                &limit,
                "-timeout=5",
                "-rss_limit_mb=2048",
                "-max_len=8192",
                "-print_final_stats=1",
            ])
            .arg(format!("-artifact_prefix={}/", artifacts.display()))
            .current_dir(&dir)
            .env("PATH", tools_path())
            .output()
            .map_err(|e| format!("cargo fuzz run {name}: {e}"))?;
        let text = String::from_utf8_lossy(&out.stderr).into_owned();
        std::fs::write(&log, &text).map_err(|e| e.to_string())?;
        let execs = stat(&text, "stat::number_of_executed_units").unwrap_or(0);
        let secs = started.elapsed().as_secs().max(1);
        let line = format!(
            "{name:20} {execs:>11} execs  {:>7} execs/s  {secs:>5} s",
            execs / secs
        );
        eprintln!("fuzz: {line}");
        report.push(line);
        if !out.status.success() {
            let tail: Vec<&str> = text.lines().rev().take(40).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(format!(
                "fuzz target {name} failed (log {}, artifacts {}):\n{}",
                log.display(),
                artifacts.display(),
                tail.join("\n")
            ));
        }
    }
    println!("fuzz summary (no crash, no timeout):");
    for l in report {
        println!("  {l}");
    }
    Ok(())
}

fn number(v: Option<&&str>) -> Result<u64, String> {
    v.and_then(|s| s.parse().ok())
        .ok_or_else(|| "fuzz: expected a number".to_string())
}

fn stat(log: &str, key: &str) -> Option<u64> {
    log.lines()
        .filter_map(|l| l.strip_prefix(key))
        .filter_map(|rest| rest.trim_start_matches(':').trim().parse().ok())
        .next_back()
}

fn fuzz_dir() -> PathBuf {
    util::root().join("core/fuzz")
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => util::root().join(d),
        None => util::root().join("target"),
    }
}

/// PATH with the tools cache first, so `cargo fuzz` finds the installed `cargo-fuzz`.
fn tools_path() -> std::ffi::OsString {
    let mut paths = vec![util::tools_dir().join("bin")];
    if let Some(p) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&p));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// The nightly toolchain and `cargo-fuzz` (into the tools cache) when missing.
fn ensure_tools() -> Result<(), String> {
    if !have_nightly() {
        util::run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    if !util::tools_dir().join("bin/cargo-fuzz").exists() {
        util::run(
            Command::new("cargo")
                .args(["install", "cargo-fuzz", "--locked", "--root"])
                .arg(util::tools_dir())
                .env("CARGO_TARGET_DIR", target_dir().join("tools")),
        )?;
    }
    Ok(())
}

/// Seeds a raw target's corpus with the input documents of the vectors of its operations (and, for the
/// policy, the books the vectors load and the embedded book); a target that picks the request type by
/// its first byte gets each document behind the byte of its type.
fn seed(corpus: &Path, seeds: &Seed) -> Result<(), String> {
    let mut docs: Vec<Vec<u8>> = Vec::new();
    match seeds {
        Seed::None => {}
        Seed::Ops(ops) => {
            for op in *ops {
                docs.extend(inputs(op)?.into_iter().map(String::into_bytes));
            }
        }
        Seed::Picked(types) => {
            for (pick, ops) in (0u8..).zip(types.iter()) {
                for op in *ops {
                    for d in inputs(op)? {
                        docs.push([&[pick], d.as_bytes()].concat());
                    }
                }
            }
        }
    }
    for (i, d) in docs.iter().enumerate() {
        let path = corpus.join(format!("seed-{i:04}.json"));
        std::fs::write(path, d).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The input documents of the vectors of `op` (and, for `validate_policy`, the books the vectors load and
/// the embedded book), as written.
fn inputs(op: &str) -> Result<Vec<String>, String> {
    let mut docs: Vec<String> = Vec::new();
    if op == "validate_policy" {
        let embedded = util::root().join("core/src/policy/embedded.json");
        docs.push(std::fs::read_to_string(embedded).map_err(|e| e.to_string())?);
    }
    for file in json_files(&util::root().join("tests/vectors")) {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Some(suite) = json::parse(&text) else {
            continue;
        };
        let suite_op = suite.get("op").and_then(|v| v.string());
        for case in suite.get("cases").map(|c| c.items()).unwrap_or_default() {
            let case_op = case.get("op").and_then(|v| v.string()).or(suite_op.clone());
            if op == "validate_policy" {
                if let Some(b) = case.get("book").filter(|b| !b.is_null()) {
                    docs.push(b.raw(&text).to_string());
                }
            }
            if case_op.as_deref() != Some(op) {
                continue;
            }
            if let Some(t) = case.get("input_text").and_then(|v| v.string()) {
                docs.push(t);
            } else if let Some(v) = case.get("input") {
                docs.push(v.raw(&text).to_string());
            }
        }
    }
    Ok(docs)
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(json_files(&p));
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Just enough JSON to pull the input documents out of the vector suites: values keep their byte span,
/// so an input document is seeded exactly as written.
mod json {
    pub enum Kind {
        Object(Vec<(String, Value)>),
        Array(Vec<Value>),
        Str(String),
        Null,
        Other,
    }

    pub struct Value {
        pub kind: Kind,
        pub start: usize,
        pub end: usize,
    }

    impl Value {
        pub fn get(&self, key: &str) -> Option<&Value> {
            match &self.kind {
                Kind::Object(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
                _ => None,
            }
        }
        pub fn items(&self) -> Vec<&Value> {
            match &self.kind {
                Kind::Array(a) => a.iter().collect(),
                _ => Vec::new(),
            }
        }
        pub fn string(&self) -> Option<String> {
            match &self.kind {
                Kind::Str(s) => Some(s.clone()),
                _ => None,
            }
        }
        pub fn is_null(&self) -> bool {
            matches!(self.kind, Kind::Null)
        }
        pub fn raw<'a>(&self, text: &'a str) -> &'a str {
            text.get(self.start..self.end).unwrap_or("")
        }
    }

    pub fn parse(text: &str) -> Option<Value> {
        let mut p = P {
            b: text.as_bytes(),
            i: 0,
        };
        let v = p.value()?;
        p.ws();
        (p.i == p.b.len()).then_some(v)
    }

    struct P<'a> {
        b: &'a [u8],
        i: usize,
    }

    impl P<'_> {
        fn ws(&mut self) {
            while self.b.get(self.i).is_some_and(|c| c.is_ascii_whitespace()) {
                self.i += 1;
            }
        }
        fn eat(&mut self, c: u8) -> Option<()> {
            self.ws();
            (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
        }
        fn value(&mut self) -> Option<Value> {
            self.ws();
            let start = self.i;
            let kind = match *self.b.get(self.i)? {
                b'{' => {
                    self.i += 1;
                    let mut m = Vec::new();
                    if self.eat(b'}').is_none() {
                        loop {
                            self.ws();
                            let k = self.string()?;
                            self.eat(b':')?;
                            m.push((k, self.value()?));
                            if self.eat(b',').is_none() {
                                self.eat(b'}')?;
                                break;
                            }
                        }
                    }
                    Kind::Object(m)
                }
                b'[' => {
                    self.i += 1;
                    let mut a = Vec::new();
                    if self.eat(b']').is_none() {
                        loop {
                            a.push(self.value()?);
                            if self.eat(b',').is_none() {
                                self.eat(b']')?;
                                break;
                            }
                        }
                    }
                    Kind::Array(a)
                }
                b'"' => Kind::Str(self.string()?),
                b'n' => {
                    self.i += 4;
                    Kind::Null
                }
                _ => {
                    while self.b.get(self.i).is_some_and(|c| {
                        !matches!(c, b',' | b'}' | b']') && !c.is_ascii_whitespace()
                    }) {
                        self.i += 1;
                    }
                    Kind::Other
                }
            };
            Some(Value {
                kind,
                start,
                end: self.i,
            })
        }
        fn string(&mut self) -> Option<String> {
            if self.b.get(self.i) != Some(&b'"') {
                return None;
            }
            self.i += 1;
            let mut out: Vec<u16> = Vec::new();
            let mut bytes: Vec<u8> = Vec::new();
            loop {
                let c = *self.b.get(self.i)?;
                self.i += 1;
                match c {
                    b'"' => break,
                    b'\\' => {
                        let e = *self.b.get(self.i)?;
                        self.i += 1;
                        let ch = match e {
                            b'n' => '\n',
                            b't' => '\t',
                            b'r' => '\r',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'u' => {
                                let hex =
                                    std::str::from_utf8(self.b.get(self.i..self.i + 4)?).ok()?;
                                self.i += 4;
                                flush(&mut bytes, &mut out);
                                out.push(u16::from_str_radix(hex, 16).ok()?);
                                continue;
                            }
                            other => other as char,
                        };
                        flush(&mut bytes, &mut out);
                        out.extend(ch.encode_utf16(&mut [0; 2]).iter());
                    }
                    _ => bytes.push(c),
                }
            }
            flush(&mut bytes, &mut out);
            Some(String::from_utf16_lossy(&out))
        }
    }

    fn flush(bytes: &mut Vec<u8>, out: &mut Vec<u16>) {
        if !bytes.is_empty() {
            out.extend(String::from_utf8_lossy(bytes).encode_utf16());
            bytes.clear();
        }
    }
}
