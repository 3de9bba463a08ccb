//! Golden cases: `tests/cases/<case>/` holds one input, `openapi.{yaml,json}`,
//! `swagger.{yaml,json}`, or an existing connector (`apiDefinition.swagger.json`, optionally
//! with `apiProperties.json`), plus optional `vars.txt` (`name=value` lines, like `--var`).
//! Expected: `ir.json` and `diagnostics.txt`, or `error.txt` when reading fails.

use std::fs;
use std::path::Path;

use connectorize_golden::{cases, Golden};
use connectorize_ir::{to_json, validate, Diagnostics};
use connectorize_openapi::Options;

const INPUTS: &[&str] = &[
    "openapi.yaml",
    "openapi.json",
    "swagger.yaml",
    "swagger.json",
    "apiDefinition.swagger.json",
];

#[test]
fn golden_cases() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut golden = Golden::new();
    for case in cases(&suite) {
        let Some(input) = INPUTS.iter().find(|name| case.join(name).is_file()) else {
            golden.fail(format!("{}: no input file", case.display()));
            continue;
        };
        let text = fs::read_to_string(case.join(input)).unwrap();
        let mut options = Options::default();
        if let Ok(vars) = fs::read_to_string(case.join("vars.txt")) {
            options.variables = vars
                .lines()
                .filter_map(|line| line.split_once('='))
                .map(|(name, value)| (name.to_owned(), value.to_owned()))
                .collect();
        }
        let mut diagnostics = Diagnostics::new();
        let result = if *input == "apiDefinition.swagger.json" {
            let properties = fs::read_to_string(case.join("apiProperties.json")).ok();
            connectorize_openapi::read_connector(
                &text,
                input,
                properties.as_deref().map(|p| (p, "apiProperties.json")),
                &mut diagnostics,
            )
        } else {
            connectorize_openapi::read(&text, input, &options, &mut diagnostics)
        };
        match result {
            Ok(api) => {
                let findings = validate(&api);
                if !findings.is_empty() {
                    golden.fail(format!(
                        "{}: the IR breaks its invariants:\n{findings}",
                        case.display()
                    ));
                }
                golden.check(case.join("ir.json"), &to_json(&api));
                golden.check(case.join("diagnostics.txt"), &diagnostics.to_string());
                if case.join("error.txt").exists() {
                    golden.fail(format!(
                        "{}: error.txt exists but reading succeeded",
                        case.display()
                    ));
                }
            }
            Err(error) => {
                diagnostics.push(error.diagnostic().clone());
                golden.check(case.join("error.txt"), &diagnostics.to_string());
                if case.join("ir.json").exists() {
                    golden.fail(format!(
                        "{}: ir.json exists but reading failed",
                        case.display()
                    ));
                }
            }
        }
    }
    golden.finish();
}

#[test]
fn detect_accepts_every_openapi_case_and_rejects_others() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    for case in cases(&suite) {
        for input in &INPUTS[..4] {
            if let Ok(text) = fs::read_to_string(case.join(input)) {
                let expected = !case.to_string_lossy().contains("not-openapi")
                    && !case.to_string_lossy().contains("root-not-object");
                if !case.to_string_lossy().contains("invalid-") {
                    assert_eq!(
                        connectorize_openapi::detect(&text),
                        expected,
                        "{}",
                        case.display()
                    );
                }
            }
        }
    }
    assert!(!connectorize_openapi::detect(
        "{\"info\": {\"_postman_id\": \"x\"}, \"item\": []}"
    ));
}
