//! Loading inputs: a file (or standard input) as text, or a folder to be walked by a frontend.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use connectorize_ir::{Error, Location};

use crate::codes;

/// The default largest input file, in bytes (1 GiB).
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// One input as given on the command line.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file read as text (or standard input, named `-`).
    File {
        /// The path (`-` for standard input).
        path: PathBuf,
        /// The name used in messages: the path as the user gave it.
        name: String,
        /// The text, with any UTF-8 byte order mark kept for the frontend to handle.
        text: String,
    },
    /// A folder (an API Management export, an existing connector...).
    Directory {
        /// The path.
        path: PathBuf,
        /// The name used in messages.
        name: String,
    },
}

impl Source {
    /// The name used in messages.
    pub fn name(&self) -> &str {
        match self {
            Source::File { name, .. } | Source::Directory { name, .. } => name,
        }
    }

    /// The file text, when the source is a file.
    pub fn text(&self) -> Option<&str> {
        match self {
            Source::File { text, .. } => Some(text),
            Source::Directory { .. } => None,
        }
    }

    /// The path on disk.
    pub fn path(&self) -> &Path {
        match self {
            Source::File { path, .. } | Source::Directory { path, .. } => path,
        }
    }
}

/// Opens an input: `-` reads standard input, a folder is returned unread, a file is read as
/// UTF-8 text no larger than `max_bytes`.
pub fn load(path: &Path, max_bytes: u64) -> Result<Source, Error> {
    let name = path.display().to_string();
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(max_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&name, &e))?;
        return finish_file(path, name, bytes, max_bytes);
    }
    let metadata = std::fs::metadata(path).map_err(|e| unreadable(&name, &e))?;
    if metadata.is_dir() {
        return Ok(Source::Directory {
            path: path.to_path_buf(),
            name,
        });
    }
    if metadata.len() > max_bytes {
        return Err(too_large(&name, metadata.len(), max_bytes));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(&name, &e))?;
    finish_file(path, name, bytes, max_bytes)
}

/// Reads a file that belongs to an input (an environment file, a connector's files) with the
/// same limits and messages.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, Error> {
    match load(path, max_bytes)? {
        Source::File { text, .. } => Ok(text),
        Source::Directory { name, .. } => Err(Error::new(
            codes::INPUT_UNREADABLE,
            format!("`{name}` is a folder, but a file is expected here"),
        )
        .at(Location::file(name))),
    }
}

fn finish_file(path: &Path, name: String, bytes: Vec<u8>, max_bytes: u64) -> Result<Source, Error> {
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(&name, bytes.len() as u64, max_bytes));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..offset];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset - valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        Error::new(
            codes::INPUT_NOT_TEXT,
            format!("`{name}` is not UTF-8 text (invalid byte at offset {offset})"),
        )
        .at(Location::file(name.clone()).line_col(line as u32, column as u32))
        .help("save the file as UTF-8")
    })?;
    Ok(Source::File {
        path: path.to_path_buf(),
        name,
        text,
    })
}

fn unreadable(name: &str, error: &std::io::Error) -> Error {
    Error::new(
        codes::INPUT_UNREADABLE,
        format!("cannot read `{name}`: {error}"),
    )
    .at(Location::file(name))
}

fn too_large(name: &str, size: u64, max: u64) -> Error {
    Error::new(
        codes::INPUT_TOO_LARGE,
        format!("`{name}` is {size} bytes, over the input size limit of {max} bytes"),
    )
    .at(Location::file(name))
    .help("raise the limit with --max-input-size if the input is trusted")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_non_utf8_position_and_size_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.json");
        std::fs::write(&file, b"{\n  \"a\": \"\xff\"\n}").unwrap();
        let err = load(&file, 1000).unwrap_err();
        let location = err.diagnostic().location.clone().unwrap();
        assert_eq!((location.line, location.column), (Some(2), Some(9)));
        let err = load(&file, 3).unwrap_err();
        assert_eq!(err.diagnostic().code, codes::INPUT_TOO_LARGE);
        assert!(matches!(
            load(dir.path(), 10).unwrap(),
            Source::Directory { .. }
        ));
    }
}
