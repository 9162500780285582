//! vCard in and out, through `calcard` (see `docs/architecture.md`, "Contacts in and
//! out"): 4.0 written, 2.1, 3.0 and 4.0 read as address books write them.

use super::super::export_text;
use crate::model::{Incoming, IncomingOrg, IncomingPerson, Refused};
use crate::store::{ExportOrg, ExportPerson};
use calcard::vcard::{
    VCard, VCardEntry, VCardKind, VCardParameter, VCardProperty, VCardType, VCardValue,
    VCardValueType, VCardVersion,
};
use calcard::{Entry, Parser};

fn text(s: &str) -> VCardValue {
    VCardValue::Text(export_text(s).into_owned())
}

fn prop(name: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(name).with_value(export_text(value).into_owned())
}

/// The organisations and persons as vCard 4.0: an organisation as a `KIND:org` card,
/// a person with `ORG`, `TITLE`, `EMAIL`, `TEL` and `RELATED` (the organisation's UID).
/// Every text is cleaned by [`export_text`]; calcard escapes `,`, `;`, `\` and line
/// breaks and folds long lines.
pub fn write(orgs: &[ExportOrg], persons: &[ExportPerson]) -> String {
    let mut out = String::new();
    let mut put = |card: VCard| {
        // Writing to a String cannot fail.
        let _ = card.write_to(&mut out, VCardVersion::V4_0);
    };
    for o in orgs {
        let d = &o.org.data;
        let mut e = vec![
            VCardEntry::new(VCardProperty::Kind).with_value(VCardKind::Org),
            prop(VCardProperty::Uid, &o.uid),
            prop(VCardProperty::Fn, &d.name),
            VCardEntry::new(VCardProperty::Org).with_values(vec![text(&d.name)]),
        ];
        if !d.website.is_empty() {
            e.push(prop(VCardProperty::Url, &d.website));
        }
        if !d.city.is_empty() || !d.country.is_empty() {
            e.push(
                VCardEntry::new(VCardProperty::Adr)
                    .with_param(VCardParameter::typ(VCardType::Work))
                    .with_values(vec![
                        text(""),
                        text(""),
                        text(""),
                        text(&d.city),
                        text(""),
                        text(""),
                        text(&d.country),
                    ]),
            );
        }
        if !d.notes.is_empty() {
            e.push(prop(VCardProperty::Note, &d.notes));
        }
        put(VCard { entries: e });
    }
    for p in persons {
        let d = &p.person.data;
        let mut e = vec![
            VCardEntry::new(VCardProperty::Kind).with_value(VCardKind::Individual),
            prop(VCardProperty::Uid, &p.uid),
            prop(VCardProperty::Fn, &d.name),
            VCardEntry::new(VCardProperty::Org).with_values(vec![text(&p.org_name)]),
            VCardEntry::new(VCardProperty::Related)
                .with_param(VCardParameter::value(VCardValueType::Uri))
                .with_value(export_text(&p.org_uid).into_owned()),
        ];
        if !d.title.is_empty() {
            e.push(prop(VCardProperty::Title, &d.title));
        }
        if !d.email.is_empty() {
            e.push(
                prop(VCardProperty::Email, &d.email)
                    .with_param(VCardParameter::typ(VCardType::Work)),
            );
        }
        if !d.phone.is_empty() {
            e.push(
                prop(VCardProperty::Tel, &d.phone).with_param(VCardParameter::typ(VCardType::Work)),
            );
        }
        if !d.notes.is_empty() {
            e.push(prop(VCardProperty::Note, &d.notes));
        }
        put(VCard { entries: e });
    }
    out
}

/// The value at `i` of a structured property (`ADR`, `N`, `ORG`), components joined.
fn part(e: &VCardEntry, i: usize) -> String {
    match e.values.get(i) {
        Some(VCardValue::Text(t)) => t.trim().to_string(),
        Some(VCardValue::Component(c)) => c.join(", ").trim().to_string(),
        Some(other) => other.as_text().unwrap_or_default().trim().to_string(),
        None => String::new(),
    }
}

fn first(card: &VCard, p: VCardProperty) -> String {
    card.properties(&p)
        .map(|e| part(e, 0))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

fn is_org_card(card: &VCard) -> bool {
    card.entries.iter().any(|e| match &e.name {
        VCardProperty::Kind => e.values.iter().any(|v| match v {
            VCardValue::Kind(k) => *k == VCardKind::Org,
            VCardValue::Text(t) => t.eq_ignore_ascii_case("org"),
            _ => false,
        }),
        // Apple Contacts' company card.
        VCardProperty::Other(name) => {
            name.eq_ignore_ascii_case("X-ABShowAs")
                && e.values.iter().any(|v| {
                    v.as_text()
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("COMPANY"))
                })
        }
        _ => false,
    })
}

/// The lines (1-based) that are `what` (`BEGIN:VCARD`, `END:VCARD`).
fn card_lines(text: &str, what: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start_matches('\u{feff}')
                .trim()
                .eq_ignore_ascii_case(what)
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// Reads every card of a vCard file (2.1, 3.0 or 4.0). A card that cannot be used
/// (no name, a broken card, something that is not a card) is refused with its line.
pub fn read(text: &str) -> Incoming {
    let lines = card_lines(text, "BEGIN:VCARD");
    let ends = card_lines(text, "END:VCARD");
    let last_line = text.lines().count().max(1);
    let mut out = Incoming::default();
    let mut parser = Parser::new(text);
    let mut n = 0usize;
    let mut guard = 0usize;
    loop {
        guard += 1;
        if guard > text.len() + 2 {
            break;
        }
        let line = lines.get(n).copied().unwrap_or(last_line);
        match parser.entry() {
            Entry::Eof => break,
            Entry::VCard(card) => {
                n += 1;
                // calcard reads a card cut short (no END:VCARD) as far as it goes; a
                // truncated file must not import half a card.
                let next = lines.get(n).copied().unwrap_or(usize::MAX);
                if ends.iter().any(|e| *e > line && *e < next) {
                    card_to(&card, line, &mut out);
                } else {
                    out.refused.push(Refused {
                        line,
                        reason: "err.import_unterminated".into(),
                        detail: String::new(),
                    });
                }
            }
            Entry::InvalidLine(l) => {
                let at = text
                    .lines()
                    .position(|x| x.contains(l.trim()))
                    .map_or(line, |i| i + 1);
                out.refused.push(Refused {
                    line: at,
                    reason: "err.import_bad_line".into(),
                    detail: l.chars().take(60).collect(),
                });
            }
            Entry::UnterminatedComponent(_) => {
                out.refused.push(Refused {
                    line,
                    reason: "err.import_unterminated".into(),
                    detail: String::new(),
                });
                break;
            }
            _ => {
                n += 1;
                out.refused.push(Refused {
                    line,
                    reason: "err.import_not_vcard".into(),
                    detail: String::new(),
                });
            }
        }
    }
    out
}

fn card_to(card: &VCard, line: usize, out: &mut Incoming) {
    let uid = card.uid().unwrap_or_default().trim().to_string();
    let org_name = first(card, VCardProperty::Org);
    let full_name = first(card, VCardProperty::Fn);
    let website = first(card, VCardProperty::Url);
    let notes = first(card, VCardProperty::Note);
    let (city, country) = card
        .properties(&VCardProperty::Adr)
        .map(|a| (part(a, 3), part(a, 6)))
        .find(|(c, k)| !c.is_empty() || !k.is_empty())
        .unwrap_or_default();
    if is_org_card(card) {
        out.orgs.push(IncomingOrg {
            line,
            uid,
            name: if org_name.is_empty() {
                full_name
            } else {
                org_name
            },
            website,
            city,
            country,
            notes,
        });
        return;
    }
    let name = if full_name.is_empty() {
        card.property(&VCardProperty::N)
            .map(|n| {
                [part(n, 1), part(n, 2), part(n, 0)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    } else {
        full_name
    };
    let phone = first(card, VCardProperty::Tel);
    let phone = phone.strip_prefix("tel:").unwrap_or(&phone).to_string();
    out.persons.push(IncomingPerson {
        line,
        uid,
        name,
        org: org_name,
        org_uid: first(card, VCardProperty::Related),
        title: first(card, VCardProperty::Title),
        email: first(card, VCardProperty::Email),
        phone,
        notes,
        website,
        city,
        country,
    });
}
