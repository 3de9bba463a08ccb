//! Every OpenAPI or Swagger `specification.*` file of the shared API Management corpus either
//! converts to an IR that passes the invariants and renders as a connector, or fails with a
//! located error. Skipped, with a note, when `CONNECTORIZE_SHARED` is unset.

// Corpus runs print one line per input so a failing run shows where it stands.
#![allow(clippy::print_stdout)]

use std::fs;
use std::path::{Path, PathBuf};

use connectorize_ir::{validate, Diagnostics, Severity};

fn specifications(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            specifications(&path, out);
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            n.starts_with("specification.")
                && (n.ends_with(".json") || n.ends_with(".yaml") || n.ends_with(".yml"))
        }) {
            out.push(path);
        }
    }
}

#[test]
fn corpus_specifications_convert_or_fail_with_a_located_error() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is unset; the corpus test is skipped");
        return;
    };
    let root = shared.join("corpus/apim");
    let mut files = Vec::new();
    specifications(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no specification files under {}",
        root.display()
    );
    let (mut converted, mut failed, mut skipped, mut unrendered) = (0, 0, 0, 0);
    let mut problems = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        let bytes = fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if !connectorize_openapi::detect(&text) {
            println!("{name}: not OpenAPI (skipped)");
            skipped += 1;
            continue;
        }
        let mut diagnostics = Diagnostics::new();
        match connectorize_openapi::read(&text, &name, &Default::default(), &mut diagnostics) {
            Ok(api) => {
                converted += 1;
                let findings = validate(&api);
                if !findings.is_empty() {
                    problems.push(format!("{name}: IR invariants fail:\n{findings}"));
                }
                // A specification without servers has no host: the renderer refuses it with
                // its own error (the API Management frontend supplies the host from the
                // bundle). Anything else must render.
                let options = connectorize_connector::RenderOptions::default();
                // The renderer's own findings are its concern, not this frontend's.
                let mut render_findings = Diagnostics::new();
                let rendered =
                    match connectorize_connector::render(&api, &options, &mut render_findings) {
                        Ok(connectors) if !connectors.is_empty() => {
                            format!("{} connector(s)", connectors.len())
                        }
                        Ok(_) => {
                            problems.push(format!("{name}: rendered no connector"));
                            String::new()
                        }
                        Err(e) if api.server.is_none() => {
                            unrendered += 1;
                            format!(
                                "no host, so the renderer stops with {}",
                                e.diagnostic().code
                            )
                        }
                        Err(e) => {
                            problems.push(format!("{name}: render failed: {}", e.diagnostic()));
                            String::new()
                        }
                    };
                println!(
                    "{name}: ok, {rendered}, {} operations, {} warnings, {} infos",
                    api.operations.len(),
                    diagnostics.count(Severity::Warning),
                    diagnostics.count(Severity::Info)
                );
            }
            Err(error) => {
                failed += 1;
                let d = error.diagnostic();
                let located = d
                    .location
                    .as_ref()
                    .is_some_and(|l| l.file.is_some() && (l.line.is_some() || l.pointer.is_some()));
                if !located {
                    problems.push(format!("{name}: error without a location: {d}"));
                }
                println!("{name}: error {}: {d}", d.code);
            }
        }
        for d in &diagnostics {
            if d.location.is_none() {
                problems.push(format!("{name}: diagnostic without a location: {d}"));
            }
        }
    }
    println!(
        "{converted} converted ({unrendered} of them without a host), {failed} failed with a located error, {skipped} not OpenAPI"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(converted > 0);
}

/// `detect` claims none of the shared corpus's Postman collections, and every other JSON file
/// of the API Management corpus it claims (OpenAPI documents kept beside ARM templates,
/// Terraform and Bicep) really is one: it parses and converts.
#[test]
fn detect_claims_only_openapi_documents() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is unset; the detect corpus test is skipped");
        return;
    };
    let mut postman = Vec::new();
    collect(&shared.join("corpus/postman"), &mut postman, &|name| {
        name.ends_with(".json")
    });
    assert!(!postman.is_empty());
    for path in &postman {
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        assert!(
            !connectorize_openapi::detect(&text),
            "detect claims {}",
            path.display()
        );
    }
    let mut others = Vec::new();
    collect(&shared.join("corpus/apim"), &mut others, &|name| {
        name.ends_with(".json")
            && !name.starts_with("specification.")
            && name != "apiDefinition.swagger.json"
    });
    let mut claimed = 0;
    for path in &others {
        let text = String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
        if connectorize_openapi::detect(&text) {
            claimed += 1;
            let mut diagnostics = Diagnostics::new();
            let name = path.display().to_string();
            let api =
                connectorize_openapi::read(&text, &name, &Default::default(), &mut diagnostics)
                    .unwrap_or_else(|e| panic!("{name}: {}", e.diagnostic()));
            assert!(validate(&api).is_empty(), "{name}");
            println!("{name}: claimed, {} operations", api.operations.len());
        }
    }
    println!("{} Postman collections not claimed; {claimed} of {} other API Management JSON files claimed", postman.len(), others.len());
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, keep: &dyn Fn(&str) -> bool) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            collect(&path, out, keep);
        } else if path.file_name().and_then(|n| n.to_str()).is_some_and(keep) {
            out.push(path);
        }
    }
}
