//! What a running command or UI session has: the open database, the member acting,
//! the language; and the exit codes every front end uses.

use crate::i18n::Lang;
use crate::model::Actor;
use crate::store::Store;

/// Exit codes: 0 done, 1 failed, 2 bad input, 3 not a member or not allowed, 4 conflict.
pub mod exit {
    pub const FAILED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    pub const NOT_ALLOWED: u8 = 3;
    pub const CONFLICT: u8 = 4;
}

/// What every data command needs.
pub struct Ctx {
    pub store: Store,
    pub actor: Actor,
    pub lang: Lang,
}
