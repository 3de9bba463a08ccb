//! One request -> a draft operation (or a token request), before origins, merging and naming.

use connectorize_ir::{BodyContent, Method, Operation};

use crate::auth::{self, Choice};
use crate::body;
use crate::codes;
use crate::context::Ctx;
use crate::model::{describe, Auth, Request, Url};
use crate::parameters;
use crate::responses::{self};
use crate::scripts;
use crate::shape::Shape;
use crate::url::{self, Origin, OriginError};
use crate::variables::Scopes;
use crate::walk::Found;

/// A request turned into an operation, before origin, merging and naming.
pub struct Draft {
    pub operation: Operation,
    pub segments: Vec<String>,
    pub origin: Result<Origin, OriginError>,
    pub name: String,
    pub folder: Option<String>,
    /// `None`: no auth anywhere up the chain; `Some(Choice::None)`: explicit `noauth`.
    pub auth: Option<Choice>,
    pub auth_pointer: Option<String>,
    pub pointer: String,
    /// The shape of the body's document, not interned yet.
    pub body_shape: Option<Shape>,
    /// The shapes of the responses' schemas (one per response), not interned yet.
    pub response_shapes: Vec<Option<Shape>>,
}

/// A token request: its URL becomes the OAuth token URL.
pub struct TokenRequest {
    pub url: String,
    pub grant_type: String,
    pub name: String,
    pub pointer: String,
}

pub enum Converted {
    Operation(Box<Draft>),
    Token(TokenRequest),
}

/// Converts one request, or reports why it cannot be converted.
pub fn draft(
    found: &Found<'_>,
    inherited: Option<(&Auth, String)>,
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
) -> Option<Converted> {
    let item = found.item;
    let pointer = &found.pointer;
    let name = item
        .name
        .clone()
        .map(|n| n.trim().to_string())
        .unwrap_or_default();
    let shown = if name.is_empty() {
        "(unnamed)".to_string()
    } else {
        name.clone()
    };
    let request_pointer = format!("{pointer}/request");
    let (method_text, url, headers, body, own_auth, description) = match &item.request {
        Some(Request::Url(text)) => (
            "GET".to_string(),
            Url::Text(text.clone()),
            Vec::new(),
            None,
            None,
            None,
        ),
        Some(Request::Object(request)) => (
            request
                .method
                .clone()
                .filter(|m| !m.trim().is_empty())
                .unwrap_or_else(|| "GET".into()),
            request
                .url
                .clone()
                .unwrap_or(Url::Other(serde::de::IgnoredAny)),
            request
                .header
                .as_ref()
                .map(crate::model::Headers::entries)
                .unwrap_or_default(),
            request.body.clone(),
            request.auth.as_ref().filter(|a| a.kind.is_some()),
            describe(&request.description),
        ),
        _ => {
            ctx.report(
                codes::NO_URL,
                format!("request `{shown}` has no request object; it was skipped"),
                pointer,
            );
            return None;
        }
    };
    let Some(method) = Method::parse(&method_text) else {
        ctx.report_with_help(
            codes::UNSUPPORTED_METHOD,
            format!("request `{shown}` uses method `{}`, which Swagger 2.0 cannot express; it was skipped", method_text.trim()),
            &format!("{request_pointer}/method"),
            "connectors support GET, PUT, POST, DELETE, PATCH, HEAD and OPTIONS",
        );
        return None;
    };
    let Some(parts) = url::parts(&url) else {
        ctx.report(
            codes::NO_URL,
            format!("request `{shown}` has no URL; it was skipped"),
            &request_pointer,
        );
        return None;
    };
    let (auth_block, auth_pointer) = match own_auth {
        Some(auth) => (Some(auth), Some(format!("{request_pointer}/auth"))),
        None => match &inherited {
            Some((auth, at)) => (Some(*auth), Some(at.clone())),
            None => (None, None),
        },
    };
    let mut choice = auth_block.map(|a| auth::choice(a, scopes));
    if choice.is_none() {
        if let Some(from_header) = auth::from_headers(&headers) {
            ctx.tally(
                codes::AUTH_FROM_HEADER,
                from_header.label().to_string(),
                &format!("{request_pointer}/header"),
            );
            choice = Some(from_header);
        }
    }

    let origin = url::origin(&parts, scopes);
    if let Ok(origin) = &origin {
        if origin.scheme != "http" && origin.scheme != "https" {
            ctx.report(
                codes::UNSUPPORTED_SCHEME,
                format!("request `{shown}` uses the `{}` scheme; connectors call http and https only; it was skipped", origin.scheme),
                &format!("{request_pointer}/url"),
            );
            return None;
        }
    }
    if method == Method::Post {
        if let Some(grant_type) = body.as_ref().and_then(|b| token_grant(b, scopes)) {
            if let Ok(origin) = &origin {
                let mut url = origin.url();
                for segment in parts.path.iter() {
                    url.push('/');
                    url.push_str(&scopes.resolve(segment).text);
                }
                return Some(Converted::Token(TokenRequest {
                    url,
                    grant_type,
                    name: shown,
                    pointer: pointer.clone(),
                }));
            }
        }
    }

    let template = parameters::path_template(
        &parts.path,
        &parts.variables,
        scopes,
        ctx,
        &format!("{request_pointer}/url"),
    );
    let sets = choice.as_ref().and_then(Choice::sets);
    let mut operation = Operation::new(String::new(), method, String::new());
    operation.summary = (!name.is_empty()).then(|| name.clone());
    operation.description = description.or_else(|| describe(&item.description));
    operation.tags = found.tag.iter().cloned().collect();
    operation.parameters = template.parameters;
    operation.parameters.extend(parameters::query(
        &parts.query,
        sets,
        scopes,
        ctx,
        &format!("{request_pointer}/url/query"),
    ));
    let header_auth = sets
        .filter(|(_, l)| *l == connectorize_ir::ApiKeyLocation::Header)
        .map(|(n, _)| n);
    operation.parameters.extend(parameters::headers(
        &headers,
        header_auth,
        scopes,
        ctx,
        &format!("{request_pointer}/header"),
    ));
    let mut body_shape = None;
    if let Some(b) = &body {
        let content_type = headers
            .iter()
            .filter(|h| !h.disabled)
            .find(|h| {
                h.key
                    .as_deref()
                    .is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
            })
            .and_then(|h| h.value.clone())
            .map(|v| scopes.resolve(&v).text);
        let converted = body::body(b, content_type.as_deref(), scopes, ctx, &request_pointer);
        if converted.is_some() && matches!(method, Method::Get | Method::Head) {
            ctx.report(
                codes::BODY_ON_GET,
                format!(
                    "request `{shown}` sends a body with {}; the body was dropped",
                    method.as_upper()
                ),
                &format!("{request_pointer}/body"),
            );
        } else if let Some((converted, shape)) = converted {
            operation.body = Some(converted);
            body_shape = shape;
        }
    }
    // A form field carrying the API key is the authentication's, not a parameter.
    if let (Some((key, _)), Some(body)) = (sets, operation.body.as_mut()) {
        if let BodyContent::Form { fields } = &mut body.content {
            let before = fields.len();
            fields.retain(|f| !f.name.eq_ignore_ascii_case(key));
            if fields.len() < before {
                ctx.tally(
                    codes::DROPPED_HEADERS,
                    format!("form field `{key}`"),
                    &format!("{request_pointer}/body"),
                );
            }
            if fields.is_empty() {
                operation.body = None;
                body_shape = None;
            }
        }
    }
    crate::samples::add(
        &item.response,
        body.as_ref(),
        &mut operation,
        &mut body_shape,
        sets,
        scopes,
        ctx,
        pointer,
    );
    let asserted: Vec<u16> = item
        .event
        .iter()
        .filter(|e| !e.disabled && e.listen.as_deref() == Some("test"))
        .flat_map(|e| scripts::asserted_statuses(&e.source()))
        .collect();
    let (responses, response_shapes) =
        responses::responses(&item.response, &asserted, ctx, pointer)
            .into_iter()
            .unzip();
    operation.responses = responses;
    operation.origin = Some(ctx.origin(pointer));
    Some(Converted::Operation(Box::new(Draft {
        operation,
        segments: template.segments,
        origin,
        name,
        folder: found.folder.clone(),
        auth: choice,
        auth_pointer,
        pointer: pointer.clone(),
        body_shape,
        response_shapes,
    })))
}

/// The `grant_type` of a token request's body, when it is one.
pub fn token_grant(body: &crate::model::Body, scopes: &Scopes<'_>) -> Option<String> {
    let fields = body.urlencoded.iter().chain(body.formdata.iter());
    for field in fields.filter(|f| !f.disabled) {
        if field.key.as_deref().map(str::trim) == Some("grant_type") {
            return Some(
                scopes
                    .resolve(field.value.as_deref().unwrap_or_default())
                    .text,
            );
        }
    }
    let raw = body.raw.as_deref()?;
    if let Some(at) = raw.find("grant_type=") {
        let value: String = raw[at + 11..]
            .chars()
            .take_while(|c| *c != '&' && !c.is_whitespace())
            .collect();
        return Some(value);
    }
    if raw.contains("\"grant_type\"") {
        return Some(crate::large::string_member(raw, "grant_type").unwrap_or_default());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_requests_are_recognised_by_grant_type() {
        let scopes = Scopes::default();
        let form: crate::model::Body = serde_json::from_value(serde_json::json!({
            "mode": "urlencoded", "urlencoded": [{"key": "grant_type", "value": "password"}]
        }))
        .unwrap();
        assert_eq!(token_grant(&form, &scopes).as_deref(), Some("password"));
        let raw: crate::model::Body = serde_json::from_value(serde_json::json!({
            "mode": "raw", "raw": "grant_type=client_credentials&scope=x"
        }))
        .unwrap();
        assert_eq!(
            token_grant(&raw, &scopes).as_deref(),
            Some("client_credentials")
        );
        let other: crate::model::Body =
            serde_json::from_value(serde_json::json!({"mode": "raw", "raw": "{}"})).unwrap();
        assert_eq!(token_grant(&other, &scopes), None);
    }
}
