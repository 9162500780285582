//! The training form: a course, study visit or conference, who took part, for how
//! long and at what cost. A new one is filled with what a new entry usually is: me,
//! today, the kind I logged last. Title, Tab, hours, Ctrl-S logs it.

use super::fields::{date_or_none, doers, none_then, options};
use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::model::{
    Actor, FieldError, Funding, GrowthArea, PriorityArea, Role, Training, TrainingData,
    TrainingKind, format_hours, parse_cost, parse_hours,
};
use crate::store::{Error, Store, today};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new activity.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
    existing: Option<&Training>,
) -> Result<FormState, Error> {
    // The store's rule, asked before the form opens rather than at save.
    let allowed = match existing {
        Some(t) => t.editable_by(actor),
        None => actor.role != Role::Viewer,
    };
    if !allowed {
        return Err(Error::Forbidden);
    }
    let (data, target, title) = match existing {
        Some(t) => (
            t.data.clone(),
            FormTarget::Training {
                id: Some(t.id),
                version: t.meta.version,
            },
            "form.edit_training",
        ),
        None => {
            let data = TrainingData {
                date_from: today(),
                kind: store.last_training_kind(actor)?.unwrap_or_default(),
                participants: vec![actor.member_id],
                ..TrainingData::default()
            };
            let target = FormTarget::Training {
                id: None,
                version: 0,
            };
            (data, target, "form.new_training")
        }
    };
    // The people already in the activity first, so they show without scrolling.
    let mut members = doers(store)?;
    members.sort_by_key(|(id, _)| !data.participants.iter().any(|p| p.to_string() == *id));
    let areas = none_then(options(
        lang,
        PriorityArea::ALL,
        PriorityArea::as_str,
        PriorityArea::key,
    ));
    let growth = none_then(options(
        lang,
        GrowthArea::ALL,
        GrowthArea::as_str,
        GrowthArea::key,
    ));
    let hours = if data.minutes > 0 {
        format_hours(data.minutes)
    } else {
        String::new()
    };
    let fields = vec![
        Field::text("title", &data.title),
        Field::text("hours", &hours),
        Field::text("date", &data.date_from),
        Field::choice(
            "kind",
            options(
                lang,
                TrainingKind::ALL,
                TrainingKind::as_str,
                TrainingKind::key,
            ),
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
            options(lang, Funding::ALL, Funding::as_str, Funding::key),
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
    Ok(FormState::new(target, title, fields))
}

/// Logs or updates the activity. The partner link is not in the form; an edit keeps it.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
    let mut data = from_form(f)?;
    match id {
        None => store.log_training(actor, data).map(|_| ()),
        Some(id) => {
            data.partner_id = store.training(id)?.data.partner_id;
            store.update_training(actor, id, version, data)
        }
    }?;
    Ok(Saved::default())
}

/// The activity the form describes; hours and cost are checked here, where they are
/// still text, by the model's own parsers.
fn from_form(f: &FormState) -> Result<TrainingData, Error> {
    let mut errors = Vec::new();
    let minutes = parse_hours(&f.get("hours")).unwrap_or_else(|k| {
        errors.push(FieldError::new("hours", k));
        0
    });
    let cost_sek = parse_cost(&f.get("cost")).unwrap_or_else(|k| {
        errors.push(FieldError::new("cost", k));
        None
    });
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(TrainingData {
        title: f.get("title"),
        kind: TrainingKind::parse(&f.get("kind")).unwrap_or_default(),
        date_from: f.get("date"),
        date_to: date_or_none(f, "date_to"),
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
