//! Files on a shared server: every file intnet makes is created with group access from
//! the start, never through a link it did not make, and written under a temporary name
//! in the same directory, then renamed into place.
//!
//! Why each rule: the database directory is writable by the whole `intnet` group, so any
//! member can put a symbolic link where intnet is about to write (root would then write
//! wherever it points), or open a companion file (`-wal`) in the moment between its
//! creation with the umask's mode and a later `chmod` (and so be left read-only). A
//! temporary name plus `rename` means a reader never sees half a file, and a crash
//! leaves only a temporary file that nothing mistakes for the real one.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of files the group shares: owner and group read and write, others nothing.
pub const SHARED_MODE: u32 = 0o660;
/// The mode of a file only its owner may read (a draft in the user's own directory).
pub const PRIVATE_MODE: u32 = 0o600;

/// The umask intnet runs with, from the one it was started with: group bits cleared
/// (files are shared with the group from the moment they exist), every bit for others
/// set (nothing is readable by other accounts), the owner's bits kept.
pub fn shared_umask(old: u32) -> u32 {
    (old & 0o700) | 0o007
}

/// The umask the process started with, before [`set_shared_umask`].
static SESSION_UMASK: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// Sets the process umask to [`shared_umask`] of the current one. Call it first in
/// `main`, before any file (SQLite's `-wal` and `-shm` included) is created.
pub fn set_shared_umask() {
    use nix::sys::stat::{Mode, umask};
    // umask can only be read by setting it; set it again at once to the computed value.
    let old = umask(Mode::from_bits_truncate(0o077)).bits();
    umask(Mode::from_bits_truncate(shared_umask(old)));
    let _ = SESSION_UMASK.set(old);
}

/// The umask the session started with (what other programs it runs get).
pub fn session_umask() -> u32 {
    *SESSION_UMASK.get_or_init(|| {
        use nix::sys::stat::{Mode, umask};
        let old = umask(Mode::from_bits_truncate(0o077));
        umask(old);
        old.bits()
    })
}

/// Creates `path`, which must not exist (a symbolic link there, even a dangling one,
/// counts as existing), with exactly `mode` whatever the umask.
pub fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(nix::libc::O_NOFOLLOW | nix::libc::O_CLOEXEC)
        .open(path)?;
    file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    Ok(file)
}

/// A fresh name beside `path` for writing it: `.NAME.tmp-RANDOM` in the same directory
/// (so the rename stays on one file system).
pub fn temp_sibling(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp-{:016x}", fastrand::u64(..)))
}

/// Writes `bytes` to `path` safely: a new file under a temporary name with `mode`, synced,
/// then renamed over `path` (a link at `path` is replaced, never followed).
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let temp = temp_sibling(path);
    let result = (|| {
        let mut file = create_new(&temp, mode)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Gives `path` the mode and group of `like` (a backup gets its database's), through
/// the open file so a swapped name cannot redirect it.
pub fn copy_mode_and_group(file: &File, like: &Path) -> io::Result<()> {
    let meta = std::fs::metadata(like)?;
    file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o777))?;
    // Only root, or a member of that group, may set it; the setgid directory usually
    // gave it already, so a refusal is not an error.
    let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
    Ok(())
}

/// Makes `dir` (and its parents) with group access, as [`SHARED_MODE`] plus search bits.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o770)
        .create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn umask_keeps_group_and_shuts_others() {
        assert_eq!(shared_umask(0o022), 0o007);
        assert_eq!(shared_umask(0o077), 0o007);
        assert_eq!(shared_umask(0o002), 0o007);
        assert_eq!(shared_umask(0o277), 0o207);
    }

    #[test]
    fn create_new_refuses_a_link_even_a_dangling_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = create_new(&link, SHARED_MODE).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(!target.exists());
    }

    #[test]
    fn write_atomic_replaces_a_link_without_following_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        std::fs::write(&target, "keep").unwrap();
        let path = dir.path().join("out.txt");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        write_atomic(&path, b"new", PRIVATE_MODE).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(meta.file_type().is_file());
        assert_eq!(meta.mode() & 0o777, PRIVATE_MODE);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn create_new_has_the_mode_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let _f = create_new(&path, SHARED_MODE).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().mode() & 0o777,
            SHARED_MODE
        );
    }
}
