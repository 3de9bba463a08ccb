//! Postman collection text -> parse + lower (`connectorize_postman::read`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = connectorize_postman::detect(text);
    let mut diagnostics = connectorize_ir::Diagnostics::new();
    let options = connectorize_postman::Options::default();
    if let Ok(apis) = connectorize_postman::read(text, "fuzz.json", &options, &mut diagnostics) {
        for api in &apis {
            // Whatever a frontend returns must serialize.
            let _ = connectorize_ir::to_json(api);
        }
    }
    let _ = connectorize_postman::parse_environment(text, "env.json");
});
