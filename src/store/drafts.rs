//! Autosaved forms: what a member was typing, kept until saved or discarded.

use super::{Result, Store, now};
use crate::model::Actor;
use rusqlite::params;

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
