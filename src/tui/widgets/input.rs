//! A text input: a string and a cursor (in characters).

#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
}
