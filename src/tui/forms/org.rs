//! The organisation form: a partner's details, its areas, tags and owner. While a new
//! one is typed, its near-duplicates are looked up as the name, place or an identifier
//! changes. Identifiers (organisation number, PIC, OID, VAT) and the share-with-the-
//! region box come from issue 16.

use super::fields::{area_field, growth_field, none_then, options, unit_of};
use super::{FormState, FormTarget, Saved, Then};
use crate::i18n::Lang;
use crate::model::{
    Actor, GrowthArea, Org, OrgData, OrgKind, OrgStatus, PriorityArea, Sector, Similar,
};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new organisation owned by the user.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
    existing: Option<&Org>,
) -> Result<FormState, Error> {
    if !actor.can_edit_partners() {
        return Err(Error::Forbidden);
    }
    let (data, target, title) = match existing {
        Some(o) => (
            o.data.clone(),
            FormTarget::Org {
                id: Some(o.id),
                version: o.meta.version,
            },
            "form.edit_org",
        ),
        None => (
            OrgData {
                owner_member: Some(actor.member_id),
                ..OrgData::default()
            },
            FormTarget::Org {
                id: None,
                version: 0,
            },
            "form.new_org",
        ),
    };
    let sectors = none_then(options(lang, Sector::ALL, Sector::as_str, Sector::key));
    let owners: Vec<(String, String)> = store
        .members()?
        .into_iter()
        .filter(|m| m.active)
        .map(|m| (m.id.to_string(), m.full_name))
        .collect();
    let owner = data.owner_member.map(|i| i.to_string()).unwrap_or_default();
    let fields = vec![
        Field::text("name", &data.name),
        Field::choice(
            "kind",
            options(lang, OrgKind::ALL, OrgKind::as_str, OrgKind::key),
            data.kind.as_str(),
        ),
        Field::text("country", &data.country),
        Field::text("city", &data.city),
        Field::text("website", &data.website),
        Field::text("orgnr", &data.orgnr),
        Field::text("pic", &data.pic),
        Field::text("oid", &data.oid),
        Field::text("vat", &data.vat),
        Field::text("twin_decided", data.twin_decided.as_deref().unwrap_or("")),
        Field::choice(
            "sector",
            sectors,
            data.sector.map(Sector::as_str).unwrap_or(""),
        ),
        Field::choice(
            "status",
            options(lang, OrgStatus::ALL, OrgStatus::as_str, OrgStatus::key),
            data.status.as_str(),
        ),
        area_field(lang, &data.priority_areas),
        growth_field(lang, &data.growth_areas),
        // A box: one option, toggled with Space.
        Field::multi(
            "share",
            vec![("yes".to_string(), lang.t("field.share_box").to_string())],
            &(if data.share {
                vec!["yes".to_string()]
            } else {
                Vec::new()
            }),
        ),
        Field::text("tags", &data.tags.join(", ")),
        Field::choice("owner", owners, &owner),
        Field::multiline("notes", &data.notes),
    ];
    Ok(FormState::new(target, title, fields))
}

/// Saves the organisation; a new one is then shown.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    form: &FormState,
    id: Option<i64>,
    version: i64,
    create_anyway: bool,
) -> Result<Saved, Error> {
    let mut data = from_form(form);
    data.owner_unit = unit_of(store, data.owner_member)?;
    match id {
        None => store
            .create_org(actor, data, create_anyway)
            .map(|id| Saved::then(Then::ShowOrg(id))),
        Some(id) => store
            .update_org(actor, id, version, data)
            .map(|_| Saved::default()),
    }
}

/// True when a change of `field` in a form for `target` can change the near-duplicates
/// shown: only a new organisation's name, website and place.
pub fn checks_similar(target: FormTarget, field: &str) -> bool {
    matches!(target, FormTarget::Org { id: None, .. })
        && matches!(
            field,
            "name" | "website" | "city" | "country" | "orgnr" | "pic" | "oid" | "vat"
        )
}

/// The existing organisations like the one the form describes.
pub fn similar(store: &Store, form: &FormState) -> Result<Vec<Similar>, Error> {
    store.similar_orgs(&from_form(form), &[])
}

/// The regional partners' entries like the one the form describes.
pub fn similar_regional(
    store: &Store,
    form: &FormState,
) -> Result<Vec<crate::model::RegionalOrg>, Error> {
    store.similar_regional(&from_form(form))
}

/// The organisation the form describes.
fn from_form(f: &FormState) -> OrgData {
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
        orgnr: f.get("orgnr"),
        pic: f.get("pic"),
        oid: f.get("oid"),
        vat: f.get("vat"),
        share: f.get("share") == "yes",
    }
}
