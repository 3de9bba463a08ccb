//! Which properties the official Swagger schema allows where, and the helpers that check
//! property names and JSON types against those lists.
//!
//! The 2020 schema lags the platform: it rejects extensions that merged, certified connectors
//! use (`x-ms-openai-data`, `x-ms-editor`, AutoRest extensions the platform ignores…). Those
//! are listed in [`TOLERATED`] and never reported; any other `x-ms-*` key outside its place is
//! a warning (it is usually a misspelling such as `x-ms-visibilty`, which silently does nothing).

use crate::codes;
use crate::json::{Kind, Node, Pos};
use crate::report::Sink;
use crate::text::child;

/// Root properties.
pub(crate) const ROOT: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "security",
    "securityDefinitions",
    "tags",
    "externalDocs",
];
/// Root extensions.
pub(crate) const ROOT_EXT: &[&str] = &["x-ms-capabilities", "x-ms-connector-metadata", "x-ms-docs"];
/// `info` properties.
pub(crate) const INFO: &[&str] = &[
    "title",
    "version",
    "description",
    "termsOfService",
    "contact",
    "license",
];
/// `info` extensions.
pub(crate) const INFO_EXT: &[&str] = &["x-ms-deployment-version", "x-ms-api-annotation"];
/// Path item properties.
pub(crate) const PATH_ITEM: &[&str] = &[
    "get",
    "put",
    "post",
    "delete",
    "options",
    "head",
    "patch",
    "parameters",
    "$ref",
];
/// Path item extensions.
pub(crate) const PATH_ITEM_EXT: &[&str] = &["x-ms-notification-content"];
/// Operation properties.
pub(crate) const OPERATION: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "produces",
    "consumes",
    "parameters",
    "responses",
    "schemes",
    "deprecated",
    "security",
];
/// Operation extensions.
pub(crate) const OPERATION_EXT: &[&str] = &[
    "x-ms-api-annotation",
    "x-ms-capabilities",
    "x-ms-no-generic-test",
    "x-ms-operation-context",
    "x-ms-pageable",
    "x-ms-safe-operation",
    "x-ms-summary",
    "x-ms-trigger",
    "x-ms-trigger-hint",
    "x-ms-trigger-metadata",
    "x-ms-notification",
    "x-ms-visibility",
];
/// Body parameter properties.
pub(crate) const BODY_PARAMETER: &[&str] = &["name", "in", "description", "required", "schema"];
/// Body parameter extensions.
pub(crate) const BODY_PARAMETER_EXT: &[&str] = &[
    "x-ms-dynamic-list",
    "x-ms-dynamic-values",
    "x-ms-summary",
    "x-ms-test-value",
    "x-ms-visibility",
];
/// Non-body parameter properties.
pub(crate) const PARAMETER: &[&str] = &[
    "name",
    "in",
    "description",
    "required",
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
/// Non-body parameter extensions (path/query add a few, see [`parameter_extensions`]).
const PARAMETER_EXT: &[&str] = &[
    "x-ms-dynamic-list",
    "x-ms-dynamic-values",
    "x-ms-enum-values",
    "x-ms-localizeDefaultValue",
    "x-ms-parameter-location",
    "x-ms-summary",
    "x-ms-test-value",
    "x-ms-trigger-value",
    "x-ms-visibility",
];
/// Response properties.
pub(crate) const RESPONSE: &[&str] = &["description", "schema", "headers", "examples"];
/// Response extensions.
pub(crate) const RESPONSE_EXT: &[&str] = &["x-ms-summary"];
/// Schema keywords of Swagger 2.0.
pub(crate) const SCHEMA: &[&str] = &[
    "$ref",
    "format",
    "title",
    "description",
    "default",
    "multipleOf",
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
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "additionalProperties",
    "type",
    "items",
    "allOf",
    "properties",
    "discriminator",
    "readOnly",
    "xml",
    "externalDocs",
    "example",
];
/// Schema extensions (body/response variants included: a definition may serve either).
pub(crate) const SCHEMA_EXT: &[&str] = &[
    "x-ms-dynamic-list",
    "x-ms-dynamic-values",
    "x-ms-enum",
    "x-ms-enum-values",
    "x-ms-localizeDefaultValue",
    "x-ms-notification-url",
    "x-ms-summary",
    "x-ms-test-value",
    "x-ms-visibility",
    "x-ms-media-kind",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-tree",
];
/// JSON Schema / OpenAPI 3 keywords that Swagger 2.0 does not have.
pub(crate) const UNSUPPORTED_KEYWORDS: &[&str] = &[
    "oneOf",
    "anyOf",
    "not",
    "nullable",
    "const",
    "patternProperties",
    "dependencies",
    "additionalItems",
    "$schema",
    "id",
    "$id",
    "definitions",
    "examples",
    "writeOnly",
    "deprecated",
    "if",
    "then",
    "else",
    "propertyNames",
    "contains",
    "contentEncoding",
    "contentMediaType",
    "$comment",
];

/// Extensions used by merged certified connectors (or ignored AutoRest ones) that the 2020
/// schema does not list; they are accepted wherever they appear.
const TOLERATED: &[&str] = &[
    "x-ms-openai-data",
    "x-ms-openai-manifest",
    "x-ms-openai-published-to-copilots",
    "x-ms-keywords",
    "x-ms-editor",
    "x-ms-editor-options",
    "x-ms-secret",
    "x-ms-enum",
    "x-ms-parameter-location",
    "x-ms-skip-url-encoding",
    "x-ms-long-running-operation",
    "x-ms-long-running-operation-options",
    "x-ms-mutability",
    "x-ms-client-name",
    "x-ms-identifiers",
    "x-ms-discriminator-value",
    "x-ms-client-flatten",
    "x-ms-azure-resource",
    "x-ms-examples",
    "x-ms-parameterized-host",
    "x-ms-navigationProperty",
];

/// Whether an extension is accepted everywhere (see [`TOLERATED`]).
pub(crate) fn tolerated(key: &str) -> bool {
    TOLERATED.contains(&key)
}

/// The extensions a non-body parameter may carry in location `location`.
pub(crate) fn parameter_extensions(location: &str) -> Vec<&'static str> {
    let mut allowed = PARAMETER_EXT.to_vec();
    if matches!(location, "query" | "path") {
        allowed.extend(["x-ms-dynamic-tree", "x-ms-url-encoding"]);
    }
    if location == "path" {
        allowed.push("x-ms-skip-url-encoding");
    }
    allowed
}

/// Reports non-extension keys outside `allowed` (an error: the schema forbids them) and
/// `x-ms-*` keys outside `extensions` (a warning). `what` names the object in messages.
pub(crate) fn check(
    node: &Node,
    pointer: &str,
    what: &str,
    allowed: &[&str],
    extensions: &[&str],
    sink: &mut Sink,
) {
    for m in node.members() {
        let key = &*m.key;
        if key.starts_with("x-ms-") {
            if !extensions.contains(&key) && !tolerated(key) {
                misplaced_extension(key, m.key_pos, &child(pointer, key), what, sink);
            }
        } else if !key.starts_with("x-") && !allowed.contains(&key) {
            sink.emit(
                codes::PROPERTY_NOT_ALLOWED,
                m.key_pos,
                &child(pointer, key),
                format!("the property '{key}' is not allowed in {what}"),
                "remove it, or prefix it with 'x-' if it is a vendor extension",
            );
        }
    }
}

/// Reports an `x-ms-*` key that is unknown or not allowed here.
pub(crate) fn misplaced_extension(key: &str, pos: Pos, pointer: &str, what: &str, sink: &mut Sink) {
    let near = [
        "x-ms-visibility",
        "x-ms-summary",
        "x-ms-api-annotation",
        "x-ms-url-encoding",
        "x-ms-trigger",
        "x-ms-dynamic-values",
        "x-ms-enum-values",
    ]
    .into_iter()
    .find(|known| *known != key && similar(known, key));
    let help = match near {
        Some(known) => {
            format!("did you mean '{known}'? A misspelled extension is silently ignored")
        }
        None => {
            "move it where the schema defines it, or remove it; here it has no effect".to_owned()
        }
    };
    sink.emit(
        codes::EXTENSION_NOT_ALLOWED,
        pos,
        pointer,
        format!("the extension '{key}' is not defined for {what}"),
        help,
    );
}

/// Whether two names differ by at most two edits (a cheap misspelling test).
fn similar(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()] <= 2
}

/// Reports when `node` is not of `kind` (`Number` also accepts integers). Returns whether
/// it matched.
pub(crate) fn expect(node: &Node, pointer: &str, kind: Kind, sink: &mut Sink) -> bool {
    if is(node, kind) {
        return true;
    }
    let actual = node.kind();
    sink.emit(
        codes::JSON_TYPE,
        node.pos,
        pointer,
        format!("expected a JSON {kind} here, found {actual}"),
        format!("write this value as a {kind}"),
    );
    false
}

/// Checks the type of an optional member; returns the member when it has the right type.
pub(crate) fn typed<'n>(
    node: &'n Node<'n>,
    key: &str,
    pointer: &str,
    kind: Kind,
    sink: &mut Sink,
) -> Option<&'n Node<'n>> {
    let value = node.get(key)?;
    // The member's pointer is only built for a finding: this runs for every keyword of
    // every schema.
    if is(value, kind) {
        return Some(value);
    }
    expect(value, &child(pointer, key), kind, sink);
    None
}

/// Whether `node` is of `kind` (`Number` also accepts integers).
fn is(node: &Node, kind: Kind) -> bool {
    let actual = node.kind();
    actual == kind || (kind == Kind::Number && actual == Kind::Integer)
}

/// Reports a missing required member; returns it when present.
pub(crate) fn required<'n>(
    node: &'n Node<'n>,
    key: &str,
    pointer: &str,
    what: &str,
    sink: &mut Sink,
) -> Option<&'n Node<'n>> {
    let found = node.get(key);
    if found.is_none() {
        sink.emit(
            codes::REQUIRED_PROPERTY,
            node.pos,
            pointer,
            format!("the '{key}' property is required in {what}"),
            format!("add '{key}'"),
        );
    }
    found
}

/// Reports a required string member that is missing, not a string, or empty.
pub(crate) fn required_string<'n>(
    node: &'n Node<'n>,
    key: &str,
    pointer: &str,
    what: &str,
    sink: &mut Sink,
) -> Option<&'n str> {
    let value = required(node, key, pointer, what, sink)?;
    if !is(value, Kind::String) {
        expect(value, &child(pointer, key), Kind::String, sink);
        return None;
    }
    let text = value.as_str()?;
    if text.trim().is_empty() {
        sink.emit(
            codes::REQUIRED_VALUE_EMPTY,
            value.pos,
            &child(pointer, key),
            format!("the '{key}' property of {what} is empty"),
            format!("give '{key}' a value"),
        );
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::similar;

    #[test]
    fn misspellings_are_similar() {
        assert!(similar("x-ms-visibility", "x-ms-visibilty"));
        assert!(similar("x-ms-summary", "x-ms-sumamry"));
        assert!(!similar("x-ms-summary", "x-ms-trigger"));
    }
}
