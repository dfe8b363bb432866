//! Producing a plan: render each document (skipping the unchanged), typeset it, and write
//! everything with the updated manifest into the output folder atomically.

use std::path::PathBuf;

use super::incremental::{self, Inputs};
use super::{Build, pipeline};
use crate::docs::Plan;
use crate::error::Result;
use crate::output::{Staging, manifest};
use crate::typeset::Engine;

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
impl Build {
    pub fn produce(&self, plan: Plan) -> Result<Produced> {
        self.produce_with(plan, &self.stamped_engine())
    }

    /// [`Build::produce`] with an engine made by [`Build::stamped_engine`] of an earlier build
    /// of the same templates and provenance (`gen watch` keeps it warm across runs).
    pub fn produce_with(&self, plan: Plan, engine: &Engine) -> Result<Produced> {
        let Plan { jobs, files: extra } = plan;
        let project = &self.project;
        let target = &self.options;
        let renderer = &self.renderer;
        let provenance = &self.provenance;
        // Documents whose inputs and output are unchanged since the last run are not typeset again.
        let stamp = target
            .stamp
            .then(|| (provenance.footer(), provenance.keywords().join("\n")));
        let inputs = Inputs::new(
            renderer.dir(),
            &target.data,
            stamp.as_ref().map(|(f, k)| (f.as_str(), k.as_str())),
        );
        // Staging locks the output folder: from here no other run changes it.
        let staging = Staging::new(&target.out)?;
        let previous = if target.force {
            None
        } else {
            manifest::read(&target.out, &project.tender.reference)
        };
        let outcome = pipeline::render_changed(
            renderer,
            engine,
            &jobs,
            target.threads,
            &progress(jobs.len(), target.quiet),
            &|i, source| {
                incremental::unchanged(
                    &target.out,
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
            let manifest = manifest::updated(&target.out, &run, &documents)?;
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

    /// The typst engine for this run with its provenance stamp (unless `--no-stamp`).
    pub fn stamped_engine(&self) -> Engine {
        let engine = self.engine();
        if !self.options.stamp {
            return engine;
        }
        let p = &self.provenance;
        engine.with_provenance(&p.footer(), &p.keywords())
    }

    /// The typst engine for this run's templates and data (without the provenance stamp).
    pub fn engine(&self) -> Engine {
        Engine::new(self.renderer.dir().to_path_buf(), self.options.data.clone())
    }
}

/// Progress on stderr for runs of more than 20 documents (not with `quiet`): on a terminal one
/// line updated in place (`rendering 120/1000`), otherwise (a log, a pipe) a line at every
/// tenth, so that a long run is never silent.
fn progress(total: usize, quiet: bool) -> impl Fn(usize) + Sync {
    use std::io::IsTerminal;
    let show = total > 20 && !quiet;
    let terminal = std::io::stderr().is_terminal();
    let step = total.div_ceil(10).max(1);
    move |done| {
        if !show {
            return;
        }
        if terminal {
            eprint!("\rrendering {done}/{total}");
            if done == total {
                eprintln!();
            }
        } else if done % step == 0 || done == total {
            eprintln!("rendering {done}/{total}");
        }
    }
}
