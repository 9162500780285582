#![allow(dead_code)]
//! Shared test setup: a temp database with an office admin, two members and a viewer.

pub mod keys;

use intnet::model::{Actor, OrgData, Role};
use intnet::store::Store;
use std::path::PathBuf;

pub struct Env {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
    pub office: Actor,
    pub anna: Actor,
    pub bjorn: Actor,
    pub viewer: Actor,
}

pub fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let store = Store::open(&path).unwrap();
    let office = store.init("office", "Olle Office").unwrap();
    store
        .add_unit(&office, "KLK", "Kommunledningskontoret", false)
        .unwrap();
    store
        .add_unit(&office, "HAMN", "Gävle Hamn AB", true)
        .unwrap();
    store
        .add_member(&office, "anna", "Anna Åberg", Some("KLK"), Role::Member)
        .unwrap();
    store
        .add_member(&office, "bjorn", "Björn Ek", Some("HAMN"), Role::Member)
        .unwrap();
    store
        .add_member(&office, "vera", "Vera Viewer", None, Role::Viewer)
        .unwrap();
    let anna = store.actor("anna").unwrap();
    let bjorn = store.actor("bjorn").unwrap();
    let viewer = store.actor("vera").unwrap();
    Env {
        dir,
        path,
        store,
        office,
        anna,
        bjorn,
        viewer,
    }
}

pub fn org(name: &str, country: &str, city: &str) -> OrgData {
    OrgData {
        name: name.into(),
        country: country.into(),
        city: city.into(),
        ..OrgData::default()
    }
}

/// Today's local date, computed here with the date library itself rather than through
/// intnet, so a test's expected date does not come from the code under test.
pub fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

/// The local date `days` from today, computed independently of intnet.
pub fn in_days(days: i64) -> String {
    jiff::ZonedDateTime::now()
        .date()
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

/// This year, computed independently of intnet.
pub fn year() -> i32 {
    i32::from(jiff::ZonedDateTime::now().date().year())
}

/// The built binary on `db`, in English, with none of the machine's config files.
pub fn intnet(db: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("intnet").unwrap();
    c.env("INTNET_CONFIG", "/nonexistent/intnet.toml")
        .env("INTNET_SYSTEM_CONFIG", "/nonexistent/intnet.toml")
        .env_remove("INTNET_DB")
        .env("LANG", "en_GB.UTF-8")
        // Times are shown in local time: one fixed zone, whatever the machine's.
        .env("TZ", "Europe/Stockholm")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("--db")
        .arg(db);
    c
}

/// A database made through the binary as an administrator would: `root` (the tests
/// run as root; `--as` needs it) as office, unit KLK, and the member `anna` in it.
pub struct CliDb {
    pub _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn cli_db() -> CliDb {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cli.db");
    for args in [
        &["init", "--name", "Root Admin"][..],
        &["unit", "add", "KLK", "Kommunledningskontoret"],
        &[
            "member",
            "add",
            "anna",
            "--name",
            "Anna Åberg",
            "--unit",
            "KLK",
        ],
    ] {
        intnet(&path)
            .args(["--as", "root"])
            .args(args)
            .assert()
            .success();
    }
    CliDb { _dir: dir, path }
}
