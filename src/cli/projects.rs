//! `intnet project …` and `intnet membership …`.

use super::{Ctx, MembershipCmd, ProjectCmd, bad_input, fail, print_json, word};
use crate::model::{
    Evaluation, MembershipData, Programme, ProjectData, ProjectPartner, ProjectRole, ProjectStatus,
    Recommendation, format_amount, format_rate, parse_amount, parse_rate,
};
use crate::store::Error;
use crate::text::sanitize_line as clean;
use std::process::ExitCode;

fn amount(v: Option<String>, field: &'static str) -> Result<Option<i64>, Error> {
    match v {
        None => Ok(None),
        Some(s) => parse_amount(&s).map_err(|k| Error::field(field, k)),
    }
}

fn member_id(ctx: &Ctx, account: Option<String>) -> Result<Option<i64>, Error> {
    let Some(account) = account else {
        return Ok(None);
    };
    ctx.store
        .members()?
        .into_iter()
        .find(|m| m.active && m.account.eq_ignore_ascii_case(&account))
        .map(|m| Some(m.id))
        .ok_or(Error::Rule("err.unknown_member"))
}

pub fn project(ctx: &Ctx, cmd: ProjectCmd) -> ExitCode {
    let lang = ctx.lang;
    let result: Result<ExitCode, Error> = (|| match cmd {
        ProjectCmd::List { json } => {
            let projects = ctx.store.projects()?;
            if json {
                return Ok(print_json(&projects));
            }
            for p in projects {
                let d = &p.data;
                println!(
                    "{:<5} {:<10} {:<44} {:<22} {:<18} {} – {}",
                    p.id,
                    crate::text::truncate(&clean(&d.acronym), 10),
                    crate::text::truncate(&clean(&d.name), 44),
                    lang.t(d.programme.key()),
                    lang.t(d.status.key()),
                    d.start.as_deref().unwrap_or(""),
                    d.end.as_deref().unwrap_or("")
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::Show { id, json } => {
            let p = ctx.store.project(id)?;
            let milestones = ctx.store.milestones(id)?;
            if json {
                return Ok(print_json(
                    &serde_json::json!({ "project": p, "milestones": milestones }),
                ));
            }
            let d = &p.data;
            if d.acronym.is_empty() {
                println!("{}", clean(&d.name));
            } else {
                println!("{} ({})", clean(&d.name), clean(&d.acronym));
            }
            println!(
                "  {} · {} · {}",
                lang.t(d.programme.key()),
                lang.t(d.role.key()),
                lang.t(d.status.key())
            );
            if let Some(period) = d.period() {
                println!("  {}: {period}", lang.t("field.period"));
            }
            for (key, v) in d.budget_lines() {
                println!(
                    "  {}: {} {}",
                    lang.t(key),
                    lang.num(format_amount(v)),
                    clean(&d.currency)
                );
            }
            if let Some(r) = d.rate_e4 {
                println!(
                    "  {}: {} SEK/{}",
                    lang.t("field.rate"),
                    lang.num(format_rate(r)),
                    clean(&d.currency)
                );
            }
            for (name, role) in &p.partner_names {
                println!("  • {} ({})", clean(name), lang.t(role.key()));
            }
            for m in milestones {
                println!(
                    "  {} {} {}",
                    if m.done { "[x]" } else { "[ ]" },
                    m.due.as_deref().unwrap_or("—"),
                    clean(&m.title)
                );
            }
            for line in crate::text::sanitize_block(&d.notes).lines() {
                println!("  {line}");
            }
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::Add {
            name,
            acronym,
            programme,
            role,
            unit,
            status,
            start,
            end,
            budget,
            eu_grant,
            own,
            currency,
            rate,
            call,
            notes,
        } => {
            let rate_e4 = match rate.as_deref().map(parse_rate) {
                None => None,
                Some(Ok(r)) => r,
                Some(Err(k)) => return Err(Error::field("rate", k)),
            };
            let lead_unit = match unit {
                Some(code) => Some(ctx.store.unit_by_code(&code)?.id),
                None => ctx.actor.unit_id,
            };
            let data = ProjectData {
                name,
                acronym: acronym.unwrap_or_default(),
                programme: word(programme, Programme::parse, Programme::words, "programme")?
                    .unwrap_or_default(),
                call_id: call.unwrap_or_default(),
                role: word(role, ProjectRole::parse, ProjectRole::words, "role")?
                    .unwrap_or_default(),
                lead_unit,
                contact: Some(ctx.actor.member_id),
                budget_total: amount(budget, "budget_total")?,
                eu_grant: amount(eu_grant, "eu_grant")?,
                own_contribution: amount(own, "own_contribution")?,
                currency: currency.unwrap_or_else(|| "EUR".into()),
                rate_e4,
                start,
                end,
                status: word(status, ProjectStatus::parse, ProjectStatus::words, "status")?
                    .unwrap_or_default(),
                notes: notes.unwrap_or_default(),
                ..ProjectData::default()
            };
            let id = ctx.store.create_project(&ctx.actor, data)?;
            println!("{}", lang.f("cli.project_added", &[("id", &id)]));
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::Status { id, status } => {
            let Some(status) = ProjectStatus::parse(&status) else {
                return Ok(bad_input(lang, "err.project_status", &[("value", &status)]));
            };
            let p = ctx.store.project(id)?;
            ctx.store.update_project(
                &ctx.actor,
                id,
                p.meta.version,
                ProjectData { status, ..p.data },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::Partner { id, org, role } => {
            let org_id = super::partners::resolve_org(ctx, &org)?;
            let role = word(Some(role), ProjectRole::parse, ProjectRole::words, "role")?
                .unwrap_or_default();
            let p = ctx.store.project(id)?;
            let mut data = p.data;
            data.partners.retain(|x| x.org_id != org_id);
            data.partners.push(ProjectPartner { org_id, role });
            ctx.store
                .update_project(&ctx.actor, id, p.meta.version, data)?;
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::Milestone { id, title, due } => {
            let m = ctx
                .store
                .add_milestone(&ctx.actor, id, &title, due.as_deref())?;
            println!("{}", lang.f("cli.milestone_added", &[("id", &m)]));
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::MilestoneDone { milestone, undone } => {
            ctx.store
                .set_milestone_done(&ctx.actor, milestone, !undone)?;
            Ok(ExitCode::SUCCESS)
        }
        ProjectCmd::FromNews { news, plan_item } => {
            let id = if plan_item {
                ctx.store.plan_item_from_news(&ctx.actor, news)?
            } else {
                ctx.store.project_idea_from_news(&ctx.actor, news)?
            };
            println!(
                "{}",
                lang.f(
                    if plan_item {
                        "cli.item_added"
                    } else {
                        "cli.project_added"
                    },
                    &[("id", &id)]
                )
            );
            Ok(ExitCode::SUCCESS)
        }
    })();
    result.unwrap_or_else(|e| fail(lang, &e))
}

pub fn membership(ctx: &Ctx, cmd: MembershipCmd) -> ExitCode {
    let lang = ctx.lang;
    let result: Result<ExitCode, Error> = (|| match cmd {
        MembershipCmd::List { json } => {
            let list = ctx.store.memberships()?;
            if json {
                return Ok(print_json(&list));
            }
            let today = crate::store::today();
            for m in list {
                let next = m.data.next_evaluation.clone().unwrap_or_default();
                let late = !next.is_empty() && next < today;
                let last = crate::i18n::describe_evaluation(lang, m.last.as_ref());
                println!(
                    "{:<5} {:<40} {:<8} {:<28} {}{}",
                    m.id,
                    crate::text::truncate(&clean(&m.network), 40),
                    clean(m.unit_code.as_deref().unwrap_or("-")),
                    last,
                    next,
                    if late {
                        format!(" ({})", lang.t("plan.overdue"))
                    } else {
                        String::new()
                    }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        MembershipCmd::Add {
            org,
            since,
            fee,
            currency,
            unit,
            member,
            next,
        } => {
            let org_id = super::partners::resolve_org(ctx, &org)?;
            let unit_id = match unit {
                Some(code) => Some(ctx.store.unit_by_code(&code)?.id),
                None => None,
            };
            let data = MembershipData {
                org_id,
                since,
                fee: amount(fee, "fee")?,
                currency: currency.unwrap_or_else(|| "EUR".into()),
                unit_id,
                member_id: member_id(ctx, member)?,
                next_evaluation: next,
                notes: String::new(),
            };
            let id = ctx.store.create_membership(&ctx.actor, data)?;
            println!("{}", lang.f("cli.membership_added", &[("id", &id)]));
            Ok(ExitCode::SUCCESS)
        }
        MembershipCmd::Evaluate {
            id,
            benefit,
            recommendation,
            assessment,
            date,
            next,
        } => {
            let Some(recommendation) = Recommendation::parse(&recommendation) else {
                return Ok(bad_input(
                    lang,
                    "err.recommendation",
                    &[("value", &recommendation)],
                ));
            };
            let evaluation = Evaluation {
                date: date.unwrap_or_default(),
                assessment: assessment.unwrap_or_default(),
                benefit,
                recommendation,
            };
            ctx.store
                .evaluate_membership(&ctx.actor, id, evaluation, next.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
    })();
    result.unwrap_or_else(|e| fail(lang, &e))
}
