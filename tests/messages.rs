//! What the command line says when it refuses: one line `intnet: …` on stderr in the
//! user's language with exit code 2, the user's own input sanitised; help and version
//! still on stdout with exit code 0; help texts that say what each option takes.

mod common;
use common::intnet;
use std::path::{Path, PathBuf};

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

/// A database initialised by `root`, with the member `anna` and one organisation.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("messages.db");
    ok(&path, &["--as", "root", "init", "--name", "Root Admin"]);
    ok(
        &path,
        &[
            "--as",
            "root",
            "unit",
            "add",
            "KLK",
            "Kommunledningskontoret",
        ],
    );
    ok(
        &path,
        &[
            "--as", "root", "member", "add", "anna", "--name", "Anna", "--unit", "KLK",
        ],
    );
    ok(
        &path,
        &[
            "--as",
            "anna",
            "org",
            "add",
            "Hansestadt Lübeck",
            "--country",
            "DE",
        ],
    );
    Db { _dir: dir, path }
}

/// Runs a command that must be refused: exit code 2, nothing on stdout, one line
/// `intnet: …` on stderr. Gives that line.
fn refused(db: &Path, lang: &str, args: &[&str]) -> String {
    let out = intnet(db)
        .args(["--lang", lang, "--as", "anna"])
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: stdout not empty");
    assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
    assert!(err.starts_with("intnet: "), "{args:?}: {err}");
    err
}

#[test]
fn usage_errors_are_one_line_in_the_users_language() {
    let d = db();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["org", "add", "X", "--contry", "SE"],
            "unexpected argument --contry; did you mean --country?; see intnet org add --help",
            "oväntat argument --contry; menade du --country?; se intnet org add --help",
        ),
        (
            &["org", "ad", "X"],
            "unknown command ad; did you mean adopt-regional, add?",
            "okänt kommando ad; menade du adopt-regional, add?",
        ),
        (&["org", "add"], "missing <NAME>", "saknas: <NAME>"),
        (
            &["org"],
            "org needs one of: add, list, show, edit, delete, adopt-regional",
            "org behöver ett av: add, list, show, edit, delete, adopt-regional",
        ),
        (
            &["plan", "list", "--year", "abc"],
            "--year <YEAR>: invalid value abc",
            "--year <YEAR>: ogiltigt värde abc",
        ),
        (
            &["org", "list", "--limit", "1", "--limit", "2"],
            "--limit <LIMIT> is given more than once",
            "--limit <LIMIT> anges mer än en gång",
        ),
        (&["news", "read"], "missing <IDS>...", "saknas: <IDS>..."),
    ];
    for (args, en, sv) in cases {
        let e = refused(&d.path, "en", args);
        assert!(e.contains(en), "{args:?}: {e}");
        let s = refused(&d.path, "sv", args);
        assert!(s.contains(sv), "{args:?}: {s}");
    }
    // The language also comes from the locale.
    let out = intnet(&d.path)
        .env("LANG", "sv_SE.UTF-8")
        .args(["--as", "anna", "org", "ad"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("okänt kommando ad"));
}

#[test]
fn help_and_version_still_print_on_stdout_with_exit_0() {
    let d = db();
    for args in [
        &["--help"][..],
        &["org", "add", "--help"],
        &["help", "org"],
        &["--version"],
        &["-V"],
    ] {
        let out = intnet(&d.path).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
        assert!(out.stderr.is_empty(), "{args:?}");
    }
    let out = intnet(&d.path).args(["--version"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("intnet "));
}

#[test]
fn negative_numbers_reach_the_programs_own_validator() {
    let d = db();
    let e = refused(
        &d.path,
        "en",
        &["training", "log", "Kurs", "--hours", "2", "--cost", "-100"],
    );
    assert!(e.contains("not negative"), "{e}");
    let s = refused(
        &d.path,
        "sv",
        &["training", "log", "Kurs", "--hours", "2", "--cost", "-100"],
    );
    assert!(s.contains("inte negativ"), "{s}");
    let e = refused(&d.path, "en", &["training", "log", "Kurs", "--hours", "-2"]);
    assert!(e.contains("hours cannot be negative"), "{e}");
    // Amounts of a project and a membership fee: the amount message, not clap's.
    let e = refused(&d.path, "en", &["project", "add", "P", "--budget", "-5"]);
    assert!(!e.contains("unexpected argument"), "{e}");
    assert!(e.contains("Budget") || e.contains("budget"), "{e}");
    let e = refused(
        &d.path,
        "en",
        &[
            "membership",
            "evaluate",
            "1",
            "--benefit",
            "-1",
            "--recommendation",
            "continue",
        ],
    );
    assert!(!e.contains("unexpected argument"), "{e}");
    // A number clap parses itself: its one-line message names the option.
    let e = refused(&d.path, "en", &["find", "x", "--limit", "-3"]);
    assert!(e.contains("--limit"), "{e}");
    assert!(!e.contains("unexpected argument"), "{e}");
}

fn assert_no_raw(what: &str, text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}')),
        "{what}: raw control in {text:?}"
    );
}

#[test]
fn errors_that_echo_the_users_input_sanitise_it() {
    let d = db();
    let evil = "x\x1b]0;owned\x07\x1b[31m\u{202E}\u{9B}2J";
    let cases: &[&[&str]] = &[
        // The program's own messages with the value in them.
        &["news", "post", "--title", "T", "--category", evil],
        &["news", "list", "--category", evil],
        &["news", "digest", "--format", evil],
        &["export", "training", "--format", evil],
        &["training", "summary", "--by", evil],
        &["training", "summary", "--format", evil],
        // clap's, now ours.
        &["org", "add", "X", &format!("--{evil}")],
        &["plan", "list", "--year", evil],
        &[evil],
    ];
    for args in cases {
        let e = refused(&d.path, "en", args);
        assert_no_raw(&format!("{args:?}"), &e);
        assert!(
            e.contains("]0;owned"),
            "{args:?}: the value is not named: {e}"
        );
    }
    let out = intnet(&d.path)
        .args(["--lang", evil, "--as", "anna", "find", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_no_raw("--lang", &String::from_utf8_lossy(&out.stderr));
    // A missing database named with escape codes.
    let out = intnet(&d.path.with_file_name(evil))
        .args(["--as", "anna", "find", "x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_no_raw("--db", &String::from_utf8_lossy(&out.stderr));
}

/// The help of each option says what that option takes, in both languages.
#[test]
fn help_texts_say_what_each_option_takes() {
    let d = db();
    let help = |lang: &str, args: &[&str]| {
        let out = intnet(&d.path)
            .args(["--lang", lang])
            .args(args)
            .arg("--help")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let line = |text: &str, option: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(option))
            .unwrap_or_else(|| panic!("no {option} in {text}"))
            .to_string()
    };
    for (lang, role, status, partner, since) in [
        (
            "en",
            "lead, partner or associated",
            "idea, preparing, submitted",
            "partner (default)",
            "Member since",
        ),
        (
            "sv",
            "lead, partner eller associated",
            "idea, preparing, submitted",
            "partner (standard)",
            "Medlem sedan",
        ),
    ] {
        let add = help(lang, &["project", "add"]);
        assert!(line(&add, "--role").contains(role), "{add}");
        assert!(line(&add, "--status").contains(status), "{add}");
        assert!(!add.contains("office, member"), "{add}");
        assert!(!add.contains("dormant"), "{add}");
        let st = help(lang, &["project", "status"]);
        assert!(line(&st, "<STATUS>").contains(status), "{st}");
        let partner_help = help(lang, &["project", "partner"]);
        assert!(
            line(&partner_help, "--role").contains(partner),
            "{partner_help}"
        );
        let membership = help(lang, &["membership", "add"]);
        assert!(line(&membership, "--since").contains(since), "{membership}");
        // The other roles and statuses keep their own texts.
        assert!(line(&help(lang, &["member", "add"]), "--role").contains("office"));
        assert!(line(&help(lang, &["org", "add"]), "--status").contains("active"));
        assert!(
            line(&help(lang, &["news", "digest"]), "--since").contains(if lang == "en" {
                "Published"
            } else {
                "Publicerade"
            })
        );
        assert!(line(&help(lang, &["training", "summary"]), "--format").contains("json"));
        assert!(line(&help(lang, &["export", "training"]), "--format").contains("csv"));
    }
}

/// docs/usage.md documents `person add --languages`; it exists and stores what it is
/// given.
#[test]
fn person_add_takes_languages() {
    let d = db();
    ok(
        &d.path,
        &[
            "--as",
            "anna",
            "person",
            "add",
            "1",
            "Jüri Tamm",
            "--languages",
            "et, en, sv",
        ],
    );
    let out = intnet(&d.path)
        .args(["--as", "anna", "org", "show", "1", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["persons"][0]["data"]["languages"], "et, en, sv", "{v}");
    let usage =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/usage.md")).unwrap();
    assert!(usage.contains("[--languages L]"), "docs/usage.md");
}
