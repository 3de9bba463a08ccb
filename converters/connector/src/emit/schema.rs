//! IR schemas as Swagger 2.0 schema objects.

use connectorize_ir::{AdditionalProperties, Extensions, Schema, Visibility};
use serde_json::{Map, Value};

/// The reference prefix of named schemas.
pub const DEFINITIONS: &str = "#/definitions/";

/// Whether examples that trimming may remove are written, or left as `null` placeholders.
///
/// Rendering an oversized API's operations with placeholders measures them without copying
/// examples that trimming then drops; the survivors are filled in afterwards
/// ([`super::examples::fill`]). Only the examples trimming looks at are deferred: those of
/// operations' parameters, form fields and responses and of their schemas, nested through
/// `items`, `allOf` and `properties`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Examples {
    /// Written in place.
    #[default]
    Written,
    /// Left as `null`, to be filled in.
    Deferred,
}

impl Examples {
    /// What is written for an example slot.
    pub(crate) fn value(self, example: Option<&Value>) -> Option<Value> {
        match self {
            Examples::Written => example.cloned(),
            Examples::Deferred => example.map(|_| Value::Null),
        }
    }
}

/// Emits a schema. Keys follow the order Swagger documents them in; vendor extensions come
/// last and never override a key this function wrote.
pub fn schema(s: &Schema) -> Value {
    schema_with(s, Examples::Written)
}

/// [`schema`], with its examples written or deferred.
pub(crate) fn schema_with(s: &Schema, examples: Examples) -> Value {
    let mut out = Map::new();
    let k = s.keywords();
    if let Some(name) = &s.reference {
        out.insert("$ref".into(), Value::String(format!("{DEFINITIONS}{name}")));
    }
    put(
        &mut out,
        "type",
        s.schema_type.map(|t| Value::from(t.as_str())),
    );
    put(&mut out, "format", s.format.clone().map(Value::from));
    put(&mut out, "title", s.title.clone().map(Value::from));
    put(
        &mut out,
        "description",
        s.description.clone().map(Value::from),
    );
    put(&mut out, "x-ms-summary", s.summary.clone().map(Value::from));
    put(&mut out, "default", s.default.clone());
    put(&mut out, "enum", s.enum_values.clone().map(Value::from));
    put(
        &mut out,
        "multipleOf",
        k.multiple_of.clone().map(Value::Number),
    );
    put(&mut out, "minimum", k.minimum.clone().map(Value::Number));
    flag(&mut out, "exclusiveMinimum", k.exclusive_minimum);
    put(&mut out, "maximum", k.maximum.clone().map(Value::Number));
    flag(&mut out, "exclusiveMaximum", k.exclusive_maximum);
    put(&mut out, "minLength", k.min_length.map(Value::from));
    put(&mut out, "maxLength", k.max_length.map(Value::from));
    put(&mut out, "pattern", k.pattern.clone().map(Value::from));
    put(&mut out, "minItems", k.min_items.map(Value::from));
    put(&mut out, "maxItems", k.max_items.map(Value::from));
    flag(&mut out, "uniqueItems", k.unique_items);
    put(&mut out, "minProperties", k.min_properties.map(Value::from));
    put(&mut out, "maxProperties", k.max_properties.map(Value::from));
    if let Some(items) = &s.items {
        out.insert("items".into(), schema_with(items, examples));
    }
    if !s.all_of.is_empty() {
        let all_of = s.all_of.iter().map(|s| schema_with(s, examples));
        out.insert("allOf".into(), all_of.collect());
    }
    if !s.properties.is_empty() {
        let properties: Map<String, Value> = s
            .properties
            .iter()
            .map(|(name, p)| (name.clone(), schema_with(p, examples)))
            .collect();
        out.insert("properties".into(), Value::Object(properties));
    }
    if !s.required.is_empty() {
        out.insert(
            "required".into(),
            s.required.iter().cloned().map(Value::from).collect(),
        );
    }
    match &s.additional_properties {
        Some(AdditionalProperties::Allowed(allowed)) => {
            out.insert("additionalProperties".into(), Value::Bool(*allowed));
        }
        Some(AdditionalProperties::Schema(extra)) => {
            // Trimming does not look here: its examples are always written.
            out.insert("additionalProperties".into(), schema(extra));
        }
        None => {}
    }
    put(
        &mut out,
        "discriminator",
        k.discriminator.clone().map(Value::from),
    );
    flag(&mut out, "readOnly", s.read_only);
    put(&mut out, "xml", k.xml.clone());
    put(&mut out, "externalDocs", k.external_docs.clone());
    put(&mut out, "example", examples.value(s.example.as_ref()));
    flag(&mut out, "x-nullable", s.nullable);
    put(&mut out, "x-ms-visibility", s.visibility.map(visibility));
    extend(&mut out, &k.extensions);
    Value::Object(out)
}

/// The connector spelling of a visibility.
pub fn visibility(v: Visibility) -> Value {
    Value::from(match v {
        Visibility::Important => "important",
        Visibility::Advanced => "advanced",
        Visibility::Internal => "internal",
    })
}

/// Inserts `value` under `key` when present.
pub fn put(out: &mut Map<String, Value>, key: &str, value: Option<Value>) {
    if let Some(value) = value {
        out.insert(key.to_string(), value);
    }
}

/// Inserts `true` under `key` when set.
pub fn flag(out: &mut Map<String, Value>, key: &str, set: bool) {
    if set {
        out.insert(key.to_string(), Value::Bool(true));
    }
}

/// Appends vendor extensions whose keys are not already present.
pub fn extend(out: &mut Map<String, Value>, extensions: &Extensions) {
    for (key, value) in extensions {
        if !out.contains_key(key) {
            out.insert(key.clone(), value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectorize_ir::SchemaType;
    use serde_json::json;

    #[test]
    fn emits_refs_nullable_and_extensions_in_order() {
        let mut s = Schema::of(SchemaType::Object);
        s.properties.insert("id".into(), Schema::reference("Id"));
        s.nullable = true;
        s.edit_keywords(|k| {
            k.extensions.insert(
                "x-ms-summary".into(),
                json!("ignored: summary unset but key written later"),
            )
        });
        s.summary = Some("Thing".into());
        assert_eq!(
            schema(&s),
            json!({"type": "object", "x-ms-summary": "Thing", "properties": {"id": {"$ref": "#/definitions/Id"}}, "x-nullable": true})
        );
    }
}
