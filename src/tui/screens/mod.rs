//! Screens. Each owns its state struct, its loading (through the store) and its drawing.

pub mod contacts;
pub mod news;
pub mod plans;
pub mod projects;
pub mod training;

/// The screens, in tab order. Only screens that work are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Contacts,
    News,
    Training,
    Plans,
    Projects,
}

impl Screen {
    pub const ALL: &'static [Screen] = &[
        Screen::Contacts,
        Screen::News,
        Screen::Training,
        Screen::Plans,
        Screen::Projects,
    ];

    /// The i18n key of the tab's name.
    pub fn key(self) -> &'static str {
        match self {
            Screen::Contacts => "screen.contacts",
            Screen::News => "screen.news",
            Screen::Training => "screen.training",
            Screen::Plans => "screen.plans",
            Screen::Projects => "screen.projects",
        }
    }

    fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn next(self) -> Screen {
        Screen::ALL[(self.index() + 1) % Screen::ALL.len()]
    }

    pub fn prev(self) -> Screen {
        Screen::ALL[(self.index() + Screen::ALL.len() - 1) % Screen::ALL.len()]
    }
}
