//! The desk's colours and text styles, in one place: the board's tones,
//! booking statuses and the chrome. Named ANSI colours, so the user's
//! terminal palette (light or dark) still applies.

use crate::app::board::Tone;
use crate::domain::{BookingStatus, PaymentStatus};
use ratatui::style::{Color, Modifier, Style};

/// The colour of a board tone (legend, cells, slot panel).
pub fn tone_color(tone: Tone) -> Color {
    match tone {
        Tone::Free => Color::Green,
        Tone::Partial => Color::Cyan,
        Tone::Full => Color::Red,
        Tone::Held => Color::Yellow,
        Tone::Blocked => Color::Magenta,
        Tone::Closed => Color::LightBlue,
        Tone::Past => Color::DarkGray,
    }
}

/// A board cell of `tone`: its colour as the text colour; holds in bold.
pub fn tone(tone: Tone) -> Style {
    let style = Style::new().fg(tone_color(tone));
    if tone == Tone::Held {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    }
}

/// The cursor cell of `tone`: the tone's colour as the background.
pub fn cursor(tone: Tone) -> Style {
    let fg = if tone == Tone::Past {
        Color::White
    } else {
        Color::Black
    };
    Style::new()
        .fg(fg)
        .bg(tone_color(tone))
        .add_modifier(Modifier::BOLD)
}

/// A booking status word.
pub fn status(status: BookingStatus) -> Style {
    let color = match status {
        BookingStatus::Held => Color::Yellow,
        BookingStatus::Pending => Color::Cyan,
        BookingStatus::Confirmed => Color::Green,
        BookingStatus::CheckedIn | BookingStatus::Completed => Color::LightBlue,
        BookingStatus::NoShow => Color::Red,
        BookingStatus::Cancelled | BookingStatus::Declined | BookingStatus::Expired => {
            Color::DarkGray
        }
    };
    Style::new().fg(color)
}

/// A payment state word.
pub fn payment(payment: PaymentStatus) -> Style {
    match payment {
        PaymentStatus::Unpaid => DIM,
        PaymentStatus::Paid => Style::new().fg(Color::Green),
        PaymentStatus::Refunded => Style::new().fg(Color::Magenta),
    }
}

/// Headings and the things a line is about.
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
/// Secondary text: separators, units, hints' words.
pub const DIM: Style = Style::new().fg(Color::DarkGray);
/// A key name in hints, help and the palette.
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
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
/// A refusal or failure in the status bar.
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
/// Something done, in the status bar.
pub const INFO: Style = Style::new().fg(Color::Green);
/// Live holds in the status bar.
pub const HELD: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// The banner while a booking is being moved.
pub const MOVING: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::Yellow)
    .add_modifier(Modifier::BOLD);
/// The selected row of a list (palette, slot panel).
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED.union(Modifier::BOLD));
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
