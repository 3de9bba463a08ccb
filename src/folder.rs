//! Existing connector folders: the files `convert` writes, as `paconn download` and
//! `pac connector download` leave them (any casing of `readme.md`, a byte order mark, CRLF).

use std::path::{Path, PathBuf};

use connectorize_connector::{DEFINITION_FILE, PROPERTIES_FILE};
use connectorize_ir::{Error, Location};

use crate::codes;

/// One file of a connector folder: the name used in messages and its text.
#[derive(Clone, Debug)]
pub struct FolderFile {
    /// The path as shown in messages.
    pub name: String,
    /// The text.
    pub text: String,
}

/// A connector folder's files.
#[derive(Clone, Debug)]
pub struct ConnectorFolder {
    /// The folder.
    pub dir: PathBuf,
    /// `apiDefinition.swagger.json`.
    pub definition: FolderFile,
    /// `apiProperties.json`, when present.
    pub properties: Option<FolderFile>,
    /// `readme.md` in any casing, when present.
    pub readme: Option<FolderFile>,
}

/// Whether `path` is a connector folder or a connector's definition file.
pub fn is_connector(path: &Path) -> bool {
    if path.is_dir() {
        path.join(DEFINITION_FILE).is_file()
    } else {
        path.file_name()
            .is_some_and(|n| n.eq_ignore_ascii_case(DEFINITION_FILE))
    }
}

/// Reads a connector folder, or the folder of a definition file given directly.
pub fn load(path: &Path, max_bytes: u64) -> Result<ConnectorFolder, Error> {
    let (dir, definition) = if path.is_dir() {
        (path.to_path_buf(), path.join(DEFINITION_FILE))
    } else {
        (
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
            path.to_path_buf(),
        )
    };
    if !definition.is_file() {
        return Err(Error::new(
            codes::INPUT_UNREADABLE,
            format!("`{}` holds no {DEFINITION_FILE}", dir.display()),
        )
        .at(Location::file(dir.display().to_string()))
        .help("give a connector folder, as `convert` writes it or `paconn download` leaves it"));
    }
    let read = |path: &Path| -> Result<FolderFile, Error> {
        Ok(FolderFile {
            name: path.display().to_string(),
            text: crate::input::read_text(path, max_bytes)?,
        })
    };
    let properties = dir.join(PROPERTIES_FILE);
    let readme = std::fs::read_dir(&dir).ok().and_then(|entries| {
        let mut names: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        names.sort();
        names.into_iter().find(|p| {
            p.is_file()
                && p.file_name()
                    .is_some_and(|n| n.eq_ignore_ascii_case("readme.md"))
        })
    });
    Ok(ConnectorFolder {
        definition: read(&definition)?,
        properties: if properties.is_file() {
            Some(read(&properties)?)
        } else {
            None
        },
        readme: readme.map(|p| read(&p)).transpose()?,
        dir,
    })
}
