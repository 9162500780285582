//! Hostile and absurd input on the command line: empty names, values out of bounds,
//! numbers that once panicked. Each refusal is exit 2 with one line on stderr.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn intnet(db: &Path) -> Command {
    let mut c = Command::cargo_bin("intnet").unwrap();
    c.env("INTNET_CONFIG", "/nonexistent/intnet.toml")
        .env("INTNET_SYSTEM_CONFIG", "/nonexistent/intnet.toml")
        .env_remove("INTNET_DB")
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("RUST_BACKTRACE", "1")
        .arg("--db")
        .arg(db);
    c
}

/// A database initialised by `root` (the tests run as root; `--as` needs it), with
/// the member `anna` in unit KLK.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bounds.db");
    intnet(&path)
        .args(["--as", "root", "init", "--name", "Root Admin"])
        .assert()
        .success();
    intnet(&path)
        .args([
            "--as",
            "root",
            "unit",
            "add",
            "KLK",
            "Kommunledningskontoret",
        ])
        .assert()
        .success();
    intnet(&path)
        .args([
            "--as",
            "root",
            "member",
            "add",
            "anna",
            "--name",
            "Anna Åberg",
        ])
        .args(["--unit", "KLK"])
        .assert()
        .success();
    Db { _dir: dir, path }
}

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
    let (code, stdout, stderr) = run(db, args);
    assert_eq!(code, 2, "{args:?}: exit {code}, stderr: {stderr}");
    assert_eq!(stdout, "", "{args:?}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("intnet: "), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    stderr.trim_end().to_string()
}

#[track_caller]
fn accepted(db: &Db, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(db, args);
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
