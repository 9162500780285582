//! International projects (with partners and milestones) and network memberships
//! (with evaluations).

use super::audit::{self, Entity};
use super::{Error, Result, Store, meta_from, meta_sql, now, optional, today};
use crate::model::{
    Actor, Evaluation, FieldError, Membership, MembershipData, Milestone, MilestoneData,
    PlanItemData, Programme, Project, ProjectData, ProjectPartner, ProjectRole, ProjectStatus,
    Recommendation, validate_membership, validate_milestone, validate_project,
};
use rusqlite::{Connection, Row, Transaction, params};

const PROJECT_COLUMNS: &str = "p.name, p.acronym, p.programme, p.call_id, p.role, p.lead_unit, p.contact, \
     p.budget_total, p.eu_grant, p.own_contribution, p.currency, p.rate_e4, p.start, p.end, p.status, p.partners, \
     p.notes, p.news_id";

fn partners_join(partners: &[ProjectPartner]) -> String {
    partners
        .iter()
        .map(|p| format!("{}:{}", p.org_id, p.role.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

fn partners_split(s: &str) -> Vec<ProjectPartner> {
    s.split(',')
        .filter_map(|p| {
            let (id, role) = p.split_once(':')?;
            Some(ProjectPartner {
                org_id: id.parse().ok()?,
                role: ProjectRole::parse(role).unwrap_or_default(),
            })
        })
        .collect()
}

fn project_from(r: &Row) -> rusqlite::Result<ProjectData> {
    Ok(ProjectData {
        name: r.get(0)?,
        acronym: r.get(1)?,
        programme: Programme::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        call_id: r.get(3)?,
        role: ProjectRole::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
        lead_unit: r.get(5)?,
        contact: r.get(6)?,
        budget_total: r.get(7)?,
        eu_grant: r.get(8)?,
        own_contribution: r.get(9)?,
        currency: r.get(10)?,
        rate_e4: r.get(11)?,
        start: r.get(12)?,
        end: r.get(13)?,
        status: ProjectStatus::parse(&r.get::<_, String>(14)?).unwrap_or_default(),
        partners: partners_split(&r.get::<_, String>(15)?),
        notes: r.get(16)?,
        news_id: r.get(17)?,
    })
}

impl Entity for ProjectData {
    const TABLE: &'static str = "projects";
    const NAME: &'static str = "project";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {PROJECT_COLUMNS}, p.version FROM projects p WHERE p.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((project_from(r)?, r.get(18)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE projects SET name = ?2, acronym = ?3, programme = ?4, call_id = ?5, role = ?6, lead_unit = ?7, \
             contact = ?8, budget_total = ?9, eu_grant = ?10, own_contribution = ?11, currency = ?12, rate_e4 = ?13, \
             start = ?14, end = ?15, status = ?16, partners = ?17, notes = ?18, news_id = ?19 WHERE id = ?1",
            params![
                id,
                self.name,
                self.acronym,
                self.programme.as_str(),
                self.call_id,
                self.role.as_str(),
                self.lead_unit,
                self.contact,
                self.budget_total,
                self.eu_grant,
                self.own_contribution,
                self.currency,
                self.rate_e4,
                self.start,
                self.end,
                self.status.as_str(),
                partners_join(&self.partners),
                self.notes,
                self.news_id
            ],
        )?;
        Ok(())
    }
}

const MEMBERSHIP_COLUMNS: &str =
    "s.org_id, s.since, s.fee, s.currency, s.unit_id, s.member_id, s.next_evaluation, s.notes";

fn membership_from(r: &Row) -> rusqlite::Result<MembershipData> {
    Ok(MembershipData {
        org_id: r.get(0)?,
        since: r.get(1)?,
        fee: r.get(2)?,
        currency: r.get(3)?,
        unit_id: r.get(4)?,
        member_id: r.get(5)?,
        next_evaluation: r.get(6)?,
        notes: r.get(7)?,
    })
}

impl Entity for MembershipData {
    const TABLE: &'static str = "memberships";
    const NAME: &'static str = "membership";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql =
            format!("SELECT {MEMBERSHIP_COLUMNS}, s.version FROM memberships s WHERE s.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((membership_from(r)?, r.get(8)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE memberships SET org_id = ?2, since = ?3, fee = ?4, currency = ?5, unit_id = ?6, member_id = ?7, \
             next_evaluation = ?8, notes = ?9 WHERE id = ?1",
            params![
                id,
                self.org_id,
                self.since,
                self.fee,
                self.currency,
                self.unit_id,
                self.member_id,
                self.next_evaluation,
                self.notes
            ],
        )?;
        Ok(())
    }
}

impl Entity for MilestoneData {
    const TABLE: &'static str = "milestones";
    const NAME: &'static str = "milestone";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        optional(conn.query_row(
            "SELECT project_id, title, due, done, version FROM milestones WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    MilestoneData {
                        project_id: r.get(0)?,
                        title: r.get(1)?,
                        due: r.get(2)?,
                        done: r.get(3)?,
                    },
                    r.get(4)?,
                ))
            },
        ))?
        .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE milestones SET project_id = ?2, title = ?3, due = ?4, done = ?5 WHERE id = ?1",
            params![id, self.project_id, self.title, self.due, self.done],
        )?;
        Ok(())
    }
}

/// [`Actor::may_edit_project`], as a store error.
fn may_edit_project(actor: &Actor, lead_unit: Option<i64>) -> Result<()> {
    if actor.may_edit_project(lead_unit) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Guesses the programme of a funding call from its title.
fn programme_of(title: &str) -> Programme {
    let t = crate::text::fold(title);
    let has = |w: &str| t.contains(w);
    if has("interreg") && has("aurora") {
        Programme::InterregAurora
    } else if has("interreg") {
        Programme::InterregBsr
    } else if has("erasmus") {
        Programme::ErasmusPlus
    } else if has("horisont") || has("horizon") {
        Programme::HorizonEurope
    } else if has("cerv") {
        Programme::Cerv
    } else if has("life") {
        Programme::Life
    } else if has("esf") {
        Programme::EsfPlus
    } else if has("creative europe") {
        Programme::CreativeEurope
    } else {
        Programme::Other
    }
}

impl Store {
    pub fn create_project(&self, actor: &Actor, data: ProjectData) -> Result<i64> {
        may_edit_project(actor, data.lead_unit)?;
        let data = self.validated(data)?;
        self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO projects (name, created_at, created_by, updated_at, updated_by) VALUES ('', :at, :by, :at, :by)",
                None,
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    pub fn update_project(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        data: ProjectData,
    ) -> Result<()> {
        let (current, _) = ProjectData::load(self.conn(), id)?;
        may_edit_project(actor, current.lead_unit)?;
        // A member may not hand the project to a unit they could not edit it in.
        may_edit_project(actor, data.lead_unit)?;
        let data = self.validated(data)?;
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    /// Deletes a project (soft; `undo` brings it back): whoever may edit it.
    pub fn delete_project(&self, actor: &Actor, id: i64) -> Result<()> {
        let (current, _) = ProjectData::load(self.conn(), id)?;
        may_edit_project(actor, current.lead_unit)?;
        self.write(|tx| audit::set_deleted::<ProjectData>(tx, actor, id, true))
    }

    /// Checks a project, and that each partner is a live organisation in the registry.
    fn validated(&self, mut data: ProjectData) -> Result<ProjectData> {
        let mut errors = validate_project(&mut data);
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT 1 FROM orgs WHERE id = ?1 AND deleted_at IS NULL")?;
        for p in &data.partners {
            if optional(stmt.query_row([p.org_id], |_| Ok(())))?.is_none() {
                errors.push(FieldError::new("partners", "err.unknown_partner"));
                break;
            }
        }
        if errors.is_empty() {
            Ok(data)
        } else {
            Err(Error::Invalid(errors))
        }
    }

    pub fn project(&self, id: i64) -> Result<Project> {
        let sql = format!(
            "SELECT {PROJECT_COLUMNS}, (SELECT code FROM units WHERE id = p.lead_unit), \
             (SELECT full_name FROM members WHERE id = p.contact), {} FROM projects p WHERE p.id = ?1 AND p.deleted_at IS NULL",
            meta_sql("p")
        );
        let project = optional(self.conn().query_row(&sql, [id], |r| {
            Ok(Project {
                id,
                data: project_from(r)?,
                lead_unit_code: r.get(18)?,
                contact_name: r.get(19)?,
                partner_names: Vec::new(),
                meta: meta_from(r, 20)?,
            })
        }))?;
        let mut project = project.ok_or(Error::NotFound)?;
        project.partner_names = self.partner_names(&project.data.partners)?;
        Ok(project)
    }

    /// Every live project with its partners' names: running and approved first, then
    /// by name.
    pub fn projects(&self) -> Result<Vec<Project>> {
        let mut projects = self.project_list()?;
        for p in &mut projects {
            p.partner_names = self.partner_names(&p.data.partners)?;
        }
        Ok(projects)
    }

    /// Every live project, in the order of `projects`, without partner names (one
    /// statement; a screen names the partners of the project it shows).
    pub fn project_list(&self) -> Result<Vec<Project>> {
        let sql = format!(
            "SELECT {PROJECT_COLUMNS}, (SELECT code FROM units WHERE id = p.lead_unit), \
             (SELECT full_name FROM members WHERE id = p.contact), {}, p.id FROM projects p \
             WHERE p.deleted_at IS NULL ORDER BY \
             CASE p.status WHEN 'running' THEN 0 WHEN 'approved' THEN 1 WHEN 'submitted' THEN 2 \
             WHEN 'preparing' THEN 3 WHEN 'idea' THEN 4 ELSE 5 END, p.name",
            meta_sql("p")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(Project {
                data: project_from(r)?,
                lead_unit_code: r.get(18)?,
                contact_name: r.get(19)?,
                partner_names: Vec::new(),
                meta: meta_from(r, 20)?,
                id: r.get(25)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The live project named by its id (`12` or `#12`), its acronym or its exact name
    /// (case does not matter). Several match: ambiguous.
    pub fn project_by_ref(&self, s: &str) -> Result<i64> {
        let s = s.trim();
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM projects WHERE deleted_at IS NULL \
             AND (id = ?1 OR lower(acronym) = lower(?2) OR lower(name) = lower(?2)) LIMIT 2",
        )?;
        let id: i64 = s.trim_start_matches('#').parse().unwrap_or(-1);
        let ids = stmt
            .query_map(params![id, s], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        match ids.as_slice() {
            [id] => Ok(*id),
            [] => Err(Error::Rule("err.unknown_project")),
            _ => Err(Error::Rule("err.ambiguous_project")),
        }
    }

    /// The partners' names with their roles (partners no longer in the registry are
    /// left out).
    pub fn partner_names(&self, partners: &[ProjectPartner]) -> Result<Vec<(String, ProjectRole)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT name FROM orgs WHERE id = ?1")?;
        let mut names = Vec::new();
        for p in partners {
            if let Some(name) = optional(stmt.query_row([p.org_id], |r| r.get::<_, String>(0)))? {
                names.push((name, p.role));
            }
        }
        Ok(names)
    }

    /// Adds a milestone or reporting deadline: whoever may edit the project.
    pub fn add_milestone(
        &self,
        actor: &Actor,
        project_id: i64,
        title: &str,
        due: Option<&str>,
    ) -> Result<i64> {
        let (p, _) = ProjectData::load(self.conn(), project_id)?;
        may_edit_project(actor, p.lead_unit)?;
        let mut data = MilestoneData {
            project_id,
            title: title.to_string(),
            due: due.map(str::to_string),
            done: false,
        };
        let errors = validate_milestone(&mut data);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO milestones (project_id, title, created_at, created_by, updated_at, updated_by) \
                 VALUES (:parent, '', :at, :by, :at, :by)",
                Some(project_id),
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    /// The milestone and its project, refused unless the actor may edit the project.
    fn editable_milestone(&self, actor: &Actor, id: i64) -> Result<(MilestoneData, i64)> {
        let (data, version) = MilestoneData::load(self.conn(), id)?;
        let (p, _) = ProjectData::load(self.conn(), data.project_id)?;
        may_edit_project(actor, p.lead_unit)?;
        Ok((data, version))
    }

    /// Ticks a milestone off, or back on.
    pub fn set_milestone_done(&self, actor: &Actor, id: i64, done: bool) -> Result<()> {
        let (data, version) = self.editable_milestone(actor, id)?;
        let data = MilestoneData { done, ..data };
        self.write(|tx| audit::update(tx, actor, id, version, &data))
    }

    /// Changes a milestone's title and due date, as read at `expected` version.
    pub fn update_milestone(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        title: &str,
        due: Option<&str>,
    ) -> Result<()> {
        let (current, _) = self.editable_milestone(actor, id)?;
        let mut data = MilestoneData {
            title: title.to_string(),
            due: due.map(str::to_string),
            ..current
        };
        let errors = validate_milestone(&mut data);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    /// Deletes a milestone (soft; `undo` brings it back).
    pub fn delete_milestone(&self, actor: &Actor, id: i64) -> Result<()> {
        self.editable_milestone(actor, id)?;
        self.write(|tx| audit::set_deleted::<MilestoneData>(tx, actor, id, true))
    }

    /// One live milestone.
    pub fn milestone(&self, id: i64) -> Result<Milestone> {
        self.milestones_where("id = ?1", id)?
            .pop()
            .ok_or(Error::NotFound)
    }

    /// A project's live milestones, by due date.
    pub fn milestones(&self, project_id: i64) -> Result<Vec<Milestone>> {
        self.milestones_where("project_id = ?1", project_id)
    }

    fn milestones_where(&self, cond: &str, param: i64) -> Result<Vec<Milestone>> {
        let sql = format!(
            "SELECT id, project_id, title, due, done, version FROM milestones \
             WHERE {cond} AND deleted_at IS NULL ORDER BY due IS NULL, due, id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([param], |r| {
            Ok(Milestone {
                id: r.get(0)?,
                project_id: r.get(1)?,
                title: r.get(2)?,
                due: r.get(3)?,
                done: r.get(4)?,
                version: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A project idea from an EU-call news item, linked back to it.
    pub fn project_idea_from_news(&self, actor: &Actor, news_id: i64) -> Result<i64> {
        let item = self.news(actor, news_id)?;
        let data = ProjectData {
            name: item.data.title.clone(),
            programme: programme_of(&item.data.title),
            lead_unit: actor.unit_id,
            contact: Some(actor.member_id),
            currency: "EUR".into(),
            end: item.data.deadline.clone(),
            news_id: Some(news_id),
            ..ProjectData::default()
        };
        self.create_project(actor, data)
    }

    /// An item in this year's municipality-wide plan from an EU-call news item, linked
    /// back to it, due on the call's deadline (the office only).
    pub fn plan_item_from_news(&self, actor: &Actor, news_id: i64) -> Result<i64> {
        let item = self.news(actor, news_id)?;
        let year = super::this_year();
        let plan = self
            .plans(year)?
            .into_iter()
            .find(|p| p.data.unit_id.is_none())
            .ok_or(Error::Rule("err.no_plan_this_year"))?;
        let data = PlanItemData {
            plan_id: plan.id,
            text: item.data.title.clone(),
            owner_id: Some(actor.member_id),
            due: item.data.deadline.clone(),
            news_id: Some(news_id),
            ..PlanItemData::default()
        };
        Ok(self.add_plan_item(actor, data)?.0)
    }

    /// Checks a membership: a live network organisation, real dates, a fee not below
    /// zero.
    fn validated_membership(&self, mut data: MembershipData) -> Result<MembershipData> {
        let kind: Option<String> = optional(self.conn().query_row(
            "SELECT kind FROM orgs WHERE id = ?1 AND deleted_at IS NULL",
            [data.org_id],
            |r| r.get(0),
        ))?;
        match kind.as_deref() {
            None => return Err(Error::NotFound),
            Some("network") => {}
            Some(_) => return Err(Error::Rule("err.not_a_network")),
        }
        let errors = validate_membership(&mut data);
        if errors.is_empty() {
            Ok(data)
        } else {
            Err(Error::Invalid(errors))
        }
    }

    /// A membership in a network (the office only).
    pub fn create_membership(&self, actor: &Actor, data: MembershipData) -> Result<i64> {
        if !actor.is_office() {
            return Err(Error::Forbidden);
        }
        let data = self.validated_membership(data)?;
        self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO memberships (org_id, created_at, created_by, updated_at, updated_by) \
                 VALUES (:parent, :at, :by, :at, :by)",
                Some(data.org_id),
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    /// Changes a membership as read at `expected` version (the office only).
    pub fn update_membership(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        data: MembershipData,
    ) -> Result<()> {
        if !actor.is_office() {
            return Err(Error::Forbidden);
        }
        MembershipData::load(self.conn(), id)?;
        let data = self.validated_membership(data)?;
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    /// Ends a membership's record (soft; `undo` brings it back; the office only).
    pub fn delete_membership(&self, actor: &Actor, id: i64) -> Result<()> {
        if !actor.is_office() {
            return Err(Error::Forbidden);
        }
        self.write(|tx| audit::set_deleted::<MembershipData>(tx, actor, id, true))
    }

    /// Every membership with its latest evaluation, the next evaluation due first.
    pub fn memberships(&self) -> Result<Vec<Membership>> {
        let sql = format!(
            "SELECT {MEMBERSHIP_COLUMNS}, o.name, (SELECT code FROM units WHERE id = s.unit_id), \
             (SELECT full_name FROM members WHERE id = s.member_id), {}, s.id, \
             e.date, e.assessment, e.benefit, e.recommendation \
             FROM memberships s JOIN orgs o ON o.id = s.org_id \
             LEFT JOIN evaluations e ON e.id = (SELECT id FROM evaluations WHERE membership_id = s.id ORDER BY date DESC, id DESC LIMIT 1) \
             WHERE s.deleted_at IS NULL ORDER BY s.next_evaluation IS NULL, s.next_evaluation, o.name",
            meta_sql("s")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| {
            let last = match r.get::<_, Option<String>>(17)? {
                Some(date) => Some(Evaluation {
                    date,
                    assessment: r.get(18)?,
                    benefit: r.get(19)?,
                    recommendation: Recommendation::parse(&r.get::<_, String>(20)?)
                        .unwrap_or_default(),
                }),
                None => None,
            };
            Ok(Membership {
                data: membership_from(r)?,
                network: r.get(8)?,
                unit_code: r.get(9)?,
                member_name: r.get(10)?,
                meta: meta_from(r, 11)?,
                id: r.get(16)?,
                last,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A membership's evaluations, the latest first.
    pub fn evaluations(&self, membership_id: i64) -> Result<Vec<Evaluation>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT date, assessment, benefit, recommendation FROM evaluations \
             WHERE membership_id = ?1 ORDER BY date DESC, id DESC",
        )?;
        let rows = stmt.query_map([membership_id], |r| {
            Ok(Evaluation {
                date: r.get(0)?,
                assessment: r.get(1)?,
                benefit: r.get(2)?,
                recommendation: Recommendation::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records an evaluation (the office or the member responsible) and the date of
    /// the next one.
    pub fn evaluate_membership(
        &self,
        actor: &Actor,
        id: i64,
        evaluation: Evaluation,
        next: Option<&str>,
    ) -> Result<()> {
        let (data, version) = MembershipData::load(self.conn(), id)?;
        if !actor.may_evaluate_membership(data.member_id) {
            return Err(Error::Forbidden);
        }
        let mut evaluation = evaluation;
        let mut errors = crate::model::validate_evaluation(&mut evaluation, &today());
        let date = evaluation.date.clone();
        let mut next = next.map(str::to_string);
        crate::model::check_optional_date(&mut errors, "next_evaluation", &mut next);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let updated = MembershipData {
            next_evaluation: next.or(data.next_evaluation.clone()),
            ..data
        };
        self.write(|tx| {
            audit::update(tx, actor, id, version, &updated)?;
            // The evaluation belongs to that audit row: undoing the row removes it.
            let audit_id: i64 = tx.query_row("SELECT max(id) FROM audit", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO evaluations (membership_id, date, assessment, benefit, recommendation, member_id, created_at, audit_id) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    date,
                    evaluation.assessment,
                    evaluation.benefit,
                    evaluation.recommendation.as_str(),
                    actor.member_id,
                    now(),
                    audit_id
                ],
            )?;
            Ok(())
        })
    }
}
