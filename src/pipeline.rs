//! Runs document jobs through the pipeline: Tera renders the Typst source, typst typesets it.
//! Documents are spread over plain worker threads (not rayon: typst-pdf uses rayon inside,
//! and documents would pile onto each other), all sharing one [`Engine`].

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::docs::Job;
use crate::error::{Error, Result};
use crate::render::Renderer;
use crate::typeset::{self, Engine};

/// A rendered document.
pub struct Rendered {
    pub job_index: usize,
    pub source: String,
    pub pdf: typeset::Pdf,
}

/// The Typst source of one job.
pub fn source(renderer: &Renderer, job: &Job) -> Result<String> {
    renderer.render(job.template, &job.context)
}

/// Renders one job to PDF.
pub fn render_one(
    renderer: &Renderer,
    engine: &Engine,
    job: &Job,
) -> Result<(String, typeset::Pdf)> {
    let src = source(renderer, job)?;
    let pdf = typeset_job(engine, job, src.clone())?;
    Ok((src, pdf))
}

/// Typesets a job's generated source; the PDF's identifier is the job's output path.
fn typeset_job(engine: &Engine, job: &Job, source: String) -> Result<typeset::Pdf> {
    let ident = job.file.to_string_lossy().replace('\\', "/");
    typeset::pdf(
        engine,
        &job.file.display().to_string(),
        source,
        job.date,
        &ident,
    )
}

/// Renders all jobs on `threads` workers; results in job order. On failure, the error of the
/// first failing job (in job order) is returned and remaining work is abandoned.
pub fn render_all(
    renderer: &Renderer,
    engine: &Engine,
    jobs: &[Job],
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<Vec<Rendered>> {
    let all = render_changed(renderer, engine, jobs, threads, progress, &|_, _| false)?;
    Ok(all.into_iter().flatten().collect())
}

/// Like [`render_all`], but a job whose generated source `unchanged(index, source)` accepts is
/// not typeset: its result is `None` (the caller keeps the PDF it already has).
pub fn render_changed(
    renderer: &Renderer,
    engine: &Engine,
    jobs: &[Job],
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
    unchanged: &(dyn Fn(usize, &str) -> bool + Sync),
) -> Result<Vec<Option<Rendered>>> {
    for_each_job(jobs, threads, progress, |i, job| {
        let source = source(renderer, job)?;
        if unchanged(i, &source) {
            return Ok(None);
        }
        let pdf = typeset_job(engine, job, source.clone())?;
        Ok(Some(Rendered {
            job_index: i,
            source,
            pdf,
        }))
    })
}

/// The text of one job's typeset document (no PDF export), for comparing revisions.
pub fn text_one(renderer: &Renderer, engine: &Engine, job: &Job) -> Result<typeset::DocText> {
    let src = source(renderer, job)?;
    typeset::text(engine, &job.file.display().to_string(), src, job.date)
}

/// [`text_one`] for all jobs, like [`render_all`].
pub fn text_all(
    renderer: &Renderer,
    engine: &Engine,
    jobs: &[Job],
    threads: usize,
) -> Result<Vec<typeset::DocText>> {
    for_each_job(jobs, threads, &|_| {}, |_, job| {
        text_one(renderer, engine, job)
    })
}

/// Runs `work` on every job on `threads` workers; results in job order. On failure, the
/// error of the first failing job (in job order) is returned and remaining work is abandoned.
fn for_each_job<T: Send>(
    jobs: &[Job],
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
    work: impl Fn(usize, &Job) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<T>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    let workers = threads.clamp(1, jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let r = work(i, job);
                    if r.is_err() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    results.lock().expect("no poisoned lock")[i] = Some(r);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
    });
    let mut out = Vec::with_capacity(jobs.len());
    for (i, r) in results
        .into_inner()
        .expect("no poisoned lock")
        .into_iter()
        .enumerate()
    {
        match r {
            Some(Ok(rendered)) => out.push(rendered),
            Some(Err(e)) => return Err(e),
            None => {
                return Err(Error::Usage(format!(
                    "document {} was not rendered",
                    jobs[i].file.display()
                )));
            }
        }
    }
    Ok(out)
}

/// Worker threads to use: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}
