//! News items spread to the network.

use super::{FieldError, GrowthArea, Meta, PriorityArea, parse_url};
use serde::{Deserialize, Serialize};

super::enums::word_enum!(
    /// What a news item is about.
    NewsCategory, "news_category", {
        Call => "call",
        Event => "event",
        Horizon => "horizon",
        Internal => "internal",
        Other => "other",
    }
);

#[allow(clippy::derivable_impls)]
impl Default for NewsCategory {
    fn default() -> Self {
        NewsCategory::Other
    }
}

impl NewsCategory {
    /// Parses the stored word or a Swedish one (`utlysning`, `evenemang`, `omvärld`,
    /// `internt`, `övrigt`), case- and diacritic-insensitive.
    pub fn parse_any(s: &str) -> Option<NewsCategory> {
        NewsCategory::parse(s).or_else(|| match crate::text::fold(s).as_str() {
            "utlysning" | "eu utlysning" | "funding call" => Some(NewsCategory::Call),
            "evenemang" | "handelse" => Some(NewsCategory::Event),
            "omvarld" | "omvarldsbevakning" | "horizon scanning" => Some(NewsCategory::Horizon),
            "internt" | "intern" => Some(NewsCategory::Internal),
            "ovrigt" | "annat" => Some(NewsCategory::Other),
            _ => None,
        })
    }
}

/// The editable fields of a news item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsData {
    pub title: String,
    pub body: String,
    pub category: NewsCategory,
    pub priority_areas: Vec<PriorityArea>,
    pub growth_areas: Vec<GrowthArea>,
    /// Units the item is for; empty means the whole network.
    pub audience: Vec<i64>,
    /// Closing date of a funding call.
    pub deadline: Option<String>,
    pub event_date: Option<String>,
    pub links: Vec<String>,
    /// Partner organisations from the registry.
    pub partners: Vec<i64>,
    pub pinned: bool,
    /// After this date the item moves to the archive.
    pub expires: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct News {
    pub id: i64,
    pub data: NewsData,
    pub author_id: i64,
    pub author: String,
    /// `None` for a draft.
    pub published_at: Option<String>,
    /// Set when the item was changed after publishing.
    pub edited_at: Option<String>,
    /// Whether the reading member has read it.
    pub read: bool,
    /// Names of the linked partner organisations.
    pub partner_names: Vec<String>,
    pub meta: Meta,
}

/// One row of the news list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewsRow {
    pub id: i64,
    pub title: String,
    pub category: NewsCategory,
    pub author: String,
    pub published_at: Option<String>,
    pub deadline: Option<String>,
    pub event_date: Option<String>,
    pub pinned: bool,
    pub read: bool,
}

/// Who has read an item: members and units, of those it was meant for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadStats {
    pub members_read: i64,
    pub members_total: i64,
    pub units_read: i64,
    pub units_total: i64,
    /// (member name, unit code, read at) of those who read it, newest first.
    pub readers: Vec<(String, Option<String>, String)>,
}

/// Warnings do not stop a save; they are shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub field: &'static str,
    pub key: &'static str,
}

/// Normalises and checks a news item. Returns the errors; warnings go to `warnings`.
pub fn validate_news(
    data: &mut NewsData,
    today: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.title = data.title.trim().to_string();
    if data.title.is_empty() {
        errors.push(FieldError::new("title", "err.required"));
    }
    if data.title.chars().count() > 300 {
        errors.push(FieldError::new("title", "err.title_long"));
    }
    if data.body.chars().count() > super::MAX_NEWS_BODY {
        errors.push(FieldError::new("body", "err.body_long"));
    }
    for (field, value) in [
        ("deadline", &mut data.deadline),
        ("event_date", &mut data.event_date),
        ("expires", &mut data.expires),
    ] {
        super::check_optional_date(&mut errors, field, value);
    }
    if data.deadline.as_deref().is_some_and(|d| d < today) {
        warnings.push(Warning {
            field: "deadline",
            key: "warn.deadline_past",
        });
    }
    let mut links = Vec::new();
    for l in data
        .links
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
    {
        if l.chars().count() > super::MAX_URL {
            errors.push(FieldError::new("links", "err.url_long"));
            break;
        }
        match parse_url(l) {
            Ok(u) => links.push(u),
            Err(k) => {
                errors.push(FieldError::new("links", k));
                break;
            }
        }
    }
    data.links = links;
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_in_both_languages() {
        assert_eq!(NewsCategory::parse_any("call"), Some(NewsCategory::Call));
        assert_eq!(
            NewsCategory::parse_any("Utlysning"),
            Some(NewsCategory::Call)
        );
        assert_eq!(
            NewsCategory::parse_any("omvärld"),
            Some(NewsCategory::Horizon)
        );
        assert_eq!(NewsCategory::parse_any("övrigt"), Some(NewsCategory::Other));
        assert_eq!(NewsCategory::parse_any("gossip"), None);
    }

    #[test]
    fn validation() {
        let mut warnings = Vec::new();
        let mut n = NewsData {
            title: " ".into(),
            deadline: Some("2026-02-30".into()),
            links: vec!["not a link".into()],
            ..NewsData::default()
        };
        let fields: Vec<_> = validate_news(&mut n, "2026-11-27", &mut warnings)
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title", "deadline", "links"]);
        let mut ok = NewsData {
            title: "Interreg".into(),
            deadline: Some("2026-01-01".into()),
            links: vec!["interreg-baltic.eu".into(), " ".into()],
            ..NewsData::default()
        };
        assert!(validate_news(&mut ok, "2026-11-27", &mut warnings).is_empty());
        assert_eq!(warnings[0].key, "warn.deadline_past");
        assert_eq!(ok.links, ["https://interreg-baltic.eu"]);
    }
}
