//! The plan form: a year's plan for a unit or the whole municipality, its goals and
//! priority areas. The office only.

use super::fields::{area_field, id_value, unit_options};
use super::{FormState, FormTarget, Saved, Then};
use crate::i18n::Lang;
use crate::model::{Actor, PlanData, PlanRow, PriorityArea};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new plan for `year`.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
    existing: Option<&PlanRow>,
    year: i32,
) -> Result<FormState, Error> {
    if !actor.is_office() {
        return Err(Error::Forbidden);
    }
    let (data, target, title) = match existing {
        Some(p) => (
            p.data.clone(),
            FormTarget::Plan {
                id: Some(p.id),
                version: p.meta.version,
            },
            "form.edit_plan",
        ),
        None => (
            PlanData {
                year,
                ..PlanData::default()
            },
            FormTarget::Plan {
                id: None,
                version: 0,
            },
            "form.new_plan",
        ),
    };
    let units = unit_options(store, lang.t("plan.municipality"))?;
    let fields = vec![
        Field::text("title", &data.title),
        Field::text("year", &data.year.to_string()),
        Field::choice("unit", units, &id_value(data.unit_id)),
        area_field(lang, &data.priority_areas),
        Field::multiline("goals", &data.goals),
    ];
    Ok(FormState::new(target, title, fields))
}

/// Saves the plan; its year is then the one shown.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
    let data = PlanData {
        year: f.get("year").trim().parse().unwrap_or(0),
        unit_id: f.get("unit").parse().ok(),
        title: f.get("title"),
        goals: f.get("goals"),
        priority_areas: PriorityArea::split(&f.get("priority_areas")),
    };
    let year = data.year;
    match id {
        None => store.create_plan(actor, data).map(|_| ()),
        Some(id) => store.update_plan(actor, id, version, data),
    }?;
    Ok(Saved::then(Then::ShowYear(year)))
}
