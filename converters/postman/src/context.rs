//! The state lowering carries: where findings point, the findings themselves, and tallies
//! for findings reported once per collection rather than once per request.

use connectorize_ir::{Code, Diagnostic, Diagnostics, Location, Origin};
use indexmap::IndexMap;

use crate::definitions;
use crate::secrets::Registry;

/// A finding reported once per collection, with how often it happened and where first.
#[derive(Debug)]
pub struct Tally {
    /// Occurrences.
    pub count: usize,
    /// Pointer of the first one.
    pub first: String,
}

/// Lowering state.
#[derive(Debug)]
pub struct Ctx {
    /// The input file as the user named it.
    pub file: String,
    /// JSON pointer of the collection in the file (`""` or `/collection`).
    pub base: String,
    /// Findings so far (redacted before they leave the crate).
    pub diagnostics: Diagnostics,
    /// Tallies keyed by code id plus a detail (e.g. a header name).
    pub tallies: IndexMap<(&'static str, String), (Code, Tally)>,
    /// Literal secrets to keep out of the output.
    pub secrets: Registry,
    /// Values blanked in examples because their key names a credential.
    pub scrubbed: usize,
    /// Interned object shapes of the schemas inferred so far.
    pub shapes: definitions::Registry,
}

impl Ctx {
    /// A context for `file`.
    pub fn new(file: &str, base: &str) -> Self {
        Ctx {
            file: file.to_string(),
            base: base.to_string(),
            diagnostics: Diagnostics::new(),
            tallies: IndexMap::new(),
            secrets: Registry::default(),
            scrubbed: 0,
            shapes: definitions::Registry::default(),
        }
    }

    /// A context for work done apart (on another thread) and [absorbed](Ctx::absorb) later.
    pub fn worker(&self) -> Self {
        Ctx::new(&self.file, &self.base)
    }

    /// Takes over the findings, tallies and counts of a [worker](Ctx::worker) context, as if
    /// they had been reported here.
    pub fn absorb(&mut self, other: Ctx) {
        self.diagnostics.extend(other.diagnostics);
        for (key, (code, tally)) in other.tallies {
            match self.tallies.entry(key) {
                indexmap::map::Entry::Occupied(mut seen) => seen.get_mut().1.count += tally.count,
                indexmap::map::Entry::Vacant(new) => {
                    new.insert((code, tally));
                }
            }
        }
        self.scrubbed += other.scrubbed;
    }

    /// A location at `pointer` (relative to the file).
    pub fn at(&self, pointer: &str) -> Location {
        Location::file(self.file.clone()).at(pointer.to_string())
    }

    /// An IR origin at `pointer`.
    pub fn origin(&self, pointer: &str) -> Origin {
        Origin::new(self.file.clone(), pointer.to_string())
    }

    /// Reports a finding at `pointer`.
    pub fn report(&mut self, code: Code, message: impl Into<String>, pointer: &str) {
        let diagnostic = Diagnostic::new(code, message).at(self.at(pointer));
        self.diagnostics.push(diagnostic);
    }

    /// Reports a finding with a help line.
    pub fn report_with_help(
        &mut self,
        code: Code,
        message: impl Into<String>,
        pointer: &str,
        help: impl Into<String>,
    ) {
        let diagnostic = Diagnostic::new(code, message)
            .at(self.at(pointer))
            .help(help);
        self.diagnostics.push(diagnostic);
    }

    /// Counts a finding that is reported once per collection (see [`Ctx::tallies`]).
    pub fn tally(&mut self, code: Code, detail: impl Into<String>, pointer: &str) {
        self.tallies
            .entry((code.id(), detail.into()))
            .or_insert_with(|| {
                (
                    code,
                    Tally {
                        count: 0,
                        first: pointer.to_string(),
                    },
                )
            })
            .1
            .count += 1;
    }
}
