//! The IR as `apiDefinition.swagger.json`: a faithful mapping that writes what the IR holds and
//! nothing else. Filling gaps and enforcing rules is [`crate::normalize`]'s job.

use connectorize_ir::{
    Api, Body, BodyContent, FormField, Header, Info, OAuthFlow, Operation, Parameter, Response,
    SecurityKind, SecurityRequirement, SecurityScheme, SharedParameter, Tag, TriggerCardinality,
    TriggerMode,
};
use serde_json::{json, Map, Value};

use super::fragments::{Fragments, Selection};
use super::schema::{extend, flag, put, schema_with, visibility, Examples};

/// Emits the whole definition document.
pub fn definition(api: &Api) -> Value {
    let mut fragments = Fragments::render(api);
    let all = Selection::all(api);
    fragments.claim(&all);
    fragments.assemble(api, &api.info, &all)
}

/// The `host`, `basePath`, `schemes`, `consumes` and `produces` members, in document order.
pub(super) fn server(api: &Api) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(server) = &api.server {
        out.push(("host".into(), Value::from(server.host.clone())));
        out.push(("basePath".into(), Value::from(server.base_path.clone())));
        out.push((
            "schemes".into(),
            server
                .schemes
                .iter()
                .map(|s| Value::from(s.as_str()))
                .collect(),
        ));
    }
    for (key, list) in [("consumes", &api.consumes), ("produces", &api.produces)] {
        if !list.is_empty() {
            out.push((key.into(), list.iter().cloned().map(Value::from).collect()));
        }
    }
    out
}

/// The `securityDefinitions` and `security` members, in document order.
pub(super) fn security(api: &Api) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if !api.security.is_empty() {
        let definitions: Map<String, Value> = api
            .security
            .iter()
            .map(|s| (s.name.clone(), security_definition(s)))
            .collect();
        out.push(("securityDefinitions".into(), Value::Object(definitions)));
    }
    if let Some(requirements) = &api.security_requirements {
        out.push(("security".into(), requirements_value(requirements)));
    }
    out
}

/// `x-ms-connector-metadata` (unless an extension of that name replaces it), then the root
/// extensions: the members after `tags`.
pub(super) fn tail(api: &Api) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if !api.extensions.contains_key("x-ms-connector-metadata") {
        if let Some(metadata) = connector_metadata(api) {
            out.push(("x-ms-connector-metadata".into(), metadata));
        }
    }
    out.extend(api.extensions.iter().map(|(k, v)| (k.clone(), v.clone())));
    out
}

/// One entry of the `tags` list.
pub(super) fn tag(t: &Tag) -> Value {
    let mut tag = Map::new();
    tag.insert("name".into(), Value::from(t.name.clone()));
    put(
        &mut tag,
        "description",
        t.description.clone().map(Value::from),
    );
    extend(&mut tag, &t.extensions);
    Value::Object(tag)
}

/// A shared parameter: a parameter or a body.
pub(super) fn shared_parameter(p: &SharedParameter) -> Value {
    match p {
        SharedParameter::Parameter(p) => parameter(p, Examples::Written),
        SharedParameter::Body(b) => body_parameter(b, Examples::Written),
    }
}

/// The `info` object.
pub(crate) fn info(info: &Info) -> Value {
    let mut out = Map::new();
    out.insert("title".into(), Value::from(info.title.clone()));
    put(
        &mut out,
        "description",
        info.description.clone().map(Value::from),
    );
    out.insert(
        "version".into(),
        Value::from(info.version.clone().unwrap_or_else(|| "1.0".into())),
    );
    put(
        &mut out,
        "termsOfService",
        info.terms_of_service.clone().map(Value::from),
    );
    if let Some(contact) = &info.contact {
        let mut c = Map::new();
        put(&mut c, "name", contact.name.clone().map(Value::from));
        put(&mut c, "url", contact.url.clone().map(Value::from));
        put(&mut c, "email", contact.email.clone().map(Value::from));
        out.insert("contact".into(), Value::Object(c));
    }
    if let Some(license) = &info.license {
        let mut l = Map::new();
        l.insert("name".into(), Value::from(license.name.clone()));
        put(&mut l, "url", license.url.clone().map(Value::from));
        out.insert("license".into(), Value::Object(l));
    }
    if let Some(status) = &info.status {
        if !info.extensions.contains_key("x-ms-api-annotation") {
            out.insert("x-ms-api-annotation".into(), json!({ "status": status }));
        }
    }
    extend(&mut out, &info.extensions);
    Value::Object(out)
}

/// `x-ms-connector-metadata` from the neutral website, privacy and category fields.
fn connector_metadata(api: &Api) -> Option<Value> {
    let info = &api.info;
    if info.website.is_none() && info.privacy_policy.is_none() && info.categories.is_empty() {
        return None;
    }
    let entry = |name: &str, value: String| json!({ "propertyName": name, "propertyValue": value });
    let mut list = Vec::new();
    if let Some(website) = &info.website {
        list.push(entry("Website", website.clone()));
    }
    if let Some(privacy) = &info.privacy_policy {
        list.push(entry("Privacy policy", privacy.clone()));
    }
    if !info.categories.is_empty() {
        list.push(entry("Categories", info.categories.join(";")));
    }
    Some(Value::Array(list))
}

/// One operation, as the value of its method in a path item.
pub(super) fn operation(op: &Operation) -> Value {
    operation_with(op, Examples::Written)
}

/// [`operation`], with its examples written or deferred.
pub(super) fn operation_with(op: &Operation, examples: Examples) -> Value {
    let mut out = Map::new();
    if !op.tags.is_empty() {
        out.insert(
            "tags".into(),
            op.tags.iter().cloned().map(Value::from).collect(),
        );
    }
    put(&mut out, "summary", op.summary.clone().map(Value::from));
    put(
        &mut out,
        "description",
        op.description.clone().map(Value::from),
    );
    out.insert("operationId".into(), Value::from(op.id.clone()));
    flag(&mut out, "deprecated", op.deprecated);
    if let Some(consumes) = &op.consumes {
        out.insert(
            "consumes".into(),
            consumes.iter().cloned().map(Value::from).collect(),
        );
    }
    if let Some(produces) = &op.produces {
        out.insert(
            "produces".into(),
            produces.iter().cloned().map(Value::from).collect(),
        );
    }
    let mut parameters: Vec<Value> = op
        .parameters
        .iter()
        .map(|p| parameter_or_ref(p, examples))
        .collect();
    if let Some(body) = &op.body {
        match (&body.shared, &body.content) {
            (Some(name), _) => parameters.push(json!({ "$ref": format!("#/parameters/{name}") })),
            (None, BodyContent::Form { fields }) => {
                parameters.extend(fields.iter().map(|f| form_field(f, examples)))
            }
            (None, BodyContent::Document { .. }) => parameters.push(body_parameter(body, examples)),
        }
    }
    if !parameters.is_empty() {
        out.insert("parameters".into(), Value::Array(parameters));
    }
    let responses: Map<String, Value> = op
        .responses
        .iter()
        .map(|r| {
            let value = match &r.shared {
                Some(name) => json!({ "$ref": format!("#/responses/{name}") }),
                None => response_with(r, examples),
            };
            (r.status.to_string(), value)
        })
        .collect();
    out.insert("responses".into(), Value::Object(responses));
    if let Some(security) = &op.security {
        out.insert("security".into(), requirements_value(security));
    }
    put(&mut out, "x-ms-visibility", op.visibility.map(visibility));
    if let Some(trigger) = &op.trigger {
        let cardinality = match trigger.cardinality {
            TriggerCardinality::Single => "single",
            TriggerCardinality::Batch => "batch",
        };
        out.insert("x-ms-trigger".into(), Value::from(cardinality));
        put(
            &mut out,
            "x-ms-trigger-hint",
            trigger.hint.clone().map(Value::from),
        );
        if trigger.mode == Some(TriggerMode::Polling) {
            out.insert(
                "x-ms-trigger-metadata".into(),
                json!({ "kind": "query", "mode": "polling" }),
            );
        }
    }
    extend(&mut out, &op.extensions);
    Value::Object(out)
}

fn parameter_or_ref(p: &Parameter, examples: Examples) -> Value {
    match &p.shared {
        Some(name) => json!({ "$ref": format!("#/parameters/{name}") }),
        None => parameter(p, examples),
    }
}

/// A path, query or header parameter: its schema is flattened into the parameter, as
/// Swagger 2.0 requires for non-body parameters.
fn parameter(p: &Parameter, examples: Examples) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), Value::from(p.name.clone()));
    out.insert("in".into(), Value::from(p.location.as_str()));
    out.insert("required".into(), Value::Bool(p.required));
    flatten_schema(&mut out, &p.schema, examples);
    put(
        &mut out,
        "collectionFormat",
        p.collection_format.clone().map(Value::from),
    );
    flag(&mut out, "allowEmptyValue", p.allow_empty_value);
    put(&mut out, "x-ms-summary", p.summary.clone().map(Value::from));
    put(
        &mut out,
        "description",
        p.description.clone().map(Value::from),
    );
    put(&mut out, "x-ms-visibility", p.visibility.map(visibility));
    put(
        &mut out,
        "x-ms-test-value",
        examples.value(p.example.as_ref()),
    );
    extend(&mut out, &p.extensions);
    Value::Object(out)
}

/// Copies a schema's keys into a non-body parameter or header (everything but the keys that
/// belong to the parameter itself).
fn flatten_schema(out: &mut Map<String, Value>, s: &connectorize_ir::Schema, examples: Examples) {
    if let Value::Object(fields) = schema_with(s, examples) {
        for (key, value) in fields {
            if matches!(
                key.as_str(),
                "x-ms-summary" | "description" | "x-ms-visibility"
            ) {
                continue;
            }
            out.entry(key).or_insert(value);
        }
    }
}

fn body_parameter(body: &Body, examples: Examples) -> Value {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        Value::from(body.name.clone().unwrap_or_else(|| "body".into())),
    );
    out.insert("in".into(), Value::from("body"));
    out.insert("required".into(), Value::Bool(body.required));
    let schema_value = match &body.content {
        BodyContent::Document {
            schema: Some(s), ..
        } => schema_with(s, examples),
        _ => json!({}),
    };
    out.insert("schema".into(), schema_value);
    put(
        &mut out,
        "x-ms-summary",
        body.summary.clone().map(Value::from),
    );
    put(
        &mut out,
        "description",
        body.description.clone().map(Value::from),
    );
    extend(&mut out, &body.extensions);
    Value::Object(out)
}

fn form_field(field: &FormField, examples: Examples) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), Value::from(field.name.clone()));
    out.insert("in".into(), Value::from("formData"));
    out.insert("required".into(), Value::Bool(field.required));
    // Trimming leaves a form field's schema alone: its examples are always written.
    flatten_schema(&mut out, &field.schema, Examples::Written);
    put(
        &mut out,
        "x-ms-summary",
        field.summary.clone().map(Value::from),
    );
    put(
        &mut out,
        "description",
        field.description.clone().map(Value::from),
    );
    put(
        &mut out,
        "x-ms-visibility",
        field.visibility.map(visibility),
    );
    put(
        &mut out,
        "x-ms-test-value",
        examples.value(field.example.as_ref()),
    );
    extend(&mut out, &field.extensions);
    Value::Object(out)
}

/// A response: an entry of an operation's `responses` or of the shared `responses`.
pub(super) fn response(r: &Response) -> Value {
    response_with(r, Examples::Written)
}

/// [`response`], with its examples written or deferred.
fn response_with(r: &Response, examples: Examples) -> Value {
    let mut out = Map::new();
    out.insert("description".into(), Value::from(r.description.clone()));
    if let Some(s) = &r.schema {
        out.insert("schema".into(), schema_with(s, examples));
    }
    if !r.headers.is_empty() {
        let headers: Map<String, Value> = r
            .headers
            .iter()
            .map(|h| (h.name.clone(), header(h)))
            .collect();
        out.insert("headers".into(), Value::Object(headers));
    }
    if let Some(example) = r.examples.first() {
        let media = r
            .media_type
            .clone()
            .unwrap_or_else(|| "application/json".into());
        let mut written = Map::new();
        written.insert(
            media,
            examples.value(Some(&example.value)).unwrap_or_default(),
        );
        out.insert("examples".into(), Value::Object(written));
    }
    extend(&mut out, &r.extensions);
    Value::Object(out)
}

fn header(h: &Header) -> Value {
    let mut out = Map::new();
    // Trimming leaves headers alone: their examples are always written.
    flatten_schema(&mut out, &h.schema, Examples::Written);
    put(
        &mut out,
        "description",
        h.description.clone().map(Value::from),
    );
    extend(&mut out, &h.extensions);
    Value::Object(out)
}

fn security_definition(scheme: &SecurityScheme) -> Value {
    let mut out = Map::new();
    match &scheme.kind {
        SecurityKind::ApiKey { name, location } => {
            out.insert("type".into(), Value::from("apiKey"));
            out.insert(
                "in".into(),
                Value::from(match location {
                    connectorize_ir::ApiKeyLocation::Header => "header",
                    connectorize_ir::ApiKeyLocation::Query => "query",
                }),
            );
            out.insert("name".into(), Value::from(name.clone()));
        }
        SecurityKind::Basic => {
            out.insert("type".into(), Value::from("basic"));
        }
        SecurityKind::OAuth2(oauth) => {
            out.insert("type".into(), Value::from("oauth2"));
            let flow = match oauth.flow {
                OAuthFlow::AuthorizationCode => "accessCode",
                OAuthFlow::Implicit => "implicit",
                OAuthFlow::Password => "password",
                OAuthFlow::ClientCredentials => "application",
            };
            out.insert("flow".into(), Value::from(flow));
            put(
                &mut out,
                "authorizationUrl",
                oauth.authorization_url.clone().map(Value::from),
            );
            put(
                &mut out,
                "tokenUrl",
                oauth.token_url.clone().map(Value::from),
            );
            let scopes: Map<String, Value> = oauth
                .scopes
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(v.clone())))
                .collect();
            out.insert("scopes".into(), Value::Object(scopes));
        }
    }
    put(
        &mut out,
        "description",
        scheme.description.clone().map(Value::from),
    );
    extend(&mut out, &scheme.extensions);
    Value::Object(out)
}

fn requirements_value(requirements: &[SecurityRequirement]) -> Value {
    requirements
        .iter()
        .map(|r| {
            let mut entry = Map::new();
            entry.insert(
                r.scheme.clone(),
                r.scopes.iter().cloned().map(Value::from).collect(),
            );
            Value::Object(entry)
        })
        .collect()
}
