//! Which rows of a list to draw: a window that follows the cursor and scrolls only
//! when the cursor leaves it, so a screen builds only the rows it shows.

/// The rows of a list that fit in `height`, keeping the cursor on screen. `top` is the
/// first row drawn last time: the list scrolls only when the cursor leaves the window,
/// so only the rows shown are built, however long the list.
pub fn visible_rows(
    top: &std::cell::Cell<usize>,
    cursor: usize,
    len: usize,
    height: usize,
) -> std::ops::Range<usize> {
    let height = height.max(1);
    let mut t = top.get().min(len.saturating_sub(height));
    if cursor < t {
        t = cursor;
    } else if cursor >= t + height {
        t = cursor + 1 - height;
    }
    top.set(t);
    t..(t + height).min(len)
}

/// The rows of `items` to draw in a pane `height` high under a one-line title, with
/// their indexes (see `visible_rows`).
pub fn visible<'a, T>(
    top: &std::cell::Cell<usize>,
    cursor: usize,
    items: &'a [T],
    height: u16,
) -> impl Iterator<Item = (usize, &'a T)> + 'a {
    let rows = visible_rows(top, cursor, items.len(), height.saturating_sub(1) as usize);
    items.iter().enumerate().skip(rows.start).take(rows.len())
}

#[cfg(test)]
mod tests {
    use super::visible_rows;
    use std::cell::Cell;

    #[test]
    fn the_window_follows_the_cursor_only_when_it_leaves() {
        let top = Cell::new(0);
        assert_eq!(visible_rows(&top, 0, 100, 10), 0..10);
        assert_eq!(visible_rows(&top, 9, 100, 10), 0..10);
        assert_eq!(visible_rows(&top, 10, 100, 10), 1..11);
        assert_eq!(visible_rows(&top, 5, 100, 10), 1..11);
        assert_eq!(visible_rows(&top, 0, 100, 10), 0..10);
        assert_eq!(visible_rows(&top, 99, 100, 10), 90..100);
        // The list shrank under the window.
        assert_eq!(visible_rows(&top, 2, 3, 10), 0..3);
        assert_eq!(visible_rows(&top, 0, 0, 10), 0..0);
    }
}
