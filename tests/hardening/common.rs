//! The harness shared by the hardening tests: running the binary with a time limit, checking
//! an output folder, and a small seeded random number generator.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before it counts as a hang. A failure detector, not a timing
/// assertion: the slowest case (a 100 000-deep `$ref` chain) takes about 25 s in a debug build
/// alone and twice that beside the other tests on two busy cores.
pub const HANG_LIMIT: Duration = Duration::from_secs(180);

/// The binary under test.
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_connectorize"));
    command.env("NO_COLOR", "1").env_remove("RAYON_NUM_THREADS");
    command
}

/// The folder of this test target's committed inputs.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/hardening/inputs")
}

/// The result of one run.
#[derive(Debug)]
pub struct Run {
    /// The exit code, `None` when the process died of a signal.
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Whether the run was killed for taking longer than [`HANG_LIMIT`].
    pub hung: bool,
}

impl Run {
    /// A one-line description for failure messages.
    pub fn describe(&self) -> String {
        let tail: String = self
            .stderr
            .lines()
            .rev()
            .take(8)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "exit {:?}{}\n--- stderr (end) ---\n{tail}",
            self.code,
            if self.hung { " (hung, killed)" } else { "" }
        )
    }

    /// Whether the process crashed: a panic, a signal (stack overflow, abort) or a hang.
    pub fn crashed(&self) -> bool {
        self.hung
            || self.code.is_none()
            || self.code == Some(101)
            || self.stderr.contains("panicked")
            || self.stderr.contains("stack overflow")
    }
}

/// Runs `command` to completion, killing it after `limit`.
pub fn run_with_limit(command: &mut Command, limit: Duration) -> Run {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("the binary starts");
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    let mut hung = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the child") {
            break status;
        }
        if start.elapsed() > limit {
            hung = true;
            let _ = child.kill();
            break child.wait().expect("wait for the killed child");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
        hung,
    }
}

/// Runs `command` with the default limit.
pub fn run(command: &mut Command) -> Run {
    run_with_limit(command, HANG_LIMIT)
}

fn drain(pipe: Option<impl std::io::Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Starts the binary without waiting (for kill tests).
pub fn spawn(command: &mut Command) -> Child {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts")
}

/// `convert INPUT -o OUT --message-format json`, with extra arguments.
pub fn convert(input: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut command = binary();
    command
        .arg("--message-format")
        .arg("json")
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(extra);
    run(&mut command)
}

/// Whether a JSON diagnostic line names where the problem is.
pub fn located(diagnostic: &serde_json::Value) -> bool {
    diagnostic
        .get("location")
        .and_then(|l| l.get("file"))
        .and_then(serde_json::Value::as_str)
        .is_some_and(|f| !f.is_empty())
}

/// The error-severity diagnostics printed with `--message-format json`.
pub fn errors(stderr: &str) -> Vec<serde_json::Value> {
    stderr
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|d| d.get("severity").and_then(serde_json::Value::as_str) == Some("error"))
        .collect()
}

/// The files every connector folder holds.
pub const CONNECTOR_FILES: [&str; 4] = [
    "apiDefinition.swagger.json",
    "apiProperties.json",
    "settings.json",
    ".connectorize/base.json",
];

/// Checks the output folder after a run: no staging or retired folders left, and every
/// connector folder complete (all files present, every JSON file parses) and valid. Returns
/// the problems found and the number of connector folders.
pub fn check_output(out: &Path, validate: bool) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut folders = 0;
    let Ok(entries) = std::fs::read_dir(out) else {
        return (problems, 0);
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.contains(".connectorize-") {
            problems.push(format!("left-over staging folder `{name}`"));
            continue;
        }
        if !path.is_dir() {
            continue;
        }
        folders += 1;
        problems.extend(check_folder(&path, validate));
    }
    (problems, folders)
}

/// Checks one connector folder: complete, parseable, and (when asked) valid.
pub fn check_folder(folder: &Path, validate: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let label = folder.display();
    for file in CONNECTOR_FILES {
        match std::fs::read_to_string(folder.join(file)) {
            Ok(text) => {
                if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                    problems.push(format!("{label}/{file} is not complete JSON"));
                }
            }
            Err(e) => problems.push(format!("{label}/{file} missing: {e}")),
        }
    }
    let has_readme = std::fs::read_dir(folder)
        .map(|d| {
            d.filter_map(Result::ok)
                .any(|e| e.file_name().eq_ignore_ascii_case("readme.md"))
        })
        .unwrap_or(false);
    if !has_readme {
        problems.push(format!("{label} has no readme.md"));
    }
    if validate && problems.is_empty() {
        let mut command = binary();
        command
            .arg("--message-format")
            .arg("json")
            .arg("validate")
            .arg(folder);
        let run = run(&mut command);
        if run.code != Some(0) {
            problems.push(format!("{label} does not validate: {}", run.describe()));
        }
    }
    problems
}

/// Every file under `dir`, sorted, relative paths with forward slashes, with their bytes.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).expect("read a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(dir)
                    .expect("under the root")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((relative, std::fs::read(&path).expect("read a file")));
            }
        }
    }
    out.sort();
    out
}

/// Copies a folder tree (files and folders; symbolic links are skipped).
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("read a folder").flatten() {
        let kind = entry.file_type().expect("file type");
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The shared corpus, or `None` (with a note) when `CONNECTORIZE_SHARED` is unset.
pub fn corpus(test: &str) -> Option<PathBuf> {
    match connectorize_golden::shared_dir() {
        Some(dir) if dir.join("corpus").is_dir() => Some(dir.join("corpus")),
        _ => {
            eprintln!("note: {test} skipped: CONNECTORIZE_SHARED does not name the shared folder");
            None
        }
    }
}

/// A small deterministic random number generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
