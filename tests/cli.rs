//! The built binary on a temp database.

mod common;
use common::intnet;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

use common::CliDb as Db;

/// The common database (root as office, unit KLK, the member `anna`) with one
/// organisation, Hansestadt Lübeck.
fn db() -> Db {
    let d = common::cli_db();
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "org",
            "add",
            "Hansestadt Lübeck",
            "--country",
            "DE",
        ])
        .args(["--city", "Lübeck", "--kind", "twin-city"])
        .args(["--website", "luebeck.de", "--twin-decided", "1995-03-01"])
        .assert()
        .success();
    d
}

#[test]
fn an_unregistered_account_gets_exit_3_and_no_data() {
    let d = db();
    intnet(&d.path)
        .args(["--as", "mallory", "find", "lubeck"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("not a member"));
}

#[test]
fn find_json_has_the_promised_fields() {
    let d = db();
    let out = intnet(&d.path)
        .args(["--as", "anna", "find", "LUBECK", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hit = &v[0];
    for key in [
        "kind",
        "id",
        "name",
        "city",
        "country",
        "owner",
        "last_contact",
    ] {
        assert!(hit.get(key).is_some(), "missing {key} in {hit}");
    }
    assert_eq!(hit["kind"], "organisation");
    assert_eq!(hit["name"], "Hansestadt Lübeck");
    assert_eq!(hit["owner"], "Anna Åberg");
    assert_eq!(hit["country"], "DE");
}

#[test]
fn find_survives_hostile_queries_and_limit() {
    let d = db();
    // Query syntax is text: no error, and no accidental match-all (the database holds
    // Hansestadt Lübeck, which none of these names).
    for q in ["\"", "NEAR(", "-", "*", "AND", "OR", "^x", "(", "\\"] {
        intnet(&d.path)
            .args(["--as", "anna", "find", q])
            .assert()
            .success()
            .stdout(predicate::str::contains("Lübeck").not());
    }
    intnet(&d.path)
        .args(["--as", "anna", "find", "lub\"eck"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "find", "lubek", "--json", "--limit", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hansestadt Lübeck"));
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let d = db();
    for args in [
        vec!["org", "add", "X", "--country", "XX"],
        vec![
            "org",
            "add",
            "X",
            "--country",
            "SE",
            "--website",
            "not a url",
        ],
        vec!["org", "add", "X", "--country", "SE", "--kind", "castle"],
        vec!["person", "add", "1", "Jüri", "--email", "juri@"],
        vec!["interaction", "add", "1", "Möte", "--date", "2026-13-40"],
        vec!["interaction", "add", "1", "Möte", "--kind", "party"],
    ] {
        let out = intnet(&d.path)
            .args(["--as", "anna"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    // Nothing was stored.
    intnet(&d.path)
        .args(["--as", "anna", "org", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hansestadt").and(predicate::str::contains(" X ").not()));
}

#[test]
fn a_near_duplicate_needs_force() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "org",
            "add",
            "Hansestadt Lubeck",
            "--country",
            "DE",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("Hansestadt Lübeck").and(predicate::str::contains("--force")),
        );
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "org",
            "add",
            "Hansestadt Lubeck",
            "--country",
            "DE",
            "--force",
        ])
        .assert()
        .success();
}

#[test]
fn a_viewer_cannot_write() {
    let d = db();
    intnet(&d.path)
        .args(["--as", "root", "member", "add", "vera", "--role", "viewer"])
        .assert()
        .success();
    intnet(&d.path)
        .args([
            "--as",
            "vera",
            "org",
            "add",
            "Tartu linn",
            "--country",
            "EE",
        ])
        .assert()
        .code(3);
    intnet(&d.path)
        .args(["--as", "vera", "find", "lubeck"])
        .assert()
        .success();
}

#[test]
fn only_root_may_use_as() {
    // Run the binary as `nobody` (needs root to switch; skipped elsewhere).
    if !nix::unistd::Uid::current().is_root() || which("runuser").is_none() {
        // A proof that cannot run must not pass as one in CI.
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "needs root and runuser (.ci/run checks for both)"
        );
        eprintln!("skipped: needs root and runuser");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("intnet");
    let out = std::process::Command::new("runuser")
        .args(["-u", "nobody", "--"])
        .arg(bin)
        .args(["--db", "/nonexistent/x.db", "--as", "anna", "find", "x"])
        .env("LANG", "C")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("only root"));
}

fn which(tool: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(tool))
        .find(|p| p.exists())
}

#[test]
fn undo_from_the_shell() {
    let d = db();
    intnet(&d.path)
        .args(["--as", "anna", "org", "delete", "Hansestadt Lübeck"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "find", "lubeck"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No hits"));
    intnet(&d.path)
        .args(["--as", "anna", "undo"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "find", "lubeck"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hansestadt"));
}

#[test]
fn redo_from_the_shell() {
    let d = db();
    intnet(&d.path)
        .args(["--as", "anna", "org", "delete", "Hansestadt Lübeck"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "undo"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "redo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Redone").and(predicate::str::contains("Lübeck")));
    intnet(&d.path)
        .args(["--as", "anna", "find", "lubeck"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No hits"));
    intnet(&d.path)
        .args(["--as", "anna", "redo"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("nothing to redo"));
}

#[test]
fn swedish_messages_and_help() {
    let d = db();
    intnet(&d.path)
        .args([
            "--lang",
            "sv",
            "--as",
            "anna",
            "org",
            "add",
            "X",
            "--country",
            "XX",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("okänt land"));
    intnet(&d.path)
        .env("LANG", "sv_SE.UTF-8")
        .args(["--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Snabbsök"));
}

#[test]
fn twenty_processes_logging_at_once_all_arrive() {
    let d = db();
    let bin = assert_cmd::cargo::cargo_bin("intnet");
    let children: Vec<_> = (0..20)
        .map(|i| {
            std::process::Command::new(&bin)
                .env("INTNET_CONFIG", "/nonexistent")
                .env("INTNET_SYSTEM_CONFIG", "/nonexistent")
                .args(["--db"])
                .arg(&d.path)
                .args([
                    "--as",
                    "anna",
                    "interaction",
                    "add",
                    "1",
                    &format!("Parallellt möte {i}"),
                    "--date",
                    "2026-11-20",
                ])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = intnet(&d.path)
        .args(["--as", "anna", "org", "show", "1", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let summaries: std::collections::BTreeSet<String> = v["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["data"]["summary"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(summaries.len(), 20);
}

#[test]
fn a_missing_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    intnet(&dir.path().join("none.db"))
        .args(["find", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("intnet init"));
}

#[test]
fn seed_writes_the_scale_set_only_into_an_empty_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    // Only on a database someone made, and only by the office.
    intnet(&path)
        .args(["--as", "root", "seed", "--scale", "10"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("intnet init"));
    assert!(!path.exists(), "seed made a database");
    intnet(&path)
        .args(["--as", "root", "init", "--name", "Root"])
        .assert()
        .success();
    intnet(&path)
        .args(["--as", "root", "member", "add", "anna", "--name", "Anna"])
        .assert()
        .success();
    intnet(&path)
        .args(["--as", "anna", "seed", "--scale", "10"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("only the International Office"));
    intnet(&path)
        .args(["--as", "nobody-here", "seed", "--scale", "10"])
        .assert()
        .code(3);
    intnet(&path)
        .args(["--as", "root", "seed", "--scale", "300"])
        .assert()
        .success();
    intnet(&path)
        .args(["--as", "root", "seed", "--scale", "10"])
        .assert()
        .code(2);
    intnet(&path)
        .args(["--as", "seed001", "org", "list", "--limit", "1000"])
        .assert()
        .success()
        .stdout(predicate::function(|s: &str| s.lines().count() == 300));
}

#[test]
fn demo_never_overwrites_a_named_file() {
    let d = db();
    intnet(&d.path).args(["demo", "--no-tui"]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("demo.db");
    intnet(&fresh).args(["demo", "--no-tui"]).assert().success();
    let out = intnet(&fresh)
        .args(["org", "list", "--limit", "1000"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).lines().count() >= 300);
}

#[test]
fn database_location_precedence() {
    let d = db();
    let dir = tempfile::tempdir().unwrap();
    let user_cfg = dir.path().join("user.toml");
    let sys_cfg = dir.path().join("system.toml");
    let bogus = dir.path().join("missing.db");
    std::fs::write(
        &sys_cfg,
        format!("db = {:?}\n", bogus.display().to_string()),
    )
    .unwrap();
    std::fs::write(
        &user_cfg,
        format!("db = {:?}\n", d.path.display().to_string()),
    )
    .unwrap();
    let run = |envs: &[(&str, &std::ffi::OsStr)], args: &[&str]| {
        let mut c = assert_cmd::Command::cargo_bin("intnet").unwrap();
        c.env_remove("INTNET_DB").env("LANG", "C");
        for (k, v) in envs {
            c.env(k, v);
        }
        c.args(["--as", "anna"]).args(args).assert()
    };
    // The user's config beats the system's.
    run(
        &[
            ("INTNET_CONFIG", user_cfg.as_os_str()),
            ("INTNET_SYSTEM_CONFIG", sys_cfg.as_os_str()),
        ],
        &["find", "lubeck"],
    )
    .success()
    .stdout(predicate::str::contains("Hansestadt"));
    // INTNET_DB beats the config files; --db beats INTNET_DB.
    run(
        &[
            ("INTNET_CONFIG", user_cfg.as_os_str()),
            ("INTNET_DB", bogus.as_os_str()),
        ],
        &["find", "lubeck"],
    )
    .code(1)
    .stderr(predicate::str::contains("missing.db"));
    run(
        &[
            ("INTNET_CONFIG", user_cfg.as_os_str()),
            ("INTNET_DB", bogus.as_os_str()),
        ],
        &["--db", d.path.to_str().unwrap(), "find", "lubeck"],
    )
    .success();
    // A broken config file is reported, not fatal.
    std::fs::write(&user_cfg, "db = [not toml").unwrap();
    run(
        &[("INTNET_CONFIG", user_cfg.as_os_str())],
        &["--db", d.path.to_str().unwrap(), "find", "lubeck"],
    )
    .success()
    .stderr(predicate::str::contains("user.toml"));
}

#[test]
fn an_unknown_theme_is_reported_and_a_known_one_is_quiet() {
    let d = db();
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("user.toml");
    let run = |text: &str| {
        std::fs::write(&cfg, text).unwrap();
        intnet(&d.path)
            .env("INTNET_CONFIG", &cfg)
            .args(["--as", "anna", "find", "lubeck"])
            .assert()
            .success()
    };
    run("theme = \"neon\"\n").stderr(
        predicate::str::contains("user.toml")
            .and(predicate::str::contains("unknown theme \"neon\"")),
    );
    run("theme = \"high-contrast\"\n").stderr(predicate::str::is_empty());
}

#[test]
fn news_post_validates_and_speaks_swedish_categories() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "news",
            "post",
            "--title",
            "X",
            "--category",
            "gossip",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("gossip"));
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "news",
            "post",
            "--title",
            "",
            "--category",
            "call",
        ])
        .assert()
        .code(2);
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "news",
            "post",
            "--title",
            "X",
            "--category",
            "call",
            "--deadline",
            "2026-99-01",
        ])
        .assert()
        .code(2);
    // A past deadline is a warning, not an error.
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "news",
            "post",
            "--title",
            "Sen utlysning",
            "--category",
            "utlysning",
        ])
        .args(["--deadline", "2020-01-01"])
        .assert()
        .success()
        .stderr(predicate::str::contains("passed"));
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "news",
            "post",
            "--title",
            "Från stdin",
            "--category",
            "omvärld",
            "--body-file",
            "-",
        ])
        .write_stdin("- punkt ett\n- punkt två\n")
        .assert()
        .success();
    let out = intnet(&d.path)
        .args(["--as", "root", "news", "list", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cats: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["category"].as_str().unwrap())
        .collect();
    assert_eq!(cats, ["horizon", "call"]);
}

/// The local date `days` from today, as the program sees today.
fn in_days(days: i64) -> String {
    let today = jiff::ZonedDateTime::now().date();
    today
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

#[test]
fn status_is_one_line_or_nothing() {
    let d = db();
    // Nothing to say: nothing printed.
    intnet(&d.path)
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout("");
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "news",
            "post",
            "--title",
            "Interreg",
            "--category",
            "call",
        ])
        .args(["--deadline", &in_days(3)])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout("intnet: 1 unread news item, 1 call closes within 7 days\n");
    intnet(&d.path)
        .args(["--as", "anna", "--lang", "sv", "status"])
        .assert()
        .success()
        .stdout("intnet: 1 oläst nyhet, 1 utlysning stänger inom 7 dagar\n");
    // A non-member, a missing database: silence and exit 0.
    intnet(&d.path)
        .args(["--as", "mallory", "status"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    intnet(Path::new("/nonexistent/x.db"))
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn status_gives_up_quietly_on_a_locked_database() {
    let d = db();
    intnet(&d.path)
        .args(["--as", "root", "news", "post", "--title", "Interreg"])
        .args(["--category", "call", "--deadline", &in_days(3)])
        .assert()
        .success();
    // Unlocked, there is something to say: silence below means it gave up.
    let line = "intnet: 1 unread news item, 1 call closes within 7 days\n";
    intnet(&d.path)
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout(line);
    let conn = rusqlite::Connection::open(&d.path).unwrap();
    conn.execute_batch(
        "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE units SET name = name;",
    )
    .unwrap();
    let started = std::time::Instant::now();
    intnet(&d.path)
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    // The busy timeout is 200 ms: a login waits about that, never the 10 s of a write.
    let waited = started.elapsed();
    assert!(
        waited < std::time::Duration::from_millis(1500),
        "status waited {waited:?}"
    );
    conn.execute_batch("COMMIT; PRAGMA locking_mode = NORMAL;")
        .unwrap();
    drop(conn);
    intnet(&d.path)
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout(line);
}

#[test]
fn news_digest_in_markdown_and_read_marks() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "news",
            "post",
            "--title",
            "Första",
            "--category",
            "event",
            "--link",
            "ubc.net",
        ])
        .assert()
        .success();
    intnet(&d.path)
        .args([
            "--as", "anna", "news", "digest", "--unread", "--format", "markdown",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("## Första")
                .and(predicate::str::contains("<https://ubc.net>")),
        );
    intnet(&d.path)
        .args(["--as", "anna", "news", "read", "1"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "news", "digest", "--unread"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Första").not());
    intnet(&d.path)
        .args(["--as", "anna", "news", "digest", "--format", "pdf"])
        .assert()
        .code(2);
    intnet(&d.path)
        .args(["--as", "anna", "news", "digest", "--since", "yesterday"])
        .assert()
        .code(2);
}

/// The digest says when an item was published in local time (`TZ`), minutes, never
/// the stored UTC moment; the JSON list keeps the stored moment.
#[test]
fn news_digest_shows_local_time() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "news",
            "post",
            "--title",
            "Tid",
            "--category",
            "event",
        ])
        .assert()
        .success();
    let out = intnet(&d.path)
        .args(["--as", "anna", "news", "list", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stored = rows[0]["published_at"].as_str().unwrap().to_string();
    let moment: jiff::Timestamp = stored.parse().unwrap();
    for zone in ["Europe/Stockholm", "Asia/Tokyo"] {
        let local = moment
            .to_zoned_datetime(jiff::tz::TimeZone::get(zone).unwrap())
            .strftime("%Y-%m-%d %H:%M")
            .to_string();
        let out = intnet(&d.path)
            .env("TZ", zone)
            .args(["--as", "anna", "news", "digest"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(&local), "{zone}: {local} not in {text}");
        assert!(!text.contains(&stored), "{text}");
    }
}

#[test]
fn training_log_is_one_line_and_all_or_nothing() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "member",
            "add",
            "bjorn",
            "--name",
            "Björn Ek",
        ])
        .assert()
        .success();
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "training",
            "log",
            "EU funding basics",
            "--hours",
            "6",
            "--with",
            "bjorn",
        ])
        .args([
            "--date",
            "2026-11-20",
            "--kind",
            "course",
            "--area",
            "business",
        ])
        .assert()
        .success();
    for bad in [
        vec!["--hours", "6", "--with", "bjorn,nobody"],
        vec!["--hours", "-2"],
        vec!["--hours", "30", "--date", "2026-11-20"],
        vec!["--hours", "3", "--date", &in_days(400)],
        vec!["--hours", "3", "--kind", "party"],
        vec!["--hours", "many"],
    ] {
        let out = intnet(&d.path)
            .args(["--as", "anna", "training", "log", "Bad"])
            .args(&bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr)
                .trim_end()
                .lines()
                .count(),
            1,
            "{bad:?}"
        );
    }
    let out = intnet(&d.path)
        .args([
            "--as", "anna", "training", "summary", "--year", "2026", "--by", "member", "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v.as_array().unwrap().len(),
        2,
        "one activity, two people: {v}"
    );
    for row in v.as_array().unwrap() {
        assert_eq!(row["hours"], 6.0);
        assert_eq!(row["activities"], 1);
        assert_eq!(row["participants"], 1);
    }
    let by_area = intnet(&d.path)
        .args([
            "--as", "anna", "training", "summary", "--year", "2026", "--by", "area", "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&by_area.stdout).unwrap();
    assert_eq!(v[0]["key"], "business");
    assert_eq!(v[0]["hours"], 12.0, "person-hours");
    assert_eq!(v[0]["participants"], 2);
}

#[test]
fn training_export_is_csv_a_spreadsheet_reads() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "training",
            "log",
            "Kurs, med komma",
            "--hours",
            "1,5",
            "--date",
            "2026-02-03",
        ])
        .args(["--cost", "1200", "--shared", "Presentation \"APT\""])
        .assert()
        .success();
    let out = intnet(&d.path)
        .args(["--as", "anna", "export", "training", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    let rec = r.records().next().unwrap().unwrap();
    let get = |name: &str| {
        rec.get(headers.iter().position(|h| h == name).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(get("title"), "Kurs, med komma");
    assert_eq!(get("hours"), "1.5");
    assert_eq!(get("participants"), "anna");
    assert_eq!(get("cost_sek"), "1200");
    assert_eq!(get("shared"), "Presentation \"APT\"");
    intnet(&d.path)
        .args(["--as", "anna", "export", "training", "--format", "xlsx"])
        .assert()
        .code(2);
    intnet(&d.path)
        .args(["--as", "anna", "training", "summary", "--by", "colour"])
        .assert()
        .code(2);
}

#[test]
fn plans_deadlines_and_an_ics_file_another_parser_reads() {
    let d = db();
    let year = &jiff::ZonedDateTime::now().date().year().to_string();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "plan",
            "add",
            "Kommunens plan",
            "--year",
            year,
        ])
        .assert()
        .success();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "plan",
            "item",
            "1",
            "Studiebesök i Tartu",
            "--owner",
            "anna",
            "--due",
            &in_days(5),
        ])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "plan", "add", "Min plan"])
        .assert()
        .code(3);
    intnet(&d.path)
        .args([
            "--as", "root", "plan", "item", "1", "X", "--owner", "nobody",
        ])
        .assert()
        .code(2);
    intnet(&d.path)
        .args(["--as", "anna", "deadlines", "--within", "soon"])
        .assert()
        .code(2);
    intnet(&d.path)
        .args(["--as", "anna", "deadlines", "--within", "30d", "--mine"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Studiebesök i Tartu"));
    let out = intnet(&d.path)
        .args(["--as", "anna", "export", "ics"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    assert_eq!(cal.events.len(), 1);
    let prop = |name: &str| {
        cal.events[0]
            .properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(prop("SUMMARY"), "Studiebesök i Tartu");
    assert_eq!(prop("DTSTART"), in_days(5).replace('-', ""));
    assert_eq!(prop("DTEND"), in_days(6).replace('-', ""));
    assert_eq!(prop("UID"), "plan-item-1@intnet");
    intnet(&d.path)
        .args(["--as", "anna", "plan", "item-done", "1"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "root", "plan", "show", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[x]"));
}

#[test]
fn a_plan_item_links_to_a_project_by_acronym() {
    let d = db();
    let year = &jiff::ZonedDateTime::now().date().year().to_string();
    for args in [
        vec!["plan", "add", "Kommunens plan", "--year", year],
        vec![
            "project",
            "add",
            "Green Ports",
            "--acronym",
            "GP",
            "--unit",
            "KLK",
            "--rate",
            "11,45",
            "--budget",
            "1 000,50",
        ],
    ] {
        intnet(&d.path)
            .args(["--as", "root"])
            .args(&args)
            .assert()
            .success();
    }
    intnet(&d.path)
        .args(["--as", "root", "project", "add", "X", "--rate", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("11,45"));
    intnet(&d.path)
        .args(["--as", "root", "--lang", "en", "project", "show", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exchange rate: 11.4500 SEK/EUR"))
        .stdout(predicate::str::contains("1 000.50 EUR"));
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "plan",
            "item",
            "1",
            "Delrapport",
            "--project",
            "gp",
        ])
        .assert()
        .success();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "plan",
            "item",
            "1",
            "X",
            "--project",
            "nope",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("project"));
    let out = intnet(&d.path)
        .args(["--as", "root", "plan", "show", "1", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = v["items"].as_array().or(v.as_array()).unwrap().clone();
    assert_eq!(items.len(), 1, "the refused item was not written: {v}");
    assert_eq!(items[0]["project"], "Green Ports");
    assert_eq!(items[0]["data"]["project_id"], 1);
}

#[test]
fn a_deactivated_member_is_refused_like_a_stranger_and_listed_as_inactive() {
    let d = db();
    intnet(&d.path)
        .args(["--as", "anna", "find", "lubeck"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "root", "member", "deactivate", "anna"])
        .assert()
        .success();
    intnet(&d.path)
        .args(["--as", "anna", "find", "lubeck"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicate::str::contains("anna"));
    intnet(&d.path)
        .args(["--as", "anna", "status"])
        .assert()
        .success()
        .stdout("");
    intnet(&d.path)
        .args(["--as", "root", "member", "list"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"(?m)^anna .*inactive").unwrap());
}

/// A save that lost a race exits 4, whatever says it (the shell cannot make the race
/// happen on purpose: a command reads and writes in one go).
#[test]
fn a_conflict_exits_4_and_says_who_and_when() {
    use intnet::store::Error;
    let err = Error::Conflict {
        by: "Björn Ek".into(),
        at: "2026-11-28T20:37:13Z".into(),
    };
    assert_eq!(
        intnet::cli::fail(intnet::i18n::Lang::En, &err),
        std::process::ExitCode::from(4)
    );
    let line = intnet::i18n::describe_error(intnet::i18n::Lang::En, &err);
    assert!(
        line.contains("Björn Ek") && line.contains("2026-11-28"),
        "{line}"
    );
}

#[test]
fn deadlines_mine_lists_an_overdue_item_first_and_says_so() {
    let d = db();
    let year = &jiff::ZonedDateTime::now().date().year().to_string();
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "plan",
            "add",
            "Kommunens plan",
            "--year",
            year,
        ])
        .assert()
        .success();
    for (text, due) in [("Soon", in_days(5)), ("Late report", in_days(-8))] {
        intnet(&d.path)
            .args(["--as", "root", "plan", "item", "1", text, "--owner", "anna"])
            .args(["--due", &due])
            .assert()
            .success();
    }
    let out = intnet(&d.path)
        .args(["--as", "anna", "deadlines", "--mine", "--within", "7d"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(&format!("{} overdue", in_days(-8)))
            && lines[0].contains("Late report"),
        "{text}"
    );
    assert!(
        lines[1].contains("Soon") && !lines[1].contains("overdue"),
        "{text}"
    );
}

/// The walk-through's validation gaps: each is refused with a message that says
/// what is wrong and, for a word, which words would do.
#[test]
fn validation_gaps_are_closed_with_messages_that_help() {
    let d = db();
    let refused = |args: &[&str], says: &str| {
        intnet(&d.path)
            .args(["--as", "root"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    };
    refused(
        &[
            "org",
            "add",
            "Ny partner",
            "--country",
            "SE",
            "--kind",
            "twin",
        ],
        "twin_city, city_region, network",
    );
    refused(
        &["person", "add", "1", "Anna Schmidt", "--phone", "abc"],
        "not a phone number",
    );
    refused(
        &[
            "interaction",
            "add",
            "1",
            "Samtal",
            "--date",
            "2026-11-20",
            "--follow-up",
            "2026-11-01",
        ],
        "follow-up is before",
    );
    refused(
        &["interaction", "add", "1", "Samtal", "--date", "2026-02-29"],
        "no such day",
    );
    refused(
        &[
            "project",
            "add",
            "P",
            "--budget",
            "100",
            "--eu-grant",
            "80",
            "--own",
            "30",
        ],
        "more than the total budget",
    );
    // Right values still pass.
    intnet(&d.path)
        .args([
            "--as",
            "root",
            "person",
            "add",
            "1",
            "Anna Schmidt",
            "--phone",
            "+49 (451) 122-0",
        ])
        .assert()
        .success();
}

#[test]
fn a_milestone_in_the_calendar_names_its_project() {
    let d = db();
    for args in [
        vec![
            "project",
            "add",
            "Green Ports",
            "--acronym",
            "GP",
            "--unit",
            "KLK",
        ],
        vec!["project", "add", "Baltic Bridges", "--unit", "KLK"],
    ] {
        intnet(&d.path)
            .args(["--as", "root"])
            .args(&args)
            .assert()
            .success();
    }
    let due = in_days(10);
    for (project, title) in [("1", "Styrgruppsmöte"), ("2", "Slutrapport")] {
        intnet(&d.path)
            .args([
                "--as",
                "root",
                "project",
                "milestone",
                project,
                title,
                "--due",
            ])
            .arg(&due)
            .assert()
            .success();
    }
    let out = intnet(&d.path)
        .args(["--as", "root", "export", "ics"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser.next().expect("one calendar").expect("parses");
    let mut summaries: Vec<String> = cal
        .events
        .iter()
        .filter_map(|e| e.properties.iter().find(|p| p.name == "SUMMARY"))
        .filter_map(|p| p.value.clone())
        .collect();
    summaries.sort();
    // The acronym where there is one, else the project's name.
    assert_eq!(
        summaries,
        ["Slutrapport — Baltic Bridges", "Styrgruppsmöte — GP"]
    );
}

#[test]
fn org_show_has_notes_tags_areas_and_the_council_decision() {
    let d = db();
    intnet(&d.path)
        .args([
            "--as",
            "anna",
            "org",
            "add",
            "Kaunas",
            "--kind",
            "twin_city",
            "--country",
            "LT",
            "--twin-decided",
            "1992-05-14",
            "--priority",
            "business,horizon",
            "--growth",
            "logistics",
            "--tags",
            "hamn,väpnad\x1b[31m",
            "--notes",
            "Första raden\nAndra\x1b]0;x\x07 raden",
        ])
        .assert()
        .success();
    let out = intnet(&d.path)
        .args(["--as", "anna", "--lang", "en", "org", "show", "Kaunas"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for want in [
        "Council decision",
        "1992-05-14",
        "Priority areas",
        "Growth areas",
        "Logistics",
        "Tags",
        "hamn, väpnad",
        "Notes",
        "Första raden",
        "raden",
    ] {
        assert!(text.contains(want), "{want:?} missing in\n{text}");
    }
    assert!(!text.contains('\x1b'), "{text:?}");
    let out = intnet(&d.path)
        .args(["--as", "anna", "--lang", "sv", "org", "show", "Kaunas"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Beslut i KF"), "{text}");
    assert!(text.contains("Anteckningar"), "{text}");
    let out = intnet(&d.path)
        .args(["--as", "anna", "org", "show", "Kaunas", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let o = &v["organisation"]["data"];
    assert_eq!(o["twin_decided"], "1992-05-14");
    assert_eq!(
        o["priority_areas"],
        serde_json::json!(["business", "horizon"])
    );
    assert_eq!(o["growth_areas"], serde_json::json!(["logistics"]));
    assert_eq!(o["tags"][0], "hamn");
    assert!(o["notes"].as_str().unwrap().starts_with("Första raden"));
}
