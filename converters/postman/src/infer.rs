//! Schema inference from sample JSON values: integer vs number, nullable, string formats,
//! arrays of objects merged, `required` = keys present in every sample, conflicting types
//! widened to "any" (and reported by the caller), with depth and sample caps.
//!
//! Inference builds [`Shape`]s and merges them in place; the dotted path of a value is only
//! spelled out when samples disagree on it.

use std::collections::HashMap;

use connectorize_ir::SchemaType;
use serde_json::Value;

use crate::shape::{Property, Shape};

/// Deepest nesting inferred; deeper values become "any".
pub const MAX_DEPTH: usize = 32;
/// Array elements looked at per array.
pub const MAX_ITEMS: usize = 50;

/// What happened during inference, for the caller to report.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// Dotted paths (`a.b[]`) where samples disagree on the type.
    pub conflicts: Vec<String>,
    /// Whether a cap was hit.
    pub capped: bool,
}

impl Findings {
    /// Takes over `other`'s findings as if they had been found here, after this one's.
    pub fn absorb(&mut self, other: Findings) {
        for conflict in other.conflicts {
            if !self.conflicts.contains(&conflict) {
                self.conflicts.push(conflict);
            }
        }
        self.capped |= other.capped;
    }
}

/// Where a value sits in its sample, spelled out only for a finding.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Items(&'a Path<'a>),
}

impl Path<'_> {
    /// `a.b[]`; the root is the empty text.
    fn text(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => {
                let parent = parent.text();
                if parent.is_empty() {
                    (*key).to_string()
                } else {
                    format!("{parent}.{key}")
                }
            }
            Path::Items(parent) => format!("{}[]", parent.text()),
        }
    }
}

/// The shape of one sample.
pub fn infer(value: &Value, findings: &mut Findings) -> Shape {
    infer_at(value, 0, &Path::Root, findings)
}

fn infer_at(value: &Value, depth: usize, path: &Path<'_>, findings: &mut Findings) -> Shape {
    if depth >= MAX_DEPTH {
        findings.capped = true;
        return Shape::default();
    }
    match value {
        Value::Null => Shape {
            nullable: true,
            ..Shape::default()
        },
        Value::Bool(_) => Shape::of(SchemaType::Boolean),
        Value::Number(n) if n.is_i64() || n.is_u64() => Shape::of(SchemaType::Integer),
        Value::Number(_) => Shape::of(SchemaType::Number),
        Value::String(s) => Shape::string(string_format(s)),
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                findings.capped = true;
            }
            let item_path = Path::Items(path);
            let mut merged: Option<Shape> = None;
            for item in items.iter().take(MAX_ITEMS) {
                let shape = infer_at(item, depth + 1, &item_path, findings);
                match &mut merged {
                    Some(previous) => merge_at(previous, shape, &item_path, findings),
                    None => merged = Some(shape),
                }
            }
            Shape::array_of(merged.unwrap_or_default())
        }
        Value::Object(map) => {
            let mut properties = Vec::with_capacity(map.len());
            for (key, child) in map {
                properties.push(Property {
                    shape: infer_at(child, depth + 1, &Path::Key(path, key), findings),
                    name: key.clone(),
                    required: true,
                });
            }
            Shape {
                properties,
                ..Shape::of(SchemaType::Object)
            }
        }
    }
}

/// Merges the shape of another sample of the same value into `a`.
pub fn merge(a: &mut Shape, b: Shape, findings: &mut Findings) {
    merge_at(a, b, &Path::Root, findings)
}

pub fn merge_at(a: &mut Shape, b: Shape, path: &Path<'_>, findings: &mut Findings) {
    if a.null_only() {
        *a = Shape {
            nullable: true,
            ..b
        };
        return;
    }
    if b.null_only() {
        a.nullable = true;
        return;
    }
    let nullable = a.nullable || b.nullable;
    match (a.kind, b.kind) {
        (Some(x), Some(y)) if x == y => match x {
            SchemaType::Object => {
                merge_properties(&mut a.properties, b.properties, path, findings);
                a.format = None;
                a.items = None;
            }
            SchemaType::Array => {
                let item_path = Path::Items(path);
                // An empty sample array says nothing about the items.
                if a.items.as_deref().is_none_or(Shape::is_unknown) {
                    a.items = Some(b.items.unwrap_or_default());
                } else if let (Some(x), Some(y)) =
                    (a.items.as_deref_mut(), b.items.filter(|y| !y.is_unknown()))
                {
                    merge_at(x, *y, &item_path, findings);
                }
                a.format = None;
                a.properties.clear();
            }
            SchemaType::String => {
                if a.format != b.format {
                    a.format = None;
                }
                a.properties.clear();
                a.items = None;
            }
            other => *a = Shape::of(other),
        },
        (Some(SchemaType::Integer), Some(SchemaType::Number))
        | (Some(SchemaType::Number), Some(SchemaType::Integer)) => {
            *a = Shape::of(SchemaType::Number);
        }
        (None, None) => *a = Shape::default(),
        _ => {
            let shown = match path.text() {
                text if text.is_empty() => "(root)".to_string(),
                text => text,
            };
            if !findings.conflicts.contains(&shown) {
                findings.conflicts.push(shown);
            }
            *a = Shape::default();
        }
    }
    a.nullable = nullable;
}

/// Objects: `a`'s properties in order, each merged with `b`'s of the same name, then the
/// names only `b` has; required stays only where both samples had the name.
fn merge_properties(
    a: &mut Vec<Property>,
    b: Vec<Property>,
    path: &Path<'_>,
    findings: &mut Findings,
) {
    let matches = matching(a, &b);
    let mut b: Vec<Option<Property>> = b.into_iter().map(Some).collect();
    for (property, found) in a.iter_mut().zip(matches) {
        match found.and_then(|i| b[i].take()) {
            Some(other) => {
                merge_at(
                    &mut property.shape,
                    other.shape,
                    &Path::Key(path, &property.name),
                    findings,
                );
                property.required &= other.required;
            }
            None => property.required = false,
        }
    }
    a.extend(b.into_iter().flatten().map(|mut p| {
        p.required = false;
        p
    }));
}

/// For each of `a`'s properties, the index of `b`'s property of the same name. Samples
/// usually list keys in the same order, so the same position is tried first; wide objects
/// get an index instead of a scan.
fn matching(a: &[Property], b: &[Property]) -> Vec<Option<usize>> {
    const SCAN: usize = 16;
    let index: Option<HashMap<&str, usize>> = (b.len() > SCAN && a.len() > 1).then(|| {
        b.iter()
            .enumerate()
            .map(|(i, p)| (p.name.as_str(), i))
            .collect()
    });
    a.iter()
        .enumerate()
        .map(|(i, property)| {
            if b.get(i).is_some_and(|p| p.name == property.name) {
                return Some(i);
            }
            match &index {
                Some(index) => index.get(property.name.as_str()).copied(),
                None => b.iter().position(|p| p.name == property.name),
            }
        })
        .collect()
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

    fn shape_of(samples: &[Value]) -> (Shape, Findings) {
        let mut findings = Findings::default();
        let mut shape: Option<Shape> = None;
        for sample in samples {
            let inferred = infer(sample, &mut findings);
            match &mut shape {
                Some(previous) => merge(previous, inferred, &mut findings),
                None => shape = Some(inferred),
            }
        }
        (shape.unwrap(), findings)
    }

    fn property<'a>(shape: &'a Shape, name: &str) -> &'a Property {
        shape.properties.iter().find(|p| p.name == name).unwrap()
    }

    fn required(shape: &Shape) -> Vec<&str> {
        shape
            .properties
            .iter()
            .filter(|p| p.required)
            .map(|p| p.name.as_str())
            .collect()
    }

    #[test]
    fn integers_numbers_nullable_and_required() {
        let (s, f) = shape_of(&[
            json!({"a": 1, "b": null, "c": "x"}),
            json!({"a": 1.5, "b": "2024-01-02"}),
        ]);
        assert_eq!(property(&s, "a").shape.kind, Some(SchemaType::Number));
        assert!(property(&s, "b").shape.nullable);
        assert_eq!(property(&s, "b").shape.format, Some("date"));
        assert_eq!(required(&s), ["a", "b"]);
        assert!(f.conflicts.is_empty());
    }

    #[test]
    fn arrays_of_objects_merge_and_conflicts_widen() {
        let (s, f) = shape_of(&[json!([{"id": 1, "v": "x"}, {"id": 2, "v": {"k": 1}}])]);
        let items = s.items.unwrap();
        assert_eq!(required(&items), ["id", "v"]);
        assert_eq!(property(&items, "v").shape.kind, None);
        assert_eq!(f.conflicts, ["[].v"]);
    }

    #[test]
    fn properties_keep_first_seen_order_whatever_the_key_order() {
        let wide: serde_json::Map<String, Value> =
            (0..40).map(|i| (format!("k{i}"), json!(i))).collect();
        let mut reversed: serde_json::Map<String, Value> = wide
            .iter()
            .rev()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        reversed.insert("extra".into(), json!("x"));
        reversed.shift_remove("k3");
        reversed.insert("k7".into(), json!("conflict"));
        let (s, f) = shape_of(&[
            json!({"a": {"x": 1, "y": 2}, "w": wide}),
            json!({"b": true, "a": {"y": 2.5, "z": [null]}, "w": reversed}),
        ]);
        let names: Vec<&str> = s.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "w", "b"]);
        let a = &property(&s, "a").shape;
        assert_eq!(required(a), ["y"]);
        assert_eq!(property(a, "y").shape.kind, Some(SchemaType::Number));
        let w = &property(&s, "w").shape;
        assert_eq!(w.properties.len(), 41);
        assert_eq!(w.properties[40].name, "extra");
        assert!(!property(w, "k3").required && property(w, "k4").required);
        assert_eq!(f.conflicts, ["w.k7"]);
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
