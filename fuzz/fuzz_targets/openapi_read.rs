//! OpenAPI / Swagger text (JSON or YAML) -> parse + lower (`connectorize_openapi::read`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = connectorize_openapi::detect(text);
    let mut diagnostics = connectorize_ir::Diagnostics::new();
    let options = connectorize_openapi::Options::default();
    if let Ok(api) = connectorize_openapi::read(text, "fuzz.yaml", &options, &mut diagnostics) {
        let _ = connectorize_ir::to_json(&api);
    }
});
