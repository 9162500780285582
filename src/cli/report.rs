//! `intnet report …`: the yearly accounts and the office's compilation (issue 13).
//!
//! The words are set with one flag per part (`--operations TEXT`, …) or from a
//! Markdown file (`--file PATH`): each part starts with a level-two heading naming it,
//! by its word (`## eu_cooperation`) or its title in either language (`## EU-samarbete`);
//! what follows, up to the next such heading, is its text. Parts a file or the flags
//! leave out keep their text. `report show --words` prints the words in that same
//! form, so they can be written out, edited and read back.

use super::{Ctx, bad_input, fail, print_json};
use crate::i18n::{Lang, describe_drift, figure_value};
use crate::model::{
    Account, AccountState, AccountWords, Figure, Measure, PlanFigures, UnitFigures, WordsPart,
};
use crate::store::{Error, this_year};
use crate::text::{sanitize_block, sanitize_line as clean};
use clap::{Args, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Which unit and year a command is about.
#[derive(Debug, Args)]
pub struct Which {
    /// The unit's code (default: your own unit).
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub year: Option<i32>,
}

/// The words as flags: one per part.
#[derive(Debug, Args, Default)]
pub struct WordsArgs {
    #[arg(long)]
    pub operations: Option<String>,
    #[arg(long)]
    pub business: Option<String>,
    #[arg(long)]
    pub horizon: Option<String>,
    #[arg(long)]
    pub eu_cooperation: Option<String>,
    #[arg(long)]
    pub regional: Option<String>,
    #[arg(long)]
    pub next_year: Option<String>,
    #[arg(long = "file", id = "words_file", value_name = "PATH")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Every unit's account state for a year.
    Overview {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// One unit's account: state, figures, drift and words.
    Show {
        #[command(flatten)]
        which: Which,
        #[arg(long)]
        json: bool,
        /// Only the words, as the Markdown `edit --file` reads.
        #[arg(long)]
        words: bool,
    },
    /// Sets the unit's words.
    Edit {
        #[command(flatten)]
        which: Which,
        #[command(flatten)]
        words: WordsArgs,
    },
    /// Submits the unit's account, freezing its figures.
    Submit {
        #[command(flatten)]
        which: Which,
    },
    /// Takes the live figures into a draft or returned account.
    Refresh {
        #[command(flatten)]
        which: Which,
    },
    /// Returns a submitted account with a comment (the office).
    Return {
        #[command(flatten)]
        which: Which,
        #[arg(long)]
        comment: String,
    },
    /// Accepts a submitted account (the office).
    Accept {
        #[command(flatten)]
        which: Which,
    },
    /// Sets the year's submission deadline (the office).
    Deadline {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(id = "deadline_date", value_name = "DATE")]
        date: String,
    },
    /// The compilation of a year, as text or JSON.
    Compile {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// The compilation of a year as a document: DOCX, HTML, Markdown or XLSX.
    Export {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long = "format", id = "report_format", value_name = "FORMAT")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

/// The year asked for (default this year), refused outside the years records have.
fn year(lang: Lang, year: Option<i32>) -> Result<i32, ExitCode> {
    super::year_filter(lang, year).map(|y| y.unwrap_or_else(this_year))
}

/// The year, which must have something logged (else exit 2 saying so).
fn year_with_data(ctx: &Ctx, y: Option<i32>) -> Result<i32, ExitCode> {
    let y = year(ctx.lang, y)?;
    match ctx.store.year_has_data(y) {
        Ok(true) => Ok(y),
        Ok(false) => Err(bad_input(ctx.lang, "err.report_no_data", &[("year", &y)])),
        Err(e) => Err(fail(ctx.lang, &e)),
    }
}

/// The unit named (or the actor's own), by id and code.
fn unit(ctx: &Ctx, code: Option<&str>) -> Result<(i64, String), ExitCode> {
    let units = ctx.store.units().map_err(|e| fail(ctx.lang, &e))?;
    match code {
        Some(code) => units
            .iter()
            .find(|u| u.code.eq_ignore_ascii_case(code.trim()))
            .map(|u| (u.id, u.code.clone()))
            .ok_or_else(|| {
                let known = units
                    .iter()
                    .map(|u| u.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                bad_input(
                    ctx.lang,
                    "err.report_unknown_unit",
                    &[("code", &code), ("units", &known)],
                )
            }),
        None => ctx
            .actor
            .unit_id
            .and_then(|id| units.iter().find(|u| u.id == id))
            .map(|u| (u.id, u.code.clone()))
            .ok_or_else(|| bad_input(ctx.lang, "err.report_unit_needed", &[])),
    }
}

fn which(ctx: &Ctx, w: &Which, data: bool) -> Result<(i64, String, i32), ExitCode> {
    let (id, code) = unit(ctx, w.unit.as_deref())?;
    let y = if data {
        year_with_data(ctx, w.year)?
    } else {
        year(ctx.lang, w.year)?
    };
    Ok((id, code, y))
}

pub fn report(ctx: &Ctx, cmd: ReportCmd) -> ExitCode {
    match run(ctx, cmd) {
        Ok(code) | Err(code) => code,
    }
}

fn done(ctx: &Ctx, r: crate::store::Result<()>, key: &str, code: &str, y: i32) -> ExitCode {
    match r {
        Ok(()) => {
            println!(
                "{}",
                ctx.lang.f(key, &[("unit", &clean(code)), ("year", &y)])
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(ctx.lang, &e),
    }
}

fn run(ctx: &Ctx, cmd: ReportCmd) -> Result<ExitCode, ExitCode> {
    let lang = ctx.lang;
    let (store, me) = (&ctx.store, &ctx.actor);
    let fail = |e: Error| fail(lang, &e);
    Ok(match cmd {
        ReportCmd::Overview { year, json } => {
            let y = year_with_data(ctx, year)?;
            let overview = store.overview(me, y).map_err(fail)?;
            if json {
                return Ok(print_json(&overview));
            }
            println!(
                "{}",
                lang.f(
                    "report.overview_title",
                    &[
                        ("year", &y),
                        (
                            "deadline",
                            &clean(overview.deadline.as_deref().unwrap_or("—"))
                        )
                    ]
                )
            );
            for r in &overview.rows {
                println!(
                    "{:<8} {:<36} {:<12} {:<24} {:<20} {}",
                    clean(&r.unit_code),
                    crate::text::truncate(&clean(&r.unit_name), 36),
                    state_name(lang, r.state),
                    clean(r.submitted_by.as_deref().unwrap_or("")),
                    r.submitted_at
                        .as_deref()
                        .map(|at| lang.datetime(at))
                        .unwrap_or_default(),
                    if r.late { lang.t("report.late") } else { "" }
                );
            }
            ExitCode::SUCCESS
        }
        ReportCmd::Show {
            which: w,
            json,
            words,
        } => {
            let (id, code, y) = which(ctx, &w, !words)?;
            let account = store.account(me, id, y).map_err(fail)?;
            if words {
                print!(
                    "{}",
                    words_markdown(lang, &account.map(|a| a.words).unwrap_or_default())
                );
                return Ok(ExitCode::SUCCESS);
            }
            let live = store.unit_figures(me, id, y).map_err(fail)?;
            let drift = store.drift(me, id, y).map_err(fail)?;
            let deadline = store.account_deadline(y).map_err(fail)?;
            if json {
                return Ok(print_json(&serde_json::json!({
                    "unit": code,
                    "year": y,
                    "deadline": deadline,
                    "account": account,
                    "live_figures": live,
                    "drift": drift,
                })));
            }
            print_account(lang, &code, y, account.as_ref(), &live, deadline.as_deref());
            let drift = describe_drift(lang, &drift);
            if !drift.is_empty() {
                println!("{drift}");
            }
            ExitCode::SUCCESS
        }
        ReportCmd::Edit { which: w, words } => {
            let (id, code, y) = which(ctx, &w, false)?;
            let account = store.account(me, id, y).map_err(fail)?;
            let mut text = account
                .as_ref()
                .map(|a| a.words.clone())
                .unwrap_or_default();
            if let Some(path) = &words.file {
                let content = read_words_file(lang, path)?;
                for (part, body) in parse_words(&content).map_err(|(key, heading)| {
                    bad_input(
                        lang,
                        key,
                        &[
                            ("heading", &heading),
                            ("parts", &WordsPart::words().join(", ")),
                        ],
                    )
                })? {
                    *text.get_mut(part) = body;
                }
            }
            for (part, value) in [
                (WordsPart::Operations, words.operations),
                (WordsPart::Business, words.business),
                (WordsPart::Horizon, words.horizon),
                (WordsPart::EuCooperation, words.eu_cooperation),
                (WordsPart::Regional, words.regional),
                (WordsPart::NextYear, words.next_year),
            ] {
                if let Some(v) = value {
                    *text.get_mut(part) = v;
                }
            }
            let expected = account.map(|a| a.meta.version);
            done(
                ctx,
                store.save_words(me, id, y, expected, text).map(|_| ()),
                "report.saved",
                &code,
                y,
            )
        }
        ReportCmd::Submit { which: w } => {
            let (id, code, y) = which(ctx, &w, false)?;
            done(
                ctx,
                store.submit(me, id, y, None),
                "report.submitted",
                &code,
                y,
            )
        }
        ReportCmd::Refresh { which: w } => {
            let (id, code, y) = which(ctx, &w, false)?;
            done(
                ctx,
                store.refresh_figures(me, id, y, None),
                "report.refreshed",
                &code,
                y,
            )
        }
        ReportCmd::Return { which: w, comment } => {
            let (id, code, y) = which(ctx, &w, false)?;
            done(
                ctx,
                store.return_account(me, id, y, None, &comment),
                "report.returned",
                &code,
                y,
            )
        }
        ReportCmd::Accept { which: w } => {
            let (id, code, y) = which(ctx, &w, false)?;
            done(
                ctx,
                store.accept(me, id, y, None),
                "report.accepted",
                &code,
                y,
            )
        }
        ReportCmd::Deadline { year: yr, date } => {
            let y = year(lang, yr)?;
            match store.set_deadline(me, y, Some(&date)) {
                Ok(()) => {
                    println!(
                        "{}",
                        lang.f(
                            "report.deadline_set",
                            &[("year", &y), ("date", &clean(&date))]
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        ReportCmd::Compile { year, json } => {
            let y = year_with_data(ctx, year)?;
            let c = store.compilation(me, y).map_err(fail)?;
            if json {
                return Ok(print_json(&c));
            }
            print_compilation(lang, &c);
            ExitCode::SUCCESS
        }
        ReportCmd::Export { year, format, out } => export(ctx, year, &format, out.as_deref())?,
    })
}

/// `report export`: the compilation as a document, written to `--out` through
/// `files::write_atomic` (a temporary name beside it, then a rename, group mode), so
/// a file that cannot be written leaves nothing behind and an old file stays whole.
///
/// Without `--out`, Markdown and HTML go to stdout; DOCX and XLSX are zip packages and
/// need `--out FILE`, or `--out -` to send them down a pipe (refused when stdout is a
/// terminal). Everything is checked before the compilation is made, and the document
/// is made whole before anything is written.
fn export(
    ctx: &Ctx,
    y: Option<i32>,
    format: &str,
    out: Option<&std::path::Path>,
) -> Result<ExitCode, ExitCode> {
    use crate::interchange::report::{Format, render};
    use std::io::{IsTerminal, Write};
    let lang = ctx.lang;
    let Some(format) = Format::parse(format) else {
        return Err(bad_input(lang, "err.report_format", &[("value", &format)]));
    };
    let to_stdout = match out {
        None if format.is_binary() => {
            return Err(bad_input(
                lang,
                "err.report_needs_out",
                &[("format", &format.as_str())],
            ));
        }
        None => true,
        Some(p) if p.as_os_str() == "-" => {
            if format.is_binary() && std::io::stdout().is_terminal() {
                return Err(bad_input(
                    lang,
                    "err.report_terminal",
                    &[("format", &format.as_str())],
                ));
            }
            true
        }
        Some(_) => false,
    };
    let y = year_with_data(ctx, y)?;
    let c = ctx
        .store
        .compilation(&ctx.actor, y)
        .map_err(|e| fail(lang, &e))?;
    let bytes = render(&c, format, lang).map_err(|e| {
        eprintln!(
            "intnet: {}",
            clean(&lang.f("err.report_render", &[("detail", &e)]))
        );
        ExitCode::from(super::exit::FAILED)
    })?;
    match out {
        Some(path) if !to_stdout => {
            if let Err(e) = crate::files::write_atomic(path, &bytes, crate::files::SHARED_MODE) {
                eprintln!(
                    "intnet: {}",
                    clean(&lang.f(
                        "err.report_write",
                        &[("path", &path.display()), ("detail", &e)]
                    ))
                );
                return Err(ExitCode::from(
                    if e.kind() == std::io::ErrorKind::PermissionDenied {
                        super::exit::NOT_ALLOWED
                    } else {
                        super::exit::BAD_INPUT
                    },
                ));
            }
            println!(
                "{}",
                clean(&lang.f("cli.report_written", &[("path", &path.display())]))
            );
        }
        _ => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                return Err(fail(lang, &Error::Io(e)));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn state_name(lang: Lang, state: Option<AccountState>) -> String {
    match state {
        Some(s) => lang.t(s.key()).to_string(),
        None => lang.t("account_state.not_started").to_string(),
    }
}

/// Reads a words file: refused when missing, not text or larger than six long texts.
fn read_words_file(lang: Lang, path: &std::path::Path) -> Result<String, ExitCode> {
    let limit = (crate::model::MAX_LONG_TEXT * WordsPart::ALL.len() * 4 + 4096) as u64;
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        bad_input(
            lang,
            "err.words_file_read",
            &[("path", &shown), ("detail", &e)],
        )
    })?;
    if meta.len() > limit {
        return Err(bad_input(lang, "err.words_file_size", &[("path", &shown)]));
    }
    std::fs::read_to_string(path).map_err(|e| {
        bad_input(
            lang,
            "err.words_file_read",
            &[("path", &shown), ("detail", &e)],
        )
    })
}

/// The part a heading names: its word, or its title in Swedish or English.
fn part_of(heading: &str) -> Option<WordsPart> {
    let h = heading.trim();
    WordsPart::parse(h).or_else(|| {
        WordsPart::ALL.iter().copied().find(|p| {
            [Lang::Sv, Lang::En]
                .iter()
                .any(|l| l.t(p.key()).eq_ignore_ascii_case(h))
        })
    })
}

/// Splits a words file into parts. Errors: (message key, the offending heading or
/// line).
pub fn parse_words(content: &str) -> Result<Vec<(WordsPart, String)>, (&'static str, String)> {
    let mut out: Vec<(WordsPart, String)> = Vec::new();
    let mut current: Option<(WordsPart, Vec<&str>)> = None;
    for line in content.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            let part = part_of(heading)
                .ok_or_else(|| ("err.words_heading", clean(heading).into_owned()))?;
            if out.iter().any(|(p, _)| *p == part) || current.as_ref().is_some_and(|c| c.0 == part)
            {
                return Err(("err.words_twice", clean(heading).into_owned()));
            }
            if let Some((p, lines)) = current.take() {
                out.push((p, lines.join("\n").trim().to_string()));
            }
            current = Some((part, Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        } else if !line.trim().is_empty() && !line.starts_with("# ") {
            return Err(("err.words_before_heading", clean(line).into_owned()));
        }
    }
    if let Some((p, lines)) = current {
        out.push((p, lines.join("\n").trim().to_string()));
    }
    Ok(out)
}

/// The words as Markdown, in the form [`parse_words`] reads.
fn words_markdown(lang: Lang, words: &AccountWords) -> String {
    let mut out = String::new();
    for part in WordsPart::ALL {
        out.push_str(&format!("## {}\n\n", lang.t(part.key())));
        let text = sanitize_block(words.get(*part));
        if !text.is_empty() {
            out.push_str(&text);
            out.push_str("\n\n");
        }
    }
    out
}

fn print_figures(lang: Lang, f: &UnitFigures) {
    for (figure, v) in f.headline() {
        println!(
            "  {:<40} {:>14}",
            lang.t(figure.key()),
            figure_value(lang, figure.measure(), v)
        );
    }
    let list = |items: Vec<(String, String)>| {
        items
            .into_iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lines: [(&str, String); 8] = [
        (
            "report.by_programme",
            list(
                f.projects
                    .by_programme
                    .iter()
                    .map(|t| (lang.t(t.key.key()).to_string(), t.running.to_string()))
                    .collect(),
            ),
        ),
        (
            "report.partner_countries",
            list(
                f.projects
                    .partner_countries
                    .iter()
                    .map(|t| (clean(&t.key).into_owned(), t.count.to_string()))
                    .collect(),
            ),
        ),
        (
            "report.contacts_by_kind",
            list(
                f.contacts
                    .by_kind
                    .iter()
                    .map(|t| (lang.t(t.key.key()).to_string(), t.count.to_string()))
                    .collect(),
            ),
        ),
        (
            "report.contacts_by_country",
            list(
                f.contacts
                    .by_country
                    .iter()
                    .map(|t| (clean(&t.key).into_owned(), t.count.to_string()))
                    .collect(),
            ),
        ),
        (
            "report.new_by_kind",
            list(
                f.contacts
                    .new_by_kind
                    .iter()
                    .map(|t| (lang.t(t.key.key()).to_string(), t.count.to_string()))
                    .collect(),
            ),
        ),
        (
            "report.by_sector",
            list(
                f.contacts
                    .by_sector
                    .iter()
                    .map(|t| (lang.t(t.key.key()).to_string(), t.count.to_string()))
                    .collect(),
            ),
        ),
        (
            "report.training_by_kind",
            list(
                f.training
                    .by_kind
                    .iter()
                    .map(|h| {
                        (
                            lang.t(h.key.key()).to_string(),
                            figure_value(lang, Measure::Minutes, h.minutes),
                        )
                    })
                    .collect(),
            ),
        ),
        (
            "report.training_by_funding",
            list(
                f.training
                    .by_funding
                    .iter()
                    .map(|h| {
                        (
                            lang.t(h.key.key()).to_string(),
                            figure_value(lang, Measure::Minutes, h.minutes),
                        )
                    })
                    .collect(),
            ),
        ),
    ];
    for (key, text) in lines {
        if !text.is_empty() {
            println!("  {}: {text}", lang.t(key));
        }
    }
    for m in &f.memberships {
        println!(
            "  {} {} · {}",
            lang.t("report.membership"),
            clean(&m.network),
            crate::i18n::describe_evaluation(lang, m.last_evaluation.as_ref())
        );
    }
}

fn print_account(
    lang: Lang,
    code: &str,
    y: i32,
    account: Option<&Account>,
    live: &UnitFigures,
    deadline: Option<&str>,
) {
    println!(
        "{}",
        lang.f(
            "report.account_title",
            &[
                ("unit", &clean(code)),
                ("year", &y),
                ("state", &state_name(lang, account.map(|a| a.state)))
            ]
        )
    );
    if let Some(d) = deadline {
        println!("{}", lang.f("report.deadline", &[("date", &clean(d))]));
    }
    if let Some(a) = account {
        if let (Some(by), Some(at)) = (&a.submitted_by, &a.submitted_at) {
            println!(
                "{}",
                lang.f(
                    "report.submitted_by",
                    &[("by", &clean(by)), ("at", &lang.datetime(at))]
                )
            );
        }
        if let (Some(by), Some(at)) = (&a.decided_by, &a.decided_at) {
            println!(
                "{}",
                lang.f(
                    "report.decided_by",
                    &[("by", &clean(by)), ("at", &lang.datetime(at))]
                )
            );
        }
        if a.state == AccountState::Returned
            && let Some(c) = &a.returned_comment
        {
            println!(
                "{}",
                lang.f("report.returned_comment", &[("comment", &clean(c))])
            );
        }
    }
    let frozen = account.and_then(|a| a.figures.as_ref());
    println!(
        "{}",
        lang.t(if frozen.is_some() {
            "report.figures_frozen"
        } else {
            "report.figures_live"
        })
    );
    print_figures(lang, frozen.unwrap_or(live));
    if let Some(a) = account {
        for part in WordsPart::ALL {
            let text = a.words.get(*part);
            if !text.is_empty() {
                println!(
                    "\n{}\n{}",
                    lang.t(part.key()),
                    sanitize_block(text).trim_end()
                );
            }
        }
    }
}

fn plan_line(lang: Lang, p: &PlanFigures) -> String {
    lang.f(
        "report.plan_line",
        &[
            ("done", &p.done),
            ("progress", &p.in_progress),
            ("not", &p.not_started),
            ("cancelled", &p.cancelled),
            ("overdue", &p.overdue),
        ],
    )
}

fn print_compilation(lang: Lang, c: &crate::model::Compilation) {
    println!(
        "{}",
        lang.f("report.compilation_title", &[("year", &c.year)])
    );
    println!();
    println!("{}", lang.t("report.key_figures"));
    let years: String = c.years.iter().map(|y| format!("{y:>14}")).collect();
    println!("  {:<40}{years}", "");
    for k in &c.key_figures {
        let values: String = k
            .values
            .iter()
            .map(|v| format!("{:>14}", figure_value(lang, k.figure.measure(), *v)))
            .collect();
        println!("  {:<40}{values}", lang.t(k.figure.key()));
    }
    for u in &c.units {
        println!();
        println!(
            "{} {} — {}",
            clean(&u.unit_code),
            clean(&u.unit_name),
            state_name(lang, u.state)
        );
        for f in [
            Figure::ProjectsRunning,
            Figure::Interactions,
            Figure::Activities,
            Figure::PersonHours,
        ] {
            println!(
                "  {:<40} {:>14}",
                lang.t(f.key()),
                figure_value(lang, f.measure(), u.figures.value(f))
            );
        }
        if let Some(w) = &u.words {
            for part in WordsPart::ALL {
                let text = w.get(*part);
                if !text.is_empty() {
                    println!("  {}: {}", lang.t(part.key()), clean(text));
                }
            }
        }
    }
    println!();
    println!("{}", lang.t("report.projects"));
    for p in &c.projects {
        println!(
            "  {:<10} {:<36} {:<18} {:>12} {:>12} {} – {}  {}",
            crate::text::truncate(&clean(&p.acronym), 10),
            crate::text::truncate(&clean(&p.name), 36),
            lang.t(p.status.key()),
            p.budget_total_sek
                .map(|v| figure_value(lang, Measure::SekMinor, v))
                .unwrap_or_default(),
            p.eu_grant_sek
                .map(|v| figure_value(lang, Measure::SekMinor, v))
                .unwrap_or_default(),
            clean(p.start.as_deref().unwrap_or("")),
            clean(p.end.as_deref().unwrap_or("")),
            p.next_milestone
                .as_ref()
                .map(|m| format!(
                    "{} {}",
                    clean(m.due.as_deref().unwrap_or("")),
                    clean(&m.title)
                ))
                .unwrap_or_default()
        );
    }
    println!();
    println!("{}", lang.t("report.plans"));
    for p in &c.plans {
        println!(
            "  {:<8} {:<40} {}",
            clean(p.unit_code.as_deref().unwrap_or("")),
            crate::text::truncate(&clean(&p.title), 40),
            plan_line(lang, &p.items)
        );
    }
    println!();
    println!("{}", lang.t("report.memberships"));
    for m in &c.memberships {
        println!(
            "  {:<40} {:>12} {} · {}",
            crate::text::truncate(&clean(&m.network), 40),
            m.fee.map(crate::model::format_amount).unwrap_or_default(),
            clean(&m.currency),
            crate::i18n::describe_evaluation(lang, m.last_evaluation.as_ref())
        );
    }
    for (key, s) in [
        ("report.chart_hours", &c.charts.person_hours_per_unit),
        ("report.chart_grant", &c.charts.eu_grant_per_programme),
        ("report.chart_contacts", &c.charts.contacts_per_country),
    ] {
        println!();
        println!(
            "{}",
            lang.f(key, &[("year", &c.year), ("last", &(c.year - 1))])
        );
        for p in s.points.iter().take(12) {
            let label = crate::model::Programme::parse(&p.label)
                .filter(|_| key == "report.chart_grant")
                .map(|pr| lang.t(pr.key()).to_string())
                .unwrap_or_else(|| clean(&p.label).into_owned());
            println!(
                "  {:<30} {:>14} {:>14}",
                crate::text::truncate(&label, 30),
                figure_value(lang, s.measure, p.this_year),
                figure_value(lang, s.measure, p.last_year)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_file_by_word_or_title_and_refusals() {
        let parts = parse_words(
            "# Redovisning\n\n## operations\nRad ett\nRad två\n\n## EU-samarbete\nInterreg\n## Plans for next year\n",
        )
        .unwrap();
        assert_eq!(
            parts,
            vec![
                (WordsPart::Operations, "Rad ett\nRad två".to_string()),
                (WordsPart::EuCooperation, "Interreg".to_string()),
                (WordsPart::NextYear, String::new()),
            ]
        );
        assert_eq!(
            parse_words("## castles\nx").unwrap_err().0,
            "err.words_heading"
        );
        assert_eq!(
            parse_words("text first\n## horizon\n").unwrap_err().0,
            "err.words_before_heading"
        );
        assert_eq!(
            parse_words("## horizon\na\n## Omvärldsbevakning\nb")
                .unwrap_err()
                .0,
            "err.words_twice"
        );
        // What `show --words` prints reads back as the same words.
        let words = AccountWords {
            business: "Hamnen\n\noch logistiken".into(),
            regional: "Region Gävleborg".into(),
            ..Default::default()
        };
        let mut back = AccountWords::default();
        for (p, t) in parse_words(&words_markdown(Lang::Sv, &words)).unwrap() {
            *back.get_mut(p) = t;
        }
        assert_eq!(back, words);
    }
}
