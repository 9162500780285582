//! Drawing the personal-data panel: its own state and the view, nothing else.

use super::{DECISIONS, FORMATS, Mode, PrivacyPanel, extension};
use crate::model::is_unverified;
use crate::text::sanitize_line as clean;
use crate::tui::theme::View;
use crate::tui::widgets::input::Input;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::wrap::hang;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Draws the panel over `area` (see the parent module).
pub(super) fn draw(p: &PrivacyPanel, f: &mut Frame, area: Rect, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    let width = area.width.saturating_sub(2).min(90);
    let panel = Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    };
    let inner_w = usize::from(width.saturating_sub(2));
    let label = |k: &str| Span::styled(format!("{:<20} ", lang.t(k)), theme.muted);
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::from(vec![
        label("field.organisation"),
        Span::styled(clean(&p.org).into_owned(), theme.title),
    ]));
    let save_to = || {
        Line::from(vec![
            label("privacy.save_to"),
            Span::raw(clean(&p.input.value).into_owned()),
            Span::styled("▏", theme.caret),
        ])
    };
    match p.mode {
        Mode::Facts | Mode::AskRestrict(_) => facts(p, &mut lines, v, &label, inner_w),
        Mode::Notice | Mode::SaveNotice => {
            lines.push(Line::from(lang.t("privacy.notice_title")).style(theme.muted));
            if p.mode == Mode::SaveNotice {
                lines.push(save_to());
            }
            lines.push(Line::default());
            // The text as it will be sent: wrapped by the paragraph, not indented.
            lines.extend(p.notice.iter().map(|l| Line::from(clean(l).into_owned())));
        }
        Mode::Extract => {
            lines.push(Line::from(lang.t("privacy.extract_title")).style(theme.title));
            lines.push(Line::from(vec![
                label("privacy.format"),
                Span::styled(extension(FORMATS[p.format]), theme.option),
            ]));
            lines.push(save_to());
        }
        Mode::Erase | Mode::AskErase => {
            lines.push(Line::from(lang.t("privacy.erase_title")).style(theme.title));
            lines.push(Line::from(lang.t("privacy.erase_about")).style(theme.muted));
            lines.push(Line::from(vec![
                label("privacy.decision"),
                Span::styled(lang.t(DECISIONS[p.decision].key()), theme.option),
            ]));
            let field = |key: &str, input: &Input, on: bool| {
                let mut spans = vec![label(key), Span::raw(clean(&input.value).into_owned())];
                if on && p.mode == Mode::Erase {
                    spans.push(Span::styled("▏", theme.caret));
                }
                Line::from(spans)
            };
            lines.push(field("field.reason", &p.input, !p.on_reference));
            lines.push(field("field.retention_ref", &p.reference, p.on_reference));
        }
        Mode::Result => {
            lines.push(Line::from(lang.t("privacy.result_title")).style(theme.title));
            lines.extend(p.result.iter().map(|l| Line::from(clean(l).into_owned())));
        }
    }
    let question = match p.mode {
        Mode::AskRestrict(true) => Some(lang.f("privacy.confirm_restrict", &[("name", &p.who())])),
        Mode::AskRestrict(false) => Some(lang.f("privacy.confirm_lift", &[("name", &p.who())])),
        Mode::AskErase => Some(lang.f(
            "privacy.confirm_erase",
            &[
                ("decision", &lang.t(DECISIONS[p.decision].key())),
                ("name", &p.who()),
            ],
        )),
        _ => None,
    };
    if let Some(q) = question {
        lines.push(Line::default());
        lines.push(Line::from(q).style(theme.warning));
        lines.push(Line::from(lang.t("confirm.yes_no")).style(theme.muted));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(lang.f("privacy.panel_title", &[("name", &p.who())]));
    // As high as its text (wrapped), at most the area; the notice takes it all.
    let rows: usize = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner_w.max(1)))
        .sum();
    let height = match p.mode {
        Mode::Notice | Mode::SaveNotice => area.height,
        _ => u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height),
    };
    let panel = Rect {
        y: area.y + (area.height - height) / 2,
        height,
        ..panel
    };
    let scroll = p.scroll;
    popup(f, panel, block, |f, inner| {
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            inner,
        );
    });
}

/// The person's facts (the panel's first page).
fn facts<'a>(
    me: &PrivacyPanel,
    lines: &mut Vec<Line<'a>>,
    v: View,
    label: &dyn Fn(&str) -> Span<'a>,
    width: usize,
) {
    let lang = v.lang;
    let theme = v.theme;
    let p = &me.privacy;
    if me.gone {
        lines.push(Line::from(lang.t("privacy.erased_person")).style(theme.warning));
    }
    let source = match p.source_kind {
        Some(k) if p.source_note.is_empty() => lang.t(k.key()).to_string(),
        Some(k) => format!("{} ({})", lang.t(k.key()), clean(&p.source_note)),
        None if p.source_note.is_empty() => "—".into(),
        None => clean(&p.source_note).into_owned(),
    };
    lines.push(Line::from(vec![
        label("field.source_kind"),
        Span::raw(source),
    ]));
    lines.push(Line::from(vec![
        label("field.basis"),
        Span::raw(lang.t(p.legal_basis.key()).to_string()),
    ]));
    lines.push(Line::from(vec![
        label("field.informed"),
        match &p.informed_on {
            Some(d) => Span::raw(clean(d).into_owned()),
            None => Span::styled(lang.t("privacy.not_informed_yet"), theme.warning),
        },
    ]));
    let verified = me.verified_on.as_deref();
    let mut spans = vec![
        label("field.verified_on"),
        Span::raw(clean(verified.unwrap_or("—")).into_owned()),
    ];
    if is_unverified(verified, &me.created_at, &me.cutoff) {
        spans.push(Span::styled(
            format!("  ⚑ {}", lang.t("privacy.to_review")),
            theme.warning,
        ));
    }
    lines.push(Line::from(spans));
    lines.push(Line::from(vec![
        label("privacy.restriction"),
        if p.restricted {
            Span::styled(lang.t("privacy.restricted_yes"), theme.warning)
        } else {
            Span::raw(lang.t("privacy.restricted_no"))
        },
    ]));
    let mut head = vec![label("privacy.open_requests")];
    if me.open.is_empty() {
        head.push(Span::raw(lang.t("privacy.no_requests")));
    }
    lines.push(Line::from(head));
    for r in &me.open {
        let due = r
            .received
            .parse::<jiff::civil::Date>()
            .ok()
            .and_then(|d| d.checked_add(jiff::Span::new().months(1)).ok())
            .map_or_else(|| "—".to_string(), |d| d.to_string());
        let text = lang.f(
            "privacy.request_line",
            &[
                ("kind", &lang.t(r.kind.key())),
                ("received", &clean(&r.received)),
                ("due", &due),
            ],
        );
        hang(lines, &format!("  {text}"), None, width);
    }
}
