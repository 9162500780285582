//! The compilation as one self-contained HTML file: no network fetch (the style sheet
//! and the charts are inline, no script, no font), `lang` on the root, headings in
//! order, tables with a caption and `<th scope>` header cells, charts as inline SVG
//! with a title and a description (`role="img"`, `aria-labelledby`) and their numbers
//! in a table under them, and a print style sheet for A4.
//!
//! Accessibility (the Swedish accessibility law follows WCAG 2.1 AA): the text is
//! near-black on white (17:1), header cells dark on a light tint, borders 5:1; the two
//! years in a chart differ by fill *and* pattern (solid against hatched) with a legend
//! and the value written at each bar, so nothing depends on colour. `forced-colors`
//! (Windows high contrast) keeps the bars in system colours.
//!
//! The output is also well-formed XML (void elements closed, no named entities), so
//! the tests read it with an XML parser as strictly as a browser reads HTML. Every
//! text goes through [`esc`].

use super::{Block, Cell, Chart, Doc, Table, paragraphs};
use crate::i18n::Lang;
use std::fmt::Write;

/// Text for HTML content or a quoted attribute: controls and bidi characters removed,
/// `& < > " '` as character references.
pub fn esc(s: &str) -> String {
    let s = crate::interchange::export_text(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #ffffff; line-height: 1.5; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1f4e79; }
h3 { font-size: 1.2rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin-bottom: 0.2rem; }
a { color: #1f4e79; }
nav ul { padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #6b6b6b; padding: 0.25rem 0.5rem; vertical-align: top; text-align: left; }
thead th { background: #e8eef4; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.wide { overflow-x: auto; }
figure { margin: 0.5rem 0 0; }
figcaption { font-size: 0.9rem; }
svg.chart { max-width: 100%; height: auto; }
svg.chart text { fill: #1a1a1a; font-size: 12px; font-family: inherit; }
.bar-this { fill: #1f4e79; }
.bar-last { stroke: #1f4e79; }
.hatch-bg { fill: #ffffff; }
.hatch-line { stroke: #1f4e79; }
:focus { outline: 3px solid #1f4e79; outline-offset: 2px; }
@media (forced-colors: active) {
  .bar-this { fill: CanvasText; }
  .bar-last, .hatch-line { stroke: CanvasText; }
  .hatch-bg { fill: Canvas; }
  svg.chart text { fill: CanvasText; }
}
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  table, figure, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  .wide { overflow: visible; }
  th, td { padding: 0.1rem 0.3rem; }
}
"#;

/// The whole document.
pub fn render(doc: &Doc) -> String {
    let lang = match doc.lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta name=\"generator\" content=\"intnet\" />\n<title>{}</title>\n<style>{CSS}</style>\n\
         </head>\n<body>\n<main>\n",
        esc(&doc.title)
    );
    // The sections, for a reader who jumps.
    let sections: Vec<(usize, &String)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b {
            Block::Heading(2, text) => Some((i, text)),
            _ => None,
        })
        .collect();
    let mut nav_done = false;
    let mut chart_no = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        // The table of contents stands before the first section.
        if !nav_done && matches!(block, Block::Heading(2, _)) {
            nav_done = true;
            let label = esc(doc.lang.t("doc.contents"));
            let _ = writeln!(out, "<nav aria-label=\"{label}\">\n<h2>{label}</h2>\n<ul>");
            for (j, text) in &sections {
                let _ = writeln!(out, "<li><a href=\"#s{j}\">{}</a></li>", esc(text));
            }
            out.push_str("</ul>\n</nav>\n");
        }
        match block {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 6);
                let _ = writeln!(out, "<h{level} id=\"s{i}\">{}</h{level}>", esc(text));
            }
            Block::Para(text) => {
                let _ = writeln!(out, "<p>{}</p>", esc(text));
            }
            Block::Text(text) => {
                for para in paragraphs(text) {
                    let lines: Vec<String> = para.iter().map(|l| esc(l)).collect();
                    let _ = writeln!(out, "<p>{}</p>", lines.join("<br />"));
                }
            }
            Block::Table(t) if t.in_doc => table(&mut out, doc, t),
            Block::Table(_) => {}
            Block::Chart(c) => {
                chart_no += 1;
                chart(&mut out, doc, c, chart_no);
            }
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn table(out: &mut String, doc: &Doc, t: &Table) {
    if t.rows.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&doc.empty_note(t)));
        return;
    }
    let lang = doc.lang;
    let numeric: Vec<bool> = (0..t.columns.len())
        .map(|i| t.rows.iter().any(|r| r.get(i).is_some_and(Cell::is_number)))
        .collect();
    let caption = esc(&t.caption);
    // A wide table scrolls on its own on a narrow screen; the region can take focus so
    // it scrolls by keyboard too. Narrow tables need no stop of their own.
    let wide = t.columns.len() > 5;
    if wide {
        let _ = writeln!(
            out,
            "<div class=\"wide\" role=\"region\" aria-label=\"{caption}\" tabindex=\"0\">"
        );
    }
    let _ = writeln!(out, "<table>\n<caption>{caption}</caption>");
    out.push_str("<thead>\n<tr>");
    for (i, c) in t.columns.iter().enumerate() {
        let class = if i > 0 && numeric[i] {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(c));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let text = esc(&cell.text(lang));
            let class = if cell.is_number() {
                " class=\"num\""
            } else {
                ""
            };
            if i == 0 {
                let _ = write!(out, "<th scope=\"row\"{class}>{text}</th>");
            } else {
                let _ = write!(out, "<td{class}>{text}</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    if wide {
        out.push_str("</div>\n");
    }
}

/// Horizontal bars, this year solid and last year hatched, each with its value.
fn chart(out: &mut String, doc: &Doc, c: &Chart, n: usize) {
    if c.bars.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(&doc.empty_note(&c.table)));
        return;
    }
    const WIDTH: i64 = 640;
    const LABEL_W: i64 = 190;
    const BAR_AREA: i64 = 320;
    const BAR_H: i64 = 14;
    const GROUP_H: i64 = BAR_H * 2 + 2 + 12;
    const TOP: i64 = 34;
    let lang = doc.lang;
    let height = TOP + GROUP_H * c.bars.len() as i64;
    let max = c
        .bars
        .iter()
        .map(|(_, a, b)| (*a).max(*b))
        .max()
        .unwrap_or(0)
        .max(1);
    let len = |v: i64| -> i64 {
        let v = v.max(0) as f64 / max as f64;
        (v * BAR_AREA as f64).round() as i64
    };
    let id = format!("chart{n}");
    let _ = writeln!(
        out,
        "<figure>\n<svg class=\"chart\" role=\"img\" \
         aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\">\n\
         <title id=\"{id}-t\">{}</title>\n<desc id=\"{id}-d\">{}</desc>",
        esc(&c.title),
        esc(&c.description)
    );
    let _ = writeln!(
        out,
        "<defs><pattern id=\"{id}-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" \
         patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"6\" height=\"6\" />\
         <line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke-width=\"3\" /></pattern></defs>"
    );
    // The legend.
    let _ = writeln!(
        out,
        "<rect class=\"bar-this\" x=\"{LABEL_W}\" y=\"4\" width=\"14\" height=\"14\" />\
         <text x=\"{}\" y=\"16\">{}</text>\
         <rect class=\"bar-last\" x=\"{}\" y=\"4\" width=\"14\" height=\"14\" fill=\"url(#{id}-hatch)\" stroke-width=\"1\" />\
         <text x=\"{}\" y=\"16\">{}</text>",
        LABEL_W + 20,
        esc(&c.this_label),
        LABEL_W + 90,
        LABEL_W + 110,
        esc(&c.last_label)
    );
    for (i, (label, this, last)) in c.bars.iter().enumerate() {
        let y = TOP + GROUP_H * i as i64;
        let short = crate::text::truncate(label, 28);
        let (w1, w2) = (len(*this), len(*last));
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect class=\"bar-this\" x=\"{LABEL_W}\" y=\"{y}\" width=\"{w1}\" height=\"{BAR_H}\" />\
             <text x=\"{}\" y=\"{}\">{}</text>\
             <rect class=\"bar-last\" x=\"{LABEL_W}\" y=\"{}\" width=\"{w2}\" height=\"{BAR_H}\" fill=\"url(#{id}-hatch)\" stroke-width=\"1\" />\
             <text x=\"{}\" y=\"{}\">{}</text>",
            LABEL_W - 8,
            y + BAR_H + 2,
            esc(&short),
            LABEL_W + w1 + 6,
            y + BAR_H - 3,
            esc(&Cell::of(c.measure, *this).text(lang)),
            y + BAR_H + 2,
            LABEL_W + w2 + 6,
            y + 2 * BAR_H - 1,
            esc(&Cell::of(c.measure, *last).text(lang)),
        );
    }
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>",
        esc(&c.description)
    );
    table(out, doc, &c.table);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_removes_controls() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\"\x1b[2J\u{202E}"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;[2J"
        );
    }
}
