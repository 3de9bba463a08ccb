//! Large bodies: the schema of a JSON body or example over [`LARGE_BODY_BYTES`] is inferred in
//! one pass over its text, and the document itself is never built.
//!
//! A parsed `serde_json::Value` takes about 14 times the text it came from, and a body that
//! large is never kept as an example anyway (a connector file holds at most 1 MB). The pass is
//! a serde seed that builds the [`Shape`] as the parser reads, so the memory it needs is the
//! shape's, not the document's.
//!
//! It must infer what the small-body path infers from the same text — tolerant parse, then
//! [`scrub`](crate::secrets::scrub), then [`infer`](crate::infer::infer) — including the
//! findings, the count of blanked secrets, and which texts fail to parse (the tests compare
//! both paths). Hence the details below: the repaired text is tried when the text itself
//! fails, a repeated key counts only with its last value (as in a map), and what inference
//! skips (deep values, array items past the cap) is still read through the parser's own
//! recursion limit and still searched for secrets.
//!
//! [`string_member`] reads one member of a document the same way, for token requests, whose
//! bodies are read whatever their size.

use std::fmt;

use connectorize_ir::SchemaType;
use indexmap::IndexMap;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::infer::{infer, merge_at, string_format, Findings, Path, MAX_DEPTH, MAX_ITEMS};
use crate::secrets::{blanks, scrub, PLACEHOLDER};
use crate::shape::{Property, Shape};
use crate::tolerant_json;

/// Bodies and examples larger than this are inferred in one pass and not kept: a connector
/// file must stay under 1 MB, so such an example would be trimmed from the output anyway.
pub const LARGE_BODY_BYTES: usize = 1024 * 1024;

/// Whether `text` takes the large-body path.
pub fn is_large(text: &str) -> bool {
    text.len() > LARGE_BODY_BYTES
}

/// What one document (or one value in it) contributes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inferred {
    /// Its shape.
    pub shape: Shape,
    /// The findings made inside it, in the order inference makes them.
    pub findings: Findings,
    /// How many strings [`scrub`](crate::secrets::scrub) would blank in it.
    pub scrubbed: usize,
}

/// The shape of the JSON document `text`, read tolerantly like
/// [`tolerant_json::parse`]; the error is the one that function returns.
pub fn infer_text(text: &str) -> Result<Inferred, String> {
    if let Ok(inferred) = infer_strict(text) {
        return Ok(inferred);
    }
    infer_strict(&tolerant_json::repair(text)).map_err(|e| e.to_string())
}

/// One pass of the parser over `text`, as `serde_json::from_str` would make it.
fn infer_strict(text: &str) -> Result<Inferred, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let inferred = Value {
        depth: 0,
        path: &Path::Root,
        key: None,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(inferred)
}

/// A value to infer: its depth, where it sits, and the key that holds it (for secrets).
struct Value<'a> {
    depth: usize,
    path: &'a Path<'a>,
    key: Option<&'a str>,
}

impl<'de> DeserializeSeed<'de> for Value<'_> {
    type Value = Inferred;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Inferred, D::Error> {
        if self.depth >= MAX_DEPTH {
            // Inference stops here; the scrub does not.
            let scrubbed = deserializer.deserialize_any(Count { key: self.key })?;
            return Ok(Inferred {
                shape: Shape::default(),
                findings: Findings {
                    conflicts: Vec::new(),
                    capped: true,
                },
                scrubbed,
            });
        }
        deserializer.deserialize_any(self)
    }
}

impl Value<'_> {
    fn only(shape: Shape) -> Inferred {
        Inferred {
            shape,
            ..Inferred::default()
        }
    }
}

impl<'de> Visitor<'de> for Value<'_> {
    type Value = Inferred;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Inferred, E> {
        Ok(Self::only(Shape {
            nullable: true,
            ..Shape::default()
        }))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Inferred, E> {
        Ok(Self::only(Shape::of(SchemaType::Boolean)))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Inferred, E> {
        Ok(Self::only(Shape::of(SchemaType::Integer)))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Inferred, E> {
        Ok(Self::only(Shape::of(SchemaType::Integer)))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Inferred, E> {
        Ok(Self::only(Shape::of(SchemaType::Number)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Inferred, E> {
        // The small-body path infers from the scrubbed document.
        if self.key.is_some_and(|key| blanks(key, s)) {
            return Ok(Inferred {
                shape: Shape::string(string_format(PLACEHOLDER)),
                findings: Findings::default(),
                scrubbed: 1,
            });
        }
        Ok(Self::only(Shape::string(string_format(s))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inferred, A::Error> {
        let item_path = Path::Items(self.path);
        let mut merged: Option<Shape> = None;
        let mut findings = Findings::default();
        let mut scrubbed = 0;
        let mut seen = 0;
        loop {
            if seen < MAX_ITEMS {
                let item = Value {
                    depth: self.depth + 1,
                    path: &item_path,
                    key: None,
                };
                let Some(item) = seq.next_element_seed(item)? else {
                    break;
                };
                findings.absorb(item.findings);
                scrubbed += item.scrubbed;
                match &mut merged {
                    Some(previous) => merge_at(previous, item.shape, &item_path, &mut findings),
                    None => merged = Some(item.shape),
                }
            } else {
                let Some(count) = seq.next_element_seed(Count { key: None })? else {
                    break;
                };
                findings.capped = true;
                scrubbed += count;
            }
            seen += 1;
        }
        Ok(Inferred {
            shape: Shape::array_of(merged.unwrap_or_default()),
            findings,
            scrubbed,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Inferred, A::Error> {
        // Each property keeps its own findings until the object is complete: a repeated key
        // replaces its earlier value in place, findings included, as in the map the small
        // path builds.
        let mut children: IndexMap<String, Inferred> = IndexMap::new();
        while let Some(key) = map.next_key::<String>()? {
            let child = map.next_value_seed(Value {
                depth: self.depth + 1,
                path: &Path::Key(self.path, &key),
                key: Some(&key),
            })?;
            children.insert(key, child);
        }
        let mut findings = Findings::default();
        let mut scrubbed = 0;
        let properties = children
            .into_iter()
            .map(|(name, child)| {
                findings.absorb(child.findings);
                scrubbed += child.scrubbed;
                Property {
                    name,
                    shape: child.shape,
                    required: true,
                }
            })
            .collect();
        Ok(Inferred {
            shape: Shape {
                properties,
                ..Shape::of(SchemaType::Object)
            },
            findings,
            scrubbed,
        })
    }
}

/// A value inference skips, read only to count the strings the scrub would blank in it.
/// Read through `deserialize_any`, so the parser's recursion limit applies as it does when
/// the small path builds the whole document.
struct Count<'a> {
    key: Option<&'a str>,
}

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_bool<E>(self, _: bool) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_i64<E>(self, _: i64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_u64<E>(self, _: u64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_f64<E>(self, _: f64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_str<E>(self, s: &str) -> Result<usize, E> {
        Ok(usize::from(self.key.is_some_and(|key| blanks(key, s))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut count = 0;
        while let Some(n) = seq.next_element_seed(Count { key: None })? {
            count += n;
        }
        Ok(count)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        // Only the last value of a repeated key counts. Keys whose values count nothing are
        // not remembered unless a later value of theirs counts.
        let mut counted: Vec<(String, usize)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let n = map.next_value_seed(Count { key: Some(&key) })?;
            match counted.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = n,
                None if n > 0 => counted.push((key, n)),
                None => {}
            }
        }
        Ok(counted.iter().map(|(_, n)| n).sum())
    }
}

/// A JSON body or example read for its schema: what it contributes, and the scrubbed document
/// itself when the text is small enough to be kept as an example (`None` above
/// [`LARGE_BODY_BYTES`]). The error is the tolerant parser's.
pub fn read_json(text: &str) -> Result<(Inferred, Option<serde_json::Value>), String> {
    if is_large(text) {
        return infer_text(text).map(|inferred| (inferred, None));
    }
    read_small(text).map(|(inferred, value)| (inferred, Some(value)))
}

/// The small-body path: the whole document parsed, scrubbed, then inferred.
fn read_small(text: &str) -> Result<(Inferred, serde_json::Value), String> {
    let mut value = tolerant_json::parse(text)?;
    let scrubbed = scrub(&mut value);
    let mut findings = Findings::default();
    let shape = infer(&value, &mut findings);
    let inferred = Inferred {
        shape,
        findings,
        scrubbed,
    };
    Ok((inferred, value))
}

/// The top-level string member `name` of the JSON document `text`: what
/// `tolerant_json::parse(text)?.get(name)?.as_str()` returns, without building the document
/// (a token request is recognised by its body, which may be any size).
pub fn string_member(text: &str, name: &str) -> Option<String> {
    let strict = |text: &str| {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let found = serde::Deserializer::deserialize_any(&mut deserializer, Want::Member(name))?;
        deserializer.end()?;
        Ok::<_, serde_json::Error>(found)
    };
    strict(text)
        .or_else(|_| strict(&tolerant_json::repair(text)))
        .ok()
        .flatten()
}

/// What [`string_member`] reads a value for: the document, for its member `name`, or that
/// member, for its text when it is a string. Anything else is skipped and reads as `None`.
#[derive(Clone, Copy)]
enum Want<'a> {
    Member(&'a str),
    Text,
}

impl<'de> DeserializeSeed<'de> for Want<'_> {
    type Value = Option<String>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Want<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_str<E>(self, s: &str) -> Result<Option<String>, E> {
        Ok(match self {
            Want::Text => Some(s.to_string()),
            Want::Member(_) => None,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<String>, A::Error> {
        Count { key: None }.visit_seq(seq).map(|_| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let Want::Member(name) = self else {
            return Count { key: None }.visit_map(map).map(|_| None);
        };
        // The last of repeated members counts, as in a map.
        let mut found = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == name {
                found = map.next_value_seed(Want::Text)?;
            } else {
                map.next_value_seed(Count { key: None })?;
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both paths on the same text: same shape, findings, secret count, or the same error.
    fn assert_same(text: &str) {
        let small = read_small(text).map(|(inferred, _)| inferred);
        assert_eq!(infer_text(text), small, "{text}");
    }

    fn nested(open: &str, inner: &str, close: &str, depth: usize) -> String {
        format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
    }

    #[test]
    fn both_paths_agree_on_hand_written_bodies() {
        let many = |item: &str, n: usize| format!("[{}]", vec![item; n].join(","));
        let cases = [
            r#"{"a": 1, "b": null, "c": "x", "d": true, "e": 1.5}"#.to_string(),
            "[1, -1, -0, 1.5, 1e3, 18446744073709551615, 18446744073709551616, -9223372036854775809]".into(),
            r#"["2024-01-02", "2024-01-02T03:04:05Z", "123e4567-e89b-12d3-a456-426614174000", "https://x.io/a", "a@b.co", "x"]"#.into(),
            r#"[{"id": 1, "v": "x"}, {"id": 2, "v": {"k": 1}}, {"id": 3.5, "w": [1, "a"]}]"#.into(),
            r#"[null, 1]"#.into(),
            r#"[1, null, {"a": 1}]"#.into(),
            r#"[[], [1], ["x"], [null]]"#.into(),
            r#"[{}, {"a": []}, {"a": [{"b": 1}]}, {"a": [{"b": "x", "c": null}]}]"#.into(),
            // Repeated keys: the last value counts, in the first one's place, findings and
            // secrets included.
            r#"{"a": 1, "b": 2, "a": "x"}"#.into(),
            r#"{"a": [1, "x"], "b": 1, "a": 2}"#.into(),
            r#"{"a": 2, "a": [1, "x"]}"#.into(),
            r#"{"password": "p", "password": ""}"#.into(),
            r#"{"password": "", "password": "p", "token": "t", "token": "t"}"#.into(),
            format!(r#"{{"a": {}, "a": 1}}"#, nested("[", "1", "]", 40)),
            // Secrets: the placeholder is what is inferred from.
            r#"{"password": "hunter2", "token": "{{t}}", "apiKey": "", "x": {"secret": "2024-01-01"}}"#.into(),
            r#"{"password": 5, "clientSecret": {"token": "x"}, "list": [{"api_key": "k"}], "secret": "<secret>"}"#.into(),
            // Past the item cap and the depth cap: not inferred, still searched for secrets.
            format!(
                r#"[{}, {{"password": "x", "a": "conflict"}}]"#,
                vec![r#"{"a": 1}"#; 60].join(",")
            ),
            many("1", 51),
            many("1", 50),
            nested(r#"{"a": "#, r#"{"password": "x", "b": [1, "y"]}"#, "}", 35),
            nested("[", r#"{"token": "x"}"#, "]", 31),
            nested("[", "1", "]", 32),
            nested("[", "1", "]", 127),
            nested("[", "1", "]", 129),
            nested(r#"{"a": "#, "1", "}", 200),
            // Tolerated: comments, trailing commas, bare variables.
            "{\n  // the id\n  \"id\": {{id}}, /* note */\n  \"tags\": [\"a\", \"b\",],\n  \"url\": \"http://x//y {{v}}\",\n}".into(),
            "[1, 2,]".into(),
            // Not JSON even tolerantly: the same error.
            r#"{"a": }"#.into(),
            "{} x".into(),
            "".into(),
            r#"["\ud800"]"#.into(),
            r#"{1: 2}"#.into(),
            // Scalars at the root.
            r#""2024-01-02""#.into(),
            "1".into(),
            "null".into(),
        ];
        for text in &cases {
            assert_same(text);
        }
        // The cases above exercise what they claim.
        let capped = infer_text(&many("1", 51)).unwrap();
        assert!(capped.findings.capped);
        let secrets = infer_text(&cases[16]).unwrap();
        assert_eq!(secrets.scrubbed, 1);
        assert!(secrets.findings.capped && secrets.findings.conflicts.is_empty());
        let repeated = infer_text(&cases[9]).unwrap();
        assert!(repeated.findings.conflicts.is_empty());
        assert_eq!(repeated.shape.properties[0].name, "a");
        assert!(infer_text(&nested("[", "1", "]", 129))
            .unwrap_err()
            .contains("recursion limit"));
    }

    /// A small seeded generator of JSON-ish texts: few key names (so keys repeat and name
    /// secrets), every kind of value, arrays past the item cap, nesting past the depth cap,
    /// and now and then a comment, a trailing comma or a bare variable.
    struct Texts(u64);

    impl Texts {
        fn next(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }

        fn value(&mut self, out: &mut String) {
            match self.next(10) {
                6 => {
                    out.push('[');
                    let n = if self.next(16) == 0 { 55 } else { self.next(4) };
                    for i in 0..n {
                        if i > 0 {
                            out.push(',');
                        }
                        self.value(out);
                    }
                    self.trailing(n, out);
                    out.push(']');
                }
                7 => {
                    out.push('{');
                    let keys = ["id", "a", "b", "password", "token", "name"];
                    let n = self.next(5);
                    for i in 0..n {
                        if i > 0 {
                            out.push(',');
                        }
                        if self.next(30) == 0 {
                            out.push_str("/* c */");
                        }
                        let key = keys[self.next(keys.len() as u64) as usize];
                        out.push_str(&format!("\"{key}\": "));
                        self.value(out);
                    }
                    self.trailing(n, out);
                    out.push('}');
                }
                8 if self.next(8) == 0 => {
                    // A chain past the depth cap.
                    let (open, close) = [("[", "]"), ("{\"a\": ", "}")][self.next(2) as usize];
                    out.push_str(&open.repeat(MAX_DEPTH + 1));
                    self.value(out);
                    out.push_str(&close.repeat(MAX_DEPTH + 1));
                }
                0 => out.push_str("null"),
                1 => out.push_str(["true", "false"][self.next(2) as usize]),
                2 => out.push_str(&(self.next(2000) as i64 - 1000).to_string()),
                3 => out.push_str(&format!("{}.5", self.next(100))),
                9 if self.next(20) == 0 => out.push_str("{{bare}}"),
                _ => {
                    let strings = [
                        "\"x\"",
                        "\"2024-01-02\"",
                        "\"a@b.co\"",
                        "\"\"",
                        "\"{{v}}\"",
                        "\"<secret>\"",
                        "\"https://x.io\"",
                    ];
                    out.push_str(strings[self.next(strings.len() as u64) as usize]);
                }
            }
        }

        fn trailing(&mut self, n: u64, out: &mut String) {
            if n > 0 && self.next(25) == 0 {
                out.push(',');
            }
        }
    }

    #[test]
    fn both_paths_agree_on_generated_bodies() {
        let mut texts = Texts(0x9E37_79B9_7F4A_7C15);
        let (mut parsed, mut repaired, mut capped, mut conflicts, mut scrubbed) = (0, 0, 0, 0, 0);
        for _ in 0..400 {
            let mut text = String::from("[");
            for i in 0..8 {
                if i > 0 {
                    text.push(',');
                }
                texts.value(&mut text);
            }
            text.push(']');
            if texts.next(10) == 0 {
                // Cut short: both paths fail the same way.
                text.truncate(texts.next(text.len() as u64) as usize);
            }
            assert_same(&text);
            if let Ok(inferred) = infer_text(&text) {
                parsed += 1;
                repaired += usize::from(infer_strict(&text).is_err());
                capped += usize::from(inferred.findings.capped);
                conflicts += usize::from(!inferred.findings.conflicts.is_empty());
                scrubbed += usize::from(inferred.scrubbed > 0);
            }
        }
        // The generator reaches every kind of finding, tolerated texts and broken ones.
        assert!(
            (200..390).contains(&parsed)
                && repaired > 20
                && capped > 10
                && conflicts > 10
                && scrubbed > 10,
            "parsed {parsed}, repaired {repaired}, capped {capped}, conflicts {conflicts}, scrubbed {scrubbed}"
        );
    }

    #[test]
    fn a_large_text_is_inferred_without_the_document() {
        let row =
            r#"{"id": 12345, "name": "item", "tags": ["a", "b"], "price": 12.5, "token": "t"}"#;
        let text = format!(
            "[{}]",
            vec![row; LARGE_BODY_BYTES / row.len() + 1].join(",")
        );
        assert!(is_large(&text));
        let (inferred, value) = read_json(&text).unwrap();
        assert!(value.is_none());
        assert_eq!(
            Ok(inferred),
            read_small(&text).map(|(inferred, _)| inferred)
        );
        assert!(matches!(read_json(row), Ok((_, Some(_)))));
    }

    #[test]
    fn a_member_is_read_as_from_the_whole_document() {
        let whole = |text: &str| {
            tolerant_json::parse(text).ok().and_then(|v| {
                v.get("grant_type")
                    .and_then(|g| g.as_str().map(str::to_string))
            })
        };
        let cases = [
            r#"{"grant_type": "password", "x": [1, {"grant_type": "no"}]}"#.to_string(),
            r#"{"grant_type": "a", "grant_type": "b"}"#.into(),
            r#"{"grant_type": "a", "grant_type": 1}"#.into(),
            r#"{"grant_type": {"a": "b"}}"#.into(),
            r#"{"grant_type": ["a"]}"#.into(),
            r#"[{"grant_type": "a"}]"#.into(),
            r#""grant_type""#.into(),
            "{\"grant_type\": \"c\", // comment\n \"v\": {{v}},}".into(),
            r#"{"grant_type": "a", "x": }"#.into(),
            format!(
                r#"{{"grant_type": "a", "x": {}}}"#,
                "[".repeat(200) + &"]".repeat(200)
            ),
            format!(
                r#"{{"grant_type": "a", "x": {}}}"#,
                "[".repeat(100) + &"]".repeat(100)
            ),
        ];
        for text in &cases {
            assert_eq!(string_member(text, "grant_type"), whole(text), "{text}");
        }
        assert_eq!(string_member(&cases[1], "grant_type").as_deref(), Some("b"));
        assert_eq!(string_member(&cases[7], "grant_type").as_deref(), Some("c"));
    }
}
