//! Removing bulky examples, the first step when a definition is too large. It reports which
//! operations and named schemas changed, so that only their fragments are rendered again.

use connectorize_ir::{Api, BodyContent, Operation, Schema};
use rayon::prelude::*;
use serde_json::Value;

use super::measure::bytes;

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

/// Removes examples larger than `threshold` bytes (all of them for 0).
pub(crate) fn examples(api: &mut Api, threshold: usize) -> Trimmed {
    let bulky = |value: &Value| threshold == 0 || bytes(value) > threshold;
    let mut trimmed = Trimmed::default();
    for (i, schema) in api.schemas.values_mut().enumerate() {
        let removed = trim_schema(schema, &bulky);
        if removed > 0 {
            trimmed.removed += removed;
            trimmed.schemas.push(i);
        }
    }
    let removed: Vec<usize> = api
        .operations
        .par_iter_mut()
        .map(|op| trim_operation(op, &bulky))
        .collect();
    for (i, removed) in removed.into_iter().enumerate() {
        if removed > 0 {
            trimmed.removed += removed;
            trimmed.operations.push(i);
        }
    }
    trimmed
}

fn trim_operation(op: &mut Operation, bulky: &impl Fn(&Value) -> bool) -> usize {
    let mut removed = 0;
    for p in &mut op.parameters {
        if p.example.as_ref().is_some_and(bulky) {
            p.example = None;
            removed += 1;
        }
        removed += trim_schema(&mut p.schema, bulky);
    }
    if let Some(body) = &mut op.body {
        match &mut body.content {
            BodyContent::Document { schema, examples } => {
                let before = examples.len();
                examples.retain(|e| !bulky(&e.value));
                removed += before - examples.len();
                if let Some(s) = schema {
                    removed += trim_schema(s, bulky);
                }
            }
            BodyContent::Form { fields } => {
                for f in fields {
                    if f.example.as_ref().is_some_and(bulky) {
                        f.example = None;
                        removed += 1;
                    }
                }
            }
        }
    }
    for r in &mut op.responses {
        let before = r.examples.len();
        r.examples.retain(|e| !bulky(&e.value));
        removed += before - r.examples.len();
        if let Some(s) = &mut r.schema {
            removed += trim_schema(s, bulky);
        }
    }
    removed
}

fn trim_schema(schema: &mut Schema, bulky: &impl Fn(&Value) -> bool) -> usize {
    let mut removed = 0;
    let mut stack = vec![schema];
    while let Some(s) = stack.pop() {
        if s.example.as_ref().is_some_and(bulky) {
            s.example = None;
            removed += 1;
        }
        let Schema {
            properties,
            items,
            all_of,
            ..
        } = s;
        stack.extend(properties.values_mut());
        stack.extend(items.as_deref_mut());
        stack.extend(all_of.iter_mut());
    }
    removed
}
