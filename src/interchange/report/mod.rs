//! The yearly compilation as documents for the people who receive it (issue 13): DOCX
//! for the office's memo to the executive board, one self-contained HTML file, Markdown
//! for mail and the intranet, and XLSX with the key-figure tables as an annex.
//!
//! One [`Compilation`] (the value the screen shows) becomes one [`Doc`]: the sections
//! in their order, every label from the catalogue, every stored text cleaned of control
//! and bidi characters ([`clean`]). A format only lays the `Doc` out and escapes text by
//! its own rules; no renderer computes a figure. A [`Cell`] holds a value as the
//! compilation has it and says how it reads (a count, minutes shown as hours, öre shown
//! as kronor, a date), so the XLSX annex can write the number itself where the other
//! formats write [`Cell::text`].
//!
//! Dates are ISO (`2026-01-31`) in both languages, as everywhere in intnet; numbers
//! follow the language through [`Lang::num`] (a decimal comma in Swedish) with thousands
//! grouped by a space, like amounts elsewhere in the program.

pub mod docx;
pub mod html;
pub mod md;
pub mod xlsx;

use crate::i18n::Lang;
use crate::model::{
    AccountState, Compilation, Figure, Measure, Programme, Series, UnitFigures, WordsPart,
};

/// The formats `intnet report export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Html,
    Md,
    Xlsx,
}

impl Format {
    pub const ALL: &'static [Format] = &[Format::Docx, Format::Html, Format::Md, Format::Xlsx];

    /// `docx`, `html`, `md` (or `markdown`), `xlsx`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "docx" => Some(Format::Docx),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Md => "md",
            Format::Xlsx => "xlsx",
        }
    }

    /// A zip package, not text: never written to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Xlsx)
    }
}

/// A document could not be put together (the zip or spreadsheet writer failed).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct RenderError(pub String);

/// The compilation as a file in `format`, in `lang`.
pub fn render(c: &Compilation, format: Format, lang: Lang) -> Result<Vec<u8>, RenderError> {
    let doc = Doc::build(c, lang);
    match format {
        Format::Docx => docx::render(&doc),
        Format::Html => Ok(html::render(&doc).into_bytes()),
        Format::Md => Ok(md::render(&doc).into_bytes()),
        Format::Xlsx => xlsx::render(&doc),
    }
}

/// A stored text made fit for a document: no control character but the line feed, no
/// bidi control ([`super::export_text`]), surrounding blanks trimmed.
pub fn clean(s: &str) -> String {
    super::export_text(s).trim().to_string()
}

/// A stored text for one line (a table cell, a heading): cleaned, line breaks become
/// spaces.
pub fn clean_line(s: &str) -> String {
    clean(s)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One value in a table, as the compilation has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A text, already cleaned.
    Text(String),
    Count(i64),
    /// Minutes, read as hours.
    Minutes(i64),
    /// SEK in öre, read as whole kronor.
    Sek(i64),
    /// An amount in another currency, minor units; `currency` is three letters.
    Money {
        minor: i64,
        currency: String,
    },
    /// `YYYY-MM-DD`.
    Date(String),
    Empty,
}

impl Cell {
    /// A figure's value as its measure reads.
    pub fn of(measure: Measure, value: i64) -> Cell {
        match measure {
            Measure::Count => Cell::Count(value),
            Measure::Minutes => Cell::Minutes(value),
            Measure::SekMinor => Cell::Sek(value),
        }
    }

    pub fn text_of(s: &str) -> Cell {
        Cell::Text(clean_line(s))
    }

    /// An amount in its currency: SEK reads as kronor like every other sum.
    pub fn money(minor: i64, currency: &str) -> Cell {
        let code: String = currency
            .chars()
            .filter(char::is_ascii_alphabetic)
            .take(3)
            .collect::<String>()
            .to_ascii_uppercase();
        if code == "SEK" || code.is_empty() {
            Cell::Sek(minor)
        } else {
            Cell::Money {
                minor,
                currency: code,
            }
        }
    }

    pub fn date(d: Option<&str>) -> Cell {
        match d.map(clean_line) {
            Some(d) if !d.is_empty() => Cell::Date(d),
            _ => Cell::Empty,
        }
    }

    /// Right-aligned in a table.
    pub fn is_number(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Empty | Cell::Date(_))
    }

    /// As a reader sees it in this language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Count(n) => group(*n),
            Cell::Minutes(m) => decimal(lang, &crate::model::format_hours(*m)),
            Cell::Sek(ore) => group(whole_kronor(*ore)),
            Cell::Money { minor, currency } => {
                let sign = if *minor < 0 { "-" } else { "" };
                let abs = minor.unsigned_abs();
                let whole = group_digits(&(abs / 100).to_string());
                format!(
                    "{} {currency}",
                    lang.num(format!("{sign}{whole}.{:02}", abs % 100))
                )
            }
            Cell::Empty => String::new(),
        }
    }
}

/// Öre as whole kronor, half away from zero (what the screen shows).
pub fn whole_kronor(ore: i64) -> i64 {
    let kr = (i128::from(ore) + if ore < 0 { -50 } else { 50 }) / 100;
    i64::try_from(kr).unwrap_or(if ore < 0 { i64::MIN } else { i64::MAX })
}

/// A whole number with its thousands grouped by a space: `1 212 446`.
pub fn group(n: i64) -> String {
    let digits = group_digits(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{digits}") } else { digits }
}

/// A run of digits grouped by threes from the right.
fn group_digits(digits: &str) -> String {
    let len = digits.chars().count();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A decimal written with a point (`1234.5`) as the language writes it, the whole part
/// grouped: `1 234,5` in Swedish, `1 234.5` in English.
pub fn decimal(lang: Lang, s: &str) -> String {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let whole = whole
        .parse::<i64>()
        .map(group)
        .unwrap_or_else(|_| whole.to_string());
    if frac.is_empty() {
        whole
    } else {
        lang.num(format!("{whole}.{frac}"))
    }
}

/// A table: a caption, column headings, and rows whose first cell names the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The XLSX annex's sheet for this table, if it is a key-figure table.
    pub sheet: Option<String>,
    /// Shown in the document (DOCX, HTML, Markdown); `false` for a table only the annex
    /// has.
    pub in_doc: bool,
}

/// A bar chart of this year against last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub title: String,
    /// The text alternative: what the chart shows and where its numbers are.
    pub description: String,
    pub this_label: String,
    pub last_label: String,
    pub measure: Measure,
    /// Label, this year, last year.
    pub bars: Vec<(String, i64, i64)>,
    /// The same numbers as a table (the charts in DOCX and Markdown, and the HTML
    /// chart's text alternative).
    pub table: Table,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 to 4, in order (no level skipped).
    Heading(u8, String),
    /// One paragraph of the program's own text.
    Para(String),
    /// A stored long text (a unit's words): paragraphs split by blank lines, lines by
    /// line breaks.
    Text(String),
    Table(Table),
    Chart(Chart),
}

/// The compilation laid out: title and blocks in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub lang: Lang,
    pub year: i32,
    /// The day the figures were gathered (`YYYY-MM-DD`).
    pub as_of: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// Every table, the charts' included, in document order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Chart(c) => Some(&c.table),
            _ => None,
        })
    }

    /// The sentence that stands for a table with no rows.
    pub fn empty_note(&self, table: &Table) -> String {
        self.lang
            .f("doc.table_empty", &[("caption", &table.caption)])
    }
}

/// A figure's name (the catalogue's, as the screen shows it).
pub fn figure_label(lang: Lang, f: Figure) -> &'static str {
    lang.t(f.key())
}

/// An account's state in words; `None` is not started.
pub fn state_label(lang: Lang, state: Option<AccountState>) -> &'static str {
    match state {
        Some(s) => lang.t(s.key()),
        None => lang.t("account_state.not_started"),
    }
}

/// The heading of a part of a unit's words.
pub fn words_label(lang: Lang, part: WordsPart) -> &'static str {
    lang.t(part.key())
}

struct Builder {
    lang: Lang,
    blocks: Vec<Block>,
}

impl Builder {
    fn t(&self, key: &str) -> String {
        self.lang.t(key).to_string()
    }
    fn heading(&mut self, level: u8, text: String) {
        self.blocks.push(Block::Heading(level, text));
    }
    fn para(&mut self, text: String) {
        self.blocks.push(Block::Para(text));
    }
    fn table(&mut self, t: Table) {
        self.blocks.push(Block::Table(t));
    }
    fn cols(&self, keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| self.t(k)).collect()
    }

    /// A breakdown table (shown only when it has rows).
    fn tally<K>(
        &mut self,
        caption: &str,
        first: &str,
        items: &[crate::model::Tally<K>],
        name: impl Fn(&K) -> String,
    ) {
        if items.is_empty() {
            return;
        }
        let rows = items
            .iter()
            .map(|t| vec![Cell::text_of(&name(&t.key)), Cell::Count(t.count)])
            .collect();
        let t = Table {
            caption: self.t(caption),
            columns: vec![self.t(first), self.t("doc.col.count")],
            rows,
            sheet: None,
            in_doc: true,
        };
        self.table(t);
    }

    fn hours<K>(
        &mut self,
        caption: &str,
        first: &str,
        items: &[crate::model::Hours<K>],
        name: impl Fn(&K) -> String,
    ) {
        if items.is_empty() {
            return;
        }
        let rows = items
            .iter()
            .map(|h| {
                vec![
                    Cell::text_of(&name(&h.key)),
                    Cell::Count(h.activities),
                    Cell::Count(h.participants),
                    Cell::Minutes(h.minutes),
                ]
            })
            .collect();
        let t = Table {
            caption: self.t(caption),
            columns: self.cols(&[
                first,
                "doc.col.activities",
                "doc.col.participants",
                "doc.col.person_hours",
            ]),
            rows,
            sheet: None,
            in_doc: true,
        };
        self.table(t);
    }

    /// The breakdowns of one set of figures (a unit's or the whole municipality's).
    /// Projects running, started and ended per programme or per role: `(label,
    /// running, started, ended)`; no table when there are none.
    fn project_tally(&mut self, caption: &str, first: &str, rows: &[(&str, i64, i64, i64)]) {
        if rows.is_empty() {
            return;
        }
        let rows = rows
            .iter()
            .map(|&(label, running, started, ended)| {
                vec![
                    Cell::text_of(label),
                    Cell::Count(running),
                    Cell::Count(started),
                    Cell::Count(ended),
                ]
            })
            .collect();
        let t = Table {
            caption: self.t(caption),
            columns: self.cols(&[first, "doc.col.running", "doc.col.started", "doc.col.ended"]),
            rows,
            sheet: None,
            in_doc: true,
        };
        self.table(t);
    }

    fn breakdowns(&mut self, f: &UnitFigures) {
        let lang = self.lang;
        let p = &f.projects;
        let by_programme: Vec<_> = p
            .by_programme
            .iter()
            .map(|t| (lang.t(t.key.key()), t.running, t.started, t.ended))
            .collect();
        self.project_tally("doc.cap.by_programme", "doc.col.programme", &by_programme);
        let by_role: Vec<_> = p
            .by_role
            .iter()
            .map(|t| (lang.t(t.key.key()), t.running, t.started, t.ended))
            .collect();
        self.project_tally("doc.cap.by_role", "doc.col.role", &by_role);
        if p.unconverted > 0 {
            self.para(lang.f("doc.unconverted", &[("n", &p.unconverted)]));
        }
        let country = |c: &String| lang.country(c);
        self.tally(
            "doc.cap.partner_countries",
            "doc.col.country",
            &p.partner_countries,
            country,
        );
        let c = &f.contacts;
        self.tally(
            "doc.cap.contacts_by_kind",
            "doc.col.kind",
            &c.by_kind,
            |k| lang.t(k.key()).to_string(),
        );
        self.tally(
            "doc.cap.contacts_by_country",
            "doc.col.country",
            &c.by_country,
            country,
        );
        self.tally("doc.cap.by_sector", "doc.col.sector", &c.by_sector, |k| {
            lang.t(k.key()).to_string()
        });
        self.tally(
            "doc.cap.new_by_country",
            "doc.col.country",
            &c.new_by_country,
            country,
        );
        self.tally("doc.cap.new_by_kind", "doc.col.kind", &c.new_by_kind, |k| {
            lang.t(k.key()).to_string()
        });
        let t = &f.training;
        self.hours(
            "doc.cap.training_by_kind",
            "doc.col.kind",
            &t.by_kind,
            |k| lang.t(k.key()).to_string(),
        );
        self.hours(
            "doc.cap.training_by_area",
            "doc.col.area",
            &t.by_area,
            |k| match k {
                Some(a) => lang.t(a.key()).to_string(),
                None => lang.t("doc.no_area").to_string(),
            },
        );
        self.hours(
            "doc.cap.training_by_funding",
            "doc.col.funding",
            &t.by_funding,
            |k| lang.t(k.key()).to_string(),
        );
    }

    fn memberships(&self, caption: &str, lines: &[crate::model::MembershipLine]) -> Table {
        let lang = self.lang;
        let rows = lines
            .iter()
            .map(|m| {
                let last = m.last_evaluation.as_ref();
                vec![
                    Cell::text_of(&m.network),
                    Cell::text_of(m.unit_code.as_deref().unwrap_or_default()),
                    m.fee
                        .map(|f| Cell::money(f, &m.currency))
                        .unwrap_or(Cell::Empty),
                    Cell::date(m.next_evaluation.as_deref()),
                    Cell::date(last.map(|e| e.date.as_str())),
                    last.map(|e| Cell::Count(e.benefit)).unwrap_or(Cell::Empty),
                    last.map(|e| Cell::text_of(lang.t(e.recommendation.key())))
                        .unwrap_or(Cell::Empty),
                    last.map(|e| Cell::text_of(&e.assessment))
                        .unwrap_or(Cell::Empty),
                ]
            })
            .collect();
        Table {
            caption: self.t(caption),
            columns: self.cols(&[
                "doc.col.network",
                "doc.col.unit",
                "doc.col.fee",
                "doc.col.next_evaluation",
                "doc.col.last_evaluation",
                "doc.col.benefit",
                "doc.col.recommendation",
                "doc.col.assessment",
            ]),
            rows,
            sheet: None,
            in_doc: true,
        }
    }

    fn chart(
        &mut self,
        c: &Compilation,
        title_key: &str,
        sheet_key: &str,
        first_col: &str,
        series: &Series,
        name: impl Fn(&str) -> String,
    ) {
        let lang = self.lang;
        let (this, last) = (c.year.to_string(), (c.year - 1).to_string());
        let title = lang.f(title_key, &[("year", &this), ("last", &last)]);
        let bars: Vec<(String, i64, i64)> = series
            .points
            .iter()
            .map(|p| (clean_line(&name(&p.label)), p.this_year, p.last_year))
            .collect();
        let table = Table {
            caption: title.clone(),
            columns: vec![self.t(first_col), this.clone(), last.clone()],
            rows: bars
                .iter()
                .map(|(l, t, p)| {
                    vec![
                        Cell::Text(l.clone()),
                        Cell::of(series.measure, *t),
                        Cell::of(series.measure, *p),
                    ]
                })
                .collect(),
            sheet: Some(self.t(sheet_key)),
            in_doc: true,
        };
        let description = lang.f("doc.chart_desc", &[("year", &this), ("last", &last)]);
        self.heading(3, title.clone());
        self.blocks.push(Block::Chart(Chart {
            title,
            description,
            this_label: this,
            last_label: last,
            measure: series.measure,
            bars,
            table,
        }));
    }
}

impl Doc {
    /// Lays the compilation out: the accounts' states, the key figures with the years
    /// before, the charts, the whole municipality's breakdowns, the projects for the
    /// executive board, the action plans, the memberships, and one section per unit
    /// with its figures and words (the long part last).
    pub fn build(c: &Compilation, lang: Lang) -> Doc {
        let mut b = Builder {
            lang,
            blocks: Vec::new(),
        };
        let title = lang.f("doc.title", &[("year", &c.year)]);
        b.heading(1, title.clone());
        b.para(lang.f("doc.as_of", &[("date", &clean_line(&c.municipality.as_of))]));
        if let Some(d) = &c.deadline {
            b.para(lang.f("doc.deadline", &[("date", &clean_line(d))]));
        }

        // The accounts.
        b.heading(2, b.t("doc.accounts"));
        let rows = c
            .units
            .iter()
            .map(|u| {
                vec![
                    Cell::text_of(&u.unit_code),
                    Cell::text_of(&u.unit_name),
                    Cell::text_of(state_label(lang, u.state)),
                    Cell::text_of(lang.t(if u.frozen {
                        "doc.figures.frozen"
                    } else {
                        "doc.figures.live"
                    })),
                ]
            })
            .collect();
        let t = Table {
            caption: b.t("doc.cap.accounts"),
            columns: b.cols(&[
                "doc.col.unit",
                "doc.col.name",
                "doc.col.state",
                "doc.col.figures",
            ]),
            rows,
            sheet: Some(b.t("doc.sheet.accounts")),
            in_doc: true,
        };
        b.table(t);

        // The key figures, this year and the years before.
        b.heading(2, b.t("doc.key_figures"));
        let mut columns = vec![b.t("doc.col.figure")];
        columns.extend(c.years.iter().map(i32::to_string));
        let rows = c
            .key_figures
            .iter()
            .map(|k| {
                let mut row = vec![Cell::text_of(figure_label(lang, k.figure))];
                row.extend(c.years.iter().enumerate().map(|(i, _)| {
                    k.values
                        .get(i)
                        .map(|v| Cell::of(k.figure.measure(), *v))
                        .unwrap_or(Cell::Empty)
                }));
                row
            })
            .collect();
        let t = Table {
            caption: lang.f("doc.cap.key_figures", &[("year", &c.year)]),
            columns,
            rows,
            sheet: Some(b.t("doc.sheet.key_figures")),
            in_doc: true,
        };
        b.table(t);
        // Every unit's headline figures side by side: the annex only (too wide to read
        // in a document, where each unit has its own section).
        let mut columns = vec![b.t("doc.col.figure")];
        columns.extend(c.units.iter().map(|u| clean_line(&u.unit_code)));
        let rows = Figure::ALL
            .iter()
            .map(|f| {
                let mut row = vec![Cell::text_of(figure_label(lang, *f))];
                row.extend(
                    c.units
                        .iter()
                        .map(|u| Cell::of(f.measure(), u.figures.value(*f))),
                );
                row
            })
            .collect();
        let t = Table {
            caption: lang.f("doc.cap.per_unit", &[("year", &c.year)]),
            columns,
            rows,
            sheet: Some(b.t("doc.sheet.per_unit")),
            in_doc: false,
        };
        b.table(t);

        // The charts.
        b.heading(2, b.t("doc.charts"));
        b.chart(
            c,
            "doc.chart.hours",
            "doc.sheet.chart_hours",
            "doc.col.unit",
            &c.charts.person_hours_per_unit,
            str::to_string,
        );
        b.chart(
            c,
            "doc.chart.grant",
            "doc.sheet.chart_grant",
            "doc.col.programme",
            &c.charts.eu_grant_per_programme,
            |w| {
                Programme::parse(w)
                    .map(|p| lang.t(p.key()).to_string())
                    .unwrap_or_else(|| w.to_string())
            },
        );
        b.chart(
            c,
            "doc.chart.contacts",
            "doc.sheet.chart_contacts",
            "doc.col.country",
            &c.charts.contacts_per_country,
            |code| lang.country(code),
        );

        // The whole municipality in detail.
        b.heading(2, lang.f("doc.municipality", &[("year", &c.year)]));
        let before = b.blocks.len();
        b.breakdowns(&c.municipality);
        if b.blocks.len() == before {
            b.para(b.t("doc.no_data"));
        }

        // Projects for the executive board's follow-up.
        b.heading(2, b.t("doc.projects"));
        let rows = c
            .projects
            .iter()
            .map(|p| {
                let name = if p.acronym.trim().is_empty() {
                    clean_line(&p.name)
                } else {
                    format!("{} – {}", clean_line(&p.acronym), clean_line(&p.name))
                };
                let amount = |sek: Option<i64>, own: Option<i64>| match (sek, own) {
                    (Some(s), _) => Cell::Sek(s),
                    (None, Some(a)) => Cell::money(a, &p.currency),
                    (None, None) => Cell::Empty,
                };
                let next = p.next_milestone.as_ref();
                vec![
                    Cell::Text(name),
                    Cell::text_of(lang.t(p.programme.key())),
                    Cell::text_of(lang.t(p.role.key())),
                    Cell::text_of(lang.t(p.status.key())),
                    Cell::text_of(p.lead_unit_code.as_deref().unwrap_or_default()),
                    Cell::date(p.start.as_deref()),
                    Cell::date(p.end.as_deref()),
                    amount(p.budget_total_sek, p.budget_total),
                    amount(p.eu_grant_sek, p.eu_grant),
                    next.map(|m| Cell::text_of(&m.title)).unwrap_or(Cell::Empty),
                    Cell::date(next.and_then(|m| m.due.as_deref())),
                ]
            })
            .collect();
        let t = Table {
            caption: lang.f("doc.cap.projects", &[("year", &c.year)]),
            columns: b.cols(&[
                "doc.col.project",
                "doc.col.programme",
                "doc.col.role",
                "doc.col.status",
                "doc.col.unit",
                "doc.col.start",
                "doc.col.end",
                "doc.col.budget",
                "doc.col.eu_grant",
                "doc.col.next_milestone",
                "doc.col.due",
            ]),
            rows,
            sheet: Some(b.t("doc.sheet.projects")),
            in_doc: true,
        };
        b.table(t);

        // The action plans.
        b.heading(2, b.t("doc.plans"));
        let rows = c
            .plans
            .iter()
            .map(|p| {
                vec![
                    Cell::text_of(&p.title),
                    Cell::text_of(
                        p.unit_code
                            .as_deref()
                            .unwrap_or_else(|| lang.t("plan.municipality")),
                    ),
                    Cell::Count(p.items.done),
                    Cell::Count(p.items.in_progress),
                    Cell::Count(p.items.not_started),
                    Cell::Count(p.items.cancelled),
                    Cell::Count(p.items.overdue),
                ]
            })
            .collect();
        let t = Table {
            caption: lang.f("doc.cap.plans", &[("year", &c.year)]),
            columns: b.cols(&[
                "doc.col.plan",
                "doc.col.unit",
                "doc.col.done",
                "doc.col.in_progress",
                "doc.col.not_started",
                "doc.col.cancelled",
                "doc.col.overdue",
            ]),
            rows,
            sheet: Some(b.t("doc.sheet.plans")),
            in_doc: true,
        };
        b.table(t);

        // The network memberships.
        b.heading(2, b.t("doc.memberships"));
        let mut t = b.memberships("doc.cap.memberships", &c.memberships);
        t.sheet = Some(b.t("doc.sheet.memberships"));
        b.table(t);

        // One section per unit.
        b.heading(2, b.t("doc.units"));
        if c.units.is_empty() {
            b.para(b.t("doc.no_units"));
        }
        for u in &c.units {
            b.heading(
                3,
                format!(
                    "{} – {}",
                    clean_line(&u.unit_code),
                    clean_line(&u.unit_name)
                ),
            );
            let figures_note = if u.frozen {
                b.t("doc.unit_frozen")
            } else {
                lang.f("doc.unit_live", &[("date", &clean_line(&u.figures.as_of))])
            };
            b.para(format!(
                "{} {figures_note}",
                lang.f("doc.unit_state", &[("state", &state_label(lang, u.state))])
            ));
            let rows = u
                .figures
                .headline()
                .into_iter()
                .map(|(f, v)| {
                    vec![
                        Cell::text_of(figure_label(lang, f)),
                        Cell::of(f.measure(), v),
                    ]
                })
                .collect();
            let t = Table {
                caption: lang.f(
                    "doc.cap.unit_figures",
                    &[("unit", &clean_line(&u.unit_code)), ("year", &c.year)],
                ),
                columns: b.cols(&["doc.col.figure", "doc.col.value"]),
                rows,
                sheet: None,
                in_doc: true,
            };
            b.table(t);
            b.breakdowns(&u.figures);
            if !u.figures.memberships.is_empty() {
                let t = b.memberships("doc.cap.unit_memberships", &u.figures.memberships);
                b.table(t);
            }
            match &u.words {
                None => b.para(b.t("doc.words_hidden")),
                Some(w) if w.is_empty() => b.para(b.t("doc.words_none")),
                Some(w) => {
                    for part in WordsPart::ALL {
                        let text = clean(w.get(*part));
                        if text.is_empty() {
                            continue;
                        }
                        b.heading(4, words_label(lang, *part).to_string());
                        b.blocks.push(Block::Text(text));
                    }
                }
            }
        }

        Doc {
            lang,
            year: c.year,
            as_of: clean_line(&c.municipality.as_of),
            title,
            blocks: b.blocks,
        }
    }
}

/// Splits a stored long text into paragraphs (blank lines between) of lines.
pub fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end();
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_language_writes_them() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1 000");
        assert_eq!(group(-1_212_446), "-1 212 446");
        assert_eq!(group(i64::MIN), "-9 223 372 036 854 775 808");
        assert_eq!(Cell::Minutes(90).text(Lang::Sv), "1,5");
        assert_eq!(Cell::Minutes(90).text(Lang::En), "1.5");
        assert_eq!(Cell::Minutes(60 * 12_345 + 30).text(Lang::Sv), "12 345,5");
        assert_eq!(Cell::Sek(123_456_750).text(Lang::Sv), "1 234 568");
        assert_eq!(Cell::Sek(-150).text(Lang::Sv), "-2");
        assert_eq!(Cell::Sek(i64::MAX).text(Lang::Sv), "92 233 720 368 547 758");
        assert_eq!(
            Cell::money(1_250_050, "eur").text(Lang::Sv),
            "12 500,50 EUR"
        );
        assert_eq!(Cell::money(-5, "EUR").text(Lang::En), "-0.05 EUR");
        assert_eq!(Cell::money(-250, "EUR").text(Lang::En), "-2.50 EUR");
        assert_eq!(Cell::money(500, "SEK"), Cell::Sek(500));
        assert_eq!(
            Cell::money(1, "E\u{1b}U<R>X"),
            Cell::Money {
                minor: 1,
                currency: "EUR".into()
            }
        );
    }

    #[test]
    fn stored_text_is_cleaned() {
        assert_eq!(clean_line(" a\x1b[31m\nb\u{202E}c\r\n "), "a[31m bc");
        assert_eq!(
            paragraphs("one\ntwo\n\n\nthree\n"),
            vec![vec!["one", "two"], vec!["three"]]
        );
    }

    #[test]
    fn formats_parse() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(*f));
        }
        assert_eq!(Format::parse("PDF"), None);
        assert!(Format::Xlsx.is_binary() && !Format::Md.is_binary());
    }

    #[test]
    fn every_label_is_in_both_catalogues() {
        for lang in [Lang::Sv, Lang::En] {
            for f in Figure::ALL {
                assert!(!figure_label(lang, *f).starts_with("figure."), "{f:?}");
            }
            for s in [None]
                .into_iter()
                .chain(AccountState::ALL.iter().copied().map(Some))
            {
                assert!(!state_label(lang, s).starts_with("account_state."));
            }
            for p in WordsPart::ALL {
                assert!(!words_label(lang, *p).starts_with("words_part."));
            }
        }
    }
}
