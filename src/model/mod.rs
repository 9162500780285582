//! Plain types, enums and validation. No storage, no terminal.

mod access;
mod contacts;
pub mod country;
mod currency;
mod enums;
mod identifiers;
mod merge;
mod news;
mod plans;
mod privacy;
mod projects;
mod report;
mod training;
mod validate;

pub use contacts::*;
pub use enums::*;
pub use identifiers::*;
pub use merge::*;
pub use news::*;
pub use plans::*;
pub use privacy::*;
pub use projects::*;
pub use report::*;
pub use training::*;
pub use validate::*;

use serde::{Deserialize, Serialize};

/// Who is acting: the registered member behind this process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub member_id: i64,
    pub account: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
}

impl Actor {
    pub fn can_edit_partners(&self) -> bool {
        matches!(self.role, Role::Office | Role::Member)
    }
    pub fn is_office(&self) -> bool {
        self.role == Role::Office
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub is_company: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: i64,
    pub account: String,
    pub full_name: String,
    pub unit_id: Option<i64>,
    pub unit_code: Option<String>,
    pub role: Role,
    pub active: bool,
}

/// Row bookkeeping shared by every editable record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub version: i64,
    pub created_at: String,
    pub created_by: Option<String>,
    pub updated_at: String,
    pub updated_by: Option<String>,
}

/// The editable fields of a partner organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgData {
    pub name: String,
    pub kind: OrgKind,
    /// The council's decision date, for twin cities.
    pub twin_decided: Option<String>,
    pub sector: Option<Sector>,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub city: String,
    pub website: String,
    pub status: OrgStatus,
    pub priority_areas: Vec<PriorityArea>,
    pub growth_areas: Vec<GrowthArea>,
    pub tags: Vec<String>,
    pub notes: String,
    pub owner_member: Option<i64>,
    pub owner_unit: Option<i64>,
    /// Swedish organisation number, `NNNNNN-NNNN` (see [`parse_orgnr`]); empty if none.
    #[serde(default)]
    pub orgnr: String,
    /// EU participant identification code, nine digits; empty if none.
    #[serde(default)]
    pub pic: String,
    /// Erasmus+ organisation ID, `E` and eight digits; empty if none.
    #[serde(default)]
    pub oid: String,
    /// VAT number with its country prefix; empty if none.
    #[serde(default)]
    pub vat: String,
    /// Shared with the region in `intnet export regional`. Off by default.
    #[serde(default)]
    pub share: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Org {
    pub id: i64,
    pub data: OrgData,
    pub owner_member_name: Option<String>,
    pub owner_unit_name: Option<String>,
    pub last_contact: Option<String>,
    pub meta: Meta,
}

/// One row of the organisation list: only what the list draws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRow {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub city: String,
    pub country: String,
    pub status: OrgStatus,
    pub last_contact: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonData {
    pub org_id: i64,
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub languages: String,
    pub notes: String,
    /// How we got the data (business card, web page, meeting...).
    pub source: String,
    pub verified_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub data: PersonData,
    pub meta: Meta,
    /// Source, legal basis, date informed, restriction (Art. 18: listed for the
    /// office only, marked).
    #[serde(default)]
    pub privacy: PersonPrivacy,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InteractionData {
    pub org_id: i64,
    pub person_id: Option<i64>,
    pub member_id: i64,
    pub unit_id: Option<i64>,
    pub date: String,
    pub kind: InteractionKind,
    pub summary: String,
    pub follow_up: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interaction {
    pub id: i64,
    pub data: InteractionData,
    pub member_name: String,
    pub unit_name: Option<String>,
    pub person_name: Option<String>,
    pub meta: Meta,
    /// The person's processing is restricted (Art. 18): marked where they appear.
    #[serde(default)]
    pub person_restricted: bool,
}

/// "Who in the municipality knows them": one member (and unit) with their last contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acquaintance {
    pub member_name: String,
    pub unit_name: Option<String>,
    pub last_contact: String,
    pub contacts: i64,
}

/// An existing organisation that looks like the one being created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Similar {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub country: String,
    pub owner: Option<String>,
    pub last_contact: Option<String>,
    pub reason: SimilarReason,
}

impl Similar {
    /// A near-duplicate blocks a plain save: saving needs "create anyway".
    pub fn is_near_duplicate(&self) -> bool {
        matches!(
            self.reason,
            SimilarReason::Name | SimilarReason::Domain | SimilarReason::Identifier
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimilarReason {
    Name,
    Domain,
    Place,
    /// The same organisation number, PIC, OID or VAT number.
    Identifier,
}

/// What a quick-lookup hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Organisation,
    Person,
    Interaction,
}

/// One quick-lookup hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: HitKind,
    pub id: i64,
    /// The organisation to open for this hit.
    pub org_id: i64,
    pub name: String,
    /// For persons and interactions: the organisation's name.
    pub context: Option<String>,
    pub city: String,
    pub country: String,
    pub owner: Option<String>,
    pub last_contact: Option<String>,
    /// 0 exact name, 1 name prefix, 2 word match, 3 one typo away.
    pub rank: u8,
}

/// An organisation in a regional partner's layer (`intnet import regional`): read
/// only, marked with the municipality that shared it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionalOrg {
    /// Our row id (for `org adopt-regional`); changes when the layer is replaced.
    pub id: i64,
    /// Who shared it ("Sandvikens kommun").
    pub source: String,
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub city: String,
    pub website: String,
    pub orgnr: String,
    pub pic: String,
    pub oid: String,
    pub vat: String,
    pub priority_areas: Vec<PriorityArea>,
    pub growth_areas: Vec<GrowthArea>,
    /// The source's units that know them, comma separated.
    pub units: String,
    /// The year of the source's last contact with them.
    pub last_contact_year: Option<i32>,
    /// Whom to ask at the source: a role, never a person.
    pub contact_role: String,
    /// Why it matched, for check before create.
    pub reason: Option<SimilarReason>,
}

/// One organisation of the regional exchange file (`docs/regional-exchange.schema.json`):
/// what a municipality shares about a partner. No person: whom to ask is a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalEntry {
    /// The sharing municipality's own id for it (text, opaque).
    pub id: String,
    pub name: String,
    /// An organisation kind word (`university`, `twin_city`…).
    pub kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub identifiers: RegionalIdentifiers,
    #[serde(default)]
    pub priority_areas: Vec<String>,
    #[serde(default)]
    pub growth_areas: Vec<String>,
    /// The sharing municipality's units that know them.
    #[serde(default)]
    pub known_by: Vec<KnownBy>,
    /// The year of the last contact, any unit.
    #[serde(default)]
    pub last_contact_year: Option<i32>,
    /// Whom to ask: a unit or a function ("Internationella kontoret"), never a person.
    #[serde(default)]
    pub contact_role: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalIdentifiers {
    #[serde(default)]
    pub orgnr: String,
    #[serde(default)]
    pub pic: String,
    #[serde(default)]
    pub oid: String,
    #[serde(default)]
    pub vat: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownBy {
    pub unit: String,
    #[serde(default)]
    pub last_contact_year: Option<i32>,
}
