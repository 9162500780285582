//! Drawing the open form: its fields (one-line, multi-line with `↑/↓ N more lines`,
//! choices and multi-choices), the error under a field, the question over it, and
//! `F1`'s list of the form's keys.

use super::centered;
use crate::text::{sanitize_line as clean, truncate};
use crate::tui::app::{FormPrompt, FormState};
use crate::tui::keymap::Context;
use crate::tui::theme::View;
use crate::tui::widgets::form::{FieldKind, multi_spans};
use crate::tui::widgets::popup::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub(super) fn draw_form(
    f: &mut Frame,
    v: View,
    form: &FormState,
    keymap: &crate::tui::keymap::Keymap,
) {
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
fn draw_form_help(f: &mut Frame, v: View, keymap: &crate::tui::keymap::Keymap, inner: Rect) {
    let mut lines = Vec::new();
    for c in [Context::Form, Context::Text] {
        lines.extend(super::key_lines(v, c, keymap.of(c)));
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
