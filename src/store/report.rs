//! The yearly compilation (issue 13): a unit's figures gathered from what is logged,
//! its account (words, flow, frozen figures), the office's overview and the
//! compilation of a year for the executive board.
//!
//! Figures are SQL aggregates over indexed ranges (migration 9 adds the contact and
//! project indexes); the statements are public ([`figure_queries`]) so the benchmark
//! hands the `sqlite3` shell the very ones the program runs. Rights are
//! [`Actor::may_write_account`], [`Actor::may_read_account`] and
//! [`Actor::may_decide_account`], checked here on every read and write.
//!
//! An account's words are an editable record with the generic life cycle
//! ([`AccountText`]: version check, audit, undo). The flow (submit, refresh, return,
//! accept) changes the state and the frozen figures with audit rows of its own
//! (`submit`, `refresh`, `return`, `accept`), which undo does not reverse; and the
//! words of an account that is handed in cannot be changed, not even by undoing an
//! earlier edit (the record refuses the write).

use super::audit::{self, Entity};
use super::{Error, Result, Store, check_version, meta_from, meta_sql, now, optional, today};
use crate::model::{
    Account, AccountState, AccountText, AccountWords, Actor, ChartPoint, Charts, Compilation,
    ContactFigures, Drift, Figure, Funding, Hours, InteractionKind, KeyFigure, Measure,
    MembershipLine, NextMilestone, OrgKind, Overview, OverviewRow, PlanFigures, PlanProgress,
    PriorityArea, Programme, ProjectFigures, ProjectFollowUp, ProjectRole, ProjectStatus,
    ProjectTally, Sector, Series, Tally, TrainingFigures, TrainingKind, UnitFigures, UnitSection,
    WordsPart, to_sek, validate_words,
};
use rusqlite::{Connection, Row, Transaction, params};
use std::collections::{BTreeMap, BTreeSet};

/// How many years the compilation's key figures look back, this year included.
pub const KEY_FIGURE_YEARS: usize = 5;

/// Whose figures: one unit's, or the whole municipality's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureScope {
    Unit(i64),
    Municipality,
}

/// The statements behind a year's figures, with named parameters `:unit` (only for a
/// unit), `:year`, `:from`, `:to` (the year's first and last day) and `:today`. In
/// order: training by kind, priority area, funding and person (rolled up into every
/// breakdown), contacts per organisation, contacts by kind, plan items by status, the
/// projects of the year.
pub fn figure_queries(scope: FigureScope) -> Vec<String> {
    let unit = matches!(scope, FigureScope::Unit(_));
    // Training: a unit's rows by tp_by_unit, counting one marker row per activity and
    // unit; the municipality's by tp_by_year, one marker per activity. Both indexes
    // (migration 9) hold the grouping columns in this order, so the groups stream
    // from the index with no sort and no look-up of the activities.
    let (training_from, first, group) = if unit {
        (
            "training_participants p INDEXED BY tp_by_unit WHERE p.unit_id = :unit AND p.year = :year",
            "p.first_in_unit",
            "p.kind, p.priority_area, p.funding, p.member_id",
        )
    } else {
        (
            "training_participants p INDEXED BY tp_by_year WHERE p.year = :year",
            "p.first",
            "p.unit_id, p.member_id, p.kind, p.priority_area, p.funding",
        )
    };
    let (i_scope, j_scope) = if unit {
        ("i.unit_id = :unit AND ", "j.unit_id = :unit AND ")
    } else {
        ("", "")
    };
    let plan_scope = if unit { "AND p.unit_id = :unit " } else { "" };
    let project_scope = if unit { "AND p.lead_unit = :unit " } else { "" };
    vec![
        // One pass over the year's participant rows, grouped finely enough that
        // every breakdown, the distinct people and the hours per unit roll up from it.
        format!(
            "SELECT p.kind, p.priority_area, p.funding, p.member_id, sum({first}), sum(p.minutes), \
             sum(CASE WHEN {first} THEN p.cost_sek ELSE 0 END), p.unit_id \
             FROM {training_from} GROUP BY {group}"
        ),
        format!(
            "SELECT o.country, o.kind, o.sector, count(*), NOT EXISTS (SELECT 1 FROM interactions j \
             WHERE {j_scope}j.org_id = i.org_id AND j.date < :from AND j.deleted_at IS NULL) \
             FROM interactions i JOIN orgs o ON o.id = i.org_id \
             WHERE {i_scope}i.date >= :from AND i.date <= :to AND i.deleted_at IS NULL GROUP BY i.org_id"
        ),
        format!(
            "SELECT i.kind, count(*) FROM interactions i \
             WHERE {i_scope}i.date >= :from AND i.date <= :to AND i.deleted_at IS NULL GROUP BY 1"
        ),
        format!(
            "SELECT i.status, count(*), \
             coalesce(sum(i.status IN ('not_started', 'in_progress') AND i.due < :today), 0) \
             FROM plans p JOIN plan_items i ON i.plan_id = p.id \
             WHERE p.year = :year {plan_scope}AND p.deleted_at IS NULL AND i.deleted_at IS NULL GROUP BY 1"
        ),
        format!(
            "SELECT p.id, p.programme, p.role, p.budget_total, p.eu_grant, p.own_contribution, \
             p.currency, p.rate_e4, p.start, p.end, p.partners, p.name, p.acronym, p.status, \
             (SELECT code FROM units WHERE id = p.lead_unit) \
             FROM projects p WHERE p.deleted_at IS NULL {project_scope}\
             AND p.status IN ('approved', 'running', 'closed', 'final_report_done') \
             AND (p.start IS NULL OR p.start <= :to) AND (p.end IS NULL OR p.end >= :from) \
             ORDER BY p.name, p.id"
        ),
    ]
}

/// The values of [`figure_queries`]' parameters for one scope and year.
pub struct FigureParams {
    pub unit: Option<i64>,
    pub year: i32,
    pub from: String,
    pub to: String,
    pub today: String,
}

impl FigureParams {
    pub fn new(scope: FigureScope, year: i32, today: &str) -> FigureParams {
        FigureParams {
            unit: match scope {
                FigureScope::Unit(u) => Some(u),
                FigureScope::Municipality => None,
            },
            year,
            from: format!("{year:04}-01-01"),
            to: format!("{year:04}-12-31"),
            today: today.to_string(),
        }
    }

    /// The parameters `sql` names, bound.
    fn bind(&self, sql: &str) -> Vec<(&'static str, &dyn rusqlite::ToSql)> {
        let all: [(&'static str, &dyn rusqlite::ToSql); 5] = [
            (":unit", &self.unit),
            (":year", &self.year),
            (":from", &self.from),
            (":to", &self.to),
            (":today", &self.today),
        ];
        all.into_iter().filter(|(n, _)| names(sql, n)).collect()
    }

    /// `sql` with every parameter replaced by its SQL literal, for the `sqlite3`
    /// shell in the benchmark (the values are numbers and ISO dates).
    pub fn inline(&self, sql: &str) -> String {
        let unit = self.unit.map_or("NULL".to_string(), |u| u.to_string());
        let mut out = sql.to_string();
        // Longest names first, so `:today` is not taken for `:to`.
        for (name, value) in [
            (":today", format!("'{}'", self.today)),
            (":year", self.year.to_string()),
            (":from", format!("'{}'", self.from)),
            (":unit", unit),
            (":to", format!("'{}'", self.to)),
        ] {
            out = out.replace(name, &value);
        }
        out
    }
}

/// True when `sql` names parameter `name` (`:to` is not named by `:today`).
fn names(sql: &str, name: &str) -> bool {
    sql.match_indices(name).any(|(i, _)| {
        !sql[i + name.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// A project of the year as the figures and the follow-up read it.
struct ProjectRow {
    id: i64,
    programme: Programme,
    role: ProjectRole,
    budget_total: Option<i64>,
    eu_grant: Option<i64>,
    own_contribution: Option<i64>,
    currency: String,
    rate_e4: Option<i64>,
    start: Option<String>,
    end: Option<String>,
    partners: Vec<i64>,
    name: String,
    acronym: String,
    status: ProjectStatus,
    lead_unit_code: Option<String>,
}

fn project_row(r: &Row) -> rusqlite::Result<ProjectRow> {
    let partners: String = r.get(10)?;
    Ok(ProjectRow {
        id: r.get(0)?,
        programme: Programme::parse(&r.get::<_, String>(1)?).unwrap_or_default(),
        role: ProjectRole::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        budget_total: r.get(3)?,
        eu_grant: r.get(4)?,
        own_contribution: r.get(5)?,
        currency: r.get(6)?,
        rate_e4: r.get(7)?,
        start: r.get(8)?,
        end: r.get(9)?,
        partners: partners
            .split(',')
            .filter_map(|p| p.split(':').next()?.trim().parse().ok())
            .collect(),
        name: r.get(11)?,
        acronym: r.get(12)?,
        status: ProjectStatus::parse(&r.get::<_, String>(13)?).unwrap_or_default(),
        lead_unit_code: r.get(14)?,
    })
}

impl ProjectRow {
    fn sek(&self, amount: Option<i64>) -> Option<i64> {
        amount.and_then(|a| to_sek(a, &self.currency, self.rate_e4))
    }
    fn in_year(date: &Option<String>, year: i32) -> bool {
        date.as_deref()
            .is_some_and(|d| d.starts_with(&format!("{year:04}-")))
    }
}

fn project_tally<K>((key, (running, started, ended)): (K, (i64, i64, i64))) -> ProjectTally<K> {
    ProjectTally {
        key,
        running,
        started,
        ended,
    }
}

/// Adds one to `key`'s count in a sorted tally.
fn bump<K: Ord>(map: &mut BTreeMap<K, i64>, key: K, by: i64) {
    *map.entry(key).or_default() += by;
}

/// A tally, biggest first, then by key.
fn tallies<K: Ord + Clone>(map: BTreeMap<K, i64>) -> Vec<Tally<K>> {
    let mut v: Vec<Tally<K>> = map
        .into_iter()
        .map(|(key, count)| Tally { key, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.key.cmp(&b.key)));
    v
}

/// What [`figures`] gathers: the figures, the projects behind them (for the
/// compilation's follow-up) and the person-hours (minutes) per unit id.
struct Gathered {
    figures: UnitFigures,
    projects: Vec<ProjectRow>,
    minutes_by_unit: BTreeMap<Option<i64>, i64>,
}

/// Reads the year's figures for `scope`. Runs on any connection, so `submit` can
/// freeze them in its own transaction.
fn figures(conn: &Connection, scope: FigureScope, year: i32) -> Result<Gathered> {
    let fp = FigureParams::new(scope, year, &today());
    let q = figure_queries(scope);
    let run =
        |i: usize| -> Result<rusqlite::CachedStatement<'_>> { Ok(conn.prepare_cached(&q[i])?) };
    let params_of = |i: usize| fp.bind(&q[i]);

    // Competence development: rolled up from (kind, area, funding, person) groups.
    #[derive(Default)]
    struct Acc {
        activities: i64,
        minutes: i64,
        people: BTreeSet<i64>,
    }
    impl Acc {
        fn add(&mut self, activities: i64, minutes: i64, member: i64) {
            self.activities += activities;
            self.minutes = self.minutes.saturating_add(minutes);
            self.people.insert(member);
        }
        fn hours<K>(self, key: K) -> Hours<K> {
            Hours {
                key,
                activities: self.activities,
                participants: self.people.len() as i64,
                minutes: self.minutes,
            }
        }
    }
    let mut total = Acc::default();
    let mut by_kind: BTreeMap<TrainingKind, Acc> = BTreeMap::new();
    let mut by_area: BTreeMap<Option<PriorityArea>, Acc> = BTreeMap::new();
    let mut by_funding: BTreeMap<Funding, Acc> = BTreeMap::new();
    let mut cost_kr: i64 = 0;
    let mut minutes_by_unit = BTreeMap::new();
    {
        let mut stmt = run(0)?;
        let mut rows = stmt.query(params_of(0).as_slice())?;
        while let Some(r) = rows.next()? {
            let kind = TrainingKind::parse(r.get_ref(0)?.as_str().unwrap_or(""));
            let area = r
                .get_ref(1)?
                .as_str_or_null()
                .ok()
                .flatten()
                .and_then(PriorityArea::parse);
            let funding = r
                .get_ref(2)?
                .as_str()
                .ok()
                .and_then(Funding::parse)
                .unwrap_or(Funding::Other);
            let member: i64 = r.get(3)?;
            let (a, m, c): (i64, i64, i64) = (r.get(4)?, r.get(5)?, r.get(6)?);
            *minutes_by_unit.entry(r.get(7)?).or_default() += m;
            total.add(a, m, member);
            if let Some(kind) = kind {
                by_kind.entry(kind).or_default().add(a, m, member);
            }
            by_area.entry(area).or_default().add(a, m, member);
            by_funding.entry(funding).or_default().add(a, m, member);
            cost_kr = cost_kr.saturating_add(c);
        }
    }
    let training = TrainingFigures {
        activities: total.activities,
        participants: total.people.len() as i64,
        minutes: total.minutes,
        by_kind: by_kind.into_iter().map(|(k, a)| a.hours(k)).collect(),
        by_area: by_area.into_iter().map(|(k, a)| a.hours(k)).collect(),
        by_funding: by_funding.into_iter().map(|(k, a)| a.hours(k)).collect(),
        cost_sek: cost_kr.saturating_mul(100),
    };

    // Contacts: one row per organisation contacted in the year.
    let mut contacts = ContactFigures::default();
    let (mut by_country, mut by_sector, mut new_country, mut new_kind) = (
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let mut stmt = run(1)?;
    let mut rows = stmt.query(params_of(1).as_slice())?;
    while let Some(r) = rows.next()? {
        let country: String = r.get(0)?;
        let kind = OrgKind::parse(&r.get::<_, String>(1)?).unwrap_or_default();
        let sector = r
            .get::<_, Option<String>>(2)?
            .as_deref()
            .and_then(Sector::parse);
        let n: i64 = r.get(3)?;
        let new: bool = r.get(4)?;
        contacts.organisations += 1;
        bump(&mut by_country, country.clone(), n);
        if let Some(s) = sector {
            bump(&mut by_sector, s, 1);
        }
        if kind == OrgKind::TwinCity {
            contacts.twin_city_interactions += n;
        }
        if new {
            contacts.new_partners += 1;
            bump(&mut new_country, country, 1);
            bump(&mut new_kind, kind, 1);
        }
    }
    drop(rows);
    drop(stmt);
    contacts.by_country = tallies(by_country);
    contacts.by_sector = tallies(by_sector);
    contacts.new_by_country = tallies(new_country);
    contacts.new_by_kind = tallies(new_kind);
    let mut by_kind = BTreeMap::new();
    for (k, n) in run(2)?
        .query_map(params_of(2).as_slice(), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        contacts.interactions += n;
        bump(
            &mut by_kind,
            InteractionKind::parse(&k).unwrap_or_default(),
            n,
        );
    }
    contacts.by_kind = tallies(by_kind);

    // Action-plan items.
    let mut plan_items = PlanFigures::default();
    for (status, n, overdue) in run(3)?
        .query_map(params_of(3).as_slice(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    {
        match crate::model::ItemStatus::parse(&status) {
            Some(crate::model::ItemStatus::Done) => plan_items.done += n,
            Some(crate::model::ItemStatus::InProgress) => plan_items.in_progress += n,
            Some(crate::model::ItemStatus::Cancelled) => plan_items.cancelled += n,
            _ => plan_items.not_started += n,
        }
        plan_items.overdue += overdue;
    }

    // Projects.
    let projects: Vec<ProjectRow> = run(4)?
        .query_map(params_of(4).as_slice(), project_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut pf = ProjectFigures::default();
    let mut by_programme: BTreeMap<Programme, (i64, i64, i64)> = BTreeMap::new();
    let mut by_role: BTreeMap<ProjectRole, (i64, i64, i64)> = BTreeMap::new();
    let mut partner_orgs = BTreeSet::new();
    for p in &projects {
        let started = i64::from(ProjectRow::in_year(&p.start, year));
        let ended = i64::from(ProjectRow::in_year(&p.end, year));
        pf.running += 1;
        pf.started += started;
        pf.ended += ended;
        for t in [
            by_programme.entry(p.programme).or_default(),
            by_role.entry(p.role).or_default(),
        ] {
            t.0 += 1;
            t.1 += started;
            t.2 += ended;
        }
        let amounts = [p.budget_total, p.eu_grant, p.own_contribution];
        if p.currency.eq_ignore_ascii_case("SEK") || p.rate_e4.is_some_and(|r| r > 0) {
            pf.budget_total_sek = pf
                .budget_total_sek
                .saturating_add(p.sek(amounts[0]).unwrap_or(0));
            pf.eu_grant_sek = pf
                .eu_grant_sek
                .saturating_add(p.sek(amounts[1]).unwrap_or(0));
            pf.own_contribution_sek = pf
                .own_contribution_sek
                .saturating_add(p.sek(amounts[2]).unwrap_or(0));
        } else if amounts.iter().any(Option::is_some) {
            pf.unconverted += 1;
        }
        partner_orgs.extend(p.partners.iter().copied());
    }
    pf.by_programme = by_programme.into_iter().map(project_tally).collect();
    pf.by_role = by_role.into_iter().map(project_tally).collect();
    let mut countries = BTreeMap::new();
    {
        let mut country_of = conn.prepare_cached("SELECT country FROM orgs WHERE id = ?1")?;
        for org in partner_orgs {
            if let Some(c) = optional(country_of.query_row([org], |r| r.get::<_, String>(0)))? {
                bump(&mut countries, c, 1);
            }
        }
    }
    pf.partner_countries = tallies(countries);

    let memberships = membership_lines(conn, fp.unit, year)?;
    Ok(Gathered {
        figures: UnitFigures {
            unit_id: fp.unit,
            year,
            as_of: fp.today.clone(),
            projects: pf,
            contacts,
            training,
            plan_items,
            memberships,
        },
        projects,
        minutes_by_unit,
    })
}

/// The memberships a unit answers for (all of them for the municipality) that had
/// begun by the end of `year` (or have no start date), with the latest evaluation.
fn membership_lines(
    conn: &Connection,
    unit: Option<i64>,
    year: i32,
) -> Result<Vec<MembershipLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, o.name, (SELECT code FROM units WHERE id = s.unit_id), s.fee, s.currency, \
         s.next_evaluation, e.date, e.assessment, e.benefit, e.recommendation \
         FROM memberships s JOIN orgs o ON o.id = s.org_id \
         LEFT JOIN evaluations e ON e.id = (SELECT id FROM evaluations WHERE membership_id = s.id \
                                            ORDER BY date DESC, id DESC LIMIT 1) \
         WHERE s.deleted_at IS NULL AND (?1 IS NULL OR s.unit_id = ?1) \
           AND (s.since IS NULL OR s.since <= ?2) ORDER BY o.name, s.id",
    )?;
    let rows = stmt.query_map(params![unit, format!("{year:04}-12-31")], |r| {
        let last = match r.get::<_, Option<String>>(6)? {
            Some(date) => Some(crate::model::Evaluation {
                date,
                assessment: r.get(7)?,
                benefit: r.get(8)?,
                recommendation: crate::model::Recommendation::parse(&r.get::<_, String>(9)?)
                    .unwrap_or_default(),
            }),
            None => None,
        };
        Ok(MembershipLine {
            membership_id: r.get(0)?,
            network: r.get(1)?,
            unit_code: r.get(2)?,
            fee: r.get(3)?,
            currency: r.get(4)?,
            next_evaluation: r.get(5)?,
            last_evaluation: last,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Entity for AccountText {
    const TABLE: &'static str = "accounts";
    const NAME: &'static str = "account";

    fn load(conn: &Connection, id: i64) -> Result<(Self, i64)> {
        optional(conn.query_row(
            "SELECT unit_id, year, operations, business, horizon, eu_cooperation, regional, \
             next_year, version FROM accounts WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    AccountText {
                        unit_id: r.get(0)?,
                        year: r.get(1)?,
                        words: words_from(r, 2)?,
                    },
                    r.get(8)?,
                ))
            },
        ))?
        .ok_or(Error::NotFound)
    }

    /// Writes the words; refused once the account is handed in, so neither an edit
    /// nor an undo changes what was submitted.
    fn store_columns(&self, tx: &Transaction, id: i64) -> Result<()> {
        require_open(tx, id)?;
        let w = &self.words;
        tx.execute(
            "UPDATE accounts SET operations = ?2, business = ?3, horizon = ?4, eu_cooperation = ?5, \
             regional = ?6, next_year = ?7 WHERE id = ?1",
            params![id, w.operations, w.business, w.horizon, w.eu_cooperation, w.regional, w.next_year],
        )?;
        Ok(())
    }

    /// Deleting an account (only ever undoing its creation) is refused once it is
    /// handed in.
    fn unindex(tx: &Transaction, id: i64) -> Result<()> {
        require_open(tx, id)
    }
}

fn words_from(r: &Row, at: usize) -> rusqlite::Result<AccountWords> {
    let mut w = AccountWords::default();
    for (i, part) in WordsPart::ALL.iter().enumerate() {
        *w.get_mut(*part) = r.get(at + i)?;
    }
    Ok(w)
}

fn state_of(conn: &Connection, id: i64) -> Result<AccountState> {
    let s: String = conn.query_row("SELECT state FROM accounts WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    Ok(AccountState::parse(&s).unwrap_or_default())
}

fn require_open(conn: &Connection, id: i64) -> Result<()> {
    if state_of(conn, id)?.is_open() {
        Ok(())
    } else {
        Err(Error::Rule("err.account_handed_in"))
    }
}

/// The columns [`account_from`] reads, for alias `a`.
fn account_sql() -> String {
    format!(
        "SELECT a.id, a.unit_id, u.code, u.name, a.year, a.state, a.operations, a.business, \
         a.horizon, a.eu_cooperation, a.regional, a.next_year, a.figures, \
         (SELECT full_name FROM members WHERE id = a.submitted_by), a.submitted_at, \
         a.returned_comment, (SELECT full_name FROM members WHERE id = a.decided_by), \
         a.decided_at, {} FROM accounts a JOIN units u ON u.id = a.unit_id",
        meta_sql("a")
    )
}

fn account_from(r: &Row) -> rusqlite::Result<Account> {
    let figures: Option<String> = r.get(12)?;
    Ok(Account {
        id: r.get(0)?,
        unit_id: r.get(1)?,
        unit_code: r.get(2)?,
        unit_name: r.get(3)?,
        year: r.get(4)?,
        state: AccountState::parse(&r.get::<_, String>(5)?).unwrap_or_default(),
        words: words_from(r, 6)?,
        // Figures a later version cannot read are shown as not frozen rather than
        // failing the whole account.
        figures: figures.and_then(|f| serde_json::from_str(&f).ok()),
        submitted_by: r.get(13)?,
        submitted_at: r.get(14)?,
        returned_comment: r.get(15)?,
        decided_by: r.get(16)?,
        decided_at: r.get(17)?,
        meta: meta_from(r, 18)?,
    })
}

fn load_account(conn: &Connection, unit_id: i64, year: i32) -> Result<Option<Account>> {
    let sql = format!(
        "{} WHERE a.unit_id = ?1 AND a.year = ?2 AND a.deleted_at IS NULL",
        account_sql()
    );
    Ok(optional(conn.query_row(
        &sql,
        params![unit_id, year],
        account_from,
    ))?)
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Io(e.into()))
}

/// What a flow step's audit row keeps.
#[derive(serde::Serialize)]
struct FlowSnapshot<'a> {
    version: i64,
    state: AccountState,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<&'a UnitFigures>,
}

/// A year as the store accepts it.
fn check_year(year: i32) -> Result<()> {
    if crate::model::year_in_range(year) {
        Ok(())
    } else {
        Err(Error::field("year", "err.year"))
    }
}

impl Store {
    /// The unit's live figures for the year. Anyone registered may read them: they
    /// are sums of what everyone can already see in the log.
    pub fn unit_figures(&self, _me: &Actor, unit_id: i64, year: i32) -> Result<UnitFigures> {
        check_year(year)?;
        self.unit_exists(unit_id)?;
        Ok(figures(self.conn(), FigureScope::Unit(unit_id), year)?.figures)
    }

    /// The whole municipality's live figures for the year (each activity, contact and
    /// project counted once).
    pub fn municipality_figures(&self, _me: &Actor, year: i32) -> Result<UnitFigures> {
        check_year(year)?;
        Ok(figures(self.conn(), FigureScope::Municipality, year)?.figures)
    }

    fn unit_exists(&self, unit_id: i64) -> Result<()> {
        let found: Option<i64> = optional(self.conn().query_row(
            "SELECT id FROM units WHERE id = ?1",
            [unit_id],
            |r| r.get(0),
        ))?;
        found.map(|_| ()).ok_or(Error::NotFound)
    }

    /// True when anything is logged for the year: a contact, a training activity, a
    /// plan, a project running in it or an account.
    pub fn year_has_data(&self, year: i32) -> Result<bool> {
        let from = format!("{year:04}-01-01");
        let to = format!("{year:04}-12-31");
        Ok(self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM interactions WHERE date >= ?2 AND date <= ?3 AND deleted_at IS NULL) \
             OR EXISTS (SELECT 1 FROM training_participants INDEXED BY tp_by_year WHERE year = ?1) \
             OR EXISTS (SELECT 1 FROM plans WHERE year = ?1 AND deleted_at IS NULL) \
             OR EXISTS (SELECT 1 FROM accounts WHERE year = ?1 AND deleted_at IS NULL) \
             OR EXISTS (SELECT 1 FROM projects WHERE deleted_at IS NULL \
                        AND status IN ('approved', 'running', 'closed', 'final_report_done') \
                        AND start <= ?3 AND (end IS NULL OR end >= ?2))",
            params![year, from, to],
            |r| r.get(0),
        )?)
    }

    /// The unit's account for the year; `None` when not started. Refused when the
    /// reader may not read it ([`Actor::may_read_account`]).
    pub fn account(&self, me: &Actor, unit_id: i64, year: i32) -> Result<Option<Account>> {
        self.unit_exists(unit_id)?;
        match load_account(self.conn(), unit_id, year)? {
            Some(a) if !me.may_read_account(unit_id, a.state) => Err(Error::Forbidden),
            a => Ok(a),
        }
    }

    /// Saves the unit's words for the year, starting the account (a draft) if there
    /// is none. `expected`: the version the editor read (`None`: the current one, or a
    /// new account). Only while the account is a draft or returned. Returns the
    /// account's id.
    pub fn save_words(
        &self,
        me: &Actor,
        unit_id: i64,
        year: i32,
        expected: Option<i64>,
        mut words: AccountWords,
    ) -> Result<i64> {
        check_year(year)?;
        self.unit_exists(unit_id)?;
        if !me.may_write_account(unit_id) {
            return Err(Error::Forbidden);
        }
        let errors = validate_words(&mut words);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let data = AccountText {
            unit_id,
            year,
            words,
        };
        self.write(|tx| {
            let row: Option<(i64, i64, bool)> = optional(tx.query_row(
                "SELECT id, version, deleted_at IS NOT NULL FROM accounts WHERE unit_id = ?1 AND year = ?2",
                params![unit_id, year],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            ))?;
            match row {
                None => {
                    let id = audit::insert(
                        tx,
                        me,
                        &data,
                        &format!(
                            "INSERT INTO accounts (unit_id, year, created_at, created_by, updated_at, updated_by) \
                             VALUES ({unit_id}, {year}, :at, :by, :at, :by)"
                        ),
                        None,
                    )?;
                    audit::record_create(tx, me, id, &data)?;
                    Ok(id)
                }
                Some((id, version, deleted)) => {
                    if deleted {
                        // Not started again after an undo: bring the row back.
                        audit::set_deleted::<AccountText>(tx, me, id, false)?;
                        let (_, v) = AccountText::load(tx, id)?;
                        audit::update(tx, me, id, v, &data)?;
                    } else {
                        require_open(tx, id)?;
                        audit::update(tx, me, id, expected.unwrap_or(version), &data)?;
                    }
                    Ok(id)
                }
            }
        })
    }

    /// One flow step on the unit's account: checks the row exists, its version and
    /// state, then applies `set` (SQL assignments), bumps the version and writes the
    /// audit row `action`.
    #[allow(clippy::too_many_arguments)]
    fn flow_step(
        &self,
        me: &Actor,
        unit_id: i64,
        year: i32,
        expected: Option<i64>,
        action: &str,
        allowed: &[AccountState],
        to: AccountState,
        comment: Option<&str>,
        freeze: bool,
    ) -> Result<()> {
        check_year(year)?;
        self.unit_exists(unit_id)?;
        self.write(|tx| {
            let account = load_account(tx, unit_id, year)?
                .ok_or(Error::Rule("err.account_not_started"))?;
            check_version(tx, "accounts", account.id, expected.unwrap_or(account.meta.version))?;
            if !allowed.contains(&account.state) {
                return Err(Error::Rule("err.account_state"));
            }
            let frozen = if freeze {
                Some(figures(tx, FigureScope::Unit(unit_id), year)?.figures)
            } else {
                None
            };
            let at = now();
            match action {
                "submit" => tx.execute(
                    "UPDATE accounts SET state = ?2, figures = ?3, submitted_by = ?4, submitted_at = ?5 WHERE id = ?1",
                    params![account.id, to.as_str(), json(&frozen)?, me.member_id, at],
                )?,
                "refresh" => tx.execute(
                    "UPDATE accounts SET figures = ?2 WHERE id = ?1",
                    params![account.id, json(&frozen)?],
                )?,
                _ => tx.execute(
                    "UPDATE accounts SET state = ?2, returned_comment = coalesce(?3, returned_comment), \
                     decided_by = ?4, decided_at = ?5 WHERE id = ?1",
                    params![account.id, to.as_str(), comment, me.member_id, at],
                )?,
            };
            tx.execute(
                "UPDATE accounts SET version = version + 1, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                params![account.id, at, me.member_id],
            )?;
            audit::record(
                tx,
                me,
                action,
                "account",
                account.id,
                Some(&FlowSnapshot {
                    version: account.meta.version,
                    state: account.state,
                    comment: None,
                    figures: None,
                }),
                Some(&FlowSnapshot {
                    version: account.meta.version + 1,
                    state: to,
                    comment,
                    figures: frozen.as_ref(),
                }),
            )?;
            Ok(())
        })
    }

    /// Submits the unit's account (a draft or returned one) to the office, freezing
    /// the figures as they are at this moment. The unit's members only.
    pub fn submit(&self, me: &Actor, unit_id: i64, year: i32, expected: Option<i64>) -> Result<()> {
        if !me.may_write_account(unit_id) {
            return Err(Error::Forbidden);
        }
        self.flow_step(
            me,
            unit_id,
            year,
            expected,
            "submit",
            &[AccountState::Draft, AccountState::Returned],
            AccountState::Submitted,
            None,
            true,
        )
    }

    /// Takes the live figures into a draft or returned account (before resubmitting).
    pub fn refresh_figures(
        &self,
        me: &Actor,
        unit_id: i64,
        year: i32,
        expected: Option<i64>,
    ) -> Result<()> {
        if !me.may_write_account(unit_id) {
            return Err(Error::Forbidden);
        }
        let state = load_account(self.conn(), unit_id, year)?.map(|a| a.state);
        self.flow_step(
            me,
            unit_id,
            year,
            expected,
            "refresh",
            &[AccountState::Draft, AccountState::Returned],
            state.unwrap_or_default(),
            None,
            true,
        )
    }

    /// Returns a submitted (or accepted) account to the unit with a comment (the
    /// office only). The frozen figures stay until the unit refreshes them.
    pub fn return_account(
        &self,
        me: &Actor,
        unit_id: i64,
        year: i32,
        expected: Option<i64>,
        comment: &str,
    ) -> Result<()> {
        if !me.may_decide_account() {
            return Err(Error::Forbidden);
        }
        let comment = comment.trim();
        let mut errors = Vec::new();
        if comment.is_empty() {
            errors.push(crate::model::FieldError::new("comment", "err.required"));
        }
        crate::model::check_long(&mut errors, "comment", comment);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.flow_step(
            me,
            unit_id,
            year,
            expected,
            "return",
            &[AccountState::Submitted, AccountState::Accepted],
            AccountState::Returned,
            Some(comment),
            false,
        )
    }

    /// Accepts a submitted account (the office only).
    pub fn accept(&self, me: &Actor, unit_id: i64, year: i32, expected: Option<i64>) -> Result<()> {
        if !me.may_decide_account() {
            return Err(Error::Forbidden);
        }
        self.flow_step(
            me,
            unit_id,
            year,
            expected,
            "accept",
            &[AccountState::Submitted],
            AccountState::Accepted,
            None,
            false,
        )
    }

    /// Sets (or with `None` clears) the submission deadline of the year's accounts
    /// (the office only).
    pub fn set_deadline(&self, me: &Actor, year: i32, date: Option<&str>) -> Result<()> {
        if !me.may_decide_account() {
            return Err(Error::Forbidden);
        }
        check_year(year)?;
        let mut date = date.map(str::to_string);
        let mut errors = Vec::new();
        crate::model::check_optional_date(&mut errors, "deadline", &mut date);
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            let before: Option<String> = optional(tx.query_row(
                "SELECT due FROM account_deadlines WHERE year = ?1",
                [year],
                |r| r.get(0),
            ))?;
            match &date {
                Some(d) => tx.execute(
                    "INSERT INTO account_deadlines (year, due, set_at, set_by) VALUES (?1, ?2, ?3, ?4) \
                     ON CONFLICT (year) DO UPDATE SET due = excluded.due, set_at = excluded.set_at, set_by = excluded.set_by",
                    params![year, d, now(), me.member_id],
                )?,
                None => tx.execute("DELETE FROM account_deadlines WHERE year = ?1", [year])?,
            };
            audit::record(
                tx,
                me,
                "set_deadline",
                "account_deadline",
                i64::from(year),
                before.as_ref(),
                date.as_ref(),
            )
        })
    }

    /// The submission deadline of the year's accounts, if the office set one.
    pub fn account_deadline(&self, year: i32) -> Result<Option<String>> {
        Ok(optional(self.conn().query_row(
            "SELECT due FROM account_deadlines WHERE year = ?1",
            [year],
            |r| r.get(0),
        ))?)
    }

    /// Every unit with the state of its account for the year, who submitted and when,
    /// and whether it is late. The office reads it all; others see the states
    /// (not the words).
    pub fn overview(&self, _me: &Actor, year: i32) -> Result<Overview> {
        check_year(year)?;
        let deadline = self.account_deadline(year)?;
        let past = deadline.as_deref().is_some_and(|d| today().as_str() > d);
        let mut stmt = self.conn().prepare_cached(
            "SELECT u.id, u.code, u.name, a.state, (SELECT full_name FROM members WHERE id = a.submitted_by), \
             a.submitted_at FROM units u \
             LEFT JOIN accounts a ON a.unit_id = u.id AND a.year = ?1 AND a.deleted_at IS NULL \
             ORDER BY u.code",
        )?;
        let rows = stmt.query_map([year], |r| {
            let state = r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .and_then(AccountState::parse);
            Ok(OverviewRow {
                unit_id: r.get(0)?,
                unit_code: r.get(1)?,
                unit_name: r.get(2)?,
                late: past && !state.is_some_and(AccountState::is_handed_in),
                state,
                submitted_by: r.get(4)?,
                submitted_at: r.get(5)?,
            })
        })?;
        Ok(Overview {
            year,
            deadline,
            rows: rows.collect::<rusqlite::Result<_>>()?,
        })
    }

    /// Live minus frozen for the unit's account: "+2 activities". Empty when the
    /// account has no frozen figures (or none changed).
    pub fn drift(&self, me: &Actor, unit_id: i64, year: i32) -> Result<Drift> {
        let Some(account) = self.account(me, unit_id, year)? else {
            return Ok(Drift::default());
        };
        let Some(frozen) = account.figures else {
            return Ok(Drift::default());
        };
        let live = figures(self.conn(), FigureScope::Unit(unit_id), year)?.figures;
        Ok(live.drift_from(&frozen))
    }

    /// The compilation of `year` for the executive board: the municipality's key
    /// figures for the year and the years before that have data, one section per unit
    /// (the figures it handed in, else the live ones; its words when the reader may
    /// read them), the projects running, the plans' progress, the memberships and the
    /// chart series. Key figures and charts are the live, logged figures.
    pub fn compilation(&self, me: &Actor, year: i32) -> Result<Compilation> {
        check_year(year)?;
        let conn = self.conn();
        let this_year = figures(conn, FigureScope::Municipality, year)?;
        let last_year = figures(conn, FigureScope::Municipality, year - 1)?;
        let (municipality, projects) = (this_year.figures, this_year.projects);
        let (last, last_projects) = (last_year.figures, last_year.projects);
        let mut years = vec![year];
        let mut per_year = vec![municipality.clone()];
        for y in (year - KEY_FIGURE_YEARS as i32 + 1..year).rev() {
            if crate::model::year_in_range(y) && self.year_has_data(y)? {
                years.push(y);
                per_year.push(if y == year - 1 {
                    last.clone()
                } else {
                    figures(conn, FigureScope::Municipality, y)?.figures
                });
            }
        }
        let key_figures = Figure::ALL
            .iter()
            .map(|f| KeyFigure {
                figure: *f,
                values: per_year.iter().map(|u| u.value(*f)).collect(),
            })
            .collect();

        let mut units = Vec::new();
        for unit in self.units()? {
            let account = load_account(conn, unit.id, year)?;
            let readable = account
                .as_ref()
                .is_some_and(|a| me.may_read_account(unit.id, a.state));
            let (figures, frozen) = match account.as_ref() {
                Some(a) if a.state.is_handed_in() && a.figures.is_some() => {
                    (a.figures.clone().unwrap_or_default(), true)
                }
                _ => (
                    figures(conn, FigureScope::Unit(unit.id), year)?.figures,
                    false,
                ),
            };
            units.push(UnitSection {
                unit_id: unit.id,
                unit_code: unit.code,
                unit_name: unit.name,
                state: account.as_ref().map(|a| a.state),
                figures,
                frozen,
                words: account.filter(|_| readable).map(|a| a.words),
            });
        }

        let mut next = conn.prepare_cached(
            "SELECT title, due FROM milestones WHERE project_id = ?1 AND done = 0 AND deleted_at IS NULL \
             ORDER BY due IS NULL, due, id LIMIT 1",
        )?;
        let mut follow_up = Vec::new();
        for p in &projects {
            let next_milestone = optional(next.query_row([p.id], |r| {
                Ok(NextMilestone {
                    title: r.get(0)?,
                    due: r.get(1)?,
                })
            }))?;
            follow_up.push(ProjectFollowUp {
                project_id: p.id,
                name: p.name.clone(),
                acronym: p.acronym.clone(),
                programme: p.programme,
                role: p.role,
                status: p.status,
                lead_unit_code: p.lead_unit_code.clone(),
                currency: p.currency.clone(),
                budget_total: p.budget_total,
                eu_grant: p.eu_grant,
                budget_total_sek: p.sek(p.budget_total),
                eu_grant_sek: p.sek(p.eu_grant),
                start: p.start.clone(),
                end: p.end.clone(),
                next_milestone,
            });
        }

        let plans = self.plan_progress(year)?;
        let charts = Charts {
            person_hours_per_unit: self
                .hours_per_unit(&this_year.minutes_by_unit, &last_year.minutes_by_unit)?,
            eu_grant_per_programme: series(
                Measure::SekMinor,
                grant_per_programme(&projects),
                grant_per_programme(&last_projects),
            ),
            contacts_per_country: series(
                Measure::Count,
                municipality
                    .contacts
                    .by_country
                    .iter()
                    .map(|t| (t.key.clone(), t.count))
                    .collect(),
                last.contacts
                    .by_country
                    .iter()
                    .map(|t| (t.key.clone(), t.count))
                    .collect(),
            ),
        };
        Ok(Compilation {
            year,
            deadline: self.account_deadline(year)?,
            years,
            key_figures,
            memberships: municipality.memberships.clone(),
            municipality,
            units,
            projects: follow_up,
            plans,
            charts,
        })
    }

    /// The year's plans with their items by status.
    fn plan_progress(&self, year: i32) -> Result<Vec<PlanProgress>> {
        let today = today();
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.id, p.title, (SELECT code FROM units WHERE id = p.unit_id), i.status, count(i.id), \
             coalesce(sum(i.status IN ('not_started', 'in_progress') AND i.due < ?2), 0) \
             FROM plans p LEFT JOIN plan_items i ON i.plan_id = p.id AND i.deleted_at IS NULL \
             WHERE p.year = ?1 AND p.deleted_at IS NULL \
             GROUP BY p.id, i.status ORDER BY p.unit_id IS NOT NULL, p.title, p.id",
        )?;
        let mut rows = stmt.query(params![year, today])?;
        let mut out: Vec<PlanProgress> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if out.last().is_none_or(|p| p.plan_id != id) {
                out.push(PlanProgress {
                    plan_id: id,
                    title: r.get(1)?,
                    unit_code: r.get(2)?,
                    items: PlanFigures::default(),
                });
            }
            let Some(plan) = out.last_mut() else { continue };
            let n: i64 = r.get(4)?;
            let items = &mut plan.items;
            match r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .and_then(crate::model::ItemStatus::parse)
            {
                Some(crate::model::ItemStatus::Done) => items.done += n,
                Some(crate::model::ItemStatus::InProgress) => items.in_progress += n,
                Some(crate::model::ItemStatus::Cancelled) => items.cancelled += n,
                Some(crate::model::ItemStatus::NotStarted) => items.not_started += n,
                None => {}
            }
            items.overdue += r.get::<_, i64>(5)?;
        }
        Ok(out)
    }

    /// Person-hours (minutes) per unit code, this year against last, from the
    /// municipality's training pass of each year.
    fn hours_per_unit(
        &self,
        this: &BTreeMap<Option<i64>, i64>,
        last: &BTreeMap<Option<i64>, i64>,
    ) -> Result<Series> {
        let codes: BTreeMap<i64, String> =
            self.units()?.into_iter().map(|u| (u.id, u.code)).collect();
        let by_code = |m: &BTreeMap<Option<i64>, i64>| {
            let mut out = BTreeMap::new();
            for (u, minutes) in m {
                let code = u
                    .and_then(|u| codes.get(&u).cloned())
                    .unwrap_or_else(|| "-".into());
                bump(&mut out, code, *minutes);
            }
            out
        };
        Ok(series(Measure::Minutes, by_code(this), by_code(last)))
    }
}

/// EU grant in öre per programme word, over projects with a grant that converts.
fn grant_per_programme(projects: &[ProjectRow]) -> BTreeMap<String, i64> {
    let mut m = BTreeMap::new();
    for p in projects {
        if let Some(g) = p.sek(p.eu_grant) {
            bump(&mut m, p.programme.as_str().to_string(), g);
        }
    }
    m
}

/// A chart series from this year's and last year's values, biggest this year first.
fn series(measure: Measure, this: BTreeMap<String, i64>, last: BTreeMap<String, i64>) -> Series {
    let labels: BTreeSet<&String> = this.keys().chain(last.keys()).collect();
    let mut points: Vec<ChartPoint> = labels
        .into_iter()
        .map(|l| ChartPoint {
            label: l.clone(),
            this_year: this.get(l).copied().unwrap_or(0),
            last_year: last.get(l).copied().unwrap_or(0),
        })
        .collect();
    points.sort_by(|a, b| {
        b.this_year
            .cmp(&a.this_year)
            .then(b.last_year.cmp(&a.last_year))
            .then(a.label.cmp(&b.label))
    });
    Series { measure, points }
}
