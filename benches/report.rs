//! The yearly compilation's benchmark (a plain `fn main`, no harness), issue 13.
//!
//! On a fresh temporary database of `INTNET_BENCH_SCALE` organisations (default
//! 100 000: with the scale set's ten training activities per organisation and one
//! project per fifty, that is 1 000 000 activities and 2 000 projects; 2 000
//! organisations in quick mode):
//!
//! 1. creates it with `intnet init` + `intnet seed --scale N`;
//! 2. in process: one unit's figures (`Store::unit_figures`) and the whole
//!    compilation (`Store::compilation`), each against the target of one second;
//! 3. whole processes, interleaved, against the `sqlite3` shell on the same file:
//!    `intnet report show --unit U01 --json` against the shell running the same
//!    aggregate statements (`store::figure_queries`, parameters inlined), and
//!    `intnet report compile --json` against the shell running every statement the
//!    compilation runs (the municipality's for each year it shows, each unit's for the
//!    year). The ratio is printed.
//!
//! Targets are printed PASS/FAIL and never change the exit status; a run that did not
//! do its work does (a command exiting non-zero, empty figures): `bench FAILED: …`,
//! exit 1. `INTNET_BENCH_QUICK=1`: scale 2 000, few runs, nothing judged. CI runs that.
//!
//! Run: `cargo bench --bench report`.

use intnet::model::Actor;
use intnet::store::{FigureParams, FigureScope, Store, figure_queries};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TARGET_MS: f64 = 1000.0;

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("bench FAILED: {msg}");
    println!("bench FAILED: {msg}");
    std::process::exit(1);
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(sorted: &[Duration]) -> Duration {
    sorted[(sorted.len().max(1) - 1) / 2]
}

fn main() {
    let quick = std::env::var("INTNET_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
    let scale: usize = std::env::var("INTNET_BENCH_SCALE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(if quick { 2_000 } else { 100_000 });
    let (runs, warmup) = if quick { (3, 1) } else { (15, 2) };
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(format!("temp dir: {e}")));
    // SAFETY: no other thread exists yet.
    unsafe {
        std::env::set_var("INTNET_CONFIG", dir.path().join("no-user-config.toml"));
        std::env::set_var(
            "INTNET_SYSTEM_CONFIG",
            dir.path().join("no-system-config.toml"),
        );
        std::env::remove_var("INTNET_DB");
    }
    let db = dir.path().join("report.db");
    let bin = intnet_binary();
    let sqlite3 = find_on_path("sqlite3");
    println!(
        "intnet report bench: scale {scale} organisations{}",
        if quick {
            " (quick mode: targets not judged)"
        } else {
            ""
        }
    );
    let t = Instant::now();
    run_ok(&bin, &db, &["init"]);
    run_ok(&bin, &db, &["seed", "--scale", &scale.to_string()]);
    println!("init + seed {:.1} s", t.elapsed().as_secs_f64());

    let store = Store::open(&db).unwrap_or_else(|e| fail(format!("open: {e}")));
    let account = intnet::identity::os_account().unwrap_or_else(|e| fail(format!("account: {e}")));
    let me: Actor = store
        .actor(&account)
        .unwrap_or_else(|e| fail(format!("actor {account}: {e}")));
    let year = intnet::store::this_year();
    let unit = store
        .unit_by_code("U01")
        .unwrap_or_else(|e| fail(format!("unit U01 (did the seed run?): {e}")));
    let counts: (i64, i64, i64) = {
        let out = output(
            Command::new(sqlite3.as_deref().unwrap_or(Path::new("sqlite3")))
                .arg("-batch")
                .arg(&db)
                .arg(
                    "SELECT (SELECT count(*) FROM orgs), (SELECT count(*) FROM trainings), \
                     (SELECT count(*) FROM projects)",
                ),
        );
        let v: Vec<i64> = out
            .trim()
            .split('|')
            .filter_map(|x| x.parse().ok())
            .collect();
        match v[..] {
            [a, b, c] => (a, b, c),
            _ => fail(format!("counts: {out:?}")),
        }
    };
    println!(
        "{} organisations, {} training activities, {} projects",
        counts.0, counts.1, counts.2
    );

    let mut rows: Vec<(String, String, Option<bool>)> = Vec::new();
    let judge = |v: f64| (!quick).then_some(v < TARGET_MS);

    // 2. In process.
    let mut unit_times = Vec::new();
    let mut comp_times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let f = store
            .unit_figures(&me, unit.id, year)
            .unwrap_or_else(|e| fail(format!("unit figures: {e}")));
        unit_times.push(t.elapsed());
        if f.training.activities == 0 {
            fail("unit U01 has no training activities this year");
        }
        let t = Instant::now();
        let c = store
            .compilation(&me, year)
            .unwrap_or_else(|e| fail(format!("compilation: {e}")));
        comp_times.push(t.elapsed());
        if c.units.is_empty() || c.key_figures.is_empty() {
            fail("the compilation is empty");
        }
    }
    unit_times.sort();
    comp_times.sort();
    let (u, c) = (ms(median(&unit_times)), ms(median(&comp_times)));
    println!(
        "in process: one unit's figures {u:.1} ms, the compilation {c:.1} ms (medians of {runs})"
    );
    rows.push((
        "one unit's figures (in process)".into(),
        format!("{u:.1} ms"),
        judge(u),
    ));
    rows.push((
        "whole compilation (in process)".into(),
        format!("{c:.1} ms"),
        judge(c),
    ));

    // 3. Whole processes against the sqlite3 shell.
    match &sqlite3 {
        None => println!("no sqlite3 on PATH: the process comparison is skipped"),
        Some(sqlite3) => {
            let today = intnet::store::today();
            let script = |scopes: &[(FigureScope, i32)]| -> String {
                let mut sql = String::new();
                for (scope, y) in scopes {
                    let p = FigureParams::new(*scope, *y, &today);
                    for q in figure_queries(*scope) {
                        sql.push_str(&p.inline(&q));
                        sql.push_str(";\n");
                    }
                }
                sql
            };
            let one = script(&[(FigureScope::Unit(unit.id), year)]);
            let comp = store
                .compilation(&me, year)
                .unwrap_or_else(|e| fail(format!("compilation: {e}")));
            let mut scopes: Vec<(FigureScope, i32)> = comp
                .years
                .iter()
                .map(|y| (FigureScope::Municipality, *y))
                .collect();
            if !comp.years.contains(&(year - 1)) {
                scopes.push((FigureScope::Municipality, year - 1));
            }
            scopes.extend(
                comp.units
                    .iter()
                    .map(|u| (FigureScope::Unit(u.unit_id), year)),
            );
            let all = script(&scopes);
            let y = year.to_string();
            for (label, args, sql) in [
                (
                    "report show --unit U01",
                    vec!["report", "show", "--unit", "U01", "--year", &y, "--json"],
                    one,
                ),
                (
                    "report compile",
                    vec!["report", "compile", "--year", &y, "--json"],
                    all,
                ),
            ] {
                let mut ours = Command::new(&bin);
                ours.arg("--db").arg(&db).args(&args);
                let sql_file = dir.path().join("queries.sql");
                std::fs::write(&sql_file, &sql).unwrap_or_else(|e| fail(format!("write sql: {e}")));
                let mut reference = Command::new(sqlite3);
                reference
                    .arg("-batch")
                    .arg("-bail")
                    .arg(&db)
                    .arg(format!(".read {}", sql_file.display()));
                if output(&mut ours).trim().is_empty() || output(&mut reference).trim().is_empty() {
                    fail(format!("{label}: intnet or the reference printed nothing"));
                }
                let (mine, theirs) = compare(runs, warmup, &mut ours, &mut reference);
                let (m, s) = (ms(median(&mine)), ms(median(&theirs)));
                println!(
                    "{label}: intnet {m:.1} ms, sqlite3 {s:.1} ms, ratio {:.2}",
                    m / s
                );
                rows.push((format!("{label} (process)"), format!("{m:.1} ms"), judge(m)));
                rows.push((
                    format!("  ratio to sqlite3 running its aggregates ({s:.1} ms)"),
                    format!("{:.2}", m / s),
                    None,
                ));
            }
        }
    }

    println!();
    println!("{:<62} {:>12}  target", "", "");
    for (what, figure, pass) in rows {
        let verdict = match pass {
            Some(true) => "< 1 s PASS",
            Some(false) => "< 1 s FAIL",
            None => "",
        };
        println!("{what:<62} {figure:>12}  {verdict}");
    }
}

fn intnet_binary() -> PathBuf {
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
        fail(format!("intnet binary not found at {}", p.display()));
    }
    p
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn run_ok(bin: &Path, db: &Path, args: &[&str]) {
    output(Command::new(bin).arg("--db").arg(db).args(args));
}

/// Runs once; fails the bench when it cannot start or exits non-zero.
fn output(cmd: &mut Command) -> String {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| fail(format!("{cmd:?} did not start: {e}")));
    if !out.status.success() {
        fail(format!(
            "{cmd:?} failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Warms up, then times both commands `runs` times, interleaved, taking turns at
/// going first. Sorted wall times.
fn compare(
    runs: usize,
    warmup: usize,
    a: &mut Command,
    b: &mut Command,
) -> (Vec<Duration>, Vec<Duration>) {
    for cmd in [&mut *a, &mut *b] {
        cmd.stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
    }
    for _ in 0..warmup {
        time(a);
        time(b);
    }
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for i in 0..runs {
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
    let status = cmd
        .status()
        .unwrap_or_else(|e| fail(format!("{cmd:?} did not start: {e}")));
    let d = t.elapsed();
    if !status.success() {
        fail(format!("{cmd:?} failed ({status}) during a timed run"));
    }
    d
}
