//! Lookup and TUI latency benchmark (a plain `fn main`, no harness).
//!
//! One run, on a fresh temporary database of `INTNET_BENCH_SCALE` organisations
//! (default 100 000):
//!
//! 1. creates the database with `intnet init` + `intnet seed --scale N` (timed);
//! 2. in-process: `tui::build` + first draw at 120x40, and resident memory after it;
//! 3. in-process: key press latency (`handle_key` + full draw) for filter typing and
//!    the quick-lookup palette;
//! 4. whole processes: `intnet find QUERY --limit 20` against the `sqlite3` shell
//!    running the bare FTS query, interleaved, for a few queries (skipped with a
//!    message when `sqlite3` is not installed).
//!
//! It prints a table with the targets and PASS/FAIL markers, and always exits 0: the
//! figures are for reading, not for asserting. See `docs/performance.md`.
//!
//! Run: `cargo bench --bench lookup` (cargo builds the `intnet` binary for benches).

use intnet::cli::Ctx;
use intnet::i18n::Lang;
use intnet::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stats::{P90, P99, median, percentile};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs per side and query in the process comparison.
const PROCESS_RUNS: usize = 30;
/// Untimed runs per side and query before measuring.
const WARMUP_RUNS: usize = 3;
/// Times the key script is played.
const SCRIPT_ROUNDS: usize = 10;
/// Extra build + first draw repetitions after the first (cold) one.
const START_REPEATS: usize = 5;

const TARGET_RATIO: f64 = 1.5;
const TARGET_KEY_P99_MS: f64 = 16.0;
const TARGET_START_MS: f64 = 100.0;
const TARGET_RSS_MB: f64 = 60.0;
const TARGET_SCREEN_MS: f64 = 50.0;
const TARGET_SUMMARY_MS: f64 = 100.0;

/// Queries for the process comparison: (label, `intnet find` words, FTS5 match).
const QUERIES: &[(&str, &[&str], &str)] = &[
    ("lubeck", &["lubeck"], "\"lubeck\"*"),
    ("lodz", &["lodz"], "\"lodz\"*"),
    ("port lubeck", &["port", "lubeck"], "\"port\"* \"lubeck\"*"),
];

struct Row {
    what: String,
    figure: String,
    target: String,
    pass: Option<bool>,
}

fn row(what: impl Into<String>, figure: impl Into<String>) -> Row {
    Row {
        what: what.into(),
        figure: figure.into(),
        target: String::new(),
        pass: None,
    }
}

fn checked(what: impl Into<String>, figure: impl Into<String>, target: &str, pass: bool) -> Row {
    Row {
        what: what.into(),
        figure: figure.into(),
        target: target.to_string(),
        pass: Some(pass),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter here.
    let scale: usize = std::env::var("INTNET_BENCH_SCALE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    // Keep the user's and the system's config files out of the measurement (key
    // overrides would change the script). SAFETY: no other thread exists yet.
    unsafe {
        std::env::set_var("INTNET_CONFIG", dir.path().join("no-user-config.toml"));
        std::env::set_var(
            "INTNET_SYSTEM_CONFIG",
            dir.path().join("no-system-config.toml"),
        );
        std::env::remove_var("INTNET_DB");
    }
    // INTNET_BENCH_DB: reuse a database already seeded (for quick iterations; the
    // figures for docs come from a fresh one).
    let reuse = std::env::var_os("INTNET_BENCH_DB")
        .map(PathBuf::from)
        .filter(|p| p.exists());
    let db = reuse.clone().unwrap_or_else(|| dir.path().join("bench.db"));
    let bin = intnet_binary();
    let mut rows = Vec::new();

    println!("intnet lookup bench: scale {scale} organisations");
    println!("binary: {}", bin.display());
    println!("database: {}", db.display());

    // 1. The database, through the binary as a user would make it.
    let t = Instant::now();
    if reuse.is_none() {
        run_ok(&bin, &db, &["init"]);
    }
    let init = t.elapsed();
    let t = Instant::now();
    if reuse.is_none() {
        run_ok(&bin, &db, &["seed", "--scale", &scale.to_string()]);
    }
    let seed = t.elapsed();
    let size_mb = db_size(&db) as f64 / 1e6;
    println!(
        "init {:.0} ms, seed --scale {scale} {:.1} s, database {size_mb:.1} MB",
        ms(init),
        seed.as_secs_f64()
    );
    rows.push(row("init", format!("{:.0} ms", ms(init))));
    rows.push(row(
        format!("seed --scale {scale}"),
        format!("{:.1} s", seed.as_secs_f64()),
    ));
    rows.push(row("database size", format!("{size_mb:.1} MB")));

    // 2. Start to first frame, in process. Memory is read first, before anything
    // else in this process has touched the database.
    let account = intnet::identity::os_account().unwrap_or_else(|_| "root".to_string());
    let settings = intnet::config::resolve(Some(&db), Some(Lang::Sv));
    let rss_before = rss_kb();
    let (first, mut app, mut terminal) = start(&db, &account, &settings);
    let rss_after = rss_kb();
    let mut starts = Vec::new();
    for _ in 0..START_REPEATS {
        let (d, _, _) = start(&db, &account, &settings);
        starts.push(d);
    }
    starts.sort();
    println!(
        "start to first frame: first {:.1} ms, median of {START_REPEATS} more {:.1} ms",
        ms(first),
        ms(median(&starts))
    );
    rows.push(checked(
        "start to first frame (first)",
        format!("{:.1} ms", ms(first)),
        "< 100 ms",
        ms(first) < TARGET_START_MS,
    ));
    rows.push(checked(
        format!("start to first frame (median of {START_REPEATS})"),
        format!("{:.1} ms", ms(median(&starts))),
        "< 100 ms",
        ms(median(&starts)) < TARGET_START_MS,
    ));
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        let mb = after as f64 / 1024.0;
        println!(
            "VmRSS: {:.1} MB before build, {mb:.1} MB after build + first draw",
            before as f64 / 1024.0
        );
        rows.push(checked(
            "VmRSS after build + first draw",
            format!("{mb:.1} MB"),
            "< 60 MB",
            mb < TARGET_RSS_MB,
        ));
        rows.push(row(
            "  of which before build",
            format!("{:.1} MB", before as f64 / 1024.0),
        ));
    } else {
        println!("VmRSS: /proc/self/status not readable; memory not measured");
    }

    // 3. Key press latency: handle_key + full draw for each key of the script.
    let script = key_script();
    let mut filter = Vec::new();
    let mut lookup = Vec::new();
    let mut by_step = vec![Vec::new(); script.len()];
    for _ in 0..SCRIPT_ROUNDS {
        for (step, (key, is_lookup)) in script.iter().enumerate() {
            let t = Instant::now();
            app.handle_key(*key);
            terminal
                .draw(|f| intnet::tui::ui::draw(f, &app))
                .expect("draw");
            let d = t.elapsed();
            by_step[step].push(d);
            if *is_lookup {
                lookup.push(d);
            } else {
                filter.push(d);
            }
        }
    }
    // Which keys cost what: the median of each step of the script over the rounds.
    println!("keys by step, median ms over {SCRIPT_ROUNDS} rounds:");
    let mut line = String::from(" ");
    for ((key, _), samples) in script.iter().zip(&mut by_step) {
        samples.sort();
        let label = key_label(key);
        line.push_str(&format!(" {label} {:.1}", ms(median(samples))));
        if key.code == KeyCode::Esc {
            println!("{line}");
            line = String::from(" ");
        }
    }
    if app.quit || app.status.as_ref().is_some_and(|s| s.error) {
        println!(
            "warning: the key script ended in an unexpected state (quit {}, status {:?})",
            app.quit,
            app.status.as_ref().map(|s| &s.text)
        );
    }
    let mut all: Vec<Duration> = filter.iter().chain(&lookup).copied().collect();
    for (name, samples) in [
        ("filter (/ lubeck, backspace)", &mut filter),
        ("quick lookup (Ctrl-F lodz)", &mut lookup),
        ("all keys", &mut all),
    ] {
        samples.sort();
        let p50 = ms(median(samples));
        let p99 = ms(percentile(samples, P99));
        let max = ms(*samples.last().expect("samples"));
        println!(
            "keys, {name}: n={} p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms",
            samples.len()
        );
        rows.push(row(format!("key p50, {name}"), format!("{p50:.2} ms")));
        rows.push(checked(
            format!("key p99, {name} (n={})", samples.len()),
            format!("{p99:.2} ms"),
            "< 16 ms",
            p99 < TARGET_KEY_P99_MS,
        ));
    }
    // 3b. Opening the News screen: its data loaded from nothing, then the first frame.
    let mut news_opens = Vec::new();
    for _ in 0..START_REPEATS {
        let t = Instant::now();
        app.news = Default::default();
        let h = app.list_height();
        app.news.reload(&app.store, &app.actor, h).expect("news");
        app.update(intnet::tui::keymap::Action::Screen2);
        terminal
            .draw(|f| intnet::tui::ui::draw(f, &app))
            .expect("draw");
        news_opens.push(t.elapsed());
    }
    news_opens.sort();
    let news_ms = ms(median(&news_opens));
    println!(
        "news screen, load + first frame: median of {START_REPEATS} {news_ms:.1} ms ({} items)",
        app.news.list.total
    );
    rows.push(checked(
        format!("news screen first frame ({} items)", app.news.list.total),
        format!("{news_ms:.1} ms"),
        "< 50 ms",
        news_ms < TARGET_SCREEN_MS,
    ));
    // 3c. The training screen at 1M activities: load + first frame, and the chart data.
    let mut training_opens = Vec::new();
    for _ in 0..START_REPEATS {
        let t = Instant::now();
        app.training = intnet::tui::screens::training::TrainingScreen::new();
        let h = app.list_height();
        app.training
            .reload(&app.store, &app.actor, h)
            .expect("training");
        app.update(intnet::tui::keymap::Action::Screen3);
        terminal
            .draw(|f| intnet::tui::ui::draw(f, &app))
            .expect("draw");
        training_opens.push(t.elapsed());
    }
    training_opens.sort();
    let training_ms = ms(median(&training_opens));
    println!("training screen, load + first frame: median of {START_REPEATS} {training_ms:.1} ms");
    rows.push(checked(
        "training screen first frame",
        format!("{training_ms:.1} ms"),
        "< 50 ms",
        training_ms < TARGET_SCREEN_MS,
    ));
    let year: i32 = intnet::store::today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let mut summaries = Vec::new();
    for _ in 0..START_REPEATS {
        let t = Instant::now();
        let rows = app
            .store
            .training_summary(year, intnet::store::SummaryBy::Unit)
            .expect("summary");
        summaries.push(t.elapsed());
        assert!(!rows.is_empty());
    }
    summaries.sort();
    let summary_ms = ms(median(&summaries));
    println!("yearly summary by unit: median of {START_REPEATS} {summary_ms:.1} ms");
    rows.push(checked(
        "yearly training summary by unit",
        format!("{summary_ms:.1} ms"),
        "< 100 ms",
        summary_ms < TARGET_SUMMARY_MS,
    ));
    // 3d. The plans and projects screens (50 plans of 200 items, 2,000 projects and
    // 100 memberships at full scale): load + first frame, as a tab switch does it.
    for (label, screen) in [
        ("plans screen", intnet::tui::keymap::Action::Screen4),
        ("projects screen", intnet::tui::keymap::Action::Screen5),
    ] {
        let mut opens = Vec::new();
        for _ in 0..START_REPEATS {
            app.plans = intnet::tui::screens::plans::PlansScreen::new();
            app.projects = intnet::tui::screens::projects::ProjectsScreen::default();
            app.update(intnet::tui::keymap::Action::Screen1);
            let t = Instant::now();
            app.update(screen);
            terminal
                .draw(|f| intnet::tui::ui::draw(f, &app))
                .expect("draw");
            opens.push(t.elapsed());
        }
        opens.sort();
        let open_ms = ms(median(&opens));
        let what = if screen == intnet::tui::keymap::Action::Screen4 {
            format!(
                "{label} first frame ({} plans, {} items in the first)",
                app.plans.plans.len(),
                app.plans.items.len()
            )
        } else {
            format!(
                "{label} first frame ({} projects, {} memberships)",
                app.projects.projects.len(),
                app.projects.memberships.len()
            )
        };
        println!("{what}: median of {START_REPEATS} {open_ms:.1} ms");
        rows.push(checked(
            what,
            format!("{open_ms:.1} ms"),
            "< 50 ms",
            open_ms < TARGET_SCREEN_MS,
        ));
    }
    // Keys on those screens: down through the plan list and the project list.
    let mut key_times = Vec::new();
    for screen in [
        intnet::tui::keymap::Action::Screen4,
        intnet::tui::keymap::Action::Screen5,
    ] {
        app.update(screen);
        for i in 0..120 {
            let action = if i % 40 < 30 {
                intnet::tui::keymap::Action::Down
            } else {
                intnet::tui::keymap::Action::Up
            };
            let t = Instant::now();
            app.update(action);
            terminal
                .draw(|f| intnet::tui::ui::draw(f, &app))
                .expect("draw");
            key_times.push(t.elapsed());
        }
    }
    key_times.sort();
    let p99 = ms(percentile(&key_times, P99));
    println!(
        "plans/projects keys: p99 of {} {p99:.2} ms",
        key_times.len()
    );
    rows.push(checked(
        "key p99, plans and projects lists",
        format!("{p99:.2} ms"),
        "< 16 ms",
        p99 < TARGET_KEY_P99_MS,
    ));
    let me = app.actor.clone();
    drop(app);
    drop(terminal);

    // 4. Whole processes: intnet find vs the sqlite3 shell on the bare FTS query.
    match find_sqlite3() {
        None => {
            println!(
                "sqlite3 shell not found on PATH (or INTNET_BENCH_SQLITE3): skipping the \
                 process comparison. Install it, e.g. `apt-get install -y sqlite3`."
            );
            rows.push(row("process comparison", "skipped: no sqlite3"));
        }
        Some(sqlite3) => {
            println!("sqlite3: {}", sqlite3.display());
            for (label, words, fts) in QUERIES {
                let mut find_args = vec!["find"];
                find_args.extend_from_slice(words);
                find_args.extend_from_slice(&["--limit", "20"]);
                let sql =
                    format!("SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH '{fts}' LIMIT 20");
                let mut ours = Command::new(&bin);
                ours.arg("--db").arg(&db).args(&find_args);
                let mut reference = Command::new(&sqlite3);
                reference.arg("-batch").arg(&db).arg(&sql);
                // One visible run each: both must answer, and with something.
                let a = output_lines(&mut ours);
                let b = output_lines(&mut reference);
                let (Some(a), Some(b)) = (a, b) else {
                    println!("query {label:?}: a command failed; skipped");
                    rows.push(row(format!("find {label:?}"), "skipped: command failed"));
                    continue;
                };
                let (mine, theirs) = compare(&mut ours, &mut reference);
                let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
                let ratio = m / s;
                println!(
                    "find {label:?}: intnet {m:.2} ms ({a} lines) vs sqlite3 {s:.2} ms ({b} rows), \
                     ratio {ratio:.2} (medians of {PROCESS_RUNS}; intnet p90 {:.2} ms, sqlite3 p90 {:.2} ms)",
                    ms(percentile(&mine, P90)),
                    ms(percentile(&theirs, P90)),
                );
                rows.push(row(
                    format!("find {label:?}: intnet / sqlite3 median"),
                    format!("{m:.2} / {s:.2} ms"),
                ));
                rows.push(checked(
                    format!("find {label:?}: ratio"),
                    format!("{ratio:.2}"),
                    "<= 1.5",
                    ratio <= TARGET_RATIO,
                ));
            }
        }
    }

    // 5. `intnet status` against the same unread count in the sqlite3 shell.
    if let Some(sqlite3) = find_sqlite3() {
        let member = Command::new(&sqlite3)
            .arg(&db)
            .arg(format!(
                "SELECT id FROM members WHERE account = '{}'",
                account.replace('\'', "")
            ))
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse::<i64>().ok());
        if let Some(member) = member {
            let sql = format!(
                "SELECT count(*) FROM news n WHERE n.deleted_at IS NULL AND n.published_at IS NOT NULL \
                 AND (n.expires IS NULL OR n.expires >= date('now')) \
                 AND NOT EXISTS (SELECT 1 FROM news_reads r WHERE r.member_id = {member} AND r.news_id = n.id)"
            );
            let mut ours = Command::new(&bin);
            ours.arg("--db").arg(&db).arg("status");
            let mut reference = Command::new(&sqlite3);
            reference.arg("-batch").arg(&db).arg(&sql);
            if output_lines(&mut ours).is_some() && output_lines(&mut reference).is_some() {
                let (mine, theirs) = compare(&mut ours, &mut reference);
                let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
                println!(
                    "status: intnet {m:.2} ms vs sqlite3 {s:.2} ms, ratio {:.2}",
                    m / s
                );
                rows.push(row(
                    "status: intnet / sqlite3 median",
                    format!("{m:.2} / {s:.2} ms"),
                ));
                rows.push(checked(
                    "status: ratio",
                    format!("{:.2}", m / s),
                    "<= 1.5",
                    m / s <= TARGET_RATIO,
                ));
            }
        }
    }

    // 6. `intnet training log` against the sqlite3 shell inserting the same row.
    if let Some(sqlite3) = find_sqlite3() {
        let mut ours = Command::new(&bin);
        ours.arg("--db").arg(&db).args([
            "training",
            "log",
            "Bench course",
            "--hours",
            "6",
            "--date",
            "2026-11-20",
            "--kind",
            "course",
        ]);
        let mut reference = Command::new(&sqlite3);
        reference.arg("-batch").arg(&db).arg(
            "BEGIN IMMEDIATE; INSERT INTO trainings (title, kind, date_from, minutes, participants, funding, created_at, \
             created_by, updated_at, updated_by) VALUES ('Bench course', 'course', '2026-11-20', 360, ',1,', 'own', \
             datetime('now'), 1, datetime('now'), 1); INSERT INTO training_participants (training_id, member_id, unit_id, \
             year, month, kind, priority_area, minutes, first, first_in_unit) VALUES (last_insert_rowid(), 1, NULL, 2026, 11, 'course', NULL, 360, 1, 1); COMMIT;",
        );
        if output_lines(&mut ours).is_some() && output_lines(&mut reference).is_some() {
            let (mine, theirs) = compare(&mut ours, &mut reference);
            let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
            println!(
                "training log: intnet {m:.2} ms vs sqlite3 {s:.2} ms, ratio {:.2}",
                m / s
            );
            rows.push(row(
                "training log: intnet / sqlite3 median",
                format!("{m:.2} / {s:.2} ms"),
            ));
            rows.push(checked(
                "training log: ratio",
                format!("{:.2}", m / s),
                "<= 2",
                m / s <= 2.0,
            ));
        }
    }

    // 7. `intnet deadlines --within 30d` against the sqlite3 shell running the same
    // statement with the same parameters.
    if let Some(sqlite3) = find_sqlite3() {
        let from = intnet::store::today();
        let to = intnet::model::add_days(&from, 30).expect("date");
        let mut ours = Command::new(&bin);
        ours.arg("--db")
            .arg(&db)
            .args(["deadlines", "--within", "30d"]);
        let mut reference = Command::new(&sqlite3);
        reference
            .arg("-batch")
            .arg(&db)
            .arg(format!(".param set :from \"'{from}'\""))
            .arg(format!(".param set :to \"'{to}'\""))
            .arg(".param set :mine 0")
            .arg(format!(".param set :me {}", me.member_id))
            .arg(format!(".param set :unit {}", me.unit_id.unwrap_or(-1)))
            .arg(format!(".param set :office {}", i64::from(me.is_office())))
            .arg(intnet::store::DEADLINES_SQL);
        if let (Some(a), Some(b)) = (output_lines(&mut ours), output_lines(&mut reference)) {
            let (mine, theirs) = compare(&mut ours, &mut reference);
            let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
            println!(
                "deadlines: intnet {m:.2} ms ({a} lines) vs sqlite3 {s:.2} ms ({b} rows), ratio {:.2}",
                m / s
            );
            rows.push(row(
                format!("deadlines --within 30d ({a} rows): intnet / sqlite3 median"),
                format!("{m:.2} / {s:.2} ms"),
            ));
            rows.push(checked(
                "deadlines: ratio",
                format!("{:.2}", m / s),
                "<= 2",
                m / s <= 2.0,
            ));
        }
    }

    print_table(scale, &rows);
}

/// The `intnet` binary: `INTNET_BENCH_BIN`, else the one cargo built for this bench,
/// else `intnet` next to the bench's own directory (`target/release/deps/..`).
fn intnet_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("INTNET_BENCH_BIN") {
        return PathBuf::from(p);
    }
    if let Some(p) = option_env!("CARGO_BIN_EXE_intnet") {
        let p = PathBuf::from(p);
        if p.exists() {
            return p;
        }
    }
    let exe = std::env::current_exe().expect("current exe");
    let p = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("intnet"))
        .expect("target dir");
    if !p.exists() {
        eprintln!(
            "intnet binary not found at {}: run `cargo build --release` first",
            p.display()
        );
        std::process::exit(0);
    }
    p
}

/// Runs `intnet --db DB ARGS` and stops the bench (exit 0, with the reason) if it fails.
fn run_ok(bin: &Path, db: &Path, args: &[&str]) {
    let out = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run intnet");
    if !out.status.success() {
        eprintln!(
            "`intnet {}` failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
        std::process::exit(0);
    }
}

/// Opens the store, builds the app and draws the first frame; returns the time taken.
fn start(
    db: &Path,
    account: &str,
    settings: &intnet::config::Settings,
) -> (Duration, intnet::tui::app::App, Terminal<TestBackend>) {
    let t = Instant::now();
    let store = Store::open(db).expect("open store");
    let actor = store.actor(account).expect("actor (did `init` run?)");
    let ctx = Ctx {
        store,
        actor,
        lang: Lang::Sv,
    };
    let app = intnet::tui::build(ctx, settings, (120, 40)).expect("build app");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal
        .draw(|f| intnet::tui::ui::draw(f, &app))
        .expect("draw");
    (t.elapsed(), app, terminal)
}

/// One round of the key script; `true` marks the quick-lookup keys. Each round ends
/// where it began (the list, no filter, no modal).
fn key_script() -> Vec<(KeyEvent, bool)> {
    let key = |c: KeyCode| KeyEvent::new(c, KeyModifiers::NONE);
    let mut s = vec![(key(KeyCode::Char('/')), false)];
    for c in "lubeck".chars() {
        s.push((key(KeyCode::Char(c)), false));
    }
    for _ in 0..6 {
        s.push((key(KeyCode::Backspace), false));
    }
    s.push((key(KeyCode::Esc), false));
    s.push((
        KeyEvent::new(KeyCode::Char('f'), KeyModifiers::CONTROL),
        true,
    ));
    for c in "lodz".chars() {
        s.push((key(KeyCode::Char(c)), true));
    }
    for _ in 0..4 {
        s.push((key(KeyCode::Backspace), true));
    }
    s.push((key(KeyCode::Esc), true));
    s
}

/// A short name for a key of the script: `l`, `BS`, `Esc`, `^F`.
fn key_label(key: &KeyEvent) -> String {
    match key.code {
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => {
            format!("^{}", c.to_ascii_uppercase())
        }
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Backspace => "BS".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        other => format!("{other:?}"),
    }
}

/// The sqlite3 shell: `INTNET_BENCH_SQLITE3`, else `sqlite3` on PATH.
fn find_sqlite3() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTNET_BENCH_SQLITE3") {
        let p = PathBuf::from(p);
        return p.exists().then_some(p);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("sqlite3"))
        .find(|p| p.is_file())
}

/// Runs a command once and counts its output lines; `None` if it failed.
fn output_lines(cmd: &mut Command) -> Option<usize> {
    let out = cmd.stdin(Stdio::null()).output().ok()?;
    if !out.status.success() {
        eprintln!(
            "{:?} failed ({}): {}",
            cmd,
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).lines().count())
}

/// Warms up, then times both commands `PROCESS_RUNS` times, interleaved and taking
/// turns at going first. Returns the sorted wall times (spawn to exit).
fn compare(a: &mut Command, b: &mut Command) -> (Vec<Duration>, Vec<Duration>) {
    for cmd in [&mut *a, &mut *b] {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    for _ in 0..WARMUP_RUNS {
        time(a);
        time(b);
    }
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for i in 0..PROCESS_RUNS {
        if i % 2 == 0 {
            ta.push(time(a));
            tb.push(time(b));
        } else {
            tb.push(time(b));
            ta.push(time(a));
        }
    }
    ta.sort();
    tb.sort();
    (ta, tb)
}

fn time(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let _ = cmd.status();
    t.elapsed()
}

/// Percentiles that cannot be asked for as a fraction by mistake.
mod stats {
    use std::time::Duration;

    /// A percentage in (1, 100]. Only made by [`Percent::new`], which panics with a
    /// message on anything else (a programmer's error: the bench's own constants).
    #[derive(Clone, Copy, Debug)]
    pub struct Percent(f64);

    impl Percent {
        pub const fn new(p: f64) -> Percent {
            assert!(
                p > 1.0 && p <= 100.0,
                "Percent::new takes a percentage in (1, 100], e.g. 99.0 for p99, not a fraction"
            );
            Percent(p)
        }
    }

    pub const P50: Percent = Percent::new(50.0);
    pub const P90: Percent = Percent::new(90.0);
    pub const P99: Percent = Percent::new(99.0);

    /// Nearest-rank percentile of sorted, non-empty samples.
    pub fn percentile(sorted: &[Duration], p: Percent) -> Duration {
        assert!(!sorted.is_empty(), "percentile of no samples");
        assert!(
            sorted.windows(2).all(|w| w[0] <= w[1]),
            "percentile needs sorted samples"
        );
        let n = sorted.len();
        let rank = ((p.0 / 100.0) * n as f64).ceil() as usize;
        sorted[rank.clamp(1, n) - 1]
    }

    pub fn median(sorted: &[Duration]) -> Duration {
        percentile(sorted, P50)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// VmRSS of this process in kB, from /proc/self/status.
fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The database with its WAL, in bytes.
fn db_size(db: &Path) -> u64 {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [db.to_path_buf(), PathBuf::from(wal)]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

fn print_table(scale: usize, rows: &[Row]) {
    let w0 = rows.iter().map(|r| r.what.len()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r.figure.len()).max().unwrap_or(0);
    let w2 = rows.iter().map(|r| r.target.len()).max().unwrap_or(0);
    println!();
    println!("== intnet lookup bench, scale {scale} ==");
    for r in rows {
        let mark = match r.pass {
            Some(true) => "PASS",
            Some(false) => "FAIL",
            None => "",
        };
        println!(
            "{:<w0$}  {:>w1$}  {:<w2$}  {mark}",
            r.what, r.figure, r.target
        );
    }
}
