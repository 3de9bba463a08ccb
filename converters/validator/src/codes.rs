//! Diagnostic codes of the validator (`CN100`–`CN399`).
//!
//! Severity follows one rule: `Error` when the Power Platform validator or portal rejects
//! the file (or the connector cannot work at all), `Warning` when it is accepted but makers
//! suffer, or when merged certified connectors show the service accepts it. Codes are never
//! renumbered or reused; see the README for the source of each rule.

connectorize_ir::codes! {
    // --- files and limits -------------------------------------------------------------
    /// A file is not valid JSON.
    INVALID_JSON = ("CN100", Error, "the file is not valid JSON");
    /// An object repeats a key.
    DUPLICATE_KEY = ("CN101", Warning, "an object repeats a key; only the last value counts");
    /// The minified swagger exceeds 1 MB.
    FILE_TOO_LARGE = ("CN102", Error, "the swagger is larger than 1 MB even when minified");
    /// The swagger as written exceeds 1 MB.
    FILE_LARGE_FORMATTED = ("CN103", Warning, "the swagger file is larger than 1 MB as written (minified it fits)");
    /// More than 256 operations.
    TOO_MANY_OPERATIONS = ("CN104", Error, "the swagger defines more than 256 operations");
    /// A body schema counts more than 512 schemas.
    BODY_SCHEMA_COUNT = ("CN105", Error, "a body schema expands to more than 512 schemas");
    /// An operation counts more than 16,384 schemas.
    OPERATION_SCHEMA_COUNT = ("CN106", Error, "an operation expands to more than 16,384 schemas");
    /// The document counts more schemas than operations × 16,384.
    TOTAL_SCHEMA_COUNT = ("CN107", Error, "the swagger has more schemas than operations × 16,384");

    // --- document structure -------------------------------------------------------------
    /// `swagger` is not "2.0".
    SWAGGER_VERSION = ("CN110", Error, "the 'swagger' property must be the string \"2.0\"");
    /// A required property is missing.
    REQUIRED_PROPERTY = ("CN111", Error, "a required property is missing");
    /// A required property is empty.
    REQUIRED_VALUE_EMPTY = ("CN112", Error, "a required property has an empty value");
    /// A property is not allowed at this position.
    PROPERTY_NOT_ALLOWED = ("CN113", Error, "a property is not allowed here by the Swagger 2.0 schema");
    /// A value has the wrong JSON type.
    JSON_TYPE = ("CN114", Error, "a value has the wrong JSON type");
    /// A value is not one of the allowed values.
    VALUE_NOT_IN_ENUM = ("CN115", Error, "a value is not one of the allowed values");
    /// An extension value outside its list (`x-ms-visibility`, `x-ms-url-encoding`, annotation status).
    EXTENSION_VALUE = ("CN116", Warning, "an x-ms-* extension value (visibility, url-encoding, status) is not one of its allowed values");
    /// An `x-ms-*` extension that the schema does not define here.
    EXTENSION_NOT_ALLOWED = ("CN117", Warning, "an x-ms-* extension is unknown or misplaced");
    /// `host` is not a bare host name.
    HOST_INVALID = ("CN118", Error, "'host' must be a host name (and port) without scheme or path");
    /// `basePath` does not start with '/'.
    BASE_PATH_INVALID = ("CN119", Error, "'basePath' must start with '/'");
    /// `schemes` is empty.
    SCHEMES_EMPTY = ("CN120", Error, "'schemes' must not be empty");
    /// A scheme other than http/https.
    SCHEME_INVALID = ("CN121", Error, "'schemes' may only contain http and https");
    /// A WebSocket scheme.
    SCHEME_WEBSOCKET = ("CN122", Error, "WebSocket schemes (ws, wss) are not supported");
    /// A MIME type that is not syntactically valid.
    MIME_TYPE_INVALID = ("CN123", Error, "a MIME type is not of the form type/subtype");
    /// A MIME type the platform does not support.
    MIME_TYPE_UNSUPPORTED = ("CN124", Warning, "a MIME type is not one the platform supports");
    /// `info.contact.email` is not an email address.
    CONTACT_EMAIL = ("CN125", Error, "the contact email is not a valid email address");
    /// A URL property is not an absolute URL.
    URL_INVALID = ("CN126", Error, "a URL property is not a valid absolute URL");
    /// A tag is declared twice.
    TAG_REDEFINED = ("CN127", Warning, "a tag is declared more than once");
    /// An array that must hold unique values repeats one.
    ARRAY_DUPLICATE = ("CN128", Warning, "an array repeats a value that must be unique");
    /// A JSON Schema keyword that Swagger 2.0 does not support.
    KEYWORD_NOT_SUPPORTED = ("CN129", Warning, "a schema keyword is not supported by Swagger 2.0");
    /// A property in a schema that is neither a keyword nor an `x-` extension.
    EXTENSION_NAME = ("CN130", Warning, "an unknown schema property must be an x- extension");

    // --- paths and operations -----------------------------------------------------------
    /// A path does not start with '/'.
    PATH_NO_SLASH = ("CN140", Error, "a path must start with '/'");
    /// A path has a query or fragment.
    PATH_QUERY_FRAGMENT = ("CN141", Error, "a path must not contain '?' or '#'");
    /// A path has '*'.
    PATH_WILDCARD = ("CN142", Error, "a path must not contain the wildcard '*'");
    /// A path template variable spans segments or a brace is unbalanced.
    PATH_TEMPLATE = ("CN143", Error, "each {variable} must fill part of one path segment");
    /// A path template variable has a '=' default.
    PATH_VARIABLE_DEFAULT = ("CN144", Error, "path template variables cannot have '=' defaults");
    /// Two paths differ only in letter case.
    PATH_REDEFINED = ("CN145", Error, "two paths differ only in letter case");
    /// Two operations have indistinguishable path templates.
    DUPLICATE_OPERATION_PATH = ("CN146", Error, "two operations have indistinguishable path templates");
    /// Two operations' paths overlap when a variable matches a static segment.
    PARTIAL_DUPLICATE_PATH = ("CN147", Warning, "two operations' paths overlap when a variable matches a static segment");
    /// A path item uses `$ref`.
    PATH_ITEM_REF = ("CN148", Error, "'$ref' on a path item is not supported");
    /// An operation has no `operationId`.
    OPERATION_ID_REQUIRED = ("CN149", Error, "an operation has no operationId");
    /// Two operations share an `operationId`.
    OPERATION_ID_NOT_UNIQUE = ("CN150", Error, "an operationId is used more than once");
    /// An `operationId` has characters other than letters, digits and '_'.
    OPERATION_ID_SANITIZED = ("CN151", Warning, "an operationId has characters other than letters, digits and '_'");
    /// An operation has no responses.
    OPERATION_NO_RESPONSE = ("CN152", Error, "an operation has no response");
    /// An operation has no 2xx response.
    OPERATION_NO_SUCCESS = ("CN153", Warning, "an operation has no successful (2xx) response");
    /// A response key is not a status code or "default".
    RESPONSE_CODE_INVALID = ("CN154", Error, "a response key must be a 3-digit status code or 'default'");
    /// The `default` response has a schema.
    DEFAULT_RESPONSE_SCHEMA = ("CN155", Warning, "the 'default' response should not have a schema");
    /// More than one response has a schema.
    MANY_RESPONSE_SCHEMAS = ("CN156", Warning, "more than one response has a schema; the designer uses one");
    /// An operation summary is longer than 80 characters.
    SUMMARY_TOO_LONG = ("CN157", Warning, "an operation summary is longer than 80 characters");
    /// An operation summary has one of / \ < > * % & ?.
    SUMMARY_RESTRICTED_CHARACTERS = ("CN158", Error, "an operation summary contains one of / \\ < > * % & ?");
    /// Response headers repeat a name (case-insensitively).
    RESPONSE_HEADERS_NOT_UNIQUE = ("CN159", Warning, "a response declares a header twice");
    /// A response example's MIME type is not produced by the operation.
    RESPONSE_EXAMPLE_MIME = ("CN160", Warning, "a response example has a MIME type the operation does not produce");
    /// An operation family has two operations with the same revision.
    FAMILY_DUPLICATE_REVISIONS = ("CN161", Warning, "an operation family has two operations with the same revision");
    /// An operation family has more than two active operations.
    FAMILY_MANY_ACTIVE = ("CN162", Warning, "an operation family has more than two non-deprecated operations");
    /// An operation family has several active Production operations.
    FAMILY_MANY_PRODUCTION = ("CN163", Warning, "an operation family has several active operations in Production status");
    /// An operation family has several operations without revision.
    FAMILY_MANY_EMPTY_REVISIONS = ("CN164", Warning, "an operation family has several operations without revision");
    /// An operation in a family has no revision.
    REVISION_EMPTY = ("CN165", Warning, "an operation in a family does not specify a revision");
    /// A revised operation's id does not end with its revision suffix.
    OPERATION_ID_REVISION_SUFFIX = ("CN166", Warning, "an operation with revision n > 1 should have an id ending in _Vn");
    /// `replacement` on an operation that is not deprecated.
    REPLACEMENT_ON_ACTIVE = ("CN167", Warning, "'replacement' is only for deprecated operations");
    /// `replacement` without `api`.
    REPLACEMENT_MISSING_API = ("CN168", Warning, "'replacement' must specify 'api'");
    /// `replacement` without `operationId`.
    REPLACEMENT_MISSING_OPERATION_ID = ("CN169", Warning, "'replacement' must specify 'operationId'");
    /// An operation is in Production while the connector is in Preview.
    STATUS_AHEAD_OF_CONNECTOR = ("CN170", Warning, "an operation is in Production status while the connector is in Preview");
    /// `x-ms-pageable.nextLinkName` is not nextLink or @odata.nextLink.
    PAGEABLE_NEXT_LINK = ("CN171", Warning, "x-ms-pageable nextLinkName must be 'nextLink' or '@odata.nextLink'");

    // --- parameters ---------------------------------------------------------------------
    /// A parameter `$ref` is not `#/parameters/...`.
    PARAMETER_REF_INVALID = ("CN180", Error, "a parameter reference must start with '#/parameters/'");
    /// A parameter `$ref` names nothing.
    PARAMETER_REF_NOT_FOUND = ("CN181", Error, "a parameter reference names no shared parameter");
    /// A shared parameter is itself a `$ref`.
    PARAMETER_REF_LOOP = ("CN182", Error, "a shared parameter may not be a '$ref' to another one");
    /// Two parameters share a name and location.
    DUPLICATE_PARAMETER = ("CN183", Error, "two parameters have the same name and location");
    /// More than one body parameter.
    MULTIPLE_BODY = ("CN184", Error, "more than one 'body' parameter");
    /// Both body and formData parameters.
    BODY_AND_FORM_DATA = ("CN185", Error, "'body' and 'formData' parameters cannot be mixed");
    /// A body or formData parameter on a GET.
    BODY_IN_GET = ("CN186", Error, "a GET operation cannot have body or formData parameters");
    /// A parameter named connectionId.
    CONNECTION_ID_PARAMETER = ("CN187", Error, "a parameter cannot be named 'connectionId'");
    /// A path parameter is not required.
    PATH_PARAMETER_NOT_REQUIRED = ("CN188", Error, "a path parameter must have \"required\": true");
    /// A path parameter is not in the path template.
    PATH_PARAMETER_NOT_IN_TEMPLATE = ("CN189", Error, "a path parameter does not appear in the path template");
    /// A path template variable has no parameter.
    PATH_PARAMETER_MISSING = ("CN190", Error, "a path template variable has no path parameter");
    /// A path parameter has no `x-ms-url-encoding`.
    PATH_PARAMETER_ENCODING = ("CN191", Warning, "a path parameter has no \"x-ms-url-encoding\"");
    /// A query parameter has `x-ms-url-encoding`.
    QUERY_PARAMETER_ENCODING = ("CN192", Warning, "'x-ms-url-encoding' is not supported on query parameters");
    /// A `file` parameter outside formData.
    FILE_NOT_IN_FORM_DATA = ("CN193", Error, "a 'file' parameter must be in 'formData'");
    /// A formData parameter name with non-ASCII characters.
    FORM_DATA_NAME_ASCII = ("CN194", Error, "a formData parameter name must be US-ASCII");
    /// A body parameter without `schema`.
    BODY_SCHEMA_REQUIRED = ("CN195", Error, "a 'body' parameter must have a 'schema'");
    /// A body parameter uses a non-body keyword.
    BODY_PROPERTY_INVALID = ("CN196", Error, "a 'body' parameter uses a keyword that belongs in its schema");
    /// A non-body parameter has a `schema`.
    NON_BODY_SCHEMA = ("CN197", Error, "only 'body' parameters may have a 'schema'");
    /// `allowEmptyValue` outside query/formData.
    ALLOW_EMPTY_VALUE = ("CN198", Error, "'allowEmptyValue' is only valid in query and formData");
    /// An unsupported `collectionFormat`.
    COLLECTION_FORMAT = ("CN199", Error, "a 'collectionFormat' value is not supported here");
    /// An internal parameter with a default that is optional.
    INTERNAL_OPTIONAL_DEFAULT = ("CN200", Warning, "an internal parameter with a default is optional, so it is never sent");
    /// A required internal parameter without default.
    INTERNAL_REQUIRED_NO_DEFAULT = ("CN201", Warning, "a required internal parameter has no default value");
    /// A string/binary parameter with a form-urlencoded operation.
    STRING_BINARY_FORM_URLENCODED = ("CN202", Error, "string/binary parameters are not supported with application/x-www-form-urlencoded");
    /// An operation with a body has no supported MIME type in consumes.
    CONSUMES_MISSING = ("CN203", Warning, "an operation with a body has no supported MIME type in 'consumes'");

    // --- schemas and references ---------------------------------------------------------
    /// A schema `$ref` is not `#/definitions/...`.
    SCHEMA_REF_INVALID = ("CN210", Error, "a schema reference must start with '#/definitions/'");
    /// A schema `$ref` names nothing.
    SCHEMA_REF_NOT_FOUND = ("CN211", Error, "a schema reference names no definition");
    /// A definition is only a `$ref` to another definition.
    SCHEMA_REF_LOOP = ("CN212", Error, "a definition may not be a '$ref' to another definition");
    /// A response `$ref` is not `#/responses/...`.
    RESPONSE_REF_INVALID = ("CN213", Error, "a response reference must start with '#/responses/'");
    /// A response `$ref` names nothing.
    RESPONSE_REF_NOT_FOUND = ("CN214", Error, "a response reference names no shared response");
    /// A shared response is itself a `$ref`.
    RESPONSE_REF_LOOP = ("CN215", Error, "a shared response may not be a '$ref' to another one");
    /// A `$ref` is not a valid JSON pointer.
    JSON_POINTER_INVALID = ("CN216", Error, "a '$ref' is not a valid JSON pointer");
    /// Properties next to a schema `$ref`.
    REF_SIBLINGS = ("CN217", Warning, "properties next to '$ref' are ignored");
    /// An array schema without `items`.
    ARRAY_NO_ITEMS = ("CN218", Warning, "an array has no 'items'");
    /// An empty `required` array.
    REQUIRED_EMPTY = ("CN219", Warning, "a 'required' array is empty");
    /// `required` on a schema that is not an object.
    REQUIRED_NOT_ON_OBJECT = ("CN220", Warning, "'required' is only for object schemas");
    /// `required` names a property that is not defined.
    REQUIRED_NOT_DEFINED = ("CN221", Warning, "'required' names a property the schema does not define");
    /// A required read-only property in an input schema.
    REQUIRED_READONLY_INPUT = ("CN222", Warning, "an input property is both required and read-only");
    /// Required properties loop through references.
    REQUIRED_LOOP = ("CN223", Error, "required properties form a loop through references");
    /// An empty `enum`.
    ENUM_EMPTY = ("CN224", Error, "an 'enum' array is empty");
    /// An enum value of the wrong type.
    ENUM_VALUE_TYPE = ("CN225", Warning, "an enum value does not match the schema type");
    /// A default of the wrong type.
    DEFAULT_TYPE = ("CN226", Warning, "a 'default' value does not match the type");
    /// An unknown `format`.
    UNRECOGNIZED_FORMAT = ("CN227", Warning, "a 'format' is not one the platform recognises");
    /// `type: file` outside formData and response roots.
    TYPE_FILE = ("CN228", Error, "'type: file' is only valid in formData parameters and response roots");
    /// A nested string/binary schema.
    STRING_BINARY_NESTED = ("CN229", Warning, "string/binary is only valid at the top of a body or formData parameter");
    /// A discriminator that is not a required string property.
    DISCRIMINATOR = ("CN230", Error, "'discriminator' must name a required string property");
    /// `exclusiveMaximum` without `maximum`.
    EXCLUSIVE_MAXIMUM = ("CN231", Error, "'exclusiveMaximum' needs 'maximum'");
    /// `exclusiveMinimum` without `minimum`.
    EXCLUSIVE_MINIMUM = ("CN232", Error, "'exclusiveMinimum' needs 'minimum'");
    /// A negative length, item or property bound.
    NEGATIVE_BOUND = ("CN233", Error, "a min/max length, items or properties bound is negative");
    /// A lower bound above the upper bound.
    MIN_ABOVE_MAX = ("CN234", Warning, "a lower bound is greater than the upper bound");
    /// `multipleOf` not greater than zero.
    MULTIPLE_OF = ("CN235", Error, "'multipleOf' must be greater than zero");
    /// A `pattern` that is not a valid regular expression.
    PATTERN_INVALID = ("CN236", Warning, "a 'pattern' is not a valid regular expression");
    /// An internal property with a default that is not required.
    INTERNAL_PROPERTY_NOT_REQUIRED = ("CN237", Warning, "an internal property with a default is not required, so it is never sent");
    /// `x-ms-editor: dictionary` on a schema that is not an open object.
    EDITOR_DICTIONARY = ("CN238", Warning, "x-ms-editor 'dictionary' needs an object schema that allows additional properties");

    // --- extensions ---------------------------------------------------------------------
    /// `x-ms-enum-values` maps one value twice.
    ENUM_VALUES_DUPLICATE = ("CN250", Warning, "x-ms-enum-values lists a value twice");
    /// `x-ms-enum-values` has a value outside `enum`.
    ENUM_VALUES_NOT_IN_ENUM = ("CN251", Warning, "an x-ms-enum-values value is not in 'enum'");
    /// `x-ms-enum-values` entry without displayName.
    ENUM_VALUES_DISPLAY_NAME = ("CN252", Error, "an x-ms-enum-values entry has no 'displayName'");
    /// Dynamic extensions on a body parameter instead of its schema.
    DYNAMIC_ON_BODY_PARAMETER = ("CN253", Warning, "dynamic extensions belong in the body schema, not on the body parameter");
    /// An extension names an operationId that does not exist.
    OPERATION_ID_NOT_FOUND = ("CN254", Error, "an extension names an operationId that does not exist");
    /// A dynamic extension passes a parameter the target operation does not have.
    DYNAMIC_PARAMETER_NOT_FOUND = ("CN255", Warning, "a dynamic extension passes a parameter the target operation does not have");
    /// A dynamic extension omits a required parameter of the target operation.
    DYNAMIC_REQUIRED_PARAMETER_MISSING = ("CN256", Warning, "a dynamic extension does not pass a required parameter of the target operation");
    /// A dynamic extension takes its value from an internal parameter.
    DYNAMIC_SOURCE_INTERNAL = ("CN257", Warning, "a dynamic extension takes a value from an internal parameter");
    /// `x-ms-dynamic-values` references a body property without `x-ms-dynamic-list`.
    DYNAMIC_LIST_REQUIRED = ("CN258", Warning, "x-ms-dynamic-values references a property path; x-ms-dynamic-list is needed");
    /// `x-ms-dynamic-schema` needs `x-ms-dynamic-properties`.
    DYNAMIC_PROPERTIES_REQUIRED = ("CN259", Warning, "x-ms-dynamic-schema needs x-ms-dynamic-properties here");
    /// `x-ms-dynamic-properties.itemValuePath` does not match `x-ms-dynamic-schema.value-path`.
    DYNAMIC_PROPERTIES_PATH_MISMATCH = ("CN260", Warning, "x-ms-dynamic-properties itemValuePath differs from x-ms-dynamic-schema value-path");
    /// A file-picker capability without `x-ms-dynamic-tree`.
    DYNAMIC_TREE_MISSING = ("CN261", Warning, "file-picker dynamic values need x-ms-dynamic-tree");
    /// `selectedItemValuePath` outside the browse operation of a dynamic tree.
    SELECTED_ITEM_VALUE_PATH = ("CN262", Warning, "'selectedItemValuePath' is only allowed in x-ms-dynamic-tree 'browse'");
    /// `x-ms-dynamic-values` without operationId, builtInOperation or capability.
    DYNAMIC_SOURCE_MISSING = ("CN263", Error, "x-ms-dynamic-values needs one of operationId, builtInOperation, capability");
    /// A static value of another type than the target parameter.
    STATIC_TYPE_MISMATCH = ("CN264", Warning, "a static value has another type than the target parameter");
    /// The invoked operation's response has no array at value-collection.
    INVOKED_ARRAY = ("CN265", Warning, "the invoked operation's response has no array at 'value-collection'");
    /// `x-ms-notification` on an operation that is not a trigger.
    NOTIFICATION_NOT_TRIGGER = ("CN266", Warning, "x-ms-notification is only for trigger operations");
    /// `x-ms-notification` on a webhook operation.
    NOTIFICATION_ON_WEBHOOK = ("CN267", Warning, "x-ms-notification must not be on a webhook operation");
    /// `x-ms-notification` names an operation that is not a webhook.
    NOTIFICATION_TARGET_NOT_WEBHOOK = ("CN268", Warning, "x-ms-notification must name a webhook operation");
    /// Fetch and subscribe parameters of the same name differ in type or visibility.
    SAME_NAME_TYPE_VISIBILITY = ("CN269", Warning, "fetch and subscribe parameters with one name differ in type or visibility");
    /// A webhook without notification URL property.
    WEBHOOK_NO_NOTIFICATION_URL = ("CN270", Warning, "a webhook trigger has no x-ms-notification-url property");
    /// Notification URL properties without `x-ms-notification-content`.
    WEBHOOK_NO_NOTIFICATION_CONTENT = ("CN271", Warning, "a webhook trigger's path has no x-ms-notification-content");
    /// A webhook without output schema.
    WEBHOOK_NO_SCHEMA = ("CN272", Warning, "a webhook trigger has no schema on 200/201 nor in x-ms-notification-content");
    /// `x-ms-notification-url` outside an input body.
    NOTIFICATION_URL_POSITION = ("CN273", Error, "x-ms-notification-url is only allowed in an input body");
    /// The notification URL property is not internal.
    NOTIFICATION_URL_NOT_INTERNAL = ("CN274", Warning, "the notification URL property (or a parent) must be internal");
    /// The notification URL property is not required all the way.
    NOTIFICATION_URL_NOT_REQUIRED = ("CN275", Warning, "the notification URL property must be required all the way up");
    /// The notification URL property is not a string.
    NOTIFICATION_URL_NOT_STRING = ("CN276", Error, "the notification URL property must be a string");
    /// The invoked operation's items lack the value-path or value-title property.
    INVOKED_PROPERTY = ("CN277", Warning, "the invoked operation's items have no property at 'value-path' or 'value-title'");

    // --- security -----------------------------------------------------------------------
    /// A security definition lacks a property its type needs.
    SECURITY_PROPERTY_REQUIRED = ("CN280", Error, "a security definition lacks a property its type requires");
    /// A security definition has a property its type does not allow.
    SECURITY_PROPERTY_INVALID = ("CN281", Error, "a security definition has a property its type does not allow");
    /// A security requirement names no definition.
    SECURITY_REQUIREMENT_UNDEFINED = ("CN282", Warning, "a security requirement names no security definition, so it is ignored");
    /// A security requirement value is not an array.
    SECURITY_REQUIREMENT_VALUE = ("CN283", Error, "a security requirement value must be an array");
    /// Scopes on a non-OAuth requirement.
    SECURITY_REQUIREMENT_SCOPES = ("CN284", Warning, "only OAuth requirements may list scopes; others are ignored");
    /// An OAuth requirement names an undefined scope.
    SECURITY_SCOPE_UNDEFINED = ("CN285", Warning, "an OAuth requirement names a scope the definition does not declare");
    /// An OAuth flow custom connectors do not support.
    OAUTH_FLOW_UNSUPPORTED = ("CN286", Error, "custom connectors do not support the client-credentials or password OAuth flows");
    /// More than one security definition.
    MULTIPLE_SECURITY_DEFINITIONS = ("CN287", Info, "only the first security definition is used by the connector");

    // --- apiProperties.json -------------------------------------------------------------
    /// A key the paconn schema does not know.
    PROPERTIES_UNKNOWN_KEY = ("CN300", Warning, "apiProperties has a key the platform does not know");
    /// `iconBrandColor` is not #RRGGBB.
    BRAND_COLOR_FORMAT = ("CN301", Warning, "iconBrandColor is not an HTML colour like #1f85ff");
    /// A connection parameter key with invalid characters.
    CONNECTION_PARAMETER_KEY = ("CN302", Error, "a connection parameter name has characters other than letters, digits and '_'");
    /// An unknown connection parameter type.
    CONNECTION_PARAMETER_TYPE = ("CN303", Error, "a connection parameter type is not a known type");
    /// A connection parameter type with the wrong letter case.
    CONNECTION_PARAMETER_TYPE_CASE = ("CN304", Warning, "a connection parameter type has the wrong letter case");
    /// `required`/`hidden` constraints that are not the strings "true"/"false".
    UI_CONSTRAINT_STRING_BOOL = ("CN305", Error, "uiDefinition constraints 'required' and 'hidden' must be the strings \"true\"/\"false\"");
    /// `clearText` that is not a boolean.
    UI_CLEAR_TEXT_BOOL = ("CN306", Error, "uiDefinition constraint 'clearText' must be a boolean");
    /// A `name:claim` parameter that is not primitive.
    PRIMITIVE_KEY_TYPE = ("CN307", Error, "a 'name:claim' connection parameter must be string, securestring, int or bool");
    /// A `token:TenantId` parameter with another shape than the schema fixes.
    TENANT_ID_SHAPE = ("CN308", Warning, "token:TenantId does not have the shape the schema fixes");
    /// An oauthSetting parameter without `oAuthSettings`.
    OAUTH_SETTINGS_MISSING = ("CN309", Error, "an oauthSetting connection parameter has no oAuthSettings");
    /// An identity provider the platform does not list.
    IDENTITY_PROVIDER_UNKNOWN = ("CN310", Warning, "an OAuth identityProvider is not one the schema lists");
    /// A custom parameter the identity provider requires is missing.
    OAUTH_CUSTOM_PARAMETER_MISSING = ("CN311", Error, "an OAuth customParameters entry the identity provider needs is missing");
    /// A custom parameter that is not `{ "value": string }`.
    OAUTH_CUSTOM_PARAMETER_SHAPE = ("CN312", Error, "an OAuth customParameters entry must be {\"value\": \"...\"}");
    /// A custom parameter the identity provider does not use.
    OAUTH_CUSTOM_PARAMETER_UNKNOWN = ("CN313", Warning, "an OAuth customParameters entry is not used by this identity provider");
    /// A redirect URL other than the global consent URL.
    REDIRECT_URL = ("CN314", Warning, "the OAuth redirectUrl is not https://global.consent.azure-apim.net/redirect");
    /// An unknown redirect mode.
    REDIRECT_MODE = ("CN315", Warning, "the OAuth redirectMode is not Global, GlobalPerConnector or Direct");
    /// A client secret that looks real.
    CLIENT_SECRET_REAL = ("CN316", Warning, "the OAuth clientSecret looks like a real secret");
    /// `IsFirstParty` that is not "True"/"False" (or not "True" for aadcertificate).
    FIRST_PARTY = ("CN317", Error, "oAuthSettings properties.IsFirstParty must be \"True\" or \"False\"");
    /// A policy template id the platform does not list.
    POLICY_TEMPLATE_UNKNOWN = ("CN318", Warning, "a policy templateId is not a known template");
    /// A policy instance lacks a parameter its template requires.
    POLICY_PARAMETER_MISSING = ("CN319", Error, "a policy instance lacks a parameter its template requires");
    /// A policy parameter with a value outside its allowed set.
    POLICY_PARAMETER_VALUE = ("CN320", Error, "a policy parameter value is not one of the allowed values");
    /// A policy names an operation that does not exist.
    POLICY_OPERATION_UNKNOWN = ("CN321", Warning, "a policy names an operationId the swagger does not define");
    /// `@connectionParameters('x')` names an undeclared parameter.
    CONNECTION_PARAMETER_UNDECLARED = ("CN322", Error, "a policy value refers to a connection parameter that is not declared");
    /// A script operation that does not exist.
    SCRIPT_OPERATION_UNKNOWN = ("CN323", Warning, "scriptOperations names an operationId the swagger does not define");
    /// The first security definition has no matching connection parameter.
    SECURITY_WITHOUT_CONNECTION_PARAMETER = ("CN325", Error, "the security definition has no matching connection parameter");
    /// A security connection parameter not named by convention.
    SECURITY_PARAMETER_NAME = ("CN326", Warning, "the credential connection parameter is not named as the platform expects");
    /// An oauthSetting parameter without an oauth2 security definition.
    CONNECTION_PARAMETER_WITHOUT_SECURITY = ("CN327", Warning, "an oauthSetting connection parameter has no oauth2 security definition");
    /// `oAuthSettings` on a parameter that is not oauthSetting.
    OAUTH_SETTINGS_ON_NON_OAUTH = ("CN329", Warning, "oAuthSettings on a connection parameter that is not of type oauthSetting");

    // --- certification (only with Options::certification) -------------------------------
    /// Title longer than 30 characters.
    CERT_TITLE_LENGTH = ("CN350", Error, "certification: the title is longer than 30 characters");
    /// Title with restricted words.
    CERT_TITLE_RESTRICTED_WORDS = ("CN351", Error, "certification: the title contains 'API', 'Connector' or a Power Platform product name");
    /// Title ending in a non-alphanumeric character.
    CERT_TITLE_END = ("CN352", Error, "certification: the title must end with a letter or digit");
    /// Description shorter than 30 or longer than 500 characters.
    CERT_DESCRIPTION_LENGTH = ("CN353", Error, "certification: the description must be 30 to 500 characters");
    /// Description with restricted words.
    CERT_DESCRIPTION_RESTRICTED_WORDS = ("CN354", Error, "certification: the description contains a Power Platform product name");
    /// A property certification requires is missing.
    CERT_REQUIRED = ("CN355", Error, "certification: info.description, info.contact or x-ms-connector-metadata is missing");
    /// A connector metadata property is missing.
    CERT_METADATA_PROPERTY = ("CN356", Error, "certification: x-ms-connector-metadata lacks Website, Privacy policy or Categories");
    /// An unknown category.
    CERT_CATEGORY_INVALID = ("CN357", Error, "certification: a category is not in the fixed list");
    /// More than two categories.
    CERT_TOO_MANY_CATEGORIES = ("CN358", Error, "certification: more than two categories");
    /// No readme.md.
    CERT_README_MISSING = ("CN359", Error, "certification: readme.md is missing");
    /// readme.md lacks a required section.
    CERT_README_SECTION = ("CN360", Warning, "certification: readme.md lacks a required section");
    /// A brand colour certification rejects.
    CERT_BRAND_COLOR = ("CN361", Error, "certification: iconBrandColor must be set and not #007ee5 or #ffffff");
    /// publisher or stackOwner missing.
    CERT_PUBLISHER = ("CN362", Warning, "certification: apiProperties has no publisher or stackOwner");
    /// A host that looks like a test host.
    CERT_HOST_NOT_PRODUCTION = ("CN363", Warning, "certification: the host looks like a staging, dev or test host");
    /// A contact detail, summary or description the guide asks for is missing.
    CERT_DETAIL_MISSING = ("CN364", Warning, "certification: a contact detail, summary or description is missing");
}
