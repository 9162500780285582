//! The partner registry ("Contacts" / "Kontakter"): a virtualised list of organisations,
//! a detail pane for the one under the cursor, and the detail page.

use super::super::keymap::Action;
use super::super::theme::View;
use super::super::widgets::input::Input;
use super::super::widgets::window::ListWindow;
use crate::model::OrgRow;
use crate::store::{OrgFilter, Result, SortOrder, Store};
use crate::text::{sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

mod detail;
mod duplicates;
pub mod import;
mod merge;
pub use detail::{Detail, Selection};
use detail::{date_or_dash, draw_detail};
// Personal data (issue 15): the panel, `V`, and a deadline landing on a person.
mod privacy;
pub use privacy::PrivacyPanel;

/// Where the keyboard is on the contacts screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactsMode {
    /// Moving in the organisation list.
    List,
    /// Typing the list filter.
    Filtering,
    /// In the organisation's detail pane (its persons and contacts selectable).
    Detail,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contacts {
    pub order: SortOrder,
    pub filter: Input,
    pub mode: ContactsMode,
    pub list: ListWindow<OrgRow>,
    /// The organisation under the cursor.
    pub detail: Option<Detail>,
    pub selection: Selection,
    /// The member is the office: restricted persons are listed (marked).
    pub office: bool,
}

impl Contacts {
    pub fn new(order: SortOrder) -> Contacts {
        Contacts {
            order,
            filter: Input::default(),
            mode: ContactsMode::List,
            list: ListWindow::default(),
            detail: None,
            selection: Selection::Org,
            office: false,
        }
    }

    /// The filter line has the keyboard.
    pub fn filtering(&self) -> bool {
        self.mode == ContactsMode::Filtering
    }

    /// The detail pane has the keyboard.
    pub fn detail_open(&self) -> bool {
        self.mode == ContactsMode::Detail
    }

    /// Leaves the detail pane, if it is open.
    fn close_detail(&mut self) {
        if self.mode == ContactsMode::Detail {
            self.mode = ContactsMode::List;
        }
    }

    fn query(&self) -> OrgFilter {
        OrgFilter {
            text: self.filter.value.clone(),
            order: self.order,
        }
    }

    /// The row under the cursor, if loaded.
    pub fn current(&self) -> Option<&OrgRow> {
        self.list.current()
    }

    /// Reloads the count, the window and the detail (after any change).
    pub fn reload(&mut self, store: &Store, height: i64) -> Result<()> {
        let keep = self.detail.as_ref().map(|d| d.org.id);
        self.list.reset(store.count_orgs(&self.query())?);
        // Keep the cursor on the same organisation when it moved in the order.
        if let Some(id) = keep
            && let Some(pos) = store.org_position(&self.query(), id)?
        {
            self.list.cursor = pos;
        }
        self.ensure_window(store, height)?;
        self.load_detail(store)
    }

    /// A new filter: back to the top.
    pub fn refilter(&mut self, store: &Store, height: i64) -> Result<()> {
        self.list.cursor = 0;
        self.list.top = 0;
        self.list.reset(store.count_orgs(&self.query())?);
        self.ensure_window(store, height)?;
        self.follow_cursor(store)
    }

    /// Loads the rows around the cursor if the screen would show rows not loaded.
    pub fn ensure_window(&mut self, store: &Store, height: i64) -> Result<()> {
        let q = self.query();
        self.list
            .ensure(height, |offset, limit| store.list_orgs(&q, offset, limit))
    }

    pub fn move_cursor(&mut self, store: &Store, delta: i64, height: i64) -> Result<()> {
        if self.list.move_by(delta) {
            self.ensure_window(store, height)?;
            self.load_detail(store)?;
        }
        Ok(())
    }

    /// Loads the detail only when the cursor is on another organisation than the one
    /// shown (a filter keystroke often keeps the same first row).
    fn follow_cursor(&mut self, store: &Store) -> Result<()> {
        let current = self.current().map(|r| r.id);
        if current.is_some() && current == self.detail.as_ref().map(|d| d.org.id) {
            return Ok(());
        }
        self.load_detail(store)
    }

    fn load_detail(&mut self, store: &Store) -> Result<()> {
        let Some(id) = self.current().map(|r| r.id) else {
            self.detail = None;
            self.close_detail();
            return Ok(());
        };
        self.load_detail_of(store, id)
    }

    fn load_detail_of(&mut self, store: &Store, id: i64) -> Result<()> {
        let org = match store.org(id) {
            Ok(o) => o,
            Err(crate::store::Error::NotFound) => {
                self.detail = None;
                self.close_detail();
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        let persons = store.persons_of_as(self.office, id)?;
        let timeline = store.timeline(id, 100)?;
        let known_by = store.acquaintances(id)?;
        let count = 1 + persons.len() + timeline.len();
        self.detail = Some(Detail {
            org,
            persons,
            timeline,
            known_by,
            verify_cutoff: store.verify_cutoff()?,
        });
        // Keep the selection inside what is there now.
        let index = self.selection_index().min(count - 1);
        self.select_index(index);
        Ok(())
    }

    /// Opens an organisation from quick lookup: the cursor goes to it when the list is
    /// unfiltered (a filter that hides it is cleared), and its detail page opens.
    pub fn open_org(&mut self, store: &Store, id: i64, height: i64) -> Result<()> {
        let mut pos = store.org_position(&self.query(), id)?;
        if pos.is_none() && !self.filter.value.is_empty() {
            self.filter = Input::default();
            self.list.reset(store.count_orgs(&self.query())?);
            pos = store.org_position(&self.query(), id)?;
        }
        if let Some(pos) = pos {
            self.list.cursor = pos;
            self.list.rows.clear();
            self.ensure_window(store, height)?;
        }
        self.selection = Selection::Org;
        self.load_detail_of(store, id)?;
        if self.detail.is_some() {
            self.mode = ContactsMode::Detail;
        }
        Ok(())
    }

    /// Opens a quick-lookup hit: its organisation (as [`Contacts::open_org`]) with
    /// the person or the contact found selected on the detail page.
    pub fn open_hit(&mut self, store: &Store, hit: &crate::model::Hit, height: i64) -> Result<()> {
        use crate::model::HitKind;
        self.open_org(store, hit.org_id, height)?;
        let Some(d) = &self.detail else {
            return Ok(());
        };
        let found = match hit.kind {
            HitKind::Organisation => None,
            HitKind::Person => d
                .persons
                .iter()
                .position(|p| p.id == hit.id)
                .map(Selection::Person),
            HitKind::Interaction => d
                .timeline
                .iter()
                .position(|x| x.id == hit.id)
                .map(Selection::Interaction),
        };
        if let Some(selection) = found {
            self.selection = selection;
        }
        Ok(())
    }

    fn selection_index(&self) -> usize {
        let persons = self.detail.as_ref().map(|d| d.persons.len()).unwrap_or(0);
        match self.selection {
            Selection::Org => 0,
            Selection::Person(i) => 1 + i,
            Selection::Interaction(i) => 1 + persons + i,
        }
    }

    fn select_index(&mut self, index: usize) {
        let persons = self.detail.as_ref().map(|d| d.persons.len()).unwrap_or(0);
        self.selection = if index == 0 {
            Selection::Org
        } else if index <= persons {
            Selection::Person(index - 1)
        } else {
            Selection::Interaction(index - 1 - persons)
        };
    }

    /// Moves the selection on the detail page.
    pub fn move_selection(&mut self, action: Action) {
        let Some(count) = self.detail.as_ref().map(Detail::selectable) else {
            return;
        };
        let i = self.selection_index();
        let next = match action {
            Action::Up => i.saturating_sub(1),
            Action::Down => (i + 1).min(count - 1),
            Action::Top | Action::PageUp => 0,
            _ => count - 1,
        };
        self.select_index(next);
    }
}

impl super::super::component::Component for Contacts {
    fn context(&self) -> super::super::keymap::Context {
        use super::super::keymap::Context;
        match self.mode {
            ContactsMode::Filtering => Context::Filter,
            ContactsMode::Detail => Context::Detail,
            ContactsMode::List => Context::List,
        }
    }

    fn update(
        &mut self,
        action: Action,
        cx: &super::super::component::Cx,
    ) -> std::result::Result<super::super::component::Effect, crate::store::Error> {
        use super::super::component::{Effect, FormRequest, is_movement, step};
        let h = cx.height;
        if self.filtering() {
            match action {
                Action::Open => self.mode = ContactsMode::List,
                Action::Back => {
                    self.mode = ContactsMode::List;
                    self.filter = Input::default();
                    self.refilter(cx.store, h)?;
                }
                Action::Down | Action::Up => {
                    let delta = if action == Action::Down { 1 } else { -1 };
                    self.move_cursor(cx.store, delta, h)?;
                }
                _ => {}
            }
            return Ok(Effect::None);
        }
        let detail = self.detail_open();
        Ok(match action {
            a if is_movement(a) && detail => {
                self.move_selection(a);
                Effect::None
            }
            a if is_movement(a) => {
                self.move_cursor(cx.store, step(a, h), h)?;
                Effect::None
            }
            Action::Open if self.detail.is_some() => {
                self.mode = ContactsMode::Detail;
                self.selection = Selection::Org;
                Effect::None
            }
            Action::Back => {
                if detail {
                    self.mode = ContactsMode::List;
                } else if !self.filter.value.is_empty() {
                    self.filter = Input::default();
                    self.refilter(cx.store, h)?;
                }
                Effect::None
            }
            Action::Filter => {
                self.mode = ContactsMode::Filtering;
                Effect::None
            }
            Action::New => super::super::component::form(FormRequest::Org(None)),
            Action::Edit => match (detail, self.selection) {
                (true, Selection::Person(i)) => {
                    super::super::component::form(FormRequest::Person {
                        org: None,
                        index: Some(i),
                    })
                }
                (true, Selection::Interaction(i)) => {
                    super::super::component::form(FormRequest::Interaction(Some(i)))
                }
                _ => match &self.detail {
                    Some(d) => super::super::component::form(FormRequest::Org(Some(d.org.clone()))),
                    None => Effect::None,
                },
            },
            Action::Delete => self.ask_delete(cx)?,
            Action::NewPerson => match &self.detail {
                Some(d) => super::super::component::form(FormRequest::Person {
                    org: Some(d.org.id),
                    index: None,
                }),
                None => Effect::None,
            },
            Action::NewInteraction => super::super::component::form(FormRequest::Interaction(None)),
            // Merging (issue 14): the organisation, or on its page the person selected.
            Action::Merge => match (&self.detail, detail, self.selection) {
                (Some(d), true, Selection::Person(i)) => match d.persons.get(i) {
                    Some(p) => {
                        Effect::Overlay(Box::new(merge::Merge::person(p.clone(), &d.persons, cx)?))
                    }
                    None => Effect::None,
                },
                (Some(_), true, Selection::Interaction(_)) | (None, _, _) => Effect::None,
                (Some(d), _, _) => Effect::Overlay(Box::new(merge::Merge::org(d.org.clone(), cx)?)),
            },
            Action::Duplicates => Effect::Overlay(Box::new(duplicates::Duplicates::open(cx)?)),
            // Personal data (issue 15): the panel (the office), marked verified.
            Action::PersonalData | Action::Verify => self.privacy_action(action, cx)?,
            // Importing contacts (issue 14): a panel over the list.
            Action::ImportFile if !cx.actor.can_edit_partners() => {
                return Err(crate::store::Error::Forbidden);
            }
            Action::ImportFile => Effect::Overlay(Box::new(import::ImportPanel::new(cx)?)),
            _ => Effect::None,
        })
    }

    fn input(
        &mut self,
        edit: super::super::widgets::input::Edit,
        cx: &super::super::component::Cx,
    ) -> std::result::Result<super::super::component::Effect, crate::store::Error> {
        if self.filtering() && self.filter.handle(edit) {
            self.refilter(cx.store, cx.height)?;
        }
        Ok(super::super::component::Effect::None)
    }

    fn hide(&mut self) {
        self.close_detail();
    }

    fn refresh(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        self.reload(cx.store, cx.height)
    }
}

impl Contacts {
    /// Asks before deleting what is selected: the organisation, or in the detail pane
    /// a person or a contact.
    fn ask_delete(
        &self,
        cx: &super::super::component::Cx,
    ) -> Result<super::super::component::Effect> {
        use super::super::component::Effect;
        use super::super::component::Pending;
        if !cx.actor.can_edit_partners() {
            return Err(crate::store::Error::Forbidden);
        }
        let Some(d) = &self.detail else {
            return Ok(Effect::None);
        };
        let lang = cx.lang;
        let (prompt, on_yes) = match (self.detail_open(), self.selection) {
            (true, Selection::Person(i)) => match d.persons.get(i) {
                Some(p) => (
                    lang.f("confirm.delete_person", &[("name", &clean(&p.data.name))]),
                    Pending::DeletePerson(p.id),
                ),
                None => return Ok(Effect::None),
            },
            (true, Selection::Interaction(i)) => match d.timeline.get(i) {
                Some(x) => (
                    lang.f("confirm.delete_interaction", &[("date", &x.data.date)]),
                    Pending::DeleteInteraction(x.id),
                ),
                None => return Ok(Effect::None),
            },
            _ => (
                lang.f("confirm.delete_org", &[("name", &clean(&d.org.data.name))]),
                Pending::DeleteOrg(d.org.id),
            ),
        };
        Ok(Effect::Ask { prompt, on_yes })
    }
}

/// Draws the list with the detail pane beside it, or the detail page.
pub fn draw(f: &mut Frame, area: Rect, c: &Contacts, v: View) {
    if c.detail_open()
        && let Some(d) = &c.detail
    {
        draw_detail(f, area, d, v, Some(c.selection));
        return;
    }
    let [list_area, detail_area] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    draw_list(f, list_area, c, v);
    if detail_area.width > 0
        && let Some(d) = &c.detail
    {
        draw_detail(f, detail_area, d, v, None);
    }
}

fn draw_list(f: &mut Frame, area: Rect, c: &Contacts, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    let show_filter = c.filtering() || !c.filter.value.is_empty();
    let [filter_area, table_area] = Layout::vertical([
        Constraint::Length(u16::from(show_filter)),
        Constraint::Min(1),
    ])
    .areas(area);
    if show_filter {
        let mut spans = vec![
            Span::styled("/ ", theme.key),
            Span::raw(clean(&c.filter.value).into_owned()),
        ];
        if c.filtering() {
            spans.push(Span::styled("▏", theme.caret));
        }
        spans.push(Span::styled(
            format!("  ({})", lang.f("orglist.count", &[("n", &c.list.total)])),
            theme.muted,
        ));
        f.render_widget(Paragraph::new(Line::from(spans)), filter_area);
    }
    let title = lang.f("orglist.title", &[("n", &c.list.total)]);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(title);
    if c.list.total == 0 {
        let msg = if c.filter.value.is_empty() {
            lang.t("orglist.empty")
        } else {
            lang.t("orglist.no_match")
        };
        f.render_widget(
            Paragraph::new(msg).block(block).style(theme.muted),
            table_area,
        );
        return;
    }
    let inner_height = i64::from(table_area.height.saturating_sub(2));
    // A narrow list drops the kind column; the name takes what is left.
    let with_kind = table_area.width >= 72;
    let fixed = if with_kind {
        13 + 17 + 12 + 3
    } else {
        17 + 12 + 2
    };
    let name_w = (table_area.width as usize).saturating_sub(fixed).max(8);
    let rows: Vec<Row> = c
        .list
        .visible(inner_height)
        .map(|(abs, r)| {
            let style = if abs == c.list.cursor {
                theme.selected
            } else {
                Style::default()
            };
            let mut cells = vec![Cell::from(truncate(&clean(&r.name), name_w).into_owned())];
            if with_kind {
                cells.push(Cell::from(truncate(lang.t(r.kind.key()), 13).into_owned()));
            }
            cells.push(Cell::from(
                truncate(&format!("{} {}", clean(&r.city), r.country), 17).into_owned(),
            ));
            cells.push(Cell::from(date_or_dash(r.last_contact.as_deref())));
            Row::new(cells).style(style)
        })
        .collect();
    let mut header = vec![lang.t("col.name")];
    let mut widths = vec![Constraint::Min(8)];
    if with_kind {
        header.push(lang.t("col.kind"));
        widths.push(Constraint::Length(13));
    }
    header.extend([lang.t("col.place"), lang.t("col.last_contact")]);
    widths.extend([Constraint::Length(17), Constraint::Length(12)]);
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.title))
        .block(block);
    f.render_widget(table, table_area);
}
