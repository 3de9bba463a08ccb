//! Removing examples from an operation or a named schema and, in step, from its rendered value.
//! Trimming an oversized definition then renders nothing again: for a large API every operation
//! loses examples, and rendering them anew cost as much as the first rendering.
//!
//! The edited value must be exactly what rendering the trimmed item writes. Removing a member
//! is exact unless an extension of the same name would take its place (rendering writes an
//! extension only where its key is free); such an edit reports itself inexact, and the caller
//! renders the item again.

use connectorize_ir::{BodyContent, Extensions, Operation, Parameter, Response, Schema};
use serde_json::{Map, Value};

/// What pruning one item did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pruned {
    /// How many examples went.
    pub removed: usize,
    /// Whether the rendered value was edited to match; when false it must be rendered again.
    pub exact: bool,
}

/// Removes the operation's examples that `drop` picks, from the operation and from
/// `rendered`, its value as [`super::definition::operation`] wrote it.
pub fn operation(
    op: &mut Operation,
    rendered: &mut Value,
    drop: &impl Fn(&Value) -> bool,
) -> Pruned {
    let mut pruner = Pruner::new(drop);
    pruner.operation(op, rendered.as_object_mut());
    debug_assert!(
        !pruner.exact || *rendered == super::definition::operation(op),
        "operation `{}` was pruned inexactly",
        op.id
    );
    pruner.done()
}

/// Removes the schema's examples that `drop` picks, from the schema and from `rendered`, its
/// value as [`super::schema::schema`] wrote it.
pub fn schema(s: &mut Schema, rendered: &mut Value, drop: &impl Fn(&Value) -> bool) -> Pruned {
    let mut pruner = Pruner::new(drop);
    pruner.schema(s, Some(rendered));
    debug_assert!(!pruner.exact || *rendered == super::schema::schema(s));
    pruner.done()
}

/// The members of a rendered object, or `None` where the value is not where rendering puts it
/// (then any removal below is inexact).
type Out<'v> = Option<&'v mut Map<String, Value>>;

struct Pruner<'d, F> {
    drop: &'d F,
    removed: usize,
    exact: bool,
}

impl<'d, F: Fn(&Value) -> bool> Pruner<'d, F> {
    fn new(drop: &'d F) -> Self {
        Pruner {
            drop,
            removed: 0,
            exact: true,
        }
    }

    fn done(self) -> Pruned {
        Pruned {
            removed: self.removed,
            exact: self.exact,
        }
    }

    /// Prunes what rendering does not write here (a shared item written as a `$ref`): only the
    /// IR changes.
    fn unwritten(&mut self, prune: impl FnOnce(&mut Self)) {
        let exact = self.exact;
        prune(self);
        self.exact = exact;
    }

    /// Empties `slot` when its example goes; true when it went.
    fn example(&mut self, slot: &mut Option<Value>) -> bool {
        if slot.as_ref().is_some_and(self.drop) {
            *slot = None;
            self.removed += 1;
            true
        } else {
            false
        }
    }

    /// Removes `key` from `out`, unless one of `shadows` would be written under it instead.
    fn unset(&mut self, out: Out, key: &str, shadows: &[&Extensions]) {
        match out {
            Some(out) if !shadows.iter().any(|e| e.contains_key(key)) => {
                out.shift_remove(key);
            }
            _ => self.exact = false,
        }
    }

    fn operation(&mut self, op: &mut Operation, mut out: Out) {
        let written = op.parameters.len()
            + match &op.body {
                None => 0,
                Some(body) => match (&body.shared, &body.content) {
                    (None, BodyContent::Form { fields }) => fields.len(),
                    _ => 1,
                },
            };
        let mut parameters = child(&mut out, "parameters")
            .and_then(Value::as_array_mut)
            .filter(|list| list.len() == written)
            .map(|list| list.iter_mut());
        let mut next = || parameters.as_mut().and_then(Iterator::next);
        for p in &mut op.parameters {
            let rendered = next();
            if p.shared.is_some() {
                self.unwritten(|pruner| pruner.parameter(p, None));
            } else {
                self.parameter(p, rendered.and_then(Value::as_object_mut));
            }
        }
        if let Some(body) = &mut op.body {
            let shared = body.shared.is_some();
            match &mut body.content {
                BodyContent::Document { schema, examples } => {
                    // A body's examples are not written.
                    let before = examples.len();
                    examples.retain(|e| !(self.drop)(&e.value));
                    self.removed += before - examples.len();
                    let mut rendered = next().and_then(Value::as_object_mut);
                    if let Some(s) = schema {
                        if shared {
                            self.unwritten(|pruner| pruner.schema(s, None));
                        } else {
                            self.schema(s, child(&mut rendered, "schema"));
                        }
                    }
                }
                BodyContent::Form { fields } => {
                    for f in fields {
                        let rendered = if shared { None } else { next() };
                        if self.example(&mut f.example) && !shared {
                            let shadows = [&f.schema.extensions, &f.extensions];
                            let out = rendered.and_then(Value::as_object_mut);
                            self.unset(out, "x-ms-test-value", &shadows);
                        }
                    }
                }
            }
        }
        let count = op.responses.len();
        let mut responses = child(&mut out, "responses")
            .and_then(Value::as_object_mut)
            .filter(|map| map.len() == count)
            .map(|map| map.values_mut());
        for r in &mut op.responses {
            let rendered = responses.as_mut().and_then(Iterator::next);
            if r.shared.is_some() {
                self.unwritten(|pruner| pruner.response(r, None));
            } else {
                self.response(r, rendered.and_then(Value::as_object_mut));
            }
        }
    }

    /// A parameter written on its own: its schema is flattened into it.
    fn parameter(&mut self, p: &mut Parameter, mut out: Out) {
        if self.example(&mut p.example) {
            let shadows = [&p.schema.extensions, &p.extensions];
            self.unset(out.as_deref_mut(), "x-ms-test-value", &shadows);
        }
        self.members(&mut p.schema, out, Some(&p.extensions));
    }

    /// A response written on its own: only its first example is written.
    fn response(&mut self, r: &mut Response, mut out: Out) {
        let mut first_went = false;
        let mut index = 0;
        let before = r.examples.len();
        r.examples.retain(|e| {
            let keep = !(self.drop)(&e.value);
            first_went |= index == 0 && !keep;
            index += 1;
            keep
        });
        self.removed += before - r.examples.len();
        if first_went {
            match r.examples.first() {
                Some(next) => {
                    let slot = child(&mut out, "examples")
                        .and_then(Value::as_object_mut)
                        .filter(|examples| examples.len() == 1)
                        .and_then(|examples| examples.values_mut().next());
                    match slot {
                        Some(slot) => *slot = next.value.clone(),
                        None => self.exact = false,
                    }
                }
                None => self.unset(out.as_deref_mut(), "examples", &[&r.extensions]),
            }
        }
        if let Some(s) = &mut r.schema {
            self.schema(s, child(&mut out, "schema"));
        }
    }

    fn schema(&mut self, s: &mut Schema, rendered: Option<&mut Value>) {
        self.members(s, rendered.and_then(Value::as_object_mut), None);
    }

    /// A schema's members as written into `out`: its own object, or for a flattened schema
    /// the parameter's, whose extensions `owner` are written after them.
    fn members(&mut self, s: &mut Schema, mut out: Out, owner: Option<&Extensions>) {
        if self.example(&mut s.example) {
            let mut shadows = vec![&s.extensions];
            shadows.extend(owner);
            self.unset(out.as_deref_mut(), "example", &shadows);
        }
        if let Some(items) = s.items.as_deref_mut() {
            self.schema(items, child(&mut out, "items"));
        }
        if !s.all_of.is_empty() {
            let count = s.all_of.len();
            let mut rendered = child(&mut out, "allOf")
                .and_then(Value::as_array_mut)
                .filter(|list| list.len() == count)
                .map(|list| list.iter_mut());
            for part in &mut s.all_of {
                let value = rendered.as_mut().and_then(Iterator::next);
                self.schema(part, value);
            }
        }
        if !s.properties.is_empty() {
            let count = s.properties.len();
            let mut rendered = child(&mut out, "properties")
                .and_then(Value::as_object_mut)
                .filter(|map| map.len() == count)
                .map(|map| map.values_mut());
            for property in s.properties.values_mut() {
                let value = rendered.as_mut().and_then(Iterator::next);
                self.schema(property, value);
            }
        }
    }
}

/// The member `key` of a rendered object.
fn child<'v>(out: &'v mut Out, key: &str) -> Option<&'v mut Value> {
    out.as_deref_mut().and_then(|out| out.get_mut(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::definition::operation as render;
    use connectorize_ir::{
        Body, Example, FormField, Method, ParameterLocation, SchemaType, Status,
    };
    use serde_json::json;

    fn example(value: Value) -> Example {
        Example { name: None, value }
    }

    fn with_example(mut s: Schema, value: Value) -> Schema {
        s.example = Some(value);
        s
    }

    /// Drops strings starting with "big".
    fn big(value: &Value) -> bool {
        value.as_str().is_some_and(|s| s.starts_with("big"))
    }

    fn body(content: BodyContent, shared: Option<&str>) -> Body {
        Body {
            media_type: "application/json".into(),
            required: false,
            name: None,
            summary: None,
            description: None,
            content,
            shared: shared.map(Into::into),
            extensions: Default::default(),
            origin: None,
        }
    }

    /// Every place an operation's examples are written or kept.
    fn busy() -> Operation {
        let mut op = Operation::new("Busy", Method::Post, "/busy");
        let mut nested = Schema::of(SchemaType::Array);
        let mut item = Schema::of(SchemaType::Object);
        item.properties
            .insert("a".into(), with_example(Schema::default(), json!("big a")));
        item.properties
            .insert("b".into(), with_example(Schema::default(), json!("small")));
        nested.items = Some(Box::new(item));
        nested
            .all_of
            .push(with_example(Schema::default(), json!("big all")));
        let mut q = Parameter::new("q", ParameterLocation::Query);
        q.schema = with_example(nested, json!("big q schema"));
        q.example = Some(json!("big q"));
        q.extensions.insert("x-after".into(), json!(1));
        op.parameters.push(q);
        let mut shared = Parameter::new("s", ParameterLocation::Query);
        shared.example = Some(json!("big shared"));
        shared.shared = Some("S".into());
        op.parameters.push(shared);
        let mut field = FormField {
            name: "f".into(),
            required: false,
            schema: with_example(
                Schema::default(),
                json!("big kept: form schemas are not trimmed"),
            ),
            summary: None,
            description: None,
            visibility: None,
            example: Some(json!("big f")),
            extensions: Default::default(),
            origin: None,
        };
        field.extensions.insert("x-f".into(), json!(true));
        op.body = Some(body(
            BodyContent::Form {
                fields: vec![field],
            },
            None,
        ));
        let mut promoted = Response::new(Status::Code(200), "ok");
        promoted.examples = vec![
            example(json!("big 1")),
            example(json!("next")),
            example(json!("big 3")),
        ];
        promoted.schema = Some(with_example(Schema::of(SchemaType::String), json!("big r")));
        promoted.extensions.insert("x-r".into(), json!("r"));
        op.responses.push(promoted);
        let mut emptied = Response::new(Status::Code(201), "made");
        emptied.examples = vec![example(json!("big only"))];
        op.responses.push(emptied);
        let mut kept = Response::new(Status::Code(202), "kept");
        kept.examples = vec![example(json!("first")), example(json!("big second"))];
        op.responses.push(kept);
        let mut referred = Response::new(Status::Code(400), "bad");
        referred.examples = vec![example(json!("big shared"))];
        referred.shared = Some("Bad".into());
        op.responses.push(referred);
        op
    }

    fn prune(op: &mut Operation) -> (Pruned, Value) {
        let mut rendered = render(op);
        let pruned = operation(op, &mut rendered, &big);
        (pruned, rendered)
    }

    #[test]
    fn edits_the_rendered_operation_as_rendering_the_trimmed_one_would() {
        let mut op = busy();
        let (pruned, rendered) = prune(&mut op);
        assert_eq!(
            pruned,
            Pruned {
                removed: 12,
                exact: true
            }
        );
        assert_eq!(rendered, render(&op));
        let q = &op.parameters[0];
        assert!(q.example.is_none() && q.schema.example.is_none());
        assert_eq!(op.responses[0].examples.len(), 1);
        assert_eq!(
            rendered["responses"]["200"]["examples"]["application/json"],
            "next"
        );
        assert!(rendered["responses"]["201"].get("examples").is_none());
    }

    #[test]
    fn a_document_body_keeps_no_written_examples_but_its_schema_does() {
        let mut op = Operation::new("Doc", Method::Put, "/doc");
        let content = BodyContent::Document {
            schema: Some(with_example(Schema::of(SchemaType::Object), json!("big s"))),
            examples: vec![example(json!("big e")), example(json!("small"))],
        };
        op.body = Some(body(content.clone(), None));
        let (pruned, rendered) = prune(&mut op);
        assert_eq!(
            pruned,
            Pruned {
                removed: 2,
                exact: true
            }
        );
        assert_eq!(rendered, render(&op));
        let mut shared = Operation::new("Shared", Method::Put, "/doc");
        shared.body = Some(body(content, Some("Doc")));
        let (pruned, rendered) = prune(&mut shared);
        assert_eq!(
            pruned,
            Pruned {
                removed: 2,
                exact: true
            }
        );
        assert_eq!(rendered, render(&shared));
    }

    #[test]
    fn an_extension_of_the_same_name_makes_the_edit_inexact() {
        let shadowed: [fn(&mut Operation); 4] = [
            |op| {
                op.parameters[0]
                    .extensions
                    .insert("x-ms-test-value".into(), json!("ext"));
            },
            |op| {
                op.parameters[0]
                    .schema
                    .extensions
                    .insert("example".into(), json!("ext"));
            },
            |op| {
                op.parameters[0]
                    .extensions
                    .insert("example".into(), json!("ext"));
            },
            |op| {
                op.responses[1]
                    .extensions
                    .insert("examples".into(), json!("ext"));
            },
        ];
        for shadow in shadowed {
            let mut op = busy();
            shadow(&mut op);
            let (pruned, _) = prune(&mut op);
            assert_eq!(
                pruned,
                Pruned {
                    removed: 12,
                    exact: false
                }
            );
        }
    }

    #[test]
    fn responses_sharing_a_status_make_the_edit_inexact() {
        let mut op = busy();
        op.responses[2].status = Status::Code(200);
        let (pruned, _) = prune(&mut op);
        assert_eq!(
            pruned,
            Pruned {
                removed: 12,
                exact: false
            }
        );
    }

    #[test]
    fn prunes_a_named_schema() {
        let mut s = Schema::of(SchemaType::Object);
        s.properties
            .insert("p".into(), with_example(Schema::default(), json!("big p")));
        s.example = Some(json!("big"));
        let mut rendered = super::super::schema::schema(&s);
        let pruned = schema(&mut s, &mut rendered, &big);
        assert_eq!(
            pruned,
            Pruned {
                removed: 2,
                exact: true
            }
        );
        assert_eq!(rendered, super::super::schema::schema(&s));
    }
}
