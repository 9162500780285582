//! Reusable pieces: text input, forms and popups.

pub mod form;
pub mod input;
pub mod popup;
pub mod rows;
pub mod window;
pub mod wrap;
