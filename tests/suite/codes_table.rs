//! The README's diagnostic-code table must list exactly the codes the build can emit.
//! `UPDATE_GOLDEN=1` rewrites the table between its markers.

const START: &str = "<!-- codes:start -->";
const END: &str = "<!-- codes:end -->";

fn table() -> String {
    let mut out = String::from("| code | severity | meaning |\n|---|---|---|\n");
    for code in connectorize::all_codes() {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            code.id(),
            code.severity(),
            code.summary()
        ));
    }
    out
}

#[test]
fn readme_lists_every_code() {
    let path = crate::root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md exists");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the {START} ... {END} markers");
    };
    let current = &readme[start + START.len()..end];
    let expected = format!("\n{}", table());
    if current != expected {
        if connectorize_golden::updating() {
            let updated = format!("{}{START}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        panic!("README.md's code table is out of date; run UPDATE_GOLDEN=1 cargo test. Expected:\n{expected}");
    }
}

#[test]
fn every_crate_contributes_its_codes() {
    let prefixes: std::collections::BTreeSet<&str> = connectorize::all_codes()
        .iter()
        .map(|c| &c.id()[..2])
        .collect();
    let expected = ["AP", "CL", "CN", "DF", "IR", "OA", "PM"];
    assert_eq!(prefixes.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn codes_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for code in connectorize::all_codes() {
        assert!(
            seen.insert(code.id()),
            "code {} is declared twice",
            code.id()
        );
    }
}
