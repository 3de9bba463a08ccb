//! Golden cases: `tests/cases/<case>/` holds either `old/` and `new/` connectors (a diff case,
//! expected `diff.txt`, `diff.json`, `diff.md` and `files.diff`) or `ours/`, `theirs/`, an
//! optional `base/` and an optional `options.json` (`{"prefer": "source"|"existing"}`) (a
//! merge case, expected `merged/` files and `applied.txt`, or `conflicts.txt` when conflicts
//! remain, plus `conflicts.txt` for resolved ones).

use std::fs;
use std::path::{Path, PathBuf};

use connectorize_diff::{
    diff, merge, render_conflicts, render_human, render_json, render_markdown, text_diff,
    to_pretty, Connector, Prefer,
};
use connectorize_golden::{cases, Golden};

fn suite() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

fn read_text(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A connector folder; a missing `apiProperties.json` counts as `{}`.
fn read(dir: &Path) -> Connector {
    let definition = read_text(&dir.join("apiDefinition.swagger.json"));
    let properties =
        fs::read_to_string(dir.join("apiProperties.json")).unwrap_or_else(|_| "{}".to_owned());
    let connector = Connector::from_texts(&definition, &properties)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let itself = diff(&connector, &connector);
    assert!(
        itself.is_empty(),
        "{} differs from itself: {itself:#?}",
        dir.display()
    );
    assert_eq!(render_human(&itself, false), "");
    connector
}

fn prefer(case: &Path) -> Option<Prefer> {
    let options = fs::read_to_string(case.join("options.json")).ok()?;
    let value: serde_json::Value = serde_json::from_str(&options).expect("options.json");
    let prefer = value.get("prefer")?.as_str()?;
    Some(prefer.parse().expect("prefer is source or existing"))
}

fn diff_case(golden: &mut Golden, case: &Path) {
    let old = read(&case.join("old"));
    let new = read(&case.join("new"));
    let changes = diff(&old, &new);
    golden.check(case.join("diff.txt"), &render_human(&changes, false));
    golden.check(case.join("diff.json"), &render_json(&changes));
    golden.check(case.join("diff.md"), &render_markdown(&changes));
    let (old_def, old_props) = old.to_texts();
    let (new_def, new_props) = new.to_texts();
    let files = text_diff(&old_def, &new_def, "apiDefinition.swagger.json", false)
        + &text_diff(&old_props, &new_props, "apiProperties.json", false);
    golden.check(case.join("files.diff"), &files);
    let reverse = diff(&new, &old);
    assert_eq!(
        !reverse.is_empty(),
        !changes.is_empty(),
        "{}: a change one way must be a change the other way",
        case.display()
    );
}

fn merge_case(golden: &mut Golden, case: &Path) {
    let base_dir = case.join("base");
    let base = base_dir.is_dir().then(|| read(&base_dir));
    let ours = read(&case.join("ours"));
    let theirs = read(&case.join("theirs"));
    let result = merge(base.as_ref(), &ours, &theirs, prefer(case));
    let conflicts = case.join("conflicts.txt");
    if result.conflicts.is_empty() {
        if conflicts.exists() {
            golden.fail(format!(
                "{} exists but the merge had no conflict",
                conflicts.display()
            ));
        }
    } else {
        golden.check(&conflicts, &render_conflicts(&result.conflicts));
    }
    let merged_dir = case.join("merged");
    if result.has_unresolved() {
        if merged_dir.exists() {
            golden.fail(format!(
                "{} exists but conflicts are unresolved, so nothing may be written",
                merged_dir.display()
            ));
        }
        return;
    }
    let (definition, properties) = result.merged.to_texts();
    golden.check(merged_dir.join("apiDefinition.swagger.json"), &definition);
    golden.check(merged_dir.join("apiProperties.json"), &properties);
    golden.check(
        case.join("applied.txt"),
        &render_human(&result.applied, false),
    );
    // Updating is idempotent: the same update applied to its own result changes nothing.
    let again = merge(base.as_ref(), &result.merged, &theirs, prefer(case));
    assert!(
        !again.has_unresolved(),
        "{}: second update conflicts",
        case.display()
    );
    assert!(
        again.applied.is_empty(),
        "{}: second update changes {:#?}",
        case.display(),
        again.applied
    );
    assert_eq!(
        to_pretty(&again.merged.definition),
        definition,
        "{}",
        case.display()
    );
    assert_eq!(
        to_pretty(&again.merged.properties),
        properties,
        "{}",
        case.display()
    );
}

#[test]
fn golden_cases() {
    let mut golden = Golden::new();
    let mut counted = 0;
    for case in cases(suite()) {
        counted += 1;
        if case.join("old").is_dir() {
            diff_case(&mut golden, &case);
        } else if case.join("ours").is_dir() {
            merge_case(&mut golden, &case);
        } else {
            golden.fail(format!("{} has neither old/ nor ours/", case.display()));
        }
    }
    assert!(counted > 0 || std::env::var_os("CASE").is_some());
    golden.finish();
}

#[test]
fn readme_lists_every_code() {
    let readme = read_text(&Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    for code in connectorize_diff::codes::ALL {
        let row = format!(
            "| {} | {} | {} |",
            code.id(),
            code.severity(),
            code.summary()
        );
        assert!(readme.contains(&row), "README.md lacks the row {row}");
    }
}
