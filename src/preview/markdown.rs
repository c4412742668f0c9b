//! The Markdown preview: a shot list a creator can paste into a document, with a table per
//! shot, its actions and its keyframe prompts.
//!
//! Built in code rather than from a template: every line is a table row whose cells need
//! Markdown escaping, which a text template would hide behind filters without saving lines.

use std::fmt::Write;

use super::describe::{self, ShotSpan};
use crate::ir::{KeyframePlan, Storyboard};

/// The Markdown shot list of `storyboard` with the keyframe prompts of `plan`.
pub fn render(storyboard: &Storyboard, plan: &KeyframePlan) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the `let _` keeps that explicit.
    let _ = write_document(&mut out, storyboard, plan);
    out
}

fn write_document(out: &mut String, sb: &Storyboard, plan: &KeyframePlan) -> std::fmt::Result {
    writeln!(out, "# {}\n", esc(&sb.title))?;
    writeln!(
        out,
        "{} s · {} shot(s) · {} keyframe(s) · {} {}×{} @ {} fps\n",
        describe::secs(sb.duration_s),
        sb.shots.len(),
        plan.keyframes.len(),
        esc(&plan.backend),
        plan.width,
        plan.height,
        plan.fps
    )?;
    if !sb.style.is_empty() {
        writeln!(out, "**Style:** {}\n", esc(&sb.style))?;
    }
    writeln!(out, "## Entities\n")?;
    if sb.entities.is_empty() {
        writeln!(out, "(none)\n")?;
    } else {
        writeln!(
            out,
            "| id | kind | count | description |\n|---|---|---|---|"
        )?;
        for e in &sb.entities {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                esc(&e.id),
                describe::label(&e.kind),
                e.count,
                esc(&e.description)
            )?;
        }
        writeln!(out)?;
    }
    for span in describe::shot_spans(sb, plan) {
        write_shot(out, sb, &span)?;
    }
    Ok(())
}

fn write_shot(out: &mut String, sb: &Storyboard, span: &ShotSpan<'_>) -> std::fmt::Result {
    let shot = span.shot;
    writeln!(
        out,
        "## Shot {} · {}\n",
        esc(&shot.id),
        describe::range(span.start_s, span.end_s)
    )?;
    writeln!(out, "{}\n", esc(&shot.description))?;
    writeln!(out, "| | |\n|---|---|")?;
    writeln!(
        out,
        "| Time | {} ({} s) |",
        describe::range(span.start_s, span.end_s),
        describe::secs(shot.duration_s)
    )?;
    writeln!(out, "| Setting | {} |", esc(&shot.setting))?;
    writeln!(
        out,
        "| Framing / angle | {} |",
        describe::framing_angle(shot)
    )?;
    let cast: Vec<String> = shot
        .cast
        .iter()
        .map(|c| esc(&describe::cast_member(sb, c)))
        .collect();
    writeln!(
        out,
        "| Cast | {} |",
        if cast.is_empty() {
            String::from("(nobody)")
        } else {
            cast.join("<br>")
        }
    )?;
    let camera: Vec<String> = describe::camera_moves(shot)
        .iter()
        .map(|m| esc(m))
        .collect();
    writeln!(out, "| Camera | {} |", camera.join("<br>"))?;
    if span.last {
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "| Transition to next | {} |\n",
            describe::label(&shot.transition)
        )?;
    }

    if !shot.actions.is_empty() {
        writeln!(out, "**Actions**\n")?;
        writeln!(
            out,
            "| time in shot | entity | action | path | state | affects |\n|---|---|---|---|---|---|"
        )?;
        for a in &shot.actions {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                describe::shot_range(a.start_s, a.end_s),
                esc(&a.entity),
                esc(&a.description),
                describe::path(a).map_or_else(String::new, |p| esc(&p)),
                describe::state_change(a).map_or_else(String::new, |s| esc(&s)),
                describe::object(a).map_or_else(String::new, |o| esc(&o)),
            )?;
        }
        writeln!(out)?;
    }

    if !span.keyframes.is_empty() {
        writeln!(out, "**Keyframe prompts**\n")?;
        writeln!(out, "| time | frame | prompt |\n|---|---|---|")?;
        for k in &span.keyframes {
            writeln!(
                out,
                "| {} s | {} | {} |",
                describe::secs(k.time_s),
                k.frame,
                esc(&k.prompt)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Text made safe for a Markdown table cell: Markdown and HTML punctuation escaped with a
/// backslash, line breaks turned into spaces.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '<' | '>' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(
            esc("a | b\n<script>x</script>"),
            "a \\| b \\<script\\>x\\</script\\>"
        );
    }
}
