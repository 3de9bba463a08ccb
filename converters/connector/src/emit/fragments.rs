//! The definition in fragments: each operation, named schema, shared parameter, shared response
//! and tag rendered on its own, then assembled into documents. The limits measure an API from
//! its fragments and build every part of a split API from the same fragments, so that no part
//! is rendered again to be measured or written.

use connectorize_ir::{Api, Info, Operation};
use rayon::prelude::*;
use serde_json::{Map, Value};

use super::definition::{
    info as info_object, operation, operation_with, response, security, server, shared_parameter,
    tag, tail,
};
use super::examples;
use super::schema::{extend, schema, Examples};

/// The items of an API one document holds, as indices into the API's lists, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Into `operations`; a path item groups the methods of one path in this order.
    pub operations: Vec<usize>,
    /// Into `schemas`.
    pub schemas: Vec<usize>,
    /// Into `shared_parameters`.
    pub shared_parameters: Vec<usize>,
    /// Into `shared_responses`.
    pub shared_responses: Vec<usize>,
    /// Into `tags`.
    pub tags: Vec<usize>,
    /// Into `path_extensions`; a path without a selected operation gets an item of its own.
    pub path_extensions: Vec<usize>,
}

impl Selection {
    /// Everything the API holds: its whole definition.
    pub fn all(api: &Api) -> Self {
        Selection {
            operations: (0..api.operations.len()).collect(),
            schemas: (0..api.schemas.len()).collect(),
            shared_parameters: (0..api.shared_parameters.len()).collect(),
            shared_responses: (0..api.shared_responses.len()).collect(),
            tags: (0..api.tags.len()).collect(),
            path_extensions: (0..api.path_extensions.len()).collect(),
        }
    }
}

/// Values, each moved into the last document that claims it and cloned into the others: a
/// schema shared by several parts is copied, an operation never is. Holds rendered fragments
/// here, and the named schemas a split API's parts are built from ([`crate::limits`]).
#[derive(Debug, Default)]
pub struct Pool<T = Value> {
    values: Vec<T>,
    claims: Vec<usize>,
}

impl<T: Clone + Default> Pool<T> {
    pub(crate) fn new(values: Vec<T>) -> Self {
        Pool {
            claims: vec![0; values.len()],
            values,
        }
    }

    /// The values, by index.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The values, to be edited in place (see [`super::examples`]).
    pub fn values_mut(&mut self) -> &mut [T] {
        &mut self.values
    }

    /// Notes that one more document holds each of `indices`.
    pub(crate) fn claim(&mut self, indices: &[usize]) {
        for &i in indices {
            self.claims[i] += 1;
        }
    }

    /// Value `i` for a document claiming it: a copy while other claims remain, else the value
    /// itself.
    pub(crate) fn take(&mut self, i: usize) -> T {
        if self.claims[i] > 1 {
            self.claims[i] -= 1;
            self.values[i].clone()
        } else {
            self.claims[i] = 0;
            std::mem::take(&mut self.values[i])
        }
    }
}

/// An API's definition, rendered item by item.
#[derive(Debug, Default)]
pub struct Fragments {
    /// Each operation's path and method: assembling reads them here, so that the operations
    /// themselves may already have moved into the parts of a split API.
    routes: Vec<(String, &'static str)>,
    /// Each operation, as the value of its method in a path item.
    pub operations: Pool,
    /// Whether the operations' examples are written yet.
    pub examples: Examples,
    /// Each named schema, as the value of its `definitions` entry.
    pub schemas: Pool,
    /// Each shared parameter, as the value of its `parameters` entry.
    pub shared_parameters: Pool,
    /// Each shared response, as the value of its `responses` entry.
    pub shared_responses: Pool,
    /// Each tag, as an entry of the `tags` list.
    pub tags: Pool,
    /// `host`, `basePath`, `schemes`, `consumes` and `produces`: between `info` and `paths`, the
    /// same in every part.
    pub server: Vec<(String, Value)>,
    /// `securityDefinitions` and `security`: between `responses` and `tags`, the same in every
    /// part.
    pub security: Vec<(String, Value)>,
    /// `x-ms-connector-metadata` and the root extensions: last, each where its key is free.
    pub tail: Vec<(String, Value)>,
}

impl Fragments {
    /// Renders every item of the API once.
    pub fn render(api: &Api) -> Self {
        Self::render_with(api, Examples::Written)
    }

    /// [`Fragments::render`], leaving the operations' examples as placeholders to be trimmed
    /// ([`examples::prune`]) and filled in ([`Fragments::fill`]) before assembling.
    pub fn render_deferred(api: &Api) -> Self {
        Self::render_with(api, Examples::Deferred)
    }

    /// [`Fragments::render_deferred`], passing each operation and its value through `inspect`
    /// as soon as it is rendered, while the value is still in the processor's cache (measuring
    /// a large API's operations afterwards waits on memory more than it computes). Returns what
    /// `inspect` returned, by operation.
    pub(crate) fn render_deferred_inspecting<T: Send>(
        api: &Api,
        inspect: impl Fn(&Operation, &Value) -> T + Sync,
    ) -> (Self, Vec<T>) {
        let (operations, inspected) = api
            .operations
            .par_iter()
            .map(|op| {
                let rendered = operation_with(op, Examples::Deferred);
                let inspected = inspect(op, &rendered);
                (rendered, inspected)
            })
            .unzip();
        (
            Self::render_around(api, Examples::Deferred, operations),
            inspected,
        )
    }

    fn render_with(api: &Api, examples: Examples) -> Self {
        let operations = api
            .operations
            .par_iter()
            .map(|op| operation_with(op, examples))
            .collect();
        Self::render_around(api, examples, operations)
    }

    /// Renders everything but the operations, already rendered with `examples`.
    fn render_around(api: &Api, examples: Examples, operations: Vec<Value>) -> Self {
        Fragments {
            routes: api
                .operations
                .iter()
                .map(|op| (op.path.clone(), op.method.as_lower()))
                .collect(),
            operations: Pool::new(operations),
            examples,
            schemas: Pool::new(api.schemas.par_values().map(schema).collect()),
            shared_parameters: Pool::new(
                api.shared_parameters
                    .values()
                    .map(shared_parameter)
                    .collect(),
            ),
            shared_responses: Pool::new(api.shared_responses.values().map(response).collect()),
            tags: Pool::new(api.tags.iter().map(tag).collect()),
            server: server(api),
            security: security(api),
            tail: tail(api),
        }
    }

    /// Renders again operations and named schemas that changed since [`Fragments::render`] and
    /// could not be edited in place.
    pub fn rerender(&mut self, api: &Api, operations: &[usize], schemas: &[usize]) {
        // The old values go first, all of them: replacing them one by one interleaves the new
        // allocations with the freed ones and leaves the heap fragmented (some 30 MB more
        // resident for a 16 MB collection whose every operation loses its examples).
        for &i in operations {
            self.operations.values[i] = Value::Null;
        }
        let rendered: Vec<Value> = operations
            .par_iter()
            .map(|&i| operation_with(&api.operations[i], self.examples))
            .collect();
        for (&i, value) in operations.iter().zip(rendered) {
            self.operations.values[i] = value;
        }
        for &i in schemas {
            if let Some((_, s)) = api.schemas.get_index(i) {
                self.schemas.values[i] = schema(s);
            }
        }
    }

    /// Writes the examples [`Fragments::render_deferred`] left as placeholders.
    pub fn fill(&mut self, api: &mut Api) {
        if self.examples == Examples::Written {
            return;
        }
        api.operations
            .par_iter_mut()
            .zip(self.operations.values.par_iter_mut())
            .for_each(|(op, rendered)| {
                let mut any = false;
                examples::deferred(op, |_| any = true);
                if any && !examples::fill(op, rendered) {
                    *rendered = operation(op);
                }
            });
        self.examples = Examples::Written;
    }

    /// Records that `selection` will be assembled. Claim every selection before assembling any:
    /// a fragment is moved into the last assembly that claimed it.
    pub fn claim(&mut self, selection: &Selection) {
        self.operations.claim(&selection.operations);
        self.schemas.claim(&selection.schemas);
        self.shared_parameters.claim(&selection.shared_parameters);
        self.shared_responses.claim(&selection.shared_responses);
        self.tags.claim(&selection.tags);
    }

    /// The definition holding `selection` of `api`, with `info` as its info object: exactly
    /// what [`super::definition::definition`] writes for an API holding just those items.
    /// `api.operations` is not read: it may be empty by now.
    pub fn assemble(&mut self, api: &Api, info: &Info, selection: &Selection) -> Value {
        let mut out = Map::new();
        out.insert("swagger".into(), Value::from("2.0"));
        out.insert("info".into(), info_object(info));
        out.extend(self.server.iter().cloned());
        out.insert(
            "paths".into(),
            self.paths(api, &selection.operations, &selection.path_extensions),
        );
        if !selection.schemas.is_empty() {
            let name = |i| api.schemas.get_index(i).map(|(k, _)| k);
            let definitions = named(&mut self.schemas, name, &selection.schemas);
            out.insert("definitions".into(), definitions);
        }
        if !selection.shared_parameters.is_empty() {
            let name = |i| api.shared_parameters.get_index(i).map(|(k, _)| k);
            let shared = named(
                &mut self.shared_parameters,
                name,
                &selection.shared_parameters,
            );
            out.insert("parameters".into(), shared);
        }
        if !selection.shared_responses.is_empty() {
            let name = |i| api.shared_responses.get_index(i).map(|(k, _)| k);
            let shared = named(
                &mut self.shared_responses,
                name,
                &selection.shared_responses,
            );
            out.insert("responses".into(), shared);
        }
        out.extend(self.security.iter().cloned());
        if !selection.tags.is_empty() {
            let tags = selection.tags.iter().map(|&i| self.tags.take(i)).collect();
            out.insert("tags".into(), Value::Array(tags));
        }
        for (key, value) in &self.tail {
            if !out.contains_key(key) {
                out.insert(key.clone(), value.clone());
            }
        }
        Value::Object(out)
    }

    fn paths(&mut self, api: &Api, operations: &[usize], path_extensions: &[usize]) -> Value {
        let mut paths: Map<String, Value> = Map::new();
        for &i in operations {
            let (path, method) = &self.routes[i];
            let item = paths
                .entry(path.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(item) = item {
                item.insert((*method).into(), self.operations.take(i));
            }
        }
        for &i in path_extensions {
            let Some((path, extensions)) = api.path_extensions.get_index(i) else {
                continue;
            };
            let item = paths
                .entry(path.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(item) = item {
                extend(item, extensions);
            }
        }
        Value::Object(paths)
    }
}

/// A `definitions`, `parameters` or `responses` object: the selected entries under their names.
fn named<'a>(
    pool: &mut Pool,
    name: impl Fn(usize) -> Option<&'a String>,
    indices: &[usize],
) -> Value {
    let mut out = Map::new();
    for &i in indices {
        if let Some(name) = name(i) {
            out.insert(name.clone(), pool.take(i));
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_copies_a_value_until_its_last_claim_takes_it() {
        let mut pool = Pool::new(vec![String::from("shared"), String::from("single")]);
        pool.claim(&[0, 1]);
        pool.claim(&[0]);
        assert_eq!(pool.take(0), "shared");
        assert_eq!(pool.values(), ["shared", "single"]);
        assert_eq!(pool.take(0), "shared");
        assert_eq!(pool.take(1), "single");
        assert_eq!(pool.values(), ["", ""]);
    }
}
