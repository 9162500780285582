//! `intnet export vcard|csv|xlsx|json` and `intnet import FILE` (issue 14).

use super::{Ctx, ExportCmd, bad_input, fail};
use crate::interchange::contacts::{self as cio, Format, preview};
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
    let format = match a.format.as_deref() {
        Some(f) => match Format::parse(f) {
            Some(f) => Some(f),
            None => return bad_input(lang, "err.import_format", &[("value", &f)]),
        },
        None => None,
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
    let (source, incoming) = match preview::load(&a.file, format, &map) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("intnet: {}", clean(&e.message(lang, "err.import_headers")));
            return ExitCode::from(super::exit::BAD_INPUT);
        }
    };
    let plan = match ctx.store.plan_import(
        incoming,
        a.country.as_deref().unwrap_or_default(),
        &preview::source_note(lang, &source),
    ) {
        Ok(p) => p,
        Err(e) => return fail(lang, &e),
    };
    // The preview.
    println!("{}", clean(&preview::read_as(lang, &source)));
    println!("{}", preview::summary(lang, &plan));
    for d in preview::details(lang, &plan, "import.near_line") {
        println!("{}", clean(&d.text));
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
    let r = ctx.store.apply_import(
        &ctx.actor,
        &plan,
        &preview::batch(&source),
        a.create_anyway,
        unit,
        &mut |n| bar.set_position(n as u64),
    );
    bar.finish_and_clear();
    match r {
        Ok(done) => {
            println!("{}", preview::done(lang, "import.done", &done));
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}
