//! International projects and the municipality's memberships in networks.

use super::{FieldError, Meta};
use serde::{Deserialize, Serialize};

super::enums::word_enum!(
    /// The EU (or other) programme funding a project.
    Programme, "programme", {
        InterregBsr => "interreg_bsr",
        InterregAurora => "interreg_aurora",
        ErasmusPlus => "erasmus_plus",
        HorizonEurope => "horizon_europe",
        Cerv => "cerv",
        Life => "life",
        EsfPlus => "esf_plus",
        CreativeEurope => "creative_europe",
        Other => "other",
    }
);

super::enums::word_enum!(
    ProjectRole, "project_role", { Lead => "lead", Partner => "partner", Associated => "associated" }
);

super::enums::word_enum!(
    ProjectStatus, "project_status", {
        Idea => "idea",
        Preparing => "preparing",
        Submitted => "submitted",
        Approved => "approved",
        Rejected => "rejected",
        Running => "running",
        Closed => "closed",
        FinalReportDone => "final_report_done",
    }
);

super::enums::word_enum!(
    /// What an evaluation recommends for a membership.
    Recommendation, "recommendation", { Continue => "continue", Review => "review", Leave => "leave" }
);

#[allow(clippy::derivable_impls)]
impl Default for Programme {
    fn default() -> Self {
        Programme::Other
    }
}
#[allow(clippy::derivable_impls)]
impl Default for ProjectRole {
    fn default() -> Self {
        ProjectRole::Partner
    }
}
#[allow(clippy::derivable_impls)]
impl Default for ProjectStatus {
    fn default() -> Self {
        ProjectStatus::Idea
    }
}
#[allow(clippy::derivable_impls)]
impl Default for Recommendation {
    fn default() -> Self {
        Recommendation::Continue
    }
}

/// A partner organisation in a project, with its role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPartner {
    pub org_id: i64,
    pub role: ProjectRole,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectData {
    pub name: String,
    pub acronym: String,
    pub programme: Programme,
    pub call_id: String,
    /// The municipality's role.
    pub role: ProjectRole,
    pub lead_unit: Option<i64>,
    pub contact: Option<i64>,
    /// Amounts in minor units (öre, cents) of `currency`.
    pub budget_total: Option<i64>,
    pub eu_grant: Option<i64>,
    pub own_contribution: Option<i64>,
    /// ISO 4217, e.g. `EUR`, `SEK`.
    pub currency: String,
    /// SEK per unit of `currency`, in ten-thousandths (11.4500 is 114500).
    pub rate_e4: Option<i64>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub status: ProjectStatus,
    pub partners: Vec<ProjectPartner>,
    /// Follow-up notes.
    pub notes: String,
    /// The funding call in the news that started it.
    pub news_id: Option<i64>,
}

impl ProjectData {
    /// The budget lines that are set, each with the i18n key of its label.
    pub fn budget_lines(&self) -> impl Iterator<Item = (&'static str, i64)> {
        [
            ("field.budget_total", self.budget_total),
            ("field.eu_grant", self.eu_grant),
            ("field.own_contribution", self.own_contribution),
        ]
        .into_iter()
        .filter_map(|(key, v)| v.map(|v| (key, v)))
    }

    /// `start – end`, when either is set.
    pub fn period(&self) -> Option<String> {
        (self.start.is_some() || self.end.is_some()).then(|| {
            format!(
                "{} – {}",
                self.start.as_deref().unwrap_or(""),
                self.end.as_deref().unwrap_or("")
            )
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Project {
    pub id: i64,
    pub data: ProjectData,
    pub lead_unit_code: Option<String>,
    pub contact_name: Option<String>,
    /// (organisation name, role) for each partner.
    pub partner_names: Vec<(String, ProjectRole)>,
    pub meta: Meta,
}

/// A reporting deadline or milestone of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub due: Option<String>,
    pub done: bool,
    pub version: i64,
}

/// What a milestone holds, as stored and audited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneData {
    pub project_id: i64,
    pub title: String,
    pub due: Option<String>,
    pub done: bool,
}

/// Checks a milestone: a title, and a real date when one is given.
pub fn validate_milestone(data: &mut MilestoneData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.title = data.title.trim().to_string();
    if data.title.is_empty() {
        errors.push(FieldError::new("title", "err.required"));
    }
    super::check_short(&mut errors, "title", &data.title);
    super::check_optional_date(&mut errors, "due", &mut data.due);
    errors
}

/// Checks a membership's dates and fee; an empty currency means euros.
pub fn validate_membership(data: &mut MembershipData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    super::check_optional_historic_date(&mut errors, "since", &mut data.since);
    super::check_optional_date(&mut errors, "next_evaluation", &mut data.next_evaluation);
    super::check_amount(&mut errors, "fee", data.fee);
    super::check_currency(&mut errors, &mut data.currency);
    super::check_long(&mut errors, "notes", &data.notes);
    errors
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipData {
    /// A registry organisation of kind network.
    pub org_id: i64,
    pub since: Option<String>,
    /// Annual fee in minor units of `currency`.
    pub fee: Option<i64>,
    pub currency: String,
    pub unit_id: Option<i64>,
    pub member_id: Option<i64>,
    pub next_evaluation: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub id: i64,
    pub data: MembershipData,
    pub network: String,
    pub unit_code: Option<String>,
    pub member_name: Option<String>,
    /// The latest evaluation, if any.
    pub last: Option<Evaluation>,
    pub meta: Meta,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub date: String,
    pub assessment: String,
    /// Benefit to Gävle, 1 to 5.
    pub benefit: i64,
    pub recommendation: Recommendation,
}

/// Parses an amount as typed, `12 500,50` or `12500.5`, into minor units (two
/// decimals). No floats touch money.
pub fn parse_amount(s: &str) -> Result<Option<i64>, &'static str> {
    parse_fixed(s, 2)
}

/// Parses an exchange rate (SEK per unit), `11,45` or `11.4520`, into ten-thousandths.
/// A rate must be above zero.
pub fn parse_rate(s: &str) -> Result<Option<i64>, &'static str> {
    match parse_fixed(s, 4) {
        Ok(Some(0)) | Err(_) => Err("err.rate"),
        Ok(r) => Ok(r),
    }
}

/// A rate in ten-thousandths as `11.4500`.
pub fn format_rate(e4: i64) -> String {
    format!("{}.{:04}", e4 / 10_000, e4 % 10_000)
}

/// A non-negative decimal with at most `places` decimals, as an integer scaled by
/// 10^places. Spaces (also non-breaking) group digits; `,` or `.` is the decimal mark.
fn parse_fixed(s: &str, places: usize) -> Result<Option<i64>, &'static str> {
    let s: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    let s = s.replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > places
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err("err.amount");
    }
    let whole: i64 = whole.parse().map_err(|_| "err.amount")?;
    let frac: i64 = format!("{frac:0<places$}")
        .parse()
        .map_err(|_| "err.amount")?;
    whole
        .checked_mul(10_i64.pow(places as u32))
        .and_then(|w| w.checked_add(frac))
        .map(Some)
        .ok_or("err.amount")
}

/// Minor units as `12 500.50`.
pub fn format_amount(minor: i64) -> String {
    let whole = (minor / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", (minor % 100).abs())
}

pub fn validate_project(data: &mut ProjectData) -> Vec<FieldError> {
    let mut errors = Vec::new();
    data.name = data.name.trim().to_string();
    if data.name.is_empty() {
        errors.push(FieldError::new("name", "err.required"));
    }
    for (field, value) in [
        ("name", &data.name),
        ("acronym", &data.acronym),
        ("call_id", &data.call_id),
    ] {
        super::check_short(&mut errors, field, value);
    }
    super::check_long(&mut errors, "notes", &data.notes);
    super::check_currency(&mut errors, &mut data.currency);
    for (field, value) in [("start", &mut data.start), ("end", &mut data.end)] {
        super::check_optional_date(&mut errors, field, value);
    }
    if let (Some(s), Some(e)) = (&data.start, &data.end)
        && e < s
    {
        errors.push(FieldError::new("end", "err.date_order"));
    }
    for (field, v) in [
        ("budget_total", data.budget_total),
        ("eu_grant", data.eu_grant),
        ("own_contribution", data.own_contribution),
    ] {
        super::check_amount(&mut errors, field, v);
    }
    // The grant and the own contribution are parts of the total, not more than it.
    if let Some(total) = data.budget_total {
        let parts = data
            .eu_grant
            .unwrap_or(0)
            .saturating_add(data.own_contribution.unwrap_or(0));
        if parts > total {
            errors.push(FieldError::new("eu_grant", "err.parts_over_total"));
        }
    }
    match data.rate_e4 {
        Some(r) if r <= 0 => errors.push(FieldError::new("rate", "err.rate")),
        Some(r) if r > super::MAX_RATE_E4 => errors.push(FieldError::new("rate", "err.rate_max")),
        _ => {}
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_without_floats() {
        assert_eq!(parse_amount("12 500,50"), Ok(Some(1_250_050)));
        assert_eq!(parse_amount("12500.5"), Ok(Some(1_250_050)));
        assert_eq!(parse_amount("7"), Ok(Some(700)));
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("-5"), Err("err.amount"));
        assert_eq!(parse_amount("1.234"), Err("err.amount"));
        assert_eq!(format_amount(1_250_050), "12 500.50");
        assert_eq!(format_amount(700), "7.00");
        assert_eq!(parse_amount(",5"), Err("err.amount"));
        assert_eq!(parse_amount("1e3"), Err("err.amount"));
        assert_eq!(parse_rate("11,45"), Ok(Some(114_500)));
        assert_eq!(parse_rate("0"), Err("err.rate"));
        assert_eq!(parse_rate("11,45678"), Err("err.rate"));
        assert_eq!(format_rate(114_520), "11.4520");
    }

    #[test]
    fn project_validation() {
        let mut p = ProjectData {
            name: " ".into(),
            currency: "euro".into(),
            start: Some("2026-05-01".into()),
            end: Some("2026-01-01".into()),
            ..Default::default()
        };
        let fields: Vec<_> = validate_project(&mut p).iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "currency", "end"]);
    }

    proptest::proptest! {
        /// Amounts and rates as anyone may type them: a value or an error, never a panic.
        #[test]
        fn amount_and_rate_parsers_never_panic(s in proptest::prelude::any::<String>(), n in proptest::prelude::any::<i64>()) {
            for typed in [s.clone(), n.to_string(), format!("{n}.{}", n.unsigned_abs() % 100), format!("{n},{s}")] {
                if let Ok(Some(a)) = parse_amount(&typed) {
                    proptest::prop_assert!(a >= 0);
                }
                if let Ok(Some(r)) = parse_rate(&typed) {
                    proptest::prop_assert!(r > 0);
                }
            }
            let _ = format_amount(n);
            let _ = format_rate(n);
        }
    }
}
