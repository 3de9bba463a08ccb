//! Rules on `apiDefinition.swagger.json`.
//!
//! [`Swagger`] indexes the document once (definitions, shared parameters and responses,
//! operations with their effective parameters) so that the rule modules can look things up
//! without rescanning; each module then walks the part of the document it is about.

mod extensions;
pub(crate) mod keys;
mod limits;
mod operations;
mod parameters;
mod paths;
mod schemas;
mod security;
mod structure;

use std::borrow::Cow;
use std::collections::HashMap;

use crate::json::{Document, Node, Pos};
use crate::report::Sink;
use crate::text::{child, index, pointer_tokens};

/// The HTTP methods a path item may hold, in the order the schema lists them.
pub(crate) const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// An indexed swagger document.
pub(crate) struct Swagger<'a> {
    /// The document root.
    pub root: &'a Node<'a>,
    /// `definitions` by name.
    pub definitions: HashMap<&'a str, &'a Node<'a>>,
    /// Shared `parameters` by name.
    pub shared_parameters: HashMap<&'a str, &'a Node<'a>>,
    /// Shared `responses` by name.
    pub shared_responses: HashMap<&'a str, &'a Node<'a>>,
    /// Every operation in document order.
    pub operations: Vec<Operation<'a>>,
}

/// One operation (a method of a path item).
pub(crate) struct Operation<'a> {
    /// The path template as written.
    pub path: &'a str,
    /// Where the path key is.
    pub path_pos: Pos,
    /// The lower-case method.
    pub method: &'a str,
    /// The operation object.
    pub node: &'a Node<'a>,
    /// Its pointer.
    pub pointer: String,
    /// The path item holding it.
    pub item: &'a Node<'a>,
    /// Its `operationId`, when it is a string.
    pub id: Option<&'a str>,
    /// Effective parameters: path-level ones not overridden, then operation-level ones;
    /// references resolved (unresolvable ones left out, they are reported elsewhere).
    pub parameters: Vec<Param<'a>>,
}

/// A parameter as it applies to an operation.
pub(crate) struct Param<'a> {
    /// The parameter object (after resolving a `$ref`).
    pub node: &'a Node<'a>,
    /// Where it is written (the shared parameter's pointer for a reference).
    pub pointer: String,
    /// Its `name`.
    pub name: &'a str,
    /// Its `in`.
    pub location: &'a str,
}

impl Param<'_> {
    /// The parameter's `x-ms-visibility`.
    pub fn visibility(&self) -> Option<&str> {
        self.node.get("x-ms-visibility").and_then(Node::as_str)
    }

    /// Whether `"required": true`.
    pub fn required(&self) -> bool {
        self.node.get("required").and_then(Node::as_bool) == Some(true)
    }

    /// The declared type (`schema.type` for a body parameter).
    pub fn type_name(&self) -> Option<&str> {
        if self.location == "body" {
            self.node.get("schema")?.get("type")?.as_str()
        } else {
            self.node.get("type")?.as_str()
        }
    }
}

impl<'a> Swagger<'a> {
    /// Indexes the document.
    pub fn new(root: &'a Node<'a>) -> Self {
        let index_of = |key: &str| -> HashMap<&'a str, &'a Node<'a>> {
            root.get(key)
                .map(|n| n.members().iter().map(|m| (&*m.key, &m.value)).collect())
                .unwrap_or_default()
        };
        let mut swagger = Swagger {
            root,
            definitions: index_of("definitions"),
            shared_parameters: index_of("parameters"),
            shared_responses: index_of("responses"),
            operations: Vec::new(),
        };
        let mut operations = Vec::new();
        if let Some(paths) = root.get("paths") {
            for member in paths.members() {
                let item_pointer = child("/paths", &member.key);
                let item = &member.value;
                let shared = swagger
                    .parameter_list(item.get("parameters"), &child(&item_pointer, "parameters"));
                for m in item.members() {
                    if !METHODS.contains(&&*m.key) || !m.value.is_object() {
                        continue;
                    }
                    let pointer = child(&item_pointer, &m.key);
                    let own = swagger
                        .parameter_list(m.value.get("parameters"), &child(&pointer, "parameters"));
                    let mut parameters: Vec<Param<'a>> = shared
                        .iter()
                        .filter(|p| {
                            !own.iter()
                                .any(|o| o.name == p.name && o.location == p.location)
                        })
                        .map(|p| Param {
                            node: p.node,
                            pointer: p.pointer.clone(),
                            name: p.name,
                            location: p.location,
                        })
                        .collect();
                    parameters.extend(own);
                    operations.push(Operation {
                        path: &member.key,
                        path_pos: member.key_pos,
                        method: &m.key,
                        node: &m.value,
                        pointer,
                        item,
                        id: m.value.get("operationId").and_then(Node::as_str),
                        parameters,
                    });
                }
            }
        }
        swagger.operations = operations;
        swagger
    }

    /// Resolves a parameter list, following `#/parameters/...` references.
    fn parameter_list(&self, list: Option<&'a Node<'a>>, pointer: &str) -> Vec<Param<'a>> {
        let mut out = Vec::new();
        for (i, node) in list.map(Node::items).unwrap_or_default().iter().enumerate() {
            let (node, pointer) = match node.get("$ref").and_then(Node::as_str) {
                Some(reference) => match self.shared_parameter(reference) {
                    Some(found) => found,
                    None => continue,
                },
                None => (node, index(pointer, i)),
            };
            let (Some(name), Some(location)) = (
                node.get("name").and_then(Node::as_str),
                node.get("in").and_then(Node::as_str),
            ) else {
                continue;
            };
            out.push(Param {
                node,
                pointer,
                name,
                location,
            });
        }
        out
    }

    /// The shared parameter `#/parameters/<name>` and its pointer.
    pub fn shared_parameter(&self, reference: &str) -> Option<(&'a Node<'a>, String)> {
        let name = local_name(reference, "parameters")?;
        let node = *self.shared_parameters.get(&*name)?;
        Some((node, child("/parameters", &name)))
    }

    /// The definition `#/definitions/<name>`, its name and pointer.
    pub fn definition(&self, reference: &str) -> Option<(&'a Node<'a>, String)> {
        let name = local_name(reference, "definitions")?;
        let node = *self.definitions.get(&*name)?;
        Some((node, child("/definitions", &name)))
    }

    /// The shared response `#/responses/<name>` and its pointer.
    pub fn shared_response(&self, reference: &str) -> Option<(&'a Node<'a>, String)> {
        let name = local_name(reference, "responses")?;
        let node = *self.shared_responses.get(&*name)?;
        Some((node, child("/responses", &name)))
    }

    /// The operation with this id.
    pub fn operation(&self, id: &str) -> Option<&Operation<'a>> {
        self.operations.iter().find(|op| op.id == Some(id))
    }

    /// A response object with its `$ref` followed.
    pub fn response(&self, node: &'a Node<'a>) -> &'a Node<'a> {
        match node.get("$ref").and_then(Node::as_str) {
            Some(r) => self.shared_response(r).map_or(node, |(n, _)| n),
            None => node,
        }
    }

    /// A schema with `$ref`s followed (at most a few hops, loops are reported elsewhere).
    pub fn schema(&self, mut node: &'a Node<'a>) -> &'a Node<'a> {
        for _ in 0..8 {
            let target = node
                .get("$ref")
                .and_then(Node::as_str)
                .and_then(|r| local_name(r, "definitions"))
                .and_then(|name| self.definitions.get(&*name));
            match target {
                Some(target) => node = target,
                None => break,
            }
        }
        node
    }
}

/// The name in `#/<section>/<name>`, unescaped; `None` for other shapes.
///
/// A `$ref` is a URI fragment, so percent-escapes (`%20`) are decoded before the pointer.
/// References are followed for every schema of a document and almost none have escapes, so
/// those are answered with a slice of the reference.
pub(crate) fn local_name<'r>(reference: &'r str, section: &str) -> Option<Cow<'r, str>> {
    let fragment = reference.strip_prefix('#')?;
    if !fragment.contains(['%', '~']) {
        let name = fragment
            .strip_prefix('/')?
            .strip_prefix(section)?
            .strip_prefix('/')?;
        return (!name.contains('/')).then_some(Cow::Borrowed(name));
    }
    let fragment = percent_decode(fragment);
    let tokens = pointer_tokens(&fragment)?;
    match tokens.as_slice() {
        [s, name] if s == section => Some(Cow::Owned(name.clone())),
        _ => None,
    }
}

/// Decodes `%XX` escapes; invalid escapes and non-UTF-8 results leave the text as it was.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Runs every swagger rule.
pub(crate) fn check(swagger: &Swagger<'_>, doc: &Document, raw_len: usize, sink: &mut Sink) {
    if !swagger.root.is_object() {
        sink.emit(
            crate::codes::JSON_TYPE,
            swagger.root.pos,
            "",
            format!(
                "the document is a JSON {}, not an object",
                swagger.root.kind()
            ),
            "an apiDefinition.swagger.json file holds one Swagger 2.0 object",
        );
        return;
    }
    structure::check(swagger, sink);
    security::check(swagger, sink);
    paths::check(swagger, sink);
    operations::check(swagger, sink);
    parameters::check(swagger, sink);
    schemas::check(swagger, sink);
    extensions::check(swagger, sink);
    limits::check(swagger, doc, raw_len, sink);
}
