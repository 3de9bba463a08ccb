//! `securityDefinitions` shapes and `security` requirements.

use super::keys;
use super::structure::check_url;
use super::Swagger;
use crate::codes;
use crate::json::{Kind, Node};
use crate::report::Sink;
use crate::text::{child, index};

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    let definitions = swagger.root.get("securityDefinitions");
    if let Some(definitions) = definitions {
        let members = definitions.members();
        for (i, m) in members.iter().enumerate() {
            let at = child("/securityDefinitions", &m.key);
            check_definition(&m.key, &m.value, &at, i == 0, sink);
            if i == 1 {
                sink.emit(
                    codes::MULTIPLE_SECURITY_DEFINITIONS,
                    m.key_pos,
                    &at,
                    format!(
                        "the connector uses only the first security definition '{}'; '{}' and later ones are ignored",
                        members[0].key, m.key
                    ),
                    "keep the one the connection should use first, or remove the others",
                );
            }
        }
    }
    if let Some(list) = keys::typed(swagger.root, "security", "", Kind::Array, sink) {
        check_requirements(list, "/security", definitions, sink);
    }
    for op in &swagger.operations {
        let at = child(&op.pointer, "security");
        if let Some(list) = keys::typed(op.node, "security", &op.pointer, Kind::Array, sink) {
            check_requirements(list, &at, definitions, sink);
        }
    }
}

fn check_definition(name: &str, node: &Node, at: &str, first: bool, sink: &mut Sink) {
    if !keys::expect(node, at, Kind::Object, sink) {
        return;
    }
    let Some(kind) = keys::required_string(node, "type", at, "a security definition", sink) else {
        return;
    };
    let (allowed, needed): (&[&str], Vec<&str>) = match kind {
        "basic" => (&["type", "description"], vec![]),
        "apiKey" => (&["type", "description", "name", "in"], vec!["name", "in"]),
        "oauth2" => {
            let flow = node.get("flow").and_then(Node::as_str).unwrap_or_default();
            let needed = match flow {
                "implicit" => vec!["flow", "authorizationUrl"],
                "password" | "application" => vec!["flow", "tokenUrl"],
                "accessCode" => vec!["flow", "authorizationUrl", "tokenUrl"],
                _ => vec!["flow"],
            };
            (
                &[
                    "type",
                    "description",
                    "flow",
                    "authorizationUrl",
                    "tokenUrl",
                    "scopes",
                ],
                needed,
            )
        }
        other => {
            sink.emit(
                codes::VALUE_NOT_IN_ENUM,
                node.get("type").map_or(node.pos, |t| t.pos),
                &child(at, "type"),
                format!("the security type '{other}' is not one of 'basic', 'apiKey', 'oauth2'"),
                "use one of the Swagger 2.0 security types",
            );
            return;
        }
    };
    for m in node.members() {
        if !m.key.starts_with("x-") && !allowed.contains(&&*m.key) {
            sink.emit(
                codes::SECURITY_PROPERTY_INVALID,
                m.key_pos,
                &child(at, &m.key),
                format!(
                    "the property '{}' is not valid for security definitions of type '{kind}'",
                    m.key
                ),
                "remove it",
            );
        }
    }
    for key in needed {
        if node.get(key).is_none() {
            sink.emit(
                codes::SECURITY_PROPERTY_REQUIRED,
                node.pos,
                at,
                format!("the security definition '{name}' of type '{kind}' needs '{key}'"),
                format!("add '{key}'"),
            );
        }
    }
    if let Some(location) = node.get("in").and_then(Node::as_str) {
        if !matches!(location, "header" | "query") {
            sink.emit(
                codes::VALUE_NOT_IN_ENUM,
                node.get("in").map_or(node.pos, |n| n.pos),
                &child(at, "in"),
                format!("an API key cannot be sent in '{location}'; use 'header' or 'query'"),
                "set \"in\" to \"header\" or \"query\"",
            );
        }
    }
    if let Some(flow) = node.get("flow") {
        match flow.as_str() {
            Some("implicit" | "accessCode") => {}
            Some(f @ ("password" | "application")) if first => sink.emit(
                codes::OAUTH_FLOW_UNSUPPORTED,
                flow.pos,
                &child(at, "flow"),
                format!("custom connectors do not support the OAuth '{f}' flow"),
                "use the 'accessCode' (authorization code) flow, or a policy/script for client credentials",
            ),
            Some("password" | "application") => {}
            _ => sink.emit(
                codes::VALUE_NOT_IN_ENUM,
                flow.pos,
                &child(at, "flow"),
                format!("the OAuth flow {} is not one of implicit, password, application, accessCode", flow.compact()),
                "use \"accessCode\"",
            ),
        }
    }
    for key in ["authorizationUrl", "tokenUrl"] {
        if let Some(url) = keys::typed(node, key, at, Kind::String, sink) {
            check_url(url, &child(at, key), sink);
        }
    }
    if let Some(scopes) = keys::typed(node, "scopes", at, Kind::Object, sink) {
        for m in scopes.members() {
            keys::expect(
                &m.value,
                &child(&child(at, "scopes"), &m.key),
                Kind::String,
                sink,
            );
        }
    }
}

fn check_requirements(list: &Node, pointer: &str, definitions: Option<&Node>, sink: &mut Sink) {
    for (i, requirement) in list.items().iter().enumerate() {
        let at = index(pointer, i);
        if !keys::expect(requirement, &at, Kind::Object, sink) {
            continue;
        }
        for m in requirement.members() {
            let item_at = child(&at, &m.key);
            let Some(definition) = definitions.and_then(|d| d.get(&m.key)) else {
                sink.emit(
                    codes::SECURITY_REQUIREMENT_UNDEFINED,
                    m.key_pos,
                    &item_at,
                    format!(
                        "the security requirement '{}' is not defined in 'securityDefinitions'",
                        m.key
                    ),
                    "add the definition or correct the name",
                );
                continue;
            };
            if !m.value.is_array() {
                sink.emit(
                    codes::SECURITY_REQUIREMENT_VALUE,
                    m.value.pos,
                    &item_at,
                    format!("the security requirement '{}' must be an array", m.key),
                    "write [] when no OAuth scopes are needed",
                );
                continue;
            }
            let oauth = definition.get("type").and_then(Node::as_str) == Some("oauth2");
            if !oauth && !m.value.items().is_empty() {
                sink.emit(
                    codes::SECURITY_REQUIREMENT_SCOPES,
                    m.value.pos,
                    &item_at,
                    format!(
                        "the security requirement '{}' is not OAuth, so it cannot list scopes",
                        m.key
                    ),
                    "write an empty array []",
                );
                continue;
            }
            if oauth {
                let scopes = definition.get("scopes");
                for (j, scope) in m.value.items().iter().enumerate() {
                    let Some(name) = scope.as_str() else { continue };
                    if scopes.and_then(|s| s.get(name)).is_none() {
                        sink.emit(
                            codes::SECURITY_SCOPE_UNDEFINED,
                            scope.pos,
                            &index(&item_at, j),
                            format!("the OAuth requirement '{}' uses the scope '{name}', which its definition does not declare", m.key),
                            "declare the scope under the definition's 'scopes' or remove it here",
                        );
                    }
                }
            }
        }
    }
}
