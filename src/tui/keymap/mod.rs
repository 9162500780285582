//! The one keymap table: `(context, key) → action`, each entry with its description.
//! The help overlay and the hint bar are generated from it; users may rebind entries
//! in the config file's `[keys]` table as `"<context>.<action>" = "<key>"`.

pub use super::key::Key;
use super::widgets::input::Edit;
use ratatui::crossterm::event::KeyModifiers;
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
        ConfirmMerge => "confirm_merge",
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
        (_, ReadFile | ConfirmImport | ConfirmMerge) => 0,
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
    /// A binding: in `context`, `key` does `action`; `hint` shows it in the hint bar.
    pub fn new(context: Context, key: Key, action: Action, hint: bool) -> Binding {
        Binding {
            context,
            key,
            action,
            hint,
        }
    }

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

mod panels;
mod table;

/// A problem with one user binding; the others still apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingError {
    UnknownAction(String),
    UnknownKey(String),
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// The defaults with the user's overrides applied. An override replaces every
    /// default key of that action in that context.
    pub fn new(overrides: &BTreeMap<String, String>) -> (Keymap, Vec<BindingError>) {
        let mut bindings = table::defaults();
        bindings.extend(panels::all());
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
mod tests;
