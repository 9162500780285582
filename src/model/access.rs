//! Who may change what. Each rule lives here once; the store enforces it on every
//! write and the terminal UI asks it before opening a form, so a form never opens
//! for a record the user may not change.

use super::{AccountState, Actor, Role, Training};

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

    /// A news item: the office any; a member their own; viewers none.
    pub fn may_edit_news(&self, author_id: i64) -> bool {
        match self.role {
            Role::Office => true,
            Role::Member => author_id == self.member_id,
            Role::Viewer => false,
        }
    }

    /// A project (and its milestones): the office any; a member those led by their
    /// unit; viewers none.
    pub fn may_edit_project(&self, lead_unit: Option<i64>) -> bool {
        match self.role {
            Role::Office => true,
            Role::Member => lead_unit.is_some() && lead_unit == self.unit_id,
            Role::Viewer => false,
        }
    }

    /// True for the member named responsible (a plan item's owner, a membership's
    /// contact person); never for a viewer.
    pub fn is_responsible(&self, member: Option<i64>) -> bool {
        self.role == Role::Member && member == Some(self.member_id)
    }

    /// A plan item's status and comments: the office, or its owner (only the office
    /// changes the rest).
    pub fn may_update_plan_item(&self, owner_id: Option<i64>) -> bool {
        self.is_office() || self.is_responsible(owner_id)
    }

    /// Evaluating a membership: the office, or the member responsible for it.
    pub fn may_evaluate_membership(&self, member_id: Option<i64>) -> bool {
        self.is_office() || self.is_responsible(member_id)
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

impl Actor {
    /// Writing a unit's yearly account (its words, submitting, refreshing its
    /// figures): the unit's own members and office staff, never a viewer; nobody for
    /// another unit's account (the office returns and accepts, it does not write).
    pub fn may_write_account(&self, unit_id: i64) -> bool {
        self.role != Role::Viewer && self.unit_id == Some(unit_id)
    }

    /// Reading a unit's yearly account: the office all; the unit's own members in
    /// every state; everyone else (viewers, other units' members) accepted accounts
    /// only.
    pub fn may_read_account(&self, unit_id: i64, state: AccountState) -> bool {
        self.is_office()
            || (self.role == Role::Member && self.unit_id == Some(unit_id))
            || state == AccountState::Accepted
    }

    /// Returning or accepting an account, and setting the year's deadline: the office.
    pub fn may_decide_account(&self) -> bool {
        self.is_office()
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
    fn news_office_any_member_own_viewer_none() {
        assert!(actor(Role::Office, 1).may_edit_news(2));
        assert!(actor(Role::Member, 2).may_edit_news(2));
        assert!(!actor(Role::Member, 2).may_edit_news(3));
        assert!(!actor(Role::Viewer, 2).may_edit_news(2));
    }

    #[test]
    fn project_office_any_member_their_units() {
        let mut anna = actor(Role::Member, 2);
        assert!(actor(Role::Office, 1).may_edit_project(None));
        assert!(!anna.may_edit_project(None), "no unit, no project");
        anna.unit_id = Some(7);
        assert!(anna.may_edit_project(Some(7)));
        assert!(!anna.may_edit_project(Some(8)));
        assert!(!anna.may_edit_project(None));
        let mut vera = actor(Role::Viewer, 3);
        vera.unit_id = Some(7);
        assert!(!vera.may_edit_project(Some(7)));
    }

    #[test]
    fn plan_items_and_evaluations_office_or_the_one_responsible() {
        assert!(actor(Role::Office, 1).may_update_plan_item(None));
        assert!(actor(Role::Member, 2).may_update_plan_item(Some(2)));
        assert!(!actor(Role::Member, 2).may_update_plan_item(Some(3)));
        assert!(!actor(Role::Member, 2).may_update_plan_item(None));
        assert!(!actor(Role::Viewer, 2).may_update_plan_item(Some(2)));
        assert!(actor(Role::Office, 1).may_evaluate_membership(None));
        assert!(actor(Role::Member, 2).may_evaluate_membership(Some(2)));
        assert!(!actor(Role::Member, 2).may_evaluate_membership(Some(3)));
        assert!(!actor(Role::Viewer, 2).may_evaluate_membership(Some(2)));
    }

    #[test]
    fn accounts_unit_writes_office_decides_others_read_accepted() {
        let mut anna = actor(Role::Member, 2);
        anna.unit_id = Some(7);
        let mut olle = actor(Role::Office, 1);
        olle.unit_id = Some(9);
        let mut vera = actor(Role::Viewer, 3);
        vera.unit_id = Some(7);
        assert!(anna.may_write_account(7));
        assert!(!anna.may_write_account(8));
        assert!(
            olle.may_write_account(9),
            "the office writes its own unit's account"
        );
        assert!(!olle.may_write_account(7));
        assert!(!vera.may_write_account(7));
        assert!(
            !actor(Role::Member, 4).may_write_account(7),
            "no unit, no account"
        );
        for state in AccountState::ALL {
            assert!(olle.may_read_account(7, *state));
            assert!(anna.may_read_account(7, *state));
            let accepted = *state == AccountState::Accepted;
            assert_eq!(anna.may_read_account(8, *state), accepted);
            assert_eq!(vera.may_read_account(7, *state), accepted);
        }
        assert!(olle.may_decide_account());
        assert!(!anna.may_decide_account());
        assert!(!vera.may_decide_account());
    }

    #[test]
    fn interaction_office_any_member_own_viewer_none() {
        assert!(actor(Role::Office, 1).may_edit_interaction(2));
        assert!(actor(Role::Member, 2).may_edit_interaction(2));
        assert!(!actor(Role::Member, 2).may_edit_interaction(3));
        assert!(!actor(Role::Viewer, 2).may_edit_interaction(2));
    }
}
