//! Personal data (issue 15): the office's rights, the Art. 14 deadline, the register
//! extract, and erasure reaching every file the program made.

mod common;

use common::{env, in_days, org, today};
use intnet::model::{
    Decision, InteractionData, InteractionKind, NewsCategory, NewsData, PersonData, RequestKind,
    RetentionKind, SourceKind,
};
use intnet::store::{DeadlineKind, Error};
use std::path::Path;

const NAME: &str = "Åsa Lindqvist-Öberg";
const EMAIL: &str = "asa.lindqvist@example.se";

fn person(org_id: i64, name: &str, email: &str) -> PersonData {
    PersonData {
        org_id,
        name: name.into(),
        email: email.into(),
        phone: "+46 70 123 45 67".into(),
        title: "Projektledare".into(),
        ..PersonData::default()
    }
}

/// Sets a person's recording time `days` ago, as a person recorded then would have it.
fn backdate(path: &Path, id: i64, days: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute(
        "UPDATE persons SET created_at = ?1 WHERE id = ?2",
        rusqlite::params![format!("{}T10:00:00Z", in_days(-days)), id],
    )
    .unwrap();
}

/// Every file in the database's folder (the database, its -wal and -shm, and every
/// copy intnet made next to it).
fn files_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

/// The files whose raw bytes contain any of `needles`, compared in ASCII lower case
/// (the needles are lower case).
fn files_holding(dir: &Path, needles: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for path in files_in(dir) {
        let bytes = std::fs::read(&path).unwrap().to_ascii_lowercase();
        for n in needles {
            let n = n.as_bytes();
            if bytes.windows(n.len()).any(|w| w == n) {
                hits.push(format!(
                    "{} holds {:?}",
                    path.display(),
                    String::from_utf8_lossy(n)
                ));
            }
        }
    }
    hits
}

#[test]
fn erasure_leaves_no_trace_in_any_file_the_program_made() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Lodz Region", "PL", "Łódź"), false)
        .unwrap();
    let id = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    // Another person, who must stay.
    let other = e
        .store
        .create_person(&e.anna, person(org_id, "Piotr Nowak", "piotr@example.pl"))
        .unwrap();
    // An edit (an audit row with before and after snapshots).
    let mut data = e.store.person(id).unwrap().data;
    data.title = "Avdelningschef".into();
    let version = e.store.person(id).unwrap().meta.version;
    e.store.update_person(&e.anna, id, version, data).unwrap();
    // A contact that names her, a news item that names her in capitals with her
    // e-mail, and an autosaved form holding her name.
    e.store
        .add_interaction(
            &e.anna,
            InteractionData {
                org_id,
                person_id: Some(id),
                member_id: e.anna.member_id,
                unit_id: e.anna.unit_id,
                date: today(),
                kind: InteractionKind::Meeting,
                summary: format!("Möte med {NAME} om Interreg; Piotr Nowak deltog."),
                follow_up: None,
            },
        )
        .unwrap();
    e.store
        .post_news(
            &e.office,
            NewsData {
                title: "Besök från Łódź".into(),
                body: format!("{} kommer i maj. Frågor: {EMAIL}", NAME.to_uppercase()),
                category: NewsCategory::Internal,
                ..NewsData::default()
            },
            true,
        )
        .unwrap();
    e.store
        .save_draft(&e.anna, None, &format!("{{\"name\":\"{NAME}\"}}"))
        .unwrap();
    // The copy a migration makes, by the function the migration uses.
    e.store.backup_to(&e.dir.path().join("t.bak-v10")).unwrap();

    // Her surname as a token, and her e-mail and name as stored and folded.
    let needles = [
        "lindqvist",
        "asa.lindqvist@example.se",
        "asa lindqvist oberg",
        "asa lindqvist example se",
    ];
    let before = files_holding(e.dir.path(), &needles);
    assert!(
        before.iter().any(|h| h.contains("t.bak-v10")),
        "the scan must see the data before erasure: {before:?}"
    );
    assert!(before.iter().any(|h| h.contains("t.db")), "{before:?}");

    let report = e
        .store
        .erase_person(
            &e.office,
            id,
            Decision::Anonymised,
            "Begäran från personen",
            "",
        )
        .unwrap();
    assert_eq!(report.contacts, 1);
    assert_eq!(report.news, 1);
    assert_eq!(report.drafts, 1);
    assert_eq!(report.backups_deleted.len(), 1);

    let after = files_holding(e.dir.path(), &needles);
    assert!(after.is_empty(), "still held after erasure: {after:?}");
    // The utf-8 name itself (not ASCII-folded) is gone too.
    for path in files_in(e.dir.path()) {
        let bytes = std::fs::read(&path).unwrap();
        for n in [NAME, &NAME.to_uppercase()] {
            assert!(
                !bytes.windows(n.len()).any(|w| w == n.as_bytes()),
                "{} holds {n}",
                path.display()
            );
        }
    }
    // No search index still knows the surname as a term.
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    for table in ["persons_fts", "interactions_fts", "news_fts", "orgs_fts"] {
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.v; CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, {table}, 'row');"
        ))
        .unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM temp.v WHERE term LIKE 'lindq%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{table} still indexes her name");
    }
    // Her own snapshots in the audit trail have the personal fields emptied.
    let conn2 = rusqlite::Connection::open(&e.path).unwrap();
    let snaps: Vec<String> = conn2
        .prepare("SELECT coalesce(before, '') || coalesce(after, '') FROM audit WHERE entity = 'person' AND entity_id = ?1")
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(snaps.iter().any(|s| s.contains("[borttagen]")));
    assert!(
        snaps
            .iter()
            .all(|s| !s.contains("Projektledare") && !s.contains("+46 70")),
        "{snaps:?}"
    );
    // The rest is intact: the other person, the contact (without her name), search.
    let p = e.store.person(id).unwrap();
    assert_eq!(p.data.name, "[borttagen]");
    assert_eq!(p.data.email, "");
    assert_eq!(e.store.person(other).unwrap().data.name, "Piotr Nowak");
    let hits = e.store.find("nowak", 10).unwrap();
    assert!(!hits.is_empty(), "the other person is still found");
    assert!(e.store.find("lindqvist", 10).unwrap().is_empty());
    let requests = e.store.privacy_requests(&e.office, Some(id)).unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].decision, Some(Decision::Anonymised));
    assert_eq!(requests[0].answered.as_deref(), Some(today().as_str()));
}

#[test]
fn only_the_office_may_extract_erase_restrict_or_apply_retention() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa", "FI", "Vaasa"), false)
        .unwrap();
    let id = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    for who in [&e.anna, &e.viewer] {
        assert!(matches!(
            e.store.privacy_extract(who, id),
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            e.store.erase_person(who, id, Decision::Anonymised, "x", ""),
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            e.store.restrict_person(who, id, true),
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            e.store.apply_retention(who),
            Err(Error::Forbidden)
        ));
        assert!(matches!(
            e.store
                .set_retention(who, RetentionKind::Interaction, 5, "KS 2025/123"),
            Err(Error::Forbidden)
        ));
    }
    // Nothing changed.
    assert_eq!(e.store.person(id).unwrap().data.name, NAME);
    // Keeping under the Archives Act names the decision; a refusal has a reason.
    assert!(matches!(
        e.store
            .erase_person(&e.office, id, Decision::Kept, "Allmän handling", ""),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        e.store
            .erase_person(&e.office, id, Decision::Kept, " ", "KS 2025/123"),
        Err(Error::Invalid(_))
    ));
    e.store
        .erase_person(
            &e.office,
            id,
            Decision::Kept,
            "Allmän handling",
            "KS 2025/123",
        )
        .unwrap();
    assert_eq!(e.store.person(id).unwrap().data.name, NAME);
    let r = e.store.privacy_requests(&e.office, Some(id)).unwrap();
    assert_eq!(r[0].decision, Some(Decision::Kept));
    assert_eq!(r[0].retention_ref, "KS 2025/123");
}

#[test]
fn persons_not_informed_after_a_month_are_due_for_the_office_and_the_adder() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa", "FI", "Vaasa"), false)
        .unwrap();
    let late = e
        .store
        .create_person(&e.anna, person(org_id, "Late Person", ""))
        .unwrap();
    let fresh = e
        .store
        .create_person(&e.anna, person(org_id, "Fresh Person", ""))
        .unwrap();
    let told = e
        .store
        .create_person(&e.anna, person(org_id, "Told Person", ""))
        .unwrap();
    backdate(&e.path, late, 40);
    backdate(&e.path, told, 40);
    backdate(&e.path, fresh, 3);
    e.store
        .mark_informed(&e.anna, told, Some(in_days(-35)))
        .unwrap();

    let ids = |who| -> Vec<i64> {
        e.store
            .not_informed(who, None)
            .unwrap()
            .iter()
            .map(|p| p.person_id)
            .collect()
    };
    assert_eq!(ids(&e.office), vec![late]);
    assert_eq!(ids(&e.anna), vec![late]);
    assert!(ids(&e.bjorn).is_empty(), "not Björn's: he did not add them");

    let due: Vec<_> = e
        .store
        .deadlines(&e.anna, Some(60), false)
        .unwrap()
        .into_iter()
        .filter(|d| d.kind == DeadlineKind::NotInformed)
        .collect();
    assert_eq!(
        due.len(),
        1,
        "the late one; the fresh one's month has not run out"
    );
    assert_eq!(due[0].id, late);
    assert!(due[0].overdue);
    let month_after = in_days(-40)
        .parse::<jiff::civil::Date>()
        .unwrap()
        .checked_add(jiff::Span::new().months(1))
        .unwrap()
        .to_string();
    assert_eq!(due[0].date, month_after);
    assert!(
        e.store
            .deadlines(&e.bjorn, None, false)
            .unwrap()
            .iter()
            .all(|d| d.kind != DeadlineKind::NotInformed)
    );

    e.store.mark_informed(&e.anna, late, None).unwrap();
    assert!(ids(&e.office).is_empty());
    assert_eq!(
        e.store.person_privacy(late).unwrap().informed_on.as_deref(),
        Some(today().as_str())
    );
}

#[test]
fn an_open_request_is_due_within_a_month_and_the_extract_answers_it() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa", "FI", "Vaasa"), false)
        .unwrap();
    let id = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    e.store
        .set_person_privacy(
            &e.anna,
            id,
            Some(SourceKind::BusinessCard),
            Some("Mässa i Vasa".into()),
            None,
            None,
        )
        .unwrap();
    e.store
        .add_interaction(
            &e.anna,
            InteractionData {
                org_id,
                person_id: None,
                member_id: e.anna.member_id,
                unit_id: e.anna.unit_id,
                date: today(),
                kind: InteractionKind::Meeting,
                summary: format!("Lunch, {NAME} <b>presenterade</b>"),
                follow_up: None,
            },
        )
        .unwrap();
    let received = in_days(-5);
    e.store
        .log_privacy_request(&e.office, id, RequestKind::Access, Some(received.clone()))
        .unwrap();
    let due: Vec<_> = e
        .store
        .deadlines(&e.office, None, false)
        .unwrap()
        .into_iter()
        .filter(|d| d.kind == DeadlineKind::PrivacyRequest)
        .collect();
    assert_eq!(due.len(), 1);
    let month_later = received
        .parse::<jiff::civil::Date>()
        .unwrap()
        .checked_add(jiff::Span::new().months(1))
        .unwrap()
        .to_string();
    assert_eq!(due[0].date, month_later);
    // A member does not see the office's requests.
    assert!(
        e.store
            .deadlines(&e.anna, None, false)
            .unwrap()
            .iter()
            .all(|d| d.kind != DeadlineKind::PrivacyRequest)
    );

    let x = e.store.privacy_extract(&e.office, id).unwrap();
    assert_eq!(x.name, NAME);
    assert_eq!(x.contacts.len(), 1, "the contact that names her");
    assert_eq!(x.privacy.source_kind, Some(SourceKind::BusinessCard));
    assert!(x.audit.iter().any(|a| a.action == "create"));
    assert!(x.recipients.contains(&"KLK".to_string()));
    assert_eq!(x.requests.len(), 1);
    assert_eq!(x.requests[0].answered.as_deref(), Some(today().as_str()));
    // Answered, it is no longer due.
    assert!(
        e.store
            .deadlines(&e.office, None, false)
            .unwrap()
            .iter()
            .all(|d| d.kind != DeadlineKind::PrivacyRequest)
    );

    use intnet::interchange::privacy::{Format, render};
    let md = render(&x, Format::Markdown).unwrap();
    assert!(
        md.starts_with("# Registerutdrag / Register extract"),
        "{md}"
    );
    assert!(md.contains(EMAIL.replace('_', "\\_").as_str()));
    assert!(md.contains("visitkort / business card"));
    let html = render(&x, Format::Html).unwrap();
    assert!(
        html.contains("&lt;b&gt;presenterade&lt;/b&gt;"),
        "markup escaped"
    );
    assert!(!html.contains("<b>presenterade"));
    let json: serde_json::Value = serde_json::from_str(&render(&x, Format::Json).unwrap()).unwrap();
    assert_eq!(json["name"], NAME);
}

#[test]
fn retention_lists_then_removes_old_contacts_and_logs_it() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa", "FI", "Vaasa"), false)
        .unwrap();
    let contact = |date: String, summary: &str| {
        e.store
            .add_interaction(
                &e.anna,
                InteractionData {
                    org_id,
                    person_id: None,
                    member_id: e.anna.member_id,
                    unit_id: e.anna.unit_id,
                    date,
                    kind: InteractionKind::Meeting,
                    summary: summary.into(),
                    follow_up: None,
                },
            )
            .unwrap()
    };
    let old = contact(in_days(-6 * 366), "Gammalt möte Zyxwvu");
    let recent = contact(in_days(-30), "Nytt möte");
    assert!(
        e.store.retention_due(&e.office).unwrap().is_empty(),
        "no rule, nothing goes"
    );
    e.store
        .set_retention(&e.office, RetentionKind::Interaction, 5, "KS 2025/123")
        .unwrap();
    let due = e.store.retention_due(&e.office).unwrap();
    assert_eq!(due.iter().map(|i| i.id).collect::<Vec<_>>(), vec![old]);
    // The dry run changed nothing.
    assert!(e.store.interaction(old).is_ok());
    let gone = e.store.apply_retention(&e.office).unwrap();
    assert_eq!(gone.len(), 1);
    assert!(e.store.interaction(old).is_err());
    assert!(e.store.interaction(recent).is_ok());
    assert!(e.store.find("zyxwvu", 10).unwrap().is_empty());
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    let logged: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'retention_apply'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
}

#[test]
fn a_restricted_person_is_listed_for_the_office_only_and_never_looked_up() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa", "FI", "Vaasa"), false)
        .unwrap();
    let id = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    assert!(!e.store.find("lindqvist", 10).unwrap().is_empty());
    e.store.restrict_person(&e.office, id, true).unwrap();
    assert!(e.store.find("lindqvist", 10).unwrap().is_empty());
    assert!(e.store.persons_of(org_id).unwrap().is_empty());
    let office = e.store.persons_of_as(true, org_id).unwrap();
    assert_eq!(office.len(), 1);
    assert!(office[0].privacy.restricted, "marked for the office");
    // Where they still appear (a contact with them), they are marked.
    e.store
        .add_interaction(
            &e.anna,
            InteractionData {
                org_id,
                person_id: Some(id),
                member_id: e.anna.member_id,
                unit_id: e.anna.unit_id,
                date: today(),
                kind: InteractionKind::Meeting,
                summary: "Möte".into(),
                follow_up: None,
            },
        )
        .unwrap();
    assert!(e.store.timeline(org_id, 10).unwrap()[0].person_restricted);
    e.store.restrict_person(&e.office, id, false).unwrap();
    assert_eq!(e.store.persons_of(org_id).unwrap().len(), 1);
    assert!(!e.store.timeline(org_id, 10).unwrap()[0].person_restricted);
}

#[test]
fn the_cli_records_the_source_prints_the_notice_and_counts_the_not_informed() {
    let db = common::cli_db();
    let run = |args: &[&str]| {
        let out = common::intnet(&db.path)
            .args(["--as", "root"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&[
        "org",
        "add",
        "Vaasa stad",
        "--country",
        "FI",
        "--city",
        "Vaasa",
    ]);
    run(&[
        "person",
        "add",
        "Vaasa stad",
        NAME,
        "--email",
        EMAIL,
        "--source-kind",
        "business_card",
        "--source-note",
        "Mässa 2026",
    ]);
    run(&[
        "privacy",
        "settings",
        "--dpo",
        "Dataskyddsombudet, dso@gavle.se",
    ]);
    let notice = run(&["privacy", "notice", "1"]);
    let (sv, en) = notice.split_once("---").unwrap();
    assert!(sv.contains(&format!("Hej {NAME}!")), "{notice}");
    assert!(sv.contains("visitkort (Mässa 2026)"), "{notice}");
    assert!(sv.contains("Dataskyddsombudet, dso@gavle.se"), "{notice}");
    assert!(en.contains(&format!("Dear {NAME},")), "{notice}");
    assert!(en.contains("business card (Mässa 2026)"), "{notice}");
    // Recorded today: not yet due, so the status line says nothing of it.
    assert!(!run(&["status"]).contains("not informed"));
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE persons SET created_at = ?1",
        [format!("{}T10:00:00Z", in_days(-40))],
    )
    .unwrap();
    assert!(
        run(&["status"]).contains("1 person not informed"),
        "status line"
    );
    run(&[
        "person",
        "edit",
        "1",
        "--informed",
        &today(),
        "--basis",
        "consent",
    ]);
    assert!(!run(&["status"]).contains("not informed"));
    let shown = run(&["privacy", "show", "1"]);
    assert!(shown.contains("consent (Art. 6.1(a))"), "{shown}");
    // The extract, written to a file.
    let out = db.path.with_file_name("extract.html");
    run(&[
        "privacy",
        "extract",
        "1",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(NAME));
    // A member may not make an extract.
    common::intnet(&db.path)
        .args([
            "--as", "anna", "privacy", "extract", "1", "--format", "json",
        ])
        .assert()
        .failure();
}

#[test]
fn a_namesake_keeps_their_name_and_address_when_a_person_is_anonymised() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa", "FI", "Vaasa"), false)
        .unwrap();
    let her = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    let mut namesake = person(org_id, NAME, "other.asa@example.fi");
    namesake.notes = format!("Not the same as {EMAIL}");
    let namesake = e.store.create_person(&e.anna, namesake).unwrap();
    e.store
        .erase_person(&e.office, her, Decision::Anonymised, "Begäran", "")
        .unwrap();
    let other = e.store.person(namesake).unwrap();
    assert_eq!(other.data.name, NAME);
    assert_eq!(other.data.email, "other.asa@example.fi");
    assert_eq!(other.data.notes, "Not the same as [borttagen]");
    // Still found by name, and their own history keeps their name.
    let hits = e.store.find("lindqvist", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![namesake]
    );
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    let after: String = conn
        .query_row(
            "SELECT after FROM audit WHERE entity = 'person' AND entity_id = ?1 AND action = 'create'",
            [namesake],
            |r| r.get(0),
        )
        .unwrap();
    assert!(after.contains(NAME), "{after}");
    assert!(!after.contains(EMAIL), "{after}");
}

/// Sets a person's last-verified day (as if checked then).
fn verified_on(path: &Path, id: i64, day: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute(
        "UPDATE persons SET verified_on = ?1 WHERE id = ?2",
        rusqlite::params![day, id],
    )
    .unwrap();
}

#[test]
fn persons_not_verified_for_the_offices_period_are_flagged() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa stad", "FI", "Vaasa"), false)
        .unwrap();
    let id = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    // Recorded today: verified today.
    assert_eq!(
        e.store.person(id).unwrap().data.verified_on.as_deref(),
        Some(today().as_str())
    );
    assert!(e.store.unverified(&e.office).unwrap().is_empty());
    // Two years and a month ago: past the default period of 24 months.
    verified_on(&e.path, id, &in_days(-760));
    let flagged = e.store.unverified(&e.office).unwrap();
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].name, NAME);
    assert_eq!(flagged[0].verified_on, in_days(-760));
    // The member who added them sees them; another member and a viewer do not.
    assert_eq!(e.store.unverified(&e.anna).unwrap().len(), 1);
    assert!(e.store.unverified(&e.bjorn).unwrap().is_empty());
    assert!(e.store.unverified(&e.viewer).unwrap().is_empty());
    // A longer period (the office's): no longer flagged; a shorter one: flagged again.
    assert!(matches!(
        e.store.set_verify_after(&e.anna, 36),
        Err(Error::Forbidden)
    ));
    assert!(e.store.set_verify_after(&e.office, 0).is_err());
    e.store.set_verify_after(&e.office, 36).unwrap();
    assert_eq!(e.store.verify_after().unwrap(), 36);
    assert!(e.store.unverified(&e.office).unwrap().is_empty());
    e.store.set_verify_after(&e.office, 6).unwrap();
    verified_on(&e.path, id, &in_days(-200));
    assert_eq!(e.store.unverified(&e.office).unwrap().len(), 1);
    // Marked verified by the member: not flagged, and it is an audited change.
    assert!(matches!(
        e.store.verify_person(&e.viewer, id),
        Err(Error::Forbidden)
    ));
    e.store.verify_person(&e.anna, id).unwrap();
    assert!(e.store.unverified(&e.office).unwrap().is_empty());
    assert_eq!(
        e.store.person(id).unwrap().data.verified_on.as_deref(),
        Some(today().as_str())
    );
    // The cutoff is the period before today.
    assert_eq!(
        e.store.verify_cutoff().unwrap(),
        jiff::ZonedDateTime::now()
            .date()
            .checked_sub(jiff::Span::new().months(6))
            .unwrap()
            .to_string()
    );
}

#[test]
fn the_cli_sets_the_period_lists_the_unverified_and_shows_them_to_review() {
    let db = common::cli_db();
    let run = |who: &str, args: &[&str]| {
        let out = common::intnet(&db.path)
            .args(["--as", who])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(
        "root",
        &[
            "org",
            "add",
            "Vaasa stad",
            "--country",
            "FI",
            "--city",
            "Vaasa",
        ],
    );
    let old = in_days(-250);
    run(
        "anna",
        &["person", "add", "Vaasa stad", NAME, "--verified", &old],
    );
    run("anna", &["person", "add", "Vaasa stad", "Fresh Person"]);
    // Within the default two years: nothing flagged.
    assert!(run("root", &["privacy", "unverified"]).trim().is_empty());
    assert!(!run("root", &["status"]).contains("not verified"));
    // A member may not set the period; the office may.
    common::intnet(&db.path)
        .args(["--as", "anna", "privacy", "settings", "--verify-after", "6"])
        .assert()
        .failure();
    run("root", &["privacy", "settings", "--verify-after", "6"]);
    assert!(run("root", &["privacy", "settings"]).contains("6 months"));
    let listed = run("root", &["privacy", "unverified"]);
    assert!(listed.contains(NAME), "{listed}");
    assert!(listed.contains(&old), "{listed}");
    assert!(!listed.contains("Fresh Person"), "{listed}");
    assert!(
        run("anna", &["status"]).contains("1 person not verified"),
        "status line"
    );
    let dry = run("root", &["retention", "apply", "--dry-run"]);
    let (_, review) = dry.split_once("To review").expect(&dry);
    assert!(review.contains(NAME), "{dry}");
    // Marked verified: no longer listed anywhere.
    run("anna", &["person", "verify", "1"]);
    assert!(run("root", &["privacy", "unverified"]).trim().is_empty());
    assert!(!run("root", &["retention", "apply", "--dry-run"]).contains("To review"));
    assert!(!run("anna", &["status"]).contains("not verified"));
}

#[test]
fn a_notice_without_a_recorded_source_says_so_instead_of_leaving_a_gap() {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Vaasa stad", "FI", "Vaasa"), false)
        .unwrap();
    let id = e
        .store
        .create_person(&e.anna, person(org_id, NAME, EMAIL))
        .unwrap();
    for (lang, said) in [
        (intnet::i18n::Lang::Sv, "Vi fick dem från: (inte angivet"),
        (intnet::i18n::Lang::En, "We got them from: (not set"),
    ] {
        let text = intnet::interchange::privacy::notice(&e.store, id, lang).unwrap();
        assert!(text.contains(said), "{text}");
        assert!(!text.contains(": ."), "{text}");
    }
}
