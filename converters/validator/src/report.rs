//! Where findings are collected: one sink per file, so every finding carries its file name.

use connectorize_ir::{Code, Diagnostic, Location};

use crate::position::{Lines, Pos};

/// Findings for one file.
pub(crate) struct Sink<'t> {
    file: String,
    /// Turns the positions of findings into lines and columns of the file's text.
    lines: Lines<'t>,
    found: Vec<Diagnostic>,
}

impl<'t> Sink<'t> {
    /// An empty sink for the file shown as `file`, whose content is `text`.
    pub fn new(file: &str, text: &'t str) -> Self {
        Sink {
            file: file.to_owned(),
            lines: Lines::new(text),
            found: Vec::new(),
        }
    }

    /// Records a finding at `pos` / `pointer` with a help line.
    pub fn emit(
        &mut self,
        code: Code,
        pos: Pos,
        pointer: &str,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let at = self.lines.locate(pos);
        let location = Location::file(self.file.clone())
            .at(pointer)
            .line_col(at.line, at.column);
        self.found
            .push(Diagnostic::new(code, message).at(location).help(help));
    }

    /// Records a finding without a JSON pointer (a syntax error, a text file), at a
    /// position when there is one.
    pub fn emit_text(
        &mut self,
        code: Code,
        pos: Option<Pos>,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        let mut location = Location::file(self.file.clone());
        if let Some(pos) = pos {
            let at = self.lines.locate(pos);
            location = location.line_col(at.line, at.column);
        }
        self.found
            .push(Diagnostic::new(code, message).at(location).help(help));
    }

    /// The findings sorted by position; findings at one position keep the order rules ran in.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| {
            d.location
                .as_ref()
                .map(|l| (l.line.unwrap_or(0), l.column.unwrap_or(0)))
        });
        self.found
    }
}
