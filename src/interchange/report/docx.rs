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
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, PageOrientationType, PageSize,
    Paragraph, Run, RunFonts, Section, Shading, Style, StyleType, TableCell, TableRow, WidthType,
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
    let mut run = Run::new().add_text(clean(text)).size(TABLE_SIZE);
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

/// The page margin on every side, in twentieths of a point (2 cm).
const MARGIN: u32 = 1134;
/// The text width of an A4 page upright and on its side.
const TEXT_WIDTH: usize = (A4.0 - 2 * MARGIN) as usize;
const TEXT_WIDTH_LANDSCAPE: usize = (A4.1 - 2 * MARGIN) as usize;
/// A table with more columns than this (the projects' eleven) gets a page on its side.
const UPRIGHT_COLUMNS: usize = 8;

/// Table text size in half-points (9 pt): a project table has eleven columns.
const TABLE_SIZE: usize = 18;
/// About one character of 9 pt Arial, with room to spare, in twentieths of a point.
const CHAR_WIDTH: usize = 100;
/// A cell's padding, as characters.
const PAD: usize = 3;

/// Column widths: a number or a date column gets its longest value whole (it must
/// not wrap); a text column at least its longest word, and the rest of the page in
/// proportion to its longest text.
fn grid(doc: &Doc, t: &Table, width: usize) -> Vec<usize> {
    struct Col {
        fixed: bool,
        min: usize,
        want: usize,
    }
    let cols: Vec<Col> = (0..t.columns.len())
        .map(|i| {
            let cells: Vec<&Cell> = t.rows.iter().filter_map(|r| r.get(i)).collect();
            let fixed = i > 0 && cells.iter().all(|c| !matches!(c, Cell::Text(_)));
            let texts: Vec<String> = cells.iter().map(|c| c.text(doc.lang)).collect();
            // Capitals are wider: one and a half characters.
            let longest = |s: &str| {
                s.chars()
                    .map(|c| if c.is_uppercase() { 3 } else { 2 })
                    .sum::<usize>()
                    .div_ceil(2)
            };
            let word = |s: &str| s.split_whitespace().map(longest).max().unwrap_or(0);
            let head_word = word(&t.columns[i]);
            let want = texts
                .iter()
                .map(|s| longest(s))
                .chain([longest(&t.columns[i])])
                .max()
                .unwrap_or(0)
                .min(40)
                + PAD;
            let min = if fixed {
                texts
                    .iter()
                    .map(|s| longest(s))
                    .max()
                    .unwrap_or(0)
                    .max(head_word)
                    + PAD
            } else {
                texts
                    .iter()
                    .map(|s| word(s))
                    .max()
                    .unwrap_or(0)
                    .max(head_word)
                    .min(20)
                    + PAD
            };
            Col {
                fixed,
                min,
                want: want.max(min),
            }
        })
        .collect();
    let page = width / CHAR_WIDTH;
    let wanted: usize = cols.iter().map(|c| c.want).sum();
    let chars: Vec<usize> = if wanted <= page {
        cols.iter().map(|c| c.want).collect()
    } else {
        let least: usize = cols.iter().map(|c| c.min).sum();
        let spare = page.saturating_sub(least);
        let stretch: usize = cols
            .iter()
            .filter(|c| !c.fixed)
            .map(|c| c.want - c.min)
            .sum::<usize>()
            .max(1);
        cols.iter()
            .map(|c| {
                if c.fixed {
                    c.min
                } else {
                    c.min + spare * (c.want - c.min) / stretch
                }
            })
            .collect()
    };
    // Spread over the whole text width.
    let total = chars.iter().sum::<usize>().max(1);
    chars.iter().map(|c| width * c / total).collect()
}

/// What goes into the body, in order.
enum Item {
    P(Box<Paragraph>),
    T(Box<docx_rs::Table>),
}

/// A run of the body on upright or landscape pages.
struct Part {
    landscape: bool,
    items: Vec<Item>,
}

struct Body {
    parts: Vec<Part>,
}

impl Body {
    fn push(&mut self, item: Item, landscape: bool) {
        match self.parts.last_mut() {
            Some(p) if p.landscape == landscape => p.items.push(item),
            _ => self.parts.push(Part {
                landscape,
                items: vec![item],
            }),
        }
    }
    fn para(&mut self, p: Paragraph) {
        self.push(Item::P(Box::new(p)), false);
    }
}

fn margins() -> PageMargin {
    PageMargin {
        top: MARGIN as i32,
        left: MARGIN as i32,
        bottom: MARGIN as i32,
        right: MARGIN as i32,
        header: 709,
        footer: 709,
        gutter: 0,
    }
}

fn table(body: &mut Body, doc: &Doc, t: &Table) {
    if t.rows.is_empty() {
        body.para(text_para(&doc.empty_note(t)));
        return;
    }
    let landscape = t.columns.len() > UPRIGHT_COLUMNS;
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
    let width = if landscape {
        TEXT_WIDTH_LANDSCAPE
    } else {
        TEXT_WIDTH
    };
    body.push(
        Item::P(Box::new(
            Paragraph::new()
                .style("Caption")
                .keep_next(true)
                .add_run(Run::new().add_text(clean(&t.caption))),
        )),
        landscape,
    );
    body.push(
        Item::T(Box::new(
            docx_rs::Table::new(rows)
                .set_grid(grid(doc, t, width))
                .width(5000, WidthType::Pct),
        )),
        landscape,
    );
    body.push(Item::P(Box::new(Paragraph::new())), landscape);
}

/// The document as a `.docx` file.
pub fn render(doc: &Doc) -> Result<Vec<u8>, RenderError> {
    let mut body = Body { parts: Vec::new() };
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text) => body.para(
                Paragraph::new()
                    .style(&format!("Heading{}", (*level).clamp(1, 4)))
                    .keep_next(true)
                    .add_run(Run::new().add_text(clean(text))),
            ),
            Block::Para(text) => body.para(text_para(text)),
            Block::Text(text) => {
                for para in paragraphs(text) {
                    let mut run = Run::new();
                    for (i, line) in para.iter().enumerate() {
                        if i > 0 {
                            run = run.add_break(BreakType::TextWrapping);
                        }
                        run = run.add_text(clean(line));
                    }
                    body.para(
                        Paragraph::new()
                            .add_run(run)
                            .line_spacing(LineSpacing::new().after(120)),
                    );
                }
            }
            Block::Table(t) if t.in_doc => table(&mut body, doc, t),
            Block::Table(_) => {}
            Block::Chart(c) => table(&mut body, doc, &c.table),
        }
    }
    let date = date_only(doc);
    let mut docx = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(margins())
        .created_at(&format!("{date}T00:00:00Z"))
        .updated_at(&format!("{date}T00:00:00Z"));
    // Every part but the last is a section of its own (Word ends a section with its
    // properties); the last is the body's, upright A4.
    let last = body.parts.len().saturating_sub(1);
    for (i, part) in body.parts.into_iter().enumerate() {
        if i == last && !part.landscape {
            for item in part.items {
                docx = match item {
                    Item::P(p) => docx.add_paragraph(*p),
                    Item::T(t) => docx.add_table(*t),
                };
            }
            continue;
        }
        let mut section = if part.landscape {
            Section::new()
                .page_size(
                    PageSize::new()
                        .size(A4.1, A4.0)
                        .orient(PageOrientationType::Landscape),
                )
                .page_orient(PageOrientationType::Landscape)
        } else {
            Section::new().page_size(PageSize::new().size(A4.0, A4.1))
        }
        .page_margin(margins());
        for item in part.items {
            section = match item {
                Item::P(p) => section.add_paragraph(*p),
                Item::T(t) => section.add_table(*t),
            };
        }
        docx = docx.add_section(section);
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
