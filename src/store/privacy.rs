//! Personal data (issue 15): a person's source, legal basis and Art. 14 notice; the
//! persons not informed a month after they were recorded; requests under Articles
//! 15–18 (the register extract, erasure, restriction) and their log; retention rules.
//!
//! Only the office may make an extract, erase, restrict or apply retention; that is
//! enforced here, not in the front ends. Each is an audit row.
//!
//! **Erasure reaches** (`erase_person`): the person row and its search-index row; every
//! text column of every ordinary table (contact summaries, news, notes, autosaved
//! drafts, the audit trail's before/after snapshots, the request log) where the
//! person's name, e-mail or phone appears, compared case-insensitively and also in
//! folded form, replaced by [`ERASED`]; every full-text table's stored text, then each
//! index is rebuilt and optimised so no token remains in its shadow tables. The write
//! runs with `secure_delete` on, then `VACUUM` and a truncating WAL checkpoint drop
//! the freed pages. The `*.bak-v*` copies made before migrations are deleted: they
//! hold an older schema that this binary cannot rewrite safely, and they have served
//! their purpose once the migration succeeded.

use super::audit;
use super::{Error, Result, Store, now, optional, require_office, require_partner_editor, today};
use crate::model::{
    Actor, Decision, ERASED, ErasureReport, Extract, ExtractAudit, ExtractContact, ExtractNews,
    LegalBasis, NotInformed, PersonPrivacy, PrivacyRequest, RequestKind, RetentionItem,
    RetentionKind, RetentionRule, SourceKind, redact,
};
use crate::text::fold;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use std::path::{Path, PathBuf};

/// The settings rows the office edits.
pub const NOTICE_SV: &str = "privacy_notice_sv";
pub const NOTICE_EN: &str = "privacy_notice_en";
pub const CONTACT: &str = "privacy_contact";
pub const DPO: &str = "privacy_dpo";
pub const SETTING_KEYS: &[&str] = &[NOTICE_SV, NOTICE_EN, CONTACT, DPO];

/// Tables whose text is never a partner's personal data (the network's own staff and
/// units, the settings) and so is left alone by erasure.
const NOT_SCANNED: &[&str] = &["members", "units", "settings", "retention_rules"];

pub(super) fn privacy_from(r: &rusqlite::Row, at: usize) -> rusqlite::Result<PersonPrivacy> {
    let kind: Option<String> = r.get(at)?;
    let basis: String = r.get(at + 2)?;
    Ok(PersonPrivacy {
        source_kind: kind.as_deref().and_then(SourceKind::parse),
        source_note: r.get(at + 1)?,
        legal_basis: LegalBasis::parse(&basis).unwrap_or(LegalBasis::PublicInterest),
        informed_on: r.get(at + 3)?,
        restricted: r.get(at + 4)?,
        erased_at: r.get(at + 5)?,
    })
}

pub(super) const PRIVACY_COLUMNS: &str =
    "p.source_kind, p.source_note, p.legal_basis, p.informed_on, p.restricted, p.erased_at";

/// The needles erasure looks for: the name, the e-mail and the phone as stored, and
/// their folded forms (the search index holds folded text). Short ones are skipped so
/// erasing "Li" does not blank every "li" in the database.
fn needles(name: &str, email: &str, phone: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in [name, email, phone] {
        for v in [s.trim().to_string(), fold(s)] {
            if v.chars().count() >= 4 && v != ERASED && !out.contains(&v) {
                out.push(v);
            }
        }
    }
    // Longest first, so a folded e-mail is replaced before a part of it.
    out.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    out
}

fn table_columns(tx: &Connection, table: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = tx.prepare(&format!(
        "PRAGMA table_info(\"{}\")",
        table.replace('"', "\"\"")
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Replaces the needles in one text column of one table; returns the rows changed.
fn redact_column(tx: &Transaction, table: &str, column: &str, needles: &[String]) -> Result<usize> {
    let (t, c) = (quote(table), quote(column));
    let found: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT rowid, {c} FROM {t} WHERE typeof({c}) = 'text'"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut found = Vec::new();
        for row in rows {
            let (id, text): (i64, String) = row?;
            if let Some(new) = redact(&text, needles) {
                found.push((id, new));
            }
        }
        found
    };
    write_back(
        tx,
        &format!("UPDATE {t} SET {c} = ?1 WHERE rowid = ?2"),
        &found,
    )
}

/// The audit trail's `column` (before or after): the text replaced, except in another
/// person's snapshots, where only the free-text fields are (their name, e-mail and
/// phone are theirs). Returns the rows changed.
fn redact_audit(tx: &Transaction, column: &str, person: i64, needles: &[String]) -> Result<usize> {
    let c = quote(column);
    let found: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT id, {c}, entity = 'person' AND entity_id IS NOT ?1 FROM audit WHERE typeof({c}) = 'text'"
        ))?;
        let rows = stmt.query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let mut found = Vec::new();
        for row in rows {
            let (id, text, other): (i64, String, bool) = row?;
            let new = if other {
                redact_snapshot_text(&text, needles)
            } else {
                redact(&text, needles)
            };
            if let Some(new) = new {
                found.push((id, new));
            }
        }
        found
    };
    write_back(
        tx,
        &format!("UPDATE audit SET {c} = ?1 WHERE id = ?2"),
        &found,
    )
}

/// Writes the redacted texts back (`update` takes the text, then the row's id);
/// returns how many rows changed.
fn write_back(tx: &Transaction, update: &str, found: &[(i64, String)]) -> Result<usize> {
    let mut stmt = tx.prepare(update)?;
    for (id, new) in found {
        stmt.execute(params![new, id])?;
    }
    Ok(found.len())
}

/// Another person's snapshot with the needles replaced in its free-text fields only
/// (their own name, e-mail and phone are left), at any depth.
fn redact_snapshot_text(json: &str, needles: &[String]) -> Option<String> {
    fn walk(v: &mut serde_json::Value, needles: &[String], changed: &mut bool) {
        match v {
            serde_json::Value::Object(obj) => {
                for (key, value) in obj.iter_mut() {
                    if value.is_string() && matches!(key.as_str(), "name" | "email" | "phone") {
                        continue;
                    }
                    walk(value, needles, changed);
                }
            }
            serde_json::Value::Array(items) => {
                items.iter_mut().for_each(|i| walk(i, needles, changed))
            }
            serde_json::Value::String(t) => {
                if let Some(new) = redact(t, needles) {
                    *t = new;
                    *changed = true;
                }
            }
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut changed = false;
    walk(&mut v, needles, &mut changed);
    if changed {
        serde_json::to_string(&v).ok()
    } else {
        None
    }
}

/// The full-text tables (FTS5), by name.
fn fts_tables(tx: &Connection) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5 %' ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ordinary tables whose text erasure scans: not SQLite's, not the shadow tables
/// of a full-text index (rebuilt instead), not [`NOT_SCANNED`].
fn scanned_tables(tx: &Connection, fts: &[String]) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let all: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(all
        .into_iter()
        .filter(|t| !NOT_SCANNED.contains(&t.as_str()))
        .filter(|t| !fts.iter().any(|f| t.starts_with(&format!("{f}_"))))
        .collect())
}

/// Blanks the personal fields of a person's snapshot in the audit trail (the record
/// is at the top or under `data`, with its version beside it).
fn blank_snapshot(json: &str) -> Option<String> {
    fn walk(v: &mut serde_json::Value) {
        if let Some(obj) = v.as_object_mut() {
            for key in [
                "name",
                "title",
                "email",
                "phone",
                "languages",
                "notes",
                "source",
            ] {
                if obj.get(key).is_some_and(serde_json::Value::is_string) {
                    let value = if key == "name" { ERASED } else { "" };
                    obj.insert(key.into(), serde_json::Value::String(value.into()));
                }
            }
            obj.values_mut().for_each(walk);
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(json).ok()?;
    walk(&mut v);
    serde_json::to_string(&v).ok()
}

/// The `*.bak-v*` copies `migrate` made next to `db`.
pub fn migration_backups(db: &Path) -> Vec<PathBuf> {
    let (Some(dir), Some(stem)) = (db.parent(), db.file_stem()) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.bak-v", stem.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

impl Store {
    /// A person's privacy fields (the person may be deleted or erased).
    pub fn person_privacy(&self, id: i64) -> Result<PersonPrivacy> {
        let sql = format!("SELECT {PRIVACY_COLUMNS} FROM persons p WHERE p.id = ?1");
        optional(self.conn().query_row(&sql, [id], |r| privacy_from(r, 0)))?.ok_or(Error::NotFound)
    }

    /// Records where a person's data came from and the legal basis; `informed_on`
    /// too when given. The restriction is the office's ([`Store::restrict_person`]).
    pub fn set_person_privacy(
        &self,
        actor: &Actor,
        id: i64,
        source_kind: Option<SourceKind>,
        source_note: Option<String>,
        legal_basis: Option<LegalBasis>,
        informed_on: Option<String>,
    ) -> Result<()> {
        require_partner_editor(actor)?;
        if let Some(d) = &informed_on {
            check_date(d, "informed")?;
        }
        self.write(|tx| {
            let before = live_privacy(tx, id)?;
            let mut after = before.clone();
            if source_kind.is_some() {
                after.source_kind = source_kind;
            }
            if let Some(note) = source_note {
                after.source_note = note.trim().to_string();
            }
            if let Some(b) = legal_basis {
                after.legal_basis = b;
            }
            if informed_on.is_some() {
                after.informed_on = informed_on;
            }
            tx.execute(
                "UPDATE persons SET source_kind = ?2, source_note = ?3, legal_basis = ?4, informed_on = ?5 WHERE id = ?1",
                params![
                    id,
                    after.source_kind.map(SourceKind::as_str),
                    after.source_note,
                    after.legal_basis.as_str(),
                    after.informed_on
                ],
            )?;
            audit::record(tx, actor, "privacy_set", "person", id, Some(&before), Some(&after))
        })
    }

    /// Records that the person was informed (Art. 14) on `date` (default today).
    pub fn mark_informed(&self, actor: &Actor, id: i64, date: Option<String>) -> Result<()> {
        let date = date.unwrap_or_else(today);
        self.set_person_privacy(actor, id, None, None, None, Some(date))
    }

    /// The persons not informed within a month of being recorded, oldest first: all of
    /// them for the office, those the member added for a member. `to`: also those
    /// whose month runs out by that date (for the deadlines); `None`: only those past.
    pub fn not_informed(&self, me: &Actor, to: Option<&str>) -> Result<Vec<NotInformed>> {
        if !me.can_edit_partners() {
            return Ok(Vec::new());
        }
        let limit = match to {
            Some(d) => d.to_string(),
            None => crate::model::add_days(&today(), -1).unwrap_or_else(today),
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.name, o.name, date(substr(p.created_at, 1, 10), '+1 month') AS due, m.full_name \
             FROM persons p JOIN orgs o ON o.id = p.org_id LEFT JOIN members m ON m.id = p.created_by \
             WHERE p.informed_on IS NULL AND p.deleted_at IS NULL AND p.erased_at IS NULL \
             AND (?2 OR p.created_by = ?3) AND date(substr(p.created_at, 1, 10), '+1 month') <= ?1 \
             ORDER BY due, p.id LIMIT 1000",
        )?;
        let rows = stmt.query_map(params![limit, me.is_office(), me.member_id], |r| {
            Ok(NotInformed {
                person_id: r.get(0)?,
                name: r.get(1)?,
                org: r.get(2)?,
                due: r.get(3)?,
                added_by: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A setting row (the notice texts, the contact, the DPO); `None` when unset.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a privacy setting (the office).
    pub fn set_setting(&self, actor: &Actor, key: &str, value: &str) -> Result<()> {
        require_office(actor)?;
        if !SETTING_KEYS.contains(&key) {
            return Err(Error::Rule("err.setting_key"));
        }
        self.write(|tx| {
            let before: Option<String> = tx
                .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
                .optional()?;
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            audit::record(
                tx,
                actor,
                "setting",
                "setting",
                0,
                Some(&serde_json::json!({"key": key, "value": before})),
                Some(&serde_json::json!({"key": key, "value": value})),
            )
        })
    }

    /// Logs a request received from a person (office). Open, it is due within a month.
    pub fn log_privacy_request(
        &self,
        actor: &Actor,
        person: i64,
        kind: RequestKind,
        received: Option<String>,
    ) -> Result<i64> {
        require_office(actor)?;
        let received = received.unwrap_or_else(today);
        check_date(&received, "received")?;
        self.write(|tx| {
            live_privacy(tx, person)?;
            tx.execute(
                "INSERT INTO privacy_requests (person_id, kind, received, created_by) VALUES (?1, ?2, ?3, ?4)",
                params![person, kind.as_str(), received, actor.member_id],
            )?;
            let id = tx.last_insert_rowid();
            audit::record(
                tx,
                actor,
                "privacy_request",
                "person",
                person,
                None::<&()>,
                Some(&serde_json::json!({"request": id, "kind": kind, "received": received})),
            )?;
            Ok(id)
        })
    }

    /// The requests of a person, or every open one (`person` None), oldest first.
    pub fn privacy_requests(
        &self,
        actor: &Actor,
        person: Option<i64>,
    ) -> Result<Vec<PrivacyRequest>> {
        require_office(actor)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, person_id, kind, received, answered, decision, reason, retention_ref FROM privacy_requests \
             WHERE (?1 IS NULL AND answered IS NULL) OR person_id = ?1 ORDER BY received, id",
        )?;
        let rows = stmt.query_map([person], request_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open requests as deadlines: due a month after they came in (the office only).
    pub(super) fn open_requests_due(
        &self,
        me: &Actor,
    ) -> Result<Vec<(String, i64, String, String)>> {
        if !me.is_office() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT date(r.received, '+1 month'), r.id, r.kind, p.name FROM privacy_requests r \
             JOIN persons p ON p.id = r.person_id WHERE r.answered IS NULL ORDER BY 1, 2",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything held about a person (Art. 15), for the office. Logged: the open
    /// access request is answered (or one is logged, received and answered today),
    /// and the extract is an audit row.
    pub fn privacy_extract(&self, actor: &Actor, person: i64) -> Result<Extract> {
        require_office(actor)?;
        let extract = self.write(|tx| {
            let extract = gather(tx, person)?;
            let answered = today();
            let open: Option<i64> = tx
                .query_row(
                    "SELECT id FROM privacy_requests WHERE person_id = ?1 AND kind = 'access' AND answered IS NULL ORDER BY id LIMIT 1",
                    [person],
                    |r| r.get(0),
                )
                .optional()?;
            let request = match open {
                Some(id) => {
                    tx.execute(
                        "UPDATE privacy_requests SET answered = ?2, decision = 'extracted' WHERE id = ?1",
                        params![id, answered],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO privacy_requests (person_id, kind, received, answered, decision, created_by) \
                         VALUES (?1, 'access', ?2, ?2, 'extracted', ?3)",
                        params![person, answered, actor.member_id],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            audit::record(
                tx,
                actor,
                "privacy_extract",
                "person",
                person,
                None::<&()>,
                Some(&serde_json::json!({"request": request})),
            )?;
            Ok(extract)
        })?;
        // The extract lists its own request as answered.
        let mut extract = extract;
        extract.requests = self.privacy_requests(actor, Some(person))?;
        Ok(extract)
    }

    /// Restricts (or lifts the restriction on) a person: hidden from lookups and lists
    /// except for the office.
    pub fn restrict_person(&self, actor: &Actor, person: i64, on: bool) -> Result<()> {
        require_office(actor)?;
        self.write(|tx| {
            live_privacy(tx, person)?;
            tx.execute(
                "UPDATE persons SET restricted = ?2 WHERE id = ?1",
                params![person, on],
            )?;
            audit::record(
                tx,
                actor,
                "privacy_restrict",
                "person",
                person,
                None::<&()>,
                Some(&serde_json::json!({"restricted": on})),
            )
        })
    }

    /// Answers an erasure request. `Erased`/`Anonymised`: the person's data is
    /// replaced everywhere the program keeps it (see the module header); `Erased` also
    /// deletes the person's row from the lists. `Restricted`: the person is restricted.
    /// `Kept`: nothing changes; the retention decision must be named. The request is
    /// logged with its decision and reason either way.
    pub fn erase_person(
        &self,
        actor: &Actor,
        person: i64,
        decision: Decision,
        reason: &str,
        retention_ref: &str,
    ) -> Result<ErasureReport> {
        require_office(actor)?;
        if reason.trim().is_empty() {
            return Err(Error::field("reason", "err.required"));
        }
        if decision == Decision::Kept && retention_ref.trim().is_empty() {
            return Err(Error::field("retention_ref", "err.required"));
        }
        if decision == Decision::Extracted {
            return Err(Error::Rule("err.erase_decision"));
        }
        let anonymise = matches!(decision, Decision::Erased | Decision::Anonymised);
        if anonymise {
            self.conn().pragma_update(None, "secure_delete", true)?;
        }
        let result = self.write(|tx| {
            let (name, email, phone): (String, String, String) = optional(tx.query_row(
                "SELECT name, email, phone FROM persons WHERE id = ?1",
                [person],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            ))?
            .ok_or(Error::NotFound)?;
            let needles = needles(&name, &email, &phone);
            let reason = redact(reason, &needles).unwrap_or_else(|| reason.trim().to_string());
            let kind = if decision == Decision::Restricted {
                RequestKind::Restriction
            } else {
                RequestKind::Erasure
            };
            let mut report = ErasureReport {
                request_id: 0,
                decision,
                contacts: 0,
                news: 0,
                audit_rows: 0,
                drafts: 0,
                backups_deleted: Vec::new(),
                compacted: true,
            };
            if anonymise {
                anonymise_in(tx, person, &needles, &mut report)?;
            }
            if decision == Decision::Restricted {
                tx.execute("UPDATE persons SET restricted = 1 WHERE id = ?1", [person])?;
            }
            if decision == Decision::Erased {
                tx.execute(
                    "UPDATE persons SET deleted_at = coalesce(deleted_at, ?2) WHERE id = ?1",
                    params![person, now()],
                )?;
            }
            // The open request of that kind is answered, or one is logged now.
            let open: Option<i64> = tx
                .query_row(
                    "SELECT id FROM privacy_requests WHERE person_id = ?1 AND kind = ?2 AND answered IS NULL ORDER BY id LIMIT 1",
                    params![person, kind.as_str()],
                    |r| r.get(0),
                )
                .optional()?;
            let day = today();
            report.request_id = match open {
                Some(id) => {
                    tx.execute(
                        "UPDATE privacy_requests SET answered = ?2, decision = ?3, reason = ?4, retention_ref = ?5 WHERE id = ?1",
                        params![id, day, decision.as_str(), reason, retention_ref.trim()],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO privacy_requests (person_id, kind, received, answered, decision, reason, retention_ref, created_by) \
                         VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
                        params![person, kind.as_str(), day, decision.as_str(), reason, retention_ref.trim(), actor.member_id],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            audit::record(
                tx,
                actor,
                "privacy_erase",
                "person",
                person,
                None::<&()>,
                Some(&serde_json::json!({
                    "request": report.request_id,
                    "decision": decision,
                    "reason": reason,
                    "retention_ref": retention_ref.trim(),
                })),
            )?;
            Ok(report)
        });
        if anonymise {
            self.conn().pragma_update(None, "secure_delete", false)?;
        }
        let mut report = result?;
        if anonymise {
            report.compacted = self.compact();
            for path in migration_backups(self.path()) {
                std::fs::remove_file(&path)?;
                report.backups_deleted.push(path.display().to_string());
            }
        }
        Ok(report)
    }

    /// Drops freed pages that may still hold erased text: `VACUUM` rewrites the file,
    /// and a truncating checkpoint empties the write-ahead log. False when another
    /// connection kept either from finishing (the change itself is committed; running
    /// it again later finishes the job).
    fn compact(&self) -> bool {
        if self.conn().execute_batch("VACUUM").is_err() {
            return false;
        }
        // (busy, frames in the log, frames checkpointed)
        matches!(
            self.conn().query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
            }),
            Ok((0, log, done)) if log == done
        )
    }

    /// Whether a person is restricted (hidden from everyone but the office).
    pub fn is_restricted(&self, person: i64) -> Result<bool> {
        Ok(self
            .conn()
            .query_row(
                "SELECT restricted FROM persons WHERE id = ?1",
                [person],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    /// Sets the retention rule for a record kind (the office).
    pub fn set_retention(
        &self,
        actor: &Actor,
        kind: RetentionKind,
        years: i64,
        reference: &str,
    ) -> Result<()> {
        require_office(actor)?;
        if !(1..=100).contains(&years) {
            return Err(Error::field("years", "err.retention_years"));
        }
        if reference.trim().is_empty() {
            return Err(Error::field("ref", "err.required"));
        }
        self.write(|tx| {
            tx.execute(
                "INSERT INTO retention_rules (kind, years, reference, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (kind) DO UPDATE SET years = excluded.years, reference = excluded.reference, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                params![kind.as_str(), years, reference.trim(), now(), actor.member_id],
            )?;
            audit::record(
                tx,
                actor,
                "retention_set",
                "retention",
                0,
                None::<&()>,
                Some(&serde_json::json!({"kind": kind, "years": years, "ref": reference.trim()})),
            )
        })
    }

    /// The retention rules in force.
    pub fn retention_rules(&self) -> Result<Vec<RetentionRule>> {
        rules(self.conn())
    }

    /// What the retention rules would remove or anonymise today: contacts dated more
    /// than the rule's years ago (removed), persons with no contact, verification or
    /// change for that long (anonymised).
    pub fn retention_due(&self, actor: &Actor) -> Result<Vec<RetentionItem>> {
        require_office(actor)?;
        due_items(self.conn())
    }

    /// Applies the retention rules: contacts removed (row and index; their audit
    /// snapshots emptied), persons anonymised as by erasure. Logged as one audit row.
    pub fn apply_retention(&self, actor: &Actor) -> Result<Vec<RetentionItem>> {
        require_office(actor)?;
        let items = due_items(self.conn())?;
        let persons: Vec<i64> = items
            .iter()
            .filter(|i| i.kind == RetentionKind::Person)
            .map(|i| i.id)
            .collect();
        let rules = self.retention_rules()?;
        let person_ref = rules
            .iter()
            .find(|r| r.kind == RetentionKind::Person)
            .map(|r| r.reference.clone())
            .unwrap_or_default();
        self.conn().pragma_update(None, "secure_delete", true)?;
        let result = self.write(|tx| {
            for item in items.iter().filter(|i| i.kind == RetentionKind::Interaction) {
                tx.execute("DELETE FROM interactions_fts WHERE rowid = ?1", [item.id])?;
                tx.execute("DELETE FROM interactions WHERE id = ?1", [item.id])?;
                tx.execute(
                    "UPDATE audit SET before = NULL, after = NULL WHERE entity = 'interaction' AND entity_id = ?1",
                    [item.id],
                )?;
            }
            for id in &persons {
                let (name, email, phone): (String, String, String) = tx.query_row(
                    "SELECT name, email, phone FROM persons WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                let mut report = ErasureReport {
                    request_id: 0,
                    decision: Decision::Anonymised,
                    contacts: 0,
                    news: 0,
                    audit_rows: 0,
                    drafts: 0,
                    backups_deleted: Vec::new(),
                    compacted: true,
                };
                anonymise_in(tx, *id, &needles(&name, &email, &phone), &mut report)?;
            }
            let summary: Vec<serde_json::Value> = items
                .iter()
                .map(|i| serde_json::json!({"kind": i.kind, "id": i.id}))
                .collect();
            audit::record(
                tx,
                actor,
                "retention_apply",
                "retention",
                0,
                None::<&()>,
                Some(&serde_json::json!({"items": summary, "person_ref": person_ref})),
            )
        });
        self.conn().pragma_update(None, "secure_delete", false)?;
        result?;
        if !items.is_empty() {
            self.compact();
        }
        Ok(items)
    }
}

fn rules(conn: &Connection) -> Result<Vec<RetentionRule>> {
    let mut stmt =
        conn.prepare_cached("SELECT kind, years, reference FROM retention_rules ORDER BY kind")?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        Ok((kind, r.get(1)?, r.get(2)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, years, reference): (String, i64, String) = row?;
        if let Some(kind) = RetentionKind::parse(&kind) {
            out.push(RetentionRule {
                kind,
                years,
                reference,
            });
        }
    }
    Ok(out)
}

fn due_items(conn: &Connection) -> Result<Vec<RetentionItem>> {
    let mut out = Vec::new();
    for rule in rules(conn)? {
        let cutoff = format!("-{} years", rule.years);
        let sql = match rule.kind {
            RetentionKind::Interaction => {
                "SELECT i.id, o.name || ' · ' || i.date, i.date FROM interactions i JOIN orgs o ON o.id = i.org_id \
                 WHERE i.date < date(?1, ?2) ORDER BY i.date, i.id"
            }
            RetentionKind::Person => {
                "SELECT p.id, p.name, max(substr(p.updated_at, 1, 10), coalesce(p.verified_on, ''), \
                   coalesce((SELECT max(i.date) FROM interactions i WHERE i.person_id = p.id), '')) AS last \
                 FROM persons p WHERE p.erased_at IS NULL AND last < date(?1, ?2) ORDER BY last, p.id"
            }
        };
        let mut stmt = conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params![today(), cutoff], |r| {
            Ok(RetentionItem {
                kind: rule.kind,
                id: r.get(0)?,
                label: r.get(1)?,
                date: r.get(2)?,
            })
        })?;
        out.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(out)
}

fn request_from(r: &rusqlite::Row) -> rusqlite::Result<PrivacyRequest> {
    let kind: String = r.get(2)?;
    let decision: Option<String> = r.get(5)?;
    Ok(PrivacyRequest {
        id: r.get(0)?,
        person_id: r.get(1)?,
        kind: RequestKind::parse(&kind).unwrap_or(RequestKind::Access),
        received: r.get(3)?,
        answered: r.get(4)?,
        decision: decision.as_deref().and_then(Decision::parse),
        reason: r.get(6)?,
        retention_ref: r.get(7)?,
    })
}

fn check_date(d: &str, field: &'static str) -> Result<()> {
    if d.parse::<jiff::civil::Date>().is_ok() {
        Ok(())
    } else {
        Err(Error::field(field, "err.date"))
    }
}

/// A person not deleted: their privacy fields.
fn live_privacy(tx: &Connection, id: i64) -> Result<PersonPrivacy> {
    let sql =
        format!("SELECT {PRIVACY_COLUMNS} FROM persons p WHERE p.id = ?1 AND p.deleted_at IS NULL");
    optional(tx.query_row(&sql, [id], |r| privacy_from(r, 0)))?.ok_or(Error::NotFound)
}

/// Replaces a person's data everywhere in the database (see the module header).
fn anonymise_in(
    tx: &Transaction,
    person: i64,
    needles: &[String],
    report: &mut ErasureReport,
) -> Result<()> {
    // The person's own row and its index entry.
    tx.execute(
        "UPDATE persons SET name = ?2, title = '', email = '', email_domain = '', phone = '', languages = '', \
         notes = '', source = '', source_note = '', restricted = 0, erased_at = ?3, \
         version = version + 1 WHERE id = ?1",
        params![person, ERASED, now()],
    )?;
    tx.execute("DELETE FROM persons_fts WHERE rowid = ?1", [person])?;
    tx.execute(
        "INSERT INTO persons_fts (rowid, name, extra) VALUES (?1, ?2, '')",
        params![person, fold(ERASED)],
    )?;
    // The person's own snapshots in the audit trail.
    let snapshots: Vec<(i64, Option<String>, Option<String>)> = {
        let mut stmt = tx.prepare(
            "SELECT id, before, after FROM audit WHERE entity = 'person' AND entity_id = ?1",
        )?;
        let rows = stmt.query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, before, after) in snapshots {
        let b = before
            .as_deref()
            .map(|s| blank_snapshot(s).unwrap_or_default());
        let a = after
            .as_deref()
            .map(|s| blank_snapshot(s).unwrap_or_default());
        tx.execute(
            "UPDATE audit SET before = ?2, after = ?3 WHERE id = ?1",
            params![id, b, a],
        )?;
    }
    if needles.is_empty() {
        return Ok(());
    }
    // Every text column elsewhere that names the person. Another person's own name,
    // e-mail and phone are theirs, even when they are the same as hers (a namesake):
    // in `persons` only the other rows' free text is scanned, and in the audit trail
    // only the free-text fields of another person's snapshots.
    let fts = fts_tables(tx)?;
    for table in scanned_tables(tx, &fts)? {
        for (column, ty) in table_columns(tx, &table)? {
            if !(ty.eq_ignore_ascii_case("TEXT") || ty.is_empty()) {
                continue;
            }
            let n = match (table.as_str(), column.as_str()) {
                ("persons", "name" | "email" | "email_domain" | "phone") => 0,
                ("audit", "before" | "after") => redact_audit(tx, &column, person, needles)?,
                _ => redact_column(tx, &table, &column, needles)?,
            };
            match table.as_str() {
                "interactions" => report.contacts += n,
                "news" => report.news += n,
                "audit" => report.audit_rows += n,
                "drafts" => report.drafts += n,
                _ => {}
            }
        }
    }
    // The full-text indexes: their stored text, then the index rebuilt from it and
    // merged into one segment, so no old token survives in the shadow tables.
    for table in &fts {
        // Her own row in `persons_fts` was written anew above; the other rows' names
        // there are other persons' (a namesake keeps theirs).
        let others = if table == "persons_fts" { "name" } else { "" };
        for (column, _) in table_columns(tx, table)? {
            if column != others {
                redact_column(tx, table, &column, needles)?;
            }
        }
        let t = quote(table);
        tx.execute(&format!("INSERT INTO {t} ({t}) VALUES ('rebuild')"), [])?;
        tx.execute(&format!("INSERT INTO {t} ({t}) VALUES ('optimize')"), [])?;
    }
    Ok(())
}

/// Everything held about a person.
fn gather(tx: &Connection, person: i64) -> Result<Extract> {
    let sql = format!(
        "SELECT p.name, p.title, p.email, p.phone, p.languages, p.notes, o.name, p.created_at, p.verified_on, \
         {PRIVACY_COLUMNS} FROM persons p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?1"
    );
    let mut extract = optional(tx.query_row(&sql, [person], |r| {
        Ok(Extract {
            made_at: now(),
            person_id: person,
            name: r.get(0)?,
            title: r.get(1)?,
            email: r.get(2)?,
            phone: r.get(3)?,
            languages: r.get(4)?,
            notes: r.get(5)?,
            org: r.get(6)?,
            created_at: r.get(7)?,
            verified_on: r.get(8)?,
            privacy: privacy_from(r, 9)?,
            contacts: Vec::new(),
            news: Vec::new(),
            audit: Vec::new(),
            requests: Vec::new(),
            recipients: Vec::new(),
            retention: Vec::new(),
        })
    }))?
    .ok_or(Error::NotFound)?;
    let needles = needles(&extract.name, &extract.email, "");
    // Contacts with the person, or whose summary names them.
    {
        let mut stmt = tx.prepare(
            "SELECT i.id, i.date, i.kind, o.name, i.summary, u.code, i.person_id FROM interactions i \
             JOIN orgs o ON o.id = i.org_id LEFT JOIN units u ON u.id = i.unit_id \
             WHERE i.deleted_at IS NULL ORDER BY i.date, i.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                ExtractContact {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    kind: r.get(2)?,
                    org: r.get(3)?,
                    summary: r.get(4)?,
                    unit: r.get(5)?,
                },
                r.get::<_, Option<i64>>(6)?,
            ))
        })?;
        for row in rows {
            let (c, who) = row?;
            if who == Some(person) || redact(&c.summary, &needles).is_some() {
                extract.contacts.push(c);
            }
        }
    }
    // News that names them.
    {
        let mut stmt = tx.prepare(
            "SELECT id, title, body, published_at FROM news WHERE deleted_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })?;
        for row in rows {
            let (id, title, body, published_at) = row?;
            if redact(&title, &needles).is_some() || redact(&body, &needles).is_some() {
                extract.news.push(ExtractNews {
                    id,
                    title,
                    published_at,
                });
            }
        }
    }
    // The audit trail's rows about the person.
    {
        let mut stmt = tx.prepare(
            "SELECT a.at, m.full_name, a.action, a.entity, a.entity_id FROM audit a LEFT JOIN members m ON m.id = a.member_id \
             WHERE (a.entity = 'person' AND a.entity_id = ?1) \
             OR (a.entity = 'interaction' AND a.entity_id IN (SELECT id FROM interactions WHERE person_id = ?1)) \
             ORDER BY a.id",
        )?;
        let rows = stmt.query_map([person], |r| {
            Ok(ExtractAudit {
                at: r.get(0)?,
                by: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
            })
        })?;
        extract.audit = rows.collect::<rusqlite::Result<_>>()?;
    }
    {
        let mut stmt = tx.prepare("SELECT code FROM units ORDER BY code")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        extract.recipients = rows.collect::<rusqlite::Result<_>>()?;
    }
    extract.retention = rules(tx)?;
    Ok(extract)
}
