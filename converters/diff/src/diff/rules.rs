//! The classification rules, in one place so the README table can be checked against them.
//!
//! A rule answers one question: would an app or flow already built on the old connector
//! fail, lose data or need editing with the new one? Request and response data are judged in
//! opposite directions (what callers send must keep being accepted; what they read must
//! keep being there), as oasdiff and Redocly do for OpenAPI.

use serde_json::Value;

use crate::change::Class;

use super::compact;

/// Which way data flows through a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Parameters and request bodies: what flows send.
    Request,
    /// Responses and trigger payloads: what flows read.
    Response,
}

/// Members that only carry text or presentation.
pub(crate) const TEXT: &[&str] = &[
    "summary",
    "description",
    "title",
    "x-ms-summary",
    "tags",
    "externalDocs",
    "example",
    "examples",
    "x-example",
    "x-ms-enum-values",
    "x-ms-trigger-hint",
    "x-ms-no-generic-test",
    "x-ms-test-value",
    "x-ms-connector-metadata",
    "x-ms-keywords",
    "x-ms-editor",
    "x-ms-editor-options",
    "contact",
    "termsOfService",
    "license",
];

/// Extensions that only change how the designer offers values.
pub(crate) const DYNAMIC: &[&str] = &[
    "x-ms-dynamic-values",
    "x-ms-dynamic-list",
    "x-ms-dynamic-schema",
    "x-ms-dynamic-properties",
    "x-ms-dynamic-tree",
];

/// The class of a member no specific rule covers.
pub(crate) fn member_class(name: &str) -> (Class, &'static str) {
    if TEXT.contains(&name) {
        (Class::Cosmetic, "text shown to makers only")
    } else if DYNAMIC.contains(&name) {
        (
            Class::NonBreaking,
            "changes how the designer suggests values; stored values still work",
        )
    } else {
        (
            Class::NonBreaking,
            "changed; apps and flows keep working but behaviour may differ",
        )
    }
}

/// `x-ms-visibility` changes: hiding something as `internal` breaks makers who use it.
pub(crate) fn visibility(old: Option<&Value>, new: Option<&Value>) -> (Class, String) {
    let is_internal = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("internal"))
    };
    let show = |v: Option<&Value>| v.map(compact).unwrap_or_else(|| "none".to_owned());
    match (is_internal(old), is_internal(new)) {
        (false, true) => (
            Class::Breaking,
            "now internal: hidden from makers, who can no longer set or see it".to_owned(),
        ),
        (true, false) => (
            Class::NonBreaking,
            format!("no longer internal (now {}): makers can see it", show(new)),
        ),
        _ => (
            Class::Cosmetic,
            format!(
                "visibility {} -> {} only changes where the designer shows it",
                show(old),
                show(new)
            ),
        ),
    }
}

/// `enum` changes, judged by direction: narrowing what callers may send, or widening what
/// they may receive, breaks them.
pub(crate) fn enumeration(
    old: Option<&Value>,
    new: Option<&Value>,
    direction: Direction,
) -> (Class, String) {
    let values = |v: Option<&Value>| v.and_then(Value::as_array).cloned();
    let (old, new) = (values(old), values(new));
    let list = |items: &[&Value]| {
        items
            .iter()
            .map(|v| compact(v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (old, new) {
        (None, Some(_)) => match direction {
            Direction::Request => (
                Class::Breaking,
                "values are now restricted to a list; other values flows send are rejected"
                    .to_owned(),
            ),
            Direction::Response => (
                Class::NonBreaking,
                "values are now restricted to a list".to_owned(),
            ),
        },
        (Some(_), None) => match direction {
            Direction::Request => (
                Class::NonBreaking,
                "values are no longer restricted to a list".to_owned(),
            ),
            Direction::Response => (
                Class::Breaking,
                "values are no longer restricted to a list; flows may read values they do not expect"
                    .to_owned(),
            ),
        },
        (Some(old), Some(new)) => {
            let removed: Vec<&Value> = old.iter().filter(|v| !new.contains(v)).collect();
            let added: Vec<&Value> = new.iter().filter(|v| !old.contains(v)).collect();
            match direction {
                Direction::Request if !removed.is_empty() => (
                    Class::Breaking,
                    format!("narrowed: {} no longer accepted", list(&removed)),
                ),
                Direction::Response if !added.is_empty() => (
                    Class::Breaking,
                    format!("widened: flows may now read {}", list(&added)),
                ),
                _ if removed.is_empty() && added.is_empty() => {
                    (Class::Cosmetic, "same values in a different order".to_owned())
                }
                Direction::Request => (
                    Class::NonBreaking,
                    format!("widened: {} now accepted", list(&added)),
                ),
                Direction::Response => (
                    Class::NonBreaking,
                    format!("narrowed: {} no longer returned", list(&removed)),
                ),
            }
        }
        (None, None) => (Class::NonBreaking, "changed".to_owned()),
    }
}

/// Validation keywords whose larger value accepts less.
const LOWER_BOUNDS: &[&str] = &["minimum", "minLength", "minItems", "minProperties"];
/// Validation keywords whose smaller value accepts less.
const UPPER_BOUNDS: &[&str] = &["maximum", "maxLength", "maxItems", "maxProperties"];
/// Validation keywords whose every change may reject values that were accepted.
const OTHER_CONSTRAINTS: &[&str] = &[
    "pattern",
    "multipleOf",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "uniqueItems",
];

/// Whether `name` is a validation keyword.
pub(crate) fn is_constraint(name: &str) -> bool {
    LOWER_BOUNDS.contains(&name)
        || UPPER_BOUNDS.contains(&name)
        || OTHER_CONSTRAINTS.contains(&name)
}

/// A validation keyword change: tightening what a request accepts breaks callers; a
/// response's constraints only describe the data.
pub(crate) fn constraint(
    name: &str,
    old: Option<&Value>,
    new: Option<&Value>,
    direction: Direction,
) -> (Class, String) {
    if direction == Direction::Response {
        return (
            Class::NonBreaking,
            "the documented range of returned values changed".to_owned(),
        );
    }
    let number = |v: Option<&Value>| v.and_then(Value::as_f64);
    let tighter = if LOWER_BOUNDS.contains(&name) {
        match (number(old), number(new)) {
            (Some(o), Some(n)) => n > o,
            (None, Some(_)) => true,
            _ => false,
        }
    } else if UPPER_BOUNDS.contains(&name) {
        match (number(old), number(new)) {
            (Some(o), Some(n)) => n < o,
            (None, Some(_)) => true,
            _ => false,
        }
    } else {
        new.is_some_and(|v| v != &Value::Bool(false))
    };
    if tighter {
        (
            Class::Breaking,
            "tightened: values flows send today may be rejected".to_owned(),
        )
    } else {
        (
            Class::NonBreaking,
            "loosened: every value accepted before is still accepted".to_owned(),
        )
    }
}

/// A `type` change. Only widening an integer request value to number keeps callers working.
pub(crate) fn schema_type(
    old: Option<&Value>,
    new: Option<&Value>,
    direction: Direction,
) -> (Class, String) {
    let show = |v: Option<&Value>| v.map(compact).unwrap_or_else(|| "any".to_owned());
    let widened = direction == Direction::Request
        && old.and_then(Value::as_str) == Some("integer")
        && new.and_then(Value::as_str) == Some("number");
    if widened {
        (
            Class::NonBreaking,
            "widened from integer to number; integers are still accepted".to_owned(),
        )
    } else {
        (
            Class::Breaking,
            format!(
                "type changed from {} to {}: values no longer fit",
                show(old),
                show(new)
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enums_are_direction_aware() {
        let (a, b) = (json!(["a", "b"]), json!(["a"]));
        assert_eq!(
            enumeration(Some(&a), Some(&b), Direction::Request).0,
            Class::Breaking
        );
        assert_eq!(
            enumeration(Some(&a), Some(&b), Direction::Response).0,
            Class::NonBreaking
        );
        assert_eq!(
            enumeration(Some(&b), Some(&a), Direction::Request).0,
            Class::NonBreaking
        );
        assert_eq!(
            enumeration(Some(&b), Some(&a), Direction::Response).0,
            Class::Breaking
        );
        let c = json!(["b", "a"]);
        assert_eq!(
            enumeration(Some(&a), Some(&c), Direction::Request).0,
            Class::Cosmetic
        );
    }

    #[test]
    fn constraints_break_requests_only_when_tightened() {
        let (five, ten) = (json!(5), json!(10));
        let r = Direction::Request;
        assert_eq!(
            constraint("maxLength", Some(&ten), Some(&five), r).0,
            Class::Breaking
        );
        assert_eq!(
            constraint("maxLength", Some(&five), Some(&ten), r).0,
            Class::NonBreaking
        );
        assert_eq!(
            constraint("minimum", None, Some(&five), r).0,
            Class::Breaking
        );
        assert_eq!(
            constraint("minimum", Some(&five), None, r).0,
            Class::NonBreaking
        );
        let resp = Direction::Response;
        assert_eq!(
            constraint("maxLength", Some(&ten), Some(&five), resp).0,
            Class::NonBreaking
        );
    }

    #[test]
    fn visibility_to_internal_breaks() {
        let (internal, advanced) = (json!("internal"), json!("advanced"));
        assert_eq!(visibility(None, Some(&internal)).0, Class::Breaking);
        assert_eq!(
            visibility(Some(&internal), Some(&advanced)).0,
            Class::NonBreaking
        );
        assert_eq!(visibility(None, Some(&advanced)).0, Class::Cosmetic);
    }
}
