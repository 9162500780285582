//! Action plans, deadlines and the iCalendar export.

mod common;
use common::env;
use common::in_days;
use intnet::model::{ItemStatus, NewsCategory, NewsData, PlanData, PlanItemData};
use intnet::store::{DeadlineKind, Error};

fn year() -> i32 {
    common::year()
}

fn plan_with_items(e: &common::Env) -> (i64, i64, i64) {
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let plan = e
        .store
        .create_plan(
            &e.office,
            PlanData {
                year: year(),
                unit_id: Some(klk),
                title: "KLK 2026".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let item = |text: &str, owner: i64, due: Option<String>| PlanItemData {
        plan_id: plan,
        text: text.into(),
        owner_id: Some(owner),
        due,
        ..Default::default()
    };
    let (a, _) = e
        .store
        .add_plan_item(
            &e.office,
            item("Studiebesök Tartu", e.anna.member_id, Some(in_days(10))),
        )
        .unwrap();
    let (b, _) = e
        .store
        .add_plan_item(
            &e.office,
            item("Vänortsmöte", e.bjorn.member_id, Some(in_days(40))),
        )
        .unwrap();
    (plan, a, b)
}

#[test]
fn owners_and_the_office_change_status_and_progress_follows() {
    let e = env();
    let (plan, a, b) = plan_with_items(&e);
    assert!(
        matches!(
            e.store.set_item_status(&e.bjorn, a, ItemStatus::Done),
            Err(Error::Forbidden)
        ),
        "not Björn's item"
    );
    assert!(matches!(
        e.store.set_item_status(&e.viewer, a, ItemStatus::Done),
        Err(Error::Forbidden)
    ));
    e.store
        .set_item_status(&e.anna, a, ItemStatus::Done)
        .unwrap();
    e.store
        .set_item_status(&e.office, b, ItemStatus::Cancelled)
        .unwrap();
    let p = e
        .store
        .plans(year())
        .unwrap()
        .into_iter()
        .find(|p| p.id == plan)
        .unwrap();
    assert_eq!((p.done, p.total), (1, 1), "a cancelled item does not count");
    // Only the office creates plans and items.
    assert!(matches!(
        e.store.create_plan(
            &e.anna,
            PlanData {
                year: year(),
                title: "X".into(),
                ..Default::default()
            }
        ),
        Err(Error::Forbidden)
    ));
    e.store.undo_last(&e.anna).unwrap();
    assert_eq!(
        e.store.plan_items(plan).unwrap()[0].data.status,
        ItemStatus::NotStarted,
        "undo"
    );
}

#[test]
fn my_items_and_next_years_copy() {
    let e = env();
    let (plan, a, _) = plan_with_items(&e);
    let mine = e.store.my_items(e.anna.member_id).unwrap();
    assert_eq!(mine.iter().map(|i| i.id).collect::<Vec<_>>(), [a]);
    e.store
        .set_item_status(&e.anna, a, ItemStatus::Done)
        .unwrap();
    assert!(
        e.store.my_items(e.anna.member_id).unwrap().is_empty(),
        "done items leave my list"
    );
    let next = e.store.copy_plan_to_next_year(&e.office, plan).unwrap();
    let items = e.store.plan_items(next).unwrap();
    assert_eq!(items.len(), 1, "only the open item is copied");
    assert_eq!(items[0].data.text, "Vänortsmöte");
    assert_eq!(items[0].plan_year, year() + 1);
    let was: i32 = in_days(40)[..4].parse().unwrap();
    assert_eq!(
        items[0].data.due.as_deref().map(|d| &d[..4]),
        Some((was + 1).to_string().as_str()),
        "a year later"
    );
}

#[test]
fn bad_items_are_refused_and_a_due_date_outside_the_year_warns() {
    let e = env();
    let (plan, _, _) = plan_with_items(&e);
    let bad = PlanItemData {
        plan_id: plan,
        text: " ".into(),
        due: Some("2026-02-30".into()),
        ..Default::default()
    };
    assert!(matches!(
        e.store.add_plan_item(&e.office, bad),
        Err(Error::Invalid(_))
    ));
    let late = PlanItemData {
        plan_id: plan,
        text: "Nästa år".into(),
        due: Some(format!("{}-01-15", year() + 1)),
        ..Default::default()
    };
    let (_, warnings) = e.store.add_plan_item(&e.office, late).unwrap();
    assert_eq!(warnings[0].key, "warn.due_outside_year");
}

#[test]
fn deadlines_gather_plan_items_and_calls() {
    let e = env();
    let (_, a, b) = plan_with_items(&e);
    let call = NewsData {
        title: "Interreg".into(),
        category: NewsCategory::Call,
        deadline: Some(in_days(20)),
        ..Default::default()
    };
    let (call_id, _) = e.store.post_news(&e.office, call, true).unwrap();
    let all = e.store.deadlines(&e.anna, None, false).unwrap();
    let seen: Vec<(DeadlineKind, i64)> = all.iter().map(|d| (d.kind, d.id)).collect();
    assert_eq!(
        seen,
        [
            (DeadlineKind::PlanItem, a),
            (DeadlineKind::Call, call_id),
            (DeadlineKind::PlanItem, b)
        ]
    );
    let soon = e.store.deadlines(&e.anna, Some(30), false).unwrap();
    assert_eq!(soon.len(), 2);
    let mine = e.store.deadlines(&e.anna, None, true).unwrap();
    assert_eq!(mine.iter().map(|d| d.id).collect::<Vec<_>>(), [a]);
    assert!(all.iter().all(|d| !d.overdue));
}

/// Overdue things are the most urgent lines: open items past their date come first,
/// marked, at every horizon and in "mine"; a call that closed is gone.
#[test]
fn overdue_items_come_first_and_closed_calls_are_gone() {
    let e = env();
    let (plan, a, _) = plan_with_items(&e);
    let (late, _) = e
        .store
        .add_plan_item(
            &e.office,
            PlanItemData {
                plan_id: plan,
                text: "Rapport till KS".into(),
                owner_id: Some(e.anna.member_id),
                due: Some(in_days(-8)),
                ..Default::default()
            },
        )
        .unwrap();
    let closed = NewsData {
        title: "Stängd utlysning".into(),
        category: NewsCategory::Call,
        deadline: Some(in_days(-3)),
        ..Default::default()
    };
    let (closed_id, _) = e.store.post_news(&e.office, closed, true).unwrap();
    for (within, mine) in [(None, false), (Some(7), false), (Some(0), true)] {
        let list = e.store.deadlines(&e.anna, within, mine).unwrap();
        assert_eq!(list[0].id, late, "{within:?} {mine}: {list:?}");
        assert!(list[0].overdue);
        assert_eq!(list[0].date, in_days(-8));
        // A unit's plan is named with the unit's code: whose plan it is.
        assert_eq!(list[0].context, "KLK · KLK 2026");
        assert!(list.iter().skip(1).all(|d| !d.overdue));
        assert!(
            list.iter()
                .all(|d| d.id != closed_id || d.kind != DeadlineKind::Call)
        );
    }
    // Done, it is no longer due.
    e.store
        .set_item_status(&e.anna, late, ItemStatus::Done)
        .unwrap();
    let list = e.store.deadlines(&e.anna, None, true).unwrap();
    assert_eq!(list.iter().map(|d| d.id).collect::<Vec<_>>(), [a]);
}

#[test]
fn owners_change_status_and_comments_and_the_office_changes_everything() {
    let e = env();
    let (_, a, _) = plan_with_items(&e);
    let item = e.store.plan_item(a).unwrap();
    let commented = PlanItemData {
        comments: "Bokat resa".into(),
        status: ItemStatus::InProgress,
        ..item.data.clone()
    };
    assert!(
        matches!(
            e.store
                .update_plan_item(&e.bjorn, a, item.meta.version, commented.clone()),
            Err(Error::Forbidden)
        ),
        "Björn does not own the item"
    );
    e.store
        .update_plan_item(&e.anna, a, item.meta.version, commented)
        .unwrap();
    let item = e.store.plan_item(a).unwrap();
    assert_eq!(
        (item.data.comments.as_str(), item.data.status),
        ("Bokat resa", ItemStatus::InProgress)
    );
    let renamed = PlanItemData {
        text: "Studiebesök Tallinn".into(),
        ..item.data.clone()
    };
    assert!(
        matches!(
            e.store
                .update_plan_item(&e.anna, a, item.meta.version, renamed.clone()),
            Err(Error::Forbidden)
        ),
        "the owner may not rewrite the item"
    );
    let next_year = format!("{}-02-01", year() + 1);
    let warnings = e
        .store
        .update_plan_item(
            &e.office,
            a,
            item.meta.version,
            PlanItemData {
                due: Some(next_year.clone()),
                owner_id: Some(e.bjorn.member_id),
                ..renamed
            },
        )
        .unwrap();
    assert_eq!(warnings[0].key, "warn.due_outside_year");
    let item = e.store.plan_item(a).unwrap();
    assert_eq!(
        (
            item.data.text.as_str(),
            item.data.due.as_deref(),
            item.owner.as_deref()
        ),
        (
            "Studiebesök Tallinn",
            Some(next_year.as_str()),
            Some(e.bjorn.full_name.as_str())
        )
    );
    let emptied = PlanItemData {
        text: "  ".into(),
        ..item.data.clone()
    };
    assert!(matches!(
        e.store
            .update_plan_item(&e.office, a, item.meta.version, emptied),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        e.store.delete_plan_item(&e.bjorn, a),
        Err(Error::Forbidden)
    ));
    e.store.delete_plan_item(&e.office, a).unwrap();
    assert!(matches!(e.store.plan_item(a), Err(Error::NotFound)));
    e.store.undo_last(&e.office).unwrap();
    assert_eq!(
        e.store.plan_item(a).unwrap().data.text,
        "Studiebesök Tallinn"
    );
}
