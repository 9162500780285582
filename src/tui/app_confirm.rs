//! A yes or no: the question a screen or panel asked (`Effect::Ask` → `Pending`), the
//! form's own questions (leave without saving, create anyway), and what a yes does.

use super::app::{App, FormPrompt, Modal, Pending};
use super::keymap::{Action, Context};

impl App {
    pub(super) fn confirm(&mut self, yes: bool) {
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
                        self.screens.plans.copied();
                        self.info(self.t("msg.plan_copied").to_string());
                        self.refresh();
                    }
                    Err(e) => self.error(&e),
                }
                return;
            }
            Pending::MarkAllRead => {
                let f = self.screens.news.filter.clone();
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
            p @ (Pending::Undo | Pending::Redo) => {
                self.replay(&p);
                return;
            }
            Pending::SubmitAccount {
                unit_id,
                year,
                version,
            }
            | Pending::AcceptAccount {
                unit_id,
                year,
                version,
            } => {
                let submit = matches!(pending, Pending::SubmitAccount { .. });
                let r = if submit {
                    self.store.submit(&self.actor, unit_id, year, Some(version))
                } else {
                    self.store.accept(&self.actor, unit_id, year, Some(version))
                };
                if self.check(r).is_some() {
                    let unit = crate::text::sanitize_line(&self.screens.report.unit_code(unit_id))
                        .into_owned();
                    let key = if submit {
                        "report.submitted"
                    } else {
                        "report.accepted"
                    };
                    self.info(self.lang.f(key, &[("unit", &unit), ("year", &year)]));
                    self.refresh();
                }
                return;
            }
        };
        if self.check(r).is_some() {
            let undo = self
                .keymap
                .key_for(Context::Global, Action::Undo)
                .map(|k| k.label())
                .unwrap_or_default();
            self.info(self.lang.f("msg.deleted", &[("key", &undo)]));
            self.screens.news.close_page();
            self.refresh();
        }
    }
}
