//! Autosaved forms: what a member was typing, kept until saved or discarded.
//!
//! When the database refuses the draft (read-only, locked past the timeout, a full
//! disk) at the moment the session ends, the draft goes to a file in the user's own data
//! directory instead (a "spooled" draft); the next start moves it into the database and
//! offers it like any other.

use super::{Result, Store, now};
use crate::model::Actor;
use rusqlite::params;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// A draft kept in a file because the database would not take it.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Spooled {
    db: PathBuf,
    account: String,
    saved_at: String,
    form: String,
}

/// The database path as spooled drafts name it: absolute where it can be resolved.
fn db_key(db: &Path) -> PathBuf {
    std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf())
}

/// Writes a draft the database refused to `dir` (made if needed, private to the user),
/// as a new file no other process writes. Returns the file's path.
pub fn spool_draft(dir: &Path, db: &Path, account: &str, form: &str) -> std::io::Result<PathBuf> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let spooled = Spooled {
        db: db_key(db),
        account: account.to_string(),
        saved_at: now(),
        form: form.to_string(),
    };
    let json = serde_json::to_vec(&spooled).map_err(std::io::Error::other)?;
    let path = dir.join(format!(
        "draft-{}-{:08x}.json",
        std::process::id(),
        fastrand::u32(..)
    ));
    crate::files::write_atomic(&path, &json, crate::files::PRIVATE_MODE)?;
    Ok(path)
}

/// A saved form, as the front end serialised it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: i64,
    pub form: String,
    pub saved_at: String,
}

/// True when a process with this id runs on this machine.
fn alive(pid: i64) -> bool {
    i32::try_from(pid)
        .ok()
        .filter(|p| *p > 0)
        .is_some_and(|p| nix::sys::signal::kill(nix::unistd::Pid::from_raw(p), None).is_ok())
}

impl Store {
    /// Moves the drafts spooled in `dir` for this database and member into the database
    /// (as drafts of an ended session, so they are offered) and removes their files.
    /// Files of other databases or accounts, and files that cannot be read, stay.
    pub fn import_spooled_drafts(&self, actor: &Actor, dir: &Path) -> Result<usize> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(0);
        };
        let me = db_key(self.path());
        let mut moved = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let is_draft = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("draft-") && n.ends_with(".json"));
            if !is_draft || !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let Some(spooled) = std::fs::read(&path)
                .ok()
                .and_then(|b| serde_json::from_slice::<Spooled>(&b).ok())
            else {
                continue;
            };
            if spooled.db != me || spooled.account != actor.account {
                continue;
            }
            self.write(|tx| {
                tx.execute(
                    "INSERT INTO drafts (member_id, pid, form, saved_at) VALUES (?1, 0, ?2, ?3)",
                    params![actor.member_id, spooled.form, spooled.saved_at],
                )?;
                Ok(())
            })?;
            std::fs::remove_file(&path)?;
            moved += 1;
        }
        Ok(moved)
    }

    /// Saves (or replaces, with `id`) this process's draft. Returns its id.
    pub fn save_draft(&self, actor: &Actor, id: Option<i64>, form: &str) -> Result<i64> {
        let pid = i64::from(std::process::id());
        self.write(|tx| {
            if let Some(id) = id {
                let n = tx.execute(
                    "UPDATE drafts SET form = ?1, saved_at = ?2, pid = ?3 WHERE id = ?4 AND member_id = ?5",
                    params![form, now(), pid, id, actor.member_id],
                )?;
                if n == 1 {
                    return Ok(id);
                }
            }
            tx.execute(
                "INSERT INTO drafts (member_id, pid, form, saved_at) VALUES (?1, ?2, ?3, ?4)",
                params![actor.member_id, pid, form, now()],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Marks this process's drafts as left by an ended session (pid 0), so the next
    /// start offers them even while this process is still being reaped, and even if
    /// its pid is given to another process later.
    pub fn leave_drafts(&self, actor: &Actor) -> Result<()> {
        let pid = i64::from(std::process::id());
        self.write(|tx| {
            tx.execute(
                "UPDATE drafts SET pid = 0 WHERE member_id = ?1 AND pid = ?2",
                params![actor.member_id, pid],
            )?;
            Ok(())
        })
    }

    pub fn delete_draft(&self, actor: &Actor, id: i64) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM drafts WHERE id = ?1 AND member_id = ?2",
                params![id, actor.member_id],
            )?;
            Ok(())
        })
    }

    /// The member's drafts left by processes that are gone (a running session of the
    /// same member keeps its own), newest first.
    pub fn drafts_to_resume(&self, actor: &Actor) -> Result<Vec<Draft>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, form, saved_at, pid FROM drafts WHERE member_id = ?1 ORDER BY saved_at DESC, id DESC")?;
        let me = i64::from(std::process::id());
        let rows = stmt.query_map([actor.member_id], |r| {
            Ok((
                Draft {
                    id: r.get(0)?,
                    form: r.get(1)?,
                    saved_at: r.get(2)?,
                },
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (draft, pid) = row?;
            if pid == me || !alive(pid) {
                out.push(draft);
            }
        }
        Ok(out)
    }
}
