//! The command line, declared with clap: every command has its own `--help`,
//! `--version` works, and an unknown flag is named. A usage error exits with
//! status 2, as before.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Checks social workers' case notes against a council's recording policy.
#[derive(Debug, Parser)]
#[command(
    name = "case-note-check",
    version,
    arg_required_else_help = true,
    override_usage = "case-note-check [--policy FILE] NOTES.jsonl\n       \
                      case-note-check [--policy FILE] --text NOTE.txt [--context JSON]\n       \
                      case-note-check [--policy FILE] <COMMAND>",
    after_help = "NOTES.jsonl holds one {\"id\", \"text\", \"context\"} a line (other keys are carried through); \
                  each gets one {\"id\", \"report\"} line, in order. A bad line gets {\"id\", \"line\", \"error\"} and \
                  the run goes on; the exit status is then 1."
)]
pub struct Cli {
    /// Check against a council's policy (JSON, see policy.schema.json) instead of the built-in one
    #[arg(long, global = true, value_name = "FILE")]
    pub policy: Option<PathBuf>,

    /// A readable report of one note (a text file, or - for standard input), with line:column
    #[arg(long, value_name = "NOTE.txt", conflicts_with = "notes")]
    pub text: Option<String>,

    /// The note's context as JSON, with --text: '{"event":"statutory_visit","event_at":"2026-11-23T10:00"}'
    #[arg(long, value_name = "JSON", requires = "text")]
    pub context: Option<String>,

    /// Notes to check, one JSON object a line (- for standard input)
    #[arg(value_name = "NOTES.jsonl")]
    pub notes: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands besides checking notes.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Every rule with its standard, severity and explanation
    Rules(RulesArgs),
    /// The built-in policy as JSON, a starting point for a council's own
    Policy,
}

/// `rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// As JSON
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// As Markdown (this is RULES.md)
    #[arg(long)]
    pub markdown: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
