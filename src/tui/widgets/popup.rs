//! Popups: a bordered box over the screen whose border nothing inside may cover.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear};
use unicode_width::UnicodeWidthStr;

/// Draws a popup: clears `area`, lets `content` draw inside `block`'s border, then
/// makes wide text that does not fit (see [`fit_wide`]) and draws the border last.
pub fn popup(f: &mut Frame, area: Rect, block: Block, content: impl FnOnce(&mut Frame, Rect)) {
    // What is drawn beside the popup on its left may be wide and reach into it.
    let buf = f.buffer_mut();
    let area = area.intersection(buf.area);
    let left = area.left().saturating_sub(MAX_WIDTH);
    let beside = Rect::new(left, area.y, area.left() - left, area.height);
    fit_wide(buf, beside);
    f.render_widget(Clear, area);
    let inner = block.inner(area);
    content(f, inner);
    let buf = f.buffer_mut();
    fit_wide(buf, inner);
    // The content may have written over the border (ratatui's wrapping can place a
    // wide grapheme one column too far): draw it again, from clean cells.
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if !inner.contains((x, y).into()) {
                buf[(x, y)].reset();
            }
        }
    }
    f.render_widget(block, area);
}

/// How many columns to the left of a popup to look for a grapheme reaching into
/// it: wider ones than this do not occur in text (a flag or a CJK character is 2).
const MAX_WIDTH: u16 = 4;

/// Replaces each wide grapheme (a flag, a CJK character, an emoji) that starts
/// inside `area` but does not end inside it with `…`. A terminal draws such a
/// grapheme whole, so its second half would cover whatever is beside the area (a
/// border), and ratatui does not redraw the cell it covers.
pub fn fit_wide(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    let right = usize::from(area.right());
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let width = buf[(x, y)].symbol().width();
            if width > 1 && usize::from(x) + width > right {
                buf[(x, y)].set_symbol("…");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::{Borders, Paragraph, Wrap};

    /// The cells of row `y`.
    fn row(t: &Terminal<TestBackend>, y: u16) -> Vec<String> {
        let buf = t.backend().buffer();
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn flags_beside_and_inside_a_popup_leave_its_border_whole() {
        // Under the popup: flags from column 2, so one straddles its left border
        // (column 3). Inside: a word ending in a flag one column past the inner
        // width, which ratatui's wrapping draws over the right border (column 14).
        let mut t = Terminal::new(TestBackend::new(16, 3)).unwrap();
        t.draw(|f| {
            f.render_widget(Paragraph::new(format!("aa{}", "🇸🇪".repeat(7))), f.area());
            let block = Block::default().borders(Borders::LEFT | Borders::RIGHT);
            popup(f, Rect::new(3, 0, 12, 3), block, |f, inner| {
                let text = "aaaaaaa🇸🇪🇸🇪";
                f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
            });
        })
        .unwrap();
        let r = row(&t, 0);
        assert_eq!(r[2], "…", "the flag under the left border: {r:?}");
        assert_eq!(r[3], "│", "{r:?}");
        assert_eq!(r[13], "…", "the flag at the right border: {r:?}");
        assert_eq!(r[14], "│", "{r:?}");
    }

    #[test]
    fn a_wide_grapheme_at_the_edge_becomes_an_ellipsis() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a🇸🇪b", ratatui::style::Style::default());
        buf.set_string(4, 0, "中", ratatui::style::Style::default());
        fit_wide(&mut buf, Rect::new(0, 0, 5, 1));
        let row: Vec<&str> = (0..6).map(|x| buf[(x, 0)].symbol()).collect();
        // The flag fits (columns 1 and 2); 中 at column 4 would reach column 5.
        assert_eq!(row, ["a", "🇸🇪", " ", "b", "…", " "]);
    }
}
