//! Contacts in and out (issue 14): vCard ([`vcard`]) and CSV ([`csv`]) both ways,
//! and XLSX and JSON out. Reading a file: [`decode`] the bytes (UTF-8, else
//! Windows-1252), then [`read`] it as vCard or CSV into [`Incoming`]; the store
//! matches and writes (`Store::plan_import`, `Store::apply_import`); [`preview`] reads a
//! file and describes the plan for the CLI and the TUI alike.

pub mod csv;
pub mod preview;
pub mod vcard;

use crate::model::{Incoming, Training};
use crate::store::{ExportContact, ExportOrg, ExportPerson};
use serde::Serialize;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The text of a file: without a UTF-8 byte order mark; UTF-8 when it is valid
/// UTF-8, else Windows-1252 (what Outlook and Excel write on a Swedish Windows).
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// The format of a file to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Vcard,
    Csv,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_lowercase().as_str() {
            "vcard" | "vcf" => Some(Format::Vcard),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// By the file's name, else by its first line.
    pub fn guess(name: &str, text: &str) -> Format {
        let lower = name.to_lowercase();
        if lower.ends_with(".vcf") || lower.ends_with(".vcard") {
            return Format::Vcard;
        }
        if lower.ends_with(".csv") {
            return Format::Csv;
        }
        if text
            .trim_start()
            .get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCARD"))
        {
            Format::Vcard
        } else {
            Format::Csv
        }
    }
}

/// Reads decoded text in a format. Err: a CSV file none of whose headers is known
/// (the error names the first headers, for `--map`).
pub fn read(text: &str, format: Format, map: &[(csv::Field, String)]) -> Result<Incoming, String> {
    match format {
        Format::Vcard => Ok(vcard::read(text)),
        Format::Csv => csv::read(text, map),
    }
}

/// Everything a member may read, as `intnet export json` writes it (the shape is
/// described in `docs/export-json.md`).
#[derive(Debug, Serialize)]
pub struct Everything<'a> {
    pub format: &'static str,
    pub version: u32,
    pub exported_at: String,
    pub organisations: Vec<JsonOrg<'a>>,
    pub persons: Vec<JsonPerson<'a>>,
    pub contacts: &'a [ExportContact],
    pub training: Vec<&'a Training>,
}

#[derive(Debug, Serialize)]
pub struct JsonOrg<'a> {
    pub id: i64,
    pub uid: &'a str,
    #[serde(flatten)]
    pub org: &'a crate::model::Org,
}

#[derive(Debug, Serialize)]
pub struct JsonPerson<'a> {
    pub id: i64,
    pub uid: &'a str,
    pub org_uid: &'a str,
    pub org_name: &'a str,
    #[serde(flatten)]
    pub person: &'a crate::model::Person,
}

pub fn everything<'a>(
    orgs: &'a [ExportOrg],
    persons: &'a [ExportPerson],
    contacts: &'a [ExportContact],
    training: &'a [(Training, Vec<String>)],
) -> Everything<'a> {
    Everything {
        format: "intnet-export",
        version: 1,
        exported_at: crate::store::now(),
        organisations: orgs
            .iter()
            .map(|o| JsonOrg {
                id: o.org.id,
                uid: &o.uid,
                org: &o.org,
            })
            .collect(),
        persons: persons
            .iter()
            .map(|p| JsonPerson {
                id: p.person.id,
                uid: &p.uid,
                org_uid: &p.org_uid,
                org_name: &p.org_name,
                person: &p.person,
            })
            .collect(),
        contacts,
        training: training.iter().map(|(t, _)| t).collect(),
    }
}

/// Organisations, persons, contacts and training as an Excel workbook, one sheet
/// each; numbers as numbers, dates as dates. Headers in the user's language.
pub fn xlsx(
    lang: crate::i18n::Lang,
    orgs: &[ExportOrg],
    persons: &[ExportPerson],
    contacts: &[ExportContact],
    training: &[(Training, Vec<String>)],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
    let clean = |s: &str| crate::interchange::export_text(s).into_owned();
    let head = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let hours = Format::new().set_num_format("0.0#");
    fn header(
        ws: &mut Worksheet,
        lang: crate::i18n::Lang,
        keys: &[&str],
        f: &Format,
    ) -> Result<(), XlsxError> {
        for (i, k) in keys.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, lang.t(k), f)?;
        }
        ws.set_freeze_panes(1, 0)?;
        Ok(())
    }
    // A text cell: cleaned, and never a formula (rust_xlsxwriter writes strings as
    // strings; a leading `=` stays text).
    let put_date = |ws: &mut Worksheet, r: u32, c: u16, s: &str| -> Result<(), XlsxError> {
        match ExcelDateTime::parse_from_str(s.get(..10).unwrap_or(s)) {
            Ok(d) => ws.write_datetime_with_format(r, c, &d, &date).map(|_| ()),
            Err(_) => ws.write_string(r, c, clean(s)).map(|_| ()),
        }
    };
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(lang.t("xlsx.sheet_orgs"))?;
    header(
        ws,
        lang,
        &[
            "xlsx.id",
            "field.name",
            "field.kind",
            "field.city",
            "field.country",
            "field.website",
            "field.status",
            "xlsx.last_contact",
            "field.notes",
        ],
        &head,
    )?;
    for (i, o) in orgs.iter().enumerate() {
        let r = i as u32 + 1;
        let d = &o.org.data;
        ws.write_number(r, 0, o.org.id as f64)?;
        ws.write_string(r, 1, clean(&d.name))?;
        ws.write_string(r, 2, d.kind.as_str())?;
        ws.write_string(r, 3, clean(&d.city))?;
        ws.write_string(r, 4, clean(&d.country))?;
        ws.write_string(r, 5, clean(&d.website))?;
        ws.write_string(r, 6, d.status.as_str())?;
        if let Some(l) = &o.org.last_contact {
            put_date(ws, r, 7, l)?;
        }
        ws.write_string(r, 8, clean(&d.notes))?;
    }
    ws.autofit();
    let ws = wb.add_worksheet();
    ws.set_name(lang.t("xlsx.sheet_persons"))?;
    header(
        ws,
        lang,
        &[
            "xlsx.id",
            "field.name",
            "xlsx.org",
            "field.title",
            "field.email",
            "field.phone",
            "field.source",
            "field.verified_on",
            "field.notes",
        ],
        &head,
    )?;
    for (i, p) in persons.iter().enumerate() {
        let r = i as u32 + 1;
        let d = &p.person.data;
        ws.write_number(r, 0, p.person.id as f64)?;
        ws.write_string(r, 1, clean(&d.name))?;
        ws.write_string(r, 2, clean(&p.org_name))?;
        ws.write_string(r, 3, clean(&d.title))?;
        ws.write_string(r, 4, clean(&d.email))?;
        ws.write_string(r, 5, clean(&d.phone))?;
        ws.write_string(r, 6, clean(&d.source))?;
        if let Some(v) = &d.verified_on {
            put_date(ws, r, 7, v)?;
        }
        ws.write_string(r, 8, clean(&d.notes))?;
    }
    ws.autofit();
    let ws = wb.add_worksheet();
    ws.set_name(lang.t("xlsx.sheet_contacts"))?;
    header(
        ws,
        lang,
        &[
            "xlsx.id",
            "field.date",
            "xlsx.org",
            "xlsx.person",
            "xlsx.member",
            "field.kind",
            "field.summary",
            "field.follow_up",
        ],
        &head,
    )?;
    for (i, c) in contacts.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, c.id as f64)?;
        put_date(ws, r, 1, &c.date)?;
        ws.write_string(r, 2, clean(&c.org))?;
        ws.write_string(r, 3, clean(c.person.as_deref().unwrap_or_default()))?;
        ws.write_string(r, 4, clean(&c.member))?;
        ws.write_string(r, 5, clean(&c.kind))?;
        ws.write_string(r, 6, clean(&c.summary))?;
        if let Some(f) = &c.follow_up {
            put_date(ws, r, 7, f)?;
        }
    }
    ws.autofit();
    let ws = wb.add_worksheet();
    ws.set_name(lang.t("xlsx.sheet_training"))?;
    header(
        ws,
        lang,
        &[
            "xlsx.id",
            "xlsx.date_from",
            "xlsx.date_to",
            "field.title",
            "field.kind",
            "xlsx.hours",
            "xlsx.participants",
            "xlsx.cost_sek",
            "field.city",
            "field.country",
            "field.notes",
        ],
        &head,
    )?;
    for (i, (t, accounts)) in training.iter().enumerate() {
        let r = i as u32 + 1;
        let d = &t.data;
        ws.write_number(r, 0, t.id as f64)?;
        put_date(ws, r, 1, &d.date_from)?;
        if let Some(to) = &d.date_to {
            put_date(ws, r, 2, to)?;
        }
        ws.write_string(r, 3, clean(&d.title))?;
        ws.write_string(r, 4, d.kind.as_str())?;
        ws.write_number_with_format(r, 5, d.minutes as f64 / 60.0, &hours)?;
        ws.write_number(r, 6, accounts.len() as f64)?;
        if let Some(c) = d.cost_sek {
            ws.write_number(r, 7, c as f64)?;
        }
        ws.write_string(r, 8, clean(&d.city))?;
        ws.write_string(r, 9, clean(&d.country))?;
        ws.write_string(r, 10, clean(&d.notes))?;
    }
    ws.autofit();
    wb.save_to_buffer()
}
