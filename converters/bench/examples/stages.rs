//! Times each stage of converting one Postman collection, in one process:
//! `cargo run --release -p connectorize-bench --example stages -- FILE`
//! (`STAGES_NO_FLOOR=1` skips the floor's parse and write).

#![allow(clippy::print_stdout)]

use std::time::Instant;

use connectorize_ir::Diagnostics;

fn main() {
    let path = std::env::args().nth(1).expect("give a collection");
    let t = Instant::now();
    let text = std::fs::read_to_string(&path).expect("readable");
    let lap = |what: &str, t: &mut Instant| {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
                .map_or(0, |kb| kb / 1024)
        };
        println!(
            "{what:<28} {:>8.3} s  rss {:>5} MB  peak {:>5} MB",
            t.elapsed().as_secs_f64(),
            field("VmRSS:"),
            field("VmHWM:")
        );
        *t = Instant::now();
    };
    let mut t = t;
    lap("read file", &mut t);
    // STAGES_NO_FLOOR=1 leaves the floor out, so the resident figures below are connectorize's own.
    if std::env::var_os("STAGES_NO_FLOOR").is_none() {
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        lap("floor: parse to Value", &mut t);
        let pretty = serde_json::to_string_pretty(&v).expect("json");
        lap("floor: pretty write", &mut t);
        drop((v, pretty));
    }
    let mut d = Diagnostics::new();
    let apis =
        connectorize_postman::read(&text, &path, &Default::default(), &mut d).expect("reads");
    lap("postman read (parse+lower)", &mut t);
    let api = connectorize_connector::normalize::normalize(apis[0].clone(), &mut d).expect("ok");
    lap("clone + normalize", &mut t);
    let size = connectorize_connector::limits::measure(&api);
    lap("measure whole", &mut t);
    println!("  {} operations, {} bytes", size.operations, size.bytes);
    let parts =
        connectorize_connector::limits::fit(api, &Default::default(), &mut d).expect("fits");
    lap("fit (trim, split)", &mut t);
    println!("  {} parts", parts.len());
    let connectors =
        connectorize_connector::render(&apis[0], &Default::default(), &mut d).expect("renders");
    lap("render (all of the above)", &mut t);
    let mut bytes = 0;
    for c in &connectors {
        bytes += connectorize::output::base_record(&c.clone().into()).len();
    }
    lap("base records", &mut t);
    println!("  {bytes} bytes");
    let mut findings = 0;
    for c in &connectors {
        findings += connectorize::check::rendered(&c.files, "out").len();
    }
    lap("validate rendered", &mut t);
    println!("  {findings} findings");
    drop(connectors);
    lap("drop connectors", &mut t);
}
