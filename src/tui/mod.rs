//! The terminal UI: one loop, plain state (see `docs/architecture.md`).

pub mod app;
mod app_confirm;
mod app_forms;
mod app_history;
mod app_jump;
mod app_lookup;
pub mod component;
mod drafts;
pub mod forms;
mod key;
pub mod keymap;
pub mod screens;
pub mod theme;
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
use std::sync::atomic::{AtomicUsize, Ordering};
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
    app.theme = theme::Theme::named(settings.theme);
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

/// The exit status of a program ended by `signal`: 128 + its number, as a shell
/// reports it (129 for SIGHUP, 143 for SIGTERM).
pub fn signal_status(signal: usize) -> u8 {
    u8::try_from(signal)
        .ok()
        .and_then(|s| s.checked_add(128))
        .unwrap_or(exit::FAILED)
}

/// Runs the TUI until the user quits. The terminal is restored on exit and on panic
/// (see `init`). A form being typed is saved as a draft every few seconds, and at once
/// on SIGHUP or SIGTERM (a dropped SSH link), when the terminal hangs up, and on a
/// panic; the next start offers to resume it.
///
/// Exit status: 0 when the user quits; 128 + the signal's number after SIGHUP (129)
/// or SIGTERM (143), and 129 when the terminal hung up without a signal; 101 after a
/// panic; 1 for other errors.
pub fn run(ctx: Ctx, settings: &Settings) -> ExitCode {
    let lang = ctx.lang;
    // 0 while running; the number of the signal that asks us to stop.
    let stop = Arc::new(AtomicUsize::new(0));
    for signal in [SIGHUP, SIGTERM] {
        let number = usize::try_from(signal).unwrap_or(0);
        if let Err(e) = signal_hook::flag::register_usize(signal, Arc::clone(&stop), number) {
            say(&lang.f("err.io", &[("detail", &e)]));
        }
    }
    let mut terminal = match init() {
        Ok(t) => t,
        Err(e) => {
            restore();
            say(&lang.f("err.terminal", &[("detail", &e)]));
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
            restore();
            say(&crate::i18n::describe_error(lang, &e));
            return ExitCode::from(exit::FAILED);
        }
    };
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &stop)
    }));
    // Whatever ended the loop, what was typed goes to the database first.
    app.leave();
    restore();
    // ratatui shows the cursor when the terminal is dropped and prints (panicking, on
    // a hung-up terminal) if it cannot: show it here and never drop a dead one.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    // A read error on a terminal that has hung up is the hang-up, not a fault.
    if matches!(outcome, Ok(Err(_))) && terminal_gone() {
        let _ = stop.compare_exchange(0, hang_up(), Ordering::Relaxed, Ordering::Relaxed);
    }
    let signal = stop.load(Ordering::Relaxed);
    match outcome {
        Err(_) => {
            say(lang.t("err.panic"));
            ExitCode::from(101)
        }
        // Stopped by a signal or a hang-up: nobody is left to read a message.
        Ok(_) if signal != 0 => ExitCode::from(signal_status(signal)),
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            say(&lang.f("err.io", &[("detail", &e)]));
            ExitCode::from(exit::FAILED)
        }
    }
}

/// Prints a message on stderr. Unlike `eprintln!`, never panics: after a hang-up
/// stderr is a dead terminal.
fn say(message: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "intnet: {message}");
}

/// Like `ratatui::try_init`, with a panic hook that restores the terminal without
/// `ratatui::restore`'s `eprintln!` (which panics again, and so aborts, when the
/// terminal has hung up).
fn init() -> std::io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::{execute, terminal};
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    terminal::enable_raw_mode()?;
    execute!(std::io::stdout(), terminal::EnterAlternateScreen)?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

/// Leaves raw mode and the alternate screen, quietly: if the terminal is gone there is
/// nothing to restore and nobody to tell.
fn restore() {
    let _ = ratatui::try_restore();
}

/// The stop value for a terminal that hung up without a signal: as if SIGHUP came.
fn hang_up() -> usize {
    usize::try_from(SIGHUP).unwrap_or(1)
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

/// Sets the date drawing counts from; true when it changed, so the screen is redrawn.
pub fn set_today(app: &mut App, today: String) -> bool {
    if app.today == today {
        return false;
    }
    app.today = today;
    true
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicUsize,
) -> std::io::Result<()> {
    terminal.draw(|f| ui::draw(f, app))?;
    let input = spawn_input();
    let mut next_poll = Instant::now() + POLL;
    while !app.quit {
        if stop.load(Ordering::Relaxed) != 0 {
            return Ok(());
        }
        let timeout = next_poll.saturating_duration_since(Instant::now());
        let mut dirty = false;
        match input.recv_timeout(timeout) {
            Ok(Ok(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                #[cfg(debug_assertions)]
                test_panic(k);
                app.handle_key(k);
                if app.suspend {
                    app.suspend = false;
                    suspend(terminal, app)?;
                }
                dirty = true;
            }
            Ok(Ok(Event::Resize(w, h))) => {
                app.resize(w, h);
                dirty = true;
            }
            Ok(Ok(_)) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Ok(Err(e)) => return Err(e),
            // The reading thread ended without an error: it panicked.
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(std::io::Error::other(app.t("err.input_stopped")));
            }
        }
        if Instant::now() >= next_poll {
            next_poll = Instant::now() + POLL;
            if terminal_gone() {
                let _ = stop.compare_exchange(0, hang_up(), Ordering::Relaxed, Ordering::Relaxed);
                return Ok(());
            }
            dirty |= app.poll_changes();
            app.autosave(false);
            // Past midnight: countdowns and overdue marks count from the new day.
            dirty |= set_today(app, crate::store::today());
        }
        if dirty && !app.quit {
            terminal.draw(|f| ui::draw(f, app))?;
        }
        // A long step a panel announced: its message is on screen now.
        if app.working {
            app.resume_work();
            terminal.draw(|f| ui::draw(f, app))?;
        }
    }
    Ok(())
}

/// `Ctrl-Z`: saves the draft of an open form (the form itself stays open), gives the
/// terminal back (raw mode and the alternate screen off, cursor shown) and stops the
/// process as the shell's job control expects. On `SIGCONT` (`fg`) it takes the
/// terminal again and clears it, so the next draw paints every cell.
fn suspend(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    use nix::sys::signal::{Signal, raise};
    use ratatui::crossterm::{execute, terminal as term};
    app.autosave(true);
    restore();
    let _ = terminal.show_cursor();
    // Stops here until the shell sends SIGCONT (`fg`). Without job control (an
    // orphaned process group) the kernel drops the signal and we simply go on.
    raise(Signal::SIGTSTP).map_err(std::io::Error::from)?;
    term::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        term::EnterAlternateScreen,
        term::Clear(term::ClearType::All)
    )?;
    // Both buffers blank, as the screen now is: the next draw writes every cell.
    // (`Terminal::clear` would do this too, but it asks the terminal for the cursor
    // position, an answer the input thread reads first.)
    terminal.current_buffer_mut().reset();
    terminal.swap_buffers();
    // The window may have changed size while we were stopped.
    if let Ok(size) = terminal.size() {
        app.resize(size.width, size.height);
    }
    Ok(())
}

/// Debug builds only, for the end-to-end test of the panic path: with
/// `INTNET_TEST_PANIC_KEY=F12` in the environment, F12 panics. Release builds have no
/// such key.
#[cfg(debug_assertions)]
fn test_panic(k: ratatui::crossterm::event::KeyEvent) {
    use ratatui::crossterm::event::KeyCode;
    if k.code == KeyCode::F(12)
        && std::env::var_os("INTNET_TEST_PANIC_KEY").is_some_and(|v| v == "F12")
    {
        panic!("INTNET_TEST_PANIC_KEY: panic on request");
    }
}
