//! `init`, `demo`, `seed`, `doctor`, `member` and `unit`.

use super::{Ctx, MemberCmd, UnitCmd, bad_input, exit, fail};
use crate::i18n::Lang;
use crate::model::{Actor, Role};
use crate::store::{Store, doctor as checks};
use crate::text::sanitize_line as clean;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `intnet init`: creates the database and registers the caller as office admin.
pub fn init(db: &Path, account: &str, name: Option<String>, lang: Lang) -> ExitCode {
    let name = name
        .or_else(crate::identity::os_full_name)
        .unwrap_or_else(|| account.to_string());
    let result = Store::open(db).and_then(|s| s.init(account, &name));
    match result {
        Ok(_) => {
            println!(
                "{}",
                lang.f(
                    "cli.initialised",
                    &[("path", &db.display()), ("account", &account)]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

/// The default demo database: `demo.db` in the per-user data dir.
fn default_demo_db() -> PathBuf {
    crate::config::default_db().with_file_name("demo.db")
}

/// `intnet demo`: a fresh demo database with the caller as office admin. A named file
/// that already holds data is never overwritten.
pub fn demo(db: Option<&Path>, account: &str, lang: Lang) -> Result<(Store, Actor), ExitCode> {
    let path = db.map(Path::to_path_buf).unwrap_or_else(default_demo_db);
    if path.exists() {
        if db.is_some() {
            eprintln!(
                "intnet: {}",
                lang.f(
                    "cli.demo_exists",
                    &[("path", &clean(&path.to_string_lossy()))]
                )
            );
            return Err(ExitCode::from(exit::BAD_INPUT));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
    let name = crate::identity::os_full_name().unwrap_or_else(|| account.to_string());
    let result = Store::open(&path).and_then(|store| {
        let me = store.init(account, &name)?;
        store.seed_demo(&me)?;
        let me = store.actor(account)?;
        Ok((store, me))
    });
    result.map_err(|e| fail(lang, &e)).inspect(|_| {
        eprintln!(
            "{}",
            lang.f(
                "cli.demo_ready",
                &[("path", &clean(&path.to_string_lossy()))]
            )
        );
    })
}

/// `intnet seed`: the benchmark scale set, for the office only and only into a
/// registry without organisations; one audit row says who seeded how much.
pub fn seed(db: &Path, account: &str, scale: usize, lang: Lang) -> ExitCode {
    // Refused before anything is opened.
    if scale > Store::MAX_SCALE {
        return fail(lang, &crate::store::Error::Rule("err.seed_scale"));
    }
    let ctx = match super::connect(db, account, lang) {
        Ok(ctx) => ctx,
        Err(code) => return code,
    };
    if !ctx.actor.is_office() {
        return bad_input_code(lang, "cli.seed_office", exit::NOT_ALLOWED);
    }
    let empty = ctx
        .store
        .count_orgs(&crate::store::OrgFilter {
            text: String::new(),
            order: lang.sort_order(),
        })
        .map(|n| n == 0);
    match empty {
        Ok(true) => {}
        Ok(false) => return bad_input(lang, "cli.seed_not_empty", &[("path", &db.display())]),
        Err(e) => return fail(lang, &e),
    }
    match ctx.store.seed_scale(&ctx.actor, scale) {
        Ok(()) => {
            println!(
                "{}",
                lang.f("cli.seeded", &[("n", &scale), ("path", &db.display())])
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

fn bad_input_code(lang: Lang, key: &str, code: u8) -> ExitCode {
    eprintln!("intnet: {}", lang.t(key));
    ExitCode::from(code)
}

/// `intnet backup PATH`: a consistent copy of the database, written as every file
/// intnet makes (temporary name, no link followed, the database's mode and group).
pub fn backup(db: &Path, out: &Path, lang: Lang) -> ExitCode {
    let result = Store::connect(db).and_then(|s| s.backup_to(out));
    match result {
        Ok(()) => {
            println!(
                "{}",
                lang.f(
                    "cli.backup_done",
                    &[("path", &clean(&out.to_string_lossy()))]
                )
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}

/// `intnet doctor`: prints each check; exit 1 when any fails.
pub fn doctor(db: &Path, lang: Lang) -> ExitCode {
    let report = checks::run(db, crate::files::session_umask());
    let mut all_ok = true;
    for c in &report.checks {
        let mark = if c.ok {
            lang.t("doctor.ok")
        } else {
            lang.t("doctor.bad")
        };
        println!("{mark:<5} {:<26} {}", lang.t(c.what), clean(&c.value));
        if let Some(advice) = c.advice {
            println!("      → {}", lang.t(advice));
        }
        all_ok &= c.ok;
    }
    match report.error {
        Some(e) => fail(lang, &e),
        None if all_ok => ExitCode::SUCCESS,
        None => ExitCode::from(exit::FAILED),
    }
}

pub fn member(ctx: &Ctx, cmd: MemberCmd) -> ExitCode {
    let lang = ctx.lang;
    let parse_role = |r: &str| Role::parse(r);
    let result = match cmd {
        MemberCmd::Add {
            account,
            name,
            unit,
            role,
        } => {
            let Some(role) = parse_role(&role) else {
                return bad_input(lang, "err.role", &[("value", &role)]);
            };
            ctx.store
                .add_member(
                    &ctx.actor,
                    &account,
                    name.as_deref().unwrap_or(""),
                    unit.as_deref(),
                    role,
                )
                .map(|_| println!("{}", lang.f("cli.member_added", &[("account", &account)])))
        }
        MemberCmd::List => ctx.store.members().map(|members| {
            for m in members {
                let state = if m.active { "" } else { lang.t("cli.inactive") };
                println!(
                    "{:<12} {:<28} {:<8} {:<8} {}",
                    clean(&m.account),
                    clean(&m.full_name),
                    clean(m.unit_code.as_deref().unwrap_or("-")),
                    lang.t(m.role.key()),
                    state
                );
            }
        }),
        MemberCmd::SetRole { account, role } => {
            let Some(role) = parse_role(&role) else {
                return bad_input(lang, "err.role", &[("value", &role)]);
            };
            ctx.store.set_role(&ctx.actor, &account, role).map(|_| {
                println!(
                    "{}",
                    lang.f(
                        "cli.role_set",
                        &[("account", &account), ("role", &lang.t(role.key()))]
                    )
                )
            })
        }
        MemberCmd::Deactivate { account } => ctx
            .store
            .deactivate(&ctx.actor, &account)
            .map(|_| println!("{}", lang.f("cli.deactivated", &[("account", &account)]))),
    };
    result
        .map(|_| ExitCode::SUCCESS)
        .unwrap_or_else(|e| fail(lang, &e))
}

pub fn unit(ctx: &Ctx, cmd: UnitCmd) -> ExitCode {
    let lang = ctx.lang;
    let result = match cmd {
        UnitCmd::Add {
            code,
            name,
            company,
        } => ctx
            .store
            .add_unit(&ctx.actor, &code, &name, company)
            .map(|_| println!("{}", lang.f("cli.unit_added", &[("code", &code)]))),
        UnitCmd::List => ctx.store.units().map(|units| {
            for u in units {
                let kind = if u.is_company {
                    lang.t("cli.company")
                } else {
                    lang.t("cli.administration")
                };
                println!("{:<8} {:<50} {}", clean(&u.code), clean(&u.name), kind);
            }
        }),
    };
    result
        .map(|_| ExitCode::SUCCESS)
        .unwrap_or_else(|e| fail(lang, &e))
}
