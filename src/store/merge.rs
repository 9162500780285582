//! Merging duplicates (issue 14): two organisations, or two persons at one
//! organisation, become one.
//!
//! A merge is one [`Store::write`]: every record that points at the removed one is
//! re-pointed through the generic life cycle (`audit::update`, so each move has its
//! audit row), the kept record is updated with the merged fields, the removed one is
//! soft-deleted, and all those audit rows share one `batch` (`merge:org:FROM>INTO@…`),
//! so undo reverses the whole merge as one step (see `audit.rs`, `undo_since`, which
//! calls `former_names::unmerge` for what is not a record: former names and the import UID).
//!
//! Only live records move: a soft-deleted contact of the removed organisation stays
//! with it (restoring one later would need the merge undone first).

use super::audit::{self, Entity};
use super::orgs::{ensure_live, validated};
use super::{Error, Result, Store, now, optional, require_office, require_partner_editor};
use crate::model::{
    Actor, InteractionData, MembershipData, NewsData, OrgData, OrgField, PersonData, PersonField,
    PlanItemData, ProjectData, SimilarReason, TrainingData, merge_org_data, merge_person_data,
};
use crate::text::fold;
use rusqlite::{Transaction, params};

/// What a merge moved, for the CLI's message and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    /// Records re-pointed from the removed record to the kept one.
    pub moved: usize,
}

/// What points at an organisation, live records only: what a merge would move from
/// it (the TUI's side-by-side view lists these before the merge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrgLinks {
    pub persons: i64,
    pub contacts: i64,
    pub projects: i64,
    pub memberships: i64,
    pub training: i64,
    pub plan_links: i64,
    pub news: i64,
}

/// Two organisations the registry-wide matcher takes for one: the older first (the
/// one a merge would normally keep).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicatePair {
    pub kept: i64,
    pub kept_name: String,
    pub removed: i64,
    pub removed_name: String,
    pub reason: SimilarReason,
}

/// The keys pairs are found by, each an indexed column: the same folded name, web
/// domain or identifier. Columns are these constants, never user text.
const DUPLICATE_KEYS: &[(&str, SimilarReason)] = &[
    ("orgnr", SimilarReason::Identifier),
    ("pic", SimilarReason::Identifier),
    ("oid", SimilarReason::Identifier),
    ("vat", SimilarReason::Identifier),
    ("web_domain", SimilarReason::Domain),
    ("name_fold", SimilarReason::Name),
];

/// Ids of live rows of `table` matching `condition` (with `?1` the removed id).
fn ids(tx: &Transaction, table: &str, condition: &str, from: i64) -> Result<Vec<i64>> {
    let sql =
        format!("SELECT id FROM {table} WHERE deleted_at IS NULL AND ({condition}) ORDER BY id");
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map([from], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loads a record, lets `change` edit it, and saves it through the audited life cycle
/// when it changed. True when it did.
fn relink<E: Entity + PartialEq + Clone>(
    tx: &Transaction,
    actor: &Actor,
    id: i64,
    change: impl FnOnce(&mut E),
) -> Result<bool> {
    let (before, version) = E::load(tx, id)?;
    let mut data = before.clone();
    change(&mut data);
    if data == before {
        return Ok(false);
    }
    audit::update(tx, actor, id, version, &data)?;
    Ok(true)
}

fn swap(id: &mut i64, from: i64, into: i64) {
    if *id == from {
        *id = into;
    }
}

/// Marks the actor's audit rows after `mark` with `batch`.
fn mark_batch(tx: &Transaction, actor: &Actor, mark: i64, batch: &str) -> Result<()> {
    tx.execute(
        "UPDATE audit SET batch = ?1 WHERE id > ?2 AND member_id = ?3",
        params![batch, mark, actor.member_id],
    )?;
    Ok(())
}

impl Store {
    /// Merges organisation `from` into `into`: see the module header. `take` names the
    /// fields whose value comes from `from` (see [`merge_org_data`] for the rest).
    pub fn merge_orgs(
        &self,
        actor: &Actor,
        from: i64,
        into: i64,
        take: &[OrgField],
    ) -> Result<MergeSummary> {
        require_partner_editor(actor)?;
        if from == into {
            return Err(Error::Rule("err.merge_same"));
        }
        self.write(|tx| {
            ensure_live(tx, "orgs", from)?;
            ensure_live(tx, "orgs", into)?;
            let mark: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?;
            let batch = format!("merge:org:{from}>{into}@{}", now());
            let mut moved = 0;
            for id in ids(tx, "persons", "org_id = ?1", from)? {
                moved += usize::from(relink::<PersonData>(tx, actor, id, |d| swap(&mut d.org_id, from, into))?);
            }
            for id in ids(tx, "interactions", "org_id = ?1", from)? {
                moved += usize::from(relink::<InteractionData>(tx, actor, id, |d| swap(&mut d.org_id, from, into))?);
            }
            for id in ids(tx, "memberships", "org_id = ?1", from)? {
                moved += usize::from(relink::<MembershipData>(tx, actor, id, |d| swap(&mut d.org_id, from, into))?);
            }
            for id in ids(tx, "trainings", "partner_id = ?1", from)? {
                moved += usize::from(relink::<TrainingData>(tx, actor, id, |d| {
                    if d.partner_id == Some(from) {
                        d.partner_id = Some(into);
                    }
                })?);
            }
            for id in ids(tx, "plan_items", "partner_id = ?1", from)? {
                moved += usize::from(relink::<PlanItemData>(tx, actor, id, |d| {
                    if d.partner_id == Some(from) {
                        d.partner_id = Some(into);
                    }
                })?);
            }
            // Comma lists: "org:role,…" on projects, ",3,5," on news. The LIKE narrows,
            // the loaded record decides.
            for id in ids(tx, "projects", "',' || partners LIKE '%,' || ?1 || ':%'", from)? {
                moved += usize::from(relink::<ProjectData>(tx, actor, id, |d| {
                    let into_present = d.partners.iter().any(|p| p.org_id == into);
                    if into_present {
                        // Partnered with both: one partnership, the kept one's role.
                        d.partners.retain(|p| p.org_id != from);
                    } else {
                        for p in &mut d.partners {
                            swap(&mut p.org_id, from, into);
                        }
                    }
                })?);
            }
            for id in ids(tx, "news", "partners LIKE '%,' || ?1 || ',%'", from)? {
                moved += usize::from(relink::<NewsData>(tx, actor, id, |d| {
                    for p in &mut d.partners {
                        swap(p, from, into);
                    }
                    let mut seen = Vec::new();
                    d.partners.retain(|p| {
                        let new = !seen.contains(p);
                        seen.push(*p);
                        new
                    });
                })?);
            }
            // The kept record's fields, then the removed one goes.
            let (kept, kept_version) = OrgData::load(tx, into)?;
            let (removed, _) = OrgData::load(tx, from)?;
            let merged = validated(merge_org_data(&kept, &removed, take))?;
            if merged != kept {
                audit::update(tx, actor, into, kept_version, &merged)?;
            }
            audit::set_deleted::<OrgData>(tx, actor, from, true)?;
            // The import UID goes to the kept one when it has none.
            let (kept_uid, removed_uid): (Option<String>, Option<String>) = tx.query_row(
                "SELECT (SELECT import_uid FROM orgs WHERE id = ?1), (SELECT import_uid FROM orgs WHERE id = ?2)",
                [into, from],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let uid_moved = kept_uid.is_none() && removed_uid.is_some();
            if uid_moved {
                tx.execute("UPDATE orgs SET import_uid = ?2 WHERE id = ?1", params![into, removed_uid])?;
                tx.execute("UPDATE orgs SET import_uid = NULL WHERE id = ?1", [from])?;
            }
            // Its name, and the names it had itself, lead to the kept one.
            tx.execute(
                "UPDATE former_names SET org_id = ?2, moved_by = ?3 WHERE org_id = ?1",
                params![from, into, batch],
            )?;
            tx.execute(
                "INSERT INTO former_names (org_id, from_org, name, name_fold, batch, uid_moved) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![into, from, removed.name, fold(&removed.name), batch, uid_moved],
            )?;
            mark_batch(tx, actor, mark, &batch)?;
            Ok(MergeSummary { moved })
        })
    }

    /// Merges person `from` into `into` at the same organisation: contacts that name
    /// the removed person move to the kept one; fields by [`merge_person_data`].
    pub fn merge_persons(
        &self,
        actor: &Actor,
        from: i64,
        into: i64,
        take: &[PersonField],
    ) -> Result<MergeSummary> {
        require_partner_editor(actor)?;
        if from == into {
            return Err(Error::Rule("err.merge_same"));
        }
        self.write(|tx| {
            ensure_live(tx, "persons", from)?;
            ensure_live(tx, "persons", into)?;
            let (kept, kept_version) = PersonData::load(tx, into)?;
            let (removed, _) = PersonData::load(tx, from)?;
            if kept.org_id != removed.org_id {
                return Err(Error::Rule("err.merge_other_org"));
            }
            let mark: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?;
            let batch = format!("merge:person:{from}>{into}@{}", now());
            let mut moved = 0;
            for id in ids(tx, "interactions", "person_id = ?1", from)? {
                moved += usize::from(relink::<InteractionData>(tx, actor, id, |d| {
                    if d.person_id == Some(from) {
                        d.person_id = Some(into);
                    }
                })?);
            }
            let merged = merge_person_data(&kept, &removed, take);
            if merged != kept {
                audit::update(tx, actor, into, kept_version, &merged)?;
            }
            audit::set_deleted::<PersonData>(tx, actor, from, true)?;
            let (kept_uid, removed_uid): (Option<String>, Option<String>) = tx.query_row(
                "SELECT (SELECT import_uid FROM persons WHERE id = ?1), (SELECT import_uid FROM persons WHERE id = ?2)",
                [into, from],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if kept_uid.is_none() && removed_uid.is_some() {
                tx.execute("UPDATE persons SET import_uid = ?2 WHERE id = ?1", params![into, removed_uid])?;
                tx.execute("UPDATE persons SET import_uid = NULL WHERE id = ?1", [from])?;
                // Recorded so undo can give it back (persons have no former names).
                tx.execute(
                    "INSERT INTO former_names (org_id, from_org, name, name_fold, batch, uid_moved) \
                     VALUES (?1, ?2, '', '', ?3, 2)",
                    params![into, from, batch],
                )?;
            }
            mark_batch(tx, actor, mark, &batch)?;
            Ok(MergeSummary { moved })
        })
    }

    /// Possible duplicates across the registry (the office): organisations sharing a
    /// folded name, a web domain or an identifier, each group as pairs of its oldest
    /// member with each other one, identifiers first; at most `limit` pairs. One
    /// `GROUP BY` over each column's index, so it stays linear at 100 000
    /// organisations (no pairwise comparison).
    pub fn duplicate_pairs(&self, actor: &Actor, limit: usize) -> Result<Vec<DuplicatePair>> {
        require_office(actor)?;
        let conn = self.conn();
        let mut out: Vec<DuplicatePair> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (column, reason) in DUPLICATE_KEYS {
            let sql = format!(
                "SELECT group_concat(id) FROM (SELECT id, {column} FROM orgs \
                 WHERE {column} <> '' AND deleted_at IS NULL ORDER BY {column}, id) \
                 GROUP BY {column} HAVING count(*) > 1"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let groups = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for group in groups {
                let mut ids: Vec<i64> = group.split(',').filter_map(|x| x.parse().ok()).collect();
                ids.sort_unstable();
                let Some((&first, rest)) = ids.split_first() else {
                    continue;
                };
                for &other in rest {
                    if out.len() >= limit {
                        return self.named(out);
                    }
                    if seen.insert((first, other)) {
                        out.push(DuplicatePair {
                            kept: first,
                            kept_name: String::new(),
                            removed: other,
                            removed_name: String::new(),
                            reason: *reason,
                        });
                    }
                }
            }
        }
        self.named(out)
    }

    /// Fills in the names of the pairs found.
    fn named(&self, mut pairs: Vec<DuplicatePair>) -> Result<Vec<DuplicatePair>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT name FROM orgs WHERE id = ?1")?;
        for p in &mut pairs {
            p.kept_name = stmt.query_row([p.kept], |r| r.get(0))?;
            p.removed_name = stmt.query_row([p.removed], |r| r.get(0))?;
        }
        Ok(pairs)
    }

    /// What a merge would move from organisation `id` ([`OrgLinks`]). Each count is
    /// one indexed lookup but projects and news, whose partner lists are scanned with
    /// the same pattern the merge narrows by.
    pub fn org_links(&self, id: i64) -> Result<OrgLinks> {
        let count = |table: &str, condition: &str| -> Result<i64> {
            let sql =
                format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL AND ({condition})");
            Ok(self
                .conn()
                .prepare_cached(&sql)?
                .query_row([id], |r| r.get(0))?)
        };
        Ok(OrgLinks {
            persons: count("persons", "org_id = ?1")?,
            contacts: count("interactions", "org_id = ?1")?,
            projects: count("projects", "',' || partners LIKE '%,' || ?1 || ':%'")?,
            memberships: count("memberships", "org_id = ?1")?,
            training: count("trainings", "partner_id = ?1")?,
            plan_links: count("plan_items", "partner_id = ?1")?,
            news: count("news", "partners LIKE '%,' || ?1 || ',%'")?,
        })
    }

    /// The live contacts that name person `id`: what a person merge would move.
    pub fn person_links(&self, id: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM interactions WHERE deleted_at IS NULL AND person_id = ?1",
            [id],
            |r| r.get(0),
        )?)
    }

    /// The organisation a former name (exact, folded) now leads to, if one does.
    pub fn org_by_former_name(&self, name: &str) -> Result<Option<i64>> {
        let folded = fold(name);
        if folded.is_empty() {
            return Ok(None);
        }
        Ok(optional(self.conn().query_row(
            "SELECT f.org_id FROM former_names f JOIN orgs o ON o.id = f.org_id \
             WHERE f.name_fold = ?1 AND f.name <> '' AND o.deleted_at IS NULL ORDER BY f.id DESC LIMIT 1",
            [folded],
            |r| r.get(0),
        ))?)
    }

    /// The former names of an organisation, oldest first.
    pub fn former_names(&self, org_id: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT name FROM former_names WHERE org_id = ?1 AND name <> '' ORDER BY id",
        )?;
        let rows = stmt.query_map([org_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
