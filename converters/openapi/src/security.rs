//! Security schemes and requirements.
//!
//! Connectors know API keys (header or query), HTTP basic and OAuth 2.0. Mappings:
//!
//! * `http` + `bearer` has no connector equivalent. It becomes an API key sent in the
//!   `Authorization` header, because that is what the connection dialog can collect without
//!   an OAuth app: the user enters `Bearer <token>`. The scheme's description says so (in the
//!   Postman frontend's words) and OA024 tells the author, who may prefer OAuth 2.0 when the
//!   service issues tokens.
//! * `openIdConnect` becomes OAuth 2.0 (authorization code) without endpoints, because the
//!   discovery document cannot be fetched offline (OA027).
//! * Of several OAuth 2.0 flows, authorization code is preferred, then implicit, password
//!   and client credentials (OA026).
//! * Cookie API keys, other HTTP schemes and mutual TLS are dropped (OA019, OA025).

use connectorize_ir::{
    pointer, Api, ApiKeyLocation, IdentityProvider, OAuth2, OAuthFlow, SecurityKind,
    SecurityRequirement, SecurityScheme,
};
use indexmap::IndexMap;
use serde_json::Value;

use crate::codes;
use crate::context::Context;
use crate::model::Version;

/// Lowers the declared schemes and the document-wide requirements.
pub fn lower<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let doc = ctx.doc;
    let root = &doc.root;
    let (container, at) = match ctx.version() {
        Version::Swagger2 => (Some(root), ""),
        _ => (root.get("components"), "/components"),
    };
    let key = match ctx.version() {
        Version::Swagger2 => "securityDefinitions",
        _ => "securitySchemes",
    };
    if let Some(container) = container {
        let list_at = pointer::push(at, key);
        for (name, value) in ctx.entries(container, key, at) {
            let scheme_at = pointer::push(&list_at, name);
            let Some((value, resolved_at)) = ctx.resolve(value, &scheme_at) else {
                continue;
            };
            if let Some(scheme) = scheme(ctx, name, value, &resolved_at) {
                api.security.push(scheme);
            }
        }
    }
    if root.get("security").is_some() {
        let declared: Vec<String> = api.security.iter().map(|s| s.name.clone()).collect();
        api.security_requirements =
            requirements(ctx, root, "", &declared, &mut api.layout.verbatim);
    }
}

/// The requirement list `object.security`, keeping only declared schemes. An existing
/// connector naming undeclared schemes keeps its list verbatim in `verbatim` instead (`None`).
pub fn requirements<'a>(
    ctx: &mut Context<'a>,
    object: &'a Value,
    at: &str,
    declared: &[String],
    verbatim: &mut IndexMap<String, Value>,
) -> Option<Vec<SecurityRequirement>> {
    let list_at = pointer::push(at, "security");
    let mut out = Vec::new();
    let items = match object.get("security") {
        Some(Value::Array(items)) => items,
        _ => {
            ctx.report(
                codes::WRONG_TYPE,
                &list_at,
                "`security` should be a list; ignored",
            );
            return Some(out);
        }
    };
    let undeclared = items
        .iter()
        .filter_map(Value::as_object)
        .flat_map(|map| map.keys())
        .any(|name| !declared.contains(name));
    if ctx.faithful && undeclared {
        ctx.report(
            codes::SECURITY_UNKNOWN,
            &list_at,
            "the security requirements name schemes the definition does not declare; they are kept verbatim",
        );
        verbatim.insert(list_at, Value::Array(items.clone()));
        return None;
    }
    for (index, item) in items.iter().enumerate() {
        let item_at = pointer::push(&list_at, &index.to_string());
        let Some(map) = item.as_object() else {
            ctx.report(
                codes::WRONG_TYPE,
                &item_at,
                "a security requirement should be an object; ignored",
            );
            continue;
        };
        if map.is_empty() && items.len() > 1 {
            ctx.report(
                codes::UNSUPPORTED_MEMBER,
                &item_at,
                "an empty requirement (authentication optional) cannot be expressed; authentication stays required",
            );
        }
        if map.len() > 1 {
            ctx.report(
                codes::SECURITY_COMBINED,
                &item_at,
                format!(
                    "a requirement needing {} schemes at once becomes alternatives; a connection uses one",
                    map.len()
                ),
            );
        }
        for (name, scopes) in map {
            if !declared.contains(name) {
                ctx.report(
                    codes::SECURITY_UNKNOWN,
                    &pointer::push(&item_at, name),
                    format!("security requirement `{name}` names no usable scheme; it is dropped"),
                );
                continue;
            }
            let scopes = scopes
                .as_array()
                .map(|list| {
                    list.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            out.push(SecurityRequirement {
                scheme: name.clone(),
                scopes,
            });
        }
    }
    Some(out)
}

fn scheme<'a>(
    ctx: &mut Context<'a>,
    name: &str,
    value: &'a Value,
    at: &str,
) -> Option<SecurityScheme> {
    let kind_name = ctx.string(value, "type", at).unwrap_or_default();
    let mut description = ctx.string(value, "description", at);
    let kind = match kind_name.as_str() {
        "apiKey" => {
            let key_name = ctx.string(value, "name", at).unwrap_or_default();
            let location = match ctx.string(value, "in", at).as_deref() {
                Some("header") => ApiKeyLocation::Header,
                Some("query") => ApiKeyLocation::Query,
                Some("cookie") => {
                    ctx.report(
                        codes::COOKIE_PARAMETER,
                        at,
                        format!("API key `{name}` is sent in a cookie, which a connector cannot do; the scheme is dropped"),
                    );
                    return None;
                }
                other => {
                    ctx.report(
                        codes::WRONG_TYPE,
                        &pointer::push(at, "in"),
                        format!("API key `{name}` has location {other:?}; read as a header"),
                    );
                    ApiKeyLocation::Header
                }
            };
            SecurityKind::ApiKey {
                name: key_name,
                location,
            }
        }
        "basic" => SecurityKind::Basic,
        "http" => {
            let http = ctx.string(value, "scheme", at).unwrap_or_default();
            match http.to_ascii_lowercase().as_str() {
                "basic" => SecurityKind::Basic,
                "bearer" => {
                    ctx.report_help(
                        codes::BEARER_AS_API_KEY,
                        at,
                        format!("HTTP bearer scheme `{name}` becomes an API key sent in the Authorization header; users paste `Bearer <token>`"),
                        "if the service issues tokens through OAuth 2.0, describe it as an oauth2 scheme instead",
                    );
                    // The same wording as the Postman frontend's, so connectors read alike.
                    let note = "Enter the token as `Bearer <token>`.";
                    description = Some(match description {
                        Some(text) => format!("{text} {note}"),
                        None => note.to_owned(),
                    });
                    SecurityKind::ApiKey {
                        name: "Authorization".to_owned(),
                        location: ApiKeyLocation::Header,
                    }
                }
                _ => {
                    ctx.report(
                        codes::SECURITY_SCHEME_UNSUPPORTED,
                        at,
                        format!("HTTP `{http}` authentication (`{name}`) has no connector equivalent; the scheme is dropped"),
                    );
                    return None;
                }
            }
        }
        "oauth2" => SecurityKind::OAuth2(match ctx.version() {
            Version::Swagger2 => oauth2_swagger(ctx, value, at),
            _ => oauth2_flows(ctx, name, value, at),
        }),
        "openIdConnect" => {
            let url = ctx
                .string(value, "openIdConnectUrl", at)
                .unwrap_or_default();
            ctx.report_help(
                codes::OPENID_CONNECT,
                at,
                format!("OpenID Connect scheme `{name}` becomes OAuth 2.0 (authorization code) without endpoints; its discovery document `{url}` is not fetched"),
                "fill in the authorization and token URLs from the discovery document",
            );
            SecurityKind::OAuth2(OAuth2 {
                identity_provider: provider(&url),
                ..OAuth2::default()
            })
        }
        other => {
            ctx.report(
                codes::SECURITY_SCHEME_UNSUPPORTED,
                at,
                format!("security scheme `{name}` of type `{other}` has no connector equivalent; it is dropped"),
            );
            return None;
        }
    };
    let known: &[&str] = match kind_name.as_str() {
        "apiKey" => &["type", "description", "name", "in"],
        "oauth2" if ctx.version() == Version::Swagger2 => &[
            "type",
            "description",
            "flow",
            "authorizationUrl",
            "tokenUrl",
            "scopes",
        ],
        "oauth2" => &["type", "description", "flows"],
        "openIdConnect" => &["type", "description", "openIdConnectUrl"],
        "http" => &["type", "description", "scheme", "bearerFormat"],
        _ => &["type", "description"],
    };
    for (key, member) in value.as_object().into_iter().flatten() {
        // Swagger 2.0 has no refreshUrl, yet connectors carry one; it feeds the OAuth settings.
        let read_anyway = key == "refreshUrl" && !ctx.faithful;
        if !known.contains(&key.as_str()) && !key.starts_with("x-") && !read_anyway {
            ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &pointer::push(at, key),
                member,
                format!("member `{key}` of security scheme `{name}` has no connector equivalent and is dropped"),
            );
        }
    }
    Some(SecurityScheme {
        name: name.to_owned(),
        kind,
        description,
        extensions: ctx.extensions(value),
        origin: Some(ctx.origin(at)),
    })
}

/// Swagger 2.0 oauth2: one flow with its URLs and scopes.
fn oauth2_swagger<'a>(ctx: &mut Context<'a>, value: &'a Value, at: &str) -> OAuth2 {
    let flow = match ctx.string(value, "flow", at).as_deref() {
        Some("implicit") => OAuthFlow::Implicit,
        Some("password") => OAuthFlow::Password,
        Some("application") => OAuthFlow::ClientCredentials,
        _ => OAuthFlow::AuthorizationCode,
    };
    flow_settings(ctx, flow, value, at)
}

/// OpenAPI 3 oauth2: the preferred of its flows.
fn oauth2_flows<'a>(ctx: &mut Context<'a>, name: &str, value: &'a Value, at: &str) -> OAuth2 {
    let flows_at = pointer::push(at, "flows");
    let order = [
        ("authorizationCode", OAuthFlow::AuthorizationCode),
        ("implicit", OAuthFlow::Implicit),
        ("password", OAuthFlow::Password),
        ("clientCredentials", OAuthFlow::ClientCredentials),
    ];
    let flows = value.get("flows");
    let present: Vec<&(&str, OAuthFlow)> = order
        .iter()
        .filter(|(key, _)| flows.and_then(|f| f.get(*key)).is_some())
        .collect();
    let Some((key, flow)) = present.first() else {
        ctx.report(
            codes::WRONG_TYPE,
            &flows_at,
            format!("OAuth 2.0 scheme `{name}` declares no flow; read as authorization code"),
        );
        return OAuth2::default();
    };
    if present.len() > 1 {
        let others: Vec<&str> = present[1..].iter().map(|(k, _)| *k).collect();
        ctx.report(
            codes::OAUTH_FLOW_CHOSEN,
            &flows_at,
            format!(
                "OAuth 2.0 scheme `{name}` uses flow `{key}`; {} dropped",
                others.join(", ")
            ),
        );
    }
    let flow_at = pointer::push(&flows_at, key);
    match flows.and_then(|f| f.get(*key)) {
        Some(flow_value) => flow_settings(ctx, *flow, flow_value, &flow_at),
        None => OAuth2::default(),
    }
}

fn flow_settings<'a>(ctx: &mut Context<'a>, flow: OAuthFlow, value: &'a Value, at: &str) -> OAuth2 {
    let authorization_url = ctx.string(value, "authorizationUrl", at);
    let token_url = ctx.string(value, "tokenUrl", at);
    let refresh_url = ctx.string(value, "refreshUrl", at);
    let scopes = value
        .get("scopes")
        .and_then(Value::as_object)
        .map(|map| {
            map.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let identity_provider = provider(
        authorization_url
            .as_deref()
            .or(token_url.as_deref())
            .unwrap_or_default(),
    );
    OAuth2 {
        flow,
        authorization_url,
        token_url,
        refresh_url,
        scopes,
        identity_provider,
        ..OAuth2::default()
    }
}

/// Microsoft Entra ID when the endpoints are its login hosts.
fn provider(url: &str) -> IdentityProvider {
    let lower = url.to_ascii_lowercase();
    if lower.contains("login.microsoftonline.com") || lower.contains("login.windows.net") {
        IdentityProvider::AzureActiveDirectory
    } else {
        IdentityProvider::Generic
    }
}
