//! Deadlines (`D` on the Action plans and Projects screens): what falls due across open
//! plan items, project milestones, membership evaluations and EU calls, soonest first;
//! `Enter` goes to the thing itself.

use super::super::theme::{Due, View};
use crate::model::Actor;
use crate::store::{Deadline, Result, Store};
use crate::text::{sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;
use unicode_width::UnicodeWidthStr;

/// The horizon's steps (`w`): two weeks, a month, a quarter, everything ahead.
const WITHIN_STEPS: [Option<i64>; 4] = [Some(14), Some(30), Some(90), None];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlinesView {
    pub open: bool,
    pub within: Option<i64>,
    pub mine: bool,
    pub rows: Vec<Deadline>,
    pub cursor: usize,
    pub top: Cell<usize>,
}

impl Default for DeadlinesView {
    fn default() -> Self {
        DeadlinesView {
            open: false,
            within: Some(30),
            mine: false,
            rows: Vec::new(),
            cursor: 0,
            top: Cell::new(0),
        }
    }
}

impl DeadlinesView {
    pub fn reload(&mut self, store: &Store, me: &Actor) -> Result<()> {
        self.rows = store.deadlines(me, self.within, self.mine)?;
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    pub fn cycle_within(&mut self) {
        let i = WITHIN_STEPS
            .iter()
            .position(|w| *w == self.within)
            .unwrap_or(0);
        self.within = WITHIN_STEPS[(i + 1) % WITHIN_STEPS.len()];
        self.cursor = 0;
    }

    pub fn move_by(&mut self, delta: i64) {
        self.cursor = (self.cursor as i64 + delta)
            .clamp(0, self.rows.len().saturating_sub(1) as i64) as usize;
    }

    pub fn current(&self) -> Option<&Deadline> {
        self.rows.get(self.cursor)
    }
}

impl super::super::component::Component for DeadlinesView {
    fn context(&self) -> super::super::keymap::Context {
        super::super::keymap::Context::Deadlines
    }

    fn update(
        &mut self,
        action: super::super::keymap::Action,
        cx: &super::super::component::Cx,
    ) -> Result<super::super::component::Effect> {
        use super::super::component::Effect;
        use super::super::keymap::Action;
        match action {
            Action::Up | Action::Down => self.move_by(if action == Action::Down { 1 } else { -1 }),
            Action::Horizon => {
                self.cycle_within();
                self.reload(cx.store, cx.actor)?;
            }
            Action::OnlyMine => {
                self.mine = !self.mine;
                self.cursor = 0;
                self.reload(cx.store, cx.actor)?;
            }
            Action::Deadlines | Action::Back => self.open = false,
            Action::Open => {
                if let Some(d) = self.current() {
                    return Ok(Effect::GoTo(d.clone()));
                }
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn show(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        self.open = true;
        self.reload(cx.store, cx.actor)
    }

    fn hide(&mut self) {
        self.open = false;
    }

    fn refresh(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        if self.open {
            self.reload(cx.store, cx.actor)?;
        }
        Ok(())
    }
}

pub fn draw(f: &mut Frame, area: Rect, v: &DeadlinesView, view: View) {
    let lang = view.lang;
    let theme = view.theme;
    let horizon = match v.within {
        Some(days) => lang.f("deadlines.within", &[("n", &days)]),
        None => lang.t("deadlines.all_ahead").to_string(),
    };
    let whose = lang.t(if v.mine {
        "deadlines.mine"
    } else {
        "deadlines.everyone"
    });
    let title = lang.f(
        "deadlines.title",
        &[("n", &v.rows.len()), ("when", &horizon), ("who", &whose)],
    );
    let mut lines = Vec::new();
    if v.rows.is_empty() {
        lines.push(Line::from(lang.t("deadlines.none")).style(theme.muted));
    }
    let width = area.width as usize;
    for (i, d) in super::super::widgets::rows::visible(&v.top, v.cursor, &v.rows, area.height) {
        // What is gathered here is still open: anything up to 14 days ahead is soon.
        let soon = crate::model::days_between(view.today, &d.date).is_some_and(|n| n <= 14);
        let due = if d.overdue {
            Due::Overdue
        } else if soon {
            Due::Soon
        } else {
            Due::Later
        };
        let who = [d.context.as_str(), d.owner.as_deref().unwrap_or("")]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ");
        // The title gets up to 60 columns and two thirds of what is left after date
        // and kind; plan, project or owner the rest, cut with a sign.
        let rest = width.saturating_sub(11 + 15);
        let title_w = rest.saturating_sub(rest / 3 + 1).min(60);
        let who_w = rest.saturating_sub(title_w + 1);
        // Overdue says so in words before the title, not by colour alone.
        let late = if d.overdue {
            format!("{}: ", lang.t("deadline.overdue"))
        } else {
            String::new()
        };
        let text_w = title_w.saturating_sub(late.width());
        let mut line = Line::from(vec![
            Span::styled(
                format!("{}{} ", theme.due_mark(due), d.date),
                theme.due(due),
            ),
            Span::raw(format!("{:<14} ", truncate(lang.t(d.kind.key()), 14))),
            Span::styled(late, theme.overdue),
            Span::raw(format!("{:<text_w$} ", truncate(&clean(&d.title), text_w))),
            Span::styled(truncate(&clean(&who), who_w).into_owned(), theme.muted),
        ]);
        if i == v.cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(title);
    f.render_widget(Paragraph::new(lines).block(block), area);
}
