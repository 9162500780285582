//! Annual action plans: goals per year and unit (or the whole municipality), and the
//! items that carry them out.

use super::{FieldError, Meta, PriorityArea};
use serde::{Deserialize, Serialize};

super::enums::word_enum!(
    /// Where an item stands.
    ItemStatus, "item_status", {
        NotStarted => "not_started",
        InProgress => "in_progress",
        Done => "done",
        Cancelled => "cancelled",
    }
);

#[allow(clippy::derivable_impls)]
impl Default for ItemStatus {
    fn default() -> Self {
        ItemStatus::NotStarted
    }
}

impl ItemStatus {
    /// The next status for the "cycle" key: not started → in progress → done → not
    /// started (cancelling is a separate, deliberate choice in the form).
    pub fn cycled(self) -> ItemStatus {
        match self {
            ItemStatus::NotStarted => ItemStatus::InProgress,
            ItemStatus::InProgress => ItemStatus::Done,
            ItemStatus::Done | ItemStatus::Cancelled => ItemStatus::NotStarted,
        }
    }

    /// Still to do: counts against progress and shows in "my items".
    pub fn is_open(self) -> bool {
        matches!(self, ItemStatus::NotStarted | ItemStatus::InProgress)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanData {
    pub year: i32,
    /// `None`: the whole municipality.
    pub unit_id: Option<i64>,
    pub title: String,
    /// The plan's goals, one per line.
    pub goals: String,
    pub priority_areas: Vec<PriorityArea>,
}

/// A plan with its progress: items done of items not cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanRow {
    pub id: i64,
    pub data: PlanData,
    pub unit_code: Option<String>,
    pub done: i64,
    pub total: i64,
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItemData {
    pub plan_id: i64,
    pub text: String,
    pub owner_id: Option<i64>,
    pub due: Option<String>,
    pub status: ItemStatus,
    pub comments: String,
    /// Links to a partner organisation, a news item (an EU call, say) and a project.
    pub partner_id: Option<i64>,
    pub news_id: Option<i64>,
    /// Absent from audit snapshots written before schema 7.
    #[serde(default)]
    pub project_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanItem {
    pub id: i64,
    pub data: PlanItemData,
    pub owner: Option<String>,
    /// The plan's year and title, for "my items" across plans.
    pub plan_year: i32,
    pub plan_title: String,
    /// The linked partner's name, news item's title and project's name.
    pub partner: Option<String>,
    pub news_title: Option<String>,
    pub project: Option<String>,
    pub meta: Meta,
}

/// Checks a plan. The year must be a sensible calendar year.
pub fn validate_plan(data: &mut PlanData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.title = data.title.trim().to_string();
    if data.title.is_empty() {
        errors.push(FieldError::new("title", "err.required"));
    }
    if !(2000..=2100).contains(&data.year) {
        errors.push(FieldError::new("year", "err.year"));
    }
    super::check_short(&mut errors, "title", &data.title);
    super::check_long(&mut errors, "goals", &data.goals);
    errors
}

/// Checks an item. A due date outside the plan's year is a warning (`warn`), not an
/// error.
pub fn validate_item(
    data: &mut PlanItemData,
    plan_year: i32,
    warn: &mut Vec<super::Warning>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.text = data.text.trim().to_string();
    if data.text.is_empty() {
        errors.push(FieldError::new("text", "err.required"));
    }
    super::check_long(&mut errors, "text", &data.text);
    super::check_long(&mut errors, "comments", &data.comments);
    super::check_optional_date(&mut errors, "due", &mut data.due);
    if let Some(d) = &data.due
        && !errors.iter().any(|e| e.field == "due")
        && !d.starts_with(&format!("{plan_year:04}-"))
    {
        warn.push(super::Warning {
            field: "due",
            key: "warn.due_outside_year",
        });
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_cycle_skips_cancelled() {
        assert_eq!(ItemStatus::NotStarted.cycled(), ItemStatus::InProgress);
        assert_eq!(ItemStatus::Done.cycled(), ItemStatus::NotStarted);
        assert_eq!(ItemStatus::Cancelled.cycled(), ItemStatus::NotStarted);
        assert!(!ItemStatus::Cancelled.is_open());
    }

    #[test]
    fn due_outside_the_year_warns() {
        let mut warn = Vec::new();
        let mut item = PlanItemData {
            text: "Besök".into(),
            due: Some("2027-02-01".into()),
            ..Default::default()
        };
        assert!(validate_item(&mut item, 2026, &mut warn).is_empty());
        assert_eq!(warn[0].key, "warn.due_outside_year");
        let mut bad = PlanItemData {
            text: " ".into(),
            due: Some("2026-02-30".into()),
            ..Default::default()
        };
        let fields: Vec<_> = validate_item(&mut bad, 2026, &mut warn)
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["text", "due"]);
    }
}
