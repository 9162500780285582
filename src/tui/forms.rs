//! Forms: what each one edits, building them, typing into them, saving them. A form
//! refused by the store stays open with everything typed.

use super::app::help_line;
use super::app::{App, Modal, Status};
use super::keymap::{Action, Context};
use super::widgets::form::Field;
use crate::model::{
    FieldError, Funding, GrowthArea, InteractionData, InteractionKind, NewsCategory, NewsData,
    OrgData, OrgKind, OrgStatus, PersonData, PriorityArea, Sector, Similar, TrainingData,
    TrainingKind,
};
use crate::store::Error;
use ratatui::crossterm::event::KeyCode;
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
    pub fields: Vec<Field>,
    pub focus: usize,
    #[serde(skip)]
    pub errors: Vec<FieldError>,
    /// Existing organisations like the one being created.
    pub similar: Vec<Similar>,
    #[serde(skip)]
    pub prompt: Option<FormPrompt>,
    pub dirty: bool,
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
    pub(super) fn new(target: FormTarget, title: &str, fields: Vec<Field>) -> FormState {
        FormState {
            target,
            title: title.to_string(),
            fields,
            focus: 0,
            errors: vec![],
            similar: vec![],
            prompt: None,
            dirty: false,
        }
    }
}

impl App {
    pub(super) fn options<T: Copy>(
        &self,
        all: &[T],
        word: fn(T) -> &'static str,
        key: fn(T) -> &'static str,
    ) -> Vec<(String, String)> {
        all.iter()
            .map(|v| (word(*v).to_string(), self.t(key(*v)).to_string()))
            .collect()
    }

    pub(super) fn open_org_form(&mut self, org: Option<crate::model::Org>) {
        if !self.actor.can_edit_partners() {
            self.error(&Error::Forbidden);
            return;
        }
        let (data, target) = match &org {
            Some(o) => (
                o.data.clone(),
                FormTarget::Org {
                    id: Some(o.id),
                    version: o.meta.version,
                },
            ),
            None => (
                OrgData {
                    owner_member: Some(self.actor.member_id),
                    ..OrgData::default()
                },
                FormTarget::Org {
                    id: None,
                    version: 0,
                },
            ),
        };
        let mut sectors = vec![(String::new(), "—".to_string())];
        sectors.extend(self.options(Sector::ALL, Sector::as_str, Sector::key));
        let members = self.store.members().unwrap_or_default();
        let owners: Vec<(String, String)> = members
            .iter()
            .filter(|m| m.active)
            .map(|m| (m.id.to_string(), m.full_name.clone()))
            .collect();
        let owner = data.owner_member.map(|i| i.to_string()).unwrap_or_default();
        let fields = vec![
            Field::text("name", &data.name),
            Field::choice(
                "kind",
                self.options(OrgKind::ALL, OrgKind::as_str, OrgKind::key),
                data.kind.as_str(),
            ),
            Field::text("country", &data.country),
            Field::text("city", &data.city),
            Field::text("website", &data.website),
            Field::text("twin_decided", data.twin_decided.as_deref().unwrap_or("")),
            Field::choice(
                "sector",
                sectors,
                data.sector.map(Sector::as_str).unwrap_or(""),
            ),
            Field::choice(
                "status",
                self.options(OrgStatus::ALL, OrgStatus::as_str, OrgStatus::key),
                data.status.as_str(),
            ),
            self.area_field(&data.priority_areas),
            self.growth_field(&data.growth_areas),
            Field::text("tags", &data.tags.join(", ")),
            Field::choice("owner", owners, &owner),
            Field::multiline("notes", &data.notes),
        ];
        let title = if org.is_some() {
            "form.edit_org"
        } else {
            "form.new_org"
        };
        self.open_form(FormState::new(target, title, fields));
    }

    pub(super) fn open_person_form(&mut self, org_id: Option<i64>, index: Option<usize>) {
        if !self.actor.can_edit_partners() {
            self.error(&Error::Forbidden);
            return;
        }
        let existing = index.and_then(|i| {
            self.contacts
                .detail
                .as_ref()
                .and_then(|d| d.persons.get(i))
                .cloned()
        });
        let (data, target, title) = match existing {
            Some(p) => (
                p.data.clone(),
                FormTarget::Person {
                    org_id: p.data.org_id,
                    id: Some(p.id),
                    version: p.meta.version,
                },
                "form.edit_person",
            ),
            None => {
                let Some(org_id) = org_id else { return };
                (
                    PersonData::default(),
                    FormTarget::Person {
                        org_id,
                        id: None,
                        version: 0,
                    },
                    "form.new_person",
                )
            }
        };
        let fields = vec![
            Field::text("name", &data.name),
            Field::text("title", &data.title),
            Field::text("email", &data.email),
            Field::text("phone", &data.phone),
            Field::text("languages", &data.languages),
            Field::text("source", &data.source),
            Field::text(
                "verified_on",
                data.verified_on
                    .as_deref()
                    .unwrap_or(&crate::store::today()),
            ),
            Field::multiline("notes", &data.notes),
        ];
        self.open_form(FormState::new(target, title, fields));
    }

    pub(super) fn open_interaction_form(&mut self, index: Option<usize>) {
        if !self.actor.can_edit_partners() {
            self.error(&Error::Forbidden);
            return;
        }
        let Some(detail) = &self.contacts.detail else {
            return;
        };
        let existing = index.and_then(|i| detail.timeline.get(i)).cloned();
        if let Some(x) = &existing
            && !self.actor.may_edit_interaction(x.data.member_id)
        {
            self.error(&Error::Forbidden);
            return;
        }
        let org_id = detail.org.id;
        let mut persons = vec![(String::new(), "—".to_string())];
        persons.extend(
            detail
                .persons
                .iter()
                .map(|p| (p.id.to_string(), p.data.name.clone())),
        );
        let (data, target, title) = match existing {
            Some(x) => (
                x.data.clone(),
                FormTarget::Interaction {
                    org_id,
                    id: Some(x.id),
                    version: x.meta.version,
                    member_id: x.data.member_id,
                },
                "form.edit_interaction",
            ),
            None => (
                InteractionData {
                    date: crate::store::today(),
                    kind: self.last_kind,
                    ..InteractionData::default()
                },
                FormTarget::Interaction {
                    org_id,
                    id: None,
                    version: 0,
                    member_id: self.actor.member_id,
                },
                "form.new_interaction",
            ),
        };
        let fields = vec![
            Field::text("date", &data.date),
            Field::choice(
                "kind",
                self.options(
                    InteractionKind::ALL,
                    InteractionKind::as_str,
                    InteractionKind::key,
                ),
                data.kind.as_str(),
            ),
            Field::choice(
                "person",
                persons,
                &data.person_id.map(|i| i.to_string()).unwrap_or_default(),
            ),
            Field::multiline("summary", &data.summary),
            Field::text("follow_up", data.follow_up.as_deref().unwrap_or("")),
        ];
        self.open_form(FormState::new(target, title, fields));
    }

    /// The priority areas as tick boxes.
    pub(super) fn area_field(&self, chosen: &[PriorityArea]) -> Field {
        let words: Vec<String> = chosen.iter().map(|p| p.as_str().to_string()).collect();
        Field::multi(
            "priority_areas",
            self.options(PriorityArea::ALL, PriorityArea::as_str, PriorityArea::key),
            &words,
        )
    }

    /// The growth areas as tick boxes.
    fn growth_field(&self, chosen: &[GrowthArea]) -> Field {
        let words: Vec<String> = chosen.iter().map(|p| p.as_str().to_string()).collect();
        Field::multi(
            "growth_areas",
            self.options(GrowthArea::ALL, GrowthArea::as_str, GrowthArea::key),
            &words,
        )
    }

    pub(super) fn open_form(&mut self, form: FormState) {
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

    pub(super) fn open_news_form(&mut self, item: Option<crate::model::News>) {
        if self.actor.role == crate::model::Role::Viewer {
            self.error(&Error::Forbidden);
            return;
        }
        if let Some(n) = &item
            && !self.actor.may_edit_news(n.author_id)
        {
            self.error(&Error::Forbidden);
            return;
        }
        let (data, target, title) = match &item {
            Some(n) => (
                n.data.clone(),
                FormTarget::News {
                    id: Some(n.id),
                    version: n.meta.version,
                    published: n.published_at.is_some(),
                },
                "form.edit_news",
            ),
            None => (
                NewsData::default(),
                FormTarget::News {
                    id: None,
                    version: 0,
                    published: false,
                },
                "form.new_news",
            ),
        };
        let ids = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>();
        let units: Vec<(String, String)> = self
            .store
            .units()
            .unwrap_or_default()
            .into_iter()
            .map(|u| (u.id.to_string(), u.code))
            .collect();
        let mut fields = vec![
            Field::text("title", &data.title),
            Field::choice(
                "category",
                self.options(NewsCategory::ALL, NewsCategory::as_str, NewsCategory::key),
                data.category.as_str(),
            ),
            Field::multiline("body", &data.body),
            Field::text("deadline", data.deadline.as_deref().unwrap_or("")),
            Field::text("event_date", data.event_date.as_deref().unwrap_or("")),
            self.area_field(&data.priority_areas),
            self.growth_field(&data.growth_areas),
            Field::multi("audience", units, &ids(&data.audience)),
            Field::text("links", &data.links.join(" ")),
            Field::text("expires", data.expires.as_deref().unwrap_or("")),
        ];
        if self.actor.is_office() {
            let yes_no = vec![
                ("no".to_string(), self.t("action.no").to_string()),
                ("yes".to_string(), self.t("action.yes").to_string()),
            ];
            fields.push(Field::choice(
                "pinned",
                yes_no,
                if data.pinned { "yes" } else { "no" },
            ));
        }
        self.open_form(FormState::new(target, title, fields));
    }

    /// The training form, filled with what a new entry usually is: me, today, the
    /// kind I logged last. Title, Tab, hours, Ctrl-S logs it.
    pub(super) fn open_training_form(&mut self, item: Option<crate::model::Training>) {
        // The store's rule, asked before the form opens rather than at save.
        let allowed = match &item {
            Some(t) => t.editable_by(&self.actor),
            None => self.actor.role != crate::model::Role::Viewer,
        };
        if !allowed {
            self.error(&Error::Forbidden);
            return;
        }
        let (data, target, title) = match &item {
            Some(t) => (
                t.data.clone(),
                FormTarget::Training {
                    id: Some(t.id),
                    version: t.meta.version,
                },
                "form.edit_training",
            ),
            None => {
                let kind = self
                    .store
                    .last_training_kind(&self.actor)
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                let data = TrainingData {
                    date_from: crate::store::today(),
                    kind,
                    participants: vec![self.actor.member_id],
                    ..TrainingData::default()
                };
                (
                    data,
                    FormTarget::Training {
                        id: None,
                        version: 0,
                    },
                    "form.new_training",
                )
            }
        };
        // The people already in the activity first, so they show without scrolling.
        let mut members: Vec<(String, String)> = self
            .store
            .members()
            .unwrap_or_default()
            .into_iter()
            .filter(|m| m.active && m.role != crate::model::Role::Viewer)
            .map(|m| (m.id.to_string(), m.full_name))
            .collect();
        members.sort_by_key(|(id, _)| !data.participants.iter().any(|p| p.to_string() == *id));
        let none = || vec![(String::new(), "—".to_string())];
        let mut areas = none();
        areas.extend(self.options(PriorityArea::ALL, PriorityArea::as_str, PriorityArea::key));
        let mut growth = none();
        growth.extend(self.options(GrowthArea::ALL, GrowthArea::as_str, GrowthArea::key));
        let hours = if data.minutes > 0 {
            crate::model::format_hours(data.minutes)
        } else {
            String::new()
        };
        let fields = vec![
            Field::text("title", &data.title),
            Field::text("hours", &hours),
            Field::text("date", &data.date_from),
            Field::choice(
                "kind",
                self.options(TrainingKind::ALL, TrainingKind::as_str, TrainingKind::key),
                data.kind.as_str(),
            ),
            Field::text("date_to", data.date_to.as_deref().unwrap_or("")),
            Field::multi(
                "participants",
                members,
                &data
                    .participants
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>(),
            ),
            Field::choice(
                "priority_areas",
                areas,
                data.priority_area.map(PriorityArea::as_str).unwrap_or(""),
            ),
            Field::choice(
                "growth_areas",
                growth,
                data.growth_area.map(GrowthArea::as_str).unwrap_or(""),
            ),
            Field::choice(
                "funding",
                self.options(Funding::ALL, Funding::as_str, Funding::key),
                data.funding.as_str(),
            ),
            Field::text(
                "cost",
                &data.cost_sek.map(|c| c.to_string()).unwrap_or_default(),
            ),
            Field::text("organiser", &data.organiser),
            Field::text("city", &data.city),
            Field::text("country", &data.country),
            Field::multiline("shared", &data.shared),
            Field::multiline("notes", &data.notes),
        ];
        self.open_form(FormState::new(target, title, fields));
    }

    pub(super) fn form_key(&mut self, code: KeyCode) {
        let Some(Modal::Form(f)) = &mut self.modal else {
            return;
        };
        let Some(field) = f.fields.get_mut(f.focus) else {
            return;
        };
        if code == KeyCode::Enter && !field.is_multiline() {
            f.focus = (f.focus + 1) % f.fields.len();
            return;
        }
        if field.handle(code) {
            f.dirty = true;
            self.draft_pending = true;
            let name = field.name.clone();
            f.errors.retain(|e| e.field != name);
            let check_similar = matches!(f.target, FormTarget::Org { id: None, .. })
                && matches!(name.as_str(), "name" | "website" | "city" | "country");
            if check_similar {
                let data = org_from_form(f);
                let similar = self.store.similar_orgs(&data, &[]).unwrap_or_default();
                if let Some(Modal::Form(f)) = &mut self.modal {
                    f.similar = similar;
                }
            }
        }
    }

    pub(super) fn form_action(&mut self, action: Action) {
        let Some(Modal::Form(f)) = &mut self.modal else {
            return;
        };
        let n = f.fields.len();
        match action {
            Action::NextField => f.focus = (f.focus + 1) % n,
            Action::PrevField => f.focus = (f.focus + n - 1) % n,
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
            Action::Help => {
                // Help from a form comes back to the form: keep it underneath.
                self.status = Some(Status {
                    text: help_line(&self.keymap, self.lang, Context::Form),
                    error: false,
                });
            }
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
        let members = self.store.members().unwrap_or_default();
        let unit_of = |id: Option<i64>| {
            members
                .iter()
                .find(|m| Some(m.id) == id)
                .and_then(|m| m.unit_id)
        };
        let mut warnings_seen: Vec<&'static str> = Vec::new();
        let result: Result<Option<i64>, Error> = match f.target {
            FormTarget::Org { id, version } => {
                let mut data = org_from_form(&f);
                data.owner_unit = unit_of(data.owner_member);
                match id {
                    None => self
                        .store
                        .create_org(&self.actor, data, create_anyway)
                        .map(Some),
                    Some(id) => self
                        .store
                        .update_org(&self.actor, id, version, data)
                        .map(|_| Some(id)),
                }
            }
            FormTarget::Person {
                org_id,
                id,
                version,
            } => {
                let data = PersonData {
                    org_id,
                    name: f.get("name"),
                    title: f.get("title"),
                    email: f.get("email"),
                    phone: f.get("phone"),
                    languages: f.get("languages"),
                    source: f.get("source"),
                    verified_on: Some(f.get("verified_on")),
                    notes: f.get("notes"),
                };
                match id {
                    None => self
                        .store
                        .create_person(&self.actor, data)
                        .map(|_| Some(org_id)),
                    Some(id) => self
                        .store
                        .update_person(&self.actor, id, version, data)
                        .map(|_| Some(org_id)),
                }
            }
            FormTarget::Interaction {
                org_id,
                id,
                version,
                member_id,
            } => {
                let kind = InteractionKind::parse(&f.get("kind")).unwrap_or_default();
                let data = InteractionData {
                    org_id,
                    person_id: f.get("person").parse().ok(),
                    member_id,
                    unit_id: unit_of(Some(member_id)),
                    date: f.get("date"),
                    kind,
                    summary: f.get("summary"),
                    follow_up: Some(f.get("follow_up")),
                };
                self.last_kind = kind;
                match id {
                    None => self
                        .store
                        .add_interaction(&self.actor, data)
                        .map(|_| Some(org_id)),
                    Some(id) => self
                        .store
                        .update_interaction(&self.actor, id, version, data)
                        .map(|_| Some(org_id)),
                }
            }
            FormTarget::Training { id, version } => training_from_form(&f).and_then(|mut data| {
                // The partner link is not in the form; an edit keeps it.
                if let Some(id) = id {
                    data.partner_id = self.store.training(id)?.data.partner_id;
                }
                let saved = match id {
                    None => self.store.log_training(&self.actor, data).map(|_| ()),
                    Some(id) => self.store.update_training(&self.actor, id, version, data),
                };
                saved.map(|_| None)
            }),
            FormTarget::Plan { .. }
            | FormTarget::PlanV1
            | FormTarget::PlanItem { .. }
            | FormTarget::Project { .. }
            | FormTarget::Milestone { .. }
            | FormTarget::Membership { .. }
            | FormTarget::Evaluation { .. } => self.save_planning(&f).map(|(new_id, warnings)| {
                warnings_seen = warnings;
                new_id
            }),
            FormTarget::News { id, version, .. } => {
                let data = news_from_form(&f);
                let saved = match id {
                    None => self
                        .store
                        .post_news(&self.actor, data, publish)
                        .map(|(_, w)| w),
                    Some(id) => self
                        .store
                        .update_news(&self.actor, id, version, data, publish),
                };
                saved.map(|warnings| {
                    warnings_seen = warnings.into_iter().map(|w| w.key).collect();
                    None
                })
            }
        };
        match result {
            Ok(org_id) => {
                self.close_form();
                let mut message = self
                    .t(if publish {
                        "msg.saved"
                    } else {
                        "msg.draft_saved"
                    })
                    .to_string();
                for w in warnings_seen {
                    message.push(' ');
                    message.push_str(self.t(w));
                }
                self.info(message);
                self.refresh();
                match (org_id, f.target) {
                    (Some(id), FormTarget::Org { id: None, .. }) => {
                        let h = self.list_height();
                        let r = self.contacts.open_org(&self.store, id, h);
                        self.check(r);
                        self.contacts.detail_open = false;
                    }
                    (Some(id), FormTarget::Project { id: None, .. }) => {
                        let r = self.projects.select(&self.store, id);
                        self.check(r);
                    }
                    _ => {}
                }
            }
            Err(Error::Invalid(errors)) => {
                let first = errors.first().map(|e| e.field);
                if let Some(Modal::Form(form)) = &mut self.modal {
                    if let Some(i) =
                        first.and_then(|name| form.fields.iter().position(|x| x.name == name))
                    {
                        form.focus = i;
                    }
                    form.errors = errors;
                }
                self.status = Some(Status {
                    text: self.t("msg.fix_fields").to_string(),
                    error: true,
                });
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
}

/// The activity the training form describes; hours and cost are checked here, where
/// they are still text.
fn training_from_form(f: &FormState) -> Result<TrainingData, Error> {
    let mut errors = Vec::new();
    let minutes = crate::model::parse_hours(&f.get("hours")).unwrap_or_else(|k| {
        errors.push(FieldError::new("hours", k));
        0
    });
    let cost = f.get("cost");
    let cost_sek = if cost.trim().is_empty() {
        None
    } else {
        match cost.trim().replace(' ', "").parse::<i64>() {
            Ok(c) => Some(c),
            Err(_) => {
                errors.push(FieldError::new("cost", "err.cost"));
                None
            }
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let to = f.get("date_to");
    Ok(TrainingData {
        title: f.get("title"),
        kind: TrainingKind::parse(&f.get("kind")).unwrap_or_default(),
        date_from: f.get("date"),
        date_to: (!to.trim().is_empty()).then_some(to),
        organiser: f.get("organiser"),
        city: f.get("city"),
        country: f.get("country"),
        minutes,
        participants: f
            .get("participants")
            .split(',')
            .filter_map(|p| p.parse().ok())
            .collect(),
        priority_area: PriorityArea::parse(&f.get("priority_areas")),
        growth_area: GrowthArea::parse(&f.get("growth_areas")),
        funding: Funding::parse(&f.get("funding")).unwrap_or_default(),
        cost_sek,
        partner_id: None,
        notes: f.get("notes"),
        shared: f.get("shared"),
    })
}

/// The news item the news form describes.
fn news_from_form(f: &FormState) -> NewsData {
    let date = |name: &str| Some(f.get(name)).filter(|d| !d.trim().is_empty());
    let ids = |name: &str| {
        f.get(name)
            .split(',')
            .filter_map(|i| i.parse().ok())
            .collect()
    };
    NewsData {
        title: f.get("title"),
        body: f.get("body"),
        category: NewsCategory::parse(&f.get("category")).unwrap_or_default(),
        priority_areas: PriorityArea::split(&f.get("priority_areas")),
        growth_areas: GrowthArea::split(&f.get("growth_areas")),
        audience: ids("audience"),
        deadline: date("deadline"),
        event_date: date("event_date"),
        links: f
            .get("links")
            .split([' ', ',', '\n'])
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        partners: vec![],
        pinned: f.get("pinned") == "yes",
        expires: date("expires"),
    }
}

/// The organisation the org form describes.
fn org_from_form(f: &FormState) -> OrgData {
    let twin = f.get("twin_decided");
    OrgData {
        name: f.get("name"),
        kind: OrgKind::parse(&f.get("kind")).unwrap_or_default(),
        twin_decided: (!twin.trim().is_empty()).then_some(twin),
        sector: Sector::parse(&f.get("sector")),
        country: f.get("country"),
        city: f.get("city"),
        website: f.get("website"),
        status: OrgStatus::parse(&f.get("status")).unwrap_or_default(),
        priority_areas: PriorityArea::split(&f.get("priority_areas")),
        growth_areas: GrowthArea::split(&f.get("growth_areas")),
        tags: f
            .get("tags")
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        notes: f.get("notes"),
        owner_member: f.get("owner").parse().ok(),
        owner_unit: None,
    }
}

#[cfg(test)]
mod tests {
    use super::FormTarget;

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
}
