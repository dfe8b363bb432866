//! `gen itt`, `gen all`, `gen nvi <round>`, …: load the data, plan the documents, render them,
//! and write everything atomically.

use std::time::Instant;

use crate::cli::Cli;
use crate::docs::{self, Job, RunOptions};
use crate::error::Result;
use crate::incremental::{self, Inputs};
use crate::manifest;
use crate::model::Project;
use crate::output::{self, OutFile};
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

/// The plan for a selection.
pub fn plan(project: &Project, selection: &Selection, opts: &RunOptions) -> Result<Plan> {
    let mut plan = Plan::default();
    match selection {
        Selection::Itt => plan.jobs.push(docs::itt::job(project, opts)),
        Selection::Nvi(round) => plan.jobs.push(docs::nvi::job(project, round, opts)?),
        Selection::PriceForm => plan.add(docs::price_form::plan(project, opts)?),
        Selection::AwardLetters => plan.add(docs::award::plan(project, opts)?),
        Selection::All => {
            plan.jobs.push(docs::itt::job(project, opts));
            plan.jobs.extend(docs::nvi::jobs(project, opts)?);
            plan.add(docs::price_form::plan(project, opts)?);
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
    let stamp = !cli.no_stamp;
    let opts = RunOptions {
        draft: cli.draft,
        provenance: stamp.then(|| provenance.footer()),
    };
    let Plan {
        jobs,
        files: mut extra,
    } = plan(&project, &selection, &opts)?;
    let renderer = Renderer::load(&cli.templates_dir())?;
    let mut engine = Engine::new(renderer.dir().to_path_buf(), cli.data.clone());
    if stamp {
        engine = engine.with_provenance(&provenance.footer(), &provenance.keywords());
    }
    // Documents whose inputs and output are unchanged since the last run are not typeset again.
    let stamp = stamp.then(|| (provenance.footer(), provenance.keywords().join("\n")));
    let inputs = Inputs::new(
        renderer.dir(),
        &cli.data,
        stamp.as_ref().map(|(f, k)| (f.as_str(), k.as_str())),
    );
    let previous = if cli.force {
        None
    } else {
        manifest::read(&cli.out, &project.tender.reference)
    };
    let outcome = pipeline::render_changed(
        &renderer,
        &engine,
        &jobs,
        pipeline::default_threads(),
        &progress(jobs.len()),
        &|i, source| {
            incremental::unchanged(
                &cli.out,
                previous.as_ref(),
                &jobs[i],
                &inputs.key(&jobs[i], source),
            )
        },
    )?;
    let mut skipped = Vec::new();
    let mut rendered = Vec::new();
    for (i, r) in outcome.into_iter().enumerate() {
        match r {
            Some(r) => rendered.push(r),
            None => skipped.push(&jobs[i].file),
        }
    }
    let stamp = stamp.is_some();

    let mut files = Vec::new();
    for r in &rendered {
        let job = &jobs[r.job_index];
        for w in &r.pdf.warnings {
            eprintln!("{}: {w}", job.file.display());
        }
        if cli.keep_source {
            files.push(OutFile {
                path: job.file.with_extension("typ"),
                bytes: r.source.clone().into_bytes(),
            });
        }
        files.push(OutFile {
            path: job.file.clone(),
            bytes: r.pdf.bytes.clone(),
        });
    }
    if !rendered.is_empty() || !extra.is_empty() {
        let pdfs: Vec<_> = rendered
            .iter()
            .map(|r| manifest::Document {
                path: &jobs[r.job_index].file,
                title: jobs[r.job_index].title.clone(),
                bytes: &r.pdf.bytes,
                inputs: Some(inputs.key(&jobs[r.job_index], &r.source)),
            })
            .collect();
        // Companion files (the price form's .xlsx) are titled after their document, also when
        // that document was skipped as unchanged.
        let mut documents = manifest::companions(&jobs, &extra);
        documents.extend(pdfs);
        let t = &project.tender;
        let run = manifest::RunInfo {
            reference: &t.reference,
            version: &t.version,
            provenance: &provenance,
            stamped: stamp,
        };
        let manifest = manifest::updated(&cli.out, &run, &documents)?;
        files.append(&mut extra);
        files.push(manifest);
    }
    output::commit(&cli.out, &files)?;
    for f in &files {
        println!("wrote {}", cli.out.join(&f.path).display());
    }
    for f in &skipped {
        println!(
            "unchanged {} (inputs and file as in the last run; --force renders it again)",
            cli.out.join(f).display()
        );
    }
    eprintln!(
        "{} file(s) in {:.2} s",
        files.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
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
