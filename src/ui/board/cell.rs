//! One grid cell's text: the service name (cut at its end, so its start
//! stays readable), `taken/capacity`, a word for the look (`full`,
//! `blocked`, `closed`, `past`) where there is room, and a live hold's
//! `HELD mm:ss` countdown. Pure.

use crate::app::screens::board::{SlotLook, countdown};
use crate::domain::Slot;
use crate::ui::fit;
use chrono::{DateTime, Utc};

/// The name may be cut to this for a look word (`usize::MAX`: never cut).
const WHOLE: usize = usize::MAX;

/// The right-hand parts to try, most informative first, each with how much
/// of the name it leaves at least.
fn right_parts(slot: &Slot, look: SlotLook, hold_left: Option<&str>) -> Vec<(String, usize)> {
    let seats = format!("{}/{}", slot.taken, slot.occurrence.capacity);
    match (hold_left, look) {
        (Some(left), _) => vec![
            (format!("{seats} HELD {left}"), 7),
            (format!("{seats} HELD {left}"), 0),
            (format!("HELD {left}"), 0),
            (left.to_owned(), 0),
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

/// The text of a cell exactly `width` cells wide (one space of padding on
/// each side). `hold_expires_at` is the live hold's end, if any.
pub fn text(
    slot: &Slot,
    look: SlotLook,
    hold_expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    width: usize,
) -> String {
    if width < 3 {
        return " ".repeat(width);
    }
    let inner = width - 2;
    let left = hold_expires_at.map(|t| countdown(t, now));
    let rights = right_parts(slot, look, left.as_deref());
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
    let name = if name_room < 3 && name_room < name_len {
        String::new()
    } else {
        fit::truncate(&slot.service_name, name_room)
    };
    let gap = inner.saturating_sub(fit::width(&name) + right_w);
    format!(" {name}{}{right} ", " ".repeat(gap))
}
