//! `intnet`: parse arguments, resolve config and identity, dispatch.

use intnet::cli::{self, Command, Ctx};
use intnet::{config, identity};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `intnet news list | head` must end quietly, not panic on a closed pipe.
    // SAFETY: restoring the default disposition of SIGPIPE before any thread exists.
    let _ = unsafe {
        nix::sys::signal::signal(
            nix::sys::signal::Signal::SIGPIPE,
            nix::sys::signal::SigHandler::SigDfl,
        )
    };
    // Before any file exists: group access from the start, nothing for others.
    intnet::files::set_shared_umask();
    let args = cli::parse();
    let settings = config::resolve(args.db.as_deref(), args.lang);
    let lang = settings.lang;
    if matches!(args.command, Some(Command::Status)) {
        // For a login script: quiet, fast, never an error.
        return match identity::acting_account(args.as_user.as_deref()) {
            Ok(account) => cli::news::status(&settings.db, &account, lang),
            Err(_) => ExitCode::SUCCESS,
        };
    }
    for (path, problem) in &settings.warnings {
        eprintln!(
            "intnet: {}",
            lang.f(
                "cli.config_warning",
                &[("path", &path.display()), ("problem", problem)]
            )
        );
    }
    let account = match identity::acting_account(args.as_user.as_deref()) {
        Ok(a) => a,
        Err(identity::IdentityError::NotRoot) => {
            eprintln!("intnet: {}", lang.t("err.as_needs_root"));
            return ExitCode::from(cli::exit::NOT_ALLOWED);
        }
        Err(identity::IdentityError::NoAccount(uid)) => {
            eprintln!("intnet: {}", lang.f("err.no_account", &[("uid", &uid)]));
            return ExitCode::from(cli::exit::NOT_ALLOWED);
        }
    };
    match args.command {
        Some(Command::Doctor) => cli::doctor(&settings.db, lang),
        Some(Command::Init { name }) => cli::init(&settings.db, &account, name, lang),
        Some(Command::Seed { scale }) => cli::seed(&settings.db, &account, scale, lang),
        Some(Command::Backup { out }) => cli::backup(&settings.db, &out, lang),
        Some(Command::Demo { no_tui }) => match cli::demo(args.db.as_deref(), &account, lang) {
            Ok(_) if no_tui => ExitCode::SUCCESS,
            Ok((store, actor)) => intnet::tui::run(Ctx { store, actor, lang }, &settings),
            Err(code) => code,
        },
        command => {
            let ctx = match cli::connect(&settings.db, &account, lang) {
                Ok(ctx) => ctx,
                Err(code) => return code,
            };
            match command {
                None => intnet::tui::run(ctx, &settings),
                Some(c) => cli::run(&ctx, c),
            }
        }
    }
}
