//! The reader's errors: serde_json's syntax errors, each at its byte, and the value errors serde and
//! the types' parsers raise, worded as serde_json words them (`null`, and floats as serde_json writes
//! them), since the contract's error texts are built from these words.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use core::fmt;

use serde::de::{Expected, Unexpected};

/// The syntax errors, with serde_json's wording (`INVALID_JSON` and the catalogue's zh text key on it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Syntax {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Syntax {
    fn text(self) -> &'static str {
        use Syntax::*;
        match self {
            EofWhileParsingList => "EOF while parsing a list",
            EofWhileParsingObject => "EOF while parsing an object",
            EofWhileParsingString => "EOF while parsing a string",
            EofWhileParsingValue => "EOF while parsing a value",
            ExpectedColon => "expected `:`",
            ExpectedListCommaOrEnd => "expected `,` or `]`",
            ExpectedObjectCommaOrEnd => "expected `,` or `\u{7d}`",
            ExpectedSomeIdent => "expected ident",
            ExpectedSomeValue => "expected value",
            InvalidEscape => "invalid escape",
            InvalidNumber => "invalid number",
            NumberOutOfRange => "number out of range",
            ControlCharacterWhileParsingString => {
                "control character (\\u0000-\\u001F) found while parsing a string"
            }
            KeyMustBeAString => "key must be a string",
            LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            TrailingComma => "trailing comma",
            TrailingCharacters => "trailing characters",
            UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            RecursionLimitExceeded => "recursion limit exceeded",
        }
    }

    /// The text ran out: the path is the one open at its end.
    pub(crate) fn at_end(self) -> bool {
        use Syntax::*;
        matches!(
            self,
            EofWhileParsingList
                | EofWhileParsingObject
                | EofWhileParsingString
                | EofWhileParsingValue
        )
    }
}

/// Why a document was refused: its syntax, or a value serde or a type's parser refused (the message
/// serde gives, coded or not). Boxed, as serde_json's error is: every result of the reader carries it.
#[derive(Debug)]
pub(crate) struct ReadError(Box<Refusal>);

#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) kind: Kind,
    /// The byte index serde_json would report; `None` until known.
    pub(crate) at: Option<usize>,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Syntax(Syntax),
    Data(String),
}

impl ReadError {
    #[cold]
    pub(crate) fn syntax(code: Syntax, at: usize) -> ReadError {
        ReadError(Box::new(Refusal {
            kind: Kind::Syntax(code),
            at: Some(at),
        }))
    }

    pub(crate) fn refusal(&self) -> &Refusal {
        &self.0
    }

    /// serde_json's `fix_position`: a value error takes the place it surfaced at, if it has none yet.
    #[cold]
    pub(crate) fn fixed(mut self, at: usize) -> ReadError {
        self.0.at.get_or_insert(at);
        self
    }

    /// The message as serde_json wrote it, with the line and column of a syntax error.
    pub(crate) fn message(&self, text: &str) -> String {
        match &self.0.kind {
            Kind::Data(msg) => msg.clone(),
            Kind::Syntax(code) => {
                let (line, column) = position(text.as_bytes(), self.0.at.unwrap_or(0));
                alloc::format!("{} at line {line} column {column}", code.text())
            }
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            Kind::Data(msg) => f.write_str(msg),
            Kind::Syntax(code) => f.write_str(code.text()),
        }
    }
}

impl serde::de::StdError for ReadError {}

impl serde::de::Error for ReadError {
    #[cold]
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ReadError(Box::new(Refusal {
            kind: Kind::Data(msg.to_string()),
            at: None,
        }))
    }

    #[cold]
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid type: {}, expected {exp}",
            Named(unexp)
        ))
    }

    #[cold]
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Self::custom(format_args!(
            "invalid value: {}, expected {exp}",
            Named(unexp)
        ))
    }
}

/// A value as serde_json names it in an error: serde's words, but `null` for the unit and a float as
/// serde_json writes it (`1e+20`, not `100000000000000000000.0`).
struct Named<'a>(Unexpected<'a>);

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Unexpected::*;
        match self.0 {
            Bool(b) => write!(f, "boolean `{b}`"),
            Unsigned(i) => write!(f, "integer `{i}`"),
            Signed(i) => write!(f, "integer `{i}`"),
            Float(v) => write!(f, "floating point `{}`", zmij::Buffer::new().format(v)),
            Char(c) => write!(f, "character `{c}`"),
            Str(s) => write!(f, "string {s:?}"),
            Bytes(_) => f.write_str("byte array"),
            Unit => f.write_str("null"),
            Option => f.write_str("Option value"),
            NewtypeStruct => f.write_str("newtype struct"),
            Seq => f.write_str("sequence"),
            Map => f.write_str("map"),
            Enum => f.write_str("enum"),
            UnitVariant => f.write_str("unit variant"),
            NewtypeVariant => f.write_str("newtype variant"),
            TupleVariant => f.write_str("tuple variant"),
            StructVariant => f.write_str("struct variant"),
            Other(other) => f.write_str(other),
        }
    }
}

/// serde_json's line (1-based) and column (bytes before `i` on its line) of byte `i`.
fn position(bytes: &[u8], i: usize) -> (usize, usize) {
    let before = bytes.get(..i).unwrap_or(bytes);
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |p| p + 1);
    let line = 1 + before.iter().take(start).filter(|b| **b == b'\n').count();
    (line, i - start)
}
