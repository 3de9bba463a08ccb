//! Text -> [`model::Document`]: BOM, the `{"collection": …}` envelope, v1 detection and
//! located errors (line:col for syntax errors, a JSON pointer for shape errors).

use connectorize_ir::{Diagnostic, Diagnostics, Error, Location};

use crate::codes;
use crate::model::{Document, Info, Item};

/// A collection ready for lowering.
#[derive(Debug)]
pub struct Parsed {
    /// The collection proper (the envelope removed).
    pub document: Document,
    /// The collection's `info` (an empty one when absent).
    pub info: Info,
    /// Its top-level items.
    pub items: Vec<Item>,
    /// JSON pointer of the collection inside the file: `""` or `/collection`.
    pub base: String,
}

/// Strips a UTF-8 byte order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses a collection file.
pub fn parse(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Result<Parsed, Error> {
    let text = strip_bom(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: Document = match serde::Deserialize::deserialize(&mut deserializer)
        .and_then(|doc| deserializer.end().map(|()| doc))
    {
        Ok(document) => document,
        // Only a file that fails pays for tracking where it failed: the same parse again,
        // recording the path (it fails the same way, at the same place).
        Err(_) => located(text, file)?,
    };
    let (mut document, base) = match document.collection {
        Some(inner) if document.info.is_none() && document.item.is_none() => {
            (*inner, "/collection".to_string())
        }
        _ => (document, String::new()),
    };
    if document.item.is_none() {
        if document.requests.is_some() || document.order.is_some() {
            return Err(Error::new(
                codes::V1_COLLECTION,
                "this is a Postman collection in the v1 format, which is not supported",
            )
            .at(Location::file(file).at(format!("{base}/requests")))
            .help("open it in Postman and export it again as Collection v2.1"));
        }
        return Err(Error::new(
            codes::INVALID_COLLECTION,
            "the file has no `item` list, so it is not a Postman v2.x collection",
        )
        .at(Location::file(file).at(base))
        .help("export the collection from Postman as Collection v2.1"));
    }
    let info = document.info.take().unwrap_or_default();
    check_schema(&info, file, &base, diagnostics);
    let items = document.item.take().unwrap_or_default();
    Ok(Parsed {
        document,
        info,
        items,
        base,
    })
}

/// Parses with the JSON pointer of every value tracked, for a located error.
fn located(text: &str, file: &str) -> Result<Document, Error> {
    let mut track = serde_path_to_error::Track::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
    serde::Deserialize::deserialize(tracked)
        .and_then(|doc| deserializer.end().map(|()| doc))
        .map_err(|error| json_error(&error, &track.path(), file))
}

/// Reports a missing or unknown `info.schema` (the file is still read as v2.x).
fn check_schema(info: &Info, file: &str, base: &str, diagnostics: &mut Diagnostics) {
    let schema = info.schema.as_deref().or(info.postman_schema.as_deref());
    let known = schema.is_some_and(|s| {
        let s = s.to_ascii_lowercase();
        (s.contains("getpostman.com") || s.contains("schema.postman.com"))
            && (s.contains("v2.0")
                || s.contains("v2.1")
                || s.contains("#2.0")
                || s.contains("#2.1"))
    });
    if !known {
        diagnostics.push(
            Diagnostic::new(
                codes::UNKNOWN_SCHEMA,
                match schema {
                    Some(s) => format!("info.schema `{s}` is not a known Postman v2.x schema; reading the file as v2.x"),
                    None => "info.schema is missing; reading the file as a v2.x collection".to_string(),
                },
            )
            .at(Location::file(file).at(format!("{base}/info"))),
        );
    }
}

/// A located error from a syntax or shape failure.
fn json_error(error: &serde_json::Error, path: &serde_path_to_error::Path, file: &str) -> Error {
    use serde_json::error::Category;
    let line = u32::try_from(error.line()).unwrap_or(u32::MAX);
    let column = u32::try_from(error.column()).unwrap_or(u32::MAX);
    match error.classify() {
        Category::Data => Error::new(
            codes::INVALID_COLLECTION,
            format!("the collection does not have the expected shape: {error}"),
        )
        .at(Location::file(file)
            .at(connectorize_ir::pointer::from_serde_path(path))
            .line_col(line, column)),
        _ => Error::new(
            codes::INVALID_JSON,
            format!("the file is not valid JSON: {error}"),
        )
        .at(Location::file(file).line_col(line, column))
        .help("fix the JSON syntax at the position shown, or export the collection again"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let mut sink = Diagnostics::new();
        let err = parse("{\n  \"item\": [,]\n}", "c.json", &mut sink).unwrap_err();
        let d = err.diagnostic();
        assert_eq!(d.code, codes::INVALID_JSON);
        let at = d.location.clone().unwrap();
        assert_eq!((at.line, at.column), (Some(2), Some(12)));
    }

    #[test]
    fn shape_errors_carry_the_pointer_and_position_of_the_value() {
        let mut sink = Diagnostics::new();
        let text = "{\"item\": [\n  {\"name\": \"a\"},\n  {\"item\": [{\"auth\": \"bearer\"}]}\n]}";
        let err = parse(text, "c.json", &mut sink).unwrap_err();
        let d = err.diagnostic();
        assert_eq!(d.code, codes::INVALID_COLLECTION);
        assert_eq!(
            d.message,
            "the collection does not have the expected shape: invalid type: string \"bearer\", expected struct Auth at line 3 column 29"
        );
        let at = d.location.clone().unwrap();
        assert_eq!(at.pointer.as_deref(), Some("/item/1/item/0/auth"));
        assert_eq!((at.line, at.column), (Some(3), Some(29)));
    }

    #[test]
    fn unwraps_the_envelope_and_strips_the_bom() {
        let mut sink = Diagnostics::new();
        let parsed = parse(
            "\u{feff}{\"collection\": {\"info\": {\"name\": \"x\"}, \"item\": []}}",
            "c.json",
            &mut sink,
        )
        .unwrap();
        assert_eq!(parsed.base, "/collection");
        assert_eq!(parsed.info.name.as_deref(), Some("x"));
    }
}
