//! The diagnostic codes of the API Management frontend (`AP001`–`AP099`).
//!
//! Codes are never renumbered or reused; the README's support matrix lists each one.

connectorize_ir::codes! {
    /// Nothing in the input looks like an API Management export.
    NOT_A_BUNDLE = ("AP001", Error, "the input is not an API Management bundle, ARM template set or APIM export");
    /// A file could not be read.
    UNREADABLE = ("AP002", Error, "a file of the bundle cannot be read");
    /// A JSON or YAML artifact is not valid.
    INVALID_ARTIFACT = ("AP003", Error, "a bundle artifact is not valid JSON or YAML");
    /// A symbolic link pointing outside the bundle was not followed.
    SYMLINK_OUTSIDE = ("AP004", Warning, "a symbolic link leads outside the bundle and was not followed");
    /// A revision other than the selected one was left out.
    OTHER_REVISION = ("AP005", Info, "an API revision other than the selected one was not converted");
    /// The API's type cannot become a connector.
    UNSUPPORTED_API_TYPE = ("AP006", Warning, "the API type (WebSocket, GraphQL, SOAP pass-through, MCP, gRPC, OData) cannot become a connector");
    /// The API has neither a specification nor operations.
    NO_OPERATIONS_SOURCE = ("AP007", Error, "the API has no specification file and no operations");
    /// The specification is WSDL, WADL or GraphQL.
    UNSUPPORTED_SPECIFICATION = ("AP008", Warning, "the API's specification is WSDL, WADL or GraphQL, which a connector cannot use");
    /// A policy file is not well-formed XML; what could be read was used.
    POLICY_NOT_WELL_FORMED = ("AP009", Warning, "a policy document is not well-formed XML and was read tolerantly");
    /// A policy file has no policy document in it.
    POLICY_UNREADABLE = ("AP010", Warning, "a policy document could not be read and was ignored");
    /// `include-fragment` names a fragment the bundle lacks.
    UNKNOWN_FRAGMENT = ("AP011", Warning, "an include-fragment refers to a policy fragment the bundle does not contain");
    /// `{{name}}` refers to a named value the bundle lacks.
    UNKNOWN_NAMED_VALUE = ("AP012", Warning, "a policy refers to a named value the bundle does not contain");
    /// A secret named value became a connection parameter.
    SECRET_NAMED_VALUE = ("AP013", Info, "a secret (or Key Vault, or unset) named value became a connection parameter; its value is not copied");
    /// Policies that keep running in API Management.
    GATEWAY_POLICIES = ("AP014", Info, "policies that run in API Management stay there: the connector calls the gateway");
    /// A policy without a connector equivalent was dropped (backend target).
    POLICY_NOT_TRANSLATED = ("AP015", Warning, "a policy has no connector equivalent and was dropped");
    /// A policy expression cannot be translated.
    POLICY_EXPRESSION = ("AP016", Warning, "a policy value is a C# policy expression, which a connector cannot evaluate");
    /// The subscription key became API key security.
    SUBSCRIPTION_KEY = ("AP017", Info, "the API Management subscription key became the connector's API key");
    /// The spec's apiKeyHeader/apiKeyQuery were dropped because no subscription is required.
    SUBSCRIPTION_NOT_REQUIRED = ("AP018", Info, "the specification's subscription-key schemes were dropped: the API does not require a subscription");
    /// OAuth settings could not be completed offline.
    OAUTH_INCOMPLETE = ("AP019", Warning, "OAuth 2.0 settings are incomplete (non-Microsoft issuer, unknown server or endpoints)");
    /// OAuth plus subscription key: the key is sent by a set-header policy.
    KEY_BESIDE_OAUTH = ("AP020", Info, "the API needs OAuth 2.0 and a subscription key: the key is sent by a set-header policy");
    /// No gateway host is known.
    NO_GATEWAY_HOST = ("AP021", Warning, "the gateway host is not in the bundle");
    /// Backend target without a backend URL.
    NO_BACKEND_URL = ("AP022", Error, "the backend target was chosen but the API has no backend URL");
    /// Query or header versioning became a policy.
    VERSION_POLICY = ("AP023", Info, "query or header versioning became a connector policy");
    /// An ARM expression could not be evaluated.
    ARM_EXPRESSION = ("AP024", Warning, "an ARM template expression could not be evaluated");
    /// An ARM parameter has no value.
    ARM_PARAMETER_MISSING = ("AP025", Warning, "an ARM template parameter has no value in any parameter file");
    /// A schema reference could not be resolved.
    DANGLING_SCHEMA = ("AP026", Warning, "an operation refers to a schema the template does not contain; an untyped schema is used");
    /// A query string in an ARM urlTemplate became query parameters.
    QUERY_IN_URL_TEMPLATE = ("AP027", Info, "a query string in an operation's URL template became query parameters");
    /// Two operations collided after splitting query strings.
    ROUTE_COLLISION = ("AP028", Warning, "operations share a method and path: one got a synthetic path and a route policy");
    /// The requested environment file does not exist.
    NO_ENVIRONMENT_FILE = ("AP029", Error, "the configuration file for the requested environment does not exist");
    /// Two versions carry the same specification.
    DUPLICATE_SPECIFICATION = ("AP030", Warning, "two API versions carry identical specifications (a known extractor bug)");
    /// authentication-basic became Basic security.
    BASIC_AUTH = ("AP031", Info, "authentication-basic became basic authentication with user-supplied credentials");
    /// Managed identity and client certificates are not possible.
    IMPOSSIBLE_AUTH = ("AP032", Warning, "managed identity or client certificate authentication to the backend is not possible in a connector");
    /// check-header became a connection parameter.
    CHECK_HEADER = ("AP033", Info, "a check-header policy became a required connection parameter sent by a set-header policy");
    /// The API is in several products.
    PRODUCT_SCOPE = ("AP034", Info, "the API is in several products; the policies of the first one were used");
    /// An operation policy matches no operation.
    UNMATCHED_OPERATION_POLICY = ("AP035", Warning, "an operation policy matches no operation of the specification");
    /// Reserved (specification failures keep the OpenAPI frontend's `OA` codes).
    SPECIFICATION_FAILED = ("AP036", Error, "reserved: a specification that cannot be read fails with the OpenAPI frontend's own OA code");
    /// A linked policy file is not in the bundle.
    POLICY_LINK = ("AP037", Warning, "a linked policy document is not in the bundle");
    /// A parameter file is corrupt.
    INVALID_PARAMETER_FILE = ("AP038", Warning, "an ARM parameter file is not valid JSON and was ignored");
    /// A secret value in the input was ignored.
    SECRET_IGNORED = ("AP039", Info, "a secret value in the input (named value, client secret, signature) was not copied");
    /// A non-current revision was converted.
    REVISION_PATH = ("AP040", Info, "a non-current revision was converted; its base path carries `;rev=N`");
    /// The API is not served over HTTPS.
    NO_HTTPS = ("AP041", Warning, "the API is not served over HTTPS");
    /// A backend id is unknown.
    UNKNOWN_BACKEND = ("AP042", Warning, "set-backend-service names a backend the bundle does not contain");
    /// A version set is unknown.
    UNKNOWN_VERSION_SET = ("AP043", Warning, "the API's version set is not in the bundle; no version selector was added");
    /// An operation method is not supported.
    UNSUPPORTED_METHOD = ("AP044", Warning, "an operation uses an HTTP method a connector cannot carry and was dropped");
    /// The converted API breaks an IR invariant.
    INVALID_RESULT = ("AP045", Error, "the converted API breaks an invariant of the intermediate form");
    /// An ARM operation name became a PascalCase, unique operation id.
    OPERATION_RENAMED = ("AP046", Info, "an ARM operation name that is not letters and digits (or is a generated key) became a PascalCase operation id");
    /// An authorization server or OpenID provider is unknown.
    UNKNOWN_AUTH_SERVER = ("AP047", Warning, "authenticationSettings names an authorization server or OpenID provider the bundle does not contain");
    /// Operation-level differences in rewriting cannot be expressed.
    OPERATION_HOST = ("AP048", Info, "set-backend-service differs per operation and became a dynamic host policy");
    /// A named value was overridden by the environment file.
    ENVIRONMENT_OVERRIDE = ("AP049", Info, "values were overridden from the environment configuration file");
    /// A raw export's version set or path could not be confirmed.
    RAW_EXPORT = ("AP050", Info, "a raw API Management export was read: path and subscription key come from the document itself");
    /// No gateway host is known at all.
    UNKNOWN_GATEWAY_HOST = ("AP051", Error, "the gateway host is in neither the specification nor the bundle; pass --gateway-host");
    /// The API's CORS policy refuses the Power Platform test console.
    CORS_TEST_CONSOLE = ("AP052", Info, "the API's CORS policy does not allow the Power Platform maker portal, so the connector's test console will be refused");
}
