//! `connectorize-gen`: writes deterministic benchmark inputs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Writes large, realistic, deterministic inputs for connectorize benchmarks.
#[derive(Parser)]
#[command(name = "connectorize-gen", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// A Postman v2.1 collection of about SIZE megabytes (1 MB = 1,000,000 bytes).
    Postman {
        /// Target size in MB (fractions allowed); the file overshoots by at most one folder.
        #[arg(long, default_value = "1")]
        mb: f64,
        /// The seed: the same seed and size give the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The file to write.
        #[arg(short, long)]
        out: PathBuf,
    },
    /// An APIOps extractor bundle with APIS APIs of OPERATIONS operations each.
    Apim {
        /// Number of APIs.
        #[arg(long, default_value_t = 500)]
        apis: usize,
        /// Operations per API.
        #[arg(long, default_value_t = 20)]
        operations: usize,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The folder to write (created).
        #[arg(short, long)]
        out: PathBuf,
    },
}

#[allow(clippy::print_stdout, clippy::print_stderr)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Postman { mb, seed, out } => std::fs::File::create(&out).and_then(|file| {
            connectorize_bench::postman::write(file, (mb * 1_000_000.0) as u64, seed)
                .map(|bytes| (out, bytes))
        }),
        Command::Apim {
            apis,
            operations,
            seed,
            out,
        } => {
            connectorize_bench::apim::write(&out, apis, operations, seed).map(|bytes| (out, bytes))
        }
    };
    match result {
        Ok((out, bytes)) => {
            println!("{} {bytes}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("connectorize-gen: {e}");
            ExitCode::from(2)
        }
    }
}
