//! What each operation brings into a part of a split API besides itself: its path item, tags,
//! shared parameters and responses, and the named schemas they reach. Worked out once, by
//! index, so that adding an operation to a part is a few lookups.

use std::collections::HashMap;

use connectorize_ir::{visit, Api, Body, BodyContent, Schema, SharedParameter};
use rayon::prelude::*;

/// What one operation needs, by index into the API's lists.
#[derive(Clone, Debug, Default)]
pub(crate) struct Needs {
    /// Path id (into [`Graph::paths`]).
    pub(crate) path: usize,
    /// Its key in the path item.
    pub(crate) method: &'static str,
    /// Declared tags of any of its tag names.
    pub(crate) tags: Vec<usize>,
    /// Shared parameters and shared body it refers to, in the order it refers to them.
    pub(crate) shared_parameters: Vec<usize>,
    /// Shared responses it refers to, in order.
    pub(crate) shared_responses: Vec<usize>,
    /// Named schemas its own parameters, body and responses refer to directly.
    pub(crate) schemas: Vec<usize>,
}

/// The references between an API's items.
#[derive(Clone, Debug, Default)]
pub(crate) struct Graph {
    /// Distinct path templates: those of operations in first-use order, then those only
    /// `path_extensions` names.
    pub(crate) paths: Vec<String>,
    /// Each path's entry in `path_extensions`, by path id.
    pub(crate) path_extension: Vec<Option<usize>>,
    /// Each operation's needs.
    pub(crate) operations: Vec<Needs>,
    /// Named schemas each shared parameter refers to directly.
    pub(crate) shared_parameter_schemas: Vec<Vec<usize>>,
    /// Named schemas each shared response refers to directly.
    pub(crate) shared_response_schemas: Vec<Vec<usize>>,
    /// Named schemas each named schema refers to directly.
    pub(crate) schema_schemas: Vec<Vec<usize>>,
}

impl Graph {
    /// Resolves every reference of the API once.
    pub(crate) fn new(api: &Api) -> Self {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut paths: Vec<String> = Vec::new();
        let op_paths: Vec<usize> = api
            .operations
            .iter()
            .map(|op| intern(&mut ids, &mut paths, &op.path))
            .collect();
        let extension_paths: Vec<usize> = api
            .path_extensions
            .keys()
            .map(|p| intern(&mut ids, &mut paths, p))
            .collect();
        let mut path_extension = vec![None; paths.len()];
        for (i, &id) in extension_paths.iter().enumerate() {
            path_extension[id] = Some(i);
        }
        let mut tags: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, tag) in api.tags.iter().enumerate() {
            tags.entry(tag.name.as_str()).or_default().push(i);
        }
        let schemas = |roots: &mut dyn Iterator<Item = &Schema>| references(api, roots);
        // Each operation's needs are resolved on any core: most of the work is walking schemas.
        let operations = api
            .operations
            .par_iter()
            .zip(op_paths)
            .map(|(op, path)| {
                let mut op_tags: Vec<usize> = op
                    .tags
                    .iter()
                    .filter_map(|t| tags.get(t.as_str()))
                    .flatten()
                    .copied()
                    .collect();
                op_tags.sort_unstable();
                op_tags.dedup();
                let shared = op
                    .parameters
                    .iter()
                    .filter_map(|p| p.shared.as_ref())
                    .chain(op.body.as_ref().and_then(|b| b.shared.as_ref()));
                Needs {
                    path,
                    method: op.method.as_lower(),
                    tags: op_tags,
                    shared_parameters: shared
                        .filter_map(|name| api.shared_parameters.get_index_of(name))
                        .collect(),
                    shared_responses: op
                        .responses
                        .iter()
                        .filter_map(|r| r.shared.as_ref())
                        .filter_map(|name| api.shared_responses.get_index_of(name))
                        .collect(),
                    schemas: schemas(
                        &mut op
                            .parameters
                            .iter()
                            .map(|p| &p.schema)
                            .chain(op.body.as_ref().and_then(body_schema))
                            .chain(op.responses.iter().filter_map(|r| r.schema.as_ref())),
                    ),
                }
            })
            .collect();
        Graph {
            paths,
            path_extension,
            operations,
            shared_parameter_schemas: api
                .shared_parameters
                .values()
                .map(|shared| match shared {
                    SharedParameter::Parameter(p) => schemas(&mut std::iter::once(&p.schema)),
                    SharedParameter::Body(b) => schemas(&mut body_schema(b).into_iter()),
                })
                .collect(),
            shared_response_schemas: api
                .shared_responses
                .values()
                .map(|r| schemas(&mut r.schema.iter()))
                .collect(),
            schema_schemas: api
                .schemas
                .par_values()
                .map(|s| schemas(&mut std::iter::once(s)))
                .collect(),
        }
    }
}

/// The id of a path, given the next free one when it is new.
fn intern<'a>(ids: &mut HashMap<&'a str, usize>, paths: &mut Vec<String>, path: &'a str) -> usize {
    *ids.entry(path).or_insert_with(|| {
        paths.push(path.to_string());
        paths.len() - 1
    })
}

fn body_schema(body: &Body) -> Option<&Schema> {
    match &body.content {
        BodyContent::Document { schema, .. } => schema.as_ref(),
        BodyContent::Form { .. } => None,
    }
}

/// The named schemas the roots (and the schemas nested in them) refer to, each once; names
/// the API does not declare are left out.
fn references(api: &Api, roots: &mut dyn Iterator<Item = &Schema>) -> Vec<usize> {
    let mut out = Vec::new();
    for root in roots {
        visit(root, &mut |s| {
            if let Some(i) = s
                .reference
                .as_ref()
                .and_then(|n| api.schemas.get_index_of(n))
            {
                out.push(i);
            }
        });
    }
    out.sort_unstable();
    out.dedup();
    out
}
