//! Lines wrapped under their own indent. A ratatui paragraph's wrap starts every
//! continuation at the pane's border, which reads as a new entry in a detail pane;
//! this wraps (with `textwrap`, never splitting at a hyphen) and indents what follows.

use ratatui::style::Style;
use ratatui::text::Line;

/// `text` as lines of at most `width` columns, pushed onto `lines`; the lines after the
/// first are indented four columns more than `text` itself is. A word longer than the
/// width (an e-mail address in a narrow pane) is broken rather than cut.
pub fn hang(lines: &mut Vec<Line<'_>>, text: &str, style: Option<Style>, width: usize) {
    let indent = " ".repeat(text.len() - text.trim_start().len() + 4);
    let options = textwrap::Options::new(width.max(8))
        .subsequent_indent(&indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for part in textwrap::wrap(text, options) {
        let line = Line::from(part.into_owned());
        lines.push(match style {
            Some(s) => line.style(s),
            None => line,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        hang(&mut lines, text, None, width);
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn continuations_are_indented_under_the_entry() {
        assert_eq!(
            texts("  Baltic Ports Organization (Lead partner)", 30),
            ["  Baltic Ports Organization", "      (Lead partner)"]
        );
    }

    #[test]
    fn hyphenated_words_stay_whole_and_short_text_is_one_line() {
        assert_eq!(
            texts("  see a-coruna-youth-council now", 28),
            ["  see a-coruna-youth-council", "      now"]
        );
        assert_eq!(texts("short", 30), ["short"]);
    }
}
