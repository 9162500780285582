//! The milestone form: a milestone or reporting deadline of a project, by those who
//! may edit the project.

use super::{FormState, FormTarget, Saved};
use crate::model::{Actor, Milestone, Project};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new milestone of `project`.
pub fn open(
    actor: &Actor,
    project: &Project,
    existing: Option<&Milestone>,
) -> Result<FormState, Error> {
    if !actor.may_edit_project(project.data.lead_unit) {
        return Err(Error::Forbidden);
    }
    let project_id = project.id;
    let (title, due, target, key) = match existing {
        Some(m) => (
            m.title.clone(),
            m.due.clone().unwrap_or_default(),
            FormTarget::Milestone {
                project_id,
                id: Some(m.id),
                version: m.version,
            },
            "form.edit_milestone",
        ),
        None => (
            String::new(),
            String::new(),
            FormTarget::Milestone {
                project_id,
                id: None,
                version: 0,
            },
            "form.new_milestone",
        ),
    };
    let fields = vec![Field::text("title", &title), Field::text("due", &due)];
    let name = if project.data.acronym.trim().is_empty() {
        &project.data.name
    } else {
        &project.data.acronym
    };
    Ok(FormState::new(target, key, fields).about(name))
}

/// Saves the milestone of `project_id`.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    project_id: i64,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
    let (title, due) = (f.get("title"), f.get("due"));
    match id {
        None => store
            .add_milestone(actor, project_id, &title, Some(&due))
            .map(|_| ()),
        Some(id) => store.update_milestone(actor, id, version, &title, Some(&due)),
    }?;
    Ok(Saved::default())
}
