//! Forms: what each one edits, how it is built and how it is saved. One module per
//! record kind (`org`, `person`, `interaction`, `news`, `training`, `plan`,
//! `plan_item`, `project`, `milestone`, `membership`, `evaluation`, `account`), each with its
//! `open` and its `save` side by side as free functions over the store, the user and
//! the language; a kind's fields and what it saves are then read in one short file.
//! What several kinds build alike (enum options, the member and unit lists, amounts,
//! `#id Name` references) is in `fields`. Nothing here knows the `App`: the app (or a
//! screen, through it) opens what these build and shows the errors they return, so the
//! forms never depend on the app that shows them.
//!
//! This module keeps what every form shares: `FormState` (serialised whole into the
//! drafts table, so its serde shape is a stored format that older drafts must still
//! read), `FormTarget` (which record a form saves into) and `save`, the one exhaustive
//! dispatch from a target to its module. A form refused by the store stays open with
//! everything typed.

pub mod account;
pub mod evaluation;
mod fields;
pub mod interaction;
pub mod membership;
pub mod milestone;
pub mod news;
pub mod org;
pub mod person;
pub mod plan;
pub mod plan_item;
pub mod project;
pub mod training;

use super::widgets::form::{Field, FieldKind};
use crate::model::{Actor, FieldError, Similar};
use crate::store::{Error, Store};
use serde::{Deserialize, Serialize};

/// What a form saves into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormTarget {
    Org {
        id: Option<i64>,
        version: i64,
    },
    Person {
        org_id: i64,
        id: Option<i64>,
        version: i64,
    },
    Interaction {
        org_id: i64,
        id: Option<i64>,
        version: i64,
        member_id: i64,
    },
    News {
        id: Option<i64>,
        version: i64,
        /// Already published (edits mark it edited; no draft saving).
        published: bool,
    },
    Training {
        id: Option<i64>,
        version: i64,
    },
    /// A new plan, as drafts saved before plans could be edited name it; read back
    /// as `Plan { id: None, .. }` (see `upgraded`).
    #[serde(rename = "Plan")]
    PlanV1,
    #[serde(rename = "PlanForm")]
    Plan {
        id: Option<i64>,
        version: i64,
    },
    PlanItem {
        plan_id: i64,
        /// Absent in drafts saved before items could be edited: a new item.
        #[serde(default)]
        id: Option<i64>,
        #[serde(default)]
        version: i64,
    },
    Project {
        id: Option<i64>,
        version: i64,
    },
    Milestone {
        project_id: i64,
        id: Option<i64>,
        version: i64,
    },
    Membership {
        id: Option<i64>,
        version: i64,
    },
    Evaluation {
        membership_id: i64,
    },
    /// A unit's words in its yearly account (`version` `None`: not started).
    AccountWords {
        unit_id: i64,
        year: i32,
        version: Option<i64>,
    },
    /// The office returns a unit's account with a comment.
    ReturnAccount {
        unit_id: i64,
        year: i32,
        version: i64,
    },
    /// The year's compilation written as a document (in English when `english`,
    /// else in Swedish: the language the form was opened in).
    ExportReport {
        year: i32,
        english: bool,
    },
}

impl FormTarget {
    /// The target in today's terms, for a draft saved by an earlier version.
    pub fn upgraded(self) -> FormTarget {
        match self {
            FormTarget::PlanV1 => FormTarget::Plan {
                id: None,
                version: 0,
            },
            other => other,
        }
    }
}

/// A question a form asks before it goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPrompt {
    /// Near-duplicates exist: save anyway?
    CreateAnyway,
    /// Close the form and lose the changes?
    Discard,
}

/// An open form. It is serialised whole into the drafts table while typed, so a
/// hang-up or a crash loses at most a few seconds of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormState {
    pub target: FormTarget,
    /// i18n key of the title.
    pub title: String,
    /// What the form belongs to (an organisation, a plan, a project, a membership),
    /// named after the title; empty for a form that stands alone.
    #[serde(default)]
    pub subject: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    #[serde(skip)]
    pub errors: Vec<FieldError>,
    /// Existing organisations like the one being created.
    pub similar: Vec<Similar>,
    /// Regional partners' entries like it (issue 16): shown after our own, never
    /// blocking a save.
    #[serde(skip)]
    pub regional: Vec<crate::model::RegionalOrg>,
    #[serde(skip)]
    pub prompt: Option<FormPrompt>,
    pub dirty: bool,
    /// The form's keys are shown in place of its fields (`F1`).
    #[serde(skip)]
    pub help: bool,
}

impl FormState {
    pub fn get(&self, name: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(Field::value)
            .unwrap_or_default()
    }
    /// The field's value, or `None` when the form has no such field (a form that shows
    /// only what the user may change).
    pub fn opt(&self, name: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(Field::value)
    }
    pub fn error_for(&self, name: &str) -> Option<&'static str> {
        self.errors.iter().find(|e| e.field == name).map(|e| e.key)
    }
}

impl FormState {
    pub fn new(target: FormTarget, title: &str, fields: Vec<Field>) -> FormState {
        FormState {
            target,
            title: title.to_string(),
            fields,
            focus: 0,
            errors: vec![],
            similar: vec![],
            regional: vec![],
            prompt: None,
            dirty: false,
            help: false,
            subject: String::new(),
        }
    }

    /// The form names what it belongs to in its title.
    pub fn about(mut self, subject: &str) -> FormState {
        self.subject = subject.trim().to_string();
        self
    }

    /// The title in `lang`, with what the form belongs to, cleaned for the terminal
    /// and cut with `…` to `width` columns: `Log a contact — Lübeck University`.
    pub fn heading(&self, lang: crate::i18n::Lang, width: usize) -> String {
        let title = lang.t(&self.title).trim();
        let full = if self.subject.is_empty() {
            title.to_string()
        } else {
            format!("{title} — {}", crate::text::sanitize_line(&self.subject))
        };
        crate::text::truncate(&full, width).into_owned()
    }

    /// Moves the focus to field `i` (the last one if there is no such field): the
    /// field left keeps nothing selected, the one entered is (see `Field::enter`).
    pub fn focus_on(&mut self, i: usize) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.leave();
        }
        self.focus = i.min(self.fields.len().saturating_sub(1));
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.enter();
        }
    }

    /// The next field, round to the first.
    pub fn next_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus_on((self.focus + 1) % n);
    }

    /// The previous field, round to the last.
    pub fn prev_field(&mut self) {
        let n = self.fields.len().max(1);
        self.focus_on((self.focus + n - 1) % n);
    }

    /// The form as it is shown when it opens (new, or resumed from a draft): every
    /// multi-line text not being typed in shows from its top, and the focused field
    /// is entered.
    pub fn opened(&mut self) {
        for (i, f) in self.fields.iter_mut().enumerate() {
            if i != self.focus
                && let FieldKind::Text {
                    input,
                    multiline: true,
                } = &mut f.kind
            {
                input.cursor = 0;
            }
        }
        self.focus_on(self.focus);
    }
}

/// What a saved form leaves for the app to do next.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Saved {
    /// i18n keys of warnings to show after "saved".
    pub warnings: Vec<&'static str>,
    /// What to say instead of "saved" (a form that writes a file says where).
    pub message: Option<String>,
    pub then: Then,
}

/// Where the app goes after a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Then {
    #[default]
    Stay,
    /// Show the organisation just created.
    ShowOrg(i64),
    /// Select the project just created.
    ShowProject(i64),
    /// Show the plans of the year just saved.
    ShowYear(i32),
}

impl Saved {
    fn then(then: Then) -> Saved {
        Saved {
            warnings: vec![],
            message: None,
            then,
        }
    }
}

/// Saves `form` into its target. `create_anyway` saves an organisation despite
/// near-duplicates; `publish` false keeps a news item as a draft. One arm per target,
/// no catch-all: a new kind of form does not compile until it can be saved.
pub fn save(
    store: &Store,
    actor: &Actor,
    form: &FormState,
    create_anyway: bool,
    publish: bool,
) -> Result<Saved, Error> {
    match form.target.upgraded() {
        FormTarget::Org { id, version } => {
            org::save(store, actor, form, id, version, create_anyway)
        }
        FormTarget::Person {
            org_id,
            id,
            version,
        } => person::save(store, actor, form, org_id, id, version),
        FormTarget::Interaction {
            org_id,
            id,
            version,
            member_id,
        } => interaction::save(store, actor, form, org_id, id, version, member_id),
        FormTarget::News { id, version, .. } => {
            news::save(store, actor, form, id, version, publish)
        }
        FormTarget::Training { id, version } => training::save(store, actor, form, id, version),
        // `upgraded` leaves no `PlanV1`; were there one, it is a new plan.
        FormTarget::PlanV1 => plan::save(store, actor, form, None, 0),
        FormTarget::Plan { id, version } => plan::save(store, actor, form, id, version),
        FormTarget::PlanItem {
            plan_id,
            id,
            version,
        } => plan_item::save(store, actor, form, plan_id, id, version),
        FormTarget::Project { id, version } => project::save(store, actor, form, id, version),
        FormTarget::Milestone {
            project_id,
            id,
            version,
        } => milestone::save(store, actor, form, project_id, id, version),
        FormTarget::Membership { id, version } => membership::save(store, actor, form, id, version),
        FormTarget::Evaluation { membership_id } => {
            evaluation::save(store, actor, form, membership_id)
        }
        FormTarget::AccountWords {
            unit_id,
            year,
            version,
        } => account::save_words(store, actor, form, unit_id, year, version),
        FormTarget::ReturnAccount {
            unit_id,
            year,
            version,
        } => account::save_return(store, actor, form, unit_id, year, version),
        FormTarget::ExportReport { year, english } => {
            let lang = if english {
                crate::i18n::Lang::En
            } else {
                crate::i18n::Lang::Sv
            };
            account::save_export(store, actor, form, year, lang)
        }
    }
}

/// The near-duplicates of the organisation a new-organisation form describes, after
/// `field` changed; `None` when that change cannot change them.
pub fn similar_after(
    store: &Store,
    form: &FormState,
    field: &str,
) -> Result<Option<Vec<Similar>>, Error> {
    if !org::checks_similar(form.target, field) {
        return Ok(None);
    }
    org::similar(store, form).map(Some)
}

/// The regional entries like the organisation a new-organisation form describes,
/// after `field` changed; `None` when that change cannot change them.
pub fn regional_after(
    store: &Store,
    form: &FormState,
    field: &str,
) -> Result<Option<Vec<crate::model::RegionalOrg>>, Error> {
    if !org::checks_similar(form.target, field) {
        return Ok(None);
    }
    org::similar_regional(store, form).map(Some)
}

#[cfg(test)]
mod tests {
    use super::{FormState, FormTarget, Then, plan, save};
    use crate::i18n::Lang;
    use crate::store::{Error, Store};
    use crate::tui::widgets::input::Edit;

    fn type_into(form: &mut FormState, name: &str, text: &str) {
        let field = form.fields.iter_mut().find(|f| f.name == name).unwrap();
        for c in text.chars() {
            field.handle(Edit::Char(c));
        }
    }

    #[test]
    fn a_form_opens_and_saves_with_the_store_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let office = store.init("office", "Olle Office").unwrap();
        let mut form = plan::open(&store, &office, Lang::En, None, 2031).unwrap();
        assert_eq!(form.get("year"), "2031");
        type_into(&mut form, "title", "Kommunens plan");
        let saved = save(&store, &office, &form, false, true).unwrap();
        assert_eq!(saved.then, Then::ShowYear(2031));
        let plans = store.plans(2031).unwrap();
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].data.title, "Kommunens plan");

        // A draft of the first plan form names its target `Plan`: it saves a new plan.
        let mut json = serde_json::to_value(&form).unwrap();
        json["target"] = serde_json::json!("Plan");
        let mut old: FormState = serde_json::from_value(json).unwrap();
        assert_eq!(old.target, FormTarget::PlanV1);
        type_into(&mut old, "title", " 2");
        save(&store, &office, &old, false, true).unwrap();
        assert_eq!(store.plans(2031).unwrap().len(), 2);

        // Only the office makes plans, and the form says so before anything is typed.
        let member = crate::model::Role::Member;
        store
            .add_member(&office, "anna", "Anna Åberg", None, member)
            .unwrap();
        let anna = store.actor("anna").unwrap();
        assert!(matches!(
            plan::open(&store, &anna, Lang::En, None, 2031),
            Err(Error::Forbidden)
        ));
    }

    #[test]
    fn drafts_of_the_earlier_plan_forms_still_read() {
        let plan: FormTarget = serde_json::from_str("\"Plan\"").unwrap();
        assert_eq!(
            plan.upgraded(),
            FormTarget::Plan {
                id: None,
                version: 0
            }
        );
        let item: FormTarget = serde_json::from_str(r#"{"PlanItem":{"plan_id":3}}"#).unwrap();
        assert_eq!(
            item,
            FormTarget::PlanItem {
                plan_id: 3,
                id: None,
                version: 0
            }
        );
        let now = FormTarget::Plan {
            id: Some(4),
            version: 2,
        };
        let json = serde_json::to_string(&now).unwrap();
        assert_eq!(serde_json::from_str::<FormTarget>(&json).unwrap(), now);
    }

    #[test]
    fn the_title_names_what_the_form_belongs_to_cleaned_and_cut() {
        let form = FormState::new(
            FormTarget::Org {
                id: None,
                version: 0,
            },
            "form.new_person",
            vec![],
        );
        assert_eq!(form.heading(Lang::En, 80), "New person");
        let form = form.about(" Lübeck\u{1b}[31m University ");
        assert_eq!(
            form.heading(Lang::En, 80),
            "New person — Lübeck\u{FFFD}[31m University"
        );
        assert_eq!(form.heading(Lang::Sv, 16), "Ny person — Lüb…");
    }

    #[test]
    fn a_form_opens_with_multi_line_texts_at_their_top_and_the_first_field_entered() {
        use crate::tui::widgets::form::{Field, FieldKind};
        let mut form = FormState::new(
            FormTarget::Org {
                id: None,
                version: 0,
            },
            "form.new_org",
            vec![
                Field::text("name", "Gävle"),
                Field::multiline("notes", "one\ntwo\nthree\nfour"),
            ],
        );
        form.opened();
        let FieldKind::Text { input, .. } = &form.fields[1].kind else {
            panic!()
        };
        assert_eq!(input.cursor, 0);
        let FieldKind::Text { input, .. } = &form.fields[0].kind else {
            panic!()
        };
        assert!(input.replace);
        form.next_field();
        let FieldKind::Text { input, .. } = &form.fields[0].kind else {
            panic!()
        };
        assert!(!input.replace, "left: nothing stays selected");
    }
}

/// The choice after losing a race: who saved, when, the colleague's record as a
/// fresh form, and the fields that differ (label key, theirs, yours), as shown. Here,
/// beside the form it holds, so the app's state names it without reaching into the
/// app's form handling (`app_forms`), which builds and acts on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictChoice {
    pub by: String,
    pub at: String,
    pub rows: Vec<(String, String, String)>,
    pub(in crate::tui) theirs: Box<FormState>,
}
