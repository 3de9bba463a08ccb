//! Every rendered golden connector against the official connector schemas in
//! `../shared/schemas/connector` (active when `CONNECTORIZE_SHARED` is set).
//!
//! The schemas date from 2020 and reject some keys the platform accepts today; a finding about
//! one of those keys is reported as a known gap, by name, never skipped silently.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// Keys the 2020 schemas do not know but the platform and certified connectors use.
pub const KNOWN_GAPS: &[&str] = &[
    "scriptOperations",
    "connectionParameterSets",
    "x-ms-openai-data",
    "x-ms-openai-manifest",
    "x-ms-keywords",
];

/// Removes `//` comments outside strings (the schemas are JSONC).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if c == '/' && chars.peek() == Some(&'/') {
            for skipped in chars.by_ref() {
                if skipped == '\n' {
                    out.push('\n');
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Definition names in these schemas contain `<` and `>`, which are not valid in a URI
/// reference; both the names and the references to them are rewritten the same way.
fn escape_names(value: &mut Value, in_definitions: bool) {
    let clean = |s: &str| s.replace('<', "_lt_").replace('>', "_gt_");
    match value {
        Value::Object(map) if in_definitions => {
            let old = std::mem::take(map);
            for (key, mut inner) in old {
                escape_names(&mut inner, false);
                map.insert(clean(&key), inner);
            }
        }
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match (key.as_str(), inner) {
                    ("$ref", Value::String(s)) => *s = clean(s),
                    (key, inner) => escape_names(inner, key == "definitions"),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| escape_names(i, false)),
        _ => {}
    }
}

pub fn load_schema(shared: &Path, name: &str) -> jsonschema::Validator {
    let path = shared.join("schemas/connector").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut value: Value =
        serde_json::from_str(&strip_comments(&text)).expect("schema is JSON after comments");
    escape_names(&mut value, false);
    jsonschema::options()
        .build(&value)
        .expect("schema compiles")
}

fn goldens(dir: &Path, file: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            goldens(&path, file, out);
        } else if path.file_name().is_some_and(|n| n == file) {
            out.push(path);
        }
    }
}

/// Checks one file; returns the unexpected errors and records known gaps.
fn check(validator: &jsonschema::Validator, path: &Path, gaps: &mut Vec<String>) -> Vec<String> {
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut unexpected = Vec::new();
    for error in validator.iter_errors(&value) {
        let message = error.to_string();
        match KNOWN_GAPS
            .iter()
            .find(|k| message.contains(&format!("'{k}'")))
        {
            Some(key) => gaps.push(format!(
                "{}: `{key}` ({})",
                path.display(),
                error.instance_path
            )),
            None => unexpected.push(format!(
                "{} at {}: {message}",
                path.display(),
                error.instance_path
            )),
        }
    }
    unexpected
}

#[test]
fn rendered_goldens_validate_against_the_official_schemas() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        eprintln!("note: CONNECTORIZE_SHARED is not set; the official-schema check was skipped");
        return;
    };
    let root = crate::root();
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    let mut checked = 0;
    for (schema, file) in [
        (
            "apiDefinition.swagger.schema.json",
            "apiDefinition.swagger.json",
        ),
        ("paconn-apiProperties.schema.json", "apiProperties.json"),
    ] {
        let validator = load_schema(&shared, schema);
        let mut files = Vec::new();
        goldens(&root.join("tests/cases"), file, &mut files);
        goldens(&root.join("samples"), file, &mut files);
        for path in files {
            checked += 1;
            failures.extend(check(&validator, &path, &mut gaps));
        }
    }
    for gap in &gaps {
        eprintln!("known schema gap: {gap}");
    }
    assert!(
        checked >= 15,
        "only {checked} rendered files were found to check"
    );
    assert!(
        failures.is_empty(),
        "{} schema violation(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn comments_are_stripped_outside_strings_only() {
    assert_eq!(
        strip_comments("{\"a\": \"//x\" // note\n}"),
        "{\"a\": \"//x\" \n}"
    );
}
