//! Offline validation of Power Platform custom connector files.
//!
//! [`validate`] checks an `apiDefinition.swagger.json` (and, when given, its
//! `apiProperties.json` and `readme.md`) against the rules the Power Platform Swagger
//! Validator, the official paconn schemas and the certification guide impose, and reports
//! each finding with a stable code, the file, a JSON pointer, a line and column, and a fix.
//!
//! It works on the files themselves, not on the IR: hand-edited connectors that the IR cannot
//! express are checked faithfully, and the renderer's output is checked the same way a maker's
//! upload would be. Nothing here needs the network; rules that do are listed in the README
//! as not checked offline.

mod certification;
pub mod codes;
mod cross;
mod json;
mod position;
mod properties;
mod report;
mod rules;
mod swagger;
mod text;

use connectorize_ir::{Diagnostic, Diagnostics};

pub use rules::{rules, swagger_validator_rules, Coverage, Rule};

/// What to check beyond the rules every upload must pass.
#[derive(Default, Debug, Clone)]
pub struct Options {
    /// Also apply the certification rules (title, description, contact, metadata, readme…).
    pub certification: bool,
}

/// One input file: the name shown in locations, and its text.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    /// As the user should see it, e.g. `out/Foo/apiDefinition.swagger.json`.
    pub name: &'a str,
    /// The file's content.
    pub text: &'a str,
}

/// Validates a connector: the swagger, its properties and readme when present.
///
/// Findings come per file (definition, properties, readme), each file's sorted by position.
///
/// ```
/// use connectorize_validator::{validate, File, Options};
///
/// let swagger = r#"{"swagger": "2.0", "info": {"title": "T", "version": "1"},
///                   "paths": {"/items?all=true": {}}}"#;
/// let found = validate(
///     File { name: "apiDefinition.swagger.json", text: swagger },
///     None,
///     None,
///     &Options::default(),
/// );
/// let first = found.iter().next().expect("one finding");
/// assert_eq!(first.code.id(), "CN141");
/// assert_eq!(first.location.as_ref().and_then(|l| l.line), Some(2));
/// ```
pub fn validate(
    definition: File<'_>,
    properties: Option<File<'_>>,
    readme: Option<File<'_>>,
    options: &Options,
) -> Diagnostics {
    let mut definition_sink = report::Sink::new(definition.name, definition.text);
    let swagger_doc = parse(definition, &mut definition_sink);
    let swagger = swagger_doc.as_ref().map(|doc| {
        let model = swagger::Swagger::new(&doc.root);
        swagger::check(&model, doc, definition.text.len(), &mut definition_sink);
        model
    });

    let mut properties_sink = properties.map(|file| report::Sink::new(file.name, file.text));
    let properties_doc = match (properties, properties_sink.as_mut()) {
        (Some(file), Some(sink)) => parse(file, sink),
        _ => None,
    };
    if let (Some(doc), Some(sink)) = (properties_doc.as_ref(), properties_sink.as_mut()) {
        properties::check(&doc.root, sink);
        if let Some(model) = swagger.as_ref() {
            cross::check(model, &doc.root, sink);
        }
    }

    let mut readme_sink = match readme {
        Some(file) => report::Sink::new(file.name, file.text),
        None => report::Sink::new("readme.md", ""),
    };
    if options.certification {
        if let Some(model) = swagger.as_ref() {
            certification::check_definition(model, &mut definition_sink);
        }
        if let (Some(doc), Some(sink)) = (properties_doc.as_ref(), properties_sink.as_mut()) {
            certification::check_properties(&doc.root, sink);
        }
        certification::check_readme(readme, &mut readme_sink);
    }

    let mut all: Vec<Diagnostic> = definition_sink.finish();
    if let Some(sink) = properties_sink {
        all.extend(sink.finish());
    }
    all.extend(readme_sink.finish());
    Diagnostics::from(all)
}

/// Parses a file, reporting syntax errors and repeated keys.
fn parse<'t>(file: File<'t>, sink: &mut report::Sink<'_>) -> Option<json::Document<'t>> {
    match json::parse(file.text) {
        Ok(doc) => {
            for (pos, key, pointer) in &doc.duplicate_keys {
                sink.emit(
                    codes::DUPLICATE_KEY,
                    *pos,
                    pointer,
                    format!(
                        "the key {} appears more than once in this object",
                        json::quote(key)
                    ),
                    "remove the repeated key; tools disagree on which value wins",
                );
            }
            Some(doc)
        }
        Err(error) => {
            sink.emit_text(
                codes::INVALID_JSON,
                Some(error.pos),
                format!("the file is not valid JSON: {}", error.message),
                "fix the syntax; the portal and paconn only read strict JSON (no comments or trailing commas)",
            );
            None
        }
    }
}
