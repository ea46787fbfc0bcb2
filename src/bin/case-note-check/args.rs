//! The command line, declared with clap: every command has its own `--help`,
//! `--version` works, and an unknown flag is named. A usage error exits with
//! status 2, as before.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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

    /// The time a note's "today" or "on Monday" is read from when its context has no recorded_at (YYYY-MM-DDTHH:MM; default: this machine's local clock)
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,

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
    /// The manager's audit: the checks over a whole export, summarised per standard, team and month
    Audit(Box<AuditArgs>),
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

/// `audit`.
#[derive(Debug, Args)]
#[command(
    subcommand_negates_reqs = true,
    override_usage = "case-note-check audit [OPTIONS] INPUT... (--out FILE | --csv FILE | --json FILE | --partial FILE)\n       \
                      case-note-check audit merge [OPTIONS] PARTIAL... (--out FILE | --csv FILE | --json FILE | --partial FILE)",
    after_help = "Examples:\n  \
        case-note-check audit export.csv --map id=NoteID,text=Body,event_at=EventDate,recorded_at=Created,team=Team --out report.html\n  \
        case-note-check audit shard-1.csv --map … --partial shard-1.partial.json      (the map step)\n  \
        case-note-check audit merge *.partial.json --out report.html                   (the merge)\n\n\
        The report carries note ids and counts, never note text. docs/audit.md has the details."
)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,

    /// Exports to audit: CSV or JSONL (- for standard input); several are read as one
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Write a partial summary (counts only) for `audit merge`; - for standard output
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub partial: Option<PathBuf>,

    /// Which column holds what: FIELD=COLUMN, comma-separated or repeated. Fields: id, text, event,
    /// event_at, recorded_at, team, worker, child_name, child_age, equality.AREA (e.g. equality.language)
    #[arg(long, value_name = "FIELD=COLUMN", value_delimiter = ',', help_heading = "Reading the export")]
    pub map: Vec<String>,

    /// The export's event types as the policy's categories: VALUE=CATEGORY, comma-separated or repeated
    /// (categories: high_risk, s47_strategy_significant, statutory_visit, other)
    #[arg(long, value_name = "VALUE=CATEGORY", value_delimiter = ',', help_heading = "Reading the export")]
    pub event_map: Vec<String>,

    /// The input format (auto: by the file's extension, else by its first character)
    #[arg(long, value_enum, default_value_t = Format::Auto, help_heading = "Reading the export")]
    pub format: Format,

    /// The CSV's character encoding (auto: a BOM, else UTF-8, else Windows-1252 if the bytes fit it)
    #[arg(long, value_enum, default_value_t = Encoding::Auto, help_heading = "Reading the export")]
    pub encoding: Encoding,

    /// The CSV's field separator (default: a tab for .tsv and .txt files, else a comma)
    #[arg(long, value_name = "CHAR", help_heading = "Reading the export")]
    pub delimiter: Option<char>,

    /// Read 01/02/2026 as 2 January (US order) instead of 1 February
    #[arg(long, help_heading = "Reading the export")]
    pub month_first: bool,

    /// Add a table per worker (workers' names appear only with this)
    #[arg(long, help_heading = "Privacy")]
    pub by_worker: bool,

    /// Show the phrases flagged in the notes listed for follow-up (never more of the note)
    #[arg(long, help_heading = "Privacy")]
    pub include_excerpts: bool,

    /// Threads to check notes on (default: every core)
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// No progress bar and no closing summary on standard error
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `audit merge`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Merge partial summaries (from `audit --partial`) into one report
    Merge(MergeArgs),
}

/// `audit merge`'s arguments.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Partial summaries: files of one or more lines, each line one partial
    #[arg(value_name = "PARTIAL", required = true)]
    pub partials: Vec<PathBuf>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Write the merged partial summary, to merge again later; - for standard output
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub partial: Option<PathBuf>,

    /// No closing summary on standard error
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Where the report goes. Each file is written whole or not at all.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// The report as one self-contained HTML file; - for standard output
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub out: Option<PathBuf>,

    /// The report's figures per group (overall, team, month, deadline category, worker) as CSV
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub csv: Option<PathBuf>,

    /// The report's figures as JSON
    #[arg(long, value_name = "FILE", help_heading = "Output")]
    pub json: Option<PathBuf>,
}

/// The input's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// By extension (.csv, .tsv, .txt; .jsonl, .ndjson, .json), else `{` first means JSONL
    Auto,
    /// Comma- (or tab-) separated, with a header row
    Csv,
    /// One JSON object a line, as the batch command reads
    Jsonl,
}

/// The CSV's character encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    /// A byte-order mark if there is one, else UTF-8, else Windows-1252 when the bytes fit it
    Auto,
    /// UTF-8 (a row that is not is a bad row)
    #[value(name = "utf-8")]
    Utf8,
    /// Windows-1252, what Excel's plain "CSV" writes on Windows
    #[value(name = "windows-1252")]
    Windows1252,
    /// UTF-16, what Excel's "Unicode Text" writes (little-endian unless a BOM says otherwise)
    #[value(name = "utf-16")]
    Utf16,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
