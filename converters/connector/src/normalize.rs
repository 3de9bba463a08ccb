//! The connector rules of reference §10 that a renderer can enforce, applied to an IR value
//! before it is written. Every change is reported with a `CN` code; nothing is dropped
//! silently.

use std::collections::{HashMap, HashSet};

use connectorize_ir::{
    Api, Body, BodyContent, Diagnostic, Diagnostics, Error, Location, Method, Operation, Origin,
    Parameter, ParameterLocation, Policy, Response, Schema, SchemaType, Scheme, SecurityKind,
    SecurityRequirement, Status, Visibility,
};
use rayon::prelude::*;
use serde_json::Value;

use crate::codes;
use crate::naming;

/// Formats the connector format knows (reference §2.1).
const KNOWN_FORMATS: &[&str] = &[
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "date",
    "date-time",
    "password",
    "date-no-tz",
    "email",
    "html",
    "uri",
    "uuid",
];

/// Request media types the platform accepts (reference §3.4).
const ACCEPTED_REQUEST_MEDIA: &[&str] = &[
    "application/json",
    "text/plain",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
];

/// Headers the platform sets itself (reference §3.6, §10 rule 13).
const PLATFORM_HEADERS: &[&str] = &["content-type", "accept", "authorization"];

/// Applies every rule. Fails only when no connector can be made (no usable host).
pub fn normalize(mut api: Api, diagnostics: &mut Diagnostics) -> Result<Api, Error> {
    info(&mut api, diagnostics);
    server(&mut api, diagnostics)?;
    security(&mut api, diagnostics);
    let renamed = operations(&mut api, diagnostics);
    rename_policy_targets(&mut api, &renamed);
    request_media_types(&mut api, diagnostics);
    equivalent_paths(&mut api, diagnostics);
    schemas(&mut api, diagnostics);
    connection_parameters(&mut api, diagnostics);
    Ok(api)
}

fn location(origin: Option<&Origin>, fallback: impl FnOnce() -> String) -> Location {
    match origin {
        Some(origin) => origin.into(),
        None => Location::default().at(fallback()),
    }
}

fn info(api: &mut Api, diagnostics: &mut Diagnostics) {
    let original = api.info.title.clone();
    let cleaned = naming::clean_title(&original)
        .or_else(|| naming::clean_title(&naming::display_name(&original)))
        .unwrap_or_else(|| "Connector service".replace("Connector ", "Untitled "));
    if cleaned != original {
        diagnostics.push(
            Diagnostic::new(
                codes::TITLE_CHANGED,
                format!(
                    "connector title `{original}` became `{cleaned}`: titles have at most 30 characters, \
                     end in a letter or digit and avoid the words API and Connector and product names"
                ),
            )
            .help("set a title of your own in the input if this one does not read well"),
        );
        api.info.title = cleaned;
    }
    let description = api.info.description.as_deref().map(str::trim).unwrap_or("");
    let fixed = if description.is_empty() {
        Some((
            format!("Operations of the {} service.", api.info.title),
            "the API has no description; one was generated",
        ))
    } else if description.chars().count() < 30 {
        Some((
            format!(
                "{description} Operations of the {} service.",
                api.info.title
            ),
            "the description was shorter than 30 characters and was extended",
        ))
    } else if description.chars().count() > 500 {
        Some((
            naming::truncate_words(description, 497) + "...",
            "the description was longer than 500 characters and was shortened",
        ))
    } else {
        None
    };
    if let Some((text, why)) = fixed {
        let text = if text.chars().count() < 30 {
            format!("{text} Converted by connectorize.")
        } else {
            text
        };
        diagnostics.push(Diagnostic::new(codes::DESCRIPTION_CHANGED, why));
        api.info.description = Some(text);
    }
    if api.info.version.as_deref().is_none_or(str::is_empty) {
        api.info.version = Some("1.0".into());
    }
}

fn server(api: &mut Api, diagnostics: &mut Diagnostics) -> Result<(), Error> {
    let Some(server) = api.server.as_mut() else {
        return Err(Error::new(codes::NO_HOST, "the API has no host address").help(
            "give the address in the input (a base URL, a server or a host) or on the command line",
        ));
    };
    let at = location(server.origin.as_ref(), || "/server".into());
    let mut host = server.host.trim().to_string();
    let mut repaired = false;
    if let Some((scheme, rest)) = host.split_once("://") {
        if server.schemes.is_empty() {
            match scheme.to_ascii_lowercase().as_str() {
                "http" => server.schemes.push(Scheme::Http),
                _ => server.schemes.push(Scheme::Https),
            }
        }
        host = rest.to_string();
        repaired = true;
    }
    if let Some(slash) = host.find('/') {
        let path = host[slash..].trim_end_matches('/').to_string();
        host.truncate(slash);
        if !path.is_empty() {
            server.base_path = format!("{path}{}", server.base_path.trim_end_matches('/'));
        }
        repaired = true;
    }
    if repaired {
        diagnostics.push(
            Diagnostic::new(
                codes::HOST_REPAIRED,
                format!(
                    "host `{}` held a scheme or path; the host is now `{host}`",
                    server.host
                ),
            )
            .at(at.clone()),
        );
    }
    let valid = !host.is_empty()
        && !host.contains(['{', '}', ' ', '\\', '?', '#', '@'])
        && host.split(':').count() <= 2
        && host
            .split_once(':')
            .is_none_or(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    if !valid {
        return Err(Error::new(
            codes::HOST_INVALID,
            format!("host `{host}` is not a bare host name with an optional port"),
        )
        .at(at)
        .help("a host looks like `api.example.com` or `api.example.com:8443`"));
    }
    server.host = host;
    if !server.base_path.starts_with('/') {
        server.base_path.insert(0, '/');
    }
    if server.base_path.len() > 1 && server.base_path.ends_with('/') {
        server.base_path = server.base_path.trim_end_matches('/').to_string();
        if server.base_path.is_empty() {
            server.base_path.push('/');
        }
    }
    let before = server.schemes.len();
    server
        .schemes
        .retain(|s| matches!(s, Scheme::Https | Scheme::Http));
    let mut seen = HashSet::new();
    server.schemes.retain(|s| seen.insert(*s));
    if server.schemes.len() < before && before > seen.len() {
        diagnostics.push(
            Diagnostic::new(
                codes::SCHEME_DROPPED,
                "WebSocket schemes (ws, wss) were dropped",
            )
            .at(at.clone()),
        );
    }
    if server.schemes.is_empty() {
        server.schemes.push(Scheme::Https);
    }
    Ok(())
}

fn security(api: &mut Api, diagnostics: &mut Diagnostics) {
    if api.security.len() > 1 {
        let kept = api.security[0].name.clone();
        for dropped in api.security.drain(1..) {
            diagnostics.push(
                Diagnostic::new(
                    codes::SECURITY_SCHEME_DROPPED,
                    format!(
                        "security scheme `{}` was dropped; the connector uses `{kept}`",
                        dropped.name
                    ),
                )
                .at(dropped.origin.as_ref().map(Location::from))
                .help("choose the scheme to keep in the input (for Postman collections: --auth)"),
            );
        }
    }
    let names: HashSet<String> = api.security.iter().map(|s| s.name.clone()).collect();
    let keep = |list: &mut Vec<SecurityRequirement>| list.retain(|r| names.contains(&r.scheme));
    if let Some(list) = api.security_requirements.as_mut() {
        keep(list);
    }
    for op in &mut api.operations {
        if let Some(list) = op.security.as_mut() {
            keep(list);
        }
    }
    if let Some(scheme) = api.security.first_mut() {
        if api.security_requirements.is_none() {
            api.security_requirements = Some(vec![SecurityRequirement {
                scheme: scheme.name.clone(),
                scopes: Vec::new(),
            }]);
        }
        if let SecurityKind::OAuth2(oauth) = &mut scheme.kind {
            let at = scheme.origin.as_ref().map(Location::from);
            if matches!(
                oauth.flow,
                connectorize_ir::OAuthFlow::ClientCredentials
                    | connectorize_ir::OAuthFlow::Password
            ) {
                diagnostics.push(
                    Diagnostic::new(
                        codes::OAUTH_FLOW_UNSUPPORTED,
                        format!(
                            "scheme `{}` uses the {} flow, which custom connectors do not support; \
                             the connector uses the authorization-code flow instead",
                            scheme.name,
                            match oauth.flow {
                                connectorize_ir::OAuthFlow::Password => "password",
                                _ => "client-credentials",
                            }
                        ),
                    )
                    .at(at.clone())
                    .help("check that the identity provider offers the authorization-code flow for this application"),
                );
                oauth.flow = connectorize_ir::OAuthFlow::AuthorizationCode;
            }
            let needs_authorization = matches!(
                oauth.flow,
                connectorize_ir::OAuthFlow::AuthorizationCode
                    | connectorize_ir::OAuthFlow::Implicit
            );
            let needs_token = oauth.flow != connectorize_ir::OAuthFlow::Implicit;
            let aad =
                oauth.identity_provider == connectorize_ir::IdentityProvider::AzureActiveDirectory;
            let tenant = oauth.tenant.clone().unwrap_or_else(|| "common".into());
            for (needed, url, endpoint) in [
                (
                    needs_authorization,
                    &mut oauth.authorization_url,
                    "authorize",
                ),
                (needs_token, &mut oauth.token_url, "token"),
            ] {
                if needed && url.is_none() {
                    *url = Some(if aad {
                        format!("https://login.microsoftonline.com/{tenant}/oauth2/{endpoint}")
                    } else {
                        diagnostics.push(
                            Diagnostic::new(
                                codes::OAUTH_URL_PLACEHOLDER,
                                format!(
                                    "scheme `{}` has no {endpoint} URL; a placeholder was written",
                                    scheme.name
                                ),
                            )
                            .at(at.clone())
                            .help("replace https://example.invalid in both connector files"),
                        );
                        format!("https://example.invalid/oauth2/{endpoint}")
                    });
                }
            }
        }
    }
}

/// Normalizes every operation; returns the old id of each operation whose id changed, by index.
fn operations(api: &mut Api, diagnostics: &mut Diagnostics) -> Vec<(String, String)> {
    let api_key_header = api.security.first().and_then(|s| match &s.kind {
        SecurityKind::ApiKey {
            name,
            location: connectorize_ir::ApiKeyLocation::Header,
        } => Some(name.to_ascii_lowercase()),
        _ => None,
    });
    let (api_consumes, api_produces) = (&api.consumes, &api.produces);
    // Operations are independent: each is normalized on any core, and its diagnostics are
    // reported in operation order.
    let found: Vec<Diagnostics> = api
        .operations
        .par_iter_mut()
        .enumerate()
        .map(|(index, op)| {
            let mut diagnostics = Diagnostics::new();
            operation(
                index,
                op,
                api_key_header.as_deref(),
                (api_consumes, api_produces),
                &mut diagnostics,
            );
            diagnostics
        })
        .collect();
    for found in found {
        diagnostics.extend(found);
    }
    operation_ids(api, diagnostics)
}

/// Normalizes operation `index`, given the API's `consumes` and `produces`.
fn operation(
    index: usize,
    op: &mut Operation,
    api_key_header: Option<&str>,
    (api_consumes, api_produces): (&[String], &[String]),
    diagnostics: &mut Diagnostics,
) {
    let at = location(op.origin.as_ref(), || format!("/operations/{index}"));
    path(op, &at, diagnostics);
    if matches!(op.method, Method::Get | Method::Head) && op.body.is_some() {
        op.body = None;
        diagnostics.push(
            Diagnostic::new(
                codes::BODY_DROPPED,
                format!(
                    "operation `{}` is a {} with a body; connectors cannot send it",
                    op.id,
                    op.method.as_upper()
                ),
            )
            .at(at.clone()),
        );
    }
    parameters(op, api_key_header, &at, diagnostics);
    if let Some(body) = op.body.as_mut() {
        body_rules(body, &op.id, &at, diagnostics);
    }
    responses(op, &at, diagnostics);
    summary(op, &at, diagnostics);
    if op.consumes.is_none() {
        if let Some(body) = &op.body {
            if !api_consumes.contains(&body.media_type) {
                op.consumes = Some(vec![body.media_type.clone()]);
            }
        }
    }
    if op.produces.is_none() {
        let mut media: Vec<String> = Vec::new();
        for r in &op.responses {
            if let Some(m) = &r.media_type {
                if r.schema.is_some() && !media.contains(m) {
                    media.push(m.clone());
                }
            }
        }
        if !media.is_empty() && media != api_produces {
            op.produces = Some(media);
        }
    }
}

/// Whether a media type is JSON under another name (`application/vnd.api+json`,
/// `application/json; charset=utf-8`, `text/json`).
fn is_json(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

/// The media type a connector declares for a response: JSON variants are JSON to the platform.
fn response_media_type(media_type: &str) -> String {
    if is_json(media_type) {
        "application/json".to_string()
    } else {
        media_type.to_string()
    }
}

/// Request bodies in a media type the platform does not accept are declared as the nearest
/// accepted type (JSON variants as `application/json`, text-like documents as `text/plain`),
/// and a `setheader` policy restores the real `Content-Type` for those operations, the usual
/// way connectors reach such services.
fn request_media_types(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut policies: indexmap::IndexMap<String, Vec<String>> = indexmap::IndexMap::new();
    for (index, op) in api.operations.iter_mut().enumerate() {
        let Some(body) = op.body.as_mut() else {
            continue;
        };
        if ACCEPTED_REQUEST_MEDIA.contains(&body.media_type.as_str()) || body.shared.is_some() {
            continue;
        }
        let textual = matches!(
            &body.content,
            BodyContent::Document {
                schema: Some(Schema {
                    schema_type: Some(SchemaType::String),
                    format: None,
                    ..
                }),
                ..
            }
        );
        let declared = if is_json(&body.media_type) {
            "application/json"
        } else if textual {
            "text/plain"
        } else {
            let at = location(op.origin.as_ref(), || format!("/operations/{index}"));
            diagnostics.push(
                Diagnostic::new(
                    codes::MEDIA_TYPE_UNSUPPORTED,
                    format!("operation `{}` sends `{}`, which the platform may reject", op.id, body.media_type),
                )
                .at(at)
                .help("the accepted request types are application/json, text/plain, multipart/form-data and application/x-www-form-urlencoded"),
            );
            continue;
        };
        let original = std::mem::replace(&mut body.media_type, declared.to_string());
        if let Some(consumes) = op.consumes.as_mut() {
            for media in consumes.iter_mut() {
                if *media == original {
                    *media = declared.to_string();
                }
            }
        }
        policies.entry(original).or_default().push(op.id.clone());
    }
    for (media_type, operations) in policies {
        diagnostics.push(Diagnostic::new(
            codes::CONTENT_TYPE_POLICY,
            format!(
                "{} operation(s) send `{media_type}`: they declare an accepted type and a policy sets the Content-Type header",
                operations.len()
            ),
        ));
        api.policies.push(Policy::SetHeader {
            name: "Content-Type".into(),
            value: connectorize_ir::template::escape(&media_type),
            exists: connectorize_ir::ExistsAction::Override,
            section: connectorize_ir::Section::Request,
            operations,
            origin: None,
        });
    }
}

fn path(op: &mut Operation, at: &Location, diagnostics: &mut Diagnostics) {
    let original = op.path.clone();
    let mut path = original.clone();
    if let Some(cut) = path.find(['?', '#']) {
        path.truncate(cut);
    }
    path = path.replace('*', "");
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    if path != original {
        diagnostics.push(
            Diagnostic::new(
                codes::PATH_CHANGED,
                format!("path `{original}` of operation `{}` became `{path}`", op.id),
            )
            .at(at.clone()),
        );
        op.path = path;
    }
}

fn parameters(
    op: &mut Operation,
    api_key_header: Option<&str>,
    at: &Location,
    diagnostics: &mut Diagnostics,
) {
    let id = op.id.clone();
    op.parameters.retain(|p| {
        let lower = p.name.to_ascii_lowercase();
        if p.location == ParameterLocation::Header
            && (PLATFORM_HEADERS.contains(&lower.as_str()) || Some(lower.as_str()) == api_key_header)
        {
            diagnostics.push(
                Diagnostic::new(
                    codes::HEADER_DROPPED,
                    format!("header `{}` of operation `{id}` is set by the platform and was not modelled", p.name),
                )
                .at(p.origin.as_ref().map(Location::from).or(Some(at.clone()))),
            );
            return false;
        }
        if p.name.eq_ignore_ascii_case("connectionId") {
            diagnostics.push(
                Diagnostic::new(
                    codes::RESERVED_PARAMETER,
                    format!("parameter `{}` of operation `{id}` uses the reserved name connectionId", p.name),
                )
                .at(p.origin.as_ref().map(Location::from).or(Some(at.clone())))
                .help("rename the parameter in the service or send it through a policy"),
            );
            return false;
        }
        true
    });
    for p in &mut op.parameters {
        if p.shared.is_some() {
            continue;
        }
        let p_at = p
            .origin
            .as_ref()
            .map(Location::from)
            .unwrap_or_else(|| at.clone());
        if p.location == ParameterLocation::Path {
            p.required = true;
            p.extensions
                .entry("x-ms-url-encoding".into())
                .or_insert_with(|| Value::from("single"));
        } else {
            p.extensions.shift_remove("x-ms-url-encoding");
        }
        if p.summary.is_none() {
            p.summary = Some(naming::display_name(&p.name));
        }
        if p.description.is_none() {
            p.description = Some(format!("The {} {} parameter.", p.name, p.location.as_str()));
        }
        internal_rules(
            &mut p.visibility,
            &mut p.required,
            &p.schema,
            &p.name,
            &id,
            &p_at,
            diagnostics,
        );
        parameter_schema(p);
    }
}

/// Required internal values need a default; optional internal values with a default are never
/// sent, so they become required (reference §3.6, rule 14).
fn internal_rules(
    visibility: &mut Option<Visibility>,
    required: &mut bool,
    schema: &Schema,
    name: &str,
    op: &str,
    at: &Location,
    diagnostics: &mut Diagnostics,
) {
    if *visibility != Some(Visibility::Internal) {
        return;
    }
    match (schema.default.is_some(), *required) {
        (false, _) => {
            *visibility = Some(Visibility::Advanced);
            diagnostics.push(
                Diagnostic::new(
                    codes::INTERNAL_PARAMETER,
                    format!("internal parameter `{name}` of operation `{op}` has no default, so it is shown as advanced"),
                )
                .at(at.clone()),
            );
        }
        (true, false) => {
            *required = true;
            diagnostics.push(
                Diagnostic::new(
                    codes::INTERNAL_PARAMETER,
                    format!("internal parameter `{name}` of operation `{op}` has a default, so it is now required"),
                )
                .at(at.clone()),
            );
        }
        (true, true) => {}
    }
}

/// Non-body parameters carry a primitive or array type, never a reference or an object.
fn parameter_schema(p: &mut Parameter) {
    let s = &mut p.schema;
    if s.reference.is_some()
        || matches!(
            s.schema_type,
            None | Some(SchemaType::Object) | Some(SchemaType::File)
        )
    {
        s.reference = None;
        s.schema_type = Some(SchemaType::String);
        s.properties.clear();
        s.required.clear();
        s.additional_properties = None;
    }
    if s.schema_type == Some(SchemaType::Array) && s.items.is_none() {
        s.items = Some(Box::new(Schema::of(SchemaType::String)));
    }
}

fn body_rules(body: &mut Body, op: &str, at: &Location, diagnostics: &mut Diagnostics) {
    let body_at = body
        .origin
        .as_ref()
        .map(Location::from)
        .unwrap_or_else(|| at.clone());
    match &mut body.content {
        BodyContent::Form { fields } => {
            let has_file = fields
                .iter()
                .any(|f| f.schema.schema_type == Some(SchemaType::File));
            if has_file && body.media_type == "application/x-www-form-urlencoded" {
                body.media_type = "multipart/form-data".into();
                diagnostics.push(
                    Diagnostic::new(
                        codes::FORM_ENCODING_CHANGED,
                        format!("the form of operation `{op}` has file fields and is sent as multipart/form-data"),
                    )
                    .at(body_at.clone()),
                );
            }
            fields.retain(|field| {
                if field.name.is_ascii() {
                    return true;
                }
                diagnostics.push(
                    Diagnostic::new(
                        codes::FORM_FIELD_NAME,
                        format!(
                            "form field `{}` of operation `{op}` is not US-ASCII, which the platform rejects; it was dropped",
                            field.name
                        ),
                    )
                    .at(field.origin.as_ref().map(Location::from).or(Some(body_at.clone())))
                    .help("send the field through a policy or custom code if the service needs it"),
                );
                false
            });
            for field in fields.iter_mut() {
                if field.summary.is_none() {
                    field.summary = Some(naming::display_name(&field.name));
                }
                if field.description.is_none() {
                    field.description = Some(format!("The {} form field.", field.name));
                }
                let mut required = field.required;
                internal_rules(
                    &mut field.visibility,
                    &mut required,
                    &field.schema,
                    &field.name,
                    op,
                    &body_at,
                    diagnostics,
                );
                field.required = required;
                if field.schema.schema_type != Some(SchemaType::File) {
                    let mut p = Parameter::new(field.name.clone(), ParameterLocation::Query);
                    p.schema = std::mem::take(&mut field.schema);
                    parameter_schema(&mut p);
                    field.schema = p.schema;
                }
            }
        }
        BodyContent::Document { schema, examples } => {
            if schema.is_none() {
                *schema = Some(Schema::default());
            }
            if let (Some(s), Some(example)) = (schema.as_mut(), examples.first()) {
                if s.example.is_none() {
                    if s.reference.is_some() {
                        diagnostics.push(
                            Diagnostic::new(
                                codes::EXAMPLE_NOT_PLACED,
                                format!("the body example of operation `{op}` was not written: its schema is a reference"),
                            )
                            .at(body_at.clone()),
                        );
                    } else {
                        s.example = Some(example.value.clone());
                    }
                }
            }
            examples.clear();
        }
    }
    if body.summary.is_none() {
        body.summary = Some("Body".into());
    }
    if body.description.is_none() {
        body.description = Some("The request body.".into());
    }
}

fn responses(op: &mut Operation, at: &Location, diagnostics: &mut Diagnostics) {
    if !op.responses.iter().any(|r| r.status.is_success()) {
        op.responses
            .insert(0, Response::new(Status::Code(200), "Success"));
        diagnostics.push(
            Diagnostic::new(
                codes::SUCCESS_RESPONSE_ADDED,
                format!(
                    "operation `{}` had no success response; a 200 response was added",
                    op.id
                ),
            )
            .at(at.clone()),
        );
    }
    let mut schema_kept = false;
    let mut dropped = Vec::new();
    for r in &mut op.responses {
        if let Some(media) = r.media_type.as_mut() {
            *media = response_media_type(media);
        }
        if r.description.trim().is_empty() {
            r.description = if r.status.is_success() {
                "Success".into()
            } else {
                "Error".into()
            };
        }
        if r.schema.is_none() || r.shared.is_some() {
            continue;
        }
        if r.status.is_success() && !schema_kept {
            schema_kept = true;
        } else {
            r.schema = None;
            r.examples.clear();
            dropped.push(r.status.to_string());
        }
    }
    if !dropped.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                codes::RESPONSE_SCHEMA_DROPPED,
                format!(
                    "operation `{}`: schemas of responses {} were dropped; only the first success response carries one",
                    op.id,
                    dropped.join(", ")
                ),
            )
            .at(at.clone()),
        );
    }
}

fn summary(op: &mut Operation, at: &Location, diagnostics: &mut Diagnostics) {
    let (source, generated) = match op
        .summary
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(summary) => (summary.to_string(), false),
        None => (
            naming::summary_from_route(op.method.as_upper(), &op.path),
            true,
        ),
    };
    let mut cleaned = naming::clean_summary(&source);
    if cleaned.is_empty() {
        cleaned = naming::summary_from_route(op.method.as_upper(), &op.path);
    }
    if generated || Some(cleaned.as_str()) != op.summary.as_deref() {
        let message = if generated {
            format!(
                "operation `{}` has no summary; `{cleaned}` was generated",
                op.id
            )
        } else {
            format!(
                "summary `{source}` of operation `{}` became `{cleaned}`",
                op.id
            )
        };
        diagnostics.push(Diagnostic::new(codes::SUMMARY_CHANGED, message).at(at.clone()));
        op.summary = Some(cleaned);
    }
}

/// Keeps every id that is letters and digits and unique (first use wins); rebuilds the others
/// from the summary. Returns `(old, new)` for each rebuilt id, in operation order.
fn operation_ids(api: &mut Api, diagnostics: &mut Diagnostics) -> Vec<(String, String)> {
    let mut taken: HashSet<String> = HashSet::new();
    let mut keep = vec![false; api.operations.len()];
    for (i, op) in api.operations.iter().enumerate() {
        if naming::is_valid_operation_id(&op.id) && taken.insert(op.id.to_ascii_lowercase()) {
            keep[i] = true;
        }
    }
    let mut renamed = Vec::new();
    for (i, op) in api.operations.iter_mut().enumerate() {
        if keep[i] {
            continue;
        }
        let mut base = naming::pascal_case(&op.id);
        if base.is_empty() || taken.contains(&base.to_ascii_lowercase()) {
            base = naming::pascal_case(op.summary.as_deref().unwrap_or(""));
        }
        if base.is_empty() {
            base = naming::pascal_case(&format!("{} {}", op.method.as_lower(), op.path));
        }
        if let Some(tag) = op
            .tags
            .first()
            .filter(|_| taken.contains(&base.to_ascii_lowercase()))
        {
            base = format!("{}{}", naming::pascal_case(tag), base);
        }
        let new = naming::unique(&base, |c| taken.contains(&c.to_ascii_lowercase()));
        taken.insert(new.to_ascii_lowercase());
        let at = location(op.origin.as_ref(), || format!("/operations/{i}"));
        diagnostics.push(
            Diagnostic::new(
                codes::OPERATION_ID_CHANGED,
                format!("operation id `{}` became `{new}`", op.id),
            )
            .at(at)
            .help("ids must be unique and made of letters and digits; flows call operations by id"),
        );
        renamed.push((std::mem::replace(&mut op.id, new.clone()), new));
    }
    renamed
}

fn rename_policy_targets(api: &mut Api, renamed: &[(String, String)]) {
    if renamed.is_empty() {
        return;
    }
    let map: HashMap<&str, &str> = renamed
        .iter()
        .map(|(o, n)| (o.as_str(), n.as_str()))
        .collect();
    for policy in &mut api.policies {
        let operations = match policy {
            Policy::SetHeader { operations, .. }
            | Policy::SetQueryParameter { operations, .. }
            | Policy::RouteToEndpoint { operations, .. }
            | Policy::DynamicHost { operations, .. } => operations,
        };
        for id in operations.iter_mut() {
            if let Some(new) = map.get(id.as_str()) {
                *id = (*new).to_string();
            }
        }
    }
}

/// Paths that differ only in variable names cannot be told apart by the platform; later ones
/// take the earlier one's names (path parameters are positional, so requests are unchanged).
fn equivalent_paths(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut first: HashMap<String, String> = HashMap::new();
    for (i, op) in api.operations.iter_mut().enumerate() {
        let shape = path_shape(&op.path);
        let canonical = first
            .entry(shape)
            .or_insert_with(|| op.path.clone())
            .clone();
        if canonical == op.path
            || !canonical.eq_ignore_ascii_case(&op.path)
                && path_shape(&canonical) != path_shape(&op.path)
        {
            continue;
        }
        let (Some(old_vars), Some(new_vars)) = (
            connectorize_ir::path_variables(&op.path)
                .map(|v| v.into_iter().map(String::from).collect::<Vec<_>>()),
            connectorize_ir::path_variables(&canonical)
                .map(|v| v.into_iter().map(String::from).collect::<Vec<_>>()),
        ) else {
            continue;
        };
        if old_vars == new_vars {
            continue;
        }
        for p in &mut op.parameters {
            if p.location == ParameterLocation::Path {
                if let Some(pos) = old_vars.iter().position(|v| *v == p.name) {
                    p.name = new_vars[pos].clone();
                }
            }
        }
        let at = location(op.origin.as_ref(), || format!("/operations/{i}"));
        diagnostics.push(
            Diagnostic::new(
                codes::PATH_VARIABLES_RENAMED,
                format!(
                    "path `{}` of operation `{}` became `{canonical}` to match an equivalent path",
                    op.path, op.id
                ),
            )
            .at(at),
        );
        op.path = canonical;
    }
}

/// A path with its variable names blanked: `/users/{id}` -> `/users/{}`.
fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push('{');
            }
            '}' => {
                depth -= 1;
                out.push('}');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Repairs every schema. Schemas are independent: they are repaired on any core, and the
/// repairs counted in API order, so that each kind names the same first place.
fn schemas(api: &mut Api, diagnostics: &mut Diagnostics) {
    let named = api
        .schemas
        .par_iter_mut()
        .fold(Repairs::default, |mut repairs, (name, schema)| {
            repair(schema, true, &mut repairs, &format!("schema `{name}`"));
            repairs
        })
        .reduce(Repairs::default, Repairs::merge);
    let operations = api
        .operations
        .par_iter_mut()
        .fold(Repairs::default, |mut repairs, op| {
            operation_schemas(op, &mut repairs);
            repairs
        })
        .reduce(Repairs::default, Repairs::merge);
    for (code, message) in named.merge(operations).finish() {
        diagnostics.push(Diagnostic::new(code, message));
    }
}

/// Repairs the schemas of one operation's parameters, body and responses.
fn operation_schemas(op: &mut Operation, repairs: &mut Repairs) {
    let context = format!("operation `{}`", op.id);
    visibility_extension(&mut op.extensions, repairs, &context);
    for p in &mut op.parameters {
        visibility_extension(&mut p.extensions, repairs, &context);
        repair(&mut p.schema, false, repairs, &context);
    }
    if let Some(body) = &mut op.body {
        visibility_extension(&mut body.extensions, repairs, &context);
        match &mut body.content {
            BodyContent::Document {
                schema: Some(s), ..
            } => repair(s, true, repairs, &context),
            BodyContent::Document { schema: None, .. } => {}
            BodyContent::Form { fields } => {
                for f in fields {
                    visibility_extension(&mut f.extensions, repairs, &context);
                    let root = f.schema.schema_type == Some(SchemaType::File);
                    repair(&mut f.schema, root, repairs, &context);
                }
            }
        }
    }
    for r in &mut op.responses {
        if let Some(s) = &mut r.schema {
            repair(s, true, repairs, &context);
        }
    }
}

/// Schema repairs, counted per kind so a large API gets one line per kind, not thousands.
#[derive(Default)]
struct Repairs {
    counts:
        std::collections::BTreeMap<(&'static str, String), (connectorize_ir::Code, usize, String)>,
}

impl Repairs {
    fn note(
        &mut self,
        code: connectorize_ir::Code,
        kind: &'static str,
        detail: String,
        context: &str,
    ) {
        let entry = self
            .counts
            .entry((kind, detail.clone()))
            .or_insert_with(|| (code, 0, context.to_string()));
        entry.1 += 1;
    }

    /// These repairs, then those found after them.
    fn merge(mut self, later: Repairs) -> Repairs {
        for (key, (code, count, first)) in later.counts {
            self.counts.entry(key).or_insert((code, 0, first)).1 += count;
        }
        self
    }

    fn finish(self) -> Vec<(connectorize_ir::Code, String)> {
        self.counts
            .into_iter()
            .map(|((kind, detail), (code, count, first))| {
                let times = if count == 1 {
                    "once".to_string()
                } else {
                    format!("{count} times")
                };
                (code, format!("{kind}{detail} ({times}, first in {first})"))
            })
            .collect()
    }
}

/// Repairs one schema tree. `root` is true where a file type is allowed (a response root or a
/// form field).
fn repair(schema: &mut Schema, root: bool, repairs: &mut Repairs, context: &str) {
    // An explicit stack: inferred and converted schemas can nest deeply.
    let mut stack: Vec<(&mut Schema, bool)> = vec![(schema, root)];
    while let Some((s, at_root)) = stack.pop() {
        if s.reference.is_some() {
            let reference = s.reference.take();
            if *s != Schema::default() {
                repairs.note(
                    codes::SCHEMA_REPAIRED,
                    "keywords beside a $ref were removed",
                    String::new(),
                    context,
                );
            }
            *s = Schema {
                reference,
                ..Schema::default()
            };
            continue;
        }
        if s.keywords.is_some() {
            s.edit_keywords(|k| visibility_extension(&mut k.extensions, repairs, context));
        }
        if let Some(format) = s.format.take() {
            let lower = format.to_ascii_lowercase();
            if KNOWN_FORMATS.contains(&lower.as_str()) {
                s.format = Some(lower);
            } else {
                s.format = match lower.as_str() {
                    "guid" => Some("uuid".into()),
                    "datetime" | "date_time" => Some("date-time".into()),
                    "url" => Some("uri".into()),
                    _ => None,
                };
                let outcome = match &s.format {
                    Some(mapped) => format!("`{format}` became `{mapped}`"),
                    None => format!("`{format}` was dropped"),
                };
                repairs.note(codes::FORMAT_CHANGED, "format ", outcome, context);
            }
        }
        if s.schema_type == Some(SchemaType::File) && !at_root {
            s.schema_type = Some(SchemaType::String);
            s.format = Some("binary".into());
            repairs.note(
                codes::SCHEMA_REPAIRED,
                "a nested file type became string/binary",
                String::new(),
                context,
            );
        }
        if s.enum_values.as_ref().is_some_and(Vec::is_empty) {
            s.enum_values = None;
            repairs.note(
                codes::SCHEMA_REPAIRED,
                "an empty enum was removed",
                String::new(),
                context,
            );
        }
        if !s.required.is_empty() {
            let is_object = s.schema_type.is_none_or(|t| t == SchemaType::Object);
            let before = s.required.len();
            if is_object {
                let props = &s.properties;
                let mut seen = HashSet::new();
                s.required
                    .retain(|r| props.contains_key(r) && seen.insert(r.clone()));
            } else {
                s.required.clear();
            }
            if s.required.len() != before {
                repairs.note(
                    codes::SCHEMA_REPAIRED,
                    "required names without a property (or on a non-object) were removed",
                    String::new(),
                    context,
                );
            }
        }
        if s.schema_type == Some(SchemaType::Array) && s.items.is_none() {
            s.items = Some(Box::default());
            repairs.note(
                codes::SCHEMA_REPAIRED,
                "an array without items got an unconstrained items schema",
                String::new(),
                context,
            );
        }
        if let Some(name) = s.keywords().discriminator.clone() {
            let valid = s.required.contains(&name)
                && s.properties
                    .get(&name)
                    .is_some_and(|p| p.schema_type == Some(SchemaType::String));
            if !valid {
                s.edit_keywords(|k| k.discriminator = None);
                repairs.note(
                    codes::SCHEMA_REPAIRED,
                    "a discriminator that names no required string property was removed",
                    String::new(),
                    context,
                );
            }
        }
        if let Some(Value::String(text)) = &s.default {
            // Some exports write every default as text ("false", "20"); keep it typed.
            let typed = match s.schema_type {
                Some(SchemaType::Boolean) => text.parse::<bool>().ok().map(Value::Bool),
                Some(SchemaType::Integer) => text.parse::<i64>().ok().map(Value::from),
                Some(SchemaType::Number) => text
                    .parse::<f64>()
                    .ok()
                    .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number)),
                _ => None,
            };
            if let Some(typed) = typed {
                s.default = Some(typed);
            }
        }
        if let Some(default) = &s.default {
            if !matches_type(default, s.schema_type) {
                s.default = None;
                repairs.note(
                    codes::SCHEMA_REPAIRED,
                    "a default of the wrong type was removed",
                    String::new(),
                    context,
                );
            }
        }
        let Schema {
            properties,
            items,
            all_of,
            additional_properties,
            ..
        } = s;
        for p in properties.values_mut() {
            stack.push((p, false));
        }
        if let Some(items) = items.as_deref_mut() {
            stack.push((items, false));
        }
        for part in all_of.iter_mut() {
            stack.push((part, false));
        }
        if let Some(connectorize_ir::AdditionalProperties::Schema(extra)) = additional_properties {
            stack.push((extra, false));
        }
    }
}

/// `x-ms-visibility` carried verbatim from an input must still be one of the three values the
/// platform knows, in lower case; an empty value means "normal" and is removed.
fn visibility_extension(
    extensions: &mut connectorize_ir::Extensions,
    repairs: &mut Repairs,
    context: &str,
) {
    let Some(Value::String(value)) = extensions.get("x-ms-visibility") else {
        return;
    };
    let lower = value.trim().to_ascii_lowercase();
    if lower == *value {
        return;
    }
    if ["important", "advanced", "internal"].contains(&lower.as_str()) {
        extensions.insert("x-ms-visibility".into(), Value::String(lower));
    } else if lower.is_empty() {
        extensions.shift_remove("x-ms-visibility");
    } else {
        return;
    }
    repairs.note(
        codes::SCHEMA_REPAIRED,
        "an x-ms-visibility value was written in lower case or removed when empty",
        String::new(),
        context,
    );
}

fn matches_type(value: &Value, schema_type: Option<SchemaType>) -> bool {
    match schema_type {
        None => true,
        Some(SchemaType::String) | Some(SchemaType::File) => value.is_string(),
        Some(SchemaType::Integer) => value.is_i64() || value.is_u64(),
        Some(SchemaType::Number) => value.is_number(),
        Some(SchemaType::Boolean) => value.is_boolean(),
        Some(SchemaType::Array) => value.is_array(),
        Some(SchemaType::Object) => value.is_object(),
    }
}

/// Connection parameter names are letters, digits and `_`, unique, and distinct from the names
/// the security scheme implies.
fn connection_parameters(api: &mut Api, diagnostics: &mut Diagnostics) {
    let mut taken: HashSet<String> = match api.security.first().map(|s| &s.kind) {
        Some(SecurityKind::ApiKey { .. }) => ["api_key".to_string()].into(),
        Some(SecurityKind::Basic) => ["username".to_string(), "password".to_string()].into(),
        Some(SecurityKind::OAuth2(_)) => ["token".to_string()].into(),
        None => HashSet::new(),
    };
    let mut renamed: Vec<(String, String)> = Vec::new();
    for p in &mut api.connection_parameters {
        let mut clean: String = p
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if clean.is_empty() {
            clean = "parameter".into();
        }
        let clean = naming::unique(&clean, |c| taken.contains(c));
        taken.insert(clean.clone());
        if clean != p.name {
            diagnostics.push(
                Diagnostic::new(
                    codes::CONNECTION_PARAMETER_RENAMED,
                    format!("connection parameter `{}` became `{clean}`", p.name),
                )
                .at(p.origin.as_ref().map(Location::from)),
            );
            renamed.push((
                format!("{{connection.{}}}", p.name),
                format!("{{connection.{clean}}}"),
            ));
            p.name = clean;
        }
    }
    if renamed.is_empty() {
        return;
    }
    for policy in &mut api.policies {
        let values: Vec<&mut String> = match policy {
            Policy::SetHeader { value, .. } | Policy::SetQueryParameter { value, .. } => {
                vec![value]
            }
            Policy::DynamicHost { url, .. } => vec![url],
            Policy::RouteToEndpoint { .. } => vec![],
        };
        for value in values {
            for (old, new) in &renamed {
                *value = value.replace(old.as_str(), new);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectorize_ir::Server;

    fn api() -> Api {
        let mut api = Api::new("Petstore API");
        api.info.description = Some("A sample service that sells pets to people.".into());
        api.server = Some(Server {
            schemes: vec![Scheme::Https],
            host: "pets.example.com".into(),
            base_path: "/v1".into(),
            origin: None,
        });
        api
    }

    /// Operations are normalized on several cores; what is reported must not show it.
    #[test]
    fn reports_in_operation_order_and_counts_repairs_from_the_first() {
        let mut a = api();
        let mut odd = Schema::of(SchemaType::String);
        odd.format = Some("Size-Code".into());
        a.schemas.insert("Odd".into(), odd.clone());
        for i in 0..500 {
            let mut op = Operation::new(format!("Op{i}"), Method::Get, format!("r{i}"));
            let mut p = Parameter::new("q", ParameterLocation::Query);
            p.schema = odd.clone();
            op.parameters.push(p);
            let mut g = Parameter::new("g", ParameterLocation::Query);
            g.schema.format = Some("guid".into());
            op.parameters.push(g);
            a.operations.push(op);
        }
        let mut d = Diagnostics::new();
        let out = normalize(a, &mut d).unwrap();
        assert!(out.operations[499].parameters[0].schema.format.is_none());
        let paths: Vec<&str> = d
            .iter()
            .filter(|d| d.code == codes::PATH_CHANGED)
            .map(|d| d.message.as_str())
            .collect();
        let expected: Vec<String> = (0..500)
            .map(|i| format!("path `r{i}` of operation `Op{i}` became `/r{i}`"))
            .collect();
        assert_eq!(paths, expected);
        let formats: Vec<&str> = d
            .iter()
            .filter(|d| d.code == codes::FORMAT_CHANGED)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            formats,
            [
                "format `Size-Code` was dropped (501 times, first in schema `Odd`)",
                "format `guid` became `uuid` (500 times, first in operation `Op0`)"
            ]
        );
    }

    #[test]
    fn keeps_valid_ids_and_rebuilds_the_rest() {
        let mut a = api();
        a.operations
            .push(Operation::new("listPets", Method::Get, "/pets"));
        a.operations
            .push(Operation::new("list-pets", Method::Post, "/pets"));
        a.operations
            .push(Operation::new("listPets", Method::Put, "/pets"));
        let mut d = Diagnostics::new();
        let out = normalize(a, &mut d).unwrap();
        let ids: Vec<&str> = out.operations.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["listPets", "PostPets", "PutPets"]);
        assert_eq!(out.info.title, "Petstore");
    }

    #[test]
    fn repairs_hosts_with_scheme_and_path() {
        let mut a = api();
        a.server.as_mut().unwrap().host = "https://pets.example.com/api/".into();
        a.server.as_mut().unwrap().base_path = "/".into();
        let out = normalize(a, &mut Diagnostics::new()).unwrap();
        let server = out.server.unwrap();
        assert_eq!(
            (server.host.as_str(), server.base_path.as_str()),
            ("pets.example.com", "/api")
        );
    }

    #[test]
    fn rejects_template_hosts_and_missing_hosts() {
        let mut a = api();
        a.server.as_mut().unwrap().host = "{{baseUrl}}".into();
        assert_eq!(
            normalize(a, &mut Diagnostics::new())
                .unwrap_err()
                .diagnostic()
                .code,
            codes::HOST_INVALID
        );
        let mut b = api();
        b.server = None;
        assert_eq!(
            normalize(b, &mut Diagnostics::new())
                .unwrap_err()
                .diagnostic()
                .code,
            codes::NO_HOST
        );
    }

    #[test]
    fn unifies_variable_names_of_equivalent_paths() {
        let mut a = api();
        let mut first = Operation::new("GetPet", Method::Get, "/pets/{id}");
        first
            .parameters
            .push(Parameter::new("id", ParameterLocation::Path));
        let mut second = Operation::new("DeletePet", Method::Delete, "/pets/{petId}");
        second
            .parameters
            .push(Parameter::new("petId", ParameterLocation::Path));
        a.operations.extend([first, second]);
        let out = normalize(a, &mut Diagnostics::new()).unwrap();
        assert_eq!(out.operations[1].path, "/pets/{id}");
        assert_eq!(out.operations[1].parameters[0].name, "id");
        assert!(connectorize_ir::validate(&out).is_empty());
    }
}
