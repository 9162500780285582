//! Regional partners (issue 16): two databases play two municipalities. Sandviken
//! shares; Gävle imports and checks before creating.

mod common;
use common::intnet;
use intnet::interchange::regional::{self, Refusal, RegionalFile};
use intnet::model::{
    InteractionData, InteractionKind, OrgData, OrgKind, PersonData, RegionalEntry, SimilarReason,
    parse_orgnr,
};
use intnet::store::Error;
use predicates::prelude::*;

/// Sandviken: one shared partner with a person and contacts, one not shared.
fn sandviken() -> (common::Env, Vec<(String, String)>) {
    let e = common::env();
    let shared = e
        .store
        .create_org(
            &e.office,
            OrgData {
                kind: OrgKind::University,
                website: "https://www.uni-tartu.ee/en".into(),
                orgnr: "212000-2163".into(),
                pic: "999884728".into(),
                oid: "E10208588".into(),
                share: true,
                ..common::org("Tartu Ülikool", "EE", "Tartu")
            },
            false,
        )
        .unwrap();
    let secret = e
        .store
        .create_org(
            &e.office,
            OrgData {
                website: "https://secret.example.org".into(),
                ..common::org("Hemlig Partner AB", "SE", "Sandviken")
            },
            false,
        )
        .unwrap();
    let mut people = Vec::new();
    for (org, name, email) in [
        (shared, "Kadri Tamm", "kadri.tamm@ut.ee"),
        (shared, "Mart Kask", "mart.kask@ut.ee"),
        (secret, "Sven Hemlig", "sven.hemlig@secret.example.org"),
    ] {
        let person = e
            .store
            .create_person(
                &e.anna,
                PersonData {
                    org_id: org,
                    name: name.into(),
                    email: email.into(),
                    title: "Koordinator".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        e.store
            .add_interaction(
                &e.anna,
                InteractionData {
                    org_id: org,
                    person_id: Some(person),
                    member_id: e.anna.member_id,
                    unit_id: e.anna.unit_id,
                    date: "2026-03-04".into(),
                    kind: InteractionKind::Meeting,
                    summary: format!("Möte med {name}"),
                    follow_up: None,
                },
            )
            .unwrap();
        people.push((name.to_string(), email.to_string()));
    }
    // Members are people too.
    for a in [&e.office, &e.anna, &e.bjorn, &e.viewer] {
        people.push((a.full_name.clone(), a.account.clone()));
    }
    (e, people)
}

fn export_json(e: &common::Env) -> String {
    let entries = e.store.shared_orgs(&e.office).unwrap();
    RegionalFile::new("2026-11-28T12:00:00Z".into(), entries)
        .to_json()
        .unwrap()
}

fn import(e: &common::Env, json: &str) -> Result<usize, Refusal> {
    let file = regional::parse(json.as_bytes())?;
    Ok(e.store
        .replace_regional_layer(
            &e.office,
            "Sandvikens kommun",
            &file.exported_at,
            &file.organisations,
        )
        .unwrap()
        .organisations)
}

#[test]
fn the_second_municipality_finds_the_first_ones_partner() {
    let (sandviken, _) = sandviken();
    let json = export_json(&sandviken);
    let gavle = common::env();
    assert_eq!(import(&gavle, &json), Ok(1));

    // By name (another spelling), by domain, by identifier (written another way).
    let by_name = gavle
        .store
        .similar_regional(&common::org("Tartu Ulikool", "EE", ""))
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].source, "Sandvikens kommun");
    assert_eq!(by_name[0].reason, Some(SimilarReason::Name));
    assert_eq!(by_name[0].last_contact_year, Some(2026));
    assert_eq!(by_name[0].units, "Kommunledningskontoret");
    let by_domain = gavle
        .store
        .similar_regional(&OrgData {
            website: "ut.ee".into(),
            ..common::org("University of Tartu", "EE", "")
        })
        .unwrap();
    // "uni-tartu.ee" is its domain; "ut.ee" is not: only a real domain matches.
    assert!(
        by_domain
            .iter()
            .all(|r| r.reason != Some(SimilarReason::Domain))
    );
    let by_domain = gavle
        .store
        .similar_regional(&OrgData {
            website: "http://uni-tartu.ee/".into(),
            ..common::org("UT", "EE", "")
        })
        .unwrap();
    assert_eq!(by_domain.len(), 1);
    assert_eq!(by_domain[0].reason, Some(SimilarReason::Domain));
    let by_id = gavle
        .store
        .similar_regional(&OrgData {
            orgnr: "2120002163".into(),
            ..common::org("Something else", "EE", "")
        })
        .unwrap();
    assert_eq!(by_id.len(), 1);
    assert_eq!(by_id[0].reason, Some(SimilarReason::Identifier));

    // Lookup finds it by name prefix and by OID; our own registry stays empty.
    assert_eq!(gavle.store.find_regional("tartu", 10).unwrap().len(), 1);
    assert_eq!(gavle.store.find_regional("e10208588", 10).unwrap().len(), 1);
    assert!(gavle.store.find("tartu", 10).unwrap().is_empty());

    // Adopting makes it ours, with a note of where it came from.
    let id = by_id[0].id;
    let ours = gavle
        .store
        .adopt_regional(&gavle.anna, id, "Från Sandvikens kommun".into(), false)
        .unwrap();
    let org = gavle.store.org(ours).unwrap();
    assert_eq!(org.data.orgnr, "212000-2163");
    assert_eq!(org.data.oid, "E10208588");
    assert!(org.data.notes.contains("Sandvikens kommun"));
    assert!(!org.data.share, "an adopted organisation is not shared on");
    assert_eq!(gavle.store.find("tartu", 10).unwrap()[0].org_id, ours);
}

#[test]
fn nothing_personal_crosses() {
    let (sandviken, people) = sandviken();
    let json = export_json(&sandviken);
    assert!(json.contains("Tartu Ülikool"));
    assert!(!json.contains("Hemlig"), "an unshared organisation left");
    for (name, email) in &people {
        assert!(!json.contains(name.as_str()), "{name} is in the export");
        assert!(!json.contains(email.as_str()), "{email} is in the export");
    }
    assert!(!json.contains("Möte"), "a contact summary is in the export");
    assert!(!json.contains('@'));
}

#[test]
fn a_new_file_from_the_same_source_replaces_its_layer() {
    let (sandviken, _) = sandviken();
    let gavle = common::env();
    import(&gavle, &export_json(&sandviken)).unwrap();
    // Sandviken shares another partner and stops sharing Tartu.
    let tartu = sandviken.store.org_by_name_or_id("Tartu Ülikool").unwrap();
    let current = sandviken.store.org(tartu).unwrap();
    sandviken
        .store
        .update_org(
            &sandviken.office,
            tartu,
            current.meta.version,
            OrgData {
                share: false,
                ..current.data
            },
        )
        .unwrap();
    sandviken
        .store
        .create_org(
            &sandviken.office,
            OrgData {
                share: true,
                ..common::org("Turun kaupunki", "FI", "Turku")
            },
            false,
        )
        .unwrap();
    assert_eq!(import(&gavle, &export_json(&sandviken)), Ok(1));
    assert!(gavle.store.find_regional("tartu", 10).unwrap().is_empty());
    assert_eq!(gavle.store.find_regional("turun", 10).unwrap().len(), 1);
    let sources = gavle.store.regional_sources().unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].organisations, 1);
    // Each import is audited with its counts (the only source has id 1).
    let audit = gavle.store.audit_for("regional_source", 1).unwrap();
    assert_eq!(audit.len(), 2);
    assert!(audit.iter().all(|a| a.action == "import"));
    let last: serde_json::Value = serde_json::from_str(audit[1].after.as_deref().unwrap()).unwrap();
    assert_eq!(last["replaced"], 1);
    assert_eq!(last["organisations"], 1);
    assert_eq!(last["source"], "Sandvikens kommun");
}

fn entry(name: &str) -> serde_json::Value {
    serde_json::json!({
        "id": name, "name": name, "kind": "university", "country": "EE", "city": "Tartu",
        "website": "", "identifiers": {}, "priority_areas": [], "growth_areas": [],
        "known_by": [{"unit": "Kultur", "last_contact_year": 2025}],
        "last_contact_year": 2025, "contact_role": "Internationella kontoret"
    })
}

fn doc(orgs: Vec<serde_json::Value>) -> serde_json::Value {
    serde_json::json!({
        "format": "intnet-regional", "version": 1,
        "exported_at": "2026-11-28T12:00:00Z", "organisations": orgs
    })
}

/// What a refusal must be.
type Expected = fn(&Refusal) -> bool;

#[test]
fn each_bad_file_is_refused_and_nothing_changes() {
    let gavle = common::env();
    let good = doc(vec![entry("Tartu Ülikool")]).to_string();
    assert_eq!(import(&gavle, &good), Ok(1));
    let mut wrong_version = doc(vec![entry("Other")]);
    wrong_version["version"] = 2.into();
    let mut unknown_field = doc(vec![entry("Other")]);
    unknown_field["organisations"][0]["phone"] = "+46 26 17 80 00".into();
    let mut bad_kind = doc(vec![entry("Other")]);
    bad_kind["organisations"][0]["kind"] = "castle".into();
    let mut bad_orgnr = doc(vec![entry("Other")]);
    bad_orgnr["organisations"][0]["identifiers"]["orgnr"] = "212000-2164".into();
    let mut personal = doc(vec![entry("Other")]);
    personal["organisations"][0]["contact_role"] = "ask anna.svensson@sandviken.se".into();
    let mut personal_unit = doc(vec![entry("Other")]);
    personal_unit["organisations"][0]["known_by"][0]["unit"] = "per_olsson@sandviken.se".into();
    let duplicate = doc(vec![entry("Other"), entry("Other")]);
    let oversized = format!(
        "{}{}",
        doc(vec![entry("Other")]),
        " ".repeat(regional::MAX_FILE_BYTES as usize)
    );
    let cases: Vec<(String, Expected)> = vec![
        (wrong_version.to_string(), |r| {
            *r == Refusal::WrongVersion { found: 2 }
        }),
        (unknown_field.to_string(), |r| {
            matches!(r, Refusal::NotJson { .. })
        }),
        (bad_kind.to_string(), |r| {
            matches!(
                r,
                Refusal::Invalid {
                    at: 1,
                    field: "kind",
                    ..
                }
            )
        }),
        (bad_orgnr.to_string(), |r| {
            *r == Refusal::Invalid {
                at: 1,
                field: "orgnr",
                key: "err.orgnr_check",
            }
        }),
        (personal.to_string(), |r| {
            *r == Refusal::Personal {
                at: 1,
                field: "contact_role",
            }
        }),
        (personal_unit.to_string(), |r| {
            *r == Refusal::Personal {
                at: 1,
                field: "known_by",
            }
        }),
        (duplicate.to_string(), |r| {
            *r == Refusal::Duplicate { at: 2 }
        }),
        (oversized, |r| matches!(r, Refusal::TooLarge { .. })),
        ("{\"format\": \"x\"}".into(), |r| *r == Refusal::WrongFormat),
        ("not json".into(), |r| matches!(r, Refusal::NotJson { .. })),
    ];
    for (json, expected) in cases {
        let refusal = import(&gavle, &json).unwrap_err();
        assert!(expected(&refusal), "unexpected {refusal:?}");
        // The earlier layer is untouched.
        let found = gavle.store.find_regional("tartu", 10).unwrap();
        assert_eq!(found.len(), 1);
        assert!(gavle.store.find_regional("other", 10).unwrap().is_empty());
    }
}

#[test]
fn importing_and_exporting_is_for_the_office() {
    let gavle = common::env();
    assert!(matches!(
        gavle.store.shared_orgs(&gavle.anna),
        Err(Error::Forbidden)
    ));
    let entries: Vec<RegionalEntry> = Vec::new();
    assert!(matches!(
        gavle
            .store
            .replace_regional_layer(&gavle.anna, "Sandvikens kommun", "x", &entries),
        Err(Error::Forbidden)
    ));
}

#[test]
fn organisation_number_check_digits() {
    for valid in [
        "212000-2163",
        "2120002163",
        "556012-5790",
        "16556012-5790",
        "202100-5489",
    ] {
        assert!(parse_orgnr(valid).is_ok(), "{valid} is valid");
    }
    for invalid in [
        "212000-2160",
        "556012-5791",
        "202100-5488",
        "12345",
        "55601-25790x",
    ] {
        assert!(parse_orgnr(invalid).is_err(), "{invalid} is not valid");
    }
}

#[test]
fn the_same_identifier_is_a_near_duplicate_and_lookup_finds_it() {
    let e = common::env();
    let first = e
        .store
        .create_org(
            &e.anna,
            OrgData {
                vat: "SE212000216301".into(),
                pic: "999884728".into(),
                ..common::org("Gävle kommun", "SE", "Gävle")
            },
            false,
        )
        .unwrap();
    let again = OrgData {
        vat: "se 2120002163 01".into(),
        ..common::org("Municipality of Gaevle", "SE", "")
    };
    match e.store.create_org(&e.anna, again, false) {
        Err(Error::Duplicate(similar)) => {
            assert_eq!(similar[0].id, first);
            assert_eq!(similar[0].reason, SimilarReason::Identifier);
        }
        other => panic!("expected a near-duplicate, got {other:?}"),
    }
    let hits = e.store.find("999 884 728", 5).unwrap();
    assert_eq!(hits[0].org_id, first);
    assert_eq!(hits[0].rank, 0);
    // A bad identifier is a field error, in both languages.
    let bad = OrgData {
        orgnr: "212000-2164".into(),
        ..common::org("X", "SE", "")
    };
    match e.store.create_org(&e.anna, bad, false) {
        Err(Error::Invalid(errors)) => {
            assert_eq!(errors[0].field, "orgnr");
            assert_eq!(errors[0].key, "err.orgnr_check");
        }
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn the_shell_exports_imports_refuses_and_adopts() {
    let a = common::cli_db();
    intnet(&a.path)
        .args([
            "org",
            "add",
            "Tartu Ülikool",
            "--country",
            "EE",
            "--kind",
            "university",
        ])
        .args(["--orgnr", "2120002163", "--share"])
        .assert()
        .success();
    let out = a.path.with_extension("json");
    intnet(&a.path)
        .args(["export", "regional", "--out"])
        .arg(&out)
        .assert()
        .success();
    let b = common::cli_db();
    intnet(&b.path)
        .args(["import", "regional"])
        .arg(&out)
        .args(["--from", "Sandvikens kommun"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Sandvikens kommun"));
    let found = intnet(&b.path)
        .args(["find", "212000-2163"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&found.stdout);
    assert!(text.contains("Sandvikens kommun knows them"), "{text}");
    // A member may not import.
    intnet(&b.path)
        .args(["--as", "anna", "import", "regional"])
        .arg(&out)
        .args(["--from", "Sandvikens kommun"])
        .assert()
        .failure();
    // A bad file: refused with the reason.
    let bad = b.path.with_extension("bad.json");
    std::fs::write(&bad, doc(vec![serde_json::json!({"id": "1"})]).to_string()).unwrap();
    intnet(&b.path)
        .args(["import", "regional"])
        .arg(&bad)
        .args(["--from", "Sandvikens kommun"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nothing imported"));
    // find --json marks it; adopt-regional takes it in with its identifier.
    let found = intnet(&b.path)
        .args(["find", "tartu", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(rows[0]["kind"], "regional");
    assert_eq!(rows[0]["source"], "Sandvikens kommun");
    let id = rows[0]["id"].as_i64().unwrap().to_string();
    intnet(&b.path)
        .args(["--as", "anna", "org", "adopt-regional", &id])
        .assert()
        .success();
    let shown = intnet(&b.path)
        .args(["org", "show", "Tartu Ülikool"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(shown.contains("212000-2163"), "{shown}");
    assert!(shown.contains("Sandvikens kommun"), "{shown}");
    // Check before create shows the regional entry after our own near-duplicate.
    intnet(&b.path)
        .args([
            "--as",
            "anna",
            "org",
            "add",
            "Tartu Ulikool",
            "--country",
            "EE",
        ])
        .assert()
        .code(2)
        .stderr(
            predicates::str::contains("Sandvikens kommun knows them")
                .and(predicates::str::contains("--force")),
        );
}

/// The exported document uses only what the published schema names, and has what it
/// requires.
#[test]
fn the_export_follows_the_published_schema() {
    let (sandviken, _) = sandviken();
    let json: serde_json::Value = serde_json::from_str(&export_json(&sandviken)).unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/regional-exchange.schema.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let check = |doc: &serde_json::Value, props: &serde_json::Value| {
        for k in keys(doc) {
            assert!(keys(props).contains(&k), "{k} is not in the schema");
        }
    };
    check(&json, &schema["properties"]);
    assert_eq!(json["version"], schema["properties"]["version"]["const"]);
    assert_eq!(json["format"], schema["properties"]["format"]["const"]);
    let org_schema = &schema["$defs"]["organisation"]["properties"];
    let org = &json["organisations"][0];
    check(org, org_schema);
    check(
        &org["identifiers"],
        &org_schema["identifiers"]["properties"],
    );
    check(
        &org["known_by"][0],
        &org_schema["known_by"]["items"]["properties"],
    );
    for k in schema["$defs"]["organisation"]["required"]
        .as_array()
        .unwrap()
    {
        assert!(org.get(k.as_str().unwrap()).is_some(), "{k} is missing");
    }
}

mod tui {
    use super::*;
    use intnet::i18n::Lang;
    use intnet::tui::app::{App, Modal};
    use intnet::tui::keymap::Keymap;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn app_for(e: &common::Env, who: &str) -> App {
        let store = intnet::store::Store::open(&e.path).unwrap();
        let actor = store.actor(who).unwrap();
        let (keymap, _) = Keymap::new(&Default::default());
        App::new(store, actor, Lang::En, keymap, (100, 30)).unwrap()
    }

    fn key(app: &mut App, code: KeyCode, m: KeyModifiers) {
        app.handle_key(KeyEvent::new(code, m));
    }

    fn screen(app: &App) -> String {
        let mut t = Terminal::new(TestBackend::new(100, 30)).unwrap();
        t.draw(|f| intnet::tui::ui::draw(f, app)).unwrap();
        let buf = t.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// Ctrl-F shows the regional entry after our own, marked; Ctrl-T takes it in.
    #[test]
    fn quick_lookup_shows_and_adopts_a_regional_entry() {
        let (sandviken, _) = sandviken();
        let gavle = common::env();
        import(&gavle, &export_json(&sandviken)).unwrap();
        let mut app = app_for(&gavle, "anna");
        key(&mut app, KeyCode::Char('f'), KeyModifiers::CONTROL);
        for c in "tartu".chars() {
            key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
        }
        let Some(Modal::Lookup(l)) = &app.modal else {
            panic!("no lookup")
        };
        assert!(l.hits.is_empty());
        assert_eq!(l.regional.len(), 1);
        let picture = screen(&app);
        assert!(picture.contains("In the region"), "{picture}");
        assert!(
            picture.contains("Sandvikens kommun knows them, last contact 2026"),
            "{picture}"
        );
        key(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
        assert!(app.modal.is_none(), "{:?}", app.status);
        let hits = gavle.store.find("tartu", 5).unwrap();
        assert_eq!(hits.len(), 1);
        let org = gavle.store.org(hits[0].org_id).unwrap();
        assert!(
            org.data.notes.contains("Sandvikens kommun"),
            "{}",
            org.data.notes
        );
    }

    /// The new-organisation form lists the regional entry beside our own matches.
    #[test]
    fn check_before_create_in_the_form_shows_the_region() {
        let (sandviken, _) = sandviken();
        let gavle = common::env();
        import(&gavle, &export_json(&sandviken)).unwrap();
        let mut app = app_for(&gavle, "anna");
        key(&mut app, KeyCode::Char('n'), KeyModifiers::NONE);
        for c in "Tartu Ulikool".chars() {
            key(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
        }
        let Some(Modal::Form(f)) = &app.modal else {
            panic!("no form")
        };
        assert_eq!(f.regional.len(), 1);
        let picture = screen(&app);
        assert!(picture.contains("In the region"), "{picture}");
    }
}
