//! Undo and redo from the keyboard: `u` and `Ctrl-R` replay this session's changes
//! only (never a colleague's or an earlier session's, see `store::audit`), at once when
//! the record is on the screen shown, and after a question naming it when it is on
//! another screen: a change the user cannot see is not undone behind their back.

use super::app::{App, Confirm, Modal, Pending};
use super::screens::Screen;
use crate::i18n::{describe_redo, describe_undo};
use crate::store::Error;

impl App {
    /// `u`: undoes this session's last change at once when it is on the screen shown,
    /// and asks first when it is elsewhere (it names the record either way).
    pub(super) fn ask_undo(&mut self) {
        let r = self.store.next_undo(&self.actor, self.undo_since);
        self.ask_replay(
            r,
            "err.nothing_to_undo_session",
            "confirm.undo",
            Pending::Undo,
        );
    }

    /// `Ctrl-R`: redoes this session's last undone change, asking as `u` does.
    pub(super) fn ask_redo(&mut self) {
        let r = self.store.next_redo(&self.actor, self.undo_since);
        self.ask_replay(
            r,
            "err.nothing_to_redo_session",
            "confirm.redo",
            Pending::Redo,
        );
    }

    /// Does `then` (an undo or a redo of `next`) at once when the record is on the
    /// screen shown, else asks first with `prompt`, naming the record.
    fn ask_replay(
        &mut self,
        next: Result<Option<crate::store::Undone>, Error>,
        nothing: &'static str,
        prompt: &str,
        then: Pending,
    ) {
        let Some(next) = self.check(next) else {
            return;
        };
        let Some(next) = next else {
            return self.error(&Error::Rule(nothing));
        };
        let here = screen_of(&next.entity).is_none_or(|s| s == self.screen);
        if here {
            return self.replay(&then);
        }
        let what = self.t(&format!("entity.{}", next.entity)).to_string();
        let name = if next.name.is_empty() {
            format!("#{}", next.entity_id)
        } else {
            format!(
                "“{}”",
                crate::text::truncate(&crate::text::sanitize_line(&next.name), 40)
            )
        };
        let screen = screen_of(&next.entity)
            .map(|s| self.t(s.key()).to_string())
            .unwrap_or_default();
        self.modal = Some(Modal::Confirm(Confirm {
            prompt: self.lang.f(
                prompt,
                &[("what", &what), ("name", &name), ("screen", &screen)],
            ),
            on_yes: then,
        }));
    }

    /// Undoes (`Pending::Undo`) or redoes (`Pending::Redo`) this session's last change.
    pub(super) fn replay(&mut self, what: &Pending) {
        let said = if *what == Pending::Redo {
            let r = self.store.redo_since(&self.actor, self.undo_since);
            self.check(r).map(|u| describe_redo(self.lang, &u))
        } else {
            let r = self.store.undo_since(&self.actor, self.undo_since);
            self.check(r).map(|u| describe_undo(self.lang, &u))
        };
        if let Some(said) = said {
            self.info(said);
            self.refresh();
        }
    }
}

/// The screen where a record kind is shown.
fn screen_of(entity: &str) -> Option<Screen> {
    Some(match entity {
        "org" | "person" | "interaction" => Screen::Contacts,
        "news" => Screen::News,
        "training" => Screen::Training,
        "plan" | "plan_item" => Screen::Plans,
        "project" | "membership" | "milestone" => Screen::Projects,
        "account" => Screen::Report,
        _ => return None,
    })
}
