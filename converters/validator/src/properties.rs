//! Rules on `apiProperties.json`: the paconn schema's shapes (connection parameters, their
//! UI definitions, OAuth settings, policy template instances) plus what the platform needs
//! for them to work (required template parameters, OAuth custom parameters, no real secrets).
//!
//! The 2020 schema rejects keys real connectors use (`connectionParameterSets`,
//! `scriptOperations`); those are accepted, and unknown keys are only warnings.

use crate::codes;
use crate::json::{Kind, Node};
use crate::report::Sink;
use crate::swagger::keys;
use crate::text::{child, index};

/// Keys of `properties` the platform knows (paconn's download whitelist).
const PROPERTIES: &[&str] = &[
    "iconBrandColor",
    "capabilities",
    "connectionParameters",
    "connectionParameterSets",
    "policyTemplateInstances",
    "scriptOperations",
    "publisher",
    "stackOwner",
];
/// Connection parameter types.
const TYPES: &[&str] = &[
    "string",
    "securestring",
    "int",
    "bool",
    "gatewaySetting",
    "oauthSetting",
];
/// Types the platform's designer also knows (secure objects, managed identities…); newer
/// than the paconn schema, so they are accepted without a finding.
const PLATFORM_TYPES: &[&str] = &[
    "secureobject",
    "object",
    "array",
    "connection",
    "managedIdentity",
];
/// Types allowed for `name:claim` parameters.
const PRIMITIVE_TYPES: &[&str] = &["string", "securestring", "int", "bool"];
/// The redirect URL of the global consent service.
pub(crate) const REDIRECT: &str = "https://global.consent.azure-apim.net/redirect";

/// A policy template: its id, required parameters, and parameters with fixed value sets.
pub(crate) struct Template {
    /// The id in lower case.
    pub id: &'static str,
    /// Parameters without which the policy cannot run.
    pub required: &'static [&'static str],
    /// Parameters whose values come from a fixed list.
    pub enums: &'static [(&'static str, &'static [&'static str])],
}

const SECTION: (&str, &[&str]) = (
    "x-ms-apimTemplate-policySection",
    &["Request", "Response", "Failure"],
);
const EXISTS: (&str, &[&str]) = (
    "x-ms-apimTemplateParameter.existsAction",
    &["override", "skip", "append"],
);

/// The policy templates of the reference table (§5.6).
pub(crate) const TEMPLATES: &[Template] = &[
    Template {
        id: "setheader",
        required: &[
            "x-ms-apimTemplateParameter.name",
            "x-ms-apimTemplateParameter.value",
        ],
        enums: &[EXISTS, SECTION],
    },
    Template {
        id: "setqueryparameter",
        required: &[
            "x-ms-apimTemplateParameter.name",
            "x-ms-apimTemplateParameter.value",
        ],
        enums: &[EXISTS, SECTION],
    },
    Template {
        id: "dynamichosturl",
        required: &["x-ms-apimTemplateParameter.urlTemplate"],
        enums: &[SECTION],
    },
    Template {
        id: "routerequesttoendpoint",
        required: &["x-ms-apimTemplateParameter.newPath"],
        enums: &[
            (
                "x-ms-apimTemplateParameter.httpMethod",
                &[
                    "GET",
                    "POST",
                    "PUT",
                    "PATCH",
                    "DELETE",
                    "OPTIONS",
                    "HEAD",
                    "@Request.OriginalHTTPMethod",
                ],
            ),
            SECTION,
        ],
    },
    Template {
        id: "setproperty",
        required: &[
            "x-ms-apimTemplateParameter.newPropertyParentPathTemplate",
            "x-ms-apimTemplateParameter.newPropertySubPathTemplate",
            "x-ms-apimTemplateParameter.propertyValuePathTemplate",
        ],
        enums: &[SECTION],
    },
    Template {
        id: "pollingtrigger",
        required: &[
            "x-ms-apimTemplateParameter.triggerConfig",
            "x-ms-apimTemplateParameter.triggerDataPath",
        ],
        enums: &[],
    },
    Template {
        id: "updatenextlink",
        required: &["x-ms-apimTemplateParameter.nextLinkPropertyName"],
        enums: &[SECTION],
    },
    Template {
        id: "convertobjecttoarray",
        required: &[
            "x-ms-apimTemplateParameter.propertyParentPath",
            "x-ms-apimTemplateParameter.newPropertyPath",
        ],
        enums: &[SECTION],
    },
    Template {
        id: "convertarraytoobject",
        required: &[
            "x-ms-apimTemplateParameter.propertyParentPath",
            "x-ms-apimTemplateParameter.keyWithinCollectionPath",
            "x-ms-apimTemplateParameter.newPropertyPath",
        ],
        enums: &[
            ("x-ms-apimTemplateParameter.retainKey", &["true", "false"]),
            SECTION,
        ],
    },
    Template {
        id: "stringtoarray",
        required: &[
            "x-ms-apimTemplateParameter.propertyParentPath",
            "x-ms-apimTemplateParameter.delimiterList",
            "x-ms-apimTemplateParameter.childPropertyName",
            "x-ms-apimTemplateParameter.newPropertyPath",
        ],
        enums: &[SECTION],
    },
    Template {
        id: "stringreplace",
        required: &[
            "x-ms-apimTemplateParameter.propertyParentPath",
            "x-ms-apimTemplateParameter.sourceString",
            "x-ms-apimTemplateParameter.replacementString",
            "x-ms-apimTemplateParameter.newPropertyPath",
        ],
        enums: &[SECTION],
    },
    Template {
        id: "encodepropertyvalue",
        required: &[
            "x-ms-apimTemplateParameter.propertyParentPath",
            "x-ms-apimTemplateParameter.newPropertyPath",
        ],
        enums: &[SECTION],
    },
    Template {
        id: "setvaluefromurl",
        required: &[
            "x-ms-apimTemplateParameter.parameterTemplate",
            "x-ms-apimTemplateParameter.parameterValueUrl",
            "x-ms-apimTemplateParameter.parameterValuePathTemplate",
        ],
        enums: &[
            (
                "x-ms-apimTemplateParameter.httpMethod",
                &["GET", "POST", "PUT"],
            ),
            SECTION,
        ],
    },
    Template {
        id: "setconnectionstatustounauthenticated",
        required: &["x-ms-apimTemplateParameter.statusCode"],
        enums: &[],
    },
    Template {
        id: "dynamicsubdomain",
        required: &["x-ms-apimTemplateParameter.urlTemplate"],
        enums: &[],
    },
    Template {
        id: "moveproperties",
        required: &[],
        enums: &[SECTION],
    },
];

pub(crate) fn check(root: &Node, sink: &mut Sink) {
    if !keys::expect(root, "", Kind::Object, sink) {
        return;
    }
    for m in root.members() {
        if m.key != "properties" && m.key != "$schema" {
            unknown_key(&m.key, m.key_pos, &child("", &m.key), sink);
        }
    }
    let Some(properties) = keys::required(root, "properties", "", "apiProperties.json", sink)
    else {
        return;
    };
    if !keys::expect(properties, "/properties", Kind::Object, sink) {
        return;
    }
    let at = "/properties";
    for m in properties.members() {
        if !PROPERTIES.contains(&&*m.key) {
            unknown_key(&m.key, m.key_pos, &child(at, &m.key), sink);
        }
    }
    let color = properties.get("iconBrandColor");
    if color.is_none() {
        sink.emit(
            codes::BRAND_COLOR_FORMAT,
            properties.pos,
            at,
            "apiProperties has no iconBrandColor (the schema requires it)",
            "add \"iconBrandColor\": \"#RRGGBB\" with the icon's background colour",
        );
    }
    if let Some(color) = color {
        let cat = child(at, "iconBrandColor");
        if keys::expect(color, &cat, Kind::String, sink)
            && !is_color(color.as_str().unwrap_or_default())
        {
            sink.emit(
                codes::BRAND_COLOR_FORMAT,
                color.pos,
                &cat,
                format!("iconBrandColor {} is not an HTML colour of the form #RRGGBB", color.compact()),
                "use a six-digit hex colour such as \"#1f85ff\" (independent publishers: \"#da3b01\")",
            );
        }
    }
    for key in ["publisher", "stackOwner"] {
        keys::typed(properties, key, at, Kind::String, sink);
    }
    for key in ["capabilities", "scriptOperations"] {
        if let Some(list) = keys::typed(properties, key, at, Kind::Array, sink) {
            for (i, item) in list.items().iter().enumerate() {
                keys::expect(item, &index(&child(at, key), i), Kind::String, sink);
            }
        }
    }
    if let Some(parameters) =
        keys::typed(properties, "connectionParameters", at, Kind::Object, sink)
    {
        check_parameters(parameters, &child(at, "connectionParameters"), sink);
    }
    if let Some(sets) = keys::typed(
        properties,
        "connectionParameterSets",
        at,
        Kind::Object,
        sink,
    ) {
        let sat = child(at, "connectionParameterSets");
        if let Some(values) = keys::required(sets, "values", &sat, "connectionParameterSets", sink)
        {
            let vat = child(&sat, "values");
            if keys::expect(values, &vat, Kind::Array, sink) {
                for (i, set) in values.items().iter().enumerate() {
                    let iat = index(&vat, i);
                    if !keys::expect(set, &iat, Kind::Object, sink) {
                        continue;
                    }
                    keys::required_string(set, "name", &iat, "a connection parameter set", sink);
                    if let Some(parameters) =
                        keys::required(set, "parameters", &iat, "a connection parameter set", sink)
                    {
                        let pat = child(&iat, "parameters");
                        if keys::expect(parameters, &pat, Kind::Object, sink) {
                            check_parameters(parameters, &pat, sink);
                        }
                    }
                }
            }
        }
    }
    if let Some(policies) =
        keys::typed(properties, "policyTemplateInstances", at, Kind::Array, sink)
    {
        let pat = child(at, "policyTemplateInstances");
        for (i, policy) in policies.items().iter().enumerate() {
            check_policy(policy, &index(&pat, i), sink);
        }
    }
}

fn unknown_key(key: &str, pos: crate::json::Pos, at: &str, sink: &mut Sink) {
    sink.emit(
        codes::PROPERTIES_UNKNOWN_KEY,
        pos,
        at,
        format!("'{key}' is not a property the platform knows; paconn drops it"),
        format!(
            "remove it, or check its spelling against {}",
            crate::text::list(PROPERTIES)
        ),
    );
}

/// `#RRGGBB`.
pub(crate) fn is_color(text: &str) -> bool {
    text.len() == 7 && text.starts_with('#') && text[1..].chars().all(|c| c.is_ascii_hexdigit())
}

fn check_parameters(parameters: &Node, at: &str, sink: &mut Sink) {
    for m in parameters.members() {
        check_parameter(&m.key, m.key_pos, &m.value, &child(at, &m.key), sink);
    }
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_parameter(key: &str, key_pos: crate::json::Pos, node: &Node, at: &str, sink: &mut Sink) {
    let claim = key.split_once(':');
    let key_ok = match claim {
        Some((name, claim)) => is_word(name) && is_word(claim),
        None => is_word(key),
    };
    if !key_ok {
        sink.emit(
            codes::CONNECTION_PARAMETER_KEY,
            key_pos,
            at,
            format!("the connection parameter name '{key}' may only use letters, digits and '_' (plus one ':claim')"),
            "rename it, e.g. \"api_key\", and update @connectionParameters references",
        );
    }
    if !keys::expect(node, at, Kind::Object, sink) {
        return;
    }
    let Some(kind) = keys::required_string(node, "type", at, "a connection parameter", sink) else {
        return;
    };
    let tat = child(at, "type");
    let type_pos = node.get("type").map_or(node.pos, |t| t.pos);
    let canonical = TYPES
        .iter()
        .chain(PLATFORM_TYPES)
        .find(|t| t.eq_ignore_ascii_case(kind))
        .copied();
    match canonical {
        Some(t) if t == kind => {}
        Some(t) => sink.emit(
            codes::CONNECTION_PARAMETER_TYPE_CASE,
            type_pos,
            &tat,
            format!("the connection parameter type '{kind}' should be written '{t}'"),
            format!("write \"{t}\""),
        ),
        None => sink.emit(
            codes::CONNECTION_PARAMETER_TYPE,
            type_pos,
            &tat,
            format!(
                "the connection parameter type '{kind}' is not one of {}",
                TYPES.join(", ")
            ),
            "use securestring for secrets, string for plain values, oauthSetting for OAuth",
        ),
    }
    let kind = canonical.unwrap_or(kind);
    if key == "token:TenantId" {
        let source = node
            .get("metadata")
            .and_then(|m| m.get("sourceType"))
            .and_then(Node::as_str);
        if kind != "string" || source != Some("AzureActiveDirectoryTenant") {
            sink.emit(
                codes::TENANT_ID_SHAPE,
                node.pos,
                at,
                "token:TenantId is not a string parameter with metadata.sourceType \"AzureActiveDirectoryTenant\"",
                "copy the token:TenantId shape fixed by the paconn schema (see certified-connectors/AzureAD)",
            );
        }
    } else if claim.is_some() && !PRIMITIVE_TYPES.contains(&kind) {
        sink.emit(
            codes::PRIMITIVE_KEY_TYPE,
            type_pos,
            &tat,
            format!("'{key}' names a claim, so its type must be string, securestring, int or bool, not '{kind}'"),
            "use a primitive type, or drop the ':claim' part of the name",
        );
    }
    match (kind, node.get("oAuthSettings")) {
        ("oauthSetting", None) => sink.emit(
            codes::OAUTH_SETTINGS_MISSING,
            node.pos,
            at,
            format!("the oauthSetting parameter '{key}' has no oAuthSettings"),
            "add oAuthSettings with identityProvider, clientId, scopes, redirectUrl and customParameters",
        ),
        ("oauthSetting", Some(settings)) => check_oauth(settings, &child(at, "oAuthSettings"), sink),
        (_, Some(settings)) => sink.emit(
            codes::OAUTH_SETTINGS_ON_NON_OAUTH,
            settings.pos,
            &child(at, "oAuthSettings"),
            format!("oAuthSettings on '{key}' are ignored because its type is '{kind}'"),
            "set \"type\": \"oauthSetting\", or remove oAuthSettings",
        ),
        _ => {}
    }
    if let Some(ui) = keys::typed(node, "uiDefinition", at, Kind::Object, sink) {
        check_ui(ui, &child(at, "uiDefinition"), sink);
    }
    if let Some(values) = keys::typed(node, "allowedValues", at, Kind::Array, sink) {
        let vat = child(at, "allowedValues");
        for (i, value) in values.items().iter().enumerate() {
            if keys::expect(value, &index(&vat, i), Kind::Object, sink) {
                keys::required(value, "value", &index(&vat, i), "an allowed value", sink);
            }
        }
    }
}

fn check_ui(ui: &Node, at: &str, sink: &mut Sink) {
    for key in ["displayName", "description", "tooltip"] {
        keys::typed(ui, key, at, Kind::String, sink);
    }
    let Some(constraints) = keys::typed(ui, "constraints", at, Kind::Object, sink) else {
        return;
    };
    let cat = child(at, "constraints");
    for key in ["required", "hidden"] {
        if let Some(value) = constraints.get(key) {
            let boolean_text = value
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case("true") || v.eq_ignore_ascii_case("false"));
            if !boolean_text {
                sink.emit(
                    codes::UI_CONSTRAINT_STRING_BOOL,
                    value.pos,
                    &child(&cat, key),
                    format!("the '{key}' constraint is {}, but it must be the string \"true\" or \"false\"", value.compact()),
                    format!("write \"{key}\": \"true\" (a string, not a boolean)"),
                );
            }
        }
    }
    if let Some(value) = constraints.get("clearText") {
        if value.as_bool().is_none() {
            sink.emit(
                codes::UI_CLEAR_TEXT_BOOL,
                value.pos,
                &child(&cat, "clearText"),
                format!(
                    "the 'clearText' constraint is {}, but it must be a boolean",
                    value.compact()
                ),
                "write \"clearText\": true or false (no quotes)",
            );
        }
    }
    if let Some(list) = keys::typed(constraints, "capability", &cat, Kind::Array, sink) {
        for (i, item) in list.items().iter().enumerate() {
            keys::expect(
                item,
                &index(&child(&cat, "capability"), i),
                Kind::String,
                sink,
            );
        }
    }
    if let Some(list) = keys::typed(constraints, "allowedValues", &cat, Kind::Array, sink) {
        let lat = child(&cat, "allowedValues");
        for (i, item) in list.items().iter().enumerate() {
            if keys::expect(item, &index(&lat, i), Kind::Object, sink) {
                keys::required(item, "value", &index(&lat, i), "an allowed value", sink);
            }
        }
    }
}

fn check_oauth(settings: &Node, at: &str, sink: &mut Sink) {
    if !keys::expect(settings, at, Kind::Object, sink) {
        return;
    }
    let provider = keys::required_string(settings, "identityProvider", at, "oAuthSettings", sink);
    let (required, known): (&[&str], Option<&[&str]>) = match provider {
        Some("oauth2") => (
            &["authorizationUrl", "tokenUrl"],
            Some(&["authorizationUrl", "tokenUrl", "refreshUrl"]),
        ),
        Some("aad") => (
            &["resourceUri"],
            Some(&["resourceUri", "loginUri", "tenantId"]),
        ),
        Some("aadcertificate") => (
            &["resourceUri"],
            Some(&["resourceUri", "loginUri", "loginUriAAD"]),
        ),
        Some("oauth2generic" | "facebook") | None => (&[], None),
        Some(other) => {
            sink.emit(
                codes::IDENTITY_PROVIDER_UNKNOWN,
                settings.get("identityProvider").map_or(settings.pos, |n| n.pos),
                &child(at, "identityProvider"),
                format!("the identityProvider '{other}' is not one of oauth2, oauth2generic, aad, aadcertificate, facebook"),
                "use \"oauth2\" for a generic authorization-code flow, or \"aad\" for Microsoft Entra ID",
            );
            (&[], None)
        }
    };
    let custom = settings.get("customParameters");
    let cat = child(at, "customParameters");
    if let Some(custom) = custom {
        if keys::expect(custom, &cat, Kind::Object, sink) {
            for m in custom.members() {
                let mat = child(&cat, &m.key);
                if m.value.get("value").and_then(Node::as_str).is_none() {
                    sink.emit(
                        codes::OAUTH_CUSTOM_PARAMETER_SHAPE,
                        m.value.pos,
                        &mat,
                        format!(
                            "the custom parameter '{}' is not of the form {{\"value\": \"...\"}}",
                            m.key
                        ),
                        format!("write \"{}\": {{\"value\": \"...\"}}", m.key),
                    );
                }
                if known.is_some_and(|k| !k.contains(&&*m.key)) {
                    sink.emit(
                        codes::OAUTH_CUSTOM_PARAMETER_UNKNOWN,
                        m.key_pos,
                        &mat,
                        format!(
                            "the identity provider '{}' does not use the custom parameter '{}'",
                            provider.unwrap_or_default(),
                            m.key
                        ),
                        format!("use only {}", crate::text::list(known.unwrap_or_default())),
                    );
                }
            }
        }
    }
    for key in required {
        if custom.and_then(|c| c.get(key)).is_none() {
            sink.emit(
                codes::OAUTH_CUSTOM_PARAMETER_MISSING,
                custom.map_or(settings.pos, |c| c.pos),
                if custom.is_some() { &cat } else { at },
                format!(
                    "the identity provider '{}' needs the custom parameter '{key}'",
                    provider.unwrap_or_default()
                ),
                format!("add \"customParameters\": {{\"{key}\": {{\"value\": \"...\"}}}}"),
            );
        }
    }
    if let Some(url) = keys::typed(settings, "redirectUrl", at, Kind::String, sink) {
        if url.as_str() != Some(REDIRECT) {
            sink.emit(
                codes::REDIRECT_URL,
                url.pos,
                &child(at, "redirectUrl"),
                format!(
                    "the redirectUrl {} is not the global consent redirect",
                    url.compact()
                ),
                format!("use \"{REDIRECT}\" and register it with the OAuth app"),
            );
        }
    }
    if let Some(mode) = keys::typed(settings, "redirectMode", at, Kind::String, sink) {
        let text = mode.as_str().unwrap_or_default();
        if !["Global", "GlobalPerConnector", "Direct"]
            .iter()
            .any(|m| m.eq_ignore_ascii_case(text))
        {
            sink.emit(
                codes::REDIRECT_MODE,
                mode.pos,
                &child(at, "redirectMode"),
                format!("the redirectMode '{text}' is not Global, GlobalPerConnector or Direct"),
                "use \"Global\" (or \"GlobalPerConnector\" for a per-connector redirect URL)",
            );
        }
    }
    if let Some(secret) = settings.get("clientSecret").and_then(Node::as_str) {
        if looks_real(secret) {
            sink.emit(
                codes::CLIENT_SECRET_REAL,
                settings.get("clientSecret").map_or(settings.pos, |n| n.pos),
                &child(at, "clientSecret"),
                "the clientSecret looks like a real secret (the value is not shown)",
                "remove it or use a placeholder; give the secret at upload time (paconn --secret)",
            );
        }
    }
    if let Some(list) = keys::typed(settings, "scopes", at, Kind::Array, sink) {
        for (i, item) in list.items().iter().enumerate() {
            keys::expect(item, &index(&child(at, "scopes"), i), Kind::String, sink);
        }
    }
    if let Some(first) = settings
        .get("properties")
        .and_then(|p| p.get("IsFirstParty"))
    {
        let fat = child(&child(at, "properties"), "IsFirstParty");
        let ok = match provider {
            Some("aadcertificate") => first
                .as_str()
                .is_some_and(|f| f.eq_ignore_ascii_case("True")),
            _ => first
                .as_str()
                .is_some_and(|f| f.eq_ignore_ascii_case("True") || f.eq_ignore_ascii_case("False")),
        };
        if !ok {
            sink.emit(
                codes::FIRST_PARTY,
                first.pos,
                &fat,
                format!(
                    "IsFirstParty is {}, not the string \"True\" or \"False\"{}",
                    first.compact(),
                    if provider == Some("aadcertificate") {
                        " (aadcertificate needs \"True\")"
                    } else {
                        ""
                    }
                ),
                "write \"IsFirstParty\": \"False\" for your own app registration",
            );
        }
    }
}

/// Whether a secret value looks real rather than a placeholder: long, without spaces or
/// placeholder markers, mixing letters and digits.
fn looks_real(secret: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    let placeholder = [
        "[[",
        "<<",
        "{{",
        "<",
        "dummy",
        "your",
        "secret",
        "placeholder",
        "xxx",
        "todo",
        "replace",
        "client",
        "enter",
        "here",
    ]
    .iter()
    .any(|p| lower.contains(p));
    let letters = secret.chars().any(|c| c.is_ascii_alphabetic());
    let digits = secret.chars().any(|c| c.is_ascii_digit());
    secret.len() >= 16 && !placeholder && !secret.contains(' ') && letters && digits
}

/// The template for an id (case-insensitive: the platform accepts setheader and SetHeader).
pub(crate) fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id.eq_ignore_ascii_case(id))
}

fn check_policy(policy: &Node, at: &str, sink: &mut Sink) {
    if !keys::expect(policy, at, Kind::Object, sink) {
        return;
    }
    let Some(id) =
        keys::required_string(policy, "templateId", at, "a policy template instance", sink)
    else {
        return;
    };
    keys::typed(policy, "title", at, Kind::String, sink);
    let parameters = policy.get("parameters");
    let pat = child(at, "parameters");
    if let Some(p) = parameters {
        if !keys::expect(p, &pat, Kind::Object, sink) {
            return;
        }
        if let Some(names) = keys::typed(
            p,
            "x-ms-apimTemplate-operationName",
            &pat,
            Kind::Array,
            sink,
        ) {
            for (i, name) in names.items().iter().enumerate() {
                keys::expect(
                    name,
                    &index(&child(&pat, "x-ms-apimTemplate-operationName"), i),
                    Kind::String,
                    sink,
                );
            }
        }
    }
    let Some(template) = template(id) else {
        sink.emit(
            codes::POLICY_TEMPLATE_UNKNOWN,
            policy.get("templateId").map_or(policy.pos, |n| n.pos),
            &child(at, "templateId"),
            format!("the policy template '{id}' is not a known template"),
            "check the id against the portal's policy templates (e.g. setheader, dynamichosturl)",
        );
        return;
    };
    for key in template.required {
        if parameters.and_then(|p| p.get(key)).is_none() {
            sink.emit(
                codes::POLICY_PARAMETER_MISSING,
                parameters.map_or(policy.pos, |p| p.pos),
                if parameters.is_some() { &pat } else { at },
                format!("the {} policy needs the parameter '{key}'", template.id),
                format!("add \"{key}\" to the policy's parameters"),
            );
        }
    }
    for (key, allowed) in template.enums {
        let Some(value) = parameters.and_then(|p| p.get(key)) else {
            continue;
        };
        if !value
            .as_str()
            .is_some_and(|v| allowed.iter().any(|a| a.eq_ignore_ascii_case(v)))
        {
            sink.emit(
                codes::POLICY_PARAMETER_VALUE,
                value.pos,
                &child(&pat, key),
                format!(
                    "the value {} of '{key}' is not one of {}",
                    value.compact(),
                    crate::text::list(allowed)
                ),
                "use one of the listed values",
            );
        }
    }
}

/// Every `@connectionParameters('name')` reference in a string, with the name.
pub(crate) fn connection_references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("connectionParameters(") {
        rest = &rest[start + "connectionParameters(".len()..];
        let trimmed = rest.trim_start();
        let Some(quote) = trimmed.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let body = &trimmed[1..];
        if let Some(end) = body.find(quote) {
            out.push(&body[..end]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_connection_parameter_references() {
        assert_eq!(
            connection_references(
                "https://@connectionParameters('host').x/@{connectionParameters(\"b\", 'd')}"
            ),
            vec!["host", "b"]
        );
    }

    #[test]
    fn placeholders_do_not_look_real() {
        assert!(!looks_real("[[Please add the clientSecret here]]"));
        assert!(!looks_real("dummy"));
        assert!(looks_real("Xy7~kq2Lm9PzR4tWv8Bn"));
    }
}
