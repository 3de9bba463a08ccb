//! The connector backend: renders an [`Api`] as Power Platform custom connector files.
//!
//! [`render`] first applies the connector rules ([`normalize`]), then keeps the API inside the
//! platform's limits ([`limits`]: trim bulky examples, then split along tags), then writes the
//! files ([`emit`]). In [`RenderOptions::faithful`] mode — for a connector read back from its own
//! files — the rules and limits are skipped, so the files come out as they went in.
//!
//! The crate never does I/O and never prints; the caller writes [`Connector::files`].

pub mod codes;
pub mod emit;
pub mod limits;
pub mod naming;
pub mod normalize;

use connectorize_ir::{Api, Diagnostics, Error};
use rayon::prelude::*;
use serde_json::Value;

pub use limits::Split;

/// File names inside a connector folder, as the platform's tools expect them.
pub const DEFINITION_FILE: &str = "apiDefinition.swagger.json";
/// The properties file.
pub const PROPERTIES_FILE: &str = "apiProperties.json";
/// The paconn settings file.
pub const SETTINGS_FILE: &str = "settings.json";
/// The readme.
pub const README_FILE: &str = "readme.md";

/// How to render.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Write the IR as it is: no rule enforcement, no limits, no splitting. For connectors read
    /// back from their own files.
    pub faithful: bool,
    /// When to split an API into several connectors.
    pub split: Split,
    /// Most operations one connector may hold.
    pub max_operations: usize,
    /// Largest definition file, in bytes, measured minified.
    pub max_definition_bytes: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            faithful: false,
            split: Split::Auto,
            max_operations: limits::MAX_OPERATIONS,
            max_definition_bytes: limits::MAX_DEFINITION_BYTES,
        }
    }
}

/// One rendered connector.
#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    /// Display title (the definition's `info.title`).
    pub title: String,
    /// A folder name derived from the title, safe on every platform.
    pub folder: String,
    /// The definition document.
    pub definition: Value,
    /// The properties document.
    pub properties: Value,
    /// The API this connector was written from, after the rules were applied.
    pub api: Api,
    /// The files to write, in order: definition, properties, settings, readme.
    pub files: Vec<(&'static str, String)>,
}

/// A rendered connector reduced to what is written: its files, and the title, folder and
/// operation count a summary shows. [`render_files`] returns these so that the documents and
/// the API a part was written from are freed as soon as its files exist, while the other parts
/// of a large API are still being serialized.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectorFiles {
    /// Display title (the definition's `info.title`).
    pub title: String,
    /// A folder name derived from the title, safe on every platform.
    pub folder: String,
    /// How many operations the connector holds.
    pub operations: usize,
    /// The files to write, in order: definition, properties, settings, readme.
    pub files: Vec<(&'static str, String)>,
}

impl From<Connector> for ConnectorFiles {
    fn from(connector: Connector) -> Self {
        ConnectorFiles {
            title: connector.title,
            folder: connector.folder,
            operations: connector.api.operations.len(),
            files: connector.files,
        }
    }
}

/// Renders an API as one connector, or several when it is split.
pub fn render(
    api: &Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Connector>, Error> {
    render_owned(api.clone(), options, diagnostics)
}

/// [`render`], consuming the API: no copy of it is made, which matters for large APIs.
pub fn render_owned(
    api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Connector>, Error> {
    render_as(api, options, diagnostics, |connector| connector)
}

/// [`render_owned`], keeping only each connector's files: what `convert` writes.
pub fn render_files(
    api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<ConnectorFiles>, Error> {
    render_as(api, options, diagnostics, ConnectorFiles::from)
}

/// Renders, passing each connector through `finish` on the core that serialized it, so that
/// what `finish` drops is freed part by part.
fn render_as<T: Send>(
    api: Api,
    options: &RenderOptions,
    diagnostics: &mut Diagnostics,
    finish: impl Fn(Connector) -> T + Sync,
) -> Result<Vec<T>, Error> {
    if options.faithful {
        let folder = naming::folder_name(&api.info.title);
        return Ok(vec![finish(write_with(api, true, None, &[], folder))]);
    }
    let api = normalize::normalize(api, diagnostics)?;
    let parts = limits::fit_keeping(api, options, diagnostics)?;
    // Folders are made unique in part order before any part is written.
    let mut taken = std::collections::HashSet::new();
    let folders: Vec<String> = parts
        .iter()
        .map(|part| {
            let folder = naming::unique(&naming::folder_name(&part.api.info.title), |f| {
                taken.contains(&f.to_ascii_lowercase())
            });
            taken.insert(folder.to_ascii_lowercase());
            folder
        })
        .collect();
    // Each part is serialized on its own core: for a split API this is most of the writing.
    Ok(parts
        .into_par_iter()
        .zip(folders)
        .map(|(part, folder)| {
            finish(write_with(
                part.api,
                false,
                Some(part.definition),
                &part.holdings,
                folder,
            ))
        })
        .collect())
}

/// Writes the files into a connector for `folder`; `rendered` is the API's definition when it
/// was already rendered, and `holdings` the tags a part of a split API holds (none for a whole
/// API).
fn write_with(
    api: Api,
    faithful: bool,
    rendered: Option<Value>,
    holdings: &[String],
    folder: String,
) -> Connector {
    let mut definition = rendered.unwrap_or_else(|| emit::definition::definition(&api));
    if faithful {
        emit::layout::apply(&api, &mut definition);
    }
    let properties = emit::properties::properties(&api, faithful);
    let files = vec![
        (DEFINITION_FILE, to_pretty(&definition)),
        (PROPERTIES_FILE, to_pretty(&properties)),
        (SETTINGS_FILE, to_pretty(&settings())),
        (README_FILE, emit::readme::readme(&api, holdings)),
    ];
    Connector {
        title: api.info.title.clone(),
        folder,
        definition,
        properties,
        api,
        files,
    }
}

/// paconn's settings file: the file names, and the service endpoints paconn defaults to. The
/// environment and connector ids are left for the user, who knows them.
fn settings() -> Value {
    serde_json::json!({
        "apiDefinition": DEFINITION_FILE,
        "apiProperties": PROPERTIES_FILE,
        "powerAppsUrl": "https://api.powerapps.com",
        "powerAppsApiVersion": "2016-11-01"
    })
}

/// Pretty JSON with 2-space indentation and a trailing newline: the project's one output form.
pub fn to_pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values always serialize");
    text.push('\n');
    text
}
