//! Golden-file testing shared by every connectorize crate.
//!
//! A suite is a folder of cases (`tests/cases/<suite>/<case>/`); each case holds its input and
//! the expected output files. A test walks the cases with [`cases`], computes the actual
//! output and hands each file to [`Golden::check`]. After the walk, [`Golden::finish`] fails
//! once, listing a unified diff for every mismatching file, so one run shows every failure.
//!
//! `UPDATE_GOLDEN=1` rewrites expected files instead of comparing them, unless `CI` is set:
//! CI must never bless its own output. `CASE=<substring>` runs only matching cases.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The case folders of a suite, sorted by name, filtered by the `CASE` variable.
///
/// Panics when the suite folder is missing: a suite that silently finds no case would make
/// its test pass without checking anything.
pub fn cases(suite: impl AsRef<Path>) -> Vec<PathBuf> {
    let suite = suite.as_ref();
    let filter = std::env::var("CASE").ok();
    let mut found: Vec<PathBuf> = fs::read_dir(suite)
        .unwrap_or_else(|e| panic!("golden suite {} cannot be read: {e}", suite.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_dir())
        .filter(|path| match &filter {
            Some(f) => path.to_string_lossy().contains(f.as_str()),
            None => true,
        })
        .collect();
    found.sort();
    assert!(
        filter.is_some() || !found.is_empty(),
        "golden suite {} has no cases",
        suite.display()
    );
    found
}

/// The shared corpus folder named by `CONNECTORIZE_SHARED`, when set.
///
/// A relative value is taken from the workspace root (where `.ci/run` and users stand), not
/// from the test's working directory, which cargo sets to each crate's own folder.
pub fn shared_dir() -> Option<PathBuf> {
    let value = std::env::var_os("CONNECTORIZE_SHARED").filter(|v| !v.is_empty())?;
    let path = PathBuf::from(value);
    if path.is_absolute() {
        return Some(path);
    }
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Some(workspace.join(path))
}

/// Whether expected files are being rewritten in this run.
pub fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") && std::env::var_os("CI").is_none()
}

/// Collects golden mismatches across a suite.
#[derive(Debug, Default)]
pub struct Golden {
    checked: usize,
    failures: Vec<String>,
}

impl Golden {
    /// A new, empty collector.
    pub fn new() -> Self {
        Golden::default()
    }

    /// Compares `actual` with the file at `expected` (or rewrites it when updating).
    /// Line endings are normalised to `\n` on both sides.
    pub fn check(&mut self, expected: impl AsRef<Path>, actual: &str) {
        let expected = expected.as_ref();
        self.checked += 1;
        let actual = actual.replace("\r\n", "\n");
        if updating() {
            if let Some(parent) = expected.parent() {
                fs::create_dir_all(parent).expect("create golden folder");
            }
            if fs::read_to_string(expected).ok().as_deref() != Some(actual.as_str()) {
                fs::write(expected, &actual).expect("write golden file");
            }
            return;
        }
        match fs::read_to_string(expected) {
            Ok(text) => {
                let text = text.replace("\r\n", "\n");
                if text != actual {
                    self.failures.push(format!(
                        "--- {} (expected)\n+++ actual\n{}",
                        expected.display(),
                        similar::TextDiff::from_lines(&text, &actual)
                            .unified_diff()
                            .context_radius(3)
                    ));
                }
            }
            Err(_) => self.failures.push(format!(
                "{} is missing; run with UPDATE_GOLDEN=1 to create it. Actual output:\n{actual}",
                expected.display()
            )),
        }
    }

    /// Records that a file which must not exist for this case exists (or the reverse).
    pub fn fail(&mut self, message: impl Into<String>) {
        self.failures.push(message.into());
    }

    /// How many files were checked so far.
    pub fn checked(&self) -> usize {
        self.checked
    }

    /// Panics with every mismatch, or returns when all files matched.
    pub fn finish(self) {
        if self.failures.is_empty() {
            return;
        }
        let mut report = String::new();
        let _ = writeln!(report, "{} golden mismatch(es):", self.failures.len());
        for failure in &self.failures {
            let _ = writeln!(report, "\n{failure}");
        }
        panic!("{report}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_diff_for_a_mismatch_and_accepts_a_match() {
        let dir = std::env::temp_dir().join(format!("golden-selftest-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let file = dir.join("out.txt");
        fs::write(&file, "a\nb\n").unwrap();
        let mut golden = Golden::new();
        golden.check(&file, "a\nb\n");
        assert!(golden.failures.is_empty());
        if !updating() {
            golden.check(&file, "a\nc\n");
            assert_eq!(golden.failures.len(), 1);
            assert!(
                golden.failures[0].contains("-b\n+c"),
                "{}",
                golden.failures[0]
            );
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
