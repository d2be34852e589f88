//! The tokens of a valid JSON text with their byte spans: enough to find the documents in the vector
//! files as they are written (key order and digits kept), to name the values, keys and entries a
//! variant changes, and to write a document again with other white space.

/// The brackets, named so that no brace in a byte literal stands unmatched in a function body.
pub(super) const OPEN_BRACE: u8 = 0x7B;
pub(super) const CLOSE_BRACE: u8 = 0x7D;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Str,
    /// A number, `true`, `false` or `null`.
    Scalar,
    Open,
    Close,
    Colon,
    Comma,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Tok {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// One `"key": value` of an object, as token indices: the key, the value's first token, and the token
/// after the value.
#[derive(Clone, Copy, Debug)]
pub(super) struct Entry {
    pub key: usize,
    pub value: usize,
    pub end: usize,
}

/// The tokens of `text` (read leniently: this is for texts that are valid JSON).
pub(super) fn tokens(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let kind = match b[i] {
            b' ' | b'\n' | b'\r' | b'\t' => {
                i += 1;
                continue;
            }
            OPEN_BRACE | b'[' => Kind::Open,
            CLOSE_BRACE | b']' => Kind::Close,
            b':' => Kind::Colon,
            b',' => Kind::Comma,
            b'"' => {
                // An unterminated string (in a malformed text) is no string: nothing edits inside it.
                let (end, closed) = string_end(b, i);
                i = end;
                let kind = if closed { Kind::Str } else { Kind::Scalar };
                out.push(Tok { kind, start, end });
                continue;
            }
            _ => {
                while i < b.len() && !is_delimiter(b[i]) {
                    i += 1;
                }
                out.push(Tok {
                    kind: Kind::Scalar,
                    start,
                    end: i,
                });
                continue;
            }
        };
        i += 1;
        out.push(Tok {
            kind,
            start,
            end: i,
        });
    }
    out
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b' ' | b'\n' | b'\r' | b'\t' | b',' | b':' | b'"' | b'[' | b']' | OPEN_BRACE | CLOSE_BRACE
    )
}

/// The index after the string whose opening quote is at `i`, and whether its closing quote was found.
fn string_end(b: &[u8], mut i: usize) -> (usize, bool) {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return (i + 1, true),
            _ => i += 1,
        }
    }
    (b.len(), false)
}

/// The index of the token after the value whose first token is `i`.
pub(super) fn value_end(toks: &[Tok], i: usize) -> usize {
    if toks[i].kind != Kind::Open {
        return i + 1;
    }
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(i) {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// The entries of the object whose `{` is token `i`.
pub(super) fn entries(toks: &[Tok], i: usize) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut j = i + 1;
    while j + 2 < toks.len() && toks[j].kind == Kind::Str && toks[j + 1].kind == Kind::Colon {
        let end = value_end(toks, j + 2);
        out.push(Entry {
            key: j,
            value: j + 2,
            end,
        });
        if toks.get(end).map(|t| t.kind) != Some(Kind::Comma) {
            break;
        }
        j = end + 1;
    }
    out
}

/// The first token of each element of the array whose `[` is token `i`.
pub(super) fn elements(toks: &[Tok], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = i + 1;
    while j < toks.len() && toks[j].kind != Kind::Close {
        out.push(j);
        j = value_end(toks, j);
        if toks.get(j).map(|t| t.kind) == Some(Kind::Comma) {
            j += 1;
        }
    }
    out
}

/// The first token of every value below the root, and of every key (`is_key`).
pub(super) fn values_and_keys(toks: &[Tok]) -> (Vec<usize>, Vec<usize>) {
    let (mut values, mut keys) = (Vec::new(), Vec::new());
    for (i, t) in toks.iter().enumerate().skip(1) {
        let prev = toks[i - 1].kind;
        let is_key = t.kind == Kind::Str
            && toks.get(i + 1).map(|n| n.kind) == Some(Kind::Colon)
            && i + 2 < toks.len();
        if is_key {
            keys.push(i);
        } else if matches!(t.kind, Kind::Str | Kind::Scalar | Kind::Open)
            && matches!(prev, Kind::Colon | Kind::Comma | Kind::Open)
        {
            values.push(i);
        }
    }
    (values, keys)
}

/// The text of tokens `from..to`.
pub(super) fn span<'a>(text: &'a str, toks: &[Tok], from: usize, to: usize) -> &'a str {
    &text[toks[from].start..toks[to - 1].end]
}

/// The tokens written again, with `sep(i)` between token `i - 1` and token `i`.
pub(super) fn rejoin(
    text: &str,
    toks: &[Tok],
    mut sep: impl FnMut(usize) -> &'static str,
) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, t) in toks.iter().enumerate() {
        out.push_str(sep(i));
        out.push_str(&text[t.start..t.end]);
    }
    out.push_str(sep(toks.len()));
    out
}

/// The string a JSON string token stands for (`None` if it is not one serde_json reads).
pub(super) fn unquote(raw: &str) -> Option<String> {
    serde_json::from_str(raw).ok()
}
