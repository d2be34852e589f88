//! The output documents' JSON writer: the same compact text `serde_json::to_string` writes, byte for
//! byte, faster for what documents hold — strings (most with nothing to escape, copied whole), bools,
//! small integers, options, lists, structs, unit enum variants, and amounts as whole fen (the newtype
//! struct [`text::HUNDREDTHS`], see [`HundredthsWriter`]). Anything else (floats, bytes, maps
//! whose keys are not strings, enum variants with data) is refused with [`Unsupported`]: no document holds
//! it, and `to_json` then says so in an `{"error":…}` text. The tests hold the text equal to serde_json's.

use alloc::string::String;
use core::fmt;
use serde::ser::{self, Serialize};

use crate::text;

/// A value this writer does not write: no document holds one.
#[derive(Debug)]
pub(crate) struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unsupported by the fast writer")
    }
}

impl ser::StdError for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Unsupported {
        Unsupported
    }
}

/// Writes `value` as compact JSON, or `Err` for a value outside what this writer supports.
pub(crate) fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Unsupported> {
    let mut w = Writer {
        // A settlement without its trace is ~5 KB: one allocation holds it.
        out: String::with_capacity(8192),
    };
    value.serialize(&mut w)?;
    Ok(w.out)
}

/// The output text.
pub(crate) struct Writer {
    out: String,
}

/// The bytes JSON strings must escape: control characters, `"` and `\\`.
const ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Whether any byte of `s` is one JSON strings escape: eight bytes at a time (the last eight overlapping
/// the words before them), a text shorter than a word by table.
#[inline]
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero: the classic test, exact when read as "some byte is zero".
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    // A byte below 0x20 (some byte of x & 0xe0e0… is zero), a `"` or a `\`.
    let escapes = |w: &[u8]| match <[u8; 8]>::try_from(w) {
        Ok(w) => {
            let x = u64::from_le_bytes(w);
            zero(x & (ONES * 0xe0))
                || zero(x ^ (ONES * u64::from(b'"')))
                || zero(x ^ (ONES * u64::from(b'\\')))
        }
        Err(_) => w.iter().any(|b| ESCAPE[usize::from(*b)]),
    };
    let mut words = s.chunks_exact(8);
    if words.any(escapes) {
        return true;
    }
    match (words.remainder().is_empty(), s.len().checked_sub(8)) {
        (true, _) => false,
        (false, Some(last)) => s.get(last..).is_some_and(escapes),
        (false, None) => escapes(s),
    }
}

/// `s` quoted, escaped as serde_json escapes it: `\"`, `\\`, the short forms of control characters and
/// `\u00XX` for the others; everything else (non-ASCII included) as it is. Most strings have nothing to
/// escape and are copied whole.
#[inline]
fn write_str(out: &mut String, s: &str) {
    if needs_escape(s.as_bytes()) {
        return escaped(out, s);
    }
    out.push('"');
    out.push_str(s);
    out.push('"');
}

#[cold]
#[inline(never)]
fn escaped(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[b >> 4]));
                out.push(char::from(HEX[b & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// An unsigned integer in decimal.
fn write_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut start = buf.len();
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start -= 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in buf.get(start..).unwrap_or_default() {
        out.push(char::from(b));
    }
}

fn write_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    write_u64(out, n.unsigned_abs());
}

/// A list, or the fields of a struct, being written: whether the next entry is the first.
pub(crate) struct Compound<'a> {
    w: &'a mut Writer,
    first: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }
}

type Res = Result<(), Unsupported>;

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Res {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Res {
        write_i64(&mut self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Res {
        write_u64(&mut self.out, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Res {
        Err(Unsupported)
    }
    fn serialize_f64(self, _: f64) -> Res {
        Err(Unsupported)
    }
    fn serialize_char(self, v: char) -> Res {
        let mut buf = [0u8; 4];
        self.serialize_str(v.encode_utf8(&mut buf))
    }
    fn serialize_str(self, v: &str) -> Res {
        write_str(&mut self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Res {
        Err(Unsupported)
    }
    /// The text written straight into the output (serde's default makes a `String` of it first), then
    /// escaped in place in the rare case it must be, as serde_json escapes what a `Display` writes.
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Res {
        let start = self.out.len();
        self.out.push('"');
        fmt::Write::write_fmt(&mut self.out, format_args!("{value}")).map_err(|_| Unsupported)?;
        match self.out.get(start + 1..) {
            Some(text) if !needs_escape(text.as_bytes()) => self.out.push('"'),
            _ => {
                let text = self.out.split_off(start);
                escaped(&mut self.out, text.get(1..).unwrap_or_default());
            }
        }
        Ok(())
    }
    fn serialize_none(self) -> Res {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        // A variant's name is its type's own, like a field's: nothing to escape (see `serialize_field`).
        debug_assert!(
            !needs_escape(variant.as_bytes()),
            "variant name {variant} needs escaping"
        );
        self.out.push('"');
        self.out.push_str(variant);
        self.out.push('"');
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Res {
        if core::ptr::eq(name, text::HUNDREDTHS) {
            return value.serialize(HundredthsWriter { w: self });
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Res {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        self.out.push('[');
        Ok(Compound {
            w: self,
            first: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Unsupported> {
        self.out.push('{');
        Ok(Compound {
            w: self,
            first: true,
        })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Unsupported> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        self.w.out.push(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Res {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Res {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res {
        self.comma();
        key.serialize(KeyWriter { w: &mut *self.w })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.w.out.push(':');
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        self.w.out.push('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        // A struct's field names are its type's own (identifiers, or renames in this crate), so there is
        // nothing to escape; the assertion holds it for every document the tests write.
        debug_assert!(
            !needs_escape(key.as_bytes()),
            "field name {key} needs escaping"
        );
        let out = &mut self.w.out;
        // The comma and the opening quote in one push (each a constant: no copy call).
        if self.first {
            out.push('"');
        } else {
            out.push_str(",\"");
        }
        self.first = false;
        out.push_str(key);
        out.push_str("\":");
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        ser::SerializeMap::end(self)
    }
}

/// The methods of a serializer that refuses every value but those it writes itself: the scalars named,
/// then (`rest`) every compound, option, unit and enum variant with data.
macro_rules! refuse {
    ($($f:ident($t:ty) -> $r:ty),*) => {
        $(fn $f(self, _: $t) -> Result<$r, Unsupported> {
            Err(Unsupported)
        })*
    };
    ($($f:ident($t:ty)),*) => {
        $(fn $f(self, _: $t) -> Res {
            Err(Unsupported)
        })*
    };
    (rest) => {
        type SerializeSeq = ser::Impossible<(), Unsupported>;
        type SerializeTuple = ser::Impossible<(), Unsupported>;
        type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
        type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
        type SerializeMap = ser::Impossible<(), Unsupported>;
        type SerializeStruct = ser::Impossible<(), Unsupported>;
        type SerializeStructVariant = ser::Impossible<(), Unsupported>;
        refuse!(serialize_bool(bool), serialize_f32(f32), serialize_f64(f64), serialize_char(char));
        refuse!(serialize_bytes(&[u8]), serialize_unit_struct(&'static str));
        refuse!(serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64));
        refuse!(serialize_u8(u8), serialize_u16(u16), serialize_u32(u32));
        refuse!(serialize_seq(Option<usize>) -> Self::SerializeSeq);
        refuse!(serialize_tuple(usize) -> Self::SerializeTuple);
        refuse!(serialize_map(Option<usize>) -> Self::SerializeMap);
        fn serialize_none(self) -> Res {
            Err(Unsupported)
        }
        fn serialize_unit(self) -> Res {
            Err(Unsupported)
        }
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Res {
            Err(Unsupported)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Res {
            Err(Unsupported)
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unsupported> {
            Err(Unsupported)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Unsupported> {
            Err(Unsupported)
        }
    };
}

/// A map key: a string, or a newtype around one; any other key is [`Unsupported`].
struct KeyWriter<'a> {
    w: &'a mut Writer,
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Unsupported;
    refuse!(rest);
    refuse!(serialize_u64(u64));

    fn serialize_str(self, v: &str) -> Res {
        write_str(&mut self.w.out, v);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
}

/// The value inside the newtype struct [`text::HUNDREDTHS`]: a count of hundredths, asked for as a
/// `u64` (this serializer is not human-readable), written as [`text::put_hundredths`] writes it, quoted:
/// digits need no escaping. Anything else is [`Unsupported`] (never: the name is private to the crate).
struct HundredthsWriter<'a> {
    w: &'a mut Writer,
}

impl ser::Serializer for HundredthsWriter<'_> {
    type Ok = ();
    type Error = Unsupported;
    refuse!(rest);
    refuse!(serialize_str(&str));

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_u64(self, n: u64) -> Res {
        let out = &mut self.w.out;
        match n {
            0 => out.push_str("\"0.00\""),
            1..=text::MAX_HUNDREDTHS => {
                out.push('"');
                text::put_hundredths(n, out);
                out.push('"');
            }
            _ => return Err(Unsupported),
        }
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Res {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Res {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;

    /// A serializer that is not human-readable and takes only strings, as a binary format would see an
    /// amount.
    struct Binary(String);

    impl ser::Serializer for &mut Binary {
        type Ok = ();
        type Error = Unsupported;
        refuse!(rest);
        refuse!(serialize_u64(u64));

        fn is_human_readable(&self) -> bool {
            false
        }
        fn serialize_str(self, v: &str) -> Res {
            self.0 = v.into();
            Ok(())
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Res {
            Err(Unsupported)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Res {
            Err(Unsupported)
        }
    }

    /// S-10: only a human-readable serializer is given the newtype struct of hundredths; any other is
    /// given the amount's text, as before, never the fen.
    #[test]
    fn s10_an_amount_is_text_to_a_serializer_that_is_not_human_readable() {
        for fen in [0u64, 7, 12_345, 100_000_000, 99_999_999_999] {
            let m = Money::from_fen(fen).unwrap();
            let mut b = Binary(String::new());
            m.serialize(&mut b).unwrap();
            assert_eq!(b.0, m.as_decimal().to_string());
        }
    }
}
