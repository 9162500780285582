//! The yearly compilation (issue 13): figures against sums the test works out itself,
//! the account's flow and rights, freezing at submission, the compilation and the CLI.

mod common;
use common::{env, year};
use intnet::model::{AccountState, AccountWords, Figure, Funding, TrainingData, TrainingKind};
use intnet::store::Error;

fn training(e: &common::Env, who: &[i64], date: &str, minutes: i64, cost: Option<i64>) -> i64 {
    e.store
        .log_training(
            &e.office,
            TrainingData {
                title: "Kurs i EU-ansökan".into(),
                kind: TrainingKind::Course,
                date_from: date.into(),
                minutes,
                participants: who.to_vec(),
                funding: Funding::ErasmusPlus,
                cost_sek: cost,
                ..Default::default()
            },
        )
        .unwrap()
}

fn words(text: &str) -> AccountWords {
    AccountWords {
        operations: text.into(),
        next_year: "Fler EU-ansökningar".into(),
        ..Default::default()
    }
}

#[test]
fn submission_freezes_the_figures_and_drift_shows_what_came_after() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let day = format!("{y}-03-10");
    training(&e, &[e.anna.member_id], &day, 120, Some(1500));
    e.store
        .save_words(&e.anna, klk, y, None, words("Vi har lärt oss mycket"))
        .unwrap();
    e.store.submit(&e.anna, klk, y, None).unwrap();
    let account = e.store.account(&e.anna, klk, y).unwrap().unwrap();
    assert_eq!(account.state, AccountState::Submitted);
    let frozen = account.figures.clone().unwrap();
    assert_eq!(frozen.training.activities, 1);
    assert_eq!(frozen.training.minutes, 120);
    assert_eq!(frozen.training.cost_sek, 1500 * 100);
    assert_eq!(account.submitted_by.as_deref(), Some("Anna Åberg"));

    // A training logged afterwards does not change what was submitted...
    training(&e, &[e.anna.member_id], &format!("{y}-04-01"), 60, None);
    let again = e.store.account(&e.office, klk, y).unwrap().unwrap();
    assert_eq!(again.figures, Some(frozen));
    // ...but shows as drift: +1 activity, +60 minutes.
    let drift = e.store.drift(&e.office, klk, y).unwrap();
    let delta = |f: Figure| {
        drift
            .lines
            .iter()
            .find(|l| l.figure == f)
            .map(|l| l.delta())
    };
    assert_eq!(delta(Figure::Activities), Some(1));
    assert_eq!(delta(Figure::PersonHours), Some(60));
    assert_eq!(delta(Figure::Participants), None, "still one person");

    // Handed in: the words cannot change, not even by refreshing.
    assert!(matches!(
        e.store.save_words(&e.anna, klk, y, None, words("x")),
        Err(Error::Rule("err.account_handed_in"))
    ));
    assert!(matches!(
        e.store.refresh_figures(&e.anna, klk, y, None),
        Err(Error::Rule("err.account_state"))
    ));

    // The office returns it; the unit refreshes and the drift is gone.
    e.store
        .return_account(&e.office, klk, y, None, "Lägg till kursen i april")
        .unwrap();
    let returned = e.store.account(&e.anna, klk, y).unwrap().unwrap();
    assert_eq!(returned.state, AccountState::Returned);
    assert_eq!(
        returned.returned_comment.as_deref(),
        Some("Lägg till kursen i april")
    );
    assert_eq!(returned.figures.as_ref().unwrap().training.activities, 1);
    e.store.refresh_figures(&e.anna, klk, y, None).unwrap();
    let refreshed = e.store.account(&e.anna, klk, y).unwrap().unwrap();
    assert_eq!(refreshed.figures.as_ref().unwrap().training.activities, 2);
    assert!(e.store.drift(&e.anna, klk, y).unwrap().is_empty());
    e.store.submit(&e.anna, klk, y, None).unwrap();
    e.store.accept(&e.office, klk, y, None).unwrap();
    let accepted = e.store.account(&e.viewer, klk, y).unwrap().unwrap();
    assert_eq!(accepted.state, AccountState::Accepted);
    assert_eq!(accepted.decided_by.as_deref(), Some("Olle Office"));
}

use intnet::model::{
    InteractionData, InteractionKind, ItemStatus, MembershipData, OrgKind, PlanData, PlanItemData,
    Programme, ProjectData, ProjectPartner, ProjectRole, ProjectStatus, Role, Sector, UnitFigures,
};
use std::collections::{BTreeMap, BTreeSet};

/// (participants with their unit, minutes, cost in kronor, year, kind, funding)
type LoggedTraining = (
    Vec<(i64, i64)>,
    i64,
    Option<i64>,
    i32,
    TrainingKind,
    Funding,
);

/// What the test logged, to sum by itself.
struct Logged {
    klk: i64,
    hamn: i64,
    trainings: Vec<LoggedTraining>,
    /// (unit, org, date, kind, deleted)
    contacts: Vec<(Option<i64>, i64, String, InteractionKind, bool)>,
    /// org id → (country, kind, sector)
    orgs: BTreeMap<i64, (String, OrgKind, Option<Sector>)>,
}

fn year_of(date: &str) -> i32 {
    date[..4].parse().unwrap()
}

/// Two years of contacts and training for KLK (Anna, Cecilia) and HAMN (Björn), some
/// shared between the units, one contact deleted.
fn log_two_years(e: &common::Env) -> Logged {
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    e.store
        .add_member(
            &e.office,
            "cecilia",
            "Cecilia Berg",
            Some("KLK"),
            Role::Member,
        )
        .unwrap();
    let cecilia = e.store.actor("cecilia").unwrap();
    let people = [
        (e.anna.member_id, klk),
        (cecilia.member_id, klk),
        (e.bjorn.member_id, hamn),
    ];
    let mut rng = fastrand::Rng::with_seed(5);
    let mut orgs = BTreeMap::new();
    let kinds = [OrgKind::TwinCity, OrgKind::Company, OrgKind::University];
    let sectors = [None, Some(Sector::Business), Some(Sector::Academia)];
    for (i, (name, country)) in [
        ("Lahti", "FI"),
        ("Rauma", "FI"),
        ("Gdynia hamn", "PL"),
        ("Tartu ülikool", "EE"),
        ("Kiel Logistik", "DE"),
        ("Tallinn Port", "EE"),
    ]
    .iter()
    .enumerate()
    {
        let mut data = common::org(name, country, name);
        data.kind = kinds[i % 3];
        data.sector = sectors[i % 3];
        let id = e.store.create_org(&e.office, data, true).unwrap();
        orgs.insert(id, (country.to_string(), kinds[i % 3], sectors[i % 3]));
    }
    let org_ids: Vec<i64> = orgs.keys().copied().collect();
    let mut contacts = Vec::new();
    for n in 0..40 {
        let (member, unit) = people[rng.usize(0..3)];
        let org = org_ids[rng.usize(0..org_ids.len())];
        let date = common::in_days(-rng.i64(0..700));
        let kind = InteractionKind::ALL[rng.usize(0..InteractionKind::ALL.len())];
        let id = e
            .store
            .add_interaction(
                &e.office,
                InteractionData {
                    org_id: org,
                    member_id: member,
                    unit_id: Some(unit),
                    date: date.clone(),
                    kind,
                    summary: format!("Möte {n}"),
                    ..Default::default()
                },
            )
            .unwrap();
        let deleted = n == 7;
        if deleted {
            e.store.delete_interaction(&e.office, id).unwrap();
        }
        contacts.push((Some(unit), org, date, kind, deleted));
    }
    let mut trainings = Vec::new();
    for _ in 0..30 {
        let mut who = vec![people[rng.usize(0..3)]];
        if rng.bool() {
            let other = people[rng.usize(0..3)];
            if !who.contains(&other) {
                who.push(other);
            }
        }
        let date = common::in_days(-rng.i64(0..700));
        let minutes = 30 * rng.i64(1..10);
        let cost = rng.bool().then(|| rng.i64(100..5000));
        let kind = TrainingKind::ALL[rng.usize(0..TrainingKind::ALL.len())];
        let funding = Funding::ALL[rng.usize(0..Funding::ALL.len())];
        e.store
            .log_training(
                &e.office,
                TrainingData {
                    title: "Aktivitet".into(),
                    kind,
                    date_from: date.clone(),
                    minutes,
                    participants: who.iter().map(|w| w.0).collect(),
                    funding,
                    cost_sek: cost,
                    ..Default::default()
                },
            )
            .unwrap();
        trainings.push((who, minutes, cost, year_of(&date), kind, funding));
    }
    Logged {
        klk,
        hamn,
        trainings,
        contacts,
        orgs,
    }
}

/// The training and contact figures for `unit` (None: everyone) in `y`, summed from
/// the records the test made, not by intnet.
fn expected(l: &Logged, unit: Option<i64>, y: i32) -> UnitFigures {
    let mut f = UnitFigures::default();
    let mine = |u: i64| unit.is_none_or(|x| x == u);
    let mut people = BTreeSet::new();
    let mut kind_minutes: BTreeMap<TrainingKind, i64> = BTreeMap::new();
    let mut funding_activities: BTreeMap<Funding, i64> = BTreeMap::new();
    for (who, minutes, cost, year, kind, funding) in &l.trainings {
        let ours: Vec<_> = who.iter().filter(|(_, u)| mine(*u)).collect();
        if *year != y || ours.is_empty() {
            continue;
        }
        f.training.activities += 1;
        f.training.minutes += minutes * ours.len() as i64;
        f.training.cost_sek += cost.unwrap_or(0) * 100;
        people.extend(ours.iter().map(|(m, _)| *m));
        *kind_minutes.entry(*kind).or_default() += minutes * ours.len() as i64;
        *funding_activities.entry(*funding).or_default() += 1;
    }
    f.training.participants = people.len() as i64;
    f.training.by_kind = kind_minutes
        .into_iter()
        .map(|(key, minutes)| intnet::model::Hours {
            key,
            minutes,
            ..Default::default()
        })
        .collect();
    f.training.by_funding = funding_activities
        .into_iter()
        .map(|(key, activities)| intnet::model::Hours {
            key,
            activities,
            ..Default::default()
        })
        .collect();
    let live: Vec<_> = l
        .contacts
        .iter()
        .filter(|c| !c.4 && mine(c.0.unwrap_or(-1)))
        .collect();
    let this_year: Vec<_> = live.iter().filter(|c| year_of(&c.2) == y).collect();
    f.contacts.interactions = this_year.len() as i64;
    let contacted: BTreeSet<i64> = this_year.iter().map(|c| c.1).collect();
    f.contacts.organisations = contacted.len() as i64;
    f.contacts.new_partners = contacted
        .iter()
        .filter(|o| !live.iter().any(|c| c.1 == **o && year_of(&c.2) < y))
        .count() as i64;
    f.contacts.twin_city_interactions = this_year
        .iter()
        .filter(|c| l.orgs[&c.1].1 == OrgKind::TwinCity)
        .count() as i64;
    f
}

#[test]
fn figures_match_sums_the_test_works_out_itself() {
    let e = env();
    let l = log_two_years(&e);
    let y = year();
    for (scope, unit) in [(Some(l.klk), "KLK"), (Some(l.hamn), "HAMN"), (None, "all")] {
        for yr in [y, y - 1] {
            let got = match scope {
                Some(u) => e.store.unit_figures(&e.anna, u, yr).unwrap(),
                None => e.store.municipality_figures(&e.anna, yr).unwrap(),
            };
            let want = expected(&l, scope, yr);
            let t = (&got.training, &want.training);
            assert_eq!(t.0.activities, t.1.activities, "{unit} {yr} activities");
            assert_eq!(t.0.minutes, t.1.minutes, "{unit} {yr} minutes");
            assert_eq!(t.0.participants, t.1.participants, "{unit} {yr} people");
            assert_eq!(t.0.cost_sek, t.1.cost_sek, "{unit} {yr} cost");
            let by_kind: Vec<_> = t.0.by_kind.iter().map(|h| (h.key, h.minutes)).collect();
            let want_kind: Vec<_> = t.1.by_kind.iter().map(|h| (h.key, h.minutes)).collect();
            assert_eq!(by_kind, want_kind, "{unit} {yr} by kind");
            let by_funding: Vec<_> =
                t.0.by_funding
                    .iter()
                    .map(|h| (h.key, h.activities))
                    .collect();
            let want_funding: Vec<_> =
                t.1.by_funding
                    .iter()
                    .map(|h| (h.key, h.activities))
                    .collect();
            assert_eq!(by_funding, want_funding, "{unit} {yr} by funding");
            let c = (&got.contacts, &want.contacts);
            assert_eq!(c.0.interactions, c.1.interactions, "{unit} {yr} contacts");
            assert_eq!(c.0.organisations, c.1.organisations, "{unit} {yr} orgs");
            assert_eq!(c.0.new_partners, c.1.new_partners, "{unit} {yr} new");
            assert_eq!(
                c.0.twin_city_interactions, c.1.twin_city_interactions,
                "{unit} {yr} twin cities"
            );
            assert_eq!(
                c.0.by_kind.iter().map(|t| t.count).sum::<i64>(),
                c.1.interactions
            );
            assert_eq!(
                c.0.by_country.iter().map(|t| t.count).sum::<i64>(),
                c.1.interactions
            );
            assert_eq!(
                c.0.new_by_kind.iter().map(|t| t.count).sum::<i64>(),
                c.1.new_partners
            );
        }
    }
    // Something to count, in both years, or the test proves little.
    let now = e.store.municipality_figures(&e.anna, y).unwrap();
    let before = e.store.municipality_figures(&e.anna, y - 1).unwrap();
    assert!(now.training.activities + before.training.activities >= 20);
    assert!(now.contacts.interactions > 0 && before.contacts.interactions > 0);
}

/// A raw query over the activities' own participant lists (not the derived
/// participant table the figures read) agrees on the person-hours.
#[test]
fn person_hours_agree_with_the_activities_themselves() {
    let e = env();
    let l = log_two_years(&e);
    let y = year();
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    let raw: i64 = conn
        .query_row(
            "SELECT coalesce(sum(minutes * (length(participants) - length(replace(participants, ',', '')) - 1)), 0) \
             FROM trainings WHERE deleted_at IS NULL AND substr(date_from, 1, 4) = ?1",
            [y.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let got = e.store.municipality_figures(&e.anna, y).unwrap();
    assert_eq!(got.training.minutes, raw);
    let klk = e.store.unit_figures(&e.anna, l.klk, y).unwrap();
    let hamn = e.store.unit_figures(&e.anna, l.hamn, y).unwrap();
    assert_eq!(klk.training.minutes + hamn.training.minutes, raw);
}

#[test]
fn projects_plans_and_memberships_are_counted_and_converted() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    let partner = e
        .store
        .create_org(&e.office, common::org("Tartu linn", "EE", "Tartu"), true)
        .unwrap();
    let project =
        |name: &str, unit: i64, status, start: String, end: String, rate, currency: &str| {
            ProjectData {
                name: name.into(),
                programme: Programme::InterregBsr,
                role: ProjectRole::Lead,
                lead_unit: Some(unit),
                budget_total: Some(1_000_000),
                eu_grant: Some(800_001),
                own_contribution: Some(199_999),
                currency: currency.into(),
                rate_e4: rate,
                start: Some(start),
                end: Some(end),
                status,
                partners: vec![ProjectPartner {
                    org_id: partner,
                    role: ProjectRole::Partner,
                }],
                ..Default::default()
            }
        };
    let running = e
        .store
        .create_project(
            &e.office,
            project(
                "Green Ports",
                klk,
                ProjectStatus::Running,
                format!("{y}-02-01"),
                format!("{}-12-31", y + 2),
                Some(114_567),
                "EUR",
            ),
        )
        .unwrap();
    e.store
        .create_project(
            &e.office,
            project(
                "Gamla",
                klk,
                ProjectStatus::Closed,
                format!("{}-01-01", y - 3),
                format!("{y}-03-31"),
                None,
                "SEK",
            ),
        )
        .unwrap();
    // Not counted: an idea, another unit's project, one over before the year.
    e.store
        .create_project(
            &e.office,
            project(
                "Idé",
                klk,
                ProjectStatus::Idea,
                format!("{y}-01-01"),
                format!("{y}-12-31"),
                None,
                "SEK",
            ),
        )
        .unwrap();
    e.store
        .create_project(
            &e.office,
            project(
                "Hamnen",
                hamn,
                ProjectStatus::Running,
                format!("{y}-01-01"),
                format!("{y}-12-31"),
                None,
                "SEK",
            ),
        )
        .unwrap();
    e.store
        .create_project(
            &e.office,
            project(
                "Förr",
                klk,
                ProjectStatus::Closed,
                format!("{}-01-01", y - 3),
                format!("{}-12-31", y - 1),
                None,
                "SEK",
            ),
        )
        .unwrap();
    let f = e.store.unit_figures(&e.anna, klk, y).unwrap();
    assert_eq!(
        (f.projects.running, f.projects.started, f.projects.ended),
        (2, 1, 1)
    );
    // 800 001 cents at 11.4567 SEK/EUR is 9 165 371.4567 öre, rounded 9 165 371; plus
    // the SEK project's 800 001 öre.
    assert_eq!(f.projects.eu_grant_sek, 9_165_371 + 800_001);
    assert_eq!(f.projects.budget_total_sek, 11_456_700 + 1_000_000);
    assert_eq!(f.projects.partner_countries[0].key, "EE");
    assert_eq!(f.projects.partner_countries[0].count, 1);
    e.store
        .add_milestone(
            &e.office,
            running,
            "Delrapport",
            Some(&format!("{}-06-30", y + 1)),
        )
        .unwrap();

    let plan = e
        .store
        .create_plan(
            &e.office,
            PlanData {
                year: y,
                unit_id: Some(klk),
                title: "KLK".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let statuses = [
        (ItemStatus::Done, None),
        (ItemStatus::InProgress, Some(common::in_days(-3))),
        (ItemStatus::NotStarted, Some(common::in_days(-1))),
        (ItemStatus::NotStarted, Some(common::in_days(30))),
        (ItemStatus::Cancelled, Some(common::in_days(-5))),
        (ItemStatus::Done, Some(common::in_days(-5))),
    ];
    for (status, due) in &statuses {
        let (id, _) = e
            .store
            .add_plan_item(
                &e.office,
                PlanItemData {
                    plan_id: plan,
                    text: "Punkt".into(),
                    due: due.clone(),
                    ..Default::default()
                },
            )
            .unwrap();
        e.store.set_item_status(&e.office, id, *status).unwrap();
    }
    let f = e.store.unit_figures(&e.anna, klk, y).unwrap();
    let p = &f.plan_items;
    assert_eq!(
        (p.done, p.in_progress, p.not_started, p.cancelled, p.overdue),
        (2, 1, 2, 1, 2),
        "overdue: the open items whose day has passed"
    );

    let network = e
        .store
        .create_org(
            &e.office,
            intnet::model::OrgData {
                kind: OrgKind::Network,
                ..common::org("Eurocities", "BE", "Bruxelles")
            },
            true,
        )
        .unwrap();
    let m = e
        .store
        .create_membership(
            &e.office,
            MembershipData {
                org_id: network,
                fee: Some(250_000),
                currency: "EUR".into(),
                unit_id: Some(klk),
                ..Default::default()
            },
        )
        .unwrap();
    e.store
        .evaluate_membership(
            &e.office,
            m,
            intnet::model::Evaluation {
                date: common::today(),
                assessment: "Bra".into(),
                benefit: 4,
                recommendation: intnet::model::Recommendation::Review,
            },
            None,
        )
        .unwrap();
    let f = e.store.unit_figures(&e.anna, klk, y).unwrap();
    assert_eq!(f.memberships.len(), 1);
    assert_eq!(f.memberships[0].fee, Some(250_000));
    assert_eq!(
        f.memberships[0]
            .last_evaluation
            .as_ref()
            .unwrap()
            .recommendation,
        intnet::model::Recommendation::Review
    );
    assert!(
        e.store
            .unit_figures(&e.anna, hamn, y)
            .unwrap()
            .memberships
            .is_empty()
    );

    let c = e.store.compilation(&e.office, y).unwrap();
    let names: Vec<_> = c.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Gamla", "Green Ports", "Hamnen"]);
    let green = &c.projects[1];
    assert_eq!(green.eu_grant_sek, Some(9_165_371));
    assert_eq!(green.next_milestone.as_ref().unwrap().title, "Delrapport");
    let grant: i64 = c.charts.eu_grant_per_programme.points[0].this_year;
    assert_eq!(grant, 9_165_371 + 800_001 * 2);
    assert_eq!(c.plans.len(), 1);
    assert_eq!(c.plans[0].items.done, 2);
    assert_eq!(c.memberships.len(), 1);
}

#[test]
fn rights_the_unit_writes_the_office_decides_others_read_accepted() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let forbidden = |r: Result<(), Error>, who: &str| {
        assert!(matches!(r, Err(Error::Forbidden)), "{who}: {r:?}");
    };
    forbidden(
        e.store
            .save_words(&e.bjorn, klk, y, None, words("x"))
            .map(|_| ()),
        "another unit's member writes",
    );
    forbidden(
        e.store
            .save_words(&e.viewer, klk, y, None, words("x"))
            .map(|_| ()),
        "a viewer writes",
    );
    forbidden(
        e.store
            .save_words(&e.office, klk, y, None, words("x"))
            .map(|_| ()),
        "the office writes another unit's account",
    );
    assert!(matches!(
        e.store.submit(&e.anna, klk, y, None),
        Err(Error::Rule("err.account_not_started"))
    ));
    e.store
        .save_words(&e.anna, klk, y, None, words("Vårt år"))
        .unwrap();
    forbidden(
        e.store.submit(&e.bjorn, klk, y, None),
        "another unit submits",
    );
    forbidden(e.store.submit(&e.viewer, klk, y, None), "a viewer submits");
    forbidden(
        e.store.account(&e.bjorn, klk, y).map(|_| ()),
        "another unit reads a draft",
    );
    forbidden(
        e.store.account(&e.viewer, klk, y).map(|_| ()),
        "a viewer reads a draft",
    );
    assert!(e.store.account(&e.office, klk, y).unwrap().is_some());
    assert!(matches!(
        e.store.accept(&e.office, klk, y, None),
        Err(Error::Rule("err.account_state"))
    ));
    e.store.submit(&e.anna, klk, y, None).unwrap();
    forbidden(e.store.accept(&e.anna, klk, y, None), "a member accepts");
    forbidden(
        e.store.return_account(&e.anna, klk, y, None, "nej"),
        "a member returns",
    );
    forbidden(
        e.store.set_deadline(&e.anna, y, Some("2030-01-31")),
        "a member sets the deadline",
    );
    assert!(matches!(
        e.store.return_account(&e.office, klk, y, None, "  "),
        Err(Error::Invalid(_))
    ));
    forbidden(
        e.store.account(&e.viewer, klk, y).map(|_| ()),
        "a viewer reads a submitted account",
    );
    // A stale version is a conflict, not a silent overwrite.
    let version = e
        .store
        .account(&e.office, klk, y)
        .unwrap()
        .unwrap()
        .meta
        .version;
    assert!(matches!(
        e.store.accept(&e.office, klk, y, Some(version - 1)),
        Err(Error::Conflict { .. })
    ));
    e.store.accept(&e.office, klk, y, Some(version)).unwrap();
    let seen = e.store.account(&e.viewer, klk, y).unwrap().unwrap();
    assert_eq!(seen.words.operations, "Vårt år");
    assert!(e.store.account(&e.bjorn, klk, y).unwrap().is_some());
    // The compilation gives a reader the words only of the accounts they may read.
    e.store
        .add_member(&e.office, "hanna", "Hanna Hamn", Some("HAMN"), Role::Member)
        .unwrap();
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    e.store
        .save_words(&e.bjorn, hamn, y, None, words("Hamnens år"))
        .unwrap();
    let c = e.store.compilation(&e.viewer, y).unwrap();
    let section = |code: &str| c.units.iter().find(|u| u.unit_code == code).unwrap();
    assert!(section("KLK").words.is_some());
    assert!(
        section("HAMN").words.is_none(),
        "a draft's words are not the viewer's"
    );
    let c = e.store.compilation(&e.office, y).unwrap();
    assert!(
        c.units
            .iter()
            .find(|u| u.unit_code == "HAMN")
            .unwrap()
            .words
            .is_some()
    );
}

#[test]
fn undo_reverses_an_edit_but_never_a_handed_in_account() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    e.store
        .save_words(&e.anna, klk, y, None, words("Första"))
        .unwrap();
    e.store
        .save_words(&e.anna, klk, y, None, words("Andra"))
        .unwrap();
    e.store.undo_last(&e.anna).unwrap();
    let a = e.store.account(&e.anna, klk, y).unwrap().unwrap();
    assert_eq!(a.words.operations, "Första");
    // Undoing back past the first save leaves the account not started; writing again
    // brings the same row back.
    e.store.undo_last(&e.anna).unwrap();
    assert!(e.store.account(&e.anna, klk, y).unwrap().is_none());
    let o = e.store.overview(&e.office, y).unwrap();
    assert_eq!(
        o.rows.iter().find(|r| r.unit_code == "KLK").unwrap().state,
        None
    );
    e.store
        .save_words(&e.anna, klk, y, None, words("Tredje"))
        .unwrap();
    e.store.submit(&e.anna, klk, y, None).unwrap();
    assert!(matches!(
        e.store.undo_last(&e.anna),
        Err(Error::Rule("err.account_handed_in"))
    ));
    let a = e.store.account(&e.anna, klk, y).unwrap().unwrap();
    assert_eq!(a.words.operations, "Tredje");
    assert_eq!(a.state, AccountState::Submitted);
    // Every step is in the audit trail.
    let actions: Vec<_> = e
        .store
        .audit_for("account", a.id)
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(
        actions,
        [
            "create",
            "update",
            "undo:update",
            "undo:delete",
            "restore",
            "update",
            "submit"
        ]
    );
}

#[test]
fn the_deadline_shows_until_the_unit_hands_in_and_late_is_marked() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    let past = common::in_days(-1);
    e.store.set_deadline(&e.office, y, Some(&past)).unwrap();
    e.store
        .save_words(&e.bjorn, hamn, y, None, words("Hamnen"))
        .unwrap();
    e.store.submit(&e.bjorn, hamn, y, None).unwrap();
    let o = e.store.overview(&e.office, y).unwrap();
    assert_eq!(o.deadline.as_deref(), Some(past.as_str()));
    let row = |code: &str| o.rows.iter().find(|r| r.unit_code == code).unwrap();
    assert!(row("KLK").late && row("KLK").state.is_none());
    assert!(!row("HAMN").late);
    assert_eq!(row("HAMN").state, Some(AccountState::Submitted));
    assert_eq!(row("HAMN").submitted_by.as_deref(), Some("Björn Ek"));

    let accounts = |who: &intnet::model::Actor| -> Vec<_> {
        e.store
            .deadlines(who, None, false)
            .unwrap()
            .into_iter()
            .filter(|d| d.kind == intnet::store::DeadlineKind::Account)
            .collect()
    };
    let anna = accounts(&e.anna);
    assert_eq!(anna.len(), 1);
    assert_eq!(anna[0].date, past);
    assert!(anna[0].overdue);
    assert_eq!(anna[0].context, "KLK");
    assert!(accounts(&e.bjorn).is_empty(), "HAMN has handed in");
    assert!(accounts(&e.viewer).is_empty());
    assert!(
        accounts(&e.office).is_empty(),
        "the office's admin has no unit here"
    );
    // Handing in takes it away; a return brings it back.
    e.store
        .save_words(&e.anna, klk, y, None, words("KLK"))
        .unwrap();
    e.store.submit(&e.anna, klk, y, None).unwrap();
    assert!(accounts(&e.anna).is_empty());
    e.store
        .return_account(&e.office, klk, y, None, "Komplettera")
        .unwrap();
    assert_eq!(accounts(&e.anna).len(), 1);
    let o = e.store.overview(&e.office, y).unwrap();
    assert!(o.rows.iter().find(|r| r.unit_code == "KLK").unwrap().late);
}

#[test]
fn the_compilation_has_the_years_before_and_frozen_sections() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    training(
        &e,
        &[e.anna.member_id],
        &format!("{}-05-05", y - 2),
        60,
        None,
    );
    training(
        &e,
        &[e.anna.member_id],
        &format!("{}-05-05", y - 1),
        90,
        None,
    );
    training(
        &e,
        &[e.anna.member_id, e.bjorn.member_id],
        &common::today(),
        30,
        None,
    );
    let c = e.store.compilation(&e.office, y).unwrap();
    assert_eq!(c.years, [y, y - 1, y - 2], "no year without data");
    let hours = c
        .key_figures
        .iter()
        .find(|k| k.figure == Figure::PersonHours)
        .unwrap();
    assert_eq!(hours.values, [60, 90, 60]);
    let chart = &c.charts.person_hours_per_unit.points;
    let klk_bar = chart.iter().find(|p| p.label == "KLK").unwrap();
    assert_eq!((klk_bar.this_year, klk_bar.last_year), (30, 90));

    e.store
        .save_words(&e.anna, klk, y, None, words("KLK"))
        .unwrap();
    e.store.submit(&e.anna, klk, y, None).unwrap();
    training(&e, &[e.anna.member_id], &common::today(), 45, None);
    let c = e.store.compilation(&e.office, y).unwrap();
    let section = c.units.iter().find(|u| u.unit_code == "KLK").unwrap();
    assert!(section.frozen);
    assert_eq!(section.figures.training.minutes, 30, "what KLK handed in");
    assert_eq!(
        c.municipality.training.minutes,
        30 * 2 + 45,
        "the live total"
    );
    let hamn = c.units.iter().find(|u| u.unit_code == "HAMN").unwrap();
    assert!(!hamn.frozen && hamn.state.is_none());
    assert!(!e.store.year_has_data(1990).unwrap());
}

mod cli {
    use super::*;
    use common::intnet;
    use predicates::prelude::*;

    /// The store-made test database with KLK's account written through the binary.
    fn db() -> common::Env {
        let e = env();
        // The tests run as root: it must be a member for `--as` to act.
        e.store
            .add_member(&e.office, "root", "Root Admin", None, Role::Office)
            .unwrap();
        training(&e, &[e.anna.member_id], &common::today(), 120, Some(700));
        e
    }

    #[test]
    fn edit_from_a_file_submit_show_and_compile() {
        let e = db();
        let file = e.dir.path().join("ord.md");
        std::fs::write(
            &file,
            "# KLK\n\n## Verksamhetsutveckling\nVi har lärt oss.\n\n## eu_cooperation\nInterreg.\n",
        )
        .unwrap();
        intnet(&e.path)
            .args(["--as", "anna", "report", "edit", "--file"])
            .arg(&file)
            .args(["--next-year", "Mer av allt"])
            .assert()
            .success();
        intnet(&e.path)
            .args(["--as", "anna", "report", "submit"])
            .assert()
            .success()
            .stdout(predicate::str::contains("submitted"));
        let out = intnet(&e.path)
            .args(["--as", "anna", "report", "show", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["account"]["state"], "submitted");
        assert_eq!(v["account"]["words"]["operations"], "Vi har lärt oss.");
        assert_eq!(v["account"]["words"]["eu_cooperation"], "Interreg.");
        assert_eq!(v["account"]["words"]["next_year"], "Mer av allt");
        assert_eq!(v["account"]["figures"]["training"]["minutes"], 120);
        intnet(&e.path)
            .args([
                "--as",
                "root",
                "report",
                "return",
                "--unit",
                "klk",
                "--comment",
                "Mer!",
            ])
            .assert()
            .success();
        let out = intnet(&e.path)
            .args(["--as", "root", "report", "compile", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["year"], year());
        intnet(&e.path)
            .args(["--as", "root", "report", "overview"])
            .assert()
            .success()
            .stdout(predicate::str::contains("KLK").and(predicate::str::contains("Returned")));
        // Times read in local time, never as the stored UTC moment.
        for args in [
            &["report", "overview"][..],
            &["report", "show", "--unit", "KLK"][..],
        ] {
            let out = intnet(&e.path)
                .args(["--as", "root"])
                .args(args)
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            // A stored moment looks like 2026-11-28T20:37:13Z: a date, then `T`.
            let b = text.as_bytes();
            let raw = (0..b.len().saturating_sub(11)).any(|i| {
                b[i..i + 10].iter().enumerate().all(|(k, c)| {
                    if k == 4 || k == 7 {
                        *c == b'-'
                    } else {
                        c.is_ascii_digit()
                    }
                }) && b[i + 10] == b'T'
            });
            assert!(!raw, "{args:?}: {text}");
        }
    }

    #[test]
    fn bad_input_exits_2_and_another_units_submit_exits_3() {
        let e = db();
        intnet(&e.path)
            .args(["--as", "root", "report", "show", "--unit", "NOPE"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("NOPE").and(predicate::str::contains("KLK")));
        intnet(&e.path)
            .args(["--as", "root", "report", "compile", "--year", "1995"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("nothing is logged for 1995"));
        intnet(&e.path)
            .args(["--as", "anna", "report", "edit", "--operations", "Vårt"])
            .assert()
            .success();
        intnet(&e.path)
            .args(["--as", "bjorn", "report", "submit", "--unit", "KLK"])
            .assert()
            .code(3)
            .stdout("");
        intnet(&e.path)
            .args(["--as", "anna", "report", "accept"])
            .assert()
            .code(3);
        let file = e.dir.path().join("fel.md");
        std::fs::write(&file, "## castles\nx\n").unwrap();
        intnet(&e.path)
            .args(["--as", "anna", "report", "edit", "--file"])
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("castles"));
        intnet(&e.path)
            .args(["--as", "anna", "report", "edit", "--file"])
            .arg(e.dir.path().join("missing.md"))
            .assert()
            .code(2);
        // Still the draft with the words set before.
        let a = e
            .store
            .account(&e.office, e.anna.unit_id.unwrap(), year())
            .unwrap()
            .unwrap();
        assert_eq!(a.state, AccountState::Draft);
        assert_eq!(a.words.operations, "Vårt");
    }

    #[test]
    fn the_deadline_reaches_deadlines_and_the_status_line() {
        let e = db();
        let due = common::in_days(10);
        intnet(&e.path)
            .args(["--as", "root", "report", "deadline"])
            .arg(&due)
            .assert()
            .success();
        intnet(&e.path)
            .args(["--as", "anna", "deadlines"])
            .assert()
            .success()
            .stdout(predicate::str::contains(&due).and(predicate::str::contains("Yearly account")));
        intnet(&e.path)
            .args(["--as", "anna", "status"])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "the account for {} is due on {due}",
                year()
            )));
        intnet(&e.path)
            .args(["--as", "anna", "report", "edit", "--operations", "x"])
            .assert()
            .success();
        intnet(&e.path)
            .args(["--as", "anna", "report", "submit"])
            .assert()
            .success();
        intnet(&e.path)
            .args(["--as", "anna", "status"])
            .assert()
            .success()
            .stdout(predicate::str::contains("account").not());
    }
}

/// Funding and cost are copied into the participant rows the figures read: changing
/// them on the activity changes the figures.
#[test]
fn an_edited_activity_moves_in_the_figures() {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    let id = training(&e, &[e.anna.member_id], &common::today(), 60, None);
    let f = e.store.unit_figures(&e.anna, klk, y).unwrap();
    assert_eq!(f.training.by_funding[0].key, Funding::ErasmusPlus);
    assert_eq!(f.training.cost_sek, 0);
    let t = e.store.training(id).unwrap();
    let mut data = t.data.clone();
    data.funding = Funding::Interreg;
    data.cost_sek = Some(2_500);
    data.participants.push(e.bjorn.member_id);
    e.store
        .update_training(&e.office, id, t.meta.version, data)
        .unwrap();
    let f = e.store.unit_figures(&e.anna, klk, y).unwrap();
    let funding: Vec<_> = f.training.by_funding.iter().map(|h| h.key).collect();
    assert_eq!(funding, [Funding::Interreg]);
    assert_eq!(f.training.cost_sek, 250_000);
    let all = e.store.municipality_figures(&e.anna, y).unwrap();
    assert_eq!(
        all.training.cost_sek, 250_000,
        "counted once for the municipality"
    );
    assert_eq!(all.training.minutes, 120);
    let hamn = e.store.unit_by_code("HAMN").unwrap().id;
    let h = e.store.unit_figures(&e.anna, hamn, y).unwrap();
    assert_eq!((h.training.activities, h.training.cost_sek), (1, 250_000));
}
