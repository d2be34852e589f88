//! A small pool of database connections: take one, put it back when done (dropped on error).

use std::ops::{Deref, DerefMut};
use std::sync::Mutex;

pub struct Pool<C> {
    idle: Mutex<Vec<C>>,
    open: Box<dyn Fn() -> super::Result<C> + Send + Sync>,
    healthy: fn(&C) -> bool,
}

impl<C> Pool<C> {
    /// `healthy` says whether a connection may go back to the pool (a broken one is closed instead).
    pub fn new(
        open: impl Fn() -> super::Result<C> + Send + Sync + 'static,
        healthy: fn(&C) -> bool,
    ) -> Pool<C> {
        Pool {
            idle: Mutex::new(Vec::new()),
            open: Box::new(open),
            healthy,
        }
    }

    pub fn get(&self) -> super::Result<Pooled<'_, C>> {
        let idle = self.idle.lock().map(|mut v| v.pop()).ok().flatten();
        let conn = match idle {
            Some(c) => c,
            None => (self.open)()?,
        };
        Ok(Pooled {
            pool: self,
            conn: Some(conn),
        })
    }
}

/// A connection on loan; back to the pool when dropped, if it is still healthy.
pub struct Pooled<'a, C> {
    pool: &'a Pool<C>,
    conn: Option<C>,
}

impl<C> Deref for Pooled<'_, C> {
    type Target = C;
    fn deref(&self) -> &C {
        self.conn
            .as_ref()
            .expect("a pooled connection is present until dropped")
    }
}

impl<C> DerefMut for Pooled<'_, C> {
    fn deref_mut(&mut self) -> &mut C {
        self.conn
            .as_mut()
            .expect("a pooled connection is present until dropped")
    }
}

impl<C> Drop for Pooled<'_, C> {
    fn drop(&mut self) {
        if let (Some(c), Ok(mut idle)) = (self.conn.take(), self.pool.idle.lock()) {
            if (self.pool.healthy)(&c) {
                idle.push(c);
            }
        }
    }
}
