//! Screens. Each owns its state struct, its loading (through the store) and its drawing.

pub mod contacts;
