//! Enums tagged inside their object, read without serde's buffer: `{"type": "grant", "args": {…}}`
//! (adjacently tagged: `Command`, `LedgerCommand`) and `{"type": "spent", …}` (internally tagged:
//! `Event`, `ReserveRule` with `rule`).
//!
//! serde's derive reads such an enum by first buffering the object (internal) or an `args` met before
//! its `type` (adjacent) into a private tree, and so compiles every variant's fields a second time,
//! against that tree: 12 % of the wasm module (brotli), 21 % of its code. Here each such enum `T` also has a *mirror*, the same
//! variants derived externally tagged (no buffer), and `T`'s `Deserialize` asks for a struct of a
//! reserved name ([`Tagged::NAME`]):
//!
//! - the crate's reader knows the name: it finds the tag in the object, gives it to the mirror as the
//!   variant, and then the fields where they stand (`read::tagged`);
//! - any other deserializer (serde_json in a host, the reference reader in tests) sees a struct and
//!   gets serde's own reading of `T`, derived as before with `#[serde(remote = "Self")]`.
//!
//! Documents and error texts are the same but for one thing: an error inside the fields serde had
//! buffered is now reported where it is (`command.args.amount`) rather than at the enclosing object.

use core::fmt;
use core::marker::PhantomData;

use serde::de::value::{EnumAccessDeserializer, MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// Marks a [`Tagged::NAME`]: no Rust name starts with it.
const RESERVED: char = '\0';

/// An enum tagged inside its object, read through its mirror by the crate's reader.
pub(crate) trait Tagged: Sized {
    /// `"\0Enum:tag"` (internally tagged) or `"\0Enum:tag:content"` (adjacently tagged).
    const NAME: &'static str;
    /// What serde's derive says it expects ("adjacently tagged enum Command").
    const EXPECTING: &'static str;
    /// The same variants and fields, derived externally tagged.
    type Mirror: for<'de> Deserialize<'de> + Into<Self>;
    /// serde's derived reading of the enum (`#[serde(remote = "Self")]`).
    fn deserialize_derived<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// `T`'s `Deserialize`: the reader's way or serde's, as the deserializer answers.
pub(crate) fn deserialize<'de, T: Tagged, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_struct(T::NAME, &[], Dispatch(PhantomData))
}

/// The visitor `T`'s reading hands the deserializer: the crate's reader calls `visit_enum`, any other
/// `visit_map` (or `visit_seq`, which serde's derive also takes).
struct Dispatch<T>(PhantomData<T>);

impl<'de, T: Tagged> Visitor<'de> for Dispatch<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    /// The crate's reader: the variant and its fields, as an externally tagged enum gets them.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<T, A::Error> {
        T::Mirror::deserialize(EnumAccessDeserializer::new(data)).map(Into::into)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize_derived(MapAccessDeserializer::new(map))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::deserialize_derived(SeqAccessDeserializer::new(seq))
    }
}

/// A [`Tagged::NAME`] read: the enum's Rust name, its tag key, and its content key if adjacent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Form {
    pub(crate) enum_name: &'static str,
    pub(crate) tag: &'static str,
    pub(crate) content: Option<&'static str>,
}

impl Form {
    /// Whether a struct name is reserved; decided where the name is a constant (inlined).
    /// (A byte matched, which folds at `opt-level = "z"`, where `starts_with` or `Option`'s `==`
    /// stay calls.)
    #[inline(always)]
    pub(crate) fn reserved(name: &str) -> bool {
        matches!(name.as_bytes(), [b'\0', ..])
    }

    pub(crate) fn parse(name: &'static str) -> Form {
        let mut parts = name.trim_start_matches(RESERVED).split(':');
        Form {
            enum_name: parts.next().unwrap_or(""),
            tag: parts.next().unwrap_or(""),
            content: parts.next(),
        }
    }
}

/// Implements [`Tagged`], `Deserialize` and `Serialize` for an enum that derives both with
/// `#[serde(remote = "Self")]`, given serde's words for it, its reserved name, and its variants and
/// fields with their `#[serde(default)]`s, from which the mirror is derived and moved into the enum
/// (a field missing here does not compile; a variant missing here fails the tests).
macro_rules! tagged {
    (
        $t:ident as $mirror:ident, $expecting:literal, $name:literal {
            $( $v:ident $({ $( $(#[$a:meta])* $f:ident : $ty:ty ),* $(,)? })? ),* $(,)?
        }
    ) => {
        #[doc = concat!("[`", stringify!($t), "`] externally tagged, for the crate's reader (`codec::tagged`).")]
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        // As its enum's (`Command::Settle` carries a bill): one is read per document.
        #[allow(clippy::large_enum_variant)]
        pub(crate) enum $mirror {
            $( $v $({ $( $(#[$a])* $f: $ty ),* })? ),*
        }

        impl From<$mirror> for $t {
            fn from(m: $mirror) -> $t {
                match m {
                    $( $mirror::$v $({ $($f),* })? => $t::$v $({ $($f),* })? ),*
                }
            }
        }

        impl $crate::codec::tagged::Tagged for $t {
            const NAME: &'static str = $name;
            const EXPECTING: &'static str = $expecting;
            type Mirror = $mirror;
            fn deserialize_derived<'de, D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<Self, D::Error> {
                $t::deserialize(d)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::codec::tagged::deserialize(d)
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $t::serialize(self, s)
            }
        }
    };
}
pub(crate) use tagged;

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    /// The variants of `enum name` in a source, and of its mirror in its `tagged!` (by indentation,
    /// as rustfmt writes them).
    fn variants<'a>(source: &'a str, name: &str) -> (Vec<&'a str>, Vec<&'a str>) {
        let names = |start: &str, indent: usize, end: &str| -> Vec<&'a str> {
            let mut lines = source.lines().skip_while(|l| !l.contains(start)).skip(1);
            let mut found = Vec::new();
            for line in lines.by_ref().take_while(|l| *l != end) {
                let rest = &line[line.len() - line.trim_start().len()..];
                let first = rest.chars().next().unwrap_or(' ');
                if line.len() - rest.len() == indent && first.is_ascii_uppercase() {
                    found.push(rest.split([' ', ',', '{']).next().unwrap_or(""));
                }
            }
            found
        };
        (
            names(&alloc::format!("pub enum {name} "), 4, "}"),
            names(&alloc::format!("{name} as {name}Mirror"), 8, "    }"),
        )
    }

    #[test]
    fn every_variant_has_its_mirror() {
        let wallet = include_str!("../wallet/mod.rs");
        let mirror = include_str!("../wallet/mirror.rs");
        let commands = include_str!("../settlement/commands.rs");
        let plan = include_str!("../plan/input.rs");
        for (enums, mirrors, name, count) in [
            (wallet, mirror, "Command", 16),
            (wallet, mirror, "Event", 23),
            (commands, commands, "LedgerCommand", 2),
            (plan, plan, "ReserveRule", 2),
        ] {
            let (declared, _) = variants(enums, name);
            let (_, mirrored) = variants(mirrors, name);
            assert_eq!(declared.len(), count, "{name}: {declared:?}");
            assert_eq!(declared, mirrored, "{name} and its mirror");
        }
    }

    #[test]
    fn a_reserved_name_reads_as_its_form() {
        assert_eq!(
            Form::parse("\0Command:type:args"),
            Form {
                enum_name: "Command",
                tag: "type",
                content: Some("args")
            }
        );
        assert_eq!(Form::parse("\0Event:type").content, None);
        assert!(Form::reserved("\0Event:type"));
        assert!(!Form::reserved("Event"));
    }
}
