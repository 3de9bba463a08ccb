//! Request bodies: raw (JSON parsed tolerantly into a schema plus example, XML, text),
//! urlencoded and multipart forms, binary files and GraphQL.

use connectorize_ir::{Body, BodyContent, Example, FormField, Schema, SchemaType, Visibility};
use serde_json::{json, Value};

use crate::codes;
use crate::context::Ctx;
use crate::infer::{self, Findings};
use crate::large;
use crate::model::{self, describe, FormParam};
use crate::parameters::scalar_type;
use crate::responses::MAX_EXAMPLE_BYTES;
use crate::shape::{Property, Shape};
use crate::tolerant_json;
use crate::variables::{has_reference, is_secret_name, Scopes};

/// The media type for a body, in order: body mode, `options.raw.language`, the
/// `Content-Type` header, then the content itself.
fn raw_media_type(language: Option<&str>, content_type: Option<&str>, text: &str) -> String {
    let from_language = match language {
        Some("json") => Some("application/json"),
        Some("xml") => Some("application/xml"),
        Some("html") => Some("text/html"),
        Some("graphql") => Some("application/json"),
        _ => None,
    };
    if let Some(media) = from_language {
        return media.to_string();
    }
    if let Some(media) = content_type
        .map(essence)
        .filter(|m| !m.is_empty() && !has_reference(m))
    {
        return media;
    }
    if tolerant_json::looks_like_json(text) {
        "application/json".to_string()
    } else if text.trim_start().starts_with('<') {
        "application/xml".to_string()
    } else {
        "text/plain".to_string()
    }
}

/// `application/json; charset=utf-8` -> `application/json`.
pub fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a media type holds JSON.
pub fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media.contains("/json")
}

/// The IR body of a request, or `None` when nothing is sent. A document's schema comes
/// apart, as a [`Shape`], and its place in the body stays empty until the shape is interned.
pub fn body(
    body: &model::Body,
    content_type: Option<&str>,
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
    pointer: &str,
) -> Option<(Body, Option<Shape>)> {
    if body.disabled {
        return None;
    }
    let mode = body
        .mode
        .clone()
        .map(|m| m.to_ascii_lowercase())
        .or_else(|| {
            if body.raw.as_deref().is_some_and(|r| !r.trim().is_empty()) {
                Some("raw".into())
            } else if !body.urlencoded.is_empty() {
                Some("urlencoded".into())
            } else if !body.formdata.is_empty() {
                Some("formdata".into())
            } else if body.graphql.is_some() {
                Some("graphql".into())
            } else if body.file.is_some() {
                Some("file".into())
            } else {
                None
            }
        })?;
    let pointer = format!("{pointer}/body");
    let (media_type, (content, shape)) = match mode.as_str() {
        "raw" => {
            let raw = body.raw.as_deref().unwrap_or_default();
            if raw.trim().is_empty() {
                return None;
            }
            let text = scopes.resolve(raw).text;
            let media = raw_media_type(body.language().as_deref(), content_type, &text);
            (media.clone(), document(&text, &media, ctx, &pointer))
        }
        "urlencoded" => (
            "application/x-www-form-urlencoded".to_string(),
            (
                form(&body.urlencoded, scopes, ctx, &pointer, "urlencoded"),
                None,
            ),
        ),
        "formdata" => (
            "multipart/form-data".to_string(),
            (
                form(&body.formdata, scopes, ctx, &pointer, "formdata"),
                None,
            ),
        ),
        "file" => (
            content_type
                .map(essence)
                .filter(|m| !m.is_empty() && !has_reference(m))
                .unwrap_or_else(|| "application/octet-stream".to_string()),
            (
                BodyContent::Document {
                    schema: None,
                    examples: Vec::new(),
                },
                Some(Shape::string(Some("binary"))),
            ),
        ),
        "graphql" => (
            "application/json".to_string(),
            graphql(body.graphql.as_ref(), scopes),
        ),
        _ => return None,
    };
    if let BodyContent::Form { fields } = &content {
        if fields.is_empty() {
            return None;
        }
    }
    let body = Body {
        media_type,
        required: true,
        name: None,
        summary: None,
        description: None,
        content,
        shared: None,
        extensions: Default::default(),
        origin: Some(ctx.origin(&pointer)),
    };
    Some((body, shape))
}

/// A single document and its shape: JSON gets a schema and a parsed example, anything else
/// is a string. A document over [`large::LARGE_BODY_BYTES`] keeps no example.
fn document(text: &str, media: &str, ctx: &mut Ctx, pointer: &str) -> (BodyContent, Option<Shape>) {
    let large = large::is_large(text);
    let (examples, shape) = if large {
        let shape = large_document(text, media, ctx, pointer);
        ctx.report(
            codes::LARGE_EXAMPLE,
            format!(
                "the body is {} bytes, too large to keep as an example (over {} MiB); its schema was inferred from its text",
                text.len(),
                large::LARGE_BODY_BYTES / (1024 * 1024)
            ),
            pointer,
        );
        (Vec::new(), shape)
    } else {
        small_document(text, media, ctx, pointer)
    };
    (
        BodyContent::Document {
            schema: None,
            examples,
        },
        shape,
    )
}

/// Whether a body of this media type and text is read as JSON.
fn reads_as_json(text: &str, media: &str) -> bool {
    is_json(media) || tolerant_json::looks_like_json(text) && media == "text/plain"
}

/// [`document`]'s examples and shape for a text that may be kept.
fn small_document(
    text: &str,
    media: &str,
    ctx: &mut Ctx,
    pointer: &str,
) -> (Vec<Example>, Option<Shape>) {
    let as_text = || {
        vec![Example {
            name: None,
            value: Value::String(text.to_string()),
        }]
    };
    if !reads_as_json(text, media) {
        return (as_text(), Some(Shape::of(SchemaType::String)));
    }
    match large::read_json(text) {
        Ok((inferred, value)) => {
            let shape = json_shape(inferred, ctx, pointer);
            let examples = match value {
                Some(value) if text.len() <= MAX_EXAMPLE_BYTES => {
                    vec![Example { name: None, value }]
                }
                _ => {
                    ctx.tally(codes::EXAMPLES_CAPPED, "", pointer);
                    Vec::new()
                }
            };
            (examples, Some(shape))
        }
        Err(error) if is_json(media) => {
            ctx.report(
                codes::INVALID_BODY_JSON,
                format!("the JSON body cannot be parsed ({error}); it is kept as an example text"),
                pointer,
            );
            (as_text(), unparsed_shape(text))
        }
        Err(_) => (as_text(), Some(Shape::of(SchemaType::String))),
    }
}

/// [`document`]'s shape for a text too large to keep: the same as for a small one.
fn large_document(text: &str, media: &str, ctx: &mut Ctx, pointer: &str) -> Option<Shape> {
    if !reads_as_json(text, media) {
        return Some(Shape::of(SchemaType::String));
    }
    match large::read_json(text) {
        Ok((inferred, _)) => Some(json_shape(inferred, ctx, pointer)),
        Err(error) if is_json(media) => {
            ctx.report(
                codes::INVALID_BODY_JSON,
                format!("the JSON body cannot be parsed ({error})"),
                pointer,
            );
            unparsed_shape(text)
        }
        Err(_) => Some(Shape::of(SchemaType::String)),
    }
}

/// The shape of a parsed JSON body, its findings reported and its blanked secrets counted.
fn json_shape(inferred: large::Inferred, ctx: &mut Ctx, pointer: &str) -> Shape {
    ctx.scrubbed += inferred.scrubbed;
    report_findings(&inferred.findings, ctx, pointer);
    inferred.shape
}

/// What a JSON body that cannot be parsed still says: an object or an array.
fn unparsed_shape(text: &str) -> Option<Shape> {
    match text.trim_start().chars().next() {
        Some('{') => Some(Shape::of(SchemaType::Object)),
        Some('[') => Some(Shape::array_of(Shape::default())),
        _ => None,
    }
}

/// Reports type conflicts and caps met while inferring a schema.
pub fn report_findings(findings: &Findings, ctx: &mut Ctx, pointer: &str) {
    if !findings.conflicts.is_empty() {
        ctx.report(
            codes::TYPE_CONFLICT,
            format!(
                "samples disagree on the type of {}; the schema accepts any value there",
                findings
                    .conflicts
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            pointer,
        );
    }
    if findings.capped {
        ctx.tally(codes::INFERENCE_CAPPED, "", pointer);
    }
}

/// Form fields; file fields get type `file`, disabled ones are optional and advanced.
fn form(
    params: &[FormParam],
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
    pointer: &str,
    key: &str,
) -> BodyContent {
    let mut fields: Vec<FormField> = Vec::new();
    for (index, param) in params.iter().enumerate() {
        let Some(name) = param
            .key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        else {
            continue;
        };
        if let Some(existing) = fields.iter_mut().find(|f| f.name == name) {
            if !param.disabled {
                existing.visibility = None;
            }
            continue;
        }
        let is_file =
            param.kind.as_deref() == Some("file") || (param.kind.is_none() && param.src.is_some());
        let (schema, example) = if is_file {
            (Schema::of(SchemaType::File), None)
        } else {
            let resolved = param.value.as_deref().map(|v| scopes.resolve(v));
            let known = resolved
                .filter(|r| r.is_complete() && !has_reference(&r.text) && !r.text.is_empty())
                .map(|r| r.text);
            match known {
                Some(_) if is_secret_name(name) => {
                    ctx.scrubbed += 1;
                    (Schema::of(SchemaType::String), None)
                }
                Some(value) => {
                    let (t, v) = scalar_type(&value);
                    (Schema::of(t), Some(v))
                }
                None => (Schema::of(SchemaType::String), None),
            }
        };
        fields.push(FormField {
            name: name.to_string(),
            required: false,
            schema,
            summary: None,
            description: describe(&param.description),
            visibility: param.disabled.then_some(Visibility::Advanced),
            example,
            extensions: Default::default(),
            origin: Some(ctx.origin(&format!("{pointer}/{key}/{index}"))),
        });
    }
    BodyContent::Form { fields }
}

/// GraphQL is sent as JSON `{query, variables}`.
fn graphql(graphql: Option<&Value>, scopes: &Scopes<'_>) -> (BodyContent, Option<Shape>) {
    let query = graphql
        .and_then(|g| g.get("query"))
        .and_then(Value::as_str)
        .map(|q| scopes.resolve(q).text)
        .unwrap_or_default();
    let variables = match graphql.and_then(|g| g.get("variables")) {
        Some(Value::String(text)) if !text.trim().is_empty() => {
            tolerant_json::parse(&scopes.resolve(text).text).unwrap_or_else(|_| json!({}))
        }
        Some(value @ Value::Object(_)) => value.clone(),
        _ => json!({}),
    };
    let mut findings = Findings::default();
    let variables_shape = match &variables {
        Value::Object(map) if !map.is_empty() => infer::infer(&variables, &mut findings),
        _ => Shape::of(SchemaType::Object),
    };
    let shape = Shape {
        properties: vec![
            Property {
                name: "query".into(),
                shape: Shape::of(SchemaType::String),
                required: true,
            },
            Property {
                name: "variables".into(),
                shape: variables_shape,
                required: false,
            },
        ],
        ..Shape::of(SchemaType::Object)
    };
    (
        BodyContent::Document {
            schema: None,
            examples: vec![Example {
                name: None,
                value: json!({"query": query, "variables": variables}),
            }],
        },
        Some(shape),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_type_precedence() {
        assert_eq!(
            raw_media_type(Some("xml"), Some("application/json"), "{}"),
            "application/xml"
        );
        assert_eq!(
            raw_media_type(None, Some("Application/Vnd.Api+JSON; x=1"), "x"),
            "application/vnd.api+json"
        );
        assert_eq!(
            raw_media_type(Some("text"), None, "[1]"),
            "application/json"
        );
        assert_eq!(raw_media_type(None, None, "<a/>"), "application/xml");
        assert_eq!(raw_media_type(None, None, "hello"), "text/plain");
    }

    #[test]
    fn a_large_body_keeps_its_schema_but_no_example() {
        let row = r#"{"id": 1, "password": "p", "tags": ["a", 2]}"#;
        let large = format!(
            "[{}]",
            vec![row; large::LARGE_BODY_BYTES / row.len() + 1].join(",")
        );
        let mut ctx = Ctx::new("c.json", "");
        let (content, shape) =
            document(&large, "application/json", &mut ctx, "/item/0/request/body");
        let mut value = tolerant_json::parse(&large).unwrap();
        let scrubbed = crate::secrets::scrub(&mut value);
        let mut findings = Findings::default();
        assert_eq!(shape, Some(infer::infer(&value, &mut findings)));
        assert_eq!(ctx.scrubbed, scrubbed);
        assert!(matches!(content, BodyContent::Document { examples, .. } if examples.is_empty()));
        let codes: Vec<&str> = ctx.diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, ["PM020", "PM038"]);

        // Not JSON, or JSON that cannot be parsed: no example either, the same shapes.
        let text = "x".repeat(large::LARGE_BODY_BYTES + 1);
        let mut ctx = Ctx::new("c.json", "");
        let (content, shape) = document(&text, "text/plain", &mut ctx, "/b");
        assert_eq!(shape, Some(Shape::of(SchemaType::String)));
        assert!(matches!(content, BodyContent::Document { examples, .. } if examples.is_empty()));
        let broken = format!("{{\"a\": {text}");
        let (_, shape) = document(&broken, "application/json", &mut ctx, "/c");
        assert_eq!(shape, Some(Shape::of(SchemaType::Object)));
        let codes: Vec<&str> = ctx.diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, ["PM038", "PM017", "PM038"]);
    }
}
