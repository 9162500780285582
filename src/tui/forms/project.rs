//! The project form: an EU or other funded project, its money and its partners. The
//! partners are typed one per line (`#id Name, role` as the form writes them, or an
//! organisation's exact name), so the list stays plain text.

use super::fields::{amount_text, amounts, date_or_none, id_value, member_options, options};
use super::fields::{org_name, reference, unit_options};
use super::{FormState, FormTarget, Saved, Then};
use crate::i18n::Lang;
use crate::model::{
    Actor, FieldError, Programme, Project, ProjectData, ProjectPartner, ProjectRole, ProjectStatus,
    format_rate, validate_project,
};
use crate::store::{Error, Store};
use crate::text::fold;
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new project led by the user's unit: the office,
/// or a member for their own unit.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
    existing: Option<&Project>,
) -> Result<FormState, Error> {
    // A new project is led by the member's unit (the office picks any).
    let allowed = match existing {
        Some(p) => actor.may_edit_project(p.data.lead_unit),
        None => actor.may_edit_project(actor.unit_id),
    };
    if !allowed {
        return Err(Error::Forbidden);
    }
    let (data, partners, target, title) = match existing {
        Some(p) => {
            let mut lines = Vec::new();
            for x in &p.data.partners {
                let name = org_name(store, x.org_id)?.unwrap_or_default();
                lines.push(format!("#{} {}, {}", x.org_id, name, lang.t(x.role.key())));
            }
            (
                p.data.clone(),
                lines.join("\n"),
                FormTarget::Project {
                    id: Some(p.id),
                    version: p.meta.version,
                },
                "form.edit_project",
            )
        }
        None => (
            ProjectData {
                lead_unit: actor.unit_id,
                contact: Some(actor.member_id),
                currency: "EUR".into(),
                ..ProjectData::default()
            },
            String::new(),
            FormTarget::Project {
                id: None,
                version: 0,
            },
            "form.new_project",
        ),
    };
    let mut units = unit_options(store, "—")?;
    if !actor.is_office() {
        // A member's projects belong to their own unit.
        units.retain(|(id, _)| *id == id_value(actor.unit_id));
    }
    let fields = vec![
        Field::text("name", &data.name),
        Field::text("acronym", &data.acronym),
        Field::choice(
            "programme",
            options(lang, Programme::ALL, Programme::as_str, Programme::key),
            data.programme.as_str(),
        ),
        Field::text("call_id", &data.call_id),
        Field::choice(
            "role",
            options(
                lang,
                ProjectRole::ALL,
                ProjectRole::as_str,
                ProjectRole::key,
            ),
            data.role.as_str(),
        ),
        Field::choice(
            "status",
            options(
                lang,
                ProjectStatus::ALL,
                ProjectStatus::as_str,
                ProjectStatus::key,
            ),
            data.status.as_str(),
        ),
        Field::choice("lead_unit", units, &id_value(data.lead_unit)),
        Field::choice("contact", member_options(store)?, &id_value(data.contact)),
        Field::text("start", data.start.as_deref().unwrap_or("")),
        Field::text("end", data.end.as_deref().unwrap_or("")),
        Field::text("currency", &data.currency),
        Field::text("rate", &data.rate_e4.map(format_rate).unwrap_or_default()),
        Field::text("budget_total", &amount_text(data.budget_total)),
        Field::text("eu_grant", &amount_text(data.eu_grant)),
        Field::text("own_contribution", &amount_text(data.own_contribution)),
        Field::multiline("partners", &partners),
        Field::multiline("notes", &data.notes),
    ];
    Ok(FormState::new(target, title, fields))
}

/// Saves the project; a new one is then selected. Amounts, partners and the
/// library's checks are made together, so one save shows every field in error.
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    id: Option<i64>,
    version: i64,
) -> Result<Saved, Error> {
    let mut errors = Vec::new();
    let [rate_e4, budget_total, eu_grant, own_contribution] = amounts(
        f,
        ["rate", "budget_total", "eu_grant", "own_contribution"],
        &mut errors,
    );
    let partners = partner_lines(store, &f.get("partners"), &mut errors)?;
    // The news item a project idea came from is not in the form; an edit keeps it.
    let news_id = match id {
        Some(id) => store.project(id)?.data.news_id,
        None => None,
    };
    let mut data = ProjectData {
        name: f.get("name"),
        acronym: f.get("acronym").trim().to_string(),
        programme: Programme::parse(&f.get("programme")).unwrap_or_default(),
        call_id: f.get("call_id").trim().to_string(),
        role: ProjectRole::parse(&f.get("role")).unwrap_or_default(),
        lead_unit: f.get("lead_unit").parse().ok(),
        contact: f.get("contact").parse().ok(),
        budget_total,
        eu_grant,
        own_contribution,
        currency: f.get("currency"),
        rate_e4,
        start: date_or_none(f, "start"),
        end: date_or_none(f, "end"),
        status: ProjectStatus::parse(&f.get("status")).unwrap_or_default(),
        partners,
        notes: f.get("notes"),
        news_id,
    };
    // The library's own checks on the rest, so one save marks every bad field (the
    // store checks again; what the form could not read is left out of the record,
    // and so not reported twice).
    if !errors.is_empty() {
        for e in validate_project(&mut data) {
            if errors.iter().all(|x| x.field != e.field) {
                errors.push(e);
            }
        }
        return Err(Error::Invalid(errors));
    }
    match id {
        None => store
            .create_project(actor, data)
            .map(|id| Saved::then(Then::ShowProject(id))),
        Some(id) => store
            .update_project(actor, id, version, data)
            .map(|_| Saved::default()),
    }
}

/// A role as typed after a partner's name: the stored word or its label in either
/// language, in any case.
fn parse_role(s: &str) -> Option<ProjectRole> {
    let s = fold(s.trim());
    ProjectRole::ALL.iter().copied().find(|r| {
        s == r.as_str() || s == fold(Lang::En.t(r.key())) || s == fold(Lang::Sv.t(r.key()))
    })
}

/// One partner per line: `#id` or the organisation's exact name, then optionally a
/// comma and the role. A line starting `#12` may go on with the name, for reading.
/// Every line that names no organisation, or a name two share, is an error of the
/// `partners` field naming its line (counted as the user sees them, blank ones too).
fn partner_lines(
    store: &Store,
    text: &str,
    errors: &mut Vec<FieldError>,
) -> Result<Vec<ProjectPartner>, Error> {
    let mut partners = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let (org, role) = match line.rsplit_once(',') {
            Some((org, role)) if parse_role(role).is_some() => (org.trim(), parse_role(role)),
            _ => (line, None),
        };
        let key = match store.org_by_name_or_id(reference(org)) {
            Ok(org_id) => {
                if partners.iter().all(|p: &ProjectPartner| p.org_id != org_id) {
                    partners.push(ProjectPartner {
                        org_id,
                        role: role.unwrap_or_default(),
                    });
                }
                continue;
            }
            Err(Error::Rule("err.ambiguous_org")) => "err.partner_line_ambiguous",
            Err(Error::Rule(_) | Error::NotFound) => "err.partner_line_unknown",
            Err(other) => return Err(other),
        };
        errors.push(
            FieldError::new("partners", key)
                .with("line", n + 1)
                .with("name", org),
        );
    }
    Ok(partners)
}

#[cfg(test)]
mod tests {
    use super::parse_role;
    use crate::model::ProjectRole;

    #[test]
    fn roles_are_read_in_either_language() {
        assert_eq!(parse_role(" lead "), Some(ProjectRole::Lead));
        assert_eq!(parse_role("Huvudpartner"), Some(ProjectRole::Lead));
        assert_eq!(
            parse_role("associated partner"),
            Some(ProjectRole::Associated)
        );
        assert_eq!(
            parse_role("Associerad partner"),
            Some(ProjectRole::Associated)
        );
        assert_eq!(parse_role("Faculty of Law"), None);
    }
}
