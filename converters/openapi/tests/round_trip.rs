//! Connector fidelity: an existing connector read back and rendered again is the same JSON
//! (compared as values, so formatting and key order do not matter).
//!
//! Runs over every connector under the shared corpus's `050_*` and `061_*` folders (skipped,
//! with a note, when `CONNECTORIZE_SHARED` is unset) and over every rendered golden of the
//! renderer's own suite (`tests/cases/render`), the diff crate's fixture connectors and this
//! crate's own connector cases.

// Corpus runs print one line per input so a failing run shows where it stands.
#![allow(clippy::print_stdout)]

use std::fs;
use std::path::{Path, PathBuf};

use connectorize_connector::{render, RenderOptions};
use connectorize_ir::Diagnostics;
use serde_json::Value;

/// Folders holding an `apiDefinition.swagger.json`, sorted.
fn connectors(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            connectors(&path, out);
        } else if path
            .file_name()
            .is_some_and(|n| n == "apiDefinition.swagger.json")
        {
            if let Some(parent) = path.parent() {
                out.push(parent.to_path_buf());
            }
        }
    }
}

/// Reads a connector folder back and renders it faithfully; returns the mismatches.
fn round_trip(folder: &Path) -> Result<(), String> {
    let definition =
        fs::read_to_string(folder.join("apiDefinition.swagger.json")).map_err(|e| e.to_string())?;
    let properties = fs::read_to_string(folder.join("apiProperties.json")).ok();
    let mut diagnostics = Diagnostics::new();
    let api = connectorize_openapi::read_connector(
        &definition,
        "apiDefinition.swagger.json",
        properties.as_deref().map(|p| (p, "apiProperties.json")),
        &mut diagnostics,
    )
    .map_err(|e| format!("read_connector failed: {}", e.diagnostic()))?;
    // A connector is kept as written; only its own broken routes and path parameters may
    // break the IR's invariants.
    let broken: Vec<String> = connectorize_ir::validate(&api)
        .into_iter()
        .filter(|d| !matches!(d.code.id(), "IR004" | "IR006"))
        .map(|d| d.to_string())
        .collect();
    if !broken.is_empty() {
        return Err(format!("the IR breaks its invariants: {broken:?}"));
    }
    let options = RenderOptions {
        faithful: true,
        ..RenderOptions::default()
    };
    let rendered = render(&api, &options, &mut diagnostics)
        .map_err(|e| format!("render failed: {}", e.diagnostic()))?;
    let [connector] = rendered.as_slice() else {
        return Err(format!("rendered {} connectors", rendered.len()));
    };
    let mut problems = Vec::new();
    let expected: Value = serde_json::from_str(definition.trim_start_matches('\u{feff}'))
        .map_err(|e| e.to_string())?;
    differences(
        "apiDefinition.swagger.json",
        "",
        &expected,
        &connector.definition,
        &mut problems,
    );
    if let Some(properties) = properties {
        let expected: Value = serde_json::from_str(properties.trim_start_matches('\u{feff}'))
            .map_err(|e| e.to_string())?;
        differences(
            "apiProperties.json",
            "",
            &expected,
            &connector.properties,
            &mut problems,
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Lists where two values differ, by pointer (at most a few per file).
fn differences(file: &str, at: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    if out.len() >= 40 {
        return;
    }
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let child = connectorize_ir::pointer::push(at, key);
                match a.get(key) {
                    Some(other) => differences(file, &child, value, other, out),
                    None => out.push(format!(
                        "  {file}#{child}: missing (expected {})",
                        short(value)
                    )),
                }
            }
            for (key, value) in a {
                if !e.contains_key(key) {
                    let child = connectorize_ir::pointer::push(at, key);
                    out.push(format!("  {file}#{child}: unexpected {}", short(value)));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (index, (x, y)) in e.iter().zip(a).enumerate() {
                differences(file, &format!("{at}/{index}"), x, y, out);
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!(
            "  {file}#{at}: expected {} got {}",
            short(expected),
            short(actual)
        )),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.len() > 120 {
        format!(
            "{}…",
            &text[..text.char_indices().nth(120).map_or(text.len(), |(i, _)| i)]
        )
    } else {
        text
    }
}

#[test]

fn corpus_connectors_round_trip() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is unset; the corpus round trip is skipped");
        return;
    };
    let mut folders = Vec::new();
    for entry in fs::read_dir(shared.join("corpus/apim")).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("050_") || name.starts_with("061_") {
            connectors(&entry.path(), &mut folders);
        }
    }
    folders.sort();
    assert!(!folders.is_empty());
    let mut failures = Vec::new();
    for folder in &folders {
        let name = folder
            .strip_prefix(&shared)
            .unwrap_or(folder)
            .display()
            .to_string();
        match round_trip(folder) {
            Ok(()) => println!("{name}: round trip ok"),
            Err(problems) => {
                println!("{name}: MISMATCH\n{problems}");
                failures.push(name);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} connectors differ after a round trip: {failures:?}",
        failures.len(),
        folders.len()
    );
}

#[test]

fn own_golden_connectors_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut folders = Vec::new();
    connectors(&root, &mut folders);
    // The connector cases that read (those with error.txt fail on purpose).
    folders.retain(|f| !f.join("error.txt").exists());
    assert!(!folders.is_empty());
    let mut failures = Vec::new();
    for folder in &folders {
        let name = folder
            .strip_prefix(&root)
            .unwrap_or(folder)
            .display()
            .to_string();
        if let Err(problems) = round_trip(folder) {
            println!("{name}: MISMATCH\n{problems}");
            failures.push(name);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden connectors differ after a round trip: {failures:?}",
        failures.len(),
        folders.len()
    );
}

/// The diff crate's fixtures are hand-written connectors in many shapes (path-level
/// parameters, shared bodies, triggers, BOMs).
#[test]
fn diff_fixture_connectors_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../diff/tests/cases");
    let mut folders = Vec::new();
    connectors(&root, &mut folders);
    let mut failures = Vec::new();
    for folder in &folders {
        let name = folder
            .strip_prefix(&root)
            .unwrap_or(folder)
            .display()
            .to_string();
        if let Err(problems) = round_trip(folder) {
            println!("{name}: MISMATCH\n{problems}");
            failures.push(name);
        }
    }
    println!("{} diff connectors checked", folders.len());
    assert!(
        failures.is_empty(),
        "{} of {}: {failures:?}",
        failures.len(),
        folders.len()
    );
}

#[test]
fn rendered_goldens_round_trip() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/render");
    let mut folders = Vec::new();
    connectors(&root, &mut folders);
    let mut failures = Vec::new();
    for folder in &folders {
        let name = folder
            .strip_prefix(&root)
            .unwrap_or(folder)
            .display()
            .to_string();
        if let Err(problems) = round_trip(folder) {
            println!("{name}: MISMATCH\n{problems}");
            failures.push(name);
        }
    }
    println!("{} rendered goldens checked", folders.len());
    assert!(
        failures.is_empty(),
        "{} of {} rendered goldens differ after a round trip: {failures:?}",
        failures.len(),
        folders.len()
    );
}
