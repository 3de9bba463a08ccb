//! Every collection of the shared corpus converts (or, for inputs without requests or in the
//! v1 format, fails with a located error); the IR passes the invariants check. Collections
//! whose host is a variable without value are converted again with that variable given, as
//! a user following the error's help would.
//!
//! Run with `--nocapture` to see per-file operation and diagnostic counts (hence the
//! allowed prints).

#![allow(clippy::print_stdout)]

use connectorize_ir::{Diagnostics, Severity};
use connectorize_postman::{codes, read, Options};

/// The variable name an unresolved-host error asks for (`--var NAME=…` in its help).
fn asked_variable(help: &str) -> Option<String> {
    let rest = help.split("--var ").nth(1)?;
    Some(rest.split('=').next()?.to_string())
}

#[test]
fn every_corpus_collection_converts() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is not set; the Postman corpus test is skipped");
        return;
    };
    let folder = shared.join("corpus/postman");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus file in {}", folder.display());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).expect("readable corpus file");
        assert!(
            connectorize_postman::detect(&text),
            "{name} is not detected as a Postman collection"
        );
        let mut options = Options::default();
        let mut given = Vec::new();
        let outcome = loop {
            let mut diagnostics = Diagnostics::new();
            match read(&text, &name, &options, &mut diagnostics) {
                Err(error)
                    if error.diagnostic().code == codes::UNRESOLVED_HOST && given.len() < 8 =>
                {
                    let help = error.diagnostic().help.clone().unwrap_or_default();
                    let variable =
                        asked_variable(&help).expect("the error names the variable to pass");
                    assert!(error
                        .diagnostic()
                        .location
                        .as_ref()
                        .and_then(|l| l.pointer.as_ref())
                        .is_some());
                    options.variables.push((
                        variable.clone(),
                        format!(
                            "https://{}.example.com",
                            variable
                                .to_ascii_lowercase()
                                .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
                        ),
                    ));
                    given.push(variable);
                }
                other => break (other, diagnostics),
            }
        };
        match outcome {
            (Ok(apis), diagnostics) => {
                let operations: usize = apis.iter().map(|a| a.operations.len()).sum();
                for api in &apis {
                    let findings = connectorize_ir::validate(api);
                    if !findings.is_empty() {
                        failures.push(format!("{name}: invariants violated:\n{findings}"));
                    }
                    let text = connectorize_ir::to_json(api);
                    if text.contains("{{") {
                        if let Some(server) = &api.server {
                            assert!(!server.host.contains("{{"), "{name}: variable in host");
                        }
                    }
                }
                println!(
                    "{name}: {operations} operation(s), {} diagnostic(s) ({} warning(s)){}",
                    diagnostics.len(),
                    diagnostics.count(Severity::Warning),
                    if given.is_empty() {
                        String::new()
                    } else {
                        format!(", with --var {}", given.join(", --var "))
                    }
                );
            }
            (Err(error), _) => {
                let d = error.diagnostic();
                let located = d
                    .location
                    .as_ref()
                    .is_some_and(|l| l.pointer.is_some() || l.line.is_some());
                println!("{name}: error {}: {}", d.code, d.message);
                if ![codes::NO_REQUESTS, codes::V1_COLLECTION].contains(&d.code) || !located {
                    failures.push(format!(
                        "{name}: unexpected error {}: {}",
                        d.code, d.message
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
