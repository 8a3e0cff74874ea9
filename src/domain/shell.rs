//! Words written into a command for the user to copy into a shell: a path
//! with spaces or quotes stays one word. Pure.

/// `word` as a POSIX shell reads it back whole: as it is when it holds only
/// letters, digits and `/._-+:@%,=~` (not first), else in single quotes
/// (a `'` written `'\''`). Empty → `''`.
pub fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c);
    let home = word.starts_with('~');
    if !word.is_empty() && !home && word.chars().all(plain) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_a_shell_would_split_is_quoted() {
        assert_eq!(
            shell_word("/home/desk/slotdesk.db"),
            "/home/desk/slotdesk.db"
        );
        assert_eq!(shell_word("/tmp/my clinic.db"), "'/tmp/my clinic.db'");
        assert_eq!(shell_word("/tmp/it's.db"), r"'/tmp/it'\''s.db'");
        assert_eq!(shell_word("$HOME/x;rm"), "'$HOME/x;rm'");
        assert_eq!(shell_word("~x"), "'~x'");
        assert_eq!(shell_word(""), "''");
    }
}
