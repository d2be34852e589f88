//! Replays every conformance vector against the core: checks, errors and byte-identical outputs.

use gongji_conformance::{canonical, run_case, suite_files, verify, Outcome};
use serde_json::Value;

#[test]
fn every_vector_replays_identically() {
    let mut fails = Vec::new();
    let mut count = 0;
    for file in suite_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let suite: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(suite["schema"], "gongji-vectors/1", "{}", file.display());
        let op = suite["op"].as_str().unwrap_or("");
        let cases = suite["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no cases", file.display()));
        assert!(!cases.is_empty(), "{}: empty suite", file.display());
        let mut outputs: Vec<(String, Value)> = Vec::new();
        for case in cases {
            let name = format!(
                "{}::{}",
                file.file_name().unwrap().to_string_lossy(),
                case["name"].as_str().unwrap_or("?")
            );
            if let Some(from) = case.get("state_from").and_then(Value::as_str) {
                let prior = outputs
                    .iter()
                    .find(|(n, _)| n == from)
                    .map(|(_, o)| canonical(&o["state"]));
                assert_eq!(
                    prior,
                    Some(canonical(&case["input"]["state"])),
                    "{name}: input.state is not the output of {from}"
                );
            }
            let outcome = run_case(op, case);
            if let Outcome::Output(o) = &outcome {
                outputs.push((case["name"].as_str().unwrap_or("").to_string(), o.clone()));
            }
            fails.extend(verify(&name, case, &outcome, false));
            count += 1;
        }
    }
    assert!(count > 0, "no vectors found");
    assert!(
        fails.is_empty(),
        "{} of {count} cases failed:\n{}",
        fails.len(),
        fails.join("\n")
    );
    eprintln!("{count} vector cases replayed");
}
