//! The selected slot's waitlist in its panel: who waits, in order, with the
//! phone to call and since when, and the keys that join and leave it; and
//! the words an offered hold carries on its booking line. Pure drawing.

use super::slot_panel::flow;
use crate::app::keymap::Context;
use crate::app::waitlist::{offer_of, queue};
use crate::app::{Action, AppState};
use crate::domain::customer::display_phone;
use crate::domain::wall_clock;
use crate::domain::{Booking, Slot, Unavailable, WaitlistStatus};
use crate::ui::{hints, theme};
use ratatui::text::{Line, Span};

/// The queue's lines for `slot`, at most `room` of them: a heading with the
/// keys, then one line per customer waiting (the rest counted). Nothing
/// while nobody waits (a full slot's facts then offer [`join_hint`]).
pub fn lines(state: &AppState, slot: &Slot, width: usize, room: usize) -> Vec<Line<'static>> {
    let entries = queue(state, slot.occurrence.slot_ref());
    let waiting: Vec<_> = entries
        .iter()
        .filter(|e| e.status == WaitlistStatus::Waiting)
        .collect();
    let full = matches!(
        slot.unavailable,
        Some(Unavailable::Full | Unavailable::Blocked { .. })
    );
    if room == 0 || entries.is_empty() {
        return Vec::new();
    }
    let key = |a| hints::key(state, Context::Board, a);
    let offered = entries.len() - waiting.len();
    let mut head = vec![Span::styled(
        match (waiting.len(), offered) {
            (0, 0) => "Nobody waiting".to_owned(),
            (0, n) => format!("{n} offered · nobody else waiting"),
            (n, _) => format!("Waiting: {n}"),
        },
        theme::TITLE,
    )];
    if full && let Some(k) = key(Action::JoinWaitlist) {
        head.push(Span::styled(format!("{k} join"), theme::KEY));
    }
    if !entries.is_empty()
        && let Some(k) = key(Action::LeaveWaitlist)
    {
        head.push(Span::styled(format!("{k} leave"), theme::KEY));
    }
    let mut out = flow(head, width, 0);
    let tz = state.tz();
    let today = state.today();
    let listed = room.saturating_sub(out.len());
    let cut = waiting.len() > listed;
    // With room for one line, the first in line is named and the rest
    // counted on it; with more, the count takes a line of its own.
    let show = if cut {
        listed.saturating_sub(1).max(listed.min(1))
    } else {
        listed
    };
    let count_inline = cut && show == listed;
    for (i, e) in waiting.iter().take(show).enumerate() {
        let since = if e.joined_at.with_timezone(&tz).date_naive() == today {
            wall_clock::clock(e.joined_at, tz)
        } else {
            wall_clock::format_local(e.joined_at, tz, "%d %b %H:%M")
        };
        let mut parts = vec![Span::raw(format!("{}. {}", i + 1, e.customer.name))];
        if let Some(p) = &e.customer.phone {
            parts.push(Span::raw(display_phone(p, state.phone_region())));
        }
        if e.participants > 1 {
            parts.push(Span::raw(format!("{} seats", e.participants)));
        }
        parts.push(Span::styled(format!("since {since}"), theme::DIM));
        if count_inline && i + 1 == show {
            parts.insert(
                1,
                Span::styled(format!("(+{} more)", waiting.len() - show), theme::DIM),
            );
        }
        out.extend(flow(parts, width, 3).into_iter().take(1));
    }
    if cut && !count_inline {
        out.push(Line::styled(
            format!("   … {} more waiting", waiting.len() - show),
            theme::DIM,
        ));
    }
    out.truncate(room);
    out
}

/// An offered hold's words on its booking line, in place of `HELD
/// mm:ss`: `OFFER mm:ss` and the phone (else the email) to call; `None`
/// for a hold that is no offer.
pub fn offer_parts(state: &AppState, b: &Booking, left: &str) -> Option<Vec<Span<'static>>> {
    offer_of(state, b.id)?;
    let mut parts = vec![Span::styled(format!("OFFER {left}"), theme::HELD)];
    let contact = b.customer.as_ref().and_then(|c| {
        c.phone
            .as_deref()
            .map(|p| display_phone(p, state.phone_region()))
            .or_else(|| c.email.clone())
    });
    parts.extend(contact.map(|c| Span::styled(c, theme::TITLE)));
    Some(parts)
}

/// `Q join the waitlist` for a full slot nobody waits for yet (on the
/// slot's facts line).
pub fn join_hint(state: &AppState, slot: &Slot) -> Option<Span<'static>> {
    let nobody = queue(state, slot.occurrence.slot_ref()).is_empty();
    let full = matches!(slot.unavailable, Some(Unavailable::Full));
    let k = hints::key(state, Context::Board, Action::JoinWaitlist)?;
    (nobody && full).then(|| Span::styled(format!("{k} join the waitlist"), theme::KEY))
}
