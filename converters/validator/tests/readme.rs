//! The README's rule tables are generated from `rules()` and `swagger_validator_rules()`;
//! this test fails when they drift (`UPDATE_GOLDEN=1` rewrites them).

use std::fs;
use std::path::Path;

use connectorize_golden::updating;
use connectorize_validator::{rules, swagger_validator_rules, Coverage};

fn rule_table() -> String {
    let mut out =
        String::from("| code | severity | what it checks | source |\n|---|---|---|---|\n");
    for rule in rules() {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            rule.code.id(),
            rule.code.severity(),
            rule.code.summary().replace('|', "\\|"),
            rule.source
        ));
    }
    out
}

fn coverage_table() -> String {
    let list = swagger_validator_rules();
    let checked = list
        .iter()
        .filter(|(_, c)| matches!(c, Coverage::Checked(_)))
        .count();
    let mut out = format!(
        "{} rules: {checked} checked offline, {} not checkable offline.\n\n| §6.4 rule | covered by |\n|---|---|\n",
        list.len(),
        list.len() - checked
    );
    for (id, coverage) in list {
        let cell = match coverage {
            Coverage::Checked(codes) => codes.iter().map(|c| c.id()).collect::<Vec<_>>().join(", "),
            Coverage::NotOffline(reason) => format!("not checked offline: {reason}"),
        };
        out.push_str(&format!("| `{id}` | {cell} |\n"));
    }
    out
}

/// Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`.
fn splice(readme: &str, name: &str, body: &str) -> Option<String> {
    let start = format!("<!-- {name}:start -->\n");
    let end = format!("<!-- {name}:end -->");
    let from = readme.find(&start)? + start.len();
    let to = readme.find(&end)?;
    Some(format!("{}{body}{}", &readme[..from], &readme[to..]))
}

#[test]
fn readme_tables_match_the_rules() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let expected = splice(&readme, "rules", &rule_table())
        .and_then(|r| splice(&r, "coverage", &coverage_table()))
        .expect("README.md has the rules and coverage markers");
    if updating() {
        if expected != readme {
            fs::write(&path, &expected).expect("write README.md");
        }
        return;
    }
    pretty_assertions::assert_eq!(readme, expected, "run with UPDATE_GOLDEN=1 to regenerate");
}
