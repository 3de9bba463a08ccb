//! The frontend table: which input kinds this build reads, how each is recognized, and how it
//! is read. The CLI builds `--from` values and auto-detection from this one list.

use connectorize_ir::{Api, Diagnostics, Error, Location};

use crate::codes;
use crate::input::Source;
use crate::options::Options;

/// One API read from an input, ready to render, or the reason it could not be read.
#[derive(Debug)]
pub struct Unit {
    /// What the unit is called in summaries (the API name, or the input name).
    pub name: String,
    /// The API, or why this API failed (other units of the same input still proceed).
    pub result: Result<Api, Error>,
    /// Findings while reading this API.
    pub diagnostics: Diagnostics,
    /// Whether the API was read back from connector files and must be rendered as it is.
    pub faithful: bool,
    /// Whether the API was left out on purpose (the reason is `result`'s error); a skip is
    /// not a failure.
    pub skipped: bool,
}

/// A unit still to be read: frontends that hold many APIs (API Management bundles) hand out
/// one job per API so that the caller can run them in parallel.
pub struct Pending(Box<dyn FnOnce() -> Unit + Send>);

impl Pending {
    /// A unit that is already read.
    pub fn ready(unit: Unit) -> Self {
        Pending(Box::new(move || unit))
    }

    /// Reads the unit.
    pub fn run(self) -> Unit {
        (self.0)()
    }
}

/// A frontend: an input kind and the functions that recognize and read it.
pub struct Frontend {
    /// The `--from` value.
    pub name: &'static str,
    /// What the kind is, for help and error messages.
    pub summary: &'static str,
    /// Cheap recognition, without a full parse.
    pub detect: fn(&Source) -> bool,
    /// Reads every API of the input. An `Err` means the whole input failed.
    pub read: fn(&Source, &Options) -> Result<Vec<Pending>, Error>,
}

/// Every frontend, in detection order: the most specific signatures first.
pub static FRONTENDS: &[Frontend] = &[
    Frontend {
        name: "ir",
        summary: "connectorize's intermediate form (what `connectorize ir` prints)",
        detect: detect_ir,
        read: read_ir,
    },
    Frontend {
        name: "connector",
        summary: "an existing connector folder (apiDefinition.swagger.json + apiProperties.json), read back faithfully",
        detect: |source| crate::folder::is_connector(source.path()),
        read: read_connector,
    },
    Frontend {
        name: "apim",
        summary: "an Azure API Management export: APIOps extractor folder, resource-kit ARM templates, or a raw APIM OpenAPI export",
        detect: |source| match source.text() {
            // A file already read: its text rules most files out without a second read.
            Some(text) if !connectorize_apim::may_be_export_file(text) => false,
            _ => connectorize_apim::detect(source.path()),
        },
        read: read_apim,
    },
    Frontend {
        name: "postman",
        summary: "a Postman collection (v2.1 or v2.0 export)",
        detect: |source| source.text().is_some_and(connectorize_postman::detect),
        read: read_postman,
    },
    Frontend {
        name: "openapi",
        summary: "an OpenAPI 3.0/3.1 or Swagger 2.0 document, JSON or YAML",
        detect: |source| source.text().is_some_and(connectorize_openapi::detect),
        read: read_openapi,
    },
];

/// The frontend that recognizes `source`, if any.
pub fn detect(source: &Source) -> Option<&'static Frontend> {
    FRONTENDS.iter().find(|f| (f.detect)(source))
}

/// The frontend named `name` (a `--from` value).
pub fn by_name(name: &str) -> Option<&'static Frontend> {
    FRONTENDS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// Reads `source` with the frontend `from` names, or the one that recognizes it.
pub fn read(source: &Source, options: &Options) -> Result<Vec<Pending>, Error> {
    let frontend = match options.from.as_deref() {
        Some(name) => by_name(name).ok_or_else(|| {
            Error::new(
                codes::KIND_UNSUPPORTED,
                format!("this build has no frontend named `{name}`"),
            )
            .help(format!("use one of: {}", names()))
        })?,
        None => detect(source).ok_or_else(|| {
            Error::new(
                codes::INPUT_UNRECOGNIZED,
                format!("`{}` is not an input this build recognizes", source.name()),
            )
            .at(Location::file(source.name()))
            .help(format!("name its kind with --from ({})", names()))
        })?,
    };
    (frontend.read)(source, options)
}

fn names() -> String {
    FRONTENDS
        .iter()
        .map(|f| f.name)
        .collect::<Vec<_>>()
        .join(", ")
}

fn file_text<'a>(source: &'a Source, kind: &str) -> Result<&'a str, Error> {
    source.text().ok_or_else(|| {
        Error::new(
            codes::INPUT_UNREADABLE,
            format!(
                "`{}` is a folder, but {kind} input is a file",
                source.name()
            ),
        )
        .at(Location::file(source.name()))
    })
}

/// Several APIs from one input (a collection split by host) share the input's diagnostics;
/// they are reported once, with the first API.
fn units(apis: Vec<Api>, mut diagnostics: Diagnostics, faithful: bool) -> Vec<Pending> {
    apis.into_iter()
        .map(|api| {
            Pending::ready(Unit {
                name: api.info.title.clone(),
                result: Ok(api),
                diagnostics: std::mem::take(&mut diagnostics),
                faithful,
                skipped: false,
            })
        })
        .collect()
}

fn read_apim(source: &Source, options: &Options) -> Result<Vec<Pending>, Error> {
    let apim_options = connectorize_apim::Options {
        gateway_host: options.gateway_host.clone(),
        target: if options.target_backend {
            connectorize_apim::Target::Backend
        } else {
            connectorize_apim::Target::Gateway
        },
        environment: options.apim_environment.clone(),
        revision: options.revision.clone(),
        apis: options.apis.clone(),
        variables: options.variables.clone(),
    };
    let mut bundle = connectorize_apim::scan(source.path(), &apim_options)?;
    let mut shared = std::mem::take(&mut bundle.diagnostics);
    let bundle = std::sync::Arc::new(bundle);
    let apim_options = std::sync::Arc::new(apim_options);
    Ok((0..bundle.apis.len())
        .map(|index| {
            let bundle = std::sync::Arc::clone(&bundle);
            let apim_options = std::sync::Arc::clone(&apim_options);
            let mut diagnostics = std::mem::take(&mut shared);
            Pending(Box::new(move || {
                let outcome =
                    connectorize_apim::convert_api(&bundle, &bundle.apis[index], &apim_options);
                diagnostics.extend(outcome.diagnostics);
                let name =
                    if outcome.display_name.is_empty() || outcome.display_name == outcome.name {
                        outcome.name
                    } else {
                        format!("{} ({})", outcome.display_name, outcome.name)
                    };
                let (result, skipped) = match outcome.result {
                    connectorize_apim::Outcome::Converted(api) => (Ok(*api), false),
                    connectorize_apim::Outcome::Skipped(reason) => (Err(Error(reason)), true),
                    connectorize_apim::Outcome::Failed(error) => (Err(error), false),
                };
                Unit {
                    name,
                    result,
                    diagnostics,
                    faithful: false,
                    skipped,
                }
            }))
        })
        .collect())
}

fn read_connector(source: &Source, options: &Options) -> Result<Vec<Pending>, Error> {
    let folder = crate::folder::load(source.path(), options.max_input_bytes)?;
    let properties = folder
        .properties
        .as_ref()
        .map(|p| (p.text.as_str(), p.name.as_str()));
    let mut diagnostics = Diagnostics::new();
    let api = connectorize_openapi::read_connector(
        &folder.definition.text,
        &folder.definition.name,
        properties,
        &mut diagnostics,
    )?;
    Ok(units(vec![api], diagnostics, true))
}

fn read_openapi(source: &Source, options: &Options) -> Result<Vec<Pending>, Error> {
    let text = file_text(source, "an OpenAPI")?;
    let openapi_options = connectorize_openapi::Options {
        variables: options.variables.clone(),
    };
    let mut diagnostics = Diagnostics::new();
    let api = connectorize_openapi::read(text, source.name(), &openapi_options, &mut diagnostics)?;
    Ok(units(vec![api], diagnostics, false))
}

fn read_postman(source: &Source, options: &Options) -> Result<Vec<Pending>, Error> {
    let text = file_text(source, "a Postman collection")?;
    let environment = match &options.environment {
        Some(path) => {
            let env_text = crate::input::read_text(path, options.max_input_bytes)?;
            Some(connectorize_postman::parse_environment(
                &env_text,
                &path.display().to_string(),
            )?)
        }
        None => None,
    };
    let postman_options = connectorize_postman::Options {
        variables: options.variables.clone(),
        environment,
        auth: options.auth.clone(),
        split_by_host: options.split_by_host,
    };
    let mut diagnostics = Diagnostics::new();
    let apis = connectorize_postman::read(text, source.name(), &postman_options, &mut diagnostics)?;
    Ok(units(apis, diagnostics, false))
}

fn detect_ir(source: &Source) -> bool {
    source.text().is_some_and(|text| {
        let head: String = text
            .chars()
            .take(200)
            .filter(|c| !c.is_whitespace())
            .collect();
        head.starts_with("{\"irVersion\"") || head.starts_with("[{\"irVersion\"")
    })
}

/// Reads one IR document, or a JSON array of them (what `connectorize ir` prints for an input
/// that yields several APIs).
fn read_ir(source: &Source, _options: &Options) -> Result<Vec<Pending>, Error> {
    let text = file_text(source, "an IR")?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let apis = if trimmed.starts_with('[') {
        let items: Vec<serde_json::Value> = serde_json::from_str(trimmed).map_err(|e| {
            Error::new(
                connectorize_ir::codes::INVALID_IR,
                format!("not valid JSON: {e}"),
            )
            .at(Location::file(source.name()).line_col(e.line() as u32, e.column() as u32))
        })?;
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                connectorize_ir::from_value(item, source.name()).map_err(|mut e| {
                    if let Some(location) = e.0.location.as_mut() {
                        location.pointer =
                            Some(format!("/{i}{}", location.pointer.as_deref().unwrap_or("")));
                        location.line = None;
                        location.column = None;
                    }
                    e
                })
            })
            .collect::<Result<Vec<_>, _>>()?
    } else {
        vec![connectorize_ir::from_json(text, source.name())?]
    };
    Ok(units(apis, Diagnostics::new(), false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(file_name: &str, text: &str) -> Option<&'static str> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name);
        std::fs::write(&path, text).unwrap();
        let source = crate::input::load(&path, 1 << 20).unwrap();
        detect(&source).map(|f| f.name)
    }

    #[test]
    fn files_are_told_apart_by_content() {
        let postman = r#"{"info": {"name": "n", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#;
        assert_eq!(kind_of("c.json", postman), Some("postman"));
        // Words an API Management export holds do not make a collection one.
        let mentions = r#"{"info": {"name": "ApiManagement via https://x.azure-api.net", "description": "swagger apiKeyHeader"}, "item": []}"#;
        assert_eq!(kind_of("c.json", mentions), Some("postman"));
        let raw = r#"{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "servers": [{"url": "https://x.Azure-Api.NET/a"}], "paths": {}}"#;
        assert_eq!(kind_of("raw.json", raw), Some("apim"));
        let arm =
            r#"{"resources": [{"type": "Microsoft.ApiManagement/service/apis", "name": "a"}]}"#;
        assert_eq!(kind_of("template.json", arm), Some("apim"));
        let openapi =
            r#"{"openapi": "3.0.1", "info": {"title": "t", "version": "1"}, "paths": {}}"#;
        assert_eq!(kind_of("api.json", openapi), Some("openapi"));
    }
}
