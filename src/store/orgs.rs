//! Partner organisations: the shared registry.

use super::audit::{self, Entity};
use super::{Error, Result, Store, meta_from, meta_sql, optional, require_partner_editor};
use crate::model::{
    Acquaintance, Actor, GrowthArea, OrgData, OrgKind, OrgRow, OrgStatus, PriorityArea, Sector,
    Similar, SimilarReason, country, url_domain, validate_org,
};
use crate::text::{fold, sort_key_sv};
use rusqlite::{Connection, Row, Transaction, params};

/// Which order lists are drawn in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    /// Swedish alphabet: Å Ä Ö after Z.
    Swedish,
    /// Diacritics folded, A to Z.
    English,
}

impl SortOrder {
    fn column(self) -> &'static str {
        match self {
            SortOrder::Swedish => "sort_sv",
            SortOrder::English => "name_fold",
        }
    }
}

/// Above this many matches a filtered list walks the sort index instead of sorting.
const MANY_MATCHES: i64 = 2_000;

/// A list query: the filter typed after `/` and the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgFilter {
    pub text: String,
    pub order: SortOrder,
}

/// Builds a safe FTS5 query from user text: every folded word becomes a quoted prefix
/// term, so quotes, `*`, `-`, `NEAR(` or `AND` in the input are only ever words.
pub(super) fn fts_prefix_query(text: &str) -> Option<String> {
    let words = crate::text::words(text);
    if words.is_empty() {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Words in a kind's name that name no kind ("City or region").
const KIND_FILLER: &[&str] = &["or", "and", "eller", "och"];

/// The kinds a filter word names: a word of three letters or more that begins a word
/// of a kind's name in Swedish or English (folded: `vanort`, `twin`, `univ`). "Other"
/// is no kind to look for (`ann` would list every "Annat").
fn kinds_named(word: &str) -> Vec<OrgKind> {
    if word.chars().count() < 3 {
        return Vec::new();
    }
    OrgKind::ALL
        .iter()
        .copied()
        .filter(|k| *k != OrgKind::Other)
        .filter(|k| {
            [crate::i18n::Lang::Sv, crate::i18n::Lang::En]
                .iter()
                .flat_map(|lang| crate::text::words(lang.t(k.key())))
                .any(|w| !KIND_FILLER.contains(&w.as_str()) && w.starts_with(word))
        })
        .collect()
}

/// A filter that names a kind, as SQL over `orgs o`: the words that name no kind as
/// one full-text query, and for each word that does, "its text matches or the
/// organisation is of that kind". `None` when no word names a kind (the plain
/// full-text plans apply).
struct KindFilter {
    /// `o.deleted_at IS NULL AND …`, with `?1…?n` for `params`.
    condition: String,
    /// The same count as `SELECT count(*) … WHERE condition`, split on the first
    /// word that names a kind: the organisations of that kind (counted in the
    /// `orgs_by_kind` index) plus its text matches of another kind. Read through an
    /// `OR`, every organisation of the kind would be fetched.
    count: String,
    params: Vec<String>,
}

fn kind_filter(text: &str) -> Option<KindFilter> {
    let words = crate::text::words(text);
    let named: Vec<Vec<OrgKind>> = words.iter().map(|w| kinds_named(w)).collect();
    if named.iter().all(Vec::is_empty) {
        return None;
    }
    let fts = |n: usize| format!("o.id IN (SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?{n})");
    // Kind words are the enum's own (a closed set of [a-z_]), never user text.
    let kind_list = |kinds: &[OrgKind]| {
        kinds
            .iter()
            .map(|k| format!("'{}'", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut params = Vec::new();
    let mut rest = String::new();
    let plain: Vec<String> = words
        .iter()
        .zip(&named)
        .filter(|(_, k)| k.is_empty())
        .map(|(w, _)| format!("\"{w}\"*"))
        .collect();
    if !plain.is_empty() {
        params.push(plain.join(" "));
        rest.push_str(&format!(" AND {}", fts(params.len())));
    }
    let mut first = None;
    for (w, kinds) in words.iter().zip(&named).filter(|(_, k)| !k.is_empty()) {
        params.push(format!("\"{w}\"*"));
        let n = params.len();
        if first.is_none() {
            first = Some((n, kind_list(kinds)));
        } else {
            rest.push_str(&format!(
                " AND ({} OR o.kind IN ({}))",
                fts(n),
                kind_list(kinds)
            ));
        }
    }
    let (n, kinds) = first?;
    let condition = format!(
        "o.deleted_at IS NULL AND ({} OR o.kind IN ({kinds})){rest}",
        fts(n)
    );
    let count = format!(
        "SELECT (SELECT count(*) FROM orgs o WHERE o.kind IN ({kinds}) AND o.deleted_at IS NULL{rest}) \
         + (SELECT count(*) FROM orgs o WHERE {} AND o.kind NOT IN ({kinds}) AND o.deleted_at IS NULL{rest})",
        fts(n)
    );
    Some(KindFilter {
        condition,
        count,
        params,
    })
}

const ORG_COLUMNS: &str = "o.name, o.kind, o.twin_decided, o.sector, o.country, o.city, o.website, o.status, \
     o.priority_areas, o.growth_areas, o.tags, o.notes, o.owner_member, o.owner_unit, \
     o.orgnr, o.pic, o.oid, o.vat, o.share";

fn org_data_from(r: &Row) -> rusqlite::Result<OrgData> {
    Ok(OrgData {
        name: r.get(0)?,
        kind: OrgKind::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
        twin_decided: r.get(2)?,
        sector: r
            .get::<_, Option<String>>(3)?
            .as_deref()
            .and_then(Sector::parse),
        country: r.get(4)?,
        city: r.get(5)?,
        website: r.get(6)?,
        status: OrgStatus::parse(&r.get::<_, String>(7)?).unwrap_or_default(),
        priority_areas: PriorityArea::split(&r.get::<_, String>(8)?),
        growth_areas: GrowthArea::split(&r.get::<_, String>(9)?),
        tags: r
            .get::<_, String>(10)?
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        notes: r.get(11)?,
        owner_member: r.get(12)?,
        owner_unit: r.get(13)?,
        orgnr: r.get(14)?,
        pic: r.get(15)?,
        oid: r.get(16)?,
        vat: r.get(17)?,
        share: r.get(18)?,
    })
}

/// The text the search index holds for an organisation besides its name: place,
/// country names in both languages, tags and web domain, all folded.
fn org_extra(data: &OrgData) -> String {
    let mut extra = vec![data.city.clone(), data.country.clone()];
    if let Some((_, en, sv)) = country::by_code(&data.country) {
        extra.push((*en).to_string());
        extra.push((*sv).to_string());
    }
    extra.extend(data.tags.iter().cloned());
    extra.push(url_domain(&data.website));
    fold(&extra.join(" "))
}

impl Entity for OrgData {
    const TABLE: &'static str = "orgs";
    const NAME: &'static str = "org";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {ORG_COLUMNS}, o.version FROM orgs o WHERE o.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((org_data_from(r)?, r.get(19)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE orgs SET name = ?2, name_fold = ?3, sort_sv = ?4, kind = ?5, twin_decided = ?6, sector = ?7, \
             country = ?8, city = ?9, city_fold = ?10, website = ?11, web_domain = ?12, status = ?13, \
             priority_areas = ?14, growth_areas = ?15, tags = ?16, notes = ?17, owner_member = ?18, owner_unit = ?19, \
             orgnr = ?20, pic = ?21, oid = ?22, vat = ?23, share = ?24 WHERE id = ?1",
            params![
                id,
                self.name,
                fold(&self.name),
                sort_key_sv(&self.name),
                self.kind.as_str(),
                self.twin_decided,
                self.sector.map(Sector::as_str),
                self.country,
                self.city,
                fold(&self.city),
                self.website,
                url_domain(&self.website),
                self.status.as_str(),
                PriorityArea::join(&self.priority_areas),
                GrowthArea::join(&self.growth_areas),
                self.tags.join(","),
                self.notes,
                self.owner_member,
                self.owner_unit,
                self.orgnr,
                self.pic,
                self.oid,
                self.vat,
                self.share,
            ],
        )?;
        Ok(())
    }

    fn index(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "INSERT INTO orgs_fts (rowid, name, extra) VALUES (?1, ?2, ?3)",
            params![id, fold(&self.name), org_extra(self)],
        )?;
        Ok(())
    }

    fn unindex(tx: &Transaction, id: i64) -> Result<()> {
        tx.execute("DELETE FROM orgs_fts WHERE rowid = ?1", [id])?;
        Ok(())
    }
}

/// Recomputes an organisation's last contact from its interactions.
pub(super) fn refresh_last_contact(tx: &Transaction, org_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE orgs SET last_contact = (SELECT max(date) FROM interactions \
         WHERE org_id = ?1 AND deleted_at IS NULL) WHERE id = ?1",
        [org_id],
    )?;
    Ok(())
}

pub(super) fn validated(mut data: OrgData) -> Result<OrgData> {
    let errors = validate_org(&mut data);
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(Error::Invalid(errors))
    }
}

fn row_from(r: &Row) -> rusqlite::Result<OrgRow> {
    Ok(OrgRow {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: OrgKind::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        city: r.get(3)?,
        country: r.get(4)?,
        status: OrgStatus::parse(&r.get::<_, String>(5)?).unwrap_or_default(),
        last_contact: r.get(6)?,
    })
}

impl Store {
    /// Creates an organisation. When near-duplicates exist the save is refused with
    /// them, unless `create_anyway` is set; that choice is audited as `create_anyway`.
    pub fn create_org(&self, actor: &Actor, data: OrgData, create_anyway: bool) -> Result<i64> {
        require_partner_editor(actor)?;
        let mut data = validated(data)?;
        if data.owner_member.is_none() && data.owner_unit.is_none() {
            data.owner_member = Some(actor.member_id);
            data.owner_unit = actor.unit_id;
        }
        let similar: Vec<Similar> = self
            .similar_orgs(&data, &[])?
            .into_iter()
            .filter(Similar::is_near_duplicate)
            .collect();
        if !similar.is_empty() && !create_anyway {
            return Err(Error::Duplicate(similar));
        }
        self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO orgs (name, name_fold, sort_sv, kind, country, created_at, created_by, updated_at, updated_by) \
                 VALUES ('', '', '', '', '', :at, :by, :at, :by)",
                None,
            )?;
            let action = if similar.is_empty() { "create" } else { "create_anyway" };
            audit::record(
                tx,
                actor,
                action,
                "org",
                id,
                (!similar.is_empty()).then_some(&similar),
                Some(&audit::Snapshot { version: 1, data: &data }),
            )?;
            Ok(id)
        })
    }

    /// Saves an edit made to version `expected`; refused with who and when if someone
    /// else saved in between.
    pub fn update_org(&self, actor: &Actor, id: i64, expected: i64, data: OrgData) -> Result<()> {
        require_partner_editor(actor)?;
        let data = validated(data)?;
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    /// Soft-deletes an organisation (undo brings it back).
    pub fn delete_org(&self, actor: &Actor, id: i64) -> Result<()> {
        require_partner_editor(actor)?;
        self.write(|tx| {
            ensure_live(tx, "orgs", id)?;
            audit::set_deleted::<OrgData>(tx, actor, id, true)
        })
    }

    pub fn org(&self, id: i64) -> Result<crate::model::Org> {
        let sql = format!(
            "SELECT {ORG_COLUMNS}, (SELECT full_name FROM members WHERE id = o.owner_member), \
             (SELECT name FROM units WHERE id = o.owner_unit), o.last_contact, {} \
             FROM orgs o WHERE o.id = ?1 AND o.deleted_at IS NULL",
            meta_sql("o")
        );
        optional(self.conn().query_row(&sql, [id], |r| {
            Ok(crate::model::Org {
                id,
                data: org_data_from(r)?,
                owner_member_name: r.get(19)?,
                owner_unit_name: r.get(20)?,
                last_contact: r.get(21)?,
                meta: meta_from(r, 22)?,
            })
        }))?
        .ok_or(Error::NotFound)
    }

    /// Every live organisation as [`Store::org`] reads it, with the UID it was
    /// imported with, by folded name and id: the exports' one query (an `org` call
    /// each took most of an export of 100 000).
    pub(super) fn live_orgs_for_export(&self) -> Result<Vec<(crate::model::Org, Option<String>)>> {
        let sql = format!(
            "SELECT {ORG_COLUMNS}, (SELECT full_name FROM members WHERE id = o.owner_member), \
             (SELECT name FROM units WHERE id = o.owner_unit), o.last_contact, {}, o.id, o.import_uid \
             FROM orgs o WHERE o.deleted_at IS NULL ORDER BY o.name_fold, o.id",
            meta_sql("o")
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                crate::model::Org {
                    id: r.get(27)?,
                    data: org_data_from(r)?,
                    owner_member_name: r.get(19)?,
                    owner_unit_name: r.get(20)?,
                    last_contact: r.get(21)?,
                    meta: meta_from(r, 22)?,
                },
                r.get(28)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many organisations the filter shows.
    pub fn count_orgs(&self, filter: &OrgFilter) -> Result<i64> {
        Ok(match fts_prefix_query(&filter.text) {
            // The name index holds exactly the live rows and is far smaller than the table.
            None => self.conn().query_row(
                "SELECT count(*) FROM orgs INDEXED BY orgs_by_fold WHERE deleted_at IS NULL",
                [],
                |r| r.get(0),
            )?,
            Some(q) => {
                self.match_count.replace(None);
                match kind_filter(&filter.text) {
                    Some(k) => {
                        let mut stmt = self.conn().prepare_cached(&k.count)?;
                        stmt.query_row(rusqlite::params_from_iter(&k.params), |r| r.get(0))?
                    }
                    None => self.fts_matches(&q)?,
                }
            }
        })
    }

    /// One page of the organisation list, in the filter's order.
    ///
    /// With a filter, two plans: when few organisations match, their rows are fetched
    /// and sorted; when many match, the sort index is walked in order and each entry
    /// checked against the matches, which stops as soon as the page is full. Either
    /// way a keystroke in the filter stays cheap at 100 000 organisations.
    pub fn list_orgs(&self, filter: &OrgFilter, offset: i64, limit: i64) -> Result<Vec<OrgRow>> {
        let col = filter.order.column();
        let cols = "o.id, o.name, o.kind, o.city, o.country, o.status, o.last_contact";
        let Some(q) = fts_prefix_query(&filter.text) else {
            let sql = format!(
                "SELECT {cols} FROM orgs o WHERE o.deleted_at IS NULL ORDER BY o.{col}, o.id LIMIT ?1 OFFSET ?2"
            );
            let mut stmt = self.conn().prepare_cached(&sql)?;
            return Ok(stmt
                .query_map(params![limit, offset], row_from)?
                .collect::<rusqlite::Result<Vec<_>>>()?);
        };
        if let Some(k) = kind_filter(&filter.text) {
            return self.list_orgs_of_kind(&k, col, cols, offset, limit);
        }
        let matches = self.fts_matches(&q)?;
        let (walk_index, key_index) = match filter.order {
            SortOrder::Swedish => ("orgs_by_sv", "orgs_sv_by_id"),
            SortOrder::English => ("orgs_by_fold", "orgs_fold_by_id"),
        };
        let sql = if matches > MANY_MATCHES {
            format!(
                "SELECT {cols} FROM orgs o INDEXED BY {walk_index} \
                 WHERE o.id IN (SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?1) \
                 AND o.deleted_at IS NULL ORDER BY o.{col}, o.id LIMIT ?2 OFFSET ?3"
            )
        } else {
            format!(
                "SELECT {cols} FROM orgs o WHERE o.id IN \
                 (SELECT id FROM orgs INDEXED BY {key_index} \
                  WHERE id IN (SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?1) AND deleted_at IS NULL \
                  ORDER BY {col}, id LIMIT ?2 OFFSET ?3) \
                 ORDER BY o.{col}, o.id"
            )
        };
        let mut stmt = self.conn().prepare_cached(&sql)?;
        Ok(stmt
            .query_map(params![q, limit, offset], row_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One page of a filter that names a kind. The kind index (`orgs_by_kind`, and
    /// the full-text index for the other words) finds the matches; a kind with many
    /// organisations walks the sort index and stops when the page is full, as a
    /// common word does.
    fn list_orgs_of_kind(
        &self,
        k: &KindFilter,
        col: &str,
        cols: &str,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<OrgRow>> {
        let n = k.params.len();
        let matches: i64 = self
            .conn()
            .prepare_cached(&k.count)?
            .query_row(rusqlite::params_from_iter(&k.params), |r| r.get(0))?;
        let walk = if matches > MANY_MATCHES {
            match col {
                "sort_sv" => "INDEXED BY orgs_by_sv",
                _ => "INDEXED BY orgs_by_fold",
            }
        } else {
            ""
        };
        let sql = format!(
            "SELECT {cols} FROM orgs o {walk} WHERE {} ORDER BY o.{col}, o.id LIMIT ?{} OFFSET ?{}",
            k.condition,
            n + 1,
            n + 2
        );
        let mut values: Vec<rusqlite::types::Value> =
            k.params.iter().map(|p| p.clone().into()).collect();
        values.push(limit.into());
        values.push(offset.into());
        let mut stmt = self.conn().prepare_cached(&sql)?;
        Ok(stmt
            .query_map(rusqlite::params_from_iter(values), row_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many organisations a full-text query matches. The last answer is kept for
    /// the page query that usually follows the count (it only picks the query plan, so
    /// a count made stale by another process costs speed, never correctness).
    fn fts_matches(&self, q: &str) -> Result<i64> {
        if let Some((cached, n)) = self.match_count.borrow().as_ref()
            && cached == q
        {
            return Ok(*n);
        }
        let n: i64 = self.conn().query_row(
            "SELECT count(*) FROM orgs_fts WHERE orgs_fts MATCH ?1",
            [q],
            |r| r.get(0),
        )?;
        *self.match_count.borrow_mut() = Some((q.to_string(), n));
        Ok(n)
    }

    /// Where an organisation stands in the unfiltered list, to put the cursor on it.
    pub fn org_position(&self, filter: &OrgFilter, id: i64) -> Result<Option<i64>> {
        if !filter.text.trim().is_empty() {
            return Ok(None);
        }
        let col = filter.order.column();
        let sql = format!(
            "SELECT count(*) FROM orgs o, (SELECT {col} AS k FROM orgs WHERE id = ?1 AND deleted_at IS NULL) t \
             WHERE o.deleted_at IS NULL AND (o.{col} < t.k OR (o.{col} = t.k AND o.id < ?1))"
        );
        let exists: i64 = self.conn().query_row(
            "SELECT count(*) FROM orgs WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        if exists == 0 {
            return Ok(None);
        }
        Ok(Some(self.conn().query_row(&sql, [id], |r| r.get(0))?))
    }

    /// The registry's networks (id, name) in Swedish order: what memberships are in.
    pub fn networks(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name FROM orgs WHERE kind = 'network' AND deleted_at IS NULL ORDER BY sort_sv",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The organisation named by its id (`12` or `#12`) or its exact name (folded, so
    /// case and accents do not matter). Several of that name: ambiguous.
    pub fn org_by_name_or_id(&self, s: &str) -> Result<i64> {
        let s = s.trim();
        if let Ok(id) = s.trim_start_matches('#').parse::<i64>() {
            return optional(self.conn().query_row(
                "SELECT id FROM orgs WHERE id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            ))?
            .ok_or(Error::Rule("err.unknown_org"));
        }
        // A name with no letters or digits (empty, `!!!`, only emoji) folds to nothing
        // and would match any organisation whose name also folds to nothing.
        let folded = fold(s);
        if folded.is_empty() {
            return Err(Error::Rule("err.org_name_empty"));
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT id FROM orgs WHERE name_fold = ?1 AND deleted_at IS NULL LIMIT 2",
        )?;
        let ids = stmt
            .query_map([folded], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        match ids.as_slice() {
            [id] => Ok(*id),
            // A name merged into another organisation leads to that one.
            [] => self
                .org_by_former_name(s)?
                .ok_or(Error::Rule("err.unknown_org")),
            _ => Err(Error::Rule("err.ambiguous_org")),
        }
    }

    /// Existing organisations that look like `data`: a similar folded name, the same
    /// web or e-mail domain, the same identifier (organisation number, PIC, OID, VAT
    /// number), or the same city and country. `emails` are the e-mail
    /// addresses known for the new organisation's people, if any.
    pub fn similar_orgs(&self, data: &OrgData, emails: &[String]) -> Result<Vec<Similar>> {
        let name = fold(&data.name);
        let mut out: Vec<Similar> = Vec::new();
        let conn = self.conn();
        let base = "SELECT o.id, o.name, o.city, o.country, \
             coalesce((SELECT full_name FROM members WHERE id = o.owner_member), (SELECT name FROM units WHERE id = o.owner_unit)), \
             o.last_contact, o.name_fold FROM orgs o";
        let mut push = |r: &Row, reason: SimilarReason| -> rusqlite::Result<()> {
            let id: i64 = r.get(0)?;
            if !out.iter().any(|s| s.id == id) {
                out.push(Similar {
                    id,
                    name: r.get(1)?,
                    city: r.get(2)?,
                    country: r.get(3)?,
                    owner: r.get(4)?,
                    last_contact: r.get(5)?,
                    reason,
                });
            }
            Ok(())
        };
        if name.chars().count() >= 3 {
            // Candidates: the same folded name (name index), names with all the words,
            // and names with any word (first found); then the whole folded name must be
            // close. No relevance sort: it costs too much for common words.
            let words: Vec<String> = crate::text::words(&data.name)
                .into_iter()
                .filter(|w| w.len() >= 3)
                .map(|w| format!("\"{w}\"*"))
                .collect();
            let mut queries = vec![(
                format!("{base} WHERE o.name_fold = ?1 AND o.deleted_at IS NULL"),
                name.clone(),
            )];
            if !words.is_empty() {
                let fts = "SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?1 LIMIT 300";
                queries.push((
                    format!("{base} WHERE o.id IN ({fts}) AND o.deleted_at IS NULL"),
                    format!("{{name}}: ({})", words.join(" AND ")),
                ));
                queries.push((
                    format!("{base} WHERE o.id IN ({fts}) AND o.deleted_at IS NULL"),
                    format!("{{name}}: ({})", words.join(" OR ")),
                ));
            }
            for (sql, param) in queries {
                let mut stmt = conn.prepare_cached(&sql)?;
                let mut rows = stmt.query([&param])?;
                while let Some(r) = rows.next()? {
                    let other: String = r.get(6)?;
                    if names_similar(&name, &other) {
                        push(r, SimilarReason::Name)?;
                    }
                }
            }
        }
        let mut domains: Vec<String> = emails
            .iter()
            .map(|e| crate::model::email_domain(e))
            .collect();
        domains.push(url_domain(&data.website));
        domains.retain(|d| !d.is_empty());
        for d in &domains {
            // Two indexed lookups joined (an `OR` of the two is answered by scanning
            // every organisation: 60–100 ms a save at 100 000), in id order as the
            // scan gave them.
            let sql = format!(
                "{base} WHERE o.deleted_at IS NULL AND o.id IN \
                 (SELECT id FROM orgs WHERE web_domain = ?1 AND web_domain <> '' UNION \
                  SELECT org_id FROM persons WHERE email_domain = ?1 AND email_domain <> '' AND deleted_at IS NULL) \
                 ORDER BY o.id LIMIT 20"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([d])?;
            while let Some(r) = rows.next()? {
                push(r, SimilarReason::Domain)?;
            }
        }
        // A form's text may not be normalised yet: each identifier in stored form.
        for (column, value) in identifiers_of(data) {
            // The column name is one of four constants, never user text.
            let sql = format!(
                "{base} WHERE o.{column} = ?1 AND o.{column} <> '' AND o.deleted_at IS NULL LIMIT 20"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query([&value])?;
            while let Some(r) = rows.next()? {
                push(r, SimilarReason::Identifier)?;
            }
        }
        let city = fold(&data.city);
        if !city.is_empty() {
            let country = country::resolve(&data.country).unwrap_or("");
            let sql = format!(
                "{base} WHERE o.deleted_at IS NULL AND o.city_fold = ?1 AND o.country = ?2 \
                 ORDER BY o.last_contact DESC LIMIT 10"
            );
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![city, country])?;
            while let Some(r) = rows.next()? {
                push(r, SimilarReason::Place)?;
            }
        }
        Ok(out)
    }

    /// "Who in the municipality knows them": members with their unit and last contact.
    pub fn acquaintances(&self, org_id: i64) -> Result<Vec<Acquaintance>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.full_name, u.name, max(i.date), count(*) FROM interactions i \
             JOIN members m ON m.id = i.member_id LEFT JOIN units u ON u.id = i.unit_id \
             WHERE i.org_id = ?1 AND i.deleted_at IS NULL \
             GROUP BY i.member_id, i.unit_id ORDER BY max(i.date) DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([org_id], |r| {
            Ok(Acquaintance {
                member_name: r.get(0)?,
                unit_name: r.get(1)?,
                last_contact: r.get(2)?,
                contacts: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// An organisation's identifiers in stored form, with their column: those that are
/// set and valid.
pub(super) fn identifiers_of(data: &OrgData) -> Vec<(&'static str, String)> {
    [
        ("orgnr", crate::model::parse_orgnr(&data.orgnr)),
        ("pic", crate::model::parse_pic(&data.pic)),
        ("oid", crate::model::parse_oid(&data.oid)),
        ("vat", crate::model::parse_vat(&data.vat)),
    ]
    .into_iter()
    .filter_map(|(c, v)| v.ok().filter(|v| !v.is_empty()).map(|v| (c, v)))
    .collect()
}

/// Two folded names are near-duplicates when one equals the other, or their
/// Jaro-Winkler similarity is high, or one contains the other as whole words
/// ("lubeck" and "stadt lubeck").
pub(crate) fn names_similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let contains_words = |long: &str, short: &str| {
        short.len() >= 4 && format!(" {long} ").contains(&format!(" {short} "))
    };
    contains_words(a, b) || contains_words(b, a) || strsim::jaro_winkler(a, b) >= 0.92
}

pub(super) fn ensure_live(tx: &Transaction, table: &str, id: i64) -> Result<()> {
    let sql = format!("SELECT deleted_at IS NULL FROM {table} WHERE id = ?1");
    match optional(tx.query_row(&sql, [id], |r| r.get::<_, bool>(0)))? {
        Some(true) => Ok(()),
        _ => Err(Error::NotFound),
    }
}
