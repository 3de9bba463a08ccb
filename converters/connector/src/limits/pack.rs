//! Cutting an API into parts along its tags: operations are grouped by their first tag, a group
//! too large for one connector is cut into chunks, and consecutive groups are packed into as
//! few parts as fit the limits.

use connectorize_ir::{Api, Error};
use indexmap::IndexMap;

use super::graph::Graph;
use super::measure::{bytes, Sizes};
use super::tally::Tally;
use super::{fits, part, Size};
use crate::codes;
use crate::emit::definition::info as info_object;
use crate::naming::MAX_TITLE;
use crate::RenderOptions;

/// The group name for operations without a tag.
const UNTAGGED: &str = "General";
/// Room kept for a part's title while parts are measured untitled (its title depends on how
/// the packing ends): a JSON string of 30 characters takes at most 6 bytes a character.
const TITLE_ROOM: usize = 6 * MAX_TITLE;

/// Operations that go into a part together: a whole tag group, or a chunk of a group too large
/// for one connector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Unit {
    /// The group's tag.
    pub(crate) tag: String,
    /// The chunk number (from 1) when the group was cut.
    pub(crate) chunk: Option<usize>,
    /// Indices into the API's operations, in API order.
    pub(crate) operations: Vec<usize>,
}

impl Unit {
    /// The part's name when it holds this unit alone: `Pets`, or `Pets 2` for a chunk.
    pub(crate) fn label(&self) -> String {
        match self.chunk {
            Some(n) => format!("{} {n}", self.tag),
            None => self.tag.clone(),
        }
    }

    /// How descriptions and the split diagnostic name it: `Pets`, or `Pets (chunk 2)`.
    pub(crate) fn holding(&self) -> String {
        match self.chunk {
            Some(n) => format!("{} (chunk {n})", self.tag),
            None => self.tag.clone(),
        }
    }
}

/// Measures candidate parts of one API.
pub(crate) struct Gauge<'a> {
    pub(crate) api: &'a Api,
    pub(crate) graph: &'a Graph,
    pub(crate) sizes: &'a Sizes,
    pub(crate) options: &'a RenderOptions,
}

impl<'a> Gauge<'a> {
    /// The size of a part's `info` holding these tags, with room for any title.
    fn info(&self, holdings: &[String]) -> usize {
        bytes(&info_object(&part::info(
            &self.api.info,
            String::new(),
            holdings,
        ))) + TITLE_ROOM
    }

    pub(crate) fn tally(&self, operations: &[usize]) -> Tally<'a> {
        Tally::of(self.graph, self.sizes, operations)
    }
}

/// The tag groups in the order their first operation comes, each cut into chunks when it is
/// too large for one connector.
pub(crate) fn units(gauge: &Gauge<'_>) -> Result<Vec<Unit>, Error> {
    let mut groups: IndexMap<&str, Vec<usize>> = IndexMap::new();
    for (i, op) in gauge.api.operations.iter().enumerate() {
        let tag = op.tags.first().map_or(UNTAGGED, String::as_str);
        groups.entry(tag).or_default().push(i);
    }
    let mut units = Vec::new();
    for (tag, operations) in groups {
        let whole = gauge.tally(&operations);
        let size = whole.size(gauge.info(&[tag.to_string()]));
        if fits(size, gauge.options) {
            units.push(Unit {
                tag: tag.to_string(),
                chunk: None,
                operations,
            });
        } else {
            units.extend(chunks(gauge, tag, &operations)?);
        }
    }
    Ok(units)
}

/// Cuts a group into chunks, each holding as many of the following operations as fit.
fn chunks(gauge: &Gauge<'_>, tag: &str, operations: &[usize]) -> Result<Vec<Unit>, Error> {
    let mut out: Vec<Unit> = Vec::new();
    let mut chunk = Unit {
        tag: tag.to_string(),
        chunk: Some(1),
        operations: Vec::new(),
    };
    let mut info = gauge.info(&[chunk.holding()]);
    let mut tally = Tally::new(gauge.graph, gauge.sizes);
    for &op in operations {
        tally.add(op);
        if fits(tally.size(info), gauge.options) {
            chunk.operations.push(op);
            continue;
        }
        if chunk.operations.is_empty() {
            return Err(too_large(gauge, op, tally.size(info)));
        }
        let next = Unit {
            tag: tag.to_string(),
            chunk: Some(out.len() + 2),
            operations: vec![op],
        };
        out.push(std::mem::replace(&mut chunk, next));
        info = gauge.info(&[chunk.holding()]);
        tally = gauge.tally(&chunk.operations);
        if !fits(tally.size(info), gauge.options) {
            return Err(too_large(gauge, op, tally.size(info)));
        }
    }
    out.push(chunk);
    Ok(out)
}

/// One operation cannot be split further: writing it would give a connector the platform
/// rejects.
fn too_large(gauge: &Gauge<'_>, op: usize, size: Size) -> Error {
    let operation = &gauge.api.operations[op];
    Error::new(
        codes::LIMIT_EXCEEDED,
        format!(
            "operation `{}` of `{}` alone needs a {}-byte definition (counting room for a part title), over the limit of {} bytes",
            operation.id, gauge.api.info.title, size.bytes, gauge.options.max_definition_bytes
        ),
    )
    .at(operation.origin.as_ref().map(connectorize_ir::Location::from))
    .help("reduce the operation's schemas (deep or repeated definitions) in the input")
}

/// Packs consecutive whole groups into as few parts as fit; a chunk is a part of its own.
pub(crate) fn pack(gauge: &Gauge<'_>, units: Vec<Unit>) -> Vec<Vec<Unit>> {
    let mut parts: Vec<Vec<Unit>> = Vec::new();
    let mut open: Vec<Unit> = Vec::new();
    let mut tally = Tally::new(gauge.graph, gauge.sizes);
    for unit in units {
        if unit.chunk.is_some() {
            if !open.is_empty() {
                parts.push(std::mem::take(&mut open));
            }
            parts.push(vec![unit]);
            continue;
        }
        if !open.is_empty() {
            for &op in &unit.operations {
                tally.add(op);
            }
            let holdings: Vec<String> = open.iter().chain([&unit]).map(Unit::holding).collect();
            if fits(tally.size(gauge.info(&holdings)), gauge.options) {
                open.push(unit);
                continue;
            }
            parts.push(std::mem::take(&mut open));
        }
        // A whole group fits alone: that is why it was not cut.
        tally = gauge.tally(&unit.operations);
        open.push(unit);
    }
    if !open.is_empty() {
        parts.push(open);
    }
    parts
}
