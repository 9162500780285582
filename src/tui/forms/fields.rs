//! What several forms build alike: option lists from the model's enums, the choice
//! lists loaded from the store (members, units), and the small conversions between a
//! field's text and a record's value. A choice list that cannot be loaded is an error
//! for the caller to show, never an empty list.

use crate::i18n::Lang;
use crate::model::{FieldError, GrowthArea, PriorityArea, Role, parse_amount, parse_rate};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

use super::FormState;

/// The values of an enum as (stored word, label in `lang`).
pub(super) fn options<T: Copy>(
    lang: Lang,
    all: &[T],
    word: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (word(*v).to_string(), lang.t(key(*v)).to_string()))
        .collect()
}

/// "—" (nothing chosen), then `rest`.
pub(super) fn none_then(rest: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), "—".to_string())];
    v.extend(rest);
    v
}

/// The priority areas as tick boxes.
pub(super) fn area_field(lang: Lang, chosen: &[PriorityArea]) -> Field {
    let words: Vec<String> = chosen.iter().map(|p| p.as_str().to_string()).collect();
    Field::multi(
        "priority_areas",
        options(
            lang,
            PriorityArea::ALL,
            PriorityArea::as_str,
            PriorityArea::key,
        ),
        &words,
    )
}

/// The growth areas as tick boxes.
pub(super) fn growth_field(lang: Lang, chosen: &[GrowthArea]) -> Field {
    let words: Vec<String> = chosen.iter().map(|p| p.as_str().to_string()).collect();
    Field::multi(
        "growth_areas",
        options(lang, GrowthArea::ALL, GrowthArea::as_str, GrowthArea::key),
        &words,
    )
}

/// The active members who are not viewers, as (id, name): those who can own, lead or
/// take part in something.
pub(super) fn doers(store: &Store) -> Result<Vec<(String, String)>, Error> {
    Ok(store
        .members()?
        .into_iter()
        .filter(|m| m.active && m.role != Role::Viewer)
        .map(|m| (m.id.to_string(), m.full_name))
        .collect())
}

/// "—", then the active members who are not viewers.
pub(super) fn member_options(store: &Store) -> Result<Vec<(String, String)>, Error> {
    doers(store).map(none_then)
}

/// The units by code, as (id, code).
pub(super) fn units(store: &Store) -> Result<Vec<(String, String)>, Error> {
    Ok(store
        .units()?
        .into_iter()
        .map(|u| (u.id.to_string(), u.code))
        .collect())
}

/// `none` (its label), then the units by code.
pub(super) fn unit_options(store: &Store, none: &str) -> Result<Vec<(String, String)>, Error> {
    let mut v = vec![(String::new(), none.to_string())];
    v.extend(units(store)?);
    Ok(v)
}

/// The unit of the member `id`, as the records a member makes are filed under it.
pub(super) fn unit_of(store: &Store, id: Option<i64>) -> Result<Option<i64>, Error> {
    let Some(id) = id else { return Ok(None) };
    Ok(store
        .members()?
        .into_iter()
        .find(|m| m.id == id)
        .and_then(|m| m.unit_id))
}

/// A record's name for a link field, or `None` when it is gone.
pub(super) fn org_name(store: &Store, id: i64) -> Result<Option<String>, Error> {
    match store.org(id) {
        Ok(o) => Ok(Some(o.data.name)),
        Err(Error::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// An optional id as a choice value.
pub(super) fn id_value(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

/// An optional amount as typed.
pub(super) fn amount_text(v: Option<i64>) -> String {
    v.map(crate::model::format_amount).unwrap_or_default()
}

/// A text field that is a date or nothing.
pub(super) fn date_or_none(f: &FormState, name: &str) -> Option<String> {
    Some(f.get(name)).filter(|d| !d.trim().is_empty())
}

/// What a reference field holds: `#12 Name` (as the edit forms write it) is `12`;
/// anything else is a name as typed.
pub(super) fn reference(s: &str) -> &str {
    let s = s.trim();
    match s.strip_prefix('#') {
        Some(rest) => rest.split_whitespace().next().unwrap_or(""),
        None => s,
    }
}

/// Parses the amount fields of a form, collecting field errors.
pub(super) fn amounts<const N: usize>(
    f: &FormState,
    names: [&'static str; N],
    errors: &mut Vec<FieldError>,
) -> [Option<i64>; N] {
    names.map(|name| {
        let parse = if name == "rate" {
            parse_rate
        } else {
            parse_amount
        };
        parse(&f.get(name)).unwrap_or_else(|k| {
            errors.push(FieldError::new(name, k));
            None
        })
    })
}

#[cfg(test)]
mod tests {
    use super::reference;

    #[test]
    fn references_are_ids_with_a_name_or_names() {
        assert_eq!(reference(" #12 Miasto Łódź"), "12");
        assert_eq!(reference("#7"), "7");
        assert_eq!(reference(" Miasto Łódź "), "Miasto Łódź");
    }
}
