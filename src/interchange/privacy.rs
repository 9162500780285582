//! The register extract (Art. 15) as Markdown, HTML or JSON: everything held about a
//! person, for the person to read. Every heading and label is given in Swedish first,
//! then English ("Namn / Name"), so one document serves either reader.

use crate::i18n::Lang;
use crate::interchange::report::{html, md};
use crate::model::{Extract, RetentionKind};
use crate::store::privacy::{CONTACT, DPO, NOTICE_EN, NOTICE_SV};
use crate::store::{Error, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Json,
}

/// A label in both languages, Swedish first.
fn both(key: &str) -> String {
    let (sv, en) = (Lang::Sv.t(key), Lang::En.t(key));
    if sv == en {
        sv.to_string()
    } else {
        format!("{sv} / {en}")
    }
}

/// One block of the document.
enum Block {
    Heading(String),
    Fields(Vec<(String, String)>),
    Table(Vec<String>, Vec<Vec<String>>),
    Text(String),
}

fn retention_text(e: &Extract, kind: RetentionKind) -> String {
    match e.retention.iter().find(|r| r.kind == kind) {
        Some(r) => format!(
            "{} ({})",
            Lang::Sv.f("extract.retention_years", &[("n", &r.years)]),
            r.reference
        ),
        None => both("extract.retention_none"),
    }
}

fn blocks(e: &Extract) -> Vec<Block> {
    let sv = Lang::Sv;
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let source = match e.privacy.source_kind {
        Some(k) => format!("{} {}", both(k.key()), e.privacy.source_note)
            .trim()
            .to_string(),
        None => dash(&e.privacy.source_note),
    };
    let mut out = vec![
        Block::Heading(both("extract.title")),
        Block::Text(format!(
            "{}: {}",
            both("extract.made_at"),
            sv.datetime(&e.made_at)
        )),
        Block::Heading(both("extract.record")),
        Block::Fields(vec![
            (both("field.name"), dash(&e.name)),
            (both("field.title"), dash(&e.title)),
            (both("field.email"), dash(&e.email)),
            (both("field.phone"), dash(&e.phone)),
            (both("field.languages"), dash(&e.languages)),
            (both("field.notes"), dash(&e.notes)),
            (both("extract.org"), dash(&e.org)),
            (both("extract.recorded"), sv.datetime(&e.created_at)),
            (
                both("field.verified_on"),
                dash(e.verified_on.as_deref().unwrap_or("")),
            ),
            (both("field.source_kind"), source.clone()),
            (both("field.basis"), both(e.privacy.legal_basis.key())),
            (
                both("field.informed"),
                dash(e.privacy.informed_on.as_deref().unwrap_or("")),
            ),
        ]),
        Block::Heading(both("extract.purposes")),
    ];
    let recipients = e.recipients.join(", ");
    let purposes = [
        (
            "extract.purpose_registry",
            "extract.cat_registry",
            source.clone(),
            recipients.clone(),
            retention_text(e, RetentionKind::Person),
        ),
        (
            "extract.purpose_contacts",
            "extract.cat_contacts",
            both("extract.source_staff"),
            recipients.clone(),
            retention_text(e, RetentionKind::Interaction),
        ),
        (
            "extract.purpose_audit",
            "extract.cat_audit",
            both("extract.source_program"),
            both("extract.office"),
            both("extract.retention_archive"),
        ),
    ];
    out.push(Block::Table(
        vec![
            both("extract.purpose"),
            both("extract.categories"),
            both("field.source_kind"),
            both("extract.recipients"),
            both("extract.retention"),
        ],
        purposes
            .into_iter()
            .map(|(p, c, s, r, t)| vec![both(p), both(c), s, r, t])
            .collect(),
    ));
    out.push(Block::Heading(both("extract.contacts")));
    if e.contacts.is_empty() {
        out.push(Block::Text(both("extract.none")));
    } else {
        out.push(Block::Table(
            vec![
                both("field.date"),
                both("extract.org"),
                both("field.summary"),
            ],
            e.contacts
                .iter()
                .map(|c| vec![c.date.clone(), c.org.clone(), c.summary.clone()])
                .collect(),
        ));
    }
    out.push(Block::Heading(both("extract.news")));
    if e.news.is_empty() {
        out.push(Block::Text(both("extract.none")));
    } else {
        out.push(Block::Table(
            vec![both("extract.published"), both("field.title")],
            e.news
                .iter()
                .map(|n| {
                    vec![
                        n.published_at
                            .as_deref()
                            .map(|d| sv.datetime(d))
                            .unwrap_or_default(),
                        n.title.clone(),
                    ]
                })
                .collect(),
        ));
    }
    out.push(Block::Heading(both("extract.audit")));
    out.push(Block::Table(
        vec![
            both("extract.when"),
            both("extract.who"),
            both("extract.what"),
        ],
        e.audit
            .iter()
            .map(|a| {
                vec![
                    sv.datetime(&a.at),
                    a.by.clone().unwrap_or_default(),
                    format!(
                        "{} {} {}",
                        a.action,
                        a.entity,
                        a.entity_id.map(|i| i.to_string()).unwrap_or_default()
                    ),
                ]
            })
            .collect(),
    ));
    out.push(Block::Heading(both("extract.requests")));
    out.push(Block::Table(
        vec![
            both("extract.request_kind"),
            both("extract.received"),
            both("extract.answered"),
            both("extract.decision"),
        ],
        e.requests
            .iter()
            .map(|r| {
                vec![
                    both(r.kind.key()),
                    r.received.clone(),
                    r.answered.clone().unwrap_or_default(),
                    r.decision.map(|d| both(d.key())).unwrap_or_default(),
                ]
            })
            .collect(),
    ));
    out.push(Block::Text(both("extract.rights")));
    out
}

/// The extract in `format`.
pub fn render(e: &Extract, format: Format) -> Result<String, Error> {
    match format {
        Format::Json => {
            crate::interchange::json::to_string_pretty(e).map_err(|err| Error::Io(err.into()))
        }
        Format::Markdown => Ok(markdown(&blocks(e))),
        Format::Html => Ok(to_html(&blocks(e))),
    }
}

fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut first = true;
    for b in blocks {
        match b {
            Block::Heading(h) => {
                out.push_str(if first { "# " } else { "\n## " });
                first = false;
                out.push_str(&md::esc(h));
                out.push_str("\n\n");
            }
            Block::Fields(rows) => {
                for (k, v) in rows {
                    out.push_str(&format!("- **{}**: {}\n", md::esc(k), md::esc(v)));
                }
            }
            Block::Table(head, rows) => {
                out.push_str(&format!(
                    "| {} |\n",
                    head.iter()
                        .map(|h| md::esc(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                for r in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        r.iter().map(|c| md::esc(c)).collect::<Vec<_>>().join(" | ")
                    ));
                }
            }
            Block::Text(t) => {
                out.push_str(&md::esc_line(t));
                out.push_str("\n\n");
            }
        }
    }
    out
}

fn to_html(blocks: &[Block]) -> String {
    let mut out =
        String::from("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n");
    if let Some(Block::Heading(h)) = blocks.first() {
        out.push_str(&format!("<title>{}</title>\n", html::esc(h)));
    }
    out.push_str("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em;text-align:left;vertical-align:top}</style>\n</head>\n<body>\n");
    let mut first = true;
    for b in blocks {
        match b {
            Block::Heading(h) => {
                let tag = if first { "h1" } else { "h2" };
                first = false;
                out.push_str(&format!("<{tag}>{}</{tag}>\n", html::esc(h)));
            }
            Block::Fields(rows) => {
                out.push_str("<table>\n");
                for (k, v) in rows {
                    out.push_str(&format!(
                        "<tr><th>{}</th><td>{}</td></tr>\n",
                        html::esc(k),
                        html::esc(v)
                    ));
                }
                out.push_str("</table>\n");
            }
            Block::Table(head, rows) => {
                out.push_str("<table>\n<tr>");
                for h in head {
                    out.push_str(&format!("<th>{}</th>", html::esc(h)));
                }
                out.push_str("</tr>\n");
                for r in rows {
                    out.push_str("<tr>");
                    for c in r {
                        out.push_str(&format!("<td>{}</td>", html::esc(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
            Block::Text(t) => out.push_str(&format!("<p>{}</p>\n", html::esc(t))),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The notice (Art. 14) in one language, filled in for the person from the office's
/// settings: `intnet privacy notice` and the TUI's personal-data panel.
pub fn notice(store: &Store, person: i64, lang: Lang) -> Result<String, Error> {
    let p = store.person(person)?;
    let privacy = store.person_privacy(person)?;
    let org = store
        .org(p.data.org_id)
        .map(|o| o.data.name)
        .unwrap_or_default();
    let key = match lang {
        Lang::Sv => NOTICE_SV,
        Lang::En => NOTICE_EN,
    };
    let template = store
        .setting(key)?
        .unwrap_or_else(|| lang.t("privacy.notice_default").to_string());
    let unset = lang.t("privacy.unset");
    let contact = store.setting(CONTACT)?.unwrap_or_else(|| unset.to_string());
    let dpo = store.setting(DPO)?.unwrap_or_else(|| unset.to_string());
    let source = match privacy.source_kind {
        Some(k) if privacy.source_note.is_empty() => lang.t(k.key()).to_string(),
        Some(k) => format!("{} ({})", lang.t(k.key()), privacy.source_note),
        None if privacy.source_note.is_empty() => unset.to_string(),
        None => privacy.source_note.clone(),
    };
    let mut text = template;
    for (name, value) in [
        ("{name}", p.data.name.as_str()),
        ("{org}", org.as_str()),
        ("{email}", p.data.email.as_str()),
        ("{source}", source.as_str()),
        ("{basis}", lang.t(privacy.legal_basis.key())),
        ("{contact}", contact.as_str()),
        ("{dpo}", dpo.as_str()),
    ] {
        text = text.replace(name, value);
    }
    Ok(text)
}

/// The answer to an erasure request, line by line, for the office to pass on (the
/// CLI prints it, the personal-data panel shows it): the decision and its request;
/// after erasing or anonymising, what was reached, the pre-migration copies deleted,
/// and what erasure cannot reach; after keeping or restricting, the right to
/// complain to IMY, since a refusal must say so.
pub fn erasure_answer(
    lang: Lang,
    person: i64,
    decision: crate::model::Decision,
    report: &crate::model::ErasureReport,
) -> Vec<String> {
    use crate::model::Decision;
    let mut lines = vec![lang.f(
        "cli.privacy_erased",
        &[
            ("id", &person),
            ("decision", &lang.t(decision.key())),
            ("request", &report.request_id),
        ],
    )];
    match decision {
        Decision::Erased | Decision::Anonymised => {
            lines.push(lang.f(
                "cli.privacy_reach",
                &[
                    ("contacts", &report.contacts),
                    ("news", &report.news),
                    ("audit", &report.audit_rows),
                    ("drafts", &report.drafts),
                ],
            ));
            for path in &report.backups_deleted {
                lines.push(lang.f("cli.privacy_backup_deleted", &[("path", path)]));
            }
            if !report.compacted {
                lines.push(lang.t("cli.privacy_not_compacted").to_string());
            }
            lines.push(lang.t("cli.privacy_unreached").to_string());
        }
        Decision::Kept | Decision::Restricted => {
            lines.push(lang.t("cli.privacy_complaint").to_string());
        }
        Decision::Extracted => {}
    }
    lines
}
