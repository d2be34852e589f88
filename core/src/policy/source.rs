//! The embedded book as Rust source (P-2): `cargo xtask book` writes `embedded_data.rs` with
//! [`rust_source`], so that a process's (or a wasm instance's) first call builds the book from code
//! instead of parsing and validating its JSON. The book written is the one [`PolicyBook::from_json`]
//! loaded from `embedded.json`, so it passed P-3's validation.
//!
//! Every policy type is written once here: records by a macro that names their fields in a pattern (a
//! field added to a type stops the build until it is listed), [`Params`] by the `params!` table itself.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use super::{
    Band, BenefitRule, Dated, Extends, Grade, LayerFund, LayerRule, OptionalUse, OutOfAreaRule,
    PolicyBook, Region, ShareableSource, TransferLimits, VisitType, WalletModel,
};
use crate::money::{Money, Ratio};
use crate::person::{Kinship, RegionCode, Scheme};
use crate::time::{Date, TimeOfDay};

/// A value written as a Rust expression that builds it, in the scope of `embedded_data.rs`.
pub trait ToRust {
    fn to_rust(&self, out: &mut String);
}

impl ToRust for String {
    fn to_rust(&self, out: &mut String) {
        if self.is_empty() {
            out.push_str("String::new()");
        } else {
            // `{:?}` of a `str` is a Rust string literal (quotes and escapes).
            let _ = write!(out, "String::from({self:?})");
        }
    }
}

macro_rules! plain {
    ($($t:ty),*) => { $(
        impl ToRust for $t {
            fn to_rust(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )* };
}

plain!(bool, u8, u32);

/// Unit enums, by their derived `Debug` (the variant's name).
macro_rules! unit_enums {
    ($($t:ident),*) => { $(
        impl ToRust for $t {
            fn to_rust(&self, out: &mut String) {
                let _ = write!(out, "{}::{:?}", stringify!($t), self);
            }
        }
    )* };
}

unit_enums!(
    Grade,
    ShareableSource,
    WalletModel,
    OptionalUse,
    Extends,
    Kinship,
    Scheme,
    VisitType,
    LayerFund
);

impl ToRust for Money {
    fn to_rust(&self, out: &mut String) {
        let mut d = self.as_decimal();
        d.rescale(2);
        let _ = write!(out, "Money::from_valid_fen({})", d.mantissa());
    }
}

impl ToRust for Ratio {
    fn to_rust(&self, out: &mut String) {
        // The mantissa of a book's ratio fits a `u32`; one that did not would not compile.
        let d = self.as_decimal();
        let _ = write!(
            out,
            "Ratio::from_valid_units({}, {})",
            d.mantissa(),
            d.scale()
        );
    }
}

impl ToRust for Date {
    fn to_rust(&self, out: &mut String) {
        // `YYYY-MM-DD`: the day is the text's last two digits (the type has no day accessor).
        let text = self.to_string();
        let day: u8 = text.get(8..).and_then(|d| d.parse().ok()).unwrap_or(0);
        let _ = write!(
            out,
            "Date::from_valid_ymd({}, {}, {day})",
            self.year(),
            self.month()
        );
    }
}

impl ToRust for TimeOfDay {
    fn to_rust(&self, out: &mut String) {
        let _ = write!(out, "TimeOfDay::from_valid_minutes({})", self.minutes());
    }
}

impl ToRust for RegionCode {
    fn to_rust(&self, out: &mut String) {
        let _ = write!(
            out,
            "RegionCode::from_valid_digits(*b\"{}\")",
            self.as_str()
        );
    }
}

impl<T: ToRust> ToRust for Option<T> {
    fn to_rust(&self, out: &mut String) {
        match self {
            None => out.push_str("None"),
            Some(v) => {
                out.push_str("Some(");
                v.to_rust(out);
                out.push(')');
            }
        }
    }
}

impl<T: ToRust> ToRust for Vec<T> {
    fn to_rust(&self, out: &mut String) {
        if self.is_empty() {
            out.push_str("Vec::new()");
            return;
        }
        out.push_str("vec![\n");
        for v in self {
            v.to_rust(out);
            out.push_str(",\n");
        }
        out.push(']');
    }
}

/// Writes `name: value,` of a struct literal.
fn field(out: &mut String, name: &str, value: &impl ToRust) {
    out.push_str(name);
    out.push_str(": ");
    value.to_rust(out);
    out.push_str(",\n");
}

/// Records, as struct literals: the pattern names every field, so the build stops at a new one.
macro_rules! records {
    ($($t:ident $(<$g:ident>)? { $($f:ident),* $(,)? })*) => { $(
        impl$(<$g: ToRust>)? ToRust for $t$(<$g>)? {
            fn to_rust(&self, out: &mut String) {
                let $t { $($f),* } = self;
                out.push_str(concat!(stringify!($t), " {\n"));
                $( field(out, stringify!($f), $f); )*
                out.push('}');
            }
        }
    )* };
}

records! {
    Dated<T> { from, value, source, grade }
    TransferLimits { max_per_day, max_amount, quiet_from, quiet_until, return_at }
    BenefitRule {
        scheme, visits, levels, retired, deductible, later_deductible, ratio, bands, cap,
        outpatient_pool, grade,
    }
    Band { above, ratio }
    LayerRule { fund, scheme, visits, retired, threshold, ratio, bands, cap }
    OutOfAreaRule { filed, unfiled }
    Region { name, params }
}

/// What the generated file says of itself.
const HEADER: &str = "\
//! The embedded policy book (P-2) as Rust data. GENERATED by `cargo xtask book` from `embedded.json`
//! as `PolicyBook::from_json` loads and validates it (P-3); do not edit: change `embedded.json` and run
//! `cargo xtask book` (`cargo xtask book --check` fails while this file is stale).

";

/// Names the generated code may use, with the module each comes from.
const IMPORTS: &[(&str, &str)] = &[
    ("alloc::collections", "BTreeMap"),
    ("alloc::string", "String"),
    ("alloc", "vec"),
    ("alloc::vec", "Vec"),
    ("crate::money", "Money"),
    ("crate::money", "Ratio"),
    ("crate::person", "Kinship"),
    ("crate::person", "RegionCode"),
    ("crate::person", "Scheme"),
    ("crate::time", "Date"),
    ("crate::time", "TimeOfDay"),
    ("super", "Band"),
    ("super", "BenefitRule"),
    ("super", "Dated"),
    ("super", "Extends"),
    ("super", "Grade"),
    ("super", "LayerFund"),
    ("super", "LayerRule"),
    ("super", "OptionalUse"),
    ("super", "OutOfAreaRule"),
    ("super", "Params"),
    ("super", "PolicyBook"),
    ("super", "Region"),
    ("super", "ShareableSource"),
    ("super", "TransferLimits"),
    ("super", "VisitType"),
    ("super", "WalletModel"),
];

/// The source of `embedded_data.rs` for `book`: `pub(crate) fn book() -> PolicyBook`, with one
/// function for the national level and one for each region (unformatted; `cargo xtask book` runs
/// rustfmt on it).
pub fn rust_source(book: &PolicyBook) -> String {
    let PolicyBook {
        schema,
        version,
        extends,
        national,
        regions,
    } = book;
    // The regions go in one by one, in order: `BTreeMap::from` of an array sorts it first, and the
    // stable sort's code, monomorphised for the entries, took 0.7 KiB of the size-built module (brotli).
    let mut body =
        String::from("/// The embedded book (P-2).\npub(crate) fn book() -> PolicyBook {\n");
    body.push_str(if regions.is_empty() {
        "let regions = BTreeMap::new();\n"
    } else {
        "let mut regions = BTreeMap::new();\n"
    });
    for code in regions.keys() {
        body.push_str("regions.insert(");
        code.to_rust(&mut body);
        let _ = writeln!(body, ", region_{}());", code.as_str());
    }
    body.push_str("PolicyBook {\n");
    field(&mut body, "schema", schema);
    field(&mut body, "version", version);
    field(&mut body, "extends", extends);
    body.push_str("national: national(),\nregions,\n");
    body.push_str("}\n}\n\n/// The national baseline.\nfn national() -> Params {\n");
    national.to_rust(&mut body);
    body.push_str("\n}\n");
    for (code, region) in regions {
        let code = code.as_str();
        let _ = write!(body, "\n/// Region {code}.\nfn region_{code}() -> Region ");
        body.push_str("{\n");
        region.to_rust(&mut body);
        body.push_str("\n}\n");
    }
    with_imports(&body)
}

/// The opening brace, named so that no brace in a literal stands unmatched in a function body (tools
/// that pair braces line by line find where a function ends by them).
const OPEN_BRACE: char = '\u{7b}';

/// The generated file: its header, the imports `body` uses, and `body` indented.
fn with_imports(body: &str) -> String {
    let mut out = String::from(HEADER);
    for (module, name) in IMPORTS {
        let used = [
            format!("{name}::"),
            format!("{name} {OPEN_BRACE}"),
            format!("{name}!"),
        ]
        .iter()
        .any(|p| body.contains(p.as_str()));
        if used {
            let _ = writeln!(out, "use {module}::{name};");
        }
    }
    out.push('\n');
    indent(body, &mut out);
    out
}

/// Appends `code` with every line indented four spaces for each bracketed block it is in (a line that
/// opens more brackets than it closes opens one block, as `Some(vec![` does; one that closes more
/// ends one): the shape rustfmt gives, kept where rustfmt leaves an expression alone (a string literal
/// longer than a line).
fn indent(code: &str, out: &mut String) {
    let mut depth = 0usize;
    for line in code.lines() {
        let (opened, closed) = brackets(line);
        if closed > opened {
            depth = depth.saturating_sub(1);
        }
        if !line.is_empty() {
            out.extend(core::iter::repeat_n(' ', depth * 4));
        }
        out.push_str(line);
        out.push('\n');
        if opened > closed {
            depth += 1;
        }
    }
}

/// The opening and closing brackets of a line of generated code, outside its string literals.
fn brackets(line: &str) -> (usize, usize) {
    let (mut opened, mut closed, mut in_str, mut escaped) = (0, 0, false, false);
    for c in line.chars() {
        match (in_str, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => in_str = !in_str,
            (false, _, '(' | '[' | '{') => opened += 1,
            (false, _, ')' | ']' | '}') => closed += 1,
            _ => {}
        }
    }
    (opened, closed)
}
