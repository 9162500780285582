//! A text input: a string and a cursor (in characters), edited by [`Edit`]s: the
//! plain keys, and the readline keys the keymap's `edit` context turns into edits
//! (`Ctrl-U`, `Ctrl-K`, `Ctrl-W`, `Ctrl-A`/`Ctrl-E`, `Alt-B`/`Alt-F`, `Alt-D`).
//!
//! A pre-filled one-line field that the user has just entered is in the *replace*
//! state (`replace`): the first printable character replaces the whole value, as
//! typing into a selected field does in a GUI. Any other edit or movement first
//! ends that state, so `End` and then typing still appends.

use ratatui::crossterm::event::KeyCode;

/// One change to a text input (or, for a choice, a move), from a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A printable character.
    Char(char),
    Enter,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    /// Start of the line (`Home`, `Ctrl-A`).
    LineStart,
    /// End of the line (`End`, `Ctrl-E`).
    LineEnd,
    /// One word back (`Alt-B`, `Ctrl-←`).
    WordLeft,
    /// One word forward (`Alt-F`, `Ctrl-→`).
    WordRight,
    /// Delete to the start of the line (`Ctrl-U`).
    DeleteToStart,
    /// Delete to the end of the line (`Ctrl-K`).
    DeleteToEnd,
    /// Delete the word before the cursor (`Ctrl-W`).
    DeleteWordBack,
    /// Delete the word after the cursor (`Alt-D`).
    DeleteWordForward,
}

impl Edit {
    /// The edit a key without Ctrl or Alt makes, if any.
    pub fn from_code(code: KeyCode) -> Option<Edit> {
        Some(match code {
            KeyCode::Char(c) => Edit::Char(c),
            KeyCode::Enter => Edit::Enter,
            KeyCode::Backspace => Edit::Backspace,
            KeyCode::Delete => Edit::Delete,
            KeyCode::Left => Edit::Left,
            KeyCode::Right => Edit::Right,
            KeyCode::Up => Edit::Up,
            KeyCode::Down => Edit::Down,
            KeyCode::Home => Edit::LineStart,
            KeyCode::End => Edit::LineEnd,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Input {
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
    /// The next printable character replaces the value (see the module header). Not
    /// kept in drafts: a resumed form arms it again when it focuses the field.
    #[serde(skip)]
    pub replace: bool,
}

impl Input {
    pub fn new(value: &str) -> Input {
        Input {
            value: value.to_string(),
            cursor: value.chars().count(),
            replace: false,
        }
    }

    /// The user has just entered this one-line field: the cursor goes to the end and
    /// a value there is replaced by the first character typed.
    pub fn enter(&mut self) {
        self.cursor = self.len();
        self.replace = !self.value.is_empty();
    }

    fn len(&self) -> usize {
        self.value.chars().count()
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_idx)
            .map(|(b, _)| b)
            .unwrap_or(self.value.len())
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.value.chars().count() {
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    pub fn home(&mut self) {
        // Start of the current line.
        let before: Vec<char> = self.value.chars().take(self.cursor).collect();
        self.cursor = before
            .iter()
            .rposition(|c| *c == '\n')
            .map(|p| p + 1)
            .unwrap_or(0);
    }

    pub fn end(&mut self) {
        let chars: Vec<char> = self.value.chars().collect();
        self.cursor = chars[self.cursor..]
            .iter()
            .position(|c| *c == '\n')
            .map(|p| self.cursor + p)
            .unwrap_or(chars.len());
    }

    /// (line start, column) of the cursor, in characters.
    fn line_and_column(&self) -> (usize, usize) {
        let before: Vec<char> = self.value.chars().take(self.cursor).collect();
        let start = before
            .iter()
            .rposition(|c| *c == '\n')
            .map(|p| p + 1)
            .unwrap_or(0);
        (start, self.cursor - start)
    }

    /// Moves to the same column of the previous line (multi-line text).
    pub fn up(&mut self) {
        let (start, col) = self.line_and_column();
        if start == 0 {
            self.cursor = 0;
            return;
        }
        let chars: Vec<char> = self.value.chars().collect();
        let prev_start = chars[..start - 1]
            .iter()
            .rposition(|c| *c == '\n')
            .map(|p| p + 1)
            .unwrap_or(0);
        self.cursor = prev_start + col.min(start - 1 - prev_start);
    }

    /// Moves to the same column of the next line (multi-line text).
    pub fn down(&mut self) {
        let (_, col) = self.line_and_column();
        let chars: Vec<char> = self.value.chars().collect();
        let Some(nl) = chars[self.cursor..]
            .iter()
            .position(|c| *c == '\n')
            .map(|p| self.cursor + p)
        else {
            self.cursor = chars.len();
            return;
        };
        let next_end = chars[nl + 1..]
            .iter()
            .position(|c| *c == '\n')
            .map(|p| nl + 1 + p)
            .unwrap_or(chars.len());
        self.cursor = (nl + 1 + col).min(next_end);
    }

    /// The text soft-wrapped at `width` characters, cleaned for drawing, and the
    /// cursor's (row, column) in it. Lines break after a space where there is one
    /// within the width (a word is not split), else at the width.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(1);
        let chars: Vec<char> = self.value.chars().collect();
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        let mut line_start = 0;
        loop {
            let line_end = chars[line_start..]
                .iter()
                .position(|c| *c == '\n')
                .map_or(chars.len(), |p| line_start + p);
            // Rows of this logical line: [s, e) each.
            let mut s = line_start;
            loop {
                let e = if line_end - s <= width {
                    line_end
                } else {
                    // After the last space that keeps the row within the width.
                    match (s..s + width).rev().find(|&j| chars[j] == ' ' && j > s) {
                        Some(j) => j + 1,
                        None => s + width,
                    }
                };
                let last = e == line_end;
                if (s..e).contains(&self.cursor) || (last && self.cursor == e) {
                    cursor = (rows.len(), self.cursor - s);
                }
                rows.push(
                    chars[s..e]
                        .iter()
                        .map(|c| crate::text::visible_char(*c))
                        .collect::<String>(),
                );
                if last {
                    break;
                }
                s = e;
            }
            if line_end >= chars.len() {
                break;
            }
            line_start = line_end + 1;
        }
        if self.cursor > chars.len() {
            let last = rows.len() - 1;
            cursor = (last, rows[last].chars().count().min(width));
        }
        (rows, cursor)
    }

    /// The cursor after moving one word back: to the start of the word it is in or
    /// the one before (a word: letters and digits, as readline's `Alt-B`).
    fn word_left(&self) -> usize {
        let chars: Vec<char> = self.value.chars().collect();
        let mut at = self.cursor.min(chars.len());
        while at > 0 && !chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
        while at > 0 && chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
        at
    }

    /// The cursor after moving one word forward: to the end of the word it is in or
    /// the next one (readline's `Alt-F`).
    fn word_right(&self) -> usize {
        let chars: Vec<char> = self.value.chars().collect();
        let mut at = self.cursor.min(chars.len());
        while at < chars.len() && !chars[at].is_alphanumeric() {
            at += 1;
        }
        while at < chars.len() && chars[at].is_alphanumeric() {
            at += 1;
        }
        at
    }

    /// Where the word before the cursor starts, words separated by white space
    /// (`Ctrl-W` as in a shell: `2026-11-28` goes whole).
    fn spaced_word_left(&self) -> usize {
        let chars: Vec<char> = self.value.chars().collect();
        let mut at = self.cursor.min(chars.len());
        while at > 0 && chars[at - 1].is_whitespace() {
            at -= 1;
        }
        while at > 0 && !chars[at - 1].is_whitespace() {
            at -= 1;
        }
        at
    }

    /// Removes the characters `from..to` and leaves the cursor at `from`.
    fn remove_range(&mut self, from: usize, to: usize) {
        let (from, to) = (from.min(to), to.max(from).min(self.len()));
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.value.replace_range(a..b, "");
        self.cursor = from;
    }

    /// Handles an edit; returns true when the value changed. In the replace state a
    /// printable character replaces the value; any other edit ends the state first.
    pub fn handle(&mut self, edit: Edit) -> bool {
        if std::mem::take(&mut self.replace)
            && let Edit::Char(c) = edit
        {
            self.value.clear();
            self.cursor = 0;
            self.insert(c);
            return true;
        }
        // A cursor read from an old draft may lie past the text.
        self.cursor = self.cursor.min(self.len());
        let before = self.value.clone();
        match edit {
            Edit::Char(c) => self.insert(c),
            Edit::Backspace => self.backspace(),
            Edit::Delete => self.delete(),
            Edit::Left => self.left(),
            Edit::Right => self.right(),
            Edit::LineStart => self.home(),
            Edit::LineEnd => self.end(),
            Edit::Up => self.up(),
            Edit::Down => self.down(),
            Edit::WordLeft => self.cursor = self.word_left(),
            Edit::WordRight => self.cursor = self.word_right(),
            Edit::DeleteToStart => {
                let end = self.cursor;
                self.home();
                self.remove_range(self.cursor, end);
            }
            Edit::DeleteToEnd => {
                let start = self.cursor;
                self.end();
                // At the end of a line, the line break goes (as in Emacs).
                let end = if self.cursor == start && self.cursor < self.len() {
                    start + 1
                } else {
                    self.cursor
                };
                self.remove_range(start, end);
            }
            Edit::DeleteWordBack => self.remove_range(self.spaced_word_left(), self.cursor),
            Edit::DeleteWordForward => self.remove_range(self.cursor, self.word_right()),
            Edit::Enter => {}
        }
        self.value != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_multibyte_text() {
        let mut i = Input::new("Gävle");
        i.left();
        i.left();
        i.backspace();
        assert_eq!(i.value, "Gäle");
        i.insert('v');
        assert_eq!(i.value, "Gävle");
        i.home();
        i.insert('Ł');
        assert_eq!(i.value, "ŁGävle");
        i.end();
        i.backspace();
        assert_eq!(i.value, "ŁGävl");
    }

    #[test]
    fn wraps_long_lines_and_places_the_cursor() {
        let mut i = Input::new("abcdef\nxy");
        let (rows, cursor) = i.wrapped(4);
        assert_eq!(rows, ["abcd", "ef", "xy"]);
        assert_eq!(cursor, (2, 2));
        i.cursor = 5;
        assert_eq!(i.wrapped(4).1, (1, 1));
        i.value = "a\u{1b}b".into();
        assert_eq!(i.wrapped(10).0, ["a\u{FFFD}b"]);
    }

    /// Words stay whole where a space allows (the walk-through saw "m / edborgardialog"
    /// in the account's words); a word longer than the row is still cut at the width.
    #[test]
    fn wraps_at_spaces_and_keeps_the_cursor_on_its_word() {
        let mut i = Input::new("för medborgardialog i två");
        assert_eq!(i.wrapped(12).0, ["för ", "medborgardia", "log i två"]);
        let mut i2 = Input::new("hello world foo");
        assert_eq!(i2.wrapped(8).0, ["hello ", "world ", "foo"]);
        i2.cursor = 6;
        assert_eq!(i2.wrapped(8).1, (1, 0), "on the w of world");
        i2.cursor = 15;
        assert_eq!(i2.wrapped(8).1, (2, 3), "after foo");
        i.cursor = 4;
        assert_eq!(i.wrapped(12).1, (1, 0));
    }

    #[test]
    fn moves_between_lines_keeping_the_column() {
        let mut i = Input::new("first line\nab\nthird");
        i.up();
        assert_eq!(
            i.cursor,
            "first line\n".len() + 2,
            "clamped to the short line"
        );
        i.up();
        assert_eq!(i.cursor, 2);
        i.down();
        i.down();
        assert_eq!(i.cursor, "first line\nab\n".len() + 2);
        i.down();
        assert_eq!(i.cursor, i.value.chars().count());
    }

    fn typed(i: &mut Input, text: &str) {
        for c in text.chars() {
            i.handle(Edit::Char(c));
        }
    }

    #[test]
    fn readline_keys_delete_and_move_by_words_and_lines() {
        let mut i = Input::new("Lübeck University of Applied");
        assert!(i.handle(Edit::DeleteWordBack));
        assert_eq!(i.value, "Lübeck University of ");
        i.handle(Edit::WordLeft);
        i.handle(Edit::WordLeft);
        assert_eq!(i.cursor, "Lübeck ".chars().count());
        i.handle(Edit::WordRight);
        assert_eq!(i.cursor, "Lübeck University".chars().count());
        assert!(i.handle(Edit::DeleteToEnd));
        assert_eq!(i.value, "Lübeck University");
        i.handle(Edit::LineStart);
        assert!(i.handle(Edit::DeleteWordForward));
        assert_eq!(i.value, " University");
        i.handle(Edit::LineEnd);
        assert_eq!(i.cursor, i.value.chars().count());
        assert!(i.handle(Edit::DeleteToStart));
        assert_eq!((i.value.as_str(), i.cursor), ("", 0));
        assert!(!i.handle(Edit::DeleteToStart), "nothing left to delete");

        // Ctrl-W takes what white space bounds, as in a shell.
        let mut d = Input::new("from 2026-11-28");
        d.handle(Edit::DeleteWordBack);
        assert_eq!(d.value, "from ");

        // In a text of several lines, Ctrl-U and Ctrl-K stay on the cursor's line;
        // Ctrl-K at a line's end joins the next line.
        let mut m = Input::new("first\nsecond line\nthird");
        m.cursor = "first\nsecond".chars().count();
        m.handle(Edit::DeleteToStart);
        assert_eq!(m.value, "first\n line\nthird");
        m.handle(Edit::DeleteToEnd);
        assert_eq!(m.value, "first\n\nthird");
        m.handle(Edit::DeleteToEnd);
        assert_eq!(m.value, "first\nthird");
    }

    #[test]
    fn typing_into_a_field_just_entered_replaces_its_value() {
        let mut date = Input::new("2026-11-28");
        date.enter();
        assert!(date.replace);
        typed(&mut date, "2026-12-01");
        assert_eq!(date.value, "2026-12-01");
        assert!(!date.replace);

        // A movement or an edit first ends the replace state: End, then type, appends.
        let mut name = Input::new("Gävle");
        name.enter();
        assert!(!name.handle(Edit::LineEnd));
        typed(&mut name, " kommun");
        assert_eq!(name.value, "Gävle kommun");
        let mut name = Input::new("Gävle");
        name.enter();
        name.handle(Edit::Backspace);
        typed(&mut name, "f");
        assert_eq!(name.value, "Gävlf");

        // An empty field has nothing to replace.
        let mut empty = Input::new("");
        empty.enter();
        assert!(!empty.replace);
    }

    #[test]
    fn a_cursor_past_the_text_does_not_panic() {
        let mut i = Input::new("ab");
        i.cursor = 40;
        i.handle(Edit::LineEnd);
        i.handle(Edit::DeleteToStart);
        assert_eq!(i.value, "");
    }
}
