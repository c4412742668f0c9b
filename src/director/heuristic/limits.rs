//! Keeping the storyboard within the checker's size limits ([`crate::check::limits`]): a
//! long prompt must still give a storyboard that checks clean.

use crate::check::limits::MAX_TEXT_CHARS;
use crate::ir::Storyboard;

/// Shortens every free text (title, style, descriptions, settings, verbs, states) to at
/// most [`MAX_TEXT_CHARS`] characters, ending a cut text with "…". Ids are kept short where
/// they are made (`entities`).
pub(super) fn fit_texts(sb: &mut Storyboard) {
    let mut texts: Vec<&mut String> = vec![&mut sb.title, &mut sb.style];
    texts.extend(sb.entities.iter_mut().map(|e| &mut e.description));
    for shot in &mut sb.shots {
        texts.push(&mut shot.setting);
        texts.push(&mut shot.description);
        for action in &mut shot.actions {
            texts.push(&mut action.verb);
            texts.push(&mut action.description);
            texts.extend(action.state_from.as_mut());
            texts.extend(action.state_to.as_mut());
        }
    }
    for text in texts {
        shorten(text);
    }
}

/// Cuts `text` to [`MAX_TEXT_CHARS`] characters, the last one an ellipsis.
fn shorten(text: &mut String) {
    if text.len() <= MAX_TEXT_CHARS {
        return;
    }
    if let Some((at, _)) = text.char_indices().nth(MAX_TEXT_CHARS - 1) {
        text.truncate(at);
        text.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_the_limit_with_an_ellipsis() {
        let mut text = "é".repeat(MAX_TEXT_CHARS + 5);
        shorten(&mut text);
        assert_eq!(text.chars().count(), MAX_TEXT_CHARS);
        assert!(text.ends_with('…'));
        let mut short = "a cat".to_string();
        shorten(&mut short);
        assert_eq!(short, "a cat");
        let mut exact = "x".repeat(MAX_TEXT_CHARS);
        shorten(&mut exact);
        assert_eq!(exact.len(), MAX_TEXT_CHARS);
    }
}
