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
