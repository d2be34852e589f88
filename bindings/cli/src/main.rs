//! `gongji`: the command line over the JSON documents of gongji-core.
//!
//! Every operation of the core is a subcommand that reads one JSON document (a file or stdin) and writes one
//! (`gongji help` lists them; `gongji settle --help` explains one). `--lines` turns a subcommand into a batch
//! over JSON Lines: one document a line in, one tagged result a line out. The CLI converts text and exit
//! codes, nothing else: every rule lives in the core.

mod args;
mod demo;
mod pretty;

use std::io::{BufRead, Write};
use std::process::ExitCode;

use gongji_core::json::{invoke, to_json};
use gongji_core::{Error, PolicyBook};

use args::{Cli, Io, Op};

/// Exit statuses, as `gongji --help` documents them.
const EXIT_INPUT: u8 = 2;
const EXIT_USAGE: u8 = 1;

/// A failure: refused input prints its error document on stderr and exits 2; usage and I/O errors exit 1.
#[derive(Debug)]
enum Fail {
    Input(Error),
    Usage(String),
    Io(String),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Input(e)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut out = std::io::stdout().lock();
    let status = match args::parse(&args) {
        Ok(cli) => run(cli, &mut out),
        Err(msg) => Err(Fail::Usage(msg)),
    };
    match status {
        Ok(code) => ExitCode::from(code),
        // A reader that closed the pipe early (`gongji demo | head -1`) is not an error.
        Err(Fail::Io(msg)) if msg == BROKEN_PIPE => ExitCode::SUCCESS,
        Err(Fail::Input(e)) => {
            eprintln!("{}", to_json(&e.to_doc()));
            ExitCode::from(EXIT_INPUT)
        }
        Err(Fail::Usage(msg)) => {
            eprintln!("gongji: {msg}\n{}", args::USAGE);
            ExitCode::from(EXIT_USAGE)
        }
        Err(Fail::Io(msg)) => {
            eprintln!("gongji: {msg}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

const BROKEN_PIPE: &str = "broken pipe";

/// Writes one line of output; a closed pipe becomes [`BROKEN_PIPE`].
fn emit(out: &mut impl Write, text: &str) -> Result<(), Fail> {
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Fail::Io(BROKEN_PIPE.into()),
            _ => Fail::Io(format!("stdout: {e}")),
        })
}

fn run(cli: Cli, out: &mut impl Write) -> Result<u8, Fail> {
    match cli {
        Cli::Help(text) => emit(out, &text).map(|()| 0),
        Cli::Version => emit(out, &format!("gongji {}", env!("CARGO_PKG_VERSION"))).map(|()| 0),
        Cli::PolicyPrint => emit(out, gongji_core::policy::EMBEDDED_JSON.trim_end()).map(|()| 0),
        Cli::Demo(lang) => emit(out, &demo::run(lang)?).map(|()| 0),
        Cli::Op(op, io) => run_op(op, &io, out),
    }
}

fn run_op(op: Op, io: &Io, out: &mut impl Write) -> Result<u8, Fail> {
    let book = match &io.book {
        Some(path) => PolicyBook::from_json(&read(path)?)?,
        None => PolicyBook::embedded(),
    };
    let format = |text: String| {
        if io.pretty {
            pretty::indent(&text)
        } else {
            text
        }
    };
    if !io.lines {
        let input = read(io.file.as_deref().unwrap_or("-"))?;
        let output = invoke(&book, op.name(), &input)?;
        return emit(out, &format(output)).map(|()| 0);
    }
    // JSON Lines: each non-blank line is a document; each result names its line (1-based).
    let mut failed = false;
    for (n, line) in lines(io.file.as_deref().unwrap_or("-"))?.enumerate() {
        let line = line.map_err(|e| Fail::Io(format!("input line {}: {e}", n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = match invoke(&book, op.name(), &line) {
            Ok(doc) => format!("{{\"line\":{},\"output\":{doc}}}", n + 1),
            Err(e) => {
                failed = true;
                format!("{{\"line\":{},\"error\":{}}}", n + 1, to_json(&e.to_doc()))
            }
        };
        emit(out, &format(result))?;
    }
    Ok(if failed { EXIT_INPUT } else { 0 })
}

fn read(path: &str) -> Result<String, Fail> {
    if path == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| Fail::Io(format!("stdin: {e}")))?;
        return Ok(s);
    }
    std::fs::read_to_string(path).map_err(|e| Fail::Io(format!("{path}: {e}")))
}

fn lines(path: &str) -> Result<Box<dyn Iterator<Item = std::io::Result<String>>>, Fail> {
    if path == "-" {
        return Ok(Box::new(std::io::stdin().lock().lines()));
    }
    let file = std::fs::File::open(path).map_err(|e| Fail::Io(format!("{path}: {e}")))?;
    Ok(Box::new(std::io::BufReader::new(file).lines()))
}
