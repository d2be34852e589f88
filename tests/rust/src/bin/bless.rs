//! `cargo xtask vectors --bless`: recomputes every expected output after its hand checks pass.
//! Expected errors are never rewritten: they are written by hand. `bless wallet/` limits it to matching paths.

use gongji_conformance::{chain_state, run_case, suite_files, verify};
use serde_json::Value;

fn main() {
    // Optional arguments: only suites whose path contains one of them.
    let only: Vec<String> = std::env::args().skip(1).collect();
    let mut failed = false;
    for file in suite_files() {
        if !only.is_empty()
            && !only
                .iter()
                .any(|o| file.to_string_lossy().contains(o.as_str()))
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read suite");
        let mut suite: Value = serde_json::from_str(&text).expect("parse suite");
        let op = suite["op"].as_str().unwrap_or("").to_string();
        let Some(cases) = suite.get_mut("cases").and_then(Value::as_array_mut) else {
            continue;
        };
        let mut outputs: Vec<(String, Option<Value>)> = Vec::new();
        for i in 0..cases.len() {
            let name = format!(
                "{}::{}",
                file.display(),
                cases[i]["name"].as_str().unwrap_or("?")
            );
            if let Err(e) = chain_state(cases, &outputs, i) {
                eprintln!("{name}: {e}");
                failed = true;
                continue;
            }
            let outcome = run_case(&op, &cases[i]);
            let fails = verify(&name, &cases[i], &outcome);
            let ok = fails.is_empty();
            if !ok {
                eprintln!("{}", fails.join("\n"));
                failed = true;
            }
            let out = match outcome {
                Ok(o) => {
                    if ok && cases[i]["expect"].get("error").is_none() {
                        cases[i]["expect"]["output"] = o.clone();
                    }
                    Some(o)
                }
                Err(_) => None,
            };
            outputs.push((cases[i]["name"].as_str().unwrap_or("").to_string(), out));
        }
        let pretty = serde_json::to_string_pretty(&suite).expect("serialise") + "\n";
        if pretty != text {
            std::fs::write(&file, pretty).expect("write suite");
            eprintln!("blessed {}", file.display());
        }
    }
    if failed {
        eprintln!("bless: some checks failed; those cases kept their old outputs");
        std::process::exit(1);
    }
}
