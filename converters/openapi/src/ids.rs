//! Operation ids: kept when they are letters and digits and unique, otherwise rebuilt.
//!
//! A renamed id breaks every flow that calls it, so an id made of ASCII letters and digits is
//! kept whatever its casing (most certified connectors use camelCase). Others are rebuilt in
//! PascalCase: from the id's own words when it has some (`get-users` -> `GetUsers`, which is
//! how API Management names operations after their display names), from the summary when
//! the id is a generated key (24 hex digits, a GUID: API Management names operations created
//! in the portal so), else from the method and path.

use std::collections::HashSet;

use connectorize_ir::Method;

use crate::codes;
use crate::context::Context;

/// Hands out unique operation ids, compared case-insensitively (the platform does).
#[derive(Default)]
pub struct Ids {
    used: HashSet<String>,
}

/// What an operation offers to name it by.
pub struct Naming<'n> {
    pub id: Option<&'n str>,
    pub summary: Option<&'n str>,
    pub method: Method,
    pub path: &'n str,
}

impl Ids {
    /// The id for an operation at `at`, reporting any change.
    pub fn assign<'a>(&mut self, ctx: &mut Context<'a>, naming: &Naming<'_>, at: &str) -> String {
        let id_at = connectorize_ir::pointer::push(at, "operationId");
        let given = naming.id.map(str::trim).filter(|id| !id.is_empty());
        let candidate = match given {
            Some(id) if ctx.faithful || (is_plain(id) && !looks_generated(id)) => id.to_owned(),
            Some(id) => {
                let rebuilt = if looks_generated(id) {
                    None
                } else {
                    Some(pascal(id)).filter(|p| starts_with_letter(p))
                }
                .or_else(|| naming.summary.map(pascal).filter(|p| starts_with_letter(p)))
                .unwrap_or_else(|| from_route(naming.method, naming.path));
                let why = if is_plain(id) {
                    "is a generated key, not a name"
                } else {
                    "is not letters and digits"
                };
                ctx.report_help(
                    codes::OPERATION_ID_REBUILT,
                    &id_at,
                    format!("operationId `{id}` {why}; it becomes `{rebuilt}`"),
                    "set an operationId of letters and digits to choose the name",
                );
                rebuilt
            }
            None => {
                let made = naming
                    .summary
                    .map(pascal)
                    .filter(|p| starts_with_letter(p))
                    .unwrap_or_else(|| from_route(naming.method, naming.path));
                ctx.report(
                    codes::OPERATION_ID_MISSING,
                    at,
                    format!("the operation has no operationId; it is named `{made}`"),
                );
                made
            }
        };
        let mut id = candidate.clone();
        let mut n = 2;
        while !self.used.insert(id.to_ascii_lowercase()) {
            id = format!("{candidate}{n}");
            n += 1;
        }
        if id != candidate {
            ctx.report(
                codes::OPERATION_ID_DUPLICATE,
                &id_at,
                format!("operationId `{candidate}` is already used; this operation becomes `{id}`"),
            );
        }
        id
    }
}

/// ASCII letters and digits only.
pub fn is_plain(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn starts_with_letter(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// A database key rather than a name: 24 hex digits (API Management) or a GUID.
fn looks_generated(id: &str) -> bool {
    let hex: String = id.chars().filter(|c| *c != '-').collect();
    (hex.len() == 24 || hex.len() == 32)
        && hex.chars().all(|c| c.is_ascii_hexdigit())
        && hex.chars().any(|c| c.is_ascii_digit())
}

/// Words of `text` (split at anything not a letter or digit), each capitalised.
pub fn pascal(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // An all-capitals word (`GET`, `JSON`) reads as a word, not as letters.
            let shouting = w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase());
            let mut chars = w.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            let rest: String = if shouting {
                chars.as_str().to_ascii_lowercase()
            } else {
                chars.collect()
            };
            first.into_iter().chain(rest.chars()).collect::<String>()
        })
        .collect()
}

/// `GET /users/{id}/posts` -> `GetUsersByIdPosts`.
fn from_route(method: Method, path: &str) -> String {
    let mut id = pascal(method.as_lower());
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(name) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            id.push_str("By");
            id.push_str(&pascal(name));
        } else {
            id.push_str(&pascal(segment));
        }
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_in_pascal_case() {
        assert_eq!(pascal("get-users_by id"), "GetUsersById");
        assert_eq!(pascal("listItems"), "ListItems");
        assert_eq!(pascal("GET_lists-JSON"), "GetListsJson");
        assert_eq!(
            from_route(Method::Get, "/users/{user-id}/posts"),
            "GetUsersByUserIdPosts"
        );
        assert!(looks_generated("67c08e97646a6b8841cc0094"));
        assert!(!looks_generated("get-users"));
        assert!(is_plain("getUsers2"));
        assert!(!is_plain("get_users"));
    }
}
