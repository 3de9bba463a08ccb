//! Operation-level rules: ids, summaries, responses, triggers and versioning annotations.

use std::collections::HashMap;

use super::keys;
use super::structure::{check_mime_list, check_schemes};
use super::{Operation, Swagger};
use crate::codes;
use crate::json::{Kind, Node};
use crate::report::Sink;
use crate::text::{child, index};

/// Characters the validator rejects in summaries (`RestrictedCharactersInSummary`).
const RESTRICTED_SUMMARY: &[char] = &['/', '\\', '<', '>', '*', '%', '&', '?'];

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    let mut ids: HashMap<&str, &str> = HashMap::new();
    for op in &swagger.operations {
        let node = op.node;
        let at = op.pointer.as_str();
        keys::check(
            node,
            at,
            "an operation",
            keys::OPERATION,
            keys::OPERATION_EXT,
            sink,
        );
        check_id(op, &mut ids, sink);
        if let Some(summary) = keys::typed(node, "summary", at, Kind::String, sink) {
            check_summary(summary, &child(at, "summary"), sink);
        }
        keys::typed(node, "description", at, Kind::String, sink);
        keys::typed(node, "deprecated", at, Kind::Boolean, sink);
        if let Some(tags) = keys::typed(node, "tags", at, Kind::Array, sink) {
            for (i, tag) in tags.items().iter().enumerate() {
                keys::expect(tag, &index(&child(at, "tags"), i), Kind::String, sink);
            }
        }
        for key in ["consumes", "produces"] {
            if let Some(list) = keys::typed(node, key, at, Kind::Array, sink) {
                check_mime_list(list, &child(at, key), sink);
            }
        }
        if let Some(schemes) = keys::typed(node, "schemes", at, Kind::Array, sink) {
            check_schemes(schemes, &child(at, "schemes"), false, sink);
        }
        if let Some(visibility) = node.get("x-ms-visibility") {
            check_visibility(visibility, &child(at, "x-ms-visibility"), sink);
        }
        if let Some(trigger) = node.get("x-ms-trigger") {
            if !matches!(trigger.as_str(), Some("single" | "batch")) {
                sink.emit(
                    codes::VALUE_NOT_IN_ENUM,
                    trigger.pos,
                    &child(at, "x-ms-trigger"),
                    format!(
                        "x-ms-trigger is {}, not \"single\" or \"batch\"",
                        trigger.compact()
                    ),
                    "use \"single\" (one object per event) or \"batch\" (an array of events)",
                );
            }
        }
        if let Some(pageable) = keys::typed(node, "x-ms-pageable", at, Kind::Object, sink) {
            let pat = child(at, "x-ms-pageable");
            if let Some(name) =
                keys::required(pageable, "nextLinkName", &pat, "x-ms-pageable", sink)
            {
                if !matches!(name.as_str(), Some("nextLink" | "@odata.nextLink")) {
                    sink.emit(
                        codes::PAGEABLE_NEXT_LINK,
                        name.pos,
                        &child(&pat, "nextLinkName"),
                        format!("the nextLinkName {} is not supported", name.compact()),
                        "use \"nextLink\" or \"@odata.nextLink\" (with the updatenextlink policy for other names)",
                    );
                }
            }
        }
        check_responses(swagger, op, sink);
    }
    for (name, response) in &swagger.shared_responses {
        let at = child("/responses", name);
        if response.get("$ref").is_some() {
            sink.emit(
                codes::RESPONSE_REF_LOOP,
                response.pos,
                &at,
                format!("the shared response '{name}' is itself a '$ref'"),
                "define the response here instead of pointing to another one",
            );
        } else {
            check_response_object(response, &at, None, sink);
        }
    }
    check_families(swagger, sink);
}

/// Reports an `x-ms-visibility` outside important/advanced/internal.
pub(crate) fn check_visibility(value: &Node, pointer: &str, sink: &mut Sink) {
    if !matches!(value.as_str(), Some("important" | "advanced" | "internal")) {
        sink.emit(
            codes::EXTENSION_VALUE,
            value.pos,
            pointer,
            format!(
                "x-ms-visibility is {}, not one of \"important\", \"advanced\", \"internal\"",
                value.compact()
            ),
            "use a lower-case value from the list, or remove x-ms-visibility for normal visibility",
        );
    }
}

fn check_id<'a>(op: &Operation<'a>, ids: &mut HashMap<&'a str, &'a str>, sink: &mut Sink) {
    let Some(value) = op.node.get("operationId") else {
        sink.emit(
            codes::OPERATION_ID_REQUIRED,
            op.node.pos,
            &op.pointer,
            format!(
                "the {} operation of '{}' has no operationId",
                op.method.to_uppercase(),
                op.path
            ),
            "add a unique PascalCase operationId such as \"GetItems\"",
        );
        return;
    };
    let at = child(&op.pointer, "operationId");
    if !keys::expect(value, &at, Kind::String, sink) {
        return;
    }
    let id = value.as_str().unwrap_or_default();
    if id.is_empty() {
        sink.emit(
            codes::REQUIRED_VALUE_EMPTY,
            value.pos,
            &at,
            "the operationId is empty",
            "give the operation a unique PascalCase id",
        );
        return;
    }
    if let Some(first) = ids.get(id) {
        sink.emit(
            codes::OPERATION_ID_NOT_UNIQUE,
            value.pos,
            &at,
            format!("the operationId '{id}' is already used by the operation at {first}"),
            "give every operation its own id",
        );
    } else {
        ids.insert(id, op.path);
    }
    let sanitized: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if sanitized != id {
        sink.emit(
            codes::OPERATION_ID_SANITIZED,
            value.pos,
            &at,
            format!("the operationId '{id}' differs from its sanitized form '{sanitized}'"),
            "use only letters and digits (PascalCase) so flows and Power Fx refer to the same name",
        );
    }
}

fn check_summary(summary: &Node, pointer: &str, sink: &mut Sink) {
    let text = summary.as_str().unwrap_or_default();
    let length = text.chars().count();
    if length > 80 {
        sink.emit(
            codes::SUMMARY_TOO_LONG,
            summary.pos,
            pointer,
            format!("the summary is {length} characters long; keep it to 80"),
            "shorten the summary and move detail to 'description'",
        );
    }
    let found: Vec<String> = RESTRICTED_SUMMARY
        .iter()
        .filter(|c| text.contains(**c))
        .map(char::to_string)
        .collect();
    if !found.is_empty() {
        sink.emit(
            codes::SUMMARY_RESTRICTED_CHARACTERS,
            summary.pos,
            pointer,
            format!(
                "the summary contains the restricted character(s) {}",
                crate::text::list(&found)
            ),
            "summaries may not contain / \\ < > * % & ?; reword (e.g. 'and' for '&')",
        );
    }
}

fn check_responses(swagger: &Swagger<'_>, op: &Operation<'_>, sink: &mut Sink) {
    let at = child(&op.pointer, "responses");
    let Some(responses) = op.node.get("responses") else {
        sink.emit(
            codes::OPERATION_NO_RESPONSE,
            op.node.pos,
            &op.pointer,
            format!(
                "the operation '{}' has no 'responses'",
                op.id.unwrap_or(op.path)
            ),
            "add at least a 200 response (and a 'default' without schema)",
        );
        return;
    };
    if !keys::expect(responses, &at, Kind::Object, sink) {
        return;
    }
    let codes_only: Vec<_> = responses
        .members()
        .iter()
        .filter(|m| !m.key.starts_with("x-"))
        .collect();
    if codes_only.is_empty() {
        sink.emit(
            codes::OPERATION_NO_RESPONSE,
            responses.pos,
            &at,
            format!(
                "the operation '{}' defines no response",
                op.id.unwrap_or(op.path)
            ),
            "add at least a 200 response",
        );
        return;
    }
    let produces = op
        .node
        .get("produces")
        .or_else(|| swagger.root.get("produces"));
    let mut success = false;
    let mut with_schema: Vec<&str> = Vec::new();
    for m in codes_only {
        let rat = child(&at, &m.key);
        let is_status = m.key.len() == 3 && m.key.chars().all(|c| c.is_ascii_digit());
        if !is_status && m.key != "default" {
            sink.emit(
                codes::RESPONSE_CODE_INVALID,
                m.key_pos,
                &rat,
                format!(
                    "the response key '{}' is not an HTTP status code or 'default'",
                    m.key
                ),
                "use a 3-digit status code such as \"200\", or \"default\"",
            );
            continue;
        }
        success |= m.key.starts_with('2');
        let response = match m.value.get("$ref").and_then(Node::as_str) {
            Some(reference) => {
                if !check_response_ref(swagger, &m.value, reference, &rat, sink) {
                    continue;
                }
                swagger.response(&m.value)
            }
            None => {
                if keys::expect(&m.value, &rat, Kind::Object, sink) {
                    check_response_object(&m.value, &rat, produces, sink);
                }
                &m.value
            }
        };
        if let Some(schema) = response.get("schema") {
            if m.key == "default" {
                sink.emit(
                    codes::DEFAULT_RESPONSE_SCHEMA,
                    schema.pos,
                    &child(&rat, "schema"),
                    "the 'default' response has a schema",
                    "define schemas on the expected (2xx) responses only; leave 'default' as {\"description\": \"Operation Failed.\"}",
                );
            }
            with_schema.push(&m.key);
        }
    }
    if !success {
        sink.emit(
            codes::OPERATION_NO_SUCCESS,
            responses.pos,
            &at,
            format!(
                "the operation '{}' has no successful (2xx) response",
                op.id.unwrap_or(op.path)
            ),
            "add a 200 (or 201/202/204) response so the designer knows what succeeds",
        );
    }
    if with_schema.len() > 1 {
        sink.emit(
            codes::MANY_RESPONSE_SCHEMAS,
            responses.pos,
            &at,
            format!(
                "the operation '{}' has schemas on the responses {}; the designer uses only one",
                op.id.unwrap_or(op.path),
                crate::text::list(&with_schema)
            ),
            "keep the schema on the main success response only",
        );
    }
}

/// Checks a response `$ref`; returns whether it resolves.
fn check_response_ref(
    swagger: &Swagger<'_>,
    node: &Node,
    reference: &str,
    at: &str,
    sink: &mut Sink,
) -> bool {
    let pos = node.get("$ref").map_or(node.pos, |r| r.pos);
    let rat = child(at, "$ref");
    if !reference.starts_with("#/responses/") {
        sink.emit(
            codes::RESPONSE_REF_INVALID,
            pos,
            &rat,
            format!("the response reference '{reference}' does not start with '#/responses/'"),
            "point to a shared response, e.g. \"#/responses/NotFound\"",
        );
        return false;
    }
    if crate::text::pointer_tokens(&reference[1..]).is_none() {
        sink.emit(
            codes::JSON_POINTER_INVALID,
            pos,
            &rat,
            format!("the reference '{reference}' is not a valid JSON pointer"),
            "escape '~' as '~0' and '/' as '~1' in names",
        );
        return false;
    }
    if swagger.shared_response(reference).is_none() {
        sink.emit(
            codes::RESPONSE_REF_NOT_FOUND,
            pos,
            &rat,
            format!("the response reference '{reference}' names no entry of 'responses'"),
            "add the shared response or correct the name",
        );
        return false;
    }
    true
}

fn check_response_object(response: &Node, at: &str, produces: Option<&Node>, sink: &mut Sink) {
    keys::check(
        response,
        at,
        "a response",
        keys::RESPONSE,
        keys::RESPONSE_EXT,
        sink,
    );
    keys::required(response, "description", at, "a response", sink);
    keys::typed(response, "description", at, Kind::String, sink);
    if let Some(headers) = keys::typed(response, "headers", at, Kind::Object, sink) {
        let mut seen: Vec<String> = Vec::new();
        for m in headers.members() {
            let lower = m.key.to_ascii_lowercase();
            if seen.contains(&lower) {
                sink.emit(
                    codes::RESPONSE_HEADERS_NOT_UNIQUE,
                    m.key_pos,
                    &child(&child(at, "headers"), &m.key),
                    format!(
                        "the response header '{}' is declared twice (header names ignore case)",
                        m.key
                    ),
                    "keep one declaration",
                );
            }
            seen.push(lower);
        }
    }
    if let Some(examples) = keys::typed(response, "examples", at, Kind::Object, sink) {
        let produced: Vec<&str> = produces
            .map(|p| p.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        for m in examples.members() {
            if !produced.is_empty() && !produced.iter().any(|p| p.eq_ignore_ascii_case(&m.key)) {
                sink.emit(
                    codes::RESPONSE_EXAMPLE_MIME,
                    m.key_pos,
                    &child(&child(at, "examples"), &m.key),
                    format!(
                        "the response example '{}' is not a MIME type the operation produces",
                        m.key
                    ),
                    "key examples by a MIME type listed in 'produces'",
                );
            }
        }
    }
}

/// An operation's `x-ms-api-annotation`.
fn annotation<'a>(op: &Operation<'a>) -> Option<&'a Node<'a>> {
    op.node.get("x-ms-api-annotation")
}

/// Versioning rules over `x-ms-api-annotation` families.
fn check_families(swagger: &Swagger<'_>, sink: &mut Sink) {
    let connector_status = swagger
        .root
        .get("info")
        .and_then(|i| i.get("x-ms-api-annotation"))
        .and_then(|a| a.get("status"))
        .and_then(Node::as_str);
    let mut families: Vec<(&str, Vec<&Operation<'_>>)> = Vec::new();
    for op in &swagger.operations {
        let Some(annotation) = op.node.get("x-ms-api-annotation") else {
            continue;
        };
        let at = child(&op.pointer, "x-ms-api-annotation");
        if !keys::expect(annotation, &at, Kind::Object, sink) {
            continue;
        }
        let deprecated = op.node.get("deprecated").and_then(Node::as_bool) == Some(true);
        let name = op.id.unwrap_or(op.path);
        if let Some(replacement) = annotation.get("replacement") {
            let rat = child(&at, "replacement");
            if !deprecated {
                sink.emit(
                    codes::REPLACEMENT_ON_ACTIVE,
                    replacement.pos,
                    &rat,
                    format!("the operation '{name}' names a replacement but is not deprecated"),
                    "set \"deprecated\": true, or remove 'replacement'",
                );
            }
            for (key, code) in [
                ("api", codes::REPLACEMENT_MISSING_API),
                ("operationId", codes::REPLACEMENT_MISSING_OPERATION_ID),
            ] {
                if replacement.get(key).is_none() {
                    sink.emit(
                        code,
                        replacement.pos,
                        &rat,
                        format!("the replacement of '{name}' does not specify '{key}'"),
                        format!("add '{key}' to 'replacement'"),
                    );
                }
            }
        }
        let status = annotation.get("status").and_then(Node::as_str);
        if let Some(s) = annotation.get("status") {
            if !matches!(s.as_str(), Some("Preview" | "Production")) {
                sink.emit(
                    codes::EXTENSION_VALUE,
                    s.pos,
                    &child(&at, "status"),
                    format!(
                        "the status {} is not \"Preview\" or \"Production\"",
                        s.compact()
                    ),
                    "use \"Preview\" or \"Production\"",
                );
            }
        }
        if status == Some("Production") && connector_status == Some("Preview") {
            sink.emit(
                codes::STATUS_AHEAD_OF_CONNECTOR,
                annotation.get("status").map_or(annotation.pos, |s| s.pos),
                &child(&at, "status"),
                format!(
                    "the operation '{name}' is in Production while the connector is in Preview"
                ),
                "move the connector to Production first, or keep the operation in Preview",
            );
        }
        if let Some(revision) = annotation.get("revision") {
            if let Some(n) = revision.as_f64().filter(|n| *n > 1.0) {
                let suffix = format!("V{n}");
                if !name.to_ascii_uppercase().ends_with(&suffix) {
                    sink.emit(
                        codes::OPERATION_ID_REVISION_SUFFIX,
                        revision.pos,
                        &child(&at, "revision"),
                        format!("the operation id '{name}' should end with the revision suffix '{suffix}'"),
                        format!("rename it, e.g. '{name}_{suffix}'"),
                    );
                }
            }
        }
        if let Some(family) = annotation.get("family").and_then(Node::as_str) {
            if annotation.get("revision").is_none() {
                sink.emit(
                    codes::REVISION_EMPTY,
                    annotation.pos,
                    &at,
                    format!(
                        "the operation '{name}' is in the family '{family}' but has no revision"
                    ),
                    "add \"revision\": 1 (or the next number)",
                );
            }
            match families.iter_mut().find(|(f, _)| *f == family) {
                Some((_, ops)) => ops.push(op),
                None => families.push((family, vec![op])),
            }
        }
    }
    for (family, ops) in families {
        let active: Vec<&&Operation<'_>> = ops
            .iter()
            .filter(|op| op.node.get("deprecated").and_then(Node::as_bool) != Some(true))
            .collect();
        let report = |code, op: &Operation<'_>, message: String, help: &str, sink: &mut Sink| {
            let at = child(&op.pointer, "x-ms-api-annotation");
            sink.emit(
                code,
                annotation(op).map_or(op.node.pos, |a| a.pos),
                &at,
                message,
                help,
            );
        };
        let mut revisions: Vec<String> = Vec::new();
        let mut empty = 0;
        for op in &ops {
            match annotation(op).and_then(|a| a.get("revision")) {
                Some(r) => {
                    let r = r.compact();
                    if revisions.contains(&r) {
                        report(
                            codes::FAMILY_DUPLICATE_REVISIONS,
                            op,
                            format!("the operation family '{family}' has two operations with revision {r}"),
                            "give each revision its own number",
                            sink,
                        );
                    }
                    revisions.push(r);
                }
                None => {
                    empty += 1;
                    if empty == 2 {
                        report(
                            codes::FAMILY_MANY_EMPTY_REVISIONS,
                            op,
                            format!("the operation family '{family}' has several operations without revision"),
                            "only one operation of a family may omit its revision",
                            sink,
                        );
                    }
                }
            }
        }
        if let Some(third) = active.get(2) {
            report(
                codes::FAMILY_MANY_ACTIVE,
                third,
                format!(
                    "the operation family '{family}' has {} operations that are not deprecated",
                    active.len()
                ),
                "deprecate older revisions so at most two are active",
                sink,
            );
        }
        let production: Vec<_> = active
            .iter()
            .filter(|op| {
                annotation(op)
                    .and_then(|a| a.get("status"))
                    .and_then(Node::as_str)
                    == Some("Production")
            })
            .collect();
        if let Some(second) = production.get(1) {
            report(
                codes::FAMILY_MANY_PRODUCTION,
                second,
                format!("the operation family '{family}' has several active operations in Production status"),
                "deprecate the previous revision",
                sink,
            );
        }
    }
}
