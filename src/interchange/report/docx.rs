//! The compilation as a Word document (`docx-rs`), the one the office edits into its
//! memo to the executive board.
//!
//! Headings use real paragraph styles `Heading1`–`Heading4` ("heading 1"… as Word
//! names its built-in ones) with outline levels 0–3, so Word's and LibreOffice's
//! navigation pane and an inserted table of contents find them. Tables are real tables
//! with a caption paragraph (style `Caption`) before them and a header row marked to
//! repeat on every page (`w:tblHeader`, which is also what screen readers and Word's
//! accessibility check take as the header). The document's language (`w:lang` in the
//! style defaults, `dc:language` in the properties) is Swedish or English as asked,
//! so spelling and screen readers pick the right one; the page is A4.
//!
//! Charts are the chart's table: drawing them as images would need a rasteriser and
//! fonts on the server, and a table is what the office pastes into the memo anyway.
//! docx-rs has no setter for the language, the title or the repeating header row, so
//! those three are put into its generated XML parts after it built them (see
//! [`finish`]); every text docx-rs writes is escaped by docx-rs.

use super::{Block, Cell, Doc, RenderError, Table, paragraphs};
use crate::i18n::Lang;
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading,
    Style, StyleType, TableCell, TableRow, WidthType,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);

fn styles(docx: Docx) -> Docx {
    let heading = |level: usize, size: usize| {
        Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .ui_priority(9)
            .bold()
            .size(size)
            .color("1F3A5F")
            .outline_lvl(level - 1)
            .line_spacing(LineSpacing::new().before(240).after(80))
    };
    docx.default_fonts(
        RunFonts::new()
            .ascii("Arial")
            .hi_ansi("Arial")
            .cs("Arial")
            .east_asia("Arial"),
    )
    .default_size(21)
    .add_style(heading(1, 36))
    .add_style(heading(2, 30))
    .add_style(heading(3, 26))
    .add_style(heading(4, 22))
    .add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(19)
            .line_spacing(LineSpacing::new().before(120).after(60)),
    )
}

fn text_para(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(clean(text)))
        .line_spacing(LineSpacing::new().after(120))
}

/// Controls and bidi characters out (XML 1.0 allows no C0 control in a text).
fn clean(s: &str) -> String {
    crate::interchange::export_text(s).into_owned()
}

fn cell(text: &str, right: bool, header: bool) -> TableCell {
    let mut run = Run::new().add_text(clean(text));
    if header {
        run = run.bold();
    }
    let mut p = Paragraph::new().add_run(run);
    if right {
        p = p.align(AlignmentType::Right);
    }
    let c = TableCell::new().add_paragraph(p);
    if header {
        c.shading(Shading::new().fill("E8EEF4"))
    } else {
        c
    }
}

/// The text width of an A4 page with the margins below, in twentieths of a point.
const TEXT_WIDTH: usize = 11_906 - 2 * 1134;

/// Column widths: the first column (what the row is about) twice a number's, a text
/// column one and a half times.
fn grid(numeric: &[bool]) -> Vec<usize> {
    let weight = |i: usize, n: bool| match (i, n) {
        (0, _) => 4,
        (_, false) => 3,
        (_, true) => 2,
    };
    let total: usize = numeric
        .iter()
        .enumerate()
        .map(|(i, n)| weight(i, *n))
        .sum::<usize>()
        .max(1);
    numeric
        .iter()
        .enumerate()
        .map(|(i, n)| TEXT_WIDTH * weight(i, *n) / total)
        .collect()
}

fn table(docx: Docx, doc: &Doc, t: &Table) -> Docx {
    if t.rows.is_empty() {
        return docx.add_paragraph(text_para(&doc.empty_note(t)));
    }
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| i > 0 && t.rows.iter().any(|r| r.get(i).is_some_and(Cell::is_number)))
        .collect();
    let mut rows = vec![TableRow::new(
        t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| cell(c, numeric[i], true))
            .collect(),
    )];
    for row in &t.rows {
        rows.push(TableRow::new(
            (0..t.columns.len())
                .map(|i| {
                    let c = row.get(i).unwrap_or(&Cell::Empty);
                    cell(&c.text(doc.lang), c.is_number(), false)
                })
                .collect(),
        ));
    }
    docx.add_paragraph(
        Paragraph::new()
            .style("Caption")
            .keep_next(true)
            .add_run(Run::new().add_text(clean(&t.caption))),
    )
    .add_table(
        docx_rs::Table::new(rows)
            .set_grid(grid(&numeric))
            .width(5000, WidthType::Pct),
    )
    .add_paragraph(Paragraph::new())
}

/// The document as a `.docx` file.
pub fn render(doc: &Doc) -> Result<Vec<u8>, RenderError> {
    let mut docx = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin {
            top: 1134,
            left: 1134,
            bottom: 1134,
            right: 1134,
            header: 709,
            footer: 709,
            gutter: 0,
        })
        .created_at(&format!("{}T00:00:00Z", date_only(doc)))
        .updated_at(&format!("{}T00:00:00Z", date_only(doc)));
    for block in &doc.blocks {
        docx = match block {
            Block::Heading(level, text) => docx.add_paragraph(
                Paragraph::new()
                    .style(&format!("Heading{}", (*level).clamp(1, 4)))
                    .keep_next(true)
                    .add_run(Run::new().add_text(clean(text))),
            ),
            Block::Para(text) => docx.add_paragraph(text_para(text)),
            Block::Text(text) => {
                let mut d = docx;
                for para in paragraphs(text) {
                    let mut run = Run::new();
                    for (i, line) in para.iter().enumerate() {
                        if i > 0 {
                            run = run.add_break(BreakType::TextWrapping);
                        }
                        run = run.add_text(clean(line));
                    }
                    d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(run)
                            .line_spacing(LineSpacing::new().after(120)),
                    );
                }
                d
            }
            Block::Table(t) if t.in_doc => table(docx, doc, t),
            Block::Table(_) => docx,
            Block::Chart(c) => table(docx, doc, &c.table),
        };
    }
    let mut xml = docx.build();
    finish(&mut xml, doc);
    let mut stored = std::io::Cursor::new(Vec::new());
    xml.pack(&mut stored)
        .map_err(|e| RenderError(e.to_string()))?;
    compress(stored.get_ref()).map_err(|e| RenderError(e.to_string()))
}

/// The package again with every part deflated: docx-rs stores them, which makes a
/// compilation's DOCX ten times the size it needs to be.
fn compress(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    use zip::write::SimpleFileOptions;
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut output = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..input.len() {
        let mut part = input.by_index(i)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        let mut bytes = Vec::with_capacity(usize::try_from(part.size()).unwrap_or(0));
        part.read_to_end(&mut bytes)?;
        output.start_file(name, options)?;
        output.write_all(&bytes)?;
    }
    Ok(output.finish()?.into_inner())
}

/// The date the figures were gathered, for the document's properties (digits and
/// dashes only).
fn date_only(doc: &Doc) -> String {
    let d = &doc.as_of;
    if d.len() == 10 && d.chars().all(|c| c.is_ascii_digit() || c == '-') {
        d.clone()
    } else {
        format!("{:04}-01-01", doc.year.clamp(0, 9999))
    }
}

/// What docx-rs cannot say: the language, the title, and the header rows.
fn finish(xml: &mut docx_rs::XMLDocx, doc: &Doc) {
    let lang = match doc.lang {
        Lang::Sv => "sv-SE",
        Lang::En => "en-GB",
    };
    // The language of every run, in the run defaults.
    let styles = String::from_utf8_lossy(&xml.styles).into_owned();
    let lang_el = format!("<w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"ar-SA\" />");
    // `w:lang` comes late in a run's properties (after the fonts and the size).
    let styles = if styles.contains("</w:rPr></w:rPrDefault>") {
        styles.replacen(
            "</w:rPr></w:rPrDefault>",
            &format!("{lang_el}</w:rPr></w:rPrDefault>"),
            1,
        )
    } else {
        styles.replacen(
            "<w:rPrDefault><w:rPr />",
            &format!("<w:rPrDefault><w:rPr>{lang_el}</w:rPr>"),
            1,
        )
    };
    xml.styles = styles.into_bytes();
    // The title and the language in the package's properties.
    let core = String::from_utf8_lossy(&xml.doc_props.core).into_owned();
    let extra = format!(
        "<dc:title>{}</dc:title><dc:language>{lang}</dc:language>",
        super::html::esc(&doc.title)
    );
    xml.doc_props.core = core
        .replacen(
            "<dc:creator>unknown</dc:creator>",
            "<dc:creator>intnet</dc:creator>",
            1,
        )
        .replacen(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            "<cp:lastModifiedBy>intnet</cp:lastModifiedBy>",
            1,
        )
        .replacen(
            "</cp:coreProperties>",
            &format!("{extra}</cp:coreProperties>"),
            1,
        )
        .into_bytes();
    // Each table's first row is its header row. A text cannot hold the markup
    // matched here: docx-rs escapes `<` in every text.
    let body = String::from_utf8_lossy(&xml.document).into_owned();
    xml.document = body
        .replace(
            "</w:tblGrid><w:tr><w:trPr />",
            "</w:tblGrid><w:tr><w:trPr><w:tblHeader /></w:trPr>",
        )
        .replace(
            "<w:tblGrid /><w:tr><w:trPr />",
            "<w:tblGrid /><w:tr><w:trPr><w:tblHeader /></w:trPr>",
        )
        .into_bytes();
}
