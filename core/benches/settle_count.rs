//! Settle in instructions (callgrind), the native goals of the speed work: the 20-line bill of
//! `tests/bench/fixtures/settle_20_items.json` settled `reps` times in `measured_settle`, the function
//! callgrind counts (`--toggle-collect=*measured_settle*`; `Collected` divided by `reps` is one settle).
//!
//! `settle_count <mode> [items] [reps]`, mode one of
//! - `plain`: `settle` with `"explain": false`, request and book already parsed;
//! - `explained`: the same with the zh/en trace (the default);
//! - `json`: `json::invoke("settle", …)` of the `"explain": false` document, text in, text out;
//! - `json_explained`: the same with the trace.
//!
//! `items` (default 20, at most the request's 1 000) repeats the fixture's lines (S-rules unchanged), for
//! the growth exponent `log10(I(1000)/I(100))`.

use std::hint::black_box;

use gongji_core::json::{invoke, parse_doc, to_json};
use gongji_core::{settle, PolicyBook, SettleRequest};

const SETTLE: &str = include_str!("../../tests/bench/fixtures/settle_20_items.json");

/// The fixture with `n` lines (its 20 repeated) and the trace on or off.
fn request(n: usize, explain: bool) -> SettleRequest {
    let mut req: SettleRequest = parse_doc(SETTLE).unwrap();
    let lines = req.items.clone();
    req.items = lines.iter().cycle().take(n).cloned().collect();
    req.explain = explain;
    req
}

/// The calls callgrind counts: `reps` settlements of a parsed request.
#[inline(never)]
fn measured_settle(book: &PolicyBook, req: &SettleRequest, reps: usize) {
    for _ in 0..reps {
        black_box(settle(black_box(book), black_box(req)).unwrap());
    }
}

/// The calls callgrind counts: `reps` text-to-text settlements.
#[inline(never)]
fn measured_settle_json(book: &PolicyBook, doc: &str, reps: usize) {
    for _ in 0..reps {
        black_box(invoke(black_box(book), "settle", black_box(doc)).unwrap());
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mode = args.first().map_or("plain", String::as_str);
    let n = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
    let reps = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10);
    let book = PolicyBook::embedded();
    let explain = mode.ends_with("explained");
    let req = request(n, explain);
    if mode.starts_with("json") {
        let doc = to_json(&req);
        measured_settle_json(&book, &doc, reps);
    } else {
        measured_settle(&book, &req, reps);
    }
}
