//! The Postman frontend of connectorize: a Postman collection (v2.1 or v2.0, also wrapped as the
//! Postman API returns it) becomes one [`Api`] of the intermediate form — or one per host with
//! [`Options::split_by_host`].
//!
//! [`detect`] sniffs; [`read`] parses (module `parse`, over the tolerant serde model in `model`)
//! and lowers (module `lower` and the modules named for what they convert). Every lossy choice
//! is a `PM…` diagnostic ([`codes`]) located by file and JSON pointer; fatal problems are an
//! [`Error`] with the same shape. No credential value from the collection or the environment
//! reaches the output (module `secrets`).

pub mod codes;

/// Entry points for the fuzz targets in `fuzz/` (not part of the public API).
#[doc(hidden)]
pub mod fuzzing {
    /// Whether parsing `text` in pieces agrees with parsing it whole ([`crate::read`] parses
    /// in pieces only from 1 MiB on, beyond what a fuzzer generates).
    pub fn pieces_match_whole(text: &str) -> bool {
        crate::parse::pieces_match_whole(text)
    }
}

mod auth;
mod body;
mod context;
mod definitions;
mod fxhash;
mod infer;
mod large;
mod lower;
mod merge;
mod model;
mod naming;
mod origins;
mod parallel;
mod parameters;
mod parse;
mod request;
mod responses;
mod samples;
mod scripts;
mod secrets;
mod security;
mod shape;
mod split;
mod tolerant_json;
mod url;
mod variables;
mod walk;

use connectorize_ir::{Api, Diagnostics, Error, Location};

/// Conversion settings.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--var name=value` overrides; they win over every scope of the collection and the
    /// environment.
    pub variables: Vec<(String, String)>,
    /// Variables from a Postman environment file (`--environment`).
    pub environment: Option<Environment>,
    /// `--auth TYPE`: which Postman auth type to use when requests use several
    /// (`apikey`, `basic`, `bearer`, `oauth2`, or `noauth` for none).
    pub auth: Option<String>,
    /// `--split-by-host`: one API per origin instead of one API with the dominant origin.
    pub split_by_host: bool,
}

/// A Postman environment (`*.postman_environment.json`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// The environment's name.
    pub name: Option<String>,
    /// Its enabled values, in file order.
    pub values: Vec<EnvironmentValue>,
}

/// One environment variable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvironmentValue {
    /// Name.
    pub key: String,
    /// Value (used for resolution only; never copied to the output when secret).
    pub value: String,
    /// `type: secret`, or a name that says credential.
    pub secret: bool,
}

/// Whether `text` looks like a Postman collection (v2.x, the Postman API envelope, or v1 so
/// that [`read`] can explain that v1 is not supported). Looks only at the start of the text.
pub fn detect(text: &str) -> bool {
    let text = parse::strip_bom(text).trim_start();
    if !text.starts_with('{') {
        return false;
    }
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let schema = head.contains("schema.getpostman.com") || head.contains("schema.postman.com");
    let v2 = head.contains("\"_postman_id\"")
        || (head.contains("\"info\"") && head.contains("\"item\""));
    let v1 =
        head.contains("\"requests\"") && head.contains("\"order\"") && head.contains("\"folders\"");
    schema || v2 || v1
}

/// Reads a Postman environment file.
pub fn parse_environment(text: &str, file: &str) -> Result<Environment, Error> {
    let value: serde_json::Value = serde_json::from_str(parse::strip_bom(text)).map_err(|e| {
        Error::new(
            codes::INVALID_ENVIRONMENT,
            format!("the environment file is not valid JSON: {e}"),
        )
        .at(Location::file(file).line_col(
            u32::try_from(e.line()).unwrap_or(u32::MAX),
            u32::try_from(e.column()).unwrap_or(u32::MAX),
        ))
    })?;
    let Some(values) = value.get("values").and_then(serde_json::Value::as_array) else {
        return Err(Error::new(
            codes::INVALID_ENVIRONMENT,
            "the environment file has no `values` list",
        )
        .at(Location::file(file).at(""))
        .help("export the environment from Postman (Environments -> ... -> Export)"));
    };
    let mut environment = Environment {
        name: value
            .get("name")
            .and_then(serde_json::Value::as_str)
            .map(str::to_string),
        values: Vec::new(),
    };
    for entry in values {
        let Some(key) = entry.get("key").and_then(serde_json::Value::as_str) else {
            continue;
        };
        if entry.get("enabled") == Some(&serde_json::Value::Bool(false)) {
            continue;
        }
        let value = entry
            .get("value")
            .and_then(model::scalar_text)
            .unwrap_or_default();
        let secret = entry.get("type").and_then(serde_json::Value::as_str) == Some("secret")
            || variables::is_secret_name(key);
        environment.values.push(EnvironmentValue {
            key: key.to_string(),
            value,
            secret,
        });
    }
    Ok(environment)
}

/// Converts a collection. `file` names the input in locations (as the user gave it).
///
/// Returns one [`Api`], or one per origin when [`Options::split_by_host`] is set.
pub fn read(
    text: &str,
    file: &str,
    options: &Options,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<Api>, Error> {
    let mut local = Diagnostics::new();
    let parsed = parse::parse(text, file, &mut local)?;
    let result = lower::lower(parsed, file, options, &mut local);
    diagnostics.extend(local);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_collections_envelopes_and_v1_but_not_openapi() {
        assert!(detect("\u{feff}{\"info\": {\"schema\": \"https://schema.getpostman.com/json/collection/v2.1.0/collection.json\"}, \"item\": []}"));
        assert!(detect(
            "{\"collection\": {\"info\": {\"_postman_id\": \"x\"}, \"item\": []}}"
        ));
        assert!(detect(
            "{\"id\": \"a\", \"folders\": [], \"order\": [], \"requests\": []}"
        ));
        assert!(!detect(
            "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"x\"}, \"paths\": {}}"
        ));
        assert!(!detect("swagger: '2.0'"));
    }

    #[test]
    fn many_requests_keep_their_order_and_first_findings() {
        // Enough requests to be converted on several threads where there are several cores.
        let items: Vec<serde_json::Value> = (0..200)
            .map(|i| {
                let method = if i % 10 == 5 { "PROPFIND" } else { "GET" };
                serde_json::json!({
                    "name": format!("r{i}"),
                    "request": {"method": method, "url": format!("https://api.example.com/r{i}?a=1&a=2")},
                })
            })
            .collect();
        let text = serde_json::json!({"info": {"name": "n"}, "item": items}).to_string();
        let mut diagnostics = Diagnostics::new();
        let apis = read(&text, "c.json", &Options::default(), &mut diagnostics).unwrap();
        let paths: Vec<&str> = apis[0].operations.iter().map(|o| o.path.as_str()).collect();
        let expected: Vec<String> = (0..200)
            .filter(|i| i % 10 != 5)
            .map(|i| format!("/r{i}"))
            .collect();
        assert_eq!(paths, expected);
        let skipped: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.code == codes::UNSUPPORTED_METHOD)
            .filter_map(|d| d.location.as_ref()?.pointer.clone())
            .collect();
        let expected: Vec<String> = (0..200)
            .filter(|i| i % 10 == 5)
            .map(|i| format!("/item/{i}/request/method"))
            .collect();
        assert_eq!(skipped, expected);
        let repeated = diagnostics
            .iter()
            .find(|d| d.code == codes::DUPLICATE_QUERY)
            .unwrap();
        assert!(repeated.message.starts_with("180 request(s)"));
        assert_eq!(
            repeated.location.as_ref().unwrap().pointer.as_deref(),
            Some("/item/0/request/url/query")
        );
    }

    #[test]
    fn environments_keep_enabled_values_and_mark_secrets() {
        let env = parse_environment(
            r#"{"name": "e", "values": [{"key": "host", "value": "x.io"}, {"key": "k", "value": "s", "type": "secret"}, {"key": "off", "value": "1", "enabled": false}, {"key": "api_token", "value": "t"}]}"#,
            "e.json",
        )
        .unwrap();
        let flags: Vec<(&str, bool)> = env
            .values
            .iter()
            .map(|v| (v.key.as_str(), v.secret))
            .collect();
        assert_eq!(flags, [("host", false), ("k", true), ("api_token", true)]);
        let error = parse_environment("{\"name\": 1}", "e.json").unwrap_err();
        assert_eq!(error.diagnostic().code, codes::INVALID_ENVIRONMENT);
        let error = parse_environment("{", "e.json").unwrap_err();
        assert_eq!(
            error.diagnostic().location.as_ref().and_then(|l| l.line),
            Some(1)
        );
    }
}
