//! Persons at partner organisations.

use super::audit::{self, Entity};
use super::orgs::ensure_live;
use super::privacy::{PRIVACY_COLUMNS, privacy_from};
use super::{Error, Result, Store, meta_from, meta_sql, optional, require_partner_editor};
use crate::model::{Actor, Person, PersonData, email_domain, validate_person};
use crate::text::fold;
use rusqlite::{Connection, Row, Transaction, params};

const COLUMNS: &str =
    "p.org_id, p.name, p.title, p.email, p.phone, p.languages, p.notes, p.source, p.verified_on";

fn data_from(r: &Row) -> rusqlite::Result<PersonData> {
    Ok(PersonData {
        org_id: r.get(0)?,
        name: r.get(1)?,
        title: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        languages: r.get(5)?,
        notes: r.get(6)?,
        source: r.get(7)?,
        verified_on: r.get(8)?,
    })
}

impl Entity for PersonData {
    const TABLE: &'static str = "persons";
    const NAME: &'static str = "person";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {COLUMNS}, p.version FROM persons p WHERE p.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((data_from(r)?, r.get(9)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE persons SET org_id = ?2, name = ?3, title = ?4, email = ?5, email_domain = ?6, phone = ?7, \
             languages = ?8, notes = ?9, source = ?10, verified_on = ?11 WHERE id = ?1",
            params![
                id,
                self.org_id,
                self.name,
                self.title,
                self.email,
                email_domain(&self.email),
                self.phone,
                self.languages,
                self.notes,
                self.source,
                self.verified_on,
            ],
        )?;
        Ok(())
    }

    fn index(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "INSERT INTO persons_fts (rowid, name, extra) VALUES (?1, ?2, ?3)",
            params![
                id,
                fold(&self.name),
                fold(&format!("{} {}", self.title, self.email))
            ],
        )?;
        Ok(())
    }

    fn unindex(tx: &Transaction, id: i64) -> Result<()> {
        tx.execute("DELETE FROM persons_fts WHERE rowid = ?1", [id])?;
        Ok(())
    }
}

fn validated(mut data: PersonData) -> Result<PersonData> {
    let errors = validate_person(&mut data);
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Store {
    pub fn create_person(&self, actor: &Actor, data: PersonData) -> Result<i64> {
        require_partner_editor(actor)?;
        let mut data = validated(data)?;
        // Verified when recorded (issue 15: flagged once not verified for a while).
        data.verified_on.get_or_insert_with(super::today);
        self.write(|tx| {
            ensure_live(tx, "orgs", data.org_id)?;
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO persons (org_id, name, created_at, created_by, updated_at, updated_by) \
                 VALUES (:parent, '', :at, :by, :at, :by)",
                Some(data.org_id),
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    pub fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        data: PersonData,
    ) -> Result<()> {
        require_partner_editor(actor)?;
        let data = validated(data)?;
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    pub fn delete_person(&self, actor: &Actor, id: i64) -> Result<()> {
        require_partner_editor(actor)?;
        self.write(|tx| {
            ensure_live(tx, "persons", id)?;
            audit::set_deleted::<PersonData>(tx, actor, id, true)
        })
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        let sql = format!(
            "SELECT {COLUMNS}, {}, {PRIVACY_COLUMNS} FROM persons p WHERE p.id = ?1 AND p.deleted_at IS NULL",
            meta_sql("p")
        );
        optional(self.conn().query_row(&sql, [id], |r| {
            Ok(Person {
                id,
                data: data_from(r)?,
                meta: meta_from(r, 9)?,
                privacy: privacy_from(r, 14)?,
            })
        }))?
        .ok_or(Error::NotFound)
    }

    /// Every live person as [`Store::person`] reads them, with the UID they were
    /// imported with, by organisation, name and id: the exports' one query.
    pub(super) fn live_persons_for_export(&self) -> Result<Vec<(Person, Option<String>)>> {
        let sql = format!(
            "SELECT {COLUMNS}, {}, {PRIVACY_COLUMNS}, p.id, p.import_uid FROM persons p \
             WHERE p.deleted_at IS NULL ORDER BY p.org_id, p.name, p.id",
            meta_sql("p")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Person {
                    id: r.get(20)?,
                    data: data_from(r)?,
                    meta: meta_from(r, 9)?,
                    privacy: privacy_from(r, 14)?,
                },
                r.get(21)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The persons at an organisation, by name, without the restricted ones.
    pub fn persons_of(&self, org_id: i64) -> Result<Vec<Person>> {
        self.persons_of_as(false, org_id)
    }

    /// The persons at an organisation, by name; with the restricted ones (marked)
    /// when `office` (a restricted person is the office's only, Art. 18).
    pub fn persons_of_as(&self, office: bool, org_id: i64) -> Result<Vec<Person>> {
        let sql = format!(
            "SELECT {COLUMNS}, {}, p.id, {PRIVACY_COLUMNS} FROM persons p WHERE p.org_id = ?1 AND p.deleted_at IS NULL \
             AND (?2 OR p.restricted = 0) ORDER BY p.name LIMIT 500",
            meta_sql("p")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![org_id, office], |r| {
            Ok(Person {
                id: r.get(14)?,
                data: data_from(r)?,
                meta: meta_from(r, 9)?,
                privacy: privacy_from(r, 15)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The persons at one organisation (or at all), by name, with their
    /// organisation's name: `intnet person list` (issue 14). A restricted person is
    /// listed for the office only (issue 15).
    pub fn list_persons(
        &self,
        me: &Actor,
        org_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<(Person, String)>> {
        let sql = format!(
            "SELECT {COLUMNS}, {}, p.id, o.name, {PRIVACY_COLUMNS} FROM persons p JOIN orgs o ON o.id = p.org_id \
             WHERE p.deleted_at IS NULL AND o.deleted_at IS NULL AND (?1 IS NULL OR p.org_id = ?1) \
             AND (?3 OR p.restricted = 0) ORDER BY p.name, p.id LIMIT ?2",
            meta_sql("p")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![org_id, limit.max(0), me.is_office()], |r| {
            Ok((
                Person {
                    id: r.get(14)?,
                    data: data_from(r)?,
                    meta: meta_from(r, 9)?,
                    privacy: privacy_from(r, 16)?,
                },
                r.get(15)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
