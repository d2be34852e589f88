//! The reader's side of `codec::tagged`: an enum tagged inside its object, given to its mirror as an
//! externally tagged enum. The keys are walked as serde's derive walks them, with its errors in its
//! order; what serde buffers (the object of an internally tagged enum, an `args` met before `type`)
//! is read once to check it, as serde reads it into its buffer, and its fields then read in place.

use core::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, IgnoredAny, Unexpected, Visitor};

use super::access::{colon, Map};
use super::error::ReadError;
use super::lex::{Res, OPEN_BRACE};
use super::reader::Reader;
use crate::codec::tagged::Form;

impl<'de> Reader<'de> {
    /// An enum tagged inside its object (`name` is its `Tagged::NAME`), to the visitor as an enum.
    pub(super) fn deserialize_tagged<V: Visitor<'de>>(
        &mut self,
        name: &'static str,
        visitor: V,
    ) -> Res<V::Value> {
        let r = match self.lex.value_start()? {
            OPEN_BRACE => {
                self.enter()?;
                let start = self.lex.index;
                let r = visitor.visit_enum(Tagged {
                    map: Map::new(self),
                    form: Form::parse(name),
                    start,
                    args: None,
                    tag: (0, 0),
                });
                self.closed(r, Self::end_map)
            }
            b'[' => Err(self.refuse_array(&visitor)),
            _ => Err(self.invalid_type(&visitor)),
        };
        self.fixed(r)
    }
}

/// What a key of a tagged object is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Found {
    Tag,
    Content,
    Other,
}

/// A key, as serde's `TagOrContentFieldVisitor` (adjacent: any other key refused) or
/// `TagOrContentVisitor` (internal: any other key is a field) reads it.
struct KeyVisitor(Form);

impl Visitor<'_> for KeyVisitor {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:?} or {:?}", self.0.tag, self.0.content.unwrap_or(""))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Found, E> {
        if key == self.0.tag {
            Ok(Found::Tag)
        } else if Some(key) == self.0.content {
            Ok(Found::Content)
        } else if self.0.content.is_some() {
            Err(E::invalid_value(Unexpected::Str(key), &self))
        } else {
            Ok(Found::Other)
        }
    }
}

/// The object of a tagged enum, as an externally tagged enum's access.
struct Tagged<'a, 'de> {
    map: Map<'a, 'de>,
    form: Form,
    /// Just after the object's `{`.
    start: usize,
    /// Adjacent: where the value of an `args` met before the tag starts.
    args: Option<usize>,
    /// The tag's value, as bytes of the text (for a message).
    tag: (usize, usize),
}

impl<'de> Tagged<'_, 'de> {
    /// The next key, if any.
    fn key(&mut self) -> Res<Option<Found>> {
        if !self.map.has_next()? {
            return Ok(None);
        }
        de::Deserializer::deserialize_identifier(self.map.r.key(), KeyVisitor(self.form)).map(Some)
    }

    /// A value after its key, read as serde reads it into its buffer.
    fn skip(&mut self) -> Res<()> {
        colon(self.map.r)?;
        IgnoredAny::deserialize(&mut *self.map.r).map(|_| ())
    }

    /// Adjacent: the keys up to the tag (an `args` before it read over), then the tag, as serde's
    /// `AdjacentlyTaggedEnumVariantSeed` reads it.
    fn adjacent_variant<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Res<S::Value> {
        let (tag, content) = (self.form.tag, self.form.content.unwrap_or(""));
        match self.key()? {
            Some(Found::Tag) => {}
            Some(Found::Content) => {
                colon(self.map.r)?;
                self.args = Some(self.map.r.lex.index);
                IgnoredAny::deserialize(&mut *self.map.r)?;
                match self.key()? {
                    Some(Found::Tag) => {}
                    Some(_) => return Err(de::Error::duplicate_field(content)),
                    None => return Err(de::Error::missing_field(tag)),
                }
            }
            _ => return Err(de::Error::missing_field(tag)),
        }
        colon(self.map.r)?;
        let from = self.map.r.lex.index;
        let visitor = TagVisitor {
            seed,
            enum_name: self.form.enum_name,
        };
        let variant = de::Deserializer::deserialize_enum(&mut *self.map.r, "", &[], visitor)?;
        self.tag = (from, self.map.r.lex.index);
        Ok(variant)
    }

    /// Internal: every key read, the tag's value as the variant (serde's `TaggedContentVisitor`).
    fn internal_variant<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Res<S::Value> {
        let mut seed = Some(seed);
        let mut variant = None;
        while let Some(found) = self.key()? {
            if found != Found::Tag {
                self.skip()?;
                continue;
            }
            let Some(seed) = seed.take() else {
                return Err(de::Error::duplicate_field(self.form.tag));
            };
            colon(self.map.r)?;
            variant = Some(seed.deserialize(&mut *self.map.r)?);
        }
        variant.ok_or_else(|| de::Error::missing_field(self.form.tag))
    }

    /// Adjacent: the reader set at the content's value (where it was met, or as the next key); what
    /// [`Content::Back`] says to come back to. Not generic, as [`Tagged::after_content`].
    fn seek_content(&mut self) -> Res<Content> {
        if let Some(at) = self.args {
            let resume = self.map.r.lex.index;
            self.map.r.lex.index = at;
            return Ok(Content::Back(resume));
        }
        match self.key()? {
            Some(Found::Tag) => Err(de::Error::duplicate_field(self.form.tag)),
            Some(_) => colon(self.map.r).map(|()| Content::Here),
            None => Ok(Content::Missing),
        }
    }

    /// Adjacent: after the content's value, no other key.
    fn after_content(&mut self, content: Content) -> Res<()> {
        if let Content::Back(resume) = content {
            self.map.r.lex.index = resume;
        }
        match self.key()? {
            Some(Found::Tag) => Err(de::Error::duplicate_field(self.form.tag)),
            Some(_) => Err(de::Error::duplicate_field(self.form.content.unwrap_or(""))),
            None => Ok(()),
        }
    }
}

/// Where an adjacently tagged enum's content is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Content {
    /// Next, after its key.
    Here,
    /// Met before the tag: read there, then back to this byte.
    Back(usize),
    /// Not in the object.
    Missing,
}

impl<'de> de::EnumAccess<'de> for Tagged<'_, 'de> {
    type Error = ReadError;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(mut self, seed: S) -> Res<(S::Value, Self)> {
        let variant = match self.form.content {
            Some(_) => self.adjacent_variant(seed)?,
            None => self.internal_variant(seed)?,
        };
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Tagged<'_, 'de> {
    type Error = ReadError;

    /// Internal: the other keys are left, as serde leaves them. Adjacent: no content, or `null`.
    fn unit_variant(mut self) -> Res<()> {
        if self.form.content.is_none() {
            return Ok(());
        }
        let (from, to) = self.tag;
        let unit = UnitVisitor {
            enum_name: self.form.enum_name,
            variant: self.map.r.lex.text.get(from..to).unwrap_or(""),
        };
        let content = self.seek_content()?;
        if content == Content::Missing {
            return Ok(());
        }
        de::Deserializer::deserialize_any(&mut *self.map.r, unit)?;
        self.after_content(content)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Res<T::Value> {
        Err(de::Error::custom("a tagged enum has no newtype variant"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Res<V::Value> {
        Err(de::Error::custom("a tagged enum has no tuple variant"))
    }

    /// Internal: the object again from its start, the tag left out. Adjacent: the content's object.
    fn struct_variant<V: Visitor<'de>>(
        mut self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Res<V::Value> {
        match self.form.content {
            None => {
                self.map.r.lex.index = self.start;
                visitor.visit_map(Fields {
                    map: Map::new(self.map.r),
                    form: self.form,
                })
            }
            Some(name) => {
                let content = self.seek_content()?;
                if content == Content::Missing {
                    return Err(de::Error::missing_field(name));
                }
                let value =
                    de::Deserializer::deserialize_struct(&mut *self.map.r, "", fields, visitor)?;
                self.after_content(content)?;
                Ok(value)
            }
        }
    }
}

/// An internally tagged object's fields: its entries but the tag's.
struct Fields<'a, 'de> {
    map: Map<'a, 'de>,
    form: Form,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Res<Option<K::Value>> {
        while self.map.has_next()? {
            let key = self.map.r.lex.index;
            let found =
                de::Deserializer::deserialize_identifier(self.map.r.key(), KeyVisitor(self.form))?;
            if found == Found::Tag {
                colon(self.map.r)?;
                IgnoredAny::deserialize(&mut *self.map.r)?;
                continue;
            }
            self.map.r.lex.index = key;
            return seed.deserialize(self.map.r.key()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Res<V::Value> {
        colon(self.map.r)?;
        seed.deserialize(&mut *self.map.r)
    }
}

/// The tag of an adjacently tagged enum: a unit variant's name (serde's
/// `AdjacentlyTaggedEnumVariantVisitor`).
struct TagVisitor<S> {
    seed: S,
    enum_name: &'static str,
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for TagVisitor<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "variant of enum {}", self.enum_name)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<S::Value, A::Error> {
        let (variant, access) = data.variant_seed(self.seed)?;
        de::VariantAccess::unit_variant(access)?;
        Ok(variant)
    }
}

/// The content of a unit variant of an adjacently tagged enum: `null` only (serde's
/// `UntaggedUnitVisitor`, which names the variant in Rust: `Command::Tick`).
struct UnitVisitor<'de> {
    enum_name: &'static str,
    /// The tag as written (`"tick"`).
    variant: &'de str,
}

impl Visitor<'_> for UnitVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "unit variant {}::", self.enum_name)?;
        let name = self.variant.trim().trim_matches('"');
        let mut upper = true;
        for c in name.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                upper = false;
                write!(f, "{}", c.to_ascii_uppercase())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}
