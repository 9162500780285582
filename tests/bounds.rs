//! Hostile and absurd input on the command line: empty names, values out of bounds,
//! numbers that once panicked. Each refusal is exit 2 with one line on stderr.

mod common;
use std::path::Path;

/// The binary on `db`, with a backtrace should anything panic.
fn intnet(db: &Path) -> assert_cmd::Command {
    let mut c = common::intnet(db);
    c.env("RUST_BACKTRACE", "1");
    c
}

use common::{CliDb as Db, cli_db as db};

/// Runs `intnet --as anna ARGS` and returns (exit code, stdout, stderr).
fn run(db: &Db, args: &[&str]) -> (i32, String, String) {
    run_as(db, "anna", args)
}

fn run_as(db: &Db, account: &str, args: &[&str]) -> (i32, String, String) {
    let out = intnet(&db.path)
        .args(["--as", account])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Asserts a clean refusal: exit 2, nothing on stdout, exactly one line on stderr
/// (no panic message, no backtrace). Returns that line.
#[track_caller]
fn refused(db: &Db, args: &[&str]) -> String {
    refused_as(db, "anna", args)
}

#[track_caller]
fn refused_as(db: &Db, account: &str, args: &[&str]) -> String {
    let (code, stdout, stderr) = run_as(db, account, args);
    assert_eq!(code, 2, "{args:?}: exit {code}, stderr: {stderr}");
    assert_eq!(stdout, "", "{args:?}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("intnet: "), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    stderr.trim_end().to_string()
}

#[track_caller]
fn accepted(db: &Db, args: &[&str]) -> String {
    accepted_as(db, "anna", args)
}

#[track_caller]
fn accepted_as(db: &Db, account: &str, args: &[&str]) -> String {
    let (code, stdout, stderr) = run_as(db, account, args);
    assert_eq!(code, 0, "{args:?}: stderr: {stderr}");
    stdout
}

/// The number in "… 12." style confirmations.
fn id_in(out: &str) -> String {
    out.split(|c: char| !c.is_ascii_digit())
        .find(|w| !w.is_empty())
        .unwrap_or_default()
        .to_string()
}

// ---- 6. An argument that folds to nothing names no organisation ----

#[test]
fn a_name_without_letters_or_digits_matches_no_organisation() {
    let db = db();
    // An organisation whose name folds to the empty string.
    let out = accepted(&db, &["org", "add", "🎉🎉", "--country", "SE", "--force"]);
    let emoji = id_in(&out);
    for name in ["", "!!!", "   ", "🎉", "🎉🎉"] {
        let line = refused(&db, &["interaction", "add", name, "met them"]);
        assert!(line.contains("letters or digits"), "{name:?}: {line}");
        refused(&db, &["person", "add", name, "Eva Ek"]);
        refused(
            &db,
            &[
                "training",
                "log",
                "Course",
                "--hours",
                "2",
                "--partner",
                name,
            ],
        );
        refused(&db, &["membership", "add", name]);
        refused(&db, &["project", "partner", "1", name]);
        refused(&db, &["org", "show", name]);
    }
    // Nothing was attached to the emoji organisation.
    let show = accepted(&db, &["org", "show", &emoji, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(
        v["interactions"].as_array().map(Vec::len),
        Some(0),
        "{show}"
    );
    assert_eq!(v["persons"].as_array().map(Vec::len), Some(0), "{show}");
    let (_, list, _) = run(&db, &["training", "list", "--json"]);
    assert!(!list.contains("Course"), "{list}");
    // It is still reachable by its id, and the message is Swedish in Swedish.
    accepted(&db, &["interaction", "add", &emoji, "met them"]);
    let line = refused(&db, &["--lang", "sv", "interaction", "add", "", "x"]);
    assert!(line.contains("bokstäver eller siffror"), "{line}");
}

// ---- 8. No input panics ----

#[test]
fn huge_and_negative_numbers_are_refused_cleanly() {
    let db = db();
    for args in [
        &["deadlines", "--within", "7304485"][..],
        &["deadlines", "--within", "9223372036854775807"],
        &["deadlines", "--within", "2000000000000000000w"],
        &["deadlines", "--within=-9223372036854775808w"],
        &["deadlines", "--within=-1"],
        &["deadlines", "--within", "36501"],
        &["training", "list", "--year", "2147483647"],
        &["training", "list", "--year=-2147483648"],
        &["training", "summary", "--year", "2147483647"],
        &["plan", "list", "--year", "99999"],
        &["training", "log", "T", "--hours=-0:30"],
        &["training", "log", "T", "--hours", "9223372036854775807"],
        &[
            "training",
            "log",
            "T",
            "--hours",
            "2",
            "--cost=-9223372036854775808",
        ],
        &[
            "training",
            "log",
            "T",
            "--hours",
            "2",
            "--cost",
            "99999999999999999999",
        ],
        &["project", "add", "P", "--budget", "92233720368547758.08"],
        &["project", "add", "P", "--rate", "0"],
    ] {
        refused(&db, args);
    }
    let line = refused(&db, &["deadlines", "--within", "7304485"]);
    assert!(line.contains("36500"), "{line}");
    // In range, the same commands work.
    accepted(&db, &["deadlines", "--within", "36500"]);
    accepted(&db, &["deadlines", "--within", "4w"]);
    accepted(&db, &["training", "list", "--year", "2026"]);
}

#[test]
fn huge_limits_do_not_overflow() {
    let db = db();
    accepted(&db, &["org", "add", "Stadt Lübeck", "--country", "DE"]);
    for args in [
        &["find", "Lübeck", "--limit", "9223372036854775807"][..],
        &["find", "Lübeck", "--limit", "18446744073709551615"],
        &["org", "list", "--limit=-9223372036854775808"],
        &["news", "list", "--limit=-9223372036854775808"],
        &["training", "list", "--limit=-9223372036854775808"],
    ] {
        let (code, _, stderr) = run(&db, args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
    }
    let out = accepted(&db, &["find", "Lübeck", "--limit", "9223372036854775807"]);
    assert!(out.contains("Lübeck"), "{out}");
}

/// Whatever number or word `--within` gets, the answer is a list or one line of
/// refusal, never a panic.
#[test]
fn deadlines_within_never_panics() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let db = db();
    let mut runner = TestRunner::new(Config {
        cases: 40,
        ..Config::default()
    });
    let values = prop_oneof![
        (any::<i64>(), "[dwDW]?").prop_map(|(n, u)| format!("{n}{u}")),
        "\\PC{0,8}",
    ];
    let result = runner.run(&values, |value| {
        let arg = format!("--within={value}");
        let (code, _, stderr) = run(&db, &["deadlines", &arg]);
        prop_assert!(code == 0 || code == 2, "{value}: {code} {stderr}");
        prop_assert!(!stderr.contains("panicked"), "{value}: {stderr}");
        if code == 2 {
            prop_assert_eq!(stderr.lines().count(), 1, "{}: {}", value, stderr);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ---- 7. Values outside sensible bounds are refused ----

#[test]
fn dates_outside_the_record_range_are_refused() {
    let db = db();
    accepted(&db, &["org", "add", "Stadt Lübeck", "--country", "DE"]);
    let net = id_in(&accepted(
        &db,
        &[
            "org",
            "add",
            "Eurocities",
            "--kind",
            "network",
            "--country",
            "BE",
        ],
    ));
    let project = id_in(&accepted(&db, &["project", "add", "Baltic Ports"]));
    let plan = id_in(&accepted_as(
        &db,
        "root",
        &["plan", "add", "Plan", "--year", "2026"],
    ));
    let membership = id_in(&accepted_as(&db, "root", &["membership", "add", &net]));
    for bad in ["9999-12-31", "0001-01-01", "1989-12-31", "2101-01-01"] {
        let line = refused(
            &db,
            &["interaction", "add", "Stadt Lübeck", "x", "--date", bad],
        );
        assert!(
            line.contains("1990-01-01") && line.contains("2100-12-31"),
            "{line}"
        );
        assert!(line.contains("Date"), "names the field: {line}");
        refused(
            &db,
            &[
                "interaction",
                "add",
                "Stadt Lübeck",
                "x",
                "--follow-up",
                bad,
            ],
        );
        refused(
            &db,
            &["person", "add", "Stadt Lübeck", "Eva", "--verified", bad],
        );
        refused(
            &db,
            &[
                "news",
                "post",
                "--title",
                "Call",
                "--category",
                "call",
                "--deadline",
                bad,
            ],
        );
        refused(&db, &["project", "add", "P", "--start", bad]);
        refused(&db, &["project", "add", "P", "--end", bad]);
        refused(
            &db,
            &["project", "milestone", &project, "Report", "--due", bad],
        );
        refused_as(&db, "root", &["plan", "item", &plan, "Visit", "--due", bad]);
        let evaluate = ["membership", "evaluate", &membership, "--benefit", "3"];
        let evaluate = [&evaluate[..], &["--recommendation", "continue"]].concat();
        refused_as(&db, "root", &[&evaluate[..], &["--date", bad]].concat());
        refused_as(&db, "root", &[&evaluate[..], &["--next", bad]].concat());
        refused(
            &db,
            &["training", "log", "Course", "--hours", "2", "--date", bad],
        );
        refused(
            &db,
            &[
                "training",
                "log",
                "Course",
                "--hours",
                "2",
                "--date",
                "2026-01-05",
                "--to",
                bad,
            ],
        );
    }
    // Historic facts may go back to 1900, not further.
    accepted(
        &db,
        &[
            "org",
            "add",
            "Kristiansand",
            "--country",
            "NO",
            "--kind",
            "twin-city",
            "--twin-decided",
            "1946-05-01",
        ],
    );
    let line = refused(
        &db,
        &[
            "org",
            "add",
            "Oulu",
            "--country",
            "FI",
            "--kind",
            "twin-city",
            "--twin-decided",
            "1899-12-31",
        ],
    );
    assert!(line.contains("1900-01-01"), "{line}");
    accepted_as(
        &db,
        "root",
        &["membership", "add", &net, "--since", "1950-01-01"],
    );
    refused_as(
        &db,
        "root",
        &["membership", "add", &net, "--since", "0001-01-01"],
    );
    // The bounds themselves are fine.
    accepted(
        &db,
        &[
            "interaction",
            "add",
            "Stadt Lübeck",
            "x",
            "--date",
            "1990-01-01",
        ],
    );
    accepted(
        &db,
        &[
            "project",
            "milestone",
            &project,
            "Final",
            "--due",
            "2100-12-31",
        ],
    );
}

#[test]
fn hours_money_rates_and_currencies_are_bounded() {
    let db = db();
    let net = id_in(&accepted(
        &db,
        &[
            "org",
            "add",
            "Eurocities",
            "--kind",
            "network",
            "--country",
            "BE",
        ],
    ));
    let log = |hours: &str, to: &str| {
        [
            "training",
            "log",
            "Course",
            "--hours",
            hours,
            "--date",
            "2025-01-01",
            "--to",
            to,
        ]
        .map(str::to_string)
    };
    let args = log("60000000", "9999-12-31");
    refused(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let args = log("60000000", "2025-12-31");
    let line = refused(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(line.contains("2000 hours"), "{line}");
    let args = log("2001", "2025-12-31");
    refused(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let args = log("2000", "2025-12-31");
    accepted(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());

    let cost = |c: &str| {
        [
            "training",
            "log",
            "Course",
            "--hours",
            "2",
            "--date",
            "2025-02-01",
            "--cost",
            c,
        ]
        .map(str::to_string)
    };
    for c in ["9223372036854775807", "10000000001"] {
        let args = cost(c);
        let line = refused(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(line.contains("10000000000"), "{line}");
    }
    let args = cost("10 000 000 000");
    accepted(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());

    for flag in ["--budget", "--eu-grant", "--own"] {
        let line = refused(&db, &["project", "add", "P", flag, "10000000000.01"]);
        assert!(line.contains("10 000 000 000.00"), "{line}");
        accepted(&db, &["project", "add", "P", flag, "10000000000.00"]);
    }
    refused_as(
        &db,
        "root",
        &["membership", "add", &net, "--fee", "92233720368547758.07"],
    );
    let line = refused(&db, &["project", "add", "P", "--rate", "10000.0001"]);
    assert!(line.contains("10000"), "{line}");
    accepted(&db, &["project", "add", "P", "--rate", "10000"]);

    for c in ["XYZ", "ABC", "HRK", "XAU", "EURO"] {
        let line = refused(&db, &["project", "add", "P", "--currency", c]);
        assert!(line.contains("ISO 4217"), "{line}");
        refused_as(&db, "root", &["membership", "add", &net, "--currency", c]);
    }
    accepted(&db, &["project", "add", "P", "--currency", "sek"]);
    accepted_as(
        &db,
        "root",
        &["membership", "add", &net, "--currency", "NOK"],
    );
}

#[test]
fn long_texts_are_refused_naming_the_field_and_the_bound() {
    let db = db();
    accepted(&db, &["org", "add", "Stadt Lübeck", "--country", "DE"]);
    let plan = id_in(&accepted_as(
        &db,
        "root",
        &["plan", "add", "Plan", "--year", "2026"],
    ));
    // 128 KB is past what one argument may hold (MAX_ARG_STRLEN); 100 KB will do.
    let huge = "x".repeat(100 * 1024);
    let long = "x".repeat(201);
    let refuse_long = |args: &[&str], field: &str, bound: &str| {
        let line = refused_as(&db, "root", args);
        assert!(
            line.contains(field) && line.contains(bound),
            "{args:.40?}: {line}"
        );
    };
    refuse_long(&["org", "add", &long, "--country", "SE"], "Name", "200");
    refuse_long(
        &["org", "add", "Oulu", "--country", "FI", "--city", &long],
        "City",
        "200",
    );
    refuse_long(
        &["org", "add", "Oulu", "--country", "FI", "--notes", &huge],
        "Notes",
        "20000",
    );
    refuse_long(
        &["org", "edit", "Stadt Lübeck", "--notes", &huge],
        "Notes",
        "20000",
    );
    refuse_long(&["org", "edit", "Stadt Lübeck", "--tags", &long], "", "200");
    refuse_long(&["person", "add", "Stadt Lübeck", &long], "Name", "200");
    refuse_long(
        &["person", "add", "Stadt Lübeck", "Eva", "--title", &huge],
        "",
        "200",
    );
    refuse_long(
        &["person", "add", "Stadt Lübeck", "Eva", "--source", &huge],
        "",
        "200",
    );
    refuse_long(&["interaction", "add", "Stadt Lübeck", &huge], "", "20000");
    refuse_long(&["training", "log", &long, "--hours", "2"], "", "200");
    refuse_long(
        &["training", "log", "T", "--hours", "2", "--notes", &huge],
        "",
        "20000",
    );
    refuse_long(
        &["training", "log", "T", "--hours", "2", "--shared", &huge],
        "",
        "20000",
    );
    refuse_long(
        &["training", "log", "T", "--hours", "2", "--organiser", &long],
        "",
        "200",
    );
    refuse_long(&["project", "add", &long], "", "200");
    refuse_long(&["project", "add", "P", "--notes", &huge], "", "20000");
    refuse_long(&["project", "add", "P", "--call", &long], "", "200");
    refuse_long(&["plan", "add", &long, "--year", "2026"], "", "200");
    refuse_long(
        &["plan", "add", "P", "--year", "2027", "--goals", &huge],
        "",
        "20000",
    );
    refuse_long(&["plan", "item", &plan, &huge], "", "20000");
    // A news body may be longer than other free text, to a bound of its own.
    let body = db.path.with_file_name("body.txt");
    std::fs::write(&body, "lorem ipsum ".repeat(128 * 1024 / 12)).unwrap();
    let body_arg = body.to_string_lossy().into_owned();
    let post = [
        "news",
        "post",
        "--title",
        "Call",
        "--category",
        "call",
        "--body-file",
    ];
    refuse_long(&[&post[..], &[&body_arg]].concat(), "", "50000");
    std::fs::write(&body, "x".repeat(50_000)).unwrap();
    accepted(&db, &[&post[..], &[&body_arg]].concat());
    let link = format!("https://example.org/{}", "x".repeat(2_000));
    refuse_long(
        &[
            "news",
            "post",
            "--title",
            "T",
            "--category",
            "call",
            "--link",
            &link,
        ],
        "",
        "2000",
    );
    // Up to the bound is fine.
    let at_bound = "x".repeat(20_000);
    accepted(&db, &["org", "edit", "Stadt Lübeck", "--notes", &at_bound]);
    accepted(&db, &["interaction", "add", "Stadt Lübeck", &at_bound]);
    // In Swedish, the field and the bound too.
    let line = refused(
        &db,
        &["--lang", "sv", "org", "add", &long, "--country", "SE"],
    );
    assert!(line.contains("högst 200 tecken"), "{line}");
}

#[test]
fn unit_codes_and_member_and_unit_names_are_plain() {
    let db = db();
    for code in [
        "K\u{1b}LK",
        "A B",
        "🎉",
        "ABCDEFGHIJKLMNOPQ",
        "Gävle",
        "a\nb",
    ] {
        let line = refused_as(&db, "root", &["unit", "add", code, "Namn"]);
        assert!(line.contains("16"), "{code:?}: {line}");
    }
    accepted_as(&db, "root", &["unit", "add", "HAMN-AB_2", "Gävle Hamn AB"]);
    for name in [
        "Evil\u{1b}[2J",
        "a\u{202E}b",
        "two\nlines",
        &"x".repeat(201),
    ] {
        refused_as(&db, "root", &["unit", "add", "X1", name]);
        refused_as(&db, "root", &["member", "add", "eva", "--name", name]);
    }
    accepted_as(&db, "root", &["unit", "add", "X1", "Räddningstjänsten 🚒"]);
    accepted_as(
        &db,
        "root",
        &["member", "add", "eva", "--name", "Eva Ek-Åström"],
    );
    let (_, list, _) = run_as(&db, "root", &["unit", "list"]);
    assert!(
        !list.contains('\u{1b}') && !list.contains('\u{202E}'),
        "{list}"
    );
}

#[test]
fn a_huge_seed_scale_is_refused_before_the_file_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.db");
    let out = intnet(&path)
        .args(["seed", "--scale", "18446744073709551615"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("1000000"), "{stderr}");
    assert!(!path.exists());
}

#[test]
fn init_refuses_a_name_with_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("init.db");
    let out = intnet(&path)
        .args(["--as", "root", "init", "--name", "Root\u{1b}]0;pwned\u{7}"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // Nobody was registered: a clean name still works.
    intnet(&path)
        .args(["--as", "root", "init", "--name", "Root Admin"])
        .assert()
        .success();
}
