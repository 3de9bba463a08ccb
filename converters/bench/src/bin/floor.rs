//! `connectorize-floor INPUT OUT`: the floor program (see `connectorize_bench::floor`).
//! `connectorize-floor --read INPUT...` only reads and parses (the floor of reading a
//! connector, for `validate` and `diff`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// The same allocator as the `connectorize` binary, with the same options, so that ratios
/// compare the work done and not the allocators.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(not(target_env = "msvc"))]
#[export_name = "_rjem_malloc_conf"]
static ALLOCATOR_OPTIONS: &[u8; 36] = b"dirty_decay_ms:100,muzzy_decay_ms:0\0";

/// Parses INPUT (a file or a folder) into generic JSON values and writes them pretty-printed
/// into the folder OUT.
#[derive(Parser)]
#[command(name = "connectorize-floor", version)]
struct Cli {
    /// Only read and parse every input; write nothing.
    #[arg(long)]
    read: bool,
    /// INPUT OUT, or with --read: INPUT...
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = if cli.read {
        cli.paths.iter().try_fold(
            connectorize_bench::floor::Totals::default(),
            |totals, path| connectorize_bench::floor::run(path, None).map(|t| totals + t),
        )
    } else {
        match cli.paths.as_slice() {
            [input, out] => connectorize_bench::floor::run(input, Some(out)),
            _ => {
                eprintln!("connectorize-floor: give INPUT OUT (or --read INPUT...)");
                return ExitCode::from(2);
            }
        }
    };
    match result {
        Ok(t) => {
            println!(
                "parsed {} file(s), read {} other(s), {} bytes in, {} bytes out",
                t.parsed, t.read, t.bytes_in, t.bytes_out
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("connectorize-floor: {e}");
            ExitCode::from(2)
        }
    }
}
