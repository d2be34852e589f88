//! A reference host for gongji's ledger: an HTTP service that keeps each ledger's state, its append-only
//! event log, the references it assigned and the command ids with their results in a database (SQLite by
//! default, PostgreSQL when configured). See docs/host.md.

pub mod auth;
pub mod clock;
pub mod commands;
pub mod error;
pub mod family;
pub mod host;
pub mod http;
pub mod store;
