//! Configuration: where the database is, the language, and key bindings.
//!
//! Database: `--db` > `INTNET_DB` > user config > system config > the per-user data dir.
//! Language: `--lang` > user config > system config > `LC_ALL`/`LC_MESSAGES`/`LANG`.
//! Key bindings: the system file's, then the user's on top.

use crate::i18n::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The system-wide config file.
pub const SYSTEM_CONFIG: &str = "/etc/intnet/config.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub db: Option<PathBuf>,
    pub lang: Option<String>,
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
}

/// The settings in force, with any problems found while reading them.
#[derive(Debug, Clone)]
pub struct Settings {
    pub db: PathBuf,
    pub lang: Lang,
    pub keys: BTreeMap<String, String>,
    /// Problems with config files: (path, message). They are reported, not fatal.
    pub warnings: Vec<(PathBuf, String)>,
}

/// The user's config file: `INTNET_CONFIG`, else `~/.config/intnet/config.toml`.
pub fn user_config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTNET_CONFIG") {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("se", "Gavle", "intnet")
        .map(|d| d.config_dir().join("config.toml"))
}

fn system_config_path() -> PathBuf {
    std::env::var_os("INTNET_SYSTEM_CONFIG")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(SYSTEM_CONFIG))
}

/// The default database when nothing names one: the per-user data dir.
pub fn default_db() -> PathBuf {
    directories::ProjectDirs::from("se", "Gavle", "intnet")
        .map(|d| d.data_dir().join("intnet.db"))
        .unwrap_or_else(|| PathBuf::from("intnet.db"))
}

/// Where a draft goes when the database will not take it: the user's own data
/// directory (`INTNET_SPOOL` overrides it, for tests).
pub fn spool_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("INTNET_SPOOL").filter(|v| !v.is_empty()) {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("se", "Gavle", "intnet")
        .map(|d| d.data_dir().join("drafts"))
        .unwrap_or_else(|| PathBuf::from(".intnet-drafts"))
}

fn read(path: &Path, warnings: &mut Vec<(PathBuf, String)>) -> Option<File> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            warnings.push((path.to_path_buf(), e.to_string()));
            return None;
        }
    };
    match toml::from_str::<File>(&text) {
        Ok(f) => Some(f),
        Err(e) => {
            warnings.push((path.to_path_buf(), e.message().to_string()));
            None
        }
    }
}

/// The language the environment asks for: Swedish for `sv_*`, else English.
pub fn env_lang() -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return Lang::from_locale(&v);
        }
    }
    Lang::En
}

/// Resolves the settings from the command line, the environment and the files.
pub fn resolve(cli_db: Option<&Path>, cli_lang: Option<Lang>) -> Settings {
    let mut warnings = Vec::new();
    let system = read(&system_config_path(), &mut warnings).unwrap_or_default();
    let user = user_config_path()
        .and_then(|p| read(&p, &mut warnings))
        .unwrap_or_default();
    let db = cli_db
        .map(Path::to_path_buf)
        .or_else(|| {
            std::env::var_os("INTNET_DB")
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or(user.db.clone())
        .or(system.db.clone())
        .unwrap_or_else(default_db);
    let file_lang = |f: &File| f.lang.as_deref().and_then(Lang::parse);
    let lang = cli_lang
        .or_else(|| file_lang(&user))
        .or_else(|| file_lang(&system))
        .unwrap_or_else(env_lang);
    let mut keys = system.keys;
    keys.extend(user.keys);
    Settings {
        db,
        lang,
        keys,
        warnings,
    }
}
