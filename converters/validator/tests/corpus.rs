//! The real, certified connectors of the shared corpus (`apim/050_*`, `apim/061_*`) must give
//! no error except the genuine ones listed here, so a new false positive or a lost finding
//! fails the test. Skipped, with a note, when `CONNECTORIZE_SHARED` is unset.

use std::fs;
use std::path::{Path, PathBuf};

use connectorize_golden::shared_dir;
use connectorize_ir::Severity;
use connectorize_validator::{validate, File, Options};

/// Errors that are genuine: (connector folder name, code).
const EXPECTED_ERRORS: &[(&str, &str)] = &[];

fn connector_folders(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n == "apiDefinition.swagger.json")
            {
                found.push(dir.clone());
            }
        }
    }
    found.sort();
    found
}

fn read(dir: &Path, name: &str) -> Option<String> {
    fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let file = e.file_name().to_string_lossy().to_string();
        file.eq_ignore_ascii_case(name)
            .then(|| fs::read_to_string(e.path()).ok())
            .flatten()
    })
}

#[test]
#[allow(clippy::print_stdout)]
fn certified_connectors_have_only_genuine_errors() {
    let Some(shared) = shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is unset; corpus test skipped");
        return;
    };
    let mut folders = Vec::new();
    for set in ["050_", "061_"] {
        let apim = shared.join("corpus/apim");
        for entry in fs::read_dir(&apim).expect("corpus/apim").flatten() {
            if entry.file_name().to_string_lossy().starts_with(set) {
                folders.extend(connector_folders(&entry.path()));
            }
        }
    }
    folders.sort();
    assert!(
        folders.len() >= 10,
        "expected the 050/061 connectors, found {}",
        folders.len()
    );
    let mut errors: Vec<(String, String)> = Vec::new();
    for dir in &folders {
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let definition = read(dir, "apiDefinition.swagger.json").expect("swagger");
        let properties = read(dir, "apiProperties.json");
        let readme = read(dir, "readme.md");
        let found = validate(
            File {
                name: "apiDefinition.swagger.json",
                text: &definition,
            },
            properties.as_deref().map(|text| File {
                name: "apiProperties.json",
                text,
            }),
            readme.as_deref().map(|text| File {
                name: "readme.md",
                text,
            }),
            &Options::default(),
        );
        println!(
            "== {name}: {} error(s), {} warning(s)",
            found.count(Severity::Error),
            found.count(Severity::Warning)
        );
        print!("{found}");
        for d in found.iter().filter(|d| d.severity == Severity::Error) {
            errors.push((name.clone(), d.code.id().to_owned()));
        }
    }
    errors.sort();
    errors.dedup();
    let expected: Vec<(String, String)> = EXPECTED_ERRORS
        .iter()
        .map(|(n, c)| ((*n).to_owned(), (*c).to_owned()))
        .collect();
    assert_eq!(
        errors, expected,
        "error-level findings on certified connectors changed"
    );
}
