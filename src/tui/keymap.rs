//! The one keymap table: `(context, key) → action`, each entry with its description.
//! The help overlay and the hint bar are generated from it; users may rebind entries
//! in the config file's `[keys]` table as `"<context>.<action>" = "<key>"`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere outside text entry.
    Global,
    /// The organisation list.
    List,
    /// An organisation's detail page.
    Detail,
    /// The news feed.
    News,
    /// A news item's reading page.
    Reading,
    /// The training log.
    Training,
    /// Action plans.
    Plans,
    /// Projects and their milestones.
    Projects,
    /// Network memberships and their evaluations.
    Memberships,
    /// Deadlines across plans, projects, memberships and calls.
    Deadlines,
    /// A form (text fields take printable keys).
    Form,
    /// The quick-lookup palette.
    Lookup,
    /// Typing a list filter.
    Filter,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
}

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
        )
    }

    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::List,
        Context::Detail,
        Context::News,
        Context::Reading,
        Context::Training,
        Context::Plans,
        Context::Projects,
        Context::Memberships,
        Context::Deadlines,
        Context::Form,
        Context::Lookup,
        Context::Filter,
        Context::Confirm,
        Context::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Detail => "detail",
            Context::News => "news",
            Context::Reading => "reading",
            Context::Training => "training",
            Context::Plans => "plans",
            Context::Projects => "projects",
            Context::Memberships => "memberships",
            Context::Deadlines => "deadlines",
            Context::Form => "form",
            Context::Lookup => "lookup",
            Context::Filter => "filter",
            Context::Confirm => "confirm",
            Context::Help => "help",
        }
    }
}

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Screen1,
    Screen2,
    Screen3,
    Screen4,
    Screen5,
    NextScreen,
    PrevScreen,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    Filter,
    Lookup,
    New,
    Edit,
    Delete,
    Undo,
    NewPerson,
    NewInteraction,
    Save,
    NextField,
    PrevField,
    Yes,
    No,
    ToggleRead,
    MarkAllRead,
    UnreadOnly,
    CycleCategory,
    CycleArea,
    CycleDeadline,
    Archive,
    SaveDraft,
    CycleScope,
    PrevYear,
    NextYear,
    ToggleCharts,
    ToggleDone,
    CycleStatus,
    MyItems,
    SwitchPane,
    NewPlan,
    CopyPlan,
    Memberships,
    ProjectIdea,
    PlanItemFromNews,
    NewMilestone,
    Evaluate,
    Deadlines,
    Horizon,
    OnlyMine,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Screen1 => "screen1",
            Action::Screen2 => "screen2",
            Action::Screen3 => "screen3",
            Action::Screen4 => "screen4",
            Action::Screen5 => "screen5",
            Action::NextScreen => "next_screen",
            Action::PrevScreen => "prev_screen",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Open => "open",
            Action::Back => "back",
            Action::Filter => "filter",
            Action::Lookup => "lookup",
            Action::New => "new",
            Action::Edit => "edit",
            Action::Delete => "delete",
            Action::Undo => "undo",
            Action::NewPerson => "new_person",
            Action::NewInteraction => "new_interaction",
            Action::Save => "save",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::Yes => "yes",
            Action::No => "no",
            Action::ToggleRead => "toggle_read",
            Action::MarkAllRead => "mark_all_read",
            Action::UnreadOnly => "unread_only",
            Action::CycleCategory => "category",
            Action::CycleArea => "area",
            Action::CycleDeadline => "deadline",
            Action::Archive => "archive",
            Action::SaveDraft => "save_draft",
            Action::CycleScope => "scope",
            Action::PrevYear => "prev_year",
            Action::NextYear => "next_year",
            Action::ToggleCharts => "charts",
            Action::ToggleDone => "toggle_done",
            Action::CycleStatus => "cycle_status",
            Action::MyItems => "my_items",
            Action::SwitchPane => "switch_pane",
            Action::NewPlan => "new_plan",
            Action::CopyPlan => "copy_plan",
            Action::Memberships => "memberships",
            Action::ProjectIdea => "project_idea",
            Action::PlanItemFromNews => "plan_item_from_news",
            Action::NewMilestone => "new_milestone",
            Action::Evaluate => "evaluate",
            Action::Deadlines => "deadlines",
            Action::Horizon => "horizon",
            Action::OnlyMine => "only_mine",
        }
    }

    /// The i18n key of the description shown in help and hints.
    pub fn key(self) -> String {
        format!("action.{}", self.name())
    }
}

/// A key with modifiers, comparable with crossterm's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }
    const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// Normalises an event: Shift is folded into upper-case letters and BackTab.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// Parses `q`, `ctrl-s`, `enter`, `esc`, `tab`, `shift-tab`, `up`, `pgdn`, `f1`...
    pub fn parse(s: &str) -> Option<Key> {
        let s = s.trim();
        let lower = s.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Key::ctrl(c)),
                _ => None,
            };
        }
        if let Some(rest) = lower.strip_prefix("alt-") {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Key {
                    code: KeyCode::Char(c),
                    mods: KeyModifiers::ALT,
                }),
                _ => None,
            };
        }
        let code = match lower.as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f.len() > 1 => KeyCode::F(f[1..].parse().ok()?),
            _ => {
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return None,
                }
            }
        };
        Some(Key::plain(code))
    }

    /// How the key is written in help and hints.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        }
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
    vec![
        b(C::Global, k('q'), Quit, true),
        b(C::Global, k('?'), Help, true),
        b(C::Global, k('1'), Screen1, false),
        b(C::Global, k('2'), Screen2, false),
        b(C::Global, k('3'), Screen3, false),
        b(C::Global, k('4'), Screen4, false),
        b(C::Global, k('5'), Screen5, false),
        b(C::Global, p(KeyCode::Tab), NextScreen, false),
        b(C::Global, p(KeyCode::BackTab), PrevScreen, false),
        b(C::Global, Key::ctrl('f'), Lookup, true),
        b(C::Global, k(':'), Lookup, false),
        b(C::Global, k('u'), Undo, true),
        b(C::List, k('j'), Down, false),
        b(C::List, p(KeyCode::Down), Down, false),
        b(C::List, k('k'), Up, false),
        b(C::List, p(KeyCode::Up), Up, false),
        b(C::List, k('g'), Top, false),
        b(C::List, p(KeyCode::Home), Top, false),
        b(C::List, k('G'), Bottom, false),
        b(C::List, p(KeyCode::End), Bottom, false),
        b(C::List, p(KeyCode::PageDown), PageDown, false),
        b(C::List, p(KeyCode::PageUp), PageUp, false),
        b(C::List, p(KeyCode::Enter), Open, true),
        b(C::List, k('/'), Filter, true),
        b(C::List, k('n'), New, true),
        b(C::List, k('e'), Edit, true),
        b(C::List, k('d'), Delete, true),
        b(C::List, k('i'), NewInteraction, true),
        b(C::List, k('p'), NewPerson, false),
        b(C::List, p(KeyCode::Esc), Back, false),
        b(C::Detail, k('j'), Down, false),
        b(C::Detail, p(KeyCode::Down), Down, false),
        b(C::Detail, k('k'), Up, false),
        b(C::Detail, p(KeyCode::Up), Up, false),
        b(C::Detail, k('g'), Top, false),
        b(C::Detail, k('G'), Bottom, false),
        b(C::Detail, k('e'), Edit, true),
        b(C::Detail, p(KeyCode::Enter), Edit, false),
        b(C::Detail, k('d'), Delete, true),
        b(C::Detail, k('p'), NewPerson, true),
        b(C::Detail, k('i'), NewInteraction, true),
        b(C::Detail, p(KeyCode::Esc), Back, true),
        b(C::News, k('j'), Down, false),
        b(C::News, p(KeyCode::Down), Down, false),
        b(C::News, k('k'), Up, false),
        b(C::News, p(KeyCode::Up), Up, false),
        b(C::News, k('g'), Top, false),
        b(C::News, k('G'), Bottom, false),
        b(C::News, p(KeyCode::PageDown), PageDown, false),
        b(C::News, p(KeyCode::PageUp), PageUp, false),
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
        b(C::Reading, k('j'), Down, false),
        b(C::Reading, p(KeyCode::Down), Down, false),
        b(C::Reading, k('k'), Up, false),
        b(C::Reading, p(KeyCode::Up), Up, false),
        b(C::Reading, p(KeyCode::PageDown), PageDown, false),
        b(C::Reading, p(KeyCode::PageUp), PageUp, false),
        b(C::Reading, k('m'), ToggleRead, true),
        b(C::Reading, k('e'), Edit, true),
        b(C::Reading, k('d'), Delete, true),
        b(C::Reading, p(KeyCode::Esc), Back, true),
        b(C::Reading, k('I'), ProjectIdea, false),
        b(C::Reading, k('P'), PlanItemFromNews, false),
        b(C::News, k('I'), ProjectIdea, false),
        b(C::News, k('P'), PlanItemFromNews, false),
        b(C::Training, k('j'), Down, false),
        b(C::Training, p(KeyCode::Down), Down, false),
        b(C::Training, k('k'), Up, false),
        b(C::Training, p(KeyCode::Up), Up, false),
        b(C::Training, k('g'), Top, false),
        b(C::Training, k('G'), Bottom, false),
        b(C::Training, p(KeyCode::PageDown), PageDown, false),
        b(C::Training, p(KeyCode::PageUp), PageUp, false),
        b(C::Training, k('n'), New, true),
        b(C::Training, k('e'), Edit, false),
        b(C::Training, p(KeyCode::Enter), Edit, false),
        b(C::Training, k('d'), Delete, false),
        b(C::Training, k('s'), CycleScope, true),
        b(C::Training, k('y'), PrevYear, false),
        b(C::Training, k('Y'), NextYear, false),
        b(C::Training, k('c'), CycleCategory, false),
        b(C::Training, k('v'), ToggleCharts, true),
        b(C::Training, p(KeyCode::Esc), Back, false),
        b(C::Plans, k('j'), Down, false),
        b(C::Plans, p(KeyCode::Down), Down, false),
        b(C::Plans, k('k'), Up, false),
        b(C::Plans, p(KeyCode::Up), Up, false),
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
        b(C::Projects, k('j'), Down, false),
        b(C::Projects, p(KeyCode::Down), Down, false),
        b(C::Projects, k('k'), Up, false),
        b(C::Projects, p(KeyCode::Up), Up, false),
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
        b(C::Memberships, k('j'), Down, false),
        b(C::Memberships, p(KeyCode::Down), Down, false),
        b(C::Memberships, k('k'), Up, false),
        b(C::Memberships, p(KeyCode::Up), Up, false),
        b(C::Memberships, k('E'), Evaluate, true),
        b(C::Memberships, p(KeyCode::Enter), Evaluate, false),
        b(C::Memberships, k('n'), New, true),
        b(C::Memberships, k('e'), Edit, true),
        b(C::Memberships, k('d'), Delete, false),
        b(C::Memberships, k('v'), Memberships, true),
        b(C::Memberships, p(KeyCode::Esc), Back, false),
        b(C::Memberships, k('D'), Deadlines, false),
        b(C::Deadlines, k('j'), Down, false),
        b(C::Deadlines, p(KeyCode::Down), Down, false),
        b(C::Deadlines, k('k'), Up, false),
        b(C::Deadlines, p(KeyCode::Up), Up, false),
        b(C::Deadlines, p(KeyCode::Enter), Open, true),
        b(C::Deadlines, k('w'), Horizon, true),
        b(C::Deadlines, k('m'), OnlyMine, true),
        b(C::Deadlines, k('D'), Deadlines, true),
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
        b(C::Help, k('?'), Back, false),
        b(C::Help, k('q'), Back, false),
    ]
}

fn context_by_name(name: &str) -> Option<Context> {
    Context::ALL.iter().copied().find(|c| c.name() == name)
}

fn action_by_name(name: &str) -> Option<Action> {
    defaults()
        .into_iter()
        .map(|b| b.action)
        .find(|a| a.name() == name)
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
                .and_then(|(c, a)| Some((context_by_name(c)?, action_by_name(a)?)));
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

    /// The first key bound to an action in a context, for messages.
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        self.of(context).find(|b| b.action == action).map(|b| b.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_and_label() {
        assert_eq!(Key::parse("ctrl-s"), Some(Key::ctrl('s')));
        assert_eq!(Key::parse("q"), Some(Key::ch('q')));
        assert_eq!(Key::parse("G"), Some(Key::ch('G')));
        assert_eq!(Key::parse("F1"), Some(Key::plain(KeyCode::F(1))));
        assert_eq!(Key::parse("shift-tab"), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("nonsense"), None);
        assert_eq!(Key::ctrl('s').label(), "Ctrl-S");
    }

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
}
