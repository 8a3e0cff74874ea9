//! The generated database the benches share: 1,000,000 bookings over ten
//! years on 20 resources (`SLOTDESK_BENCH_BOOKINGS=20000` for a quick try),
//! built once into `target/bench-data/` and reused until the generator, the
//! schema or the parameters change; each run works on a scratch copy.

use slotdesk::store::Store;
use slotdesk::store::bulk_load::{self, GENERATOR_VERSION, ScaleParams};
use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub type Res<T> = Result<T, Box<dyn Error>>;

/// The schema the cached database was built with, every migration in
/// `src/store/sql` in name order: any change, or a new one, rebuilds it.
fn schema() -> Res<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/sql");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let mut text = String::new();
    for f in files {
        text.push_str(&std::fs::read_to_string(f)?);
    }
    Ok(text)
}

/// The database's shape: `$SLOTDESK_BENCH_BOOKINGS` bookings if set, else a
/// million when `benchmarking` (`cargo bench` passes `--bench`), else 5,000
/// for a smoke run (`cargo test --benches`).
pub fn scale_params(benchmarking: bool) -> Res<ScaleParams> {
    let bookings = match std::env::var("SLOTDESK_BENCH_BOOKINGS") {
        Ok(n) => n.trim().replace('_', "").parse()?,
        Err(_) if benchmarking => 1_000_000,
        Err(_) => 5_000,
    };
    Ok(ScaleParams {
        bookings,
        customers: (bookings / 20).clamp(500, 50_000),
        ..ScaleParams::default()
    })
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    )
}

pub fn file_stem(bookings: u32) -> String {
    match bookings {
        n if n > 0 && n % 1_000_000 == 0 => format!("scale-{}m", n / 1_000_000),
        n if n > 0 && n % 1_000 == 0 => format!("scale-{}k", n / 1_000),
        n => format!("scale-{n}"),
    }
}

/// FNV-1a: a hash that stays the same across Rust releases.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Removes a database with its WAL, shared-memory, journal and desk-claim
/// files.
pub fn remove_database(path: &Path) -> Res<()> {
    for suffix in ["", "-wal", "-shm", "-journal", "-desks"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// The cached database for `params`, generated when missing or built by
/// another generator, schema or parameters (recorded in a `.version` file
/// beside it, written last).
pub fn cached_database(params: &ScaleParams) -> Res<PathBuf> {
    let dir = target_dir().join("bench-data");
    std::fs::create_dir_all(&dir)?;
    let mut stem = file_stem(params.bookings);
    if params.customers > 50_000 {
        stem = format!(
            "{stem}-{}-customers",
            file_stem(params.customers).trim_start_matches("scale-")
        );
    }
    let db = dir.join(format!("{stem}.db"));
    let marker = dir.join(format!("{stem}.version"));
    let version = format!(
        "generator {GENERATOR_VERSION}\nschema {:016x}\n{params:?}\n",
        fnv(&schema()?)
    );
    if db.exists() && std::fs::read_to_string(&marker).ok().as_deref() == Some(version.as_str()) {
        println!("reusing {}", db.display());
        return Ok(db);
    }
    let _ = std::fs::remove_file(&marker);
    remove_database(&db)?;
    let partial = dir.join(format!("{stem}.partial.db"));
    remove_database(&partial)?;
    println!(
        "generating {} bookings into {} (once; reused until the generator or schema changes)…",
        params.bookings,
        db.display()
    );
    let start = Instant::now();
    let mut store = Store::create(&partial)?;
    let summary = bulk_load::load(&mut store, params, params.now())?;
    drop(store);
    let took = start.elapsed();
    std::fs::rename(&partial, &db)?;
    remove_database(&partial)?;
    std::fs::write(&marker, &version)?;
    println!(
        "generated in {:.1} s: {} bookings, {} customers, {} events, {} time slots, {}–{}, busiest {:?}",
        took.as_secs_f64(),
        summary.bookings,
        summary.customers,
        summary.events,
        summary.time_slots,
        summary.first_on,
        summary.last_on,
        summary.busiest
    );
    println!("by status: {:?}", summary.by_status);
    Ok(db)
}

/// A fresh copy of the cached database for this run, named
/// `<stem>.<tag>.db` so benches never share one.
pub fn scratch_copy(db: &Path, tag: &str) -> Res<PathBuf> {
    let scratch = db.with_extension(format!("{tag}.db"));
    remove_database(&scratch)?;
    std::fs::copy(db, &scratch)?;
    Ok(scratch)
}

/// Prints `  NAME  MEDIAN ms  target < T ms  ok|MISSED` for criterion's
/// median of `group`/`name` written since `started`, or `(not run)`.
#[allow(dead_code)]
pub fn print_median(group: &str, name: &str, target_ms: f64, started: std::time::SystemTime) {
    let home = std::env::var_os("CRITERION_HOME")
        .map_or_else(|| target_dir().join("criterion"), PathBuf::from);
    let path = home
        .join(group)
        .join(name)
        .join("new")
        .join("estimates.json");
    let fresh = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t >= started);
    let median_ms = std::fs::read_to_string(&path)
        .ok()
        .filter(|_| fresh)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v["median"]["point_estimate"].as_f64())
        .map(|ns| ns / 1e6);
    match median_ms {
        Some(ms) => println!(
            "  {name:<18} {ms:>9.3} ms   target < {target_ms} ms   {}",
            if ms < target_ms { "ok" } else { "MISSED" }
        ),
        None => println!("  {name:<18} (not run)"),
    }
}
