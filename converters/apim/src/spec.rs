//! Specification documents, read by the OpenAPI frontend (OpenAPI 3.x or Swagger 2.0, JSON
//! or YAML). Its findings keep their `OA` codes; a fatal one becomes this API's failure.

use connectorize_ir::{Api, Diagnostics, Error};

use crate::Options;

/// Reads a specification into an IR API.
pub fn read(
    text: &str,
    file: &str,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<Api, Error> {
    let settings = connectorize_openapi::Options {
        variables: options.variables.clone(),
    };
    connectorize_openapi::read(text, file, &settings, out)
}
