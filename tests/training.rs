//! The training log: groups, rights, summaries, validation.

mod common;
use common::env;
use intnet::model::{PriorityArea, TrainingData, TrainingKind};
use intnet::store::{Error, Scope, SummaryBy, TrainingFilter};

fn activity(title: &str, date: &str, hours: i64, who: Vec<i64>) -> TrainingData {
    TrainingData {
        title: title.into(),
        date_from: date.into(),
        minutes: hours * 60,
        participants: who,
        ..TrainingData::default()
    }
}

#[test]
fn a_group_entry_counts_person_hours() {
    let e = env();
    let mut t = activity(
        "EU funding basics",
        "2026-11-20",
        6,
        vec![e.anna.member_id, e.bjorn.member_id],
    );
    t.priority_area = Some(PriorityArea::Business);
    e.store.log_training(&e.anna, t).unwrap();
    e.store
        .log_training(
            &e.bjorn,
            activity("Tyska", "2026-03-02", 2, vec![e.bjorn.member_id]),
        )
        .unwrap();
    let by_unit = e.store.training_summary(2026, SummaryBy::Unit).unwrap();
    let keys: Vec<(&str, i64, i64, i64)> = by_unit
        .iter()
        .map(|r| (r.key.as_str(), r.minutes / 60, r.participants, r.activities))
        .collect();
    assert_eq!(keys, [("HAMN", 8, 1, 2), ("KLK", 6, 1, 1)]);
    let by_month = e.store.training_summary(2026, SummaryBy::Month).unwrap();
    assert_eq!(
        by_month.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["2026-03", "2026-11"]
    );
    assert_eq!(
        by_month[1].minutes,
        12 * 60,
        "6 hours for two people count 12"
    );
    let by_area = e.store.training_summary(2026, SummaryBy::Area).unwrap();
    assert!(
        by_area
            .iter()
            .any(|r| r.key == "business" && r.minutes == 720)
    );
    let by_member = e.store.training_summary(2026, SummaryBy::Member).unwrap();
    assert_eq!(
        by_member
            .iter()
            .map(|r| (r.key.as_str(), r.minutes / 60))
            .collect::<Vec<_>>(),
        [("anna", 6), ("bjorn", 8)]
    );
    assert!(
        e.store
            .training_summary(2025, SummaryBy::Kind)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn lists_mine_my_units_and_the_networks_with_totals() {
    let e = env();
    e.store
        .log_training(
            &e.anna,
            activity("Mine", "2026-05-01", 3, vec![e.anna.member_id]),
        )
        .unwrap();
    e.store
        .log_training(
            &e.bjorn,
            activity("Björn's", "2026-05-02", 4, vec![e.bjorn.member_id]),
        )
        .unwrap();
    e.store
        .log_training(
            &e.anna,
            activity("Last year", "2025-05-02", 1, vec![e.anna.member_id]),
        )
        .unwrap();
    let titles = |f: TrainingFilter| -> Vec<String> {
        e.store
            .list_trainings(&e.anna, &f, 0, 50)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect()
    };
    let year = Some(2026);
    assert_eq!(
        titles(TrainingFilter {
            year,
            ..Default::default()
        }),
        ["Mine"]
    );
    assert_eq!(
        titles(TrainingFilter {
            year,
            scope: Scope::Network,
            ..Default::default()
        }),
        ["Björn's", "Mine"]
    );
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    assert_eq!(
        titles(TrainingFilter {
            year,
            scope: Scope::Unit(hamn),
            ..Default::default()
        }),
        ["Björn's"]
    );
    assert_eq!(
        titles(TrainingFilter {
            scope: Scope::Mine,
            ..Default::default()
        }),
        ["Mine", "Last year"]
    );
    let totals = e
        .store
        .training_totals(
            &e.anna,
            &TrainingFilter {
                year,
                scope: Scope::Network,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(totals, (2, 7 * 60, 2));
}

#[test]
fn members_edit_their_own_the_office_all_viewers_none() {
    let e = env();
    let id = e
        .store
        .log_training(
            &e.anna,
            activity("Anna's", "2026-05-01", 3, vec![e.anna.member_id]),
        )
        .unwrap();
    let t = e.store.training(id).unwrap();
    let mut changed = t.data.clone();
    changed.title = "Changed".into();
    assert!(matches!(
        e.store
            .update_training(&e.bjorn, id, t.meta.version, changed.clone()),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store
            .update_training(&e.viewer, id, t.meta.version, changed.clone()),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store.delete_training(&e.bjorn, id),
        Err(Error::Forbidden)
    ));
    e.store
        .update_training(&e.anna, id, t.meta.version, changed)
        .unwrap();
    e.store.delete_training(&e.office, id).unwrap();
    assert!(matches!(e.store.training(id), Err(Error::NotFound)));
    assert!(
        e.store
            .training_summary(2026, SummaryBy::Unit)
            .unwrap()
            .is_empty(),
        "a deleted activity leaves the sums"
    );
    // A viewer logs nothing; a member logs only what they take part in.
    assert!(matches!(
        e.store.log_training(
            &e.viewer,
            activity("X", "2026-05-01", 1, vec![e.viewer.member_id])
        ),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store.log_training(
            &e.anna,
            activity("X", "2026-05-01", 1, vec![e.bjorn.member_id])
        ),
        Err(Error::Forbidden)
    ));
}

#[test]
fn undo_brings_a_deleted_group_back_with_everyone() {
    let e = env();
    let id = e
        .store
        .log_training(
            &e.anna,
            activity(
                "Group",
                "2026-05-01",
                2,
                vec![e.anna.member_id, e.bjorn.member_id],
            ),
        )
        .unwrap();
    e.store.delete_training(&e.anna, id).unwrap();
    e.store.undo_last(&e.anna).unwrap();
    let back = e.store.training(id).unwrap();
    assert_eq!(back.data.participants.len(), 2);
    assert_eq!(back.names, ["Anna Åberg", "Björn Ek"]);
    assert_eq!(
        e.store.training_summary(2026, SummaryBy::Kind).unwrap()[0].minutes,
        240
    );
}

#[test]
fn bad_entries_are_refused_whole() {
    let e = env();
    let mut bad = activity("", "2026-13-01", 0, vec![e.anna.member_id, 9_999]);
    bad.cost_sek = Some(-5);
    let Err(Error::Invalid(errors)) = e.store.log_training(&e.anna, bad) else {
        panic!()
    };
    let fields: Vec<&str> = errors.iter().map(|f| f.field).collect();
    assert!(fields.contains(&"title") && fields.contains(&"date") && fields.contains(&"hours"));
    assert!(
        fields.contains(&"cost") && fields.contains(&"participants"),
        "{fields:?}"
    );
    assert!(
        e.store
            .list_trainings(&e.anna, &TrainingFilter::default(), 0, 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(e.store.last_training_kind(&e.anna).unwrap(), None);
    let mut ok = activity("Webbinarium", "2026-05-01", 1, vec![e.anna.member_id]);
    ok.kind = TrainingKind::Webinar;
    e.store.log_training(&e.anna, ok).unwrap();
    assert_eq!(
        e.store.last_training_kind(&e.anna).unwrap(),
        Some(TrainingKind::Webinar)
    );
}
