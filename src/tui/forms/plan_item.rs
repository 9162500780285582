//! The plan item form: one line of a plan's checklist. The office changes everything;
//! the item's owner only its status and comments, so the form shows only those, and a
//! field the form does not show keeps the stored value.

use super::fields::{id_value, member_options, options, org_name, reference};
use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::model::{Actor, ItemStatus, PlanItem, PlanItemData, PlanRow};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new item in `plan` (the plan shown, which the
/// title names); `None` when there is no plan to add to.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
    existing: Option<&PlanItem>,
    plan: Option<&PlanRow>,
) -> Result<Option<FormState>, Error> {
    let plan_id = plan.map(|p| p.id);
    let office = actor.is_office();
    let allowed = match existing {
        Some(i) => actor.may_update_plan_item(i.data.owner_id),
        None => office,
    };
    if !allowed {
        return Err(Error::Forbidden);
    }
    let project_name = existing.and_then(|i| i.project.clone());
    let (data, target, title) = match existing {
        Some(i) => (
            i.data.clone(),
            FormTarget::PlanItem {
                plan_id: i.data.plan_id,
                id: Some(i.id),
                version: i.meta.version,
            },
            "form.edit_plan_item",
        ),
        None => {
            let Some(plan_id) = plan_id else {
                return Ok(None);
            };
            (
                PlanItemData {
                    plan_id,
                    ..PlanItemData::default()
                },
                FormTarget::PlanItem {
                    plan_id,
                    id: None,
                    version: 0,
                },
                "form.new_plan_item",
            )
        }
    };
    let mut fields = Vec::new();
    if office {
        let partner = match data.partner_id {
            Some(id) => org_name(store, id)?
                .map(|name| format!("#{id} {name}"))
                .unwrap_or_default(),
            None => String::new(),
        };
        fields.push(Field::text("text", &data.text));
        fields.push(Field::choice(
            "member",
            member_options(store)?,
            &id_value(data.owner_id),
        ));
        fields.push(Field::text("due", data.due.as_deref().unwrap_or("")));
        fields.push(Field::text("partner", &partner));
        let project = match (data.project_id, &project_name) {
            (Some(id), Some(name)) => format!("#{id} {name}"),
            _ => String::new(),
        };
        fields.push(Field::text("project", &project));
    }
    if matches!(target, FormTarget::PlanItem { id: Some(_), .. }) {
        fields.push(Field::choice(
            "status",
            options(lang, ItemStatus::ALL, ItemStatus::as_str, ItemStatus::key),
            data.status.as_str(),
        ));
    }
    fields.push(Field::multiline("comments", &data.comments));
    // The plan shown is the item's own (items are edited from their plan).
    let subject = plan
        .filter(|p| p.id == data.plan_id)
        .map(|p| p.data.title.as_str())
        .unwrap_or("");
    Ok(Some(FormState::new(target, title, fields).about(subject)))
}

/// Saves the item with the store's warnings (a due date past the plan's year, say).
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    plan_id: i64,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
    let base = match id {
        Some(id) => store.plan_item(id)?.data,
        None => PlanItemData {
            plan_id,
            ..PlanItemData::default()
        },
    };
    // A link field: absent keeps the link, empty removes it, else it must name a live
    // record.
    let link = |name: &'static str,
                kept: Option<i64>,
                find: &dyn Fn(&str) -> Result<i64, Error>| match f.opt(name) {
        None => Ok(kept),
        Some(v) if v.trim().is_empty() => Ok(None),
        Some(v) => find(reference(&v)).map(Some).map_err(|e| match e {
            Error::Rule(k) => Error::field(name, k),
            other => other,
        }),
    };
    let partner_id = link("partner", base.partner_id, &|r| store.org_by_name_or_id(r))?;
    let project_id = link("project", base.project_id, &|r| store.project_by_ref(r))?;
    let data = PlanItemData {
        text: f.opt("text").unwrap_or(base.text.clone()),
        owner_id: match f.opt("member") {
            Some(o) => o.parse().ok(),
            None => base.owner_id,
        },
        due: match f.opt("due") {
            Some(d) => Some(d),
            None => base.due.clone(),
        },
        status: f
            .opt("status")
            .and_then(|s| ItemStatus::parse(&s))
            .unwrap_or(base.status),
        comments: f.opt("comments").unwrap_or(base.comments.clone()),
        partner_id,
        project_id,
        ..base
    };
    let warnings = match id {
        None => store.add_plan_item(actor, data).map(|(_, w)| w),
        Some(id) => store.update_plan_item(actor, id, version, data),
    }?;
    Ok(Saved {
        warnings: warnings.into_iter().map(|w| w.key).collect(),
        ..Saved::default()
    })
}
