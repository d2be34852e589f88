//! Where the host keeps each ledger: its state and version, its append-only event log, the references it
//! gave out, the command ids with their results, and the nonces of the tokens it has seen. One command is
//! one transaction ([`Store::commit`]); concurrency is optimistic on the version column.

mod pool;
mod postgres;
mod sqlite;

pub use self::postgres::PgStore;
pub use self::sqlite::SqliteStore;

/// The tables, the same in both databases.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS ledgers (id TEXT PRIMARY KEY, version BIGINT NOT NULL, state TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (ledger TEXT NOT NULL, version BIGINT NOT NULL, n INTEGER NOT NULL,
  at TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (ledger, version, n));
CREATE TABLE IF NOT EXISTS commands (ledger TEXT NOT NULL, command_id TEXT NOT NULL, subject TEXT NOT NULL,
  request TEXT NOT NULL, read_version BIGINT NOT NULL, version BIGINT, at TEXT NOT NULL, applied TEXT,
  status INTEGER NOT NULL, result TEXT NOT NULL, PRIMARY KEY (ledger, command_id));
CREATE TABLE IF NOT EXISTS refs (ledger TEXT NOT NULL, reference TEXT NOT NULL, PRIMARY KEY (ledger, reference));
CREATE TABLE IF NOT EXISTS nonces (nonce TEXT PRIMARY KEY, expires BIGINT NOT NULL);
";

/// A database failure (not a refusal).
#[derive(Debug)]
pub struct StoreError(pub String);

impl<E: std::fmt::Display> From<E> for StoreError {
    fn from(e: E) -> StoreError {
        StoreError(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A ledger's present: its state document and the number of commands stored on it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub state: String,
    pub version: i64,
}

/// What a command id was first answered, and by whom for what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredResult {
    pub subject: String,
    pub request: String,
    pub status: u16,
    pub result: String,
}

/// One row of the event log.
#[derive(Clone, Debug)]
pub struct StoredEvent {
    pub version: i64,
    pub n: i64,
    pub at: String,
    pub event: String,
}

/// One stored command, for audits: what the core was given and what came of it.
#[derive(Clone, Debug)]
pub struct StoredCommand {
    pub command_id: String,
    pub read_version: i64,
    /// The new version when the command was applied; `None` for a refusal.
    pub version: Option<i64>,
    pub at: String,
    /// The core command as applied (with the host's references and actors).
    pub applied: Option<String>,
    pub status: u16,
}

/// One command's writes: all or nothing.
#[derive(Clone, Debug)]
pub struct Commit<'a> {
    pub ledger: &'a str,
    pub command_id: &'a str,
    pub subject: &'a str,
    pub request: &'a str,
    /// The version the command was computed from; the write happens only if it is still current.
    pub read_version: i64,
    /// The new state, or `None` for a refusal (stored so that a retry gets it, nothing else changes).
    pub state: Option<&'a str>,
    pub events: &'a [String],
    pub references: &'a [String],
    pub at: &'a str,
    pub applied: Option<&'a str>,
    pub status: u16,
    pub result: &'a str,
}

/// How a commit ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Stored,
    /// The ledger moved since it was read: compute again from the fresh state.
    Conflict,
    /// The command id was stored meanwhile: answer with its result.
    Duplicate(StoredResult),
}

/// The host's database.
pub trait Store: Send + Sync {
    fn load(&self, ledger: &str) -> Result<Option<Loaded>>;
    fn result(&self, ledger: &str, command_id: &str) -> Result<Option<StoredResult>>;
    /// State, events, references and the command id in one transaction, if the version is still `read_version`.
    fn commit(&self, c: &Commit) -> Result<Outcome>;
    /// Records a token's nonce; false if it was seen before. Forgets nonces whose tokens have expired.
    fn use_nonce(&self, nonce: &str, expires: i64, now: i64) -> Result<bool>;
    fn events(&self, ledger: &str) -> Result<Vec<StoredEvent>>;
    fn commands(&self, ledger: &str) -> Result<Vec<StoredCommand>>;
    fn ledgers(&self) -> Result<Vec<String>>;
}

/// Opens the store a configuration names: `postgres://…` or `host=… user=…` is PostgreSQL, anything else
/// a SQLite file (`:memory:` for a private in-memory database).
pub fn open(config: &str) -> Result<Box<dyn Store>> {
    if config.starts_with("postgres://")
        || config.starts_with("postgresql://")
        || config.contains("host=")
    {
        Ok(Box::new(PgStore::open(config)?))
    } else {
        Ok(Box::new(SqliteStore::open(config)?))
    }
}
