//! The terminal UI: one loop, plain state (see `docs/architecture.md`).

pub mod app;
mod forms;
pub mod keymap;
mod plan_forms;
pub mod screens;
pub mod ui;
pub mod widgets;

use crate::config::Settings;
use crate::session::{Ctx, exit};
use app::App;
use keymap::{BindingError, Keymap};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use signal_hook::consts::{SIGHUP, SIGTERM};
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
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
/// (ratatui's `try_init` installs the panic hook). A form being typed is saved as a
/// draft every few seconds, and at once on SIGHUP or SIGTERM (a dropped SSH link) and
/// on a panic; the next start offers to resume it.
pub fn run(ctx: Ctx, settings: &Settings) -> ExitCode {
    let lang = ctx.lang;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGHUP, SIGTERM] {
        if let Err(e) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
            eprintln!("intnet: {}", lang.f("err.io", &[("detail", &e)]));
        }
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            eprintln!("intnet: {}", lang.f("err.terminal", &[("detail", &e)]));
            return ExitCode::from(exit::FAILED);
        }
    };
    let size = terminal
        .size()
        .map(|s| (s.width, s.height))
        .unwrap_or((80, 24));
    let mut app = match build(ctx, settings, size) {
        Ok(app) => app,
        Err(e) => {
            ratatui::restore();
            eprintln!("intnet: {}", crate::i18n::describe_error(lang, &e));
            return ExitCode::from(exit::FAILED);
        }
    };
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &stop)
    }));
    // Whatever ended the loop, what was typed goes to the database first.
    app.autosave(true);
    ratatui::restore();
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        // The terminal went away (hang-up): nothing to tell anyone.
        Ok(Err(_)) if stop.load(Ordering::Relaxed) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("intnet: {}", lang.f("err.io", &[("detail", &e)]));
            ExitCode::from(exit::FAILED)
        }
        Err(_) => {
            eprintln!("intnet: {}", lang.t("err.panic"));
            ExitCode::from(101)
        }
    }
}

/// True when the terminal has hung up (the SSH link dropped): reading it would only
/// ever give end-of-file.
fn terminal_gone() -> bool {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::os::fd::AsFd;
    let stdin = std::io::stdin();
    let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
    match poll(&mut fds, PollTimeout::ZERO) {
        Ok(_) => fds[0].revents().is_some_and(|r| {
            r.intersects(PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL)
        }),
        Err(_) => false,
    }
}

/// Reads terminal events on a thread of its own, so the loop below can always look at
/// the clock, the database and the stop flag, even if the terminal misbehaves after a
/// hang-up.
fn spawn_input() -> mpsc::Receiver<std::io::Result<Event>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        loop {
            let ev = event::read();
            let failed = ev.is_err();
            if tx.send(ev).is_err() || failed {
                break;
            }
        }
    });
    rx
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    terminal.draw(|f| ui::draw(f, app))?;
    let input = spawn_input();
    let mut next_poll = Instant::now() + POLL;
    while !app.quit {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let timeout = next_poll.saturating_duration_since(Instant::now());
        let mut dirty = false;
        match input.recv_timeout(timeout) {
            Ok(Ok(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                app.handle_key(k);
                dirty = true;
            }
            Ok(Ok(Event::Resize(w, h))) => {
                app.resize(w, h);
                dirty = true;
            }
            Ok(Ok(_)) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Err(e)) => return Err(e),
            Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
        }
        if Instant::now() >= next_poll {
            next_poll = Instant::now() + POLL;
            if terminal_gone() {
                stop.store(true, Ordering::Relaxed);
                return Ok(());
            }
            dirty |= app.poll_changes();
            app.autosave(false);
        }
        if dirty && !app.quit {
            terminal.draw(|f| ui::draw(f, app))?;
        }
    }
    Ok(())
}
