//! Diagnostic codes of the facade and CLI (`CL…`): inputs, outputs and arguments.

connectorize_ir::codes! {
    /// An input path cannot be read.
    INPUT_UNREADABLE = ("CL001", Error, "an input file or folder cannot be read");
    /// An input is larger than the size limit.
    INPUT_TOO_LARGE = ("CL002", Error, "an input is larger than the input size limit");
    /// An input file is not UTF-8 text.
    INPUT_NOT_TEXT = ("CL003", Error, "an input file is not UTF-8 text");
    /// No frontend recognizes the input.
    INPUT_UNRECOGNIZED = ("CL004", Error, "no frontend recognizes the input; use --from to name its kind");
    /// The named input kind has no frontend in this build.
    KIND_UNSUPPORTED = ("CL005", Error, "the input kind is recognized but not supported by this build");
    /// The output folder exists and was not written by connectorize.
    OUTPUT_EXISTS = ("CL006", Error, "an output folder exists and was not written by connectorize; use --force");
    /// Writing the output failed.
    OUTPUT_FAILED = ("CL007", Error, "writing the output failed");
    /// A command-line value is invalid.
    INVALID_ARGUMENT = ("CL008", Error, "a command-line value is invalid");
    /// Two connectors would be written to the same folder.
    OUTPUT_CLASH = ("CL009", Warning, "two connectors had the same folder name; the later one got a numbered folder");
}
