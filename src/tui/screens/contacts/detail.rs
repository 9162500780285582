//! The contacts screen's detail pane: one organisation with its people, its timeline
//! and who in the municipality knows it, and what is selected there.

use super::super::super::theme::View;
use super::super::super::widgets::wrap::hang;
use crate::model::{Acquaintance, Interaction, Org, Person};
use crate::text::{sanitize_block, sanitize_line as clean};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// What is selected on the detail page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Org,
    Person(usize),
    Interaction(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub org: Org,
    pub persons: Vec<Person>,
    pub timeline: Vec<Interaction>,
    pub known_by: Vec<Acquaintance>,
    /// A person last verified before this day is flagged (issue 15).
    pub verify_cutoff: String,
}

impl Detail {
    /// The number of selectable rows: the organisation, its persons, its interactions.
    pub fn selectable(&self) -> usize {
        1 + self.persons.len() + self.timeline.len()
    }
}

pub(super) fn date_or_dash(d: Option<&str>) -> String {
    d.unwrap_or("—").to_string()
}

pub(super) fn draw_detail(
    f: &mut Frame,
    area: Rect,
    d: &Detail,
    v: View,
    selection: Option<Selection>,
) {
    let lang = v.lang;
    let theme = v.theme;
    let o = &d.org;
    let data = &o.data;
    let sel = |s: Selection| selection == Some(s);
    let mark = |on: bool| if on { "▶ " } else { "  " };
    let mut lines: Vec<Line> = Vec::new();
    // Inside the left border.
    let wrap_w = area.width.saturating_sub(1) as usize;
    let title_style = if sel(Selection::Org) {
        theme.title.patch(theme.selected)
    } else {
        theme.title
    };
    lines.push(Line::from(Span::styled(
        format!("{}{}", mark(sel(Selection::Org)), clean(&data.name)),
        title_style,
    )));
    let field = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("  {:<18} ", lang.t(k)), theme.muted),
            Span::raw(v),
        ])
    };
    let mut kind = lang.t(data.kind.key()).to_string();
    if let Some(date) = &data.twin_decided {
        kind.push_str(&format!(
            " ({})",
            lang.f("detail.twin_decided", &[("date", date)])
        ));
    }
    lines.push(field("field.kind", kind));
    lines.push(field("field.place", lang.place(&data.city, &data.country)));
    if !data.website.is_empty() {
        lines.push(field("field.website", clean(&data.website).into_owned()));
    }
    // Identifiers and the region box (issue 16), only when set.
    let ids: Vec<String> = [
        ("field.orgnr", &data.orgnr),
        ("field.pic", &data.pic),
        ("field.oid", &data.oid),
        ("field.vat", &data.vat),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{} {}", lang.t(k), clean(v)))
    .collect();
    if !ids.is_empty() {
        lines.push(field("field.identifiers", ids.join(" · ")));
    }
    if data.share {
        lines.push(field("field.share", lang.t("field.share_box").to_string()));
    }
    let mut status = lang.t(data.status.key()).to_string();
    if let Some(s) = data.sector {
        status.push_str(&format!(" · {}", lang.t(s.key())));
    }
    lines.push(field("field.status", status));
    let areas: Vec<&str> = data
        .priority_areas
        .iter()
        .map(|a| lang.t(a.key()))
        .chain(data.growth_areas.iter().map(|a| lang.t(a.key())))
        .collect();
    if !areas.is_empty() {
        lines.push(field("field.areas", areas.join(", ")));
    }
    if !data.tags.is_empty() {
        lines.push(field(
            "field.tags",
            clean(&data.tags.join(", ")).into_owned(),
        ));
    }
    let owner = match (&o.owner_member_name, &o.owner_unit_name) {
        (Some(m), Some(u)) => format!("{} ({})", clean(m), clean(u)),
        (Some(m), None) => clean(m).into_owned(),
        (None, Some(u)) => clean(u).into_owned(),
        (None, None) => "—".into(),
    };
    lines.push(field("field.owner", owner));
    lines.push(field(
        "field.updated",
        format!(
            "{} {}",
            lang.date_of(&o.meta.updated_at),
            clean(o.meta.updated_by.as_deref().unwrap_or(""))
        ),
    ));
    if !data.notes.is_empty() {
        for l in sanitize_block(&data.notes).lines().take(6) {
            lines.push(Line::from(format!("  {l}")).style(theme.note));
        }
    }

    lines.push(Line::default());
    lines.push(Line::from(lang.t("detail.known_by")).style(theme.title));
    if d.known_by.is_empty() {
        lines.push(Line::from(format!("  {}", lang.t("detail.nobody"))).style(theme.muted));
    }
    for a in d.known_by.iter().take(8) {
        let text = format!(
            "  {} · {} · {} ({})",
            clean(&a.member_name),
            clean(a.unit_name.as_deref().unwrap_or("—")),
            a.last_contact,
            a.contacts
        );
        hang(&mut lines, &text, None, wrap_w);
    }

    lines.push(Line::default());
    lines.push(Line::from(lang.f("detail.persons", &[("n", &d.persons.len())])).style(theme.title));
    for (i, p) in d.persons.iter().enumerate() {
        let on = sel(Selection::Person(i));
        // Name and title, then how to reach them on a line of their own.
        let mut text = format!("{}{}", mark(on), clean(&p.data.name));
        if !p.data.title.is_empty() {
            text.push_str(&format!(" — {}", clean(&p.data.title)));
        }
        if p.privacy.restricted {
            text.push_str(&format!(" [{}]", lang.t("privacy.restricted_short")));
        }
        hang(&mut lines, &text, on.then_some(theme.selected), wrap_w);
        let reach = [clean(&p.data.email), clean(&p.data.phone)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("  ");
        if !reach.is_empty() {
            hang(&mut lines, &format!("    {reach}"), None, wrap_w);
        }
        // Personal data, once something is recorded: the source and the date the
        // person was informed (Art. 14).
        let pd = &p.privacy;
        let mut facts = Vec::new();
        if let Some(k) = pd.source_kind {
            let note = clean(&pd.source_note);
            facts.push(if note.is_empty() {
                lang.t(k.key()).to_string()
            } else {
                format!("{} ({note})", lang.t(k.key()))
            });
        }
        if let Some(d) = &pd.informed_on {
            facts.push(format!("{} {}", lang.t("field.informed"), clean(d)));
        }
        if !facts.is_empty() {
            hang(
                &mut lines,
                &format!("    {}", facts.join(" · ")),
                None,
                wrap_w,
            );
        }
        // Not verified for the office's period (issue 15): said in words, marked.
        let verified = p.data.verified_on.as_deref();
        if crate::model::is_unverified(verified, &p.meta.created_at, &d.verify_cutoff) {
            let date = clean(verified.unwrap_or("—")).into_owned();
            let text = lang.f("privacy.unverified_since", &[("date", &date)]);
            hang(
                &mut lines,
                &format!("    ⚑ {text}"),
                Some(theme.warning),
                wrap_w,
            );
        }
    }

    lines.push(Line::default());
    lines.push(
        Line::from(lang.f("detail.timeline", &[("n", &d.timeline.len())])).style(theme.title),
    );
    for (i, x) in d.timeline.iter().enumerate() {
        let on = sel(Selection::Interaction(i));
        let who = match &x.person_name {
            Some(p) if x.person_restricted => format!(
                "{} → {} [{}]",
                clean(&x.member_name),
                clean(p),
                lang.t("privacy.restricted_short")
            ),
            Some(p) => format!("{} → {}", clean(&x.member_name), clean(p)),
            None => clean(&x.member_name).into_owned(),
        };
        let mut text = format!(
            "{}{} {} · {}: {}",
            mark(on),
            x.data.date,
            lang.t(x.data.kind.key()),
            who,
            clean(&x.data.summary)
        );
        if let Some(fu) = &x.data.follow_up {
            text.push_str(&format!(
                " ({})",
                lang.f("detail.follow_up", &[("date", fu)])
            ));
        }
        hang(&mut lines, &text, on.then_some(theme.selected), wrap_w);
    }

    // Keep the selected line in view on the detail page.
    let selected_line = lines
        .iter()
        .position(|l| l.spans.iter().any(|s| s.content.starts_with("▶ ")))
        .unwrap_or(0);
    let height = area.height.saturating_sub(2) as usize;
    let scroll = selected_line.saturating_sub(height.saturating_sub(3)) as u16;
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.border)
        .title(lang.t("detail.title"));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
