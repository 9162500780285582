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
use crate::model::{
    Account, AccountState, Actor, Drift, Figure, OverviewRow, UnitFigures, year_in_range,
};
use crate::store::{Error, Result};
use crate::text::sanitize_line as clean;
use std::cell::Cell;

mod draw;
pub use draw::draw;

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
