//! The unified diff of two texts, line by line: the bytes `similar`'s
//! `TextDiff::from_lines(old, new).unified_diff().context_radius(3)` prints, for one byte
//! comparison of the texts plus the work on the lines that differ.
//!
//! `TextDiff` splits both texts into lines and numbers every line through a hash map before
//! diffing. On a connector of a megabyte that costs more than the semantic diff, though the two
//! texts usually share all but a few lines. Here the common prefix and suffix are cut off by
//! comparing bytes, [`KEPT`] lines are kept on each side of the rest, and only that window goes
//! through the same steps as `TextDiff` (line numbering, Myers, compaction), indexed by the
//! lines' numbers in the whole texts so the hunks come out numbered as before.
//!
//! Cutting is exact as long as no change moves into the cut-off lines. Myers skips equal leading
//! and trailing lines itself, so inside the window it finds the same edits; but compaction then
//! slides an insertion along a run of lines equal to it, and could slide it further through lines
//! the window does not hold. A slide that reached the window's edge, or left fewer than
//! [`CONTEXT`] lines of context there, is therefore redone on the whole texts.

use std::fmt::Write as _;
use std::ops::{Index, Range};

use similar::algorithms::IdentifyDistinct;
use similar::udiff::UnifiedHunkHeader;
use similar::{capture_diff_deadline, group_diff_ops, Algorithm, DiffOp, DiffableStr};

/// Unchanged lines shown around each change.
const CONTEXT: usize = 3;

/// Unchanged lines kept on each side of the differing lines, so that compaction can slide a
/// change a little without reaching the window's edge.
const KEPT: usize = 32;

/// The unified diff of `old` and `new` with `---`/`+++` headers; empty when they are equal.
pub(crate) fn unified(old: &str, new: &str, old_header: &str, new_header: &str) -> String {
    unified_keeping(old, new, old_header, new_header, KEPT)
}

/// [`unified`] with `kept` lines kept around the differing ones.
fn unified_keeping(
    old: &str,
    new: &str,
    old_header: &str,
    new_header: &str,
    kept: usize,
) -> String {
    let cut = Window::around_changes(old, new, kept);
    let (window, ops) = match cut.exact_ops() {
        Some(ops) => (cut, ops),
        None => {
            let whole = Window::whole(old, new);
            let ops = whole.ops();
            (whole, ops)
        }
    };
    let mut out = String::new();
    for hunk in group_diff_ops(ops, CONTEXT) {
        if out.is_empty() {
            let _ = writeln!(out, "--- {old_header}\n+++ {new_header}");
        }
        let _ = writeln!(out, "{}", UnifiedHunkHeader::new(&hunk));
        for op in &hunk {
            for change in op.iter_changes(&window.old, &window.new) {
                let _ = write!(out, "{}{}", change.tag(), change.value());
                if change.missing_newline() {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

/// Consecutive lines of a text, indexed by their numbers (from 0) in the whole text.
struct Lines<'a> {
    first: usize,
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    /// The lines of `part`, the first of which is line `first` of the whole text.
    fn new(part: &'a str, first: usize) -> Self {
        Lines {
            first,
            lines: part.tokenize_lines(),
        }
    }

    fn range(&self) -> Range<usize> {
        self.first..self.first + self.lines.len()
    }
}

impl<'a> Index<usize> for Lines<'a> {
    type Output = &'a str;

    fn index(&self, line: usize) -> &&'a str {
        &self.lines[line - self.first]
    }
}

/// The lines of both texts that are diffed, and whether lines were cut off above and below.
struct Window<'a> {
    old: Lines<'a>,
    new: Lines<'a>,
    cut_above: bool,
    cut_below: bool,
}

impl<'a> Window<'a> {
    fn whole(old: &'a str, new: &'a str) -> Self {
        Window {
            old: Lines::new(old, 0),
            new: Lines::new(new, 0),
            cut_above: false,
            cut_below: false,
        }
    }

    /// The lines from `kept` lines above the first difference to `kept` lines below the last.
    ///
    /// Cuts fall just after a `\n`, where `similar` always ends a line (alone or in `\r\n`),
    /// so the window splits into the same lines as the whole texts do there.
    fn around_changes(old: &'a str, new: &'a str, kept: usize) -> Self {
        let (o, n) = (old.as_bytes(), new.as_bytes());
        let prefix = common_prefix(o, n);
        let above = lines_above(o, line_start(o, prefix), kept);
        // The common suffix, within what follows the lines kept above on both sides.
        let suffix = common_suffix(&o[above..], &n[above..]);
        let below_old = lines_below(o, line_end(o, o.len() - suffix), kept);
        let below_new = below_old + n.len() - o.len();
        let first = line_count(&old[..above]);
        Window {
            old: Lines::new(&old[above..below_old], first),
            new: Lines::new(&new[above..below_new], first),
            cut_above: above > 0,
            cut_below: below_old < o.len(),
        }
    }

    /// The edit script from the old lines to the new ones, as `TextDiff` computes it: lines
    /// numbered by identity, then Myers with compaction and replacements, no deadline.
    fn ops(&self) -> Vec<DiffOp> {
        let lines =
            IdentifyDistinct::<u32>::new(&self.old, self.old.range(), &self.new, self.new.range());
        capture_diff_deadline(
            Algorithm::Myers,
            lines.old_lookup(),
            lines.old_range(),
            lines.new_lookup(),
            lines.new_range(),
            None,
        )
    }

    /// [`Window::ops`], when they are also those of the whole texts (see the module's
    /// documentation): the unchanged lines at each cut edge are still there, at least
    /// [`CONTEXT`] of them.
    fn exact_ops(&self) -> Option<Vec<DiffOp>> {
        let ops = self.ops();
        let holds = |op: Option<&DiffOp>, cut: bool| {
            !cut || matches!(op, Some(DiffOp::Equal { len, .. }) if *len >= CONTEXT)
        };
        (holds(ops.first(), self.cut_above) && holds(ops.last(), self.cut_below)).then_some(ops)
    }
}

/// The number of leading bytes `a` and `b` share.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let chunks = a
        .chunks_exact(CHUNK)
        .zip(b.chunks_exact(CHUNK))
        .take_while(|(x, y)| x == y)
        .count();
    let at = chunks * CHUNK;
    at + a[at..]
        .iter()
        .zip(&b[at..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The number of trailing bytes `a` and `b` share.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let chunks = a
        .rchunks_exact(CHUNK)
        .zip(b.rchunks_exact(CHUNK))
        .take_while(|(x, y)| x == y)
        .count();
    let at = chunks * CHUNK;
    let (a, b) = (&a[..a.len() - at], &b[..b.len() - at]);
    at + a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// The start of the line holding byte `at`: just after the last `\n` before it.
fn line_start(text: &[u8], at: usize) -> usize {
    text[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

/// The end of the line holding byte `at`: just after the first `\n` from it on.
fn line_end(text: &[u8], at: usize) -> usize {
    text[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

/// The start of the line `lines` lines above the one starting at `at`.
fn lines_above(text: &[u8], at: usize, lines: usize) -> usize {
    (0..lines).fold(at, |start, _| match start {
        0 => 0,
        _ => line_start(text, start - 1),
    })
}

/// The end of the line `lines` lines below the one ending at `at`.
fn lines_below(text: &[u8], at: usize, lines: usize) -> usize {
    (0..lines).fold(at, |end, _| line_end(text, end))
}

/// How many lines `similar` splits `text` into.
fn line_count(text: &str) -> usize {
    if text.contains('\r') {
        text.tokenize_lines().len()
    } else {
        text.bytes().filter(|&b| b == b'\n').count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `similar` prints for the whole texts.
    fn expected(old: &str, new: &str) -> String {
        similar::TextDiff::from_lines(old, new)
            .unified_diff()
            .context_radius(CONTEXT)
            .header("a", "b")
            .to_string()
    }

    fn assert_same(old: &str, new: &str) {
        for kept in [0, 1, 2, CONTEXT, KEPT] {
            assert_eq!(
                unified_keeping(old, new, "a", "b", kept),
                expected(old, new),
                "kept {kept}\nold: {old:?}\nnew: {new:?}"
            );
        }
    }

    /// `count` numbered lines, `line 0\n` to `line {count - 1}\n`.
    fn numbered(count: usize) -> String {
        (0..count).map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn same_hunks_as_the_whole_diff_at_the_edges() {
        let text = numbered(100);
        let first = text.replacen("line 0\n", "first\n", 1);
        let last = text.replacen("line 99\n", "last\n", 1);
        let middle = text.replacen("line 50\n", "middle\n", 1);
        let unterminated = text.strip_suffix('\n').unwrap();
        let two_hunks = middle.replacen("line 10\n", "ten\n", 1);
        for (old, new) in [
            (&*text, &*first),
            (&*text, &*last),
            (&*text, &*middle),
            (&*text, unterminated),
            (unterminated, &*text),
            (unterminated, &last[..last.len() - 1]),
            (&*text, &*two_hunks),
            (&*text, &text[7..]),
            (&*text, &text[..text.len() - 8]),
            ("", &*text),
            (&*text, ""),
            ("a", "b"),
        ] {
            assert_same(old, new);
            assert_same(new, old);
        }
    }

    #[test]
    fn identical_texts_give_nothing() {
        let text = numbered(50);
        assert_eq!(unified(&text, &text, "a", "b"), "");
        assert_eq!(unified("", "", "a", "b"), "");
    }

    #[test]
    fn carriage_returns_split_lines_as_similar_does() {
        let crlf = numbered(40).replace('\n', "\r\n");
        assert_same(&crlf, &crlf.replacen("line 20\r\n", "twenty\r\n", 1));
        assert_same(&crlf, &crlf.replacen("line 20\r\n", "line 20\n", 1));
        let lone = numbered(40).replace("line 1", "li\rne 1");
        assert_same(&lone, &lone.replacen("line 30\n", "thirty\n", 1));
        assert_same(&lone, &lone.replacen("li\rne 12\n", "li\rne 12\r\n", 1));
    }

    #[test]
    fn a_change_that_slides_out_of_the_window_is_diffed_whole() {
        // Compaction slides the second inserted `x` down to the end of the run of `x` lines,
        // below the lines a window of three keeps.
        let old = "x\nx\nx\nx\nx\nx\ny\nx\ny\ny\ny\nx\nx\ny\nx\nx\nx\nx\nx\nx\nx\ny\n";
        let new = "x\nx\nx\nx\nx\nx\ny\nx\nx\ny\ny\ny\nx\nx\ny\nx\nx\nx\nx\nx\nx\nx\nx\ny\n";
        assert!(Window::around_changes(old, new, CONTEXT)
            .exact_ops()
            .is_none());
        assert_same(old, new);
        // A window with fewer unchanged lines at a cut edge than the context shows.
        let text = numbered(30);
        let changed = text.replacen("line 15\n", "fifteen\n", 1);
        assert!(Window::around_changes(&text, &changed, 2)
            .exact_ops()
            .is_none());
        assert!(Window::around_changes(&text, &changed, CONTEXT)
            .exact_ops()
            .is_some());
        assert_same(&text, &changed);
    }

    #[test]
    fn same_hunks_as_the_whole_diff_for_random_edits() {
        // A small alphabet repeats lines, so compaction has runs to slide changes along.
        const WORDS: [&str; 5] = ["{\n", "}\n", "  \"a\": 1,\n", "  \"b\": [\n", "x\n"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % below as u64).unwrap()
        };
        for _ in 0..400 {
            let count = 1 + next(120);
            let old: Vec<&str> = (0..count).map(|_| WORDS[next(WORDS.len())]).collect();
            let mut new = old.clone();
            for _ in 0..1 + next(4) {
                let at = next(new.len() + 1);
                match next(3) {
                    0 => new.insert(at, WORDS[next(WORDS.len())]),
                    1 if at < new.len() => {
                        new.remove(at);
                    }
                    _ if at < new.len() => new[at] = WORDS[next(WORDS.len())],
                    _ => new.push(WORDS[next(WORDS.len())]),
                }
            }
            let (old, mut new) = (old.concat(), new.concat());
            if next(8) == 0 {
                new.pop();
            }
            assert_same(&old, &new);
        }
    }
}
