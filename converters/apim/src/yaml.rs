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

enum Frame {
    Seq(Vec<Value>, usize),
    Map(Map<String, Value>, Option<String>, usize),
}

/// Parses the first document of a YAML text into a JSON value (`Null` for an empty text).
pub fn to_value(text: &str) -> Result<Value, YamlError> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Value> = HashMap::new();
    let mut result: Option<Value> = None;
    for event in Parser::new_from_str(text) {
        let (event, _span) = event.map_err(|e| YamlError {
            message: e.info().to_string(),
            line: e.marker().line() as u32,
            column: e.marker().col() as u32 + 1,
        })?;
        let value = match event {
            Event::Scalar(text, style, anchor, _) => {
                let value = scalar(&text, style);
                if anchor > 0 {
                    anchors.insert(anchor, value.clone());
                }
                value
            }
            Event::Alias(id) => anchors.get(&id).cloned().unwrap_or(Value::Null),
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
                    anchors.insert(anchor, value.clone());
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
}
