//! Positions in a file: byte offsets while parsing, lines and columns only for findings.
//!
//! Tracking line and column for every byte made the parser about twice as slow, while a
//! document of a megabyte usually yields a handful of findings. So the parser records byte
//! offsets, and [`Lines`] turns the few that are reported into a line and a column, indexing
//! line starts only as far into the file as a finding needs (the size warning every large
//! connector gets is at the very start).

use std::cell::RefCell;

/// Where a value or key starts: a byte offset into the document (after a byte-order mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos(pub usize);

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

/// Turns the offsets of one file into lines and columns.
pub struct Lines<'a> {
    /// The text the offsets count in: the file without a leading byte-order mark.
    body: &'a str,
    /// The line starts found so far.
    index: RefCell<LineStarts>,
}

/// Offsets where lines start, for the part of the text scanned so far.
struct LineStarts {
    /// Line starts in order; the first line starts at 0.
    starts: Vec<usize>,
    /// How many bytes have been scanned for line feeds.
    scanned: usize,
}

impl<'a> Lines<'a> {
    /// Positions in `text`; a leading byte-order mark is not counted, as the parser skips it.
    pub fn new(text: &'a str) -> Self {
        Lines {
            body: strip_bom(text),
            index: RefCell::new(LineStarts {
                starts: vec![0],
                scanned: 0,
            }),
        }
    }

    /// The line and column of `pos` (an offset past the end counts from the last line).
    pub fn locate(&self, pos: Pos) -> LineCol {
        let bytes = self.body.as_bytes();
        let offset = pos.0.min(bytes.len());
        let mut index = self.index.borrow_mut();
        // Only line feeds before `offset` decide its line.
        if index.scanned < offset {
            let from = index.scanned;
            let found = bytes[from..offset]
                .iter()
                .enumerate()
                .filter_map(|(i, &b)| (b == b'\n').then_some(from + i + 1));
            index.starts.extend(found);
            index.scanned = offset;
        }
        let line = index
            .starts
            .partition_point(|&start| start <= offset)
            .max(1);
        let start = index.starts[line - 1];
        let column = 1 + bytes[start..offset]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }
}

/// The text without a leading byte-order mark (paconn tolerates one).
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> LineCol {
        LineCol { line, column }
    }

    #[test]
    fn counts_lines_and_characters_not_bytes() {
        let lines = Lines::new("ab\né😀x\r\n\nz");
        assert_eq!(lines.locate(Pos(0)), at(1, 1));
        assert_eq!(lines.locate(Pos(2)), at(1, 3));
        assert_eq!(lines.locate(Pos(3)), at(2, 1));
        // 'é' is two bytes and '😀' four, each one column.
        assert_eq!(lines.locate(Pos(9)), at(2, 3));
        // A carriage return is a column of its own, as the parser always counted it.
        assert_eq!(lines.locate(Pos(11)), at(2, 5));
        assert_eq!(lines.locate(Pos(12)), at(3, 1));
        assert_eq!(lines.locate(Pos(13)), at(4, 1));
        assert_eq!(lines.locate(Pos(99)), at(4, 2));
    }

    #[test]
    fn offsets_may_come_in_any_order() {
        let text = "a\nb\nc\nd";
        let lines = Lines::new(text);
        assert_eq!(lines.locate(Pos(4)), at(3, 1));
        assert_eq!(lines.locate(Pos(0)), at(1, 1));
        assert_eq!(lines.locate(Pos(3)), at(2, 2));
        assert_eq!(lines.locate(Pos(6)), at(4, 1));
        assert_eq!(lines.locate(Pos(5)), at(3, 2));
        assert_eq!(lines.locate(Pos(2)), at(2, 1));
    }

    #[test]
    fn a_byte_order_mark_is_not_counted() {
        let lines = Lines::new("\u{feff}{\n \"a\"");
        assert_eq!(lines.locate(Pos(0)), at(1, 1));
        assert_eq!(lines.locate(Pos(3)), at(2, 2));
    }
}
