//! `intnet privacy unverified`, `privacy settings --verify-after` and the "to review"
//! part of `retention apply --dry-run`: persons not verified for the office's period
//! (issue 15). The rule lives in `store/verified.rs`; this is the shell.

use super::{Ctx, fail, print_json};
use crate::model::Unverified;
use crate::store::Error;
use crate::text::sanitize_line as clean;
use std::process::ExitCode;

fn print(list: &[Unverified]) {
    for p in list {
        println!(
            "{:>6}  {}  {}  {}  {}",
            p.person_id,
            p.verified_on,
            clean(&p.name),
            clean(&p.org),
            clean(p.added_by.as_deref().unwrap_or(""))
        );
    }
}

/// `privacy unverified`: the persons flagged, longest unverified first.
pub fn unverified(ctx: &Ctx, json: bool) -> ExitCode {
    match ctx.store.unverified(&ctx.actor) {
        Ok(list) if json => print_json(&list),
        Ok(list) => {
            print(&list);
            ExitCode::SUCCESS
        }
        Err(e) => fail(ctx.lang, &e),
    }
}

/// Sets the period when given; true when it was set.
pub fn verify_after(ctx: &Ctx, months: Option<i64>) -> Result<bool, Error> {
    let Some(months) = months else {
        return Ok(false);
    };
    ctx.store.set_verify_after(&ctx.actor, months)?;
    Ok(true)
}

/// The period, after the other settings.
pub fn show_verify_after(ctx: &Ctx) -> Result<(), Error> {
    let lang = ctx.lang;
    println!("{}:", lang.t("setting.privacy_verify_after"));
    println!(
        "  {}",
        lang.f(
            "cli.verify_after_months",
            &[("n", &ctx.store.verify_after()?)]
        )
    );
    Ok(())
}

/// After `retention apply --dry-run`: the persons to review (not verified for the
/// period). They are not removed by retention; the office checks them.
pub fn to_review(ctx: &Ctx) -> ExitCode {
    let lang = ctx.lang;
    let result = ctx
        .store
        .unverified(&ctx.actor)
        .and_then(|list| Ok((list, ctx.store.verify_after()?)));
    match result {
        Ok((list, months)) => {
            if !list.is_empty() {
                println!();
                println!(
                    "{}",
                    lang.f("cli.to_review", &[("n", &list.len()), ("months", &months)])
                );
                print(&list);
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, &e),
    }
}
