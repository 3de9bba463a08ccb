//! Schema inference from sample JSON values: integer vs number, nullable, string formats,
//! arrays of objects merged, `required` = keys present in every sample, conflicting types
//! widened to "any" (and reported by the caller), with depth and sample caps.

use connectorize_ir::{Schema, SchemaType};
use serde_json::Value;

/// Deepest nesting inferred; deeper values become "any".
pub const MAX_DEPTH: usize = 32;
/// Array elements looked at per array.
pub const MAX_ITEMS: usize = 50;

/// What happened during inference, for the caller to report.
#[derive(Debug, Default)]
pub struct Findings {
    /// Dotted paths (`a.b[]`) where samples disagree on the type.
    pub conflicts: Vec<String>,
    /// Whether a cap was hit.
    pub capped: bool,
}

/// The schema of one sample.
pub fn infer(value: &Value, findings: &mut Findings) -> Schema {
    infer_at(value, 0, "", findings)
}

fn infer_at(value: &Value, depth: usize, path: &str, findings: &mut Findings) -> Schema {
    if depth >= MAX_DEPTH {
        findings.capped = true;
        return Schema::default();
    }
    match value {
        Value::Null => Schema {
            nullable: true,
            ..Schema::default()
        },
        Value::Bool(_) => Schema::of(SchemaType::Boolean),
        Value::Number(n) if n.is_i64() || n.is_u64() => Schema::of(SchemaType::Integer),
        Value::Number(_) => Schema::of(SchemaType::Number),
        Value::String(s) => Schema {
            format: string_format(s).map(str::to_string),
            ..Schema::of(SchemaType::String)
        },
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                findings.capped = true;
            }
            let item_path = format!("{path}[]");
            let mut merged: Option<Schema> = None;
            for item in items.iter().take(MAX_ITEMS) {
                let schema = infer_at(item, depth + 1, &item_path, findings);
                merged = Some(match merged {
                    Some(previous) => merge_at(previous, schema, &item_path, findings),
                    None => schema,
                });
            }
            Schema::array_of(merged.unwrap_or_default())
        }
        Value::Object(map) => {
            let mut schema = Schema::of(SchemaType::Object);
            for (key, child) in map {
                let child_path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                schema.properties.insert(
                    key.clone(),
                    infer_at(child, depth + 1, &child_path, findings),
                );
                schema.required.push(key.clone());
            }
            schema
        }
    }
}

/// Whether a schema only says "null was seen".
fn null_only(schema: &Schema) -> bool {
    schema.nullable
        && schema.schema_type.is_none()
        && schema.properties.is_empty()
        && schema.items.is_none()
}

/// Merges the schemas of two samples of the same value.
pub fn merge(a: Schema, b: Schema, findings: &mut Findings) -> Schema {
    merge_at(a, b, "", findings)
}

fn merge_at(mut a: Schema, b: Schema, path: &str, findings: &mut Findings) -> Schema {
    if null_only(&a) {
        return Schema {
            nullable: true,
            ..b
        };
    }
    if null_only(&b) {
        a.nullable = true;
        return a;
    }
    let nullable = a.nullable || b.nullable;
    let merged = match (a.schema_type, b.schema_type) {
        (Some(x), Some(y)) if x == y => match x {
            SchemaType::Object => {
                let mut b_props = b.properties;
                let mut properties = indexmap::IndexMap::new();
                for (key, schema) in a.properties {
                    let child_path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    let merged = match b_props.shift_remove(&key) {
                        Some(other) => merge_at(schema, other, &child_path, findings),
                        None => schema,
                    };
                    properties.insert(key, merged);
                }
                properties.extend(b_props);
                let required = a
                    .required
                    .into_iter()
                    .filter(|k| b.required.contains(k))
                    .collect();
                Schema {
                    properties,
                    required,
                    ..Schema::of(SchemaType::Object)
                }
            }
            SchemaType::Array => {
                let item_path = format!("{path}[]");
                // An empty sample array says nothing about the items.
                let unknown =
                    |s: &Option<Box<Schema>>| s.as_deref().is_none_or(|s| *s == Schema::default());
                let items = match (a.items, b.items) {
                    (x, Some(y)) if unknown(&x) => *y,
                    (Some(x), y) if unknown(&y) => *x,
                    (Some(x), Some(y)) => merge_at(*x, *y, &item_path, findings),
                    (_, _) => Schema::default(),
                };
                Schema::array_of(items)
            }
            SchemaType::String => Schema {
                format: a.format.filter(|f| b.format.as_ref() == Some(f)),
                ..Schema::of(SchemaType::String)
            },
            other => Schema::of(other),
        },
        (Some(SchemaType::Integer), Some(SchemaType::Number))
        | (Some(SchemaType::Number), Some(SchemaType::Integer)) => Schema::of(SchemaType::Number),
        (None, None) => Schema::default(),
        _ => {
            let shown = if path.is_empty() {
                "(root)".to_string()
            } else {
                path.to_string()
            };
            if !findings.conflicts.contains(&shown) {
                findings.conflicts.push(shown);
            }
            Schema::default()
        }
    };
    Schema { nullable, ..merged }
}

/// Recognises the string formats connectors understand.
pub fn string_format(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        range
            .clone()
            .all(|i| b.get(i).is_some_and(u8::is_ascii_digit))
    };
    let is_date = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    if is_date && b.len() == 10 {
        return Some("date");
    }
    if is_date
        && b.len() >= 19
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
    {
        return Some("date-time");
    }
    if is_uuid(s) {
        return Some("uuid");
    }
    if (s.starts_with("http://") || s.starts_with("https://"))
        && !s.contains(char::is_whitespace)
        && s.len() > 8
    {
        return Some("uri");
    }
    if let Some((local, domain)) = s.split_once('@') {
        if !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.contains(char::is_whitespace)
            && !domain.contains('@')
        {
            return Some("email");
        }
    }
    None
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema_of(samples: &[Value]) -> (Schema, Findings) {
        let mut findings = Findings::default();
        let mut schema: Option<Schema> = None;
        for sample in samples {
            let inferred = infer(sample, &mut findings);
            schema = Some(match schema {
                Some(previous) => merge(previous, inferred, &mut findings),
                None => inferred,
            });
        }
        let schema = schema.unwrap();
        (schema, findings)
    }

    #[test]
    fn integers_numbers_nullable_and_required() {
        let (s, f) = schema_of(&[
            json!({"a": 1, "b": null, "c": "x"}),
            json!({"a": 1.5, "b": "2024-01-02"}),
        ]);
        assert_eq!(s.properties["a"].schema_type, Some(SchemaType::Number));
        assert!(s.properties["b"].nullable);
        assert_eq!(s.properties["b"].format.as_deref(), Some("date"));
        assert_eq!(s.required, ["a", "b"]);
        assert!(f.conflicts.is_empty());
    }

    #[test]
    fn arrays_of_objects_merge_and_conflicts_widen() {
        let (s, f) = schema_of(&[json!([{"id": 1, "v": "x"}, {"id": 2, "v": {"k": 1}}])]);
        let items = s.items.unwrap();
        assert_eq!(items.required, ["id", "v"]);
        assert_eq!(items.properties["v"].schema_type, None);
        assert_eq!(f.conflicts, ["[].v"]);
    }

    #[test]
    fn recognises_formats() {
        assert_eq!(string_format("2024-01-02T03:04:05Z"), Some("date-time"));
        assert_eq!(
            string_format("123e4567-e89b-12d3-a456-426614174000"),
            Some("uuid")
        );
        assert_eq!(string_format("a@b.co"), Some("email"));
        assert_eq!(string_format("https://x.io/a"), Some("uri"));
        assert_eq!(string_format("007"), None);
    }
}
