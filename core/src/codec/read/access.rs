//! serde's access traits over the [`Reader`]: an array's elements, an object's keys and values, an
//! enum's variant; with serde_json's syntax errors between them.

use serde::de::{self, DeserializeSeed, Unexpected, Visitor};

use super::error::{ReadError, Syntax};
use super::lex::{Res, CLOSE_BRACE};
use super::reader::Reader;

/// An array's elements.
pub(super) struct Seq<'a, 'de> {
    r: &'a mut Reader<'de>,
    first: bool,
}

impl<'a, 'de> Seq<'a, 'de> {
    pub(super) fn new(r: &'a mut Reader<'de>) -> Self {
        Seq { r, first: true }
    }

    /// Whether another element follows: its comma consumed (serde_json's `has_next_element`).
    fn has_next(&mut self) -> Res<bool> {
        let lex = &mut self.r.lex;
        let peek = lex
            .whitespace()
            .ok_or_else(|| lex.peek_error(Syntax::EofWhileParsingList))?;
        if peek == b']' {
            Ok(false)
        } else if self.first {
            self.first = false;
            Ok(true)
        } else if peek == b',' {
            lex.eat();
            match lex.whitespace() {
                Some(b']') => Err(lex.peek_error(Syntax::TrailingComma)),
                Some(_) => Ok(true),
                None => Err(lex.peek_error(Syntax::EofWhileParsingValue)),
            }
        } else {
            Err(lex.peek_error(Syntax::ExpectedListCommaOrEnd))
        }
    }
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Res<Option<T::Value>> {
        if self.has_next()? {
            seed.deserialize(&mut *self.r).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// An object's entries.
pub(super) struct Map<'a, 'de> {
    pub(super) r: &'a mut Reader<'de>,
    first: bool,
}

impl<'a, 'de> Map<'a, 'de> {
    pub(super) fn new(r: &'a mut Reader<'de>) -> Self {
        Map { r, first: true }
    }

    /// Whether another key follows, its quote next (serde_json's `has_next_key`).
    pub(super) fn has_next(&mut self) -> Res<bool> {
        let lex = &mut self.r.lex;
        let peek = lex
            .whitespace()
            .ok_or_else(|| lex.peek_error(Syntax::EofWhileParsingObject))?;
        if peek == CLOSE_BRACE {
            Ok(false)
        } else if self.first {
            self.first = false;
            if peek == b'"' {
                Ok(true)
            } else {
                Err(lex.peek_error(Syntax::KeyMustBeAString))
            }
        } else if peek == b',' {
            lex.eat();
            match lex.whitespace() {
                Some(b'"') => Ok(true),
                Some(CLOSE_BRACE) => Err(lex.peek_error(Syntax::TrailingComma)),
                Some(_) => Err(lex.peek_error(Syntax::KeyMustBeAString)),
                None => Err(lex.peek_error(Syntax::EofWhileParsingValue)),
            }
        } else {
            Err(lex.peek_error(Syntax::ExpectedObjectCommaOrEnd))
        }
    }
}

/// The `:` between a key and its value.
pub(super) fn colon(r: &mut Reader<'_>) -> Res<()> {
    match r.lex.whitespace() {
        Some(b':') => {
            r.lex.eat();
            Ok(())
        }
        Some(_) => Err(r.lex.peek_error(Syntax::ExpectedColon)),
        None => Err(r.lex.peek_error(Syntax::EofWhileParsingObject)),
    }
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        if self.has_next()? {
            seed.deserialize(self.r.key()).map(Some)
        } else {
            Ok(None)
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        colon(self.r)?;
        seed.deserialize(&mut *self.r)
    }
}

/// An object's key: a string, whatever its type asks for (serde_json's `MapKey`; no document has a
/// key that is not text).
pub(super) struct Key<'a, 'de> {
    r: &'a mut Reader<'de>,
}

impl<'a, 'de> Key<'a, 'de> {
    pub(super) fn new(r: &'a mut Reader<'de>) -> Self {
        Key { r }
    }
}

impl<'de> de::Deserializer<'de> for Key<'_, 'de> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        self.r.visit_key(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Res<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Res<V::Value> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        de::Deserializer::deserialize_enum(self.r, name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// `{"variant": value}`: the variant's name, then its value.
pub(super) struct Variant<'a, 'de> {
    r: &'a mut Reader<'de>,
}

impl<'a, 'de> Variant<'a, 'de> {
    pub(super) fn new(r: &'a mut Reader<'de>) -> Self {
        Variant { r }
    }
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = ReadError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Res<(V::Value, Self)> {
        let lex = &mut self.r.lex;
        match lex.whitespace() {
            Some(b'"') => {}
            Some(CLOSE_BRACE) => return Err(lex.peek_error(Syntax::ExpectedSomeValue)),
            Some(_) => return Err(lex.peek_error(Syntax::KeyMustBeAString)),
            None => return Err(lex.peek_error(Syntax::EofWhileParsingObject)),
        }
        let value = seed.deserialize(self.r.key());
        let value = self.r.fixed(value)?;
        colon(self.r)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = ReadError;

    fn unit_variant(self) -> Res<()> {
        de::Deserialize::deserialize(self.r)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Res<T::Value> {
        seed.deserialize(self.r)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Res<V::Value> {
        de::Deserializer::deserialize_seq(self.r, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        de::Deserializer::deserialize_struct(self.r, "", fields, visitor)
    }
}

/// `"variant"`: a unit variant by its name.
pub(super) struct UnitVariant<'a, 'de> {
    r: &'a mut Reader<'de>,
}

impl<'a, 'de> UnitVariant<'a, 'de> {
    pub(super) fn new(r: &'a mut Reader<'de>) -> Self {
        UnitVariant { r }
    }
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_, 'de> {
    type Error = ReadError;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Res<(V::Value, Self)> {
        let variant = seed.deserialize(&mut *self.r)?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_, 'de> {
    type Error = ReadError;

    fn unit_variant(self) -> Res<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Res<T::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"newtype variant",
        ))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Res<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"tuple variant",
        ))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Res<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"struct variant",
        ))
    }
}
