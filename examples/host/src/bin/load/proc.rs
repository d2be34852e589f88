//! The host as a child process: started, health-checked, SIGKILLed and restarted.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct HostProcess {
    exe: PathBuf,
    pub addr: String,
    key: String,
    db: String,
    child: Option<Child>,
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(18_080)
}

impl HostProcess {
    pub fn new(exe: PathBuf, key: &str, db: &str) -> HostProcess {
        HostProcess {
            exe,
            addr: format!("127.0.0.1:{}", free_port()),
            key: key.into(),
            db: db.into(),
            child: None,
        }
    }

    /// Starts the host and waits until it answers `/health`.
    pub fn start(&mut self) -> Result<(), String> {
        let child = Command::new(&self.exe)
            .env("GONGJI_HOST_KEY", &self.key)
            .env("GONGJI_HOST_DB", &self.db)
            .env("GONGJI_HOST_ADDR", &self.addr)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", self.exe.display()))?;
        self.child = Some(child);
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(30) {
            if std::net::TcpStream::connect(&self.addr).is_ok() {
                return Ok(());
            }
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                return Err(format!("the host exited: {status}"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err("the host did not start in 30 s".into())
    }

    /// SIGKILL (no shutdown, no flush): what a crash or an OOM kill does.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for HostProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
