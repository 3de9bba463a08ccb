//! Paths, operations and their parameters.

use std::collections::HashSet;

use connectorize_ir::{
    path_variables, pointer, Api, Body, BodyContent, FormField, Method, Operation, Parameter,
    ParameterLocation, Schema, SchemaType, SharedParameter, Tag,
};
use serde_json::Value;

use crate::codes;
use crate::context::{ref_of, unescape, Context};
use crate::ids::{Ids, Naming};
use crate::model::Version;
use crate::security;

/// Members of a Swagger 2.0 parameter that are not schema keywords.
const PARAMETER_KEYS: &[&str] = &[
    "name",
    "in",
    "required",
    "description",
    "collectionFormat",
    "allowEmptyValue",
    "schema",
    "x-",
];

/// The path item keys that are HTTP methods a connector cannot call.
const OTHER_METHODS: &[&str] = &["trace", "connect", "query"];

/// A parameter after lowering: where it goes in the operation.
pub enum Lowered {
    Parameter(Parameter),
    Body(Body),
    Form(FormField),
}

/// Lowers the shared parameters (`#/parameters`, `#/components/parameters`) and request
/// bodies (`#/components/requestBodies`) into `api.shared_parameters`.
pub fn shared<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let doc = ctx.doc;
    let root = &doc.root;
    let (container, at) = match ctx.version() {
        Version::Swagger2 => (Some(root), String::new()),
        _ => (root.get("components"), "/components".to_owned()),
    };
    let Some(container) = container else {
        return;
    };
    let list_at = pointer::push(&at, "parameters");
    for (name, value) in ctx.entries(container, "parameters", &at) {
        let Some((value, parameter_at)) = ctx.resolve(value, &pointer::push(&list_at, name)) else {
            continue;
        };
        match parameter(ctx, api, value, &parameter_at) {
            Some(Lowered::Parameter(p)) => {
                api.shared_parameters.insert(name.clone(), SharedParameter::Parameter(p));
            }
            Some(Lowered::Body(b)) => {
                api.shared_parameters.insert(name.clone(), SharedParameter::Body(b));
            }
            Some(Lowered::Form(_)) => ctx.report(
                codes::UNSUPPORTED_MEMBER,
                &parameter_at,
                format!("shared form parameter `{name}` cannot stay shared; it is copied into each operation that uses it"),
            ),
            None => {}
        }
    }
    if ctx.version().is_openapi3() {
        let list_at = pointer::push(&at, "requestBodies");
        for (name, value) in ctx.entries(container, "requestBodies", &at) {
            let body_at = pointer::push(&list_at, name);
            if let Some(body) = crate::bodies::request_body(ctx, value, &body_at, &mut None) {
                api.shared_parameters
                    .insert(name.clone(), SharedParameter::Body(body));
            }
        }
    }
}

/// Lowers every path and operation.
pub fn lower<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let doc = ctx.doc;
    let root = &doc.root;
    let declared: Vec<String> = api.security.iter().map(|s| s.name.clone()).collect();
    let mut ids = Ids::default();
    let mut routes: HashSet<(Method, String)> = HashSet::new();
    for (path, item) in ctx.entries(root, "paths", "") {
        let item_at = pointer::push("/paths", path);
        if !path.starts_with('/') {
            ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &item_at,
                item,
                format!("paths member `{path}` is not a path starting with `/`; it is dropped"),
            );
            continue;
        }
        let Some((item, item_at)) = ctx.resolve(item, &item_at) else {
            continue;
        };
        let Some(map) = item.as_object() else {
            ctx.report(
                codes::WRONG_TYPE,
                &item_at,
                "a path item should be an object; ignored",
            );
            continue;
        };
        let extensions = ctx.extensions(item);
        if !extensions.is_empty() {
            api.path_extensions.insert(path.clone(), extensions);
        }
        let common = ctx.items(item, "parameters", &item_at);
        if !common.is_empty() && ctx.faithful {
            // Kept on the path item; operations record how many they inherit.
            if let Some(list) = item.get("parameters") {
                ctx.kept
                    .insert(pointer::push(&item_at, "parameters"), list.clone());
            }
        } else if !common.is_empty() {
            ctx.report(
                codes::PATH_PARAMETERS_MOVED,
                &pointer::push(&item_at, "parameters"),
                "path-level parameters are copied into each operation of the path",
            );
        }
        for (key, value) in map {
            let member_at = pointer::push(&item_at, key);
            let Some(method) =
                Method::parse(key).filter(|_| key.chars().all(|c| c.is_ascii_lowercase()))
            else {
                match key.as_str() {
                    "parameters" | "$ref" => {}
                    "summary" | "description" if ctx.version().is_openapi3() => {}
                    _ if key.starts_with("x-") => {}
                    _ if OTHER_METHODS.contains(&key.as_str()) => ctx.report(
                        codes::UNSUPPORTED_METHOD,
                        &member_at,
                        format!("`{} {path}` uses a method a connector cannot call; it is dropped", key.to_ascii_uppercase()),
                    ),
                    "servers" => ctx.report(
                        codes::ALTERNATIVE_SERVERS,
                        &member_at,
                        format!("servers of path `{path}` are dropped; the connector calls every operation on its one host"),
                    ),
                    _ => ctx.unmapped(
                        codes::UNSUPPORTED_MEMBER,
                        &member_at,
                        value,
                        format!("path item member `{key}` has no connector equivalent and is dropped"),
                    ),
                }
                continue;
            };
            if !routes.insert((method, path.to_ascii_lowercase())) && !ctx.faithful {
                ctx.report(
                    codes::DUPLICATE_ROUTE,
                    &member_at,
                    format!("`{} {path}` repeats an earlier operation's method and path (compared ignoring case); it is dropped", method.as_upper()),
                );
                continue;
            }
            let operation = operation(
                ctx, api, &mut ids, &declared, method, path, item, &item_at, value, &member_at,
            );
            api.operations.push(operation);
        }
    }
    declare_tags(ctx, api);
}

#[allow(clippy::too_many_arguments)]
fn operation<'a>(
    ctx: &mut Context<'a>,
    api: &mut Api,
    ids: &mut Ids,
    declared: &[String],
    method: Method,
    path: &str,
    item: &'a Value,
    item_at: &str,
    value: &'a Value,
    at: &str,
) -> Operation {
    let summary = ctx.string(value, "summary", at);
    let raw_id = ctx.string(value, "operationId", at);
    let id = ids.assign(
        ctx,
        &Naming {
            id: raw_id.as_deref(),
            summary: summary.as_deref(),
            method,
            path,
        },
        at,
    );
    let mut operation = Operation::new(id, method, path);
    operation.summary = summary;
    operation.description = ctx.string(value, "description", at);
    if ctx.version().is_openapi3() {
        // A path item's summary and description apply to its operations.
        if operation.summary.is_none() {
            operation.summary = ctx.string(item, "summary", item_at);
        }
        if operation.description.is_none() {
            operation.description = ctx.string(item, "description", item_at);
        }
    }
    operation.tags = ctx.strings(value, "tags", at);
    operation.deprecated = ctx.boolean(value, "deprecated", at);
    operation.extensions = ctx.extensions(value);
    operation.origin = Some(ctx.origin(at));
    if value.get("consumes").is_some() {
        operation.consumes = Some(ctx.strings(value, "consumes", at));
    }
    if value.get("produces").is_some() {
        operation.produces = Some(ctx.strings(value, "produces", at));
    }
    if value.get("security").is_some() {
        operation.security =
            security::requirements(ctx, value, at, declared, &mut api.layout.verbatim);
    }
    parameters(ctx, api, &mut operation, item, item_at, value, at);
    if ctx.version().is_openapi3() {
        if let Some(body) = value.get("requestBody") {
            let body_at = pointer::push(at, "requestBody");
            let mut consumes = None;
            operation.body =
                crate::bodies::request_body_use(ctx, api, body, &body_at, &mut consumes);
            if operation.consumes.is_none() {
                operation.consumes = consumes;
            }
        }
    }
    crate::bodies::responses(ctx, api, &mut operation, value, at);
    let map = value.as_object().into_iter().flatten();
    for (key, member) in map {
        let member_at = pointer::push(at, key);
        match key.as_str() {
            "summary" | "operationId" | "description" | "tags" | "deprecated" | "consumes"
            | "produces" | "security" | "parameters" | "responses" | "requestBody" => {}
            _ if key.starts_with("x-") => {}
            "callbacks" => {
                let names: Vec<&str> = member.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default();
                ctx.report(
                    codes::CALLBACKS,
                    &member_at,
                    format!("callbacks [{}] have no connector equivalent and are dropped", names.join(", ")),
                );
            }
            "servers" => ctx.report(
                codes::ALTERNATIVE_SERVERS,
                &member_at,
                "servers of an operation are dropped; the connector calls every operation on its one host",
            ),
            _ => ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &member_at,
                member,
                format!("operation member `{key}` has no connector equivalent and is dropped"),
            ),
        }
    }
    fix_path_parameters(ctx, &mut operation, at);
    operation
}

/// The operation's parameters: path-level ones first, overridden by operation-level ones.
fn parameters<'a>(
    ctx: &mut Context<'a>,
    api: &mut Api,
    operation: &mut Operation,
    item: &'a Value,
    item_at: &str,
    value: &'a Value,
    at: &str,
) {
    // Each parameter with its pointer and whether the path item declared it.
    let mut lowered: Vec<(Lowered, String, bool)> = Vec::new();
    let own = ctx.items(value, "parameters", at);
    let common = ctx.items(item, "parameters", item_at);
    // Operation parameters override path parameters with the same name and location.
    let own_keys: Vec<(String, String)> = own.iter().filter_map(|p| ctx_key(ctx, p)).collect();
    for (index, parameter_value) in common.iter().enumerate() {
        if ctx_key(ctx, parameter_value).is_some_and(|k| own_keys.contains(&k)) {
            continue;
        }
        let parameter_at = pointer::push(&pointer::push(item_at, "parameters"), &index.to_string());
        if let Some(l) = use_parameter(ctx, api, parameter_value, &parameter_at) {
            lowered.push((l, parameter_at, true));
        }
    }
    for (index, parameter_value) in own.iter().enumerate() {
        let parameter_at = pointer::push(&pointer::push(at, "parameters"), &index.to_string());
        if let Some(l) = use_parameter(ctx, api, parameter_value, &parameter_at) {
            lowered.push((l, parameter_at, false));
        }
    }
    let mut form: Vec<FormField> = Vec::new();
    let mut seen: HashSet<(ParameterLocation, String)> = HashSet::new();
    let mut inherited = 0;
    for (item, item_at, from_path) in lowered {
        match item {
            Lowered::Parameter(p) => {
                let key = match p.location {
                    ParameterLocation::Header => p.name.to_ascii_lowercase(),
                    _ => p.name.clone(),
                };
                if !seen.insert((p.location, key)) {
                    ctx.report(
                        codes::DUPLICATE_PARAMETER,
                        &item_at,
                        format!(
                            "{} parameter `{}` is declared twice; the later one is dropped",
                            p.location.as_str(),
                            p.name
                        ),
                    );
                    continue;
                }
                inherited += usize::from(from_path);
                operation.parameters.push(p);
            }
            Lowered::Body(mut body) => {
                if let Some(media) = operation.consumes.iter().flatten().find(|c| !is_form(c)) {
                    body.media_type = media.clone();
                }
                if operation.body.is_some() || !form.is_empty() {
                    ctx.report(
                        codes::DUPLICATE_PARAMETER,
                        &item_at,
                        "a second body parameter is dropped",
                    );
                    continue;
                }
                if ctx.faithful {
                    api.layout
                        .body_positions
                        .insert(operation.id.clone(), operation.parameters.len() - inherited);
                }
                operation.body = Some(body);
            }
            Lowered::Form(field) => {
                if operation.body.is_some() {
                    ctx.report(
                        codes::DUPLICATE_PARAMETER,
                        &item_at,
                        "form parameters beside a body parameter are dropped",
                    );
                    continue;
                }
                if form.is_empty() && ctx.faithful {
                    api.layout
                        .body_positions
                        .insert(operation.id.clone(), operation.parameters.len() - inherited);
                }
                form.push(field);
            }
        }
    }
    if ctx.faithful && inherited > 0 {
        api.layout
            .inherited_parameters
            .insert(operation.id.clone(), inherited);
    }
    if !form.is_empty() {
        let consumes = operation
            .consumes
            .clone()
            .unwrap_or_else(|| api.consumes.clone());
        let has_file = form
            .iter()
            .any(|f| f.schema.schema_type == Some(SchemaType::File));
        let media_type = if has_file
            || consumes
                .iter()
                .any(|c| c.starts_with("multipart/form-data"))
        {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        operation.body = Some(Body {
            media_type: media_type.to_owned(),
            required: form.iter().any(|f| f.required),
            name: None,
            summary: None,
            description: None,
            content: BodyContent::Form { fields: form },
            shared: None,
            extensions: Default::default(),
            origin: None,
        });
    }
    // The position counts the operation's own parameters, as the file lists them; only one
    // that is not last is recorded (the common case needs nothing).
    if let Some(position) = api.layout.body_positions.get(&operation.id) {
        if *position >= operation.parameters.len() - inherited {
            api.layout.body_positions.shift_remove(&operation.id);
        }
    }
}

fn is_form(media_type: &str) -> bool {
    media_type.starts_with("multipart/form-data")
        || media_type.starts_with("application/x-www-form-urlencoded")
}

/// `(name, in)` of a parameter, looking through a reference without reporting.
fn ctx_key(ctx: &Context<'_>, value: &Value) -> Option<(String, String)> {
    let value = match ref_of(value) {
        Some(reference) => ctx.target(reference).ok()?.0,
        None => value,
    };
    Some((
        value.get("name")?.as_str()?.to_owned(),
        value.get("in")?.as_str()?.to_owned(),
    ))
}

/// A parameter as an operation uses it: a reference to a shared parameter keeps its name.
fn use_parameter<'a>(
    ctx: &mut Context<'a>,
    api: &Api,
    value: &'a Value,
    at: &str,
) -> Option<Lowered> {
    if let Some(reference) = ref_of(value) {
        let prefix = match ctx.version() {
            Version::Swagger2 => "#/parameters/",
            _ => "#/components/parameters/",
        };
        if let Some(name) = reference
            .strip_prefix(prefix)
            .filter(|n| !n.contains('/'))
            .map(unescape)
        {
            match api.shared_parameters.get(&name) {
                Some(SharedParameter::Parameter(p)) => {
                    let mut p = p.clone();
                    p.shared = Some(name);
                    return Some(Lowered::Parameter(p));
                }
                Some(SharedParameter::Body(b)) => {
                    let mut b = b.clone();
                    b.shared = Some(name);
                    return Some(Lowered::Body(b));
                }
                None => {}
            }
        }
    }
    let (value, resolved_at) = ctx.resolve(value, at)?;
    parameter(ctx, api, value, &resolved_at)
}

/// One parameter object (already resolved).
pub fn parameter<'a>(
    ctx: &mut Context<'a>,
    api: &Api,
    value: &'a Value,
    at: &str,
) -> Option<Lowered> {
    let Some(name) = ctx.string(value, "name", at) else {
        ctx.report(
            codes::WRONG_TYPE,
            at,
            "a parameter without a name is dropped",
        );
        return None;
    };
    let location = ctx.string(value, "in", at).unwrap_or_default();
    let required = ctx.boolean(value, "required", at);
    let description = ctx.string(value, "description", at);
    let extensions = ctx.extensions(value);
    let origin = Some(ctx.origin(at));
    let location = match location.as_str() {
        "path" => ParameterLocation::Path,
        "query" => ParameterLocation::Query,
        "header" => ParameterLocation::Header,
        "cookie" => {
            ctx.report_help(
                codes::COOKIE_PARAMETER,
                at,
                format!("cookie parameter `{name}` cannot be sent by a connector; it is dropped"),
                "send the value in a header or query parameter instead",
            );
            return None;
        }
        "body" if ctx.version() == Version::Swagger2 => {
            for (key, member) in value.as_object().into_iter().flatten() {
                let known = ["name", "in", "required", "description", "schema"];
                if !known.contains(&key.as_str()) && !key.starts_with("x-") {
                    ctx.unmapped(
                        codes::UNSUPPORTED_MEMBER,
                        &pointer::push(at, key),
                        member,
                        format!("body parameter member `{key}` has no connector equivalent and is dropped"),
                    );
                }
            }
            let schema = value
                .get("schema")
                .map(|s| ctx.schema(s, &pointer::push(at, "schema")));
            // A body parameter is a document: the first non-form media type the API accepts.
            let media_type = api
                .consumes
                .iter()
                .find(|c| !is_form(c))
                .cloned()
                .unwrap_or_else(|| "application/json".to_owned());
            return Some(Lowered::Body(Body {
                media_type,
                required,
                name: Some(name),
                summary: None,
                description,
                content: BodyContent::Document {
                    schema,
                    examples: Vec::new(),
                },
                shared: None,
                extensions,
                origin,
            }));
        }
        "formData" if ctx.version() == Version::Swagger2 => {
            let schema = ctx.schema_except(value, at, PARAMETER_KEYS);
            return Some(Lowered::Form(FormField {
                name,
                required,
                schema,
                summary: None,
                description,
                visibility: None,
                example: None,
                extensions,
                origin,
            }));
        }
        other => {
            ctx.report(
                codes::WRONG_TYPE,
                &pointer::push(at, "in"),
                format!("parameter `{name}` has location `{other}`, which is not path, query or header; it is dropped"),
            );
            return None;
        }
    };
    let mut parameter = Parameter::new(name.clone(), location);
    parameter.required = required;
    parameter.description = description;
    parameter.extensions = extensions;
    parameter.origin = origin;
    parameter.allow_empty_value = ctx.boolean(value, "allowEmptyValue", at);
    if ctx.version() == Version::Swagger2 {
        parameter.schema = ctx.schema_except(value, at, PARAMETER_KEYS);
        parameter.collection_format = ctx.string(value, "collectionFormat", at);
    } else {
        parameter.schema = match (value.get("schema"), value.get("content")) {
            (Some(schema), _) => ctx.schema(schema, &pointer::push(at, "schema")),
            (None, Some(content)) => {
                let content_at = pointer::push(at, "content");
                let first = content.as_object().and_then(|m| m.iter().next());
                match first {
                    Some((media, media_value)) => {
                        ctx.report(
                            codes::PARAMETER_CONTENT,
                            &content_at,
                            format!("parameter `{name}` is described by content; the schema of `{media}` is used and the value is sent as text"),
                        );
                        match media_value.get("schema") {
                            Some(schema) => ctx.schema(
                                schema,
                                &pointer::push(&pointer::push(&content_at, media), "schema"),
                            ),
                            None => Schema::of(SchemaType::String),
                        }
                    }
                    None => Schema::of(SchemaType::String),
                }
            }
            (None, None) => Schema::of(SchemaType::String),
        };
        parameter.example = value.get("example").cloned().or_else(|| {
            value
                .get("examples")
                .and_then(Value::as_object)
                .and_then(|m| m.values().next())
                .and_then(|e| e.get("value"))
                .cloned()
        });
        if value.get("content").is_none() {
            style(ctx, &mut parameter, value, at);
        }
        for key in ["deprecated", "allowReserved"] {
            if value.get(key) == Some(&Value::Bool(true)) {
                ctx.report(
                    codes::UNSUPPORTED_MEMBER,
                    &pointer::push(at, key),
                    format!("`{key}: true` on parameter `{name}` has no Swagger 2.0 equivalent and is dropped"),
                );
            }
        }
    }
    // An existing connector keeps what it says; the backend's rules are not applied to it.
    if location == ParameterLocation::Path && !parameter.required && !ctx.faithful {
        ctx.report(
            codes::WRONG_TYPE,
            &pointer::push(at, "required"),
            format!("path parameter `{name}` is not marked required; path parameters always are"),
        );
        parameter.required = true;
    }
    Some(Lowered::Parameter(parameter))
}

/// OpenAPI 3 `style`/`explode` to Swagger 2.0 `collectionFormat`.
fn style<'a>(ctx: &mut Context<'a>, parameter: &mut Parameter, value: &'a Value, at: &str) {
    let style = value.get("style").and_then(Value::as_str);
    let explode = value.get("explode").and_then(Value::as_bool);
    let array = parameter.schema.schema_type == Some(SchemaType::Array);
    let object = parameter.schema.schema_type == Some(SchemaType::Object);
    let (default_style, location) = match parameter.location {
        ParameterLocation::Query => ("form", "query"),
        ParameterLocation::Path => ("simple", "path"),
        ParameterLocation::Header => ("simple", "header"),
    };
    let style = style.unwrap_or(default_style);
    let explode = explode.unwrap_or(style == "form");
    let expressible = if array {
        let format = match (style, explode) {
            ("form", true) => Some("multi"),
            ("form", false) | ("simple", _) => Some("csv"),
            ("spaceDelimited", false) => Some("ssv"),
            ("pipeDelimited", false) => Some("pipes"),
            _ => None,
        };
        // `csv` is Swagger 2.0's default; only other formats need saying.
        parameter.collection_format = format.filter(|f| *f != "csv").map(str::to_owned);
        format.is_some()
    } else {
        !object && style == default_style
    };
    if !expressible {
        ctx.report(
            codes::PARAMETER_STYLE,
            at,
            format!(
                "{location} parameter `{}` uses style `{style}` with explode {explode}, which Swagger 2.0 cannot express; it is sent as plain text",
                parameter.name
            ),
        );
    }
}

/// Every `{name}` in the path gets a path parameter, every path parameter a `{name}`.
fn fix_path_parameters<'a>(ctx: &mut Context<'a>, operation: &mut Operation, at: &str) {
    let Some(variables) = path_variables(&operation.path) else {
        return;
    };
    let variables: Vec<String> = variables.into_iter().map(str::to_owned).collect();
    if ctx.faithful {
        // An existing connector is kept as written, even when its path and parameters disagree.
        let declared: Vec<&str> = operation
            .parameters
            .iter()
            .filter(|p| p.location == ParameterLocation::Path)
            .map(|p| p.name.as_str())
            .collect();
        let agree = variables.iter().all(|v| declared.contains(&v.as_str()))
            && declared.iter().all(|d| variables.iter().any(|v| v == d));
        if !agree {
            ctx.report(
                codes::PATH_PARAMETER_FIXED,
                at,
                format!(
                    "path `{}` and the path parameters of `{}` disagree; kept as written",
                    operation.path, operation.id
                ),
            );
        }
        return;
    }
    let before = operation.parameters.len();
    operation
        .parameters
        .retain(|p| p.location != ParameterLocation::Path || variables.contains(&p.name));
    if operation.parameters.len() != before {
        ctx.report(
            codes::PATH_PARAMETER_FIXED,
            at,
            format!("operation `{}` declares path parameters its path `{}` does not use; they are dropped", operation.id, operation.path),
        );
    }
    for variable in variables {
        let declared = operation
            .parameters
            .iter()
            .any(|p| p.location == ParameterLocation::Path && p.name == variable);
        if !declared {
            ctx.report(
                codes::PATH_PARAMETER_FIXED,
                at,
                format!("path `{}` uses `{{{variable}}}` without declaring it; a required string parameter is added", operation.path),
            );
            operation
                .parameters
                .push(Parameter::new(variable, ParameterLocation::Path));
        }
    }
}

/// Declares tags that operations use but the document does not list.
fn declare_tags<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let mut missing: Vec<(String, String)> = Vec::new();
    for operation in &api.operations {
        for tag in &operation.tags {
            if !api.tags.iter().any(|t| &t.name == tag) && !missing.iter().any(|(t, _)| t == tag) {
                let at = operation
                    .origin
                    .as_ref()
                    .map(|o| o.pointer.clone())
                    .unwrap_or_default();
                missing.push((tag.clone(), at));
            }
        }
    }
    for (name, at) in missing {
        if ctx.faithful {
            api.layout.undeclared_tags.push(name.clone());
        } else {
            ctx.report(
                codes::UNDECLARED_TAG,
                &pointer::push(&at, "tags"),
                format!("tag `{name}` is used but not declared; it is declared"),
            );
        }
        api.tags.push(Tag {
            name,
            description: None,
            extensions: Default::default(),
            origin: None,
        });
    }
}
