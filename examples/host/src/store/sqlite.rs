//! SQLite, embedded (the default: nothing to install). WAL mode, `BEGIN IMMEDIATE` for the write
//! transaction; `synchronous = FULL` so that a committed command survives a killed process and power loss.

use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::pool::Pool;
use super::{
    Commit, Loaded, Outcome, Result, Store, StoreError, StoredCommand, StoredEvent, StoredResult,
    SCHEMA,
};

pub struct SqliteStore {
    pool: Pool<Connection>,
    nonce_calls: AtomicU64,
}

impl SqliteStore {
    pub fn open(path: &str) -> Result<SqliteStore> {
        let path = path.strip_prefix("sqlite:").unwrap_or(path).to_string();
        let open = move || -> Result<Connection> {
            let c = Connection::open(&path)?;
            c.busy_timeout(std::time::Duration::from_secs(30))?;
            c.pragma_update(None, "journal_mode", "WAL")?;
            c.pragma_update(None, "synchronous", "FULL")?;
            Ok(c)
        };
        let first = open()?;
        first.execute_batch(SCHEMA)?;
        let pool = Pool::new(open, |_| true);
        drop(first);
        Ok(SqliteStore {
            pool,
            nonce_calls: AtomicU64::new(0),
        })
    }
}

fn find_result(c: &Connection, ledger: &str, id: &str) -> Result<Option<StoredResult>> {
    Ok(c.query_row(
        "SELECT subject, request, status, result FROM commands WHERE ledger = ?1 AND command_id = ?2",
        params![ledger, id],
        |r| {
            Ok(StoredResult {
                subject: r.get(0)?,
                request: r.get(1)?,
                status: r.get::<_, i64>(2)? as u16,
                result: r.get(3)?,
            })
        },
    )
    .optional()?)
}

/// Moves the ledger from `read_version` (to the new state), or says it moved meanwhile.
fn advance(c: &Connection, w: &Commit) -> Result<bool> {
    let n = match (w.read_version, w.state) {
        (0, Some(state)) => c.execute(
            "INSERT INTO ledgers (id, version, state) VALUES (?1, 1, ?2) ON CONFLICT DO NOTHING",
            params![w.ledger, state],
        )?,
        (0, None) => {
            let exists: i64 = c.query_row(
                "SELECT count(*) FROM ledgers WHERE id = ?1",
                params![w.ledger],
                |r| r.get(0),
            )?;
            usize::from(exists == 0)
        }
        (v, Some(state)) => c.execute(
            "UPDATE ledgers SET state = ?3, version = version + 1 WHERE id = ?1 AND version = ?2",
            params![w.ledger, v, state],
        )?,
        (v, None) => c.execute(
            "UPDATE ledgers SET version = version WHERE id = ?1 AND version = ?2",
            params![w.ledger, v],
        )?,
    };
    Ok(n == 1)
}

fn write(c: &Connection, w: &Commit) -> Result<()> {
    let version = w.state.map(|_| w.read_version + 1);
    for (n, e) in w.events.iter().enumerate() {
        c.execute(
            "INSERT INTO events (ledger, version, n, at, event) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![w.ledger, w.read_version + 1, n as i64, w.at, e],
        )?;
    }
    for r in w.references {
        c.execute(
            "INSERT INTO refs (ledger, reference) VALUES (?1, ?2)",
            params![w.ledger, r],
        )?;
    }
    c.execute(
        "INSERT INTO commands (ledger, command_id, subject, request, read_version, version, at, applied, status, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![w.ledger, w.command_id, w.subject, w.request, w.read_version, version, w.at, w.applied,
            i64::from(w.status), w.result],
    )?;
    Ok(())
}

impl Store for SqliteStore {
    fn load(&self, ledger: &str) -> Result<Option<Loaded>> {
        let c = self.pool.get()?;
        Ok(c.query_row(
            "SELECT state, version FROM ledgers WHERE id = ?1",
            params![ledger],
            |r| {
                Ok(Loaded {
                    state: r.get(0)?,
                    version: r.get(1)?,
                })
            },
        )
        .optional()?)
    }

    fn result(&self, ledger: &str, command_id: &str) -> Result<Option<StoredResult>> {
        find_result(&*self.pool.get()?, ledger, command_id)
    }

    fn commit(&self, w: &Commit) -> Result<Outcome> {
        let mut c = self.pool.get()?;
        let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(r) = find_result(&tx, w.ledger, w.command_id)? {
            return Ok(Outcome::Duplicate(r));
        }
        if !advance(&tx, w)? {
            return Ok(Outcome::Conflict);
        }
        write(&tx, w)?;
        tx.commit()?;
        Ok(Outcome::Stored)
    }

    fn use_nonce(&self, nonce: &str, expires: i64, now: i64) -> Result<bool> {
        let c = self.pool.get()?;
        if self.nonce_calls.fetch_add(1, Ordering::Relaxed) % 1000 == 999 {
            c.execute("DELETE FROM nonces WHERE expires < ?1", params![now])?;
        }
        let n = c.execute(
            "INSERT INTO nonces (nonce, expires) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            params![nonce, expires],
        )?;
        Ok(n == 1)
    }

    fn events(&self, ledger: &str) -> Result<Vec<StoredEvent>> {
        let c = self.pool.get()?;
        let mut q = c.prepare(
            "SELECT version, n, at, event FROM events WHERE ledger = ?1 ORDER BY version, n",
        )?;
        let rows = q.query_map(params![ledger], |r| {
            Ok(StoredEvent {
                version: r.get(0)?,
                n: r.get(1)?,
                at: r.get(2)?,
                event: r.get(3)?,
            })
        })?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(StoreError::from)
    }

    fn commands(&self, ledger: &str) -> Result<Vec<StoredCommand>> {
        let c = self.pool.get()?;
        let mut q = c.prepare(
            "SELECT command_id, read_version, version, at, applied, status FROM commands
             WHERE ledger = ?1 ORDER BY read_version, version",
        )?;
        let rows = q.query_map(params![ledger], |r| {
            Ok(StoredCommand {
                command_id: r.get(0)?,
                read_version: r.get(1)?,
                version: r.get(2)?,
                at: r.get(3)?,
                applied: r.get(4)?,
                status: r.get::<_, i64>(5)? as u16,
            })
        })?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(StoreError::from)
    }

    fn ledgers(&self) -> Result<Vec<String>> {
        let c = self.pool.get()?;
        let mut q = c.prepare("SELECT id FROM ledgers ORDER BY id")?;
        let rows = q.query_map([], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(StoreError::from)
    }
}
