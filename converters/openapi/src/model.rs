//! The parsed input: the document as a JSON value plus what the lowering needs to point
//! back into it.
//!
//! The document stays a `serde_json::Value` instead of typed structs on purpose: real inputs
//! are often invalid in small ways (a number where a string belongs, an unknown member), and
//! a value lets the lowering keep going, report the exact pointer, copy `x-` extensions
//! verbatim and resolve `$ref`s anywhere, where a strict typed model would reject the file.

use serde_json::Value;

use crate::source::Positions;

/// Which specification the document follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// Swagger 2.0 (`swagger: "2.0"`), the format connectors use.
    Swagger2,
    /// OpenAPI 3.0.x.
    OpenApi30,
    /// OpenAPI 3.1.x (JSON Schema 2020-12 schemas, webhooks).
    OpenApi31,
}

impl Version {
    /// Whether the document is OpenAPI 3.x.
    pub fn is_openapi3(self) -> bool {
        !matches!(self, Version::Swagger2)
    }
}

/// A parsed OpenAPI or Swagger document, ready to lower.
#[derive(Clone, Debug)]
pub struct Document {
    /// The input file name, as given (used in every location).
    pub file: String,
    /// The specification version.
    pub version: Version,
    /// The whole document.
    pub root: Value,
    /// Line and column of each node by JSON pointer (YAML inputs only).
    pub positions: Positions,
}
