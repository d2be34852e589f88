//! `cargo xtask test-spark [--bills N] [--runs R]`: batch settlement at scale (examples/spark). The
//! Python wheel settles a partitioned dataset of bills inside PySpark (local mode, offline), the CLI's
//! batch mode settles the same files on every core, and the totals per region must be equal to the cent.
//!
//! Installs what is missing: Java (Debian's OpenJDK 17, only when there is no `java`), a virtual
//! environment under the cache with PySpark pinned, the wheel (the one `test-mobile` just built when
//! called from `cargo xtask test`, else a fresh one), the CLI's release build.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{mobile, util};

/// PySpark from PyPI: the 3.5 line runs on Java 17 and Python 3.11.
const PYSPARK: &str = "pyspark==3.5.9";
/// The floor: at least 100 000 bills.
const DEFAULT_BILLS: &str = "100000";

/// The venv under the cache with PySpark installed (reused while its stamp names the same pin).
fn ensure_venv() -> Result<PathBuf, String> {
    let venv = util::cache_dir().join("spark-venv");
    let stamp = venv.join("installed.txt");
    let py = venv.join("bin/python");
    if py.exists() && fs::read_to_string(&stamp).is_ok_and(|s| s == PYSPARK) {
        return Ok(py);
    }
    if venv.exists() {
        fs::remove_dir_all(&venv).map_err(|e| format!("{}: {e}", venv.display()))?;
    }
    let py = mobile::make_venv(&venv)?;
    mobile::pip_install(&py, &[PYSPARK])?;
    fs::write(&stamp, PYSPARK).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(py)
}

/// The wheel: `test-mobile`'s when `reuse` (it was built moments ago in the same run), else a fresh one.
fn wheel(py: &Path, reuse: bool) -> Result<PathBuf, String> {
    if reuse {
        let built = fs::read_dir(mobile::python_wheels())
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "whl"));
        if let Some(path) = built {
            return Ok(path);
        }
    }
    mobile::build_wheel(py, &util::root().join("build/spark/wheels"))
}

/// `--bills N` and `--runs R`, with their defaults.
fn flags(rest: &[&str]) -> Result<(String, String), String> {
    let (mut bills, mut runs) = (DEFAULT_BILLS.to_string(), "1".to_string());
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        if value.parse::<u32>().map_or(true, |n| n == 0) {
            return Err(format!("{flag} {value}: a positive whole number is needed"));
        }
        match *flag {
            "--bills" => bills = value.to_string(),
            "--runs" => runs = value.to_string(),
            _ => return Err(format!("test-spark: unknown flag {flag}")),
        }
    }
    Ok((bills, runs))
}

/// Sets everything up, then runs examples/spark/run.py (which fails when the totals differ).
pub fn test(rest: &[&str], reuse_wheel: bool) -> Result<(), String> {
    let started = Instant::now();
    let (bills, runs) = flags(rest)?;
    if !util::have("java") {
        util::ensure_apt(&["openjdk-17-jdk-headless"])?;
    }
    let py = ensure_venv()?;
    let wheel = wheel(&py, reuse_wheel)?;
    let wheel = wheel.to_string_lossy();
    mobile::pip_install(&py, &["--no-deps", "--force-reinstall", &wheel])?;
    util::cargo(&["build", "--release", "-q", "-p", "gongji-cli"], &[])?;
    let cli = mobile::target_dir().join("release/gongji");
    let root = util::root();
    let example = root.join("examples/spark");
    util::run(
        Command::new(&py)
            .arg(example.join("run.py"))
            .arg("--cli")
            .arg(&cli)
            .args(["--bills", &bills, "--runs", &runs, "--work"])
            .arg(root.join("build/spark/work"))
            .current_dir(&example)
            .env_remove("PYTHONPATH")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("SPARK_LOCAL_IP", "127.0.0.1"),
    )?;
    eprintln!(
        "spark: {bills} bills settled by Spark and by the CLI, totals equal, in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
