//! The status bar while the outbox's deliveries fail: how many events wait
//! and why the hook failed, cut to leave the message room, in the error
//! colour; nothing while they succeed.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use slotdesk::app::{Msg, update};
use slotdesk::domain::outbox::OutboxStatus;

fn failing(waiting: u64, why: &str) -> Msg {
    Msg::OutboxChecked(OutboxStatus {
        waiting,
        failing: 1,
        last_error: Some(why.to_owned()),
    })
}

#[test]
fn the_status_bar_says_when_deliveries_fail_and_stops_once_they_work() {
    let mut desk = Desk::demo();
    let quiet = desk.screen(120, 40);
    assert!(!quiet.contains("outbox"), "{quiet}");
    let state = &mut desk.driver.state;
    assert!(
        update(
            state,
            failing(3, "url: cannot reach http://127.0.0.1:9/in: refused")
        )
        .is_empty()
    );
    insta::assert_snapshot!("outbox_failing_120x40", desk.screen(120, 40));
    let narrow = desk.screen(80, 24);
    let status_row = narrow.lines().rev().nth(1).unwrap();
    assert!(status_row.contains("outbox: 3 waiting"), "{narrow}");
    assert!(status_row.chars().count() <= 80, "{status_row}");
    let state = &mut desk.driver.state;
    update(
        state,
        Msg::OutboxChecked(OutboxStatus {
            waiting: 0,
            failing: 0,
            last_error: None,
        }),
    );
    assert!(!desk.screen(120, 40).contains("outbox"));
}

#[test]
fn a_hostile_error_never_breaks_the_status_bar() {
    let mut desk = Desk::demo();
    let huge = format!(
        "command: exited with status 1: {}",
        "ünïcødé 漢字 ".repeat(500)
    );
    update(&mut desk.driver.state, failing(u64::MAX, &huge));
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        let screen = desk.screen(w, h);
        for line in screen.lines() {
            assert!(line.chars().count() <= usize::from(w), "{line}");
        }
    }
}
