//! What API Management says about an API, read tolerantly from any of its export shapes.
//!
//! APIOps `apiInformation.json`, the snake_case variant, ARM `apis` resources and the
//! environment overrides all carry the same ARM `properties` object, with nulls, missing keys
//! and numbers-as-strings in the wild. Everything is read through small accessors instead of a
//! strict serde model so that one odd field never loses the whole API.

use std::collections::BTreeMap;

use serde_json::Value;

/// A string property; numbers and booleans are rendered, null and empty strings are `None`.
pub fn text(value: &Value, key: &str) -> Option<String> {
    match value.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A boolean property; `"true"`/`"false"` strings count.
pub fn flag(value: &Value, key: &str) -> Option<bool> {
    match value.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The `properties` object of an artifact, or the artifact itself when it has none.
pub fn properties(value: &Value) -> &Value {
    value
        .get("properties")
        .filter(|p| p.is_object())
        .unwrap_or(value)
}

/// How the versions of a version set are told apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// `/{path}/{version}/…`
    Segment,
    /// `?{name}={version}`
    Query(String),
    /// `{name}: {version}`
    Header(String),
}

/// A version set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionSet {
    /// Display name.
    pub display_name: Option<String>,
    /// The versioning scheme.
    pub scheme: Scheme,
}

impl VersionSet {
    /// Reads `versionSetInformation.json` properties (or an inline `apiVersionSet`).
    pub fn from_properties(value: &Value) -> VersionSet {
        let p = properties(value);
        let scheme = match text(p, "versioningScheme")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .as_str()
        {
            "query" => {
                Scheme::Query(text(p, "versionQueryName").unwrap_or_else(|| "api-version".into()))
            }
            "header" => {
                Scheme::Header(text(p, "versionHeaderName").unwrap_or_else(|| "Api-Version".into()))
            }
            _ => Scheme::Segment,
        };
        VersionSet {
            display_name: text(p, "displayName"),
            scheme,
        }
    }
}

/// The properties of one API that the conversion needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApiProperties {
    /// Display name.
    pub display_name: Option<String>,
    /// URL suffix after the gateway host (may contain `/`).
    pub path: String,
    /// Revision number as text.
    pub revision: Option<String>,
    /// Whether this is the current revision (`None` when the file does not say).
    pub is_current: Option<bool>,
    /// Version identifier, for versioned APIs.
    pub version: Option<String>,
    /// The version set id's last segment.
    pub version_set: Option<String>,
    /// An inline version set.
    pub inline_version_set: Option<VersionSet>,
    /// `type` or `apiType`, lower-case (`http` when absent).
    pub api_type: String,
    /// Protocols, lower-case.
    pub protocols: Vec<String>,
    /// The backend URL.
    pub service_url: Option<String>,
    /// Whether a subscription key is required (`None` = not stated, which means required).
    pub subscription_required: Option<bool>,
    /// The subscription key header name.
    pub key_header: Option<String>,
    /// The subscription key query parameter name.
    pub key_query: Option<String>,
    /// `authenticationSettings.oAuth2.authorizationServerId` (and the list form).
    pub authorization_server: Option<String>,
    /// `authenticationSettings.oAuth2.scope`.
    pub oauth_scope: Option<String>,
    /// `authenticationSettings.openid.openidProviderId` (and the list form).
    pub openid_provider: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Contact object, verbatim.
    pub contact: Option<Value>,
    /// License object, verbatim.
    pub license: Option<Value>,
    /// Terms of service URL.
    pub terms: Option<String>,
    /// Import `format` (ARM/Bicep: the inline specification's format).
    pub format: Option<String>,
    /// Import `value` (ARM/Bicep: the inline specification or its link).
    pub value: Option<String>,
}

impl ApiProperties {
    /// Reads the `properties` object of an API artifact.
    pub fn read(value: &Value) -> ApiProperties {
        let p = properties(value);
        let auth = p
            .get("authenticationSettings")
            .cloned()
            .unwrap_or(Value::Null);
        let first = |list: &str, single: &str, key: &str| {
            auth.get(single).and_then(|o| text(o, key)).or_else(|| {
                auth.get(list)
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(|o| text(o, key))
            })
        };
        let keys = p
            .get("subscriptionKeyParameterNames")
            .cloned()
            .unwrap_or(Value::Null);
        ApiProperties {
            display_name: text(p, "displayName"),
            path: text(p, "path")
                .unwrap_or_default()
                .trim_matches('/')
                .to_string(),
            revision: text(p, "apiRevision"),
            is_current: flag(p, "isCurrent"),
            version: text(p, "apiVersion"),
            version_set: text(p, "apiVersionSetId").map(|id| last_segment(&id)),
            inline_version_set: p
                .get("apiVersionSet")
                .filter(|v| v.is_object())
                .map(VersionSet::from_properties),
            api_type: text(p, "type")
                .or_else(|| text(p, "apiType"))
                .unwrap_or_else(|| "http".into())
                .to_ascii_lowercase(),
            protocols: p
                .get("protocols")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_ascii_lowercase)
                        .collect()
                })
                .unwrap_or_default(),
            service_url: text(p, "serviceUrl"),
            subscription_required: flag(p, "subscriptionRequired"),
            key_header: text(&keys, "header"),
            key_query: text(&keys, "query"),
            authorization_server: first(
                "oAuth2AuthenticationSettings",
                "oAuth2",
                "authorizationServerId",
            ),
            oauth_scope: first("oAuth2AuthenticationSettings", "oAuth2", "scope"),
            openid_provider: first("openidAuthenticationSettings", "openid", "openidProviderId"),
            description: text(p, "description"),
            contact: p.get("contact").filter(|c| c.is_object()).cloned(),
            license: p.get("license").filter(|c| c.is_object()).cloned(),
            terms: text(p, "termsOfServiceUrl"),
            format: text(p, "format").or_else(|| text(p, "contentFormat")),
            value: text(p, "value").or_else(|| text(p, "contentValue")),
        }
    }

    /// Whether callers must send a subscription key (APIM's default is yes).
    pub fn needs_key(&self) -> bool {
        self.subscription_required.unwrap_or(true)
    }
}

/// The last `/`-separated segment of a resource id (`/apiVersionSets/vs1` -> `vs1`).
pub fn last_segment(id: &str) -> String {
    id.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(id)
        .to_string()
}

/// One named value. The value of a secret one is never kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedValue {
    /// Resource name (folder name or ARM name).
    pub id: String,
    /// The name policies use in `{{…}}`.
    pub display_name: String,
    /// The value, for non-secret named values that have one.
    pub value: Option<String>,
    /// Where it was declared.
    pub file: String,
}

impl NamedValue {
    /// Reads a named value artifact; secret, Key Vault and placeholder (`{#token#}`) values are
    /// dropped here, before anything else can see them.
    pub fn read(id: &str, value: &Value, file: String) -> NamedValue {
        let p = properties(value);
        let secret =
            flag(p, "secret").unwrap_or(false) || p.get("keyVault").is_some_and(|k| k.is_object());
        let raw = text(p, "value").filter(|v| !(v.starts_with("{#") && v.ends_with("#}")));
        NamedValue {
            id: id.to_string(),
            display_name: text(p, "displayName").unwrap_or_else(|| id.to_string()),
            value: if secret { None } else { raw },
            file,
        }
    }
}

/// Named values by lower-case display name (and by id, for references that use it).
#[derive(Clone, Debug, Default)]
pub struct NamedValues {
    by_name: BTreeMap<String, NamedValue>,
}

impl NamedValues {
    /// Adds or replaces a named value.
    pub fn insert(&mut self, named: NamedValue) {
        self.by_name.retain(|_, v| v.id != named.id);
        self.by_name
            .insert(named.display_name.to_lowercase(), named);
    }

    /// Looks a reference up by display name, then by resource name, ignoring case.
    pub fn get(&self, name: &str) -> Option<&NamedValue> {
        let key = name.trim().to_lowercase();
        self.by_name.get(&key).or_else(|| {
            self.by_name
                .values()
                .find(|v| v.id.eq_ignore_ascii_case(name.trim()))
        })
    }

    /// Replaces a named value's value by resource name (environment overrides).
    pub fn by_id_mut(&mut self, id: &str) -> Option<&mut NamedValue> {
        self.by_name
            .values_mut()
            .find(|v| v.id.eq_ignore_ascii_case(id))
    }
}

/// An OAuth authorization server or OpenID provider declared in the bundle.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthServer {
    /// Authorization endpoint.
    pub authorization_url: Option<String>,
    /// Token endpoint.
    pub token_url: Option<String>,
    /// OpenID metadata URL (providers).
    pub metadata_url: Option<String>,
    /// The public client id.
    pub client_id: Option<String>,
    /// Default scope.
    pub scope: Option<String>,
}

impl AuthServer {
    /// Reads an authorizationServers or openidConnectProviders resource; the client secret is
    /// never read.
    pub fn read(value: &Value) -> AuthServer {
        let p = properties(value);
        AuthServer {
            authorization_url: text(p, "authorizationEndpoint"),
            token_url: text(p, "tokenEndpoint"),
            metadata_url: text(p, "metadataEndpoint"),
            client_id: text(p, "clientId"),
            scope: text(p, "defaultScope"),
        }
    }
}
