//! The personal-data panel (issue 15): `P` on a person on the Contacts detail page,
//! for the office. It shows the person's source, legal basis, date informed, last
//! verification, restriction and open requests, and does what `intnet privacy`
//! does: mark informed today, show the notice (Swedish, then English) and save it to
//! a file, write the register extract to a file (logged as a request answered),
//! restrict or lift the restriction, and answer an erasure request (the decision and
//! the reason typed here, then a question naming the person; what was reached and
//! what erasure cannot reach shown after). Everything goes through the store, which
//! enforces that only the office may and writes the audit rows; errors go back to
//! the app's error funnel.
//!
//! Also here, to keep the Contacts files' arms in one place: `V` on the detail page
//! (a person marked verified today) and the way a privacy deadline lands on its
//! person ([`Contacts::open_person`]).

use super::super::super::component::Overlay;
use super::super::super::component::{Cx, Effect};
use super::super::super::keymap::{Action, Context};
use super::super::super::theme::View;
use super::super::super::widgets::input::{Edit, Input};
use super::{Contacts, Selection};
use crate::i18n::Lang;
use crate::interchange::privacy::{Format, notice, render};
use crate::model::{Actor, Decision, PersonPrivacy, PrivacyRequest};
use crate::store::{Error, Store};
use crate::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::path::PathBuf;

mod draw;

/// What the panel shows now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The person's facts and the actions.
    Facts,
    /// The notice text, scrollable; `s` saves it.
    Notice,
    /// Typing the file the notice goes to.
    SaveNotice,
    /// Typing the extract's file (Tab: the format).
    Extract,
    /// Typing the erasure decision's reason (Tab: the decision).
    Erase,
    /// Asking before restricting (true) or lifting (false).
    AskRestrict(bool),
    /// Asking before the erasure decision.
    AskErase,
    /// What the decision did and did not reach.
    Result,
}

const FORMATS: [Format; 3] = [Format::Html, Format::Markdown, Format::Json];
const DECISIONS: [Decision; 4] = [
    Decision::Anonymised,
    Decision::Erased,
    Decision::Kept,
    Decision::Restricted,
];

fn extension(format: Format) -> &'static str {
    match format {
        Format::Html => "html",
        Format::Markdown => "md",
        Format::Json => "json",
    }
}

/// The personal-data panel (see the module header).
#[derive(Debug)]
pub struct PrivacyPanel {
    person: i64,
    name: String,
    org: String,
    verified_on: Option<String>,
    created_at: String,
    cutoff: String,
    privacy: PersonPrivacy,
    open: Vec<PrivacyRequest>,
    /// The person is no longer listed (erased, or deleted by someone).
    gone: bool,
    mode: Mode,
    /// The notice, Swedish then English, as lines.
    notice: Vec<String>,
    /// The lines after a decision.
    result: Vec<String>,
    scroll: u16,
    /// The file name (notice, extract) or the erasure's reason.
    input: Input,
    /// The retention decision's reference (erasure, kept).
    reference: Input,
    /// The erasure's second field has the cursor.
    on_reference: bool,
    format: usize,
    decision: usize,
    done: bool,
}

impl PrivacyPanel {
    /// The panel for `person`; the office only (the store refuses the rest too).
    pub fn open(cx: &Cx, person: i64) -> Result<PrivacyPanel, Error> {
        if !cx.actor.is_office() {
            return Err(Error::Forbidden);
        }
        let mut panel = PrivacyPanel {
            person,
            name: String::new(),
            org: String::new(),
            verified_on: None,
            created_at: String::new(),
            cutoff: String::new(),
            privacy: PersonPrivacy::default(),
            open: Vec::new(),
            gone: false,
            mode: Mode::Facts,
            notice: Vec::new(),
            result: Vec::new(),
            scroll: 0,
            input: Input::default(),
            reference: Input::default(),
            on_reference: false,
            format: 0,
            decision: 0,
            done: false,
        };
        panel.load(cx.store, cx.actor)?;
        Ok(panel)
    }

    fn load(&mut self, store: &Store, actor: &Actor) -> Result<(), Error> {
        match store.person(self.person) {
            Ok(p) => {
                self.org = store
                    .org(p.data.org_id)
                    .map(|o| o.data.name)
                    .unwrap_or_default();
                self.name = p.data.name;
                self.verified_on = p.data.verified_on;
                self.created_at = p.meta.created_at;
                self.gone = p.privacy.erased_at.is_some();
            }
            Err(Error::NotFound) => self.gone = true,
            Err(e) => return Err(e),
        }
        self.privacy = store.person_privacy(self.person)?;
        if self.privacy.erased_at.is_some() {
            crate::model::ERASED.clone_into(&mut self.name);
        }
        self.cutoff = store.verify_cutoff()?;
        self.open = store
            .privacy_requests(actor, Some(self.person))?
            .into_iter()
            .filter(|r| r.answered.is_none())
            .collect();
        Ok(())
    }

    fn who(&self) -> String {
        clean(&self.name).into_owned()
    }

    fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
        self.scroll = 0;
    }

    /// The default file name in the user's language, with the format's extension.
    fn extract_file(&self, lang: Lang) -> String {
        let stem = lang.f("privacy.extract_file", &[("id", &self.person)]);
        format!("{stem}.{}", extension(FORMATS[self.format]))
    }

    /// Writes `bytes` to the typed file (through `files`: a temporary name, then
    /// renamed; never through a link). Returns the path as shown.
    fn write(&self, bytes: &[u8]) -> Result<String, Error> {
        let typed = self.input.value.trim();
        if typed.is_empty() {
            return Err(Error::field("path", "err.required"));
        }
        let path = match typed.strip_prefix("~/") {
            Some(rest) => directories::BaseDirs::new()
                .map(|d| d.home_dir().join(rest))
                .unwrap_or_else(|| PathBuf::from(typed)),
            None => PathBuf::from(typed),
        };
        crate::files::write_atomic(&path, bytes, crate::files::SHARED_MODE)?;
        Ok(clean(&path.to_string_lossy()).into_owned())
    }

    fn facts_action(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        let lang = cx.lang;
        let name = self.who();
        Ok(match action {
            Action::MarkInformed => {
                cx.store.mark_informed(cx.actor, self.person, None)?;
                Effect::Changed(lang.f("msg.privacy_informed", &[("name", &name)]))
            }
            Action::Verify => {
                cx.store.verify_person(cx.actor, self.person)?;
                Effect::Changed(lang.f("msg.person_verified", &[("name", &name)]))
            }
            Action::ShowNotice => {
                let sv = notice(cx.store, self.person, Lang::Sv)?;
                let en = notice(cx.store, self.person, Lang::En)?;
                self.notice = sv.lines().map(str::to_string).collect();
                self.notice
                    .extend([String::new(), "---".into(), String::new()]);
                self.notice.extend(en.lines().map(str::to_string));
                self.set_mode(Mode::Notice);
                Effect::None
            }
            Action::ExtractData => {
                self.input = Input::new(&self.extract_file(lang));
                self.set_mode(Mode::Extract);
                Effect::None
            }
            Action::Restrict => {
                self.set_mode(Mode::AskRestrict(!self.privacy.restricted));
                Effect::None
            }
            Action::Erase => {
                self.input = Input::default();
                self.reference = Input::default();
                self.on_reference = false;
                self.decision = 0;
                self.set_mode(Mode::Erase);
                Effect::None
            }
            _ => Effect::None,
        })
    }

    /// Enter while typing: save the notice or the extract, or ask before the decision.
    fn save(&mut self, cx: &Cx) -> Result<Effect, Error> {
        let lang = cx.lang;
        match self.mode {
            Mode::SaveNotice => {
                let mut text = self.notice.join("\n");
                text.push('\n');
                let path = self.write(text.as_bytes())?;
                self.set_mode(Mode::Notice);
                Ok(Effect::Changed(
                    lang.f("msg.notice_written", &[("path", &path)]),
                ))
            }
            Mode::Extract => {
                // The request is logged (and the extract audited) by the store.
                let extract = cx.store.privacy_extract(cx.actor, self.person)?;
                let text = render(&extract, FORMATS[self.format])?;
                let path = self.write(text.as_bytes())?;
                self.set_mode(Mode::Facts);
                Ok(Effect::Changed(
                    lang.f("cli.privacy_extract_written", &[("path", &path)]),
                ))
            }
            Mode::Erase => {
                if self.input.value.trim().is_empty() {
                    return Err(Error::field("reason", "err.required"));
                }
                if DECISIONS[self.decision] == Decision::Kept
                    && self.reference.value.trim().is_empty()
                {
                    return Err(Error::field("retention_ref", "err.required"));
                }
                self.set_mode(Mode::AskErase);
                Ok(Effect::None)
            }
            _ => Ok(Effect::None),
        }
    }

    fn answer(&mut self, yes: bool, cx: &Cx) -> Result<Effect, Error> {
        let lang = cx.lang;
        let name = self.who();
        match (self.mode, yes) {
            (Mode::AskRestrict(on), true) => {
                cx.store.restrict_person(cx.actor, self.person, on)?;
                self.set_mode(Mode::Facts);
                let key = if on {
                    "msg.privacy_restricted"
                } else {
                    "msg.privacy_lifted"
                };
                Ok(Effect::Changed(lang.f(key, &[("name", &name)])))
            }
            // Erasing rewrites and compacts the file: say so first (`resume`).
            (Mode::AskErase, true)
                if matches!(
                    DECISIONS[self.decision],
                    Decision::Erased | Decision::Anonymised
                ) =>
            {
                Ok(Effect::Working(
                    lang.f("privacy.erasing", &[("name", &name)]),
                ))
            }
            (Mode::AskErase, true) => self.erase(cx),
            (Mode::AskErase, false) => {
                self.mode = Mode::Erase;
                Ok(Effect::None)
            }
            _ => {
                self.set_mode(Mode::Facts);
                Ok(Effect::None)
            }
        }
    }

    /// Carries out the erasure decided (after the question, once "working" is drawn).
    fn erase(&mut self, cx: &Cx) -> Result<Effect, Error> {
        let lang = cx.lang;
        let decision = DECISIONS[self.decision];
        let report = cx.store.erase_person(
            cx.actor,
            self.person,
            decision,
            &self.input.value,
            &self.reference.value,
        )?;
        let lines =
            crate::interchange::privacy::erasure_answer(lang, self.person, decision, &report);
        self.result = lines;
        self.input = Input::default();
        self.reference = Input::default();
        self.set_mode(Mode::Result);
        Ok(Effect::Changed(lang.f(
            "msg.privacy_decided",
            &[("request", &report.request_id)],
        )))
    }

    fn scroll_by(&mut self, action: Action, page: u16) {
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(page),
            _ => self.scroll.saturating_add(page),
        };
    }
}

impl Overlay for PrivacyPanel {
    fn context(&self) -> Context {
        match self.mode {
            Mode::Facts | Mode::Notice | Mode::Result => Context::Privacy,
            Mode::SaveNotice | Mode::Extract | Mode::Erase => Context::PrivacyInput,
            Mode::AskRestrict(_) | Mode::AskErase => Context::PrivacyConfirm,
        }
    }

    fn update(&mut self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        let page = u16::try_from(cx.height.max(1)).unwrap_or(10);
        match (self.mode, action) {
            (_, Action::Up | Action::Down | Action::PageUp | Action::PageDown)
                if self.context() == Context::Privacy =>
            {
                self.scroll_by(action, page);
                Ok(Effect::None)
            }
            (Mode::Facts, Action::Back) => {
                self.done = true;
                Ok(Effect::None)
            }
            (Mode::Notice | Mode::Result, Action::Back) => {
                self.set_mode(Mode::Facts);
                Ok(Effect::None)
            }
            (Mode::Facts, a) if self.offers(a, cx.actor) => self.facts_action(a, cx),
            (Mode::Notice, Action::SaveFile) => {
                self.input = Input::new(&cx.lang.f("privacy.notice_file", &[("id", &self.person)]));
                self.mode = Mode::SaveNotice;
                Ok(Effect::None)
            }
            (Mode::SaveNotice, Action::Back) => {
                self.mode = Mode::Notice;
                Ok(Effect::None)
            }
            (Mode::Extract | Mode::Erase, Action::Back) => {
                self.set_mode(Mode::Facts);
                Ok(Effect::None)
            }
            (Mode::Extract, Action::CycleChoice) => {
                // The extension follows the format when the name still has the old one.
                let old = format!(".{}", extension(FORMATS[self.format]));
                self.format = (self.format + 1) % FORMATS.len();
                if let Some(stem) = self.input.value.strip_suffix(&old) {
                    self.input = Input::new(&format!("{stem}.{}", extension(FORMATS[self.format])));
                }
                Ok(Effect::None)
            }
            (Mode::Erase, Action::CycleChoice) => {
                self.decision = (self.decision + 1) % DECISIONS.len();
                Ok(Effect::None)
            }
            (Mode::Erase, Action::NextField | Action::PrevField) => {
                self.on_reference = action == Action::NextField;
                Ok(Effect::None)
            }
            (_, Action::Save) => self.save(cx),
            (Mode::AskRestrict(_) | Mode::AskErase, Action::Yes | Action::No) => {
                self.answer(action == Action::Yes, cx)
            }
            _ => Ok(Effect::None),
        }
    }

    fn input(&mut self, edit: Edit, _cx: &Cx) -> Result<Effect, Error> {
        let target = match self.mode {
            Mode::SaveNotice | Mode::Extract => &mut self.input,
            Mode::Erase if self.on_reference => &mut self.reference,
            Mode::Erase => &mut self.input,
            _ => return Ok(Effect::None),
        };
        target.handle(edit);
        Ok(Effect::None)
    }

    fn offers(&self, action: Action, actor: &Actor) -> bool {
        if !actor.is_office() {
            return false;
        }
        let moves = matches!(
            action,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Back
        );
        match self.mode {
            Mode::Facts if self.gone => moves || action == Action::ExtractData,
            Mode::Facts => action != Action::SaveFile,
            Mode::Notice => moves || action == Action::SaveFile,
            Mode::Result => moves,
            Mode::Extract | Mode::SaveNotice => action != Action::NextField,
            _ => true,
        }
    }

    fn refresh(&mut self, cx: &Cx) -> Result<(), Error> {
        self.load(cx.store, cx.actor)
    }

    fn resume(&mut self, cx: &Cx) -> Result<Effect, Error> {
        match self.mode {
            Mode::AskErase => self.erase(cx),
            _ => Ok(Effect::None),
        }
    }

    fn done(&self) -> bool {
        self.done
    }

    fn draw(&self, f: &mut Frame, area: Rect, v: View) {
        draw::draw(self, f, area, v);
    }
}

impl Contacts {
    /// `P` (the panel, the office) and `V` (marked verified today) on the detail
    /// page's selected person; nothing elsewhere.
    pub(super) fn privacy_action(&self, action: Action, cx: &Cx) -> Result<Effect, Error> {
        let person = match (self.detail_open(), self.selection, &self.detail) {
            (true, Selection::Person(i), Some(d)) => d.persons.get(i),
            _ => None,
        };
        let Some(person) = person else {
            return Ok(Effect::None);
        };
        if action == Action::Verify {
            cx.store.verify_person(cx.actor, person.id)?;
            return Ok(Effect::Changed(cx.lang.f(
                "msg.person_verified",
                &[("name", &clean(&person.data.name))],
            )));
        }
        Ok(Effect::Overlay(Box::new(PrivacyPanel::open(
            cx, person.id,
        )?)))
    }

    /// Shows a person on the detail page of their organisation, selected (a privacy
    /// deadline's Enter). False when the person is not listed (deleted, or restricted
    /// and the user is not the office).
    pub fn open_person(&mut self, store: &Store, person: i64, height: i64) -> Result<bool, Error> {
        let org = match store.person(person) {
            Ok(p) => p.data.org_id,
            Err(Error::NotFound) => return Ok(false),
            Err(e) => return Err(e),
        };
        self.open_org(store, org, height)?;
        let found = self
            .detail
            .as_ref()
            .and_then(|d| d.persons.iter().position(|p| p.id == person));
        if let Some(i) = found {
            self.selection = Selection::Person(i);
        }
        Ok(found.is_some())
    }
}
