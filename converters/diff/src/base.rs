//! The base file: what `convert` generated, recorded so `update` can tell the maker's edits
//! from the source's changes.
//!
//! It lives at [`BASE_FILE`] inside the connector folder and holds both generated files
//! verbatim:
//!
//! ```json
//! {
//!   "tool": "connectorize",
//!   "formatVersion": 1,
//!   "definition": { "swagger": "2.0", "...": "the generated apiDefinition.swagger.json" },
//!   "properties": { "properties": { "...": "the generated apiProperties.json" } }
//! }
//! ```
//!
//! `convert` and `update` rewrite it with what they generated (for `update`: theirs, the new
//! generation, not the merged result), so the next update again compares against what the
//! source last produced. It holds no secrets because generated files hold none. Paconn and
//! the portal ignore the folder.

use connectorize_ir::{Error, Location};
use serde_json::Value;

use crate::codes;
use crate::connector::{empty_object, parse_object, Connector};

/// Where the base file lives, relative to the connector folder.
pub const BASE_FILE: &str = ".connectorize/base.json";

/// The format version this library writes and reads.
const FORMAT_VERSION: u64 = 1;

/// The connector as the tool last generated it.
#[derive(Clone, Debug, PartialEq)]
pub struct Base {
    /// The generated files.
    pub connector: Connector,
}

impl Base {
    /// Records `connector` as the generated state.
    pub fn new(connector: Connector) -> Self {
        Base { connector }
    }
}

/// The base file's text (pretty JSON, trailing newline).
pub fn base_to_json(base: &Base) -> String {
    base_text(&base.connector.definition, &base.connector.properties)
}

/// The base file's text for these generated files, written from them as they are (no copy
/// of either document is made: they can be megabytes).
pub fn base_text(definition: &Value, properties: &Value) -> String {
    struct Record<'a>(&'a Value, &'a Value);
    impl serde::Serialize for Record<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap as _;
            let mut map = serializer.serialize_map(Some(4))?;
            map.serialize_entry("tool", "connectorize")?;
            map.serialize_entry("formatVersion", &FORMAT_VERSION)?;
            map.serialize_entry("definition", self.0)?;
            map.serialize_entry("properties", self.1)?;
            map.end()
        }
    }
    let mut text =
        serde_json::to_string_pretty(&Record(definition, properties)).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a base file. Errors are located in [`BASE_FILE`].
pub fn base_from_json(text: &str) -> Result<Base, Error> {
    let value = parse_object(text, BASE_FILE)?;
    if value.get("tool").and_then(Value::as_str) != Some("connectorize") {
        return Err(Error::new(
            codes::BASE_NOT_RECOGNISED,
            format!("{BASE_FILE} does not say \"tool\": \"connectorize\""),
        )
        .at(Location::file(BASE_FILE).at("/tool"))
        .help("delete the file to update without a base (a two-way merge)"));
    }
    let version = value.get("formatVersion").and_then(Value::as_u64);
    if version != Some(FORMAT_VERSION) {
        return Err(Error::new(
            codes::BASE_VERSION_UNSUPPORTED,
            format!(
                "{BASE_FILE} has format version {}, this connectorize reads {FORMAT_VERSION}",
                version.map_or_else(|| "none".to_owned(), |v| v.to_string())
            ),
        )
        .at(Location::file(BASE_FILE).at("/formatVersion"))
        .help("use the connectorize that wrote it, or delete it to update without a base"));
    }
    let part = |name: &str| -> Result<Value, Error> {
        match value.get(name) {
            Some(v) if v.is_object() => Ok(v.clone()),
            None => Ok(empty_object()),
            Some(_) => Err(Error::new(
                codes::NOT_AN_OBJECT,
                format!("{BASE_FILE}: \"{name}\" is not a JSON object"),
            )
            .at(Location::file(BASE_FILE).at(format!("/{name}")))),
        }
    };
    Ok(Base::new(Connector::new(
        part("definition")?,
        part("properties")?,
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connector::to_pretty;
    use serde_json::json;

    #[test]
    fn base_text_is_the_pretty_record() {
        let definition = json!({"swagger": "2.0", "paths": {"/a": {"get": {"x": [1, "é", null]}}}});
        let properties = json!({"properties": {"iconBrandColor": "#007ee5"}});
        let expected = to_pretty(&json!({
            "tool": "connectorize",
            "formatVersion": FORMAT_VERSION,
            "definition": definition,
            "properties": properties,
        }));
        assert_eq!(base_text(&definition, &properties), expected);
    }

    #[test]
    fn round_trips_and_rejects_foreign_files() {
        let base = Base::new(Connector::new(
            json!({"swagger": "2.0"}),
            json!({"properties": {}}),
        ));
        let text = base_to_json(&base);
        assert!(text.starts_with("{\n  \"tool\": \"connectorize\",\n  \"formatVersion\": 1,"));
        assert_eq!(base_from_json(&text).unwrap(), base);
        let foreign = base_from_json("{\"tool\": \"other\"}").unwrap_err();
        assert_eq!(foreign.diagnostic().code, codes::BASE_NOT_RECOGNISED);
        let newer =
            base_from_json("{\"tool\": \"connectorize\", \"formatVersion\": 2}").unwrap_err();
        assert_eq!(newer.diagnostic().code, codes::BASE_VERSION_UNSUPPORTED);
    }
}
