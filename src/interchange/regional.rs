//! The regional exchange file (issue 16): one JSON document in which a municipality
//! shares the partner organisations it is willing to share, with no personal data.
//! Its JSON Schema is `docs/regional-exchange.schema.json`; this module writes it and
//! checks a received one before anything is stored.
//!
//! A received file is refused whole, with the reason, when it is larger than
//! [`MAX_FILE_BYTES`], is no JSON of the expected shape (serde with unknown fields
//! denied, then the explicit checks of [`check`]), has another version than
//! [`VERSION`], or holds a person's e-mail address in any field ([`personal_email`]).

use crate::i18n::Lang;
use crate::model::{
    GrowthArea, OrgKind, PriorityArea, RegionalEntry, RegionalOrg, parse_country, parse_oid,
    parse_orgnr, parse_pic, parse_url, parse_vat, year_in_range,
};
use serde::{Deserialize, Serialize};

/// The format's name, the `format` member of every file.
pub const FORMAT: &str = "intnet-regional";
/// The version this program writes and reads.
pub const VERSION: u32 = 1;
/// The largest file read: 64 MiB. A full layer of 100 000 organisations is about
/// 50 MiB; ten municipalities of 10 000 each write about 5 MiB each.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most organisations in one file.
pub const MAX_ORGANISATIONS: usize = 100_000;
/// The longest text of one field, in characters (as our names and cities).
const MAX_TEXT: usize = crate::model::MAX_SHORT_TEXT;

/// The whole document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionalFile {
    pub format: String,
    pub version: u32,
    /// When it was written (RFC 3339, UTC).
    pub exported_at: String,
    pub organisations: Vec<RegionalEntry>,
}

impl RegionalFile {
    pub fn new(exported_at: String, organisations: Vec<RegionalEntry>) -> Self {
        RegionalFile {
            format: FORMAT.to_string(),
            version: VERSION,
            exported_at,
            organisations,
        }
    }

    /// The document as JSON text (every text through the JSON writer's escapes).
    pub fn to_json(&self) -> serde_json::Result<String> {
        super::json::to_string_pretty(self)
    }
}

/// Why a file is refused. `at` is the organisation's place in the file (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooLarge {
        limit: u64,
    },
    NotJson {
        detail: String,
    },
    WrongFormat,
    WrongVersion {
        found: u64,
    },
    TooMany {
        limit: usize,
    },
    Invalid {
        at: usize,
        field: &'static str,
        key: &'static str,
    },
    Duplicate {
        at: usize,
    },
    Personal {
        at: usize,
        field: &'static str,
    },
}

/// An e-mail address that names a person: a local part of two or more name parts
/// (`anna.svensson@`, `anna_svensson@`, `a.svensson@`). Function addresses such as
/// `info@`, `international@` or `kontakt@` pass; a file is for organisations, so a
/// personal address in any field refuses the whole file.
pub fn personal_email(text: &str) -> bool {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let local_start = text[..at]
            .rfind(|c: char| c.is_whitespace() || "<>(),;:\"'[]".contains(c))
            .map_or(0, |i| i + 1);
        let local = &text[local_start..at];
        let domain_ok = text[at + 1..]
            .split(|c: char| c.is_whitespace() || "<>(),;\"'[]".contains(c))
            .next()
            .is_some_and(|d| d.contains('.') && d.len() >= 3);
        let parts: Vec<&str> = local
            .split(['.', '_', '-', '+'])
            .filter(|p| !p.is_empty())
            .collect();
        let names = parts.len() >= 2 && parts.iter().all(|p| p.chars().all(char::is_alphabetic));
        if domain_ok && names && at > 0 && bytes[at - 1] != b' ' {
            return true;
        }
    }
    false
}

/// Reads and checks a received file's bytes: the first reason to refuse, or the file.
pub fn parse(bytes: &[u8]) -> Result<RegionalFile, Refusal> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge {
            limit: MAX_FILE_BYTES,
        });
    }
    // One parse into the whole shape; when that fails, the envelope is read to name
    // a wrong format or version as such rather than as a shape error.
    let mut file: RegionalFile = match serde_json::from_slice(bytes) {
        Ok(f) => f,
        Err(e) => {
            let value: serde_json::Value =
                serde_json::from_slice(bytes).map_err(|e| Refusal::NotJson {
                    detail: e.to_string(),
                })?;
            envelope(
                value.get("format").and_then(|f| f.as_str()),
                value.get("version").and_then(serde_json::Value::as_u64),
            )?;
            return Err(Refusal::NotJson {
                detail: e.to_string(),
            });
        }
    };
    envelope(Some(&file.format), Some(u64::from(file.version)))?;
    check(&mut file)?;
    Ok(file)
}

fn envelope(format: Option<&str>, version: Option<u64>) -> Result<(), Refusal> {
    if format != Some(FORMAT) {
        return Err(Refusal::WrongFormat);
    }
    match version {
        Some(v) if v == u64::from(VERSION) => Ok(()),
        found => Err(Refusal::WrongVersion {
            found: found.unwrap_or(0),
        }),
    }
}

/// The checks serde cannot make: required texts, lengths, known words, identifiers,
/// years, no duplicate ids, and no personal e-mail address anywhere. Identifiers,
/// countries and websites are normalised as our own are.
pub fn check(file: &mut RegionalFile) -> Result<(), Refusal> {
    if file.organisations.len() > MAX_ORGANISATIONS {
        return Err(Refusal::TooMany {
            limit: MAX_ORGANISATIONS,
        });
    }
    let invalid = |at, field, key| Refusal::Invalid { at, field, key };
    if file.exported_at.trim().is_empty() || file.exported_at.chars().count() > 64 {
        return Err(invalid(0, "exported_at", "err.required"));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, e) in file.organisations.iter_mut().enumerate() {
        let at = i + 1;
        let texts: [(&'static str, &str); 10] = [
            ("id", &e.id),
            ("name", &e.name),
            ("kind", &e.kind),
            ("country", &e.country),
            ("city", &e.city),
            ("contact_role", &e.contact_role),
            ("orgnr", &e.identifiers.orgnr),
            ("pic", &e.identifiers.pic),
            ("oid", &e.identifiers.oid),
            ("vat", &e.identifiers.vat),
        ];
        for (field, text) in texts {
            if personal_email(text) {
                return Err(Refusal::Personal { at, field });
            }
            if text.chars().count() > MAX_TEXT {
                return Err(invalid(at, field, "err.regional_too_long"));
            }
        }
        if personal_email(&e.website) {
            return Err(Refusal::Personal {
                at,
                field: "website",
            });
        }
        for k in &e.known_by {
            if personal_email(&k.unit) {
                return Err(Refusal::Personal {
                    at,
                    field: "known_by",
                });
            }
            if k.unit.trim().is_empty() || k.unit.chars().count() > MAX_TEXT {
                return Err(invalid(at, "known_by", "err.required"));
            }
            if k.last_contact_year.is_some_and(|y| !year_in_range(y)) {
                return Err(invalid(at, "known_by", "err.regional_year"));
            }
        }
        for area in e.priority_areas.iter().chain(&e.growth_areas) {
            if personal_email(area) {
                return Err(Refusal::Personal { at, field: "areas" });
            }
        }
        e.name = e.name.trim().to_string();
        e.id = e.id.trim().to_string();
        if e.id.is_empty() {
            return Err(invalid(at, "id", "err.required"));
        }
        if !ids.insert(e.id.clone()) {
            return Err(Refusal::Duplicate { at });
        }
        if e.name.is_empty() {
            return Err(invalid(at, "name", "err.required"));
        }
        if OrgKind::parse(&e.kind).is_none() {
            return Err(invalid(at, "kind", "err.regional_kind"));
        }
        e.country = parse_country(&e.country).map_err(|k| invalid(at, "country", k))?;
        if e.website.chars().count() > crate::model::MAX_URL {
            return Err(invalid(at, "website", "err.regional_too_long"));
        }
        e.website = parse_url(&e.website).map_err(|k| invalid(at, "website", k))?;
        e.city = e.city.trim().to_string();
        let ids = &mut e.identifiers;
        ids.orgnr = parse_orgnr(&ids.orgnr).map_err(|k| invalid(at, "orgnr", k))?;
        ids.pic = parse_pic(&ids.pic).map_err(|k| invalid(at, "pic", k))?;
        ids.oid = parse_oid(&ids.oid).map_err(|k| invalid(at, "oid", k))?;
        ids.vat = parse_vat(&ids.vat).map_err(|k| invalid(at, "vat", k))?;
        if e.priority_areas
            .iter()
            .any(|a| PriorityArea::parse(a).is_none())
        {
            return Err(invalid(at, "priority_areas", "err.regional_area"));
        }
        if e.growth_areas
            .iter()
            .any(|a| GrowthArea::parse(a).is_none())
        {
            return Err(invalid(at, "growth_areas", "err.regional_area"));
        }
        if e.last_contact_year.is_some_and(|y| !year_in_range(y)) {
            return Err(invalid(at, "last_contact_year", "err.regional_year"));
        }
    }
    Ok(())
}

/// "Sandvikens kommun knows them, last contact 2026" (units, when known).
pub fn known_line(lang: Lang, r: &RegionalOrg) -> String {
    let mut s = match r.last_contact_year {
        Some(y) => lang.f(
            "regional.knows_since",
            &[
                ("source", &crate::text::sanitize_line(&r.source)),
                ("year", &y),
            ],
        ),
        None => lang.f(
            "regional.knows",
            &[("source", &crate::text::sanitize_line(&r.source))],
        ),
    };
    if !r.contact_role.is_empty() {
        s.push_str(&lang.f(
            "regional.ask",
            &[("role", &crate::text::sanitize_line(&r.contact_role))],
        ));
    }
    s
}

/// The note an adopted organisation gets: where it came from.
pub fn adopted_note(lang: Lang, r: &RegionalOrg) -> String {
    lang.f(
        "regional.adopted_note",
        &[("source", &r.source), ("line", &known_line(lang, r))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_addresses_are_told_from_function_addresses() {
        assert!(personal_email("anna.svensson@sandviken.se"));
        assert!(personal_email("Ask <per_olsson@example.org>"));
        assert!(!personal_email("info@sandviken.se"));
        assert!(!personal_email("international@sandviken.se"));
        assert!(!personal_email("Kultur & fritid"));
    }
}
