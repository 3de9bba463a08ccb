//! The invariants check: what every frontend must guarantee and every backend may assume.

use std::collections::HashSet;

use crate::codes;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::{Api, Operation, ParameterLocation, Policy, Schema};

/// Checks the invariants listed in the crate documentation and returns one diagnostic per
/// violation (all errors), in operation order.
pub fn validate(api: &Api) -> Diagnostics {
    let mut out = Diagnostics::new();
    let mut ids = HashSet::new();
    let mut routes = HashSet::new();
    let tags: HashSet<&str> = api.tags.iter().map(|t| t.name.as_str()).collect();
    let schemes: HashSet<&str> = api.security.iter().map(|s| s.name.as_str()).collect();

    for (index, operation) in api.operations.iter().enumerate() {
        let at = locate(operation, index);
        if operation.id.is_empty() || !ids.insert(operation.id.as_str()) {
            out.push(
                Diagnostic::new(
                    codes::DUPLICATE_OPERATION_ID,
                    format!("operation id `{}` is empty or used twice", operation.id),
                )
                .at(at.clone()),
            );
        }
        let route = (operation.method, operation.path.to_ascii_lowercase());
        if !routes.insert(route) {
            out.push(
                Diagnostic::new(
                    codes::DUPLICATE_ROUTE,
                    format!(
                        "`{} {}` is declared by more than one operation",
                        operation.method.as_upper(),
                        operation.path
                    ),
                )
                .at(at.clone()),
            );
        }
        check_path(operation, &at, &mut out);
        check_parameters(operation, &at, &mut out);
        for tag in &operation.tags {
            if !tags.contains(tag.as_str()) {
                out.push(
                    Diagnostic::new(
                        codes::UNDECLARED_TAG,
                        format!("operation `{}` uses undeclared tag `{tag}`", operation.id),
                    )
                    .at(at.clone()),
                );
            }
        }
        for requirement in operation.security.iter().flatten() {
            if !schemes.contains(requirement.scheme.as_str()) {
                out.push(
                    Diagnostic::new(
                        codes::UNKNOWN_SECURITY_SCHEME,
                        format!(
                            "operation `{}` requires unknown scheme `{}`",
                            operation.id, requirement.scheme
                        ),
                    )
                    .at(at.clone()),
                );
            }
        }
        let mut statuses = HashSet::new();
        for response in &operation.responses {
            if !statuses.insert(response.status) {
                out.push(
                    Diagnostic::new(
                        codes::DUPLICATE_RESPONSE,
                        format!(
                            "operation `{}` lists status {} twice",
                            operation.id, response.status
                        ),
                    )
                    .at(at.clone()),
                );
            }
            if let Some(name) = &response.shared {
                if !api.shared_responses.contains_key(name) {
                    out.push(unresolved_shared(name, &at));
                }
            }
        }
        for parameter in &operation.parameters {
            if let Some(name) = &parameter.shared {
                if !api.shared_parameters.contains_key(name) {
                    out.push(unresolved_shared(name, &at));
                }
            }
        }
        if let Some(name) = operation.body.as_ref().and_then(|b| b.shared.as_ref()) {
            if !api.shared_parameters.contains_key(name) {
                out.push(unresolved_shared(name, &at));
            }
        }
    }
    for requirement in api.security_requirements.iter().flatten() {
        if !schemes.contains(requirement.scheme.as_str()) {
            out.push(Diagnostic::new(
                codes::UNKNOWN_SECURITY_SCHEME,
                format!("the API requires unknown scheme `{}`", requirement.scheme),
            ));
        }
    }
    check_references(api, &mut out);
    check_policies(api, &ids, &mut out);
    out
}

fn locate(operation: &Operation, index: usize) -> Location {
    match &operation.origin {
        Some(origin) => origin.into(),
        None => Location::default().at(format!("/operations/{index}")),
    }
}

fn unresolved_shared(name: &str, at: &Location) -> Diagnostic {
    Diagnostic::new(
        codes::UNRESOLVED_SHARED,
        format!("shared parameter or response `{name}` is not declared"),
    )
    .at(at.clone())
}

/// The `{name}` variables of a path template, or `None` when the template is malformed.
pub fn path_variables(path: &str) -> Option<Vec<&str>> {
    if !path.starts_with('/') {
        return None;
    }
    let mut names = Vec::new();
    for segment in path.split('/') {
        let mut rest = segment;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}')? + open;
            let name = &rest[open + 1..close];
            if name.is_empty() || name.contains('{') {
                return None;
            }
            names.push(name);
            rest = &rest[close + 1..];
        }
        if rest.contains('}') {
            return None;
        }
    }
    Some(names)
}

fn check_path(operation: &Operation, at: &Location, out: &mut Diagnostics) {
    let Some(variables) = path_variables(&operation.path) else {
        out.push(
            Diagnostic::new(
                codes::INVALID_PATH,
                format!(
                    "operation `{}` has a malformed path `{}`",
                    operation.id, operation.path
                ),
            )
            .at(at.clone()),
        );
        return;
    };
    let declared: Vec<&str> = operation
        .parameters
        .iter()
        .filter(|p| p.location == ParameterLocation::Path)
        .map(|p| p.name.as_str())
        .collect();
    for variable in &variables {
        if !declared.contains(variable) {
            out.push(
                Diagnostic::new(
                    codes::PATH_PARAMETER_MISMATCH,
                    format!(
                        "path `{}` of operation `{}` uses `{{{variable}}}` but declares no such path parameter",
                        operation.path, operation.id
                    ),
                )
                .at(at.clone()),
            );
        }
    }
    for name in &declared {
        if !variables.contains(name) {
            out.push(
                Diagnostic::new(
                    codes::PATH_PARAMETER_MISMATCH,
                    format!(
                        "operation `{}` declares path parameter `{name}` that its path `{}` does not use",
                        operation.id, operation.path
                    ),
                )
                .at(at.clone()),
            );
        }
    }
}

fn check_parameters(operation: &Operation, at: &Location, out: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for parameter in &operation.parameters {
        let name = if parameter.location == ParameterLocation::Header {
            parameter.name.to_ascii_lowercase()
        } else {
            parameter.name.clone()
        };
        if !seen.insert((parameter.location, name)) {
            out.push(
                Diagnostic::new(
                    codes::DUPLICATE_PARAMETER,
                    format!(
                        "operation `{}` declares {} parameter `{}` twice",
                        operation.id,
                        parameter.location.as_str(),
                        parameter.name
                    ),
                )
                .at(at.clone()),
            );
        }
    }
}

fn check_references(api: &Api, out: &mut Diagnostics) {
    let mut check = |schema: &Schema, context: &str| {
        visit(schema, &mut |s| {
            if let Some(name) = &s.reference {
                if !api.schemas.contains_key(name) {
                    out.push(Diagnostic::new(
                        codes::UNRESOLVED_SCHEMA,
                        format!("{context} refers to schema `{name}`, which is not declared"),
                    ));
                }
            }
        });
    };
    for (name, schema) in &api.schemas {
        check(schema, &format!("schema `{name}`"));
    }
    for operation in &api.operations {
        let context = format!("operation `{}`", operation.id);
        for parameter in &operation.parameters {
            check(&parameter.schema, &context);
        }
        if let Some(body) = &operation.body {
            match &body.content {
                crate::BodyContent::Document {
                    schema: Some(schema),
                    ..
                } => check(schema, &context),
                crate::BodyContent::Document { schema: None, .. } => {}
                crate::BodyContent::Form { fields } => {
                    for field in fields {
                        check(&field.schema, &context);
                    }
                }
            }
        }
        for response in &operation.responses {
            if let Some(schema) = &response.schema {
                check(schema, &context);
            }
        }
    }
}

/// Calls `f` on a schema and every schema nested in it (not following references).
pub fn visit<'a>(schema: &'a Schema, f: &mut impl FnMut(&'a Schema)) {
    // An explicit stack keeps very deep schemas from overflowing the call stack.
    let mut stack = vec![schema];
    while let Some(s) = stack.pop() {
        f(s);
        stack.extend(s.properties.values());
        stack.extend(s.items.as_deref());
        stack.extend(s.all_of.iter());
        if let Some(crate::AdditionalProperties::Schema(extra)) = &s.additional_properties {
            stack.push(extra);
        }
    }
}

fn check_policies(api: &Api, ids: &HashSet<&str>, out: &mut Diagnostics) {
    let parameters: HashSet<&str> = api
        .connection_parameters
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    for (index, policy) in api.policies.iter().enumerate() {
        let (operations, templates): (&[String], Vec<&str>) = match policy {
            Policy::SetHeader {
                operations, value, ..
            }
            | Policy::SetQueryParameter {
                operations, value, ..
            } => (operations, vec![value]),
            Policy::RouteToEndpoint { operations, .. } => (operations, vec![]),
            Policy::DynamicHost {
                operations, url, ..
            } => (operations, vec![url]),
        };
        let at = Location::default().at(format!("/policies/{index}"));
        for id in operations {
            if !ids.contains(id.as_str()) {
                out.push(
                    Diagnostic::new(
                        codes::UNKNOWN_POLICY_OPERATION,
                        format!("policy {index} applies to unknown operation `{id}`"),
                    )
                    .at(at.clone()),
                );
            }
        }
        for template in templates {
            for name in crate::template::connection_references(template) {
                if !parameters.contains(name) {
                    out.push(
                        Diagnostic::new(
                            codes::UNKNOWN_CONNECTION_PARAMETER,
                            format!("policy {index} uses undeclared connection parameter `{name}`"),
                        )
                        .at(at.clone()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn op(id: &str, path: &str) -> Operation {
        Operation::new(id, Method::Get, path)
    }

    fn codes_of(api: &Api) -> Vec<&'static str> {
        validate(api).iter().map(|d| d.code.id()).collect()
    }

    #[test]
    fn clean_api_has_no_findings() {
        let mut api = Api::new("A");
        let mut o = op("GetUser", "/users/{id}");
        o.parameters
            .push(Parameter::new("id", ParameterLocation::Path));
        api.operations.push(o);
        assert!(validate(&api).is_empty());
    }

    #[test]
    fn finds_duplicate_ids_routes_and_path_mismatches() {
        let mut api = Api::new("A");
        api.operations.push(op("Same", "/a/{x}"));
        api.operations.push(op("Same", "/A/{x}"));
        let found = codes_of(&api);
        assert!(found.contains(&"IR003"), "{found:?}");
        assert!(found.contains(&"IR004"), "{found:?}");
        assert!(found.contains(&"IR006"), "{found:?}");
    }

    #[test]
    fn finds_unresolved_schema_and_unknown_tag_and_policy_targets() {
        let mut api = Api::new("A");
        let mut o = op("List", "/items");
        o.tags.push("Nope".into());
        let mut response = Response::new(Status::Code(200), "ok");
        response.schema = Some(Schema::array_of(Schema::reference("Item")));
        o.responses.push(response);
        api.operations.push(o);
        api.policies.push(Policy::SetHeader {
            name: "X".into(),
            value: "{connection.missing}".into(),
            exists: ExistsAction::Override,
            section: Section::Request,
            operations: vec!["Ghost".into()],
            origin: None,
        });
        let found = codes_of(&api);
        for code in ["IR008", "IR009", "IR011", "IR012"] {
            assert!(found.contains(&code), "{code} missing from {found:?}");
        }
    }

    #[test]
    fn path_variables_rejects_partial_braces() {
        assert_eq!(path_variables("/a/{b}/c{d}"), Some(vec!["b", "d"]));
        assert_eq!(path_variables("/a/{b"), None);
        assert_eq!(path_variables("a"), None);
        assert_eq!(path_variables("/a/}"), None);
    }
}
