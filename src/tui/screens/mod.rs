//! Screens. Each owns its state struct, its loading (through the store) and its drawing.

pub mod contacts;
pub mod deadlines;
pub mod news;
pub mod plans;
pub mod projects;
pub mod report;
pub mod training;

use super::component::Component;

/// The screens, registered once: a tab's number follows the order here, `key` names
/// its tab in the catalogue, the field holds its state (a [`Component`]), `new` makes
/// it, `draw` is the screen file's free drawing function. Adding a screen is a new file
/// in this folder and one line here.
macro_rules! screens {
    ($($variant:ident => $field:ident: $ty:ty = $new:expr, $key:literal, $draw:path;)+) => {
        /// The screens, in tab order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Screen { $($variant),+ }

        impl Screen {
            pub const ALL: &'static [Screen] = &[$(Screen::$variant),+];

            /// The i18n key of the tab's name.
            pub fn key(self) -> &'static str {
                match self { $(Screen::$variant => $key),+ }
            }
        }

        /// The state of every screen.
        pub struct Screens {
            $(pub $field: $ty),+
        }

        impl Screens {
            pub fn new(order: crate::store::SortOrder) -> Screens {
                let _ = &order;
                Screens { $($field: $new(order)),+ }
            }

            pub fn get(&self, screen: Screen) -> &dyn Component {
                match screen { $(Screen::$variant => &self.$field),+ }
            }

            pub fn get_mut(&mut self, screen: Screen) -> &mut dyn Component {
                match screen { $(Screen::$variant => &mut self.$field),+ }
            }

            /// Every screen, for a refresh.
            pub fn all_mut(&mut self) -> Vec<&mut dyn Component> {
                vec![$(&mut self.$field),+]
            }

            /// Draws `screen` in `area`.
            pub fn draw(
                &self,
                screen: Screen,
                f: &mut ratatui::Frame,
                area: ratatui::layout::Rect,
                view: super::theme::View,
            ) {
                match screen { $(Screen::$variant => $draw(f, area, &self.$field, view)),+ }
            }
        }
    };
}

screens! {
    Contacts => contacts: contacts::Contacts = contacts::Contacts::new, "screen.contacts", contacts::draw;
    News => news: news::NewsScreen = |_| news::NewsScreen::default(), "screen.news", news::draw;
    Training => training: training::TrainingScreen = |_| training::TrainingScreen::new(), "screen.training", training::draw;
    Plans => plans: plans::PlansScreen = |_| plans::PlansScreen::new(), "screen.plans", plans::draw;
    Projects => projects: projects::ProjectsScreen = |_| projects::ProjectsScreen::default(), "screen.projects", projects::draw;
    Report => report: report::ReportScreen = |_| report::ReportScreen::new(), "screen.report", report::draw;
}

impl Screen {
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
