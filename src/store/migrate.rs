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
    include_str!("migrations/009_accounts.sql"),
    include_str!("migrations/010_orgs_by_kind.sql"),
    include_str!("migrations/011_identifiers_and_regional.sql"),
    include_str!("migrations/012_import_sources.sql"),
    // Personal data (issue 15).
    include_str!("migrations/013_personal_data.sql"),
    // Former names of merged organisations (issue 14).
    include_str!("migrations/014_former_names.sql"),
    // Persons not verified for a while are flagged (issue 15).
    include_str!("migrations/015_verified.sql"),
];

/// The schema version this binary writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date. Returns `Some(found)` when the file is newer than this
/// binary (the store then refuses to write). Before migrating a database that already
/// has data, a copy is written next to it as `NAME.bak-vN` (see [`backup`]); a failed
/// copy stops the migration.
pub(super) fn migrate(conn: &Connection, path: &Path) -> Result<Option<i64>> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Ok(Some(current));
    }
    if current == LATEST_VERSION {
        return Ok(None);
    }
    if current > 0 {
        backup(conn, path, &path.with_extension(format!("bak-v{current}")))?;
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

impl super::Store {
    /// A consistent copy of the database at `dest`, made as [`backup`] makes the
    /// pre-migration copy.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        backup(self.conn(), self.path(), dest)
    }
}

/// Writes a consistent copy of the open database to `dest`, safely on a shared
/// directory: SQLite writes it (`VACUUM INTO`) into an empty file intnet made under a
/// fresh temporary name with no link followed (the connection was opened with
/// `SQLITE_OPEN_NOFOLLOW`, which `VACUUM INTO` inherits); the copy gets the database's
/// mode and group, is synced, and only then renamed to `dest`, replacing whatever was
/// there (a link there is replaced, not followed). A crash leaves a temporary file and
/// never a partial `dest`.
pub(super) fn backup(conn: &Connection, db: &Path, dest: &Path) -> Result<()> {
    let temp = crate::files::temp_sibling(dest);
    let journal = {
        let mut j = temp.as_os_str().to_owned();
        j.push("-journal");
        std::path::PathBuf::from(j)
    };
    let result = (|| {
        let file = crate::files::create_new(&temp, crate::files::PRIVATE_MODE)?;
        conn.execute("VACUUM INTO ?1", [temp.to_string_lossy()])?;
        crate::files::copy_mode_and_group(&file, db)?;
        file.sync_all()?;
        if let Err(e) = std::fs::rename(&temp, dest) {
            // A sticky directory keeps an earlier copy of another account's: keep it
            // too, and put this one beside it under a name of its own.
            if e.kind() != std::io::ErrorKind::PermissionDenied {
                return Err(e.into());
            }
            let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ");
            let mut other = dest.as_os_str().to_owned();
            other.push(format!("-{stamp}"));
            std::fs::rename(&temp, std::path::PathBuf::from(other))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
        let _ = std::fs::remove_file(&journal);
    }
    result
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
