//! The yearly account's forms (issue 13): the unit's words, one multi-line field per
//! part (the three priority areas, EU cooperation, regional coordination, plans for
//! next year), by the unit's members while the account is open; and the office's
//! comment when it returns an account.

use super::{FormState, FormTarget, Saved};
use crate::model::{Account, AccountWords, Actor, WordsPart};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

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
