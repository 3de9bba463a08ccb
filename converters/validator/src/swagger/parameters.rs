//! Parameter rules: references, shapes per location, path-template agreement, body and
//! formData exclusivity, encodings and internal defaults.

use super::keys;
use super::operations::check_visibility;
use super::paths::path_variables;
use super::structure::SUPPORTED_MIME_TYPES;
use super::{schemas, Operation, Param, Swagger};
use crate::codes;
use crate::json::{Kind, Node};
use crate::report::Sink;
use crate::text::{child, index};

/// Keywords of non-body parameters that a body parameter must move into its schema.
const NON_BODY_ONLY: &[&str] = &[
    "type",
    "format",
    "items",
    "collectionFormat",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "allowEmptyValue",
];

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    for (name, node) in sorted(&swagger.shared_parameters) {
        let at = child("/parameters", name);
        if node.get("$ref").is_some() {
            sink.emit(
                codes::PARAMETER_REF_LOOP,
                node.pos,
                &at,
                format!("the shared parameter '{name}' is itself a '$ref'"),
                "define the parameter here instead of pointing to another one",
            );
        } else if keys::expect(node, &at, Kind::Object, sink) {
            check_object(node, &at, sink);
        }
    }
    if let Some(paths) = swagger.root.get("paths") {
        for m in paths.members() {
            let item_at = child("/paths", &m.key);
            check_list(
                swagger,
                m.value.get("parameters"),
                &child(&item_at, "parameters"),
                sink,
            );
            if let Some(list) = m.value.get("parameters") {
                let resolved = swagger.parameter_list(Some(list), &child(&item_at, "parameters"));
                check_unique(&resolved, sink);
                check_body_count(&resolved, &format!("path '{}'", m.key), sink);
            }
        }
    }
    for op in &swagger.operations {
        let at = child(&op.pointer, "parameters");
        let own = op.node.get("parameters");
        check_list(swagger, own, &at, sink);
        if own.is_some() {
            check_unique(&swagger.parameter_list(own, &at), sink);
        }
        check_operation(swagger, op, sink);
    }
}

/// Shared maps iterate in hash order; findings must not, so sort by name.
fn sorted<'a>(
    map: &std::collections::HashMap<&'a str, &'a Node<'a>>,
) -> Vec<(&'a str, &'a Node<'a>)> {
    let mut list: Vec<_> = map.iter().map(|(k, v)| (*k, *v)).collect();
    list.sort_by_key(|(_, node)| node.pos);
    list
}

fn check_list(swagger: &Swagger<'_>, list: Option<&Node>, at: &str, sink: &mut Sink) {
    let Some(list) = list else { return };
    if !keys::expect(list, at, Kind::Array, sink) {
        return;
    }
    for (i, node) in list.items().iter().enumerate() {
        let pat = index(at, i);
        if !keys::expect(node, &pat, Kind::Object, sink) {
            continue;
        }
        match node.get("$ref") {
            Some(reference) => check_ref(swagger, reference, &child(&pat, "$ref"), sink),
            None => check_object(node, &pat, sink),
        }
    }
}

fn check_ref(swagger: &Swagger<'_>, reference: &Node, at: &str, sink: &mut Sink) {
    let Some(text) = reference.as_str() else {
        keys::expect(reference, at, Kind::String, sink);
        return;
    };
    if !text.starts_with("#/parameters/") {
        sink.emit(
            codes::PARAMETER_REF_INVALID,
            reference.pos,
            at,
            format!("the parameter reference '{text}' does not start with '#/parameters/'"),
            "point to a shared parameter, e.g. \"#/parameters/IdInPath\"",
        );
    } else if crate::text::pointer_tokens(&text[1..]).is_none() {
        sink.emit(
            codes::JSON_POINTER_INVALID,
            reference.pos,
            at,
            format!("the reference '{text}' is not a valid JSON pointer"),
            "escape '~' as '~0' and '/' as '~1' in names",
        );
    } else if swagger.shared_parameter(text).is_none() {
        sink.emit(
            codes::PARAMETER_REF_NOT_FOUND,
            reference.pos,
            at,
            format!("the parameter reference '{text}' names no entry of 'parameters'"),
            "add the shared parameter or correct the name",
        );
    }
}

/// The rules on one parameter object, wherever it is written.
fn check_object(node: &Node, at: &str, sink: &mut Sink) {
    let name = keys::required_string(node, "name", at, "a parameter", sink);
    let location = keys::required_string(node, "in", at, "a parameter", sink);
    keys::typed(node, "description", at, Kind::String, sink);
    if let Some(required) = keys::typed(node, "required", at, Kind::Boolean, sink) {
        if location == Some("path") && required.as_bool() != Some(true) {
            sink.emit(
                codes::PATH_PARAMETER_NOT_REQUIRED,
                required.pos,
                &child(at, "required"),
                format!(
                    "the path parameter '{}' is not marked required",
                    name.unwrap_or_default()
                ),
                "set \"required\": true; path values are always needed",
            );
        }
    } else if location == Some("path") && node.get("required").is_none() {
        sink.emit(
            codes::PATH_PARAMETER_NOT_REQUIRED,
            node.pos,
            at,
            format!(
                "the path parameter '{}' is not marked required",
                name.unwrap_or_default()
            ),
            "add \"required\": true",
        );
    }
    if let Some(n) = name.filter(|n| n.eq_ignore_ascii_case("connectionId")) {
        sink.emit(
            codes::CONNECTION_ID_PARAMETER,
            node.get("name").map_or(node.pos, |v| v.pos),
            &child(at, "name"),
            format!("a parameter cannot be named '{n}'; the platform reserves it"),
            "rename the parameter (the backend name can be kept with a policy)",
        );
    }
    if let Some(visibility) = node.get("x-ms-visibility") {
        check_visibility(visibility, &child(at, "x-ms-visibility"), sink);
    }
    let Some(location) = location else { return };
    match location {
        "body" => check_body(node, at, sink),
        "query" | "header" | "path" | "formData" => check_simple(node, at, location, name.unwrap_or_default(), sink),
        other => sink.emit(
            codes::VALUE_NOT_IN_ENUM,
            node.get("in").map_or(node.pos, |v| v.pos),
            &child(at, "in"),
            format!("the parameter location '{other}' is not one of query, header, path, formData, body"),
            "use one of the Swagger 2.0 locations (cookies are not supported)",
        ),
    }
}

fn check_body(node: &Node, at: &str, sink: &mut Sink) {
    for m in node.members() {
        if NON_BODY_ONLY.contains(&&*m.key) {
            sink.emit(
                codes::BODY_PROPERTY_INVALID,
                m.key_pos,
                &child(at, &m.key),
                format!("the 'body' parameter cannot use '{}'", m.key),
                "move it into the parameter's 'schema'",
            );
        } else if matches!(&*m.key, "x-ms-dynamic-values" | "x-ms-dynamic-list") {
            sink.emit(
                codes::DYNAMIC_ON_BODY_PARAMETER,
                m.key_pos,
                &child(at, &m.key),
                format!("'{}' is defined on the body parameter", m.key),
                "define dynamic extensions inside the body 'schema' instead",
            );
        }
    }
    let others: Vec<&str> = keys::BODY_PARAMETER
        .iter()
        .chain(NON_BODY_ONLY)
        .copied()
        .collect();
    keys::check(
        node,
        at,
        "a body parameter",
        &others,
        keys::BODY_PARAMETER_EXT,
        sink,
    );
    if node.get("schema").is_none() {
        sink.emit(
            codes::BODY_SCHEMA_REQUIRED,
            node.pos,
            at,
            "the 'body' parameter has no 'schema'",
            "add a 'schema' describing the request body",
        );
    }
}

fn check_simple(node: &Node, at: &str, location: &str, name: &str, sink: &mut Sink) {
    let mut allowed = keys::PARAMETER.to_vec();
    allowed.push("schema");
    keys::check(
        node,
        at,
        &format!("a {location} parameter"),
        &allowed,
        &keys::parameter_extensions(location),
        sink,
    );
    if let Some(schema) = node.member("schema") {
        sink.emit(
            codes::NON_BODY_SCHEMA,
            schema.key_pos,
            &child(at, "schema"),
            format!("the {location} parameter '{name}' defines a 'schema', which only body parameters may"),
            "use 'type' (and 'items', 'format', 'enum') directly on the parameter",
        );
    }
    if location == "formData" && !name.is_ascii() {
        sink.emit(
            codes::FORM_DATA_NAME_ASCII,
            node.get("name").map_or(node.pos, |v| v.pos),
            &child(at, "name"),
            format!("the form data parameter name '{name}' has non-ASCII characters"),
            "use only US-ASCII characters in form field names",
        );
    }
    match keys::required_string(node, "type", at, "a non-body parameter", sink) {
        Some("string" | "number" | "integer" | "boolean" | "array") | None => {}
        Some("file") if location == "formData" => {}
        Some("file") => sink.emit(
            codes::FILE_NOT_IN_FORM_DATA,
            node.get("type").map_or(node.pos, |v| v.pos),
            &child(at, "type"),
            format!("the {location} parameter '{name}' has type 'file'"),
            "send files as 'formData' (multipart/form-data) or as a body with format 'binary'",
        ),
        Some(other) => sink.emit(
            codes::VALUE_NOT_IN_ENUM,
            node.get("type").map_or(node.pos, |v| v.pos),
            &child(at, "type"),
            format!("the parameter type '{other}' is not one of string, number, integer, boolean, array"),
            "use a Swagger 2.0 primitive type",
        ),
    }
    schemas::check_keywords(node, at, sink);
    // Array parameters describe their elements with nested `items` objects.
    let mut items = node.get("items").filter(|i| i.is_object());
    let mut items_at = child(at, "items");
    while let Some(item) = items {
        schemas::check_keywords(item, &items_at, sink);
        items = item.get("items").filter(|i| i.is_object());
        items_at = child(&items_at, "items");
    }
    if let Some(value) = node.get("allowEmptyValue") {
        if !matches!(location, "query" | "formData") {
            sink.emit(
                codes::ALLOW_EMPTY_VALUE,
                value.pos,
                &child(at, "allowEmptyValue"),
                format!("'allowEmptyValue' is not valid on a {location} parameter"),
                "remove it; it only applies to query and formData parameters",
            );
        }
    }
    if let Some(format) = node.get("collectionFormat") {
        let multi = matches!(location, "query" | "formData");
        let ok = match format.as_str() {
            Some("csv" | "ssv" | "tsv" | "pipes") => true,
            Some("multi") => multi,
            _ => false,
        };
        if !ok {
            sink.emit(
                codes::COLLECTION_FORMAT,
                format.pos,
                &child(at, "collectionFormat"),
                format!(
                    "the collectionFormat {} is not supported on a {location} parameter",
                    format.compact()
                ),
                if multi {
                    "use csv, ssv, tsv, pipes or multi"
                } else {
                    "use csv, ssv, tsv or pipes"
                },
            );
        }
    }
    match (location, node.get("x-ms-url-encoding")) {
        ("path", None) => sink.emit(
            codes::PATH_PARAMETER_ENCODING,
            node.pos,
            at,
            format!("the path parameter '{name}' has no x-ms-url-encoding, which may produce invalid requests"),
            "add \"x-ms-url-encoding\": \"single\"",
        ),
        ("query", Some(_)) => sink.emit(
            codes::QUERY_PARAMETER_ENCODING,
            node.member("x-ms-url-encoding").map_or(node.pos, |m| m.key_pos),
            &child(at, "x-ms-url-encoding"),
            format!("x-ms-url-encoding is not supported on the query parameter '{name}'"),
            "remove it; query values are always encoded once",
        ),
        (_, Some(value)) if !matches!(value.as_str(), Some("single" | "double")) => sink.emit(
            codes::EXTENSION_VALUE,
            value.pos,
            &child(at, "x-ms-url-encoding"),
            format!("x-ms-url-encoding is {}, not \"single\" or \"double\"", value.compact()),
            "use \"single\"",
        ),
        _ => {}
    }
    let internal = node.get("x-ms-visibility").and_then(Node::as_str) == Some("internal");
    let required = node.get("required").and_then(Node::as_bool) == Some(true);
    let default = node.get("default").is_some();
    if internal && default && !required {
        sink.emit(
            codes::INTERNAL_OPTIONAL_DEFAULT,
            node.pos,
            at,
            format!("the internal parameter '{name}' has a default but is optional, so it is never sent"),
            "add \"required\": true so the default is sent",
        );
    }
    if internal && required && !default {
        sink.emit(
            codes::INTERNAL_REQUIRED_NO_DEFAULT,
            node.pos,
            at,
            format!("the internal parameter '{name}' is required but has no default, so no value can be given"),
            "add a 'default', or make the parameter visible",
        );
    }
}

/// Reports parameters repeated by name and location (header names ignore case).
fn check_unique(list: &[Param<'_>], sink: &mut Sink) {
    fn key<'a>(p: &Param<'a>) -> (String, &'a str) {
        if p.location == "header" {
            (p.name.to_ascii_lowercase(), p.location)
        } else {
            (p.name.to_owned(), p.location)
        }
    }
    let mut seen = Vec::new();
    for p in list {
        let k = key(p);
        if seen.contains(&k) {
            sink.emit(
                codes::DUPLICATE_PARAMETER,
                p.node.pos,
                &p.pointer,
                format!(
                    "the parameter '{}' in '{}' is declared twice",
                    p.name, p.location
                ),
                "keep one declaration per name and location",
            );
        } else {
            seen.push(k);
        }
    }
}

fn check_body_count(list: &[Param<'_>], owner: &str, sink: &mut Sink) {
    for extra in list.iter().filter(|p| p.location == "body").skip(1) {
        sink.emit(
            codes::MULTIPLE_BODY,
            extra.node.pos,
            &extra.pointer,
            format!("the {owner} has more than one 'body' parameter"),
            "merge them into one body schema",
        );
    }
}

fn check_operation(swagger: &Swagger<'_>, op: &Operation<'_>, sink: &mut Sink) {
    let name = op.id.unwrap_or(op.path);
    let params = &op.parameters;
    if op.node.get("parameters").is_some() {
        check_body_count(params, &format!("operation '{name}'"), sink);
    }
    let body = params.iter().find(|p| p.location == "body");
    let form = params.iter().find(|p| p.location == "formData");
    if let (Some(_), Some(form)) = (body, form) {
        sink.emit(
            codes::BODY_AND_FORM_DATA,
            form.node.pos,
            &form.pointer,
            format!("the operation '{name}' has both a 'body' and 'formData' parameters"),
            "use either one body parameter or formData parameters",
        );
    }
    if op.method == "get" {
        for p in params
            .iter()
            .filter(|p| matches!(p.location, "body" | "formData"))
        {
            sink.emit(
                codes::BODY_IN_GET,
                p.node.pos,
                &p.pointer,
                format!(
                    "the GET operation '{name}' has the {} parameter '{}'",
                    p.location, p.name
                ),
                "send the value as a query parameter, or use POST",
            );
        }
    }
    let variables = path_variables(op.path);
    for var in &variables {
        if !params
            .iter()
            .any(|p| p.location == "path" && p.name == *var)
        {
            sink.emit(
                codes::PATH_PARAMETER_MISSING,
                op.node.pos,
                &op.pointer,
                format!("the operation '{name}' does not define the path parameter '{var}' its path needs"),
                format!("add a parameter with \"name\": \"{var}\", \"in\": \"path\", \"required\": true"),
            );
        }
    }
    for p in params.iter().filter(|p| p.location == "path") {
        if !variables.contains(&p.name) {
            sink.emit(
                codes::PATH_PARAMETER_NOT_IN_TEMPLATE,
                p.node.pos,
                &p.pointer,
                format!(
                    "the path parameter '{}' is not in the path template '{}'",
                    p.name, op.path
                ),
                format!(
                    "add '{{{}}}' to the path, or change the parameter's location",
                    p.name
                ),
            );
        }
    }
    if body.is_none() && form.is_none() {
        return;
    }
    let consumes: Vec<&str> = op
        .node
        .get("consumes")
        .or_else(|| swagger.root.get("consumes"))
        .map(|c| c.items().iter().filter_map(Node::as_str).collect())
        .unwrap_or_default();
    let essence = |m: &&str| {
        m.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    if !consumes
        .iter()
        .any(|m| SUPPORTED_MIME_TYPES.contains(&essence(m).as_str()))
    {
        sink.emit(
            codes::CONSUMES_MISSING,
            op.node.pos,
            &op.pointer,
            format!(
                "the operation '{name}' sends a body but 'consumes' lists no supported MIME type"
            ),
            "add \"consumes\": [\"application/json\"] (or the form type it sends)",
        );
    }
    let urlencoded = consumes
        .iter()
        .any(|m| essence(m) == "application/x-www-form-urlencoded");
    let multipart = consumes.iter().any(|m| essence(m) == "multipart/form-data");
    if urlencoded && !multipart {
        for p in params
            .iter()
            .filter(|p| matches!(p.location, "body" | "formData"))
        {
            let schema = if p.location == "body" {
                p.node.get("schema").map(|s| swagger.schema(s))
            } else {
                Some(p.node)
            };
            let Some(schema) = schema else { continue };
            let binary = schema.get("type").and_then(Node::as_str) == Some("file")
                || (schema.get("type").and_then(Node::as_str) == Some("string")
                    && schema.get("format").and_then(Node::as_str) == Some("binary"));
            if binary {
                sink.emit(
                    codes::STRING_BINARY_FORM_URLENCODED,
                    p.node.pos,
                    &p.pointer,
                    format!("the parameter '{}' is binary, which application/x-www-form-urlencoded cannot carry", p.name),
                    "consume multipart/form-data for file uploads",
                );
            }
        }
    }
}
