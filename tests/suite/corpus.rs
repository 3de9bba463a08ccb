//! Every input of the shared corpus through the whole pipeline (active when
//! `CONNECTORIZE_SHARED` is set): each API becomes connectors that pass the IR invariants, the
//! offline validator without errors and the official schemas (apart from named gaps), or fails
//! with a located error. Per-input counts are printed for the record (`--nocapture`).

use std::path::{Path, PathBuf};

use connectorize::ir::{self, Severity};
use connectorize::{convert, input, Options};
use serde_json::Value;

fn inputs(shared: &Path) -> Vec<PathBuf> {
    let mut list = Vec::new();
    let postman = shared.join("corpus/postman");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&postman)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    list.extend(files);
    let apim = shared.join("corpus/apim");
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(&apim)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    bundles.sort();
    list.extend(bundles);
    list
}

fn schema_errors(validator: &jsonschema::Validator, text: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(text).expect("rendered JSON parses");
    validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .filter(|m| {
            !crate::schemas::KNOWN_GAPS
                .iter()
                .any(|k| m.contains(&format!("'{k}'")))
        })
        .collect()
}

#[test]
fn corpus_converts_to_valid_connectors_or_located_errors() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        eprintln!("note: CONNECTORIZE_SHARED is not set; the corpus pipeline test was skipped");
        return;
    };
    let definition_schema =
        crate::schemas::load_schema(&shared, "apiDefinition.swagger.schema.json");
    let properties_schema =
        crate::schemas::load_schema(&shared, "paconn-apiProperties.schema.json");
    let mut problems = Vec::new();
    let mut totals = (0, 0, 0, 0);
    for path in inputs(&shared) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let converted = input::load(&path, input::DEFAULT_MAX_INPUT_BYTES)
            .and_then(|s| convert(s, &Options::default()));
        let list = match converted {
            Ok(list) => list,
            Err(e) => {
                if e.diagnostic().location.is_none() {
                    problems.push(format!("{name}: an error without a location: {e}"));
                }
                println!("{name}: input failed: {} {e}", e.diagnostic().code);
                totals.3 += 1;
                continue;
            }
        };
        let (mut connectors, mut operations, mut failed, mut skipped) = (0, 0, 0, 0);
        for c in list {
            match c.outcome {
                Ok(rendered) => {
                    for connector in rendered {
                        connectors += 1;
                        operations += connector.api.operations.len();
                        let label = format!("{name}/{}", connector.folder);
                        let findings = ir::validate(&connector.api);
                        if !findings.is_empty() {
                            problems.push(format!("{label}: IR invariants:\n{findings}"));
                        }
                        let checked = connectorize::check::rendered(&connector.files, &label);
                        if checked.any_at_least(Severity::Error) {
                            let errors: Vec<String> = checked
                                .iter()
                                .filter(|d| d.severity == Severity::Error)
                                .map(|d| d.to_string())
                                .collect();
                            problems
                                .push(format!("{label}: validator errors:\n{}", errors.join("\n")));
                        }
                        for (schema, text) in [
                            (&definition_schema, &connector.files[0].1),
                            (&properties_schema, &connector.files[1].1),
                        ] {
                            let errors = schema_errors(schema, text);
                            if !errors.is_empty() {
                                problems.push(format!("{label}: schema: {}", errors.join("; ")));
                            }
                        }
                    }
                }
                Err(_) if c.skipped => skipped += 1,
                Err(e) => {
                    failed += 1;
                    if e.diagnostic().location.is_none() {
                        problems.push(format!(
                            "{name}/{}: an error without a location: {e}",
                            c.name
                        ));
                    }
                }
            }
        }
        totals.0 += connectors;
        totals.1 += operations;
        totals.2 += failed;
        println!("{name}: {connectors} connectors, {operations} operations, {skipped} skipped, {failed} failed");
    }
    println!(
        "total: {} connectors, {} operations, {} failed APIs, {} failed inputs",
        totals.0, totals.1, totals.2, totals.3
    );
    assert!(totals.0 > 100, "only {} connectors were produced", totals.0);
    assert!(
        problems.is_empty(),
        "{} problem(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
