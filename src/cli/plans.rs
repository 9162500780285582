//! `intnet plan …`, `intnet deadlines` and `intnet export ics`.

use super::{Ctx, PlanCmd, bad_input, fail, print_json};
use crate::model::{ItemStatus, PlanData, PlanItemData};
use crate::text::sanitize_line as clean;
use std::process::ExitCode;

use crate::store::this_year;

pub fn plan(ctx: &Ctx, cmd: PlanCmd) -> ExitCode {
    let lang = ctx.lang;
    let today = crate::store::today();
    match cmd {
        PlanCmd::List { year, json } => match super::year_filter(lang, year)
            .map(|y| ctx.store.plans(y.unwrap_or_else(this_year)))
        {
            Err(code) => code,
            Ok(Ok(plans)) if json => print_json(&plans),
            Ok(Ok(plans)) => {
                for p in plans {
                    let unit = p
                        .unit_code
                        .clone()
                        .unwrap_or_else(|| lang.t("plan.municipality").to_string());
                    println!(
                        "{:<5} {} {:<12} {:<50} {}/{}",
                        p.id,
                        p.data.year,
                        clean(&unit),
                        crate::text::truncate(&clean(&p.data.title), 50),
                        p.done,
                        p.total
                    );
                }
                ExitCode::SUCCESS
            }
            Ok(Err(e)) => fail(lang, &e),
        },
        PlanCmd::Show { id, json } => match ctx.store.plan_items(id) {
            Ok(items) if json => print_json(&items),
            Ok(items) => {
                for i in items {
                    let mark = match i.data.status {
                        ItemStatus::Done => "[x]",
                        ItemStatus::InProgress => "[~]",
                        ItemStatus::Cancelled => "[-]",
                        ItemStatus::NotStarted => "[ ]",
                    };
                    let due = i.data.due.clone().unwrap_or_default();
                    let late = i.data.status.is_open() && !due.is_empty() && due < today;
                    println!(
                        "{:<5} {mark} {:<10} {:<50} {}{}",
                        i.id,
                        due,
                        crate::text::truncate(&clean(&i.data.text), 50),
                        clean(i.owner.as_deref().unwrap_or("-")),
                        if late {
                            format!("  ({})", lang.t("plan.overdue"))
                        } else {
                            String::new()
                        }
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, &e),
        },
        PlanCmd::Add {
            title,
            year,
            unit,
            goals,
        } => {
            let unit_id = match unit.map(|u| ctx.store.unit_by_code(&u)).transpose() {
                Ok(u) => u.map(|u| u.id),
                Err(e) => return fail(lang, &e),
            };
            let data = PlanData {
                year: year.unwrap_or_else(this_year),
                unit_id,
                title,
                goals: goals.unwrap_or_default(),
                priority_areas: vec![],
            };
            match ctx.store.create_plan(&ctx.actor, data) {
                Ok(id) => {
                    println!("{}", lang.f("cli.plan_added", &[("id", &id)]));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
        PlanCmd::Item {
            plan,
            text,
            owner,
            due,
            project,
        } => {
            let project_id = match project.as_deref().map(|p| ctx.store.project_by_ref(p)) {
                None => None,
                Some(Ok(id)) => Some(id),
                Some(Err(e)) => return fail(lang, &e),
            };
            let owner_id = match owner {
                None => None,
                Some(acc) => match ctx.store.members() {
                    Ok(ms) => match ms
                        .into_iter()
                        .find(|m| m.active && m.account.eq_ignore_ascii_case(&acc))
                    {
                        Some(m) => Some(m.id),
                        None => {
                            return bad_input(
                                lang,
                                "err.unknown_account",
                                &[("account", &clean(&acc))],
                            );
                        }
                    },
                    Err(e) => return fail(lang, &e),
                },
            };
            let data = PlanItemData {
                plan_id: plan,
                text,
                owner_id,
                due,
                project_id,
                ..Default::default()
            };
            match ctx.store.add_plan_item(&ctx.actor, data) {
                Ok((id, warnings)) => {
                    for w in warnings {
                        eprintln!(
                            "intnet: {}: {}",
                            lang.t(&format!("field.{}", w.field)),
                            lang.t(w.key)
                        );
                    }
                    println!("{}", lang.f("cli.item_added", &[("id", &id)]));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
        PlanCmd::ItemDone { item, undone } => {
            let status = if undone {
                ItemStatus::NotStarted
            } else {
                ItemStatus::Done
            };
            match ctx.store.set_item_status(&ctx.actor, item, status) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, &e),
            }
        }
        PlanCmd::Copy { plan } => match ctx.store.copy_plan_to_next_year(&ctx.actor, plan) {
            Ok(id) => {
                println!("{}", lang.f("cli.plan_copied", &[("id", &id)]));
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, &e),
        },
    }
}

pub fn deadlines(ctx: &Ctx, within: Option<String>, mine: bool, json: bool) -> ExitCode {
    let lang = ctx.lang;
    let within = match within.as_deref().map(crate::model::parse_within) {
        Some(None) => {
            return bad_input(
                lang,
                "err.within",
                &[
                    ("value", &clean(&within.unwrap_or_default())),
                    ("max", &crate::model::MAX_WITHIN_DAYS),
                ],
            );
        }
        Some(days) => days,
        None => None,
    };
    let list = match ctx.store.deadlines(&ctx.actor, within, mine) {
        Ok(l) => l,
        Err(e) => return fail(lang, &e),
    };
    if json {
        return print_json(&list);
    }
    for d in &list {
        let kind = lang.t(d.kind.key());
        let late = if d.overdue {
            lang.t("deadline.overdue")
        } else {
            ""
        };
        println!(
            "{} {:<9} {:<14} {:<50} {}",
            d.date,
            late,
            kind,
            crate::text::truncate(&clean(&d.title), 50),
            clean(
                &[d.context.as_str(), d.owner.as_deref().unwrap_or("")]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · ")
            )
        );
    }
    ExitCode::SUCCESS
}

pub fn export_ics(ctx: &Ctx, mine: bool) -> ExitCode {
    match ctx.store.deadlines(&ctx.actor, None, mine) {
        Ok(list) => {
            print!(
                "{}",
                crate::interchange::deadlines_ics(&list, ctx.lang.t("ics.name"))
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(ctx.lang, &e),
    }
}
