//! SQLite storage. One file per aggregate; every write is a `BEGIN IMMEDIATE`
//! transaction that also writes its audit row.

mod audit;
mod contacts;
mod deadlines;
pub mod doctor;
mod drafts;
mod former_names;
mod interactions;
mod members;
mod merge;
mod migrate;
mod news;
mod orgs;
mod persons;
mod plans;
pub mod privacy;
mod projects;
mod regional;
mod report;
mod search;
pub mod seed;
mod training;
mod verified;

pub use audit::{AuditEntry, ENTITIES, EntityKind, Undone};
pub use contacts::{ExportContact, ExportOrg, ExportPerson, NearDuplicates};
pub use deadlines::{DEADLINES_SQL, Deadline, DeadlineKind};
pub use drafts::{Draft, spool_draft};
pub use merge::{DuplicatePair, MergeSummary, OrgLinks};
pub use migrate::LATEST_VERSION;
pub use news::NewsFilter;
pub use orgs::{OrgFilter, SortOrder};
pub use regional::{ImportSummary, RegionalSource};
pub use report::{FigureParams, FigureScope, KEY_FIGURE_YEARS, figure_queries};
pub use search::Found;
pub use training::{Scope, SummaryBy, TrainingFilter};

use crate::model::{Actor, FieldError, Meta, Similar};
use rusqlite::{Connection, OpenFlags, Row, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("changed by {by} at {at}")]
    Conflict { by: String, at: String },
    #[error("not found")]
    NotFound,
    #[error("not allowed for your role")]
    Forbidden,
    #[error("account {0} is not a member")]
    NotMember(String),
    #[error("database schema {found} is newer than this program knows ({known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("similar organisations exist")]
    Duplicate(Vec<Similar>),
    #[error("{0}")]
    Rule(&'static str),
    #[error("no database at {0}")]
    NoDatabase(PathBuf),
    #[error("no access to {0}")]
    NoAccess(PathBuf),
    #[error("{0} is a symbolic link")]
    Link(PathBuf),
}

impl Error {
    /// One field's error: `field` is the form field, `key` the message's i18n key.
    pub fn field(field: &'static str, key: &'static str) -> Error {
        Error::Invalid(vec![crate::model::FieldError::new(field, key)])
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// The connection may only read: the file's mode, or a `-wal`/`-shm` it could open
    /// only for reading.
    pub fn is_read_only(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ReadOnly)
        )
    }

    /// The database stayed locked by another process past the busy timeout.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(e) if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            )
        )
    }
}

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Set when the file has a newer schema than this binary: reads only.
    newer_schema: Option<i64>,
    /// The last full-text match count of the organisation list (query, count).
    match_count: std::cell::RefCell<Option<(String, i64)>>,
}

/// A moment fixed for the whole process, in UTC: the snapshot tests draw every screen
/// of the demo data as of one date, so the pictures do not change from day to day.
/// Unset (always, outside those tests), the real clock.
static FIXED_CLOCK: std::sync::OnceLock<jiff::Timestamp> = std::sync::OnceLock::new();

/// Fixes the clock for the rest of the process (see [`FIXED_CLOCK`]); false if it was
/// already fixed at another moment.
pub fn fix_clock(at: jiff::Timestamp) -> bool {
    *FIXED_CLOCK.get_or_init(|| at) == at
}

/// The current moment: the real clock in the local time zone, or the fixed one.
pub fn clock() -> jiff::ZonedDateTime {
    match FIXED_CLOCK.get() {
        Some(t) => t.to_zoned_datetime(jiff::tz::TimeZone::UTC),
        None => jiff::ZonedDateTime::now(),
    }
}

/// The current time as stored: UTC, seconds, RFC 3339.
pub fn now() -> String {
    clock()
        .timestamp()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Today's date in the local time zone.
pub fn today() -> String {
    clock().date().to_string()
}

/// This year in the local time zone: the one place "this year" is worked out.
pub fn this_year() -> i32 {
    i32::from(clock().date().year())
}

impl Store {
    /// Opens (creating if needed) the database at `path`, sets the pragmas and brings the
    /// schema up to date. A new file is made by intnet itself with mode 0660, never
    /// through a link; SQLite is told to follow no link either (`-wal`, `-shm`, the
    /// pre-migration backup included).
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::files::create_dir_all(dir)?;
        }
        match crate::files::create_new(path, crate::files::SHARED_MODE) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => refuse_link(path)?,
            Err(e) => return Err(e.into()),
        }
        Store::open_and_migrate(path)
    }

    /// Opens a database that `intnet init` made: a missing file, an empty one (which
    /// any command would otherwise turn into a database) or one this account may not
    /// reach is a clear error, never a new database.
    pub fn connect(path: &Path) -> Result<Store> {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Error::Link(path.to_path_buf()));
            }
            Ok(meta) if meta.len() == 0 => return Err(Error::NoDatabase(path.to_path_buf())),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoDatabase(path.to_path_buf()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::NoAccess(path.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        }
        Store::open_and_migrate(path)
    }

    fn open_and_migrate(path: &Path) -> Result<Store> {
        let open = || {
            let mut store = Store::configure(Store::open_writable(path)?, path)?;
            store.newer_schema = migrate::migrate(&store.conn, path)?;
            Ok(store)
        };
        open().map_err(|e| match e {
            Error::Sqlite(e) => link_error(e, path),
            e => e,
        })
    }

    /// Opens an existing file read-write. SQLite quietly falls back to reading only when
    /// it cannot open `-wal` or `-shm` for writing (another account's process may have
    /// just created them without group write): such a connection is closed and opened
    /// again, a few times, before it is accepted. A file this account may only read
    /// stays read-only at once.
    fn open_writable(path: &Path) -> Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_NOFOLLOW;
        let mut attempt = 0;
        loop {
            let conn = Connection::open_with_flags(path, flags).map_err(|e| link_error(e, path))?;
            if conn.is_readonly(rusqlite::MAIN_DB)? || writable(&conn)? || attempt == 4 {
                return Ok(conn);
            }
            drop(conn);
            attempt += 1;
            std::thread::sleep(Duration::from_millis(25 * attempt));
        }
    }

    /// Opens an existing database without creating or migrating it (for `doctor` and
    /// `status`), with the given busy timeout.
    pub fn open_existing(path: &Path, busy: Duration) -> Result<Store> {
        refuse_link(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_NOFOLLOW,
        )
        .map_err(|e| link_error(e, path))?;
        conn.busy_timeout(busy)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| link_error(e, path))?;
        let newer = (version > LATEST_VERSION).then_some(version);
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            newer_schema: newer,
            match_count: Default::default(),
        })
    }

    fn configure(conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(10))?;
        // Switching to WAL takes a lock; a file already in WAL needs only the read.
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        }
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; \
             PRAGMA cache_size = -32768;",
        )?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            newer_schema: None,
            match_count: Default::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version found in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Changes whenever another connection commits; cheap to poll.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// `Some(found)` when the file's schema is newer than this binary knows.
    pub fn newer_schema(&self) -> Option<i64> {
        self.newer_schema
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction and commits it.
    fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        if let Some(found) = self.newer_schema {
            return Err(Error::SchemaTooNew {
                found,
                known: LATEST_VERSION,
            });
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Reads the bookkeeping columns, which every editable table names alike, from the
/// end of a row starting at `at`: version, created_at, created_by name, updated_at,
/// updated_by name.
fn meta_from(row: &Row, at: usize) -> rusqlite::Result<Meta> {
    Ok(Meta {
        version: row.get(at)?,
        created_at: row.get(at + 1)?,
        created_by: row.get(at + 2)?,
        updated_at: row.get(at + 3)?,
        updated_by: row.get(at + 4)?,
    })
}

/// The SQL to select [`meta_from`]'s columns for table alias `t`.
fn meta_sql(t: &str) -> String {
    format!(
        "{t}.version, {t}.created_at, (SELECT full_name FROM members WHERE id = {t}.created_by), \
         {t}.updated_at, (SELECT full_name FROM members WHERE id = {t}.updated_by)"
    )
}

/// Refuses an update when the row's version is not the one the editor read.
fn check_version(tx: &Transaction, table: &str, id: i64, expected: i64) -> Result<()> {
    let sql = format!(
        "SELECT t.version, t.updated_at, (SELECT full_name FROM members WHERE id = t.updated_by), \
         t.deleted_at FROM {table} t WHERE t.id = ?1"
    );
    let row: Option<(i64, String, Option<String>, Option<String>)> =
        optional(tx.query_row(&sql, [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        }))?;
    let Some((version, at, by, deleted)) = row else {
        return Err(Error::NotFound);
    };
    if version != expected || deleted.is_some() {
        return Err(Error::Conflict {
            by: by.unwrap_or_default(),
            at,
        });
    }
    Ok(())
}

fn require_partner_editor(actor: &Actor) -> Result<()> {
    if actor.can_edit_partners() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

fn require_office(actor: &Actor) -> Result<()> {
    if actor.is_office() {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Refuses a database path that is a symbolic link: intnet opens only the file itself.
fn refuse_link(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::Link(path.to_path_buf())),
        _ => Ok(()),
    }
}

/// SQLite says only "unable to open database file" when a companion file is a link
/// (it opens them with `O_NOFOLLOW`); name the link instead.
fn link_error(e: rusqlite::Error, path: &Path) -> Error {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        if std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink()) {
            return Error::Link(p);
        }
    }
    Error::Sqlite(e)
}

/// True when this connection can start a write: `BEGIN IMMEDIATE` fails at once with
/// "read-only" on a connection that opened `-wal` or `-shm` for reading only. Busy
/// means another process writes, so this one could too.
fn writable(conn: &Connection) -> Result<bool> {
    conn.busy_timeout(Duration::ZERO)?;
    let result = conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;");
    conn.busy_timeout(Duration::from_secs(10))?;
    match result {
        Ok(()) => Ok(true),
        Err(e) => {
            let e = Error::Sqlite(e);
            if e.is_read_only() {
                Ok(false)
            } else if e.is_busy() {
                Ok(true)
            } else {
                Err(e)
            }
        }
    }
}

/// Turns "no rows" into `None`.
fn optional<T>(r: rusqlite::Result<T>) -> rusqlite::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e),
    }
}
