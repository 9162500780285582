//! The default keys: the screens' table, and the blocks every list and every text
//! input shares (moving in a list, the readline keys). Built once into
//! [`super::Keymap`] with the panels' keys (`panels.rs`).

use super::{Action, Binding, Context, Key};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// The keys of the six screens, the modals and every text input.
pub(super) fn defaults() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = Binding::new;
    let k = Key::ch;
    let p = Key::plain;
    let mut all = Vec::new();
    // Moving in a list is the same everywhere: one block each, not a copy per screen.
    for c in [C::List, C::Detail, C::News, C::Reading, C::Training] {
        all.extend(full_navigation(c));
    }
    for c in [C::Plans, C::Projects, C::Memberships, C::Deadlines] {
        all.extend(up_down(c));
    }
    all.extend(vec![
        b(C::Global, k('q'), Quit, true),
        b(C::Global, k('?'), Help, true),
        b(C::Global, k('1'), Screen1, false),
        b(C::Global, k('2'), Screen2, false),
        b(C::Global, k('3'), Screen3, false),
        b(C::Global, k('4'), Screen4, false),
        b(C::Global, k('5'), Screen5, false),
        b(C::Global, k('6'), Screen6, false),
        b(C::Global, p(KeyCode::Tab), NextScreen, false),
        b(C::Global, p(KeyCode::BackTab), PrevScreen, false),
        b(C::Global, Key::ctrl('f'), Lookup, true),
        b(C::Global, k(':'), Lookup, false),
        b(C::Global, k('u'), Undo, true),
        b(C::List, p(KeyCode::Enter), Open, true),
        b(C::List, k('/'), Filter, true),
        b(C::List, k('n'), New, true),
        b(C::List, k('e'), Edit, true),
        b(C::List, k('d'), Delete, true),
        b(C::List, k('i'), NewInteraction, true),
        b(C::List, k('p'), NewPerson, false),
        b(C::List, p(KeyCode::Esc), Back, false),
        b(C::Detail, k('e'), Edit, true),
        b(C::Detail, p(KeyCode::Enter), Edit, false),
        b(C::Detail, k('d'), Delete, true),
        b(C::Detail, k('p'), NewPerson, true),
        b(C::Detail, k('i'), NewInteraction, true),
        b(C::Detail, p(KeyCode::Esc), Back, true),
        b(C::News, p(KeyCode::Enter), Open, true),
        b(C::News, k('/'), Filter, false),
        b(C::News, k('m'), ToggleRead, true),
        b(C::News, k('R'), MarkAllRead, false),
        b(C::News, k('U'), UnreadOnly, true),
        b(C::News, k('c'), CycleCategory, false),
        b(C::News, k('a'), CycleArea, false),
        b(C::News, k('w'), CycleDeadline, false),
        b(C::News, k('A'), Archive, false),
        b(C::News, k('n'), New, true),
        b(C::News, k('e'), Edit, false),
        b(C::News, k('d'), Delete, false),
        b(C::News, p(KeyCode::Esc), Back, false),
        b(C::Reading, k('m'), ToggleRead, true),
        b(C::Reading, k('e'), Edit, true),
        b(C::Reading, k('d'), Delete, true),
        b(C::Reading, p(KeyCode::Esc), Back, true),
        b(C::Reading, k('I'), ProjectIdea, false),
        b(C::Reading, k('P'), PlanItemFromNews, false),
        b(C::News, k('I'), ProjectIdea, false),
        b(C::News, k('P'), PlanItemFromNews, false),
        b(C::Training, k('n'), New, true),
        b(C::Training, k('e'), Edit, false),
        b(C::Training, p(KeyCode::Enter), Edit, false),
        b(C::Training, k('d'), Delete, false),
        b(C::Training, k('s'), CycleScope, true),
        b(C::Training, k('y'), PrevYear, false),
        b(C::Training, k('Y'), NextYear, false),
        b(C::Training, k('c'), CycleKind, false),
        b(C::Training, k('v'), ToggleCharts, true),
        b(C::Training, p(KeyCode::Esc), Back, false),
        b(C::Plans, p(KeyCode::Right), SwitchPane, false),
        b(C::Plans, p(KeyCode::Left), SwitchPane, false),
        b(C::Plans, p(KeyCode::Enter), SwitchPane, false),
        b(C::Plans, k(' '), ToggleDone, true),
        b(C::Plans, k('x'), CycleStatus, true),
        b(C::Plans, k('m'), MyItems, true),
        b(C::Plans, k('n'), New, true),
        b(C::Plans, k('e'), Edit, true),
        b(C::Plans, k('d'), Delete, false),
        b(C::Plans, k('D'), Deadlines, true),
        b(C::Plans, k('P'), NewPlan, false),
        b(C::Plans, k('C'), CopyPlan, false),
        b(C::Plans, k('y'), PrevYear, false),
        b(C::Plans, k('Y'), NextYear, false),
        b(C::Plans, p(KeyCode::Esc), Back, false),
        b(C::Projects, p(KeyCode::Enter), SwitchPane, false),
        b(C::Projects, p(KeyCode::Right), SwitchPane, false),
        b(C::Projects, p(KeyCode::Left), SwitchPane, false),
        b(C::Projects, k(' '), ToggleDone, true),
        b(C::Projects, k('v'), Memberships, true),
        b(C::Projects, k('n'), New, true),
        b(C::Projects, k('e'), Edit, true),
        b(C::Projects, k('d'), Delete, false),
        b(C::Projects, k('m'), NewMilestone, true),
        b(C::Projects, k('D'), Deadlines, false),
        b(C::Memberships, k('E'), Evaluate, true),
        b(C::Memberships, p(KeyCode::Enter), Evaluate, false),
        b(C::Memberships, k('n'), New, true),
        b(C::Memberships, k('e'), Edit, true),
        b(C::Memberships, k('d'), Delete, false),
        b(C::Memberships, k('v'), Memberships, true),
        b(C::Memberships, p(KeyCode::Esc), Back, false),
        b(C::Memberships, k('D'), Deadlines, false),
        b(C::Deadlines, p(KeyCode::Enter), Open, true),
        b(C::Deadlines, k('w'), Horizon, true),
        b(C::Deadlines, k('m'), OnlyMine, true),
        b(C::Deadlines, k('D'), Back, true),
        b(C::Deadlines, p(KeyCode::Esc), Back, false),
        b(C::Projects, p(KeyCode::Esc), Back, false),
        b(C::Form, Key::ctrl('s'), Save, true),
        b(C::Form, Key::ctrl('d'), SaveDraft, false),
        b(C::Form, p(KeyCode::Tab), NextField, true),
        b(C::Form, p(KeyCode::BackTab), PrevField, false),
        b(C::Form, p(KeyCode::Down), NextField, false),
        b(C::Form, p(KeyCode::Up), PrevField, false),
        b(C::Form, p(KeyCode::Esc), Back, true),
        b(C::Form, p(KeyCode::F(1)), Help, true),
        b(C::Lookup, p(KeyCode::Down), Down, false),
        b(C::Lookup, p(KeyCode::Up), Up, false),
        b(C::Lookup, Key::ctrl('n'), Down, false),
        b(C::Lookup, Key::ctrl('p'), Up, false),
        b(C::Lookup, p(KeyCode::Enter), Open, true),
        b(C::Lookup, p(KeyCode::Esc), Back, true),
        b(C::Filter, p(KeyCode::Enter), Open, true),
        b(C::Filter, p(KeyCode::Down), Down, false),
        b(C::Filter, p(KeyCode::Up), Up, false),
        b(C::Filter, p(KeyCode::Esc), Back, true),
        b(C::Confirm, k('y'), Yes, true),
        b(C::Confirm, k('j'), Yes, false),
        b(C::Confirm, k('n'), No, true),
        b(C::Confirm, p(KeyCode::Esc), No, false),
        b(C::Help, p(KeyCode::Esc), Back, true),
        b(C::Help, k('j'), Down, false),
        b(C::Help, p(KeyCode::Down), Down, false),
        b(C::Help, k('k'), Up, false),
        b(C::Help, p(KeyCode::Up), Up, false),
        b(C::Help, p(KeyCode::PageDown), PageDown, true),
        b(C::Help, p(KeyCode::PageUp), PageUp, false),
        b(C::Help, k('?'), Back, false),
        b(C::Help, k('q'), Back, false),
        // Ctrl-C cancels where a terminal user expects it: the form, the question,
        // the palette or the filter; on a screen it quits.
        b(C::Global, Key::ctrl('c'), Quit, false),
        b(C::Form, Key::ctrl('c'), Back, false),
        b(C::Lookup, Key::ctrl('c'), Back, false),
        b(C::Filter, Key::ctrl('c'), Back, false),
        b(C::Confirm, Key::ctrl('c'), No, false),
        b(C::Help, Key::ctrl('c'), Back, false),
        // Redo (`U` is taken by News); Ctrl-Z suspends from anywhere, a form too.
        b(C::Global, Key::ctrl('r'), Redo, false),
        b(C::Global, Key::ctrl('z'), Suspend, false),
        b(C::Form, Key::ctrl('z'), Suspend, false),
        b(C::Lookup, Key::ctrl('z'), Suspend, false),
        b(C::Filter, Key::ctrl('z'), Suspend, false),
        b(C::Confirm, Key::ctrl('z'), Suspend, false),
        b(C::Help, Key::ctrl('z'), Suspend, false),
        // After losing a race: save mine over theirs, or take theirs and re-apply mine.
        b(C::Conflict, k('m'), KeepMine, true),
        b(C::Conflict, k('t'), TakeTheirs, true),
        b(C::Conflict, p(KeyCode::Esc), Back, true),
        b(C::Conflict, Key::ctrl('c'), Back, false),
        b(C::Conflict, Key::ctrl('z'), Suspend, false),
        // Regional partners (issue 16): a lookup takes printable keys, so a control key;
        // no hint (most lookups have no regional entry), Enter on one names it.
        b(C::Lookup, Key::ctrl('t'), AdoptRegional, false),
    ]);
    all.extend(text_editing());
    all
}

/// The readline keys of every text input. None of them is bound in the form, lookup
/// or filter context, where a binding would come first.
fn text_editing() -> Vec<Binding> {
    use Action::*;
    let b = |key, action| Binding {
        context: Context::Text,
        key,
        action,
        hint: false,
    };
    let alt = |c| Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::ALT,
    };
    let ctrl = |code| Key {
        code,
        mods: KeyModifiers::CONTROL,
    };
    vec![
        b(Key::ctrl('a'), LineStart),
        b(Key::plain(KeyCode::Home), LineStart),
        b(Key::ctrl('e'), LineEnd),
        b(Key::plain(KeyCode::End), LineEnd),
        b(alt('b'), WordLeft),
        b(ctrl(KeyCode::Left), WordLeft),
        b(alt('f'), WordRight),
        b(ctrl(KeyCode::Right), WordRight),
        b(Key::ctrl('u'), DeleteToStart),
        b(Key::ctrl('k'), DeleteToEnd),
        b(Key::ctrl('w'), DeleteWordBack),
        b(alt('d'), DeleteWordForward),
    ]
}

/// `j`/`k` and the arrows move one row.
pub(super) fn up_down(context: Context) -> Vec<Binding> {
    let b = |key, action| Binding {
        context,
        key,
        action,
        hint: false,
    };
    vec![
        b(Key::ch('j'), Action::Down),
        b(Key::plain(KeyCode::Down), Action::Down),
        b(Key::ch('k'), Action::Up),
        b(Key::plain(KeyCode::Up), Action::Up),
    ]
}

/// [`up_down`], and `g`/`G`, Home/End, PgUp/PgDn for the first, last and a page.
pub(super) fn full_navigation(context: Context) -> Vec<Binding> {
    let b = |key, action| Binding {
        context,
        key,
        action,
        hint: false,
    };
    let mut all = up_down(context);
    all.extend([
        b(Key::ch('g'), Action::Top),
        b(Key::plain(KeyCode::Home), Action::Top),
        b(Key::ch('G'), Action::Bottom),
        b(Key::plain(KeyCode::End), Action::Bottom),
        b(Key::plain(KeyCode::PageDown), Action::PageDown),
        b(Key::plain(KeyCode::PageUp), Action::PageUp),
    ]);
    all
}
