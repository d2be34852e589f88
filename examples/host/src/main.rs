//! `gongji-host`: serves the API. Configuration from the environment, never from code:
//!
//! - `GONGJI_HOST_KEY`: the token signing key (at least 32 bytes), required;
//! - `GONGJI_HOST_DB`: a SQLite file (default `gongji-host.sqlite`) or a PostgreSQL connection string
//!   (`postgres://…` or `host=… user=…`);
//! - `GONGJI_HOST_ADDR`: where to listen (default `127.0.0.1:8080`).

use std::sync::Arc;

use gongji_core::PolicyBook;
use gongji_host::auth::Signer;
use gongji_host::clock::SystemClock;
use gongji_host::host::Host;

#[tokio::main]
async fn main() -> Result<(), String> {
    let key = std::env::var("GONGJI_HOST_KEY").map_err(|_| "GONGJI_HOST_KEY is not set")?;
    let db = std::env::var("GONGJI_HOST_DB").unwrap_or_else(|_| "gongji-host.sqlite".into());
    let addr = std::env::var("GONGJI_HOST_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    let store = tokio::task::spawn_blocking(move || gongji_host::store::open(&db))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("database: {}", e.0))?;
    let host = Host {
        store: Arc::from(store),
        book: PolicyBook::embedded(),
        clock: Arc::new(SystemClock),
        signer: Signer::new(key.as_bytes())?,
    };
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    eprintln!("gongji-host listening on {addr}");
    axum::serve(listener, gongji_host::http::router(Arc::new(host)))
        .await
        .map_err(|e| e.to_string())
}
