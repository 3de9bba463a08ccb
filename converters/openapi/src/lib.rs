//! The OpenAPI frontend: Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1 documents (JSON or YAML)
//! to the intermediate form, and existing connectors back to it.
//!
//! Three users read through this crate: `connectorize convert openapi.yaml` ([`read`]), the
//! API Management frontend, whose exports are mostly OpenAPI 3.0.1 YAML ([`parse`] then
//! [`lower`], or [`read`]), and `diff`/`update`, which read an existing connector back without
//! losing anything ([`read_connector`]).
//!
//! Every lossy choice is a [`Diagnostic`](connectorize_ir::Diagnostic) with an `OA` code
//! ([`codes`]) located by file, JSON pointer, line and column. The README lists what is
//! supported and how each construct is mapped.
//!
//! Library code here never prints, never exits and never panics on input: hostile documents
//! (deep nesting, alias bombs, `$ref` loops) end in a located error or a diagnostic.

#![warn(missing_docs)]

mod bodies;
pub mod codes;
mod connector;
mod context;
mod ids;
mod lower;
mod model;
mod operations;
mod schema;
mod security;
mod servers;
mod source;
mod yaml;

use connectorize_ir::{Api, Diagnostics, Error, Location};
use serde_json::Value;

pub use connector::read_connector;
pub use model::{Document, Version};
pub use source::Positions;

/// Conversion settings.
#[derive(Default, Debug, Clone)]
pub struct Options {
    /// Server variable values (`--var name=value`), used before the variables' defaults.
    pub variables: Vec<(String, String)>,
}

/// Whether `text` looks like an OpenAPI or Swagger document: a top-level `swagger: "2.0"` or
/// `openapi: 3.x` member, found without parsing the whole text.
pub fn detect(text: &str) -> bool {
    match source::version_marker(text) {
        Some((key, value)) => version_of(&key, &value).is_some(),
        None => false,
    }
}

/// Reads a document and lowers it to one API.
pub fn read(
    text: &str,
    file: &str,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Result<Api, Error> {
    let document = parse(text, file, diagnostics)?;
    lower(&document, options, diagnostics)
}

/// Parses JSON or YAML text into a [`Document`], checking the version marker. YAML
/// ambiguities and duplicate keys are reported into `diagnostics`.
pub fn parse(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Result<Document, Error> {
    let mut positions = source::Positions::default();
    let root = source::load(text, file, &mut positions, diagnostics)?;
    if !root.is_object() {
        return Err(Error::new(
            codes::INVALID_STRUCTURE,
            "the document is not an object (a mapping of members)",
        )
        .at(Location::file(file).at("")));
    }
    let marker = ["swagger", "openapi"]
        .into_iter()
        .find_map(|key| root.get(key).map(|value| (key, value)));
    let version = marker.and_then(|(key, value)| {
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        version_of(key, &text)
    });
    let Some(version) = version else {
        let found = marker.map_or(
            "no `swagger` or `openapi` member".to_owned(),
            |(key, value)| format!("`{key}: {value}`"),
        );
        let location =
            Location::file(file).at(marker.map_or(String::new(), |(key, _)| format!("/{key}")));
        let location = match marker.and_then(|(key, _)| positions.get(&format!("/{key}"))) {
            Some(&(line, column)) => location.line_col(line, column),
            None => location,
        };
        return Err(Error::new(
            codes::NOT_OPENAPI,
            format!("the document is not Swagger 2.0 or OpenAPI 3.0/3.1: found {found}"),
        )
        .at(location)
        .help("convert other versions to OpenAPI 3.x first"));
    };
    if let Some((key, Value::Number(n))) = marker {
        let at = format!("/{key}");
        let mut location = Location::file(file).at(at.clone());
        if let Some(&(line, column)) = positions.get(&at) {
            location = location.line_col(line, column);
        }
        diagnostics.push(
            connectorize_ir::Diagnostic::new(
                codes::YAML_AMBIGUOUS,
                format!("`{key}: {n}` is a number, not the text the specification requires; read as \"{n}\""),
            )
            .at(location)
            .help("quote the version"),
        );
    }
    Ok(Document {
        file: file.to_owned(),
        version,
        root,
        positions,
    })
}

/// Lowers a parsed document to one API.
pub fn lower(
    document: &Document,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Result<Api, Error> {
    lower::lower(document, options, false, diagnostics)
}

fn version_of(key: &str, value: &str) -> Option<Version> {
    match key {
        "swagger" if value == "2.0" => Some(Version::Swagger2),
        "openapi" if value.starts_with("3.0") => Some(Version::OpenApi30),
        "openapi" if value.starts_with("3.1") => Some(Version::OpenApi31),
        _ => None,
    }
}
