//! Path, query and header parameters of one request.

use connectorize_ir::{
    ApiKeyLocation, Parameter, ParameterLocation, Schema, SchemaType, Visibility,
};
use indexmap::IndexMap;
use serde_json::Value;

use crate::codes;
use crate::context::Ctx;
use crate::model::{describe, Header, QueryParam, Variable};
use crate::variables::{has_reference, is_secret_name, references, Scopes};

/// A path template relative to the origin, with its path parameters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathTemplate {
    /// Segments: literal text or `{name}`.
    pub segments: Vec<String>,
    /// One parameter per `{name}`.
    pub parameters: Vec<Parameter>,
}

/// Turns `:name` and unresolvable (or id-like) `{{name}}` segments into `{name}` parameters
/// and substitutes the other variables.
pub fn path_template(
    segments: &[String],
    variables: &[Variable],
    scopes: &Scopes<'_>,
    ctx: &Ctx,
    pointer: &str,
) -> PathTemplate {
    let mut out = PathTemplate::default();
    for segment in segments {
        if let Some(rest) = segment.strip_prefix(':').filter(|r| !r.is_empty()) {
            let (name, suffix) = match rest.find('.') {
                Some(dot) => (&rest[..dot], &rest[dot..]),
                None => (rest, ""),
            };
            let name = add_parameter(&mut out, name, variables, scopes, ctx, pointer);
            out.segments.push(format!("{{{name}}}{}", literal(suffix)));
            continue;
        }
        if let Some(name) = placeholder(segment) {
            let name = add_parameter(&mut out, name, variables, scopes, ctx, pointer);
            out.segments.push(format!("{{{name}}}"));
            continue;
        }
        if !segment.contains("{{") {
            out.segments.push(literal(segment));
            continue;
        }
        // Substitute variables piece by piece; keep parameters where the value is unknown
        // or identifies a record.
        let mut text = String::new();
        let mut rest = segment.as_str();
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open + 2..].find("}}").map(|c| c + open + 2) else {
                break;
            };
            text.push_str(&literal(&rest[..open]));
            let reference = &rest[open..close + 2];
            let name = rest[open + 2..close].trim();
            rest = &rest[close + 2..];
            let resolved = scopes.resolve(reference);
            if resolved.is_complete()
                && !has_reference(&resolved.text)
                && substitutable(name, &resolved.text)
            {
                text.push_str(&literal(&resolved.text));
            } else {
                let name = add_parameter(&mut out, name, variables, scopes, ctx, pointer);
                text.push_str(&format!("{{{name}}}"));
            }
        }
        text.push_str(&literal(rest));
        out.segments.extend(
            text.split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
    }
    out
}

/// A whole segment written as a placeholder by hand: `{id}` (OpenAPI style), `<id>` or
/// `[INSERT-ID]`.
fn placeholder(segment: &str) -> Option<&str> {
    let inner = segment
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .filter(|s| !s.starts_with('{'))
        .or_else(|| segment.strip_prefix('<').and_then(|s| s.strip_suffix('>')))
        .or_else(|| segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')))?;
    let inner = inner.trim();
    (!inner.is_empty() && !inner.contains(['{', '}', '<', '>', '[', ']'])).then_some(inner)
}

/// Literal path text with braces percent-encoded (braces delimit parameters).
fn literal(text: &str) -> String {
    text.replace('{', "%7B").replace('}', "%7D")
}

/// Whether a variable's value belongs in the path as text rather than as a parameter: not
/// for record identifiers, which differ from call to call.
fn substitutable(name: &str, value: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !value.trim().is_empty()
        && !lower.ends_with("id")
        && !value.chars().all(|c| c.is_ascii_digit())
        && crate::infer::string_format(value) != Some("uuid")
}

/// Adds a path parameter (a unique, brace-free name) and returns its name.
fn add_parameter(
    out: &mut PathTemplate,
    raw_name: &str,
    variables: &[Variable],
    scopes: &Scopes<'_>,
    ctx: &Ctx,
    pointer: &str,
) -> String {
    let base: String = raw_name
        .trim()
        .chars()
        .map(|c| {
            if matches!(c, '{' | '}' | '/' | '?' | '#') || c.is_whitespace() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let base = if base.is_empty() {
        "param".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while out.parameters.iter().any(|p| p.name == name) {
        name = format!("{base}{n}");
        n += 1;
    }
    let mut parameter = Parameter::new(name.clone(), ParameterLocation::Path);
    let variable = variables.iter().find(|v| v.name() == Some(raw_name.trim()));
    if let Some(variable) = variable {
        parameter.description = describe(&variable.description);
        parameter.example = variable
            .text()
            .map(|v| scopes.resolve(&v))
            .filter(|r| r.is_complete() && !has_reference(&r.text) && !r.text.is_empty())
            .map(|r| Value::String(r.text));
    }
    if parameter.example.is_none() && !is_secret_name(raw_name) {
        parameter.example = scopes
            .lookup(raw_name.trim())
            .filter(|v| !v.secret && !v.text.is_empty() && !has_reference(&v.text))
            .map(|v| Value::String(v.text.clone()));
    }
    parameter.origin = Some(ctx.origin(pointer));
    out.parameters.push(parameter);
    name
}

/// The type a literal value suggests, conservatively: `007` stays a string.
pub fn scalar_type(value: &str) -> (SchemaType, Value) {
    let v = value.trim();
    if v == "true" || v == "false" {
        return (SchemaType::Boolean, Value::Bool(v == "true"));
    }
    let unsigned = v.strip_prefix('-').unwrap_or(v);
    let canonical_int = !unsigned.is_empty()
        && unsigned.len() <= 15
        && unsigned.chars().all(|c| c.is_ascii_digit())
        && (unsigned == "0" || !unsigned.starts_with('0'));
    if canonical_int {
        if let Ok(n) = v.parse::<i64>() {
            return (SchemaType::Integer, Value::from(n));
        }
    }
    if let Some((whole, fraction)) = unsigned.split_once('.') {
        let canonical = !whole.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
            && (whole == "0" || !whole.starts_with('0'))
            && !fraction.is_empty()
            && fraction.chars().all(|c| c.is_ascii_digit())
            && v.len() <= 17;
        if canonical {
            if let Some(n) = v.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
                return (SchemaType::Number, Value::Number(n));
            }
        }
    }
    (SchemaType::String, Value::String(value.to_string()))
}

/// Query parameters: duplicates collapsed (repeated enabled keys become an array), disabled
/// ones kept as optional advanced parameters, the auth scheme's own key left out.
pub fn query(
    query: &[QueryParam],
    auth_key: Option<(&str, ApiKeyLocation)>,
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
    pointer: &str,
) -> Vec<Parameter> {
    let mut groups: IndexMap<String, Vec<&QueryParam>> = IndexMap::new();
    for entry in query {
        let Some(key) = entry
            .key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        else {
            continue;
        };
        if matches!(auth_key, Some((name, ApiKeyLocation::Query)) if name == key) {
            continue;
        }
        groups.entry(key.to_string()).or_default().push(entry);
    }
    let mut out = Vec::new();
    for (key, entries) in groups {
        if entries.len() > 1 {
            ctx.tally(codes::DUPLICATE_QUERY, "", pointer);
        }
        let enabled: Vec<&&QueryParam> = entries.iter().filter(|e| !e.disabled).collect();
        let mut parameter = Parameter::new(key.clone(), ParameterLocation::Query);
        parameter.required = false;
        if enabled.is_empty() {
            parameter.visibility = Some(Visibility::Advanced);
        }
        parameter.description = entries.iter().find_map(|e| describe(&e.description));
        let values: Vec<String> = entries
            .iter()
            .filter_map(|e| e.value.as_deref())
            .map(|v| scopes.resolve(v))
            .filter(|r| r.is_complete() && !has_reference(&r.text) && !r.text.is_empty())
            .map(|r| r.text)
            .collect();
        let secret = is_secret_name(&key) && !values.is_empty();
        if secret {
            ctx.scrubbed += 1;
        }
        let typed = values.first().filter(|_| !secret).map(|v| scalar_type(v));
        let item_type = typed.as_ref().map_or(SchemaType::String, |(t, _)| *t);
        if enabled.len() > 1 {
            parameter.schema = Schema::array_of(Schema::of(item_type));
            parameter.collection_format = Some("multi".to_string());
            if !secret && !values.is_empty() {
                parameter.example = Some(Value::Array(
                    values.iter().map(|v| scalar_type(v).1).collect(),
                ));
            }
        } else {
            parameter.schema = Schema::of(item_type);
            parameter.example = typed.map(|(_, v)| v);
        }
        // A key sent without `=value` is a flag.
        parameter.allow_empty_value = enabled.iter().any(|e| e.value.is_none());
        parameter.origin = Some(ctx.origin(pointer));
        out.push(parameter);
    }
    out
}

/// Headers no connector models as parameters: the platform sets them from the body, the
/// response handling or the connection.
const PLATFORM_HEADERS: &[&str] = &[
    "content-type",
    "accept",
    "authorization",
    "proxy-authorization",
    "host",
    "content-length",
    "connection",
    "accept-encoding",
];

/// Header parameters: platform and auth headers dropped (and tallied), names deduplicated
/// case-insensitively, constant headers made internal required parameters with a default.
pub fn headers(
    headers: &[Header],
    auth_header: Option<&str>,
    scopes: &Scopes<'_>,
    ctx: &mut Ctx,
    pointer: &str,
) -> Vec<Parameter> {
    let mut seen: IndexMap<String, usize> = IndexMap::new();
    let mut out: Vec<Parameter> = Vec::new();
    for header in headers {
        let Some(key) = header
            .key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
        else {
            continue;
        };
        let lower = key.to_ascii_lowercase();
        if PLATFORM_HEADERS.contains(&lower.as_str())
            || auth_header.is_some_and(|a| a.eq_ignore_ascii_case(key))
        {
            ctx.tally(codes::DROPPED_HEADERS, format!("header `{key}`"), pointer);
            continue;
        }
        if let Some(&index) = seen.get(&lower) {
            // A later enabled copy makes a disabled one sent after all.
            if !header.disabled && out[index].visibility == Some(Visibility::Advanced) {
                out[index].visibility = None;
            }
            continue;
        }
        let raw = header.value.clone().unwrap_or_default();
        let resolved = scopes.resolve(&raw);
        let known = resolved.is_complete()
            && !has_reference(&resolved.text)
            && !resolved.text.trim().is_empty();
        let secret = is_secret_name(key) || !resolved.secrets.is_empty();
        let mut parameter = Parameter::new(key.to_string(), ParameterLocation::Header);
        parameter.description = describe(&header.description);
        if secret && known {
            ctx.scrubbed += 1;
        }
        if header.disabled {
            parameter.required = false;
            parameter.visibility = Some(Visibility::Advanced);
            if known && !secret {
                parameter.example = Some(Value::String(resolved.text));
            }
        } else if known && !secret {
            parameter.required = true;
            parameter.visibility = Some(Visibility::Internal);
            parameter.schema.default = Some(Value::String(resolved.text));
        } else {
            parameter.required = secret;
            if parameter.description.is_none() && !references(&raw).is_empty() && !secret {
                parameter.description = Some(format!("Postman sends `{raw}` here."));
            }
        }
        parameter.origin = Some(ctx.origin(pointer));
        seen.insert(lower, out.len());
        out.push(parameter);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_types_are_conservative() {
        assert_eq!(scalar_type("007").0, SchemaType::String);
        assert_eq!(scalar_type("42"), (SchemaType::Integer, Value::from(42)));
        assert_eq!(scalar_type("-1.5").0, SchemaType::Number);
        assert_eq!(scalar_type("01.5").0, SchemaType::String);
        assert_eq!(scalar_type("true").0, SchemaType::Boolean);
        assert_eq!(scalar_type("1e5").0, SchemaType::String);
    }

    #[test]
    fn hand_written_placeholders_are_parameters() {
        assert_eq!(placeholder("{id}"), Some("id"));
        assert_eq!(placeholder("[INSERT-ORDER-ID]"), Some("INSERT-ORDER-ID"));
        assert_eq!(placeholder("<file name>"), Some("file name"));
        assert_eq!(placeholder("{{id}}"), None);
        assert_eq!(placeholder("v1"), None);
    }
}
