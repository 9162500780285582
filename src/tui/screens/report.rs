//! The yearly compilation ("Redovisning" / "Annual report", issue 13).
//!
//! A member sees their unit's account for a year: the figures gathered from the log
//! (projects, contacts, competence development, plan items, memberships), its state,
//! the deadline and how far away it is, what changed since it was handed in, and the
//! unit's words; `e` writes the words, `s` submits (asking first), `f` takes today's
//! figures into an open account. The office sees every unit's account (state, who
//! submitted and when, what is late) with the municipality's key figures beside last
//! year's; `Enter` opens an account, `r` returns it with a comment, `a` accepts it.
//! A viewer (or a member without a unit) sees the accepted accounts.
//!
//! Every rule is the model's (`Actor::may_write_account`, `may_read_account`,
//! `may_decide_account`, `AccountState::is_open`): the store enforces them, and this
//! screen asks them only to offer the keys that would work ([`Component::offers`]).
//! The data comes from `store/report.rs`; nothing here counts or sums.

use super::super::component::{Component, Cx, Effect, FormRequest, Pending, form, step};
use super::super::keymap::{Action, Context};
use super::super::theme::{Due, View};
use crate::i18n::{Lang, describe_drift, describe_evaluation, figure_value};
use crate::model::{
    Account, AccountState, Actor, Drift, Figure, Hours, Measure, OverviewRow, Tally, UnitFigures,
    WordsPart, days_between, year_in_range,
};
use crate::store::{Error, Result};
use crate::text::{sanitize_block, sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::cell::Cell;
use unicode_width::UnicodeWidthStr;

/// What the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportMode {
    /// Every unit's account for the year (the office; others the accepted ones).
    #[default]
    Overview,
    /// One unit's account.
    Account,
}

/// One unit's account as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    /// `None`: not started.
    pub account: Option<Account>,
    /// The figures taken into the account (frozen at submission or by a refresh),
    /// else the live ones.
    pub figures: UnitFigures,
    /// True when `figures` are the account's own, not the live ones.
    pub frozen: bool,
    /// Live minus frozen.
    pub drift: Drift,
}

impl Shown {
    pub fn state(&self) -> Option<AccountState> {
        self.account.as_ref().map(|a| a.state)
    }
}

/// The screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReportScreen {
    pub year: i32,
    pub mode: ReportMode,
    /// The overview's rows: every unit for the office, the accounts the user may read
    /// for anyone else.
    pub rows: Vec<OverviewRow>,
    /// Every unit's row, to name the unit of an account.
    pub units: Vec<OverviewRow>,
    pub deadline: Option<String>,
    /// The municipality's headline figures: (figure, this year, last year). The
    /// office's only.
    pub key_figures: Vec<(Figure, i64, i64)>,
    pub cursor: usize,
    pub top: Cell<usize>,
    pub shown: Option<Shown>,
    /// Lines the account is scrolled down by, and the most it can be (set by drawing).
    pub scroll: u16,
    pub max_scroll: Cell<u16>,
    /// The user's home is the overview (the office, viewers, members without a unit);
    /// else it is their unit's account.
    pub overview_home: bool,
    /// The user is the office (decides accounts, sees every unit and the key figures).
    pub office: bool,
    pub loaded: bool,
}

impl ReportScreen {
    pub fn new() -> ReportScreen {
        ReportScreen {
            year: crate::store::this_year(),
            ..Default::default()
        }
    }

    /// The user's own unit, when they write its account.
    fn own_unit(me: &Actor) -> Option<i64> {
        me.unit_id.filter(|u| me.may_write_account(*u))
    }

    /// Loads the year: the overview (and the key figures for the office), and the
    /// account shown.
    pub fn reload(&mut self, cx: &Cx) -> Result<()> {
        let (store, me) = (cx.store, cx.actor);
        if !self.loaded {
            self.office = me.may_decide_account();
            self.overview_home = self.office || Self::own_unit(me).is_none();
            self.mode = if self.overview_home {
                ReportMode::Overview
            } else {
                ReportMode::Account
            };
        }
        self.loaded = true;
        let overview = store.overview(me, self.year)?;
        self.deadline = overview.deadline;
        self.units = overview.rows;
        self.rows = self
            .units
            .iter()
            .filter(|r| {
                self.office
                    || r.state
                        .is_some_and(|s| me.may_read_account(r.unit_id, s) && self.overview_home)
            })
            .cloned()
            .collect();
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        self.key_figures = if self.office {
            let this = store.municipality_figures(me, self.year)?;
            let last = if year_in_range(self.year - 1) {
                store.municipality_figures(me, self.year - 1)?
            } else {
                UnitFigures::default()
            };
            Figure::ALL
                .iter()
                .map(|f| (*f, this.value(*f), last.value(*f)))
                .collect()
        } else {
            Vec::new()
        };
        let unit = match self.mode {
            ReportMode::Account => self
                .shown
                .as_ref()
                .map(|s| s.unit_id)
                .or_else(|| Self::own_unit(me)),
            ReportMode::Overview => None,
        };
        self.shown = match unit.map(|u| self.load_account(cx, u)) {
            Some(Ok(shown)) => Some(shown),
            // No longer readable (an accepted account a viewer had open was returned):
            // back to the overview.
            Some(Err(Error::Forbidden)) if self.overview_home => {
                self.mode = ReportMode::Overview;
                None
            }
            Some(Err(e)) => return Err(e),
            None => None,
        };
        Ok(())
    }

    fn load_account(&self, cx: &Cx, unit_id: i64) -> Result<Shown> {
        let (store, me) = (cx.store, cx.actor);
        let account = store.account(me, unit_id, self.year)?;
        let (figures, frozen, drift) = match account.as_ref().and_then(|a| a.figures.clone()) {
            Some(f) => (f, true, store.drift(me, unit_id, self.year)?),
            None => (
                store.unit_figures(me, unit_id, self.year)?,
                false,
                Drift::default(),
            ),
        };
        let row = self.units.iter().find(|r| r.unit_id == unit_id);
        Ok(Shown {
            unit_id,
            unit_code: row.map(|r| r.unit_code.clone()).unwrap_or_default(),
            unit_name: row.map(|r| r.unit_name.clone()).unwrap_or_default(),
            account,
            figures,
            frozen,
            drift,
        })
    }

    /// The unit an action is about, with its state: the account shown, else the
    /// overview's row under the cursor.
    fn target(&self) -> Option<(i64, Option<AccountState>)> {
        match self.mode {
            ReportMode::Account => self.shown.as_ref().map(|s| (s.unit_id, s.state())),
            ReportMode::Overview => self.rows.get(self.cursor).map(|r| (r.unit_id, r.state)),
        }
    }

    /// The unit's code, for messages.
    pub fn unit_code(&self, unit_id: i64) -> String {
        self.units
            .iter()
            .find(|r| r.unit_id == unit_id)
            .map(|r| r.unit_code.clone())
            .unwrap_or_default()
    }

    /// Why `action` is refused here: the role, or the account's state.
    fn refusal(&self, action: Action, me: &Actor) -> Error {
        let Some((unit, state)) = self.target() else {
            return Error::NotFound;
        };
        let allowed = match action {
            Action::Edit | Action::Submit | Action::RefreshFigures => me.may_write_account(unit),
            _ => me.may_decide_account(),
        };
        if !allowed {
            Error::Forbidden
        } else if state.is_none() {
            Error::Rule("err.account_not_started")
        } else {
            Error::Rule("err.account_state")
        }
    }

    /// The version of the target's account (read again, so a decision is taken on
    /// what is stored now).
    fn version(cx: &Cx, unit_id: i64, year: i32) -> Result<i64> {
        cx.store
            .account(cx.actor, unit_id, year)?
            .map(|a| a.meta.version)
            .ok_or(Error::Rule("err.account_not_started"))
    }
}

impl Component for ReportScreen {
    fn context(&self) -> Context {
        match self.mode {
            ReportMode::Overview => Context::ReportOverview,
            ReportMode::Account => Context::Report,
        }
    }

    fn offers(&self, action: Action, me: &Actor) -> bool {
        let target = self.target();
        let state = target.and_then(|(_, s)| s);
        let writes = target.is_some_and(|(u, _)| me.may_write_account(u));
        let account = self.mode == ReportMode::Account;
        match action {
            Action::Edit => account && writes && state.is_none_or(AccountState::is_open),
            Action::Submit => account && writes && state.is_some_and(AccountState::is_open),
            Action::RefreshFigures => {
                account
                    && writes
                    && state.is_some_and(AccountState::is_open)
                    && self.shown.as_ref().is_some_and(|s| !s.drift.is_empty())
            }
            Action::ReturnAccount => {
                me.may_decide_account() && state.is_some_and(AccountState::is_handed_in)
            }
            Action::Accept => me.may_decide_account() && state == Some(AccountState::Submitted),
            Action::Open => !account && target.is_some(),
            Action::Back => account && self.overview_home,
            _ => true,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect> {
        let me = cx.actor;
        let writing = matches!(
            action,
            Action::Edit
                | Action::Submit
                | Action::RefreshFigures
                | Action::ReturnAccount
                | Action::Accept
        );
        if writing && !self.offers(action, me) {
            return Err(self.refusal(action, me));
        }
        match action {
            a if super::super::component::is_movement(a) => match self.mode {
                ReportMode::Overview => {
                    let last = self.rows.len().saturating_sub(1) as i64;
                    self.cursor = (self.cursor as i64 + step(a, cx.height)).clamp(0, last) as usize;
                }
                ReportMode::Account => {
                    let by = step(a, cx.height.saturating_sub(4).max(1));
                    let most = i64::from(self.max_scroll.get());
                    self.scroll = (i64::from(self.scroll) + by).clamp(0, most) as u16;
                }
            },
            Action::PrevYear | Action::NextYear => {
                let year = self.year + if action == Action::PrevYear { -1 } else { 1 };
                if !year_in_range(year) {
                    return Ok(Effect::None);
                }
                self.year = year;
                self.scroll = 0;
                // An account opened from the overview may not be readable in another
                // year (a viewer's): the overview of that year is shown instead.
                if self.overview_home {
                    self.mode = ReportMode::Overview;
                    self.shown = None;
                }
                self.reload(cx)?;
            }
            Action::Open => {
                if let Some(row) = self.rows.get(self.cursor) {
                    let unit = row.unit_id;
                    self.shown = Some(self.load_account(cx, unit)?);
                    self.mode = ReportMode::Account;
                    self.scroll = 0;
                }
            }
            Action::Back if self.overview_home => {
                self.mode = ReportMode::Overview;
                self.shown = None;
            }
            Action::Edit => {
                if let Some(s) = &self.shown {
                    return Ok(form(FormRequest::AccountWords {
                        unit_id: s.unit_id,
                        unit_name: s.unit_name.clone(),
                        year: self.year,
                        account: s.account.clone().map(Box::new),
                    }));
                }
            }
            Action::Submit | Action::Accept => {
                let Some((unit_id, _)) = self.target() else {
                    return Ok(Effect::None);
                };
                let year = self.year;
                let version = Self::version(cx, unit_id, year)?;
                let unit = self.unit_code(unit_id);
                let (key, on_yes) = if action == Action::Submit {
                    (
                        "confirm.submit_account",
                        Pending::SubmitAccount {
                            unit_id,
                            year,
                            version,
                        },
                    )
                } else {
                    (
                        "confirm.accept_account",
                        Pending::AcceptAccount {
                            unit_id,
                            year,
                            version,
                        },
                    )
                };
                return Ok(Effect::Ask {
                    prompt: cx.lang.f(key, &[("unit", &clean(&unit)), ("year", &year)]),
                    on_yes,
                });
            }
            Action::RefreshFigures => {
                if let Some(s) = &self.shown {
                    let year = self.year;
                    let version = s.account.as_ref().map(|a| a.meta.version);
                    cx.store.refresh_figures(me, s.unit_id, year, version)?;
                    let unit = clean(&s.unit_code).into_owned();
                    return Ok(Effect::Changed(
                        cx.lang
                            .f("report.refreshed", &[("unit", &unit), ("year", &year)]),
                    ));
                }
            }
            Action::ExportReport => {
                return Ok(form(FormRequest::ExportReport { year: self.year }));
            }
            Action::ReturnAccount => {
                if let Some((unit_id, _)) = self.target() {
                    let year = self.year;
                    let version = Self::version(cx, unit_id, year)?;
                    let unit_name = self
                        .units
                        .iter()
                        .find(|r| r.unit_id == unit_id)
                        .map(|r| r.unit_name.clone())
                        .unwrap_or_default();
                    return Ok(form(FormRequest::ReturnAccount {
                        unit_id,
                        unit_name,
                        year,
                        version,
                    }));
                }
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn show(&mut self, cx: &Cx) -> Result<()> {
        if !self.loaded {
            self.reload(cx)?;
        }
        Ok(())
    }

    fn refresh(&mut self, cx: &Cx) -> Result<()> {
        if self.loaded {
            self.reload(cx)?;
        }
        Ok(())
    }
}

impl ReportScreen {
    /// Shows the user's own account for `year` (from a deadline).
    pub fn reveal_year(&mut self, cx: &Cx, year: i32) -> Result<()> {
        self.year = year;
        self.scroll = 0;
        self.reload(cx)?;
        if let Some(unit) = Self::own_unit(cx.actor) {
            self.shown = Some(self.load_account(cx, unit)?);
            self.mode = ReportMode::Account;
        }
        Ok(())
    }
}

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
        "  {:<6} {:<name_w$} {:<14} {:<22} {:<10}",
        truncate(lang.t("report.col_unit"), 6),
        truncate(lang.t("report.col_name"), name_w),
        truncate(lang.t("report.col_state"), 14),
        truncate(lang.t("report.col_by"), 22),
        truncate(lang.t("report.col_when"), 10),
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
    for (i, r) in super::super::widgets::rows::visible(&s.top, s.cursor, &s.rows, area.height) {
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
                "{mark} {:<6} {:<name_w$} ",
                truncate(&clean(&r.unit_code), 6),
                truncate(&clean(&r.unit_name), name_w),
            )),
            Span::styled(
                format!("{:<14}", truncate(state_label(lang, r.state), 14)),
                state_style(&v, r.state),
            ),
            Span::raw(format!(
                " {:<22} {:<10} ",
                truncate(if by.is_empty() { "—" } else { &by }, 22),
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
        Span::raw(format!(
            "{:<label_w$} ",
            truncate(lang.t(figure.key()), label_w)
        )),
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
                    format!("  {:<label_w$} ", truncate(&clean(&label), label_w)),
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
