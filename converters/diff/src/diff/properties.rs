//! `apiProperties.json`: connection parameters, policies and connector-level settings.

use serde_json::Value;

use crate::change::Class;
use crate::pointer;

use super::rules::{self, Direction};
use super::{union_keys, Differ, Loc};

/// Policy templates that decide where a request goes: changing them moves traffic.
const ROUTING_POLICIES: &[&str] = &[
    "dynamichosturl",
    "routerequesttoendpoint",
    "dynamicsubdomain",
];

/// Compares the properties file.
pub(crate) fn compare(d: &mut Differ<'_>) {
    let (old, new) = (d.old, d.new);
    let root = Loc::new("", "");
    for name in union_keys(old, new) {
        let (o, n) = (old.get(name), new.get(name));
        if o == n {
            continue;
        }
        if name == "properties" {
            properties(d, &root.member("", name), o, n);
        } else {
            let (class, reason) = rules::member_class(name);
            d.record(&root.member(name, name), class, reason, o, n);
        }
    }
}

fn properties(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        let member = loc.member(name, name);
        let (class, reason) = match name {
            "connectionParameters" => {
                connection_parameters(d, &member, ov, nv);
                continue;
            }
            "policyTemplateInstances" => {
                policies(d, &member, ov, nv);
                continue;
            }
            "connectionParameterSets" => {
                let strip = |v: Option<&Value>| v.map(without_ui);
                if strip(ov) == strip(nv) {
                    (
                        Class::Cosmetic,
                        "only the texts shown when connecting changed",
                    )
                } else {
                    (
                        Class::Breaking,
                        "the authentication choices changed; connections may need to be recreated",
                    )
                }
            }
            "iconBrandColor" | "publisher" | "stackOwner" => {
                (Class::Cosmetic, "shown in the catalogue only")
            }
            "scriptOperations" => (
                Class::NonBreaking,
                "operations run through custom code differently; calls keep their shape",
            ),
            "capabilities" => (Class::NonBreaking, "connector capabilities changed"),
            other => rules::member_class(other),
        };
        d.record(&member, class, reason, ov, nv);
    }
}

/// A value with every `uiDefinition` member removed, at any depth.
fn without_ui(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "uiDefinition")
                .map(|(k, v)| (k.clone(), without_ui(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_ui).collect()),
        other => other.clone(),
    }
}

fn connection_parameters(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        let param = Loc {
            key: format!("connection parameter {name}"),
            old: pointer::push(&loc.old, name),
            new: pointer::push(&loc.new, name),
        };
        match (ov, nv) {
            (Some(_), None) => d.record(
                &param,
                Class::Breaking,
                "removed: existing connections were made with it and policies that read it lose the value",
                ov,
                None,
            ),
            (None, Some(v)) => {
                let optional = v
                    .pointer("/uiDefinition/constraints/required")
                    .is_some_and(|r| r == "false" || r == &Value::Bool(false));
                let (class, reason) = if optional {
                    (Class::NonBreaking, "new optional connection parameter")
                } else {
                    (
                        Class::Breaking,
                        "new connection parameter: existing connections have no value for it",
                    )
                };
                d.record(&param, class, reason, None, nv);
            }
            (Some(ov), Some(nv)) => connection_parameter(d, &param, ov, nv),
            (None, None) => {}
        }
    }
}

fn connection_parameter(d: &mut Differ<'_>, loc: &Loc, o: &Value, n: &Value) {
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        let member = loc.member(name, name);
        let (class, reason) = match name {
            "uiDefinition" => {
                ui_definition(d, &member, ov, nv);
                continue;
            }
            "oAuthSettings" => {
                oauth(d, &member, ov, nv);
                continue;
            }
            "allowedValues" => rules::enumeration(ov, nv, Direction::Request),
            "type" => (
                Class::Breaking,
                "a different kind of value; existing connections must be recreated".to_owned(),
            ),
            other => {
                let (class, reason) = rules::member_class(other);
                (class, reason.to_owned())
            }
        };
        d.record(&member, class, reason, ov, nv);
    }
}

fn ui_definition(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        if name == "constraints" {
            let (oc, nc) = (ov.unwrap_or(&empty), nv.unwrap_or(&empty));
            let member = loc.member(name, name);
            for c in union_keys(oc, nc) {
                let (a, b) = (oc.get(c), nc.get(c));
                if a == b {
                    continue;
                }
                let now_required =
                    c == "required" && b.is_some_and(|r| r == "true" || r == &Value::Bool(true));
                let (class, reason) = if now_required {
                    (
                        Class::Breaking,
                        "now required: existing connections without a value fail",
                    )
                } else if c == "required" {
                    (Class::NonBreaking, "no longer required")
                } else {
                    (
                        Class::Cosmetic,
                        "changes how the connection dialog shows it",
                    )
                };
                d.record(&member.member(c, c), class, reason, a, b);
            }
        } else {
            d.record(
                &loc.member(name, name),
                Class::Cosmetic,
                "text shown when connecting",
                ov,
                nv,
            );
        }
    }
}

fn oauth(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let empty = Value::Null;
    let (o, n) = (o.unwrap_or(&empty), n.unwrap_or(&empty));
    for name in union_keys(o, n) {
        let (ov, nv) = (o.get(name), n.get(name));
        if ov == nv {
            continue;
        }
        let (class, reason) = match name {
            "redirectMode" | "redirectUrl" => (
                Class::NonBreaking,
                "sign-in redirects elsewhere; the app registration must allow it",
            ),
            _ => (
                Class::Breaking,
                "sign-in changed; users must sign in again or connections fail",
            ),
        };
        d.record(&loc.member(name, name), class, reason, ov, nv);
    }
}

/// The identity of a policy instance: template and title, numbered when repeated.
fn policy_keys(list: &[Value]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for policy in list {
        let text = |k: &str| policy.get(k).and_then(Value::as_str).unwrap_or("");
        let base = format!("{} \"{}\"", text("templateId"), text("title"));
        let mut key = base.clone();
        let mut n = 2;
        while keys.contains(&key) {
            key = format!("{base} #{n}");
            n += 1;
        }
        keys.push(key);
    }
    keys
}

fn policies(d: &mut Differ<'_>, loc: &Loc, o: Option<&Value>, n: Option<&Value>) {
    let list = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let (old, new) = (list(o), list(n));
    let (old_keys, new_keys) = (policy_keys(&old), policy_keys(&new));
    // Policies are named on their own, not under `policyTemplateInstances`.
    let loc = &Loc {
        key: String::new(),
        ..loc.clone()
    };
    let template = |p: &Value| {
        p.get("templateId")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let class_of = |p: &Value| {
        if ROUTING_POLICIES.contains(&template(p).as_str()) {
            (
                Class::Breaking,
                "decides where requests go; existing connections reach a different endpoint",
            )
        } else {
            (
                Class::NonBreaking,
                "changes how requests and responses are rewritten at run time",
            )
        }
    };
    let at = |i: usize, side: &str| pointer::push(side, &i.to_string());
    let mut renamed_new: Vec<usize> = Vec::new();
    for (i, key) in old_keys.iter().enumerate() {
        let label = format!("policy {key}");
        match new_keys.iter().position(|k| k == key) {
            Some(j) => {
                if old[i] != new[j] {
                    let (class, reason) = class_of(&new[j]);
                    d.record(
                        &loc.at(&label, at(i, &loc.old), at(j, &loc.new)),
                        class,
                        reason,
                        Some(&old[i]),
                        Some(&new[j]),
                    );
                }
            }
            None => {
                let same_but_title = |p: &Value| {
                    template(p) == template(&old[i])
                        && p.get("parameters") == old[i].get("parameters")
                };
                let renamed = (0..new.len()).find(|&j| {
                    !old_keys.contains(&new_keys[j])
                        && !renamed_new.contains(&j)
                        && same_but_title(&new[j])
                });
                match renamed {
                    Some(j) => {
                        renamed_new.push(j);
                        d.record(
                            &loc.at(&label, at(i, &loc.old), at(j, &loc.new))
                                .member("title", "title"),
                            Class::Cosmetic,
                            "the policy's name only",
                            old[i].get("title"),
                            new[j].get("title"),
                        );
                    }
                    None => {
                        let (class, reason) = class_of(&old[i]);
                        d.record(
                            &loc.at(&label, at(i, &loc.old), String::new()),
                            class,
                            format!("policy removed; it {reason}"),
                            Some(&old[i]),
                            None,
                        );
                    }
                }
            }
        }
    }
    for (j, key) in new_keys.iter().enumerate() {
        if old_keys.contains(key) || renamed_new.contains(&j) {
            continue;
        }
        let (class, reason) = class_of(&new[j]);
        d.record(
            &loc.at(&format!("policy {key}"), String::new(), at(j, &loc.new)),
            class,
            format!("policy added; it {reason}"),
            None,
            Some(&new[j]),
        );
    }
}
