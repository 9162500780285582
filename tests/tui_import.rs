//! Importing contacts from the Contacts screen (issue 14) through the real keymap:
//! `I`, a path, Enter for the preview, Enter to import; re-importing changes
//! nothing, `u` undoes the whole import, a malformed file says its line and writes
//! nothing, a viewer is not let in.

mod common;
use common::env;
use common::keys::{app_for, press, screen, type_text};
use intnet::i18n::Lang;
use intnet::store::{OrgFilter, SortOrder, Store};
use intnet::tui::app::{App, Modal};
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

/// `I`, the path typed, Enter: the preview (or the file step with an error).
fn open_preview(app: &mut App, path: &Path) {
    type_text(app, "I");
    assert!(app.overlay.is_some(), "I opens the import panel");
    type_text(app, &path.display().to_string());
    press(app, KeyCode::Enter);
}

fn orgs(store: &Store) -> i64 {
    store
        .count_orgs(&OrgFilter {
            text: String::new(),
            order: SortOrder::Swedish,
        })
        .unwrap()
}

fn audit_rows(store: &Store) -> i64 {
    store.audit_mark().unwrap()
}

/// An organisation card and a person who works there (vCard 4.0).
const VCARD: &str = "BEGIN:VCARD\r\n\
VERSION:4.0\r\n\
KIND:org\r\n\
FN:Kauno miesto savivaldybė\r\n\
URL:https://www.kaunas.lt\r\n\
ADR;TYPE=work:;;Laisvės al. 96;Kaunas;;LT-44251;Lithuania\r\n\
UID:urn:uuid:1b0e6f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b\r\n\
END:VCARD\r\n\
BEGIN:VCARD\r\n\
VERSION:4.0\r\n\
FN:Rūta Petrauskienė\r\n\
RELATED;VALUE=uri:urn:uuid:1b0e6f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b\r\n\
EMAIL;TYPE=work:ruta.petrauskiene@kaunas.lt\r\n\
UID:urn:uuid:5d2c7a10-9e8f-4b3a-a1c2-d3e4f5a6b7c8\r\n\
END:VCARD\r\n";

#[test]
fn a_vcard_imported_by_keys_makes_its_records_and_again_changes_nothing() {
    let e = env();
    let path = e.dir.path().join("kaunas.vcf");
    std::fs::write(&path, VCARD).unwrap();
    let mut app = app_for(&e, "anna", Lang::En);
    open_preview(&mut app, &path);
    let s = screen(&app);
    assert!(s.contains("kaunas.vcf: read as vCard, UTF-8."), "{s}");
    assert!(
        s.contains("1 new organisation, 1 new person, 0 updates"),
        "{s}"
    );
    assert_eq!(orgs(&e.store), 0, "the preview writes nothing");
    // Enter says it is importing and the event loop draws that before the write
    // (`resume_work`, which `press` does as the loop does).
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    ));
    assert!(screen(&app).contains("Importing…"), "{}", screen(&app));
    assert_eq!(
        orgs(&e.store),
        0,
        "nothing written before the message is drawn"
    );
    app.resume_work();
    assert!(app.overlay.is_none(), "{:?}", app.status);
    let status = app.status.as_ref().unwrap();
    assert!(!status.error, "{}", status.text);
    assert!(
        status
            .text
            .contains("Import: 1 new organisation, 1 new person, 0 updated"),
        "{}",
        status.text
    );
    // Every screen refreshed: the list shows the new organisation.
    assert_eq!(app.screens.contacts.list.total, 1);
    let id = e
        .store
        .org_by_name_or_id("Kauno miesto savivaldybė")
        .unwrap();
    let persons = e.store.persons_of(id).unwrap();
    assert_eq!(persons.len(), 1);
    assert_eq!(persons[0].data.email, "ruta.petrauskiene@kaunas.lt");
    assert!(
        persons[0].data.source.contains("kaunas.vcf"),
        "{}",
        persons[0].data.source
    );
    // Again: nothing to change, and Enter writes nothing.
    let before = audit_rows(&e.store);
    open_preview(&mut app, &path);
    let s = screen(&app);
    assert!(s.contains("Nothing to import"), "{s}");
    assert!(
        s.contains("0 new organisations, 0 new persons, 0 updates"),
        "{s}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(audit_rows(&e.store), before, "re-importing wrote nothing");
    assert_eq!(orgs(&e.store), 1);
}

#[test]
fn u_undoes_the_whole_import_as_one_step() {
    let e = env();
    // Something before the import that the undo must leave.
    e.store
        .create_org(&e.anna, common::org("Tartu linn", "EE", "Tartu"), true)
        .unwrap();
    let path = e.dir.path().join("kaunas.vcf");
    std::fs::write(&path, VCARD).unwrap();
    let mut app = app_for(&e, "anna", Lang::En);
    open_preview(&mut app, &path);
    press(&mut app, KeyCode::Enter);
    assert_eq!(orgs(&e.store), 2);
    type_text(&mut app, "u");
    if matches!(app.modal, Some(Modal::Confirm(_))) {
        type_text(&mut app, "y");
    }
    assert_eq!(orgs(&e.store), 1, "{:?}", app.status);
    assert!(e.store.org_by_name_or_id("Tartu linn").is_ok());
    assert!(
        e.store
            .org_by_name_or_id("Kauno miesto savivaldybė")
            .is_err(),
        "the organisation and its person went in one step"
    );
    assert_eq!(app.screens.contacts.list.total, 1);
    // The message names the newest record and says the rest went with it.
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("(and one more change in the same step)"),
        "{said}"
    );
}

#[test]
fn a_semicolon_csv_in_windows_1252_says_so_and_imports() {
    let e = env();
    let path = e.dir.path().join("outlook.csv");
    // Swedish Outlook headers, `;`, Windows-1252 (ö is 0xF6, å 0xE5).
    let mut bytes =
        b"F\xF6rnamn;Efternamn;F\xF6retag;E-postadress;Land/region, arbete\r\n".to_vec();
    bytes.extend_from_slice(b"S\xF6ren;\xD6berg;Turun kaupunki;soren@turku.fi;Finland\r\n");
    bytes.extend_from_slice(b"Lena;\xC5kesson;Turun kaupunki;lena@turku.fi;Finland\r\n");
    std::fs::write(&path, bytes).unwrap();
    let mut app = app_for(&e, "anna", Lang::En);
    open_preview(&mut app, &path);
    let s = screen(&app);
    assert!(
        s.contains("outlook.csv: read as CSV, Windows-1252, separator ;."),
        "{s}"
    );
    assert!(s.contains("1 new organisation, 2 new persons"), "{s}");
    press(&mut app, KeyCode::Enter);
    let id = e.store.org_by_name_or_id("Turun kaupunki").unwrap();
    let names: Vec<String> = e
        .store
        .persons_of(id)
        .unwrap()
        .into_iter()
        .map(|p| p.data.name)
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Sören Öberg".to_string()), "{names:?}");
}

#[test]
fn a_malformed_file_shows_its_line_and_writes_nothing() {
    let e = env();
    let path = e.dir.path().join("broken.vcf");
    // The second card never ends.
    std::fs::write(
        &path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Anna Berg\nORG:Vaasan kaupunki\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo Ek\nORG:Vaasan kaupunki\n",
    )
    .unwrap();
    let before = audit_rows(&e.store);
    let mut app = app_for(&e, "anna", Lang::En);
    // A file that is not there: said in the panel, the path kept.
    let missing = e.dir.path().join("nope.vcf");
    open_preview(&mut app, &missing);
    let s = screen(&app);
    assert!(s.contains("cannot read"), "{s}");
    assert!(s.contains("nope.vcf"), "the path is kept: {s}");
    assert!(app.overlay.is_some());
    press(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
    // A directory or a device is not read (a pipe or `/dev/zero` would never end).
    for odd in [e.dir.path(), Path::new("/dev/null")] {
        open_preview(&mut app, odd);
        let s = screen(&app);
        assert!(s.contains("not a regular file"), "{s}");
        press(&mut app, KeyCode::Esc);
    }
    open_preview(&mut app, &path);
    let s = screen(&app);
    assert!(
        s.contains("line 6: refused: the card has no END:VCARD"),
        "{s}"
    );
    // The first card's organisation has no country (the CLI's --country is not in
    // the panel): refused too, with its line.
    assert!(s.contains("line 1: refused: country is required"), "{s}");
    assert!(s.contains("2 refused"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(orgs(&e.store), 0);
    assert_eq!(audit_rows(&e.store), before, "nothing written");
}

#[test]
fn near_duplicates_wait_unless_chosen_one_by_one() {
    let e = env();
    e.store
        .create_org(
            &e.anna,
            common::org("Ville de Rouen Métropole", "FR", "Rouen"),
            false,
        )
        .unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/google.csv");
    let mut app = app_for(&e, "anna", Lang::En);
    open_preview(&mut app, &path);
    let s = screen(&app);
    assert!(
        s.contains("[skip] line 2: Ville de Rouen resembles Ville de Rouen Métropole"),
        "{s}"
    );
    // Space on the row: create it anyway.
    type_text(&mut app, " ");
    let s = screen(&app);
    assert!(s.contains("[create anyway] line 2: Ville de Rouen"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(orgs(&e.store), 2, "{:?}", app.status);
    let id = e.store.org_by_name_or_id("Ville de Rouen").unwrap();
    assert_eq!(e.store.persons_of(id).unwrap().len(), 2);
}

#[test]
fn left_at_skip_a_near_duplicate_is_not_made() {
    let e = env();
    e.store
        .create_org(
            &e.anna,
            common::org("Ville de Rouen Métropole", "FR", "Rouen"),
            false,
        )
        .unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/google.csv");
    let mut app = app_for(&e, "anna", Lang::En);
    open_preview(&mut app, &path);
    press(&mut app, KeyCode::Enter);
    assert_eq!(orgs(&e.store), 1);
    let status = app.status.as_ref().unwrap();
    assert!(status.text.contains("3 skipped"), "{}", status.text);
}

#[test]
fn tab_completes_the_path_and_the_viewer_is_not_let_in() {
    let e = env();
    std::fs::write(e.dir.path().join("kaunas-2026.vcf"), VCARD).unwrap();
    let mut app = app_for(&e, "anna", Lang::Sv);
    type_text(&mut app, "I");
    type_text(&mut app, &format!("{}/kau", e.dir.path().display()));
    press(&mut app, KeyCode::Tab);
    let s = screen(&app);
    assert!(s.contains("kaunas-2026.vcf"), "{s}");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("1 ny organisation, 1 ny person"), "{s}");

    let mut viewer = app_for(&e, "vera", Lang::En);
    type_text(&mut viewer, "I");
    assert!(viewer.overlay.is_none());
    assert!(viewer.status.as_ref().is_some_and(|s| s.error));
    type_text(&mut viewer, "?");
    let s = screen(&viewer);
    assert!(!s.contains("import contacts"), "not offered in help: {s}");
    let mut writer = app_for(&e, "anna", Lang::En);
    type_text(&mut writer, "?");
    let s = screen(&writer);
    assert!(s.contains("import contacts from a file"), "{s}");
}

#[test]
fn a_colleagues_change_during_the_preview_is_planned_again_before_importing() {
    let e = env();
    let path = e.dir.path().join("kaunas.vcf");
    std::fs::write(&path, VCARD).unwrap();
    let mut app = app_for(&e, "anna", Lang::En);
    open_preview(&mut app, &path);
    assert!(
        screen(&app).contains("1 new organisation"),
        "{}",
        screen(&app)
    );
    // A colleague adds the same organisation while the preview is open; the app
    // sees the commit (as its poll does) but does not plan the file again yet.
    e.store
        .create_org(
            &e.bjorn,
            common::org("Kauno miesto savivaldybė", "LT", "Kaunas"),
            true,
        )
        .unwrap();
    app.refresh();
    assert!(
        screen(&app).contains("1 new organisation"),
        "{}",
        screen(&app)
    );
    // Enter plans it again first: what it would do changed, so nothing is written
    // and the new preview says so.
    press(&mut app, KeyCode::Enter);
    assert_eq!(orgs(&e.store), 1, "nothing imported: {:?}", app.status);
    let s = screen(&app);
    assert!(s.contains("The registry changed after the preview"), "{s}");
    assert!(s.contains("0 new organisations"), "{s}");
    // Enter again imports what the new preview says: no second Kaunas.
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.status);
    assert_eq!(orgs(&e.store), 1);
}
