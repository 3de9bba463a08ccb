//! Secrets never leave the input: known values seeded in every place an input can hold one
//! (every Postman auth type, secret and credential-named variables, environment files,
//! `--var`, literal credential headers and query values, API Management named values plain,
//! secret, from ARM parameters and from Key Vault, policy literals and expressions,
//! authorization servers, backend credentials, APIOps environment overrides) are converted
//! with the binary, and none of them may appear in any output file (the base record
//! included), in the diagnostics (human and JSON) or in the `--report` file.
//!
//! Every seeded value contains `SEKRET`; the test first checks that the inputs hold every
//! value it looks for, so that it can fail.

use std::path::Path;

use crate::common;

/// The seeded values, by input.
const POSTMAN: &[&str] = &[
    "SEKRET-apikey-value-01",
    "SEKRET-bearer-token-02",
    "SEKRET-basic-password-03",
    "SEKRET-oauth2-client-secret-04",
    "SEKRET-oauth2-access-token-05",
    "SEKRET-oauth2-refresh-token-06",
    "SEKRET-oauth2-password-07",
    "SEKRET-digest-password-08",
    "SEKRET-digest-nonce-09",
    "SEKRET-hawk-key-10",
    "SEKRETAWSACCESSKEY11",
    "SEKRET-aws-secret-key-12",
    "SEKRET-aws-session-13",
    "SEKRET-ntlm-password-14",
    "SEKRET-edgegrid-access-15",
    "SEKRET-edgegrid-client-token-16",
    "SEKRET-edgegrid-client-secret-17",
    "SEKRET-oauth1-consumer-secret-18",
    "SEKRET-oauth1-token-19",
    "SEKRET-oauth1-token-secret-20",
    "SEKRET-jwt-secret-21",
    "SEKRET-jwt-private-key-22",
    "SEKRET-literal-authorization-23",
    "SEKRET-literal-api-key-header-24",
    "SEKRET-literal-query-key-25",
    "SEKRET-body-password-26",
    "SEKRET-folder-bearer-27",
    "SEKRET-variable-typed-secret-28",
    "SEKRET-variable-credential-name-29",
    "SEKRET-variable-api-key-30",
    "SEKRET-collection-apikey-31",
];
const ENVIRONMENT: &[&str] = &[
    "SEKRET-environment-secret-32",
    "SEKRET-environment-password-33",
];
const CLI_VAR: &str = "SEKRET-command-line-token-34";
const ARM: &[&str] = &[
    "SEKRET-arm-securestring-default-40",
    "sekret-vault-41",
    "SEKRET-keyvault-name-42",
    "SEKRET-named-value-43",
    "SEKRET-policy-literal-44",
    "SEKRET-policy-expression-45",
    "SEKRET-policy-basic-password-46",
    "SEKRET-policy-jwt-signing-key-47",
    "SEKRET-authorization-server-client-secret-49",
    "SEKRET-authorization-server-owner-password-50",
    "SEKRET-backend-credential-51",
    "SEKRET-backend-authorization-52",
    "SEKRET-arm-parameter-file-53",
];
const APIOPS: &[&str] = &[
    "SEKRET-apiops-named-value-60",
    "SEKRET-apiops-tenant-dev-61",
    "SEKRET-apiops-override-62",
    "sekret-vault-63",
    "SEKRET-keyvault-name-64",
    "SEKRET-apiops-expression-65",
];

fn inputs() -> std::path::PathBuf {
    common::fixtures().join("secrets")
}

/// Every file under `dir` as text, with its relative path.
fn texts(dir: &Path) -> Vec<(String, String)> {
    common::tree(dir)
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// Converts `input` twice (human and JSON diagnostics, with a report) and returns every
/// place a seeded value shows up, plus the number of connector folders written.
fn leaks(input: &Path, extra: &[&str], secrets: &[&str]) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    let mut folders = 0;
    for format in ["human", "json"] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let out = dir.path().join("out");
        let report = dir.path().join("report.json");
        let mut command = common::binary();
        command
            .arg("--message-format")
            .arg(format)
            .arg("convert")
            .arg(input)
            .arg("-o")
            .arg(&out)
            .arg("--report")
            .arg(&report)
            .args(extra);
        let run = common::run(&mut command);
        assert_eq!(run.code, Some(0), "{}: {}", input.display(), run.describe());
        let mut places = vec![
            (format!("stderr ({format})"), run.stderr.clone()),
            (format!("stdout ({format})"), run.stdout.clone()),
            (
                "report".to_string(),
                std::fs::read_to_string(&report).expect("the report is written"),
            ),
        ];
        let written = texts(&out);
        assert!(
            written
                .iter()
                .any(|(n, _)| n.ends_with(".connectorize/base.json")),
            "no connector written for {}",
            input.display()
        );
        folders = written
            .iter()
            .filter(|(n, _)| n.ends_with("apiDefinition.swagger.json"))
            .count();
        places.extend(written);
        for (place, text) in &places {
            for secret in secrets {
                if text.contains(secret) {
                    found.push(format!("`{secret}` appears in {place}"));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    (found, folders)
}

/// The seeded values must be in the inputs, or the test proves nothing.
fn assert_seeded(dir: &Path, secrets: &[&str]) {
    let all: String = texts(dir).into_iter().map(|(_, t)| t).collect();
    for secret in secrets {
        assert!(
            all.contains(secret),
            "`{secret}` is not in {}",
            dir.display()
        );
    }
}

#[test]
fn postman_secrets_of_every_kind_stay_out_of_outputs_diagnostics_and_reports() {
    let dir = inputs();
    assert_seeded(&dir, POSTMAN);
    assert_seeded(&dir, ENVIRONMENT);
    let collection = dir.join("collection.json");
    let environment = dir.join("environment.json");
    let var = format!("cliToken={CLI_VAR}");
    let secrets: Vec<&str> = POSTMAN
        .iter()
        .chain(ENVIRONMENT)
        .copied()
        .chain([CLI_VAR])
        .collect();
    // Once as one connector, once split per auth choice and per host.
    for extra in [
        vec![
            "--environment",
            environment.to_str().expect("utf-8"),
            "--var",
            &var,
        ],
        vec![
            "--environment",
            environment.to_str().expect("utf-8"),
            "--var",
            &var,
            "--auth",
            "oauth2",
        ],
        vec!["--var", &var, "--auth", "basic", "--split", "tag"],
    ] {
        let (found, folders) = leaks(&collection, &extra, &secrets);
        assert!(folders >= 1);
        assert!(
            found.is_empty(),
            "secrets leaked with {extra:?}:\n{}",
            found.join("\n")
        );
    }
}

#[test]
fn api_management_secrets_stay_out_of_outputs_diagnostics_and_reports() {
    let dir = inputs();
    assert_seeded(&dir.join("arm"), ARM);
    assert_seeded(&dir.join("apiops"), APIOPS);
    for target in ["gateway", "backend"] {
        let (found, _) = leaks(&dir.join("arm"), &["--target", target], ARM);
        assert!(
            found.is_empty(),
            "ARM secrets leaked (--target {target}):\n{}",
            found.join("\n")
        );
        let (found, _) = leaks(
            &dir.join("apiops"),
            &["--target", target, "--env", "prod"],
            APIOPS,
        );
        assert!(
            found.is_empty(),
            "APIOps secrets leaked (--target {target}):\n{}",
            found.join("\n")
        );
        let (found, _) = leaks(&dir.join("apiops"), &["--target", target], APIOPS);
        assert!(
            found.is_empty(),
            "APIOps secrets leaked (--target {target}, no --env):\n{}",
            found.join("\n")
        );
    }
}
