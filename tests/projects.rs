//! Projects, milestones, memberships and evaluations, and what they add to deadlines.

mod common;
use common::{env, org};
use common::{in_days, today};
use intnet::model::{
    Evaluation, MembershipData, NewsCategory, NewsData, OrgKind, PlanData, ProjectData,
    ProjectStatus, Recommendation,
};
use intnet::store::{DeadlineKind, Error};

#[test]
fn unit_members_and_the_office_edit_projects() {
    let e = env();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let data = ProjectData {
        name: "Green Ports".into(),
        lead_unit: Some(klk),
        currency: "EUR".into(),
        ..Default::default()
    };
    assert!(
        matches!(
            e.store.create_project(&e.bjorn, data.clone()),
            Err(Error::Forbidden)
        ),
        "Björn is in HAMN"
    );
    assert!(matches!(
        e.store.create_project(&e.viewer, data.clone()),
        Err(Error::Forbidden)
    ));
    let id = e.store.create_project(&e.anna, data).unwrap();
    let p = e.store.project(id).unwrap();
    e.store
        .update_project(
            &e.office,
            id,
            p.meta.version,
            ProjectData {
                status: ProjectStatus::Running,
                budget_total: Some(5_000_000),
                ..p.data.clone()
            },
        )
        .unwrap();
    assert!(
        matches!(
            e.store
                .update_project(&e.anna, id, p.meta.version, p.data.clone()),
            Err(Error::Conflict { .. })
        ),
        "a stale save is refused"
    );
    let m = e
        .store
        .add_milestone(&e.anna, id, "Delrapport 1", Some(&in_days(12)))
        .unwrap();
    assert!(matches!(
        e.store.set_milestone_done(&e.bjorn, m, true),
        Err(Error::Forbidden)
    ));
    let soon = e.store.deadlines(&e.anna, Some(30), false).unwrap();
    assert!(
        soon.iter()
            .any(|d| d.kind == DeadlineKind::Milestone && d.id == m)
    );
    e.store.set_milestone_done(&e.anna, m, true).unwrap();
    assert!(
        e.store
            .deadlines(&e.anna, Some(30), false)
            .unwrap()
            .iter()
            .all(|d| d.kind != DeadlineKind::Milestone)
    );
    assert_eq!(
        e.store.projects().unwrap()[0].data.budget_total,
        Some(5_000_000)
    );
}

#[test]
fn an_eu_call_becomes_a_project_idea_or_a_plan_item() {
    let e = env();
    let call = NewsData {
        title: "Interreg Aurora: småprojekt".into(),
        category: NewsCategory::Call,
        deadline: Some(in_days(25)),
        ..Default::default()
    };
    let (news, _) = e.store.post_news(&e.office, call, true).unwrap();
    let idea = e.store.project_idea_from_news(&e.anna, news).unwrap();
    let p = e.store.project(idea).unwrap();
    assert_eq!(p.data.status, ProjectStatus::Idea);
    assert_eq!(p.data.programme, intnet::model::Programme::InterregAurora);
    assert_eq!(p.data.news_id, Some(news));
    assert!(matches!(
        e.store.plan_item_from_news(&e.office, news),
        Err(Error::Rule("err.no_plan_this_year"))
    ));
    let year = common::year();
    e.store
        .create_plan(
            &e.office,
            PlanData {
                year,
                title: "Kommunen".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let item = e.store.plan_item_from_news(&e.office, news).unwrap();
    let deadlines = e.store.deadlines(&e.office, None, false).unwrap();
    assert!(
        deadlines
            .iter()
            .any(|d| d.kind == DeadlineKind::PlanItem && d.id == item && d.date == in_days(25))
    );
}

#[test]
fn memberships_are_networks_and_evaluations_move_the_next_date() {
    let e = env();
    let ubc = network(&e, "Union of the Baltic Cities");
    let city = e
        .store
        .create_org(&e.office, org("Tartu linn", "EE", "Tartu"), false)
        .unwrap();
    let m = MembershipData {
        org_id: ubc,
        member_id: Some(e.anna.member_id),
        fee: Some(120_000),
        next_evaluation: Some(in_days(3)),
        ..Default::default()
    };
    assert!(matches!(
        e.store.create_membership(&e.anna, m.clone()),
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        e.store.create_membership(
            &e.office,
            MembershipData {
                org_id: city,
                ..m.clone()
            }
        ),
        Err(Error::Rule("err.not_a_network"))
    ));
    let id = e.store.create_membership(&e.office, m).unwrap();
    assert!(
        e.store
            .deadlines(&e.anna, Some(7), true)
            .unwrap()
            .iter()
            .any(|d| d.kind == DeadlineKind::Evaluation)
    );
    let eval = |benefit| Evaluation {
        date: today(),
        assessment: "Nyttigt".into(),
        benefit,
        recommendation: Recommendation::Continue,
    };
    assert!(matches!(
        e.store.evaluate_membership(&e.anna, id, eval(6), None),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        e.store.evaluate_membership(&e.bjorn, id, eval(4), None),
        Err(Error::Forbidden)
    ));
    e.store
        .evaluate_membership(&e.anna, id, eval(4), Some(&in_days(365)))
        .unwrap();
    let list = e.store.memberships().unwrap();
    assert_eq!(list[0].last.as_ref().map(|l| l.benefit), Some(4));
    assert_eq!(list[0].data.next_evaluation, Some(in_days(365)));
    assert!(
        e.store
            .deadlines(&e.anna, Some(7), true)
            .unwrap()
            .is_empty(),
        "evaluated: not due this week"
    );
}

/// A registry organisation of kind network.
fn network(e: &common::Env, name: &str) -> i64 {
    let mut net = org(name, "BE", "Bryssel");
    net.kind = OrgKind::Network;
    e.store.create_org(&e.office, net, false).unwrap()
}

fn klk_project(e: &common::Env) -> i64 {
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let data = ProjectData {
        name: "Green Ports".into(),
        lead_unit: Some(klk),
        currency: "EUR".into(),
        ..Default::default()
    };
    e.store.create_project(&e.anna, data).unwrap()
}

#[test]
fn milestones_are_edited_deleted_and_undone_with_a_conflict_check() {
    let e = env();
    let p = klk_project(&e);
    let m = e
        .store
        .add_milestone(&e.anna, p, "Delrapport", Some(&in_days(5)))
        .unwrap();
    let before = e.store.milestones(p).unwrap()[0].clone();
    assert!(matches!(
        e.store
            .update_milestone(&e.bjorn, m, before.version, "X", None),
        Err(Error::Forbidden)
    ));
    e.store
        .update_milestone(
            &e.office,
            m,
            before.version,
            "Delrapport 1",
            Some(&in_days(6)),
        )
        .unwrap();
    assert!(
        matches!(
            e.store
                .update_milestone(&e.anna, m, before.version, "Stale", None),
            Err(Error::Conflict { .. })
        ),
        "Anna's form was read before the office's change"
    );
    let bad = e
        .store
        .update_milestone(&e.anna, m, before.version + 1, " ", Some("2026-02-30"));
    let Err(Error::Invalid(errors)) = bad else {
        panic!("{bad:?}")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["title", "due"]);
    let now = e.store.milestones(p).unwrap();
    assert_eq!(
        (now[0].title.as_str(), now[0].due.clone()),
        ("Delrapport 1", Some(in_days(6)))
    );
    e.store.delete_milestone(&e.anna, m).unwrap();
    assert!(e.store.milestones(p).unwrap().is_empty());
    assert!(
        !e.store
            .deadlines(&e.office, None, false)
            .unwrap()
            .iter()
            .any(|d| d.kind == DeadlineKind::Milestone),
        "a deleted milestone is not due"
    );
    let undone = e.store.undo_last(&e.anna).unwrap();
    assert_eq!(undone.entity, "milestone");
    assert_eq!(e.store.milestones(p).unwrap()[0].title, "Delrapport 1");
}

#[test]
fn partners_must_be_in_the_registry_and_members_keep_projects_in_their_unit() {
    let e = env();
    let p = klk_project(&e);
    let current = e.store.project(p).unwrap();
    let with_ghost = ProjectData {
        partners: vec![intnet::model::ProjectPartner {
            org_id: 999_999,
            role: intnet::model::ProjectRole::Lead,
        }],
        ..current.data.clone()
    };
    let r = e
        .store
        .update_project(&e.anna, p, current.meta.version, with_ghost);
    let Err(Error::Invalid(errors)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(errors[0].field, "partners");
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    let moved = ProjectData {
        lead_unit: Some(hamn),
        ..current.data.clone()
    };
    assert!(
        matches!(
            e.store
                .update_project(&e.anna, p, current.meta.version, moved.clone()),
            Err(Error::Forbidden)
        ),
        "a member cannot hand the project to another unit"
    );
    e.store
        .update_project(&e.office, p, current.meta.version, moved)
        .unwrap();
    assert!(matches!(
        e.store.delete_project(&e.anna, p),
        Err(Error::Forbidden)
    ));
    e.store.delete_project(&e.bjorn, p).unwrap();
    assert!(e.store.projects().unwrap().is_empty());
    assert!(matches!(e.store.project(p), Err(Error::NotFound)));
    e.store.undo_last(&e.bjorn).unwrap();
    assert_eq!(e.store.projects().unwrap()[0].id, p);
}

#[test]
fn the_office_edits_and_ends_memberships() {
    let e = env();
    let ubc = network(&e, "Eurocities");
    let id = e
        .store
        .create_membership(
            &e.office,
            MembershipData {
                org_id: ubc,
                ..Default::default()
            },
        )
        .unwrap();
    let m = e.store.memberships().unwrap()[0].clone();
    let changed = MembershipData {
        fee: Some(250_000),
        since: Some("2019-01-01".into()),
        member_id: Some(e.anna.member_id),
        ..m.data.clone()
    };
    assert!(matches!(
        e.store
            .update_membership(&e.anna, id, m.meta.version, changed.clone()),
        Err(Error::Forbidden)
    ));
    let bad = MembershipData {
        since: Some("01/01/2019".into()),
        currency: "euro".into(),
        ..changed.clone()
    };
    let r = e
        .store
        .update_membership(&e.office, id, m.meta.version, bad);
    let Err(Error::Invalid(errors)) = r else {
        panic!("{r:?}")
    };
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["since", "currency"]);
    e.store
        .update_membership(&e.office, id, m.meta.version, changed)
        .unwrap();
    let now = e.store.memberships().unwrap()[0].clone();
    assert_eq!(
        (now.data.fee, now.member_name.as_deref()),
        (Some(250_000), Some(e.anna.full_name.as_str()))
    );
    // An evaluation and its undo: the evaluation goes, the next date comes back.
    let before = e.store.memberships().unwrap()[0]
        .data
        .next_evaluation
        .clone();
    let evaluation = Evaluation {
        date: today(),
        assessment: "Nyttigt".into(),
        benefit: 4,
        recommendation: Recommendation::Review,
    };
    e.store
        .evaluate_membership(&e.office, id, evaluation, Some(&in_days(365)))
        .unwrap();
    let evaluated = e.store.memberships().unwrap().remove(0);
    assert_eq!(evaluated.last.map(|l| l.benefit), Some(4));
    assert_eq!(evaluated.data.next_evaluation, Some(in_days(365)));
    e.store.undo_last(&e.office).unwrap();
    let undone = e.store.memberships().unwrap().remove(0);
    assert_eq!((undone.last, undone.data.next_evaluation), (None, before));
    assert!(matches!(
        e.store.delete_membership(&e.anna, id),
        Err(Error::Forbidden)
    ));
    e.store.delete_membership(&e.office, id).unwrap();
    assert!(e.store.memberships().unwrap().is_empty());
}
