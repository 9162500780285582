//! Who may change what. Each rule lives here once; the store enforces it on every
//! write and the terminal UI asks it before opening a form, so a form never opens
//! for a record the user may not change.

use super::{Actor, Role, Training};

impl Actor {
    /// A training activity: the office any; a member one they take part in or
    /// logged (`created_by`); viewers none.
    pub fn may_edit_training(&self, participants: &[i64], created_by: Option<i64>) -> bool {
        match self.role {
            Role::Office => true,
            Role::Member => {
                participants.contains(&self.member_id) || created_by == Some(self.member_id)
            }
            Role::Viewer => false,
        }
    }

    /// An interaction: the office any; a member their own; viewers none.
    pub fn may_edit_interaction(&self, member_id: i64) -> bool {
        match self.role {
            Role::Office => true,
            Role::Member => member_id == self.member_id,
            Role::Viewer => false,
        }
    }
}

impl Training {
    /// [`Actor::may_edit_training`] for this activity as stored.
    pub fn editable_by(&self, actor: &Actor) -> bool {
        actor.may_edit_training(&self.data.participants, self.created_by_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, member_id: i64) -> Actor {
        Actor {
            member_id,
            account: String::new(),
            full_name: String::new(),
            role,
            unit_id: None,
        }
    }

    #[test]
    fn training_office_any_member_own_viewer_none() {
        assert!(actor(Role::Office, 1).may_edit_training(&[2], Some(2)));
        assert!(actor(Role::Member, 2).may_edit_training(&[2, 3], Some(3)));
        assert!(actor(Role::Member, 2).may_edit_training(&[3], Some(2)));
        assert!(!actor(Role::Member, 2).may_edit_training(&[3], Some(3)));
        assert!(!actor(Role::Member, 2).may_edit_training(&[3], None));
        assert!(!actor(Role::Viewer, 2).may_edit_training(&[2], Some(2)));
    }

    #[test]
    fn interaction_office_any_member_own_viewer_none() {
        assert!(actor(Role::Office, 1).may_edit_interaction(2));
        assert!(actor(Role::Member, 2).may_edit_interaction(2));
        assert!(!actor(Role::Member, 2).may_edit_interaction(3));
        assert!(!actor(Role::Viewer, 2).may_edit_interaction(2));
    }
}
