//! The audit trail, the generic record life cycle (update with version check, soft
//! delete, restore), undo, which replays the audit trail backwards, and redo, which
//! makes an undone change again.

use super::{Error, Result, Store, check_version, now, optional};
use crate::model::Actor;
use rusqlite::{Connection, Transaction, params};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// What an audit row keeps of an editable record.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Snapshot<T> {
    pub version: i64,
    pub data: T,
}

/// An editable record kind: how to read it, write it and keep its search index.
pub(super) trait Entity: Serialize + DeserializeOwned + Sized {
    const TABLE: &'static str;
    const NAME: &'static str;
    /// The record's data and version, deleted or not.
    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)>;
    /// Writes the data columns (not the bookkeeping).
    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()>;
    /// Adds the record's search (or other derived) rows; none by default.
    fn index(&self, _tx: &Transaction, _id: i64) -> Result<()> {
        Ok(())
    }
    /// Removes what `index` added; nothing by default.
    fn unindex(_tx: &Transaction, _id: i64) -> Result<()> {
        Ok(())
    }
    /// Keeps derived data (such as an organisation's last contact) right.
    fn after_change(&self, _tx: &Transaction) -> Result<()> {
        Ok(())
    }
}

/// Inserts a new record in the caller's transaction: `skeleton` inserts the row's
/// required columns, with `:at` and `:by` (and `:parent` for a record that belongs to
/// another); then the data columns, the search row and derived data. The caller
/// writes the audit row (`record_create`, or its own for a special action).
pub(super) fn insert<E: Entity>(
    tx: &Transaction,
    actor: &Actor,
    data: &E,
    skeleton: &str,
    parent: Option<i64>,
) -> Result<i64> {
    let at = now();
    let mut stmt = tx.prepare_cached(skeleton)?;
    let mut bound: Vec<(&str, &dyn rusqlite::ToSql)> =
        vec![(":at", &at), (":by", &actor.member_id)];
    if let Some(p) = &parent {
        bound.push((":parent", p));
    }
    stmt.execute(bound.as_slice())?;
    let id = tx.last_insert_rowid();
    data.store_columns(tx, id)?;
    data.index(tx, id)?;
    data.after_change(tx)?;
    Ok(id)
}

/// The audit row of a plain creation.
pub(super) fn record_create<E: Entity>(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    data: &E,
) -> Result<()> {
    record(
        tx,
        actor,
        "create",
        E::NAME,
        id,
        None::<&()>,
        Some(&Snapshot { version: 1, data }),
    )
}

/// Writes one audit row in the caller's transaction.
pub(super) fn record<B: Serialize + ?Sized, A: Serialize + ?Sized>(
    tx: &Transaction,
    actor: &Actor,
    action: &str,
    entity: &str,
    id: i64,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let json_err = |e: serde_json::Error| Error::Io(e.into());
    let before = before
        .map(serde_json::to_string)
        .transpose()
        .map_err(json_err)?;
    let after = after
        .map(serde_json::to_string)
        .transpose()
        .map_err(json_err)?;
    tx.execute(
        "INSERT INTO audit (at, member_id, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![now(), actor.member_id, action, entity, id, before, after],
    )?;
    Ok(())
}

fn stamp(
    tx: &Transaction,
    table: &str,
    actor: &Actor,
    id: i64,
    deleted: Option<Option<&str>>,
) -> Result<()> {
    let sql = match deleted {
        None => format!(
            "UPDATE {table} SET version = version + 1, updated_at = ?1, updated_by = ?2 WHERE id = ?3"
        ),
        Some(_) => format!(
            "UPDATE {table} SET version = version + 1, updated_at = ?1, updated_by = ?2, deleted_at = ?4 WHERE id = ?3"
        ),
    };
    match deleted {
        None => tx.execute(&sql, params![now(), actor.member_id, id])?,
        Some(d) => tx.execute(&sql, params![now(), actor.member_id, id, d])?,
    };
    Ok(())
}

/// Updates a record the editor read at `expected` version.
pub(super) fn update<E: Entity>(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    expected: i64,
    data: &E,
) -> Result<()> {
    check_version(tx, E::TABLE, id, expected)?;
    let (before, version) = E::load(tx, id)?;
    data.store_columns(tx, id)?;
    stamp(tx, E::TABLE, actor, id, None)?;
    E::unindex(tx, id)?;
    data.index(tx, id)?;
    before.after_change(tx)?;
    data.after_change(tx)?;
    record(
        tx,
        actor,
        "update",
        E::NAME,
        id,
        Some(&Snapshot {
            version,
            data: before,
        }),
        Some(&Snapshot {
            version: version + 1,
            data,
        }),
    )
}

/// Soft-deletes (or restores) a record.
pub(super) fn set_deleted<E: Entity>(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    delete: bool,
) -> Result<()> {
    let (data, version) = E::load(tx, id)?;
    let when = now();
    stamp(
        tx,
        E::TABLE,
        actor,
        id,
        Some(delete.then_some(when.as_str())),
    )?;
    if delete {
        E::unindex(tx, id)?;
    } else {
        data.index(tx, id)?;
    }
    data.after_change(tx)?;
    let snap = Snapshot { version, data };
    if delete {
        record(tx, actor, "delete", E::NAME, id, Some(&snap), None::<&()>)
    } else {
        record(tx, actor, "restore", E::NAME, id, None::<&()>, Some(&snap))
    }
}

/// Reverses one audited change of `E`. The caller has made sure nobody else changed
/// the record since.
fn undo_entity<E: Entity>(
    tx: &Transaction,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<String>,
) -> Result<()> {
    match action {
        "create" | "create_anyway" | "restore" => set_deleted::<E>(tx, actor, id, true),
        "delete" => set_deleted::<E>(tx, actor, id, false),
        "update" => {
            let before: Snapshot<E> = serde_json::from_str(&before.ok_or(Error::NotFound)?)
                .map_err(|e| Error::Io(e.into()))?;
            let (_, current) = E::load(tx, id)?;
            update::<E>(tx, actor, id, current, &before.data)
        }
        _ => Err(Error::Rule("err.nothing_to_undo")),
    }
}

/// Makes one undone change of `E` again: the inverse of [`undo_entity`]. The caller
/// has made sure nobody else changed the record since the undo.
fn redo_entity<E: Entity>(
    tx: &Transaction,
    actor: &Actor,
    action: &str,
    id: i64,
    after: Option<String>,
) -> Result<()> {
    match action {
        "create" | "create_anyway" | "restore" => set_deleted::<E>(tx, actor, id, false),
        "delete" => set_deleted::<E>(tx, actor, id, true),
        "update" => {
            let after: Snapshot<E> = serde_json::from_str(&after.ok_or(Error::NotFound)?)
                .map_err(|e| Error::Io(e.into()))?;
            let (_, current) = E::load(tx, id)?;
            update::<E>(tx, actor, id, current, &after.data)
        }
        _ => Err(Error::Rule("err.nothing_to_redo")),
    }
}

/// How one record kind undoes or redoes an audited change.
type Replay = fn(&Transaction, &Actor, &str, i64, Option<String>) -> Result<()>;

/// A record kind with the generic life cycle, as the audit trail names it.
pub struct EntityKind {
    /// The audit's `entity` word (and `entity.NAME` in the catalogue).
    pub name: &'static str,
    undo: Replay,
    redo: Replay,
}

const fn kind<E: Entity>() -> EntityKind {
    EntityKind {
        name: E::NAME,
        undo: undo_entity::<E>,
        redo: redo_entity::<E>,
    }
}

/// Every kind undo can reverse: the one list the undo statement, its dispatch and the
/// catalogue test of entity names read. A new record kind is added here once.
pub static ENTITIES: &[EntityKind] = &[
    kind::<crate::model::OrgData>(),
    kind::<crate::model::PersonData>(),
    kind::<crate::model::InteractionData>(),
    kind::<crate::model::NewsData>(),
    kind::<crate::model::TrainingData>(),
    kind::<crate::model::PlanData>(),
    kind::<crate::model::PlanItemData>(),
    kind::<crate::model::ProjectData>(),
    kind::<crate::model::MembershipData>(),
    kind::<crate::model::MilestoneData>(),
    kind::<crate::model::AccountText>(),
];

/// The member's newest change that undo may reverse, of a kind in [`ENTITIES`].
static UNDO_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let names = ENTITIES
        .iter()
        .map(|k| format!("'{}'", k.name))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT id, action, entity, entity_id, before, after FROM audit \
         WHERE member_id = ?1 AND id > ?2 AND undone_at IS NULL \
           AND action IN ('create', 'create_anyway', 'update', 'delete', 'restore') \
           AND entity IN ({names}) \
         ORDER BY id DESC LIMIT 1"
    )
});

/// The member's change that redo makes again: of the changes after audit row `?2`
/// that an undo reversed (`undone_at` set, action not marked), the one undone last
/// (`undo_id`: the first `undo:` row that undo wrote, found by the record and the
/// `undone_at` it shares with the change). Only undos after the member's newest own
/// change count: a new change ends the redo chain, as in an editor.
static REDO_SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let names = ENTITIES
        .iter()
        .map(|k| format!("'{}'", k.name))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "WITH changes AS ( \
           SELECT id, action, entity, entity_id, before, after, undone_at FROM audit \
           WHERE member_id = ?1 \
             AND action IN ('create', 'create_anyway', 'update', 'delete', 'restore') \
             AND entity IN ({names}) \
         ), newest AS (SELECT coalesce(max(id), 0) AS id FROM changes), \
         undone AS ( \
           SELECT c.*, (SELECT min(u.id) FROM audit u \
                        WHERE u.member_id = ?1 AND u.action LIKE 'undo:%' \
                          AND u.entity = c.entity AND u.entity_id = c.entity_id \
                          AND u.undone_at = c.undone_at AND u.id > c.id) AS undo_id \
           FROM changes c WHERE c.id > ?2 AND c.undone_at IS NOT NULL \
         ) \
         SELECT id, action, entity, entity_id, before, after, undo_id FROM undone \
         WHERE undo_id > (SELECT id FROM newest) \
         ORDER BY undo_id DESC, id ASC LIMIT 1"
    )
});

/// An audit row as undo reads it: id, action, entity, entity id, before, after.
type AuditRow = (i64, String, String, i64, Option<String>, Option<String>);

/// What `undo` reverses (or would): the change, the record kind and id, and the
/// record's name as the change left it or found it (empty when it has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub name: String,
    /// How many more changes the same step undid (an import's or a merge's batch).
    pub others: usize,
}

/// The name a snapshot gives its record: its name, title, text or summary.
fn snapshot_name(snapshot: Option<&str>) -> String {
    let Some(value) = snapshot.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
    else {
        return String::new();
    };
    ["name", "title", "text", "summary"]
        .iter()
        .find_map(|k| value["data"][*k].as_str().filter(|s| !s.is_empty()))
        .unwrap_or("")
        .to_string()
}

fn undone_from(row: &AuditRow) -> Undone {
    let (_, action, entity, id, before, after) = row;
    let snapshot = if action == "update" || action == "delete" {
        before.as_deref()
    } else {
        after.as_deref()
    };
    Undone {
        action: action.clone(),
        entity: entity.clone(),
        entity_id: *id,
        name: snapshot_name(snapshot),
        others: 0,
    }
}

/// The change redo would make again, and the id of the undo that reversed it.
fn redo_row(conn: &Connection, actor: &Actor, since: i64) -> Result<Option<(AuditRow, i64)>> {
    Ok(optional(conn.query_row(
        &REDO_SQL,
        params![actor.member_id, since],
        |r| {
            Ok((
                (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ),
                r.get(6)?,
            ))
        },
    ))?)
}

/// One audit row, for `intnet audit`-style listings and tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub member: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Store {
    /// Undoes the actor's most recent change that is not undone yet. Refused with a
    /// conflict when someone else changed the record since.
    pub fn undo_last(&self, actor: &Actor) -> Result<Undone> {
        self.undo_since(actor, 0)
    }

    /// The newest audit row now: a session remembers it, so its undo reaches back no
    /// further than the session's own changes.
    pub fn audit_mark(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// What [`Store::undo_since`] would reverse, without reversing it.
    pub fn next_undo(&self, actor: &Actor, since: i64) -> Result<Option<Undone>> {
        let row: Option<AuditRow> = optional(self.conn().query_row(
            &UNDO_SQL,
            params![actor.member_id, since],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        ))?;
        Ok(row.as_ref().map(undone_from))
    }

    /// Undoes the actor's most recent change after audit row `since` (0: any).
    ///
    /// A change written by an import (audit rows with one `batch`) is undone as one
    /// step: every row of the batch is reversed in the same transaction, newest first.
    pub fn undo_since(&self, actor: &Actor, since: i64) -> Result<Undone> {
        self.write(|tx| {
            let (mut undone, audit_id) = undo_one(tx, actor, since)?;
            let batch: Option<String> =
                tx.query_row("SELECT batch FROM audit WHERE id = ?1", [audit_id], |r| {
                    r.get(0)
                })?;
            if let Some(batch) = batch {
                loop {
                    let next: Option<Option<String>> = optional(tx.query_row(
                        &format!(
                            "SELECT batch FROM ({}) x JOIN audit USING (id)",
                            UNDO_SQL.as_str()
                        ),
                        params![actor.member_id, since],
                        |r| r.get(0),
                    ))?;
                    if next.flatten().as_deref() != Some(batch.as_str()) {
                        break;
                    }
                    undo_one(tx, actor, since)?;
                    undone.others += 1;
                }
                super::former_names::unmerge(tx, &batch)?;
            }
            Ok(undone)
        })
    }
}

/// Undoes the actor's newest change after audit row `since` in the caller's
/// transaction; gives what it undid and that change's audit row.
fn undo_one(tx: &Transaction, actor: &Actor, since: i64) -> Result<(Undone, i64)> {
    {
        {
            let row: Option<AuditRow> =
                optional(
                    tx.query_row(&UNDO_SQL, params![actor.member_id, since], |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                        ))
                    }),
                )?;
            let row = row.ok_or(Error::Rule("err.nothing_to_undo"))?;
            let undone = undone_from(&row);
            let (audit_id, action, entity, id, before, _after) = row;
            // Someone else changed the record since: refuse, and say who and when.
            refuse_if_touched_since(tx, actor, &entity, id, audit_id + 1)?;
            let last_id: i64 = tx.query_row("SELECT max(id) FROM audit", [], |r| r.get(0))?;
            let kind = ENTITIES
                .iter()
                .find(|k| k.name == entity)
                .ok_or(Error::Rule("err.nothing_to_undo"))?;
            (kind.undo)(tx, actor, &action, id, before)?;
            // Rows written with the change and tied to its audit row (a membership's
            // evaluation) go with it.
            tx.execute("DELETE FROM evaluations WHERE audit_id = ?1", [audit_id])?;
            // The reversal wrote audit rows of its own; they are not themselves undone by
            // the next `u`, which goes on backwards through the user's history.
            tx.execute(
                "UPDATE audit SET undone_at = ?1 WHERE id = ?2 OR (id > ?3 AND member_id = ?4)",
                params![now(), audit_id, last_id, actor.member_id],
            )?;
            tx.execute(
                "UPDATE audit SET action = 'undo:' || action WHERE id > ?1 AND member_id = ?2",
                params![last_id, actor.member_id],
            )?;
            Ok((undone, audit_id))
        }
    }
}

impl Store {
    /// What [`Store::redo_since`] would make again, without doing it.
    pub fn next_redo(&self, actor: &Actor, since: i64) -> Result<Option<Undone>> {
        Ok(redo_row(self.conn(), actor, since)?.map(|(row, _)| undone_from(&row)))
    }

    /// Redoes the actor's change after audit row `since` (0: any) that was undone
    /// last, unless the actor made a new change since that undo. Refused with a
    /// conflict when someone else changed the record after the undo. The redo's audit
    /// rows are marked `redo:…`; the change itself counts as not undone again, so the
    /// next undo reverses it once more.
    pub fn redo_since(&self, actor: &Actor, since: i64) -> Result<Undone> {
        self.write(|tx| {
            let (row, undo_id) =
                redo_row(tx, actor, since)?.ok_or(Error::Rule("err.nothing_to_redo"))?;
            let redone = undone_from(&row);
            let (audit_id, action, entity, id, _before, after) = row;
            // A merge is many rows and rows that are not records (former names): redo
            // would make it again only in part, so it is refused; merging again is
            // one command.
            let batch: Option<String> =
                tx.query_row("SELECT batch FROM audit WHERE id = ?1", [audit_id], |r| {
                    r.get(0)
                })?;
            if batch.is_some_and(|b| b.starts_with("merge:")) {
                return Err(Error::Rule("err.redo_merge"));
            }
            refuse_if_touched_since(tx, actor, &entity, id, undo_id)?;
            let last_id: i64 = tx.query_row("SELECT max(id) FROM audit", [], |r| r.get(0))?;
            let kind = ENTITIES
                .iter()
                .find(|k| k.name == entity)
                .ok_or(Error::Rule("err.nothing_to_redo"))?;
            (kind.redo)(tx, actor, &action, id, after)?;
            tx.execute(
                "UPDATE audit SET action = 'redo:' || action WHERE id > ?1 AND member_id = ?2",
                params![last_id, actor.member_id],
            )?;
            tx.execute(
                "UPDATE audit SET undone_at = NULL WHERE id = ?1",
                [audit_id],
            )?;
            Ok(redone)
        })
    }

    /// Redoes the actor's most recently undone change (any session).
    pub fn redo_last(&self, actor: &Actor) -> Result<Undone> {
        self.redo_since(actor, 0)
    }

    /// The audit rows about one record, oldest first.
    pub fn audit_for(&self, entity: &str, id: i64) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.at, m.full_name, a.action, a.entity, a.entity_id, a.before, a.after \
             FROM audit a LEFT JOIN members m ON m.id = a.member_id \
             WHERE a.entity = ?1 AND a.entity_id = ?2 ORDER BY a.id",
        )?;
        let rows = stmt.query_map(params![entity, id], |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                member: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Refuses (`Conflict`, naming who and when) when a member other than `actor` wrote an
/// audit row for the record from audit row `from` on: undo and redo never overwrite a
/// colleague's later change.
fn refuse_if_touched_since(
    tx: &Transaction,
    actor: &Actor,
    entity: &str,
    id: i64,
    from: i64,
) -> Result<()> {
    let other: Option<(String, Option<String>)> = optional(tx.query_row(
        "SELECT a.at, m.full_name FROM audit a LEFT JOIN members m ON m.id = a.member_id \
         WHERE a.entity = ?1 AND a.entity_id = ?2 AND a.id >= ?3 AND a.member_id <> ?4 \
         ORDER BY a.id DESC LIMIT 1",
        params![entity, id, from, actor.member_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ))?;
    match other {
        Some((at, by)) => Err(Error::Conflict {
            by: by.unwrap_or_default(),
            at,
        }),
        None => Ok(()),
    }
}
