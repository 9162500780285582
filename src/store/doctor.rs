//! `intnet doctor`: is the shared database file healthy and safely shared?

use super::{LATEST_VERSION, Result, Store};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// One line of the doctor's report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Check {
    /// i18n key of what was checked.
    pub what: &'static str,
    pub value: String,
    pub ok: bool,
    /// i18n key of the advice when not ok.
    pub advice: Option<&'static str>,
}

fn check(what: &'static str, value: String, ok: bool, advice: &'static str) -> Check {
    Check {
        what,
        value,
        ok,
        advice: (!ok).then_some(advice),
    }
}

fn group_name(gid: u32) -> String {
    nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(gid))
        .ok()
        .flatten()
        .map(|g| g.name)
        .unwrap_or_else(|| gid.to_string())
}

/// True when the file lives on NFS, where SQLite's locking is not reliable.
fn on_nfs(path: &Path) -> bool {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    nix::sys::statfs::statfs(dir)
        .map(|s| s.filesystem_type() == nix::sys::statfs::NFS_SUPER_MAGIC)
        .unwrap_or(false)
}

/// The path of `path` with `suffix` appended (`-wal`, `-shm`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The file-mode checks for one file: a real file (not a link), group may read and
/// write, others nothing.
fn file_checks(out: &mut Vec<Check>, path: &Path, what: &'static str, required: bool) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_default();
            out.push(check(
                what,
                format!("{} -> {target}", path.display()),
                false,
                "doctor.advice_link",
            ));
        }
        Ok(meta) => {
            let mode = meta.mode() & 0o777;
            let shared = mode & 0o060 == 0o060;
            let private = mode & 0o007 == 0;
            out.push(check(
                what,
                format!("{} {:04o} {}", path.display(), mode, group_name(meta.gid())),
                shared && private,
                if private {
                    "doctor.advice_group"
                } else {
                    "doctor.advice_world"
                },
            ));
        }
        Err(_) if !required => {}
        Err(e) => out.push(check(
            what,
            format!("{}: {e}", path.display()),
            false,
            "doctor.advice_missing",
        )),
    }
}

/// The directory holding the database: anyone who may write it may rename or replace
/// the file, so it belongs to the file's group, gives the group everything, has the
/// setgid bit (new files get the group) and gives others nothing.
fn dir_check(out: &mut Vec<Check>, path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(meta) = std::fs::metadata(dir) else {
        return;
    };
    let file_gid = std::fs::metadata(path).map(|m| m.gid()).ok();
    let mode = meta.mode() & 0o7777;
    let ok = mode & 0o070 == 0o070
        && mode & 0o007 == 0
        && mode & 0o2000 != 0
        && file_gid.is_none_or(|g| g == meta.gid());
    out.push(check(
        "doctor.dir",
        format!("{} {:04o} {}", dir.display(), mode, group_name(meta.gid())),
        ok,
        "doctor.advice_dir",
    ));
}

/// Backup copies beside the database (`NAME.bak-vN`, and what `intnet backup` wrote
/// there) hold the same data: they must be real files closed to others. Temporary files
/// of an interrupted write (`.NAME….tmp-…`) are reported so they can be removed.
fn backup_checks(out: &mut Vec<Check>, path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut backups = Vec::new();
    let mut bad = Vec::new();
    let mut leftovers = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".tmp-") {
            leftovers.push(name);
        } else if name.starts_with(&format!("{stem}.bak-v")) {
            match entry.path().symlink_metadata() {
                Ok(m) if m.file_type().is_symlink() || m.mode() & 0o007 != 0 => bad.push(name),
                _ => backups.push(name),
            }
        }
    }
    if !backups.is_empty() || !bad.is_empty() {
        backups.sort();
        bad.sort();
        let value = if bad.is_empty() { backups } else { bad.clone() };
        out.push(check(
            "doctor.backups",
            value.join(", "),
            bad.is_empty(),
            "doctor.advice_backup",
        ));
    }
    if !leftovers.is_empty() {
        leftovers.sort();
        out.push(check(
            "doctor.leftovers",
            leftovers.join(", "),
            false,
            "doctor.advice_leftover",
        ));
    }
}

/// What `doctor` found: every check, and the error that stopped it, if one did (the
/// checks made before it are still worth printing).
pub struct Report {
    pub checks: Vec<Check>,
    pub error: Option<super::Error>,
}

/// Runs every check. `umask` is the one the session started with (intnet sets its own
/// at once, but other programs run with the session's).
pub fn run(path: &Path, umask: u32) -> Report {
    let mut checks = vec![Check {
        what: "doctor.path",
        value: path.display().to_string(),
        ok: true,
        advice: None,
    }];
    file_checks(&mut checks, path, "doctor.file", true);
    dir_check(&mut checks, path);
    for (suffix, what) in [("-wal", "doctor.wal"), ("-shm", "doctor.shm")] {
        file_checks(&mut checks, &with_suffix(path, suffix), what, false);
    }
    checks.push(check(
        "doctor.umask",
        format!("{umask:04o}"),
        umask & 0o070 == 0 && umask & 0o007 == 0o007,
        "doctor.advice_umask",
    ));
    backup_checks(&mut checks, path);
    let nfs = on_nfs(path);
    checks.push(check(
        "doctor.nfs",
        if nfs { "nfs" } else { "local" }.to_string(),
        !nfs,
        "doctor.advice_nfs",
    ));
    let error = if !checks
        .iter()
        .all(|c| c.ok || c.advice != Some("doctor.advice_link"))
        || !path.exists()
    {
        // A link is not opened, even to look; a missing file has nothing more to say.
        None
    } else {
        database_checks(&mut checks, path).err()
    };
    Report { checks, error }
}

/// The checks that need the database open.
fn database_checks(out: &mut Vec<Check>, path: &Path) -> Result<()> {
    let store = Store::open_existing(path, std::time::Duration::from_secs(2))?;
    let version = store.schema_version()?;
    out.push(check(
        "doctor.schema",
        format!("{version} / {LATEST_VERSION}"),
        version == LATEST_VERSION,
        if version > LATEST_VERSION {
            "doctor.advice_newer"
        } else {
            "doctor.advice_migrate"
        },
    ));
    let mode: String = store
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    out.push(check(
        "doctor.journal",
        mode.clone(),
        mode.eq_ignore_ascii_case("wal"),
        "doctor.advice_wal",
    ));
    let quick: String = store
        .conn()
        .query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    out.push(check(
        "doctor.quick_check",
        quick.clone(),
        quick == "ok",
        "doctor.advice_corrupt",
    ));
    Ok(())
}
