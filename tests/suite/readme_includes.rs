//! The README embeds sections of the crate READMEs (support matrices, rule tables) between
//! `<!-- include FILE#HEADING -->` and `<!-- /include -->` markers, so that one document shows
//! everything while each crate keeps the authoritative text. This test keeps the copies equal;
//! `UPDATE_GOLDEN=1` refreshes them.

const OPEN: &str = "<!-- include ";
const CLOSE: &str = "<!-- /include -->";

/// The body of the `## HEADING` section of `text` (without the heading line), up to the next
/// heading of the same or a higher level.
fn section(text: &str, heading: &str) -> Option<String> {
    let mut lines = text.lines();
    lines
        .by_ref()
        .find(|l| l.trim_start_matches('#').trim() == heading && l.starts_with("##"))?;
    let body: Vec<&str> = lines
        .take_while(|l| !(l.starts_with("## ") || l.starts_with("# ")))
        .collect();
    Some(format!("{}\n", body.join("\n").trim()))
}

/// The README with every include refreshed, or an error naming a missing source.
fn refreshed(readme: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = readme;
    while let Some(start) = rest.find(OPEN) {
        let header_end = rest[start..].find("-->").ok_or("unclosed include marker")? + start + 3;
        let target = rest[start + OPEN.len()..header_end - 3].trim();
        let (file, heading) = target
            .split_once('#')
            .ok_or(format!("include `{target}` lacks #HEADING"))?;
        let close = rest[header_end..]
            .find(CLOSE)
            .ok_or(format!("include `{target}` is not closed"))?
            + header_end;
        let source = std::fs::read_to_string(crate::root().join(file))
            .map_err(|e| format!("{file}: {e}"))?;
        let body = section(&source, heading).ok_or(format!("{file} has no section `{heading}`"))?;
        out.push_str(&rest[..header_end]);
        out.push('\n');
        out.push_str(&body);
        out.push_str(CLOSE);
        rest = &rest[close + CLOSE.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

#[test]
fn readme_includes_match_the_crate_readmes() {
    let path = crate::root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    assert!(
        readme.contains(OPEN),
        "README.md includes no crate README section"
    );
    let expected = refreshed(&readme).unwrap_or_else(|e| panic!("{e}"));
    if expected != readme {
        if connectorize_golden::updating() {
            std::fs::write(&path, expected).unwrap();
            return;
        }
        panic!("README.md's included sections are out of date; run UPDATE_GOLDEN=1 cargo test");
    }
}

#[test]
fn sections_stop_at_the_next_heading() {
    let text = "# A\n## One\nbody\n### Sub\nmore\n## Two\nno\n";
    assert_eq!(
        section(text, "One").as_deref(),
        Some("body\n### Sub\nmore\n")
    );
    assert_eq!(section(text, "Three"), None);
}
