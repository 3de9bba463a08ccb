//! APIOps extractor bundles of N APIs with M operations each.
//!
//! The layout is the APIOps v6/v7 extractor's: `apis/<name>/apiInformation.json`,
//! `apis/<name>/specification.yaml` (OpenAPI 3.0.1, YAML), `apis/<name>/policy.xml` (a
//! set-header and a rate-limit), `named values/<name>/namedValueInformation.json` and a global
//! `policy.xml`.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::words::{ADJECTIVES, NOUNS, SENTENCE, VERBS};
use crate::Rng;

/// Writes a bundle into `root` (created if missing). Returns the bytes written.
pub fn write(root: &Path, apis: usize, operations: usize, seed: u64) -> io::Result<u64> {
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    let mut put = |path: &Path, text: &str| -> io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
        bytes += text.len() as u64;
        Ok(())
    };
    put(
        &root.join("policy.xml"),
        "<policies>\n\t<inbound>\n\t\t<set-header name=\"X-Gateway\" exists-action=\"override\">\n\t\t\t<value>apim</value>\n\t\t</set-header>\n\t</inbound>\n\t<backend>\n\t\t<forward-request />\n\t</backend>\n\t<outbound />\n\t<on-error />\n</policies>\n",
    )?;
    put(
        &root.join("named values/environment-name/namedValueInformation.json"),
        &pretty(&json!({"properties": {
            "displayName": "environment-name",
            "secret": false,
            "tags": ["environment"],
            "value": "benchmark",
        }})),
    )?;
    for a in 0..apis {
        let mut r = rng.fork();
        let name = format!("{}-{}-api-{a}", r.pick(ADJECTIVES), r.pick(NOUNS));
        let dir = root.join("apis").join(&name);
        let path = format!("{}/{a}", r.pick(NOUNS));
        put(
            &dir.join("apiInformation.json"),
            &pretty(&json!({"properties": {
                "path": path,
                "apiRevision": "1",
                "authenticationSettings": {},
                "description": sentence(&mut r, 12),
                "displayName": title(&name),
                "protocols": ["https"],
                "serviceUrl": format!("https://backend{a}.example.com/api"),
                "subscriptionKeyParameterNames": {"header": "Ocp-Apim-Subscription-Key", "query": "subscription-key"},
                "subscriptionRequired": true,
            }})),
        )?;
        put(
            &dir.join("specification.yaml"),
            &yaml(&specification(&mut r, &name, &path, operations)),
        )?;
        put(
            &dir.join("policy.xml"),
            &format!("<policies>\n\t<inbound>\n\t\t<base />\n\t\t<set-header name=\"X-Environment\" exists-action=\"override\">\n\t\t\t<value>{{{{environment-name}}}}</value>\n\t\t</set-header>\n\t\t<rate-limit calls=\"{}\" renewal-period=\"60\" />\n\t</inbound>\n\t<backend>\n\t\t<base />\n\t</backend>\n\t<outbound>\n\t\t<base />\n\t</outbound>\n\t<on-error>\n\t\t<base />\n\t</on-error>\n</policies>\n", r.range(10, 1000)),
        )?;
    }
    Ok(bytes)
}

fn title(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let text: Vec<&str> = (0..words).map(|_| rng.pick(SENTENCE)).collect();
    format!("{}.", text.join(" "))
}

fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

fn schema_for(rng: &mut Rng, fields: usize) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    while properties.len() < fields {
        let name = format!("{}{}", rng.pick(ADJECTIVES), title(rng.pick(NOUNS)));
        let (schema, example) = match rng.below(5) {
            0 => (
                json!({"type": "integer", "format": "int32"}),
                json!(rng.below(1000)),
            ),
            1 => (json!({"type": "boolean"}), json!(rng.chance(50))),
            2 => (
                json!({"type": "string", "format": "date-time"}),
                json!("2024-05-01T10:00:00Z"),
            ),
            3 => (
                json!({"type": "number", "format": "double"}),
                json!(rng.below(10_000) as f64 / 10.0),
            ),
            _ => (json!({"type": "string"}), json!(rng.pick(NOUNS))),
        };
        let mut schema = schema;
        schema["description"] = json!(sentence(rng, 5));
        schema["example"] = example;
        if rng.chance(30) {
            required.push(json!(name.clone()));
        }
        properties.insert(name, schema);
    }
    let mut s = json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        s["required"] = Value::Array(required);
    }
    s
}

fn specification(rng: &mut Rng, name: &str, base: &str, operations: usize) -> Value {
    let mut paths = Map::new();
    let mut schemas = Map::new();
    let mut op = 0;
    let mut resource = 0;
    while op < operations {
        let noun = format!("{}{resource}", rng.pick(NOUNS));
        let model = title(&noun).replace(' ', "");
        schemas.insert(model.clone(), {
            let n = rng.range(4, 10);
            schema_for(rng, n)
        });
        let reference = json!({"$ref": format!("#/components/schemas/{model}")});
        let mut collection = Map::new();
        let mut item = Map::new();
        for (method, on_item) in [
            ("get", false),
            ("post", false),
            ("get", true),
            ("put", true),
            ("delete", true),
        ] {
            if op == operations {
                break;
            }
            let verb = rng.pick(VERBS);
            let mut operation = json!({
                "tags": [title(&noun)],
                "summary": format!("{verb} {noun}"),
                "description": sentence(rng, 10),
                "operationId": format!("{}-{noun}-{op}", verb.to_lowercase()),
            });
            let mut parameters = Vec::new();
            if on_item {
                parameters.push(json!({"name": "id", "in": "path", "required": true, "description": "The identifier.", "schema": {"type": "string"}}));
            }
            if method == "get" && !on_item {
                parameters.push(json!({"name": "top", "in": "query", "description": "Page size.", "schema": {"type": "integer", "default": 20}}));
                parameters
                    .push(json!({"name": "filter", "in": "query", "schema": {"type": "string"}}));
            }
            if !parameters.is_empty() {
                operation["parameters"] = Value::Array(parameters);
            }
            if method == "post" || method == "put" {
                operation["requestBody"] = json!({"content": {"application/json": {"schema": reference.clone()}}, "required": true});
            }
            let ok = if method == "get" && !on_item {
                json!({"description": "A page of results.", "content": {"application/json": {"schema": {"type": "array", "items": reference.clone()}}}})
            } else if method == "delete" {
                json!({"description": "Deleted."})
            } else {
                json!({"description": "The resource.", "content": {"application/json": {"schema": reference.clone()}}})
            };
            operation["responses"] = json!({"200": ok, "404": {"description": "Not found."}});
            let target = if on_item { &mut item } else { &mut collection };
            target.insert(method.to_string(), operation);
            op += 1;
        }
        if !collection.is_empty() {
            paths.insert(format!("/{noun}s"), Value::Object(collection));
        }
        if !item.is_empty() {
            paths.insert(format!("/{noun}s/{{id}}"), Value::Object(item));
        }
        resource += 1;
    }
    json!({
        "openapi": "3.0.1",
        "info": {"title": title(name), "description": sentence(rng, 15), "version": "1.0"},
        "servers": [{"url": format!("https://bench.azure-api.net/{base}")}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "apiKeyHeader": {"type": "apiKey", "name": "Ocp-Apim-Subscription-Key", "in": "header"},
                "apiKeyQuery": {"type": "apiKey", "name": "subscription-key", "in": "query"},
            },
        },
        "security": [{"apiKeyHeader": []}, {"apiKeyQuery": []}],
    })
}

/// Block-style YAML for a JSON value: plain scalars where YAML reads them back as the same
/// text, JSON-quoted strings otherwise.
pub fn yaml(value: &Value) -> String {
    let mut out = String::new();
    emit(value, 0, &mut out);
    out
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let plain = !s.is_empty()
                && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " _./-".contains(c))
                && !s.ends_with(' ')
                && !matches!(
                    s.to_ascii_lowercase().as_str(),
                    "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
                );
            if plain {
                s.clone()
            } else {
                serde_json::to_string(s).unwrap_or_default()
            }
        }
        other => other.to_string(),
    }
}

fn key(k: &str) -> String {
    if k.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/')
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./-{}$".contains(c))
    {
        k.to_string()
    } else {
        serde_json::to_string(k).unwrap_or_default()
    }
}

fn emit(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        let _ = writeln!(out, "{pad}{}:", key(k));
                        emit(v, indent + 2, out);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}{}:", key(k));
                        emit(v, indent + 2, out);
                    }
                    Value::Object(_) => {
                        let _ = writeln!(out, "{pad}{}: {{}}", key(k));
                    }
                    Value::Array(_) => {
                        let _ = writeln!(out, "{pad}{}: []", key(k));
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}{}: {}", key(k), scalar(v));
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Object(m) if !m.is_empty() => {
                        // The first member goes on the dash line, the rest below it.
                        let mut nested = String::new();
                        emit(item, indent + 2, &mut nested);
                        let _ = write!(out, "{pad}- {}", &nested[indent + 2..]);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let _ = writeln!(out, "{pad}-");
                        emit(item, indent + 2, out);
                    }
                    Value::Object(_) => {
                        let _ = writeln!(out, "{pad}- {{}}");
                    }
                    Value::Array(_) => {
                        let _ = writeln!(out, "{pad}- []");
                    }
                    _ => {
                        let _ = writeln!(out, "{pad}- {}", scalar(item));
                    }
                }
            }
        }
        _ => {
            let _ = writeln!(out, "{pad}{}", scalar(value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(root: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(root).unwrap().display().to_string();
                    files.push((rel, std::fs::read(&path).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn same_seed_same_bundle_and_yaml_reads_back() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        write(a.path(), 3, 7, 11).unwrap();
        write(b.path(), 3, 7, 11).unwrap();
        let files = read_all(a.path());
        assert_eq!(files, read_all(b.path()));
        assert_eq!(
            files
                .iter()
                .filter(|(n, _)| n.ends_with("specification.yaml"))
                .count(),
            3
        );
        let (name, spec) = files
            .iter()
            .find(|(n, _)| n.ends_with("specification.yaml"))
            .unwrap();
        let text = std::str::from_utf8(spec).unwrap();
        let mut diagnostics = connectorize_ir::Diagnostics::new();
        let document = connectorize_openapi::parse(text, name, &mut diagnostics).unwrap();
        let operations: usize = document.root["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|p| p.as_object().unwrap().len())
            .sum();
        assert_eq!(operations, 7);
        assert_eq!(document.root["openapi"], "3.0.1");
    }

    #[test]
    fn yaml_round_trips_awkward_strings() {
        let value = json!({"a": "true", "b": "x: y", "200": {"c": [1, "two", {"d": null, "e": "f"}]}, "g": [], "h": {}});
        let text = format!("openapi: 3.0.1\n{}", yaml(&value));
        let mut diagnostics = connectorize_ir::Diagnostics::new();
        let document = connectorize_openapi::parse(&text, "t.yaml", &mut diagnostics).unwrap();
        let mut expected = json!({"openapi": "3.0.1"});
        for (k, v) in value.as_object().unwrap() {
            expected[k] = v.clone();
        }
        assert_eq!(document.root, expected);
    }
}
