//! Personal data in the TUI (issue 15): the panel `P` opens over a person on the
//! Contacts detail page (the office), and what its keys do, through the real keymap.

mod common;
use common::keys::{app_for, press, screen, type_text};
use common::{env, in_days, org, today};
use intnet::i18n::Lang;
use intnet::model::PersonData;
use intnet::tui::app::App;
use intnet::tui::screens::Screen;
use intnet::tui::screens::contacts::Selection;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const NAME: &str = "Zebulon Quartermaine";
const EMAIL: &str = "zebulon.q@example.ee";

/// One organisation with one person, added by the member Anna.
fn with_person() -> (common::Env, i64, i64) {
    let e = env();
    let org_id = e
        .store
        .create_org(&e.anna, org("Tartu linn", "EE", "Tartu"), false)
        .unwrap();
    let id = e
        .store
        .create_person(
            &e.anna,
            PersonData {
                org_id,
                name: NAME.into(),
                email: EMAIL.into(),
                ..PersonData::default()
            },
        )
        .unwrap();
    (e, org_id, id)
}

/// The detail page of the only organisation, with its person selected.
fn on_person(app: &mut App) {
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('j'));
    assert_eq!(app.screens.contacts.selection, Selection::Person(0));
}

#[test]
fn the_office_marks_a_person_informed_through_the_panel() {
    let (e, _, id) = with_person();
    let mut app = app_for(&e, "office", Lang::En);
    on_person(&mut app);
    assert!(e.store.person_privacy(id).unwrap().informed_on.is_none());
    press(&mut app, KeyCode::Char('P'));
    assert!(app.overlay.is_some(), "the panel is open");
    let s = screen(&app);
    assert!(s.contains("Personal data"), "{s}");
    assert!(s.contains("not informed"), "{s}");
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(
        e.store.person_privacy(id).unwrap().informed_on,
        Some(today())
    );
    // The panel shows it at once, and Esc closes it.
    assert!(!screen(&app).contains("not informed"));
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn the_extract_is_written_to_the_file_typed_and_logged() {
    let (e, _, id) = with_person();
    let mut app = app_for(&e, "office", Lang::En);
    on_person(&mut app);
    press(&mut app, KeyCode::Char('P'));
    press(&mut app, KeyCode::Char('x'));
    // Tab: markdown, the extension follows; then the name replaced by a full path.
    press(&mut app, KeyCode::Tab);
    assert!(screen(&app).contains("register-extract-1.md"));
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    let out = e.dir.path().join("extract.md");
    type_text(&mut app, out.to_str().unwrap());
    press(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(NAME), "{text}");
    assert!(text.contains(EMAIL), "{text}");
    // Logged as an access request answered today.
    let requests = e.store.privacy_requests(&e.office, Some(id)).unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].answered, Some(today()));
}

#[test]
fn restricting_through_the_panel_hides_the_person_from_a_member() {
    let (e, org_id, id) = with_person();
    let mut app = app_for(&e, "office", Lang::En);
    on_person(&mut app);
    press(&mut app, KeyCode::Char('P'));
    press(&mut app, KeyCode::Char('r'));
    assert!(screen(&app).contains(&format!("Restrict {NAME}?")));
    // No keeps things as they were; yes restricts.
    press(&mut app, KeyCode::Char('n'));
    assert!(!e.store.is_restricted(id).unwrap());
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('y'));
    assert!(e.store.is_restricted(id).unwrap());
    assert!(e.store.persons_of(org_id).unwrap().is_empty());
    // Anna, who added the person, no longer sees them on the detail page.
    let mut anna = app_for(&e, "anna", Lang::En);
    press(&mut anna, KeyCode::Enter);
    let s = screen(&anna);
    assert!(s.contains("Persons (0)"), "{s}");
    assert!(!s.contains(NAME), "{s}");
    // The office still does, marked.
    assert!(screen(&app).contains("restricted"));
}

#[test]
fn erasing_through_the_panel_removes_the_name_from_the_database() {
    let (e, _, id) = with_person();
    let mut app = app_for(&e, "office", Lang::En);
    on_person(&mut app);
    press(&mut app, KeyCode::Char('P'));
    press(&mut app, KeyCode::Char('e'));
    // No reason: refused before anything is asked.
    press(&mut app, KeyCode::Enter);
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    type_text(&mut app, "Request by e-mail");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains(&format!("for {NAME}? This cannot be undone.")),
        "{s}"
    );
    press(&mut app, KeyCode::Char('y'));
    let s = screen(&app);
    assert!(
        s.contains("Not reached: backups made outside the program"),
        "{s}"
    );
    assert!(e.store.person_privacy(id).unwrap().erased_at.is_some());
    drop(app);
    // No file the program made holds the name or the address any more.
    for entry in std::fs::read_dir(e.dir.path()).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap().to_ascii_lowercase();
        for needle in [NAME.to_ascii_lowercase(), EMAIL.to_string()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{} holds {needle}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn a_member_is_not_offered_the_panel_and_is_refused() {
    let (e, _, id) = with_person();
    let mut app = app_for(&e, "anna", Lang::En);
    on_person(&mut app);
    // Not in the hint line nor the help.
    assert!(!screen(&app).contains("personal data"));
    press(&mut app, KeyCode::Char('?'));
    let help = screen(&app);
    assert!(!help.contains("personal data"), "{help}");
    assert!(help.contains("verified today"), "{help}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('P'));
    assert!(app.overlay.is_none());
    assert!(app.status.as_ref().is_some_and(|s| s.error), "refused");
    // What a member may do: mark the person verified.
    let old = in_days(-800);
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    conn.execute(
        "UPDATE persons SET verified_on = ?1 WHERE id = ?2",
        rusqlite::params![old, id],
    )
    .unwrap();
    let mut app = app_for(&e, "anna", Lang::En);
    on_person(&mut app);
    assert!(screen(&app).contains(&format!("⚑ not verified since {old}")));
    press(&mut app, KeyCode::Char('V'));
    assert_eq!(e.store.person(id).unwrap().data.verified_on, Some(today()));
    assert!(!screen(&app).contains("not verified since"));
}

#[test]
fn enter_on_a_not_informed_deadline_lands_on_the_person() {
    let (e, org_id, id) = with_person();
    // A second organisation first in the list, so landing on Tartu is a move.
    e.store
        .create_org(&e.anna, org("Aalborg Kommune", "DK", "Aalborg"), false)
        .unwrap();
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    conn.execute(
        "UPDATE persons SET created_at = ?1 WHERE id = ?2",
        rusqlite::params![format!("{}T10:00:00Z", in_days(-40)), id],
    )
    .unwrap();
    for who in ["office", "anna"] {
        let mut app = app_for(&e, who, Lang::En);
        press(&mut app, KeyCode::Char('5'));
        press(&mut app, KeyCode::Char('D'));
        assert!(screen(&app).contains(NAME), "{who}: {}", screen(&app));
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screen, Screen::Contacts, "{who}");
        assert!(app.screens.contacts.detail_open(), "{who}");
        assert_eq!(
            app.screens.contacts.detail.as_ref().map(|d| d.org.id),
            Some(org_id)
        );
        assert_eq!(app.screens.contacts.selection, Selection::Person(0));
        // The office gets the personal-data panel; a member the person only.
        assert_eq!(app.overlay.is_some(), who == "office", "{who}");
    }
}

#[test]
fn saving_the_person_form_counts_as_verifying() {
    let (e, _, id) = with_person();
    let old = in_days(-800);
    let conn = rusqlite::Connection::open(&e.path).unwrap();
    conn.execute(
        "UPDATE persons SET verified_on = ?1 WHERE id = ?2",
        rusqlite::params![old, id],
    )
    .unwrap();
    assert_eq!(e.store.unverified(&e.anna).unwrap().len(), 1);
    let mut app = app_for(&e, "anna", Lang::En);
    on_person(&mut app);
    press(&mut app, KeyCode::Char('e'));
    // The field starts at today, so saving as it is verifies the person.
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(app.modal.is_none(), "saved");
    assert_eq!(e.store.person(id).unwrap().data.verified_on, Some(today()));
    assert!(e.store.unverified(&e.anna).unwrap().is_empty());
}

#[test]
fn help_over_the_panel_lists_the_panels_keys_and_not_the_screens() {
    let (e, _, _) = with_person();
    let mut app = app_for(&e, "office", Lang::En);
    on_person(&mut app);
    press(&mut app, KeyCode::Char('P'));
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app);
    assert!(s.contains("In the personal-data panel"), "{s}");
    assert!(s.contains("informed today"), "{s}");
    // The global keys do nothing over a panel, so its help does not offer them.
    assert!(!s.contains("Everywhere"), "{s}");
    assert!(!s.contains("next screen"), "{s}");
    // Help closes back to the panel.
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_some() && app.modal.is_none());
}
