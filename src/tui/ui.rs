//! Drawing: a pure function of `&App`.

use super::app::{App, FormPrompt, FormState, Lookup, Modal};
use super::keymap::Context;
use super::screens::Screen;
use super::theme::View;
use super::widgets::form::{FieldKind, multi_spans};
use super::widgets::popup::{fit_wide, popup};
use crate::model::HitKind;
use crate::text::{sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
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
        .filter(|b| b.hint && b.needs().allows(&app.actor))
        // And of a screen's keys, what it offers for the record shown
        // (`Component::offers`); a form, question or palette over it is not the screen.
        .filter(|b| {
            b.context == Context::Global
                || !(b.context.takes_global() || app.overlay.is_some() && app.modal.is_none())
                || app.offers(b.action)
        })
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

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn draw_help(f: &mut Frame, app: &App, v: View, context: Context, scroll: u16) {
    let full = f.area();
    // Above the hint line, which says how to scroll and leave.
    let room = Rect {
        height: full.height.saturating_sub(1),
        ..full
    };
    let area = centered(room, 72, room.height);
    let mut lines = Vec::new();
    let contexts = if context == Context::Global {
        vec![context]
    } else {
        vec![context, Context::Global]
    };
    for c in contexts {
        lines.push(
            Line::from(app.t(&format!("context.{}", c.name())).to_string()).style(v.theme.title),
        );
        // One line per action, its keys together: "j/↓  down".
        let mut actions: Vec<(super::keymap::Action, Vec<String>)> = Vec::new();
        // The keys this user may use, and of a screen those it offers now.
        for b in app.keymap.of(c).filter(|b| {
            b.needs().allows(&app.actor)
                && (!c.takes_global() || c == Context::Global || app.offers(b.action))
        }) {
            match actions.iter_mut().find(|(a, _)| *a == b.action) {
                Some((_, keys)) => keys.push(b.key.label()),
                None => actions.push((b.action, vec![b.key.label()])),
            }
        }
        for (action, keys) in actions {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys.join("/")), v.theme.key),
                Span::raw(app.t(&action.key()).to_string()),
            ]));
        }
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
fn draw_conflict(f: &mut Frame, v: View, c: &super::app::ConflictChoice) {
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

fn draw_confirm(f: &mut Frame, v: View, prompt: &str) {
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

fn draw_form(f: &mut Frame, v: View, form: &FormState, keymap: &super::keymap::Keymap) {
    let lang = v.lang;
    let full = f.area();
    // Between the tab bar and the status line: a message about the form (a refused
    // save, a field error) is never hidden behind it.
    let room = Rect {
        y: full.y + 1,
        height: full.height.saturating_sub(3),
        ..full
    };
    let area = centered(room, full.width.saturating_sub(4).min(110), room.height);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(v.theme.border)
        .title(format!(
            " {} ",
            form.heading(lang, usize::from(area.width.saturating_sub(4)))
        ));
    popup(f, area, block, |f, inner| {
        if form.help {
            draw_form_help(f, v, keymap, inner)
        } else {
            draw_form_inside(f, v, form, inner)
        }
    });
}

/// `F1` in a form: the form's keys and the editing keys of every text input, from the
/// keymap, in place of the fields.
fn draw_form_help(f: &mut Frame, v: View, keymap: &super::keymap::Keymap, inner: Rect) {
    let mut lines = Vec::new();
    for c in [Context::Form, Context::Text] {
        lines.push(
            Line::from(v.lang.t(&format!("context.{}", c.name())).to_string()).style(v.theme.title),
        );
        let mut actions: Vec<(super::keymap::Action, Vec<String>)> = Vec::new();
        for b in keymap.of(c) {
            match actions.iter_mut().find(|(a, _)| *a == b.action) {
                Some((_, keys)) => keys.push(b.key.label()),
                None => actions.push((b.action, vec![b.key.label()])),
            }
        }
        for (action, keys) in actions {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<16}", keys.join("/")), v.theme.key),
                Span::raw(v.lang.t(&action.key()).to_string()),
            ]));
        }
    }
    lines.push(Line::from(v.lang.t("form.help_back").to_string()).style(v.theme.muted));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn draw_form_inside(f: &mut Frame, v: View, form: &FormState, inner: Rect) {
    let lang = v.lang;
    let show_similar = !form.similar.is_empty() || !form.regional.is_empty();
    let [fields_area, similar_area] = Layout::horizontal([
        Constraint::Min(40),
        Constraint::Length(if show_similar { 44 } else { 0 }),
    ])
    .areas(inner);
    // The longest label decides the column (18 to 24 wide): no label is cut.
    let label_w = form
        .fields
        .iter()
        .map(|field| lang.t(&format!("field.{}", field.name)).width())
        .max()
        .unwrap_or(0)
        .clamp(18, 24);
    let value_w = (fields_area.width as usize).saturating_sub(label_w + 3);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor: Option<(u16, u16)> = None;
    // The focused field's first and last line, to scroll a tall form to it.
    let mut focus_lines = (0, 0);
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_lines.0 = lines.len();
        }
        let label = format!(
            "{:<label_w$}",
            truncate(lang.t(&format!("field.{}", field.name)), label_w)
        );
        let label_span = if focused {
            Span::styled(label, v.theme.focused)
        } else {
            Span::raw(label)
        };
        match &field.kind {
            FieldKind::Text { input, multiline } => {
                let text = input.value.clone();
                if *multiline {
                    let (rows, (row, col)) = input.wrapped(value_w.max(1));
                    // The focused text gets the room left; others show a few lines.
                    let others = form.fields.len().saturating_sub(1) + form.errors.len() + 3;
                    let room = if focused {
                        (fields_area.height as usize).saturating_sub(others).max(3)
                    } else {
                        3
                    };
                    let skip = row.saturating_sub(room.saturating_sub(1));
                    if focused {
                        cursor = Some((
                            fields_area.x + label_w as u16 + 1 + col as u16,
                            fields_area.y + (lines.len() + row - skip) as u16,
                        ));
                    }
                    // Lines above and below what is shown are counted under the label.
                    let shown = rows.len().saturating_sub(skip).min(room);
                    let below = rows.len().saturating_sub(skip + shown);
                    for (j, text) in rows.iter().skip(skip).take(room).enumerate() {
                        let more = if j == 1 && skip > 0 {
                            Some(lang.f("form.lines_above", &[("n", &skip)]))
                        } else if j + 1 == shown && j > 0 && below > 0 {
                            Some(lang.f("form.lines_below", &[("n", &below)]))
                        } else {
                            None
                        };
                        let head = match more {
                            _ if j == 0 => label_span.clone(),
                            Some(more) => Span::styled(
                                format!("{:<label_w$}", truncate(&more, label_w)),
                                v.theme.muted,
                            ),
                            None => Span::raw(" ".repeat(label_w)),
                        };
                        lines.push(Line::from(vec![
                            head,
                            Span::raw(" "),
                            Span::raw(text.clone()),
                        ]));
                    }
                } else {
                    // Scroll a long value so the cursor stays visible.
                    let skip = input.cursor.saturating_sub(value_w.saturating_sub(1));
                    let shown: String = text.chars().skip(skip).take(value_w).collect();
                    if focused {
                        cursor = Some((
                            fields_area.x + label_w as u16 + 1 + (input.cursor - skip) as u16,
                            fields_area.y + lines.len() as u16,
                        ));
                    }
                    // Just entered and pre-filled: shown selected, as the first
                    // character typed replaces it.
                    let value = clean(&shown).into_owned();
                    lines.push(Line::from(vec![
                        label_span,
                        Span::raw(" "),
                        if focused && input.replace {
                            Span::styled(value, v.theme.replace)
                        } else {
                            Span::raw(value)
                        },
                    ]));
                }
            }
            FieldKind::Choice { options, index } => {
                let v = options.get(*index).map(|(_, l)| l.as_str()).unwrap_or("");
                let text = if focused {
                    format!("◀ {} ▶", clean(v))
                } else {
                    clean(v).into_owned()
                };
                lines.push(Line::from(vec![
                    label_span,
                    Span::raw(" "),
                    Span::raw(text),
                ]));
            }
            FieldKind::Multi {
                options,
                selected,
                at,
            } => {
                let mut spans = vec![label_span];
                spans.extend(multi_spans(
                    options,
                    selected,
                    *at,
                    focused,
                    // The row's room less the sign in front and the one at the end.
                    (fields_area.width as usize).saturating_sub(label_w + 2),
                    v.theme.option,
                ));
                lines.push(Line::from(spans));
            }
        }
        // Every error of the field, each on its line (a partner list may have several).
        for e in form.errors.iter().filter(|e| e.field == field.name) {
            let message = crate::i18n::field_message(lang, e);
            lines.push(
                Line::from(format!(
                    "{:label_w$} ⚠ {}",
                    "",
                    truncate(&message, value_w.saturating_sub(1))
                ))
                .style(v.theme.error),
            );
        }
        if focused {
            focus_lines.1 = lines.len();
        }
    }
    if let Some(prompt) = form.prompt {
        lines.push(Line::default());
        let key = match prompt {
            FormPrompt::CreateAnyway => "form.create_anyway",
            FormPrompt::Discard => "form.discard",
        };
        lines.push(Line::from(lang.t(key).to_string()).style(v.theme.warning));
        lines.push(Line::from(lang.t("confirm.yes_no")).style(v.theme.muted));
        cursor = None;
    }
    // A form taller than the window scrolls so the focused field (with its message)
    // shows; a question at the end shows whole.
    let height = fields_area.height as usize;
    let scroll = if form.prompt.is_some() {
        lines.len().saturating_sub(height)
    } else {
        focus_lines
            .1
            .saturating_sub(height)
            .min(focus_lines.0)
            .min(lines.len().saturating_sub(height))
    };
    let cursor = cursor.map(|(x, y)| (x, y.saturating_sub(scroll as u16)));
    f.render_widget(
        Paragraph::new(lines).scroll((scroll as u16, 0)),
        fields_area,
    );
    if let Some((x, y)) = cursor
        && y < fields_area.bottom()
    {
        f.set_cursor_position((x.min(fields_area.right().saturating_sub(1)), y));
    }
    if show_similar {
        let mut lines = Vec::new();
        if !form.similar.is_empty() {
            lines.push(Line::from(lang.t("form.similar")).style(v.theme.warning));
        }
        for s in form.similar.iter().take(12) {
            let reason = lang.t(match s.reason {
                crate::model::SimilarReason::Name => "reason.name",
                crate::model::SimilarReason::Domain => "reason.domain",
                crate::model::SimilarReason::Place => "reason.place",
                crate::model::SimilarReason::Identifier => "reason.identifier",
            });
            lines.push(Line::from(clean(&s.name).into_owned()).style(v.theme.title));
            lines.push(
                Line::from(format!("  {}, {} · {}", clean(&s.city), s.country, reason))
                    .style(v.theme.muted),
            );
            lines.push(
                Line::from(format!(
                    "  {} · {}",
                    clean(s.owner.as_deref().unwrap_or("—")),
                    s.last_contact.as_deref().unwrap_or("—")
                ))
                .style(v.theme.muted),
            );
        }
        // Regional partners' entries (issue 16), after our own and marked as such.
        if !form.regional.is_empty() {
            lines.push(Line::from(lang.t("lookup.regional")).style(v.theme.muted));
            for r in form.regional.iter().take(6) {
                lines.push(Line::from(clean(&r.name).into_owned()));
                lines.push(
                    Line::from(format!(
                        "  {}",
                        crate::interchange::regional::known_line(lang, r)
                    ))
                    .style(v.theme.muted),
                );
            }
        }
        let block = Block::default()
            .borders(Borders::LEFT)
            .border_style(v.theme.border);
        f.render_widget(
            Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
            similar_area,
        );
    }
}

fn draw_lookup(f: &mut Frame, v: View, l: &Lookup) {
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
            "{:<8} {:<name_w$} {:<22} {:<18} {}",
            truncate(kind, 8),
            truncate(&name, name_w),
            truncate(&lang.place(&h.city, &h.country), 22),
            truncate(&clean(h.owner.as_deref().unwrap_or("—")), 18),
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
                "{:<8} {:<name_w$} {:<22}",
                truncate(lang.t("hit.regional"), 8),
                truncate(&clean(&r.name), name_w),
                truncate(&lang.place(&r.city, &r.country), 22),
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
