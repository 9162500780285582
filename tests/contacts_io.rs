//! Contacts in and out (issue 14): real-world-shaped vCard and CSV samples in
//! `tests/data/` imported, re-imported, updated, undone; exports read back by other
//! parsers (`ical` for vCard, `csv`, `zip` + `roxmltree` for XLSX).

mod common;
use common::{env, intnet};
use intnet::interchange::contacts::{self as cio, Encoding, Format};
use intnet::model::{Actor, ImportPlan, Incoming};
use intnet::store::{Error, Store};
use std::path::Path;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name),
    )
    .unwrap()
}

fn read(name: &str) -> (Incoming, Encoding) {
    let (text, enc) = cio::decode(&data(name));
    (
        cio::read(&text, Format::guess(name, &text), &[]).unwrap(),
        enc,
    )
}

fn plan(store: &Store, name: &str) -> ImportPlan {
    store.plan_import(read(name).0, "", "test file").unwrap()
}

fn import(store: &Store, actor: &Actor, name: &str) -> ImportPlan {
    let p = plan(store, name);
    store
        .apply_import(
            actor,
            &p,
            &format!("import:{name}"),
            false,
            None,
            &mut |_| {},
        )
        .unwrap();
    p
}

fn org_id(store: &Store, name: &str) -> i64 {
    store.org_by_name_or_id(name).unwrap()
}

#[test]
fn outlook_2_1_quoted_printable_windows_1252_is_read() {
    let (inc, enc) = read("outlook_2_1.vcf");
    assert_eq!(enc, Encoding::Utf8, "the file itself is ASCII");
    assert_eq!(inc.persons.len(), 2, "{inc:?}");
    let b = &inc.persons[0];
    assert_eq!(b.name, "Björn Åberg");
    assert_eq!(b.org, "Gävle Energi AB");
    assert_eq!(b.email, "bjorn.aberg@gavleenergi.se");
    assert_eq!(b.phone, "+46 26 17 80 00");
    assert_eq!(b.city, "Gävle");
    assert_eq!(b.country, "Sverige");
    assert_eq!(b.notes, "Träffade på mässan i Göteborg.");
    assert_eq!(b.uid, "", "Outlook writes no UID");
    // A quoted-printable soft line break and a folded line.
    assert_eq!(
        inc.persons[1].title,
        "Ansvarig för internationella samarbeten"
    );
    assert_eq!(inc.persons[1].line, 16, "the second card begins on line 16");
}

#[test]
fn apple_company_card_item_groups_and_folding() {
    let (inc, _) = read("apple_3_0.vcf");
    assert_eq!(inc.orgs.len(), 1, "X-ABShowAs:COMPANY is an organisation");
    let o = &inc.orgs[0];
    assert_eq!(o.name, "Hansestadt Lüneburg");
    assert_eq!(o.website, "https://www.hansestadt-lueneburg.de");
    assert_eq!(
        (o.city.as_str(), o.country.as_str()),
        ("Lüneburg", "Germany")
    );
    assert_eq!(o.uid, "4F2A9C1E-7B3D-4E8A-9C51-0D6F2B8E3A17");
    let k = &inc.persons[0];
    assert_eq!(k.email, "katrin.schmidt@stadt.lueneburg.de", "item1.EMAIL");
    assert_eq!(
        k.title,
        "Referentin für Städtepartnerschaften und internationale Zusammenarbeit der Stadt"
    );
    assert_eq!(k.notes, "Kontakt seit dem Besuch 2023, sehr engagiert.");
    assert_eq!(k.org, "Hansestadt Lüneburg");
}

#[test]
fn kind_org_card_and_related_person_import_together() {
    let e = env();
    let p = import(&e.store, &e.anna, "kind_org_4_0.vcf");
    assert_eq!((p.new_orgs.len(), p.new_persons.len()), (1, 1));
    let id = org_id(&e.store, "Kauno miesto savivaldybė");
    let org = e.store.org(id).unwrap();
    assert_eq!(org.data.country, "LT");
    assert_eq!(org.data.website, "https://www.kaunas.lt");
    let persons = e.store.persons_of(id).unwrap();
    assert_eq!(persons.len(), 1);
    assert_eq!(persons[0].data.name, "Rūta Petrauskienė");
    assert_eq!(
        persons[0].data.phone, "+370-37-42-26-37",
        "tel: URI stripped"
    );
    assert_eq!(persons[0].data.source, "test file");
}

#[test]
fn swedish_outlook_csv_in_windows_1252_with_semicolons() {
    let (inc, enc) = read("outlook_sv.csv");
    assert_eq!(enc, Encoding::Windows1252);
    assert_eq!(inc.persons.len(), 3);
    let s = &inc.persons[0];
    assert_eq!(s.name, "Sören Öberg");
    assert_eq!(s.org, "Sandvikens kommun");
    assert_eq!(s.title, "Handläggare");
    assert_eq!(s.phone, "026-24 00 00");
    assert_eq!(s.notes, "Träffas på Europaforum");
    assert_eq!(
        inc.persons[1].phone, "070-123 45 67",
        "mobile when no work phone"
    );
    let e = env();
    let p = e.store.plan_import(inc, "", "f").unwrap();
    assert_eq!((p.new_orgs.len(), p.new_persons.len()), (1, 2));
    assert_eq!(p.refused.len(), 1);
    assert_eq!(p.refused[0].reason, "err.import_no_org");
    assert_eq!(p.refused[0].line, 4, "Lars is on the file's fourth line");
}

#[test]
fn google_csv_with_byte_order_mark() {
    let (inc, enc) = read("google.csv");
    assert_eq!(enc, Encoding::Utf8);
    assert_eq!(inc.persons.len(), 2);
    let j = &inc.persons[0];
    assert_eq!(j.name, "Jean Dupont");
    assert_eq!(j.org, "Ville de Rouen");
    assert_eq!(j.title, "Chargé de mission Europe");
    assert_eq!(j.notes, "Rencontré à Bruxelles, « Semaine européenne »");
    assert_eq!(j.country, "France");
}

#[test]
fn unknown_headers_need_a_map() {
    let text = "Full Name;Mail;Firm;Land\nEva Ek;eva@example.fi;Turun kaupunki;Finland\n";
    assert!(cio::read(text, Format::Csv, &[]).is_err());
    let map = cio::csv::parse_map("name=Full Name, email=Mail,company=Firm,country=Land").unwrap();
    let inc = cio::read(text, Format::Csv, &map).unwrap();
    assert_eq!(inc.persons[0].name, "Eva Ek");
    assert_eq!(inc.persons[0].org, "Turun kaupunki");
    assert!(cio::csv::parse_map("nonsense=X").is_err());
}

#[test]
fn preview_counts_then_reimport_changes_nothing() {
    let e = env();
    let first = plan(&e.store, "outlook_sv.csv");
    assert_eq!(
        (
            first.new_orgs.len(),
            first.new_persons.len(),
            first.org_updates.len() + first.person_updates.len(),
            first.near_duplicates.len(),
            first.refused.len()
        ),
        (1, 2, 0, 0, 1)
    );
    // The dry run wrote nothing.
    assert!(e.store.org_by_name_or_id("Sandvikens kommun").is_err());
    import(&e.store, &e.anna, "outlook_sv.csv");
    let mark = e.store.audit_mark().unwrap();
    let again = plan(&e.store, "outlook_sv.csv");
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(again.unchanged, 2);
    import(&e.store, &e.anna, "outlook_sv.csv");
    assert_eq!(
        e.store.audit_mark().unwrap(),
        mark,
        "no audit row: nothing written"
    );
    for f in [
        "outlook_2_1.vcf",
        "apple_3_0.vcf",
        "kind_org_4_0.vcf",
        "google.csv",
    ] {
        import(&e.store, &e.anna, f);
        assert!(plan(&e.store, f).is_empty(), "{f} again");
    }
}

#[test]
fn a_changed_file_updates_the_fields_that_changed() {
    let e = env();
    import(&e.store, &e.anna, "apple_3_0.vcf");
    let text = String::from_utf8(data("apple_3_0.vcf"))
        .unwrap()
        .replace("TITLE:Referentin", "TITLE:Leiterin")
        .replace("+49 4131 309 0", "+49 4131 309 1");
    let inc = cio::read(&text, Format::Vcard, &[]).unwrap();
    let p = e.store.plan_import(inc, "", "f").unwrap();
    assert!(p.new_orgs.is_empty() && p.new_persons.is_empty());
    assert_eq!(p.person_updates.len(), 1);
    assert_eq!(p.person_updates[0].fields, vec!["title", "phone"]);
    e.store
        .apply_import(&e.anna, &p, "import:changed", false, None, &mut |_| {})
        .unwrap();
    let id = org_id(&e.store, "Hansestadt Lüneburg");
    let k = &e.store.persons_of(id).unwrap()[0];
    assert!(k.data.title.starts_with("Leiterin"));
    assert_eq!(k.data.phone, "+49 4131 309 1");
    let batches = e.store.audit_batches("person", k.id).unwrap();
    assert_eq!(
        batches,
        vec![
            Some("import:apple_3_0.vcf".to_string()),
            Some("import:changed".to_string())
        ],
        "the trail says which import made and changed the person"
    );
}

#[test]
fn an_import_is_all_or_nothing() {
    let e = env();
    import(&e.store, &e.anna, "apple_3_0.vcf");
    let text = String::from_utf8(data("apple_3_0.vcf"))
        .unwrap()
        .replace("TITLE:Referentin", "TITLE:Leiterin");
    let mut inc = cio::read(&text, Format::Vcard, &[]).unwrap();
    inc.persons.extend(read("google.csv").0.persons);
    let p = e.store.plan_import(inc, "", "f").unwrap();
    assert_eq!((p.new_persons.len(), p.person_updates.len()), (2, 1));
    // Someone else edits Katrin between the preview and the import: the update meets a
    // conflict, and nothing of the import is written, not even the new persons.
    let u = &p.person_updates[0];
    let mut data = e.store.person(u.id).unwrap().data;
    data.notes = "edited meanwhile".into();
    e.store
        .update_person(&e.bjorn, u.id, u.version, data)
        .unwrap();
    let r = e
        .store
        .apply_import(&e.anna, &p, "import:late", false, None, &mut |_| {});
    assert!(matches!(r, Err(Error::Conflict { .. })), "{r:?}");
    assert!(e.store.org_by_name_or_id("Ville de Rouen").is_err());
}

#[test]
fn undo_reverses_the_whole_import_in_one_step() {
    let e = env();
    e.store
        .create_org(&e.anna, common::org("Before", "SE", "Gävle"), false)
        .unwrap();
    import(&e.store, &e.anna, "google.csv");
    let rouen = org_id(&e.store, "Ville de Rouen");
    assert_eq!(e.store.persons_of(rouen).unwrap().len(), 2);
    e.store.undo_last(&e.anna).unwrap();
    assert!(e.store.org(rouen).is_err(), "the organisation is gone");
    assert!(e.store.org_by_name_or_id("Ville de Rouen").is_err());
    // The change before the import is untouched; the next undo takes it.
    assert!(e.store.org_by_name_or_id("Before").is_ok());
    e.store.undo_last(&e.anna).unwrap();
    assert!(e.store.org_by_name_or_id("Before").is_err());
}

#[test]
fn near_duplicates_wait_unless_created_anyway() {
    let e = env();
    e.store
        .create_org(
            &e.anna,
            common::org("Ville de Rouen Métropole", "FR", "Rouen"),
            false,
        )
        .unwrap();
    let p = plan(&e.store, "google.csv");
    assert_eq!(p.near_duplicates.len(), 1, "{p:?}");
    let done = e
        .store
        .apply_import(&e.anna, &p, "import:g", false, None, &mut |_| {})
        .unwrap();
    assert_eq!(
        (done.orgs_created, done.persons_created, done.skipped),
        (0, 0, 3)
    );
    let done = e
        .store
        .apply_import(&e.anna, &p, "import:g2", true, None, &mut |_| {})
        .unwrap();
    assert_eq!((done.orgs_created, done.persons_created), (1, 2));
}

fn cli_import(db: &Path, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file);
    let out = intnet(db)
        .args(["import"])
        .arg(path)
        .args(["--country", "SE"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cli(db: &Path, args: &[&str]) -> Vec<u8> {
    let out = intnet(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn cli_preview_dry_run_and_import() {
    let db = common::cli_db();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/outlook_sv.csv");
    let out = intnet(&db.path)
        .args(["import", "--dry-run"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Windows-1252"), "{text}");
    assert!(text.contains("1 new organisation, 2 new persons"), "{text}");
    assert!(text.contains("line 4: refused"), "{text}");
    assert!(text.contains("Dry run"), "{text}");
    let listed = String::from_utf8(cli(&db.path, &["export", "csv", "--what", "orgs"])).unwrap();
    assert!(!listed.contains("Sandvikens"), "the dry run wrote nothing");
    let text = cli_import(&db.path, "outlook_sv.csv");
    assert!(text.contains("Imported"), "{text}");
    let listed = String::from_utf8(cli(&db.path, &["export", "csv", "--what", "orgs"])).unwrap();
    assert!(listed.contains("Sandvikens kommun"), "{listed}");
}

#[test]
fn vcard_export_round_trips_and_reads_with_another_parser() {
    let db = common::cli_db();
    for f in [
        "outlook_2_1.vcf",
        "apple_3_0.vcf",
        "kind_org_4_0.vcf",
        "google.csv",
    ] {
        cli_import(&db.path, f);
    }
    let vcf = String::from_utf8(cli(&db.path, &["export", "vcard", "--all"])).unwrap();
    // Another parser reads every card.
    let cards: Vec<_> = ical::VcardParser::new(std::io::BufReader::new(vcf.as_bytes()))
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(cards.len(), 4 + 6, "four organisations, six persons");
    let prop = |c: &ical::parser::vcard::component::VcardContact, n: &str| {
        c.properties
            .iter()
            .find(|p| p.name == n)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    let katrin = cards
        .iter()
        .find(|c| prop(c, "FN") == "Katrin Schmidt")
        .unwrap();
    assert_eq!(
        prop(katrin, "UID"),
        "8C3B2F10-1D4E-4A6B-8F7C-5E9A0B1C2D3E",
        "imported UID kept"
    );
    let lueneburg = cards
        .iter()
        .find(|c| prop(c, "FN") == "Hansestadt Lüneburg")
        .unwrap();
    assert_eq!(prop(lueneburg, "KIND").to_lowercase(), "org");
    assert_eq!(prop(katrin, "RELATED"), prop(lueneburg, "UID"));
    let bjorn = cards
        .iter()
        .find(|c| prop(c, "FN") == "Björn Åberg")
        .unwrap();
    assert!(prop(bjorn, "UID").starts_with("urn:uuid:"));
    // Exporting again gives the same UIDs; importing the export changes nothing.
    let again = String::from_utf8(cli(&db.path, &["export", "vcard"])).unwrap();
    assert_eq!(vcf, again);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.vcf");
    std::fs::write(&file, &vcf).unwrap();
    let out = intnet(&db.path).arg("import").arg(&file).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("0 new organisations, 0 new persons, 0 updates"),
        "{text}"
    );
    assert!(text.contains("10 unchanged"), "{text}");
}

#[test]
fn excel_csv_has_bom_and_semicolons_and_reads_back() {
    let db = common::cli_db();
    cli_import(&db.path, "outlook_sv.csv");
    let bytes = cli(&db.path, &["export", "csv", "--what", "persons", "--excel"]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    // Read without the csv crate that wrote it: the header line as Excel sees it.
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "\"First Name\";\"Last Name\";\"Company\";\"Job Title\";\"E-mail Address\";\"Business Phone\";\"Web Page\";\"Business City\";\"Business Country/Region\";\"Notes\""
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("\"Sören\";\"Öberg\";\"Sandvikens kommun\";")),
        "{text}"
    );
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(&bytes[3..]);
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "First Name");
    assert_eq!(&headers[4], "E-mail Address");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(
        rows.iter()
            .any(|r| &r[0] == "Sören" && &r[1] == "Öberg" && &r[2] == "Sandvikens kommun")
    );
    let plain = cli(&db.path, &["export", "csv", "--what", "persons"]);
    assert!(
        plain.starts_with(b"\"First Name\","),
        "no BOM, commas without --excel"
    );
    let training = cli(
        &db.path,
        &["export", "training", "--format", "csv", "--excel"],
    );
    assert!(training.starts_with(b"\xEF\xBB\xBF\"id\";"));
}

fn xlsx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn xlsx_has_a_sheet_each_with_numbers_as_numbers() {
    let db = common::cli_db();
    cli_import(&db.path, "google.csv");
    cli(
        &db.path,
        &[
            "interaction",
            "add",
            "Ville de Rouen",
            "Call about the twinning",
            "--date",
            "2026-03-02",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("all.xlsx");
    cli(
        &db.path,
        &["export", "xlsx", "--out", out.to_str().unwrap()],
    );
    let bytes = std::fs::read(&out).unwrap();
    let wb = xlsx_part(&bytes, "xl/workbook.xml");
    let doc = roxmltree::Document::parse(&wb).unwrap();
    let sheets: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(sheets, ["Organisations", "Persons", "Contacts", "Training"]);
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet2.xml");
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let a2 = doc
        .descendants()
        .find(|n| n.has_tag_name("c") && n.attribute("r") == Some("A2"))
        .unwrap();
    assert_eq!(a2.attribute("t"), None, "the id is a number, not a string");
    let v: f64 = a2
        .descendants()
        .find(|n| n.has_tag_name("v"))
        .and_then(|n| n.text())
        .unwrap()
        .parse()
        .unwrap();
    assert!(v >= 1.0);
    // Contacts: the date is a number with a date format, not a text.
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet3.xml");
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let b2 = doc
        .descendants()
        .find(|n| n.has_tag_name("c") && n.attribute("r") == Some("B2"))
        .unwrap();
    assert_eq!(b2.attribute("t"), None, "the date is a number");
    let serial: f64 = b2
        .descendants()
        .find(|n| n.has_tag_name("v"))
        .and_then(|n| n.text())
        .unwrap()
        .parse()
        .unwrap();
    // 2026-03-02 is day 46083 counted from 1899-12-30.
    assert_eq!(serial, 46083.0);
    let style: usize = b2.attribute("s").unwrap().parse().unwrap();
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    let doc = roxmltree::Document::parse(&styles).unwrap();
    let xf = doc
        .descendants()
        .find(|n| n.has_tag_name("cellXfs"))
        .unwrap()
        .children()
        .filter(|n| n.is_element())
        .nth(style)
        .unwrap();
    let fmt = xf.attribute("numFmtId").unwrap();
    let code = doc
        .descendants()
        .find(|n| n.has_tag_name("numFmt") && n.attribute("numFmtId") == Some(fmt))
        .and_then(|n| n.attribute("formatCode"))
        .unwrap();
    assert_eq!(code, "yyyy-mm-dd");
}

/// An escape sequence, a bidi override, a formula and vCard's own separators.
const HOSTILE: &str = "=cmd|' /C calc'!A0; a,b\\c \x1b[31mred\u{202E}rlo\x07";

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let e = env();
    let mut org = common::org(HOSTILE, "SE", "Gävle");
    org.notes = format!("{HOSTILE}\nline two");
    let id = e.store.create_org(&e.anna, org, true).unwrap();
    e.store
        .create_person(
            &e.anna,
            intnet::model::PersonData {
                org_id: id,
                name: format!("Eve {HOSTILE}"),
                title: "@SUM(1+1)".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let (orgs, persons) = e.store.export_contacts().unwrap();
    let vcf = cio::vcard::write(&orgs, &persons);
    let csv_p = {
        let mut b = Vec::new();
        cio::csv::write_persons(&mut b, &persons, true).unwrap();
        String::from_utf8(b).unwrap()
    };
    let json =
        intnet::interchange::json::to_string_pretty(&cio::everything(&orgs, &persons, &[], &[]))
            .unwrap();
    let xlsx = cio::xlsx(intnet::i18n::Lang::En, &orgs, &persons, &[], &[]).unwrap();
    let sheet = xlsx_part(&xlsx, "xl/sharedStrings.xml");
    for (what, text) in [
        ("vcard", &vcf),
        ("csv", &csv_p),
        ("json", &json),
        ("xlsx", &sheet),
    ] {
        assert!(
            !text
                .chars()
                .any(|c| c == '\x1b' || c == '\x07' || c == '\u{202E}'),
            "{what}: {text:?}"
        );
    }
    // vCard: the separators are escaped, and another parser reads the name back whole.
    let cards: Vec<_> = ical::VcardParser::new(std::io::BufReader::new(vcf.as_bytes()))
        .collect::<Result<_, _>>()
        .unwrap();
    let fn_ = cards[0]
        .properties
        .iter()
        .find(|p| p.name == "FN")
        .and_then(|p| p.value.clone())
        .unwrap();
    assert!(fn_.contains("\\;") && fn_.contains("\\,"), "{fn_}");
    // CSV: no cell opens as a formula.
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(csv_p.trim_start_matches('\u{feff}').as_bytes());
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(&row[3], "'@SUM(1+1)");
    // The export imported again is the same person, not a new one.
    let inc = cio::read(&vcf, Format::Vcard, &[]).unwrap();
    let p = e.store.plan_import(inc, "", "f").unwrap();
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn persons_csv_moves_people_and_their_organisations_to_another_database() {
    let from = common::cli_db();
    cli_import(&from.path, "apple_3_0.vcf");
    cli_import(&from.path, "google.csv");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("persons.csv");
    cli(
        &from.path,
        &[
            "export",
            "csv",
            "--what",
            "persons",
            "--excel",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    // A fresh database: the organisations come with the persons, their country too.
    let e = env();
    let (text, enc) = cio::decode(&std::fs::read(&file).unwrap());
    assert_eq!(enc, Encoding::Utf8);
    let inc = cio::read(&text, Format::Csv, &[]).unwrap();
    let p = e.store.plan_import(inc, "", "f").unwrap();
    assert!(p.refused.is_empty(), "{:?}", p.refused);
    assert_eq!((p.new_orgs.len(), p.new_persons.len()), (2, 3));
    e.store
        .apply_import(&e.anna, &p, "import:csv", false, None, &mut |_| {})
        .unwrap();
    let rouen = e.store.org(org_id(&e.store, "Ville de Rouen")).unwrap();
    assert_eq!(
        (rouen.data.city.as_str(), rouen.data.country.as_str()),
        ("Rouen", "FR")
    );
    assert_eq!(rouen.data.website, "https://www.rouen.fr");
    let jean = e
        .store
        .persons_of(rouen.id)
        .unwrap()
        .into_iter()
        .find(|p| p.data.name == "Jean Dupont")
        .unwrap();
    assert_eq!(
        jean.data.phone, "+33 2 35 08 69 00",
        "the formula guard is undone"
    );
    // And again: nothing changes.
    let inc = cio::read(&text, Format::Csv, &[]).unwrap();
    assert!(e.store.plan_import(inc, "", "f").unwrap().is_empty());
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn samples() -> Vec<Vec<u8>> {
        [
            "outlook_2_1.vcf",
            "apple_3_0.vcf",
            "kind_org_4_0.vcf",
            "outlook_sv.csv",
            "google.csv",
        ]
        .iter()
        .map(|f| data(f))
        .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any bytes, read as either format: refusals or an error, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let (text, _) = cio::decode(&bytes);
            let _ = cio::read(&text, Format::Vcard, &[]);
            let _ = cio::read(&text, Format::Csv, &[]);
        }

        /// Every sample cut at any byte, and with a byte changed: never a panic, and a
        /// truncated vCard is refused rather than half read silently.
        #[test]
        fn truncated_and_damaged_samples_never_panic(which in 0usize..5, cut in 0usize..1200, at in 0usize..1200, b in any::<u8>()) {
            let mut bytes = samples()[which].clone();
            bytes.truncate(cut.min(bytes.len()));
            let (text, _) = cio::decode(&bytes);
            let _ = cio::read(&text, Format::guess(if which < 3 { "x.vcf" } else { "x.csv" }, &text), &[]);
            if !bytes.is_empty() {
                let i = at % bytes.len();
                bytes[i] = b;
                let (text, _) = cio::decode(&bytes);
                let _ = cio::read(&text, Format::Vcard, &[]);
                let _ = cio::read(&text, Format::Csv, &[]);
            }
        }
    }

    #[test]
    fn a_card_without_end_is_refused_with_its_line() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nORG:X\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\n";
        let inc = cio::read(text, Format::Vcard, &[]).unwrap();
        assert_eq!(inc.persons.len(), 1);
        assert_eq!(inc.refused.len(), 1, "{inc:?}");
        assert_eq!(inc.refused[0].line, 6);
        assert_eq!(inc.refused[0].reason, "err.import_unterminated");
    }
}

#[test]
fn vcard_export_of_one_org_and_import_for_a_unit() {
    let db = common::cli_db();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/google.csv");
    let out = intnet(&db.path)
        .args(["import", "--unit", "KLK"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    cli_import(&db.path, "apple_3_0.vcf");
    let json: serde_json::Value =
        serde_json::from_slice(&cli(&db.path, &["export", "json"])).unwrap();
    assert_eq!(json["format"], "intnet-export");
    let rouen = json["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["data"]["name"] == "Ville de Rouen")
        .unwrap();
    assert_eq!(rouen["owner_unit_name"], "Kommunledningskontoret");
    let jean = json["persons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["data"]["name"] == "Jean Dupont")
        .unwrap();
    assert_eq!(jean["org_uid"], rouen["uid"]);
    assert!(
        jean["data"]["source"]
            .as_str()
            .unwrap()
            .contains("google.csv"),
        "{jean}"
    );
    let vcf = String::from_utf8(cli(
        &db.path,
        &["export", "vcard", "--org", "Ville de Rouen"],
    ))
    .unwrap();
    assert_eq!(vcf.matches("BEGIN:VCARD").count(), 3, "{vcf}");
    assert!(!vcf.contains("Lüneburg"));
    let bad = intnet(&db.path)
        .args(["import", "--unit", "NOPE"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

/// A card's bare web address (`www.x.se`, as Outlook and phones write it) is stored as
/// `https://www.x.se`; importing the card again must not see that as a change.
#[test]
fn reimport_of_a_bare_web_address_changes_nothing() {
    let e = env();
    let vcf = "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Skogsbrukets Hus\r\n\
               URL:www.skogsbrukets-hus.se\r\nADR;TYPE=work:;;;Umeå;;;Sverige\r\nEND:VCARD\r\n\
               BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Åsa Öberg\r\nORG:Skogsbrukets Hus\r\n\
               EMAIL:asa@skogsbrukets-hus.se\r\nEND:VCARD\r\n";
    let incoming = || cio::read(vcf, Format::Vcard, &[]).unwrap();
    let p = e.store.plan_import(incoming(), "", "test").unwrap();
    assert_eq!((p.new_orgs.len(), p.new_persons.len()), (1, 1), "{p:?}");
    e.store
        .apply_import(&e.anna, &p, "import:a", false, None, &mut |_| {})
        .unwrap();
    let id = org_id(&e.store, "Skogsbrukets Hus");
    assert_eq!(
        e.store.org(id).unwrap().data.website,
        "https://www.skogsbrukets-hus.se"
    );
    let again = e.store.plan_import(incoming(), "", "test").unwrap();
    assert!(again.is_empty(), "{:?}", again.org_updates);
    assert_eq!(again.unchanged, 2);
}

/// The import's near-duplicate matcher gives what check before create gives
/// (`similar_orgs`, its near-duplicates) for names, domains and identifiers, in the
/// same order with the same reasons.
#[test]
fn import_matcher_finds_the_near_duplicates_check_before_create_finds() {
    let e = env();
    let web = |name: &str, city: &str, website: &str, orgnr: &str| {
        let mut d = common::org(name, "SE", city);
        d.website = website.into();
        d.orgnr = orgnr.into();
        e.store.create_org(&e.anna, d, true).unwrap()
    };
    web(
        "Gävle Hamn AB",
        "Gävle",
        "https://gavlehamn.se",
        "5565350997",
    );
    web("Gävle Hamn", "Gävle", "", "");
    web("Hansestadt Lübeck", "Lübeck", "https://www.luebeck.de", "");
    web("Stadt Lübeck Hafen", "Lübeck", "", "");
    web(
        "Lübecker Hafen-Gesellschaft",
        "Lübeck",
        "https://lhg.de",
        "",
    );
    web(
        "Region Gävleborg",
        "Gävle",
        "https://regiongavleborg.se",
        "2321000198",
    );
    web("Högskolan i Gävle", "Gävle", "https://hig.se", "");
    let deleted = web("Gävle Hamnen Gamla", "Gävle", "https://gamla.se", "");
    e.store.delete_org(&e.anna, deleted).unwrap();
    let mut p = intnet::model::PersonData {
        org_id: org_id(&e.store, "Högskolan i Gävle"),
        name: "Per Persson".into(),
        email: "per@luebeck.de".into(),
        ..Default::default()
    };
    e.store.create_person(&e.anna, p.clone()).unwrap();
    p.email = "pia@lhg.de".into();
    p.name = "Pia Persson".into();
    e.store.create_person(&e.anna, p).unwrap();

    let cases: Vec<intnet::model::OrgData> = [
        ("Gävle hamn ab", "", "", ""),
        ("Gavle Hamn", "", "", ""),
        ("Hamn", "", "", ""),
        ("Lübeck", "", "https://luebeck.de", ""),
        ("Hansestadt Luebeck", "Lübeck", "", ""),
        ("Stadt Lübeck", "", "www.lhg.de/om", ""),
        ("Helt Annat Namn", "Gävle", "", "556535-0997"),
        ("Regionförbundet", "", "", "232100-0198"),
        ("Gävle Hamnen Gamla", "", "gamla.se", ""),
        ("Nordic Logistics AB", "Gävle", "https://nordic.example", ""),
        ("Hö", "", "", ""),
    ]
    .into_iter()
    .map(|(name, city, website, orgnr)| {
        let mut d = common::org(name, "SE", city);
        d.website = website.into();
        d.orgnr = orgnr.into();
        d
    })
    .collect();
    // One matcher for every case, as an import asks it (it keeps what it read).
    let mut matcher = e.store.near_duplicate_matcher();
    let mut found = 0;
    for d in &cases {
        let check: Vec<_> = e
            .store
            .similar_orgs(d, &[])
            .unwrap()
            .into_iter()
            .filter(intnet::model::Similar::is_near_duplicate)
            .collect();
        assert_eq!(
            matcher.find(d).unwrap(),
            check,
            "{} / {}",
            d.name,
            d.website
        );
        assert_eq!(e.store.near_duplicate_orgs(d).unwrap(), check, "{}", d.name);
        found += check.len();
    }
    // The cases find something: names, domains (web and e-mail), identifiers.
    assert!(found >= 10, "{found}");
}
