//! `gongji`: the command line over the JSON documents of gongji-core.
//!
//! ```text
//! gongji eligibility [FILE|-] [--book BOOK.json]   check_eligibility
//! gongji apply       [FILE|-] [--book BOOK.json]   wallet ledger: {state, command, now}
//! gongji settle      [FILE|-] [--book BOOK.json]   settle a bill
//! gongji reverse     [FILE|-] [--book BOOK.json]   reverse a settlement
//! gongji policy print | validate FILE               the embedded book / check a book
//! gongji demo [--lang en]                           the worked example of 小明's family
//! ```
//! Output is JSON on stdout. Bad input: exit code 2 and the error document on stderr.

mod demo;

use std::io::Read;
use std::process::ExitCode;

use gongji_core::json::invoke;
use gongji_core::{Error, PolicyBook};

const USAGE: &str = "usage: gongji <eligibility|apply|settle|reverse> [FILE|-] [--book BOOK.json]
       gongji policy print | gongji policy validate FILE
       gongji demo [--lang zh|en]";

/// A failure: input errors print their JSON document and exit 2; usage and I/O errors exit 1.
enum Fail {
    Input(Error),
    Usage(String),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Input(e)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(Fail::Input(e)) => {
            eprintln!("{}", gongji_core::json::to_json(&e.to_doc()));
            ExitCode::from(2)
        }
        Err(Fail::Usage(msg)) => {
            eprintln!("gongji: {msg}\n{USAGE}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<String, Fail> {
    let (cmd, rest) = args
        .split_first()
        .ok_or_else(|| Fail::Usage("no command".into()))?;
    match cmd.as_str() {
        "eligibility" | "apply" | "settle" | "reverse" => {
            let op = if cmd == "eligibility" {
                "check_eligibility"
            } else {
                cmd.as_str()
            };
            let (file, book) = parse_io_args(rest)?;
            let book = match book {
                Some(path) => PolicyBook::from_json(&read(&path)?)?,
                None => PolicyBook::embedded(),
            };
            Ok(invoke(&book, op, &read(file.as_deref().unwrap_or("-"))?)?)
        }
        "policy" => match rest.first().map(String::as_str) {
            Some("print") | None => Ok(gongji_core::policy::EMBEDDED_JSON.trim_end().to_string()),
            Some("validate") => {
                let path = rest
                    .get(1)
                    .ok_or_else(|| Fail::Usage("policy validate needs a FILE".into()))?;
                Ok(invoke(
                    &PolicyBook::embedded(),
                    "validate_policy",
                    &read(path)?,
                )?)
            }
            Some(other) => Err(Fail::Usage(format!("unknown policy command {other}"))),
        },
        "demo" => {
            let lang = match rest {
                [] => demo::Lang::Zh,
                [flag, l] if flag == "--lang" && l == "zh" => demo::Lang::Zh,
                [flag, l] if flag == "--lang" && l == "en" => demo::Lang::En,
                _ => return Err(Fail::Usage("demo takes --lang zh|en".into())),
            };
            Ok(demo::run(lang)?)
        }
        "-h" | "--help" | "help" => Ok(USAGE.to_string()),
        other => Err(Fail::Usage(format!("unknown command {other}"))),
    }
}

fn parse_io_args(rest: &[String]) -> Result<(Option<String>, Option<String>), Fail> {
    let mut file = None;
    let mut book = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        if a == "--book" {
            book = Some(
                it.next()
                    .ok_or_else(|| Fail::Usage("--book needs a file".into()))?
                    .clone(),
            );
        } else if file.is_none() {
            file = Some(a.clone());
        } else {
            return Err(Fail::Usage(format!("unexpected argument {a}")));
        }
    }
    Ok((file, book))
}

fn read(path: &str) -> Result<String, Fail> {
    let mut s = String::new();
    if path == "-" {
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Fail::Usage(format!("stdin: {e}")))?;
    } else {
        s = std::fs::read_to_string(path).map_err(|e| Fail::Usage(format!("{path}: {e}")))?;
    }
    Ok(s)
}
