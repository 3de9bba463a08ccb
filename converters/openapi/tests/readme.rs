//! The README's code table lists every code with its severity and summary.

#[test]
fn readme_lists_every_code() {
    let readme = include_str!("../README.md");
    for code in connectorize_openapi::codes::ALL {
        let row = format!(
            "| {} | {} | {} |",
            code.id(),
            code.severity(),
            code.summary()
        );
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
    let rows = readme.lines().filter(|l| l.starts_with("| OA0")).count();
    assert_eq!(
        rows,
        connectorize_openapi::codes::ALL.len(),
        "README.md lists codes that do not exist"
    );
}
