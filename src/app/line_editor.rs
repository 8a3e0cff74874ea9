//! One line of editable text with a cursor, the same in every place the
//! desk takes typing: form fields, the customer search box and the
//! palette's filter. The editing itself (graphemes, words, wide and
//! right-to-left characters) is `tui-input`'s; this file maps the desk's
//! keys (readline's) onto it. Pure.

use crate::app::keymap::Key;
use crossterm::event::{KeyCode, KeyModifiers};
use tui_input::{Input, InputRequest};

/// The most characters one paste puts into a line: far over any field's
/// limit, so a pasted book shows the limit's problem rather than freezing
/// the desk.
pub const PASTE_MAX: usize = 20_000;

/// Text and a cursor; compared by both.
#[derive(Debug, Clone, Default)]
pub struct LineEditor(Input);

impl PartialEq for LineEditor {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

impl Eq for LineEditor {}

impl LineEditor {
    /// `value` with the cursor at its end.
    pub fn new(value: &str) -> Self {
        Self(Input::new(value.to_owned()))
    }

    /// The text as typed, untrimmed.
    pub fn value(&self) -> &str {
        self.0.value()
    }

    /// The cursor's place, in characters (Unicode scalar values) from the
    /// start: it moves a grapheme at a time, so it never rests inside an
    /// emoji or an accented letter typed as two.
    pub fn cursor(&self) -> usize {
        self.0.cursor()
    }

    /// Replaces the text, the cursor at its end.
    pub fn set_value(&mut self, value: &str) {
        *self = Self::new(value);
    }

    /// Puts the cursor `at` characters from the start (at most the end).
    pub fn set_cursor(&mut self, at: usize) {
        self.0.handle(InputRequest::SetCursor(at));
    }

    /// Empties the text.
    pub fn clear(&mut self) {
        self.set_value("");
    }

    /// Inserts `text` at the cursor in one splice, at most `max`
    /// characters of it, the cursor after it; returns whether the text
    /// changed.
    pub fn insert(&mut self, text: &str, max: usize) -> bool {
        let text: String = text.chars().take(max).collect();
        if text.is_empty() {
            return false;
        }
        let value = self.value();
        let cursor = self.cursor();
        let at = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(i, _)| i);
        let joined = format!("{}{text}{}", &value[..at], &value[at..]);
        self.0 = Input::new(joined).with_cursor(cursor + text.chars().count());
        true
    }

    /// Inserts pasted `text` at the cursor as one line (see [`one_line`]),
    /// at most [`PASTE_MAX`] characters of it; returns whether the text
    /// changed. Inside a word's neighbours it keeps one space at an end
    /// that had any, so `Ada |Lovelace` takes `King\n` as
    /// `Ada King Lovelace`; a paste of only spaces is not taken.
    pub fn paste(&mut self, text: &str) -> bool {
        let text: String = text.chars().take(PASTE_MAX).collect();
        let mut line = one_line(&text);
        if line.is_empty() {
            return false;
        }
        let cursor = self.cursor();
        if cursor > 0 && text.starts_with(char::is_whitespace) {
            line.insert(0, ' ');
        }
        if cursor < self.value().chars().count() && text.ends_with(char::is_whitespace) {
            line.push(' ');
        }
        self.insert(&line, PASTE_MAX)
    }

    /// Applies an editing key; `None` when `key` is not one (see
    /// [`is_editing_key`]), else whether the text changed (a key that only
    /// moves the cursor gives `Some(false)`).
    ///
    /// ←/→ (`ctrl-b`, `ctrl-f`) a character, `ctrl-←`/`ctrl-→` (`alt-b`,
    /// `alt-f`) a word, Home/End (`ctrl-a`, `ctrl-e`) to either end;
    /// Backspace and Delete (`ctrl-d`) a character, `ctrl-w`
    /// (`alt-backspace`) the word before, `alt-d` (`ctrl-delete`) the word
    /// after, `ctrl-k` to the end, `ctrl-u` the whole line, `ctrl-y` puts
    /// back what was cut.
    pub fn edit(&mut self, key: Key) -> Option<bool> {
        let request = editing_request(key)?;
        // Compared, not trusted: `ctrl-k` at the end reports a change.
        let before = self.value().to_owned();
        self.0.handle(request);
        Some(self.value() != before)
    }
}

/// Pasted text as one line: line breaks and tabs become single spaces, other
/// control characters go, and the ends are trimmed (a paste often ends with
/// a line break).
pub fn one_line(text: &str) -> String {
    let spaced: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `key` edits or moves in a line of text (a typed character, the
/// arrows, Home/End, readline's control and alt keys): the config may not
/// bind such a key in a context whose text takes it first.
pub fn is_editing_key(key: Key) -> bool {
    editing_request(key).is_some()
}

/// The editing a key asks for, readline's keys (ALT and META alike, since
/// terminals send either for the Alt key); `None` for other keys.
fn editing_request(key: Key) -> Option<InputRequest> {
    use InputRequest::{
        DeleteLine, DeleteNextChar, DeleteNextWord, DeletePrevChar, DeletePrevWord, DeleteTillEnd,
        GoToEnd, GoToNextChar, GoToNextWord, GoToPrevChar, GoToPrevWord, GoToStart, InsertChar,
        Yank,
    };
    let ctrl = key.modifiers == KeyModifiers::CONTROL;
    let alt = key.modifiers == KeyModifiers::ALT;
    let plain = key.modifiers.is_empty();
    Some(match key.code {
        KeyCode::Char(c) if plain => InsertChar(c),
        KeyCode::Left if plain => GoToPrevChar,
        KeyCode::Right if plain => GoToNextChar,
        KeyCode::Left if ctrl || alt => GoToPrevWord,
        KeyCode::Right if ctrl || alt => GoToNextWord,
        KeyCode::Home if plain => GoToStart,
        KeyCode::End if plain => GoToEnd,
        KeyCode::Backspace if plain => DeletePrevChar,
        KeyCode::Backspace if alt || ctrl => DeletePrevWord,
        KeyCode::Delete if plain => DeleteNextChar,
        KeyCode::Delete if ctrl || alt => DeleteNextWord,
        KeyCode::Char(c) if ctrl => match c {
            'a' => GoToStart,
            'e' => GoToEnd,
            'b' => GoToPrevChar,
            'f' => GoToNextChar,
            'h' => DeletePrevChar,
            'd' => DeleteNextChar,
            'w' => DeletePrevWord,
            'k' => DeleteTillEnd,
            'u' => DeleteLine,
            'y' => Yank,
            _ => return None,
        },
        KeyCode::Char(c) if alt => match c {
            'b' => GoToPrevWord,
            'f' => GoToNextWord,
            'd' => DeleteNextWord,
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(editor: &mut LineEditor, keys: &[Key]) {
        for k in keys {
            editor.edit(*k);
        }
    }

    #[test]
    fn a_letter_goes_in_where_the_cursor_is_and_words_move_and_cut() {
        let mut e = LineEditor::new("Ada Lovlace");
        let left = Key::plain(KeyCode::Left);
        keys(&mut e, &[left, left, left, left, Key::char('e')]);
        assert_eq!(e.value(), "Ada Lovelace");
        assert_eq!(
            e.edit(Key::ctrl('a')),
            Some(false),
            "a move changes nothing"
        );
        assert_eq!(e.cursor(), 0);
        keys(&mut e, &[Key::ctrl('e'), Key::ctrl('w')]);
        assert_eq!(e.value(), "Ada ");
        assert_eq!(e.edit(Key::ctrl('y')), Some(true));
        assert_eq!(e.value(), "Ada Lovelace");
        assert_eq!(e.edit(Key::plain(KeyCode::F(2))), None);
    }

    #[test]
    fn an_insert_splices_at_the_cursor_and_is_cut_at_its_limit() {
        let mut e = LineEditor::new("李小龍");
        e.set_cursor(1);
        assert!(e.insert("👩‍⚕️x", 100));
        assert_eq!(e.value(), "李👩‍⚕️x小龍");
        assert_eq!(e.cursor(), 1 + "👩‍⚕️x".chars().count());
        assert!(e.insert("abcdef", 2));
        assert_eq!(e.value(), "李👩‍⚕️xab小龍");
        assert!(!e.insert("", 10), "nothing to insert changes nothing");
        e.clear();
        assert_eq!((e.value(), e.cursor()), ("", 0));
    }
}
