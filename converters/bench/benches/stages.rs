//! Stage benchmarks (criterion): Postman parse+lower, render, validate and diff, each next to
//! the floor (serde_json parse to `Value` + pretty write) of the same bytes.
//!
//! `cargo bench -p connectorize-bench` (set `BENCH_MB` for another collection size; the
//! default, 2 MB, keeps a run short).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use connectorize_connector::{RenderOptions, DEFINITION_FILE, PROPERTIES_FILE};
use connectorize_ir::Diagnostics;

fn mb() -> f64 {
    std::env::var("BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2.0)
}

fn stages(c: &mut Criterion) {
    let text = connectorize_bench::postman::generate((mb() * 1_000_000.0) as u64, 1);
    let options = connectorize_postman::Options::default();
    let read = || {
        let mut d = Diagnostics::new();
        connectorize_postman::read(&text, "bench.json", &options, &mut d).expect("reads")
    };
    let apis = read();
    let render = |api: &connectorize_ir::Api| {
        let mut d = Diagnostics::new();
        connectorize_connector::render(api, &RenderOptions::default(), &mut d).expect("renders")
    };
    let connectors = render(&apis[0]);
    let largest = connectors
        .iter()
        .max_by_key(|c| c.files[0].1.len())
        .expect("one connector");
    let file = |name: &str| {
        largest
            .files
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let (definition, properties) = (file(DEFINITION_FILE), file(PROPERTIES_FILE));

    let mut group = c.benchmark_group("postman");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("floor: parse + pretty write", |b| {
        b.iter(|| {
            let v: serde_json::Value = serde_json::from_str(&text).expect("json");
            serde_json::to_string_pretty(&v).expect("writes").len()
        })
    });
    group.bench_function("parse + lower", |b| b.iter(read));
    group.bench_function("render", |b| {
        b.iter_batched(
            || apis[0].clone(),
            |api| render(&api),
            BatchSize::LargeInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("connector");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(
        (definition.len() + properties.len()) as u64,
    ));
    group.bench_function("floor: parse", |b| {
        b.iter(|| {
            let d: serde_json::Value = serde_json::from_str(&definition).expect("json");
            let p: serde_json::Value = serde_json::from_str(&properties).expect("json");
            (d, p)
        })
    });
    group.bench_function("validate", |b| {
        b.iter(|| {
            connectorize_validator::validate(
                connectorize_validator::File {
                    name: DEFINITION_FILE,
                    text: &definition,
                },
                Some(connectorize_validator::File {
                    name: PROPERTIES_FILE,
                    text: &properties,
                }),
                None,
                &connectorize_validator::Options::default(),
            )
        })
    });
    let edited = definition.replacen("\"summary\": \"", "\"summary\": \"Edited ", 3);
    group.bench_function("diff (parse both + compare)", |b| {
        b.iter(|| {
            let old =
                connectorize_diff::Connector::from_texts(&definition, &properties).expect("parses");
            let new =
                connectorize_diff::Connector::from_texts(&edited, &properties).expect("parses");
            connectorize_diff::diff(&old, &new)
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
