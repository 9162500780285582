//! The quick-lookup palette (`Ctrl-F`): typing searches the registry and the regional
//! partners' layers as you type; `Enter` opens an organisation or selects a person on
//! the Contacts screen; `Ctrl-T` takes a regional partner's entry into our registry.

use super::app::{App, Modal};
use super::keymap::Action;
use super::screens::Screen;
use super::widgets::input::Edit;

impl App {
    pub(super) fn lookup_key(&mut self, edit: Edit) {
        let Some(Modal::Lookup(l)) = &mut self.modal else {
            return;
        };
        if !l.input.handle(edit) {
            return;
        }
        let q = l.input.value.clone();
        let hits = self.store.find(&q, 50);
        let regional = self.store.find_regional(&q, 20);
        if let Some(hits) = self.check(hits)
            && let Some(regional) = self.check(regional)
            && let Some(Modal::Lookup(l)) = &mut self.modal
        {
            l.hits = hits;
            l.regional = regional;
            l.selected = 0;
        }
    }

    pub(super) fn lookup_action(&mut self, action: Action) {
        let Some(Modal::Lookup(l)) = &mut self.modal else {
            return;
        };
        match action {
            Action::Down => {
                let n = l.hits.len() + l.regional.len();
                l.selected = (l.selected + 1).min(n.saturating_sub(1));
            }
            Action::AdoptRegional => {
                let Some(r) = l
                    .selected
                    .checked_sub(l.hits.len())
                    .and_then(|i| l.regional.get(i))
                else {
                    return;
                };
                let note = crate::interchange::regional::adopted_note(self.lang, r);
                let adopted = self.store.adopt_regional(&self.actor, r.id, note, false);
                if let Some(id) = self.check(adopted) {
                    self.modal = None;
                    self.switch(Screen::Contacts);
                    let h = self.list_height();
                    let r = self.screens.contacts.open_org(&self.store, id, h);
                    self.check(r);
                    self.info(self.lang.t("msg.regional_adopted").to_string());
                }
            }
            Action::Up => l.selected = l.selected.saturating_sub(1),
            Action::Back => self.modal = None,
            Action::Open => {
                if l.selected >= l.hits.len() && !l.regional.is_empty() {
                    // A regional entry is not ours to open: say how to take it in.
                    self.info(self.lang.t("msg.regional_adopt_hint").to_string());
                } else if let Some(hit) = l.hits.get(l.selected).cloned() {
                    self.modal = None;
                    self.switch(Screen::Contacts);
                    let h = self.list_height();
                    let r = self.screens.contacts.open_hit(&self.store, &hit, h);
                    self.check(r);
                }
            }
            _ => {}
        }
    }
}
