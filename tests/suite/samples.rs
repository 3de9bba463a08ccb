//! The samples in `samples/<kind>/<name>/` run through the whole pipeline (load, detect, read,
//! render) and must reproduce their committed output under `connector/`, plus
//! `diagnostics.txt`. They are what the README's examples use.

use std::path::{Path, PathBuf};

use connectorize::{convert, input, Options};
use connectorize_golden::{cases, Golden};
use serde_json::Value;

/// The sample's input: a bundle folder `input/`, or the single input file.
fn sample_input(case: &Path) -> PathBuf {
    ["input", "collection.json", "openapi.yaml", "openapi.json"]
        .iter()
        .map(|name| case.join(name))
        .find(|path| path.exists())
        .unwrap_or_else(|| panic!("{} has no input", case.display()))
}

fn options(case: &Path) -> Options {
    let mut options = Options::default();
    if let Ok(text) = std::fs::read_to_string(case.join("options.json")) {
        let value: Value = serde_json::from_str(&text).expect("options.json is JSON");
        if let Some(env) = value.get("environment").and_then(Value::as_str) {
            options.environment = Some(relative_to_root(&case.join(env)));
        }
    }
    options
}

fn relative_to_root(path: &Path) -> PathBuf {
    PathBuf::from(crate::relative(path, &crate::root()))
}

#[test]
fn samples_reproduce_their_committed_output() {
    let mut golden = Golden::new();
    let mut count = 0;
    for kind in ["postman", "apim"] {
        for case in cases(crate::root().join("samples").join(kind)) {
            count += 1;
            // Paths relative to the repository root keep locations in diagnostics stable.
            let source = input::load(
                &relative_to_root(&sample_input(&case)),
                input::DEFAULT_MAX_INPUT_BYTES,
            )
            .expect("sample input loads");
            let converted = convert(source, &options(&case)).expect("sample converts");
            let mut diagnostics = connectorize::ir::Diagnostics::new();
            for c in converted {
                diagnostics.extend(c.diagnostics);
                for connector in c.outcome.expect("sample API converts") {
                    for (name, contents) in &connector.files {
                        if *name != connectorize::connector::SETTINGS_FILE {
                            golden.check(
                                case.join("connector").join(&connector.folder).join(name),
                                contents,
                            );
                        }
                    }
                }
            }
            golden.check(case.join("diagnostics.txt"), &diagnostics.to_string());
        }
    }
    assert!(count >= 5, "expected at least five samples, found {count}");
    golden.finish();
}
