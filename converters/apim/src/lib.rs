//! The Azure API Management frontend: export bundles to one IR [`Api`] per APIM API.
//!
//! # Inputs
//!
//! Recognised by structure, never by folder names ([`detect`]):
//!
//! * **APIOps extractor output** in every layout generation ([`Generation`]): v1 display-name
//!   folders, v2–v5 `apis.json` association arrays, v6 per-link folders, v7 tag links, the
//!   apiops-cli successor (`operationInformation.json`) and the snake_case variant
//!   (`api_information.json` + `openapispec.yaml`). Folder names with spaces and `;rev=N` work.
//! * **Resource-kit ARM templates**: one `*-apis.template.json` or one template per API, with
//!   `*-parameters.json` files, linked `policies/*.xml`, named values, version sets, backends
//!   and authorization servers; also portal "Export template" files.
//! * **Raw APIM exports**: a lone OpenAPI/Swagger document served from `*.azure-api.net` or
//!   declaring APIM's `apiKeyHeader`/`apiKeyQuery` pair.
//!
//! # Use
//!
//! ```no_run
//! use connectorize_apim::{convert_api, scan, Options, Outcome};
//! let options = Options::default();
//! let bundle = scan(std::path::Path::new("apimartifacts"), &options)?;
//! for entry in &bundle.apis {
//!     // Independent per API: the CLI runs these in parallel (`Bundle` is `Sync`).
//!     let outcome = convert_api(&bundle, entry, &options);
//!     match &outcome.result {
//!         Outcome::Converted(api) => { let _ = api; }
//!         Outcome::Skipped(reason) => { let _ = reason; }
//!         Outcome::Failed(error) => { let _ = error; }
//!     }
//! }
//! # Ok::<(), connectorize_ir::Error>(())
//! ```
//!
//! [`scan`] reads the layout and the shared artifacts (named values, fragments, products,
//! version sets, backends, global policy, environment overrides) once; [`convert_api`] then
//! reads one API's specification or ARM operations, flattens its policy scopes and applies the
//! client-visible contract: gateway host, base path with version segment (and `;rev=N` for a
//! non-current revision), subscription key, OAuth, version selector. With
//! [`Target::Backend`] the connector bypasses the gateway and the policies with connector
//! equivalents become IR policies.
//!
//! # Secrets
//!
//! Secret and Key Vault named values, ARM named value values marked secret, authorization
//! server client secrets, policy expressions and credential-like literal header values never
//! reach an IR value or a diagnostic: they become connection parameters or are left out, and
//! the place is reported.
//!
//! # Locations
//!
//! Diagnostic files are relative to the scanned input (its folder, for a file input), with a
//! JSON pointer for JSON artifacts or an element path plus line and column for policy XML.

#![warn(missing_docs)]

mod apiops;
mod arm;
mod arm_expr;
mod arm_ops;
pub mod codes;
mod contract;
mod files;
mod layout;
mod model;
mod policy_xml;
mod raw;
mod schema;
mod scopes;
mod select;
mod shared;
mod spec;
mod yaml;

/// Entry points for the fuzz targets in `fuzz/` (not part of the public API).
#[doc(hidden)]
pub mod fuzzing {
    /// Reads a policy document with the tolerant reader; returns how many problems it met.
    pub fn policy_xml(text: &str) -> usize {
        let parsed = crate::policy_xml::parse(text);
        parsed.problems.len() + usize::from(parsed.root.is_some())
    }

    /// Reads a YAML text (a `configuration.<env>.yaml`) with the bundle reader.
    pub fn yaml(text: &str) -> bool {
        crate::yaml::to_value(text).is_ok()
    }
}

use std::fmt;
use std::path::Path;

use connectorize_ir::{Api, Diagnostic, Diagnostics, Error, Location};

/// Where the connector sends its calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Target {
    /// The API Management gateway (what "Export to Power Platform" does): policies keep
    /// running in APIM and only the client-visible contract is converted.
    #[default]
    Gateway,
    /// The backend directly: `serviceUrl` or `set-backend-service` becomes the host and the
    /// translatable policies become connector policies.
    Backend,
}

/// Conversion choices.
#[derive(Default, Debug, Clone)]
pub struct Options {
    /// The gateway host (custom domain or self-hosted gateway); overrides the specification.
    pub gateway_host: Option<String>,
    /// Gateway (default) or backend.
    pub target: Target,
    /// `--env NAME`: apply `configuration.NAME.yaml` overrides (APIOps).
    pub environment: Option<String>,
    /// Convert this revision (a number, or `all`) instead of the current one.
    pub revision: Option<String>,
    /// `--api` globs (`*`, `?`) matched against API names and display names; empty = all.
    pub apis: Vec<String>,
    /// Values for `{{variables}}` handed to the OpenAPI frontend.
    pub variables: Vec<(String, String)>,
}

/// The APIOps layout generations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generation {
    /// v0.x–v1.x: API folders named by display name, with version and revision sub-folders.
    V1DisplayNames,
    /// v2–v5: associations in `apis.json`/`tags.json` arrays.
    V2JsonArrays,
    /// v6: one folder per association (`products/p/apis/a/productApiInformation.json`).
    V6LinkFolders,
    /// v7: tag links under the tag, relative resource ids.
    V7TagLinks,
    /// The apiops-cli successor: operation folders with `operationInformation.json`.
    ApiopsCli,
    /// Azure-Samples snake_case variant: `api_information.json` and `openapispec.yaml`.
    SnakeCase,
}

/// What kind of export a source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// APIOps extractor output.
    ApiOps(Generation),
    /// Resource-kit or portal ARM templates.
    Arm,
    /// A raw APIM OpenAPI/Swagger export.
    RawExport,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::ApiOps(Generation::V1DisplayNames) => "apiops v1 (display-name folders)",
            Format::ApiOps(Generation::V2JsonArrays) => "apiops v2-v5 (json association arrays)",
            Format::ApiOps(Generation::V6LinkFolders) => "apiops v6 (association folders)",
            Format::ApiOps(Generation::V7TagLinks) => "apiops v7 (tag links)",
            Format::ApiOps(Generation::ApiopsCli) => "apiops-cli",
            Format::ApiOps(Generation::SnakeCase) => "apiops snake_case",
            Format::Arm => "arm templates",
            Format::RawExport => "raw apim export",
        })
    }
}

/// One export found in the input (an input may hold several, e.g. one per environment).
#[derive(Debug)]
pub struct Source {
    /// The format and layout generation.
    pub format: Format,
    /// The source's root (folder, or file for a raw export), relative to the input.
    pub root: String,
    pub(crate) shared: shared::Shared,
}

/// What [`scan`] found: the sources, every API (including those that will be skipped), and
/// bundle-level findings.
#[derive(Debug)]
pub struct Bundle {
    /// The exports found, in path order.
    pub sources: Vec<Source>,
    /// The APIs, in source then name order. Skipped ones carry their reason.
    pub apis: Vec<ApiEntry>,
    /// Findings about shared artifacts (named values, fragments, parameter files…).
    pub diagnostics: Diagnostics,
    pub(crate) files: files::Files,
}

/// One API of a bundle.
#[derive(Debug, Clone)]
pub struct ApiEntry {
    /// The APIM API id, with `;rev=N` for a non-current revision (`echo-api;rev=2`).
    pub name: String,
    /// The display name.
    pub display_name: String,
    /// Index into [`Bundle::sources`].
    pub source: usize,
    /// The file that declares the API, relative to the input.
    pub file: String,
    /// The API version, for versioned APIs.
    pub version: Option<String>,
    /// The revision number.
    pub revision: Option<String>,
    /// Whether this is the current revision.
    pub is_current: bool,
    /// Why the API will not be converted, when it will not.
    pub skip: Option<Diagnostic>,
    pub(crate) detail: shared::Detail,
}

/// What became of one API.
#[derive(Debug)]
pub enum Outcome {
    /// Converted; the API passes `connectorize_ir::validate`.
    Converted(Box<Api>),
    /// Left out on purpose (type, revision, specification kind), with the reason.
    Skipped(Box<Diagnostic>),
    /// Could not be converted.
    Failed(Error),
}

impl Outcome {
    /// The converted API, if any.
    pub fn api(&self) -> Option<&Api> {
        match self {
            Outcome::Converted(api) => Some(api),
            _ => None,
        }
    }
}

/// The result of [`convert_api`] for one API.
#[derive(Debug)]
pub struct ApiOutcome {
    /// The APIM API id (`echo-api`, `echo-api;rev=2`).
    pub name: String,
    /// The display name.
    pub display_name: String,
    /// Converted, skipped or failed.
    pub result: Outcome,
    /// Everything lossy about this API (also for skipped and failed ones).
    pub diagnostics: Diagnostics,
}

/// Whether `path` holds an API Management export: an APIOps bundle (any generation), an ARM
/// template file or folder, or a raw APIM OpenAPI/Swagger export. Decided by structure.
pub fn detect(path: &Path) -> bool {
    match files::Files::new(path) {
        Ok(files) => !layout::find(&files).is_empty(),
        Err(_) => false,
    }
}

/// False only when a file with this text cannot be an API Management export (an ARM template
/// or a raw export; a single file is never an APIOps bundle). A caller that has already read
/// the file spares [`detect`] reading it again.
pub fn may_be_export_file(text: &str) -> bool {
    layout::may_declare_apis(text) || layout::may_be_raw_export(text)
}

/// Detects the layout under `path`, reads the shared artifacts once and lists every API,
/// with the ones that will be skipped and why. Fails when nothing is recognised or the
/// requested environment file is missing.
pub fn scan(path: &Path, options: &Options) -> Result<Bundle, Error> {
    let files = files::Files::new(path)?;
    let found = layout::find(&files);
    if found.is_empty() {
        return Err(Error::new(
            codes::NOT_A_BUNDLE,
            "no API Management export was found (no apis/*/apiInformation.json, no ARM template with Microsoft.ApiManagement/service/apis, no APIM OpenAPI export)",
        )
        .at(Location::file(files.rel(files.input())))
        .help("point at the extractor's output folder, the ARM template folder, or an exported OpenAPI file"));
    }
    let mut bundle = Bundle {
        sources: Vec::new(),
        apis: Vec::new(),
        diagnostics: Diagnostics::new(),
        files,
    };
    for candidate in found {
        let index = bundle.sources.len();
        let (source, entries) = match candidate.format {
            Format::ApiOps(generation) => apiops::scan(
                &bundle.files,
                &candidate.path,
                generation,
                index,
                options,
                &mut bundle.diagnostics,
            )?,
            Format::Arm => arm::scan(
                &bundle.files,
                &candidate.path,
                &candidate.templates,
                index,
                &mut bundle.diagnostics,
            ),
            Format::RawExport => raw::scan(&bundle.files, &candidate.path, index),
        };
        bundle.sources.push(source);
        bundle.apis.extend(entries);
    }
    select::apply(&mut bundle.apis, options);
    bundle.diagnostics.extend(bundle.files.escaped_links());
    Ok(bundle)
}

/// Converts one API of a scanned bundle. Independent of every other API.
pub fn convert_api(bundle: &Bundle, api: &ApiEntry, options: &Options) -> ApiOutcome {
    let mut diagnostics = Diagnostics::new();
    let result = match &api.skip {
        Some(reason) => Outcome::Skipped(Box::new(reason.clone())),
        None => match bundle.sources.get(api.source) {
            Some(source) => {
                let converted = match &api.detail {
                    shared::Detail::ApiOps(detail) => {
                        apiops::convert(bundle, source, api, detail, options, &mut diagnostics)
                    }
                    shared::Detail::Arm(detail) => {
                        arm::convert(bundle, source, api, detail, options, &mut diagnostics)
                    }
                    shared::Detail::Raw(detail) => {
                        raw::convert(bundle, api, detail, options, &mut diagnostics)
                    }
                };
                match converted.and_then(|api| check(api, &mut diagnostics)) {
                    Ok(api) => Outcome::Converted(Box::new(api)),
                    Err(error) => Outcome::Failed(error),
                }
            }
            None => Outcome::Failed(Error::new(
                codes::INVALID_RESULT,
                "the API entry does not belong to this bundle",
            )),
        },
    };
    ApiOutcome {
        name: api.name.clone(),
        display_name: api.display_name.clone(),
        result,
        diagnostics: dedupe(diagnostics),
    }
}

/// The IR invariants must hold for every converted API.
fn check(api: Api, diagnostics: &mut Diagnostics) -> Result<Api, Error> {
    let problems = connectorize_ir::validate(&api);
    if problems.is_empty() {
        return Ok(api);
    }
    let first = problems
        .iter()
        .next()
        .map(|d| d.message.clone())
        .unwrap_or_default();
    let count = problems.len();
    diagnostics.extend(problems);
    Err(Error::new(codes::INVALID_RESULT, format!("the converted API breaks {count} invariant(s) of the intermediate form, first: {first}")))
}

/// The same finding reported from several operations is kept once.
fn dedupe(diagnostics: Diagnostics) -> Diagnostics {
    let mut seen = std::collections::BTreeSet::new();
    diagnostics
        .into_iter()
        .filter(|d| {
            seen.insert((
                d.code.id(),
                d.message.clone(),
                d.location.as_ref().map(ToString::to_string),
            ))
        })
        .collect::<Vec<_>>()
        .into()
}
