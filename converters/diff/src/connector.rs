//! The two connector files as JSON, read without interpretation.
//!
//! The diff and the merge work on the files as the maker sees them, not on the IR: a connector
//! edited in the portal holds extensions and policies the IR cannot express, and every one of
//! them must be compared and kept.

use std::io;

use connectorize_ir::{Error, Location};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::codes;

/// Which of the two connector files something lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum File {
    /// `apiDefinition.swagger.json`.
    #[serde(rename = "apiDefinition.swagger.json")]
    Definition,
    /// `apiProperties.json`.
    #[serde(rename = "apiProperties.json")]
    Properties,
}

impl File {
    /// The file name every connector folder uses.
    pub const fn name(self) -> &'static str {
        match self {
            File::Definition => "apiDefinition.swagger.json",
            File::Properties => "apiProperties.json",
        }
    }
}

/// A connector: the Swagger definition and the properties file, each a JSON object.
///
/// Other files of a connector folder (`script.csx`, `icon.png`, `settings.json`) are not part
/// of it: the diff does not compare them and the merge never touches them.
#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    /// `apiDefinition.swagger.json`.
    pub definition: Value,
    /// `apiProperties.json`; `{}` when a folder has none.
    pub properties: Value,
}

impl Connector {
    /// A connector from two already parsed documents.
    pub fn new(definition: Value, properties: Value) -> Self {
        Connector {
            definition,
            properties,
        }
    }

    /// Parses both files. Errors name the file and the line and column of the problem.
    pub fn from_texts(definition: &str, properties: &str) -> Result<Self, Error> {
        Ok(Connector {
            definition: parse_object(definition, File::Definition.name())?,
            properties: parse_object(properties, File::Properties.name())?,
        })
    }

    /// The value of one of the two files.
    pub fn file(&self, file: File) -> &Value {
        match file {
            File::Definition => &self.definition,
            File::Properties => &self.properties,
        }
    }

    /// The two files as the bytes `convert` and `update` write, see [`to_pretty`].
    pub fn to_texts(&self) -> (String, String) {
        (to_pretty(&self.definition), to_pretty(&self.properties))
    }
}

/// Parses `text` as a JSON object; `label` names the file in errors.
///
/// A UTF-8 byte-order mark is skipped: files saved by Windows editors and by some portal
/// downloads start with one.
pub fn parse_object(text: &str, label: &str) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::new(
            codes::INVALID_JSON,
            format!("{label} is not valid JSON: {e}"),
        )
        .at(Location::file(label).line_col(
            u32::try_from(e.line()).unwrap_or(u32::MAX),
            u32::try_from(e.column()).unwrap_or(u32::MAX),
        ))
    })?;
    if !value.is_object() {
        return Err(Error::new(
            codes::NOT_AN_OBJECT,
            format!("{label} holds a JSON {}, not an object", kind(&value)),
        )
        .at(Location::file(label).at(""))
        .help("a connector file is a single JSON object"));
    }
    Ok(value)
}

/// The output form of every JSON file the library produces: two-space indentation and a
/// trailing newline, keys in the order of the value. Same value, same bytes.
pub fn to_pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Whether `text` is exactly [`to_pretty`]`(value)`, found without building that text: the
/// value is written into a sink that compares as it goes and gives up at the first difference.
///
/// Folders written by `convert` and `update` hold their files in the output form, so a caller
/// that shows a file in that form can use the text it read and skip a second copy.
pub fn is_pretty(text: &str, value: &Value) -> bool {
    /// The part of the text not yet matched; a write that does not match it fails.
    struct Unmatched<'a>(&'a [u8]);
    impl io::Write for Unmatched<'_> {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.write_all(bytes).map(|()| bytes.len())
        }
        fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
            let mismatch = || io::Error::from(io::ErrorKind::InvalidData);
            let (head, rest) = self.0.split_at_checked(bytes.len()).ok_or_else(mismatch)?;
            // Most writes are a few bytes of punctuation or indentation; comparing those inline
            // rather than through a `memcmp` call makes the whole check about a third cheaper.
            let same = if bytes.len() <= 16 {
                head.iter().zip(bytes).all(|(a, b)| a == b)
            } else {
                head == bytes
            };
            if !same {
                return Err(mismatch());
            }
            self.0 = rest;
            Ok(())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut unmatched = Unmatched(text.as_bytes());
    serde_json::to_writer_pretty(&mut unmatched, value).is_ok() && unmatched.0 == b"\n"
}

/// An empty JSON object, the stand-in for a missing `apiProperties.json`.
pub fn empty_object() -> Value {
    Value::Object(Map::new())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_located_and_coded() {
        let error = Connector::from_texts("{\n  \"a\": }", "{}").unwrap_err();
        let d = error.diagnostic();
        assert_eq!(d.code, codes::INVALID_JSON);
        let location = d.location.as_ref().unwrap();
        assert_eq!(location.file.as_deref(), Some("apiDefinition.swagger.json"));
        assert_eq!(location.line, Some(2));
        let error = Connector::from_texts("{}", "[1]").unwrap_err();
        assert_eq!(error.diagnostic().code, codes::NOT_AN_OBJECT);
        assert!(error
            .to_string()
            .contains("apiProperties.json holds a JSON array"));
    }

    #[test]
    fn only_the_exact_output_form_is_pretty() {
        let text = "{\n  \"b\": 1.5,\n  \"a\": [\n    \"x/y\",\n    {}\n  ]\n}\n";
        let value = parse_object(text, "f").unwrap();
        assert_eq!(to_pretty(&value), text);
        assert!(is_pretty(text, &value));
        // The same value written otherwise: compact, with a byte-order mark, CRLF, four
        // spaces, other key order, other number and escape forms, without or with one more
        // final newline.
        for other in [
            "{\"b\":1.5,\"a\":[\"x/y\",{}]}\n",
            "\u{feff}{\n  \"b\": 1.5,\n  \"a\": [\n    \"x/y\",\n    {}\n  ]\n}\n",
            "{\r\n  \"b\": 1.5,\r\n  \"a\": [\r\n    \"x/y\",\r\n    {}\r\n  ]\r\n}\r\n",
            "{\n    \"b\": 1.5,\n    \"a\": [\n        \"x/y\",\n        {}\n    ]\n}\n",
            "{\n  \"a\": [\n    \"x/y\",\n    {}\n  ],\n  \"b\": 1.5\n}\n",
            "{\n  \"b\": 15e-1,\n  \"a\": [\n    \"x\\/y\",\n    {}\n  ]\n}\n",
            "{\n  \"b\": 1.5,\n  \"a\": [\n    \"x/y\",\n    {}\n  ]\n}",
            "{\n  \"b\": 1.5,\n  \"a\": [\n    \"x/y\",\n    {}\n  ]\n}\n\n",
        ] {
            assert_eq!(parse_object(other, "f").unwrap(), value, "{other:?}");
            assert!(!is_pretty(other, &value), "{other:?}");
        }
        // A text that is only the start of the output form.
        assert!(!is_pretty(&text[..text.len() - 2], &value));
        assert!(!is_pretty("", &value));
        // Long writes (a string) are compared as a whole, to their last byte.
        let long = serde_json::json!({"s": "a".repeat(40)});
        let text = to_pretty(&long);
        assert!(is_pretty(&text, &long));
        assert!(!is_pretty(&text.replace("aa\"", "ab\""), &long));
    }

    #[test]
    fn skips_a_byte_order_mark_and_prints_two_space_json() {
        let c = Connector::from_texts("\u{feff}{\"b\":1,\"a\":[]}", "{}").unwrap();
        assert_eq!(c.to_texts().0, "{\n  \"b\": 1,\n  \"a\": []\n}\n");
    }
}
