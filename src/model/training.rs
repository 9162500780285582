//! The competence-development log: training activities and who took part.

use super::{FieldError, GrowthArea, MAX_COST_SEK, MAX_HOURS, Meta, PriorityArea};
use serde::{Deserialize, Serialize};

super::enums::word_enum!(
    /// What kind of activity.
    TrainingKind, "training_kind", {
        Course => "course",
        Conference => "conference",
        StudyVisit => "study_visit",
        HostedVisit => "hosted_visit",
        Language => "language",
        Webinar => "webinar",
        Exchange => "exchange",
        NetworkMeeting => "network_meeting",
    }
);

super::enums::word_enum!(
    /// How an activity was paid for.
    Funding, "funding", {
        Own => "own",
        ErasmusPlus => "erasmus_plus",
        Interreg => "interreg",
        OtherEu => "other_eu",
        Other => "other",
    }
);

#[allow(clippy::derivable_impls)]
impl Default for TrainingKind {
    fn default() -> Self {
        TrainingKind::Course
    }
}

#[allow(clippy::derivable_impls)]
impl Default for Funding {
    fn default() -> Self {
        Funding::Own
    }
}

/// The editable fields of an activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingData {
    pub title: String,
    pub kind: TrainingKind,
    pub date_from: String,
    /// Last day, for activities over several days.
    pub date_to: Option<String>,
    pub organiser: String,
    pub city: String,
    /// ISO code, or empty.
    pub country: String,
    /// Hours per participant, in minutes (no floats).
    pub minutes: i64,
    /// Member ids; logging for a group is one activity.
    pub participants: Vec<i64>,
    pub priority_area: Option<PriorityArea>,
    pub growth_area: Option<GrowthArea>,
    pub funding: Funding,
    /// Whole kronor.
    pub cost_sek: Option<i64>,
    pub partner_id: Option<i64>,
    pub notes: String,
    /// How the knowledge was shared afterwards.
    pub shared: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Training {
    pub id: i64,
    pub data: TrainingData,
    /// Names of the participants, in `data.participants` order.
    pub names: Vec<String>,
    pub partner_name: Option<String>,
    pub meta: Meta,
    /// The member who logged it (`meta.created_by` is their name), for
    /// [`Training::editable_by`]. Not exported.
    #[serde(skip)]
    pub created_by_id: Option<i64>,
}

/// One row of the training list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrainingRow {
    pub id: i64,
    pub date_from: String,
    pub title: String,
    pub kind: TrainingKind,
    pub minutes: i64,
    pub participants: i64,
}

/// One line of a summary: person-hours, distinct participants, activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub key: String,
    /// Person-hours in minutes (6 hours for two people is 720).
    pub minutes: i64,
    pub participants: i64,
    pub activities: i64,
}

/// Parses hours as typed: `6`, `1.5`, `1,5` (Swedish decimal comma), `2:30`.
pub fn parse_hours(s: &str) -> Result<i64, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("err.required");
    }
    // Also `-0:30`, whose hours parse as a harmless-looking zero.
    if s.starts_with('-') {
        return Err("err.hours_negative");
    }
    let minutes = if let Some((h, m)) = s.split_once(':') {
        let h: i64 = h.trim().parse().map_err(|_| "err.hours")?;
        let m: i64 = m.trim().parse().map_err(|_| "err.hours")?;
        if !(0..60).contains(&m) {
            return Err("err.hours");
        }
        h.checked_mul(60)
            .and_then(|x| x.checked_add(m))
            .ok_or("err.hours")?
    } else {
        let (whole, frac) = s
            .replace(',', ".")
            .split_once('.')
            .map_or((s.to_string(), String::new()), |(a, b)| {
                (a.to_string(), b.to_string())
            });
        if whole.starts_with('-') {
            return Err("err.hours_negative");
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| "err.hours")?
        };
        let frac_minutes = match frac.len() {
            0 => 0,
            1 | 2 if frac.chars().all(|c| c.is_ascii_digit()) => {
                let f: i64 = frac.parse().map_err(|_| "err.hours")?;
                if frac.len() == 1 {
                    f * 6
                } else {
                    (f * 60 + 50) / 100
                }
            }
            _ => return Err("err.hours"),
        };
        whole
            .checked_mul(60)
            .and_then(|x| x.checked_add(frac_minutes))
            .ok_or("err.hours")?
    };
    if minutes < 0 {
        return Err("err.hours_negative");
    }
    Ok(minutes)
}

/// Parses a cost in whole kronor as typed, `12500` or `12 500`; empty is `None`.
pub fn parse_cost(s: &str) -> Result<Option<i64>, &'static str> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<i64>().map(Some).map_err(|_| "err.cost")
}

/// Minutes as hours for display: `6`, `1.5`, `0.25`.
pub fn format_hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        return (minutes / 60).to_string();
    }
    let h = minutes as f64 / 60.0;
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Checks an activity against `today`.
pub fn validate_training(data: &mut TrainingData, today: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.title = data.title.trim().to_string();
    if data.title.is_empty() {
        errors.push(FieldError::new("title", "err.required"));
    }
    for (field, value) in [
        ("title", &data.title),
        ("organiser", &data.organiser),
        ("city", &data.city),
    ] {
        super::check_short(&mut errors, field, value);
    }
    super::check_long(&mut errors, "notes", &data.notes);
    super::check_long(&mut errors, "shared", &data.shared);
    let from = super::required_date(&mut errors, "date", &mut data.date_from)
        .then(|| data.date_from.clone());
    let to = match data.date_to.as_deref().map(super::parse_record_date) {
        None | Some(Ok(None)) => None,
        Some(Ok(Some(d))) => Some(d),
        Some(Err(k)) => {
            errors.push(FieldError::new("date_to", k));
            None
        }
    };
    data.date_to = to.clone();
    if data.minutes > MAX_HOURS * 60 {
        errors.push(FieldError::new("hours", "err.hours_max"));
    }
    if let Some(f) = &from {
        let days = super::days_between;
        if days(today, f).is_some_and(|d| d > 366) {
            errors.push(FieldError::new("date", "err.date_far_ahead"));
        }
        match to.as_deref().and_then(|t| days(f, t)) {
            Some(d) if d < 0 => errors.push(FieldError::new("date_to", "err.date_order")),
            span => {
                let max_minutes = (span.unwrap_or(0) + 1) * 24 * 60;
                if data.minutes > max_minutes {
                    errors.push(FieldError::new("hours", "err.hours_too_many"));
                }
            }
        }
    }
    if data.minutes < 0 {
        errors.push(FieldError::new("hours", "err.hours_negative"));
    }
    if data.minutes == 0 {
        errors.push(FieldError::new("hours", "err.required"));
    }
    match data.cost_sek {
        Some(c) if c < 0 => errors.push(FieldError::new("cost", "err.cost")),
        Some(c) if c > MAX_COST_SEK => errors.push(FieldError::new("cost", "err.cost_max")),
        _ => {}
    }
    if data.participants.is_empty() {
        errors.push(FieldError::new("participants", "err.required"));
    }
    data.participants.sort_unstable();
    data.participants.dedup();
    if !data.country.trim().is_empty() {
        match super::parse_country(&data.country) {
            Ok(c) => data.country = c,
            Err(k) => errors.push(FieldError::new("country", k)),
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_in_every_spelling() {
        assert_eq!(parse_hours("6"), Ok(360));
        assert_eq!(parse_hours("1.5"), Ok(90));
        assert_eq!(parse_hours("1,5"), Ok(90));
        assert_eq!(parse_hours("0.25"), Ok(15));
        assert_eq!(parse_hours("2:30"), Ok(150));
        assert_eq!(parse_hours("-2"), Err("err.hours_negative"));
        assert_eq!(parse_hours("six"), Err("err.hours"));
        assert_eq!(parse_hours("-0:30"), Err("err.hours_negative"));
        assert_eq!(parse_hours("-0.5"), Err("err.hours_negative"));
        assert_eq!(parse_cost("12 500"), Ok(Some(12_500)));
        assert_eq!(parse_cost(" "), Ok(None));
        assert_eq!(parse_cost("12,5"), Err("err.cost"));
        assert_eq!(format_hours(90), "1.5");
        assert_eq!(format_hours(360), "6");
        assert_eq!(format_hours(15), "0.25");
    }

    #[test]
    fn more_hours_than_the_dates_allow_and_dates_far_ahead() {
        let base = || TrainingData {
            title: "Kurs".into(),
            date_from: "2026-11-20".into(),
            minutes: 6 * 60,
            participants: vec![1],
            ..TrainingData::default()
        };
        assert!(validate_training(&mut base(), "2026-11-27").is_empty());
        let mut too_long = TrainingData {
            minutes: 25 * 60,
            ..base()
        };
        assert_eq!(
            validate_training(&mut too_long, "2026-11-27")[0].key,
            "err.hours_too_many"
        );
        let mut two_days = TrainingData {
            minutes: 25 * 60,
            date_to: Some("2026-11-21".into()),
            ..base()
        };
        assert!(validate_training(&mut two_days, "2026-11-27").is_empty());
        let mut far = TrainingData {
            date_from: "2028-01-01".into(),
            ..base()
        };
        assert_eq!(
            validate_training(&mut far, "2026-11-27")[0].key,
            "err.date_far_ahead"
        );
        let mut backwards = TrainingData {
            date_to: Some("2026-11-19".into()),
            ..base()
        };
        assert_eq!(
            validate_training(&mut backwards, "2026-11-27")[0].key,
            "err.date_order"
        );
    }

    proptest::proptest! {
        /// Hours and costs as anyone may type them: a value or an error, never a panic.
        #[test]
        fn hour_and_cost_parsers_never_panic(s in proptest::prelude::any::<String>(), n in proptest::prelude::any::<i64>()) {
            let _ = parse_hours(&s);
            let _ = parse_cost(&s);
            let _ = format_hours(n);
            for typed in [n.to_string(), format!("{n}:{n}"), format!("{n}.{s}"), format!("{n},5")] {
                if let Ok(m) = parse_hours(&typed) {
                    proptest::prop_assert!(m >= 0);
                }
                let _ = parse_cost(&typed);
            }
        }
    }
}
