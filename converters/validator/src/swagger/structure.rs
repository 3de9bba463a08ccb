//! Document-level rules: root and `info` shape, host, basePath, schemes, MIME types, tags
//! and URLs.

use std::collections::HashSet;

use super::keys;
use super::Swagger;
use crate::codes;
use crate::json::{Kind, Node};
use crate::report::Sink;
use crate::text::{child, index};

/// MIME types the platform supports (validator `MimeTypeNotSupported`).
pub(crate) const SUPPORTED_MIME_TYPES: [&str; 4] = [
    "application/json",
    "text/plain",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
];

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    let root = swagger.root;
    keys::check(
        root,
        "",
        "the document root",
        keys::ROOT,
        keys::ROOT_EXT,
        sink,
    );
    match keys::required(root, "swagger", "", "the document", sink) {
        Some(version) if version.as_str() != Some("2.0") => sink.emit(
            codes::SWAGGER_VERSION,
            version.pos,
            "/swagger",
            format!(
                "the 'swagger' property is {}, not the string \"2.0\"",
                version.compact()
            ),
            "connectors accept only Swagger 2.0; convert OpenAPI 3 documents first",
        ),
        _ => {}
    }
    if let Some(info) = keys::required(root, "info", "", "the document", sink) {
        check_info(info, sink);
    }
    if let Some(paths) = keys::required(root, "paths", "", "the document", sink) {
        keys::expect(paths, "/paths", Kind::Object, sink);
    }
    if let Some(host) = keys::typed(root, "host", "", Kind::String, sink) {
        check_host(host, sink);
    }
    if let Some(base) = keys::typed(root, "basePath", "", Kind::String, sink) {
        if !base.as_str().unwrap_or_default().starts_with('/') {
            sink.emit(
                codes::BASE_PATH_INVALID,
                base.pos,
                "/basePath",
                format!("the basePath {} does not start with '/'", base.compact()),
                "write it as an absolute path such as \"/v1\"",
            );
        }
    }
    if let Some(schemes) = keys::typed(root, "schemes", "", Kind::Array, sink) {
        check_schemes(schemes, "/schemes", true, sink);
    }
    for key in ["consumes", "produces"] {
        if let Some(list) = keys::typed(root, key, "", Kind::Array, sink) {
            check_mime_list(list, &child("", key), sink);
        }
    }
    for key in [
        "definitions",
        "parameters",
        "responses",
        "securityDefinitions",
    ] {
        keys::typed(root, key, "", Kind::Object, sink);
    }
    if let Some(tags) = keys::typed(root, "tags", "", Kind::Array, sink) {
        check_tags(tags, sink);
    }
    if let Some(docs) = keys::typed(root, "externalDocs", "", Kind::Object, sink) {
        check_external_docs(docs, "/externalDocs", sink);
    }
    if let Some(metadata) = keys::typed(root, "x-ms-connector-metadata", "", Kind::Array, sink) {
        for (i, item) in metadata.items().iter().enumerate() {
            let at = index("/x-ms-connector-metadata", i);
            if keys::expect(item, &at, Kind::Object, sink) {
                keys::required_string(
                    item,
                    "propertyName",
                    &at,
                    "a connector metadata entry",
                    sink,
                );
                keys::required(
                    item,
                    "propertyValue",
                    &at,
                    "a connector metadata entry",
                    sink,
                );
            }
        }
    }
}

fn check_info(info: &Node, sink: &mut Sink) {
    if !keys::expect(info, "/info", Kind::Object, sink) {
        return;
    }
    keys::check(info, "/info", "'info'", keys::INFO, keys::INFO_EXT, sink);
    keys::required_string(info, "title", "/info", "'info'", sink);
    keys::required_string(info, "version", "/info", "'info'", sink);
    keys::typed(info, "description", "/info", Kind::String, sink);
    if let Some(contact) = keys::typed(info, "contact", "/info", Kind::Object, sink) {
        keys::check(
            contact,
            "/info/contact",
            "'contact'",
            &["name", "url", "email"],
            &[],
            sink,
        );
        keys::typed(contact, "name", "/info/contact", Kind::String, sink);
        if let Some(url) = keys::typed(contact, "url", "/info/contact", Kind::String, sink) {
            check_url(url, "/info/contact/url", sink);
        }
        if let Some(email) = keys::typed(contact, "email", "/info/contact", Kind::String, sink) {
            let text = email.as_str().unwrap_or_default();
            if !is_email(text) {
                sink.emit(
                    codes::CONTACT_EMAIL,
                    email.pos,
                    "/info/contact/email",
                    format!("the contact email '{text}' is not a valid email address"),
                    "use an address such as support@example.com, or remove 'email'",
                );
            }
        }
    }
    if let Some(license) = keys::typed(info, "license", "/info", Kind::Object, sink) {
        keys::required_string(license, "name", "/info/license", "'license'", sink);
        if let Some(url) = keys::typed(license, "url", "/info/license", Kind::String, sink) {
            check_url(url, "/info/license/url", sink);
        }
    }
    // Swagger 2.0 defines termsOfService as free text, so it is not checked as a URL.
    keys::typed(info, "termsOfService", "/info", Kind::String, sink);
}

/// A deliberately simple address test: one '@', a non-empty local part, a dotted domain.
fn is_email(text: &str) -> bool {
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && !text.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// Reports a URL that is not absolute (`scheme://host…`).
pub(crate) fn check_url(url: &Node, pointer: &str, sink: &mut Sink) {
    let text = url.as_str().unwrap_or_default();
    if !is_absolute_url(text) {
        sink.emit(
            codes::URL_INVALID,
            url.pos,
            pointer,
            format!("'{text}' is not a valid absolute URL"),
            "write a full URL such as https://www.example.com/support",
        );
    }
}

/// `scheme://host…` with a letter-led scheme, a non-empty host and no spaces.
pub(crate) fn is_absolute_url(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    scheme_ok && !host.is_empty() && !text.contains(char::is_whitespace)
}

fn check_host(host: &Node, sink: &mut Sink) {
    let text = host.as_str().unwrap_or_default();
    let (name, port) = match text.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (text, None),
    };
    let name_ok = !name.is_empty() && !name.contains(['{', '}', '/', ' ', ':', '\\', '?', '#']);
    let port_ok = match port {
        None => true,
        Some(p) => !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()),
    };
    if !(name_ok && port_ok) {
        sink.emit(
            codes::HOST_INVALID,
            host.pos,
            "/host",
            format!("the host '{text}' is not a host name: it must have no scheme, path or template"),
            "write only the host, e.g. \"api.example.com\"; move the path to basePath, and use a dynamichosturl policy for per-connection hosts",
        );
    }
}

/// Checks a `schemes` list (document or operation level).
pub(crate) fn check_schemes(schemes: &Node, pointer: &str, document: bool, sink: &mut Sink) {
    if document && schemes.items().is_empty() {
        sink.emit(
            codes::SCHEMES_EMPTY,
            schemes.pos,
            pointer,
            "the 'schemes' array is empty",
            "list the transfer protocol, normally [\"https\"]",
        );
    }
    duplicates(schemes, pointer, sink);
    for (i, scheme) in schemes.items().iter().enumerate() {
        let at = index(pointer, i);
        if !keys::expect(scheme, &at, Kind::String, sink) {
            continue;
        }
        let text = scheme.as_str().unwrap_or_default();
        match text {
            "http" | "https" => {}
            "ws" | "wss" => sink.emit(
                codes::SCHEME_WEBSOCKET,
                scheme.pos,
                &at,
                format!("the WebSocket scheme '{text}' is not supported"),
                "connectors call HTTP APIs only; use \"https\"",
            ),
            _ => sink.emit(
                codes::SCHEME_INVALID,
                scheme.pos,
                &at,
                format!("the scheme '{text}' is not one of 'http', 'https'"),
                "use \"https\" (or \"http\"), in lower case",
            ),
        }
    }
}

/// Checks a `consumes`/`produces` list.
pub(crate) fn check_mime_list(list: &Node, pointer: &str, sink: &mut Sink) {
    duplicates(list, pointer, sink);
    for (i, item) in list.items().iter().enumerate() {
        let at = index(pointer, i);
        if !keys::expect(item, &at, Kind::String, sink) {
            continue;
        }
        let text = item.as_str().unwrap_or_default();
        let essence = text.split(';').next().unwrap_or_default().trim();
        let valid = essence.split_once('/').is_some_and(|(t, s)| {
            let token = |x: &str| {
                !x.is_empty()
                    && x.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-*".contains(c))
            };
            token(t) && token(s)
        });
        if !valid {
            sink.emit(
                codes::MIME_TYPE_INVALID,
                item.pos,
                &at,
                format!("'{text}' is not a valid MIME type"),
                "write a type/subtype such as application/json",
            );
        } else if !SUPPORTED_MIME_TYPES.contains(&essence.to_ascii_lowercase().as_str()) {
            sink.emit(
                codes::MIME_TYPE_UNSUPPORTED,
                item.pos,
                &at,
                format!(
                    "the MIME type '{text}' is not supported; supported are {}",
                    crate::text::list(&SUPPORTED_MIME_TYPES)
                ),
                "the designer may not read or send this content; prefer application/json",
            );
        }
    }
}

fn check_tags(tags: &Node, sink: &mut Sink) {
    let mut seen: Vec<&str> = Vec::new();
    for (i, tag) in tags.items().iter().enumerate() {
        let at = index("/tags", i);
        if !keys::expect(tag, &at, Kind::Object, sink) {
            continue;
        }
        keys::check(
            tag,
            &at,
            "a tag",
            &["name", "description", "externalDocs"],
            &[],
            sink,
        );
        let Some(name) = keys::required_string(tag, "name", &at, "a tag", sink) else {
            continue;
        };
        if seen.contains(&name) {
            sink.emit(
                codes::TAG_REDEFINED,
                tag.pos,
                &at,
                format!("the tag '{name}' is declared more than once"),
                "keep one declaration per tag",
            );
        }
        seen.push(name);
        if let Some(docs) = keys::typed(tag, "externalDocs", &at, Kind::Object, sink) {
            check_external_docs(docs, &child(&at, "externalDocs"), sink);
        }
    }
}

/// Checks an `externalDocs` object.
pub(crate) fn check_external_docs(docs: &Node, pointer: &str, sink: &mut Sink) {
    keys::check(
        docs,
        pointer,
        "'externalDocs'",
        &["description", "url"],
        &[],
        sink,
    );
    if let Some(url) = keys::required(docs, "url", pointer, "'externalDocs'", sink) {
        if keys::expect(url, &child(pointer, "url"), Kind::String, sink) {
            check_url(url, &child(pointer, "url"), sink);
        }
    }
}

/// Reports repeated values in an array whose items must be unique.
///
/// Lists this short (nearly all: `required`, `enum`, `schemes`…) are compared pairwise,
/// which needs no text for values that are not reported; longer ones by their compact text.
pub(crate) fn duplicates(list: &Node, pointer: &str, sink: &mut Sink) {
    const PAIRWISE: usize = 32;
    let items = list.items();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let repeated = if items.len() <= PAIRWISE {
            items[..i].iter().any(|earlier| earlier.same_as(item))
        } else {
            !seen.insert(item.compact())
        };
        if repeated {
            sink.emit(
                codes::ARRAY_DUPLICATE,
                item.pos,
                &index(pointer, i),
                format!(
                    "the value {} appears more than once in this array",
                    item.compact()
                ),
                "remove the repeated value; the values must be unique",
            );
        }
    }
}
