//! Nothing typed is lost: the open form is saved as a draft while it is typed, at
//! once when the session ends, and offered again on the next start (see
//! docs/architecture.md, "Nothing typed is lost").

use super::app::{AUTOSAVE, App, Confirm, FormState, Modal, Pending};
use std::time::Instant;

impl App {
    /// The session ends: what is typed is saved, and this session's drafts are marked
    /// as left so a start a moment later offers them (see `Store::leave_drafts`).
    pub fn leave(&mut self) {
        self.autosave(true);
        let _ = self.store.leave_drafts(&self.actor);
    }

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
    pub(super) fn offer_draft(&mut self) {
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
        let at = self.lang.datetime(&d.saved_at);
        self.modal = Some(Modal::Confirm(Confirm {
            prompt: self
                .lang
                .f("confirm.resume_draft", &[("what", &what), ("at", &at)]),
            on_yes: Pending::ResumeDraft(d.id),
        }));
    }

    pub(super) fn resume_draft(&mut self, id: i64, yes: bool) {
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
