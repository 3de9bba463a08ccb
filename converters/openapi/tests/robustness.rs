//! Hostile and broken inputs: every prefix of every golden input, deep nesting and alias
//! bombs are read without a panic, and whatever is read passes the IR invariants.

use std::fs;
use std::path::Path;

use connectorize_ir::{validate, Diagnostics};

fn check(text: &str, file: &str) {
    let mut diagnostics = Diagnostics::new();
    if let Ok(api) = connectorize_openapi::read(text, file, &Default::default(), &mut diagnostics) {
        let findings = validate(&api);
        assert!(
            findings.is_empty(),
            "{file}: {findings}\n--- input:\n{text}"
        );
    }
    let mut diagnostics = Diagnostics::new();
    if let Ok(api) =
        connectorize_openapi::read_connector(text, file, Some((text, "p.json")), &mut diagnostics)
    {
        // A connector is kept as written, so only the routes and path parameters it got
        // wrong itself may break the invariants.
        let findings: Vec<_> = validate(&api)
            .into_iter()
            .filter(|d| !matches!(d.code.id(), "IR004" | "IR006"))
            .collect();
        assert!(
            findings.is_empty(),
            "{file} as a connector: {findings:?}\n--- input:\n{text}"
        );
    }
}

#[test]
fn every_prefix_of_every_golden_input_reads_without_panic() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut inputs = 0;
    for case in connectorize_golden::cases(&suite) {
        for entry in fs::read_dir(&case).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("openapi.")
                || name.starts_with("swagger.")
                || name == "apiDefinition.swagger.json")
            {
                continue;
            }
            let text = fs::read_to_string(entry.path()).unwrap();
            inputs += 1;
            let step = (text.len() / 60).max(1);
            let mut cut = 0;
            while cut < text.len() {
                if text.is_char_boundary(cut) {
                    check(&text[..cut], &name);
                }
                cut += step;
            }
            check(&text, &name);
        }
    }
    assert!(inputs >= 25, "only {inputs} inputs found");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for depth in [150, 5_000, 100_000] {
        let json = format!(
            "{{\"openapi\": \"3.0.0\", \"x\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let yaml = format!(
            "openapi: 3.0.0\nx: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let block: String = (0..depth.min(2_000))
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect();
        for (text, file) in [
            (json, "deep.json"),
            (yaml, "deep.yaml"),
            (format!("openapi: 3.0.0\n{block}"), "block.yaml"),
        ] {
            let mut diagnostics = Diagnostics::new();
            let error =
                connectorize_openapi::read(&text, file, &Default::default(), &mut diagnostics)
                    .unwrap_err();
            let code = error.diagnostic().code.id();
            assert!(
                code == "OA004" || code == "OA001",
                "{file} at depth {depth}: {}",
                error.diagnostic()
            );
        }
    }
}

#[test]
fn deeply_nested_schemas_are_cut_with_a_finding() {
    let mut schema = String::from("{\"type\": \"string\"}");
    for _ in 0..120 {
        schema = format!("{{\"type\": \"array\", \"items\": {schema}}}");
    }
    let text = format!(
        "{{\"swagger\": \"2.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}}, \"paths\": {{}}, \"definitions\": {{\"Deep\": {schema}}}}}"
    );
    let mut diagnostics = Diagnostics::new();
    let api = connectorize_openapi::read(&text, "deep.json", &Default::default(), &mut diagnostics)
        .unwrap();
    assert!(api.schemas.contains_key("Deep"));
    assert!(
        diagnostics.iter().any(|d| d.code.id() == "OA038"),
        "{diagnostics}"
    );
}
