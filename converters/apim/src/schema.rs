//! JSON Schema objects from ARM `apis/schemas` documents to IR schemas.
//!
//! ARM operations carry no specification; their bodies point by `schemaId`/`typeName` into
//! schema resources whose `document` comes in several shapes (`definitions`, the doubly
//! wrapped `definitions.definitions`, `components.schemas`, or a `value` string holding any of
//! these). References to names the bundle lacks degrade to an untyped schema, reported.

use std::collections::BTreeSet;

use connectorize_ir::{AdditionalProperties, Keywords, Schema, SchemaType};
use indexmap::IndexMap;
use serde_json::{Map, Value};

/// The named schemas of one schema document, whatever its shape.
pub fn definitions(document: &Value) -> Map<String, Value> {
    let document = match document.get("value") {
        Some(Value::String(text)) => serde_json::from_str(text).unwrap_or(Value::Null),
        Some(value @ Value::Object(_)) => value.clone(),
        _ => document.clone(),
    };
    let mut current = &document;
    for _ in 0..3 {
        if let Some(inner) = current.get("definitions").filter(|d| d.is_object()) {
            current = inner;
        } else if let Some(inner) = current
            .pointer("/components/schemas")
            .filter(|d| d.is_object())
        {
            current = inner;
        } else {
            break;
        }
    }
    match current {
        Value::Object(map) if !map.contains_key("type") && !map.contains_key("properties") => map
            .iter()
            .filter(|(_, v)| v.is_object())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Map::new(),
    }
}

/// Converts a JSON Schema object; `$ref`s to names outside `known` are collected in `dangling`.
pub fn convert(value: &Value, known: &BTreeSet<String>, dangling: &mut BTreeSet<String>) -> Schema {
    let Some(map) = value.as_object() else {
        return Schema::default();
    };
    if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
        let name = reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .to_string();
        if known.contains(&name) {
            return Schema::reference(name);
        }
        dangling.insert(name);
        return Schema::of(SchemaType::Object);
    }
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
    let number = |key: &str| map.get(key).and_then(Value::as_number).cloned();
    let count = |key: &str| map.get(key).and_then(Value::as_u64);
    let schema_type = match map.get("type") {
        Some(Value::String(t)) => parse_type(t),
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .and_then(parse_type),
        _ => None,
    };
    let mut properties = IndexMap::new();
    if let Some(Value::Object(props)) = map.get("properties") {
        for (name, prop) in props {
            properties.insert(name.clone(), convert(prop, known, dangling));
        }
    }
    let extensions = map
        .iter()
        .filter(|(k, _)| k.starts_with("x-"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Schema {
        reference: None,
        schema_type: schema_type.or_else(|| (!properties.is_empty()).then_some(SchemaType::Object)),
        format: text("format"),
        title: text("title"),
        summary: None,
        description: text("description"),
        default: map.get("default").cloned(),
        enum_values: map
            .get("enum")
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .cloned(),
        example: map.get("example").cloned(),
        nullable: map
            .get("nullable")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        read_only: map
            .get("readOnly")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        visibility: None,
        properties,
        required: map
            .get("required")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        additional_properties: match map.get("additionalProperties") {
            Some(Value::Bool(b)) => Some(AdditionalProperties::Allowed(*b)),
            Some(v @ Value::Object(_)) => Some(AdditionalProperties::Schema(Box::new(convert(
                v, known, dangling,
            )))),
            _ => None,
        },
        items: map
            .get("items")
            .map(|i| Box::new(convert(i, known, dangling))),
        all_of: map
            .get("allOf")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|s| convert(s, known, dangling)).collect())
            .unwrap_or_default(),
        keywords: Keywords {
            discriminator: map.get("discriminator").and_then(|d| {
                d.as_str().map(str::to_string).or_else(|| {
                    d.get("propertyName")
                        .and_then(Value::as_str)
                        .map(str::to_string)
                })
            }),
            minimum: number("minimum"),
            maximum: number("maximum"),
            exclusive_minimum: map
                .get("exclusiveMinimum")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            exclusive_maximum: map
                .get("exclusiveMaximum")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            multiple_of: number("multipleOf"),
            min_length: count("minLength"),
            max_length: count("maxLength"),
            pattern: text("pattern"),
            min_items: count("minItems"),
            max_items: count("maxItems"),
            unique_items: map
                .get("uniqueItems")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            min_properties: count("minProperties"),
            max_properties: count("maxProperties"),
            xml: map.get("xml").cloned(),
            external_docs: map.get("externalDocs").cloned(),
            extensions,
        }
        .boxed(),
    }
}

/// A JSON Schema / APIM parameter type name.
pub fn parse_type(name: &str) -> Option<SchemaType> {
    Some(match name.to_ascii_lowercase().as_str() {
        "string" => SchemaType::String,
        "number" | "double" | "float" | "decimal" => SchemaType::Number,
        "integer" | "int" | "int32" | "int64" | "long" => SchemaType::Integer,
        "boolean" | "bool" => SchemaType::Boolean,
        "array" => SchemaType::Array,
        "object" => SchemaType::Object,
        "file" => SchemaType::File,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn document_shapes() {
        let a = definitions(&json!({"definitions": {"definitions": {"Pet": {"type": "object"}}}}));
        assert_eq!(a.keys().collect::<Vec<_>>(), ["Pet"]);
        let b = definitions(&json!({"components": {"schemas": {"Pet": {"type": "object"}}}}));
        assert_eq!(b.len(), 1);
        let c = definitions(
            &json!({"value": "{\"Pet\": {\"type\": \"object\"}, \"Tag\": {\"type\": \"string\"}}"}),
        );
        assert_eq!(c.len(), 2);
        assert!(definitions(&json!({})).is_empty());
    }

    #[test]
    fn references_and_dangling() {
        let known: BTreeSet<String> = ["Pet".to_string()].into();
        let mut dangling = BTreeSet::new();
        let schema = convert(
            &json!({"type": "object", "properties": {"a": {"$ref": "#/definitions/Pet"}, "b": {"$ref": "#/components/schemas/Gone"}}, "required": ["a"]}),
            &known,
            &mut dangling,
        );
        assert_eq!(schema.properties["a"].reference.as_deref(), Some("Pet"));
        assert_eq!(schema.properties["b"].schema_type, Some(SchemaType::Object));
        assert_eq!(dangling.into_iter().collect::<Vec<_>>(), ["Gone"]);
    }
}
