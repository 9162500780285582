//! The compilation's documents (issue 13): each format opened by an independent reader
//! inside the test (DOCX and XLSX unzipped and their XML parts parsed, the HTML parsed
//! as XML, the Markdown's tables split by their own rules), a known figure found in
//! the right cell, and a hostile unit text escaped in every format.

mod common;
use common::{env, year};
use intnet::i18n::Lang;
use intnet::interchange::report::{Format, render};
use intnet::model::{
    AccountWords, Compilation, Figure, Funding, Programme, ProjectData, ProjectRole, ProjectStatus,
    TrainingData, TrainingKind,
};
use std::collections::HashMap;
use std::io::Read;

/// What a hostile user could type as a unit's name (the store refuses control
/// characters there) and into its words (kept as typed).
const HOSTILE_NAME: &str = "<script>alert(1)</script> | =cmd *x* [l](http://evil.example)";
const HOSTILE_WORDS: &str = "# rubrik\n=HYPERLINK(\"http://evil.example\")\x07\x1b[31m röd <img src=x onerror=alert(1)> | a|b \u{202E}vänd";

/// 10 000,00 EUR at 11,4567 kr: 114 567 kr, worked out here from the inputs.
const GRANT_EUR_MINOR: i64 = 1_000_000;
const RATE_E4: i64 = 114_567;
fn grant_kr() -> i64 {
    GRANT_EUR_MINOR * RATE_E4 / 10_000 / 100
}

struct Setup {
    _env: common::Env,
    c: Compilation,
    y: i32,
}

/// A test database: KLK with 150 minutes of training for two people (300
/// person-minutes), a running EUR project with an EU grant, and a unit whose name is
/// hostile, whose submitted words are hostile too.
fn setup() -> Setup {
    let e = env();
    let y = year();
    let klk = e.store.unit_by_code("KLK").unwrap().id;
    e.store
        .add_unit(&e.office, "X", HOSTILE_NAME, false)
        .unwrap();
    let x = e.store.unit_by_code("X").unwrap().id;
    e.store
        .add_member(
            &e.office,
            "xena",
            "Xena X",
            Some("X"),
            intnet::model::Role::Member,
        )
        .unwrap();
    let xena = e.store.actor("xena").unwrap();
    e.store
        .log_training(
            &e.office,
            TrainingData {
                title: "Kurs".into(),
                kind: TrainingKind::Course,
                date_from: format!("{y}-01-15"),
                minutes: 150,
                participants: vec![e.anna.member_id, xena.member_id],
                funding: Funding::Interreg,
                ..Default::default()
            },
        )
        .unwrap();
    e.store
        .create_project(
            &e.office,
            ProjectData {
                name: "Green Ports".into(),
                acronym: "GP".into(),
                programme: Programme::InterregBsr,
                role: ProjectRole::Lead,
                lead_unit: Some(klk),
                eu_grant: Some(GRANT_EUR_MINOR),
                currency: "EUR".into(),
                rate_e4: Some(RATE_E4),
                start: Some(format!("{y}-02-01")),
                end: Some(format!("{}-12-31", y + 1)),
                status: ProjectStatus::Running,
                ..Default::default()
            },
        )
        .unwrap();
    let tartu = e
        .store
        .create_org(&e.office, common::org("Tartu linn", "EE", "Tartu"), true)
        .unwrap();
    for day in ["03-01", "04-01", "05-01"] {
        e.store
            .add_interaction(
                &e.anna,
                intnet::model::InteractionData {
                    org_id: tartu,
                    person_id: None,
                    member_id: e.anna.member_id,
                    unit_id: Some(klk),
                    date: format!("{y}-{day}"),
                    kind: intnet::model::InteractionKind::Meeting,
                    summary: "Möte".into(),
                    follow_up: None,
                },
            )
            .unwrap();
    }
    e.store
        .save_words(
            &xena,
            x,
            y,
            None,
            AccountWords {
                operations: HOSTILE_WORDS.into(),
                ..Default::default()
            },
        )
        .unwrap();
    e.store.submit(&xena, x, y, None).unwrap();
    let c = e.store.compilation(&e.office, y).unwrap();
    Setup { _env: e, c, y }
}

// ---- reading the packages ----

fn unzip(bytes: &[u8]) -> HashMap<String, String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut parts = HashMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        if f.is_dir() {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).expect("a UTF-8 part");
        parts.insert(f.name().unwrap().into_owned(), s);
    }
    parts
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("well-formed XML")
}

/// All the text under a node.
fn text_of(n: roxmltree::Node) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect()
}

fn named<'a>(
    n: roxmltree::Node<'a, 'a>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> {
    n.descendants().filter(move |d| d.tag_name().name() == name)
}

fn no_controls(s: &str) {
    assert!(
        !s.chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\r' && c != '\t')
                || ('\u{202A}'..='\u{202E}').contains(&c)),
        "a control character got through"
    );
}

// ---- DOCX ----

/// Every table as rows of cell texts.
fn docx_tables(doc: &roxmltree::Document) -> Vec<Vec<Vec<String>>> {
    named(doc.root(), "tbl")
        .map(|t| {
            t.children()
                .filter(|r| r.tag_name().name() == "tr")
                .map(|r| {
                    r.children()
                        .filter(|c| c.tag_name().name() == "tc")
                        .map(text_of)
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn w_val<'a>(n: roxmltree::Node<'a, 'a>, child: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.tag_name().name() == child)
        .and_then(|c| {
            c.attributes()
                .find(|a| a.name() == "val")
                .map(|a| a.value())
        })
}

#[test]
fn docx_has_heading_styles_real_tables_and_the_figures() {
    let s = setup();
    let bytes = render(&s.c, Format::Docx, Lang::Sv).unwrap();
    let parts = unzip(&bytes);
    for p in [
        "[Content_Types].xml",
        "word/document.xml",
        "word/styles.xml",
    ] {
        assert!(parts.contains_key(p), "{p} missing");
    }
    // Heading 1–3 are paragraph styles with outline levels 0–2.
    let styles = xml(&parts["word/styles.xml"]);
    for level in 1..=3 {
        let id = format!("Heading{level}");
        let style = named(styles.root(), "style")
            .find(|s| {
                s.attributes()
                    .any(|a| a.name() == "styleId" && a.value() == id)
            })
            .unwrap_or_else(|| panic!("no style {id}"));
        assert_eq!(
            w_val(style, "name"),
            Some(format!("heading {level}").as_str())
        );
        let ppr = style
            .children()
            .find(|c| c.tag_name().name() == "pPr")
            .unwrap();
        assert_eq!(
            w_val(ppr, "outlineLvl"),
            Some((level - 1).to_string().as_str())
        );
    }
    // The text is Swedish.
    let lang = named(styles.root(), "rPrDefault")
        .flat_map(|d| named(d, "lang"))
        .next()
        .and_then(|l| {
            l.attributes()
                .find(|a| a.name() == "val")
                .map(|a| a.value())
        });
    assert_eq!(lang, Some("sv-SE"));

    let doc = xml(&parts["word/document.xml"]);
    // The heading styles are used, in order: the title, the sections, their parts.
    let used: Vec<String> = named(doc.root(), "pStyle")
        .filter_map(|p| {
            p.attributes()
                .find(|a| a.name() == "val")
                .map(|a| a.value().to_string())
        })
        .filter(|v| v.starts_with("Heading"))
        .collect();
    assert_eq!(used.first().map(String::as_str), Some("Heading1"));
    for level in 2..=3 {
        assert!(used.iter().any(|u| *u == format!("Heading{level}")));
    }
    let mut previous = 0;
    for u in &used {
        let level: i32 = u["Heading".len()..].parse().unwrap();
        assert!(level <= previous + 1, "a heading level skipped: {used:?}");
        previous = level;
    }
    let title = named(doc.root(), "p")
        .find(|p| {
            named(*p, "pStyle").next().and_then(|s| {
                s.attribute((
                    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                    "val",
                ))
            }) == Some("Heading1")
        })
        .map(text_of);
    assert_eq!(
        title.as_deref(),
        Some(format!("Sammanställning av det internationella arbetet {}", s.y).as_str())
    );

    // Real tables, each with a header row marked as such.
    let tables = docx_tables(&doc);
    assert!(tables.len() >= 5);
    for t in named(doc.root(), "tbl") {
        let first = t.children().find(|r| r.tag_name().name() == "tr").unwrap();
        assert!(named(first, "tblHeader").next().is_some(), "no header row");
    }
    // The EU grant of this year in the key figures: 114 567 kr, in the year's column.
    let key = tables
        .iter()
        .find(|t| t[0].first().map(String::as_str) == Some("Nyckeltal"))
        .expect("the key figures");
    assert_eq!(key[0][1], s.y.to_string());
    let grant = key.iter().find(|r| r[0] == "EU-bidrag (kr)").unwrap();
    assert_eq!(grant[1], group(grant_kr()));
    // KLK's person-hours in the chart's table: 150 minutes is 2,5 hours.
    let hours = tables
        .iter()
        .find(|t| {
            t[0] == [
                "Enhet",
                s.y.to_string().as_str(),
                (s.y - 1).to_string().as_str(),
            ]
        })
        .expect("the person-hours chart as a table");
    assert!(hours.iter().any(|r| r[0] == "KLK" && r[1] == "2,5"));
    // Contacts per country: Estonia three times this year.
    assert!(
        tables
            .iter()
            .any(|t| t[0][0] == "Land" && t.iter().any(|r| r[0] == "Estland" && r[1] == "3"))
    );

    // The hostile name is text: whole, in a cell, without a control character.
    let all = text_of(doc.root());
    no_controls(&all);
    assert!(all.contains(HOSTILE_NAME));
    assert!(all.contains("=HYPERLINK(\"http://evil.example\")[31m röd <img src=x"));
    assert!(!all.contains('\u{7}'));
    assert!(named(doc.root(), "script").next().is_none());
    assert!(
        tables
            .iter()
            .flatten()
            .any(|r| r.first().map(String::as_str) == Some("X") && r[1] == HOSTILE_NAME)
    );
}

/// `1 234 567`, written out here rather than by the code under test.
fn group(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

// ---- XLSX ----

#[derive(Debug)]
struct XCell {
    /// `B3`
    r: String,
    t: Option<String>,
    v: Option<String>,
    style: usize,
    formula: bool,
}

struct Xlsx {
    parts: HashMap<String, String>,
    shared: Vec<String>,
    /// Sheet name → its part.
    sheets: Vec<(String, String)>,
    /// Style index → number format code.
    formats: Vec<String>,
}

impl Xlsx {
    fn open(bytes: &[u8]) -> Xlsx {
        let parts = unzip(bytes);
        let shared = parts
            .get("xl/sharedStrings.xml")
            .map(|s| {
                let d = xml(s);
                named(d.root(), "si").map(text_of).collect()
            })
            .unwrap_or_default();
        let rels = xml(&parts["xl/_rels/workbook.xml.rels"]);
        let targets: HashMap<String, String> = named(rels.root(), "Relationship")
            .map(|r| {
                (
                    r.attribute("Id").unwrap().to_string(),
                    r.attribute("Target").unwrap().to_string(),
                )
            })
            .collect();
        let wb = xml(&parts["xl/workbook.xml"]);
        let sheets = named(wb.root(), "sheet")
            .map(|s| {
                let id = s
                    .attributes()
                    .find(|a| a.name() == "id")
                    .unwrap()
                    .value()
                    .to_string();
                (
                    s.attribute("name").unwrap().to_string(),
                    format!("xl/{}", targets[&id]),
                )
            })
            .collect();
        let st = xml(&parts["xl/styles.xml"]);
        let custom: HashMap<String, String> = named(st.root(), "numFmt")
            .map(|f| {
                (
                    f.attribute("numFmtId").unwrap().to_string(),
                    f.attribute("formatCode").unwrap().to_string(),
                )
            })
            .collect();
        let formats = named(st.root(), "cellXfs")
            .flat_map(|x| x.children().filter(|c| c.tag_name().name() == "xf"))
            .map(|xf| {
                let id = xf.attribute("numFmtId").unwrap_or("0");
                custom
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| format!("builtin {id}"))
            })
            .collect();
        Xlsx {
            parts,
            shared,
            sheets,
            formats,
        }
    }

    fn cells(&self, sheet: &str) -> Vec<XCell> {
        let part = &self
            .sheets
            .iter()
            .find(|(n, _)| n == sheet)
            .unwrap_or_else(|| panic!("no sheet {sheet}: {:?}", self.sheets))
            .1;
        let d = xml(&self.parts[part]);
        named(d.root(), "c")
            .map(|c| XCell {
                r: c.attribute("r").unwrap().to_string(),
                t: c.attribute("t").map(str::to_string),
                v: named(c, "v")
                    .next()
                    .and_then(|v| v.text())
                    .map(str::to_string),
                style: c.attribute("s").map_or(0, |s| s.parse().unwrap()),
                formula: named(c, "f").next().is_some(),
            })
            .collect()
    }

    fn text(&self, c: &XCell) -> String {
        match c.t.as_deref() {
            Some("s") => self.shared[c.v.as_ref().unwrap().parse::<usize>().unwrap()].clone(),
            _ => c.v.clone().unwrap_or_default(),
        }
    }

    /// The cell in column `col` of the row whose column A reads `label`.
    fn beside<'a>(&self, cells: &'a [XCell], label: &str, col: &str) -> &'a XCell {
        let row = cells
            .iter()
            .find(|c| c.r.starts_with('A') && self.text(c) == label)
            .unwrap_or_else(|| panic!("no row {label}"))
            .r[1..]
            .to_string();
        cells
            .iter()
            .find(|c| c.r == format!("{col}{row}"))
            .unwrap_or_else(|| panic!("no cell {col}{row}"))
    }
}

/// Excel's serial day number of a date, counted here from 1899-12-30.
fn excel_serial(date: &str) -> i64 {
    let d: jiff::civil::Date = date.parse().unwrap();
    let epoch = jiff::civil::date(1899, 12, 30);
    (d - epoch).get_days().into()
}

#[test]
fn xlsx_annex_has_one_sheet_per_table_with_numbers_as_numbers() {
    let s = setup();
    let bytes = render(&s.c, Format::Xlsx, Lang::Sv).unwrap();
    let x = Xlsx::open(&bytes);
    let names: Vec<&str> = x.sheets.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "Redovisningar",
        "Nyckeltal",
        "Per enhet",
        "Persontimmar per enhet",
        "EU-bidrag per program",
        "Kontakter per land",
        "Projekt",
        "Handlingsplaner",
        "Medlemskap",
    ] {
        assert!(names.contains(&want), "no sheet {want}: {names:?}");
    }

    // Key figures: the grant is a number (not a shared string) in the year's column,
    // in kronor, with a number format; the heading row names the year.
    let key = x.cells("Nyckeltal");
    let head = key.iter().find(|c| c.r == "B2").unwrap();
    assert_eq!(x.text(head), s.y.to_string());
    let grant = x.beside(&key, "EU-bidrag (kr)", "B");
    assert_eq!(grant.t, None, "a number cell, not {:?}", grant.t);
    assert_eq!(grant.v.as_deref(), Some(grant_kr().to_string().as_str()));
    assert!(
        x.formats[grant.style].contains("#,##0"),
        "{}",
        x.formats[grant.style]
    );
    // Every key figure is the compilation's own value, in its unit.
    for k in &s.c.key_figures {
        let label = intnet::i18n::Lang::Sv.t(k.figure.key());
        let cell = x.beside(&key, label, "B");
        let v: f64 = cell.v.as_ref().unwrap().parse().unwrap();
        let want = match k.figure {
            Figure::PersonHours => k.values[0] as f64 / 60.0,
            Figure::BudgetTotal
            | Figure::EuGrant
            | Figure::OwnContribution
            | Figure::TrainingCost => k.values[0] as f64 / 100.0,
            _ => k.values[0] as f64,
        };
        assert_eq!(v, want, "{label}");
        assert_eq!(cell.t, None);
    }
    // Person-hours as hours: 150 minutes for two people.
    let hours = x.cells("Persontimmar per enhet");
    let klk = x.beside(&hours, "KLK", "B");
    assert_eq!((klk.t.as_deref(), klk.v.as_deref()), (None, Some("2.5")));
    // Dates are dates: the project's start as a serial day with a date format.
    let projects = x.cells("Projekt");
    let start = x.beside(&projects, "GP – Green Ports", "F");
    assert_eq!(start.t, None);
    assert_eq!(
        start.v.as_deref(),
        Some(excel_serial(&format!("{}-02-01", s.y)).to_string().as_str())
    );
    assert_eq!(x.formats[start.style], "yyyy-mm-dd");

    // The hostile name is a string cell, not a formula, and has no control.
    let accounts = x.cells("Redovisningar");
    let name = x.beside(&accounts, "X", "B");
    assert_eq!(name.t.as_deref(), Some("s"));
    assert_eq!(x.text(name), HOSTILE_NAME);
    for (sheet, _) in &x.sheets {
        assert!(
            x.cells(sheet).iter().all(|c| !c.formula),
            "a formula in {sheet}"
        );
    }
    for s in &x.shared {
        no_controls(s);
    }
}

// ---- HTML ----

#[test]
fn html_is_one_accessible_file_with_charts_and_escaped_text() {
    let s = setup();
    let html = String::from_utf8(render(&s.c, Format::Html, Lang::Sv).unwrap()).unwrap();
    let doc = xml(&html);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "html");
    assert_eq!(root.attribute("lang"), Some("sv"));

    // Headings in order: one h1, no level skipped.
    let levels: Vec<u8> = root
        .descendants()
        .filter_map(|n| match n.tag_name().name() {
            "h1" => Some(1),
            "h2" => Some(2),
            "h3" => Some(3),
            "h4" => Some(4),
            "h5" => Some(5),
            "h6" => Some(6),
            _ => None,
        })
        .collect();
    assert_eq!(levels.iter().filter(|l| **l == 1).count(), 1);
    assert_eq!(levels[0], 1);
    for w in levels.windows(2) {
        assert!(w[1] <= w[0] + 1, "heading skipped: {levels:?}");
    }

    // Tables: a caption, column headers and row headers with scope.
    let tables: Vec<_> = named(root, "table").collect();
    assert!(tables.len() >= 5);
    for t in &tables {
        assert!(
            named(*t, "caption")
                .next()
                .is_some_and(|c| !text_of(c).is_empty())
        );
        let head: Vec<_> = named(*t, "thead").flat_map(|h| named(h, "th")).collect();
        assert!(!head.is_empty() && head.iter().all(|h| h.attribute("scope") == Some("col")));
        for row in named(*t, "tbody").flat_map(|b| named(b, "tr")) {
            let first = row.children().find(|c| c.is_element()).unwrap();
            assert_eq!(first.tag_name().name(), "th");
            assert_eq!(first.attribute("scope"), Some("row"));
        }
    }
    // The key figures: this year's EU grant beside its name.
    let key = tables
        .iter()
        .find(|t| text_of(named(**t, "caption").next().unwrap()).starts_with("Nyckeltal"))
        .unwrap();
    let row = named(*key, "tr")
        .find(|r| named(*r, "th").next().map(text_of).as_deref() == Some("EU-bidrag (kr)"))
        .unwrap();
    assert_eq!(
        named(row, "td").next().map(text_of),
        Some(group(grant_kr()))
    );

    // Charts: inline SVG as an image with a title and a description, and the same
    // numbers in a table.
    let svgs: Vec<_> = named(root, "svg").collect();
    assert_eq!(svgs.len(), 3, "person-hours, EU grant, contacts");
    let ids: HashMap<&str, String> = root
        .descendants()
        .filter_map(|n| n.attribute("id").map(|id| (id, text_of(n))))
        .collect();
    for svg in &svgs {
        assert_eq!(svg.attribute("role"), Some("img"));
        let labelled: Vec<&str> = svg
            .attribute("aria-labelledby")
            .unwrap()
            .split(' ')
            .collect();
        let title = named(*svg, "title").next().unwrap();
        assert_eq!(Some(labelled[0]), title.attribute("id"));
        assert!(!ids[labelled[1]].is_empty(), "a description");
        // Nothing by colour alone: last year's bars are hatched.
        assert!(named(*svg, "pattern").next().is_some());
    }
    let hours_title = format!("Persontimmar per enhet, {} och {}", s.y, s.y - 1);
    assert_eq!(
        text_of(named(svgs[0], "title").next().unwrap()),
        hours_title
    );
    let hours_table = tables
        .iter()
        .find(|t| text_of(named(**t, "caption").next().unwrap()) == hours_title)
        .unwrap();
    let klk = named(*hours_table, "tr")
        .find(|r| named(*r, "th").next().map(text_of).as_deref() == Some("KLK"))
        .unwrap();
    assert_eq!(named(klk, "td").next().map(text_of).as_deref(), Some("2,5"));

    // Self-contained: nothing fetched, nothing run.
    for n in root.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        assert!(
            ![
                "script", "link", "img", "iframe", "object", "embed", "image", "use"
            ]
            .contains(&name),
            "<{name}> in the document"
        );
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "an event handler {}", a.name());
            if ["href", "src"].contains(&a.name()) {
                assert!(a.value().starts_with('#'), "{}={}", a.name(), a.value());
            }
        }
    }
    let style = text_of(named(root, "style").next().unwrap());
    assert!(style.contains("@page { size: A4"));
    assert!(!style.contains("@import"));
    assert!(
        style.matches("url(").count() == 0,
        "no url() in the style sheet"
    );
    assert!(!html.contains("http://") || !html.contains("src=\"http"));

    // The hostile texts are text, whole.
    let all = text_of(root);
    no_controls(&all);
    assert!(all.contains(HOSTILE_NAME));
    assert!(all.contains("<img src=x onerror=alert(1)>"));
}

// ---- Markdown ----

/// A GFM table row's cells, split at the pipes that are not escaped.
fn md_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cells.last_mut().unwrap().push(c);
                if let Some(n) = chars.next() {
                    cells.last_mut().unwrap().push(n);
                }
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// What a Markdown reader shows for an escaped text: each backslash escape undone.
fn md_unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(n) = chars.next()
        {
            out.push(n);
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn markdown_tables_hold_the_figures_and_text_cannot_become_markup() {
    let s = setup();
    let md = String::from_utf8(render(&s.c, Format::Md, Lang::Sv).unwrap()).unwrap();
    assert!(md.starts_with(&format!(
        "# Sammanställning av det internationella arbetet {}\n",
        s.y
    )));
    let lines: Vec<&str> = md.lines().collect();
    // Every table row has as many cells as its header.
    let mut width = None;
    for l in &lines {
        if l.starts_with('|') {
            let n = md_cells(l).len();
            match width {
                None => width = Some(n),
                Some(w) => assert_eq!(w, n, "row with another width: {l}"),
            }
        } else {
            width = None;
        }
    }
    let grant = lines
        .iter()
        .find(|l| l.starts_with("| EU-bidrag (kr) |"))
        .unwrap();
    assert_eq!(md_cells(grant)[1], group(grant_kr()));
    let unit = lines
        .iter()
        .map(|l| md_cells(l))
        .find(|c| c.first().map(String::as_str) == Some("X"))
        .unwrap();
    assert_eq!(md_unescape(&unit[1]), HOSTILE_NAME);
    assert!(unit[1].contains("\\<script\\>") && unit[1].contains("\\|"));
    // No raw markup anywhere: every `<` and `[` is escaped.
    for (i, c) in md.char_indices() {
        if c == '<' || c == '[' {
            assert!(md[..i].ends_with('\\'), "a raw {c} at {}", &md[i..i + 10]);
        }
    }
    no_controls(&md);
    // The words' first line does not become a heading, `=` no underline.
    assert!(md.contains("\\# rubrik"));
    assert!(md.contains("\\=HYPERLINK"));
}

// ---- Language ----

#[test]
fn english_follows_the_language_swedish_is_the_default_elsewhere() {
    let s = setup();
    let html = String::from_utf8(render(&s.c, Format::Html, Lang::En).unwrap()).unwrap();
    let doc = xml(&html);
    assert_eq!(doc.root_element().attribute("lang"), Some("en"));
    assert!(html.contains(&format!("Compilation of the international work {}", s.y)));
    assert!(html.contains("<th scope=\"row\">KLK</th><td class=\"num\">2.5</td>"));
    let parts = unzip(&render(&s.c, Format::Docx, Lang::En).unwrap());
    assert!(parts["word/styles.xml"].contains("<w:lang w:val=\"en-GB\""));
    assert!(parts["docProps/core.xml"].contains("<dc:language>en-GB</dc:language>"));
}

// ---- The command line ----

mod cli {
    use super::*;
    use predicates::prelude::*;

    /// The binary, in Swedish (the test environment's locale is English).
    fn intnet(db: &std::path::Path) -> assert_cmd::Command {
        let mut c = common::intnet(db);
        c.args(["--lang", "sv"]);
        c
    }

    fn db() -> (Setup, std::path::PathBuf) {
        let s = setup();
        s._env
            .store
            .add_member(
                &s._env.office,
                "root",
                "Root Admin",
                None,
                intnet::model::Role::Office,
            )
            .unwrap();
        let path = s._env.path.clone();
        (s, path)
    }

    #[test]
    fn every_format_is_written_whole_to_out() {
        let (s, db) = db();
        let dir = s._env.dir.path();
        for f in ["docx", "html", "md", "xlsx"] {
            let out = dir.join(format!("k.{f}"));
            std::fs::write(&out, "old").unwrap();
            intnet(&db)
                .args([
                    "report",
                    "export",
                    "--year",
                    &s.y.to_string(),
                    "--format",
                    f,
                ])
                .arg("--out")
                .arg(&out)
                .assert()
                .success()
                .stdout(predicate::str::contains("k."));
            let bytes = std::fs::read(&out).unwrap();
            // The same bytes the library makes from the same compilation.
            let format = Format::parse(f).unwrap();
            let lib = render(
                &s._env.store.compilation(&s._env.office, s.y).unwrap(),
                format,
                Lang::Sv,
            )
            .unwrap();
            if format.is_binary() {
                assert_eq!(&bytes[..2], b"PK");
                assert!(!unzip(&bytes).is_empty());
            } else {
                assert_eq!(bytes, lib, "{f}");
            }
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
                0o660,
                "group mode"
            );
        }
        // No temporary file left beside them.
        let left: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }

    #[test]
    fn text_goes_to_stdout_binary_needs_out_and_bad_paths_are_one_line() {
        let (s, db) = db();
        let y = s.y.to_string();
        intnet(&db)
            .args(["report", "export", "--year", &y, "--format", "md"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("# Sammanställning"));
        intnet(&db)
            .args(["report", "export", "--year", &y, "--format", "html"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("<!DOCTYPE html>"));
        // A zip package needs --out; `--out -` sends it down a pipe.
        intnet(&db)
            .args(["report", "export", "--year", &y, "--format", "docx"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("--out")
                    .and(predicate::str::is_match("^intnet: [^\n]*\n$").unwrap()),
            );
        let out = intnet(&db)
            .args([
                "report", "export", "--year", &y, "--format", "xlsx", "--out", "-",
            ])
            .assert()
            .success();
        assert_eq!(&out.get_output().stdout[..2], b"PK");
        // An unknown format, a year without data.
        intnet(&db)
            .args(["report", "export", "--year", &y, "--format", "pdf"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("pdf"));
        intnet(&db)
            .args(["report", "export", "--year", "1990", "--format", "md"])
            .assert()
            .code(2);
        // A directory that does not exist: one line, exit 2, nothing written.
        let missing = s._env.dir.path().join("nowhere").join("k.docx");
        intnet(&db)
            .args([
                "report", "export", "--year", &y, "--format", "docx", "--out",
            ])
            .arg(&missing)
            .assert()
            .code(2)
            .stderr(predicate::str::is_match("^intnet: [^\n]*nowhere[^\n]*\n$").unwrap());
        assert!(!missing.parent().unwrap().exists());
        // A directory in the way of the file: the directory stays, no temporary left.
        let dir = s._env.dir.path().join("adir");
        std::fs::create_dir(&dir).unwrap();
        intnet(&db)
            .args(["report", "export", "--year", &y, "--format", "md", "--out"])
            .arg(&dir)
            .assert()
            .code(2);
        assert!(dir.is_dir());
        let left = std::fs::read_dir(s._env.dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".tmp-")
            })
            .count();
        assert_eq!(left, 0);
    }
}
