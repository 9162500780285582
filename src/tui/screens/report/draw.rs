//! Drawing the Annual report screen: the office's overview with the key figures, and
//! one unit's account (state, deadline, drift, the figures in one or two columns, the
//! words). It reads the screen's state and a view, nothing else.

use super::super::super::theme::{Due, View};
use super::{ReportMode, ReportScreen, Shown};
use crate::i18n::{Lang, describe_drift, describe_evaluation, figure_value};
use crate::model::{
    AccountState, Figure, Hours, Measure, Tally, UnitFigures, WordsPart, days_between,
};
use crate::text::{fit, sanitize_block, sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The state's name: not started when there is no account.
fn state_label(lang: Lang, state: Option<AccountState>) -> &'static str {
    match state {
        Some(s) => lang.t(s.key()),
        None => lang.t("account_state.not_started"),
    }
}

fn state_style(v: &View, state: Option<AccountState>) -> Style {
    match state {
        None => v.theme.muted,
        Some(AccountState::Draft) => v.theme.draft,
        Some(AccountState::Submitted) => v.theme.accent,
        Some(AccountState::Returned) => v.theme.warning,
        Some(AccountState::Accepted) => v.theme.ok,
    }
}

/// "2027-01-31, in 64 days" / "…, today" / "…, 3 days ago".
fn deadline_text(lang: Lang, deadline: &str, today: &str) -> (String, Option<i64>) {
    let days = days_between(today, deadline);
    let when = match days {
        Some(0) => lang.t("report.due_today").to_string(),
        Some(d) if d > 0 => lang.f("report.due_in", &[("n", &d)]),
        Some(d) => lang.f("report.due_ago", &[("n", &d.saturating_abs())]),
        None => String::new(),
    };
    let text = if when.is_empty() {
        deadline.to_string()
    } else {
        format!("{deadline}, {when}")
    };
    (text, days)
}

pub fn draw(f: &mut Frame, area: Rect, s: &ReportScreen, v: View) {
    match (&s.mode, &s.shown) {
        (ReportMode::Account, Some(shown)) => draw_account(f, area, s, shown, v),
        (ReportMode::Account, None) => {
            f.render_widget(
                Paragraph::new(v.lang.t("report.no_unit")).style(v.theme.muted),
                area,
            );
        }
        (ReportMode::Overview, _) => draw_overview(f, area, s, v),
    }
}

/// The overview: every unit's account (or the readable ones) and, for the office,
/// the key figures beside last year's.
fn draw_overview(f: &mut Frame, area: Rect, s: &ReportScreen, v: View) {
    let (lang, theme) = (v.lang, v.theme);
    let mut head = vec![Span::styled(
        lang.f(
            if s.office {
                "report.overview_head"
            } else {
                "report.accepted_head"
            },
            &[("year", &s.year)],
        ),
        theme.title,
    )];
    if let Some(d) = &s.deadline {
        let (text, _) = deadline_text(lang, d, v.today);
        head.push(Span::raw(format!(
            " · {}",
            lang.f("report.deadline_at", &[("date", &text)])
        )));
    }
    if s.office {
        let handed = s
            .rows
            .iter()
            .filter(|r| r.state.is_some_and(AccountState::is_handed_in))
            .count();
        let late = s.rows.iter().filter(|r| r.late).count();
        head.push(Span::raw(format!(
            " · {}",
            lang.f(
                "report.handed_in",
                &[("n", &handed), ("all", &s.rows.len())]
            )
        )));
        if late > 0 {
            head.push(Span::styled(
                format!(" · {}", lang.f("report.late_count", &[("n", &late)])),
                theme.overdue,
            ));
        }
    }
    // The key figures in two columns when there is room, else one.
    let kf_cols: usize = if area.width >= 110 { 2 } else { 1 };
    let kf_rows = if s.key_figures.is_empty() {
        0
    } else {
        s.key_figures.len().div_ceil(kf_cols) + 2
    };
    let list_rows = s.rows.len().max(1) + 1;
    let room = (area.height as usize).saturating_sub(1);
    let list_h = if kf_rows == 0 {
        room
    } else {
        // The list first: at least half the room, the key figures what is left.
        list_rows.min(room.saturating_sub(kf_rows + 1).max(room / 2))
    };
    let [head_area, list_area, _, kf_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(list_h as u16),
        Constraint::Length(u16::from(kf_rows > 0)),
        Constraint::Min(0),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(Line::from(head)).style(Style::default()),
        head_area,
    );
    draw_rows(f, list_area, s, v);
    if kf_rows > 0 {
        draw_key_figures(f, kf_area, s, v, kf_cols);
    }
}

fn draw_rows(f: &mut Frame, area: Rect, s: &ReportScreen, v: View) {
    let (lang, theme) = (v.lang, v.theme);
    let w = area.width as usize;
    // mark 2, code 6, state 14, by 22, date 10, late 6 and the spaces between.
    let name_w = w.saturating_sub(2 + 7 + 15 + 23 + 11 + 6).clamp(10, 40);
    let header = format!(
        "  {} {} {} {} {}",
        fit(lang.t("report.col_unit"), 6),
        fit(lang.t("report.col_name"), name_w),
        fit(lang.t("report.col_state"), 14),
        fit(lang.t("report.col_by"), 22),
        fit(lang.t("report.col_when"), 10),
    );
    let mut lines = vec![Line::from(header).style(theme.title)];
    if s.rows.is_empty() {
        lines.push(
            Line::from(lang.f(
                if s.office {
                    "report.no_units"
                } else {
                    "report.none_accepted"
                },
                &[("year", &s.year)],
            ))
            .style(theme.muted),
        );
    }
    for (i, r) in
        super::super::super::widgets::rows::visible(&s.top, s.cursor, &s.rows, area.height)
    {
        let due = if r.late { Due::Overdue } else { Due::Later };
        let mark = if r.late { "!" } else { " " };
        let by = r.submitted_by.as_deref().map(clean).unwrap_or_default();
        // The local day, as every stored moment is shown.
        let when = r
            .submitted_at
            .as_deref()
            .map(|at| lang.date_of(at))
            .unwrap_or_default();
        let mut spans = vec![
            Span::raw(format!(
                "{mark} {} {} ",
                fit(&clean(&r.unit_code), 6),
                fit(&clean(&r.unit_name), name_w),
            )),
            Span::styled(
                fit(state_label(lang, r.state), 14),
                state_style(&v, r.state),
            ),
            Span::raw(format!(
                " {} {:<10} ",
                fit(if by.is_empty() { "—" } else { &by }, 22),
                if when.is_empty() { "—" } else { &when },
            )),
        ];
        if r.late {
            spans.push(Span::styled(
                format!("{}{}", theme.due_mark(due), lang.t("report.late")),
                theme.due(due),
            ));
        }
        let mut line = Line::from(spans);
        if i == s.cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), area);
}

fn draw_key_figures(f: &mut Frame, area: Rect, s: &ReportScreen, v: View, cols: usize) {
    let (lang, theme) = (v.lang, v.theme);
    let col_w = (area.width as usize).saturating_sub(cols.saturating_sub(1) * 3) / cols.max(1);
    let label_w = col_w.saturating_sub(26).max(10);
    let cell = |a: &str, b: &str, c: &str| format!("{a:<label_w$} {b:>12} {c:>12}");
    let (this, last) = (s.year.to_string(), (s.year - 1).to_string());
    let mut lines = vec![Line::from(lang.t("report.key_figures")).style(theme.title)];
    let head = cell("", &this, &last);
    lines.push(
        Line::from(
            std::iter::repeat_n(head, cols)
                .collect::<Vec<_>>()
                .join(" │ "),
        )
        .style(theme.muted),
    );
    let per_col = s.key_figures.len().div_ceil(cols.max(1));
    for row in 0..per_col {
        let mut spans = Vec::new();
        for c in 0..cols {
            let Some((fig, now, before)) = s.key_figures.get(c * per_col + row) else {
                continue;
            };
            if c > 0 {
                spans.push(Span::styled(" │ ", theme.border));
            }
            let m = fig.measure();
            spans.push(Span::raw(cell(
                &truncate(lang.t(fig.key()), label_w),
                &figure_value(lang, m, *now),
                &figure_value(lang, m, *before),
            )));
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// One unit's account: its head (state, deadline, who, the office's comment, the
/// drift), then the figures and the words, which scroll.
fn draw_account(f: &mut Frame, area: Rect, s: &ReportScreen, shown: &Shown, v: View) {
    let (lang, theme) = (v.lang, v.theme);
    let state = shown.state();
    let account = shown.account.as_ref();
    let mut head: Vec<Line> = Vec::new();
    head.push(Line::from(vec![
        Span::styled(
            format!(
                "{} {} — {}",
                clean(&shown.unit_code),
                clean(&shown.unit_name),
                lang.f("report.account_year", &[("year", &s.year)])
            ),
            theme.title,
        ),
        Span::raw("   "),
        Span::styled(
            format!("[ {} ]", state_label(lang, state)),
            state_style(&v, state),
        ),
    ]));
    // The deadline, and how far away while the account is not handed in.
    let mut second = Vec::new();
    let handed_in = state.is_some_and(AccountState::is_handed_in);
    match &s.deadline {
        Some(d) => {
            let (text, days) = deadline_text(lang, d, v.today);
            let due = match days {
                _ if handed_in => Due::Closed,
                Some(n) if n < 0 => Due::Overdue,
                Some(n) if n <= 14 => Due::Soon,
                _ => Due::Later,
            };
            let text = if handed_in { d.clone() } else { text };
            second.push(Span::styled(
                format!(
                    "{}{}",
                    theme.due_mark(due),
                    lang.f("report.deadline_line", &[("date", &text)])
                ),
                theme.due(due),
            ));
        }
        None => second.push(Span::styled(lang.t("report.no_deadline"), theme.muted)),
    }
    if let Some(a) = account {
        if let (Some(by), Some(at)) = (&a.submitted_by, &a.submitted_at) {
            second.push(Span::raw(format!(
                " · {}",
                lang.f(
                    "report.submitted_by",
                    &[("by", &clean(by)), ("at", &lang.datetime(at))]
                )
            )));
        }
        if matches!(a.state, AccountState::Accepted)
            && let (Some(by), Some(at)) = (&a.decided_by, &a.decided_at)
        {
            second.push(Span::raw(format!(
                " · {}",
                lang.f(
                    "report.accepted_by",
                    &[("by", &clean(by)), ("at", &lang.datetime(at))]
                )
            )));
        }
    }
    head.push(Line::from(second));
    if let Some(a) = account
        && a.state == AccountState::Returned
    {
        let by = a.decided_by.as_deref().map(clean).unwrap_or_default();
        let at = a
            .decided_at
            .as_deref()
            .map(|at| lang.datetime(at))
            .unwrap_or_default();
        head.push(
            Line::from(format!(
                "⚠ {}",
                lang.f("report.returned_by", &[("by", &by), ("at", &at)])
            ))
            .style(theme.warning),
        );
        let comment = a.returned_comment.as_deref().unwrap_or("");
        for l in sanitize_block(comment).lines() {
            head.push(Line::from(l.to_string()).style(theme.note));
        }
    }
    if !shown.drift.is_empty() {
        head.push(
            Line::from(format!("⚠ {}", describe_drift(lang, &shown.drift))).style(theme.warning),
        );
    }
    // The head wraps at the width; count its rows as drawn.
    let width = area.width.max(1) as usize;
    let head_rows: usize = head.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    let [head_area, body_area] =
        Layout::vertical([Constraint::Length(head_rows as u16), Constraint::Min(1)]).areas(area);
    f.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), head_area);

    // The body: the figures (two columns when there is room), then the words.
    let mut body: Vec<Line> = Vec::new();
    let figures_title = if shown.frozen {
        lang.f(
            "report.figures_frozen_at",
            &[("date", &shown.figures.as_of.as_str())],
        )
    } else {
        lang.t("report.figures_now").to_string()
    };
    let two = width >= 100;
    let col_w = if two { (width - 3) / 2 } else { width.min(64) };
    let (left, right) = figure_columns(&shown.figures, v, col_w);
    let rule = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Span::styled(format!(" {figures_title} "), theme.title));
    if two {
        let n = left.len().max(right.len());
        for i in 0..n {
            let mut spans = Vec::new();
            let l = left.get(i).cloned().unwrap_or_default();
            let pad = col_w.saturating_sub(l.width());
            spans.extend(l.spans);
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(" │ ", theme.border));
            if let Some(r) = right.get(i) {
                spans.extend(r.spans.clone());
            }
            body.push(Line::from(spans));
        }
    } else {
        body.extend(left);
        body.push(Line::default());
        body.extend(right);
    }
    body.push(Line::default());
    body.push(Line::from(lang.t("report.words_title")).style(theme.title));
    let empty = account.is_none_or(|a| a.words.is_empty());
    if empty {
        body.push(Line::from(lang.t("report.no_words")).style(theme.muted));
    } else if let Some(a) = account {
        for part in WordsPart::ALL {
            body.push(Line::from(lang.t(part.key())).style(theme.title));
            let text = a.words.get(*part);
            if text.trim().is_empty() {
                body.push(Line::from("—").style(theme.muted));
            }
            for l in sanitize_block(text).lines() {
                body.push(Line::from(l.to_string()));
            }
        }
    }
    // How far the body can scroll: its rows as wrapped, less the pane.
    let inner_h = body_area.height.saturating_sub(1) as usize;
    let rows: usize = body.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    let most = rows.saturating_sub(inner_h).min(u16::MAX as usize) as u16;
    s.max_scroll.set(most);
    f.render_widget(
        Paragraph::new(body)
            .block(rule)
            .wrap(Wrap { trim: false })
            .scroll((s.scroll.min(most), 0)),
        body_area,
    );
}

/// A figure's line: its name and its value, right-aligned in `w` columns.
fn figure_line(lang: Lang, figure: Figure, value: i64, w: usize) -> Line<'static> {
    let value = figure_value(lang, figure.measure(), value);
    let label_w = w.saturating_sub(value.width() + 1);
    Line::from(vec![
        Span::raw(format!("{} ", fit(lang.t(figure.key()), label_w))),
        Span::raw(value),
    ])
}

/// A bar for `value` out of `max`, `width` cells at most, in eighths.
fn bar(value: i64, max: i64, width: usize) -> String {
    if max <= 0 || value <= 0 || width == 0 {
        return String::new();
    }
    let eighths = (i128::from(value) * (width as i128) * 8 / i128::from(max)).max(1) as usize;
    let mut out = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    out.push_str(PARTS[eighths % 8]);
    out
}

/// Up to `n` bars of a tally: label, bar, value.
fn bars<'a>(
    v: &View,
    rows: impl Iterator<Item = (String, i64)>,
    measure: Measure,
    w: usize,
    n: usize,
) -> Vec<Line<'a>> {
    let rows: Vec<(String, i64)> = rows.filter(|(_, x)| *x > 0).take(n).collect();
    let max = rows.iter().map(|(_, x)| *x).max().unwrap_or(0);
    let label_w = 18.min(w / 3);
    let bar_w = w.saturating_sub(label_w + 3 + 10).clamp(1, 24);
    rows.into_iter()
        .map(|(label, x)| {
            Line::from(vec![
                Span::styled(
                    format!("  {} ", fit(&clean(&label), label_w)),
                    v.theme.muted,
                ),
                Span::styled(bar(x, max, bar_w), v.theme.series_this_year),
                Span::raw(format!(" {}", figure_value(v.lang, measure, x))),
            ])
        })
        .collect()
}

/// "Interreg 2 · Erasmus+ 1" for a tally line, cut to `w`.
fn tally_line<'a>(lang: Lang, title: &str, items: Vec<String>, w: usize) -> Option<Line<'a>> {
    if items.is_empty() {
        return None;
    }
    let text = format!("  {}: {}", lang.t(title), items.join(" · "));
    Some(Line::from(truncate(&clean(&text), w).into_owned()))
}

/// The figures as two columns of lines: projects and contacts; competence
/// development, plan items and memberships.
fn figure_columns(
    fig: &UnitFigures,
    v: View,
    w: usize,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let lang = v.lang;
    let title = |key: &str| Line::from(lang.t(key).to_string()).style(v.theme.title);
    let line = |f: Figure| figure_line(lang, f, fig.value(f), w);
    let mut left = vec![title("report.sec_projects")];
    left.extend(
        [
            Figure::ProjectsRunning,
            Figure::ProjectsStarted,
            Figure::ProjectsEnded,
            Figure::BudgetTotal,
            Figure::EuGrant,
            Figure::OwnContribution,
        ]
        .map(line),
    );
    let programmes = fig
        .projects
        .by_programme
        .iter()
        .map(|t| format!("{} {}", lang.t(t.key.key()), t.running))
        .collect();
    left.extend(tally_line(lang, "report.by_programme", programmes, w));
    left.push(Line::default());
    left.push(title("report.sec_contacts"));
    left.extend(
        [
            Figure::Interactions,
            Figure::Organisations,
            Figure::NewPartners,
            Figure::TwinCityInteractions,
        ]
        .map(line),
    );
    let kinds = fig
        .contacts
        .by_kind
        .iter()
        .map(|t: &Tally<_>| (lang.t(t.key.key()).to_string(), t.count));
    left.extend(bars(&v, kinds, Measure::Count, w, 4));
    let countries = fig
        .contacts
        .by_country
        .iter()
        .take(6)
        .map(|t| format!("{} {}", t.key, t.count))
        .collect();
    left.extend(tally_line(lang, "report.contacts_by_country", countries, w));

    let mut right = vec![title("report.sec_training")];
    right.extend(
        [
            Figure::Activities,
            Figure::Participants,
            Figure::PersonHours,
            Figure::TrainingCost,
        ]
        .map(line),
    );
    let hours = fig
        .training
        .by_kind
        .iter()
        .map(|h: &Hours<_>| (lang.t(h.key.key()).to_string(), h.minutes));
    right.extend(bars(&v, hours, Measure::Minutes, w, 4));
    right.push(Line::default());
    right.push(title("report.sec_plans"));
    let items = &fig.plan_items;
    let total = items.total();
    let gauge_w = 20.min(w.saturating_sub(12));
    let done_cells = if total > 0 {
        (items.done.clamp(0, total) * gauge_w as i64 / total) as usize
    } else {
        0
    };
    right.push(Line::from(vec![
        Span::raw("  "),
        Span::styled("█".repeat(done_cells), v.theme.gauge),
        Span::styled("░".repeat(gauge_w - done_cells), v.theme.muted),
        Span::raw(format!(" {}/{}", items.done, total)),
    ]));
    right.extend(
        [
            Figure::ItemsDone,
            Figure::ItemsInProgress,
            Figure::ItemsNotStarted,
            Figure::ItemsCancelled,
        ]
        .map(line),
    );
    // Overdue items stand out by their name and a sign, not by colour alone.
    let overdue = line(Figure::ItemsOverdue);
    right.push(if items.overdue > 0 {
        overdue.style(v.theme.overdue)
    } else {
        overdue
    });
    right.push(Line::default());
    right.push(Line::from(vec![
        Span::styled(lang.t("report.sec_memberships").to_string(), v.theme.title),
        Span::raw(format!(" ({})", fig.memberships.len())),
    ]));
    for m in fig.memberships.iter().take(6) {
        let eval = describe_evaluation(lang, m.last_evaluation.as_ref());
        let text = format!("  {} · {}", clean(&m.network), eval);
        right.push(Line::from(truncate(&text, w).into_owned()));
    }
    if fig.memberships.len() > 6 {
        right.push(
            Line::from(lang.f("report.more", &[("n", &(fig.memberships.len() - 6))]))
                .style(v.theme.muted),
        );
    }
    (left, right)
}
