//! Golden cases: `tests/cases/<case>/input/` (a small bundle, template set or export) and an
//! optional `options.json` produce `outcomes.txt` (sources, bundle diagnostics, one block per
//! API with its status and diagnostics, or the scan error) and one `<api>.ir.json` per
//! converted API. `UPDATE_GOLDEN=1` rewrites them. The corpus test runs the same conversion
//! over the shared corpus.

#![allow(clippy::print_stdout)] // the corpus test reports per-bundle counts

use std::fmt::Write as _;
use std::fs;

use connectorize_apim::{
    convert_api, scan, ApiEntry, ApiOutcome, Bundle, Options, Outcome, Target,
};
use connectorize_golden::{cases, Golden};

#[test]
fn golden_cases() {
    let mut golden = Golden::new();
    for case in cases(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases")) {
        let options = options(
            fs::read_to_string(case.join("options.json"))
                .ok()
                .as_deref(),
        );
        let input = case.join("input");
        let mut produced = Vec::new();
        match scan(&input, &options) {
            Ok(bundle) => {
                let outcomes = convert_all(&bundle, &options);
                let text = summary(&bundle, &outcomes);
                assert_no_secret(&case, &text);
                golden.check(case.join("outcomes.txt"), &text);
                for (entry, outcome) in bundle.apis.iter().zip(&outcomes) {
                    if let Some(api) = outcome.result.api() {
                        let name = ir_file_name(&bundle, entry);
                        let json = connectorize_ir::to_json(api);
                        assert_no_secret(&case, &json);
                        golden.check(case.join(&name), &json);
                        produced.push(name);
                    }
                }
            }
            Err(error) => golden.check(
                case.join("outcomes.txt"),
                &format!(
                    "scan failed:\n{}",
                    connectorize_ir::Diagnostics::from(vec![error.diagnostic().clone()])
                ),
            ),
        }
        for entry in fs::read_dir(&case).expect("case folder").flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ir.json") && !produced.contains(&name) {
                if connectorize_golden::updating() {
                    fs::remove_file(entry.path()).expect("remove stale golden");
                } else {
                    golden.fail(format!(
                        "{} is not produced any more",
                        entry.path().display()
                    ));
                }
            }
        }
    }
    golden.finish();
}

/// Every bundle of the shared APIM corpus: no panic, and every API either converts (passing
/// the IR invariants, which `convert_api` checks) or is skipped or failed with a located
/// reason. Prints per-bundle counts. Skipped with a note when `CONNECTORIZE_SHARED` is unset.
#[test]
fn corpus_bundles_convert_or_fail_with_a_location() {
    let Some(shared) = connectorize_golden::shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is not set; the APIM corpus test was skipped");
        return;
    };
    let corpus = shared.join("corpus/apim");
    // As users run it: gateway (host from the bundle), gateway with --gateway-host, backend.
    let with_host = Options {
        gateway_host: Some("apim.example.com".into()),
        ..Options::default()
    };
    let backend = Options {
        target: Target::Backend,
        ..Options::default()
    };
    for options in [Options::default(), with_host, backend] {
        run_corpus(&corpus, &options);
    }
}

/// The library's bundle is shared by the CLI's worker threads.
#[test]
fn bundles_are_sync() {
    fn sync<T: Sync + Send>() {}
    sync::<Bundle>();
    sync::<ApiEntry>();
}

fn run_corpus(corpus: &std::path::Path, options: &Options) {
    let mut dirs: Vec<_> = std::fs::read_dir(corpus)
        .expect("corpus/apim")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "the corpus has no bundles");
    println!(
        "\ntarget: {:?}, gateway host: {}",
        options.target,
        options.gateway_host.as_deref().unwrap_or("from the bundle")
    );
    let mut totals = [0usize; 5];
    println!(
        "{:<48} {:>5} {:>9} {:>7} {:>6} {:>8}",
        "bundle", "apis", "converted", "skipped", "failed", "invalid*"
    );
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let bundle = match scan(&dir, options) {
            Ok(bundle) => bundle,
            Err(error) => {
                assert!(
                    error.diagnostic().location.is_some(),
                    "{name}: scan error without a location: {error}"
                );
                println!("{name:<48} no bundle: {}", error.diagnostic());
                continue;
            }
        };
        let outcomes = convert_all(&bundle, options);
        let mut counts = [outcomes.len(), 0, 0, 0, 0];
        for outcome in &outcomes {
            match &outcome.result {
                Outcome::Converted(api) => {
                    assert!(
                        connectorize_ir::validate(api).is_empty(),
                        "{name}/{}: invariants",
                        outcome.name
                    );
                    assert!(
                        !connectorize_ir::to_json(api).contains("REDACTED-BY-RESEARCH"),
                        "{name}/{}: a secret reached the IR",
                        outcome.name
                    );
                    counts[1] += 1;
                    if !renders_valid(api) {
                        counts[4] += 1;
                    }
                }
                Outcome::Skipped(reason) => {
                    assert!(
                        reason.location.is_some(),
                        "{name}/{}: skip without a location",
                        outcome.name
                    );
                    counts[2] += 1;
                }
                Outcome::Failed(error) => {
                    assert!(
                        error.diagnostic().location.is_some(),
                        "{name}/{}: failure without a location: {error}",
                        outcome.name
                    );
                    counts[3] += 1;
                }
            }
            assert!(
                !outcome
                    .diagnostics
                    .to_string()
                    .contains("REDACTED-BY-RESEARCH"),
                "{name}/{}: a secret reached a diagnostic",
                outcome.name
            );
        }
        assert!(
            !bundle
                .diagnostics
                .to_string()
                .contains("REDACTED-BY-RESEARCH"),
            "{name}: a secret reached a diagnostic"
        );
        for (total, count) in totals.iter_mut().zip(counts) {
            *total += count;
        }
        println!(
            "{name:<48} {:>5} {:>9} {:>7} {:>6} {:>8}",
            counts[0], counts[1], counts[2], counts[3], counts[4]
        );
    }
    println!(
        "{:<48} {:>5} {:>9} {:>7} {:>6} {:>8}",
        "total", totals[0], totals[1], totals[2], totals[3], totals[4]
    );
    println!("* converted, rendered by connectorize-connector, with validator errors (reported, not asserted)");
    assert!(totals[0] > 0, "no API was found in the corpus");
}

/// Reads a case's `options.json` (all keys optional).
pub fn options(json: Option<&str>) -> Options {
    let mut options = Options::default();
    let Some(json) = json else { return options };
    let value: serde_json::Value = serde_json::from_str(json).expect("options.json is JSON");
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    options.gateway_host = text("gateway_host");
    options.environment = text("environment");
    options.revision = text("revision");
    if text("target").as_deref() == Some("backend") {
        options.target = Target::Backend;
    }
    if let Some(list) = value.get("apis").and_then(|v| v.as_array()) {
        options.apis = list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
    }
    if let Some(map) = value.get("variables").and_then(|v| v.as_object()) {
        options.variables = map
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect();
    }
    options
}

/// Converts every API of a bundle, in bundle order.
pub fn convert_all(bundle: &Bundle, options: &Options) -> Vec<ApiOutcome> {
    bundle
        .apis
        .iter()
        .map(|entry| convert_api(bundle, entry, options))
        .collect()
}

/// The file name an API's IR is written to (prefixed by its source when there are several).
pub fn ir_file_name(bundle: &Bundle, entry: &ApiEntry) -> String {
    let name = if bundle.sources.len() > 1 {
        format!("{}-{}", entry.source, entry.name)
    } else {
        entry.name.clone()
    };
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.ir.json")
}

/// The text summary of a scan and its conversions.
pub fn summary(bundle: &Bundle, outcomes: &[ApiOutcome]) -> String {
    let mut out = String::new();
    for (index, source) in bundle.sources.iter().enumerate() {
        let _ = writeln!(out, "source {index}: {} at {}", source.format, source.root);
    }
    if !bundle.diagnostics.is_empty() {
        let _ = write!(out, "\nbundle:\n{}", bundle.diagnostics);
    }
    for outcome in outcomes {
        let status = match &outcome.result {
            Outcome::Converted(api) => format!("converted, {} operation(s)", api.operations.len()),
            Outcome::Skipped(reason) => format!("skipped: {reason}"),
            Outcome::Failed(error) => format!("failed: {}", error.diagnostic()),
        };
        let _ = writeln!(
            out,
            "\napi {} ({}): {status}",
            outcome.name, outcome.display_name
        );
        let _ = write!(out, "{}", outcome.diagnostics);
    }
    out
}

/// The secrets planted in the cases' inputs (named values, client secrets, literal query
/// values) never reach an IR value or a diagnostic.
fn assert_no_secret(case: &std::path::Path, text: &str) {
    for secret in [
        "SUPER-SECRET-OKTA-VALUE",
        "TOP-SECRET-CLIENT-SECRET",
        "LITERALSECRET",
    ] {
        assert!(
            !text.contains(secret),
            "{}: `{secret}` leaked into the output",
            case.display()
        );
    }
}

/// `detect` decides by structure: bundles, template folders, single template and export files.
#[test]
fn detect_by_structure() {
    let cases = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases"));
    for yes in [
        "layout-apiops-v2-json-arrays/input",
        "layout-apiops-snake-case/input",
        "arm-split-per-api-with-linked-policies/input",
        "arm-single-template/input/contoso-echo-api.template.json",
        "raw-export-swagger2/input/Orders.swagger.json",
    ] {
        assert!(
            connectorize_apim::detect(&cases.join(yes)),
            "{yes} should be detected"
        );
    }
    for no in [
        "not-a-bundle/input",
        "arm-single-template/input/contoso-parameters.json",
        "does-not-exist",
    ] {
        assert!(
            !connectorize_apim::detect(&cases.join(no)),
            "{no} should not be detected"
        );
    }
}

/// A single template file converts with the parameter file next to it.
#[test]
fn single_template_file() {
    let file = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cases/arm-single-template/input/contoso-echo-api.template.json"
    ));
    let options = Options::default();
    let bundle = scan(file, &options).expect("scan");
    let outcomes = convert_all(&bundle, &options);
    assert_eq!(outcomes.len(), 1);
    let api = outcomes[0].result.api().expect("converted");
    assert_eq!(
        api.server.as_ref().map(|s| s.host.as_str()),
        Some("contoso.azure-api.net")
    );
}

/// The README's code table lists every code with its summary.
#[test]
fn readme_lists_every_code() {
    let readme =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    for code in connectorize_apim::codes::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            code.id(),
            code.severity(),
            code.summary()
        );
        assert!(readme.contains(&row), "README.md lacks the row {row}");
    }
}

/// Renders a converted API with the connector backend (which must succeed: every converted API
/// has an address) and reports whether the offline validator finds no error.
fn renders_valid(api: &connectorize_ir::Api) -> bool {
    let mut diagnostics = connectorize_ir::Diagnostics::new();
    let connectors = connectorize_connector::render(
        api,
        &connectorize_connector::RenderOptions::default(),
        &mut diagnostics,
    )
    .unwrap_or_else(|e| panic!("`{}` does not render: {}", api.info.title, e.diagnostic()));
    connectors.iter().all(|connector| {
        let file = |index: usize| connectorize_validator::File {
            name: connector.files[index].0,
            text: &connector.files[index].1,
        };
        let found = connectorize_validator::validate(
            file(0),
            Some(file(1)),
            None,
            &connectorize_validator::Options::default(),
        );
        !found.any_at_least(connectorize_ir::Severity::Error)
    })
}
