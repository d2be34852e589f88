//! Variants of a valid document, deterministic from a seed: the same document written other ways, and
//! broken ones (truncated, a character replaced, inserted or deleted, a value swapped, a key renamed or
//! repeated, a field removed, escapes in keys and strings).

use super::scan::{self, Kind, Tok};

/// A small xorshift generator: the variants are the same on every run and every machine.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A text to read, what was done to make it, and where (the byte offset a failure report centres on).
pub(super) struct Variant {
    pub kind: &'static str,
    pub text: String,
    pub at: usize,
    /// The form of the document edited (see [`forms`]); empty for the document as given.
    pub form: &'static str,
}

/// A document text with its tokens.
pub(super) struct Form {
    pub name: &'static str,
    pub text: String,
    pub toks: Vec<Tok>,
}

/// What a character of a document is replaced by, or what is inserted.
const CHARS: &[&str] = &[
    "\"", ",", "}", "]", "{", "[", ":", "1", "-", ".", "e", "E", "+", "0", "n", "t", "f", "\\",
    "/", " ", "\n", "\t", "x", "é", "中", "\u{1}",
];

/// What a value is replaced by: other types, numbers at and past the edges of the integer types and
/// of f64, escapes serde_json refuses or takes, literals that are not quite JSON.
const VALUES: &[&str] = &[
    "12.5",
    "-0",
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551616",
    "18446744073709551615",
    "-9223372036854775809",
    "-9223372036854775808",
    "4294967296",
    "4294967295",
    "65536",
    "256",
    "1e2",
    "-0.0",
    "0.1",
    "0.30000000000000004",
    "123456789012345678901234567890",
    "9007199254740993.0",
    "1.7976931348623157e308",
    "1.7976931348623159e308",
    "5e-324",
    "2.2250738585072011e-308",
    "1e23",
    "8.589973e9",
    "2.00000000000000011102230246251565404236316680908203125",
    "0",
    "-1",
    "1.0",
    "1E+2",
    "01",
    "1.",
    "-",
    "null",
    "true",
    "nul",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{\"a\": 1}",
    "\"x\"",
    "\"\"",
    "\"12.345\"",
    "\"1.00\"",
    "\"2025-07-01\"",
    "\"2025-07-01T08:00\"",
    r#""\u00e9\ud83d\ude00""#,
    r#""\ud800""#,
    r#""\ud800x""#,
    r#""\udfff""#,
    r#""a\\q""#,
    r#""a\q""#,
    r#""\u0000""#,
    r#""\uZZ""#,
];

/// White space put between tokens.
const SPACES: &[&str] = &[" ", "\n", "\t", "\r\n", "\n  ", "  ", "\n\n\t "];

fn form(name: &'static str, text: String) -> Form {
    let toks = scan::tokens(&text);
    Form { name, text, toks }
}

/// The document as written, compact, with white space between every token, and (when serde_json reads
/// it into a value) with its keys sorted, pretty and compact: sorted, `args` comes before `type`, so a
/// command's arguments are read into a buffer first.
pub(super) fn forms(text: &str, rng: &mut Rng) -> Vec<Form> {
    let toks = scan::tokens(text);
    let mut out = vec![
        form("compact", scan::rejoin(text, &toks, |_| "")),
        form("spaced", scan::rejoin(text, &toks, |_| *rng.pick(SPACES))),
    ];
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(text) {
        out.push(form("sorted", serde_json::to_string(&v).unwrap()));
        out.push(form(
            "sorted-pretty",
            serde_json::to_string_pretty(&v).unwrap(),
        ));
    }
    out.insert(
        0,
        Form {
            name: "as written",
            text: text.to_string(),
            toks,
        },
    );
    out
}

/// The whole text framed: a BOM, a leading `[`, text after the document, nothing, only white space.
pub(super) fn framings(text: &str) -> Vec<Variant> {
    let whole = |kind, text: String| Variant {
        kind,
        text,
        at: 0,
        form: "",
    };
    let end = |kind, text: String| Variant {
        at: text.len(),
        kind,
        text,
        form: "",
    };
    vec![
        whole("a BOM", format!("\u{feff}{text}")),
        whole("a leading [", format!("[{text}]")),
        whole("a leading [ after white space", format!(" \n[{text}")),
        end("trailing text", format!("{text}x")),
        end("trailing document", format!("{text}\n{text}")),
        end("trailing comma", format!("{text},")),
        end("trailing bracket", format!("{text}\n]")),
        end("trailing white space", format!("{text} \n\t\r\n")),
        end("trailing NUL", format!("{text}\u{0}")),
        whole("empty", String::new()),
        whole("only white space", " \n\t\r\n ".to_string()),
        whole("only a BOM", "\u{feff}".to_string()),
    ]
}

/// Prefixes of `text`: every one when it is short, else `count` at a stride (from a random phase).
pub(super) fn truncations(text: &str, short: usize, count: usize, rng: &mut Rng) -> Vec<Variant> {
    let ends: Vec<usize> = if text.len() <= short {
        (0..text.len()).collect()
    } else {
        let stride = text.len() / count.max(1);
        let phase = rng.below(stride);
        (0..count).map(|k| phase + k * stride).collect()
    };
    let mut out: Vec<Variant> = Vec::with_capacity(ends.len());
    for e in ends {
        let e = boundary(text, e);
        if out.last().is_some_and(|v| v.at == e) {
            continue;
        }
        out.push(Variant {
            kind: "truncated",
            text: text[..e].to_string(),
            at: e,
            form: "",
        });
    }
    out
}

/// One random broken variant of `f`.
pub(super) fn broken(f: &Form, rng: &mut Rng) -> Variant {
    let v = edit(f, rng);
    Variant { form: f.name, ..v }
}

fn edit(f: &Form, rng: &mut Rng) -> Variant {
    let (values, keys) = scan::values_and_keys(&f.toks);
    match rng.below(10) {
        0 => char_edit(f, rng, "a character replaced", 1),
        1 => char_edit(f, rng, "a character inserted", 0),
        2 => deleted(f, rng),
        3 | 4 if !values.is_empty() => swapped(f, rng, &values),
        5 if !keys.is_empty() => renamed(f, rng, &keys),
        6 if !keys.is_empty() => duplicated(f, rng, &keys),
        7 if !keys.is_empty() => removed(f, rng, &keys),
        8 | 9 => escaped(f, rng),
        _ => char_edit(f, rng, "a character replaced", 1),
    }
}

/// The largest char boundary at or before `i`.
fn boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn splice(kind: &'static str, text: &str, from: usize, to: usize, with: &str) -> Variant {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..from]);
    out.push_str(with);
    out.push_str(&text[to..]);
    Variant {
        kind,
        text: out,
        at: from,
        form: "",
    }
}

/// `remove` characters at a random place replaced by one of [`CHARS`].
fn char_edit(f: &Form, rng: &mut Rng, kind: &'static str, remove: usize) -> Variant {
    let from = boundary(&f.text, rng.below(f.text.len() + 1));
    let to = f.text[from..]
        .char_indices()
        .nth(remove)
        .map_or(f.text.len(), |(i, _)| from + i);
    let with = *rng.pick(CHARS);
    splice(kind, &f.text, from, to, with)
}

fn deleted(f: &Form, rng: &mut Rng) -> Variant {
    let from = boundary(&f.text, rng.below(f.text.len()));
    let len = f.text[from..].chars().next().map_or(0, char::len_utf8);
    splice("a character deleted", &f.text, from, from + len, "")
}

/// A value (a string one half the time) replaced by one of [`VALUES`].
fn swapped(f: &Form, rng: &mut Rng, values: &[usize]) -> Variant {
    let strings: Vec<usize> = values
        .iter()
        .copied()
        .filter(|&i| f.toks[i].kind == Kind::Str)
        .collect();
    let i = if !strings.is_empty() && rng.below(2) == 0 {
        *rng.pick(&strings)
    } else {
        *rng.pick(values)
    };
    let end = scan::value_end(&f.toks, i);
    let (from, to) = (f.toks[i].start, f.toks[end - 1].end);
    let with = *rng.pick(VALUES);
    splice("a value swapped", &f.text, from, to, with)
}

/// A key replaced by another key of the document, or by one that differs a little.
fn renamed(f: &Form, rng: &mut Rng, keys: &[usize]) -> Variant {
    let t = f.toks[*rng.pick(keys)];
    let other = f.toks[*rng.pick(keys)];
    let key = &f.text[t.start + 1..t.end - 1];
    let with = match rng.below(7) {
        0 | 1 => f.text[other.start..other.end].to_string(),
        2 => format!("\"{key}x\""),
        3 => format!("\"{}\"", key.to_uppercase()),
        4 => format!("\"{key}\\ud800\""),
        5 => format!("\"{key}\\u0000\""),
        _ => "\"\"".to_string(),
    };
    splice("a key renamed", &f.text, t.start, t.end, &with)
}

/// An entry written twice in a row, the copy after or before it.
fn duplicated(f: &Form, rng: &mut Rng, keys: &[usize]) -> Variant {
    let k = *rng.pick(keys);
    let end = scan::value_end(&f.toks, k + 2);
    let entry = scan::span(&f.text, &f.toks, k, end);
    if rng.below(2) == 0 {
        let at = f.toks[end - 1].end;
        splice("a key repeated", &f.text, at, at, &format!(", {entry}"))
    } else {
        let at = f.toks[k].start;
        splice("a key repeated", &f.text, at, at, &format!("{entry},\n"))
    }
}

/// An entry removed with the comma that separates it.
fn removed(f: &Form, rng: &mut Rng, keys: &[usize]) -> Variant {
    let k = *rng.pick(keys);
    let end = scan::value_end(&f.toks, k + 2);
    let t = &f.toks;
    let (from, to) = if t.get(end).is_some_and(|c| c.kind == Kind::Comma) {
        (t[k].start, t[end].end)
    } else if t[k - 1].kind == Kind::Comma {
        (t[k - 1].start, t[end - 1].end)
    } else {
        (t[k].start, t[end - 1].end)
    };
    splice("a field removed", &f.text, from, to, "")
}

/// A string or key with some of its ASCII characters written as `\u` escapes (`"\u0061mount"`), `/` as
/// `\/`.
fn escaped(f: &Form, rng: &mut Rng) -> Variant {
    let strings: Vec<&Tok> = f.toks.iter().filter(|t| t.kind == Kind::Str).collect();
    let Some(t) = strings.get(rng.below(strings.len())) else {
        return deleted(f, rng);
    };
    let body = &f.text[t.start + 1..t.end - 1];
    let upper = rng.below(2) == 0;
    let mut out = String::from("\"");
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.push(c);
            out.extend(chars.next());
        } else if c == '/' && rng.below(2) == 0 {
            out.push_str("\\/");
        } else if c.is_ascii_alphanumeric() && (out.len() == 1 || rng.below(3) == 0) {
            let hex = format!("\\u{:04x}", c as u32);
            out.push_str(&if upper {
                hex.to_uppercase().replace("\\U", "\\u")
            } else {
                hex
            });
        } else {
            out.push(c);
        }
    }
    out.push('"');
    splice("escapes in a string", &f.text, t.start, t.end, &out)
}
