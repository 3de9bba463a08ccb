//! Golden cases: `tests/cases/<case>/collection.json` (plus optional `options.json` and
//! `environment.json`) -> `ir.json` and `diagnostics.txt`, or `error.txt`.
//!
//! `options.json` is `{"variables": {"name": "value"}, "auth": "basic", "splitByHost": true}`
//! (every key optional); `environment.json` is a Postman environment export. `ir.json` holds
//! one API as `connectorize ir` prints it, or — when the case yields several (split by host) —
//! a JSON array of them. `error.txt` holds the fatal error followed by the findings before it.
//! Every produced API must pass the IR invariants.

use std::path::Path;

use connectorize_golden::{cases, Golden};
use connectorize_ir::Diagnostics;
use connectorize_postman::{parse_environment, read, Options};

fn options(case: &Path) -> Options {
    let mut options = Options::default();
    if let Ok(text) = std::fs::read_to_string(case.join("options.json")) {
        let value: serde_json::Value = serde_json::from_str(&text).expect("options.json is JSON");
        if let Some(vars) = value.get("variables").and_then(|v| v.as_object()) {
            for (k, v) in vars {
                options
                    .variables
                    .push((k.clone(), v.as_str().unwrap_or_default().to_string()));
            }
        }
        options.auth = value
            .get("auth")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        options.split_by_host = value
            .get("splitByHost")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
    }
    if let Ok(text) = std::fs::read_to_string(case.join("environment.json")) {
        options.environment =
            Some(parse_environment(&text, "environment.json").expect("valid environment"));
    }
    options
}

#[test]
fn golden_cases() {
    let mut golden = Golden::new();
    for case in cases(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")) {
        let text = std::fs::read_to_string(case.join("collection.json")).expect("collection.json");
        let mut diagnostics = Diagnostics::new();
        match read(&text, "collection.json", &options(&case), &mut diagnostics) {
            Ok(apis) => {
                for api in &apis {
                    let findings = connectorize_ir::validate(api);
                    if !findings.is_empty() {
                        golden.fail(format!(
                            "{}: invariants violated:\n{findings}",
                            case.display()
                        ));
                    }
                }
                let ir = if apis.len() == 1 {
                    connectorize_ir::to_json(&apis[0])
                } else {
                    serde_json::to_string_pretty(&apis).expect("IR serializes") + "\n"
                };
                golden.check(case.join("ir.json"), &ir);
                golden.check(case.join("diagnostics.txt"), &diagnostics.to_string());
                if case.join("error.txt").exists() {
                    golden.fail(format!(
                        "{}: error.txt exists but the case converts",
                        case.display()
                    ));
                }
            }
            Err(error) => {
                let mut text = Diagnostics::from(vec![error.diagnostic().clone()]).to_string();
                text.push_str(&diagnostics.to_string());
                golden.check(case.join("error.txt"), &text);
                if case.join("ir.json").exists() {
                    golden.fail(format!(
                        "{}: ir.json exists but the case fails",
                        case.display()
                    ));
                }
            }
        }
    }
    golden.finish();
}
