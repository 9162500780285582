//! Merging duplicates (issue 14): every kind of link moves to the organisation kept,
//! the fields follow the documented rule, undo brings both back as they were, rights,
//! and the removed name stays findable as a former name.

mod common;
use common::{env, intnet, org};
use intnet::model::{
    InteractionData, MembershipData, NewsCategory, NewsData, OrgField, OrgKind, PersonData,
    PersonField, PlanData, PlanItemData, ProjectData, ProjectPartner, ProjectRole, TrainingData,
};
use intnet::store::Error;

struct Linked {
    kept: i64,
    removed: i64,
    person: i64,
    contact: i64,
    membership: i64,
    training: i64,
    item: i64,
    project: i64,
    news: i64,
}

/// Two organisations, the one to remove linked from every kind of record.
fn linked(e: &common::Env) -> Linked {
    let mut k = org("Union of the Baltic Cities", "SE", "");
    k.kind = OrgKind::Network;
    k.notes = "Kept notes".into();
    k.tags = vec!["ubc".into()];
    let kept = e.store.create_org(&e.office, k, false).unwrap();
    let mut r = org("UBC Secretariat", "PL", "Gdańsk");
    r.kind = OrgKind::Network;
    r.notes = "Removed notes".into();
    r.tags = vec!["baltic".into()];
    r.website = "https://www.ubc.net".into();
    let removed = e.store.create_org(&e.office, r, true).unwrap();
    let person = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: removed,
                name: "Paulina Nowak".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let contact = e
        .store
        .add_interaction(
            &e.anna,
            InteractionData {
                org_id: removed,
                person_id: Some(person),
                member_id: e.anna.member_id,
                date: "2026-11-01".into(),
                summary: "Annual meeting".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let membership = e
        .store
        .create_membership(
            &e.office,
            MembershipData {
                org_id: removed,
                member_id: Some(e.anna.member_id),
                ..Default::default()
            },
        )
        .unwrap();
    let training = e
        .store
        .log_training(
            &e.anna,
            TrainingData {
                title: "Study visit".into(),
                date_from: "2026-10-01".into(),
                minutes: 120,
                participants: vec![e.anna.member_id],
                partner_id: Some(removed),
                ..Default::default()
            },
        )
        .unwrap();
    let plan = e
        .store
        .create_plan(
            &e.office,
            PlanData {
                year: common::year(),
                title: "Kommunen".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let (item, _) = e
        .store
        .add_plan_item(
            &e.office,
            PlanItemData {
                plan_id: plan,
                text: "Meet UBC".into(),
                partner_id: Some(removed),
                ..Default::default()
            },
        )
        .unwrap();
    let project = e
        .store
        .create_project(
            &e.office,
            ProjectData {
                name: "Green Ports".into(),
                currency: "EUR".into(),
                partners: vec![ProjectPartner {
                    org_id: removed,
                    role: ProjectRole::Lead,
                }],
                ..Default::default()
            },
        )
        .unwrap();
    let (news, _) = e
        .store
        .post_news(
            &e.office,
            NewsData {
                title: "UBC call".into(),
                body: "Text".into(),
                category: NewsCategory::Call,
                partners: vec![removed, kept],
                ..Default::default()
            },
            true,
        )
        .unwrap();
    Linked {
        kept,
        removed,
        person,
        contact,
        membership,
        training,
        item,
        project,
        news,
    }
}

/// Where the links point: person, contact, membership, training, plan item,
/// project partners, news partners.
type Links = (i64, i64, i64, Option<i64>, Option<i64>, Vec<i64>, Vec<i64>);

/// Where every link of `l` points: person, contact, membership, training, plan
/// item, project partners, news partners.
fn links(e: &common::Env, l: &Linked) -> Links {
    let membership = e
        .store
        .memberships()
        .unwrap()
        .into_iter()
        .find(|m| m.id == l.membership)
        .unwrap();
    (
        e.store.person(l.person).unwrap().data.org_id,
        e.store.interaction(l.contact).unwrap().data.org_id,
        membership.data.org_id,
        e.store.training(l.training).unwrap().data.partner_id,
        e.store.plan_item(l.item).unwrap().data.partner_id,
        e.store
            .project(l.project)
            .unwrap()
            .data
            .partners
            .iter()
            .map(|p| p.org_id)
            .collect(),
        e.store.news(&e.office, l.news).unwrap().data.partners,
    )
}

#[test]
fn every_kind_of_link_moves_and_fields_follow_the_rule() {
    let e = env();
    let l = linked(&e);
    let s = e.store.merge_orgs(&e.anna, l.removed, l.kept, &[]).unwrap();
    assert_eq!(s.moved, 7);
    let k = l.kept;
    assert_eq!(links(&e, &l), (k, k, k, Some(k), Some(k), vec![k], vec![k]));
    // The removed one is gone from the registry; the kept one has its name, the
    // removed one's city and website (empty before), both tags, both notes.
    assert!(matches!(e.store.org(l.removed), Err(Error::NotFound)));
    let kept = e.store.org(k).unwrap().data;
    assert_eq!(kept.name, "Union of the Baltic Cities");
    assert_eq!(kept.country, "SE");
    assert_eq!(kept.city, "Gdańsk");
    assert_eq!(kept.website, "https://www.ubc.net");
    assert_eq!(kept.tags, vec!["ubc".to_string(), "baltic".to_string()]);
    assert_eq!(kept.notes, "Kept notes\n\nRemoved notes");
}

#[test]
fn take_chooses_the_removed_records_value() {
    let e = env();
    let l = linked(&e);
    e.store
        .merge_orgs(
            &e.office,
            l.removed,
            l.kept,
            &[OrgField::Name, OrgField::Country],
        )
        .unwrap();
    let kept = e.store.org(l.kept).unwrap().data;
    assert_eq!(kept.name, "UBC Secretariat");
    assert_eq!(kept.country, "PL");
}

#[test]
fn undo_brings_both_back_as_they_were() {
    let e = env();
    let l = linked(&e);
    let before_links = links(&e, &l);
    let kept_before = e.store.org(l.kept).unwrap().data;
    let removed_before = e.store.org(l.removed).unwrap().data;
    e.store.merge_orgs(&e.anna, l.removed, l.kept, &[]).unwrap();
    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(links(&e, &l), before_links);
    assert_eq!(e.store.org(l.kept).unwrap().data, kept_before);
    assert_eq!(e.store.org(l.removed).unwrap().data, removed_before);
    // The former name went with it: the name finds only the restored organisation.
    assert!(e.store.former_names(l.kept).unwrap().is_empty());
    assert_eq!(
        e.store.org_by_name_or_id("UBC Secretariat").unwrap(),
        l.removed
    );
    // One undo was the whole merge: Anna's next undo is her own earlier change, the
    // training she logged before the merge.
    let next = e.store.next_undo(&e.anna, 0).unwrap().unwrap();
    assert_eq!(
        (next.entity.as_str(), next.entity_id),
        ("training", l.training)
    );
    // Redo would make the merge again only in part: refused, nothing changes.
    assert!(matches!(
        e.store.redo_last(&e.anna),
        Err(Error::Rule("err.redo_merge"))
    ));
    assert_eq!(links(&e, &l), before_links);
    assert!(e.store.org(l.removed).is_ok());
    // The rows the merge wrote carry its batch.
    let batches = e.store.audit_batches("org", l.removed).unwrap();
    assert!(
        batches
            .iter()
            .any(|b| b.as_deref().is_some_and(|b| b.starts_with("merge:org:")))
    );
}

#[test]
fn the_import_uid_moves_to_a_kept_record_without_one_and_back_on_undo() {
    let e = env();
    let l = linked(&e);
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    conn.execute(
        "UPDATE orgs SET import_uid = 'urn:uuid:x' WHERE id = ?1",
        [l.removed],
    )
    .unwrap();
    let uid = |id: i64| -> Option<String> {
        conn.query_row("SELECT import_uid FROM orgs WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    e.store.merge_orgs(&e.anna, l.removed, l.kept, &[]).unwrap();
    assert_eq!(uid(l.kept).as_deref(), Some("urn:uuid:x"));
    assert_eq!(uid(l.removed), None);
    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(uid(l.kept), None);
    assert_eq!(uid(l.removed).as_deref(), Some("urn:uuid:x"));
}

#[test]
fn rights_a_viewer_may_not_merge_and_nothing_changes() {
    let e = env();
    let l = linked(&e);
    let before = links(&e, &l);
    assert!(matches!(
        e.store.merge_orgs(&e.viewer, l.removed, l.kept, &[]),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store.merge_orgs(&e.anna, l.kept, l.kept, &[]),
        Err(Error::Rule("err.merge_same"))
    ));
    assert_eq!(links(&e, &l), before);
    assert!(e.store.org(l.removed).is_ok());
}

#[test]
fn the_former_name_finds_the_kept_organisation() {
    let e = env();
    let l = linked(&e);
    e.store.merge_orgs(&e.anna, l.removed, l.kept, &[]).unwrap();
    let hits = e.store.find("UBC Secretariat", 10).unwrap();
    assert_eq!(hits.first().map(|h| h.id), Some(l.kept));
    assert_eq!(hits.first().map(|h| h.rank), Some(0));
    // A prefix of it too, and the exact name resolves on the command line.
    assert!(
        e.store
            .find("ubc secr", 10)
            .unwrap()
            .iter()
            .any(|h| h.id == l.kept)
    );
    assert_eq!(
        e.store.org_by_name_or_id("ubc secretariat").unwrap(),
        l.kept
    );
    assert_eq!(
        e.store.former_names(l.kept).unwrap(),
        vec!["UBC Secretariat".to_string()]
    );
    // Merged on into a third organisation, the name follows.
    let third = e
        .store
        .create_org(&e.office, org("UBC", "FI", "Turku"), true)
        .unwrap();
    e.store.merge_orgs(&e.anna, l.kept, third, &[]).unwrap();
    assert_eq!(e.store.org_by_name_or_id("UBC Secretariat").unwrap(), third);
    // Undoing that merge carries it back.
    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(
        e.store.org_by_name_or_id("UBC Secretariat").unwrap(),
        l.kept
    );
}

#[test]
fn persons_merge_at_one_organisation_and_their_contacts_move() {
    let e = env();
    let l = linked(&e);
    let twin = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: l.removed,
                name: "Paulina Nowak".into(),
                email: "pn@ubc.net".into(),
                ..Default::default()
            },
        )
        .unwrap();
    e.store
        .merge_persons(&e.anna, l.person, twin, &[PersonField::Name])
        .unwrap();
    assert_eq!(
        e.store.interaction(l.contact).unwrap().data.person_id,
        Some(twin)
    );
    assert!(matches!(e.store.person(l.person), Err(Error::NotFound)));
    assert_eq!(e.store.person(twin).unwrap().data.email, "pn@ubc.net");
    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(
        e.store.interaction(l.contact).unwrap().data.person_id,
        Some(l.person)
    );
    assert!(e.store.person(l.person).is_ok());
    // Persons at two organisations are not merged.
    let other = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: l.kept,
                name: "Someone".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert!(matches!(
        e.store.merge_persons(&e.anna, other, twin, &[]),
        Err(Error::Rule("err.merge_other_org"))
    ));
    assert!(matches!(
        e.store.merge_persons(&e.viewer, l.person, twin, &[]),
        Err(Error::Forbidden)
    ));
}

#[test]
fn cli_org_merge_with_take_and_an_unknown_field() {
    let e = env();
    let l = linked(&e);
    drop(e.store);
    intnet(&e.path)
        .args([
            "--as",
            "anna",
            "org",
            "merge",
            &l.removed.to_string(),
            &l.kept.to_string(),
            "--take",
            "nosuch",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("nosuch"));
    intnet(&e.path)
        .args([
            "--as",
            "anna",
            "--lang",
            "en",
            "org",
            "merge",
            "UBC Secretariat",
            &l.kept.to_string(),
            "--take",
            "city",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("7 records moved"));
    intnet(&e.path)
        .args(["--as", "anna", "org", "show", "UBC Secretariat", "--json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Union of the Baltic Cities"));
}

#[test]
fn cli_person_list_show_edit_delete_and_merge() {
    let e = env();
    let l = linked(&e);
    let twin = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: l.removed,
                name: "P. Nowak".into(),
                email: "pn@ubc.net".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let other = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: l.kept,
                name: "Someone Else".into(),
                ..Default::default()
            },
        )
        .unwrap();
    drop(e.store);
    let run = |args: &[&str]| {
        let mut all = vec!["--as", "anna", "--lang", "en"];
        all.extend_from_slice(args);
        intnet(&e.path).args(all).assert()
    };
    // Listing one organisation shows only its persons.
    let out = run(&["person", "list", "UBC Secretariat"]).success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("Paulina Nowak") && text.contains("P. Nowak"));
    assert!(!text.contains("Someone Else"));
    run(&[
        "person",
        "edit",
        &twin.to_string(),
        "--title",
        "Secretary General",
    ])
    .success();
    run(&["person", "show", &twin.to_string()])
        .success()
        .stdout(predicates::str::contains("Secretary General"))
        .stdout(predicates::str::contains("UBC Secretariat"));
    run(&[
        "person",
        "merge",
        &l.person.to_string(),
        &twin.to_string(),
        "--take",
        "name",
    ])
    .success()
    .stdout(predicates::str::contains("one contact moved"));
    run(&["person", "show", &twin.to_string(), "--json"])
        .success()
        .stdout(predicates::str::contains("Paulina Nowak"));
    run(&["person", "show", &l.person.to_string()]).code(2);
    run(&["person", "delete", &other.to_string()]).success();
    run(&["person", "show", &other.to_string()]).code(2);
    intnet(&e.path)
        .args(["--as", "vera", "person", "delete", &twin.to_string()])
        .assert()
        .failure();
}

#[test]
fn possible_duplicates_pairs_by_name_domain_and_identifier_for_the_office() {
    let e = env();
    let a = e
        .store
        .create_org(&e.office, org("Turun kaupunki", "FI", "Turku"), false)
        .unwrap();
    let b = e
        .store
        .create_org(&e.office, org("TURUN KAUPUNKI", "FI", "Åbo"), true)
        .unwrap();
    let mut c = org("Port of Turku", "FI", "Turku");
    c.website = "https://www.portofturku.fi".into();
    let c = e.store.create_org(&e.office, c, true).unwrap();
    let mut d = org("Turun Satama Oy", "FI", "Turku");
    d.website = "http://portofturku.fi/en".into();
    let d = e.store.create_org(&e.office, d, true).unwrap();
    let mut x = org("Lübeck", "DE", "Lübeck");
    x.vat = "DE123456789".into();
    let x = e.store.create_org(&e.office, x, true).unwrap();
    let mut y = org("Hansestadt Lübeck", "DE", "Lübeck");
    y.vat = "DE123456789".into();
    let y = e.store.create_org(&e.office, y, true).unwrap();
    e.store
        .create_org(&e.office, org("Riga", "LV", "Riga"), true)
        .unwrap();
    let pairs: Vec<(i64, i64, intnet::model::SimilarReason)> = e
        .store
        .duplicate_pairs(&e.office, 50)
        .unwrap()
        .iter()
        .map(|p| (p.kept, p.removed, p.reason))
        .collect();
    use intnet::model::SimilarReason::*;
    assert_eq!(
        pairs,
        vec![(x, y, Identifier), (c, d, Domain), (a, b, Name)]
    );
    assert!(matches!(
        e.store.duplicate_pairs(&e.anna, 50),
        Err(Error::Forbidden)
    ));
    // Merged, the pair is gone.
    e.store.merge_orgs(&e.office, b, a, &[]).unwrap();
    assert_eq!(e.store.duplicate_pairs(&e.office, 50).unwrap().len(), 2);
    drop(e.store);
    intnet(&e.path)
        .args(["--as", "office", "org", "duplicates"])
        .assert()
        .success()
        .stdout(predicates::str::contains("Hansestadt Lübeck"));
}

// What a merge would move, counted for the TUI's side-by-side view (h-mergetui).

#[test]
fn org_links_count_what_a_merge_would_move_and_person_links_the_contacts() {
    use intnet::store::OrgLinks;
    let e = env();
    let l = linked(&e);
    let one_of_each = OrgLinks {
        persons: 1,
        contacts: 1,
        projects: 1,
        memberships: 1,
        training: 1,
        plan_links: 1,
        news: 1,
    };
    assert_eq!(e.store.org_links(l.removed).unwrap(), one_of_each);
    // The kept one is named only by the news item.
    assert_eq!(
        e.store.org_links(l.kept).unwrap(),
        OrgLinks {
            news: 1,
            ..OrgLinks::default()
        }
    );
    assert_eq!(e.store.person_links(l.person).unwrap(), 1);
    // A deleted contact is not moved, so not counted.
    e.store.delete_interaction(&e.anna, l.contact).unwrap();
    assert_eq!(e.store.org_links(l.removed).unwrap().contacts, 0);
    assert_eq!(e.store.person_links(l.person).unwrap(), 0);
    // After the merge everything is the kept one's.
    e.store.merge_orgs(&e.anna, l.removed, l.kept, &[]).unwrap();
    assert_eq!(
        e.store.org_links(l.kept).unwrap(),
        OrgLinks {
            contacts: 0,
            ..one_of_each
        }
    );
}
