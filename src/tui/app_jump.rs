//! Going to what a deadline is about (`Enter` in the deadlines view): the item in its
//! plan, the milestone in its project, the membership, the call in the news, the
//! person whose personal data is due. `Esc` there comes back to the deadlines with
//! the screen jumped to as it was before (no filter left behind).

use super::app::{App, Before, Jump};
use super::component::Cx;
use super::screens::Screen;

impl App {
    /// Shows the thing a deadline is about on its own screen: the item in its plan's
    /// checklist, the milestone in its project's, the membership, or the call in the
    /// news.
    pub(super) fn go_to_deadline(
        &mut self,
        d: &crate::store::Deadline,
    ) -> crate::store::Result<()> {
        use crate::store::DeadlineKind;
        let target = match d.kind {
            // Personal data's deadlines (issue 15): the person on the Contacts
            // screen's detail page, selected, with the personal-data panel open for
            // the office. A request's deadline carries the request's id.
            DeadlineKind::NotInformed | DeadlineKind::PrivacyRequest => {
                let person = match d.kind {
                    DeadlineKind::PrivacyRequest => self
                        .store
                        .privacy_requests(&self.actor, None)?
                        .into_iter()
                        .find(|r| r.id == d.id)
                        .map(|r| r.person_id),
                    _ => Some(d.id),
                };
                let Some(person) = person else {
                    return Ok(());
                };
                self.switch(Screen::Contacts);
                let h = self.list_height();
                let shown = self.screens.contacts.open_person(&self.store, person, h)?;
                if shown && self.actor.is_office() {
                    let panel = super::screens::contacts::PrivacyPanel::open(&self.cx(), person)?;
                    self.overlay = Some(Box::new(panel));
                }
                return Ok(());
            }
            DeadlineKind::PlanItem => Screen::Plans,
            DeadlineKind::Milestone | DeadlineKind::Evaluation => Screen::Projects,
            DeadlineKind::Call => Screen::News,
            DeadlineKind::Account => Screen::Report,
        };
        let before = match target {
            Screen::Plans => Before::Plans(self.screens.plans.clone()),
            Screen::Projects => Before::Projects(self.screens.projects.clone()),
            Screen::Report => Before::Report(Box::new(self.screens.report.clone())),
            _ => Before::News(Box::new(self.screens.news.clone())),
        };
        let jump = Jump {
            from: self.screen,
            deadlines: self.deadlines.open,
            to: target,
            before,
        };
        self.switch(target);
        self.jump = Some(jump);
        let cx = Cx {
            store: &self.store,
            actor: &self.actor,
            lang: self.lang,
            height: self.list_height(),
        };
        match d.kind {
            DeadlineKind::PlanItem => self.screens.plans.reveal_item(&cx, d.id),
            DeadlineKind::Milestone => self.screens.projects.reveal_milestone(cx.store, d.id),
            DeadlineKind::Evaluation => self.screens.projects.reveal_membership(cx.store, d.id),
            DeadlineKind::Call => self.screens.news.reveal_call(&cx, d.id, &d.title),
            // The id of an account's deadline is its year.
            DeadlineKind::Account => {
                let year = i32::try_from(d.id).unwrap_or_else(|_| crate::store::this_year());
                self.screens.report.reveal_year(&cx, year)
            }
            DeadlineKind::NotInformed | DeadlineKind::PrivacyRequest => Ok(()),
        }
    }

    /// `Esc` after a jump: the screen jumped to gets back the state it had (no filter
    /// left behind), and the screen left is shown as it was, its deadlines too.
    pub(super) fn jump_back(&mut self) {
        let Some(jump) = self.jump.take() else {
            return;
        };
        match jump.before {
            Before::News(s) => self.screens.news = *s,
            Before::Plans(s) => self.screens.plans = s,
            Before::Projects(s) => self.screens.projects = s,
            Before::Report(s) => self.screens.report = *s,
        }
        self.switch(jump.from);
        self.deadlines.open = jump.deadlines;
        self.refresh();
    }
}
