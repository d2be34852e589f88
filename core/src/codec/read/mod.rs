//! The crate's own JSON reader: a serde `Deserializer` over the document's text.
//!
//! It reads what serde_json reads and refuses what it refuses, with the same message at the same byte
//! (the tests hold the two readers equal on every vector and on broken variants of them), so every
//! document and every error of the contract is unchanged — but for one form serde_json also takes and
//! no document is written in: a struct as an array of its fields (see `deserialize_struct`). What
//! differs is the code: one reader, not generic over a source, whose per-type part is a few lines
//! around non-generic scanning. Each document type's visitor is compiled once against it, smaller and
//! faster than against serde_json's, which matters most for the wasm module (its size, and the first
//! call, which compiles what it runs).

mod access;
mod error;
mod lex;
mod pow10;
mod reader;
mod tagged;

use serde::de::{self, Visitor};

use crate::codec::tagged::Form;
use access::{Key, Map, Seq, UnitVariant, Variant};
use error::Syntax;
pub(crate) use error::{Kind, ReadError};
use lex::Res;
pub(crate) use lex::{CLOSE_BRACE, OPEN_BRACE};
pub(crate) use reader::Reader;

impl<'de> Reader<'de> {
    /// An array (its `[` next), to the visitor.
    fn visit_array<V: Visitor<'de>>(&mut self, visitor: V) -> Res<V::Value> {
        self.enter()?;
        let r = visitor.visit_seq(Seq::new(self));
        self.closed(r, Self::end_seq)
    }

    /// An object (its `{` next), to the visitor.
    fn visit_object<V: Visitor<'de>>(&mut self, visitor: V) -> Res<V::Value> {
        self.enter()?;
        let r = visitor.visit_map(Map::new(self));
        self.closed(r, Self::end_map)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            b'n' => self.literal(b"ull").and_then(|()| visitor.visit_unit()),
            b't' => self.literal(b"rue").and_then(|()| visitor.visit_bool(true)),
            b'f' => self
                .literal(b"alse")
                .and_then(|()| visitor.visit_bool(false)),
            c @ (b'-' | b'0'..=b'9') => self.visit_number(c, visitor),
            b'"' => self.visit_string(visitor),
            b'[' => self.visit_array(visitor),
            OPEN_BRACE => self.visit_object(visitor),
            _ => Err(self.lex.peek_error(Syntax::ExpectedSomeValue)),
        };
        self.fixed(r)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            b't' => self.literal(b"rue").and_then(|()| visitor.visit_bool(true)),
            b'f' => self
                .literal(b"alse")
                .and_then(|()| visitor.visit_bool(false)),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            c @ (b'-' | b'0'..=b'9') => self.visit_number(c, visitor),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            b'"' => self.visit_string(visitor),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_str(visitor)
    }

    /// No document holds bytes; read as any value, as a visitor for bytes would refuse it.
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_any(visitor)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        match self.lex.whitespace() {
            Some(b'n') => {
                self.literal(b"ull")?;
                visitor.visit_none()
            }
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            b'n' => self.literal(b"ull").and_then(|()| visitor.visit_unit()),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Res<V::Value> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Res<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            b'[' => self.visit_array(visitor),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Res<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Res<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            OPEN_BRACE => self.visit_object(visitor),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    /// An object. Not an array of the fields in order, which serde_json also takes: that form is no
    /// document's (its errors would name array slots, not fields), and refusing it leaves every
    /// type's by-position visitor out of the module. The array is refused where serde_json's visitor
    /// would have refused it, just inside its bracket, so its path is the one serde_json gave.
    ///
    /// A reserved name is an enum tagged inside its object (`codec::tagged`); the test is decided where
    /// the name is a constant, so each type's reading holds one way or the other, not both.
    #[inline(always)]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        if Form::reserved(name) {
            return self.deserialize_tagged(name, visitor);
        }
        self.deserialize_object(visitor)
    }

    /// A unit variant by its name, or `{"name": …}` (serde_json's externally tagged form).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        match self.lex.whitespace() {
            Some(OPEN_BRACE) => {
                self.enter()?;
                let value = visitor.visit_enum(Variant::new(self))?;
                self.remaining_depth += 1;
                match self.lex.whitespace() {
                    Some(CLOSE_BRACE) => {
                        self.lex.eat();
                        Ok(value)
                    }
                    Some(_) => Err(self.lex.error(Syntax::ExpectedSomeValue)),
                    None => Err(self.lex.error(Syntax::EofWhileParsingObject)),
                }
            }
            Some(b'"') => visitor.visit_enum(UnitVariant::new(self)),
            Some(_) => Err(self.lex.peek_error(Syntax::ExpectedSomeValue)),
            None => Err(self.lex.peek_error(Syntax::EofWhileParsingValue)),
        }
    }

    /// Every document denies unknown fields, so nothing is skipped; were it, it is read as any value.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.deserialize_any(visitor)
    }
}

impl<'de> Reader<'de> {
    /// A struct's object (see `deserialize_struct`).
    fn deserialize_object<V: Visitor<'de>>(&mut self, visitor: V) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            OPEN_BRACE => self.visit_object(visitor),
            b'[' => Err(self.refuse_array(&visitor)),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }

    /// An array where a struct is expected: entered, refused, closed (serde_json's steps when a
    /// struct's visitor refuses the array it was given; the refusal wins over what closing finds).
    #[cold]
    #[inline(never)]
    fn refuse_array(&mut self, exp: &dyn de::Expected) -> ReadError {
        if let Err(e) = self.enter() {
            return e;
        }
        let refused = <ReadError as de::Error>::invalid_type(de::Unexpected::Seq, exp);
        let _ = self.end_seq();
        refused
    }

    /// An object's key deserializer.
    fn key(&mut self) -> Key<'_, 'de> {
        Key::new(self)
    }
}
