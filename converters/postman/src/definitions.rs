//! Hoisting repeated object shapes into named schemas ([`Api::schemas`]).
//!
//! An object schema with at least two properties that occurs more than once (anywhere in the
//! API's bodies and responses) becomes a definition. Names come from the first place the shape
//! was seen (its property name, singular for array items, else the operation), so they are
//! stable for a given input.

use std::collections::HashMap;
use std::hash::Hasher;

use connectorize_ir::{Api, BodyContent, Schema, SchemaType};

use crate::naming::pascal_case;

/// Shapes with fewer properties are left inline.
const MIN_PROPERTIES: usize = 2;

struct Candidate {
    count: usize,
    hint: String,
}

/// Hoists repeated shapes of every operation's body and response schemas.
pub fn hoist(api: &mut Api) {
    let mut candidates: HashMap<Key, Candidate> = HashMap::new();
    let mut order: Vec<Key> = Vec::new();
    for operation in &api.operations {
        if let Some(BodyContent::Document {
            schema: Some(schema),
            ..
        }) = operation.body.as_ref().map(|b| &b.content)
        {
            count(
                schema,
                &format!("{}Request", operation.id),
                &mut candidates,
                &mut order,
            );
        }
        for response in &operation.responses {
            if let Some(schema) = &response.schema {
                count(
                    schema,
                    &format!("{}Response", operation.id),
                    &mut candidates,
                    &mut order,
                );
            }
        }
    }
    if !candidates.values().any(|c| c.count > 1) {
        return;
    }
    let mut names: HashMap<Key, String> = HashMap::new();
    let mut schemas = std::mem::take(&mut api.schemas);
    for key in &order {
        let Some(candidate) = candidates.get(key) else {
            continue;
        };
        if candidate.count < 2 {
            continue;
        }
        let base = if candidate.hint.is_empty() {
            "Object".to_string()
        } else {
            candidate.hint.clone()
        };
        let mut name = base.clone();
        let mut n = 2;
        while schemas.contains_key(&name) || names.values().any(|v| v == &name) {
            name = format!("{base}{n}");
            n += 1;
        }
        names.insert(*key, name);
    }
    for operation in &mut api.operations {
        if let Some(body) = operation.body.as_mut() {
            if let BodyContent::Document {
                schema: Some(schema),
                ..
            } = &mut body.content
            {
                *schema = rewrite(std::mem::take(schema), &names, &mut schemas);
            }
        }
        for response in &mut operation.responses {
            if let Some(schema) = response.schema.take() {
                response.schema = Some(rewrite(schema, &names, &mut schemas));
            }
        }
    }
    // Definitions were inserted innermost first; list them in first-seen order instead.
    let mut sorted = indexmap::IndexMap::new();
    for key in &order {
        if let Some(name) = names.get(key) {
            if let Some(schema) = schemas.shift_remove(name) {
                sorted.insert(name.clone(), schema);
            }
        }
    }
    sorted.extend(schemas);
    api.schemas = sorted;
}

fn is_candidate(schema: &Schema) -> bool {
    schema.schema_type == Some(SchemaType::Object)
        && schema.reference.is_none()
        && schema.properties.len() >= MIN_PROPERTIES
}

/// A fingerprint of a schema's serialized form (hash and length), computed without
/// materialising the text: large collections have many deep schemas.
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
    // Writing to the fingerprint cannot fail; a failure would only weaken hoisting.
    let _ = serde_json::to_writer(&mut fingerprint, schema);
    (fingerprint.hasher.finish(), fingerprint.length)
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

fn count(
    schema: &Schema,
    hint: &str,
    candidates: &mut HashMap<Key, Candidate>,
    order: &mut Vec<Key>,
) {
    if is_candidate(schema) {
        let key = key_of(schema);
        let entry = candidates.entry(key).or_insert_with(|| {
            order.push(key);
            Candidate {
                count: 0,
                hint: pascal_case(hint),
            }
        });
        entry.count += 1;
    }
    for (name, child) in &schema.properties {
        count(child, name, candidates, order);
    }
    if let Some(items) = &schema.items {
        count(items, &singular(hint), candidates, order);
    }
}

fn rewrite(
    mut schema: Schema,
    names: &HashMap<Key, String>,
    schemas: &mut indexmap::IndexMap<String, Schema>,
) -> Schema {
    let name = is_candidate(&schema)
        .then(|| names.get(&key_of(&schema)))
        .flatten()
        .cloned();
    schema.properties = std::mem::take(&mut schema.properties)
        .into_iter()
        .map(|(k, v)| (k, rewrite(v, names, schemas)))
        .collect();
    if let Some(items) = schema.items.take() {
        schema.items = Some(Box::new(rewrite(*items, names, schemas)));
    }
    match name {
        Some(name) => {
            schemas.entry(name.clone()).or_insert(schema);
            Schema::reference(name)
        }
        None => schema,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use connectorize_ir::{Method, Operation, Response, Status};

    fn address() -> Schema {
        let mut s = Schema::of(SchemaType::Object);
        s.properties
            .insert("street".into(), Schema::of(SchemaType::String));
        s.properties
            .insert("city".into(), Schema::of(SchemaType::String));
        s
    }

    #[test]
    fn repeated_shapes_become_named_definitions() {
        let mut api = Api::new("A");
        let mut person = Schema::of(SchemaType::Object);
        person.properties.insert("home".into(), address());
        person.properties.insert("work".into(), address());
        let mut op = Operation::new("GetPerson", Method::Get, "/p");
        let mut response = Response::new(Status::Code(200), "OK");
        response.schema = Some(person);
        op.responses.push(response);
        api.operations.push(op);
        hoist(&mut api);
        assert_eq!(api.schemas.keys().collect::<Vec<_>>(), ["Home"]);
        let schema = api.operations[0].responses[0].schema.as_ref().unwrap();
        assert_eq!(schema.properties["work"].reference.as_deref(), Some("Home"));
        assert!(connectorize_ir::validate(&api).is_empty());
    }
}
