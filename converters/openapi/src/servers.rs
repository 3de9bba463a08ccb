//! Where the API is served: Swagger 2.0 `host`/`basePath`/`schemes`, OpenAPI 3 `servers`.
//!
//! A connector has one scheme list, one host and one base path. OpenAPI 3 servers are
//! resolved (variables from `--var`, else their defaults); servers that differ from the first
//! only by scheme (API Management exports one per protocol) merge into its scheme list, and
//! the rest become alternatives, reported.

use connectorize_ir::{pointer, Api, Scheme, Server};
use serde_json::Value;

use crate::codes;
use crate::context::Context;

/// Swagger 2.0: `host`, `basePath`, `schemes`.
pub fn swagger2<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let doc = ctx.doc;
    let root = &doc.root;
    let schemes: Vec<Scheme> = ctx
        .strings(root, "schemes", "")
        .iter()
        .filter_map(|name| scheme_named(name))
        .collect();
    let Some(host) = ctx.string(root, "host", "") else {
        if root.get("basePath").is_some() && !ctx.faithful {
            ctx.report(
                codes::SERVER_UNUSABLE,
                "/basePath",
                "the document has a basePath but no host; the connector's host must be filled in",
            );
        }
        return;
    };
    let base_path = ctx
        .string(root, "basePath", "")
        .unwrap_or_else(|| "/".to_owned());
    api.server = Some(Server {
        // Without `schemes` the service is reached on https; an existing connector keeps the
        // absence (the backend writes what the file had).
        schemes: if schemes.is_empty() && !ctx.faithful {
            vec![Scheme::Https]
        } else {
            schemes
        },
        host,
        base_path,
        origin: Some(ctx.origin("/host")),
    });
}

/// OpenAPI 3: the `servers` list.
pub fn openapi3<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let doc = ctx.doc;
    let root = &doc.root;
    let mut servers: Vec<Server> = Vec::new();
    for (index, server) in ctx.items(root, "servers", "").iter().enumerate() {
        let at = pointer::push("/servers", &index.to_string());
        if let Some(server) = resolve(ctx, server, &at) {
            match servers.iter_mut().find(|s| {
                s.host.eq_ignore_ascii_case(&server.host) && s.base_path == server.base_path
            }) {
                Some(same) => {
                    for scheme in server.schemes {
                        if !same.schemes.contains(&scheme) {
                            same.schemes.push(scheme);
                        }
                    }
                }
                None => servers.push(server),
            }
        }
    }
    for server in &mut servers {
        // Connectors call the first scheme; prefer the secure one when both are offered.
        server.schemes.sort_by_key(|s| *s != Scheme::Https);
    }
    let mut servers = servers.into_iter();
    api.server = servers.next();
    api.alternative_servers = servers.collect();
    if let Some(first) = &api.server {
        for other in &api.alternative_servers {
            let at = other
                .origin
                .as_ref()
                .map(|o| o.pointer.clone())
                .unwrap_or_default();
            ctx.report_help(
                codes::ALTERNATIVE_SERVERS,
                &at,
                format!(
                    "the connector uses `{}{}`; `{}{}` is kept only as an alternative",
                    first.host, first.base_path, other.host, other.base_path
                ),
                "put the server the connector should call first",
            );
        }
    }
}

/// One server object to a server, or `None` (reported) when it gives no usable host.
fn resolve<'a>(ctx: &mut Context<'a>, server: &'a Value, at: &str) -> Option<Server> {
    let url = ctx.string(server, "url", at)?;
    let url_at = pointer::push(at, "url");
    let mut resolved = String::new();
    let mut rest = url.as_str();
    while let Some(open) = rest.find('{') {
        resolved.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            resolved.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &rest[open + 1..close];
        let variable_at = pointer::push(&pointer::push(at, "variables"), name);
        let given = ctx
            .options
            .variables
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone());
        let default = server
            .get("variables")
            .and_then(|v| v.get(name))
            .and_then(|v| v.get("default"))
            .and_then(value_text);
        match (given, default) {
            (Some(value), _) => resolved.push_str(&value),
            (None, Some(value)) => {
                ctx.report_help(
                    codes::SERVER_VARIABLE_DEFAULT,
                    &variable_at,
                    format!("server variable `{name}` takes its default `{value}`"),
                    format!("pass `--var {name}=VALUE` to choose another value"),
                );
                resolved.push_str(&value);
            }
            (None, None) => {
                ctx.report_help(
                    codes::SERVER_UNUSABLE,
                    &url_at,
                    format!("server URL `{url}` uses variable `{name}`, which has no default and no `--var` value; the server is not used"),
                    format!("pass `--var {name}=VALUE`"),
                );
                return None;
            }
        }
        rest = &rest[close + 1..];
    }
    resolved.push_str(rest);
    let Some((scheme, after)) = resolved.split_once("://") else {
        ctx.report_help(
            codes::SERVER_UNUSABLE,
            &url_at,
            format!("server URL `{resolved}` has no scheme and host (it is relative to wherever the document was served); the connector's host must be filled in"),
            "give an absolute URL such as https://api.example.com/v1",
        );
        return None;
    };
    let Some(scheme) = scheme_named(scheme) else {
        ctx.report(
            codes::SERVER_UNUSABLE,
            &url_at,
            format!("server URL `{resolved}` uses scheme `{scheme}`, which a connector cannot call; the server is not used"),
        );
        return None;
    };
    let after = after.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = match after.find('/') {
        Some(slash) => (&after[..slash], &after[slash..]),
        None => (after, "/"),
    };
    if host.is_empty() {
        ctx.report(
            codes::SERVER_UNUSABLE,
            &url_at,
            format!("server URL `{resolved}` has no host; the server is not used"),
        );
        return None;
    }
    let base_path = match path.trim_end_matches('/') {
        "" => "/".to_owned(),
        trimmed => trimmed.to_owned(),
    };
    Some(Server {
        schemes: vec![scheme],
        host: host.to_owned(),
        base_path,
        origin: Some(ctx.origin(at)),
    })
}

fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn scheme_named(name: &str) -> Option<Scheme> {
    Some(match name.to_ascii_lowercase().as_str() {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        "wss" => Scheme::Wss,
        "ws" => Scheme::Ws,
        _ => return None,
    })
}
