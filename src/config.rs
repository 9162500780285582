//! Configuration: where the database is, the language, and key bindings.
//!
//! Database: `--db` > `INTNET_DB` > user config > system config > the per-user data dir.
//! Language: `--lang` > user config > system config > `LC_ALL`/`LC_MESSAGES`/`LANG`.
//! Key bindings: the system file's, then the user's on top.
//! Theme: `NO_COLOR` (non-empty) > user config > system config > the default.

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
    pub theme: Option<String>,
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
}

/// The settings in force, with any problems found while reading them.
#[derive(Debug, Clone)]
pub struct Settings {
    pub db: PathBuf,
    pub lang: Lang,
    pub keys: BTreeMap<String, String>,
    pub theme: ThemeName,
    /// Problems with config files: (path, message). They are reported, not fatal.
    pub warnings: Vec<(PathBuf, String)>,
}

/// The TUI's look (see `tui::theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    /// No colour: meaning by bold, underline, reverse and markers.
    NoColor,
    HighContrast,
}

impl ThemeName {
    pub fn parse(s: &str) -> Option<ThemeName> {
        match s {
            "default" => Some(ThemeName::Default),
            "no-color" => Some(ThemeName::NoColor),
            "high-contrast" => Some(ThemeName::HighContrast),
            _ => None,
        }
    }
}

/// True when `NO_COLOR` is set to anything non-empty (no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The theme: the last file (user after system) that names a known one, else the
/// default; `NO_COLOR` beats both. An unknown name is a warning and means the default.
fn resolve_theme(
    files: &[(&File, Option<&PathBuf>)],
    no_color: bool,
    lang: Lang,
    warnings: &mut Vec<(PathBuf, String)>,
) -> ThemeName {
    let mut theme = ThemeName::Default;
    for (file, path) in files {
        let Some(name) = file.theme.as_deref() else {
            continue;
        };
        match ThemeName::parse(name) {
            Some(t) => theme = t,
            None => {
                theme = ThemeName::Default;
                warnings.push((
                    path.cloned().unwrap_or_default(),
                    lang.f(
                        "cli.unknown_theme",
                        &[("name", &crate::text::sanitize_line(name))],
                    ),
                ));
            }
        }
    }
    if no_color { ThemeName::NoColor } else { theme }
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
    let system_path = system_config_path();
    let system = read(&system_path, &mut warnings).unwrap_or_default();
    let user_path = user_config_path();
    let user = user_path
        .as_ref()
        .and_then(|p| read(p, &mut warnings))
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
    let theme = resolve_theme(
        &[(&system, Some(&system_path)), (&user, user_path.as_ref())],
        no_color_env(),
        lang,
        &mut warnings,
    );
    let mut keys = system.keys;
    keys.extend(user.keys);
    Settings {
        db,
        lang,
        keys,
        theme,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(theme: Option<&str>) -> File {
        File {
            theme: theme.map(str::to_string),
            ..Default::default()
        }
    }

    #[test]
    fn the_theme_comes_from_the_files_and_no_color_wins() {
        let (sys, user) = (PathBuf::from("/etc/x"), PathBuf::from("/home/x"));
        let mut w = Vec::new();
        let pick = |s: &File, u: &File, no_color: bool, w: &mut Vec<(PathBuf, String)>| {
            resolve_theme(&[(s, Some(&sys)), (u, Some(&user))], no_color, Lang::En, w)
        };
        let none = file(None);
        assert_eq!(pick(&none, &none, false, &mut w), ThemeName::Default);
        let hc = file(Some("high-contrast"));
        let nc = file(Some("no-color"));
        assert_eq!(pick(&hc, &none, false, &mut w), ThemeName::HighContrast);
        assert_eq!(
            pick(&hc, &nc, false, &mut w),
            ThemeName::NoColor,
            "user wins"
        );
        assert_eq!(
            pick(&hc, &none, true, &mut w),
            ThemeName::NoColor,
            "NO_COLOR wins"
        );
        assert!(w.is_empty(), "{w:?}");
        let bad = file(Some("neon"));
        assert_eq!(pick(&hc, &bad, false, &mut w), ThemeName::Default);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, user);
        assert!(w[0].1.contains("neon"), "{w:?}");
    }
}
