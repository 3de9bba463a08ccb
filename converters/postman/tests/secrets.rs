//! No credential from the collection or the environment reaches the IR or a diagnostic.
//!
//! The collection below seeds every kind of secret the frontend meets: auth values of each
//! type, secret-typed and credential-named variables, environment secrets, URL userinfo,
//! literal auth headers, credential fields in bodies and forms, and tokens in response
//! examples. The serialized IR and the diagnostics' text must contain none of them.

use connectorize_ir::Diagnostics;
use connectorize_postman::{parse_environment, read, Options};
use serde_json::json;

const SEEDS: &[&str] = &[
    "seed-bearer-token-01",
    "seed-basic-password-02",
    "seed-apikey-value-03",
    "seed-oauth-secret-04",
    "seed-oauth-token-05",
    "seed-secret-var-06",
    "seed-named-var-07",
    "seed-env-secret-08",
    "seed-url-password-09",
    "seed-header-token-10",
    "seed-body-password-11",
    "seed-form-secret-12",
    "seed-response-token-13",
    "seed-digest-password-14",
    "seed-aws-secret-15",
    "seed-auth-var-16",
];

#[test]
fn seeded_secrets_never_reach_the_output() {
    let collection = json!({
        "info": {"name": "Seeded", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [
            {"key": "vault", "value": "seed-secret-var-06", "type": "secret"},
            {"key": "client_secret", "value": "seed-named-var-07"},
            {"key": "myKey", "value": "seed-auth-var-16"}
        ],
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "seed-bearer-token-01"}]},
        "item": [
            {"name": "Basic", "request": {"method": "POST", "url": "https://bob:seed-url-password-09@api.example.com/login?secret={{vault}}",
                "auth": {"type": "basic", "basic": [{"key": "username", "value": "bob"}, {"key": "password", "value": "seed-basic-password-02"}]},
                "header": [{"key": "Authorization", "value": "Bearer seed-header-token-10"}, {"key": "X-Vault", "value": "{{vault}}"}, {"key": "X-Env", "value": "{{envSecret}}"}],
                "body": {"mode": "raw", "raw": "{\"user\": \"bob\", \"password\": \"seed-body-password-11\", \"secret\": \"{{client_secret}}\"}"}},
             "response": [{"name": "ok", "code": 200, "body": "{\"access_token\": \"seed-response-token-13\"}"}]},
            {"name": "Key", "request": {"method": "GET", "url": "https://api.example.com/key",
                "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "value", "value": "seed-apikey-value-03"}]}}},
            {"name": "Key var", "request": {"method": "GET", "url": "https://api.example.com/key2?k={{myKey}}",
                "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "value", "value": "{{myKey}}"}]}}},
            {"name": "OAuth", "request": {"method": "GET", "url": "https://api.example.com/oauth",
                "auth": {"type": "oauth2", "oauth2": {"clientSecret": "seed-oauth-secret-04", "accessToken": "seed-oauth-token-05", "accessTokenUrl": "https://api.example.com/token", "grant_type": "client_credentials"}}}},
            {"name": "Form", "request": {"method": "POST", "url": "https://api.example.com/form",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "client_secret", "value": "seed-form-secret-12"}, {"key": "note", "value": "{{vault}}"}]}}},
            {"name": "Digest", "request": {"method": "GET", "url": "https://api.example.com/digest",
                "auth": {"type": "digest", "digest": [{"key": "password", "value": "seed-digest-password-14"}]}}},
            {"name": "Aws", "request": {"method": "GET", "url": "https://api.example.com/aws",
                "auth": {"type": "awsv4", "awsv4": {"secretKey": "seed-aws-secret-15"}}}}
        ]
    });
    let environment = parse_environment(
        &json!({"name": "env", "values": [{"key": "envSecret", "value": "seed-env-secret-08", "type": "secret", "enabled": true}]}).to_string(),
        "env.json",
    )
    .unwrap();
    let options = Options {
        environment: Some(environment),
        ..Options::default()
    };
    let mut diagnostics = Diagnostics::new();
    let apis = read(
        &collection.to_string(),
        "seeded.json",
        &options,
        &mut diagnostics,
    )
    .expect("converts");
    let mut output = diagnostics.to_string();
    for d in diagnostics.iter() {
        output.push_str(&serde_json::to_string(d).unwrap());
    }
    for api in &apis {
        output.push_str(&connectorize_ir::to_json(api));
        assert!(connectorize_ir::validate(api).is_empty());
    }
    for seed in SEEDS {
        assert!(
            !output.contains(seed),
            "secret `{seed}` leaked into the output:\n{output}"
        );
    }
    assert!(
        output.contains("PM030"),
        "the removal is reported:\n{output}"
    );
    // The connector still has its operations and an authentication scheme.
    assert_eq!(apis[0].operations.len(), 7);
    assert!(!apis[0].security.is_empty());
}
