//! The text under the reader: whitespace, literals, strings and numbers, and the syntax errors, each at
//! the byte serde_json names (its `error` is at the current byte, its `peek_error` one further), so that
//! the message and the JSON path of a refused document stay what they were.

use alloc::vec::Vec;

use super::error::{ReadError, Syntax};
use super::pow10::POW10;

pub(crate) type Res<T> = Result<T, ReadError>;

/// The object brackets, named so that no brace in a byte literal stands unmatched in a function body
/// (line-based tools pair braces to find where a function ends).
pub(crate) const OPEN_BRACE: u8 = 0x7B;
pub(crate) const CLOSE_BRACE: u8 = 0x7D;

/// A number as serde_json's parser gives it to a visitor.
#[derive(Clone, Copy)]
pub(crate) enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// A string's text: borrowed from the document, or unescaped into the reader's scratch space.
pub(crate) enum Str<'de, 's> {
    Borrowed(&'de str),
    Copied(&'s str),
}

/// The document and the reader's place in it.
pub(crate) struct Lexer<'de> {
    pub(crate) text: &'de str,
    pub(crate) index: usize,
    scratch: Vec<u8>,
}

/// The first byte at or after `i` that ends a string's plain run: a quote, a backslash or a control
/// byte (or the end). Eight bytes at a time, as serde_json does (Mycroft's zero-byte test: a byte is
/// flagged only at or above a true match, so the lowest flag is the first match).
#[inline]
fn plain_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let control = x.wrapping_sub(ONES * 0x20) & !x;
        let q = x ^ (ONES * u64::from(b'"'));
        let quote = q.wrapping_sub(ONES) & !q;
        let b = x ^ (ONES * u64::from(b'\\'));
        let backslash = b.wrapping_sub(ONES) & !b;
        let found = (control | quote | backslash) & HIGH;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// serde_json's guard on `a * 10 + b` overflowing `c`.
fn overflows(a: u64, b: u64, c: u64) -> bool {
    a >= c / 10 && (a > c / 10 || b > c % 10)
}

impl<'de> Lexer<'de> {
    pub(crate) fn new(text: &'de str) -> Self {
        Lexer {
            text,
            index: 0,
            scratch: Vec::new(),
        }
    }

    #[inline]
    pub(crate) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.index).copied()
    }

    fn peek_or_null(&self) -> u8 {
        self.peek().unwrap_or(0)
    }

    #[inline]
    pub(crate) fn eat(&mut self) {
        self.index += 1;
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.index += 1;
        Some(b)
    }

    /// An error at the current byte (serde_json's `error`).
    #[cold]
    pub(crate) fn error(&self, code: Syntax) -> ReadError {
        ReadError::syntax(code, self.index)
    }

    /// An error at the byte after the current one (serde_json's `peek_error`).
    #[cold]
    pub(crate) fn peek_error(&self, code: Syntax) -> ReadError {
        ReadError::syntax(code, (self.index + 1).min(self.text.len()))
    }

    /// The first byte that is not whitespace, not consumed.
    #[inline]
    pub(crate) fn whitespace(&mut self) -> Option<u8> {
        // Compact text has none: every whitespace byte is at most a space.
        match self.peek() {
            Some(b) if b > b' ' => Some(b),
            _ => self.skip_whitespace(),
        }
    }

    fn skip_whitespace(&mut self) -> Option<u8> {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\t' | b'\r') => self.eat(),
                other => return other,
            }
        }
    }

    /// The first byte of a value, not consumed.
    pub(crate) fn value_start(&mut self) -> Res<u8> {
        self.whitespace()
            .ok_or_else(|| self.peek_error(Syntax::EofWhileParsingValue))
    }

    /// The rest of `null`, `true` or `false`, after its first byte.
    pub(crate) fn ident(&mut self, rest: &[u8]) -> Res<()> {
        for expected in rest {
            match self.next() {
                None => return Err(self.error(Syntax::EofWhileParsingValue)),
                Some(b) if b != *expected => return Err(self.error(Syntax::ExpectedSomeIdent)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// A string's body, after its opening quote; the closing quote is consumed.
    #[inline]
    pub(crate) fn string(&mut self) -> Res<Str<'de, '_>> {
        let start = self.index;
        let end = plain_end(self.text.as_bytes(), start);
        if self.text.as_bytes().get(end) == Some(&b'"') {
            self.index = end + 1;
            let text: &'de str = self.text;
            // Both ends are at ASCII bytes (a quote), so at character boundaries.
            return Ok(Str::Borrowed(text.get(start..end).unwrap_or("")));
        }
        self.escaped_string(start)
    }

    /// A string with an escape, or broken: unescaped into the scratch space (serde_json's
    /// `parse_str_bytes`).
    #[cold]
    #[inline(never)]
    fn escaped_string(&mut self, mut start: usize) -> Res<Str<'de, '_>> {
        let bytes = self.text.as_bytes();
        self.scratch.clear();
        loop {
            self.index = plain_end(bytes, self.index);
            match self.peek() {
                None => return Err(self.error(Syntax::EofWhileParsingString)),
                Some(b'"') => {
                    let end = self.index;
                    self.index += 1;
                    return self.finish_string(start, end);
                }
                Some(b'\\') => {
                    self.scratch
                        .extend_from_slice(bytes.get(start..self.index).unwrap_or(&[]));
                    self.index += 1;
                    self.escape()?;
                    start = self.index;
                }
                Some(_) => {
                    self.index += 1;
                    return Err(self.error(Syntax::ControlCharacterWhileParsingString));
                }
            }
        }
    }

    /// The string from `start` to the closing quote at `end`: borrowed if it had no escape.
    fn finish_string(&mut self, start: usize, end: usize) -> Res<Str<'de, '_>> {
        let text: &'de str = self.text;
        if self.scratch.is_empty() {
            // Both ends are at ASCII bytes (a quote), so at character boundaries.
            return Ok(Str::Borrowed(text.get(start..end).unwrap_or("")));
        }
        self.scratch
            .extend_from_slice(text.as_bytes().get(start..end).unwrap_or(&[]));
        // The document is text and every escape pushes a whole character: never invalid.
        core::str::from_utf8(&self.scratch)
            .map(Str::Copied)
            .map_err(|_| self.error(Syntax::InvalidEscape))
    }

    /// One escape, after its backslash (serde_json's `parse_escape`).
    fn escape(&mut self) -> Res<()> {
        let pushed = match self.next() {
            None => return Err(self.error(Syntax::EofWhileParsingString)),
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => b'\x08',
            Some(b'f') => b'\x0c',
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => return self.unicode_escape(),
            Some(_) => return Err(self.error(Syntax::InvalidEscape)),
        };
        self.scratch.push(pushed);
        Ok(())
    }

    /// `\uXXXX`, and its trailing surrogate when it is a leading one; lone surrogates are refused.
    #[cold]
    fn unicode_escape(&mut self) -> Res<()> {
        let n = self.hex_escape()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(Syntax::LoneLeadingSurrogateInHexEscape));
        }
        let code = if !(0xD800..=0xDBFF).contains(&n) {
            u32::from(n)
        } else {
            for expected in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error(Syntax::EofWhileParsingString)),
                    Some(b) => {
                        self.eat();
                        if b != expected {
                            return Err(self.error(Syntax::UnexpectedEndOfHexEscape));
                        }
                    }
                }
            }
            let n2 = self.hex_escape()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(Syntax::LoneLeadingSurrogateInHexEscape));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        };
        let c = char::from_u32(code).ok_or_else(|| self.error(Syntax::InvalidEscape))?;
        let mut buf = [0u8; 4];
        self.scratch
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    /// Four hex digits.
    fn hex_escape(&mut self) -> Res<u16> {
        let Some(digits) = self.text.as_bytes().get(self.index..self.index + 4) else {
            self.index = self.text.len();
            return Err(self.error(Syntax::EofWhileParsingString));
        };
        self.index += 4;
        digits
            .iter()
            .try_fold(0u16, |n, b| {
                let d = (*b as char).to_digit(16)?;
                Some(n << 4 | d as u16)
            })
            .ok_or_else(|| self.error(Syntax::InvalidEscape))
    }

    /// A number, its sign already consumed when negative (serde_json's `parse_integer`).
    pub(crate) fn number(&mut self, positive: bool) -> Res<Number> {
        let first = self
            .next()
            .ok_or_else(|| self.error(Syntax::EofWhileParsingValue))?;
        let mut significand = match first {
            b'0' if self.peek_or_null().is_ascii_digit() => {
                return Err(self.peek_error(Syntax::InvalidNumber))
            }
            b'0' => 0,
            b'1'..=b'9' => u64::from(first - b'0'),
            _ => return Err(self.error(Syntax::InvalidNumber)),
        };
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            let digit = u64::from(c - b'0');
            if overflows(significand, digit, u64::MAX) {
                return self.long_integer(positive, significand).map(Number::F64);
            }
            self.eat();
            significand = significand * 10 + digit;
        }
        match self.peek_or_null() {
            b'.' => self.decimal(positive, significand, 0).map(Number::F64),
            b'e' | b'E' => self.exponent(positive, significand, 0).map(Number::F64),
            _ if positive => Ok(Number::U64(significand)),
            _ => {
                let neg = (significand as i64).wrapping_neg();
                // A float on underflow, or for `-0`.
                Ok(if neg >= 0 {
                    Number::F64(-(significand as f64))
                } else {
                    Number::I64(neg)
                })
            }
        }
    }

    #[cold]
    fn long_integer(&mut self, positive: bool, significand: u64) -> Res<f64> {
        let mut exponent = 0;
        loop {
            match self.peek_or_null() {
                b'0'..=b'9' => {
                    self.eat();
                    exponent += 1;
                }
                b'.' => return self.decimal(positive, significand, exponent),
                b'e' | b'E' => return self.exponent(positive, significand, exponent),
                _ => return self.float(positive, significand, exponent),
            }
        }
    }

    /// The digits after a decimal point (the point not consumed yet).
    #[cold]
    fn decimal(&mut self, positive: bool, mut significand: u64, before: i32) -> Res<f64> {
        self.eat();
        let mut after = 0;
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            let digit = u64::from(c - b'0');
            if overflows(significand, digit, u64::MAX) {
                while self.peek_or_null().is_ascii_digit() {
                    self.eat();
                }
                return self.after_digits(positive, significand, before + after);
            }
            self.eat();
            significand = significand * 10 + digit;
            after -= 1;
        }
        if after == 0 {
            return Err(match self.peek() {
                Some(_) => self.peek_error(Syntax::InvalidNumber),
                None => self.peek_error(Syntax::EofWhileParsingValue),
            });
        }
        self.after_digits(positive, significand, before + after)
    }

    fn after_digits(&mut self, positive: bool, significand: u64, exponent: i32) -> Res<f64> {
        match self.peek_or_null() {
            b'e' | b'E' => self.exponent(positive, significand, exponent),
            _ => self.float(positive, significand, exponent),
        }
    }

    /// An exponent (its `e` not consumed yet).
    #[cold]
    fn exponent(&mut self, positive: bool, significand: u64, starting: i32) -> Res<f64> {
        self.eat();
        let positive_exp = match self.peek_or_null() {
            b'+' => {
                self.eat();
                true
            }
            b'-' => {
                self.eat();
                false
            }
            _ => true,
        };
        let mut exp = match self.next() {
            None => return Err(self.error(Syntax::EofWhileParsingValue)),
            Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
            Some(_) => return Err(self.error(Syntax::InvalidNumber)),
        };
        while let c @ b'0'..=b'9' = self.peek_or_null() {
            self.eat();
            let digit = i32::from(c - b'0');
            if overflows(exp as u64, digit as u64, i32::MAX as u64) {
                if significand != 0 && positive_exp {
                    return Err(self.error(Syntax::NumberOutOfRange));
                }
                while self.peek_or_null().is_ascii_digit() {
                    self.eat();
                }
                return Ok(if positive { 0.0 } else { -0.0 });
            }
            exp = exp * 10 + digit;
        }
        let exponent = if positive_exp {
            starting.saturating_add(exp)
        } else {
            starting.saturating_sub(exp)
        };
        self.float(positive, significand, exponent)
    }

    /// serde_json's `f64_from_parts` (without `float_roundtrip`): the same value to the last bit.
    fn float(&self, positive: bool, significand: u64, mut exponent: i32) -> Res<f64> {
        let mut f = significand as f64;
        loop {
            match POW10.get(exponent.unsigned_abs() as usize) {
                Some(&pow) => {
                    if exponent >= 0 {
                        f *= pow;
                        if f.is_infinite() {
                            return Err(self.error(Syntax::NumberOutOfRange));
                        }
                    } else {
                        f /= pow;
                    }
                    break;
                }
                None => {
                    if f == 0.0 {
                        break;
                    }
                    if exponent >= 0 {
                        return Err(self.error(Syntax::NumberOutOfRange));
                    }
                    f /= 1e308;
                    exponent += 308;
                }
            }
        }
        Ok(if positive { f } else { -f })
    }
}
