//! How fast `slotdesk import bookings` takes 100,000 appointments from a
//! CSV into the generated 1,000,000-booking database (the real binary, on a
//! scratch copy, at the generator's now), and how much memory it holds:
//!
//! - the first import: every row placed by the rules in one transaction
//!   (each a one-off time slot, a customer through the identity rule, the
//!   booking, its event and its import key);
//! - the same file again: every row found already imported, nothing changed.
//!
//! Reports wall time against the 10 s target and the process's peak
//! resident memory (read from /proc while it runs) — flat memory means the
//! peak does not grow with the file. `cargo bench --bench import`;
//! `cargo test --benches` runs a smoke version with 2,000 rows on a small
//! database.

#[path = "support/scale_db.rs"]
mod scale_db;

use scale_db::{Res, cached_database, scale_params, scratch_copy, target_dir};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TARGET_S: f64 = 10.0;

fn main() {
    if let Err(e) = run() {
        eprintln!("import bench: {e}");
        std::process::exit(1);
    }
}

/// `rows` appointments on the generated database's 20 resources, 25
/// minutes each on the half hour from 08:00 to 17:30, from `first` on:
/// another system's export, with its own header names.
fn write_csv(path: &Path, rows: u32, first: chrono::NaiveDate) -> Res<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "Appointment ID,Date,Time,Duration,Client,E-mail,Practitioner,Treatment,Notes"
    )?;
    let per_day = 20 * 20;
    for i in 0..rows {
        let day = first + chrono::Duration::days(i64::from(i / per_day));
        let in_day = i % per_day;
        let resource = in_day % 20 + 1;
        let slot = in_day / 20;
        let (h, m) = (8 + slot / 2, (slot % 2) * 30);
        // A client comes back: 25,000 people for 100,000 visits.
        let person = i % 25_000;
        writeln!(
            out,
            "A{i},{},{h:02}:{m:02},25,Client{person} Imported,client{person}@example.com,res-{resource:02},nutrition,\"imported, row {i}\"",
            day.format("%d/%m/%Y")
        )?;
    }
    out.flush()?;
    Ok(())
}

/// Runs `slotdesk` with `args`; returns its wall time and peak resident
/// memory (KiB, from /proc while it ran).
fn timed(db: &Path, now: &str, args: &[&str]) -> Res<(Duration, u64)> {
    let bin = Path::new(env!("CARGO_BIN_EXE_slotdesk"));
    let started = Instant::now();
    let mut child = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(args)
        .env("SLOTDESK_NOW", now)
        .env("SLOTDESK_CONFIG", db.with_extension("no-config.toml"))
        .env_remove("SLOTDESK_STAFF")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(kib) = text
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let took = started.elapsed();
    if !status.success() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            std::io::Read::read_to_string(&mut e, &mut err)?;
        }
        return Err(format!("slotdesk {args:?} failed: {err}").into());
    }
    Ok((took, peak))
}

fn run() -> Res<()> {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let params = scale_params(benchmarking)?;
    let rows: u32 = if benchmarking { 100_000 } else { 2_000 };
    let data = cached_database(&params)?;
    let db = scratch_copy(&data, "import")?;
    let now = params.now().to_rfc3339();
    let first = params.last_on() + chrono::Duration::days(30);
    let csv = target_dir()
        .join("bench-data")
        .join(format!("import-{rows}.csv"));
    write_csv(&csv, rows, first)?;
    let csv_text = csv.to_string_lossy().into_owned();
    let args = ["import", "bookings", &csv_text, "--skip-refused"];
    let (first_run, first_peak) = timed(&db, &now, &args)?;
    let (again, again_peak) = timed(&db, &now, &args)?;
    // Half the file, to see whether memory grows with the rows.
    let half_db = scratch_copy(&data, "import-half")?;
    let half_csv = target_dir()
        .join("bench-data")
        .join(format!("import-{}.csv", rows / 2));
    write_csv(&half_csv, rows / 2, first)?;
    let half_text = half_csv.to_string_lossy().into_owned();
    let (half, half_peak) = timed(
        &half_db,
        &now,
        &["import", "bookings", &half_text, "--skip-refused"],
    )?;
    println!(
        "import bench: {rows} CSV rows into {} bookings",
        params.bookings
    );
    let verdict = |t: Duration| {
        if t.as_secs_f64() < TARGET_S {
            "ok"
        } else {
            "MISSED"
        }
    };
    println!(
        "  first import           {:>7.2} s  target < {TARGET_S} s  {}  peak {} MB",
        first_run.as_secs_f64(),
        verdict(first_run),
        first_peak / 1024
    );
    println!(
        "  same file again        {:>7.2} s  (all skipped)          peak {} MB",
        again.as_secs_f64(),
        again_peak / 1024
    );
    println!(
        "  half the file          {:>7.2} s                          peak {} MB",
        half.as_secs_f64(),
        half_peak / 1024
    );
    Ok(())
}
