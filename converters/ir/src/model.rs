//! The types of the intermediate form.
//!
//! Everything here is plain data. Optional fields are skipped when empty so that `ir.json`
//! files stay short and a new optional field does not change existing snapshots.

use std::sync::LazyLock;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Vendor extensions (`x-…` keys) carried verbatim from the input, in input order.
///
/// Frontends copy them without interpreting them; the backend emits them where its format
/// allows and reports those it cannot place.
pub type Extensions = IndexMap<String, Value>;

fn is_false(value: &bool) -> bool {
    !*value
}

/// Where a node came from: the input file (relative to the input root) and a JSON pointer
/// into it (for YAML and XML inputs, the equivalent path).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The input file.
    pub file: String,
    /// RFC 6901 pointer to the node in that file.
    pub pointer: String,
}

impl Origin {
    /// An origin at `pointer` in `file`.
    pub fn new(file: impl Into<String>, pointer: impl Into<String>) -> Self {
        Origin {
            file: file.into(),
            pointer: pointer.into(),
        }
    }

    /// A pointer one step below this one, escaping `~` and `/` as RFC 6901 requires.
    pub fn child(&self, token: impl AsRef<str>) -> Self {
        Origin {
            file: self.file.clone(),
            pointer: crate::pointer::push(&self.pointer, token.as_ref()),
        }
    }
}

impl From<&Origin> for crate::diag::Location {
    fn from(origin: &Origin) -> Self {
        crate::diag::Location::file(origin.file.clone()).at(origin.pointer.clone())
    }
}

/// One API, which the backend renders as one connector.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Api {
    /// The IR format version; always first in `ir.json`. See [`IR_VERSION`](crate::IR_VERSION).
    pub ir_version: u32,
    /// Title, description, contact and publishing metadata.
    pub info: Info,
    /// Where the API is served. `None` when the input gave no usable address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<Server>,
    /// Other addresses the input named; the backend reports them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternative_servers: Vec<Server>,
    /// Default media types for request bodies, when the input states them for the whole API.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumes: Vec<String>,
    /// Default media types for responses, when the input states them for the whole API.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub produces: Vec<String>,
    /// Authentication schemes. The first one is the connection's authentication; an empty list
    /// means the API needs none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<SecurityScheme>,
    /// Security requirements for the whole API, by scheme name. `None` means "every operation
    /// uses the first scheme" (the usual case); `Some` keeps an input's explicit list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_requirements: Option<Vec<SecurityRequirement>>,
    /// Operation groups, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// The operations, in input order.
    #[serde(default)]
    pub operations: Vec<Operation>,
    /// Named schemas, referenced from [`Schema::reference`].
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub schemas: IndexMap<String, Schema>,
    /// Parameters shared by several operations, referenced from [`Parameter::shared`].
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub shared_parameters: IndexMap<String, SharedParameter>,
    /// Responses shared by several operations, referenced from [`Response::shared`].
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub shared_responses: IndexMap<String, Response>,
    /// Values the user supplies when creating a connection, beyond those the security scheme
    /// implies (a per-tenant host, a subscription key sent beside OAuth, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connection_parameters: Vec<ConnectionParameter>,
    /// Request and response rewriting applied by the connector at run time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// Extensions on path items, keyed by path template (some targets attach data there).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub path_extensions: IndexMap<String, Extensions>,
    /// Target-specific connection settings read verbatim from an existing connector (its
    /// properties file), keyed by property name. A backend for that target emits them
    /// unchanged instead of generating its own; other inputs leave this empty.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub verbatim_properties: IndexMap<String, Value>,
    /// How an existing target file spelled things this model treats as equal (see [`Layout`]);
    /// empty for every other input.
    #[serde(default, skip_serializing_if = "Layout::is_empty")]
    pub layout: Layout,
    /// Root-level vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the API came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Api {
    /// An API with this title and nothing else.
    pub fn new(title: impl Into<String>) -> Self {
        Api {
            ir_version: crate::IR_VERSION,
            info: Info::new(title),
            server: None,
            alternative_servers: Vec::new(),
            consumes: Vec::new(),
            produces: Vec::new(),
            security: Vec::new(),
            security_requirements: None,
            tags: Vec::new(),
            operations: Vec::new(),
            schemas: IndexMap::new(),
            shared_parameters: IndexMap::new(),
            shared_responses: IndexMap::new(),
            connection_parameters: Vec::new(),
            policies: Vec::new(),
            path_extensions: IndexMap::new(),
            verbatim_properties: IndexMap::new(),
            layout: Layout::default(),
            extensions: Extensions::new(),
            origin: None,
        }
    }
}

/// Spelling details of an existing target file that the model cannot hold, recorded when a
/// frontend reads such a file back so that a backend for the same target can reproduce it
/// exactly (a renamed or reordered member would show up as a change in every diff).
///
/// Only readers of an existing target file fill it; a backend applies what still fits and
/// ignores the rest, so edits made to the IR in between never fail because of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Layout {
    /// Whether `empty` and `false_members` list every such member of the file (it was read
    /// back whole), so that a faithful backend may also leave out the `false`, `[]` and `{}`
    /// members it writes by default where the file had none.
    #[serde(default, skip_serializing_if = "is_false")]
    pub complete: bool,
    /// RFC 6901 pointers into the target's definition file of members that were present with
    /// an empty list or map (`"consumes": []`, `"parameters": {}`), which the model cannot
    /// tell from absent ones. The pointer's last token names the member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub empty: Vec<EmptyMember>,
    /// Operation id to the index its body (or its first form field) had among the parameters
    /// the operation itself lists in the file (inherited path-level ones not counted), when
    /// that was not last.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub body_positions: IndexMap<String, usize>,
    /// RFC 6901 pointers into the target's definition file of members spelled `false`
    /// (`"required": false`, `"deprecated": false`), which the model cannot tell from absent
    /// ones. A faithful backend writes `false` there and leaves out the `false` members it
    /// would otherwise write by default.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub false_members: Vec<String>,
    /// Operation id to how many of its leading parameters it inherits from its path item's
    /// `parameters` (the model lists them in every operation; the file declared them once, and
    /// that list is kept in [`Layout::verbatim`]). A faithful backend leaves them out of the
    /// operation.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub inherited_parameters: IndexMap<String, usize>,
    /// RFC 6901 pointers of members the file did not have although the model always gives
    /// them a value (`basePath` beside a `host`, `info.version`); a faithful backend leaves
    /// them out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    /// Members the model cannot hold, by RFC 6901 pointer into the target's definition file,
    /// kept verbatim: unknown members (`externalDocs`, an operation's `schemes`), keywords the
    /// model would rewrite (`oneOf`, tuple `items`), values of the wrong type, a `$ref` to a
    /// missing definition, security requirements naming undeclared schemes, the path item's
    /// own `parameters`. A faithful backend writes each one back where the rendered file lacks
    /// it.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub verbatim: IndexMap<String, Value>,
    /// Tags that operations used without the definition declaring them (the model declares
    /// every tag it uses, see [`Api::tags`]); a faithful backend leaves them undeclared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undeclared_tags: Vec<String>,
}

impl Layout {
    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        !self.complete
            && self.empty.is_empty()
            && self.body_positions.is_empty()
            && self.false_members.is_empty()
            && self.inherited_parameters.is_empty()
            && self.absent.is_empty()
            && self.verbatim.is_empty()
            && self.undeclared_tags.is_empty()
    }
}

/// A member that was present but empty, and which kind of empty value it held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmptyMember {
    /// RFC 6901 pointer of the member in the target's definition file.
    pub pointer: String,
    /// `true` for `[]`, `false` for `{}`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub list: bool,
}

/// Descriptive metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Info {
    /// The API's name as the input gives it (the backend derives a display title from it).
    pub title: String,
    /// The API's version string; `None` when the input has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Longer description (Markdown allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who to contact about the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Licence name and URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    /// Terms of service URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_service: Option<String>,
    /// The service's public web site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// The service's privacy policy URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy: Option<String>,
    /// Catalogue categories (free text; the backend checks them against its list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Who publishes the connector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Who owns the service behind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_owner: Option<String>,
    /// Brand colour as `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_color: Option<String>,
    /// Lifecycle status, e.g. `Preview` or `Production`, when the input states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Vendor extensions on the info object.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
}

impl Info {
    /// Info with only a title.
    pub fn new(title: impl Into<String>) -> Self {
        Info {
            title: title.into(),
            ..Info::default()
        }
    }
}

/// A contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Person or team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Web page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A licence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct License {
    /// Licence name.
    pub name: String,
    /// Licence text URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A URL scheme the API is served on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// `https`
    Https,
    /// `http`
    Http,
    /// `wss` (WebSocket; connectors cannot use it, the backend reports it)
    Wss,
    /// `ws`
    Ws,
}

impl Scheme {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Https => "https",
            Scheme::Http => "http",
            Scheme::Wss => "wss",
            Scheme::Ws => "ws",
        }
    }
}

/// An address: schemes, host and base path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Server {
    /// Schemes in preference order (the first is used to reach the service).
    pub schemes: Vec<Scheme>,
    /// Host name with optional `:port`, no scheme or path.
    pub host: String,
    /// Path prefix of every operation, starting with `/`.
    pub base_path: String,
    /// Where the address came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// One authentication scheme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityScheme {
    /// The scheme's name, unique within the API (used by requirements).
    pub name: String,
    /// What kind of authentication.
    pub kind: SecurityKind,
    /// Explanation for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Vendor extensions on the scheme.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the scheme came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// A named scheme plus the scopes an operation needs from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityRequirement {
    /// Scheme name.
    pub scheme: String,
    /// OAuth scopes; empty for other kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

/// The kinds of authentication a connector can carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
// An API has a handful of schemes; boxing the OAuth variant would only make every frontend's
// constructors noisier.
#[allow(clippy::large_enum_variant)]
pub enum SecurityKind {
    /// A key sent in a header or query parameter.
    ApiKey {
        /// Header or query parameter name, e.g. `X-API-Key`.
        name: String,
        /// Where it is sent.
        #[serde(rename = "in")]
        location: ApiKeyLocation,
    },
    /// HTTP basic authentication.
    Basic,
    /// OAuth 2.0 (bearer tokens on the `Authorization` header).
    #[serde(rename = "oauth2")]
    OAuth2(OAuth2),
}

/// Where an API key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// OAuth 2.0 settings. Never holds a client secret.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OAuth2 {
    /// Grant flow.
    pub flow: OAuthFlow,
    /// Authorization endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    /// Token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    /// Refresh endpoint, when it differs from the token endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_url: Option<String>,
    /// Scope name to description, in input order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub scopes: IndexMap<String, String>,
    /// Which identity provider issues the tokens.
    #[serde(default)]
    pub identity_provider: IdentityProvider,
    /// The client (application) id, when the input names a public one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The resource or audience the token is for (Microsoft Entra ID `resourceUri`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The directory tenant (Microsoft Entra ID), e.g. `common`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
}

/// OAuth 2.0 grant flows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OAuthFlow {
    /// Authorization code (the only flow custom connectors fully support).
    #[default]
    AuthorizationCode,
    /// Implicit.
    Implicit,
    /// Resource owner password.
    Password,
    /// Client credentials.
    ClientCredentials,
}

/// Who issues OAuth tokens; backends use it to pick provider-specific settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum IdentityProvider {
    /// Any standards-following OAuth 2.0 server.
    #[default]
    Generic,
    /// Microsoft Entra ID (Azure Active Directory).
    AzureActiveDirectory,
    /// A provider the backend may know by name (e.g. `facebook`).
    Named(String),
}

/// An operation group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Tag {
    /// Name, unique within the API.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the tag came from (a folder, a tag list entry...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// HTTP methods an operation can use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
}

impl Method {
    /// Every method, in the order Swagger lists them in a path item.
    pub const ALL: [Method; 7] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
    ];

    /// Parses a method name case-insensitively; `None` for methods outside this set.
    pub fn parse(name: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_upper().eq_ignore_ascii_case(name.trim()))
    }

    /// `GET`, `POST`, ...
    pub fn as_upper(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
        }
    }

    /// `get`, `post`, ...
    pub fn as_lower(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
        }
    }
}

/// How prominently a client should show an operation, parameter or property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Shown first.
    Important,
    /// Hidden behind "advanced".
    Advanced,
    /// Never shown; requests use the default value.
    Internal,
}

/// What makes an operation a trigger rather than an action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Trigger {
    /// Whether one call yields one event or a list of them.
    pub cardinality: TriggerCardinality,
    /// How events are obtained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<TriggerMode>,
    /// A hint on how to fire the trigger, shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

/// One event or a batch of events per call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerCardinality {
    /// One event.
    Single,
    /// A list of events.
    Batch,
}

/// How a trigger learns about events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TriggerMode {
    /// The client polls the operation.
    Polling,
    /// The service calls back a registered URL.
    Webhook,
}

/// One API operation: a method on a path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Operation {
    /// Identifier, unique within the API. Frontends keep an input's id when it is letters and
    /// digits; the backend makes the final choice and reports any change.
    pub id: String,
    /// HTTP method.
    pub method: Method,
    /// Path template relative to the base path, starting with `/`; parameters as `{name}`.
    pub path: String,
    /// Short name shown to users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Longer explanation (Markdown allowed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Tag names, each declared in [`Api::tags`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Whether the operation is deprecated.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// How prominently to show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Path, query and header parameters, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// Responses, in input order, at most one per status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// Present when the operation is a trigger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
    /// Media types the operation accepts, when the input states them explicitly; otherwise
    /// the backend derives them from the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumes: Option<Vec<String>>,
    /// Media types the operation returns, when the input states them explicitly; otherwise
    /// the backend derives them from the responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub produces: Option<Vec<String>>,
    /// Security requirements for this operation; `None` inherits the API's, `Some([])`
    /// means no authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Vec<SecurityRequirement>>,
    /// Vendor extensions on the operation.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the operation came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Operation {
    /// An operation with an id, method and path and nothing else.
    pub fn new(id: impl Into<String>, method: Method, path: impl Into<String>) -> Self {
        Operation {
            id: id.into(),
            method,
            path: path.into(),
            summary: None,
            description: None,
            tags: Vec::new(),
            deprecated: false,
            visibility: None,
            parameters: Vec::new(),
            body: None,
            responses: Vec::new(),
            trigger: None,
            consumes: None,
            produces: None,
            security: None,
            extensions: Extensions::new(),
            origin: None,
        }
    }
}

/// Where a (non-body) parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParameterLocation {
    /// A `{name}` segment of the path.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

impl ParameterLocation {
    /// `path`, `query` or `header`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
        }
    }
}

/// A path, query or header parameter. Its type, default value and allowed values live in
/// [`Parameter::schema`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Parameter {
    /// The wire name.
    pub name: String,
    /// Where it travels.
    #[serde(rename = "in")]
    pub location: ParameterLocation,
    /// Whether the caller must give it (always true for path parameters).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Type, format, default, enum and constraints.
    pub schema: Schema,
    /// Short display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How prominently to show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// An example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// How array values are joined (`csv`, `multi`, ...), when the input says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_format: Option<String>,
    /// Whether an empty value may be sent (query parameters).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_empty_value: bool,
    /// When set, the parameter is the shared parameter of this name in
    /// [`Api::shared_parameters`] (and this copy equals it); the backend may emit a reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<String>,
    /// Vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the parameter came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Parameter {
    /// A parameter of string type.
    pub fn new(name: impl Into<String>, location: ParameterLocation) -> Self {
        Parameter {
            name: name.into(),
            location,
            required: location == ParameterLocation::Path,
            schema: Schema::of(SchemaType::String),
            summary: None,
            description: None,
            visibility: None,
            example: None,
            collection_format: None,
            allow_empty_value: false,
            shared: None,
            extensions: Extensions::new(),
            origin: None,
        }
    }
}

/// A parameter or body declared once and used by several operations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum SharedParameter {
    /// A path, query or header parameter.
    Parameter(Parameter),
    /// A request body.
    Body(Body),
}

/// A request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Body {
    /// The media type, e.g. `application/json`, `application/xml`, `text/plain`,
    /// `application/octet-stream`, `application/x-www-form-urlencoded`, `multipart/form-data`.
    pub media_type: String,
    /// Whether the body must be sent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The name the body is known by (defaults to `body` in the backend).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Short display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the body holds.
    pub content: BodyContent,
    /// When set, the body is the shared body of this name in [`Api::shared_parameters`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<String>,
    /// Vendor extensions on the body.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the body came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// The content of a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
// One body per operation: the size difference costs nothing worth an extra allocation.
#[allow(clippy::large_enum_variant)]
pub enum BodyContent {
    /// A single document (JSON, XML, text or binary) described by a schema.
    Document {
        /// Its schema; `None` when nothing is known about it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        schema: Option<Schema>,
        /// Example documents, in input order.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        examples: Vec<Example>,
    },
    /// Form fields (`application/x-www-form-urlencoded` or `multipart/form-data`).
    Form {
        /// The fields, in input order.
        fields: Vec<FormField>,
    },
}

/// One form field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FormField {
    /// Field name.
    pub name: String,
    /// Whether it must be sent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// Type and constraints; a file upload has type [`SchemaType::File`].
    pub schema: Schema,
    /// Short display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How prominently to show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// An example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the field came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// A named example value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The example's title, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The value: parsed JSON for JSON documents, a string for text, XML and binary.
    pub value: Value,
}

/// A response status: a code or the catch-all `default`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    /// An HTTP status code.
    Code(u16),
    /// Any other status.
    Default,
}

impl Status {
    /// Whether this is a 2xx code.
    pub fn is_success(self) -> bool {
        matches!(self, Status::Code(200..=299))
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Default => f.write_str("default"),
        }
    }
}

impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "default" {
            return Ok(Status::Default);
        }
        match text.parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) && text.len() == 3 => Ok(Status::Code(code)),
            _ => Err(format!(
                "`{text}` is neither a three-digit HTTP status nor `default`"
            )),
        }
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One response of an operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Response {
    /// Status code or `default`.
    pub status: Status,
    /// What the response means.
    pub description: String,
    /// The media type of the body, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The body's schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    /// Example bodies, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Response headers, in input order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    /// When set, the response is the shared response of this name in [`Api::shared_responses`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<String>,
    /// Vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
    /// Where the response came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

impl Response {
    /// A response with only a status and description.
    pub fn new(status: Status, description: impl Into<String>) -> Self {
        Response {
            status,
            description: description.into(),
            media_type: None,
            schema: None,
            examples: Vec::new(),
            headers: Vec::new(),
            shared: None,
            extensions: Extensions::new(),
            origin: None,
        }
    }
}

/// A response header.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Header {
    /// Header name.
    pub name: String,
    /// Type and format.
    pub schema: Schema,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
}

/// The type keyword of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SchemaType {
    /// JSON string.
    String,
    /// JSON number with a fraction.
    Number,
    /// Whole number.
    Integer,
    /// true/false.
    Boolean,
    /// List.
    Array,
    /// Map of properties.
    Object,
    /// A file upload or download.
    File,
}

impl SchemaType {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            SchemaType::String => "string",
            SchemaType::Number => "number",
            SchemaType::Integer => "integer",
            SchemaType::Boolean => "boolean",
            SchemaType::Array => "array",
            SchemaType::Object => "object",
            SchemaType::File => "file",
        }
    }
}

/// `additionalProperties`: allowed or not, or the schema extra properties follow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    /// `true` / `false`.
    Allowed(bool),
    /// A schema for the values.
    Schema(Box<Schema>),
}

/// A JSON-Schema-like description of a value, limited to what connector definitions express
/// plus the few keywords frontends need to report (such as `nullable`).
///
/// Field names follow JSON Schema (`enum`, `$ref`...) in `ir.json`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Schema {
    /// The name of a schema in [`Api::schemas`]; when set, other fields are normally empty.
    #[serde(rename = "$ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The type; `None` means any value.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub schema_type: Option<SchemaType>,
    /// Format hint (`int32`, `date-time`, `uuid`, `binary`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Short display name of a property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Allowed values.
    #[serde(rename = "enum", default, skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Vec<Value>>,
    /// An example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Whether `null` is allowed besides the type.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// Sent by the service only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub read_only: bool,
    /// How prominently to show the property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    /// Object properties, in input order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub properties: IndexMap<String, Schema>,
    /// Names of required properties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Extra properties of an object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<AdditionalProperties>,
    /// Array items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// Schemas this one combines (all must hold).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    /// The keywords few schemas carry, boxed so that the common schema stays small; `None`
    /// when none is set (see [`Schema::keywords`] and [`Schema::edit_keywords`]). In
    /// `ir.json` they are members of the schema like the fields above.
    #[serde(flatten, deserialize_with = "keywords_if_any")]
    pub keywords: Option<Box<Keywords>>,
}

/// The keywords of a [`Schema`] that few schemas carry: validation bounds, a discriminator,
/// XML and documentation hints and vendor extensions.
///
/// Inferred and most converted schemas set none of them, so [`Schema`] holds them behind one
/// pointer: a node that sets none costs 8 bytes for them instead of the 416 they take.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Keywords {
    /// Name of the property that tells subtypes apart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
    /// Numeric lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<serde_json::Number>,
    /// Numeric upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<serde_json::Number>,
    /// Whether `minimum` is exclusive.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive_minimum: bool,
    /// Whether `maximum` is exclusive.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive_maximum: bool,
    /// Values must be a multiple of this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<serde_json::Number>,
    /// Minimum string length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Maximum string length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Regular expression strings must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Minimum array length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Maximum array length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// Whether array items must be distinct.
    #[serde(default, skip_serializing_if = "is_false")]
    pub unique_items: bool,
    /// Minimum number of properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_properties: Option<u64>,
    /// Maximum number of properties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_properties: Option<u64>,
    /// XML naming hints, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml: Option<Value>,
    /// A link to external documentation, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_docs: Option<Value>,
    /// Vendor extensions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub extensions: Extensions,
}

impl Schema {
    /// A schema of one type and nothing else.
    pub fn of(schema_type: SchemaType) -> Self {
        Schema {
            schema_type: Some(schema_type),
            ..Schema::default()
        }
    }

    /// A reference to a named schema.
    pub fn reference(name: impl Into<String>) -> Self {
        Schema {
            reference: Some(name.into()),
            ..Schema::default()
        }
    }

    /// An array of `items`.
    pub fn array_of(items: Schema) -> Self {
        Schema {
            schema_type: Some(SchemaType::Array),
            items: Some(Box::new(items)),
            ..Schema::default()
        }
    }

    /// The rarely set keywords; all empty when the schema has none.
    pub fn keywords(&self) -> &Keywords {
        self.keywords.as_deref().unwrap_or(Keywords::none())
    }

    /// Changes the rarely set keywords with `edit`, keeping [`Schema::keywords`] `None` when
    /// none is left set (so that equal schemas compare equal however they were built).
    pub fn edit_keywords<R>(&mut self, edit: impl FnOnce(&mut Keywords) -> R) -> R {
        let keywords = self.keywords.get_or_insert_with(Box::default);
        let result = edit(keywords);
        if **keywords == Keywords::default() {
            self.keywords = None;
        }
        result
    }
}

impl Keywords {
    /// No keyword set: what a schema without [`Schema::keywords`] reads as.
    pub fn none() -> &'static Keywords {
        static NONE: LazyLock<Keywords> = LazyLock::new(Keywords::default);
        &NONE
    }

    /// These keywords as [`Schema::keywords`] holds them: `None` when none is set.
    pub fn boxed(self) -> Option<Box<Keywords>> {
        (self != Keywords::default()).then(|| Box::new(self))
    }
}

/// Reads the members of a schema that belong to [`Keywords`]; `None` when there are none
/// (serde would otherwise give an empty box to every schema).
fn keywords_if_any<'de, D>(deserializer: D) -> Result<Option<Box<Keywords>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Keywords::deserialize(deserializer).map(Keywords::boxed)
}

/// The kind of value a connection parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionParameterKind {
    /// Plain text shown as typed.
    String,
    /// Secret text, masked and never written to output files.
    Secret,
    /// Whole number.
    Integer,
    /// true/false.
    Boolean,
}

/// A value the user gives once, when creating a connection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectionParameter {
    /// Identifier (letters, digits and `_`), referenced by policies as `{connection.NAME}`.
    pub name: String,
    /// What it holds.
    pub kind: ConnectionParameterKind,
    /// Label shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Explanation shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether a connection needs it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// A default value (never a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// The values the user may choose from, when limited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_values: Vec<String>,
    /// Where the parameter came from (a named value, a policy, a variable...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Whether a rewrite replaces, keeps, appends to or removes an existing value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExistsAction {
    /// Replace the existing value.
    #[default]
    Override,
    /// Keep the existing value.
    Skip,
    /// Add another value.
    Append,
    /// Remove the header or parameter.
    Delete,
}

/// When a rewrite runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// On the way to the service.
    #[default]
    Request,
    /// On the way back.
    Response,
    /// When the call failed.
    Failure,
}

/// A run-time rewrite the connector applies.
///
/// Values are templates: literal text in which `{connection.NAME}` stands for the connection
/// parameter `NAME` (write `{{` and `}}` for literal braces). Each policy applies to the
/// operations listed by id, or to every operation when the list is empty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
pub enum Policy {
    /// Sets a header.
    #[serde(rename_all = "camelCase")]
    SetHeader {
        /// Header name.
        name: String,
        /// Value template.
        value: String,
        /// What to do when the header exists.
        #[serde(default)]
        exists: ExistsAction,
        /// When to run.
        #[serde(default)]
        section: Section,
        /// Operation ids; empty = all.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        operations: Vec<String>,
        /// Where the policy came from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<Origin>,
    },
    /// Sets a query parameter.
    #[serde(rename_all = "camelCase")]
    SetQueryParameter {
        /// Parameter name.
        name: String,
        /// Value template.
        value: String,
        /// What to do when the parameter exists.
        #[serde(default)]
        exists: ExistsAction,
        /// Operation ids; empty = all.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        operations: Vec<String>,
        /// Where the policy came from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<Origin>,
    },
    /// Sends the request to another path (and optionally method) on the same host.
    #[serde(rename_all = "camelCase")]
    RouteToEndpoint {
        /// New path template; may contain `{param}` references.
        path: String,
        /// New method; `None` keeps the original one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<Method>,
        /// Operation ids; empty = all.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        operations: Vec<String>,
        /// Where the policy came from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<Origin>,
    },
    /// Replaces scheme and host (and base path) per connection, e.g.
    /// `https://{connection.region}.example.com`.
    #[serde(rename_all = "camelCase")]
    DynamicHost {
        /// URL template.
        url: String,
        /// Operation ids; empty = all.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        operations: Vec<String>,
        /// Where the policy came from.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        origin: Option<Origin>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A large Postman collection infers hundreds of thousands of schema nodes, each held at
    /// this size whatever it sets: keep the rare keywords behind [`Schema::keywords`] (848
    /// bytes before they moved there, 448 after).
    #[test]
    fn a_schema_node_stays_small() {
        let size = std::mem::size_of::<Schema>();
        assert!(size <= 448, "Schema grew to {size} bytes");
    }

    /// A schema setting every keyword, in field order.
    fn full() -> Schema {
        let mut s = Schema {
            reference: Some("Pet".into()),
            schema_type: Some(SchemaType::Object),
            format: Some("f".into()),
            title: Some("T".into()),
            summary: Some("S".into()),
            description: Some("D".into()),
            default: Some(json!({})),
            enum_values: Some(vec![json!(1)]),
            example: Some(json!({"a": 1})),
            nullable: true,
            read_only: true,
            visibility: Some(Visibility::Advanced),
            properties: [("a".to_string(), Schema::of(SchemaType::Integer))]
                .into_iter()
                .collect(),
            required: vec!["a".into()],
            additional_properties: Some(AdditionalProperties::Allowed(false)),
            items: Some(Box::new(Schema::of(SchemaType::String))),
            all_of: vec![Schema::reference("Base")],
            keywords: None,
        };
        s.edit_keywords(|k| {
            *k = Keywords {
                discriminator: Some("a".into()),
                minimum: Some(1.into()),
                maximum: Some(2.into()),
                exclusive_minimum: true,
                exclusive_maximum: true,
                multiple_of: Some(3.into()),
                min_length: Some(4),
                max_length: Some(5),
                pattern: Some("^p$".into()),
                min_items: Some(6),
                max_items: Some(7),
                unique_items: true,
                min_properties: Some(8),
                max_properties: Some(9),
                xml: Some(json!({"name": "x"})),
                external_docs: Some(json!({"url": "u"})),
                extensions: [("x-e".to_string(), json!(true))].into_iter().collect(),
            }
        });
        s
    }

    #[test]
    fn keywords_are_members_of_the_schema_in_ir_json() {
        let text = serde_json::to_string(&full()).unwrap();
        assert_eq!(
            text,
            r#"{"$ref":"Pet","type":"object","format":"f","title":"T","summary":"S","description":"D","default":{},"enum":[1],"example":{"a":1},"nullable":true,"readOnly":true,"visibility":"advanced","properties":{"a":{"type":"integer"}},"required":["a"],"additionalProperties":false,"items":{"type":"string"},"allOf":[{"$ref":"Base"}],"discriminator":"a","minimum":1,"maximum":2,"exclusiveMinimum":true,"exclusiveMaximum":true,"multipleOf":3,"minLength":4,"maxLength":5,"pattern":"^p$","minItems":6,"maxItems":7,"uniqueItems":true,"minProperties":8,"maxProperties":9,"xml":{"name":"x"},"externalDocs":{"url":"u"},"extensions":{"x-e":true}}"#
        );
        assert_eq!(serde_json::from_str::<Schema>(&text).unwrap(), full());
    }

    #[test]
    fn a_schema_without_rare_keywords_reads_back_without_a_box() {
        let plain: Schema =
            serde_json::from_value(json!({"type": "string", "minLength": 1})).unwrap();
        assert_eq!(plain.keywords().min_length, Some(1));
        let plain: Schema =
            serde_json::from_value(json!({"type": "string", "nullable": true})).unwrap();
        assert!(plain.keywords.is_none());
        assert_eq!(
            serde_json::to_string(&plain).unwrap(),
            r#"{"type":"string","nullable":true}"#
        );
    }

    #[test]
    fn unknown_and_mistyped_members_are_still_rejected() {
        for bad in [
            json!({"type": "string", "minLenght": 1}),
            json!({"minLength": "one"}),
            json!({"properties": {"a": {"maximum": 1, "bogus": 2}}}),
        ] {
            assert!(
                serde_json::from_value::<Schema>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn editing_keywords_away_leaves_no_box() {
        let mut s = Schema::of(SchemaType::String);
        s.edit_keywords(|k| k.pattern = Some("^a".into()));
        assert_eq!(s.keywords().pattern.as_deref(), Some("^a"));
        s.edit_keywords(|k| k.pattern = None);
        assert_eq!(s, Schema::of(SchemaType::String));
        s.edit_keywords(|k| k.min_length = None);
        assert!(s.keywords.is_none());
        assert_eq!(Keywords::default().boxed(), None);
    }
}
