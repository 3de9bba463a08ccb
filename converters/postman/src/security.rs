//! Which authentication the connector gets, from every request's effective auth.

use connectorize_ir::{OAuth2, OAuthFlow};
use indexmap::IndexMap;

use crate::auth::Choice;
use crate::codes;
use crate::context::Ctx;
use crate::request::{Draft, TokenRequest};
use crate::Options;

/// Picks the connector's authentication from the requests' effective auth.
pub fn choose_auth(
    drafts: &[Box<Draft>],
    tokens: &[TokenRequest],
    options: &Options,
    ctx: &mut Ctx,
) -> Option<Choice> {
    let mut supported: IndexMap<String, (usize, Choice, String)> = IndexMap::new();
    let mut unsupported: IndexMap<String, (usize, String)> = IndexMap::new();
    for d in drafts {
        let at = d.auth_pointer.clone().unwrap_or_else(|| d.pointer.clone());
        match &d.auth {
            Some(Choice::Unsupported(kind)) => {
                unsupported.entry(kind.clone()).or_insert((0, at)).0 += 1
            }
            Some(choice) if choice.is_supported() => {
                supported
                    .entry(auth_key(choice))
                    .or_insert((0, choice.clone(), at))
                    .0 += 1;
            }
            _ => {}
        }
    }
    for (kind, (count, at)) in &unsupported {
        ctx.report_with_help(
            codes::UNSUPPORTED_AUTH,
            format!("{count} request(s) use `{kind}` authentication, which connectors cannot express; they get no authentication"),
            at,
            "configure the connector's security by hand after import, or use a policy or custom code",
        );
    }
    let requested = options.auth.as_deref().map(|a| {
        match a
            .trim()
            .to_ascii_lowercase()
            .replace(['-', '_'], "")
            .as_str()
        {
            "jwt" => "bearer".to_string(),
            "none" => "noauth".to_string(),
            "oauth" => "oauth2".to_string(),
            other => other.to_string(),
        }
    });
    if requested.as_deref() == Some("noauth") {
        return None;
    }
    let mut chosen = match requested
        .as_deref()
        .and_then(|r| supported.values().find(|(_, c, _)| c.label() == r))
    {
        Some((_, choice, _)) => Some(choice.clone()),
        None => {
            if let Some(requested) = &requested {
                ctx.report(
                    codes::UNKNOWN_AUTH_CHOICE,
                    format!(
                        "--auth {requested} does not match the authentication of any request (found: {})",
                        if supported.is_empty() { "none".to_string() } else { supported.keys().cloned().collect::<Vec<_>>().join(", ") }
                    ),
                    &ctx.base.clone(),
                );
            }
            supported
                .values()
                .fold(
                    None,
                    |best: Option<&(usize, Choice, String)>, entry| match best {
                        Some(b) if b.0 >= entry.0 => best,
                        _ => Some(entry),
                    },
                )
                .map(|(_, choice, _)| choice.clone())
        }
    };
    if supported.len() > 1 {
        let list = supported
            .iter()
            .map(|(label, (count, _, _))| format!("{label} ({count})"))
            .collect::<Vec<_>>()
            .join(", ");
        let at = supported
            .values()
            .next()
            .map(|(_, _, at)| at.clone())
            .unwrap_or_default();
        ctx.report_with_help(
            codes::MIXED_AUTH,
            format!(
                "requests use different authentication: {list}; the connector uses {}",
                chosen.as_ref().map_or("none", Choice::label)
            ),
            &at,
            "pick another one with --auth TYPE",
        );
    }
    // Token requests give the OAuth token URL.
    if let Some(token) = tokens.first() {
        chosen = match chosen {
            Some(Choice::OAuth2 {
                mut settings,
                incomplete,
            }) => {
                let had_url = settings.token_url.is_some();
                if !had_url {
                    settings.token_url = Some(token.url.clone());
                }
                Some(Choice::OAuth2 {
                    settings,
                    incomplete: incomplete && had_url,
                })
            }
            None | Some(Choice::Bearer) => {
                let flow = match token.grant_type.as_str() {
                    "client_credentials" => OAuthFlow::ClientCredentials,
                    "password" => OAuthFlow::Password,
                    _ => OAuthFlow::AuthorizationCode,
                };
                Some(Choice::OAuth2 {
                    settings: Box::new(OAuth2 {
                        flow,
                        token_url: Some(token.url.clone()),
                        ..OAuth2::default()
                    }),
                    incomplete: flow == OAuthFlow::AuthorizationCode,
                })
            }
            other => other,
        };
    }
    let token_url = match &chosen {
        Some(Choice::OAuth2 { settings, .. }) => settings.token_url.clone(),
        _ => None,
    };
    for token in tokens {
        let role = if token_url.as_deref() == Some(token.url.as_str()) {
            format!("its URL {} is the OAuth token URL", token.url)
        } else {
            format!(
                "the connector's authentication is {}, so its URL {} is not used",
                chosen.as_ref().map_or("none", Choice::label),
                token.url
            )
        };
        ctx.report(
            codes::TOKEN_REQUEST,
            format!(
                "request `{}` obtains a token (grant_type={}); it is not an operation; {role}",
                token.name, token.grant_type
            ),
            &token.pointer,
        );
    }
    match &chosen {
        Some(Choice::Bearer) => ctx.report(
            codes::BEARER_AS_API_KEY,
            "bearer authentication becomes an API key sent in the Authorization header; users enter `Bearer <token>`",
            &auth_pointer(&supported, "bearer"),
        ),
        Some(Choice::OAuth2 { incomplete: true, settings }) => ctx.report_with_help(
            codes::INCOMPLETE_OAUTH,
            format!("the OAuth 2.0 settings lack {}", missing_urls(settings)),
            &auth_pointer(&supported, "oauth2"),
            "set the URLs in the collection's auth, or pass their variables with --var",
        ),
        _ => {}
    }
    chosen
}

/// How auth choices are told apart when counting them: by type, and API keys also by where
/// they go (two different keys are two choices).
pub fn auth_key(choice: &Choice) -> String {
    match choice {
        // Header names are case-insensitive; query parameter names are not.
        Choice::ApiKey { name, location } => match location {
            connectorize_ir::ApiKeyLocation::Header => {
                format!("apikey `{}` in header", name.to_ascii_lowercase())
            }
            connectorize_ir::ApiKeyLocation::Query => format!("apikey `{name}` in query"),
        },
        other => other.label().to_string(),
    }
}

/// Where the first auth block of a type is.
pub fn auth_pointer(supported: &IndexMap<String, (usize, Choice, String)>, label: &str) -> String {
    supported
        .values()
        .find(|(_, c, _)| c.label() == label)
        .map(|(_, _, at)| at.clone())
        .unwrap_or_default()
}

/// What an incomplete OAuth 2.0 configuration lacks, in words.
pub fn missing_urls(settings: &OAuth2) -> String {
    let missing: Vec<&str> = [
        settings
            .authorization_url
            .is_none()
            .then_some("the authorization URL"),
        settings.token_url.is_none().then_some("the token URL"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if missing.is_empty() {
        "a URL (one is an unresolved variable)".to_string()
    } else {
        missing.join(" and ")
    }
}
