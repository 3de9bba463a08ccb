//! Schema objects (Swagger 2.0, OpenAPI 3.0, JSON Schema 2020-12 in 3.1) to IR schemas.
//!
//! References to named schemas (`#/definitions/X`, `#/components/schemas/X`) stay references,
//! so recursive schemas need no expansion. Other local references are inlined, with the chain
//! of inlined pointers checked to break cycles, and nesting is capped, so neither a loop nor a
//! deep document can exhaust the stack.

use connectorize_ir::{pointer, AdditionalProperties, Keywords, Schema, SchemaType};
use serde_json::Value;

use crate::codes;
use crate::context::{percent_decode, ref_of, unescape, Context};
use crate::model::Version;

/// Deepest schema nesting lowered (inlined references included).
pub const MAX_SCHEMA_DEPTH: usize = 96;

/// Keywords of JSON Schema 2020-12 and OpenAPI 3.x that Swagger 2.0 schemas cannot express.
const DROPPED_KEYWORDS: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "patternProperties",
    "propertyNames",
    "unevaluatedProperties",
    "unevaluatedItems",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "$defs",
    "definitions",
    "$id",
    "$schema",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$comment",
    "$vocabulary",
    "contentSchema",
    "additionalItems",
    "collectionFormat",
];

impl<'a> Context<'a> {
    /// Lowers the schema at `at`.
    pub fn schema(&mut self, value: &'a Value, at: &str) -> Schema {
        self.schema_at(value, at, 0, &[])
    }

    /// Lowers an object that mixes schema keywords with others (a Swagger 2.0 parameter or
    /// header), skipping the keys in `skip`; `"x-"` in `skip` skips every extension.
    pub fn schema_except(&mut self, value: &'a Value, at: &str, skip: &[&str]) -> Schema {
        self.schema_at(value, at, 0, skip)
    }

    /// The name of the component schema `reference` names, when it names one directly.
    pub fn component_name(&self, reference: &str) -> Option<String> {
        let prefix = match self.version() {
            Version::Swagger2 => "#/definitions/",
            Version::OpenApi30 | Version::OpenApi31 => "#/components/schemas/",
        };
        let rest = reference.strip_prefix(prefix)?;
        (!rest.is_empty() && !rest.contains('/')).then(|| unescape(&percent_decode(rest)))
    }

    fn schema_at(&mut self, value: &'a Value, at: &str, depth: usize, skip: &[&str]) -> Schema {
        if depth > MAX_SCHEMA_DEPTH {
            self.report(
                codes::DEPTH_LIMIT,
                at,
                format!(
                    "schemas nest deeper than {MAX_SCHEMA_DEPTH} levels here; the rest is left out"
                ),
            );
            return Schema::default();
        }
        let map = match value {
            Value::Object(map) => map,
            Value::Bool(true) => return Schema::default(),
            _ => {
                self.report(
                    codes::WRONG_TYPE,
                    at,
                    "a schema should be an object; read as any value",
                );
                return Schema::default();
            }
        };
        if let Some(reference) = ref_of(value) {
            if self.component_name(reference).is_none() {
                return self.inline(value, reference, at, depth);
            }
        }
        let mut schema = Schema::default();
        let mut keywords = Keywords::default();
        let mut union: Option<(&'a str, &'a [Value])> = None;
        for (key, member) in map {
            if skip.contains(&key.as_str()) || (key.starts_with("x-") && skip.contains(&"x-")) {
                continue;
            }
            let member_at = pointer::push(at, key);
            // An existing connector keeps, as written, the keywords Swagger 2.0 does not have
            // or that it spells in a form the IR would rewrite.
            if self.faithful && keeps_verbatim(key, member) {
                self.kept.insert(member_at, member.clone());
                continue;
            }
            match key.as_str() {
                "$ref" => {
                    let reference = member.as_str().unwrap_or_default();
                    match self.target(reference) {
                        Ok(_) => schema.reference = self.component_name(reference),
                        // An existing connector keeps even a broken reference as written.
                        Err(_) if self.faithful => {
                            self.kept.insert(member_at.clone(), member.clone());
                        }
                        Err(problem) => self.report_ref_problem(problem, reference, &member_at),
                    }
                }
                "type" => self.schema_type(&mut schema, member, &member_at),
                "format" => schema.format = self.string(value, key, at),
                "title" => schema.title = self.string(value, key, at),
                "description" => schema.description = self.string(value, key, at),
                "default" => schema.default = Some(member.clone()),
                "enum" => match member {
                    Value::Array(values) => schema.enum_values = Some(values.clone()),
                    _ => self.unmapped(codes::WRONG_TYPE, &member_at, member, "`enum` should be a list; ignored"),
                },
                "example" => schema.example = Some(member.clone()),
                "readOnly" => schema.read_only = self.boolean(value, key, at),
                "nullable" if self.version() == Version::OpenApi30 || self.version() == Version::OpenApi31 => {
                    schema.nullable |= self.boolean(value, key, at);
                }
                "properties" => {
                    for (name, property) in self.entries(value, key, at) {
                        let property_at = pointer::push(&member_at, name);
                        let lowered = self.schema_at(property, &property_at, depth + 1, &[]);
                        schema.properties.insert(name.clone(), lowered);
                    }
                }
                "required" => match member {
                    Value::Array(_) => schema.required = self.strings(value, key, at),
                    Value::Bool(_) => self.unmapped(
                        codes::WRONG_TYPE,
                        &member_at,
                        member,
                        "`required` on a property should be listed in its object's `required` list; ignored",
                    ),
                    _ => self.unmapped(codes::WRONG_TYPE, &member_at, member, "`required` should be a list; ignored"),
                },
                "additionalProperties" => match member {
                    Value::Bool(allowed) => {
                        schema.additional_properties = Some(AdditionalProperties::Allowed(*allowed));
                    }
                    _ => {
                        let extra = self.schema_at(member, &member_at, depth + 1, &[]);
                        schema.additional_properties = Some(AdditionalProperties::Schema(Box::new(extra)));
                    }
                },
                "items" => match member {
                    Value::Array(list) => {
                        self.report(
                            codes::SCHEMA_KEYWORD_DROPPED,
                            &member_at,
                            "a list of item schemas (a tuple) cannot be expressed; the first item schema is used for every item",
                        );
                        if let Some(first) = list.first() {
                            let items = self.schema_at(first, &pointer::push(&member_at, "0"), depth + 1, &[]);
                            schema.items = Some(Box::new(items));
                        }
                    }
                    _ => schema.items = Some(Box::new(self.schema_at(member, &member_at, depth + 1, &[]))),
                },
                "allOf" => {
                    for (index, part) in self.items(value, key, at).iter().enumerate() {
                        let part_at = pointer::push(&member_at, &index.to_string());
                        let lowered = self.schema_at(part, &part_at, depth + 1, &[]);
                        schema.all_of.push(lowered);
                    }
                }
                "oneOf" | "anyOf" => {
                    if let Value::Array(list) = member {
                        if union.is_some() {
                            self.report(
                                codes::SCHEMA_UNION,
                                &member_at,
                                format!("a second alternative list (`{key}`) is left out"),
                            );
                        } else {
                            union = Some((key.as_str(), list.as_slice()));
                        }
                    } else {
                        self.report(codes::WRONG_TYPE, &member_at, format!("`{key}` should be a list; ignored"));
                    }
                }
                "discriminator" => match member {
                    Value::String(name) => keywords.discriminator = Some(name.clone()),
                    Value::Object(_) => {
                        keywords.discriminator = self.string(member, "propertyName", &member_at);
                        if member.get("mapping").is_some() {
                            self.report(
                                codes::SCHEMA_KEYWORD_DROPPED,
                                &pointer::push(&member_at, "mapping"),
                                "a discriminator mapping cannot be expressed; subtypes must be named like their discriminator values",
                            );
                        }
                    }
                    _ => self.report(codes::WRONG_TYPE, &member_at, "`discriminator` should be a string or object; ignored"),
                },
                "minimum" => keywords.minimum = self.number(member, &member_at),
                "maximum" => keywords.maximum = self.number(member, &member_at),
                "exclusiveMinimum" | "exclusiveMaximum" => {
                    let minimum = key == "exclusiveMinimum";
                    match member {
                        Value::Bool(flag) => {
                            if minimum {
                                keywords.exclusive_minimum = *flag;
                            } else {
                                keywords.exclusive_maximum = *flag;
                            }
                        }
                        Value::Number(n) => {
                            self.report(
                                codes::SCHEMA_KEYWORD_CONVERTED,
                                &member_at,
                                format!("numeric `{key}: {n}` becomes a bound with the exclusive flag"),
                            );
                            if minimum {
                                keywords.minimum = Some(n.clone());
                                keywords.exclusive_minimum = true;
                            } else {
                                keywords.maximum = Some(n.clone());
                                keywords.exclusive_maximum = true;
                            }
                        }
                        _ => self.report(codes::WRONG_TYPE, &member_at, format!("`{key}` should be a boolean or number; ignored")),
                    }
                }
                "multipleOf" => keywords.multiple_of = self.number(member, &member_at),
                "minLength" => keywords.min_length = self.count(member, &member_at),
                "maxLength" => keywords.max_length = self.count(member, &member_at),
                "pattern" => keywords.pattern = self.string(value, key, at),
                "minItems" => keywords.min_items = self.count(member, &member_at),
                "maxItems" => keywords.max_items = self.count(member, &member_at),
                "uniqueItems" => keywords.unique_items = self.boolean(value, key, at),
                "minProperties" => keywords.min_properties = self.count(member, &member_at),
                "maxProperties" => keywords.max_properties = self.count(member, &member_at),
                "xml" => keywords.xml = Some(member.clone()),
                "externalDocs" => keywords.external_docs = Some(member.clone()),
                "const" if self.version().is_openapi3() => {
                    self.report(
                        codes::SCHEMA_KEYWORD_CONVERTED,
                        &member_at,
                        "`const` becomes an `enum` of one value",
                    );
                    if map.get("enum").is_none() {
                        schema.enum_values = Some(vec![member.clone()]);
                    }
                    if map.get("type").is_none() {
                        schema.schema_type = match member {
                            Value::String(_) => Some(SchemaType::String),
                            Value::Bool(_) => Some(SchemaType::Boolean),
                            Value::Number(n) if n.is_f64() => Some(SchemaType::Number),
                            Value::Number(_) => Some(SchemaType::Integer),
                            _ => None,
                        };
                    }
                }
                "examples" if self.version().is_openapi3() => match member {
                    Value::Array(list) if !list.is_empty() => {
                        self.report(
                            codes::SCHEMA_KEYWORD_CONVERTED,
                            &member_at,
                            format!(
                                "`examples` becomes `example` with the first of its {} values",
                                list.len()
                            ),
                        );
                        if map.get("example").is_none() {
                            schema.example = list.first().cloned();
                        }
                    }
                    _ => self.report(codes::WRONG_TYPE, &member_at, "`examples` should be a non-empty list; ignored"),
                },
                "writeOnly" | "deprecated" if self.version().is_openapi3() => {
                    if member == &Value::Bool(true) {
                        self.report(
                            codes::SCHEMA_KEYWORD_DROPPED,
                            &member_at,
                            format!("`{key}: true` cannot be expressed in a connector schema and is dropped"),
                        );
                    }
                }
                "contentEncoding" | "contentMediaType" if self.version().is_openapi3() => {
                    let binary = key == "contentMediaType"
                        || member.as_str().is_some_and(|e| !e.eq_ignore_ascii_case("base64"));
                    let format = if binary { "binary" } else { "byte" };
                    if map.get("format").is_none() && schema.format.is_none() {
                        schema.format = Some(format.to_owned());
                    }
                    self.report(
                        codes::SCHEMA_KEYWORD_CONVERTED,
                        &member_at,
                        format!("`{key}` becomes `format: {format}`"),
                    );
                }
                _ if key.starts_with("x-") => {
                    keywords.extensions.insert(key.clone(), member.clone());
                }
                _ => {
                    let known = DROPPED_KEYWORDS.contains(&key.as_str());
                    self.unmapped(
                        codes::SCHEMA_KEYWORD_DROPPED,
                        &member_at,
                        member,
                        if known {
                            format!("schema keyword `{key}` has no Swagger 2.0 equivalent and is dropped")
                        } else {
                            format!("unknown schema keyword `{key}` is dropped")
                        },
                    );
                }
            }
        }
        schema.keywords = keywords.boxed();
        if schema.schema_type == Some(SchemaType::String) && !self.faithful {
            self.texts_for_string_schema(&mut schema, at);
        }
        if let Some((keyword, alternatives)) = union {
            let member_at = pointer::push(at, keyword);
            self.union(&mut schema, keyword, alternatives, &member_at, depth);
        }
        schema
    }

    /// A string schema's `default`, `example` and `enum` values that are numbers or booleans
    /// (YAML reads unquoted `1.0`, `true` so) become their text, with a finding.
    fn texts_for_string_schema(&mut self, schema: &mut Schema, at: &str) {
        let mut converted = Vec::new();
        let mut fix = |value: &mut Value, keyword: &str| {
            if matches!(value, Value::Number(_) | Value::Bool(_)) {
                let text = value.to_string();
                converted.push((keyword.to_owned(), text.clone()));
                *value = Value::String(text);
            }
        };
        if let Some(value) = schema.default.as_mut() {
            fix(value, "default");
        }
        if let Some(value) = schema.example.as_mut() {
            fix(value, "example");
        }
        for value in schema.enum_values.iter_mut().flatten() {
            fix(value, "enum");
        }
        for (keyword, text) in converted {
            self.report_help(
                codes::WRONG_TYPE,
                &pointer::push(at, &keyword),
                format!("this string schema's `{keyword}` holds the non-text value `{text}`; read as the text `{text}`"),
                "quote the value (YAML reads an unquoted `1.10` as the number 1.1)",
            );
        }
    }

    /// The `type` keyword: a name, or (3.1) a list of names with `null` meaning nullable.
    fn schema_type(&mut self, schema: &mut Schema, member: &'a Value, at: &str) {
        let names: Vec<&str> = match member {
            Value::String(name) => vec![name.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    at,
                    member,
                    "`type` should be a string or a list of strings; ignored",
                );
                return;
            }
        };
        // An existing connector keeps a type it misspelled (`String`, `date`) as written.
        if self.faithful
            && !matches!(member, Value::String(name) if type_named(name, self.version()).is_some())
        {
            self.kept.insert(at.to_owned(), member.clone());
            return;
        }
        let mut types = Vec::new();
        for name in names {
            match type_named(name, self.version()) {
                Some(t) => types.push(t),
                None if name == "null" => schema.nullable = true,
                None => self.report(
                    codes::WRONG_TYPE,
                    at,
                    format!("unknown type `{name}` is ignored"),
                ),
            }
        }
        match types.as_slice() {
            [] if schema.nullable => self.report(
                codes::SCHEMA_UNION,
                at,
                "a schema whose only type is `null` becomes a nullable schema of any type",
            ),
            [] => {}
            [only] => schema.schema_type = Some(*only),
            several => {
                let widest = widest(several);
                let names: Vec<&str> = several.iter().map(|t| t.as_str()).collect();
                self.report(
                    codes::SCHEMA_UNION,
                    at,
                    format!(
                        "a list of types [{}] becomes {}",
                        names.join(", "),
                        widest.map_or("a schema of any type".to_owned(), |t| format!(
                            "type `{}`",
                            t.as_str()
                        ))
                    ),
                );
                schema.schema_type = widest;
            }
        }
    }

    /// Inlines a local reference that does not name a component schema.
    fn inline(&mut self, value: &'a Value, reference: &str, at: &str, depth: usize) -> Schema {
        let ref_at = pointer::push(at, "$ref");
        let (target, target_at) = match self.target(reference) {
            Ok(found) => found,
            Err(problem) => {
                self.report_ref_problem(problem, reference, &ref_at);
                return Schema::default();
            }
        };
        if self.inlining.contains(&target_at) {
            self.report(
                codes::CIRCULAR_REF,
                &ref_at,
                format!("`$ref: {reference}` contains itself and is not a named schema, so the loop is cut here"),
            );
            return Schema::default();
        }
        self.inlining.push(target_at.clone());
        let mut schema = self.schema_at(target, &target_at, depth + 1, &[]);
        self.inlining.pop();
        if let Some(description) = value.get("description").and_then(Value::as_str) {
            schema.description = Some(description.to_owned());
        }
        schema
    }

    /// Replaces `oneOf`/`anyOf` by the widest schema that accepts every alternative.
    fn union(
        &mut self,
        schema: &mut Schema,
        keyword: &str,
        alternatives: &'a [Value],
        at: &str,
        depth: usize,
    ) {
        let mut lowered = Vec::new();
        for (index, alternative) in alternatives.iter().enumerate() {
            let alternative_at = pointer::push(at, &index.to_string());
            let is_null = alternative.get("type").and_then(Value::as_str) == Some("null")
                || alternative.get("enum") == Some(&Value::Array(vec![Value::Null]));
            if is_null {
                schema.nullable = true;
                continue;
            }
            lowered.push(self.schema_at(alternative, &alternative_at, depth + 1, &[]));
        }
        if lowered.len() == 1 && schema.schema_type.is_none() && schema.reference.is_none() {
            // `oneOf: [X, {type: null}]`: X, nullable. Nothing is lost.
            let only = lowered.remove(0);
            overlay(schema, only);
            return;
        }
        if lowered.is_empty() {
            return;
        }
        // Look through references to see the alternatives' shapes.
        let shapes: Vec<Schema> = lowered
            .iter()
            .map(|s| match &s.reference {
                Some(name) => self.component_shape(name, depth),
                None => s.clone(),
            })
            .collect();
        let types: Vec<Option<SchemaType>> = shapes.iter().map(shape_type).collect();
        let merged = if types.iter().all(Option::is_some) {
            let types: Vec<SchemaType> = types.into_iter().flatten().collect();
            widest(&types)
        } else {
            None
        };
        let mut result = Schema {
            schema_type: merged,
            ..Schema::default()
        };
        let described;
        match merged {
            Some(SchemaType::Object) => {
                let mut required: Option<Vec<String>> = None;
                for shape in &shapes {
                    for (name, property) in &shape.properties {
                        result
                            .properties
                            .entry(name.clone())
                            .or_insert_with(|| property.clone());
                    }
                    required = Some(match required {
                        None => shape.required.clone(),
                        Some(so_far) => so_far
                            .into_iter()
                            .filter(|r| shape.required.contains(r))
                            .collect(),
                    });
                }
                result.required = required.unwrap_or_default();
                described = "an object with the properties of every alternative".to_owned();
            }
            Some(other) => {
                if shapes.iter().all(|s| s.enum_values.is_some()) {
                    let mut values: Vec<Value> = Vec::new();
                    for value in shapes.iter().flat_map(|s| s.enum_values.iter().flatten()) {
                        if !values.contains(value) {
                            values.push(value.clone());
                        }
                    }
                    result.enum_values = Some(values);
                }
                let first_format = shapes.first().and_then(|s| s.format.clone());
                if shapes.iter().all(|s| s.format == first_format) {
                    result.format = first_format;
                }
                described = format!("type `{}`", other.as_str());
            }
            None => described = "a schema of any type".to_owned(),
        }
        self.report(
            codes::SCHEMA_UNION,
            at,
            format!(
                "`{keyword}` with {} alternatives becomes {described}",
                lowered.len()
            ),
        );
        overlay(schema, result);
    }

    /// A component schema lowered again, without findings, to inspect its shape.
    fn component_shape(&mut self, name: &str, depth: usize) -> Schema {
        let prefix = match self.version() {
            Version::Swagger2 => "/definitions",
            _ => "/components/schemas",
        };
        let at = pointer::push(prefix, name);
        let Some(value) = self.doc.root.pointer(&at) else {
            return Schema::default();
        };
        if self.inlining.contains(&at) {
            return Schema::default();
        }
        self.inlining.push(at.clone());
        let shape = self.quietly(|ctx| ctx.schema_at(value, &at, depth + 1, &[]));
        self.inlining.pop();
        match &shape.reference {
            Some(next) if shape.schema_type.is_none() && next != name => {
                let next = next.clone();
                self.component_shape(&next, depth + 1)
            }
            _ => shape,
        }
    }

    fn number(&mut self, member: &Value, at: &str) -> Option<serde_json::Number> {
        match member {
            Value::Number(n) => Some(n.clone()),
            _ => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    at,
                    member,
                    "a numeric bound should be a number; ignored",
                );
                None
            }
        }
    }

    fn count(&mut self, member: &Value, at: &str) -> Option<u64> {
        match member.as_u64() {
            Some(n) => Some(n),
            None => {
                self.unmapped(
                    codes::WRONG_TYPE,
                    at,
                    member,
                    "a length or count should be a whole number; ignored",
                );
                None
            }
        }
    }
}

/// Keywords a connector read back keeps verbatim: the alternatives lists, tuple `items`, an
/// object `discriminator` and numeric exclusive bounds, which the lowering would rewrite.
fn keeps_verbatim(key: &str, member: &Value) -> bool {
    match key {
        "oneOf" | "anyOf" => true,
        "items" => member.is_array(),
        "discriminator" => member.is_object(),
        "exclusiveMinimum" | "exclusiveMaximum" => member.is_number(),
        _ => false,
    }
}

/// A type name of the given version.
fn type_named(name: &str, version: Version) -> Option<SchemaType> {
    Some(match name {
        "string" => SchemaType::String,
        "number" => SchemaType::Number,
        "integer" => SchemaType::Integer,
        "boolean" => SchemaType::Boolean,
        "array" => SchemaType::Array,
        "object" => SchemaType::Object,
        "file" if version == Version::Swagger2 => SchemaType::File,
        _ => return None,
    })
}

/// The one type accepting values of all `types`, if any (integer widens to number).
fn widest(types: &[SchemaType]) -> Option<SchemaType> {
    let first = *types.first()?;
    if types.iter().all(|t| *t == first) {
        return Some(first);
    }
    let numeric = |t: &SchemaType| matches!(t, SchemaType::Integer | SchemaType::Number);
    types.iter().all(numeric).then_some(SchemaType::Number)
}

/// The type a schema evidently has, from `type` or its keywords.
fn shape_type(schema: &Schema) -> Option<SchemaType> {
    schema.schema_type.or_else(|| {
        if !schema.properties.is_empty() || schema.additional_properties.is_some() {
            Some(SchemaType::Object)
        } else if schema.items.is_some() {
            Some(SchemaType::Array)
        } else {
            None
        }
    })
}

/// Fills the empty fields of `base` from `from` (the fields that `base` sets win).
fn overlay(base: &mut Schema, from: Schema) {
    macro_rules! fill {
        ($base:ident, $from:ident: $($field:ident),*) => {$(
            if $base.$field.is_none() { $base.$field = $from.$field; }
        )*};
    }
    fill!(
        base, from:
        reference,
        schema_type,
        format,
        title,
        summary,
        description,
        default,
        enum_values,
        example,
        visibility,
        additional_properties,
        items
    );
    base.nullable |= from.nullable;
    base.read_only |= from.read_only;
    if base.properties.is_empty() {
        base.properties = from.properties;
    }
    if base.required.is_empty() {
        base.required = from.required;
    }
    if base.all_of.is_empty() {
        base.all_of = from.all_of;
    }
    let Some(from) = from.keywords else {
        return;
    };
    let from = *from;
    base.edit_keywords(|base| {
        fill!(
            base, from:
            discriminator,
            minimum,
            maximum,
            multiple_of,
            min_length,
            max_length,
            pattern,
            min_items,
            max_items,
            min_properties,
            max_properties,
            xml,
            external_docs
        );
        base.exclusive_minimum |= from.exclusive_minimum;
        base.exclusive_maximum |= from.exclusive_maximum;
        base.unique_items |= from.unique_items;
        for (key, value) in from.extensions {
            base.extensions.entry(key).or_insert(value);
        }
    });
}
