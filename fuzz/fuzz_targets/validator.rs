//! Connector files -> validator findings (`connectorize_validator::validate`). The input is
//! the definition, optionally followed by NUL + properties and NUL + readme.
#![no_main]

use connectorize_validator::{validate, File, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let definition = File {
        name: "apiDefinition.swagger.json",
        text: parts.next().unwrap_or_default(),
    };
    let properties = parts.next().map(|text| File {
        name: "apiProperties.json",
        text,
    });
    let readme = parts.next().map(|text| File {
        name: "readme.md",
        text,
    });
    let options = Options {
        certification: data.len() % 2 == 0,
    };
    let _ = validate(definition, properties, readme, &options);
});
