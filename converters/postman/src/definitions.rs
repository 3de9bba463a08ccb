//! Repeated object shapes: interned while converting, named definitions at the end.
//!
//! Inferred schemas are large and real collections repeat the same objects (a `user`, an
//! `error`) thousands of times, so each request's shapes are interned as soon as they are
//! inferred: every object node with at least two properties is stored once in a [`Registry`]
//! and replaced by a temporary reference, and so is the rest of each body or response schema
//! (a root entry). When an API is assembled, shapes referenced twice or more become named
//! schemas in [`Api::schemas`] (named after the property or request where they were first
//! seen, so names are stable for a given input); the others are inlined back. That is also
//! where shapes become IR schemas, each node once, moved out of the registry for the last API.

use std::hash::{Hash, Hasher};
use std::sync::{Mutex, PoisonError};

use connectorize_ir::{Api, BodyContent, Operation, Schema, SchemaType};
use indexmap::IndexMap;

use crate::fxhash::{FxHashMap, FxHashSet, FxHasher};
use crate::naming::pascal_case;
use crate::parallel;
use crate::shape::Shape;

/// Shapes with fewer properties are never interned.
const MIN_PROPERTIES: usize = 2;

/// Marks temporary references; never left in the output.
const PREFIX: &str = "\u{1}interned:";

/// One distinct shape, its children already interned, or one root.
#[derive(Debug)]
struct Entry {
    shape: Shape,
    hint: String,
    /// An operation's body or response schema that is not a shared object itself: inlined
    /// where it is used, never named.
    root: bool,
    /// The next entry whose shape hashes the same.
    next: Option<usize>,
}

/// The distinct shapes seen so far.
#[derive(Debug, Default)]
pub struct Registry {
    entries: Vec<Entry>,
    /// The latest entry for each shape hash (the others follow [`Entry::next`]).
    index: FxHashMap<u64, usize>,
}

fn interned_id(schema: &Schema) -> Option<usize> {
    schema
        .reference
        .as_deref()?
        .strip_prefix(PREFIX)?
        .parse()
        .ok()
}

fn is_candidate(shape: &Shape) -> bool {
    shape.kind == Some(SchemaType::Object)
        && shape.interned.is_none()
        && shape.properties.len() >= MIN_PROPERTIES
}

fn hash_of(shape: &Shape) -> u64 {
    let mut hasher = FxHasher::default();
    shape.hash(&mut hasher);
    hasher.finish()
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
    /// Interns the object shapes of a shape (innermost first); `hint` names it.
    pub fn intern(&mut self, mut shape: Shape, hint: &str) -> Shape {
        for property in &mut shape.properties {
            property.shape = self.intern(std::mem::take(&mut property.shape), &property.name);
        }
        if let Some(items) = &mut shape.items {
            **items = self.intern(std::mem::take(&mut **items), &singular(hint));
        }
        if !is_candidate(&shape) {
            return shape;
        }
        let hash = hash_of(&shape);
        let mut at = self.index.get(&hash).copied();
        while let Some(id) = at {
            if self.entries[id].shape == shape {
                return Shape::interned(id);
            }
            at = self.entries[id].next;
        }
        let id = self.entries.len();
        let next = self.index.insert(hash, id);
        self.entries.push(Entry {
            shape,
            hint: pascal_case(hint),
            root: false,
            next,
        });
        Shape::interned(id)
    }

    /// Interns a body or response schema; the result is a temporary reference.
    pub fn intern_root(&mut self, shape: Shape, hint: &str) -> Schema {
        let shape = self.intern(shape, hint);
        let id = match shape.interned {
            Some(id) => id,
            None => {
                self.entries.push(Entry {
                    shape,
                    hint: String::new(),
                    root: true,
                    next: None,
                });
                self.entries.len() - 1
            }
        };
        Schema::reference(format!("{PREFIX}{id}"))
    }

    /// The full shape behind an interned schema (for merging).
    pub fn expand(&self, schema: &Schema) -> Shape {
        interned_id(schema).map_or_else(Shape::default, |id| self.expand_id(id))
    }

    fn expand_id(&self, id: usize) -> Shape {
        self.entries
            .get(id)
            .map_or_else(Shape::default, |entry| self.expanded(&entry.shape))
    }

    fn expanded(&self, shape: &Shape) -> Shape {
        if let Some(id) = shape.interned {
            return self.expand_id(id);
        }
        Shape {
            kind: shape.kind,
            format: shape.format,
            nullable: shape.nullable,
            properties: shape
                .properties
                .iter()
                .map(|p| crate::shape::Property {
                    name: p.name.clone(),
                    shape: self.expanded(&p.shape),
                    required: p.required,
                })
                .collect(),
            items: shape.items.as_deref().map(|i| Box::new(self.expanded(i))),
            interned: None,
        }
    }

    /// Interns an operation's body and response shapes (`responses` in the order of
    /// `operation.responses`); `name` is its request's name.
    pub fn intern_operation(
        &mut self,
        operation: &mut Operation,
        body: Option<Shape>,
        responses: Vec<Option<Shape>>,
        name: &str,
    ) {
        if let (Some(shape), Some(BodyContent::Document { schema, .. })) =
            (body, operation.body.as_mut().map(|b| &mut b.content))
        {
            *schema = Some(self.intern_root(shape, &format!("{name} Request")));
        }
        for (response, shape) in operation.responses.iter_mut().zip(responses) {
            if let Some(shape) = shape {
                response.schema = Some(self.intern_root(shape, &format!("{name} Response")));
            }
        }
    }

    /// Resolves the temporary references of an API: shapes it uses twice or more become
    /// named schemas, the others are inlined. `last` says no other API follows, so the shapes
    /// are moved out rather than copied.
    ///
    /// Counting and naming follow first use, so they run in order; once names are fixed, each
    /// operation's schemas and each definition are resolved on their own (on every core): an
    /// unnamed shape is used once in the API, a named one only by its definition.
    pub fn finish(&mut self, api: &mut Api, last: bool) {
        let mut counts = vec![0usize; self.entries.len()];
        let mut order = Vec::new();
        for operation in &api.operations {
            for schema in roots(operation) {
                self.count_root(schema, &mut counts, &mut order);
            }
        }
        let names = self.names(api, &counts, &order);
        let shapes = if last {
            Shapes::Taken(
                self.entries
                    .iter_mut()
                    .map(|e| Mutex::new(std::mem::take(&mut e.shape)))
                    .collect(),
            )
        } else {
            Shapes::Copied(&self.entries)
        };
        let resolver = Resolver {
            shapes,
            names: &names,
        };
        let mut definitions: Vec<(usize, Option<Schema>)> = order
            .iter()
            .filter(|id| names.contains_key(id))
            .map(|id| (*id, None))
            .collect();
        parallel::for_each_mut(&mut definitions, |(id, schema)| {
            *schema = resolver.shape(*id).map(|shape| resolver.schema(shape));
        });
        parallel::for_each_mut(&mut api.operations, |operation| {
            for schema in roots_mut(operation) {
                if let Some(id) = interned_id(schema) {
                    *schema = resolver.id(id);
                }
            }
        });
        for (id, schema) in definitions {
            if let (Some(name), Some(schema)) = (names.get(&id), schema) {
                api.schemas.insert(name.clone(), schema);
            }
        }
    }

    /// Names the shapes used twice or more, in first-use order: the hint of their first use,
    /// numbered when an earlier shape (or the API) has the name already.
    fn names(&self, api: &Api, counts: &[usize], order: &[usize]) -> FxHashMap<usize, String> {
        let mut names = FxHashMap::default();
        let mut taken: FxHashSet<String> = FxHashSet::default();
        for id in order {
            if counts.get(*id).copied().unwrap_or(0) < 2 {
                continue;
            }
            let base = match self.entries.get(*id).map(|e| e.hint.as_str()) {
                Some(hint) if !hint.is_empty() => hint,
                _ => "Object",
            };
            let mut name = base.to_string();
            let mut n = 2;
            while api.schemas.contains_key(&name) || taken.contains(&name) {
                name = format!("{base}{n}");
                n += 1;
            }
            taken.insert(name.clone());
            names.insert(*id, name);
        }
        names
    }

    fn count_root(&self, schema: &Schema, counts: &mut [usize], order: &mut Vec<usize>) {
        if let Some(id) = interned_id(schema) {
            self.count_id(id, counts, order);
        }
    }

    /// Counts references; an entry's own references are counted once, on its first use (a
    /// root's on each use: it has only one).
    fn count_id(&self, id: usize, counts: &mut [usize], order: &mut Vec<usize>) {
        let Some(entry) = self.entries.get(id) else {
            return;
        };
        if entry.root {
            self.count(&entry.shape, counts, order);
            return;
        }
        let Some(seen) = counts.get_mut(id) else {
            return;
        };
        *seen += 1;
        if *seen == 1 {
            order.push(id);
            self.count(&entry.shape, counts, order);
        }
    }

    fn count(&self, shape: &Shape, counts: &mut [usize], order: &mut Vec<usize>) {
        if let Some(id) = shape.interned {
            self.count_id(id, counts, order);
            return;
        }
        for property in &shape.properties {
            self.count(&property.shape, counts, order);
        }
        if let Some(items) = &shape.items {
            self.count(items, counts, order);
        }
    }
}

/// An operation's body and response schemas, where the temporary references are.
fn roots(operation: &Operation) -> impl Iterator<Item = &Schema> {
    let body = match operation.body.as_ref().map(|b| &b.content) {
        Some(BodyContent::Document {
            schema: Some(schema),
            ..
        }) => Some(schema),
        _ => None,
    };
    body.into_iter()
        .chain(operation.responses.iter().filter_map(|r| r.schema.as_ref()))
}

/// [`roots`], to be replaced.
fn roots_mut(operation: &mut Operation) -> impl Iterator<Item = &mut Schema> {
    let body = match operation.body.as_mut().map(|b| &mut b.content) {
        Some(BodyContent::Document {
            schema: Some(schema),
            ..
        }) => Some(schema),
        _ => None,
    };
    body.into_iter().chain(
        operation
            .responses
            .iter_mut()
            .filter_map(|r| r.schema.as_mut()),
    )
}

/// Where a [`Resolver`] reads the registry's shapes.
enum Shapes<'a> {
    /// Copied: another API may use them.
    Copied(&'a [Entry]),
    /// Moved out, each entry once: a named one for its definition, any other one where its
    /// only reference is. The lock lets threads take the entries they reach.
    Taken(Vec<Mutex<Shape>>),
}

/// Turns interned shapes into IR schemas for one API; shared by the threads that resolve it.
struct Resolver<'a> {
    shapes: Shapes<'a>,
    names: &'a FxHashMap<usize, String>,
}

impl Resolver<'_> {
    fn shape(&self, id: usize) -> Option<Shape> {
        match &self.shapes {
            Shapes::Copied(entries) => entries.get(id).map(|e| e.shape.clone()),
            Shapes::Taken(shapes) => shapes.get(id).map(|shape| {
                std::mem::take(&mut *shape.lock().unwrap_or_else(PoisonError::into_inner))
            }),
        }
    }

    fn id(&self, id: usize) -> Schema {
        if let Some(name) = self.names.get(&id) {
            return Schema::reference(name.clone());
        }
        match self.shape(id) {
            Some(shape) => self.schema(shape),
            None => Schema::default(),
        }
    }

    fn schema(&self, shape: Shape) -> Schema {
        if let Some(id) = shape.interned {
            return self.id(id);
        }
        let mut properties = IndexMap::with_capacity(shape.properties.len());
        let mut required =
            Vec::with_capacity(shape.properties.iter().filter(|p| p.required).count());
        for property in shape.properties {
            if property.required {
                required.push(property.name.clone());
            }
            let schema = self.schema(property.shape);
            properties.insert(property.name, schema);
        }
        Schema {
            schema_type: shape.kind,
            format: shape.format.map(str::to_string),
            nullable: shape.nullable,
            properties,
            required,
            items: shape.items.map(|items| Box::new(self.schema(*items))),
            ..Schema::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::Property;
    use connectorize_ir::{Method, Response, Status};

    fn object(properties: Vec<(&str, Shape)>) -> Shape {
        Shape {
            properties: properties
                .into_iter()
                .map(|(name, shape)| Property {
                    name: name.into(),
                    shape,
                    required: true,
                })
                .collect(),
            ..Shape::of(SchemaType::Object)
        }
    }

    fn address() -> Shape {
        object(vec![
            ("street", Shape::of(SchemaType::String)),
            ("city", Shape::of(SchemaType::String)),
        ])
    }

    fn api_with(registry: &mut Registry, person: &Shape) -> Api {
        let mut api = Api::new("A");
        let mut op = Operation::new("GetPerson", Method::Get, "/p");
        op.responses.push(Response::new(Status::Code(200), "OK"));
        registry.intern_operation(&mut op, None, vec![Some(person.clone())], "Get person");
        assert_eq!(
            registry.expand(op.responses[0].schema.as_ref().unwrap()),
            *person
        );
        api.operations.push(op);
        api
    }

    #[test]
    fn repeated_shapes_become_named_definitions_and_single_ones_are_inlined() {
        let mut registry = Registry::default();
        let person = object(vec![("home", address()), ("work", address())]);
        let mut api = api_with(&mut registry, &person);
        // An API that is not the last one copies the shapes; the last one moves them.
        let mut first = api.clone();
        registry.finish(&mut first, false);
        registry.finish(&mut api, true);
        assert_eq!(first, api);
        assert_eq!(api.schemas.keys().collect::<Vec<_>>(), ["Home"]);
        assert_eq!(api.schemas["Home"].required, ["street", "city"]);
        let schema = api.operations[0].responses[0].schema.as_ref().unwrap();
        assert_eq!(schema.schema_type, Some(SchemaType::Object));
        assert_eq!(schema.required, ["home", "work"]);
        assert_eq!(schema.properties["work"].reference.as_deref(), Some("Home"));
        assert!(connectorize_ir::validate(&api).is_empty());
    }

    #[test]
    fn names_follow_first_use_and_every_operation_is_resolved() {
        // Enough operations for the resolution to run on several threads.
        let mut registry = Registry::default();
        let home = object(vec![
            ("home", address()),
            ("id", Shape::of(SchemaType::Integer)),
        ]);
        let other = object(vec![
            ("home", Shape::of(SchemaType::String)),
            ("id", Shape::of(SchemaType::Integer)),
        ]);
        let mut api = Api::new("A");
        for n in 0..200 {
            let mut op = Operation::new(format!("Op{n}"), Method::Get, format!("/p{n}"));
            op.responses.push(Response::new(Status::Code(200), "OK"));
            let person = if n % 2 == 0 {
                object(vec![
                    ("home", home.clone()),
                    ("n", Shape::of(SchemaType::Integer)),
                ])
            } else {
                object(vec![("home", other.clone()), ("work", address())])
            };
            registry.intern_operation(&mut op, None, vec![Some(person)], "Get person");
            api.operations.push(op);
        }
        let mut copied = api.clone();
        registry.finish(&mut copied, false);
        registry.finish(&mut api, true);
        assert_eq!(copied, api);
        // Both persons and the address (in one person's home and the other's work) are used
        // twice or more; the two homes, also hinted `Home`, once each: they are inlined, and
        // the second person takes the next number.
        assert_eq!(
            api.schemas.keys().collect::<Vec<_>>(),
            ["GetPersonResponse", "Home", "GetPersonResponse2"]
        );
        assert_eq!(api.schemas["Home"].required, ["street", "city"]);
        let first = &api.schemas["GetPersonResponse"].properties["home"];
        assert_eq!(first.required, ["home", "id"]);
        assert_eq!(first.properties["home"].reference.as_deref(), Some("Home"));
        let second = &api.schemas["GetPersonResponse2"];
        assert_eq!(
            second.properties["home"].properties["home"].schema_type,
            Some(SchemaType::String)
        );
        assert_eq!(second.properties["work"].reference.as_deref(), Some("Home"));
        for (n, op) in api.operations.iter().enumerate() {
            let schema = op.responses[0].schema.as_ref().unwrap();
            let expected = ["GetPersonResponse", "GetPersonResponse2"][n % 2];
            assert_eq!(schema.reference.as_deref(), Some(expected));
        }
        assert!(connectorize_ir::validate(&api).is_empty());
    }

    #[test]
    fn roots_that_are_not_shared_objects_are_inlined_whole() {
        let mut registry = Registry::default();
        let list = Shape::array_of(object(vec![("id", Shape::of(SchemaType::Integer))]));
        let mut api = api_with(&mut registry, &list);
        registry.finish(&mut api, true);
        assert!(api.schemas.is_empty());
        let schema = api.operations[0].responses[0].schema.as_ref().unwrap();
        assert_eq!(schema.schema_type, Some(SchemaType::Array));
        let items = schema.items.as_deref().unwrap();
        assert_eq!(items.required, ["id"]);
        assert_eq!(
            items.properties["id"].schema_type,
            Some(SchemaType::Integer)
        );
    }
}
