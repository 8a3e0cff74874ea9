//! The desk's outbox end to end: with `[hooks] command` in the config, the
//! desk delivers every event in the background (changes made at another
//! terminal before and while it runs; never the demo's made-up history);
//! with the hook failing, the status bar says so and the desk goes on
//! drawing.
#![allow(clippy::unwrap_used)]

use crate::support::{NOW, Tty, demo_db, slotdesk};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// Every stored event's id.
fn event_ids(db: &Path) -> BTreeSet<i64> {
    let out = crate::binary::slotdesk_at(db, NOW)
        .args(["events", "--json", "--limit", "100000"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

fn received(out: &Path) -> BTreeSet<i64> {
    std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let until = Instant::now() + Duration::from_secs(90);
    while !done() {
        assert!(Instant::now() < until, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_desk_delivers_every_event_in_the_background_and_says_when_the_hook_fails() {
    let (dir, db) = demo_db();
    // The demo's history is journalled but not for the hooks; a change
    // made before any desk opens is.
    let history = event_ids(&db);
    slotdesk(&db, &["customer", "edit", "2", "--phone", "020 7946 0998"]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hooks/append_stdin.sh");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("[hooks]\ncommand = \"sh '{}'\"\n", script.display()),
    )
    .unwrap();
    let out = dir.path().join("delivered.jsonl");
    let (config, out_text) = (config.to_str().unwrap(), out.to_str().unwrap());
    let db_text = db.to_str().unwrap();
    let env = |fail: bool| {
        let mut env = vec![
            ("SLOTDESK_NOW", NOW),
            ("SLOTDESK_STAFF", "Morgan Lead"),
            ("SLOTDESK_PIN", "2222"),
            ("SLOTDESK_CONFIG", config),
            ("HOOK_OUT", out_text),
        ];
        if fail {
            env.push(("HOOK_FAIL", "gateway offline"));
        }
        env
    };
    // The gateway is down: the status bar says so, and the desk still draws.
    let mut desk = Tty::spawn(&["--db", db_text], &env(true), 160, 30);
    desk.expect_text("Day board");
    assert!(
        desk.wait_for_text(
            "hook failed: command: exited with status 3",
            Duration::from_mins(1)
        ),
        "{}",
        desk.screen_text()
    );
    assert!(
        desk.screen_text().contains("outbox: "),
        "{}",
        desk.screen_text()
    );
    desk.press("]");
    desk.expect_text("Tue 24 Nov");
    desk.terminate();
    desk.wait_exit(Duration::from_secs(20));
    assert!(received(&out).is_empty());
    // Back up: a desk opened an hour later delivers everything…
    let later = "2026-11-23T10:30:00Z";
    let mut env = env(false);
    env[0] = ("SLOTDESK_NOW", later);
    let mut desk = Tty::spawn(&["--db", db_text], &env, 160, 30);
    desk.expect_text("Day board");
    // (The desk's own sweep of the holds lapsed meanwhile adds events.)
    let all: BTreeSet<i64> = event_ids(&db).difference(&history).copied().collect();
    wait_for("the events since the demo at the hook", || {
        received(&out).is_superset(&all)
    });
    // …and a change made at another terminal meanwhile.
    slotdesk(&db, &["customer", "edit", "1", "--phone", "020 7946 0999"]);
    // Equal, not only a superset: no demo event reaches the hook. Read
    // again at every look, since the desk's sweep of a hold lapsing by the
    // running clock may add an event after the edit's.
    wait_for(
        "every event since the demo at the hook, and no demo event",
        || {
            let all: BTreeSet<i64> = event_ids(&db).difference(&history).copied().collect();
            received(&out) == all
        },
    );
    assert!(
        !desk.screen_text().contains("hook failed"),
        "{}",
        desk.screen_text()
    );
    desk.terminate();
    desk.wait_exit(Duration::from_secs(20));
}
