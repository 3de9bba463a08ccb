//! Writing connector folders so that a folder is always either complete or absent.
//!
//! Files go to a hidden temporary folder next to the target, which is then renamed into place.
//! A folder is replaced only when connectorize wrote it (it holds the `.connectorize` marker
//! folder) or when the caller forces it; files connectorize does not own (`script.csx`,
//! `icon.png`, anything else) are carried over into the new folder.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use connectorize_connector::{ConnectorFiles, DEFINITION_FILE, PROPERTIES_FILE};
use connectorize_ir::{Error, Location};

use crate::codes;

/// The folder inside every connector folder that marks it as written by connectorize; it
/// holds the base record `update` merges against ([`connectorize_diff::BASE_FILE`]).
pub const MARKER_DIR: &str = ".connectorize";

/// The base record of a rendered connector: what was generated.
pub fn base_record(connector: &ConnectorFiles) -> String {
    let mut record = Vec::new();
    write_base_record(&mut record, connector).expect("writing to memory does not fail");
    String::from_utf8(record).expect("the record is made of UTF-8 texts")
}

/// Writes the base record ([`connectorize_diff::base_text`] of the definition and properties)
/// from the files' pretty texts, without the documents and without a copy of the record in
/// memory: a pretty text nested one level deeper differs only by two more spaces after each
/// line break (strings hold no raw line breaks), so the record is `base_text`'s frame around
/// the two texts re-indented.
fn write_base_record(
    out: &mut impl std::io::Write,
    connector: &ConnectorFiles,
) -> std::io::Result<()> {
    let text = |name: &str| {
        connector
            .files
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("{}", |(_, text)| text.trim_end_matches('\n'))
    };
    // The frame, with `null` where the two documents go: nothing else in it says `null`.
    let frame = connectorize_diff::base_text(&serde_json::Value::Null, &serde_json::Value::Null);
    let mut pieces = frame.split("null");
    for document in [text(DEFINITION_FILE), text(PROPERTIES_FILE)] {
        out.write_all(pieces.next().unwrap_or_default().as_bytes())?;
        for (k, line) in document.split('\n').enumerate() {
            if k > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line.as_bytes())?;
        }
    }
    out.write_all(pieces.next().unwrap_or_default().as_bytes())
}

/// Writes `connector` into `out_dir/<connector.folder>` and returns that folder.
pub fn write(out_dir: &Path, connector: &ConnectorFiles, force: bool) -> Result<PathBuf, Error> {
    let target = out_dir.join(&connector.folder);
    let label = target.display().to_string();
    fs::create_dir_all(out_dir).map_err(|e| {
        failed(
            &out_dir.display().to_string(),
            "create the output folder",
            &e,
        )
    })?;
    let staging = hidden_sibling(out_dir, &connector.folder, "tmp");
    let retired = hidden_sibling(out_dir, &connector.folder, "old");
    // A run killed between moving the old folder aside and moving the new one in leaves only
    // the retired folder: put it back first, so that the user's files in it are carried over.
    if fs::symlink_metadata(&target).is_err() && retired.join(MARKER_DIR).is_dir() {
        fs::rename(&retired, &target)
            .map_err(|e| failed(&label, "restore the folder of an interrupted run", &e))?;
    }
    let ours = target.join(MARKER_DIR).is_dir();
    let exists = target.exists();
    if exists && !ours && !force {
        let empty = target.is_dir()
            && fs::read_dir(&target)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
        if !empty {
            return Err(Error::new(
                codes::OUTPUT_EXISTS,
                format!("`{label}` exists and was not written by connectorize"),
            )
            .at(Location::file(label))
            .help("choose another output folder, or pass --force to replace it"));
        }
    }
    for stale in [&staging, &retired] {
        if stale.exists() {
            fs::remove_dir_all(stale)
                .map_err(|e| failed(&stale.display().to_string(), "remove a stale folder", &e))?;
        }
    }
    fs::create_dir_all(staging.join(MARKER_DIR))
        .map_err(|e| failed(&label, "create a temporary folder", &e))?;
    let result = fill(&staging, &target, connector, exists && target.is_dir()).and_then(|()| {
        if exists {
            if target.is_dir() {
                fs::rename(&target, &retired)
                    .map_err(|e| failed(&label, "move the old folder aside", &e))?;
            } else {
                fs::remove_file(&target).map_err(|e| failed(&label, "remove the old file", &e))?;
            }
        }
        fs::rename(&staging, &target)
            .map_err(|e| failed(&label, "move the new folder into place", &e))?;
        if retired.exists() {
            fs::remove_dir_all(&retired)
                .map_err(|e| failed(&label, "remove the old folder", &e))?;
        }
        Ok(())
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| target)
}

fn fill(
    staging: &Path,
    target: &Path,
    connector: &ConnectorFiles,
    carry_over: bool,
) -> Result<(), Error> {
    let label = target.display().to_string();
    let owned: Vec<&str> = connector.files.iter().map(|(name, _)| *name).collect();
    if carry_over {
        for entry in fs::read_dir(target).map_err(|e| failed(&label, "read the old folder", &e))? {
            let entry = entry.map_err(|e| failed(&label, "read the old folder", &e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let file_type = entry
                .file_type()
                .map_err(|e| failed(&label, "read the old folder", &e))?;
            if name == MARKER_DIR || owned.contains(&name.as_ref()) || !file_type.is_file() {
                continue;
            }
            fs::copy(entry.path(), staging.join(entry.file_name()))
                .map_err(|e| failed(&label, "carry over a file", &e))?;
        }
    }
    for (name, contents) in &connector.files {
        fs::write(staging.join(name), contents).map_err(|e| failed(&label, "write a file", &e))?;
    }
    fs::File::create(staging.join(connectorize_diff::BASE_FILE))
        .map(std::io::BufWriter::new)
        .and_then(|mut file| {
            write_base_record(&mut file, connector)?;
            file.flush()
        })
        .map_err(|e| failed(&label, "write the base record", &e))
}

/// Writes one file through a temporary sibling and a rename, so a reader (a script, a second
/// run) never sees half of it.
pub fn write_file(path: &Path, text: &str) -> Result<(), Error> {
    let label = path.display().to_string();
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| failed(&label, "create the folder", &e))?;
    }
    let mut staging = path.as_os_str().to_owned();
    staging.push(".connectorize-tmp");
    fs::write(&staging, text).map_err(|e| failed(&label, "write a file", &e))?;
    fs::rename(&staging, path).map_err(|e| failed(&label, "move a file into place", &e))
}

fn hidden_sibling(out_dir: &Path, folder: &str, kind: &str) -> PathBuf {
    out_dir.join(format!(".{folder}.connectorize-{kind}"))
}

fn failed(label: &str, action: &str, error: &std::io::Error) -> Error {
    Error::new(
        codes::OUTPUT_FAILED,
        format!("could not {action} for `{label}`: {error}"),
    )
    .at(Location::file(label))
}
