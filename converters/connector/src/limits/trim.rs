//! Removing bulky examples, the first step when a definition is too large. Examples go from the
//! API and from its rendered fragments together ([`crate::emit::examples`]), so that nothing is
//! rendered again, and the sizes of operations are kept up to date rather than measured again.
//! The operations' fragments are those of [`Fragments::render_deferred`].

use connectorize_ir::Api;
use rayon::prelude::*;
use serde_json::Value;

use super::measure::{exceeds, Sizes};
use crate::emit::examples::{self, Pruned};
use crate::emit::fragments::Fragments;

/// Removes examples larger than `threshold` bytes (all of them for 0) from the API and from
/// its fragments, and brings `sizes` up to date. Returns how many examples went.
pub(crate) fn examples(
    api: &mut Api,
    fragments: &mut Fragments,
    sizes: &mut Sizes,
    threshold: usize,
) -> usize {
    let bulky = |value: &Value, size: Option<usize>| {
        threshold == 0 || size.map_or_else(|| exceeds(value, threshold), |size| size > threshold)
    };
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
        .zip(&mut sizes.measured)
        .map(|((op, rendered), measured)| {
            let mut pruned = examples::prune(op, rendered, &bulky, &mut measured.examples);
            match pruned.shrunk.and_then(|s| measured.rendered.checked_sub(s)) {
                Some(rest) => measured.rendered = rest,
                None => pruned.shrunk = None,
            }
            pruned
        })
        .collect();
    let mut removed = 0;
    let (mut changed_schemas, mut stale_schemas) = (Vec::new(), Vec::new());
    for (i, p) in schemas.into_iter().enumerate() {
        if p.removed > 0 {
            removed += p.removed;
            changed_schemas.push(i);
            if !p.exact {
                stale_schemas.push(i);
            }
        }
    }
    let (mut changed, mut stale, mut unmeasured) = (Vec::new(), Vec::new(), Vec::new());
    for (i, p) in operations.into_iter().enumerate() {
        if p.removed > 0 {
            removed += p.removed;
            changed.push(i);
            if !p.exact {
                stale.push(i);
            }
        }
        if p.shrunk.is_none() {
            unmeasured.push(i);
        }
    }
    fragments.rerender(api, &stale, &stale_schemas);
    sizes.update(api, fragments, &changed, &unmeasured, &changed_schemas);
    removed
}
