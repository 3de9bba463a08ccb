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

/// The two files of a generated connector, moved out of it, with their texts as rendered.
fn generated_files(connector: connectorize_connector::Connector) -> (Files, Written) {
    let mut rendered = connector.files;
    let mut text = |name: &str| {
        let at = rendered.iter().position(|(file, _)| *file == name)?;
        Some(rendered.swap_remove(at).1)
    };
    let written = (
        text(connectorize_connector::DEFINITION_FILE),
        text(connectorize_connector::PROPERTIES_FILE),
    );
    (
        Files::new(connector.definition, connector.properties),
        written,
    )
}

/// Compares `old` (a connector folder) with `new` (a connector folder, or a source converted in
/// memory).
pub fn compare(new: &Path, old: &Path, options: &Options) -> Result<Comparison, Error> {
    let old_folder = folder::load(old, options.max_input_bytes)?;
    let old_files = files_of(&old_folder)?;
    let mut diagnostics = Diagnostics::new();
    let (new_files, new_texts, new_label) = if folder::is_connector(new) {
        let new_folder = folder::load(new, options.max_input_bytes)?;
        let new_files = files_of(&new_folder)?;
        let label = new_folder.dir.display().to_string();
        let new_texts = shown_texts(&new_files, read_texts(new_folder));
        (new_files, new_texts, label)
    } else {
        let connector = regenerate(new, &old_files, options, &mut diagnostics)?;
        let (new_files, rendered) = generated_files(connector);
        let new_texts = shown_texts(&new_files, rendered);
        (
            new_files,
            new_texts,
            format!("{} (regenerated)", new.display()),
        )
    };
    let changes = connectorize_diff::diff(&old_files, &new_files);
    let dir = old_folder.dir.clone();
    Ok(Comparison {
        changes,
        texts: texts(
            &dir,
            shown_texts(&old_files, read_texts(old_folder)),
            new_texts,
            &new_label,
        ),
        diagnostics,
    })
}

/// The texts of a connector's definition and properties as read or rendered, when known.
type Written = (Option<String>, Option<String>);

/// The texts of a folder's two files, moved out of it.
fn read_texts(folder: ConnectorFolder) -> Written {
    (
        Some(folder.definition.text),
        folder.properties.map(|p| p.text),
    )
}

/// The two files of a connector as the unified diff shows them: in the output form, taken
/// from `written` when it already is in it (files `convert` and `update` wrote, a connector
/// just rendered), which spares serializing a second copy.
fn shown_texts(files: &Files, (definition, properties): Written) -> (String, String) {
    let shown = |value: &serde_json::Value, written: Option<String>| match written {
        Some(text) if connectorize_diff::is_pretty(&text, value) => text,
        _ => connectorize_diff::to_pretty(value),
    };
    (
        shown(&files.definition, definition),
        shown(&files.properties, properties),
    )
}

/// `(label, old text, new text)` for the definition and the properties of the folder `dir`.
fn texts(
    dir: &Path,
    (old_definition, old_properties): (String, String),
    (new_definition, new_properties): (String, String),
    new_label: &str,
) -> Vec<(String, String, String)> {
    let dir = dir.display();
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
    let (theirs, _) = generated_files(generated);
    let merge =
        connectorize_diff::merge(base.as_ref().map(|b| &b.connector), &ours, &theirs, prefer);
    let dir = folder.dir.clone();
    let texts = texts(
        &dir,
        shown_texts(&ours, read_texts(folder)),
        merge.merged.to_texts(),
        "merged",
    );
    let write = !dry_run && !merge.has_unresolved();
    if write {
        let (definition, properties) = merge.merged.to_texts();
        crate::output::write_file(
            &dir.join(connectorize_connector::DEFINITION_FILE),
            &definition,
        )?;
        crate::output::write_file(
            &dir.join(connectorize_connector::PROPERTIES_FILE),
            &properties,
        )?;
        crate::output::write_file(
            &base_path,
            &connectorize_diff::base_to_json(&Base::new(theirs)),
        )?;
        let reread = folder::load(&dir, options.max_input_bytes)?;
        diagnostics.extend(crate::check::folder(&reread, false));
    }
    Ok(Updated {
        merge,
        texts,
        written: write,
        diagnostics,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::folder::FolderFile;

    fn folder(definition: &str, properties: &str) -> ConnectorFolder {
        let file = |name: &str, text: &str| FolderFile {
            name: name.to_owned(),
            text: text.to_owned(),
        };
        ConnectorFolder {
            dir: PathBuf::from("c"),
            definition: file("apiDefinition.swagger.json", definition),
            properties: Some(file("apiProperties.json", properties)),
            readme: None,
        }
    }

    #[test]
    fn files_are_shown_in_the_output_form_whatever_their_layout() {
        let pretty = (
            "{\n  \"swagger\": \"2.0\"\n}\n",
            "{\n  \"properties\": {}\n}\n",
        );
        let downloaded = folder(
            "\u{feff}{\r\n    \"swagger\": \"2.0\"\r\n}",
            "{\"properties\":{}}",
        );
        let files = files_of(&downloaded).unwrap();
        let expected = (pretty.0.to_owned(), pretty.1.to_owned());
        assert_eq!(shown_texts(&files, read_texts(downloaded)), expected);
        assert_eq!(
            shown_texts(&files, read_texts(folder(pretty.0, pretty.1))),
            expected
        );
        assert_eq!(shown_texts(&files, (None, None)), expected);
    }
}
