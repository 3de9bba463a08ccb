//! CLI transcripts: `tests/cases/cli/<case>/args` (one argument per line) run in a scratch copy
//! of the case folder; `stdout`, `stderr` and `status` are goldens, and so is `tree.txt`, the
//! files the command left behind, which shows that no half-written folder remains.

use std::path::Path;
use std::process::Command;

use connectorize_golden::{cases, Golden};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn tree(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            out.push(format!("{}/", crate::relative(&path, base)));
            tree(&path, base, out);
        } else {
            out.push(crate::relative(&path, base));
        }
    }
}

#[test]
fn cli_transcripts() {
    let mut golden = Golden::new();
    let expected_files = ["args", "stdout", "stderr", "status", "tree.txt"];
    for case in cases(crate::root().join("tests/cases/cli")) {
        let scratch = tempfile::tempdir().unwrap();
        copy_dir(&case, scratch.path());
        for name in expected_files.iter().skip(1) {
            let _ = std::fs::remove_file(scratch.path().join(name));
        }
        let _ = std::fs::remove_dir_all(scratch.path().join("captured"));
        let before: std::collections::HashSet<String> = {
            let mut list = Vec::new();
            tree(scratch.path(), scratch.path(), &mut list);
            list.into_iter().collect()
        };
        let args = std::fs::read_to_string(case.join("args")).unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_connectorize"))
            .args(args.lines().filter(|l| !l.is_empty()))
            .current_dir(scratch.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        golden.check(
            case.join("stdout"),
            &String::from_utf8_lossy(&output.stdout),
        );
        golden.check(
            case.join("stderr"),
            &String::from_utf8_lossy(&output.stderr),
        );
        golden.check(
            case.join("status"),
            &format!("{}\n", output.status.code().unwrap_or(-1)),
        );
        let mut after = Vec::new();
        tree(scratch.path(), scratch.path(), &mut after);
        let mut created: Vec<String> = after.into_iter().filter(|p| !before.contains(p)).collect();
        created.sort();
        let listing: String = created.iter().map(|p| format!("{p}\n")).collect();
        golden.check(case.join("tree.txt"), &listing);
        // `capture` lists output files (one path per line) whose content is a golden too.
        if let Ok(capture) = std::fs::read_to_string(case.join("capture")) {
            for path in capture.lines().filter(|l| !l.is_empty()) {
                let actual = std::fs::read_to_string(scratch.path().join(path))
                    .unwrap_or_else(|e| format!("(not readable: {e})\n"));
                golden.check(case.join("captured").join(path), &actual);
            }
        }
    }
    golden.finish();
}
