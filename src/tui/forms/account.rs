//! The yearly account's forms (issue 13): the unit's words, one multi-line field per
//! part (the three priority areas, EU cooperation, regional coordination, plans for
//! next year), by the unit's members while the account is open; and the office's
//! comment when it returns an account; and the compilation written as a document.

use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::interchange::report::{Format, render};
use crate::model::{Account, AccountWords, Actor, FieldError, WordsPart};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;
use std::path::PathBuf;

/// The words of `unit_id`'s account for `year` (`account` `None`: not started).
pub fn open_words(
    actor: &Actor,
    unit_id: i64,
    unit_name: &str,
    year: i32,
    account: Option<&Account>,
) -> Result<FormState, Error> {
    if !actor.may_write_account(unit_id) {
        return Err(Error::Forbidden);
    }
    if account.is_some_and(|a| !a.state.is_open()) {
        return Err(Error::Rule("err.account_handed_in"));
    }
    let words = account.map(|a| a.words.clone()).unwrap_or_default();
    let fields = WordsPart::ALL
        .iter()
        .map(|p| Field::multiline(p.as_str(), words.get(*p)))
        .collect();
    Ok(FormState::new(
        FormTarget::AccountWords {
            unit_id,
            year,
            version: account.map(|a| a.meta.version),
        },
        "form.account_words",
        fields,
    )
    .about(&format!("{} {year}", unit_name.trim())))
}

/// Saves the words (starting the account as a draft when there is none).
pub(super) fn save_words(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    unit_id: i64,
    year: i32,
    version: Option<i64>,
) -> Result<Saved, Error> {
    let mut words = AccountWords::default();
    for part in WordsPart::ALL {
        *words.get_mut(*part) = f.get(part.as_str());
    }
    store.save_words(actor, unit_id, year, version, words)?;
    Ok(Saved::default())
}

/// The office's comment on an account it returns.
pub fn open_return(
    actor: &Actor,
    unit_id: i64,
    unit_name: &str,
    year: i32,
    version: i64,
) -> Result<FormState, Error> {
    if !actor.may_decide_account() {
        return Err(Error::Forbidden);
    }
    Ok(FormState::new(
        FormTarget::ReturnAccount {
            unit_id,
            year,
            version,
        },
        "form.return_account",
        vec![Field::multiline("comment", "")],
    )
    .about(&format!("{} {year}", unit_name.trim())))
}

/// Returns the account with the comment.
pub(super) fn save_return(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    unit_id: i64,
    year: i32,
    version: i64,
) -> Result<Saved, Error> {
    store.return_account(actor, unit_id, year, Some(version), &f.get("comment"))?;
    Ok(Saved::default())
}

/// The compilation of `year` as a document (`x` on the overview): the format, and the
/// file to write. A relative path is taken from the directory intnet was started in,
/// `~/` from the home directory; without an extension the format's is added.
pub fn open_export(lang: Lang, year: i32) -> FormState {
    let formats = Format::ALL
        .iter()
        .map(|f| {
            let key = format!("format.{}", f.as_str());
            (f.as_str().to_string(), lang.t(&key).to_string())
        })
        .collect();
    FormState::new(
        FormTarget::ExportReport {
            year,
            english: lang == Lang::En,
        },
        "form.export_report",
        vec![
            Field::choice("format", formats, Format::Docx.as_str()),
            Field::text("path", &lang.f("report.default_file", &[("year", &year)])),
        ],
    )
    .about(&year.to_string())
}

/// Where the document goes: `~/` expanded, the format's extension added when the
/// name has none.
pub fn export_path(typed: &str, format: Format) -> Option<PathBuf> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let mut path = match typed.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()?.home_dir().join(rest),
        None => PathBuf::from(typed),
    };
    if path.extension().is_none() {
        path.set_extension(format.as_str());
    }
    Some(path)
}

/// Writes the compilation (the same one the screen and `intnet report export` show)
/// to the chosen file: a temporary name, then renamed into place, group-readable.
pub(super) fn save_export(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    year: i32,
    lang: Lang,
) -> Result<Saved, Error> {
    let format = Format::parse(&f.get("format")).unwrap_or(Format::Docx);
    let Some(path) = export_path(&f.get("path"), format) else {
        return Err(Error::Invalid(vec![FieldError::new(
            "path",
            "err.required",
        )]));
    };
    let compilation = store.compilation(actor, year)?;
    let bytes = render(&compilation, format, lang)
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    crate::files::write_atomic(&path, &bytes, crate::files::SHARED_MODE)?;
    let shown = crate::text::sanitize_line(&path.to_string_lossy()).into_owned();
    Ok(Saved {
        message: Some(lang.f("cli.report_written", &[("path", &shown)])),
        ..Saved::default()
    })
}
