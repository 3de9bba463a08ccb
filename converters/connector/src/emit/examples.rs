//! Examples deferred in an operation's rendered value, and trimming them there. An oversized
//! API's operations are rendered with `null` placeholders for their examples
//! ([`Examples::Deferred`]) and measured as if the examples were there ([`deferred`]); trimming
//! then removes examples from the operation and, in step, from its rendered value ([`prune`]),
//! and the survivors are copied in last ([`fill`]). Neither the examples trimming drops nor a
//! second rendering of any operation is ever made.
//!
//! An edited value must be exactly what rendering the edited item writes. Removing a member is
//! exact unless an extension of the same name would take its place (rendering writes an
//! extension only where its key is free); such an edit reports itself inexact, and the caller
//! renders the item again.
//!
//! Pruning also keeps the operation's measurements up to date, so that nothing is serialized
//! again to be measured: given the sizes of the deferred examples, it decides on them without
//! reading the examples, and reports the sizes of the survivors and how many bytes the rendered
//! value lost.

use connectorize_ir::{BodyContent, Extensions, Keywords, Operation, Parameter, Response, Schema};
use serde_json::{Map, Value};

use super::schema::Examples;

/// What pruning one item did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pruned {
    /// How many examples went.
    pub removed: usize,
    /// Whether the rendered value was edited to match; when false it must be rendered again.
    pub exact: bool,
    /// How many bytes the minified rendered value lost, when the sizes given for the deferred
    /// examples were used up exactly and now hold the survivors'; `None` when the item must be
    /// measured again.
    pub shrunk: Option<usize>,
}

/// Whether an example goes, given its minified size when it is known.
pub type Drop<'d> = &'d dyn Fn(&Value, Option<usize>) -> bool;

/// Each example of the operation that [`Examples::Deferred`] leaves as a placeholder, in turn.
pub fn deferred(op: &Operation, mut visit: impl FnMut(&Value)) {
    let visit = &mut visit;
    for p in op.parameters.iter().filter(|p| p.shared.is_none()) {
        visit_example(p.example.as_ref(), visit);
        visit_schema(&p.schema, visit);
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.shared.is_none()) {
        match &body.content {
            BodyContent::Document { schema, .. } => {
                if let Some(s) = schema {
                    visit_schema(s, visit);
                }
            }
            BodyContent::Form { fields } => {
                for f in fields {
                    visit_example(f.example.as_ref(), visit);
                }
            }
        }
    }
    for r in op.responses.iter().filter(|r| r.shared.is_none()) {
        visit_example(r.examples.first().map(|e| &e.value), visit);
        if let Some(s) = &r.schema {
            visit_schema(s, visit);
        }
    }
}

fn visit_example(example: Option<&Value>, visit: &mut impl FnMut(&Value)) {
    if let Some(example) = example {
        visit(example);
    }
}

fn visit_schema(s: &Schema, visit: &mut impl FnMut(&Value)) {
    visit_example(s.example.as_ref(), visit);
    for nested in s.items.as_deref().into_iter().chain(&s.all_of) {
        visit_schema(nested, visit);
    }
    for property in s.properties.values() {
        visit_schema(property, visit);
    }
}

/// Copies the operation's examples into the placeholders of `rendered`, its value as
/// [`super::definition::operation_with`] wrote it with [`Examples::Deferred`]. False when a
/// placeholder was not found: then the value must be rendered again.
pub fn fill(op: &mut Operation, rendered: &mut Value) -> bool {
    let mut walker = Walker::new(Mode::Fill);
    walker.operation(op, rendered.as_object_mut());
    debug_assert!(
        !walker.exact || *rendered == super::definition::operation(op),
        "operation `{}` was filled inexactly",
        op.id
    );
    walker.exact
}

/// Removes the operation's examples that `drop` picks, from the operation and from
/// `rendered`, its value as [`super::definition::operation_with`] wrote it with
/// [`Examples::Deferred`]. `sizes` holds the minified size of each example [`deferred`]
/// visits, in its order; they are given to `drop`, and replaced by the survivors' sizes.
pub fn prune(
    op: &mut Operation,
    rendered: &mut Value,
    drop: Drop,
    sizes: &mut Vec<usize>,
) -> Pruned {
    let mut walker = Walker::new(Mode::Prune(drop));
    walker.ledger = Some(Ledger {
        before: std::mem::take(sizes).into_iter(),
        after: Vec::new(),
    });
    walker.operation(op, rendered.as_object_mut());
    debug_assert!(
        !walker.exact || *rendered == super::definition::operation_with(op, Examples::Deferred),
        "operation `{}` was pruned inexactly",
        op.id
    );
    let (pruned, after) = walker.pruned();
    *sizes = after;
    pruned
}

/// Removes the schema's examples that `drop` picks, from the schema and from `rendered`, its
/// value as [`super::schema::schema`] wrote it. Its sizes are not known: `shrunk` is `None`.
pub fn prune_schema(s: &mut Schema, rendered: &mut Value, drop: Drop) -> Pruned {
    let mut walker = Walker::new(Mode::Prune(drop));
    walker.schema(s, Some(rendered));
    debug_assert!(!walker.exact || *rendered == super::schema::schema(s));
    walker.pruned().0
}

/// The members of a rendered object, or `None` where the value is not where rendering puts it
/// (then any edit below is inexact).
type Out<'v> = Option<&'v mut Map<String, Value>>;

#[derive(Clone, Copy)]
enum Mode<'d> {
    /// Copy examples into their placeholders.
    Fill,
    /// Remove the examples picked, from the item and its value.
    Prune(Drop<'d>),
}

/// The sizes of the written examples met so far, and of those that stay.
struct Ledger {
    before: std::vec::IntoIter<usize>,
    after: Vec<usize>,
}

/// Walks an item and its rendered value in step.
struct Walker<'d> {
    mode: Mode<'d>,
    removed: usize,
    exact: bool,
    /// False inside a shared item, which the value holds as a `$ref`.
    written: bool,
    /// When pruning an operation whose example sizes are known.
    ledger: Option<Ledger>,
    /// Bytes removed from the rendered value; `None` once the sizes are no longer known.
    shrunk: Option<usize>,
}

impl<'d> Walker<'d> {
    fn new(mode: Mode<'d>) -> Self {
        Walker {
            mode,
            removed: 0,
            exact: true,
            written: true,
            ledger: None,
            shrunk: Some(0),
        }
    }

    /// What was pruned, and the sizes of the written examples left.
    fn pruned(mut self) -> (Pruned, Vec<usize>) {
        let after = match self.ledger.take() {
            // Sizes left over would mean the walk and `deferred` disagree: measure again.
            Some(ledger) if ledger.before.as_slice().is_empty() => ledger.after,
            _ => {
                self.shrunk = None;
                Vec::new()
            }
        };
        let pruned = Pruned {
            removed: self.removed,
            exact: self.exact,
            shrunk: self.shrunk.filter(|_| self.exact),
        };
        (pruned, after)
    }

    /// The size of the next written example, taken from the ledger.
    fn measured(&mut self) -> Option<usize> {
        if !self.written {
            return None;
        }
        let size = self.ledger.as_mut().and_then(|l| l.before.next());
        if size.is_none() {
            self.shrunk = None;
        }
        size
    }

    /// Records that a written example of this size stays.
    fn keep(&mut self, size: Option<usize>) {
        if let (true, Some(ledger)) = (self.written, self.ledger.as_mut()) {
            match size {
                Some(size) => ledger.after.push(size),
                None => self.shrunk = None,
            }
        }
    }

    /// Walks what rendering does not write here (a shared item written as a `$ref`): only
    /// the item changes.
    fn unwritten(&mut self, walk: impl FnOnce(&mut Self)) {
        let written = std::mem::replace(&mut self.written, false);
        walk(self);
        self.written = written;
    }

    /// An example written under `key` of `out`, where an extension in `shadows` would stand if
    /// it were not.
    fn example(&mut self, slot: &mut Option<Value>, out: Out, key: &str, shadows: &[&Extensions]) {
        match self.mode {
            Mode::Fill => {
                if let (true, Some(example)) = (self.written, slot.as_ref()) {
                    match out.and_then(|out| out.get_mut(key)) {
                        Some(placeholder) => *placeholder = example.clone(),
                        None => self.exact = false,
                    }
                }
            }
            Mode::Prune(drop) => {
                let Some(value) = slot.as_ref() else {
                    return;
                };
                let size = self.measured();
                if drop(value, size) {
                    *slot = None;
                    self.removed += 1;
                    if self.written {
                        self.unset(out, key, shadows);
                    }
                } else {
                    self.keep(size);
                }
            }
        }
    }

    /// Removes `key` from `out`, unless one of `shadows` would be written under it instead.
    fn unset(&mut self, out: Out, key: &str, shadows: &[&Extensions]) {
        match out {
            Some(out) if !shadows.iter().any(|e| e.contains_key(key)) => {
                if let Some(value) = out.shift_remove(key) {
                    // The member, and the comma before or after it unless it was alone.
                    let comma = usize::from(!out.is_empty());
                    self.shrunk = self
                        .shrunk
                        .zip(member_bytes(key, &value))
                        .map(|(shrunk, member)| shrunk + member + comma);
                }
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
                self.unwritten(|walker| walker.parameter(p, None));
            } else {
                self.parameter(p, rendered.and_then(Value::as_object_mut));
            }
        }
        if let Some(body) = &mut op.body {
            let shared = body.shared.is_some();
            match &mut body.content {
                BodyContent::Document { schema, examples } => {
                    // A body's examples are not written.
                    if let Mode::Prune(drop) = self.mode {
                        let before = examples.len();
                        examples.retain(|e| !drop(&e.value, None));
                        self.removed += before - examples.len();
                    }
                    let mut rendered = next().and_then(Value::as_object_mut);
                    if let Some(s) = schema {
                        if shared {
                            self.unwritten(|walker| walker.schema(s, None));
                        } else {
                            self.schema(s, child(&mut rendered, "schema"));
                        }
                    }
                }
                BodyContent::Form { fields } => {
                    for f in fields {
                        let shadows = [&f.schema.keywords().extensions, &f.extensions];
                        let key = "x-ms-test-value";
                        if shared {
                            self.unwritten(|w| w.example(&mut f.example, None, key, &shadows));
                        } else {
                            let out = next().and_then(Value::as_object_mut);
                            self.example(&mut f.example, out, key, &shadows);
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
                self.unwritten(|walker| walker.response(r, None));
            } else {
                self.response(r, rendered.and_then(Value::as_object_mut));
            }
        }
    }

    /// A parameter written on its own: its schema is flattened into it.
    fn parameter(&mut self, p: &mut Parameter, mut out: Out) {
        let shadows = [&p.schema.keywords().extensions, &p.extensions];
        self.example(
            &mut p.example,
            out.as_deref_mut(),
            "x-ms-test-value",
            &shadows,
        );
        self.members(&mut p.schema, out, Some(&p.extensions));
    }

    /// A response written on its own: only its first example is written, as the one member of
    /// `examples`. While any example is left that member stays, a placeholder for the first.
    fn response(&mut self, r: &mut Response, mut out: Out) {
        match self.mode {
            Mode::Fill => {
                if let (true, Some(first)) = (self.written, r.examples.first()) {
                    let placeholder = child(&mut out, "examples")
                        .and_then(Value::as_object_mut)
                        .filter(|examples| examples.len() == 1)
                        .and_then(|examples| examples.values_mut().next());
                    match placeholder {
                        Some(placeholder) => *placeholder = first.value.clone(),
                        None => self.exact = false,
                    }
                }
            }
            Mode::Prune(drop) => {
                let before = r.examples.len();
                let size = if before > 0 { self.measured() } else { None };
                // Only the first example is written, and only its size is known.
                let mut first = Some(size);
                let mut first_stays = false;
                r.examples.retain(|e| match first.take() {
                    Some(size) => {
                        first_stays = !drop(&e.value, size);
                        first_stays
                    }
                    None => !drop(&e.value, None),
                });
                self.removed += before - r.examples.len();
                if before > 0 {
                    if r.examples.is_empty() {
                        if self.written {
                            self.unset(out.as_deref_mut(), "examples", &[&r.extensions]);
                        }
                    } else if first_stays {
                        self.keep(size);
                    } else {
                        // A later example is written now: its size is not known.
                        self.keep(None);
                    }
                }
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
        // The field, not `keywords()`: `s.example` is borrowed mutably beside it.
        let own = &s.keywords.as_deref().unwrap_or(Keywords::none()).extensions;
        let shadows = [own, owner.unwrap_or(own)];
        self.example(&mut s.example, out.as_deref_mut(), "example", &shadows);
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

/// Minified size of `"key":value`.
fn member_bytes(key: &str, value: &Value) -> Option<usize> {
    let key = serde_json::to_string(key).ok()?.len();
    Some(key + 1 + serde_json::to_vec(value).ok()?.len())
}

/// The member `key` of a rendered object.
fn child<'v>(out: &'v mut Out, key: &str) -> Option<&'v mut Value> {
    out.as_deref_mut().and_then(|out| out.get_mut(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::definition::{operation as render, operation_with};
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

    fn size(value: &Value) -> usize {
        serde_json::to_vec(value).unwrap().len()
    }

    /// Drops strings starting with "big"; checks the size it is given.
    fn big(value: &Value, known: Option<usize>) -> bool {
        if let Some(known) = known {
            assert_eq!(known, size(value), "size given for {value}");
        }
        value.as_str().is_some_and(|s| s.starts_with("big"))
    }

    /// The sizes of the operation's deferred examples, in order.
    fn example_sizes(op: &Operation) -> Vec<usize> {
        let mut sizes = Vec::new();
        deferred(op, |v| sizes.push(size(v)));
        sizes
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

    /// Prunes the operation's deferred rendering, checks it against rendering the pruned
    /// operation when exact, and fills it in.
    /// When the sizes were kept up to date, checks them against measuring again.
    fn prune_op(op: &mut Operation) -> (Pruned, Value) {
        let mut rendered = operation_with(op, Examples::Deferred);
        let before = size(&rendered);
        let mut sizes = example_sizes(op);
        let pruned = prune(op, &mut rendered, &big, &mut sizes);
        if let Some(shrunk) = pruned.shrunk {
            assert_eq!(before - shrunk, size(&rendered));
            assert_eq!(sizes, example_sizes(op));
        }
        if pruned.exact {
            assert_eq!(rendered, operation_with(op, Examples::Deferred));
            assert!(fill(op, &mut rendered));
            assert_eq!(rendered, render(op));
        }
        (pruned, rendered)
    }

    #[test]
    fn edits_the_rendered_operation_as_rendering_the_trimmed_one_would() {
        let mut op = busy();
        let (pruned, rendered) = prune_op(&mut op);
        assert_eq!(
            pruned,
            Pruned {
                removed: 12,
                exact: true,
                // A later example of response 200 is written now: it must be measured.
                shrunk: None
            }
        );
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
    fn pruning_keeps_the_sizes_up_to_date() {
        let mut op = busy();
        // The first example of every response now decides whether its response keeps any.
        op.responses[0].examples.remove(0);
        let (pruned, _) = prune_op(&mut op);
        assert_eq!(pruned.removed, 11);
        assert!(pruned.shrunk.is_some_and(|shrunk| shrunk > 0), "{pruned:?}");
        // Sizes that do not match the walk are not trusted.
        let mut op = busy();
        let mut rendered = operation_with(&op, Examples::Deferred);
        let mut sizes = example_sizes(&op);
        sizes.push(1);
        let pruned = prune(&mut op, &mut rendered, &|v, _| big(v, None), &mut sizes);
        assert_eq!(pruned.shrunk, None);
    }

    #[test]
    fn a_document_body_keeps_no_written_examples_but_its_schema_does() {
        let mut op = Operation::new("Doc", Method::Put, "/doc");
        let content = BodyContent::Document {
            schema: Some(with_example(Schema::of(SchemaType::Object), json!("big s"))),
            examples: vec![example(json!("big e")), example(json!("small"))],
        };
        op.body = Some(body(content.clone(), None));
        let (pruned, rendered) = prune_op(&mut op);
        assert_eq!(
            pruned,
            Pruned {
                removed: 2,
                exact: true,
                shrunk: Some(",\"example\":null".len())
            }
        );
        assert_eq!(rendered, render(&op));
        let mut shared = Operation::new("Shared", Method::Put, "/doc");
        shared.body = Some(body(content, Some("Doc")));
        let (pruned, rendered) = prune_op(&mut shared);
        assert_eq!(
            pruned,
            Pruned {
                removed: 2,
                exact: true,
                shrunk: Some(0)
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
                op.parameters[0].schema.edit_keywords(|k| {
                    k.extensions.insert("example".into(), json!("ext"));
                });
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
            let (pruned, _) = prune_op(&mut op);
            assert_eq!(
                pruned,
                Pruned {
                    removed: 12,
                    exact: false,
                    shrunk: None
                }
            );
        }
    }

    #[test]
    fn responses_sharing_a_status_make_the_edit_inexact() {
        let mut op = busy();
        op.responses[2].status = Status::Code(200);
        let (pruned, _) = prune_op(&mut op);
        assert_eq!(
            pruned,
            Pruned {
                removed: 12,
                exact: false,
                shrunk: None
            }
        );
    }

    #[test]
    fn deferred_examples_are_those_rendering_leaves_as_placeholders() {
        let mut op = busy();
        op.responses[0].examples.insert(0, example(json!("first")));
        let mut seen = Vec::new();
        deferred(&op, |v| seen.push(v.clone()));
        let expected = [
            "big q",
            "big q schema",
            "big a",
            "small",
            "big all",
            "big f",
            "first",
            "big r",
            "big only",
            "first",
        ];
        assert_eq!(seen, expected.map(Value::from));
        let mut rendered = operation_with(&op, Examples::Deferred);
        let nulls = serde_json::to_string(&rendered)
            .unwrap()
            .matches("null")
            .count();
        assert_eq!(nulls, expected.len());
        assert!(fill(&mut op, &mut rendered));
        assert_eq!(rendered, render(&op));
    }

    #[test]
    fn prunes_a_named_schema() {
        let mut s = Schema::of(SchemaType::Object);
        s.properties
            .insert("p".into(), with_example(Schema::default(), json!("big p")));
        s.example = Some(json!("big"));
        let mut rendered = super::super::schema::schema(&s);
        let pruned = prune_schema(&mut s, &mut rendered, &big);
        assert_eq!(
            pruned,
            Pruned {
                removed: 2,
                exact: true,
                shrunk: None
            }
        );
        assert_eq!(rendered, super::super::schema::schema(&s));
    }
}
