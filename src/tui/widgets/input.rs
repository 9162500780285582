//! A text input: a string and a cursor (in characters).

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Input {
    pub value: String,
    /// Cursor position in characters.
    pub cursor: usize,
}

impl Input {
    pub fn new(value: &str) -> Input {
        Input {
            value: value.to_string(),
            cursor: value.chars().count(),
        }
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
    /// cursor's (row, column) in it.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(1);
        let mut rows = vec![String::new()];
        let mut col = 0;
        let mut cursor = (0, 0);
        for (i, c) in self.value.chars().enumerate() {
            if i == self.cursor {
                cursor = (rows.len() - 1, col);
            }
            if c == '\n' {
                rows.push(String::new());
                col = 0;
                continue;
            }
            if col == width {
                rows.push(String::new());
                col = 0;
                if i == self.cursor {
                    cursor = (rows.len() - 1, 0);
                }
            }
            if let Some(row) = rows.last_mut() {
                row.push(crate::text::visible_char(c));
            }
            col += 1;
        }
        if self.cursor >= self.value.chars().count() {
            cursor = (rows.len() - 1, col.min(width));
        }
        (rows, cursor)
    }

    /// Handles an editing key; returns true when the value changed.
    pub fn handle(&mut self, code: ratatui::crossterm::event::KeyCode) -> bool {
        use ratatui::crossterm::event::KeyCode;
        let before = self.value.len();
        match code {
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left => self.left(),
            KeyCode::Right => self.right(),
            KeyCode::Home => self.home(),
            KeyCode::End => self.end(),
            KeyCode::Up => self.up(),
            KeyCode::Down => self.down(),
            _ => return false,
        }
        self.value.len() != before
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
}
