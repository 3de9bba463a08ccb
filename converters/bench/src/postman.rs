//! Realistic Postman v2.1 collections of a target size.
//!
//! A collection has collection-level variables and bearer auth; top-level folders per resource
//! (some with folder variables and API-key auth of their own) holding 2–3 sub-folders of 3–6
//! requests. Requests have path variables (`:id`), query parameters, headers, JSON bodies
//! for writes, and 1–3 saved examples whose JSON bodies vary in shape (optional members left
//! out, arrays of different lengths, an error example now and then).

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::words::{ADJECTIVES, CITIES, FIRST, NOUNS, SENTENCE, VERBS};
use crate::{Counting, Rng};

/// The JSON shape of a body: every example of one request draws from the same shape, so
/// schema inference sees several instances of one type.
#[derive(Clone, Debug)]
enum Shape {
    Text(TextKind),
    Integer,
    Number,
    Boolean,
    Object(Vec<(String, Shape, bool)>),
    Array(Box<Shape>),
}

#[derive(Clone, Copy, Debug)]
enum TextKind {
    Word,
    Sentence,
    DateTime,
    Id,
    Email,
    Url,
    City,
}

fn field_name(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => rng.pick(NOUNS).to_string(),
        1 => format!("{}_{}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
        2 => format!("{}Id", rng.pick(NOUNS)),
        _ => format!(
            "{}{}",
            rng.pick(NOUNS),
            rng.pick(&["_count", "_at", "Name", "_url", "Status"])
        ),
    }
}

fn shape(rng: &mut Rng, depth: usize, fields: (usize, usize)) -> Shape {
    let mut members: Vec<(String, Shape, bool)> = Vec::new();
    let n = rng.range(fields.0, fields.1);
    while members.len() < n {
        let name = field_name(rng);
        if members.iter().any(|(m, _, _)| *m == name) {
            continue;
        }
        let kind = rng.below(if depth == 0 { 7 } else { 9 });
        let s = match kind {
            0 | 1 => Shape::Text(rng.pick(&[
                TextKind::Word,
                TextKind::Sentence,
                TextKind::DateTime,
                TextKind::Id,
                TextKind::Email,
                TextKind::Url,
                TextKind::City,
            ])),
            2 => Shape::Integer,
            3 => Shape::Number,
            4 => Shape::Boolean,
            5 | 6 => Shape::Text(TextKind::Word),
            7 => shape(rng, depth - 1, (2, 5)),
            _ => Shape::Array(Box::new(if rng.chance(70) {
                shape(rng, depth - 1, (2, 4))
            } else {
                Shape::Text(TextKind::Word)
            })),
        };
        let optional = rng.chance(20);
        members.push((name, s, optional));
    }
    Shape::Object(members)
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(SENTENCE));
    }
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
    s.push('.');
    s
}

fn instance(rng: &mut Rng, shape: &Shape) -> Value {
    match shape {
        Shape::Text(kind) => Value::String(match kind {
            TextKind::Word => format!("{}-{}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
            TextKind::Sentence => {
                let n = rng.range(4, 14);
                sentence(rng, n)
            }
            TextKind::DateTime => format!(
                "20{:02}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                rng.range(15, 26),
                rng.range(1, 12),
                rng.range(1, 28),
                rng.below(24),
                rng.below(60),
                rng.below(60)
            ),
            TextKind::Id => rng.uuid(),
            TextKind::Email => format!(
                "{}.{}@example.com",
                rng.pick(FIRST).to_ascii_lowercase(),
                rng.pick(NOUNS)
            ),
            TextKind::Url => format!(
                "https://cdn.example.com/{}/{}",
                rng.pick(NOUNS),
                rng.hex(10)
            ),
            TextKind::City => rng.pick(CITIES).to_string(),
        }),
        Shape::Integer => json!(rng.below(100_000)),
        Shape::Number => json!((rng.below(1_000_000) as f64) / 100.0),
        Shape::Boolean => json!(rng.chance(50)),
        Shape::Object(members) => {
            let mut map = Map::new();
            for (name, s, optional) in members {
                if *optional && rng.chance(40) {
                    continue;
                }
                map.insert(name.clone(), instance(rng, s));
            }
            Value::Object(map)
        }
        Shape::Array(item) => {
            Value::Array((0..rng.range(1, 4)).map(|_| instance(rng, item)).collect())
        }
    }
}

fn pretty(value: &Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

struct Context {
    resource: String,
    prefix: String,
    folder: usize,
}

fn url(rng: &mut Rng, ctx: &Context, segments: &[String], query: &[(String, String)]) -> Value {
    let mut path: Vec<Value> = Vec::new();
    let mut variables = Vec::new();
    let mut raw = String::from("{{baseUrl}}");
    for s in segments {
        raw.push('/');
        raw.push_str(s);
        path.push(json!(s));
        if let Some(name) = s.strip_prefix(':') {
            variables.push(json!({
                "key": name,
                "value": rng.range(1, 99_999).to_string(),
                "description": format!("The {} identifier.", ctx.resource),
            }));
        }
    }
    let mut q = Vec::new();
    for (i, (k, v)) in query.iter().enumerate() {
        raw.push(if i == 0 { '?' } else { '&' });
        raw.push_str(&format!("{k}={v}"));
        q.push(json!({"key": k, "value": v, "description": sentence(rng, 6)}));
    }
    let mut url = json!({"raw": raw, "host": ["{{baseUrl}}"], "path": path});
    if !q.is_empty() {
        url["query"] = Value::Array(q);
    }
    if !variables.is_empty() {
        url["variable"] = Value::Array(variables);
    }
    url
}

fn request(rng: &mut Rng, ctx: &Context, index: usize) -> Value {
    let verb = rng.pick(VERBS);
    let sub = rng.pick(NOUNS);
    let (method, segments, writes) = match index % 5 {
        0 => ("GET", vec![ctx.prefix.clone(), format!("{sub}s")], false),
        1 => ("POST", vec![ctx.prefix.clone(), format!("{sub}s")], true),
        2 => (
            "GET",
            vec![ctx.prefix.clone(), format!("{sub}s"), ":id".to_string()],
            false,
        ),
        3 => (
            rng.pick(&["PUT", "PATCH"]),
            vec![ctx.prefix.clone(), format!("{sub}s"), ":id".to_string()],
            true,
        ),
        _ => (
            "DELETE",
            vec![
                ctx.prefix.clone(),
                format!("{sub}s"),
                ":id".to_string(),
                format!("{}{index}", rng.pick(ADJECTIVES)),
            ],
            false,
        ),
    };
    let segments: Vec<String> = segments
        .into_iter()
        .map(|s| {
            if s == ctx.prefix {
                format!("{s}{}", ctx.folder)
            } else {
                s
            }
        })
        .collect();
    let query: Vec<(String, String)> = if method == "GET" {
        let mut q = vec![
            ("limit".to_string(), rng.range(10, 100).to_string()),
            ("offset".to_string(), "0".to_string()),
        ];
        if rng.chance(50) {
            q.push(("filter".into(), rng.pick(ADJECTIVES).to_string()));
        }
        q
    } else {
        Vec::new()
    };
    let name = format!("{verb} {} {sub} {index}", ctx.resource);
    let mut headers = vec![
        json!({"key": "Accept", "value": "application/json"}),
        json!({"key": "X-Request-Id", "value": "{{requestId}}", "description": "Correlation id."}),
    ];
    let body_shape = shape(rng, 2, (5, 12));
    let response_shape = shape(rng, 3, (6, 14));
    let words = rng.range(8, 30);
    let description = sentence(rng, words);
    let mut req = json!({
        "method": method,
        "header": [],
        "url": url(rng, ctx, &segments, &query),
        "description": description,
    });
    let mut body_value = None;
    if writes {
        headers.push(json!({"key": "Content-Type", "value": "application/json"}));
        let value = instance(rng, &body_shape);
        req["body"] = json!({
            "mode": "raw",
            "raw": pretty(&value),
            "options": {"raw": {"language": "json"}},
        });
        body_value = Some(value);
    }
    req["header"] = Value::Array(headers);
    let mut responses = Vec::new();
    for e in 0..rng.range(1, 3) {
        let (code, status, body) = if e > 0 && rng.chance(35) {
            (
                rng.pick(&[400, 404, 409, 422]),
                "Error",
                json!({"error": {"code": rng.pick(NOUNS).to_uppercase(), "message": sentence(rng, 8), "details": [{"field": field_name(rng), "issue": sentence(rng, 5)}]}}),
            )
        } else if method == "GET" && index % 5 == 0 {
            let items: Vec<Value> = (0..rng.range(1, 4))
                .map(|_| instance(rng, &response_shape))
                .collect();
            (
                200,
                "OK",
                json!({"data": items, "page": {"limit": 25, "offset": 0, "total": rng.below(5000)}}),
            )
        } else if method == "POST" {
            (201, "Created", instance(rng, &response_shape))
        } else if method == "DELETE" {
            (200, "OK", json!({"deleted": true, "id": rng.uuid()}))
        } else {
            (200, "OK", instance(rng, &response_shape))
        };
        let mut original = json!({
            "method": method,
            "header": [{"key": "Accept", "value": "application/json"}],
            "url": url(rng, ctx, &segments, &query),
        });
        if let Some(value) = &body_value {
            original["body"] = json!({
                "mode": "raw",
                "raw": pretty(value),
                "options": {"raw": {"language": "json"}},
            });
        }
        responses.push(json!({
            "name": format!("{code} {status} example {}", e + 1),
            "originalRequest": original,
            "status": status,
            "code": code,
            "_postman_previewlanguage": "json",
            "header": [
                {"key": "Content-Type", "value": "application/json; charset=utf-8"},
                {"key": "X-RateLimit-Remaining", "value": rng.below(5000).to_string()},
            ],
            "cookie": [],
            "body": pretty(&body),
        }));
    }
    json!({"name": name, "request": req, "response": responses})
}

fn folder(rng: &mut Rng, n: usize) -> Value {
    let resource = format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS));
    let prefix = resource.replace(' ', "-");
    let ctx = Context {
        resource: resource.clone(),
        prefix,
        folder: n,
    };
    let mut subfolders = Vec::new();
    let mut index = 0;
    for s in 0..rng.range(2, 3) {
        let mut items = Vec::new();
        for _ in 0..rng.range(3, 6) {
            items.push(request(rng, &ctx, index));
            index += 1;
        }
        subfolders.push(json!({
            "name": format!("{} {}", rng.pick(VERBS), s + 1),
            "description": sentence(rng, 10),
            "item": items,
        }));
    }
    let words = rng.range(10, 40);
    let description = sentence(rng, words);
    let mut f = json!({
        "name": format!("{resource} {n}"),
        "description": description,
        "item": subfolders,
    });
    if rng.chance(30) {
        f["variable"] = json!([{"key": format!("{}Version", ctx.prefix), "value": format!("v{}", rng.range(1, 4))}]);
    }
    if rng.chance(15) {
        f["auth"] = json!({"type": "apikey", "apikey": [
            {"key": "key", "value": "X-Api-Key", "type": "string"},
            {"key": "value", "value": "{{apiKey}}", "type": "string"},
            {"key": "in", "value": "header", "type": "string"},
        ]});
    }
    f
}

/// Writes a collection of at least `target_bytes` (it stops after the folder that reaches the
/// target, so it overshoots by at most one folder, about 100 KB). Returns the bytes written.
pub fn write<W: Write>(out: W, target_bytes: u64, seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut out = Counting::new(io::BufWriter::new(out));
    let head = json!({
        "_postman_id": rng.uuid(),
        "name": format!("Generated API {seed}"),
        "description": "A generated collection for connectorize benchmarks.",
        "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    });
    let auth = json!({"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]});
    let variables = json!([
        {"key": "baseUrl", "value": "https://api.example.com/v2"},
        {"key": "requestId", "value": "bench-0001"},
        {"key": "token", "value": ""},
        {"key": "apiKey", "value": ""},
    ]);
    out.write_all(b"{\n\t\"info\": ")?;
    serde_json::to_writer_pretty(&mut out, &head)?;
    out.write_all(b",\n\t\"auth\": ")?;
    serde_json::to_writer_pretty(&mut out, &auth)?;
    out.write_all(b",\n\t\"variable\": ")?;
    serde_json::to_writer_pretty(&mut out, &variables)?;
    out.write_all(b",\n\t\"item\": [\n")?;
    let mut n = 0;
    while n == 0 || out.bytes < target_bytes {
        if n > 0 {
            out.write_all(b",\n")?;
        }
        let mut child = rng.fork();
        serde_json::to_writer_pretty(&mut out, &folder(&mut child, n))?;
        n += 1;
    }
    out.write_all(b"\n\t]\n}\n")?;
    out.flush()?;
    Ok(out.bytes)
}

/// A collection of at least `target_bytes`, as text.
pub fn generate(target_bytes: u64, seed: u64) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write(&mut buf, target_bytes, seed);
    String::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes_and_valid_postman() {
        let a = generate(60_000, 3);
        assert_eq!(a, generate(60_000, 3));
        assert_ne!(a, generate(60_000, 4));
        assert!(a.len() >= 60_000 && a.len() < 400_000, "{}", a.len());
        let v: Value = serde_json::from_str(&a).unwrap();
        assert!(v["info"]["schema"].as_str().unwrap().contains("v2.1.0"));
        let folders = v["item"].as_array().unwrap();
        let request = &folders[0]["item"][0]["item"][0];
        assert!(request["request"]["url"]["raw"]
            .as_str()
            .unwrap()
            .starts_with("{{baseUrl}}/"));
        let examples = request["response"].as_array().unwrap();
        assert!((1..=3).contains(&examples.len()));
        let body: Value = serde_json::from_str(examples[0]["body"].as_str().unwrap()).unwrap();
        assert!(body.is_object());
    }

    #[test]
    fn size_grows_with_the_target() {
        let small = generate(200_000, 1).len();
        let large = generate(2_000_000, 1).len();
        assert!(
            small < 400_000 && (2_000_000..2_200_000).contains(&large),
            "{small} {large}"
        );
    }
}
