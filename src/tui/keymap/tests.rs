//! The keymap's own tests: overrides from the config file, names, every list moving
//! alike, the office's keys, no key bound twice in a context, the editing keys.

use super::*;
use ratatui::crossterm::event::KeyCode;

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
