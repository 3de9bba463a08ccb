//! ARM operation resources to IR operations, with no specification in between.
//!
//! APIM turns required OpenAPI query parameters into template parameters on import, so URL
//! templates such as `/doc?key={key}` are common: the query part becomes query parameters. Two
//! operations that then share a method and path keep their ids; the later one gets a synthetic
//! path and a route policy back to the real one (the documented connector workaround).

use std::collections::{BTreeMap, BTreeSet};

use connectorize_ir::{
    Api, Body, BodyContent, Diagnostic, Diagnostics, Example, FormField, Header, Method, Operation,
    Origin, Parameter, ParameterLocation, Policy, Response, Schema, SchemaType, Status, Visibility,
};
use serde_json::Value;

use crate::arm::Resource;
use crate::codes;
use crate::model::{flag, text};
use crate::schema::{convert, definitions, parse_type};

/// Builds an API from an APIM API's operation and schema resources.
/// Also returns the operation ids by APIM operation name, for matching operation policies.
pub fn build(
    title: &str,
    operations: &[&Resource],
    schemas: &[&Resource],
    out: &mut Diagnostics,
) -> (Api, BTreeMap<String, String>) {
    let mut api = Api::new(title);
    let mut raw: BTreeSet<String> = BTreeSet::new();
    let mut by_schema: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for resource in schemas {
        let id = resource
            .segments
            .get(1)
            .cloned()
            .unwrap_or_default()
            .to_lowercase();
        let document = resource
            .properties
            .get("document")
            .cloned()
            .unwrap_or(Value::Null);
        for name in definitions(&document).keys() {
            by_schema
                .entry(id.clone())
                .or_default()
                .insert(name.clone());
            raw.insert(name.clone());
        }
    }
    let known = raw;
    for resource in schemas {
        let document = resource
            .properties
            .get("document")
            .cloned()
            .unwrap_or(Value::Null);
        let mut dangling = BTreeSet::new();
        for (name, schema) in definitions(&document) {
            if !api.schemas.contains_key(&name) {
                api.schemas
                    .insert(name, convert(&schema, &known, &mut dangling));
            }
        }
        for name in dangling {
            out.push(
                Diagnostic::new(codes::DANGLING_SCHEMA, format!("schema `{name}` is referred to but not in the template; an untyped object was used"))
                    .at(resource.location()),
            );
        }
    }
    let context = Ctx {
        known: &known,
        by_schema: &by_schema,
    };

    let mut routes: BTreeMap<(Method, String), String> = BTreeMap::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for resource in operations {
        let Some(name) = resource.segments.get(1).cloned() else {
            continue;
        };
        let p = &resource.properties;
        let method_text = text(p, "method").unwrap_or_default();
        let Some(method) = Method::parse(&method_text) else {
            out.push(
                Diagnostic::new(codes::UNSUPPORTED_METHOD, format!("operation `{name}` uses method `{method_text}`, which a connector cannot carry; it was dropped"))
                    .at(resource.location()),
            );
            continue;
        };
        let template = text(p, "urlTemplate").unwrap_or_else(|| "/".into());
        let (path, query) = match template.split_once('?') {
            Some((path, query)) => (path.to_string(), Some(query.to_string())),
            None => (template.clone(), None),
        };
        let path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        let id = operation_id(
            &name,
            text(p, "displayName").as_deref(),
            method,
            &path,
            &mut used,
        );
        if id != name {
            let why = if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
                "is a generated key, not a name"
            } else {
                "is not letters and digits"
            };
            out.push(
                Diagnostic::new(
                    codes::OPERATION_RENAMED,
                    format!("operation name `{name}` {why}; its id is `{id}`"),
                )
                .at(resource.location()),
            );
        }
        ids.insert(name.clone(), id.clone());
        let mut operation = Operation::new(id.clone(), method, path.clone());
        operation.summary = text(p, "displayName");
        operation.description = text(p, "description");
        operation.origin = Some(Origin::new(resource.file.clone(), resource.pointer.clone()));
        let declared: Vec<Value> = p
            .get("templateParameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let find = |var: &str| {
            declared
                .iter()
                .find(|d| text(d, "name").is_some_and(|n| n == var))
        };
        for variable in connectorize_ir::path_variables(&path).unwrap_or_default() {
            let mut parameter = parameter(
                find(variable).unwrap_or(&Value::Null),
                variable,
                ParameterLocation::Path,
                &context,
                out,
                resource,
            );
            parameter.required = true;
            operation.parameters.push(parameter);
        }
        if let Some(query) = &query {
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let mut parameter = match value.strip_prefix('{').and_then(|v| v.strip_suffix('}'))
                {
                    Some(variable) => parameter(
                        find(variable).unwrap_or(&Value::Null),
                        key,
                        ParameterLocation::Query,
                        &context,
                        out,
                        resource,
                    ),
                    None => {
                        let mut fixed = Parameter::new(key, ParameterLocation::Query);
                        fixed.schema.default = Some(Value::String(value.to_string()));
                        fixed.visibility = Some(Visibility::Internal);
                        fixed
                    }
                };
                parameter.required = true;
                push_unique(&mut operation.parameters, parameter);
            }
            out.push(
                Diagnostic::new(codes::QUERY_IN_URL_TEMPLATE, format!("the URL template of `{name}` has a query string; it became query parameters"))
                    .at(resource.location().at(format!("{}/properties/urlTemplate", resource.pointer))),
            );
        }
        let request = p.get("request").cloned().unwrap_or(Value::Null);
        for item in request
            .get("queryParameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = text(item, "name").unwrap_or_default();
            if !name.is_empty() {
                let parameter = parameter(
                    item,
                    &name,
                    ParameterLocation::Query,
                    &context,
                    out,
                    resource,
                );
                push_unique(&mut operation.parameters, parameter);
            }
        }
        for item in request
            .get("headers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = text(item, "name").unwrap_or_default();
            let lower = name.to_ascii_lowercase();
            if name.is_empty() || lower == "content-type" || lower == "ocp-apim-subscription-key" {
                continue;
            }
            let parameter = parameter(
                item,
                &name,
                ParameterLocation::Header,
                &context,
                out,
                resource,
            );
            push_unique(&mut operation.parameters, parameter);
        }
        operation.body = request
            .get("representations")
            .and_then(Value::as_array)
            .and_then(|list| {
                list.iter()
                    .find(|r| text(r, "contentType").is_some_and(|c| c.contains("json")))
                    .or_else(|| list.first())
            })
            .map(|representation| body(representation, &context, out, resource));
        for response in p
            .get("responses")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let status = match response.get("statusCode") {
                Some(Value::Number(n)) => n
                    .as_u64()
                    .and_then(|n| u16::try_from(n).ok())
                    .map(Status::Code),
                Some(Value::String(s)) => s.parse().ok(),
                _ => None,
            };
            let Some(status) = status else { continue };
            if operation.responses.iter().any(|r| r.status == status) {
                continue;
            }
            let mut converted = Response::new(
                status,
                text(response, "description").unwrap_or_else(|| status.to_string()),
            );
            if let Some(representation) = response
                .get("representations")
                .and_then(Value::as_array)
                .and_then(|l| l.first())
            {
                converted.media_type = text(representation, "contentType");
                converted.schema = schema_of(representation, &context, out, resource);
                converted.examples = examples(representation);
            }
            for header in response
                .get("headers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(name) = text(header, "name") {
                    converted.headers.push(Header {
                        name,
                        schema: Schema::of(
                            text(header, "type")
                                .and_then(|t| parse_type(&t))
                                .unwrap_or(SchemaType::String),
                        ),
                        description: text(header, "description"),
                        extensions: Default::default(),
                    });
                }
            }
            operation.responses.push(converted);
        }
        let route = (method, path.to_ascii_lowercase());
        if let Some(first) = routes.get(&route) {
            let synthetic = format!(
                "{}/{}",
                path.trim_end_matches('/'),
                name.replace(['{', '}', '/', '?', '#'], "-")
            );
            out.push(
                Diagnostic::new(
                    codes::ROUTE_COLLISION,
                    format!("`{name}` and `{first}` are both `{} {path}`; `{name}` got path `{synthetic}` and a route policy to the real one", method.as_upper()),
                )
                .at(resource.location()),
            );
            api.policies.push(Policy::RouteToEndpoint {
                path: path.clone(),
                method: None,
                operations: vec![id.clone()],
                origin: Some(Origin::new(resource.file.clone(), resource.pointer.clone())),
            });
            operation.path = synthetic;
        } else {
            routes.insert(route, name.clone());
        }
        api.operations.push(operation);
    }
    (api, ids)
}

/// Keeps a name of letters and digits; otherwise builds PascalCase from the name's words, or
/// from the display name when the name is a generated key (24 hex digits, a GUID), or from the
/// route. Unique ignoring case, as the platform compares them. Same rules as the OpenAPI
/// frontend applies to exported operation ids.
fn operation_id(
    name: &str,
    display: Option<&str>,
    method: Method,
    path: &str,
    used: &mut BTreeSet<String>,
) -> String {
    let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric());
    let hex: String = name.chars().filter(|c| *c != '-').collect();
    let generated = (hex.len() == 24 || hex.len() == 32)
        && hex.chars().all(|c| c.is_ascii_hexdigit())
        && hex.chars().any(|c| c.is_ascii_digit());
    let letter = |s: &String| s.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let candidate = if plain && !generated {
        name.to_string()
    } else {
        Some(pascal(name))
            .filter(|p| !generated && letter(p))
            .or_else(|| display.map(pascal).filter(letter))
            .unwrap_or_else(|| {
                let mut id = pascal(method.as_lower());
                for segment in path.split('/').filter(|s| !s.is_empty()) {
                    match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                        Some(variable) => {
                            id.push_str("By");
                            id.push_str(&pascal(variable));
                        }
                        None => id.push_str(&pascal(segment)),
                    }
                }
                id
            })
    };
    let mut id = candidate.clone();
    let mut n = 2;
    while !used.insert(id.to_ascii_lowercase()) {
        id = format!("{candidate}{n}");
        n += 1;
    }
    id
}

/// The words of `text`, each capitalised (`get-users` -> `GetUsers`).
fn pascal(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let shouting = w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase());
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase()).into_iter();
            let rest: String = if shouting {
                chars.as_str().to_ascii_lowercase()
            } else {
                chars.collect()
            };
            first.chain(rest.chars()).collect::<String>()
        })
        .collect()
}

struct Ctx<'a> {
    known: &'a BTreeSet<String>,
    by_schema: &'a BTreeMap<String, BTreeSet<String>>,
}

fn push_unique(list: &mut Vec<Parameter>, parameter: Parameter) {
    let same = |p: &Parameter| {
        p.location == parameter.location
            && if p.location == ParameterLocation::Header {
                p.name.eq_ignore_ascii_case(&parameter.name)
            } else {
                p.name == parameter.name
            }
    };
    if !list.iter().any(same) {
        list.push(parameter);
    }
}

fn parameter(
    item: &Value,
    name: &str,
    location: ParameterLocation,
    context: &Ctx<'_>,
    out: &mut Diagnostics,
    resource: &Resource,
) -> Parameter {
    let mut parameter = Parameter::new(name, location);
    parameter.required =
        location == ParameterLocation::Path || flag(item, "required").unwrap_or(false);
    parameter.description = text(item, "description");
    if let Some(kind) = text(item, "type")
        .and_then(|t| parse_type(&t))
        .filter(|t| !matches!(t, SchemaType::Object | SchemaType::File))
    {
        parameter.schema.schema_type = Some(kind);
        if kind == SchemaType::Array {
            parameter.schema.items = Some(Box::new(Schema::of(SchemaType::String)));
        }
    }
    if let Some(values) = item
        .get("values")
        .and_then(Value::as_array)
        .filter(|v| !v.is_empty())
    {
        parameter.schema.enum_values = Some(values.clone());
    }
    if let Some(default) = item.get("defaultValue").filter(|v| !v.is_null()) {
        parameter.schema.default = Some(default.clone());
    }
    if item.get("typeName").is_some() {
        if let Some(schema) = schema_of(item, context, out, resource) {
            if schema.reference.is_none() {
                parameter.schema = Schema {
                    default: parameter.schema.default.clone(),
                    ..schema
                };
            }
        }
    }
    parameter
}

/// The schema a representation names by `schemaId`/`typeName`.
fn schema_of(
    representation: &Value,
    context: &Ctx<'_>,
    out: &mut Diagnostics,
    resource: &Resource,
) -> Option<Schema> {
    let type_name = text(representation, "typeName");
    let schema_id = text(representation, "schemaId");
    match (type_name, schema_id) {
        (Some(name), _) if context.known.contains(&name) => Some(Schema::reference(name)),
        (Some(name), Some(id)) => {
            let known_ids = context.by_schema.contains_key(&id.to_lowercase());
            out.push(
                Diagnostic::new(
                    codes::DANGLING_SCHEMA,
                    if known_ids {
                        format!("type `{name}` is not in schema `{id}`; an untyped schema was used")
                    } else {
                        format!("schema `{id}` (type `{name}`) is not in the template; an untyped schema was used")
                    },
                )
                .at(resource.location()),
            );
            Some(Schema::default())
        }
        (Some(name), None) => {
            out.push(
                Diagnostic::new(
                    codes::DANGLING_SCHEMA,
                    format!("type `{name}` is not in the template; an untyped schema was used"),
                )
                .at(resource.location()),
            );
            Some(Schema::default())
        }
        (None, _) => None,
    }
}

fn examples(representation: &Value) -> Vec<Example> {
    let parse = |v: &Value| match v {
        Value::String(s) => serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())),
        other => other.clone(),
    };
    if let Some(sample) = representation.get("sample").filter(|s| !s.is_null()) {
        return vec![Example {
            name: None,
            value: parse(sample),
        }];
    }
    representation
        .get("examples")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .filter_map(|(name, example)| {
                    example.get("value").map(|v| Example {
                        name: Some(name.clone()),
                        value: parse(v),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn body(
    representation: &Value,
    context: &Ctx<'_>,
    out: &mut Diagnostics,
    resource: &Resource,
) -> Body {
    let media_type =
        text(representation, "contentType").unwrap_or_else(|| "application/json".into());
    let form: Vec<FormField> = representation
        .get("formParameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|field| {
            let name = text(field, "name")?;
            Some(FormField {
                name,
                required: flag(field, "required").unwrap_or(false),
                schema: Schema::of(
                    text(field, "type")
                        .and_then(|t| parse_type(&t))
                        .unwrap_or(SchemaType::String),
                ),
                summary: None,
                description: text(field, "description"),
                visibility: None,
                example: None,
                extensions: Default::default(),
                origin: None,
            })
        })
        .collect();
    let content = if form.is_empty() {
        BodyContent::Document {
            schema: schema_of(representation, context, out, resource),
            examples: examples(representation),
        }
    } else {
        BodyContent::Form { fields: form }
    };
    Body {
        media_type,
        required: true,
        name: None,
        summary: None,
        description: None,
        content,
        shared: None,
        extensions: Default::default(),
        origin: Some(Origin::new(
            resource.file.clone(),
            format!("{}/properties/request/representations", resource.pointer),
        )),
    }
}
