//! The terminal UI: one loop, plain state (see `docs/architecture.md`).

pub mod app;
pub mod keymap;
pub mod screens;
pub mod ui;
pub mod widgets;

use crate::cli::Ctx;
use crate::config::Settings;
use app::App;
use keymap::{BindingError, Keymap};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// How often to look for other processes' commits.
const POLL: Duration = Duration::from_millis(500);

/// Builds the app: the store, the keymap with the user's overrides (problems are shown
/// in the status bar), and the first page of data.
pub fn build(ctx: Ctx, settings: &Settings, size: (u16, u16)) -> Result<App, crate::store::Error> {
    let (keymap, problems) = Keymap::new(&settings.keys);
    let lang = ctx.lang;
    let mut app = App::new(ctx.store, ctx.actor, lang, keymap, size)?;
    if !problems.is_empty() {
        let list = problems
            .iter()
            .map(|p| match p {
                BindingError::UnknownAction(a) => lang.f("msg.unknown_binding", &[("name", a)]),
                BindingError::UnknownKey(k) => lang.f("msg.unknown_key", &[("name", k)]),
            })
            .collect::<Vec<_>>()
            .join("; ");
        app.status = Some(app::Status {
            text: list,
            error: true,
        });
    }
    Ok(app)
}

/// Runs the TUI until the user quits. The terminal is restored on exit and on panic
/// (ratatui's `try_init` installs the panic hook).
pub fn run(ctx: Ctx, settings: &Settings) -> ExitCode {
    let lang = ctx.lang;
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprintln!("intnet: {}", lang.f("err.terminal", &[("detail", &e)]));
            return ExitCode::from(crate::cli::exit::FAILED);
        }
    };
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let result = build(ctx, settings, size)
        .map_err(|e| crate::i18n::describe_error(lang, &e))
        .and_then(|mut app| {
            event_loop(&mut terminal, &mut app).map_err(|e| lang.f("err.io", &[("detail", &e)]))
        });
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("intnet: {message}");
            ExitCode::from(crate::cli::exit::FAILED)
        }
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    terminal.draw(|f| ui::draw(f, app))?;
    let mut next_poll = Instant::now() + POLL;
    while !app.quit {
        let timeout = next_poll.saturating_duration_since(Instant::now());
        let mut dirty = false;
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    app.handle_key(k);
                    dirty = true;
                }
                Event::Resize(w, h) => {
                    app.resize(w, h);
                    dirty = true;
                }
                _ => {}
            }
        }
        if Instant::now() >= next_poll {
            next_poll = Instant::now() + POLL;
            dirty |= app.poll_changes();
        }
        if dirty && !app.quit {
            terminal.draw(|f| ui::draw(f, app))?;
        }
    }
    Ok(())
}
