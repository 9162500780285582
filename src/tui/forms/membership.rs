//! The membership form: the municipality's membership in a network, its fee, the unit
//! that pays and the member responsible. The office only.

use super::fields::{amount_text, amounts, date_or_none, id_value, member_options, unit_options};
use super::{FormState, FormTarget, Saved};
use crate::model::{Actor, Membership, MembershipData};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new membership. Refused when there is no network
/// to be a member of.
pub fn open(
    store: &Store,
    actor: &Actor,
    existing: Option<&Membership>,
) -> Result<FormState, Error> {
    if !actor.is_office() {
        return Err(Error::Forbidden);
    }
    let networks: Vec<(String, String)> = store
        .networks()?
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    if networks.is_empty() {
        return Err(Error::Rule("err.no_networks"));
    }
    let (data, target, title) = match existing {
        Some(m) => (
            m.data.clone(),
            FormTarget::Membership {
                id: Some(m.id),
                version: m.meta.version,
            },
            "form.edit_membership",
        ),
        None => (
            MembershipData {
                currency: "EUR".into(),
                ..MembershipData::default()
            },
            FormTarget::Membership {
                id: None,
                version: 0,
            },
            "form.new_membership",
        ),
    };
    let fields = vec![
        Field::choice("network", networks, &data.org_id.to_string()),
        Field::text("since", data.since.as_deref().unwrap_or("")),
        Field::text("fee", &amount_text(data.fee)),
        Field::text("currency", &data.currency),
        Field::choice("unit", unit_options(store, "—")?, &id_value(data.unit_id)),
        Field::choice("member", member_options(store)?, &id_value(data.member_id)),
        Field::text(
            "next_evaluation",
            data.next_evaluation.as_deref().unwrap_or(""),
        ),
        Field::multiline("notes", &data.notes),
    ];
    Ok(FormState::new(target, title, fields))
}

/// Saves the membership.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
    let mut errors = Vec::new();
    let [fee] = amounts(f, ["fee"], &mut errors);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let data = MembershipData {
        org_id: f.get("network").parse().unwrap_or(0),
        since: date_or_none(f, "since"),
        fee,
        currency: f.get("currency"),
        unit_id: f.get("unit").parse().ok(),
        member_id: f.get("member").parse().ok(),
        next_evaluation: date_or_none(f, "next_evaluation"),
        notes: f.get("notes"),
    };
    match id {
        None => store.create_membership(actor, data).map(|_| ()),
        Some(id) => store.update_membership(actor, id, version, data),
    }?;
    Ok(Saved::default())
}
