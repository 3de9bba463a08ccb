//! Path templates: their syntax, case-insensitive uniqueness, and routes that are
//! indistinguishable or overlapping.

use super::keys;
use super::{Operation, Swagger};
use crate::codes;
use crate::json::Kind;
use crate::report::Sink;
use crate::text::child;

pub(super) fn check(swagger: &Swagger<'_>, sink: &mut Sink) {
    let Some(paths) = swagger.root.get("paths") else {
        return;
    };
    let mut seen: Vec<(String, &str)> = Vec::new();
    for m in paths.members() {
        let at = child("/paths", &m.key);
        if m.key.starts_with("x-") {
            continue;
        }
        check_template(&m.key, m.key_pos, &at, sink);
        let lower = m.key.to_lowercase();
        if let Some((_, first)) = seen.iter().find(|(l, k)| *l == lower && *k != m.key) {
            sink.emit(
                codes::PATH_REDEFINED,
                m.key_pos,
                &at,
                format!(
                    "the path '{}' is also defined as '{first}' with different capitalization",
                    m.key
                ),
                "paths must be unique when compared case-insensitively; merge the two path items",
            );
        }
        seen.push((lower, &m.key));
        if !keys::expect(&m.value, &at, Kind::Object, sink) {
            continue;
        }
        keys::check(
            &m.value,
            &at,
            "a path item",
            keys::PATH_ITEM,
            keys::PATH_ITEM_EXT,
            sink,
        );
        if let Some(reference) = m.value.member("$ref") {
            sink.emit(
                codes::PATH_ITEM_REF,
                reference.key_pos,
                &child(&at, "$ref"),
                "'$ref' on a path item is not supported",
                "write the operations inline in the path item",
            );
        }
    }
    check_routes(&swagger.operations, sink);
}

/// The template variables of a path, or the reason the template is malformed.
fn variables(path: &str) -> Result<Vec<&str>, &'static str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in path.char_indices() {
        match (c, start) {
            ('{', None) => start = Some(i + 1),
            ('{', Some(_)) => return Err("has a '{' inside a template variable"),
            ('}', Some(s)) => {
                if s == i {
                    return Err("has an empty template variable '{}'");
                }
                out.push(&path[s..i]);
                start = None;
            }
            ('}', None) => return Err("has a '}' that closes no template variable"),
            ('/', Some(_)) => return Err("has a template variable that spans a '/'"),
            _ => {}
        }
    }
    if start.is_some() {
        return Err("has a '{' that is never closed");
    }
    Ok(out)
}

/// The names of a path's template variables, without any '=default' (empty when malformed).
pub(crate) fn path_variables(path: &str) -> Vec<&str> {
    variables(path)
        .unwrap_or_default()
        .into_iter()
        .map(|v| v.split('=').next().unwrap_or(v))
        .collect()
}

fn check_template(path: &str, pos: crate::json::Pos, at: &str, sink: &mut Sink) {
    if !path.starts_with('/') {
        sink.emit(
            codes::PATH_NO_SLASH,
            pos,
            at,
            format!("the path '{path}' does not start with '/'"),
            "start the path with '/'",
        );
    }
    if path.contains(['?', '#']) {
        sink.emit(
            codes::PATH_QUERY_FRAGMENT,
            pos,
            at,
            format!("the path '{path}' contains a query or fragment ('?' or '#')"),
            "declare query values as 'query' parameters; URL-encode a literal '?' or '#'",
        );
    }
    if path.contains('*') {
        sink.emit(
            codes::PATH_WILDCARD,
            pos,
            at,
            format!("the path '{path}' contains the wildcard character '*'"),
            "replace the wildcard with a {parameter} segment",
        );
    }
    match variables(path) {
        Err(reason) => sink.emit(
            codes::PATH_TEMPLATE,
            pos,
            at,
            format!("the path '{path}' {reason}"),
            "each {variable} must sit inside one segment; URL-encode literal braces",
        ),
        Ok(vars) => {
            for var in vars.iter().filter(|v| v.contains('=')) {
                sink.emit(
                    codes::PATH_VARIABLE_DEFAULT,
                    pos,
                    at,
                    format!("the path variable '{{{var}}}' sets a default value with '='"),
                    "remove the default; put it on the path parameter's 'default' (or x-ms-test-value)",
                );
            }
        }
    }
}

/// One path segment for routing: a literal (lower-cased) or a pure `{variable}`.
#[derive(PartialEq)]
enum Segment {
    Literal(String),
    Variable,
    /// A segment mixing literal text and variables, compared by its shape.
    Mixed(String),
}

fn segments(path: &str) -> Vec<Segment> {
    path.trim_matches('/')
        .split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') && s.matches('{').count() == 1 {
                Segment::Variable
            } else if s.contains('{') {
                let mut shape = String::new();
                let mut inside = false;
                for c in s.chars() {
                    match c {
                        '{' => {
                            inside = true;
                            shape.push('{');
                        }
                        '}' => {
                            inside = false;
                            shape.push('}');
                        }
                        _ if !inside => shape.extend(c.to_lowercase()),
                        _ => {}
                    }
                }
                Segment::Mixed(shape)
            } else {
                Segment::Literal(s.to_lowercase())
            }
        })
        .collect()
}

fn check_routes(operations: &[Operation<'_>], sink: &mut Sink) {
    let routes: Vec<Vec<Segment>> = operations.iter().map(|op| segments(op.path)).collect();
    for (j, later) in operations.iter().enumerate() {
        let mut partial: Vec<&str> = Vec::new();
        for (i, earlier) in operations[..j].iter().enumerate() {
            if earlier.method != later.method || earlier.path.eq_ignore_ascii_case(later.path) {
                continue;
            }
            let (a, b) = (&routes[i], &routes[j]);
            if a.len() != b.len() {
                continue;
            }
            let mut same = true;
            let mut overlap = true;
            for (x, y) in a.iter().zip(b) {
                if x != y {
                    same = false;
                    // A variable matches any non-empty segment (an empty one, as in '/', never).
                    let empty = |s: &Segment| matches!(s, Segment::Literal(l) if l.is_empty());
                    let variable_matches =
                        matches!((x, y), (Segment::Variable, _) | (_, Segment::Variable))
                            && !empty(x)
                            && !empty(y);
                    if !variable_matches {
                        overlap = false;
                    }
                }
            }
            let name = |op: &Operation<'_>| op.id.unwrap_or(op.path).to_owned();
            if same {
                sink.emit(
                    codes::DUPLICATE_OPERATION_PATH,
                    later.path_pos,
                    &later.pointer,
                    format!(
                        "the operations '{}' and '{}' have the path templates '{}' and '{}', which differ only in variable names",
                        name(earlier), name(later), earlier.path, later.path
                    ),
                    "requests cannot be routed to one of them; make their static segments differ",
                );
            } else if overlap {
                partial.push(earlier.path);
            }
        }
        if !partial.is_empty() {
            sink.emit(
                codes::PARTIAL_DUPLICATE_PATH,
                later.path_pos,
                &later.pointer,
                format!(
                    "the {} path '{}' overlaps {} when a variable's value equals a static segment",
                    later.method.to_uppercase(),
                    later.path,
                    crate::text::list(&partial)
                ),
                "a value such as the static segment would route to the other operation; prefer distinct static prefixes",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::variables;

    #[test]
    fn finds_variables_and_rejects_bad_templates() {
        assert_eq!(variables("/a/{b}/c{d}.json"), Ok(vec!["b", "d"]));
        assert!(variables("/a/{b/c}").is_err());
        assert!(variables("/a/{b").is_err());
        assert!(variables("/a/b}").is_err());
        assert!(variables("/a/{}").is_err());
    }
}
