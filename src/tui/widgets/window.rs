//! A virtualised list: the count, the cursor, the first row drawn, and only a window
//! of rows around them loaded (one query per window, never the whole table).

/// How many rows one query loads.
pub const WINDOW: i64 = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListWindow<T> {
    /// Rows the query shows in all.
    pub total: i64,
    /// Absolute index of the cursor.
    pub cursor: i64,
    /// Absolute index of the first row drawn.
    pub top: i64,
    /// Absolute index of `rows[0]`.
    pub start: i64,
    pub rows: Vec<T>,
}

impl<T> Default for ListWindow<T> {
    fn default() -> Self {
        ListWindow {
            total: 0,
            cursor: 0,
            top: 0,
            start: 0,
            rows: Vec::new(),
        }
    }
}

impl<T> ListWindow<T> {
    /// The row under the cursor, if loaded.
    pub fn current(&self) -> Option<&T> {
        self.row(self.cursor)
    }

    /// The row at an absolute index, if loaded.
    pub fn row(&self, abs: i64) -> Option<&T> {
        usize::try_from(abs - self.start)
            .ok()
            .and_then(|i| self.rows.get(i))
    }

    /// A new count (after a change or a new filter): the cursor stays inside, the rows
    /// are reloaded on the next `ensure`.
    pub fn reset(&mut self, total: i64) {
        self.total = total;
        self.cursor = self.cursor.clamp(0, (total - 1).max(0));
        self.rows.clear();
    }

    /// Keeps the cursor on screen and loads the rows the screen would show if they
    /// are not loaded. `fetch(offset, limit)` runs the query.
    pub fn ensure<E>(
        &mut self,
        height: i64,
        fetch: impl FnOnce(i64, i64) -> Result<Vec<T>, E>,
    ) -> Result<(), E> {
        let height = height.max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + height {
            self.top = self.cursor - height + 1;
        }
        self.top = self.top.clamp(0, (self.total - height).max(0));
        let end = (self.top + height).min(self.total);
        let loaded_end = self.start + self.rows.len() as i64;
        if self.total > 0 && (self.rows.is_empty() || self.top < self.start || end > loaded_end) {
            self.start = (self.top - (WINDOW - height) / 2).max(0);
            self.rows = fetch(self.start, WINDOW)?;
        }
        Ok(())
    }

    /// Moves the cursor; returns true when it moved.
    pub fn move_by(&mut self, delta: i64) -> bool {
        let before = self.cursor;
        self.cursor = self
            .cursor
            .saturating_add(delta)
            .clamp(0, (self.total - 1).max(0));
        self.cursor != before
    }

    /// The loaded rows from `top`, at most `height`, with their absolute index.
    pub fn visible(&self, height: i64) -> impl Iterator<Item = (i64, &T)> {
        (self.top..(self.top + height).min(self.total))
            .filter_map(move |abs| self.row(abs).map(|r| (abs, r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetch(offset: i64, limit: i64) -> Result<Vec<i64>, ()> {
        Ok((offset..(offset + limit).min(1000)).collect())
    }

    #[test]
    fn loads_only_a_window_and_follows_the_cursor() {
        let mut w = ListWindow::default();
        w.reset(1000);
        w.ensure(20, fetch).unwrap();
        assert_eq!(w.rows.len() as i64, WINDOW);
        assert_eq!(w.current(), Some(&0));
        assert!(w.move_by(999));
        w.ensure(20, fetch).unwrap();
        assert_eq!(w.current(), Some(&999));
        assert_eq!(w.top, 980);
        assert_eq!(w.visible(20).count(), 20);
        assert!(!w.move_by(5), "clamped at the end");
        w.reset(10);
        assert_eq!(w.cursor, 9);
    }
}
