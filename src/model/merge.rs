//! Merging two duplicate records (issue 14): which fields the kept record takes from
//! the removed one. Pure: the store applies the result, the CLI and the TUI choose.
//!
//! The rule (documented in `docs/usage.md`, "Merging duplicates"): the kept record's
//! value wins; an empty kept value (empty text, no sector, no owner…) is filled from
//! the removed record; lists (priority and growth areas, tags) are joined; notes are
//! joined, the kept record's first. A field named with `--take` (or picked in the
//! TUI's side-by-side view) takes the removed record's value instead, empty or not.

use super::{OrgData, PersonData};
use serde::{Deserialize, Serialize};

super::enums::word_enum!(
    /// An organisation field a merge can take from the removed record.
    OrgField, "merge_field", {
        Name => "name",
        Kind => "kind",
        TwinDecided => "twin_decided",
        Sector => "sector",
        Country => "country",
        City => "city",
        Website => "website",
        Status => "status",
        PriorityAreas => "priority_areas",
        GrowthAreas => "growth_areas",
        Tags => "tags",
        Notes => "notes",
        Owner => "owner",
        Orgnr => "orgnr",
        Pic => "pic",
        Oid => "oid",
        Vat => "vat",
        Share => "share",
    }
);

super::enums::word_enum!(
    /// A person field a merge can take from the removed record.
    PersonField, "merge_field", {
        Name => "name",
        Title => "title",
        Email => "email",
        Phone => "phone",
        Languages => "languages",
        Notes => "notes",
        Source => "source",
        VerifiedOn => "verified_on",
    }
);

fn fill(kept: &mut String, removed: &str) {
    if kept.trim().is_empty() {
        *kept = removed.to_string();
    }
}

fn fill_opt<T: Clone>(kept: &mut Option<T>, removed: &Option<T>) {
    if kept.is_none() {
        kept.clone_from(removed);
    }
}

fn join_list<T: Clone + PartialEq>(kept: &mut Vec<T>, removed: &[T]) {
    for r in removed {
        if !kept.contains(r) {
            kept.push(r.clone());
        }
    }
}

/// Notes of both, the kept record's first, once each.
fn join_notes(kept: &str, removed: &str) -> String {
    let (k, r) = (kept.trim_end(), removed.trim());
    if r.is_empty() || k.contains(r) {
        k.to_string()
    } else if k.is_empty() {
        r.to_string()
    } else {
        format!("{k}\n\n{r}")
    }
}

/// The organisation a merge keeps: `kept` with the rule above applied.
pub fn merge_org_data(kept: &OrgData, removed: &OrgData, take: &[OrgField]) -> OrgData {
    let mut m = kept.clone();
    let r = removed;
    let t = |f: OrgField| take.contains(&f);
    macro_rules! text {
        ($field:ident, $which:expr) => {
            if t($which) {
                m.$field = r.$field.clone();
            } else {
                fill(&mut m.$field, &r.$field);
            }
        };
    }
    macro_rules! opt {
        ($field:ident, $which:expr) => {
            if t($which) {
                m.$field = r.$field.clone();
            } else {
                fill_opt(&mut m.$field, &r.$field);
            }
        };
    }
    macro_rules! list {
        ($field:ident, $which:expr) => {
            if t($which) {
                m.$field = r.$field.clone();
            } else {
                join_list(&mut m.$field, &r.$field);
            }
        };
    }
    text!(name, OrgField::Name);
    if t(OrgField::Kind) {
        m.kind = r.kind;
    }
    opt!(twin_decided, OrgField::TwinDecided);
    opt!(sector, OrgField::Sector);
    text!(country, OrgField::Country);
    text!(city, OrgField::City);
    text!(website, OrgField::Website);
    if t(OrgField::Status) {
        m.status = r.status;
    }
    list!(priority_areas, OrgField::PriorityAreas);
    list!(growth_areas, OrgField::GrowthAreas);
    list!(tags, OrgField::Tags);
    m.notes = if t(OrgField::Notes) {
        r.notes.clone()
    } else {
        join_notes(&kept.notes, &r.notes)
    };
    if t(OrgField::Owner) || (m.owner_member.is_none() && m.owner_unit.is_none()) {
        m.owner_member = r.owner_member;
        m.owner_unit = r.owner_unit;
    }
    text!(orgnr, OrgField::Orgnr);
    text!(pic, OrgField::Pic);
    text!(oid, OrgField::Oid);
    text!(vat, OrgField::Vat);
    if t(OrgField::Share) {
        m.share = r.share;
    }
    m
}

/// The person a merge keeps, by the same rule; the kept person's organisation stays.
pub fn merge_person_data(
    kept: &PersonData,
    removed: &PersonData,
    take: &[PersonField],
) -> PersonData {
    let mut m = kept.clone();
    let r = removed;
    let t = |f: PersonField| take.contains(&f);
    for (field, which, from) in [
        (&mut m.name, PersonField::Name, &r.name),
        (&mut m.title, PersonField::Title, &r.title),
        (&mut m.email, PersonField::Email, &r.email),
        (&mut m.phone, PersonField::Phone, &r.phone),
        (&mut m.languages, PersonField::Languages, &r.languages),
        (&mut m.source, PersonField::Source, &r.source),
    ] {
        if t(which) {
            field.clone_from(from);
        } else {
            fill(field, from);
        }
    }
    if t(PersonField::VerifiedOn) {
        m.verified_on.clone_from(&r.verified_on);
    } else {
        fill_opt(&mut m.verified_on, &r.verified_on);
    }
    m.notes = if t(PersonField::Notes) {
        r.notes.clone()
    } else {
        join_notes(&kept.notes, &r.notes)
    };
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(name: &str, city: &str, notes: &str, tags: &[&str]) -> OrgData {
        OrgData {
            name: name.into(),
            city: city.into(),
            notes: notes.into(),
            tags: tags.iter().map(|s| s.to_string()).collect(),
            ..OrgData::default()
        }
    }

    #[test]
    fn kept_wins_empty_is_filled_lists_and_notes_join() {
        let k = org("Kept", "", "met in May", &["a"]);
        let r = org("Removed", "Turku", "old notes", &["a", "b"]);
        let m = merge_org_data(&k, &r, &[]);
        assert_eq!(m.name, "Kept");
        assert_eq!(m.city, "Turku");
        assert_eq!(m.tags, vec!["a".to_string(), "b".to_string()]);
        assert_eq!(m.notes, "met in May\n\nold notes");
    }

    #[test]
    fn take_uses_the_removed_value_even_when_empty() {
        let k = org("Kept", "Gävle", "", &[]);
        let r = org("Removed", "", "", &[]);
        let m = merge_org_data(&k, &r, &[OrgField::Name, OrgField::City]);
        assert_eq!(m.name, "Removed");
        assert_eq!(m.city, "");
    }
}
