//! Regional partners' benchmark (issue 16; a plain `fn main`, no harness).
//!
//! On a fresh temporary database seeded with `INTNET_BENCH_SCALE` organisations of
//! our own (default 100 000; 2 000 in quick mode):
//!
//! 1. quick lookup as `Ctrl-F` does it (`Store::find` and `Store::find_regional`) over
//!    a set of queries, without a regional layer;
//! 2. the import of ten files from ten municipalities of `INTNET_BENCH_REGIONAL`
//!    organisations each (default 10 000; 500 in quick mode): each file parsed and
//!    checked (`interchange::regional::parse`) and stored
//!    (`Store::replace_regional_layer`), as `intnet import regional` does;
//! 3. the same lookups with the ten layers loaded, as a ratio against step 1.
//!
//! Targets (full scale only, printed PASS/FAIL, never the exit status): all ten
//! imports under 10 s; lookup with the layers within 1.5 times lookup without them
//! (the ratio `benches/lookup.rs` holds the registry's lookup to). A run that did not
//! do its work (a refused file, a layer of the wrong size, a lookup that finds no
//! regional entry where one is) prints `bench FAILED: ...` and exits 1.
//!
//! Run: `cargo bench --bench regional`; quick: `INTNET_BENCH_QUICK=1`.

use intnet::interchange::regional::{self, RegionalFile};
use intnet::model::{KnownBy, RegionalEntry, RegionalIdentifiers, Role};
use intnet::store::Store;
use std::time::{Duration, Instant};

const TARGET_IMPORT: Duration = Duration::from_secs(10);
const TARGET_RATIO: f64 = 1.5;
const SOURCES: usize = 10;

const QUERIES: &[&str] = &[
    "lubeck",
    "lodz",
    "port lubeck",
    "univ",
    "tartu",
    "5560125790",
];

const CITIES: &[(&str, &str)] = &[
    ("Lübeck", "DE"),
    ("Łódź", "PL"),
    ("Tartu", "EE"),
    ("Turku", "FI"),
    ("Bergen", "NO"),
    ("Aarhus", "DK"),
    ("Riga", "LV"),
    ("Gdańsk", "PL"),
];
const PATTERNS: &[(&str, &str)] = &[
    ("Universität {city}", "university"),
    ("Port of {city}", "company"),
    ("{city} Chamber of Commerce", "agency"),
    ("City of {city}", "city_region"),
    ("{city} Science Park", "company"),
];

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("bench FAILED: {msg}");
    println!("bench FAILED: {msg}");
    std::process::exit(1);
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// A valid organisation number for `n`: nine digits and their Luhn check digit.
fn orgnr(n: usize) -> String {
    let nine = format!("{:09}", 556_000_000 + n % 400_000_000);
    let digits: Vec<u32> = nine.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                *d
            }
        })
        .sum();
    format!("{nine}{}", (10 - sum % 10) % 10)
}

fn file_for(source: usize, n: usize, rng: &mut fastrand::Rng) -> String {
    let entries = (0..n)
        .map(|i| {
            let (city, country) = CITIES[rng.usize(..CITIES.len())];
            let (pattern, kind) = PATTERNS[rng.usize(..PATTERNS.len())];
            let name = format!("{} {source}-{i}", pattern.replace("{city}", city));
            RegionalEntry {
                id: i.to_string(),
                website: format!("https://r{source}-{i}.example.org"),
                name,
                kind: kind.to_string(),
                country: country.to_string(),
                city: city.to_string(),
                identifiers: RegionalIdentifiers {
                    orgnr: orgnr(source * 1_000_000 + i),
                    ..Default::default()
                },
                priority_areas: vec!["business".into()],
                growth_areas: Vec::new(),
                known_by: vec![KnownBy {
                    unit: "Näringslivskontoret".into(),
                    last_contact_year: Some(2020 + (i % 7) as i32),
                }],
                last_contact_year: Some(2020 + (i % 7) as i32),
                contact_role: "Internationella kontoret".into(),
            }
        })
        .collect();
    RegionalFile::new("2026-11-28T12:00:00Z".into(), entries)
        .to_json()
        .unwrap_or_else(|e| fail(e))
}

/// The median over `reps` of one pass over every query (Ctrl-F: our hits and the
/// regional ones), and how many regional entries the pass found.
fn lookup(store: &Store, reps: usize) -> (Duration, usize) {
    let mut samples = Vec::with_capacity(reps);
    let mut regional = 0;
    for _ in 0..reps {
        let t = Instant::now();
        regional = 0;
        for q in QUERIES {
            let hits = store.find(q, 50).unwrap_or_else(|e| fail(e));
            std::hint::black_box(hits);
            regional += store.find_regional(q, 20).unwrap_or_else(|e| fail(e)).len();
        }
        samples.push(t.elapsed());
    }
    samples.sort();
    (samples[samples.len() / 2], regional)
}

fn main() {
    let quick = std::env::var("INTNET_BENCH_QUICK").is_ok_and(|v| v == "1");
    let scale = env_usize("INTNET_BENCH_SCALE").unwrap_or(if quick { 2_000 } else { 100_000 });
    let per_file = env_usize("INTNET_BENCH_REGIONAL").unwrap_or(if quick { 500 } else { 10_000 });
    let reps = if quick { 5 } else { 31 };
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(e));
    let path = dir.path().join("regional.db");
    let store = Store::open(&path).unwrap_or_else(|e| fail(e));
    let office = store
        .init("office", "Olle Office")
        .unwrap_or_else(|e| fail(e));
    if office.role != Role::Office {
        fail("init did not make an office account");
    }
    store.seed_scale(&office, scale).unwrap_or_else(|e| fail(e));
    println!(
        "regional bench: {scale} own organisations, {SOURCES} files of {per_file}, quick={quick}"
    );

    let (without, found) = lookup(&store, reps);
    if found != 0 {
        fail("regional hits before any import");
    }

    let mut rng = fastrand::Rng::with_seed(16);
    let files: Vec<String> = (0..SOURCES)
        .map(|s| file_for(s, per_file, &mut rng))
        .collect();
    let bytes: usize = files.iter().map(String::len).sum();
    let t = Instant::now();
    for (s, json) in files.iter().enumerate() {
        let file = regional::parse(json.as_bytes())
            .unwrap_or_else(|r| fail(format!("file {s} refused: {r:?}")));
        let summary = store
            .replace_regional_layer(
                &office,
                &format!("Kommun {s}"),
                &file.exported_at,
                &file.organisations,
            )
            .unwrap_or_else(|e| fail(e));
        if summary.organisations != per_file {
            fail(format!(
                "layer {s} has {} organisations",
                summary.organisations
            ));
        }
    }
    let import = t.elapsed();
    let sources = store.regional_sources().unwrap_or_else(|e| fail(e));
    let total: i64 = sources.iter().map(|s| s.organisations).sum();
    if sources.len() != SOURCES || total != (SOURCES * per_file) as i64 {
        fail(format!("{} sources, {total} organisations", sources.len()));
    }

    let (with, found) = lookup(&store, reps);
    if found == 0 {
        fail("no regional hit with the layers loaded");
    }
    // Where the time goes: each query's regional part alone, median.
    for q in QUERIES {
        let mut samples: Vec<Duration> = (0..reps)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(store.find_regional(q, 20).unwrap_or_else(|e| fail(e)));
                t.elapsed()
            })
            .collect();
        samples.sort();
        println!(
            "  find_regional {q:?}: {:.2} ms",
            samples[samples.len() / 2].as_secs_f64() * 1000.0
        );
    }
    let ratio = with.as_secs_f64() / without.as_secs_f64().max(1e-9);
    let judge = |ok: bool| {
        if quick {
            "(quick: not judged)"
        } else if ok {
            "PASS"
        } else {
            "FAIL"
        }
    };
    println!(
        "import of {SOURCES} files ({:.1} MiB, {} organisations): {:.2} s  target < {} s  {}",
        bytes as f64 / (1024.0 * 1024.0),
        SOURCES * per_file,
        import.as_secs_f64(),
        TARGET_IMPORT.as_secs(),
        judge(import < TARGET_IMPORT)
    );
    println!(
        "lookup of {} queries: {:.2} ms without the layers, {:.2} ms with them, ratio {ratio:.2}  target <= {TARGET_RATIO}  {}",
        QUERIES.len(),
        without.as_secs_f64() * 1000.0,
        with.as_secs_f64() * 1000.0,
        judge(ratio <= TARGET_RATIO)
    );
}
