//! App state and `update`: keys become actions through the keymap; actions change
//! state and call the store. Rendering (in `ui`) only reads this state.

use super::component::Overlay;
pub use super::component::Pending;
use super::component::{Component, Cx, Effect, FormRequest};
pub use super::forms::ConflictChoice;
pub use super::forms::{FormPrompt, FormState, FormTarget};
use super::keymap::{Action, Context, Key, Keymap};
use super::screens::deadlines::DeadlinesView;
use super::screens::{Screen, Screens};
use super::widgets::input::Input;
use crate::i18n::{Lang, describe_error};
use crate::model::{Actor, Hit, InteractionKind};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub prompt: String,
    pub on_yes: Pending,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    pub input: Input,
    pub hits: Vec<Hit>,
    /// Regional partners' entries, shown after our own hits (issue 16); the
    /// selection runs on from `hits` into them.
    pub regional: Vec<crate::model::RegionalOrg>,
    pub selected: usize,
}

/// A jump from one screen to another (see [`App::jump`]): the screen left and
/// whether its deadlines view was open, and the state the screen jumped to had
/// before (its filter, cursor, mode), put back on the way back.
#[derive(Debug, Clone)]
pub(super) struct Jump {
    pub(super) from: Screen,
    pub(super) deadlines: bool,
    pub(super) to: Screen,
    pub(super) before: Before,
}

/// The state of the screen jumped to, as it was before the jump.
#[derive(Debug, Clone)]
pub(super) enum Before {
    News(Box<super::screens::news::NewsScreen>),
    Plans(super::screens::plans::PlansScreen),
    Projects(super::screens::projects::ProjectsScreen),
    Report(Box<super::screens::report::ReportScreen>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// Help for the context it was opened from, scrolled down by so many lines.
    Help(Context, u16),
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
    /// Every screen's state (see `screens::screens!`, where screens are registered).
    pub screens: Screens,
    /// The deadlines view, over the plans or projects screen.
    pub deadlines: DeadlinesView,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    pub quit: bool,
    /// `Ctrl-Z` was pressed: the event loop suspends the program and clears this.
    pub suspend: bool,
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
    pub(super) last_autosave: Instant,
    /// The newest audit row when the session started: `u` undoes this session's
    /// changes only, never a colleague's or an earlier session's.
    pub(super) undo_since: i64,
    /// Where a jump the user did not ask for as a tab switch (`Effect::GoTo`, from
    /// the deadlines) came from: `Esc` on the screen jumped to goes back there.
    pub(super) jump: Option<Jump>,
    /// The choice offered after a save lost a race with a colleague, over the form.
    pub conflict: Option<Box<ConflictChoice>>,
    /// A panel over the screen (`overlay`): under any modal, over the screen.
    pub overlay: Option<Box<dyn Overlay>>,
    /// The panel announced a long step (`Effect::Working`): the event loop draws the
    /// message, then calls [`App::resume_work`].
    pub working: bool,
    /// The open form's target and values as it was opened, for the conflict choice's
    /// "re-apply my changes" (absent for a form resumed from a draft).
    pub(super) form_base: Option<(FormTarget, Vec<(String, String)>)>,
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
        let undo_since = store.audit_mark()?;
        let mut app = App {
            screens: Screens::new(lang.sort_order()),
            deadlines: DeadlinesView::default(),
            screen: Screen::Contacts,
            store,
            actor,
            lang,
            keymap,
            modal: None,
            status: None,
            quit: false,
            suspend: false,
            size,
            data_version,
            last_kind: InteractionKind::Meeting,
            draft_id: None,
            draft_pending: false,
            spool: crate::config::spool_dir(),
            last_autosave: Instant::now(),
            undo_since,
            jump: None,
            conflict: None,
            overlay: None,
            working: false,
            form_base: None,
            theme: super::theme::Theme::default(),
            today: crate::store::today(),
        };
        // The office sees restricted persons (marked); nobody else does.
        app.screens.contacts.office = app.actor.is_office();
        let h = app.list_height();
        app.screens.contacts.reload(&app.store, h)?;
        app.screens.news.reload(&app.store, &app.actor, h)?;
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

    /// The keymap context the user is in: the modal's, else the active screen's.
    pub fn context(&self) -> Context {
        if self.conflict.is_some() {
            return Context::Conflict;
        }
        match &self.modal {
            Some(Modal::Help(..)) => Context::Help,
            Some(Modal::Confirm(_)) => Context::Confirm,
            Some(Modal::Form(f)) if f.prompt.is_some() => Context::Confirm,
            Some(Modal::Form(_)) => Context::Form,
            Some(Modal::Lookup(_)) => Context::Lookup,
            None => match &self.overlay {
                Some(o) => o.context(),
                None => self.active().context(),
            },
        }
    }

    /// The screen that has the keyboard: the deadlines view over plans or projects
    /// when it is open, else the screen of the tab.
    fn active(&self) -> &dyn Component {
        match self.screen {
            Screen::Plans | Screen::Projects if self.deadlines.open => &self.deadlines,
            screen => self.screens.get(screen),
        }
    }

    /// Whether the panel over the screen, else the active screen, offers `action` to
    /// this user now (see [`Component::offers`]): the hint line and the help show
    /// only those keys.
    pub fn offers(&self, action: Action) -> bool {
        match &self.overlay {
            Some(o) => o.offers(action, &self.actor),
            None => self.active().offers(action, &self.actor),
        }
    }

    /// Whether the hint line and the help show this key: this user may use it here,
    /// and of a screen's or a panel's keys, it offers it for what is shown (the
    /// global keys always; a form, question or palette over a screen is not the
    /// screen, so its keys are not filtered by the screen's offers).
    pub fn shows(&self, b: &super::keymap::Binding) -> bool {
        let screen_or_panel = b.context.takes_global()
            || self
                .overlay
                .as_ref()
                .is_some_and(|o| o.context() == b.context);
        b.needs().allows(&self.actor)
            && (b.context == Context::Global || !screen_or_panel || self.offers(b.action))
    }

    /// What a screen or panel may use while it handles an action.
    pub(super) fn cx(&self) -> Cx<'_> {
        Cx {
            store: &self.store,
            actor: &self.actor,
            lang: self.lang,
            height: self.list_height(),
        }
    }

    /// Does the long step the panel announced, after the message was drawn.
    pub fn resume_work(&mut self) {
        if std::mem::take(&mut self.working) {
            self.status = None;
            self.route_overlay(|o, cx| o.resume(cx));
        }
    }

    /// Runs `f` on the panel over the screen, closes it if it is done, and carries
    /// out what it asked for.
    fn route_overlay(&mut self, f: impl FnOnce(&mut dyn Overlay, &Cx) -> Result<Effect, Error>) {
        let Some(mut overlay) = self.overlay.take() else {
            return;
        };
        let r = f(overlay.as_mut(), &self.cx());
        if !overlay.done() {
            self.overlay = Some(overlay);
        }
        self.apply(r);
    }

    /// Runs `f` on the active screen with what a screen may use.
    fn route<R>(&mut self, f: impl FnOnce(&mut dyn Component, &Cx) -> R) -> R {
        let cx = Cx {
            store: &self.store,
            actor: &self.actor,
            lang: self.lang,
            height: i64::from(self.size.1.saturating_sub(6)).max(1),
        };
        let screen: &mut dyn Component = match self.screen {
            Screen::Plans | Screen::Projects if self.deadlines.open => &mut self.deadlines,
            screen => self.screens.get_mut(screen),
        };
        f(screen, &cx)
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

    /// Reloads every screen that has been opened, and the lookup results.
    pub fn refresh(&mut self) {
        let cx = Cx {
            store: &self.store,
            actor: &self.actor,
            lang: self.lang,
            height: self.list_height(),
        };
        let mut screens = self.screens.all_mut();
        screens.push(&mut self.deadlines);
        let mut failed = None;
        for screen in screens {
            if let Err(e) = screen.refresh(&cx) {
                failed = Some(e);
            }
        }
        if let Some(e) = failed {
            self.error(&e);
        }
        if let Some(mut overlay) = self.overlay.take() {
            let r = overlay.refresh(&self.cx());
            self.overlay = Some(overlay);
            self.check(r);
        }
        if let Some(Modal::Lookup(l)) = &mut self.modal {
            let hits = self.store.find(&l.input.value, 50);
            let regional = self.store.find_regional(&l.input.value, 20);
            if let (Ok(hits), Ok(regional)) = (hits, regional) {
                l.selected = l
                    .selected
                    .min((hits.len() + regional.len()).saturating_sub(1));
                l.hits = hits;
                l.regional = regional;
            }
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let height = self.list_height();
        let r = self.screens.contacts.ensure_window(&self.store, height);
        self.check(r);
        let r = self
            .screens
            .news
            .ensure_window(&self.store, &self.actor, height);
        self.check(r);
        let r = self
            .screens
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
        // Typed text: a plain key, or an editing key of the `text` context.
        let Some(edit) = self.keymap.edit(key) else {
            return;
        };
        match context {
            Context::Form => self.form_key(edit),
            Context::Lookup => self.lookup_key(edit),
            Context::Filter => {
                let r = self.route(|s, cx| s.input(edit, cx));
                self.apply(r);
            }
            _ if self.modal.is_none() && self.overlay.is_some() => {
                self.route_overlay(|o, cx| o.input(edit, cx));
            }
            _ => {}
        }
    }

    /// Does one action in the current context.
    pub fn update(&mut self, action: Action) {
        if action == Action::Suspend {
            // Whatever is open stays as it is; the event loop stops and resumes us.
            self.suspend = true;
            return;
        }
        self.status = None;
        let context = self.context();
        if action == Action::Back
            && context.takes_global()
            && self.jump.as_ref().is_some_and(|j| j.to == self.screen)
            && !self.deadlines.open
        {
            return self.jump_back();
        }
        if context.takes_global() && self.global_action(action) {
            return;
        }
        match context {
            Context::Help => self.help_action(action),
            Context::Conflict => self.conflict_action(action),
            Context::Confirm => self.confirm(action == Action::Yes),
            Context::Form => self.form_action(action),
            Context::Lookup => self.lookup_action(action),
            // A panel's help is its own keys, as on a screen.
            _ if self.overlay.is_some() && action == Action::Help => {
                self.modal = Some(Modal::Help(context, 0));
            }
            _ if self.overlay.is_some() => self.route_overlay(|o, cx| o.update(action, cx)),
            _ => {
                let r = self.route(|s, cx| s.update(action, cx));
                self.apply(r);
            }
        }
    }

    /// In the help overlay the movement keys scroll it; any other key closes it.
    fn help_action(&mut self, action: Action) {
        let page = self.size.1.saturating_sub(4);
        if let Some(Modal::Help(_, scroll)) = &mut self.modal {
            *scroll = match action {
                Action::Down => scroll.saturating_add(1),
                Action::Up => scroll.saturating_sub(1),
                Action::PageDown => scroll.saturating_add(page),
                Action::PageUp => scroll.saturating_sub(page),
                _ => return self.modal = None,
            };
        }
    }

    /// Carries out what a screen asked for.
    fn apply(&mut self, effect: Result<Effect, Error>) {
        let effect = match effect {
            Ok(e) => e,
            Err(e) => return self.error(&e),
        };
        match effect {
            Effect::None => {}
            Effect::Form(request) => self.open_requested_form(*request),
            Effect::Ask { prompt, on_yes } => {
                self.modal = Some(Modal::Confirm(Confirm { prompt, on_yes }));
            }
            Effect::Changed(text) => {
                self.info(text);
                self.refresh();
            }
            Effect::Deadlines => {
                let cx = Cx {
                    store: &self.store,
                    actor: &self.actor,
                    lang: self.lang,
                    height: self.list_height(),
                };
                let r = self.deadlines.show(&cx);
                self.check(r);
            }
            Effect::GoTo(d) => {
                let r = self.go_to_deadline(&d);
                self.check(r);
            }
            Effect::Overlay(overlay) => self.overlay = Some(overlay),
            Effect::Working(text) => {
                self.info(text);
                self.working = true;
            }
        }
    }

    /// Opens the form a screen asked for.
    fn open_requested_form(&mut self, request: FormRequest) {
        match request {
            FormRequest::Org(org) => self.open_org_form(org),
            FormRequest::Person { org, index } => self.open_person_form(org, index),
            FormRequest::Interaction(index) => self.open_interaction_form(index),
            FormRequest::News(item) => self.open_news_form(item),
            FormRequest::Training(item) => self.open_training_form(item),
            FormRequest::Plan(plan) => self.open_plan_form(plan),
            FormRequest::PlanItem(item) => self.open_plan_item_form(item),
            FormRequest::Project(project) => self.open_project_form(project),
            FormRequest::Milestone(m) => self.open_milestone_form(m),
            FormRequest::Membership(m) => self.open_membership_form(m),
            FormRequest::Evaluation => self.open_evaluation_form(),
            FormRequest::AccountWords {
                unit_id,
                unit_name,
                year,
                account,
            } => self.open_account_words_form(unit_id, &unit_name, year, account.as_deref()),
            FormRequest::ExportReport { year } => self.open_export_report_form(year),
            FormRequest::ReturnAccount {
                unit_id,
                unit_name,
                year,
                version,
            } => self.open_return_account_form(unit_id, &unit_name, year, version),
        }
    }

    /// Actions that mean the same on every screen. Returns true when handled.
    fn global_action(&mut self, action: Action) -> bool {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help(self.context(), 0)),
            Action::Lookup => self.modal = Some(Modal::Lookup(Lookup::default())),
            Action::Screen1 => self.switch(Screen::Contacts),
            Action::Screen2 => self.switch(Screen::News),
            Action::Screen3 => self.switch(Screen::Training),
            Action::Screen4 => self.switch(Screen::Plans),
            Action::Screen5 => self.switch(Screen::Projects),
            Action::Screen6 => self.switch(Screen::Report),
            Action::NextScreen => self.switch(self.screen.next()),
            Action::PrevScreen => self.switch(self.screen.prev()),
            Action::Undo => self.ask_undo(),
            Action::Redo => self.ask_redo(),
            _ => return false,
        }
        true
    }

    /// Shows another tab: the one left closes its reading pane or overlay, the one
    /// shown loads what it has not loaded yet.
    pub(super) fn switch(&mut self, screen: Screen) {
        // A tab switch ends a jump: `Esc` means what it always means again.
        self.jump = None;
        self.route(|s, _| s.hide());
        self.deadlines.hide();
        self.screen = screen;
        let r = self.route(|s, cx| s.show(cx));
        self.check(r);
    }
}
