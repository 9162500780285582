//! A key as the keymap knows it: a code and its modifiers, parsed from the config
//! file (`ctrl-s`, `shift-tab`, `f1`) and labelled for help and hints.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with modifiers, comparable with crossterm's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub(super) const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    pub(super) const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub(super) const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Normalises an event: Shift is folded into upper-case letters and BackTab.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// Parses `q`, `ctrl-s`, `enter`, `esc`, `tab`, `shift-tab`, `up`, `pgdn`, `f1`...
    pub fn parse(s: &str) -> Option<Key> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Key::ctrl(c)),
                // `ctrl-left` and the like: a named key with Ctrl.
                _ => Key::named(rest).map(|code| Key {
                    code,
                    mods: KeyModifiers::CONTROL,
                }),
            };
        }
        if let Some(rest) = lower.strip_prefix("alt-") {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Key {
                    code: KeyCode::Char(c),
                    mods: KeyModifiers::ALT,
                }),
                _ => Key::named(rest).map(|code| Key {
                    code,
                    mods: KeyModifiers::ALT,
                }),
            };
        }
        let code = match Key::named(&lower) {
            Some(code) => code,
            None => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(Key::plain(code))
    }

    /// A key by its name (`enter`, `left`, `f1`...), lower case.
    fn named(lower: &str) -> Option<KeyCode> {
        Some(match lower {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            _ => return None,
        })
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_label() {
        assert_eq!(Key::parse("ctrl-s"), Some(Key::ctrl('s')));
        assert_eq!(Key::parse("q"), Some(Key::ch('q')));
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("F1"), Some(Key::plain(KeyCode::F(1))));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("nonsense"), None);
        assert_eq!(Key::ctrl('s').label(), "Ctrl-S");
        let ctrl_left = Key {
            code: KeyCode::Left,
            mods: KeyModifiers::CONTROL,
        };
        assert_eq!(Key::parse("ctrl-left"), Some(ctrl_left));
        assert_eq!(ctrl_left.label(), "Ctrl-←");
        assert_eq!(Key::parse("ctrl-nonsense"), None);
    }
}
