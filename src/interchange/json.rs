//! JSON for a terminal: serde_json's pretty output, with every character that could
//! act on a terminal written as a `\uXXXX` escape.
//!
//! serde_json escapes only what JSON requires (`"`, `\` and U+0000–U+001F). A stored
//! text with DEL, a C1 control such as U+009B (CSI, an escape sequence in one
//! character) or a bidi override such as U+202E would leave raw and act when someone
//! `cat`s the file. [`Formatter`] escapes those too; the result is still valid JSON and
//! parses back to the same text.

use serde::Serialize;
use serde_json::ser::PrettyFormatter;
use std::io::{self, Write};

/// True for what the JSON writer escapes beyond serde_json: C0 and C1 controls, DEL,
/// and the bidi and direction controls.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || crate::text::is_bidi_control(c)
}

/// serde_json's pretty formatter with the extra escapes of [`needs_escape`].
#[derive(Default)]
pub struct Formatter {
    pretty: PrettyFormatter<'static>,
}

impl serde_json::ser::Formatter for Formatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane: one escape.
                write!(writer, "\\u{:04X}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(writer)
    }
}

/// A value as pretty JSON that is harmless on a terminal. Every `--json` output goes
/// through here.
pub fn to_string_pretty(value: &impl Serialize) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Formatter::default());
    value.serialize(&mut ser)?;
    // The serializer writes only valid UTF-8 (strings in, ASCII escapes added).
    String::from_utf8(out).map_err(|e| serde_json::Error::io(io::Error::other(e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_what_acts_on_a_terminal() {
        let v = serde_json::json!({
            "t\u{202E}key": "a\x1b[31mb\x07c\rd\u{9B}2Je\u{7F}f\u{202E}g\u{2066}h\u{200F}i\u{61C}j",
            "plain": "Gävle ✓ 😀",
        });
        let s = to_string_pretty(&v).unwrap();
        assert!(
            s.contains(r#""a\u001b[31mb\u0007c\rd\u009B2Je\u007Ff\u202Eg\u2066h\u200Fi\u061Cj""#),
            "{s}"
        );
        assert!(s.contains(r#""t\u202Ekey""#), "{s}");
        assert!(s.contains("\"Gävle ✓ 😀\""), "{s}");
        assert!(
            !s.chars()
                .any(|c| c != '\n' && (c.is_control() || crate::text::is_bidi_control(c))),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn layout_is_serde_jsons_pretty_layout() {
        let v = serde_json::json!({"a": [1, {"b": []}, {}], "c": "d"});
        assert_eq!(
            to_string_pretty(&v).unwrap(),
            serde_json::to_string_pretty(&v).unwrap()
        );
    }

    proptest! {
        #[test]
        fn any_text_round_trips_and_leaves_no_control(
            s in "(.|[\\x00-\\x1F\\x7F-\\x{9F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}\\x{200E}\\x{200F}\\x{061C}])*"
        ) {
            let out = to_string_pretty(&serde_json::json!([s.clone()])).unwrap();
            prop_assert!(!out.chars().any(|c| c != '\n' && (c.is_control() || crate::text::is_bidi_control(c))));
            let back: Vec<String> = serde_json::from_str(&out).unwrap();
            prop_assert_eq!(&back[0], &s);
        }
    }
}
