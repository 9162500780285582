//! Deadlines across the network's work: open plan items with a due date, project
//! milestones not done, network evaluations due, and the closing dates of EU funding
//! calls in the news; and the yearly account's deadline for a unit that has not
//! handed it in.

use super::{Result, Store, today};
use crate::model::Actor;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    PlanItem,
    Milestone,
    Evaluation,
    Call,
    /// A unit's yearly account not yet handed in (`id` is the year, `context` the
    /// unit's code).
    Account,
    /// A person not yet informed of the processing (Art. 14), due a month after they
    /// were recorded (`id` the person, `context` their organisation). The office's and
    /// the adding member's.
    NotInformed,
    /// A request under Articles 15–18 not yet answered, due a month after it came in
    /// (`id` the request, `context` the kind). The office's.
    PrivacyRequest,
}

impl DeadlineKind {
    /// The i18n key of the kind's name.
    pub fn key(self) -> &'static str {
        match self {
            DeadlineKind::PlanItem => "deadline.plan_item",
            DeadlineKind::Milestone => "deadline.milestone",
            DeadlineKind::Evaluation => "deadline.evaluation",
            DeadlineKind::Call => "deadline.call",
            DeadlineKind::Account => "deadline.account",
            DeadlineKind::NotInformed => "deadline.not_informed",
            DeadlineKind::PrivacyRequest => "deadline.privacy_request",
        }
    }
}

/// One thing due on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub date: String,
    pub kind: DeadlineKind,
    pub id: i64,
    pub title: String,
    /// The plan's or project's title; empty for calls and evaluations.
    pub context: String,
    /// A milestone's project by its acronym, else its name (for a calendar event's
    /// title, which must say whose meeting it is); empty for the other kinds.
    pub project: String,
    pub owner: Option<String>,
    /// Due before today and not done: the most urgent lines (a call that closed is not
    /// listed at all; it cannot be late).
    pub overdue: bool,
}

/// One statement over the four sources; each row names its kind. A plan item's context
/// is its plan, prefixed by the unit's code for a unit's plan ("AMF · Handlingsplan
/// 2026"), since plan titles alone rarely say whose plan it is. Open plan items,
/// milestones and evaluations are listed however long ago they fell due (overdue, they
/// sort first); calls only until they close. Parameters: `:from`
/// and `:to` (ISO dates), `:mine` (0 or 1), `:me` (member id), `:unit` (the member's
/// unit id, or -1), `:office` (0 or 1). Public so the benchmark can hand the very same
/// statement to the `sqlite3` shell.
pub const DEADLINES_SQL: &str = "SELECT i.due, 'plan_item', i.id, i.text, coalesce(u.code || ' · ', '') || p.title, m.full_name, '' FROM plan_items i \
             JOIN plans p ON p.id = i.plan_id LEFT JOIN members m ON m.id = i.owner_id LEFT JOIN units u ON u.id = p.unit_id \
             WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL AND i.due <= :to \
             AND i.status IN ('not_started', 'in_progress') AND (:mine = 0 OR i.owner_id = :me) \
             UNION ALL \
             SELECT ms.due, 'milestone', ms.id, ms.title, pr.name, c.full_name, \
             CASE WHEN trim(pr.acronym) <> '' THEN pr.acronym ELSE pr.name END FROM milestones ms \
             JOIN projects pr ON pr.id = ms.project_id LEFT JOIN members c ON c.id = pr.contact \
             WHERE ms.done = 0 AND ms.deleted_at IS NULL AND ms.due <= :to AND pr.deleted_at IS NULL \
             AND (:mine = 0 OR pr.contact = :me) \
             UNION ALL \
             SELECT s.next_evaluation, 'evaluation', s.id, o.name, '', r.full_name, '' FROM memberships s \
             JOIN orgs o ON o.id = s.org_id LEFT JOIN members r ON r.id = s.member_id \
             WHERE s.deleted_at IS NULL AND s.next_evaluation <= :to \
             AND (:mine = 0 OR s.member_id = :me) \
             UNION ALL \
             SELECT n.deadline, 'call', n.id, n.title, '', a.full_name, '' FROM news n \
             JOIN members a ON a.id = n.author_id \
             WHERE :mine = 0 AND n.deleted_at IS NULL AND n.published_at IS NOT NULL AND n.category = 'call' \
             AND n.deadline >= :from AND n.deadline <= :to \
             AND (n.audience = '' OR instr(n.audience, ',' || :unit || ',') > 0 OR :office) \
             ORDER BY 1, 3";

impl Store {
    /// What falls due within `within` days from today (default all ahead), and what
    /// is overdue, oldest first. `mine`: only what is the member's: plan items they own,
    /// milestones of projects they are the contact for, evaluations they are
    /// responsible for.
    pub fn deadlines(&self, me: &Actor, within: Option<i64>, mine: bool) -> Result<Vec<Deadline>> {
        let from = today();
        let to = within
            .and_then(|days| crate::model::add_days(&from, days))
            .unwrap_or_else(|| "9999-12-31".to_string());
        let mut stmt = self.conn().prepare_cached(DEADLINES_SQL)?;
        let bound: &[(&str, &dyn rusqlite::ToSql)] = &[
            (":from", &from),
            (":to", &to),
            (":mine", &mine),
            (":me", &me.member_id),
            (":unit", &me.unit_id.unwrap_or(-1)),
            (":office", &me.is_office()),
        ];
        let rows = stmt.query_map(bound, |r| {
            let kind = match r.get_ref(1)?.as_str()? {
                "plan_item" => DeadlineKind::PlanItem,
                "milestone" => DeadlineKind::Milestone,
                "evaluation" => DeadlineKind::Evaluation,
                _ => DeadlineKind::Call,
            };
            let date: String = r.get(0)?;
            Ok(Deadline {
                overdue: date < from,
                date,
                kind,
                id: r.get(2)?,
                title: r.get(3)?,
                context: r.get(4)?,
                owner: r.get(5)?,
                project: r.get(6)?,
            })
        })?;
        let mut list: Vec<Deadline> = rows.collect::<rusqlite::Result<_>>()?;
        // The account deadline of the member's unit, while its account is not handed
        // in (it is the unit's, so it is "mine" too).
        let due = self.accounts_due(me)?;
        let privacy = self.privacy_deadlines(me, &to, mine)?;
        if !due.is_empty() || !privacy.is_empty() {
            list.extend(due.into_iter().filter(|d| d.date <= to));
            list.extend(privacy);
            list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        }
        Ok(list)
    }

    /// Personal data's deadlines up to `to`: persons not informed a month after they
    /// were recorded (the office sees all, a member those they added, also under `mine`), and open requests
    /// (the office, not under `mine`).
    fn privacy_deadlines(&self, me: &Actor, to: &str, mine: bool) -> Result<Vec<Deadline>> {
        let from = today();
        let mut out = Vec::new();
        let mut who = me.clone();
        if mine && who.is_office() {
            // "Mine" for the office: the persons it added itself.
            who.role = crate::model::Role::Member;
        }
        // Only once the month has run out ("not informed past a month"): every new
        // person would otherwise be a deadline from the day they were recorded.
        for p in self.not_informed(&who, None)? {
            out.push(Deadline {
                overdue: p.due < from,
                date: p.due,
                kind: DeadlineKind::NotInformed,
                id: p.person_id,
                title: p.name,
                context: p.org,
                project: String::new(),
                owner: p.added_by,
            });
        }
        if !mine {
            for (date, id, kind, name) in self.open_requests_due(me)? {
                if date.as_str() > to {
                    continue;
                }
                out.push(Deadline {
                    overdue: date < from,
                    date,
                    kind: DeadlineKind::PrivacyRequest,
                    id,
                    title: name,
                    context: kind,
                    project: String::new(),
                    owner: None,
                });
            }
        }
        Ok(out)
    }

    /// The account deadlines (this year's and last year's accounts) the member's
    /// unit has not met yet: set by the office, and the unit's account for that year
    /// not started, a draft or returned. Empty for a member without a unit and for
    /// viewers (they write no account).
    pub fn accounts_due(&self, me: &Actor) -> Result<Vec<Deadline>> {
        let Some(unit) = me.unit_id.filter(|u| me.may_write_account(*u)) else {
            return Ok(Vec::new());
        };
        let from = today();
        let mut stmt = self.conn().prepare_cached(
            "SELECT d.due, d.year, u.code FROM account_deadlines d JOIN units u ON u.id = ?1 \
             WHERE d.year >= ?2 AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.unit_id = ?1 \
               AND a.year = d.year AND a.deleted_at IS NULL AND a.state IN ('submitted', 'accepted')) \
             ORDER BY d.due, d.year",
        )?;
        let rows = stmt.query_map(rusqlite::params![unit, super::this_year() - 1], |r| {
            let date: String = r.get(0)?;
            let year: i64 = r.get(1)?;
            Ok(Deadline {
                overdue: date < from,
                date,
                kind: DeadlineKind::Account,
                id: year,
                title: year.to_string(),
                context: r.get(2)?,
                owner: None,
                project: String::new(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
