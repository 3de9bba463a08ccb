//! Diagnostic codes of the diff and update library (range `DF001`–`DF099`).
//!
//! Differences and merge conflicts are data ([`Change`](crate::Change),
//! [`Conflict`](crate::Conflict)), not diagnostics; codes are only for inputs the library cannot
//! read at all.

connectorize_ir::codes! {
    /// A connector file is not valid JSON.
    INVALID_JSON = ("DF001", Error, "a connector file is not valid JSON");
    /// A connector file is JSON but not an object.
    NOT_AN_OBJECT = ("DF002", Error, "a connector file is not a JSON object");
    /// The base file is not one that connectorize wrote.
    BASE_NOT_RECOGNISED = ("DF003", Error, "the base file was not written by connectorize");
    /// The base file was written by a newer connectorize.
    BASE_VERSION_UNSUPPORTED = ("DF004", Error, "the base file has an unsupported format version");
}
