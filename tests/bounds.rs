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
