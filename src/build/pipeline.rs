//! Runs document jobs through the pipeline: Tera renders the Typst source, typst typesets it.
//! Documents are spread over plain worker threads (not rayon: typst-pdf uses rayon inside,
//! and documents would pile onto each other), all sharing one [`Engine`].

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::docs::Job;
use crate::error::{Error, Result};
use crate::render::Renderer;
use crate::typeset::{self, Engine};

/// The Typst source of one job.
pub fn source(renderer: &Renderer, job: &Job) -> Result<String> {
    renderer.render(job.template, &job.context.make())
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

/// Renders all jobs on `threads` workers. A job whose generated source
/// `unchanged(index, source)` accepts is not typeset (its result is `None`: the caller keeps the
/// PDF it already has); each PDF goes to `deliver(index, source, pdf)` on the worker that made
/// it, so a caller that writes it out holds no batch of PDFs in memory. Results are what
/// `deliver` returns, in job order. On failure, the first failing job's error (in job order).
pub(crate) fn render_changed<T: Send>(
    renderer: &Renderer,
    engine: &Engine,
    jobs: &[Job],
    threads: usize,
    progress: &(dyn Fn(usize) + Sync),
    unchanged: &(dyn Fn(usize, &str) -> bool + Sync),
    deliver: &(dyn Fn(usize, String, typeset::Pdf) -> Result<T> + Sync),
) -> Result<Vec<Option<T>>> {
    // Largest first, so that no long document starts last and runs while the other workers
    // sit idle. Sources are measured here, not kept (Tera takes well under a millisecond a
    // document; a thousand sources held at once would not).
    let in_order: Vec<usize> = (0..jobs.len()).collect();
    let sizes = for_each_job(jobs, &[(&in_order, threads)], &|_| {}, |_, job| {
        source(renderer, job).map(|s| s.len())
    })?;
    let mut largest_first = in_order;
    largest_first.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    // A document many times the size of a typical one (the proces-verbaal of a thousand bids)
    // is typeset on its own, after the others: typst spreads its layout over all cores, while
    // beside other documents it took twice as long; and typst's caches keep the capacity it
    // made them grow to, which made every document after it more than twice as slow
    // (measured at 1,000 bids: letters and proces-verbaal side by side 16 s, the
    // proces-verbaal first 22 s, last 13 s).
    let median = largest_first.get(jobs.len() / 2).map_or(0, |&i| sizes[i]);
    let alone = largest_first
        .iter()
        .take_while(|&&i| jobs.len() > 1 && sizes[i] > LONG_DOCUMENT * median)
        .count();
    let (long, rest) = largest_first.split_at(alone);
    for_each_job(jobs, &[(rest, threads), (long, 1)], progress, |i, job| {
        let source = source(renderer, job)?;
        if unchanged(i, &source) {
            return Ok(None);
        }
        let pdf = typeset_job(engine, job, source.clone())?;
        deliver(i, source, pdf).map(Some)
    })
}

/// How many times the median size a document's source must be to be typeset on its own.
const LONG_DOCUMENT: usize = 16;

/// The text of one job's typeset document (no PDF export), for comparing revisions.
pub fn text_one(renderer: &Renderer, engine: &Engine, job: &Job) -> Result<typeset::DocText> {
    let src = source(renderer, job)?;
    typeset::text(engine, &job.file.display().to_string(), src, job.date)
}

/// [`text_one`] for all jobs on `threads` workers, in job order.
pub(crate) fn text_all(
    renderer: &Renderer,
    engine: &Engine,
    jobs: &[Job],
    threads: usize,
) -> Result<Vec<typeset::DocText>> {
    let in_order: Vec<usize> = (0..jobs.len()).collect();
    for_each_job(jobs, &[(&in_order, threads)], &|_| {}, |_, job| {
        text_one(renderer, engine, job)
    })
}

/// Runs `work` on every job, in stages one after the other: each stage is an order of job
/// indices and the number of workers that take them in that order. Results in job order. On
/// failure, remaining work is abandoned and the error of the first failing job in job order is
/// returned.
fn for_each_job<T: Send>(
    jobs: &[Job],
    stages: &[(&[usize], usize)],
    progress: &(dyn Fn(usize) + Sync),
    work: impl Fn(usize, &Job) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let failed = AtomicBool::new(false);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<T>>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    for &(order, threads) in stages {
        let next = AtomicUsize::new(0);
        let workers = threads.clamp(1, order.len().max(1));
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    loop {
                        if failed.load(Ordering::Relaxed) {
                            break;
                        }
                        let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            break;
                        };
                        let r = work(i, &jobs[i]);
                        if r.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        results.lock().expect("no poisoned lock")[i] = Some(r);
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    }
                });
            }
        });
    }
    let results = results.into_inner().expect("no poisoned lock");
    // An abandoned job is no error of its own: report the failure that stopped the run.
    if results.iter().any(|r| matches!(r, Some(Err(_)))) {
        let first = results.into_iter().find_map(|r| r.and_then(Result::err));
        return Err(first.expect("a failed job"));
    }
    results
        .into_iter()
        .enumerate()
        .map(|(i, r)| match r {
            Some(Ok(rendered)) => Ok(rendered),
            _ => Err(Error::Usage(format!(
                "document {} was not rendered",
                jobs[i].file.display()
            ))),
        })
        .collect()
}

/// Worker threads to use: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::Context;

    fn jobs(n: usize) -> Vec<Job> {
        (0..n)
            .map(|i| Job {
                file: format!("T-1/{i}.pdf").into(),
                title: format!("document {i}"),
                template: "x.typ.tera",
                context: Context::ready(tera::Context::new()),
                date: chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            })
            .collect()
    }

    #[test]
    fn stages_run_in_their_order_and_results_come_in_job_order() {
        let jobs = jobs(5);
        let seen = Mutex::new(Vec::new());
        let results = for_each_job(&jobs, &[(&[3, 1, 4], 2), (&[0, 2], 1)], &|_| {}, |i, _| {
            seen.lock().unwrap().push(i);
            Ok(i * 10)
        })
        .unwrap();
        assert_eq!(results, [0, 10, 20, 30, 40]);
        let seen = seen.into_inner().unwrap();
        // The second stage starts when the first is done.
        assert_eq!(&seen[3..], [0, 2]);
    }

    #[test]
    fn the_failure_is_reported_not_the_jobs_it_abandoned() {
        let jobs = jobs(4);
        let err = for_each_job(&jobs, &[(&[3, 2, 1, 0], 1)], &|_| {}, |i, _| {
            if i == 2 {
                Err(Error::Usage("job 2 broke".into()))
            } else {
                Ok(())
            }
        })
        .unwrap_err();
        // Jobs 1 and 0 were never run; job 2's own error is what the user needs to see.
        assert!(err.to_string().contains("job 2 broke"), "{err}");
    }
}
