//! The root crate's integration tests, in one binary: golden render cases, CLI transcripts,
//! the official-schema check of every rendered golden, and the README's code table.

mod cli;
mod codes_table;
mod corpus;
mod readme_includes;
mod render;
mod samples;
mod schemas;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A case-relative path as text with forward slashes, for deterministic goldens.
pub fn relative(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
