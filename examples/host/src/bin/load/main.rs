//! `load`: the host under load and faults, and its report.
//!
//! ```text
//! load [--store sqlite|postgres] [--families 200] [--clients 32] [--seconds 30] [--kill] [--seed N]
//! ```
//!
//! Starts the host binary (beside this one) on a fresh database — a SQLite file, or a PostgreSQL cluster
//! of its own (`initdb`, `pg_ctl start` on a free port, stopped at the end) — sets `--families` families
//! up, then `--clients` concurrent clients send random valid and invalid commands for `--seconds`. With
//! `--kill` the host is SIGKILLed at random moments and restarted; clients retry with their command ids.
//! Then the checks of `check.rs` run on the database. Prints throughput and p50/p99 latency; exits 1 if
//! any check failed.

mod check;
mod client;
mod pg;
mod proc;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gongji_host::auth::Signer;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

struct Args {
    store: String,
    families: usize,
    clients: usize,
    seconds: u64,
    kill: bool,
    seed: u64,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        store: "sqlite".into(),
        families: 200,
        clients: 32,
        seconds: 30,
        kill: false,
        seed: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--store" => a.store = value()?,
            "--families" => a.families = value()?.parse().map_err(|e| format!("{e}"))?,
            "--clients" => a.clients = value()?.parse().map_err(|e| format!("{e}"))?,
            "--seconds" => a.seconds = value()?.parse().map_err(|e| format!("{e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("{e}"))?,
            "--kill" => a.kill = true,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(a)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

fn unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(true) => std::process::ExitCode::SUCCESS,
        Ok(false) => std::process::ExitCode::FAILURE,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<bool, String> {
    let a = args()?;
    let mut rng = StdRng::seed_from_u64(a.seed);
    let key: String = (0..48)
        .map(|_| rng.sample(rand::distributions::Alphanumeric) as char)
        .collect();
    let dir = std::env::temp_dir().join(format!("gongji-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let cluster = match a.store.as_str() {
        "postgres" => Some(pg::Cluster::start(proc::free_port())?),
        "sqlite" => None,
        other => return Err(format!("unknown store {other}")),
    };
    let db = match &cluster {
        Some(c) => c.config(),
        None => dir.join("host.sqlite").to_string_lossy().into_owned(),
    };
    let exe = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .with_file_name("gongji-host");
    let mut host = proc::HostProcess::new(exe, &key, &db);
    host.start()?;
    let shared = Arc::new(client::Shared {
        http: reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .map_err(|e| e.to_string())?,
        base: Mutex::new(format!("http://{}", host.addr)),
        signer: Signer::new(key.as_bytes())?,
        forger: Signer::new(&[0x5a; 32])?,
        clock: Box::new(unix),
        bills: Mutex::new(HashMap::new()),
        tally: Mutex::new(client::Tally::default()),
    });
    let host = Arc::new(Mutex::new(host));
    let kills = Arc::new(Mutex::new(0u64));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let killer = a.kill.then(|| {
        let (host, kills, stop) = (host.clone(), kills.clone(), stop.clone());
        let mut krng = StdRng::seed_from_u64(a.seed ^ 0xdead);
        std::thread::spawn(move || -> Result<(), String> {
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(krng.gen_range(200..2500)));
                let mut h = host.lock().map_err(|e| e.to_string())?;
                h.kill();
                *kills.lock().map_err(|e| e.to_string())? += 1;
                h.start()?;
            }
            Ok(())
        })
    });

    // Setup: the families, spread over the clients.
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..a.clients {
        let (shared, families, clients) = (shared.clone(), a.families, a.clients);
        let mut crng = StdRng::seed_from_u64(a.seed.wrapping_mul(1000) + c as u64);
        tasks.push(tokio::spawn(async move {
            for f in (c..families).step_by(clients) {
                client::setup(&shared, &client::ledger_name(f), &mut crng).await;
            }
        }));
    }
    for t in tasks {
        t.await.map_err(|e| e.to_string())?;
    }
    let setup_s = t0.elapsed().as_secs_f64();
    // The run.
    let t1 = Instant::now();
    let until = t1 + Duration::from_secs(a.seconds);
    let answered_before = shared.tally.lock().map(|t| t.answered.len()).unwrap_or(0);
    let requests_before = shared
        .tally
        .lock()
        .map(|t| t.latencies_us.len())
        .unwrap_or(0);
    let mut tasks = Vec::new();
    for c in 0..a.clients {
        let crng = StdRng::seed_from_u64(a.seed.wrapping_mul(7919) + c as u64);
        tasks.push(tokio::spawn(client::run(
            shared.clone(),
            a.families,
            until,
            crng,
        )));
    }
    for t in tasks {
        t.await.map_err(|e| e.to_string())?;
    }
    let run_s = t1.elapsed().as_secs_f64();
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    if let Some(k) = killer {
        k.join().map_err(|_| "the killer panicked")??;
    }
    host.lock().map_err(|e| e.to_string())?.kill();

    let tally = std::mem::take(&mut *shared.tally.lock().map_err(|e| e.to_string())?);
    // The checks read the database directly (the stores are synchronous: off the async workers).
    let (report, tally) = tokio::task::spawn_blocking(move || {
        let store = gongji_host::store::open(&db).map_err(|e| e.0)?;
        Ok::<_, String>((check::run(store.as_ref(), &tally), tally))
    })
    .await
    .map_err(|e| e.to_string())??;
    let mut clat = tally.command_latencies_us.clone();
    clat.sort_unstable();
    let mut lat = tally.latencies_us.clone();
    lat.sort_unstable();
    let commands = tally.answered.len() - answered_before;
    let requests = tally.latencies_us.len() - requests_before;
    let kills = *kills.lock().map_err(|e| e.to_string())?;
    println!("store            {}", a.store);
    println!("families         {} (set up in {setup_s:.1} s)", a.families);
    println!("clients          {}", a.clients);
    println!(
        "run              {run_s:.1} s, {kills} SIGKILLs of the host, {} retries",
        tally.retries
    );
    println!("commands         {commands} answered ({:.0}/s); {requests} HTTP requests in all ({:.0}/s) with the wrong-identity, forged and replayed ones", commands as f64 / run_s, requests as f64 / run_s);
    println!(
        "latency          commands p50 {:.2} ms, p99 {:.2} ms; every HTTP request (the refusals too) p50 {:.2} ms, p99 {:.2} ms (setup included)",
        percentile(&clat, 0.5),
        percentile(&clat, 0.99),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
    let mut statuses: Vec<_> = tally.statuses.iter().collect();
    statuses.sort();
    println!("statuses         {statuses:?}");
    println!("repeats checked  {}", tally.repeats_checked);
    println!(
        "checked          {} ledgers, {} commands replayed through the core, {} events, {} refusals stored",
        report.ledgers, report.commands_applied, report.events, report.refusals_stored
    );
    drop(cluster);
    let _ = std::fs::remove_dir_all(&dir);
    if report.failures.is_empty() {
        println!("result           every check passed");
        Ok(true)
    } else {
        for f in report.failures.iter().take(30) {
            println!("FAILED           {f}");
        }
        println!("result           {} checks failed", report.failures.len());
        Ok(false)
    }
}
