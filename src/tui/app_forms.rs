//! The app's side of the forms: it opens what `forms` builds from the state on screen,
//! types into the open form, and carries out a save (closing the form, reporting, and
//! showing what was made). The forms themselves, their fields and what they save,
//! live in `forms`, which knows nothing of the app; errors they return (a refusal, a
//! choice list that could not be loaded) go to the status bar.
//!
//! A save that lost a race (`Conflict`: a colleague saved the record since the form
//! was opened) opens a choice over the form: the fields that differ, theirs beside
//! yours; `m` saves mine over theirs, `t` takes theirs and puts back only the fields
//! the user changed since the form was opened (the form stays open for review), `Esc`
//! leaves the form as it is.

use super::app::{App, Modal, Status};
use super::forms::{self, FormPrompt, FormState, FormTarget, Then};
use super::keymap::Action;
use super::widgets::form::Field;
use super::widgets::input::Edit;
use crate::model::{Membership, Milestone, News, Org, PlanItem, PlanRow, Project, Training};
use crate::store::Error;

pub use super::forms::ConflictChoice;

/// A field's value as a person reads it: a choice by its label, several by theirs.
fn shown(field: &Field, lang: crate::i18n::Lang) -> String {
    use super::widgets::form::FieldKind;
    let label = |l: &str| lang.t(l).to_string();
    let text = match &field.kind {
        FieldKind::Text { input, .. } => input.value.clone(),
        FieldKind::Choice { options, index } => options
            .get(*index)
            .map(|(_, l)| label(l))
            .unwrap_or_default(),
        FieldKind::Multi {
            options, selected, ..
        } => options
            .iter()
            .zip(selected)
            .filter(|(_, s)| **s)
            .map(|((_, l), _)| label(l))
            .collect::<Vec<_>>()
            .join(", "),
    };
    crate::text::sanitize_line(&text.replace('\n', " ⏎ ")).into_owned()
}

/// The values a form holds, by field name: what it was opened with, for the
/// "re-apply my changes" choice.
fn values(form: &FormState) -> Vec<(String, String)> {
    form.fields
        .iter()
        .map(|f| (f.name.clone(), f.value()))
        .collect()
}

impl App {
    /// Shows a built form, or the reason it could not be built.
    fn show_form(&mut self, form: Result<FormState, Error>) {
        if let Some(form) = self.check(form) {
            self.open_form(form);
        }
    }

    /// Like `show_form`, for a form that may have nothing to open (`Ok(None)`).
    fn show_form_if_any(&mut self, form: Result<Option<FormState>, Error>) {
        if let Some(Some(form)) = self.check(form) {
            self.open_form(form);
        }
    }

    pub(super) fn open_org_form(&mut self, org: Option<Org>) {
        let r = forms::org::open(&self.store, &self.actor, self.lang, org.as_ref());
        self.show_form(r);
    }

    /// A new person at `org_id`, or the `index`th person of the organisation shown.
    pub(super) fn open_person_form(&mut self, org_id: Option<i64>, index: Option<usize>) {
        let detail = self.screens.contacts.detail.as_ref();
        let existing = index.and_then(|i| detail.and_then(|d| d.persons.get(i)));
        let Some(org_id) = existing.map(|p| p.data.org_id).or(org_id) else {
            return;
        };
        let r = forms::person::open(&self.store, &self.actor, self.lang, existing, org_id);
        self.show_form(r);
    }

    /// A new interaction with the organisation shown, or its `index`th one.
    pub(super) fn open_interaction_form(&mut self, index: Option<usize>) {
        let detail = self.screens.contacts.detail.as_ref();
        // A person selected on the detail page is the one the contact is with.
        let contacts = &self.screens.contacts;
        let person = match (contacts.detail_open(), contacts.selection) {
            (true, crate::tui::screens::contacts::Selection::Person(i)) => {
                detail.and_then(|d| d.persons.get(i)).map(|p| p.id)
            }
            _ => None,
        };
        let with = detail.map(|d| forms::interaction::With {
            org_id: d.org.id,
            name: &d.org.data.name,
            persons: &d.persons,
            person,
        });
        let existing = index.and_then(|i| detail.and_then(|d| d.timeline.get(i)));
        let r = forms::interaction::open(&self.actor, self.lang, with, existing, self.last_kind);
        self.show_form_if_any(r);
    }

    pub(super) fn open_news_form(&mut self, item: Option<News>) {
        let r = forms::news::open(&self.store, &self.actor, self.lang, item.as_ref());
        self.show_form(r);
    }

    pub(super) fn open_training_form(&mut self, item: Option<Training>) {
        let r = forms::training::open(&self.store, &self.actor, self.lang, item.as_ref());
        self.show_form(r);
    }

    /// A plan (new ones for the year shown).
    pub(super) fn open_plan_form(&mut self, plan: Option<PlanRow>) {
        let year = self.screens.plans.year;
        let r = forms::plan::open(&self.store, &self.actor, self.lang, plan.as_ref(), year);
        self.show_form(r);
    }

    /// A plan item (new ones in the selected plan).
    pub(super) fn open_plan_item_form(&mut self, item: Option<PlanItem>) {
        let plan = self.screens.plans.current_plan();
        let r = forms::plan_item::open(&self.store, &self.actor, self.lang, item.as_ref(), plan);
        self.show_form_if_any(r);
    }

    pub(super) fn open_project_form(&mut self, project: Option<Project>) {
        let r = forms::project::open(&self.store, &self.actor, self.lang, project.as_ref());
        self.show_form(r);
    }

    /// A milestone of the selected project.
    pub(super) fn open_milestone_form(&mut self, milestone: Option<Milestone>) {
        let Some(project) = self.screens.projects.current_project() else {
            return;
        };
        let r = forms::milestone::open(&self.actor, project, milestone.as_ref());
        self.show_form(r);
    }

    pub(super) fn open_membership_form(&mut self, membership: Option<Membership>) {
        let r = forms::membership::open(&self.store, &self.actor, membership.as_ref());
        self.show_form(r);
    }

    /// An evaluation of the selected membership.
    pub(super) fn open_evaluation_form(&mut self) {
        let Some(m) = self.screens.projects.current_membership() else {
            return;
        };
        let r = forms::evaluation::open(&self.actor, self.lang, m);
        self.show_form(r);
    }

    /// The words of a unit's yearly account.
    pub(super) fn open_account_words_form(
        &mut self,
        unit_id: i64,
        unit_name: &str,
        year: i32,
        account: Option<&crate::model::Account>,
    ) {
        let r = forms::account::open_words(&self.actor, unit_id, unit_name, year, account);
        self.show_form(r);
    }

    /// The office's comment on an account it returns.
    pub(super) fn open_return_account_form(
        &mut self,
        unit_id: i64,
        unit_name: &str,
        year: i32,
        version: i64,
    ) {
        let r = forms::account::open_return(&self.actor, unit_id, unit_name, year, version);
        self.show_form(r);
    }

    /// `x` on the Annual report overview: the year's compilation as a document.
    pub(super) fn open_export_report_form(&mut self, year: i32) {
        let form = forms::account::open_export(self.lang, year);
        self.open_form(form);
    }

    pub(super) fn open_form(&mut self, mut form: FormState) {
        form.opened();
        self.form_base = Some((form.target, values(&form)));
        self.modal = Some(Modal::Form(Box::new(form)));
        self.draft_id = None;
        self.draft_pending = false;
    }

    /// True when the focused field takes Enter and the arrows as text.
    pub(super) fn focused_multiline(&self) -> bool {
        match &self.modal {
            Some(Modal::Form(f)) => f.fields.get(f.focus).is_some_and(Field::is_multiline),
            _ => false,
        }
    }

    pub(super) fn form_key(&mut self, edit: Edit) {
        let Some(Modal::Form(f)) = &mut self.modal else {
            return;
        };
        f.help = false;
        let Some(field) = f.fields.get_mut(f.focus) else {
            return;
        };
        if edit == Edit::Enter && !field.is_multiline() {
            f.next_field();
            return;
        }
        if field.handle(edit) {
            f.dirty = true;
            self.draft_pending = true;
            let name = field.name.clone();
            f.errors.retain(|e| e.field != name);
            let similar = forms::similar_after(&self.store, f, &name);
            if let Some(Some(similar)) = self.check(similar)
                && let Some(Modal::Form(f)) = &mut self.modal
            {
                f.similar = similar;
            }
            if let Some(Modal::Form(f)) = &self.modal {
                let regional = forms::regional_after(&self.store, f, &name);
                if let Some(Some(regional)) = self.check(regional)
                    && let Some(Modal::Form(f)) = &mut self.modal
                {
                    f.regional = regional;
                }
            }
        }
    }

    pub(super) fn form_action(&mut self, action: Action) {
        let Some(Modal::Form(f)) = &mut self.modal else {
            return;
        };
        // The keys shown in place of the fields: F1 or Esc puts the fields back.
        if std::mem::take(&mut f.help) && matches!(action, Action::Help | Action::Back) {
            return;
        }
        match action {
            Action::NextField => f.next_field(),
            Action::PrevField => f.prev_field(),
            Action::Save => self.save_form(false, true),
            Action::SaveDraft => match f.target {
                FormTarget::News {
                    published: false, ..
                } => self.save_form(false, false),
                _ => self.info(self.t("msg.no_draft_here").to_string()),
            },
            Action::Back => {
                if f.dirty {
                    f.prompt = Some(FormPrompt::Discard);
                } else {
                    self.close_form();
                }
            }
            // The form's keys and the editing keys, in the form (it stays open).
            Action::Help => f.help = true,
            _ => {}
        }
    }

    /// Saves the open form (`publish` false keeps a news item as a draft). On any
    /// refusal the form stays open with what was typed.
    pub(super) fn save_form(&mut self, create_anyway: bool, publish: bool) {
        let Some(Modal::Form(f)) = &self.modal else {
            return;
        };
        let f = f.as_ref().clone();
        if let Some(kind) = forms::interaction::chosen_kind(&f) {
            self.last_kind = kind;
        }
        match forms::save(&self.store, &self.actor, &f, create_anyway, publish) {
            Ok(saved) => {
                if let Then::ShowYear(year) = saved.then {
                    self.screens.plans.year = year;
                }
                self.close_form();
                let mut message = match &saved.message {
                    Some(m) => m.clone(),
                    None => self
                        .t(if publish {
                            "msg.saved"
                        } else {
                            "msg.draft_saved"
                        })
                        .to_string(),
                };
                for w in saved.warnings {
                    message.push(' ');
                    message.push_str(&self.lang.sentence(self.t(w)));
                }
                self.info(message);
                self.refresh();
                match saved.then {
                    Then::ShowOrg(id) => {
                        let h = self.list_height();
                        let r = self.screens.contacts.open_org(&self.store, id, h);
                        self.check(r);
                        self.screens.contacts.mode =
                            crate::tui::screens::contacts::ContactsMode::List;
                    }
                    Then::ShowProject(id) => {
                        let r = self.screens.projects.select(&self.store, id);
                        self.check(r);
                    }
                    Then::ShowYear(_) | Then::Stay => {}
                }
            }
            Err(Error::Invalid(errors)) => {
                // Every bad field at once: the first of them (top down) gets the focus,
                // and the status line names them all.
                let mut text = self.t("msg.fix_fields").to_string();
                if let Some(Modal::Form(form)) = &mut self.modal {
                    let bad: Vec<usize> = (0..form.fields.len())
                        .filter(|&i| errors.iter().any(|e| e.field == form.fields[i].name))
                        .collect();
                    if let Some(&i) = bad.first() {
                        form.focus_on(i);
                    }
                    if bad.len() > 1 {
                        let names: Vec<String> = bad
                            .iter()
                            .map(|&i| {
                                let key = format!("field.{}", form.fields[i].name);
                                self.lang.t(&key).to_string()
                            })
                            .collect();
                        text = self.lang.f(
                            "msg.fix_n_fields",
                            &[("n", &bad.len()), ("fields", &names.join(", "))],
                        );
                    }
                    form.errors = errors;
                }
                self.status = Some(Status { text, error: true });
            }
            Err(Error::Conflict { by, at }) => {
                let e = Error::Conflict {
                    by: by.clone(),
                    at: at.clone(),
                };
                self.error(&e);
                self.open_conflict(&f, by, at);
            }
            Err(Error::Duplicate(similar)) => {
                if let Some(Modal::Form(form)) = &mut self.modal {
                    form.similar = similar;
                    form.prompt = Some(FormPrompt::CreateAnyway);
                }
            }
            Err(e) => self.error(&e),
        }
    }

    /// The record `form` edits, as it is in the database now, as a fresh form (the
    /// same `open` that made the form); `None` for a form that creates.
    fn reopen(&self, form: &FormState) -> Result<Option<FormState>, Error> {
        let (store, actor, lang) = (&self.store, &self.actor, self.lang);
        Ok(Some(match form.target.upgraded() {
            FormTarget::Org { id: Some(id), .. } => {
                forms::org::open(store, actor, lang, Some(&store.org(id)?))?
            }
            FormTarget::Person {
                org_id,
                id: Some(id),
                ..
            } => forms::person::open(store, actor, lang, Some(&store.person(id)?), org_id)?,
            FormTarget::Interaction {
                org_id,
                id: Some(id),
                ..
            } => {
                let persons = store.persons_of(org_id)?;
                let org = store.org(org_id)?;
                let with = forms::interaction::With {
                    org_id,
                    name: &org.data.name,
                    persons: &persons,
                    person: None,
                };
                let existing = store.interaction(id)?;
                let r = forms::interaction::open(
                    actor,
                    lang,
                    Some(with),
                    Some(&existing),
                    self.last_kind,
                )?;
                return Ok(r);
            }
            FormTarget::News { id: Some(id), .. } => {
                forms::news::open(store, actor, lang, Some(&store.news(actor, id)?))?
            }
            FormTarget::Training { id: Some(id), .. } => {
                forms::training::open(store, actor, lang, Some(&store.training(id)?))?
            }
            FormTarget::Plan { id: Some(id), .. } => {
                let year = self.screens.plans.year;
                let plans = store.plans(year)?;
                let Some(plan) = plans.iter().find(|p| p.id == id) else {
                    return Err(Error::NotFound);
                };
                forms::plan::open(store, actor, lang, Some(plan), year)?
            }
            FormTarget::PlanItem {
                plan_id,
                id: Some(id),
                ..
            } => {
                let item = store.plan_item(id)?;
                let plans = store.plans(self.screens.plans.year)?;
                let plan = plans.iter().find(|p| p.id == plan_id);
                return forms::plan_item::open(store, actor, lang, Some(&item), plan);
            }
            FormTarget::Project { id: Some(id), .. } => {
                forms::project::open(store, actor, lang, Some(&store.project(id)?))?
            }
            FormTarget::Milestone {
                project_id,
                id: Some(id),
                ..
            } => {
                let project = store.project(project_id)?;
                forms::milestone::open(actor, &project, Some(&store.milestone(id)?))?
            }
            FormTarget::Membership { id: Some(id), .. } => {
                let all = store.memberships()?;
                let Some(m) = all.iter().find(|m| m.id == id) else {
                    return Err(Error::NotFound);
                };
                forms::membership::open(store, actor, Some(m))?
            }
            _ => return Ok(None),
        }))
    }

    /// After a lost race: loads the colleague's version and offers the choice.
    fn open_conflict(&mut self, mine: &FormState, by: String, at: String) {
        let theirs = self.reopen(mine);
        let Some(Some(theirs)) = self.check(theirs) else {
            return;
        };
        let rows = mine
            .fields
            .iter()
            .filter_map(|m| {
                let t = theirs.fields.iter().find(|t| t.name == m.name)?;
                (t.value() != m.value()).then(|| {
                    (
                        format!("field.{}", m.name),
                        shown(t, self.lang),
                        shown(m, self.lang),
                    )
                })
            })
            .collect();
        self.conflict = Some(Box::new(ConflictChoice {
            by: crate::text::sanitize_line(&by).into_owned(),
            at: self.lang.datetime(&at),
            rows,
            theirs: Box::new(theirs),
        }));
    }

    /// `m`, `t` or `Esc` on the conflict choice.
    pub(super) fn conflict_action(&mut self, action: Action) {
        let Some(choice) = self.conflict.take() else {
            return;
        };
        let Some(Modal::Form(mine)) = &mut self.modal else {
            return;
        };
        match action {
            // Save mine over theirs: the same text, against the version now stored.
            Action::KeepMine => {
                mine.target = choice.theirs.target;
                if let Some(base) = &mut self.form_base {
                    base.0 = choice.theirs.target;
                }
                self.save_form(false, true);
            }
            // Take theirs, then set again only what I changed since the form opened
            // (everything, for a form resumed from an older draft that lacks it).
            Action::TakeTheirs => {
                let base = self
                    .form_base
                    .as_ref()
                    .filter(|(target, _)| *target == mine.target)
                    .map(|(_, v)| v.clone());
                let theirs_base = (choice.theirs.target, values(&choice.theirs));
                let mut next = *choice.theirs;
                for field in &mut next.fields {
                    let Some(my) = mine.fields.iter().find(|m| m.name == field.name) else {
                        continue;
                    };
                    let opened = base
                        .as_ref()
                        .and_then(|b| b.iter().find(|(n, _)| *n == field.name))
                        .map(|(_, v)| v.as_str());
                    if opened != Some(my.value().as_str()) {
                        *field = my.clone();
                    }
                }
                next.focus = mine.focus.min(next.fields.len().saturating_sub(1));
                next.dirty = true;
                self.form_base = Some(theirs_base);
                **mine = next;
                self.draft_pending = true;
                self.info(self.t("msg.conflict_reapplied").to_string());
            }
            // Anything else (Esc, n): the form as it was, the choice gone.
            _ => {}
        }
    }
}
