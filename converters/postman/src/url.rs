//! Request URLs: the raw-text parser (Postman's own split order, `{{…}}` kept opaque), the
//! object form, origins (scheme, host, base path) and path templates.

use crate::model::{scalar_text, QueryParam, Url, Variable};
use crate::variables::{has_reference, Scopes};

/// A URL split into parts, variables not yet resolved.
#[derive(Clone, Debug, Default)]
pub struct Parts {
    /// Scheme, when written.
    pub protocol: Option<String>,
    /// Host (possibly a variable such as `{{baseUrl}}`).
    pub host: String,
    /// Port, when written.
    pub port: Option<String>,
    /// Path segments, empty ones removed.
    pub path: Vec<String>,
    /// Query parameters.
    pub query: Vec<QueryParam>,
    /// Path variable values.
    pub variables: Vec<Variable>,
}

/// Splits a URL (string or object). `None` when there is nothing to call.
pub fn parts(url: &Url) -> Option<Parts> {
    let parts = match url {
        Url::Text(raw) => parse_raw(raw),
        Url::Object(object) => {
            let host = match &object.host {
                Some(serde_json::Value::Array(labels)) => labels
                    .iter()
                    .filter_map(scalar_text)
                    .collect::<Vec<_>>()
                    .join("."),
                Some(value) => scalar_text(value).unwrap_or_default(),
                None => String::new(),
            };
            let path = match &object.path {
                Some(serde_json::Value::Array(segments)) => segments
                    .iter()
                    .filter_map(|s| match s {
                        serde_json::Value::Object(o) => o.get("value").and_then(scalar_text),
                        other => scalar_text(other),
                    })
                    .flat_map(|s| split_path(&s))
                    .collect(),
                Some(value) => scalar_text(value)
                    .map(|s| split_path(&s))
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            let from_raw = object.raw.as_deref().map(parse_raw);
            // Without a host the parts say too little; the raw text may still have one.
            let mut parts = if host.trim().is_empty()
                && from_raw.as_ref().is_some_and(|r| !r.host.is_empty())
            {
                from_raw.clone().unwrap_or_default()
            } else {
                Parts {
                    protocol: object.protocol.clone().filter(|p| !p.is_empty()),
                    host,
                    port: object.port.clone().filter(|p| !p.is_empty()),
                    path,
                    query: Vec::new(),
                    variables: Vec::new(),
                }
            };
            parts.query = if object.query.is_empty() {
                from_raw.map(|r| r.query).unwrap_or_default()
            } else {
                object.query.clone()
            };
            parts.variables = object.variable.clone();
            parts
        }
        Url::Other(_) => return None,
    };
    (!parts.host.trim().is_empty()).then_some(parts)
}

/// Splits a path string into non-empty segments.
fn split_path(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Parses raw URL text the way Postman does: `{{…}}` opaque, then protocol, auth, host, port,
/// path, query, hash.
pub fn parse_raw(raw: &str) -> Parts {
    let raw = raw.trim().replace('\\', "/");
    // Hide variables so that `/ ? # : .` inside them do not split anything.
    let mut hidden = Vec::new();
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw.as_str();
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}").map(|c| c + open + 4) else {
            break;
        };
        text.push_str(&rest[..open]);
        text.push_str(&format!("\u{1}{}\u{2}", hidden.len()));
        hidden.push(rest[open..close].to_string());
        rest = &rest[close..];
    }
    text.push_str(rest);
    let restore = |s: &str| -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(open) = rest.find('\u{1}') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('\u{2}') {
                Some(close) => {
                    let index: usize = after[..close].parse().unwrap_or(usize::MAX);
                    out.push_str(hidden.get(index).map(String::as_str).unwrap_or_default());
                    rest = &after[close + 1..];
                }
                None => {
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    };
    let mut parts = Parts::default();
    let mut rest = text.as_str();
    if let Some(hash) = rest.find('#') {
        rest = &rest[..hash];
    }
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let mut rest = before_query;
    if let Some((protocol, after)) = rest.split_once("://") {
        if !protocol.contains('/') {
            parts.protocol = Some(restore(protocol));
            rest = after;
        }
    }
    let rest = rest.trim_start_matches('/');
    let (authority, path) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, ""),
    };
    // Credentials in the URL are secrets: never kept.
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && !host.is_empty() => (host, Some(port)),
        _ => (authority, None),
    };
    parts.host = restore(host);
    parts.port = port.map(&restore);
    parts.path = split_path(path).iter().map(|s| restore(s)).collect();
    if let Some(query) = query {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = match pair.split_once('=') {
                Some((k, v)) => (k, Some(restore(v))),
                None => (pair, None),
            };
            parts.query.push(QueryParam {
                key: Some(restore(key)),
                value,
                disabled: false,
                description: None,
            });
        }
    }
    parts
}

/// Where a request is sent: scheme, lower-case host with port, and the path prefix that came
/// with the host (for example from a `{{baseUrl}}` of `https://x.com/v1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// `http` or `https` (others are reported by the caller).
    pub scheme: String,
    /// `host[:port]`.
    pub host: String,
    /// Path segments that precede the request's own path.
    pub prefix: Vec<String>,
}

impl Origin {
    /// `scheme://host/prefix`.
    pub fn url(&self) -> String {
        let mut url = format!("{}://{}", self.scheme, self.host);
        for segment in &self.prefix {
            url.push('/');
            url.push_str(segment);
        }
        url
    }
}

/// Why an origin could not be determined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginError {
    /// Variables with no value (or secret ones) in the host part.
    Unresolved(Vec<String>),
    /// Nothing usable once resolved.
    Empty,
}

/// Resolves the scheme, host and port of a URL.
pub fn origin(parts: &Parts, scopes: &Scopes<'_>) -> Result<Origin, OriginError> {
    let mut text = String::new();
    if let Some(protocol) = &parts.protocol {
        text.push_str(protocol);
        text.push_str("://");
    }
    text.push_str(&parts.host);
    if let Some(port) = &parts.port {
        text.push(':');
        text.push_str(port);
    }
    let resolved = scopes.resolve(&text);
    if !resolved.is_complete() || has_reference(&resolved.text) {
        let mut names = resolved.unresolved;
        names.extend(resolved.secrets);
        names.extend(resolved.cycles);
        if names.is_empty() {
            names.push(text.clone());
        }
        return Err(OriginError::Unresolved(names));
    }
    let text = resolved.text.trim().replace('\\', "/");
    let (scheme, rest) = match text.split_once("://") {
        Some((scheme, rest)) => (scheme.trim().to_ascii_lowercase(), rest),
        None => ("http".to_string(), text.as_str()),
    };
    let rest = rest.trim_start_matches('/');
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let (name, port) = match authority.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
            (name, Some(port))
        }
        _ => (authority, None),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    // The scheme's default port is implied.
    let host = match port {
        Some("443") if scheme == "https" => name,
        Some("80") if scheme == "http" => name,
        Some(port) => format!("{name}:{port}"),
        None => name,
    };
    if host.is_empty() {
        // A variable with an empty value is as unknown as one without a value.
        let names = crate::variables::references(&parts.host);
        return Err(if names.is_empty() {
            OriginError::Empty
        } else {
            OriginError::Unresolved(names)
        });
    }
    let path = path.split(['?', '#']).next().unwrap_or_default();
    Ok(Origin {
        scheme,
        host,
        prefix: split_path(path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_urls_split_like_postman() {
        let p = parse_raw("{{baseUrl}}/users/:id?x=1&flag#frag");
        assert_eq!(p.protocol, None);
        assert_eq!(p.host, "{{baseUrl}}");
        assert_eq!(p.path, ["users", ":id"]);
        assert_eq!(p.query.len(), 2);
        assert_eq!(p.query[1].value, None);
        let p = parse_raw("https://user:pw@{{host.name}}:8443/a/{{v.1}}/b");
        assert_eq!(p.protocol.as_deref(), Some("https"));
        assert_eq!(p.host, "{{host.name}}");
        assert_eq!(p.port.as_deref(), Some("8443"));
        assert_eq!(p.path, ["a", "{{v.1}}", "b"]);
    }

    #[test]
    fn object_urls_without_host_fall_back_to_raw() {
        let url: Url = serde_json::from_value(serde_json::json!({
            "raw": "{{baseUrl}}/users?x=1", "path": ["users"], "query": []
        }))
        .unwrap();
        let p = parts(&url).unwrap();
        assert_eq!(
            (p.host.as_str(), p.path.as_slice()),
            ("{{baseUrl}}", &["users".to_string()][..])
        );
        assert_eq!(p.query.len(), 1);
        let url: Url =
            serde_json::from_value(serde_json::json!({"host": ["a", "io"], "path": "/x/y"}))
                .unwrap();
        assert_eq!(parts(&url).unwrap().path, ["x", "y"]);
    }

    #[test]
    fn origins_take_the_path_that_came_with_the_host() {
        let scope = crate::variables::scope(
            &[Variable {
                key: Some("baseUrl".into()),
                value: Some("https://Checkout.example.com/v71/".into()),
                ..Variable::default()
            }],
            &[],
        );
        let scopes = Scopes::new(vec![&scope]);
        let o = origin(&parse_raw("{{baseUrl}}/payments"), &scopes).unwrap();
        assert_eq!(o.url(), "https://checkout.example.com/v71");
        let o = origin(&parse_raw("https://Sub.Example.com.:443/a"), &scopes).unwrap();
        assert_eq!(o.url(), "https://sub.example.com");
        let o = origin(&parse_raw("http://x.io.:8080"), &scopes).unwrap();
        assert_eq!(o.host, "x.io:8080");
        let err = origin(&parse_raw("{{other}}/x"), &scopes).unwrap_err();
        assert_eq!(err, OriginError::Unresolved(vec!["other".into()]));
    }
}
