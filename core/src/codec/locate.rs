//! The JSON path (`items[2].amount`) at a byte offset of a document's text.
//!
//! `parse_doc` reads with the crate's reader (`read`) and, only when reading fails, walks the text up to
//! the byte the reader stopped at (the byte serde_json would name) to name the field. This keeps one
//! copy of every document's deserializer in the binary (a path-tracking wrapper would add a second
//! one), which matters for the wasm package.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::read::{CLOSE_BRACE, OPEN_BRACE};

enum Frame {
    /// An object: the key whose value is being read, and whether that value is complete.
    Object { key: Option<String>, done: bool },
    /// An array: the element index, and whether that element is complete.
    Array {
        index: usize,
        started: bool,
        done: bool,
    },
}

/// Byte offset just past the last character serde_json consumed, from its 1-based line and column.
#[cfg(any(test, feature = "reference-reader"))]
pub(crate) fn offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// The path of the value being read when the parser stopped at `end` (exclusive of the last consumed byte).
pub(crate) fn path_at(text: &str, end: usize) -> String {
    let bytes = text.as_bytes();
    let stop = end.saturating_sub(1).min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < stop {
        match bytes[i] {
            OPEN_BRACE | b'[' => open(&mut stack, bytes[i]),
            CLOSE_BRACE | b']' => {
                stack.pop();
                finish_value(&mut stack);
            }
            b',' => next_entry(&mut stack),
            b'"' => {
                let (s, closed, next) = string_at(bytes, i + 1, stop);
                let is_key = matches!(stack.last(), Some(Frame::Object { key: None, .. }));
                if is_key {
                    if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                        *key = Some(s);
                    }
                    if !closed {
                        return render(&stack, true);
                    }
                } else {
                    start_value(&mut stack);
                    if !closed {
                        return render(&stack, false);
                    }
                    finish_value(&mut stack);
                }
                i = next;
                continue;
            }
            b if b.is_ascii_whitespace() || b == b':' => {}
            _ => {
                // A number or literal: read to its end. It is complete only if it ends before the stop.
                start_value(&mut stack);
                let mut j = i;
                while j < bytes.len()
                    && !matches!(bytes[j], b',' | CLOSE_BRACE | b']')
                    && !bytes[j].is_ascii_whitespace()
                {
                    j += 1;
                }
                if j > stop {
                    return render(&stack, false);
                }
                finish_value(&mut stack);
                i = j;
                continue;
            }
        }
        i += 1;
    }
    render(&stack, false)
}

/// `{` or `[`: a value starts in the enclosing frame, and a new frame opens.
fn open(stack: &mut Vec<Frame>, bracket: u8) {
    start_value(stack);
    stack.push(if bracket == OPEN_BRACE {
        Frame::Object {
            key: None,
            done: false,
        }
    } else {
        Frame::Array {
            index: 0,
            started: false,
            done: false,
        }
    });
}

/// `,`: the next key of an object, the next element of an array.
fn next_entry(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Object { key, done }) => {
            *key = None;
            *done = false;
        }
        Some(Frame::Array {
            index,
            started,
            done,
        }) => {
            *index += 1;
            *started = false;
            *done = false;
        }
        None => {}
    }
}

fn start_value(stack: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = stack.last_mut() {
        *started = true;
    }
}

fn finish_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Object { done, .. }) | Some(Frame::Array { done, .. }) => *done = true,
        None => {}
    }
}

/// Reads a string body from `i`; returns (decoded text, whether it closed before `stop`, index after it).
fn string_at(bytes: &[u8], mut i: usize, stop: usize) -> (String, bool, usize) {
    let start = i;
    while i < stop {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return (unescape(&bytes[start..i]), true, i + 1),
            _ => i += 1,
        }
    }
    (unescape(&bytes[start..stop.min(bytes.len())]), false, i)
}

/// Keys in documents are plain; escapes are kept as written, which is how they would be shown anyway.
fn unescape(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

/// `a.b[2].c`. The innermost key or index counts only while its value is still being read.
fn render(stack: &[Frame], in_key: bool) -> String {
    let mut out = String::new();
    let last = stack.len().saturating_sub(1);
    for (depth, frame) in stack.iter().enumerate() {
        let inner = depth == last;
        match frame {
            Frame::Object { key: Some(k), done } if !inner || in_key || !done => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Array {
                index,
                started,
                done,
            } if !inner || (*started && !done) => {
                out.push_str(&format!("[{index}]"));
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, needle: &str) -> String {
        // Position serde_json would report: just past the needle.
        let end = text.find(needle).unwrap() + needle.len();
        path_at(text, end)
    }

    #[test]
    fn paths_of_values_keys_and_missing_fields() {
        let t =
            r#"{"command": {"type": "grant", "args": {"relationship": "R1", "amount": "12.345"}}}"#;
        assert_eq!(at(t, r#""12.345""#), "command.args.amount");
        assert_eq!(at(t, r#""grant""#), "command.type");
        // A missing field is reported at the closing brace: the object's path.
        assert_eq!(at(t, r#""12.345"}"#), "command.args");
        let t = r#"{"items": [{"amount": "1.00"}, {"amount": "2", "x": 1}]}"#;
        assert_eq!(at(t, r#""x""#), "items[1].x");
        assert_eq!(at(t, r#""2""#), "items[1].amount");
        assert_eq!(at(t, "1}"), "items[1]");
        assert_eq!(at(t, "]}"), "");
    }

    #[test]
    fn numbers_and_truncated_text() {
        let t = r#"{"state": {"seq": -1}, "now": 12.5}"#;
        assert_eq!(at(t, "-1"), "state.seq");
        assert_eq!(at(t, "12.5"), "now");
        let t = r#"{"date": "2025-07-01", "mode": "#;
        assert_eq!(path_at(t, t.len() + 1), "mode");
        let t = r#"{"command": {"type": "tick""#;
        assert_eq!(path_at(t, t.len() + 1), "command");
    }

    #[test]
    fn offsets_from_lines() {
        let t = "{\n  \"a\": 1\n}";
        assert_eq!(offset(t, 2, 8), 10);
        assert_eq!(offset(t, 9, 1), t.len());
    }
}
