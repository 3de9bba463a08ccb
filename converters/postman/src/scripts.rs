//! Test scripts are not converted, but the status codes they assert are the only response
//! information of a request without saved examples.

/// Status codes asserted in a test script, in order of appearance.
pub fn asserted_statuses(script: &str) -> Vec<u16> {
    const PATTERNS: &[&str] = &[
        "to.have.status(",
        "code).to.eql(",
        "code).to.equal(",
        "code).to.be.equal(",
        "code).to.be.oneOf([",
        "code === ",
        "code == ",
        "status).to.eql(",
        "status).to.equal(",
    ];
    let mut found: Vec<(usize, u16)> = Vec::new();
    for pattern in PATTERNS {
        for (at, _) in script.match_indices(pattern) {
            let digits: String = script[at + pattern.len()..]
                .chars()
                .skip_while(|c| c.is_whitespace())
                .take_while(char::is_ascii_digit)
                .collect();
            if let Ok(code) = digits.parse::<u16>() {
                if digits.len() == 3 && (100..=599).contains(&code) {
                    found.push((at, code));
                }
            }
        }
    }
    found.sort_unstable();
    let mut codes = Vec::new();
    for (_, code) in found {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_common_assertions() {
        let script = "pm.test('ok', () => pm.response.to.have.status(201));\nif (responseCode.code === 202) {}\npm.expect(pm.response.code).to.eql(201);";
        assert_eq!(asserted_statuses(script), [201, 202]);
        assert!(asserted_statuses("pm.response.to.have.status('OK')").is_empty());
    }
}
