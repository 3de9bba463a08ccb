//! The README's diagnostic table lists exactly the codes of `codes::ALL`, with their severities.

use connectorize_postman::codes;

#[test]
fn readme_lists_every_code_with_its_severity() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let listed: Vec<(String, String)> = readme
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?;
            (code.len() == 5 && code.starts_with("PM") && cells.len() > 3)
                .then(|| (code.to_string(), cells[2].to_string()))
        })
        .collect();
    let expected: Vec<(String, String)> = codes::ALL
        .iter()
        .map(|c| (c.id().to_string(), c.severity().to_string()))
        .collect();
    assert_eq!(listed, expected);
}
