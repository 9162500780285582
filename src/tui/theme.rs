//! Every colour and style of the TUI, by meaning, and the `View` that drawing reads.
//!
//! Three themes: the default look, `no-color` (no colour at all; what colour said is
//! said by bold, underline, reverse and marker characters instead) and
//! `high-contrast` (bold, bright colours, reverse for the selection). Draw code asks
//! for a meaning (`theme.overdue`), never for a colour.

use crate::config::ThemeName;
use crate::i18n::Lang;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::bar;

/// How urgent a dated thing is, for its style and marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Past its date and still open.
    Overdue,
    /// Falls due soon (the screen says how soon).
    Soon,
    /// Later, or no date.
    Later,
    /// Done or closed: the date no longer matters.
    Closed,
}

/// A bar glyph set for a chart's series: a fixed glyph, or eighth blocks.
const SHADE: bar::Set<'static> = bar::Set {
    full: "░",
    seven_eighths: "░",
    three_quarters: "░",
    five_eighths: "░",
    half: "░",
    three_eighths: "░",
    one_quarter: "░",
    one_eighth: "░",
    empty: " ",
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    /// The program's name in the tab bar.
    pub brand: Style,
    /// The current screen's tab.
    pub tab_active: Style,
    /// Headings and record titles.
    pub title: Style,
    /// A key in the hint bar and help.
    pub key: Style,
    /// The row under the cursor in the pane that has the keyboard.
    pub selected: Style,
    /// The cursor row of a pane that does not have the keyboard.
    pub selected_idle: Style,
    /// A focused form label.
    pub focused: Style,
    /// The highlighted option of a multiple choice.
    pub option: Style,
    /// A pre-filled value that the next character typed replaces (shown selected).
    pub replace: Style,
    pub error: Style,
    pub ok: Style,
    /// A question that needs an answer (discard? create anyway?), similar records.
    pub warning: Style,
    /// Past due and still open.
    pub overdue: Style,
    /// Due within the screen's horizon (14 days for plans, milestones, deadlines).
    pub due_soon: Style,
    /// A call that closes within a week.
    pub closing_soon: Style,
    /// An unread news item's title.
    pub unread: Style,
    /// The unread / draft mark column of the news list.
    pub mark: Style,
    /// Labels, dates, secondary text, closed things.
    pub muted: Style,
    /// A news category, partners.
    pub accent: Style,
    /// A draft.
    pub draft: Style,
    /// Who has read an item.
    pub read_stats: Style,
    pub link: Style,
    /// Notes and comments.
    pub note: Style,
    /// A cancelled item's text.
    pub cancelled: Style,
    /// The caret of a filter being typed.
    pub caret: Style,
    pub border: Style,
    /// The year's progress gauge.
    pub gauge: Style,
    /// The training charts' two series and their glyphs.
    pub series_this_year: Style,
    pub series_last_year: Style,
    pub bars_this_year: bar::Set<'static>,
    pub bars_last_year: bar::Set<'static>,
    /// The bars of the three bottom charts: per unit, per kind, per area.
    pub chart_units: Style,
    pub chart_kinds: Style,
    pub chart_areas: Style,
    /// Markers in front of dates for themes that do not rely on colour:
    /// (overdue, soon, other). Empty strings in the default theme.
    pub due_marks: [&'static str; 3],
}

fn s() -> Style {
    Style::default()
}

impl Theme {
    /// The theme named in the config.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme::standard(),
            ThemeName::NoColor => Theme::no_color(),
            ThemeName::HighContrast => Theme::high_contrast(),
        }
    }

    /// The default look.
    pub fn standard() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::Default,
            brand: s().add_modifier(bold),
            tab_active: s().add_modifier(Modifier::REVERSED | bold),
            title: s().add_modifier(bold),
            key: s().add_modifier(bold),
            selected: s().add_modifier(Modifier::REVERSED),
            selected_idle: s().add_modifier(bold),
            focused: s().add_modifier(bold | Modifier::REVERSED),
            option: s().add_modifier(Modifier::UNDERLINED),
            replace: s().add_modifier(Modifier::REVERSED),
            error: s().fg(Color::Red).add_modifier(bold),
            ok: s().fg(Color::Green),
            warning: s().fg(Color::Yellow).add_modifier(bold),
            overdue: s().fg(Color::Red).add_modifier(bold),
            due_soon: s().fg(Color::Yellow),
            closing_soon: s().fg(Color::Red).add_modifier(bold),
            unread: s().add_modifier(bold),
            mark: s().fg(Color::Cyan),
            muted: s().add_modifier(Modifier::DIM),
            accent: s().fg(Color::Cyan),
            draft: s().fg(Color::Yellow),
            read_stats: s().fg(Color::Green),
            link: s().fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            note: s().add_modifier(Modifier::ITALIC),
            cancelled: s().add_modifier(Modifier::CROSSED_OUT),
            caret: s().add_modifier(Modifier::SLOW_BLINK),
            border: s(),
            gauge: s().fg(Color::Green),
            series_this_year: s().fg(Color::Cyan),
            series_last_year: s().fg(Color::DarkGray),
            bars_this_year: bar::NINE_LEVELS,
            bars_last_year: bar::NINE_LEVELS,
            chart_units: s().fg(Color::Green),
            chart_kinds: s().fg(Color::Magenta),
            chart_areas: s().fg(Color::Yellow),
            due_marks: ["", "", ""],
        }
    }

    /// No colour at all (`NO_COLOR`, `theme = "no-color"`): overdue is bold and
    /// underlined behind `!`, soon underlined behind `~`, a call's last week bold and
    /// underlined behind `!`, unread bold behind `●`, last year's bars `░`.
    pub fn no_color() -> Theme {
        let bold = Modifier::BOLD;
        let under = Modifier::UNDERLINED;
        Theme {
            name: ThemeName::NoColor,
            error: s().add_modifier(bold),
            ok: s(),
            warning: s().add_modifier(bold),
            overdue: s().add_modifier(bold | under),
            due_soon: s().add_modifier(under),
            closing_soon: s().add_modifier(bold | under),
            mark: s().add_modifier(bold),
            accent: s(),
            draft: s().add_modifier(Modifier::ITALIC),
            read_stats: s(),
            link: s().add_modifier(under),
            gauge: s(),
            series_this_year: s(),
            series_last_year: s(),
            bars_this_year: bar::NINE_LEVELS,
            bars_last_year: SHADE,
            chart_units: s(),
            chart_kinds: s(),
            chart_areas: s(),
            due_marks: ["!", "~", " "],
            ..Theme::standard()
        }
    }

    /// Bold, bright colours and reverse for the selection; nothing dimmed.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let under = Modifier::UNDERLINED;
        Theme {
            name: ThemeName::HighContrast,
            selected: s().add_modifier(Modifier::REVERSED | bold),
            selected_idle: s().add_modifier(bold | under),
            error: s().fg(Color::LightRed).add_modifier(bold),
            ok: s().fg(Color::LightGreen).add_modifier(bold),
            warning: s().fg(Color::LightYellow).add_modifier(bold),
            overdue: s().fg(Color::LightRed).add_modifier(bold | under),
            due_soon: s().fg(Color::LightYellow).add_modifier(bold),
            closing_soon: s().fg(Color::LightRed).add_modifier(bold | under),
            mark: s().fg(Color::LightCyan).add_modifier(bold),
            muted: s(),
            accent: s().fg(Color::LightCyan).add_modifier(bold),
            draft: s().fg(Color::LightYellow).add_modifier(bold),
            read_stats: s().fg(Color::LightGreen),
            link: s().fg(Color::LightBlue).add_modifier(under),
            border: s().fg(Color::White),
            gauge: s().fg(Color::LightGreen),
            series_this_year: s().fg(Color::LightCyan).add_modifier(bold),
            series_last_year: s().fg(Color::White),
            bars_this_year: bar::NINE_LEVELS,
            bars_last_year: SHADE,
            chart_units: s().fg(Color::LightGreen),
            chart_kinds: s().fg(Color::LightMagenta),
            chart_areas: s().fg(Color::LightYellow),
            due_marks: ["!", "~", " "],
            ..Theme::standard()
        }
    }

    /// The style of a date by its urgency.
    pub fn due(&self, due: Due) -> Style {
        match due {
            Due::Overdue => self.overdue,
            Due::Soon => self.due_soon,
            Due::Later => Style::default(),
            Due::Closed => self.muted,
        }
    }

    /// The marker in front of a date by its urgency; all the same width in a theme.
    pub fn due_mark(&self, due: Due) -> &'static str {
        match due {
            Due::Overdue => self.due_marks[0],
            Due::Soon => self.due_marks[1],
            Due::Later | Due::Closed => self.due_marks[2],
        }
    }

    /// A sample of a chart series as drawn, for the legend: two full bars.
    pub fn sample(set: &bar::Set<'static>) -> String {
        set.full.repeat(2)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::standard()
    }
}

/// What drawing needs besides the state it draws: the language, today's date
/// ("YYYY-MM-DD", so nothing drawn reads a clock), the theme, and whether the user
/// may change anything (a viewer is offered no key that would be refused).
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub lang: Lang,
    pub today: &'a str,
    pub theme: &'a Theme,
    pub writer: bool,
}

impl View<'_> {
    /// This year, from `today`.
    pub fn year(&self) -> i32 {
        self.today
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(2026)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Under no-color every meaning that colour carried in the default theme still
    /// differs from its neighbour without colour.
    #[test]
    fn no_color_has_no_colour_and_keeps_meanings_apart() {
        let t = Theme::no_color();
        let styles = [
            t.brand,
            t.tab_active,
            t.title,
            t.key,
            t.selected,
            t.selected_idle,
            t.focused,
            t.option,
            t.replace,
            t.error,
            t.ok,
            t.warning,
            t.overdue,
            t.due_soon,
            t.closing_soon,
            t.unread,
            t.mark,
            t.muted,
            t.accent,
            t.draft,
            t.read_stats,
            t.link,
            t.note,
            t.cancelled,
            t.caret,
            t.border,
            t.gauge,
            t.series_this_year,
            t.series_last_year,
            t.chart_units,
            t.chart_kinds,
            t.chart_areas,
        ];
        for st in styles {
            assert_eq!((st.fg, st.bg), (None, None), "{st:?}");
        }
        assert_ne!(t.due(Due::Overdue), t.due(Due::Later));
        assert_ne!(t.due(Due::Soon), t.due(Due::Later));
        assert_ne!(t.due(Due::Overdue), t.due(Due::Soon));
        assert_ne!(t.due_mark(Due::Overdue), t.due_mark(Due::Soon));
        assert_ne!(t.error, t.ok);
        assert_ne!(t.bars_this_year.full, t.bars_last_year.full);
    }
}
