//! Keeping secrets out of the output.
//!
//! Three layers: auth blocks are read only for names, URLs and scopes (never values);
//! secret variables are never substituted ([`crate::variables`]); and, as a last guard, every
//! literal secret value known from the collection and environment is searched for in the
//! finished IR and diagnostics and replaced. Example documents also lose the values of keys
//! that name credentials (`password`, `access_token`, …).

use connectorize_ir::{Api, Operation};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::parallel;
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
    ///
    /// Every string of the API, keys included, is searched in its `serde_json::Value` form,
    /// which reaches any field the IR gains without a change here. Only the operations that
    /// may hold a secret (and the rest of the API, when it may) are copied into a `Value` and
    /// back. When a part without its secrets no longer reads back as IR (a secret inside a
    /// field name), the API is left as it was; the count is reported all the same.
    ///
    /// Operations are searched on every core. There is no search of the whole API first:
    /// it would cost one more serial pass over everything the parts' searches cover.
    pub fn redact_api(&self, api: &mut Api) -> usize {
        if self.values.is_empty() {
            return 0;
        }
        let operations = std::mem::take(&mut api.operations);
        let parts: Vec<Redacted<Operation>> = parallel::map(&operations, |o| self.redact_part(o));
        let rest = self.redact_part(&*api);
        let all = || parts.iter().map(Redacted::state).chain([rest.state()]);
        if all().any(|(_, writable, _)| !writable) {
            api.operations = operations;
            return 0;
        }
        let count = all().map(|(count, _, _)| count).sum();
        if !all().all(|(_, _, readable)| readable) {
            api.operations = operations;
            return count;
        }
        if let Redacted::Changed(_, clean) = rest {
            *api = clean;
        }
        api.operations = operations
            .into_iter()
            .zip(parts)
            .map(|(operation, part)| match part {
                Redacted::Changed(_, clean) => clean,
                _ => operation,
            })
            .collect();
        count
    }

    /// One part of an API through a `Value`, when it may hold a secret.
    fn redact_part<T: Serialize + DeserializeOwned>(&self, part: &T) -> Redacted<T> {
        if !self.may_occur(part) {
            return Redacted::Clean;
        }
        let Ok(mut value) = serde_json::to_value(part) else {
            return Redacted::Unwritable;
        };
        match self.redact_value(&mut value) {
            0 => Redacted::Clean,
            count => match serde_json::from_value(value) {
                Ok(clean) => Redacted::Changed(count, clean),
                Err(_) => Redacted::Unreadable(count),
            },
        }
    }

    /// Whether a known secret may occur in a string of `part`. Its JSON text is searched, in
    /// bounded memory, for each secret as JSON writes it: a secret inside a string (or a key)
    /// shows up there, so `false` means there is nothing to redact and the part need not be
    /// copied into a `Value` and back. A match across two strings only costs that copy.
    fn may_occur(&self, part: &impl Serialize) -> bool {
        let mut patterns = Vec::with_capacity(self.values.len());
        for value in &self.values {
            let quoted = serde_json::to_string(value).unwrap_or_default();
            match quoted.get(1..quoted.len().saturating_sub(1)) {
                Some(inner) if !inner.is_empty() => patterns.push(inner.as_bytes().to_vec()),
                _ => return true,
            }
        }
        let mut search = Search::new(&patterns);
        if serde_json::to_writer(&mut search, part).is_err() {
            return true;
        }
        search.scan();
        search.found
    }

    fn redact_value(&self, value: &mut Value) -> usize {
        match value {
            Value::String(s) => self.redact_text(s),
            Value::Array(items) => items.iter_mut().map(|v| self.redact_value(v)).sum(),
            // Rebuilt only when a key holds a secret (keys change, and their order must not).
            Value::Object(map)
                if !map
                    .keys()
                    .any(|k| self.values.iter().any(|s| k.contains(s.as_str()))) =>
            {
                map.values_mut().map(|v| self.redact_value(v)).sum()
            }
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

/// What searching one part of an API found.
enum Redacted<T> {
    /// No secret.
    Clean,
    /// The part cannot be written as a `Value`.
    Unwritable,
    /// This many secrets, and without them the part no longer reads back as IR.
    Unreadable(usize),
    /// This many secrets, and the part without them.
    Changed(usize, T),
}

impl<T> Redacted<T> {
    /// Secrets found, whether the part could be written, whether it reads back.
    fn state(&self) -> (usize, bool, bool) {
        match self {
            Redacted::Clean => (0, true, true),
            Redacted::Unwritable => (0, false, true),
            Redacted::Unreadable(count) => (*count, true, false),
            Redacted::Changed(count, _) => (*count, true, true),
        }
    }
}

/// A writer that looks for byte patterns in what is written, keeping only a window of it.
struct Search<'a> {
    patterns: &'a [Vec<u8>],
    /// Which bytes start a pattern.
    starts: [bool; 256],
    window: Vec<u8>,
    /// Bytes kept from one window to the next, so that a pattern may straddle them.
    overlap: usize,
    found: bool,
}

impl<'a> Search<'a> {
    const WINDOW: usize = 64 * 1024;

    fn new(patterns: &'a [Vec<u8>]) -> Self {
        let mut starts = [false; 256];
        for pattern in patterns {
            if let Some(first) = pattern.first() {
                starts[usize::from(*first)] = true;
            }
        }
        Search {
            patterns,
            starts,
            window: Vec::with_capacity(Self::WINDOW),
            overlap: patterns.iter().map(Vec::len).max().unwrap_or(1) - 1,
            found: false,
        }
    }

    /// Searches the window, then keeps only its overlap.
    fn scan(&mut self) {
        let window = &self.window;
        self.found = self.found
            || (0..window.len()).any(|at| {
                self.starts[usize::from(window[at])]
                    && self.patterns.iter().any(|p| window[at..].starts_with(p))
            });
        let cut = self.window.len().saturating_sub(self.overlap);
        self.window.drain(..cut);
    }
}

impl std::io::Write for Search<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if !self.found {
            self.window.extend_from_slice(bytes);
            if self.window.len() >= Self::WINDOW {
                self.scan();
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Blanks the values of credential-named keys in an example document; returns how many.
pub fn scrub(value: &mut Value) -> usize {
    match value {
        Value::Object(map) => map
            .iter_mut()
            .map(|(key, child)| match child {
                Value::String(s) if blanks(key, s) => {
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

/// Whether [`scrub`] blanks the string `value` held under `key`. Shared with the one-pass
/// inference of large bodies (module `large`), which counts what `scrub` would blank.
pub fn blanks(key: &str, value: &str) -> bool {
    is_secret_name(key) && !value.is_empty() && value != PLACEHOLDER && !has_reference(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The whole API through one `Value`: what [`Registry::redact_api`] must agree with.
    fn whole(registry: &Registry, api: &Api) -> (usize, Api) {
        let mut value = serde_json::to_value(api).unwrap();
        let count = registry.redact_value(&mut value);
        let clean = serde_json::from_value(value).unwrap_or_else(|_| api.clone());
        (count, if count > 0 { clean } else { api.clone() })
    }

    #[test]
    fn apis_are_redacted_part_by_part_as_if_whole() {
        use connectorize_ir::{Method, Parameter, ParameterLocation};
        let mut registry = Registry::default();
        registry.add("tok-123456");
        registry.add("collectionForm");
        let mut api = Api::new("A");
        for i in 0..3 {
            let mut operation = Operation::new(format!("Op{i}"), Method::Get, format!("/p{i}"));
            operation.summary = Some(format!("operation {i}"));
            api.operations.push(operation);
        }
        api.operations[1].description = Some("send tok-123456 twice: tok-123456".into());
        api.info.description = Some("tok-123456".into());
        let (count, expected) = whole(&registry, &api);
        let mut redacted = api.clone();
        assert_eq!(registry.redact_api(&mut redacted), count);
        assert_eq!((count, &redacted), (3, &expected));
        assert_eq!(redacted.operations[0], api.operations[0]);
        // A secret inside a field name: nothing reads back, so nothing changes.
        let mut parameter = Parameter::new("q", ParameterLocation::Query);
        parameter.collection_format = Some("csv".into());
        api.operations[2].parameters.push(parameter);
        let (count, expected) = whole(&registry, &api);
        let mut redacted = api.clone();
        assert_eq!(registry.redact_api(&mut redacted), count);
        assert_eq!((count, &redacted), (4, &expected));
        assert_eq!(redacted, api);
    }

    #[test]
    fn many_operations_are_redacted_in_order_as_if_whole() {
        use connectorize_ir::Method;
        let mut registry = Registry::default();
        registry.add("tok-123456");
        let mut api = Api::new("A");
        // Enough operations to be searched on several threads where there are several cores.
        for i in 0..300 {
            let mut operation = Operation::new(format!("Op{i}"), Method::Get, format!("/p{i}"));
            if i % 7 == 3 {
                operation.description = Some(format!("{i}: tok-123456"));
            }
            api.operations.push(operation);
        }
        let (count, expected) = whole(&registry, &api);
        let mut redacted = api.clone();
        assert_eq!(registry.redact_api(&mut redacted), count);
        assert_eq!((count, &redacted), (43, &expected));
        assert_eq!(
            redacted.operations[3].description.as_deref(),
            Some("3: <secret>")
        );
        assert_eq!(redacted.operations[299].id, "Op299");
    }

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
        let mut api = Api::new("A");
        assert!(!registry.may_occur(&api));
        // Found in any string, also one written with escapes, and across windows.
        api.info.description = Some(format!("{}\"tok-123456\"", "x".repeat(70_000)));
        assert!(registry.may_occur(&api));
        let mut quoted = Registry::default();
        quoted.add("se\"cr\\et-1");
        api.info.description = Some("a se\"cr\\et-1 b".into());
        assert!(quoted.may_occur(&api));
        assert!(!registry.may_occur(&Api::new("se\"cr")));
        assert_eq!(quoted.redact_api(&mut api), 1);
        let mut text = "Bearer tok-123456 for X-Key".to_string();
        assert_eq!(registry.redact_text(&mut text), 1);
        assert_eq!(text, "Bearer <secret> for X-Key");
    }
}
