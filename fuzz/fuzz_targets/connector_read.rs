//! Connector files -> IR (`connectorize_openapi::read_connector`). The input is the
//! definition, optionally followed by a NUL byte and the properties file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (definition, properties) = match text.split_once('\0') {
        Some((d, p)) => (d, Some((p, "apiProperties.json"))),
        None => (text, None),
    };
    let mut diagnostics = connectorize_ir::Diagnostics::new();
    if let Ok(api) = connectorize_openapi::read_connector(
        definition,
        "apiDefinition.swagger.json",
        properties,
        &mut diagnostics,
    ) {
        let _ = connectorize_ir::to_json(&api);
    }
});
