//! A PostgreSQL cluster of the run's own: Debian's `postgresql` binaries, `initdb` in a fresh data
//! directory, `pg_ctl start` on a free port, stopped and removed at the end (also on a failed run).

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    pub port: u16,
    as_postgres: bool,
}

/// The newest `/usr/lib/postgresql/*/bin` with `initdb`, else `initdb` on PATH.
fn bin_dir() -> Result<PathBuf, String> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| rd.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    dirs.retain(|d| d.join("initdb").exists());
    dirs.sort_by_key(|d| {
        d.parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
            .unwrap_or(0)
    });
    if let Some(d) = dirs.pop() {
        return Ok(d);
    }
    let out = Command::new("sh")
        .args(["-c", "command -v initdb"])
        .output()
        .map_err(|e| e.to_string())?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    Path::new(&path)
        .parent()
        .filter(|_| !path.is_empty())
        .map(Path::to_path_buf)
        .ok_or_else(|| "initdb not found: install Debian's postgresql package".into())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Cluster {
    pub fn start(port: u16) -> Result<Cluster, String> {
        let bin = bin_dir()?;
        let dir = std::env::temp_dir().join(format!("gongji-load-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        // PostgreSQL refuses to run as root: then the cluster belongs to the `postgres` user.
        let as_postgres = is_root();
        let c = Cluster {
            bin,
            dir,
            port,
            as_postgres,
        };
        if as_postgres {
            c.run(
                "chown",
                &["-R", "postgres", c.dir.to_str().unwrap_or_default()],
                false,
            )?;
        }
        let data = c.dir.join("data");
        let data = data.to_str().unwrap_or_default();
        c.run(
            "initdb",
            &[
                "-D",
                data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            true,
        )?;
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c max_connections=300",
            c.dir.display()
        );
        let log = c.dir.join("log");
        c.run(
            "pg_ctl",
            &[
                "-D",
                data,
                "-o",
                &opts,
                "-l",
                log.to_str().unwrap_or_default(),
                "-w",
                "start",
            ],
            true,
        )?;
        Ok(c)
    }

    pub fn config(&self) -> String {
        format!(
            "host=127.0.0.1 port={} user=postgres dbname=postgres",
            self.port
        )
    }

    fn run(&self, program: &str, args: &[&str], pg: bool) -> Result<(), String> {
        let exe = if pg {
            self.bin.join(program).to_string_lossy().into_owned()
        } else {
            program.to_string()
        };
        let mut cmd = if self.as_postgres && pg {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--", &exe]);
            c
        } else {
            Command::new(&exe)
        };
        let out = cmd
            .args(args)
            .current_dir(&self.dir)
            .output()
            .map_err(|e| format!("{exe}: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "{exe} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap_or_default(),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            true,
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
