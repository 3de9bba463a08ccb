//! Render cases: `tests/cases/render/<case>/ir.json` (+ `options.json`) to the connector files
//! of each produced connector under `<folder>/`, plus `diagnostics.txt`, or `error.txt`.
//!
//! Every produced connector is also checked independently of the goldens: rendering twice
//! gives identical bytes, and the IR the connector was written from passes the invariants.

use connectorize::connector::{self, RenderOptions, Split};
use connectorize::ir::{self, Diagnostics};
use connectorize_golden::{cases, Golden};
use serde_json::Value;

fn options(case: &std::path::Path) -> RenderOptions {
    let mut options = RenderOptions::default();
    let Ok(text) = std::fs::read_to_string(case.join("options.json")) else {
        return options;
    };
    let value: Value = serde_json::from_str(&text).expect("options.json is JSON");
    if let Some(split) = value.get("split").and_then(Value::as_str) {
        options.split = match split {
            "tag" => Split::Tag,
            "none" => Split::None,
            _ => Split::Auto,
        };
    }
    if let Some(n) = value.get("maxOperations").and_then(Value::as_u64) {
        options.max_operations = n as usize;
    }
    if let Some(n) = value.get("maxDefinitionBytes").and_then(Value::as_u64) {
        options.max_definition_bytes = n as usize;
    }
    options.faithful = value
        .get("faithful")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    options
}

#[test]
fn render_cases() {
    let mut golden = Golden::new();
    for case in cases(crate::root().join("tests/cases/render")) {
        let text = std::fs::read_to_string(case.join("ir.json")).expect("case has ir.json");
        let api =
            ir::from_json(&text, "ir.json").unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let options = options(&case);
        let mut diagnostics = Diagnostics::new();
        match connector::render(&api, &options, &mut diagnostics) {
            Ok(connectors) => {
                if case.join("error.txt").exists() {
                    golden.fail(format!(
                        "{}: expected an error, got connectors",
                        case.display()
                    ));
                }
                let mut again = Diagnostics::new();
                let second = connector::render(&api, &options, &mut again).expect("second render");
                for (c, twin) in connectors.iter().zip(&second) {
                    if c.files != twin.files {
                        golden.fail(format!(
                            "{}: rendering twice gave different bytes",
                            case.display()
                        ));
                    }
                    let findings = ir::validate(&c.api);
                    if !options.faithful && !findings.is_empty() {
                        golden.fail(format!(
                            "{}: rendered IR breaks invariants:\n{findings}",
                            case.display()
                        ));
                    }
                    // The base record is written from the texts; it must be the documents' record.
                    let record = connectorize::output::base_record(&c.clone().into());
                    if record != connectorize_diff::base_text(&c.definition, &c.properties) {
                        golden.fail(format!(
                            "{}: the base record written from the files differs from the documents'",
                            case.display()
                        ));
                    }
                    // What the renderer writes must pass the offline validator without errors.
                    let checked = connectorize::check::rendered(&c.files, &c.folder);
                    if !options.faithful && checked.any_at_least(ir::Severity::Error) {
                        golden.fail(format!(
                            "{}: the validator rejects the output:\n{checked}",
                            case.display()
                        ));
                    }
                    for (name, contents) in &c.files {
                        if *name != connector::SETTINGS_FILE {
                            golden.check(case.join(&c.folder).join(name), contents);
                        }
                    }
                }
                golden.check(case.join("diagnostics.txt"), &diagnostics.to_string());
            }
            Err(e) => {
                diagnostics.push(e.diagnostic().clone());
                golden.check(case.join("error.txt"), &diagnostics.to_string());
            }
        }
    }
    golden.finish();
}

#[test]
fn settings_names_the_connector_files() {
    let mut api = ir::Api::new("Settings check");
    api.server = Some(ir::Server {
        schemes: vec![ir::Scheme::Https],
        host: "example.com".into(),
        base_path: "/".into(),
        origin: None,
    });
    let rendered =
        connector::render(&api, &RenderOptions::default(), &mut Diagnostics::new()).unwrap();
    let settings = &rendered[0]
        .files
        .iter()
        .find(|(n, _)| *n == connector::SETTINGS_FILE)
        .unwrap()
        .1;
    let value: Value = serde_json::from_str(settings).unwrap();
    assert_eq!(value["apiDefinition"], "apiDefinition.swagger.json");
    assert_eq!(value["apiProperties"], "apiProperties.json");
}
