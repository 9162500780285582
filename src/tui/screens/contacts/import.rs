//! Importing contacts from the Contacts screen (`I`, issue 14): a panel over the
//! list in two steps. **The file**: its path (`~` is the home directory; Tab
//! completes from the directory listing), the format (automatic, vCard, CSV) and the
//! unit that owns new organisations; a file that cannot be read says why here and
//! keeps the path. **The preview**: what the file was read as, the plan's counts and
//! its details (each update's fields, each near-duplicate with what it resembles and
//! the choice "create anyway" or "skip", each refused row with its line); Enter or
//! Ctrl-S imports it in one step, which `u` undoes as one.
//!
//! Reading the file and the preview's texts are the CLI's
//! ([`crate::interchange::contacts::preview`]); the plan and the write are the
//! store's (`Store::plan_import`, `Store::apply_import`). Near-duplicates left at
//! "skip" are not made, as `intnet import` without `--create-anyway`.

use super::super::super::component::Overlay;
use super::super::super::component::{Cx, Effect, is_movement, step};
use super::super::super::keymap::{Action, Context};
use super::super::super::theme::View;
use super::super::super::widgets::input::{Edit, Input};
use super::super::super::widgets::popup::popup;
use crate::interchange::contacts::Format;
use crate::interchange::contacts::preview::{self, Detail, Item, Source};
use crate::model::{Actor, ImportPlan, Incoming, Unit};
use crate::store::Error;
use crate::text::{sanitize_line as clean, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::path::PathBuf;

/// The import panel (see the module header).
#[derive(Debug)]
pub struct ImportPanel {
    pub path: Input,
    /// `None`: by the file's name and first line.
    pub format: Option<Format>,
    /// Units that may own the new organisations; `unit` indexes it (`None`: the
    /// importer's own unit).
    units: Vec<Unit>,
    pub unit: Option<usize>,
    /// The importer's own unit's code, if any.
    own_unit: Option<String>,
    /// Why the file could not be read, or what Tab found.
    pub message: Option<Note>,
    pub preview: Option<Preview>,
    done: bool,
}

/// A line under the file's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    Error(String),
    Info(String),
}

/// A file read and planned.
#[derive(Debug)]
pub struct Preview {
    pub source: Source,
    incoming: Incoming,
    pub plan: ImportPlan,
    read_as: String,
    summary: String,
    pub details: Vec<Detail>,
    /// The detail line under the cursor.
    pub cursor: usize,
    /// Per near-duplicate: create it anyway (else skip it).
    pub create: Vec<bool>,
    /// Someone wrote to the database since the plan was made: it is made again
    /// before importing (not at every commit: a large file's plan takes seconds).
    stale: bool,
    /// Making it again changed what it would do: the user sees the new preview and
    /// confirms again.
    pub changed: bool,
}

impl ImportPanel {
    pub fn new(cx: &Cx) -> Result<ImportPanel, Error> {
        let units = cx.store.units()?;
        let own_unit = cx
            .actor
            .unit_id
            .and_then(|id| units.iter().find(|u| u.id == id))
            .map(|u| u.code.clone());
        Ok(ImportPanel {
            path: Input::default(),
            format: None,
            units,
            unit: None,
            own_unit,
            message: None,
            preview: None,
            done: false,
        })
    }

    fn owner_unit(&self) -> Option<i64> {
        self.unit.and_then(|i| self.units.get(i)).map(|u| u.id)
    }

    /// Reads the file and plans the import; an error stays in the file step.
    fn read(&mut self, cx: &Cx) -> Result<(), Error> {
        let typed = self.path.value.trim();
        if typed.is_empty() {
            self.message = Some(Note::Error(cx.lang.t("err.import_no_path").to_string()));
            return Ok(());
        }
        let path = expand_home(typed);
        // Only a plain file: reading a pipe or a device (`/dev/zero`) would never end.
        if std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
            self.message = Some(Note::Error(
                cx.lang
                    .f("err.import_not_file", &[("path", &path.display())]),
            ));
            return Ok(());
        }
        match preview::load(&path, self.format, &[]) {
            Ok((source, incoming)) => {
                self.message = None;
                let mut p = Preview {
                    source,
                    incoming,
                    plan: ImportPlan::default(),
                    read_as: String::new(),
                    summary: String::new(),
                    details: Vec::new(),
                    cursor: 0,
                    create: Vec::new(),
                    stale: false,
                    changed: false,
                };
                p.plan_again(cx)?;
                self.preview = Some(p);
            }
            Err(e) => {
                self.message = Some(Note::Error(e.message(cx.lang, "err.import_headers_tui")));
            }
        }
        Ok(())
    }

    /// Imports the preview's plan in one step; the panel closes.
    fn import(&mut self, cx: &Cx) -> Result<Effect, Error> {
        let owner = self.owner_unit();
        let Some(p) = &mut self.preview else {
            return Ok(Effect::None);
        };
        if p.plan.is_empty() {
            self.done = true;
            return Ok(Effect::Changed(cx.lang.t("import.nothing").to_string()));
        }
        if std::mem::take(&mut p.stale) {
            let (summary, details) = (p.summary.clone(), p.details.clone());
            p.plan_again(cx)?;
            if p.summary != summary || p.details != details {
                p.changed = true;
                return Ok(Effect::None);
            }
        }
        p.changed = false;
        let plan = preview::with_choices(&p.plan, &p.create);
        let done = match cx.store.apply_import(
            cx.actor,
            &plan,
            &preview::batch(&p.source),
            false,
            owner,
            &mut |_| {},
        ) {
            Ok(done) => done,
            Err(e) => {
                // Nothing was written; what the registry holds now is previewed
                // again (a colleague may have changed a record the plan updates).
                p.plan_again(cx)?;
                return Err(e);
            }
        };
        self.done = true;
        Ok(Effect::Changed(preview::done(
            cx.lang,
            "import.done_tui",
            &done,
        )))
    }
}

impl Preview {
    /// Plans the file's contents against the registry as it is now (again after a
    /// change by anyone); the choices stay when the near-duplicates are the same.
    fn plan_again(&mut self, cx: &Cx) -> Result<(), Error> {
        let note = preview::source_note(cx.lang, &self.source);
        let plan = cx.store.plan_import(self.incoming.clone(), "", &note)?;
        if plan.near_duplicates.len() != self.create.len() {
            self.create = vec![false; plan.near_duplicates.len()];
        }
        self.read_as = preview::read_as(cx.lang, &self.source);
        self.summary = preview::summary(cx.lang, &plan);
        self.details = preview::details(cx.lang, &plan, "import.near_tui");
        self.cursor = self.cursor.min(self.details.len().saturating_sub(1));
        self.plan = plan;
        Ok(())
    }

    fn selected_near(&self) -> Option<usize> {
        match self.details.get(self.cursor)?.item {
            Item::Near(i) => Some(i),
            _ => None,
        }
    }
}

impl Overlay for ImportPanel {
    fn context(&self) -> Context {
        if self.preview.is_some() {
            Context::ImportPreview
        } else {
            Context::ImportFile
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        if let Some(p) = &mut self.preview {
            match action {
                a if is_movement(a) => {
                    let last = p.details.len().saturating_sub(1) as i64;
                    let page = (cx.height - 8).max(1);
                    p.cursor = (p.cursor as i64)
                        .saturating_add(step(a, page))
                        .clamp(0, last.max(0)) as usize;
                }
                Action::CreateAnyway => {
                    if let Some(c) = p.selected_near().and_then(|i| p.create.get_mut(i)) {
                        *c = !*c;
                    }
                }
                Action::CreateAll => {
                    let all = p.create.iter().all(|c| *c);
                    p.create.iter_mut().for_each(|c| *c = !all);
                }
                // Writing takes a while for a large file: say so first (`resume`).
                Action::ConfirmImport if !p.plan.is_empty() => {
                    return Ok(Effect::Working(cx.lang.t("import.working").to_string()));
                }
                Action::ConfirmImport => return self.import(cx),
                Action::Back => self.preview = None,
                _ => {}
            }
            return Ok(Effect::None);
        }
        match action {
            Action::ReadFile => self.read(cx)?,
            Action::CompletePath => {
                let (value, matches) = complete(&self.path.value);
                self.message = match matches.len() {
                    0 => Some(Note::Error(cx.lang.t("import.no_match").to_string())),
                    1 => None,
                    n => Some(Note::Info(cx.lang.f(
                        "import.matches",
                        &[("n", &n), ("names", &shown_matches(&matches))],
                    ))),
                };
                self.path = Input::new(&value);
            }
            Action::CycleFormat => {
                self.format = match self.format {
                    None => Some(Format::Vcard),
                    Some(Format::Vcard) => Some(Format::Csv),
                    Some(Format::Csv) => None,
                }
            }
            Action::CycleUnit => {
                self.unit = match self.unit {
                    None if !self.units.is_empty() => Some(0),
                    Some(i) if i + 1 < self.units.len() => Some(i + 1),
                    _ => None,
                }
            }
            Action::Back => self.done = true,
            _ => {}
        }
        Ok(Effect::None)
    }

    fn input(&mut self, edit: Edit, _cx: &Cx) -> Result<Effect, Error> {
        if self.preview.is_none() && self.path.handle(edit) {
            self.message = None;
        }
        Ok(Effect::None)
    }

    fn offers(&self, action: Action, actor: &Actor) -> bool {
        match (&self.preview, action) {
            (_, Action::ReadFile | Action::ConfirmImport) => actor.can_edit_partners(),
            (Some(p), Action::CreateAnyway) => p.selected_near().is_some(),
            (Some(p), Action::CreateAll) => !p.create.is_empty(),
            _ => true,
        }
    }

    fn refresh(&mut self, _cx: &Cx) -> Result<(), Error> {
        if let Some(p) = &mut self.preview {
            p.stale = true;
        }
        Ok(())
    }

    fn resume(&mut self, cx: &Cx) -> Result<Effect, Error> {
        self.import(cx)
    }

    fn done(&self) -> bool {
        self.done
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: View) {
        let width = area.width.saturating_sub(4).min(110);
        let height = area.height.saturating_sub(2);
        let x = area.x + (area.width.saturating_sub(width)) / 2;
        let rect = Rect::new(x, area.y + 1, width, height);
        let title = match &self.preview {
            Some(_) => v.lang.t("import.preview_title"),
            None => v.lang.t("import.title"),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(v.theme.border)
            .title(Span::styled(format!(" {title} "), v.theme.title));
        popup(f, rect, block, |f, inner| match &self.preview {
            Some(p) => self.draw_preview(f, inner, p, v),
            None => self.draw_file(f, inner, v),
        });
    }
}

impl ImportPanel {
    fn unit_label(&self, v: View) -> String {
        match self.unit.and_then(|i| self.units.get(i)) {
            Some(u) => format!("{} {}", u.code, u.name),
            None => match &self.own_unit {
                Some(code) => v.lang.f("import.unit_mine", &[("unit", code)]),
                None => v.lang.t("import.unit_none").to_string(),
            },
        }
    }

    fn draw_file(&self, f: &mut Frame, area: Rect, v: View) {
        let area = area.inner(Margin::new(1, 0));
        let t = v.theme;
        let label_w = ["import.path", "import.format", "import.unit"]
            .iter()
            .map(|k| unicode_width::UnicodeWidthStr::width(v.lang.t(k)))
            .max()
            .unwrap_or(0)
            + 2;
        let label = |k: &str| Span::styled(format!("{:<w$}", v.lang.t(k), w = label_w), t.muted);
        let field_w = usize::from(area.width).saturating_sub(label_w + 3);
        // The path, its end in view, with a caret where the cursor is.
        let chars: Vec<char> = self.path.value.chars().collect();
        let cursor = self.path.cursor.min(chars.len());
        let before: String = chars[..cursor].iter().collect();
        let after: String = chars[cursor..].iter().collect();
        let before = clean(&before).into_owned();
        let shown_before = tail(&before, field_w.saturating_sub(1));
        let format = match self.format {
            None => v.lang.t("import.format_auto"),
            Some(Format::Vcard) => "vCard",
            Some(Format::Csv) => "CSV",
        };
        let mut lines = vec![
            Line::from(""),
            Line::from(vec![
                label("import.path"),
                Span::raw(shown_before.to_string()),
                Span::styled("▏", t.caret),
                Span::raw(
                    truncate(
                        &clean(&after),
                        field_w.saturating_sub(
                            unicode_width::UnicodeWidthStr::width(shown_before.as_ref()) + 1,
                        ),
                    )
                    .into_owned(),
                ),
            ]),
            Line::from(vec![label("import.format"), Span::raw(format.to_string())]),
            Line::from(vec![
                label("import.unit"),
                Span::raw(clean(&self.unit_label(v)).into_owned()),
            ]),
            Line::from(""),
        ];
        match &self.message {
            Some(Note::Error(e)) => lines.push(Line::styled(clean(e).into_owned(), t.error)),
            Some(Note::Info(i)) => lines.push(Line::styled(clean(i).into_owned(), t.muted)),
            None => lines.push(Line::styled(
                v.lang.t("import.file_help").to_string(),
                t.muted,
            )),
        }
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }

    fn draw_preview(&self, f: &mut Frame, area: Rect, p: &Preview, v: View) {
        let area = area.inner(Margin::new(1, 0));
        let t = v.theme;
        let w = usize::from(area.width);
        let [head, list, full, foot] = Layout::vertical([
            Constraint::Length(if p.changed { 7 } else { 5 }),
            Constraint::Min(1),
            Constraint::Length(2),
            Constraint::Length(2),
        ])
        .areas(area);
        let mut head_lines = vec![
            Line::from(clean(&p.read_as).into_owned()),
            Line::styled(p.summary.clone(), t.title),
        ];
        if p.changed {
            head_lines.push(Line::styled(v.lang.t("import.changed"), t.error));
        }
        head_lines.extend([Line::from(vec![
            Span::styled(format!("{} ", v.lang.t("import.unit")), t.muted),
            Span::raw(clean(&self.unit_label(v)).into_owned()),
        ])]);
        f.render_widget(Paragraph::new(head_lines).wrap(Wrap { trim: false }), head);
        // A detail line: its choice in front of a near-duplicate, its style.
        let row = |d: &Detail| {
            let (mark, style) = match d.item {
                Item::Near(n) if p.create.get(n).copied().unwrap_or(false) => {
                    (v.lang.t("import.choice_create"), t.warning)
                }
                Item::Near(_) => (v.lang.t("import.choice_skip"), t.warning),
                Item::Refused => ("", t.error),
                Item::Update => ("", t.accent),
            };
            let text = clean(d.text.trim_start()).into_owned();
            let text = if mark.is_empty() {
                text
            } else {
                format!("[{mark}] {text}")
            };
            (text, style)
        };
        let rows = usize::from(list.height);
        let top = p.cursor.saturating_sub(rows.saturating_sub(1));
        let mut lines = Vec::new();
        if p.plan.is_empty() && p.details.is_empty() {
            lines.push(Line::styled(v.lang.t("import.nothing").to_string(), t.ok));
        }
        for (i, d) in p.details.iter().enumerate().skip(top).take(rows) {
            let (text, style) = row(d);
            let style = if i == p.cursor { t.selected } else { style };
            lines.push(Line::styled(truncate(&text, w).into_owned(), style));
        }
        // The selected line in full when it did not fit.
        if let Some((text, _)) = p.details.get(p.cursor).map(row)
            && unicode_width::UnicodeWidthStr::width(text.as_str()) > w
        {
            f.render_widget(
                Paragraph::new(Line::styled(text, t.note)).wrap(Wrap { trim: false }),
                full,
            );
        }
        f.render_widget(Paragraph::new(lines), list);
        let key = if p.plan.is_empty() {
            "import.confirm_nothing"
        } else {
            "import.confirm"
        };
        f.render_widget(
            Paragraph::new(Line::styled(v.lang.t(key).to_string(), t.muted))
                .wrap(Wrap { trim: false }),
            foot,
        );
    }
}

/// The end of `s` that fits in `width` columns.
fn tail(s: &str, width: usize) -> std::borrow::Cow<'_, str> {
    use unicode_width::UnicodeWidthChar;
    let mut w = 0;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        w += c.width().unwrap_or(0);
        if w > width {
            break;
        }
        start = i;
    }
    if start == 0 {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(format!(
            "…{}",
            &s[start..].chars().skip(1).collect::<String>()
        ))
    }
}

/// The first names that match, for the line under the path.
fn shown_matches(names: &[String]) -> String {
    const SHOWN: usize = 40;
    let mut out = names
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("  ");
    if names.len() > SHOWN {
        out.push_str("  …");
    }
    out
}

/// `~` and `~/…` in the home directory; anything else as typed.
pub fn expand_home(typed: &str) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            let mut p = PathBuf::from(home);
            p.push(rest.trim_start_matches('/'));
            p
        }
        _ => PathBuf::from(typed),
    }
}

/// At most this many entries of a directory are looked at when completing.
const MAX_ENTRIES: usize = 5000;

/// Completes a typed path from its directory's listing: the common prefix of the
/// names that begin with what was typed after the last `/` (a directory that is the
/// only match gets its `/`). Gives the new text and the names that match (hidden
/// ones only when a `.` was typed). An unreadable directory matches nothing.
pub fn complete(typed: &str) -> (String, Vec<String>) {
    let (dir, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let listed = if dir.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir)
    };
    let mut names: Vec<(String, bool)> = match std::fs::read_dir(&listed) {
        Ok(entries) => entries
            .take(MAX_ENTRIES)
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let is_dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
                Some((name, is_dir))
            })
            .filter(|(n, _)| {
                n.starts_with(prefix) && (prefix.starts_with('.') || !n.starts_with('.'))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    let Some((first, _)) = names.first() else {
        return (typed.to_string(), Vec::new());
    };
    let mut common: String = first.clone();
    for (n, _) in &names[1..] {
        let len = common
            .chars()
            .zip(n.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        common.truncate(len);
    }
    let mut value = format!("{dir}{common}");
    if let [(_, true)] = names.as_slice() {
        value.push('/');
    }
    let shown = names
        .into_iter()
        .map(|(n, d)| if d { format!("{n}/") } else { n })
        .collect();
    (value, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_the_common_prefix_and_a_lone_directory() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().display().to_string();
        std::fs::write(dir.path().join("kontakter-2025.csv"), "").unwrap();
        std::fs::write(dir.path().join("kontakter-2026.vcf"), "").unwrap();
        std::fs::create_dir(dir.path().join("arkiv")).unwrap();
        std::fs::write(dir.path().join(".dold"), "").unwrap();
        let (v, m) = complete(&format!("{base}/ko"));
        assert_eq!(v, format!("{base}/kontakter-202"));
        assert_eq!(m.len(), 2);
        let (v, m) = complete(&format!("{base}/ar"));
        assert_eq!(v, format!("{base}/arkiv/"));
        assert_eq!(m, ["arkiv/"]);
        let (v, m) = complete(&format!("{base}/"));
        assert_eq!(v, format!("{base}/"), "three names share nothing");
        assert_eq!(m.len(), 3, "the hidden file is not offered: {m:?}");
        // A directory that does not exist or cannot be read: nothing, no panic.
        let (v, m) = complete(&format!("{base}/nope/x"));
        assert_eq!(v, format!("{base}/nope/x"));
        assert!(m.is_empty());
    }

    #[test]
    fn a_tilde_is_the_home_directory() {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        if let Some(home) = home.filter(|h| !h.as_os_str().is_empty()) {
            assert_eq!(expand_home("~/a.vcf"), home.join("a.vcf"));
            assert_eq!(expand_home("~"), home);
        }
        assert_eq!(expand_home("~user/a"), PathBuf::from("~user/a"));
        assert_eq!(expand_home("/tmp/a"), PathBuf::from("/tmp/a"));
    }

    #[test]
    fn tail_keeps_the_end_of_a_long_path() {
        assert_eq!(
            tail("/home/eva/kontakter.vcf", 40),
            "/home/eva/kontakter.vcf"
        );
        let t = tail("/home/eva/kontakter.vcf", 10);
        assert!(t.starts_with('…') && t.ends_with("ter.vcf"), "{t}");
        assert!(
            unicode_width::UnicodeWidthStr::width(t.as_ref()) <= 10,
            "{t}"
        );
    }
}
