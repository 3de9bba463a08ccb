//! Who owns each field when there is no base: the maker or the source.
//!
//! A connector downloaded from the portal has no record of what was generated, so `update`
//! cannot tell an edit from an old generation. It then gives every field to an owner:
//!
//! | owner | fields |
//! |---|---|
//! | maker | `info` except `version`; operation `summary`, `description`, `deprecated`, `tags`, `externalDocs`; parameter, header and schema `description`, `title`, `x-ms-summary`, `default`, `example`; response `description` and `examples`; every `x-ms-*` extension (`x-ms-visibility`, `x-ms-dynamic-*`, `x-ms-trigger*`, `x-ms-api-annotation`, `x-ms-pageable`, `x-ms-notification-content`, `x-ms-connector-metadata`, `x-ms-capabilities`, …) except `x-ms-url-encoding`; root `tags`, `externalDocs` and other root members the source does not generate; connection parameter `uiDefinition` and the `clientId`, `clientSecret`, `redirectMode`, `redirectUrl` and `properties` of `oAuthSettings`; every `uiDefinition` in `connectionParameterSets`; `iconBrandColor`, `publisher`, `stackOwner`, `capabilities`, `scriptOperations` and other members of `properties`; policy instances the source does not generate |
//! | source | `swagger`, `host`, `basePath`, `schemes`, `consumes`, `produces`, `securityDefinitions`, `security`, `info.version`; which operations exist, their path, method and operationId; which parameters, responses, headers, schema properties and definitions exist, with their `in`, `type`, `format`, `items`, `enum`, `required`, constraints and `x-ms-url-encoding`; which connection parameters exist, their `type` and the rest of `oAuthSettings` (`identityProvider`, `scopes`, `customParameters`); the content of policy instances the source generates (matched by template and title) |
//!
//! Maker-owned: the existing value is kept; when the existing connector has none, the
//! source's value fills it (a deletion cannot be told apart from a field never set).
//! Source-owned: the new generation's value is taken, including its absence.
//!
//! The rules are applied by building a stand-in base: the source's value where the maker
//! owns a field (so an existing value counts as the maker's edit) and the existing value
//! where the source owns it (so the new value counts as the source's change). The ordinary
//! three-way merge then runs, and never meets a conflict.

use serde_json::{Map, Value};

use crate::connector::File;
use crate::merge::keys::element_keys;
use crate::merge::paths::{OPERATION, OPERATIONS, PATH_ITEMS};

/// The owner of a position, or `Mixed` for a container whose members have different owners.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    Maker,
    Source,
    Mixed,
}

/// Extensions the source generates and owns.
const SOURCE_EXTENSIONS: &[&str] = &["x-ms-url-encoding"];
/// Root members of the definition the source owns.
const SOURCE_ROOT: &[&str] = &[
    "swagger",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "securityDefinitions",
    "security",
];
/// Operation members that carry the maker's words.
const OPERATION_TEXT: &[&str] = &[
    "summary",
    "description",
    "deprecated",
    "tags",
    "externalDocs",
];
/// Parameter, header and schema members that carry the maker's words or choices.
const FIELD_TEXT: &[&str] = &["description", "title", "x-ms-summary", "default", "example"];
/// Response members that carry the maker's words.
const RESPONSE_TEXT: &[&str] = &["description", "examples"];
/// `oAuthSettings` members set when the maker registers the app.
const OAUTH_MAKER: &[&str] = &[
    "clientId",
    "clientSecret",
    "redirectMode",
    "redirectUrl",
    "properties",
];

fn extension(name: &str) -> Option<Owner> {
    name.starts_with("x-").then(|| {
        if SOURCE_EXTENSIONS.contains(&name) {
            Owner::Source
        } else {
            Owner::Maker
        }
    })
}

fn owner(file: File, names: &[String]) -> Owner {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    match file {
        File::Definition => definition(&names),
        File::Properties => properties(&names),
    }
}

fn definition(names: &[&str]) -> Owner {
    match names {
        []
        | ["info"]
        | ["paths"]
        | ["paths", _]
        | ["definitions"]
        | ["parameters"]
        | ["responses"] => Owner::Mixed,
        ["info", "version", ..] => Owner::Source,
        ["info", ..] => Owner::Maker,
        ["paths", OPERATIONS, _] => Owner::Mixed,
        ["paths", OPERATIONS, _, OPERATION] => Owner::Mixed,
        ["paths", OPERATIONS, _, OPERATION, rest @ ..] => operation(rest),
        ["paths", OPERATIONS, ..] => Owner::Source,
        ["paths", PATH_ITEMS, _] => Owner::Mixed,
        ["paths", PATH_ITEMS, _, "parameters"] | ["paths", PATH_ITEMS, _, "parameters", _] => {
            Owner::Mixed
        }
        ["paths", PATH_ITEMS, _, "parameters", _, rest @ ..] => parameter(rest),
        ["paths", PATH_ITEMS, _, name, ..] => extension(name).unwrap_or(Owner::Source),
        ["paths", ..] => Owner::Source,
        ["definitions", _, rest @ ..] => schema(rest),
        ["parameters", _, rest @ ..] => parameter(rest),
        ["responses", _, rest @ ..] => response(rest),
        [name, ..] if SOURCE_ROOT.contains(name) => Owner::Source,
        _ => Owner::Maker,
    }
}

fn operation(rest: &[&str]) -> Owner {
    match rest {
        [] | ["parameters"] | ["parameters", _] | ["responses"] => Owner::Mixed,
        ["parameters", _, rest @ ..] => parameter(rest),
        ["responses", _, rest @ ..] => response(rest),
        [name, ..] if OPERATION_TEXT.contains(name) => Owner::Maker,
        [name, ..] => extension(name).unwrap_or(Owner::Source),
    }
}

fn parameter(rest: &[&str]) -> Owner {
    match rest {
        [] => Owner::Mixed,
        ["schema", rest @ ..] | ["items", rest @ ..] => schema(rest),
        [name, ..] if FIELD_TEXT.contains(name) => Owner::Maker,
        [name, ..] => extension(name).unwrap_or(Owner::Source),
    }
}

fn response(rest: &[&str]) -> Owner {
    match rest {
        [] | ["headers"] | ["headers", _] => Owner::Mixed,
        ["schema", rest @ ..] => schema(rest),
        ["headers", _, rest @ ..] => parameter(rest),
        [name, ..] if RESPONSE_TEXT.contains(name) => Owner::Maker,
        [name, ..] => extension(name).unwrap_or(Owner::Source),
    }
}

fn schema(rest: &[&str]) -> Owner {
    match rest {
        [] | ["properties"] => Owner::Mixed,
        ["properties", _, rest @ ..] => schema(rest),
        ["items", rest @ ..] | ["additionalProperties", rest @ ..] => schema(rest),
        [name, ..] if FIELD_TEXT.contains(name) => Owner::Maker,
        [name, ..] => extension(name).unwrap_or(Owner::Source),
    }
}

fn properties(names: &[&str]) -> Owner {
    match names {
        [] | ["properties"] => Owner::Mixed,
        ["properties", "connectionParameters"] | ["properties", "connectionParameters", _] => {
            Owner::Mixed
        }
        ["properties", "connectionParameters", _, rest @ ..] => connection_parameter(rest),
        ["properties", "connectionParameterSets", rest @ ..] => {
            if rest.contains(&"uiDefinition") {
                Owner::Maker
            } else {
                match rest.iter().position(|n| *n == "parameters") {
                    Some(i) if rest.len() > i + 2 => connection_parameter(&rest[i + 2..]),
                    _ => Owner::Mixed,
                }
            }
        }
        ["properties", "policyTemplateInstances"]
        | ["properties", "policyTemplateInstances", _] => Owner::Mixed,
        ["properties", "policyTemplateInstances", ..] => Owner::Source,
        _ => Owner::Maker,
    }
}

fn connection_parameter(rest: &[&str]) -> Owner {
    match rest {
        [] | ["oAuthSettings"] => Owner::Mixed,
        ["uiDefinition", ..] => Owner::Maker,
        ["oAuthSettings", name, ..] if OAUTH_MAKER.contains(name) => Owner::Maker,
        _ => Owner::Source,
    }
}

/// Who decides whether a member with mixed ownership exists when only one side has it: the
/// maker for policy instances (one the source does not generate was added by the maker),
/// the source for everything else.
fn existence(file: File, names: &[String]) -> Owner {
    match (file, names) {
        (File::Properties, [p, list, _])
            if p == "properties" && list == "policyTemplateInstances" =>
        {
            Owner::Maker
        }
        _ => Owner::Source,
    }
}

/// The stand-in base for a two-way merge of `ours` (existing, already in the merge's view of
/// `paths`) and `theirs` (new generation, same view).
pub(crate) fn stand_in_base(file: File, ours: &Value, theirs: &Value) -> Value {
    let mut names = Vec::new();
    synthesize(file, &mut names, Some(ours), Some(theirs)).unwrap_or(Value::Null)
}

fn synthesize(
    file: File,
    names: &mut Vec<String>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Option<Value> {
    match owner(file, names) {
        Owner::Maker => ours.and(theirs).cloned(),
        Owner::Source => ours.cloned(),
        Owner::Mixed => match (ours, theirs) {
            (Some(Value::Object(o)), Some(Value::Object(t))) => {
                let mut out = Map::new();
                for key in o.keys().chain(t.keys().filter(|k| !o.contains_key(*k))) {
                    names.push(key.clone());
                    if let Some(v) = synthesize(file, names, o.get(key), t.get(key)) {
                        out.insert(key.clone(), v);
                    }
                    names.pop();
                }
                Some(Value::Object(out))
            }
            (Some(Value::Array(o)), Some(Value::Array(t))) => {
                let name = names.last().map(String::as_str).unwrap_or_default();
                let (Some(ok), Some(tk)) = (element_keys(name, o), element_keys(name, t)) else {
                    return ours.cloned();
                };
                let mut out = Vec::new();
                for ((key, _), item) in ok.iter().zip(o) {
                    let other = tk.iter().position(|(k, _)| k == key).and_then(|i| t.get(i));
                    names.push(key.clone());
                    if let Some(v) = synthesize(file, names, Some(item), other) {
                        out.push(v);
                    }
                    names.pop();
                }
                Some(Value::Array(out))
            }
            (Some(_), Some(_)) => ours.cloned(),
            (Some(_), None) | (None, Some(_)) => match existence(file, names) {
                Owner::Maker => None,
                _ => ours.cloned(),
            },
            (None, None) => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(path: &str) -> Vec<String> {
        path.split('/').map(str::to_owned).collect()
    }

    #[test]
    fn table_gives_words_to_the_maker_and_shape_to_the_source() {
        let d = File::Definition;
        let op = "paths/operations/GetUser/operation";
        assert_eq!(owner(d, &names(&format!("{op}/summary"))), Owner::Maker);
        assert_eq!(
            owner(d, &names(&format!("{op}/x-ms-visibility"))),
            Owner::Maker
        );
        assert_eq!(
            owner(d, &names(&format!("{op}/parameters/query:top/type"))),
            Owner::Source
        );
        assert_eq!(
            owner(
                d,
                &names(&format!("{op}/parameters/query:top/x-ms-summary"))
            ),
            Owner::Maker
        );
        assert_eq!(
            owner(
                d,
                &names(&format!("{op}/parameters/query:top/x-ms-url-encoding"))
            ),
            Owner::Source
        );
        assert_eq!(
            owner(d, &names("definitions/User/properties/description/type")),
            Owner::Source
        );
        assert_eq!(
            owner(d, &names("definitions/User/properties/name/description")),
            Owner::Maker
        );
        assert_eq!(owner(d, &names("host")), Owner::Source);
        assert_eq!(owner(d, &names("info/title")), Owner::Maker);
        let p = File::Properties;
        assert_eq!(owner(p, &names("properties/iconBrandColor")), Owner::Maker);
        assert_eq!(
            owner(p, &names("properties/connectionParameters/api_key/type")),
            Owner::Source
        );
        assert_eq!(
            owner(
                p,
                &names("properties/connectionParameters/api_key/uiDefinition")
            ),
            Owner::Maker
        );
        assert_eq!(
            owner(
                p,
                &names("properties/connectionParameters/token/oAuthSettings/clientId")
            ),
            Owner::Maker
        );
        assert_eq!(
            owner(
                p,
                &names("properties/connectionParameters/token/oAuthSettings/scopes")
            ),
            Owner::Source
        );
    }
}
