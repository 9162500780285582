//! Annual action plans and their items: checklists with owners, due dates and status.

use super::audit::{self, Entity};
use super::{Error, Result, Store, meta_from, meta_sql, optional, require_office};
use crate::model::{
    Actor, ItemStatus, PlanData, PlanItem, PlanItemData, PlanRow, PriorityArea, Warning,
    validate_item, validate_plan,
};
use rusqlite::{Connection, Row, Transaction, params};

fn plan_from(r: &Row) -> rusqlite::Result<PlanData> {
    Ok(PlanData {
        year: r.get(0)?,
        unit_id: r.get(1)?,
        title: r.get(2)?,
        goals: r.get(3)?,
        priority_areas: PriorityArea::split(&r.get::<_, String>(4)?),
    })
}

impl Entity for PlanData {
    const TABLE: &'static str = "plans";
    const NAME: &'static str = "plan";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        optional(conn.query_row(
            "SELECT year, unit_id, title, goals, priority_areas, version FROM plans WHERE id = ?1",
            [id],
            |r| Ok((plan_from(r)?, r.get(5)?)),
        ))?
        .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE plans SET year = ?2, unit_id = ?3, title = ?4, goals = ?5, priority_areas = ?6 WHERE id = ?1",
            params![id, self.year, self.unit_id, self.title, self.goals, PriorityArea::join(&self.priority_areas)],
        )?;
        Ok(())
    }
}

const ITEM_COLUMNS: &str = "i.plan_id, i.text, i.owner_id, i.due, i.status, i.comments, i.partner_id, i.news_id, i.project_id";

fn item_from(r: &Row) -> rusqlite::Result<PlanItemData> {
    Ok(PlanItemData {
        plan_id: r.get(0)?,
        text: r.get(1)?,
        owner_id: r.get(2)?,
        due: r.get(3)?,
        status: ItemStatus::parse(&r.get::<_, String>(4)?).unwrap_or_default(),
        comments: r.get(5)?,
        partner_id: r.get(6)?,
        news_id: r.get(7)?,
        project_id: r.get(8)?,
    })
}

impl Entity for PlanItemData {
    const TABLE: &'static str = "plan_items";
    const NAME: &'static str = "plan_item";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {ITEM_COLUMNS}, i.version FROM plan_items i WHERE i.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((item_from(r)?, r.get(9)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE plan_items SET plan_id = ?2, text = ?3, owner_id = ?4, due = ?5, status = ?6, comments = ?7, \
             partner_id = ?8, news_id = ?9, project_id = ?10 WHERE id = ?1",
            params![
                id,
                self.plan_id,
                self.text,
                self.owner_id,
                self.due,
                self.status.as_str(),
                self.comments,
                self.partner_id,
                self.news_id,
                self.project_id
            ],
        )?;
        Ok(())
    }
}

impl Store {
    /// Creates a plan (the office only).
    pub fn create_plan(&self, actor: &Actor, mut data: PlanData) -> Result<i64> {
        require_office(actor)?;
        let errors = validate_plan(&mut data);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO plans (year, title, created_at, created_by, updated_at, updated_by) \
                 VALUES (0, '', :at, :by, :at, :by)",
                None,
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    /// Changes a plan's title, unit, year, goals and areas (the office only). Items
    /// keep their due dates.
    pub fn update_plan(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        mut data: PlanData,
    ) -> Result<()> {
        require_office(actor)?;
        PlanData::load(self.conn(), id)?;
        let errors = validate_plan(&mut data);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    /// The plans of a year with their progress, the municipality-wide plan first.
    pub fn plans(&self, year: i32) -> Result<Vec<PlanRow>> {
        let sql = format!(
            "SELECT p.year, p.unit_id, p.title, p.goals, p.priority_areas, u.code, \
             (SELECT count(*) FROM plan_items i WHERE i.plan_id = p.id AND i.deleted_at IS NULL AND i.status = 'done'), \
             (SELECT count(*) FROM plan_items i WHERE i.plan_id = p.id AND i.deleted_at IS NULL AND i.status <> 'cancelled'), \
             {}, p.id FROM plans p LEFT JOIN units u ON u.id = p.unit_id \
             WHERE p.year = ?1 AND p.deleted_at IS NULL ORDER BY p.unit_id IS NOT NULL, u.code, p.title",
            meta_sql("p")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([year], |r| {
            Ok(PlanRow {
                data: plan_from(r)?,
                unit_code: r.get(5)?,
                done: r.get(6)?,
                total: r.get(7)?,
                meta: meta_from(r, 8)?,
                id: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds an item to a plan (the office only). Returns the id and any warnings.
    pub fn add_plan_item(
        &self,
        actor: &Actor,
        mut data: PlanItemData,
    ) -> Result<(i64, Vec<Warning>)> {
        require_office(actor)?;
        let (plan, _) = PlanData::load(self.conn(), data.plan_id)?;
        let mut warnings = Vec::new();
        let errors = validate_item(&mut data, plan.year, &mut warnings);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let id = self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO plan_items (plan_id, text, created_at, created_by, updated_at, updated_by) \
                 VALUES (:parent, '', :at, :by, :at, :by)",
                Some(data.plan_id),
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })?;
        Ok((id, warnings))
    }

    /// Sets an item's status: its owner or the office.
    pub fn set_item_status(&self, actor: &Actor, id: i64, status: ItemStatus) -> Result<()> {
        let (mut data, version) = PlanItemData::load(self.conn(), id)?;
        if !actor.may_update_plan_item(data.owner_id) {
            return Err(Error::Forbidden);
        }
        data.status = status;
        self.write(|tx| audit::update(tx, actor, id, version, &data))
    }

    /// Changes an item as read at `expected` version. The office changes everything;
    /// the item's owner its status and comments (anything else is refused). The item
    /// stays in its plan. Returns warnings, such as a due date outside the plan's year.
    pub fn update_plan_item(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        mut data: PlanItemData,
    ) -> Result<Vec<Warning>> {
        let (current, _) = PlanItemData::load(self.conn(), id)?;
        data.plan_id = current.plan_id;
        if !actor.is_office() {
            let owner = actor.is_responsible(current.owner_id);
            let only_own_fields = PlanItemData {
                status: data.status,
                comments: data.comments.clone(),
                ..current.clone()
            };
            // Compare after the same trimming the validation does.
            let mut as_sent = data.clone();
            validate_item(&mut as_sent, 0, &mut Vec::new());
            let mut allowed = only_own_fields.clone();
            validate_item(&mut allowed, 0, &mut Vec::new());
            if !owner || as_sent != allowed {
                return Err(Error::Forbidden);
            }
        }
        let (plan, _) = PlanData::load(self.conn(), current.plan_id)?;
        let mut warnings = Vec::new();
        let errors = validate_item(&mut data, plan.year, &mut warnings);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| audit::update(tx, actor, id, expected, &data))?;
        Ok(warnings)
    }

    /// Deletes an item (soft; `undo` brings it back; the office only).
    pub fn delete_plan_item(&self, actor: &Actor, id: i64) -> Result<()> {
        require_office(actor)?;
        self.write(|tx| audit::set_deleted::<PlanItemData>(tx, actor, id, true))
    }

    /// One live item.
    pub fn plan_item(&self, id: i64) -> Result<PlanItem> {
        self.items_where("i.id = ?1", id)?
            .into_iter()
            .next()
            .ok_or(Error::NotFound)
    }

    /// The items of a plan, by due date.
    pub fn plan_items(&self, plan_id: i64) -> Result<Vec<PlanItem>> {
        self.items_where("i.plan_id = ?1", plan_id)
    }

    /// A member's open items across all plans, by due date.
    pub fn my_items(&self, member_id: i64) -> Result<Vec<PlanItem>> {
        self.items_where(
            "i.owner_id = ?1 AND i.status IN ('not_started', 'in_progress')",
            member_id,
        )
    }

    fn items_where(&self, cond: &str, param: i64) -> Result<Vec<PlanItem>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS}, m.full_name, p.year, p.title, {}, i.id, \
             (SELECT name FROM orgs WHERE id = i.partner_id), (SELECT title FROM news WHERE id = i.news_id), \
             (SELECT name FROM projects WHERE id = i.project_id AND deleted_at IS NULL) \
             FROM plan_items i \
             JOIN plans p ON p.id = i.plan_id LEFT JOIN members m ON m.id = i.owner_id \
             WHERE {cond} AND i.deleted_at IS NULL AND p.deleted_at IS NULL \
             ORDER BY i.due IS NULL, i.due, i.id",
            meta_sql("i")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([param], |r| {
            Ok(PlanItem {
                data: item_from(r)?,
                owner: r.get(9)?,
                plan_year: r.get(10)?,
                plan_title: r.get(11)?,
                meta: meta_from(r, 12)?,
                id: r.get(17)?,
                partner: r.get(18)?,
                news_title: r.get(19)?,
                project: r.get(20)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Starts next year's plan as a copy of this one's open items (the office only):
    /// same unit, title and goals; items not started again, due dates a year later.
    pub fn copy_plan_to_next_year(&self, actor: &Actor, plan_id: i64) -> Result<i64> {
        require_office(actor)?;
        let (mut plan, _) = PlanData::load(self.conn(), plan_id)?;
        let items: Vec<PlanItem> = self
            .plan_items(plan_id)?
            .into_iter()
            .filter(|i| i.data.status.is_open())
            .collect();
        plan.year += 1;
        let new_id = self.create_plan(actor, plan.clone())?;
        for item in items {
            let due = item.data.due.as_deref().and_then(|d| {
                let date: jiff::civil::Date = d.parse().ok()?;
                date.checked_add(jiff::Span::new().years(1))
                    .ok()
                    .map(|d| d.to_string())
            });
            let data = PlanItemData {
                plan_id: new_id,
                status: ItemStatus::NotStarted,
                due,
                ..item.data
            };
            self.add_plan_item(actor, data)?;
        }
        Ok(new_id)
    }
}
