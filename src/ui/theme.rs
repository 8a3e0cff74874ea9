//! The desk's one palette: the board's slot looks, booking and payment statuses,
//! and the chrome's styles. Named ANSI colours, so the user's terminal
//! palette (light or dark) still applies. No other ui file names a colour.
//! A [`Theme`] other than the default repaints the finished frame (see
//! [`palette`]).

pub mod palette;

pub use palette::{Theme, ThemeName, ThemeSpec};

use crate::app::screens::board::SlotLook;
use crate::domain::{BookingStatus, PaymentStatus};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

/// The colour of a slot's look (legend, cells, slot panel).
pub fn slot_color(look: SlotLook) -> Color {
    match look {
        SlotLook::Free => Color::Green,
        SlotLook::Partial => Color::Cyan,
        SlotLook::Full => Color::Red,
        SlotLook::Held => Color::Yellow,
        SlotLook::Blocked => Color::Magenta,
        SlotLook::Closed => Color::LightBlue,
        SlotLook::Past => Color::DarkGray,
    }
}

/// A slot that looks `look`: its colour as the text colour; holds in bold.
pub fn slot_style(look: SlotLook) -> Style {
    match look {
        SlotLook::Held => HELD,
        _ => Style::new().fg(slot_color(look)),
    }
}

/// The cursor cell on a slot that looks `look`: its colour as the background.
pub fn cursor(look: SlotLook) -> Style {
    let fg = if look == SlotLook::Past {
        Color::White
    } else {
        Color::Black
    };
    Style::new()
        .fg(fg)
        .bg(slot_color(look))
        .add_modifier(Modifier::BOLD)
}

/// A booking status, agreeing with the board: a hold looks like a held
/// slot, and what no longer takes a seat (completed, cancelled, declined,
/// expired) is dimmed like a past slot. Pending cyan, confirmed green,
/// checked in light blue, no-show red.
pub fn status(status: BookingStatus) -> Style {
    match status {
        BookingStatus::Held => slot_style(SlotLook::Held),
        BookingStatus::Pending => Style::new().fg(Color::Cyan),
        BookingStatus::Requested => Style::new().fg(Color::Magenta),
        BookingStatus::Confirmed => Style::new().fg(Color::Green),
        BookingStatus::CheckedIn => Style::new().fg(Color::LightBlue),
        BookingStatus::NoShow => Style::new().fg(Color::Red),
        BookingStatus::Completed
        | BookingStatus::Cancelled
        | BookingStatus::Declined
        | BookingStatus::Expired => slot_style(SlotLook::Past),
    }
}

/// A booking status as people read it (`checked in`), in its colour.
pub fn status_span(s: BookingStatus) -> Span<'static> {
    Span::styled(s.label(), status(s))
}

/// A payment state: paid green, refunded magenta, unpaid dim.
pub fn payment(payment: PaymentStatus) -> Style {
    match payment {
        PaymentStatus::Unpaid => DIM,
        PaymentStatus::Paid => Style::new().fg(Color::Green),
        PaymentStatus::Refunded => Style::new().fg(Color::Magenta),
    }
}

/// Headings and the things a line is about (a filter in force, a name).
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
/// Secondary text: separators, units, hints' words, placeholders.
pub const DIM: Style = Style::new().fg(Color::DarkGray);
/// A key name in hints, help and the palette.
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
/// A table's column headings.
pub const HEADING: Style = Style::new()
    .fg(Color::Gray)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
/// Box borders.
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
/// An overlay's border, brighter than the screen's.
pub const OVERLAY_BORDER: Style = Style::new().fg(Color::Cyan);
/// A tab not shown.
pub const TAB: Style = Style::new();
/// The screen shown.
pub const TAB_ACTIVE: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
/// A refusal or failure: the status bar's error, a form field's problem.
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
/// The engine's refusal of a form, as a bar.
pub const REFUSAL: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Red)
    .add_modifier(Modifier::BOLD);
/// Something done, in the status bar.
pub const INFO: Style = Style::new().fg(Color::Green);
/// Something allowed but worth a second look beside a form field (an amount
/// other than what is due).
pub const FIELD_WARNING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// A helpful rendering beside a form field (the phone in E.164).
pub const FIELD_HINT: Style = Style::new().fg(Color::Green).add_modifier(Modifier::DIM);
/// A live hold: held cells, the hold countdown, the status bar's count.
pub const HELD: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// Work under way (`saving…`).
pub const BUSY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// A banner waiting on a decision: a booking being moved, a form about to
/// be discarded.
pub const PROMPT: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
/// The selected row of a list, table, palette or slot panel: a bar that
/// overrides the row's own colours.
pub const SELECTED: Style = Style::new()
    .fg(Color::White)
    .bg(Color::Blue)
    .add_modifier(Modifier::BOLD);
/// The focused form field's value area.
pub const EDITING: Style = Style::new().fg(Color::White).bg(Color::DarkGray);
/// The text cursor in the focused field.
pub const CARET: Style = EDITING.fg(Color::Cyan);
/// The board's date (or week) in the date picker.
pub const PICKED: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Cyan)
    .add_modifier(Modifier::BOLD);
/// Today in the date picker and column titles.
pub const TODAY: Style = Style::new()
    .fg(Color::Yellow)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
/// A scrollbar's thumb (its track uses [`BORDER`]).
pub const THUMB: Style = Style::new().fg(Color::Gray);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booking_statuses_agree_with_the_board_looks() {
        assert_eq!(status(BookingStatus::Held), slot_style(SlotLook::Held));
        for gone in [
            BookingStatus::Completed,
            BookingStatus::Cancelled,
            BookingStatus::Declined,
            BookingStatus::Expired,
        ] {
            assert_eq!(status(gone), slot_style(SlotLook::Past), "{gone:?}");
        }
        assert_eq!(status_span(BookingStatus::CheckedIn).content, "checked in");
    }
}
