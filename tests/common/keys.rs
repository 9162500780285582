//! Driving the TUI in a test: an `App` for a member of the test database, keys as a
//! person types them, and the screen as text (the app's own size).

use intnet::i18n::Lang;
use intnet::store::Store;
use intnet::tui::app::App;
use intnet::tui::keymap::Keymap;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The app as `who` sees it, with the default keys, on a 100×30 terminal.
pub fn app_for(e: &super::Env, who: &str, lang: Lang) -> App {
    let store = Store::open(&e.path).unwrap();
    let actor = store.actor(who).unwrap();
    let (keymap, _) = Keymap::new(&Default::default());
    App::new(store, actor, lang, keymap, (100, 30)).unwrap()
}

/// A key, then what the event loop does after drawing: a long step a panel
/// announced (`App::resume_work`).
pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    app.resume_work();
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// What the terminal shows, one line per row.
pub fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| intnet::tui::ui::draw(f, app)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
