//! The partner registry from the shell: `find`, `org`, `person`, `interaction`, `undo`,
//! `redo`.

use super::{Ctx, InteractionCmd, OrgCmd, OrgFields, PersonCmd, bad_input, fail};
use crate::i18n::Lang;
use crate::model::{
    FieldError, GrowthArea, HitKind, InteractionData, InteractionKind, OrgData, OrgKind, OrgStatus,
    PersonData, PriorityArea, Sector,
};
use crate::store::{Error, OrgFilter};
use crate::text::sanitize_line as clean;
use std::process::ExitCode;

fn done(lang: Lang, r: Result<(), Error>) -> ExitCode {
    r.map(|_| ExitCode::SUCCESS)
        .unwrap_or_else(|e| fail(lang, &e))
}

/// An organisation named by id or by its exact name (diacritics and case ignored).
pub(super) fn resolve_org(ctx: &Ctx, s: &str) -> Result<i64, Error> {
    ctx.store.org_by_name_or_id(s)
}

pub fn find(ctx: &Ctx, query: &str, json: bool, limit: usize) -> ExitCode {
    let lang = ctx.lang;
    let found = match ctx.store.find_counted(query, limit) {
        Ok(f) => f,
        Err(e) => return fail(lang, &e),
    };
    let hits = found.hits;
    // Regional entries come after our own, clearly marked.
    let regional = match ctx
        .store
        .find_regional(query, limit.saturating_sub(hits.len()).max(5))
    {
        Ok(r) => r,
        Err(e) => return fail(lang, &e),
    };
    if json {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "kind": h.kind,
                    "id": h.id,
                    "org_id": h.org_id,
                    "name": h.name,
                    "organisation": h.context,
                    "city": h.city,
                    "country": h.country,
                    "owner": h.owner,
                    "last_contact": h.last_contact,
                    "rank": h.rank,
                })
            })
            .chain(regional.iter().map(|r| {
                serde_json::json!({
                    "kind": "regional",
                    "id": r.id,
                    "name": r.name,
                    "source": r.source,
                    "city": r.city,
                    "country": r.country,
                    "orgnr": r.orgnr,
                    "pic": r.pic,
                    "oid": r.oid,
                    "vat": r.vat,
                    "units": r.units,
                    "last_contact_year": r.last_contact_year,
                    "contact_role": r.contact_role,
                })
            }))
            .collect();
        return super::print_json(&rows);
    }
    if hits.is_empty() && regional.is_empty() {
        println!("{}", lang.t("cli.no_hits"));
    }
    for h in &hits {
        let kind = match h.kind {
            HitKind::Organisation => lang.t("hit.org"),
            HitKind::Person => lang.t("hit.person"),
            HitKind::Interaction => lang.t("hit.interaction"),
        };
        let name = match &h.context {
            Some(org) => format!(
                "{} ({})",
                clean(&crate::text::truncate(&h.name, 50)),
                clean(org)
            ),
            None => clean(&h.name).into_owned(),
        };
        println!(
            "{:<6} {:<8} {:<50} {:<28} {:<24} {}",
            h.org_id,
            kind,
            crate::text::truncate(&name, 50),
            crate::text::truncate(&lang.place(&h.city, &h.country), 28),
            crate::text::truncate(&clean(h.owner.as_deref().unwrap_or("-")), 24),
            h.last_contact.as_deref().unwrap_or("-"),
        );
    }
    // Said on stderr: the rows on stdout stay data for scripts.
    if found.more > 0 || (found.at_least && !hits.is_empty()) {
        let key = if found.at_least {
            "cli.more_hits_at_least"
        } else {
            "cli.more_hits"
        };
        eprintln!("{}", lang.f(key, &[("n", &found.more)]));
    }
    super::regional::print_regional_hits(ctx, &regional);
    ExitCode::SUCCESS
}

/// Applies the flags given to `data`; unknown words become field errors.
fn apply_fields(data: &mut OrgData, f: OrgFields, errors: &mut Vec<FieldError>) {
    fn word<T>(
        v: Option<String>,
        parse: fn(&str) -> Option<T>,
        choices: fn() -> Vec<&'static str>,
        field: &'static str,
        errors: &mut Vec<FieldError>,
    ) -> Option<T> {
        let v = v?;
        let parsed = parse(&v);
        if parsed.is_none() {
            errors.push(FieldError::unknown(field, choices()));
        }
        parsed
    }
    fn words<T>(
        v: Option<Vec<String>>,
        parse: fn(&str) -> Option<T>,
        choices: fn() -> Vec<&'static str>,
        field: &'static str,
        errors: &mut Vec<FieldError>,
    ) -> Option<Vec<T>> {
        v.map(|list| {
            list.iter()
                .filter_map(|w| word(Some(w.clone()), parse, choices, field, errors))
                .collect()
        })
    }
    if let Some(k) = word(f.kind, OrgKind::parse, OrgKind::words, "kind", errors) {
        data.kind = k;
    }
    if let Some(s) = word(
        f.status,
        OrgStatus::parse,
        OrgStatus::words,
        "status",
        errors,
    ) {
        data.status = s;
    }
    if let Some(s) = f.sector {
        data.sector = if s.is_empty() {
            None
        } else {
            word(Some(s), Sector::parse, Sector::words, "sector", errors)
        };
    }
    if let Some(p) = words(
        f.priority,
        PriorityArea::parse,
        PriorityArea::words,
        "priority_areas",
        errors,
    ) {
        data.priority_areas = p;
    }
    if let Some(g) = words(
        f.growth,
        GrowthArea::parse,
        GrowthArea::words,
        "growth_areas",
        errors,
    ) {
        data.growth_areas = g;
    }
    if let Some(c) = f.country {
        data.country = c;
    }
    if let Some(c) = f.city {
        data.city = c;
    }
    if let Some(w) = f.website {
        data.website = w;
    }
    if let Some(t) = f.twin_decided {
        data.twin_decided = Some(t);
    }
    if let Some(t) = f.tags {
        data.tags = t;
    }
    if let Some(n) = f.notes {
        data.notes = n;
    }
    for (value, target) in [
        (f.orgnr, &mut data.orgnr),
        (f.pic, &mut data.pic),
        (f.oid, &mut data.oid),
        (f.vat, &mut data.vat),
    ] {
        if let Some(v) = value {
            *target = v;
        }
    }
    if f.share {
        data.share = true;
    }
    if f.no_share {
        data.share = false;
    }
}

pub fn org(ctx: &Ctx, cmd: OrgCmd) -> ExitCode {
    let lang = ctx.lang;
    match cmd {
        OrgCmd::Add {
            name,
            fields,
            force,
        } => {
            let mut data = OrgData {
                name,
                owner_member: Some(ctx.actor.member_id),
                owner_unit: ctx.actor.unit_id,
                ..OrgData::default()
            };
            let mut errors = Vec::new();
            apply_fields(&mut data, fields, &mut errors);
            if !errors.is_empty() {
                return fail(lang, &Error::Invalid(errors));
            }
            let data_for_check = data.clone();
            match ctx.store.create_org(&ctx.actor, data, force) {
                Ok(id) => {
                    println!("{}", lang.f("cli.org_added", &[("id", &id)]));
                    super::regional::print_regional_similar(ctx, &data_for_check);
                    ExitCode::SUCCESS
                }
                Err(Error::Duplicate(similar)) => {
                    eprintln!("intnet: {}", lang.t("cli.duplicate"));
                    super::similar::print_similar(lang, &similar);
                    super::regional::print_regional_similar(ctx, &data_for_check);
                    ExitCode::from(super::exit::BAD_INPUT)
                }
                Err(e) => fail(lang, &e),
            }
        }
        OrgCmd::AdoptRegional { id, force } => super::regional::adopt(ctx, id, force),
        OrgCmd::List { filter, limit } => {
            let filter = OrgFilter {
                text: filter,
                order: lang.sort_order(),
            };
            done(
                lang,
                ctx.store.list_orgs(&filter, 0, limit).map(|rows| {
                    for r in rows {
                        println!(
                            "{:<6} {:<50} {:<16} {:<20} {}",
                            r.id,
                            crate::text::truncate(&clean(&r.name), 50),
                            lang.t(r.kind.key()),
                            crate::text::truncate(
                                &format!("{}, {}", clean(&r.city), r.country),
                                20
                            ),
                            r.last_contact.as_deref().unwrap_or("-")
                        );
                    }
                }),
            )
        }
        OrgCmd::Show { org, json } => {
            let result = resolve_org(ctx, &org).and_then(|id| {
                let org = ctx.store.org(id)?;
                let persons = ctx.store.persons_of_as(ctx.actor.is_office(), id)?;
                let timeline = ctx.store.timeline(id, 50)?;
                Ok((org, persons, timeline))
            });
            let (org, persons, timeline) = match result {
                Ok(v) => v,
                Err(e) => return fail(lang, &e),
            };
            if json {
                let v = serde_json::json!({ "organisation": org, "persons": persons, "interactions": timeline });
                return super::print_json(&v);
            }
            let d = &org.data;
            println!("{}", clean(&d.name));
            let line = |k: &str, v: &str| println!("  {:<18} {}", lang.t(k), clean(v));
            line("field.kind", lang.t(d.kind.key()));
            if let Some(date) = &d.twin_decided {
                line("field.twin_decided", date);
            }
            line("field.country", &lang.country(&d.country));
            line("field.city", &d.city);
            line("field.website", &d.website);
            line("field.status", lang.t(d.status.key()));
            for (key, value) in [
                ("field.orgnr", &d.orgnr),
                ("field.pic", &d.pic),
                ("field.oid", &d.oid),
                ("field.vat", &d.vat),
            ] {
                if !value.is_empty() {
                    line(key, value);
                }
            }
            line(
                "field.share_long",
                lang.t(if d.share { "action.yes" } else { "action.no" }),
            );
            line(
                "field.owner",
                org.owner_member_name
                    .as_deref()
                    .or(org.owner_unit_name.as_deref())
                    .unwrap_or("-"),
            );
            line(
                "field.last_contact",
                org.last_contact.as_deref().unwrap_or("-"),
            );
            let words = |keys: Vec<&str>| keys.join(", ");
            if !d.priority_areas.is_empty() {
                let areas = d.priority_areas.iter().map(|a| lang.t(a.key())).collect();
                line("field.priority_areas", &words(areas));
            }
            if !d.growth_areas.is_empty() {
                let areas = d.growth_areas.iter().map(|a| lang.t(a.key())).collect();
                line("field.growth_areas", &words(areas));
            }
            if !d.tags.is_empty() {
                line("field.tags", &d.tags.join(", "));
            }
            // Notes keep their lines, each cleaned and indented under the label.
            let notes = crate::text::sanitize_block(&d.notes);
            for (i, l) in notes.lines().filter(|l| !l.trim().is_empty()).enumerate() {
                let label = if i == 0 { lang.t("field.notes") } else { "" };
                println!("  {label:<18} {l}");
            }
            for p in &persons {
                let mark = if p.privacy.restricted {
                    format!(" [{}]", lang.t("privacy.restricted_short"))
                } else {
                    String::new()
                };
                println!(
                    "  • {}{mark} — {} {}",
                    clean(&p.data.name),
                    clean(&p.data.title),
                    clean(&p.data.email)
                );
            }
            for i in &timeline {
                println!(
                    "  {} {} ({}): {}",
                    i.data.date,
                    clean(&i.member_name),
                    lang.t(i.data.kind.key()),
                    clean(&crate::text::truncate(&i.data.summary, 80))
                );
            }
            ExitCode::SUCCESS
        }
        OrgCmd::Edit { org, name, fields } => {
            let result = resolve_org(ctx, &org).and_then(|id| {
                let current = ctx.store.org(id)?;
                let mut data = current.data.clone();
                if let Some(n) = name {
                    data.name = n;
                }
                let mut errors = Vec::new();
                apply_fields(&mut data, fields, &mut errors);
                if !errors.is_empty() {
                    return Err(Error::Invalid(errors));
                }
                ctx.store
                    .update_org(&ctx.actor, id, current.meta.version, data)?;
                println!("{}", lang.f("cli.org_saved", &[("id", &id)]));
                Ok(())
            });
            done(lang, result)
        }
        OrgCmd::Duplicates { limit } => done(
            lang,
            ctx.store.duplicate_pairs(&ctx.actor, limit).map(|pairs| {
                if pairs.is_empty() {
                    println!("{}", lang.t("cli.no_duplicates"));
                }
                for p in pairs {
                    let reason = lang.t(match p.reason {
                        crate::model::SimilarReason::Name => "reason.name",
                        crate::model::SimilarReason::Domain => "reason.domain",
                        crate::model::SimilarReason::Place => "reason.place",
                        crate::model::SimilarReason::Identifier => "reason.identifier",
                    });
                    println!(
                        "{:<6} {:<34} {:<6} {:<34} {}",
                        p.kept,
                        crate::text::truncate(&clean(&p.kept_name), 34),
                        p.removed,
                        crate::text::truncate(&clean(&p.removed_name), 34),
                        clean(reason)
                    );
                }
            }),
        ),
        OrgCmd::Merge {
            removed,
            kept,
            take,
        } => {
            let fields = match take_fields(
                lang,
                &take,
                crate::model::OrgField::parse,
                crate::model::OrgField::words,
            ) {
                Ok(fields) => fields,
                Err(code) => return code,
            };
            let result = resolve_org(ctx, &removed).and_then(|from| {
                let into = resolve_org(ctx, &kept)?;
                let summary = ctx.store.merge_orgs(&ctx.actor, from, into, &fields)?;
                println!(
                    "{}",
                    lang.f(
                        "cli.org_merged",
                        &[("from", &from), ("into", &into), ("n", &summary.moved)]
                    )
                );
                Ok(())
            });
            done(lang, result)
        }
        OrgCmd::Delete { org } => {
            let result = resolve_org(ctx, &org).and_then(|id| {
                ctx.store.delete_org(&ctx.actor, id)?;
                println!("{}", lang.f("cli.org_deleted", &[("id", &id)]));
                Ok(())
            });
            done(lang, result)
        }
    }
}

/// A merge's `--take` words as fields (of an organisation or a person); an unknown
/// word is refused with the words there are.
fn take_fields<F>(
    lang: crate::i18n::Lang,
    take: &[String],
    parse: fn(&str) -> Option<F>,
    words: fn() -> Vec<&'static str>,
) -> Result<Vec<F>, ExitCode> {
    take.iter()
        .map(|t| {
            parse(t.trim()).ok_or_else(|| {
                let known = words().join(", ");
                bad_input(lang, "err.merge_field", &[("value", t), ("known", &known)])
            })
        })
        .collect()
}

pub fn person(ctx: &Ctx, cmd: PersonCmd) -> ExitCode {
    let lang = ctx.lang;
    let (org, name, title, email, phone, languages, source, verified, privacy) = match cmd {
        PersonCmd::Add {
            org,
            name,
            title,
            email,
            phone,
            languages,
            source,
            verified,
            privacy,
        } => (
            org, name, title, email, phone, languages, source, verified, privacy,
        ),
        PersonCmd::Edit {
            id,
            name,
            title,
            email,
            phone,
            languages,
            source,
            verified,
            notes,
            privacy,
        } => {
            let result = ctx.store.person(id).and_then(|current| {
                let mut data = current.data.clone();
                let set = |field: &mut String, v: Option<String>| {
                    if let Some(v) = v {
                        *field = v;
                    }
                };
                set(&mut data.name, name);
                set(&mut data.title, title);
                set(&mut data.email, email);
                set(&mut data.phone, phone);
                set(&mut data.languages, languages);
                set(&mut data.source, source);
                set(&mut data.notes, notes);
                if verified.is_some() {
                    data.verified_on = verified;
                }
                if data != current.data {
                    ctx.store
                        .update_person(&ctx.actor, id, current.meta.version, data)?;
                }
                if !privacy.is_empty() {
                    super::privacy::apply_fields(ctx, id, privacy)?;
                }
                println!("{}", lang.f("cli.person_saved", &[("id", &id)]));
                Ok(())
            });
            return done(lang, result);
        }
        other => return person_more(ctx, other),
    };
    let result = resolve_org(ctx, &org).and_then(|org_id| {
        let id = ctx.store.create_person(
            &ctx.actor,
            PersonData {
                org_id,
                name,
                title,
                email,
                phone,
                languages,
                source,
                verified_on: verified,
                notes: String::new(),
            },
        )?;
        println!("{}", lang.f("cli.person_added", &[("id", &id)]));
        if !privacy.is_empty() {
            super::privacy::apply_fields(ctx, id, privacy)?;
        }
        Ok(())
    });
    done(lang, result)
}

/// `intnet person list|show|edit|delete|merge` (issue 14), in the shape of the
/// organisation commands.
fn person_more(ctx: &Ctx, cmd: PersonCmd) -> ExitCode {
    let lang = ctx.lang;
    match cmd {
        // Handled by `person`.
        PersonCmd::Add { .. } | PersonCmd::Edit { .. } => ExitCode::SUCCESS,
        PersonCmd::List { org, limit } => {
            let result = org
                .map(|o| resolve_org(ctx, &o))
                .transpose()
                .and_then(|org| ctx.store.list_persons(&ctx.actor, org, limit));
            done(
                lang,
                result.map(|rows| {
                    for (p, org_name) in rows {
                        println!(
                            "{:<6} {:<30} {:<30} {}",
                            p.id,
                            crate::text::truncate(&clean(&p.data.name), 30),
                            crate::text::truncate(&clean(&org_name), 30),
                            clean(&p.data.email)
                        );
                    }
                }),
            )
        }
        PersonCmd::Show { person, json } => {
            let result = ctx.store.person(person).and_then(|p| {
                let org = ctx.store.org(p.data.org_id)?;
                Ok((p, org))
            });
            let (p, org) = match result {
                Ok(v) => v,
                Err(e) => return fail(lang, &e),
            };
            if json {
                let v = serde_json::json!({ "person": p, "organisation": org.data.name });
                return super::print_json(&v);
            }
            let d = &p.data;
            println!("{}", clean(&d.name));
            let line = |k: &str, v: &str| println!("  {:<18} {}", lang.t(k), clean(v));
            line(
                "field.organisation",
                &format!("{} (#{})", org.data.name, d.org_id),
            );
            for (key, value) in [
                ("field.title", &d.title),
                ("field.email", &d.email),
                ("field.phone", &d.phone),
                ("field.languages", &d.languages),
                ("field.source", &d.source),
                ("field.notes", &d.notes),
            ] {
                if !value.is_empty() {
                    line(key, value);
                }
            }
            if let Some(v) = &d.verified_on {
                line("field.verified_on", v);
            }
            ExitCode::SUCCESS
        }
        PersonCmd::Verify { person } => {
            let result = ctx.store.verify_person(&ctx.actor, person).map(|()| {
                println!("{}", lang.f("cli.person_verified", &[("id", &person)]));
            });
            done(lang, result)
        }
        PersonCmd::Delete { person } => {
            let result = ctx.store.delete_person(&ctx.actor, person).map(|()| {
                println!("{}", lang.f("cli.person_deleted", &[("id", &person)]));
            });
            done(lang, result)
        }
        PersonCmd::Merge {
            removed,
            kept,
            take,
        } => {
            let fields = match take_fields(
                lang,
                &take,
                crate::model::PersonField::parse,
                crate::model::PersonField::words,
            ) {
                Ok(fields) => fields,
                Err(code) => return code,
            };
            let result = ctx
                .store
                .merge_persons(&ctx.actor, removed, kept, &fields)
                .map(|summary| {
                    println!(
                        "{}",
                        lang.f(
                            "cli.person_merged",
                            &[("from", &removed), ("into", &kept), ("n", &summary.moved)]
                        )
                    );
                });
            done(lang, result)
        }
    }
}

pub fn interaction(ctx: &Ctx, cmd: InteractionCmd) -> ExitCode {
    let lang = ctx.lang;
    let InteractionCmd::Add {
        org,
        summary,
        date,
        kind,
        person,
        follow_up,
    } = cmd;
    let Some(kind) = InteractionKind::parse(&kind) else {
        return bad_input(lang, "err.interaction_kind", &[("value", &kind)]);
    };
    let result = resolve_org(ctx, &org).and_then(|org_id| {
        let id = ctx.store.add_interaction(
            &ctx.actor,
            InteractionData {
                org_id,
                person_id: person,
                member_id: ctx.actor.member_id,
                unit_id: ctx.actor.unit_id,
                date: date.unwrap_or_else(crate::store::today),
                kind,
                summary,
                follow_up,
            },
        )?;
        println!("{}", lang.f("cli.interaction_added", &[("id", &id)]));
        Ok(())
    });
    done(lang, result)
}

pub fn undo(ctx: &Ctx) -> ExitCode {
    let lang = ctx.lang;
    let result = ctx.store.undo_last(&ctx.actor).map(|u| {
        println!("{}", crate::i18n::describe_undo(lang, &u));
    });
    done(lang, result)
}

/// `intnet redo`: makes the last undone change again, the mirror of `undo`.
pub fn redo(ctx: &Ctx) -> ExitCode {
    let lang = ctx.lang;
    let result = ctx.store.redo_last(&ctx.actor).map(|u| {
        println!("{}", crate::i18n::describe_redo(lang, &u));
    });
    done(lang, result)
}
