//! The merge panel (issue 14): `M` on an organisation or a person, or `Enter` on a
//! pair of possible duplicates. First the other record is chosen (for an
//! organisation the near-duplicates `similar_orgs` finds, then any other by typed
//! search as in quick lookup; for a person the others at the organisation), then a
//! side-by-side view shows each field that differs, the kept record's value beside
//! the other's, and the user picks a side per field (←/→ or 1/2), swaps which one is
//! kept (`s`), and merges (`Ctrl-S`/`Enter`, then `y`).
//!
//! The "Merge X into Y?" step is the panel's own, not an `Effect::Ask`: the answer
//! needs the take-list, which a `Pending` (small and `Copy`, worked by `App`) does
//! not carry, and a refusal (rights, a colleague's change since) must leave the
//! panel open with every choice as it was. The store does the merge in one write
//! (`Store::merge_orgs` / `merge_persons`), so `u` undoes it as one step.

use super::super::super::component::Overlay;
use super::super::super::component::{Cx, Effect};
use super::super::super::keymap::{Action, Context};
use super::super::super::theme::View;
use super::super::super::widgets::input::{Edit, Input};
use super::super::super::widgets::popup::popup;
use crate::i18n::Lang;
use crate::model::{
    Actor, HitKind, Org, OrgField, Person, PersonField, SimilarReason, merge_org_data,
    merge_person_data,
};
use crate::store::{Error, Store};
use crate::text::sanitize_line as clean;
#[path = "merge_draw.rs"]
mod draw;
pub(super) use draw::panel_area;
use draw::{org_value, owner_name, person_value};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

/// One of the two records.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rec {
    Org(Box<Org>),
    Person(Box<Person>),
}

impl Rec {
    fn id(&self) -> i64 {
        match self {
            Rec::Org(o) => o.id,
            Rec::Person(p) => p.id,
        }
    }

    fn name(&self) -> &str {
        match self {
            Rec::Org(o) => &o.data.name,
            Rec::Person(p) => &p.data.name,
        }
    }

    /// The same record as stored now (a colleague may have changed it).
    fn reload(&self, store: &Store) -> Result<Rec, Error> {
        Ok(match self {
            Rec::Org(o) => Rec::Org(Box::new(store.org(o.id)?)),
            Rec::Person(p) => Rec::Person(Box::new(store.person(p.id)?)),
        })
    }

    fn version(&self) -> i64 {
        match self {
            Rec::Org(o) => o.meta.version,
            Rec::Person(p) => p.meta.version,
        }
    }
}

/// A field a merge can take from the other record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Org(OrgField),
    Person(PersonField),
}

impl Field {
    /// The catalogue key of its label (the forms' own).
    fn label(self) -> String {
        let name = match self {
            Field::Org(f) => f.as_str(),
            Field::Person(f) => f.as_str(),
        };
        format!("field.{name}")
    }
}

/// A field whose values differ, and the side chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FieldRow {
    field: Field,
    kept: String,
    other: String,
    /// The other record's value is taken (it goes into the take-list).
    take: bool,
}

/// A record the user may merge with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Candidate {
    id: i64,
    name: String,
    /// Why it is offered (a similar name…) or where it is.
    note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Pick,
    Fields,
    Confirm,
}

/// The merge panel (see the module header).
#[derive(Debug)]
pub struct Merge {
    kept: Rec,
    other: Option<Rec>,
    stage: Stage,
    /// The other record was chosen here (Esc in the side-by-side view goes back).
    picked: bool,
    input: Input,
    similar: Vec<Candidate>,
    found: Vec<Candidate>,
    cursor: usize,
    rows: Vec<FieldRow>,
    row: usize,
    /// What moves to the kept record: (catalogue key with a plural, count).
    moves: Vec<(&'static str, i64)>,
    done: bool,
}

fn reason_key(r: SimilarReason) -> &'static str {
    match r {
        SimilarReason::Name => "reason.name",
        SimilarReason::Domain => "reason.domain",
        SimilarReason::Place => "reason.place",
        SimilarReason::Identifier => "reason.identifier",
    }
}

impl Merge {
    fn new(kept: Rec) -> Merge {
        Merge {
            kept,
            other: None,
            stage: Stage::Pick,
            picked: true,
            input: Input::default(),
            similar: Vec::new(),
            found: Vec::new(),
            cursor: 0,
            rows: Vec::new(),
            row: 0,
            moves: Vec::new(),
            done: false,
        }
    }

    /// `M` on an organisation: its near-duplicates are offered first.
    pub fn org(org: Org, cx: &Cx) -> Result<Merge, Error> {
        require(cx.actor)?;
        let similar = cx
            .store
            .similar_orgs(&org.data, &[])?
            .into_iter()
            .filter(|s| s.id != org.id && s.is_near_duplicate())
            .map(|s| Candidate {
                id: s.id,
                note: format!(
                    "{} · {}",
                    cx.lang.t(reason_key(s.reason)),
                    cx.lang.place(&s.city, &s.country)
                ),
                name: s.name,
            })
            .collect();
        let mut m = Merge::new(Rec::Org(Box::new(org)));
        m.similar = similar;
        Ok(m)
    }

    /// `M` on a person: the others at the organisation are offered.
    pub fn person(person: Person, others: &[Person], cx: &Cx) -> Result<Merge, Error> {
        require(cx.actor)?;
        let similar = others
            .iter()
            .filter(|p| p.id != person.id)
            .map(|p| Candidate {
                id: p.id,
                name: p.data.name.clone(),
                note: [p.data.title.as_str(), p.data.email.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
            })
            .collect();
        let mut m = Merge::new(Rec::Person(Box::new(person)));
        m.similar = similar;
        Ok(m)
    }

    /// A pair of possible duplicates: straight to the side-by-side view.
    pub fn pair(kept: i64, other: i64, cx: &Cx) -> Result<Merge, Error> {
        require(cx.actor)?;
        let mut m = Merge::new(Rec::Org(Box::new(cx.store.org(kept)?)));
        m.picked = false;
        m.choose(other, cx)?;
        Ok(m)
    }

    /// The candidates in the order shown: the similar ones, then those found.
    fn candidates(&self) -> impl Iterator<Item = &Candidate> {
        self.similar.iter().chain(self.found.iter())
    }

    fn choose(&mut self, id: i64, cx: &Cx) -> Result<(), Error> {
        let other = match &self.kept {
            Rec::Org(_) => Rec::Org(Box::new(cx.store.org(id)?)),
            Rec::Person(_) => Rec::Person(Box::new(cx.store.person(id)?)),
        };
        self.other = Some(other);
        self.compare(cx, false)?;
        self.stage = Stage::Fields;
        Ok(())
    }

    /// The rows of the fields that differ, and what would move. A field taken from
    /// the other record stays taken when `keep` (the records were read again), else
    /// every choice goes back to the kept record's.
    fn compare(&mut self, cx: &Cx, keep: bool) -> Result<(), Error> {
        let taken: Vec<Field> = if keep {
            self.rows
                .iter()
                .filter(|r| r.take)
                .map(|r| r.field)
                .collect()
        } else {
            Vec::new()
        };
        let Some(other) = &self.other else {
            return Ok(());
        };
        let lang = cx.lang;
        self.rows = match (&self.kept, other) {
            (Rec::Org(k), Rec::Org(o)) => OrgField::ALL
                .iter()
                .map(|&f| FieldRow {
                    field: Field::Org(f),
                    kept: org_value(lang, &k.data, &owner_name(k), f),
                    other: org_value(lang, &o.data, &owner_name(o), f),
                    take: false,
                })
                .collect(),
            (Rec::Person(k), Rec::Person(o)) => PersonField::ALL
                .iter()
                .map(|&f| FieldRow {
                    field: Field::Person(f),
                    kept: person_value(&k.data, f),
                    other: person_value(&o.data, f),
                    take: false,
                })
                .collect(),
            _ => Vec::new(),
        };
        self.rows.retain(|r| r.kept != r.other);
        for r in &mut self.rows {
            r.take = taken.contains(&r.field);
        }
        self.row = self.row.min(self.rows.len().saturating_sub(1));
        self.moves = match other {
            Rec::Org(o) => {
                let l = cx.store.org_links(o.id)?;
                vec![
                    ("merge.n_persons", l.persons),
                    ("merge.n_contacts", l.contacts),
                    ("merge.n_projects", l.projects),
                    ("merge.n_memberships", l.memberships),
                    ("merge.n_training", l.training),
                    ("merge.n_plan_links", l.plan_links),
                    ("merge.n_news", l.news),
                ]
            }
            Rec::Person(p) => vec![("merge.n_contacts", cx.store.person_links(p.id)?)],
        };
        Ok(())
    }

    /// The fields whose value comes from the other record.
    fn take_orgs(&self) -> Vec<OrgField> {
        self.rows
            .iter()
            .filter_map(|r| match (r.take, r.field) {
                (true, Field::Org(f)) => Some(f),
                _ => None,
            })
            .collect()
    }

    fn take_persons(&self) -> Vec<PersonField> {
        self.rows
            .iter()
            .filter_map(|r| match (r.take, r.field) {
                (true, Field::Person(f)) => Some(f),
                _ => None,
            })
            .collect()
    }

    /// The value the kept record will have for the field under the cursor.
    fn result(&self, lang: Lang) -> Option<String> {
        let row = self.rows.get(self.row)?;
        Some(match (&self.kept, self.other.as_ref()?, row.field) {
            (Rec::Org(k), Rec::Org(o), Field::Org(f)) => {
                let m = merge_org_data(&k.data, &o.data, &self.take_orgs());
                let owner =
                    if (m.owner_member, m.owner_unit) == (k.data.owner_member, k.data.owner_unit) {
                        owner_name(k)
                    } else {
                        owner_name(o)
                    };
                org_value(lang, &m, &owner, f)
            }
            (Rec::Person(k), Rec::Person(o), Field::Person(f)) => person_value(
                &merge_person_data(&k.data, &o.data, &self.take_persons()),
                f,
            ),
            _ => return None,
        })
    }

    /// Merges, unless either record changed since it was shown: then the view shows
    /// them as they are now and the user decides again.
    fn merge(&mut self, cx: &Cx) -> Result<Effect, Error> {
        self.stage = Stage::Fields;
        let Some(other) = &self.other else {
            return Ok(Effect::None);
        };
        let (kept_now, other_now) = (self.kept.reload(cx.store)?, other.reload(cx.store)?);
        if kept_now.version() != self.kept.version() || other_now.version() != other.version() {
            self.kept = kept_now;
            self.other = Some(other_now);
            self.compare(cx, true)?;
            return Err(Error::Rule("err.merge_changed"));
        }
        let (from, into) = (other.id(), self.kept.id());
        let (key, moved) = match &self.kept {
            Rec::Org(_) => (
                "merge.done_org",
                cx.store
                    .merge_orgs(cx.actor, from, into, &self.take_orgs())?
                    .moved,
            ),
            Rec::Person(_) => (
                "merge.done_person",
                cx.store
                    .merge_persons(cx.actor, from, into, &self.take_persons())?
                    .moved,
            ),
        };
        self.done = true;
        Ok(Effect::Changed(cx.lang.f(
            key,
            &[
                ("from", &clean(other.name())),
                ("into", &clean(self.kept.name())),
                ("n", &moved),
            ],
        )))
    }

    fn pick_action(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        let count = self.candidates().count();
        match action {
            Action::Down => self.cursor = (self.cursor + 1).min(count.saturating_sub(1)),
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Open => {
                let id = self.candidates().nth(self.cursor).map(|c| c.id);
                if let Some(id) = id {
                    self.choose(id, cx)?;
                }
            }
            Action::Back => self.done = true,
            _ => {}
        }
        Ok(Effect::None)
    }

    fn fields_action(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        match action {
            Action::Down => self.row = (self.row + 1).min(self.rows.len().saturating_sub(1)),
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::TakeKept | Action::TakeOther => {
                if let Some(r) = self.rows.get_mut(self.row) {
                    r.take = action == Action::TakeOther;
                }
            }
            Action::SwapKept => {
                if let Some(other) = self.other.take() {
                    self.other = Some(std::mem::replace(&mut self.kept, other));
                    self.compare(cx, false)?;
                }
            }
            Action::ConfirmMerge => self.stage = Stage::Confirm,
            Action::Back if self.picked => {
                self.stage = Stage::Pick;
                self.other = None;
            }
            Action::Back => self.done = true,
            _ => {}
        }
        Ok(Effect::None)
    }
}

/// Only those who may edit partners merge (the store refuses the rest as well).
fn require(actor: &Actor) -> Result<(), Error> {
    if actor.can_edit_partners() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

impl Overlay for Merge {
    fn context(&self) -> Context {
        match self.stage {
            Stage::Pick => Context::MergePick,
            Stage::Fields | Stage::Confirm => Context::Merge,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        match self.stage {
            Stage::Pick => self.pick_action(action, cx),
            Stage::Fields => self.fields_action(action, cx),
            Stage::Confirm => match action {
                Action::Yes | Action::ConfirmMerge => self.merge(cx),
                Action::No | Action::Back => {
                    self.stage = Stage::Fields;
                    Ok(Effect::None)
                }
                _ => Ok(Effect::None),
            },
        }
    }

    /// The search for another organisation (a person is chosen from the list only).
    fn input(&mut self, edit: Edit, cx: &Cx) -> Result<Effect, Error> {
        if self.stage != Stage::Pick
            || !matches!(self.kept, Rec::Org(_))
            || !self.input.handle(edit)
        {
            return Ok(Effect::None);
        }
        let q = self.input.value.trim();
        self.found = if q.is_empty() {
            Vec::new()
        } else {
            let id = self.kept.id();
            cx.store
                .find(q, 50)?
                .into_iter()
                .filter(|h| h.kind == HitKind::Organisation && h.id != id)
                .filter(|h| !self.similar.iter().any(|s| s.id == h.id))
                .map(|h| Candidate {
                    id: h.id,
                    note: cx.lang.place(&h.city, &h.country),
                    name: h.name,
                })
                .collect()
        };
        // Typing means looking for another: the cursor goes to the first one found.
        self.cursor = if self.found.is_empty() {
            0
        } else {
            self.similar.len()
        };
        Ok(Effect::None)
    }

    fn offers(&self, action: Action, _actor: &Actor) -> bool {
        let confirming = self.stage == Stage::Confirm;
        match action {
            Action::Yes | Action::No => confirming,
            Action::TakeKept | Action::TakeOther => !confirming && !self.rows.is_empty(),
            Action::SwapKept | Action::ConfirmMerge => !confirming,
            _ => true,
        }
    }

    fn done(&self) -> bool {
        self.done
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: View) {
        let area = panel_area(area);
        let title = match (&self.kept, self.stage) {
            (Rec::Org(_), Stage::Pick) => v.lang.t("merge.pick_org"),
            (Rec::Person(_), Stage::Pick) => v.lang.t("merge.pick_person"),
            _ => v.lang.t("merge.title"),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(v.theme.border)
            .title(title);
        popup(f, area, block, |f, inner| match self.stage {
            Stage::Pick => self.draw_pick(f, inner, v),
            _ => self.draw_fields(f, inner, v),
        });
    }
}
