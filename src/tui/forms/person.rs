//! The contact person form: someone at a partner organisation and how we know them.

use super::fields::{none_then, options, org_name};
use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::model::{Actor, LegalBasis, Person, PersonData, PersonPrivacy, SourceKind};
use crate::store::{Error, Store, today};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new person at the organisation `org_id`; its
/// title names the organisation.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
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
    // Personal data (issue 15): where the data came from, the legal basis, the date
    // the person was informed; saved by their own call after the record.
    let privacy = match existing {
        Some(p) => store.person_privacy(p.id)?,
        None => PersonPrivacy::default(),
    };
    let fields = vec![
        Field::text("name", &data.name),
        Field::text("title", &data.title),
        Field::text("email", &data.email),
        Field::text("phone", &data.phone),
        Field::text("languages", &data.languages),
        Field::text("source", &data.source),
        // Saving the form counts as verifying the person (issue 15): the field
        // starts at today, also when editing; the user may put another date.
        Field::text("verified_on", &today()),
        Field::multiline("notes", &data.notes),
        Field::choice(
            "source_kind",
            none_then(options(
                lang,
                SourceKind::ALL,
                SourceKind::as_str,
                SourceKind::key,
            )),
            privacy.source_kind.map(SourceKind::as_str).unwrap_or(""),
        ),
        Field::text("source_note", &privacy.source_note),
        Field::choice(
            "basis",
            options(lang, LegalBasis::ALL, LegalBasis::as_str, LegalBasis::key),
            privacy.legal_basis.as_str(),
        ),
        Field::text("informed", privacy.informed_on.as_deref().unwrap_or("")),
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
    let informed = f.get("informed");
    // The date is checked before the record is saved, so a wrong date saves nothing.
    if !informed.trim().is_empty() && informed.trim().parse::<jiff::civil::Date>().is_err() {
        return Err(Error::field("informed", "err.date"));
    }
    let id = match id {
        None => store.create_person(actor, data)?,
        Some(id) => {
            store.update_person(actor, id, version, data)?;
            id
        }
    };
    store.set_person_privacy(
        actor,
        id,
        SourceKind::parse(&f.get("source_kind")),
        Some(f.get("source_note")),
        LegalBasis::parse(&f.get("basis")),
        (!informed.trim().is_empty()).then(|| informed.trim().to_string()),
    )?;
    Ok(Saved::default())
}
