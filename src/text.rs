//! Text helpers: sanitising untrusted text for the terminal, folding for search, and
//! sort keys for Swedish and English order.

use std::borrow::Cow;

/// True for characters that may reorder or hide text when drawn: bidi embeddings,
/// overrides and isolates, and the invisible direction marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

fn needs_cleaning(c: char, keep_newlines: bool) -> bool {
    if keep_newlines && c == '\n' {
        return false;
    }
    c.is_control() || is_bidi_control(c)
}

/// Cleans a text for drawing on one line: control characters (escape sequences included)
/// become `�`, line breaks and tabs become spaces, bidi controls are dropped.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// Cleans a multi-line text for drawing: like [`sanitize_line`], but keeps `\n`.
pub fn sanitize_block(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

fn clean(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| needs_cleaning(c, keep_newlines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_bidi_control(c) => {}
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One character as an editor may draw it: control and bidi characters become `�`
/// (one for one, so cursor positions stay right).
pub fn visible_char(c: char) -> char {
    if c.is_control() || is_bidi_control(c) {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Folds a text for search and comparison: diacritics removed (Łódź → lodz, Gävle →
/// gavle, ß → ss), lower case, runs of anything that is not a letter or digit become one
/// space, no leading or trailing space.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            push_folded(&mut out, c, &mut pending_space);
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

fn push_folded(out: &mut String, c: char, pending_space: &mut bool) {
    let mut buf = [0u8; 4];
    let ascii = if c.is_ascii() {
        c.encode_utf8(&mut buf)
    } else {
        deunicode::deunicode_char(c).unwrap_or("")
    };
    for a in ascii.chars() {
        if a.is_ascii_alphanumeric() {
            if *pending_space {
                out.push(' ');
                *pending_space = false;
            }
            out.push(a.to_ascii_lowercase());
        } else if !out.is_empty() {
            *pending_space = true;
        }
    }
}

/// The folded words of a text, for building search queries.
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A key whose byte order is Swedish alphabetical order: Å, Ä, Ö after Z (Æ with Ä,
/// Ø with Ö, Ü with Y), other diacritics folded away, case ignored.
pub fn sort_key_sv(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let special = match c {
            'å' | 'Å' => Some('{'),
            'ä' | 'Ä' | 'æ' | 'Æ' => Some('|'),
            'ö' | 'Ö' | 'ø' | 'Ø' => Some('}'),
            'ü' | 'Ü' => Some('y'),
            _ => None,
        };
        if let Some(k) = special {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(k);
        } else if c.is_alphanumeric() {
            push_folded(&mut out, c, &mut pending_space);
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

/// Exactly `width` terminal columns: cut as [`truncate`] does, then padded with spaces.
/// `format!("{:<w$}")` pads by characters, so a name in a wide script (CJK, two
/// columns a character) would push the columns after it out of line.
pub fn fit(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let cut = truncate(s, width);
    let pad = width.saturating_sub(cut.width());
    format!("{cut}{}", " ".repeat(pad))
}

/// Cuts a display string to at most `width` terminal columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> Cow<'_, str> {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= width {
        return Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn fold_removes_diacritics_and_case() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("GÄVLE"), "gavle");
        assert_eq!(fold("Lübeck"), "lubeck");
        assert_eq!(fold("  Stadt   Lübeck, (DE) "), "stadt lubeck de");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Tromsø"), "tromso");
    }

    #[test]
    fn sanitize_strips_escapes_and_bidi() {
        assert_eq!(sanitize_line("a\x1b[31mred"), "a\u{FFFD}[31mred");
        assert_eq!(sanitize_line("abc\u{202E}cba"), "abccba");
        assert_eq!(sanitize_line("two\nlines\ttab"), "two lines tab");
        assert_eq!(sanitize_block("two\nlines\r"), "two\nlines ");
        assert!(matches!(sanitize_line("Gävle"), Cow::Borrowed(_)));
    }

    #[test]
    fn swedish_order_puts_aao_after_z() {
        let mut names = vec!["Östersund", "Ängelholm", "Zürich", "Åre", "Oslo", "Aarhus"];
        names.sort_by_key(|n| sort_key_sv(n));
        assert_eq!(
            names,
            ["Aarhus", "Oslo", "Zürich", "Åre", "Ängelholm", "Östersund"]
        );
    }

    #[test]
    fn truncate_respects_width() {
        assert_eq!(truncate("Gävleborg", 5), "Gävl…");
        assert_eq!(truncate("Gävle", 5), "Gävle");
    }

    #[test]
    fn fit_fills_columns_not_characters() {
        use unicode_width::UnicodeWidthStr;
        assert_eq!(fit("Åbo", 5), "Åbo  ");
        assert_eq!(fit("Gävleborg", 5), "Gävl…");
        // Two columns a character: padded (or cut) to the same width as Latin text.
        for name in ["東京都", "東京都庁舎の国際課", "서울특별시"] {
            assert_eq!(fit(name, 8).width(), 8, "{name}");
        }
        assert_eq!(fit("東京都", 8), "東京都  ");
    }

    proptest! {
        #[test]
        fn sanitized_text_has_no_controls(s in any::<String>()) {
            let line = sanitize_line(&s);
            prop_assert!(!line.chars().any(|c| c.is_control() || is_bidi_control(c)));
            let block = sanitize_block(&s);
            prop_assert!(!block.chars().any(|c| (c.is_control() && c != '\n') || is_bidi_control(c)));
        }

        #[test]
        fn fold_is_idempotent_ascii(s in any::<String>()) {
            let f = fold(&s);
            prop_assert!(f.is_ascii());
            prop_assert_eq!(fold(&f), f.clone());
            prop_assert!(!f.starts_with(' ') && !f.ends_with(' ') && !f.contains("  "));
        }
    }
}
