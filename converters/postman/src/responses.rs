//! Responses from saved examples: grouped by status, schemas merged per status, media types
//! from the example's headers or preview language; test-script statuses when there is none.

use connectorize_ir::{Example, Header, Response, Schema, SchemaType, Status};
use indexmap::IndexMap;
use serde_json::Value;

use crate::body::{essence, is_json, report_findings};
use crate::codes;
use crate::context::Ctx;
use crate::infer::{self, Findings};
use crate::large;
use crate::model;
use crate::shape::Shape;
use crate::tolerant_json;

/// Examples kept per response or body (all of them feed the schema).
pub const MAX_EXAMPLES: usize = 3;
/// Larger example texts are not kept (their schema still counts): a connector file must stay
/// under 1 MB, and parsed examples dominate memory on large collections.
pub const MAX_EXAMPLE_BYTES: usize = 32 * 1024;

/// Standard reason phrases.
pub fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "Switching Protocols",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Entity",
        423 => "Locked",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// The status of an example: its code, else its status text.
fn status_of(example: &model::Example) -> Option<Status> {
    if let Some(code) = example
        .code
        .as_deref()
        .and_then(|c| c.trim().parse::<u16>().ok())
    {
        if (100..=599).contains(&code) {
            return Some(Status::Code(code));
        }
    }
    let Some(text) = example.status.as_deref().map(str::trim) else {
        return status_from_name(example);
    };
    if let Some(code) = text.get(..3).and_then(|c| c.parse::<u16>().ok()) {
        if (100..=599).contains(&code) {
            return Some(Status::Code(code));
        }
    }
    (100..=599)
        .find(|code| reason(*code).is_some_and(|r| r.eq_ignore_ascii_case(text)))
        .map(Status::Code)
        .or_else(|| status_from_name(example))
}

/// A status written at the start of the example's name (`200 - Token revoked`).
fn status_from_name(example: &model::Example) -> Option<Status> {
    let name = example.name.as_deref()?.trim();
    let digits = name.get(..3)?;
    let code = digits.parse::<u16>().ok()?;
    let boundary = name[3..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_ascii_alphanumeric());
    ((100..=599).contains(&code) && boundary).then_some(Status::Code(code))
}

/// The media type of an example: `Content-Type`, then preview language, then the body.
fn media_type(example: &model::Example, body: &str) -> String {
    let header = example
        .header
        .iter()
        .find(|h| {
            h.key
                .as_deref()
                .is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
        })
        .and_then(|h| h.value.as_deref())
        .map(essence)
        .filter(|v| !v.is_empty());
    if let Some(media) = header {
        return media;
    }
    match example
        .preview_language
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("json") => "application/json".into(),
        Some("xml") => "application/xml".into(),
        Some("html") => "text/html".into(),
        _ if tolerant_json::looks_like_json(body) => "application/json".into(),
        _ if body.trim_start().starts_with('<') => "application/xml".into(),
        _ => "text/plain".into(),
    }
}

/// Adds the response headers of an example worth documenting that `headers` lacks
/// (transport headers were left out while parsing).
fn add_documented_headers(example: &model::Example, headers: &mut Vec<Header>) {
    for header in &example.header {
        let Some(name) = header.key.as_deref().map(str::trim) else {
            continue;
        };
        if name.is_empty()
            || name.eq_ignore_ascii_case("content-type")
            || headers.iter().any(|h| h.name.eq_ignore_ascii_case(name))
        {
            continue;
        }
        headers.push(Header {
            name: name.to_string(),
            schema: Schema::of(SchemaType::String),
            description: crate::model::describe(&header.description),
            extensions: Default::default(),
        });
    }
}

/// Responses of one request from its saved examples (`pointer` is the item's), or from the
/// statuses its test script asserts, or a plain 200; each with the shape of its schema.
pub fn responses(
    examples: &[model::Example],
    asserted: &[u16],
    ctx: &mut Ctx,
    pointer: &str,
) -> Vec<(Response, Option<Shape>)> {
    let mut groups: IndexMap<Status, Vec<(usize, &model::Example)>> = IndexMap::new();
    for (index, example) in examples.iter().enumerate() {
        let status = status_of(example).unwrap_or_else(|| {
            ctx.report(
                codes::EXAMPLE_WITHOUT_STATUS,
                format!(
                    "saved example `{}` has no status code; it documents the `default` response",
                    example.name.as_deref().unwrap_or("(unnamed)")
                ),
                &format!("{pointer}/response/{index}"),
            );
            Status::Default
        });
        groups.entry(status).or_default().push((index, example));
    }
    if groups.is_empty() {
        let codes: Vec<u16> = if asserted.is_empty() {
            vec![200]
        } else {
            asserted.to_vec()
        };
        return codes
            .into_iter()
            .map(|code| {
                (
                    Response::new(Status::Code(code), reason(code).unwrap_or("Success")),
                    None,
                )
            })
            .collect();
    }
    groups
        .into_iter()
        .map(|(status, members)| response(status, &members, ctx, pointer))
        .collect()
}

fn response(
    status: Status,
    members: &[(usize, &model::Example)],
    ctx: &mut Ctx,
    pointer: &str,
) -> (Response, Option<Shape>) {
    let named: Vec<&str> = members
        .iter()
        .filter_map(|(_, e)| e.name.as_deref().map(str::trim).filter(|n| !n.is_empty()))
        .collect();
    let standard = match status {
        Status::Code(code) => reason(code),
        Status::Default => None,
    };
    let description = match (named.as_slice(), standard) {
        ([only], _) => (*only).to_string(),
        (_, Some(phrase)) => phrase.to_string(),
        ([first, ..], None) => (*first).to_string(),
        ([], None) => members
            .iter()
            .find_map(|(_, e)| e.status.clone())
            .unwrap_or_else(|| "Response".to_string()),
    };
    let mut out = Response::new(status, description);
    let first_pointer = format!("{pointer}/response/{}", members[0].0);
    out.origin = Some(ctx.origin(&first_pointer));
    let mut findings = Findings::default();
    let mut shape: Option<Shape> = None;
    let mut string_schema = false;
    for (index, example) in members {
        let example_pointer = format!("{pointer}/response/{index}");
        add_documented_headers(example, &mut out.headers);
        let Some(body) = example.body.as_deref().filter(|b| !b.trim().is_empty()) else {
            continue;
        };
        let media = media_type(example, body);
        if out.media_type.is_none() {
            out.media_type = Some(media.clone());
        }
        let large = large::is_large(body);
        let kept = if is_json(&media) {
            match large::read_json(body) {
                Ok((inferred, value)) => {
                    ctx.scrubbed += inferred.scrubbed;
                    findings.absorb(inferred.findings);
                    match &mut shape {
                        Some(previous) => infer::merge(previous, inferred.shape, &mut findings),
                        None => shape = Some(inferred.shape),
                    }
                    value
                }
                Err(error) => {
                    ctx.report(
                        codes::INVALID_EXAMPLE_JSON,
                        format!(
                            "saved example `{}` says JSON but is not ({error}); it is kept as text",
                            example.name.as_deref().unwrap_or("(unnamed)")
                        ),
                        &example_pointer,
                    );
                    (!large).then(|| Value::String(body.to_string()))
                }
            }
        } else {
            string_schema = true;
            (!large).then(|| Value::String(body.to_string()))
        };
        let Some(value) = kept else {
            ctx.report(
                codes::LARGE_EXAMPLE,
                format!(
                    "saved example `{}` is {} bytes, too large to keep as an example (over {} MiB); its schema was inferred from its text",
                    example.name.as_deref().unwrap_or("(unnamed)"),
                    body.len(),
                    large::LARGE_BODY_BYTES / (1024 * 1024)
                ),
                &example_pointer,
            );
            continue;
        };
        if out.examples.len() < MAX_EXAMPLES && body.len() <= MAX_EXAMPLE_BYTES {
            out.examples.push(Example {
                name: example.name.clone().filter(|n| !n.trim().is_empty()),
                value,
            });
        } else {
            ctx.tally(codes::EXAMPLES_CAPPED, "", &example_pointer);
        }
    }
    report_findings(&findings, ctx, &first_pointer);
    let shape = shape.or_else(|| string_schema.then(|| Shape::of(SchemaType::String)));
    (out, shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_falls_back_to_the_status_text() {
        let example: model::Example =
            serde_json::from_value(serde_json::json!({"status": "Created", "body": "{}"})).unwrap();
        assert_eq!(status_of(&example), Some(Status::Code(201)));
        let example: model::Example =
            serde_json::from_value(serde_json::json!({"code": "404"})).unwrap();
        assert_eq!(status_of(&example), Some(Status::Code(404)));
    }

    #[test]
    fn a_large_example_is_not_kept_but_its_schema_counts() {
        let row = r#"{"id": 1, "name": "x", "when": "2024-01-02"}"#;
        let large = format!(
            "[{}]",
            vec![row; large::LARGE_BODY_BYTES / row.len() + 1].join(",")
        );
        let small = r#"[{"id": 2.5, "extra": true}]"#;
        let json = serde_json::json!([{"key": "Content-Type", "value": "application/json"}]);
        let examples: Vec<model::Example> = serde_json::from_value(serde_json::json!([
            {"name": "small", "code": "200", "header": json, "body": small},
            {"name": "big", "code": "200", "header": json, "body": large},
            {"name": "text", "code": "500", "body": "x".repeat(large::LARGE_BODY_BYTES + 1)},
        ]))
        .unwrap();
        let mut ctx = Ctx::new("c.json", "");
        let out = responses(&examples, &[], &mut ctx, "/item/0");

        let mut findings = Findings::default();
        let parsed = |text: &str| tolerant_json::parse(text).unwrap();
        let mut expected = infer::infer(&parsed(small), &mut findings);
        let inferred = infer::infer(&parsed(&large), &mut findings);
        infer::merge(&mut expected, inferred, &mut findings);
        assert_eq!(out[0].1, Some(expected));
        let kept: Vec<_> = out[0]
            .0
            .examples
            .iter()
            .map(|e| e.name.as_deref())
            .collect();
        assert_eq!(kept, [Some("small")]);
        assert_eq!(out[1].1, Some(Shape::of(SchemaType::String)));
        assert!(out[1].0.examples.is_empty());

        let reported: Vec<_> = ctx
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::LARGE_EXAMPLE)
            .map(|d| d.location.as_ref().and_then(|l| l.pointer.as_deref()))
            .collect();
        assert_eq!(
            reported,
            [Some("/item/0/response/1"), Some("/item/0/response/2")]
        );
        assert!(ctx
            .diagnostics
            .iter()
            .all(|d| d.message.contains("too large to keep")));
        // Not counted as examples left out beyond the cap as well.
        assert!(
            ctx.tallies.keys().all(|(code, _)| *code != "PM034"),
            "{:?}",
            ctx.tallies
        );
    }
}
