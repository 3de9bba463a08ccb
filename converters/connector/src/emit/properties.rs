//! The IR as `apiProperties.json`: connection parameters implied by the authentication scheme
//! and declared by the API, policy template instances, and publishing metadata.

use connectorize_ir::{
    template, Api, ConnectionParameterKind, ExistsAction, IdentityProvider, OAuth2, Policy,
    Section, SecurityKind,
};
use serde_json::{json, Map, Value};

/// Where connectors send users back after consent.
pub const REDIRECT_URL: &str = "https://global.consent.azure-apim.net/redirect";
/// The placeholder written where a client id belongs; the user edits it.
pub const CLIENT_ID_PLACEHOLDER: &str = "[[Please add the client ID here]]";
/// The brand colour used when the API names none (the portal's default).
pub const DEFAULT_BRAND_COLOR: &str = "#007ee5";
/// The Microsoft Entra ID sign-in endpoint.
pub const AAD_LOGIN_URI: &str = "https://login.microsoftonline.com";

/// Emits the properties document. Settings read verbatim from an existing connector come first
/// and win; generated settings fill the keys they lack. In `faithful` mode nothing is added to
/// settings read verbatim (a connector read back renders unchanged), and a generated key is
/// only added when it has content.
pub fn properties(api: &Api, faithful: bool) -> Value {
    let mut out: Map<String, Value> = api
        .verbatim_properties
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let generated = [
        (
            "connectionParameters",
            Value::Object(connection_parameters(api)),
        ),
        (
            "iconBrandColor",
            Value::from(
                api.info
                    .brand_color
                    .clone()
                    .unwrap_or_else(|| DEFAULT_BRAND_COLOR.into()),
            ),
        ),
        ("capabilities", json!([])),
        (
            "policyTemplateInstances",
            Value::Array(api.policies.iter().map(policy).collect()),
        ),
        (
            "publisher",
            api.info
                .publisher
                .clone()
                .map(Value::from)
                .unwrap_or(Value::Null),
        ),
        (
            "stackOwner",
            api.info
                .stack_owner
                .clone()
                .map(Value::from)
                .unwrap_or(Value::Null),
        ),
    ];
    let optional = ["policyTemplateInstances", "publisher", "stackOwner"];
    let starts_verbatim = !out.is_empty();
    // A connector read back writes exactly the settings its file had.
    if faithful && starts_verbatim {
        return json!({ "properties": out });
    }
    for (key, value) in generated {
        if out.contains_key(key) || value.is_null() {
            continue;
        }
        let empty = matches!(&value, Value::Array(a) if a.is_empty())
            || matches!(&value, Value::Object(o) if o.is_empty());
        if empty && (optional.contains(&key) || (faithful && starts_verbatim)) {
            continue;
        }
        out.insert(key.into(), value);
    }
    json!({ "properties": out })
}

/// The connection parameters: those the first security scheme implies, by the platform's
/// naming conventions, then those the API declares.
fn connection_parameters(api: &Api) -> Map<String, Value> {
    let mut out = Map::new();
    match api.security.first().map(|s| &s.kind) {
        Some(SecurityKind::ApiKey { .. }) => {
            out.insert(
                "api_key".into(),
                json!({
                    "type": "securestring",
                    "uiDefinition": {
                        "displayName": "API Key",
                        "description": "The API key for this API",
                        "tooltip": "Provide your API key",
                        "constraints": { "tabIndex": 2, "clearText": false, "required": "true" }
                    }
                }),
            );
        }
        Some(SecurityKind::Basic) => {
            out.insert(
                "username".into(),
                json!({
                    "type": "securestring",
                    "uiDefinition": {
                        "displayName": "Username",
                        "description": "The user name for this API",
                        "tooltip": "Provide your user name",
                        "constraints": { "tabIndex": 2, "clearText": true, "required": "true" }
                    }
                }),
            );
            out.insert(
                "password".into(),
                json!({
                    "type": "securestring",
                    "uiDefinition": {
                        "displayName": "Password",
                        "description": "The password for this API",
                        "tooltip": "Provide your password",
                        "constraints": { "tabIndex": 3, "clearText": false, "required": "true" }
                    }
                }),
            );
        }
        Some(SecurityKind::OAuth2(oauth)) => {
            out.insert("token".into(), oauth_parameter(oauth));
        }
        None => {}
    }
    for (index, parameter) in api.connection_parameters.iter().enumerate() {
        let kind = match parameter.kind {
            ConnectionParameterKind::String => "string",
            ConnectionParameterKind::Secret => "securestring",
            ConnectionParameterKind::Integer => "int",
            ConnectionParameterKind::Boolean => "bool",
        };
        let mut constraints = Map::new();
        constraints.insert("tabIndex".into(), Value::from(index + 4));
        constraints.insert(
            "required".into(),
            Value::from(if parameter.required { "true" } else { "false" }),
        );
        if parameter.kind == ConnectionParameterKind::Secret {
            constraints.insert("clearText".into(), Value::Bool(false));
        }
        let mut ui = Map::new();
        ui.insert(
            "displayName".into(),
            Value::from(
                parameter
                    .display_name
                    .clone()
                    .unwrap_or_else(|| parameter.name.clone()),
            ),
        );
        ui.insert(
            "description".into(),
            Value::from(
                parameter
                    .description
                    .clone()
                    .unwrap_or_else(|| format!("The value of {}", parameter.name)),
            ),
        );
        ui.insert("constraints".into(), Value::Object(constraints));
        let mut entry = Map::new();
        entry.insert("type".into(), Value::from(kind));
        if let Some(default) = &parameter.default {
            entry.insert("defaultValue".into(), Value::from(default.clone()));
        }
        if !parameter.allowed_values.is_empty() {
            let values: Vec<Value> = parameter
                .allowed_values
                .iter()
                .map(|v| json!({ "value": v }))
                .collect();
            entry.insert("allowedValues".into(), Value::Array(values));
        }
        entry.insert("uiDefinition".into(), Value::Object(ui));
        out.insert(parameter.name.clone(), Value::Object(entry));
    }
    out
}

fn oauth_parameter(oauth: &OAuth2) -> Value {
    let scopes: Vec<Value> = oauth.scopes.keys().cloned().map(Value::from).collect();
    let client_id = oauth
        .client_id
        .clone()
        .unwrap_or_else(|| CLIENT_ID_PLACEHOLDER.into());
    let (provider, custom) = match &oauth.identity_provider {
        IdentityProvider::AzureActiveDirectory => (
            "aad".to_string(),
            json!({
                "loginUri": { "value": AAD_LOGIN_URI },
                "tenantId": { "value": oauth.tenant.clone().unwrap_or_else(|| "common".into()) },
                "resourceUri": { "value": oauth.resource.clone().unwrap_or_else(|| "[[Please add the resource URI here]]".into()) }
            }),
        ),
        IdentityProvider::Generic => {
            let mut custom = Map::new();
            for (key, url) in [
                ("authorizationUrl", &oauth.authorization_url),
                ("tokenUrl", &oauth.token_url),
                ("refreshUrl", &oauth.refresh_url),
            ] {
                if let Some(url) = url.as_ref().or(if key == "refreshUrl" {
                    oauth.token_url.as_ref()
                } else {
                    None
                }) {
                    custom.insert(key.into(), json!({ "value": url }));
                }
            }
            ("oauth2".to_string(), Value::Object(custom))
        }
        IdentityProvider::Named(name) => (name.clone(), json!({})),
    };
    json!({
        "type": "oauthSetting",
        "oAuthSettings": {
            "identityProvider": provider,
            "clientId": client_id,
            "scopes": scopes,
            "redirectMode": "Global",
            "redirectUrl": REDIRECT_URL,
            "properties": { "IsFirstParty": "False" },
            "customParameters": custom
        },
        "uiDefinition": {
            "displayName": "Sign in",
            "description": "Sign in with your account",
            "tooltip": "Sign in with your account",
            "constraints": { "required": "true" }
        }
    })
}

/// A value template in the connector's expression syntax: `{connection.x}` becomes
/// `@connectionParameters('x')`.
pub fn expression(value: &str) -> String {
    template::parse(value)
        .into_iter()
        .map(|part| match part {
            template::Part::Text(text) => text,
            template::Part::Connection(name) => format!("@connectionParameters('{name}')"),
        })
        .collect()
}

fn policy(policy: &Policy) -> Value {
    let mut parameters = Map::new();
    let (template_id, title, operations) = match policy {
        Policy::SetHeader {
            name,
            value,
            exists,
            section,
            operations,
            ..
        } => {
            name_value(&mut parameters, name, value, *exists);
            parameters.insert(
                "x-ms-apimTemplate-policySection".into(),
                Value::from(section_name(*section)),
            );
            ("setheader", format!("Set header {name}"), operations)
        }
        Policy::SetQueryParameter {
            name,
            value,
            exists,
            operations,
            ..
        } => {
            name_value(&mut parameters, name, value, *exists);
            (
                "setqueryparameter",
                format!("Set query parameter {name}"),
                operations,
            )
        }
        Policy::RouteToEndpoint {
            path,
            method,
            operations,
            ..
        } => {
            parameters.insert(
                "x-ms-apimTemplateParameter.newPath".into(),
                Value::from(path.clone()),
            );
            let method = method.map_or("@Request.OriginalHTTPMethod", |m| m.as_upper());
            parameters.insert(
                "x-ms-apimTemplateParameter.httpMethod".into(),
                Value::from(method),
            );
            (
                "routerequesttoendpoint",
                format!("Route to {path}"),
                operations,
            )
        }
        Policy::DynamicHost {
            url, operations, ..
        } => {
            parameters.insert(
                "x-ms-apimTemplateParameter.urlTemplate".into(),
                Value::from(expression(url)),
            );
            ("dynamichosturl", "Set host URL".to_string(), operations)
        }
    };
    if !operations.is_empty() {
        parameters.insert(
            "x-ms-apimTemplate-operationName".into(),
            operations.iter().cloned().map(Value::from).collect(),
        );
    }
    json!({ "templateId": template_id, "title": title, "parameters": parameters })
}

/// The parameters `setheader` and `setqueryparameter` share.
fn name_value(parameters: &mut Map<String, Value>, name: &str, value: &str, exists: ExistsAction) {
    parameters.insert("x-ms-apimTemplateParameter.name".into(), Value::from(name));
    parameters.insert(
        "x-ms-apimTemplateParameter.value".into(),
        Value::from(expression(value)),
    );
    parameters.insert(
        "x-ms-apimTemplateParameter.existsAction".into(),
        Value::from(exists_action(exists)),
    );
}

fn exists_action(action: ExistsAction) -> &'static str {
    match action {
        ExistsAction::Override => "override",
        ExistsAction::Skip => "skip",
        ExistsAction::Append => "append",
        ExistsAction::Delete => "delete",
    }
}

fn section_name(section: Section) -> &'static str {
    match section {
        Section::Request => "Request",
        Section::Response => "Response",
        Section::Failure => "Failure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_use_connection_parameter_calls() {
        assert_eq!(
            expression("https://{connection.region}.example.com"),
            "https://@connectionParameters('region').example.com"
        );
        assert_eq!(expression("{{literal}}"), "{literal}");
    }

    #[test]
    fn verbatim_properties_win_and_faithful_mode_adds_nothing_empty() {
        let mut api = Api::new("A");
        api.verbatim_properties
            .insert("iconBrandColor".into(), json!("#123456"));
        api.verbatim_properties
            .insert("connectionParameters".into(), json!({}));
        let value = properties(&api, true);
        assert_eq!(
            value,
            json!({"properties": {"iconBrandColor": "#123456", "connectionParameters": {}}})
        );
        // Nothing is generated beside what was read: no brand colour, no implied api_key.
        let mut read_back = Api::new("C");
        read_back
            .verbatim_properties
            .insert("publisher".into(), json!("Someone"));
        read_back.security.push(connectorize_ir::SecurityScheme {
            name: "key".into(),
            kind: SecurityKind::ApiKey {
                name: "X-Key".into(),
                location: connectorize_ir::ApiKeyLocation::Header,
            },
            description: None,
            extensions: Default::default(),
            origin: None,
        });
        assert_eq!(
            properties(&read_back, true),
            json!({"properties": {"publisher": "Someone"}})
        );
        let generated = properties(&Api::new("B"), false);
        assert_eq!(
            generated,
            json!({"properties": {"connectionParameters": {}, "iconBrandColor": "#007ee5", "capabilities": []}})
        );
    }
}
