//! One grid cell's text: the service's label (its name, short name or an
//! abbreviation that differs from the other services'), `taken/capacity`,
//! a word for the look (`full`, `blocked`, `closed`, `past`) where there
//! is room, and a live hold's `HELD mm:ss` countdown — in a narrow column
//! `mm:ss` or `15m` beside the label, so a held cell still names its
//! service; a course's session says which it is (`session 2 of 6`). Pure.

use crate::app::screens::board::{SlotLook, countdown};
use crate::domain::Slot;
use crate::domain::course::SessionNumber;
use crate::ui::fit;
use crate::ui::service_labels::ServiceLabels;
use chrono::{DateTime, Utc};

/// The name may be cut to this for a look word (`usize::MAX`: never cut).
const WHOLE: usize = usize::MAX;

/// A hold's time left in at most four cells: whole minutes rounded up
/// (`15m`), then seconds (`45s`).
fn minutes_left(expires_at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (expires_at - now).num_seconds().max(0);
    if seconds >= 60 {
        format!("{}m", (seconds + 59) / 60)
    } else {
        format!("{seconds}s")
    }
}

/// The right-hand parts to try, most informative first, each with how much
/// of the name it leaves at least. `hold_left` is a live hold's word
/// (`HELD`, or `OFFER` for a waitlist offer), `mm:ss` and minutes left.
fn right_parts(
    slot: &Slot,
    look: SlotLook,
    hold_left: Option<(&str, &str, &str)>,
) -> Vec<(String, usize)> {
    let seats = format!("{}/{}", slot.taken, slot.occurrence.capacity);
    match (hold_left, look) {
        // The countdown shrinks before the label goes.
        (Some((word, left, minutes)), _) => vec![
            (format!("{seats} {word} {left}"), 7),
            (format!("{word} {left}"), 7),
            (left.to_owned(), 4),
            (minutes.to_owned(), 4),
            (minutes.to_owned(), 2),
            (minutes.to_owned(), 0),
        ],
        // The seats say it already; the word only where the name is whole.
        (None, SlotLook::Full) => vec![(format!("{seats} full"), WHOLE), (seats, 0)],
        // Nothing taken: the word says more than `0/1`.
        (None, SlotLook::Blocked | SlotLook::Closed | SlotLook::Past) if slot.taken == 0 => vec![
            (format!("{seats} {}", look.label()), WHOLE),
            (look.label().to_owned(), 0),
        ],
        (None, SlotLook::Blocked | SlotLook::Closed | SlotLook::Past) => {
            vec![(format!("{seats} {}", look.label()), 12), (seats, 0)]
        }
        (None, _) => vec![(seats, 0)],
    }
}

/// The service's label in `room` cells and, for a course's session, which
/// one (`Pilates course · session 2 of 6`, else `· 2 of 6`) while the label
/// keeps at least six cells (or all of itself).
fn label(
    slot: &Slot,
    session: Option<SessionNumber>,
    room: usize,
    labels: &ServiceLabels<'_>,
) -> String {
    let id = slot.occurrence.service_id;
    let name = &slot.service_name;
    if let Some(n) = session {
        let keep = fit::width(name).min(6);
        for suffix in [format!(" · {n}"), format!(" · {} of {}", n.number, n.of)] {
            let w = fit::width(&suffix);
            if room >= w + keep {
                return format!("{}{suffix}", labels.label(id, name, room - w));
            }
        }
    }
    labels.label(id, name, room)
}

/// The text of a cell exactly `width` cells wide (one space of padding on
/// each side). `hold` is the live hold's end, if any, and its word
/// (`HELD`, or `OFFER` for a waitlist offer); `session`, which session of
/// its course the slot is.
pub fn text(
    slot: &Slot,
    look: SlotLook,
    hold: Option<(DateTime<Utc>, &str)>,
    session: Option<SessionNumber>,
    now: DateTime<Utc>,
    width: usize,
    labels: &ServiceLabels<'_>,
) -> String {
    if width < 3 {
        return " ".repeat(width);
    }
    let inner = width - 2;
    let left = hold.map(|(t, word)| (word, countdown(t, now), minutes_left(t, now)));
    let rights = right_parts(
        slot,
        look,
        left.as_ref().map(|(w, l, m)| (*w, l.as_str(), m.as_str())),
    );
    let name_len = fit::width(&slot.service_name);
    let right = rights
        .iter()
        .find(|(r, keep)| fit::width(r) + 1 + name_len.min(*keep) <= inner)
        .or_else(|| rights.iter().find(|(r, _)| fit::width(r) <= inner))
        .or(rights.last())
        .map(|(r, _)| fit::truncate(r, inner))
        .unwrap_or_default();
    let right_w = fit::width(&right);
    let name_room = inner.saturating_sub(right_w + 1);
    // A label of one cell says nothing; two already tell services apart.
    let name = if name_room < 2 {
        String::new()
    } else {
        label(slot, session, name_room, labels)
    };
    let gap = inner.saturating_sub(fit::width(&name) + right_w);
    format!(" {name}{}{right} ", " ".repeat(gap))
}
