//! The merge panel's drawing (`merge.rs`): the choice of the other record, the
//! side-by-side view, and each field's value as one line.

use super::super::super::super::theme::View;
use super::{Merge, Rec, Stage};
use crate::i18n::Lang;
use crate::model::{Org, OrgData, OrgField, PersonData, PersonField};
use crate::text::{sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn owner_name(o: &Org) -> String {
    match (&o.owner_member_name, &o.owner_unit_name) {
        (Some(m), Some(u)) => format!("{m} ({u})"),
        (Some(m), None) => m.clone(),
        (None, Some(u)) => u.clone(),
        (None, None) => String::new(),
    }
}

/// A field's value as one line (notes: their lines joined), unsanitised.
pub(super) fn org_value(lang: Lang, d: &OrgData, owner: &str, f: OrgField) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    match f {
        OrgField::Name => d.name.clone(),
        OrgField::Kind => lang.t(d.kind.key()).to_string(),
        OrgField::TwinDecided => opt(&d.twin_decided),
        OrgField::Sector => d
            .sector
            .map(|s| lang.t(s.key()).to_string())
            .unwrap_or_default(),
        OrgField::Country => d.country.clone(),
        OrgField::City => d.city.clone(),
        OrgField::Website => d.website.clone(),
        OrgField::Status => lang.t(d.status.key()).to_string(),
        OrgField::PriorityAreas => d
            .priority_areas
            .iter()
            .map(|a| lang.t(a.key()))
            .collect::<Vec<_>>()
            .join(", "),
        OrgField::GrowthAreas => d
            .growth_areas
            .iter()
            .map(|a| lang.t(a.key()))
            .collect::<Vec<_>>()
            .join(", "),
        OrgField::Tags => d.tags.join(", "),
        OrgField::Notes => one_line(&d.notes),
        OrgField::Owner => owner.to_string(),
        OrgField::Orgnr => d.orgnr.clone(),
        OrgField::Pic => d.pic.clone(),
        OrgField::Oid => d.oid.clone(),
        OrgField::Vat => d.vat.clone(),
        OrgField::Share => if d.share {
            lang.t("merge.yes")
        } else {
            lang.t("merge.no")
        }
        .to_string(),
    }
}

pub(super) fn person_value(d: &PersonData, f: PersonField) -> String {
    match f {
        PersonField::Name => d.name.clone(),
        PersonField::Title => d.title.clone(),
        PersonField::Email => d.email.clone(),
        PersonField::Phone => d.phone.clone(),
        PersonField::Languages => d.languages.clone(),
        PersonField::Notes => one_line(&d.notes),
        PersonField::Source => d.source.clone(),
        PersonField::VerifiedOn => d.verified_on.clone().unwrap_or_default(),
    }
}

pub(super) fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ⏎ ")
}

/// The panel's place: most of the screen, at most 110 columns wide.
pub(in crate::tui::screens::contacts) fn panel_area(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(110);
    let h = area.height.saturating_sub(2);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

impl Merge {
    pub(super) fn draw_pick(&self, f: &mut Frame, inner: Rect, v: View) {
        let (lang, theme) = (v.lang, v.theme);
        let w = inner.width as usize;
        let mut lines = vec![Line::from(vec![
            Span::styled(format!("{} ", lang.t("merge.with")), theme.muted),
            Span::styled(
                truncate(&clean(self.kept.name()), w.saturating_sub(12)).into_owned(),
                theme.title,
            ),
        ])];
        let searching = matches!(self.kept, Rec::Org(_));
        if searching {
            let shown = clean(&self.input.value).into_owned();
            lines.push(Line::from(format!("› {shown}")));
            f.set_cursor_position((
                inner.x + 2 + self.input.cursor.min(shown.chars().count()) as u16,
                inner.y + 1,
            ));
        }
        lines.push(Line::default());
        if self.candidates().next().is_none() {
            let key = if !searching {
                "merge.no_others"
            } else if self.input.value.trim().is_empty() {
                "merge.type_to_search"
            } else {
                "lookup.none"
            };
            lines.push(Line::from(lang.t(key)).style(theme.muted));
        }
        let height = (inner.height as usize)
            .saturating_sub(lines.len() + 1)
            .max(1);
        let first = self.cursor.saturating_sub(height.saturating_sub(1));
        let name_w = (w / 2).max(10);
        for (i, c) in self.candidates().enumerate().skip(first).take(height) {
            if i == 0 && !self.similar.is_empty() {
                let key = if searching {
                    "merge.similar"
                } else {
                    "merge.others"
                };
                lines.push(Line::from(lang.t(key)).style(theme.muted));
            } else if i == self.similar.len() && i > 0 {
                lines.push(Line::from(lang.t("merge.found")).style(theme.muted));
            }
            let text = format!(
                "{:<name_w$} {}",
                truncate(&clean(&c.name), name_w),
                truncate(&clean(&c.note), w.saturating_sub(name_w + 1))
            );
            let style = if i == self.cursor {
                theme.selected
            } else {
                Default::default()
            };
            lines.push(Line::from(text).style(style));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    pub(super) fn draw_fields(&self, f: &mut Frame, inner: Rect, v: View) {
        let (lang, theme) = (v.lang, v.theme);
        let w = inner.width as usize;
        let label_w = 16.min(w / 4);
        let col = w.saturating_sub(label_w + 2) / 2;
        let other = self.other.as_ref().map(Rec::name).unwrap_or("");
        let cell = |text: &str, chosen: bool| {
            let text = format!("{} {}", if chosen { "●" } else { " " }, clean(text));
            let style = if chosen { theme.option } else { theme.muted };
            Span::styled(
                format!("{:<col$}", truncate(&text, col.saturating_sub(1))),
                style,
            )
        };
        let mut lines = vec![Line::from(vec![
            Span::raw(" ".repeat(label_w + 1)),
            Span::styled(
                format!(
                    "{:<col$}",
                    truncate(
                        &format!("{}: {}", lang.t("merge.kept"), clean(self.kept.name())),
                        col.saturating_sub(1)
                    )
                ),
                theme.title,
            ),
            Span::styled(
                truncate(
                    &format!("{}: {}", lang.t("merge.removed"), clean(other)),
                    col,
                )
                .into_owned(),
                theme.title,
            ),
        ])];
        if self.rows.is_empty() {
            lines.push(Line::from(lang.t("merge.same_values")).style(theme.muted));
        }
        // Room for the result, what moves, the question and a blank line each.
        let height = (inner.height as usize).saturating_sub(8).max(1);
        let first = self.row.saturating_sub(height.saturating_sub(1));
        for (i, r) in self.rows.iter().enumerate().skip(first).take(height) {
            let label_style = if i == self.row {
                theme.selected
            } else {
                theme.muted
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{:<label_w$}", truncate(lang.t(&r.field.label()), label_w)),
                    label_style,
                ),
                Span::raw(" "),
                cell(&r.kept, !r.take),
                cell(&r.other, r.take),
            ]));
        }
        // More fields below those shown: say so (j/↓ scrolls to them).
        let below = self.rows.len().saturating_sub(first + height);
        if below > 0 {
            lines.push(Line::from(lang.f("merge.more", &[("n", &below)])).style(theme.muted));
        }
        lines.push(Line::default());
        if let Some(result) = self.result(lang) {
            let text = if result.is_empty() {
                "—".to_string()
            } else {
                clean(&result).into_owned()
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{} ", lang.t("merge.result")), theme.muted),
                Span::raw(truncate(&text, w.saturating_sub(20)).into_owned()),
            ]));
        }
        let moves: Vec<String> = self
            .moves
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key, n)| lang.f(key, &[("n", n)]))
            .collect();
        let moves = if moves.is_empty() {
            lang.t("merge.nothing_moves").to_string()
        } else {
            lang.f("merge.moves", &[("what", &moves.join(", "))])
        };
        lines.push(Line::from(moves).style(theme.muted));
        if self.stage == Stage::Confirm {
            lines.push(Line::default());
            lines.push(
                Line::from(lang.f(
                    "merge.confirm",
                    &[("from", &clean(other)), ("into", &clean(self.kept.name()))],
                ))
                .style(theme.warning),
            );
        }
        f.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
    }
}
