//! Golden cases: each folder of `tests/cases` holds a connector (`apiDefinition.swagger.json`,
//! optionally `apiProperties.json`, `readme.md`, and `options.json` with
//! `{"certification": true}`) and the expected findings in `diagnostics.txt`.

use std::fs;
use std::path::Path;

use connectorize_golden::{cases, Golden};
use connectorize_validator::{validate, File, Options};

fn optional(dir: &Path, name: &str) -> Option<String> {
    fs::read_to_string(dir.join(name)).ok()
}

#[test]
fn cases_match_their_expected_diagnostics() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut golden = Golden::new();
    for dir in cases(&suite) {
        let definition = fs::read_to_string(dir.join("apiDefinition.swagger.json"))
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let properties = optional(&dir, "apiProperties.json");
        let readme = optional(&dir, "readme.md");
        let options = optional(&dir, "options.json")
            .map(|text| {
                let value: serde_json::Value = serde_json::from_str(&text).expect("options.json");
                Options {
                    certification: value["certification"].as_bool().unwrap_or(false),
                }
            })
            .unwrap_or_default();
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
            &options,
        );
        golden.check(dir.join("diagnostics.txt"), &found.to_string());
    }
    golden.finish();
}

/// Codes whose failing documents are generated in `tests/limits.rs` (megabyte-sized).
const GENERATED_ELSEWHERE: &[&str] = &["CN102", "CN103", "CN104", "CN106", "CN107"];

#[test]
fn every_code_has_a_failing_case_and_valid_cases_pass() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut all_expected = String::new();
    for dir in cases(&suite) {
        let expected = fs::read_to_string(dir.join("diagnostics.txt")).unwrap_or_default();
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if name.starts_with("valid-") {
            assert!(
                expected.is_empty(),
                "{name} must pass without findings:\n{expected}"
            );
        }
        all_expected.push_str(&expected);
    }
    if std::env::var_os("CASE").is_some() {
        return;
    }
    for code in connectorize_validator::codes::ALL {
        let id = code.id();
        assert!(
            GENERATED_ELSEWHERE.contains(&id) || all_expected.contains(&format!("[{id}]")),
            "no golden case fails with {id}"
        );
    }
}
