//! Diagnostic codes of the IR crate (`IR…`): invariant violations and `ir.json` reading.

crate::codes! {
    /// `ir.json` is not valid JSON or does not match the IR types.
    INVALID_IR = ("IR001", Error, "the IR document is not valid JSON or does not match the IR types");
    /// `ir.json` has another `irVersion`.
    IR_VERSION_MISMATCH = ("IR002", Error, "the IR document has a missing or unsupported irVersion");
    /// Two operations share an id, or an id is empty.
    DUPLICATE_OPERATION_ID = ("IR003", Error, "operation ids must be non-empty and unique");
    /// Two operations share method and path.
    DUPLICATE_ROUTE = ("IR004", Error, "two operations share the same method and path");
    /// A path template is malformed.
    INVALID_PATH = ("IR005", Error, "an operation path must start with '/' and use whole-segment {name} parameters");
    /// A `{name}` in a path has no path parameter, or a path parameter is not in the path.
    PATH_PARAMETER_MISMATCH = ("IR006", Error, "path template parameters and declared path parameters differ");
    /// A parameter is declared twice.
    DUPLICATE_PARAMETER = ("IR007", Error, "a parameter is declared twice with the same location and name");
    /// A schema reference names no schema.
    UNRESOLVED_SCHEMA = ("IR008", Error, "a schema reference names no schema in the API");
    /// An operation uses an undeclared tag.
    UNDECLARED_TAG = ("IR009", Error, "an operation uses a tag the API does not declare");
    /// A security requirement names no scheme.
    UNKNOWN_SECURITY_SCHEME = ("IR010", Error, "a security requirement names no declared scheme");
    /// A policy targets an operation id that does not exist.
    UNKNOWN_POLICY_OPERATION = ("IR011", Error, "a policy lists an operation id that does not exist");
    /// A policy template uses an undeclared connection parameter.
    UNKNOWN_CONNECTION_PARAMETER = ("IR012", Error, "a policy value refers to an undeclared connection parameter");
    /// A shared parameter or response reference names nothing.
    UNRESOLVED_SHARED = ("IR013", Error, "a shared parameter or response reference names nothing");
    /// Two responses of one operation have the same status.
    DUPLICATE_RESPONSE = ("IR014", Error, "an operation lists the same response status twice");
}
