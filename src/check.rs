//! Offline validation of connector files, for `validate` and for everything `convert` and
//! `update` write.

use connectorize_connector::{DEFINITION_FILE, PROPERTIES_FILE, README_FILE};
use connectorize_ir::Diagnostics;
use connectorize_validator::{validate, File, Options};

use crate::folder::ConnectorFolder;

/// Validates a connector folder as found on disk.
pub fn folder(folder: &ConnectorFolder, certification: bool) -> Diagnostics {
    fn file(f: &crate::folder::FolderFile) -> File<'_> {
        File {
            name: &f.name,
            text: &f.text,
        }
    }
    validate(
        file(&folder.definition),
        folder.properties.as_ref().map(file),
        folder.readme.as_ref().map(file),
        &Options { certification },
    )
}

/// Validates a rendered connector's files (`Connector::files`, `ConnectorFiles::files`) before
/// or after they are written; `prefix` is the folder the files are (or will be) in, used in
/// locations.
pub fn rendered(files: &[(&'static str, String)], prefix: &str) -> Diagnostics {
    let text = |name: &str| {
        files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| text.as_str())
            .unwrap_or_default()
    };
    let names: Vec<String> = [DEFINITION_FILE, PROPERTIES_FILE, README_FILE]
        .iter()
        .map(|n| format!("{prefix}/{n}"))
        .collect();
    validate(
        File {
            name: &names[0],
            text: text(DEFINITION_FILE),
        },
        Some(File {
            name: &names[1],
            text: text(PROPERTIES_FILE),
        }),
        Some(File {
            name: &names[2],
            text: text(README_FILE),
        }),
        &Options::default(),
    )
}
