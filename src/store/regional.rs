//! Regional partners (issue 16): the organisations we share with neighbouring
//! municipalities, and the read-only layers of theirs that we import.
//!
//! A layer lives in its own tables (`regional_sources`, `regional_orgs`,
//! `regional_fts`), never mixed with our registry: nothing here is edited, and
//! importing a newer file from the same source replaces that source's rows in one
//! transaction. An entry becomes ours only through [`Store::adopt_regional`], which
//! creates an ordinary organisation with a note of where it came from. The file format
//! and its checks are in `interchange::regional`; this module only stores.

use super::orgs::identifiers_of;
use super::{Error, Result, Store, audit, now, optional, require_office};
use crate::model::{
    Actor, GrowthArea, KnownBy, OrgData, OrgKind, PriorityArea, RegionalEntry, RegionalIdentifiers,
    RegionalOrg, SimilarReason, url_domain,
};
use crate::text::fold;
use rusqlite::{Row, params};

const REGIONAL_COLUMNS: &str = "r.id, s.name, r.name, r.kind, r.country, r.city, r.website, \
     r.orgnr, r.pic, r.oid, r.vat, r.priority_areas, r.growth_areas, r.units, \
     r.last_contact_year, r.contact_role, r.name_fold";

fn regional_from(r: &Row, reason: Option<SimilarReason>) -> rusqlite::Result<RegionalOrg> {
    Ok(RegionalOrg {
        id: r.get(0)?,
        source: r.get(1)?,
        name: r.get(2)?,
        kind: OrgKind::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
        country: r.get(4)?,
        city: r.get(5)?,
        website: r.get(6)?,
        orgnr: r.get(7)?,
        pic: r.get(8)?,
        oid: r.get(9)?,
        vat: r.get(10)?,
        priority_areas: PriorityArea::split(&r.get::<_, String>(11)?),
        growth_areas: GrowthArea::split(&r.get::<_, String>(12)?),
        units: r.get(13)?,
        last_contact_year: r.get(14)?,
        contact_role: r.get(15)?,
        reason,
    })
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Organisations in the source's layer now.
    pub organisations: usize,
    /// Organisations the source's previous layer had (0 for a new source).
    pub replaced: usize,
}

/// A regional source (a partner municipality) and its layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionalSource {
    pub name: String,
    pub exported_at: String,
    pub imported_at: String,
    pub organisations: i64,
}

impl Store {
    /// The organisations marked "share with the region", as exchange entries: no
    /// person, no notes, no tags; the units that know them and the year of their last
    /// contact; whom to ask is the owning unit. Office only.
    pub fn shared_orgs(&self, actor: &Actor) -> Result<Vec<RegionalEntry>> {
        require_office(actor)?;
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT o.id, o.name, o.kind, o.country, o.city, o.website, o.orgnr, o.pic, o.oid, o.vat, \
             o.priority_areas, o.growth_areas, o.last_contact, (SELECT name FROM units WHERE id = o.owner_unit) \
             FROM orgs o WHERE o.share = 1 AND o.deleted_at IS NULL ORDER BY o.id",
        )?;
        let mut units = conn.prepare_cached(
            "SELECT u.name, max(i.date) FROM interactions i JOIN units u ON u.id = i.unit_id \
             WHERE i.org_id = ?1 AND i.deleted_at IS NULL GROUP BY u.id ORDER BY max(i.date) DESC, u.name",
        )?;
        let year = |d: Option<String>| d.and_then(|d| d.get(..4).and_then(|y| y.parse().ok()));
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    RegionalEntry {
                        id: r.get::<_, i64>(0)?.to_string(),
                        name: r.get(1)?,
                        kind: r.get(2)?,
                        country: r.get(3)?,
                        city: r.get(4)?,
                        website: r.get(5)?,
                        identifiers: RegionalIdentifiers {
                            orgnr: r.get(6)?,
                            pic: r.get(7)?,
                            oid: r.get(8)?,
                            vat: r.get(9)?,
                        },
                        priority_areas: split_words(&r.get::<_, String>(10)?),
                        growth_areas: split_words(&r.get::<_, String>(11)?),
                        known_by: Vec::new(),
                        last_contact_year: year(r.get(12)?),
                        contact_role: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, mut entry) in rows {
            entry.known_by = units
                .query_map([id], |r| {
                    Ok(KnownBy {
                        unit: r.get(0)?,
                        last_contact_year: year(r.get(1)?),
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            out.push(entry);
        }
        Ok(out)
    }

    /// Replaces the layer of `source` with `entries` (already checked by
    /// `interchange::regional`), in one transaction with an audit row. Office only.
    pub fn replace_regional_layer(
        &self,
        actor: &Actor,
        source: &str,
        exported_at: &str,
        entries: &[RegionalEntry],
    ) -> Result<ImportSummary> {
        require_office(actor)?;
        let source = source.trim();
        let source_fold = fold(source);
        if source_fold.is_empty() {
            return Err(Error::field("from", "err.required"));
        }
        self.write(|tx| {
            let old: Option<i64> = optional(tx.query_row(
                "SELECT id FROM regional_sources WHERE name_fold = ?1",
                [&source_fold],
                |r| r.get(0),
            ))?;
            let mut replaced = 0;
            if let Some(id) = old {
                tx.execute(
                    "DELETE FROM regional_fts WHERE rowid IN (SELECT id FROM regional_orgs WHERE source_id = ?1)",
                    [id],
                )?;
                replaced = tx.execute("DELETE FROM regional_orgs WHERE source_id = ?1", [id])?;
                tx.execute(
                    "UPDATE regional_sources SET name = ?2, exported_at = ?3, imported_at = ?4, imported_by = ?5 WHERE id = ?1",
                    params![id, source, exported_at, now(), actor.member_id],
                )?;
            } else {
                tx.execute(
                    "INSERT INTO regional_sources (name, name_fold, exported_at, imported_at, imported_by) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![source, source_fold, exported_at, now(), actor.member_id],
                )?;
            }
            let source_id: i64 = tx.query_row(
                "SELECT id FROM regional_sources WHERE name_fold = ?1",
                [&source_fold],
                |r| r.get(0),
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO regional_orgs (source_id, name, name_fold, kind, country, city, city_fold, website, \
                 web_domain, orgnr, pic, oid, vat, priority_areas, growth_areas, units, last_contact_year, contact_role) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?;
            let mut index =
                tx.prepare_cached("INSERT INTO regional_fts (rowid, name) VALUES (?1, ?2)")?;
            for e in entries {
                let name_fold = fold(&e.name);
                let units = e
                    .known_by
                    .iter()
                    .map(|k| k.unit.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                insert.execute(params![
                    source_id,
                    e.name,
                    name_fold,
                    e.kind,
                    e.country,
                    e.city,
                    fold(&e.city),
                    e.website,
                    url_domain(&e.website),
                    e.identifiers.orgnr,
                    e.identifiers.pic,
                    e.identifiers.oid,
                    e.identifiers.vat,
                    e.priority_areas.join(","),
                    e.growth_areas.join(","),
                    units,
                    e.last_contact_year,
                    e.contact_role,
                ])?;
                index.execute(params![tx.last_insert_rowid(), name_fold])?;
            }
            audit::record(
                tx,
                actor,
                "import",
                "regional_source",
                source_id,
                None::<&()>,
                Some(&serde_json::json!({
                    "source": source,
                    "exported_at": exported_at,
                    "organisations": entries.len(),
                    "replaced": replaced,
                })),
            )?;
            Ok(ImportSummary {
                organisations: entries.len(),
                replaced,
            })
        })
    }

    /// The regional sources and the size of their layers, by name.
    pub fn regional_sources(&self) -> Result<Vec<RegionalSource>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.name, s.exported_at, s.imported_at, \
             (SELECT count(*) FROM regional_orgs WHERE source_id = s.id) FROM regional_sources s ORDER BY s.name_fold",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(RegionalSource {
                name: r.get(0)?,
                exported_at: r.get(1)?,
                imported_at: r.get(2)?,
                organisations: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One regional entry.
    pub fn regional_org(&self, id: i64) -> Result<RegionalOrg> {
        let sql = format!(
            "SELECT {REGIONAL_COLUMNS} FROM regional_orgs r CROSS JOIN regional_sources s ON s.id = r.source_id WHERE r.id = ?1"
        );
        optional(
            self.conn()
                .query_row(&sql, [id], |r| regional_from(r, None)),
        )?
        .ok_or(Error::NotFound)
    }

    /// Regional entries that look like `data`, for check before create: a similar
    /// name, the same web domain or the same identifier. They come after our own and
    /// never block a save.
    pub fn similar_regional(&self, data: &OrgData) -> Result<Vec<RegionalOrg>> {
        let conn = self.conn();
        let base = format!(
            "SELECT {REGIONAL_COLUMNS} FROM regional_orgs r CROSS JOIN regional_sources s ON s.id = r.source_id"
        );
        let mut out: Vec<RegionalOrg> = Vec::new();
        let mut push = |r: &Row, reason: SimilarReason| -> rusqlite::Result<()> {
            let id: i64 = r.get(0)?;
            if !out.iter().any(|o| o.id == id) {
                out.push(regional_from(r, Some(reason))?);
            }
            Ok(())
        };
        let name = fold(&data.name);
        if name.chars().count() >= 3 {
            let words: Vec<String> = crate::text::words(&data.name)
                .into_iter()
                .filter(|w| w.len() >= 3)
                .map(|w| format!("\"{w}\"*"))
                .collect();
            let mut queries = vec![(
                format!("{base} WHERE r.name_fold = ?1 LIMIT 50"),
                name.clone(),
            )];
            if !words.is_empty() {
                queries.push((
                    format!(
                        "{base} WHERE r.id IN (SELECT rowid FROM regional_fts WHERE regional_fts MATCH ?1 LIMIT 300)"
                    ),
                    words.join(" AND "),
                ));
            }
            for (sql, param) in queries {
                let mut stmt = conn.prepare_cached(&sql)?;
                let mut rows = stmt.query([&param])?;
                while let Some(r) = rows.next()? {
                    let other: String = r.get(16)?;
                    if super::orgs::names_similar(&name, &other) {
                        push(r, SimilarReason::Name)?;
                    }
                }
            }
        }
        let domain = url_domain(&data.website);
        if !domain.is_empty() {
            let mut stmt = conn.prepare_cached(&format!(
                "{base} WHERE r.web_domain = ?1 AND r.web_domain <> '' LIMIT 20"
            ))?;
            let mut rows = stmt.query([&domain])?;
            while let Some(r) = rows.next()? {
                push(r, SimilarReason::Domain)?;
            }
        }
        for (column, value) in identifiers_of(data) {
            // The column is one of four constants, never user text. The `<> ''` lets
            // SQLite use the partial index with a bound value.
            let sql = format!("{base} WHERE r.{column} = ?1 AND r.{column} <> '' LIMIT 20");
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([&value])?;
            while let Some(r) = rows.next()? {
                push(r, SimilarReason::Identifier)?;
            }
        }
        Ok(out)
    }

    /// Regional entries for quick lookup: an identifier (exact), the exact folded
    /// name, a name prefix, then name words. Index lookups only; at most `limit`.
    pub fn find_regional(&self, query: &str, limit: usize) -> Result<Vec<RegionalOrg>> {
        let conn = self.conn();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX).min(1_000);
        let base = format!(
            "SELECT {REGIONAL_COLUMNS} FROM regional_orgs r CROSS JOIN regional_sources s ON s.id = r.source_id"
        );
        let mut out: Vec<RegionalOrg> = Vec::new();
        let add = |sql: &str, param: &str, out: &mut Vec<RegionalOrg>| -> Result<()> {
            if out.len() as i64 >= limit {
                return Ok(());
            }
            let mut stmt = conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![param, limit])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if out.len() as i64 >= limit {
                    break;
                }
                if !out.iter().any(|o| o.id == id) {
                    out.push(regional_from(r, None)?);
                }
            }
            Ok(())
        };
        for (column, value) in crate::model::identifier_forms(query) {
            add(
                &format!("{base} WHERE r.{column} = ?1 AND r.{column} <> '' LIMIT ?2"),
                &value,
                &mut out,
            )?;
        }
        let folded = fold(query);
        if folded.is_empty() {
            return Ok(out);
        }
        // The exact name, then names that start with the query in index order (no
        // sort: a common prefix matches thousands).
        add(
            &format!("{base} WHERE r.name_fold = ?1 LIMIT ?2"),
            &folded,
            &mut out,
        )?;
        add(
            &format!(
                "SELECT {REGIONAL_COLUMNS} FROM regional_orgs r INDEXED BY regional_by_fold \
                 CROSS JOIN regional_sources s ON s.id = r.source_id \
                 WHERE r.name_fold >= ?1 AND r.name_fold < ?1 || '~' ORDER BY r.name_fold LIMIT ?2"
            ),
            &folded,
            &mut out,
        )?;
        if let Some(fts) = super::orgs::fts_prefix_query(query) {
            add(
                &format!(
                    "{base} WHERE r.id IN (SELECT rowid FROM regional_fts WHERE regional_fts MATCH ?1 LIMIT ?2)"
                ),
                &fts,
                &mut out,
            )?;
        }
        Ok(out)
    }

    /// Takes a regional entry into our registry: a new organisation with its name,
    /// kind, place, website, identifiers and areas, and a note of where it came from.
    /// Near-duplicates refuse it as any new organisation, unless `create_anyway`.
    pub fn adopt_regional(
        &self,
        actor: &Actor,
        id: i64,
        note: String,
        create_anyway: bool,
    ) -> Result<i64> {
        let r = self.regional_org(id)?;
        let data = OrgData {
            name: r.name,
            kind: r.kind,
            country: r.country,
            city: r.city,
            website: r.website,
            orgnr: r.orgnr,
            pic: r.pic,
            oid: r.oid,
            vat: r.vat,
            priority_areas: r.priority_areas,
            growth_areas: r.growth_areas,
            notes: note,
            ..OrgData::default()
        };
        self.create_org(actor, data, create_anyway)
    }
}

fn split_words(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}
