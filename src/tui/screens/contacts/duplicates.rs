//! The possible-duplicates panel (issue 14, the office): `D` on the organisation
//! list shows the pairs `Store::duplicate_pairs` finds across the registry (the same
//! folded name, web domain or identifier) with the reason; `Enter`/`M` opens the merge
//! panel for the pair over it, and after a merge the list is read again.
//!
//! Cost: `duplicate_pairs` is one `GROUP BY` per indexed key column, linear in the
//! registry, and returns at most [`LIMIT`] pairs; the panel keeps those in memory and
//! draws only the rows that fit (a plain window: the list is bounded, so no
//! `ListWindow` paging is needed).

use super::super::super::component::Overlay;
use super::super::super::component::{Cx, Effect};
use super::super::super::keymap::{Action, Context};
use super::super::super::theme::View;
use super::super::super::widgets::input::Edit;
use super::super::super::widgets::popup::popup;
use super::merge::{Merge, panel_area};
use crate::model::{Actor, SimilarReason};
use crate::store::{DuplicatePair, Error};
use crate::text::{fit, sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

/// The most pairs listed at once; merging some and reopening shows the next.
pub const LIMIT: usize = 1000;

#[derive(Debug)]
pub struct Duplicates {
    pairs: Vec<DuplicatePair>,
    cursor: usize,
    /// The merge of the pair under the cursor, open over the list.
    merge: Option<Merge>,
    done: bool,
}

impl Duplicates {
    /// Reads the pairs (the office only: the store refuses anyone else).
    pub fn open(cx: &Cx) -> Result<Duplicates, Error> {
        Ok(Duplicates {
            pairs: cx.store.duplicate_pairs(cx.actor, LIMIT)?,
            cursor: 0,
            merge: None,
            done: false,
        })
    }
}

fn reason_key(r: SimilarReason) -> &'static str {
    match r {
        SimilarReason::Name => "dup.name",
        SimilarReason::Domain => "dup.domain",
        SimilarReason::Place => "reason.place",
        SimilarReason::Identifier => "dup.identifier",
    }
}

impl Overlay for Duplicates {
    fn context(&self) -> Context {
        match &self.merge {
            Some(m) => m.context(),
            None => Context::Duplicates,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        if let Some(m) = &mut self.merge {
            let r = m.update(action, cx);
            if m.done() {
                self.merge = None;
            }
            return r;
        }
        let last = self.pairs.len().saturating_sub(1);
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::PageDown => self.cursor = (self.cursor + cx.height.max(1) as usize).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(cx.height.max(1) as usize),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Open | Action::Merge => {
                if let Some(p) = self.pairs.get(self.cursor) {
                    self.merge = Some(Merge::pair(p.kept, p.removed, cx)?);
                }
            }
            Action::Back => self.done = true,
            _ => {}
        }
        Ok(Effect::None)
    }

    fn input(&mut self, edit: Edit, cx: &Cx) -> Result<Effect, Error> {
        match &mut self.merge {
            Some(m) => m.input(edit, cx),
            None => Ok(Effect::None),
        }
    }

    fn offers(&self, action: Action, actor: &Actor) -> bool {
        match &self.merge {
            Some(m) => m.offers(action, actor),
            None => true,
        }
    }

    /// After any change (a merge here or by a colleague) the pairs are read again.
    fn refresh(&mut self, cx: &Cx) -> Result<(), Error> {
        self.pairs = cx.store.duplicate_pairs(cx.actor, LIMIT)?;
        self.cursor = self.cursor.min(self.pairs.len().saturating_sub(1));
        Ok(())
    }

    fn done(&self) -> bool {
        self.done
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: View) {
        if let Some(m) = &self.merge {
            return m.draw(f, area, v);
        }
        let (lang, theme) = (v.lang, v.theme);
        // As high as its rows (a header and the pairs, or the one line saying there
        // are none), at most the screen.
        let mut area = panel_area(area);
        let rows = u16::try_from(self.pairs.len()).unwrap_or(u16::MAX);
        area.height = area.height.min(rows.saturating_add(3));
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border)
            .title(lang.f("dup.title", &[("n", &self.pairs.len())]));
        popup(f, area, block, |f, inner| {
            let w = inner.width as usize;
            if self.pairs.is_empty() {
                f.render_widget(Paragraph::new(lang.t("dup.none")).style(theme.muted), inner);
                return;
            }
            let reason_w = 18.min(w / 4);
            let name_w = w.saturating_sub(reason_w + 4) / 2;
            let header = format!(
                "{}   {} {}",
                fit(lang.t("merge.kept"), name_w),
                fit(lang.t("merge.removed"), name_w),
                truncate(lang.t("dup.why"), reason_w),
            );
            let height = (inner.height as usize).saturating_sub(1);
            let first = self.cursor.saturating_sub(height.saturating_sub(1));
            let mut lines = vec![Line::from(header).style(theme.title)];
            lines.extend(
                self.pairs
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take(height)
                    .map(|(i, p)| {
                        let text = format!(
                            "{} ⇐ {} {}",
                            fit(&clean(&p.kept_name), name_w),
                            fit(&clean(&p.removed_name), name_w),
                            truncate(lang.t(reason_key(p.reason)), reason_w),
                        );
                        let style = if i == self.cursor {
                            theme.selected
                        } else {
                            Default::default()
                        };
                        Line::from(text).style(style)
                    }),
            );
            f.render_widget(Paragraph::new(lines), inner);
        });
    }
}
