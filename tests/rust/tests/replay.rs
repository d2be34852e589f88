//! Replays every conformance vector against the core: the hand checks, and the output bytes or the error
//! every other client compares, read back from the flat case file they replay.

use gongji_conformance::{
    check, compact, escape, flat, load_cases, load_suite, suite_files, suite_name, unescape, Case,
};
use serde_json::Value;

#[test]
fn every_vector_replays_identically() {
    let cases = load_cases().unwrap_or_else(|e| panic!("{e}"));
    let text = flat(&cases);
    let mut fails = Vec::new();
    let mut outputs = Vec::new();
    let mut count = 0;
    for (line, case) in text.lines().zip(&cases) {
        // What the other clients read is what the suites say.
        let read = Case::parse_line(line).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&read, case, "{line}");
        let got = read.run();
        if let Some(m) = read.expected.mismatch(&got) {
            fails.push(format!("{}: {m}", read.name));
        }
        outputs.push(got.ok());
        count += 1;
    }
    assert_eq!(count, cases.len(), "one line a case");

    // The hand checks, and `state_from` chains, against the core's output documents.
    let mut outputs = outputs.into_iter();
    for file in suite_files() {
        let suite = load_suite(&file).unwrap_or_else(|e| panic!("{e}"));
        let mut named: Vec<(&str, Value)> = Vec::new();
        for case in suite["cases"].as_array().into_iter().flatten() {
            let name = format!(
                "{}::{}",
                suite_name(&file),
                case["name"].as_str().unwrap_or("?")
            );
            let Some(out) = outputs.next().flatten() else {
                continue;
            };
            let out: Value = serde_json::from_str(&out).expect("the core writes JSON");
            if let Some(from) = case.get("state_from").and_then(Value::as_str) {
                let prior = named
                    .iter()
                    .find(|(n, _)| *n == from)
                    .map(|(_, o)| &o["state"]);
                assert_eq!(
                    prior,
                    Some(&case["input"]["state"]),
                    "{name}: input.state is not the output of {from}"
                );
            }
            fails.extend(check(&name, case, &out));
            named.push((case["name"].as_str().unwrap_or(""), out));
        }
    }
    assert!(
        fails.is_empty(),
        "{} of {count} cases failed:\n{}",
        fails.len(),
        fails.join("\n")
    );
    eprintln!("{count} vector cases replayed");
}

#[test]
fn columns_escape_and_read_back() {
    for s in [
        "",
        "a\tb",
        "\n",
        "  \n ",
        "\\ud800",
        "\\",
        "x\\ty",
        "\r\n\t\\n",
        "共济\u{feff}",
    ] {
        let e = escape(s);
        assert!(!e.contains(['\t', '\n', '\r']), "{e:?}");
        assert_eq!(unescape(&e), s);
    }
    assert_eq!(escape("a\\\tb\n"), "a\\\\\\tb\\n");
}

#[test]
fn a_line_holds_one_case() {
    let cases = load_cases().unwrap_or_else(|e| panic!("{e}"));
    let text = flat(&cases);
    assert_eq!(text.lines().count(), cases.len());
    for line in text.lines() {
        let cols = line.split('\t').count();
        assert!((7..=9).contains(&cols), "{line}");
    }
    // The case that sends blank text keeps its line feed.
    let blank = cases
        .iter()
        .find(|c| c.name == "errors/eligibility.json::blank_text")
        .expect("the blank_text case");
    assert_eq!(blank.input, "  \n ");
    assert!(blank.text);
    assert!(
        cases.iter().any(|c| !c.text),
        "no case with an input document"
    );
    // A document is sent as written, only compacted: 10^20 keeps its digits (not serde_json's 1e+20).
    let absurd = cases
        .iter()
        .find(|c| c.name == "errors/eligibility.json::sharer_count_absurd")
        .expect("the sharer_count_absurd case");
    assert!(absurd
        .input
        .ends_with(r#""beneficiary_sharers":100000000000000000000}"#));
    assert_eq!(
        compact("{ \"a\" : [1, 2e3],\n\t\"b\\\" c\": \" x \" }"),
        r#"{"a":[1,2e3],"b\" c":" x "}"#
    );
    assert!(text.contains(
        "errors/eligibility.json::blank_text\tcheck_eligibility\t\ttext\t  \\n \terror\t"
    ));
}

/// The calculator's entry (`json::invoke_calculator`, the npm package's `gongji/calculator`) gives every
/// vector of its operations exactly what `json::invoke` gives, and refuses every other operation as an
/// unknown one.
#[test]
fn the_calculator_entry_agrees_with_the_full_one() {
    use gongji_core::json::{invoke, invoke_calculator, CALCULATOR_OPERATIONS, OPERATIONS};
    use gongji_core::PolicyBook;
    let cases = load_cases().expect("the vectors load");
    let mut compared = 0;
    for case in &cases {
        let book = match &case.book {
            None => PolicyBook::embedded(),
            Some(text) => match PolicyBook::from_json(text) {
                Ok(book) => book,
                Err(_) => continue,
            },
        };
        let full = invoke(&book, &case.op, &case.input).map_err(|e| e.to_doc());
        let calculator = invoke_calculator(&book, &case.op, &case.input).map_err(|e| e.to_doc());
        if CALCULATOR_OPERATIONS.contains(&case.op.as_str())
            || !OPERATIONS.contains(&case.op.as_str())
        {
            assert_eq!(calculator, full, "{}", case.name);
            compared += 1;
        } else {
            let e = calculator.expect_err(&case.name);
            assert_eq!(
                (e.code.as_str(), e.field.as_str()),
                ("UNKNOWN_OPERATION", "op"),
                "{}",
                case.name
            );
        }
    }
    for op in CALCULATOR_OPERATIONS {
        assert!(
            OPERATIONS.contains(op),
            "{op} is an operation of the full entry"
        );
        assert!(cases.iter().any(|c| c.op == *op), "no vector of {op}");
    }
    assert!(compared > 100, "only {compared} cases compared");
}
