//! Contacts read from a file (vCard, CSV) before they are matched against the
//! registry, and the plan an import makes of them (issue 14).

use super::{OrgData, PersonData, Similar};
use serde::Serialize;

/// An organisation as a file describes it. Empty fields say nothing (an update never
/// clears a field because the file left it out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncomingOrg {
    /// Line in the file where the card or row starts (1-based).
    pub line: usize,
    pub uid: String,
    pub name: String,
    pub website: String,
    pub city: String,
    pub country: String,
    pub notes: String,
}

/// A person as a file describes it; `org`/`org_uid` name the organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncomingPerson {
    pub line: usize,
    pub uid: String,
    pub name: String,
    pub org: String,
    pub org_uid: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    /// For an organisation made for this person: its web site, city and country.
    pub website: String,
    pub city: String,
    pub country: String,
}

/// A row or card refused, with its line and the catalogue key of the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refused {
    pub line: usize,
    pub reason: String,
    pub detail: String,
}

/// What a file holds.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub orgs: Vec<IncomingOrg>,
    pub persons: Vec<IncomingPerson>,
    pub refused: Vec<Refused>,
}

/// Where a planned person belongs: an organisation in the registry or one the import
/// makes (an index into [`ImportPlan::new_orgs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRef {
    Existing(i64),
    New(usize),
}

#[derive(Debug, Clone)]
pub struct NewOrg {
    pub line: usize,
    pub uid: String,
    pub data: OrgData,
}

#[derive(Debug, Clone)]
pub struct NewPerson {
    pub line: usize,
    pub uid: String,
    pub org: OrgRef,
    pub data: PersonData,
}

/// A change to a record in the registry: the fields that change, and the data to
/// write (the record's as it is, with the file's values over it).
#[derive(Debug, Clone)]
pub struct Update<T> {
    pub line: usize,
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub uid: String,
    pub fields: Vec<&'static str>,
    pub data: T,
}

/// An organisation the matcher of check before create finds near: made only with
/// "create anyway"; its persons wait with it.
#[derive(Debug, Clone)]
pub struct NearDuplicate {
    pub new: usize,
    pub similar: Vec<Similar>,
}

/// The import's preview, and what applying it writes.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    pub new_orgs: Vec<NewOrg>,
    pub new_persons: Vec<NewPerson>,
    pub org_updates: Vec<Update<OrgData>>,
    pub person_updates: Vec<Update<PersonData>>,
    pub near_duplicates: Vec<NearDuplicate>,
    pub refused: Vec<Refused>,
    pub unchanged: usize,
}

impl ImportPlan {
    /// True when applying would write nothing.
    pub fn is_empty(&self) -> bool {
        self.new_orgs.is_empty()
            && self.new_persons.is_empty()
            && self.org_updates.is_empty()
            && self.person_updates.is_empty()
    }
}

/// What an applied import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportDone {
    pub orgs_created: usize,
    pub persons_created: usize,
    pub updated: usize,
    pub skipped: usize,
}

/// The UID intnet exports for a record without an imported one: a UUID (version 8,
/// RFC 9562's layout for custom UUIDs) made of the database's random seed and the
/// record's kind (`o` organisation, `p` person) and id, as `urn:uuid:…`. The same
/// record always gets the same UID from the same database, two databases give
/// different ones, and [`decode_own_uid`] reads the id back.
pub fn own_uid(seed: &[u8; 16], kind: char, id: i64) -> String {
    let mut b = *seed;
    b[6] = 0x80 | if kind == 'o' { 1 } else { 2 };
    b[8] = 0x80 | (seed[8] & 0x3f);
    let id = id.to_be_bytes();
    b[9..16].copy_from_slice(&id[1..8]);
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The kind and id of a UID [`own_uid`] made with this seed; None for any other.
pub fn decode_own_uid(seed: &[u8; 16], uid: &str) -> Option<(char, i64)> {
    let rest = uid.trim();
    let rest = rest
        .get(..9)
        .filter(|p| p.eq_ignore_ascii_case("urn:uuid:"))
        .map(|_| &rest[9..])
        .unwrap_or(rest);
    let hex: String = rest.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.is_ascii() {
        return None;
    }
    let mut b = [0u8; 16];
    for (i, x) in b.iter_mut().enumerate() {
        *x = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok()?;
    }
    if b[..6] != seed[..6] || b[7] != seed[7] || b[8] != 0x80 | (seed[8] & 0x3f) {
        return None;
    }
    let kind = match b[6] {
        0x81 => 'o',
        0x82 => 'p',
        _ => return None,
    };
    let mut id = [0u8; 8];
    id[1..8].copy_from_slice(&b[9..16]);
    Some((kind, i64::from_be_bytes(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_uids_read_back_and_differ_by_database_and_kind() {
        let seed = [7u8; 16];
        let uid = own_uid(&seed, 'p', 123_456);
        assert!(uid.starts_with("urn:uuid:"));
        assert_eq!(decode_own_uid(&seed, &uid), Some(('p', 123_456)));
        assert_ne!(own_uid(&seed, 'o', 1), own_uid(&seed, 'p', 1));
        assert_eq!(decode_own_uid(&[8u8; 16], &uid), None);
        assert_eq!(decode_own_uid(&seed, "urn:uuid:ü"), None);
        assert_eq!(decode_own_uid(&seed, "ÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅÅ"), None);
    }
}
