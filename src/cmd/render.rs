//! `gen itt`, `gen all`, …: load the data, build the jobs, render them, write them atomically.

use std::time::Instant;

use crate::cli::Cli;
use crate::docs::{self, Job, RunOptions};
use crate::error::Result;
use crate::model::Project;
use crate::output::{self, OutFile};
use crate::pipeline;
use crate::render::Renderer;
use crate::typeset::Engine;

/// Which documents a command renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Itt,
    All,
}

/// The jobs for a selection.
pub fn jobs(project: &Project, selection: Selection, opts: &RunOptions) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    match selection {
        Selection::Itt => jobs.push(docs::itt::job(project, opts)),
        Selection::All => {
            jobs.push(docs::itt::job(project, opts));
            jobs.extend(docs::nvi::jobs(project, opts)?);
        }
    }
    Ok(jobs)
}

pub fn run(cli: &Cli, selection: Selection) -> Result<()> {
    let start = Instant::now();
    let project = Project::load(&cli.data)?;
    let opts = RunOptions { draft: cli.draft, provenance: None };
    let jobs = jobs(&project, selection, &opts)?;
    let renderer = Renderer::load(&cli.templates_dir())?;
    let engine = Engine::new(renderer.dir().to_path_buf(), cli.data.clone());
    let rendered = pipeline::render_all(&renderer, &engine, &jobs, pipeline::default_threads(), &|_| {})?;

    let mut files = Vec::new();
    for r in &rendered {
        let job = &jobs[r.job_index];
        for w in &r.pdf.warnings {
            eprintln!("{}: {w}", job.file.display());
        }
        if cli.keep_source {
            files.push(OutFile { path: job.file.with_extension("typ"), bytes: r.source.clone().into_bytes() });
        }
        files.push(OutFile { path: job.file.clone(), bytes: r.pdf.bytes.clone() });
    }
    output::commit(&cli.out, &files)?;
    for r in &rendered {
        let job = &jobs[r.job_index];
        println!("wrote {} ({} pages)", cli.out.join(&job.file).display(), r.pdf.pages);
    }
    eprintln!("{} document(s) in {:.2} s", rendered.len(), start.elapsed().as_secs_f64());
    Ok(())
}
