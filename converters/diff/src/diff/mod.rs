//! The semantic diff: walks both connectors by identity and classifies every difference.
//!
//! Operations are matched by operationId (then by method and path, which makes a rename),
//! parameters by `(in, name)` after following `#/parameters/` references, schemas by property
//! name after following `#/definitions/` references, everything in `apiProperties.json` by
//! name. Equal subtrees are skipped whole, so a connector compared with itself yields nothing.

mod document;
pub(crate) mod operations;
mod parameters;
mod properties;
pub(crate) mod rules;
mod schema;

use std::collections::HashSet;

use serde_json::Value;

use crate::change::{Change, ChangeKind, Class};
use crate::connector::{Connector, File};
use crate::pointer;

/// Every semantic difference between `old` and `new`, sorted by key (then by kind), so the
/// same two connectors always give the same list.
pub fn diff(old: &Connector, new: &Connector) -> Vec<Change> {
    let mut definition = Differ::new(File::Definition, &old.definition, &new.definition);
    document::compare(&mut definition);
    operations::compare(&mut definition);
    let mut props = Differ::new(File::Properties, &old.properties, &new.properties);
    properties::compare(&mut props);
    let mut changes = definition.changes;
    changes.extend(props.changes);
    changes.sort_by(|a, b| a.key.cmp(&b.key).then(a.kind.cmp(&b.kind)));
    changes
}

/// Where the walk is: the key so far and the pointer into each document.
#[derive(Clone, Debug)]
pub(crate) struct Loc {
    pub key: String,
    pub old: String,
    pub new: String,
}

impl Loc {
    /// A location named `key` at the same pointer in both documents.
    pub fn new(key: impl Into<String>, pointer: &str) -> Self {
        Loc {
            key: key.into(),
            old: pointer.to_owned(),
            new: pointer.to_owned(),
        }
    }

    /// The member `token` of this location, named `label` in the key.
    pub fn member(&self, label: &str, token: &str) -> Self {
        Loc {
            key: join(&self.key, label),
            old: pointer::push(&self.old, token),
            new: pointer::push(&self.new, token),
        }
    }

    /// A child whose key is extended by `label` and whose pointers are given.
    pub fn at(&self, label: &str, old: String, new: String) -> Self {
        Loc {
            key: join(&self.key, label),
            old,
            new,
        }
    }
}

fn join(key: &str, label: &str) -> String {
    if label.is_empty() {
        key.to_owned()
    } else if key.is_empty() {
        label.to_owned()
    } else {
        format!("{key} / {label}")
    }
}

/// Collects the changes found in one file of the pair.
pub(crate) struct Differ<'a> {
    pub file: File,
    pub old: &'a Value,
    pub new: &'a Value,
    pub changes: Vec<Change>,
    /// Whether the shared parts that references point to (`definitions`, `parameters`,
    /// `responses`) are equal; only then are two equal-looking subtrees surely equal.
    shared_equal: bool,
    /// Pairs of referenced schemas known to compare without a change.
    pub quiet: HashSet<(String, String)>,
    /// How many times the cycle guard cut a comparison short; a pair compared while it
    /// did is not known to be quiet.
    pub cut: usize,
}

impl<'a> Differ<'a> {
    fn new(file: File, old: &'a Value, new: &'a Value) -> Self {
        let shared = |name: &str| old.get(name) == new.get(name);
        Differ {
            file,
            old,
            new,
            changes: Vec::new(),
            shared_equal: shared("definitions") && shared("parameters") && shared("responses"),
            quiet: HashSet::new(),
            cut: 0,
        }
    }

    /// Whether two subtrees are surely equal: textually equal, and every reference in them
    /// points to equal targets.
    pub fn same(&self, old: &Value, new: &Value) -> bool {
        self.shared_equal && equal(old, new)
    }

    /// Records a change at `loc`; the side that is `None` is absent.
    pub fn record(
        &mut self,
        loc: &Loc,
        class: Class,
        reason: impl Into<String>,
        old: Option<&Value>,
        new: Option<&Value>,
    ) {
        let kind = match (old, new) {
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            _ => ChangeKind::Modified,
        };
        self.record_kind(loc, kind, class, reason, old, new);
    }

    /// Records a change of an explicit kind (used for renames).
    pub fn record_kind(
        &mut self,
        loc: &Loc,
        kind: ChangeKind,
        class: Class,
        reason: impl Into<String>,
        old: Option<&Value>,
        new: Option<&Value>,
    ) {
        self.changes.push(Change {
            kind,
            class,
            key: loc.key.clone(),
            reason: reason.into(),
            file: self.file,
            old_pointer: old.map(|_| loc.old.clone()),
            new_pointer: new.map(|_| loc.new.clone()),
            old: old.cloned(),
            new: new.cloned(),
        });
    }

    /// Compares the members of two objects that no specific rule handles, one change per
    /// member, classed by [`rules::member_class`].
    pub fn other_members(&mut self, loc: &Loc, old: &Value, new: &Value, handled: &[&str]) {
        for name in union_keys(old, new) {
            if handled.contains(&name) {
                continue;
            }
            let (o, n) = (old.get(name), new.get(name));
            if o != n {
                let (class, reason) = rules::member_class(name);
                self.record(&loc.member(name, name), class, reason, o, n);
            }
        }
    }
}

/// `old == new`, faster when objects list their members in the same order, as two versions
/// of one connector do: members are paired by position, and looked up by name (hashing the
/// name, which is what `==` does for every member) only from the first position where the
/// names differ.
pub(crate) fn equal(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            if o.len() != n.len() {
                return false;
            }
            for (at, ((ok, ov), (nk, nv))) in o.iter().zip(n).enumerate() {
                if ok != nk {
                    // Names are unique, so those before `at` cannot match anything from here.
                    return o
                        .iter()
                        .skip(at)
                        .all(|(k, ov)| n.get(k).is_some_and(|nv| equal(ov, nv)));
                }
                if !equal(ov, nv) {
                    return false;
                }
            }
            true
        }
        (Value::Array(o), Value::Array(n)) => {
            o.len() == n.len() && o.iter().zip(n).all(|(ov, nv)| equal(ov, nv))
        }
        _ => old == new,
    }
}

/// The member names of two objects: the old order, then names only the new one has.
pub(crate) fn union_keys<'v>(old: &'v Value, new: &'v Value) -> Vec<&'v str> {
    let mut keys: Vec<&str> = old
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    if let Some(n) = new.as_object() {
        for key in n.keys() {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
    }
    keys
}

/// A compact, one-line JSON form of a value for reasons and reports.
pub(crate) fn compact(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map};

    use super::*;

    /// The same members in reverse order, at every depth.
    fn reversed(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .rev()
                    .map(|(k, v)| (k.clone(), reversed(v)))
                    .collect::<Map<_, _>>(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
            other => other.clone(),
        }
    }

    #[test]
    fn equal_is_json_equality_whatever_the_member_order() {
        let a = json!({"x": 1, "y": [1, {"p": null, "q": "s"}], "z": {"k": true, "l": 2.5}});
        let changed = [
            json!({"x": 1, "y": [1, {"p": null, "q": "t"}], "z": {"k": true, "l": 2.5}}),
            json!({"x": 1.0, "y": [1, {"p": null, "q": "s"}], "z": {"k": true, "l": 2.5}}),
            json!({"x": 1, "y": [1, {"p": null}], "z": {"k": true, "l": 2.5}}),
            json!({"x": 1, "y": [{"p": null, "q": "s"}, 1], "z": {"k": true, "l": 2.5}}),
            json!({"x": 1, "y": [1, {"p": null, "q": "s"}], "z": {"k": true, "m": 2.5}}),
            json!({"x": 1, "y": [1, {"p": null, "q": "s"}], "w": {"k": true, "l": 2.5}}),
            json!({"x": 1, "y": [1, {"p": null, "q": "s"}]}),
            json!([1]),
        ];
        let mut with_first_moved = a.as_object().unwrap().clone();
        with_first_moved.shift_remove("x");
        with_first_moved.insert("x".to_owned(), json!(1));
        let with_first_moved = Value::Object(with_first_moved);
        for same in [a.clone(), reversed(&a), with_first_moved] {
            assert!(a == same && equal(&a, &same) && equal(&same, &a), "{same}");
        }
        for other in &changed {
            for other in [other.clone(), reversed(other)] {
                assert!(a != other, "{other}");
                assert!(!equal(&a, &other) && !equal(&other, &a), "{other}");
            }
        }
    }
}
