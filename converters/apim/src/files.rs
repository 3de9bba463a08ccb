//! Reading the bundle's files without leaving it.
//!
//! Bundles come from other people's repositories, so a symbolic link may point anywhere on the
//! machine. Every path is checked against the canonical input root before it is read or
//! listed; links leading outside are reported and skipped. Paths in diagnostics are relative to
//! the input, with `/` separators, so that reports are the same on every machine.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use connectorize_ir::{Diagnostic, Diagnostics, Error, Location};

use crate::codes;

/// Files larger than this are not sniffed during detection.
const SNIFF_LIMIT: u64 = 16 * 1024 * 1024;
/// How deep a walk goes below the input.
const MAX_DEPTH: usize = 14;

/// The input root and the links found leading out of it.
#[derive(Debug)]
pub struct Files {
    /// The canonical input (a folder, or the folder of an input file).
    root: PathBuf,
    /// What the input was called, for relative names of a single file input.
    input: PathBuf,
    escaped: Mutex<BTreeSet<String>>,
}

impl Files {
    /// The file system below `input` (a folder or a file).
    pub fn new(input: &Path) -> Result<Files, Error> {
        let canonical = fs::canonicalize(input).map_err(|e| {
            Error::new(
                codes::UNREADABLE,
                format!("`{}` cannot be opened: {e}", input.display()),
            )
            .at(Location::file(input.display().to_string()))
        })?;
        let root = if canonical.is_dir() {
            canonical.clone()
        } else {
            canonical
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or(canonical.clone())
        };
        Ok(Files {
            root,
            input: canonical,
            escaped: Mutex::new(BTreeSet::new()),
        })
    }

    /// The canonical input path.
    pub fn input(&self) -> &Path {
        &self.input
    }

    /// Whether `path` lies inside the input root (lexically; reads check links separately).
    pub fn contains(&self, path: &Path) -> bool {
        path.starts_with(&self.root)
    }

    /// `path` relative to the input root, with `/` separators.
    pub fn rel(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let text = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if text.is_empty() {
            ".".to_string()
        } else {
            text
        }
    }

    /// Whether `path` resolves to a place inside the root; links leading out are remembered.
    fn inside(&self, path: &Path) -> bool {
        match fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.root) => true,
            Ok(_) => {
                if let Ok(mut escaped) = self.escaped.lock() {
                    escaped.insert(self.rel(path));
                }
                false
            }
            Err(_) => false,
        }
    }

    /// Reads a file of the bundle as text (a UTF-8 byte-order mark is removed).
    pub fn read(&self, path: &Path) -> Result<String, Error> {
        let at = Location::file(self.rel(path));
        if !self.inside(path) {
            return Err(Error::new(
                codes::SYMLINK_OUTSIDE,
                "the file is a link to a place outside the bundle and was not read",
            )
            .at(at));
        }
        let bytes = fs::read(path)
            .map_err(|e| Error::new(codes::UNREADABLE, format!("cannot be read: {e}")).at(at))?;
        let mut text = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(text)
    }

    /// Reads and parses a JSON file.
    pub fn read_json(&self, path: &Path) -> Result<serde_json::Value, Error> {
        let text = self.read(path)?;
        serde_json::from_str(&text).map_err(|e| {
            Error::new(codes::INVALID_ARTIFACT, format!("not valid JSON: {e}"))
                .at(Location::file(self.rel(path)).line_col(e.line() as u32, e.column() as u32))
        })
    }

    /// The entries of a folder, sorted by name; links leading outside the root are skipped.
    pub fn list(&self, dir: &Path) -> Vec<Entry> {
        let Ok(read) = fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut entries: Vec<Entry> = read
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                let link = entry.file_type().ok()?.is_symlink();
                if link && !self.inside(&path) {
                    return None;
                }
                let meta = fs::metadata(&path).ok()?;
                Some(Entry {
                    name,
                    path,
                    is_dir: meta.is_dir(),
                    len: meta.len(),
                })
            })
            .collect();
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        entries
    }

    /// The sub-folders of a folder.
    pub fn dirs(&self, dir: &Path) -> Vec<Entry> {
        self.list(dir).into_iter().filter(|e| e.is_dir).collect()
    }

    /// The child folder whose name, ignoring case, spaces, `-` and `_`, is one of `names`.
    pub fn find_dir(&self, dir: &Path, names: &[&str]) -> Option<PathBuf> {
        self.list(dir)
            .into_iter()
            .find(|e| e.is_dir && names.contains(&normalize(&e.name).as_str()))
            .map(|e| e.path)
    }

    /// The child file whose name, normalized as in [`find_dir`](Self::find_dir), is one of `names`.
    pub fn find_file(&self, dir: &Path, names: &[&str]) -> Option<PathBuf> {
        self.list(dir)
            .into_iter()
            .find(|e| !e.is_dir && names.contains(&normalize(&e.name).as_str()))
            .map(|e| e.path)
    }

    /// Every file below the input (the input itself when it is a file), in a stable order,
    /// skipping version-control and build folders. Files over the sniffing limit are left out.
    pub fn walk(&self) -> Vec<PathBuf> {
        if !self.input.is_dir() {
            return vec![self.input.clone()];
        }
        let mut out = Vec::new();
        let mut seen = BTreeSet::new();
        self.walk_into(&self.root.clone(), 0, &mut out, &mut seen);
        out
    }

    fn walk_into(
        &self,
        dir: &Path,
        depth: usize,
        out: &mut Vec<PathBuf>,
        seen: &mut BTreeSet<PathBuf>,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Ok(real) = fs::canonicalize(dir) {
            if !seen.insert(real) {
                return;
            }
        }
        for entry in self.list(dir) {
            if entry.is_dir {
                if !matches!(
                    entry.name.as_str(),
                    ".git" | "node_modules" | "target" | ".github" | "bin" | "obj"
                ) {
                    self.walk_into(&entry.path, depth + 1, out, seen);
                }
            } else if entry.len <= SNIFF_LIMIT {
                out.push(entry.path);
            }
        }
    }

    /// One warning per link that led outside the bundle, in name order.
    pub fn escaped_links(&self) -> Diagnostics {
        let mut out = Diagnostics::new();
        if let Ok(escaped) = self.escaped.lock() {
            for rel in escaped.iter() {
                out.push(
                    Diagnostic::new(
                        codes::SYMLINK_OUTSIDE,
                        "a symbolic link leads outside the bundle and was not followed",
                    )
                    .at(Location::file(rel.clone())),
                );
            }
        }
        out
    }
}

/// One folder entry.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The file or folder name.
    pub name: String,
    /// Its full path.
    pub path: PathBuf,
    /// Whether it is a folder (after following an allowed link).
    pub is_dir: bool,
    /// Its size in bytes.
    pub len: u64,
}

/// A name without case, spaces, `-` and `_`, so `named values`, `namedValues` and
/// `named_values` compare equal.
pub fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_drops_a_byte_order_mark_and_replaces_invalid_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let bom = dir.path().join("bom.json");
        fs::write(&bom, "\u{feff}{\"a\": \"\u{e9}\"}").unwrap();
        let broken = dir.path().join("broken.json");
        fs::write(&broken, b"{\"a\": \"\xff\"}").unwrap();
        let files = Files::new(dir.path()).unwrap();
        assert_eq!(files.read(&bom).unwrap(), "{\"a\": \"\u{e9}\"}");
        assert_eq!(files.read(&broken).unwrap(), "{\"a\": \"\u{fffd}\"}");
    }
}
