//! Change lists as text for people (terminal, pull requests) and JSON for scripts.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::change::{Change, ChangeKind, Class, Summary};
use crate::connector::to_pretty;
use crate::unified::unified;

/// Values longer than this (in compact JSON) are left out of the text forms; the JSON form
/// always has them.
const SHOWN_VALUE_WIDTH: usize = 60;

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The terminal form: two lines per change, then a summary line. Nothing at all for an
/// empty list, so `diff` of identical connectors prints nothing.
///
/// ```text
/// breaking: operation DeleteUser removed
///   why: removed: apps and flows that call it fail
///
/// 1 change: 1 breaking, 0 non-breaking, 0 cosmetic
/// ```
pub fn render_human(changes: &[Change], color: bool) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        return out;
    }
    for change in changes {
        let class = change.class.to_string();
        let class = if color {
            format!("{}{class}{RESET}", class_color(change.class))
        } else {
            class
        };
        let _ = writeln!(out, "{class}: {} {}", change.key, what(change));
        let _ = writeln!(out, "  why: {}", change.reason);
    }
    let summary = Summary::of(changes).to_string();
    if color {
        let _ = writeln!(out, "\n{BOLD}{summary}{RESET}");
    } else {
        let _ = writeln!(out, "\n{summary}");
    }
    out
}

fn class_color(class: Class) -> &'static str {
    match class {
        Class::Breaking => RED,
        Class::NonBreaking => YELLOW,
        Class::Cosmetic => CYAN,
    }
}

/// `modified: 10 -> 20`, `added: "x"`, or the bare kind when the values are long.
fn what(change: &Change) -> String {
    let short = |v: &Option<Value>| {
        v.as_ref()
            .map(|v| serde_json::to_string(v).unwrap_or_default())
            .filter(|s| s.chars().count() <= SHOWN_VALUE_WIDTH)
    };
    let kind = change.kind;
    match (kind, short(&change.old), short(&change.new)) {
        (ChangeKind::Added, _, Some(n)) if change.old.is_none() => format!("{kind}: {n}"),
        (ChangeKind::Removed, Some(o), _) if change.new.is_none() => format!("{kind}: {o}"),
        (ChangeKind::Modified | ChangeKind::Renamed, Some(o), Some(n)) => {
            format!("{kind}: {o} -> {n}")
        }
        _ => kind.to_string(),
    }
}

/// The machine form: `{"formatVersion": 1, "summary": {...}, "changes": [...]}` with every
/// change's pointers and values, pretty-printed with a trailing newline.
pub fn render_json(changes: &[Change]) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Report<'a> {
        format_version: u32,
        summary: Summary,
        changes: &'a [Change],
    }
    let report = Report {
        format_version: 1,
        summary: Summary::of(changes),
        changes,
    };
    to_pretty(&serde_json::to_value(report).unwrap_or_default())
}

/// The pull-request comment form: a heading, the summary and one table row per change.
pub fn render_markdown(changes: &[Change]) -> String {
    let mut out = String::from("## Connector changes\n\n");
    if changes.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    let _ = writeln!(out, "**{}**\n", Summary::of(changes));
    out.push_str("| Class | Change | What | Values | Why |\n|---|---|---|---|---|\n");
    for change in changes {
        let class = match change.class {
            Class::Breaking => "**breaking**".to_owned(),
            other => other.to_string(),
        };
        let value = |v: &Option<Value>| {
            v.as_ref()
                .map(|v| serde_json::to_string(v).unwrap_or_default())
                .filter(|s| s.chars().count() <= SHOWN_VALUE_WIDTH)
                .map(|s| code(&s))
        };
        let values = match (value(&change.old), value(&change.new)) {
            (Some(o), Some(n)) => format!("{o} → {n}"),
            (Some(o), None) if change.new.is_none() => o,
            (None, Some(n)) if change.old.is_none() => n,
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "| {class} | {} | {} | {} | {} |",
            change.kind,
            code(&change.key),
            values,
            cell(&change.reason)
        );
    }
    out
}

/// A table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// An inline code span that survives backticks and pipes in the text.
fn code(text: &str) -> String {
    let text = cell(text);
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The unified diff of one file, `similar`-style, with `---`/`+++` headers naming
/// `file_label` on both sides; empty when the texts are equal. Coloured for a terminal when
/// `color` is set.
pub fn text_diff(old_text: &str, new_text: &str, file_label: &str, color: bool) -> String {
    if old_text == new_text {
        return String::new();
    }
    let text = unified(
        old_text,
        new_text,
        &format!("a/{file_label}"),
        &format!("b/{file_label}"),
    );
    if !color {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let paint = if line.starts_with("+++") || line.starts_with("---") {
            BOLD
        } else if line.starts_with('+') {
            GREEN
        } else if line.starts_with('-') {
            RED
        } else if line.starts_with("@@") {
            CYAN
        } else {
            ""
        };
        if paint.is_empty() {
            out.push_str(line);
        } else {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let _ = write!(out, "{paint}{body}{RESET}");
            if line.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connector::File;
    use serde_json::json;

    fn change() -> Change {
        Change {
            kind: ChangeKind::Modified,
            class: Class::Breaking,
            key: "host".to_owned(),
            reason: "requests go | elsewhere".to_owned(),
            file: File::Definition,
            old_pointer: Some("/host".to_owned()),
            new_pointer: Some("/host".to_owned()),
            old: Some(json!("a.example.com")),
            new: Some(json!("b.example.com")),
        }
    }

    #[test]
    fn human_form_colours_only_when_asked() {
        let plain = render_human(&[change()], false);
        assert!(
            plain.starts_with("breaking: host modified: \"a.example.com\" -> \"b.example.com\"\n")
        );
        assert!(!plain.contains('\x1b'));
        let coloured = render_human(&[change()], true);
        assert!(coloured.starts_with("\x1b[31mbreaking\x1b[0m: host"));
        assert_eq!(render_human(&[], true), "");
    }

    #[test]
    fn markdown_escapes_pipes() {
        let md = render_markdown(&[change()]);
        assert!(md.contains("| requests go \\| elsewhere |"), "{md}");
        assert_eq!(
            render_markdown(&[]),
            "## Connector changes\n\nNo changes.\n"
        );
    }

    #[test]
    fn text_diff_is_empty_for_equal_texts_and_coloured_on_request() {
        assert_eq!(text_diff("a\n", "a\n", "f.json", true), "");
        let plain = text_diff("a\nb\n", "a\nc\n", "f.json", false);
        assert!(
            plain.starts_with("--- a/f.json\n+++ b/f.json\n@@"),
            "{plain}"
        );
        assert!(plain.contains("-b\n+c\n"));
        let coloured = text_diff("a\nb\n", "a\nc\n", "f.json", true);
        assert!(
            coloured.contains("\x1b[31m-b\x1b[0m\n\x1b[32m+c\x1b[0m\n"),
            "{coloured:?}"
        );
    }
}
