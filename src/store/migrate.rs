//! Numbered migrations tracked by `PRAGMA user_version`.

use super::{Error, Result};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::Path;

/// The migrations in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_news.sql"),
    include_str!("migrations/003_search_speed.sql"),
    include_str!("migrations/004_training.sql"),
    include_str!("migrations/005_plans.sql"),
    include_str!("migrations/006_projects.sql"),
    include_str!("migrations/007_milestones_and_links.sql"),
    include_str!("migrations/008_longer_prefixes.sql"),
];

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date. Returns `Some(found)` when the file is newer than this
/// binary (the store then refuses to write). Before migrating a database that already
/// has data, a copy is written next to it as `NAME.bak-vN`.
pub(super) fn migrate(conn: &Connection, path: &Path) -> Result<Option<i64>> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Ok(Some(current));
    }
    if current == LATEST_VERSION {
        return Ok(None);
    }
    if current > 0 {
        let backup = path.with_extension(format!("bak-v{current}"));
        if !backup.exists() {
            conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
            // The copy holds the same data: give it the database's mode, not the umask's.
            let mode = std::fs::metadata(path)?.permissions();
            std::fs::set_permissions(&backup, mode)?;
        }
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Ok(Some(current));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit().map_err(Error::from)?;
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_schema_is_refused_for_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let store = crate::store::Store::open(&path).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
            store
                .conn()
                .pragma_update(None, "user_version", LATEST_VERSION + 1)
                .unwrap();
        }
        let store = crate::store::Store::open(&path).unwrap();
        assert_eq!(store.newer_schema(), Some(LATEST_VERSION + 1));
        let err = store.init("root", "Root").unwrap_err();
        assert!(
            matches!(err, Error::SchemaTooNew { found, known } if found == LATEST_VERSION + 1 && known == LATEST_VERSION)
        );
    }
}
