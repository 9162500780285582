//! Reusable pieces: text input and forms.

pub mod form;
pub mod input;
pub mod window;
