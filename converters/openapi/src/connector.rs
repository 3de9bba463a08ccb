//! Existing connectors read back: `apiDefinition.swagger.json` plus `apiProperties.json`.
//!
//! The definition is lowered in faithful mode: operation ids stay as they are (a renamed id
//! breaks every flow that calls it), every `x-` key is copied verbatim, and what the model
//! treats as equal but the file spells out (empty `[]`/`{}` members, the body's place among
//! the parameters, `false` flags, tags used but not declared) is recorded in [`Api::layout`]. The members of
//! the properties file's `properties` object are kept verbatim in
//! [`Api::verbatim_properties`], so connection parameters and policy templates come back
//! unchanged.

use connectorize_ir::{pointer, Api, Diagnostics, EmptyMember, Error, Location};
use serde_json::Value;

use crate::model::Version;
use crate::{codes, lower, parse, Options};

/// Reads an existing connector's definition (and properties file, when given).
pub fn read_connector(
    definition: &str,
    definition_file: &str,
    properties: Option<(&str, &str)>,
    diagnostics: &mut Diagnostics,
) -> Result<Api, Error> {
    let document = parse(definition, definition_file, diagnostics)?;
    if document.version != Version::Swagger2 {
        return Err(Error::new(
            codes::NOT_OPENAPI,
            "a connector definition must be Swagger 2.0 (`\"swagger\": \"2.0\"`)",
        )
        .at(Location::file(definition_file).at("")));
    }
    let mut api = lower::lower(&document, &Options::default(), true, diagnostics)?;
    let (mut empty, mut false_members) = defaulted_members(&document.root);
    // Members inside a verbatim member come back with it.
    let verbatim: Vec<String> = api
        .layout
        .verbatim
        .keys()
        .map(|k| format!("{k}/"))
        .collect();
    let outside = |at: &str| !verbatim.iter().any(|v| at.starts_with(v.as_str()));
    empty.retain(|member| outside(&member.pointer));
    false_members.retain(|at| outside(at));
    api.layout.empty = empty;
    api.layout.false_members = false_members;
    api.layout.complete = true;
    api.layout.absent = absent_members(&document.root);
    if let Some((text, file)) = properties {
        read_properties(&mut api, text, file, diagnostics)?;
    }
    Ok(api)
}

/// Copies the `properties` members verbatim, and the neutral fields they also describe.
fn read_properties(
    api: &mut Api,
    text: &str,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Result<(), Error> {
    let value = crate::source::load_json(
        text.strip_prefix('\u{feff}').unwrap_or(text),
        file,
        diagnostics,
    )
    .map_err(|e| {
        Error::new(codes::INVALID_PROPERTIES, e.diagnostic().message.clone())
            .at(e.diagnostic().location.clone())
    })?;
    let Some(Value::Object(properties)) = value.get("properties") else {
        return Err(Error::new(
            codes::INVALID_PROPERTIES,
            "the properties file has no `properties` object",
        )
        .at(Location::file(file).at("/properties")));
    };
    let text_of = |key: &str| {
        properties
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    api.info.brand_color = text_of("iconBrandColor");
    api.info.publisher = text_of("publisher");
    api.info.stack_owner = text_of("stackOwner");
    api.verbatim_properties = properties
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(())
}

/// Pointers of every member holding `[]` or `{}`, and of every member holding `false`, found
/// with an explicit stack (the model treats all of them as absent).
fn defaulted_members(root: &Value) -> (Vec<EmptyMember>, Vec<String>) {
    let mut out = Vec::new();
    let mut falses = Vec::new();
    let mut stack: Vec<(String, &Value)> = vec![(String::new(), root)];
    while let Some((at, value)) = stack.pop() {
        match value {
            Value::Object(map) => {
                for (key, member) in map.iter().rev() {
                    stack.push((pointer::push(&at, key), member));
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate().rev() {
                    stack.push((pointer::push(&at, &index.to_string()), item));
                }
            }
            _ => {}
        }
        let empty = match value {
            Value::Array(items) => items.is_empty().then_some(true),
            Value::Object(map) => map.is_empty().then_some(false),
            _ => None,
        };
        if value == &Value::Bool(false) {
            falses.push(at);
        } else if let (Some(list), false) = (empty, at.is_empty()) {
            out.push(EmptyMember { pointer: at, list });
        }
    }
    (out, falses)
}

/// Pointers of the members a connector lacks although the IR always values them, so the
/// backend would write a default there (`basePath` beside a `host`, `info.version`, a made-up
/// `operationId`, an empty response description, a body parameter's `name` and `schema`,
/// OAuth `scopes`).
fn absent_members(root: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut lacks = |object: &Value, at: &str, key: &str| {
        if object.is_object() && object.get(key).is_none() {
            out.push(pointer::push(at, key));
        }
    };
    if root.get("host").is_some() {
        lacks(root, "", "basePath");
        lacks(root, "", "schemes");
    }
    lacks(root, "", "info");
    lacks(root, "", "paths");
    if let Some(info) = root.get("info") {
        lacks(info, "/info", "title");
        lacks(info, "/info", "version");
    }
    let body = |parameter: &Value| parameter.get("in").and_then(Value::as_str) == Some("body");
    let mut responses: Vec<(String, &Value)> = Vec::new();
    for (path, item) in root
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if connectorize_ir::Method::parse(method).is_none() || !operation.is_object() {
                continue;
            }
            let at = pointer::join(["paths", path, method]);
            lacks(operation, &at, "operationId");
            lacks(operation, &at, "responses");
            let parameters = operation.get("parameters").and_then(Value::as_array);
            for (index, parameter) in parameters.into_iter().flatten().enumerate() {
                if body(parameter) {
                    let parameter_at =
                        pointer::push(&pointer::push(&at, "parameters"), &index.to_string());
                    lacks(parameter, &parameter_at, "name");
                    lacks(parameter, &parameter_at, "schema");
                }
            }
            for (status, response) in operation
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                responses.push((
                    pointer::push(&pointer::push(&at, "responses"), status),
                    response,
                ));
            }
        }
    }
    for (name, parameter) in root
        .get("parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if body(parameter) {
            let at = pointer::join(["parameters", name]);
            lacks(parameter, &at, "name");
            lacks(parameter, &at, "schema");
        }
    }
    for (name, response) in root
        .get("responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        responses.push((pointer::join(["responses", name]), response));
    }
    for (at, response) in responses {
        if response.get("$ref").is_none() {
            lacks(response, &at, "description");
        }
    }
    for (name, scheme) in root
        .get("securityDefinitions")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if scheme.get("type").and_then(Value::as_str) == Some("oauth2") {
            lacks(
                scheme,
                &pointer::join(["securityDefinitions", name]),
                "scopes",
            );
        }
    }
    out
}
