//! The contact person form: someone at a partner organisation and how we know them.

use super::fields::org_name;
use super::{FormState, FormTarget, Saved};
use crate::model::{Actor, Person, PersonData};
use crate::store::{Error, Store, today};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new person at the organisation `org_id`; its
/// title names the organisation.
pub fn open(
    store: &Store,
    actor: &Actor,
    existing: Option<&Person>,
    org_id: i64,
) -> Result<FormState, Error> {
    if !actor.can_edit_partners() {
        return Err(Error::Forbidden);
    }
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
        None => (
            PersonData::default(),
            FormTarget::Person {
                org_id,
                id: None,
                version: 0,
            },
            "form.new_person",
        ),
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
            data.verified_on.as_deref().unwrap_or(&today()),
        ),
        Field::multiline("notes", &data.notes),
    ];
    let at = existing.map_or(org_id, |p| p.data.org_id);
    let org = org_name(store, at)?.unwrap_or_default();
    Ok(FormState::new(target, title, fields).about(&org))
}

/// Saves the person at `org_id`.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    org_id: i64,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
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
        None => store.create_person(actor, data).map(|_| ()),
        Some(id) => store.update_person(actor, id, version, data).map(|_| ()),
    }?;
    Ok(Saved::default())
}
