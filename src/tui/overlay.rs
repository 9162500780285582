//! Panels over a screen that own their state, their keys and their drawing: the
//! merge of two records, the list of possible duplicates, an import's preview, a
//! person's personal-data actions. A screen opens one with [`Effect::Overlay`]; the
//! app routes the overlay's key context to it (a question or form it asks for opens
//! over it) and draws it over the screen, and closes it when it says it is done.
//!
//! Why a trait object and not a `Modal` variant per panel: each panel is one file
//! with its state, `update` and `draw` together (gitui's components), and adding one
//! touches neither `App` nor `ui`. The built-in modals (help, question, form, lookup,
//! the conflict choice) stay as they are: the app itself works them.

use super::component::{Cx, Effect};
use super::keymap::{Action, Context};
use super::theme::View;
use super::widgets::input::Edit;
use crate::model::Actor;
use crate::store::Error;
use ratatui::Frame;
use ratatui::layout::Rect;

/// A panel over a screen (see the module header).
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

    /// It has finished: the app closes it.
    fn done(&self) -> bool;

    /// Draws it over `area` (the screen's area between the tab bar and the status
    /// line); it reads only its own state and the view.
    fn draw(&self, f: &mut Frame, area: Rect, v: View);
}
