//! The key-figure tables as a spreadsheet annex (`rust_xlsxwriter`): one sheet per
//! table (the accounts, the key figures by year, every unit's headline figures, the
//! three charts' numbers, the projects, the plans, the memberships).
//!
//! Each sheet has the table's caption in A1, the column headings in row 2 (frozen,
//! with the first column) and the rows under them. Numbers are numbers: counts as
//! whole numbers, person-hours as hours, SEK as kronor with a number format (the value
//! keeps its öre), another currency with its code in the format; dates are dates with
//! the format `yyyy-mm-dd`. A text is always a string cell, never a formula, so a name
//! starting with `=` is shown, not run; controls and bidi characters are removed first.

use super::{Cell, Doc, RenderError};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::HashSet;

fn err(e: XlsxError) -> RenderError {
    RenderError(e.to_string())
}

/// A sheet name Excel takes: at most 31 characters, none of `[ ] : * ? / \`, not
/// starting or ending with `'`, and not used yet in the workbook (case ignored).
pub fn sheet_name(wanted: &str, used: &mut HashSet<String>) -> String {
    let base: String = crate::interchange::export_text(wanted)
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\n' => ' ',
            c => c,
        })
        .collect();
    let base = base.trim().trim_matches('\'').trim();
    let base = if base.is_empty() { "Sheet" } else { base };
    let cut = |s: &str, n: usize| s.chars().take(n).collect::<String>().trim_end().to_string();
    let mut name = cut(base, 31);
    let mut n = 2;
    while used.contains(&name.to_lowercase()) {
        let suffix = format!(" {n}");
        name = format!("{}{suffix}", cut(base, 31 - suffix.len()));
        n += 1;
    }
    used.insert(name.to_lowercase());
    name
}

struct Formats {
    title: Format,
    head: Format,
    head_num: Format,
    count: Format,
    hours: Format,
    sek: Format,
    date: Format,
}

fn write_cell(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => {
            ws.write_string(row, col, crate::interchange::export_text(s))?;
        }
        Cell::Count(n) => {
            ws.write_number_with_format(row, col, *n as f64, &f.count)?;
        }
        Cell::Minutes(m) => {
            ws.write_number_with_format(row, col, *m as f64 / 60.0, &f.hours)?;
        }
        Cell::Sek(ore) => {
            ws.write_number_with_format(row, col, *ore as f64 / 100.0, &f.sek)?;
        }
        Cell::Money { minor, currency } => {
            // `currency` is three ASCII letters (Cell::money), safe inside the quotes.
            let format = Format::new().set_num_format(format!("#,##0.00 \"{currency}\""));
            ws.write_number_with_format(row, col, *minor as f64 / 100.0, &format)?;
        }
        Cell::Date(d) => match ExcelDateTime::parse_from_str(d) {
            Ok(date) if d.len() == 10 => {
                ws.write_datetime_with_format(row, col, &date, &f.date)?;
            }
            _ => {
                ws.write_string(row, col, crate::interchange::export_text(d))?;
            }
        },
        Cell::Empty => {}
    }
    Ok(())
}

/// The annex as an `.xlsx` file.
pub fn render(doc: &Doc) -> Result<Vec<u8>, RenderError> {
    let mut wb = Workbook::new();
    let clean = |s: &str| crate::interchange::export_text(s).into_owned();
    wb.set_properties(
        &DocProperties::new()
            .set_title(clean(&doc.title))
            .set_author("intnet")
            .set_comment(clean(doc.lang.t("doc.annex_comment"))),
    );
    let f = Formats {
        title: Format::new().set_bold().set_font_size(13),
        head: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_background_color(0xE8EEF4)
            .set_border_bottom(FormatBorder::Thin),
        head_num: Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Right)
            .set_background_color(0xE8EEF4)
            .set_border_bottom(FormatBorder::Thin),
        count: Format::new().set_num_format("#,##0"),
        hours: Format::new().set_num_format("#,##0.0#"),
        sek: Format::new().set_num_format("#,##0"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
    };
    let mut used = HashSet::new();
    for t in doc.tables() {
        let Some(sheet) = &t.sheet else {
            continue;
        };
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(sheet, &mut used)).map_err(err)?;
        ws.write_string_with_format(0, 0, clean(&t.caption), &f.title)
            .map_err(err)?;
        for (i, c) in t.columns.iter().enumerate() {
            let numeric = i > 0 && t.rows.iter().any(|r| r.get(i).is_some_and(Cell::is_number));
            let col = u16::try_from(i).map_err(|_| RenderError("too many columns".into()))?;
            ws.write_string_with_format(
                1,
                col,
                clean(c),
                if numeric { &f.head_num } else { &f.head },
            )
            .map_err(err)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 2).map_err(|_| RenderError("too many rows".into()))?;
            for (i, cell) in row.iter().enumerate() {
                let col = u16::try_from(i).map_err(|_| RenderError("too many columns".into()))?;
                write_cell(ws, &f, r, col, cell).map_err(err)?;
            }
        }
        ws.set_freeze_panes(2, 1).map_err(err)?;
        ws.set_autofit_max_width(360);
        ws.autofit();
        // Printed: A4, as wide as one page (on its side when the table is wide), the
        // headings on every page.
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(1, 1).map_err(err)?;
        if t.columns.len() > 6 {
            ws.set_landscape();
        }
    }
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_takes() {
        let mut used = HashSet::new();
        assert_eq!(sheet_name("Nyckeltal", &mut used), "Nyckeltal");
        assert_eq!(sheet_name("nyckeltal", &mut used), "nyckeltal 2");
        assert_eq!(sheet_name("a[b]:c*d?e/f\\g", &mut used), "a b  c d e f g");
        assert_eq!(sheet_name("'''", &mut used), "Sheet");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &mut used).chars().count(), 31);
        assert_eq!(
            sheet_name(&long, &mut used),
            format!("{} 2", "x".repeat(29))
        );
    }
}
