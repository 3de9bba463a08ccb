//! connectorize turns API descriptions teams already have — Postman collections, API
//! Management exports, OpenAPI documents — into Power Platform custom connectors.
//!
//! The pipeline is *detect → parse → lower → render*: a frontend from the [`registry`] reads an
//! input into the intermediate form ([`ir`]), and the [`connector`] backend renders it. Every
//! stage returns values and [`ir::Diagnostics`]; this library never prints and never exits.
//!
//! ```no_run
//! use connectorize::{convert, input, Options};
//! let source = input::load("collection.json".as_ref(), input::DEFAULT_MAX_INPUT_BYTES)?;
//! for converted in convert(source, &Options::default())? {
//!     for connector in converted.outcome? {
//!         println!("{}", connector.title);
//!     }
//! }
//! # Ok::<(), connectorize::ir::Error>(())
//! ```

pub mod check;
pub mod codes;
pub mod folder;
pub mod input;
pub mod options;
pub mod output;
pub mod registry;
pub mod update;

pub use connectorize_connector as connector;
pub use connectorize_ir as ir;
pub use options::Options;

use std::sync::atomic::{AtomicUsize, Ordering};

use connectorize_connector::{Connector, ConnectorFiles, RenderOptions};
use connectorize_ir::{Api, Diagnostics, Error};
use rayon::prelude::*;

/// The result of converting one API of an input: with whole [`Connector`]s from [`convert`],
/// with [`ConnectorFiles`] from [`convert_files_with_progress`].
#[derive(Debug)]
pub struct Converted<C = Connector> {
    /// The API's name (for summaries).
    pub name: String,
    /// The connectors (several when the API was split), or why the API failed or was skipped.
    pub outcome: Result<Vec<C>, Error>,
    /// Whether the API was left out on purpose (the reason is the outcome's error).
    pub skipped: bool,
    /// Everything found while reading and rendering it.
    pub diagnostics: Diagnostics,
}

/// Reads an input and renders every API in it. `Err` means the input as a whole could not be
/// read; a single API's failure is in its [`Converted::outcome`].
///
/// The source is taken by value: a file's text is dropped as soon as its frontend has read it,
/// before anything is rendered, so a large input is not held through the whole conversion.
pub fn convert(source: input::Source, options: &Options) -> Result<Vec<Converted>, Error> {
    convert_with_progress(source, options, &|_, _| {})
}

/// [`convert`], calling `progress(done, total)` as each API finishes. APIs are read and rendered
/// in parallel on every core; the result keeps the input's order, so output does not depend on
/// the number of threads.
pub fn convert_with_progress(
    source: input::Source,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Converted>, Error> {
    convert_as(
        source,
        options,
        progress,
        connectorize_connector::render_owned,
    )
}

/// [`convert_with_progress`] for writing: each connector is reduced to its files as soon as it
/// is serialized, so the documents and the IR of an API's parts are freed while the other parts
/// are still being serialized.
pub fn convert_files_with_progress(
    source: input::Source,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Converted<ConnectorFiles>>, Error> {
    convert_as(
        source,
        options,
        progress,
        connectorize_connector::render_files,
    )
}

/// Reads `source` and renders every API in it with `render`, in parallel, in input order.
fn convert_as<C: Send>(
    source: input::Source,
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
    render: fn(Api, &RenderOptions, &mut Diagnostics) -> Result<Vec<C>, Error>,
) -> Result<Vec<Converted<C>>, Error> {
    let pending = registry::read(&source, options)?;
    drop(source);
    let total = pending.len();
    let done = AtomicUsize::new(0);
    Ok(pending
        .into_par_iter()
        .map(|job| {
            let converted = render_unit_with(job.run(), options, render);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            converted
        })
        .collect())
}

/// Renders one unit read by a frontend.
pub fn render_unit(unit: registry::Unit, options: &Options) -> Converted {
    render_unit_with(unit, options, connectorize_connector::render_owned)
}

/// Renders one unit with `render` (whole connectors, or their files only).
fn render_unit_with<C>(
    unit: registry::Unit,
    options: &Options,
    render: fn(Api, &RenderOptions, &mut Diagnostics) -> Result<Vec<C>, Error>,
) -> Converted<C> {
    let mut diagnostics = unit.diagnostics;
    let outcome = unit.result.and_then(|api| {
        let mut options = options.render.clone();
        options.faithful |= unit.faithful;
        render(api, &options, &mut diagnostics)
    });
    Converted {
        name: unit.name,
        outcome,
        skipped: unit.skipped,
        diagnostics,
    }
}

/// Every diagnostic code this build can emit, for documentation and tests.
pub fn all_codes() -> Vec<ir::Code> {
    [
        connectorize_ir::codes::ALL,
        connectorize_postman::codes::ALL,
        connectorize_openapi::codes::ALL,
        connectorize_apim::codes::ALL,
        connectorize_connector::codes::ALL,
        connectorize_validator::codes::ALL,
        connectorize_diff::codes::ALL,
        codes::ALL,
    ]
    .concat()
}
