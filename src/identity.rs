//! Who is running this process: the OS account (from the real user id, never `$USER`).

use nix::unistd::{Uid, User};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum IdentityError {
    #[error("no account for uid {0}")]
    NoAccount(u32),
    #[error("only root may act as another user")]
    NotRoot,
}

/// The login name of the real user id.
pub fn os_account() -> Result<String, IdentityError> {
    let uid = Uid::current();
    User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.name)
        .ok_or(IdentityError::NoAccount(uid.as_raw()))
}

/// The real name from the passwd entry (GECOS), if any.
pub fn os_full_name() -> Option<String> {
    let user = User::from_uid(Uid::current()).ok().flatten()?;
    let gecos = user.gecos.to_string_lossy().to_string();
    let name = gecos.split(',').next().unwrap_or("").trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// The account this process acts as: the OS account, or `as_user` when root asks.
pub fn acting_account(as_user: Option<&str>) -> Result<String, IdentityError> {
    match as_user {
        None => os_account(),
        Some(other) if Uid::current().is_root() => Ok(other.to_string()),
        Some(_) => Err(IdentityError::NotRoot),
    }
}
