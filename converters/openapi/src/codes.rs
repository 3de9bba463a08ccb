//! Diagnostic codes of the OpenAPI frontend (`OA…`). Never renumbered or reused.

connectorize_ir::codes! {
    /// The text is neither JSON nor YAML.
    INVALID_SYNTAX = ("OA001", Error, "the document is not valid JSON or YAML");
    /// No `swagger: "2.0"` or `openapi: 3.0.x / 3.1.x` member, or another version.
    NOT_OPENAPI = ("OA002", Error, "the document is not Swagger 2.0, OpenAPI 3.0 or OpenAPI 3.1");
    /// A member the conversion needs has the wrong shape (root or `paths` not an object).
    INVALID_STRUCTURE = ("OA003", Error, "the document's root or paths member has the wrong type");
    /// Nesting deeper than the limit, or alias expansion too large.
    TOO_LARGE = ("OA004", Error, "the document nests too deeply or expands too much through YAML aliases");
    /// A YAML 1.1 reader would read a scalar or key differently than YAML 1.2 does.
    YAML_AMBIGUOUS = ("OA005", Warning, "a YAML value or key means different things in YAML 1.1 and 1.2");
    /// A key appears twice in one mapping.
    DUPLICATE_KEY = ("OA006", Warning, "a key appears twice in one mapping; the last value is kept");
    /// The YAML stream has more than one document.
    MULTIPLE_DOCUMENTS = ("OA007", Warning, "the YAML stream holds several documents; only the first is read");
    /// A `$ref` to another file or URL.
    EXTERNAL_REF = ("OA008", Warning, "an external $ref is not followed");
    /// A local `$ref` whose target does not exist.
    UNRESOLVED_REF = ("OA009", Warning, "a local $ref names nothing in the document");
    /// A `$ref` chain loops, or an inlined schema contains itself.
    CIRCULAR_REF = ("OA010", Warning, "a $ref chain or inlined schema refers back to itself");
    /// A member has the wrong JSON type; it is converted or ignored.
    WRONG_TYPE = ("OA011", Warning, "a member has the wrong type; it is converted or ignored");
    /// A member without an equivalent in the intermediate form is dropped.
    UNSUPPORTED_MEMBER = ("OA012", Warning, "a member has no equivalent in a connector and is dropped");
    /// A server variable took its default value.
    SERVER_VARIABLE_DEFAULT = ("OA013", Info, "a server variable takes its default value");
    /// A server URL cannot give a host (relative, unresolved variable, malformed).
    SERVER_UNUSABLE = ("OA014", Warning, "a server URL cannot be used as the connector's host");
    /// Several servers: the first is used, the others are kept as alternatives.
    ALTERNATIVE_SERVERS = ("OA015", Warning, "only the first server is used; the others are alternatives");
    /// `oneOf`/`anyOf` or a list of types approximated by the widest schema.
    SCHEMA_UNION = ("OA016", Warning, "oneOf, anyOf or a list of types is approximated by the widest schema");
    /// A schema keyword Swagger 2.0 cannot express is dropped.
    SCHEMA_KEYWORD_DROPPED = ("OA017", Warning, "a schema keyword has no Swagger 2.0 equivalent and is dropped");
    /// A schema keyword is rewritten into its Swagger 2.0 form.
    SCHEMA_KEYWORD_CONVERTED = ("OA018", Info, "a schema keyword is rewritten in its Swagger 2.0 form");
    /// A cookie parameter or cookie API key.
    COOKIE_PARAMETER = ("OA019", Warning, "cookie parameters cannot be sent by a connector and are dropped");
    /// A parameter `style`/`explode` Swagger 2.0 cannot express.
    PARAMETER_STYLE = ("OA020", Warning, "a parameter style or explode setting has no Swagger 2.0 equivalent");
    /// Callbacks are dropped.
    CALLBACKS = ("OA021", Warning, "callbacks have no connector equivalent and are dropped");
    /// Response links are dropped.
    LINKS = ("OA022", Warning, "response links have no connector equivalent and are dropped");
    /// Webhooks (OpenAPI 3.1) are dropped.
    WEBHOOKS = ("OA023", Warning, "webhooks have no connector equivalent and are dropped");
    /// HTTP bearer authentication becomes an API key on `Authorization`.
    BEARER_AS_API_KEY = ("OA024", Info, "HTTP bearer authentication becomes an API key sent in the Authorization header");
    /// A security scheme a connector cannot use.
    SECURITY_SCHEME_UNSUPPORTED = ("OA025", Warning, "a security scheme has no connector equivalent and is dropped");
    /// One OAuth 2.0 flow of several is used.
    OAUTH_FLOW_CHOSEN = ("OA026", Warning, "only one OAuth 2.0 flow is used; the others are dropped");
    /// OpenID Connect becomes OAuth 2.0 without endpoints.
    OPENID_CONNECT = ("OA027", Warning, "OpenID Connect becomes OAuth 2.0 whose endpoints must be filled in");
    /// A requirement combining several schemes is split.
    SECURITY_COMBINED = ("OA028", Warning, "a security requirement needing several schemes at once is split into alternatives");
    /// An operation has no operationId; one is made.
    OPERATION_ID_MISSING = ("OA029", Info, "an operation has no operationId; one is made from its summary or route");
    /// An operationId that is not letters and digits, or is a generated key, is rebuilt.
    OPERATION_ID_REBUILT = ("OA030", Warning, "an operationId that is not letters and digits, or is a generated key, is rebuilt in PascalCase");
    /// An operationId used twice gets a numeric suffix.
    OPERATION_ID_DUPLICATE = ("OA031", Warning, "an operationId is used twice; the later one gets a numeric suffix");
    /// A body or response offers several media types; one is used.
    MEDIA_TYPE_CHOSEN = ("OA032", Warning, "only one media type of a request body or response is used");
    /// A form body whose schema has no properties is kept as a document.
    FORM_NOT_OBJECT = ("OA033", Warning, "a form body's schema lists no properties; it is sent as one document");
    /// A response status that is a range or malformed.
    RESPONSE_STATUS = ("OA034", Warning, "a response status is a range or malformed");
    /// Path template variables and path parameters did not match.
    PATH_PARAMETER_FIXED = ("OA035", Warning, "a path variable lacked its parameter, or a path parameter its variable");
    /// Two operations share method and path (case-insensitively).
    DUPLICATE_ROUTE = ("OA036", Warning, "an operation repeats another's method and path and is dropped");
    /// `trace` or another method a connector cannot call.
    UNSUPPORTED_METHOD = ("OA037", Warning, "an operation uses a method a connector cannot call and is dropped");
    /// Schema nesting deeper than the limit.
    DEPTH_LIMIT = ("OA038", Warning, "a schema nests deeper than the limit; the rest is cut");
    /// `info.title` is missing.
    MISSING_TITLE = ("OA039", Warning, "the document has no info.title");
    /// Path-level parameters are copied into each operation.
    PATH_PARAMETERS_MOVED = ("OA040", Info, "path-level parameters are copied into each operation of the path");
    /// The connector properties file cannot be read.
    INVALID_PROPERTIES = ("OA041", Error, "the connector properties file is not JSON with a properties object");
    /// A tag an operation uses is not declared; it is declared.
    UNDECLARED_TAG = ("OA042", Info, "an operation uses a tag the document does not declare; it is declared");
    /// A parameter described by `content` rather than `schema`.
    PARAMETER_CONTENT = ("OA043", Warning, "a parameter described by content uses its first media type's schema");
    /// The same parameter is declared twice in one operation.
    DUPLICATE_PARAMETER = ("OA044", Warning, "a parameter is declared twice in one operation; the later one is dropped");
    /// An example given by URL only.
    EXTERNAL_EXAMPLE = ("OA045", Warning, "an example given only by externalValue is dropped");
    /// A security requirement names a scheme that is not declared or was dropped.
    SECURITY_UNKNOWN = ("OA046", Warning, "a security requirement names no usable scheme and is dropped");
    /// A `.json` file that is not valid JSON but is valid YAML (flow style, trailing commas).
    JSON_READ_AS_YAML = ("OA047", Warning, "a JSON file is not valid JSON and was read as YAML");
}
