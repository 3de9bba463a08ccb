//! YAML to JSON values, with positions and the ambiguities a reader should hear about.
//!
//! The document is built from the parser's event stream rather than through serde so that
//! every node keeps its line and column (diagnostics point at them), duplicate keys are seen
//! instead of silently overwritten, and plain scalars are resolved here, by the YAML 1.2 core
//! schema, with a diagnostic wherever a YAML 1.1 reader (many generators still are one) would
//! have read the text differently (`yes`, `on`, `0755`, `1.0` as a key, merge keys).
//!
//! The builder keeps its own stack, limits nesting depth and alias expansion, and never
//! recurses, so hostile input can neither overflow the stack nor blow up memory.

use std::collections::{HashMap, HashSet};

use connectorize_ir::{pointer, Diagnostic, Diagnostics, Error, Location};
use saphyr_parser::{Event, Marker, Parser, ScalarStyle};
use serde_json::{Map, Number, Value};

use crate::codes;
use crate::source::Positions;

/// Deepest nesting accepted (the same limit serde_json applies to JSON input).
pub const MAX_DEPTH: usize = 128;

/// Most nodes alias expansion may produce ("billion laughs" guard).
const MAX_NODES: usize = 2_000_000;

/// Reads the first YAML document of `text` as a JSON value, recording each node's position.
pub fn load(
    text: &str,
    file: &str,
    positions: &mut Positions,
    diagnostics: &mut Diagnostics,
) -> Result<Value, Error> {
    let mut builder = Builder {
        file,
        positions,
        diagnostics,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            Error::new(
                codes::INVALID_SYNTAX,
                format!("not valid YAML: {}", e.info()),
            )
            .at(Location::file(file).line_col(line(e.marker()), column(e.marker())))
        })?;
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    builder.diagnostics.push(
                        Diagnostic::new(
                            codes::MULTIPLE_DOCUMENTS,
                            "the YAML stream holds more than one document; only the first is read",
                        )
                        .at(Location::file(file).line_col(line(&span.start), column(&span.start))),
                    );
                    break;
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain
                    && !tag
                        .as_ref()
                        .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                builder.scalar(&text, plain, anchor, span.start)?;
            }
            Event::SequenceStart(anchor, _) => builder.open(Frame::seq(anchor), span.start)?,
            Event::MappingStart(anchor, _) => builder.open(Frame::map(anchor), span.start)?,
            Event::SequenceEnd | Event::MappingEnd => builder.close()?,
            Event::Alias(id) => builder.alias(id, span.start)?,
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    Ok(builder.root.unwrap_or(Value::Null))
}

fn line(marker: &Marker) -> u32 {
    u32::try_from(marker.line()).unwrap_or(u32::MAX)
}

fn column(marker: &Marker) -> u32 {
    u32::try_from(marker.col() + 1).unwrap_or(u32::MAX)
}

enum Container {
    Seq(Vec<Value>),
    Map {
        map: Map<String, Value>,
        /// The key waiting for its value: text, whether it was a plain scalar, position.
        key: Option<(String, Marker)>,
        /// Whether the next scalar or collection is a key (true) or a value.
        expect_key: bool,
        /// Mappings named by `<<` merge keys, applied when the mapping ends.
        merges: Vec<Value>,
        seen: HashSet<String>,
    },
}

struct Frame {
    container: Container,
    anchor: usize,
    pointer: String,
}

impl Frame {
    fn seq(anchor: usize) -> Frame {
        Frame {
            container: Container::Seq(Vec::new()),
            anchor,
            pointer: String::new(),
        }
    }

    fn map(anchor: usize) -> Frame {
        Frame {
            container: Container::Map {
                map: Map::new(),
                key: None,
                expect_key: true,
                merges: Vec::new(),
                seen: HashSet::new(),
            },
            anchor,
            pointer: String::new(),
        }
    }
}

struct Builder<'a> {
    file: &'a str,
    positions: &'a mut Positions,
    diagnostics: &'a mut Diagnostics,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Value>,
    nodes: usize,
    root: Option<Value>,
}

impl Builder<'_> {
    fn at(&self, pointer: &str, marker: &Marker) -> Location {
        Location::file(self.file)
            .at(pointer)
            .line_col(line(marker), column(marker))
    }

    /// Whether the next node is a mapping key.
    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame {
                container: Container::Map {
                    expect_key: true,
                    ..
                },
                ..
            })
        )
    }

    /// The pointer the next value will have.
    fn next_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(frame) => match &frame.container {
                Container::Seq(items) => pointer::push(&frame.pointer, &items.len().to_string()),
                Container::Map { key, .. } => match key {
                    Some((key, _)) => pointer::push(&frame.pointer, key),
                    None => frame.pointer.clone(),
                },
            },
        }
    }

    fn count(&mut self, nodes: usize, marker: &Marker) -> Result<(), Error> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > MAX_NODES {
            return Err(Error::new(
                codes::TOO_LARGE,
                format!("the YAML document expands to more than {MAX_NODES} nodes through aliases"),
            )
            .at(self.at(&self.next_pointer(), marker)));
        }
        Ok(())
    }

    fn scalar(
        &mut self,
        text: &str,
        plain: bool,
        anchor: usize,
        marker: Marker,
    ) -> Result<(), Error> {
        self.count(1, &marker)?;
        if self.expecting_key() {
            return self.key(text.to_owned(), plain, marker);
        }
        let pointer = self.next_pointer();
        let value = if plain {
            let (value, ambiguity) = resolve_plain(text);
            if let Some(note) = ambiguity {
                let location = self.at(&pointer, &marker);
                let reading = match &value {
                    Value::Number(n) => format!("read as the number {n}"),
                    _ => "read as text".to_owned(),
                };
                self.diagnostics.push(
                    Diagnostic::new(
                        codes::YAML_AMBIGUOUS,
                        format!("unquoted value `{text}` {note}; {reading}"),
                    )
                    .at(location)
                    .help("quote the value to make its meaning explicit"),
                );
            }
            value
        } else {
            Value::String(text.to_owned())
        };
        self.positions
            .entry(pointer)
            .or_insert((line(&marker), column(&marker)));
        self.finish(value, anchor)
    }

    fn key(&mut self, key: String, plain: bool, marker: Marker) -> Result<(), Error> {
        let parent = self.next_pointer();
        let child = pointer::push(&parent, &key);
        if plain && key != "<<" {
            let (value, note) = resolve_plain(&key);
            let note = match (note, &value) {
                (Some(note), _) => Some(note.to_owned()),
                (None, Value::Bool(_) | Value::Null) => {
                    Some("is a boolean or null in YAML".to_owned())
                }
                (None, Value::Number(n)) if !n.is_u64() && !n.is_i64() => Some(format!(
                    "is the number {n} in YAML, which tools print differently"
                )),
                _ => None,
            };
            if let Some(note) = note {
                let location = self.at(&child, &marker);
                self.diagnostics.push(
                    Diagnostic::new(
                        codes::YAML_AMBIGUOUS,
                        format!("unquoted key `{key}` {note}; read as the text `{key}`"),
                    )
                    .at(location)
                    .help("quote the key to make its meaning explicit"),
                );
            }
        }
        let merge = plain && key == "<<";
        if let Some(Frame {
            container:
                Container::Map {
                    key: slot,
                    expect_key,
                    seen,
                    ..
                },
            ..
        }) = self.stack.last_mut()
        {
            let duplicate = !merge && !seen.insert(key.clone());
            *slot = Some((key.clone(), marker));
            *expect_key = false;
            if duplicate {
                let location = self.at(&child, &marker);
                self.diagnostics.push(
                    Diagnostic::new(
                        codes::DUPLICATE_KEY,
                        format!("key `{key}` appears twice in one mapping; the last value is kept"),
                    )
                    .at(location)
                    .help("remove one of the two entries"),
                );
            }
        }
        self.positions
            .entry(child)
            .or_insert((line(&marker), column(&marker)));
        Ok(())
    }

    fn open(&mut self, mut frame: Frame, marker: Marker) -> Result<(), Error> {
        self.count(1, &marker)?;
        if self.expecting_key() {
            // A collection as a mapping key has no JSON form: keep its value, drop the entry.
            let location = self.at(&self.next_pointer(), &marker);
            self.diagnostics.push(
                Diagnostic::new(codes::YAML_AMBIGUOUS, "a mapping key is itself a list or mapping, which JSON cannot hold; the entry is dropped")
                    .at(location),
            );
            self.key(String::from("\u{0}complex-key"), false, marker)?;
        }
        frame.pointer = self.next_pointer();
        self.positions
            .entry(frame.pointer.clone())
            .or_insert((line(&marker), column(&marker)));
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::new(
                codes::TOO_LARGE,
                format!("the document nests deeper than {MAX_DEPTH} levels"),
            )
            .at(self.at(&frame.pointer, &marker)));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self) -> Result<(), Error> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let value = match frame.container {
            Container::Seq(items) => Value::Array(items),
            Container::Map {
                mut map, merges, ..
            } => {
                for merged in merges {
                    let sources = match merged {
                        Value::Array(items) => items,
                        other => vec![other],
                    };
                    for source in sources {
                        if let Value::Object(source) = source {
                            for (k, v) in source {
                                map.entry(k).or_insert(v);
                            }
                        }
                    }
                }
                map.remove("\u{0}complex-key");
                Value::Object(map)
            }
        };
        self.finish(value, frame.anchor)
    }

    fn alias(&mut self, id: usize, marker: Marker) -> Result<(), Error> {
        let value = self.anchors.get(&id).cloned().unwrap_or(Value::Null);
        self.count(size(&value), &marker)?;
        if self.expecting_key() {
            let text = match &value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            return self.key(text, false, marker);
        }
        let pointer = self.next_pointer();
        self.positions
            .entry(pointer)
            .or_insert((line(&marker), column(&marker)));
        self.finish(value, 0)
    }

    /// Stores a completed node in its parent (or as the root) and under its anchor.
    fn finish(&mut self, value: Value, anchor: usize) -> Result<(), Error> {
        if anchor != 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root.get_or_insert(value);
            return Ok(());
        };
        match &mut frame.container {
            Container::Seq(items) => items.push(value),
            Container::Map {
                map,
                key,
                expect_key,
                merges,
                ..
            } => {
                *expect_key = true;
                if let Some((key, marker)) = key.take() {
                    if key == "<<" {
                        merges.push(value);
                        let location = Location::file(self.file)
                            .at(pointer::push(&frame.pointer, "<<"))
                            .line_col(line(&marker), column(&marker));
                        self.diagnostics.push(
                            Diagnostic::new(
                                codes::YAML_AMBIGUOUS,
                                "a `<<` merge key (a YAML 1.1 feature YAML 1.2 readers treat as an ordinary key) was merged into its mapping",
                            )
                            .at(location),
                        );
                    } else {
                        map.insert(key, value);
                    }
                }
            }
        }
        Ok(())
    }
}

/// How many nodes a value holds, counted without recursion.
fn size(value: &Value) -> usize {
    let mut stack = vec![value];
    let mut count = 0usize;
    while let Some(v) = stack.pop() {
        count += 1;
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    count
}

/// Resolves a plain scalar by the YAML 1.2 core schema, with a note when YAML 1.1 differs.
pub fn resolve_plain(text: &str) -> (Value, Option<&'static str>) {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return (Value::Null, None),
        "true" | "True" | "TRUE" => return (Value::Bool(true), None),
        "false" | "False" | "FALSE" => return (Value::Bool(false), None),
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "on" | "On" | "ON" | "off" | "Off" | "OFF"
        | "y" | "Y" | "n" | "N" => {
            return (
                Value::String(text.to_owned()),
                Some("is text in YAML 1.2 but a boolean in YAML 1.1"),
            )
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            return (
                Value::String(text.to_owned()),
                Some("is an infinite or NaN number in YAML, which JSON cannot hold"),
            )
        }
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(octal) = text.strip_prefix("0o") {
        if let Ok(n) = u64::from_str_radix(octal, 8) {
            return (Value::Number(n.into()), None);
        }
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(n) = u64::from_str_radix(hex, 16) {
            return (Value::Number(n.into()), None);
        }
    }
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        let note = (unsigned.len() > 1 && unsigned.starts_with('0')).then_some(
            "has a leading zero: YAML 1.1 reads it as an octal number, YAML 1.2 as decimal",
        );
        let number = if let Ok(n) = text.parse::<u64>() {
            Some(Number::from(n))
        } else if let Ok(n) = text.parse::<i64>() {
            Some(Number::from(n))
        } else {
            text.parse::<f64>().ok().and_then(Number::from_f64)
        };
        if let Some(number) = number {
            return (Value::Number(number), note);
        }
    }
    if is_float(unsigned) {
        if let Some(number) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return (Value::Number(number), None);
        }
    }
    (Value::String(text.to_owned()), None)
}

/// `(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's float without sign.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => digits(fraction),
        Some((whole, fraction)) => digits(whole) && (fraction.is_empty() || digits(fraction)),
        None => digits(mantissa),
    };
    let exponent_ok = match exponent {
        None => true,
        Some(e) => digits(e.strip_prefix(['-', '+']).unwrap_or(e)),
    };
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Value, Diagnostics, Positions) {
        let mut positions = Positions::default();
        let mut diagnostics = Diagnostics::new();
        let value = load(text, "a.yaml", &mut positions, &mut diagnostics).unwrap();
        (value, diagnostics, positions)
    }

    #[test]
    fn resolves_core_schema_scalars_and_keeps_positions() {
        let (value, diagnostics, positions) =
            read("a: 1\nb: 1.5\nc: true\nd: ~\ne: '1.0'\nf: [x, 2]\n200: ok\n");
        assert_eq!(
            value,
            serde_json::json!({"a": 1, "b": 1.5, "c": true, "d": null, "e": "1.0", "f": ["x", 2], "200": "ok"})
        );
        assert!(diagnostics.is_empty(), "{diagnostics}");
        assert_eq!(positions.get("/f/1"), Some(&(6, 8)));
        assert_eq!(positions.get("/b"), Some(&(2, 1)));
    }

    #[test]
    fn reports_yaml_11_ambiguities_and_duplicates() {
        let (value, diagnostics, _) = read("on: yes\na: 1\na: 2\nmode: 0755\n1.0: x\n");
        assert_eq!(
            value,
            serde_json::json!({"on": "yes", "a": 2, "mode": 755, "1.0": "x"})
        );
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.id()).collect();
        assert_eq!(
            codes,
            ["OA005", "OA005", "OA006", "OA005", "OA005"],
            "{diagnostics}"
        );
    }

    #[test]
    fn expands_aliases_and_merge_keys_but_limits_depth() {
        let (value, _, _) = read("base: &b {x: 1}\nuse: *b\nmerged:\n  <<: *b\n  y: 2\n");
        assert_eq!(value["use"], serde_json::json!({"x": 1}));
        assert_eq!(value["merged"], serde_json::json!({"y": 2, "x": 1}));
        let deep = "[".repeat(MAX_DEPTH + 5);
        let mut positions = Positions::default();
        let err = load(&deep, "a.yaml", &mut positions, &mut Diagnostics::new()).unwrap_err();
        assert_eq!(err.diagnostic().code, codes::TOO_LARGE);
    }

    #[test]
    fn stops_alias_bombs() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let mut positions = Positions::default();
        let err = load(&text, "a.yaml", &mut positions, &mut Diagnostics::new()).unwrap_err();
        assert_eq!(err.diagnostic().code, codes::TOO_LARGE);
    }
}
