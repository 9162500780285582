//! Files for other programs: CSV exports of the training log and its summaries, and
//! deadlines as an iCalendar file for Outlook and Thunderbird.

use crate::model::{SummaryRow, Training, format_hours};
use crate::store::{Deadline, DeadlineKind};
use std::io::Write;

/// Writes every activity as CSV, one row per activity, participants as accounts
/// joined by `;`. Columns are stable, English and lower-case, for spreadsheets and
/// scripts.
pub fn training_csv<W: Write>(out: W, rows: &[(Training, Vec<String>)]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "date_from",
        "date_to",
        "title",
        "kind",
        "hours",
        "participants",
        "person_hours",
        "organiser",
        "city",
        "country",
        "priority_area",
        "growth_area",
        "funding",
        "cost_sek",
        "partner",
        "shared",
        "notes",
    ])?;
    for (t, accounts) in rows {
        let d = &t.data;
        w.write_record([
            t.id.to_string(),
            d.date_from.clone(),
            d.date_to.clone().unwrap_or_default(),
            d.title.clone(),
            d.kind.as_str().to_string(),
            format_hours(d.minutes),
            accounts.join(";"),
            format_hours(d.minutes * accounts.len() as i64),
            d.organiser.clone(),
            d.city.clone(),
            d.country.clone(),
            d.priority_area
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            d.growth_area
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            d.funding.as_str().to_string(),
            d.cost_sek.map(|c| c.to_string()).unwrap_or_default(),
            t.partner_name.clone().unwrap_or_default(),
            d.shared.clone(),
            d.notes.clone(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// A summary as CSV: key, hours (person-hours), participants, activities.
pub fn summary_csv<W: Write>(out: W, rows: &[SummaryRow]) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["key", "hours", "participants", "activities"])?;
    for r in rows {
        w.write_record([
            r.key.clone(),
            format_hours(r.minutes),
            r.participants.to_string(),
            r.activities.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// A summary as the JSON array of `{"key", "hours", "participants", "activities"}`.
pub fn summary_json(rows: &[SummaryRow]) -> serde_json::Value {
    serde_json::Value::Array(
        rows.iter()
            .map(|r| {
                serde_json::json!({
                    "key": r.key,
                    "hours": r.minutes as f64 / 60.0,
                    "participants": r.participants,
                    "activities": r.activities,
                })
            })
            .collect(),
    )
}

/// Deadlines as an iCalendar file: one all-day event each, with a UID that stays the
/// same across exports so a calendar updates instead of duplicating.
pub fn deadlines_ics(deadlines: &[Deadline], calendar_name: &str) -> String {
    use icalendar::{Calendar, Component, Event, Parameter, Property};
    let mut cal = Calendar::new();
    cal.name(calendar_name);
    for d in deadlines {
        let kind = match d.kind {
            DeadlineKind::PlanItem => "plan-item",
            DeadlineKind::Milestone => "milestone",
            DeadlineKind::Evaluation => "evaluation",
            DeadlineKind::Call => "call",
        };
        let start = d.date.replace('-', "");
        // All-day events end the day after (DTEND is exclusive).
        let end = crate::model::add_days(&d.date, 1)
            .unwrap_or_else(|| d.date.clone())
            .replace('-', "");
        let mut description = d.context.clone();
        if let Some(o) = &d.owner {
            if !description.is_empty() {
                description.push_str(" · ");
            }
            description.push_str(o);
        }
        let event = Event::new()
            .uid(&format!("{kind}-{}@intnet", d.id))
            .summary(&d.title)
            .description(&description)
            .append_property(
                Property::new("DTSTART", &start)
                    .append_parameter(Parameter::new("VALUE", "DATE"))
                    .done(),
            )
            .append_property(
                Property::new("DTEND", &end)
                    .append_parameter(Parameter::new("VALUE", "DATE"))
                    .done(),
            )
            .done();
        cal.push(event);
    }
    cal.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let rows = vec![SummaryRow {
            key: "Kultur, fritid".into(),
            minutes: 90,
            participants: 2,
            activities: 1,
        }];
        let mut out = Vec::new();
        summary_csv(&mut out, &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "key,hours,participants,activities\n\"Kultur, fritid\",1.5,2,1\n"
        );
        assert_eq!(summary_json(&rows)[0]["hours"], 1.5);
    }
}
