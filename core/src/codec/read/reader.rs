//! The reader's state and its non-generic steps: nesting, closing brackets, and the error a visitor
//! gets for a value of another type, each at the byte serde_json names.

use serde::de::{self, Expected, Unexpected, Visitor};

use super::error::{ReadError, Syntax};
use super::lex::{Lexer, Number, Res, Str, CLOSE_BRACE, OPEN_BRACE};

/// Deepest nesting of arrays and objects, as serde_json allows.
const MAX_DEPTH: u8 = 128;

/// A document being read.
pub(crate) struct Reader<'de> {
    pub(super) lex: Lexer<'de>,
    pub(super) remaining_depth: u8,
}

impl<'de> Reader<'de> {
    pub(crate) fn new(text: &'de str) -> Self {
        Reader {
            lex: Lexer::new(text),
            remaining_depth: MAX_DEPTH,
        }
    }

    /// Nothing but whitespace may follow the document.
    pub(crate) fn end(&mut self) -> Res<()> {
        match self.lex.whitespace() {
            Some(_) => Err(self.lex.peek_error(Syntax::TrailingCharacters)),
            None => Ok(()),
        }
    }

    /// A value error surfacing here takes this place, as serde_json's `fix_position` does.
    #[cold]
    pub(super) fn fix(&self, e: ReadError) -> ReadError {
        e.fixed(self.lex.index)
    }

    /// The visitor's result, its error placed here.
    #[inline]
    pub(super) fn fixed<T>(&self, r: Res<T>) -> Res<T> {
        r.map_err(|e| self.fix(e))
    }

    /// One more level of nesting (`[` or `{` about to be consumed).
    pub(super) fn enter(&mut self) -> Res<()> {
        self.remaining_depth -= 1;
        if self.remaining_depth == 0 {
            return Err(self.lex.peek_error(Syntax::RecursionLimitExceeded));
        }
        self.lex.eat();
        Ok(())
    }

    /// After an array: its `]`, or the syntax error there (serde_json's `end_seq`).
    pub(super) fn end_seq(&mut self) -> Res<()> {
        self.remaining_depth += 1;
        match self.lex.whitespace() {
            Some(b']') => {
                self.lex.eat();
                Ok(())
            }
            Some(b',') => {
                self.lex.eat();
                match self.lex.whitespace() {
                    Some(b']') => Err(self.lex.peek_error(Syntax::TrailingComma)),
                    _ => Err(self.lex.peek_error(Syntax::TrailingCharacters)),
                }
            }
            Some(_) => Err(self.lex.peek_error(Syntax::TrailingCharacters)),
            None => Err(self.lex.peek_error(Syntax::EofWhileParsingList)),
        }
    }

    /// After an object: its `}`, or the syntax error there (serde_json's `end_map`).
    pub(super) fn end_map(&mut self) -> Res<()> {
        self.remaining_depth += 1;
        match self.lex.whitespace() {
            Some(CLOSE_BRACE) => {
                self.lex.eat();
                Ok(())
            }
            Some(b',') => Err(self.lex.peek_error(Syntax::TrailingComma)),
            Some(_) => Err(self.lex.peek_error(Syntax::TrailingCharacters)),
            None => Err(self.lex.peek_error(Syntax::EofWhileParsingObject)),
        }
    }

    /// The visitor's result over a compound value, then its closing bracket: the visitor's error first.
    #[inline(always)]
    pub(super) fn closed<T>(&mut self, r: Res<T>, end: fn(&mut Self) -> Res<()>) -> Res<T> {
        let closing = end(self);
        let value = r?;
        closing.map(|()| value)
    }

    /// What the value at hand is, for a visitor that wanted something else (serde_json's
    /// `peek_invalid_type`): the value is read, its syntax checked, and named.
    #[cold]
    #[inline(never)]
    pub(super) fn invalid_type(&mut self, exp: &dyn Expected) -> ReadError {
        let err = match self.lex.peek().unwrap_or(0) {
            b'n' => self.literal(b"ull").map(|()| Unexpected::Unit),
            b't' => self.literal(b"rue").map(|()| Unexpected::Bool(true)),
            b'f' => self.literal(b"alse").map(|()| Unexpected::Bool(false)),
            b'-' => {
                self.lex.eat();
                return self.number_invalid_type(false, exp);
            }
            b'0'..=b'9' => return self.number_invalid_type(true, exp),
            b'"' => {
                self.lex.eat();
                let err = match self.lex.string() {
                    Ok(Str::Borrowed(s) | Str::Copied(s)) => {
                        <ReadError as de::Error>::invalid_type(Unexpected::Str(s), exp)
                    }
                    Err(e) => return e,
                };
                return err.fixed(self.lex.index);
            }
            b'[' => Ok(Unexpected::Seq),
            OPEN_BRACE => Ok(Unexpected::Map),
            _ => return self.lex.peek_error(Syntax::ExpectedSomeValue),
        };
        match err {
            Ok(unexpected) => {
                <ReadError as de::Error>::invalid_type(unexpected, exp).fixed(self.lex.index)
            }
            Err(e) => e,
        }
    }

    fn number_invalid_type(&mut self, positive: bool, exp: &dyn Expected) -> ReadError {
        let unexpected = match self.lex.number(positive) {
            Ok(Number::U64(n)) => Unexpected::Unsigned(n),
            Ok(Number::I64(n)) => Unexpected::Signed(n),
            Ok(Number::F64(n)) => Unexpected::Float(n),
            Err(e) => return e,
        };
        <ReadError as de::Error>::invalid_type(unexpected, exp).fixed(self.lex.index)
    }

    /// A literal's first byte consumed, then the rest of it.
    pub(super) fn literal(&mut self, rest: &[u8]) -> Res<()> {
        self.lex.eat();
        self.lex.ident(rest)
    }

    /// A string value (its quote next), to the visitor.
    pub(super) fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Res<V::Value> {
        self.lex.eat();
        match self.lex.string()? {
            Str::Borrowed(s) => visitor.visit_borrowed_str(s),
            Str::Copied(s) => visitor.visit_str(s),
        }
    }

    /// A number value (its first byte next), to the visitor.
    pub(super) fn visit_number<V: Visitor<'de>>(&mut self, first: u8, visitor: V) -> Res<V::Value> {
        let positive = first != b'-';
        if !positive {
            self.lex.eat();
        }
        match self.lex.number(positive)? {
            Number::U64(n) => visitor.visit_u64(n),
            Number::I64(n) => visitor.visit_i64(n),
            Number::F64(n) => visitor.visit_f64(n),
        }
    }

    /// A key (its quote next) to the key's visitor: no place is fixed here, as serde_json's `MapKey`.
    pub(super) fn visit_key<V: Visitor<'de>>(&mut self, visitor: V) -> Res<V::Value> {
        self.visit_string(visitor)
    }
}
