//! Field validation. Errors name the field and an i18n key, so each front end can put
//! the message next to the field it is about.

use super::{InteractionData, OrgData, OrgKind, PersonData, country};
use serde::Serialize;

/// The longest text we accept in any one field (notes included): 1 MiB.
pub const MAX_TEXT: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    /// i18n key of the message.
    pub key: &'static str,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        FieldError { field, key }
    }
}

/// Normalises an optional date field in place: empty becomes `None`, a date its ISO
/// form; a bad one leaves the value and adds a field error.
pub fn check_optional_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &mut Option<String>,
) {
    match value.as_deref().map(parse_date) {
        None | Some(Ok(None)) => *value = None,
        Some(Ok(Some(d))) => *value = Some(d),
        Some(Err(k)) => errors.push(FieldError::new(field, k)),
    }
}

/// Parses an ISO date (`2026-11-20`). Empty input is `None`.
pub fn parse_date(s: &str) -> Result<Option<String>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<jiff::civil::Date>() {
        Ok(d) if s.len() == 10 => Ok(Some(d.to_string())),
        _ => Err("err.date"),
    }
}

/// Days from `from` to `to` (ISO dates); negative when `to` is earlier.
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    let a: jiff::civil::Date = from.parse().ok()?;
    let b: jiff::civil::Date = to.parse().ok()?;
    Some(i64::from((b - a).get_days()))
}

/// The ISO date `days` after `date`.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let d: jiff::civil::Date = date.parse().ok()?;
    // `Span::days` panics past jiff's range; `try_days` says so instead.
    let span = jiff::Span::new().try_days(days).ok()?;
    d.checked_add(span).ok().map(|d| d.to_string())
}

/// The years a list or summary may be asked for: the span of historic record dates.
pub const YEAR_MIN: i32 = 1900;
pub const YEAR_MAX: i32 = 2100;

/// A year to filter by, [`YEAR_MIN`] to [`YEAR_MAX`].
pub fn year_in_range(year: i32) -> bool {
    (YEAR_MIN..=YEAR_MAX).contains(&year)
}

/// The longest period `deadlines --within` looks ahead: 100 years, in days.
pub const MAX_WITHIN_DAYS: i64 = 36_500;

/// A period ahead as typed, `30d`, `30` or `4w`, in days: 0 to [`MAX_WITHIN_DAYS`].
/// Anything else, huge and negative numbers included, is `None`.
pub fn parse_within(s: &str) -> Option<i64> {
    let s = s.trim().to_ascii_lowercase();
    let days = match s.strip_suffix('w') {
        Some(w) => w.parse::<i64>().ok()?.checked_mul(7)?,
        None => s.strip_suffix('d').unwrap_or(&s).parse::<i64>().ok()?,
    };
    (0..=MAX_WITHIN_DAYS).contains(&days).then_some(days)
}

/// Accepts `https://host/...` or `http://...`, or a bare `host.tld/...` (https is assumed).
/// Empty input is fine. Returns the normalised URL.
pub fn parse_url(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .unwrap_or(s);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_ok = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == ':');
    if !host_ok || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("err.url");
    }
    if rest.len() == s.len() {
        Ok(format!("https://{s}"))
    } else {
        Ok(s.to_string())
    }
}

/// The host of a URL without `www.`, lower case: `https://www.Luebeck.de/x` → `luebeck.de`.
pub fn url_domain(url: &str) -> String {
    let rest = url
        .trim()
        .strip_prefix("https://")
        .or_else(|| url.trim().strip_prefix("http://"))
        .unwrap_or(url.trim());
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or("");
    let host = host.to_lowercase();
    host.strip_prefix("www.").unwrap_or(&host).to_string()
}

/// A plain check for `local@domain.tld`. Empty input is fine.
pub fn parse_email(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    let Some((local, domain)) = s.split_once('@') else {
        return Err("err.email");
    };
    let ok = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(s.to_string())
    } else {
        Err("err.email")
    }
}

/// The domain of an e-mail address, lower case.
pub fn email_domain(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, d)| d.trim().to_lowercase())
        .unwrap_or_default()
}

/// Resolves a country code or name to its ISO code.
pub fn parse_country(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("err.country_required");
    }
    country::resolve(s).map(str::to_string).ok_or("err.country")
}

fn check_text(errors: &mut Vec<FieldError>, field: &'static str, value: &str) {
    if value.len() > MAX_TEXT {
        errors.push(FieldError::new(field, "err.too_long"));
    }
}

/// Normalises and checks an organisation. On success the data is in canonical form.
pub fn validate_org(data: &mut OrgData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.name = data.name.trim().to_string();
    if data.name.is_empty() {
        errors.push(FieldError::new("name", "err.required"));
    }
    check_text(&mut errors, "name", &data.name);
    check_text(&mut errors, "notes", &data.notes);
    match parse_country(&data.country) {
        Ok(c) => data.country = c,
        Err(k) => errors.push(FieldError::new("country", k)),
    }
    data.city = data.city.trim().to_string();
    match parse_url(&data.website) {
        Ok(u) => data.website = u,
        Err(k) => errors.push(FieldError::new("website", k)),
    }
    check_optional_date(&mut errors, "twin_decided", &mut data.twin_decided);
    if data.kind != OrgKind::TwinCity && data.twin_decided.is_some() {
        errors.push(FieldError::new("twin_decided", "err.twin_only"));
    }
    data.tags = data
        .tags
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    errors
}

pub fn validate_person(data: &mut PersonData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.name = data.name.trim().to_string();
    if data.name.is_empty() {
        errors.push(FieldError::new("name", "err.required"));
    }
    match parse_email(&data.email) {
        Ok(e) => data.email = e,
        Err(k) => errors.push(FieldError::new("email", k)),
    }
    check_optional_date(&mut errors, "verified_on", &mut data.verified_on);
    for (field, value) in [("notes", &data.notes), ("title", &data.title)] {
        check_text(&mut errors, field, value);
    }
    errors
}

pub fn validate_interaction(data: &mut InteractionData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match parse_date(&data.date) {
        Ok(Some(d)) => data.date = d,
        Ok(None) => errors.push(FieldError::new("date", "err.required")),
        Err(k) => errors.push(FieldError::new("date", k)),
    }
    check_optional_date(&mut errors, "follow_up", &mut data.follow_up);
    data.summary = data.summary.trim().to_string();
    if data.summary.is_empty() {
        errors.push(FieldError::new("summary", "err.required"));
    }
    check_text(&mut errors, "summary", &data.summary);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-11-20"), Ok(Some("2026-11-20".into())));
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("2026-13-01"), Err("err.date"));
        assert_eq!(parse_date("2026-02-30"), Err("err.date"));
        assert_eq!(parse_date("20/11/2026"), Err("err.date"));
    }

    #[test]
    fn periods_ahead() {
        assert_eq!(parse_within("30d"), Some(30));
        assert_eq!(parse_within(" 30 "), Some(30));
        assert_eq!(parse_within("4W"), Some(28));
        assert_eq!(parse_within("0"), Some(0));
        assert_eq!(parse_within("36500"), Some(MAX_WITHIN_DAYS));
        assert_eq!(parse_within("36501"), None);
        assert_eq!(parse_within("7304485"), None);
        assert_eq!(parse_within("-1"), None);
        assert_eq!(parse_within("-9223372036854775808w"), None);
        assert_eq!(parse_within("2000000000000000000w"), None);
        assert_eq!(parse_within("w"), None);
        assert_eq!(parse_within(""), None);
    }

    #[test]
    fn adding_days_past_the_calendar_is_none() {
        assert_eq!(add_days("2026-11-28", 7), Some("2026-12-05".into()));
        assert_eq!(add_days("2026-11-28", 7_304_485), None);
        assert_eq!(add_days("2026-11-28", i64::MAX), None);
        assert_eq!(add_days("2026-11-28", i64::MIN), None);
        assert_eq!(add_days("9999-12-31", 1), None);
    }

    #[test]
    fn urls_and_domains() {
        assert_eq!(parse_url("luebeck.de"), Ok("https://luebeck.de".into()));
        assert_eq!(parse_url("http://x.se/a b"), Err("err.url"));
        assert_eq!(parse_url("not a url"), Err("err.url"));
        assert_eq!(parse_url("https://nodot"), Err("err.url"));
        assert_eq!(url_domain("https://www.Luebeck.de/rathaus"), "luebeck.de");
    }

    #[test]
    fn emails() {
        assert!(parse_email("anna@tartu.ee").is_ok());
        assert_eq!(parse_email("anna@tartu"), Err("err.email"));
        assert_eq!(parse_email("anna.tartu.ee"), Err("err.email"));
        assert_eq!(email_domain("Anna@Tartu.EE"), "tartu.ee");
    }

    #[test]
    fn org_validation_names_fields() {
        let mut org = OrgData {
            name: "  ".into(),
            country: "XX".into(),
            website: "bad url".into(),
            twin_decided: Some("2020-01-01".into()),
            ..OrgData::default()
        };
        let fields: Vec<_> = validate_org(&mut org).iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "country", "website", "twin_decided"]);
        let mut ok = OrgData {
            name: " Stadt Lübeck ".into(),
            country: "de".into(),
            kind: OrgKind::TwinCity,
            twin_decided: Some("1995-03-01".into()),
            ..OrgData::default()
        };
        assert!(validate_org(&mut ok).is_empty());
        assert_eq!(ok.name, "Stadt Lübeck");
        assert_eq!(ok.country, "DE");
    }

    proptest::proptest! {
        /// Dates and periods as anyone may type them: a value or an error, never a panic.
        #[test]
        fn date_and_period_parsers_never_panic(s in proptest::prelude::any::<String>(), n in proptest::prelude::any::<i64>()) {
            let _ = parse_date(&s);
            let _ = days_between(&s, "2026-11-28");
            let _ = add_days(&s, n);
            let _ = add_days("2026-11-28", n);
            for typed in [s.clone(), n.to_string(), format!("{n}d"), format!("{n}w"), format!("{n}-01-01")] {
                if let Some(d) = parse_within(&typed) {
                    proptest::prop_assert!((0..=MAX_WITHIN_DAYS).contains(&d));
                    proptest::prop_assert!(add_days("2026-11-28", d).is_some());
                }
                let _ = parse_date(&typed);
            }
        }
    }
}
