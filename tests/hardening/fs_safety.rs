//! Filesystem safety: folder names taken from input stay inside the output folder and are
//! safe on every platform; symbolic links in bundles are not followed out of the bundle; a
//! batch killed at any moment leaves every connector folder complete and valid, or absent,
//! and the next run finishes the job without losing files the user added.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{self, Rng};
use crate::limits::{apiops_bundle, spec};

/// Names a title or folder may carry in from an input.
const HOSTILE: &[&str] = &[
    "../../escaped",
    "..",
    ".",
    "/etc/passwd",
    "C:\\Windows\\System32\\drivers",
    "\\\\server\\share\\x",
    "CON",
    "nul.txt",
    "COM1",
    "lpt9.json",
    "Aux ",
    "tab\there\u{7}bell\u{1b}[31mred\r\nnewline",
    "\u{0}nul-byte",
    "trailing dots...",
    "<>:\"|?*",
    ".connectorize",
    "~",
    "emoji 🚀 and ünïcödé",
];

/// Whether a folder name is safe on Windows, macOS and Linux.
fn safe_name(name: &str) -> Result<(), String> {
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    let reserved = ["CON", "PRN", "AUX", "NUL"]
        .iter()
        .any(|r| stem.eq_ignore_ascii_case(r))
        || (stem.len() == 4
            && ["COM", "LPT"]
                .iter()
                .any(|p| stem[..3].eq_ignore_ascii_case(p))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        return Err("a reserved device name".into());
    }
    if name.is_empty() || name == "." || name == ".." {
        return Err("empty or a dot name".into());
    }
    if name
        .chars()
        .any(|c| c.is_control() || "<>:\"/\\|?*".contains(c))
    {
        return Err("a control or reserved character".into());
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Err("ends with a dot or a space".into());
    }
    if name.len() > 255 {
        return Err(format!("{} bytes long", name.len()));
    }
    Ok(())
}

/// Checks that `root` holds only `expected` entries and every folder under `out` is safe.
fn assert_contained(root: &Path, out: &Path, case: &str) {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .expect("read the root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["input.json", "out", "report.json"],
        "{case}: something was written outside the output folder"
    );
    for entry in std::fs::read_dir(out).expect("read the output").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Err(why) = safe_name(&name) {
            panic!("{case}: output folder {name:?} is not safe: {why}");
        }
        assert!(entry.path().is_dir(), "{case}: {name:?} is not a folder");
    }
}

fn postman(name: &str, folder: &str) -> String {
    let collection = serde_json::json!({
        "info": {"name": name, "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": folder, "item": [
                {"name": "Get item", "request": {"method": "GET", "url": "https://api.example.com/items/1"}, "response": []}
            ]},
            {"name": "Other", "item": [
                {"name": "List items", "request": {"method": "GET", "url": "https://api.example.com/items"}, "response": []}
            ]}
        ]
    });
    collection.to_string()
}

#[test]
fn names_from_input_stay_inside_the_output_folder() {
    let long = "x".repeat(300);
    let long_unicode = "é".repeat(200);
    let mut names: Vec<&str> = HOSTILE.to_vec();
    names.push(&long);
    names.push(&long_unicode);
    for name in names {
        for split in ["auto", "tag"] {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let input = dir.path().join("input.json");
            std::fs::write(&input, postman(name, name)).expect("write");
            let out = dir.path().join("out");
            let report = dir.path().join("report.json");
            let run = common::convert(
                &input,
                &out,
                &[
                    "--split",
                    split,
                    "--report",
                    report.to_str().expect("utf-8"),
                ],
            );
            let case = format!("title {name:?} (--split {split})");
            assert_eq!(run.code, Some(0), "{case}: {}", run.describe());
            assert_contained(dir.path(), &out, &case);
            let (problems, folders) = common::check_output(&out, true);
            assert!(problems.is_empty(), "{case}: {}", problems.join("\n"));
            assert!(folders >= 1, "{case}: nothing written");
        }
    }
}

#[test]
fn api_management_names_stay_inside_the_output_folder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bundle = dir.path().join("bundle");
    let titles: Vec<String> = HOSTILE
        .iter()
        .map(|n| n.replace(['\u{0}', '\r', '\n'], " "))
        .collect();
    let specs: Vec<(String, String)> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let yaml_title = serde_json::to_string(t).expect("json string");
            (
                format!("api{i}"),
                spec(&format!("api{i}"), 1).replacen(
                    &format!("title: api{i}"),
                    &format!("title: {yaml_title}"),
                    1,
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = specs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    apiops_bundle(&bundle, &refs, None, None);
    for (i, title) in titles.iter().enumerate() {
        // The display name is what names the folder.
        let info = bundle.join(format!("apimartifacts/apis/api{i}/apiInformation.json"));
        let text = std::fs::read_to_string(&info).expect("read");
        let text = text.replace(
            &format!("\"displayName\": \"api{i}\""),
            &format!(
                "\"displayName\": {}",
                serde_json::to_string(title).expect("json")
            ),
        );
        std::fs::write(&info, text).expect("write");
    }
    let out = dir.path().join("out");
    let run = common::convert(&bundle, &out, &[]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let (problems, folders) = common::check_output(&out, true);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(folders, titles.len());
    for entry in std::fs::read_dir(&out).expect("read").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Err(why) = safe_name(&name) {
            panic!("output folder {name:?} is not safe: {why}");
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["bundle", "out"]);
}

#[cfg(unix)]
#[test]
fn symlinks_in_bundles_are_not_followed_out_of_the_bundle() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let outside = dir.path().join("outside");
    // An API folder, a policy and a named value outside the bundle.
    apiops_bundle(
        &outside,
        &[("stolen", &spec("OUTSIDE-API-MARKER", 1))],
        Some("<policies><inbound><set-header name=\"X-Outside\" exists-action=\"override\"><value>OUTSIDE-POLICY-MARKER</value></set-header></inbound></policies>"),
        None,
    );
    std::fs::create_dir_all(outside.join("nv")).expect("create");
    std::fs::write(
        outside.join("nv/namedValueInformation.json"),
        "{\"properties\": {\"displayName\": \"region\", \"value\": \"OUTSIDE-NAMED-VALUE-MARKER\", \"secret\": false}}",
    )
    .expect("write");

    let bundle = dir.path().join("bundle");
    apiops_bundle(&bundle, &[("orders", &spec("orders", 2))], None, None);
    let apis = bundle.join("apimartifacts/apis");
    symlink(
        outside.join("apimartifacts/apis/stolen"),
        apis.join("stolen"),
    )
    .expect("link");
    symlink(
        outside.join("apimartifacts/apis/stolen/policy.xml"),
        apis.join("orders/policy.xml"),
    )
    .expect("link");
    std::fs::create_dir_all(bundle.join("apimartifacts/named values")).expect("create");
    symlink(
        outside.join("nv"),
        bundle.join("apimartifacts/named values/region"),
    )
    .expect("link");
    symlink("/", apis.join("root")).expect("link");

    let out = dir.path().join("out");
    let report = dir.path().join("report.json");
    let run = common::convert(
        &bundle,
        &out,
        &["--report", report.to_str().expect("utf-8")],
    );
    assert!(!run.crashed(), "{}", run.describe());
    assert!(matches!(run.code, Some(0 | 2)), "{}", run.describe());
    let (problems, folders) = common::check_output(&out, true);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(folders, 1, "only the API inside the bundle is converted");
    let mut everything = run.stdout.clone();
    for (_, bytes) in common::tree(&out) {
        everything.push_str(&String::from_utf8_lossy(&bytes));
    }
    everything.push_str(&std::fs::read_to_string(&report).unwrap_or_default());
    for marker in [
        "OUTSIDE-API-MARKER",
        "OUTSIDE-POLICY-MARKER",
        "OUTSIDE-NAMED-VALUE-MARKER",
    ] {
        assert!(
            !everything.contains(marker),
            "`{marker}` was read through a link"
        );
    }
    assert!(
        run.stderr.contains("link"),
        "the skipped links are reported: {}",
        run.describe()
    );
}

/// A bundle of many small APIs, for batch tests.
pub fn batch_bundle(root: &Path, apis: usize) {
    let specs: Vec<(String, String)> = (0..apis)
        .map(|i| (format!("api-{i:03}"), spec(&format!("Batch API {i:03}"), 3)))
        .collect();
    let refs: Vec<(&str, &str)> = specs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    apiops_bundle(root, &refs, None, None);
}

/// After an interrupted run: no connector folder is partial or invalid (staging folders are
/// allowed; they are hidden and the next run clears them). Returns the number of folders.
fn assert_complete_or_absent(out: &Path, case: &str, validate_sample: usize) -> usize {
    let Ok(entries) = std::fs::read_dir(out) else {
        return 0;
    };
    let mut folders: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".connectorize-"))
        })
        .collect();
    folders.sort();
    for (i, folder) in folders.iter().enumerate() {
        let problems = common::check_folder(folder, i < validate_sample);
        assert!(problems.is_empty(), "{case}: {}", problems.join("\n"));
    }
    folders.len()
}

#[test]
fn a_batch_killed_at_any_moment_leaves_folders_complete_or_absent() {
    const APIS: usize = 60;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bundle = dir.path().join("bundle");
    batch_bundle(&bundle, APIS);
    let command = |out: &Path| {
        let mut command = common::binary();
        command
            .arg("-q")
            .arg("convert")
            .arg(&bundle)
            .arg("-o")
            .arg(out);
        command
    };

    // One run to completion gives the time scale for the kills (not asserted on).
    let reference = dir.path().join("reference");
    let start = Instant::now();
    let run = common::run(&mut command(&reference));
    let full = start.elapsed();
    assert_eq!(run.code, Some(0), "{}", run.describe());
    assert_eq!(assert_complete_or_absent(&reference, "reference", 1), APIS);

    let mut rng = Rng::new(0xC0FFEE);
    for round in 0..8 {
        // Even rounds write into an empty folder, odd rounds replace a complete earlier
        // output whose folders hold a file the user added.
        let out = dir.path().join(format!("out-{round}"));
        if round % 2 == 1 {
            common::copy_tree(&reference, &out);
            for entry in std::fs::read_dir(&out).expect("read").flatten() {
                std::fs::write(entry.path().join("icon.png"), b"user file").expect("write");
            }
        }
        let delay = Duration::from_micros(
            (full.as_micros() as u64).max(1000) * (rng.below(1000) as u64) / 1000,
        );
        let mut child = common::spawn(&mut command(&out));
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let case = format!("round {round}, killed after {delay:?}");
        let survivors = assert_complete_or_absent(&out, &case, 3);
        assert!(survivors <= APIS);

        // The next run completes the job and keeps the user's files.
        let run = common::run(&mut command(&out));
        assert_eq!(run.code, Some(0), "{case}: rerun: {}", run.describe());
        let (problems, folders) = common::check_output(&out, false);
        assert!(
            problems.is_empty(),
            "{case}: rerun: {}",
            problems.join("\n")
        );
        assert_eq!(folders, APIS, "{case}: rerun");
        if round % 2 == 1 {
            for entry in std::fs::read_dir(&out).expect("read").flatten() {
                assert!(
                    entry.path().join("icon.png").is_file(),
                    "{case}: {} lost the user's icon.png",
                    entry.path().display()
                );
            }
        }
    }
}

/// A replacement interrupted between moving the old folder aside and moving the new one in
/// leaves only the retired copy; the next run must restore the user's files from it.
#[test]
fn a_replacement_interrupted_between_renames_loses_no_user_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bundle = dir.path().join("bundle");
    batch_bundle(&bundle, 1);
    let out = dir.path().join("out");
    let run = common::convert(&bundle, &out, &[]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let folder = std::fs::read_dir(&out)
        .expect("read")
        .flatten()
        .next()
        .expect("one folder")
        .path();
    std::fs::write(folder.join("icon.png"), b"user file").expect("write");
    let name = folder
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    // The state a kill between the two renames leaves.
    let retired = out.join(format!(".{name}.connectorize-old"));
    std::fs::rename(&folder, &retired).expect("rename");
    std::fs::create_dir_all(out.join(format!(".{name}.connectorize-tmp"))).expect("create");

    let run = common::convert(&bundle, &out, &[]);
    assert_eq!(run.code, Some(0), "{}", run.describe());
    let (problems, folders) = common::check_output(&out, false);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(folders, 1);
    assert_eq!(
        std::fs::read(folder.join("icon.png")).ok().as_deref(),
        Some(&b"user file"[..]),
        "the user's file in the retired folder was lost"
    );
}
