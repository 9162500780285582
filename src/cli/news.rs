//! `intnet news …` and `intnet status`.

use super::{Ctx, NewsCmd, bad_input, fail};
use crate::i18n::Lang;
use crate::model::{GrowthArea, News, NewsCategory, NewsData, PriorityArea};
use crate::store::{Error, NewsFilter, Store};
use crate::text::{sanitize_block, sanitize_line as clean};
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

fn read_body(file: Option<&str>) -> Result<String, std::io::Error> {
    match file {
        None => Ok(String::new()),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s)?;
            Ok(s)
        }
        Some(path) => std::fs::read_to_string(path),
    }
}

/// One news item as text or Markdown. Everything from the database is sanitised, the
/// dates too: the digest goes to a terminal or a mail as it is.
fn print_item(lang: Lang, n: &News, markdown: bool) {
    let today = crate::store::today();
    let category = lang.t(n.data.category.key());
    let published = n
        .published_at
        .as_deref()
        .map_or_else(|| "-".to_string(), |p| lang.datetime(p));
    if markdown {
        println!("## {}\n", clean(&n.data.title));
        print!("*{category}* · {} · {published}", clean(&n.author));
    } else {
        println!("{}", clean(&n.data.title));
        print!("  {category} · {} · {published}", clean(&n.author));
    }
    if let Some(d) = &n.data.deadline {
        let countdown = crate::i18n::countdown(lang, d, &today);
        print!(" · {} ({})", clean(&countdown), clean(d));
    }
    if let Some(d) = &n.data.event_date {
        print!(" · {}", lang.f("news.event_on", &[("date", &clean(d))]));
    }
    println!();
    let body = sanitize_block(&n.data.body);
    if !body.trim().is_empty() {
        println!();
        for line in body.lines() {
            if markdown {
                println!("{line}");
            } else {
                println!("  {line}");
            }
        }
    }
    if !n.partner_names.is_empty() {
        let names: Vec<String> = n
            .partner_names
            .iter()
            .map(|p| clean(p).into_owned())
            .collect();
        println!("  {}: {}", lang.t("field.partners"), names.join(", "));
    }
    for l in &n.data.links {
        if markdown {
            println!("- <{}>", clean(l));
        } else {
            println!("  → {}", clean(l));
        }
    }
    println!();
}

pub fn news(ctx: &Ctx, cmd: NewsCmd) -> ExitCode {
    let lang = ctx.lang;
    match cmd {
        NewsCmd::Post {
            title,
            category,
            deadline,
            event_date,
            body_file,
            pin,
            expires,
            link,
            partner,
            area,
            draft,
        } => {
            let mut partners = Vec::new();
            for p in &partner {
                match super::partners::resolve_org(ctx, p) {
                    Ok(id) => partners.push(id),
                    Err(e) => return fail(lang, &e),
                }
            }
            let Some(category) = NewsCategory::parse_any(&category) else {
                return bad_input(lang, "err.news_category", &[("value", &category)]);
            };
            let mut priority_areas = Vec::new();
            let mut growth_areas = Vec::new();
            for a in area {
                match (PriorityArea::parse(&a), GrowthArea::parse(&a)) {
                    (Some(p), _) => priority_areas.push(p),
                    (None, Some(g)) => growth_areas.push(g),
                    _ => {
                        return fail(lang, &Error::field("areas", "err.unknown_value"));
                    }
                }
            }
            let body = match read_body(body_file.as_deref()) {
                Ok(b) => b,
                Err(e) => return bad_input(lang, "err.io", &[("detail", &e)]),
            };
            let data = NewsData {
                title,
                body,
                category,
                priority_areas,
                growth_areas,
                deadline,
                event_date,
                links: link,
                partners,
                pinned: pin,
                expires,
                ..NewsData::default()
            };
            match ctx.store.post_news(&ctx.actor, data, !draft) {
                Ok((id, warnings)) => {
                    for w in warnings {
                        eprintln!(
                            "intnet: {}: {}",
                            lang.t(&format!("field.{}", w.field)),
                            lang.t(w.key)
                        );
                    }
                    println!(
                        "{}",
                        lang.f(
                            if draft {
                                "cli.news_drafted"
                            } else {
                                "cli.news_posted"
                            },
                            &[("id", &id)]
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
        NewsCmd::List {
            unread,
            category,
            json,
            limit,
        } => {
            let category = match category.as_deref().map(NewsCategory::parse_any) {
                Some(None) => {
                    return bad_input(
                        lang,
                        "err.news_category",
                        &[("value", &category.unwrap_or_default())],
                    );
                }
                Some(c) => c,
                None => None,
            };
            let f = NewsFilter {
                unread_only: unread,
                category,
                ..NewsFilter::default()
            };
            let rows = match ctx.store.list_news(&ctx.actor, &f, 0, limit) {
                Ok(r) => r,
                Err(e) => return fail(lang, &e),
            };
            if json {
                return super::print_json(&rows);
            }
            let today = crate::store::today();
            for r in rows {
                let mark = if r.published_at.is_none() {
                    lang.t("news.draft_mark")
                } else if r.read {
                    " "
                } else {
                    "●"
                };
                let due = r
                    .deadline
                    .as_deref()
                    .map(|d| crate::i18n::countdown(lang, d, &today))
                    .unwrap_or_default();
                println!(
                    "{:<6} {} {:<10} {:<60} {}",
                    r.id,
                    mark,
                    r.published_at
                        .as_deref()
                        .map(|p| lang.date_of(p))
                        .unwrap_or_default(),
                    crate::text::truncate(&clean(&r.title), 60),
                    due
                );
            }
            ExitCode::SUCCESS
        }
        NewsCmd::Show { id } => match ctx.store.news(&ctx.actor, id) {
            Ok(n) => {
                print_item(lang, &n, false);
                let _ = ctx.store.set_news_read(&ctx.actor, id, true);
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, &e),
        },
        NewsCmd::Read { ids, unread } => {
            for id in ids {
                if let Err(e) = ctx.store.set_news_read(&ctx.actor, id, !unread) {
                    return fail(lang, &e);
                }
            }
            ExitCode::SUCCESS
        }
        NewsCmd::Digest {
            unread,
            since,
            format,
        } => {
            let markdown = match format.as_str() {
                "text" => false,
                "markdown" | "md" => true,
                other => return bad_input(lang, "err.format", &[("value", &other)]),
            };
            if let Some(s) = &since
                && crate::model::parse_date(s).ok().flatten().is_none()
            {
                return fail(lang, &Error::field("since", "err.date"));
            }
            match ctx.store.news_digest(&ctx.actor, since.as_deref(), unread) {
                Ok(items) => {
                    if markdown {
                        println!(
                            "# {}\n",
                            lang.f("news.digest_title", &[("date", &crate::store::today())])
                        );
                    }
                    for n in &items {
                        print_item(lang, n, markdown);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
    }
}

/// `intnet status`: one line for a login script, or nothing. Never fails and never
/// waits more than about 200 ms for a busy database.
pub fn status(db: &std::path::Path, account: &str, lang: Lang) -> ExitCode {
    if !db.exists() {
        return ExitCode::SUCCESS;
    }
    let line = Store::open_existing(db, Duration::from_millis(200))
        .ok()
        .and_then(|store| {
            if store.newer_schema().is_some()
                || store.schema_version().ok()? < crate::store::LATEST_VERSION
            {
                return None;
            }
            let me = store.actor(account).ok()?;
            let (unread, closing) = store.news_status(&me).ok()?;
            let mut parts = Vec::new();
            if unread > 0 {
                parts.push(lang.f(
                    if unread == 1 {
                        "status.unread_one"
                    } else {
                        "status.unread"
                    },
                    &[("n", &unread)],
                ));
            }
            if closing > 0 {
                parts.push(lang.f(
                    if closing == 1 {
                        "status.closing_one"
                    } else {
                        "status.closing"
                    },
                    &[("n", &closing)],
                ));
            }
            // The unit's yearly account, from a month before its deadline and after it.
            let soon = crate::model::add_days(&crate::store::today(), 30)?;
            if let Some(due) = store
                .accounts_due(&me)
                .ok()?
                .into_iter()
                .find(|d| d.date <= soon)
            {
                parts.push(lang.f(
                    "status.account_due",
                    &[("year", &due.title), ("date", &due.date)],
                ));
            }
            // Persons not informed (Art. 14) a month after they were recorded: the
            // office's, and those the member added.
            let not_informed = store.not_informed(&me, None).ok()?.len();
            if not_informed > 0 {
                parts.push(lang.f("status.not_informed", &[("n", &not_informed)]));
            }
            // Persons not verified for the office's period (issue 15, retention).
            let unverified = store.unverified(&me).ok()?.len();
            if unverified > 0 {
                parts.push(lang.f("status.unverified", &[("n", &unverified)]));
            }
            (!parts.is_empty()).then(|| format!("intnet: {}", parts.join(", ")))
        });
    if let Some(line) = line {
        println!("{line}");
    }
    ExitCode::SUCCESS
}
