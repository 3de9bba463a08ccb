//! The `connectorize` binary: parse the command line, run, exit with the documented code.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = match cli::args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage {
                cli::Exit::Error.into()
            } else {
                cli::Exit::Success.into()
            };
        }
    };
    cli::run(cli).into()
}
