//! Keeping an API inside the platform's limits: at most 256 operations and a definition under
//! 1 MB. One mechanism serves every frontend: trim bulky examples first, then split the API
//! along its tags, packing consecutive tags into as few connectors as fit.
//!
//! Sizes are worked out from the definition's fragments ([`Fragments`]), each rendered and
//! measured once: a part's size is a sum of fragment sizes, and its definition is assembled
//! from the same fragments.

mod graph;
mod measure;
mod pack;
mod part;
mod tally;
mod trim;

use std::collections::HashSet;

use connectorize_ir::{Api, Diagnostic, Diagnostics, Error, Info};
use serde_json::Value;

use crate::codes;
use crate::emit::definition::info as info_object;
use crate::emit::fragments::{Fragments, Pool, Selection};
use crate::emit::schema::Examples;
use crate::naming;
use crate::RenderOptions;
use graph::Graph;
use measure::{bytes, Measured, Sizes};
use pack::Gauge;
use tally::Tally;

/// Most operations a connector may hold (reference §6.3).
pub const MAX_OPERATIONS: usize = 256;
/// Largest definition, measured minified. The platform says "less than 1 MB" without saying
/// how it counts; 1,000,000 bytes is below every reading of that.
pub const MAX_DEFINITION_BYTES: usize = 1_000_000;
/// Examples larger than this (serialized) are the first to go when an API is too large.
const BULKY_EXAMPLE_BYTES: usize = 1024;

/// When to split an API into several connectors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// Only when a limit is exceeded, into as few connectors as fit.
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
    let fragments = Fragments::render(api);
    let graph = Graph::new(api);
    let sizes = Sizes::new(api, &graph, &fragments);
    whole_size(api, &graph, &sizes)
}

fn whole_size(api: &Api, graph: &Graph, sizes: &Sizes) -> Size {
    Tally::whole(graph, sizes).size(bytes(&info_object(&api.info)))
}

/// A connector's worth of an API: the API it holds, its definition, and for a part of a split
/// API the tags (or chunks of tags) it holds.
pub(crate) struct Fitted {
    pub(crate) api: Api,
    pub(crate) definition: Value,
    pub(crate) holdings: Vec<String>,
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

/// [`fit`], with each part's definition.
pub(crate) fn fit_keeping(
    mut api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Fitted>, Error> {
    // Examples are copied into the fragments once trimming has decided which stay.
    let (mut fragments, measured) = Fragments::render_deferred_inspecting(&api, |op, rendered| {
        Measured::new(op, rendered, Examples::Deferred)
    });
    let graph = Graph::new(&api);
    let mut sizes = Sizes::with_operations(&api, &graph, &fragments, measured);
    if options.split == Split::Tag {
        fragments.fill(&mut api);
        return split(api, fragments, &graph, &sizes, options, diagnostics, None);
    }
    let size = whole_size(&api, &graph, &sizes);
    // The API's size as it stands after each change below.
    let mut current = size;
    if size.bytes >= options.max_definition_bytes {
        for threshold in [BULKY_EXAMPLE_BYTES, 0] {
            if fits(current, options) {
                break;
            }
            let removed = trim::examples(&mut api, &mut fragments, &mut sizes, threshold);
            if removed == 0 {
                continue;
            }
            current = whole_size(&api, &graph, &sizes);
            diagnostics.push(Diagnostic::new(
                codes::EXAMPLES_TRIMMED,
                format!(
                    "{} example(s){} were removed: the definition went from {} to {} bytes",
                    removed,
                    if threshold > 0 {
                        format!(" over {threshold} bytes")
                    } else {
                        String::new()
                    },
                    size.bytes,
                    current.bytes
                ),
            ));
        }
    }
    fragments.fill(&mut api);
    if fits(current, options) {
        return Ok(vec![whole(api, fragments)]);
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
    split(
        api,
        fragments,
        &graph,
        &sizes,
        options,
        diagnostics,
        Some(size),
    )
}

/// The whole API as one connector.
fn whole(api: Api, mut fragments: Fragments) -> Fitted {
    let all = Selection::all(&api);
    fragments.claim(&all);
    let definition = fragments.assemble(&api, &api.info, &all);
    Fitted {
        api,
        definition,
        holdings: Vec::new(),
    }
}

/// A part as planned, before its definition is assembled.
struct Planned {
    info: Info,
    holdings: Vec<String>,
    selection: Selection,
    size: Size,
}

/// Splits along the first tag of each operation: one part per tag with `--split tag`,
/// consecutive tags packed into as few parts as fit otherwise. Names depend only on tag order
/// and operation order: `<Title> (<Tag>)` while every part holds one tag (or one chunk of a
/// tag, `<Title> (<Tag> 2)`), `<Title> (Part <N>)` for every part once one holds several.
/// `oversized` is the API's size when the limits forced the split.
fn split(
    mut api: Api,
    mut fragments: Fragments,
    graph: &Graph,
    sizes: &Sizes,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
    oversized: Option<Size>,
) -> Result<Vec<Fitted>, Error> {
    let gauge = Gauge {
        api: &api,
        graph,
        sizes,
        options,
    };
    let units = pack::units(&gauge)?;
    let parts: Vec<Vec<pack::Unit>> = if options.split == Split::Tag {
        units.into_iter().map(|u| vec![u]).collect()
    } else {
        pack::pack(&gauge, units)
    };
    let numbered = parts.iter().any(|units| units.len() > 1);
    let mut titles = HashSet::new();
    let mut planned = Vec::with_capacity(parts.len());
    for (n, units) in parts.iter().enumerate() {
        let label = if numbered {
            format!("Part {}", n + 1)
        } else {
            units[0].label()
        };
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
        let holdings: Vec<String> = units.iter().map(pack::Unit::holding).collect();
        let info = part::info(&api.info, title, &holdings);
        let operations: Vec<usize> = units.iter().flat_map(|u| u.operations.clone()).collect();
        let tally = gauge.tally(&operations);
        planned.push(Planned {
            size: tally.size(bytes(&info_object(&info))),
            selection: tally.selection(),
            info,
            holdings,
        });
    }
    diagnostics.push(split_diagnostic(
        &api.info.title,
        &planned,
        options,
        oversized,
    ));
    // Each operation moves into the one part that holds it, and each named schema into the
    // last part that holds it, instead of being copied: the API and all its parts are never in
    // memory at once. The API keeps the schemas' names, which assembling reads.
    let mut slots: Vec<Option<connectorize_ir::Operation>> = std::mem::take(&mut api.operations)
        .into_iter()
        .map(Some)
        .collect();
    let mut schemas = Pool::new(api.schemas.values_mut().map(std::mem::take).collect());
    for part in &planned {
        fragments.claim(&part.selection);
        schemas.claim(&part.selection.schemas);
    }
    let mut out = Vec::with_capacity(planned.len());
    for part in planned {
        let definition = fragments.assemble(&api, &part.info, &part.selection);
        out.push(Fitted {
            api: part::build(&api, &mut slots, &mut schemas, part.info, &part.selection),
            definition,
            holdings: part.holdings,
        });
    }
    Ok(out)
}

/// CN022: why the API was split, then each part on a line of its own: its title, size and the
/// tags it holds.
fn split_diagnostic(
    title: &str,
    parts: &[Planned],
    options: &RenderOptions,
    oversized: Option<Size>,
) -> Diagnostic {
    let why = match oversized {
        Some(size) => format!(
            "`{title}` has {} operations and a {}-byte definition, over the limits of {} operations and {} bytes",
            size.operations, size.bytes, options.max_operations, options.max_definition_bytes
        ),
        None => format!("`{title}` was split by tag as requested"),
    };
    let mut message = format!("{why}; it became {} connectors:", parts.len());
    for part in parts {
        message.push_str(&format!(
            "\n  {}, {} operation{}, {} bytes: {}",
            part.info.title,
            part.size.operations,
            if part.size.operations == 1 { "" } else { "s" },
            part.size.bytes,
            part.holdings.join(", ")
        ));
    }
    Diagnostic::new(codes::API_SPLIT, message).help(
        "each part is a connector of its own; flows must use the part that holds an operation",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::definition::definition;
    use connectorize_ir::{
        Body, BodyContent, Method, Operation, Parameter, ParameterLocation, Response, Schema,
        SharedParameter, Status, Tag,
    };
    use serde_json::json;

    fn tag(name: &str) -> Tag {
        Tag {
            name: name.into(),
            description: None,
            extensions: Default::default(),
            origin: None,
        }
    }

    /// `ops` operations over `tags` in turn (round robin); the first uses schema `Used`.
    fn api_with(ops: usize, tags: &[&str]) -> Api {
        let mut api = Api::new("Big");
        api.tags.extend(tags.iter().map(|t| tag(t)));
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

    /// `counts[i]` operations tagged `T<i>`, grouped by tag.
    fn api_grouped(counts: &[usize]) -> Api {
        let mut api = Api::new("Big");
        for (t, &count) in counts.iter().enumerate() {
            let name = format!("T{t}");
            api.tags.push(tag(&name));
            for i in 0..count {
                let mut op =
                    Operation::new(format!("Op{t}x{i}"), Method::Get, format!("/t{t}/{i}"));
                op.tags.push(name.clone());
                op.responses.push(Response::new(Status::Code(200), "ok"));
                api.operations.push(op);
            }
        }
        api
    }

    fn titles(parts: &[Api]) -> Vec<&str> {
        parts.iter().map(|p| p.info.title.as_str()).collect()
    }

    fn tag_names(part: &Api) -> Vec<&str> {
        part.tags.iter().map(|t| t.name.as_str()).collect()
    }

    fn max_operations(n: usize) -> RenderOptions {
        RenderOptions {
            max_operations: n,
            ..RenderOptions::default()
        }
    }

    #[test]
    fn splits_by_tag_and_keeps_only_used_schemas() {
        let mut d = Diagnostics::new();
        let parts = fit(api_with(6, &["Pets", "Stores"]), &max_operations(4), &mut d).unwrap();
        assert_eq!(titles(&parts), ["Big (Pets)", "Big (Stores)"]);
        assert_eq!(parts[0].schemas.keys().collect::<Vec<_>>(), ["Used"]);
        assert!(parts[1].schemas.is_empty());
        assert_eq!(d.iter().next().unwrap().code, codes::API_SPLIT);
    }

    #[test]
    fn packs_consecutive_tags_into_as_few_parts_as_fit() {
        let mut d = Diagnostics::new();
        let parts = fit(api_grouped(&[2, 2, 1, 3, 2, 2]), &max_operations(5), &mut d).unwrap();
        assert_eq!(
            titles(&parts),
            ["Big (Part 1)", "Big (Part 2)", "Big (Part 3)"]
        );
        let held: Vec<Vec<&str>> = parts.iter().map(tag_names).collect();
        assert_eq!(held, [vec!["T0", "T1", "T2"], vec!["T3", "T4"], vec!["T5"]]);
        let ops: Vec<usize> = parts.iter().map(|p| p.operations.len()).collect();
        assert_eq!(ops, [5, 5, 2]);
        let description = parts[0].info.description.as_deref().unwrap();
        assert!(
            description.ends_with(
                "Big is split into several connectors by tag; this one holds T0, T1 and T2."
            ),
            "{description}"
        );
        let split = d.iter().find(|d| d.code == codes::API_SPLIT).unwrap();
        let lines: Vec<&str> = split.message.lines().collect();
        assert_eq!(lines.len(), 4, "{}", split.message);
        assert!(
            lines[0].ends_with("it became 3 connectors:"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("  Big (Part 1), 5 operations, ")
                && lines[1].ends_with(" bytes: T0, T1, T2"),
            "{}",
            lines[1]
        );
        assert!(
            lines[3].starts_with("  Big (Part 3), 2 operations, ")
                && lines[3].ends_with(" bytes: T5"),
            "{}",
            lines[3]
        );
    }

    #[test]
    fn packs_by_definition_size_too() {
        let mut api = api_grouped(&[3, 3, 3, 3]);
        // Operations large enough for the definition's fixed members not to matter.
        for op in &mut api.operations {
            op.description = Some("x".repeat(1000));
        }
        let whole = measure(&api).bytes;
        // Room for a bit more than half the API: two tags per part, not three.
        let options = RenderOptions {
            max_definition_bytes: whole * 6 / 10,
            ..RenderOptions::default()
        };
        let mut d = Diagnostics::new();
        let parts = fit_keeping(api, &options, &mut d).unwrap();
        let held: Vec<Vec<&str>> = parts.iter().map(|p| tag_names(&p.api)).collect();
        assert_eq!(held, [vec!["T0", "T1"], vec!["T2", "T3"]]);
        for part in &parts {
            assert!(
                serde_json::to_vec(&part.definition).unwrap().len() < options.max_definition_bytes
            );
        }
    }

    #[test]
    fn single_tag_parts_keep_tag_names_and_split_tag_never_packs() {
        let parts = fit(
            api_grouped(&[3, 3]),
            &max_operations(4),
            &mut Diagnostics::new(),
        )
        .unwrap();
        assert_eq!(titles(&parts), ["Big (T0)", "Big (T1)"]);
        let tag = RenderOptions {
            split: Split::Tag,
            ..RenderOptions::default()
        };
        let mut d = Diagnostics::new();
        let parts = fit(api_grouped(&[1, 1, 1]), &tag, &mut d).unwrap();
        assert_eq!(titles(&parts), ["Big (T0)", "Big (T1)", "Big (T2)"]);
        let description = parts[1].info.description.as_deref().unwrap();
        assert!(description.ends_with("this one holds T1."), "{description}");
        let message = &d.iter().next().unwrap().message;
        assert!(message.starts_with("`Big` was split by tag as requested; it became 3 connectors:\n  Big (T0), 1 operation, "), "{message}");
    }

    #[test]
    fn chunks_an_oversized_tag_and_refuses_with_split_none() {
        let parts = fit(
            api_with(5, &["Pets"]),
            &max_operations(2),
            &mut Diagnostics::new(),
        )
        .unwrap();
        assert_eq!(
            titles(&parts),
            ["Big (Pets 1)", "Big (Pets 2)", "Big (Pets 3)"]
        );
        let none = RenderOptions {
            split: Split::None,
            ..max_operations(2)
        };
        let err = fit(api_with(5, &["Pets"]), &none, &mut Diagnostics::new()).unwrap_err();
        assert!(
            err.to_string()
                .contains("5 operations, 3 over the limit of 2"),
            "{err}"
        );
    }

    #[test]
    fn a_chunked_tag_keeps_parts_of_its_own_among_packed_ones() {
        let parts = fit(
            api_grouped(&[1, 1, 5, 1]),
            &max_operations(2),
            &mut Diagnostics::new(),
        )
        .unwrap();
        assert_eq!(
            titles(&parts),
            [
                "Big (Part 1)",
                "Big (Part 2)",
                "Big (Part 3)",
                "Big (Part 4)",
                "Big (Part 5)"
            ]
        );
        let ops: Vec<usize> = parts.iter().map(|p| p.operations.len()).collect();
        assert_eq!(ops, [2, 2, 2, 1, 1]);
        let description = parts[3].info.description.as_deref().unwrap();
        assert!(
            description.ends_with("this one holds T2 (chunk 3)."),
            "{description}"
        );
        assert_eq!(tag_names(&parts[4]), ["T3"]);
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
        let parts = fit_keeping(api, &options, &mut d).unwrap();
        assert_eq!(parts.len(), 1);
        let trimmed = d.iter().next().unwrap();
        assert_eq!(trimmed.code, codes::EXAMPLES_TRIMMED);
        let written = serde_json::to_vec(&parts[0].definition).unwrap().len();
        assert!(
            trimmed.message.ends_with(&format!("to {written} bytes")),
            "{}",
            trimmed.message
        );
        assert_eq!(parts[0].definition, definition(&parts[0].api));
    }

    /// An API using every kind of fragment: shared parameters, bodies and responses, schemas
    /// reached through other schemas, several methods on one path, path extensions (one on a
    /// path no operation uses), several tags per operation, root extensions.
    fn rich() -> Api {
        let mut api = api_grouped(&[3, 2, 2]);
        api.extensions.insert("x-root".into(), json!({"a": [1, 2]}));
        api.info.website = Some("https://example.com".into());
        api.schemas.insert(
            "Leaf".into(),
            Schema::of(connectorize_ir::SchemaType::String),
        );
        let mut node = Schema::of(connectorize_ir::SchemaType::Object);
        node.properties
            .insert("leaf".into(), Schema::reference("Leaf"));
        api.schemas.insert("Node".into(), node);
        api.schemas.insert("Lonely".into(), Schema::default());
        let mut page = Parameter::new("page", ParameterLocation::Query);
        page.shared = Some("Page".into());
        api.shared_parameters
            .insert("Page".into(), SharedParameter::Parameter(page.clone()));
        let body = Body {
            media_type: "application/json".into(),
            required: true,
            name: None,
            summary: None,
            description: None,
            content: BodyContent::Document {
                schema: Some(Schema::reference("Node")),
                examples: Vec::new(),
            },
            shared: Some("Payload".into()),
            extensions: Default::default(),
            origin: None,
        };
        api.shared_parameters
            .insert("Payload".into(), SharedParameter::Body(body.clone()));
        let mut problem = Response::new(Status::Code(400), "bad");
        problem.schema = Some(Schema::reference("Leaf"));
        api.shared_responses
            .insert("Problem".into(), problem.clone());
        problem.shared = Some("Problem".into());
        api.operations[1].parameters.push(page.clone());
        api.operations[3].parameters.push(page);
        api.operations[4].body = Some(body);
        api.operations[4].method = Method::Post;
        api.operations[4].path = api.operations[2].path.clone();
        api.operations[5].responses.push(problem);
        api.operations[5].tags.push("T0".into());
        api.path_extensions.insert(
            api.operations[2].path.clone(),
            [("x-path".to_string(), json!("p"))].into_iter().collect(),
        );
        api.path_extensions.insert(
            "/nobody".into(),
            [("x-alone".to_string(), json!(true))].into_iter().collect(),
        );
        let mut limit = Parameter::new("limit", ParameterLocation::Query);
        limit.example = Some(json!(10));
        limit.schema.example = Some(json!(1));
        api.operations[0].parameters.push(limit);
        let first = &mut api.operations[0].responses[0];
        first.examples.push(connectorize_ir::Example {
            name: None,
            value: json!({"id": "1"}),
        });
        first.schema = Some(Schema {
            example: Some(json!("x")),
            ..Schema::default()
        });
        api
    }

    #[test]
    fn sizes_add_up_to_the_written_definition() {
        let api = rich();
        let whole = serde_json::to_vec(&definition(&api)).unwrap().len();
        assert_eq!(measure(&api).bytes, whole);
        let fragments = Fragments::render(&api);
        let graph = Graph::new(&api);
        let sizes = Sizes::new(&api, &graph, &fragments);
        let deferred = Sizes::new(&api, &graph, &Fragments::render_deferred(&api));
        assert_eq!(deferred.operations, sizes.operations);
        let (inspected, measured) = Fragments::render_deferred_inspecting(&api, |op, v| {
            Measured::new(op, v, Examples::Deferred)
        });
        assert_eq!(measured, deferred.measured);
        assert_eq!(
            inspected.operations.values(),
            Fragments::render_deferred(&api).operations.values()
        );
        let subsets: [&[usize]; 5] = [&[0], &[1, 3], &[2, 4], &[4, 5, 6], &[0, 1, 2, 3, 4, 5, 6]];
        for (n, operations) in subsets.into_iter().enumerate() {
            let tally = Tally::of(&graph, &sizes, operations);
            let selection = tally.selection();
            let info = part::info(&api.info, format!("Big (Part {n})"), &["T0".into()]);
            let size = tally.size(bytes(&info_object(&info)));
            let mut fragments = Fragments::render(&api);
            fragments.claim(&selection);
            let assembled = fragments.assemble(&api, &info, &selection);
            let written = serde_json::to_vec(&assembled).unwrap().len();
            assert_eq!(size.bytes, written, "operations {operations:?}");
            assert_eq!(size.operations, operations.len());
            let mut slots: Vec<Option<Operation>> =
                api.operations.iter().cloned().map(Some).collect();
            let mut schemas = Pool::new(api.schemas.values().cloned().collect());
            schemas.claim(&selection.schemas);
            let part = part::build(&api, &mut slots, &mut schemas, info, &selection);
            assert_eq!(assembled, definition(&part), "operations {operations:?}");
        }
    }

    #[test]
    fn trimming_keeps_the_sizes_measuring_again_finds() {
        let mut api = rich();
        let example = |value: Value| connectorize_ir::Example { name: None, value };
        let long = |n: usize| json!({ "text": "y\n".repeat(n) });
        // The first is bulky and the second is not: the second is written in its place.
        api.operations[1].responses[0].examples = vec![example(long(600)), example(json!(2))];
        api.operations[2].responses[0].examples = vec![example(long(10))];
        api.operations[3].responses[0].schema = Some(Schema {
            example: Some(long(700)),
            ..Schema::default()
        });
        api.operations[3].parameters[0].example = Some(long(5));
        api.schemas["Node"].example = Some(long(800));
        let graph = Graph::new(&api);
        let mut fragments = Fragments::render_deferred(&api);
        let mut sizes = Sizes::new(&api, &graph, &fragments);
        for (threshold, removed) in [(BULKY_EXAMPLE_BYTES, 3), (0, 7)] {
            assert_eq!(
                trim::examples(&mut api, &mut fragments, &mut sizes, threshold),
                removed
            );
            let again = Sizes::new(&api, &graph, &fragments);
            assert_eq!(sizes.measured, again.measured, "threshold {threshold}");
            assert_eq!(sizes.operations, again.operations, "threshold {threshold}");
            assert_eq!(sizes.schemas, again.schemas, "threshold {threshold}");
        }
        fragments.fill(&mut api);
        let whole = whole_size(&api, &graph, &sizes).bytes;
        assert_eq!(whole, serde_json::to_vec(&definition(&api)).unwrap().len());
    }

    #[test]
    fn split_parts_are_written_as_measured() {
        let options = max_operations(3);
        let mut d = Diagnostics::new();
        let parts = fit_keeping(rich(), &options, &mut d).unwrap();
        assert!(parts.len() >= 3);
        let message = &d
            .iter()
            .find(|d| d.code == codes::API_SPLIT)
            .unwrap()
            .message;
        for part in &parts {
            assert_eq!(part.definition, definition(&part.api));
            let written = serde_json::to_vec(&part.definition).unwrap().len();
            let line = format!("  {}, ", part.api.info.title);
            let line = message.lines().find(|l| l.starts_with(&line)).unwrap();
            assert!(
                line.contains(&format!(" {written} bytes: ")),
                "{line} vs {written}"
            );
        }
        let whole = serde_json::to_vec(&definition(&rich())).unwrap().len();
        assert!(
            message.contains(&format!("a {whole}-byte definition")),
            "{message}"
        );
    }
}
