//! Schema rules: references, keywords and their values, `required` lists, file and binary
//! placement, and required-property loops.
//!
//! Every schema is visited once where it is written (definitions, body parameters,
//! responses, notification content); references are checked, not expanded. Whether a
//! definition is an input or an output is decided by following references from body
//! parameters and responses beforehand, so input-only rules (read-only required properties,
//! notification URLs) apply to shared definitions too.

use std::collections::{HashMap, HashSet};

use super::keys;
use super::operations::check_visibility;
use super::Swagger;
use crate::codes;
use crate::json::{Kind, Node, Value};
use crate::report::Sink;
use crate::text::{child, index};

/// How many references deep expansions follow; deeper chains count as one schema, which
/// keeps recursion bounded on adversarial documents without changing any realistic count.
pub(crate) const MAX_EXPANSION_DEPTH: usize = 64;
/// Formats the platform recognises (schema `format` enum).
const FORMATS: &[&str] = &[
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "password",
    "date-no-tz",
    "email",
    "html",
    "uri",
    "uuid",
];
/// Swagger/JSON Schema type names.
const TYPES: &[&str] = &[
    "string", "number", "integer", "boolean", "array", "object", "file", "null",
];

/// Where a schema sits, which decides the placement rules.
#[derive(Clone, Copy)]
struct Place {
    /// `Some(true)` in a request body, `Some(false)` in a response, `None` in a definition
    /// used by neither (or by both).
    input: Option<bool>,
    /// At the root of a body parameter or response.
    root: bool,
    /// At the root of a response (the only schema place where `type: file` is allowed).
    response_root: bool,
}

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    let roots = roots(swagger);
    let (inputs, outputs) = usage(swagger, &roots);
    if let Some(definitions) = swagger.root.get("definitions") {
        for m in definitions.members() {
            let at = child("/definitions", &m.key);
            if m.value.get("$ref").is_some() {
                sink.emit(
                    codes::SCHEMA_REF_LOOP,
                    m.value.pos,
                    &at,
                    format!(
                        "the definition '{}' is only a '$ref' to another definition",
                        m.key
                    ),
                    "reference the target definition directly where this one is used",
                );
            }
            let used_in = inputs.contains(&*m.key);
            let used_out = outputs.contains(&*m.key);
            let input = match (used_in, used_out) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            };
            walk(
                swagger,
                &m.value,
                &at,
                Place {
                    input,
                    root: false,
                    response_root: false,
                },
                sink,
            );
        }
    }
    for (root, at, place) in &roots {
        walk(swagger, root, at, *place, sink);
    }
    check_required_loops(swagger, sink);
}

/// The inline schema roots: body parameters, responses and notification content.
fn roots<'a>(swagger: &Swagger<'a>) -> Vec<(&'a Node<'a>, String, Place)> {
    let body = Place {
        input: Some(true),
        root: true,
        response_root: false,
    };
    let response = Place {
        input: Some(false),
        root: true,
        response_root: true,
    };
    let mut out = Vec::new();
    let parameter_list = |list: Option<&'a Node<'a>>, at: &str, out: &mut Vec<_>| {
        for (i, p) in list.map(Node::items).unwrap_or_default().iter().enumerate() {
            if p.get("in").and_then(Node::as_str) == Some("body") {
                if let Some(schema) = p.get("schema") {
                    out.push((schema, child(&index(at, i), "schema"), body));
                }
            }
        }
    };
    if let Some(shared) = swagger.root.get("parameters") {
        for m in shared.members() {
            if m.value.get("in").and_then(Node::as_str) == Some("body") {
                if let Some(schema) = m.value.get("schema") {
                    out.push((schema, child(&child("/parameters", &m.key), "schema"), body));
                }
            }
        }
    }
    if let Some(shared) = swagger.root.get("responses") {
        for m in shared.members() {
            if let Some(schema) = m.value.get("schema") {
                out.push((
                    schema,
                    child(&child("/responses", &m.key), "schema"),
                    response,
                ));
            }
        }
    }
    if let Some(paths) = swagger.root.get("paths") {
        for m in paths.members() {
            let item_at = child("/paths", &m.key);
            parameter_list(
                m.value.get("parameters"),
                &child(&item_at, "parameters"),
                &mut out,
            );
            if let Some(schema) = m
                .value
                .get("x-ms-notification-content")
                .and_then(|c| c.get("schema"))
            {
                out.push((
                    schema,
                    child(&child(&item_at, "x-ms-notification-content"), "schema"),
                    response,
                ));
            }
        }
    }
    for op in &swagger.operations {
        parameter_list(
            op.node.get("parameters"),
            &child(&op.pointer, "parameters"),
            &mut out,
        );
        if let Some(responses) = op.node.get("responses") {
            for m in responses.members() {
                if let Some(schema) = m.value.get("schema") {
                    out.push((
                        schema,
                        child(&child(&child(&op.pointer, "responses"), &m.key), "schema"),
                        response,
                    ));
                }
            }
        }
    }
    out
}

/// Definitions reachable from request bodies, and from responses (`roots`).
fn usage<'a>(
    swagger: &Swagger<'a>,
    roots: &[(&'a Node<'a>, String, Place)],
) -> (HashSet<&'a str>, HashSet<&'a str>) {
    let mut inputs = HashSet::new();
    let mut outputs = HashSet::new();
    for &(root, _, place) in roots {
        let set = if place.input == Some(true) {
            &mut inputs
        } else {
            &mut outputs
        };
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            if let Some(name) = node
                .get("$ref")
                .and_then(Node::as_str)
                .and_then(|r| super::local_name(r, "definitions"))
            {
                if let Some((key, target)) = swagger.definitions.get_key_value(&*name) {
                    if set.insert(*key) {
                        stack.push(target);
                    }
                }
            }
            subschemas(node, |_, sub| stack.push(sub));
        }
    }
    (inputs, outputs)
}

/// A step from a schema to one of its direct subschemas.
#[derive(Clone, Copy)]
enum Step<'n> {
    /// `properties/<name>`.
    Property(&'n str),
    /// `items` holding one schema.
    Items,
    /// `items/<i>` (an array of schemas).
    Item(usize),
    /// `additionalProperties` holding a schema.
    AdditionalProperties,
    /// `allOf/<i>`.
    AllOf(usize),
}

impl Step<'_> {
    /// The pointer `at` extended by this step.
    fn pointer(self, at: &str) -> String {
        match self {
            Step::Property(name) => child(&child(at, "properties"), name),
            Step::Items => child(at, "items"),
            Step::Item(i) => index(&child(at, "items"), i),
            Step::AdditionalProperties => child(at, "additionalProperties"),
            Step::AllOf(i) => index(&child(at, "allOf"), i),
        }
    }
}

/// Calls `f` with each direct subschema of a schema, keyword by keyword (properties, items,
/// additionalProperties, allOf), and the step that leads to it. A
/// callback rather than a list: the walks visit every schema of the document, and most
/// schemas have none or one.
fn subschemas<'n, 'a>(node: &'n Node<'a>, mut f: impl FnMut(Step<'n>, &'n Node<'a>)) {
    // One pass over the members; a repeated keyword counts once, its last value (as
    // `Node::get` has it).
    let (mut properties, mut items, mut extra, mut all) = (None, None, None, None);
    for m in node.members() {
        match &*m.key {
            "properties" => properties = Some(&m.value),
            "items" => items = Some(&m.value),
            "additionalProperties" => extra = Some(&m.value),
            "allOf" => all = Some(&m.value),
            _ => {}
        }
    }
    for m in properties.map(Node::members).unwrap_or_default() {
        f(Step::Property(&m.key), &m.value);
    }
    if let Some(items) = items {
        match &items.value {
            Value::Object(_) => f(Step::Items, items),
            Value::Array(list) => {
                for (i, item) in list.iter().enumerate() {
                    f(Step::Item(i), item);
                }
            }
            _ => {}
        }
    }
    if let Some(extra) = extra.filter(|n| n.is_object()) {
        f(Step::AdditionalProperties, extra);
    }
    for (i, part) in all.map(Node::items).unwrap_or_default().iter().enumerate() {
        f(Step::AllOf(i), part);
    }
}

fn walk(swagger: &Swagger<'_>, node: &Node<'_>, at: &str, place: Place, sink: &mut Sink) {
    if !keys::expect(node, at, Kind::Object, sink) {
        return;
    }
    check_schema(swagger, node, at, place, sink);
    let sub_place = Place {
        input: place.input,
        root: false,
        response_root: false,
    };
    subschemas(node, |step, sub| {
        walk(swagger, sub, &step.pointer(at), sub_place, sink);
    });
}

fn check_schema(swagger: &Swagger<'_>, node: &Node, at: &str, place: Place, sink: &mut Sink) {
    for m in node.members() {
        let key = &*m.key;
        if key.starts_with("x-ms-") {
            if !keys::SCHEMA_EXT.contains(&key) && !keys::tolerated(key) {
                keys::misplaced_extension(key, m.key_pos, &child(at, key), "a schema", sink);
            }
        } else if key.starts_with("x-") || keys::SCHEMA.contains(&key) {
            // A Swagger keyword or a vendor extension: nothing to report.
        } else if keys::UNSUPPORTED_KEYWORDS.contains(&key) {
            sink.emit(
                codes::KEYWORD_NOT_SUPPORTED,
                m.key_pos,
                &child(at, key),
                format!("the '{key}' keyword is not supported in Swagger 2.0 schemas"),
                "express it with Swagger 2.0 keywords (e.g. one schema instead of oneOf), or remove it",
            );
        } else {
            sink.emit(
                codes::EXTENSION_NAME,
                m.key_pos,
                &child(at, key),
                format!("the schema property '{key}' is not a keyword; an extension's name must begin with 'x-'"),
                "rename it with an 'x-' prefix, move it into 'properties', or remove it",
            );
        }
    }
    if let Some(reference) = node.get("$ref") {
        check_ref(swagger, reference, &child(at, "$ref"), sink);
        let siblings: Vec<&str> = node
            .members()
            .iter()
            .map(|m| &*m.key)
            .filter(|k| *k != "$ref")
            .collect();
        if !siblings.is_empty() {
            sink.emit(
                codes::REF_SIBLINGS,
                node.pos,
                at,
                format!("{} next to '$ref' {} ignored", crate::text::list(&siblings), if siblings.len() == 1 { "is" } else { "are" }),
                "when '$ref' is defined no other properties may be given; put them on the referenced definition",
            );
        }
        return;
    }
    check_keywords(node, at, sink);
    let type_name = node.get("type").and_then(Node::as_str);
    let format = node.get("format").and_then(Node::as_str);
    if type_name == Some("file") && !place.response_root {
        sink.emit(
            codes::TYPE_FILE,
            node.get("type").map_or(node.pos, |t| t.pos),
            &child(at, "type"),
            "a schema has type 'file' outside a response root",
            "use type 'string' with format 'binary' in bodies; 'file' is for formData parameters",
        );
    }
    if type_name == Some("string") && format == Some("binary") && !place.root {
        sink.emit(
            codes::STRING_BINARY_NESTED,
            node.get("format").map_or(node.pos, |t| t.pos),
            &child(at, "format"),
            "a nested schema is string/binary, which is only valid at the top of a body or formData parameter",
            "use format 'byte' (base64) for file content inside JSON",
        );
    }
    check_required(swagger, node, at, place, sink);
    if let Some(discriminator) = node.get("discriminator") {
        let name = discriminator.as_str().unwrap_or_default();
        let required = node
            .get("required")
            .is_some_and(|r| r.items().iter().any(|i| i.as_str() == Some(name)));
        let string = node
            .get("properties")
            .and_then(|p| p.get(name))
            .map(|p| swagger.schema(p))
            .and_then(|p| p.get("type"))
            .and_then(Node::as_str)
            == Some("string");
        if !(required && string) {
            sink.emit(
                codes::DISCRIMINATOR,
                discriminator.pos,
                &child(at, "discriminator"),
                format!(
                    "the discriminator {} is not a required string property",
                    discriminator.compact()
                ),
                "name a property of type string that is listed in 'required'",
            );
        }
    }
    if let Some(editor) = node.get("x-ms-editor") {
        let open = node.get("additionalProperties").and_then(Node::as_bool) != Some(false);
        if editor.as_str() == Some("dictionary") && !(type_name == Some("object") && open) {
            sink.emit(
                codes::EDITOR_DICTIONARY,
                editor.pos,
                &child(at, "x-ms-editor"),
                "x-ms-editor is 'dictionary' on a schema that is not an object allowing additional properties",
                "use it on {\"type\": \"object\", \"additionalProperties\": {...}} only",
            );
        }
    }
    if let Some(flag) = node.get("x-ms-notification-url") {
        if place.input == Some(false) {
            sink.emit(
                codes::NOTIFICATION_URL_POSITION,
                flag.pos,
                &child(at, "x-ms-notification-url"),
                "x-ms-notification-url is in a response schema",
                "mark the callback URL property of the webhook registration's request body instead",
            );
        }
    }
}

/// Checks a schema `$ref`.
fn check_ref(swagger: &Swagger<'_>, reference: &Node, at: &str, sink: &mut Sink) {
    let Some(text) = reference.as_str() else {
        keys::expect(reference, at, Kind::String, sink);
        return;
    };
    if !text.starts_with("#/definitions/") {
        sink.emit(
            codes::SCHEMA_REF_INVALID,
            reference.pos,
            at,
            format!("the schema reference '{text}' does not start with '#/definitions/'"),
            "point to a definition of this document; external files are not supported",
        );
    } else if crate::text::pointer_tokens(&text[1..]).is_none() {
        sink.emit(
            codes::JSON_POINTER_INVALID,
            reference.pos,
            at,
            format!("the reference '{text}' is not a valid JSON pointer"),
            "escape '~' as '~0' and '/' as '~1' in names",
        );
    } else if swagger.definition(text).is_none() {
        sink.emit(
            codes::SCHEMA_REF_NOT_FOUND,
            reference.pos,
            at,
            format!("the schema reference '{text}' names no entry of 'definitions'"),
            "add the definition or correct the name",
        );
    }
}

fn check_required(swagger: &Swagger<'_>, node: &Node, at: &str, place: Place, sink: &mut Sink) {
    let properties = node.get("properties");
    let required: Vec<&str> = match node.get("required") {
        None => Vec::new(),
        Some(list) => {
            let rat = child(at, "required");
            if !keys::expect(list, &rat, Kind::Array, sink) {
                return;
            }
            if list.items().is_empty() {
                sink.emit(
                    codes::REQUIRED_EMPTY,
                    list.pos,
                    &rat,
                    "the 'required' array is empty",
                    "remove 'required' when no property is required",
                );
            }
            let type_name = node.get("type").and_then(Node::as_str);
            if type_name.is_some_and(|t| t != "object") {
                sink.emit(
                    codes::REQUIRED_NOT_ON_OBJECT,
                    list.pos,
                    &rat,
                    format!(
                        "'required' is on a schema of type '{}'",
                        type_name.unwrap_or_default()
                    ),
                    "remove it; 'required' lists properties of object schemas",
                );
            }
            super::structure::duplicates(list, &rat, sink);
            let names: Vec<&str> = list.items().iter().filter_map(Node::as_str).collect();
            if properties.is_some() && node.get("allOf").is_none() {
                for (i, name) in list.items().iter().enumerate() {
                    let Some(text) = name.as_str() else { continue };
                    if properties.and_then(|p| p.get(text)).is_none() {
                        sink.emit(
                            codes::REQUIRED_NOT_DEFINED,
                            name.pos,
                            &index(&rat, i),
                            format!(
                                "the required property '{text}' is not defined in 'properties'"
                            ),
                            "define the property or remove it from 'required'",
                        );
                    }
                }
            }
            names
        }
    };
    let Some(properties) = properties else { return };
    for m in properties.members() {
        let property = swagger.schema(&m.value);
        let is_required = required.contains(&&*m.key);
        let pat = || child(&child(at, "properties"), &m.key);
        if is_required
            && place.input == Some(true)
            && property.get("readOnly").and_then(Node::as_bool) == Some(true)
        {
            sink.emit(
                codes::REQUIRED_READONLY_INPUT,
                m.key_pos,
                &pat(),
                format!(
                    "the input property '{}' is both required and read-only",
                    m.key
                ),
                "drop readOnly for request bodies, or make the property optional",
            );
        }
        let internal = m.value.get("x-ms-visibility").and_then(Node::as_str) == Some("internal");
        if internal && m.value.get("default").is_some() && !is_required {
            sink.emit(
                codes::INTERNAL_PROPERTY_NOT_REQUIRED,
                m.key_pos,
                &pat(),
                format!("the internal property '{}' has a default but is not required, so it is never sent", m.key),
                "list it in the parent's 'required' array",
            );
        }
    }
}

/// Keyword-level rules shared by schemas and non-body parameters (and their `items`).
pub(crate) fn check_keywords(node: &Node, at: &str, sink: &mut Sink) {
    let type_name = check_type(node, at, sink);
    if type_name == Some("array") && node.get("items").is_none() {
        sink.emit(
            codes::ARRAY_NO_ITEMS,
            node.get("type").map_or(node.pos, |t| t.pos),
            at,
            "an array type has no 'items'",
            "add 'items' with the element schema so the designer can show the fields",
        );
    }
    if let Some(list) = keys::typed(node, "enum", at, Kind::Array, sink) {
        let eat = child(at, "enum");
        if list.items().is_empty() {
            sink.emit(
                codes::ENUM_EMPTY,
                list.pos,
                &eat,
                "the 'enum' array is empty",
                "list the allowed values, or remove 'enum'",
            );
        }
        super::structure::duplicates(list, &eat, sink);
        if let Some(t) = type_name {
            for (i, value) in list.items().iter().enumerate() {
                if !matches_type(value, t) {
                    sink.emit(
                        codes::ENUM_VALUE_TYPE,
                        value.pos,
                        &index(&eat, i),
                        format!(
                            "the enum value {} is a {}, but the type is '{t}'",
                            value.compact(),
                            value.kind()
                        ),
                        format!("write the value as a {t}"),
                    );
                }
            }
        }
    }
    if let (Some(default), Some(t)) = (node.get("default"), type_name) {
        if !matches_type(default, t) {
            sink.emit(
                codes::DEFAULT_TYPE,
                default.pos,
                &child(at, "default"),
                format!(
                    "the default {} is a {}, but the type is '{t}'",
                    default.compact(),
                    default.kind()
                ),
                format!("write the default as a {t}"),
            );
        }
    }
    if let Some(format) = keys::typed(node, "format", at, Kind::String, sink) {
        let text = format.as_str().unwrap_or_default();
        if !FORMATS.contains(&text) {
            sink.emit(
                codes::UNRECOGNIZED_FORMAT,
                format.pos,
                &child(at, "format"),
                format!("the format '{text}' is not recognised"),
                format!("use one of {} or remove 'format'", FORMATS.join(", ")),
            );
        }
    }
    if has_bounds(node) {
        check_bounds(node, at, sink);
    }
    if let Some(pattern) = keys::typed(node, "pattern", at, Kind::String, sink) {
        if let Err(reason) = check_pattern(pattern.as_str().unwrap_or_default()) {
            sink.emit(
                codes::PATTERN_INVALID,
                pattern.pos,
                &child(at, "pattern"),
                format!("the pattern is not a valid regular expression: {reason}"),
                "fix the expression (remember JSON doubles backslashes)",
            );
        }
    }
    if let Some(values) = keys::typed(node, "x-ms-enum-values", at, Kind::Array, sink) {
        check_enum_values(node, values, &child(at, "x-ms-enum-values"), sink);
    }
    if let Some(visibility) = node.get("x-ms-visibility") {
        check_visibility(visibility, &child(at, "x-ms-visibility"), sink);
    }
}

/// Whether a schema has a keyword [`check_bounds`] looks at. Most schemas have none, and one
/// pass over the members is much cheaper than looking up each of those eleven keywords.
fn has_bounds(node: &Node) -> bool {
    node.members().iter().any(|m| {
        m.key.starts_with("max")
            || m.key.starts_with("min")
            || m.key.starts_with("exclusiveM")
            || m.key == "multipleOf"
    })
}

/// Bounds: exclusive flags with their bound, no negative lengths or counts, minimums not
/// above maximums, a positive `multipleOf`.
fn check_bounds(node: &Node, at: &str, sink: &mut Sink) {
    for (flag, bound, code) in [
        ("exclusiveMaximum", "maximum", codes::EXCLUSIVE_MAXIMUM),
        ("exclusiveMinimum", "minimum", codes::EXCLUSIVE_MINIMUM),
    ] {
        if let Some(value) = keys::typed(node, flag, at, Kind::Boolean, sink) {
            if node.get(bound).is_none() {
                sink.emit(
                    code,
                    value.pos,
                    &child(at, flag),
                    format!("'{flag}' is given without '{bound}'"),
                    format!("add '{bound}' or remove '{flag}'"),
                );
            }
        }
    }
    let number = |key: &str, sink: &mut Sink| {
        keys::typed(node, key, at, Kind::Number, sink).and_then(Node::as_f64)
    };
    for key in [
        "maxLength",
        "minLength",
        "maxItems",
        "minItems",
        "maxProperties",
        "minProperties",
    ] {
        if let Some(value) = number(key, sink).filter(|v| *v < 0.0) {
            sink.emit(
                codes::NEGATIVE_BOUND,
                node.get(key).map_or(node.pos, |n| n.pos),
                &child(at, key),
                format!("'{key}' is {value}, which is negative"),
                format!("'{key}' must be zero or more"),
            );
        }
    }
    for (low, high) in [
        ("minimum", "maximum"),
        ("minLength", "maxLength"),
        ("minItems", "maxItems"),
        ("minProperties", "maxProperties"),
    ] {
        if let (Some(a), Some(b)) = (
            node.get(low).and_then(Node::as_f64),
            node.get(high).and_then(Node::as_f64),
        ) {
            if a > b {
                sink.emit(
                    codes::MIN_ABOVE_MAX,
                    node.get(low).map_or(node.pos, |n| n.pos),
                    &child(at, low),
                    format!("'{low}' ({a}) is greater than '{high}' ({b})"),
                    "swap or correct the bounds; no value can satisfy them",
                );
            }
        }
    }
    if let Some(value) = number("multipleOf", sink).filter(|v| *v <= 0.0) {
        sink.emit(
            codes::MULTIPLE_OF,
            node.get("multipleOf").map_or(node.pos, |n| n.pos),
            &child(at, "multipleOf"),
            format!("'multipleOf' is {value}; it must be greater than zero"),
            "use a positive number or remove 'multipleOf'",
        );
    }
}

/// Checks `type`; returns it when it is a single known name.
fn check_type<'n>(node: &'n Node<'n>, at: &str, sink: &mut Sink) -> Option<&'n str> {
    let value = node.get("type")?;
    let names: &[Node] = match &value.value {
        Value::String(_) => std::slice::from_ref(value),
        Value::Array(items) => items,
        _ => {
            keys::expect(value, &child(at, "type"), Kind::String, sink);
            return None;
        }
    };
    for name in names {
        if !name.as_str().is_some_and(|n| TYPES.contains(&n)) {
            sink.emit(
                codes::VALUE_NOT_IN_ENUM,
                name.pos,
                &child(at, "type"),
                format!(
                    "the type {} is not one of {}",
                    name.compact(),
                    TYPES.join(", ")
                ),
                "use a Swagger 2.0 type name in lower case",
            );
            return None;
        }
    }
    value.as_str()
}

/// Whether a literal fits a declared type (`null` fits everything; the designer sends none).
fn matches_type(value: &Node, type_name: &str) -> bool {
    match (type_name, value.kind()) {
        (_, Kind::Null) | ("file", _) => true,
        ("integer", Kind::Integer) => true,
        ("integer", Kind::Number) => value.as_f64().is_some_and(|v| v.fract() == 0.0),
        ("number", Kind::Integer | Kind::Number) => true,
        ("string", Kind::String)
        | ("boolean", Kind::Boolean)
        | ("array", Kind::Array)
        | ("object", Kind::Object) => true,
        _ => false,
    }
}

fn check_enum_values(node: &Node, values: &Node, at: &str, sink: &mut Sink) {
    let allowed: Option<Vec<String>> = node
        .get("enum")
        .map(|e| e.items().iter().map(Node::compact).collect());
    let mut seen: Vec<String> = Vec::new();
    for (i, entry) in values.items().iter().enumerate() {
        let eat = index(at, i);
        if !keys::expect(entry, &eat, Kind::Object, sink) {
            continue;
        }
        if entry.get("displayName").is_none() {
            sink.emit(
                codes::ENUM_VALUES_DISPLAY_NAME,
                entry.pos,
                &eat,
                "an x-ms-enum-values entry has no 'displayName'",
                "add the text makers should see for this value",
            );
        }
        let Some(value) = keys::required(entry, "value", &eat, "an x-ms-enum-values entry", sink)
        else {
            continue;
        };
        let text = value.compact();
        if seen.contains(&text) {
            sink.emit(
                codes::ENUM_VALUES_DUPLICATE,
                value.pos,
                &child(&eat, "value"),
                format!("the value {text} is mapped more than once"),
                "map each value to one display name",
            );
        }
        if allowed.as_ref().is_some_and(|a| !a.contains(&text)) {
            sink.emit(
                codes::ENUM_VALUES_NOT_IN_ENUM,
                value.pos,
                &child(&eat, "value"),
                format!("the value {text} is not in the schema's 'enum'"),
                "add it to 'enum' or correct it",
            );
        }
        seen.push(text);
    }
}

/// A light syntax check of a regular expression: balanced groups and classes, no dangling
/// escape, no quantifier with nothing to repeat. (.NET syntax; lookarounds are fine.)
fn check_pattern(pattern: &str) -> Result<(), &'static str> {
    let mut depth = 0usize;
    let mut in_class = false;
    let mut previous_atom = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if chars.next().is_none() {
                    return Err("it ends with a lone backslash");
                }
                previous_atom = true;
                continue;
            }
            _ if in_class => {
                if c == ']' {
                    in_class = false;
                    previous_atom = true;
                }
                continue;
            }
            '[' => in_class = true,
            '(' => {
                depth += 1;
                previous_atom = false;
                if chars.peek() == Some(&'?') {
                    chars.next();
                }
                continue;
            }
            ')' => {
                if depth == 0 {
                    return Err("a ')' closes no group");
                }
                depth -= 1;
            }
            '*' | '+' | '?' if !previous_atom => return Err("a quantifier has nothing to repeat"),
            '|' | '^' => {
                previous_atom = false;
                continue;
            }
            _ => {}
        }
        previous_atom = true;
    }
    if in_class {
        return Err("a '[' is never closed");
    }
    if depth > 0 {
        return Err("a '(' is never closed");
    }
    Ok(())
}

/// Reports loops of required properties through definitions (A requires a B which requires
/// an A…): no finite value satisfies them. One depth-first search over the definitions, so
/// each loop is found once, at the definition where the search first re-enters it.
fn check_required_loops(swagger: &Swagger<'_>, sink: &mut Sink) {
    let Some(definitions) = swagger.root.get("definitions") else {
        return;
    };
    let names: Vec<&str> = definitions.members().iter().map(|m| &*m.key).collect();
    let position: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> = definitions
        .members()
        .iter()
        .map(|m| {
            let required: Vec<&str> = m
                .value
                .get("required")
                .map(|r| r.items().iter().filter_map(Node::as_str).collect())
                .unwrap_or_default();
            required
                .iter()
                .filter_map(|p| {
                    let target = m.value.get("properties")?.get(p)?.get("$ref")?.as_str()?;
                    position
                        .get(&*super::local_name(target, "definitions")?)
                        .copied()
                })
                .collect()
        })
        .collect();
    // 0 = not visited, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; names.len()];
    for start in 0..names.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&(node, next)) = path.last() {
            let Some(&target) = edges[node].get(next) else {
                state[node] = 2;
                path.pop();
                continue;
            };
            if let Some(top) = path.last_mut() {
                top.1 += 1;
            }
            match state[target] {
                0 => {
                    state[target] = 1;
                    path.push((target, 0));
                }
                1 => {
                    let from = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let cycle: Vec<&str> = path[from..]
                        .iter()
                        .map(|(n, _)| names[*n])
                        .chain([names[target]])
                        .collect();
                    let member = &definitions.members()[target];
                    sink.emit(
                        codes::REQUIRED_LOOP,
                        member.value.pos,
                        &child("/definitions", names[target]),
                        format!(
                            "required properties loop through the definitions {}",
                            cycle.join(" -> ")
                        ),
                        "make one property in the loop optional; no finite value can satisfy a required loop",
                    );
                }
                _ => {}
            }
        }
    }
}

/// Counts the schemas under `node`: every schema object written there, plus each referenced
/// definition expanded once (a definition used ten times counts its own schemas once, so the
/// count never exceeds what the document spells out), stopping past `limit`.
pub(crate) fn count(swagger: &Swagger<'_>, node: &Node, limit: usize) -> usize {
    fn go<'a>(
        swagger: &Swagger<'a>,
        node: &'a Node<'a>,
        seen: &mut HashSet<&'a str>,
        depth: usize,
        n: &mut usize,
        limit: usize,
    ) {
        if *n > limit || !node.is_object() {
            return;
        }
        *n += 1;
        if let Some(name) = node
            .get("$ref")
            .and_then(Node::as_str)
            .and_then(|r| super::local_name(r, "definitions"))
        {
            if depth >= MAX_EXPANSION_DEPTH {
                return;
            }
            if let Some((key, target)) = swagger.definitions.get_key_value(&*name) {
                if seen.insert(key) {
                    go(swagger, target, seen, depth + 1, n, limit);
                }
            }
            return;
        }
        subschemas(node, |_, sub| go(swagger, sub, seen, depth + 1, n, limit));
    }
    let mut n = 0;
    go(swagger, node, &mut HashSet::new(), 0, &mut n, limit);
    n
}

/// Every schema object written in the document (references not expanded).
pub(crate) fn written_count(swagger: &Swagger<'_>) -> usize {
    let mut n = 0;
    let mut stack: Vec<&Node> = roots(swagger)
        .into_iter()
        .map(|(node, _, _)| node)
        .collect();
    stack.extend(swagger.definitions.values().copied());
    while let Some(node) = stack.pop() {
        if node.is_object() {
            n += 1;
            subschemas(node, |_, sub| stack.push(sub));
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::{check_pattern, has_bounds};
    use crate::json::parse;

    #[test]
    fn every_bound_keyword_is_noticed() {
        for key in [
            "exclusiveMaximum",
            "exclusiveMinimum",
            "maximum",
            "minimum",
            "maxLength",
            "minLength",
            "maxItems",
            "minItems",
            "maxProperties",
            "minProperties",
            "multipleOf",
        ] {
            let text = format!(r#"{{"type": "string", "{key}": 1}}"#);
            assert!(has_bounds(&parse(&text).unwrap().root), "{key}");
        }
        let plain = r#"{"type": "string", "format": "date", "example": "x", "x-ms-summary": "s"}"#;
        assert!(!has_bounds(&parse(plain).unwrap().root));
    }

    #[test]
    fn pattern_check_accepts_common_expressions() {
        assert!(check_pattern(r"^[a-z]+(\.[a-z]+)*$").is_ok());
        assert!(check_pattern(r"^(?=.*\d).{8,}$").is_ok());
        assert!(check_pattern(r"^[a-z").is_err());
        assert!(check_pattern(r"(ab").is_err());
        assert!(check_pattern(r"*a").is_err());
        assert!(check_pattern("a\\").is_err());
    }
}
