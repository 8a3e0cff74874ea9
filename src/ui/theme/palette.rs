//! Themes: how the finished frame is coloured. Every screen draws its roles
//! in the default palette (the consts of [`super`], named ANSI colours);
//! a theme then repaints each cell of the frame, so a screen never needs
//! to know which theme is on. Pure.
//!
//! - `default`: the palette as drawn, plus any colour the config replaces.
//! - `high-contrast`, for a dark terminal: bright colours in bold, no dim
//!   grey (secondary text and borders take the terminal's own text colour),
//!   bars (the selection, the cursor, the tab shown) black on bright.
//! - `monochrome`: no colour at all, only modifiers: a bar is reversed,
//!   dimmed text is dim, bold and underline stay. Nothing on the desk says
//!   something by colour alone (the board's cells and legend have words),
//!   so nothing is lost.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A theme's name, as the config file writes it (`name = "high-contrast"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Default,
    HighContrast,
    Monochrome,
}

/// The colours the default palette paints with, as the config names them
/// for `[theme.colors]`, each with what it shows (for the refusal's list).
pub const PALETTE: [(&str, Color); 11] = [
    ("green", Color::Green),
    ("cyan", Color::Cyan),
    ("red", Color::Red),
    ("yellow", Color::Yellow),
    ("magenta", Color::Magenta),
    ("light-blue", Color::LightBlue),
    ("blue", Color::Blue),
    ("dark-gray", Color::DarkGray),
    ("gray", Color::Gray),
    ("white", Color::White),
    ("black", Color::Black),
];

/// The `[theme]` section of the config file: a name, and colours of the
/// default palette to paint as another (`yellow = "#b58900"`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeSpec {
    /// `None` when the file names no theme: `NO_COLOR` then decides.
    pub name: Option<ThemeName>,
    /// Palette colour name → the colour painted instead: a name (`red`,
    /// `light-red`, `reset` for the terminal's own), `#rrggbb`, or an index
    /// 0–255.
    #[serde(default, alias = "colours")]
    pub colors: BTreeMap<String, String>,
}

/// A theme ready to paint frames.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    /// Which of the three it is (how each cell is repainted).
    pub name: ThemeName,
    /// Default-palette colour → the colour painted instead.
    replaced: Vec<(Color, Color)>,
}

impl ThemeSpec {
    /// The theme this section asks for. `no_color` is whether `NO_COLOR`
    /// is set to something non-empty: with no `name` in the file, that
    /// means monochrome (no-color.org: the user's own config overrides
    /// `NO_COLOR`, the program's defaults do not), and the file's colours
    /// are then not used.
    /// Errors: a colour the palette does not have (with the list), a value
    /// that is no colour, or colours given to the monochrome theme.
    pub fn resolve(&self, no_color: bool) -> Result<Theme, String> {
        let name = match self.name {
            Some(name) => name,
            None if no_color => return Ok(Theme::monochrome()),
            None => ThemeName::Default,
        };
        if name == ThemeName::Monochrome && !self.colors.is_empty() {
            return Err(
                "[theme]: the monochrome theme paints no colours; remove [theme.colors] \
                 or name another theme"
                    .into(),
            );
        }
        let mut replaced = Vec::new();
        for (from, to) in &self.colors {
            let known = from
                .parse::<Color>()
                .ok()
                .filter(|c| PALETTE.iter().any(|(_, p)| p == c))
                .ok_or_else(|| {
                    let names: Vec<&str> = PALETTE.iter().map(|(n, _)| *n).collect();
                    format!(
                        "[theme.colors]: `{}` is not a colour the desk paints with; \
                         it uses {}",
                        from.escape_debug(),
                        names.join(", ")
                    )
                })?;
            let to = to.parse::<Color>().map_err(|_| {
                format!(
                    "[theme.colors] {}: `{}` is not a colour; write a name (`red`, \
                     `light-red`, `reset`), `#rrggbb` or a number 0-255",
                    from.escape_debug(),
                    to.escape_debug()
                )
            })?;
            replaced.push((known, to));
        }
        Ok(Theme { name, replaced })
    }
}

impl Theme {
    /// The theme that paints no colour.
    pub fn monochrome() -> Self {
        Self {
            name: ThemeName::Monochrome,
            replaced: Vec::new(),
        }
    }

    /// The named theme with no colours replaced.
    pub fn named(name: ThemeName) -> Self {
        Self {
            name,
            replaced: Vec::new(),
        }
    }

    /// Repaints every cell of `buffer` (a frame drawn in the default
    /// palette) in this theme.
    pub fn paint(&self, buffer: &mut Buffer) {
        if self.name == ThemeName::Default && self.replaced.is_empty() {
            return;
        }
        for cell in &mut buffer.content {
            let (fg, bg, modifier) = self.cell(cell.fg, cell.bg, cell.modifier);
            cell.fg = fg;
            cell.bg = bg;
            cell.modifier = modifier;
        }
    }

    /// One cell's colours and modifiers in this theme.
    fn cell(&self, fg: Color, bg: Color, modifier: Modifier) -> (Color, Color, Modifier) {
        let replaced = |c: Color| {
            self.replaced
                .iter()
                .find(|(from, _)| *from == c)
                .map(|(_, to)| *to)
        };
        match self.name {
            ThemeName::Default => (
                replaced(fg).unwrap_or(fg),
                replaced(bg).unwrap_or(bg),
                modifier,
            ),
            ThemeName::Monochrome => {
                let mut modifier = modifier;
                if bg != Color::Reset {
                    modifier |= Modifier::REVERSED;
                } else if fg == Color::DarkGray {
                    modifier |= Modifier::DIM;
                }
                (Color::Reset, Color::Reset, modifier)
            }
            ThemeName::HighContrast => {
                let modifier = modifier - Modifier::DIM;
                if bg != Color::Reset {
                    let bg = replaced(bg).unwrap_or_else(|| bright(bg));
                    let fg = replaced(Color::Black).unwrap_or(Color::Black);
                    return (fg, bg, modifier | Modifier::BOLD);
                }
                match replaced(fg) {
                    Some(fg) => (fg, bg, modifier | Modifier::BOLD),
                    None => match fg {
                        Color::Reset => (fg, bg, modifier),
                        Color::DarkGray | Color::Gray | Color::White => {
                            (Color::Reset, bg, modifier)
                        }
                        other => (bright(other), bg, modifier | Modifier::BOLD),
                    },
                }
            }
        }
    }
}

/// The bright form of a named colour (dark grey brightens to grey).
fn bright(c: Color) -> Color {
    match c {
        Color::Red => Color::LightRed,
        Color::Green => Color::LightGreen,
        Color::Yellow => Color::LightYellow,
        Color::Blue => Color::LightBlue,
        Color::Magenta => Color::LightMagenta,
        Color::Cyan => Color::LightCyan,
        Color::DarkGray => Color::Gray,
        Color::Gray | Color::Black => Color::White,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> ThemeSpec {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn no_color_means_monochrome_unless_the_file_names_a_theme() {
        assert_eq!(spec("").resolve(false).unwrap().name, ThemeName::Default);
        assert_eq!(spec("").resolve(true).unwrap().name, ThemeName::Monochrome);
        let named = spec("name = \"high-contrast\"");
        assert_eq!(named.resolve(true).unwrap().name, ThemeName::HighContrast);
        let default = spec("name = \"default\"");
        assert_eq!(default.resolve(true).unwrap().name, ThemeName::Default);
        // The file's colours are for a coloured theme: NO_COLOR drops them.
        let coloured = spec("[colors]\nyellow = \"#b58900\"");
        assert_eq!(coloured.resolve(true).unwrap(), Theme::monochrome());
    }

    #[test]
    fn a_bad_theme_is_refused_in_words() {
        assert!(toml::from_str::<ThemeSpec>("name = \"neon\"").is_err());
        assert!(toml::from_str::<ThemeSpec>("nmae = \"default\"").is_err());
        let err = spec("[colors]\npurple = \"red\"")
            .resolve(false)
            .unwrap_err();
        assert!(
            err.contains("`purple` is not a colour the desk paints with"),
            "{err}"
        );
        assert!(err.contains("green, cyan, red"), "{err}");
        // What the file says is quoted, never sent raw to the terminal.
        let err = spec("[colors]\n\"\\u001b[2J\" = \"red\"")
            .resolve(false)
            .unwrap_err();
        assert!(
            !err.contains('\u{1b}') && err.contains(r"`\u{1b}[2J`"),
            "{err}"
        );
        let err = spec("[colors]\nred = \"\\u001b[2J\"")
            .resolve(false)
            .unwrap_err();
        assert!(!err.contains('\u{1b}'), "{err}");
        let err = spec("[colors]\nred = \"blood\"")
            .resolve(false)
            .unwrap_err();
        assert!(
            err.contains("[theme.colors] red: `blood` is not a colour"),
            "{err}"
        );
        let err = spec("name = \"monochrome\"\n[colors]\nred = \"white\"")
            .resolve(false)
            .unwrap_err();
        assert!(err.contains("monochrome theme paints no colours"), "{err}");
    }

    #[test]
    fn a_replaced_colour_is_painted_wherever_the_palette_uses_it() {
        let theme = spec("[colours]\nyellow = \"#b58900\"\ndark-grey = \"7\"")
            .resolve(false)
            .unwrap();
        let gold = Color::Rgb(0xb5, 0x89, 0x00);
        assert_eq!(
            theme.cell(Color::Yellow, Color::Reset, Modifier::BOLD),
            (gold, Color::Reset, Modifier::BOLD)
        );
        assert_eq!(
            theme.cell(Color::Black, Color::Yellow, Modifier::empty()),
            (Color::Black, gold, Modifier::empty())
        );
        assert_eq!(
            theme
                .cell(Color::DarkGray, Color::Reset, Modifier::empty())
                .0,
            Color::Indexed(7)
        );
        assert_eq!(
            theme.cell(Color::Green, Color::Reset, Modifier::empty()).0,
            Color::Green
        );
    }

    #[test]
    fn monochrome_keeps_only_modifiers() {
        let mono = Theme::monochrome();
        let none = Modifier::empty();
        assert_eq!(
            mono.cell(Color::White, Color::Blue, Modifier::BOLD),
            (
                Color::Reset,
                Color::Reset,
                Modifier::BOLD | Modifier::REVERSED
            )
        );
        assert_eq!(
            mono.cell(Color::DarkGray, Color::Reset, none),
            (Color::Reset, Color::Reset, Modifier::DIM)
        );
        assert_eq!(
            mono.cell(Color::Green, Color::Reset, none),
            (Color::Reset, Color::Reset, none)
        );
    }

    #[test]
    fn high_contrast_brightens_in_bold_and_drops_dim_grey() {
        let hc = Theme::named(ThemeName::HighContrast);
        let none = Modifier::empty();
        assert_eq!(
            hc.cell(Color::Green, Color::Reset, none),
            (Color::LightGreen, Color::Reset, Modifier::BOLD)
        );
        assert_eq!(
            hc.cell(Color::DarkGray, Color::Reset, Modifier::DIM),
            (Color::Reset, Color::Reset, none)
        );
        assert_eq!(
            hc.cell(Color::White, Color::Blue, none),
            (Color::Black, Color::LightBlue, Modifier::BOLD)
        );
        assert_eq!(
            hc.cell(Color::Reset, Color::Reset, Modifier::UNDERLINED),
            (Color::Reset, Color::Reset, Modifier::UNDERLINED)
        );
    }
}
