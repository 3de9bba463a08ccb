//! Power Platform extensions that tie parts of the document together: dynamic values,
//! lists, schemas and trees, notifications and webhooks, capabilities, trigger metadata.

use std::collections::HashSet;

use super::keys;
use super::{Operation, Swagger};
use crate::codes;
use crate::json::{Kind, Node, Pos, Value};
use crate::report::Sink;
use crate::text::{child, index};

/// An extension found somewhere in the document.
struct Found<'a> {
    key: &'a str,
    key_pos: Pos,
    value: &'a Node<'a>,
    parent: &'a Node<'a>,
    pointer: String,
}

/// One step of the way from where a search starts to the node it is at.
#[derive(Clone, Copy)]
enum Step<'a> {
    /// Into an object member.
    Key(&'a str),
    /// Into an array item.
    Index(usize),
}

/// Collects members named in `names` anywhere under `node`, whose pointer is `at`.
///
/// The search visits every node of every operation, so the way down is kept as steps and
/// turned into a pointer only for the members found.
fn find<'a>(node: &'a Node<'a>, at: &str, names: &[&str], out: &mut Vec<Found<'a>>) {
    fn go<'a>(
        node: &'a Node<'a>,
        at: &str,
        steps: &mut Vec<Step<'a>>,
        names: &[&str],
        out: &mut Vec<Found<'a>>,
    ) {
        match &node.value {
            Value::Object(members) => {
                for m in members {
                    let found = names.contains(&&*m.key);
                    let nested = matches!(m.value.value, Value::Object(_) | Value::Array(_));
                    if !found && !nested {
                        continue;
                    }
                    steps.push(Step::Key(&m.key));
                    if found {
                        out.push(Found {
                            key: &m.key,
                            key_pos: m.key_pos,
                            value: &m.value,
                            parent: node,
                            pointer: pointer(at, steps),
                        });
                    }
                    go(&m.value, at, steps, names, out);
                    steps.pop();
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    steps.push(Step::Index(i));
                    go(item, at, steps, names, out);
                    steps.pop();
                }
            }
            _ => {}
        }
    }
    go(node, at, &mut Vec::new(), names, out);
}

/// `at` extended by `steps`.
fn pointer(at: &str, steps: &[Step<'_>]) -> String {
    steps
        .iter()
        .fold(at.to_owned(), |pointer, step| match step {
            Step::Key(key) => child(&pointer, key),
            Step::Index(i) => index(&pointer, *i),
        })
}

const DYNAMIC: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-tree",
    "selectedItemValuePath",
];

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    let mut found = Vec::new();
    for op in &swagger.operations {
        let start = found.len();
        find(op.node, &op.pointer, DYNAMIC, &mut found);
        for f in found.drain(start..).collect::<Vec<_>>() {
            check_dynamic(swagger, Some(op), &f, sink);
        }
    }
    for key in ["definitions", "parameters", "responses"] {
        if let Some(section) = swagger.root.get(key) {
            find(section, &child("", key), DYNAMIC, &mut found);
        }
    }
    for f in &found {
        check_dynamic(swagger, None, f, sink);
    }
    check_capabilities(swagger, sink);
    for op in &swagger.operations {
        check_operation(swagger, op, sink);
    }
    check_webhooks(swagger, sink);
}

/// Reports an operationId that the document does not define; returns the operation.
fn target<'s, 'a>(
    swagger: &'s Swagger<'a>,
    value: Option<&Node>,
    at: &str,
    sink: &mut Sink,
) -> Option<&'s Operation<'a>> {
    let value = value?;
    let id = value.as_str()?;
    let op = swagger.operation(id);
    if op.is_none() {
        sink.emit(
            codes::OPERATION_ID_NOT_FOUND,
            value.pos,
            at,
            format!("the operationId '{id}' could not be found in this swagger"),
            "name an existing operation (operationIds are case-sensitive)",
        );
    }
    op
}

fn check_dynamic(
    swagger: &Swagger<'_>,
    source: Option<&Operation<'_>>,
    f: &Found<'_>,
    sink: &mut Sink,
) {
    if f.key == "selectedItemValuePath" {
        if !f.pointer.contains("/x-ms-dynamic-tree/browse/") {
            sink.emit(
                codes::SELECTED_ITEM_VALUE_PATH,
                f.key_pos,
                &f.pointer,
                "'selectedItemValuePath' is used outside the 'browse' operation of x-ms-dynamic-tree",
                "move it under x-ms-dynamic-tree.browse",
            );
        }
        return;
    }
    if !keys::expect(f.value, &f.pointer, Kind::Object, sink) {
        return;
    }
    let v = f.value;
    match f.key {
        "x-ms-dynamic-values" => {
            let sources = ["operationId", "builtInOperation", "capability"];
            if sources.iter().all(|k| v.get(k).is_none()) {
                sink.emit(
                    codes::DYNAMIC_SOURCE_MISSING,
                    v.pos,
                    &f.pointer,
                    format!(
                        "x-ms-dynamic-values needs at least one of {}",
                        crate::text::list(&sources)
                    ),
                    "name the operation that lists the values in 'operationId'",
                );
            }
            if v.get("capability").and_then(Node::as_str) == Some("file-picker")
                && f.parent.get("x-ms-dynamic-tree").is_none()
            {
                sink.emit(
                    codes::DYNAMIC_TREE_MISSING,
                    v.pos,
                    &f.pointer,
                    "dynamic values use the file-picker capability without x-ms-dynamic-tree",
                    "add x-ms-dynamic-tree next to x-ms-dynamic-values to enable the file picker",
                );
            }
            let op = target(
                swagger,
                v.get("operationId"),
                &child(&f.pointer, "operationId"),
                sink,
            );
            check_parameters(source, op, f, sink);
            if let Some(op) = op {
                check_collection(swagger, op, v, &f.pointer, sink);
            }
        }
        "x-ms-dynamic-schema" => {
            target(
                swagger,
                v.get("operationId"),
                &child(&f.pointer, "operationId"),
                sink,
            );
            let properties = f.parent.get("x-ms-dynamic-properties");
            let value_path = v.get("value-path").and_then(Node::as_str);
            let references_property = v
                .get("parameters")
                .map(Node::members)
                .unwrap_or_default()
                .iter()
                .any(|m| {
                    m.value
                        .get("parameter")
                        .and_then(Node::as_str)
                        .is_some_and(|p| p.contains('/'))
                });
            let points_to_properties =
                value_path.is_some_and(|p| p == "properties" || p.ends_with("/properties"));
            if properties.is_none() && (references_property || points_to_properties) {
                sink.emit(
                    codes::DYNAMIC_PROPERTIES_REQUIRED,
                    f.key_pos,
                    &f.pointer,
                    if references_property {
                        "x-ms-dynamic-schema references properties within parameters".to_owned()
                    } else {
                        "x-ms-dynamic-schema's value-path points to schema properties".to_owned()
                    },
                    "add x-ms-dynamic-properties (with parameterReference / itemValuePath) next to it",
                );
            }
            if let Some(properties) = properties {
                let expected = value_path.map(|p| {
                    p.strip_suffix("properties")
                        .unwrap_or(p)
                        .trim_end_matches('/')
                });
                let actual = properties.get("itemValuePath").and_then(Node::as_str);
                if expected.is_some_and(|e| !e.is_empty()) && actual != expected {
                    sink.emit(
                        codes::DYNAMIC_PROPERTIES_PATH_MISMATCH,
                        properties.pos,
                        &child(&f.pointer.replace("x-ms-dynamic-schema", "x-ms-dynamic-properties"), "itemValuePath"),
                        format!(
                            "x-ms-dynamic-properties should use itemValuePath '{}' to match x-ms-dynamic-schema",
                            expected.unwrap_or_default()
                        ),
                        "use the value-path of x-ms-dynamic-schema without its 'properties' ending",
                    );
                }
            }
        }
        "x-ms-dynamic-list" | "x-ms-dynamic-properties" => {
            target(
                swagger,
                v.get("operationId"),
                &child(&f.pointer, "operationId"),
                sink,
            );
        }
        "x-ms-dynamic-tree" => {
            for part in ["open", "browse"] {
                if let Some(section) = v.get(part) {
                    let pat = child(&f.pointer, part);
                    target(
                        swagger,
                        section.get("operationId"),
                        &child(&pat, "operationId"),
                        sink,
                    );
                }
            }
        }
        _ => {}
    }
}

/// Checks what x-ms-dynamic-values passes to its target operation.
fn check_parameters(
    source: Option<&Operation<'_>>,
    op: Option<&Operation<'_>>,
    f: &Found<'_>,
    sink: &mut Sink,
) {
    let passed = f.value.get("parameters");
    let pat = child(&f.pointer, "parameters");
    for m in passed.map(Node::members).unwrap_or_default() {
        let at = child(&pat, &m.key);
        let reference = m
            .value
            .get("parameter")
            .or_else(|| m.value.get("parameterReference"))
            .and_then(Node::as_str);
        if let Some(name) = reference {
            if name.contains('/') && f.parent.get("x-ms-dynamic-list").is_none() {
                sink.emit(
                    codes::DYNAMIC_LIST_REQUIRED,
                    m.value.pos,
                    &at,
                    format!("x-ms-dynamic-values references the property path '{name}'"),
                    "add x-ms-dynamic-list, whose parameterReference can address body properties",
                );
            }
            if let Some(p) = source.and_then(|s| s.parameters.iter().find(|p| p.name == name)) {
                if p.visibility() == Some("internal") {
                    sink.emit(
                        codes::DYNAMIC_SOURCE_INTERNAL,
                        m.value.pos,
                        &at,
                        format!("the value comes from '{name}', which is internal in the operation '{}'", source.and_then(|s| s.id).unwrap_or_default()),
                        "make the parameter visible, or pass a static value",
                    );
                }
            }
        }
        let Some(op) = op else { continue };
        let Some(param) = op.parameters.iter().find(|p| p.name == m.key) else {
            sink.emit(
                codes::DYNAMIC_PARAMETER_NOT_FOUND,
                m.key_pos,
                &at,
                format!(
                    "the parameter '{}' could not be found in the operation '{}'",
                    m.key,
                    op.id.unwrap_or_default()
                ),
                "pass only parameters the target operation declares",
            );
            continue;
        };
        if reference.is_none() {
            let literal = m
                .value
                .get("value")
                .filter(|_| m.value.members().len() == 1)
                .unwrap_or(&m.value);
            if let Some(t) = param.type_name() {
                let fits = matches!(
                    (t, literal.kind()),
                    ("string", Kind::String)
                        | ("boolean", Kind::Boolean)
                        | ("integer", Kind::Integer)
                        | ("array", Kind::Array)
                        | ("number", Kind::Integer | Kind::Number)
                        | (_, Kind::Object)
                );
                if !fits {
                    sink.emit(
                        codes::STATIC_TYPE_MISMATCH,
                        literal.pos,
                        &at,
                        format!(
                            "the parameter '{}' has type '{t}', but the static value {} is a {}",
                            m.key,
                            literal.compact(),
                            literal.kind()
                        ),
                        format!("write the value as a {t}"),
                    );
                }
            }
        }
    }
    let Some(op) = op else { return };
    for p in &op.parameters {
        let given = passed.and_then(|n| n.get(p.name)).is_some();
        if p.required() && p.location != "body" && p.node.get("default").is_none() && !given {
            sink.emit(
                codes::DYNAMIC_REQUIRED_PARAMETER_MISSING,
                f.value.pos,
                &f.pointer,
                format!(
                    "the target operation '{}' requires the parameter '{}', which is not passed",
                    op.id.unwrap_or_default(),
                    p.name
                ),
                format!(
                    "add \"{}\" to 'parameters' (a static value or {{\"parameter\": \"...\"}})",
                    p.name
                ),
            );
        }
    }
}

/// The successful response schema of an operation, references followed.
fn success_schema<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Option<&'a Node<'a>> {
    let responses = op.node.get("responses")?;
    let response = responses
        .members()
        .iter()
        .find(|m| m.key.starts_with('2'))?;
    let schema = swagger.response(&response.value).get("schema")?;
    Some(swagger.schema(schema))
}

/// InvokedOperationShouldProduceArray: the value collection must be an array in the target's
/// response. Dynamic or untyped responses cannot be judged and are skipped.
fn check_collection(
    swagger: &Swagger<'_>,
    op: &Operation<'_>,
    v: &Node,
    at: &str,
    sink: &mut Sink,
) {
    let Some(mut schema) = success_schema(swagger, op) else {
        return;
    };
    if schema.get("x-ms-dynamic-schema").is_some() {
        return;
    }
    let path = v
        .get("value-collection")
        .and_then(Node::as_str)
        .unwrap_or_default();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let Some(properties) = schema.get("properties") else {
            return;
        };
        match properties.get(segment) {
            Some(next) => schema = swagger.schema(next),
            None => {
                sink.emit(
                    codes::INVOKED_ARRAY,
                    v.pos,
                    at,
                    format!("the response of '{}' has no property '{segment}' on the path '{path}'", op.id.unwrap_or_default()),
                    "point value-collection at the array in the target operation's success response",
                );
                return;
            }
        }
    }
    if let Some(t) = schema
        .get("type")
        .and_then(Node::as_str)
        .filter(|t| *t != "array")
    {
        sink.emit(
            codes::INVOKED_ARRAY,
            v.pos,
            at,
            format!(
                "the response of '{}' at '{path}' is a {t}, not an array",
                op.id.unwrap_or_default()
            ),
            "point value-collection at an array, or describe the response as one",
        );
        return;
    }
    let Some(item) = schema.get("items").filter(|i| i.is_object()) else {
        return;
    };
    let item = swagger.schema(item);
    for key in ["value-path", "value-title"] {
        let Some(property_path) = v.get(key).and_then(Node::as_str) else {
            continue;
        };
        if let Some(missing) = missing_property(swagger, item, property_path) {
            sink.emit(
                codes::INVOKED_PROPERTY,
                v.get(key).map_or(v.pos, |n| n.pos),
                &child(at, key),
                format!(
                    "the items of '{}' have no property '{missing}' for {key} '{property_path}'",
                    op.id.unwrap_or_default()
                ),
                "name a property of the listed items, or describe it in the target's response schema",
            );
        }
    }
}

/// The first segment of a property path that a schema with declared, closed properties
/// does not have; `None` when the path exists or cannot be judged (open or untyped objects).
fn missing_property<'a, 'p>(
    swagger: &Swagger<'a>,
    mut schema: &'a Node<'a>,
    path: &'p str,
) -> Option<&'p str> {
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let properties = schema.get("properties")?;
        let open = schema
            .get("additionalProperties")
            .is_some_and(|a| a.as_bool() != Some(false));
        match properties.get(segment) {
            Some(next) => schema = swagger.schema(next),
            None if open || schema.get("allOf").is_some() => return None,
            None => return Some(segment),
        }
    }
    None
}

fn check_capabilities(swagger: &Swagger<'_>, sink: &mut Sink) {
    let Some(capabilities) = swagger.root.get("x-ms-capabilities") else {
        return;
    };
    let at = "/x-ms-capabilities";
    if let Some(test) = capabilities.get("testConnection") {
        target(
            swagger,
            test.get("operationId"),
            &child(&child(at, "testConnection"), "operationId"),
            sink,
        );
    }
    if let Some(picker) = capabilities.get("file-picker") {
        for part in ["open", "browse"] {
            if let Some(section) = picker.get(part) {
                let pat = child(&child(at, "file-picker"), part);
                target(
                    swagger,
                    section.get("operationId"),
                    &child(&pat, "operationId"),
                    sink,
                );
            }
        }
    }
}

/// Whether an operation is a webhook registration: a trigger whose path item declares the
/// notification content, or whose body carries the notification URL.
fn is_webhook(swagger: &Swagger<'_>, op: &Operation<'_>) -> bool {
    op.node.get("x-ms-trigger").is_some()
        && (op.item.get("x-ms-notification-content").is_some()
            || !notification_urls(swagger, op).is_empty())
}

fn check_operation(swagger: &Swagger<'_>, op: &Operation<'_>, sink: &mut Sink) {
    let at = &op.pointer;
    if let Some(metadata) = keys::typed(op.node, "x-ms-trigger-metadata", at, Kind::Object, sink) {
        let mat = child(at, "x-ms-trigger-metadata");
        keys::required(metadata, "kind", &mat, "x-ms-trigger-metadata", sink);
        keys::required(metadata, "mode", &mat, "x-ms-trigger-metadata", sink);
    }
    if let Some(context) = op
        .node
        .get("x-ms-operation-context")
        .and_then(|c| c.get("simulate"))
    {
        let pat = child(&child(at, "x-ms-operation-context"), "simulate");
        target(
            swagger,
            context.get("operationId"),
            &child(&pat, "operationId"),
            sink,
        );
    }
    let Some(notification) = keys::typed(op.node, "x-ms-notification", at, Kind::Object, sink)
    else {
        return;
    };
    let nat = child(at, "x-ms-notification");
    let name = op.id.unwrap_or(op.path);
    if op.node.get("x-ms-trigger").is_none() {
        sink.emit(
            codes::NOTIFICATION_NOT_TRIGGER,
            notification.pos,
            &nat,
            format!("x-ms-notification is on '{name}', which is not a trigger"),
            "use x-ms-notification only on trigger operations",
        );
    } else if is_webhook(swagger, op) {
        sink.emit(
            codes::NOTIFICATION_ON_WEBHOOK,
            notification.pos,
            &nat,
            format!("x-ms-notification is on the webhook operation '{name}'"),
            "put it on the fetch (polling) trigger that the webhook pairs with",
        );
    }
    let Some(subscribe) = target(
        swagger,
        notification.get("operationId"),
        &child(&nat, "operationId"),
        sink,
    ) else {
        return;
    };
    if !is_webhook(swagger, subscribe) {
        sink.emit(
            codes::NOTIFICATION_TARGET_NOT_WEBHOOK,
            notification
                .get("operationId")
                .map_or(notification.pos, |n| n.pos),
            &child(&nat, "operationId"),
            format!(
                "x-ms-notification names '{}', which is not a webhook operation",
                subscribe.id.unwrap_or_default()
            ),
            "name the webhook registration operation",
        );
    }
    for p in &op.parameters {
        if let Some(q) = subscribe.parameters.iter().find(|q| q.name == p.name) {
            if p.type_name() != q.type_name() || p.visibility() != q.visibility() {
                sink.emit(
                    codes::SAME_NAME_TYPE_VISIBILITY,
                    p.node.pos,
                    &p.pointer,
                    format!("the parameter '{}' differs in type or visibility from the subscribe operation's parameter of that name", p.name),
                    "give both the same type and x-ms-visibility",
                );
            }
        }
    }
}

/// A notification URL property found in a request body, with the facts its rules need.
struct UrlProperty<'a> {
    node: &'a Node<'a>,
    pointer: String,
    required_chain: bool,
    internal_chain: bool,
}

/// The `x-ms-notification-url: true` properties of an operation's body, references followed.
fn notification_urls<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<UrlProperty<'a>> {
    fn go<'a>(
        swagger: &Swagger<'a>,
        node: &'a Node<'a>,
        at: String,
        required: bool,
        internal: bool,
        stack: &mut Vec<&'a str>,
        out: &mut Vec<UrlProperty<'a>>,
    ) {
        let (node, at, pushed) = match node.get("$ref").and_then(Node::as_str) {
            Some(r) => match swagger.definition(r) {
                Some((target, pointer))
                    if !stack.contains(&r) && stack.len() < super::schemas::MAX_EXPANSION_DEPTH =>
                {
                    stack.push(r);
                    (target, pointer, true)
                }
                _ => return,
            },
            None => (node, at, false),
        };
        let internal =
            internal || node.get("x-ms-visibility").and_then(Node::as_str) == Some("internal");
        if node.get("x-ms-notification-url").and_then(Node::as_bool) == Some(true) {
            out.push(UrlProperty {
                node,
                pointer: at.clone(),
                required_chain: required,
                internal_chain: internal,
            });
        }
        let required_names: Vec<&str> = node
            .get("required")
            .map(|r| r.items().iter().filter_map(Node::as_str).collect())
            .unwrap_or_default();
        if let Some(properties) = node.get("properties") {
            for m in properties.members() {
                let pat = child(&child(&at, "properties"), &m.key);
                go(
                    swagger,
                    &m.value,
                    pat,
                    required && required_names.contains(&&*m.key),
                    internal,
                    stack,
                    out,
                );
            }
        }
        if pushed {
            stack.pop();
        }
    }
    let mut out = Vec::new();
    if let Some(body) = op.parameters.iter().find(|p| p.location == "body") {
        if let Some(schema) = body.node.get("schema") {
            let internal = body.visibility() == Some("internal");
            go(
                swagger,
                schema,
                child(&body.pointer, "schema"),
                body.required(),
                internal,
                &mut Vec::new(),
                &mut out,
            );
        }
    }
    out
}

fn check_webhooks(swagger: &Swagger<'_>, sink: &mut Sink) {
    let mut reported: HashSet<String> = HashSet::new();
    for op in &swagger.operations {
        if op.node.get("x-ms-trigger").is_none() {
            continue;
        }
        let urls = notification_urls(swagger, op);
        let content = op.item.get("x-ms-notification-content");
        let name = op.id.unwrap_or(op.path);
        if content.is_none() && urls.is_empty() {
            continue;
        }
        if urls.is_empty() {
            sink.emit(
                codes::WEBHOOK_NO_NOTIFICATION_URL,
                op.node.pos,
                &op.pointer,
                format!("the webhook operation '{name}' has no body property marked x-ms-notification-url"),
                "mark the callback URL property of the request body with \"x-ms-notification-url\": true",
            );
        }
        if content.is_none() && op.method == "post" {
            sink.emit(
                codes::WEBHOOK_NO_NOTIFICATION_CONTENT,
                op.node.pos,
                &op.pointer,
                format!("the operation '{name}' marks notification URL properties, but its path has no x-ms-notification-content"),
                "add x-ms-notification-content with the payload schema to the path item",
            );
        }
        let responses = op.node.get("responses");
        let has_output = ["200", "201"].iter().any(|code| {
            responses
                .and_then(|r| r.get(code))
                .map(|r| swagger.response(r))
                .and_then(|r| r.get("schema"))
                .is_some()
        }) || content.and_then(|c| c.get("schema")).is_some();
        if !has_output {
            sink.emit(
                codes::WEBHOOK_NO_SCHEMA,
                op.node.pos,
                &op.pointer,
                format!("the webhook '{name}' defines no output schema on 200/201 nor in x-ms-notification-content"),
                "add the notification payload schema to x-ms-notification-content so the trigger has outputs",
            );
        }
        for url in urls {
            if !reported.insert(url.pointer.clone()) {
                continue;
            }
            let flag_at = child(&url.pointer, "x-ms-notification-url");
            let pos = url
                .node
                .get("x-ms-notification-url")
                .map_or(url.node.pos, |n| n.pos);
            if url.node.get("type").and_then(Node::as_str) != Some("string") {
                sink.emit(
                    codes::NOTIFICATION_URL_NOT_STRING,
                    pos,
                    &flag_at,
                    "the notification URL property is not of type string",
                    "set \"type\": \"string\"",
                );
            }
            if !url.required_chain {
                sink.emit(
                    codes::NOTIFICATION_URL_NOT_REQUIRED,
                    pos,
                    &flag_at,
                    "the notification URL property is not required all the way from the body parameter",
                    "mark the body parameter required and list the property (and its parents) in 'required'",
                );
            }
            if !url.internal_chain {
                sink.emit(
                    codes::NOTIFICATION_URL_NOT_INTERNAL,
                    pos,
                    &flag_at,
                    "neither the notification URL property nor a parent is internal",
                    "add \"x-ms-visibility\": \"internal\" so makers are not asked for the callback URL",
                );
            }
        }
    }
}
