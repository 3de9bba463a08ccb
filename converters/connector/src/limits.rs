//! Keeping an API inside the platform's limits: at most 256 operations and a definition under
//! 1 MB. One mechanism serves every frontend: trim bulky examples first, then split the API
//! along its tags into connectors named `<Title> (<Tag>)`.

use std::collections::HashSet;

use connectorize_ir::{
    Api, BodyContent, Diagnostic, Diagnostics, Error, Operation, Policy, Schema,
};
use indexmap::IndexMap;
use serde_json::Value;

use crate::codes;
use crate::emit::definition::definition;
use crate::naming;
use crate::RenderOptions;

/// Most operations a connector may hold (reference §6.3).
pub const MAX_OPERATIONS: usize = 256;
/// Largest definition, measured minified. The platform says "less than 1 MB" without saying
/// how it counts; 1,000,000 bytes is below every reading of that.
pub const MAX_DEFINITION_BYTES: usize = 1_000_000;
/// Examples larger than this (serialized) are the first to go when an API is too large.
const BULKY_EXAMPLE_BYTES: usize = 1024;
/// The group name for operations without a tag.
const UNTAGGED: &str = "General";

/// When to split an API into several connectors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// Only when a limit is exceeded.
    #[default]
    Auto,
    /// Always, one connector per tag.
    Tag,
    /// Never; an oversized API is an error.
    None,
}

/// Size of an API as a connector: operations and minified definition bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Number of operations.
    pub operations: usize,
    /// Minified definition size in bytes.
    pub bytes: usize,
}

/// Measures an API as it would be written.
pub fn measure(api: &Api) -> Size {
    measured(api).0
}

/// [`measure`], keeping the definition it rendered: a part that fits as it was measured is
/// written from it, not rendered again.
fn measured(api: &Api) -> (Size, Value) {
    let definition = definition(api);
    // Counted while serializing, without holding the minified text.
    let mut counter = ByteCounter(0);
    let bytes = serde_json::to_writer(&mut counter, &definition).map_or(usize::MAX, |()| counter.0);
    let size = Size {
        operations: api.operations.len(),
        bytes,
    };
    (size, definition)
}

/// A part as it was measured (untitled), with the definition rendered to measure it.
type Measured = (Api, Value);

/// A part of an API, with its definition when it was rendered while measuring it.
pub(crate) struct Fitted {
    pub(crate) api: Api,
    pub(crate) definition: Option<Value>,
}

impl Fitted {
    fn new(api: Api, definition: Option<Value>) -> Self {
        Fitted { api, definition }
    }
}

/// A writer that only counts.
struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn fits(size: Size, options: &RenderOptions) -> bool {
    size.operations <= options.max_operations && size.bytes < options.max_definition_bytes
}

/// Returns the API, trimmed or split so that every part fits.
pub fn fit(
    api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Api>, Error> {
    fit_keeping(api, options, diagnostics).map(|parts| parts.into_iter().map(|p| p.api).collect())
}

/// [`fit`], with each part's definition when measuring it rendered it.
pub(crate) fn fit_keeping(
    mut api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Fitted>, Error> {
    if options.split == Split::Tag {
        return split(api, options, diagnostics, false, None);
    }
    let (size, rendered) = measured(&api);
    // The API's size as it stands: every change below measures it again, so the API is never
    // measured twice in the same state (each measure renders the whole definition).
    let mut current = size;
    if fits(size, options) {
        return Ok(vec![Fitted::new(api, Some(rendered))]);
    }
    drop(rendered);
    if size.bytes >= options.max_definition_bytes {
        for threshold in [BULKY_EXAMPLE_BYTES, 0] {
            let removed = trim_examples(&mut api, threshold);
            if removed == 0 {
                continue;
            }
            let (after, rendered) = measured(&api);
            current = after;
            diagnostics.push(Diagnostic::new(
                codes::EXAMPLES_TRIMMED,
                format!(
                    "{removed} example(s){} were removed: the definition went from {} to {} bytes",
                    if threshold > 0 {
                        format!(" over {threshold} bytes")
                    } else {
                        String::new()
                    },
                    size.bytes,
                    after.bytes
                ),
            ));
            if fits(after, options) {
                return Ok(vec![Fitted::new(api, Some(rendered))]);
            }
        }
    }
    let size = current;
    if options.split == Split::None {
        let mut reasons = Vec::new();
        if size.operations > options.max_operations {
            reasons.push(format!(
                "{} operations, {} over the limit of {}",
                size.operations,
                size.operations - options.max_operations,
                options.max_operations
            ));
        }
        if size.bytes >= options.max_definition_bytes {
            reasons.push(format!(
                "a {}-byte definition, {} bytes over the limit of {}",
                size.bytes,
                size.bytes + 1 - options.max_definition_bytes,
                options.max_definition_bytes
            ));
        }
        return Err(Error::new(
            codes::LIMIT_EXCEEDED,
            format!("`{}` has {}", api.info.title, reasons.join(" and ")),
        )
        .help("use --split auto (the default) to split it along its tags, or remove operations"));
    }
    split(api, options, diagnostics, true, Some(size))
}

/// Removes examples larger than `threshold` bytes (all of them for 0); returns how many.
fn trim_examples(api: &mut Api, threshold: usize) -> usize {
    let bulky = |value: &serde_json::Value| {
        threshold == 0 || serde_json::to_vec(value).map_or(true, |v| v.len() > threshold)
    };
    let mut removed = 0;
    let trim_schema = |schema: &mut Schema, removed: &mut usize| {
        let mut stack = vec![schema];
        while let Some(s) = stack.pop() {
            if s.example.as_ref().is_some_and(bulky) {
                s.example = None;
                *removed += 1;
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
    };
    for schema in api.schemas.values_mut() {
        trim_schema(schema, &mut removed);
    }
    for op in &mut api.operations {
        for p in &mut op.parameters {
            if p.example.as_ref().is_some_and(bulky) {
                p.example = None;
                removed += 1;
            }
            trim_schema(&mut p.schema, &mut removed);
        }
        if let Some(body) = &mut op.body {
            match &mut body.content {
                BodyContent::Document { schema, examples } => {
                    let before = examples.len();
                    examples.retain(|e| !bulky(&e.value));
                    removed += before - examples.len();
                    if let Some(s) = schema {
                        trim_schema(s, &mut removed);
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
                trim_schema(s, &mut removed);
            }
        }
    }
    removed
}

/// Splits along the first tag of each operation; a group that still does not fit is cut into
/// numbered chunks. Part names are stable: they depend only on tag order and operation order.
fn split(
    mut api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
    forced_by_limits: bool,
    size: Option<Size>,
) -> Result<Vec<Fitted>, Error> {
    let size = size.unwrap_or_else(|| measure(&api));
    let mut groups: IndexMap<String, Vec<usize>> = IndexMap::new();
    for (i, op) in api.operations.iter().enumerate() {
        let tag = op
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| UNTAGGED.to_string());
        groups.entry(tag).or_default().push(i);
    }
    // Each operation moves into the one part that holds it, instead of being copied: the
    // API and all its parts are never in memory at once.
    let mut slots: Vec<Option<Operation>> = std::mem::take(&mut api.operations)
        .into_iter()
        .map(Some)
        .collect();
    let mut parts: Vec<(String, Vec<usize>, Option<Measured>)> = Vec::new();
    for (tag, indices) in groups {
        chunk(&api, &mut slots, &tag, indices, options, &mut parts)?;
    }
    let mut titles = HashSet::new();
    let mut out = Vec::with_capacity(parts.len());
    for (label, indices, candidate) in parts {
        let title = naming::part_title(&api.info.title, &label);
        let title = naming::unique(&title, |t| titles.contains(&t.to_ascii_lowercase()));
        if title.chars().count() > naming::MAX_TITLE {
            return Err(Error::new(
                codes::SPLIT_NAME_CLASH,
                format!(
                    "split parts of `{}` cannot get distinct titles of at most 30 characters",
                    api.info.title
                ),
            )
            .help("give the API a shorter title or shorter tag names"));
        }
        titles.insert(title.to_ascii_lowercase());
        // The measured candidate is this very part but for its title, which the definition
        // holds only at /info/title.
        out.push(match candidate {
            Some((mut candidate, mut rendered)) => {
                if let Some(slot) = rendered.pointer_mut("/info/title") {
                    *slot = Value::from(title.clone());
                }
                candidate.info.title = title;
                Fitted::new(candidate, Some(rendered))
            }
            None => Fitted::new(part(&api, &mut slots, title, &indices), None),
        });
    }
    let names: Vec<&str> = out.iter().map(|a| a.api.info.title.as_str()).collect();
    let why = if forced_by_limits {
        format!(
            "`{}` has {} operations and a {}-byte definition, over the limits of {} operations and {} bytes",
            api.info.title, size.operations, size.bytes, options.max_operations, options.max_definition_bytes
        )
    } else {
        format!("`{}` was split by tag as requested", api.info.title)
    };
    diagnostics.push(
        Diagnostic::new(
            codes::API_SPLIT,
            format!(
                "{why}; it became {} connectors: {}",
                out.len(),
                names.join(", ")
            ),
        )
        .help(
            "each part is a connector of its own; flows must use the part that holds an operation",
        ),
    );
    Ok(out)
}

fn chunk(
    api: &Api,
    slots: &mut [Option<Operation>],
    label: &str,
    indices: Vec<usize>,
    options: &RenderOptions,
    parts: &mut Vec<(String, Vec<usize>, Option<Measured>)>,
) -> Result<(), Error> {
    // Cut into pieces of at most max_operations first, then halve any piece that is too big.
    let mut pending: Vec<Vec<usize>> = indices
        .chunks(options.max_operations.max(1))
        .map(<[usize]>::to_vec)
        .collect();
    // Each piece keeps the part it was measured as (untitled), so that it is built only once.
    let mut done: Vec<(Vec<usize>, Option<Measured>)> = Vec::new();
    while let Some(piece) = pending.pop() {
        let candidate = part(api, slots, String::new(), &piece);
        let (size, rendered) = measured(&candidate);
        if piece.len() <= 1 && !fits(size, options) {
            // One operation cannot be split further: writing it would give a connector the
            // platform rejects.
            let id = candidate.operations.first().map_or("", |o| o.id.as_str());
            return Err(Error::new(
                codes::LIMIT_EXCEEDED,
                format!(
                    "operation `{id}` of `{}` alone needs a {}-byte definition, over the limit of {} bytes",
                    api.info.title, size.bytes, options.max_definition_bytes
                ),
            )
            .at(candidate
                .operations
                .first()
                .and_then(|o| o.origin.as_ref())
                .map(connectorize_ir::Location::from))
            .help("reduce the operation's schemas (deep or repeated definitions) in the input"));
        }
        if fits(size, options) {
            done.push((piece, Some((candidate, rendered))));
        } else {
            // The halves take the operations again.
            for (&i, op) in piece.iter().zip(candidate.operations) {
                slots[i] = Some(op);
            }
            let (a, b) = piece.split_at(piece.len() / 2);
            pending.push(b.to_vec());
            pending.push(a.to_vec());
        }
    }
    done.sort_by_key(|(p, _)| p[0]);
    if done.len() == 1 {
        let (piece, candidate) = done.remove(0);
        parts.push((label.to_string(), piece, candidate));
    } else {
        for (n, (piece, candidate)) in done.into_iter().enumerate() {
            parts.push((format!("{label} {}", n + 1), piece, candidate));
        }
    }
    Ok(())
}

/// The API restricted to some operations (taken out of `slots`), with only what they use.
fn part(api: &Api, slots: &mut [Option<Operation>], title: String, indices: &[usize]) -> Api {
    let operations: Vec<Operation> = indices.iter().filter_map(|&i| slots[i].take()).collect();
    let ids: HashSet<String> = operations.iter().map(|o| o.id.clone()).collect();
    let tags: HashSet<String> = operations
        .iter()
        .flat_map(|o| o.tags.iter().cloned())
        .collect();
    let paths: HashSet<String> = operations.iter().map(|o| o.path.clone()).collect();
    let mut shared_parameters = IndexMap::new();
    let mut shared_responses = IndexMap::new();
    for op in &operations {
        let names = op
            .parameters
            .iter()
            .filter_map(|p| p.shared.as_ref())
            .chain(op.body.as_ref().and_then(|b| b.shared.as_ref()));
        for name in names {
            if let Some(p) = api.shared_parameters.get(name) {
                shared_parameters.insert(name.clone(), p.clone());
            }
        }
        for r in &op.responses {
            if let Some(name) = &r.shared {
                if let Some(shared) = api.shared_responses.get(name) {
                    shared_responses.insert(name.clone(), shared.clone());
                }
            }
        }
    }
    let schemas = reachable_schemas(api, &operations, &shared_parameters, &shared_responses);
    let policies = api
        .policies
        .iter()
        .filter_map(|policy| restrict_policy(policy, &ids))
        .collect();
    // Field by field, so that the operations, schemas and shared items the part leaves out
    // are never cloned (cloning the whole API per part made splitting quadratic).
    let mut info = api.info.clone();
    info.title = title;
    Api {
        ir_version: api.ir_version,
        info,
        server: api.server.clone(),
        alternative_servers: api.alternative_servers.clone(),
        consumes: api.consumes.clone(),
        produces: api.produces.clone(),
        security: api.security.clone(),
        security_requirements: api.security_requirements.clone(),
        tags: api
            .tags
            .iter()
            .filter(|t| tags.contains(&t.name))
            .cloned()
            .collect(),
        operations,
        schemas,
        shared_parameters,
        shared_responses,
        connection_parameters: api.connection_parameters.clone(),
        policies,
        path_extensions: api
            .path_extensions
            .iter()
            .filter(|(p, _)| paths.contains(*p))
            .map(|(p, e)| (p.clone(), e.clone()))
            .collect(),
        verbatim_properties: api.verbatim_properties.clone(),
        layout: api.layout.clone(),
        extensions: api.extensions.clone(),
        origin: api.origin.clone(),
    }
}

fn restrict_policy(policy: &Policy, ids: &HashSet<String>) -> Option<Policy> {
    let mut policy = policy.clone();
    let operations = match &mut policy {
        Policy::SetHeader { operations, .. }
        | Policy::SetQueryParameter { operations, .. }
        | Policy::RouteToEndpoint { operations, .. }
        | Policy::DynamicHost { operations, .. } => operations,
    };
    if operations.is_empty() {
        return Some(policy);
    }
    operations.retain(|id| ids.contains(id));
    (!operations.is_empty()).then_some(policy)
}

fn reachable_schemas(
    api: &Api,
    operations: &[connectorize_ir::Operation],
    shared_parameters: &IndexMap<String, connectorize_ir::SharedParameter>,
    shared_responses: &IndexMap<String, connectorize_ir::Response>,
) -> IndexMap<String, Schema> {
    fn collect_body<'a>(body: &'a connectorize_ir::Body, roots: &mut Vec<&'a Schema>) {
        if let BodyContent::Document { schema, .. } = &body.content {
            roots.extend(schema.iter());
        }
    }
    let mut roots: Vec<&Schema> = Vec::new();
    for op in operations {
        roots.extend(op.parameters.iter().map(|p| &p.schema));
        if let Some(body) = &op.body {
            collect_body(body, &mut roots);
        }
        roots.extend(op.responses.iter().filter_map(|r| r.schema.as_ref()));
    }
    for shared in shared_parameters.values() {
        match shared {
            connectorize_ir::SharedParameter::Parameter(p) => roots.push(&p.schema),
            connectorize_ir::SharedParameter::Body(b) => collect_body(b, &mut roots),
        }
    }
    roots.extend(shared_responses.values().filter_map(|r| r.schema.as_ref()));
    let mut used: HashSet<&str> = HashSet::new();
    let mut queue: Vec<&Schema> = roots;
    while let Some(schema) = queue.pop() {
        connectorize_ir::visit(schema, &mut |s| {
            if let Some(name) = &s.reference {
                if used.insert(name.as_str()) {
                    if let Some(target) = api.schemas.get(name) {
                        queue.push(target);
                    }
                }
            }
        });
    }
    api.schemas
        .iter()
        .filter(|(name, _)| used.contains(name.as_str()))
        .map(|(n, s)| (n.clone(), s.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectorize_ir::{Method, Operation, Response, Status, Tag};

    fn api_with(ops: usize, tags: &[&str]) -> Api {
        let mut api = Api::new("Big");
        for t in tags {
            api.tags.push(Tag {
                name: (*t).into(),
                description: None,
                extensions: Default::default(),
                origin: None,
            });
        }
        api.schemas.insert("Used".into(), Schema::default());
        api.schemas.insert("Unused".into(), Schema::default());
        for i in 0..ops {
            let mut op = Operation::new(format!("Op{i}"), Method::Get, format!("/r{i}"));
            op.tags.push(tags[i % tags.len()].to_string());
            let mut r = Response::new(Status::Code(200), "ok");
            if i == 0 {
                r.schema = Some(Schema::reference("Used"));
            }
            op.responses.push(r);
            api.operations.push(op);
        }
        api
    }

    #[test]
    fn splits_by_tag_and_keeps_only_used_schemas() {
        let options = RenderOptions {
            max_operations: 4,
            ..RenderOptions::default()
        };
        let mut d = Diagnostics::new();
        let parts = fit(api_with(6, &["Pets", "Stores"]), &options, &mut d).unwrap();
        let titles: Vec<&str> = parts.iter().map(|p| p.info.title.as_str()).collect();
        assert_eq!(titles, ["Big (Pets)", "Big (Stores)"]);
        assert_eq!(parts[0].schemas.keys().collect::<Vec<_>>(), ["Used"]);
        assert!(parts[1].schemas.is_empty());
        assert_eq!(d.iter().next().unwrap().code, codes::API_SPLIT);
    }

    #[test]
    fn chunks_an_oversized_tag_and_refuses_with_split_none() {
        let options = RenderOptions {
            max_operations: 2,
            ..RenderOptions::default()
        };
        let parts = fit(api_with(5, &["Pets"]), &options, &mut Diagnostics::new()).unwrap();
        let titles: Vec<&str> = parts.iter().map(|p| p.info.title.as_str()).collect();
        assert_eq!(titles, ["Big (Pets 1)", "Big (Pets 2)", "Big (Pets 3)"]);
        let none = RenderOptions {
            split: Split::None,
            ..options
        };
        let err = fit(api_with(5, &["Pets"]), &none, &mut Diagnostics::new()).unwrap_err();
        assert!(
            err.to_string()
                .contains("5 operations, 3 over the limit of 2"),
            "{err}"
        );
    }

    #[test]
    fn an_operation_too_large_alone_is_an_error() {
        let mut api = api_with(1, &["Pets"]);
        let mut big = Schema::of(connectorize_ir::SchemaType::Object);
        for i in 0..200 {
            big.properties
                .insert(format!("field{i}"), Schema::default());
        }
        api.operations[0].responses[0].schema = Some(big);
        let options = RenderOptions {
            max_definition_bytes: 2000,
            ..RenderOptions::default()
        };
        let err = fit(api, &options, &mut Diagnostics::new()).unwrap_err();
        assert_eq!(err.diagnostic().code, codes::LIMIT_EXCEEDED);
        assert!(err.to_string().contains("operation `Op0`"), "{err}");
    }

    #[test]
    fn trims_examples_before_splitting() {
        let mut api = api_with(2, &["Pets"]);
        api.operations[0].responses[0]
            .examples
            .push(connectorize_ir::Example {
                name: None,
                value: serde_json::Value::String("x".repeat(5000)),
            });
        let options = RenderOptions {
            max_definition_bytes: 3000,
            ..RenderOptions::default()
        };
        let mut d = Diagnostics::new();
        let parts = fit(api, &options, &mut d).unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(d.iter().next().unwrap().code, codes::EXAMPLES_TRIMMED);
    }
}
