//! Drawing: a pure function of `&App`. The frame (tabs, screen, status, hints) here;
//! the modals in `modals`, the form in `form`.

mod form;
mod modals;

use form::draw_form;
use modals::{draw_confirm, draw_conflict, draw_help, draw_lookup};

use super::app::{App, Modal};
use super::keymap::Context;
use super::screens::Screen;
use super::theme::View;
use super::widgets::popup::fit_wide;
use crate::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn draw(f: &mut Frame, app: &App) {
    let v = View {
        lang: app.lang,
        today: &app.today,
        theme: &app.theme,
        writer: app.actor.role != crate::model::Role::Viewer,
    };
    let [tabs, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(f.area());
    draw_tabs(f, tabs, app, v);
    match app.screen {
        Screen::Plans | Screen::Projects if app.deadlines.open => {
            super::screens::deadlines::draw(f, main, &app.deadlines, v)
        }
        screen => app.screens.draw(screen, f, main, v),
    }
    if let Some(s) = &app.status {
        let style = if s.error { v.theme.error } else { v.theme.ok };
        f.render_widget(
            Paragraph::new(clean(&s.text).into_owned()).style(style),
            status,
        );
    }
    draw_hints(f, hints, app, v);
    if let Some(overlay) = &app.overlay {
        overlay.draw(f, main, v);
    }
    match &app.modal {
        None => {}
        Some(Modal::Help(context, scroll)) => draw_help(f, app, v, *context, *scroll),
        Some(Modal::Confirm(c)) => draw_confirm(f, v, &c.prompt),
        Some(Modal::Form(form)) => draw_form(f, v, form, &app.keymap),
        Some(Modal::Lookup(l)) => draw_lookup(f, v, l),
    }
    if let Some(c) = &app.conflict {
        draw_conflict(f, v, c);
    }
    // A wide grapheme in the last column would be wrapped or cut by the terminal.
    let area = f.area();
    fit_wide(f.buffer_mut(), area);
}

/// How much of each tab's name is shown: the whole name, a short one, or a short one
/// for the first so many tabs and the number alone for the rest (the shown tab keeps
/// its short name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TabLabels {
    Full,
    Short,
    Named(usize),
}

/// The tab bar: the brand, the screens, and who is signed in at the right. The
/// widest tab labels that leave room for at least the account name; then the
/// longest form of the user that fits whole (name and role, name and short role,
/// name, account). Nothing is cut in the middle of a word.
fn draw_tabs(f: &mut Frame, area: Rect, app: &App, v: View) {
    let label = |i: usize, screen: Screen, labels: TabLabels| {
        let unread = match app.screens.get(screen).badge() {
            Some(n) if n > 0 => format!(" ({n})"),
            _ => String::new(),
        };
        let short = || app.t(&format!("{}.short", screen.key())).to_string();
        match labels {
            TabLabels::Full => format!(" {} {}{unread} ", i + 1, app.t(screen.key())),
            TabLabels::Named(n) if i >= n && screen != app.screen => {
                format!(" {}{unread} ", i + 1)
            }
            _ => format!(" {} {}{unread} ", i + 1, short()),
        }
    };
    const BRAND: &str = " intnet  ";
    // Between tabs: a space, none when names are short (each label is padded already).
    let gap = |labels: TabLabels| usize::from(labels == TabLabels::Full);
    let width_of = |labels: TabLabels| -> usize {
        BRAND.width()
            + Screen::ALL
                .iter()
                .enumerate()
                .map(|(i, s)| label(i, *s, labels).width() + gap(labels))
                .sum::<usize>()
    };
    let account = clean(&app.actor.account);
    let name = clean(&app.actor.full_name);
    let width = area.width as usize;
    // Named tabs matter more than the user label: full names when the account still
    // fits beside them, else short names (the label then shortens or goes), else short
    // names for as many tabs from the left as fit and numbers for the rest, the open
    // screen always named.
    let labels = if width_of(TabLabels::Full) + account.width() < width {
        TabLabels::Full
    } else if width_of(TabLabels::Short) <= width {
        TabLabels::Short
    } else {
        (1..Screen::ALL.len())
            .rev()
            .map(TabLabels::Named)
            .find(|l| width_of(*l) <= width)
            .unwrap_or(TabLabels::Named(0))
    };
    let mut spans = vec![Span::styled(BRAND, v.theme.brand)];
    for (i, screen) in Screen::ALL.iter().enumerate() {
        let span = Span::raw(label(i, *screen, labels));
        spans.push(if *screen == app.screen {
            span.patch_style(v.theme.tab_active)
        } else {
            span
        });
        spans.push(Span::raw(" ".repeat(gap(labels))));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let room = width.saturating_sub(used);
    let role = app.actor.role.key();
    let who = [
        format!("{name} · {} ", app.t(role)),
        format!("{name} · {} ", app.t(&format!("{role}.short"))),
        format!("{name} "),
        format!("{account} "),
        // At the very edge, without the space after it.
        account.to_string(),
    ]
    .into_iter()
    .find(|w| w.width() <= room)
    .unwrap_or_default();
    let pad = room.saturating_sub(who.width());
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(who, v.theme.muted));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The hint bar: the keys marked as hints in the current context that this user may
/// use there (`Binding::needs`), from the keymap. When the line is short the most
/// useful stay (`Binding::hint_rank`), shown in table order; a hint that does not fit
/// whole is left out rather than cut (`?` lists them all).
fn draw_hints(f: &mut Frame, area: Rect, app: &App, v: View) {
    let context = app.context();
    let mut contexts = vec![context];
    if context.takes_global() {
        contexts.push(Context::Global);
    }
    // The screen's own keys first, then the global ones.
    let offered: Vec<(String, String, u8)> = contexts
        .iter()
        .flat_map(|c| app.keymap.of(*c))
        .filter(|b| b.hint && app.shows(b))
        .map(|b| {
            (
                b.key.label(),
                format!(" {}", app.t(&b.action.key())),
                b.hint_rank(),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..offered.len()).collect();
    order.sort_by_key(|&i| offered[i].2);
    let mut keep = vec![false; offered.len()];
    // Each hint is followed by two spaces but the last.
    let mut used = 0;
    for i in order {
        let (key, what, _) = &offered[i];
        let w = key.width() + what.width();
        if used + w <= area.width as usize {
            used += w + 2;
            keep[i] = true;
        }
    }
    let mut spans = Vec::new();
    for ((key, what, _), _) in offered.into_iter().zip(keep).filter(|(_, k)| *k) {
        spans.push(Span::styled(key, v.theme.key));
        spans.push(Span::styled(format!("{what}  "), v.theme.muted));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A context's heading and one line per action with its keys together ("j/↓  down"),
/// for the help overlay and a form's `F1`.
pub(super) fn key_lines<'a>(
    v: View,
    context: Context,
    bindings: impl Iterator<Item = &'a super::keymap::Binding>,
) -> Vec<Line<'static>> {
    let mut actions: Vec<(super::keymap::Action, Vec<String>)> = Vec::new();
    for b in bindings {
        match actions.iter_mut().find(|(a, _)| *a == b.action) {
            Some((_, keys)) => keys.push(b.key.label()),
            None => actions.push((b.action, vec![b.key.label()])),
        }
    }
    let heading = v.lang.t(&format!("context.{}", context.name())).to_string();
    let mut lines = vec![Line::from(heading).style(v.theme.title)];
    for (action, keys) in actions {
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<16}", keys.join("/")), v.theme.key),
            Span::raw(v.lang.t(&action.key()).to_string()),
        ]));
    }
    lines
}

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
