//! Merging duplicates in the TUI (issue 14) through the real keymap: `M` on an
//! organisation and on a person, the side-by-side choice of a field, undo as one
//! step, refusals, and the office's list of possible duplicates (`D`).

mod common;
use common::keys::{app_for, ctrl, press, screen, type_text};
use common::{env, org};
use intnet::i18n::Lang;
use intnet::model::{InteractionData, PersonData};
use intnet::store::Error;
use intnet::tui::app::App;
use ratatui::crossterm::event::KeyCode;

fn key(app: &mut App, c: char) {
    press(app, KeyCode::Char(c));
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn is_error(app: &App) -> bool {
    app.status.as_ref().is_some_and(|s| s.error)
}

/// Two near-duplicates (the same web domain) and an unrelated one; the one to be
/// removed has a person and a contact with them.
struct Pair {
    kept: i64,
    removed: i64,
    person: i64,
    contact: i64,
}

fn pair(e: &common::Env) -> Pair {
    let mut k = org("Tartu linn", "EE", "Tartu");
    k.website = "https://tartu.ee".into();
    let kept = e.store.create_org(&e.office, k, false).unwrap();
    let mut r = org("Tartu City Government", "EE", "Tartu");
    r.website = "https://www.tartu.ee/en".into();
    let removed = e.store.create_org(&e.office, r, true).unwrap();
    e.store
        .create_org(&e.office, org("Zürich Stadt", "CH", "Zürich"), true)
        .unwrap();
    let person = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: removed,
                name: "Kadri Tamm".into(),
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
                summary: "Study visit".into(),
                ..Default::default()
            },
        )
        .unwrap();
    Pair {
        kept,
        removed,
        person,
        contact,
    }
}

/// Puts the list cursor on the organisation named `name` with the filter.
fn select(app: &mut App, name: &str) {
    key(app, '/');
    type_text(app, name);
    press(app, KeyCode::Enter);
}

#[test]
fn m_merges_an_organisation_moving_its_person_and_contact_taking_the_chosen_field_and_u_undoes_it()
{
    let e = env();
    let p = pair(&e);
    let mut app = app_for(&e, "anna", Lang::En);
    select(&mut app, "Tartu linn");
    key(&mut app, 'M');
    // The near-duplicate is offered first.
    let s = screen(&app);
    assert!(s.contains("Similar:"), "{s}");
    assert!(s.contains("Tartu City Government"), "{s}");
    press(&mut app, KeyCode::Enter);
    // Side by side: the name and the website differ, the country and city do not.
    let s = screen(&app);
    assert!(s.contains("Kept: Tartu linn"), "{s}");
    assert!(s.contains("https://www.tartu.ee/en"), "{s}");
    assert!(
        s.contains("Moves to the one kept: one person, one contact"),
        "what moves is counted: {s}"
    );
    assert!(!s.contains("City  "), "equal fields are not listed: {s}");
    // Name, then website: take the other's website.
    key(&mut app, 'j');
    press(&mut app, KeyCode::Right);
    assert!(screen(&app).contains("Becomes: https://www.tartu.ee/en"));
    ctrl(&mut app, 's');
    assert!(screen(&app).contains("Merge “Tartu City Government” into “Tartu linn”?"));
    key(&mut app, 'y');
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert!(status(&app).contains("Merged"), "{}", status(&app));
    let kept = e.store.org(p.kept).unwrap();
    assert_eq!(
        kept.data.name, "Tartu linn",
        "the name stays the kept one's"
    );
    assert_eq!(
        kept.data.website, "https://www.tartu.ee/en",
        "the chosen side"
    );
    assert!(matches!(e.store.org(p.removed), Err(Error::NotFound)));
    assert_eq!(e.store.person(p.person).unwrap().data.org_id, p.kept);
    assert_eq!(e.store.interaction(p.contact).unwrap().data.org_id, p.kept);

    // One `u` brings both back as they were.
    key(&mut app, 'u');
    assert!(!is_error(&app), "{}", status(&app));
    assert_eq!(
        e.store.org(p.removed).unwrap().data.name,
        "Tartu City Government"
    );
    assert_eq!(
        e.store.org(p.kept).unwrap().data.website,
        "https://tartu.ee"
    );
    assert_eq!(e.store.person(p.person).unwrap().data.org_id, p.removed);
    assert_eq!(
        e.store.interaction(p.contact).unwrap().data.org_id,
        p.removed
    );
}

#[test]
fn any_organisation_can_be_found_by_typing_and_s_swaps_which_one_is_kept() {
    let e = env();
    let p = pair(&e);
    let zurich = e.store.find("Zürich Stadt", 5).unwrap()[0].id;
    let mut app = app_for(&e, "anna", Lang::En);
    select(&mut app, "Tartu City");
    key(&mut app, 'M');
    type_text(&mut app, "Zür");
    assert!(screen(&app).contains("Found:"));
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Merged in: Zürich Stadt"));
    // Swapped: Zürich is kept, Tartu City Government goes.
    key(&mut app, 's');
    assert!(screen(&app).contains("Kept: Zürich Stadt"));
    press(&mut app, KeyCode::Enter);
    key(&mut app, 'y');
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert!(matches!(e.store.org(p.removed), Err(Error::NotFound)));
    assert_eq!(e.store.person(p.person).unwrap().data.org_id, zurich);
}

#[test]
fn m_on_a_person_merges_two_persons_at_the_organisation() {
    let e = env();
    let p = pair(&e);
    let other = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id: p.removed,
                name: "K. Tamm".into(),
                email: "kadri.tamm@tartu.ee".into(),
                ..Default::default()
            },
        )
        .unwrap();
    // The detail page lists persons by name: "K. Tamm", then "Kadri Tamm".
    let listed: Vec<i64> = e
        .store
        .persons_of(p.removed)
        .unwrap()
        .iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(listed, vec![other, p.person]);
    let mut app = app_for(&e, "anna", Lang::En);
    select(&mut app, "Tartu City");
    press(&mut app, KeyCode::Enter); // the detail page
    key(&mut app, 'j'); // K. Tamm
    key(&mut app, 'j'); // Kadri Tamm
    key(&mut app, 'M');
    let s = screen(&app);
    assert!(
        s.contains("At the organisation:") && s.contains("K. Tamm"),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    // Kept: Kadri Tamm, whose name stays; the e-mail is filled from K. Tamm.
    assert!(screen(&app).contains("Kept: Kadri Tamm"));
    ctrl(&mut app, 's');
    key(&mut app, 'y');
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert!(matches!(e.store.person(other), Err(Error::NotFound)));
    let kept = e.store.person(p.person).unwrap();
    assert_eq!(kept.data.name, "Kadri Tamm");
    assert_eq!(kept.data.email, "kadri.tamm@tartu.ee");
    key(&mut app, 'u');
    assert_eq!(e.store.person(other).unwrap().data.name, "K. Tamm");
}

#[test]
fn a_viewer_is_refused_merging_and_a_member_the_duplicates_list() {
    let e = env();
    let p = pair(&e);
    let mut app = app_for(&e, "vera", Lang::En);
    select(&mut app, "Tartu linn");
    key(&mut app, 'M');
    assert!(app.overlay.is_none());
    assert!(is_error(&app), "refused through the error funnel");
    // Nor is it offered: not in the help of the list.
    key(&mut app, '?');
    assert!(!screen(&app).contains("merge"), "{}", screen(&app));
    press(&mut app, KeyCode::Esc);
    assert!(e.store.org(p.removed).is_ok());

    let mut app = app_for(&e, "anna", Lang::En);
    key(&mut app, 'D');
    assert!(app.overlay.is_none());
    assert!(is_error(&app), "the office's list: {}", status(&app));
    key(&mut app, '?');
    let s = screen(&app);
    assert!(
        s.contains("merge") && !s.contains("possible duplicates"),
        "{s}"
    );
}

#[test]
fn a_colleagues_change_since_refuses_the_merge_and_keeps_the_panel() {
    let e = env();
    let p = pair(&e);
    let mut app = app_for(&e, "anna", Lang::En);
    select(&mut app, "Tartu linn");
    key(&mut app, 'M');
    press(&mut app, KeyCode::Enter);
    key(&mut app, 'j');
    press(&mut app, KeyCode::Right);
    // Björn changes the kept organisation meanwhile.
    let now = e.store.org(p.kept).unwrap();
    let mut changed = now.data.clone();
    changed.notes = "Björn was here".into();
    e.store
        .update_org(&e.bjorn, p.kept, now.meta.version, changed)
        .unwrap();
    ctrl(&mut app, 's');
    key(&mut app, 'y');
    assert!(is_error(&app), "{}", status(&app));
    assert!(status(&app).contains("colleague"), "{}", status(&app));
    assert!(app.overlay.is_some(), "the panel stays open");
    assert!(e.store.org(p.removed).is_ok(), "nothing merged");
    // The view now shows Björn's notes, and the choice made is still there.
    let s = screen(&app);
    assert!(s.contains("Björn was here"), "{s}");
    ctrl(&mut app, 's');
    key(&mut app, 'y');
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let kept = e.store.org(p.kept).unwrap();
    assert_eq!(kept.data.notes, "Björn was here");
    assert_eq!(kept.data.website, "https://www.tartu.ee/en");
}

#[test]
fn the_office_lists_possible_duplicates_and_enter_merges_a_pair() {
    let e = env();
    let p = pair(&e);
    let mut app = app_for(&e, "office", Lang::En);
    key(&mut app, 'D');
    let s = screen(&app);
    assert!(s.contains("Possible duplicates (1)"), "{s}");
    assert!(
        s.contains("Tartu linn") && s.contains("Tartu City Government"),
        "{s}"
    );
    assert!(s.contains("same web domain"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Kept: Tartu linn"));
    ctrl(&mut app, 's');
    key(&mut app, 'y');
    assert!(!is_error(&app), "{}", status(&app));
    assert!(matches!(e.store.org(p.removed), Err(Error::NotFound)));
    // Back on the list, read again: the pair is gone.
    let s = screen(&app);
    assert!(s.contains("No possible duplicates."), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}
