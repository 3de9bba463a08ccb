//! YAML to JSON values, for `configuration.<env>.yaml` and YAML policy-free artifacts.
//!
//! Uses the same event parser as the OpenAPI frontend. Plain scalars become null, booleans and
//! numbers where YAML 1.2 core says so; everything else is a string. Anchors and aliases are
//! followed; merge keys are not.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Value};

/// A YAML syntax error with its 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// What the parser said.
    pub message: String,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
}

/// Deepest nesting accepted, aliases included (the limit serde_json applies to JSON).
pub const MAX_DEPTH: usize = 128;

/// Most nodes alias expansion may produce ("billion laughs" guard).
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// An anchored value with its node count and depth.
struct Anchored {
    value: Value,
    nodes: usize,
    depth: usize,
}

impl Anchored {
    fn new(value: Value) -> Self {
        let (nodes, depth) = measure(&value);
        Anchored {
            value,
            nodes,
            depth,
        }
    }
}

/// The node count and depth of a value (values here are at most [`MAX_DEPTH`] deep).
fn measure(value: &Value) -> (usize, usize) {
    match value {
        Value::Array(items) => items.iter().fold((1, 1), |(n, d), v| {
            let (vn, vd) = measure(v);
            (n.saturating_add(vn), d.max(vd + 1))
        }),
        Value::Object(map) => map.values().fold((1, 1), |(n, d), v| {
            let (vn, vd) = measure(v);
            (n.saturating_add(vn), d.max(vd + 1))
        }),
        _ => (1, 1),
    }
}

enum Frame {
    Seq(Vec<Value>, usize),
    Map(Map<String, Value>, Option<String>, usize),
}

/// Parses the first document of a YAML text into a JSON value (`Null` for an empty text).
pub fn to_value(text: &str) -> Result<Value, YamlError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Anchored> = HashMap::new();
    let mut result: Option<Value> = None;
    let mut alias_nodes = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| YamlError {
            message: e.info().to_string(),
            line: e.marker().line() as u32,
            column: e.marker().col() as u32 + 1,
        })?;
        let error = |message: String| YamlError {
            message,
            line: span.start.line() as u32,
            column: span.start.col() as u32 + 1,
        };
        let value = match event {
            Event::Scalar(text, style, anchor, _) => {
                let value = scalar(&text, style);
                if anchor > 0 {
                    anchors.insert(anchor, Anchored::new(value.clone()));
                }
                value
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(anchored) => {
                    alias_nodes = alias_nodes.saturating_add(anchored.nodes);
                    if alias_nodes > MAX_ALIAS_NODES {
                        return Err(error(format!(
                            "the YAML text expands to more than {MAX_ALIAS_NODES} nodes through aliases"
                        )));
                    }
                    if stack.len() + anchored.depth > MAX_DEPTH {
                        return Err(error(format!(
                            "the YAML text nests deeper than {MAX_DEPTH} levels through an alias"
                        )));
                    }
                    anchored.value.clone()
                }
                None => Value::Null,
            },
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() >= MAX_DEPTH => {
                return Err(error(format!(
                    "the YAML text nests deeper than {MAX_DEPTH} levels"
                )));
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), anchor));
                continue;
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Map(Map::new(), None, anchor));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match stack.pop() {
                    Some(Frame::Seq(items, anchor)) => (Value::Array(items), anchor),
                    Some(Frame::Map(map, _, anchor)) => (Value::Object(map), anchor),
                    None => continue,
                };
                if anchor > 0 {
                    anchors.insert(anchor, Anchored::new(value.clone()));
                }
                value
            }
            Event::DocumentEnd if stack.is_empty() && result.is_some() => break,
            _ => continue,
        };
        match stack.last_mut() {
            Some(Frame::Seq(items, _)) => items.push(value),
            Some(Frame::Map(map, key, _)) => match key.take() {
                Some(k) => {
                    map.insert(k, value);
                }
                None => *key = Some(crate::arm_expr::as_text(&value)),
            },
            None => {
                result = Some(value);
            }
        }
    }
    Ok(result.unwrap_or(Value::Null))
}

fn scalar(text: &str, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => {
            if text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
                if let Ok(n) = text.parse::<i64>() {
                    return Value::from(n);
                }
                if let Some(n) = text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                {
                    return Value::Number(n);
                }
            }
            Value::String(text.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_maps_lists_and_scalars() {
        let value = to_value(
            "apimServiceName: x\nnamedValues:\n  - name: a\n    properties:\n      value: \"{#t#}\"\n      secret: true\n      n: 3\n",
        )
        .unwrap();
        assert_eq!(
            value,
            json!({"apimServiceName": "x", "namedValues": [{"name": "a", "properties": {"value": "{#t#}", "secret": true, "n": 3}}]})
        );
        let error = to_value("a: [1,\n").unwrap_err();
        assert!(error.line >= 1);
        assert_eq!(to_value("").unwrap(), Value::Null);
    }

    #[test]
    fn limits_depth_without_recursion() {
        // 100 000 levels used to build a value whose drop overflowed the stack.
        for deep in [
            format!("a: {}1{}", "[".repeat(100_000), "]".repeat(100_000)),
            format!("a:\n  {}x\n", "- ".repeat(100_000)),
        ] {
            // The parser's own limit stops flow collections; ours stops block ones.
            let error = to_value(&deep).unwrap_err();
            assert!(
                error.message.contains("deeper than 128")
                    || error.message.contains("recursion limit"),
                "{error:?}"
            );
        }
        assert!(to_value(&format!("{}1{}", "[".repeat(100), "]".repeat(100))).is_ok());
    }

    #[test]
    fn stops_alias_bombs_and_deep_alias_chains() {
        let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..10 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let error = to_value(&bomb).unwrap_err();
        assert!(error.message.contains("aliases"), "{error:?}");
        assert_eq!(error.line, 7);
        let mut chain = String::from("a0: &a0 [x]\n");
        for i in 1..200 {
            chain.push_str(&format!("a{i}: &a{i} [*a{}]\n", i - 1));
        }
        let error = to_value(&chain).unwrap_err();
        assert!(error.message.contains("deeper than 128"), "{error:?}");
        assert_eq!(
            to_value("a: &x {b: 1}\nc: *x\n").unwrap(),
            json!({"a": {"b": 1}, "c": {"b": 1}})
        );
    }
}
