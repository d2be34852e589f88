//! PostgreSQL, for real deployments. READ COMMITTED: the guarded `UPDATE … WHERE version = :read`
//! waits for a concurrent writer's row lock and then sees its new version (0 rows: a conflict); the
//! command id's primary key catches a concurrent duplicate (answered with the stored result).

use std::sync::atomic::{AtomicU64, Ordering};

use postgres::{Client, GenericClient, NoTls};

use super::pool::Pool;
use super::{
    Commit, Loaded, Outcome, Result, Store, StoredCommand, StoredEvent, StoredResult, SCHEMA,
};

pub struct PgStore {
    pool: Pool<Client>,
    nonce_calls: AtomicU64,
}

impl PgStore {
    pub fn open(config: &str) -> Result<PgStore> {
        let config = config.to_string();
        let open = move || -> Result<Client> { Ok(Client::connect(&config, NoTls)?) };
        let mut first = open()?;
        // Concurrent hosts starting at once may race on CREATE TABLE IF NOT EXISTS: serialise them.
        let mut tx = first.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock(4711)", &[])?;
        tx.batch_execute(SCHEMA)?;
        tx.commit()?;
        let pool = Pool::new(open, |c| !c.is_closed());
        drop(first);
        Ok(PgStore {
            pool,
            nonce_calls: AtomicU64::new(0),
        })
    }
}

fn find_result(c: &mut impl GenericClient, ledger: &str, id: &str) -> Result<Option<StoredResult>> {
    let row = c.query_opt(
        "SELECT subject, request, status, result FROM commands WHERE ledger = $1 AND command_id = $2",
        &[&ledger, &id],
    )?;
    Ok(row.map(|r| StoredResult {
        subject: r.get(0),
        request: r.get(1),
        status: r.get::<_, i32>(2) as u16,
        result: r.get(3),
    }))
}

fn advance(c: &mut impl GenericClient, w: &Commit) -> Result<bool> {
    let n = match (w.read_version, w.state) {
        (0, Some(state)) => c.execute(
            "INSERT INTO ledgers (id, version, state) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING",
            &[&w.ledger, &state],
        )?,
        (0, None) => {
            let exists: i64 = c
                .query_one("SELECT count(*) FROM ledgers WHERE id = $1", &[&w.ledger])?
                .get(0);
            u64::from(exists == 0)
        }
        (v, Some(state)) => c.execute(
            "UPDATE ledgers SET state = $3, version = version + 1 WHERE id = $1 AND version = $2",
            &[&w.ledger, &v, &state],
        )?,
        (v, None) => c.execute(
            "UPDATE ledgers SET version = version WHERE id = $1 AND version = $2",
            &[&w.ledger, &v],
        )?,
    };
    Ok(n == 1)
}

fn write(c: &mut impl GenericClient, w: &Commit) -> Result<()> {
    let version = w.state.map(|_| w.read_version + 1);
    let next = w.read_version + 1;
    for (n, e) in w.events.iter().enumerate() {
        c.execute(
            "INSERT INTO events (ledger, version, n, at, event) VALUES ($1, $2, $3, $4, $5)",
            &[&w.ledger, &next, &(n as i32), &w.at, e],
        )?;
    }
    for r in w.references {
        c.execute(
            "INSERT INTO refs (ledger, reference) VALUES ($1, $2)",
            &[&w.ledger, r],
        )?;
    }
    c.execute(
        "INSERT INTO commands (ledger, command_id, subject, request, read_version, version, at, applied, status, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &[&w.ledger, &w.command_id, &w.subject, &w.request, &w.read_version, &version, &w.at,
            &w.applied, &i32::from(w.status), &w.result],
    )?;
    Ok(())
}

impl Store for PgStore {
    fn load(&self, ledger: &str) -> Result<Option<Loaded>> {
        let mut c = self.pool.get()?;
        let row = c.query_opt(
            "SELECT state, version FROM ledgers WHERE id = $1",
            &[&ledger],
        )?;
        Ok(row.map(|r| Loaded {
            state: r.get(0),
            version: r.get(1),
        }))
    }

    fn result(&self, ledger: &str, command_id: &str) -> Result<Option<StoredResult>> {
        find_result(&mut *self.pool.get()?, ledger, command_id)
    }

    fn commit(&self, w: &Commit) -> Result<Outcome> {
        let mut c = self.pool.get()?;
        let mut tx = c.transaction()?;
        if let Some(r) = find_result(&mut tx, w.ledger, w.command_id)? {
            return Ok(Outcome::Duplicate(r));
        }
        if !advance(&mut tx, w)? {
            return Ok(Outcome::Conflict);
        }
        match write(&mut tx, w).and_then(|()| Ok(tx.commit()?)) {
            Ok(()) => Ok(Outcome::Stored),
            Err(e) => {
                drop(c);
                // A concurrent request with the same command id won the primary key: answer with its result.
                match self.result(w.ledger, w.command_id)? {
                    Some(r) => Ok(Outcome::Duplicate(r)),
                    None => Err(e),
                }
            }
        }
    }

    fn use_nonce(&self, nonce: &str, expires: i64, now: i64) -> Result<bool> {
        let mut c = self.pool.get()?;
        if self.nonce_calls.fetch_add(1, Ordering::Relaxed) % 1000 == 999 {
            c.execute("DELETE FROM nonces WHERE expires < $1", &[&now])?;
        }
        let n = c.execute(
            "INSERT INTO nonces (nonce, expires) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&nonce, &expires],
        )?;
        Ok(n == 1)
    }

    fn events(&self, ledger: &str) -> Result<Vec<StoredEvent>> {
        let mut c = self.pool.get()?;
        let rows = c.query(
            "SELECT version, n, at, event FROM events WHERE ledger = $1 ORDER BY version, n",
            &[&ledger],
        )?;
        Ok(rows
            .iter()
            .map(|r| StoredEvent {
                version: r.get(0),
                n: i64::from(r.get::<_, i32>(1)),
                at: r.get(2),
                event: r.get(3),
            })
            .collect())
    }

    fn commands(&self, ledger: &str) -> Result<Vec<StoredCommand>> {
        let mut c = self.pool.get()?;
        let rows = c.query(
            "SELECT command_id, read_version, version, at, applied, status FROM commands
             WHERE ledger = $1 ORDER BY read_version, version",
            &[&ledger],
        )?;
        Ok(rows
            .iter()
            .map(|r| StoredCommand {
                command_id: r.get(0),
                read_version: r.get(1),
                version: r.get(2),
                at: r.get(3),
                applied: r.get(4),
                status: r.get::<_, i32>(5) as u16,
            })
            .collect())
    }

    fn ledgers(&self) -> Result<Vec<String>> {
        let mut c = self.pool.get()?;
        let rows = c.query("SELECT id FROM ledgers ORDER BY id", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }
}
