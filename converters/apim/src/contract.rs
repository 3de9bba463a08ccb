//! The client-visible contract of an API Management API, laid over an IR [`Api`].
//!
//! Whatever produced the operations (a specification through the OpenAPI frontend, or ARM
//! operation resources), API Management decides how a client reaches them: the gateway host,
//! the API path plus the version segment, the subscription key, the token that validate-jwt
//! demands, a version header or query parameter. This module applies those facts, and, when the
//! connector is to bypass the gateway ([`Target::Backend`]), translates the few policies that
//! have connector equivalents. Every choice that loses something is a diagnostic.

use std::collections::{BTreeMap, BTreeSet};

use connectorize_ir::{
    template, ApiKeyLocation, ConnectionParameter, ConnectionParameterKind, Diagnostic,
    Diagnostics, Error, ExistsAction, IdentityProvider, Location, Method, OAuth2, OAuthFlow,
    Origin, Policy, Scheme as UrlScheme, Section, SecurityKind, SecurityScheme, Server,
};
use indexmap::IndexMap;

use crate::codes;
use crate::model::{ApiProperties, AuthServer, NamedValues, Scheme, VersionSet};
use crate::policy_xml::Element;
use crate::scopes::{flatten, Fragments, Placed, PlacementKey, PolicyDoc};
use crate::{Options, Target};

/// The policy documents that apply to one API.
#[derive(Debug, Default)]
pub struct Scopes<'a> {
    /// The global (service) policy.
    pub global: Option<&'a PolicyDoc>,
    /// The product policy (of the first product the API is in).
    pub product: Option<&'a PolicyDoc>,
    /// The API policy.
    pub api: Option<&'a PolicyDoc>,
    /// Operation policies by APIM operation name.
    pub operations: Vec<(String, PolicyDoc)>,
    /// Fragments by lower-case id.
    pub fragments: Option<&'a Fragments>,
}

/// Everything the bundle knows about one API besides its operations.
#[derive(Debug)]
pub struct Facts<'a> {
    /// The API's properties.
    pub props: &'a ApiProperties,
    /// Where the properties were read (file and pointer).
    pub origin: Origin,
    /// The resolved version set, when the API is versioned.
    pub version_set: Option<VersionSet>,
    /// The revision to address explicitly (`;rev=N`), for a non-current revision.
    pub explicit_revision: Option<String>,
    /// Policy documents.
    pub scopes: Scopes<'a>,
    /// Named values.
    pub named_values: &'a NamedValues,
    /// Backend URLs by lower-case backend id.
    pub backends: &'a BTreeMap<String, String>,
    /// OAuth authorization servers by lower-case id.
    pub auth_servers: &'a BTreeMap<String, AuthServer>,
    /// OpenID providers by lower-case id.
    pub openid_providers: &'a BTreeMap<String, AuthServer>,
    /// A gateway host derived from the service name, when nothing better is known.
    pub default_host: Option<String>,
    /// Whether the specification was exported by the gateway (APIOps, raw exports), so that
    /// its host is the gateway's; an ARM import document names the backend instead.
    pub spec_from_gateway: bool,
}

/// Applies the contract to `api`, pushing what was lossy into `out`. Fails when the connector
/// would have no address (no gateway host, or no backend URL for the backend target).
pub fn apply(
    api: &mut connectorize_ir::Api,
    facts: &Facts<'_>,
    options: &Options,
    out: &mut Diagnostics,
) -> Result<(), Error> {
    let props = facts.props;
    if let Some(title) = &props.display_name {
        api.info.title = title.clone();
    }
    // Versions and revisions of one API share a display name but become separate connectors.
    if let Some(version) = props
        .version
        .as_ref()
        .filter(|v| !api.info.title.contains(v.as_str()))
    {
        api.info.title = format!("{} ({version})", api.info.title);
    }
    if let Some(revision) = &facts.explicit_revision {
        api.info.title = format!("{} (revision {revision})", api.info.title);
    }
    if let Some(version) = &props.version {
        api.info.version = Some(version.clone());
    }
    if api
        .info
        .description
        .as_deref()
        .is_none_or(|d| d.trim().is_empty())
    {
        api.info.description = props.description.clone();
    }
    if api.info.terms_of_service.is_none() {
        api.info.terms_of_service = props.terms.clone();
    }
    if api.info.contact.is_none() {
        if let Some(contact) = &props.contact {
            let c = connectorize_ir::Contact {
                name: crate::model::text(contact, "name"),
                url: crate::model::text(contact, "url"),
                email: crate::model::text(contact, "email"),
            };
            if c != connectorize_ir::Contact::default() {
                api.info.contact = Some(c);
            }
        }
    }
    if api.info.license.is_none() {
        if let Some(name) = props
            .license
            .as_ref()
            .and_then(|l| crate::model::text(l, "name"))
        {
            api.info.license = Some(connectorize_ir::License {
                name,
                url: props
                    .license
                    .as_ref()
                    .and_then(|l| crate::model::text(l, "url")),
            });
        }
    }

    let mut state = State {
        facts,
        options,
        out,
        parameters: Vec::new(),
        policies: Vec::new(),
    };
    let placements = state.placements(api);
    let effects = state.read_policies(api, &placements);
    state.server(api, &effects)?;
    state.security(api, &effects);
    state.versioning();
    let State {
        parameters,
        policies,
        ..
    } = state;
    for parameter in parameters {
        if !api
            .connection_parameters
            .iter()
            .any(|p| p.name == parameter.name)
        {
            api.connection_parameters.push(parameter);
        }
    }
    api.policies.extend(policies);
    Ok(())
}

/// What the policies asked for.
#[derive(Default)]
struct Effects {
    oauth: Option<(OAuth2, Location)>,
    basic: Option<Location>,
    /// Backend URL from set-backend-service applying to every operation.
    backend_url: Option<(String, Location)>,
}

struct State<'a, 'o> {
    facts: &'a Facts<'a>,
    options: &'a Options,
    out: &'o mut Diagnostics,
    parameters: Vec<ConnectionParameter>,
    policies: Vec<Policy>,
}

impl State<'_, '_> {
    /// Each distinct policy element with the indexes of the operations it runs for (empty =
    /// all of them), in first-seen order.
    fn placements(&mut self, api: &connectorize_ir::Api) -> Vec<(Placed, Vec<usize>)> {
        let scopes = &self.facts.scopes;
        let empty = Fragments::new();
        let fragments = scopes.fragments.unwrap_or(&empty);
        let mut problems = Vec::new();
        let base = [scopes.global, scopes.product, scopes.api];
        let api_level = flatten(&base, fragments, &mut problems);

        let mut per_op: Vec<Option<&PolicyDoc>> = vec![None; api.operations.len()];
        for (name, doc) in &scopes.operations {
            let wanted = squash(name);
            let found = api
                .operations
                .iter()
                .position(|op| squash(&op.id) == wanted)
                .or_else(|| {
                    api.operations
                        .iter()
                        .position(|op| op.summary.as_deref().is_some_and(|s| squash(s) == wanted))
                });
            match found {
                Some(index) => per_op[index] = Some(doc),
                None => self.out.push(
                    Diagnostic::new(
                        codes::UNMATCHED_OPERATION_POLICY,
                        format!("the policy of operation `{name}` matches no operation of the API; it was ignored"),
                    )
                    .at(Location::file(doc.file.clone())),
                ),
            }
        }

        let mut table: IndexMap<PlacementKey, (Placed, Vec<usize>)> = IndexMap::new();
        if api.operations.is_empty() {
            for placed in api_level.iter().cloned() {
                table.insert(placed.key(), (placed, Vec::new()));
            }
        }
        for (index, doc) in per_op.iter().enumerate() {
            let list = match doc {
                Some(doc) => {
                    let chain = [scopes.global, scopes.product, scopes.api, Some(*doc)];
                    flatten(&chain, fragments, &mut problems)
                }
                None => api_level.clone(),
            };
            for placed in list {
                table
                    .entry(placed.key())
                    .or_insert_with(|| (placed, Vec::new()))
                    .1
                    .push(index);
            }
        }
        let mut seen = BTreeSet::new();
        for problem in problems {
            if seen.insert(problem.to_string()) {
                self.out.push(problem);
            }
        }
        let all = api.operations.len();
        table
            .into_values()
            .map(|(placed, ops)| {
                let ops = if ops.len() == all { Vec::new() } else { ops };
                (placed, ops)
            })
            .collect()
    }

    fn read_policies(
        &mut self,
        api: &connectorize_ir::Api,
        placements: &[(Placed, Vec<usize>)],
    ) -> Effects {
        let backend = self.options.target == Target::Backend;
        let mut effects = Effects::default();
        let mut gateway_only: BTreeSet<String> = BTreeSet::new();
        let mut dropped: BTreeSet<String> = BTreeSet::new();
        let ids = |ops: &[usize]| -> Vec<String> {
            ops.iter()
                .filter_map(|i| api.operations.get(*i))
                .map(|o| o.id.clone())
                .collect()
        };
        for (placed, ops) in placements {
            let element = &placed.element;
            let name = element.name.to_ascii_lowercase();
            match name.as_str() {
                "base" | "forward-request" => {}
                "cors" if !backend => {
                    gateway_only.insert(element.name.clone());
                    let origins: Vec<String> = element
                        .child("allowed-origins")
                        .map(|o| o.children_named("origin").map(|e| e.text()).collect())
                        .unwrap_or_default();
                    let console = origins.iter().any(|o| o == "*" || o.eq_ignore_ascii_case("https://make.powerapps.com"));
                    if !console {
                        self.out.push(
                            Diagnostic::new(codes::CORS_TEST_CONSOLE, "the cors policy does not allow https://make.powerapps.com; the connector works, but its test console will be refused")
                                .at(placed.location())
                                .help("add https://make.powerapps.com (and https://flow.microsoft.com) to allowed-origins"),
                        );
                    }
                }
                "validate-jwt" | "validate-azure-ad-token" => {
                    if effects.oauth.is_none() {
                        let oauth = self.oauth_from_policy(element, &placed.location());
                        effects.oauth = Some((oauth, placed.location()));
                    }
                }
                "check-header" => self.check_header(placed, &ids(ops)),
                "set-header" | "set-query-parameter" if backend => self.set_value(placed, &ids(ops)),
                "rewrite-uri" if backend => self.rewrite(placed, &ids(ops), placements),
                "set-method" if backend => {}
                "set-backend-service" if backend => {
                    let url = self.backend_url(element, placed);
                    if let Some(url) = url {
                        if ops.is_empty() {
                            effects.backend_url = Some((url, placed.location()));
                        } else {
                            self.out.push(
                                Diagnostic::new(codes::OPERATION_HOST, "set-backend-service applies to some operations only; it became a dynamic host policy for them")
                                    .at(placed.location()),
                            );
                            self.policies.push(Policy::DynamicHost {
                                url: template::escape(&without_query(&url)),
                                operations: ids(ops),
                                origin: Some(origin_of(placed)),
                            });
                        }
                    }
                }
                "authentication-basic" if backend => {
                    effects.basic.get_or_insert(placed.location());
                }
                "authentication-managed-identity" | "authentication-certificate" if backend => self.out.push(
                    Diagnostic::new(
                        codes::IMPOSSIBLE_AUTH,
                        format!("`{}` authenticates API Management to the backend; a connector cannot do that", element.name),
                    )
                    .at(placed.location())
                    .help("keep the gateway target, or give the backend another way to authenticate callers"),
                ),
                _ if backend => {
                    if dropped.insert(name.clone()) {
                        self.out.push(
                            Diagnostic::new(codes::POLICY_NOT_TRANSLATED, format!("policy `{}` has no connector equivalent and was dropped", element.name))
                                .at(placed.location()),
                        );
                    }
                }
                _ => {
                    gateway_only.insert(element.name.clone());
                }
            }
        }
        if !gateway_only.is_empty() {
            let list: Vec<_> = gateway_only.into_iter().collect();
            self.out.push(
                Diagnostic::new(
                    codes::GATEWAY_POLICIES,
                    format!("these policies keep running in API Management and are not part of the connector: {}", list.join(", ")),
                )
                .at(locate(&self.facts.origin)),
            );
        }
        effects
    }

    /// OAuth settings from validate-jwt or validate-azure-ad-token.
    fn oauth_from_policy(&mut self, element: &Element, at: &Location) -> OAuth2 {
        let mut urls = Vec::new();
        if let Some(url) = element.child("openid-config").and_then(|e| e.attr("url")) {
            urls.push(self.literal(url));
        }
        let issuers: Vec<String> = element
            .child("issuers")
            .map(|i| {
                i.children_named("issuer")
                    .map(|e| self.literal(&e.text()))
                    .collect()
            })
            .unwrap_or_default();
        urls.extend(issuers.iter().cloned());
        let mut audiences: Vec<String> = element
            .child("audiences")
            .map(|a| {
                a.children_named("audience")
                    .map(|e| self.literal(&e.text()))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(ids) = element.child("backend-application-ids") {
            audiences.extend(
                ids.children_named("application-id")
                    .map(|e| self.literal(&e.text())),
            );
        }
        audiences.retain(|a| !a.is_empty());
        let azure = element.name.eq_ignore_ascii_case("validate-azure-ad-token");
        let header = element
            .attr("header-name")
            .filter(|h| !h.eq_ignore_ascii_case("Authorization"));
        let carrier = match (header, element.attr("query-parameter-name")) {
            (Some(header), _) => Some(format!("header `{header}`")),
            (None, Some(query)) => Some(format!("query parameter `{query}`")),
            (None, None) => None,
        };
        if let Some(carrier) = carrier {
            self.out.push(
                Diagnostic::new(
                    codes::OAUTH_INCOMPLETE,
                    format!("`{}` reads the token from {carrier}, but a connector sends it as `Authorization: Bearer`", element.name),
                )
                .at(at.clone())
                .help("accept the token in the Authorization header in API Management"),
            );
        }
        let tenant = element
            .attr("tenant-id")
            .map(|t| self.literal(t))
            .filter(|t| !t.is_empty())
            .or_else(|| urls.iter().find_map(|u| microsoft_tenant(u)));
        let mut oauth = OAuth2 {
            flow: OAuthFlow::AuthorizationCode,
            resource: audiences.first().cloned(),
            ..OAuth2::default()
        };
        if let Some(scope) = &self.facts.props.oauth_scope {
            oauth.scopes.insert(scope.clone(), String::new());
        }
        if azure || urls.iter().any(|u| is_microsoft(u)) {
            let tenant = tenant.unwrap_or_else(|| "common".to_string());
            oauth.identity_provider = IdentityProvider::AzureActiveDirectory;
            oauth.authorization_url = Some(format!(
                "https://login.microsoftonline.com/{tenant}/oauth2/authorize"
            ));
            oauth.token_url = Some(format!(
                "https://login.microsoftonline.com/{tenant}/oauth2/token"
            ));
            oauth.tenant = Some(tenant);
        } else {
            self.out.push(
                Diagnostic::new(
                    codes::OAUTH_INCOMPLETE,
                    format!("`{}` accepts tokens from an issuer that is not Microsoft Entra ID; its authorization and token URLs are not in the bundle", element.name),
                )
                .at(at.clone())
                .help(match urls.first() {
                    Some(url) => format!("fill in the authorization and token URLs from the issuer's metadata ({url})"),
                    None => "fill in the authorization and token URLs of the token issuer".to_string(),
                }),
            );
        }
        oauth
    }

    /// Resolves `{{named values}}` to literal text where that is allowed; secrets and
    /// expressions become empty.
    fn literal(&self, raw: &str) -> String {
        let mut out = String::new();
        for part in split_named_values(raw) {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Named(name) => match self
                    .facts
                    .named_values
                    .get(name)
                    .and_then(|v| v.value.clone())
                {
                    Some(value) => out.push_str(&value),
                    None => return String::new(),
                },
            }
        }
        if out.contains("@(") || out.contains("@{") {
            return String::new();
        }
        out.trim().to_string()
    }

    fn check_header(&mut self, placed: &Placed, operations: &[String]) {
        let Some(name) = placed.element.attr("name").filter(|n| !n.is_empty()) else {
            return;
        };
        let parameter = parameter_name(name);
        self.add_parameter(ConnectionParameter {
            name: parameter.clone(),
            kind: ConnectionParameterKind::Secret,
            display_name: Some(name.to_string()),
            description: Some(format!(
                "The `{name}` header API Management checks on every call."
            )),
            required: true,
            default: None,
            allowed_values: Vec::new(),
            origin: Some(origin_of(placed)),
        });
        self.policies.push(Policy::SetHeader {
            name: name.to_string(),
            value: format!("{{connection.{parameter}}}"),
            exists: ExistsAction::Override,
            section: Section::Request,
            operations: operations.to_vec(),
            origin: Some(origin_of(placed)),
        });
        self.out.push(
            Diagnostic::new(codes::CHECK_HEADER, format!("API Management requires header `{name}`; it became connection parameter `{parameter}`"))
                .at(placed.location()),
        );
    }

    fn set_value(&mut self, placed: &Placed, operations: &[String]) {
        let element = &placed.element;
        let Some(name) = element
            .attr("name")
            .filter(|n| !n.is_empty())
            .map(str::to_string)
        else {
            return;
        };
        let exists = match element
            .attr("exists-action")
            .unwrap_or("override")
            .to_ascii_lowercase()
            .as_str()
        {
            "skip" => ExistsAction::Skip,
            "append" => ExistsAction::Append,
            "delete" => ExistsAction::Delete,
            _ => ExistsAction::Override,
        };
        if exists == ExistsAction::Delete {
            // Connector policy templates only override, skip or append.
            self.out.push(
                Diagnostic::new(
                    codes::POLICY_NOT_TRANSLATED,
                    format!(
                        "`{}` removing `{name}` has no connector equivalent and was dropped",
                        element.name
                    ),
                )
                .at(placed.location()),
            );
            return;
        }
        let raw = element.child("value").map(|v| v.text()).unwrap_or_default();
        let value = self.template_for(&raw, &name, placed);
        let Some(value) = value else { return };
        let header = element.name.eq_ignore_ascii_case("set-header");
        let policy = if header {
            Policy::SetHeader {
                name,
                value,
                exists,
                section: match placed.section {
                    "outbound" => Section::Response,
                    "on-error" => Section::Failure,
                    _ => Section::Request,
                },
                operations: operations.to_vec(),
                origin: Some(origin_of(placed)),
            }
        } else {
            Policy::SetQueryParameter {
                name,
                value,
                exists,
                operations: operations.to_vec(),
                origin: Some(origin_of(placed)),
            }
        };
        self.policies.push(policy);
    }

    /// A policy value as an IR template, or `None` (reported) when it cannot be one. Values of
    /// credential-like names never travel as literals: they become secret connection parameters.
    fn template_for(&mut self, raw: &str, name: &str, placed: &Placed) -> Option<String> {
        if raw.contains("@(") || raw.contains("@{") {
            self.out.push(
                Diagnostic::new(
                    codes::POLICY_EXPRESSION,
                    format!("the value of `{name}` is a policy expression; the policy was dropped"),
                )
                .at(placed.location()),
            );
            return None;
        }
        if looks_secret(name) && !raw.trim().is_empty() {
            let parameter = parameter_name(name);
            self.add_parameter(ConnectionParameter {
                name: parameter.clone(),
                kind: ConnectionParameterKind::Secret,
                display_name: Some(name.to_string()),
                description: Some(format!("The value API Management sends as `{name}`.")),
                required: true,
                default: None,
                allowed_values: Vec::new(),
                origin: Some(origin_of(placed)),
            });
            self.out.push(
                Diagnostic::new(codes::SECRET_IGNORED, format!("the value of `{name}` looks like a credential; it became connection parameter `{parameter}`"))
                    .at(placed.location()),
            );
            return Some(format!("{{connection.{parameter}}}"));
        }
        let mut out = String::new();
        for part in split_named_values(raw) {
            match part {
                Part::Text(text) => out.push_str(&template::escape(text)),
                Part::Named(reference) => {
                    out.push_str(&self.named_value_template(reference, placed))
                }
            }
        }
        Some(out)
    }

    fn named_value_template(&mut self, reference: &str, placed: &Placed) -> String {
        let found = self.facts.named_values.get(reference).cloned();
        match found {
            Some(named) if named.value.is_some() => {
                template::escape(named.value.as_deref().unwrap_or_default())
            }
            Some(named) => {
                let parameter = parameter_name(&named.display_name);
                self.add_parameter(ConnectionParameter {
                    name: parameter.clone(),
                    kind: ConnectionParameterKind::Secret,
                    display_name: Some(named.display_name.clone()),
                    description: Some(format!(
                        "The value of API Management named value `{}`.",
                        named.display_name
                    )),
                    required: true,
                    default: None,
                    allowed_values: Vec::new(),
                    origin: Some(Origin::new(named.file.clone(), "")),
                });
                self.out.push(
                    Diagnostic::new(codes::SECRET_NAMED_VALUE, format!("named value `{}` is secret or unset; it became connection parameter `{parameter}`", named.display_name))
                        .at(placed.location()),
                );
                format!("{{connection.{parameter}}}")
            }
            None => {
                let parameter = parameter_name(reference);
                self.add_parameter(ConnectionParameter {
                    name: parameter.clone(),
                    kind: ConnectionParameterKind::String,
                    display_name: Some(reference.to_string()),
                    description: Some(format!(
                        "The value of API Management named value `{reference}`."
                    )),
                    required: true,
                    default: None,
                    allowed_values: Vec::new(),
                    origin: Some(origin_of(placed)),
                });
                self.out.push(
                    Diagnostic::new(codes::UNKNOWN_NAMED_VALUE, format!("named value `{reference}` is not in the bundle; it became connection parameter `{parameter}`"))
                        .at(placed.location()),
                );
                format!("{{connection.{parameter}}}")
            }
        }
    }

    fn rewrite(&mut self, placed: &Placed, operations: &[String], all: &[(Placed, Vec<usize>)]) {
        let Some(raw) = placed.element.attr("template").map(str::to_string) else {
            return;
        };
        if raw.contains("@(") || raw.contains("@{") {
            self.out.push(
                Diagnostic::new(
                    codes::POLICY_EXPRESSION,
                    "the rewrite-uri template is a policy expression; the policy was dropped",
                )
                .at(placed.location()),
            );
            return;
        }
        let path = self.literal_or_keep(&raw);
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p.to_string(), Some(q.to_string())),
            None => (path, None),
        };
        let method = all
            .iter()
            .find(|(p, _)| {
                p.element.name.eq_ignore_ascii_case("set-method") && p.file == placed.file
            })
            .and_then(|(p, _)| Method::parse(&p.element.text()));
        let path = if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        };
        self.policies.push(Policy::RouteToEndpoint {
            path,
            method,
            operations: operations.to_vec(),
            origin: Some(origin_of(placed)),
        });
        for pair in query
            .iter()
            .flat_map(|q| q.split('&'))
            .filter(|p| !p.is_empty())
        {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if value.starts_with('{') && value.ends_with('}') {
                continue;
            }
            if let Some(value) = self.template_for(value, name, placed) {
                self.policies.push(Policy::SetQueryParameter {
                    name: name.to_string(),
                    value,
                    exists: ExistsAction::Override,
                    operations: operations.to_vec(),
                    origin: Some(origin_of(placed)),
                });
            }
        }
    }

    /// Named values resolved where they are plain; secret ones are left as written.
    fn literal_or_keep(&self, raw: &str) -> String {
        let mut out = String::new();
        for part in split_named_values(raw) {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Named(name) => match self
                    .facts
                    .named_values
                    .get(name)
                    .and_then(|v| v.value.clone())
                {
                    Some(value) => out.push_str(&value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        out
    }

    fn backend_url(&mut self, element: &Element, placed: &Placed) -> Option<String> {
        if let Some(url) = element.attr("base-url") {
            if url.contains("@(") || url.contains("@{") {
                self.out.push(
                    Diagnostic::new(
                        codes::POLICY_EXPRESSION,
                        "the set-backend-service URL is a policy expression; it was ignored",
                    )
                    .at(placed.location()),
                );
                return None;
            }
            let url = self.literal(url);
            return (!url.is_empty()).then_some(url);
        }
        let id = element.attr("backend-id")?;
        match self.facts.backends.get(&id.to_lowercase()) {
            Some(url) => Some(self.literal(url)).filter(|u| !u.is_empty()),
            None => {
                self.out.push(
                    Diagnostic::new(
                        codes::UNKNOWN_BACKEND,
                        format!("backend `{id}` is not in the bundle; its URL is unknown"),
                    )
                    .at(placed.location()),
                );
                None
            }
        }
    }

    fn server(&mut self, api: &mut connectorize_ir::Api, effects: &Effects) -> Result<(), Error> {
        let props = self.facts.props;
        let at = locate(&self.facts.origin);
        let mut schemes: Vec<UrlScheme> = Vec::new();
        for protocol in ["https", "http"] {
            if props.protocols.iter().any(|p| p == protocol) {
                schemes.push(if protocol == "https" {
                    UrlScheme::Https
                } else {
                    UrlScheme::Http
                });
            }
        }
        if self.options.target == Target::Backend {
            let (url, origin) = match (&effects.backend_url, &props.service_url) {
                (Some((url, at)), _) => (Some(url.clone()), at.clone()),
                (None, Some(url)) => (Some(url.clone()), at.clone()),
                (None, None) => (None, at.clone()),
            };
            match url.as_deref().and_then(parse_url) {
                Some((scheme, host, path)) => {
                    api.server = Some(Server {
                        schemes: vec![scheme],
                        host,
                        base_path: if path.is_empty() { "/".into() } else { path },
                        origin: Some(Origin::new(
                            origin.file.clone().unwrap_or_default(),
                            origin.pointer.clone().unwrap_or_default(),
                        )),
                    });
                }
                None => {
                    return Err(Error::new(
                        codes::NO_BACKEND_URL,
                        "the backend target was chosen but the API has no usable backend URL (serviceUrl or set-backend-service)",
                    )
                    .at(origin)
                    .help("set serviceUrl in the bundle or the environment file, or use the gateway target"));
                }
            }
            return Ok(());
        }
        let from_gateway = self.facts.spec_from_gateway;
        let spec_host = api.server.as_ref().map(|s| s.host.clone()).filter(|h| {
            plausible_host(h)
                && (from_gateway || h.to_ascii_lowercase().ends_with(".azure-api.net"))
        });
        if schemes.is_empty() {
            schemes = api
                .server
                .as_ref()
                .map(|s| s.schemes.clone())
                .unwrap_or_default();
            schemes.retain(|s| matches!(s, UrlScheme::Https | UrlScheme::Http));
        }
        if schemes.is_empty() {
            schemes.push(UrlScheme::Https);
        }
        if !schemes.contains(&UrlScheme::Https) {
            self.out.push(
                Diagnostic::new(codes::NO_HTTPS, "the API is served over HTTP only").at(at.clone()),
            );
        }
        let host = match (
            &self.options.gateway_host,
            spec_host,
            &self.facts.default_host,
        ) {
            (Some(host), _, _) => {
                let host = host.trim();
                let host = host.split_once("://").map_or(host, |(_, rest)| rest);
                Some(host.split('/').next().unwrap_or(host).to_string())
            }
            (None, Some(host), _) => Some(host),
            (None, None, Some(host)) => {
                self.out.push(
                    Diagnostic::new(codes::NO_GATEWAY_HOST, format!("the gateway host is not in the bundle; the service's default host `{host}` was used"))
                        .at(at.clone())
                        .help("pass --gateway-host for a custom domain or a self-hosted gateway"),
                );
                Some(host.clone())
            }
            (None, None, None) => {
                return Err(Error::new(
                    codes::UNKNOWN_GATEWAY_HOST,
                    "the gateway host is in neither the specification nor the bundle",
                )
                .at(at.clone())
                .help("pass --gateway-host with the API Management gateway host name"));
            }
        };
        let mut base = format!("/{}", props.path);
        if let (
            Some(version),
            Some(VersionSet {
                scheme: Scheme::Segment,
                ..
            }),
        ) = (&props.version, &self.facts.version_set)
        {
            if !props
                .path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.eq_ignore_ascii_case(version))
            {
                base = format!("{}/{version}", base.trim_end_matches('/'));
            }
        }
        if let Some(revision) = &self.facts.explicit_revision {
            base = format!("{};rev={revision}", base.trim_end_matches('/'));
            self.out.push(
                Diagnostic::new(
                    codes::REVISION_PATH,
                    format!(
                        "revision {revision} is not the current one; it is addressed as `{base}`"
                    ),
                )
                .at(at.clone()),
            );
        }
        api.server = host.map(|host| Server {
            schemes,
            host,
            base_path: base,
            origin: Some(self.facts.origin.clone()),
        });
        Ok(())
    }

    fn security(&mut self, api: &mut connectorize_ir::Api, effects: &Effects) {
        let props = self.facts.props;
        let at = locate(&self.facts.origin);
        let key_names: Vec<String> = [
            props
                .key_header
                .clone()
                .unwrap_or_else(|| "Ocp-Apim-Subscription-Key".into()),
            props
                .key_query
                .clone()
                .unwrap_or_else(|| "subscription-key".into()),
        ]
        .into_iter()
        .collect();
        let before = api.security.len();
        let removed: Vec<String> = api
            .security
            .iter()
            .filter(|s| is_subscription_scheme(s, &key_names))
            .map(|s| s.name.clone())
            .collect();
        api.security.retain(|s| !removed.contains(&s.name));
        let gateway = self.options.target == Target::Gateway;
        if gateway && !props.needs_key() && before > api.security.len() {
            self.out.push(
                Diagnostic::new(codes::SUBSCRIPTION_NOT_REQUIRED, "the specification declares subscription-key schemes, but the API does not require a subscription; they were dropped")
                    .at(at.clone()),
            );
        }

        let mut schemes = Vec::new();
        let oauth = effects
            .oauth
            .clone()
            .or_else(|| self.oauth_from_settings(&at));
        if let Some((oauth, location)) = oauth {
            schemes.push(SecurityScheme {
                name: "oauth2".into(),
                kind: SecurityKind::OAuth2(oauth),
                description: None,
                extensions: Default::default(),
                origin: Some(Origin::new(
                    location.file.clone().unwrap_or_default(),
                    location.pointer.clone().unwrap_or_default(),
                )),
            });
        }
        let header = key_names.first().cloned().unwrap_or_default();
        if gateway && props.needs_key() {
            if schemes.is_empty() {
                schemes.push(SecurityScheme {
                    name: "apiKey".into(),
                    kind: SecurityKind::ApiKey {
                        name: header.clone(),
                        location: ApiKeyLocation::Header,
                    },
                    description: Some("API Management subscription key".into()),
                    extensions: Default::default(),
                    origin: Some(self.facts.origin.clone()),
                });
                self.out.push(
                    Diagnostic::new(
                        codes::SUBSCRIPTION_KEY,
                        format!(
                            "the API requires a subscription key; it is sent in header `{header}`"
                        ),
                    )
                    .at(at.clone()),
                );
            } else {
                self.add_parameter(ConnectionParameter {
                    name: "subscription_key".into(),
                    kind: ConnectionParameterKind::Secret,
                    display_name: Some("Subscription key".into()),
                    description: Some("Your API Management subscription key.".into()),
                    required: true,
                    default: None,
                    allowed_values: Vec::new(),
                    origin: Some(self.facts.origin.clone()),
                });
                self.policies.push(Policy::SetHeader {
                    name: header.clone(),
                    value: "{connection.subscription_key}".into(),
                    exists: ExistsAction::Override,
                    section: Section::Request,
                    operations: Vec::new(),
                    origin: Some(self.facts.origin.clone()),
                });
                self.out.push(
                    Diagnostic::new(codes::KEY_BESIDE_OAUTH, format!("the API needs OAuth 2.0 and a subscription key; the key is sent in header `{header}` by a policy"))
                        .at(at.clone()),
                );
            }
        }
        if let Some(location) = &effects.basic {
            if schemes.is_empty() {
                schemes.push(SecurityScheme {
                    name: "basic".into(),
                    kind: SecurityKind::Basic,
                    description: None,
                    extensions: Default::default(),
                    origin: Some(Origin::new(
                        location.file.clone().unwrap_or_default(),
                        location.pointer.clone().unwrap_or_default(),
                    )),
                });
            }
            self.out.push(
                Diagnostic::new(codes::BASIC_AUTH, "authentication-basic became basic authentication; users enter the backend credentials, the policy's values are not copied")
                    .at(location.clone()),
            );
        }
        for scheme in api.security.drain(..) {
            if !schemes.iter().any(|s| s.name == scheme.name) {
                schemes.push(scheme);
            }
        }
        api.security = schemes;
        let names: BTreeSet<String> = api.security.iter().map(|s| s.name.clone()).collect();
        api.security_requirements = None;
        for operation in &mut api.operations {
            if let Some(requirements) = &mut operation.security {
                let had = !requirements.is_empty();
                requirements.retain(|r| names.contains(&r.scheme));
                if had && requirements.is_empty() {
                    operation.security = None;
                }
            }
        }
    }

    fn oauth_from_settings(&mut self, at: &Location) -> Option<(OAuth2, Location)> {
        let props = self.facts.props;
        let (id, table, what) = match (&props.authorization_server, &props.openid_provider) {
            (Some(id), _) => (id, self.facts.auth_servers, "authorization server"),
            (None, Some(id)) => (id, self.facts.openid_providers, "OpenID provider"),
            (None, None) => return None,
        };
        let mut oauth = OAuth2::default();
        if let Some(scope) = &props.oauth_scope {
            oauth.scopes.insert(scope.clone(), String::new());
        }
        match table.get(&id.to_lowercase()) {
            Some(server) => {
                oauth.authorization_url = server.authorization_url.clone();
                oauth.token_url = server.token_url.clone();
                oauth.client_id = server.client_id.clone();
                if let Some(scope) = &server.scope {
                    for s in scope.split_whitespace() {
                        oauth.scopes.entry(s.to_string()).or_default();
                    }
                }
                let urls = [
                    &server.authorization_url,
                    &server.token_url,
                    &server.metadata_url,
                ];
                if let Some(url) = urls
                    .iter()
                    .filter_map(|u| u.as_deref())
                    .find(|u| is_microsoft(u))
                {
                    oauth.identity_provider = IdentityProvider::AzureActiveDirectory;
                    oauth.tenant = microsoft_tenant(url);
                } else if oauth.authorization_url.is_none() || oauth.token_url.is_none() {
                    self.out.push(
                        Diagnostic::new(
                            codes::OAUTH_INCOMPLETE,
                            format!(
                                "{what} `{id}` does not give both authorization and token URLs"
                            ),
                        )
                        .at(at.clone()),
                    );
                }
            }
            None => self.out.push(
                Diagnostic::new(
                    codes::UNKNOWN_AUTH_SERVER,
                    format!("{what} `{id}` is not in the bundle; OAuth 2.0 endpoints are unknown"),
                )
                .at(at.clone()),
            ),
        }
        Some((oauth, at.clone()))
    }

    fn versioning(&mut self) {
        if self.options.target == Target::Backend {
            return;
        }
        let (Some(version), Some(set)) = (&self.facts.props.version, &self.facts.version_set)
        else {
            return;
        };
        let at = locate(&self.facts.origin);
        let policy = match &set.scheme {
            Scheme::Segment => return,
            Scheme::Query(name) => Policy::SetQueryParameter {
                name: name.clone(),
                value: template::escape(version),
                exists: ExistsAction::Override,
                operations: Vec::new(),
                origin: Some(self.facts.origin.clone()),
            },
            Scheme::Header(name) => Policy::SetHeader {
                name: name.clone(),
                value: template::escape(version),
                exists: ExistsAction::Override,
                section: Section::Request,
                operations: Vec::new(),
                origin: Some(self.facts.origin.clone()),
            },
        };
        let (kind, name) = match &set.scheme {
            Scheme::Query(n) => ("query parameter", n),
            Scheme::Header(n) => ("header", n),
            Scheme::Segment => return,
        };
        self.out.push(
            Diagnostic::new(
                codes::VERSION_POLICY,
                format!(
                    "version `{version}` is selected by {kind} `{name}`, set by a connector policy"
                ),
            )
            .at(at),
        );
        self.policies.push(policy);
    }

    fn add_parameter(&mut self, parameter: ConnectionParameter) {
        if !self.parameters.iter().any(|p| p.name == parameter.name) {
            self.parameters.push(parameter);
        }
    }
}

/// Whether a scheme is API Management's own subscription-key declaration.
fn is_subscription_scheme(scheme: &SecurityScheme, key_names: &[String]) -> bool {
    match &scheme.kind {
        SecurityKind::ApiKey { name, .. } => {
            scheme.name.eq_ignore_ascii_case("apiKeyHeader")
                || scheme.name.eq_ignore_ascii_case("apiKeyQuery")
                || key_names.iter().any(|k| k.eq_ignore_ascii_case(name))
        }
        _ => false,
    }
}

enum Part<'a> {
    Text(&'a str),
    Named(&'a str),
}

/// Splits text at `{{named value}}` references.
fn split_named_values(raw: &str) -> Vec<Part<'_>> {
    let mut parts = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start + 2..].find("}}") else {
            break;
        };
        if start > 0 {
            parts.push(Part::Text(&rest[..start]));
        }
        parts.push(Part::Named(rest[start + 2..start + 2 + end].trim()));
        rest = &rest[start + 2 + end + 2..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest));
    }
    parts
}

/// A connection parameter name (letters, digits, `_`) for a header or named value.
pub fn parameter_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() {
        "value".into()
    } else {
        out
    }
}

/// Header and parameter names whose values are credentials.
fn looks_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "sig"
        || lower == "code"
        || [
            "authorization",
            "key",
            "token",
            "secret",
            "password",
            "signature",
            "credential",
        ]
        .iter()
        .any(|word| lower.contains(word))
}

fn is_microsoft(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    !lower.contains("b2clogin.com")
        && [
            "login.microsoftonline.com",
            "sts.windows.net",
            "login.windows.net",
            "login.microsoftonline.us",
            "login.chinacloudapi.cn",
        ]
        .iter()
        .any(|host| lower.contains(host))
}

/// The tenant segment of a Microsoft login or STS URL.
fn microsoft_tenant(url: &str) -> Option<String> {
    if !is_microsoft(url) {
        return None;
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let tenant = rest.split('/').nth(1)?;
    (!tenant.is_empty() && !tenant.starts_with('.') && !tenant.contains('{'))
        .then(|| tenant.to_string())
}

/// Whether a spec server host can be the gateway (not a placeholder like `set-it-via-backend`).
fn plausible_host(host: &str) -> bool {
    !host.is_empty() && host.contains('.') && !host.contains('{') && !host.contains(' ')
}

/// `scheme://host[:port]/path` split into its parts; `None` when it is not an http(s) URL.
pub fn parse_url(url: &str) -> Option<(UrlScheme, String, String)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "https" => UrlScheme::Https,
        "http" => UrlScheme::Http,
        _ => return None,
    };
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/').to_string()),
        None => (rest, String::new()),
    };
    if host.is_empty() || host.contains('{') || host.contains('@') {
        return None;
    }
    Some((scheme, host.to_string(), path))
}

/// A URL without its query string and fragment, which may carry signatures (Logic App `sig`).
fn without_query(url: &str) -> String {
    url.split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/')
        .to_string()
}

/// A location for an origin, leaving out an empty pointer.
pub fn locate(origin: &Origin) -> Location {
    let at = Location::file(origin.file.clone());
    if origin.pointer.is_empty() {
        at
    } else {
        at.at(origin.pointer.clone())
    }
}

fn origin_of(placed: &Placed) -> Origin {
    Origin::new(placed.file.clone(), placed.path.clone())
}

/// Lower-case letters and digits only, for matching operation folder names to operations.
pub fn squash(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(
            parameter_name("Ocp-Apim-Subscription-Key"),
            "ocp_apim_subscription_key"
        );
        assert!(looks_secret("x-api-key") && looks_secret("sig") && !looks_secret("X-Trace"));
        assert_eq!(microsoft_tenant("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration").as_deref(), Some("contoso.onmicrosoft.com"));
        assert_eq!(
            microsoft_tenant("https://sts.windows.net/abc/"),
            Some("abc".into())
        );
        assert!(!is_microsoft(
            "https://x.b2clogin.com/login.microsoftonline.com"
        ));
        assert_eq!(
            parse_url("https://h.example.com:8443/api/v1/").map(|(_, h, p)| (h, p)),
            Some(("h.example.com:8443".into(), "/api/v1".into()))
        );
        assert!(parse_url("{{backend}}").is_none());
    }
}
