//! Diagnostic codes of the connector renderer (`CN001`–`CN099`).

connectorize_ir::codes! {
    /// The API has no address.
    NO_HOST = ("CN001", Error, "the API has no host; a connector needs one");
    /// The host had a scheme, path or port problem that was repaired, or cannot be used.
    HOST_REPAIRED = ("CN002", Warning, "the host was not a bare host name and was repaired");
    /// The host contains template braces or spaces.
    HOST_INVALID = ("CN003", Error, "the host is not a valid host name");
    /// ws/wss schemes dropped, or no scheme left.
    SCHEME_DROPPED = ("CN004", Warning, "a scheme connectors cannot use (ws, wss) was dropped");
    /// The connector title was changed to meet the title rules.
    TITLE_CHANGED = ("CN005", Warning, "the connector title was shortened or cleaned to meet the title rules");
    /// The connector description was generated, padded or shortened.
    DESCRIPTION_CHANGED = ("CN006", Info, "the connector description was generated, padded or shortened to 30-500 characters");
    /// An operation id was rebuilt.
    OPERATION_ID_CHANGED = ("CN007", Warning, "an operation id was rebuilt to be unique letters and digits");
    /// An operation summary was generated or cleaned.
    SUMMARY_CHANGED = ("CN008", Info, "an operation summary was generated, shortened or cleaned of restricted characters");
    /// A path held a query, fragment or wildcard.
    PATH_CHANGED = ("CN009", Warning, "an operation path held a query, fragment or wildcard that was removed");
    /// Path variables were renamed so equivalent paths use the same names.
    PATH_VARIABLES_RENAMED = ("CN010", Warning, "path variables were renamed to match an equivalent path");
    /// A header the platform sets itself was not modelled as a parameter.
    HEADER_DROPPED = ("CN011", Info, "a Content-Type, Accept or authentication header was not modelled as a parameter");
    /// A body on GET or HEAD was dropped.
    BODY_DROPPED = ("CN012", Warning, "a request body on a GET or HEAD operation was dropped");
    /// A parameter with a reserved name was dropped.
    RESERVED_PARAMETER = ("CN013", Warning, "a parameter named connectionId is reserved and was dropped");
    /// Internal parameters were adjusted to the visibility rules.
    INTERNAL_PARAMETER = ("CN014", Warning, "an internal parameter without a default became advanced, or an optional one with a default became required");
    /// Response schemas were moved to meet the response rules.
    RESPONSE_SCHEMA_DROPPED = ("CN015", Info, "a schema on an error or default response, or on a second success response, was dropped");
    /// An operation had no success response.
    SUCCESS_RESPONSE_ADDED = ("CN016", Info, "an operation had no success response; a 200 response was added");
    /// Only the first security scheme can be used.
    SECURITY_SCHEME_DROPPED = ("CN017", Warning, "a connector uses one authentication scheme; the others were dropped");
    /// The OAuth flow is not supported by custom connectors.
    OAUTH_FLOW_UNSUPPORTED = ("CN018", Warning, "custom connectors support only the authorization-code and implicit OAuth flows");
    /// A format outside the connector list was dropped or mapped.
    FORMAT_CHANGED = ("CN019", Info, "a schema format the connector format does not know was mapped or dropped");
    /// A schema construct was adjusted (empty enum, bad required list, array without items...).
    SCHEMA_REPAIRED = ("CN020", Info, "a schema construct the validator rejects was repaired");
    /// Examples were trimmed to fit the size limit.
    EXAMPLES_TRIMMED = ("CN021", Warning, "examples were removed to keep the definition under the size limit");
    /// The API was split into several connectors.
    API_SPLIT = ("CN022", Warning, "the API exceeds a connector limit and was split into several connectors");
    /// The API exceeds a limit and splitting is off.
    LIMIT_EXCEEDED = ("CN023", Error, "the API exceeds a connector limit and --split none was given");
    /// A media type the platform does not accept.
    MEDIA_TYPE_UNSUPPORTED = ("CN024", Warning, "a request media type outside json, text, multipart and urlencoded may be rejected");
    /// A form with files was sent as multipart.
    FORM_ENCODING_CHANGED = ("CN025", Info, "a url-encoded form with file fields is sent as multipart/form-data");
    /// A form field name is not ASCII.
    FORM_FIELD_NAME = ("CN026", Warning, "a form field whose name is not US-ASCII was dropped: the platform rejects such names");
    /// A connection parameter name was sanitized or de-duplicated.
    CONNECTION_PARAMETER_RENAMED = ("CN027", Warning, "a connection parameter name was changed to letters, digits and '_' or made unique");
    /// A body example could not be placed.
    EXAMPLE_NOT_PLACED = ("CN028", Info, "a body example could not be attached because the body schema is a reference");
    /// Missing OAuth URLs were replaced by placeholders.
    OAUTH_URL_PLACEHOLDER = ("CN029", Warning, "an OAuth endpoint was missing and a placeholder was written; edit it before use");
    /// Two parts of a split API ended with the same name.
    SPLIT_NAME_CLASH = ("CN030", Error, "two parts of a split API would get the same connector name");
    /// A request media type the platform does not accept is declared as an accepted one and
    /// restored by a policy.
    CONTENT_TYPE_POLICY = ("CN031", Info, "a request media type the platform does not accept is declared as an accepted one, and a policy sets the real Content-Type");
}
