//! Writes the flat case file every client but Rust replays (tests/vectors/README.md, "The flat case
//! file") and prints its path: `cases` writes `vectors/cases.tsv` in the build folder, `cases PATH`
//! writes PATH, `cases -` prints the file itself.

use gongji_conformance::{cases_path, flat, load_cases, write_cases};

fn main() {
    let text = match load_cases() {
        Ok(cases) => flat(&cases),
        Err(e) => {
            eprintln!("cases: {e}");
            std::process::exit(1);
        }
    };
    let path = match std::env::args().nth(1) {
        Some(dash) if dash == "-" => {
            print!("{text}");
            return;
        }
        Some(path) => path.into(),
        None => cases_path(),
    };
    if let Err(e) = write_cases(&path, &text) {
        eprintln!("cases: {e}");
        std::process::exit(1);
    }
    println!("{}", path.display());
}
