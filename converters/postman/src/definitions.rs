//! Repeated object shapes: interned while converting, named definitions at the end.
//!
//! Inferred schemas are large and real collections repeat the same objects (a `user`, an
//! `error`) thousands of times, so each request's schemas are interned as soon as they are
//! inferred: every object node with at least two properties is stored once in a [`Registry`]
//! and replaced by a temporary reference. When an API is assembled, shapes referenced twice or
//! more become named schemas in [`Api::schemas`] (named after the property or request where
//! they were first seen, so names are stable for a given input); the others are inlined back.

use std::collections::HashMap;
use std::hash::Hasher;

use connectorize_ir::{Api, BodyContent, Operation, Schema, SchemaType};
use indexmap::IndexMap;

use crate::naming::pascal_case;

/// Shapes with fewer properties are never interned.
const MIN_PROPERTIES: usize = 2;

/// Marks temporary references; never left in the output.
const PREFIX: &str = "\u{1}interned:";

/// A fingerprint of a schema's serialized form (hash and length), computed without
/// materialising the text.
type Key = (u64, u64);

fn key_of(schema: &Schema) -> Key {
    struct Fingerprint {
        hasher: std::collections::hash_map::DefaultHasher,
        length: u64,
    }
    impl std::io::Write for Fingerprint {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.hasher.write(bytes);
            self.length += bytes.len() as u64;
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut fingerprint = Fingerprint {
        hasher: std::collections::hash_map::DefaultHasher::new(),
        length: 0,
    };
    // Writing to the fingerprint cannot fail; a failure would only weaken sharing.
    let _ = serde_json::to_writer(&mut fingerprint, schema);
    (fingerprint.hasher.finish(), fingerprint.length)
}

/// One distinct shape, its children already interned.
#[derive(Debug)]
struct Entry {
    schema: Schema,
    hint: String,
}

/// The distinct shapes seen so far.
#[derive(Debug, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    index: HashMap<Key, usize>,
}

fn interned_id(schema: &Schema) -> Option<usize> {
    schema
        .reference
        .as_deref()?
        .strip_prefix(PREFIX)?
        .parse()
        .ok()
}

fn is_candidate(schema: &Schema) -> bool {
    schema.schema_type == Some(SchemaType::Object)
        && schema.reference.is_none()
        && schema.properties.len() >= MIN_PROPERTIES
}

fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with('s') && !name.ends_with("ss") && name.len() > 3 {
        name[..name.len() - 1].to_string()
    } else {
        name.to_string()
    }
}

impl Registry {
    /// Interns the object shapes of a schema (innermost first); `hint` names it.
    pub fn intern(&mut self, mut schema: Schema, hint: &str) -> Schema {
        schema.properties = std::mem::take(&mut schema.properties)
            .into_iter()
            .map(|(name, child)| {
                let child = self.intern(child, &name);
                (name, child)
            })
            .collect();
        if let Some(items) = schema.items.take() {
            schema.items = Some(Box::new(self.intern(*items, &singular(hint))));
        }
        if !is_candidate(&schema) {
            return schema;
        }
        let key = key_of(&schema);
        let id = match self.index.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.entries.len();
                self.entries.push(Entry {
                    schema,
                    hint: pascal_case(hint),
                });
                self.index.insert(key, id);
                id
            }
        };
        Schema::reference(format!("{PREFIX}{id}"))
    }

    /// The full schema behind interned references (for merging).
    pub fn expand(&self, mut schema: Schema) -> Schema {
        if let Some(entry) = interned_id(&schema).and_then(|id| self.entries.get(id)) {
            schema = entry.schema.clone();
        }
        schema.properties = std::mem::take(&mut schema.properties)
            .into_iter()
            .map(|(name, child)| (name, self.expand(child)))
            .collect();
        if let Some(items) = schema.items.take() {
            schema.items = Some(Box::new(self.expand(*items)));
        }
        schema
    }

    /// Interns an operation's body and response schemas; `name` is its request's name.
    pub fn intern_operation(&mut self, operation: &mut Operation, name: &str) {
        if let Some(BodyContent::Document {
            schema: Some(schema),
            ..
        }) = operation.body.as_mut().map(|b| &mut b.content)
        {
            *schema = self.intern(std::mem::take(schema), &format!("{name} Request"));
        }
        for response in &mut operation.responses {
            if let Some(schema) = response.schema.take() {
                response.schema = Some(self.intern(schema, &format!("{name} Response")));
            }
        }
    }

    /// Resolves the temporary references of an API: shapes it uses twice or more become
    /// named schemas, the others are inlined.
    pub fn finish(&self, api: &mut Api) {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut order = Vec::new();
        let mut roots: Vec<&Schema> = Vec::new();
        for operation in &api.operations {
            if let Some(BodyContent::Document {
                schema: Some(schema),
                ..
            }) = operation.body.as_ref().map(|b| &b.content)
            {
                roots.push(schema);
            }
            roots.extend(operation.responses.iter().filter_map(|r| r.schema.as_ref()));
        }
        for root in roots {
            self.count(root, &mut counts, &mut order);
        }
        let mut names: HashMap<usize, String> = HashMap::new();
        for id in &order {
            if counts.get(id).copied().unwrap_or(0) < 2 {
                continue;
            }
            let base = match self.entries.get(*id).map(|e| e.hint.as_str()) {
                Some(hint) if !hint.is_empty() => hint.to_string(),
                _ => "Object".to_string(),
            };
            let mut name = base.clone();
            let mut n = 2;
            while api.schemas.contains_key(&name) || names.values().any(|v| v == &name) {
                name = format!("{base}{n}");
                n += 1;
            }
            names.insert(*id, name);
        }
        for operation in &mut api.operations {
            if let Some(BodyContent::Document {
                schema: Some(schema),
                ..
            }) = operation.body.as_mut().map(|b| &mut b.content)
            {
                *schema = self.resolve(std::mem::take(schema), &names);
            }
            for response in &mut operation.responses {
                if let Some(schema) = response.schema.take() {
                    response.schema = Some(self.resolve(schema, &names));
                }
            }
        }
        let mut definitions = IndexMap::new();
        for id in &order {
            if let (Some(name), Some(entry)) = (names.get(id), self.entries.get(*id)) {
                definitions.insert(name.clone(), self.resolve(entry.schema.clone(), &names));
            }
        }
        api.schemas.extend(definitions);
    }

    /// Counts references; an entry's own references are counted once, on its first use.
    fn count(&self, schema: &Schema, counts: &mut HashMap<usize, usize>, order: &mut Vec<usize>) {
        if let Some(id) = interned_id(schema) {
            let seen = counts.entry(id).or_insert(0);
            *seen += 1;
            if *seen == 1 {
                order.push(id);
                if let Some(entry) = self.entries.get(id) {
                    self.count(&entry.schema, counts, order);
                }
            }
            return;
        }
        for child in schema.properties.values() {
            self.count(child, counts, order);
        }
        if let Some(items) = &schema.items {
            self.count(items, counts, order);
        }
    }

    fn resolve(&self, schema: Schema, names: &HashMap<usize, String>) -> Schema {
        let mut schema = match interned_id(&schema) {
            Some(id) => match names.get(&id) {
                Some(name) => return Schema::reference(name.clone()),
                None => match self.entries.get(id) {
                    Some(entry) => entry.schema.clone(),
                    None => return Schema::default(),
                },
            },
            None => schema,
        };
        schema.properties = std::mem::take(&mut schema.properties)
            .into_iter()
            .map(|(name, child)| (name, self.resolve(child, names)))
            .collect();
        if let Some(items) = schema.items.take() {
            schema.items = Some(Box::new(self.resolve(*items, names)));
        }
        schema
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectorize_ir::{Method, Response, Status};

    fn address() -> Schema {
        let mut s = Schema::of(SchemaType::Object);
        s.properties
            .insert("street".into(), Schema::of(SchemaType::String));
        s.properties
            .insert("city".into(), Schema::of(SchemaType::String));
        s
    }

    #[test]
    fn repeated_shapes_become_named_definitions_and_single_ones_are_inlined() {
        let mut registry = Registry::default();
        let mut person = Schema::of(SchemaType::Object);
        person.properties.insert("home".into(), address());
        person.properties.insert("work".into(), address());
        let mut api = Api::new("A");
        let mut op = Operation::new("GetPerson", Method::Get, "/p");
        let mut response = Response::new(Status::Code(200), "OK");
        response.schema = Some(person.clone());
        op.responses.push(response);
        registry.intern_operation(&mut op, "Get person");
        assert_eq!(
            registry.expand(op.responses[0].schema.clone().unwrap()),
            person
        );
        api.operations.push(op);
        registry.finish(&mut api);
        assert_eq!(api.schemas.keys().collect::<Vec<_>>(), ["Home"]);
        let schema = api.operations[0].responses[0].schema.as_ref().unwrap();
        assert_eq!(schema.schema_type, Some(SchemaType::Object));
        assert_eq!(schema.properties["work"].reference.as_deref(), Some("Home"));
        assert!(connectorize_ir::validate(&api).is_empty());
    }
}
