//! Forms: a list of fields (text, one-of, several-of), the focus, and field errors.

use super::input::{Edit, Input};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FieldKind {
    Text {
        input: Input,
        multiline: bool,
    },
    /// One of the options: (stored value, i18n key or literal label).
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
    /// Several of the options, toggled with Space; `at` is the highlighted one.
    Multi {
        options: Vec<(String, String)>,
        selected: Vec<bool>,
        at: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The field's name, as in `FieldError::field`; its label is `field.<name>`.
    pub name: String,
    pub kind: FieldKind,
}

impl Field {
    pub fn text(name: &'static str, value: &str) -> Field {
        Field {
            name: name.to_string(),
            kind: FieldKind::Text {
                input: Input::new(value),
                multiline: false,
            },
        }
    }
    pub fn multiline(name: &'static str, value: &str) -> Field {
        Field {
            name: name.to_string(),
            kind: FieldKind::Text {
                input: Input::new(value),
                multiline: true,
            },
        }
    }
    pub fn choice(name: &'static str, options: Vec<(String, String)>, value: &str) -> Field {
        let index = options.iter().position(|(v, _)| v == value).unwrap_or(0);
        Field {
            name: name.to_string(),
            kind: FieldKind::Choice { options, index },
        }
    }
    pub fn multi(name: &'static str, options: Vec<(String, String)>, values: &[String]) -> Field {
        let selected = options.iter().map(|(v, _)| values.contains(v)).collect();
        Field {
            name: name.to_string(),
            kind: FieldKind::Multi {
                options,
                selected,
                at: 0,
            },
        }
    }

    /// The field's value: the text, the chosen value, or the chosen values joined by `,`.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text { input, .. } => input.value.clone(),
            FieldKind::Choice { options, index } => options
                .get(*index)
                .map(|(v, _)| v.clone())
                .unwrap_or_default(),
            FieldKind::Multi {
                options, selected, ..
            } => options
                .iter()
                .zip(selected)
                .filter(|(_, s)| **s)
                .map(|(o, _)| o.0.clone())
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    pub fn is_multiline(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Text {
                multiline: true,
                ..
            }
        )
    }

    /// The user has just entered this field: a pre-filled one-line text is shown
    /// selected and replaced by the first character typed (see `Input::enter`).
    pub fn enter(&mut self) {
        if let FieldKind::Text {
            input,
            multiline: false,
        } = &mut self.kind
        {
            input.enter();
        }
    }

    /// The user left this field: nothing stays selected.
    pub fn leave(&mut self) {
        if let FieldKind::Text { input, .. } = &mut self.kind {
            input.replace = false;
        }
    }

    /// Handles an edit that the keymap did not claim. Returns true when the value changed.
    pub fn handle(&mut self, edit: Edit) -> bool {
        match &mut self.kind {
            FieldKind::Text { input, multiline } => match edit {
                Edit::Enter if *multiline => {
                    input.insert('\n');
                    true
                }
                Edit::Up | Edit::Down if !*multiline => false,
                other => input.handle(other),
            },
            FieldKind::Choice { options, index } => {
                let n = options.len().max(1);
                match edit {
                    Edit::Right | Edit::Char(' ') => *index = (*index + 1) % n,
                    Edit::Left => *index = (*index + n - 1) % n,
                    // A letter jumps to the next option starting with it: long lists
                    // (networks, members) need no endless arrowing.
                    Edit::Char(c) => match jump(options, *index, c) {
                        Some(next) => *index = next,
                        None => return false,
                    },
                    _ => return false,
                }
                true
            }
            FieldKind::Multi {
                options,
                selected,
                at,
            } => {
                let n = options.len().max(1);
                match edit {
                    Edit::Right => *at = (*at + 1) % n,
                    Edit::Left => *at = (*at + n - 1) % n,
                    Edit::Char(' ') => {
                        if let Some(s) = selected.get_mut(*at) {
                            *s = !*s;
                            return true;
                        }
                    }
                    // As in a one-of field: the next option starting with the letter
                    // (the highlight moves, Space still ticks).
                    Edit::Char(c) => {
                        if let Some(next) = jump(options, *at, c) {
                            *at = next;
                        }
                    }
                    _ => {}
                }
                false
            }
        }
    }
}

/// A several-of row as spans after the label: the options as tick boxes from the
/// first one that keeps the highlighted one (`at`, when `focused`) within `width`,
/// with `…` in front when options are left out on the left and at the end when
/// options do not fit on the right. `style` marks the highlighted option. The row
/// takes `width + 2` columns at most: the sign in front and the one at the end.
pub fn multi_spans(
    options: &[(String, String)],
    selected: &[bool],
    at: usize,
    focused: bool,
    width: usize,
    style: ratatui::style::Style,
) -> Vec<ratatui::text::Span<'static>> {
    use ratatui::text::Span;
    let boxes: Vec<Span> = options
        .iter()
        .zip(selected)
        .enumerate()
        .map(|(j, ((_, l), on))| {
            let text = format!(
                "[{}] {} ",
                if *on { "x" } else { " " },
                crate::text::sanitize_line(l)
            );
            if focused && j == at {
                Span::styled(text, style)
            } else {
                Span::raw(text)
            }
        })
        .collect();
    let at = if focused {
        at.min(boxes.len().saturating_sub(1))
    } else {
        0
    };
    let mut first = 0;
    while first < at && boxes[first..=at].iter().map(Span::width).sum::<usize>() > width {
        first += 1;
    }
    let total = boxes.len();
    let mut spans = vec![Span::raw(if first > 0 { "…" } else { " " })];
    let mut used = 0;
    for b in boxes.into_iter().skip(first) {
        if used + b.width() > width {
            break;
        }
        used += b.width();
        spans.push(b);
    }
    if first + spans.len() - 1 < total {
        spans.push(Span::raw("…"));
    }
    spans
}

/// The next option after `from` (going round) whose label starts with `c`, folded, so
/// `o` finds `Örebro` too.
fn jump(options: &[(String, String)], from: usize, c: char) -> Option<usize> {
    let n = options.len().max(1);
    let c = crate::text::fold(&c.to_string());
    (1..=n).map(|step| (from + step) % n).find(|&i| {
        options
            .get(i)
            .is_some_and(|(_, l)| crate::text::fold(l).starts_with(&c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(v: &[&str]) -> Vec<(String, String)> {
        v.iter().map(|s| (s.to_string(), s.to_string())).collect()
    }

    #[test]
    fn choice_cycles_and_multi_toggles() {
        let mut f = Field::choice("kind", opts(&["a", "b", "c"]), "c");
        assert_eq!(f.value(), "c");
        f.handle(Edit::Right);
        assert_eq!(f.value(), "a");
        f.handle(Edit::Left);
        assert_eq!(f.value(), "c");
        let mut m = Field::multi("areas", opts(&["x", "y"]), &["y".to_string()]);
        m.handle(Edit::Char(' '));
        assert_eq!(m.value(), "x,y");
        m.handle(Edit::Right);
        m.handle(Edit::Char(' '));
        assert_eq!(m.value(), "x");
    }

    #[test]
    fn a_letter_jumps_to_the_next_option_starting_with_it() {
        let mut f = Field::choice(
            "network",
            opts(&["Eurocities", "UBC", "Union", "Énergie"]),
            "Eurocities",
        );
        assert!(f.handle(Edit::Char('u')));
        assert_eq!(f.value(), "UBC");
        f.handle(Edit::Char('U'));
        assert_eq!(f.value(), "Union");
        f.handle(Edit::Char('e'));
        assert_eq!(f.value(), "Énergie");
        f.handle(Edit::Char('e'));
        assert_eq!(f.value(), "Eurocities");
        assert!(!f.handle(Edit::Char('z')));
        assert_eq!(f.value(), "Eurocities");
    }

    #[test]
    fn enter_is_a_newline_only_in_multiline_fields() {
        let mut notes = Field::multiline("notes", "a");
        assert!(notes.handle(Edit::Enter));
        assert_eq!(notes.value(), "a\n");
        let mut name = Field::text("name", "a");
        assert!(!name.handle(Edit::Enter));
    }

    #[test]
    fn a_letter_in_a_several_of_field_moves_the_highlight_and_space_ticks() {
        let mut m = Field::multi(
            "participants",
            opts(&["Eva", "Anders", "Örjan", "Annika"]),
            &[],
        );
        assert!(!m.handle(Edit::Char('a')), "a jump changes no value");
        m.handle(Edit::Char('a'));
        m.handle(Edit::Char(' '));
        assert_eq!(m.value(), "Annika");
        m.handle(Edit::Char('o'));
        m.handle(Edit::Char(' '));
        assert_eq!(m.value(), "Örjan,Annika");
        m.handle(Edit::Char('z'));
        m.handle(Edit::Char(' '));
        assert_eq!(m.value(), "Annika", "no such letter: the highlight stays");
    }

    fn row(spans: &[ratatui::text::Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_several_of_row_says_when_options_are_left_out() {
        let o = opts(&["aaa", "bbb", "ccc", "ddd"]);
        let ticks = [false, true, false, false];
        let style = ratatui::style::Style::default();
        // Each box is 8 wide: two fit in 20 columns, the rest are signed.
        assert_eq!(
            row(&multi_spans(&o, &ticks, 0, false, 20, style)),
            " [ ] aaa [x] bbb …"
        );
        // All fit: no sign.
        assert_eq!(
            row(&multi_spans(&o, &ticks, 0, false, 32, style)),
            " [ ] aaa [x] bbb [ ] ccc [ ] ddd "
        );
        // Focused on the last one: the row starts later, signed at the front.
        assert_eq!(
            row(&multi_spans(&o, &ticks, 3, true, 20, style)),
            "…[ ] ccc [ ] ddd "
        );
        assert_eq!(
            row(&multi_spans(&o, &ticks, 2, true, 20, style)),
            "…[x] bbb [ ] ccc …"
        );
    }

    #[test]
    fn entering_a_field_selects_only_a_filled_one_line_text() {
        let mut date = Field::text("date", "2026-11-28");
        date.enter();
        date.handle(Edit::Char('2'));
        assert_eq!(date.value(), "2");
        let mut notes = Field::multiline("notes", "keep");
        notes.enter();
        notes.handle(Edit::Char('!'));
        assert_eq!(notes.value(), "keep!");
        let mut left = Field::text("name", "Gävle");
        left.enter();
        left.leave();
        left.handle(Edit::Char('!'));
        assert_eq!(left.value(), "Gävle!");
    }
}
