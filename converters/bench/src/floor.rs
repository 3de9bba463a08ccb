//! The floor: the least a JSON-to-JSON converter must do — read the input, parse it into a
//! generic JSON value, and write it pretty-printed.
//!
//! For a file: `serde_json` parse to [`Value`] and `to_string_pretty` into `OUT/<file name>`.
//! For a folder (an API Management bundle): the same for every `.json` file, and every
//! `.yaml`/`.yml` file parsed with the project's own YAML reader (the OpenAPI frontend's
//! [`connectorize_openapi::parse`], which is what connectorize itself uses on specifications)
//! and written as pretty JSON. Other files (policy XML, GraphQL, WSDL) are read but not parsed:
//! the floor gives connectorize no credit for parsing XML. Files are handled in parallel on
//! rayon's pool (`RAYON_NUM_THREADS` applies), like connectorize's APIs.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

/// What the floor did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Files parsed as JSON or YAML.
    pub parsed: usize,
    /// Files only read.
    pub read: usize,
    /// Bytes read.
    pub bytes_in: u64,
    /// Bytes written.
    pub bytes_out: u64,
}

impl std::ops::Add for Totals {
    type Output = Totals;
    fn add(self, o: Totals) -> Totals {
        Totals {
            parsed: self.parsed + o.parsed,
            read: self.read + o.read,
            bytes_in: self.bytes_in + o.bytes_in,
            bytes_out: self.bytes_out + o.bytes_out,
        }
    }
}

fn invalid(path: &Path, e: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}: {e}", path.display()),
    )
}

/// Parses one file into a value: `Ok(None)` when it is neither JSON nor YAML.
pub fn parse_file(path: &Path, text: &str) -> io::Result<Option<Value>> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "json" => serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map(Some)
            .map_err(|e| invalid(path, e)),
        "yaml" | "yml" => {
            let mut diagnostics = connectorize_ir::Diagnostics::new();
            let name = path.display().to_string();
            connectorize_openapi::parse(text, &name, &mut diagnostics)
                .map(|d| Some(d.root))
                // Not an OpenAPI document (an APIOps configuration file): read only.
                .or(Ok(None))
        }
        _ => Ok(None),
    }
}

fn one(input: &Path, output: &Path, write: bool) -> io::Result<Totals> {
    let text = std::fs::read_to_string(input)?;
    let mut totals = Totals {
        bytes_in: text.len() as u64,
        ..Totals::default()
    };
    match parse_file(input, &text)? {
        Some(value) => {
            totals.parsed = 1;
            if write {
                let mut pretty =
                    serde_json::to_string_pretty(&value).map_err(|e| invalid(input, e))?;
                pretty.push('\n');
                totals.bytes_out = pretty.len() as u64;
                if let Some(parent) = output.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(output.with_extension("json"), pretty)?;
            }
        }
        None => totals.read = 1,
    }
    Ok(totals)
}

fn files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Runs the floor on `input` (a file or a folder), writing into the folder `out` when given
/// (otherwise it only reads and parses: the floor of *reading*, for `validate` and `diff`).
pub fn run(input: &Path, out: Option<&Path>) -> io::Result<Totals> {
    if input.is_dir() {
        let list = files(input)?;
        list.par_iter()
            .map(|path| {
                let rel = path.strip_prefix(input).unwrap_or(path);
                let target = out.map(|o| o.join(rel)).unwrap_or_default();
                one(path, &target, out.is_some())
            })
            .try_reduce(Totals::default, |a, b| Ok(a + b))
    } else {
        let name = input.file_name().unwrap_or(input.as_os_str());
        let target = out.map(|o| o.join(name)).unwrap_or_default();
        one(input, &target, out.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_pretty_json_for_json_and_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir_all(input.join("a")).unwrap();
        std::fs::write(input.join("a/x.json"), r#"{"b":[1,2]}"#).unwrap();
        std::fs::write(input.join("a/s.yaml"), "openapi: 3.0.1\npaths: {}\n").unwrap();
        std::fs::write(input.join("a/p.xml"), "<policies/>").unwrap();
        let out = dir.path().join("out");
        let totals = run(&input, Some(&out)).unwrap();
        assert_eq!((totals.parsed, totals.read), (2, 1));
        assert_eq!(
            std::fs::read_to_string(out.join("a/x.json")).unwrap(),
            "{\n  \"b\": [\n    1,\n    2\n  ]\n}\n"
        );
        let yaml: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("a/s.json")).unwrap()).unwrap();
        assert_eq!(yaml["openapi"], "3.0.1");
        let read_only = run(&input, None).unwrap();
        assert_eq!(read_only.bytes_out, 0);
        assert_eq!(read_only.parsed, 2);
    }
}
