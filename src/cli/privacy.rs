//! `intnet privacy …` and `intnet retention …`: personal data (issue 15). The rules
//! (who may, what is logged) live in `store/privacy.rs`; this is the shell.

use super::{Ctx, bad_input, fail, print_json, word};
use crate::i18n::Lang;
use crate::model::{Decision, LegalBasis, RequestKind, RetentionKind, SourceKind};
use crate::store::Error;
use crate::store::privacy::{CONTACT, DPO, NOTICE_EN, NOTICE_SV};
use crate::text::sanitize_line;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum PrivacyCmd {
    /// A person's source, legal basis, notice date and restriction.
    Show {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[arg(long)]
        json: bool,
    },
    /// Records where the data came from, the legal basis, the date informed.
    Set {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[command(flatten)]
        fields: PrivacyFields,
    },
    /// The notice (Art. 14) filled in for the person, Swedish then English.
    Notice {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
    },
    /// Records that the person was informed.
    Informed {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[arg(long)]
        date: Option<String>,
    },
    /// The persons not informed a month after they were recorded.
    NotInformed {
        #[arg(long)]
        json: bool,
    },
    /// The persons not verified for the office's period (to review).
    Unverified {
        #[arg(long)]
        json: bool,
    },
    /// Shows or sets the notice texts, the municipality's contact and the DPO.
    Settings {
        #[arg(long)]
        notice_sv: Option<String>,
        #[arg(long)]
        notice_en: Option<String>,
        #[arg(long)]
        contact: Option<String>,
        #[arg(long)]
        dpo: Option<String>,
        /// Flag persons not verified for this many months (default 24).
        #[arg(long, value_name = "MONTHS")]
        verify_after: Option<i64>,
    },
    /// Logs a request received from a person.
    Request {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[arg(
            long = "kind",
            id = "request_kind",
            value_name = "access|erasure|restriction"
        )]
        kind: String,
        #[arg(long)]
        received: Option<String>,
    },
    /// The open requests, or all of a person's.
    Requests {
        #[arg(long = "person", id = "requests_person", value_name = "PERSON")]
        person: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// The register extract (Art. 15).
    Extract {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[arg(
            long = "format",
            id = "extract_format",
            value_name = "html|md|json",
            default_value = "md"
        )]
        format: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Answers an erasure request: anonymise, erase, keep or restrict.
    Erase {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "anonymised")]
        decision: String,
        #[arg(long, default_value = "")]
        retention_ref: String,
    },
    /// Restricts a person (hidden but for the office), or lifts it.
    Restrict {
        #[arg(id = "privacy_person", value_name = "PERSON")]
        person: i64,
        #[arg(long)]
        lift: bool,
    },
}

/// The privacy fields of `person add` and `privacy set`.
#[derive(Debug, clap::Args, Default)]
pub struct PrivacyFields {
    #[arg(
        long,
        value_name = "own_contact|business_card|website|regional_partner|import_file"
    )]
    pub source_kind: Option<String>,
    #[arg(long)]
    pub source_note: Option<String>,
    #[arg(long, value_name = "public_interest|consent|contract|legal_obligation")]
    pub basis: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub informed: Option<String>,
}

impl PrivacyFields {
    pub fn is_empty(&self) -> bool {
        self.source_kind.is_none()
            && self.source_note.is_none()
            && self.basis.is_none()
            && self.informed.is_none()
    }
}

#[derive(Debug, Subcommand)]
pub enum RetentionCmd {
    /// Sets the rule for a record kind, with the decision's reference.
    Set {
        #[arg(id = "retention_kind", value_name = "interaction|person")]
        kind: String,
        #[arg(long)]
        years: i64,
        #[arg(long = "ref", id = "retention_ref_rule", value_name = "REF")]
        reference: String,
    },
    /// The rules in force.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Applies the rules (or lists what would go with --dry-run).
    Apply {
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

fn clean(s: &str) -> String {
    sanitize_line(s).into_owned()
}

/// Sets a person's privacy fields from the flags (for `person add` and `privacy set`).
pub fn apply_fields(ctx: &Ctx, person: i64, f: PrivacyFields) -> Result<(), Error> {
    let kind = word(
        f.source_kind,
        SourceKind::parse,
        SourceKind::words,
        "source_kind",
    )?;
    let basis = word(f.basis, LegalBasis::parse, LegalBasis::words, "basis")?;
    ctx.store
        .set_person_privacy(&ctx.actor, person, kind, f.source_note, basis, f.informed)
}

pub fn privacy(ctx: &Ctx, cmd: PrivacyCmd) -> ExitCode {
    let lang = ctx.lang;
    let result: Result<(), Error> = match cmd {
        PrivacyCmd::Show { person, json } => return show(ctx, person, json),
        PrivacyCmd::Set { person, fields } => apply_fields(ctx, person, fields)
            .map(|()| println!("{}", lang.f("cli.privacy_set", &[("id", &person)]))),
        PrivacyCmd::Notice { person } => notice(ctx, person),
        PrivacyCmd::Informed { person, date } => ctx
            .store
            .mark_informed(&ctx.actor, person, date)
            .map(|()| println!("{}", lang.f("cli.privacy_informed", &[("id", &person)]))),
        PrivacyCmd::NotInformed { json } => {
            return match ctx.store.not_informed(&ctx.actor, None) {
                Ok(list) if json => print_json(&list),
                Ok(list) => {
                    for p in &list {
                        println!(
                            "{:>6}  {}  {}  {}  {}",
                            p.person_id,
                            p.due,
                            clean(&p.name),
                            clean(&p.org),
                            clean(p.added_by.as_deref().unwrap_or(""))
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            };
        }
        PrivacyCmd::Unverified { json } => return super::verified::unverified(ctx, json),
        PrivacyCmd::Settings {
            notice_sv,
            notice_en,
            contact,
            dpo,
            verify_after,
        } => super::verified::verify_after(ctx, verify_after).and_then(|set| {
            settings(
                ctx,
                set,
                [
                    (NOTICE_SV, notice_sv),
                    (NOTICE_EN, notice_en),
                    (CONTACT, contact),
                    (DPO, dpo),
                ],
            )
        }),
        PrivacyCmd::Request {
            person,
            kind,
            received,
        } => word(Some(kind), RequestKind::parse, RequestKind::words, "kind")
            .and_then(|k| {
                ctx.store.log_privacy_request(
                    &ctx.actor,
                    person,
                    k.unwrap_or(RequestKind::Access),
                    received,
                )
            })
            .map(|id| println!("{}", lang.f("cli.privacy_request_logged", &[("id", &id)]))),
        PrivacyCmd::Requests { person, json } => {
            return match ctx.store.privacy_requests(&ctx.actor, person) {
                Ok(list) if json => print_json(&list),
                Ok(list) => {
                    for r in &list {
                        println!(
                            "{:>5}  {:>6}  {:<12} {}  {}  {}  {}",
                            r.id,
                            r.person_id,
                            lang.t(r.kind.key()),
                            r.received,
                            r.answered.as_deref().unwrap_or("-"),
                            r.decision.map(|d| lang.t(d.key())).unwrap_or(""),
                            clean(&r.reason)
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            };
        }
        PrivacyCmd::Extract {
            person,
            format,
            out,
        } => return extract(ctx, person, &format, out),
        PrivacyCmd::Erase {
            person,
            reason,
            decision,
            retention_ref,
        } => return erase(ctx, person, &reason, &decision, &retention_ref),
        PrivacyCmd::Restrict { person, lift } => ctx
            .store
            .restrict_person(&ctx.actor, person, !lift)
            .map(|()| {
                let key = if lift {
                    "cli.privacy_unrestricted"
                } else {
                    "cli.privacy_restricted"
                };
                println!("{}", lang.f(key, &[("id", &person)]));
            }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(lang, &e),
    }
}

fn show(ctx: &Ctx, person: i64, json: bool) -> ExitCode {
    let lang = ctx.lang;
    if !ctx.actor.can_edit_partners() {
        return fail(lang, &Error::Forbidden);
    }
    let p = match ctx.store.person_privacy(person) {
        Ok(p) => p,
        Err(e) => return fail(lang, &e),
    };
    if p.restricted && !ctx.actor.is_office() {
        return fail(lang, &Error::NotFound);
    }
    if json {
        return print_json(&p);
    }
    let source = p.source_kind.map(|k| lang.t(k.key())).unwrap_or("-");
    println!(
        "{}: {} {}",
        lang.t("field.source_kind"),
        source,
        clean(&p.source_note)
    );
    println!("{}: {}", lang.t("field.basis"), lang.t(p.legal_basis.key()));
    println!(
        "{}: {}",
        lang.t("field.informed"),
        p.informed_on.as_deref().unwrap_or("-")
    );
    if p.restricted {
        println!("{}", lang.t("privacy.restricted_mark"));
    }
    if let Some(at) = &p.erased_at {
        println!("{}: {}", lang.t("privacy.erased_at"), lang.datetime(at));
    }
    ExitCode::SUCCESS
}

/// The notice in one language, filled in for the person (shared with the TUI).
pub fn notice_text(ctx: &Ctx, person: i64, lang: Lang) -> Result<String, Error> {
    crate::interchange::privacy::notice(&ctx.store, person, lang)
}

fn notice(ctx: &Ctx, person: i64) -> Result<(), Error> {
    if !ctx.actor.can_edit_partners() {
        return Err(Error::Forbidden);
    }
    let sv = notice_text(ctx, person, Lang::Sv)?;
    let en = notice_text(ctx, person, Lang::En)?;
    for line in sv.lines() {
        println!("{}", clean(line));
    }
    println!();
    println!("---");
    println!();
    for line in en.lines() {
        println!("{}", clean(line));
    }
    Ok(())
}

/// `changed`: the verification period was set just before (then nothing is shown).
fn settings(ctx: &Ctx, changed: bool, values: [(&str, Option<String>); 4]) -> Result<(), Error> {
    let lang = ctx.lang;
    let mut changed = changed;
    for (key, value) in &values {
        if let Some(v) = value {
            ctx.store.set_setting(&ctx.actor, key, v)?;
            changed = true;
        }
    }
    if changed {
        println!("{}", lang.t("cli.privacy_settings_saved"));
        return Ok(());
    }
    for (key, _) in &values {
        let value = ctx.store.setting(key)?;
        println!("{}:", lang.t(&format!("setting.{key}")));
        for line in value.as_deref().unwrap_or(lang.t("privacy.unset")).lines() {
            println!("  {}", clean(line));
        }
    }
    super::verified::show_verify_after(ctx)
}

fn extract(ctx: &Ctx, person: i64, format: &str, out: Option<PathBuf>) -> ExitCode {
    let lang = ctx.lang;
    let format = match format.trim().to_ascii_lowercase().as_str() {
        "html" => crate::interchange::privacy::Format::Html,
        "md" | "markdown" => crate::interchange::privacy::Format::Markdown,
        "json" => crate::interchange::privacy::Format::Json,
        _ => return bad_input(lang, "err.extract_format", &[("value", &format)]),
    };
    let extract = match ctx.store.privacy_extract(&ctx.actor, person) {
        Ok(e) => e,
        Err(e) => return fail(lang, &e),
    };
    let text = match crate::interchange::privacy::render(&extract, format) {
        Ok(t) => t,
        Err(e) => return fail(lang, &e),
    };
    match out {
        Some(path) => match crate::files::write_atomic(&path, text.as_bytes(), 0o640) {
            Ok(()) => {
                println!(
                    "{}",
                    lang.f(
                        "cli.privacy_extract_written",
                        &[("path", &clean(&path.to_string_lossy()))]
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, &Error::Io(e)),
        },
        None => {
            if format == crate::interchange::privacy::Format::Html {
                print!("{text}");
            } else {
                for line in text.lines() {
                    println!("{}", clean(line));
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn erase(ctx: &Ctx, person: i64, reason: &str, decision: &str, retention_ref: &str) -> ExitCode {
    let lang = ctx.lang;
    let decision = match Decision::parse(decision) {
        Some(d) if d != Decision::Extracted => d,
        _ => {
            return bad_input(
                lang,
                "err.erase_decision_word",
                &[
                    ("value", &decision),
                    ("words", &"erased, anonymised, kept, restricted"),
                ],
            );
        }
    };
    let report = match ctx
        .store
        .erase_person(&ctx.actor, person, decision, reason, retention_ref)
    {
        Ok(r) => r,
        Err(e) => return fail(lang, &e),
    };
    for line in crate::interchange::privacy::erasure_answer(lang, person, decision, &report) {
        println!("{}", clean(&line));
    }
    ExitCode::SUCCESS
}

pub fn retention(ctx: &Ctx, cmd: RetentionCmd) -> ExitCode {
    let lang = ctx.lang;
    match cmd {
        RetentionCmd::Set {
            kind,
            years,
            reference,
        } => {
            let Some(kind) = RetentionKind::parse(&kind) else {
                return bad_input(lang, "err.retention_kind", &[("value", &kind)]);
            };
            match ctx.store.set_retention(&ctx.actor, kind, years, &reference) {
                Ok(()) => {
                    println!("{}", lang.t("cli.retention_set"));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
        RetentionCmd::List { json } => match ctx.store.retention_rules() {
            Ok(rules) if json => print_json(&rules),
            Ok(rules) => {
                for r in &rules {
                    println!(
                        "{:<14} {}  {}",
                        lang.t(r.kind.key()),
                        lang.f("cli.retention_years", &[("n", &r.years)]),
                        clean(&r.reference)
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, &e),
        },
        RetentionCmd::Apply { dry_run, json } => {
            let result = if dry_run {
                ctx.store.retention_due(&ctx.actor)
            } else {
                ctx.store.apply_retention(&ctx.actor)
            };
            match result {
                Ok(items) if json => print_json(&items),
                Ok(items) => {
                    for i in &items {
                        println!(
                            "{:<14} {:>6}  {}  {}",
                            lang.t(i.kind.key()),
                            i.id,
                            i.date,
                            clean(&i.label)
                        );
                    }
                    let key = if dry_run {
                        "cli.retention_would"
                    } else {
                        "cli.retention_applied"
                    };
                    println!("{}", lang.f(key, &[("n", &items.len())]));
                    if dry_run {
                        return super::verified::to_review(ctx);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, &e),
            }
        }
    }
}
