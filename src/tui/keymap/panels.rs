//! The keys of the screens and panels added one feature at a time, one block each:
//! the yearly compilation (issue 13), merging and the possible duplicates, importing
//! contacts (issue 14), personal data (issue 15). A new panel adds its block here.

use super::table::{full_navigation, up_down};
use super::{Action, Binding, Context, Key};
use ratatui::crossterm::event::KeyCode;

/// Every block of this file.
pub(super) fn all() -> Vec<Binding> {
    let mut all = report();
    all.extend(merging());
    all.extend(privacy());
    all.extend(import());
    all
}

/// Merging duplicates (issue 14): `M` on an organisation or a person, `D` for the
/// office's list of possible duplicates, and the keys of the panels they open. The
/// search for the other record takes typed text, so it has no printable keys; the
/// side-by-side view picks a side per field with ←/→ or 1/2.
pub(super) fn merging() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = Binding::new;
    let k = Key::ch;
    let p = Key::plain;
    let mut all = vec![
        b(C::List, k('M'), Merge, false),
        b(C::List, k('D'), Duplicates, false),
        b(C::Detail, k('M'), Merge, true),
        b(C::MergePick, p(KeyCode::Down), Down, false),
        b(C::MergePick, p(KeyCode::Up), Up, false),
        b(C::MergePick, Key::ctrl('n'), Down, false),
        b(C::MergePick, Key::ctrl('p'), Up, false),
        b(C::MergePick, p(KeyCode::Enter), Open, true),
        b(C::MergePick, p(KeyCode::Esc), Back, true),
        b(C::MergePick, p(KeyCode::F(1)), Help, true),
        b(C::Merge, p(KeyCode::Left), TakeKept, true),
        b(C::Merge, p(KeyCode::Right), TakeOther, true),
        b(C::Merge, k('1'), TakeKept, false),
        b(C::Merge, k('2'), TakeOther, false),
        b(C::Merge, k('s'), SwapKept, true),
        b(C::Merge, Key::ctrl('s'), ConfirmMerge, true),
        b(C::Merge, p(KeyCode::Enter), ConfirmMerge, false),
        b(C::Merge, k('y'), Yes, true),
        b(C::Merge, k('j'), Down, false),
        b(C::Merge, k('k'), Up, false),
        b(C::Merge, p(KeyCode::Down), Down, false),
        b(C::Merge, p(KeyCode::Up), Up, false),
        b(C::Merge, k('n'), No, true),
        b(C::Merge, p(KeyCode::Esc), Back, true),
        b(C::Merge, k('?'), Help, true),
        b(C::Duplicates, p(KeyCode::Enter), Open, true),
        b(C::Duplicates, k('M'), Merge, false),
        b(C::Duplicates, p(KeyCode::Esc), Back, true),
        b(C::Duplicates, k('?'), Help, true),
    ];
    all.extend(full_navigation(C::Duplicates));
    for c in [C::MergePick, C::Merge, C::Duplicates] {
        all.push(b(c, Key::ctrl('c'), Back, false));
        all.push(b(c, Key::ctrl('z'), Suspend, false));
    }
    all
}

/// Personal data (issue 15): `P` on a person on the detail page opens the panel (the
/// office); `V` there marks the person verified (whoever may edit them). In the
/// panel a letter per action; typing a file name or a decision takes text, so only
/// Enter, Esc, Tab and the arrows are bound there.
pub(super) fn privacy() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = Binding::new;
    let k = Key::ch;
    let p = Key::plain;
    let mut all = vec![
        b(C::Detail, k('P'), PersonalData, true),
        b(C::Detail, k('V'), Verify, true),
        b(C::Privacy, k('i'), MarkInformed, true),
        b(C::Privacy, k('n'), ShowNotice, true),
        b(C::Privacy, k('x'), ExtractData, true),
        b(C::Privacy, k('r'), Restrict, true),
        b(C::Privacy, k('e'), Erase, true),
        b(C::Privacy, k('v'), Verify, true),
        b(C::Privacy, k('s'), SaveFile, true),
        b(C::Privacy, p(KeyCode::Esc), Back, true),
        b(C::Privacy, k('?'), Help, false),
        b(C::Privacy, Key::ctrl('c'), Back, false),
        b(C::Privacy, Key::ctrl('z'), Suspend, false),
        b(C::Privacy, p(KeyCode::PageDown), PageDown, false),
        b(C::Privacy, p(KeyCode::PageUp), PageUp, false),
        b(C::PrivacyInput, p(KeyCode::Enter), Save, true),
        b(C::PrivacyInput, p(KeyCode::Tab), CycleChoice, true),
        b(C::PrivacyInput, p(KeyCode::Down), NextField, false),
        b(C::PrivacyInput, p(KeyCode::Up), PrevField, false),
        b(C::PrivacyInput, p(KeyCode::Esc), Back, true),
        b(C::PrivacyInput, Key::ctrl('c'), Back, false),
        b(C::PrivacyInput, Key::ctrl('z'), Suspend, false),
        b(C::PrivacyInput, p(KeyCode::F(1)), Help, false),
        b(C::PrivacyConfirm, k('y'), Yes, true),
        b(C::PrivacyConfirm, k('j'), Yes, false),
        b(C::PrivacyConfirm, k('n'), No, true),
        b(C::PrivacyConfirm, p(KeyCode::Esc), No, false),
        b(C::PrivacyConfirm, Key::ctrl('c'), No, false),
    ];
    all.extend(up_down(C::Privacy));
    all
}

/// Importing contacts (issue 14): `I` on the organisation list opens the panel. Its
/// file step takes typed text, so its own keys are Tab, Enter, Esc and control keys;
/// the preview moves like a list.
pub(super) fn import() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = Binding::new;
    let k = Key::ch;
    let p = Key::plain;
    let mut all = vec![
        b(C::List, k('I'), ImportFile, false),
        b(C::ImportFile, p(KeyCode::Enter), ReadFile, true),
        b(C::ImportFile, p(KeyCode::Tab), CompletePath, true),
        b(C::ImportFile, Key::ctrl('t'), CycleFormat, true),
        b(C::ImportFile, Key::ctrl('o'), CycleUnit, true),
        b(C::ImportFile, p(KeyCode::Esc), Back, true),
        b(C::ImportFile, p(KeyCode::F(1)), Help, true),
        b(C::ImportFile, Key::ctrl('c'), Back, false),
        b(C::ImportFile, Key::ctrl('z'), Suspend, false),
        b(C::ImportPreview, p(KeyCode::Enter), ConfirmImport, true),
        b(C::ImportPreview, Key::ctrl('s'), ConfirmImport, false),
        b(C::ImportPreview, k(' '), CreateAnyway, true),
        b(C::ImportPreview, k('a'), CreateAll, true),
        b(C::ImportPreview, p(KeyCode::Esc), Back, true),
        b(C::ImportPreview, k('?'), Help, true),
        b(C::ImportPreview, Key::ctrl('c'), Back, false),
        b(C::ImportPreview, Key::ctrl('z'), Suspend, false),
    ];
    all.extend(full_navigation(C::ImportPreview));
    all
}

/// The yearly compilation's screen (issue 13): a unit's account and the overview of
/// every unit's. `[`/`]` change the year as on a calendar; `y`/`Y` too, as on the
/// training and plans screens.
pub(super) fn report() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = Binding::new;
    let k = Key::ch;
    let p = Key::plain;
    let mut all = Vec::new();
    for c in [C::Report, C::ReportOverview] {
        all.extend(full_navigation(c));
        all.extend([
            b(c, k('['), PrevYear, true),
            b(c, k(']'), NextYear, true),
            b(c, k('y'), PrevYear, false),
            b(c, k('Y'), NextYear, false),
            b(c, k('r'), ReturnAccount, true),
            b(c, k('a'), Accept, true),
        ]);
    }
    all.extend([
        b(C::ReportOverview, p(KeyCode::Enter), Open, true),
        b(C::ReportOverview, k('x'), ExportReport, true),
        b(C::Report, k('e'), Edit, true),
        b(C::Report, k('s'), Submit, true),
        b(C::Report, k('f'), RefreshFigures, true),
        b(C::Report, p(KeyCode::Esc), Back, true),
    ]);
    all
}
