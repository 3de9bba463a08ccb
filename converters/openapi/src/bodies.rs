//! Request bodies (OpenAPI 3 `requestBody`) and responses, with their media types.
//!
//! A connector operation has one body schema and one response schema per status, while
//! OpenAPI 3 gives one per media type. JSON is preferred, then forms, then the first listed;
//! the other media types stay in the operation's `consumes`/`produces` and are reported only
//! when their schemas differ from the chosen one (then something is really lost).

use connectorize_ir::{
    pointer, Api, Body, BodyContent, Example, FormField, Header, Operation, Response, Schema,
    SchemaType, SharedParameter, Status,
};
use serde_json::Value;

use crate::codes;
use crate::context::{ref_of, unescape, Context};
use crate::model::Version;

/// Members of a Swagger 2.0 header object that are not schema keywords.
const HEADER_KEYS: &[&str] = &["description", "x-"];

/// A request body as an operation uses it: a reference to a shared body keeps its name.
pub fn request_body_use<'a>(
    ctx: &mut Context<'a>,
    api: &Api,
    value: &'a Value,
    at: &str,
    consumes: &mut Option<Vec<String>>,
) -> Option<Body> {
    if let Some(name) = ref_of(value)
        .and_then(|r| r.strip_prefix("#/components/requestBodies/"))
        .filter(|n| !n.contains('/'))
        .map(unescape)
    {
        if let Some(SharedParameter::Body(body)) = api.shared_parameters.get(&name) {
            let mut body = body.clone();
            body.shared = Some(name);
            return Some(body);
        }
    }
    request_body(ctx, value, at, consumes)
}

/// One OpenAPI 3 request body object (or a reference to one).
pub fn request_body<'a>(
    ctx: &mut Context<'a>,
    value: &'a Value,
    at: &str,
    consumes: &mut Option<Vec<String>>,
) -> Option<Body> {
    let (value, at) = ctx.resolve(value, at)?;
    let content_at = pointer::push(&at, "content");
    let media = choose(ctx, value, &content_at, "request body", true);
    if media.all.len() > 1 {
        *consumes = Some(media.all.clone());
    }
    let mut body = Body {
        media_type: media
            .chosen
            .clone()
            .unwrap_or_else(|| "application/json".to_owned()),
        required: ctx.boolean(value, "required", &at),
        name: None,
        summary: None,
        description: ctx.string(value, "description", &at),
        content: BodyContent::Document {
            schema: None,
            examples: Vec::new(),
        },
        shared: None,
        extensions: ctx.extensions(value),
        origin: Some(ctx.origin(&at)),
    };
    let Some(chosen) = &media.chosen else {
        return Some(body);
    };
    let media_at = pointer::push(&content_at, chosen);
    let media_value = value
        .get("content")
        .and_then(|c| c.get(chosen))
        .unwrap_or(&Value::Null);
    let examples = examples(ctx, media_value, &media_at);
    let schema = media_value
        .get("schema")
        .map(|s| (s, pointer::push(&media_at, "schema")));
    if media_value.get("encoding").is_some() {
        ctx.report(
            codes::UNSUPPORTED_MEMBER,
            &pointer::push(&media_at, "encoding"),
            "form field encodings have no Swagger 2.0 equivalent and are dropped",
        );
    }
    let form = chosen.starts_with("application/x-www-form-urlencoded")
        || chosen.starts_with("multipart/form-data");
    body.content = match (form, schema) {
        (true, Some((schema, schema_at))) => match form_fields(ctx, schema, &schema_at) {
            Some(fields) => BodyContent::Form { fields },
            None => {
                ctx.report(
                    codes::FORM_NOT_OBJECT,
                    &schema_at,
                    format!("the `{chosen}` body's schema lists no properties, so it cannot become form fields; it is sent as one document"),
                );
                BodyContent::Document {
                    schema: Some(ctx.schema(schema, &schema_at)),
                    examples,
                }
            }
        },
        (_, schema) => BodyContent::Document {
            schema: schema.map(|(s, s_at)| ctx.schema(s, &s_at)),
            examples,
        },
    };
    Some(body)
}

/// The properties of a form body's object schema as fields; `None` when it has none.
fn form_fields<'a>(ctx: &mut Context<'a>, schema: &'a Value, at: &str) -> Option<Vec<FormField>> {
    let (object, object_at) = ctx.resolve(schema, at)?;
    let properties = object.get("properties")?.as_object()?;
    if properties.is_empty() {
        return None;
    }
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let properties_at = pointer::push(&object_at, "properties");
    let mut fields = Vec::new();
    for (name, property) in properties {
        let property_at = pointer::push(&properties_at, name);
        let mut schema = ctx.schema(property, &property_at);
        if schema.schema_type == Some(SchemaType::String)
            && schema.format.as_deref() == Some("binary")
        {
            schema.schema_type = Some(SchemaType::File);
            schema.format = None;
        }
        let description = schema.description.take();
        let example = schema.example.take();
        fields.push(FormField {
            name: name.clone(),
            required: required.contains(&name.as_str()),
            schema,
            summary: None,
            description,
            visibility: None,
            example,
            extensions: Default::default(),
            origin: Some(ctx.origin(&property_at)),
        });
    }
    Some(fields)
}

/// The operation's responses.
pub fn responses<'a>(
    ctx: &mut Context<'a>,
    api: &Api,
    operation: &mut Operation,
    value: &'a Value,
    at: &str,
) {
    let list_at = pointer::push(at, "responses");
    let mut produces: Vec<String> = Vec::new();
    let mut several = false;
    for (key, response) in ctx.entries(value, "responses", at) {
        let response_at = pointer::push(&list_at, key);
        if key.starts_with("x-") {
            ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &response_at,
                response,
                format!("responses member `{key}` has no connector equivalent and is dropped"),
            );
            continue;
        }
        let status = match key.parse::<Status>() {
            Ok(status) => status,
            Err(_) => match range_status(key) {
                Some(code) if !operation.responses.iter().any(|r| r.status == code) => {
                    ctx.report(
                        codes::RESPONSE_STATUS,
                        &response_at,
                        format!("response status range `{key}` becomes status {code}"),
                    );
                    code
                }
                _ => {
                    ctx.report(
                        codes::RESPONSE_STATUS,
                        &response_at,
                        format!("response status `{key}` is neither a three-digit code nor `default`; the response is dropped"),
                    );
                    continue;
                }
            },
        };
        if operation.responses.iter().any(|r| r.status == status) {
            ctx.report(
                codes::RESPONSE_STATUS,
                &response_at,
                format!("status {status} is listed twice; the later response is dropped"),
            );
            continue;
        }
        let shared_prefix = match ctx.version() {
            Version::Swagger2 => "#/responses/",
            _ => "#/components/responses/",
        };
        if let Some(name) = ref_of(response)
            .and_then(|r| r.strip_prefix(shared_prefix))
            .filter(|n| !n.contains('/'))
            .map(unescape)
        {
            if let Some(shared) = api.shared_responses.get(&name) {
                let mut shared = shared.clone();
                shared.status = status;
                shared.shared = Some(name);
                operation.responses.push(shared);
                continue;
            }
        }
        let mut media = Vec::new();
        if let Some(lowered) = self::response(ctx, status, response, &response_at, &mut media) {
            several |= media.len() > 1;
            for m in media {
                if !produces.contains(&m) {
                    produces.push(m);
                }
            }
            operation.responses.push(lowered);
        }
    }
    if several && operation.produces.is_none() {
        operation.produces = Some(produces);
    }
}

/// `2XX` -> 200, `4XX` -> 400.
fn range_status(key: &str) -> Option<Status> {
    let bytes = key.as_bytes();
    if bytes.len() == 3 && (b'1'..=b'5').contains(&bytes[0]) && key[1..].eq_ignore_ascii_case("xx")
    {
        Some(Status::Code(u16::from(bytes[0] - b'0') * 100))
    } else {
        None
    }
}

/// Lowers the shared responses (`#/responses`, `#/components/responses`).
pub fn shared<'a>(ctx: &mut Context<'a>, api: &mut Api) {
    let doc = ctx.doc;
    let root = &doc.root;
    let (container, at) = match ctx.version() {
        Version::Swagger2 => (Some(root), String::new()),
        _ => (root.get("components"), "/components".to_owned()),
    };
    let Some(container) = container else {
        return;
    };
    let list_at = pointer::push(&at, "responses");
    for (name, value) in ctx.entries(container, "responses", &at) {
        let response_at = pointer::push(&list_at, name);
        if let Some(response) = response(ctx, Status::Default, value, &response_at, &mut Vec::new())
        {
            api.shared_responses.insert(name.clone(), response);
        }
    }
}

/// One response object; `media` receives every media type it offers.
pub fn response<'a>(
    ctx: &mut Context<'a>,
    status: Status,
    value: &'a Value,
    at: &str,
    media: &mut Vec<String>,
) -> Option<Response> {
    let (value, at) = ctx.resolve(value, at)?;
    let description = ctx.string(value, "description", &at).unwrap_or_default();
    let mut response = Response::new(status, description);
    response.extensions = ctx.extensions(value);
    response.origin = Some(ctx.origin(&at));
    let headers_at = pointer::push(&at, "headers");
    for (name, header) in ctx.entries(value, "headers", &at) {
        let header_at = pointer::push(&headers_at, name);
        if let Some(header) = self::header(ctx, name, header, &header_at) {
            response.headers.push(header);
        }
    }
    if ctx.version() == Version::Swagger2 {
        response.schema = value
            .get("schema")
            .map(|s| ctx.schema(s, &pointer::push(&at, "schema")));
        let examples = ctx.entries(value, "examples", &at);
        if ctx.faithful && examples.len() > 1 {
            // The IR carries one example per response body; keep the file's map as written.
            if let Some(map) = value.get("examples") {
                ctx.kept.insert(pointer::push(&at, "examples"), map.clone());
            }
        } else {
            for (mime, example) in examples {
                response.examples.push(Example {
                    name: Some(mime.clone()),
                    value: example.clone(),
                });
            }
        }
        if let Some(first) = response.examples.first().and_then(|e| e.name.clone()) {
            response.media_type = Some(first);
        }
        unknown_members(
            ctx,
            value,
            &at,
            &["description", "schema", "headers", "examples"],
            "response",
        );
        return Some(response);
    }
    let content_at = pointer::push(&at, "content");
    let chosen = choose(ctx, value, &content_at, "response", false);
    *media = chosen.all.clone();
    if let Some(chosen) = chosen.chosen {
        let media_at = pointer::push(&content_at, &chosen);
        let media_value = value
            .get("content")
            .and_then(|c| c.get(&chosen))
            .unwrap_or(&Value::Null);
        response.schema = media_value
            .get("schema")
            .map(|s| ctx.schema(s, &pointer::push(&media_at, "schema")));
        response.examples = examples(ctx, media_value, &media_at);
        response.media_type = Some(chosen);
    }
    if let Some(links) = value.get("links").and_then(Value::as_object) {
        let names: Vec<&str> = links.keys().map(String::as_str).collect();
        ctx.report(
            codes::LINKS,
            &pointer::push(&at, "links"),
            format!(
                "response links [{}] have no connector equivalent and are dropped",
                names.join(", ")
            ),
        );
    }
    unknown_members(
        ctx,
        value,
        &at,
        &["description", "content", "headers", "links"],
        "response",
    );
    Some(response)
}

fn header<'a>(ctx: &mut Context<'a>, name: &str, value: &'a Value, at: &str) -> Option<Header> {
    let (value, at) = ctx.resolve(value, at)?;
    let schema = if ctx.version() == Version::Swagger2 {
        ctx.schema_except(value, &at, HEADER_KEYS)
    } else {
        match value.get("schema") {
            Some(schema) => ctx.schema(schema, &pointer::push(&at, "schema")),
            None => Schema::of(SchemaType::String),
        }
    };
    Some(Header {
        name: name.to_owned(),
        schema,
        description: ctx.string(value, "description", &at),
        extensions: ctx.extensions(value),
    })
}

/// The media type chosen from a `content` map, and every media type that carries the same
/// schema (and, for a request, the same kind: document or form), which can be listed beside it.
struct Media {
    chosen: Option<String>,
    all: Vec<String>,
}

fn choose<'a>(
    ctx: &mut Context<'a>,
    owner: &'a Value,
    content_at: &str,
    what: &str,
    request: bool,
) -> Media {
    let Some(content) = owner.get("content").and_then(Value::as_object) else {
        return Media {
            chosen: None,
            all: Vec::new(),
        };
    };
    let all: Vec<String> = content.keys().cloned().collect();
    let json = |m: &&String| {
        let m = m.to_ascii_lowercase();
        m.starts_with("application/json") || (m.contains("json") && !m.contains("text/"))
    };
    let form = |m: &&String| {
        m.starts_with("application/x-www-form-urlencoded") || m.starts_with("multipart/form-data")
    };
    let chosen = all
        .iter()
        .find(|m| m.as_str() == "application/json")
        .or_else(|| all.iter().find(json))
        .or_else(|| all.iter().find(form))
        .or_else(|| all.first())
        .cloned();
    let mut kept = Vec::new();
    if let Some(chosen) = &chosen {
        let schema = content.get(chosen).and_then(|m| m.get("schema"));
        // A request is either a document or a form; a connector cannot offer both.
        let same_kind = |m: &String| !request || form(&m) == form(&chosen);
        let mut dropped: Vec<&str> = Vec::new();
        for media in &all {
            if content.get(media).and_then(|v| v.get("schema")) == schema && same_kind(media) {
                kept.push(media.clone());
            } else {
                dropped.push(media);
            }
        }
        if !dropped.is_empty() {
            ctx.report(
                codes::MEDIA_TYPE_CHOSEN,
                content_at,
                format!(
                    "the {what} is sent as `{chosen}`; [{}] (another schema{}) are dropped",
                    dropped.join(", "),
                    if request {
                        ", or a form beside a document"
                    } else {
                        ""
                    }
                ),
            );
        }
    }
    Media { chosen, all: kept }
}

/// `example` and `examples` of a media type object.
fn examples<'a>(ctx: &mut Context<'a>, media: &'a Value, at: &str) -> Vec<Example> {
    let mut out = Vec::new();
    if let Some(example) = media.get("example") {
        out.push(Example {
            name: None,
            value: example.clone(),
        });
    }
    let examples_at = pointer::push(at, "examples");
    for (name, example) in ctx.entries(media, "examples", at) {
        let example_at = pointer::push(&examples_at, name);
        let Some((example, example_at)) = ctx.resolve(example, &example_at) else {
            continue;
        };
        match example.get("value") {
            Some(value) => out.push(Example {
                name: Some(name.clone()),
                value: value.clone(),
            }),
            None if example.get("externalValue").is_some() => ctx.report(
                codes::EXTERNAL_EXAMPLE,
                &example_at,
                format!("example `{name}` is given only by URL and is dropped"),
            ),
            None => {}
        }
    }
    out
}

/// Reports members other than `known` and `x-` extensions.
fn unknown_members<'a>(
    ctx: &mut Context<'a>,
    value: &'a Value,
    at: &str,
    known: &[&str],
    what: &str,
) {
    let Some(map) = value.as_object() else {
        return;
    };
    for (key, value) in map {
        if !known.contains(&key.as_str()) && !key.starts_with("x-") {
            ctx.unmapped(
                codes::UNSUPPORTED_MEMBER,
                &pointer::push(at, key),
                value,
                format!("{what} member `{key}` has no connector equivalent and is dropped"),
            );
        }
    }
}
