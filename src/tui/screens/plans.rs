//! Action plans ("Action plans" / "Handlingsplaner"): the year's plans with their
//! progress, and the selected plan's checklist (or my items across all plans).

use super::super::theme::{Due, View};
use crate::model::{Actor, ItemStatus, PlanItem, PlanRow};
use crate::store::{Result, Store};
use crate::text::{sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Where the keyboard is on the action plans screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlansMode {
    /// The year's plans.
    #[default]
    Plans,
    /// The selected plan's checklist.
    Items,
    /// My open items across all plans.
    Mine,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlansScreen {
    pub year: i32,
    pub plans: Vec<PlanRow>,
    pub plan_cursor: usize,
    pub items: Vec<PlanItem>,
    pub item_cursor: usize,
    pub mode: PlansMode,
    pub loaded: bool,
    /// First rows drawn, so long lists scroll.
    pub plan_top: std::cell::Cell<usize>,
    pub item_top: std::cell::Cell<usize>,
}

impl PlansScreen {
    /// The items pane (a checklist or my items) has the keyboard.
    pub fn in_items(&self) -> bool {
        self.mode != PlansMode::Plans
    }

    /// My open items across all plans are shown.
    pub fn mine(&self) -> bool {
        self.mode == PlansMode::Mine
    }

    pub fn new() -> PlansScreen {
        PlansScreen {
            year: crate::store::this_year(),
            ..Default::default()
        }
    }

    pub fn reload(&mut self, store: &Store, me: &Actor) -> Result<()> {
        self.loaded = true;
        self.plans = store.plans(self.year)?;
        self.plan_cursor = self.plan_cursor.min(self.plans.len().saturating_sub(1));
        self.items = if self.mine() {
            store.my_items(me.member_id)?
        } else {
            match self.plans.get(self.plan_cursor) {
                Some(p) => store.plan_items(p.id)?,
                None => Vec::new(),
            }
        };
        self.item_cursor = self.item_cursor.min(self.items.len().saturating_sub(1));
        Ok(())
    }

    pub fn current_plan(&self) -> Option<&PlanRow> {
        self.plans.get(self.plan_cursor)
    }

    pub fn current_item(&self) -> Option<&PlanItem> {
        self.items.get(self.item_cursor)
    }

    /// Moves in the pane that has the keyboard; returns true when the plan changed.
    pub fn move_by(&mut self, delta: i64) -> bool {
        let step = |cursor: usize, len: usize| -> usize {
            (cursor as i64 + delta).clamp(0, len.saturating_sub(1) as i64) as usize
        };
        if self.in_items() {
            self.item_cursor = step(self.item_cursor, self.items.len());
            false
        } else {
            let before = self.plan_cursor;
            self.plan_cursor = step(self.plan_cursor, self.plans.len());
            self.item_cursor = 0;
            before != self.plan_cursor
        }
    }
}

impl super::super::component::Component for PlansScreen {
    fn context(&self) -> super::super::keymap::Context {
        super::super::keymap::Context::Plans
    }

    fn update(
        &mut self,
        action: super::super::keymap::Action,
        cx: &super::super::component::Cx,
    ) -> Result<super::super::component::Effect> {
        use super::super::component::Pending;
        use super::super::component::{Effect, FormRequest, ask};
        use super::super::keymap::Action;
        let (store, me) = (cx.store, cx.actor);
        let in_items = self.in_items();
        match action {
            Action::Up | Action::Down => {
                let moved_to_another = self.move_by(if action == Action::Down { 1 } else { -1 });
                if moved_to_another {
                    self.reload(store, me)?;
                }
            }
            Action::SwitchPane => {
                self.mode = match self.mode {
                    PlansMode::Plans if !self.items.is_empty() => PlansMode::Items,
                    PlansMode::Mine => PlansMode::Mine,
                    _ => PlansMode::Plans,
                };
            }
            Action::Back => {
                self.mode = PlansMode::Plans;
                self.reload(store, me)?;
            }
            Action::MyItems => {
                self.mode = if self.mine() {
                    PlansMode::Plans
                } else {
                    PlansMode::Mine
                };
                self.item_cursor = 0;
                self.reload(store, me)?;
            }
            Action::PrevYear | Action::NextYear => {
                self.year += if action == Action::NextYear { 1 } else { -1 };
                self.plan_cursor = 0;
                self.reload(store, me)?;
            }
            Action::ToggleDone | Action::CycleStatus => {
                if let Some(item) = self.current_item().filter(|_| in_items) {
                    let status = match action {
                        Action::ToggleDone if item.data.status == ItemStatus::Done => {
                            ItemStatus::NotStarted
                        }
                        Action::ToggleDone => ItemStatus::Done,
                        _ => item.data.status.cycled(),
                    };
                    store.set_item_status(me, item.id, status)?;
                    self.reload(store, me)?;
                }
            }
            Action::New => return Ok(super::super::component::form(FormRequest::PlanItem(None))),
            Action::NewPlan => return Ok(super::super::component::form(FormRequest::Plan(None))),
            Action::Deadlines => return Ok(Effect::Deadlines),
            Action::Edit => {
                if in_items {
                    if let Some(item) = self.current_item() {
                        return Ok(super::super::component::form(FormRequest::PlanItem(Some(
                            item.clone(),
                        ))));
                    }
                } else if let Some(plan) = self.current_plan() {
                    return Ok(super::super::component::form(FormRequest::Plan(Some(
                        plan.clone(),
                    ))));
                }
            }
            Action::Delete => {
                if let Some(item) = self.current_item().filter(|_| in_items) {
                    return Ok(ask(
                        cx.lang,
                        "confirm.delete_plan_item",
                        &item.data.text,
                        Pending::DeletePlanItem(item.id),
                    ));
                }
            }
            Action::CopyPlan => {
                if let Some(p) = self.current_plan() {
                    let prompt = cx.lang.f(
                        "confirm.copy_plan",
                        &[("title", &clean(&p.data.title)), ("y", &(p.data.year + 1))],
                    );
                    return Ok(Effect::Ask {
                        prompt,
                        on_yes: Pending::CopyPlan(p.id),
                    });
                }
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn show(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        if !self.loaded {
            self.reload(cx.store, cx.actor)?;
        }
        Ok(())
    }

    fn refresh(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        if self.loaded {
            self.reload(cx.store, cx.actor)?;
        }
        Ok(())
    }
}

impl PlansScreen {
    /// Shows a plan item found from the deadlines view: its year, its plan, the item
    /// selected in the checklist.
    pub fn reveal_item(&mut self, cx: &super::super::component::Cx, id: i64) -> Result<()> {
        let item = cx.store.plan_item(id)?;
        self.year = item.plan_year;
        self.mode = PlansMode::Plans;
        self.reload(cx.store, cx.actor)?;
        if let Some(i) = self.plans.iter().position(|p| p.id == item.data.plan_id) {
            self.plan_cursor = i;
        }
        self.reload(cx.store, cx.actor)?;
        self.item_cursor = self.items.iter().position(|i| i.id == id).unwrap_or(0);
        if !self.items.is_empty() {
            self.mode = PlansMode::Items;
        }
        Ok(())
    }

    /// After next year's plan was made from this one: show next year.
    pub fn copied(&mut self) {
        self.year += 1;
        self.plan_cursor = 0;
    }
}

/// How urgent an item is on `today`: overdue, due within 14 days, later, or closed.
fn urgency(item: &PlanItem, today: &str) -> Due {
    let Some(due) = item.data.due.as_deref() else {
        return Due::Later;
    };
    if !item.data.status.is_open() {
        return Due::Closed;
    }
    match crate::model::days_between(today, due) {
        Some(d) if d < 0 => Due::Overdue,
        Some(d) if d <= 14 => Due::Soon,
        _ => Due::Later,
    }
}

/// An item's due date in the theme's style for its urgency, behind its marker.
fn due_span(item: &PlanItem, v: View) -> Span<'static> {
    let due = item.data.due.as_deref().unwrap_or("—");
    let u = urgency(item, v.today);
    Span::styled(format!("{}{due:<10} ", v.theme.due_mark(u)), v.theme.due(u))
}

fn mark(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Done => "[x]",
        ItemStatus::InProgress => "[~]",
        ItemStatus::Cancelled => "[-]",
        ItemStatus::NotStarted => "[ ]",
    }
}

pub fn draw(f: &mut Frame, area: Rect, s: &PlansScreen, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    let (done, total) = s
        .plans
        .iter()
        .fold((0, 0), |(d, t), p| (d + p.done, t + p.total));
    let [head, units_line, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    let ratio = if total > 0 {
        done as f64 / total as f64
    } else {
        0.0
    };
    // Spaced, so the bar never runs into the words.
    let label = format!(
        " {} ",
        lang.f(
            "plan.year_progress",
            &[("y", &s.year), ("d", &done), ("t", &total)],
        )
    );
    f.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label(label)
            .gauge_style(theme.gauge),
        head,
    );
    // Progress per unit, over all its plans of the year.
    let mut units: Vec<(String, i64, i64)> = Vec::new();
    for p in &s.plans {
        let name = p
            .unit_code
            .clone()
            .unwrap_or_else(|| lang.t("plan.municipality").to_string());
        match units.iter_mut().find(|u| u.0 == name) {
            Some(u) => {
                u.1 += p.done;
                u.2 += p.total;
            }
            None => units.push((name, p.done, p.total)),
        }
    }
    let per_unit = units
        .iter()
        .map(|(name, d, t)| {
            let pct = if *t > 0 { d * 100 / t } else { 0 };
            lang.f("plan.unit_progress", &[("unit", &clean(name)), ("p", &pct)])
        })
        .collect::<Vec<_>>()
        .join(" · ");
    f.render_widget(
        Paragraph::new(
            Line::from(truncate(&per_unit, units_line.width as usize).into_owned())
                .style(theme.muted),
        ),
        units_line,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(38), Constraint::Percentage(62)]).areas(body);
    let mut lines = Vec::new();
    if s.plans.is_empty() {
        lines.push(Line::from(lang.t("plan.none")).style(theme.muted));
    }
    let width = left.width.saturating_sub(2) as usize;
    // One choice for the whole pane, so bars and counts line up: the bar only where a
    // title keeps at least 12 columns beside it; on a narrow pane the count says it (the
    // per-unit line above has the percentages).
    let count_of = |p: &PlanRow| format!("{}/{}", p.done, p.total);
    let count_w = s
        .plans
        .iter()
        .map(|p| count_of(p).width())
        .max()
        .unwrap_or(0);
    let widest_unit = s
        .plans
        .iter()
        .map(|p| {
            p.unit_code
                .as_deref()
                .unwrap_or(lang.t("plan.municipality"))
                .width()
        })
        .max()
        .unwrap_or(0);
    let bar_w = 10usize;
    let with_bar = width.saturating_sub(widest_unit + 1 + bar_w + 1 + count_w + 1) >= 12;
    // "unit title" is padded to this, then the bar and the count.
    let head_w = width.saturating_sub(count_w + 1 + if with_bar { bar_w + 1 } else { 0 });
    for (i, p) in
        super::super::widgets::rows::visible(&s.plan_top, s.plan_cursor, &s.plans, left.height)
    {
        let unit = clean(
            p.unit_code
                .as_deref()
                .unwrap_or(lang.t("plan.municipality")),
        );
        let filled = if p.total > 0 {
            (p.done as usize * bar_w) / p.total as usize
        } else {
            0
        };
        let bar = if with_bar {
            format!("{}{} ", "█".repeat(filled), "░".repeat(bar_w - filled))
        } else {
            String::new()
        };
        let head = format!(
            "{unit} {}",
            truncate(
                &clean(&p.data.title),
                head_w.saturating_sub(unit.width() + 1)
            )
        );
        let pad = head_w.saturating_sub(head.width());
        let text = format!("{head}{} {bar}{:>count_w$}", " ".repeat(pad), count_of(p));
        let mut line = Line::from(text);
        if i == s.plan_cursor {
            let style = if s.in_items() {
                theme.selected_idle
            } else {
                theme.selected
            };
            line = line.style(style);
        }
        lines.push(line);
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(lang.f("plan.title", &[("y", &s.year)]));
    f.render_widget(Paragraph::new(lines).block(block), left);

    let title = if s.mine() {
        lang.t("plan.mine").to_string()
    } else {
        s.current_plan()
            .map(|p| format!(" {} ", clean(&p.data.title)))
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    if s.items.is_empty() {
        lines.push(Line::from(lang.t("plan.no_items")).style(theme.muted));
    }
    let width = right.width.saturating_sub(2) as usize;
    for (i, item) in
        super::super::widgets::rows::visible(&s.item_top, s.item_cursor, &s.items, right.height)
    {
        // Among my items the owner is me: the room goes to the plan they belong to.
        let after = if s.mine() {
            format!(" · {}", clean(&item.plan_title))
        } else {
            format!(" · {}", clean(item.owner.as_deref().unwrap_or("—")))
        };
        let due = due_span(item, v);
        let room = width.saturating_sub(4 + due.width());
        // The item's own text gets at least half the room; what follows is cut first.
        let text = clean(&item.data.text).into_owned();
        let after_w = after.chars().count().min(room / 2);
        let text_w = room.saturating_sub(after_w);
        let mut spans = vec![
            Span::raw(format!("{} ", mark(item.data.status))),
            due,
            Span::raw(truncate(&text, text_w).into_owned()),
            Span::styled(truncate(&after, after_w).into_owned(), theme.muted),
        ];
        if item.data.status == ItemStatus::Cancelled {
            spans[2] = spans[2].clone().patch_style(theme.cancelled);
        }
        let mut line = Line::from(spans);
        if i == s.item_cursor && s.in_items() {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    // The selected item in full: comments and what it links to.
    if let Some(item) = s.current_item().filter(|_| s.in_items()) {
        let d = &item.data;
        let links = [
            ("field.partner", &item.partner),
            ("field.project", &item.project),
            ("screen.news", &item.news_title),
        ];
        if !d.comments.trim().is_empty() || links.iter().any(|(_, v)| v.is_some()) {
            lines.push(Line::default());
            lines.push(Line::from(clean(&d.text).into_owned()).style(theme.title));
            for (key, v) in links {
                if let Some(v) = v {
                    lines.push(Line::from(vec![
                        Span::styled(format!("  {}: ", lang.t(key)), theme.muted),
                        Span::raw(clean(v).into_owned()),
                    ]));
                }
            }
            for c in crate::text::sanitize_block(&d.comments).lines() {
                lines.push(Line::from(format!("  {c}")).style(theme.note));
            }
        }
    }
    if let (false, Some(p)) = (s.mine(), s.current_plan())
        && (!p.data.goals.trim().is_empty() || !p.data.priority_areas.is_empty())
    {
        lines.push(Line::default());
        lines.push(Line::from(lang.t("field.goals")).style(theme.title));
        for g in crate::text::sanitize_block(&p.data.goals).lines() {
            lines.push(Line::from(format!("  {g}")));
        }
        if !p.data.priority_areas.is_empty() {
            let areas: Vec<&str> = p
                .data
                .priority_areas
                .iter()
                .map(|a| lang.t(a.key()))
                .collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}: ", lang.t("field.priority_areas")),
                    theme.muted,
                ),
                Span::raw(areas.join(", ")),
            ]));
        }
    }
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.border)
        .title(title);
    // Item rows are cut to the width already; goals and areas wrap rather than end
    // mid-word at a narrow terminal.
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        right,
    );
}
