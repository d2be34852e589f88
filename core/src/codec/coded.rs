//! Codes inside serde error messages: a value's own parser names its failure with a [`Code`], and the
//! code travels through any deserializer to the codec, which turns it back into an [`Error`](crate::Error).

use alloc::format;
use alloc::string::String;
use core::fmt;
use core::str::FromStr;
use serde::de::{self, Visitor};

use crate::error::Code;
use crate::text::Words;

/// A string visitor for types whose `FromStr` error is a [`Code`]; the code travels inside the serde
/// error message (see [`coded`]) so every deserializer (JSON, JS objects) reports it.
pub(crate) struct CodedStr<T> {
    /// What the value should be, in English (the codec shows it in both languages).
    expecting: &'static str,
    _t: core::marker::PhantomData<T>,
}

impl<T> CodedStr<T> {
    /// A visitor expecting what `expecting` (a catalogue entry) says.
    pub(crate) fn new(expecting: Words<'static>) -> Self {
        CodedStr {
            expecting: expecting.1,
            _t: core::marker::PhantomData,
        }
    }
}

impl<T: FromStr<Err = Code>> Visitor<'_> for CodedStr<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        T::from_str(v).map_err(|code| E::custom(coded(code, v)))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<T, E> {
        self.visit_str(&v)
    }
}

/// Separates a code from the offending value inside a serde error message.
pub(super) const CODED_SEP: char = '\u{1f}';

/// Encodes a code into a serde error message, so it survives any deserializer.
fn coded(code: Code, input: &str) -> String {
    let shown: String = input.chars().take(40).collect();
    format!("{}{CODED_SEP}{shown}", code.as_str())
}
