//! Command-line arguments. Every flag's doc comment is its `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Turn Postman collections, API Management exports and OpenAPI documents into Power Platform
/// custom connectors, offline.
#[derive(Debug, Parser)]
#[command(name = "connectorize", version, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 success, 1 differences found (diff, update --dry-run), \
2 error, 3 warnings denied (--deny-warnings)."
)]
pub struct Cli {
    /// Options every command understands.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Args)]
pub struct Global {
    /// How to print diagnostics on standard error: `human` text or one JSON object per line.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human, global = true)]
    pub message_format: MessageFormat,
    /// Exit with code 3 when any warning was reported.
    #[arg(long, global = true)]
    pub deny_warnings: bool,
    /// Print only errors; no warnings, notes or summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// The diagnostic output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Readable text.
    Human,
    /// One JSON object per line.
    Json,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert inputs to connector folders (one folder per API, under OUTDIR).
    Convert(ConvertArgs),
    /// Print the intermediate form (IR) of an input as JSON.
    Ir(IrArgs),
    /// Render an IR file (as printed by `ir`) to connector folders.
    Render(RenderArgs),
    /// Check connector folders offline against the rules the Power Platform validator enforces.
    Validate(ValidateArgs),
    /// Compare a connector folder with its changed source (or with another connector folder)
    /// and classify each change as breaking, non-breaking or cosmetic.
    Diff(DiffArgs),
    /// Regenerate a connector from its changed source and merge it into the folder, keeping
    /// the maker's edits.
    Update(UpdateArgs),
}

/// `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Connector folders, or `apiDefinition.swagger.json` files.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Also apply the certification rules (title, description, contact, metadata, readme).
    #[arg(long)]
    pub certification: bool,
    /// Largest input file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = connectorize::input::DEFAULT_MAX_INPUT_BYTES)]
    pub max_input_size: u64,
}

/// `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The new side: a source to convert in memory (collection, OpenAPI document, bundle), or a
    /// connector folder.
    #[arg(value_name = "SOURCE|NEW_DIR")]
    pub new: PathBuf,
    /// The existing connector folder.
    #[arg(value_name = "EXISTING_DIR")]
    pub existing: PathBuf,
    /// How to print the change list.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Exit with code 1 on any change (default) or only on breaking changes.
    #[arg(long, value_enum, default_value_t = FailOnArg::Any)]
    pub fail_on: FailOnArg,
    /// How to read the source.
    #[command(flatten)]
    pub source: SourceArgs,
    /// How to render the source.
    #[command(flatten)]
    pub render: RenderFlags,
}

/// `update`.
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The changed source (collection, OpenAPI document, bundle).
    #[arg(value_name = "SOURCE")]
    pub new: PathBuf,
    /// The connector folder to update.
    #[arg(value_name = "EXISTING_DIR")]
    pub existing: PathBuf,
    /// Resolve conflicts in favour of the source or of the existing folder; without it,
    /// conflicts are listed and nothing is written (exit 1).
    #[arg(long, value_enum)]
    pub prefer: Option<PreferArg>,
    /// Print the changes the update would make, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to read the source.
    #[command(flatten)]
    pub source: SourceArgs,
    /// How to render the source.
    #[command(flatten)]
    pub render: RenderFlags,
}

/// `diff --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// The change list, then a unified diff per file.
    Human,
    /// The change list as JSON.
    Json,
    /// A Markdown table, for pull-request comments.
    Markdown,
}

/// `diff --fail-on` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Only breaking changes make the exit code 1.
    Breaking,
    /// Any change makes the exit code 1.
    Any,
}

/// `update --prefer` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PreferArg {
    /// Take the new generation's value.
    Source,
    /// Keep the folder's value.
    Existing,
}

/// `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input files or folders (`-` reads standard input).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The folder to write connector folders into.
    #[arg(short, long, value_name = "OUTDIR")]
    pub out: PathBuf,
    /// Replace connector folders that connectorize did not write.
    #[arg(long)]
    pub force: bool,
    /// Write a JSON report of every API's result to this file.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// How to read the inputs.
    #[command(flatten)]
    pub source: SourceArgs,
    /// How to render.
    #[command(flatten)]
    pub render: RenderFlags,
}

/// `ir`.
#[derive(Debug, Args)]
pub struct IrArgs {
    /// The input file or folder (`-` reads standard input).
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,
    /// How to read the input.
    #[command(flatten)]
    pub source: SourceArgs,
}

/// `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The IR file (`-` reads standard input).
    #[arg(value_name = "IR")]
    pub ir: PathBuf,
    /// The folder to write connector folders into.
    #[arg(short, long, value_name = "OUTDIR")]
    pub out: PathBuf,
    /// Replace connector folders that connectorize did not write.
    #[arg(long)]
    pub force: bool,
    /// How to render.
    #[command(flatten)]
    pub render: RenderFlags,
}

/// Options for reading inputs; each input kind uses those that concern it.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// The input kind; detected from the content when omitted.
    #[arg(long, value_name = "KIND")]
    pub from: Option<String>,
    /// Set a variable (Postman variables, OpenAPI server variables, API Management named values).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub variables: Vec<(String, String)>,
    /// A Postman environment file whose variables apply.
    #[arg(long, value_name = "FILE")]
    pub environment: Option<PathBuf>,
    /// The authentication to keep when a collection mixes several (e.g. apikey, bearer, oauth2).
    #[arg(long, value_name = "TYPE")]
    pub auth: Option<String>,
    /// Make one connector per origin when a Postman collection calls several hosts.
    #[arg(long)]
    pub split_by_host: bool,
    /// The API Management gateway host connectors call (default: from the exported servers).
    #[arg(long, value_name = "HOST")]
    pub gateway_host: Option<String>,
    /// Call the API Management gateway (default) or the backend behind it.
    #[arg(long, value_enum, default_value_t = Target::Gateway)]
    pub target: Target,
    /// The API Management environment whose configuration.<NAME>.yaml overrides apply.
    #[arg(long = "env", value_name = "NAME")]
    pub apim_environment: Option<String>,
    /// Convert this API Management revision instead of the current one.
    #[arg(long, value_name = "N")]
    pub revision: Option<String>,
    /// Convert only API Management APIs whose name matches (repeatable; `*` and `?` wildcards).
    #[arg(long = "api", value_name = "NAME")]
    pub apis: Vec<String>,
    /// Largest input file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = connectorize::input::DEFAULT_MAX_INPUT_BYTES)]
    pub max_input_size: u64,
}

/// Where API Management connectors send requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// The API Management gateway (policies keep running there).
    Gateway,
    /// The backend service behind the gateway.
    Backend,
}

/// Rendering options.
#[derive(Debug, Args)]
pub struct RenderFlags {
    /// When to split an API into several connectors: only over the platform limits (auto),
    /// always by tag (tag), or never (none: an oversized API is an error).
    #[arg(long, value_enum, default_value_t = SplitArg::Auto)]
    pub split: SplitArg,
}

/// `--split` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// Split only when a limit is exceeded.
    Auto,
    /// One connector per tag.
    Tag,
    /// Never split.
    None,
}

fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.to_string()))
        }
        _ => Err(format!("`{text}` is not NAME=VALUE")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn variables_need_a_name_and_keep_equals_signs_in_values() {
        assert_eq!(parse_var("a=b=c"), Ok(("a".into(), "b=c".into())));
        assert!(parse_var("=x").is_err());
        assert!(parse_var("novalue").is_err());
    }
}
