//! `cargo xtask test-host`: the reference host (examples/host, its own cargo workspace): clippy, its tests
//! on SQLite, then a short load-and-kill run on PostgreSQL and on SQLite (the long run is in HOST.md).
//! Its target dir is under the cache, so CI's fresh clones reuse the build.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::util;

/// `$CARGO_TARGET_DIR/host`, else `$GONGJI_CACHE/target-host`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) => PathBuf::from(t).join("host"),
        None => util::cache_dir().join("target-host"),
    }
}

/// Debian's `postgresql` unless an `initdb` is already there.
fn ensure_postgres() -> Result<(), String> {
    let packaged = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.flatten().any(|e| e.path().join("bin/initdb").exists()))
        .unwrap_or(false);
    if packaged || util::have("initdb") {
        return Ok(());
    }
    util::ensure_apt(&["postgresql"])
}

/// `cargo SUBCOMMAND --manifest-path examples/host/Cargo.toml ARGS…` with the host's target dir.
fn cargo_host(args: &[&str]) -> Result<(), String> {
    let manifest = util::root().join("examples/host/Cargo.toml");
    util::run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .arg(args[0])
            .arg("--manifest-path")
            .arg(&manifest)
            .args(&args[1..])
            .env("CARGO_TARGET_DIR", target_dir()),
    )
}

/// A short run: 200 families, 32 clients, SIGKILLs, on one store.
fn load(store: &str, seconds: &str) -> Result<(), String> {
    let exe = target_dir().join("debug/load");
    util::run(Command::new(exe).args([
        "--store",
        store,
        "--families",
        "200",
        "--clients",
        "32",
        "--seconds",
        seconds,
        "--kill",
    ]))
}

pub fn test() -> Result<(), String> {
    let started = Instant::now();
    ensure_postgres()?;
    cargo_host(&["clippy", "-q", "--all-targets", "--", "-D", "warnings"])?;
    cargo_host(&["test", "-q"])?;
    cargo_host(&["build", "-q", "--bins"])?;
    load("postgres", "15")?;
    load("sqlite", "10")?;
    eprintln!(
        "host: tests and load runs (PostgreSQL, SQLite) in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
