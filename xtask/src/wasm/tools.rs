//! Tools the web build runs: the wasm-bindgen CLI pinned to Cargo.lock, the npm packages of
//! `tests/node/package-lock.json`, and node itself.

use std::path::PathBuf;
use std::process::Command;

use super::{read, read_text, write};
use crate::util;

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
pub(super) fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
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
pub(super) fn ensure_npm_tools() -> Result<PathBuf, String> {
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

/// Runs node with a script, returning its stdout.
pub(super) fn node_output(args: &[&str]) -> Result<String, String> {
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
