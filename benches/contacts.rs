//! Contacts in and out: the benchmark of issue 14 (a plain `fn main`, no harness).
//!
//! On a fresh temporary database seeded with `INTNET_BENCH_SCALE` organisations (the
//! seed the other benches use, `Store::seed_scale`: default 100 000, two persons
//! each; 2 000 in quick mode):
//!
//! 1. writes a vCard file of as many cards as the scale (`INTNET_BENCH_CARDS`
//!    overrides): a fifth `KIND:org` cards (most new, one in twenty a near-duplicate
//!    of a seeded organisation, one in twenty a seeded one with a new city), the rest
//!    person cards with `ORG`, `TITLE`, `EMAIL`, `TEL` (most at an organisation of the
//!    file, some at a seeded one, some at one only they name, one in fifty a seeded
//!    person's e-mail with a new title); half the cards with a `UID`, half without;
//!    vCard 3.0 and 4.0, some lines folded;
//! 2. imports it as `intnet import FILE --country SE --create-anyway`
//!    does (read, decode, parse,
//!    `Store::plan_import` with the duplicate check on, `Store::apply_import` in one
//!    transaction), timed, each phase shown; then plans the same file again, which
//!    must change nothing;
//! 3. exports every organisation and person as `intnet export vcard --all --out F`
//!    does (`Store::export_contacts`, `vcard::write`, `files::write_atomic`), timed,
//!    and reads the export back to count its cards;
//! 4. the reference, in the same run: the `sqlite3` shell's `.import` of the same
//!    rows as CSV into a plain table (and, for the export, the shell writing that
//!    table out as CSV). Ratios printed.
//!
//! Targets (full scale only, printed PASS/FAIL, never the exit status): the import
//! under 30 s, the export under 5 s. A run that did not do its work prints
//! `bench FAILED: ...` and exits 1: a plan other than the file's (new, updated,
//! refused), record counts after the import other than planned, a re-import that
//! would change anything, an export with the wrong number of cards.
//!
//! `INTNET_BENCH_DB`: start from a copy of a database already seeded (by
//! `intnet init` + `intnet seed --scale N` as this OS account), to iterate without
//! the two-minute seed. Run: `cargo bench --bench contacts`; quick:
//! `INTNET_BENCH_QUICK=1`.

use intnet::interchange::contacts::{self as cio, Format};
use intnet::model::{Actor, Role};
use intnet::store::Store;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TARGET_IMPORT: Duration = Duration::from_secs(30);
const TARGET_EXPORT: Duration = Duration::from_secs(5);

const PREFIXES: &[&str] = &[
    "Nordic",
    "Baltic",
    "Hanseatic",
    "Green",
    "Blue",
    "Coastal",
    "Arctic",
    "Northern",
    "Central",
    "United",
    "Bothnian",
    "Western",
];
const CORES: &[&str] = &[
    "Logistics",
    "Energy",
    "Tourism",
    "Innovation",
    "Forestry",
    "Maritime",
    "Culture",
    "Water",
    "Health",
    "Design",
    "Mobility",
    "Robotics",
    "Food",
    "Textile",
    "Timber",
    "Steel",
];
const FORMS: &[&str] = &[
    "AB",
    "Oy",
    "GmbH",
    "A/S",
    "Association",
    "Institute",
    "Foundation",
    "Cluster",
    "Network",
    "Agency",
];
const CITIES: &[(&str, &str)] = &[
    ("Gdynia", "PL"),
    ("Klaipėda", "LT"),
    ("Rostock", "DE"),
    ("Tallinn", "EE"),
    ("Oulu", "FI"),
    ("Umeå", "SE"),
    ("Kiel", "DE"),
    ("Stavanger", "NO"),
    ("Vaasa", "FI"),
    ("Pärnu", "EE"),
    ("Åbo", "FI"),
    ("Liepāja", "LV"),
    ("Szczecin", "PL"),
    ("Esbjerg", "DK"),
    ("Tromsø", "NO"),
    ("Malmö", "SE"),
];
const GIVEN: &[&str] = &[
    "Åsa",
    "Björn",
    "Märta",
    "Jürgen",
    "Agnieszka",
    "Jūratė",
    "Kaisa",
    "Øystein",
    "Liis",
    "Mikkel",
    "Zofia",
    "Ērika",
    "Pekka",
    "Ingrid",
    "Lars",
    "Małgorzata",
];
const FAMILY: &[&str] = &[
    "Öberg",
    "Nyström",
    "Kowalczyk",
    "Müller",
    "Petrauskienė",
    "Virtanen",
    "Søndergaard",
    "Tamm",
    "Bērziņš",
    "Lindqvist",
    "Hämäläinen",
    "Wiśniewski",
    "Hansen",
    "Ekström",
];
const TITLES: &[&str] = &[
    "Project manager",
    "Head of international relations",
    "Verksamhetsutvecklare",
    "CEO",
    "EU coordinator",
    "Researcher",
];

fn fail(msg: impl std::fmt::Display) -> ! {
    eprintln!("bench FAILED: {msg}");
    println!("bench FAILED: {msg}");
    std::process::exit(1);
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|&n| n > 0)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// A seeded organisation or person as the generator needs it.
struct SeededOrg {
    name: String,
    website: String,
    city: String,
}

/// What the generated file should do to the registry.
#[derive(Default, Debug)]
struct Expect {
    new_orgs: usize,
    near: usize,
    org_updates: usize,
    new_persons: usize,
    person_updates: usize,
}

/// A vCard text value escaped (RFC 6350 3.4).
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

/// Appends one content line, folded at 75 octets as RFC 6350 asks (on a character
/// boundary, continuation lines starting with a space).
fn line(out: &mut String, l: &str) {
    let mut width = 0;
    for c in l.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A CSV field (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The name of the `i`th new organisation: unique, words from the lists above.
fn new_org_name(i: usize) -> (String, &'static str, &'static str) {
    let (city, country) = CITIES[i % CITIES.len()];
    let j = i / CITIES.len();
    let p = PREFIXES[j % PREFIXES.len()];
    let k = j / PREFIXES.len();
    let c = CORES[k % CORES.len()];
    let m = k / CORES.len();
    let f = FORMS[m % FORMS.len()];
    let round = m / FORMS.len();
    let name = if round == 0 {
        format!("{p} {c} {f} {city}")
    } else {
        format!("{p} {c} {f} {city} {}", round + 1)
    };
    (name, city, country)
}

/// The vCard file, the same rows as CSV for the reference, and what the import must do.
fn generate(
    cards: usize,
    orgs: &[SeededOrg],
    emails: &[String],
    rng: &mut fastrand::Rng,
) -> (String, String, Expect) {
    let mut vcf = String::with_capacity(cards * 260);
    let mut csv = String::from("kind,uid,name,org,title,email,phone,website,city,country\n");
    let mut x = Expect::default();
    let org_cards = cards / 5;
    let third = orgs.len() / 3;
    let mut file_orgs: Vec<String> = Vec::with_capacity(org_cards);
    let row = |vcf: &mut String, csv: &mut String, fields: [&str; 10], v4: bool, uid: &str| {
        let [
            kind,
            _,
            name,
            org,
            title,
            email,
            phone,
            website,
            city,
            country,
        ] = fields;
        vcf.push_str("BEGIN:VCARD\r\n");
        vcf.push_str(if v4 {
            "VERSION:4.0\r\n"
        } else {
            "VERSION:3.0\r\n"
        });
        if kind == "org" {
            if v4 {
                line(vcf, "KIND:org");
            } else {
                line(vcf, "X-ABShowAs:COMPANY");
            }
        }
        if !uid.is_empty() {
            line(vcf, &format!("UID:{uid}"));
        }
        line(vcf, &format!("FN:{}", esc(name)));
        if kind != "org" {
            let (given, family) = name.split_once(' ').unwrap_or((name, ""));
            line(vcf, &format!("N:{};{};;;", esc(family), esc(given)));
        }
        if !org.is_empty() {
            line(vcf, &format!("ORG:{}", esc(org)));
        }
        if !title.is_empty() {
            line(vcf, &format!("TITLE:{}", esc(title)));
        }
        if !email.is_empty() {
            line(vcf, &format!("EMAIL;TYPE=work:{email}"));
        }
        if !phone.is_empty() {
            line(vcf, &format!("TEL;TYPE=work,voice:{phone}"));
        }
        if !website.is_empty() {
            line(vcf, &format!("URL:{website}"));
        }
        if !city.is_empty() || !country.is_empty() {
            line(
                vcf,
                &format!("ADR;TYPE=work:;;;{};;;{}", esc(city), esc(country)),
            );
        }
        vcf.push_str("END:VCARD\r\n");
        let cells: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| csv_field(if i == 1 { uid } else { f }))
            .collect();
        csv.push_str(&cells.join(","));
        csv.push('\n');
    };
    let mut new_index = 0usize;
    for j in 0..org_cards {
        let uid = if j % 2 == 0 {
            format!("urn:uuid:00000000-0000-4000-8000-{:012x}", j + 1)
        } else {
            String::new()
        };
        if j % 20 == 0 && third > 0 {
            // A seeded organisation under a slightly different name, no web site.
            let s = &orgs[(j / 20) % third];
            let name = format!("{} AB", s.name);
            row(
                &mut vcf,
                &mut csv,
                ["org", "", &name, &name, "", "", "", "", &s.city, ""],
                true,
                &uid,
            );
            x.new_orgs += 1;
            x.near += 1;
            file_orgs.push(name);
        } else if j % 20 == 1 && third > 0 {
            // A seeded organisation by its web site, with a new city.
            let s = &orgs[third + (j / 20) % third];
            let city = if s.city == "Nyköping" {
                "Norrtälje"
            } else {
                "Nyköping"
            };
            row(
                &mut vcf,
                &mut csv,
                [
                    "org", "", &s.name, &s.name, "", "", "", &s.website, city, "SE",
                ],
                true,
                &uid,
            );
            x.org_updates += 1;
            file_orgs.push(s.name.clone());
        } else {
            let (name, city, country) = new_org_name(new_index);
            new_index += 1;
            let web = format!(
                "https://www.{}.example.org",
                intnet::text::fold(&name).replace(' ', "-")
            );
            row(
                &mut vcf,
                &mut csv,
                ["org", "", &name, &name, "", "", "", &web, city, country],
                j % 3 != 0,
                &uid,
            );
            x.new_orgs += 1;
            file_orgs.push(name);
        }
    }
    let mut own_orgs = 0usize;
    let mut email_i = 0usize;
    for k in 0..cards - org_cards {
        let uid = if k % 2 == 1 {
            format!("urn:uuid:00000000-0000-4000-9000-{:012x}", k + 1)
        } else {
            String::new()
        };
        let given = GIVEN[rng.usize(..GIVEN.len())];
        let family = FAMILY[rng.usize(..FAMILY.len())];
        let name = format!("{given} {family}");
        let title = TITLES[rng.usize(..TITLES.len())];
        let phone = format!(
            "+46 26 {:03} {:02} {:02}",
            k % 1000,
            (k / 1000) % 100,
            k % 97
        );
        if k % 50 == 0 && email_i < emails.len() {
            // A seeded person, by e-mail, with a new title (no UID: matched by e-mail).
            let email = &emails[email_i];
            email_i += 1;
            let title = format!("{title} (ny roll {k})");
            row(
                &mut vcf,
                &mut csv,
                ["person", "", &name, "", &title, email, "", "", "", ""],
                false,
                "",
            );
            x.person_updates += 1;
            continue;
        }
        let org = if k % 10 == 1 && third > 0 {
            // At a seeded organisation, by its exact name.
            orgs[2 * third + (k / 10) % third].name.clone()
        } else if k % 25 == 2 || file_orgs.is_empty() {
            own_orgs += 1;
            x.new_orgs += 1;
            format!("{family} & Partners {own_orgs}")
        } else {
            file_orgs[k % file_orgs.len()].clone()
        };
        let email = format!(
            "{}.{k}@{}",
            intnet::text::fold(given).replace(' ', ""),
            "contacts.example.net"
        );
        row(
            &mut vcf,
            &mut csv,
            ["person", "", &name, &org, title, &email, &phone, "", "", ""],
            k % 3 == 0,
            &uid,
        );
        x.new_persons += 1;
    }
    (vcf, csv, x)
}

fn count(conn: &rusqlite::Connection, table: &str) -> i64 {
    conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE deleted_at IS NULL"),
        [],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| fail(format!("count {table}: {e}")))
}

fn main() {
    let quick = std::env::var("INTNET_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
    let scale = env_usize("INTNET_BENCH_SCALE").unwrap_or(if quick { 2_000 } else { 100_000 });
    let cards = env_usize("INTNET_BENCH_CARDS").unwrap_or(scale);
    let dir = tempfile::tempdir().unwrap_or_else(|e| fail(format!("temp dir: {e}")));
    let db = dir.path().join("contacts.db");
    let account = intnet::identity::os_account().unwrap_or_else(|e| fail(format!("account: {e}")));
    println!(
        "contacts bench: {scale} seeded organisations, {cards} vCards{}",
        if quick {
            " (quick mode: targets not judged)"
        } else {
            ""
        }
    );
    let t = Instant::now();
    let (store, me): (Store, Actor) = match std::env::var_os("INTNET_BENCH_DB") {
        Some(from) => {
            std::fs::copy(&from, &db).unwrap_or_else(|e| fail(format!("copy {from:?}: {e}")));
            let store = Store::open(&db).unwrap_or_else(|e| fail(format!("open: {e}")));
            let me = store
                .actor(&account)
                .unwrap_or_else(|e| fail(format!("actor {account}: {e}")));
            println!("database: a copy of {}", Path::new(&from).display());
            (store, me)
        }
        None => {
            let store = Store::open(&db).unwrap_or_else(|e| fail(format!("open: {e}")));
            let me = store
                .init(&account, "Bench Office")
                .unwrap_or_else(|e| fail(format!("init: {e}")));
            if me.role != Role::Office {
                fail("init did not make an office account");
            }
            store
                .seed_scale(&me, scale)
                .unwrap_or_else(|e| fail(format!("seed: {e}")));
            println!("init + seed {:.1} s", t.elapsed().as_secs_f64());
            (store, me)
        }
    };
    let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| fail(format!("open: {e}")));
    let seeded: Vec<SeededOrg> = {
        let mut stmt = conn
            .prepare(
                "SELECT name, website, city FROM orgs WHERE deleted_at IS NULL AND website <> '' \
                 ORDER BY id LIMIT ?1",
            )
            .unwrap_or_else(|e| fail(e));
        stmt.query_map([(cards / 5).max(30) as i64 * 3 / 20 + 3], |r| {
            Ok(SeededOrg {
                name: r.get(0)?,
                website: r.get(1)?,
                city: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
        .unwrap_or_else(|e| fail(e))
    };
    // One seeded person per organisation, so that no two updates name one person.
    let emails: Vec<String> = {
        let mut stmt = conn
            .prepare(
                "SELECT min(email) FROM persons WHERE deleted_at IS NULL AND email <> '' \
                 GROUP BY org_id ORDER BY org_id LIMIT ?1",
            )
            .unwrap_or_else(|e| fail(e));
        stmt.query_map([(cards / 50 + 1) as i64], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
            .unwrap_or_else(|e| fail(e))
    };
    let (orgs0, persons0) = (count(&conn, "orgs"), count(&conn, "persons"));
    println!("registry: {orgs0} organisations, {persons0} persons");

    let mut rng = fastrand::Rng::with_seed(14);
    let (vcf, csv, expect) = generate(cards, &seeded, &emails, &mut rng);
    let file = dir.path().join("contacts.vcf");
    let csv_file = dir.path().join("contacts.csv");
    std::fs::write(&file, &vcf).unwrap_or_else(|e| fail(format!("write: {e}")));
    std::fs::write(&csv_file, &csv).unwrap_or_else(|e| fail(format!("write: {e}")));
    println!(
        "file: {cards} cards, {:.1} MiB; expected {expect:?}",
        vcf.len() as f64 / (1024.0 * 1024.0)
    );
    drop((vcf, csv));

    // 2. The import, as `intnet import FILE --country SE --create-anyway` does it.
    let source = format!("contacts.vcf {}", intnet::store::today());
    let plan_file = |store: &Store| {
        let t = Instant::now();
        let bytes = std::fs::read(&file).unwrap_or_else(|e| fail(format!("read: {e}")));
        let (text, _encoding) = cio::decode(&bytes);
        let format = Format::guess("contacts.vcf", &text);
        let incoming = cio::read(&text, format, &[])
            .unwrap_or_else(|h| fail(format!("read: unknown headers {h}")));
        let read = t.elapsed();
        let t = Instant::now();
        let plan = store
            .plan_import(incoming, "SE", &source)
            .unwrap_or_else(|e| fail(format!("plan: {e}")));
        (plan, read, t.elapsed())
    };
    let (plan, read, planned) = plan_file(&store);
    // The import's matcher against check before create's, on about fifty of the new
    // organisations, before the import writes them (untimed): the same near-duplicates.
    let step = (plan.new_orgs.len() / 50).max(1);
    let sample: std::collections::BTreeSet<usize> = (0..plan.new_orgs.len())
        .step_by(step)
        .chain(plan.near_duplicates.iter().take(25).map(|n| n.new))
        .collect();
    // Check before create is also what a form's save runs: its time per call is
    // printed (not judged), as a save's cost at this scale.
    let mut checking = Duration::ZERO;
    for &i in &sample {
        let Some(o) = plan.new_orgs.get(i) else {
            fail(format!("near-duplicate {i} is no new organisation"));
        };
        let t = Instant::now();
        let similar = store
            .similar_orgs(&o.data, &[])
            .unwrap_or_else(|e| fail(format!("similar_orgs: {e}")));
        checking += t.elapsed();
        let check: Vec<_> = similar
            .into_iter()
            .filter(intnet::model::Similar::is_near_duplicate)
            .collect();
        let found = plan
            .near_duplicates
            .iter()
            .find(|n| n.new == i)
            .map(|n| n.similar.clone())
            .unwrap_or_default();
        if found != check {
            fail(format!(
                "the import's matcher and check before create differ for {:?}: {found:?} / {check:?}",
                o.data.name
            ));
        }
    }
    println!(
        "  matcher: the same near-duplicates as check before create for {} new organisations",
        sample.len()
    );
    println!(
        "  check before create (a form's save): {:.1} ms a call",
        checking.as_secs_f64() * 1000.0 / sample.len().max(1) as f64
    );
    let t = Instant::now();
    let done = store
        .apply_import(
            &me,
            &plan,
            "import:contacts.vcf@bench",
            true,
            None,
            &mut |_| {},
        )
        .unwrap_or_else(|e| fail(format!("apply: {e}")));
    let applied = t.elapsed();
    let import = read + planned + applied;
    println!(
        "import: read + parse {:.2} s, plan {:.2} s, apply {:.2} s: {:.2} s",
        secs(read),
        secs(planned),
        secs(applied),
        secs(import)
    );
    println!(
        "  plan: {} new organisations ({} near-duplicates), {} new persons, {} + {} updates, {} refused, {} unchanged",
        plan.new_orgs.len(),
        plan.near_duplicates.len(),
        plan.new_persons.len(),
        plan.org_updates.len(),
        plan.person_updates.len(),
        plan.refused.len(),
        plan.unchanged
    );
    if let Some(r) = plan.refused.first() {
        fail(format!(
            "{} cards refused, the first at line {}: {} {}",
            plan.refused.len(),
            r.line,
            r.reason,
            r.detail
        ));
    }
    if plan.new_orgs.len() != expect.new_orgs
        || plan.new_persons.len() != expect.new_persons
        || plan.org_updates.len() != expect.org_updates
        || plan.person_updates.len() != expect.person_updates
    {
        fail(format!("the plan is not the file's: {expect:?}"));
    }
    if plan.near_duplicates.len() < expect.near {
        fail(format!(
            "{} near-duplicates found, {} in the file",
            plan.near_duplicates.len(),
            expect.near
        ));
    }
    let (orgs1, persons1) = (count(&conn, "orgs"), count(&conn, "persons"));
    if done.orgs_created != expect.new_orgs
        || done.persons_created != expect.new_persons
        || done.updated != expect.org_updates + expect.person_updates
        || orgs1 - orgs0 != expect.new_orgs as i64
        || persons1 - persons0 != expect.new_persons as i64
    {
        fail(format!(
            "after the import: {done:?}, {} organisations and {} persons more",
            orgs1 - orgs0,
            persons1 - persons0
        ));
    }
    let t = Instant::now();
    let (again, _, _) = plan_file(&store);
    let reimport = t.elapsed();
    if !again.is_empty() || !again.refused.is_empty() {
        for u in again.org_updates.iter().take(3) {
            println!(
                "  would update {} (line {}): {:?}",
                u.name, u.line, u.fields
            );
        }
        fail(format!(
            "importing the file again would change something: {} new organisations, {} new persons, {} + {} updates, {} refused",
            again.new_orgs.len(),
            again.new_persons.len(),
            again.org_updates.len(),
            again.person_updates.len(),
            again.refused.len()
        ));
    }
    println!(
        "re-import (read + plan): {:.2} s, nothing to change",
        secs(reimport)
    );

    // 3. The export, as `intnet export vcard --all --out F` does it.
    let out = dir.path().join("export.vcf");
    let t = Instant::now();
    let (eorgs, epersons) = store
        .export_contacts()
        .unwrap_or_else(|e| fail(format!("export: {e}")));
    let collected = t.elapsed();
    let text = cio::vcard::write(&eorgs, &epersons);
    intnet::files::write_atomic(&out, text.as_bytes(), intnet::files::SHARED_MODE)
        .unwrap_or_else(|e| fail(format!("write export: {e}")));
    let export = t.elapsed();
    println!(
        "export: collect {:.2} s, write {:.2} s: {:.2} s, {:.1} MiB",
        secs(collected),
        secs(export - collected),
        secs(export),
        text.len() as f64 / (1024.0 * 1024.0)
    );
    let cards_out = text
        .lines()
        .filter(|l| l.eq_ignore_ascii_case("BEGIN:VCARD"))
        .count();
    let back = cio::vcard::read(&text);
    if cards_out as i64 != orgs1 + persons1
        || back.orgs.len() as i64 != orgs1
        || back.persons.len() as i64 != persons1
        || !back.refused.is_empty()
    {
        fail(format!(
            "the export has {cards_out} cards ({} organisations, {} persons read back, {} refused); \
             the registry {orgs1} organisations and {persons1} persons",
            back.orgs.len(),
            back.persons.len(),
            back.refused.len()
        ));
    }
    drop((text, back, eorgs, epersons));

    // 4. The reference: the sqlite3 shell.
    let mut reference: Option<(Duration, Duration)> = None;
    match find_sqlite3() {
        None => println!(
            "no sqlite3 shell on PATH (or INTNET_BENCH_SQLITE3): the reference is skipped \
             (apt-get install -y sqlite3)"
        ),
        Some(sqlite3) => {
            let ref_db = dir.path().join("reference.db");
            let t = Instant::now();
            run(Command::new(&sqlite3)
                .arg("-batch")
                .arg("-bail")
                .arg(&ref_db)
                .arg(format!(".import --csv {} cards", csv_file.display())));
            let imported = t.elapsed();
            let rows = run(Command::new(&sqlite3)
                .arg("-batch")
                .arg(&ref_db)
                .arg("SELECT count(*) FROM cards"));
            if rows.trim() != cards.to_string() {
                fail(format!("sqlite3 imported {} rows of {cards}", rows.trim()));
            }
            let dump = dir.path().join("reference-out.csv");
            let t = Instant::now();
            run(Command::new(&sqlite3)
                .arg("-batch")
                .arg("-bail")
                .arg(&ref_db)
                .arg(format!(".once {}", dump.display()))
                .arg("-csv")
                .arg("SELECT * FROM cards"));
            let dumped = t.elapsed();
            println!(
                "sqlite3 (the same rows as CSV): .import {:.3} s, written out {:.3} s",
                secs(imported),
                secs(dumped)
            );
            reference = Some((imported, dumped));
        }
    }

    let judge = |ok: bool| {
        if quick {
            "(quick: not judged)"
        } else if ok {
            "PASS"
        } else {
            "FAIL"
        }
    };
    println!();
    println!(
        "import of {cards} vCards (duplicate check on): {:.2} s  target < {} s  {}",
        secs(import),
        TARGET_IMPORT.as_secs(),
        judge(import < TARGET_IMPORT)
    );
    println!(
        "export of {} cards: {:.2} s  target < {} s  {}",
        orgs1 + persons1,
        secs(export),
        TARGET_EXPORT.as_secs(),
        judge(export < TARGET_EXPORT)
    );
    if let Some((imported, dumped)) = reference {
        let r = |a: Duration, b: Duration| secs(a) / secs(b).max(1e-9);
        println!(
            "ratio import / sqlite3 .import: {:.1}; export / sqlite3 .import: {:.1}; \
             export / sqlite3 writing the table out: {:.1} (per card exported and written: {:.1})",
            r(import, imported),
            r(export, imported),
            r(export, dumped),
            r(export, dumped) * cards as f64 / (orgs1 + persons1) as f64
        );
    }
}

fn find_sqlite3() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTNET_BENCH_SQLITE3") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("sqlite3"))
        .find(|p| p.is_file())
}

/// Runs once; fails the bench when it cannot start or exits non-zero. Its stdout.
fn run(cmd: &mut Command) -> String {
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
    let mut s = String::new();
    let _ = write!(s, "{}", String::from_utf8_lossy(&out.stdout));
    s
}
