//! Input text to a JSON value: byte-order mark, JSON or YAML, duplicate keys, positions.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use connectorize_ir::{pointer, Diagnostic, Diagnostics, Error, Location};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::{codes, yaml};

/// Line and column (1-based) of the nodes of an input, by JSON pointer: for an object member,
/// where its key starts; for an array item, where the item starts.
pub type Positions = HashMap<String, (u32, u32)>;

/// Reads `text` as JSON (when it starts with `{` or `[`) or YAML.
pub fn load(
    text: &str,
    file: &str,
    positions: &mut Positions,
    diagnostics: &mut Diagnostics,
) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if looks_like_json(text) {
        match parse_json(text, file) {
            Ok((value, duplicates)) => {
                *positions = json_positions(text);
                report_duplicates(duplicates, file, positions, diagnostics);
                Ok(value)
            }
            // `{openapi: 3.0.0, ...}` is YAML flow style, not JSON: give YAML a chance, but
            // report the JSON error when YAML cannot read it either.
            Err(json_error) => {
                let mut found = Diagnostics::new();
                let mut yaml_positions = Positions::default();
                match yaml::load(text, file, &mut yaml_positions, &mut found) {
                    Ok(value) => {
                        let json = json_error.diagnostic();
                        // A `.json` file that only YAML reads is worth a word; YAML is not.
                        if file.to_ascii_lowercase().ends_with(".json") {
                            diagnostics.push(
                            Diagnostic::new(
                                codes::JSON_READ_AS_YAML,
                                format!("the text is not valid JSON ({}), so it was read as YAML flow style", json.message),
                            )
                            .at(json.location.clone())
                            .help("fix the JSON, or write the document in YAML"),
                        );
                        }
                        *positions = yaml_positions;
                        diagnostics.extend(found);
                        Ok(value)
                    }
                    Err(_) => Err(json_error),
                }
            }
        }
    } else {
        yaml::load(text, file, positions, diagnostics)
    }
}

/// Whether the first significant character opens a JSON object or array.
pub fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with(['{', '['])
}

/// Parses JSON, reporting keys that appear twice in one object (serde_json keeps the last).
pub fn load_json(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Result<Value, Error> {
    let (value, duplicates) = parse_json(text, file)?;
    report_duplicates(duplicates, file, &json_positions(text), diagnostics);
    Ok(value)
}

/// Parses JSON into a value and the pointers of the keys that appeared twice.
fn parse_json(text: &str, file: &str) -> Result<(Value, Vec<String>), Error> {
    let duplicates = RefCell::new(Vec::new());
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = ValueSeed {
        pointer: String::new(),
        duplicates: &duplicates,
    }
    .deserialize(&mut deserializer)
    .and_then(|value| deserializer.end().map(|()| value))
    .map_err(|e| {
        Error::new(codes::INVALID_SYNTAX, format!("not valid JSON: {e}")).at(Location::file(file)
            .line_col(
                u32::try_from(e.line()).unwrap_or(u32::MAX),
                u32::try_from(e.column()).unwrap_or(u32::MAX),
            ))
    })?;
    Ok((value, duplicates.into_inner()))
}

fn report_duplicates(
    duplicates: Vec<String>,
    file: &str,
    positions: &Positions,
    diagnostics: &mut Diagnostics,
) {
    for at in duplicates {
        let key = at
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .replace("~1", "/")
            .replace("~0", "~");
        let mut location = Location::file(file).at(at.clone());
        if let Some(&(line, column)) = positions.get(&at) {
            location = location.line_col(line, column);
        }
        diagnostics.push(
            Diagnostic::new(
                codes::DUPLICATE_KEY,
                format!("key `{key}` appears twice in one object; the last value is kept"),
            )
            .at(location)
            .help("remove one of the two entries"),
        );
    }
}

/// Builds a `Value` like serde_json's own, noting duplicate keys by pointer.
struct ValueSeed<'a> {
    pointer: String,
    duplicates: &'a RefCell<Vec<String>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(ValueSeed {
            pointer: pointer::push(&self.pointer, &items.len().to_string()),
            duplicates: self.duplicates,
        })? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let child = pointer::push(&self.pointer, &key);
            let value = access.next_value_seed(ValueSeed {
                pointer: child.clone(),
                duplicates: self.duplicates,
            })?;
            if map.insert(key, value).is_some() {
                self.duplicates.borrow_mut().push(child);
            }
        }
        Ok(Value::Object(map))
    }
}

/// Positions of the members and items of a JSON text that parsed, found in one pass with an
/// explicit stack (serde_json reports positions of syntax errors only).
pub fn json_positions(text: &str) -> Positions {
    /// An open container: its pointer, and the pointer of the member or item being read.
    struct Frame {
        at: String,
        current: String,
        index: Option<usize>,
    }
    let bytes = text.as_bytes();
    let mut positions = Positions::new();
    let mut stack: Vec<Frame> = Vec::new();
    let (mut line, mut column) = (1u32, 1u32);
    let mut expect_key = false;
    let mut item_start = false;
    let mut i = 0;
    positions.insert(String::new(), (1, 1));
    while i < bytes.len() {
        let byte = bytes[i];
        let here = (line, column);
        // Array items are recorded where they start, object members where their key starts.
        if item_start && !matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | b']') {
            if let Some(frame) = stack.last_mut() {
                let index = frame.index.unwrap_or_default();
                frame.current = pointer::push(&frame.at, &index.to_string());
                positions.insert(frame.current.clone(), here);
            }
            item_start = false;
        }
        match byte {
            b'{' | b'[' => {
                let at = stack.last().map(|f| f.current.clone()).unwrap_or_default();
                let array = byte == b'[';
                stack.push(Frame {
                    current: at.clone(),
                    at,
                    index: array.then_some(0),
                });
                expect_key = !array;
                item_start = array;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame {
                    index: Some(index), ..
                }) => {
                    *index += 1;
                    item_start = true;
                }
                Some(_) => expect_key = true,
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    let step = if bytes[i] == b'\\' { 2 } else { 1 };
                    for offset in 0..step {
                        if bytes.get(i + offset).is_some_and(|b| b & 0xC0 != 0x80) {
                            column += 1;
                        }
                    }
                    i += step;
                }
                // The closing quote (the opening one is counted below, with every byte).
                column += 1;
                if expect_key {
                    if let Some(frame) = stack.last_mut() {
                        let key: String = text
                            .get(start..(i + 1).min(bytes.len()))
                            .and_then(|raw| serde_json::from_str(raw).ok())
                            .unwrap_or_default();
                        frame.current = pointer::push(&frame.at, &key);
                        positions.insert(frame.current.clone(), here);
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        if byte == b'\n' {
            line += 1;
            column = 1;
        } else if byte & 0xC0 != 0x80 {
            column += 1;
        }
        i += 1;
    }
    positions
}

/// Finds the top-level `swagger` or `openapi` member without parsing the document: a JSON
/// text is scanned for a member at depth one, a YAML text for an unindented key.
pub fn version_marker(text: &str) -> Option<(String, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if looks_like_json(text) {
        json_marker(text)
    } else {
        yaml_marker(text)
    }
}

fn yaml_marker(text: &str) -> Option<(String, String)> {
    for line in text.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim_end().trim_matches(['"', '\'']);
        if (key == "swagger" || key == "openapi") && !line.starts_with([' ', '\t']) {
            let value = value.split(" #").next().unwrap_or_default();
            return Some((
                key.to_owned(),
                value.trim().trim_matches(['"', '\'']).to_owned(),
            ));
        }
    }
    None
}

fn json_marker(text: &str) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    // The string that ended last at depth one, if it could be a key.
    let mut last_key: Option<&str> = None;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => {
                depth += 1;
                last_key = None;
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                last_key = None;
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                let string = text.get(start..i.min(bytes.len()))?;
                if depth == 1 {
                    if let Some(key) = last_key.take() {
                        return Some((key.to_owned(), string.to_owned()));
                    }
                    let rest = text.get(i + 1..)?.trim_start();
                    if rest.starts_with(':') && (string == "swagger" || string == "openapi") {
                        let value = rest[1..].trim_start();
                        if value.starts_with('"') {
                            last_key = Some(string);
                        } else {
                            let end = value.find([',', '}', '\n']).unwrap_or(value.len());
                            return Some((string.to_owned(), value[..end].trim().to_owned()));
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_top_level_markers_only() {
        assert_eq!(
            version_marker("{\"info\": {\"openapi\": \"x\"}, \"swagger\": \"2.0\"}"),
            Some(("swagger".into(), "2.0".into()))
        );
        assert_eq!(
            version_marker("\u{feff}# c\nopenapi: 3.0.1\ninfo: {}\n"),
            Some(("openapi".into(), "3.0.1".into()))
        );
        assert_eq!(version_marker("info:\n  openapi: 3.0.1\n"), None);
        assert_eq!(
            version_marker("{\"info\": {\"description\": \"\\\"openapi\\\": 3\"}}"),
            None
        );
    }

    #[test]
    fn flow_style_yaml_is_not_mistaken_for_broken_json() {
        let mut positions = Positions::default();
        let mut diagnostics = Diagnostics::new();
        let value = load(
            "{openapi: 3.0.0, info: {title: x}}",
            "a.yaml",
            &mut positions,
            &mut diagnostics,
        )
        .unwrap();
        assert_eq!(value["info"]["title"], "x");
        assert!(diagnostics.is_empty(), "{diagnostics}");
        load("{\"a\": }", "a.json", &mut positions, &mut diagnostics).unwrap();
        assert!(
            diagnostics.to_string().contains("not valid JSON"),
            "{diagnostics}"
        );
        let error = load("{\"a\": [1, }", "a.json", &mut positions, &mut diagnostics).unwrap_err();
        assert!(
            error.diagnostic().message.starts_with("not valid JSON"),
            "{}",
            error.diagnostic()
        );
    }

    #[test]
    fn json_positions_name_keys_and_items() {
        let text = "{\n  \"a\": [1, {\"b~/\": \"x\\\"y\"}],\n  \"é\": {\"c\": null}\n}";
        let positions = json_positions(text);
        assert_eq!(positions.get("/a"), Some(&(2, 3)));
        assert_eq!(positions.get("/a/0"), Some(&(2, 9)));
        assert_eq!(positions.get("/a/1"), Some(&(2, 12)));
        assert_eq!(positions.get("/a/1/b~0~1"), Some(&(2, 13)));
        assert_eq!(positions.get("/é"), Some(&(3, 3)));
        assert_eq!(positions.get("/é/c"), Some(&(3, 9)));
    }

    #[test]
    fn json_duplicates_are_reported_with_pointers() {
        let mut diagnostics = Diagnostics::new();
        let value =
            load_json(r#"{"a": {"b/c": 1, "b/c": 2}}"#, "x.json", &mut diagnostics).unwrap();
        assert_eq!(value, serde_json::json!({"a": {"b/c": 2}}));
        assert_eq!(
            diagnostics.to_string(),
            "warning[OA006]: key `b/c` appears twice in one object; the last value is kept\n  --> x.json:1:18 #/a/b~1c\n  help: remove one of the two entries\n"
        );
    }
}
