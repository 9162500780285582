//! The store against a real SQLite file: versions and conflicts, soft delete and undo,
//! audit, roles, check-before-create, search.

mod common;
use common::{env, org};
use intnet::model::{
    HitKind, InteractionData, InteractionKind, OrgKind, PersonData, SimilarReason,
};
use intnet::store::{Error, OrgFilter, SortOrder, Store};

#[test]
fn a_stale_save_is_refused_with_who_and_when() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Miasto Łódź", "PL", "Łódź"), false)
        .unwrap();
    let seen = e.store.org(id).unwrap();
    let mut bjorns = seen.data.clone();
    bjorns.notes = "Björn's note".into();
    e.store
        .update_org(&e.bjorn, id, seen.meta.version, bjorns)
        .unwrap();
    let mut annas = seen.data.clone();
    annas.notes = "Anna's note".into();
    let err = e
        .store
        .update_org(&e.anna, id, seen.meta.version, annas)
        .unwrap_err();
    match err {
        Error::Conflict { by, at } => {
            assert_eq!(by, "Björn Ek");
            // When: the moment Björn's save was stored, not any time.
            assert_eq!(at, e.store.org(id).unwrap().meta.updated_at);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(e.store.org(id).unwrap().data.notes, "Björn's note");
}

#[test]
fn delete_is_soft_and_undo_walks_back_my_changes() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Tartu linn", "EE", "Tartu"), false)
        .unwrap();
    let v1 = e.store.org(id).unwrap();
    let mut renamed = v1.data.clone();
    renamed.name = "Tartu City".into();
    e.store
        .update_org(&e.anna, id, v1.meta.version, renamed)
        .unwrap();
    e.store.delete_org(&e.anna, id).unwrap();
    assert!(matches!(e.store.org(id), Err(Error::NotFound)));
    assert!(
        e.store.find("tartu", 10).unwrap().is_empty(),
        "deleted rows leave the index"
    );

    let u = e.store.undo_last(&e.anna).unwrap();
    assert_eq!(
        (u.action.as_str(), u.entity.as_str(), u.entity_id),
        ("delete", "org", id)
    );
    assert_eq!(e.store.org(id).unwrap().data.name, "Tartu City");
    assert_eq!(e.store.find("tartu", 10).unwrap().len(), 1);

    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(e.store.org(id).unwrap().data.name, "Tartu linn");
    e.store.undo_last(&e.anna).unwrap();
    assert!(matches!(e.store.org(id), Err(Error::NotFound)));
    assert!(matches!(
        e.store.undo_last(&e.anna),
        Err(Error::Rule("err.nothing_to_undo"))
    ));
    // Björn has nothing of his own to undo.
    assert!(matches!(
        e.store.undo_last(&e.bjorn),
        Err(Error::Rule("err.nothing_to_undo"))
    ));
}

#[test]
fn undo_refuses_when_someone_changed_the_row_since() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Turun kaupunki", "FI", "Turku"), false)
        .unwrap();
    let v = e.store.org(id).unwrap();
    let mut d = v.data.clone();
    d.city = "Åbo".into();
    e.store
        .update_org(&e.anna, id, v.meta.version, d.clone())
        .unwrap();
    let v2 = e.store.org(id).unwrap();
    d.notes = "Björn was here".into();
    e.store
        .update_org(&e.bjorn, id, v2.meta.version, d)
        .unwrap();
    assert!(matches!(
        e.store.undo_last(&e.anna),
        Err(Error::Conflict { .. })
    ));
    assert_eq!(e.store.org(id).unwrap().data.notes, "Björn was here");
}

#[test]
fn every_change_writes_an_audit_row() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Klaipėdos miestas", "LT", "Klaipėda"), false)
        .unwrap();
    let v = e.store.org(id).unwrap();
    let mut d = v.data.clone();
    d.status = intnet::model::OrgStatus::Dormant;
    e.store.update_org(&e.anna, id, v.meta.version, d).unwrap();
    e.store.delete_org(&e.anna, id).unwrap();
    let trail = e.store.audit_for("org", id).unwrap();
    let actions: Vec<&str> = trail.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(actions, ["create", "update", "delete"]);
    assert!(
        trail
            .iter()
            .all(|a| a.member.as_deref() == Some("Anna Åberg"))
    );
    assert!(
        trail[1]
            .before
            .as_deref()
            .unwrap_or("")
            .contains("\"active\"")
    );
    assert!(
        trail[1]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("\"dormant\"")
    );
}

#[test]
fn roles_are_enforced_in_the_library() {
    let e = env();
    assert!(matches!(
        e.store
            .create_org(&e.viewer, org("Rīga", "LV", "Rīga"), false),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store
            .add_member(&e.anna, "x", "X", None, intnet::model::Role::Member),
        Err(Error::Forbidden)
    ));
    let id = e
        .store
        .create_org(&e.anna, org("Rīgas pilsēta", "LV", "Rīga"), false)
        .unwrap();
    let log = |_who: &intnet::model::Actor, member_id: i64| InteractionData {
        org_id: id,
        member_id,
        date: "2026-11-01".into(),
        summary: "Möte".into(),
        ..InteractionData::default()
    };
    // A member logs for themself, not for others; the office may log for anyone.
    let mine = e
        .store
        .add_interaction(&e.anna, log(&e.anna, e.anna.member_id))
        .unwrap();
    assert!(matches!(
        e.store
            .add_interaction(&e.anna, log(&e.anna, e.bjorn.member_id)),
        Err(Error::Forbidden)
    ));
    e.store
        .add_interaction(&e.office, log(&e.office, e.bjorn.member_id))
        .unwrap();
    // Björn may not delete Anna's interaction; the office may.
    assert!(matches!(
        e.store.delete_interaction(&e.bjorn, mine),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store.delete_interaction(&e.viewer, mine),
        Err(Error::Forbidden)
    ));
    e.store.delete_interaction(&e.office, mine).unwrap();
    // The last office member cannot be demoted.
    assert!(matches!(
        e.store
            .set_role(&e.office, "office", intnet::model::Role::Member),
        Err(Error::Rule("err.last_office"))
    ));
}

#[test]
fn check_before_create_finds_name_domain_and_place() {
    let e = env();
    let mut lubeck = org("Hansestadt Lübeck", "DE", "Lübeck");
    lubeck.kind = OrgKind::TwinCity;
    lubeck.website = "https://www.luebeck.de".into();
    let id = e.store.create_org(&e.anna, lubeck, false).unwrap();
    let other = e
        .store
        .create_org(&e.anna, org("IHK zu Lübeck", "DE", "Lübeck"), false)
        .unwrap();

    // A similar folded name is a near-duplicate: refused without "create anyway".
    let err = e
        .store
        .create_org(&e.bjorn, org("Hansestadt Lubeck", "de", ""), false)
        .unwrap_err();
    let Error::Duplicate(similar) = err else {
        panic!("expected duplicate")
    };
    assert_eq!(similar[0].id, id);
    assert_eq!(similar[0].reason, SimilarReason::Name);
    assert_eq!(similar[0].owner.as_deref(), Some("Anna Åberg"));
    assert_eq!(similar[0].last_contact, None, "no contact logged yet");
    // Once a contact is logged, check-before-create says when.
    e.store
        .add_interaction(
            &e.anna,
            intnet::model::InteractionData {
                org_id: id,
                member_id: e.anna.member_id,
                unit_id: e.anna.unit_id,
                date: "2026-03-14".into(),
                summary: "Call about the twinning".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let similar = e
        .store
        .similar_orgs(&org("Hansestadt Lubeck", "de", ""), &[])
        .unwrap();
    assert_eq!(similar[0].id, id);
    assert_eq!(similar[0].owner.as_deref(), Some("Anna Åberg"));
    assert_eq!(similar[0].last_contact.as_deref(), Some("2026-03-14"));

    // The same web domain, under another name.
    let mut by_domain = org("Lübeck Rathaus", "DE", "");
    by_domain.website = "luebeck.de/rathaus".into();
    let sims = e.store.similar_orgs(&by_domain, &[]).unwrap();
    assert!(
        sims.iter()
            .any(|s| s.id == id && s.reason == SimilarReason::Domain)
    );

    // Same city and country is shown, but does not block.
    let place = e
        .store
        .similar_orgs(&org("Musikhochschule", "DE", "Lubeck"), &[])
        .unwrap();
    assert!(
        place
            .iter()
            .any(|s| s.id == other && s.reason == SimilarReason::Place)
    );
    e.store
        .create_org(&e.bjorn, org("Musikhochschule", "DE", "Lübeck"), false)
        .unwrap();

    // "Create anyway" saves and is audited as such.
    let dup = e
        .store
        .create_org(&e.bjorn, org("Hansestadt Lubeck", "DE", ""), true)
        .unwrap();
    let trail = e.store.audit_for("org", dup).unwrap();
    assert_eq!(trail[0].action, "create_anyway");
    assert!(
        trail[0]
            .before
            .as_deref()
            .unwrap_or("")
            .contains("Hansestadt Lübeck")
    );
}

#[test]
fn e_mail_domain_of_a_known_person_counts_as_similar() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Tartu Ülikool", "EE", "Tartu"), false)
        .unwrap();
    e.store
        .create_person(
            &e.anna,
            PersonData {
                org_id: id,
                name: "Jüri Tamm".into(),
                email: "juri@ut.ee".into(),
                ..PersonData::default()
            },
        )
        .unwrap();
    let mut new = org("University of Tartu", "EE", "");
    new.website = "https://ut.ee".into();
    let sims = e.store.similar_orgs(&new, &[]).unwrap();
    assert!(
        sims.iter()
            .any(|s| s.id == id && s.reason == SimilarReason::Domain),
        "{sims:?}"
    );
}

fn search_env() -> common::Env {
    let e = env();
    for (name, cc, city) in [
        ("Hansestadt Lübeck", "DE", "Lübeck"),
        ("Lübecker Hafen-Gesellschaft", "DE", "Lübeck"),
        ("Miasto Łódź", "PL", "Łódź"),
        ("Gävle Energi", "SE", "Gävle"),
        ("Kraków Technology Park", "PL", "Kraków"),
        ("Lübeck", "DE", "Lübeck"),
    ] {
        e.store
            .create_org(&e.office, org(name, cc, city), true)
            .unwrap();
    }
    e
}

#[test]
fn lookup_ignores_case_and_diacritics() {
    let e = search_env();
    let names = |q: &str| -> Vec<String> {
        e.store
            .find(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.name)
            .collect()
    };
    assert!(names("lubeck").contains(&"Hansestadt Lübeck".to_string()));
    assert!(names("LODZ").contains(&"Miasto Łódź".to_string()));
    assert!(names("gavle").contains(&"Gävle Energi".to_string()));
    assert!(
        names("krakow tech").contains(&"Kraków Technology Park".to_string()),
        "multi-word"
    );
    assert!(
        names("krak").contains(&"Kraków Technology Park".to_string()),
        "prefix"
    );
}

#[test]
fn lookup_ranks_exact_then_prefix_then_word() {
    let e = search_env();
    let hits = e.store.find("lubeck", 10).unwrap();
    let orgs: Vec<(&str, u8)> = hits
        .iter()
        .filter(|h| h.kind == HitKind::Organisation)
        .map(|h| (h.name.as_str(), h.rank))
        .collect();
    assert_eq!(orgs[0], ("Lübeck", 0));
    assert_eq!(orgs[1], ("Lübecker Hafen-Gesellschaft", 1));
    assert_eq!(orgs[2], ("Hansestadt Lübeck", 2));
}

#[test]
fn lookup_puts_recent_contact_first_among_equals() {
    let e = env();
    let a = e
        .store
        .create_org(&e.anna, org("Tartu Art School", "EE", "Tartu"), false)
        .unwrap();
    let b = e
        .store
        .create_org(&e.anna, org("Tartu Business Park", "EE", "Tartu"), false)
        .unwrap();
    for (id, date) in [(a, "2025-01-01"), (b, "2026-10-01")] {
        e.store
            .add_interaction(
                &e.anna,
                InteractionData {
                    org_id: id,
                    member_id: e.anna.member_id,
                    date: date.into(),
                    summary: "hej".into(),
                    ..InteractionData::default()
                },
            )
            .unwrap();
    }
    let hits: Vec<i64> = e
        .store
        .find("tartu", 10)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == HitKind::Organisation)
        .map(|h| h.id)
        .collect();
    assert_eq!(hits, [b, a]);
    assert_eq!(
        e.store.org(b).unwrap().last_contact.as_deref(),
        Some("2026-10-01")
    );
}

#[test]
fn lookup_tolerates_one_typo_when_nothing_matches() {
    let e = search_env();
    let hits = e.store.find("lubek", 10).unwrap();
    assert!(
        hits.iter()
            .any(|h| h.name == "Hansestadt Lübeck" && h.rank == 3),
        "{hits:?}"
    );
    let hits = e.store.find("krakw", 10).unwrap();
    assert!(hits.iter().any(|h| h.name == "Kraków Technology Park"));
    assert!(e.store.find("zzzzzz", 10).unwrap().is_empty());
    // An extra letter before the first is found through the second. (A wrong first
    // letter, "kubeck", is not: neighbours are looked up by their first letters.)
    assert!(
        e.store
            .find("slubeck", 10)
            .unwrap()
            .iter()
            .any(|h| h.name == "Hansestadt Lübeck" && h.rank == 3)
    );
    // Only when nothing matched: "gavle" matches Gävle Energi, and "gavlf"-like
    // neighbours are not added to a query that already has hits.
    let hits = e.store.find("gavle", 10).unwrap();
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h.rank < 3),
        "{hits:?}"
    );
    // Only for words of four letters or more: "lod" is a prefix of Łódź, "lox" is
    // one letter from it and too short to guess at.
    assert!(
        e.store
            .find("lod", 10)
            .unwrap()
            .iter()
            .any(|h| h.name == "Miasto Łódź")
    );
    assert!(e.store.find("lox", 10).unwrap().is_empty());
    assert!(
        e.store
            .find("lodx", 10)
            .unwrap()
            .iter()
            .any(|h| h.name == "Miasto Łódź" && h.rank == 3)
    );
}

#[test]
fn near_duplicates_by_similar_spelling_and_by_whole_words_inside() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Stadt Lübeck", "DE", ""), false)
        .unwrap();
    let harbour = e
        .store
        .create_org(&e.anna, org("Hafen Ost", "DE", ""), false)
        .unwrap();
    let blocks_org = |id: i64, name: &str| -> bool {
        e.store
            .similar_orgs(&org(name, "DE", ""), &[])
            .unwrap()
            .iter()
            .any(|s| s.id == id && s.is_near_duplicate())
    };
    let blocks = |name: &str| blocks_org(id, name);
    // Jaro-Winkler: one letter off in a long name.
    assert!(blocks("Stadt Lubek"));
    // Containment as whole words: the shorter name inside the longer.
    assert!(blocks("Lübeck"));
    assert!(blocks("Hansestadt Stadt Lübeck Rathaus"));
    // Not as a part of a word, and not a short word (under four letters).
    assert!(!blocks("Lübecker Hafen-Gesellschaft Rostock"));
    assert!(blocks_org(harbour, "Hafen"));
    assert!(!blocks_org(harbour, "Ost"));
    // Unrelated names do not block.
    assert!(!blocks("Miasto Łódź"));
}

#[test]
fn any_query_text_is_safe() {
    let e = search_env();
    for q in [
        "\"",
        "lub\"eck",
        "*",
        "-",
        "NEAR(",
        "AND",
        "OR lubeck",
        "lubeck NOT",
        "(",
        "^x",
        "a:b",
        "'",
        "\\",
        "",
    ] {
        let hits = e
            .store
            .find(q, 10)
            .unwrap_or_else(|err| panic!("{q:?} failed: {err}"));
        // Query syntax is text, never an operator: nothing here names an
        // organisation, so nothing may be found (a match-all would list them all).
        if !q.contains("lub") {
            assert!(hits.is_empty(), "{q:?} found {hits:?}");
        } else {
            assert!(
                hits.iter().all(|h| h.name.contains("Lübeck")),
                "{q:?} found {hits:?}"
            );
        }
        e.store
            .list_orgs(
                &OrgFilter {
                    text: q.into(),
                    order: SortOrder::Swedish,
                },
                0,
                10,
            )
            .unwrap_or_else(|err| panic!("{q:?} failed in the list: {err}"));
    }
}

/// The names of the first ten organisations in `order`.
fn org_names(e: &common::Env, order: SortOrder) -> Vec<String> {
    e.store
        .list_orgs(
            &OrgFilter {
                text: String::new(),
                order,
            },
            0,
            10,
        )
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[test]
fn lists_sort_in_swedish_or_english_order() {
    let e = env();
    for n in [
        "Östersund kommun",
        "Aalborg Kommune",
        "Zürich Stadt",
        "Ängelholm",
        "Oslo kommune",
    ] {
        e.store
            .create_org(&e.office, org(n, "SE", ""), true)
            .unwrap();
    }
    let names = |order| org_names(&e, order);
    assert_eq!(
        names(SortOrder::Swedish),
        [
            "Aalborg Kommune",
            "Oslo kommune",
            "Zürich Stadt",
            "Ängelholm",
            "Östersund kommun"
        ]
    );
    assert_eq!(
        names(SortOrder::English),
        [
            "Aalborg Kommune",
            "Ängelholm",
            "Oslo kommune",
            "Östersund kommun",
            "Zürich Stadt"
        ]
    );
    // Pages are windows of the same order.
    let page2 = e
        .store
        .list_orgs(
            &OrgFilter {
                text: String::new(),
                order: SortOrder::Swedish,
            },
            3,
            10,
        )
        .unwrap();
    assert_eq!(page2[0].name, "Ängelholm");
}

/// Names only Swedish order sorts right: byte order puts Ä before Å and Ü after Ö,
/// lower case after upper; Swedish has Å, Ä, Ö after Z and Ü with Y. A rename moves
/// the organisation to its new place.
#[test]
fn swedish_order_is_not_byte_order_and_a_rename_resorts() {
    let e = env();
    let mut ids = std::collections::HashMap::new();
    for n in [
        "Örebro kommun",
        "Zürich Stadt",
        "Ängelholm",
        "Åre kommun",
        "Über Stadt",
        "Ystad",
        "aalborg kommune",
    ] {
        let id = e
            .store
            .create_org(&e.office, org(n, "SE", ""), true)
            .unwrap();
        ids.insert(n, id);
    }
    let names = |order| org_names(&e, order);
    assert_eq!(
        names(SortOrder::Swedish),
        [
            "aalborg kommune",
            "Über Stadt",
            "Ystad",
            "Zürich Stadt",
            "Åre kommun",
            "Ängelholm",
            "Örebro kommun"
        ]
    );
    assert_eq!(
        names(SortOrder::English),
        [
            "aalborg kommune",
            "Ängelholm",
            "Åre kommun",
            "Örebro kommun",
            "Über Stadt",
            "Ystad",
            "Zürich Stadt"
        ]
    );
    // Ystad becomes Ödeshög: from between Ü and Z to between Ä and Örebro.
    let id = ids["Ystad"];
    let (mut data, version) = {
        let o = e.store.org(id).unwrap();
        (o.data.clone(), o.meta.version)
    };
    data.name = "Ödeshög".into();
    e.store.update_org(&e.office, id, version, data).unwrap();
    assert_eq!(
        names(SortOrder::Swedish),
        [
            "aalborg kommune",
            "Über Stadt",
            "Zürich Stadt",
            "Åre kommun",
            "Ängelholm",
            "Ödeshög",
            "Örebro kommun"
        ]
    );
}

#[test]
fn invalid_fields_are_refused_and_nothing_is_stored() {
    let e = env();
    let mut bad = org("", "XX", "");
    bad.website = "not a url".into();
    let Err(Error::Invalid(errors)) = e.store.create_org(&e.anna, bad, false) else {
        panic!()
    };
    let fields: Vec<&str> = errors.iter().map(|f| f.field).collect();
    assert_eq!(fields, ["name", "country", "website"]);
    let id = e
        .store
        .create_org(&e.anna, org("Aarhus Kommune", "DK", "Aarhus"), false)
        .unwrap();
    let Err(Error::Invalid(errors)) = e.store.create_person(
        &e.anna,
        PersonData {
            org_id: id,
            name: "X".into(),
            email: "x@".into(),
            ..PersonData::default()
        },
    ) else {
        panic!()
    };
    assert_eq!(errors[0].field, "email");
    let Err(Error::Invalid(errors)) = e.store.add_interaction(
        &e.anna,
        InteractionData {
            org_id: id,
            member_id: e.anna.member_id,
            date: "2026-02-30".into(),
            summary: "x".into(),
            kind: InteractionKind::Meeting,
            ..InteractionData::default()
        },
    ) else {
        panic!()
    };
    assert_eq!(errors[0].field, "date");
    assert_eq!(
        e.store
            .count_orgs(&OrgFilter {
                text: String::new(),
                order: SortOrder::Swedish
            })
            .unwrap(),
        1
    );
}

#[test]
fn large_notes_and_hostile_text_round_trip() {
    let e = env();
    let mut o = org("Evil \u{1b}[2J\u{202E}Corp", "SE", "Gävle");
    o.notes = "x".repeat(intnet::model::MAX_LONG_TEXT);
    let id = e.store.create_org(&e.anna, o, false).unwrap();
    let back = e.store.org(id).unwrap();
    assert_eq!(back.data.notes.len(), intnet::model::MAX_LONG_TEXT);
    // Stored as typed; cleaned only when drawn.
    assert!(back.data.name.contains('\u{1b}'));
    assert!(!intnet::text::sanitize_line(&back.data.name).contains('\u{1b}'));
}

#[test]
fn a_newer_schema_opens_read_only() {
    let e = env();
    let path = e.path.clone();
    drop(e.store);
    {
        let conn = rusqlite_version_bump(&path);
        drop(conn);
    }
    let store = Store::open(&path).unwrap();
    assert!(store.find("x", 5).is_ok(), "reads still work");
    let office = store.actor("office").unwrap();
    assert!(matches!(
        store.create_org(&office, org("A", "SE", ""), false),
        Err(Error::SchemaTooNew { .. })
    ));
}

fn rusqlite_version_bump(path: &std::path::Path) -> Store {
    let store = Store::open(path).unwrap();
    let v = store.schema_version().unwrap();
    // Simulate a newer intnet having migrated the file.
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "user_version", v + 1).unwrap();
    store
}

/// The walk-through's lookup: organisations whose name matches come before those
/// matched only by their city, which come before persons, before contact summaries;
/// a smaller limit is the start of a larger one; "more" says what was left out.
#[test]
fn lookup_puts_named_organisations_first_and_limits_after_ranking() {
    let e = env();
    let uni = e
        .store
        .create_org(
            &e.office,
            org("Universität zu Lübeck", "DE", "Lübeck"),
            true,
        )
        .unwrap();
    let by_city = e
        .store
        .create_org(&e.office, org("Dräger Werk", "DE", "Lübeck"), true)
        .unwrap();
    let mut person_ids = Vec::new();
    for i in 0..6 {
        let p = e
            .store
            .create_person(
                &e.anna,
                intnet::model::PersonData {
                    org_id: by_city,
                    name: format!("Anna Schmidt {i}"),
                    email: format!("anna{i}@lubeck-werk.example"),
                    ..Default::default()
                },
            )
            .unwrap();
        person_ids.push(p);
        e.store
            .add_interaction(
                &e.anna,
                intnet::model::InteractionData {
                    org_id: by_city,
                    member_id: e.anna.member_id,
                    unit_id: e.anna.unit_id,
                    date: format!("2026-11-{:02}", 10 + i),
                    summary: format!("Samtal om Lübeck nummer {i}"),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    let all = e.store.find_counted("lubeck", 100).unwrap();
    let kinds: Vec<(HitKind, i64)> = all.hits.iter().map(|h| (h.kind, h.org_id)).collect();
    // Both organisations come before every person and every contact, and the one
    // named Lübeck before the one that is only in Lübeck.
    assert_eq!(kinds[0], (HitKind::Organisation, uni), "{kinds:?}");
    assert_eq!(kinds[1], (HitKind::Organisation, by_city), "{kinds:?}");
    let first_contact = kinds
        .iter()
        .position(|(k, _)| *k == HitKind::Interaction)
        .unwrap();
    assert!(
        kinds[2..first_contact]
            .iter()
            .all(|(k, _)| *k == HitKind::Person)
    );
    assert_eq!(all.hits.len(), 2 + 6 + 6);
    assert_eq!((all.more, all.at_least), (0, false));
    // The limit applies after ranking, and what is left out is counted.
    let three = e.store.find_counted("lubeck", 3).unwrap();
    assert_eq!(three.hits, all.hits[..3].to_vec());
    // Sources that could not change the first three were not asked: "at least".
    assert!(
        three.at_least && (1..=11).contains(&three.more),
        "{three:?}"
    );
}

#[test]
fn redo_makes_undone_changes_again_in_order_until_a_new_change() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Rīgas pilsēta", "LV", "Rīga"), false)
        .unwrap();
    let v1 = e.store.org(id).unwrap();
    let mut renamed = v1.data.clone();
    renamed.name = "Riga City".into();
    e.store
        .update_org(&e.anna, id, v1.meta.version, renamed)
        .unwrap();
    e.store.delete_org(&e.anna, id).unwrap();
    assert!(matches!(
        e.store.redo_last(&e.anna),
        Err(Error::Rule("err.nothing_to_redo"))
    ));
    // Undo the delete and the rename: the record is back under its first name.
    e.store.undo_last(&e.anna).unwrap();
    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(e.store.org(id).unwrap().data.name, "Rīgas pilsēta");
    // Redo walks forward: first the rename (undone last), then the delete.
    let next = e.store.next_redo(&e.anna, 0).unwrap().unwrap();
    assert_eq!((next.action.as_str(), next.entity_id), ("update", id));
    assert_eq!(next.name, "Rīgas pilsēta");
    let r = e.store.redo_last(&e.anna).unwrap();
    assert_eq!(r.action, "update");
    assert_eq!(e.store.org(id).unwrap().data.name, "Riga City");
    let r = e.store.redo_last(&e.anna).unwrap();
    assert_eq!(
        (r.action.as_str(), r.name.as_str()),
        ("delete", "Riga City")
    );
    assert!(matches!(e.store.org(id), Err(Error::NotFound)));
    assert!(matches!(
        e.store.redo_last(&e.anna),
        Err(Error::Rule("err.nothing_to_redo"))
    ));
    // A redone change is undone again by the next undo, and redone again after it.
    let u = e.store.undo_last(&e.anna).unwrap();
    assert_eq!(u.action, "delete");
    assert_eq!(e.store.org(id).unwrap().data.name, "Riga City");
    e.store.redo_last(&e.anna).unwrap();
    assert!(matches!(e.store.org(id), Err(Error::NotFound)));
    // The redo's audit rows are marked as such.
    let actions: Vec<String> = e
        .store
        .audit_for("org", id)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.iter().any(|a| a == "redo:update"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "redo:delete"), "{actions:?}");

    // Undo twice, then a new change: the redo chain is gone, also after undoing it.
    e.store.undo_last(&e.anna).unwrap();
    e.store.undo_last(&e.anna).unwrap();
    let other = e
        .store
        .create_org(&e.anna, org("Tallinna linn", "EE", "Tallinn"), false)
        .unwrap();
    assert!(matches!(
        e.store.redo_last(&e.anna),
        Err(Error::Rule("err.nothing_to_redo"))
    ));
    e.store.undo_last(&e.anna).unwrap();
    let r = e.store.redo_last(&e.anna).unwrap();
    assert_eq!(r.entity_id, other, "only the new change is redone");
    assert!(matches!(
        e.store.redo_last(&e.anna),
        Err(Error::Rule("err.nothing_to_redo"))
    ));
    assert_eq!(e.store.org(id).unwrap().data.name, "Rīgas pilsēta");
}

#[test]
fn redo_is_refused_when_someone_changed_the_record_after_the_undo() {
    let e = env();
    let id = e
        .store
        .create_org(&e.anna, org("Klaipėdos miestas", "LT", "Klaipėda"), false)
        .unwrap();
    let v = e.store.org(id).unwrap();
    let mut d = v.data.clone();
    d.city = "Memel".into();
    e.store
        .update_org(&e.anna, id, v.meta.version, d.clone())
        .unwrap();
    e.store.undo_last(&e.anna).unwrap();
    let v2 = e.store.org(id).unwrap();
    d.city = "Klaipėda".into();
    d.notes = "Björn was here".into();
    e.store
        .update_org(&e.bjorn, id, v2.meta.version, d)
        .unwrap();
    match e.store.redo_last(&e.anna) {
        Err(Error::Conflict { by, .. }) => assert_eq!(by, "Björn Ek"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(e.store.org(id).unwrap().data.notes, "Björn was here");
    // Björn's own change has no undo of his to redo.
    assert!(matches!(
        e.store.redo_last(&e.bjorn),
        Err(Error::Rule("err.nothing_to_redo"))
    ));
}

/// The list filter matches an organisation's kind by a word of its name in either
/// language (three letters or more), together with the other words.
#[test]
fn the_list_filter_matches_a_kind_in_either_language() {
    use intnet::model::{OrgData, OrgKind};
    let e = env();
    for (name, cc, city, kind) in [
        ("Kaunas", "LT", "Kaunas", OrgKind::TwinCity),
        ("Nakskov", "DK", "Nakskov", OrgKind::TwinCity),
        ("Lübeck", "DE", "Lübeck", OrgKind::CityRegion),
        ("Universität zu Lübeck", "DE", "Lübeck", OrgKind::University),
        ("Twinning Advisors", "SE", "Gävle", OrgKind::Company),
        ("Annecy", "FR", "Annecy", OrgKind::CityRegion),
        ("Anything AB", "SE", "Gävle", OrgKind::Other),
    ] {
        let data = OrgData {
            kind,
            ..org(name, cc, city)
        };
        e.store.create_org(&e.office, data, true).unwrap();
    }
    let list = |text: &str| -> (i64, Vec<String>) {
        let f = OrgFilter {
            text: text.into(),
            order: SortOrder::English,
        };
        let names = e
            .store
            .list_orgs(&f, 0, 50)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect();
        (e.store.count_orgs(&f).unwrap(), names)
    };
    let twins = (
        3,
        vec![
            "Kaunas".to_string(),
            "Nakskov".to_string(),
            "Twinning Advisors".to_string(),
        ],
    );
    // The kind, and the name that starts with the word.
    assert_eq!(list("twin"), twins);
    assert_eq!(list("Vänort"), (2, vec!["Kaunas".into(), "Nakskov".into()]));
    assert_eq!(list("VANO"), list("vänort"));
    // Combined with the other words (AND), also with the kind word second.
    assert_eq!(list("lub univ").1, ["Universität zu Lübeck"]);
    assert_eq!(list("universitet lübeck").1, ["Universität zu Lübeck"]);
    assert_eq!(list("region lub").1, ["Lübeck"]);
    // Two letters are not enough to name a kind; a word of a kind's name that names
    // nothing ("or", "eller") and the kind "other" are not looked for.
    assert_eq!(list("tw").1, ["Twinning Advisors"]);
    assert_eq!(list("eller").0, 0);
    assert_eq!(list("ann").1, ["Annecy"]);
    // A deleted twin city is not listed.
    let f = OrgFilter {
        text: "Nakskov".into(),
        order: SortOrder::English,
    };
    let id = e.store.list_orgs(&f, 0, 1).unwrap()[0].id;
    e.store.delete_org(&e.office, id).unwrap();
    assert_eq!(list("vänort"), (1, vec!["Kaunas".into()]));
    assert_eq!(list("twin").0, 2);
}
