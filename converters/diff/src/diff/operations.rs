//! Operations: matched by operationId, renames found by method and path, then compared
//! member by member (parameters, responses, trigger and visibility extensions).

use serde_json::{json, Value};

use crate::change::{ChangeKind, Class};
use crate::pointer;

use super::rules::{self, Direction};
use super::schema::{self, At, Seen};
use super::{parameters, union_keys, Differ, Loc};

/// The HTTP methods a Swagger 2.0 path item can hold, in the order the spec lists them.
pub(crate) const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// The webhook payload of a trigger, on its path item.
const NOTIFICATION: &str = "x-ms-notification-content";

/// One operation of a definition.
pub(crate) struct Op<'v> {
    /// operationId, or `METHOD path` when there is none; unique within the document.
    pub key: String,
    pub method: &'v str,
    pub path: &'v str,
    pub value: &'v Value,
    pub pointer: String,
    pub item: &'v Value,
    pub item_pointer: String,
}

impl Op<'_> {
    fn route(&self) -> String {
        format!("{} {}", self.method.to_uppercase(), self.path)
    }

    fn is_trigger(&self) -> bool {
        self.value.get("x-ms-trigger").is_some()
    }
}

/// Every operation of a definition, in document order.
pub(crate) fn collect(root: &Value) -> Vec<Op<'_>> {
    let mut ops: Vec<Op<'_>> = Vec::new();
    let Some(paths) = root.get("paths").and_then(Value::as_object) else {
        return ops;
    };
    for (path, item) in paths {
        let item_pointer = pointer::push("/paths", path);
        let Some(methods) = item.as_object() else {
            continue;
        };
        for (method, value) in methods {
            if !METHODS.contains(&method.as_str()) || !value.is_object() {
                continue;
            }
            let route = format!("{} {path}", method.to_uppercase());
            let mut key = value
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| route.clone());
            if ops.iter().any(|o| o.key == key) {
                key = format!("{key} ({route})");
            }
            ops.push(Op {
                key,
                method,
                path,
                value,
                pointer: pointer::push(&item_pointer, method),
                item,
                item_pointer: item_pointer.clone(),
            });
        }
    }
    ops
}

/// Compares the operations of the two definitions.
pub(crate) fn compare(d: &mut Differ<'_>) {
    let (old_root, new_root) = (d.old, d.new);
    let old = collect(old_root);
    let new = collect(new_root);
    let mut matched_new = vec![false; new.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut unmatched_old: Vec<usize> = Vec::new();
    for (i, o) in old.iter().enumerate() {
        match new.iter().position(|n| n.key == o.key) {
            Some(j) => {
                matched_new[j] = true;
                pairs.push((i, j));
            }
            None => unmatched_old.push(i),
        }
    }
    for i in unmatched_old {
        let o = &old[i];
        let renamed = new
            .iter()
            .enumerate()
            .position(|(j, n)| !matched_new[j] && n.method == o.method && n.path == o.path);
        match renamed {
            Some(j) => {
                matched_new[j] = true;
                let n = &new[j];
                let loc = Loc {
                    key: format!("operation {}", o.key),
                    old: pointer::push(&o.pointer, "operationId"),
                    new: pointer::push(&n.pointer, "operationId"),
                };
                d.record_kind(
                    &loc,
                    ChangeKind::Renamed,
                    Class::Breaking,
                    format!(
                        "operationId renamed to {}: apps and flows refer to operations by operationId",
                        n.key
                    ),
                    Some(&json!(o.key)),
                    Some(&json!(n.key)),
                );
                pairs.push((i, j));
            }
            None => {
                let loc = Loc {
                    key: format!("operation {}", o.key),
                    old: o.pointer.clone(),
                    new: String::new(),
                };
                let reason = if o.is_trigger() {
                    "trigger removed: flows that start with it stop"
                } else {
                    "removed: apps and flows that call it fail"
                };
                d.record(&loc, Class::Breaking, reason, Some(o.value), None);
            }
        }
    }
    for (j, n) in new.iter().enumerate() {
        if matched_new[j] {
            continue;
        }
        let loc = Loc {
            key: format!("operation {}", n.key),
            old: String::new(),
            new: n.pointer.clone(),
        };
        let reason = if n.is_trigger() {
            "new trigger"
        } else {
            "new operation"
        };
        d.record(&loc, Class::NonBreaking, reason, None, Some(n.value));
    }
    for (i, j) in pairs {
        operation(d, old_root, new_root, &old[i], &new[j]);
    }
}

/// Whether nothing in a matched pair can differ: the same route, operation and path-level
/// parameters and payload. Most operations of two versions of a connector are unchanged, and
/// one comparison of the whole operation costs less than walking its parts.
fn unchanged(d: &Differ<'_>, o: &Op<'_>, n: &Op<'_>) -> bool {
    let same_in_item = |name: &str| {
        let (ov, nv) = (o.item.get(name), n.item.get(name));
        ov.zip(nv)
            .map_or(ov.is_none() && nv.is_none(), |(ov, nv)| d.same(ov, nv))
    };
    o.method == n.method
        && o.path == n.path
        && d.same(o.value, n.value)
        && same_in_item("parameters")
        && same_in_item(NOTIFICATION)
}

/// Compares one matched operation pair.
fn operation(d: &mut Differ<'_>, old_root: &Value, new_root: &Value, o: &Op<'_>, n: &Op<'_>) {
    if unchanged(d, o, n) {
        return;
    }
    let loc = Loc {
        key: format!("operation {}", n.key),
        old: o.pointer.clone(),
        new: n.pointer.clone(),
    };
    if o.route() != n.route() {
        d.record(
            &loc.at("route", o.pointer.clone(), n.pointer.clone()),
            Class::NonBreaking,
            "now sent to a different method or path; flows call it by operationId",
            Some(&json!(o.route())),
            Some(&json!(n.route())),
        );
    }
    let old_params = parameters::collect(old_root, o.item, &o.item_pointer, o.value, &o.pointer);
    let new_params = parameters::collect(new_root, n.item, &n.item_pointer, n.value, &n.pointer);
    parameters::compare(d, &loc, &old_params, &new_params);
    responses(d, &loc, o.value, n.value);
    if o.is_trigger() || n.is_trigger() {
        notification(d, &loc, o, n);
    }
    for name in union_keys(o.value, n.value) {
        let (ov, nv) = (o.value.get(name), n.value.get(name));
        if ov == nv || matches!(name, "operationId" | "parameters" | "responses") {
            continue;
        }
        let (class, reason) = match name {
            "x-ms-visibility" => rules::visibility(ov, nv),
            "x-ms-trigger" => (
                Class::Breaking,
                match (ov, nv) {
                    (None, Some(_)) => "now a trigger: flows that use it as an action break",
                    (Some(_), None) => "no longer a trigger: flows that start with it break",
                    _ => "trigger output changes between one item and a batch",
                }
                .to_owned(),
            ),
            "deprecated" => (
                Class::NonBreaking,
                "deprecation changed; existing flows keep working".to_owned(),
            ),
            "consumes" if removes_items(ov, nv) => (
                Class::Breaking,
                "a request media type is no longer accepted".to_owned(),
            ),
            "security" => (
                Class::Breaking,
                "the authentication this operation requires changed".to_owned(),
            ),
            other => {
                let (class, reason) = rules::member_class(other);
                (class, reason.to_owned())
            }
        };
        d.record(&loc.member(name, name), class, reason, ov, nv);
    }
}

/// Whether `new` lacks an item of the array `old`.
pub(crate) fn removes_items(old: Option<&Value>, new: Option<&Value>) -> bool {
    let items = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let new = items(new);
    items(old).iter().any(|v| !new.contains(v))
}

/// Compares responses by status code.
fn responses(d: &mut Differ<'_>, op: &Loc, old: &Value, new: &Value) {
    let empty = Value::Null;
    let (old_r, new_r) = (
        old.get("responses").unwrap_or(&empty),
        new.get("responses").unwrap_or(&empty),
    );
    if d.same(old_r, new_r) {
        return;
    }
    let old_at = pointer::push(&op.old, "responses");
    let new_at = pointer::push(&op.new, "responses");
    for code in union_keys(old_r, new_r) {
        let success = code.starts_with('2');
        let resolve = |root: &Value, r: &Value, at: &str| -> (Value, String) {
            let (v, p, _) = schema::resolve(root, r, &pointer::push(at, code));
            (v.clone(), p)
        };
        let label = format!("response {code}");
        match (old_r.get(code), new_r.get(code)) {
            (Some(o), None) => {
                let (o, p) = resolve(d.old, o, &old_at);
                let (class, reason) = if success {
                    (
                        Class::Breaking,
                        "success response removed: flows that read its outputs break",
                    )
                } else {
                    (Class::NonBreaking, "response no longer documented")
                };
                d.record(
                    &op.at(&label, p, String::new()),
                    class,
                    reason,
                    Some(&o),
                    None,
                );
            }
            (None, Some(n)) => {
                let (n, p) = resolve(d.new, n, &new_at);
                d.record(
                    &op.at(&label, String::new(), p),
                    Class::NonBreaking,
                    "new response",
                    None,
                    Some(&n),
                );
            }
            (Some(o), Some(n)) => {
                let (o, op_ptr) = resolve(d.old, o, &old_at);
                let (n, np_ptr) = resolve(d.new, n, &new_at);
                response(d, &op.at(&label, op_ptr, np_ptr), &o, &n, success);
            }
            (None, None) => {}
        }
    }
}

/// Compares one response present on both sides.
fn response(d: &mut Differ<'_>, loc: &Loc, old: &Value, new: &Value, success: bool) {
    if d.same(old, new) {
        return;
    }
    let mut seen = Seen::new();
    match (old.get("schema"), new.get("schema")) {
        (Some(o), Some(n)) => {
            let at = At::root(
                &loc.key,
                pointer::push(&loc.old, "schema"),
                pointer::push(&loc.new, "schema"),
            );
            schema::compare(d, &at, o, n, Direction::Response, &mut seen);
        }
        (Some(o), None) => d.record(
            &loc.member("schema", "schema"),
            Class::Breaking,
            "outputs no longer declared: flows that read them break",
            Some(o),
            None,
        ),
        (None, Some(n)) => d.record(
            &loc.member("schema", "schema"),
            Class::NonBreaking,
            "outputs now declared",
            None,
            Some(n),
        ),
        (None, None) => {}
    }
    let empty = Value::Null;
    let (oh, nh) = (
        old.get("headers").unwrap_or(&empty),
        new.get("headers").unwrap_or(&empty),
    );
    for name in union_keys(oh, nh) {
        let hloc = loc.at(
            &format!("header {name}"),
            pointer::push(&pointer::push(&loc.old, "headers"), name),
            pointer::push(&pointer::push(&loc.new, "headers"), name),
        );
        match (oh.get(name), nh.get(name)) {
            (Some(o), None) => {
                let class = if success {
                    Class::Breaking
                } else {
                    Class::NonBreaking
                };
                d.record(&hloc, class, "header no longer returned", Some(o), None);
            }
            (None, Some(n)) => {
                d.record(
                    &hloc,
                    Class::NonBreaking,
                    "new response header",
                    None,
                    Some(n),
                );
            }
            (Some(o), Some(n)) => {
                let at = At::root(&hloc.key, hloc.old.clone(), hloc.new.clone());
                schema::fields(d, &at, o, n, Direction::Response, &mut seen, &[]);
            }
            (None, None) => {}
        }
    }
    d.other_members(loc, old, new, &["schema", "headers"]);
}

/// The webhook payload (`x-ms-notification-content` on the path item) of a trigger: what
/// the flow reads when it starts.
fn notification(d: &mut Differ<'_>, op: &Loc, o: &Op<'_>, n: &Op<'_>) {
    let empty = Value::Null;
    let (ov, nv) = (
        o.item.get(NOTIFICATION).unwrap_or(&empty),
        n.item.get(NOTIFICATION).unwrap_or(&empty),
    );
    if d.same(ov, nv) {
        return;
    }
    let loc = op.at(
        "notification",
        pointer::push(&o.item_pointer, NOTIFICATION),
        pointer::push(&n.item_pointer, NOTIFICATION),
    );
    match (ov.get("schema"), nv.get("schema")) {
        (Some(os), Some(ns)) => {
            let at = At::root(
                &loc.key,
                pointer::push(&loc.old, "schema"),
                pointer::push(&loc.new, "schema"),
            );
            schema::compare(d, &at, os, ns, Direction::Response, &mut Seen::new());
            d.other_members(&loc, ov, nv, &["schema"]);
        }
        _ if ov == nv => {}
        _ => {
            let class = if ov.is_null() {
                Class::NonBreaking
            } else {
                Class::Breaking
            };
            let side = |v: &Value| if v.is_null() { None } else { Some(v.clone()) };
            d.record(
                &loc,
                class,
                "the trigger's payload description changed",
                side(ov).as_ref(),
                side(nv).as_ref(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::{diff, Connector};

    /// A trigger at `/hook` whose operation never changes; `item` adds path-level members.
    fn connector(item: serde_json::Value) -> Connector {
        let mut path = json!({"post": {"operationId": "OnEvent", "x-ms-trigger": "single",
            "responses": {"201": {"description": "created"}}}});
        path.as_object_mut()
            .unwrap()
            .extend(item.as_object().unwrap().clone());
        Connector::new(
            json!({"swagger": "2.0", "paths": {"/hook": path}}),
            json!({}),
        )
    }

    #[test]
    fn an_unchanged_operation_still_shows_path_level_changes() {
        let parameter = |required: bool| json!({"parameters": [{"name": "id", "in": "query", "type": "string", "required": required}]});
        let payload = |kind: &str| {
            json!({"x-ms-notification-content": {"schema": {"type": "object",
                "properties": {"id": {"type": kind}}}}})
        };
        let keys = |old: &Connector, new: &Connector| -> Vec<String> {
            diff(old, new).into_iter().map(|c| c.key).collect()
        };
        let (a, b) = (connector(parameter(false)), connector(parameter(true)));
        assert_eq!(keys(&a, &a), Vec::<String>::new());
        assert_eq!(
            keys(&a, &b),
            ["operation OnEvent / parameter query:id / required"]
        );
        let (a, b) = (connector(payload("string")), connector(payload("integer")));
        assert_eq!(
            keys(&a, &b),
            ["operation OnEvent / notification / property id / type"]
        );
        let moved = Connector::new(
            json!({"swagger": "2.0", "paths": {"/other": connector(json!({})).definition["paths"]["/hook"]}}),
            json!({}),
        );
        assert_eq!(
            keys(&connector(json!({})), &moved),
            ["operation OnEvent / route"]
        );
    }
}
