//! Forms: a list of fields (text, one-of, several-of), the focus, and field errors.

use super::input::Input;
use ratatui::crossterm::event::KeyCode;

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

    /// Handles a key that the keymap did not claim. Returns true when the value changed.
    pub fn handle(&mut self, code: KeyCode) -> bool {
        match &mut self.kind {
            FieldKind::Text { input, multiline } => match code {
                KeyCode::Enter if *multiline => {
                    input.insert('\n');
                    true
                }
                KeyCode::Up | KeyCode::Down if !*multiline => false,
                other => input.handle(other),
            },
            FieldKind::Choice { options, index } => {
                let n = options.len().max(1);
                match code {
                    KeyCode::Right | KeyCode::Char(' ') => *index = (*index + 1) % n,
                    KeyCode::Left => *index = (*index + n - 1) % n,
                    // A letter jumps to the next option starting with it: long lists
                    // (networks, members) need no endless arrowing.
                    KeyCode::Char(c) => {
                        let c = crate::text::fold(&c.to_string());
                        let Some(next) = (1..=n).map(|step| (*index + step) % n).find(|&i| {
                            options
                                .get(i)
                                .is_some_and(|(_, l)| crate::text::fold(l).starts_with(&c))
                        }) else {
                            return false;
                        };
                        *index = next;
                    }
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
                match code {
                    KeyCode::Right => *at = (*at + 1) % n,
                    KeyCode::Left => *at = (*at + n - 1) % n,
                    KeyCode::Char(' ') => {
                        if let Some(s) = selected.get_mut(*at) {
                            *s = !*s;
                            return true;
                        }
                    }
                    _ => {}
                }
                false
            }
        }
    }
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
        f.handle(KeyCode::Right);
        assert_eq!(f.value(), "a");
        f.handle(KeyCode::Left);
        assert_eq!(f.value(), "c");
        let mut m = Field::multi("areas", opts(&["x", "y"]), &["y".to_string()]);
        m.handle(KeyCode::Char(' '));
        assert_eq!(m.value(), "x,y");
        m.handle(KeyCode::Right);
        m.handle(KeyCode::Char(' '));
        assert_eq!(m.value(), "x");
    }

    #[test]
    fn a_letter_jumps_to_the_next_option_starting_with_it() {
        let mut f = Field::choice(
            "network",
            opts(&["Eurocities", "UBC", "Union", "Énergie"]),
            "Eurocities",
        );
        assert!(f.handle(KeyCode::Char('u')));
        assert_eq!(f.value(), "UBC");
        f.handle(KeyCode::Char('U'));
        assert_eq!(f.value(), "Union");
        f.handle(KeyCode::Char('e'));
        assert_eq!(f.value(), "Énergie");
        f.handle(KeyCode::Char('e'));
        assert_eq!(f.value(), "Eurocities");
        assert!(!f.handle(KeyCode::Char('z')));
        assert_eq!(f.value(), "Eurocities");
    }

    #[test]
    fn enter_is_a_newline_only_in_multiline_fields() {
        let mut notes = Field::multiline("notes", "a");
        assert!(notes.handle(KeyCode::Enter));
        assert_eq!(notes.value(), "a\n");
        let mut name = Field::text("name", "a");
        assert!(!name.handle(KeyCode::Enter));
    }
}
