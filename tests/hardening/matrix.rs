//! The broken-input matrix: inputs of the shared corpus, damaged in several seeded ways, run
//! through `connectorize convert`. Every case must end with exit 2 and a located error, or
//! exit 0 with connectors that validate; never a panic, a hang, or a partial folder.
//!
//! The matrix is bounded and seeded so that it stays well under a minute in a debug build:
//! every collection up to [`POSTMAN_MAX_BYTES`] (at most [`POSTMAN_FILES`]) × [`MUTATIONS`]
//! damages, every bundle (at most [`APIM_BUNDLES`]) × [`BUNDLE_MUTATIONS`] damages of one of
//! their files, and the input-independent cases (empty file, a folder where a file is
//! expected, binary garbage). About 500 cases on the current corpus.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{self, Rng};

/// Collections sampled from the corpus.
const POSTMAN_FILES: usize = 60;
/// Collections larger than this are left out (debug builds, CI time).
const POSTMAN_MAX_BYTES: u64 = 2_000_000;
/// Bundles sampled from the corpus.
const APIM_BUNDLES: usize = 60;
/// The damages applied to each sampled collection.
const MUTATIONS: [Mutation; 9] = [
    Mutation::Truncate(1),
    Mutation::Truncate(10),
    Mutation::Truncate(50),
    Mutation::Truncate(99),
    Mutation::FlipBytes(1),
    Mutation::FlipBytes(16),
    Mutation::FlipBytes(64),
    Mutation::WrongType,
    Mutation::WrongType,
];
/// The damages applied to one file of each sampled bundle.
const BUNDLE_MUTATIONS: [Mutation; 5] = [
    Mutation::Truncate(50),
    Mutation::FlipBytes(8),
    Mutation::WrongType,
    Mutation::Empty,
    Mutation::Directory,
];

#[derive(Clone, Copy, Debug)]
enum Mutation {
    /// Keep this percentage of the bytes.
    Truncate(usize),
    /// Flip this many random bits.
    FlipBytes(usize),
    /// Replace the value at a random JSON pointer with one of another type.
    WrongType,
    /// An empty file.
    Empty,
    /// A folder where the file was.
    Directory,
}

/// Applies a damage to the bytes of a file at `path`, in place. Returns a label, or `None`
/// when the damage does not apply (wrong types in a file that is not JSON).
fn damage(path: &Path, mutation: Mutation, rng: &mut Rng) -> Option<String> {
    let bytes = std::fs::read(path).expect("read an input");
    let (bytes, label) = match mutation {
        Mutation::Truncate(percent) => {
            let at = bytes.len() * percent / 100;
            (bytes[..at].to_vec(), format!("truncated at {at}"))
        }
        Mutation::FlipBytes(count) => {
            let mut bytes = bytes;
            let mut flipped = Vec::new();
            for _ in 0..count {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.below(bytes.len());
                let bit = rng.below(8);
                bytes[at] ^= 1 << bit;
                flipped.push(format!("{at}:{bit}"));
            }
            (bytes, format!("bits flipped at {}", flipped.join(",")))
        }
        Mutation::WrongType => {
            let text = String::from_utf8(bytes).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut value: Value = serde_json::from_str(text).ok()?;
            let mut pointers = Vec::new();
            collect_pointers(&value, String::new(), &mut pointers);
            if pointers.is_empty() {
                return None;
            }
            let pointer = pointers[rng.below(pointers.len())].clone();
            let slot = value.pointer_mut(&pointer)?;
            *slot = other_type(slot, rng);
            (
                serde_json::to_vec_pretty(&value).expect("serialize"),
                format!("wrong type at `{pointer}`"),
            )
        }
        Mutation::Empty => (Vec::new(), "empty".to_string()),
        Mutation::Directory => {
            std::fs::remove_file(path).expect("remove an input");
            std::fs::create_dir(path).expect("create a folder");
            std::fs::write(path.join("stray.txt"), "not the file").expect("write");
            return Some("a folder instead of the file".to_string());
        }
    };
    std::fs::write(path, bytes).expect("write a damaged input");
    Some(label)
}

/// Every JSON pointer of a value but the root (at most 100 000 collected).
fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    if out.len() > 100_000 {
        return;
    }
    if !at.is_empty() {
        out.push(at.clone());
    }
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                collect_pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect_pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A value of another JSON type than `value`.
fn other_type(value: &Value, rng: &mut Rng) -> Value {
    let choices = [
        Value::Null,
        Value::Bool(true),
        Value::from(-7),
        Value::from("\u{0}<&>\"'"),
        Value::Array(vec![Value::from(1), Value::Null]),
        serde_json::json!({"unexpected": {"$ref": "#/nowhere"}}),
    ];
    let same = |v: &Value| std::mem::discriminant(v) == std::mem::discriminant(value);
    let others: Vec<&Value> = choices.iter().filter(|c| !same(c)).collect();
    others[rng.below(others.len())].clone()
}

/// What the cases of a matrix did.
#[derive(Default)]
struct Tally {
    cases: usize,
    errors: usize,
    converted: usize,
    folders: usize,
    problems: Vec<String>,
}

impl Tally {
    fn add(&mut self, case: &str, input: &Path, single_file: bool) {
        let (problems, code, folders) = judge(case, input, single_file);
        self.cases += 1;
        match code {
            Some(0) => self.converted += 1,
            Some(2) => self.errors += 1,
            _ => {}
        }
        self.folders += folders;
        self.problems.extend(problems);
    }

    fn finish(self, name: &str) {
        eprintln!(
            "{name}: {} cases: {} exit 2 with a located error, {} exit 0; {} connector folders checked and validated; {} problems",
            self.cases,
            self.errors,
            self.converted,
            self.folders,
            self.problems.len()
        );
        assert!(self.cases > 0, "no case ran");
        assert!(
            self.problems.is_empty(),
            "{} problems in the broken-input cases:\n{}",
            self.problems.len(),
            self.problems.join("\n")
        );
    }
}

/// Runs one case and returns its problems, exit code and number of folders written.
fn judge(case: &str, input: &Path, single_file: bool) -> (Vec<String>, Option<i32>, usize) {
    let out_root = tempfile::tempdir().expect("a temporary folder");
    let out = out_root.path().join("out");
    let report = out_root.path().join("report.json");
    let run = common::convert(
        input,
        &out,
        &["--report", report.to_str().expect("utf-8 path")],
    );
    let mut problems = Vec::new();
    if run.crashed() {
        problems.push(format!("{case}: crashed: {}", run.describe()));
        return (problems, run.code, 0);
    }
    let (mut found, folders) = common::check_output(&out, true);
    match run.code {
        Some(2) => {
            let errors = common::errors(&run.stderr);
            if errors.is_empty() {
                problems.push(format!(
                    "{case}: exit 2 without an error: {}",
                    run.describe()
                ));
            }
            for error in errors.iter().filter(|e| !common::located(e)) {
                problems.push(format!("{case}: error without a location: {error}"));
            }
        }
        Some(0) => {
            if single_file && folders == 0 {
                problems.push(format!("{case}: exit 0 but no connector written"));
            }
        }
        _ => problems.push(format!("{case}: unexpected exit: {}", run.describe())),
    }
    if serde_json::from_str::<Value>(&std::fs::read_to_string(&report).unwrap_or_default()).is_err()
    {
        problems.push(format!("{case}: the report is missing or not JSON"));
    }
    problems.extend(found.drain(..).map(|p| format!("{case}: {p}")));
    (problems, run.code, folders)
}

/// Picks `count` items of a sorted list with a seeded generator (order kept).
fn sample<T: Clone>(items: &[T], count: usize, rng: &mut Rng) -> Vec<T> {
    let mut indexes: Vec<usize> = (0..items.len()).collect();
    for i in (1..indexes.len()).rev() {
        indexes.swap(i, rng.below(i + 1));
    }
    let mut chosen: Vec<usize> = indexes.into_iter().take(count).collect();
    chosen.sort_unstable();
    chosen.into_iter().map(|i| items[i].clone()).collect()
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries
}

#[test]
fn damaged_postman_collections_fail_cleanly_or_convert_validly() {
    let Some(corpus) = common::corpus("the Postman broken-input matrix") else {
        return;
    };
    let mut rng = Rng::new(0x5EED_0008);
    let files: Vec<PathBuf> = sorted_entries(&corpus.join("postman"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.metadata().is_ok_and(|m| m.len() <= POSTMAN_MAX_BYTES))
        .collect();
    let mut tally = Tally::default();
    for file in sample(&files, POSTMAN_FILES, &mut rng) {
        let name = file
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        for mutation in MUTATIONS {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let input = dir.path().join(&name);
            std::fs::copy(&file, &input).expect("copy an input");
            let Some(label) = damage(&input, mutation, &mut rng) else {
                continue;
            };
            tally.add(&format!("{name} ({label})"), &input, true);
        }
    }
    tally.finish("Postman matrix");
}

#[test]
fn damaged_apim_bundles_fail_cleanly_or_convert_validly() {
    let Some(corpus) = common::corpus("the API Management broken-input matrix") else {
        return;
    };
    let mut rng = Rng::new(0x5EED_0A91);
    let bundles: Vec<PathBuf> = sorted_entries(&corpus.join("apim"))
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    let mut tally = Tally::default();
    for bundle in sample(&bundles, APIM_BUNDLES, &mut rng) {
        let name = bundle
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        for mutation in BUNDLE_MUTATIONS {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let copy = dir.path().join(&name);
            common::copy_tree(&bundle, &copy);
            let files: Vec<PathBuf> = walk(&copy)
                .into_iter()
                .filter(|p| {
                    p.extension().is_some_and(|e| {
                        ["json", "yaml", "yml", "xml"]
                            .iter()
                            .any(|x| e.eq_ignore_ascii_case(x))
                    })
                })
                .collect();
            if files.is_empty() {
                continue;
            }
            let target = &files[rng.below(files.len())];
            let Some(label) = damage(target, mutation, &mut rng) else {
                continue;
            };
            let relative = target.strip_prefix(&copy).unwrap_or(target).display();
            tally.add(&format!("{name}/{relative} ({label})"), &copy, false);
        }
    }
    tally.finish("API Management matrix");
}

/// Inputs that do not need the corpus: an empty file, a folder named like a file, garbage.
#[test]
fn empty_folder_and_garbage_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut rng = Rng::new(0x6A8B);
    let mut cases: Vec<(String, PathBuf)> = Vec::new();
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").expect("write");
    cases.push(("empty file".into(), empty));
    let blank = dir.path().join("blank.yaml");
    std::fs::write(&blank, "\n  \n").expect("write");
    cases.push(("blank file".into(), blank));
    let folder = dir.path().join("collection.json");
    std::fs::create_dir(&folder).expect("create");
    cases.push(("empty folder named like a file".into(), folder));
    for (i, size) in [1usize, 17, 4096, 100_000].into_iter().enumerate() {
        let garbage: Vec<u8> = (0..size).map(|_| rng.next() as u8).collect();
        let path = dir.path().join(format!("garbage-{i}.json"));
        std::fs::write(&path, garbage).expect("write");
        cases.push((format!("{size} random bytes"), path));
    }
    // Garbage that is valid UTF-8 and starts like each format.
    for (i, head) in ["{\"info\":", "openapi: 3.0.0\n", "{\"swagger\":\"2.0\","]
        .into_iter()
        .enumerate()
    {
        let tail: String = (0..5000)
            .map(|_| {
                let alphabet = b"{}[]\":,-? \n\t&<>!*a0";
                char::from(alphabet[rng.below(alphabet.len())])
            })
            .collect();
        let path = dir.path().join(format!("lookalike-{i}.json"));
        std::fs::write(&path, format!("{head}{tail}")).expect("write");
        cases.push((format!("garbage after `{}`", head.trim()), path));
    }
    let mut tally = Tally::default();
    for (label, input) in &cases {
        tally.add(label, input, true);
    }
    // None of these is a connector.
    assert_eq!(tally.converted, 0, "garbage converted");
    tally.finish("garbage inputs");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for path in sorted_entries(&next) {
            if path.is_symlink() {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
