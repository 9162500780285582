//! Interactions with partners: meetings, visits, calls. Each keeps the organisation's
//! last contact date right.

use super::audit::{self, Entity};
use super::orgs::{ensure_live, refresh_last_contact};
use super::{Error, Result, Store, meta_from, meta_sql, optional};
use crate::model::{Actor, Interaction, InteractionData, InteractionKind, validate_interaction};
use crate::text::fold;
use rusqlite::{Connection, Row, Transaction, params};

const COLUMNS: &str =
    "i.org_id, i.person_id, i.member_id, i.unit_id, i.date, i.kind, i.summary, i.follow_up";

fn data_from(r: &Row) -> rusqlite::Result<InteractionData> {
    Ok(InteractionData {
        org_id: r.get(0)?,
        person_id: r.get(1)?,
        member_id: r.get(2)?,
        unit_id: r.get(3)?,
        date: r.get(4)?,
        kind: InteractionKind::parse(&r.get::<_, String>(5)?).unwrap_or_default(),
        summary: r.get(6)?,
        follow_up: r.get(7)?,
    })
}

impl Entity for InteractionData {
    const TABLE: &'static str = "interactions";
    const NAME: &'static str = "interaction";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {COLUMNS}, i.version FROM interactions i WHERE i.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((data_from(r)?, r.get(8)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE interactions SET org_id = ?2, person_id = ?3, member_id = ?4, unit_id = ?5, date = ?6, \
             kind = ?7, summary = ?8, follow_up = ?9 WHERE id = ?1",
            params![
                id,
                self.org_id,
                self.person_id,
                self.member_id,
                self.unit_id,
                self.date,
                self.kind.as_str(),
                self.summary,
                self.follow_up,
            ],
        )?;
        Ok(())
    }

    fn index(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "INSERT INTO interactions_fts (rowid, summary) VALUES (?1, ?2)",
            params![id, fold(&self.summary)],
        )?;
        Ok(())
    }

    fn unindex(tx: &Transaction, id: i64) -> Result<()> {
        tx.execute("DELETE FROM interactions_fts WHERE rowid = ?1", [id])?;
        Ok(())
    }

    fn after_change(&self, tx: &Transaction) -> Result<()> {
        refresh_last_contact(tx, self.org_id)
    }
}

/// [`Actor::may_edit_interaction`], as a store error.
fn may_edit(actor: &Actor, owner: i64) -> Result<()> {
    if actor.may_edit_interaction(owner) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn validated(mut data: InteractionData) -> Result<InteractionData> {
    let errors = validate_interaction(&mut data);
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Store {
    /// Logs an interaction. A member logs for themself; the office may log for others.
    pub fn add_interaction(&self, actor: &Actor, data: InteractionData) -> Result<i64> {
        may_edit(actor, data.member_id)?;
        let data = validated(data)?;
        self.write(|tx| {
            ensure_live(tx, "orgs", data.org_id)?;
            if let Some(p) = data.person_id {
                let org: Option<i64> = optional(tx.query_row(
                    "SELECT org_id FROM persons WHERE id = ?1 AND deleted_at IS NULL",
                    [p],
                    |r| r.get(0),
                ))?;
                if org != Some(data.org_id) {
                    return Err(Error::field("person", "err.person_not_at_org"));
                }
            }
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO interactions (org_id, member_id, date, kind, summary, created_at, created_by, updated_at, updated_by) \
                 VALUES (:parent, :by, '', '', '', :at, :by, :at, :by)",
                Some(data.org_id),
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    pub fn update_interaction(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        data: InteractionData,
    ) -> Result<()> {
        let current = self.interaction(id)?;
        may_edit(actor, current.data.member_id)?;
        may_edit(actor, data.member_id)?;
        let data = validated(data)?;
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    pub fn delete_interaction(&self, actor: &Actor, id: i64) -> Result<()> {
        let current = self.interaction(id)?;
        may_edit(actor, current.data.member_id)?;
        self.write(|tx| {
            ensure_live(tx, "interactions", id)?;
            audit::set_deleted::<InteractionData>(tx, actor, id, true)
        })
    }

    pub fn interaction(&self, id: i64) -> Result<Interaction> {
        let sql = format!("{} WHERE i.id = ?1 AND i.deleted_at IS NULL", select_sql());
        optional(self.conn().query_row(&sql, [id], interaction_from))?.ok_or(Error::NotFound)
    }

    /// An organisation's timeline, newest first.
    pub fn timeline(&self, org_id: i64, limit: i64) -> Result<Vec<Interaction>> {
        let sql = format!(
            "{} WHERE i.org_id = ?1 AND i.deleted_at IS NULL ORDER BY i.date DESC, i.id DESC LIMIT ?2",
            select_sql()
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![org_id, limit], interaction_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn select_sql() -> String {
    format!(
        "SELECT {COLUMNS}, m.full_name, u.name, p.name, {}, i.id, coalesce(p.restricted, 0) FROM interactions i \
         JOIN members m ON m.id = i.member_id LEFT JOIN units u ON u.id = i.unit_id \
         LEFT JOIN persons p ON p.id = i.person_id",
        meta_sql("i")
    )
}

fn interaction_from(r: &Row) -> rusqlite::Result<Interaction> {
    Ok(Interaction {
        id: r.get(16)?,
        data: data_from(r)?,
        member_name: r.get(8)?,
        unit_name: r.get(9)?,
        person_name: r.get(10)?,
        meta: meta_from(r, 11)?,
        person_restricted: r.get(17)?,
    })
}
