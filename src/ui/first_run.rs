//! The first-run screen, shown instead of the board while the database has
//! no catalog: where the database is, how to start from the starter catalog
//! (written beside the database on a key, or printed by the command line)
//! and apply it, and how to try the demo. Every command is whole and
//! copyable: long ones go on over lines ending in ` \`.

use super::{boxes, fit, hints, theme};
use crate::app::Action;
use crate::app::AppState;
use crate::app::keymap::Context;
use crate::domain::shell::shell_word;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The indent of a command, and of its continuation lines.
const INDENT: &str = "    ";
const GOES_ON: &str = "      ";

/// `words` as a shell command in lines of at most `width` cells: as many
/// words as fit on each, the ones before a break ending in ` \`. A word
/// wider than a line has its start cut (`…`).
fn command(words: &[String], width: usize) -> Vec<Line<'static>> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (i, word) in words.iter().enumerate() {
        // Room for the ` \` a break after this word would need.
        let after = if i + 1 < words.len() { 2 } else { 0 };
        let indent = if lines.is_empty() { INDENT } else { GOES_ON };
        let room = width.saturating_sub(indent.len() + after);
        if !line.is_empty() && fit::width(&line) + 1 + fit::width(word) > room {
            lines.push(std::mem::take(&mut line));
        }
        let indent = if lines.is_empty() { INDENT } else { GOES_ON };
        let room = width.saturating_sub(indent.len() + after);
        if !line.is_empty() {
            line.push(' ');
        }
        if fit::width(word) > room {
            line.push_str(&fit::truncate_start(word, room));
        } else {
            line.push_str(word);
        }
    }
    lines.push(line);
    let last = lines.len() - 1;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, text)| {
            let indent = if i == 0 { INDENT } else { GOES_ON };
            let end = if i < last { " \\" } else { "" };
            Line::from(vec![
                Span::raw(indent),
                Span::styled(format!("{text}{end}"), theme::KEY),
            ])
        })
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.split(' ').map(str::to_owned).collect()
}

/// Draws the first-run screen into `area`.
pub fn render(frame: &mut Frame, area: Rect, state: &AppState) {
    // Wide enough at 120 columns for the apply command on one line.
    let width = area.width.saturating_sub(4).min(96);
    let text_w = usize::from(width.saturating_sub(4));
    let quit = hints::key(state, Context::Global, Action::Quit).unwrap_or_default();
    let db = shell_word(&state.db_label);
    let mut lines = vec![
        Line::raw(""),
        Line::raw("This database has no catalog yet: no location, services,"),
        Line::raw("resources or time slots to book."),
        Line::styled(
            format!(
                "{INDENT}{}",
                fit::truncate_start(&state.db_label, text_w.saturating_sub(INDENT.len()))
            ),
            theme::TITLE,
        ),
        Line::raw(""),
    ];
    let file = match &state.starter_catalog {
        Some(path) => {
            let path = path.display().to_string();
            lines.push(Line::raw("Your starter catalog, to edit:"));
            lines.push(Line::styled(
                format!(
                    "{INDENT}{}",
                    fit::truncate_start(&path, text_w.saturating_sub(INDENT.len()))
                ),
                theme::TITLE,
            ));
            shell_word(&path)
        }
        None => {
            lines.push(Line::raw("Start your own from a starter catalog to edit:"));
            if let Some(key) = hints::key(state, Context::FirstRun, Action::WriteStarterCatalog) {
                lines.push(Line::from(vec![
                    Span::raw(INDENT),
                    Span::styled(key, theme::KEY),
                    Span::raw(" writes one beside the database, or"),
                ]));
            }
            lines.extend(command(
                &words("slotdesk catalog template > my-clinic.toml"),
                text_w,
            ));
            "my-clinic.toml".to_owned()
        }
    };
    lines.push(Line::raw("then apply it, and the day board opens here:"));
    let mut apply = vec!["slotdesk".to_owned(), "--db".to_owned(), db];
    apply.extend(words("catalog apply"));
    apply.push(file);
    lines.extend(command(&apply, text_w));
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        "Or try the demo studio, on a fresh database of its own:",
    ));
    lines.extend(command(&words("slotdesk --demo"), text_w));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(quit, theme::KEY),
        Span::raw(" quits."),
    ]));
    let popup = fit::centered(area, width, lines.len() as u16 + 2);
    let inner = boxes::draw(frame, popup, boxes::panel("Welcome to slotdesk"));
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_long_command_goes_on_over_lines_ending_in_a_backslash() {
        let apply = words(
            "slotdesk --db /home/desk/.local/share/slotdesk/slotdesk.db catalog apply my-clinic.toml",
        );
        assert_eq!(
            text(&command(&apply, 72)),
            [
                "    slotdesk --db /home/desk/.local/share/slotdesk/slotdesk.db catalog \\",
                "      apply my-clinic.toml",
            ]
        );
        assert_eq!(
            text(&command(&words("slotdesk --demo"), 72)),
            ["    slotdesk --demo"]
        );
    }

    #[test]
    fn a_word_wider_than_a_line_keeps_its_end() {
        let long = format!("/{}/x.db", "d".repeat(100));
        let lines = text(&command(&["--db".to_owned(), long], 40));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[1].ends_with("ddd/x.db") && lines[1].contains('…'),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| fit::width(l) <= 40), "{lines:?}");
    }
}
