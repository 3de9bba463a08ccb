//! Diagnostic codes of the Postman frontend (`PM001`–`PM099`).
//!
//! Codes are never renumbered or reused; a retired code keeps its number.

connectorize_ir::codes! {
    /// The file is not valid JSON.
    INVALID_JSON = ("PM001", Error, "the collection is not valid JSON");
    /// The JSON does not have the shape of a Postman collection.
    INVALID_COLLECTION = ("PM002", Error, "the JSON does not have the shape of a Postman v2.x collection");
    /// A collection in the v1 format.
    V1_COLLECTION = ("PM003", Error, "Postman collection v1 is not supported; re-export as v2.1");
    /// The collection holds no request at all.
    NO_REQUESTS = ("PM004", Error, "the collection contains no request");
    /// The host of the requests is a variable with no value.
    UNRESOLVED_HOST = ("PM005", Error, "the host is a variable with no value; pass it with --var or --environment");
    /// The environment file is not a Postman environment.
    INVALID_ENVIRONMENT = ("PM006", Error, "the environment file is not a valid Postman environment");
    /// `info.schema` is missing or unknown; read as v2.x.
    UNKNOWN_SCHEMA = ("PM007", Info, "info.schema is missing or not a known v2.x schema; the file is read as v2.x");
    /// Requests use origins other than the dominant one.
    OTHER_ORIGINS = ("PM008", Warning, "some requests use another scheme, host or base path than the connector's");
    /// A request whose host cannot be resolved was skipped.
    SKIPPED_UNRESOLVED_HOST = ("PM009", Warning, "a request was skipped because its host is a variable with no value");
    /// A request has no usable URL.
    NO_URL = ("PM010", Warning, "a request has no usable URL and was skipped");
    /// A method the connector format cannot express.
    UNSUPPORTED_METHOD = ("PM011", Warning, "a request uses an HTTP method Swagger 2.0 cannot express and was skipped");
    /// Requests sharing method and path were merged.
    MERGED_OPERATIONS = ("PM012", Info, "requests with the same method and path were merged into one operation");
    /// A request name has no ASCII letters or digits.
    NON_ASCII_NAME = ("PM013", Info, "a request name has no ASCII letters or digits; its operation id comes from method and path");
    /// A variable refers to itself, directly or not.
    VARIABLE_CYCLE = ("PM014", Warning, "a variable refers to itself; the reference was left unresolved");
    /// A query parameter is listed more than once.
    DUPLICATE_QUERY = ("PM015", Info, "a query parameter is listed more than once; the entries were collapsed");
    /// Headers (or form fields) the platform or the auth scheme sets were dropped.
    DROPPED_HEADERS = ("PM016", Info, "Content-Type, Accept and authentication headers (or key fields) are not parameters; they were dropped");
    /// A JSON body could not be parsed even tolerantly.
    INVALID_BODY_JSON = ("PM017", Warning, "a JSON request body could not be parsed; no schema was inferred from it");
    /// A body on GET or HEAD was dropped.
    BODY_ON_GET = ("PM018", Warning, "a GET or HEAD request has a body, which connectors cannot send; it was dropped");
    /// Merged requests have bodies of different kinds.
    CONFLICTING_BODIES = ("PM019", Warning, "merged requests have bodies of different media types; the first was kept");
    /// Samples disagree on a property's type.
    TYPE_CONFLICT = ("PM020", Warning, "samples disagree on a value's type; the schema allows any value there");
    /// Inference stopped at the depth or sample cap.
    INFERENCE_CAPPED = ("PM021", Info, "schema inference stopped at its depth or sample cap");
    /// A saved example that claims JSON is not JSON.
    INVALID_EXAMPLE_JSON = ("PM022", Info, "a saved response example is not valid JSON; it was kept as a string");
    /// A saved example has no usable status code.
    EXAMPLE_WITHOUT_STATUS = ("PM023", Warning, "a saved response example has no status code; its status text or `default` was used");
    /// An auth type with no connector equivalent.
    UNSUPPORTED_AUTH = ("PM024", Warning, "an authentication type has no connector equivalent; requests using it get no authentication");
    /// Requests use different auth; one was chosen.
    MIXED_AUTH = ("PM025", Warning, "requests use different authentication; the connector uses one of them");
    /// A token request became the OAuth token URL.
    TOKEN_REQUEST = ("PM026", Info, "a token request (grant_type=...) became the OAuth token URL instead of an operation");
    /// A literal Authorization header became the auth scheme.
    AUTH_FROM_HEADER = ("PM027", Info, "a literal Authorization header was read as the collection's authentication");
    /// Bearer tokens are entered as an API key in the Authorization header.
    BEARER_AS_API_KEY = ("PM028", Info, "bearer/JWT auth becomes an API key in the Authorization header (the user enters `Bearer <token>`)");
    /// Scripts are not converted.
    SCRIPTS_IGNORED = ("PM029", Info, "pre-request and test scripts are not converted (only asserted status codes are read)");
    /// Secret values were left out.
    SECRETS_REMOVED = ("PM030", Info, "secret values (tokens, passwords, keys, secret variables) were left out of the output");
    /// `--auth` names a type the collection does not use.
    UNKNOWN_AUTH_CHOICE = ("PM031", Warning, "--auth names an authentication type the collection does not use");
    /// OAuth 2.0 settings are incomplete.
    INCOMPLETE_OAUTH = ("PM032", Warning, "OAuth 2.0 settings are incomplete (a URL is missing or is an unresolved variable)");
    /// A request uses a scheme other than http/https.
    UNSUPPORTED_SCHEME = ("PM033", Warning, "a request uses a URL scheme other than http or https and was skipped");
    /// Examples were capped.
    EXAMPLES_CAPPED = ("PM034", Info, "only the first examples (up to 32 KiB each) of each body and response are kept");
    /// Empty folders give no tag.
    EMPTY_FOLDER = ("PM035", Info, "a folder holds no request and gives no tag");
    /// The collection holds only token requests or skipped requests.
    NO_OPERATIONS = ("PM036", Error, "no request of the collection could become an operation");
    /// Nested folders are flattened into their top-level folder's tag.
    NESTED_FOLDERS = ("PM037", Info, "requests in nested folders use their top-level folder's tag");
    /// A body or example too large to keep; its schema is inferred without parsing it whole.
    LARGE_EXAMPLE = ("PM038", Info, "a body or saved example over 1 MiB is not kept as an example; its schema is inferred from its text in one pass");
}
