//! The shared server, attacked as a hostile group member would: links where intnet
//! writes, a crash in the middle of the pre-migration backup, a companion file another
//! account made read-only, many writers of several OS accounts at once under the usual
//! umask 022, an empty file, a closed directory, and `doctor` on each of those.
//!
//! Tests that need real OS accounts run as root with the accounts `.ci/run` creates
//! (group `intnet-t`, users `intnet-t1`..`intnet-t3`). Elsewhere they say they are
//! skipped; under `CI=true` a test that cannot run its proof fails instead.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const GROUP: &str = "intnet-t";
const ACCOUNTS: [&str; 3] = ["intnet-t1", "intnet-t2", "intnet-t3"];

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("intnet")
}

/// The binary run by `account` (or by this process's user) under `umask`, in English.
fn cmd(account: Option<&str>, umask: &str, exe: &Path, db: &Path, args: &[&str]) -> Command {
    let mut c = match account {
        Some(a) => {
            let mut c = Command::new("runuser");
            c.args(["-u", a, "--", "sh"]);
            c
        }
        None => Command::new("sh"),
    };
    c.arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(exe)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("INTNET_CONFIG", "/nonexistent/intnet.toml")
        .env("INTNET_SYSTEM_CONFIG", "/nonexistent/intnet.toml")
        .env_remove("INTNET_DB")
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(Stdio::null());
    c
}

fn run(db: &Path, args: &[&str]) -> Output {
    cmd(None, "022", &bin(), db, args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn is_root() -> bool {
    nix::unistd::Uid::current().is_root()
}

/// Says why a proof cannot run here: a failure under CI, a note elsewhere.
fn cannot_run(why: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("this proof cannot run: {why} (.ci/run should have set it up)");
    }
    eprintln!("skipped: {why}");
}

/// The test accounts' group id, when this process is root and they exist.
fn test_group() -> Option<u32> {
    if !is_root() {
        cannot_run("needs root to act as other accounts");
        return None;
    }
    let group = nix::unistd::Group::from_name(GROUP).ok().flatten();
    let users_exist = ACCOUNTS
        .iter()
        .all(|a| nix::unistd::User::from_name(a).ok().flatten().is_some());
    match group {
        Some(g) if users_exist => Some(g.gid.as_raw()),
        _ => {
            cannot_run("needs the group intnet-t and the accounts intnet-t1..3");
            None
        }
    }
}

/// A directory set up as docs/admin.md says: group-owned, 2770. The binary is copied
/// into it so the test accounts can run it wherever the checkout lives.
fn shared_dir(gid: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::chown(dir.path(), None, Some(gid)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
    let exe = dir.path().join("intnet");
    std::fs::copy(bin(), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    (dir, exe)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A database at schema 7 (the one before the newest), built from the migration files
/// as an older intnet left it: root as office, and `orgs` organisations whose notes
/// hold `note_len` bytes each, so the backup has something to copy.
fn schema7_db(path: &Path, orgs: usize, note_len: usize) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let _: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    for sql in [
        include_str!("../src/store/migrations/001_init.sql"),
        include_str!("../src/store/migrations/002_news.sql"),
        include_str!("../src/store/migrations/003_search_speed.sql"),
        include_str!("../src/store/migrations/004_training.sql"),
        include_str!("../src/store/migrations/005_plans.sql"),
        include_str!("../src/store/migrations/006_projects.sql"),
        include_str!("../src/store/migrations/007_milestones_and_links.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "PRAGMA user_version = 7; \
         INSERT INTO members (account, full_name, role, created_at) \
         VALUES ('root', 'Root', 'office', '2026-01-01T00:00:00Z');",
    )
    .unwrap();
    let tx = conn.unchecked_transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO orgs (name, name_fold, sort_sv, kind, country, notes, created_at, \
                 created_by, updated_at, updated_by) \
                 VALUES (?1, ?1, ?1, 'company', 'DE', ?2, '2026-01-01T00:00:00Z', 1, \
                 '2026-01-01T00:00:00Z', 1)",
            )
            .unwrap();
        let note = "x".repeat(note_len);
        for i in 0..orgs {
            insert
                .execute(rusqlite::params![format!("org {i}"), note])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660)).unwrap();
}

/// `(user_version, organisations, integrity_check)` of a database file, read without
/// intnet.
fn inspect(path: &Path) -> (i64, i64, String) {
    let conn = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let orgs = conn
        .query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))
        .unwrap_or(-1);
    let check = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    (version, orgs, check)
}

#[test]
fn a_link_at_the_backup_name_is_replaced_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intnet.db");
    schema7_db(&db, 10, 10);
    // The attack: a member links NAME.bak-v7 to a place of their choice.
    let victim_dir = dir.path().join("victim");
    std::fs::create_dir(&victim_dir).unwrap();
    let victim = victim_dir.join("planted");
    let backup = dir.path().join("intnet.bak-v7");
    std::os::unix::fs::symlink(&victim, &backup).unwrap();
    let out = run(&db, &["--as", "root", "member", "list"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!victim.exists(), "the backup went through the link");
    let meta = std::fs::symlink_metadata(&backup).unwrap();
    assert!(meta.file_type().is_file(), "the link is still there");
    assert_eq!(
        meta.mode() & 0o777,
        0o660,
        "the backup has the database's mode"
    );
    assert_eq!(inspect(&backup), (7, 10, "ok".into()));
    assert_eq!(inspect(&db).0, intnet::store::LATEST_VERSION);
    // Nothing temporary is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_crash_during_the_backup_never_leaves_a_partial_backup() {
    let dir = tempfile::tempdir().unwrap();
    let pristine = dir.path().join("pristine.db");
    // About 40 MB: the backup and the index rebuild take a few hundred milliseconds.
    schema7_db(&pristine, 20_000, 2_000);
    let db = dir.path().join("intnet.db");
    let backup = dir.path().join("intnet.bak-v7");
    let mut rng = fastrand::Rng::with_seed(9);
    let mut killed_before_done = 0;
    for round in 0..8 {
        for f in [&db, &backup] {
            let _ = std::fs::remove_file(f);
        }
        for s in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(sibling(&db, s));
        }
        std::fs::copy(&pristine, &db).unwrap();
        let mut child = cmd(
            None,
            "022",
            &bin(),
            &db,
            &["--as", "root", "member", "list"],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_millis(rng.u64(20..400)));
        // The shell has exec'd intnet: this kills intnet itself.
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        let status = child.wait().unwrap();
        if status.code().is_none() {
            killed_before_done += 1;
        }
        let (version, orgs, check) = inspect(&db);
        assert_eq!(check, "ok", "round {round}: database damaged");
        assert!(
            version == 7 || version == 8,
            "round {round}: version {version}"
        );
        assert_eq!(orgs, 20_000, "round {round}");
        if version == 8 {
            assert!(backup.exists(), "round {round}: migrated without a backup");
        }
        if backup.exists() {
            assert_eq!(
                inspect(&backup),
                (7, 20_000, "ok".into()),
                "round {round}: the backup is not whole"
            );
        }
        // The next start finishes the job and leaves a whole backup.
        let out = run(&db, &["--as", "root", "member", "list"]);
        assert!(out.status.success(), "round {round}: {}", text(&out));
        assert_eq!(inspect(&db).0, intnet::store::LATEST_VERSION);
        assert_eq!(inspect(&backup), (7, 20_000, "ok".into()));
    }
    assert!(
        killed_before_done > 0,
        "no kill landed while intnet ran: the loop proved nothing"
    );
}

#[test]
fn links_at_the_database_and_its_companions_are_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.db");
    assert!(run(&real, &["--as", "root", "init"]).status.success());
    // The database itself as a link.
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = run(&link, &["--as", "root", "member", "list"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("symbolic link"), "{}", text(&out));
    // -wal as a link to a file of the attacker's choice: never written.
    let victim = dir.path().join("victim");
    let wal = sibling(&real, "-wal");
    std::os::unix::fs::symlink(&victim, &wal).unwrap();
    let out = run(&real, &["--as", "root", "member", "list"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("real.db-wal") && said.contains("symbolic link"),
        "{said}"
    );
    assert!(!victim.exists());
    // doctor names it too, without opening the database.
    let out = run(&real, &["doctor"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("{} -> ", wal.display())),
        "{}",
        text(&out)
    );
}

#[test]
fn backup_writes_a_private_copy_through_no_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intnet.db");
    assert!(run(&db, &["--as", "root", "init"]).status.success());
    let victim = dir.path().join("victim");
    let out_path = dir.path().join("copy.db");
    std::os::unix::fs::symlink(&victim, &out_path).unwrap();
    let out = run(&db, &["backup", out_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!victim.exists());
    let meta = std::fs::symlink_metadata(&out_path).unwrap();
    assert!(meta.file_type().is_file());
    // The umask was 022, the copy is the database's 0660, not 0644.
    assert_eq!(meta.mode() & 0o777, 0o660);
    assert_eq!(inspect(&out_path).2, "ok");
}

#[test]
fn an_empty_file_is_not_turned_into_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.db");
    std::fs::write(&db, "").unwrap();
    for args in [
        &["--as", "root", "find", "x"][..],
        &["--as", "root", "member", "list"],
        &["--as", "root", "seed", "--scale", "10"],
    ] {
        let out = run(&db, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out));
        assert!(text(&out).contains("intnet init"), "{}", text(&out));
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "{args:?} wrote");
    }
    // init is the one command that makes it a database.
    assert!(run(&db, &["--as", "root", "init"]).status.success());
}

#[test]
fn an_account_outside_the_group_is_told_permission_denied() {
    if !is_root() {
        cannot_run("needs root to act as another account");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o711)).unwrap();
    let inner = dir.path().join("closed");
    std::fs::create_dir(&inner).unwrap();
    std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o770)).unwrap();
    let db = inner.join("intnet.db");
    assert!(run(&db, &["--as", "root", "init"]).status.success());
    let exe = dir.path().join("intnet");
    std::fs::copy(bin(), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = cmd(Some("nobody"), "022", &exe, &db, &["find", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    assert!(text(&out).contains("no access"), "{}", text(&out));
    assert!(!text(&out).contains("intnet init"), "{}", text(&out));
}

#[test]
fn doctor_checks_the_directory_the_modes_the_umask_and_says_fail_in_english() {
    let Some(gid) = test_group() else {
        return;
    };
    let (dir, exe) = shared_dir(gid);
    let db = dir.path().join("intnet.db");
    let doctor = |umask: &str| cmd(None, umask, &exe, &db, &["doctor"]).output().unwrap();
    assert!(
        cmd(None, "022", &exe, &db, &["--as", "root", "init"])
            .status()
            .unwrap()
            .success()
    );
    let out = doctor("007");
    assert!(out.status.success(), "{}", text(&out));
    // The usual umask: other programs would make files the group cannot write.
    let out = doctor("022");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("FAIL  umask"), "{}", text(&out));
    assert!(!text(&out).contains("FEL"), "{}", text(&out));
    // Anyone may rename or replace the file in a 0777 directory.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = doctor("007");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("FAIL  directory"), "{}", text(&out));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o2770)).unwrap();
    // A world-readable database.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o664)).unwrap();
    let out = doctor("007");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("o-rwx"), "{}", text(&out));
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o660)).unwrap();
    // A backup copy others can read, and a leftover of an interrupted write.
    std::fs::write(dir.path().join("intnet.bak-v7"), "x").unwrap();
    std::fs::set_permissions(
        dir.path().join("intnet.bak-v7"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::write(dir.path().join(".intnet.bak-v7.tmp-0123"), "x").unwrap();
    let out = doctor("007");
    let said = text(&out);
    assert!(said.contains("FAIL  backup copies"), "{said}");
    assert!(said.contains("FAIL  unfinished temporary files"), "{said}");
}

/// The race of the issue: another account's process has just made `-wal` without
/// group write (SQLite widens it a moment later). A connection opened in that moment
/// reads only; intnet opens it again and the write goes through.
#[test]
fn a_wal_another_account_left_read_only_is_reopened_and_the_write_goes_through() {
    let Some(gid) = test_group() else {
        return;
    };
    let (dir, exe) = shared_dir(gid);
    let db = dir.path().join("intnet.db");
    let root = |args: &[&str]| {
        let out = cmd(None, "022", &exe, &db, args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    };
    root(&["--as", "root", "init"]);
    root(&["--as", "root", "member", "add", "intnet-t2", "--name", "T2"]);
    root(&[
        "--as",
        "root",
        "org",
        "add",
        "Hansestadt Lübeck",
        "--country",
        "DE",
    ]);
    // intnet-t1 holds the database open (so -wal stays) and has made -wal 0640.
    let holder = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = holder
        .query_row("SELECT count(*) FROM orgs", [], |r| r.get(0))
        .unwrap();
    let wal = sibling(&db, "-wal");
    let t1 = nix::unistd::User::from_name("intnet-t1")
        .unwrap()
        .unwrap()
        .uid;
    std::os::unix::fs::chown(&wal, Some(t1.as_raw()), Some(gid)).unwrap();
    std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o640)).unwrap();
    // ...and widens it 60 ms later, as SQLite does.
    let widen = {
        let wal = wal.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(60));
            std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o660)).unwrap();
        })
    };
    let out = cmd(
        Some("intnet-t2"),
        "022",
        &exe,
        &db,
        &[
            "interaction",
            "add",
            "Hansestadt Lübeck",
            "Call about the twinning",
        ],
    )
    .output()
    .unwrap();
    widen.join().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let n: i64 = holder
        .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

/// Many writers of several accounts at once, each starting where the last one ended
/// (so `-wal` and `-shm` are made again and again), under umask 022: no write fails,
/// every row arrives, and the files the accounts made keep group write.
#[test]
fn writers_of_several_accounts_under_umask_022_lose_nothing() {
    let Some(gid) = test_group() else {
        return;
    };
    let (dir, exe) = shared_dir(gid);
    let db = dir.path().join("intnet.db");
    let root = |args: &[&str]| {
        let out = cmd(None, "022", &exe, &db, args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    };
    root(&["--as", "root", "init"]);
    for a in ACCOUNTS {
        root(&["--as", "root", "member", "add", a, "--name", a]);
    }
    root(&[
        "--as",
        "root",
        "org",
        "add",
        "Hansestadt Lübeck",
        "--country",
        "DE",
    ]);
    let rounds = 6;
    let per_account = 4;
    let mut failures = Vec::new();
    for round in 0..rounds {
        let children: Vec<_> = ACCOUNTS
            .iter()
            .flat_map(|a| (0..per_account).map(move |i| (*a, i)))
            .map(|(a, i)| {
                let summary = format!("round {round} {a} {i}");
                cmd(
                    Some(a),
                    "022",
                    &exe,
                    &db,
                    &["interaction", "add", "Hansestadt Lübeck", &summary],
                )
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            if !out.status.success() {
                failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
        for suffix in ["", "-wal", "-shm"] {
            if let Ok(meta) = std::fs::symlink_metadata(sibling(&db, suffix)) {
                assert_eq!(
                    meta.mode() & 0o070,
                    0o060,
                    "round {round}: {suffix} lost group access"
                );
                assert_eq!(
                    meta.mode() & 0o007,
                    0,
                    "round {round}: {suffix} open to others"
                );
            }
        }
    }
    assert!(failures.is_empty(), "failed writes: {failures:?}");
    let (_, _, check) = inspect(&db);
    assert_eq!(check, "ok");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: usize = conn
        .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, rounds * ACCOUNTS.len() * per_account);
}

/// Hang-up while the database refuses the draft (here: the file claims a newer schema,
/// so this binary may only read): what was typed goes to a private file in the user's
/// own directory, and the next start moves it back and offers it.
#[test]
fn a_draft_the_database_refuses_is_kept_in_a_private_file_and_offered_next_time() {
    use intnet::i18n::Lang;
    use intnet::store::{LATEST_VERSION, Store};
    use intnet::tui::app::{App, Modal};
    use intnet::tui::keymap::Keymap;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let press = |app: &mut App, code: KeyCode| {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let spool = dir.path().join("spool");
    Store::open(&db).unwrap().init("office", "Olle").unwrap();
    let set_version = |v: i64| {
        rusqlite::Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", v)
            .unwrap();
    };
    set_version(LATEST_VERSION + 1);
    let app_on = |db: &Path| {
        let store = Store::open(db).unwrap();
        let actor = store.actor("office").unwrap();
        let (keymap, _) = Keymap::new(&Default::default());
        App::new(store, actor, Lang::En, keymap, (100, 30)).unwrap()
    };
    let mut app = app_on(&db);
    app.spool = spool.clone();
    press(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.modal, Some(Modal::Form(_))), "no form");
    for c in "Stadt Kiel".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    app.autosave(true);
    let files: Vec<_> = std::fs::read_dir(&spool)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().mode() & 0o777,
        0o600,
        "the draft is the user's alone"
    );
    assert_eq!(std::fs::metadata(&spool).unwrap().mode() & 0o777, 0o700);
    drop(app);
    set_version(LATEST_VERSION);
    let mut app = app_on(&db);
    app.resume_spooled(&spool);
    assert!(
        matches!(app.modal, Some(Modal::Confirm(_))),
        "nothing offered"
    );
    press(&mut app, KeyCode::Char('y'));
    let Some(Modal::Form(f)) = &app.modal else {
        panic!("the draft did not reopen");
    };
    assert_eq!(f.get("name"), "Stadt Kiel");
    assert_eq!(
        std::fs::read_dir(&spool).unwrap().count(),
        0,
        "file left behind"
    );
}

/// `kill -9` at random moments of a write that spans several rows (one activity, four
/// participants, the audit row): the file stays whole and every activity has all its
/// participants and its audit row, or is not there at all.
#[test]
fn a_kill_during_a_group_write_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("intnet.db");
    let ok = |args: &[&str]| {
        let out = run(&db, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    };
    ok(&["--as", "root", "init"]);
    for a in ["a1", "a2", "a3"] {
        ok(&["--as", "root", "member", "add", a, "--name", a]);
    }
    let mut rng = fastrand::Rng::with_seed(5);
    let mut killed = 0;
    for round in 0..24 {
        let title = format!("Course {round}");
        let mut child = cmd(
            None,
            "022",
            &bin(),
            &db,
            &[
                "--as", "root", "training", "log", &title, "--hours", "2", "--with", "a1,a2,a3",
            ],
        )
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_micros(rng.u64(0..40_000)));
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        if child.wait().unwrap().code().is_none() {
            killed += 1;
        }
    }
    assert!(
        killed > 0,
        "no kill landed while intnet ran: the loop proved nothing"
    );
    let (_, _, check) = inspect(&db);
    assert_eq!(check, "ok");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT t.title, (SELECT count(*) FROM training_participants p WHERE p.training_id = t.id), \
             (SELECT count(*) FROM audit a WHERE a.entity = 'training' AND a.entity_id = t.id) \
             FROM trainings t",
        )
        .unwrap();
    let rows: Vec<(String, i64, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // Some writes finished and some were cut off, or the loop proved nothing.
    assert!(
        !rows.is_empty() && rows.len() < 24,
        "{} of 24 written, {killed} killed",
        rows.len()
    );
    for (title, participants, audit) in &rows {
        assert_eq!(*participants, 4, "{title}: a partial write");
        assert_eq!(*audit, 1, "{title}: no audit row");
    }
}
