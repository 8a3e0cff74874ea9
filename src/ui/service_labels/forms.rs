//! The shapes a squeezed service name can take: its words cut alike, run
//! together, or its two ends. Each is a plain cut by cells (a wide
//! character goes whole or not at all); `None` when the shape does not
//! apply or does not fit. Pure.

use crate::ui::fit;

/// Display width of one character.
fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    fit::width(c.encode_utf8(&mut buf))
}

/// The start of `text` in at most `cells` cells, without an ellipsis.
pub(super) fn cut(text: &str, cells: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += char_width(*c);
            used <= cells
        })
        .collect()
}

/// The end of `text` in at most `cells` cells.
fn cut_end(text: &str, cells: usize) -> String {
    let mut used = 0;
    let mut kept: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| {
            used += char_width(*c);
            used <= cells
        })
        .collect();
    kept.reverse();
    kept.into_iter().collect()
}

pub use crate::domain::text::without_note;

/// Every word but the last cut to `words_to` cells, the last cut (with
/// `…`) to what is left, keeping at least five of its cells or all of it:
/// `Physio assess…`. `None` for one word.
pub(super) fn squeeze(text: &str, words_to: usize, width: usize) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (last, head) = words.split_last()?;
    if head.is_empty() {
        return None;
    }
    let head: Vec<String> = head.iter().map(|w| cut(w, words_to)).collect();
    let head = head.join(" ");
    let room = width.checked_sub(fit::width(&head) + 1)?;
    if room < fit::width(last).min(5) {
        return None;
    }
    Some(format!("{head} {}", fit::truncate(last, room)))
}

/// The starts of the words (split at anything not a letter or digit) run
/// together, each capitalised, sharing `width` cells a character at a time
/// from the first word on: `PhAs`, `PhFU`, `PA`.
pub(super) fn compact(text: &str, width: usize) -> Option<String> {
    let words: Vec<Vec<char>> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect();
    let mut taken = vec![0; words.len()];
    let mut left = width;
    loop {
        let mut gave = false;
        for (word, n) in words.iter().zip(taken.iter_mut()) {
            if let Some(&c) = word.get(*n)
                && char_width(c) <= left
            {
                left -= char_width(c);
                *n += 1;
                gave = true;
            }
        }
        if !gave {
            break;
        }
    }
    let mut out = String::new();
    for (word, n) in words.iter().zip(taken) {
        for (i, &c) in word[..n].iter().enumerate() {
            let mut upper = c.to_uppercase();
            match (i, upper.next(), upper.next()) {
                (0, Some(u), None) if char_width(u) == char_width(c) => out.push(u),
                _ => out.push(c),
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The start and the end of `text` about an ellipsis, the end given half
/// the room: `理学…価`. `None` when it fits whole or `width` is under 3.
pub(super) fn middle(text: &str, width: usize) -> Option<String> {
    if width < 3 || fit::width(text) <= width {
        return None;
    }
    let room = width - 1;
    let tail = cut_end(text, room / 2);
    let head = cut(text, room - fit::width(&tail));
    Some(format!("{}…{}", head.trim_end(), tail.trim_start()))
}
