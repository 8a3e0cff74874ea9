//! Fitting text and boxes into the cells there are: display width,
//! truncation with an ellipsis, padding, wrapping, centred boxes. The one
//! place the ui cuts text. Each helper shows control characters as
//! visible symbols ([`printable`]: `␛`, `␇`): ratatui drops them from the
//! cells, which would hide that stored text holds them. Pure.

use crate::domain::text::printable;
use ratatui::layout::Rect;
use ratatui::text::Span;

/// Display width of `s` in terminal cells, a control character counted as
/// its one-cell symbol.
pub fn width(s: &str) -> usize {
    Span::raw(printable(s)).width()
}

fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    width(c.encode_utf8(&mut buf))
}

/// `s` cut to at most `max` cells, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let s = &*printable(s);
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
    // A cut word takes the ellipsis at once (`Mat…`); after a separator
    // the ellipsis stands apart (`assessment · …`).
    let kept = out.trim_end();
    let mut out = if kept.ends_with(char::is_alphanumeric) {
        kept.to_owned()
    } else {
        out
    };
    out.push('…');
    out
}

/// `s` cut from the left to at most `max` cells, starting with `…` when cut
/// (for paths, whose end says the most).
pub fn truncate_start(s: &str, max: usize) -> String {
    let s = &*printable(s);
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

/// A heading or name fitted to `max`: whole; else without its `(…)` note
/// (`Priya Sharma (physiotherapist)` → `Priya Sharma`); else cut.
pub fn title(s: &str, max: usize) -> String {
    let s = &*printable(s);
    if width(s) <= max {
        return s.to_owned();
    }
    match s.find(" (") {
        Some(at) if width(&s[..at]) <= max => s[..at].to_owned(),
        Some(at) => truncate(&s[..at], max),
        None => truncate(s, max),
    }
}

/// `text` broken into lines of at most `max` cells at spaces (a word
/// longer than a line is cut across lines); at least one line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let text = &*printable(text);
    let max = max.max(1);
    let mut lines = vec![String::new()];
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = width(word);
        if used > 0 && used + 1 + w <= max {
            if let Some(line) = lines.last_mut() {
                line.push(' ');
                line.push_str(word);
            }
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(String::new());
            used = 0;
        }
        for c in word.chars() {
            let cw = char_width(c);
            if used > 0 && used + cw > max {
                lines.push(String::new());
                used = 0;
            }
            if let Some(line) = lines.last_mut() {
                line.push(c);
            }
            used += cw;
        }
    }
    lines
}

/// A `width`×`height` box centred in `area`, never larger than it.
/// An odd cell left over goes after the box.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The one-line row in the vertical middle of `area`.
pub fn middle(area: Rect) -> Rect {
    Rect {
        y: area.y + area.height / 2,
        height: area.height.min(1),
        ..area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_marks_the_cut_and_keeps_within_width() {
        assert_eq!(truncate("Physiotherapy follow-up", 10), "Physiothe…");
        assert_eq!(truncate("Mat Pilates", 11), "Mat Pilates");
        assert_eq!(truncate("Mat Pilates", 5), "Mat…");
        assert_eq!(truncate("Ada · Mat Pilates", 7), "Ada · …");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate_start("/tmp/demo/x.db", 8), "…mo/x.db");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(truncate("Reformer Pilates (group)", 15), "Reformer Pilat…");
        assert_eq!(title("Priya Sharma (physiotherapist)", 20), "Priya Sharma");
        assert_eq!(title("Priya Sharma (physiotherapist)", 8), "Priya S…");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("lower back pain after running", 10),
            ["lower back", "pain after", "running"]
        );
        assert_eq!(wrap("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("ab abcdefgh", 5), ["ab", "abcde", "fgh"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn control_characters_are_shown_as_symbols_and_counted_as_one_cell() {
        assert_eq!(truncate("a\u{1b}[2Jb", 10), "a␛[2Jb");
        assert_eq!(truncate("\u{7}\u{7}\u{7}\u{7}", 3), "␇␇…");
        assert_eq!(pad("a\u{0}", 3), "a␀ ");
        assert_eq!(wrap("knee\u{1b}[2J pain", 20), ["knee␛[2J pain"]);
        assert_eq!(width("a\u{1b}"), 2);
    }

    #[test]
    fn boxes_centre_with_an_odd_cell_after_them() {
        assert_eq!(
            centered(Rect::new(0, 0, 10, 4), 20, 2),
            Rect::new(0, 1, 10, 2)
        );
        assert_eq!(centered(Rect::new(2, 0, 9, 5), 4, 2), Rect::new(4, 1, 4, 2));
        assert_eq!(middle(Rect::new(0, 3, 10, 5)), Rect::new(0, 5, 10, 1));
    }
}
