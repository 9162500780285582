//! News ("News" / "Nyheter"): the feed with unread marks, filters, a reading pane,
//! and who has read an item for its author and the office.

use super::super::theme::{Due, Theme, View};
use super::super::widgets::input::Input;
use super::super::widgets::window::ListWindow;
use crate::i18n::Lang;
use crate::model::{Actor, GrowthArea, News, NewsCategory, NewsRow, PriorityArea, ReadStats};
use crate::store::{Error, NewsFilter, Result, Store};
use crate::text::{sanitize_block, sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The deadline filter's steps: off, within 7 days, within 30 days.
const DEADLINE_STEPS: [Option<i64>; 3] = [None, Some(7), Some(30)];

/// Where the keyboard is on the news screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NewsMode {
    /// Moving in the feed.
    #[default]
    List,
    /// Typing the search after `/`.
    Searching,
    /// Reading an item's page.
    Reading,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsScreen {
    pub filter: NewsFilter,
    /// The search text being typed after `/`.
    pub search: Input,
    pub mode: NewsMode,
    pub list: ListWindow<NewsRow>,
    /// The item under the cursor.
    pub item: Option<News>,
    /// Who has read it (author and office only).
    pub stats: Option<ReadStats>,
    /// Scroll of the reading page, in lines.
    pub scroll: u16,
    /// Unread items for the tab, whatever the filter.
    pub unread: i64,
}

/// Every area word, priority areas first, for the area filter.
fn area_words() -> Vec<&'static str> {
    PriorityArea::ALL
        .iter()
        .map(|a| a.as_str())
        .chain(GrowthArea::ALL.iter().map(|a| a.as_str()))
        .collect()
}

/// The i18n key of an area word.
pub fn area_key(word: &str) -> String {
    match PriorityArea::parse(word) {
        Some(p) => p.key().to_string(),
        None => GrowthArea::parse(word)
            .map(|g| g.key().to_string())
            .unwrap_or_default(),
    }
}

fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) if i + 1 < all.len() => Some(all[i + 1]),
        Some(_) => None,
    }
}

impl NewsScreen {
    /// An item's page is open.
    pub fn reading(&self) -> bool {
        self.mode == NewsMode::Reading
    }

    /// Closes the reading page, if it is open.
    pub fn close_page(&mut self) {
        if self.mode == NewsMode::Reading {
            self.mode = NewsMode::List;
        }
    }

    pub fn reload(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        let keep = self.item.as_ref().map(|n| n.id);
        self.list.reset(store.count_news(me, &self.filter)?);
        self.ensure_window(store, me, height)?;
        // Stay on the same item when it is still in the loaded rows.
        if let Some(id) = keep
            && let Some(i) = self.list.rows.iter().position(|r| r.id == id)
        {
            self.list.cursor = self.list.start + i as i64;
        }
        self.unread = store.unread_news(me)?;
        self.load_item(store, me)
    }

    /// A changed filter: back to the top.
    pub fn refilter(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        self.list.cursor = 0;
        self.list.top = 0;
        self.item = None;
        self.filter.text = self.search.value.clone();
        self.reload(store, me, height)
    }

    pub fn ensure_window(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        let f = self.filter.clone();
        self.list.ensure(height, |offset, limit| {
            store.list_news(me, &f, offset, limit)
        })
    }

    pub fn move_cursor(
        &mut self,
        store: &Store,
        me: &Actor,
        delta: i64,
        height: i64,
    ) -> Result<()> {
        if self.list.move_by(delta) {
            self.ensure_window(store, me, height)?;
            self.load_item(store, me)?;
        }
        Ok(())
    }

    fn load_item(&mut self, store: &Store, me: &Actor) -> Result<()> {
        let Some(id) = self.list.current().map(|r| r.id) else {
            self.item = None;
            self.stats = None;
            self.close_page();
            return Ok(());
        };
        if self.item.as_ref().map(|n| n.id) != Some(id) {
            self.scroll = 0;
        }
        self.item = Some(store.news(me, id)?);
        self.stats = match store.read_stats(me, id) {
            Ok(s) => Some(s),
            Err(Error::Forbidden) => None,
            Err(e) => return Err(e),
        };
        Ok(())
    }

    /// Opens the reading page; opening marks the item read.
    pub fn open(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        let Some(item) = &self.item else {
            return Ok(());
        };
        if item.published_at.is_some() && !item.read {
            store.set_news_read(me, item.id, true)?;
            self.reload(store, me, height)?;
        }
        if self.item.is_some() {
            self.mode = NewsMode::Reading;
        }
        self.scroll = 0;
        Ok(())
    }

    pub fn toggle_read(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        if let Some(item) = &self.item
            && item.published_at.is_some()
        {
            store.set_news_read(me, item.id, !item.read)?;
            self.reload(store, me, height)?;
        }
        Ok(())
    }

    pub fn cycle_category(&mut self) {
        self.filter.category = cycle(self.filter.category, NewsCategory::ALL);
    }

    pub fn cycle_area(&mut self) {
        let words = area_words();
        let current = self
            .filter
            .area
            .as_deref()
            .and_then(|a| words.iter().position(|w| *w == a));
        self.filter.area = match current {
            None => words.first().map(|w| (*w).to_string()),
            Some(i) => words.get(i + 1).map(|w| (*w).to_string()),
        };
    }

    pub fn cycle_deadline(&mut self) {
        let i = DEADLINE_STEPS
            .iter()
            .position(|s| *s == self.filter.deadline_within)
            .unwrap_or(0);
        self.filter.deadline_within = DEADLINE_STEPS[(i + 1) % DEADLINE_STEPS.len()];
    }
}

impl super::super::component::Component for NewsScreen {
    fn context(&self) -> super::super::keymap::Context {
        use super::super::keymap::Context;
        match self.mode {
            NewsMode::Searching => Context::Filter,
            NewsMode::Reading => Context::Reading,
            NewsMode::List => Context::News,
        }
    }

    fn update(
        &mut self,
        action: super::super::keymap::Action,
        cx: &super::super::component::Cx,
    ) -> Result<super::super::component::Effect> {
        use super::super::component::Pending;
        use super::super::component::{Effect, FormRequest, ask, is_movement, step};
        use super::super::keymap::Action;
        let (store, me, h) = (cx.store, cx.actor, cx.height);
        if self.mode == NewsMode::Searching {
            match action {
                Action::Open => self.mode = NewsMode::List,
                Action::Back => {
                    self.mode = NewsMode::List;
                    self.search = Input::default();
                    self.refilter(store, me, h)?;
                }
                Action::Down | Action::Up => {
                    let delta = if action == Action::Down { 1 } else { -1 };
                    self.move_cursor(store, me, delta, h)?;
                }
                _ => {}
            }
            return Ok(Effect::None);
        }
        let reading = self.reading();
        match action {
            a if is_movement(a) && reading => {
                let lines = match a {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -(h as i32),
                    Action::PageDown => h as i32,
                    Action::Top => -100_000,
                    _ => 100_000,
                };
                self.scroll = (i32::from(self.scroll) + lines).clamp(0, i32::from(u16::MAX)) as u16;
            }
            a if is_movement(a) => self.move_cursor(store, me, step(a, h), h)?,
            Action::Open => self.open(store, me, h)?,
            Action::Back if reading => self.mode = NewsMode::List,
            Action::Back => {
                // Esc clears the filters.
                self.filter = Default::default();
                self.search = Input::default();
                self.refilter(store, me, h)?;
            }
            Action::Filter => self.mode = NewsMode::Searching,
            Action::ProjectIdea | Action::PlanItemFromNews => {
                if let Some(id) = self.item.as_ref().map(|n| n.id) {
                    let key = if action == Action::ProjectIdea {
                        store.project_idea_from_news(me, id)?;
                        "msg.project_idea"
                    } else {
                        store.plan_item_from_news(me, id)?;
                        "msg.plan_item_made"
                    };
                    return Ok(Effect::Changed(cx.lang.t(key).to_string()));
                }
            }
            Action::ToggleRead => self.toggle_read(store, me, h)?,
            Action::MarkAllRead => {
                // The question counts what would change: the unread items shown.
                let unread = NewsFilter {
                    unread_only: true,
                    ..self.filter.clone()
                };
                let n = store.count_news(me, &unread)?;
                return Ok(Effect::Ask {
                    prompt: cx.lang.f("confirm.mark_all_read", &[("n", &n)]),
                    on_yes: Pending::MarkAllRead,
                });
            }
            Action::UnreadOnly
            | Action::CycleCategory
            | Action::CycleArea
            | Action::CycleDeadline
            | Action::Archive => {
                match action {
                    Action::UnreadOnly => self.filter.unread_only = !self.filter.unread_only,
                    Action::CycleCategory => self.cycle_category(),
                    Action::CycleArea => self.cycle_area(),
                    Action::CycleDeadline => self.cycle_deadline(),
                    _ => self.filter.archive = !self.filter.archive,
                }
                self.refilter(store, me, h)?;
            }
            Action::New => return Ok(super::super::component::form(FormRequest::News(None))),
            Action::Edit => {
                if let Some(item) = &self.item {
                    return Ok(super::super::component::form(FormRequest::News(Some(
                        item.clone(),
                    ))));
                }
            }
            Action::Delete => {
                if let Some(item) = &self.item {
                    return Ok(ask(
                        cx.lang,
                        "confirm.delete_news",
                        &item.data.title,
                        Pending::DeleteNews(item.id),
                    ));
                }
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn input(
        &mut self,
        edit: super::super::widgets::input::Edit,
        cx: &super::super::component::Cx,
    ) -> Result<super::super::component::Effect> {
        if self.mode == NewsMode::Searching && self.search.handle(edit) {
            self.refilter(cx.store, cx.actor, cx.height)?;
        }
        Ok(super::super::component::Effect::None)
    }

    fn hide(&mut self) {
        self.close_page();
    }

    fn refresh(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        self.reload(cx.store, cx.actor, cx.height)
    }

    fn badge(&self) -> Option<i64> {
        Some(self.unread)
    }
}

impl NewsScreen {
    /// Shows a call found from the deadlines view: the news filtered to calls with its
    /// title, and the call opened when it is the one found.
    pub fn reveal_call(
        &mut self,
        cx: &super::super::component::Cx,
        id: i64,
        title: &str,
    ) -> Result<()> {
        self.filter = NewsFilter {
            category: Some(NewsCategory::Call),
            text: title.to_string(),
            ..Default::default()
        };
        self.search = Input::new(title);
        self.refilter(cx.store, cx.actor, cx.height)?;
        if self.item.as_ref().is_some_and(|n| n.id == id) {
            self.open(cx.store, cx.actor, cx.height)?;
        }
        Ok(())
    }
}

/// The countdown of a call from `v.today`: marked in its last week, muted once closed.
fn countdown_span(v: View, deadline: &str) -> Span<'static> {
    let text = crate::i18n::countdown(v.lang, deadline, v.today);
    let t = v.theme;
    match crate::model::days_between(v.today, deadline) {
        Some(d) if d < 0 => Span::styled(text, t.muted),
        Some(d) if d <= 7 => match t.due_mark(Due::Overdue) {
            "" => Span::styled(text, t.closing_soon),
            mark => Span::styled(format!("{mark} {text}"), t.closing_soon),
        },
        _ => Span::raw(text),
    }
}

fn filter_summary(s: &NewsScreen, lang: Lang) -> Option<String> {
    let f = &s.filter;
    let mut parts = Vec::new();
    if f.unread_only {
        parts.push(lang.t("news.filter_unread").to_string());
    }
    if let Some(c) = f.category {
        parts.push(lang.t(c.key()).to_string());
    }
    if let Some(a) = &f.area {
        parts.push(lang.t(&area_key(a)).to_string());
    }
    if let Some(d) = f.deadline_within {
        parts.push(lang.f("news.filter_within", &[("n", &d)]));
    }
    if f.archive {
        parts.push(lang.t("news.filter_archive").to_string());
    }
    let searching = s.mode == NewsMode::Searching;
    if searching || !s.search.value.is_empty() {
        let cursor = if searching { "▏" } else { "" };
        parts.push(format!("/ {}{cursor}", clean(&s.search.value)));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

pub fn draw(f: &mut Frame, area: Rect, s: &NewsScreen, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    if s.reading()
        && let Some(item) = &s.item
    {
        draw_item(f, area, item, s.stats.as_ref(), v, s.scroll);
        return;
    }
    let [list_area, item_area] = if area.width >= 100 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area)
    } else {
        [area, Rect::default()]
    };
    let summary = filter_summary(s, lang);
    let [filter_area, table_area] = Layout::vertical([
        Constraint::Length(u16::from(summary.is_some())),
        Constraint::Min(1),
    ])
    .areas(list_area);
    if let Some(text) = summary {
        f.render_widget(Paragraph::new(text).style(theme.title), filter_area);
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(lang.f("news.title", &[("n", &s.list.total)]));
    if s.list.total == 0 {
        f.render_widget(
            Paragraph::new(lang.t("news.empty"))
                .block(block)
                .style(theme.muted),
            table_area,
        );
        return;
    }
    let height = i64::from(table_area.height.saturating_sub(1));
    let width = table_area.width as usize;
    let mut lines = Vec::new();
    for (abs, r) in s.list.visible(height) {
        let mark = if r.published_at.is_none() {
            lang.t("news.draft_mark")
        } else if r.read {
            " "
        } else {
            "●"
        };
        let date = r
            .published_at
            .as_deref()
            .map(|p| v.lang.date_of(p))
            .unwrap_or_default();
        let due = r.deadline.as_deref().map(|d| countdown_span(v, d));
        let due_w = due.as_ref().map(|d| d.width() + 1).unwrap_or(0);
        let pin = if r.pinned { "▲ " } else { "" };
        let title_w = width.saturating_sub(2 + 11 + due_w + pin.chars().count());
        let mut title = Span::raw(format!("{pin}{}", truncate(&clean(&r.title), title_w)));
        if !r.read && r.published_at.is_some() {
            title = title.patch_style(theme.unread);
        }
        let mut spans = vec![
            Span::styled(format!("{mark} "), theme.mark),
            Span::styled(format!("{date:<10} "), theme.muted),
            title,
        ];
        if let Some(d) = due {
            let used: usize = spans.iter().map(Span::width).sum();
            spans.push(Span::raw(
                " ".repeat(width.saturating_sub(used + d.width()).max(1)),
            ));
            spans.push(d);
        }
        let mut line = Line::from(spans);
        if abs == s.list.cursor {
            line = line.style(theme.selected);
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines).block(block), table_area);
    if item_area.width > 0
        && let Some(item) = &s.item
    {
        draw_item(f, item_area, item, s.stats.as_ref(), v, 0);
    }
}

/// The body drawn readably: paragraphs kept, `-`/`*` bullets as `•`, wrapped.
fn body_lines(body: &str, theme: &Theme) -> Vec<Line<'static>> {
    sanitize_block(body)
        .lines()
        .map(|l| {
            let trimmed = l.trim_start();
            match trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "))
            {
                Some(rest) => Line::from(format!("  • {rest}")),
                None if trimmed.starts_with("http://") || trimmed.starts_with("https://") => {
                    Line::from(Span::styled(l.to_string(), theme.link))
                }
                None => Line::from(l.to_string()),
            }
        })
        .collect()
}

fn draw_item(f: &mut Frame, area: Rect, n: &News, stats: Option<&ReadStats>, v: View, scroll: u16) {
    let lang = v.lang;
    let theme = v.theme;
    let mut lines: Vec<Line> =
        vec![Line::from(clean(&n.data.title).into_owned()).style(theme.title)];
    let mut meta = vec![Span::styled(
        lang.t(n.data.category.key()).to_string(),
        theme.accent,
    )];
    meta.push(Span::raw(format!(" · {}", clean(&n.author))));
    match &n.published_at {
        Some(p) => meta.push(Span::raw(format!(" · {}", lang.date_of(p)))),
        None => meta.push(Span::styled(
            format!(" · {}", lang.t("news.is_draft")),
            theme.draft,
        )),
    }
    if n.edited_at.is_some() {
        meta.push(Span::styled(
            format!(" · {}", lang.t("news.edited")),
            theme.muted,
        ));
    }
    lines.push(Line::from(meta));
    if let Some(d) = &n.data.deadline {
        lines.push(Line::from(vec![
            Span::raw(format!("{}: {d} ", lang.t("field.deadline"))),
            countdown_span(v, d),
        ]));
    }
    if let Some(d) = &n.data.event_date {
        lines.push(Line::from(lang.f("news.event_on", &[("date", d)])));
    }
    let areas: Vec<&str> = n
        .data
        .priority_areas
        .iter()
        .map(|a| lang.t(a.key()))
        .chain(n.data.growth_areas.iter().map(|a| lang.t(a.key())))
        .collect();
    if !areas.is_empty() {
        lines.push(
            Line::from(format!("{}: {}", lang.t("field.areas"), areas.join(", ")))
                .style(theme.muted),
        );
    }
    if let Some(st) = stats {
        lines.push(
            Line::from(lang.f(
                "news.read_by",
                &[
                    ("m", &st.members_read),
                    ("mt", &st.members_total),
                    ("u", &st.units_read),
                    ("ut", &st.units_total),
                ],
            ))
            .style(theme.read_stats),
        );
    }
    if !n.partner_names.is_empty() {
        let names: Vec<String> = n
            .partner_names
            .iter()
            .map(|p| clean(p).into_owned())
            .collect();
        lines.push(
            Line::from(format!(
                "{}: {}",
                lang.t("field.partners"),
                names.join(", ")
            ))
            .style(theme.accent),
        );
    }
    lines.push(Line::default());
    lines.extend(body_lines(&n.data.body, theme));
    if !n.data.links.is_empty() {
        lines.push(Line::default());
        for l in &n.data.links {
            lines.push(Line::from(Span::styled(
                format!("→ {}", clean(l)),
                theme.link,
            )));
        }
    }
    let block = Block::default()
        .borders(Borders::TOP | Borders::LEFT)
        .border_style(theme.border)
        .title(lang.t("news.item_title"));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}
