//! Drawing the modals the app works itself: help for the context it was opened from,
//! the yes/no question, the choice after losing a race with a colleague, and the
//! quick-lookup palette.

use super::centered;
use crate::model::HitKind;
use crate::text::{fit, sanitize_line as clean, truncate};
use crate::tui::app::{App, Lookup};
use crate::tui::keymap::Context;
use crate::tui::theme::View;
use crate::tui::widgets::popup::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub(super) fn draw_help(f: &mut Frame, app: &App, v: View, context: Context, scroll: u16) {
    let full = f.area();
    // Above the hint line, which says how to scroll and leave.
    let room = Rect {
        height: full.height.saturating_sub(1),
        ..full
    };
    let area = centered(room, 72, room.height);
    let mut lines = Vec::new();
    // A screen's keys and the global ones; a panel's or a modal's own keys only,
    // since the global keys do nothing there.
    let contexts = if context.takes_global() {
        vec![context, Context::Global]
    } else {
        vec![context]
    };
    for c in contexts {
        // The keys this user may use, and of a screen or panel those it offers now.
        lines.extend(super::key_lines(
            v,
            c,
            app.keymap.of(c).filter(|b| app.shows(b)),
        ));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(v.theme.border)
        .title(app.t("help.title"));
    popup(f, area, block, |f, inner| {
        // Scrolled no further than the last line at the bottom.
        let most = (lines.len() as u16).saturating_sub(inner.height);
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll.min(most), 0)),
            inner,
        );
    });
}

/// The choice after a save lost a race: each field that differs, theirs | yours.
pub(super) fn draw_conflict(f: &mut Frame, v: View, c: &crate::tui::app::ConflictChoice) {
    let lang = v.lang;
    let full = f.area();
    let width = full.width.saturating_sub(4).min(100);
    let rows = c.rows.len().max(1) as u16;
    let area = centered(full, width, rows.saturating_add(8));
    let inner_w = usize::from(width.saturating_sub(2));
    let label_w = c
        .rows
        .iter()
        .map(|(l, _, _)| lang.t(l).width())
        .max()
        .unwrap_or(0)
        .clamp(6, 22);
    let value_w = inner_w.saturating_sub(label_w + 6) / 2;
    let cell = |s: &str, w: usize| {
        let t = truncate(s, w);
        let pad = w.saturating_sub(t.width());
        format!("{t}{}", " ".repeat(pad))
    };
    let mut lines = vec![
        Line::from(lang.f("conflict.header", &[("by", &c.by), ("at", &c.at)])),
        Line::default(),
        Line::from(format!(
            "{} │ {} │ {}",
            cell("", label_w),
            cell(lang.t("conflict.theirs"), value_w),
            lang.t("conflict.yours")
        ))
        .style(v.theme.muted),
    ];
    if c.rows.is_empty() {
        lines.push(Line::from(lang.t("conflict.same")));
    }
    for (label, theirs, yours) in &c.rows {
        lines.push(Line::from(format!(
            "{} │ {} │ {}",
            cell(lang.t(label), label_w),
            cell(theirs, value_w),
            truncate(yours, value_w)
        )));
    }
    lines.push(Line::default());
    lines.push(Line::from(lang.t("conflict.keys")).style(v.theme.warning));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(v.theme.border)
        .title(lang.t("conflict.title"));
    popup(f, area, block, |f, inner| {
        f.render_widget(Paragraph::new(lines), inner);
    });
}

pub(super) fn draw_confirm(f: &mut Frame, v: View, prompt: &str) {
    let lang = v.lang;
    let area = centered(f.area(), 60, 5);
    let text = vec![
        Line::from(prompt.to_string()),
        Line::default(),
        Line::from(lang.t("confirm.yes_no")).style(v.theme.muted),
    ];
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(v.theme.border)
        .title(lang.t("confirm.title"));
    popup(f, area, block, |f, inner| {
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
    });
}

pub(super) fn draw_lookup(f: &mut Frame, v: View, l: &Lookup) {
    let lang = v.lang;
    let full = f.area();
    let area = centered(
        full,
        full.width.saturating_sub(6).min(120),
        full.height.saturating_sub(4),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(v.theme.border)
        .title(lang.t("lookup.title"));
    popup(f, area, block, |f, inner| {
        draw_lookup_inside(f, v, l, inner)
    });
}

fn draw_lookup_inside(f: &mut Frame, v: View, l: &Lookup, inner: Rect) {
    let lang = v.lang;
    let [input_area, results] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    let shown = clean(&l.input.value).into_owned();
    f.render_widget(Paragraph::new(format!("› {shown}")), input_area);
    f.set_cursor_position((
        input_area.x + 2 + l.input.cursor.min(shown.chars().count()) as u16,
        input_area.y,
    ));
    let mut lines = Vec::new();
    if l.hits.is_empty() && l.regional.is_empty() && !l.input.value.trim().is_empty() {
        lines.push(Line::from(lang.t("lookup.none")).style(v.theme.muted));
    } else if l.hits.is_empty() && l.regional.is_empty() {
        lines.push(Line::from(lang.t("lookup.hint")).style(v.theme.muted));
    }
    let w = results.width as usize;
    // kind 8, place 22, owner 18, date 10 and the spaces between: the date stays whole.
    let name_w = w.saturating_sub(62).max(16);
    let height = results.height as usize;
    let first = l.selected.saturating_sub(height.saturating_sub(1));
    for (i, h) in l.hits.iter().enumerate().skip(first).take(height) {
        let kind = lang.t(match h.kind {
            HitKind::Organisation => "hit.org",
            HitKind::Person => "hit.person",
            HitKind::Interaction => "hit.interaction",
        });
        let name = match &h.context {
            Some(org) => format!("{} ({})", clean(&h.name), clean(org)),
            None => clean(&h.name).into_owned(),
        };
        let text = format!(
            "{} {} {} {} {}",
            fit(kind, 8),
            fit(&name, name_w),
            fit(&lang.place(&h.city, &h.country), 22),
            fit(&clean(h.owner.as_deref().unwrap_or("—")), 18),
            h.last_contact.as_deref().unwrap_or("—"),
        );
        lines.push(if i == l.selected {
            Line::from(text).style(v.theme.selected)
        } else {
            Line::from(text)
        });
    }
    // Regional partners' entries (issue 16): after our own, under a heading, muted.
    if !l.regional.is_empty() && lines.len() < height {
        lines.push(Line::from(lang.t("lookup.regional")).style(v.theme.muted));
        let skip = first.saturating_sub(l.hits.len());
        for (j, r) in l.regional.iter().enumerate().skip(skip) {
            if lines.len() >= height {
                break;
            }
            // Two lines: the entry, then who knows them (the sentence stays whole).
            let known = crate::interchange::regional::known_line(lang, r);
            let text = format!(
                "{} {} {}",
                fit(lang.t("hit.regional"), 8),
                fit(&clean(&r.name), name_w),
                fit(&lang.place(&r.city, &r.country), 22),
            );
            let style = if l.hits.len() + j == l.selected {
                v.theme.selected
            } else {
                v.theme.muted
            };
            lines.push(Line::from(text).style(style));
            lines.push(
                Line::from(format!(
                    "         {}",
                    truncate(&known, w.saturating_sub(9))
                ))
                .style(style),
            );
        }
    }
    f.render_widget(Paragraph::new(lines), results);
}
