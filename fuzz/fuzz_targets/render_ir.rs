//! IR JSON -> connector files (`connectorize_ir::from_json`, then `connectorize_connector::render`
//! in both the normal and the faithful mode).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(api) = connectorize_ir::from_json(text, "ir.json") else {
        return;
    };
    for faithful in [false, true] {
        let options = connectorize_connector::RenderOptions {
            faithful,
            ..Default::default()
        };
        let mut diagnostics = connectorize_ir::Diagnostics::new();
        let _ = connectorize_connector::render(&api, &options, &mut diagnostics);
    }
});
