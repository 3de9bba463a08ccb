//! `diff` and `update` at the facade level: regenerate a connector from its source in memory,
//! compare it with an existing connector folder, and merge without losing the maker's edits.
//! The comparison and merge rules live in `connectorize-diff`; this module finds the files.

use std::path::Path;

use connectorize_diff::{Base, Change, Connector as Files, Merge, Prefer};
use connectorize_ir::{Diagnostics, Error, Location};

use crate::folder::{self, ConnectorFolder};
use crate::{codes, input, Options};

/// The two sides of a comparison, with the texts the unified diff is made of.
#[derive(Debug)]
pub struct Comparison {
    /// Semantic changes from old to new.
    pub changes: Vec<Change>,
    /// `(label, old text, new text)` for the definition and the properties.
    pub texts: Vec<(String, String, String)>,
    /// Findings while regenerating the new side.
    pub diagnostics: Diagnostics,
}

/// The outcome of `update`.
#[derive(Debug)]
pub struct Updated {
    /// The merge: merged files, conflicts, and the changes applied to the existing folder.
    pub merge: Merge,
    /// `(label, existing text, merged text)` for the two files.
    pub texts: Vec<(String, String, String)>,
    /// Whether the folder was written.
    pub written: bool,
    /// Findings while regenerating, and the validator's findings on the merged connector.
    pub diagnostics: Diagnostics,
}

fn files_of(folder: &ConnectorFolder) -> Result<Files, Error> {
    let properties = folder.properties.as_ref().map_or("{}", |p| p.text.as_str());
    Files::from_texts(&folder.definition.text, properties)
}

/// Converts `source` and returns the connector that corresponds to `existing`: the only one,
/// or the one whose title matches when the source yields several.
fn regenerate(
    source: &Path,
    existing: &Files,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Result<connectorize_connector::Connector, Error> {
    let loaded = input::load(source, options.max_input_bytes)?;
    let mut connectors = Vec::new();
    for converted in crate::convert(loaded, options)? {
        diagnostics.extend(converted.diagnostics);
        connectors.extend(converted.outcome?);
    }
    let title = existing
        .definition
        .pointer("/info/title")
        .and_then(|t| t.as_str())
        .unwrap_or("");
    if connectors.len() > 1 {
        connectors.retain(|c| c.title == title);
    }
    match connectors.len() {
        1 => Ok(connectors.remove(0)),
        n => Err(Error::new(
            codes::INVALID_ARGUMENT,
            format!("`{}` yields {n} connectors titled `{title}`; cannot tell which one the folder holds", source.display()),
        )
        .at(Location::file(source.display().to_string()))
        .help("narrow the source (for API Management bundles: --api NAME)")),
    }
}

fn generated_files(connector: &connectorize_connector::Connector) -> Files {
    Files::new(connector.definition.clone(), connector.properties.clone())
}

/// Compares `old` (a connector folder) with `new` (a connector folder, or a source converted in
/// memory).
pub fn compare(new: &Path, old: &Path, options: &Options) -> Result<Comparison, Error> {
    let old_folder = folder::load(old, options.max_input_bytes)?;
    let old_files = files_of(&old_folder)?;
    let mut diagnostics = Diagnostics::new();
    let (new_files, new_label) = if folder::is_connector(new) {
        let new_folder = folder::load(new, options.max_input_bytes)?;
        (files_of(&new_folder)?, new_folder.dir.display().to_string())
    } else {
        let connector = regenerate(new, &old_files, options, &mut diagnostics)?;
        (
            generated_files(&connector),
            format!("{} (regenerated)", new.display()),
        )
    };
    let changes = connectorize_diff::diff(&old_files, &new_files);
    Ok(Comparison {
        changes,
        texts: texts(&old_folder, &old_files, &new_files, &new_label),
        diagnostics,
    })
}

fn texts(
    old_folder: &ConnectorFolder,
    old: &Files,
    new: &Files,
    new_label: &str,
) -> Vec<(String, String, String)> {
    let (old_definition, old_properties) = old.to_texts();
    let (new_definition, new_properties) = new.to_texts();
    let dir = old_folder.dir.display();
    vec![
        (
            format!(
                "{dir}/{} -> {new_label}",
                connectorize_connector::DEFINITION_FILE
            ),
            old_definition,
            new_definition,
        ),
        (
            format!(
                "{dir}/{} -> {new_label}",
                connectorize_connector::PROPERTIES_FILE
            ),
            old_properties,
            new_properties,
        ),
    ]
}

/// Regenerates `existing` from `source` and merges the new generation into the folder, keeping
/// the maker's edits. Writes nothing when `dry_run` is set or a conflict is left unresolved.
pub fn update(
    source: &Path,
    existing: &Path,
    options: &Options,
    prefer: Option<Prefer>,
    dry_run: bool,
) -> Result<Updated, Error> {
    let folder = folder::load(existing, options.max_input_bytes)?;
    let ours = files_of(&folder)?;
    let base_path = folder.dir.join(connectorize_diff::BASE_FILE);
    let base = if base_path.is_file() {
        Some(connectorize_diff::base_from_json(&input::read_text(
            &base_path,
            options.max_input_bytes,
        )?)?)
    } else {
        None
    };
    let mut diagnostics = Diagnostics::new();
    let generated = regenerate(source, &ours, options, &mut diagnostics)?;
    let theirs = generated_files(&generated);
    let merge =
        connectorize_diff::merge(base.as_ref().map(|b| &b.connector), &ours, &theirs, prefer);
    let texts = texts(&folder, &ours, &merge.merged, "merged");
    let write = !dry_run && !merge.has_unresolved();
    if write {
        let (definition, properties) = merge.merged.to_texts();
        crate::output::write_file(
            &folder.dir.join(connectorize_connector::DEFINITION_FILE),
            &definition,
        )?;
        crate::output::write_file(
            &folder.dir.join(connectorize_connector::PROPERTIES_FILE),
            &properties,
        )?;
        crate::output::write_file(
            &base_path,
            &connectorize_diff::base_to_json(&Base::new(theirs)),
        )?;
        let reread = folder::load(&folder.dir, options.max_input_bytes)?;
        diagnostics.extend(crate::check::folder(&reread, false));
    }
    Ok(Updated {
        merge,
        texts,
        written: write,
        diagnostics,
    })
}
