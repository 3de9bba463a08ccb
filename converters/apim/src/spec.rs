//! Specification documents, read by the OpenAPI frontend (OpenAPI 3.x or Swagger 2.0, JSON
//! or YAML). Its findings keep their `OA` codes; a fatal one becomes this API's failure.

use connectorize_ir::{Api, Diagnostics, Error, Method};
use serde_json::Value;

use crate::Options;

/// Reads a specification into an IR API.
pub fn read(
    text: &str,
    file: &str,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<Api, Error> {
    let settings = connectorize_openapi::Options {
        variables: options.variables.clone(),
    };
    connectorize_openapi::read(text, file, &settings, out)
}

/// The `(operationId, method, path)` triples of a specification, in document order.
///
/// API Management names operation folders after operation ids, which the OpenAPI frontend may
/// rebuild (a 24-hex portal id becomes a name taken from the summary); the route ties the
/// folder back to the rebuilt operation.
pub fn routes(text: &str) -> Vec<(String, Method, String)> {
    let document: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(_) => crate::yaml::to_value(text).unwrap_or(Value::Null),
    };
    let mut out = Vec::new();
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, operation) in item.as_object().into_iter().flatten() {
            let (Some(method), Some(id)) = (
                Method::parse(method),
                operation.get("operationId").and_then(Value::as_str),
            ) else {
                continue;
            };
            out.push((id.to_string(), method, path.clone()));
        }
    }
    out
}

/// Renames operation-policy keys from APIM operation names to the ids `api` gave those
/// operations, matching by method and path.
pub fn rename_by_route(
    api: &Api,
    routes: &[(String, Method, String)],
    names: &mut [(String, crate::scopes::PolicyDoc)],
) {
    for (name, _) in names.iter_mut() {
        let Some((_, method, path)) = routes
            .iter()
            .find(|(id, _, _)| id.eq_ignore_ascii_case(name))
        else {
            continue;
        };
        if let Some(operation) = api
            .operations
            .iter()
            .find(|op| op.method == *method && op.path.eq_ignore_ascii_case(path))
        {
            *name = operation.id.clone();
        }
    }
}
