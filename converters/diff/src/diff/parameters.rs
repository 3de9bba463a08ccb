//! Operation parameters, matched by `(in, name)` after following `#/parameters/` references.
//!
//! Path-level parameters apply to every operation of the path; an operation-level parameter
//! with the same `(in, name)` replaces one, as Swagger 2.0 says.

use indexmap::IndexMap;
use serde_json::{json, Value};

use crate::change::Class;
use crate::pointer;

use super::rules::Direction;
use super::schema::{self, At, Seen};
use super::{Differ, Loc};

/// One effective parameter of an operation.
pub(crate) struct Param<'v> {
    pub value: &'v Value,
    pub pointer: String,
}

/// The effective parameters of an operation, keyed `in:name`, path-level ones first.
pub(crate) fn collect<'v>(
    root: &'v Value,
    path_item: &'v Value,
    path_item_ptr: &str,
    operation: &'v Value,
    operation_ptr: &str,
) -> IndexMap<String, Param<'v>> {
    let mut params = IndexMap::new();
    for (owner, owner_ptr) in [(path_item, path_item_ptr), (operation, operation_ptr)] {
        let Some(list) = owner.get("parameters").and_then(Value::as_array) else {
            continue;
        };
        for (index, raw) in list.iter().enumerate() {
            let at = pointer::push(&pointer::push(owner_ptr, "parameters"), &index.to_string());
            let (value, at, _) = schema::resolve(root, raw, &at);
            params.insert(key(value, raw, index), Param { value, pointer: at });
        }
    }
    params
}

/// `in:name`, or the unresolved reference, or the position for a malformed entry.
fn key(value: &Value, raw: &Value, index: usize) -> String {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    match (text(value, "in"), text(value, "name")) {
        (Some(location), Some(name)) => format!("{location}:{name}"),
        _ => text(raw, "$ref").unwrap_or_else(|| format!("#{index}")),
    }
}

fn is_true(value: &Value, name: &str) -> bool {
    value.get(name).and_then(Value::as_bool) == Some(true)
}

/// Compares the parameters of a matched operation pair.
pub(crate) fn compare(
    d: &mut Differ<'_>,
    operation: &Loc,
    old: &IndexMap<String, Param<'_>>,
    new: &IndexMap<String, Param<'_>>,
) {
    let name = |p: &Param<'_>| {
        p.value
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let location = |p: &Param<'_>| p.value.get("in").cloned();
    let mut moved_to: Vec<&str> = Vec::new();
    for (key, o) in old {
        let label = format!("parameter {key}");
        match new.get(key) {
            Some(n) => fields(
                d,
                &operation.at(&label, o.pointer.clone(), n.pointer.clone()),
                o,
                n,
            ),
            None => {
                let moved = new.iter().find(|(k, n)| {
                    !old.contains_key(k.as_str()) && name(n).is_some() && name(n) == name(o)
                });
                if let Some((new_key, n)) = moved {
                    moved_to.push(new_key);
                    let loc = operation.at(
                        &format!("parameter {new_key}"),
                        pointer::push(&o.pointer, "in"),
                        pointer::push(&n.pointer, "in"),
                    );
                    d.record(
                        &loc,
                        Class::Breaking,
                        format!("moved from {key}: the value is sent in a different place"),
                        location(o).as_ref(),
                        location(n).as_ref(),
                    );
                } else {
                    let loc = operation.at(&label, o.pointer.clone(), String::new());
                    d.record(
                        &loc,
                        Class::Breaking,
                        "removed: flows that set it fail or lose the value",
                        Some(o.value),
                        None,
                    );
                }
            }
        }
    }
    for (key, n) in new {
        if old.contains_key(key) || moved_to.contains(&key.as_str()) {
            continue;
        }
        // A default does not save existing flows: the designer writes it into an action only
        // when the action is added or edited, so flows saved before still omit the parameter
        // (oasdiff, too, treats a new required property with a default as breaking).
        let has_default = n.value.get("default").is_some();
        let (class, reason) = match (is_true(n.value, "required"), has_default) {
            (true, false) => (
                Class::Breaking,
                "new required parameter: existing flows do not set it",
            ),
            (true, true) => (
                Class::Breaking,
                "new required parameter: flows saved before it omit it, the default is only filled in when an action is edited",
            ),
            _ => (Class::NonBreaking, "new optional parameter"),
        };
        let loc = operation.at(
            &format!("parameter {key}"),
            String::new(),
            n.pointer.clone(),
        );
        d.record(&loc, class, reason, None, Some(n.value));
    }
}

/// Compares one parameter present on both sides.
fn fields(d: &mut Differ<'_>, loc: &Loc, old: &Param<'_>, new: &Param<'_>) {
    if d.same(old.value, new.value) {
        return;
    }
    let (was, is) = (
        is_true(old.value, "required"),
        is_true(new.value, "required"),
    );
    if was != is {
        let (class, reason) = if is {
            (
                Class::Breaking,
                "now required: existing flows that leave it empty fail",
            )
        } else {
            (Class::NonBreaking, "no longer required")
        };
        d.record(
            &loc.member("required", "required"),
            class,
            reason,
            Some(&json!(was)),
            Some(&json!(is)),
        );
    }
    let mut seen = Seen::new();
    if let (Some(o), Some(n)) = (old.value.get("schema"), new.value.get("schema")) {
        let at = At::root(
            &loc.key,
            pointer::push(&old.pointer, "schema"),
            pointer::push(&new.pointer, "schema"),
        );
        schema::compare(d, &at, o, n, Direction::Request, &mut seen);
    }
    let at = At::root(&loc.key, old.pointer.clone(), new.pointer.clone());
    let skip: &[&str] = if old.value.get("schema").is_some() && new.value.get("schema").is_some() {
        &["name", "in", "required", "schema"]
    } else {
        &["name", "in", "required"]
    };
    schema::fields(
        d,
        &at,
        old.value,
        new.value,
        Direction::Request,
        &mut seen,
        skip,
    );
}
