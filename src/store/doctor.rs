//! `intnet doctor`: is the shared database file healthy and safely shared?

use super::{LATEST_VERSION, Result, Store};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

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

/// The file-mode checks for one file: group may read and write, others nothing.
fn file_checks(out: &mut Vec<Check>, path: &Path, what: &'static str, required: bool) {
    match std::fs::metadata(path) {
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

/// Runs every check. The store must be open on `path`.
pub fn run(path: &Path) -> Result<Vec<Check>> {
    let mut out = Vec::new();
    out.push(Check {
        what: "doctor.path",
        value: path.display().to_string(),
        ok: true,
        advice: None,
    });
    file_checks(&mut out, path, "doctor.file", true);
    if !path.exists() {
        return Ok(out);
    }
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
    for (suffix, what) in [("-wal", "doctor.wal"), ("-shm", "doctor.shm")] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        file_checks(&mut out, Path::new(&p), what, false);
    }
    let nfs = on_nfs(path);
    out.push(check(
        "doctor.nfs",
        if nfs { "nfs" } else { "local" }.to_string(),
        !nfs,
        "doctor.advice_nfs",
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
    Ok(out)
}
