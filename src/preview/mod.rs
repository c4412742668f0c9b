//! Previews of a storyboard and its keyframe plan for people: a terminal table, a Markdown
//! shot list and a self-contained HTML storyboard page. Each is a pure function from
//! (`&Storyboard`, `&KeyframePlan`) to text.

mod describe;
pub mod html;
pub mod markdown;
mod svg;
pub mod term;

pub use html::HtmlError;

use crate::ir::{KeyframePlan, Storyboard};

/// A preview format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The terminal shot table.
    Term,
    /// The Markdown shot list.
    Markdown,
    /// The self-contained HTML page.
    Html,
}

/// Renders `storyboard` and `plan` in `format`; `colour` only affects [`Format::Term`].
pub fn render(
    format: Format,
    storyboard: &Storyboard,
    plan: &KeyframePlan,
    colour: bool,
) -> Result<String, HtmlError> {
    match format {
        Format::Term => Ok(term::render(storyboard, plan, colour)),
        Format::Markdown => Ok(markdown::render(storyboard, plan)),
        Format::Html => html::render(storyboard, plan),
    }
}
