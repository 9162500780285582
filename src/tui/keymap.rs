//! The one keymap table: `(context, key) → action`, each entry with its description.
//! The help overlay and the hint bar are generated from it; users may rebind entries
//! in the config file's `[keys]` table as `"<context>.<action>" = "<key>"`.

pub use super::key::Key;
use super::widgets::input::Edit;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::collections::BTreeMap;

/// Declares a closed set of names once: the enum, `ALL`, the name used in the config
/// file and the i18n keys, and the way back from a name (the `word_enum!` idea of
/// `model::enums`, for the keymap's own vocabulary).
macro_rules! named {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident => $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The name in the config file's `[keys]` table and in i18n keys.
            pub fn name(self) -> &'static str {
                match self { $($name::$var => $word),+ }
            }

            /// The value of a name, if there is one.
            pub fn by_name(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.name() == name)
            }
        }
    };
}

named!(
    /// Where a key is pressed.
    Context {
        /// Everywhere outside text entry.
        Global => "global",
        /// The organisation list.
        List => "list",
        /// An organisation's detail page.
        Detail => "detail",
        /// The news feed.
        News => "news",
        /// A news item's reading page.
        Reading => "reading",
        /// The training log.
        Training => "training",
        /// Action plans.
        Plans => "plans",
        /// Projects and their milestones.
        Projects => "projects",
        /// Network memberships and their evaluations.
        Memberships => "memberships",
        /// Deadlines across plans, projects, memberships and calls.
        Deadlines => "deadlines",
        /// A form (text fields take printable keys).
        Form => "form",
        /// The quick-lookup palette.
        Lookup => "lookup",
        /// Typing a list filter.
        Filter => "filter",
        /// A yes/no question.
        Confirm => "confirm",
        /// The choice after a colleague saved the same record first.
        Conflict => "conflict",
        /// The help overlay.
        Help => "help",
        /// Editing keys of every text input (forms, lookup, filters); a key bound in
        /// the form, lookup or filter context comes first.
        Text => "text",
        /// A unit's yearly account (issue 13).
        Report => "report",
        /// The accounts of every unit for a year (the office; others see the ones
        /// they may read).
        ReportOverview => "report_overview",
        // Merging (issue 14).
        /// Choosing the record to merge with (typed search).
        MergePick => "merge_pick",
        /// The side-by-side view of two records being merged.
        Merge => "merge",
        /// The office's list of possible duplicates.
        Duplicates => "duplicates",
        // Personal data (issue 15): the panel over the detail page, its file name or
        // decision being typed, and its questions.
        Privacy => "privacy",
        PrivacyInput => "privacy_input",
        PrivacyConfirm => "privacy_confirm",
        // Importing contacts from the Contacts screen (issue 14).
        /// Choosing the file to import (its path takes printable keys).
        ImportFile => "import_file",
        /// An import's preview, before it is confirmed.
        ImportPreview => "import_preview",
    }
);

impl Context {
    /// Screens where nothing is typed, so the global keys apply.
    pub fn takes_global(self) -> bool {
        matches!(
            self,
            Context::List
                | Context::Detail
                | Context::News
                | Context::Reading
                | Context::Training
                | Context::Plans
                | Context::Projects
                | Context::Memberships
                | Context::Deadlines
                | Context::Report
                | Context::ReportOverview
        )
    }
}

named!(
    /// Everything a key can do. Any action may be bound in the config file, also one
    /// that has no key by default.
    Action {
        Quit => "quit",
        Help => "help",
        Screen1 => "screen1",
        Screen2 => "screen2",
        Screen3 => "screen3",
        Screen4 => "screen4",
        Screen5 => "screen5",
        NextScreen => "next_screen",
        PrevScreen => "prev_screen",
        Up => "up",
        Down => "down",
        Top => "top",
        Bottom => "bottom",
        PageUp => "page_up",
        PageDown => "page_down",
        Open => "open",
        Back => "back",
        Filter => "filter",
        Lookup => "lookup",
        New => "new",
        Edit => "edit",
        Delete => "delete",
        Undo => "undo",
        NewPerson => "new_person",
        NewInteraction => "new_interaction",
        Save => "save",
        NextField => "next_field",
        PrevField => "prev_field",
        Yes => "yes",
        No => "no",
        ToggleRead => "toggle_read",
        MarkAllRead => "mark_all_read",
        UnreadOnly => "unread_only",
        CycleCategory => "category",
        CycleKind => "kind",
        CycleArea => "area",
        CycleDeadline => "deadline",
        Archive => "archive",
        SaveDraft => "save_draft",
        CycleScope => "scope",
        PrevYear => "prev_year",
        NextYear => "next_year",
        ToggleCharts => "charts",
        ToggleDone => "toggle_done",
        CycleStatus => "cycle_status",
        MyItems => "my_items",
        SwitchPane => "switch_pane",
        NewPlan => "new_plan",
        CopyPlan => "copy_plan",
        Memberships => "memberships",
        ProjectIdea => "project_idea",
        PlanItemFromNews => "plan_item_from_news",
        NewMilestone => "new_milestone",
        Evaluate => "evaluate",
        Deadlines => "deadlines",
        Horizon => "horizon",
        OnlyMine => "only_mine",
        LineStart => "line_start",
        LineEnd => "line_end",
        WordLeft => "word_left",
        WordRight => "word_right",
        DeleteToStart => "delete_to_start",
        DeleteToEnd => "delete_to_end",
        DeleteWordBack => "delete_word_back",
        DeleteWordForward => "delete_word_forward",
        // The yearly compilation (issue 13).
        Screen6 => "screen6",
        Submit => "submit",
        RefreshFigures => "refresh_figures",
        ReturnAccount => "return_account",
        Accept => "accept",
        ExportReport => "export_report",
        Redo => "redo",
        Suspend => "suspend",
        KeepMine => "keep_mine",
        TakeTheirs => "take_theirs",
        // Regional partners (issue 16).
        AdoptRegional => "adopt_regional",
        // Merging (issue 14).
        Merge => "merge",
        Duplicates => "duplicates",
        SwapKept => "swap_kept",
        TakeKept => "take_kept",
        TakeOther => "take_other",
        // Personal data (issue 15).
        PersonalData => "personal_data",
        MarkInformed => "mark_informed",
        ShowNotice => "show_notice",
        ExtractData => "extract",
        Restrict => "restrict",
        Erase => "erase",
        Verify => "verify",
        SaveFile => "save_file",
        CycleChoice => "cycle_choice",
        // Importing contacts from the Contacts screen (issue 14).
        ImportFile => "import",
        CompletePath => "complete_path",
        CycleFormat => "import_format",
        CycleUnit => "import_unit",
        CreateAnyway => "create_anyway",
        CreateAll => "create_all",
        ReadFile => "read_file",
        ConfirmImport => "confirm_import",
    }
);

impl Action {
    /// True for the actions that change something: a viewer is not offered them (see
    /// [`Binding::needs`]).
    pub fn writes(self) -> bool {
        use Action::*;
        matches!(
            self,
            New | Edit
                | AdoptRegional
                | Merge
                | Delete
                | Undo
                | Redo
                | NewPerson
                | NewInteraction
                | ToggleDone
                | CycleStatus
                | NewPlan
                | CopyPlan
                | ProjectIdea
                | PlanItemFromNews
                | NewMilestone
                | Evaluate
                | Submit
                | RefreshFigures
                | ReturnAccount
                | Accept
                // Personal data (issue 15).
                | PersonalData
                | MarkInformed
                | Restrict
                | Erase
                | Verify
                | ImportFile
                | ConfirmImport
        )
    }

    /// The change to a text input an editing action makes (the `text` context).
    pub fn edit(self) -> Option<Edit> {
        Some(match self {
            Action::LineStart => Edit::LineStart,
            Action::LineEnd => Edit::LineEnd,
            Action::WordLeft => Edit::WordLeft,
            Action::WordRight => Edit::WordRight,
            Action::DeleteToStart => Edit::DeleteToStart,
            Action::DeleteToEnd => Edit::DeleteToEnd,
            Action::DeleteWordBack => Edit::DeleteWordBack,
            Action::DeleteWordForward => Edit::DeleteWordForward,
            _ => return None,
        })
    }

    /// The i18n key of the description shown in help and hints.
    pub fn key(self) -> String {
        format!("action.{}", self.name())
    }
}

/// Who may use a key. The hint line and the help offer a key only to those who may;
/// the store refuses the rest anyway (its rules are `model::access`), so this only
/// spares the user a key that would be refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Anyone,
    /// Not a viewer: the actions that change something ([`Action::writes`]).
    Writer,
    /// The International Office only.
    Office,
}

impl Needs {
    pub fn allows(self, actor: &crate::model::Actor) -> bool {
        match self {
            Needs::Anyone => true,
            Needs::Writer => actor.role != crate::model::Role::Viewer,
            Needs::Office => actor.is_office(),
        }
    }
}

/// The keys only the office may use on a screen, declared once: memberships are
/// added, edited and deleted by the office; plans, new plan items, deleting an item
/// and copying a plan are the office's; a plan item from a call too.
const OFFICE_ONLY: &[(Context, Action)] = &[
    (Context::Memberships, Action::New),
    (Context::Memberships, Action::Edit),
    (Context::Memberships, Action::Delete),
    (Context::Plans, Action::New),
    (Context::Plans, Action::Delete),
    (Context::Plans, Action::NewPlan),
    (Context::Plans, Action::CopyPlan),
    (Context::News, Action::PlanItemFromNews),
    (Context::Reading, Action::PlanItemFromNews),
    // The yearly account: the office returns and accepts.
    (Context::Report, Action::ReturnAccount),
    (Context::Report, Action::Accept),
    (Context::ReportOverview, Action::ReturnAccount),
    (Context::ReportOverview, Action::Accept),
    // Merging (issue 14): the registry-wide list of possible duplicates.
    (Context::List, Action::Duplicates),
    (Context::Duplicates, Action::Merge),
    // Personal data (issue 15): the panel and what it does are the office's.
    (Context::Detail, Action::PersonalData),
    (Context::Privacy, Action::MarkInformed),
    (Context::Privacy, Action::ExtractData),
    (Context::Privacy, Action::Restrict),
    (Context::Privacy, Action::Erase),
];

/// Which hints stay when the line is short (0 first): how to get help and out, then
/// each screen's main work, then the rest. Among equals, table order.
fn hint_rank(context: Context, action: Action) -> u8 {
    use Action::*;
    match (context, action) {
        (_, Help | Open | Save | Yes | No) => 0,
        // Importing contacts (issue 14): reading the file, confirming.
        (_, ReadFile | ConfirmImport) => 0,
        (Context::Global, Quit) => 1,
        (Context::Global, _) => 2,
        (
            _,
            Back | Filter | New | Edit | Evaluate | ToggleDone | SwitchPane | Deadlines
            | Memberships | Submit | RefreshFigures | ReturnAccount | Accept,
        ) => 1,
        _ => 3,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    /// Shown in the hint bar (the help overlay shows all).
    pub hint: bool,
}

impl Binding {
    /// Who may use this key here ([`OFFICE_ONLY`], else [`Action::writes`]).
    pub fn needs(&self) -> Needs {
        if OFFICE_ONLY.contains(&(self.context, self.action)) {
            Needs::Office
        } else if self.action.writes() {
            Needs::Writer
        } else {
            Needs::Anyone
        }
    }

    /// Its place when hints compete for a short line (0 first).
    pub fn hint_rank(&self) -> u8 {
        hint_rank(self.context, self.action)
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

fn defaults() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = |context, key, action, hint| Binding {
        context,
        key,
        action,
        hint,
    };
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
    all.extend(report());
    all.extend(merging());
    all.extend(privacy());
    all.extend(import());
    all
}

/// Merging duplicates (issue 14): `M` on an organisation or a person, `D` for the
/// office's list of possible duplicates, and the keys of the panels they open. The
/// search for the other record takes typed text, so it has no printable keys; the
/// side-by-side view picks a side per field with ←/→ or 1/2.
fn merging() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = |context, key, action, hint| Binding {
        context,
        key,
        action,
        hint,
    };
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
        b(C::Merge, Key::ctrl('s'), Save, true),
        b(C::Merge, p(KeyCode::Enter), Save, false),
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
fn privacy() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = |context, key, action, hint| Binding {
        context,
        key,
        action,
        hint,
    };
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
fn import() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = |context, key, action, hint| Binding {
        context,
        key,
        action,
        hint,
    };
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
fn report() -> Vec<Binding> {
    use Action::*;
    use Context as C;
    let b = |context, key, action, hint| Binding {
        context,
        key,
        action,
        hint,
    };
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
fn up_down(context: Context) -> Vec<Binding> {
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
fn full_navigation(context: Context) -> Vec<Binding> {
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

/// A problem with one user binding; the others still apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingError {
    UnknownAction(String),
    UnknownKey(String),
}

impl Keymap {
    /// The defaults with the user's overrides applied. An override replaces every
    /// default key of that action in that context.
    pub fn new(overrides: &BTreeMap<String, String>) -> (Keymap, Vec<BindingError>) {
        let mut bindings = defaults();
        let mut errors = Vec::new();
        for (name, key) in overrides {
            let target = name
                .split_once('.')
                .and_then(|(c, a)| Some((Context::by_name(c)?, Action::by_name(a)?)));
            let Some((context, action)) = target else {
                errors.push(BindingError::UnknownAction(name.clone()));
                continue;
            };
            let Some(key) = Key::parse(key) else {
                errors.push(BindingError::UnknownKey(format!("{name} = {key}")));
                continue;
            };
            let hint = bindings
                .iter()
                .any(|b| b.context == context && b.action == action && b.hint);
            bindings.retain(|b| !(b.context == context && b.action == action));
            bindings.retain(|b| !(b.context == context && b.key == key));
            bindings.insert(
                0,
                Binding {
                    context,
                    key,
                    action,
                    hint,
                },
            );
        }
        (Keymap { bindings }, errors)
    }

    /// The action for a key in a context (the context alone, no fallback).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.key == key)
            .map(|b| b.action)
    }

    /// The bindings of a context, in table order.
    pub fn of(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    /// The change a key makes to the text input being typed in: an editing key of the
    /// `text` context, else a plain key (a character, Backspace, the arrows...).
    /// Keys with Ctrl or Alt that are not editing keys make none.
    pub fn edit(&self, key: Key) -> Option<Edit> {
        if let Some(edit) = self.lookup(Context::Text, key).and_then(Action::edit) {
            return Some(edit);
        }
        if key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        Edit::from_code(key.code)
    }

    /// The first key bound to an action in a context, for messages.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.of(context).find(|b| b.action == action).map(|b| b.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_apply_and_bad_entries_are_reported() {
        let mut o = BTreeMap::new();
        o.insert("list.new".to_string(), "a".to_string());
        o.insert("list.fly".to_string(), "x".to_string());
        o.insert("list.quit".to_string(), "ctrl-".to_string());
        let (map, errors) = Keymap::new(&o);
        assert_eq!(map.lookup(Context::List, Key::ch('a')), Some(Action::New));
        assert_eq!(map.lookup(Context::List, Key::ch('n')), None);
        assert_eq!(errors.len(), 2);
        assert!(errors.contains(&BindingError::UnknownAction("list.fly".into())));
        // The rest still applies.
        assert_eq!(
            map.lookup(Context::Global, Key::ch('q')),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_action_and_context_has_a_name_and_an_action_without_a_key_can_be_bound() {
        for a in Action::ALL {
            assert_eq!(Action::by_name(a.name()), Some(*a));
        }
        for c in Context::ALL {
            assert_eq!(Context::by_name(c.name()), Some(*c));
        }
        // Nothing opens a training entry with `o` by default, and the reading page has
        // no key for a new milestone: both can be bound all the same.
        let (defaults, _) = Keymap::new(&BTreeMap::new());
        assert_eq!(defaults.key_for(Context::Training, Action::Open), None);
        let mut o = BTreeMap::new();
        o.insert(
            format!("{}.{}", Context::Training.name(), Action::Open.name()),
            "o".to_string(),
        );
        let (map, errors) = Keymap::new(&o);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            map.lookup(Context::Training, Key::ch('o')),
            Some(Action::Open)
        );
    }

    #[test]
    fn every_list_moves_with_the_same_keys() {
        let (map, _) = Keymap::new(&BTreeMap::new());
        for c in [
            Context::List,
            Context::Detail,
            Context::News,
            Context::Reading,
            Context::Training,
            Context::Plans,
            Context::Projects,
            Context::Memberships,
            Context::Deadlines,
            Context::Report,
            Context::ReportOverview,
        ] {
            assert_eq!(map.lookup(c, Key::ch('j')), Some(Action::Down), "{c:?}");
            assert_eq!(
                map.lookup(c, Key::plain(KeyCode::Up)),
                Some(Action::Up),
                "{c:?}"
            );
        }
        assert_eq!(
            map.lookup(Context::Reading, Key::ch('G')),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn office_keys_are_declared_per_screen() {
        use crate::model::{Actor, Role};
        let who = |role| Actor {
            member_id: 1,
            account: String::new(),
            full_name: String::new(),
            role,
            unit_id: None,
        };
        let (map, _) = Keymap::new(&BTreeMap::new());
        let binding = |c, k| map.of(c).find(|b| b.key == k).cloned().unwrap();
        let new_membership = binding(Context::Memberships, Key::ch('n'));
        assert_eq!(new_membership.needs(), Needs::Office);
        assert!(new_membership.needs().allows(&who(Role::Office)));
        assert!(!new_membership.needs().allows(&who(Role::Member)));
        // Evaluating is for the member responsible too; a new project for a member.
        let evaluate = binding(Context::Memberships, Key::ch('E'));
        assert!(evaluate.needs().allows(&who(Role::Member)));
        assert!(!evaluate.needs().allows(&who(Role::Viewer)));
        let new_project = binding(Context::Projects, Key::ch('n'));
        assert!(new_project.needs().allows(&who(Role::Member)));
        let filter = binding(Context::List, Key::ch('/'));
        assert!(filter.needs().allows(&who(Role::Viewer)));
    }

    #[test]
    fn no_key_is_bound_twice_in_a_context() {
        let (map, _) = Keymap::new(&BTreeMap::new());
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                assert!(
                    !(a.context == b.context && a.key == b.key),
                    "{:?} bound twice in {:?}",
                    a.key,
                    a.context
                );
            }
        }
    }

    #[test]
    fn editing_keys_are_taken_by_no_text_context_and_make_their_edits() {
        let (map, _) = Keymap::new(&BTreeMap::new());
        for b in map.of(Context::Text) {
            for c in [Context::Form, Context::Lookup, Context::Filter] {
                assert_eq!(map.lookup(c, b.key), None, "{:?} in {c:?}", b.key);
            }
            assert!(b.action.edit().is_some(), "{:?}", b.action);
        }
        assert_eq!(map.edit(Key::ctrl('u')), Some(Edit::DeleteToStart));
        assert_eq!(map.edit(Key::ctrl('w')), Some(Edit::DeleteWordBack));
        let ctrl_left = Key {
            code: KeyCode::Left,
            mods: KeyModifiers::CONTROL,
        };
        assert_eq!(map.edit(ctrl_left), Some(Edit::WordLeft));
        assert_eq!(map.edit(Key::ch('x')), Some(Edit::Char('x')));
        assert_eq!(map.edit(Key::ctrl('x')), None, "not an editing key");
        // The editing keys may be bound elsewhere like any other.
        let mut o = BTreeMap::new();
        o.insert("text.delete_to_start".to_string(), "ctrl-x".to_string());
        let (map, _) = Keymap::new(&o);
        assert_eq!(map.edit(Key::ctrl('x')), Some(Edit::DeleteToStart));
        assert_eq!(map.edit(Key::ctrl('u')), None);
    }
}
