//! Keeping secrets out of the output.
//!
//! Three layers: auth blocks are read only for names, URLs and scopes (never values);
//! secret variables are never substituted ([`crate::variables`]); and, as a last guard, every
//! literal secret value known from the collection and environment is searched for in the
//! finished IR and diagnostics and replaced. Example documents also lose the values of keys
//! that name credentials (`password`, `access_token`, …).

use connectorize_ir::Api;
use serde_json::Value;

use crate::variables::{has_reference, is_secret_name};

/// What replaces a removed secret.
pub const PLACEHOLDER: &str = "<secret>";

/// The final search only looks for values that cannot be ordinary words: at least
/// [`MIN_LEN`] characters with a digit or a symbol, or at least [`MIN_LEN_WORD`] characters.
/// A password such as `postman` would otherwise erase every `postman-echo.com`.
const MIN_LEN: usize = 6;
/// See [`MIN_LEN`].
const MIN_LEN_WORD: usize = 12;

/// Auth parameters that configure the scheme rather than hold a credential.
const AUTH_SETTINGS: &[&str] = &[
    "key",
    "in",
    "grant_type",
    "grantType",
    "authUrl",
    "accessTokenUrl",
    "refreshTokenUrl",
    "scope",
    "clientId",
    "client_id",
    "tokenType",
    "addTokenTo",
    "headerPrefix",
    "client_authentication",
    "redirect_uri",
    "callbackUrl",
    "tokenName",
    "useBrowser",
    "algorithm",
    "service",
    "region",
    "signatureMethod",
    "addAuthDataToQuery",
    "version",
    "audience",
    "resource",
    "showPassword",
    "saveHelperData",
    "queryParamKey",
    "isSecretBase64Encoded",
    "challengeAlgorithm",
    "state",
    "username",
    "user",
    "authId",
    "domain",
    "workstation",
    "realm",
    "nonce",
    "nonceCount",
    "timestamp",
    "qop",
    "app",
    "delegation",
    "extraData",
    "includePayloadHash",
    "disableRetryRequest",
    "addParamsToHeader",
    "addEmptyParamsToSign",
    "includeBodyHash",
    "disableHeaderEncoding",
    "payload",
    "header",
    "tokenType",
    "baseURL",
    "headersToSign",
    "maxBodySize",
];

/// Literal secret values to search for.
#[derive(Debug, Default)]
pub struct Registry {
    values: Vec<String>,
}

impl Registry {
    /// Records a literal secret value (references and short values are ignored).
    pub fn add(&mut self, value: &str) {
        let value = value.trim();
        let length = value.chars().count();
        let wordlike = value.chars().all(char::is_alphabetic);
        if (length >= MIN_LEN_WORD || (length >= MIN_LEN && !wordlike))
            && !has_reference(value)
            && !self.values.iter().any(|v| v == value)
        {
            self.values.push(value.to_string());
        }
    }

    /// Records the credential values of an auth block's parameters.
    pub fn add_auth(&mut self, params: &[(String, Value)]) {
        for (key, value) in params {
            if AUTH_SETTINGS.contains(&key.as_str()) {
                continue;
            }
            match value {
                Value::String(s) => self.add(s),
                Value::Object(_) | Value::Array(_) => self.add(&value.to_string()),
                _ => {}
            }
        }
    }

    /// Replaces every known secret in `text`; returns how many were replaced.
    pub fn redact_text(&self, text: &mut String) -> usize {
        let mut count = 0;
        for secret in &self.values {
            if text.contains(secret.as_str()) {
                count += text.matches(secret.as_str()).count();
                *text = text.replace(secret.as_str(), PLACEHOLDER);
            }
        }
        count
    }

    /// Replaces every known secret anywhere in an API; returns how many were replaced.
    pub fn redact_api(&self, api: &mut Api) -> usize {
        if self.values.is_empty() {
            return 0;
        }
        let Ok(mut value) = serde_json::to_value(&*api) else {
            return 0;
        };
        let count = self.redact_value(&mut value);
        if count > 0 {
            if let Ok(clean) = serde_json::from_value(value) {
                *api = clean;
            }
        }
        count
    }

    fn redact_value(&self, value: &mut Value) -> usize {
        match value {
            Value::String(s) => self.redact_text(s),
            Value::Array(items) => items.iter_mut().map(|v| self.redact_value(v)).sum(),
            Value::Object(map) => {
                let mut count = 0;
                for (mut key, mut child) in std::mem::take(map) {
                    count += self.redact_text(&mut key) + self.redact_value(&mut child);
                    map.insert(key, child);
                }
                count
            }
            _ => 0,
        }
    }
}

/// Blanks the values of credential-named keys in an example document; returns how many.
pub fn scrub(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, child)| match child {
                Value::String(s)
                    if is_secret_name(key)
                        && !s.is_empty()
                        && s != PLACEHOLDER
                        && !has_reference(s) =>
                {
                    *s = PLACEHOLDER.to_string();
                    1
                }
                _ => scrub(child),
            })
            .sum(),
        Value::Array(items) => items.iter_mut().map(scrub).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scrubs_credential_keys_and_redacts_known_values() {
        let mut doc =
            json!({"user": "ann", "password": "hunter22", "nested": [{"access_token": "abc"}]});
        assert_eq!(scrub(&mut doc), 2);
        assert_eq!(doc["password"], PLACEHOLDER);
        let mut registry = Registry::default();
        registry.add_auth(&[
            ("token".into(), json!("tok-123456")),
            ("key".into(), json!("X-Key")),
        ]);
        let mut text = "Bearer tok-123456 for X-Key".to_string();
        assert_eq!(registry.redact_text(&mut text), 1);
        assert_eq!(text, "Bearer <secret> for X-Key");
    }
}
