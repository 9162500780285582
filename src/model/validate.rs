//! Field validation. Errors name the field and an i18n key, so each front end can put
//! the message next to the field it is about.

use super::{InteractionData, OrgData, OrgKind, PersonData, country};
use serde::Serialize;

// Bounds on input. docs/usage.md, "Bounds on input", lists the same table; each
// message names its bound, and a test checks the catalogues say these numbers.

/// The earliest date of a record: a contact, follow-up, deadline, project, milestone,
/// plan item, activity or evaluation.
pub const DATE_MIN: &str = "1990-01-01";
/// The earliest date of a historic fact: a twin-city council decision, the start of a
/// membership.
pub const HISTORIC_DATE_MIN: &str = "1900-01-01";
/// The latest date of any record.
pub const DATE_MAX: &str = "2100-12-31";
/// Names, titles, cities and other one-line texts, in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// Notes, summaries, goals and other free text, in characters.
pub const MAX_LONG_TEXT: usize = 20_000;
/// A news item's body, in characters (a pasted call for proposals is long).
pub const MAX_NEWS_BODY: usize = 50_000;
/// A web address, in characters.
pub const MAX_URL: usize = 2_000;
/// Hours per participant in one activity.
pub const MAX_HOURS: i64 = 2_000;
/// A budget line or a fee, in minor units: 10 000 000 000.00.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000;
/// A training cost in whole kronor (10^12 öre).
pub const MAX_COST_SEK: i64 = 10_000_000_000;
/// An exchange rate in ten-thousandths: 10 000 SEK per unit of the currency.
pub const MAX_RATE_E4: i64 = 100_000_000;
/// A unit code's length; the code is ASCII letters, digits, `-` and `_`.
pub const MAX_UNIT_CODE: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    /// i18n key of the message.
    pub key: &'static str,
    /// The words the field takes, for "unknown value" (shown after the message).
    pub choices: Vec<&'static str>,
    /// Values for the message's `{name}` placeholders (a line number, the text on it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> Self {
        FieldError {
            field,
            key,
            choices: Vec::new(),
            args: Vec::new(),
        }
    }

    /// The error with a value for the message's `{name}` placeholder.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// An unknown word, with the words that would do.
    pub fn unknown(field: &'static str, choices: Vec<&'static str>) -> Self {
        FieldError {
            field,
            key: "err.unknown_value",
            choices,
            args: Vec::new(),
        }
    }
}

/// Normalises an optional record date in place: empty becomes `None`, a date its ISO
/// form; a bad one, or one outside [`DATE_MIN`]..=[`DATE_MAX`], leaves the value and
/// adds a field error.
pub fn check_optional_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &mut Option<String>,
) {
    check_optional(errors, field, value, parse_record_date);
}

/// Like [`check_optional_date`] for historic facts, from [`HISTORIC_DATE_MIN`].
pub fn check_optional_historic_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &mut Option<String>,
) {
    check_optional(errors, field, value, parse_historic_date);
}

fn check_optional(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &mut Option<String>,
    parse: fn(&str) -> Result<Option<String>, &'static str>,
) {
    match value.as_deref().map(parse) {
        None | Some(Ok(None)) => *value = None,
        Some(Ok(Some(d))) => *value = Some(d),
        Some(Err(k)) => errors.push(FieldError::new(field, k)),
    }
}

/// A record's date: [`parse_date`], then [`DATE_MIN`]..=[`DATE_MAX`].
pub fn parse_record_date(s: &str) -> Result<Option<String>, &'static str> {
    bounded_date(parse_date(s)?, DATE_MIN, "err.date_range")
}

/// A historic fact's date: [`parse_date`], then [`HISTORIC_DATE_MIN`]..=[`DATE_MAX`].
pub fn parse_historic_date(s: &str) -> Result<Option<String>, &'static str> {
    bounded_date(parse_date(s)?, HISTORIC_DATE_MIN, "err.date_range_historic")
}

fn bounded_date(
    date: Option<String>,
    min: &str,
    key: &'static str,
) -> Result<Option<String>, &'static str> {
    match date {
        // ISO dates with four-digit years compare as text.
        Some(d) if d.as_str() < min || d.as_str() > DATE_MAX => Err(key),
        d => Ok(d),
    }
}

/// A required record date, normalised in place: empty is `err.required`. True when
/// it is good.
pub(super) fn required_date(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &mut String,
) -> bool {
    match parse_record_date(value) {
        Ok(Some(d)) => {
            *value = d;
            true
        }
        Ok(None) => {
            errors.push(FieldError::new(field, "err.required"));
            false
        }
        Err(k) => {
            errors.push(FieldError::new(field, k));
            false
        }
    }
}

/// A one-line text of at most [`MAX_SHORT_TEXT`] characters.
pub fn check_short(errors: &mut Vec<FieldError>, field: &'static str, value: &str) {
    if value.chars().count() > MAX_SHORT_TEXT {
        errors.push(FieldError::new(field, "err.text_short"));
    }
}

/// A free text of at most [`MAX_LONG_TEXT`] characters.
pub fn check_long(errors: &mut Vec<FieldError>, field: &'static str, value: &str) {
    if value.chars().count() > MAX_LONG_TEXT {
        errors.push(FieldError::new(field, "err.text_long"));
    }
}

/// A web address of at most [`MAX_URL`] characters.
pub fn check_url_length(errors: &mut Vec<FieldError>, field: &'static str, value: &str) {
    if value.chars().count() > MAX_URL {
        errors.push(FieldError::new(field, "err.url_long"));
    }
}

/// An amount in minor units: not negative (`err.amount`), at most [`MAX_AMOUNT`].
pub fn check_amount(errors: &mut Vec<FieldError>, field: &'static str, value: Option<i64>) {
    match value {
        Some(v) if v < 0 => errors.push(FieldError::new(field, "err.amount")),
        Some(v) if v > MAX_AMOUNT => errors.push(FieldError::new(field, "err.amount_max")),
        _ => {}
    }
}

/// Normalises a currency in place (trimmed, upper case, empty is EUR) and checks it is
/// an active ISO 4217 code.
pub fn check_currency(errors: &mut Vec<FieldError>, value: &mut String) {
    *value = value.trim().to_ascii_uppercase();
    if value.is_empty() {
        *value = "EUR".into();
    }
    if !super::currency::is_iso(value) {
        errors.push(FieldError::new("currency", "err.currency"));
    }
}

/// A name shown in lists and headers (a member's, a unit's): required, one line, no
/// control or text-direction characters, at most [`MAX_SHORT_TEXT`] characters.
pub fn check_display_name(errors: &mut Vec<FieldError>, field: &'static str, value: &str) {
    if value.trim().is_empty() {
        errors.push(FieldError::new(field, "err.required"));
    } else if value
        .chars()
        .any(|c| c.is_control() || crate::text::is_bidi_control(c))
    {
        errors.push(FieldError::new(field, "err.control_chars"));
    }
    check_short(errors, field, value);
}

/// Checks a unit before it is added: the code is 1 to [`MAX_UNIT_CODE`] ASCII letters,
/// digits, `-` or `_`; the name as [`check_display_name`].
pub fn validate_unit(code: &str, name: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let code_ok = !code.is_empty()
        && code.len() <= MAX_UNIT_CODE
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !code_ok {
        errors.push(FieldError::new("code", "err.unit_code"));
    }
    check_display_name(&mut errors, "name", name);
    errors
}

/// Parses an ISO date (`2026-11-20`). Empty input is `None`.
pub fn parse_date(s: &str) -> Result<Option<String>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<jiff::civil::Date>() {
        Ok(d) if s.len() == 10 => Ok(Some(d.to_string())),
        // The right shape, but no such day (2026-02-29, 2026-04-31): say so.
        _ if is_date_shaped(s) => Err("err.no_such_day"),
        _ => Err("err.date"),
    }
}

/// `YYYY-MM-DD` with a month 1–12 and a day 1–31: a date by its form.
fn is_date_shaped(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let number = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && (1..=12).contains(&number(5..7))
        && (1..=31).contains(&number(8..10))
}

/// A phone number as people write them: digits, spaces, `+`, `-`, `(`, `)`, `/`, `.`,
/// with at least five digits. Empty is allowed.
pub fn check_phone(errors: &mut Vec<FieldError>, field: &'static str, phone: &str) {
    let phone = phone.trim();
    if phone.is_empty() {
        return;
    }
    let allowed = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '/' | '.'));
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    if !allowed || digits < 5 {
        errors.push(FieldError::new(field, "err.phone"));
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

/// Normalises and checks an organisation. On success the data is in canonical form.
pub fn validate_org(data: &mut OrgData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.name = data.name.trim().to_string();
    if data.name.is_empty() {
        errors.push(FieldError::new("name", "err.required"));
    }
    check_short(&mut errors, "name", &data.name);
    check_long(&mut errors, "notes", &data.notes);
    match parse_country(&data.country) {
        Ok(c) => data.country = c,
        Err(k) => errors.push(FieldError::new("country", k)),
    }
    data.city = data.city.trim().to_string();
    check_short(&mut errors, "city", &data.city);
    check_url_length(&mut errors, "website", &data.website);
    match parse_url(&data.website) {
        Ok(u) => data.website = u,
        Err(k) => errors.push(FieldError::new("website", k)),
    }
    check_optional_historic_date(&mut errors, "twin_decided", &mut data.twin_decided);
    if data.kind != OrgKind::TwinCity && data.twin_decided.is_some() {
        errors.push(FieldError::new("twin_decided", "err.twin_only"));
    }
    data.tags = data
        .tags
        .iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(t) = data
        .tags
        .iter()
        .find(|t| t.chars().count() > MAX_SHORT_TEXT)
    {
        check_short(&mut errors, "tags", t);
    }
    for (field, value, parse) in [
        (
            "orgnr",
            &mut data.orgnr,
            super::parse_orgnr as fn(&str) -> _,
        ),
        ("pic", &mut data.pic, super::parse_pic),
        ("oid", &mut data.oid, super::parse_oid),
        ("vat", &mut data.vat, super::parse_vat),
    ] {
        match parse(value) {
            Ok(v) => *value = v,
            Err(k) => errors.push(FieldError::new(field, k)),
        }
    }
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
    check_phone(&mut errors, "phone", &data.phone);
    for (field, value) in [
        ("name", &data.name),
        ("title", &data.title),
        ("email", &data.email),
        ("phone", &data.phone),
        ("languages", &data.languages),
        ("source", &data.source),
    ] {
        check_short(&mut errors, field, value);
    }
    check_long(&mut errors, "notes", &data.notes);
    errors
}

pub fn validate_interaction(data: &mut InteractionData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    required_date(&mut errors, "date", &mut data.date);
    check_optional_date(&mut errors, "follow_up", &mut data.follow_up);
    if let Some(f) = &data.follow_up
        && !data.date.is_empty()
        && f.as_str() < data.date.as_str()
    {
        errors.push(FieldError::new("follow_up", "err.follow_up_before"));
    }
    data.summary = data.summary.trim().to_string();
    if data.summary.is_empty() {
        errors.push(FieldError::new("summary", "err.required"));
    }
    check_long(&mut errors, "summary", &data.summary);
    errors
}

/// Checks a membership evaluation: a record date (empty is `today`), benefit 1 to 5,
/// the assessment as free text.
pub fn validate_evaluation(data: &mut super::Evaluation, today: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if data.date.trim().is_empty() {
        data.date = today.to_string();
    }
    required_date(&mut errors, "date", &mut data.date);
    if !(1..=5).contains(&data.benefit) {
        errors.push(FieldError::new("benefit", "err.benefit"));
    }
    check_long(&mut errors, "assessment", &data.assessment);
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
        assert_eq!(parse_date("2026-02-30"), Err("err.no_such_day"));
        assert_eq!(parse_date("2026-02-29"), Err("err.no_such_day"));
        assert_eq!(parse_date("2028-02-29"), Ok(Some("2028-02-29".into())));
        assert_eq!(parse_date("20/11/2026"), Err("err.date"));
    }

    #[test]
    fn record_dates_are_bounded() {
        assert_eq!(
            parse_record_date("1990-01-01"),
            Ok(Some("1990-01-01".into()))
        );
        assert_eq!(
            parse_record_date("2100-12-31"),
            Ok(Some("2100-12-31".into()))
        );
        assert_eq!(parse_record_date("1989-12-31"), Err("err.date_range"));
        assert_eq!(parse_record_date("2101-01-01"), Err("err.date_range"));
        assert_eq!(parse_record_date("9999-12-31"), Err("err.date_range"));
        assert_eq!(parse_record_date("0001-01-01"), Err("err.date_range"));
        assert_eq!(parse_record_date(""), Ok(None));
        assert_eq!(
            parse_historic_date("1900-01-01"),
            Ok(Some("1900-01-01".into()))
        );
        assert_eq!(
            parse_historic_date("1899-12-31"),
            Err("err.date_range_historic")
        );
        assert_eq!(
            parse_historic_date("2101-01-01"),
            Err("err.date_range_historic")
        );
        let mut twin = OrgData {
            name: "Kristiansand".into(),
            country: "NO".into(),
            kind: OrgKind::TwinCity,
            twin_decided: Some("1946-05-01".into()),
            ..OrgData::default()
        };
        assert!(validate_org(&mut twin).is_empty());
    }

    #[test]
    fn texts_amounts_and_codes_are_bounded() {
        let keys = |e: Vec<FieldError>| e.into_iter().map(|e| (e.field, e.key)).collect::<Vec<_>>();
        let mut org = OrgData {
            name: "x".repeat(MAX_SHORT_TEXT),
            country: "SE".into(),
            notes: "x".repeat(MAX_LONG_TEXT),
            ..OrgData::default()
        };
        assert!(validate_org(&mut org).is_empty(), "at the bounds");
        org.name.push('x');
        org.notes.push('x');
        assert_eq!(
            keys(validate_org(&mut org)),
            [("name", "err.text_short"), ("notes", "err.text_long")]
        );
        let mut e = Vec::new();
        check_amount(&mut e, "fee", Some(MAX_AMOUNT));
        assert!(e.is_empty());
        check_amount(&mut e, "fee", Some(MAX_AMOUNT + 1));
        check_amount(&mut e, "fee", Some(i64::MAX));
        assert_eq!(
            keys(e),
            [("fee", "err.amount_max"), ("fee", "err.amount_max")]
        );
        for (typed, ok) in [
            ("eur", true),
            ("SEK", true),
            ("XYZ", false),
            ("", true),
            ("EURO", false),
        ] {
            let mut c = typed.to_string();
            let mut e = Vec::new();
            check_currency(&mut e, &mut c);
            assert_eq!(e.is_empty(), ok, "{typed}");
        }
        assert!(validate_unit("KLK", "Kommunledningskontoret").is_empty());
        assert!(validate_unit("Gavle-Hamn_2", "Gävle Hamn AB").is_empty());
        for code in ["", "K L K", "KLK\u{1b}", "Gävle", "🎉", "ABCDEFGHIJKLMNOPQ"] {
            assert_eq!(
                keys(validate_unit(code, "Namn")),
                [("code", "err.unit_code")],
                "{code:?}"
            );
        }
        for name in ["a\u{1b}[2J", "a\u{202E}b", "two\nlines", "tab\there"] {
            assert_eq!(
                keys(validate_unit("KLK", name)),
                [("name", "err.control_chars")],
                "{name:?}"
            );
        }
        assert_eq!(
            keys(validate_unit("KLK", &"x".repeat(MAX_SHORT_TEXT + 1))),
            [("name", "err.text_short")]
        );
    }

    /// Each refusal names its bound: the catalogues say the numbers the code checks.
    #[test]
    fn messages_name_the_bounds() {
        use crate::i18n::Lang;
        for lang in [Lang::Sv, Lang::En] {
            let says = |key: &str, bound: &str| {
                assert!(lang.t(key).contains(bound), "{lang:?} {key} lacks {bound}");
            };
            says("err.date_range", DATE_MIN);
            says("err.date_range", DATE_MAX);
            says("err.date_range_historic", HISTORIC_DATE_MIN);
            says("err.date_range_historic", DATE_MAX);
            says("err.text_short", &MAX_SHORT_TEXT.to_string());
            says("err.text_long", &MAX_LONG_TEXT.to_string());
            says("err.body_long", &MAX_NEWS_BODY.to_string());
            says("err.url_long", &MAX_URL.to_string());
            says("err.hours_max", &MAX_HOURS.to_string());
            says("err.cost_max", &MAX_COST_SEK.to_string());
            says("err.amount_max", &crate::model::format_amount(MAX_AMOUNT));
            says("err.rate_max", &(MAX_RATE_E4 / 10_000).to_string());
            says("err.unit_code", &MAX_UNIT_CODE.to_string());
            says("err.currency", "ISO 4217");
        }
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
