//! Regional partners from the shell (issue 16): `export regional`, `import regional`,
//! `org adopt-regional`, and the regional lines of `find` and `org add`.

use super::{Ctx, exit, fail};
use crate::i18n::Lang;
use crate::interchange::regional::{self, Refusal, RegionalFile, adopted_note, known_line};
use crate::model::{OrgData, RegionalOrg};
use crate::store::Error;
use crate::text::sanitize_line as clean;
use std::path::Path;
use std::process::ExitCode;

/// `intnet export regional [--out FILE]`: the shared organisations as one JSON
/// document, to stdout or written atomically to FILE.
pub fn export(ctx: &Ctx, out: Option<&Path>) -> ExitCode {
    let lang = ctx.lang;
    let entries = match ctx.store.shared_orgs(&ctx.actor) {
        Ok(e) => e,
        Err(e) => return fail(lang, &e),
    };
    let n = entries.len();
    let file = RegionalFile::new(crate::store::now(), entries);
    let json = match file.to_json() {
        Ok(j) => j,
        Err(e) => return fail(lang, &Error::Io(e.into())),
    };
    match out {
        None => {
            println!("{json}");
        }
        Some(path) => {
            let mut bytes = json.into_bytes();
            bytes.push(b'\n');
            if let Err(e) = crate::files::write_atomic(path, &bytes, crate::files::SHARED_MODE) {
                return fail(lang, &Error::Io(e));
            }
            eprintln!("{}", lang.f("cli.regional_exported", &[("n", &n)]));
        }
    }
    ExitCode::SUCCESS
}

/// Why a file was refused, in the user's language.
pub fn describe_refusal(lang: Lang, r: &Refusal) -> String {
    match r {
        Refusal::TooLarge { limit } => lang.f(
            "err.regional_too_large",
            &[("mib", &(limit / (1024 * 1024)))],
        ),
        Refusal::NotJson { detail } => lang.f("err.regional_shape", &[("detail", &clean(detail))]),
        Refusal::WrongFormat => lang.t("err.regional_format").to_string(),
        Refusal::WrongVersion { found } => lang.f(
            "err.regional_version",
            &[("found", found), ("known", &regional::VERSION)],
        ),
        Refusal::TooMany { limit } => lang.f("err.regional_too_many", &[("n", limit)]),
        Refusal::Invalid { at, field, key } => lang.f(
            "err.regional_invalid",
            &[("at", at), ("field", field), ("reason", &lang.t(key))],
        ),
        Refusal::Duplicate { at } => lang.f("err.regional_duplicate", &[("at", at)]),
        Refusal::Personal { at, field } => {
            lang.f("err.regional_personal", &[("at", at), ("field", field)])
        }
    }
}

/// `intnet import regional FILE --from NAME`: replaces that source's layer, or
/// refuses the file with the reason and changes nothing.
pub fn import(ctx: &Ctx, path: &Path, from: &str) -> ExitCode {
    let lang = ctx.lang;
    if !ctx.actor.is_office() {
        return fail(lang, &Error::Forbidden);
    }
    let bytes = match read_bounded(path) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return refuse(
                lang,
                &Refusal::TooLarge {
                    limit: regional::MAX_FILE_BYTES,
                },
            );
        }
        Err(e) => return fail(lang, &Error::Io(e)),
    };
    let file = match regional::parse(&bytes) {
        Ok(f) => f,
        Err(r) => return refuse(lang, &r),
    };
    match ctx
        .store
        .replace_regional_layer(&ctx.actor, from, &file.exported_at, &file.organisations)
    {
        Ok(s) => {
            println!(
                "{}",
                lang.f(
                    "cli.regional_imported",
                    &[
                        ("n", &s.organisations),
                        ("source", &clean(from)),
                        ("replaced", &s.replaced)
                    ]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

fn refuse(lang: Lang, r: &Refusal) -> ExitCode {
    eprintln!(
        "intnet: {}",
        clean(&lang.f(
            "err.regional_refused",
            &[("reason", &describe_refusal(lang, r))]
        ))
    );
    ExitCode::from(exit::BAD_INPUT)
}

/// The file's bytes, or `None` when it is larger than the limit (read no further).
fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(regional::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= regional::MAX_FILE_BYTES).then_some(bytes))
}

fn print_regional(lang: Lang, rows: &[RegionalOrg]) {
    for r in rows {
        eprintln!(
            "  R{:<5} {} ({}, {}) — {}",
            r.id,
            clean(&r.name),
            clean(&r.city),
            lang.country(&r.country),
            known_line(lang, r)
        );
    }
}

/// After our own near-duplicates: the regional entries like the new organisation.
pub fn print_regional_similar(ctx: &Ctx, data: &OrgData) {
    match ctx.store.similar_regional(data) {
        Ok(rows) if !rows.is_empty() => {
            eprintln!("{}", ctx.lang.t("cli.regional_similar"));
            print_regional(ctx.lang, &rows);
        }
        Ok(_) => {}
        Err(e) => {
            let _ = fail(ctx.lang, &e);
        }
    }
}

/// The regional hits of `find`, after our own, under a heading (stdout: they are data).
pub fn print_regional_hits(ctx: &Ctx, rows: &[RegionalOrg]) {
    if rows.is_empty() {
        return;
    }
    println!("{}", ctx.lang.t("cli.regional_hits"));
    for r in rows {
        println!(
            "R{:<5} {:<50} {:<28} {}",
            r.id,
            crate::text::truncate(&clean(&r.name), 50),
            crate::text::truncate(&ctx.lang.place(&r.city, &r.country), 28),
            known_line(ctx.lang, r)
        );
    }
}

/// `intnet org adopt-regional ID`: the entry becomes ours, noted with its source.
pub fn adopt(ctx: &Ctx, id: i64, force: bool) -> ExitCode {
    let lang = ctx.lang;
    let note = match ctx.store.regional_org(id) {
        Ok(r) => adopted_note(lang, &r),
        Err(e) => return fail(lang, &e),
    };
    match ctx.store.adopt_regional(&ctx.actor, id, note, force) {
        Ok(new) => {
            println!("{}", lang.f("cli.org_added", &[("id", &new)]));
            ExitCode::SUCCESS
        }
        Err(Error::Duplicate(similar)) => {
            eprintln!("intnet: {}", lang.t("cli.duplicate"));
            super::similar::print_similar(lang, &similar);
            ExitCode::from(exit::BAD_INPUT)
        }
        Err(e) => fail(lang, &e),
    }
}
