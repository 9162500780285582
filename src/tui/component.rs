//! The shape of a screen: it owns its state, answers which key context is active,
//! turns an `Action` into changes of its own state and store calls, and says with an
//! [`Effect`] what it needs from the app (a form, a question, another screen's
//! record, a message, a refresh). `App` only routes: it never reaches into a screen's
//! state to carry out one of its keys.
//!
//! Learned from gitui's components (state, `event`, `draw`, `commands` per component)
//! and ratatui's component template (`handle_key_event → Action`, `update(Action)`),
//! written for what intnet needs: the keymap turns keys into actions once, in `App`,
//! so a screen sees actions only, and typed text only when its context takes text.
//!
//! A panel over a screen ([`Overlay`]) has the same shape and lives here beside it.

use super::keymap::{Action, Context};
use super::theme::View;
use super::widgets::input::Edit;
use crate::i18n::Lang;
use crate::model::{
    Account, Actor, Membership, Milestone, News, Org, PlanItem, PlanRow, Project, Training,
};
use crate::store::{Deadline, Error, Store};
use ratatui::Frame;
use ratatui::layout::Rect;

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
    /// Undo the session's last change (asked when it is not on the screen shown).
    Undo,
    /// Submit a unit's yearly account (the version read when asked).
    SubmitAccount {
        unit_id: i64,
        year: i32,
        version: i64,
    },
    /// Accept a unit's yearly account.
    AcceptAccount {
        unit_id: i64,
        year: i32,
        version: i64,
    },
    /// Redo the session's last undone change (asked likewise).
    Redo,
}

/// What a screen may use while it handles an action: the database, who is acting,
/// the language, and how many list rows fit on screen.
pub struct Cx<'a> {
    pub store: &'a Store,
    pub actor: &'a Actor,
    pub lang: Lang,
    pub height: i64,
}

/// Which form a screen asks the app to open. The app builds it (`forms`), so a screen
/// needs to know nothing about fields.
#[derive(Debug, Clone)]
pub enum FormRequest {
    Org(Option<Org>),
    /// A new person at `org`, or the detail pane's person number `index`.
    Person {
        org: Option<i64>,
        index: Option<usize>,
    },
    /// A new contact, or the detail pane's timeline entry number `index`.
    Interaction(Option<usize>),
    News(Option<News>),
    Training(Option<Training>),
    Plan(Option<PlanRow>),
    PlanItem(Option<PlanItem>),
    Project(Option<Project>),
    Milestone(Option<Milestone>),
    Membership(Option<Membership>),
    Evaluation,
    /// A unit's words in its yearly account (`account` `None`: not started).
    AccountWords {
        unit_id: i64,
        unit_name: String,
        year: i32,
        account: Option<Box<Account>>,
    },
    /// The year's compilation as a document, written to a file (`x` on the overview).
    ExportReport {
        year: i32,
    },
    /// Return a handed-in account with a comment (the office).
    ReturnAccount {
        unit_id: i64,
        unit_name: String,
        year: i32,
        version: i64,
    },
}

/// What a screen wants from the app after an action.
#[derive(Debug)]
pub enum Effect {
    /// Nothing beyond the screen's own state.
    None,
    /// Open a form.
    Form(Box<FormRequest>),
    /// Ask yes or no; a yes carries out `on_yes`.
    Ask { prompt: String, on_yes: Pending },
    /// Something was written: every screen reloads, and the message is shown.
    Changed(String),
    /// Show the deadlines view over this screen.
    Deadlines,
    /// Go to the thing a deadline is about, on its own screen.
    GoTo(Deadline),
    /// Open a panel over the screen (replacing one that is open).
    Overlay(Box<dyn Overlay>),
    /// A panel's step takes a while (an import, an erasure): show this message, draw,
    /// then do the step ([`Overlay::resume`]), so the user sees that it is working.
    Working(String),
}

/// A screen of the app (see the module header). Drawing stays a free `draw` function
/// in the screen's file: it reads the state and a view, nothing else.
pub trait Component {
    /// The key context while this screen is shown and no modal is open.
    fn context(&self) -> Context;

    /// Carries out one action of this screen's context.
    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error>;

    /// Whether the user may use `action` here now: the hint line and the help offer
    /// only those. A screen whose keys depend on the role or on the record shown (the
    /// yearly account's) says so; the rest offer every key of their context (and the
    /// hint line leaves out writing keys for a viewer).
    fn offers(&self, _action: Action, _actor: &Actor) -> bool {
        true
    }

    /// A key no binding took, while [`Component::context`] takes text (a filter).
    fn input(&mut self, _edit: Edit, _cx: &Cx) -> Result<Effect, Error> {
        Ok(Effect::None)
    }

    /// Loads what the screen shows when it is first opened (screens that are not
    /// needed at start load here, not before).
    fn show(&mut self, _cx: &Cx) -> Result<(), Error> {
        Ok(())
    }

    /// Leaves the screen: any reading pane or overlay closes.
    fn hide(&mut self) {}

    /// Reloads from the database after a change by anyone; screens never opened yet
    /// stay unloaded.
    fn refresh(&mut self, cx: &Cx) -> Result<(), Error>;

    /// A count shown beside the tab's name (unread news), if any.
    fn badge(&self) -> Option<i64> {
        None
    }
}

/// A panel over a screen that owns its state, its keys and its drawing (the merge of
/// two records, the list of possible duplicates, an import's preview, a person's
/// personal-data actions). A screen opens one with [`Effect::Overlay`]; the app
/// routes the panel's key context to it (a question or form it asks for opens over
/// it), draws it over the screen, and closes it when it says it is done.
///
/// Why a trait object and not a `Modal` variant per panel: each panel is one file
/// with its state, `update` and `draw` together (gitui's components), and adding one
/// touches neither `App` nor `ui`. The built-in modals (help, question, form, lookup,
/// the conflict choice) stay as they are: the app itself works them.
pub trait Overlay: std::fmt::Debug {
    /// Its key context: its own, declared in the keymap with its bindings.
    fn context(&self) -> Context;

    /// Carries out one action of its context. To close, it sets itself done
    /// ([`Overlay::done`]) and may still return an effect (a change to report).
    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error>;

    /// A key no binding took: typed text, for a panel with a text input.
    fn input(&mut self, _edit: Edit, _cx: &Cx) -> Result<Effect, Error> {
        Ok(Effect::None)
    }

    /// Whether the user may use `action` now (the hint line and help offer only those).
    fn offers(&self, _action: Action, _actor: &Actor) -> bool {
        true
    }

    /// Reloads after a change by anyone.
    fn refresh(&mut self, _cx: &Cx) -> Result<(), Error> {
        Ok(())
    }

    /// Does the long step it announced with [`Effect::Working`], once the app has
    /// drawn the message.
    fn resume(&mut self, _cx: &Cx) -> Result<Effect, Error> {
        Ok(Effect::None)
    }

    /// It has finished: the app closes it.
    fn done(&self) -> bool;

    /// Draws it over `area` (the screen's area between the tab bar and the status
    /// line); it reads only its own state and the view.
    fn draw(&self, f: &mut Frame, area: Rect, v: View);
}

/// How far a movement action moves a list cursor in a list `height` rows high.
pub fn step(action: Action, height: i64) -> i64 {
    match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -height,
        Action::PageDown => height,
        Action::Top => i64::MIN / 2,
        _ => i64::MAX / 2,
    }
}

/// True for the actions that move a list cursor.
pub fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
    )
}

/// Asks the app to open a form.
pub fn form(request: FormRequest) -> Effect {
    Effect::Form(Box::new(request))
}

/// A yes/no question about deleting `title`: `key` is the question's i18n key.
pub fn ask(lang: Lang, key: &str, title: &str, on_yes: Pending) -> Effect {
    Effect::Ask {
        prompt: lang.f(key, &[("title", &crate::text::sanitize_line(title))]),
        on_yes,
    }
}
