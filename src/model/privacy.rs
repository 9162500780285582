//! Personal data (issue 15): where a person's data came from, the legal basis, the
//! Art. 14 notice, requests under Articles 15–18 and their decisions, retention rules.

use super::enums::word_enum;
use serde::{Deserialize, Serialize};

word_enum!(
    /// Where a person's data came from.
    SourceKind, "source_kind", {
        OwnContact => "own_contact",
        BusinessCard => "business_card",
        Website => "website",
        RegionalPartner => "regional_partner",
        ImportFile => "import_file",
    }
);

word_enum!(
    /// The legal basis of the processing (Art. 6.1). A public authority cannot rely on
    /// legitimate interests for its tasks, so that is not offered.
    LegalBasis, "legal_basis", {
        PublicInterest => "public_interest",
        Consent => "consent",
        Contract => "contract",
        LegalObligation => "legal_obligation",
    }
);

word_enum!(
    /// What a person asked for.
    RequestKind, "request_kind", {
        Access => "access",
        Erasure => "erasure",
        Restriction => "restriction",
    }
);

word_enum!(
    /// The answer to a request. `Kept`: kept under the Archives Act, with the retention
    /// decision named.
    Decision, "decision", {
        Extracted => "extracted",
        Erased => "erased",
        Anonymised => "anonymised",
        Kept => "kept",
        Restricted => "restricted",
    }
);

word_enum!(
    /// The record kinds a retention rule can govern.
    RetentionKind, "retention_kind", {
        Interaction => "interaction",
        Person => "person",
    }
);

/// What is replaced for a person's name and e-mail wherever they are anonymised.
pub const ERASED: &str = "[borttagen]";

/// A person's privacy fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonPrivacy {
    pub source_kind: Option<SourceKind>,
    pub source_note: String,
    pub legal_basis: LegalBasis,
    pub informed_on: Option<String>,
    pub restricted: bool,
    pub erased_at: Option<String>,
}

impl Default for PersonPrivacy {
    fn default() -> Self {
        PersonPrivacy {
            source_kind: None,
            source_note: String::new(),
            legal_basis: LegalBasis::PublicInterest,
            informed_on: None,
            restricted: false,
            erased_at: None,
        }
    }
}

/// A person not informed a month after their data was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotInformed {
    pub person_id: i64,
    pub name: String,
    pub org: String,
    /// The day the month ran out (recorded + one month).
    pub due: String,
    pub added_by: Option<String>,
}

/// A logged request and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrivacyRequest {
    pub id: i64,
    pub person_id: i64,
    pub kind: RequestKind,
    pub received: String,
    pub answered: Option<String>,
    pub decision: Option<Decision>,
    pub reason: String,
    pub retention_ref: String,
}

/// A retention rule: records of `kind` go `years` after their last date, under the
/// decision `reference`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionRule {
    pub kind: RetentionKind,
    pub years: i64,
    pub reference: String,
}

/// One record a retention run would anonymise or remove.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionItem {
    pub kind: RetentionKind,
    pub id: i64,
    pub label: String,
    pub date: String,
}

/// One line of the audit trail that concerns a person, for the extract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractAudit {
    pub at: String,
    pub by: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
}

/// A contact (interaction) that names the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractContact {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub org: String,
    pub summary: String,
    pub unit: Option<String>,
}

/// A news item that names the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractNews {
    pub id: i64,
    pub title: String,
    pub published_at: Option<String>,
}

/// Everything held about a person (Art. 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extract {
    pub made_at: String,
    pub person_id: i64,
    pub name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub languages: String,
    pub notes: String,
    pub org: String,
    pub created_at: String,
    pub verified_on: Option<String>,
    pub privacy: PersonPrivacy,
    pub contacts: Vec<ExtractContact>,
    pub news: Vec<ExtractNews>,
    pub audit: Vec<ExtractAudit>,
    pub requests: Vec<PrivacyRequest>,
    /// Units whose members can see the record (every unit of the network: the partner
    /// registry is shared), by code.
    pub recipients: Vec<String>,
    pub retention: Vec<RetentionRule>,
}

/// What an erasure did and could not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasureReport {
    pub request_id: i64,
    pub decision: Decision,
    pub contacts: usize,
    pub news: usize,
    pub audit_rows: usize,
    pub drafts: usize,
    pub backups_deleted: Vec<String>,
    /// The file was compacted and its log emptied; false when another program held
    /// it open (erase again later to finish).
    pub compacted: bool,
}

/// `text` with every needle replaced by [`ERASED`], compared letter by letter in lower
/// case (so "ANNA SVENSSON" and "anna svensson" go too); `None` when nothing matched.
pub fn redact(text: &str, needles: &[String]) -> Option<String> {
    let mut out: Option<String> = None;
    for needle in needles.iter().filter(|n| !n.is_empty()) {
        let current = out.as_deref().unwrap_or(text);
        if let Some(replaced) = replace_folded_case(current, needle) {
            out = Some(replaced);
        }
    }
    out
}

fn replace_folded_case(hay: &str, needle: &str) -> Option<String> {
    let want: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let chars: Vec<char> = hay.chars().collect();
    let mut out = String::with_capacity(hay.len());
    let mut found = false;
    let mut k = 0;
    while k < chars.len() {
        let mut lowered: Vec<char> = Vec::with_capacity(want.len());
        let mut j = k;
        while lowered.len() < want.len() && j < chars.len() {
            lowered.extend(chars[j].to_lowercase());
            j += 1;
        }
        if lowered == want {
            out.push_str(ERASED);
            found = true;
            k = j;
        } else {
            out.push(chars[k]);
            k += 1;
        }
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_replaces_every_case_and_leaves_the_rest() {
        let n = vec!["Åsa Öberg".to_string(), "asa oberg".to_string()];
        assert_eq!(
            redact("Met ÅSA ÖBERG and åsa öberg; asa oberg folded.", &n).as_deref(),
            Some("Met [borttagen] and [borttagen]; [borttagen] folded.")
        );
        assert_eq!(redact("nobody here", &n), None);
    }
}

/// The verification period when the office has set none (issue 15, retention):
/// two years, in months.
pub const VERIFY_AFTER_DEFAULT: i64 = 24;

/// A person not verified for the office's period ("to review"): still at the
/// organisation, still the right address?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unverified {
    pub person_id: i64,
    pub name: String,
    pub org: String,
    /// The last day the person was verified (or recorded, when never).
    pub verified_on: String,
    pub added_by: Option<String>,
}

/// Whether a person last verified on `verified_on` (else recorded at `created_at`)
/// is flagged: verified before `cutoff`, the first day that still counts.
pub fn is_unverified(verified_on: Option<&str>, created_at: &str, cutoff: &str) -> bool {
    let day = match verified_on {
        Some(d) if !d.is_empty() => d,
        _ => created_at.get(..10).unwrap_or(created_at),
    };
    day < cutoff
}
