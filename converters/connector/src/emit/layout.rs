//! Re-applying an existing connector's spelling ([`Layout`]) to a definition written from the
//! IR, so that a connector read back renders exactly as it was: empty members, `false`
//! members, the body's position among the parameters, parameters inherited from the path item,
//! undeclared tags, members the file lacked, and members kept verbatim. Used in faithful mode
//! only.

use connectorize_ir::{Api, Body, BodyContent, Layout};
use serde_json::{Map, Value};

/// Applies `api.layout` to `definition`. What no longer fits (an operation that was removed or
/// renamed since) is skipped: the layout describes spelling, never content.
pub fn apply(api: &Api, definition: &mut Value) {
    let layout = &api.layout;
    if layout.is_empty() {
        drop_default_false(definition);
        return;
    }
    drop_default_false(definition);
    for op in &api.operations {
        let Some(parameters) = operation(definition, &op.path, op.method.as_lower())
            .and_then(|o| o.get_mut("parameters"))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        if let Some(&inherited) = layout.inherited_parameters.get(&op.id) {
            let n = inherited.min(parameters.len());
            parameters.drain(..n);
        }
        if let Some(&position) = layout.body_positions.get(&op.id) {
            let count = match &op.body {
                Some(body) if body.shared.is_some() => 1,
                Some(Body {
                    content: BodyContent::Form { fields },
                    ..
                }) => fields.len(),
                Some(_) => 1,
                None => 0,
            };
            move_body(parameters, position, count);
        }
        if parameters.is_empty() {
            if let Some(o) = operation(definition, &op.path, op.method.as_lower()) {
                o.remove("parameters");
            }
        }
    }
    undeclare_tags(layout, definition);
    // Members the file lacked although the writer gives them a value (basePath, info.version).
    for pointer in &layout.absent {
        remove(definition, pointer);
    }
    for pointer in &layout.false_members {
        insert(definition, pointer, Value::Bool(false), true);
    }
    for member in &layout.empty {
        let empty = if member.list {
            Value::Array(Vec::new())
        } else {
            Value::Object(Map::new())
        };
        insert(definition, &member.pointer, empty, false);
    }
    for (pointer, value) in &layout.verbatim {
        insert(definition, pointer, value.clone(), false);
    }
}

fn operation<'a>(
    definition: &'a mut Value,
    path: &str,
    method: &str,
) -> Option<&'a mut Map<String, Value>> {
    definition
        .get_mut("paths")?
        .get_mut(path)?
        .get_mut(method)?
        .as_object_mut()
}

/// The emitter writes `"required": false` on every parameter; a faithful rendering writes it
/// only where the file had it ([`Layout::false_members`]).
fn drop_default_false(definition: &mut Value) {
    let Value::Object(root) = definition else {
        return;
    };
    let mut parameters: Vec<&mut Value> = Vec::new();
    for (key, member) in root.iter_mut() {
        match (key.as_str(), member) {
            ("parameters", Value::Object(shared)) => parameters.extend(shared.values_mut()),
            ("paths", Value::Object(paths)) => {
                for item in paths.values_mut() {
                    let Value::Object(item) = item else { continue };
                    for (method, op) in item.iter_mut() {
                        if method == "parameters" {
                            continue;
                        }
                        if let Some(Value::Array(list)) = op.get_mut("parameters") {
                            parameters.extend(list.iter_mut());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for parameter in parameters {
        if let Value::Object(p) = parameter {
            if p.get("required") == Some(&Value::Bool(false)) {
                p.remove("required");
            }
        }
    }
}

/// Moves the body (or the block of form fields), which the emitter writes last as `count`
/// entries, to `position`. Counting from the end also moves a `$ref` to a shared body, which
/// has no `in` to recognise it by.
fn move_body(parameters: &mut Vec<Value>, position: usize, count: usize) {
    if count == 0 || count > parameters.len() {
        return;
    }
    let moved: Vec<Value> = parameters.drain(parameters.len() - count..).collect();
    let at = position.min(parameters.len());
    parameters.splice(at..at, moved);
}

fn undeclare_tags(layout: &Layout, definition: &mut Value) {
    if layout.undeclared_tags.is_empty() {
        return;
    }
    let Some(Value::Array(tags)) = definition.get_mut("tags") else {
        return;
    };
    tags.retain(|t| {
        t.get("name")
            .and_then(Value::as_str)
            .is_none_or(|name| !layout.undeclared_tags.iter().any(|u| u == name))
    });
    if tags.is_empty() {
        if let Value::Object(root) = definition {
            root.remove("tags");
        }
    }
}

/// Removes the member at `pointer` when its parent object has it.
fn remove(root: &mut Value, pointer: &str) {
    let Some(slash) = pointer.rfind('/') else {
        return;
    };
    let key = unescape(&pointer[slash + 1..]);
    if let Some(Value::Object(map)) = root.pointer_mut(&pointer[..slash]) {
        map.remove(&key);
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Writes `value` at `pointer`, creating missing containers on the way (an array when the next
/// token is an index). Existing members are replaced only when `replace` is set; an array index
/// may name an existing item or the end of the array.
fn insert(root: &mut Value, pointer: &str, value: Value, replace: bool) {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let Some((last, parents)) = tokens.split_last() else {
        return;
    };
    let mut node = root;
    for (i, token) in parents.iter().enumerate() {
        let next_is_index = tokens[i + 1].parse::<usize>().is_ok();
        let empty = || {
            if next_is_index {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        node = match node {
            Value::Object(map) => map.entry(token.clone()).or_insert_with(empty),
            Value::Array(items) => match token.parse::<usize>() {
                Ok(index) if index < items.len() => &mut items[index],
                Ok(index) if index == items.len() => {
                    items.push(empty());
                    items.last_mut().expect("just pushed")
                }
                _ => return,
            },
            _ => return,
        };
    }
    match node {
        Value::Object(map) if replace || !map.contains_key(last) => {
            map.insert(last.clone(), value);
        }
        Value::Array(items) => match last.parse::<usize>() {
            Ok(index) if index == items.len() => items.push(value),
            Ok(index) if index < items.len() && replace => items[index] = value,
            _ => {}
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn moves_a_shared_body_reference_and_form_blocks() {
        let mut emitted = vec![json!({"in": "path"}), json!({"$ref": "#/parameters/Body"})];
        move_body(&mut emitted, 0, 1);
        assert_eq!(
            emitted,
            vec![json!({"$ref": "#/parameters/Body"}), json!({"in": "path"})]
        );
        let mut emitted = vec![
            json!({"in": "query"}),
            json!({"in": "formData", "name": "a"}),
            json!({"in": "formData", "name": "b"}),
        ];
        move_body(&mut emitted, 0, 2);
        assert_eq!(emitted[2], json!({"in": "query"}));
        move_body(&mut emitted, 0, 5);
        assert_eq!(emitted.len(), 3);
    }

    #[test]
    fn leaves_out_members_the_file_lacked() {
        let mut api = Api::new("A");
        api.layout.absent = vec![
            "/basePath".into(),
            "/info/version".into(),
            "/paths/~1a/get/x".into(),
        ];
        let mut doc =
            json!({"host": "h", "basePath": "/", "info": {"title": "A", "version": "1.0"}});
        apply(&api, &mut doc);
        assert_eq!(doc, json!({"host": "h", "info": {"title": "A"}}));
    }

    #[test]
    fn moves_the_body_and_writes_recorded_members() {
        // the emitter writes the body last
        let mut emitted = vec![
            json!({"in": "query"}),
            json!({"in": "path"}),
            json!({"in": "body"}),
        ];
        move_body(&mut emitted, 1, 1);
        assert_eq!(
            emitted,
            vec![
                json!({"in": "query"}),
                json!({"in": "body"}),
                json!({"in": "path"})
            ]
        );
        let mut doc = json!({"paths": {"/a": {}}});
        insert(&mut doc, "/paths/~1a/get/consumes", json!([]), false);
        insert(&mut doc, "/paths/~1a/get/consumes", json!(["x"]), false);
        assert_eq!(doc, json!({"paths": {"/a": {"get": {"consumes": []}}}}));
        let mut doc = json!({});
        insert(&mut doc, "/security/0", json!({"a": []}), false);
        insert(&mut doc, "/security/1", json!({"b": []}), false);
        assert_eq!(doc, json!({"security": [{"a": []}, {"b": []}]}));
    }
}
