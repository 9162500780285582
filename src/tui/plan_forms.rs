//! Forms of the planning screens: plans and their items, projects with their partners
//! and milestones, network memberships and their evaluations. Each form shows only what
//! the user may change; the store enforces the same rules again.

use super::app::App;
use super::forms::{FormState, FormTarget};
use super::widgets::form::Field;
use crate::i18n::Lang;
use crate::model::{
    Evaluation, FieldError, ItemStatus, Membership, MembershipData, Milestone, PlanData, PlanItem,
    PlanItemData, PlanRow, PriorityArea, Programme, Project, ProjectData, ProjectPartner,
    ProjectRole, ProjectStatus, Recommendation, Role, format_amount, format_rate, parse_amount,
    parse_rate,
};
use crate::store::{Error, today};
use crate::text::fold;

/// An optional id as a choice value.
fn id_value(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

/// An optional amount as typed.
fn amount_text(v: Option<i64>) -> String {
    v.map(format_amount).unwrap_or_default()
}

/// A text field that is a date or nothing.
fn date_or_none(f: &FormState, name: &str) -> Option<String> {
    Some(f.get(name)).filter(|d| !d.trim().is_empty())
}

/// What a reference field holds: `#12 Name` (as the edit forms write it) is `12`;
/// anything else is a name as typed.
fn reference(s: &str) -> &str {
    let s = s.trim();
    match s.strip_prefix('#') {
        Some(rest) => rest.split_whitespace().next().unwrap_or(""),
        None => s,
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
fn partner_lines(store: &crate::store::Store, text: &str) -> Result<Vec<ProjectPartner>, Error> {
    let mut partners = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (org, role) = match line.rsplit_once(',') {
            Some((org, role)) if parse_role(role).is_some() => (org.trim(), parse_role(role)),
            _ => (line, None),
        };
        let org_id = store
            .org_by_name_or_id(reference(org))
            .map_err(|e| match e {
                Error::Rule("err.ambiguous_org") => {
                    Error::field("partners", "err.ambiguous_partner")
                }
                Error::Rule(_) | Error::NotFound => Error::field("partners", "err.unknown_partner"),
                other => other,
            })?;
        if partners.iter().all(|p: &ProjectPartner| p.org_id != org_id) {
            partners.push(ProjectPartner {
                org_id,
                role: role.unwrap_or_default(),
            });
        }
    }
    Ok(partners)
}

/// Parses the amount fields of a form, collecting field errors.
fn amounts<const N: usize>(
    f: &FormState,
    names: [&'static str; N],
    errors: &mut Vec<FieldError>,
) -> [Option<i64>; N] {
    names.map(|name| {
        let parse = if name == "rate" {
            parse_rate
        } else {
            parse_amount
        };
        parse(&f.get(name)).unwrap_or_else(|k| {
            errors.push(FieldError::new(name, k));
            None
        })
    })
}

impl App {
    /// "—", then the active members who are not viewers.
    fn member_options(&self) -> Vec<(String, String)> {
        let mut v = vec![(String::new(), "—".to_string())];
        v.extend(
            self.store
                .members()
                .unwrap_or_default()
                .into_iter()
                .filter(|m| m.active && m.role != Role::Viewer)
                .map(|m| (m.id.to_string(), m.full_name)),
        );
        v
    }

    /// `none` (its label), then the units by code.
    fn unit_options(&self, none: &str) -> Vec<(String, String)> {
        let mut v = vec![(String::new(), none.to_string())];
        v.extend(
            self.store
                .units()
                .unwrap_or_default()
                .into_iter()
                .map(|u| (u.id.to_string(), u.code)),
        );
        v
    }

    /// A plan for a year and a unit (or the whole municipality): the office only.
    pub(super) fn open_plan_form(&mut self, plan: Option<PlanRow>) {
        if !self.actor.is_office() {
            self.error(&Error::Forbidden);
            return;
        }
        let (data, target, title) = match plan {
            Some(p) => (
                p.data,
                FormTarget::Plan {
                    id: Some(p.id),
                    version: p.meta.version,
                },
                "form.edit_plan",
            ),
            None => (
                PlanData {
                    year: self.plans.year,
                    ..PlanData::default()
                },
                FormTarget::Plan {
                    id: None,
                    version: 0,
                },
                "form.new_plan",
            ),
        };
        let units = self.unit_options(self.t("plan.municipality"));
        let fields = vec![
            Field::text("title", &data.title),
            Field::text("year", &data.year.to_string()),
            Field::choice("unit", units, &id_value(data.unit_id)),
            self.area_field(&data.priority_areas),
            Field::multiline("goals", &data.goals),
        ];
        self.open_form(FormState::new(target, title, fields));
    }

    /// A new item in the selected plan (the office), or an item to change: the office
    /// changes everything, its owner the status and the comments.
    pub(super) fn open_plan_item_form(&mut self, item: Option<PlanItem>) {
        let office = self.actor.is_office();
        let allowed = match &item {
            Some(i) => self.actor.may_update_plan_item(i.data.owner_id),
            None => office,
        };
        if !allowed {
            self.error(&Error::Forbidden);
            return;
        }
        let project_name = item.as_ref().and_then(|i| i.project.clone());
        let (data, target, title) = match item {
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
                let Some(plan_id) = self.plans.current_plan().map(|p| p.id) else {
                    return;
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
            let partner = data
                .partner_id
                .and_then(|id| self.store.org(id).ok())
                .map(|o| format!("#{} {}", o.id, o.data.name))
                .unwrap_or_default();
            fields.push(Field::text("text", &data.text));
            fields.push(Field::choice(
                "member",
                self.member_options(),
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
                self.options(ItemStatus::ALL, ItemStatus::as_str, ItemStatus::key),
                data.status.as_str(),
            ));
        }
        fields.push(Field::multiline("comments", &data.comments));
        self.open_form(FormState::new(target, title, fields));
    }

    /// A project (new or to change): the office, or a member for their own unit.
    pub(super) fn open_project_form(&mut self, project: Option<Project>) {
        // A new project is led by the member's unit (the office picks any).
        let allowed = match &project {
            Some(p) => self.actor.may_edit_project(p.data.lead_unit),
            None => self.actor.may_edit_project(self.actor.unit_id),
        };
        if !allowed {
            self.error(&Error::Forbidden);
            return;
        }
        let (data, partners, target, title) = match project {
            Some(p) => {
                let partners = p
                    .data
                    .partners
                    .iter()
                    .map(|x| {
                        let name = self
                            .store
                            .org(x.org_id)
                            .map(|o| o.data.name)
                            .unwrap_or_default();
                        format!("#{} {}, {}", x.org_id, name, self.t(x.role.key()))
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                (
                    p.data,
                    partners,
                    FormTarget::Project {
                        id: Some(p.id),
                        version: p.meta.version,
                    },
                    "form.edit_project",
                )
            }
            None => (
                ProjectData {
                    lead_unit: self.actor.unit_id,
                    contact: Some(self.actor.member_id),
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
        let units = if self.actor.is_office() {
            self.unit_options("—")
        } else {
            // A member's projects belong to their own unit.
            self.unit_options("—")
                .into_iter()
                .filter(|(id, _)| *id == id_value(self.actor.unit_id))
                .collect()
        };
        let fields = vec![
            Field::text("name", &data.name),
            Field::text("acronym", &data.acronym),
            Field::choice(
                "programme",
                self.options(Programme::ALL, Programme::as_str, Programme::key),
                data.programme.as_str(),
            ),
            Field::text("call_id", &data.call_id),
            Field::choice(
                "role",
                self.options(ProjectRole::ALL, ProjectRole::as_str, ProjectRole::key),
                data.role.as_str(),
            ),
            Field::choice(
                "status",
                self.options(
                    ProjectStatus::ALL,
                    ProjectStatus::as_str,
                    ProjectStatus::key,
                ),
                data.status.as_str(),
            ),
            Field::choice("lead_unit", units, &id_value(data.lead_unit)),
            Field::choice("contact", self.member_options(), &id_value(data.contact)),
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
        self.open_form(FormState::new(target, title, fields));
    }

    /// A milestone or reporting deadline of the selected project (new or to change).
    pub(super) fn open_milestone_form(&mut self, milestone: Option<Milestone>) {
        let Some(project) = self.projects.current_project() else {
            return;
        };
        if !self.actor.may_edit_project(project.data.lead_unit) {
            self.error(&Error::Forbidden);
            return;
        }
        let project_id = project.id;
        let (title, due, target, key) = match milestone {
            Some(m) => (
                m.title,
                m.due.unwrap_or_default(),
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
        self.open_form(FormState::new(target, key, fields));
    }

    /// A membership in a network (new or to change): the office only.
    pub(super) fn open_membership_form(&mut self, membership: Option<Membership>) {
        if !self.actor.is_office() {
            self.error(&Error::Forbidden);
            return;
        }
        let networks: Vec<(String, String)> = self
            .store
            .networks()
            .unwrap_or_default()
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect();
        if networks.is_empty() {
            self.error(&Error::Rule("err.no_networks"));
            return;
        }
        let (data, target, title) = match membership {
            Some(m) => (
                m.data,
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
            Field::choice("unit", self.unit_options("—"), &id_value(data.unit_id)),
            Field::choice("member", self.member_options(), &id_value(data.member_id)),
            Field::text(
                "next_evaluation",
                data.next_evaluation.as_deref().unwrap_or(""),
            ),
            Field::multiline("notes", &data.notes),
        ];
        self.open_form(FormState::new(target, title, fields));
    }

    /// An evaluation of the selected membership: the office or the member responsible.
    pub(super) fn open_evaluation_form(&mut self) {
        let Some(m) = self.projects.current_membership() else {
            return;
        };
        if !self.actor.may_evaluate_membership(m.data.member_id) {
            self.error(&Error::Forbidden);
            return;
        }
        let membership_id = m.id;
        let today = today();
        let next = crate::model::add_days(&today, 365).unwrap_or_default();
        let benefits: Vec<(String, String)> =
            (1..=5).map(|b| (b.to_string(), b.to_string())).collect();
        let fields = vec![
            Field::text("date", &today),
            Field::choice("benefit", benefits, "3"),
            Field::choice(
                "recommendation",
                self.options(
                    Recommendation::ALL,
                    Recommendation::as_str,
                    Recommendation::key,
                ),
                Recommendation::Continue.as_str(),
            ),
            Field::multiline("assessment", ""),
            Field::text("next_evaluation", &next),
        ];
        self.open_form(FormState::new(
            FormTarget::Evaluation { membership_id },
            "form.evaluate",
            fields,
        ));
    }

    /// Saves a planning form. Returns the id of a new project (to select it) and the
    /// i18n keys of any warnings.
    pub(super) fn save_planning(
        &mut self,
        f: &FormState,
    ) -> Result<(Option<i64>, Vec<&'static str>), Error> {
        let actor = self.actor.clone();
        let store = &self.store;
        match f.target.upgraded() {
            FormTarget::Plan { id, version } => {
                let data = PlanData {
                    year: f.get("year").trim().parse().unwrap_or(0),
                    unit_id: f.get("unit").parse().ok(),
                    title: f.get("title"),
                    goals: f.get("goals"),
                    priority_areas: PriorityArea::split(&f.get("priority_areas")),
                };
                let year = data.year;
                match id {
                    None => store.create_plan(&actor, data).map(|_| ()),
                    Some(id) => store.update_plan(&actor, id, version, data),
                }?;
                self.plans.year = year;
                Ok((None, vec![]))
            }
            FormTarget::PlanItem {
                plan_id,
                id,
                version,
            } => {
                let base = match id {
                    Some(id) => store.plan_item(id)?.data,
                    None => PlanItemData {
                        plan_id,
                        ..PlanItemData::default()
                    },
                };
                // A link field: absent keeps the link, empty removes it, else it must
                // name a live record.
                let link = |name: &'static str,
                            kept: Option<i64>,
                            find: &dyn Fn(&str) -> Result<i64, Error>| {
                    match f.opt(name) {
                        None => Ok(kept),
                        Some(v) if v.trim().is_empty() => Ok(None),
                        Some(v) => find(reference(&v)).map(Some).map_err(|e| match e {
                            Error::Rule(k) => Error::field(name, k),
                            other => other,
                        }),
                    }
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
                    None => store.add_plan_item(&actor, data).map(|(_, w)| w),
                    Some(id) => store.update_plan_item(&actor, id, version, data),
                }?;
                Ok((None, warnings.into_iter().map(|w| w.key).collect()))
            }
            FormTarget::Project { id, version } => {
                let mut errors = Vec::new();
                let [rate_e4, budget_total, eu_grant, own_contribution] = amounts(
                    f,
                    ["rate", "budget_total", "eu_grant", "own_contribution"],
                    &mut errors,
                );
                let partners = match partner_lines(store, &f.get("partners")) {
                    Ok(p) => p,
                    Err(Error::Invalid(e)) => {
                        errors.extend(e);
                        Vec::new()
                    }
                    Err(e) => return Err(e),
                };
                if !errors.is_empty() {
                    return Err(Error::Invalid(errors));
                }
                let news_id = match id {
                    Some(id) => store.project(id)?.data.news_id,
                    None => None,
                };
                let data = ProjectData {
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
                match id {
                    None => store
                        .create_project(&actor, data)
                        .map(|id| (Some(id), vec![])),
                    Some(id) => store
                        .update_project(&actor, id, version, data)
                        .map(|_| (None, vec![])),
                }
            }
            FormTarget::Milestone {
                project_id,
                id,
                version,
            } => {
                let (title, due) = (f.get("title"), f.get("due"));
                match id {
                    None => store
                        .add_milestone(&actor, project_id, &title, Some(&due))
                        .map(|_| ()),
                    Some(id) => store.update_milestone(&actor, id, version, &title, Some(&due)),
                }?;
                Ok((None, vec![]))
            }
            FormTarget::Membership { id, version } => {
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
                    None => store.create_membership(&actor, data).map(|_| ()),
                    Some(id) => store.update_membership(&actor, id, version, data),
                }?;
                Ok((None, vec![]))
            }
            FormTarget::Evaluation { membership_id } => {
                let evaluation = Evaluation {
                    date: f.get("date"),
                    assessment: f.get("assessment").trim().to_string(),
                    benefit: f.get("benefit").parse().unwrap_or(0),
                    recommendation: Recommendation::parse(&f.get("recommendation"))
                        .unwrap_or_default(),
                };
                let next = f.get("next_evaluation");
                store.evaluate_membership(&actor, membership_id, evaluation, Some(&next))?;
                Ok((None, vec![]))
            }
            _ => Ok((None, vec![])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_role, reference};
    use crate::model::ProjectRole;

    #[test]
    fn references_are_ids_with_a_name_or_names() {
        assert_eq!(reference(" #12 Miasto Łódź"), "12");
        assert_eq!(reference("#7"), "7");
        assert_eq!(reference(" Miasto Łódź "), "Miasto Łódź");
    }

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
