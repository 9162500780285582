//! App state and `update`: keys become actions through the keymap; actions change
//! state and call the store. Rendering (in `ui`) only reads this state.

use super::keymap::{Action, Context, Key, Keymap};
use super::screens::contacts::{Contacts, Detail, Selection};
use super::widgets::form::Field;
use super::widgets::input::Input;
use crate::i18n::{Lang, describe_error, describe_undo};
use crate::model::{
    Actor, FieldError, GrowthArea, Hit, InteractionData, InteractionKind, OrgData, OrgKind,
    OrgStatus, PersonData, PriorityArea, Sector, Similar,
};
use crate::store::{Error, Store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// What a yes answer does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    DeleteOrg(i64),
    DeletePerson(i64),
    DeleteInteraction(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub prompt: String,
    pub on_yes: Pending,
}

/// What a form saves into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// A question a form asks before it goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPrompt {
    /// Near-duplicates exist: save anyway?
    CreateAnyway,
    /// Close the form and lose the changes?
    Discard,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormState {
    pub target: FormTarget,
    /// i18n key of the title.
    pub title: &'static str,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub errors: Vec<FieldError>,
    /// Existing organisations like the one being created.
    pub similar: Vec<Similar>,
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
    pub fn error_for(&self, name: &str) -> Option<&'static str> {
        self.errors.iter().find(|e| e.field == name).map(|e| e.key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    pub input: Input,
    pub hits: Vec<Hit>,
    pub selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    /// Help for the context it was opened from.
    Help(Context),
    Confirm(Confirm),
    Form(Box<FormState>),
    Lookup(Lookup),
}

pub struct App {
    pub store: Store,
    pub actor: Actor,
    pub lang: Lang,
    pub keymap: Keymap,
    pub contacts: Contacts,
    pub modal: Option<Modal>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Terminal size (columns, rows), for paging.
    pub size: (u16, u16),
    data_version: i64,
    /// The interaction kind this user picked last, the default for the next one.
    last_kind: InteractionKind,
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
        let mut app = App {
            contacts: Contacts::new(lang.sort_order()),
            store,
            actor,
            lang,
            keymap,
            modal: None,
            status: None,
            quit: false,
            size,
            data_version,
            last_kind: InteractionKind::Meeting,
        };
        app.contacts.reload(&app.store, app.list_height())?;
        Ok(app)
    }

    /// Rows of the list that fit on screen (minus tabs, header, filter, status, hints).
    pub fn list_height(&self) -> i64 {
        i64::from(self.size.1.saturating_sub(6)).max(1)
    }

    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        self.lang.t(key)
    }

    fn info(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    fn error(&mut self, err: &Error) {
        self.status = Some(Status {
            text: describe_error(self.lang, err),
            error: true,
        });
    }

    /// Reports a store failure in the status bar.
    fn check<T>(&mut self, r: Result<T, Error>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(&e);
                None
            }
        }
    }

    /// The keymap context the user is in.
    pub fn context(&self) -> Context {
        match &self.modal {
            Some(Modal::Help(_)) => Context::Help,
            Some(Modal::Confirm(_)) => Context::Confirm,
            Some(Modal::Form(f)) if f.prompt.is_some() => Context::Confirm,
            Some(Modal::Form(_)) => Context::Form,
            Some(Modal::Lookup(_)) => Context::Lookup,
            None if self.contacts.filtering => Context::Filter,
            None if self.contacts.detail_open => Context::Detail,
            None => Context::List,
        }
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

    /// Reloads the list, the detail and the lookup results from the database.
    pub fn refresh(&mut self) {
        let h = self.list_height();
        let r = self.contacts.reload(&self.store, h);
        self.check(r);
        if let Some(Modal::Lookup(l)) = &mut self.modal {
            let hits = self.store.find(&l.input.value, 50);
            if let Ok(hits) = hits {
                l.selected = l.selected.min(hits.len().saturating_sub(1));
                l.hits = hits;
            }
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let height = self.list_height();
        let r = self.contacts.ensure_window(&self.store, height);
        self.check(r);
    }

    /// Handles one key press.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        let key = Key::from_event(&ev);
        let context = self.context();
        let action = self.keymap.lookup(context, key).or_else(|| {
            // Global keys apply only where no text is being typed.
            matches!(context, Context::List | Context::Detail)
                .then(|| self.keymap.lookup(Context::Global, key))
                .flatten()
        });
        if let Some(action) = action {
            self.update(action);
            return;
        }
        let text_key = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match context {
            Context::Form if text_key => self.form_key(ev.code),
            Context::Lookup if text_key => {
                if let Some(Modal::Lookup(l)) = &mut self.modal
                    && l.input.handle(ev.code)
                {
                    let q = l.input.value.clone();
                    let hits = self.store.find(&q, 50);
                    if let Some(hits) = self.check(hits)
                        && let Some(Modal::Lookup(l)) = &mut self.modal
                    {
                        l.hits = hits;
                        l.selected = 0;
                    }
                }
            }
            Context::Filter if text_key && self.contacts.filter.handle(ev.code) => {
                let h = self.list_height();
                let r = self.contacts.refilter(&self.store, h);
                self.check(r);
            }
            _ => {}
        }
    }

    /// Does one action in the current context.
    pub fn update(&mut self, action: Action) {
        self.status = None;
        match self.context() {
            Context::Help => self.modal = None,
            Context::Confirm => self.confirm(action == Action::Yes),
            Context::Form => self.form_action(action),
            Context::Lookup => self.lookup_action(action),
            Context::Filter => self.filter_action(action),
            Context::List | Context::Detail | Context::Global => self.screen_action(action),
        }
    }

    fn screen_action(&mut self, action: Action) {
        let h = self.list_height();
        let detail = self.contacts.detail_open;
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.modal = Some(Modal::Help(self.context())),
            Action::Lookup => self.modal = Some(Modal::Lookup(Lookup::default())),
            Action::Screen1 | Action::NextScreen | Action::PrevScreen => {
                self.contacts.detail_open = false;
            }
            Action::Undo => {
                let r = self.store.undo_last(&self.actor);
                if let Some(u) = self.check(r) {
                    self.info(describe_undo(self.lang, &u));
                    self.refresh();
                }
            }
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
                if detail =>
            {
                self.contacts.move_selection(action);
            }
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-h),
            Action::PageDown => self.move_cursor(h),
            Action::Top => self.move_cursor(i64::MIN / 2),
            Action::Bottom => self.move_cursor(i64::MAX / 2),
            Action::Open if self.contacts.detail.is_some() => {
                self.contacts.detail_open = true;
                self.contacts.selection = Selection::Org;
            }
            Action::Back => {
                if detail {
                    self.contacts.detail_open = false;
                } else if !self.contacts.filter.value.is_empty() {
                    self.contacts.filter = Input::default();
                    let r = self.contacts.refilter(&self.store, h);
                    self.check(r);
                }
            }
            Action::Filter => self.contacts.filtering = true,
            Action::New => self.open_org_form(None),
            Action::Edit => match (detail, self.contacts.selection) {
                (true, Selection::Person(i)) => self.open_person_form(None, Some(i)),
                (true, Selection::Interaction(i)) => self.open_interaction_form(Some(i)),
                _ => {
                    let org = self.contacts.detail.as_ref().map(|d| d.org.clone());
                    if let Some(org) = org {
                        self.open_org_form(Some(org));
                    }
                }
            },
            Action::Delete => self.ask_delete(),
            Action::NewPerson => {
                if let Some(d) = &self.contacts.detail {
                    let org_id = d.org.id;
                    self.open_person_form(Some(org_id), None);
                }
            }
            Action::NewInteraction => self.open_interaction_form(None),
            _ => {}
        }
    }

    fn move_cursor(&mut self, delta: i64) {
        let h = self.list_height();
        let r = self.contacts.move_cursor(&self.store, delta, h);
        self.check(r);
    }

    fn filter_action(&mut self, action: Action) {
        match action {
            Action::Open => self.contacts.filtering = false,
            Action::Back => {
                self.contacts.filtering = false;
                self.contacts.filter = Input::default();
                let h = self.list_height();
                let r = self.contacts.refilter(&self.store, h);
                self.check(r);
            }
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            _ => {}
        }
    }

    fn lookup_action(&mut self, action: Action) {
        let Some(Modal::Lookup(l)) = &mut self.modal else {
            return;
        };
        match action {
            Action::Down => l.selected = (l.selected + 1).min(l.hits.len().saturating_sub(1)),
            Action::Up => l.selected = l.selected.saturating_sub(1),
            Action::Back => self.modal = None,
            Action::Open => {
                if let Some(hit) = l.hits.get(l.selected).cloned() {
                    self.modal = None;
                    let h = self.list_height();
                    let r = self.contacts.open_org(&self.store, hit.org_id, h);
                    self.check(r);
                }
            }
            _ => {}
        }
    }

    fn ask_delete(&mut self) {
        if !self.actor.can_edit_partners() {
            self.error(&Error::Forbidden);
            return;
        }
        let Some(d) = &self.contacts.detail else {
            return;
        };
        let (prompt, on_yes) = match (self.contacts.detail_open, self.contacts.selection) {
            (true, Selection::Person(i)) => match d.persons.get(i) {
                Some(p) => (
                    self.lang.f(
                        "confirm.delete_person",
                        &[("name", &crate::text::sanitize_line(&p.data.name))],
                    ),
                    Pending::DeletePerson(p.id),
                ),
                None => return,
            },
            (true, Selection::Interaction(i)) => match d.timeline.get(i) {
                Some(x) => (
                    self.lang
                        .f("confirm.delete_interaction", &[("date", &x.data.date)]),
                    Pending::DeleteInteraction(x.id),
                ),
                None => return,
            },
            _ => (
                self.lang.f(
                    "confirm.delete_org",
                    &[("name", &crate::text::sanitize_line(&d.org.data.name))],
                ),
                Pending::DeleteOrg(d.org.id),
            ),
        };
        self.modal = Some(Modal::Confirm(Confirm { prompt, on_yes }));
    }

    fn confirm(&mut self, yes: bool) {
        match self.modal.take() {
            Some(Modal::Confirm(c)) => {
                if yes {
                    let r = match c.on_yes {
                        Pending::DeleteOrg(id) => self.store.delete_org(&self.actor, id),
                        Pending::DeletePerson(id) => self.store.delete_person(&self.actor, id),
                        Pending::DeleteInteraction(id) => {
                            self.store.delete_interaction(&self.actor, id)
                        }
                    };
                    if self.check(r).is_some() {
                        let undo = self
                            .keymap
                            .key_for(Context::Global, Action::Undo)
                            .map(|k| k.label())
                            .unwrap_or_default();
                        self.info(self.lang.f("msg.deleted", &[("key", &undo)]));
                        self.refresh();
                    }
                }
            }
            Some(Modal::Form(mut f)) => {
                let prompt = f.prompt.take();
                match (prompt, yes) {
                    (Some(FormPrompt::Discard), true) => return,
                    (Some(FormPrompt::CreateAnyway), true) => {
                        self.modal = Some(Modal::Form(f));
                        self.save_form(true);
                        return;
                    }
                    _ => {}
                }
                self.modal = Some(Modal::Form(f));
            }
            other => self.modal = other,
        }
    }

    // ----- forms -----

    fn options<T: Copy>(
        &self,
        all: &[T],
        word: fn(T) -> &'static str,
        key: fn(T) -> &'static str,
    ) -> Vec<(String, String)> {
        all.iter()
            .map(|v| (word(*v).to_string(), self.t(key(*v)).to_string()))
            .collect()
    }

    fn open_org_form(&mut self, org: Option<crate::model::Org>) {
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
            Field::multi(
                "priority_areas",
                self.options(PriorityArea::ALL, PriorityArea::as_str, PriorityArea::key),
                &data
                    .priority_areas
                    .iter()
                    .map(|p| p.as_str().to_string())
                    .collect::<Vec<_>>(),
            ),
            Field::multi(
                "growth_areas",
                self.options(GrowthArea::ALL, GrowthArea::as_str, GrowthArea::key),
                &data
                    .growth_areas
                    .iter()
                    .map(|p| p.as_str().to_string())
                    .collect::<Vec<_>>(),
            ),
            Field::text("tags", &data.tags.join(", ")),
            Field::choice("owner", owners, &owner),
            Field::multiline("notes", &data.notes),
        ];
        let title = if org.is_some() {
            "form.edit_org"
        } else {
            "form.new_org"
        };
        self.modal = Some(Modal::Form(Box::new(FormState {
            target,
            title,
            fields,
            focus: 0,
            errors: vec![],
            similar: vec![],
            prompt: None,
            dirty: false,
        })));
    }

    fn open_person_form(&mut self, org_id: Option<i64>, index: Option<usize>) {
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
        self.modal = Some(Modal::Form(Box::new(FormState {
            target,
            title,
            fields,
            focus: 0,
            errors: vec![],
            similar: vec![],
            prompt: None,
            dirty: false,
        })));
    }

    fn open_interaction_form(&mut self, index: Option<usize>) {
        if !self.actor.can_edit_partners() {
            self.error(&Error::Forbidden);
            return;
        }
        let Some(detail) = &self.contacts.detail else {
            return;
        };
        let existing = index.and_then(|i| detail.timeline.get(i)).cloned();
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
        self.modal = Some(Modal::Form(Box::new(FormState {
            target,
            title,
            fields,
            focus: 0,
            errors: vec![],
            similar: vec![],
            prompt: None,
            dirty: false,
        })));
    }

    fn form_key(&mut self, code: KeyCode) {
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
            let name = field.name;
            f.errors.retain(|e| e.field != name);
            let check_similar = matches!(f.target, FormTarget::Org { id: None, .. })
                && matches!(name, "name" | "website" | "city" | "country");
            if check_similar {
                let data = org_from_form(f);
                let similar = self.store.similar_orgs(&data, &[]).unwrap_or_default();
                if let Some(Modal::Form(f)) = &mut self.modal {
                    f.similar = similar;
                }
            }
        }
    }

    fn form_action(&mut self, action: Action) {
        let Some(Modal::Form(f)) = &mut self.modal else {
            return;
        };
        let n = f.fields.len();
        match action {
            Action::NextField => f.focus = (f.focus + 1) % n,
            Action::PrevField => f.focus = (f.focus + n - 1) % n,
            Action::Save => self.save_form(false),
            Action::Back => {
                if f.dirty {
                    f.prompt = Some(FormPrompt::Discard);
                } else {
                    self.modal = None;
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

    /// Saves the open form. On any refusal the form stays open with what was typed.
    fn save_form(&mut self, create_anyway: bool) {
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
        };
        match result {
            Ok(org_id) => {
                self.modal = None;
                self.info(self.t("msg.saved").to_string());
                self.refresh();
                if let (Some(id), FormTarget::Org { id: None, .. }) = (org_id, f.target) {
                    let h = self.list_height();
                    let r = self.contacts.open_org(&self.store, id, h);
                    self.check(r);
                    self.contacts.detail_open = false;
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

/// One line listing a context's keys, for the status bar.
pub fn help_line(keymap: &Keymap, lang: Lang, context: Context) -> String {
    keymap
        .of(context)
        .map(|b| format!("{} {}", b.key.label(), lang.t(&b.action.key())))
        .collect::<Vec<_>>()
        .join(" · ")
}

impl Detail {
    /// The number of selectable rows: the organisation, its persons, its interactions.
    pub fn selectable(&self) -> usize {
        1 + self.persons.len() + self.timeline.len()
    }
}
