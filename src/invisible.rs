//! Characters that show nothing: Unicode's default-ignorable code points (zero-width space
//! and joiners, direction marks, the byte-order mark, variation selectors, …). A prompt of
//! only these and white space is empty, and an id holding one is shown escaped, so two ids
//! that look the same on screen can be told apart.

use std::borrow::Cow;

/// The `Default_Ignorable_Code_Point` ranges of Unicode 15.1 (DerivedCoreProperties.txt).
const DEFAULT_IGNORABLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{17B4}', '\u{17B5}'),
    ('\u{180B}', '\u{180F}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{206F}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{FE00}', '\u{FE0F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{FFF0}', '\u{FFF8}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0000}', '\u{E0FFF}'),
];

/// Whether `c` is a default-ignorable code point: drawn as nothing at all.
pub(crate) fn is_invisible(c: char) -> bool {
    DEFAULT_IGNORABLE
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// Whether `text` shows nothing: only white space and invisible characters.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Whether `c` does not show as itself: invisible, a control character, or white space other
/// than the space.
fn is_hidden(c: char) -> bool {
    is_invisible(c) || c.is_control() || (c.is_whitespace() && c != ' ')
}

/// Whether `a` and `b` differ, but only by characters that do not show.
pub(crate) fn look_alike(a: &str, b: &str) -> bool {
    a != b
        && a.chars()
            .filter(|&c| !is_hidden(c))
            .eq(b.chars().filter(|&c| !is_hidden(c)))
}

/// `text` with every character that does not show as itself (invisible, control, white
/// space other than the space) written as a `\u{…}` escape: `pan\u{200b}da`.
pub(crate) fn escaped(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_hidden(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_and_format_characters_are_blank() {
        assert!(is_blank(
            "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff} \t\u{180e}"
        ));
        assert!(is_blank(""));
        assert!(!is_blank("\u{200b}a"));
        assert!(!is_invisible('a') && !is_invisible(' ') && !is_invisible('é'));
    }

    #[test]
    fn escaped_shows_what_hides() {
        assert_eq!(escaped("panda"), Cow::Borrowed("panda"));
        assert_eq!(escaped("pan\u{200b}da"), "pan\\u{200b}da");
        assert_eq!(escaped("a\tb c\u{7}"), "a\\u{9}b c\\u{7}");
        assert!(look_alike("panda", "pan\u{200b}da"));
        assert!(!look_alike("panda", "panda") && !look_alike("panda", "pandas"));
    }
}
