//! Batch conversions give the same bytes whatever the number of threads.

use crate::common;
use crate::fs_safety::batch_bundle;

#[test]
fn batch_output_is_identical_with_one_two_and_four_threads() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bundle = dir.path().join("bundle");
    batch_bundle(&bundle, 40);
    let mut outputs = Vec::new();
    for threads in ["1", "2", "4"] {
        let out = dir.path().join(format!("out-{threads}"));
        let report = dir.path().join(format!("report-{threads}.json"));
        let mut command = common::binary();
        command
            .env("RAYON_NUM_THREADS", threads)
            .args(["--message-format", "json", "convert"])
            .arg(&bundle)
            .arg("-o")
            .arg(&out)
            .arg("--report")
            .arg(&report);
        let run = common::run(&mut command);
        assert_eq!(run.code, Some(0), "{threads} threads: {}", run.describe());
        let report = std::fs::read_to_string(&report)
            .expect("a report")
            .replace(&out.display().to_string(), "OUT");
        let stdout = run.stdout.replace(&out.display().to_string(), "OUT");
        let stderr = run.stderr.replace(&out.display().to_string(), "OUT");
        outputs.push((threads, common::tree(&out), report, stdout, stderr));
    }
    let (_, tree, report, stdout, stderr) = &outputs[0];
    assert_eq!(tree.len(), 40 * 5, "40 connectors of five files");
    for (threads, other_tree, other_report, other_stdout, other_stderr) in &outputs[1..] {
        assert_eq!(
            tree.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            other_tree.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            "{threads} threads: different files"
        );
        for ((name, bytes), (_, other)) in tree.iter().zip(other_tree) {
            assert!(bytes == other, "{threads} threads: {name} differs");
        }
        assert_eq!(
            report, other_report,
            "{threads} threads: the report differs"
        );
        assert_eq!(
            stdout, other_stdout,
            "{threads} threads: the summary differs"
        );
        assert_eq!(
            stderr, other_stderr,
            "{threads} threads: the diagnostics differ"
        );
    }
}
