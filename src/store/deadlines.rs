//! Deadlines across the network's work: open plan items with a due date, project
//! milestones not done, network evaluations due, and the closing dates of EU funding
//! calls in the news.

use super::{Result, Store, today};
use crate::model::Actor;
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    PlanItem,
    Milestone,
    Evaluation,
    Call,
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
    pub owner: Option<String>,
}

impl Store {
    /// What falls due from `from` (default today) within `within` days (default all
    /// ahead), soonest first. `mine`: only what is the member's: plan items they own,
    /// milestones of projects they are the contact for, evaluations they are
    /// responsible for.
    pub fn deadlines(&self, me: &Actor, within: Option<i64>, mine: bool) -> Result<Vec<Deadline>> {
        let from = today();
        let to = match within {
            Some(days) => self.conn().query_row(
                "SELECT date(?1, '+' || ?2 || ' days')",
                params![from, days],
                |r| r.get::<_, String>(0),
            )?,
            None => "9999-12-31".to_string(),
        };
        let mut out = Vec::new();
        let mut items = self.conn().prepare_cached(
            "SELECT i.due, i.id, i.text, p.title, m.full_name FROM plan_items i \
             JOIN plans p ON p.id = i.plan_id LEFT JOIN members m ON m.id = i.owner_id \
             WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL AND i.due IS NOT NULL \
             AND i.due >= ?1 AND i.due <= ?2 AND i.status IN ('not_started', 'in_progress') \
             AND (?3 = 0 OR i.owner_id = ?4)",
        )?;
        let rows = items.query_map(params![from, to, mine, me.member_id], |r| {
            Ok(Deadline {
                date: r.get(0)?,
                kind: DeadlineKind::PlanItem,
                id: r.get(1)?,
                title: r.get(2)?,
                context: r.get(3)?,
                owner: r.get(4)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        let mut milestones = self.conn().prepare_cached(
            "SELECT m.due, m.id, m.title, p.name, c.full_name FROM milestones m \
             JOIN projects p ON p.id = m.project_id LEFT JOIN members c ON c.id = p.contact \
             WHERE m.done = 0 AND m.due >= ?1 AND m.due <= ?2 AND p.deleted_at IS NULL \
             AND (?3 = 0 OR p.contact = ?4)",
        )?;
        let rows = milestones.query_map(params![from, to, mine, me.member_id], |r| {
            Ok(Deadline {
                date: r.get(0)?,
                kind: DeadlineKind::Milestone,
                id: r.get(1)?,
                title: r.get(2)?,
                context: r.get(3)?,
                owner: r.get(4)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        let mut evaluations = self.conn().prepare_cached(
            "SELECT s.next_evaluation, s.id, o.name, mm.full_name FROM memberships s JOIN orgs o ON o.id = s.org_id \
             LEFT JOIN members mm ON mm.id = s.member_id \
             WHERE s.deleted_at IS NULL AND s.next_evaluation >= ?1 AND s.next_evaluation <= ?2 \
             AND (?3 = 0 OR s.member_id = ?4)",
        )?;
        let rows = evaluations.query_map(params![from, to, mine, me.member_id], |r| {
            Ok(Deadline {
                date: r.get(0)?,
                kind: DeadlineKind::Evaluation,
                id: r.get(1)?,
                title: r.get(2)?,
                context: String::new(),
                owner: r.get(3)?,
            })
        })?;
        for row in rows {
            out.push(row?);
        }
        if !mine {
            let mut calls = self.conn().prepare_cached(
                "SELECT n.deadline, n.id, n.title, m.full_name FROM news n JOIN members m ON m.id = n.author_id \
                 WHERE n.deleted_at IS NULL AND n.published_at IS NOT NULL AND n.category = 'call' \
                 AND n.deadline >= ?1 AND n.deadline <= ?2 \
                 AND (n.audience = '' OR instr(n.audience, ',' || ?3 || ',') > 0 OR ?4)",
            )?;
            let rows = calls.query_map(
                params![from, to, me.unit_id.unwrap_or(-1), me.is_office()],
                |r| {
                    Ok(Deadline {
                        date: r.get(0)?,
                        kind: DeadlineKind::Call,
                        id: r.get(1)?,
                        title: r.get(2)?,
                        context: String::new(),
                        owner: r.get(3)?,
                    })
                },
            )?;
            for row in rows {
                out.push(row?);
            }
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        Ok(out)
    }
}
