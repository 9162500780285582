//! Former names of merged organisations: what undoing a merge puts back (issue 14).
//! Plain SQL over `former_names` and the import UIDs, called by the generic undo
//! (`audit.rs`) for a merge's batch; kept apart from `merge.rs`, which itself writes
//! through the audit life cycle, so the two do not depend on each other.

use super::Result;
use rusqlite::{Transaction, params};

/// Reverses what a merge did besides its audited records, when undo reverses its
/// batch: carries former names a later merge moved back, removes the merge's own
/// former name, and gives the import UID back.
pub(super) fn unmerge(tx: &Transaction, batch: &str) -> Result<()> {
    if !batch.starts_with("merge:") {
        return Ok(());
    }
    let rows: Vec<(i64, i64, i64)> = {
        let mut stmt =
            tx.prepare("SELECT org_id, from_org, uid_moved FROM former_names WHERE batch = ?1")?;
        let rows = stmt.query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (into, from, uid_moved) in rows {
        let table = match uid_moved {
            1 => "orgs",
            2 => "persons",
            _ => "",
        };
        if !table.is_empty() {
            tx.execute(
                &format!("UPDATE {table} SET import_uid = (SELECT import_uid FROM {table} WHERE id = ?2) WHERE id = ?1"),
                params![from, into],
            )?;
            tx.execute(
                &format!("UPDATE {table} SET import_uid = NULL WHERE id = ?1"),
                [into],
            )?;
        }
        if uid_moved != 2 {
            tx.execute(
                "UPDATE former_names SET org_id = ?1, moved_by = NULL WHERE moved_by = ?2",
                params![from, batch],
            )?;
        }
    }
    tx.execute("DELETE FROM former_names WHERE batch = ?1", [batch])?;
    Ok(())
}
