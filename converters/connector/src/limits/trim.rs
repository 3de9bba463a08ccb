//! Removing bulky examples, the first step when a definition is too large. Examples go from the
//! API and from its rendered fragments together ([`crate::emit::examples`]), so that nothing is
//! rendered again; the changed operations and named schemas are reported to be measured again.
//! The operations' fragments are those of [`Fragments::render_deferred`].

use connectorize_ir::Api;
use rayon::prelude::*;
use serde_json::Value;

use super::measure::exceeds;
use crate::emit::examples::{self, Pruned};
use crate::emit::fragments::Fragments;

/// What one trimming pass removed.
#[derive(Debug, Default)]
pub(crate) struct Trimmed {
    /// How many examples went.
    pub(crate) removed: usize,
    /// Operations that lost an example.
    pub(crate) operations: Vec<usize>,
    /// Named schemas that lost an example.
    pub(crate) schemas: Vec<usize>,
}

/// Removes examples larger than `threshold` bytes (all of them for 0) from the API and from
/// its fragments.
pub(crate) fn examples(api: &mut Api, fragments: &mut Fragments, threshold: usize) -> Trimmed {
    let bulky = |value: &Value| threshold == 0 || exceeds(value, threshold);
    let schemas: Vec<Pruned> = api
        .schemas
        .values_mut()
        .zip(fragments.schemas.values_mut())
        .map(|(s, rendered)| examples::prune_schema(s, rendered, &bulky))
        .collect();
    let operations: Vec<Pruned> = api
        .operations
        .par_iter_mut()
        .zip(fragments.operations.values_mut())
        .map(|(op, rendered)| examples::prune(op, rendered, &bulky))
        .collect();
    let mut trimmed = Trimmed::default();
    let (mut stale_operations, mut stale_schemas) = (Vec::new(), Vec::new());
    for (pruned, changed, stale) in [
        (schemas, &mut trimmed.schemas, &mut stale_schemas),
        (operations, &mut trimmed.operations, &mut stale_operations),
    ] {
        for (i, p) in pruned.into_iter().enumerate() {
            if p.removed > 0 {
                trimmed.removed += p.removed;
                changed.push(i);
                if !p.exact {
                    stale.push(i);
                }
            }
        }
    }
    fragments.rerender(api, &stale_operations, &stale_schemas);
    trimmed
}
