//! What the desk does once when it opens, on a thread of its own so the
//! first frame never waits: a quick check of the file and the rules, and
//! the day's backup (kept: the last 7 days and one a week for the last 4
//! weeks, in the data folder).

use super::worker::{Done, Lane};
use crate::app::Msg;
use crate::data_dir::backups_dir;
use crate::domain::Failure;
use crate::domain::check::CheckDepth;
use crate::store::Store;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::path::Path;
use tokio::sync::mpsc::UnboundedSender;

/// Starts the check (and, when `backups`, the day's backup) of the
/// database at `db`; what it finds wrong reaches the status bar.
pub fn start(db: &Path, now: DateTime<Utc>, backups: bool, results: UnboundedSender<Done>) {
    let db = db.to_owned();
    std::thread::spawn(move || {
        let msgs = match run(&db, now, backups) {
            Ok(()) => Vec::new(),
            Err(message) => vec![Msg::LoadFailed(Failure::fault(message))],
        };
        let _ = results.send(Done {
            lane: Lane::Background,
            msgs,
            failed: false,
        });
    });
}

fn run(db: &Path, now: DateTime<Utc>, backups: bool) -> Result<(), String> {
    let store = Store::open_read(db).map_err(|e| format!("check at open: {e}"))?;
    let report = store
        .check(CheckDepth::Quick, now)
        .map_err(|e| format!("check at open: {e}"))?;
    if !report.is_ok() {
        return Err(format!(
            "check at open found {} — run `slotdesk check`",
            report.problems().join(", ")
        ));
    }
    // A server's database is backed up by the server's own tools.
    if backups && !store.on_server() {
        daily_backup(&store, db, now).map_err(|e| format!("daily backup failed: {e}"))?;
    }
    Ok(())
}

/// `daily-YYYY-MM-DD.db` for today (UTC date) unless it exists, then the
/// rotation.
fn daily_backup(store: &Store, db: &Path, now: DateTime<Utc>) -> Result<(), String> {
    let folder = backups_dir(db);
    let today = now.date_naive();
    let name = |d: NaiveDate| folder.join(format!("daily-{}.db", d.format("%Y-%m-%d")));
    if !name(today).exists() {
        store.backup_to(&name(today)).map_err(|e| e.to_string())?;
    }
    let dates: Vec<NaiveDate> = std::fs::read_dir(&folder)
        .map_err(|e| e.to_string())?
        .filter_map(|e| {
            let file = e.ok()?.file_name().into_string().ok()?;
            let date = file.strip_prefix("daily-")?.strip_suffix(".db")?;
            NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
        })
        .collect();
    let keep = to_keep(&dates, today);
    for d in dates.iter().filter(|d| !keep.contains(d)) {
        let _ = std::fs::remove_file(name(*d));
    }
    Ok(())
}

/// The backups to keep of those made on `dates`: every one of the last 7
/// days (today included), and the newest of each of the 4 weeks before
/// (Monday-based weeks, counted back from today's week). When any backup is
/// dated after `today`, the clock is not to be trusted (a PC whose clock
/// was reset, or set ahead and back): every backup is kept. So too when the
/// newest backup before today is more than 8 days old (a clock jumped ahead,
/// or a desk not opened for a while): the next day's run trims them.
pub fn to_keep(dates: &[NaiveDate], today: NaiveDate) -> Vec<NaiveDate> {
    let newest_before = dates.iter().filter(|d| **d < today).max();
    let jumped = newest_before.is_some_and(|d| (today - *d).num_days() > 8);
    if jumped || dates.iter().any(|d| *d > today) {
        let mut all = dates.to_vec();
        all.sort_unstable();
        return all;
    }
    let monday =
        |d: NaiveDate| d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
    let this_week = monday(today);
    let mut keep: Vec<NaiveDate> = dates
        .iter()
        .copied()
        .filter(|d| *d <= today && (today - *d).num_days() < 7)
        .collect();
    for weeks_back in 1..=4_u64 {
        let start = this_week - chrono::Days::new(7 * weeks_back);
        let end = start + chrono::Days::new(6);
        if let Some(newest) = dates
            .iter()
            .copied()
            .filter(|d| *d >= start && *d <= end)
            .max()
        {
            keep.push(newest);
        }
    }
    keep.sort_unstable();
    keep.dedup();
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_last_seven_days_and_the_newest_of_each_of_four_weeks_are_kept() {
        // Wednesday 2 December 2026, with a backup every day since 1 October.
        let today = d("2026-12-02");
        let dates: Vec<NaiveDate> = (0..63).map(|n| today - chrono::Days::new(n)).collect();
        let keep = to_keep(&dates, today);
        let days: Vec<String> = keep.iter().map(ToString::to_string).collect();
        assert_eq!(
            days,
            [
                "2026-11-08", // Sunday of the week of 2 November
                "2026-11-15",
                "2026-11-22",
                "2026-11-26",
                "2026-11-27",
                "2026-11-28",
                "2026-11-29",
                "2026-11-30",
                "2026-12-01",
                "2026-12-02",
            ]
        );
    }

    #[test]
    fn a_clock_behind_the_backups_deletes_none_of_them() {
        // A PC booted with its clock reset to 2000 finds December's backups.
        let dates = [d("2026-11-30"), d("2026-12-01"), d("2026-12-02")];
        let mut with_wrong = dates.to_vec();
        with_wrong.push(d("2000-01-01"));
        let mut keep = to_keep(&with_wrong, d("2000-01-01"));
        keep.sort_unstable();
        let mut all = with_wrong.clone();
        all.sort_unstable();
        assert_eq!(keep, all);
    }

    #[test]
    fn a_desk_opened_now_and_then_keeps_what_it_has() {
        let today = d("2026-12-02");
        let dates = [d("2026-10-01"), d("2026-11-26"), d("2026-12-02")];
        assert_eq!(
            to_keep(&dates, today),
            vec![d("2026-11-26"), d("2026-12-02")]
        );
    }

    #[test]
    fn a_clock_jumped_ahead_deletes_none_of_them() {
        let dates = [d("2026-11-30"), d("2026-12-01"), d("2030-06-01")];
        assert_eq!(to_keep(&dates, d("2030-06-01")), dates.to_vec());
    }
}
