//! The terminal preview: a title line, the entities, and a shot table (shot, time range,
//! framing/angle, camera, actions, keyframes), coloured on request.

use anstyle::{AnsiColor, Style};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table};

use super::describe::{self, ShotSpan};
use crate::ir::{KeyframePlan, Storyboard};

/// Table width used by [`render`], for output that does not go to a terminal.
pub const DEFAULT_WIDTH: u16 = 120;

/// The terminal preview at [`DEFAULT_WIDTH`] columns; ANSI colours only when `colour`.
pub fn render(storyboard: &Storyboard, plan: &KeyframePlan, colour: bool) -> String {
    render_width(storyboard, plan, colour, DEFAULT_WIDTH)
}

/// The terminal preview with the shot table wrapped to `width` columns.
pub fn render_width(
    storyboard: &Storyboard,
    plan: &KeyframePlan,
    colour: bool,
    width: u16,
) -> String {
    let paint = Paint(colour);
    let mut out = String::new();
    out.push_str(&paint.title(&storyboard.title));
    out.push('\n');
    out.push_str(&format!(
        "{} s · {} shot(s) · {} keyframe(s) · {} {}×{} @ {} fps\n",
        describe::secs(storyboard.duration_s),
        storyboard.shots.len(),
        plan.keyframes.len(),
        clean(&plan.backend),
        plan.width,
        plan.height,
        plan.fps
    ));
    if !storyboard.style.is_empty() {
        out.push_str(&format!("style: {}\n", clean(&storyboard.style)));
    }
    for e in &storyboard.entities {
        let count = if e.count > 1 {
            format!(" ×{}", e.count)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{}{count} ({}): {}\n",
            paint.entity(&e.id),
            describe::label(&e.kind),
            clean(&e.description)
        ));
    }
    out.push_str(&shot_table(storyboard, plan, colour, width).to_string());
    out.push('\n');
    out
}

fn shot_table(storyboard: &Storyboard, plan: &KeyframePlan, colour: bool, width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    if colour {
        table.enforce_styling();
    }
    let header = [
        "shot",
        "time",
        "framing / angle",
        "cast",
        "camera",
        "actions",
        "keyframes",
    ];
    table.set_header(
        header
            .iter()
            .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
    );
    for span in describe::shot_spans(storyboard, plan) {
        table.add_row(shot_row(storyboard, &span));
    }
    table
}

fn shot_row(storyboard: &Storyboard, span: &ShotSpan<'_>) -> Vec<Cell> {
    let shot = span.shot;
    let cast = if shot.cast.is_empty() {
        String::from("(nobody)")
    } else {
        shot.cast
            .iter()
            .map(|c| clean(&describe::cast_member(storyboard, c)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let actions = if shot.actions.is_empty() {
        String::from("(none)")
    } else {
        shot.actions
            .iter()
            .map(|a| clean(&describe::action(a)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    vec![
        Cell::new(clean(&shot.id))
            .fg(Color::Yellow)
            .add_attribute(Attribute::Bold),
        Cell::new(describe::range(span.start_s, span.end_s)),
        Cell::new(describe::framing_angle(shot)),
        Cell::new(cast).fg(Color::Green),
        Cell::new(
            describe::camera_moves(shot)
                .iter()
                .map(|m| clean(m))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .fg(Color::Cyan),
        Cell::new(actions),
        Cell::new(span.keyframes.len()).fg(Color::Magenta),
    ]
}

/// Storyboard text with control characters (a stray ANSI escape from a model) made visible
/// instead of reaching the terminal; newlines become spaces.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// ANSI styling of the lines outside the table, a no-op when colour is off.
struct Paint(bool);

impl Paint {
    fn title(&self, text: &str) -> String {
        self.wrap(text, Style::new().bold().underline())
    }

    fn entity(&self, text: &str) -> String {
        self.wrap(
            text,
            Style::new().bold().fg_color(Some(AnsiColor::Green.into())),
        )
    }

    fn wrap(&self, text: &str, style: Style) -> String {
        let text = clean(text);
        if self.0 {
            format!("{style}{text}{style:#}")
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\x1b[31mred\nline"), "a\u{fffd}[31mred line");
    }
}
