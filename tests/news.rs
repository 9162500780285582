//! News in the store: publishing, drafts, audience, read state, filters, rights.

mod common;
use common::env;
use intnet::model::{NewsCategory, NewsData, PriorityArea};
use intnet::store::{Error, NewsFilter, today};

fn item(title: &str, category: NewsCategory) -> NewsData {
    NewsData {
        title: title.into(),
        body: "Text".into(),
        category,
        ..NewsData::default()
    }
}

fn days_from_today(days: i64) -> String {
    let t: jiff::civil::Date = today().parse().unwrap();
    t.checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

#[test]
fn unread_counts_and_marking() {
    let e = env();
    let (a, _) = e
        .store
        .post_news(&e.office, item("Interreg call", NewsCategory::Call), true)
        .unwrap();
    let (b, _) = e
        .store
        .post_news(
            &e.office,
            item("Network meeting", NewsCategory::Internal),
            true,
        )
        .unwrap();
    assert_eq!(e.store.unread_news(&e.anna).unwrap(), 2);
    assert_eq!(
        e.store.unread_news(&e.office).unwrap(),
        0,
        "the author has read what they wrote"
    );
    e.store.set_news_read(&e.anna, a, true).unwrap();
    assert_eq!(e.store.unread_news(&e.anna).unwrap(), 1);
    e.store.set_news_read(&e.anna, a, false).unwrap();
    assert_eq!(e.store.unread_news(&e.anna).unwrap(), 2);
    // Mark all read marks only what the filter shows.
    let calls = NewsFilter {
        category: Some(NewsCategory::Call),
        ..NewsFilter::default()
    };
    assert_eq!(e.store.mark_all_read(&e.anna, &calls).unwrap(), 1);
    assert!(e.store.news(&e.anna, a).unwrap().read);
    assert!(!e.store.news(&e.anna, b).unwrap().read);
}

#[test]
fn feed_order_is_pinned_then_newest_and_drafts_are_the_authors() {
    let e = env();
    let (old, _) = e
        .store
        .post_news(&e.office, item("Old", NewsCategory::Other), true)
        .unwrap();
    let mut pinned = item("Pinned", NewsCategory::Internal);
    pinned.pinned = true;
    e.store.post_news(&e.office, pinned, true).unwrap();
    let (new, _) = e
        .store
        .post_news(&e.office, item("New", NewsCategory::Other), true)
        .unwrap();
    let (draft, _) = e
        .store
        .post_news(&e.anna, item("Anna's draft", NewsCategory::Other), false)
        .unwrap();
    let titles = |who| -> Vec<String> {
        e.store
            .list_news(who, &NewsFilter::default(), 0, 50)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(titles(&e.anna), ["Anna's draft", "Pinned", "New", "Old"]);
    assert_eq!(
        titles(&e.bjorn),
        ["Pinned", "New", "Old"],
        "nobody else sees a draft"
    );
    assert!(matches!(
        e.store.news(&e.bjorn, draft),
        Err(Error::NotFound)
    ));
    assert_eq!(
        e.store.unread_news(&e.anna).unwrap(),
        3,
        "a draft is not unread news"
    );
    // Publishing the draft.
    let d = e.store.news(&e.anna, draft).unwrap();
    e.store
        .update_news(&e.anna, draft, d.meta.version, d.data.clone(), true)
        .unwrap();
    assert!(
        e.store
            .news(&e.bjorn, draft)
            .unwrap()
            .published_at
            .is_some()
    );
    let _ = (old, new);
}

#[test]
fn audience_limits_who_sees_an_item() {
    let e = env();
    let hamn = e.store.unit_by_code("HAMN").unwrap();
    let mut only_hamn = item("For the port company", NewsCategory::Internal);
    only_hamn.audience = vec![hamn.id];
    let (id, _) = e.store.post_news(&e.office, only_hamn, true).unwrap();
    assert!(e.store.news(&e.bjorn, id).is_ok(), "Björn is in HAMN");
    assert_eq!(e.store.unread_news(&e.bjorn).unwrap(), 1);
    assert_eq!(e.store.unread_news(&e.anna).unwrap(), 0, "Anna is not");
    let stats = e.store.read_stats(&e.office, id).unwrap();
    assert_eq!((stats.members_read, stats.members_total), (0, 1));
    assert_eq!((stats.units_read, stats.units_total), (0, 1));
}

#[test]
fn read_stats_count_members_and_units_for_author_and_office_only() {
    let e = env();
    let (id, _) = e
        .store
        .post_news(&e.anna, item("Study visit", NewsCategory::Event), true)
        .unwrap();
    e.store.set_news_read(&e.bjorn, id, true).unwrap();
    let stats = e.store.read_stats(&e.anna, id).unwrap();
    // Members: office, anna, bjorn, vera; read: anna (author) and björn.
    assert_eq!((stats.members_read, stats.members_total), (2, 4));
    // Units: KLK (anna) and HAMN (björn) both read.
    assert_eq!((stats.units_read, stats.units_total), (2, 2));
    assert!(stats.readers.iter().any(|r| r.0 == "Björn Ek"));
    assert!(e.store.read_stats(&e.office, id).is_ok());
    assert!(matches!(
        e.store.read_stats(&e.bjorn, id),
        Err(Error::Forbidden)
    ));
}

#[test]
fn rights_and_edited_mark() {
    let e = env();
    assert!(matches!(
        e.store
            .post_news(&e.viewer, item("X", NewsCategory::Other), true),
        Err(Error::Forbidden)
    ));
    let (id, _) = e
        .store
        .post_news(&e.anna, item("Anna's news", NewsCategory::Other), true)
        .unwrap();
    let n = e.store.news(&e.bjorn, id).unwrap();
    assert!(matches!(
        e.store
            .update_news(&e.bjorn, id, n.meta.version, n.data.clone(), true),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store.delete_news(&e.bjorn, id),
        Err(Error::Forbidden)
    ));
    let mut changed = n.data.clone();
    changed.body = "Corrected".into();
    e.store
        .update_news(&e.office, id, n.meta.version, changed, true)
        .unwrap();
    assert!(e.store.news(&e.anna, id).unwrap().edited_at.is_some());
    e.store.delete_news(&e.anna, id).unwrap();
    assert!(matches!(e.store.news(&e.anna, id), Err(Error::NotFound)));
    e.store.undo_last(&e.anna).unwrap();
    assert!(e.store.news(&e.anna, id).is_ok(), "delete is undoable");
}

#[test]
fn filters_deadline_area_archive_and_search() {
    let e = env();
    let mut soon = item("Closes soon", NewsCategory::Call);
    soon.deadline = Some(days_from_today(3));
    soon.priority_areas = vec![PriorityArea::Business];
    let mut later = item("Closes later", NewsCategory::Call);
    later.deadline = Some(days_from_today(40));
    let mut expired = item("Old event", NewsCategory::Event);
    expired.expires = Some(days_from_today(-1));
    let mut lubeck = item("Besök från Lübeck", NewsCategory::Event);
    lubeck.body = "Delegationen kommer i maj".into();
    for n in [soon, later, expired, lubeck] {
        e.store.post_news(&e.office, n, true).unwrap();
    }
    let titles = |f: NewsFilter| -> Vec<String> {
        e.store
            .list_news(&e.anna, &f, 0, 50)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(
        titles(NewsFilter {
            deadline_within: Some(7),
            ..Default::default()
        }),
        ["Closes soon"]
    );
    assert_eq!(
        titles(NewsFilter {
            area: Some("business".into()),
            ..Default::default()
        }),
        ["Closes soon"]
    );
    assert_eq!(
        titles(NewsFilter {
            archive: true,
            ..Default::default()
        }),
        ["Old event"]
    );
    assert!(!titles(NewsFilter::default()).contains(&"Old event".to_string()));
    assert_eq!(
        titles(NewsFilter {
            text: "lubeck".into(),
            ..Default::default()
        }),
        ["Besök från Lübeck"]
    );
    assert_eq!(
        titles(NewsFilter {
            text: "delegation".into(),
            ..Default::default()
        }),
        ["Besök från Lübeck"]
    );
    assert_eq!(
        e.store.news_status(&e.anna).unwrap(),
        (3, 1),
        "3 current unread, 1 call within 7 days"
    );
}

#[test]
fn bad_input_is_refused_and_a_past_deadline_warns() {
    let e = env();
    let mut bad = item("  ", NewsCategory::Call);
    bad.deadline = Some("2026-02-31".into());
    let Err(Error::Invalid(errors)) = e.store.post_news(&e.anna, bad, true) else {
        panic!()
    };
    assert_eq!(
        errors.iter().map(|f| f.field).collect::<Vec<_>>(),
        ["title", "deadline"]
    );
    assert_eq!(
        e.store.count_news(&e.anna, &NewsFilter::default()).unwrap(),
        0,
        "nothing stored"
    );
    let mut past = item("Late", NewsCategory::Call);
    past.deadline = Some(days_from_today(-2));
    let (_, warnings) = e.store.post_news(&e.anna, past, true).unwrap();
    assert_eq!(warnings[0].key, "warn.deadline_past");
}

#[test]
fn a_body_at_the_bound_and_hostile_text_are_kept_as_typed() {
    let e = env();
    let mut big = item("Big \u{1b}[31mred", NewsCategory::Other);
    big.body = "ö".repeat(intnet::model::MAX_NEWS_BODY);
    let (id, _) = e.store.post_news(&e.anna, big.clone(), true).unwrap();
    let back = e.store.news(&e.anna, id).unwrap();
    assert_eq!(back.data.body.len(), big.body.len());
    assert_eq!(back.data.title, big.title);
    big.body.push('ö');
    assert!(e.store.post_news(&e.anna, big, true).is_err());
}

#[test]
fn digest_since_a_date_and_unread() {
    let e = env();
    let (a, _) = e
        .store
        .post_news(&e.office, item("One", NewsCategory::Other), true)
        .unwrap();
    e.store
        .post_news(&e.office, item("Two", NewsCategory::Other), true)
        .unwrap();
    e.store.set_news_read(&e.anna, a, true).unwrap();
    let all = e.store.news_digest(&e.anna, Some(&today()), false).unwrap();
    assert_eq!(all.len(), 2);
    let unread = e.store.news_digest(&e.anna, None, true).unwrap();
    assert_eq!(
        unread
            .iter()
            .map(|n| n.data.title.as_str())
            .collect::<Vec<_>>(),
        ["Two"]
    );
    assert!(
        e.store
            .news_digest(&e.anna, Some(&days_from_today(1)), false)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn drafts_of_ended_sessions_are_offered_and_live_ones_are_not() {
    let e = env();
    let mine = e.store.save_draft(&e.anna, None, "{\"x\":1}").unwrap();
    assert_eq!(
        e.store
            .save_draft(&e.anna, Some(mine), "{\"x\":2}")
            .unwrap(),
        mine,
        "updated in place"
    );
    let offered = e.store.drafts_to_resume(&e.anna).unwrap();
    assert_eq!(offered.len(), 1, "this process's own draft");
    assert_eq!(offered[0].form, "{\"x\":2}");
    assert!(
        e.store.drafts_to_resume(&e.bjorn).unwrap().is_empty(),
        "drafts are personal"
    );
    e.store.delete_draft(&e.anna, mine).unwrap();
    assert!(e.store.drafts_to_resume(&e.anna).unwrap().is_empty());
    // Another session of Anna's that still runs keeps its draft; one that ended
    // leaves its draft to be offered.
    let mut live = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    let mut ended = std::process::Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    for (pid, form) in [(live.id(), "{\"live\":1}"), (ended.id(), "{\"ended\":1}")] {
        conn.execute(
            "INSERT INTO drafts (member_id, pid, form, saved_at) VALUES (?1, ?2, ?3, '2026-11-28T10:00:00Z')",
            rusqlite::params![e.anna.member_id, pid, form],
        )
        .unwrap();
    }
    let offered: Vec<String> = e
        .store
        .drafts_to_resume(&e.anna)
        .unwrap()
        .into_iter()
        .map(|d| d.form)
        .collect();
    let _ = live.kill();
    let _ = live.wait();
    assert_eq!(offered, ["{\"ended\":1}"]);
}

#[test]
fn linked_partners_are_named_and_only_the_office_pins() {
    let e = env();
    let org = e
        .store
        .create_org(&e.anna, common::org("Miasto Łódź", "PL", "Łódź"), false)
        .unwrap();
    let mut n = item("Besök från Łódź", NewsCategory::Event);
    n.partners = vec![org];
    let (id, _) = e.store.post_news(&e.anna, n.clone(), true).unwrap();
    assert_eq!(
        e.store.news(&e.bjorn, id).unwrap().partner_names,
        ["Miasto Łódź"]
    );
    n.pinned = true;
    assert!(matches!(
        e.store.post_news(&e.anna, n.clone(), true),
        Err(Error::Forbidden)
    ));
    assert!(e.store.post_news(&e.office, n, true).is_ok());
}

/// A session that ends marks its drafts as left, so a start a moment later (while
/// the old process is still being reaped, or after its pid went to another process)
/// offers them.
#[test]
fn an_ended_session_leaves_its_drafts_to_be_offered_at_once() {
    let e = env();
    let id = e.store.save_draft(&e.anna, None, "{\"x\":1}").unwrap();
    let pid_of = |id: i64| -> i64 {
        rusqlite::Connection::open(&e.path)
            .unwrap()
            .query_row("SELECT pid FROM drafts WHERE id = ?1", [id], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(pid_of(id), i64::from(std::process::id()));
    let bjorns = e.store.save_draft(&e.bjorn, None, "{\"y\":1}").unwrap();
    e.store.leave_drafts(&e.anna).unwrap();
    assert_eq!(pid_of(id), 0, "Anna's draft is marked as left");
    assert_eq!(
        pid_of(bjorns),
        i64::from(std::process::id()),
        "only the member's own drafts"
    );
    assert_eq!(e.store.drafts_to_resume(&e.anna).unwrap().len(), 1);
}
