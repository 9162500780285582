//! Projects ("Projects" / "Projekt"): the international projects with budget, partners
//! and the milestone checklist; `v` shows the network memberships and evaluations.

use super::super::theme::{Due, View};
use super::super::widgets::wrap::hang;
use crate::model::{Evaluation, Membership, Milestone, Project, format_amount, format_rate};
use crate::store::{Result, Store};
use crate::text::{sanitize_block, sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Where the keyboard is on the projects screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectsMode {
    /// The project list.
    #[default]
    Projects,
    /// The shown project's milestone checklist.
    Milestones,
    /// Network memberships instead of projects.
    Memberships,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectsScreen {
    pub projects: Vec<Project>,
    pub cursor: usize,
    pub milestones: Vec<Milestone>,
    pub milestone_cursor: usize,
    pub mode: ProjectsMode,
    pub memberships: Vec<Membership>,
    pub membership_cursor: usize,
    /// The selected membership's evaluations, the latest first (its detail pane).
    pub evaluations: Vec<Evaluation>,
    pub loaded: bool,
    /// First rows drawn, so long lists scroll.
    pub project_top: std::cell::Cell<usize>,
    pub membership_top: std::cell::Cell<usize>,
}

impl ProjectsScreen {
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        self.loaded = true;
        self.projects = store.project_list()?;
        self.cursor = self.cursor.min(self.projects.len().saturating_sub(1));
        self.load_milestones(store)?;
        self.memberships = store.memberships()?;
        self.membership_cursor = self
            .membership_cursor
            .min(self.memberships.len().saturating_sub(1));
        self.load_evaluations(store)
    }

    /// The selected membership's evaluations, for its detail pane.
    pub fn load_evaluations(&mut self, store: &Store) -> Result<()> {
        self.evaluations = match self.memberships.get(self.membership_cursor) {
            Some(m) => store.evaluations(m.id)?,
            None => Vec::new(),
        };
        Ok(())
    }

    /// The selected project's partner names and milestones (all a cursor move needs
    /// to load).
    pub fn load_milestones(&mut self, store: &Store) -> Result<()> {
        self.milestones = match self.projects.get_mut(self.cursor) {
            Some(p) => {
                if p.partner_names.is_empty() {
                    p.partner_names = store.partner_names(&p.data.partners)?;
                }
                store.milestones(p.id)?
            }
            None => Vec::new(),
        };
        self.milestone_cursor = self
            .milestone_cursor
            .min(self.milestones.len().saturating_sub(1));
        if self.mode == ProjectsMode::Milestones && self.milestones.is_empty() {
            self.mode = ProjectsMode::Projects;
        }
        Ok(())
    }

    /// Puts the cursor on a project (after creating it) and shows its milestones.
    pub fn select(&mut self, store: &Store, id: i64) -> Result<()> {
        if let Some(i) = self.projects.iter().position(|p| p.id == id) {
            self.cursor = i;
            self.mode = ProjectsMode::Projects;
            self.load_milestones(store)?;
        }
        Ok(())
    }

    pub fn current_project(&self) -> Option<&Project> {
        self.projects.get(self.cursor)
    }

    pub fn current_membership(&self) -> Option<&Membership> {
        self.memberships
            .get(self.membership_cursor)
            .filter(|_| self.mode == ProjectsMode::Memberships)
    }

    pub fn current_milestone(&self) -> Option<&Milestone> {
        self.milestones
            .get(self.milestone_cursor)
            .filter(|_| self.mode == ProjectsMode::Milestones)
    }

    /// Moves in the list that has the keyboard; true when the project or the
    /// membership changed.
    pub fn move_by(&mut self, delta: i64) -> bool {
        let step = |c: usize, len: usize| {
            (c as i64 + delta).clamp(0, len.saturating_sub(1) as i64) as usize
        };
        if self.mode == ProjectsMode::Memberships {
            let before = self.membership_cursor;
            self.membership_cursor = step(self.membership_cursor, self.memberships.len());
            before != self.membership_cursor
        } else if self.mode == ProjectsMode::Milestones {
            self.milestone_cursor = step(self.milestone_cursor, self.milestones.len());
            false
        } else {
            let before = self.cursor;
            self.cursor = step(self.cursor, self.projects.len());
            self.milestone_cursor = 0;
            before != self.cursor
        }
    }
}

impl super::super::component::Component for ProjectsScreen {
    fn context(&self) -> super::super::keymap::Context {
        use super::super::keymap::Context;
        match self.mode {
            ProjectsMode::Memberships => Context::Memberships,
            _ => Context::Projects,
        }
    }

    fn update(
        &mut self,
        action: super::super::keymap::Action,
        cx: &super::super::component::Cx,
    ) -> Result<super::super::component::Effect> {
        use super::super::component::Pending;
        use super::super::component::{Effect, FormRequest, ask};
        use super::super::keymap::Action;
        let store = cx.store;
        match action {
            Action::Up | Action::Down => {
                let moved_to_another = self.move_by(if action == Action::Down { 1 } else { -1 });
                if moved_to_another && self.mode == ProjectsMode::Memberships {
                    self.load_evaluations(store)?;
                } else if moved_to_another {
                    self.load_milestones(store)?;
                }
            }
            Action::SwitchPane => {
                self.mode = match self.mode {
                    ProjectsMode::Projects if !self.milestones.is_empty() => {
                        ProjectsMode::Milestones
                    }
                    ProjectsMode::Memberships => ProjectsMode::Memberships,
                    _ => ProjectsMode::Projects,
                };
            }
            Action::Memberships => {
                self.mode = if self.mode == ProjectsMode::Memberships {
                    ProjectsMode::Projects
                } else {
                    ProjectsMode::Memberships
                };
            }
            Action::Back => {
                self.mode = ProjectsMode::Projects;
            }
            Action::New if self.mode == ProjectsMode::Memberships => {
                return Ok(super::super::component::form(FormRequest::Membership(None)));
            }
            Action::New => return Ok(super::super::component::form(FormRequest::Project(None))),
            Action::NewMilestone if self.mode != ProjectsMode::Memberships => {
                return Ok(super::super::component::form(FormRequest::Milestone(None)));
            }
            Action::Evaluate => return Ok(super::super::component::form(FormRequest::Evaluation)),
            Action::Deadlines => return Ok(Effect::Deadlines),
            Action::Edit => {
                let request = if let Some(m) = self.current_membership() {
                    FormRequest::Membership(Some(m.clone()))
                } else if let Some(m) = self.current_milestone() {
                    FormRequest::Milestone(Some(m.clone()))
                } else if let Some(p) = self.current_project() {
                    FormRequest::Project(Some(p.clone()))
                } else {
                    return Ok(Effect::None);
                };
                return Ok(super::super::component::form(request));
            }
            Action::Delete => {
                let asked = if let Some(m) = self.current_membership() {
                    Some((
                        "confirm.delete_membership",
                        m.network.clone(),
                        Pending::DeleteMembership(m.id),
                    ))
                } else if let Some(m) = self.current_milestone() {
                    Some((
                        "confirm.delete_milestone",
                        m.title.clone(),
                        Pending::DeleteMilestone(m.id),
                    ))
                } else {
                    self.current_project().map(|x| {
                        (
                            "confirm.delete_project",
                            x.data.name.clone(),
                            Pending::DeleteProject(x.id),
                        )
                    })
                };
                if let Some((key, title, on_yes)) = asked {
                    return Ok(ask(cx.lang, key, &title, on_yes));
                }
            }
            Action::ToggleDone => {
                if let Some(m) = self.current_milestone() {
                    store.set_milestone_done(cx.actor, m.id, !m.done)?;
                    self.reload(store)?;
                }
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn show(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        if !self.loaded {
            self.reload(cx.store)?;
        }
        Ok(())
    }

    fn refresh(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        if self.loaded {
            self.reload(cx.store)?;
        }
        Ok(())
    }
}

impl ProjectsScreen {
    /// Shows a milestone found from the deadlines view in its project's checklist.
    pub fn reveal_milestone(&mut self, store: &Store, id: i64) -> Result<()> {
        let project_id = store.milestone(id)?.project_id;
        self.reload(store)?;
        self.select(store, project_id)?;
        if let Some(i) = self.milestones.iter().position(|m| m.id == id) {
            self.milestone_cursor = i;
            self.mode = ProjectsMode::Milestones;
        }
        Ok(())
    }

    /// Shows a membership found from the deadlines view.
    pub fn reveal_membership(&mut self, store: &Store, id: i64) -> Result<()> {
        self.reload(store)?;
        self.mode = ProjectsMode::Memberships;
        if let Some(i) = self.memberships.iter().position(|m| m.id == id) {
            self.membership_cursor = i;
        }
        self.load_evaluations(store)
    }
}

/// A milestone's or evaluation's date on `v.today`, `width` wide, in the theme's style
/// for its urgency behind its marker: overdue, due within 14 days, or later.
fn due_span(due: Option<&str>, open: bool, width: usize, v: View) -> Span<'static> {
    let u = match due.and_then(|d| crate::model::days_between(v.today, d)) {
        Some(d) if open && d < 0 => Due::Overdue,
        Some(d) if open && d <= 14 => Due::Soon,
        _ => Due::Later,
    };
    Span::styled(
        format!("{}{:<width$}", v.theme.due_mark(u), due.unwrap_or("—")),
        v.theme.due(u),
    )
}

pub fn draw(f: &mut Frame, area: Rect, s: &ProjectsScreen, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    if s.mode == ProjectsMode::Memberships {
        draw_memberships(f, area, s, v);
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let mut lines = Vec::new();
    if s.projects.is_empty() {
        lines.push(Line::from(lang.t("project.none")).style(theme.muted));
    }
    let width = left.width as usize;
    for (i, p) in
        super::super::widgets::rows::visible(&s.project_top, s.cursor, &s.projects, left.height)
    {
        let status = lang.t(p.data.status.key());
        let name_w = width.saturating_sub(12 + status.chars().count() + 3);
        let text = format!(
            "{:<10} {:<name_w$} {}",
            truncate(&clean(&p.data.acronym), 10),
            truncate(&clean(&p.data.name), name_w),
            status
        );
        let mut line = Line::from(text);
        if i == s.cursor {
            line = line.style(if s.mode == ProjectsMode::Milestones {
                theme.selected_idle
            } else {
                theme.selected
            });
        }
        lines.push(line);
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(lang.f("project.title", &[("n", &s.projects.len())]));
    f.render_widget(Paragraph::new(lines).block(block), left);
    let Some(p) = s.projects.get(s.cursor) else {
        return;
    };
    let d = &p.data;
    let field = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{:<18} ", lang.t(k)), theme.muted),
            Span::raw(v),
        ])
    };
    let mut lines = vec![Line::from(clean(&d.name).into_owned()).style(theme.title)];
    lines.push(field(
        "field.programme",
        format!("{} {}", lang.t(d.programme.key()), clean(&d.call_id)),
    ));
    lines.push(field("field.role", lang.t(d.role.key()).to_string()));
    lines.push(field("field.status", lang.t(d.status.key()).to_string()));
    lines.push(field(
        "field.lead_unit",
        format!(
            "{} · {}",
            clean(p.lead_unit_code.as_deref().unwrap_or("—")),
            clean(p.contact_name.as_deref().unwrap_or("—"))
        ),
    ));
    if let Some(period) = d.period() {
        lines.push(field("field.period", period));
    }
    for (key, v) in d.budget_lines() {
        lines.push(field(
            key,
            format!("{} {}", lang.num(format_amount(v)), clean(&d.currency)),
        ));
    }
    if let Some(r) = d.rate_e4 {
        lines.push(field(
            "field.rate",
            format!("{} SEK/{}", lang.num(format_rate(r)), clean(&d.currency)),
        ));
    }
    if !p.partner_names.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(lang.t("field.partners")).style(theme.title));
        let wrap_w = right.width.saturating_sub(1) as usize;
        for (name, role) in &p.partner_names {
            let text = format!("  {} ({})", clean(name), lang.t(role.key()));
            hang(&mut lines, &text, None, wrap_w);
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(lang.t("project.milestones")).style(theme.title));
    for (i, m) in s.milestones.iter().enumerate() {
        let mut line = Line::from(vec![
            Span::raw(if m.done { "[x] " } else { "[ ] " }),
            due_span(m.due.as_deref(), !m.done, 10, v),
            Span::raw(" "),
            Span::raw(clean(&m.title).into_owned()),
        ]);
        if s.mode == ProjectsMode::Milestones && i == s.milestone_cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    if !d.notes.is_empty() {
        lines.push(Line::default());
        lines.extend(
            sanitize_block(&d.notes)
                .lines()
                .map(|l| Line::from(l.to_string()).style(theme.note)),
        );
    }
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.border)
        .title(format!(" {} ", clean(&d.acronym)));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        right,
    );
}

fn draw_memberships(f: &mut Frame, area: Rect, s: &ProjectsScreen, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    // The list above, the selected membership below (fee, notes, every evaluation),
    // so an assessment just written can be read.
    let rows = (s.memberships.len().max(1) + 1) as u16;
    let [area, detail] = Layout::vertical([
        Constraint::Length(rows.min(area.height / 2).max(3)),
        Constraint::Min(0),
    ])
    .areas(area);
    if let Some(m) = s.memberships.get(s.membership_cursor) {
        draw_membership_detail(f, detail, m, &s.evaluations, v);
    }
    let mut lines = Vec::new();
    if s.memberships.is_empty() {
        lines.push(Line::from(lang.t("membership.none")).style(theme.muted));
    }
    let width = area.width as usize;
    for (i, m) in super::super::widgets::rows::visible(
        &s.membership_top,
        s.membership_cursor,
        &s.memberships,
        area.height,
    ) {
        let last = crate::i18n::describe_evaluation(lang, m.last.as_ref());
        let next = m.data.next_evaluation.as_deref();
        // Narrow: the responsible and the last evaluation give up room to the name.
        let (member_w, last_w) = if width >= 110 { (23, 35) } else { (16, 24) };
        let name_w = width.saturating_sub(8 + member_w + last_w + 2 + 12);
        let mut line = Line::from(vec![
            Span::raw(format!(
                "{:<name_w$} ",
                truncate(&clean(&m.network), name_w)
            )),
            Span::raw(format!(
                "{:<7} ",
                clean(m.unit_code.as_deref().unwrap_or("—"))
            )),
            Span::raw(format!(
                "{:<member_w$} ",
                truncate(&clean(m.member_name.as_deref().unwrap_or("—")), member_w)
            )),
            Span::styled(
                format!("{:<last_w$} ", truncate(&last, last_w)),
                theme.muted,
            ),
            due_span(next, true, 0, v),
        ]);
        if i == s.membership_cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(lang.f("membership.title", &[("n", &s.memberships.len())]));
    f.render_widget(Paragraph::new(lines).block(block), area);
}

/// One membership: what it costs, who answers for it, its notes and its evaluations.
fn draw_membership_detail(
    f: &mut Frame,
    area: Rect,
    m: &Membership,
    evaluations: &[Evaluation],
    v: View,
) {
    let lang = v.lang;
    let theme = v.theme;
    let d = &m.data;
    let field = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{:<18} ", lang.t(k)), theme.muted),
            Span::raw(v),
        ])
    };
    let dash = |s: Option<&str>| clean(s.unwrap_or("—")).into_owned();
    let mut lines = vec![
        field("field.since", dash(d.since.as_deref())),
        field(
            "field.fee",
            match d.fee {
                Some(fee) => format!("{} {}", lang.num(format_amount(fee)), clean(&d.currency)),
                None => "—".into(),
            },
        ),
        field(
            "field.member",
            format!(
                "{} · {}",
                dash(m.unit_code.as_deref()),
                dash(m.member_name.as_deref())
            ),
        ),
        Line::from(vec![
            Span::styled(
                format!("{:<18} ", lang.t("field.next_evaluation")),
                theme.muted,
            ),
            due_span(d.next_evaluation.as_deref(), true, 0, v),
        ]),
    ];
    if !d.notes.trim().is_empty() {
        lines.extend(
            sanitize_block(&d.notes)
                .lines()
                .map(|l| Line::from(l.to_string()).style(theme.note)),
        );
    }
    lines.push(Line::default());
    lines.push(
        Line::from(lang.f("membership.evaluations", &[("n", &evaluations.len())]))
            .style(theme.title),
    );
    if evaluations.is_empty() {
        lines.push(Line::from(lang.t("membership.not_evaluated")).style(theme.muted));
    }
    for e in evaluations {
        lines.push(Line::from(vec![
            Span::raw(format!("{}  ", clean(&e.date))),
            Span::styled(
                lang.f("membership.benefit", &[("n", &e.benefit)]),
                theme.muted,
            ),
            Span::raw(format!("  {}", lang.t(e.recommendation.key()))),
        ]));
        for l in sanitize_block(&e.assessment).lines() {
            lines.push(Line::from(format!("  {l}")));
        }
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(format!(" {} ", clean(&m.network)));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
