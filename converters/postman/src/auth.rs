//! Authentication: what each request's effective auth means for a connector.
//!
//! Only names, locations, URLs, scopes and public client ids are read from auth blocks;
//! credential values never are.

use connectorize_ir::{
    ApiKeyLocation, IdentityProvider, OAuth2, OAuthFlow, SecurityKind, SecurityScheme,
};

use crate::model::{Auth, Header};
use crate::variables::{has_reference, Scopes};

/// What a request's auth amounts to.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// Explicitly none (`noauth`).
    None,
    /// An API key.
    ApiKey {
        /// Header or query parameter name.
        name: String,
        /// Where it goes.
        location: ApiKeyLocation,
    },
    /// HTTP basic.
    Basic,
    /// A bearer token (or JWT, or OAuth 2.0 with only a pasted token).
    Bearer,
    /// OAuth 2.0 with a flow.
    OAuth2 {
        /// Settings (no secret).
        settings: Box<OAuth2>,
        /// Whether a URL was missing or unresolved.
        incomplete: bool,
    },
    /// A Postman type with no connector equivalent.
    Unsupported(String),
}

impl Choice {
    /// The Postman type name, as `--auth` takes it.
    pub fn label(&self) -> &str {
        match self {
            Choice::None => "noauth",
            Choice::ApiKey { .. } => "apikey",
            Choice::Basic => "basic",
            Choice::Bearer => "bearer",
            Choice::OAuth2 { .. } => "oauth2",
            Choice::Unsupported(kind) => kind,
        }
    }

    /// Whether a connector can carry it.
    pub fn is_supported(&self) -> bool {
        !matches!(self, Choice::None | Choice::Unsupported(_))
    }

    /// The header or query parameter the scheme itself sets, which is therefore not a parameter.
    pub fn sets(&self) -> Option<(&str, ApiKeyLocation)> {
        match self {
            Choice::ApiKey { name, location } => Some((name, *location)),
            Choice::Basic | Choice::Bearer | Choice::OAuth2 { .. } => {
                Some(("Authorization", ApiKeyLocation::Header))
            }
            _ => None,
        }
    }

    /// The security scheme.
    pub fn scheme(&self) -> Option<SecurityScheme> {
        let (name, kind, description) = match self {
            Choice::ApiKey { name, location } => (
                "api_key",
                SecurityKind::ApiKey {
                    name: name.clone(),
                    location: *location,
                },
                None,
            ),
            Choice::Basic => ("basic", SecurityKind::Basic, None),
            Choice::Bearer => (
                "bearer",
                SecurityKind::ApiKey {
                    name: "Authorization".to_string(),
                    location: ApiKeyLocation::Header,
                },
                Some("Enter the token as `Bearer <token>`.".to_string()),
            ),
            Choice::OAuth2 { settings, .. } => {
                ("oauth2", SecurityKind::OAuth2((**settings).clone()), None)
            }
            Choice::None | Choice::Unsupported(_) => return None,
        };
        Some(SecurityScheme {
            name: name.to_string(),
            kind,
            description,
            extensions: Default::default(),
            origin: None,
        })
    }
}

/// Reads an auth block (which has a type).
pub fn choice(auth: &Auth, scopes: &Scopes<'_>) -> Choice {
    let kind = auth
        .kind
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match kind.as_str() {
        "noauth" => Choice::None,
        "basic" => Choice::Basic,
        "bearer" | "jwt" => Choice::Bearer,
        "apikey" => {
            let name = auth
                .param("key")
                .map(|k| scopes.resolve(&k).text)
                .filter(|k| !k.trim().is_empty() && !has_reference(k))
                .unwrap_or_else(|| "api_key".to_string());
            let location = match auth.param("in").as_deref() {
                Some("query") => ApiKeyLocation::Query,
                _ => ApiKeyLocation::Header,
            };
            Choice::ApiKey {
                name: name.trim().to_string(),
                location,
            }
        }
        "oauth2" => oauth2(auth, scopes),
        other => Choice::Unsupported(other.to_string()),
    }
}

fn oauth2(auth: &Auth, scopes: &Scopes<'_>) -> Choice {
    let mut incomplete = false;
    let mut url = |key: &str| -> Option<String> {
        let raw = auth.param(key).filter(|u| !u.trim().is_empty())?;
        let resolved = scopes.resolve(raw.trim());
        if resolved.is_complete() && !has_reference(&resolved.text) {
            Some(resolved.text)
        } else {
            incomplete = true;
            None
        }
    };
    let authorization_url = url("authUrl");
    let token_url = url("accessTokenUrl");
    let refresh_url = url("refreshTokenUrl");
    let grant = auth
        .param("grant_type")
        .or_else(|| auth.param("grantType"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    if grant.is_empty() && authorization_url.is_none() && token_url.is_none() && !incomplete {
        // Only a pasted access token: the request just sends a bearer token.
        return Choice::Bearer;
    }
    let flow = match grant.as_str() {
        "client_credentials" => OAuthFlow::ClientCredentials,
        "password" | "password_credentials" => OAuthFlow::Password,
        "implicit" => OAuthFlow::Implicit,
        _ => OAuthFlow::AuthorizationCode,
    };
    let needs_auth_url = matches!(flow, OAuthFlow::AuthorizationCode | OAuthFlow::Implicit);
    let needs_token_url = !matches!(flow, OAuthFlow::Implicit);
    if (needs_auth_url && authorization_url.is_none()) || (needs_token_url && token_url.is_none()) {
        incomplete = true;
    }
    let scope_text = auth
        .param("scope")
        .map(|s| scopes.resolve(&s).text)
        .unwrap_or_default();
    let scope_list = scope_text
        .split([' ', ','])
        .filter(|s| !s.is_empty() && !has_reference(s))
        .map(|s| (s.to_string(), String::new()))
        .collect();
    let client_id = auth
        .param("clientId")
        .map(|c| scopes.resolve(&c))
        .filter(|c| c.is_complete() && !has_reference(&c.text) && !c.text.trim().is_empty())
        .map(|c| c.text);
    let resource = auth
        .param("resource")
        .or_else(|| auth.param("audience"))
        .map(|r| scopes.resolve(&r))
        .filter(|r| r.is_complete() && !has_reference(&r.text) && !r.text.trim().is_empty())
        .map(|r| r.text);
    let (identity_provider, tenant) = match authorization_url.as_deref().or(token_url.as_deref()) {
        Some(url) if url.contains("login.microsoftonline.com") => {
            let tenant = url
                .split("login.microsoftonline.com/")
                .nth(1)
                .and_then(|rest| rest.split('/').next())
                .filter(|t| !t.is_empty())
                .map(str::to_string);
            (IdentityProvider::AzureActiveDirectory, tenant)
        }
        _ => (IdentityProvider::Generic, None),
    };
    Choice::OAuth2 {
        settings: Box::new(OAuth2 {
            flow,
            authorization_url,
            token_url,
            refresh_url,
            scopes: scope_list,
            identity_provider,
            client_id,
            resource,
            tenant,
        }),
        incomplete,
    }
}

/// Header names that carry an API key when a collection writes one by hand.
const KEY_HEADERS: &[&str] = &[
    "x-api-key",
    "api-key",
    "apikey",
    "x-apikey",
    "x-auth-token",
    "ocp-apim-subscription-key",
];

/// Auth implied by literal headers (`Authorization: Bearer {{token}}`, `X-API-Key: …`) on a
/// request that has no auth block.
pub fn from_headers(headers: &[Header]) -> Option<Choice> {
    headers.iter().filter(|h| !h.disabled).find_map(|h| {
        let key = h.key.as_deref()?.trim();
        let value = h
            .value
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if key.eq_ignore_ascii_case("authorization") {
            if value.starts_with("bearer") {
                return Some(Choice::Bearer);
            }
            if value.starts_with("basic") {
                return Some(Choice::Basic);
            }
            return None;
        }
        KEY_HEADERS
            .contains(&key.to_ascii_lowercase().as_str())
            .then(|| Choice::ApiKey {
                name: key.to_string(),
                location: ApiKeyLocation::Header,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn auth(value: serde_json::Value) -> Auth {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn reads_both_param_shapes_and_grant_types() {
        let scopes = Scopes::default();
        let v21 = auth(
            json!({"type": "apikey", "apikey": [{"key": "key", "value": "X-Key"}, {"key": "in", "value": "query"}]}),
        );
        assert_eq!(
            choice(&v21, &scopes),
            Choice::ApiKey {
                name: "X-Key".into(),
                location: ApiKeyLocation::Query
            }
        );
        let v20 = auth(
            json!({"type": "oauth2", "oauth2": {"grant_type": "client_credentials", "accessTokenUrl": "https://x/token", "scope": "a b"}}),
        );
        let Choice::OAuth2 {
            settings,
            incomplete,
        } = choice(&v20, &scopes)
        else {
            panic!()
        };
        assert_eq!(settings.flow, OAuthFlow::ClientCredentials);
        assert_eq!(settings.scopes.len(), 2);
        assert!(!incomplete);
        let pasted = auth(
            json!({"type": "oauth2", "oauth2": {"accessToken": "abc", "tokenType": "bearer"}}),
        );
        assert_eq!(choice(&pasted, &scopes), Choice::Bearer);
        assert_eq!(
            choice(&auth(json!({"type": "edgegrid"})), &scopes).label(),
            "edgegrid"
        );
    }
}
