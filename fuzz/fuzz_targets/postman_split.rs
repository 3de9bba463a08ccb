//! Postman collection text parsed in pieces on several threads against the whole-text parse
//! (`connectorize_postman::fuzzing`): they must agree on every input, valid or not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    assert!(
        connectorize_postman::fuzzing::pieces_match_whole(text),
        "the parse in pieces differs from the whole-text parse"
    );
});
