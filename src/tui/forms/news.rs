//! The news form: an item for the shared news feed, its dates, areas and audience
//! units. The office may pin it. A published item saves as edited; an unpublished one
//! may be kept as a draft.

use super::fields::{area_field, date_or_none, growth_field, options, units};
use super::{FormState, FormTarget, Saved};
use crate::i18n::Lang;
use crate::model::{Actor, GrowthArea, News, NewsCategory, NewsData, PriorityArea, Role};
use crate::store::{Error, Store};
use crate::tui::widgets::form::Field;

/// The form for `existing`, or for a new item.
pub fn open(
    store: &Store,
    actor: &Actor,
    lang: Lang,
    existing: Option<&News>,
) -> Result<FormState, Error> {
    if actor.role == Role::Viewer {
        return Err(Error::Forbidden);
    }
    if let Some(n) = existing
        && !actor.may_edit_news(n.author_id)
    {
        return Err(Error::Forbidden);
    }
    let (data, target, title) = match existing {
        Some(n) => (
            n.data.clone(),
            FormTarget::News {
                id: Some(n.id),
                version: n.meta.version,
                published: n.published_at.is_some(),
            },
            "form.edit_news",
        ),
        None => (
            NewsData::default(),
            FormTarget::News {
                id: None,
                version: 0,
                published: false,
            },
            "form.new_news",
        ),
    };
    let ids = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>();
    let mut fields = vec![
        Field::text("title", &data.title),
        Field::choice(
            "category",
            options(
                lang,
                NewsCategory::ALL,
                NewsCategory::as_str,
                NewsCategory::key,
            ),
            data.category.as_str(),
        ),
        Field::multiline("body", &data.body),
        Field::text("deadline", data.deadline.as_deref().unwrap_or("")),
        Field::text("event_date", data.event_date.as_deref().unwrap_or("")),
        area_field(lang, &data.priority_areas),
        growth_field(lang, &data.growth_areas),
        Field::multi("audience", units(store)?, &ids(&data.audience)),
        Field::text("links", &data.links.join(" ")),
        Field::text("expires", data.expires.as_deref().unwrap_or("")),
    ];
    if actor.is_office() {
        let yes_no = vec![
            ("no".to_string(), lang.t("action.no").to_string()),
            ("yes".to_string(), lang.t("action.yes").to_string()),
        ];
        fields.push(Field::choice(
            "pinned",
            yes_no,
            if data.pinned { "yes" } else { "no" },
        ));
    }
    Ok(FormState::new(target, title, fields))
}

/// Saves the item, published or (`publish` false) as a draft, with the store's
/// warnings (a deadline already past, say).
pub(super) fn save(
    store: &Store,
    actor: &Actor,
    f: &FormState,
    id: Option<i64>,
    version: i64,
    publish: bool,
) -> Result<Saved, Error> {
    let data = from_form(f);
    let warnings = match id {
        None => store.post_news(actor, data, publish).map(|(_, w)| w),
        Some(id) => store.update_news(actor, id, version, data, publish),
    }?;
    Ok(Saved {
        warnings: warnings.into_iter().map(|w| w.key).collect(),
        ..Saved::default()
    })
}

/// The news item the form describes.
fn from_form(f: &FormState) -> NewsData {
    let date = |name: &str| date_or_none(f, name);
    let ids = |name: &str| {
        f.get(name)
            .split(',')
            .filter_map(|i| i.parse().ok())
            .collect()
    };
    NewsData {
        title: f.get("title"),
        body: f.get("body"),
        category: NewsCategory::parse(&f.get("category")).unwrap_or_default(),
        priority_areas: PriorityArea::split(&f.get("priority_areas")),
        growth_areas: GrowthArea::split(&f.get("growth_areas")),
        audience: ids("audience"),
        deadline: date("deadline"),
        event_date: date("event_date"),
        links: f
            .get("links")
            .split([' ', ',', '\n'])
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        partners: vec![],
        pinned: f.get("pinned") == "yes",
        expires: date("expires"),
    }
}
