//! The compilation as Markdown for mail and the intranet: ATX headings, GitHub
//! Flavored Markdown tables (numbers right-aligned), a unit's words as paragraphs. The
//! charts are their tables.
//!
//! Every text is plain text, never markup: [`esc`] puts a backslash before each
//! character that would start emphasis, a link, code, raw HTML, an entity or a table
//! cell (`\ ` * _ [ ] < > & | ~`), and [`esc_line`] also before what would start a
//! block at the beginning of a line (a heading, a quote, a list, a setext underline).
//! So `<script>` stays text and a `|` in a name cannot split a table cell.

use super::{Block, Cell, Doc, Table, paragraphs};
use std::fmt::Write;

/// A text inside a line (a table cell, a heading's text): controls removed, line
/// breaks become spaces, inline markup escaped.
pub fn esc(s: &str) -> String {
    let s = crate::interchange::export_text(s);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A line of running text: [`esc`], leading blanks dropped (four would start code),
/// and a character that would start a block at the beginning of a line escaped.
pub fn esc_line(s: &str) -> String {
    let s = esc(s.trim_start());
    let mut chars = s.chars();
    match chars.next() {
        Some(c @ ('#' | '-' | '+' | '=')) => format!("\\{c}{}", chars.as_str()),
        Some(c) if c.is_ascii_digit() => {
            // `1.` or `1)` starts an ordered list.
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            let rest = &s[digits.len()..];
            match rest.chars().next() {
                Some(m @ ('.' | ')')) => format!("{digits}\\{m}{}", &rest[1..]),
                _ => s,
            }
        }
        _ => s,
    }
}

pub fn render(doc: &Doc) -> String {
    let mut out = String::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text) => {
                let level = usize::from((*level).clamp(1, 6));
                let _ = writeln!(out, "{} {}\n", "#".repeat(level), esc(text));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "{}\n", esc_line(text));
            }
            Block::Text(text) => {
                for para in paragraphs(text) {
                    let lines: Vec<String> = para.iter().map(|l| esc_line(l)).collect();
                    // A backslash at the end of a line is a line break.
                    let _ = writeln!(out, "{}\n", lines.join("\\\n"));
                }
            }
            Block::Table(t) if t.in_doc => table(&mut out, doc, t),
            Block::Table(_) => {}
            Block::Chart(c) => table(&mut out, doc, &c.table),
        }
    }
    out
}

fn table(out: &mut String, doc: &Doc, t: &Table) {
    if t.rows.is_empty() {
        let _ = writeln!(out, "{}\n", esc_line(&doc.empty_note(t)));
        return;
    }
    let _ = writeln!(out, "**{}**\n", esc(&t.caption));
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| i > 0 && t.rows.iter().any(|r| r.get(i).is_some_and(Cell::is_number)))
        .collect();
    let head: Vec<String> = t.columns.iter().map(|c| esc(c)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let rule: Vec<&str> = numeric
        .iter()
        .map(|n| if *n { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in &t.rows {
        let cells: Vec<String> = (0..t.columns.len())
            .map(|i| {
                row.get(i)
                    .map(|c| esc(&c.text(doc.lang)))
                    .unwrap_or_default()
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            esc("<script>a|b</script> *x* _y_ [l](u) `c` &amp; ~s~ \\"),
            "\\<script\\>a\\|b\\</script\\> \\*x\\* \\_y\\_ \\[l\\](u) \\`c\\` \\&amp; \\~s\\~ \\\\"
        );
        assert_eq!(esc_line("# not a heading"), "\\# not a heading");
        assert_eq!(esc_line("  - item"), "\\- item");
        assert_eq!(esc_line("=cmd"), "\\=cmd");
        assert_eq!(esc_line("2026. year"), "2026\\. year");
        assert_eq!(esc_line("2026 year"), "2026 year");
        assert_eq!(esc_line("a\x1b[31m\nb"), "a\\[31m b");
    }
}
