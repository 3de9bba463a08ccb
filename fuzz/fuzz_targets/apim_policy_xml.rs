//! API Management policy XML -> the tolerant element tree (`policy_xml::parse`, through
//! `connectorize_apim::fuzzing`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = connectorize_apim::fuzzing::policy_xml(text);
    }
});
