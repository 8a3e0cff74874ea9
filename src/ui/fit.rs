//! Fitting text and boxes into the cells there are: display width,
//! truncation with an ellipsis, padding, centred boxes. Pure.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;

/// Display width of `s` in terminal cells.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    width(c.encode_utf8(&mut buf))
}

/// `s` cut to at most `max` cells, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// `s` cut from the left to at most `max` cells, starting with `…` when cut
/// (for paths, whose end says the most).
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = char_width(c);
        if used + w + 1 > max {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `s` fitted to exactly `w` cells: truncated, then padded on the right.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = truncate(s, w);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// A heading fitted to `max`: whole; else without its `(…)` part; else cut.
pub fn title(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    match s.find(" (") {
        Some(at) if width(&s[..at]) <= max => s[..at].to_owned(),
        Some(at) => truncate(&s[..at], max),
        None => truncate(s, max),
    }
}

/// A name fitted to `max`, keeping its last word whole when it can
/// (`Physio… follow-up`): service names differ most at their end.
pub fn name(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if let Some((head, last)) = s.rsplit_once(' ') {
        let room = max.saturating_sub(width(last) + 1);
        if room >= 4 {
            return format!("{} {last}", truncate(head, room));
        }
    }
    truncate(s, max)
}

/// A `width`×`height` box centred in `area`, never larger than it.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_marks_the_cut_and_keeps_within_width() {
        assert_eq!(truncate("Physiotherapy follow-up", 10), "Physiothe…");
        assert_eq!(truncate("Mat Pilates", 11), "Mat Pilates");
        assert_eq!(truncate("Mat Pilates", 5), "Mat…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate_start("/tmp/demo/x.db", 8), "…mo/x.db");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(name("Physiotherapy follow-up", 17), "Physio… follow-up");
        assert_eq!(name("Mat Pilates", 8), "Mat Pil…");
        assert_eq!(title("Priya Sharma (physiotherapist)", 20), "Priya Sharma");
    }
}
