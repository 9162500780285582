//! Quick lookup across organisations, persons and interaction summaries.
//!
//! User text is folded into words and each word becomes a quoted prefix term, so no
//! input can break the FTS5 query. Ranking: exact name, then name prefix, then a word
//! match, then (only when nothing matched) names one typo away; among equals the most
//! recent contact first. An identifier (organisation number, PIC, OID, VAT number)
//! ranks as an exact name, found in its own index.

use super::orgs::fts_prefix_query;
use super::{Result, Store};
use crate::model::{Hit, HitKind};
use crate::text::{fold, words};
use rusqlite::params;

/// How many candidates each index may offer before ranking: 110, or ten more than the
/// hits asked for when that is more (at most 1 000). The pool does not shrink with the
/// limit, so the limit is applied after ranking: `--limit 20` is the start of
/// `--limit 100`. The full-text candidates are the first found (no relevance sort:
/// sorting every match of a one-letter prefix costs hundreds of milliseconds at
/// 100 000 rows); organisations whose *name* matches are asked for first, and exact
/// and prefix name matches come from the name index on top, so a city or a tag
/// matching many organisations cannot crowd them out.
fn candidates_for(limit: usize) -> i64 {
    i64::try_from(limit)
        .unwrap_or(i64::MAX)
        .saturating_add(10)
        .clamp(110, 1_000)
}

/// What quick lookup found: the best `limit` hits, and how many more it saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Further hits beyond the limit, among the candidates looked at.
    pub more: usize,
    /// True when there may be more than `more` (a source gave a full pool, or was not
    /// asked because better hits already filled the limit).
    pub at_least: bool,
}

/// A hit before it is read in full: what ranking needs.
struct Candidate {
    kind: HitKind,
    id: i64,
    org_id: i64,
    rank: u8,
    /// For an organisation: its name holds every word of the query.
    name_match: bool,
    last_contact: Option<String>,
    /// The folded name (organisations, persons), the last tie-break before the id.
    sort_name: String,
}

/// Where a kind of hit stands among hits of the same rank: organisations first, then
/// persons, then contact summaries.
fn kind_order(kind: HitKind) -> u8 {
    match kind {
        HitKind::Organisation => 0,
        HitKind::Person => 1,
        HitKind::Interaction => 2,
    }
}

/// The owner column and the joins it needs (after `orgs o`).
const OWNER: &str = "coalesce(om.full_name, ou.name)";
const OWNER_JOIN: &str =
    "LEFT JOIN members om ON om.id = o.owner_member LEFT JOIN units ou ON ou.id = o.owner_unit";

impl Store {
    /// Finds up to `limit` hits for `query`, best first.
    pub fn find(&self, query: &str, limit: usize) -> Result<Vec<Hit>> {
        Ok(self.find_counted(query, limit)?.hits)
    }

    /// Finds up to `limit` hits for `query`, best first: by rank (exact name, name
    /// prefix, word, typo), then organisations before persons before contact
    /// summaries, then organisations whose name matches before those matched by city
    /// or tags, then the most recent contact. Says how many more there are.
    ///
    /// Two steps, so the pool can be large without making every lookup slow: the
    /// candidates are ranked from the few columns ranking needs (ids, folded names,
    /// dates), and only the hits shown are then read in full (names, place, owner).
    pub fn find_counted(&self, query: &str, limit: usize) -> Result<Found> {
        let Some(fts) = fts_prefix_query(query) else {
            return Ok(Found {
                hits: Vec::new(),
                more: 0,
                at_least: false,
            });
        };
        let folded = fold(query);
        let n = candidates_for(limit);
        let wanted = i64::try_from(limit).unwrap_or(i64::MAX);
        let (mut cands, mut partial) = self.candidates(&fts, &folded, false, n, wanted)?;
        if cands.is_empty()
            && let Some(fuzzy) = self.fuzzy_query(query)?
        {
            (cands, partial) = self.candidates(&fuzzy, &folded, true, n, wanted)?;
        }
        let query_words = words(query);
        for c in &mut cands {
            c.name_match = c.kind != HitKind::Organisation
                || query_words
                    .iter()
                    .all(|w| c.sort_name.split(' ').any(|nw| nw.starts_with(w.as_str())));
        }
        cands.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| kind_order(a.kind).cmp(&kind_order(b.kind)))
                .then_with(|| b.name_match.cmp(&a.name_match))
                .then_with(|| b.last_contact.cmp(&a.last_contact))
                .then_with(|| a.sort_name.cmp(&b.sort_name))
                .then_with(|| a.id.cmp(&b.id))
        });
        let more = cands.len().saturating_sub(limit);
        cands.truncate(limit);
        let hits = cands
            .into_iter()
            .map(|c| self.hit(c))
            .collect::<Result<Vec<_>>>()?;
        Ok(Found {
            hits,
            more,
            at_least: partial,
        })
    }

    /// Reads a ranked candidate in full, for showing.
    fn hit(&self, c: Candidate) -> Result<Hit> {
        let conn = self.conn();
        let org_sql = format!(
            "SELECT o.name, o.city, o.country, {OWNER} FROM orgs o {OWNER_JOIN} WHERE o.id = ?1"
        );
        let mut stmt = conn.prepare_cached(&org_sql)?;
        let (org_name, city, country, owner): (String, String, String, Option<String>) = stmt
            .query_row([c.org_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?;
        let (name, context) = match c.kind {
            HitKind::Organisation => (org_name, None),
            HitKind::Person => {
                let mut stmt = conn.prepare_cached("SELECT name FROM persons WHERE id = ?1")?;
                (stmt.query_row([c.id], |r| r.get(0))?, Some(org_name))
            }
            HitKind::Interaction => {
                let mut stmt =
                    conn.prepare_cached("SELECT summary FROM interactions WHERE id = ?1")?;
                (stmt.query_row([c.id], |r| r.get(0))?, Some(org_name))
            }
        };
        Ok(Hit {
            kind: c.kind,
            id: c.id,
            org_id: c.org_id,
            name,
            context,
            city,
            country,
            owner,
            last_contact: c.last_contact,
            rank: c.rank,
        })
    }

    /// The candidates of each source, with what ranking needs. Returns whether a
    /// source may have had more (a full pool, or a source skipped because better hits
    /// already fill the limit).
    fn candidates(
        &self,
        fts: &str,
        folded: &str,
        fuzzy: bool,
        n: i64,
        limit: i64,
    ) -> Result<(Vec<Candidate>, bool)> {
        let rank_of = |name_fold: &str| -> u8 {
            if fuzzy {
                3
            } else if name_fold == folded {
                0
            } else if name_fold.starts_with(folded) {
                1
            } else {
                2
            }
        };
        let mut cands: Vec<Candidate> = Vec::new();
        let mut seen_orgs = std::collections::HashSet::new();
        let mut partial = false;
        let conn = self.conn();

        // Organisations: those whose name matches, then any field, then exact and
        // prefix names from the name index, so neither a short query nor a city shared
        // by many can crowd out the names.
        let by_text = "SELECT o.id, o.name_fold, o.last_contact FROM orgs o \
             WHERE o.id IN (SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?1 LIMIT ?2)";
        let by_name = "SELECT o.id, o.name_fold, o.last_contact FROM orgs o INDEXED BY orgs_by_fold \
             WHERE o.deleted_at IS NULL AND o.name_fold >= ?1 AND o.name_fold < ?1 || '~' LIMIT ?2";
        // An identifier (organisation number, PIC, OID, VAT) is an exact name: rank 0,
        // found in its index.
        if !fuzzy {
            for (column, value) in crate::model::identifier_forms(folded) {
                // The column is one of four constants, never user text.
                let sql = format!(
                    "SELECT o.id, o.name_fold, o.last_contact FROM orgs o \
                     WHERE o.{column} = ?1 AND o.{column} <> '' AND o.deleted_at IS NULL LIMIT ?2"
                );
                let mut stmt = conn.prepare_cached(&sql)?;
                let mut rows = stmt.query(params![value, n])?;
                while let Some(r) = rows.next()? {
                    let id: i64 = r.get(0)?;
                    if seen_orgs.insert(id) {
                        cands.push(Candidate {
                            kind: HitKind::Organisation,
                            id,
                            org_id: id,
                            rank: 0,
                            name_match: false,
                            last_contact: r.get(2)?,
                            sort_name: r.get(1)?,
                        });
                    }
                }
            }
        }
        // A former name (an organisation merged into another) leads to the kept one,
        // ranked as its own name would be; found in the former names' index.
        if !fuzzy {
            let mut stmt = conn.prepare_cached(
                "SELECT o.id, f.name_fold, o.last_contact FROM former_names f JOIN orgs o ON o.id = f.org_id \
                 WHERE f.name_fold >= ?1 AND f.name_fold < ?1 || '~' AND f.name <> '' \
                 AND o.deleted_at IS NULL LIMIT ?2",
            )?;
            let mut rows = stmt.query(params![folded, n])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let former: String = r.get(1)?;
                if seen_orgs.insert(id) {
                    cands.push(Candidate {
                        kind: HitKind::Organisation,
                        id,
                        org_id: id,
                        rank: rank_of(&former),
                        name_match: false,
                        last_contact: r.get(2)?,
                        sort_name: former,
                    });
                }
            }
        }
        let mut org_queries = vec![(by_text, format!("name : ({fts})"))];
        if !fuzzy {
            org_queries.push((by_name, folded.to_string()));
        }
        org_queries.push((by_text, fts.to_string()));
        let last = org_queries.len() - 1;
        for (i, (sql, param)) in org_queries.into_iter().enumerate() {
            // Organisations matched only by city or tags sort after every one whose
            // name matches: when those already fill the limit, they cannot be shown.
            if i == last && !fuzzy && cands.len() as i64 >= limit {
                partial = true;
                break;
            }
            let mut stmt = conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![param, n])?;
            let mut seen = 0;
            while let Some(r) = rows.next()? {
                seen += 1;
                let id: i64 = r.get(0)?;
                if !seen_orgs.insert(id) {
                    continue;
                }
                let name_fold: String = r.get(1)?;
                cands.push(Candidate {
                    kind: HitKind::Organisation,
                    id,
                    org_id: id,
                    rank: rank_of(&name_fold),
                    name_match: false,
                    last_contact: r.get(2)?,
                    sort_name: name_fold,
                });
            }
            partial |= seen >= n;
        }

        // Persons rank 1 at best: when enough exact names are already in, they cannot
        // change the answer and are not asked for.
        let better = |c: &[Candidate], rank: u8| c.iter().filter(|h| h.rank < rank).count() as i64;
        if !fuzzy && better(&cands, 1) >= limit {
            return Ok((cands, true));
        }
        // The full-text hits drive each join (CROSS JOIN fixes the order), so the
        // planner never walks a whole table to meet them.
        let mut stmt = conn.prepare_cached(
            "WITH hits AS MATERIALIZED (SELECT rowid AS id FROM persons_fts WHERE persons_fts MATCH ?1 LIMIT ?2) \
             SELECT p.id, p.name, o.id, o.last_contact \
             FROM hits h CROSS JOIN persons p CROSS JOIN orgs o \
             WHERE p.id = h.id AND o.id = p.org_id AND o.deleted_at IS NULL AND p.deleted_at IS NULL \
             AND p.restricted = 0",
        )?;
        // Organisations of rank 2 or better already filling the limit leave room only
        // for persons whose name starts with the query (rank 1): ask for names only.
        let orgs_fill = !fuzzy && better(&cands, 3) >= limit;
        let person_query = if orgs_fill {
            partial = true;
            format!("name : ({fts})")
        } else {
            fts.to_string()
        };
        let mut rows = stmt.query(params![person_query, n])?;
        let mut seen = 0;
        while let Some(r) = rows.next()? {
            seen += 1;
            let name = fold(&r.get::<_, String>(1)?);
            cands.push(Candidate {
                kind: HitKind::Person,
                id: r.get(0)?,
                org_id: r.get(2)?,
                rank: rank_of(&name).max(1),
                name_match: true,
                last_contact: r.get(3)?,
                sort_name: name,
            });
        }
        partial |= seen >= n;

        // Contact summaries come last among equals (rank 2): enough organisations and
        // persons of rank 2 or better leave them no place.
        if !fuzzy && better(&cands, 3) >= limit {
            return Ok((cands, true));
        }
        let mut stmt = conn.prepare_cached(
            "WITH hits AS MATERIALIZED (SELECT rowid AS id FROM interactions_fts WHERE interactions_fts MATCH ?1 LIMIT ?2) \
             SELECT i.id, o.id, i.date \
             FROM hits h CROSS JOIN interactions i CROSS JOIN orgs o \
             WHERE i.id = h.id AND o.id = i.org_id AND o.deleted_at IS NULL AND i.deleted_at IS NULL",
        )?;
        let mut rows = stmt.query(params![fts, n])?;
        let mut seen = 0;
        while let Some(r) = rows.next()? {
            seen += 1;
            cands.push(Candidate {
                kind: HitKind::Interaction,
                id: r.get(0)?,
                org_id: r.get(1)?,
                rank: if fuzzy { 3 } else { 2 },
                name_match: true,
                last_contact: r.get(2)?,
                sort_name: String::new(),
            });
        }
        partial |= seen >= n;
        Ok((cands, partial))
    }

    /// For a query that matched nothing: each word is replaced by the indexed name
    /// words at most one edit away (a typo, a missing or extra letter, two letters
    /// swapped). `None` when no word has such a neighbour.
    fn fuzzy_query(&self, query: &str) -> Result<Option<String>> {
        let mut groups = Vec::new();
        let mut any = false;
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT term FROM orgs_vocab WHERE term >= ?1 AND term < ?2")?;
        for word in words(query) {
            let mut alternatives = vec![word.clone()];
            if word.chars().count() >= 4 {
                // A neighbour shares the first letter, or (when the typo is in the first
                // letter) the second.
                let mut starts: Vec<String> = word.chars().take(2).map(String::from).collect();
                starts.dedup();
                for start in starts {
                    let upper = format!("{start}\u{7f}");
                    let mut rows = stmt.query(params![start, upper])?;
                    while let Some(r) = rows.next()? {
                        let term: String = r.get(0)?;
                        if term != word
                            && term.len().abs_diff(word.len()) <= 1
                            && strsim::osa_distance(&term, &word) <= 1
                            && !alternatives.contains(&term)
                        {
                            alternatives.push(term);
                            any = true;
                        }
                    }
                }
            }
            let group = alternatives
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" OR ");
            groups.push(format!("({group})"));
        }
        Ok(any.then(|| groups.join(" AND ")))
    }
}
