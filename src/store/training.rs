//! The competence-development log: activities, participants, lists and summaries.

use super::audit::{self, Entity};
use super::{Error, Result, Store, meta_from, meta_sql, optional, today};
use crate::model::{
    Actor, FieldError, Funding, GrowthArea, PriorityArea, Role, SummaryRow, Training, TrainingData,
    TrainingKind, TrainingRow, validate_training,
};
use rusqlite::types::ToSql;
use rusqlite::{Connection, Row, Transaction, params};

/// Whose activities a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Mine,
    Unit(i64),
    Network,
}

/// What the training list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainingFilter {
    pub scope: Scope,
    pub year: Option<i32>,
    pub kind: Option<TrainingKind>,
    pub unit: Option<i64>,
    pub member: Option<i64>,
    /// A priority area word.
    pub area: Option<PriorityArea>,
}

/// What a summary groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryBy {
    Unit,
    Kind,
    Area,
    Member,
    Month,
}

impl SummaryBy {
    pub fn parse(s: &str) -> Option<SummaryBy> {
        match s.trim().to_ascii_lowercase().as_str() {
            "unit" | "enhet" => Some(SummaryBy::Unit),
            "kind" | "typ" => Some(SummaryBy::Kind),
            "area" | "omrade" | "område" => Some(SummaryBy::Area),
            "member" | "medlem" => Some(SummaryBy::Member),
            "month" | "manad" | "månad" => Some(SummaryBy::Month),
            _ => None,
        }
    }
}

const COLUMNS: &str = "t.title, t.kind, t.date_from, t.date_to, t.organiser, t.city, t.country, t.minutes, \
     t.priority_area, t.growth_area, t.funding, t.cost_sek, t.partner_id, t.notes, t.shared, t.participants";

fn data_from(r: &Row) -> rusqlite::Result<TrainingData> {
    let participants = r
        .get::<_, String>(15)?
        .split(',')
        .filter_map(|p| p.parse().ok())
        .collect();
    Ok(TrainingData {
        title: r.get(0)?,
        kind: TrainingKind::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
        date_from: r.get(2)?,
        date_to: r.get(3)?,
        organiser: r.get(4)?,
        city: r.get(5)?,
        country: r.get(6)?,
        minutes: r.get(7)?,
        participants,
        priority_area: r
            .get::<_, Option<String>>(8)?
            .as_deref()
            .and_then(PriorityArea::parse),
        growth_area: r
            .get::<_, Option<String>>(9)?
            .as_deref()
            .and_then(GrowthArea::parse),
        funding: Funding::parse(&r.get::<_, String>(10)?).unwrap_or_default(),
        cost_sek: r.get(11)?,
        partner_id: r.get(12)?,
        notes: r.get(13)?,
        shared: r.get(14)?,
    })
}

impl Entity for TrainingData {
    const TABLE: &'static str = "trainings";
    const NAME: &'static str = "training";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        let sql = format!("SELECT {COLUMNS}, t.version FROM trainings t WHERE t.id = ?1");
        optional(conn.query_row(&sql, [id], |r| Ok((data_from(r)?, r.get(16)?))))?
            .ok_or(Error::NotFound)
    }

    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "UPDATE trainings SET title = ?2, kind = ?3, date_from = ?4, date_to = ?5, organiser = ?6, city = ?7, \
             country = ?8, minutes = ?9, priority_area = ?10, growth_area = ?11, funding = ?12, cost_sek = ?13, \
             partner_id = ?14, notes = ?15, shared = ?16, participants = ?17 WHERE id = ?1",
            params![
                id,
                self.title,
                self.kind.as_str(),
                self.date_from,
                self.date_to,
                self.organiser,
                self.city,
                self.country,
                self.minutes,
                self.priority_area.map(PriorityArea::as_str),
                self.growth_area.map(GrowthArea::as_str),
                self.funding.as_str(),
                self.cost_sek,
                self.partner_id,
                self.notes,
                self.shared,
                format!(",{},", self.participants.iter().map(i64::to_string).collect::<Vec<_>>().join(",")),
            ],
        )?;
        Ok(())
    }

    /// The participant rows, with each member's unit at the time of logging (and,
    /// since migration 9, the funding and cost the yearly figures group and sum).
    fn index(&self, tx: &Transaction, id: i64) -> Result<()> {
        let year: i64 = self
            .date_from
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        let month: i64 = self
            .date_from
            .get(5..7)
            .and_then(|m| m.parse().ok())
            .unwrap_or(0);
        let mut unit_of = tx.prepare_cached("SELECT unit_id FROM members WHERE id = ?1")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO training_participants \
             (training_id, member_id, unit_id, year, month, kind, priority_area, minutes, first, first_in_unit, \
              funding, cost_sek) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut units_seen: Vec<Option<i64>> = Vec::new();
        for (i, m) in self.participants.iter().enumerate() {
            let unit: Option<i64> = unit_of.query_row([m], |r| r.get(0))?;
            let first_in_unit = !units_seen.contains(&unit);
            units_seen.push(unit);
            insert.execute(params![
                id,
                m,
                unit,
                year,
                month,
                self.kind.as_str(),
                self.priority_area.map(PriorityArea::as_str),
                self.minutes,
                i == 0,
                first_in_unit,
                self.funding.as_str(),
                self.cost_sek.unwrap_or(0)
            ])?;
        }
        Ok(())
    }

    fn unindex(tx: &Transaction, id: i64) -> Result<()> {
        tx.execute(
            "DELETE FROM training_participants WHERE training_id = ?1",
            [id],
        )?;
        Ok(())
    }
}

/// [`Actor::may_edit_training`], as a store error.
fn may_edit(actor: &Actor, participants: &[i64], created_by: Option<i64>) -> Result<()> {
    if actor.may_edit_training(participants, created_by) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

type Params = Vec<(&'static str, Box<dyn ToSql>)>;

fn filter_where(me: &Actor, f: &TrainingFilter) -> (String, Params) {
    let mut sql = String::from("t.deleted_at IS NULL");
    let mut p: Params = Vec::new();
    // Participant conditions name the year too, so the subquery reads one year's rows.
    let year = if f.year.is_some() {
        " AND year = :year"
    } else {
        ""
    };
    let participant = |cond: &str, sql: &mut String| {
        sql.push_str(&format!(
            " AND t.id IN (SELECT training_id FROM training_participants WHERE {cond}{year})"
        ));
    };
    match f.scope {
        Scope::Mine => {
            participant("member_id = :me", &mut sql);
            p.push((":me", Box::new(me.member_id)));
        }
        Scope::Unit(u) => {
            participant("unit_id = :scope_unit", &mut sql);
            p.push((":scope_unit", Box::new(u)));
        }
        Scope::Network => {}
    }
    if let Some(u) = f.unit {
        participant("unit_id = :unit", &mut sql);
        p.push((":unit", Box::new(u)));
    }
    if let Some(m) = f.member {
        participant("member_id = :member", &mut sql);
        p.push((":member", Box::new(m)));
    }
    if let Some(y) = f.year {
        sql.push_str(" AND t.date_from >= :from AND t.date_from < :to");
        p.push((":from", Box::new(format!("{y:04}-01-01"))));
        p.push((":to", Box::new(format!("{:04}-01-01", y.saturating_add(1)))));
        if sql.contains(":year") {
            p.push((":year", Box::new(y)));
        }
    }
    if let Some(k) = f.kind {
        sql.push_str(" AND t.kind = :kind");
        p.push((":kind", Box::new(k.as_str())));
    }
    if let Some(a) = f.area {
        sql.push_str(" AND t.priority_area = :area");
        p.push((":area", Box::new(a.as_str())));
    }
    (sql, p)
}

fn refs(p: &Params) -> Vec<(&'static str, &dyn ToSql)> {
    p.iter().map(|(k, v)| (*k, v.as_ref())).collect()
}

impl Store {
    /// Logs an activity. A group entry is one activity with several participants, all
    /// written or none.
    pub fn log_training(&self, actor: &Actor, data: TrainingData) -> Result<i64> {
        let data = self.validated_training(data)?;
        may_edit(actor, &data.participants, Some(actor.member_id))?;
        if actor.role == Role::Member && !data.participants.contains(&actor.member_id) {
            return Err(Error::Forbidden);
        }
        self.write(|tx| {
            let id = audit::insert(
                tx,
                actor,
                &data,
                "INSERT INTO trainings (title, kind, date_from, minutes, created_at, created_by, updated_at, updated_by) \
                 VALUES ('', '', '', 0, :at, :by, :at, :by)",
                None,
            )?;
            audit::record_create(tx, actor, id, &data)?;
            Ok(id)
        })
    }

    fn validated_training(&self, mut data: TrainingData) -> Result<TrainingData> {
        let mut errors = validate_training(&mut data, &today());
        let active: Vec<i64> = self
            .members()?
            .into_iter()
            .filter(|m| m.active)
            .map(|m| m.id)
            .collect();
        if data.participants.iter().any(|p| !active.contains(p)) {
            errors.push(FieldError::new("participants", "err.unknown_member"));
        }
        if errors.is_empty() {
            Ok(data)
        } else {
            Err(Error::Invalid(errors))
        }
    }

    pub fn update_training(
        &self,
        actor: &Actor,
        id: i64,
        expected: i64,
        data: TrainingData,
    ) -> Result<()> {
        let current = self.training(id)?;
        may_edit(
            actor,
            &current.data.participants,
            self.training_creator(id)?,
        )?;
        let data = self.validated_training(data)?;
        self.write(|tx| audit::update(tx, actor, id, expected, &data))
    }

    pub fn delete_training(&self, actor: &Actor, id: i64) -> Result<()> {
        let current = self.training(id)?;
        may_edit(
            actor,
            &current.data.participants,
            self.training_creator(id)?,
        )?;
        self.write(|tx| audit::set_deleted::<TrainingData>(tx, actor, id, true))
    }

    fn training_creator(&self, id: i64) -> Result<Option<i64>> {
        Ok(optional(self.conn().query_row(
            "SELECT created_by FROM trainings WHERE id = ?1",
            [id],
            |r| r.get(0),
        ))?
        .flatten())
    }

    pub fn training(&self, id: i64) -> Result<Training> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.member_id, m.full_name FROM training_participants p JOIN members m ON m.id = p.member_id \
             WHERE p.training_id = ?1 ORDER BY m.full_name",
        )?;
        let people: Vec<(i64, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "SELECT {COLUMNS}, (SELECT name FROM orgs WHERE id = t.partner_id), {}, t.created_by FROM trainings t \
             WHERE t.id = ?1 AND t.deleted_at IS NULL",
            meta_sql("t")
        );
        optional(self.conn().query_row(&sql, [id], |r| {
            let data = data_from(r)?;
            let names = data
                .participants
                .iter()
                .map(|id| {
                    people
                        .iter()
                        .find(|p| p.0 == *id)
                        .map(|p| p.1.clone())
                        .unwrap_or_default()
                })
                .collect();
            Ok(Training {
                id,
                data,
                names,
                partner_name: r.get(16)?,
                meta: meta_from(r, 17)?,
                created_by_id: r.get(22)?,
            })
        }))?
        .ok_or(Error::NotFound)
    }

    /// One page of activities, newest first.
    pub fn list_trainings(
        &self,
        me: &Actor,
        f: &TrainingFilter,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<TrainingRow>> {
        let (w, mut p) = filter_where(me, f);
        p.push((":limit", Box::new(limit)));
        p.push((":offset", Box::new(offset)));
        let sql = format!(
            "SELECT t.id, t.date_from, t.title, t.kind, t.minutes, \
             (SELECT count(*) FROM training_participants WHERE training_id = t.id) \
             FROM trainings t WHERE {w} ORDER BY t.date_from DESC, t.id DESC LIMIT :limit OFFSET :offset"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(refs(&p).as_slice(), |r| {
            Ok(TrainingRow {
                id: r.get(0)?,
                date_from: r.get(1)?,
                title: r.get(2)?,
                kind: TrainingKind::parse(&r.get::<_, String>(3)?).unwrap_or_default(),
                minutes: r.get(4)?,
                participants: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// For what the filter shows: activities, person-hours (minutes) and distinct
    /// people, counted over the people in scope (mine: my hours; a unit: its people's).
    pub fn training_totals(&self, me: &Actor, f: &TrainingFilter) -> Result<(i64, i64, i64)> {
        let (scope_col, scope_id, activities, index) = match (f.scope, f.member, f.unit) {
            (_, Some(m), _) => ("member_id", Some(m), "count(*)", "tp_by_member"),
            (Scope::Mine, None, _) => ("member_id", Some(me.member_id), "count(*)", "tp_by_member"),
            (_, None, Some(u)) | (Scope::Unit(u), None, None) => {
                ("unit_id", Some(u), "sum(first_in_unit)", "tp_by_unit")
            }
            (Scope::Network, None, None) => ("", None, "sum(first)", "tp_by_year"),
        };
        let mut sql = format!(
            "SELECT coalesce({activities}, 0), coalesce(sum(minutes), 0), count(DISTINCT member_id) \
             FROM training_participants INDEXED BY {index} WHERE 1"
        );
        let mut p: Params = Vec::new();
        if let Some(id) = scope_id {
            sql.push_str(&format!(" AND {scope_col} = :scope"));
            p.push((":scope", Box::new(id)));
        }
        match f.year {
            Some(y) => {
                sql.push_str(" AND year = :year");
                p.push((":year", Box::new(y)));
            }
            None if scope_id.is_none() => sql.push_str(" AND year > 0"),
            None => {}
        }
        if let Some(k) = f.kind {
            sql.push_str(" AND kind = :kind");
            p.push((":kind", Box::new(k.as_str())));
        }
        if let Some(a) = f.area {
            sql.push_str(" AND priority_area = :area");
            p.push((":area", Box::new(a.as_str())));
        }
        Ok(self.conn().query_row(&sql, refs(&p).as_slice(), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?)
    }

    /// A year's activities grouped: person-hours, distinct participants, activities.
    /// Keys are stable words: unit code, kind, area, member account, `YYYY-MM`.
    pub fn training_summary(&self, year: i32, by: SummaryBy) -> Result<Vec<SummaryRow>> {
        Ok(self
            .training_year(year, &[by])?
            .into_iter()
            .next()
            .unwrap_or_default())
    }

    /// Several groupings of one year in one pass over the year's participant rows (one
    /// index range; the groups are summed here). Activities are counted by the marker
    /// rows of migration 4: per unit one row per activity and unit, per member every
    /// row, otherwise one row per activity.
    pub fn training_year(&self, year: i32, by: &[SummaryBy]) -> Result<Vec<Vec<SummaryRow>>> {
        use std::collections::{BTreeMap, BTreeSet};
        #[derive(Default)]
        struct Acc {
            minutes: i64,
            people: BTreeSet<i64>,
            activities: i64,
        }
        impl Acc {
            fn add(&mut self, minutes: i64, member: i64, counts: bool) {
                self.minutes += minutes;
                self.people.insert(member);
                self.activities += i64::from(counts);
            }
        }
        /// Groups by a number (unit, member, month) or a word (kind, area); the names of
        /// numbered groups are looked up once at the end.
        #[derive(Default)]
        struct Groups {
            by_id: BTreeMap<i64, Acc>,
            by_word: BTreeMap<String, Acc>,
        }
        impl Groups {
            fn word(&mut self, w: &str) -> &mut Acc {
                self.by_word.entry(w.to_string()).or_default()
            }
        }
        let mut groups: Vec<Groups> = by.iter().map(|_| Groups::default()).collect();
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, member_id, kind, priority_area, month, minutes, first, first_in_unit \
             FROM training_participants INDEXED BY tp_by_year WHERE year = ?1",
        )?;
        let mut rows = stmt.query([year])?;
        while let Some(r) = rows.next()? {
            let unit: i64 = r.get::<_, Option<i64>>(0)?.unwrap_or(-1);
            let member: i64 = r.get(1)?;
            let minutes: i64 = r.get(5)?;
            let first: bool = r.get(6)?;
            let first_in_unit: bool = r.get(7)?;
            for (dim, g) in by.iter().zip(groups.iter_mut()) {
                let acc = match dim {
                    SummaryBy::Unit => g.by_id.entry(unit).or_default(),
                    SummaryBy::Member => g.by_id.entry(member).or_default(),
                    SummaryBy::Month => g.by_id.entry(r.get(4)?).or_default(),
                    SummaryBy::Kind => g.word(r.get_ref(2)?.as_str().unwrap_or("-")),
                    SummaryBy::Area => {
                        g.word(r.get_ref(3)?.as_str_or_null().ok().flatten().unwrap_or("-"))
                    }
                };
                let counts = match dim {
                    SummaryBy::Unit => first_in_unit,
                    SummaryBy::Member => true,
                    _ => first,
                };
                acc.add(minutes, member, counts);
            }
        }
        let units: BTreeMap<i64, String> =
            self.units()?.into_iter().map(|u| (u.id, u.code)).collect();
        let accounts: BTreeMap<i64, String> = self
            .members()?
            .into_iter()
            .map(|m| (m.id, m.account))
            .collect();
        let row = |key: String, a: Acc| SummaryRow {
            key,
            minutes: a.minutes,
            participants: a.people.len() as i64,
            activities: a.activities,
        };
        Ok(by
            .iter()
            .zip(groups)
            .map(|(dim, g)| {
                let mut out: Vec<SummaryRow> = g
                    .by_id
                    .into_iter()
                    .map(|(id, a)| {
                        let key = match dim {
                            SummaryBy::Unit => {
                                units.get(&id).cloned().unwrap_or_else(|| "-".into())
                            }
                            SummaryBy::Member => accounts.get(&id).cloned().unwrap_or_default(),
                            _ => format!("{year:04}-{id:02}"),
                        };
                        row(key, a)
                    })
                    .chain(g.by_word.into_iter().map(|(k, a)| row(k, a)))
                    .collect();
                out.sort_by(|a, b| a.key.cmp(&b.key));
                out
            })
            .collect())
    }

    /// The member's most recent activity kind, the default for the next one.
    pub fn last_training_kind(&self, me: &Actor) -> Result<Option<TrainingKind>> {
        Ok(optional(self.conn().query_row(
            "SELECT t.kind FROM trainings t WHERE t.created_by = ?1 AND t.deleted_at IS NULL ORDER BY t.id DESC LIMIT 1",
            [me.member_id],
            |r| r.get::<_, String>(0),
        ))?
        .and_then(|k| TrainingKind::parse(&k)))
    }

    /// Every live activity for export, oldest first, with participants as accounts.
    pub fn export_trainings(&self) -> Result<Vec<(Training, Vec<String>)>> {
        let ids: Vec<i64> = {
            let mut stmt = self.conn().prepare(
                "SELECT id FROM trainings WHERE deleted_at IS NULL ORDER BY date_from, id",
            )?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let members = self.members()?;
        ids.into_iter()
            .map(|id| {
                let t = self.training(id)?;
                let accounts = t
                    .data
                    .participants
                    .iter()
                    .filter_map(|p| {
                        members
                            .iter()
                            .find(|m| m.id == *p)
                            .map(|m| m.account.clone())
                    })
                    .collect();
                Ok((t, accounts))
            })
            .collect()
    }
}
