//! App state and `update`: keys become actions through the keymap; actions change
//! state and call the store. Rendering (in `ui`) only reads this state.

pub use super::forms::{FormPrompt, FormState, FormTarget};
use super::keymap::{Action, Context, Key, Keymap};
use super::screens::Screen;
use super::screens::contacts::{Contacts, Detail, Selection};
use super::screens::deadlines::DeadlinesView;
use super::screens::news::NewsScreen;
use super::screens::plans::PlansScreen;
use super::screens::projects::ProjectsScreen;
use super::screens::training::TrainingScreen;
use super::widgets::input::Input;
use crate::i18n::{Lang, describe_error, describe_undo};
use crate::model::{Actor, Hit, InteractionKind, ItemStatus};
use crate::store::{Error, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

/// A form being typed is saved to the database this often at most.
pub const AUTOSAVE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What a yes answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    DeleteOrg(i64),
    DeletePerson(i64),
    DeleteInteraction(i64),
    DeleteNews(i64),
    DeleteTraining(i64),
    DeletePlanItem(i64),
    DeleteProject(i64),
    DeleteMilestone(i64),
    DeleteMembership(i64),
    CopyPlan(i64),
    /// Mark everything the news filter shows as read.
    MarkAllRead,
    /// Reopen a form left by a session that ended (hang-up, kill, crash).
    ResumeDraft(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub prompt: String,
    pub on_yes: Pending,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    pub input: Input,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// Help for the context it was opened from.
    Help(Context),
    Confirm(Confirm),
    Form(Box<FormState>),
    Lookup(Lookup),
}

pub struct App {
    pub store: Store,
    pub actor: Actor,
    pub lang: Lang,
    pub keymap: Keymap,
    pub screen: Screen,
    pub contacts: Contacts,
    pub news: NewsScreen,
    pub training: TrainingScreen,
    pub plans: PlansScreen,
    pub projects: ProjectsScreen,
    /// The deadlines view, over the plans or projects screen.
    pub deadlines: DeadlinesView,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Terminal size (columns, rows), for paging.
    pub size: (u16, u16),
    data_version: i64,
    /// The interaction kind this user picked last, the default for the next one.
    pub(super) last_kind: InteractionKind,
    /// The open form's draft row, once saved.
    pub(super) draft_id: Option<i64>,
    /// The open form changed since the draft was last saved.
    pub(super) draft_pending: bool,
    /// Where a draft goes when the database will not take it (see `store::spool_draft`).
    pub spool: std::path::PathBuf,
    last_autosave: Instant,
    /// The look (set from the config by `tui::build`).
    pub theme: super::theme::Theme,
    /// Today, "YYYY-MM-DD": what drawing counts days from. Refreshed by the event loop.
    pub today: String,
}

impl App {
    pub fn new(
        store: Store,
        actor: Actor,
        lang: Lang,
        keymap: Keymap,
        size: (u16, u16),
    ) -> Result<App, Error> {
        let data_version = store.data_version()?;
        let mut app = App {
            contacts: Contacts::new(lang.sort_order()),
            news: NewsScreen::default(),
            training: TrainingScreen::new(),
            plans: PlansScreen::new(),
            projects: ProjectsScreen::default(),
            deadlines: DeadlinesView::default(),
            screen: Screen::Contacts,
            store,
            actor,
            lang,
            keymap,
            modal: None,
            status: None,
            quit: false,
            size,
            data_version,
            last_kind: InteractionKind::Meeting,
            draft_id: None,
            draft_pending: false,
            spool: crate::config::spool_dir(),
            last_autosave: Instant::now(),
            theme: super::theme::Theme::default(),
            today: crate::store::today(),
        };
        let h = app.list_height();
        app.contacts.reload(&app.store, h)?;
        app.news.reload(&app.store, &app.actor, h)?;
        let spool = app.spool.clone();
        app.resume_spooled(&spool);
        Ok(app)
    }

    /// Moves the drafts a session could not save to the database (spooled in `dir`)
    /// into it, then offers the newest draft left by an ended session, if any.
    pub fn resume_spooled(&mut self, dir: &std::path::Path) {
        let r = self.store.import_spooled_drafts(&self.actor, dir);
        self.check(r);
        self.offer_draft();
    }

    /// Rows of the list that fit on screen (minus tabs, header, filter, status, hints).
    pub fn list_height(&self) -> i64 {
        i64::from(self.size.1.saturating_sub(6)).max(1)
    }

    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        self.lang.t(key)
    }

    pub(super) fn info(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    pub(super) fn error(&mut self, err: &Error) {
        self.status = Some(Status {
            text: describe_error(self.lang, err),
            error: true,
        });
    }

    /// Reports a store failure in the status bar.
    pub(super) fn check<T>(&mut self, r: Result<T, Error>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(&e);
                None
            }
        }
    }

    /// The keymap context the user is in.
    pub fn context(&self) -> Context {
        match (&self.modal, self.screen) {
            (Some(Modal::Help(_)), _) => Context::Help,
            (Some(Modal::Confirm(_)), _) => Context::Confirm,
            (Some(Modal::Form(f)), _) if f.prompt.is_some() => Context::Confirm,
            (Some(Modal::Form(_)), _) => Context::Form,
            (Some(Modal::Lookup(_)), _) => Context::Lookup,
            (None, Screen::Contacts) if self.contacts.filtering => Context::Filter,
            (None, Screen::Contacts) if self.contacts.detail_open => Context::Detail,
            (None, Screen::Contacts) => Context::List,
            (None, Screen::News) if self.news.searching => Context::Filter,
            (None, Screen::News) if self.news.open => Context::Reading,
            (None, Screen::News) => Context::News,
            (None, Screen::Training) => Context::Training,
            (None, Screen::Plans | Screen::Projects) if self.deadlines.open => Context::Deadlines,
            (None, Screen::Plans) => Context::Plans,
            (None, Screen::Projects) if self.projects.show_memberships => Context::Memberships,
            (None, Screen::Projects) => Context::Projects,
        }
    }

    /// Called every half second: if another process committed, reload what is shown.
    /// Returns true when the screen needs a redraw.
    pub fn poll_changes(&mut self) -> bool {
        let Some(v) = self.check(self.store.data_version()) else {
            return true;
        };
        if v == self.data_version {
            return false;
        }
        self.data_version = v;
        self.refresh();
        true
    }

    /// Reloads the lists, the details and the lookup results from the database.
    pub fn refresh(&mut self) {
        let h = self.list_height();
        let r = self.contacts.reload(&self.store, h);
        self.check(r);
        let r = self.news.reload(&self.store, &self.actor, h);
        self.check(r);
        if self.training.loaded {
            let r = self.training.reload(&self.store, &self.actor, h);
            self.check(r);
        }
        if self.plans.loaded {
            let r = self.plans.reload(&self.store, &self.actor);
            self.check(r);
        }
        if self.projects.loaded {
            let r = self.projects.reload(&self.store);
            self.check(r);
        }
        if self.deadlines.open {
            let r = self.deadlines.reload(&self.store, &self.actor);
            self.check(r);
        }
        if let Some(Modal::Lookup(l)) = &mut self.modal {
            let hits = self.store.find(&l.input.value, 50);
            if let Ok(hits) = hits {
                l.selected = l.selected.min(hits.len().saturating_sub(1));
                l.hits = hits;
            }
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let height = self.list_height();
        let r = self.contacts.ensure_window(&self.store, height);
        self.check(r);
        let r = self.news.ensure_window(&self.store, &self.actor, height);
        self.check(r);
        let r = self
            .training
            .ensure_window(&self.store, &self.actor, height);
        self.check(r);
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        let key = Key::from_event(&ev);
        let context = self.context();
        let plain = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        // In a multi-line field the arrows and Enter edit the text.
        let text_navigation = context == Context::Form
            && plain
            && matches!(ev.code, KeyCode::Up | KeyCode::Down | KeyCode::Enter)
            && self.focused_multiline();
        let action = if text_navigation {
            None
        } else {
            self.keymap.lookup(context, key).or_else(|| {
                // Global keys apply only where no text is being typed.
                context
                    .takes_global()
                    .then(|| self.keymap.lookup(Context::Global, key))
                    .flatten()
            })
        };
        if let Some(action) = action {
            self.update(action);
            return;
        }
        match context {
            Context::Form if plain => self.form_key(ev.code),
            Context::Lookup if plain => self.lookup_key(ev.code),
            Context::Filter if plain => self.filter_key(ev.code),
            _ => {}
        }
    }

    fn lookup_key(&mut self, code: KeyCode) {
        let Some(Modal::Lookup(l)) = &mut self.modal else {
            return;
        };
        if !l.input.handle(code) {
            return;
        }
        let q = l.input.value.clone();
        let hits = self.store.find(&q, 50);
        if let Some(hits) = self.check(hits)
            && let Some(Modal::Lookup(l)) = &mut self.modal
        {
            l.hits = hits;
            l.selected = 0;
        }
    }

    fn filter_key(&mut self, code: KeyCode) {
        let h = self.list_height();
        let r = match self.screen {
            Screen::Contacts if self.contacts.filter.handle(code) => {
                self.contacts.refilter(&self.store, h)
            }
            Screen::News if self.news.search.handle(code) => {
                self.news.refilter(&self.store, &self.actor, h)
            }
            _ => Ok(()),
        };
        self.check(r);
    }

    /// Does one action in the current context.
    pub fn update(&mut self, action: Action) {
        self.status = None;
        let context = self.context();
        if context.takes_global() && self.global_action(action) {
            return;
        }
        match context {
            Context::Help => self.modal = None,
            Context::Confirm => self.confirm(action == Action::Yes),
            Context::Form => self.form_action(action),
            Context::Lookup => self.lookup_action(action),
            Context::Filter => self.filter_action(action),
            Context::News | Context::Reading => self.news_action(action),
            Context::Training => self.training_action(action),
            Context::Plans => self.plans_action(action),
            Context::Projects | Context::Memberships => self.projects_action(action),
            Context::Deadlines => self.deadlines_action(action),
            Context::List | Context::Detail | Context::Global => self.contacts_action(action),
        }
    }

    /// Actions that mean the same on every screen. Returns true when handled.
    fn global_action(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help(self.context())),
            Action::Lookup => self.modal = Some(Modal::Lookup(Lookup::default())),
            Action::Screen1 => self.switch(Screen::Contacts),
            Action::Screen2 => self.switch(Screen::News),
            Action::Screen3 => self.switch(Screen::Training),
            Action::Screen4 => self.switch(Screen::Plans),
            Action::Screen5 => self.switch(Screen::Projects),
            Action::NextScreen => self.switch(self.screen.next()),
            Action::PrevScreen => self.switch(self.screen.prev()),
            Action::Undo => {
                let r = self.store.undo_last(&self.actor);
                if let Some(u) = self.check(r) {
                    self.info(describe_undo(self.lang, &u));
                    self.refresh();
                }
            }
            _ => return false,
        }
        true
    }

    fn switch(&mut self, screen: Screen) {
        self.screen = screen;
        self.deadlines.open = false;
        // The training log loads when first opened: the tab shows no count.
        if screen == Screen::Projects && !self.projects.loaded {
            let r = self.projects.reload(&self.store);
            self.check(r);
        }
        if screen == Screen::Plans && !self.plans.loaded {
            let r = self.plans.reload(&self.store, &self.actor);
            self.check(r);
        }
        if screen == Screen::Training && !self.training.loaded {
            let h = self.list_height();
            let r = self.training.reload(&self.store, &self.actor, h);
            self.check(r);
        }
        self.contacts.detail_open = false;
        self.news.open = false;
    }

    fn contacts_action(&mut self, action: Action) {
        let h = self.list_height();
        let detail = self.contacts.detail_open;
        match action {
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
                if detail =>
            {
                self.contacts.move_selection(action);
            }
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown => {
                let delta = self.step(action);
                let r = self.contacts.move_cursor(&self.store, delta, h);
                self.check(r);
            }
            Action::Open if self.contacts.detail.is_some() => {
                self.contacts.detail_open = true;
                self.contacts.selection = Selection::Org;
            }
            Action::Back => {
                if detail {
                    self.contacts.detail_open = false;
                } else if !self.contacts.filter.value.is_empty() {
                    self.contacts.filter = Input::default();
                    let r = self.contacts.refilter(&self.store, h);
                    self.check(r);
                }
            }
            Action::Filter => self.contacts.filtering = true,
            Action::New => self.open_org_form(None),
            Action::Edit => match (detail, self.contacts.selection) {
                (true, Selection::Person(i)) => self.open_person_form(None, Some(i)),
                (true, Selection::Interaction(i)) => self.open_interaction_form(Some(i)),
                _ => {
                    let org = self.contacts.detail.as_ref().map(|d| d.org.clone());
                    if let Some(org) = org {
                        self.open_org_form(Some(org));
                    }
                }
            },
            Action::Delete => self.ask_delete(),
            Action::NewPerson => {
                if let Some(d) = &self.contacts.detail {
                    let org_id = d.org.id;
                    self.open_person_form(Some(org_id), None);
                }
            }
            Action::NewInteraction => self.open_interaction_form(None),
            _ => {}
        }
    }

    /// How far a movement action moves a list cursor.
    fn step(&self, action: Action) -> i64 {
        let h = self.list_height();
        match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -h,
            Action::PageDown => h,
            Action::Top => i64::MIN / 2,
            _ => i64::MAX / 2,
        }
    }

    fn news_action(&mut self, action: Action) {
        let h = self.list_height();
        let reading = self.news.open;
        let r = match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
                if reading =>
            {
                let lines = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -(h as i32),
                    Action::PageDown => h as i32,
                    Action::Top => -100_000,
                    _ => 100_000,
                };
                self.news.scroll =
                    (i32::from(self.news.scroll) + lines).clamp(0, i32::from(u16::MAX)) as u16;
                Ok(())
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                let delta = self.step(action);
                self.news.move_cursor(&self.store, &self.actor, delta, h)
            }
            Action::Open => self.news.open(&self.store, &self.actor, h),
            Action::Back if reading => {
                self.news.open = false;
                Ok(())
            }
            Action::Back => {
                // Esc clears the filters.
                self.news.filter = Default::default();
                self.news.search = Input::default();
                self.news.refilter(&self.store, &self.actor, h)
            }
            Action::Filter => {
                self.news.searching = true;
                Ok(())
            }
            Action::ProjectIdea | Action::PlanItemFromNews => {
                match self.news.item.as_ref().map(|n| n.id) {
                    Some(id) => {
                        let made = if action == Action::ProjectIdea {
                            self.store
                                .project_idea_from_news(&self.actor, id)
                                .map(|_| "msg.project_idea")
                        } else {
                            self.store
                                .plan_item_from_news(&self.actor, id)
                                .map(|_| "msg.plan_item_made")
                        };
                        made.map(|key| {
                            self.info(self.t(key).to_string());
                            self.refresh();
                        })
                    }
                    None => Ok(()),
                }
            }
            Action::ToggleRead => self.news.toggle_read(&self.store, &self.actor, h),
            Action::MarkAllRead => {
                let n = self.news.list.total;
                self.modal = Some(Modal::Confirm(Confirm {
                    prompt: self.lang.f("confirm.mark_all_read", &[("n", &n)]),
                    on_yes: Pending::MarkAllRead,
                }));
                Ok(())
            }
            Action::UnreadOnly
            | Action::CycleCategory
            | Action::CycleArea
            | Action::CycleDeadline
            | Action::Archive => {
                match action {
                    Action::UnreadOnly => {
                        self.news.filter.unread_only = !self.news.filter.unread_only
                    }
                    Action::CycleCategory => self.news.cycle_category(),
                    Action::CycleArea => self.news.cycle_area(),
                    Action::CycleDeadline => self.news.cycle_deadline(),
                    _ => self.news.filter.archive = !self.news.filter.archive,
                }
                self.news.refilter(&self.store, &self.actor, h)
            }
            Action::New => {
                self.open_news_form(None);
                Ok(())
            }
            Action::Edit => {
                let item = self.news.item.clone();
                if let Some(item) = item {
                    self.open_news_form(Some(item));
                }
                Ok(())
            }
            Action::Delete => {
                if let Some(item) = &self.news.item {
                    let (title, on_yes) = (item.data.title.clone(), Pending::DeleteNews(item.id));
                    self.ask("confirm.delete_news", &title, on_yes);
                }
                Ok(())
            }
            _ => Ok(()),
        };
        self.check(r);
    }

    fn training_action(&mut self, action: Action) {
        let h = self.list_height();
        let r = match action {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => {
                let delta = self.step(action);
                self.training
                    .move_cursor(&self.store, &self.actor, delta, h)
            }
            Action::CycleScope | Action::PrevYear | Action::NextYear | Action::CycleCategory => {
                match action {
                    Action::CycleScope => self.training.cycle_scope(&self.actor),
                    Action::PrevYear => self.training.shift_year(-1),
                    Action::NextYear => self.training.shift_year(1),
                    _ => self.training.cycle_kind(),
                }
                self.training.refilter(&self.store, &self.actor, h)
            }
            Action::ToggleCharts => {
                self.training.show_charts = !self.training.show_charts;
                if self.training.show_charts {
                    self.training.load_charts(&self.store)
                } else {
                    Ok(())
                }
            }
            Action::Back => {
                self.training.show_charts = false;
                Ok(())
            }
            Action::New => {
                self.open_training_form(None);
                Ok(())
            }
            Action::Edit => {
                let item = self.training.item.clone();
                if let Some(item) = item {
                    self.open_training_form(Some(item));
                }
                Ok(())
            }
            Action::Delete => {
                if let Some(t) = &self.training.item {
                    let (title, on_yes) = (t.data.title.clone(), Pending::DeleteTraining(t.id));
                    self.ask("confirm.delete_training", &title, on_yes);
                }
                Ok(())
            }
            _ => Ok(()),
        };
        self.check(r);
    }

    fn projects_action(&mut self, action: Action) {
        let r = match action {
            Action::Up | Action::Down => {
                if self
                    .projects
                    .move_by(if action == Action::Down { 1 } else { -1 })
                {
                    self.projects.load_milestones(&self.store)
                } else {
                    Ok(())
                }
            }
            Action::SwitchPane => {
                self.projects.in_milestones =
                    !self.projects.in_milestones && !self.projects.milestones.is_empty();
                Ok(())
            }
            Action::Memberships => {
                self.projects.show_memberships = !self.projects.show_memberships;
                Ok(())
            }
            Action::Back => {
                self.projects.in_milestones = false;
                self.projects.show_memberships = false;
                Ok(())
            }
            Action::New if self.projects.show_memberships => {
                self.open_membership_form(None);
                Ok(())
            }
            Action::New => {
                self.open_project_form(None);
                Ok(())
            }
            Action::NewMilestone if !self.projects.show_memberships => {
                self.open_milestone_form(None);
                Ok(())
            }
            Action::Evaluate => {
                self.open_evaluation_form();
                Ok(())
            }
            Action::Deadlines => self.open_deadlines(),
            Action::Edit => {
                if let Some(m) = self.projects.current_membership().cloned() {
                    self.open_membership_form(Some(m));
                } else if let Some(m) = self.projects.current_milestone().cloned() {
                    self.open_milestone_form(Some(m));
                } else if let Some(p) = self.projects.current_project().cloned() {
                    self.open_project_form(Some(p));
                }
                Ok(())
            }
            Action::Delete => {
                let p = &self.projects;
                let asked = if let Some(m) = p.current_membership() {
                    Some((
                        "confirm.delete_membership",
                        m.network.clone(),
                        Pending::DeleteMembership(m.id),
                    ))
                } else if let Some(m) = p.current_milestone() {
                    Some((
                        "confirm.delete_milestone",
                        m.title.clone(),
                        Pending::DeleteMilestone(m.id),
                    ))
                } else {
                    p.current_project().map(|x| {
                        (
                            "confirm.delete_project",
                            x.data.name.clone(),
                            Pending::DeleteProject(x.id),
                        )
                    })
                };
                if let Some((key, title, on_yes)) = asked {
                    self.ask(key, &title, on_yes);
                }
                Ok(())
            }
            Action::ToggleDone => match self.projects.current_milestone() {
                Some(m) => {
                    let (id, done) = (m.id, !m.done);
                    self.store
                        .set_milestone_done(&self.actor, id, done)
                        .and_then(|_| self.projects.reload(&self.store))
                }
                None => Ok(()),
            },
            _ => Ok(()),
        };
        self.check(r);
    }

    fn open_deadlines(&mut self) -> crate::store::Result<()> {
        self.deadlines.open = true;
        self.deadlines.reload(&self.store, &self.actor)
    }

    fn deadlines_action(&mut self, action: Action) {
        let r = match action {
            Action::Up | Action::Down => {
                self.deadlines
                    .move_by(if action == Action::Down { 1 } else { -1 });
                Ok(())
            }
            Action::Horizon => {
                self.deadlines.cycle_within();
                self.deadlines.reload(&self.store, &self.actor)
            }
            Action::OnlyMine => {
                self.deadlines.mine = !self.deadlines.mine;
                self.deadlines.cursor = 0;
                self.deadlines.reload(&self.store, &self.actor)
            }
            Action::Deadlines | Action::Back => {
                self.deadlines.open = false;
                Ok(())
            }
            Action::Open => match self.deadlines.current().cloned() {
                Some(d) => self.go_to_deadline(&d),
                None => Ok(()),
            },
            _ => Ok(()),
        };
        self.check(r);
    }

    /// Shows the thing a deadline is about: the item in its plan's checklist, the
    /// milestone in its project's, the membership, or the call in the news.
    fn go_to_deadline(&mut self, d: &crate::store::Deadline) -> crate::store::Result<()> {
        use crate::store::DeadlineKind;
        match d.kind {
            DeadlineKind::PlanItem => {
                let item = self.store.plan_item(d.id)?;
                self.switch(Screen::Plans);
                self.plans.year = item.plan_year;
                self.plans.mine = false;
                self.plans.reload(&self.store, &self.actor)?;
                if let Some(i) = self
                    .plans
                    .plans
                    .iter()
                    .position(|p| p.id == item.data.plan_id)
                {
                    self.plans.plan_cursor = i;
                }
                self.plans.reload(&self.store, &self.actor)?;
                self.plans.item_cursor = self
                    .plans
                    .items
                    .iter()
                    .position(|i| i.id == d.id)
                    .unwrap_or(0);
                self.plans.in_items = !self.plans.items.is_empty();
            }
            DeadlineKind::Milestone => {
                let project_id = self.store.milestone(d.id)?.project_id;
                self.switch(Screen::Projects);
                self.projects.reload(&self.store)?;
                self.projects.select(&self.store, project_id)?;
                if let Some(i) = self.projects.milestones.iter().position(|m| m.id == d.id) {
                    self.projects.milestone_cursor = i;
                    self.projects.in_milestones = true;
                }
            }
            DeadlineKind::Evaluation => {
                self.switch(Screen::Projects);
                self.projects.reload(&self.store)?;
                self.projects.show_memberships = true;
                if let Some(i) = self.projects.memberships.iter().position(|m| m.id == d.id) {
                    self.projects.membership_cursor = i;
                }
            }
            DeadlineKind::Call => {
                self.switch(Screen::News);
                self.news.filter = crate::store::NewsFilter {
                    category: Some(crate::model::NewsCategory::Call),
                    text: d.title.clone(),
                    ..Default::default()
                };
                self.news.search = Input::new(&d.title);
                let h = self.list_height();
                self.news.refilter(&self.store, &self.actor, h)?;
                if self.news.item.as_ref().is_some_and(|n| n.id == d.id) {
                    self.news.open(&self.store, &self.actor, h)?;
                }
            }
        }
        Ok(())
    }

    fn plans_action(&mut self, action: Action) {
        let r = match action {
            Action::Up | Action::Down => {
                if self
                    .plans
                    .move_by(if action == Action::Down { 1 } else { -1 })
                {
                    self.plans.reload(&self.store, &self.actor)
                } else {
                    Ok(())
                }
            }
            Action::SwitchPane => {
                self.plans.in_items = !self.plans.in_items && !self.plans.items.is_empty();
                Ok(())
            }
            Action::Back => {
                self.plans.in_items = false;
                self.plans.mine = false;
                self.plans.reload(&self.store, &self.actor)
            }
            Action::MyItems => {
                self.plans.mine = !self.plans.mine;
                self.plans.item_cursor = 0;
                self.plans.reload(&self.store, &self.actor)
            }
            Action::PrevYear | Action::NextYear => {
                self.plans.year += if action == Action::NextYear { 1 } else { -1 };
                self.plans.plan_cursor = 0;
                self.plans.reload(&self.store, &self.actor)
            }
            Action::ToggleDone | Action::CycleStatus => match self
                .plans
                .current_item()
                .filter(|_| self.plans.in_items || self.plans.mine)
            {
                Some(item) => {
                    let status = match action {
                        Action::ToggleDone if item.data.status == ItemStatus::Done => {
                            ItemStatus::NotStarted
                        }
                        Action::ToggleDone => ItemStatus::Done,
                        _ => item.data.status.cycled(),
                    };
                    let id = item.id;
                    self.store
                        .set_item_status(&self.actor, id, status)
                        .and_then(|_| self.plans.reload(&self.store, &self.actor))
                }
                None => Ok(()),
            },
            Action::New => {
                self.open_plan_item_form(None);
                Ok(())
            }
            Action::NewPlan => {
                self.open_plan_form(None);
                Ok(())
            }
            Action::Deadlines => self.open_deadlines(),
            Action::Edit => {
                if self.plans.in_items || self.plans.mine {
                    if let Some(item) = self.plans.current_item().cloned() {
                        self.open_plan_item_form(Some(item));
                    }
                } else if let Some(plan) = self.plans.current_plan().cloned() {
                    self.open_plan_form(Some(plan));
                }
                Ok(())
            }
            Action::Delete => {
                if let Some(item) = self
                    .plans
                    .current_item()
                    .filter(|_| self.plans.in_items || self.plans.mine)
                {
                    let (title, on_yes) =
                        (item.data.text.clone(), Pending::DeletePlanItem(item.id));
                    self.ask("confirm.delete_plan_item", &title, on_yes);
                }
                Ok(())
            }
            Action::CopyPlan => {
                if let Some(p) = self.plans.current_plan() {
                    let prompt = self.lang.f(
                        "confirm.copy_plan",
                        &[
                            ("title", &crate::text::sanitize_line(&p.data.title)),
                            ("y", &(p.data.year + 1)),
                        ],
                    );
                    self.modal = Some(Modal::Confirm(Confirm {
                        prompt,
                        on_yes: Pending::CopyPlan(p.id),
                    }));
                }
                Ok(())
            }
            _ => Ok(()),
        };
        self.check(r);
    }

    fn filter_action(&mut self, action: Action) {
        let h = self.list_height();
        let r = match (self.screen, action) {
            (Screen::Contacts, Action::Open) => {
                self.contacts.filtering = false;
                Ok(())
            }
            (Screen::Contacts, Action::Back) => {
                self.contacts.filtering = false;
                self.contacts.filter = Input::default();
                self.contacts.refilter(&self.store, h)
            }
            (Screen::Contacts, Action::Down | Action::Up) => self.contacts.move_cursor(
                &self.store,
                if action == Action::Down { 1 } else { -1 },
                h,
            ),
            (Screen::News, Action::Open) => {
                self.news.searching = false;
                Ok(())
            }
            (Screen::News, Action::Back) => {
                self.news.searching = false;
                self.news.search = Input::default();
                self.news.refilter(&self.store, &self.actor, h)
            }
            (Screen::News, Action::Down | Action::Up) => {
                let delta = if action == Action::Down { 1 } else { -1 };
                self.news.move_cursor(&self.store, &self.actor, delta, h)
            }
            _ => Ok(()),
        };
        self.check(r);
    }

    fn lookup_action(&mut self, action: Action) {
        let Some(Modal::Lookup(l)) = &mut self.modal else {
            return;
        };
        match action {
            Action::Down => l.selected = (l.selected + 1).min(l.hits.len().saturating_sub(1)),
            Action::Up => l.selected = l.selected.saturating_sub(1),
            Action::Back => self.modal = None,
            Action::Open => {
                if let Some(hit) = l.hits.get(l.selected).cloned() {
                    self.modal = None;
                    self.switch(Screen::Contacts);
                    let h = self.list_height();
                    let r = self.contacts.open_org(&self.store, hit.org_id, h);
                    self.check(r);
                }
            }
            _ => {}
        }
    }

    /// Asks before `on_yes`: `key` is the question's i18n key with a `{title}`.
    fn ask(&mut self, key: &str, title: &str, on_yes: Pending) {
        let prompt = self
            .lang
            .f(key, &[("title", &crate::text::sanitize_line(title))]);
        self.modal = Some(Modal::Confirm(Confirm { prompt, on_yes }));
    }

    fn ask_delete(&mut self) {
        if !self.actor.can_edit_partners() {
            self.error(&Error::Forbidden);
            return;
        }
        let Some(d) = &self.contacts.detail else {
            return;
        };
        let clean = crate::text::sanitize_line;
        let (prompt, on_yes) = match (self.contacts.detail_open, self.contacts.selection) {
            (true, Selection::Person(i)) => match d.persons.get(i) {
                Some(p) => (
                    self.lang
                        .f("confirm.delete_person", &[("name", &clean(&p.data.name))]),
                    Pending::DeletePerson(p.id),
                ),
                None => return,
            },
            (true, Selection::Interaction(i)) => match d.timeline.get(i) {
                Some(x) => (
                    self.lang
                        .f("confirm.delete_interaction", &[("date", &x.data.date)]),
                    Pending::DeleteInteraction(x.id),
                ),
                None => return,
            },
            _ => (
                self.lang
                    .f("confirm.delete_org", &[("name", &clean(&d.org.data.name))]),
                Pending::DeleteOrg(d.org.id),
            ),
        };
        self.modal = Some(Modal::Confirm(Confirm { prompt, on_yes }));
    }

    fn confirm(&mut self, yes: bool) {
        match self.modal.take() {
            Some(Modal::Confirm(c)) => self.confirmed(c.on_yes, yes),
            Some(Modal::Form(mut f)) => {
                let prompt = f.prompt.take();
                match (prompt, yes) {
                    (Some(FormPrompt::Discard), true) => self.close_form(),
                    (Some(FormPrompt::CreateAnyway), true) => {
                        self.modal = Some(Modal::Form(f));
                        self.save_form(true, true);
                    }
                    _ => self.modal = Some(Modal::Form(f)),
                }
            }
            other => self.modal = other,
        }
    }

    fn confirmed(&mut self, pending: Pending, yes: bool) {
        if let Pending::ResumeDraft(id) = pending {
            self.resume_draft(id, yes);
            return;
        }
        if !yes {
            return;
        }
        let r = match pending {
            Pending::DeleteOrg(id) => self.store.delete_org(&self.actor, id),
            Pending::DeletePerson(id) => self.store.delete_person(&self.actor, id),
            Pending::DeleteInteraction(id) => self.store.delete_interaction(&self.actor, id),
            Pending::DeleteNews(id) => self.store.delete_news(&self.actor, id),
            Pending::DeleteTraining(id) => self.store.delete_training(&self.actor, id),
            Pending::DeletePlanItem(id) => self.store.delete_plan_item(&self.actor, id),
            Pending::DeleteProject(id) => self.store.delete_project(&self.actor, id),
            Pending::DeleteMilestone(id) => self.store.delete_milestone(&self.actor, id),
            Pending::DeleteMembership(id) => self.store.delete_membership(&self.actor, id),
            Pending::CopyPlan(id) => {
                match self.store.copy_plan_to_next_year(&self.actor, id) {
                    Ok(_) => {
                        self.plans.year += 1;
                        self.plans.plan_cursor = 0;
                        self.info(self.t("msg.plan_copied").to_string());
                        self.refresh();
                    }
                    Err(e) => self.error(&e),
                }
                return;
            }
            Pending::MarkAllRead => {
                let f = self.news.filter.clone();
                match self.store.mark_all_read(&self.actor, &f) {
                    Ok(n) => {
                        self.info(self.lang.f("msg.marked_read", &[("n", &n)]));
                        self.refresh();
                    }
                    Err(e) => self.error(&e),
                }
                return;
            }
            Pending::ResumeDraft(_) => return,
        };
        if self.check(r).is_some() {
            let undo = self
                .keymap
                .key_for(Context::Global, Action::Undo)
                .map(|k| k.label())
                .unwrap_or_default();
            self.info(self.lang.f("msg.deleted", &[("key", &undo)]));
            self.news.open = false;
            self.refresh();
        }
    }

    // ----- drafts: nothing typed is lost -----

    /// Saves the open form to the database when it changed and `AUTOSAVE` has passed
    /// since the last save (or at once with `force`, on hang-up, termination or panic).
    pub fn autosave(&mut self, force: bool) {
        if !self.draft_pending || (!force && self.last_autosave.elapsed() < AUTOSAVE) {
            return;
        }
        let Some(Modal::Form(f)) = &self.modal else {
            return;
        };
        let Ok(json) = serde_json::to_string(f.as_ref()) else {
            return;
        };
        match self.store.save_draft(&self.actor, self.draft_id, &json) {
            Ok(id) => {
                self.draft_id = Some(id);
                self.draft_pending = false;
                self.last_autosave = Instant::now();
            }
            // Keep trying on the next tick; the text is still in memory.
            Err(e) if !force => self.error(&e),
            // The session ends now: the user's own directory keeps it for the next start.
            Err(_) => {
                let spooled = crate::store::spool_draft(
                    &self.spool,
                    self.store.path(),
                    &self.actor.account,
                    &json,
                );
                if spooled.is_ok() {
                    self.draft_pending = false;
                }
            }
        }
    }

    /// Forgets the open form and its draft.
    pub(super) fn close_form(&mut self) {
        self.modal = None;
        self.draft_pending = false;
        if let Some(id) = self.draft_id.take() {
            let r = self.store.delete_draft(&self.actor, id);
            self.check(r);
        }
    }

    /// Offers to reopen a form left by an ended session, if any.
    fn offer_draft(&mut self) {
        let Ok(drafts) = self.store.drafts_to_resume(&self.actor) else {
            return;
        };
        let Some(d) = drafts.into_iter().next() else {
            return;
        };
        // Name the draft by what was typed first (a title, a name, a date).
        let what = serde_json::from_str::<FormState>(&d.form)
            .ok()
            .and_then(|f| f.fields.first().map(|x| x.value()))
            .map(|v| crate::text::truncate(&crate::text::sanitize_line(&v), 40).into_owned())
            .unwrap_or_default();
        let at = d
            .saved_at
            .replace('T', " ")
            .trim_end_matches('Z')
            .to_string();
        self.modal = Some(Modal::Confirm(Confirm {
            prompt: self
                .lang
                .f("confirm.resume_draft", &[("what", &what), ("at", &at)]),
            on_yes: Pending::ResumeDraft(d.id),
        }));
    }

    fn resume_draft(&mut self, id: i64, yes: bool) {
        let drafts = self.store.drafts_to_resume(&self.actor).unwrap_or_default();
        let Some(d) = drafts.into_iter().find(|d| d.id == id) else {
            return;
        };
        match serde_json::from_str::<FormState>(&d.form) {
            Ok(mut form) if yes => {
                form.dirty = true;
                form.target = form.target.upgraded();
                self.modal = Some(Modal::Form(Box::new(form)));
                self.draft_id = Some(id);
                self.info(self.t("msg.resumed").to_string());
            }
            _ => {
                let r = self.store.delete_draft(&self.actor, id);
                self.check(r);
                self.offer_draft();
            }
        }
    }
}

/// One line listing a context's keys, for the status bar.
pub fn help_line(keymap: &Keymap, lang: Lang, context: Context) -> String {
    keymap
        .of(context)
        .map(|b| format!("{} {}", b.key.label(), lang.t(&b.action.key())))
        .collect::<Vec<_>>()
        .join(" · ")
}

impl Detail {
    /// The number of selectable rows: the organisation, its persons, its interactions.
    pub fn selectable(&self) -> usize {
        1 + self.persons.len() + self.timeline.len()
    }
}
