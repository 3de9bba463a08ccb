//! Reading and writing `ir.json`.

use crate::diag::{Error, Location};
use crate::{codes, Api, IR_VERSION};

/// Serializes an API as pretty JSON (2-space indent) with a trailing newline.
pub fn to_json(api: &Api) -> String {
    let mut text = serde_json::to_string_pretty(api).expect("the IR always serializes");
    text.push('\n');
    text
}

/// Reads an API from `ir.json` text. `file` names the input in error locations.
///
/// Rejects a missing or different `irVersion` before looking at anything else, so an old
/// file gets a version message rather than a confusing field error.
pub fn from_json(text: &str, file: &str) -> Result<Api, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::new(codes::INVALID_IR, format!("not valid JSON: {e}"))
            .at(Location::file(file).line_col(e.line() as u32, e.column() as u32))
    })?;
    from_value(&value, file)
}

/// Reads an API from an already parsed JSON value (one item of an array of IR documents, for
/// instance); errors are located in `file` by JSON pointer.
pub fn from_value(value: &serde_json::Value, file: &str) -> Result<Api, Error> {
    match value.get("irVersion").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(IR_VERSION) => {}
        Some(v) => {
            return Err(Error::new(
                codes::IR_VERSION_MISMATCH,
                format!("irVersion {v} is not supported; this build reads irVersion {IR_VERSION}"),
            )
            .at(Location::file(file).at("/irVersion"))
            .help("regenerate the file with `connectorize ir` from this build"))
        }
        None => {
            return Err(Error::new(
                codes::IR_VERSION_MISMATCH,
                "the document has no numeric `irVersion`, so it is not an IR file",
            )
            .at(Location::file(file).at(""))
            .help("an IR file is what `connectorize ir INPUT` prints"))
        }
    }
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
    serde::Deserialize::deserialize(deserializer).map_err(|e: serde_json::Error| {
        let pointer = crate::pointer::from_serde_path(&track.path());
        Error::new(codes::INVALID_IR, format!("invalid IR: {e}"))
            .at(Location::file(file).at(pointer))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_puts_version_first() {
        let api = Api::new("Demo");
        let text = to_json(&api);
        assert!(text.starts_with("{\n  \"irVersion\": 1,"), "{text}");
        assert!(text.ends_with("}\n"));
        assert_eq!(from_json(&text, "ir.json").unwrap(), api);
    }

    #[test]
    fn rejects_other_versions_and_points_at_bad_fields() {
        let err = from_json(r#"{"irVersion": 99, "info": {"title": "x"}}"#, "a.json").unwrap_err();
        assert_eq!(err.diagnostic().code, codes::IR_VERSION_MISMATCH);
        let err = from_json(
            r#"{"irVersion": 1, "info": {"title": "x"}, "operations": [{"id": "A", "method": "FETCH", "path": "/"}]}"#,
            "a.json",
        )
        .unwrap_err();
        let location = err.diagnostic().location.clone().unwrap();
        assert_eq!(location.pointer.as_deref(), Some("/operations/0/method"));
        let err = from_json("{", "a.json").unwrap_err();
        assert_eq!(err.diagnostic().location.as_ref().unwrap().line, Some(1));
    }
}
