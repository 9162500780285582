//! Quick lookup across organisations, persons and interaction summaries.
//!
//! User text is folded into words and each word becomes a quoted prefix term, so no
//! input can break the FTS5 query. Ranking: exact name, then name prefix, then a word
//! match, then (only when nothing matched) names one typo away; among equals the most
//! recent contact first.

use super::orgs::fts_prefix_query;
use super::{Result, Store};
use crate::model::{Hit, HitKind};
use crate::text::{fold, words};
use rusqlite::params;

/// How many candidates each index may offer before ranking: 200, or ten more than the
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
        .clamp(200, 1_000)
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
        let (mut hits, mut partial) = self.candidates(&fts, &folded, false, n, wanted)?;
        if hits.is_empty()
            && let Some(fuzzy) = self.fuzzy_query(query)?
        {
            (hits, partial) = self.candidates(&fuzzy, &folded, true, n, wanted)?;
        }
        let query_words = words(query);
        let name_matches = |h: &Hit| {
            h.kind != HitKind::Organisation || {
                let name = fold(&h.name);
                query_words
                    .iter()
                    .all(|w| name.split(' ').any(|nw| nw.starts_with(w.as_str())))
            }
        };
        hits.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then_with(|| kind_order(a.kind).cmp(&kind_order(b.kind)))
                .then_with(|| name_matches(b).cmp(&name_matches(a)))
                .then_with(|| b.last_contact.cmp(&a.last_contact))
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        let more = hits.len().saturating_sub(limit);
        hits.truncate(limit);
        Ok(Found {
            hits,
            more,
            at_least: partial,
        })
    }

    fn candidates(
        &self,
        fts: &str,
        folded: &str,
        fuzzy: bool,
        n: i64,
        limit: i64,
    ) -> Result<(Vec<Hit>, bool)> {
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
        let mut hits: Vec<Hit> = Vec::new();
        // A source that filled its pool may have more.
        let mut partial = false;
        let conn = self.conn();

        // Organisations: FTS candidates plus the exact/prefix name matches from the
        // name index, so a short query cannot crowd out the exact name.
        let by_text = format!(
            "SELECT o.id, o.name, o.name_fold, o.city, o.country, {OWNER}, o.last_contact FROM orgs o {OWNER_JOIN} \
             WHERE o.id IN (SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH ?1 LIMIT ?2)"
        );
        let by_name_words = format!("name : ({fts})");
        let by_name = format!(
            "SELECT o.id, o.name, o.name_fold, o.city, o.country, {OWNER}, o.last_contact \
             FROM orgs o INDEXED BY orgs_by_fold {OWNER_JOIN} \
             WHERE o.deleted_at IS NULL AND o.name_fold >= ?1 AND o.name_fold < ?1 || '~' LIMIT ?2"
        );
        let mut org_queries = vec![(by_text.clone(), by_name_words), (by_text, fts.to_string())];
        if !fuzzy {
            org_queries.push((by_name, folded.to_string()));
        }
        for (sql, param) in org_queries {
            let mut stmt = conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![param, n])?;
            let mut seen = 0;
            while let Some(r) = rows.next()? {
                seen += 1;
                let id: i64 = r.get(0)?;
                if hits.iter().any(|h| h.id == id) {
                    continue;
                }
                let name_fold: String = r.get(2)?;
                hits.push(Hit {
                    kind: HitKind::Organisation,
                    id,
                    org_id: id,
                    name: r.get(1)?,
                    context: None,
                    city: r.get(3)?,
                    country: r.get(4)?,
                    owner: r.get(5)?,
                    last_contact: r.get(6)?,
                    rank: rank_of(&name_fold),
                });
            }
            partial |= seen >= n;
        }

        // Persons rank 1 at best and interaction summaries 2: when enough better hits
        // are already in, their queries cannot change the answer and are skipped.
        let better = |hits: &[Hit], rank: u8| hits.iter().filter(|h| h.rank < rank).count() as i64;
        if !fuzzy && better(&hits, 1) >= limit {
            return Ok((hits, true));
        }
        // The full-text hits drive each join (CROSS JOIN fixes the order), so the
        // planner never walks a whole table to meet them.
        let person_sql = format!(
            "WITH hits AS MATERIALIZED (SELECT rowid AS id FROM persons_fts WHERE persons_fts MATCH ?1 LIMIT ?2) \
             SELECT p.id, p.name, o.id, o.name, o.city, o.country, {OWNER}, o.last_contact \
             FROM hits h CROSS JOIN persons p CROSS JOIN orgs o {OWNER_JOIN} \
             WHERE p.id = h.id AND o.id = p.org_id AND o.deleted_at IS NULL AND p.deleted_at IS NULL"
        );
        let mut stmt = conn.prepare_cached(&person_sql)?;
        let mut rows = stmt.query(params![fts, n])?;
        let mut seen = 0;
        while let Some(r) = rows.next()? {
            seen += 1;
            let name: String = r.get(1)?;
            hits.push(Hit {
                kind: HitKind::Person,
                id: r.get(0)?,
                org_id: r.get(2)?,
                rank: rank_of(&fold(&name)).max(1),
                name,
                context: r.get(3)?,
                city: r.get(4)?,
                country: r.get(5)?,
                owner: r.get(6)?,
                last_contact: r.get(7)?,
            });
        }

        if !fuzzy && better(&hits, 2) >= limit {
            return Ok((hits, true));
        }
        let interaction_sql = format!(
            "WITH hits AS MATERIALIZED (SELECT rowid AS id FROM interactions_fts WHERE interactions_fts MATCH ?1 LIMIT ?2) \
             SELECT i.id, i.summary, o.id, o.name, o.city, o.country, {OWNER}, i.date \
             FROM hits h CROSS JOIN interactions i CROSS JOIN orgs o {OWNER_JOIN} \
             WHERE i.id = h.id AND o.id = i.org_id AND o.deleted_at IS NULL AND i.deleted_at IS NULL"
        );
        partial |= seen >= n;
        let mut stmt = conn.prepare_cached(&interaction_sql)?;
        let mut rows = stmt.query(params![fts, n])?;
        let mut seen = 0;
        while let Some(r) = rows.next()? {
            seen += 1;
            hits.push(Hit {
                kind: HitKind::Interaction,
                id: r.get(0)?,
                org_id: r.get(2)?,
                name: r.get(1)?,
                context: r.get(3)?,
                city: r.get(4)?,
                country: r.get(5)?,
                owner: r.get(6)?,
                last_contact: r.get(7)?,
                rank: if fuzzy { 3 } else { 2 },
            });
        }
        partial |= seen >= n;
        Ok((hits, partial))
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
