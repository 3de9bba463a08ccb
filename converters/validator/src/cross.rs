//! Rules that need both files: policies and script operations against operationIds,
//! `@connectionParameters(...)` references against declared parameters, and the swagger's
//! security definition against the connection parameters that supply its credentials.

use crate::codes;
use crate::json::{Node, Value};
use crate::properties::connection_references;
use crate::report::Sink;
use crate::swagger::Swagger;
use crate::text::{child, index};

/// A declared connection parameter: its name and type.
struct Declared<'a> {
    name: &'a str,
    kind: &'a str,
}

/// Every connection parameter, from `connectionParameters` and every parameter set.
fn declared<'a>(properties: &'a Node<'a>) -> Vec<Declared<'a>> {
    fn add<'a>(params: Option<&'a Node<'a>>, out: &mut Vec<Declared<'a>>) {
        for m in params.map(Node::members).unwrap_or_default() {
            let kind = m
                .value
                .get("type")
                .and_then(Node::as_str)
                .unwrap_or_default();
            out.push(Declared { name: &m.key, kind });
        }
    }
    let mut out = Vec::new();
    add(properties.get("connectionParameters"), &mut out);
    if let Some(values) = properties
        .get("connectionParameterSets")
        .and_then(|s| s.get("values"))
    {
        for set in values.items() {
            add(set.get("parameters"), &mut out);
        }
    }
    out
}

pub(crate) fn check(swagger: &Swagger<'_>, root: &Node, sink: &mut Sink) {
    let Some(properties) = root.get("properties").filter(|p| p.is_object()) else {
        return;
    };
    let at = "/properties";
    let params = declared(properties);
    if let Some(policies) = properties.get("policyTemplateInstances") {
        let pat = child(at, "policyTemplateInstances");
        for (i, policy) in policies.items().iter().enumerate() {
            let iat = child(&index(&pat, i), "parameters");
            let Some(parameters) = policy.get("parameters") else {
                continue;
            };
            if let Some(names) = parameters.get("x-ms-apimTemplate-operationName") {
                let nat = child(&iat, "x-ms-apimTemplate-operationName");
                for (j, name) in names.items().iter().enumerate() {
                    let Some(id) = name.as_str() else { continue };
                    if swagger.operation(id).is_none() {
                        sink.emit(
                            codes::POLICY_OPERATION_UNKNOWN,
                            name.pos,
                            &index(&nat, j),
                            format!("the policy applies to the operation '{id}', which the swagger does not define"),
                            "correct the operationId or remove it from the list",
                        );
                    }
                }
            }
            check_references(parameters, &iat, &params, sink);
        }
    }
    if let Some(list) = properties.get("scriptOperations") {
        let sat = child(at, "scriptOperations");
        for (i, name) in list.items().iter().enumerate() {
            let Some(id) = name.as_str() else { continue };
            if swagger.operation(id).is_none() {
                sink.emit(
                    codes::SCRIPT_OPERATION_UNKNOWN,
                    name.pos,
                    &index(&sat, i),
                    format!("scriptOperations lists '{id}', which the swagger does not define"),
                    "correct the operationId or remove it",
                );
            }
        }
    }
    check_security(swagger, properties, &params, sink);
}

/// Reports `@connectionParameters('x')` in any string under `node` naming no parameter.
fn check_references(node: &Node, at: &str, params: &[Declared<'_>], sink: &mut Sink) {
    match &node.value {
        Value::String(text) => {
            for name in connection_references(text) {
                let base = name.split(':').next().unwrap_or(name);
                if !params.iter().any(|p| p.name == name || p.name == base) {
                    sink.emit(
                        codes::CONNECTION_PARAMETER_UNDECLARED,
                        node.pos,
                        at,
                        format!("the policy refers to the connection parameter '{name}', which is not declared"),
                        format!("declare '{name}' under connectionParameters, or correct the name"),
                    );
                }
            }
        }
        Value::Object(members) => {
            for m in members {
                check_references(&m.value, &child(at, &m.key), params, sink);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_references(item, &index(at, i), params, sink);
            }
        }
        _ => {}
    }
}

fn check_security(
    swagger: &Swagger<'_>,
    properties: &Node,
    params: &[Declared<'_>],
    sink: &mut Sink,
) {
    let first = swagger
        .root
        .get("securityDefinitions")
        .and_then(|d| d.members().first());
    let kind = first
        .and_then(|m| m.value.get("type"))
        .and_then(Node::as_str);
    let anchor = properties.get("connectionParameters").unwrap_or(properties);
    let at = if properties.get("connectionParameters").is_some() {
        "/properties/connectionParameters"
    } else {
        "/properties"
    };
    let credential = |p: &&Declared<'_>| matches!(p.kind, "securestring" | "string");
    let oauth: Vec<&Declared<'_>> = params
        .iter()
        .filter(|p| p.kind.eq_ignore_ascii_case("oauthSetting"))
        .collect();
    let name = first.map(|m| &*m.key).unwrap_or_default();
    let (needed, convention): (&str, &[&str]) = match kind {
        Some("apiKey") => ("a securestring parameter for the API key", &["api_key"]),
        Some("basic") => (
            "securestring parameters for the user name and password",
            &["username", "password"],
        ),
        Some("oauth2") => ("an oauthSetting parameter", &["token"]),
        _ => {
            if let Some(p) = oauth.first() {
                sink.emit(
                    codes::CONNECTION_PARAMETER_WITHOUT_SECURITY,
                    anchor.pos,
                    &child(at, p.name),
                    format!("the oauthSetting parameter '{}' has no oauth2 security definition to pair with in the swagger", p.name),
                    "add an oauth2 (accessCode) entry first in securityDefinitions",
                );
            }
            return;
        }
    };
    let found = match kind {
        Some("oauth2") => !oauth.is_empty(),
        _ => params.iter().any(|p| credential(&p)),
    };
    if !found {
        sink.emit(
            codes::SECURITY_WITHOUT_CONNECTION_PARAMETER,
            anchor.pos,
            at,
            format!("the swagger's security definition '{name}' ({}) has no matching connection parameter: it needs {needed}", kind.unwrap_or_default()),
            format!("declare {} in connectionParameters", crate::text::list(convention)),
        );
        return;
    }
    let missing: Vec<&&str> = convention
        .iter()
        .filter(|c| !params.iter().any(|p| p.name == **c))
        .collect();
    if !missing.is_empty() {
        sink.emit(
            codes::SECURITY_PARAMETER_NAME,
            anchor.pos,
            at,
            format!(
                "the {} security definition '{name}' is conventionally paired with the connection parameter(s) {}, which are not declared",
                kind.unwrap_or_default(),
                crate::text::list(&missing.iter().map(|s| **s).collect::<Vec<_>>())
            ),
            "rename the credential parameter(s) so the platform and tools such as paconn find them",
        );
    }
}
