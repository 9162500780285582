//! The yearly compilation (issue 13): each unit's account of its international work
//! for a year, and the office's compilation for the executive board. Plain types
//! only; `store/report.rs` gathers the figures and runs the flow.
//!
//! Money is always whole minor units (öre for SEK), never a float. Hours are whole
//! minutes, as in the training log.

use super::{
    Evaluation, FieldError, Funding, InteractionKind, ItemStatus, Meta, OrgKind, PriorityArea,
    Programme, ProjectRole, ProjectStatus, Sector, TrainingKind,
};
use serde::{Deserialize, Serialize};

super::enums::word_enum!(
    /// Where a unit's account for a year stands. "Not started" is no row at all.
    AccountState, "account_state", {
        Draft => "draft",
        Submitted => "submitted",
        Returned => "returned",
        Accepted => "accepted",
    }
);

#[allow(clippy::derivable_impls)]
impl Default for AccountState {
    fn default() -> Self {
        AccountState::Draft
    }
}

impl AccountState {
    /// The unit may still change its words and figures (draft or returned).
    pub fn is_open(self) -> bool {
        matches!(self, AccountState::Draft | AccountState::Returned)
    }
    /// Handed in: the figures are frozen (submitted or accepted).
    pub fn is_handed_in(self) -> bool {
        matches!(self, AccountState::Submitted | AccountState::Accepted)
    }
}

super::enums::word_enum!(
    /// The parts of a unit's words, in the order they are written and shown: one per
    /// priority area, then EU cooperation, regional coordination, plans for next year.
    WordsPart, "words_part", {
        Operations => "operations",
        Business => "business",
        Horizon => "horizon",
        EuCooperation => "eu_cooperation",
        Regional => "regional",
        NextYear => "next_year",
    }
);

impl WordsPart {
    /// The part for a priority area.
    pub fn of_area(area: PriorityArea) -> WordsPart {
        match area {
            PriorityArea::Operations => WordsPart::Operations,
            PriorityArea::Business => WordsPart::Business,
            PriorityArea::Horizon => WordsPart::Horizon,
        }
    }
    /// The priority area this part is about, if it is one.
    pub fn area(self) -> Option<PriorityArea> {
        match self {
            WordsPart::Operations => Some(PriorityArea::Operations),
            WordsPart::Business => Some(PriorityArea::Business),
            WordsPart::Horizon => Some(PriorityArea::Horizon),
            _ => None,
        }
    }
}

/// The unit's own words for the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountWords {
    /// Verksamhetsutveckling.
    pub operations: String,
    /// Näringslivsutveckling.
    pub business: String,
    /// Omvärldsbevakning.
    pub horizon: String,
    pub eu_cooperation: String,
    /// Coordination with others in the region.
    pub regional: String,
    /// Plans for next year.
    pub next_year: String,
}

impl AccountWords {
    pub fn get(&self, part: WordsPart) -> &str {
        match part {
            WordsPart::Operations => &self.operations,
            WordsPart::Business => &self.business,
            WordsPart::Horizon => &self.horizon,
            WordsPart::EuCooperation => &self.eu_cooperation,
            WordsPart::Regional => &self.regional,
            WordsPart::NextYear => &self.next_year,
        }
    }
    pub fn get_mut(&mut self, part: WordsPart) -> &mut String {
        match part {
            WordsPart::Operations => &mut self.operations,
            WordsPart::Business => &mut self.business,
            WordsPart::Horizon => &mut self.horizon,
            WordsPart::EuCooperation => &mut self.eu_cooperation,
            WordsPart::Regional => &mut self.regional,
            WordsPart::NextYear => &mut self.next_year,
        }
    }
    /// The text about a priority area.
    pub fn area(&self, area: PriorityArea) -> &str {
        self.get(WordsPart::of_area(area))
    }
    pub fn is_empty(&self) -> bool {
        WordsPart::ALL
            .iter()
            .all(|p| self.get(*p).trim().is_empty())
    }
}

/// An account's editable record as stored and audited: the unit, the year and its
/// words. The flow's state, the frozen figures and who decided are changed only by
/// the flow (submit, refresh, return, accept), never by an edit or its undo.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountText {
    pub unit_id: i64,
    pub year: i32,
    pub words: AccountWords,
}

/// Trims each part and checks its length (each is a long text).
pub fn validate_words(words: &mut AccountWords) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for part in WordsPart::ALL {
        let text = words.get_mut(*part);
        *text = text.trim().to_string();
        super::check_long(&mut errors, part.as_str(), text);
    }
    errors
}

/// A count under a key (a programme, a country code, a kind...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally<K> {
    pub key: K,
    pub count: i64,
}

/// Competence development under a key: activities, distinct participants,
/// person-hours in minutes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours<K> {
    pub key: K,
    pub activities: i64,
    pub participants: i64,
    /// Person-hours in minutes (6 hours for two people is 720).
    pub minutes: i64,
}

/// Projects under a key (programme or our role).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectTally<K> {
    pub key: K,
    pub running: i64,
    pub started: i64,
    pub ended: i64,
}

/// The unit's projects in the year: those it leads (`projects.lead_unit`) whose
/// status is approved, running, closed or final report done and whose period
/// overlaps the year (no start: since always; no end: still running).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectFigures {
    /// Running at some time in the year.
    pub running: i64,
    /// Started in the year.
    pub started: i64,
    /// Ended in the year.
    pub ended: i64,
    pub by_programme: Vec<ProjectTally<Programme>>,
    pub by_role: Vec<ProjectTally<ProjectRole>>,
    /// Sums over the running projects in SEK öre, each converted with its own rate
    /// (`rate_e4`); SEK amounts as they are.
    pub budget_total_sek: i64,
    pub eu_grant_sek: i64,
    pub own_contribution_sek: i64,
    /// Running projects in another currency with no rate: left out of the sums.
    pub unconverted: i64,
    /// Partner organisations of the running projects by country (ISO code).
    pub partner_countries: Vec<Tally<String>>,
}

/// The unit's contacts (interactions logged with the unit) dated in the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFigures {
    pub interactions: i64,
    pub by_kind: Vec<Tally<InteractionKind>>,
    /// Interactions by the organisation's country.
    pub by_country: Vec<Tally<String>>,
    /// Distinct organisations contacted.
    pub organisations: i64,
    /// Organisations contacted by Triple Helix sector (those with a sector).
    pub by_sector: Vec<Tally<Sector>>,
    /// Organisations whose first contact with the unit (for the whole municipality:
    /// with anyone) is in the year.
    pub new_partners: i64,
    pub new_by_country: Vec<Tally<String>>,
    pub new_by_kind: Vec<Tally<OrgKind>>,
    /// Interactions with twin cities.
    pub twin_city_interactions: i64,
}

/// Competence development of the unit's members in the year (by the unit the
/// participant belonged to when the activity was logged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainingFigures {
    pub activities: i64,
    pub participants: i64,
    /// Person-hours in minutes.
    pub minutes: i64,
    pub by_kind: Vec<Hours<TrainingKind>>,
    /// `None`: no priority area given.
    pub by_area: Vec<Hours<Option<PriorityArea>>>,
    pub by_funding: Vec<Hours<Funding>>,
    /// Cost of the activities the unit took part in, in öre (an activity shared by two
    /// units counts in both; the municipality-wide figure counts it once).
    pub cost_sek: i64,
}

/// The items of the unit's action plans for the year, by status. Overdue items are
/// open items (not started or in progress) whose due date has passed; they are also
/// counted under their status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanFigures {
    pub done: i64,
    pub in_progress: i64,
    pub not_started: i64,
    pub cancelled: i64,
    pub overdue: i64,
}

impl PlanFigures {
    pub fn count(&self, status: ItemStatus) -> i64 {
        match status {
            ItemStatus::Done => self.done,
            ItemStatus::InProgress => self.in_progress,
            ItemStatus::NotStarted => self.not_started,
            ItemStatus::Cancelled => self.cancelled,
        }
    }
    /// Items not cancelled.
    pub fn total(&self) -> i64 {
        self.done + self.in_progress + self.not_started
    }
}

/// A network membership the unit answers for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipLine {
    pub membership_id: i64,
    pub network: String,
    pub unit_code: Option<String>,
    /// Annual fee in minor units of `currency`.
    pub fee: Option<i64>,
    pub currency: String,
    pub next_evaluation: Option<String>,
    pub last_evaluation: Option<Evaluation>,
}

/// Everything gathered from the log for one unit (or, with `unit_id` `None`, the
/// whole municipality) and one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitFigures {
    pub unit_id: Option<i64>,
    pub year: i32,
    /// The day the figures were gathered (`YYYY-MM-DD`), which overdue items count to.
    pub as_of: String,
    pub projects: ProjectFigures,
    pub contacts: ContactFigures,
    pub training: TrainingFigures,
    pub plan_items: PlanFigures,
    pub memberships: Vec<MembershipLine>,
}

super::enums::word_enum!(
    /// The headline figures: what the key-figure table and the drift compare.
    Figure, "figure", {
        ProjectsRunning => "projects_running",
        ProjectsStarted => "projects_started",
        ProjectsEnded => "projects_ended",
        BudgetTotal => "budget_total",
        EuGrant => "eu_grant",
        OwnContribution => "own_contribution",
        Interactions => "interactions",
        Organisations => "organisations",
        NewPartners => "new_partners",
        TwinCityInteractions => "twin_city_interactions",
        Activities => "activities",
        Participants => "participants",
        PersonHours => "person_hours",
        TrainingCost => "training_cost",
        ItemsDone => "items_done",
        ItemsInProgress => "items_in_progress",
        ItemsNotStarted => "items_not_started",
        ItemsCancelled => "items_cancelled",
        ItemsOverdue => "items_overdue",
        Memberships => "memberships",
    }
);

/// How a figure's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Count,
    /// Minutes, shown as hours.
    Minutes,
    /// SEK öre, shown as kronor.
    SekMinor,
}

impl Figure {
    pub fn measure(self) -> Measure {
        match self {
            Figure::BudgetTotal
            | Figure::EuGrant
            | Figure::OwnContribution
            | Figure::TrainingCost => Measure::SekMinor,
            Figure::PersonHours => Measure::Minutes,
            _ => Measure::Count,
        }
    }
}

impl UnitFigures {
    pub fn value(&self, figure: Figure) -> i64 {
        let (p, c, t, i) = (
            &self.projects,
            &self.contacts,
            &self.training,
            &self.plan_items,
        );
        match figure {
            Figure::ProjectsRunning => p.running,
            Figure::ProjectsStarted => p.started,
            Figure::ProjectsEnded => p.ended,
            Figure::BudgetTotal => p.budget_total_sek,
            Figure::EuGrant => p.eu_grant_sek,
            Figure::OwnContribution => p.own_contribution_sek,
            Figure::Interactions => c.interactions,
            Figure::Organisations => c.organisations,
            Figure::NewPartners => c.new_partners,
            Figure::TwinCityInteractions => c.twin_city_interactions,
            Figure::Activities => t.activities,
            Figure::Participants => t.participants,
            Figure::PersonHours => t.minutes,
            Figure::TrainingCost => t.cost_sek,
            Figure::ItemsDone => i.done,
            Figure::ItemsInProgress => i.in_progress,
            Figure::ItemsNotStarted => i.not_started,
            Figure::ItemsCancelled => i.cancelled,
            Figure::ItemsOverdue => i.overdue,
            Figure::Memberships => self.memberships.len() as i64,
        }
    }

    /// Every headline figure with its value, in [`Figure::ALL`] order.
    pub fn headline(&self) -> Vec<(Figure, i64)> {
        Figure::ALL.iter().map(|f| (*f, self.value(*f))).collect()
    }

    /// What changed from `frozen` (the figures handed in) to `self` (live).
    pub fn drift_from(&self, frozen: &UnitFigures) -> Drift {
        Drift {
            lines: Figure::ALL
                .iter()
                .filter_map(|f| {
                    let (was, now) = (frozen.value(*f), self.value(*f));
                    (was != now).then_some(DriftLine {
                        figure: *f,
                        frozen: was,
                        live: now,
                    })
                })
                .collect(),
        }
    }
}

/// One figure that differs between the frozen and the live figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriftLine {
    pub figure: Figure,
    pub frozen: i64,
    pub live: i64,
}

impl DriftLine {
    /// Live minus frozen: "+2 activities" is 2.
    pub fn delta(&self) -> i64 {
        self.live.saturating_sub(self.frozen)
    }
}

/// "Changed since submitted": the figures whose live value differs from the frozen
/// one. Empty when nothing drifted (or nothing was frozen).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Drift {
    pub lines: Vec<DriftLine>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// A unit's account for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    pub year: i32,
    pub state: AccountState,
    pub words: AccountWords,
    /// The figures as frozen at submission (or taken in by a refresh); `None` for a
    /// draft whose figures were never taken in (it shows the live ones).
    pub figures: Option<UnitFigures>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<String>,
    /// The office's comment when it returned the account (kept until the next
    /// submission).
    pub returned_comment: Option<String>,
    /// Who returned or accepted it, and when.
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub meta: Meta,
}

/// One unit's line in the office's overview of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewRow {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    /// `None`: not started (no account yet).
    pub state: Option<AccountState>,
    pub submitted_by: Option<String>,
    pub submitted_at: Option<String>,
    /// Past the deadline and not handed in (submitted or accepted).
    pub late: bool,
}

/// Every unit's account state for a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub year: i32,
    /// The submission deadline the office set (`YYYY-MM-DD`).
    pub deadline: Option<String>,
    pub rows: Vec<OverviewRow>,
}

/// One headline figure for the whole municipality: `values[i]` is for
/// `Compilation::years[i]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFigure {
    pub figure: Figure,
    pub values: Vec<i64>,
}

/// One unit's section of the compilation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitSection {
    pub unit_id: i64,
    pub unit_code: String,
    pub unit_name: String,
    /// `None`: not started.
    pub state: Option<AccountState>,
    /// The frozen figures of a handed-in account, else the live ones.
    pub figures: UnitFigures,
    /// True when `figures` are the ones the unit handed in.
    pub frozen: bool,
    /// The unit's words, when the reader may read them.
    pub words: Option<AccountWords>,
}

/// A project as the executive board follows it up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFollowUp {
    pub project_id: i64,
    pub name: String,
    pub acronym: String,
    pub programme: Programme,
    pub role: ProjectRole,
    pub status: ProjectStatus,
    pub lead_unit_code: Option<String>,
    /// In the project's currency, minor units.
    pub currency: String,
    pub budget_total: Option<i64>,
    pub eu_grant: Option<i64>,
    /// Converted with the project's rate, öre; `None` without an amount or a rate.
    pub budget_total_sek: Option<i64>,
    pub eu_grant_sek: Option<i64>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// The first milestone not done, by due date.
    pub next_milestone: Option<NextMilestone>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextMilestone {
    pub title: String,
    pub due: Option<String>,
}

/// An action plan's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanProgress {
    pub plan_id: i64,
    pub title: String,
    /// `None`: the whole municipality's plan.
    pub unit_code: Option<String>,
    pub items: PlanFigures,
}

/// One bar of a chart: this year against last year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartPoint {
    /// A unit code, a programme word or a country code.
    pub label: String,
    pub this_year: i64,
    pub last_year: i64,
}

/// A chart's data, biggest this year first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    pub measure: Measure,
    pub points: Vec<ChartPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charts {
    /// Person-hours (minutes) per unit code.
    pub person_hours_per_unit: Series,
    /// EU grant (öre) per programme word.
    pub eu_grant_per_programme: Series,
    /// Interactions per country code.
    pub contacts_per_country: Series,
}

/// The office's compilation of year `year` for the executive board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compilation {
    pub year: i32,
    pub deadline: Option<String>,
    /// `year` first, then the years before that have data (at most four more).
    pub years: Vec<i32>,
    /// The whole municipality's headline figures for each of `years`.
    pub key_figures: Vec<KeyFigure>,
    /// The whole municipality's figures for `year` in full.
    pub municipality: UnitFigures,
    pub units: Vec<UnitSection>,
    /// Projects running in the year.
    pub projects: Vec<ProjectFollowUp>,
    /// The action plans of the year.
    pub plans: Vec<PlanProgress>,
    pub memberships: Vec<MembershipLine>,
    pub charts: Charts,
}

/// An amount in another currency converted to SEK with a rate in ten-thousandths,
/// rounded half up; SEK passes through. `None` without a rate or on overflow.
pub fn to_sek(amount: i64, currency: &str, rate_e4: Option<i64>) -> Option<i64> {
    if currency.eq_ignore_ascii_case("SEK") {
        return Some(amount);
    }
    let rate = rate_e4.filter(|r| *r > 0)?;
    let minor = (i128::from(amount) * i128::from(rate) + 5_000).div_euclid(10_000);
    i64::try_from(minor).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sek_conversion_rounds_and_never_overflows() {
        assert_eq!(to_sek(10_000, "SEK", None), Some(10_000));
        assert_eq!(to_sek(100, "EUR", Some(114_500)), Some(1_145));
        assert_eq!(to_sek(1, "EUR", Some(115_000)), Some(12));
        assert_eq!(to_sek(100, "EUR", None), None);
        assert_eq!(to_sek(100, "EUR", Some(0)), None);
        assert_eq!(to_sek(i64::MAX, "EUR", Some(i64::MAX)), None);
    }

    #[test]
    fn drift_names_what_changed() {
        let frozen = UnitFigures::default();
        let mut live = frozen.clone();
        live.training.activities = 2;
        live.training.minutes = 90;
        let drift = live.drift_from(&frozen);
        assert_eq!(drift.lines.len(), 2);
        assert_eq!(drift.lines[0].figure, Figure::Activities);
        assert_eq!(drift.lines[0].delta(), 2);
        assert!(frozen.drift_from(&frozen).is_empty());
    }

    #[test]
    fn words_parts_cover_every_area() {
        let mut w = AccountWords::default();
        for area in PriorityArea::ALL {
            *w.get_mut(WordsPart::of_area(*area)) = area.as_str().into();
            assert_eq!(WordsPart::of_area(*area).area(), Some(*area));
        }
        assert_eq!(w.area(PriorityArea::Horizon), "horizon");
        assert!(!w.is_empty());
        w.next_year = " x ".into();
        assert!(validate_words(&mut w).is_empty());
        assert_eq!(w.next_year, "x");
    }
}
