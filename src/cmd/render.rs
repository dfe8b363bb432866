//! `gen itt`, `gen all`, `gen nvi <round>`, …: load the data, plan the documents, render them,
//! and write everything atomically.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::Cli;
use crate::docs::house::HouseStyle;
use crate::docs::{self, Job, RunOptions};
use crate::error::Result;
use crate::incremental::{self, Inputs};
use crate::manifest;
use crate::model::Project;
use crate::output::{OutFile, Staging};
use crate::pipeline;
use crate::provenance::Provenance;
use crate::render::Renderer;
use crate::typeset::Engine;

/// Which documents a command renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Itt,
    /// One question round by name (`round-1`, `marktconsultatie`).
    Nvi(String),
    PriceForm,
    AwardLetters,
    All,
}

/// What a run produces: PDFs to typeset, and other files (spreadsheets, JSON) ready to write.
#[derive(Default)]
pub struct Plan {
    pub jobs: Vec<Job>,
    pub files: Vec<OutFile>,
}

impl Plan {
    fn add(&mut self, other: Plan) {
        self.jobs.extend(other.jobs);
        self.files.extend(other.files);
    }
}

/// The plan for a selection. `house`: the house colours, for the spreadsheet.
pub fn plan(
    project: &Project,
    selection: &Selection,
    opts: &RunOptions,
    house: &HouseStyle,
) -> Result<Plan> {
    let mut plan = Plan::default();
    match selection {
        Selection::Itt => plan.jobs.push(docs::itt::job(project, opts)),
        Selection::Nvi(round) => plan.jobs.push(docs::nvi::job(project, round, opts)?),
        Selection::PriceForm => plan.add(docs::price_form::plan(project, opts, house)?),
        Selection::AwardLetters => plan.add(docs::award::plan(project, opts)?),
        Selection::All => {
            plan.jobs.push(docs::itt::job(project, opts));
            plan.jobs.extend(docs::nvi::jobs(project, opts)?);
            plan.add(docs::price_form::plan(project, opts, house)?);
            plan.add(docs::award::plan(project, opts)?);
        }
    }
    Ok(plan)
}

pub fn run(cli: &Cli, selection: Selection) -> Result<()> {
    let start = Instant::now();
    let project = Project::load(&cli.data)?;
    if !project.warnings.is_empty() {
        eprint!("{}", crate::messages::diagnostics(&project.warnings));
    }
    // Where the documents come from (git); stamped on every page unless --no-stamp.
    let provenance = Provenance::detect(&cli.data, &cli.templates_dir());
    if cli.final_ {
        provenance.require_recorded()?;
    }
    let opts = RunOptions {
        draft: cli.draft,
        provenance: (!cli.no_stamp).then(|| provenance.footer()),
    };
    let house = crate::render::house::house_style(&cli.templates_dir())?;
    let plan = plan(&project, &selection, &opts, &house)?;
    let done = produce(
        &project,
        plan,
        &Target {
            data: &cli.data,
            out: &cli.out,
            templates: &cli.templates_dir(),
            provenance: &provenance,
            stamp: !cli.no_stamp,
            keep_source: cli.keep_source,
            force: cli.force,
        },
    )?;
    for f in &done.written {
        println!("wrote {}", cli.out.join(f).display());
    }
    for f in &done.unchanged {
        println!(
            "unchanged {} (inputs and file as in the last run; --force renders it again)",
            cli.out.join(f).display()
        );
    }
    eprintln!(
        "{} file(s), {} page(s) typeset, in {:.2} s",
        done.written.len(),
        done.pages,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Where and how a plan is produced.
pub struct Target<'a> {
    pub data: &'a Path,
    pub out: &'a Path,
    pub templates: &'a Path,
    pub provenance: &'a Provenance,
    /// Print the provenance in the documents (not with `--no-stamp`).
    pub stamp: bool,
    /// Also write each document's generated Typst source (`--keep-source`).
    pub keep_source: bool,
    /// Render documents even when unchanged since the last run (`--force`).
    pub force: bool,
}

/// What [`produce`] did: paths relative to the output folder, in plan order.
pub struct Produced {
    pub written: Vec<PathBuf>,
    pub unchanged: Vec<PathBuf>,
    /// Pages typeset.
    pub pages: usize,
}

/// Renders a plan's documents and writes them with its other files and the updated manifest
/// into the output folder, atomically. Each PDF is staged on disk as soon as it is made, so
/// memory does not grow with the number of documents.
pub fn produce(project: &Project, plan: Plan, target: &Target<'_>) -> Result<Produced> {
    let Plan { jobs, files: extra } = plan;
    let renderer = Renderer::load(target.templates)?;
    let mut engine = Engine::new(renderer.dir().to_path_buf(), target.data.to_path_buf());
    let provenance = target.provenance;
    if target.stamp {
        engine = engine.with_provenance(&provenance.footer(), &provenance.keywords());
    }
    // Documents whose inputs and output are unchanged since the last run are not typeset again.
    let stamp = target
        .stamp
        .then(|| (provenance.footer(), provenance.keywords().join("\n")));
    let inputs = Inputs::new(
        renderer.dir(),
        target.data,
        stamp.as_ref().map(|(f, k)| (f.as_str(), k.as_str())),
    );
    let previous = if target.force {
        None
    } else {
        manifest::read(target.out, &project.tender.reference)
    };
    let staging = Staging::new(target.out)?;
    let outcome = pipeline::render_changed(
        &renderer,
        &engine,
        &jobs,
        pipeline::default_threads(),
        &progress(jobs.len()),
        &|i, source| {
            incremental::unchanged(
                target.out,
                previous.as_ref(),
                &jobs[i],
                &inputs.key(&jobs[i], source),
            )
        },
        &|i, source, pdf| {
            let job = &jobs[i];
            for w in &pdf.warnings {
                eprintln!("{}: {w}", job.file.display());
            }
            if target.keep_source {
                staging.write(&job.file.with_extension("typ"), source.as_bytes())?;
            }
            staging.write(&job.file, &pdf.bytes)?;
            let document = manifest::Document {
                path: &job.file,
                title: job.title.clone(),
                sha256: manifest::sha256_hex(&pdf.bytes),
                inputs: Some(inputs.key(job, &source)),
            };
            Ok((document, pdf.pages))
        },
    )?;
    let mut written = Vec::new();
    let mut unchanged = Vec::new();
    let mut pdfs = Vec::new();
    let mut pages = 0;
    for (job, r) in jobs.iter().zip(outcome) {
        match r {
            Some((document, n)) => {
                pages += n;
                if target.keep_source {
                    written.push(job.file.with_extension("typ"));
                }
                written.push(job.file.clone());
                pdfs.push(document);
            }
            None => unchanged.push(job.file.clone()),
        }
    }
    if !pdfs.is_empty() || !extra.is_empty() {
        // Companion files (the price form's .xlsx) are titled after their document, also when
        // that document was skipped as unchanged.
        let mut documents = manifest::companions(&jobs, &extra);
        documents.extend(pdfs);
        let t = &project.tender;
        let run = manifest::RunInfo {
            reference: &t.reference,
            version: &t.version,
            provenance,
            stamped: target.stamp,
        };
        let manifest = manifest::updated(target.out, &run, &documents)?;
        for f in extra.iter().chain([&manifest]) {
            staging.write(&f.path, &f.bytes)?;
            written.push(f.path.clone());
        }
    }
    staging.commit()?;
    Ok(Produced {
        written,
        unchanged,
        pages,
    })
}

/// A progress line on stderr (`rendering 120/1000`) for runs of more than 20 documents, only
/// when stderr is a terminal (never in logs or tests).
fn progress(total: usize) -> impl Fn(usize) + Sync {
    use std::io::IsTerminal;
    let show = total > 20 && std::io::stderr().is_terminal();
    move |done| {
        if show {
            eprint!("\rrendering {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    }
}
