//! Everything a conversion can be told, gathered from the command line or set by a library
//! caller. Each frontend reads the fields that concern it.

use std::path::PathBuf;

use connectorize_connector::RenderOptions;

/// Conversion options.
#[derive(Clone, Debug)]
pub struct Options {
    /// The input kind (`--from`); detected when `None`.
    pub from: Option<String>,
    /// `--var NAME=VALUE` overrides (Postman variables, OpenAPI server variables, APIM named values).
    pub variables: Vec<(String, String)>,
    /// A Postman environment file.
    pub environment: Option<PathBuf>,
    /// Which authentication to keep when an input mixes several (`--auth`).
    pub auth: Option<String>,
    /// One connector per origin for Postman collections that call several hosts.
    pub split_by_host: bool,
    /// The API Management gateway host to call.
    pub gateway_host: Option<String>,
    /// Call the API Management backend instead of the gateway.
    pub target_backend: bool,
    /// The API Management environment whose `configuration.<env>.yaml` applies.
    pub apim_environment: Option<String>,
    /// The API Management revision to convert instead of the current one.
    pub revision: Option<String>,
    /// API Management API names or globs to convert (all when empty).
    pub apis: Vec<String>,
    /// Largest input file, in bytes.
    pub max_input_bytes: u64,
    /// How to render.
    pub render: RenderOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            from: None,
            variables: Vec::new(),
            environment: None,
            auth: None,
            split_by_host: false,
            gateway_host: None,
            target_backend: false,
            apim_environment: None,
            revision: None,
            apis: Vec::new(),
            max_input_bytes: crate::input::DEFAULT_MAX_INPUT_BYTES,
            render: RenderOptions::default(),
        }
    }
}
