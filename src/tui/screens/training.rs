//! The competence-development log ("Training" / "Kompetensutveckling"): a list with
//! totals, the activity under the cursor, and charts of the network's year.

use super::super::theme::{Theme, View};
use super::super::widgets::window::ListWindow;
use crate::i18n::Lang;
use crate::model::{Actor, SummaryRow, Training, TrainingKind, TrainingRow, format_hours};
use crate::store::{Result, Scope, Store, SummaryBy, TrainingFilter};
use crate::text::{sanitize_block, sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph, Wrap};

/// The charts' data: the network's year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Charts {
    pub year: i32,
    pub months: Vec<SummaryRow>,
    pub last_year_months: Vec<SummaryRow>,
    pub units: Vec<SummaryRow>,
    pub kinds: Vec<SummaryRow>,
    pub areas: Vec<SummaryRow>,
}

/// What the training screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrainingMode {
    /// The activity list and the selected activity.
    #[default]
    List,
    /// The charts.
    Charts,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrainingScreen {
    pub filter: TrainingFilter,
    pub list: ListWindow<TrainingRow>,
    pub item: Option<Training>,
    /// Activities, person-minutes and distinct participants of what the list shows.
    pub totals: (i64, i64, i64),
    pub mode: TrainingMode,
    pub charts: Option<Charts>,
    /// Loaded once the screen was first opened.
    pub loaded: bool,
}

use crate::store::this_year;

impl TrainingScreen {
    pub fn new() -> TrainingScreen {
        TrainingScreen {
            filter: TrainingFilter {
                year: Some(this_year()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    pub fn reload(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        self.loaded = true;
        let keep = self.item.as_ref().map(|t| t.id);
        self.totals = store.training_totals(me, &self.filter)?;
        self.list.reset(self.totals.0);
        self.ensure_window(store, me, height)?;
        if let Some(id) = keep
            && let Some(i) = self.list.rows.iter().position(|r| r.id == id)
        {
            self.list.cursor = self.list.start + i as i64;
        }
        self.load_item(store)?;
        if self.mode == TrainingMode::Charts {
            self.load_charts(store)?;
        }
        Ok(())
    }

    pub fn refilter(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        self.list.cursor = 0;
        self.list.top = 0;
        self.item = None;
        self.charts = None;
        self.reload(store, me, height)
    }

    pub fn ensure_window(&mut self, store: &Store, me: &Actor, height: i64) -> Result<()> {
        let f = self.filter.clone();
        self.list.ensure(height, |offset, limit| {
            store.list_trainings(me, &f, offset, limit)
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
            self.load_item(store)?;
        }
        Ok(())
    }

    fn load_item(&mut self, store: &Store) -> Result<()> {
        self.item = match self.list.current() {
            Some(r) => Some(store.training(r.id)?),
            None => None,
        };
        Ok(())
    }

    /// Loads the charts' summaries for the filter's year (the whole network).
    pub fn load_charts(&mut self, store: &Store) -> Result<()> {
        let year = self.filter.year.unwrap_or_else(this_year);
        let mut this = store
            .training_year(
                year,
                &[
                    SummaryBy::Month,
                    SummaryBy::Unit,
                    SummaryBy::Kind,
                    SummaryBy::Area,
                ],
            )?
            .into_iter();
        let mut take = || this.next().unwrap_or_default();
        let (months, units, kinds, areas) = (take(), take(), take(), take());
        self.charts = Some(Charts {
            year,
            months,
            last_year_months: store.training_summary(year - 1, SummaryBy::Month)?,
            units,
            kinds,
            areas,
        });
        Ok(())
    }

    /// Mine → my unit → the whole network → mine.
    pub fn cycle_scope(&mut self, me: &Actor) {
        self.filter.scope = match (self.filter.scope, me.unit_id) {
            (Scope::Mine, Some(u)) => Scope::Unit(u),
            (Scope::Mine, None) | (Scope::Unit(_), _) => Scope::Network,
            (Scope::Network, _) => Scope::Mine,
        };
    }

    pub fn shift_year(&mut self, by: i32) {
        self.filter.year = Some(self.filter.year.unwrap_or_else(this_year) + by);
    }

    pub fn cycle_kind(&mut self) {
        let all = TrainingKind::ALL;
        self.filter.kind = match self
            .filter
            .kind
            .and_then(|k| all.iter().position(|x| *x == k))
        {
            None => all.first().copied(),
            Some(i) => all.get(i + 1).copied(),
        };
    }
}

impl super::super::component::Component for TrainingScreen {
    fn context(&self) -> super::super::keymap::Context {
        super::super::keymap::Context::Training
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
        match action {
            a if is_movement(a) => self.move_cursor(store, me, step(a, h), h)?,
            Action::CycleScope | Action::PrevYear | Action::NextYear | Action::CycleKind => {
                match action {
                    Action::CycleScope => self.cycle_scope(me),
                    Action::PrevYear => self.shift_year(-1),
                    Action::NextYear => self.shift_year(1),
                    _ => self.cycle_kind(),
                }
                self.refilter(store, me, h)?;
            }
            Action::ToggleCharts => {
                self.mode = match self.mode {
                    TrainingMode::List => TrainingMode::Charts,
                    TrainingMode::Charts => TrainingMode::List,
                };
                if self.mode == TrainingMode::Charts {
                    self.load_charts(store)?;
                }
            }
            Action::Back => {
                // Esc leaves the charts, then clears the kind filter.
                if self.mode == TrainingMode::Charts {
                    self.mode = TrainingMode::List;
                } else if self.filter.kind.is_some() {
                    self.filter.kind = None;
                    self.refilter(store, me, h)?;
                }
            }
            Action::New => return Ok(super::super::component::form(FormRequest::Training(None))),
            Action::Edit => {
                if let Some(item) = &self.item {
                    return Ok(super::super::component::form(FormRequest::Training(Some(
                        item.clone(),
                    ))));
                }
            }
            Action::Delete => {
                if let Some(t) = &self.item {
                    return Ok(ask(
                        cx.lang,
                        "confirm.delete_training",
                        &t.data.title,
                        Pending::DeleteTraining(t.id),
                    ));
                }
            }
            _ => {}
        }
        Ok(Effect::None)
    }

    fn show(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        // The training log loads when first opened: the tab shows no count.
        if !self.loaded {
            // A viewer logs nothing: their own log would always be empty, so they
            // start on the network's (`s` still cycles).
            if cx.actor.role == crate::model::Role::Viewer && self.filter.scope == Scope::Mine {
                self.filter.scope = Scope::Network;
            }
            self.reload(cx.store, cx.actor, cx.height)?;
        }
        Ok(())
    }

    fn refresh(&mut self, cx: &super::super::component::Cx) -> Result<()> {
        if self.loaded {
            self.reload(cx.store, cx.actor, cx.height)?;
        }
        Ok(())
    }
}

fn scope_label(lang: Lang, scope: Scope) -> &'static str {
    match scope {
        Scope::Mine => lang.t("training.scope_mine"),
        Scope::Unit(_) => lang.t("training.scope_unit"),
        Scope::Network => lang.t("training.scope_network"),
    }
}

pub fn draw(f: &mut Frame, area: Rect, s: &TrainingScreen, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    let year = s.filter.year.unwrap_or_else(|| v.year());
    let mut head = vec![
        Span::styled(format!("{year}"), theme.title),
        Span::raw(" · "),
        Span::styled(scope_label(lang, s.filter.scope), theme.title),
    ];
    if let Some(k) = s.filter.kind {
        head.push(Span::raw(format!(" · {}", lang.t(k.key()))));
    }
    head.push(Span::raw(format!(
        "   {}",
        lang.f(
            "training.totals",
            &[
                ("a", &s.totals.0),
                ("h", &lang.num(format_hours(s.totals.1))),
                ("p", &s.totals.2)
            ]
        )
    )));
    let [head_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    f.render_widget(Paragraph::new(Line::from(head)), head_area);
    if s.mode == TrainingMode::Charts {
        match &s.charts {
            Some(c) => draw_charts(f, body, c, v),
            None => f.render_widget(
                Paragraph::new(lang.t("training.no_data")).style(theme.muted),
                body,
            ),
        }
        return;
    }
    let [list_area, item_area] = if body.width >= 100 {
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body)
    } else {
        [body, Rect::default()]
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(lang.f("training.title", &[("n", &s.list.total)]));
    if s.list.total == 0 {
        f.render_widget(
            Paragraph::new(lang.t(if v.writer {
                "training.empty"
            } else {
                "training.empty_viewer"
            }))
            .block(block)
            .style(theme.muted),
            list_area,
        );
        return;
    }
    let height = i64::from(list_area.height.saturating_sub(1));
    let title_w = (list_area.width as usize).saturating_sub(11 + 16 + 7 + 8);
    let lines: Vec<Line> = s
        .list
        .visible(height)
        .map(|(abs, r)| {
            let text = format!(
                "{} {:<title_w$} {:<15} {:>6} h × {}",
                r.date_from,
                truncate(&clean(&r.title), title_w),
                truncate(lang.t(r.kind.key()), 15),
                lang.num(format_hours(r.minutes)),
                r.participants
            );
            let line = Line::from(text);
            if abs == s.list.cursor {
                line.style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    f.render_widget(Paragraph::new(lines).block(block), list_area);
    if item_area.width > 0
        && let Some(t) = &s.item
    {
        draw_item(f, item_area, t, v);
    }
}

fn draw_item(f: &mut Frame, area: Rect, t: &Training, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    let d = &t.data;
    let field = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{:<18} ", lang.t(k)), theme.muted),
            Span::raw(v),
        ])
    };
    let mut lines = vec![Line::from(clean(&d.title).into_owned()).style(theme.title)];
    let dates = match &d.date_to {
        Some(to) => format!("{} – {to}", d.date_from),
        None => d.date_from.clone(),
    };
    lines.push(field("field.date", dates));
    lines.push(field("field.kind", lang.t(d.kind.key()).to_string()));
    lines.push(field(
        "field.hours",
        lang.f(
            "training.person_hours",
            &[
                ("h", &lang.num(format_hours(d.minutes))),
                ("p", &d.participants.len()),
                (
                    "t",
                    &lang.num(format_hours(d.minutes * d.participants.len() as i64)),
                ),
            ],
        ),
    ));
    lines.push(field(
        "field.participants",
        clean(&t.names.join(", ")).into_owned(),
    ));
    if !d.organiser.is_empty() {
        lines.push(field("field.organiser", clean(&d.organiser).into_owned()));
    }
    if !d.city.is_empty() || !d.country.is_empty() {
        lines.push(field(
            "field.place",
            format!("{} {}", clean(&d.city), lang.country(&d.country)),
        ));
    }
    if let Some(a) = d.priority_area {
        lines.push(field("field.priority_areas", lang.t(a.key()).to_string()));
    }
    lines.push(field("field.funding", lang.t(d.funding.key()).to_string()));
    if let Some(c) = d.cost_sek {
        lines.push(field("field.cost", format!("{c} kr")));
    }
    if let Some(p) = &t.partner_name {
        lines.push(field("field.partner", clean(p).into_owned()));
    }
    if !d.shared.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(lang.t("field.shared")).style(theme.title));
        lines.extend(
            sanitize_block(&d.shared)
                .lines()
                .map(|l| Line::from(l.to_string())),
        );
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
        .title(lang.t("training.item_title"));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Whole hours for a bar.
fn hours(minutes: i64) -> u64 {
    u64::try_from((minutes + 30) / 60).unwrap_or(0)
}

/// The months chart's legend: each series' glyph as drawn, then its year.
fn months_legend(c: &Charts, v: View) -> Line<'static> {
    let theme = v.theme;
    Line::from(vec![
        Span::raw(v.lang.t("chart.months").to_string()),
        Span::styled(Theme::sample(&theme.bars_this_year), theme.series_this_year),
        Span::raw(format!(" {}  ", c.year)),
        Span::styled(Theme::sample(&theme.bars_last_year), theme.series_last_year),
        Span::raw(format!(" {} ", c.year - 1)),
    ])
}

/// Hours per month, last year's bar and this year's side by side, each series with
/// its own glyphs: ratatui's bar chart has one glyph set per chart, so each series is
/// drawn alone, to the same scale, and the two laid over each other.
fn draw_months(f: &mut Frame, area: Rect, c: &Charts, v: View) {
    let theme = v.theme;
    let month_hours = |rows: &[SummaryRow], m: usize| -> u64 {
        rows.iter()
            .filter(|r| r.key.ends_with(&format!("-{m:02}")))
            .map(|r| hours(r.minutes))
            .sum()
    };
    let max = (1..=12)
        .flat_map(|m| {
            [
                month_hours(&c.last_year_months, m),
                month_hours(&c.months, m),
            ]
        })
        .max()
        .unwrap_or(0)
        .max(1);
    // The twelve months fill the width: two bars and a gap a month, 2 to 6 wide.
    let bar_w = (area.width.saturating_sub(2 + 12) / 24).clamp(2, 6);
    // `this`: draw this year's series (else last year's); the other's bars are empty.
    let chart = |this: bool| {
        let mut chart = BarChart::default()
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border)
                    .title(months_legend(c, v)),
            )
            .bar_width(bar_w)
            .bar_gap(0)
            .group_gap(1)
            .max(max)
            .bar_set(if this {
                theme.bars_this_year.clone()
            } else {
                theme.bars_last_year.clone()
            });
        for m in 1..=12 {
            let last = month_hours(&c.last_year_months, m);
            let now = month_hours(&c.months, m);
            let (last, now) = if this { (0, now) } else { (last, 0) };
            let label = v.lang.t(&format!("month.{m}")).to_string();
            let this_bar = Bar::default().value(now).style(theme.series_this_year);
            let group = BarGroup::default().label(Line::from(label)).bars(&[
                Bar::default()
                    .value(last)
                    .style(theme.series_last_year)
                    .text_value(String::new()),
                this_bar,
            ]);
            chart = chart.data(group);
        }
        chart
    };
    f.render_widget(chart(true), area);
    let mut last_year = Buffer::empty(area);
    chart(false).render(area, &mut last_year);
    let buf = f.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            if let (Some(under), Some(drawn)) = (last_year.cell((x, y)), buf.cell_mut((x, y)))
                && drawn.symbol() == " "
                && under.symbol() != " "
            {
                *drawn = under.clone();
            }
        }
    }
}

fn draw_charts(f: &mut Frame, area: Rect, c: &Charts, v: View) {
    let lang = v.lang;
    let theme = v.theme;
    let rows =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).split(area);
    let bottom = Layout::default()
        .direction(Direction::Horizontal)
        .constraints([
            Constraint::Percentage(40),
            Constraint::Percentage(35),
            Constraint::Percentage(25),
        ])
        .split(rows[1]);
    draw_months(f, rows[0], c, v);
    let horizontal = |title: String,
                      data: &[SummaryRow],
                      label: &dyn Fn(&str) -> String,
                      style: Style,
                      width: u16| {
        // A title that does not fit ends in `…`, never mid-word at the corner.
        let title = truncate(&title, width.saturating_sub(2) as usize).into_owned();
        let bars: Vec<Bar> = data
            .iter()
            .map(|r| {
                Bar::default().value(hours(r.minutes)).label(Line::from(
                    truncate(&clean(&label(&r.key)), 14).into_owned(),
                ))
            })
            .collect();
        BarChart::default()
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border)
                    .title(title),
            )
            .direction(Direction::Horizontal)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(style)
            .data(BarGroup::default().bars(&bars))
    };
    f.render_widget(
        horizontal(
            lang.t("chart.units").to_string(),
            &c.units,
            &|k| k.to_string(),
            theme.chart_units,
            bottom[0].width,
        ),
        bottom[0],
    );
    let kind_label = |k: &str| {
        TrainingKind::parse(k)
            .map(|x| lang.t(x.key()).to_string())
            .unwrap_or_else(|| k.to_string())
    };
    f.render_widget(
        horizontal(
            lang.t("chart.kinds").to_string(),
            &c.kinds,
            &kind_label,
            theme.chart_kinds,
            bottom[1].width,
        ),
        bottom[1],
    );
    let area_label = |k: &str| {
        crate::model::PriorityArea::parse(k)
            .map(|x| lang.t(x.key()).to_string())
            .unwrap_or_else(|| "—".to_string())
    };
    f.render_widget(
        horizontal(
            lang.t("chart.areas").to_string(),
            &c.areas,
            &area_label,
            theme.chart_areas,
            bottom[2].width,
        ),
        bottom[2],
    );
}
