//! News items, who has read them, and the login summary.

use super::audit::{self, Entity};
use super::{Error, Result, Store, meta_from, meta_sql, now, optional, today};
use crate::model::{
    Actor, GrowthArea, News, NewsCategory, NewsData, NewsRow, PriorityArea, ReadStats, Role,
    Warning, validate_news,
};
use crate::text::fold;
use rusqlite::types::ToSql;
use rusqlite::{Connection, Row, Transaction, params};

/// What the news list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsFilter {
    pub text: String,
    pub unread_only: bool,
    pub category: Option<NewsCategory>,
    /// A priority or growth area word.
    pub area: Option<String>,
    /// Calls whose deadline is within this many days (and not passed).
    pub deadline_within: Option<i64>,
    /// Expired items instead of current ones.
    pub archive: bool,
}

fn ids_join(ids: &[i64]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(
            ",{},",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        )
    }
}

fn ids_split(s: &str) -> Vec<i64> {
    s.split(',').filter_map(|p| p.parse().ok()).collect()
}

const COLUMNS: &str = "n.title, n.body, n.category, n.priority_areas, n.growth_areas, n.audience, n.deadline, \
     n.event_date, n.links, n.partners, n.pinned, n.expires";

fn data_from(r: &Row) -> rusqlite::Result<NewsData> {
    Ok(NewsData {
        title: r.get(0)?,
        body: r.get(1)?,
        category: NewsCategory::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        priority_areas: PriorityArea::split(&r.get::<_, String>(3)?),
        growth_areas: GrowthArea::split(&r.get::<_, String>(4)?),
        audience: ids_split(&r.get::<_, String>(5)?),
        deadline: r.get(6)?,
        event_date: r.get(7)?,
        links: r.get::<_, String>(8)?.lines().map(str::to_string).collect(),
        partners: ids_split(&r.get::<_, String>(9)?),
        pinned: r.get(10)?,
        expires: r.get(11)?,
    })
}

impl Entity for NewsData {
    const TABLE: &'static str = "news";
    const NAME: &'static str = "news";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {COLUMNS}, n.version FROM news n WHERE n.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((data_from(r)?, r.get(12)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE news SET title = ?2, body = ?3, category = ?4, priority_areas = ?5, growth_areas = ?6, \
             audience = ?7, deadline = ?8, event_date = ?9, links = ?10, partners = ?11, pinned = ?12, expires = ?13 \
             WHERE id = ?1",
            params![
                id,
                self.title,
                self.body,
                self.category.as_str(),
                PriorityArea::join(&self.priority_areas),
                GrowthArea::join(&self.growth_areas),
                ids_join(&self.audience),
                self.deadline,
                self.event_date,
                self.links.join("\n"),
                ids_join(&self.partners),
                self.pinned,
                self.expires,
            ],
        )?;
        Ok(())
    }

    fn index(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "INSERT INTO news_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
            params![id, fold(&self.title), fold(&self.body)],
        )?;
        Ok(())
    }

    fn unindex(tx: &Transaction, id: i64) -> Result<()> {
        tx.execute("DELETE FROM news_fts WHERE rowid = ?1", [id])?;
        Ok(())
    }
}

/// Members and the office post news; viewers read.
fn may_post(actor: &Actor) -> Result<()> {
    if actor.role == Role::Viewer {
        Err(Error::Forbidden)
    } else {
        Ok(())
    }
}

/// Only the office pins items to the top of everyone's feed.
fn may_pin(actor: &Actor, data: &NewsData) -> Result<()> {
    if data.pinned && !actor.is_office() {
        Err(Error::Forbidden)
    } else {
        Ok(())
    }
}

/// [`Actor::may_edit_news`], as a store error.
fn may_edit(actor: &Actor, author: i64) -> Result<()> {
    if actor.may_edit_news(author) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn validated(mut data: NewsData) -> Result<(NewsData, Vec<Warning>)> {
    let mut warnings = Vec::new();
    let errors = validate_news(&mut data, &today(), &mut warnings);
    if errors.is_empty() {
        Ok((data, warnings))
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Named SQL parameters built at run time.
type Params = Vec<(&'static str, Box<dyn ToSql>)>;

/// Which items a query is about.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// The member's own drafts.
    Drafts,
    /// Published items.
    Published,
    /// Both.
    All,
}

/// The WHERE clause for what `me` may see, with the filter, and its parameters.
/// Named parameters: `:me`, `:unit`, `:office`, `:today`, plus the filter's. The
/// published part names `deleted_at IS NULL AND published_at IS NOT NULL` as the feed
/// index does, so the feed is read in index order.
fn visible_where(me: &Actor, f: &NewsFilter) -> (String, Params) {
    part_where(me, f, Part::All)
}

fn part_where(me: &Actor, f: &NewsFilter, part: Part) -> (String, Params) {
    let mut sql = String::from(match part {
        Part::Drafts => "n.deleted_at IS NULL AND n.published_at IS NULL AND n.author_id = :me",
        Part::Published => {
            "n.deleted_at IS NULL AND n.published_at IS NOT NULL \
             AND (n.audience = '' OR instr(n.audience, ',' || :unit || ',') > 0 OR n.author_id = :me OR :office)"
        }
        Part::All => {
            "n.deleted_at IS NULL \
             AND (n.published_at IS NOT NULL OR n.author_id = :me) \
             AND (n.audience = '' OR instr(n.audience, ',' || :unit || ',') > 0 OR n.author_id = :me OR :office)"
        }
    });
    let mut p: Params = vec![
        (":me", Box::new(me.member_id)),
        (":unit", Box::new(me.unit_id.unwrap_or(-1))),
        (":office", Box::new(me.is_office())),
        (":today", Box::new(today())),
    ];
    if f.archive {
        sql.push_str(" AND n.expires IS NOT NULL AND n.expires < :today");
    } else {
        sql.push_str(" AND (n.expires IS NULL OR n.expires >= :today)");
    }
    if f.unread_only {
        sql.push_str(
            " AND n.published_at IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM news_reads r WHERE r.member_id = :me AND r.news_id = n.id)",
        );
    }
    if let Some(c) = f.category {
        sql.push_str(" AND n.category = :category");
        p.push((":category", Box::new(c.as_str())));
    }
    if let Some(a) = &f.area {
        sql.push_str(
            " AND (instr(',' || n.priority_areas || ',', ',' || :area || ',') > 0 \
             OR instr(',' || n.growth_areas || ',', ',' || :area || ',') > 0)",
        );
        p.push((":area", Box::new(a.clone())));
    }
    if let Some(days) = f.deadline_within {
        sql.push_str(
            " AND n.deadline >= :today AND n.deadline <= date(:today, '+' || :days || ' days')",
        );
        p.push((":days", Box::new(days)));
    }
    if let Some(q) = super::orgs::fts_prefix_query(&f.text) {
        sql.push_str(" AND n.id IN (SELECT rowid FROM news_fts WHERE news_fts MATCH :q)");
        p.push((":q", Box::new(q)));
    }
    (sql, p)
}

fn as_refs<'a>(p: &'a [(&'static str, Box<dyn ToSql>)]) -> Vec<(&'static str, &'a dyn ToSql)> {
    p.iter().map(|(k, v)| (*k, v.as_ref())).collect()
}

/// Keeps only the parameters a statement names (SQLite refuses unknown names).
fn used<'a>(
    sql: &str,
    p: Vec<(&'static str, &'a dyn ToSql)>,
) -> Vec<(&'static str, &'a dyn ToSql)> {
    p.into_iter().filter(|(k, _)| sql.contains(k)).collect()
}

impl Store {
    /// Posts a news item: published now, or kept as the author's draft.
    pub fn post_news(
        &self,
        actor: &Actor,
        data: NewsData,
        publish: bool,
    ) -> Result<(i64, Vec<Warning>)> {
        may_post(actor)?;
        may_pin(actor, &data)?;
        let (data, warnings) = validated(data)?;
        let id = self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO news (title, category, author_id, created_at, created_by, updated_at, updated_by) \
                 VALUES ('', '', :by, :at, :by, :at, :by)",
                None,
            )?;
            let at = now();
            if publish {
                tx.execute("UPDATE news SET published_at = ?1 WHERE id = ?2", params![at, id])?;
            }
            // The author has read what they wrote.
            tx.execute(
                "INSERT OR IGNORE INTO news_reads (news_id, member_id, read_at) VALUES (?1, ?2, ?3)",
                params![id, actor.member_id, at],
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })?;
        Ok((id, warnings))
    }

    /// Saves an edit; `publish` publishes a draft. A published item edited is marked
    /// as edited.
    pub fn update_news(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        data: NewsData,
        publish: bool,
    ) -> Result<Vec<Warning>> {
        let current = self.news(actor, id)?;
        may_edit(actor, current.author_id)?;
        if data.pinned != current.data.pinned {
            may_pin(actor, &data)?;
        }
        let (data, warnings) = validated(data)?;
        self.write(|tx| {
            audit::update(tx, actor, id, expected, &data)?;
            let at = now();
            if current.published_at.is_some() {
                tx.execute(
                    "UPDATE news SET edited_at = ?1 WHERE id = ?2",
                    params![at, id],
                )?;
            } else if publish {
                tx.execute(
                    "UPDATE news SET published_at = ?1 WHERE id = ?2",
                    params![at, id],
                )?;
            }
            Ok(())
        })?;
        Ok(warnings)
    }

    pub fn delete_news(&self, actor: &Actor, id: i64) -> Result<()> {
        let current = self.news(actor, id)?;
        may_edit(actor, current.author_id)?;
        self.write(|tx| audit::set_deleted::<NewsData>(tx, actor, id, true))
    }

    /// One item as `me` sees it.
    pub fn news(&self, me: &Actor, id: i64) -> Result<News> {
        let sql = format!(
            "SELECT {COLUMNS}, n.author_id, m.full_name, n.published_at, n.edited_at, \
             EXISTS (SELECT 1 FROM news_reads r WHERE r.member_id = ?2 AND r.news_id = n.id), {} \
             FROM news n JOIN members m ON m.id = n.author_id WHERE n.id = ?1 AND n.deleted_at IS NULL \
             AND (n.published_at IS NOT NULL OR n.author_id = ?2)",
            meta_sql("n")
        );
        optional(self.conn().query_row(&sql, params![id, me.member_id], |r| {
            Ok(News {
                id,
                data: data_from(r)?,
                author_id: r.get(12)?,
                author: r.get(13)?,
                published_at: r.get(14)?,
                edited_at: r.get(15)?,
                read: r.get(16)?,
                partner_names: Vec::new(),
                meta: meta_from(r, 17)?,
            })
        }))?
        .ok_or(Error::NotFound)
        .and_then(|mut n| {
            let mut stmt = self
                .conn()
                .prepare_cached("SELECT name FROM orgs WHERE id = ?1 AND deleted_at IS NULL")?;
            for id in &n.data.partners {
                if let Some(name) = optional(stmt.query_row([id], |r| r.get::<_, String>(0)))? {
                    n.partner_names.push(name);
                }
            }
            Ok(n)
        })
    }

    pub fn count_news(&self, me: &Actor, f: &NewsFilter) -> Result<i64> {
        let (w, p) = visible_where(me, f);
        let sql = format!("SELECT count(*) FROM news n WHERE {w}");
        let refs = used(&sql, as_refs(&p));
        Ok(self.conn().query_row(&sql, refs.as_slice(), |r| r.get(0))?)
    }

    /// One page of the feed: my drafts first, then pinned, then newest.
    pub fn list_news(
        &self,
        me: &Actor,
        f: &NewsFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<NewsRow>> {
        // Drafts (few, the member's own) first, then the feed in index order.
        let drafts = if f.unread_only {
            0
        } else {
            self.count_part(me, f, Part::Drafts)?
        };
        let mut rows = Vec::new();
        if offset < drafts {
            rows = self.list_part(me, f, Part::Drafts, offset, limit)?;
        }
        let left = limit.saturating_sub(i64::try_from(rows.len()).unwrap_or(i64::MAX));
        if left > 0 {
            rows.extend(self.list_part(me, f, Part::Published, (offset - drafts).max(0), left)?);
        }
        Ok(rows)
    }

    fn count_part(&self, me: &Actor, f: &NewsFilter, part: Part) -> Result<i64> {
        let (w, p) = part_where(me, f, part);
        let sql = format!("SELECT count(*) FROM news n WHERE {w}");
        let refs = used(&sql, as_refs(&p));
        Ok(self.conn().query_row(&sql, refs.as_slice(), |r| r.get(0))?)
    }

    fn list_part(
        &self,
        me: &Actor,
        f: &NewsFilter,
        part: Part,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<NewsRow>> {
        let (w, mut p) = part_where(me, f, part);
        p.push((":limit", Box::new(limit)));
        p.push((":offset", Box::new(offset)));
        let order = match part {
            Part::Drafts => "n.updated_at DESC, n.id DESC",
            _ => "n.pinned DESC, n.published_at DESC, n.id DESC",
        };
        let sql = format!(
            "SELECT n.id, n.title, n.category, m.full_name, n.published_at, n.deadline, n.event_date, n.pinned, \
             EXISTS (SELECT 1 FROM news_reads r WHERE r.member_id = :me AND r.news_id = n.id) \
             FROM news n JOIN members m ON m.id = n.author_id WHERE {w} \
             ORDER BY {order} LIMIT :limit OFFSET :offset"
        );
        let refs = used(&sql, as_refs(&p));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(refs.as_slice(), |r| {
            Ok(NewsRow {
                id: r.get(0)?,
                title: r.get(1)?,
                category: NewsCategory::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
                author: r.get(3)?,
                published_at: r.get(4)?,
                deadline: r.get(5)?,
                event_date: r.get(6)?,
                pinned: r.get(7)?,
                read: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Published, current items `me` has not read.
    pub fn unread_news(&self, me: &Actor) -> Result<i64> {
        self.count_news(
            me,
            &NewsFilter {
                unread_only: true,
                ..NewsFilter::default()
            },
        )
    }

    /// The login summary: unread items, and calls closing within 7 days.
    pub fn news_status(&self, me: &Actor) -> Result<(i64, i64)> {
        let unread = self.unread_news(me)?;
        let closing = self.count_news(
            me,
            &NewsFilter {
                category: Some(NewsCategory::Call),
                deadline_within: Some(7),
                ..NewsFilter::default()
            },
        )?;
        Ok((unread, closing))
    }

    /// Marks an item read or unread for `me`.
    pub fn set_news_read(&self, me: &Actor, id: i64, read: bool) -> Result<()> {
        self.news(me, id)?;
        self.write(|tx| {
            if read {
                tx.execute(
                    "INSERT OR IGNORE INTO news_reads (news_id, member_id, read_at) VALUES (?1, ?2, ?3)",
                    params![id, me.member_id, now()],
                )?;
            } else {
                tx.execute("DELETE FROM news_reads WHERE news_id = ?1 AND member_id = ?2", params![id, me.member_id])?;
            }
            Ok(())
        })
    }

    /// Marks read exactly what the filter shows. Returns how many became read.
    pub fn mark_all_read(&self, me: &Actor, f: &NewsFilter) -> Result<usize> {
        let (w, p) = visible_where(me, f);
        let sql = format!(
            "INSERT OR IGNORE INTO news_reads (news_id, member_id, read_at) \
             SELECT n.id, :me, :now FROM news n WHERE {w} AND n.published_at IS NOT NULL"
        );
        let at = now();
        self.write(|tx| {
            let mut refs = used(&sql, as_refs(&p));
            refs.push((":now", &at));
            Ok(tx.execute(&sql, refs.as_slice())?)
        })
    }

    /// Who has read an item, of the members and units it was meant for. The author
    /// and the office only.
    pub fn read_stats(&self, actor: &Actor, id: i64) -> Result<ReadStats> {
        let item = self.news(actor, id)?;
        may_edit(actor, item.author_id)?;
        let audience = ids_join(&item.data.audience);
        let conn = self.conn();
        let scope = "m.active = 1 AND (?2 = '' OR instr(?2, ',' || m.unit_id || ',') > 0)";
        let count = |sql: &str| -> Result<i64> {
            Ok(conn.query_row(sql, params![id, audience], |r| r.get(0))?)
        };
        let members_total = count(&format!("SELECT count(*) FROM members m WHERE {scope}"))?;
        let members_read = count(&format!(
            "SELECT count(*) FROM members m JOIN news_reads r ON r.member_id = m.id AND r.news_id = ?1 WHERE {scope}"
        ))?;
        let units_total = count(&format!(
            "SELECT count(DISTINCT m.unit_id) FROM members m WHERE {scope} AND m.unit_id IS NOT NULL"
        ))?;
        let units_read = count(&format!(
            "SELECT count(DISTINCT m.unit_id) FROM members m JOIN news_reads r ON r.member_id = m.id AND r.news_id = ?1 \
             WHERE {scope} AND m.unit_id IS NOT NULL"
        ))?;
        let mut stmt = conn.prepare_cached(
            "SELECT m.full_name, u.code, r.read_at FROM news_reads r JOIN members m ON m.id = r.member_id \
             LEFT JOIN units u ON u.id = m.unit_id WHERE r.news_id = ?1 ORDER BY r.read_at DESC LIMIT 200",
        )?;
        let readers = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ReadStats {
            members_read,
            members_total,
            units_read,
            units_total,
            readers,
        })
    }

    /// Items for a digest: published since `since` (or all current), optionally only
    /// unread, newest first.
    pub fn news_digest(
        &self,
        me: &Actor,
        since: Option<&str>,
        unread_only: bool,
    ) -> Result<Vec<News>> {
        let f = NewsFilter {
            unread_only,
            ..NewsFilter::default()
        };
        let ids: Vec<i64> = {
            let (w, mut p) = visible_where(me, &f);
            p.push((":since", Box::new(since.unwrap_or("").to_string())));
            let sql = format!(
                "SELECT n.id FROM news n WHERE {w} AND n.published_at IS NOT NULL AND n.published_at >= :since \
                 ORDER BY n.pinned DESC, n.published_at DESC LIMIT 500"
            );
            let refs = used(&sql, as_refs(&p));
            let mut stmt = self.conn().prepare_cached(&sql)?;
            stmt.query_map(refs.as_slice(), |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        ids.into_iter().map(|id| self.news(me, id)).collect()
    }
}
