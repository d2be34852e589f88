//! The HTTP API (axum): three routes and a health check. The database work runs on the blocking pool.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use crate::auth::Claims;
use crate::error::HostError;
use crate::host::{valid_ledger_id, Host, Reply};

/// The service's routes.
pub fn router(host: Arc<Host>) -> Router {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/ledgers/{id}/commands", post(command))
        .route("/ledgers/{id}/statement", get(statement))
        .route("/ledgers/{id}/events", get(events))
        .with_state(host)
}

fn respond(r: Reply) -> Response {
    Response::builder()
        .status(StatusCode::from_u16(r.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(r.body))
        .unwrap_or_default()
}

/// Authenticates, then runs `f` on the blocking pool (the stores are synchronous).
async fn run(
    host: Arc<Host>,
    id: String,
    headers: HeaderMap,
    f: impl FnOnce(&Host, &str, &Claims) -> Reply + Send + 'static,
) -> Response {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let reply = tokio::task::spawn_blocking(move || {
        if !valid_ledger_id(&id) {
            return HostError::not_found("ledger").into();
        }
        match host.authenticate(auth.as_deref(), &id) {
            Ok(claims) => f(&host, &id, &claims),
            Err(e) => e.into(),
        }
    })
    .await
    .unwrap_or_else(|e| HostError::store("").detail(e).into());
    respond(reply)
}

async fn command(
    State(host): State<Arc<Host>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    run(host, id, headers, move |h, id, c| h.command(id, c, &body)).await
}

async fn statement(
    State(host): State<Arc<Host>>,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let year = match q.get("year").map(|y| y.parse::<u16>()) {
        None => None,
        Some(Ok(y)) => Some(y),
        Some(Err(_)) => return respond(HostError::command_invalid("year").into()),
    };
    run(host, id, headers, move |h, id, c| h.statement(id, c, year)).await
}

async fn events(
    State(host): State<Arc<Host>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    run(host, id, headers, |h, id, c| h.events(id, c)).await
}
