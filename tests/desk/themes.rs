//! The themes on the finished frame, asserted on the buffer's styles
//! (insta's text snapshots show no colour): monochrome paints no colour on
//! any screen and keeps every word; high contrast paints bright colours in
//! bold and no dim grey; a colour the config replaces is painted wherever
//! the palette used it. The monochrome board's snapshot shows each cell's
//! modifiers under its text.
#![allow(clippy::unwrap_used)]

use crate::support::Desk;
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use slotdesk::app::screens::board::SlotLook;
use slotdesk::ui::theme::{Theme, ThemeName, ThemeSpec};

fn draw(desk: &Desk, theme: &Theme, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| slotdesk::ui::draw(f, &desk.driver.state, theme))
        .unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Each row's text, then under it a mark per cell: `R` reversed, `B` bold,
/// `D` dim, `U` underlined (the first that applies), blank for plain.
fn with_modifiers(buffer: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut marks = String::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            out.push_str(cell.symbol());
            let m = cell.modifier;
            marks.push(if m.contains(Modifier::REVERSED) {
                'R'
            } else if m.contains(Modifier::BOLD) {
                'B'
            } else if m.contains(Modifier::DIM) {
                'D'
            } else if m.contains(Modifier::UNDERLINED) {
                'U'
            } else {
                ' '
            });
        }
        out.push('\n');
        out.push_str(marks.trim_end());
        out.push('\n');
    }
    out
}

/// Where `text` starts on the screen.
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let line: String = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        if let Some(byte) = line.find(text) {
            return (line[..byte].chars().count() as u16, y);
        }
    }
    panic!("`{text}` is not on the screen");
}

/// The demo desk on each screen and overlay that has its own colours.
fn every_screen() -> Vec<(&'static str, Desk)> {
    let mut out = Vec::new();
    let mut held = Desk::demo();
    held.select_look(SlotLook::Free);
    held.press(KeyCode::Char('r')).press(KeyCode::Enter);
    out.push(("board with a new hold", held));
    let mut week = Desk::demo();
    week.press(KeyCode::Char('w'));
    out.push(("week", week));
    let mut list = Desk::demo();
    list.press(KeyCode::Char('2'));
    out.push(("bookings", list));
    let mut detail = Desk::demo();
    detail.press(KeyCode::Char('2')).press(KeyCode::Enter);
    out.push(("detail", detail));
    let mut customers = Desk::demo();
    customers.press(KeyCode::Char('3'));
    out.push(("customers", customers));
    let mut activity = Desk::demo();
    activity.press(KeyCode::Char('4'));
    out.push(("activity", activity));
    let mut form = Desk::demo();
    form.select_look(SlotLook::Free);
    form.press(KeyCode::Char('n')).type_text("Ada");
    out.push(("new booking form", form));
    let mut help = Desk::demo();
    help.press(KeyCode::Char('?'));
    out.push(("help", help));
    let mut palette = Desk::demo();
    palette.press(KeyCode::Char(':')).type_text("pay");
    out.push(("palette", palette));
    out.push(("first run", Desk::empty()));
    out
}

#[test]
fn monochrome_paints_no_colour_on_any_screen_and_keeps_every_word() {
    let mono = Theme::monochrome();
    for (name, desk) in every_screen() {
        for (w, h) in [(120, 40), (80, 24)] {
            let plain = draw(&desk, &Theme::default(), w, h);
            let buffer = draw(&desk, &mono, w, h);
            assert_eq!(text(&buffer), text(&plain), "{name} {w}x{h}: the words");
            for cell in &buffer.content {
                assert!(
                    cell.fg == Color::Reset && cell.bg == Color::Reset,
                    "{name} {w}x{h}: `{}` is coloured {:?} on {:?}",
                    cell.symbol(),
                    cell.fg,
                    cell.bg
                );
            }
            // What had a background (bars, the cursor) is reversed instead.
            for (mono_cell, plain_cell) in buffer.content.iter().zip(&plain.content) {
                if plain_cell.bg != Color::Reset {
                    assert!(
                        mono_cell.modifier.contains(Modifier::REVERSED),
                        "{name} {w}x{h}: `{}` lost its bar",
                        mono_cell.symbol()
                    );
                }
            }
        }
    }
}

#[test]
fn the_monochrome_board_says_each_look_in_words_and_marks_the_cursor() {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Free);
    desk.press(KeyCode::Char('r')).press(KeyCode::Enter);
    let mono = Theme::monochrome();
    for (w, h) in [(120, 40), (80, 24)] {
        let buffer = draw(&desk, &mono, w, h);
        let screen = text(&buffer);
        for t in SlotLook::ALL {
            assert!(
                screen.contains(&format!("■ {}", t.label())),
                "{t:?}\n{screen}"
            );
        }
        for words in ["HELD 15:00", "full", "blocked", "past"] {
            assert!(screen.contains(words), "{words}\n{screen}");
        }
        // The cursor is on the new hold: reversed and bold.
        let (x, y) = find(&buffer, "HELD 15:00");
        let m = buffer[(x, y)].modifier;
        assert!(m.contains(Modifier::REVERSED | Modifier::BOLD), "{m:?}");
        // A past slot is dimmed.
        let (x, y) = find(&buffer, "8/8 past");
        assert!(buffer[(x, y)].modifier.contains(Modifier::DIM));
    }
    insta::assert_snapshot!(
        "board_monochrome_80x24",
        with_modifiers(&draw(&desk, &mono, 80, 24))
    );
    insta::assert_snapshot!(
        "board_monochrome_120x40",
        with_modifiers(&draw(&desk, &mono, 120, 40))
    );
}

#[test]
fn high_contrast_paints_bright_colours_in_bold_and_no_dim_grey() {
    let hc = Theme::named(ThemeName::HighContrast);
    for (name, desk) in every_screen() {
        let plain = draw(&desk, &Theme::default(), 120, 40);
        let buffer = draw(&desk, &hc, 120, 40);
        assert_eq!(text(&buffer), text(&plain), "{name}: the words");
        for cell in &buffer.content {
            let s = cell.symbol();
            assert!(
                ![cell.fg, cell.bg].contains(&Color::DarkGray),
                "{name}: `{s}` is dark grey"
            );
            assert!(!cell.modifier.contains(Modifier::DIM), "{name}: `{s}` dim");
            if cell.bg != Color::Reset {
                assert_eq!(cell.fg, Color::Black, "{name}: `{s}` on a bar");
            }
        }
    }
    let desk = Desk::demo();
    let buffer = draw(&desk, &hc, 120, 40);
    let at = |text: &str| {
        let (x, y) = find(&buffer, text);
        (
            buffer[(x, y)].fg,
            buffer[(x, y)].bg,
            buffer[(x, y)].modifier,
        )
    };
    let bold = |c: (Color, Color, Modifier)| c.2.contains(Modifier::BOLD);
    assert_eq!(at("■ free").0, Color::LightGreen);
    assert!(bold(at("■ free")));
    assert_eq!(at("■ full").0, Color::LightRed);
    assert_eq!(at("■ held").0, Color::LightYellow);
    assert_eq!(at("■ past").0, Color::Reset, "no grey: the terminal's text");
    // The screen shown in the tab bar: black on bright cyan.
    let tab = at("1 Day board");
    assert_eq!((tab.0, tab.1), (Color::Black, Color::LightCyan));
}

#[test]
fn a_colour_the_config_replaces_is_painted_wherever_the_palette_used_it() {
    let spec: ThemeSpec = toml::from_str("[colors]\nyellow = \"#b58900\"\n").unwrap();
    let theme = spec.resolve(false).unwrap();
    let gold = Color::Rgb(0xb5, 0x89, 0x00);
    let desk = Desk::demo();
    let buffer = draw(&desk, &theme, 120, 40);
    let (x, y) = find(&buffer, "■ held");
    assert_eq!(buffer[(x, y)].fg, gold);
    let (x, y) = find(&buffer, "HELD");
    assert_eq!(buffer[(x, y)].fg, gold);
    // Nothing else changes colour.
    let plain = draw(&desk, &Theme::default(), 120, 40);
    for (cell, before) in buffer.content.iter().zip(&plain.content) {
        if before.fg != Color::Yellow {
            assert_eq!(cell.fg, before.fg);
        }
    }
}

#[test]
fn in_monochrome_the_text_cursor_mid_field_still_stands_out_and_the_terminal_cursor_is_on_it() {
    let mut desk = Desk::demo();
    desk.select_look(SlotLook::Free);
    desk.press(KeyCode::Char('n')).type_text("Jonathan");
    for _ in 0..3 {
        desk.press(KeyCode::Left);
    }
    let mono = Theme::monochrome();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| slotdesk::ui::draw(f, &desk.driver.state, &mono))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let row = (0..24)
        .find(|&y| {
            (0..80)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .contains("Jonathan")
        })
        .unwrap();
    let line: String = (0..80)
        .map(|x| buffer[(x, row)].symbol().to_owned())
        .collect();
    let start = u16::try_from(line.chars().position(|c| c == 'J').unwrap()).unwrap();
    // `Jona|than`: the cursor is on the `t`, the sixth letter.
    let on = buffer[(start + 5, row)].modifier;
    let beside = buffer[(start + 4, row)].modifier;
    assert_ne!(on, beside, "the cursor's cell looks like its neighbours");
    let cursor = terminal.get_cursor_position().unwrap();
    assert_eq!(
        (cursor.x, cursor.y),
        (start + 5, row),
        "the terminal's cursor"
    );
}
