//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `gen --help`: the commands grouped by what people do with them (clap lists them flat).
const HELP: &str = "\
{about-with-newline}
{usage-heading} {usage}

Documents:
  all            Every document the data supports
  itt            The invitation to tender (offerteaanvraag)
  nvi            A nota van inlichtingen (`gen nvi round-1`); `gen nvi import` adds questions
  price-form     The price form (Bijlage D): PDF and the .xlsx bidders fill in
  award-letters  The award letters, the proces-verbaal and evaluation.json

While working on the tender:
  check          Renders everything in memory and reports every problem (writes nothing)
  status         Question rounds, bids, the decision, documents out of date, what to do next
  watch          Renders, then re-renders what changed on every save
  diff           What changed in the documents between two git revisions

Data and setup:
  prices         `gen prices import <file.xlsx> --bidder <id>`: a bidder's filled price form
  schema         JSON Schema of a data file kind, for editors (`gen schema award`)
  init           A new tender repository
  completions    Shell completions (bash, zsh, fish, powershell, elvish)
  help           Help on a command (`gen help nvi`)

Options:
{options}{after-help}";

const EXAMPLES: &str = "\
Examples:
  gen check                     every problem at once, nothing written
  gen --draft nvi round-2       a draft NvI with the open questions marked
  gen watch --draft             re-render on every save
  gen status                    what is done and what is next
  gen all --final               publishable documents from committed data

Exit codes: 0 success, 1 data or rendering error (nothing written), 2 usage error.";

#[derive(Debug, Parser)]
#[command(
    name = "gen",
    version,
    about = "Renders the documents of a Dutch public tender as PDFs from YAML data.",
    help_template = HELP,
    after_help = EXAMPLES,
    subcommand_help_heading = "Commands",
)]
pub struct Cli {
    /// The tender's data folder [default: `data` in the tender's folder, found from any
    /// folder inside it].
    #[arg(long, global = true, value_name = "DIR", help_heading = "Tender")]
    pub data: Option<PathBuf>,
    /// Where documents are written, one folder per tender reference [default: `out` in the
    /// tender's folder].
    #[arg(long, global = true, value_name = "DIR", help_heading = "Tender")]
    pub out: Option<PathBuf>,
    /// The template folder [default: `templates` next to the data folder].
    #[arg(long, global = true, value_name = "DIR", help_heading = "Tender")]
    pub templates: Option<PathBuf>,
    /// Print only problems.
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Output"
    )]
    pub quiet: bool,
    /// Print more: each unchanged document, timings.
    #[arg(short, long, global = true, help_heading = "Output")]
    pub verbose: bool,
    /// Colour in messages.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN", help_heading = "Output")]
    pub color: ColorChoice,
    /// How diagnostics are printed: for people, or as JSON lines on stdout (as cargo's).
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human, value_name = "FMT", help_heading = "Output")]
    pub message_format: MessageFormat,
    /// Render options given before the command (`gen --draft all`).
    #[command(flatten)]
    pub render: RenderArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

/// The options of the commands that render (before or after the command's name).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Render options")]
pub struct RenderArgs {
    /// Render as a draft: a CONCEPT watermark on every page; open questions allowed.
    #[arg(long)]
    pub draft: bool,
    /// Also write the generated Typst source next to each PDF (for debugging templates).
    #[arg(long)]
    pub keep_source: bool,
    /// Refuse to render unless the data and templates are committed in git (for publishing).
    #[arg(long = "final", conflicts_with_all = ["draft", "no_stamp"])]
    pub final_: bool,
    /// Leave the git provenance out, for comparing content across revisions.
    #[arg(long)]
    pub no_stamp: bool,
    /// Render every document, also those unchanged since the last run (otherwise skipped).
    #[arg(long)]
    pub force: bool,
}

impl RenderArgs {
    /// These options and those given before the command together.
    pub fn with(&self, before: &RenderArgs) -> RenderArgs {
        RenderArgs {
            draft: self.draft || before.draft,
            keep_source: self.keep_source || before.keep_source,
            final_: self.final_ || before.final_,
            no_stamp: self.no_stamp || before.no_stamp,
            force: self.force || before.force,
        }
    }

    fn any(&self) -> bool {
        self.draft || self.keep_source || self.final_ || self.no_stamp || self.force
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The invitation to tender (offerteaanvraag).
    #[command(visible_alias = "offerteaanvraag")]
    Itt(RenderArgs),
    /// The price form (Bijlage D): a PDF explaining it and the .xlsx bidders fill in.
    #[command(visible_alias = "prijsformulier")]
    PriceForm(RenderArgs),
    /// The reasoned award decision letters to every bidder, the evaluation report and evaluation.json.
    #[command(visible_alias = "gunning")]
    AwardLetters(RenderArgs),
    /// Bijlage I, the question form (.xlsx) bidders ask their questions in (`gen nvi import` reads it).
    #[command(visible_alias = "vragenformulier")]
    QuestionForm(RenderArgs),
    /// The invitations to the presentation (or interview), one per valid bidder (data/presentations.yaml).
    #[command(visible_alias = "uitnodigingen")]
    Invitations(RenderArgs),
    /// The definitive award to the winner and a notice to every other bidder, after the standstill (data/definitive-award.yaml).
    #[command(visible_alias = "definitieve-gunning")]
    DefinitiveAward(RenderArgs),
    /// Every document the data supports.
    All(RenderArgs),
    /// Renders every document in memory and reports every problem, writing nothing (exit 0: the
    /// documents render).
    Check(crate::cmd::check::CheckArgs),
    /// Question rounds, bids, the decision, documents missing or out of date, and what to do next.
    Status,
    /// Renders all documents, then on every save of the data or templates re-renders those
    /// whose inputs changed (Ctrl-C stops).
    Watch(RenderArgs),
    /// A nota van inlichtingen (`gen nvi round-1`), or importing questions (`gen nvi import`).
    Nvi(crate::cmd::nvi::NviArgs),
    /// What changed in the documents between two git revisions (the second defaults to the working tree).
    Diff(crate::cmd::diff::DiffArgs),
    /// Creates a new tender repository from the built-in starter (`--procedure`): data with placeholders, templates, a README, git.
    Init(crate::cmd::init::InitArgs),
    /// Bidders' prices: `gen prices import <file.xlsx> --bidder <id>` reads a filled price form into data/bids/<id>.yaml.
    #[command(visible_alias = "prijzen")]
    Prices(crate::cmd::prices::PricesArgs),
    /// The JSON Schema of a kind of data file (`gen schema award`), for editors with the YAML
    /// language server; `--list` the kinds, `--write` the schema files in data/.schemas.
    Schema(crate::cmd::schema::SchemaArgs),
    /// Prints shell completions: `gen completions bash > ~/.local/share/bash-completion/completions/gen`.
    Completions(crate::cmd::completions::CompletionsArgs),
}

/// Where the tender is: its data folder, and the output folder beside it.
struct Located {
    data: PathBuf,
    out: PathBuf,
}

impl Cli {
    /// The data folder: `--data`, else `data` of the nearest folder upwards from the current
    /// one that holds `data/tender.yaml` (as git and cargo look upwards), else `data`.
    fn locate(&self) -> Located {
        let found = || {
            let cwd = std::env::current_dir().ok()?;
            let root = cwd
                .ancestors()
                .find(|d| d.join("data").join("tender.yaml").is_file())?;
            // Relative paths when the tender is here, so messages stay short.
            let root = if root == cwd.as_path() {
                PathBuf::new()
            } else {
                root.to_path_buf()
            };
            Some(root)
        };
        let root = match &self.data {
            Some(_) => None,
            None => found(),
        };
        let data = match (&self.data, &root) {
            (Some(d), _) => d.clone(),
            (None, Some(root)) => root.join("data"),
            (None, None) => PathBuf::from("data"),
        };
        let out = match (&self.out, &root) {
            (Some(o), _) => o.clone(),
            (None, Some(root)) => root.join("out"),
            (None, None) => PathBuf::from("out"),
        };
        Located { data, out }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.locate().data
    }

    pub fn out_dir(&self) -> PathBuf {
        self.locate().out
    }

    pub fn templates_dir(&self) -> PathBuf {
        match &self.templates {
            Some(t) => t.clone(),
            None => crate::render::templates_beside(&self.data_dir()),
        }
    }

    /// A usage error when render options were given before a command that does not render.
    pub(crate) fn no_render_options(&self, command: &str) -> crate::Result<()> {
        if self.render.any() {
            return Err(crate::Error::Usage(format!(
                "`gen {command}` renders nothing: --draft, --keep-source, --final, --no-stamp \
                 and --force belong to the commands that render"
            )));
        }
        Ok(())
    }

    /// The run's options with the render options of the command (and those before it).
    pub(crate) fn build_options_with(&self, render: &RenderArgs) -> crate::build::Options {
        let r = render.with(&self.render);
        let located = self.locate();
        crate::build::Options {
            templates: self.templates_dir(),
            data: located.data,
            out: located.out,
            draft: r.draft,
            keep_source: r.keep_source,
            require_recorded: r.final_,
            stamp: !r.no_stamp,
            force: r.force,
            threads: crate::build::pipeline::default_threads(),
            quiet: self.quiet,
        }
    }

    /// The run's options for a command without render options of its own.
    pub(crate) fn build_options(&self) -> crate::build::Options {
        self.build_options_with(&RenderArgs::default())
    }
}
