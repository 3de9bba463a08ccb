//! The definition outside its operations: info, where requests go, security, shared parts.

use serde_json::Value;

use crate::change::Class;
use crate::pointer;

use super::operations::removes_items;
use super::rules;
use super::{union_keys, Differ, Loc};

/// Members of the definition compared elsewhere: operations walk `paths` and reach shared
/// `parameters` and `responses` through references.
const ELSEWHERE: &[&str] = &["paths", "parameters", "responses"];

/// Compares everything at the top of the definition except operations.
pub(crate) fn compare(d: &mut Differ<'_>) {
    let (old, new) = (d.old, d.new);
    let root = Loc::new("", "");
    for name in union_keys(old, new) {
        let (o, n) = (old.get(name), new.get(name));
        // Named first: comparing `paths` whole would walk every operation once more.
        if ELSEWHERE.contains(&name) || o == n {
            continue;
        }
        let loc = root.member(name, name);
        match name {
            "info" => info(d, &loc, o, n),
            "securityDefinitions" => security_definitions(d, &loc, o, n),
            "definitions" => definitions(d, &loc, o, n),
            _ => {
                let (class, reason) = top_level(name, o, n);
                d.record(&loc, class, reason, o, n);
            }
        }
    }
}

fn top_level(name: &str, o: Option<&Value>, n: Option<&Value>) -> (Class, String) {
    match name {
        "host" => (
            Class::Breaking,
            "requests go to a different server; existing connections call the new one".to_owned(),
        ),
        "basePath" => (Class::Breaking, "every request URL changes".to_owned()),
        "schemes" => {
            let first = |v: Option<&Value>| v.and_then(|s| s.get(0)).cloned();
            if removes_items(o, n) || first(o) != first(n) {
                (
                    Class::Breaking,
                    "requests use a different protocol (the first scheme is used)".to_owned(),
                )
            } else {
                (
                    Class::NonBreaking,
                    "another protocol is also allowed".to_owned(),
                )
            }
        }
        "consumes" if removes_items(o, n) => (
            Class::Breaking,
            "a request media type is no longer accepted".to_owned(),
        ),
        "security" => (
            Class::Breaking,
            "the authentication operations require changed; connections may need to be recreated"
                .to_owned(),
        ),
        "swagger" => (Class::Breaking, "a different Swagger version".to_owned()),
        other => {
            let (class, reason) = rules::member_class(other);
            (class, reason.to_owned())
        }
    }
}

fn info(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        let (class, reason) = match name {
            "title" => (
                Class::Cosmetic,
                "the connector's display name; apps and flows refer to it by its identifier",
            ),
            "version" => (
                Class::NonBreaking,
                "version label only; nothing calls the connector by it",
            ),
            other => rules::member_class(other),
        };
        d.record(&loc.member(name, name), class, reason, ov, nv);
    }
}

fn security_definitions(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        let scheme = Loc {
            key: format!("security definition {name}"),
            old: pointer::push(&loc.old, name),
            new: pointer::push(&loc.new, name),
        };
        match (ov, nv) {
            (Some(ov), Some(nv)) => {
                for field in union_keys(ov, nv) {
                    let (of, nf) = (ov.get(field), nv.get(field));
                    if of == nf {
                        continue;
                    }
                    let (class, reason) = if rules::TEXT.contains(&field) {
                        (Class::Cosmetic, "text shown to makers only".to_owned())
                    } else {
                        (
                            Class::Breaking,
                            format!(
                                "authentication {field} changed; existing connections must be recreated"
                            ),
                        )
                    };
                    d.record(&scheme.member(field, field), class, reason, of, nf);
                }
            }
            _ => d.record(
                &scheme,
                Class::Breaking,
                "authentication changed; existing connections must be recreated",
                ov,
                nv,
            ),
        }
    }
}

/// Shared schemas. Their content is compared where operations use them; here only whole
/// definitions appearing or disappearing are listed, as cosmetic, so that an unused one is
/// still visible.
fn definitions(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov.is_some() == nv.is_some() {
            continue;
        }
        let def = Loc {
            key: format!("definition {name}"),
            old: pointer::push(&loc.old, name),
            new: pointer::push(&loc.new, name),
        };
        let reason = format!(
            "shared schema {}; changes that matter are listed under the operations using it",
            if ov.is_some() { "removed" } else { "added" }
        );
        d.record(&def, Class::Cosmetic, reason, ov, nv);
    }
}
