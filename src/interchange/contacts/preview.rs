//! An import's preview, shared by `intnet import FILE` and the Contacts screen's
//! import panel (issue 14): reading a file into what it holds ([`load`]), and the
//! texts that describe the plan the store made of it (what the file was read as, the
//! counts, one line per update, near-duplicate and refused row). The CLI prints the
//! texts; the panel shows them in a scrollable list. Neither builds them itself, so
//! both say the same thing.

use super::{Encoding, Format, csv};
use crate::i18n::Lang;
use crate::model::{ImportDone, ImportPlan, Incoming};
use std::path::Path;

/// What a file was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file's name without its directory (written on new persons as their
    /// source, and in the import's audit batch).
    pub file_name: String,
    pub format: Format,
    pub encoding: Encoding,
    /// The separator assumed for a CSV file.
    pub separator: Option<u8>,
}

/// Why a file could not be read: the message says which file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file cannot be read (missing, not readable, a directory).
    Read { path: String, detail: String },
    /// A CSV file none of whose headers is known (its first headers).
    Headers { path: String, headers: String },
}

impl LoadError {
    /// The message in `lang`. `headers_key` is the catalogue key for a file whose
    /// columns are unknown (the CLI's names `--map`, the panel's the format choice).
    pub fn message(&self, lang: Lang, headers_key: &str) -> String {
        match self {
            LoadError::Read { path, detail } => {
                lang.f("err.import_read", &[("path", path), ("detail", detail)])
            }
            LoadError::Headers { path, headers } => {
                lang.f(headers_key, &[("path", path), ("headers", headers)])
            }
        }
    }
}

/// Reads a file: its bytes decoded ([`super::decode`]), in `format` or the one its
/// name and first line suggest, with a CSV column `map`. Rows the parsers refuse are
/// in [`Incoming::refused`] with their lines.
pub fn load(
    path: &Path,
    format: Option<Format>,
    map: &[(csv::Field, String)],
) -> Result<(Source, Incoming), LoadError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::Read {
        path: shown.clone(),
        detail: e.to_string(),
    })?;
    let (text, encoding) = super::decode(&bytes);
    let format = format.unwrap_or_else(|| Format::guess(&shown, &text));
    let incoming = super::read(&text, format, map).map_err(|headers| LoadError::Headers {
        path: shown.clone(),
        headers,
    })?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or(shown);
    let separator = (format == Format::Csv).then(|| csv::detect_separator(&text));
    Ok((
        Source {
            file_name,
            format,
            encoding,
            separator,
        },
        incoming,
    ))
}

/// What new persons record as their source: the file's name and today's date.
pub fn source_note(lang: Lang, source: &Source) -> String {
    lang.f(
        "import.source",
        &[
            ("file", &source.file_name),
            ("date", &crate::store::today()),
        ],
    )
}

/// The audit batch of one import of `source` (undo reverses it as one step).
pub fn batch(source: &Source) -> String {
    format!("import:{}@{}", source.file_name, crate::store::now())
}

/// "file: read as CSV, Windows-1252, separator ;".
pub fn read_as(lang: Lang, source: &Source) -> String {
    let format = match source.format {
        Format::Vcard => "vCard",
        Format::Csv => "CSV",
    };
    let args: &[(&str, &dyn std::fmt::Display)] = &[
        ("file", &source.file_name),
        ("format", &format),
        ("encoding", &source.encoding.name()),
    ];
    match source.separator {
        Some(sep) => {
            let sep = match sep {
                b'\t' => lang.t("import.tab").to_string(),
                s => char::from(s).to_string(),
            };
            let mut args = args.to_vec();
            args.push(("sep", &sep));
            lang.f("import.read_as_csv", &args)
        }
        None => lang.f("import.read_as", args),
    }
}

/// New organisations the import makes without a decision (the near-duplicates wait).
pub fn clear_new_orgs(plan: &ImportPlan) -> usize {
    plan.new_orgs
        .len()
        .saturating_sub(plan.near_duplicates.len())
}

/// The counts: new organisations and persons, updates, near-duplicates, refused,
/// unchanged.
pub fn summary(lang: Lang, plan: &ImportPlan) -> String {
    lang.f(
        "import.summary",
        &[
            ("orgs", &clear_new_orgs(plan)),
            ("persons", &plan.new_persons.len()),
            (
                "updates",
                &(plan.org_updates.len() + plan.person_updates.len()),
            ),
            ("near", &plan.near_duplicates.len()),
            ("refused", &plan.refused.len()),
            ("same", &plan.unchanged),
        ],
    )
}

/// What a line of the details is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Update,
    /// A near-duplicate: its index in [`ImportPlan::near_duplicates`].
    Near(usize),
    Refused,
}

/// One line of the details, not yet sanitised (names come from the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    pub item: Item,
    pub text: String,
}

/// Each update with the fields that change, each near-duplicate with what it is near
/// (`near_key`: the CLI's names `--create-anyway`, the panel's its own keys), each
/// refused row with its line and reason; in that order.
pub fn details(lang: Lang, plan: &ImportPlan, near_key: &str) -> Vec<Detail> {
    let field_names = |fields: &[&str]| {
        fields
            .iter()
            .map(|f| lang.t(&format!("field.{f}")).to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Vec::new();
    let updates = plan
        .org_updates
        .iter()
        .map(|u| (u.line, &u.name, &u.fields))
        .chain(
            plan.person_updates
                .iter()
                .map(|u| (u.line, &u.name, &u.fields)),
        );
    for (line, name, fields) in updates {
        out.push(Detail {
            item: Item::Update,
            text: lang.f(
                "import.update_line",
                &[
                    ("line", &line),
                    ("name", name),
                    ("fields", &field_names(fields)),
                ],
            ),
        });
    }
    for (i, n) in plan.near_duplicates.iter().enumerate() {
        if let Some(o) = plan.new_orgs.get(n.new) {
            let others = n
                .similar
                .iter()
                .map(|s| format!("{} (#{})", s.name, s.id))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Detail {
                item: Item::Near(i),
                text: lang.f(
                    near_key,
                    &[
                        ("line", &o.line),
                        ("name", &o.data.name),
                        ("others", &others),
                    ],
                ),
            });
        }
    }
    for r in &plan.refused {
        out.push(Detail {
            item: Item::Refused,
            text: lang.f(
                "import.refused_line",
                &[
                    ("line", &r.line),
                    ("reason", &lang.t(&r.reason)),
                    ("detail", &r.detail),
                ],
            ),
        });
    }
    out
}

/// What an applied import wrote; `key` is the CLI's or the panel's message (each
/// says how to undo it).
pub fn done(lang: Lang, key: &str, done: &ImportDone) -> String {
    lang.f(
        key,
        &[
            ("orgs", &done.orgs_created),
            ("persons", &done.persons_created),
            ("updates", &done.updated),
            ("skipped", &done.skipped),
        ],
    )
}

/// The plan with the near-duplicates chosen "create anyway" (`create[i]` for
/// `plan.near_duplicates[i]`) no longer waiting, so that
/// `Store::apply_import(…, create_anyway: false, …)` makes those and skips the rest.
pub fn with_choices(plan: &ImportPlan, create: &[bool]) -> ImportPlan {
    let mut out = plan.clone();
    let mut i = 0;
    out.near_duplicates.retain(|_| {
        let keep = !create.get(i).copied().unwrap_or(false);
        i += 1;
        keep
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NearDuplicate, NewOrg, OrgData};

    #[test]
    fn choices_release_only_the_near_duplicates_chosen() {
        let org = |line| NewOrg {
            line,
            uid: String::new(),
            data: OrgData::default(),
        };
        let plan = ImportPlan {
            new_orgs: vec![org(2), org(3), org(4)],
            near_duplicates: vec![
                NearDuplicate {
                    new: 0,
                    similar: Vec::new(),
                },
                NearDuplicate {
                    new: 2,
                    similar: Vec::new(),
                },
            ],
            ..ImportPlan::default()
        };
        let chosen = with_choices(&plan, &[false, true]);
        let waiting: Vec<usize> = chosen.near_duplicates.iter().map(|n| n.new).collect();
        assert_eq!(waiting, [0], "the second is made, the first still waits");
        assert_eq!(with_choices(&plan, &[]).near_duplicates.len(), 2);
        assert_eq!(clear_new_orgs(&plan), 1);
    }

    #[test]
    fn a_missing_file_says_which_and_why() {
        let dir = tempfile::tempdir().unwrap();
        let e = load(&dir.path().join("nope.vcf"), None, &[]).unwrap_err();
        assert!(matches!(&e, LoadError::Read { path, .. } if path.ends_with("nope.vcf")));
        let text = e.message(Lang::En, "err.import_headers");
        assert!(text.contains("nope.vcf"), "{text}");
    }

    #[test]
    fn a_csv_file_says_its_separator() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        std::fs::write(&path, "Company;E-mail Address\nSandvikens kommun;a@b.se\n").unwrap();
        let (source, inc) = load(&path, None, &[]).unwrap();
        assert_eq!(source.separator, Some(b';'));
        assert_eq!(source.format, Format::Csv);
        assert_eq!(inc.persons.len() + inc.orgs.len(), 1);
        let text = read_as(Lang::En, &source);
        assert!(text.contains("separator ;"), "{text}");
    }
}
