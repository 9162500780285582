//! The command line: clap definitions, localised help, and one file per group.

mod admin;
mod contacts;
pub mod news;
mod partners;
mod plans;
pub mod privacy;
mod projects;
mod regional;
pub mod report;
mod similar;
mod training;
mod verified;

use crate::i18n::Lang;
use crate::store::{Error, Store};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub use crate::session::{Ctx, exit};

#[derive(Debug, Parser)]
#[command(name = "intnet", version)]
pub struct Cli {
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[arg(long, global = true, value_name = "sv|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[arg(long = "as", global = true, value_name = "USER")]
    pub as_user: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("sv | en: {s}"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init {
        #[arg(long)]
        name: Option<String>,
    },
    Demo {
        #[arg(long)]
        no_tui: bool,
    },
    Seed {
        #[arg(long, default_value_t = 100_000, allow_negative_numbers = true)]
        scale: usize,
    },
    Doctor,
    Backup {
        out: PathBuf,
    },
    #[command(subcommand)]
    Member(MemberCmd),
    #[command(subcommand)]
    Unit(UnitCmd),
    Find {
        query: Vec<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20, allow_negative_numbers = true)]
        limit: usize,
    },
    #[command(subcommand)]
    Org(OrgCmd),
    #[command(subcommand)]
    Person(PersonCmd),
    #[command(subcommand)]
    Interaction(InteractionCmd),
    Undo,
    Redo,
    #[command(subcommand)]
    News(NewsCmd),
    Status,
    #[command(subcommand)]
    Training(TrainingCmd),
    #[command(subcommand)]
    Export(ExportCmd),
    /// Organisations and persons from a vCard or CSV file (`import FILE`), or a
    /// regional partner's exchange file (`import regional FILE --from …`).
    Import(ImportCli),
    #[command(subcommand)]
    Plan(PlanCmd),
    Deadlines {
        #[arg(long)]
        within: Option<String>,
        #[arg(long)]
        mine: bool,
        #[arg(long)]
        json: bool,
    },
    #[command(subcommand)]
    Project(ProjectCmd),
    #[command(subcommand)]
    Membership(MembershipCmd),
    #[command(subcommand)]
    Report(report::ReportCmd),
    #[command(subcommand)]
    Privacy(privacy::PrivacyCmd),
    #[command(subcommand)]
    Retention(privacy::RetentionCmd),
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ProjectCmd {
    List {
        #[arg(long)]
        json: bool,
    },
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    Add {
        name: String,
        #[arg(long)]
        acronym: Option<String>,
        #[arg(long)]
        programme: Option<String>,
        #[arg(long = "role", id = "project_role", value_name = "ROLE")]
        role: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long = "status", id = "project_status", value_name = "STATUS")]
        status: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        budget: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        eu_grant: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        own: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        rate: Option<String>,
        #[arg(long)]
        call: Option<String>,
        #[arg(long)]
        notes: Option<String>,
    },
    Status {
        id: i64,
        #[arg(id = "project_status", value_name = "STATUS")]
        status: String,
    },
    Partner {
        id: i64,
        org: String,
        #[arg(
            long = "role",
            id = "partner_role",
            value_name = "ROLE",
            default_value = "partner",
            hide_default_value = true
        )]
        role: String,
    },
    Milestone {
        id: i64,
        title: String,
        #[arg(long)]
        due: Option<String>,
    },
    MilestoneDone {
        milestone: i64,
        #[arg(long)]
        undone: bool,
    },
    FromNews {
        news: i64,
        #[arg(long)]
        plan_item: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MembershipCmd {
    List {
        #[arg(long)]
        json: bool,
    },
    Add {
        org: String,
        #[arg(long = "since", id = "member_since", value_name = "DATE")]
        since: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        fee: Option<String>,
        #[arg(long)]
        currency: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        member: Option<String>,
        #[arg(long)]
        next: Option<String>,
    },
    Evaluate {
        id: i64,
        #[arg(long, allow_negative_numbers = true)]
        benefit: i64,
        #[arg(long)]
        recommendation: String,
        #[arg(long)]
        assessment: Option<String>,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        next: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    List {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    Add {
        title: String,
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        goals: Option<String>,
    },
    Item {
        plan: i64,
        text: String,
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        due: Option<String>,
        #[arg(long)]
        project: Option<String>,
    },
    ItemDone {
        item: i64,
        #[arg(long)]
        undone: bool,
    },
    Copy {
        plan: i64,
    },
}

// Parsed once per process; the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum TrainingCmd {
    Log {
        title: String,
        #[arg(long, allow_hyphen_values = true)]
        hours: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long, value_delimiter = ',')]
        with: Vec<String>,
        #[arg(long)]
        area: Option<String>,
        #[arg(long)]
        growth: Option<String>,
        #[arg(long)]
        funding: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        cost: Option<String>,
        #[arg(long)]
        organiser: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        partner: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long)]
        shared: Option<String>,
    },
    List {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
        limit: i64,
    },
    Summary {
        #[arg(long, allow_negative_numbers = true)]
        year: Option<i32>,
        #[arg(long, default_value = "unit")]
        by: String,
        #[arg(
            long = "format",
            id = "summary_format",
            value_name = "FORMAT",
            default_value = "table"
        )]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    Training {
        #[arg(
            long = "format",
            id = "export_format",
            value_name = "FORMAT",
            default_value = "csv"
        )]
        format: String,
        /// A UTF-8 byte order mark and `;`, for Excel set to Swedish.
        #[arg(long = "excel", id = "export_excel")]
        excel: bool,
    },
    Ics {
        #[arg(long)]
        mine: bool,
    },
    /// Organisations and their people as vCard 4.0.
    Vcard {
        #[arg(
            long = "org",
            id = "vcard_org",
            value_name = "ORG",
            conflicts_with = "vcard_all"
        )]
        org: Option<String>,
        #[arg(long = "all", id = "vcard_all")]
        all: bool,
        #[arg(long = "out", id = "contacts_out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Organisations or persons as CSV with Outlook's headers.
    Csv {
        #[arg(
            long = "what",
            id = "csv_what",
            value_name = "orgs|persons",
            default_value = "persons"
        )]
        what: String,
        #[arg(long = "excel", id = "export_excel")]
        excel: bool,
        #[arg(long = "out", id = "contacts_out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Organisations, persons, contacts and training as an Excel workbook.
    Xlsx {
        #[arg(long = "out", id = "contacts_out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Everything the member may read, as one JSON document.
    Json {
        #[arg(long = "out", id = "contacts_out", value_name = "FILE")]
        out: Option<PathBuf>,
    },
    Regional {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    Regional {
        file: PathBuf,
        #[arg(long, value_name = "MUNICIPALITY")]
        from: String,
    },
}

/// `intnet import FILE [options]` (contacts from vCard or CSV) or `intnet import
/// regional FILE --from …` (a regional partner's exchange file): a file argument, or the
/// `regional` subcommand, never both. A contacts file that is itself named `regional`
/// is given as `./regional`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ImportCli {
    #[command(subcommand)]
    pub regional: Option<ImportCmd>,
    #[arg(id = "import_file", value_name = "FILE", required = true)]
    pub file: Option<PathBuf>,
    #[arg(long = "format", id = "import_format", value_name = "vcard|csv")]
    pub format: Option<String>,
    #[arg(long = "dry-run", id = "import_dry_run")]
    pub dry_run: bool,
    #[arg(long = "unit", id = "import_unit", value_name = "CODE")]
    pub unit: Option<String>,
    #[arg(long = "map", id = "import_map", value_name = "FIELD=HEADER,…")]
    pub map: Option<String>,
    #[arg(long = "country", id = "import_country", value_name = "COUNTRY")]
    pub country: Option<String>,
    #[arg(long = "create-anyway", id = "import_create_anyway")]
    pub create_anyway: bool,
}

#[derive(Debug, Subcommand)]
pub enum NewsCmd {
    Post {
        #[arg(long)]
        title: String,
        #[arg(long)]
        category: String,
        #[arg(long)]
        deadline: Option<String>,
        #[arg(long)]
        event_date: Option<String>,
        #[arg(long, value_name = "FILE|-")]
        body_file: Option<String>,
        #[arg(long)]
        pin: bool,
        #[arg(long)]
        expires: Option<String>,
        #[arg(long)]
        link: Vec<String>,
        #[arg(long)]
        partner: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        area: Vec<String>,
        #[arg(long)]
        draft: bool,
    },
    List {
        #[arg(long)]
        unread: bool,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
        limit: i64,
    },
    Show {
        id: i64,
    },
    Read {
        #[arg(required = true)]
        ids: Vec<i64>,
        #[arg(long)]
        unread: bool,
    },
    Digest {
        #[arg(long)]
        unread: bool,
        #[arg(long)]
        since: Option<String>,
        #[arg(long, default_value = "text")]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberCmd {
    Add {
        account: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, default_value = "member")]
        role: String,
    },
    List,
    SetRole {
        account: String,
        role: String,
    },
    Deactivate {
        account: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UnitCmd {
    Add {
        code: String,
        name: String,
        #[arg(long)]
        company: bool,
    },
    List,
}

#[derive(Debug, Args, Default)]
pub struct OrgFields {
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub city: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    #[arg(long)]
    pub sector: Option<String>,
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub twin_decided: Option<String>,
    #[arg(long, value_delimiter = ',')]
    pub priority: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',')]
    pub growth: Option<Vec<String>>,
    #[arg(long, value_delimiter = ',')]
    pub tags: Option<Vec<String>>,
    #[arg(long)]
    pub notes: Option<String>,
    #[arg(long, value_name = "NNNNNN-NNNN")]
    pub orgnr: Option<String>,
    #[arg(long)]
    pub pic: Option<String>,
    #[arg(long)]
    pub oid: Option<String>,
    #[arg(long)]
    pub vat: Option<String>,
    #[arg(long, conflicts_with = "no_share")]
    pub share: bool,
    #[arg(long)]
    pub no_share: bool,
}

#[derive(Debug, Subcommand)]
pub enum OrgCmd {
    Add {
        name: String,
        #[command(flatten)]
        fields: OrgFields,
        #[arg(long)]
        force: bool,
    },
    List {
        #[arg(long, default_value = "")]
        filter: String,
        #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
        limit: i64,
    },
    Show {
        org: String,
        #[arg(long)]
        json: bool,
    },
    Edit {
        org: String,
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        fields: OrgFields,
    },
    Delete {
        org: String,
    },
    AdoptRegional {
        id: i64,
        #[arg(long)]
        force: bool,
    },
    /// Possible duplicates across the registry (the office).
    Duplicates {
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Merges a duplicate into the organisation kept (issue 14).
    Merge {
        #[arg(id = "removed", value_name = "FROM")]
        removed: String,
        #[arg(id = "kept", value_name = "INTO")]
        kept: String,
        #[arg(long = "take", id = "take", value_name = "FIELD")]
        take: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCmd {
    Add {
        org: String,
        name: String,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        languages: String,
        #[arg(long, default_value = "")]
        source: String,
        #[arg(long)]
        verified: Option<String>,
        #[command(flatten)]
        privacy: privacy::PrivacyFields,
    },
    /// Changes a person's fields; the privacy flags as in `add`.
    Edit {
        #[arg(id = "person_id", value_name = "PERSON")]
        id: i64,
        #[arg(long = "name", id = "person_name")]
        name: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        languages: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        verified: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        privacy: privacy::PrivacyFields,
    },
    /// The persons at one organisation, or at all (issue 14).
    List {
        org: Option<String>,
        #[arg(long, default_value_t = 50, allow_negative_numbers = true)]
        limit: i64,
    },
    Show {
        person: i64,
        #[arg(long)]
        json: bool,
    },
    Delete {
        person: i64,
    },
    /// Merges a duplicate person into the one kept, at the same organisation.
    Merge {
        #[arg(id = "removed", value_name = "FROM")]
        removed: i64,
        #[arg(id = "kept", value_name = "INTO")]
        kept: i64,
        #[arg(long = "take", id = "take", value_name = "FIELD")]
        take: Vec<String>,
    },
    /// Records that the person's data was checked today (issue 15).
    Verify {
        #[arg(id = "verify_person", value_name = "PERSON")]
        person: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum InteractionCmd {
    Add {
        org: String,
        summary: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "meeting")]
        kind: String,
        #[arg(long, allow_negative_numbers = true)]
        person: Option<i64>,
        #[arg(long)]
        follow_up: Option<String>,
    },
}

/// Sets every subcommand's and argument's help from the catalogue: `help.<path>` for a
/// command, `help.<path>.<arg>` for an argument.
fn localise(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let key = if path.is_empty() {
        "help.intnet".to_string()
    } else {
        format!("help.{path}")
    };
    cmd = cmd.about(lang.t(&key).to_string());
    let arg_ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in arg_ids {
        let arg_key = format!("help.arg.{id}");
        let text = lang.t(&arg_key).to_string();
        cmd = cmd.mut_arg(id, |a| a.help(text));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localise(s, &sub_path, lang));
    }
    cmd
}

/// The language asked for on the command line, before clap has parsed it (the help
/// text itself must be in that language).
fn early_lang(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
            .and_then(|v| Lang::parse(&v))
    })
}

/// Parses the command line with help in the right language.
///
/// A command line that parses is taken as it is; only when clap has something to say
/// (help, version, an error) is the command rebuilt with the catalogue's texts, so the
/// common path costs nothing for the translation. Help and the version go to stdout
/// with exit code 0 as clap prints them; any other complaint is one line
/// `intnet: …` on stderr in the user's language, exit code 2.
pub fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Ok(cli) = Cli::try_parse_from(&args) {
        return cli;
    }
    let lang = early_lang(&args).unwrap_or_else(|| crate::config::resolve(None, None).lang);
    let mut cmd = localise(Cli::command(), "", lang);
    let result = cmd
        .try_get_matches_from_mut(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => cli,
        Err(e)
            if matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
            ) =>
        {
            e.exit()
        }
        Err(e) => {
            eprintln!("intnet: {}", usage_error(lang, &e, &args));
            std::process::exit(i32::from(exit::BAD_INPUT))
        }
    }
}

/// The subcommands named on a command line, in order (`["org", "add"]`), for the hint
/// to a command's help and for the list of what may follow a command given alone.
fn command_path(args: &[std::ffi::OsString]) -> (Vec<String>, Vec<String>) {
    let root = Cli::command();
    let mut cmd = &root;
    let mut path = Vec::new();
    let mut skip_value = false;
    for a in args.iter().skip(1) {
        let a = a.to_string_lossy();
        if skip_value {
            skip_value = false;
            continue;
        }
        if a == "--" {
            break;
        }
        if a.starts_with('-') {
            // The global options that take a value may stand before a subcommand.
            skip_value = matches!(a.as_ref(), "--db" | "--lang" | "--as");
            continue;
        }
        match cmd.find_subcommand(a.as_ref()) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                cmd = sub;
            }
            None => break,
        }
    }
    let subs = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    (path, subs)
}

/// One line, in the user's language, for a command line clap refused. Everything
/// taken from the command line is sanitised.
fn usage_error(lang: Lang, e: &clap::Error, args: &[std::ffi::OsString]) -> String {
    use clap::error::{ContextKind, ErrorKind};
    let get = |k: ContextKind| {
        e.get(k)
            .map(|v| crate::text::sanitize_line(&v.to_string()).into_owned())
            .unwrap_or_default()
    };
    let (path, subs) = command_path(args);
    let named = path.join(" ");
    let command = std::iter::once("intnet".to_string())
        .chain(path)
        .collect::<Vec<_>>()
        .join(" ");
    let arg = get(ContextKind::InvalidArg);
    let mut hints = Vec::new();
    let main = match e.kind() {
        ErrorKind::UnknownArgument => {
            let suggestion = get(ContextKind::SuggestedArg);
            if !suggestion.is_empty() {
                hints.push(lang.f("usage.did_you_mean", &[("suggestion", &suggestion)]));
            }
            lang.f("usage.unknown_argument", &[("arg", &arg)])
        }
        ErrorKind::InvalidSubcommand => {
            let suggestion = get(ContextKind::SuggestedSubcommand);
            if !suggestion.is_empty() {
                hints.push(lang.f("usage.did_you_mean", &[("suggestion", &suggestion)]));
            }
            lang.f(
                "usage.unknown_command",
                &[("command", &get(ContextKind::InvalidSubcommand))],
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue);
            if !valid.is_empty() {
                hints.push(lang.f("usage.possible", &[("values", &valid)]));
            }
            lang.f(
                "usage.invalid_value",
                &[("arg", &arg), ("value", &get(ContextKind::InvalidValue))],
            )
        }
        ErrorKind::MissingRequiredArgument => lang.f("usage.missing", &[("args", &arg)]),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => lang
            .f(
                "usage.missing_command",
                &[("command", &named), ("commands", &subs.join(", "))],
            ),
        ErrorKind::ArgumentConflict => {
            let other = get(ContextKind::PriorArg);
            // clap reports an option given twice as a conflict with itself.
            if other.is_empty() || other == arg {
                lang.f("usage.repeated", &[("arg", &arg)])
            } else {
                lang.f("usage.conflict", &[("arg", &arg), ("other", &other)])
            }
        }
        ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            lang.f("usage.values", &[("arg", &arg)])
        }
        ErrorKind::InvalidUtf8 => lang.t("usage.utf8").to_string(),
        _ => lang.t("usage.other").to_string(),
    };
    hints.push(lang.f("usage.help", &[("command", &command)]));
    std::iter::once(main)
        .chain(hints)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Prints an error as one line on stderr and gives its exit code. The line is
/// sanitised: an error may echo what the user typed or what the database holds.
pub fn fail(lang: Lang, err: &Error) -> ExitCode {
    eprintln!(
        "intnet: {}",
        crate::text::sanitize_line(&crate::i18n::describe_error(lang, err))
    );
    ExitCode::from(match err {
        Error::Invalid(_) | Error::Duplicate(_) | Error::Rule(_) | Error::NotFound => {
            exit::BAD_INPUT
        }
        Error::Forbidden | Error::NotMember(_) | Error::NoAccess(_) => exit::NOT_ALLOWED,
        Error::Conflict { .. } => exit::CONFLICT,
        _ => exit::FAILED,
    })
}

/// Parses a word for an optional field (a status, a kind); a wrong word is a field
/// error.
pub(super) fn word<T>(
    v: Option<String>,
    parse: fn(&str) -> Option<T>,
    words: fn() -> Vec<&'static str>,
    field: &'static str,
) -> Result<Option<T>, Error> {
    match v {
        None => Ok(None),
        Some(w) => parse(&w)
            .map(Some)
            .ok_or_else(|| Error::Invalid(vec![crate::model::FieldError::unknown(field, words())])),
    }
}

/// Prints a value as pretty JSON on stdout, every control and bidi character escaped
/// so that a terminal showing it is safe. Every `--json` output goes through here.
pub fn print_json(value: &impl serde::Serialize) -> ExitCode {
    match crate::interchange::json::to_string_pretty(value) {
        Ok(s) => {
            println!("{s}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("intnet: {}", crate::text::sanitize_line(&e.to_string()));
            ExitCode::from(exit::FAILED)
        }
    }
}

/// A one-line bad-input error with exit code 2. The values filled in are the user's
/// own input: they are sanitised, so an escape sequence typed (or pasted) is not
/// echoed to the terminal raw.
pub fn bad_input(lang: Lang, key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> ExitCode {
    let clean: Vec<(&str, String)> = args
        .iter()
        .map(|(name, value)| {
            (
                *name,
                crate::text::sanitize_line(&value.to_string()).into_owned(),
            )
        })
        .collect();
    let args: Vec<(&str, &dyn std::fmt::Display)> = clean
        .iter()
        .map(|(name, value)| (*name, value as &dyn std::fmt::Display))
        .collect();
    eprintln!("intnet: {}", lang.f(key, &args));
    ExitCode::from(exit::BAD_INPUT)
}

/// A year given to filter a list: refused outside the years records may have.
pub(super) fn year_filter(lang: Lang, year: Option<i32>) -> Result<Option<i32>, ExitCode> {
    match year {
        Some(y) if !crate::model::year_in_range(y) => Err(bad_input(
            lang,
            "err.year_filter",
            &[
                ("value", &y),
                ("min", &crate::model::YEAR_MIN),
                ("max", &crate::model::YEAR_MAX),
            ],
        )),
        y => Ok(y),
    }
}

/// Runs a data subcommand for a registered member.
pub fn run(ctx: &Ctx, command: Command) -> ExitCode {
    match command {
        Command::Member(c) => admin::member(ctx, c),
        Command::Unit(c) => admin::unit(ctx, c),
        Command::Find { query, json, limit } => partners::find(ctx, &query.join(" "), json, limit),
        Command::Org(c) => partners::org(ctx, c),
        Command::Person(c) => partners::person(ctx, c),
        Command::Interaction(c) => partners::interaction(ctx, c),
        Command::Undo => partners::undo(ctx),
        Command::Redo => partners::redo(ctx),
        Command::News(c) => news::news(ctx, c),
        Command::Training(c) => training::training(ctx, c),
        Command::Export(ExportCmd::Ics { mine }) => plans::export_ics(ctx, mine),
        Command::Export(c @ ExportCmd::Training { .. }) => training::export(ctx, c),
        Command::Export(ExportCmd::Regional { out }) => regional::export(ctx, out.as_deref()),
        Command::Export(c) => contacts::export(ctx, c),
        Command::Import(ImportCli {
            regional: Some(ImportCmd::Regional { file, from }),
            ..
        }) => regional::import(ctx, &file, &from),
        Command::Import(ImportCli {
            file: Some(file),
            format,
            dry_run,
            unit,
            map,
            country,
            create_anyway,
            ..
        }) => contacts::import(
            ctx,
            contacts::ImportArgs {
                file,
                format,
                dry_run,
                unit,
                map,
                country,
                create_anyway,
            },
        ),
        // clap requires the file when there is no subcommand.
        Command::Import(_) => ExitCode::from(2),
        Command::Plan(c) => plans::plan(ctx, c),
        Command::Project(c) => projects::project(ctx, c),
        Command::Membership(c) => projects::membership(ctx, c),
        Command::Deadlines { within, mine, json } => plans::deadlines(ctx, within, mine, json),
        Command::Report(c) => report::report(ctx, c),
        Command::Privacy(c) => privacy::privacy(ctx, c),
        Command::Retention(c) => privacy::retention(ctx, c),
        Command::Init { .. }
        | Command::Demo { .. }
        | Command::Seed { .. }
        | Command::Doctor
        | Command::Backup { .. }
        | Command::Status => ExitCode::from(exit::FAILED),
    }
}

pub use admin::{backup, demo, doctor, init, seed};

/// Opens an existing database for a registered member. An unknown account gets a
/// clear message and exit code 3, and no data.
pub fn connect(db: &std::path::Path, account: &str, lang: Lang) -> Result<Ctx, ExitCode> {
    let store = Store::connect(db).map_err(|e| fail(lang, &e))?;
    let actor = store.actor(account).map_err(|e| fail(lang, &e))?;
    Ok(Ctx { store, actor, lang })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has help text in both languages.
    #[test]
    fn help_is_in_the_catalogue() {
        fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            out.push(if path.is_empty() {
                "help.intnet".into()
            } else {
                format!("help.{path}")
            });
            for a in cmd.get_arguments() {
                out.push(format!("help.arg.{}", a.get_id()));
            }
            for s in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path}.{}", s.get_name())
                };
                walk(s, &p, out);
            }
        }
        let mut keys = Vec::new();
        walk(&Cli::command(), "", &mut keys);
        for k in keys {
            if k.ends_with(".help") || k.ends_with(".version") {
                continue;
            }
            assert_ne!(Lang::En.t(&k), k, "no English help {k}");
            assert_ne!(Lang::Sv.t(&k), k, "no Swedish help {k}");
        }
    }

    #[test]
    fn early_lang_reads_both_forms() {
        let v = |s: &[&str]| s.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(
            early_lang(&v(&["intnet", "--lang", "sv", "find"])),
            Some(Lang::Sv)
        );
        assert_eq!(early_lang(&v(&["intnet", "--lang=en"])), Some(Lang::En));
        assert_eq!(early_lang(&v(&["intnet", "find"])), None);
    }
}
