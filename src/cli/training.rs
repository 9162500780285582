//! `intnet training …` and `intnet export training`.

use super::{Ctx, ExportCmd, TrainingCmd, bad_input, fail, word};
use crate::model::{
    Funding, GrowthArea, PriorityArea, TrainingData, TrainingKind, format_hours, parse_cost,
    parse_hours,
};
use crate::store::{Error, Scope, SummaryBy, TrainingFilter};
use crate::text::sanitize_line as clean;
use std::process::ExitCode;

use crate::store::this_year;

pub fn training(ctx: &Ctx, cmd: TrainingCmd) -> ExitCode {
    let lang = ctx.lang;
    match cmd {
        TrainingCmd::Log {
            title,
            hours,
            date,
            to,
            kind,
            with,
            area,
            growth,
            funding,
            cost,
            organiser,
            city,
            country,
            partner,
            notes,
            shared,
        } => {
            // Everyone named must be an active member; the group is all or nothing.
            let members = match ctx.store.members() {
                Ok(m) => m,
                Err(e) => return fail(lang, &e),
            };
            let mut participants = vec![ctx.actor.member_id];
            for account in with.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
                match members
                    .iter()
                    .find(|m| m.active && m.account.eq_ignore_ascii_case(account))
                {
                    Some(m) => participants.push(m.id),
                    None => {
                        return bad_input(
                            lang,
                            "err.unknown_account",
                            &[("account", &clean(account))],
                        );
                    }
                }
            }
            let result = (|| -> Result<i64, Error> {
                let minutes = parse_hours(&hours).map_err(|k| Error::field("hours", k))?;
                let kind = match kind {
                    Some(k) => word(Some(k), TrainingKind::parse, TrainingKind::words, "kind")?
                        .unwrap_or_default(),
                    None => ctx
                        .store
                        .last_training_kind(&ctx.actor)?
                        .unwrap_or_default(),
                };
                let partner_id = match partner {
                    Some(p) => Some(super::partners::resolve_org(ctx, &p)?),
                    None => None,
                };
                let cost_sek = match cost {
                    Some(c) => parse_cost(&c).map_err(|k| Error::field("cost", k))?,
                    None => None,
                };
                let data = TrainingData {
                    title,
                    kind,
                    date_from: date.unwrap_or_else(crate::store::today),
                    date_to: to,
                    organiser: organiser.unwrap_or_default(),
                    city: city.unwrap_or_default(),
                    country: country.unwrap_or_default(),
                    minutes,
                    participants,
                    priority_area: word(area, PriorityArea::parse, PriorityArea::words, "area")?,
                    growth_area: word(growth, GrowthArea::parse, GrowthArea::words, "growth")?,
                    funding: word(funding, Funding::parse, Funding::words, "funding")?
                        .unwrap_or_default(),
                    cost_sek,
                    partner_id,
                    notes: notes.unwrap_or_default(),
                    shared: shared.unwrap_or_default(),
                };
                ctx.store.log_training(&ctx.actor, data)
            })();
            match result {
                Ok(id) => {
                    println!("{}", lang.f("cli.training_logged", &[("id", &id)]));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
        TrainingCmd::List {
            year,
            all,
            unit,
            kind,
            json,
            limit,
        } => {
            let year = match super::year_filter(lang, year) {
                Ok(y) => y,
                Err(code) => return code,
            };
            let scope = match (all, unit) {
                (true, _) => Scope::Network,
                (false, Some(code)) => match ctx.store.unit_by_code(&code) {
                    Ok(u) => Scope::Unit(u.id),
                    Err(e) => return fail(lang, &e),
                },
                _ => Scope::Mine,
            };
            let kind = match word(kind, TrainingKind::parse, TrainingKind::words, "kind") {
                Ok(k) => k,
                Err(e) => return fail(lang, &e),
            };
            let f = TrainingFilter {
                scope,
                year: Some(year.unwrap_or_else(this_year)),
                kind,
                ..Default::default()
            };
            let rows = match ctx.store.list_trainings(&ctx.actor, &f, 0, limit) {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            if json {
                return super::print_json(&rows);
            }
            for r in &rows {
                println!(
                    "{:<6} {} {:<50} {:<18} {:>6} h × {}",
                    r.id,
                    r.date_from,
                    crate::text::truncate(&clean(&r.title), 50),
                    lang.t(r.kind.key()),
                    lang.num(format_hours(r.minutes)),
                    r.participants
                );
            }
            match ctx.store.training_totals(&ctx.actor, &f) {
                Ok((activities, minutes, people)) => {
                    println!(
                        "{}",
                        lang.f(
                            "training.totals",
                            &[
                                ("a", &activities),
                                ("h", &lang.num(format_hours(minutes))),
                                ("p", &people)
                            ]
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
        TrainingCmd::Summary { year, by, format } => {
            let year = match super::year_filter(lang, year) {
                Ok(y) => y,
                Err(code) => return code,
            };
            let Some(by) = SummaryBy::parse(&by) else {
                return bad_input(lang, "err.summary_by", &[("value", &by)]);
            };
            let rows = match ctx
                .store
                .training_summary(year.unwrap_or_else(this_year), by)
            {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            match format.as_str() {
                "json" => return super::print_json(&crate::interchange::summary_json(&rows)),
                "csv" => {
                    if let Err(e) = crate::interchange::summary_csv(std::io::stdout().lock(), &rows)
                    {
                        return fail(lang, &Error::Io(std::io::Error::other(e.to_string())));
                    }
                }
                "table" => {
                    println!(
                        "{:<24} {:>10} {:>12} {:>10}",
                        lang.t("col.key"),
                        lang.t("col.hours"),
                        lang.t("col.participants"),
                        lang.t("col.activities")
                    );
                    for r in &rows {
                        println!(
                            "{:<24} {:>10} {:>12} {:>10}",
                            clean(&r.key),
                            lang.num(format_hours(r.minutes)),
                            r.participants,
                            r.activities
                        );
                    }
                }
                other => return bad_input(lang, "err.format_table", &[("value", &other)]),
            }
            ExitCode::SUCCESS
        }
    }
}

pub fn export(ctx: &Ctx, cmd: ExportCmd) -> ExitCode {
    let lang = ctx.lang;
    match cmd {
        ExportCmd::Training { format, excel } => {
            if format != "csv" {
                return bad_input(lang, "err.format_csv", &[("value", &format)]);
            }
            let rows = match ctx.store.export_trainings() {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            match crate::interchange::training_csv(std::io::stdout().lock(), &rows, excel) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, &Error::Io(std::io::Error::other(e.to_string()))),
            }
        }
        _ => ExitCode::from(super::exit::FAILED),
    }
}
