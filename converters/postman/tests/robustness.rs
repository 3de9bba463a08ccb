//! Type drift anywhere never panics: every value of every golden collection is replaced, one at
//! a time, by `null`, a number, a string and an empty object. Each variant either converts to
//! IR that passes the invariants or fails with a located error.

use std::path::Path;

use connectorize_ir::Diagnostics;
use connectorize_postman::{read, Options};
use serde_json::{json, Value};

/// Pointers of every node, root excluded, in document order.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let child = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(child.clone());
                pointers(v, child, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let child = format!("{at}/{i}");
                out.push(child.clone());
                pointers(v, child, out);
            }
        }
        _ => {}
    }
}

#[test]
fn replaced_values_never_panic_and_outputs_stay_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let replacements = [Value::Null, json!(42), json!("x"), json!({})];
    let mut runs = 0;
    for case in connectorize_golden::cases(&root) {
        let Ok(text) = std::fs::read_to_string(case.join("collection.json")) else {
            continue;
        };
        let Ok(original) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
        else {
            continue;
        };
        let mut all = Vec::new();
        pointers(&original, String::new(), &mut all);
        for pointer in all {
            for replacement in &replacements {
                let mut variant = original.clone();
                if let Some(slot) = variant.pointer_mut(&pointer) {
                    *slot = replacement.clone();
                }
                let mut diagnostics = Diagnostics::new();
                runs += 1;
                match read(
                    &variant.to_string(),
                    "c.json",
                    &Options::default(),
                    &mut diagnostics,
                ) {
                    Ok(apis) => {
                        for api in &apis {
                            let findings = connectorize_ir::validate(api);
                            assert!(
                                findings.is_empty(),
                                "{} with {pointer} = {replacement}: {findings}",
                                case.display()
                            );
                        }
                    }
                    Err(error) => assert!(
                        error.diagnostic().location.is_some(),
                        "{} with {pointer} = {replacement}: unlocated error {}",
                        case.display(),
                        error.diagnostic()
                    ),
                }
            }
        }
    }
    assert!(runs > 1000, "only {runs} variants were tried");
}
