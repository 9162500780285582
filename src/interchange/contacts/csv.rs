//! Contacts as CSV: written with Outlook's English headers (so Outlook and Excel
//! import them), read from Outlook's export in English or Swedish, both Google
//! Contacts formats, or any file with a column mapping (`--map`).

use super::super::{csv_cell, csv_writer};
use crate::model::{Incoming, IncomingOrg, IncomingPerson, Refused};
use crate::store::{ExportOrg, ExportPerson};
use std::io::Write;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    First,
    Middle,
    Last,
    Company,
    Title,
    Email,
    Phone,
    Mobile,
    Web,
    City,
    Country,
    Notes,
    Uid,
}

/// The field names `--map` takes, in the order help lists them.
pub const MAP_FIELDS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("first", Field::First),
    ("last", Field::Last),
    ("company", Field::Company),
    ("title", Field::Title),
    ("email", Field::Email),
    ("phone", Field::Phone),
    ("web", Field::Web),
    ("city", Field::City),
    ("country", Field::Country),
    ("notes", Field::Notes),
    ("uid", Field::Uid),
];

/// Known headers, lower case: Outlook (English and Swedish), Google Contacts (the
/// "Google CSV" of before 2024 and today's), and intnet's own.
const HEADERS: &[(&str, Field)] = &[
    // Outlook, English
    ("first name", Field::First),
    ("middle name", Field::Middle),
    ("last name", Field::Last),
    ("company", Field::Company),
    ("job title", Field::Title),
    ("e-mail address", Field::Email),
    ("business phone", Field::Phone),
    ("mobile phone", Field::Mobile),
    ("web page", Field::Web),
    ("business city", Field::City),
    ("business country/region", Field::Country),
    ("notes", Field::Notes),
    // Outlook, Swedish
    ("förnamn", Field::First),
    ("mellannamn", Field::Middle),
    ("efternamn", Field::Last),
    ("företag", Field::Company),
    ("befattning", Field::Title),
    ("e-postadress", Field::Email),
    ("telefon, arbete", Field::Phone),
    ("arbetstelefon", Field::Phone),
    ("telefon arbete", Field::Phone),
    ("mobiltelefon", Field::Mobile),
    ("webbsida", Field::Web),
    ("ort, arbete", Field::City),
    ("ort arbete", Field::City),
    ("land/region, arbete", Field::Country),
    ("land/region arbete", Field::Country),
    ("anteckningar", Field::Notes),
    // Google Contacts, before 2024
    ("name", Field::Name),
    ("given name", Field::First),
    ("additional name", Field::Middle),
    ("family name", Field::Last),
    ("organization 1 - name", Field::Company),
    ("organization 1 - title", Field::Title),
    ("e-mail 1 - value", Field::Email),
    ("phone 1 - value", Field::Phone),
    ("website 1 - value", Field::Web),
    ("address 1 - city", Field::City),
    ("address 1 - country", Field::Country),
    // Google Contacts, since 2024
    ("organization name", Field::Company),
    ("organization title", Field::Title),
    // intnet
    ("uid", Field::Uid),
];

const PERSON_HEADERS: [&str; 10] = [
    "First Name",
    "Last Name",
    "Company",
    "Job Title",
    "E-mail Address",
    "Business Phone",
    "Web Page",
    "Business City",
    "Business Country/Region",
    "Notes",
];

const ORG_HEADERS: [&str; 5] = [
    "Company",
    "Web Page",
    "Business City",
    "Business Country/Region",
    "Notes",
];

/// A name as Outlook's first and last name: the last word is the last name.
fn split_name(name: &str) -> (String, String) {
    match name.trim().rsplit_once(' ') {
        Some((first, last)) => (first.trim().to_string(), last.to_string()),
        None => (String::new(), name.trim().to_string()),
    }
}

/// Persons with Outlook's English headers. `excel`: a UTF-8 byte order mark and `;`,
/// which Swedish Excel opens into columns with å, ä and ö right.
pub fn write_persons<W: Write>(
    mut out: W,
    persons: &[ExportPerson],
    excel: bool,
) -> csv::Result<()> {
    if excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv_writer(out, excel);
    w.write_record(PERSON_HEADERS)?;
    for p in persons {
        let d = &p.person.data;
        let (first, last) = split_name(&d.name);
        w.write_record([
            csv_cell(&first).into_owned(),
            csv_cell(&last).into_owned(),
            csv_cell(&p.org_name).into_owned(),
            csv_cell(&d.title).into_owned(),
            csv_cell(&d.email).into_owned(),
            csv_cell(&d.phone).into_owned(),
            csv_cell(&p.org_website).into_owned(),
            csv_cell(&p.org_city).into_owned(),
            csv_cell(&p.org_country).into_owned(),
            csv_cell(&d.notes).into_owned(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Organisations with Outlook's headers (a company row: no person's name).
pub fn write_orgs<W: Write>(mut out: W, orgs: &[ExportOrg], excel: bool) -> csv::Result<()> {
    if excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv_writer(out, excel);
    w.write_record(ORG_HEADERS)?;
    for o in orgs {
        let d = &o.org.data;
        w.write_record([
            csv_cell(&d.name).into_owned(),
            csv_cell(&d.website).into_owned(),
            csv_cell(&d.city).into_owned(),
            csv_cell(&d.country).into_owned(),
            csv_cell(&d.notes).into_owned(),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// The separator of a CSV file: `;`, `,` or a tab, whichever the header line has most
/// of outside quotes (`,` when none).
pub fn detect_separator(text: &str) -> u8 {
    let line = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    let (mut semi, mut comma, mut tab) = (0, 0, 0);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => semi += 1,
            ',' if !quoted => comma += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if tab > semi && tab > comma {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// A cell as written before an export put `'` in front of a formula character
/// ([`csv_cell`]): `'+46 26 17 80 00` is the phone number again.
fn unneutralise(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// Parses `--map "Name=Full Name,Email=Mail"`: our field, then the file's header.
pub fn parse_map(map: &str) -> Result<Vec<(Field, String)>, String> {
    let mut out = Vec::new();
    for pair in map.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (field, header) = pair.split_once('=').ok_or_else(|| pair.to_string())?;
        let f = MAP_FIELDS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(field.trim()))
            .map(|(_, f)| *f)
            .ok_or_else(|| field.trim().to_string())?;
        out.push((f, header.trim().to_lowercase()));
    }
    Ok(out)
}

/// Reads contacts from CSV text (already decoded, without a byte order mark). A row
/// with a person's name or e-mail is a person (at its company); a row with only a
/// company is an organisation. Columns are found by header, `map` first.
pub fn read(text: &str, map: &[(Field, String)]) -> Result<Incoming, String> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(detect_separator(text))
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = r.headers().map_err(|e| e.to_string())?.clone();
    let mut columns: Vec<(usize, Field)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        if let Some((f, _)) = map.iter().find(|(_, m)| *m == h) {
            columns.push((i, *f));
        } else if let Some((_, f)) = HEADERS.iter().find(|(k, _)| *k == h) {
            columns.push((i, *f));
        }
    }
    // The line a record starts on, from its byte offset (csv-core counts lines of a
    // CRLF file differently).
    let line_at = |byte: u64| {
        let bytes = text.as_bytes();
        let mut end = (byte as usize).min(bytes.len());
        // After a `\r` the csv reader starts the next record on its `\n`.
        while end < bytes.len() && matches!(bytes[end], b'\r' | b'\n') {
            end += 1;
        }
        bytes[..end].iter().filter(|b| **b == b'\n').count() + 1
    };
    let mut out = Incoming::default();
    if columns.is_empty() {
        return Err(headers.iter().take(6).collect::<Vec<_>>().join(", "));
    }
    for rec in r.records() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                out.refused.push(Refused {
                    line: e.position().map_or(0, |p| line_at(p.byte())),
                    reason: "err.import_bad_line".into(),
                    detail: String::new(),
                });
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        let get = |f: Field| {
            columns
                .iter()
                .filter(|(_, c)| *c == f)
                .filter_map(|(i, _)| rec.get(*i))
                .map(unneutralise)
                .find(|s| !s.is_empty())
                .unwrap_or_default()
                .to_string()
        };
        let name = {
            let n = get(Field::Name);
            if n.is_empty() {
                [get(Field::First), get(Field::Middle), get(Field::Last)]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                n
            }
        };
        let email = get(Field::Email);
        let company = get(Field::Company);
        let phone = {
            let p = get(Field::Phone);
            if p.is_empty() { get(Field::Mobile) } else { p }
        };
        if name.is_empty() && email.is_empty() {
            if company.is_empty() {
                if rec.iter().any(|c| !c.trim().is_empty()) {
                    out.refused.push(Refused {
                        line,
                        reason: "err.import_empty_row".into(),
                        detail: String::new(),
                    });
                }
                continue;
            }
            out.orgs.push(IncomingOrg {
                line,
                uid: get(Field::Uid),
                name: company,
                website: get(Field::Web),
                city: get(Field::City),
                country: get(Field::Country),
                notes: get(Field::Notes),
            });
            continue;
        }
        out.persons.push(IncomingPerson {
            line,
            uid: get(Field::Uid),
            name,
            org: company,
            org_uid: String::new(),
            title: get(Field::Title),
            email,
            phone,
            notes: get(Field::Notes),
            website: get(Field::Web),
            city: get(Field::City),
            country: get(Field::Country),
        });
    }
    Ok(out)
}
