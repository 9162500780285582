//! `intnet export vcard|csv|xlsx|json` and `intnet import FILE` (issue 14).

use super::{Ctx, ExportCmd, bad_input, fail};
use crate::interchange::contacts::{self as cio, Format};
use crate::store::Error;
use crate::text::sanitize_line as clean;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Writes an export to `out` (through `files::write_atomic`) or to stdout.
fn emit(ctx: &Ctx, out: Option<&Path>, bytes: &[u8]) -> ExitCode {
    let lang = ctx.lang;
    match out {
        Some(path) if path.as_os_str() != "-" => {
            match crate::files::write_atomic(path, bytes, crate::files::SHARED_MODE) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!(
                        "intnet: {}",
                        clean(&lang.f(
                            "err.export_write",
                            &[("path", &path.display()), ("detail", &e)]
                        ))
                    );
                    ExitCode::from(super::exit::FAILED)
                }
            }
        }
        _ => {
            let mut so = std::io::stdout().lock();
            if so.write_all(bytes).and_then(|_| so.flush()).is_err() {
                return ExitCode::from(super::exit::FAILED);
            }
            ExitCode::SUCCESS
        }
    }
}

fn io_fail(ctx: &Ctx, e: impl std::fmt::Display) -> ExitCode {
    fail(ctx.lang, &Error::Io(std::io::Error::other(e.to_string())))
}

pub fn export(ctx: &Ctx, cmd: ExportCmd) -> ExitCode {
    let lang = ctx.lang;
    let (orgs, persons) = match ctx.store.export_contacts() {
        Ok(r) => r,
        Err(e) => return fail(lang, &e),
    };
    match cmd {
        ExportCmd::Vcard { org, all: _, out } => {
            // Without --org: every organisation (as --all).
            let (orgs, persons) = match org {
                Some(o) => {
                    let id = match super::partners::resolve_org(ctx, &o) {
                        Ok(id) => id,
                        Err(e) => return fail(lang, &e),
                    };
                    (
                        orgs.into_iter()
                            .filter(|x| x.org.id == id)
                            .collect::<Vec<_>>(),
                        persons
                            .into_iter()
                            .filter(|p| p.person.data.org_id == id)
                            .collect::<Vec<_>>(),
                    )
                }
                None => (orgs, persons),
            };
            emit(
                ctx,
                out.as_deref(),
                cio::vcard::write(&orgs, &persons).as_bytes(),
            )
        }
        ExportCmd::Csv { what, excel, out } => {
            let mut buf = Vec::new();
            let r = match what.trim().to_lowercase().as_str() {
                "orgs" | "organisations" | "organizations" => {
                    cio::csv::write_orgs(&mut buf, &orgs, excel)
                }
                "persons" | "people" => cio::csv::write_persons(&mut buf, &persons, excel),
                _ => return bad_input(lang, "err.export_what", &[("value", &what)]),
            };
            if let Err(e) = r {
                return io_fail(ctx, e);
            }
            emit(ctx, out.as_deref(), &buf)
        }
        ExportCmd::Xlsx { out } => {
            if out.as_ref().is_none_or(|p| p.as_os_str() == "-") && std::io::stdout().is_terminal()
            {
                return bad_input(lang, "err.export_terminal", &[]);
            }
            let contacts = match ctx.store.export_interactions() {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            let training = match ctx.store.export_trainings() {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            match cio::xlsx(lang, &orgs, &persons, &contacts, &training) {
                Ok(bytes) => emit(ctx, out.as_deref(), &bytes),
                Err(e) => io_fail(ctx, e),
            }
        }
        ExportCmd::Json { out } => {
            let contacts = match ctx.store.export_interactions() {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            let training = match ctx.store.export_trainings() {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            let all = cio::everything(&orgs, &persons, &contacts, &training);
            match crate::interchange::json::to_string_pretty(&all) {
                Ok(mut s) => {
                    s.push('\n');
                    emit(ctx, out.as_deref(), s.as_bytes())
                }
                Err(e) => io_fail(ctx, e),
            }
        }
        ExportCmd::Training { .. } | ExportCmd::Ics { .. } | ExportCmd::Regional { .. } => {
            ExitCode::from(super::exit::FAILED)
        }
    }
}

pub struct ImportArgs {
    pub file: PathBuf,
    pub format: Option<String>,
    pub dry_run: bool,
    pub unit: Option<String>,
    pub map: Option<String>,
    pub country: Option<String>,
    pub create_anyway: bool,
}

pub fn import(ctx: &Ctx, a: ImportArgs) -> ExitCode {
    let lang = ctx.lang;
    let shown = a.file.display().to_string();
    let bytes = match std::fs::read(&a.file) {
        Ok(b) => b,
        Err(e) => {
            return bad_input(lang, "err.import_read", &[("path", &shown), ("detail", &e)]);
        }
    };
    let (text, encoding) = cio::decode(&bytes);
    let format = match a.format.as_deref() {
        Some(f) => match Format::parse(f) {
            Some(f) => f,
            None => return bad_input(lang, "err.import_format", &[("value", &f)]),
        },
        None => Format::guess(&shown, &text),
    };
    let map = match a.map.as_deref().map(cio::csv::parse_map).transpose() {
        Ok(m) => m.unwrap_or_default(),
        Err(bad) => {
            let fields = cio::csv::MAP_FIELDS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ");
            return bad_input(
                lang,
                "err.import_map",
                &[("value", &bad), ("fields", &fields)],
            );
        }
    };
    let unit = match a
        .unit
        .as_deref()
        .map(|u| ctx.store.unit_by_code(u))
        .transpose()
    {
        Ok(u) => u.map(|u| u.id),
        Err(e) => return fail(lang, &e),
    };
    let incoming = match cio::read(&text, format, &map) {
        Ok(i) => i,
        Err(headers) => {
            return bad_input(
                lang,
                "err.import_headers",
                &[("path", &shown), ("headers", &headers)],
            );
        }
    };
    let file_name = a
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let today = crate::store::today();
    let source = lang.f("import.source", &[("file", &file_name), ("date", &today)]);
    let plan =
        match ctx
            .store
            .plan_import(incoming, a.country.as_deref().unwrap_or_default(), &source)
        {
            Ok(p) => p,
            Err(e) => return fail(lang, &e),
        };
    // The preview.
    println!(
        "{}",
        clean(&lang.f(
            "import.read_as",
            &[
                ("file", &file_name),
                (
                    "format",
                    &match format {
                        Format::Vcard => "vCard",
                        Format::Csv => "CSV",
                    }
                ),
                ("encoding", &encoding.name()),
            ],
        ))
    );
    println!(
        "{}",
        lang.f(
            "import.summary",
            &[
                ("orgs", &(plan.new_orgs.len() - plan.near_duplicates.len())),
                ("persons", &plan.new_persons.len()),
                (
                    "updates",
                    &(plan.org_updates.len() + plan.person_updates.len())
                ),
                ("near", &plan.near_duplicates.len()),
                ("refused", &plan.refused.len()),
                ("same", &plan.unchanged),
            ],
        )
    );
    let field_names = |fields: &[&str]| {
        fields
            .iter()
            .map(|f| lang.t(&format!("field.{f}")).to_lowercase())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for u in &plan.org_updates {
        println!(
            "{}",
            clean(&lang.f(
                "import.update_line",
                &[
                    ("line", &u.line),
                    ("name", &u.name),
                    ("fields", &field_names(&u.fields))
                ],
            ))
        );
    }
    for u in &plan.person_updates {
        println!(
            "{}",
            clean(&lang.f(
                "import.update_line",
                &[
                    ("line", &u.line),
                    ("name", &u.name),
                    ("fields", &field_names(&u.fields))
                ],
            ))
        );
    }
    for n in &plan.near_duplicates {
        if let Some(o) = plan.new_orgs.get(n.new) {
            let others = n
                .similar
                .iter()
                .map(|s| format!("{} (#{})", s.name, s.id))
                .collect::<Vec<_>>()
                .join(", ");
            println!(
                "{}",
                clean(&lang.f(
                    "import.near_line",
                    &[
                        ("line", &o.line),
                        ("name", &o.data.name),
                        ("others", &others)
                    ],
                ))
            );
        }
    }
    for r in &plan.refused {
        println!(
            "{}",
            clean(&lang.f(
                "import.refused_line",
                &[
                    ("line", &r.line),
                    ("reason", &lang.t(&r.reason)),
                    ("detail", &r.detail)
                ],
            ))
        );
    }
    if a.dry_run {
        println!("{}", lang.t("import.dry_run"));
        return ExitCode::SUCCESS;
    }
    if plan.is_empty() {
        println!("{}", lang.t("import.nothing"));
        return ExitCode::SUCCESS;
    }
    let total = plan.new_orgs.len()
        + plan.new_persons.len()
        + plan.org_updates.len()
        + plan.person_updates.len();
    let bar = if std::io::stderr().is_terminal() && total > 50 {
        indicatif::ProgressBar::new(total as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let batch = format!("import:{file_name}@{}", crate::store::now());
    let r = ctx
        .store
        .apply_import(&ctx.actor, &plan, &batch, a.create_anyway, unit, &mut |n| {
            bar.set_position(n as u64)
        });
    bar.finish_and_clear();
    match r {
        Ok(done) => {
            println!(
                "{}",
                lang.f(
                    "import.done",
                    &[
                        ("orgs", &done.orgs_created),
                        ("persons", &done.persons_created),
                        ("updates", &done.updated),
                        ("skipped", &done.skipped),
                    ],
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}
