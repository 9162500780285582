//! End to end: the real binary in a pseudo-terminal, read back through a terminal
//! emulator (`vt100`), driven the way a person types.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_intnet");

fn cli(db: &Path, args: &[&str]) {
    let out = std::process::Command::new(BIN)
        .env("INTNET_CONFIG", "/nonexistent")
        .env("INTNET_SYSTEM_CONFIG", "/nonexistent")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Tui {
    fn start(db: &Path, lang: &str) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 30,
                cols: 110,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["--db", &db.to_string_lossy(), "--lang", lang]);
        cmd.env("INTNET_CONFIG", "/nonexistent");
        cmd.env("INTNET_SYSTEM_CONFIG", "/nonexistent");
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(30, 110, 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        // Keep the master open for the child's lifetime.
        std::mem::forget(pty.master);
        Tui {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (a real terminal takes real time).
    fn wait_for(&self, text: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }
}

fn demo_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    cli(&db, &["init", "--name", "Eva Eriksson"]);
    cli(
        &db,
        &[
            "org",
            "add",
            "Hansestadt Lübeck",
            "--country",
            "DE",
            "--city",
            "Lübeck",
            "--kind",
            "twin_city",
        ],
    );
    cli(
        &db,
        &[
            "org",
            "add",
            "Miasto Łódź",
            "--country",
            "PL",
            "--city",
            "Łódź",
        ],
    );
    (dir, db)
}

#[test]
fn a_person_filters_looks_up_and_quits() {
    let (_dir, db) = demo_db();
    let mut t = Tui::start(&db, "sv");
    t.wait_for("Kontakter", Duration::from_secs(10));
    t.wait_for("Hansestadt Lübeck", Duration::from_secs(5));
    t.keys(b"/lodz");
    let s = t.wait_for("1 visas", Duration::from_secs(5));
    assert!(s.contains("Miasto Łódź"));
    t.keys(b"\x1b"); // Esc clears the filter
    t.wait_for("Partnerorganisationer (2)", Duration::from_secs(5));
    t.keys(b"\x06"); // Ctrl-F
    t.wait_for("Snabbsök", Duration::from_secs(5));
    t.keys(b"lubek"); // one typo
    t.wait_for("Hansestadt Lübeck", Duration::from_secs(5));
    t.keys(b"\r");
    t.wait_for("Vänort", Duration::from_secs(5));
    t.keys(b"\x1b");
    t.wait_for("Partnerorganisationer (2)", Duration::from_secs(5));
    t.keys(b"q");
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Some(status) = t.child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(Instant::now() < deadline, "did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !t.parser.lock().unwrap().screen().alternate_screen(),
        "terminal restored"
    );
}

#[test]
fn another_users_change_appears_within_a_second() {
    let (_dir, db) = demo_db();
    let mut t = Tui::start(&db, "en");
    t.wait_for("Partner organisations (2)", Duration::from_secs(10));
    let started = Instant::now();
    cli(
        &db,
        &[
            "org",
            "add",
            "Tartu linn",
            "--country",
            "EE",
            "--city",
            "Tartu",
        ],
    );
    t.wait_for("Tartu linn", Duration::from_secs(3));
    // Polling is every 500 ms; allow scheduling noise but catch a missing refresh.
    assert!(started.elapsed() < Duration::from_secs(3));
    t.keys(b"q");
    let _ = t.child.wait();
}

#[test]
fn q_typed_in_a_form_is_text() {
    let (_dir, db) = demo_db();
    let mut t = Tui::start(&db, "en");
    t.wait_for("Partner organisations (2)", Duration::from_secs(10));
    t.keys(b"n");
    t.wait_for("New partner organisation", Duration::from_secs(5));
    t.keys(b"Qvarnsveden quay\t\tse");
    t.keys(b"\x13"); // Ctrl-S
    t.wait_for("Partner organisations (3)", Duration::from_secs(5));
    assert!(t.child.try_wait().unwrap().is_none(), "still running");
    t.keys(b"q");
    let _ = t.child.wait();
}

fn wait_exit(t: &mut Tui, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if t.child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

fn signal(t: &Tui, sig: nix::sys::signal::Signal) {
    let pid = t.child.process_id().expect("pid") as i32;
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), sig).unwrap();
}

/// Types part of a news item, then the session dies; the next start offers it back.
fn typed_then(kill: impl FnOnce(&mut Tui), wait_for_autosave: bool) {
    let (_dir, db) = demo_db();
    let mut t = Tui::start(&db, "en");
    t.wait_for("Partner organisations (2)", Duration::from_secs(10));
    t.keys(b"2n");
    t.wait_for("New news item", Duration::from_secs(5));
    t.keys(b"Half a thought about Interreg");
    t.wait_for("Half a thought about Interreg", Duration::from_secs(5));
    if wait_for_autosave {
        // Autosave runs at most every 2 s of typing, checked twice a second.
        std::thread::sleep(Duration::from_millis(3200));
    }
    kill(&mut t);
    let mut next = Tui::start(&db, "en");
    next.wait_for("Half a thought about Interreg", Duration::from_secs(10));
    next.keys(b"y");
    next.wait_for("New news item", Duration::from_secs(5));
    next.keys(b" and more");
    next.wait_for("Interreg and more", Duration::from_secs(5));
    next.keys(b"\x13"); // Ctrl-S publishes
    next.wait_for("Saved.", Duration::from_secs(5));
    next.keys(b"2");
    next.wait_for(
        "Half a thought about Interreg and more",
        Duration::from_secs(5),
    );
    next.keys(b"q");
    let _ = next.child.wait();
}

#[test]
fn kill_9_mid_edit_loses_at_most_seconds() {
    typed_then(
        |t| {
            signal(t, nix::sys::signal::Signal::SIGKILL);
            assert!(wait_exit(t, Duration::from_secs(2)));
        },
        true,
    );
}

#[test]
fn hang_up_mid_edit_saves_at_once_and_exits_quickly() {
    typed_then(
        |t| {
            signal(t, nix::sys::signal::Signal::SIGHUP);
            assert!(
                wait_exit(t, Duration::from_secs(2)),
                "exits within 2 s after a hang-up"
            );
        },
        false,
    );
}
