//! The interaction form: a meeting, call or visit with a partner, by whom and when.
//! A new one starts as today and as the kind the user logged last.

use super::fields::{none_then, options, unit_of};
use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::model::{Actor, Interaction, InteractionData, InteractionKind, Person};
use crate::store::{Error, Store, today};
use crate::tui::widgets::form::Field;

/// The organisation an interaction is with: its id, its name and its people, and the
/// person a new one is with (the one selected on the detail page, if any).
pub struct With<'a> {
    pub org_id: i64,
    pub name: &'a str,
    pub persons: &'a [Person],
    pub person: Option<i64>,
}

/// The form for `existing`, or for a new interaction of `last_kind`; `None` when no
/// organisation is open to have it with.
pub fn open(
    actor: &Actor,
    lang: Lang,
    with: Option<With<'_>>,
    existing: Option<&Interaction>,
    last_kind: InteractionKind,
) -> Result<Option<FormState>, Error> {
    if !actor.can_edit_partners() {
        return Err(Error::Forbidden);
    }
    let Some(with) = with else {
        return Ok(None);
    };
    if let Some(x) = existing
        && !actor.may_edit_interaction(x.data.member_id)
    {
        return Err(Error::Forbidden);
    }
    let org_id = with.org_id;
    let persons = none_then(
        with.persons
            .iter()
            .map(|p| (p.id.to_string(), p.data.name.clone()))
            .collect(),
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
                date: today(),
                kind: last_kind,
                person_id: with.person,
                ..InteractionData::default()
            },
            FormTarget::Interaction {
                org_id,
                id: None,
                version: 0,
                member_id: actor.member_id,
            },
            "form.new_interaction",
        ),
    };
    let fields = vec![
        Field::text("date", &data.date),
        Field::choice(
            "kind",
            options(
                lang,
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
    Ok(Some(FormState::new(target, title, fields).about(with.name)))
}

/// The kind an interaction form has chosen (the default for the user's next one), or
/// `None` for other forms.
pub fn chosen_kind(f: &FormState) -> Option<InteractionKind> {
    matches!(f.target, FormTarget::Interaction { .. }).then(|| kind(f))
}

fn kind(f: &FormState) -> InteractionKind {
    InteractionKind::parse(&f.get("kind")).unwrap_or_default()
}

/// Saves the interaction, filed under the unit of the member who had it.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    org_id: i64,
    id: Option<i64>,
    version: i64,
    member_id: i64,
) -> Result<Saved, Error> {
    let data = InteractionData {
        org_id,
        person_id: f.get("person").parse().ok(),
        member_id,
        unit_id: unit_of(store, Some(member_id))?,
        date: f.get("date"),
        kind: kind(f),
        summary: f.get("summary"),
        follow_up: Some(f.get("follow_up")),
    };
    match id {
        None => store.add_interaction(actor, data).map(|_| ()),
        Some(id) => store
            .update_interaction(actor, id, version, data)
            .map(|_| ()),
    }?;
    Ok(Saved::default())
}
