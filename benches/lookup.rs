//! Lookup and TUI latency benchmark (a plain `fn main`, no harness).
//!
//! One run, on a fresh temporary database of `INTNET_BENCH_SCALE` organisations
//! (default 100 000; 2 000 in quick mode):
//!
//! 1. creates the database with `intnet init` + `intnet seed --scale N` (timed);
//! 2. in-process: account lookup + `Store::open` + `tui::build` + first draw at
//!    120x40, and resident memory after it;
//! 3. in-process: key press latency (`handle_key` + full draw) for filter typing and
//!    the quick-lookup palette; the screens (news, training for one member and for
//!    the whole network, plans, projects);
//! 4. whole processes against a reference on the same file, interleaved: `intnet find`,
//!    `status`, `training log` (on a copy), `deadlines` against the `sqlite3` shell
//!    doing the same work, and process start (`intnet --db /nonexistent status`)
//!    against `/bin/true`;
//! 5. the real binary in a pseudo-terminal, from outside (`keylat.py`): first frame,
//!    key-to-frame latency, peak RSS; and, where the page cache can be dropped, the
//!    cold first frame and a cold `find`;
//! 6. a copy of the database after a year of small edits, one transaction each (so
//!    the full-text indexes are no longer merged into one segment as the seed leaves
//!    them): `find` and the filter keys again.
//!
//! Timing targets are printed PASS/FAIL and never change the exit status. A run that
//! did not do its work does: any timed process exiting non-zero, a missing binary, a
//! failed seed, a key script ending in the wrong state, an answer that differs from
//! the reference's. Then the bench prints `bench FAILED: ...` and exits 1.
//!
//! `INTNET_BENCH_QUICK=1`: scale 2 000 (unless `INTNET_BENCH_SCALE` says otherwise),
//! few repetitions, no targets judged, no page-cache drop; every run still checked.
//! CI runs it. See `docs/performance.md`.
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

/// Where the pseudo-terminal latency script lives, relative to the worktree
/// (`INTNET_BENCH_KEYLAT` overrides).
const KEYLAT: &str = "../shared/tools/keylat.py";

/// Percentiles that cannot be asked for as a fraction by mistake.
mod stats {
    use std::time::Duration;

    /// A percentage in (0, 100]. Only made by [`Percent::new`], which panics with a
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

/// Stops the bench: the run did not do its work.
fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("bench FAILED: {msg}");
    println!("bench FAILED: {msg}");
    std::process::exit(1);
}

struct Row {
    what: String,
    figure: String,
    target: String,
    pass: Option<bool>,
}

/// How much to do: the full run, or the quick one that only proves every run works.
struct Plan {
    quick: bool,
    /// Runs per side and query in the process comparison.
    process_runs: usize,
    /// Untimed runs per side and query before measuring.
    warmup_runs: usize,
    /// Times the in-process key script is played.
    script_rounds: usize,
    /// Repetitions of a start or a screen opening after the first.
    repeats: usize,
    /// Rounds of keylat.py's key string.
    keylat_rounds: usize,
    /// Page-cache drops: (cold runs of `find` per side, or 0 for none).
    cold_runs: usize,
    /// A year of edits: (organisation edits, new organisations, persons, interactions).
    year: (usize, usize, usize, usize),
}

struct Bench {
    plan: Plan,
    rows: Vec<Row>,
}

impl Bench {
    fn row(&mut self, what: impl Into<String>, figure: impl Into<String>) {
        self.rows.push(Row {
            what: what.into(),
            figure: figure.into(),
            target: String::new(),
            pass: None,
        });
    }

    /// A figure with a target; quick mode shows the target but judges nothing.
    fn checked(
        &mut self,
        what: impl Into<String>,
        figure: impl Into<String>,
        target: &str,
        pass: bool,
    ) {
        self.rows.push(Row {
            what: what.into(),
            figure: figure.into(),
            target: target.to_string(),
            pass: (!self.plan.quick).then_some(pass),
        });
    }
}

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter here.
    let quick = std::env::var("INTNET_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
    let scale: usize = std::env::var("INTNET_BENCH_SCALE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(if quick { 2_000 } else { 100_000 });
    let cold_wanted = match std::env::var("INTNET_BENCH_COLD").as_deref() {
        Ok("1") => true,
        Ok("0") => false,
        _ => !quick,
    };
    let plan = if quick {
        Plan {
            quick,
            process_runs: 3,
            warmup_runs: 1,
            script_rounds: 2,
            repeats: 2,
            keylat_rounds: 1,
            cold_runs: if cold_wanted { 1 } else { 0 },
            year: (100, 20, 50, 100),
        }
    } else {
        Plan {
            quick,
            process_runs: 30,
            warmup_runs: 3,
            script_rounds: 10,
            repeats: 5,
            keylat_rounds: 5,
            cold_runs: if cold_wanted { 3 } else { 0 },
            year: (2_000, 500, 1_000, 3_000),
        }
    };
    let mut b = Bench {
        plan,
        rows: Vec::new(),
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(format!("temp dir: {e}")));
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
    // figures for docs come from a fresh one). The bench writes only to copies of it.
    let reuse = std::env::var_os("INTNET_BENCH_DB").map(PathBuf::from);
    if let Some(p) = &reuse
        && !p.exists()
    {
        fail(format!("INTNET_BENCH_DB={} does not exist", p.display()));
    }
    let db = reuse.clone().unwrap_or_else(|| dir.path().join("bench.db"));
    let bin = intnet_binary();
    let sqlite3 = find_sqlite3();

    println!(
        "intnet lookup bench: scale {scale} organisations{}",
        if quick {
            " (quick mode: targets not judged)"
        } else {
            ""
        }
    );
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
        "init {:.0} ms, seed --scale {scale} {:.1} s, database {size_mb:.1} MB{}",
        ms(init),
        seed.as_secs_f64(),
        if reuse.is_some() {
            " (reused: not timed)"
        } else {
            ""
        }
    );
    if reuse.is_none() {
        b.row("init", format!("{:.0} ms", ms(init)));
        b.row(
            format!("seed --scale {scale}"),
            format!("{:.1} s", seed.as_secs_f64()),
        );
    }
    b.row("database size", format!("{size_mb:.1} MB"));
    println!(
        "note: the seed ends with FTS 'optimize' and PRAGMA optimize (one merged segment \
         per index), which a database in use never gets; the rows \"after a year of edits\" measure the other case"
    );

    // 2. Start to first frame, in process: the account lookup, opening, building and
    // the first draw. Process start and terminal setup are in the pty figures (5).
    // Memory is read first, before anything in this process has touched the database.
    let settings = intnet::config::resolve(Some(&db), Some(Lang::Sv));
    let rss_before = rss_kb();
    let (first, mut app, mut terminal) = start(&db, &settings);
    let rss_after = rss_kb();
    let mut starts = Vec::new();
    for _ in 0..b.plan.repeats {
        let (d, _, _) = start(&db, &settings);
        starts.push(d);
    }
    starts.sort();
    let repeats = b.plan.repeats;
    println!(
        "in-process start to first frame: first {:.1} ms (OS cache warm from the seed), median of {repeats} more {:.1} ms",
        ms(first),
        ms(median(&starts))
    );
    b.checked(
        "in-process start, first (warm OS cache)",
        format!("{:.1} ms", ms(first)),
        "< 100 ms",
        ms(first) < TARGET_START_MS,
    );
    b.checked(
        format!("in-process start, median of {repeats}"),
        format!("{:.1} ms", ms(median(&starts))),
        "< 100 ms",
        ms(median(&starts)) < TARGET_START_MS,
    );
    if let (Some(before), Some(after)) = (rss_before, rss_after) {
        let mb = after as f64 / 1024.0;
        println!(
            "VmRSS: {:.1} MB before build, {mb:.1} MB after build + first draw",
            before as f64 / 1024.0
        );
        b.checked(
            "VmRSS after build + first draw (in process)",
            format!("{mb:.1} MB"),
            "< 60 MB",
            mb < TARGET_RSS_MB,
        );
        b.row(
            "  of which before build",
            format!("{:.1} MB", before as f64 / 1024.0),
        );
    } else {
        println!("VmRSS: /proc/self/status not readable; memory not measured");
        b.row("VmRSS", "not measured: no /proc/self/status");
    }

    // 3. Key press latency: handle_key + full draw for each key of the script.
    let keys = play_script(&mut app, &mut terminal, b.plan.script_rounds);
    keys.report(&mut b, "");

    // 3b. Opening the News screen: its data loaded from nothing, then the first frame.
    let mut news_opens = Vec::new();
    for _ in 0..repeats {
        let t = Instant::now();
        app.screens.news = Default::default();
        let h = app.list_height();
        app.screens
            .news
            .reload(&app.store, &app.actor, h)
            .unwrap_or_else(|e| fail(format!("news screen: {e}")));
        app.update(intnet::tui::keymap::Action::Screen2);
        draw(&mut terminal, &app);
        news_opens.push(t.elapsed());
    }
    news_opens.sort();
    let news_ms = ms(median(&news_opens));
    println!(
        "news screen, load + first frame: median of {repeats} {news_ms:.1} ms ({} items)",
        app.screens.news.list.total
    );
    b.checked(
        format!(
            "news screen first frame ({} items)",
            app.screens.news.list.total
        ),
        format!("{news_ms:.1} ms"),
        "< 50 ms",
        news_ms < TARGET_SCREEN_MS,
    );
    // 3c. The training screen: load + first frame, for the bench member's own
    // activities and for the whole network (the office's widest scope).
    for scope in [intnet::store::Scope::Mine, intnet::store::Scope::Network] {
        let mut opens = Vec::new();
        for _ in 0..repeats {
            let t = Instant::now();
            app.screens.training = intnet::tui::screens::training::TrainingScreen::new();
            app.screens.training.filter.scope = scope;
            let h = app.list_height();
            app.screens
                .training
                .reload(&app.store, &app.actor, h)
                .unwrap_or_else(|e| fail(format!("training screen: {e}")));
            app.update(intnet::tui::keymap::Action::Screen3);
            draw(&mut terminal, &app);
            opens.push(t.elapsed());
        }
        opens.sort();
        let open_ms = ms(median(&opens));
        let n = app.screens.training.totals.0;
        let label = match scope {
            intnet::store::Scope::Network => "whole network",
            _ => "one member's",
        };
        if scope == intnet::store::Scope::Network && n == 0 {
            fail("the training screen shows no activities for the whole network");
        }
        println!(
            "training screen, {label} activities ({n}), load + first frame: median of {repeats} {open_ms:.1} ms"
        );
        b.checked(
            format!("training screen first frame, {label} ({n} rows)"),
            format!("{open_ms:.1} ms"),
            "< 50 ms",
            open_ms < TARGET_SCREEN_MS,
        );
    }
    let year: i32 = intnet::store::today()
        .get(..4)
        .and_then(|y| y.parse().ok())
        .unwrap_or(2026);
    let mut summaries = Vec::new();
    for _ in 0..repeats {
        let t = Instant::now();
        let rows = app
            .store
            .training_summary(year, intnet::store::SummaryBy::Unit)
            .unwrap_or_else(|e| fail(format!("training summary: {e}")));
        summaries.push(t.elapsed());
        if rows.is_empty() {
            fail("the yearly training summary is empty");
        }
    }
    summaries.sort();
    let summary_ms = ms(median(&summaries));
    println!("yearly summary by unit (whole network): median of {repeats} {summary_ms:.1} ms");
    b.checked(
        "yearly training summary by unit (network)",
        format!("{summary_ms:.1} ms"),
        "< 100 ms",
        summary_ms < TARGET_SUMMARY_MS,
    );
    // 3d. The plans and projects screens (50 plans of 200 items, 2,000 projects and
    // 100 memberships at full scale): load + first frame, as a tab switch does it.
    for screen in [
        intnet::tui::keymap::Action::Screen4,
        intnet::tui::keymap::Action::Screen5,
    ] {
        let mut opens = Vec::new();
        for _ in 0..repeats {
            app.screens.plans = intnet::tui::screens::plans::PlansScreen::new();
            app.screens.projects = intnet::tui::screens::projects::ProjectsScreen::default();
            app.update(intnet::tui::keymap::Action::Screen1);
            let t = Instant::now();
            app.update(screen);
            draw(&mut terminal, &app);
            opens.push(t.elapsed());
        }
        opens.sort();
        let open_ms = ms(median(&opens));
        let what = if screen == intnet::tui::keymap::Action::Screen4 {
            format!(
                "plans screen first frame ({} plans, {} items in the first)",
                app.screens.plans.plans.len(),
                app.screens.plans.items.len()
            )
        } else {
            format!(
                "projects screen first frame ({} projects, {} memberships)",
                app.screens.projects.projects.len(),
                app.screens.projects.memberships.len()
            )
        };
        if let Some(s) = app.status.as_ref().filter(|s| s.error) {
            fail(format!("{what}: the screen reported an error: {}", s.text));
        }
        println!("{what}: median of {repeats} {open_ms:.1} ms");
        b.checked(
            what,
            format!("{open_ms:.1} ms"),
            "< 50 ms",
            open_ms < TARGET_SCREEN_MS,
        );
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
            draw(&mut terminal, &app);
            key_times.push(t.elapsed());
        }
    }
    if app.quit || app.status.as_ref().is_some_and(|s| s.error) {
        fail(format!(
            "the plans/projects keys ended in the wrong state (quit {}, status {:?})",
            app.quit,
            app.status.as_ref().map(|s| &s.text)
        ));
    }
    key_times.sort();
    let p99 = ms(percentile(&key_times, P99));
    println!(
        "plans/projects keys: n={} p50 {:.2} ms, p99 {p99:.2} ms",
        key_times.len(),
        ms(median(&key_times))
    );
    b.checked(
        format!("key p99, plans and projects lists (n={})", key_times.len()),
        format!("{p99:.2} ms"),
        "< 16 ms",
        p99 < TARGET_KEY_P99_MS,
    );
    let me = app.actor.clone();
    drop(app);
    drop(terminal);

    // 4. Whole processes. First what any process costs before a query.
    let nonexistent = Path::new("/nonexistent");
    if nonexistent.exists() {
        fail("/nonexistent exists: cannot measure process start against it");
    }
    if !Path::new("/bin/true").exists() {
        fail("/bin/true is missing");
    }
    let mut ours = Command::new(&bin);
    ours.arg("--db").arg(nonexistent).arg("status");
    let mut reference = Command::new("/bin/true");
    let (mine, theirs) = compare(&b.plan, &mut ours, &mut reference);
    let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
    println!(
        "process start: `intnet --db /nonexistent status` {m:.2} ms vs /bin/true {s:.2} ms (medians of {})",
        b.plan.process_runs
    );
    b.row(
        "process start: intnet status (no db) / /bin/true",
        format!("{m:.2} / {s:.2} ms"),
    );

    let Some(sqlite3) = sqlite3 else {
        println!(
            "sqlite3 shell not found on PATH (or INTNET_BENCH_SQLITE3): skipping the \
             comparisons with it. Install it, e.g. `apt-get install -y sqlite3`."
        );
        b.row("comparisons with sqlite3", "skipped: no sqlite3");
        pty_figures(&mut b, &bin, &db, None);
        print_table(scale, &b.rows);
        return;
    };
    println!("sqlite3: {}", sqlite3.display());
    let account =
        intnet::identity::os_account().unwrap_or_else(|e| fail(format!("the OS account: {e}")));
    let account_sql = account.replace('\'', "''");

    // 4a. intnet find vs the sqlite3 shell on the bare FTS query.
    find_rows(&mut b, &bin, &sqlite3, &db, "");

    // 4b. `intnet status` against the same two counts in the sqlite3 shell, the member
    // looked up by account in the same statement.
    let today = intnet::store::today();
    let status_sql = status_sql(&account_sql, &today);
    let mut ours = Command::new(&bin);
    ours.arg("--db").arg(&db).arg("status");
    let mut reference = Command::new(&sqlite3);
    reference.arg("-batch").arg(&db).arg(&status_sql);
    let line = output(&mut ours);
    let counts = output(&mut reference);
    let (unread, closing) = counts
        .trim()
        .split_once('|')
        .and_then(|(u, c)| Some((u.parse::<i64>().ok()?, c.parse::<i64>().ok()?)))
        .unwrap_or_else(|| fail(format!("status reference printed {counts:?}")));
    // The same answer: each non-zero count appears in intnet's line, and no line
    // when both are zero (intnet status prints nothing when it cannot read the file,
    // so an empty answer with counts to show is a failure).
    let line = line.trim();
    let agrees = if unread == 0 && closing == 0 {
        line.is_empty()
    } else {
        !line.is_empty()
            && (unread == 0 || line.contains(&unread.to_string()))
            && (closing == 0 || line.contains(&closing.to_string()))
    };
    if !agrees {
        fail(format!(
            "intnet status printed {line:?}, the reference counts {unread} unread, {closing} closing"
        ));
    }
    let (mine, theirs) = compare(&b.plan, &mut ours, &mut reference);
    let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
    println!(
        "status ({unread} unread, {closing} closing): intnet {m:.2} ms vs sqlite3 {s:.2} ms, ratio {:.2}; \
         the reference leaves out the schema-version check and the account's NSS lookup \
         (the account name is a literal)",
        m / s
    );
    b.row(
        format!("status ({unread} unread, {closing} closing): intnet / sqlite3"),
        format!("{m:.2} / {s:.2} ms"),
    );
    b.checked(
        "status: ratio",
        format!("{:.2}", m / s),
        "<= 1.5",
        m / s <= TARGET_RATIO,
    );

    // 4c. `intnet deadlines --within 30d` against the sqlite3 shell running the same
    // statement with the same parameters.
    let to = intnet::model::add_days(&today, 30).unwrap_or_else(|| fail("today + 30 days"));
    let mut ours = Command::new(&bin);
    ours.arg("--db")
        .arg(&db)
        .args(["deadlines", "--within", "30d"]);
    let mut reference = Command::new(&sqlite3);
    reference
        .arg("-batch")
        .arg(&db)
        .arg(format!(".param set :from \"'{today}'\""))
        .arg(format!(".param set :to \"'{to}'\""))
        .arg(".param set :mine 0")
        .arg(format!(".param set :me {}", me.member_id))
        .arg(format!(".param set :unit {}", me.unit_id.unwrap_or(-1)))
        .arg(format!(".param set :office {}", i64::from(me.is_office())))
        .arg(intnet::store::DEADLINES_SQL);
    let a = output(&mut ours).lines().count();
    let r = output(&mut reference).lines().count();
    let (mine, theirs) = compare(&b.plan, &mut ours, &mut reference);
    let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
    println!(
        "deadlines: intnet {m:.2} ms ({a} lines) vs sqlite3 {s:.2} ms ({r} rows), ratio {:.2}; \
         the reference's member is resolved by the bench, not timed",
        m / s
    );
    b.row(
        format!("deadlines --within 30d ({r} rows): intnet / sqlite3"),
        format!("{m:.2} / {s:.2} ms"),
    );
    b.checked(
        "deadlines: ratio",
        format!("{:.2}", m / s),
        "<= 2",
        m / s <= 2.0,
    );

    // 5. The real binary in a pseudo-terminal; cold start and cold find.
    pty_figures(&mut b, &bin, &db, Some(&sqlite3));

    // 6. A copy of the file: the training log comparison writes to it, then a year of
    // small edits, then find and the filter keys again.
    let copy = dir.path().join("year-of-use.db");
    copy_db(&db, &copy);
    training_log_rows(&mut b, &bin, &sqlite3, &copy, &account_sql);
    year_of_edits(&mut b, &copy);
    find_rows(&mut b, &bin, &sqlite3, &copy, " after a year of edits");
    let (_, mut app, mut terminal) =
        start(&copy, &intnet::config::resolve(Some(&copy), Some(Lang::Sv)));
    let keys = play_script(&mut app, &mut terminal, b.plan.script_rounds);
    keys.report(&mut b, " after a year of edits");
    drop(app);

    print_table(scale, &b.rows);
}

/// Draws one full frame of the app.
fn draw(terminal: &mut Terminal<TestBackend>, app: &intnet::tui::app::App) {
    terminal
        .draw(|f| intnet::tui::ui::draw(f, app))
        .unwrap_or_else(|e| fail(format!("draw: {e}")));
}

/// The two counts `intnet status` prints (unread items; calls closing within 7 days),
/// the member looked up by account inside the statement, with `store::news`'s
/// visibility clause (drafts, audience, expiry) in both counts.
fn status_sql(account: &str, today: &str) -> String {
    let visible = "n.deleted_at IS NULL \
         AND (n.published_at IS NOT NULL OR n.author_id = me.id) \
         AND (n.audience = '' OR instr(n.audience, ',' || me.unit || ',') > 0 OR n.author_id = me.id OR me.office) \
         AND (n.expires IS NULL OR n.expires >= me.today)";
    let call = intnet::model::NewsCategory::Call.as_str();
    format!(
        "SELECT \
           (SELECT count(*) FROM news n WHERE {visible} AND n.published_at IS NOT NULL AND NOT EXISTS \
              (SELECT 1 FROM news_reads r WHERE r.member_id = me.id AND r.news_id = n.id)), \
           (SELECT count(*) FROM news n WHERE {visible} AND n.category = '{call}' \
              AND n.deadline >= me.today AND n.deadline <= date(me.today, '+7 days')) \
         FROM (SELECT id, coalesce(unit_id, -1) AS unit, role = 'office' AS office, '{today}' AS today \
               FROM members WHERE account = '{account}' AND active = 1) me"
    )
}

/// `intnet find` against the sqlite3 shell's bare FTS query, for each query.
fn find_rows(b: &mut Bench, bin: &Path, sqlite3: &Path, db: &Path, when: &str) {
    for (label, words, fts) in QUERIES {
        let mut find_args = vec!["find"];
        find_args.extend_from_slice(words);
        find_args.extend_from_slice(&["--limit", "20"]);
        let sql = format!("SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH '{fts}' LIMIT 20");
        let mut ours = Command::new(bin);
        ours.arg("--db").arg(db).args(&find_args);
        let mut reference = Command::new(sqlite3);
        reference.arg("-batch").arg(db).arg(&sql);
        // One visible run each: both must answer, and with something.
        let a = output(&mut ours).lines().count();
        let r = output(&mut reference).lines().count();
        if a == 0 || r == 0 {
            fail(format!(
                "find {label:?}{when}: intnet printed {a} lines, the reference {r} rows; both should find something"
            ));
        }
        let (mine, theirs) = compare(&b.plan, &mut ours, &mut reference);
        let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
        let ratio = m / s;
        println!(
            "find {label:?}{when}: intnet {m:.2} ms ({a} lines) vs sqlite3 {s:.2} ms ({r} rows), \
             ratio {ratio:.2} (medians of {}; intnet p90 {:.2} ms, sqlite3 p90 {:.2} ms)",
            b.plan.process_runs,
            ms(percentile(&mine, P90)),
            ms(percentile(&theirs, P90)),
        );
        b.row(
            format!("find {label:?}{when}: intnet / sqlite3"),
            format!("{m:.2} / {s:.2} ms"),
        );
        b.checked(
            format!("find {label:?}{when}: ratio"),
            format!("{ratio:.2}"),
            "<= 1.5",
            ratio <= TARGET_RATIO,
        );
    }
}

/// `intnet training log` against the sqlite3 shell writing the same rows in one
/// `BEGIN IMMEDIATE` transaction: the member looked up by account, the active members
/// read (the program's participant check), the activity, its participant row and
/// the audit row with the same JSON the program wrote. On a copy of the database.
fn training_log_rows(b: &mut Bench, bin: &Path, sqlite3: &Path, db: &Path, account: &str) {
    let mut ours = Command::new(bin);
    ours.arg("--db").arg(db).args([
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
    let count = |what: &str| -> i64 {
        let out = output(Command::new(sqlite3).arg("-batch").arg(db).arg(
            "SELECT (SELECT count(*) FROM trainings WHERE title = 'Bench course'), \
                    (SELECT count(*) FROM audit WHERE entity = 'training' AND action = 'create'), \
                    (SELECT count(*) FROM training_participants p JOIN trainings t ON t.id = p.training_id \
                       WHERE t.title = 'Bench course')"
        ));
        let v: Vec<i64> = out
            .trim()
            .split('|')
            .filter_map(|x| x.parse().ok())
            .collect();
        if v.len() != 3 || v[0] != v[2] {
            fail(format!("training log check ({what}): counts {out:?}"));
        }
        v[0] * 1_000_000 + v[1]
    };
    let before = count("before");
    output(&mut ours);
    // The audit row's JSON as the program wrote it, for the reference to write too.
    let after = output(Command::new(sqlite3).arg("-batch").arg(db).arg(
        "SELECT after FROM audit WHERE entity = 'training' AND action = 'create' ORDER BY id DESC LIMIT 1",
    ));
    let after = after.trim().replace('\'', "''");
    if !after.contains("Bench course") {
        fail(format!(
            "intnet training log wrote no audit row for its activity ({after:?})"
        ));
    }
    let sql = format!(
        "BEGIN IMMEDIATE; \
         SELECT count(*) FROM members WHERE active = 1; \
         INSERT INTO trainings (title, kind, date_from, minutes, participants, funding, shared, created_at, \
           created_by, updated_at, updated_by) \
           SELECT 'Bench course', 'course', '2026-11-20', 360, ',' || id || ',', 'own', '', \
             strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), id \
           FROM members WHERE account = '{account}' AND active = 1; \
         INSERT INTO audit (at, member_id, action, entity, entity_id, before, after) \
           SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), created_by, 'create', 'training', id, NULL, '{after}' \
           FROM trainings WHERE id = last_insert_rowid(); \
         INSERT INTO training_participants (training_id, member_id, unit_id, year, month, kind, priority_area, \
           minutes, first, first_in_unit) \
           SELECT a.entity_id, m.id, m.unit_id, 2026, 11, 'course', NULL, 360, 1, 1 \
           FROM audit a JOIN members m ON m.id = a.member_id WHERE a.id = last_insert_rowid(); \
         COMMIT;"
    );
    let mut reference = Command::new(sqlite3);
    reference.arg("-batch").arg("-bail").arg(db).arg(&sql);
    output(&mut reference);
    let (mine, theirs) = compare(&b.plan, &mut ours, &mut reference);
    // Every run of both sides must have written its activity, participant and audit row.
    let runs = 2 * (1 + b.plan.warmup_runs + b.plan.process_runs) as i64;
    let written = count("after") - before;
    if written != runs * 1_000_000 + runs {
        fail(format!(
            "training log: {runs} runs should have written {runs} activities and audit rows; \
             wrote {} and {}",
            written / 1_000_000,
            written % 1_000_000
        ));
    }
    let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
    println!(
        "training log: intnet {m:.2} ms vs sqlite3 {s:.2} ms, ratio {:.2} (on a copy of the database; \
         the reference leaves out the field validation done in Rust and the account's NSS lookup)",
        m / s
    );
    b.row(
        "training log (copy): intnet / sqlite3",
        format!("{m:.2} / {s:.2} ms"),
    );
    b.checked(
        "training log: ratio",
        format!("{:.2}", m / s),
        "<= 2",
        m / s <= 2.0,
    );
}

/// A year of use through the store API, each change its own transaction, as members
/// make them: organisations edited and added, persons and interactions added. The
/// full-text indexes then hold many segments, as a live database's do.
fn year_of_edits(b: &mut Bench, db: &Path) {
    use intnet::model::{InteractionData, PersonData};
    let (edits, adds, persons, interactions) = b.plan.year;
    let store = Store::open(db).unwrap_or_else(|e| fail(format!("open the copy: {e}")));
    let account = intnet::identity::os_account().unwrap_or_else(|e| fail(format!("account: {e}")));
    let me = store
        .actor(&account)
        .unwrap_or_else(|e| fail(format!("actor: {e}")));
    let max_org = store
        .count_orgs(&intnet::store::OrgFilter {
            text: String::new(),
            order: intnet::store::SortOrder::Swedish,
        })
        .unwrap_or_else(|e| fail(format!("count organisations: {e}")));
    if max_org < 1 {
        fail("no organisations to edit");
    }
    let mut rng = fastrand::Rng::with_seed(2026);
    let today = intnet::store::today();
    let words = [
        "hamn", "port", "lubeck", "lodz", "gdansk", "energi", "skola", "kultur",
    ];
    let t = Instant::now();
    let mut org_ids = Vec::new();
    // Live organisations to edit: ids 1..=N from the seed, some may be deleted.
    let pick = |rng: &mut fastrand::Rng| rng.i64(1..=max_org);
    for i in 0..edits + adds {
        let id = pick(&mut rng);
        let Ok(org) = store.org(id) else { continue };
        let mut data = org.data.clone();
        let w = words[i % words.len()];
        if i < edits {
            data.notes = format!("{} Möte {i} om {w}.", data.notes)
                .trim()
                .to_string();
            store
                .update_org(&me, id, org.meta.version, data)
                .unwrap_or_else(|e| fail(format!("edit organisation {id}: {e}")));
        } else {
            data.name = format!("{} {w} {i}", data.name);
            data.owner_member = None;
            data.owner_unit = None;
            let new = store
                .create_org(&me, data, true)
                .unwrap_or_else(|e| fail(format!("add organisation: {e}")));
            org_ids.push(new);
        }
    }
    for i in 0..persons {
        let org_id = pick(&mut rng);
        if store.org(org_id).is_err() {
            continue;
        }
        let data = PersonData {
            org_id,
            name: format!("Anna {} Lindqvist {i}", words[i % words.len()]),
            title: "Projektledare".to_string(),
            ..PersonData::default()
        };
        store
            .create_person(&me, data)
            .unwrap_or_else(|e| fail(format!("add person: {e}")));
    }
    for i in 0..interactions {
        let org_id = pick(&mut rng);
        if store.org(org_id).is_err() {
            continue;
        }
        let data = InteractionData {
            org_id,
            member_id: me.member_id,
            unit_id: me.unit_id,
            date: today.clone(),
            summary: format!("Samtal om {} och utbyte {i}", words[i % words.len()]),
            ..InteractionData::default()
        };
        store
            .add_interaction(&me, data)
            .unwrap_or_else(|e| fail(format!("add interaction: {e}")));
    }
    let took = t.elapsed();
    let total = edits + adds + persons + interactions;
    println!(
        "a year of edits on a copy: {edits} organisation edits, {adds} new organisations, \
         {persons} persons, {interactions} interactions, one transaction each: {:.1} s",
        took.as_secs_f64()
    );
    b.row(
        format!("year of edits ({total} transactions, copy)"),
        format!("{:.1} s", took.as_secs_f64()),
    );
}

/// Figures from outside the process: keylat.py runs the release binary in a
/// pseudo-terminal (process start, account lookup, terminal setup and first frame
/// included). Then, where the page cache can be dropped, the cold first frame and a
/// cold `find` against a cold sqlite3.
fn pty_figures(b: &mut Bench, bin: &Path, db: &Path, sqlite3: Option<&Path>) {
    let keylat = std::env::var_os("INTNET_BENCH_KEYLAT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(KEYLAT));
    let python = find_on_path("python3");
    let Some(python) = python.filter(|_| keylat.is_file()) else {
        println!(
            "pty figures skipped: needs python3 on PATH and {}",
            keylat.display()
        );
        b.row(
            "pty first frame and key latency (no python3 or keylat.py)",
            "skipped",
        );
        b.row(
            "cold first frame and cold find (no python3 or keylat.py)",
            "skipped",
        );
        return;
    };
    let run = |rounds: usize| -> KeylatLine {
        let mut cmd = Command::new(&python);
        cmd.arg(&keylat)
            .arg("--size")
            .arg("120x40")
            .arg("--keys")
            .arg(KEYLAT_KEYS)
            .arg("--rounds")
            .arg(rounds.to_string())
            .arg("--")
            .arg(bin)
            .arg("--db")
            .arg(db);
        let out = output(&mut cmd);
        let line = KeylatLine::parse(&out)
            .unwrap_or_else(|| fail(format!("keylat.py printed no result line: {out:?}")));
        // Each key must have drawn something.
        let expected = KEYLAT_KEYS.chars().count() * rounds;
        if line.keys != expected {
            fail(format!(
                "keylat.py: {} of {expected} keys drew a frame: the TUI did not follow the script",
                line.keys
            ));
        }
        line
    };
    let hot = run(b.plan.keylat_rounds);
    println!(
        "pty (keylat.py, {} rounds): first frame {:.1} ms, keys n={} p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, peak RSS {:.1} MB",
        b.plan.keylat_rounds, hot.first, hot.keys, hot.p50, hot.p99, hot.max, hot.rss
    );
    b.checked(
        "pty first frame (process start to frame, warm cache)",
        format!("{:.1} ms", hot.first),
        "< 100 ms",
        hot.first < TARGET_START_MS,
    );
    b.row(
        format!("pty key p50 (n={})", hot.keys),
        format!("{:.2} ms", hot.p50),
    );
    b.checked(
        format!(
            "pty key p99, key written to last byte drawn (n={})",
            hot.keys
        ),
        format!("{:.2} ms", hot.p99),
        "< 16 ms",
        hot.p99 < TARGET_KEY_P99_MS,
    );
    b.row("pty key max", format!("{:.2} ms", hot.max));
    b.checked(
        "pty peak RSS (VmHWM of the TUI)",
        format!("{:.1} MB", hot.rss),
        "< 60 MB",
        hot.rss < TARGET_RSS_MB,
    );

    // Cold: the whole page cache dropped before each run.
    if b.plan.cold_runs == 0 {
        let why = if b.plan.quick {
            "quick mode (INTNET_BENCH_COLD=1 to force)"
        } else {
            "INTNET_BENCH_COLD=0"
        };
        println!("cold runs not measured: {why}");
        b.row(
            format!("cold first frame and cold find ({why})"),
            "not measured",
        );
        return;
    }
    if let Err(e) = drop_caches() {
        println!("cold runs not measured: no permission to drop the page cache ({e})");
        b.row(
            format!("cold first frame and cold find ({e})"),
            "not measured: no permission",
        );
        return;
    }
    let cold = run(1);
    println!("pty first frame, page cache dropped: {:.1} ms", cold.first);
    b.checked(
        "pty first frame, page cache dropped",
        format!("{:.1} ms", cold.first),
        "< 100 ms",
        cold.first < TARGET_START_MS,
    );
    let Some(sqlite3) = sqlite3 else {
        b.row("cold find", "skipped: no sqlite3");
        return;
    };
    let (label, words, fts) = QUERIES[0];
    let mut ours = Command::new(bin);
    ours.arg("--db")
        .arg(db)
        .arg("find")
        .args(words)
        .args(["--limit", "20"]);
    let mut reference = Command::new(sqlite3);
    reference.arg("-batch").arg(db).arg(format!(
        "SELECT rowid FROM orgs_fts WHERE orgs_fts MATCH '{fts}' LIMIT 20"
    ));
    for cmd in [&mut ours, &mut reference] {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    let (mut mine, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..b.plan.cold_runs {
        drop_caches().unwrap_or_else(|e| fail(format!("drop caches: {e}")));
        mine.push(time(&mut ours));
        drop_caches().unwrap_or_else(|e| fail(format!("drop caches: {e}")));
        theirs.push(time(&mut reference));
    }
    mine.sort();
    theirs.sort();
    let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
    println!(
        "cold find {label:?} (page cache dropped before each run, median of {}): intnet {m:.1} ms vs sqlite3 {s:.1} ms, ratio {:.2}",
        b.plan.cold_runs,
        m / s
    );
    b.row(
        format!(
            "cold find {label:?}: intnet / sqlite3 (median of {})",
            b.plan.cold_runs
        ),
        format!("{m:.1} / {s:.1} ms"),
    );
    b.row(
        format!("cold find {label:?}: ratio"),
        format!("{:.2}", m / s),
    );
}

/// The keys typed in the pseudo-terminal, given to keylat.py explicitly (the same as
/// its default): `/lubeck`, 6 Backspaces, `gavle`, 5 Backspaces, `port`, Esc. Each
/// round ends where it began, with the filter closed.
const KEYLAT_KEYS: &str = "/lubeck\x7f\x7f\x7f\x7f\x7f\x7fgavle\x7f\x7f\x7f\x7f\x7fport\x1b";

/// keylat.py's result line.
struct KeylatLine {
    first: f64,
    keys: usize,
    p50: f64,
    p99: f64,
    max: f64,
    rss: f64,
}

impl KeylatLine {
    fn parse(out: &str) -> Option<KeylatLine> {
        let line = out
            .lines()
            .rev()
            .find(|l| l.starts_with("first_frame_ms="))?;
        let get = |k: &str| -> Option<f64> {
            line.split_whitespace()
                .find_map(|f| f.strip_prefix(k)?.strip_prefix('='))?
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite())
        };
        Some(KeylatLine {
            first: get("first_frame_ms")?,
            keys: get("keys")? as usize,
            p50: get("p50_ms")?,
            p99: get("p99_ms")?,
            max: get("max_ms")?,
            rss: get("peak_rss_mb")?,
        })
    }
}

/// Drops the OS page cache (root only): `sync`, then `3 > /proc/sys/vm/drop_caches`.
fn drop_caches() -> Result<(), String> {
    let synced = Command::new("sync").status().map_err(|e| e.to_string())?;
    if !synced.success() {
        return Err("sync failed".to_string());
    }
    std::fs::write("/proc/sys/vm/drop_caches", "3").map_err(|e| e.to_string())
}

/// Copies the database (and its WAL, if any) for the bench to write to.
fn copy_db(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| fail(format!("copy {}: {e}", from.display())));
    let mut f = from.as_os_str().to_owned();
    f.push("-wal");
    let mut t = to.as_os_str().to_owned();
    t.push("-wal");
    if Path::new(&f).exists() {
        std::fs::copy(&f, &t).unwrap_or_else(|e| fail(format!("copy WAL: {e}")));
    }
}

/// What the in-process key script measured.
struct Keys {
    filter: Vec<Duration>,
    lookup: Vec<Duration>,
    /// Organisations matching the first letter typed in the filter.
    first_letter_matches: i64,
}

impl Keys {
    fn report(mut self, b: &mut Bench, when: &str) {
        println!(
            "filter: {} organisations match the first letter `l`{when}",
            self.first_letter_matches
        );
        b.row(
            format!("organisations matching filter `l`{when}"),
            self.first_letter_matches.to_string(),
        );
        let mut all: Vec<Duration> = self.filter.iter().chain(&self.lookup).copied().collect();
        for (name, samples) in [
            ("filter (/ lubeck, backspace)", &mut self.filter),
            ("quick lookup (Ctrl-F lodz)", &mut self.lookup),
            ("all keys", &mut all),
        ] {
            samples.sort();
            let p50 = ms(median(samples));
            let p99 = ms(percentile(samples, P99));
            let max = ms(*samples.last().expect("samples"));
            println!(
                "keys{when}, {name}: n={} p50 {p50:.2} ms, p99 {p99:.2} ms, max {max:.2} ms",
                samples.len()
            );
            b.row(format!("key p50, {name}{when}"), format!("{p50:.2} ms"));
            b.checked(
                format!("key p99, {name}{when} (n={})", samples.len()),
                format!("{p99:.2} ms"),
                "< 16 ms",
                p99 < TARGET_KEY_P99_MS,
            );
        }
    }
}

/// Plays the key script `rounds` times on the contacts screen; fails the bench if it
/// does not end where it began.
fn play_script(
    app: &mut intnet::tui::app::App,
    terminal: &mut Terminal<TestBackend>,
    rounds: usize,
) -> Keys {
    let script = key_script();
    let mut keys = Keys {
        filter: Vec::new(),
        lookup: Vec::new(),
        first_letter_matches: -1,
    };
    let mut by_step = vec![Vec::new(); script.len()];
    for round in 0..rounds {
        for (step, (key, is_lookup)) in script.iter().enumerate() {
            let t = Instant::now();
            app.handle_key(*key);
            draw(terminal, app);
            let d = t.elapsed();
            by_step[step].push(d);
            if *is_lookup {
                keys.lookup.push(d);
            } else {
                keys.filter.push(d);
            }
            if round == 0 && step == 1 {
                if !app.screens.contacts.filtering() || app.screens.contacts.list.total <= 0 {
                    fail(format!(
                        "after `/l` the filter is not open or matches nothing (filtering {}, {} matches)",
                        app.screens.contacts.filtering(),
                        app.screens.contacts.list.total
                    ));
                }
                keys.first_letter_matches = app.screens.contacts.list.total;
            }
        }
        if app.quit
            || app.modal.is_some()
            || app.screens.contacts.filtering()
            || app.status.as_ref().is_some_and(|s| s.error)
        {
            fail(format!(
                "the key script ended in the wrong state in round {round} (quit {}, modal open {}, \
                 filtering {}, status {:?})",
                app.quit,
                app.modal.is_some(),
                app.screens.contacts.filtering(),
                app.status.as_ref().map(|s| &s.text)
            ));
        }
    }
    // Which keys cost what: the median of each step of the script over the rounds.
    println!("keys by step, median ms over {rounds} rounds:");
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
    keys
}

/// The `intnet` binary: `INTNET_BENCH_BIN`, else the one cargo built for this bench,
/// else `intnet` next to the bench's own directory (`target/release/deps/..`). Fails
/// the bench when there is none.
fn intnet_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("INTNET_BENCH_BIN") {
        let p = PathBuf::from(p);
        if !p.is_file() {
            fail(format!("INTNET_BENCH_BIN={} is not a file", p.display()));
        }
        return p;
    }
    if let Some(p) = option_env!("CARGO_BIN_EXE_intnet") {
        let p = PathBuf::from(p);
        if p.exists() {
            return p;
        }
    }
    let exe = std::env::current_exe().unwrap_or_else(|e| fail(format!("current exe: {e}")));
    let p = exe
        .parent()
        .and_then(Path::parent)
        .map(|d| d.join("intnet"))
        .unwrap_or_else(|| fail("no target directory"));
    if !p.exists() {
        fail(format!(
            "intnet binary not found at {}: run `cargo build --release` first",
            p.display()
        ));
    }
    p
}

/// Runs `intnet --db DB ARGS`; fails the bench if it fails.
fn run_ok(bin: &Path, db: &Path, args: &[&str]) {
    let mut cmd = Command::new(bin);
    cmd.arg("--db").arg(db).args(args);
    output(&mut cmd);
}

/// Opens the store (the account looked up as the program does), builds the app and
/// draws the first frame; returns the time taken.
fn start(
    db: &Path,
    settings: &intnet::config::Settings,
) -> (Duration, intnet::tui::app::App, Terminal<TestBackend>) {
    let t = Instant::now();
    let account = intnet::identity::os_account().unwrap_or_else(|e| fail(format!("account: {e}")));
    let store = Store::open(db).unwrap_or_else(|e| fail(format!("open store: {e}")));
    let actor = store
        .actor(&account)
        .unwrap_or_else(|e| fail(format!("actor {account} (did `init` run?): {e}")));
    let ctx = Ctx {
        store,
        actor,
        lang: Lang::Sv,
    };
    let app = intnet::tui::build(ctx, settings, (120, 40))
        .unwrap_or_else(|e| fail(format!("build app: {e}")));
    let mut terminal =
        Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| fail(format!("terminal: {e}")));
    draw(&mut terminal, &app);
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

/// The sqlite3 shell: `INTNET_BENCH_SQLITE3` (which must exist), else `sqlite3` on PATH.
fn find_sqlite3() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTNET_BENCH_SQLITE3") {
        let p = PathBuf::from(p);
        if !p.is_file() {
            fail(format!(
                "INTNET_BENCH_SQLITE3={} is not a file",
                p.display()
            ));
        }
        return Some(p);
    }
    find_on_path("sqlite3")
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Runs a command once and returns its standard output; fails the bench if it could
/// not start or exited non-zero.
fn output(cmd: &mut Command) -> String {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| fail(format!("{cmd:?} did not start: {e}")));
    if !out.status.success() {
        fail(format!(
            "{:?} failed ({}): {}",
            cmd,
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Warms up, then times both commands `process_runs` times, interleaved and taking
/// turns at going first. Returns the sorted wall times (spawn to exit). Any run that
/// exits non-zero fails the bench.
fn compare(plan: &Plan, a: &mut Command, b: &mut Command) -> (Vec<Duration>, Vec<Duration>) {
    for cmd in [&mut *a, &mut *b] {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    for _ in 0..plan.warmup_runs {
        time(a);
        time(b);
    }
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for i in 0..plan.process_runs {
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

/// Wall time of one run, spawn to exit; a run that fails is not a fast run.
fn time(cmd: &mut Command) -> Duration {
    let t = Instant::now();
    let status = cmd
        .status()
        .unwrap_or_else(|e| fail(format!("{cmd:?} did not start: {e}")));
    let d = t.elapsed();
    if !status.success() {
        fail(format!("{cmd:?} failed ({status}) during a timed run"));
    }
    d
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
    println!("bench OK: every run did its work");
}
