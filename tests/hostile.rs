//! Hostile text stored in the database never reaches a terminal as control sequences:
//! not through the UI in a real pseudo-terminal (the title stays, the screen is not
//! cleared), not through the shell commands' plain-text output.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_intnet");

/// A terminal-title escape, a bell, a clear-screen, and every direction control.
const EVIL: &str = "Evil\u{1b}]0;pwned\u{7}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}Corp\u{1b}[2J";
/// How intnet draws it: its own `�` for each control, the direction marks gone.
const DRAWN: &str = "Evil\u{FFFD}]0;pwned\u{FFFD}Corp\u{FFFD}[2J";

/// What the terminal was asked to do besides drawing: set its title, ring its bell.
#[derive(Default)]
struct Asked {
    titles: Vec<String>,
    bells: usize,
}

impl vt100::Callbacks for Asked {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }
}

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .env("INTNET_CONFIG", "/nonexistent")
        .env("INTNET_SYSTEM_CONFIG", "/nonexistent")
        .env("LANG", "en_GB.UTF-8")
        .env_remove("INTNET_DB")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A database with one organisation, a person and a contact, all named hostilely.
fn hostile_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    ok(&db, &["init", "--name", "Eva Eriksson"]);
    ok(
        &db,
        &["org", "add", EVIL, "--country", "DE", "--city", EVIL],
    );
    ok(&db, &["person", "add", "1", EVIL]);
    ok(&db, &["interaction", "add", "1", EVIL]);
    (dir, db)
}

fn assert_harmless(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || intnet::text::is_bidi_control(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{text}");
}

#[test]
fn plain_text_output_shows_the_replacement_and_no_control() {
    let (_dir, db) = hostile_db();
    for args in [
        &["org", "list"][..],
        &["org", "show", "1"],
        &["find", "evil"],
        &["find", "pwned"],
    ] {
        let out = ok(&db, args);
        assert_harmless(&format!("{args:?}"), &out);
        assert!(
            out.contains("Evil\u{FFFD}]0;pwned\u{FFFD}Corp"),
            "{args:?} does not show the name as cleaned:\n{out}"
        );
    }
}

#[test]
fn the_ui_in_a_real_terminal_keeps_its_title_and_screen() {
    let (_dir, db) = hostile_db();
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--db", &db.to_string_lossy(), "--lang", "en"]);
    cmd.env("INTNET_CONFIG", "/nonexistent");
    cmd.env("INTNET_SYSTEM_CONFIG", "/nonexistent");
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let raw = Arc::new(Mutex::new(Vec::<u8>::new()));
    let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
        30,
        120,
        0,
        Asked::default(),
    )));
    let mut reader = pty.master.try_clone_reader().unwrap();
    {
        let (raw, parser) = (raw.clone(), parser.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
                parser.lock().unwrap().process(&buf[..n]);
            }
        });
    }
    let mut writer = pty.master.take_writer().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let screen = loop {
        let s = parser.lock().unwrap().screen().contents();
        // vt100 keeps no U+FFFD in its cells; the raw bytes are checked for it below.
        if s.contains("Evil]0;pwnedCorp[2J") {
            break s;
        }
        assert!(Instant::now() < deadline, "never drawn:\n{s}");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_harmless("screen", &screen);
    {
        let p = parser.lock().unwrap();
        let asked = p.callbacks();
        assert!(
            asked.titles.is_empty(),
            "the title was set: {:?}",
            asked.titles
        );
        assert_eq!(asked.bells, 0, "the bell rang");
    }
    let bytes = raw.lock().unwrap().clone();
    let find = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!find(b"\x1b]0;pwned"), "the title escape left raw");
    assert!(!find(b"\x07"), "a bell left raw");
    assert!(
        find(DRAWN.as_bytes()),
        "intnet's own replacement was not sent"
    );
    assert!(
        !find("\u{202E}".as_bytes()),
        "a direction override left raw"
    );
    std::io::Write::write_all(&mut writer, b"q").unwrap();
    let _ = child.wait();
}
