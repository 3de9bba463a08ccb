//! The merge's view of `paths`: operations keyed by operationId instead of by path and
//! method, so that an operation the source moved to a new path keeps the maker's edits.
//!
//! `paths` becomes `{"operations": {<id>: {"path", "method", "operation"}}, "pathItems":
//! {<path>: <path item without its operations>}}` for the merge and is rebuilt afterwards in
//! the existing connector's order.

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use crate::diff::operations::METHODS;

/// The members of the virtual `paths` object.
pub(crate) const OPERATIONS: &str = "operations";
pub(crate) const PATH_ITEMS: &str = "pathItems";
/// The members of one virtual operation entry.
pub(crate) const OPERATION: &str = "operation";

/// `definition` with `paths` in the merge's view; unchanged when it has no `paths` object.
pub(crate) fn virtualize(definition: &Value) -> Value {
    let mut out = definition.clone();
    let Some(paths) = definition.get("paths").and_then(Value::as_object) else {
        return out;
    };
    let mut operations = Map::new();
    let mut items = Map::new();
    for (path, item) in paths {
        let Some(members) = item.as_object() else {
            items.insert(path.clone(), item.clone());
            continue;
        };
        let mut rest = Map::new();
        for (name, value) in members {
            if !METHODS.contains(&name.as_str()) || !value.is_object() {
                rest.insert(name.clone(), value.clone());
                continue;
            }
            let route = format!("{} {path}", name.to_uppercase());
            let mut key = value
                .get("operationId")
                .and_then(Value::as_str)
                .map_or_else(|| route.clone(), str::to_owned);
            if operations.contains_key(&key) {
                key = format!("{key} ({route})");
            }
            operations.insert(key, json!({"path": path, "method": name, OPERATION: value}));
        }
        items.insert(path.clone(), Value::Object(rest));
    }
    if let Some(root) = out.as_object_mut() {
        root.insert(
            "paths".to_owned(),
            json!({OPERATIONS: operations, PATH_ITEMS: items}),
        );
    }
    out
}

/// Where a virtual operation entry sits: `(path, method)`.
pub(crate) fn route(entry: &Value) -> Option<(&str, &str)> {
    Some((entry.get("path")?.as_str()?, entry.get("method")?.as_str()?))
}

fn operations_mut(definition: &mut Value) -> Option<&mut Map<String, Value>> {
    definition
        .get_mut("paths")?
        .get_mut(OPERATIONS)?
        .as_object_mut()
}

/// When the source renamed an operation (same path and method, new operationId), re-keys
/// the existing connector's and the base's entry to the new id, so the rename merges as a
/// change of `operationId` instead of a removal and an addition. Each side is aligned on its
/// own: after one update the existing connector has the new id while the base may still have
/// the old one. Returns the renames, old key first.
pub(crate) fn align_renames(
    base: Option<&mut Value>,
    ours: &mut Value,
    theirs: &Value,
) -> Vec<(String, String)> {
    let Some(theirs_ops) = theirs
        .get("paths")
        .and_then(|p| p.get(OPERATIONS))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    let mut renames = Vec::new();
    for side in std::iter::once(ours).chain(base) {
        let Some(ops) = operations_mut(side) else {
            continue;
        };
        let found = renamed(ops, theirs_ops);
        rekey(ops, &found);
        for rename in found {
            if !renames.contains(&rename) {
                renames.push(rename);
            }
        }
    }
    renames
}

/// The keys of `ops` the source renamed: gone from `theirs`, whose operation at the same
/// path and method has a key `ops` does not have.
fn renamed(ops: &Map<String, Value>, theirs: &Map<String, Value>) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (key, entry) in ops {
        if theirs.contains_key(key) {
            continue;
        }
        let new_key = theirs.iter().find(|(k, e)| {
            !ops.contains_key(k.as_str()) && route(e).is_some() && route(e) == route(entry)
        });
        if let Some((new_key, _)) = new_key {
            found.push((key.clone(), new_key.clone()));
        }
    }
    found
}

/// Renames keys in place, keeping their position.
fn rekey(map: &mut Map<String, Value>, renames: &[(String, String)]) {
    let old = std::mem::take(map);
    for (key, value) in old {
        let key = renames
            .iter()
            .find(|(from, _)| *from == key)
            .map_or(key, |(_, to)| to.clone());
        map.insert(key, value);
    }
}

/// Rebuilds a real `paths` object from the merge's view. Path order follows the merged path
/// items (the existing connector's order, then new paths); within a path item, members keep
/// the existing connector's order (`ours_paths`) and new ones follow.
pub(crate) fn devirtualize(merged: &mut Value, ours_paths: Option<&Value>) {
    let Some(paths) = merged.get("paths") else {
        return;
    };
    let (Some(operations), Some(items)) = (
        paths.get(OPERATIONS).and_then(Value::as_object),
        paths.get(PATH_ITEMS).and_then(Value::as_object),
    ) else {
        return;
    };
    let mut rebuilt: IndexMap<String, Value> = items
        .iter()
        .map(|(path, item)| (path.clone(), item.clone()))
        .collect();
    for entry in operations.values() {
        let (Some((path, method)), Some(operation)) = (route(entry), entry.get(OPERATION)) else {
            continue;
        };
        let item = rebuilt
            .entry(path.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(item) = item.as_object_mut() {
            item.insert(method.to_owned(), operation.clone());
        }
    }
    let mut out = Map::new();
    for (path, item) in rebuilt {
        let order = ours_paths
            .and_then(|p| p.get(&path))
            .and_then(Value::as_object);
        let item = match (item, order) {
            (Value::Object(members), Some(order)) => Value::Object(reorder(members, order)),
            (item, _) => item,
        };
        out.insert(path, item);
    }
    if let Some(root) = merged.as_object_mut() {
        root.insert("paths".to_owned(), Value::Object(out));
    }
}

/// `members` with the keys `order` has first, in its order, then the others as they were.
fn reorder(mut members: Map<String, Value>, order: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for key in order.keys() {
        if let Some(value) = members.shift_remove(key) {
            out.insert(key.clone(), value);
        }
    }
    out.extend(members);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_paths_in_order() {
        let definition = json!({"swagger": "2.0", "paths": {
            "/b": {"parameters": [], "post": {"operationId": "B"}, "get": {"operationId": "A"}},
            "/a": {"get": {}}
        }, "definitions": {}});
        let mut virtual_form = virtualize(&definition);
        assert!(virtual_form["paths"][OPERATIONS].get("GET /a").is_some());
        devirtualize(&mut virtual_form, definition.get("paths"));
        assert_eq!(
            serde_json::to_string(&virtual_form).unwrap(),
            serde_json::to_string(&definition).unwrap()
        );
    }
}
