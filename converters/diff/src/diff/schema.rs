//! Schema comparison, direction-aware, following `#/definitions/` references.
//!
//! Changes inside a shared definition are reported once per operation that uses it, under
//! that operation's key, because what matters is which apps and flows break. A stack of
//! (old, new) definition pairs being compared stops recursive definitions.

use serde_json::Value;

use crate::change::Class;
use crate::pointer;

use super::rules::{self, Direction};
use super::{compact, union_keys, Differ, Loc};

/// How many `$ref` hops are followed before a chain is treated as unresolvable.
const MAX_REF_HOPS: usize = 32;

/// A position inside a schema: the key of the schema's owner (`operation X / response 200`),
/// the property path below it (`items[].id`) and the pointer into each document.
#[derive(Clone, Debug)]
pub(crate) struct At {
    pub base: String,
    pub path: String,
    pub old: String,
    pub new: String,
}

impl At {
    /// The root of a schema owned by `base`.
    pub fn root(base: &str, old: String, new: String) -> Self {
        At {
            base: base.to_owned(),
            path: String::new(),
            old,
            new,
        }
    }

    /// The location of the schema itself, for changes of its keywords.
    pub fn loc(&self) -> Loc {
        let key = if self.path.is_empty() {
            self.base.clone()
        } else {
            format!("{} / property {}", self.base, self.path)
        };
        Loc {
            key,
            old: self.old.clone(),
            new: self.new.clone(),
        }
    }

    fn below(&self, step: &str, old: String, new: String) -> Self {
        let path = if self.path.is_empty() || step.starts_with('[') || step.starts_with('{') {
            format!("{}{step}", self.path)
        } else {
            format!("{}.{step}", self.path)
        };
        At {
            base: self.base.clone(),
            path,
            old,
            new,
        }
    }
}

/// The pairs of definitions currently being compared, innermost last.
pub(crate) type Seen = Vec<(String, String)>;

/// Compares two schemas found at `at`.
pub(crate) fn compare(
    d: &mut Differ<'_>,
    at: &At,
    old: &Value,
    new: &Value,
    direction: Direction,
    seen: &mut Seen,
) {
    let (old, old_ptr, old_followed) = resolve(d.old, old, &at.old);
    let (new, new_ptr, new_followed) = resolve(d.new, new, &at.new);
    if d.same(old, new) {
        return;
    }
    let followed = old_followed || new_followed;
    let pair = (old_ptr.clone(), new_ptr.clone());
    if followed {
        if d.quiet.contains(&pair) {
            return;
        }
        if seen.contains(&pair) {
            d.cut += 1;
            return;
        }
        seen.push(pair.clone());
    }
    let (changes, cut) = (d.changes.len(), d.cut);
    let at = At {
        old: old_ptr,
        new: new_ptr,
        ..at.clone()
    };
    fields(d, &at, old, new, direction, seen, &[]);
    if followed {
        seen.pop();
        if d.changes.len() == changes && d.cut == cut {
            d.quiet.insert(pair);
        }
    }
}

/// Follows local `$ref`s from `value`, returning the target, its pointer and whether a
/// reference was followed. An unresolvable reference is returned as is and compared as text.
pub(crate) fn resolve<'v>(
    root: &'v Value,
    value: &'v Value,
    at: &str,
) -> (&'v Value, String, bool) {
    let mut current = value;
    let mut pointer = at.to_owned();
    let mut followed = false;
    for _ in 0..MAX_REF_HOPS {
        let target = current
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(pointer::from_ref)
            .and_then(|p| root.pointer(p).map(|t| (p, t)));
        match target {
            Some((p, t)) => {
                current = t;
                pointer = p.to_owned();
                followed = true;
            }
            None => break,
        }
    }
    (current, pointer, followed)
}

/// Compares the keywords of two schema-like objects (schemas, non-body parameters, response
/// headers), skipping the names in `skip`.
pub(crate) fn fields(
    d: &mut Differ<'_>,
    at: &At,
    old: &Value,
    new: &Value,
    direction: Direction,
    seen: &mut Seen,
    skip: &[&str],
) {
    let mut properties_done = false;
    for name in union_keys(old, new) {
        if skip.contains(&name) {
            continue;
        }
        let (o, n) = (old.get(name), new.get(name));
        let may_hide_references = matches!(name, "properties" | "items" | "additionalProperties");
        if o == n && (!may_hide_references || o.zip(n).is_some_and(|(o, n)| d.same(o, n))) {
            continue;
        }
        let loc = at.loc().member(name, name);
        let (class, reason) = match name {
            "properties" | "required" => {
                if !properties_done {
                    properties_done = true;
                    properties(d, at, old, new, direction, seen);
                }
                continue;
            }
            "items" | "additionalProperties"
                if o.is_some_and(Value::is_object) && n.is_some_and(Value::is_object) =>
            {
                let step = if name == "items" { "[]" } else { "{}" };
                let below = at.below(
                    step,
                    pointer::push(&at.old, name),
                    pointer::push(&at.new, name),
                );
                if let (Some(o), Some(n)) = (o, n) {
                    compare(d, &below, o, n, direction, seen);
                }
                continue;
            }
            "type" => rules::schema_type(o, n, direction),
            "format" => (
                Class::Breaking,
                format!(
                    "format changed from {} to {}: values are read differently",
                    o.map(compact).unwrap_or_else(|| "none".to_owned()),
                    n.map(compact).unwrap_or_else(|| "none".to_owned())
                ),
            ),
            "items" => (Class::Breaking, "array items changed shape".to_owned()),
            "enum" => rules::enumeration(o, n, direction),
            "x-ms-visibility" => rules::visibility(o, n),
            "default" => (
                Class::NonBreaking,
                "default changed: flows that leave it empty get a different value".to_owned(),
            ),
            "collectionFormat" => (
                Class::Breaking,
                "array values are sent in a different format".to_owned(),
            ),
            "allOf" | "anyOf" | "oneOf" => (
                Class::Breaking,
                "schema composition changed: the combined shape may differ".to_owned(),
            ),
            c if rules::is_constraint(c) => rules::constraint(c, o, n, direction),
            other => {
                let (class, reason) = rules::member_class(other);
                (class, reason.to_owned())
            }
        };
        d.record(&loc, class, reason, o, n);
    }
}

/// Property additions, removals and `required` changes, judged by direction, then each
/// common property compared in turn.
fn properties(
    d: &mut Differ<'_>,
    at: &At,
    old: &Value,
    new: &Value,
    direction: Direction,
    seen: &mut Seen,
) {
    let empty = Value::Null;
    let old_props = old.get("properties").unwrap_or(&empty);
    let new_props = new.get("properties").unwrap_or(&empty);
    let required = |schema: &Value, name: &str| {
        schema
            .get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|v| v.as_str() == Some(name)))
    };
    for name in union_keys(old_props, new_props) {
        let (o, n) = (old_props.get(name), new_props.get(name));
        let old_ptr = pointer::push(&pointer::push(&at.old, "properties"), name);
        let new_ptr = pointer::push(&pointer::push(&at.new, "properties"), name);
        let child = at.below(name, old_ptr, new_ptr);
        match (o, n) {
            (Some(_), None) => {
                let reason = match direction {
                    Direction::Request => "removed: flows that set it lose the field",
                    Direction::Response => "removed from the output: flows that read it break",
                };
                d.record(&child.loc(), Class::Breaking, reason, o, None);
            }
            (None, Some(_)) => {
                let (class, reason) = match direction {
                    Direction::Request if required(new, name) => (
                        Class::Breaking,
                        "new required property: requests from existing flows lack it",
                    ),
                    Direction::Request => (Class::NonBreaking, "new optional property"),
                    Direction::Response => (Class::NonBreaking, "new output property"),
                };
                d.record(&child.loc(), class, reason, None, n);
            }
            (Some(o), Some(n)) => {
                let (was, is) = (required(old, name), required(new, name));
                if was != is {
                    let (class, reason) = match (direction, is) {
                        (Direction::Request, true) => (
                            Class::Breaking,
                            "now required: existing flows may not send it",
                        ),
                        (Direction::Request, false) => (Class::NonBreaking, "no longer required"),
                        (Direction::Response, false) => (
                            Class::Breaking,
                            "no longer always returned: flows that read it may get nothing",
                        ),
                        (Direction::Response, true) => (Class::NonBreaking, "now always returned"),
                    };
                    let loc = Loc {
                        key: format!("{} / required", child.loc().key),
                        old: pointer::push(&at.old, "required"),
                        new: pointer::push(&at.new, "required"),
                    };
                    d.record(
                        &loc,
                        class,
                        reason,
                        Some(&Value::Bool(was)),
                        Some(&Value::Bool(is)),
                    );
                }
                compare(d, &child, o, n, direction, seen);
            }
            (None, None) => {}
        }
    }
}
